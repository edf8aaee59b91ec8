//! The rest of `_signal`: interval timers (`setitimer` / `getitimer`,
//! `ItimerError`), signals sent to one thread (`pthread_kill`), and
//! waiting for blocked signals (`sigpending`, `sigwait`, `sigwaitinfo`,
//! `sigtimedwait` with `struct_siginfo`), each the libc call of that
//! name with CPython's checks. Waits let the interpreter lock go.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, new_tuple, BuiltinFn};
use crate::object::value::Value;
use crate::vm::Vm;

/// `signal.ItimerError`, the OSError `setitimer` / `getitimer` raise.
fn itimer_error_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "signal.itimer_error",
        "signal",
        "itimer_error",
        ExcKind::OSError,
    )
}

/// `ItimerError` for the current `errno`.
fn itimer_error(vm: &mut Vm) -> Box<PyErr> {
    // The errno and message of the OSError `errno` makes.
    let os = crate::object::exceptions::from_io_error(&std::io::Error::last_os_error(), None);
    let args = crate::object::exceptions::exception_args(&os.exc);
    match crate::protocol::call(vm, &itimer_error_class(), &args, &[]) {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    }
}

fn seconds(t: libc::timeval) -> Value {
    Value::Float(t.tv_sec as f64 + t.tv_usec as f64 * 1e-6)
}

/// A number of seconds as a timeval (rounded up to a microsecond, as
/// CPython's `_PyTime_ROUND_CEILING`).
fn timeval(what: &str, v: Option<&Value>) -> PyResult<libc::timeval> {
    let secs = match v {
        None => 0.0,
        Some(v) => crate::types::number::to_f64(v).map_err(|_| {
            PyErr::new(
                ExcKind::TypeError,
                format!(
                    "{what}(): '{}' object cannot be interpreted as a float",
                    crate::object::heap::type_name(v)
                ),
            )
        })?,
    };
    if !secs.is_finite() || secs.abs() > 1e15 {
        return raise(
            ExcKind::OverflowError,
            "timestamp out of range for platform time_t",
        );
    }
    let micros = (secs * 1e6).ceil() as i64;
    Ok(libc::timeval {
        tv_sec: micros.div_euclid(1_000_000),
        tv_usec: micros.rem_euclid(1_000_000),
    })
}

fn which_timer(what: &str, v: Option<&Value>) -> PyResult<i32> {
    Ok(crate::modules::posix::int_arg(what, v, None)? as i32)
}

/// A signal set from an iterable of signal numbers.
pub(crate) fn sigset(vm: &mut Vm, what: &str, v: Option<&Value>) -> PyResult<libc::sigset_t> {
    let Some(v) = v else {
        return raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument 'sigset' (pos 1)"),
        );
    };
    // SAFETY: sigset_t is plain data that sigemptyset initialises.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid set.
    unsafe { libc::sigemptyset(&mut set) };
    for s in crate::protocol::to_vec(vm, v)? {
        // (Beyond a C long: CPython's converter reports -1.)
        let n = match crate::protocol::ops::int_of(&s) {
            Some(crate::protocol::ops::IntVal::Small(n)) => n,
            Some(_) => -1,
            None => crate::modules::posix::int_arg(what, Some(&s), None)?,
        };
        if !(1..65).contains(&n) {
            return raise(
                ExcKind::ValueError,
                format!("signal number {n} out of range [1; 64]"),
            );
        }
        // SAFETY: `n` is a valid signal number.
        unsafe { libc::sigaddset(&mut set, n as i32) };
    }
    Ok(set)
}

/// The members of a signal set, as a Python set.
fn set_of(set: &libc::sigset_t) -> PyResult<Value> {
    let mut table = crate::object::set_table::SetTable::default();
    for n in 1..65 {
        // SAFETY: reading membership of a valid set.
        if unsafe { libc::sigismember(set, n) } == 1 {
            crate::types::set::add(&mut table, Value::Int(n as i64))?;
        }
    }
    Ok(crate::types::set::new_set(table, false))
}

/// `signal.struct_siginfo`.
fn siginfo_class() -> Value {
    crate::object::builtin_types::kept_by_name("signal.struct_siginfo", || {
        crate::types::struct_sequence::struct_sequence(
            "signal",
            "struct_siginfo",
            &[
                "si_signo",
                "si_code",
                "si_errno",
                "si_pid",
                "si_uid",
                "si_status",
                "si_band",
            ],
            &[],
            vec![
                ("n_sequence_fields", Value::Int(7)),
                ("n_fields", Value::Int(7)),
                ("n_unnamed_fields", Value::Int(0)),
            ],
        )
    })
}

