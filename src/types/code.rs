//! `code`: the attributes of code objects (`f.__code__`, `compile()`),
//! read from the bytecode crate's `CodeObject`.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{new_str, new_tuple, type_name, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use taipan_bytecode::code::CodeObject;

/// The code object a getter was called on.
fn code_of(v: &Value) -> PyResult<&CodeObject> {
    match v.as_obj() {
        Some(Object::Code(rt)) => Ok(&rt.code),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'code' object but received a '{}'",
                type_name(v)
            ),
        ),
    }
}

fn names_tuple(names: &[String]) -> Value {
    new_tuple(names.iter().map(|n| new_str(n.clone())).collect())
}

/// `code.replace(**changes)`: a copy with the given `co_*` fields
/// changed; the fields the interpreter's checked layout does not depend on
/// (names, flags, counts of the signature, line and file) can change.
fn replace(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    if !rest.is_empty() {
        return raise(
            ExcKind::TypeError,
            "replace() takes no positional arguments",
        );
    }
    let Some(Object::Code(rt)) = r.as_obj() else {
        return code_of(r).map(|_| Value::None);
    };
    let mut code = (*rt.code).clone();
    code.flags = rt.flags();
    for (name, v) in kw {
        let int = || -> PyResult<u32> {
            match v {
                Value::Int(i) if (0..=u32::MAX as i64).contains(i) => Ok(*i as u32),
                _ => raise(
                    ExcKind::TypeError,
                    format!(
                        "replace() argument '{name}' must be int, not {}",
                        type_name(v)
                    ),
                ),
            }
        };
        let text = || -> PyResult<String> {
            crate::object::heap::as_str(v)
                .map(str::to_string)
                .ok_or_else(|| {
                    crate::object::exceptions::PyErr::new(
                        ExcKind::TypeError,
                        format!(
                            "replace() argument '{name}' must be str, not {}",
                            type_name(v)
                        ),
                    )
                })
        };
        match &**name {
            "co_flags" => code.flags = int()?,
            "co_firstlineno" => code.firstlineno = int()?,
            "co_name" => code.name = text()?,
            "co_qualname" => code.qualname = text()?,
            "co_filename" => code.filename = text()?,
            other if other.starts_with("co_") => {
                return raise(
                    ExcKind::ValueError,
                    format!("replace(): Taipan cannot change {other}"),
                )
            }
            other => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{other}' is an invalid keyword argument for replace()"),
                )
            }
        }
    }
    Ok(Value::obj(NewObject::Code(
        vm.prepare_code(&std::sync::Arc::new(code)),
    )))
}

/// `code.co_positions()`: per instruction, `(lineno, end_lineno,
/// col_offset, end_col_offset)`, None where unknown.
fn co_positions(
    _: &mut Vm,
    s: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, a)?;
    let code = code_of(r)?;
    let n = |x: u32, known: bool| {
        if known {
            Value::Int(x as i64)
        } else {
            Value::None
        }
    };
    let items = (0..code.code.len() / 2)
        .map(|i| {
            let p = code.positions.get(i).copied().unwrap_or_default();
            let known = p.lineno != 0;
            new_tuple(vec![
                n(p.lineno, known),
                n(p.end_lineno, known),
                n(p.col, known),
                n(p.end_col, known),
            ])
        })
        .collect();
    crate::types::builtin_iter::get_iter(&new_tuple(items))
}

/// `code.co_lines()`: `(start, end, line)` for each run of instructions
/// on one line (byte offsets; line None where unknown).
fn co_lines(
    _: &mut Vm,
    s: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, a)?;
    let code = code_of(r)?;
    let units = code.code.len() / 2;
    let line = |i: usize| code.positions.get(i).map_or(0, |p| p.lineno);
    let mut items = Vec::new();
    let mut start = 0;
    while start < units {
        let l = line(start);
        let mut end = start + 1;
        while end < units && line(end) == l {
            end += 1;
        }
        let lv = if l == 0 {
            Value::None
        } else {
            Value::Int(l as i64)
        };
        items.push(new_tuple(vec![
            Value::Int(2 * start as i64),
            Value::Int(2 * end as i64),
            lv,
        ]));
        start = end;
    }
    crate::types::builtin_iter::get_iter(&new_tuple(items))
}

/// The `co_*` attributes of code objects (`f.__code__`, `compile()`).
pub const MEMBERS: &[crate::object::builtin_types::Member] = {
    use crate::object::builtin_types::Member::Getter;
    &[
        Getter("co_name", |v| Ok(new_str(code_of(v)?.name.clone()))),
        Getter("co_qualname", |v| Ok(new_str(code_of(v)?.qualname.clone()))),
        Getter("co_filename", |v| Ok(new_str(code_of(v)?.filename.clone()))),
        Getter("co_firstlineno", |v| {
            Ok(Value::Int(code_of(v)?.firstlineno as i64))
        }),
        Getter("co_argcount", |v| {
            Ok(Value::Int(code_of(v)?.argcount as i64))
        }),
        Getter("co_posonlyargcount", |v| {
            Ok(Value::Int(code_of(v)?.posonlyargcount as i64))
        }),
        Getter("co_kwonlyargcount", |v| {
            Ok(Value::Int(code_of(v)?.kwonlyargcount as i64))
        }),
        Getter("co_flags", |v| match v.as_obj() {
            Some(Object::Code(rt)) => Ok(Value::Int(rt.flags() as i64)),
            _ => code_of(v).map(|_| Value::None),
        }),
        Getter("co_stacksize", |v| {
            Ok(Value::Int(code_of(v)?.stacksize as i64))
        }),
        Getter("co_nlocals", |v| {
            Ok(Value::Int(code_of(v)?.varnames.len() as i64))
        }),
        Getter("co_varnames", |v| Ok(names_tuple(&code_of(v)?.varnames))),
        Getter("co_cellvars", |v| Ok(names_tuple(&code_of(v)?.cellvars))),
        Getter("co_freevars", |v| Ok(names_tuple(&code_of(v)?.freevars))),
        Getter("co_names", |v| Ok(names_tuple(&code_of(v)?.names))),
        Getter("co_code", |v| {
            Ok(Value::obj(NewObject::Bytes(code_of(v)?.code.clone())))
        }),
        Getter("co_consts", |v| match v.as_obj() {
            Some(Object::Code(rt)) => Ok(new_tuple(rt.consts.clone())),
            _ => code_of(v).map(|_| Value::None),
        }),
        crate::object::builtin_types::Member::Method("replace", replace),
        crate::object::builtin_types::Member::Method("co_positions", co_positions),
        crate::object::builtin_types::Member::Method("co_lines", co_lines),
    ]
};
