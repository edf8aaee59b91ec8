//! `faulthandler`: tracebacks written straight to a file descriptor, for
//! when the usual machinery cannot be trusted — test runners (pytest,
//! `test.support`) enable it and arm a watchdog. CPython's
//! `Modules/faulthandler.c`, in part:
//!
//! - `enable` / `disable` / `is_enabled`: on SIGSEGV, SIGFPE, SIGABRT,
//!   SIGBUS and SIGILL, "Fatal Python error: Segmentation fault" (…) is
//!   written to the file before the signal's default action kills the
//!   process (no Python traceback: the handler cannot read frames safely);
//! - `dump_traceback(file, all_threads)`: the calling thread's frames,
//!   innermost first, in CPython's format (other threads' frames are not
//!   reachable from here; the dump says which thread it is);
//! - `dump_traceback_later(timeout, repeat, file, exit)` /
//!   `cancel_dump_traceback_later()`: a watchdog thread writes
//!   "Timeout (0:00:05)!", asks the thread that handles signals to dump
//!   its frames at its next check (loop back edges and calls), and with
//!   `exit` ends the process with status 1 shortly after.
//!
//! Not provided: `register` / `unregister` (a traceback on a user signal).

use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, BuiltinFn};
use crate::object::value::Value;
use crate::vm::Vm;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The descriptor fatal signals are reported on (-1: not enabled).
static FATAL_FD: AtomicI32 = AtomicI32::new(-1);

/// The dispositions `enable` replaced, put back by `disable`.
static PREVIOUS: Mutex<Vec<(i32, libc::sigaction)>> = Mutex::new(Vec::new());

/// The signals `enable` reports, with CPython's names for them.
const FATAL: &[(i32, &str)] = &[
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGSEGV, "Segmentation fault"),
];

extern "C" fn on_fatal(signum: libc::c_int) {
    let fd = FATAL_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let name = FATAL
            .iter()
            .find(|(s, _)| *s == signum)
            .map_or("Fatal signal", |(_, n)| n);
        crate::vm::signals::write_fd(fd, b"Fatal Python error: ");
        crate::vm::signals::write_fd(fd, name.as_bytes());
        crate::vm::signals::write_fd(fd, b"\n\n");
    }
    // SAFETY: the handler was installed with SA_RESETHAND, so raising the
    // signal again runs its default action (async-signal-safe calls only).
    unsafe { libc::raise(signum) };
}

/// The descriptor of a `file` argument (None: `sys.stderr`), flushing a
/// file object first, as CPython does.
fn file_fd(vm: &mut Vm, file: Option<&Value>) -> PyResult<i32> {
    let file = match file {
        Some(f) if !matches!(f, Value::None) => f.clone(),
        _ => {
            let sys = crate::vm::imports::import_dotted(vm, "sys")?;
            match crate::protocol::getattr(vm, &sys, "stderr") {
                Ok(s) if !matches!(s, Value::None) => s,
                _ => return raise(ExcKind::RuntimeError, "sys.stderr is None"),
            }
        }
    };
    if let Value::Int(fd) = file {
        if fd < 0 {
            return raise(ExcKind::ValueError, "file is not a valid file descriptor");
        }
        return Ok(fd as i32);
    }
    let fileno = crate::protocol::getattr(vm, &file, "fileno")?;
    let fd = crate::protocol::call(vm, &fileno, &[], &[])?;
    let Value::Int(fd) = fd else {
        return raise(
            ExcKind::RuntimeError,
            "file.fileno() is not a valid file descriptor",
        );
    };
    if fd < 0 {
        return raise(
            ExcKind::RuntimeError,
            "file.fileno() is not a valid file descriptor",
        );
    }
    if let Ok(flush) = crate::protocol::getattr(vm, &file, "flush") {
        crate::protocol::call(vm, &flush, &[], &[])?;
    }
    Ok(fd as i32)
}

