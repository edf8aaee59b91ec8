//! `_signal`: the signal numbers, `signal`/`getsignal` (Python handlers
//! run between instructions, `vm::signals`), `default_int_handler`
//! (KeyboardInterrupt), `alarm`, `pause`, `raise_signal`, `strsignal`,
//! `valid_signals`, `siginterrupt` and `set_wakeup_fd`, as CPython's
//! `signal.py` wraps them.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::new_str;
use crate::object::value::Value;
use crate::vm::Vm;

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGIOT", libc::SIGIOT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGSYS", libc::SIGSYS),
];

fn signum_arg(v: Option<&Value>) -> PyResult<i32> {
    match v {
        Some(Value::Int(n)) if (1..65).contains(n) => Ok(*n as i32),
        Some(Value::Int(_)) => raise(ExcKind::ValueError, "signal number out of range"),
        Some(Value::Bool(b)) => signum_arg(Some(&Value::Int(*b as i64))),
        Some(v) => match crate::protocol::ops::int_of(v) {
            Some(crate::protocol::ops::IntVal::Small(n)) => signum_arg(Some(&Value::Int(n))),
            Some(_) => raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            ),
            None => raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    crate::object::heap::type_name(v)
                ),
            ),
        },
        None => raise(ExcKind::TypeError, "signal number required"),
    }
}

fn default_int_handler() -> Value {
    crate::object::builtin_types::kept_by_name("_signal.default_int_handler", || {
        builtin_fn("default_int_handler", |_, _, _, _| {
            Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new()))
        })
    })
}

/// The handler Python sees for `signum`.
fn current(vm: &Vm, signum: i32) -> Value {
    if let Some(h) = vm.signal_handlers.get(&signum) {
        return h.clone();
    }
    // SAFETY: sigaction with a null new action only reads the current one.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: as above; `old` is a valid out-pointer.
    unsafe { libc::sigaction(signum, std::ptr::null(), &mut old) };
    if signum == libc::SIGINT
        && old.sa_sigaction != libc::SIG_DFL
        && old.sa_sigaction != libc::SIG_IGN
    {
        return default_int_handler();
    }
    Value::Int(if old.sa_sigaction == libc::SIG_IGN {
        SIG_IGN
    } else {
        SIG_DFL
    })
}

fn signal(
    vm: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let signum = signum_arg(a.first())?;
    if !crate::vm::signals::may_set_handlers() {
        return raise(
            ExcKind::ValueError,
            "signal only works in main thread of the main interpreter",
        );
    }
    let Some(handler) = a.get(1) else {
        return raise(
            ExcKind::TypeError,
            "signal() missing required argument 'handler' (pos 2)",
        );
    };
    let old = current(vm, signum);
    let disposition = match handler {
        Value::Int(SIG_DFL) => Some(libc::SIG_DFL),
        Value::Int(SIG_IGN) => Some(libc::SIG_IGN),
        h if crate::object::classes::is_callable(h) => None,
        _ => {
            return raise(
                ExcKind::TypeError,
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            )
        }
    };
    let ok = match disposition {
        // SAFETY: setting a standard disposition.
        Some(d) => unsafe { libc::signal(signum, d) != libc::SIG_ERR },
        None => crate::vm::signals::catch(signum),
    };
    if !ok {
        return Err(crate::object::exceptions::from_io_error(
            &std::io::Error::last_os_error(),
            None,
        ));
    }
    match disposition {
        Some(_) => vm.signal_handlers.remove(&signum),
        None => vm.signal_handlers.insert(signum, handler.clone()),
    };
    Ok(old)
}

/// `set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)`: the descriptor the
/// C handler writes each signal's number to (-1: none); the old one. It
/// must be open and non-blocking (the handler may not block).
fn set_wakeup_fd(
    _: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    crate::object::args::arity("set_wakeup_fd", a, 1, 1)?;
    if let Some((k, _)) = kw.iter().find(|(k, _)| &**k != "warn_on_full_buffer") {
        return raise(
            ExcKind::TypeError,
            format!("set_wakeup_fd() got an unexpected keyword argument '{k}'"),
        );
    }
    let fd = match &a[0] {
        Value::Int(n) => i32::try_from(*n).or_else(|_| {
            raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })?,
        _ => {
            return raise(
                ExcKind::TypeError,
                "set_wakeup_fd() argument must be an int",
            )
        }
    };
    if !crate::vm::signals::may_set_handlers() {
        return raise(
            ExcKind::ValueError,
            "set_wakeup_fd only works in main thread of the main interpreter",
        );
    }
    if fd != -1 {
        // SAFETY: fcntl(F_GETFL) only reads the descriptor's flags.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags == -1 {
            return Err(crate::object::exceptions::from_io_error(
                &std::io::Error::last_os_error(),
                None,
            ));
        }
        if flags & libc::O_NONBLOCK == 0 {
            return raise(
                ExcKind::ValueError,
                format!("the fd {fd} must be in non-blocking mode"),
            );
        }
    }
    let old = crate::vm::signals::WAKEUP_FD.swap(fd, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::Int(old as i64))
}

