//! `builtin_function_or_method` (built-in functions, and built-in methods
//! bound to their object) and `method` (Python functions bound to an
//! object): their attributes. A bound method's other attributes are its
//! function's (`protocols::getattr`), as CPython's `method_getattro`.

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_str, BoundMethodObj, MethodObj, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The attributes of `builtin_function_or_method`.
pub const BUILTIN_MEMBERS: &[Member] = &[
    Member::Getter("__name__", builtin_name),
    Member::Getter("__qualname__", builtin_name),
    Member::Getter("__self__", |v| {
        Ok(match v.as_obj() {
            Some(Object::Method(MethodObj { receiver, .. })) => receiver.clone(),
            _ => Value::None,
        })
    }),
    Member::Getter("__doc__", |_| Ok(Value::None)),
    // A module function's module; None for a method bound to an object.
    Member::Getter("__module__", |v| {
        Ok(match v.as_obj() {
            Some(Object::Builtin(b)) => {
                crate::object::heap::builtin_module_of(b).map_or(Value::None, |m| new_str(&*m))
            }
            _ => Value::None,
        })
    }),
    Member::Method("__call__", call),
    Member::Method("__reduce__", builtin_reduce),
];

/// `f.__reduce__()`: a module function pickles by its name (a global);
/// a method bound to an object as `getattr(obj, name)`.
fn builtin_reduce(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    match s.and_then(Value::as_obj) {
        Some(Object::Builtin(b)) => Ok(new_str(b.name)),
        Some(Object::Method(MethodObj {
            builtin, receiver, ..
        })) => {
            let (name, receiver) = (builtin.name, receiver.clone());
            let builtins = crate::protocol::import(vm, "builtins")?;
            let getattr = crate::protocol::getattr(vm, &builtins, "getattr")?;
            Ok(crate::object::heap::new_tuple(vec![
                getattr,
                crate::object::heap::new_tuple(vec![receiver, new_str(name)]),
            ]))
        }
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'builtin_function_or_method' object",
        ),
    }
}

fn builtin_name(v: &Value) -> PyResult<Value> {
    match v.as_obj() {
        Some(Object::Builtin(b)) => Ok(new_str(b.name)),
        Some(Object::Method(MethodObj { builtin, .. })) => Ok(new_str(builtin.name)),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'builtin_function_or_method' object",
        ),
    }
}

/// The attributes of `method_descriptor` (`list.append`): its name, the
/// type it belongs to, and the descriptor protocol (`__get__` binds it,
/// `__call__` takes the object first); it pickles as `getattr(type,
/// name)`.
pub const METHOD_DESCR_MEMBERS: &[Member] = &[
    Member::Getter("__name__", |v| Ok(new_str(descr(v)?.1.name))),
    Member::Getter("__qualname__", |v| {
        let (owner, b) = descr(v)?;
        let cls = crate::object::builtin_types::type_object(owner);
        Ok(new_str(format!(
            "{}.{}",
            crate::object::classes::class_name(&cls),
            b.name
        )))
    }),
    Member::Getter("__objclass__", |v| {
        Ok(crate::object::builtin_types::type_object(descr(v)?.0))
    }),
    Member::Getter("__text_signature__", |_| Ok(Value::None)),
    Member::Method("__call__", call),
    Member::Method("__get__", |vm, s, a, _| {
        let Some(d) = s else {
            return raise(ExcKind::TypeError, "descriptor '__get__' needs an argument");
        };
        crate::object::args::arity("__get__", a, 1, 2)?;
        match &a[0] {
            Value::None => Ok(d.clone()),
            obj => {
                let cls = crate::object::classes::type_value(obj);
                crate::object::classes::bind_attr(vm, d.clone(), Some(obj), &cls)
            }
        }
    }),
    Member::Method("__reduce__", |vm, s, _, _| {
        let (owner, b) = descr(s.unwrap_or(&Value::None))?;
        let name = b.name;
        let builtins = crate::protocol::import(vm, "builtins")?;
        let getattr = crate::protocol::getattr(vm, &builtins, "getattr")?;
        Ok(crate::object::heap::new_tuple(vec![
            getattr,
            crate::object::heap::new_tuple(vec![
                crate::object::builtin_types::type_object(owner),
                new_str(name),
            ]),
        ]))
    }),
];

/// The owner and method of method descriptor `v`.
fn descr(v: &Value) -> PyResult<(crate::object::heap::TypeKind, &crate::object::heap::Builtin)> {
    match v.as_obj() {
        Some(Object::MethodDescr(crate::object::heap::MethodDescrObj {
            owner, builtin, ..
        })) => Ok((*owner, builtin)),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'method_descriptor' object",
        ),
    }
}

/// The attributes of `method`.
pub const METHOD_MEMBERS: &[Member] = &[
    Member::Getter("__self__", |m| Ok(bound(m)?.1.clone())),
    Member::Getter("__func__", |m| Ok(bound(m)?.0.clone())),
    Member::Method("__call__", call),
];

/// The function and the object of bound method `m`.
fn bound(m: &Value) -> PyResult<(&Value, &Value)> {
    match m.as_obj() {
        Some(Object::BoundMethod(BoundMethodObj { func, receiver })) => Ok((func, receiver)),
        _ => raise(ExcKind::TypeError, "descriptor requires a 'method' object"),
    }
}

/// `m.__call__(*args, **kwargs)`.
fn call(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(f) = s else {
        return raise(
            ExcKind::TypeError,
            "descriptor '__call__' needs an argument",
        );
    };
    crate::types::function::call_forwarding(vm, f, args, kw)
}
