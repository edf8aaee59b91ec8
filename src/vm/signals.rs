//! Ctrl-C as CPython handles it by default: SIGINT only sets a flag; the
//! interpreter looks at it at loop back-edges and before calls, and raises
//! `KeyboardInterrupt` there, so `finally` blocks run and buffered output
//! is flushed. Compiled loops that make no calls do not look (issue 15
//! adds the check to compiled code).

use crate::object::exceptions::{ExcKind, PyErr, PyResult};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the SIGINT handler, cleared when the exception is raised.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_: libc::c_int) {
    // Only an atomic store: all a signal handler may safely do.
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Installs the SIGINT handler (the command line does; an embedding host
/// keeps its own), unless SIGINT is ignored (a background job), which
/// CPython leaves as it is.
pub fn install() {
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: `signal` with a handler that only stores to an atomic is
    // async-signal-safe; the handler lives for the whole program; the
    // previous disposition is put back when it was "ignore".
    unsafe {
        let previous = libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        if previous == libc::SIG_IGN {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
        }
    }
}

/// Raises `KeyboardInterrupt` if Ctrl-C was pressed since the last look.
#[inline]
pub fn check() -> PyResult<()> {
    if INTERRUPTED.load(Ordering::Relaxed) {
        INTERRUPTED.store(false, Ordering::Relaxed);
        return Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new()));
    }
    Ok(())
}
