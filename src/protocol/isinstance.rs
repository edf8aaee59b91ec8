//! `isinstance` and `issubclass` as CPython's `PyObject_IsInstance` and
//! `PyObject_IsSubclass`: exact types, the class chain, a metaclass's
//! `__instancecheck__`/`__subclasscheck__` written in Python (ABCs),
//! tuples and unions of classes, and the class an object claims through
//! `__class__`.

use crate::object::classes;
use crate::object::exceptions::PyResult;
use crate::object::heap::Object;
use crate::object::value::Value;
use crate::vm::Vm;

/// The classes of `isinstance`/`issubclass`'s second argument (a class
/// or a tuple of them, nested tuples flattened).
pub fn class_list(v: &Value, out: &mut Vec<Value>) -> bool {
    match v.as_obj() {
        Some(Object::Tuple(items)) => items.iter().all(|i| class_list(i, out)),
        _ if crate::types::union_type::members(v).is_some() => crate::types::union_type::members(v)
            .unwrap_or_default()
            .iter()
            .all(|i| class_list(i, out)),
        _ if classes::is_type(v) => {
            out.push(v.clone());
            true
        }
        _ => false,
    }
}

/// `isinstance(obj, spec)` for a class, a tuple (nested ones too) or a
/// union of classes, in order, as CPython's
/// `object_recursive_isinstance`: the first match answers, and an item
/// that is no class is an error only when it is reached (None). Other
/// objects answer through their type's `__instancecheck__` written in
/// Python (`typing`'s special forms).
pub fn is_instance_of_any(vm: &mut Vm, obj: &Value, spec: &Value) -> PyResult<Option<bool>> {
    if classes::is_type(spec) {
        return instance_check(vm, obj, spec).map(Some);
    }
    let items = match (spec.as_obj(), crate::types::union_type::members(spec)) {
        (Some(Object::Tuple(t)), _) => t.clone(),
        (_, Some(members)) => members,
        _ => {
            let cls = classes::type_value(spec);
            return match classes::lookup(&cls, "__instancecheck__") {
                Some(f) if matches!(f.as_obj(), Some(Object::Function(_))) => {
                    let r = crate::protocol::call(vm, &f, &[spec.clone(), obj.clone()], &[])?;
                    crate::protocol::truthy(vm, &r).map(Some)
                }
                _ => Ok(None),
            };
        }
    };
    for item in &items {
        match is_instance_of_any(vm, obj, item)? {
            Some(true) => return Ok(Some(true)),
            Some(false) => {}
            None => return Ok(None),
        }
    }
    Ok(Some(false))
}

/// `isinstance(obj, cls)` for one class, as CPython's
/// `PyObject_IsInstance`: the exact type; a metaclass's
/// `__instancecheck__` defined in Python (ABCs); the class chain; then
/// the class `obj.__class__` claims (proxies, objects whose class
/// defines `__class__`).
pub fn instance_check(vm: &mut Vm, obj: &Value, cls: &Value) -> PyResult<bool> {
    // An instance of exactly that class, read without a reference.
    if let (Some(Object::Instance(i)), Value::Obj(c)) = (obj.as_obj(), cls) {
        if i.class.ptr_eq(c) {
            return Ok(true);
        }
    }
    if classes::same_type(&classes::type_value(obj), cls) {
        return Ok(true);
    }
    if let Some(r) = crate::types::metaclass::meta_special_with(vm, cls, "__instancecheck__", obj)?
    {
        return crate::protocol::truthy(vm, &r);
    }
    if classes::is_instance_of(obj, cls) {
        return Ok(true);
    }
    let claims = crate::object::weakref::proxied(obj).is_some()
        || matches!(obj.as_obj(), Some(Object::Instance(i))
            if classes::lookup(&Value::Obj(i.class.clone()), "__class__")
                .is_some_and(|a| !matches!(a.as_obj(), Some(Object::GetSet(_)))));
    if claims {
        if let Ok(icls) = crate::protocol::getattr(vm, obj, "__class__") {
            if classes::is_type(&icls) {
                return Ok(classes::is_subclass(&icls, cls));
            }
        }
    }
    Ok(false)
}
