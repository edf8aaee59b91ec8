//! `_multiprocessing`: `SemLock`, the POSIX named semaphore that
//! `multiprocessing.synchronize`'s locks, semaphores and conditions are
//! made of (shared by the processes a fork or a spawn makes), and
//! `sem_unlink`, as CPython's `Modules/_multiprocessing/semaphore.c`.
//!
//! A SemLock of kind RECURSIVE_MUTEX counts how often its owning thread
//! took it; one of kind SEMAPHORE counts this process's acquisitions. A
//! wait lets the interpreter lock go and is interrupted by signals
//! (`sem_wait` fails with EINTR), whose handlers run in between.

use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_str, NewObject};
use crate::object::native::{constructor, data_of, method, property, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::Cell;
use std::ffi::CString;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// `SemLock.kind` of a lock its owner may take again.
const RECURSIVE_MUTEX: i64 = 0;
/// `SemLock.kind` of a counting semaphore.
const SEMAPHORE: i64 = 1;

/// A named semaphore and this process's use of it.
struct SemLock {
    handle: *mut libc::sem_t,
    kind: i64,
    maxvalue: i64,
    name: Option<String>,
    /// Acquisitions by this process (by the owner, for a mutex).
    count: Cell<u64>,
    /// The thread that acquired last.
    last_thread: Cell<libc::pthread_t>,
}

impl NativeData for SemLock {}

impl Drop for SemLock {
    fn drop(&mut self) {
        if self.handle != libc::SEM_FAILED {
            // SAFETY: the handle came from sem_open and is closed once.
            unsafe { libc::sem_close(self.handle) };
        }
    }
}

impl SemLock {
    /// Whether the calling thread holds it (CPython's `ISMINE`).
    fn is_mine(&self) -> bool {
        // SAFETY: pthread_self has no preconditions.
        self.count.get() > 0 && self.last_thread.get() == unsafe { libc::pthread_self() }
    }

    fn value(&self) -> PyResult<i64> {
        let mut v: libc::c_int = 0;
        // SAFETY: a live semaphore and a valid out-pointer.
        if unsafe { libc::sem_getvalue(self.handle, &mut v) } != 0 {
            return Err(crate::modules::posix::last_error());
        }
        // (Linux reports 0, never a negative count of waiters.)
        Ok(v.max(0) as i64)
    }
}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a SemLock, &'a [Value])> {
    let (r, rest) = crate::object::args::receiver(s, a)?;
    match data_of::<SemLock>(r) {
        Some(l) => Ok((l, rest)),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a '_multiprocessing.SemLock' object",
        ),
    }
}

fn int(what: &str, v: Option<&Value>) -> PyResult<i64> {
    crate::modules::posix::int_arg(what, v, None)
}

fn c_name(name: &str) -> PyResult<CString> {
    CString::new(name).or_else(|_| raise(ExcKind::ValueError, "embedded null character"))
}

/// `SemLock(kind, value, maxvalue, name, unlink)`: a new semaphore of
/// that name (FileExistsError when one exists), unlinked at once when
/// asked (its handle stays usable).
fn new(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(
            ExcKind::TypeError,
            "SemLock.__new__(): not enough arguments",
        );
    };
    let args = bind_args(
        "SemLock",
        &["kind", "value", "maxvalue", "name", "unlink"],
        rest,
        kw,
    )?;
    let kind = int("SemLock", args[0].as_ref())?;
    let value = int("SemLock", args[1].as_ref())?;
    let maxvalue = int("SemLock", args[2].as_ref())?;
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return raise(ExcKind::ValueError, "unrecognized kind");
    }
    let name = match args[3].as_ref().and_then(crate::object::heap::as_str) {
        Some(n) => n.to_string(),
        None => return raise(ExcKind::TypeError, "SemLock() argument 'name' must be str"),
    };
    let unlink = args[4].as_ref().is_some_and(crate::protocol::ops::truthy);
    let value = u32::try_from(value).or_else(|_| raise(ExcKind::ValueError, "invalid value"))?;
    let cname = c_name(&name)?;
    // SAFETY: a valid C string; O_CREAT|O_EXCL with a mode and a value.
    let handle = unsafe {
        libc::sem_open(
            cname.as_ptr(),
            libc::O_CREAT | libc::O_EXCL,
            0o600 as libc::c_uint,
            value,
        )
    };
    if handle == libc::SEM_FAILED {
        return Err(crate::modules::posix::last_error());
    }
    // SAFETY: the name was just created.
    if unlink && unsafe { libc::sem_unlink(cname.as_ptr()) } != 0 {
        let e = crate::modules::posix::last_error();
        // SAFETY: the handle is ours and closed once.
        unsafe { libc::sem_close(handle) };
        return Err(e);
    }
    let data = SemLock {
        handle,
        kind,
        maxvalue,
        name: (!unlink).then_some(name),
        count: Cell::new(0),
        last_thread: Cell::new(0),
    };
    Ok(crate::object::native::new_instance(
        cls,
        semlock_class(),
        data,
    ))
}

