//! `function`: the attributes of Python functions. A function's own
//! `__dict__` (attributes assigned to it) is consulted before these, so
//! `f.__doc__ = "..."` and `f.__name__ = "..."` read back what was set.

use crate::object::builtin_types::Member;
use crate::object::classes;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, new_str, new_tuple, Function, NewObject, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The attributes of `function`.
pub const MEMBERS: &[Member] = &[
    Member::Getter("__name__", |f| {
        Ok(new_str(function(f)?.code.code.name.clone()))
    }),
    Member::Getter("__qualname__", |f| {
        Ok(new_str(function(f)?.code.code.qualname.clone()))
    }),
    Member::Getter("__module__", |f| {
        Ok(match function(f)?.globals.get() {
            Object::Dict(g) => g.borrow().get_str("__name__").unwrap_or_default(),
            _ => Value::None,
        })
    }),
    Member::Getter("__doc__", |f| {
        Ok(match function(f)?.code.consts.first() {
            Some(v) if as_str(v).is_some() => v.clone(),
            _ => Value::None,
        })
    }),
    // The builtins its globals name (a module stands for its dict).
    Member::Getter("__builtins__", |f| {
        let globals = &function(f)?.globals;
        let named = match globals.get() {
            Object::Dict(d) => d.borrow().get_str("__builtins__"),
            _ => None,
        };
        Ok(match named {
            Some(v) => match v.as_obj() {
                Some(Object::Module(m)) => Value::Obj(m.dict.clone()),
                _ => v,
            },
            None => Value::None,
        })
    }),
    Member::Getter("__dict__", |f| {
        let mut slot = function(f)?.attrs.borrow_mut();
        Ok(Value::Obj(
            slot.get_or_insert_with(classes::new_dict_obj).clone(),
        ))
    }),
    Member::Getter("__annotations__", |f| {
        let mut slot = function(f)?.annotations.borrow_mut();
        Ok(Value::Obj(
            slot.get_or_insert_with(classes::new_dict_obj).clone(),
        ))
    }),
    Member::GetSet(
        "__defaults__",
        |f| {
            let defaults = function(f)?.defaults.borrow();
            Ok(match defaults.positional.is_empty() {
                true => Value::None,
                false => new_tuple(defaults.positional.to_vec()),
            })
        },
        |f, v| {
            let items: Vec<Value> = match v.as_ref().map(|v| (v, v.as_obj())) {
                None | Some((Value::None, _)) => Vec::new(),
                Some((_, Some(Object::Tuple(t)))) => t.clone(),
                Some(_) => {
                    return crate::object::exceptions::raise(
                        crate::object::exceptions::ExcKind::TypeError,
                        "__defaults__ must be set to a tuple object",
                    )
                }
            };
            function(f)?.defaults.borrow_mut().positional = items.into();
            Ok(())
        },
    ),
    Member::GetSet(
        "__kwdefaults__",
        |f| {
            let defaults = function(f)?.defaults.borrow();
            let kwdefaults = &defaults.keyword;
            if kwdefaults.is_empty() {
                return Ok(Value::None);
            }
            let mut d = crate::object::dict::Dict::new();
            for (k, v) in kwdefaults.iter() {
                d.set_str(k, v.clone());
            }
            Ok(Value::obj(NewObject::Dict(RefCell::new(d))))
        },
        |f, v| {
            let items: Vec<(String, Value)> = match v.as_ref().map(|v| (v, v.as_obj())) {
                None | Some((Value::None, _)) => Vec::new(),
                Some((_, Some(Object::Dict(d)))) => d
                    .borrow()
                    .items()
                    .filter_map(|(k, v)| {
                        Some((crate::object::heap::as_str(k)?.to_string(), v.clone()))
                    })
                    .collect(),
                Some(_) => {
                    return crate::object::exceptions::raise(
                        crate::object::exceptions::ExcKind::TypeError,
                        "__kwdefaults__ must be set to a dict object",
                    )
                }
            };
            function(f)?.defaults.borrow_mut().keyword = items.into();
            Ok(())
        },
    ),
    Member::Getter("__closure__", |f| {
        let f = function(f)?;
        Ok(match f.closure.is_empty() {
            true => Value::None,
            false => new_tuple(f.closure.to_vec()),
        })
    }),
    Member::GetSet(
        "__code__",
        |f| Ok(Value::obj(NewObject::Code(function(f)?.code.clone()))),
        set_code,
    ),
    Member::Getter("__globals__", |f| {
        Ok(Value::Obj(function(f)?.globals.clone()))
    }),
    Member::Method("__get__", get),
    Member::Method("__call__", call),
];

/// `f.__code__ = code`: a function's code is fixed when it is made (its
/// frames, caches and compiled form depend on it), so Taipan accepts a
/// code that differs from it only in added flags (`types.coroutine`'s
/// `co.replace(co_flags=...)`), and says so for any other.
fn set_code(f: &Value, v: Option<Value>) -> PyResult<()> {
    let func = function(f)?;
    let Some(Object::Code(new)) = v.as_ref().and_then(Value::as_obj) else {
        return crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            "__code__ must be set to a code object",
        );
    };
    let old = &func.code;
    let added = new.code.flags & !old.code.flags;
    let same_but_flags = {
        let mut probe = (*new.code).clone();
        probe.flags = old.code.flags;
        probe == *old.code
    };
    if Rc::ptr_eq(old, new) || (same_but_flags && new.code.flags & old.code.flags == old.code.flags)
    {
        old.extra_flags.set(old.extra_flags.get() | added);
        return Ok(());
    }
    crate::object::exceptions::raise(
        crate::object::exceptions::ExcKind::ValueError,
        "Taipan cannot give a function another code object (only added co_flags)",
    )
}

/// The function `v` is.
fn function(v: &Value) -> PyResult<&Function> {
    match v.as_obj() {
        Some(Object::Function(f)) => Ok(f),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'function' object",
        ),
    }
}

/// `f.__get__(obj, type=None)`: `f` itself for None, else a bound method.
fn get(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(f) = s else {
        return raise(ExcKind::TypeError, "descriptor '__get__' needs an argument");
    };
    match args {
        [Value::None] | [Value::None, Value::None] => {
            raise(ExcKind::TypeError, "__get__(None, None) is invalid")
        }
        [Value::None, _] => Ok(f.clone()),
        [obj] | [obj, _] => Ok(Value::obj(NewObject::BoundMethod {
            func: f.clone(),
            receiver: obj.clone(),
        })),
        _ => raise(
            ExcKind::TypeError,
            format!("expected 1 or 2 arguments, got {}", args.len()),
        ),
    }
}

/// `f.__call__(*args, **kwargs)`.
fn call(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(f) = s else {
        return raise(
            ExcKind::TypeError,
            "descriptor '__call__' needs an argument",
        );
    };
    call_forwarding(vm, f, args, kw)
}

/// Calls `f` with the arguments a built-in received.
pub fn call_forwarding(vm: &mut Vm, f: &Value, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut all = args.to_vec();
    all.extend(kw.iter().map(|(_, v)| v.clone()));
    let names: Vec<Rc<str>> = kw.iter().map(|(k, _)| k.clone()).collect();
    crate::object::upcalls::call(vm, f, &all, &names)
}
