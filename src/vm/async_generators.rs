//! Asynchronous generators (PEP 525), as CPython 3.11's `genobject.c`
//! runs them. An `async def` with `yield` makes a
//! [`Generator`](crate::object::payloads::Generator) of kind
//! `AsyncGenerator`; `__anext__`/`asend`/`athrow`/`aclose` make awaitables
//! (`async_generator_asend`, `async_generator_athrow`) that step its frame
//! each time they are sent to. A step ends one of three ways: the frame
//! yields a value of the generator (its YIELD_VALUE follows an
//! ASYNC_GEN_WRAP) and the awaitable completes with it (StopIteration of
//! the value); the frame yields from an `await` inside it, and the value
//! passes through to whoever drives the awaitable (the event loop); or the
//! frame ends, which is StopAsyncIteration.

use crate::object::exceptions::{err_matches, raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{type_name, NewObject, Object};
use crate::object::payloads::LazyIter;
use crate::object::payloads::{AwaitMode, AwaitState, Awaitable, GenKind, Generator};
use crate::object::value::Value;
use crate::vm::frames::FrameExit;
use crate::vm::generators::{resume, stop_iteration};
use crate::vm::Vm;
use std::cell::RefCell;

type Kw<'a> = &'a [(std::rc::Rc<str>, Value)];

impl Awaitable {
    /// The type name.
    pub fn type_name(&self) -> &'static str {
        match self.mode {
            AwaitMode::Send(_) => "async_generator_asend",
            AwaitMode::Throw(_) | AwaitMode::Close => "async_generator_athrow",
        }
    }

    /// The values it holds (cycle collector).
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.gen, visit);
        match &self.mode {
            AwaitMode::Send(v) => crate::object::gc::visit_value(v, visit),
            AwaitMode::Throw(args) => crate::object::gc::visit_values(args, visit),
            AwaitMode::Close => {}
        }
    }
}

fn async_gen(v: &Value) -> PyResult<&Generator> {
    match v.as_obj() {
        Some(Object::Generator(g)) if g.kind == GenKind::AsyncGenerator => Ok(g),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'async_generator' object but received a '{}'",
                type_name(v)
            ),
        ),
    }
}

/// CPython's `async_gen_unwrap_value`: a value of the generator
/// completes the awaitable (`Return`), an `await`'s passes through
/// (`Yield`), the end of the frame is StopAsyncIteration.
fn unwrap(g: &Generator, r: PyResult<FrameExit>) -> PyResult<FrameExit> {
    match r {
        Err(e) => {
            if err_matches(&e, ExcKind::StopAsyncIteration)
                || err_matches(&e, ExcKind::GeneratorExit)
            {
                g.closed.set(true);
            }
            g.running_async.set(false);
            Err(e)
        }
        Ok(FrameExit::Return(_)) => {
            g.closed.set(true);
            g.running_async.set(false);
            Err(PyErr::with_args(ExcKind::StopAsyncIteration, Vec::new()))
        }
        Ok(FrameExit::Yield(v)) if g.yielded_own_value.get() => {
            g.running_async.set(false);
            Ok(FrameExit::Return(v))
        }
        Ok(exit) => Ok(exit),
    }
}

fn set_state(cell: &RefCell<LazyIter>, state: AwaitState) {
    if let LazyIter::AsyncGenAwait(a) = &mut *cell.borrow_mut() {
        a.state = state;
    }
}

