//! `types.UnionType`: what `X | Y` of types makes (`int | None`, PEP
//! 604), as in annotations evaluated at run time. It records its members
//! (nested unions flattened, duplicates dropped, `None` as `NoneType`),
//! prints as written, compares and hashes by its members, and works as
//! the second argument of `isinstance` and `issubclass`.

use crate::object::classes::{is_instance_of, type_object, Instance};
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
    ("__or__", or),
    ("__ror__", ror),
];

crate::object::builtin_types::native_class!("types", "UnionType", METHODS);

/// The members of a union, or None when `v` is none.
pub fn members(v: &Value) -> Option<Vec<Value>> {
    match v.as_obj() {
        Some(Object::Instance(i)) if is_instance_of(v, &class()) => {
            match i.get_attr("__args__").as_ref().and_then(Value::as_obj) {
                Some(Object::Tuple(t)) => Some(t.clone()),
                _ => Some(Vec::new()),
            }
        }
        _ => None,
    }
}

/// Whether `v` may be a member of a union: a class, `None`, a generic
/// alias or a union.
fn unionable(v: &Value) -> bool {
    matches!(v, Value::None)
        || crate::object::classes::is_type(v)
        || members(v).is_some()
        || is_instance_of(v, &crate::types::generic_alias::class())
}

/// `a | b` when both operands may be members of a union; None otherwise
/// (the operator then goes on as usual).
pub fn union(a: &Value, b: &Value) -> Option<Value> {
    if !unionable(a) || !unionable(b) {
        return None;
    }
    let mut items: Vec<Value> = Vec::new();
    for v in [a, b] {
        let parts = members(v).unwrap_or_else(|| vec![v.clone()]);
        for p in parts {
            let p = match p {
                Value::None => type_object(TypeKind::NoneType),
                p => p,
            };
            if !items.iter().any(|x| x.is(&p)) {
                items.push(p);
            }
        }
    }
    if items.len() == 1 {
        return items.pop();
    }
    let Value::Obj(class) = class() else {
        return None;
    };
    let inst = Instance::new(class, None, None);
    inst.set_attr("__args__", new_tuple(items));
    Some(Value::obj(NewObject::Instance(inst)))
}

fn receiver<'a>(s: Option<&'a Value>, args: &'a [Value]) -> PyResult<(&'a Value, &'a [Value])> {
    let (r, _, rest) =
        crate::object::builtin_types::native_receiver(s, args, &class(), "types.UnionType")?;
    Ok((r, rest))
}

fn repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (u, _) = receiver(s, args)?;
    let mut parts = Vec::new();
    for m in members(u).unwrap_or_default() {
        parts.push(
            if crate::object::builtin_types::builtin_kind(&m) == Some(TypeKind::NoneType) {
                "None".to_string()
            } else {
                crate::types::generic_alias::type_repr(vm, &m)?
            },
        );
    }
    Ok(new_str(parts.join(" | ")))
}

fn eq(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (u, rest) = receiver(s, args)?;
    let Some(other) = rest.first().and_then(members) else {
        return Ok(crate::object::classes::not_implemented());
    };
    let mine = members(u).unwrap_or_default();
    let same = mine.len() == other.len() && mine.iter().all(|m| other.iter().any(|o| o.is(m)));
    let _ = vm;
    Ok(Value::Bool(same))
}

fn hash(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (u, _) = receiver(s, args)?;
    let mut h: i64 = 0x345678;
    for m in members(u).unwrap_or_default() {
        h ^= crate::protocol::hash(vm, &m)?;
    }
    Ok(Value::Int(h))
}

fn or(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (u, rest) = receiver(s, args)?;
    let Some(other) = rest.first() else {
        return raise(ExcKind::TypeError, "expected 1 argument, got 0");
    };
    Ok(union(u, other).unwrap_or_else(crate::object::classes::not_implemented))
}

fn ror(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (u, rest) = receiver(s, args)?;
    let Some(other) = rest.first() else {
        return raise(ExcKind::TypeError, "expected 1 argument, got 0");
    };
    Ok(union(other, u).unwrap_or_else(crate::object::classes::not_implemented))
}
