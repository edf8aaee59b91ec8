//! `select.epoll`: Linux's scalable readiness interface, as CPython's
//! `Modules/selectmodule.c` makes it (`selectors.DefaultSelector` and
//! asyncio's default event loop use it). A wait lets the interpreter
//! lock go and, interrupted by a signal, runs the handlers and waits
//! again for the time left (PEP 475: `select::wait_retrying`).

use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, new_list, new_tuple, NewObject};
use crate::object::native::{constructor, data_of, method, property, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::Cell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// An epoll descriptor (-1 once closed).
struct Epoll(Cell<i32>);

impl NativeData for Epoll {}

impl Drop for Epoll {
    fn drop(&mut self) {
        if self.0.get() >= 0 {
            // SAFETY: closing a descriptor this object owns, once.
            unsafe { libc::close(self.0.get()) };
        }
    }
}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Epoll, &'a [Value])> {
    let (r, rest) = crate::object::args::receiver(s, a)?;
    match data_of::<Epoll>(r) {
        Some(e) => Ok((e, rest)),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a 'select.epoll' object",
        ),
    }
}

/// The open descriptor, or CPython's ValueError once closed.
fn open_fd(e: &Epoll) -> PyResult<i32> {
    match e.0.get() {
        fd if fd >= 0 => Ok(fd),
        _ => raise(ExcKind::ValueError, "I/O operation on closed epoll object"),
    }
}

fn os_error() -> Box<crate::object::exceptions::PyErr> {
    crate::modules::posix::last_error()
}

/// `epoll(sizehint=-1, flags=0)`.
fn new(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(ExcKind::TypeError, "epoll.__new__(): not enough arguments");
    };
    let args = bind_args("epoll", &["sizehint", "flags"], rest, kw)?;
    let sizehint = crate::modules::posix::int_arg("epoll", args[0].as_ref(), Some(-1))?;
    if sizehint == 0 || sizehint < -1 {
        return raise(ExcKind::ValueError, "negative sizehint");
    }
    // (`flags` is accepted and ignored, as CPython does: the descriptor
    // is always close-on-exec.)
    crate::modules::posix::int_arg("epoll", args[1].as_ref(), Some(0))?;
    // SAFETY: epoll_create1 has no memory effects.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(os_error());
    }
    Ok(crate::object::native::new_instance(
        cls,
        epoll_class(),
        Epoll(Cell::new(fd)),
    ))
}

/// `epoll.fromfd(fd)`: an epoll object owning descriptor `fd`.
fn fromfd(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let rest = a.get(1..).unwrap_or_default();
    crate::object::args::arity("fromfd", rest, 1, 1)?;
    let fd = crate::modules::posix::int_arg("fromfd", rest.first(), None)? as i32;
    Ok(crate::object::native::new_instance(
        &a[0],
        epoll_class(),
        Epoll(Cell::new(fd)),
    ))
}

