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
    Member::GetSet("__name__", name, set_name),
    Member::GetSet("__qualname__", qualname, set_qualname),
    Member::Getter("gi_code", code),
    Member::Getter("gi_running", running),
    Member::Getter("gi_frame", frame),
    Member::Getter("gi_suspended", suspended),
    Member::Getter("gi_yieldfrom", yielded_from),
];

/// The attributes of `coroutine`.
pub const COROUTINE_MEMBERS: &[Member] = &[
    Member::Method("__await__", m_await),
    Member::Method("send", m_send),
    Member::Method("throw", m_throw),
    Member::Method("close", m_close),
    Member::GetSet("__name__", name, set_name),
    Member::GetSet("__qualname__", qualname, set_qualname),
    Member::Getter("cr_code", code),
    Member::Getter("cr_running", running),
    Member::Getter("cr_frame", frame),
    Member::Getter("cr_suspended", suspended),
    Member::Getter("cr_await", yielded_from),
    // Where the coroutine was made, recorded only under
    // `sys.set_coroutine_origin_tracking_depth`.
    Member::Getter("cr_origin", |v| {
        Ok(generator(v)?.origin.clone().unwrap_or(Value::None))
    }),
];

/// The attributes of `async_generator`.
pub const ASYNC_GENERATOR_MEMBERS: &[Member] = &[
    Member::Method("__aiter__", async_generators::m_aiter),
    Member::Method("__anext__", async_generators::m_anext),
    Member::Method("asend", async_generators::m_asend),
    Member::Method("athrow", async_generators::m_athrow),
    Member::Method("aclose", async_generators::m_aclose),
    Member::GetSet("__name__", name, set_name),
    Member::GetSet("__qualname__", qualname, set_qualname),
    Member::Getter("ag_code", code),
    Member::Getter("ag_running", running_async),
    Member::Getter("ag_frame", frame),
    Member::Getter("ag_await", yielded_from),
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

/// `__name__`: the function's, unless set on the generator.
fn name(v: &Value) -> PyResult<Value> {
    let g = generator(v)?;
    let set = g.names.borrow().0.clone();
    Ok(set.unwrap_or_else(|| new_str(g.func.code.code.name.clone())))
}

/// `__qualname__`: the function's, unless set on the generator.
fn qualname(v: &Value) -> PyResult<Value> {
    let g = generator(v)?;
    let set = g.names.borrow().1.clone();
    Ok(set.unwrap_or_else(|| new_str(g.func.code.code.qualname.clone())))
}

/// The str a generator's `__name__` / `__qualname__` is set to.
fn name_to_set(new: Option<Value>, what: &str) -> PyResult<Value> {
    match new {
        Some(s) if crate::object::heap::as_str(&s).is_some() => Ok(s),
        _ => raise(
            ExcKind::TypeError,
            format!("{what} must be set to a string object"),
        ),
    }
}

fn set_name(v: &Value, new: Option<Value>) -> PyResult<()> {
    let s = name_to_set(new, "__name__")?;
    generator(v)?.names.borrow_mut().0 = Some(s);
    Ok(())
}

fn set_qualname(v: &Value, new: Option<Value>) -> PyResult<()> {
    let s = name_to_set(new, "__qualname__")?;
    generator(v)?.names.borrow_mut().1 = Some(s);
    Ok(())
}

fn code(v: &Value) -> PyResult<Value> {
    Ok(Value::obj(NewObject::Code(generator(v)?.func.code.clone())))
}

fn running(v: &Value) -> PyResult<Value> {
    Ok(Value::Bool(generator(v)?.is_running()))
}

/// `gi_frame` / `cr_frame` / `ag_frame`: a snapshot of the generator's
/// frame (its line: where it is suspended — while it runs, where it was
/// last resumed — or its `def` before it starts); None once it has
/// ended.
fn frame(v: &Value) -> PyResult<Value> {
    let g = generator(v)?;
    let at = match g.frame.try_borrow() {
        Ok(f) => match f.as_ref() {
            None => return Ok(Value::None),
            Some(f) if f.started => Some(f.pc.saturating_sub(2)),
            Some(_) => None,
        },
        Err(_) => None,
    };
    let code = &g.func.code;
    let lineno = match at {
        Some(at) => code.code.position_at(at).lineno,
        None => code.code.firstlineno,
    };
    let globals = Value::Obj(g.func.globals.clone());
    Ok(crate::types::traceback::frame(
        code,
        globals,
        lineno,
        at.unwrap_or(0),
        Value::None,
    ))
}

/// `gi_suspended` / `cr_suspended`: started, not running, not ended.
fn suspended(v: &Value) -> PyResult<Value> {
    let g = generator(v)?;
    let started = g
        .frame
        .try_borrow()
        .is_ok_and(|f| f.as_ref().is_some_and(|f| f.started));
    Ok(Value::Bool(started && !g.is_running()))
}

/// `gi_yieldfrom` / `cr_await` / `ag_await`: what a generator suspended in
/// `yield from` / `await` delegates to, else None.
fn yielded_from(v: &Value) -> PyResult<Value> {
    generator(v)?;
    Ok(crate::vm::generators::delegate(v).unwrap_or(Value::None))
}
