//! `select`: waiting for descriptors to be ready, as `selectors` and
//! `subprocess` use it: `select.select` (on poll(2), so no FD_SETSIZE
//! limit) and `select.poll` objects, with CPython's constants and errors.
//! A wait interrupted by a signal runs the handlers and goes on, as
//! PEP 475 asks.

use crate::object::args::receiver;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_list, new_tuple};
use crate::object::native::{data_of, method as m, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The descriptor an object stands for: an int, or what its `fileno()`
/// returns.
pub(crate) fn fileno(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = match v {
        Value::Int(i) => *i,
        _ => {
            let f = crate::protocol::getattr(vm, v, "fileno").map_err(|_| {
                PyErr::new(
                    ExcKind::TypeError,
                    "argument must be an int, or have a fileno() method.",
                )
            })?;
            match crate::protocol::call(vm, &f, &[], &[])? {
                Value::Int(i) => i,
                _ => return raise(ExcKind::TypeError, "fileno() returned a non-integer"),
            }
        }
    };
    if n < 0 {
        return raise(
            ExcKind::ValueError,
            format!("file descriptor cannot be a negative integer ({n})"),
        );
    }
    i32::try_from(n).map_err(|_| PyErr::new(ExcKind::OverflowError, "fd is greater than maximum"))
}

/// poll(2) over `fds` for `timeout_ms` (-1: no limit), retried after
/// signals with the time left.
fn wait(vm: &mut Vm, fds: &mut [libc::pollfd], timeout_ms: i64) -> PyResult<()> {
    let (ptr, len) = (fds.as_mut_ptr(), fds.len() as libc::nfds_t);
    // SAFETY: `fds` is a valid array of pollfd of that length.
    wait_retrying(vm, timeout_ms, |left| unsafe { libc::poll(ptr, len, left) })?;
    Ok(())
}

/// A readiness wait `call(timeout in ms)` (poll, epoll_wait) with the
/// interpreter lock let go; interrupted by a signal, the handlers run and
/// it waits again for the time left of `timeout_ms` (-1: no limit), as
/// PEP 475 asks. Its non-negative result, or OSError.
pub(crate) fn wait_retrying(
    vm: &mut Vm,
    timeout_ms: i64,
    mut call: impl FnMut(i32) -> i32,
) -> PyResult<i32> {
    let deadline = (timeout_ms >= 0)
        .then(|| std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms as u64));
    let mut left = timeout_ms;
    loop {
        let ms = left.min(i32::MAX as i64) as i32;
        let (r, e) = crate::vm::threads::blocking(|| (call(ms), std::io::Error::last_os_error()));
        if r >= 0 {
            return Ok(r);
        }
        if e.raw_os_error() != Some(libc::EINTR) {
            return Err(crate::object::exceptions::from_io_error(&e, None));
        }
        crate::vm::signals::check(vm)?;
        if let Some(d) = deadline {
            left = d
                .saturating_duration_since(std::time::Instant::now())
                .as_millis() as i64;
        }
    }
}

/// A timeout in seconds (None: none) as milliseconds, rounded up.
fn timeout_ms(v: Option<&Value>, what: &str) -> PyResult<i64> {
    let secs = match v {
        None | Some(Value::None) => return Ok(-1),
        Some(Value::Int(i)) => *i as f64,
        Some(Value::Float(x)) => *x,
        Some(v) => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "{what} must be a number, not {}",
                    crate::object::heap::type_name(v)
                ),
            )
        }
    };
    if secs.is_nan() {
        return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
    }
    if secs < 0.0 {
        return raise(ExcKind::ValueError, "timeout must be non-negative");
    }
    Ok((secs * 1000.0).ceil().min(i64::MAX as f64) as i64)
}

/// `select.select(rlist, wlist, xlist[, timeout])`.
fn select(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("select", a, 3, 4)?;
    let timeout = timeout_ms(a.get(3), "timeout")?;
    let mut lists = Vec::new();
    let mut fds: Vec<libc::pollfd> = Vec::new();
    let events = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
    for (k, list) in a[..3].iter().enumerate() {
        let items = crate::protocol::to_vec(vm, list)?;
        let mut entries = Vec::new();
        for item in items {
            let fd = fileno(vm, &item)?;
            entries.push((item, fds.len()));
            fds.push(libc::pollfd {
                fd,
                events: events[k],
                revents: 0,
            });
        }
        lists.push(entries);
    }
    wait(vm, &mut fds, timeout)?;
    let ready = [
        libc::POLLIN | libc::POLLHUP | libc::POLLERR,
        libc::POLLOUT | libc::POLLERR,
        libc::POLLPRI,
    ];
    for f in &fds {
        if f.revents & libc::POLLNVAL != 0 {
            return Err(crate::object::exceptions::from_io_error(
                &std::io::Error::from_raw_os_error(libc::EBADF),
                None,
            ));
        }
    }
    let out: Vec<Value> = lists
        .into_iter()
        .enumerate()
        .map(|(k, entries)| {
            new_list(
                entries
                    .into_iter()
                    .filter(|(_, i)| fds[*i].revents & ready[k] != 0)
                    .map(|(item, _)| item)
                    .collect(),
            )
        })
        .collect();
    Ok(new_tuple(out))
}

