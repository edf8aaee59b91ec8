//! The built-ins `aiter` and `anext` (Python 3.10's asynchronous
//! counterparts of `iter` and `next`), and `anext_awaitable`, what
//! `anext(iterator, default)` returns: an awaitable that turns the end of
//! the iteration (StopAsyncIteration) into the default value, as
//! CPython's `Objects/iterobject.c` does.

use crate::object::args::{arity, no_kwargs};
use crate::object::classes::{call_dunder, lookup, type_value};
use crate::object::exceptions::{err_matches, raise, ExcKind, PyResult};
use crate::object::heap::type_name;
use crate::object::native::{data_of, method, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// Whether `v`'s type defines `__anext__`.
fn has_anext(v: &Value) -> bool {
    matches!(lookup(&type_value(v), "__anext__"), Some(m) if !matches!(m, Value::None))
}

/// `aiter(async_iterable)`: its `__aiter__()`, which must be an
/// asynchronous iterator.
pub fn b_aiter(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("aiter", kw)?;
    arity("aiter", args, 1, 1)?;
    let obj = &args[0];
    let Some(it) = call_dunder(vm, obj, "__aiter__", &[])? else {
        return raise(
            ExcKind::TypeError,
            format!("'{}' object is not an async iterable", type_name(obj)),
        );
    };
    if !has_anext(&it) {
        return raise(
            ExcKind::TypeError,
            format!(
                "aiter() returned not an async iterator of type '{}'",
                type_name(&it)
            ),
        );
    }
    Ok(it)
}

/// `anext(async_iterator[, default])`: the awaitable `__anext__()`
/// returns; with a default, wrapped so that the end of the iteration
/// gives the default.
pub fn b_anext(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("anext", kw)?;
    arity("anext", args, 1, 2)?;
    let it = &args[0];
    if !has_anext(it) {
        return raise(
            ExcKind::TypeError,
            format!("'{}' object is not an async iterator", type_name(it)),
        );
    }
    let awaitable = call_dunder(vm, it, "__anext__", &[])?.unwrap_or_default();
    let Some(default) = args.get(1) else {
        return Ok(awaitable);
    };
    Ok(crate::object::native::new(
        awaitable_class(),
        AnextAwaitable {
            wrapped: awaitable,
            default: default.clone(),
        },
    ))
}

/// An `anext_awaitable`: the awaitable `__anext__()` returned and the
/// default.
struct AnextAwaitable {
    wrapped: Value,
    default: Value,
}

impl NativeData for AnextAwaitable {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.wrapped, visit);
        crate::object::gc::visit_value(&self.default, visit);
    }
}

/// The `anext_awaitable` type.
fn awaitable_class() -> Value {
    crate::object::builtin_types::kept_by_name("builtins.anext_awaitable", || {
        let own = |_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>| -> PyResult<Value> {
            Ok(s.cloned().unwrap_or_default())
        };
        crate::object::native::class(
            "builtins",
            "anext_awaitable",
            vec![
                method("__await__", own),
                method("__iter__", own),
                method("__next__", |vm, s, _, _| proxy(vm, s, "__next__", &[])),
                method("send", |vm, s, a, _| {
                    let [v] = a else {
                        return raise(ExcKind::TypeError, "send() takes exactly one argument");
                    };
                    proxy(vm, s, "send", std::slice::from_ref(v))
                }),
                method("throw", |vm, s, a, _| proxy(vm, s, "throw", a)),
                method("close", |vm, s, a, _| proxy(vm, s, "close", a)),
            ],
        )
    })
}

/// Calls `meth` on the iterator behind the wrapped awaitable (a
/// coroutine's `__await__()`), turning StopAsyncIteration into
/// `StopIteration(default)`.
fn proxy(vm: &mut Vm, s: Option<&Value>, meth: &str, args: &[Value]) -> PyResult<Value> {
    let Some(a) = s.and_then(data_of::<AnextAwaitable>) else {
        return raise(
            ExcKind::TypeError,
            "descriptor requires an 'anext_awaitable' object",
        );
    };
    let (wrapped, default) = (a.wrapped.clone(), a.default.clone());
    let mut it = crate::vm::coroutines::get_awaitable(vm, &wrapped, 0)?;
    if crate::vm::coroutines::is_coroutine(&it) {
        it = crate::vm::coroutines::m_await(vm, Some(&it), &[], &[])?;
    }
    let method = crate::protocol::getattr(vm, &it, meth)?;
    match crate::protocol::call(vm, &method, args, &[]) {
        Err(e) if err_matches(&e, ExcKind::StopAsyncIteration) => {
            Err(crate::vm::generators::stop_iteration(default))
        }
        r => r,
    }
}
