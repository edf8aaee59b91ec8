//! `getset_descriptor` (a computed attribute of a built-in type, such as
//! `int.real` or `BaseException.args`): its descriptor methods, so
//! `T.__dict__['x'].__get__(obj)` works as in CPython.

use crate::runtime::builtin_types::Member;
use crate::runtime::exceptions::{raise, ExcKind, PyResult};
use crate::runtime::object::{new_str, GetSetObj, Object, TypeKind};
use crate::runtime::value::Value;
use crate::runtime::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The type (`type(int.real)`).
pub const GETSET_KIND: TypeKind = TypeKind::Iterator("getset_descriptor");

/// The attributes of `getset_descriptor`.
pub const GETSET_MEMBERS: &[Member] = &[
    Member::Getter("__name__", |d| Ok(new_str(getset(d)?.name))),
    Member::Method("__get__", get),
    Member::Method("__set__", set),
    Member::Method("__delete__", delete),
];

fn getset(d: &Value) -> PyResult<&GetSetObj> {
    match d.as_obj() {
        Some(Object::GetSet(g)) => Ok(g),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'getset_descriptor' object",
        ),
    }
}

/// `d.__get__(obj, type=None)`: the attribute of `obj`; the descriptor
/// itself for None.
fn get(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let d = getset(s.unwrap_or(&Value::None))?;
    match args {
        [Value::None] | [Value::None, _] => Ok(s.cloned().unwrap_or_default()),
        [obj] | [obj, _] => crate::runtime::subclass::read_getset(d.owner, d.name, d.get, obj),
        _ => raise(
            ExcKind::TypeError,
            format!("expected 1 or 2 arguments, got {}", args.len()),
        ),
    }
}

/// Sets or deletes through the descriptor, read-only ones refusing.
fn store(d: &GetSetObj, obj: &Value, value: Option<Value>) -> PyResult<Value> {
    match d.set {
        Some(f) => f(obj, value).map(|()| Value::None),
        None => raise(
            ExcKind::AttributeError,
            format!(
                "attribute '{}' of '{}' objects is not writable",
                d.name,
                d.owner.name()
            ),
        ),
    }
}

fn set(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let d = getset(s.unwrap_or(&Value::None))?;
    let [obj, value] = args else {
        return raise(ExcKind::TypeError, "expected 2 arguments");
    };
    store(d, obj, Some(value.clone()))
}

fn delete(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let d = getset(s.unwrap_or(&Value::None))?;
    let [obj] = args else {
        return raise(ExcKind::TypeError, "expected 1 argument");
    };
    store(d, obj, None)
}