/// `SemLock._rebuild(handle, kind, maxvalue, name)`: the semaphore a
/// pickled SemLock names, opened again (in a spawned child), or the
/// inherited handle (in a forked one).
fn rebuild(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    // (Called on the class: the first argument is the class.)
    let rest = a.get(1..).unwrap_or_default();
    crate::object::args::arity("_rebuild", rest, 4, 4)?;
    let mut handle = int("_rebuild", rest.first())? as usize as *mut libc::sem_t;
    let kind = int("_rebuild", rest.get(1))?;
    let maxvalue = int("_rebuild", rest.get(2))?;
    let name = crate::object::heap::as_str(&rest[3]).map(str::to_string);
    if let Some(n) = &name {
        let cname = c_name(n)?;
        // SAFETY: a valid C string; opening an existing semaphore.
        handle = unsafe { libc::sem_open(cname.as_ptr(), 0) };
        if handle == libc::SEM_FAILED {
            return Err(crate::modules::posix::last_error());
        }
    }
    let data = SemLock {
        handle,
        kind,
        maxvalue,
        name,
        count: Cell::new(0),
        last_thread: Cell::new(0),
    };
    Ok(crate::object::native::new(semlock_class(), data))
}

/// `acquire(block=True, timeout=None)`.
fn acquire(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (l, rest) = this(s, a)?;
    let args = bind_args("acquire", &["block", "timeout"], rest, kw)?;
    let blocking = args[0].as_ref().is_none_or(crate::protocol::ops::truthy);
    let timeout = match &args[1] {
        Some(v) if blocking && !matches!(v, Value::None) => {
            Some(crate::types::number::to_f64(v)?.max(0.0))
        }
        _ => None,
    };
    if l.kind == RECURSIVE_MUTEX && l.is_mine() {
        l.count.set(l.count.get() + 1);
        return Ok(Value::Bool(true));
    }
    let deadline = timeout.map(|t| {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid out-pointer.
        unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) };
        let nanos = now.tv_nsec as f64 + (t.fract() * 1e9);
        libc::timespec {
            tv_sec: now.tv_sec + t.trunc() as libc::time_t + (nanos / 1e9) as libc::time_t,
            tv_nsec: (nanos % 1e9) as libc::c_long,
        }
    });
    // A first try without letting the interpreter lock go.
    // SAFETY: a live semaphore.
    let mut r = unsafe { libc::sem_trywait(l.handle) };
    let mut err = std::io::Error::last_os_error();
    if r != 0 && err.raw_os_error() == Some(libc::EAGAIN) && blocking {
        loop {
            let handle = l.handle as usize;
            (r, err) = crate::vm::threads::blocking(|| {
                let h = handle as *mut libc::sem_t;
                // SAFETY: a live semaphore; `deadline` outlives the call.
                let r = match &deadline {
                    None => unsafe { libc::sem_wait(h) },
                    Some(d) => unsafe { libc::sem_timedwait(h, d) },
                };
                (r, std::io::Error::last_os_error())
            });
            if r == 0 || err.raw_os_error() != Some(libc::EINTR) {
                break;
            }
            crate::vm::signals::check(vm)?;
        }
    }
    if r != 0 {
        return match err.raw_os_error() {
            Some(libc::EAGAIN | libc::ETIMEDOUT) => Ok(Value::Bool(false)),
            _ => Err(crate::object::exceptions::from_io_error(&err, None)),
        };
    }
    l.count.set(l.count.get() + 1);
    // SAFETY: pthread_self has no preconditions.
    l.last_thread.set(unsafe { libc::pthread_self() });
    Ok(Value::Bool(true))
}

