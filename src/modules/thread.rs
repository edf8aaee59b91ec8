//! `_thread`: threads on OS threads under the interpreter lock
//! (`start_new_thread`, `vm::threads`), locks that block across threads
//! (`allocate_lock`, `LockType`, `RLock`, waiting without the interpreter
//! lock), `get_ident`, `_set_sentinel` (what `Thread.join` waits on),
//! `stack_size` and `TIMEOUT_MAX`, as CPython 3.11's `threading`,
//! `queue`, `concurrent.futures`, `functools` and `reprlib` use them.
//! `threading.local` is `_threading_local`'s (this module has no `_local`).

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_str, new_tuple, Object, TypeKind};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The calling thread's identity (`get_ident()`).
fn ident() -> i64 {
    // SAFETY: pthread_self only reads the calling thread's handle.
    unsafe { libc::pthread_self() as i64 }
}

/// A lock: `count` is 0 or 1 for `Lock`, the recursion depth for
/// `RLock` (whose `owner` is the holding thread's identity). Shared by
/// threads: the state is behind a mutex, and waiters sleep on `freed`
/// without the interpreter lock.
struct Lock {
    reentrant: bool,
    state: Mutex<LockState>,
    freed: Condvar,
}

#[derive(Clone, Copy)]
struct LockState {
    count: u64,
    owner: i64,
}

impl NativeData for Lock {
    fn weakly_referenceable(&self) -> bool {
        true
    }
}

impl Lock {
    fn new(reentrant: bool) -> Lock {
        Lock {
            reentrant,
            state: Mutex::new(LockState { count: 0, owner: 0 }),
            freed: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, LockState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes the lock if it is free (or, for an RLock, this thread's).
    fn try_take(&self, st: &mut LockState, me: i64) -> bool {
        if st.count == 0 || (self.reentrant && st.owner == me) {
            st.count += 1;
            st.owner = me;
            true
        } else {
            false
        }
    }

    /// Waits until the lock can be taken and takes it, or `until` passes
    /// (None: no limit). Touches no Python object.
    fn wait_take(&self, me: i64, until: Option<Instant>) -> bool {
        let mut st = self.state();
        loop {
            if self.try_take(&mut st, me) {
                return true;
            }
            st = match wait_until(&self.freed, st, until) {
                Some(st) => st,
                None => return false,
            };
        }
    }

    /// Lets the lock go once (the caller checked it may).
    fn put_down(&self, st: &mut LockState) {
        st.count -= 1;
        if st.count == 0 {
            st.owner = 0;
            self.freed.notify_one();
        }
    }
}

fn lock_of(v: &Value) -> PyResult<&Lock> {
    data_of::<Lock>(v).map_or_else(|| raise(ExcKind::TypeError, "expected a lock"), Ok)
}

/// One wait on `cv` with `guard`, until a wake-up or `until` (None: no
/// limit); None once `until` has passed. (A poisoned mutex still holds
/// consistent state: no code panics while holding these.)
pub(crate) fn wait_until<'a, T>(
    cv: &Condvar,
    guard: MutexGuard<'a, T>,
    until: Option<Instant>,
) -> Option<MutexGuard<'a, T>> {
    match until {
        None => Some(cv.wait(guard).unwrap_or_else(|p| p.into_inner())),
        Some(t) => {
            let now = Instant::now();
            if now >= t {
                return None;
            }
            Some(
                cv.wait_timeout(guard, t - now)
                    .unwrap_or_else(|p| p.into_inner())
                    .0,
            )
        }
    }
}

/// How long the thread that handles signals sleeps at most before it
/// looks at them (CPython's lock waits are interrupted by signals).
const SIGNAL_SLICE: Duration = Duration::from_millis(20);

/// When a wait that may last `until` should wake to look at signals: a
/// slice later in the thread that handles them, else `until`.
pub(crate) fn signal_slice_end(until: Option<Instant>) -> Option<Instant> {
    if crate::vm::signals::handles_signals() {
        let s = Instant::now() + SIGNAL_SLICE;
        Some(until.map_or(s, |u| u.min(s)))
    } else {
        until
    }
}

/// Takes `lock` for this thread, waiting `timeout` seconds at most
/// (negative: without limit) with the interpreter lock let go.
fn take(vm: &mut Vm, lock: &Lock, blocking: bool, timeout: f64) -> PyResult<bool> {
    let me = ident();
    if lock.try_take(&mut lock.state(), me) {
        return Ok(true);
    }
    if !blocking {
        return Ok(false);
    }
    if timeout < 0.0 && !vm.gil().threaded() && !crate::vm::signals::handles_signals() {
        return raise(
            ExcKind::RuntimeError,
            "deadlock: acquiring a lock that is held, and no other thread can release it",
        );
    }
    let until = (timeout >= 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout));
    let mut mark = crate::vm::signals::delivered();
    loop {
        // The signal-handling thread wakes to look at signals; others
        // sleep until the lock is free or the time is up.
        let slice_end = signal_slice_end(until);
        if crate::vm::threads::blocking(|| lock.wait_take(me, slice_end)) {
            return Ok(true);
        }
        if until.is_some_and(|u| Instant::now() >= u) {
            return Ok(false);
        }
        if crate::vm::signals::interrupts_wait(&mut mark) {
            crate::vm::signals::check(vm)?;
        }
    }
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
        return raise(ExcKind::ValueError, "timeout value must be positive");
    }
    if timeout > TIMEOUT_MAX {
        return raise(ExcKind::OverflowError, "timeout value is too large");
    }
    let lock = lock_of(r)?;
    Ok(Value::Bool(take(vm, lock, blocking, timeout)?))
}