/// Sends `value` (or throws `throw`) into an awaitable: `Yield` passes a
/// value out to the awaitable's driver, `Return` completes the awaitable
/// with its result.
pub fn step(
    vm: &mut Vm,
    cell: &RefCell<LazyIter>,
    value: Value,
    throw: Option<Box<PyErr>>,
) -> PyResult<FrameExit> {
    // Copied out: the frame may run code that reaches this awaitable.
    let Some(aw) = (match &*cell.borrow() {
        LazyIter::AsyncGenAwait(a) => Some(a.clone()),
        _ => None,
    }) else {
        return raise(
            ExcKind::TypeError,
            "not an asynchronous generator awaitable",
        );
    };
    let g = async_gen(&aw.gen)?;
    match aw.mode {
        AwaitMode::Send(sendval) => {
            if aw.state == AwaitState::Closed {
                return raise(
                    ExcKind::RuntimeError,
                    "cannot reuse already awaited __anext__()/asend()",
                );
            }
            let mut value = value;
            if aw.state == AwaitState::Init && throw.is_none() {
                if g.running_async.get() {
                    set_state(cell, AwaitState::Closed);
                    return raise(
                        ExcKind::RuntimeError,
                        "anext(): asynchronous generator is already running",
                    );
                }
                if matches!(value, Value::None) {
                    value = sendval;
                }
                set_state(cell, AwaitState::Iter);
            }
            g.running_async.set(true);
            let r = unwrap(g, resume(vm, &aw.gen, value, throw));
            if !matches!(r, Ok(FrameExit::Yield(_))) {
                set_state(cell, AwaitState::Closed);
            }
            r
        }
        AwaitMode::Throw(_) | AwaitMode::Close => {
            let closing = matches!(aw.mode, AwaitMode::Close);
            if aw.state == AwaitState::Closed {
                return raise(
                    ExcKind::RuntimeError,
                    "cannot reuse already awaited aclose()/athrow()",
                );
            }
            if g.is_finished() {
                set_state(cell, AwaitState::Closed);
                return Err(stop_iteration(Value::None));
            }
            let r = if aw.state == AwaitState::Init && throw.is_none() {
                if g.running_async.get() {
                    set_state(cell, AwaitState::Closed);
                    let which = if closing { "aclose" } else { "athrow" };
                    return raise(
                        ExcKind::RuntimeError,
                        format!("{which}(): asynchronous generator is already running"),
                    );
                }
                if g.closed.get() {
                    set_state(cell, AwaitState::Closed);
                    return Err(PyErr::with_args(ExcKind::StopAsyncIteration, Vec::new()));
                }
                if !matches!(value, Value::None) {
                    return raise(
                        ExcKind::RuntimeError,
                        "can't send non-None value to a just-started coroutine",
                    );
                }
                set_state(cell, AwaitState::Iter);
                g.running_async.set(true);
                let err = match &aw.mode {
                    AwaitMode::Throw(args) => {
                        let exc = crate::vm::generators::exception_to_throw(vm, args)?;
                        PyErr::from_value(exc, false)
                    }
                    _ => {
                        g.closed.set(true);
                        PyErr::with_args(ExcKind::GeneratorExit, Vec::new())
                    }
                };
                resume(vm, &aw.gen, Value::None, Some(err))
            } else {
                resume(vm, &aw.gen, value, throw)
            };
            if !closing {
                let r = unwrap(g, r);
                if !matches!(r, Ok(FrameExit::Yield(_))) {
                    set_state(cell, AwaitState::Closed);
                }
                return r;
            }
            match r {
                Ok(FrameExit::Yield(_)) if g.yielded_own_value.get() => {
                    g.running_async.set(false);
                    set_state(cell, AwaitState::Closed);
                    raise(
                        ExcKind::RuntimeError,
                        "async generator ignored GeneratorExit",
                    )
                }
                Ok(FrameExit::Yield(v)) => Ok(FrameExit::Yield(v)),
                // The frame ended or raised: `aclose()` is done unless
                // something other than the close itself went wrong.
                Ok(FrameExit::Return(_)) => {
                    g.running_async.set(false);
                    set_state(cell, AwaitState::Closed);
                    Ok(FrameExit::Return(Value::None))
                }
                Err(e) => {
                    g.running_async.set(false);
                    set_state(cell, AwaitState::Closed);
                    if err_matches(&e, ExcKind::StopAsyncIteration)
                        || err_matches(&e, ExcKind::GeneratorExit)
                    {
                        Ok(FrameExit::Return(Value::None))
                    } else {
                        Err(e)
                    }
                }
            }
        }
    }
}

fn awaitable(gen: &Value, mode: AwaitMode) -> Value {
    Value::obj(NewObject::Lazy(RefCell::new(LazyIter::AsyncGenAwait(
        Box::new(Awaitable {
            gen: gen.clone(),
            mode,
            state: AwaitState::Init,
        }),
    ))))
}