/// `release()`.
fn release(_: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (l, _) = this(s, a)?;
    if l.kind == RECURSIVE_MUTEX {
        if !l.is_mine() {
            return raise(
                ExcKind::AssertionError,
                "attempt to release recursive lock not owned by thread",
            );
        }
        if l.count.get() > 1 {
            l.count.set(l.count.get() - 1);
            return Ok(Value::None);
        }
    } else if l.value()? >= l.maxvalue {
        return raise(
            ExcKind::ValueError,
            "semaphore or lock released too many times",
        );
    }
    // SAFETY: a live semaphore.
    if unsafe { libc::sem_post(l.handle) } != 0 {
        return Err(crate::modules::posix::last_error());
    }
    l.count.set(l.count.get().saturating_sub(1));
    Ok(Value::None)
}

fn semlock_class() -> Value {
    crate::object::builtin_types::kept_by_name("_multiprocessing.SemLock", || {
        let attrs = vec![
            constructor(new),
            method("acquire", acquire),
            method("release", release),
            method("__enter__", acquire),
            // (`release` reads only the receiver: the exit arguments
            // are ignored.)
            method("__exit__", |vm, s, a, _| release(vm, s, a, &[])),
            method("_count", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.count.get() as i64))
            }),
            method("_is_mine", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0.is_mine()))
            }),
            method("_get_value", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.value()?))
            }),
            method("_is_zero", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0.value()? == 0))
            }),
            method("_after_fork", |_, s, a, _| {
                this(s, a)?.0.count.set(0);
                Ok(Value::None)
            }),
            (
                "_rebuild",
                Value::obj(NewObject::ClassMethod(builtin_fn("_rebuild", rebuild))),
            ),
            property("handle", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.handle as usize as i64))
            }),
            property("kind", |_, s, a, _| Ok(Value::Int(this(s, a)?.0.kind))),
            property("maxvalue", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.maxvalue))
            }),
            property("name", |_, s, a, _| {
                Ok(this(s, a)?.0.name.as_deref().map_or(Value::None, new_str))
            }),
            ("SEM_VALUE_MAX", Value::Int(i32::MAX as i64)),
        ];
        crate::object::native::class("_multiprocessing", "SemLock", attrs)
    })
}

/// The `_multiprocessing` module.
pub fn module() -> Value {
    let mut d = crate::object::dict::Dict::new();
    d.set_str("HAVE_SEM_OPEN", Value::Int(1));
    d.set_str("HAVE_SEM_TIMEDWAIT", Value::Int(1));
    let flags = Value::obj(NewObject::Dict(std::cell::RefCell::new(d)));
    make_module(
        "_multiprocessing",
        vec![
            ("SemLock", semlock_class()),
            ("flags", flags),
            (
                "sem_unlink",
                builtin_fn("sem_unlink", |_, _, a, _| {
                    crate::object::args::arity("sem_unlink", a, 1, 1)?;
                    let Some(name) = crate::object::heap::as_str(&a[0]) else {
                        return raise(ExcKind::TypeError, "sem_unlink() argument must be str");
                    };
                    let cname = c_name(name)?;
                    // SAFETY: a valid C string.
                    if unsafe { libc::sem_unlink(cname.as_ptr()) } != 0 {
                        return Err(crate::modules::posix::last_error());
                    }
                    Ok(Value::None)
                }),
            ),
        ],
    )
}