/// `lock.__enter__()`: a blocking acquire.
fn enter(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, args)?;
    let lock = lock_of(r)?;
    Ok(Value::Bool(take(vm, lock, true, -1.0)?))
}

fn release(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, args)?;
    let lock = lock_of(r)?;
    let mut st = lock.state();
    if lock.reentrant {
        if st.count == 0 || st.owner != ident() {
            return raise(ExcKind::RuntimeError, "cannot release un-acquired lock");
        }
    } else if st.count == 0 {
        return raise(ExcKind::RuntimeError, "release unlocked lock");
    }
    lock.put_down(&mut st);
    Ok(Value::None)
}

/// `RLock._release_save()`: lets an RLock go whatever its depth, for
/// `Condition.wait`; the state to restore.
fn release_save(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, args)?;
    let lock = lock_of(r)?;
    let mut st = lock.state();
    if st.count == 0 {
        return raise(ExcKind::RuntimeError, "cannot release un-acquired lock");
    }
    let saved = *st;
    st.count = 1;
    lock.put_down(&mut st);
    Ok(new_tuple(vec![
        Value::Int(saved.count as i64),
        Value::Int(saved.owner),
    ]))
}

/// `RLock._acquire_restore((count, owner))`.
fn acquire_restore(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, args)?;
    let lock = lock_of(r)?;
    let saved = match rest.first().and_then(Value::as_obj) {
        Some(Object::Tuple(t)) if t.len() == 2 => (
            crate::modules::io::int_arg(&t[0])?,
            crate::modules::io::int_arg(&t[1])?,
        ),
        _ => {
            return raise(
                ExcKind::TypeError,
                "_acquire_restore expects a (count, owner) tuple",
            )
        }
    };
    // Not interruptible, as CPython's: a Condition must get its lock
    // back before wait() returns or raises (signals run after).
    let me = ident();
    if !lock.try_take(&mut lock.state(), me) {
        crate::vm::threads::blocking(|| lock.wait_take(me, None));
    }
    let mut st = lock.state();
    st.count = saved.0.max(1) as u64;
    st.owner = saved.1;
    Ok(Value::None)
}

fn locked(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Bool(
        lock_of(receiver(s, args)?.0)?.state().count > 0,
    ))
}

fn lock_repr(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, args)?;
    let lock = lock_of(r)?;
    let st = *lock.state();
    let state = if st.count > 0 { "locked" } else { "unlocked" };
    let addr = match r {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    Ok(new_str(if lock.reentrant {
        format!(
            "<{state} _thread.RLock object owner={} count={} at {addr:#x}>",
            st.owner, st.count
        )
    } else {
        format!("<{state} _thread.lock object at {addr:#x}>")
    }))
}

fn lock_class(reentrant: bool) -> Value {
    let name: &'static str = if reentrant {
        "_thread.RLock"
    } else {
        "_thread.lock"
    };
    crate::object::builtin_types::kept_by_name(name, || {
        let m = |n: &'static str, f: crate::object::heap::BuiltinFn| (n, builtin_fn(n, f));
        let mut attrs = vec![
            m("acquire", acquire),
            m("__enter__", enter),
            m("release", release),
            m("__exit__", release),
            m("__repr__", lock_repr),
            m("_at_fork_reinit", |_, s, a, _| {
                let lock = lock_of(receiver(s, a)?.0)?;
                *lock.state() = LockState { count: 0, owner: 0 };
                Ok(Value::None)
            }),
        ];
        if reentrant {
            attrs.extend([
                m("_is_owned", |_, s, a, _| {
                    let st = *lock_of(receiver(s, a)?.0)?.state();
                    Ok(Value::Bool(st.count > 0 && st.owner == ident()))
                }),
                m("_recursion_count", |_, s, a, _| {
                    let st = *lock_of(receiver(s, a)?.0)?.state();
                    let mine = st.count > 0 && st.owner == ident();
                    Ok(Value::Int(if mine { st.count as i64 } else { 0 }))
                }),
                m("_release_save", release_save),
                m("_acquire_restore", acquire_restore),
            ]);
        } else {
            attrs.extend([
                m("acquire_lock", acquire),
                m("release_lock", release),
                m("locked", locked),
                m("locked_lock", locked),
            ]);
        }
        let short = if reentrant { "RLock" } else { "lock" };
        crate::object::native::class("_thread", short, attrs)
    })
}