/// The `_signal` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    let mut attrs: Vec<(&str, Value)> = SIGNALS
        .iter()
        .map(|(n, v)| (*n, Value::Int(*v as i64)))
        .collect();
    attrs.extend([
        ("SIGRTMIN", Value::Int(libc::SIGRTMIN() as i64)),
        ("SIGRTMAX", Value::Int(libc::SIGRTMAX() as i64)),
        ("SIG_DFL", Value::Int(SIG_DFL)),
        ("SIG_IGN", Value::Int(SIG_IGN)),
        ("NSIG", Value::Int(65)),
        ("SIG_BLOCK", Value::Int(libc::SIG_BLOCK as i64)),
        ("SIG_UNBLOCK", Value::Int(libc::SIG_UNBLOCK as i64)),
        ("SIG_SETMASK", Value::Int(libc::SIG_SETMASK as i64)),
        ("default_int_handler", default_int_handler()),
        f("signal", signal),
        f("getsignal", |vm, _, a, _| {
            let signum = signum_arg(a.first())?;
            Ok(current(vm, signum))
        }),
        f("alarm", |_, _, a, _| {
            let secs = match a.first() {
                Some(Value::Int(n)) if *n >= 0 => *n as u32,
                _ => {
                    return raise(
                        ExcKind::TypeError,
                        "alarm() argument must be a non-negative int",
                    )
                }
            };
            // SAFETY: alarm only arms a timer.
            Ok(Value::Int(unsafe { libc::alarm(secs) } as i64))
        }),
        f("pause", |vm, _, _, _| {
            // SAFETY: pause blocks until a signal arrives (with the
            // interpreter lock let go).
            crate::vm::threads::blocking(|| unsafe { libc::pause() });
            crate::vm::signals::check(vm)?;
            Ok(Value::None)
        }),
        f("raise_signal", |vm, _, a, _| {
            let signum = signum_arg(a.first())?;
            // SAFETY: raising a signal in this process.
            if unsafe { libc::raise(signum) } != 0 {
                return Err(crate::object::exceptions::from_io_error(
                    &std::io::Error::last_os_error(),
                    None,
                ));
            }
            crate::vm::signals::check(vm)?;
            Ok(Value::None)
        }),
        f("strsignal", |_, _, a, _| {
            let signum = signum_arg(a.first())?;
            // SAFETY: strsignal returns a static or thread-local string.
            let p = unsafe { libc::strsignal(signum) };
            if p.is_null() {
                return Ok(Value::None);
            }
            // SAFETY: a NUL-terminated string from the C library.
            let text = unsafe { std::ffi::CStr::from_ptr(p) }
                .to_string_lossy()
                .into_owned();
            Ok(new_str(text))
        }),
        f("valid_signals", |vm, _, _, _| {
            let items: Vec<Value> = (1..65)
                .filter(|&n| n != 32 && n != 33)
                .map(Value::Int)
                .collect();
            crate::types::construct::construct(
                vm,
                crate::object::heap::TypeKind::Set,
                &[crate::object::heap::new_list(items)],
                &[],
            )
        }),
        f("pthread_sigmask", |vm, _, a, _| {
            let how = match a.first().and_then(crate::protocol::ops::int_of) {
                Some(crate::protocol::ops::IntVal::Small(h)) => h as i32,
                _ => {
                    return raise(
                        ExcKind::TypeError,
                        "pthread_sigmask() argument 1 must be int",
                    )
                }
            };
            let Some(mask) = a.get(1) else {
                return raise(
                    ExcKind::TypeError,
                    "pthread_sigmask() missing argument 'mask'",
                );
            };
            let set = crate::modules::signal_wait::sigset(vm, "pthread_sigmask", Some(mask))?;
            // SAFETY: sigset_t is plain old data, filled by the call below.
            let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
            // SAFETY: valid pointers; pthread_sigmask changes this thread's mask.
            let r = unsafe { libc::pthread_sigmask(how, &set, &mut old) };
            if r != 0 {
                return Err(crate::object::exceptions::from_io_error(
                    &std::io::Error::from_raw_os_error(r),
                    None,
                ));
            }
            let blocked: Vec<Value> = (1..65)
                // SAFETY: reading membership of a valid set.
                .filter(|&n| unsafe { libc::sigismember(&old, n) } == 1)
                .map(|n| Value::Int(n as i64))
                .collect();
            crate::vm::signals::check(vm)?;
            crate::types::construct::construct(
                vm,
                crate::object::heap::TypeKind::Set,
                &[crate::object::heap::new_list(blocked)],
                &[],
            )
        }),
        f("siginterrupt", |_, _, a, _| {
            crate::object::args::arity("siginterrupt", a, 2, 2)?;
            let signum = signum_arg(a.first())?;
            let flag = crate::protocol::ops::truthy(&a[1]);
            crate::vm::signals::set_interrupts(signum, flag)
                .map_err(|e| crate::object::exceptions::from_io_error(&e, None))?;
            Ok(Value::None)
        }),
        f("set_wakeup_fd", set_wakeup_fd),
    ]);
    attrs.extend(crate::modules::signal_wait::signal_attrs());
    make_module("_signal", attrs)
}
