//! Coroutines (PEP 492): what `await`, `async for` and `async with` ask
//! of objects, as CPython 3.11's `ceval.c` and `genobject.c` answer it.
//! A coroutine is a [`Generator`](crate::object::payloads::Generator) of kind
//! `Coroutine`: the same suspended frame, resumed by `send`/`throw`/
//! `close` or by the SEND loop of an `await`, but awaitable rather than
//! iterable.

use crate::object::classes::call_dunder as call_special;
use crate::object::classes::{self, bound_special};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{type_name, Object};
use crate::object::payloads::GenKind;
use crate::object::value::Value;
use crate::vm::Vm;

type Kw<'a> = &'a [(std::rc::Rc<str>, Value)];

/// Whether `v` is a coroutine object.
pub fn is_coroutine(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Generator(g)) if g.kind == GenKind::Coroutine)
}

/// Whether `v` can be stepped with `next` (what `__await__` must return).
fn is_iterator(v: &Value) -> bool {
    match v.as_obj() {
        Some(Object::Generator(g)) => g.kind == GenKind::Generator,
        Some(Object::Iter(_) | Object::Lazy(_)) => true,
        _ => classes::lookup(&classes::type_value(v), "__next__").is_some(),
    }
}

/// `GET_AWAITABLE`: the iterator `await v` drives. A coroutine (or a
/// generator marked by `types.coroutine`) is its own; anything else must
/// have an `__await__` returning an iterator. `arg` 1 and 2 say the
/// object came from `__aenter__` / `__aexit__`, for the error message.
pub fn get_awaitable(vm: &mut Vm, v: &Value, arg: u32) -> PyResult<Value> {
    if let Some(Object::Generator(g)) = v.as_obj() {
        let marked = g.func.code.flags() & taipan_bytecode::code::flags::ITERABLE_COROUTINE != 0;
        if g.kind == GenKind::Coroutine && crate::vm::generators::delegate(v).is_some() {
            return raise(ExcKind::RuntimeError, "coroutine is being awaited already");
        }
        if g.kind == GenKind::Coroutine || marked {
            return Ok(v.clone());
        }
    }
    let Some(it) = call_special(vm, v, "__await__", &[])? else {
        let msg = match arg {
            1 => format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {}",
                type_name(v)
            ),
            2 => format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {}",
                type_name(v)
            ),
            _ => format!("object {} can't be used in 'await' expression", type_name(v)),
        };
        return raise(ExcKind::TypeError, msg);
    };
    if is_coroutine(&it) {
        return raise(ExcKind::TypeError, "__await__() returned a coroutine");
    }
    if !is_iterator(&it) {
        return raise(
            ExcKind::TypeError,
            format!(
                "__await__() returned non-iterator of type '{}'",
                type_name(&it)
            ),
        );
    }
    Ok(it)
}

/// `coroutine.__await__()`: an iterator stepping the coroutine.
pub fn m_await(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(coro) = s.filter(|c| is_coroutine(c)) else {
        return raise(ExcKind::TypeError, "__await__ needs a coroutine");
    };
    Ok(Value::obj(NewObject::Lazy(std::cell::RefCell::new(
        crate::object::payloads::LazyIter::AwaitCoroutine { coro: coro.clone() },
    ))))
}

/// `GET_AITER`: `v.__aiter__()` for `async for`.
pub fn get_aiter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(it) = call_special(vm, v, "__aiter__", &[])? else {
        return raise(
            ExcKind::TypeError,
            format!(
                "'async for' requires an object with __aiter__ method, got {}",
                type_name(v)
            ),
        );
    };
    if !matches!(classes::lookup(&classes::type_value(&it), "__anext__"), Some(m) if !matches!(m, Value::None))
    {
        return raise(
            ExcKind::TypeError,
            format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                type_name(&it)
            ),
        );
    }
    Ok(it)
}

/// `GET_ANEXT`: the awaitable iterator of `aiter.__anext__()`.
pub fn get_anext(vm: &mut Vm, aiter: &Value) -> PyResult<Value> {
    let Some(next) = call_special(vm, aiter, "__anext__", &[])? else {
        return raise(
            ExcKind::TypeError,
            format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                type_name(aiter)
            ),
        );
    };
    match get_awaitable(vm, &next, 0) {
        // (Whatever went wrong, as CPython's `_PyErr_FormatFromCause`.)
        Err(e) => {
            let err = PyErr::new(
                ExcKind::TypeError,
                format!(
                    "'async for' received an invalid object from __anext__: {}",
                    type_name(&next)
                ),
            );
            if let Some(s) = crate::object::exceptions::exc_state(&err.exc) {
                *s.cause.borrow_mut() = Some(e.into_caught());
            }
            Err(err)
        }
        ok => ok,
    }
}

/// `BEFORE_ASYNC_WITH`: the manager's bound `__aexit__` and the result
/// of calling its `__aenter__`.
pub fn before_async_with(vm: &mut Vm, mgr: &Value) -> PyResult<(Value, Value)> {
    let missing = |what: &str| {
        PyErr::new(
            ExcKind::TypeError,
            format!(
                "'{}' object does not support the asynchronous context manager protocol{what}",
                type_name(mgr)
            ),
        )
    };
    let Some(enter) = bound_special(vm, mgr, "__aenter__")? else {
        return Err(missing(""));
    };
    let Some(exit) = bound_special(vm, mgr, "__aexit__")? else {
        return Err(missing(" (missed __aexit__ method)"));
    };
    let r = crate::vm::interp::call(vm, &enter, &[], &[])?;
    Ok((exit, r))
}

/// `next()` of an awaitable's iterator: one step of the coroutine behind
/// `coroutine.__await__()`, or of the asynchronous generator behind an
/// `asend`/`athrow` awaitable (its return ends the iteration as
/// `StopIteration(value)`).
pub fn await_next(
    vm: &mut Vm,
    it: &std::cell::RefCell<crate::object::payloads::LazyIter>,
) -> PyResult<Option<Value>> {
    use crate::object::payloads::LazyIter;
    use crate::vm::frames::FrameExit;
    let coro = match &*it.borrow() {
        LazyIter::AwaitCoroutine { coro } => Some(coro.clone()),
        _ => None,
    };
    match coro {
        Some(coro) => match crate::vm::generators::resume(vm, &coro, Value::None, None)? {
            FrameExit::Yield(v) => Ok(Some(v)),
            FrameExit::Return(_) => Ok(None),
        },
        None => match crate::vm::async_generators::step(vm, it, Value::None, None)? {
            FrameExit::Yield(v) => Ok(Some(v)),
            FrameExit::Return(Value::None) => Ok(None),
            FrameExit::Return(v) => Err(crate::vm::generators::stop_iteration(v)),
        },
    }
}