fn new_lock(reentrant: bool) -> Value {
    crate::object::native::new(lock_class(reentrant), Lock::new(reentrant))
}

/// CPython's `_thread.TIMEOUT_MAX` on Linux.
pub(crate) const TIMEOUT_MAX: f64 = 9223372036.0;

/// `start_new_thread(function, args, kwargs=None)`.
fn start_new_thread(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return raise(
            ExcKind::TypeError,
            "start_new_thread() takes no keyword arguments",
        );
    }
    if !(2..=3).contains(&args.len()) {
        return raise(
            ExcKind::TypeError,
            format!(
                "start_new_thread expected {} 3 arguments, got {}",
                if args.len() < 2 {
                    "at least 2"
                } else {
                    "at most"
                },
                args.len()
            )
            .replace("at least 2 3", "at least 2"),
        );
    }
    if !crate::object::classes::is_callable(&args[0]) {
        return raise(ExcKind::TypeError, "first arg must be callable");
    }
    let Some(Object::Tuple(t)) = args[1].as_obj() else {
        return raise(ExcKind::TypeError, "2nd arg must be a tuple");
    };
    let mut values: Vec<Value> = t.to_vec();
    let mut names: Vec<Rc<str>> = Vec::new();
    if let Some(k) = args.get(2) {
        let Some(Object::Dict(d)) = k.as_obj() else {
            return raise(ExcKind::TypeError, "optional 3rd arg must be a dictionary");
        };
        let items: Vec<(Value, Value)> = d
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            let Some(name) = crate::object::heap::as_str(&k) else {
                return raise(ExcKind::TypeError, "keywords must be strings");
            };
            names.push(Rc::from(name));
            values.push(v);
        }
    }
    let id = crate::vm::threads::start(vm, args[0].clone(), values, names)?;
    Ok(Value::Int(id))
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
                // SAFETY: gettid has no preconditions.
                Ok(Value::Int(unsafe { libc::gettid() } as i64))
            }),
            f("_count", |vm, _, _, _| {
                Ok(Value::Int(vm.gil().other_threads() as i64))
            }),
            f("stack_size", |_, _, a, _| {
                if let Some(v) = a.first() {
                    crate::types::number::to_f64(v)?;
                }
                Ok(Value::Int(0))
            }),
            f("start_new_thread", start_new_thread),
            f("start_new", start_new_thread),
            f("_set_sentinel", |vm, _, _, _| {
                let lock = new_lock(false);
                vm.thread_exit_locks.push(lock.clone());
                Ok(lock)
            }),
            f("exit", |_, _, _, _| {
                Err(crate::object::exceptions::PyErr::with_args(
                    ExcKind::SystemExit,
                    Vec::new(),
                ))
            }),
            f("exit_thread", |_, _, _, _| {
                Err(crate::object::exceptions::PyErr::with_args(
                    ExcKind::SystemExit,
                    Vec::new(),
                ))
            }),
            f("daemon_threads_allowed", |_, _, _, _| Ok(Value::Bool(true))),
            f("interrupt_main", interrupt_main),
            ("TIMEOUT_MAX", Value::Float(TIMEOUT_MAX)),
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

/// `interrupt_main(signum=SIGINT)`: the signal is simulated as arrived,
/// so the thread that handles signals runs its handler at its next check
/// (the default SIGINT handler raises KeyboardInterrupt there).
fn interrupt_main(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("interrupt_main", &["signum"], args, kw)?;
    let signum = match &a[0] {
        None => libc::SIGINT as i64,
        Some(v) => crate::modules::io::int_arg(v)?,
    };
    if !(1..64).contains(&signum) || signum == 32 || signum == 33 {
        return raise(ExcKind::ValueError, "signal number out of range");
    }
    if !crate::vm::signals::caught(signum as i32) && !crate::vm::signals::finalizing() {
        // SIG_DFL or SIG_IGN: not Python's to handle.
        return Ok(Value::None);
    }
    crate::vm::signals::trip(signum as i32);
    // In the thread that handles signals, right away (as CPython's
    // pending-call check at the next instruction).
    crate::vm::signals::check(vm)?;
    Ok(Value::None)
}