fn receiver(s: Option<&Value>) -> PyResult<&Value> {
    let v = s.ok_or_else(|| PyErr::new(ExcKind::TypeError, "method needs an object"))?;
    async_gen(v)?;
    Ok(v)
}

/// The asynchronous generator a method was called on, its hooks
/// initialised first (CPython's `async_gen_init_hooks`): the first
/// `__anext__`/`asend`/`athrow`/`aclose` keeps the finalizer hook in force
/// and calls the `firstiter` hook with the generator.
fn started<'a>(vm: &mut Vm, s: Option<&'a Value>) -> PyResult<&'a Value> {
    let gen = receiver(s)?;
    let g = async_gen(gen)?;
    if !g.hooks_inited.get() {
        g.hooks_inited.set(true);
        let [firstiter, finalizer] = vm.asyncgen_hooks.clone();
        if !matches!(finalizer, Value::None) {
            *g.finalizer.borrow_mut() = Some(finalizer);
        }
        if !matches!(firstiter, Value::None) {
            crate::protocol::call(vm, &firstiter, std::slice::from_ref(gen), &[])?;
        }
    }
    Ok(gen)
}

/// `async_generator.__aiter__()`: itself.
pub fn m_aiter(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(receiver(s)?.clone())
}

/// `async_generator.__anext__()`: an awaitable of the next value.
pub fn m_anext(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(awaitable(started(vm, s)?, AwaitMode::Send(Value::None)))
}

/// `async_generator.asend(value)`.
pub fn m_asend(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let [v] = args else {
        return raise(
            ExcKind::TypeError,
            format!(
                "async_generator.asend() takes exactly one argument ({} given)",
                args.len()
            ),
        );
    };
    Ok(awaitable(started(vm, s)?, AwaitMode::Send(v.clone())))
}

/// `async_generator.athrow(type[, value[, traceback]])`.
pub fn m_athrow(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    if args.is_empty() || args.len() > 3 {
        return raise(
            ExcKind::TypeError,
            format!("athrow expected at least 1 argument, got {}", args.len()),
        );
    }
    Ok(awaitable(started(vm, s)?, AwaitMode::Throw(args.to_vec())))
}

/// `async_generator.aclose()`.
pub fn m_aclose(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(awaitable(started(vm, s)?, AwaitMode::Close))
}

fn awaitable_cell(s: Option<&Value>) -> PyResult<&RefCell<LazyIter>> {
    match s.and_then(Value::as_obj) {
        Some(Object::Lazy(cell)) if matches!(&*cell.borrow(), LazyIter::AsyncGenAwait(_)) => {
            Ok(cell)
        }
        _ => raise(ExcKind::TypeError, "expected an async_generator awaitable"),
    }
}

fn finish(r: PyResult<FrameExit>) -> PyResult<Value> {
    match r? {
        FrameExit::Yield(v) => Ok(v),
        FrameExit::Return(v) => Err(stop_iteration(v)),
    }
}

/// The awaitables' `send(value)`.
pub fn m_send(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let [v] = args else {
        return raise(
            ExcKind::TypeError,
            format!("send() takes exactly one argument ({} given)", args.len()),
        );
    };
    finish(step(vm, awaitable_cell(s)?, v.clone(), None))
}

/// The awaitables' `__next__()`: `send(None)`.
pub fn m_next(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    finish(step(vm, awaitable_cell(s)?, Value::None, None))
}

/// The awaitables' `throw(type[, value[, traceback]])`.
pub fn m_throw(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let cell = awaitable_cell(s)?;
    let exc = crate::vm::generators::exception_to_throw(vm, args)?;
    finish(step(
        vm,
        cell,
        Value::None,
        Some(PyErr::from_value(exc, false)),
    ))
}

/// The awaitables' `close()`.
pub fn m_close(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    set_state(awaitable_cell(s)?, AwaitState::Closed);
    Ok(Value::None)
}

/// The awaitables' `__await__()` and `__iter__()`: themselves.
pub fn m_self(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    awaitable_cell(s).map(|_| s.cloned().unwrap_or_default())
}
