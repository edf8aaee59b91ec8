//! `types.GenericAlias`: what subscripting a built-in container type
//! makes (`list[int]`, `dict[str, list[int]]`, `tuple[int, ...]`), as in
//! annotations evaluated at run time (PEP 585). It records the origin and
//! the arguments, prints as written, compares and hashes by them, makes
//! an instance of the origin when called, and stands for the origin as a
//! base class (`__mro_entries__`). A native type added as
//! `types.SimpleNamespace` is: one method table, one class, one line in
//! the `types` module.

use crate::object::classes::{is_instance_of, Instance};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{new_str, new_tuple, BuiltinFn, Object, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The methods, declared once: they become the class dict.
const METHODS: &[(&str, BuiltinFn)] = &[
    ("__repr__", repr),
    ("__eq__", eq),
    ("__hash__", hash),
    ("__call__", call),
    ("__mro_entries__", mro_entries),
    ("__or__", or),
    ("__ror__", ror),
];

crate::object::builtin_types::native_class!("types", "GenericAlias", METHODS);

/// `origin[args]`: a tuple of arguments stays one, anything else is the
/// only argument.
pub fn new(origin: Value, args: &Value) -> Value {
    let args = match args.as_obj() {
        Some(Object::Tuple(_)) => args.clone(),
        _ => new_tuple(vec![args.clone()]),
    };
    let Value::Obj(class) = class() else {
        return Value::None;
    };
    let inst = Instance::new(class, None, None);
    inst.set_attr("__origin__", origin);
    inst.set_attr("__args__", args);
    inst.set_attr("__parameters__", new_tuple(Vec::new()));
    Value::obj(NewObject::Instance(inst))
}

/// `T.__class_getitem__(item)` of the built-in containers.
pub fn class_getitem(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    match args {
        [cls, item] => Ok(new(cls.clone(), item)),
        _ => raise(ExcKind::TypeError, "__class_getitem__ expects one argument"),
    }
}

/// The alias a method was called on, with its arguments.
fn receiver<'a>(s: Option<&'a Value>, args: &'a [Value]) -> PyResult<(&'a Instance, &'a [Value])> {
    let (_, i, rest) =
        crate::object::builtin_types::native_receiver(s, args, &class(), "types.GenericAlias")?;
    Ok((i, rest))
}

fn parts(i: &Instance) -> (Value, Vec<Value>) {
    let origin = i.get_attr("__origin__").unwrap_or_default();
    let args = match i.get_attr("__args__").as_ref().and_then(Value::as_obj) {
        Some(Object::Tuple(t)) => t.clone(),
        _ => Vec::new(),
    };
    (origin, args)
}

/// How an argument prints inside an alias (CPython's
/// `_Py_typing_type_repr`): `...`, classes by qualified name, aliases as
/// themselves, anything else by `repr`.
pub fn type_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if matches!(v.as_obj(), Some(Object::Ellipsis)) {
        return Ok("...".into());
    }
    if let Some(Object::Class(c)) = v.as_obj() {
        let module = match c.static_module {
            Some(m) => m.to_string(),
            None => match crate::object::classes::getattr(vm, v, "__module__") {
                Ok(m) => crate::protocol::repr::str_of(vm, &m)?,
                Err(_) => "builtins".into(),
            },
        };
        let qualname = c.qualname.borrow().clone();
        return Ok(if module == "builtins" {
            qualname
        } else {
            format!("{module}.{qualname}")
        });
    }
    crate::protocol::repr::repr(vm, v)
}

fn repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (inst, _) = receiver(s, args)?;
    let (origin, items) = parts(inst);
    let mut out = type_repr(vm, &origin)?;
    out.push('[');
    if items.is_empty() {
        out.push_str("()");
    }
    for (k, a) in items.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(&type_repr(vm, a)?);
    }
    out.push(']');
    Ok(new_str(out))
}

fn eq(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (inst, rest) = receiver(s, args)?;
    let Some(other) = rest.first() else {
        return raise(ExcKind::TypeError, "expected 1 argument, got 0");
    };
    match other.as_obj() {
        Some(Object::Instance(o)) if is_instance_of(other, &class()) => {
            let ((oa, aa), (ob, ab)) = (parts(inst), parts(o));
            if !oa.is(&ob) {
                return Ok(Value::Bool(false));
            }
            crate::protocol::compare(
                vm,
                taipan_bytecode::opcode::CompareOp::Eq,
                &new_tuple(aa),
                &new_tuple(ab),
            )
        }
        _ => Ok(crate::object::classes::not_implemented()),
    }
}

fn hash(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (inst, _) = receiver(s, args)?;
    let (origin, items) = parts(inst);
    let h = crate::protocol::hash(vm, &origin)? ^ crate::protocol::hash(vm, &new_tuple(items))?;
    Ok(Value::Int(h))
}

fn call(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (inst, rest) = receiver(s, args)?;
    let (origin, _) = parts(inst);
    let mut all = rest.to_vec();
    let mut names = Vec::with_capacity(kw.len());
    for (k, v) in kw {
        names.push(k.clone());
        all.push(v.clone());
    }
    crate::object::upcalls::call(vm, &origin, &all, &names)
}

fn mro_entries(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (inst, _) = receiver(s, args)?;
    Ok(new_tuple(vec![parts(inst).0]))
}

/// `list[int] | None` (and `None | list[int]`): a union
/// (`types::union_type`).
fn or(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    either_or(vm, s, args, kw, false)
}

fn ror(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    either_or(vm, s, args, kw, true)
}

fn either_or(
    _: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
    reflected: bool,
) -> PyResult<Value> {
    let (this, _, rest) =
        crate::object::builtin_types::native_receiver(s, args, &class(), "types.GenericAlias")?;
    let Some(other) = rest.first() else {
        return raise(ExcKind::TypeError, "expected 1 argument, got 0");
    };
    let u = if reflected {
        crate::types::union_type::union(other, this)
    } else {
        crate::types::union_type::union(this, other)
    };
    Ok(u.unwrap_or_else(crate::object::classes::not_implemented))
}