/// The armed watchdog: cancelled through the flag and condition.
struct Watchdog {
    cancel: Arc<(Mutex<bool>, Condvar)>,
}

static WATCHDOG: Mutex<Option<Watchdog>> = Mutex::new(None);

fn cancel_watchdog() {
    let old = WATCHDOG.lock().unwrap_or_else(|p| p.into_inner()).take();
    if let Some(w) = old {
        let (flag, cond) = &*w.cancel;
        *flag.lock().unwrap_or_else(|p| p.into_inner()) = true;
        cond.notify_all();
    }
}

/// "Timeout (H:MM:SS[.ffffff])!" as CPython formats the delay.
fn timeout_header(secs: f64) -> String {
    let whole = secs.trunc() as u64;
    let micros = ((secs - secs.trunc()) * 1e6).round() as u64;
    let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60);
    if micros != 0 {
        format!("Timeout ({h}:{m:02}:{s:02}.{micros:06})!\n")
    } else {
        format!("Timeout ({h}:{m:02}:{s:02})!\n")
    }
}

fn dump_traceback_later(
    vm: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let args = bind_args(
        "dump_traceback_later",
        &["timeout", "repeat", "file", "exit"],
        a,
        kw,
    )?;
    let Some(timeout) = &args[0] else {
        return raise(
            ExcKind::TypeError,
            "dump_traceback_later() missing required argument 'timeout' (pos 1)",
        );
    };
    let secs = crate::types::number::to_f64(timeout)?;
    if secs <= 0.0 || !secs.is_finite() {
        return raise(ExcKind::ValueError, "timeout must be greater than 0");
    }
    let repeat = args[1].as_ref().is_some_and(crate::protocol::ops::truthy);
    let fd = file_fd(vm, args[2].as_ref())?;
    let exit = args[3].as_ref().is_some_and(crate::protocol::ops::truthy);
    cancel_watchdog();
    let cancel = Arc::new((Mutex::new(false), Condvar::new()));
    let theirs = cancel.clone();
    let header = timeout_header(secs);
    std::thread::Builder::new()
        .name("faulthandler watchdog".into())
        .spawn(move || {
            crate::vm::signals::block_all_in_this_thread();
            loop {
                let (flag, cond) = &*theirs;
                let guard = flag.lock().unwrap_or_else(|p| p.into_inner());
                let (guard, _) = cond
                    .wait_timeout_while(guard, Duration::from_secs_f64(secs), |c| !*c)
                    .unwrap_or_else(|p| p.into_inner());
                if *guard {
                    return;
                }
                drop(guard);
                crate::vm::signals::write_fd(fd, header.as_bytes());
                crate::vm::signals::request_dump(fd);
                if exit {
                    // Give the thread a moment to write its frames, then end.
                    for _ in 0..50 {
                        if crate::vm::signals::dump_written() {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    // SAFETY: ends the process at once, as CPython's `_exit(1)`.
                    unsafe { libc::_exit(1) };
                }
                if !repeat {
                    return;
                }
            }
        })
        .map_err(|e| crate::object::exceptions::from_io_error(&e, None))?;
    *WATCHDOG.lock().unwrap_or_else(|p| p.into_inner()) = Some(Watchdog { cancel });
    Ok(Value::None)
}

/// Raises fatal signal `signum` in this thread (`_sigsegv(release_gil=False)`
/// and the others; the argument only says whether the interpreter lock
/// is let go first).
fn crash(vm: &mut Vm, a: &[Value], signum: i32) -> PyResult<Value> {
    crate::object::args::arity("_sigsegv", a, 0, 1)?;
    let _ = vm.stdout.flush();
    let release = a.first().is_some_and(crate::protocol::ops::truthy);
    // No core file for a crash on purpose (CPython's
    // `faulthandler_suppress_crash_report`).
    // SAFETY: reading the limit into a valid rlimit, then lowering its
    // soft value (which needs no privilege).
    unsafe {
        let mut core: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CORE, &mut core) == 0 {
            core.rlim_cur = 0;
            libc::setrlimit(libc::RLIMIT_CORE, &core);
        }
    }
    if FATAL_FD.load(Ordering::Relaxed) < 0 {
        // Without the report, the default action: the Rust runtime's own
        // SIGSEGV handler (for stack overflows) would return from a
        // raised signal and let the process go on.
        // SAFETY: restoring a standard disposition.
        unsafe { libc::signal(signum, libc::SIG_DFL) };
    }
    // SAFETY: raising a signal in this thread; its default action (or
    // the fatal-error handler, which then restores it) ends the process.
    let fire = || unsafe { libc::raise(signum) };
    if release {
        crate::vm::threads::blocking(fire);
    } else {
        fire();
    }
    Ok(Value::None)
}

/// The `faulthandler` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: BuiltinFn| (n, builtin_fn(n, func));
    make_module(
        "faulthandler",
        vec![
            // Test helpers that crash the process as CPython's do (the
            // test suites use them to kill a worker): the signal is
            // raised for real, so the report (when enabled) and the
            // parent's view of the death are the real ones.
            f("_sigsegv", |vm, _, a, _| crash(vm, a, libc::SIGSEGV)),
            f("_read_null", |vm, _, a, _| crash(vm, a, libc::SIGSEGV)),
            f("_sigfpe", |vm, _, a, _| crash(vm, a, libc::SIGFPE)),
            f("_sigabrt", |vm, _, a, _| crash(vm, a, libc::SIGABRT)),
            f("enable", |vm, _, a, kw| {
                let args = bind_args("enable", &["file", "all_threads"], a, kw)?;
                let fd = file_fd(vm, args[0].as_ref())?;
                if FATAL_FD.swap(fd, Ordering::Relaxed) >= 0 {
                    return Ok(Value::None);
                }
                let mut previous = PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
                for &(signum, _) in FATAL {
                    // SAFETY: a zeroed sigaction is valid; the handler does
                    // async-signal-safe work only and lives for ever.
                    unsafe {
                        let mut act: libc::sigaction = std::mem::zeroed();
                        act.sa_sigaction = on_fatal as extern "C" fn(libc::c_int) as usize;
                        act.sa_flags = libc::SA_NODEFER | libc::SA_RESETHAND | libc::SA_ONSTACK;
                        libc::sigemptyset(&mut act.sa_mask);
                        let mut old: libc::sigaction = std::mem::zeroed();
                        if libc::sigaction(signum, &act, &mut old) == 0 {
                            previous.push((signum, old));
                        }
                    }
                }
                Ok(Value::None)
            }),
            f("disable", |_, _, _, _| {
                let was = FATAL_FD.swap(-1, Ordering::Relaxed) >= 0;
                let previous =
                    std::mem::take(&mut *PREVIOUS.lock().unwrap_or_else(|p| p.into_inner()));
                for (signum, old) in previous {
                    // SAFETY: putting back a disposition sigaction gave us.
                    unsafe { libc::sigaction(signum, &old, std::ptr::null_mut()) };
                }
                Ok(Value::Bool(was))
            }),
            f("is_enabled", |_, _, _, _| {
                Ok(Value::Bool(FATAL_FD.load(Ordering::Relaxed) >= 0))
            }),
            f("dump_traceback", |vm, _, a, kw| {
                let args = bind_args("dump_traceback", &["file", "all_threads"], a, kw)?;
                let fd = file_fd(vm, args[0].as_ref())?;
                crate::vm::signals::write_fd(
                    fd,
                    crate::vm::frames::fault_traceback(vm, true).as_bytes(),
                );
                Ok(Value::None)
            }),
            f("dump_traceback_later", dump_traceback_later),
            f("cancel_dump_traceback_later", |_, _, _, _| {
                cancel_watchdog();
                Ok(Value::None)
            }),
        ],
    )
}
