//! `str.maketrans` and `str.translate`: translation tables are dicts from
//! code points to code points, strings or None, as in CPython.

use crate::object::args::arity;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, new_str, type_name, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// `str.maketrans(x[, y[, z]])`.
pub fn b_maketrans(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("maketrans", kw)?;
    arity("maketrans", args, 1, 3)?;
    for (i, a) in args.iter().enumerate().skip(1) {
        if as_str(a).is_none() {
            return raise(
                ExcKind::TypeError,
                format!(
                    "maketrans() argument {} must be str, not {}",
                    i + 1,
                    crate::object::heap::type_name(a)
                ),
            );
        }
    }
    let table =
        crate::types::construct::construct(vm, crate::object::heap::TypeKind::Dict, &[], &[])?;
    let Some(Object::Dict(d)) = table.as_obj() else {
        return Ok(table);
    };
    if args.len() == 1 {
        let Some(Object::Dict(src)) = args[0].as_obj() else {
            return raise(
                ExcKind::TypeError,
                "if you give only one argument to maketrans it must be a dict",
            );
        };
        let items: Vec<(Value, Value)> = src
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            let key = match as_str(&k) {
                Some(s) if s.chars().count() == 1 => {
                    Value::Int(s.chars().next().map_or(0, |c| c as i64))
                }
                Some(_) => {
                    return raise(
                        ExcKind::ValueError,
                        "string keys in translate table must be of length 1",
                    )
                }
                None if int_of(&k).is_some() => k,
                None => {
                    return raise(
                        ExcKind::TypeError,
                        "keys in translate table must be strings or integers",
                    )
                }
            };
            d.borrow_mut().set(key, v)?;
        }
        return Ok(table);
    }
    let (Some(x), Some(y)) = (as_str(&args[0]), as_str(&args[1])) else {
        return raise(ExcKind::TypeError, "maketrans() argument 2 must be str");
    };
    let (xs, ys): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if xs.len() != ys.len() {
        return raise(
            ExcKind::ValueError,
            "the first two maketrans arguments must have equal length",
        );
    }
    let mut t = d.borrow_mut();
    for (a, b) in xs.iter().zip(&ys) {
        t.set(Value::Int(*a as i64), Value::Int(*b as i64))?;
    }
    if let Some(z) = args.get(2) {
        for c in as_str(z).unwrap_or("").chars() {
            t.set(Value::Int(c as i64), Value::None)?;
        }
    }
    drop(t);
    Ok(table)
}

/// `s.translate(table)`: each character's code point looked up in the
/// table (missing: kept; None: deleted; int or str: replaced).
pub fn m_translate(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("translate", kw)?;
    arity("translate", args, 1, 1)?;
    let text = s.and_then(as_str).unwrap_or("").to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let key = Value::Int(c as i64);
        match crate::protocol::getitem(vm, &args[0], &key) {
            Ok(Value::None) => {}
            Ok(v) => match (int_of(&v), as_str(&v)) {
                (Some(IntVal::Small(n)), _) => match u32::try_from(n).ok().and_then(char::from_u32)
                {
                    Some(ch) => out.push(ch),
                    None => {
                        return raise(
                            ExcKind::ValueError,
                            "character mapping must be in range(0x110000)",
                        )
                    }
                },
                (_, Some(t)) => out.push_str(t),
                _ => {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "character mapping must return integer, None or str, not {}",
                            type_name(&v)
                        ),
                    )
                }
            },
            Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::LookupError) => {
                out.push(c)
            }
            Err(e) => return Err(e),
        }
    }
    Ok(new_str(out))
}