/// A `select.poll()` object: the registered descriptors and their masks.
struct Poll(RefCell<Vec<(i32, i16)>>);

impl NativeData for Poll {}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Poll, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    match data_of::<Poll>(r) {
        Some(p) => Ok((p, rest)),
        None => raise(ExcKind::TypeError, "expected a select.poll object"),
    }
}

fn mask(v: Option<&Value>) -> PyResult<i16> {
    match v {
        None => Ok(libc::POLLIN | libc::POLLPRI | libc::POLLOUT),
        Some(Value::Int(i)) => i16::try_from(*i)
            .or_else(|_| u16::try_from(*i).map(|u| u as i16))
            .map_err(|_| {
                PyErr::new(
                    ExcKind::OverflowError,
                    "Python int too large for C unsigned short",
                )
            }),
        Some(v) => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::heap::type_name(v)
            ),
        ),
    }
}

fn poll_class() -> Value {
    crate::object::builtin_types::kept_by_name("select.poll", || {
        let attrs = vec![
            m("register", |vm, s, a, _| {
                let (p, rest) = this(s, a)?;
                crate::object::args::arity("register", rest, 1, 2)?;
                let fd = fileno(vm, &rest[0])?;
                let events = mask(rest.get(1))?;
                let mut fds = p.0.borrow_mut();
                match fds.iter_mut().find(|(f, _)| *f == fd) {
                    Some(entry) => entry.1 = events,
                    None => fds.push((fd, events)),
                }
                Ok(Value::None)
            }),
            m("modify", |vm, s, a, _| {
                let (p, rest) = this(s, a)?;
                crate::object::args::arity("modify", rest, 2, 2)?;
                let fd = fileno(vm, &rest[0])?;
                let events = mask(rest.get(1))?;
                match p.0.borrow_mut().iter_mut().find(|(f, _)| *f == fd) {
                    Some(entry) => entry.1 = events,
                    None => {
                        return Err(crate::object::exceptions::from_io_error(
                            &std::io::Error::from_raw_os_error(libc::ENOENT),
                            None,
                        ))
                    }
                }
                Ok(Value::None)
            }),
            m("unregister", |vm, s, a, _| {
                let (p, rest) = this(s, a)?;
                crate::object::args::arity("unregister", rest, 1, 1)?;
                let fd = fileno(vm, &rest[0])?;
                let mut fds = p.0.borrow_mut();
                match fds.iter().position(|(f, _)| *f == fd) {
                    Some(i) => {
                        fds.remove(i);
                        Ok(Value::None)
                    }
                    None => Err(PyErr::with_args(
                        ExcKind::KeyError,
                        vec![Value::Int(fd as i64)],
                    )),
                }
            }),
            m("poll", |vm, s, a, _| {
                let (p, rest) = this(s, a)?;
                crate::object::args::arity("poll", rest, 0, 1)?;
                let timeout = match rest.first() {
                    None | Some(Value::None) => -1,
                    Some(Value::Int(i)) => (*i).max(-1),
                    Some(Value::Float(x)) => x.ceil().max(-1.0) as i64,
                    Some(v) => {
                        return raise(
                            ExcKind::TypeError,
                            format!(
                                "timeout must be an integer or None, not {}",
                                crate::object::heap::type_name(v)
                            ),
                        )
                    }
                };
                let mut fds: Vec<libc::pollfd> =
                    p.0.borrow()
                        .iter()
                        .map(|&(fd, events)| libc::pollfd {
                            fd,
                            events,
                            revents: 0,
                        })
                        .collect();
                wait(vm, &mut fds, timeout)?;
                Ok(new_list(
                    fds.iter()
                        .filter(|f| f.revents != 0)
                        .map(|f| {
                            new_tuple(vec![
                                Value::Int(f.fd as i64),
                                Value::Int(f.revents as u16 as i64),
                            ])
                        })
                        .collect(),
                ))
            }),
        ];
        crate::object::native::class("select", "poll", attrs)
    })
}

/// The `select` module.
pub fn module() -> Value {
    let c = |name: &'static str, v: i16| (name, Value::Int(v as u16 as i64));
    let mut attrs = crate::modules::epoll::select_attrs();
    attrs.extend([
        ("select", builtin_fn("select", select)),
        (
            "poll",
            builtin_fn("poll", |_, _, a, _| {
                crate::object::args::arity("poll", a, 0, 0)?;
                Ok(crate::object::native::new(
                    poll_class(),
                    Poll(RefCell::new(Vec::new())),
                ))
            }),
        ),
        (
            "error",
            crate::object::exceptions::exception_class(ExcKind::OSError),
        ),
        c("POLLIN", libc::POLLIN),
        c("POLLPRI", libc::POLLPRI),
        c("POLLOUT", libc::POLLOUT),
        c("POLLERR", libc::POLLERR),
        c("POLLHUP", libc::POLLHUP),
        c("POLLNVAL", libc::POLLNVAL),
        c("POLLRDNORM", libc::POLLRDNORM),
        c("POLLRDBAND", libc::POLLRDBAND),
        c("POLLWRNORM", libc::POLLWRNORM),
        c("POLLWRBAND", libc::POLLWRBAND),
        c("POLLRDHUP", libc::POLLRDHUP),
        ("PIPE_BUF", Value::Int(libc::PIPE_BUF as i64)),
    ]);
    make_module("select", attrs)
}