/// `epoll_ctl` for `register` (ADD), `modify` (MOD) and `unregister` (DEL).
fn control(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>, op: i32) -> PyResult<Value> {
    let (e, rest) = this(s, a)?;
    let (name, params): (&str, &[&str]) = match op {
        libc::EPOLL_CTL_ADD => ("register", &["fd", "eventmask"]),
        libc::EPOLL_CTL_MOD => ("modify", &["fd", "eventmask"]),
        _ => ("unregister", &["fd"]),
    };
    let args = bind_args(name, params, rest, kw)?;
    let Some(target) = &args[0] else {
        return raise(
            ExcKind::TypeError,
            format!("{name}() missing required argument 'fd' (pos 1)"),
        );
    };
    let target = crate::modules::select::fileno(vm, target)?;
    let default = (libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as i64;
    let mask = match args.get(1) {
        Some(Some(v)) => crate::modules::posix::int_arg(name, Some(v), None)?,
        Some(None) if op == libc::EPOLL_CTL_ADD => default,
        Some(None) => {
            return raise(
                ExcKind::TypeError,
                "modify() missing required argument 'eventmask' (pos 2)",
            )
        }
        None => 0,
    };
    let epfd = open_fd(e)?;
    let mut event = libc::epoll_event {
        events: mask as u32,
        u64: target as u64,
    };
    // SAFETY: a valid event for the call.
    if unsafe { libc::epoll_ctl(epfd, op, target, &mut event) } != 0 {
        return Err(os_error());
    }
    Ok(Value::None)
}

/// `poll(timeout=None, maxevents=-1)`: `[(fd, events), ...]`.
fn poll(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (e, rest) = this(s, a)?;
    let args = bind_args("poll", &["timeout", "maxevents"], rest, kw)?;
    let timeout_ms: i64 = match &args[0] {
        None | Some(Value::None) => -1,
        Some(v) => {
            let secs = crate::types::number::to_f64(v)?;
            if secs.is_nan() {
                return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
            }
            if secs < 0.0 {
                -1
            } else if secs * 1000.0 > i32::MAX as f64 {
                return raise(ExcKind::OverflowError, "timeout is too large");
            } else {
                (secs * 1000.0).ceil() as i64
            }
        }
    };
    let mut maxevents = crate::modules::posix::int_arg("poll", args[1].as_ref(), Some(-1))?;
    if maxevents == -1 {
        maxevents = libc::FD_SETSIZE as i64 - 1;
    } else if maxevents < 1 {
        return raise(
            ExcKind::ValueError,
            format!("maxevents must be greater than 0, got {maxevents}"),
        );
    }
    let epfd = open_fd(e)?;
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; maxevents as usize];
    let (ptr, len) = (events.as_mut_ptr(), events.len() as i32);
    // SAFETY: `events` has room for `len` entries and outlives the calls.
    let n = crate::modules::select::wait_retrying(vm, timeout_ms, |left| unsafe {
        libc::epoll_wait(epfd, ptr, len, left)
    })? as usize;
    Ok(new_list(
        events[..n]
            .iter()
            .map(|ev| {
                let (fd, mask) = (ev.u64, ev.events);
                new_tuple(vec![Value::Int(fd as i32 as i64), Value::Int(mask as i64)])
            })
            .collect(),
    ))
}

fn close(_: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (e, _) = this(s, a)?;
    let fd = e.0.replace(-1);
    // SAFETY: closing the descriptor this object owned, once.
    if fd >= 0 && unsafe { libc::close(fd) } != 0 {
        return Err(os_error());
    }
    Ok(Value::None)
}

fn epoll_class() -> Value {
    crate::object::builtin_types::kept_by_name("select.epoll", || {
        let attrs = vec![
            constructor(new),
            method("register", |vm, s, a, kw| {
                control(vm, s, a, kw, libc::EPOLL_CTL_ADD)
            }),
            method("modify", |vm, s, a, kw| {
                control(vm, s, a, kw, libc::EPOLL_CTL_MOD)
            }),
            method("unregister", |vm, s, a, kw| {
                control(vm, s, a, kw, libc::EPOLL_CTL_DEL)
            }),
            method("poll", poll),
            method("close", close),
            method("fileno", |_, s, a, _| {
                Ok(Value::Int(open_fd(this(s, a)?.0)? as i64))
            }),
            method("__enter__", |_, s, a, _| {
                let (e, _) = this(s, a)?;
                open_fd(e)?;
                Ok(s.cloned().unwrap_or_else(|| a[0].clone()))
            }),
            // (`close` reads only the receiver.)
            method("__exit__", |vm, s, a, _| close(vm, s, a, &[])),
            property("closed", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0 .0.get() < 0))
            }),
            (
                "fromfd",
                Value::obj(NewObject::ClassMethod(builtin_fn("fromfd", fromfd))),
            ),
        ];
        crate::object::native::class("select", "epoll", attrs)
    })
}

/// `select.epoll` and the `EPOLL*` constants.
pub fn select_attrs() -> Vec<(&'static str, Value)> {
    let c = |name: &'static str, v: i32| (name, Value::Int(v as u32 as i64));
    vec![
        ("epoll", epoll_class()),
        c("EPOLLIN", libc::EPOLLIN),
        c("EPOLLOUT", libc::EPOLLOUT),
        c("EPOLLPRI", libc::EPOLLPRI),
        c("EPOLLERR", libc::EPOLLERR),
        c("EPOLLHUP", libc::EPOLLHUP),
        c("EPOLLET", libc::EPOLLET),
        c("EPOLLONESHOT", libc::EPOLLONESHOT),
        c("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE),
        c("EPOLLRDHUP", libc::EPOLLRDHUP),
        c("EPOLLRDNORM", libc::EPOLLRDNORM),
        c("EPOLLRDBAND", libc::EPOLLRDBAND),
        c("EPOLLWRNORM", libc::EPOLLWRNORM),
        c("EPOLLWRBAND", libc::EPOLLWRBAND),
        c("EPOLLMSG", libc::EPOLLMSG),
        c("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC),
    ]
}
