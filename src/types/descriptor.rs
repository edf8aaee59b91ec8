//! `getset_descriptor` (a computed attribute of a built-in type, such as
//! `int.real` or `BaseException.args`): its descriptor methods, so
//! `T.__dict__['x'].__get__(obj)` works as in CPython.

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_str, GetSetObj, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

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
        [obj] | [obj, _] => crate::object::instance::read_getset(d.owner, d.name, d.get, obj),
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

/// The attributes of `staticmethod` and `classmethod`: the function they
/// wrap, and `__get__` (what the attribute protocol does with them).
pub const WRAPPER_MEMBERS: &[Member] = &[
    Member::Getter("__func__", wrapped),
    Member::Getter("__wrapped__", wrapped),
    Member::Getter("__isabstractmethod__", |d| {
        Ok(Value::Bool(crate::types::property::is_abstract(&wrapped(
            d,
        )?)))
    }),
    Member::Method("__get__", wrapper_get),
];

/// The function a `staticmethod` or `classmethod` wraps.
fn wrapped(d: &Value) -> PyResult<Value> {
    match crate::object::instance::unwrap(d).as_obj() {
        Some(Object::StaticMethod(f) | Object::ClassMethod(f)) => Ok(f.clone()),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'staticmethod' or 'classmethod' object",
        ),
    }
}

/// `sm.__get__(obj, type=None)` / `cm.__get__(obj, type=None)`: the
/// function, or the function bound to the class.
fn wrapper_get(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    // (An instance of a subclass acts through its built-in value.)
    let d = crate::object::instance::unwrap(&s.cloned().unwrap_or_default()).clone();
    let (obj, owner) = match args {
        [obj] => (obj.clone(), crate::object::classes::type_value(obj)),
        [Value::None, owner] => (Value::None, owner.clone()),
        [obj, owner] => (obj.clone(), owner.clone()),
        _ => {
            return raise(
                ExcKind::TypeError,
                format!("expected 1 or 2 arguments, got {}", args.len()),
            )
        }
    };
    let obj = (!matches!(obj, Value::None)).then_some(obj);
    crate::object::classes::bind_attr(vm, d, obj.as_ref(), &owner)
}

/// The attributes of `property` as a descriptor: `__get__`, `__set__`,
/// `__delete__`.
pub const PROPERTY_DESCRIPTOR: &[Member] = &[
    Member::Method("__get__", wrapper_get),
    Member::Method("__set__", |vm, s, args, _| {
        let [obj, value] = args else {
            return raise(ExcKind::TypeError, "expected 2 arguments");
        };
        property_store(vm, s, obj, Some(value.clone()))
    }),
    Member::Method("__delete__", |vm, s, args, _| {
        let [obj] = args else {
            return raise(ExcKind::TypeError, "expected 1 argument");
        };
        property_store(vm, s, obj, None)
    }),
];

/// Sets or deletes through property `s` on `obj`.
fn property_store(
    vm: &mut Vm,
    s: Option<&Value>,
    obj: &Value,
    value: Option<Value>,
) -> PyResult<Value> {
    match s
        .map(crate::object::instance::unwrap)
        .and_then(Value::as_obj)
    {
        Some(Object::Property(p)) => {
            crate::object::classes::property_store(vm, p, obj, None, value).map(|()| Value::None)
        }
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'property' object",
        ),
    }
}

/// The attributes of `super` objects.
pub const SUPER_MEMBERS: &[Member] = &[
    Member::Getter("__thisclass__", |v| Ok(super_parts(v)?.0.clone())),
    Member::Getter("__self__", |v| Ok(super_parts(v)?.1.clone())),
    Member::Getter("__self_class__", |v| {
        let obj = super_parts(v)?.1;
        Ok(if crate::object::classes::is_type(obj) {
            obj.clone()
        } else {
            crate::object::classes::type_value(obj)
        })
    }),
];

fn super_parts(v: &Value) -> PyResult<(&Value, &Value)> {
    match v.as_obj() {
        Some(Object::Super(crate::object::heap::SuperObj { class, obj })) => Ok((class, obj)),
        _ => raise(ExcKind::TypeError, "descriptor requires a 'super' object"),
    }
}

pub fn b_super(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("super", kw)?;
    match args {
        [cls, obj] => crate::object::classes::make_super(cls.clone(), obj.clone()),
        [] => raise(ExcKind::RuntimeError, "super(): no arguments"),
        _ => raise(
            ExcKind::TypeError,
            format!("super() takes at most 2 arguments ({} given)", args.len()),
        ),
    }
}

pub fn b_staticmethod(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    crate::object::args::no_kwargs("staticmethod", kw)?;
    crate::object::args::arity("staticmethod", args, 1, 1)?;
    Ok(Value::obj(crate::object::heap::NewObject::StaticMethod(
        args[0].clone(),
    )))
}

pub fn b_classmethod(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("classmethod", kw)?;
    crate::object::args::arity("classmethod", args, 1, 1)?;
    Ok(Value::obj(crate::object::heap::NewObject::ClassMethod(
        args[0].clone(),
    )))
}