fn siginfo_value(info: &libc::siginfo_t) -> PyResult<Value> {
    // SAFETY: the fields of a siginfo the kernel filled; pid, uid and
    // status read as the union's sigchld view, as CPython does.
    let (pid, uid, status) = unsafe { (info.si_pid(), info.si_uid(), info.si_status()) };
    // si_band shares the union with si_pid: read as CPython does.
    let band = pid as i64;
    let fields = vec![
        Value::Int(info.si_signo as i64),
        Value::Int(info.si_code as i64),
        Value::Int(info.si_errno as i64),
        Value::Int(pid as i64),
        Value::Int(uid as i64),
        Value::Int(status as i64),
        Value::Int(band),
    ];
    crate::types::struct_sequence::instance(&siginfo_class(), fields).map_or_else(
        || raise(ExcKind::SystemError, "no struct_siginfo class"),
        Ok,
    )
}

/// Waits for a signal of `set` with the lock let go; `timeout` None
/// waits for ever. `Ok(None)`: the timeout passed.
fn wait_info(
    vm: &mut Vm,
    set: &libc::sigset_t,
    timeout: Option<libc::timespec>,
) -> PyResult<Option<libc::siginfo_t>> {
    loop {
        // SAFETY: zeroed siginfo is plain data the call fills.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let (r, errno) = crate::vm::threads::blocking(|| {
            // SAFETY: valid pointers to the set, info and timeout.
            let r = unsafe {
                match &timeout {
                    Some(t) => libc::sigtimedwait(set, &mut info, t),
                    None => libc::sigwaitinfo(set, &mut info),
                }
            };
            (r, std::io::Error::last_os_error().raw_os_error())
        });
        if r >= 0 {
            return Ok(Some(info));
        }
        match errno {
            Some(libc::EAGAIN) => return Ok(None),
            Some(libc::EINTR) => crate::vm::signals::check(vm)?,
            _ => {
                return Err(crate::object::exceptions::from_io_error(
                    &std::io::Error::from_raw_os_error(errno.unwrap_or(0)),
                    None,
                ))
            }
        }
    }
}

