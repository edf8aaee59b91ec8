//! `_thread`: locks (`allocate_lock`, `LockType`, `RLock`), `get_ident`,
//! `_local`, `stack_size` and `TIMEOUT_MAX`, as CPython 3.11's `threading`,
//! `functools` and `reprlib` use them. Taipan runs Python code on one
//! thread until the concurrency issue adds more: `start_new_thread` raises
//! a RuntimeError that says so, and a lock that is already held makes a
//! blocking `acquire` without a timeout a deadlock, which is reported as
//! one (RuntimeError) instead of hanging for ever.

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_str, TypeKind};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::Cell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The one thread's identity (`get_ident()`), the main thread's.
fn ident() -> i64 {
    // SAFETY: pthread_self only reads the calling thread's handle.
    unsafe { libc::pthread_self() as i64 }
}

/// A lock: `locked` for `Lock`, `count` (and `owner`) for `RLock`.
struct Lock {
    reentrant: bool,
    count: Cell<u64>,
}

impl NativeData for Lock {}

fn lock_of(v: &Value) -> PyResult<&Lock> {
    data_of::<Lock>(v).map_or_else(|| raise(ExcKind::TypeError, "expected a lock"), Ok)
}

/// `lock.acquire(blocking=True, timeout=-1)`.
fn acquire(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, args)?;
    let a = bind_args("acquire", &["blocking", "timeout"], rest, kw)?;
    let blocking = a[0].as_ref().is_none_or(crate::protocol::ops::truthy);
    let timeout = match &a[1] {
        None => -1.0,
        Some(v) => crate::types::number::to_f64(v)?,
    };
    if !blocking && timeout != -1.0 {
        return raise(
            ExcKind::ValueError,
            "can't specify a timeout for a non-blocking call",
        );
    }
    if timeout < 0.0 && timeout != -1.0 {
        return raise(
            ExcKind::ValueError,
            "timeout value must be a non-negative number",
        );
    }
    let lock = lock_of(r)?;
    let held = lock.count.get();
    if held == 0 || lock.reentrant {
        lock.count.set(held + 1);
        return Ok(Value::Bool(true));
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    if timeout >= 0.0 {
        // No other thread can release it: the wait runs out.
        let _ = vm;
        std::thread::sleep(std::time::Duration::from_secs_f64(timeout.min(1e6)));
        return Ok(Value::Bool(false));
    }
    raise(
        ExcKind::RuntimeError,
        "deadlock: acquiring a lock this thread holds, and no other thread can release it (Taipan runs one thread)",
    )
}

fn release(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, args)?;
    let lock = lock_of(r)?;
    match lock.count.get() {
        0 if lock.reentrant => raise(ExcKind::RuntimeError, "cannot release un-acquired lock"),
        0 => raise(ExcKind::RuntimeError, "release unlocked lock"),
        n => {
            lock.count.set(n - 1);
            Ok(Value::None)
        }
    }
}

fn lock_class(reentrant: bool) -> Value {
    let name: &'static str = if reentrant {
        "_thread.RLock"
    } else {
        "_thread.lock"
    };
    crate::object::builtin_types::kept_by_name(name, || {
        let m = |n: &'static str, f: crate::object::heap::BuiltinFn| (n, builtin_fn(n, f));
        let attrs = vec![
            m("acquire", acquire),
            m("acquire_lock", acquire),
            m("__enter__", acquire),
            m("release", release),
            m("release_lock", release),
            m("__exit__", release),
            m("locked", |_, s, a, _| {
                Ok(Value::Bool(lock_of(receiver(s, a)?.0)?.count.get() > 0))
            }),
            m("locked_lock", |_, s, a, _| {
                Ok(Value::Bool(lock_of(receiver(s, a)?.0)?.count.get() > 0))
            }),
            m("_is_owned", |_, s, a, _| {
                Ok(Value::Bool(lock_of(receiver(s, a)?.0)?.count.get() > 0))
            }),
            m("_at_fork_reinit", |_, s, a, _| {
                lock_of(receiver(s, a)?.0)?.count.set(0);
                Ok(Value::None)
            }),
        ];
        let short = if reentrant { "RLock" } else { "lock" };
        crate::object::native::class("_thread", short, attrs)
    })
}

fn new_lock(reentrant: bool) -> Value {
    crate::object::native::new(
        lock_class(reentrant),
        Lock {
            reentrant,
            count: Cell::new(0),
        },
    )
}

/// The `_thread` module.
pub fn module() -> Value {
    let f =
        |name: &'static str, func: crate::object::heap::BuiltinFn| (name, builtin_fn(name, func));
    make_module(
        "_thread",
        vec![
            f("allocate_lock", |_, _, _, _| Ok(new_lock(false))),
            f("allocate", |_, _, _, _| Ok(new_lock(false))),
            f("RLock", |_, _, _, _| Ok(new_lock(true))),
            ("LockType", lock_class(false)),
            f("get_ident", |_, _, _, _| Ok(Value::Int(ident()))),
            f("get_native_id", |_, _, _, _| {
                Ok(Value::Int(std::process::id() as i64))
            }),
            f("_count", |_, _, _, _| Ok(Value::Int(0))),
            f("stack_size", |_, _, a, _| {
                if let Some(v) = a.first() {
                    crate::types::number::to_f64(v)?;
                }
                Ok(Value::Int(0))
            }),
            f("start_new_thread", |_, _, _, _| {
                raise(
                    ExcKind::RuntimeError,
                    "can't start new thread: Taipan does not run threads yet",
                )
            }),
            f("start_new", |_, _, _, _| {
                raise(
                    ExcKind::RuntimeError,
                    "can't start new thread: Taipan does not run threads yet",
                )
            }),
            f("_set_sentinel", |_, _, _, _| Ok(new_lock(false))),
            f("daemon_threads_allowed", |_, _, _, _| Ok(Value::Bool(true))),
            f("interrupt_main", |_, _, _, _| {
                Err(crate::object::exceptions::PyErr::with_args(
                    ExcKind::KeyboardInterrupt,
                    Vec::new(),
                ))
            }),
            ("_local", local_class()),
            ("TIMEOUT_MAX", Value::Float(9223372036.0)),
            (
                "error",
                crate::object::classes::type_object(TypeKind::Exception(ExcKind::RuntimeError)),
            ),
            (
                "__doc__",
                new_str(
                    "This module provides primitive operations to write multi-threaded programs.",
                ),
            ),
        ],
    )
}

/// `_thread._local`: with one thread, an object whose attributes are its
/// own.
fn local_class() -> Value {
    crate::object::builtin_types::kept_by_name("_thread._local", || {
        crate::object::native::class("_thread", "_local", Vec::new())
    })
}
