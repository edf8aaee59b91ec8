//! `generator`, `coroutine` and `async_generator` (with its awaitables):
//! their methods and attributes (the resuming itself is `vm::generators`
//! and `vm::async_generators`).

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_str, NewObject, Object};
use crate::object::payloads::Generator;
use crate::object::value::Value;
use crate::vm::async_generators;
use crate::vm::coroutines::m_await;
use crate::vm::generators::{m_close, m_iter, m_next, m_send, m_throw};

/// The attributes of `generator`.
pub const GENERATOR_MEMBERS: &[Member] = &[
    Member::Method("__iter__", m_iter),
    Member::Method("__next__", m_next),
    Member::Method("send", m_send),
    Member::Method("throw", m_throw),
    Member::Method("close", m_close),
    Member::Getter("__name__", name),
    Member::Getter("__qualname__", qualname),
    Member::Getter("gi_code", code),
    Member::Getter("gi_running", running),
];

/// The attributes of `coroutine`.
pub const COROUTINE_MEMBERS: &[Member] = &[
    Member::Method("__await__", m_await),
    Member::Method("send", m_send),
    Member::Method("throw", m_throw),
    Member::Method("close", m_close),
    Member::Getter("__name__", name),
    Member::Getter("__qualname__", qualname),
    Member::Getter("cr_code", code),
    Member::Getter("cr_running", running),
    // Where the coroutine was made, recorded only under
    // `sys.set_coroutine_origin_tracking_depth`, which Taipan does not
    // offer: its depth is always 0, so this is always None.
    Member::Getter("cr_origin", |_| Ok(Value::None)),
];

/// The attributes of `async_generator`.
pub const ASYNC_GENERATOR_MEMBERS: &[Member] = &[
    Member::Method("__aiter__", async_generators::m_aiter),
    Member::Method("__anext__", async_generators::m_anext),
    Member::Method("asend", async_generators::m_asend),
    Member::Method("athrow", async_generators::m_athrow),
    Member::Method("aclose", async_generators::m_aclose),
    Member::Getter("__name__", name),
    Member::Getter("__qualname__", qualname),
    Member::Getter("ag_code", code),
    Member::Getter("ag_running", running_async),
];

/// The attributes of `async_generator_asend` and `async_generator_athrow`.
pub const ASYNC_GENERATOR_AWAITABLE_MEMBERS: &[Member] = &[
    Member::Method("__await__", async_generators::m_self),
    Member::Method("__iter__", async_generators::m_self),
    Member::Method("__next__", async_generators::m_next),
    Member::Method("send", async_generators::m_send),
    Member::Method("throw", async_generators::m_throw),
    Member::Method("close", async_generators::m_close),
];

/// The attributes of `coroutine_wrapper` (what `coroutine.__await__()`
/// returns): an iterator whose steps are the coroutine's own.
pub const COROUTINE_WRAPPER_MEMBERS: &[Member] = &[
    Member::Method("__iter__", |_, s, _, _| Ok(s.cloned().unwrap_or_default())),
    Member::Method("__next__", |vm, s, a, kw| {
        m_next(vm, Some(&wrapped(s)?), a, kw)
    }),
    Member::Method("send", |vm, s, a, kw| m_send(vm, Some(&wrapped(s)?), a, kw)),
    Member::Method("throw", |vm, s, a, kw| {
        m_throw(vm, Some(&wrapped(s)?), a, kw)
    }),
    Member::Method("close", |vm, s, a, kw| {
        m_close(vm, Some(&wrapped(s)?), a, kw)
    }),
];

/// The coroutine a `coroutine_wrapper` steps.
fn wrapped(s: Option<&Value>) -> PyResult<Value> {
    if let Some(Object::Lazy(cell)) = s.and_then(Value::as_obj) {
        if let crate::object::payloads::LazyIter::AwaitCoroutine { coro } = &*cell.borrow() {
            return Ok(coro.clone());
        }
    }
    raise(
        ExcKind::TypeError,
        "descriptor requires a 'coroutine_wrapper' object",
    )
}

fn running_async(v: &Value) -> PyResult<Value> {
    Ok(Value::Bool(generator(v)?.running_async.get()))
}

fn generator(v: &Value) -> PyResult<&Generator> {
    match v.as_obj() {
        Some(Object::Generator(g)) => Ok(g),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'generator' object",
        ),
    }
}

fn name(v: &Value) -> PyResult<Value> {
    Ok(new_str(generator(v)?.func.code.code.name.clone()))
}

fn qualname(v: &Value) -> PyResult<Value> {
    Ok(new_str(generator(v)?.func.code.code.qualname.clone()))
}

fn code(v: &Value) -> PyResult<Value> {
    Ok(Value::obj(NewObject::Code(generator(v)?.func.code.clone())))
}

fn running(v: &Value) -> PyResult<Value> {
    Ok(Value::Bool(generator(v)?.is_running()))
}