/// The functions and constants, added to `_signal`'s attributes.
pub fn signal_attrs() -> Vec<(&'static str, Value)> {
    let f = |name: &'static str, func: BuiltinFn| (name, builtin_fn(name, func));
    vec![
        ("ITIMER_REAL", Value::Int(libc::ITIMER_REAL as i64)),
        ("ITIMER_VIRTUAL", Value::Int(libc::ITIMER_VIRTUAL as i64)),
        ("ITIMER_PROF", Value::Int(libc::ITIMER_PROF as i64)),
        ("SIGCLD", Value::Int(libc::SIGCHLD as i64)),
        ("SIGPWR", Value::Int(libc::SIGPWR as i64)),
        ("SIGSTKFLT", Value::Int(libc::SIGSTKFLT as i64)),
        ("ItimerError", itimer_error_class()),
        ("struct_siginfo", siginfo_class()),
        f("setitimer", |vm, _, a, _| {
            crate::object::args::arity("setitimer", a, 2, 3)?;
            let which = which_timer("setitimer", a.first())?;
            let new = libc::itimerval {
                it_value: timeval("setitimer", a.get(1))?,
                it_interval: timeval("setitimer", a.get(2))?,
            };
            // SAFETY: zeroed itimerval is plain data the call fills.
            let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
            // SAFETY: valid pointers to the two values.
            if unsafe { libc::setitimer(which, &new, &mut old) } != 0 {
                return Err(itimer_error(vm));
            }
            Ok(new_tuple(vec![
                seconds(old.it_value),
                seconds(old.it_interval),
            ]))
        }),
        f("getitimer", |vm, _, a, _| {
            crate::object::args::arity("getitimer", a, 1, 1)?;
            let which = which_timer("getitimer", a.first())?;
            // SAFETY: zeroed itimerval is plain data the call fills.
            let mut cur: libc::itimerval = unsafe { std::mem::zeroed() };
            // SAFETY: a valid pointer to the value.
            if unsafe { libc::getitimer(which, &mut cur) } != 0 {
                return Err(itimer_error(vm));
            }
            Ok(new_tuple(vec![
                seconds(cur.it_value),
                seconds(cur.it_interval),
            ]))
        }),
        f("pthread_kill", |vm, _, a, _| {
            crate::object::args::arity("pthread_kill", a, 2, 2)?;
            let thread = match a.first().and_then(crate::protocol::ops::int_of) {
                Some(crate::protocol::ops::IntVal::Small(t)) => t as u64,
                Some(crate::protocol::ops::IntVal::Big(b)) => u64::try_from(b)
                    .map_err(|_| PyErr::new(ExcKind::OverflowError, "thread id out of range"))?,
                None => return raise(ExcKind::TypeError, "thread_id must be an int"),
            };
            let signum = crate::modules::posix::int_arg("pthread_kill", a.get(1), None)?;
            // SAFETY: a thread id from `threading.get_ident()` (pthread_t);
            // signal 0 only checks the thread exists.
            let r = unsafe { libc::pthread_kill(thread as libc::pthread_t, signum as i32) };
            if r != 0 {
                return Err(crate::object::exceptions::from_io_error(
                    &std::io::Error::from_raw_os_error(r),
                    None,
                ));
            }
            // The handler of a signal sent to this thread runs now.
            crate::vm::signals::check(vm)?;
            Ok(Value::None)
        }),
        f("pidfd_send_signal", |vm, _, a, kw| {
            let args = crate::object::args::bind_args(
                "pidfd_send_signal",
                &["pidfd", "sig", "siginfo", "flags"],
                a,
                kw,
            )?;
            let pidfd =
                crate::modules::posix::int_arg("pidfd_send_signal", args[0].as_ref(), None)?;
            let signum =
                crate::modules::posix::int_arg("pidfd_send_signal", args[1].as_ref(), None)?;
            if !matches!(args[2], None | Some(Value::None)) {
                return raise(ExcKind::TypeError, "siginfo must be None");
            }
            let flags =
                crate::modules::posix::int_arg("pidfd_send_signal", args[3].as_ref(), Some(0))?;
            // SAFETY: the pidfd_send_signal system call with a null
            // siginfo reads nothing of ours.
            let r = unsafe {
                libc::syscall(
                    libc::SYS_pidfd_send_signal,
                    pidfd as libc::c_int,
                    signum as libc::c_int,
                    std::ptr::null::<libc::siginfo_t>(),
                    flags as libc::c_uint,
                )
            };
            if r != 0 {
                return Err(crate::modules::posix::last_error());
            }
            // A signal sent to this process is handled now.
            crate::vm::signals::check(vm)?;
            Ok(Value::None)
        }),
        f("sigpending", |_, _, a, _| {
            crate::object::args::arity("sigpending", a, 0, 0)?;
            // SAFETY: sigset_t is plain data the call fills.
            let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
            // SAFETY: a valid pointer to the set.
            if unsafe { libc::sigpending(&mut set) } != 0 {
                return Err(crate::modules::posix::last_error());
            }
            set_of(&set)
        }),
        f("sigwait", |vm, _, a, _| {
            crate::object::args::arity("sigwait", a, 1, 1)?;
            let set = sigset(vm, "sigwait", a.first())?;
            match wait_info(vm, &set, None)? {
                Some(info) => Ok(Value::Int(info.si_signo as i64)),
                None => Ok(Value::None),
            }
        }),
        f("sigwaitinfo", |vm, _, a, _| {
            crate::object::args::arity("sigwaitinfo", a, 1, 1)?;
            let set = sigset(vm, "sigwaitinfo", a.first())?;
            match wait_info(vm, &set, None)? {
                Some(info) => siginfo_value(&info),
                None => Ok(Value::None),
            }
        }),
        f("sigtimedwait", |vm, _, a, _| {
            crate::object::args::arity("sigtimedwait", a, 2, 2)?;
            let set = sigset(vm, "sigtimedwait", a.first())?;
            let t = timeval("sigtimedwait", a.get(1))?;
            if t.tv_sec < 0 {
                return raise(ExcKind::ValueError, "timeout must be non-negative");
            }
            let ts = libc::timespec {
                tv_sec: t.tv_sec,
                tv_nsec: t.tv_usec * 1000,
            };
            match wait_info(vm, &set, Some(ts))? {
                Some(info) => siginfo_value(&info),
                None => Ok(Value::None),
            }
        }),
    ]
}
