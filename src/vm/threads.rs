//! Python threads on OS threads (`_thread.start_new_thread`), under the
//! interpreter lock of `object::gil`: how a thread is started and ended,
//! how blocking calls let the lock go, how the holder answers a waiter's
//! drop request at its checks, and how the interpreter waits for its
//! threads at exit (`threading._shutdown`).

use crate::object::exceptions::{ExcKind, PyErr, PyResult};
use crate::object::value::Value;
use crate::vm::Vm;
use std::io::Write;

/// Runs `f` — a blocking call that touches no Python object — with the
/// current interpreter's lock let go when other threads could use it.
pub fn blocking<R>(f: impl FnOnce() -> R) -> R {
    crate::object::state::with(|s| s.gil.blocking(super::signals::request_gil_drop, f))
}

/// The holder's answer to a waiter that asked for the lock (the eval
/// breaker's GIL bit was set): lets it go until a waiter has taken it.
pub fn answer_drop_request(vm: &mut Vm) {
    let gil = vm.gil();
    if gil.drop_requested() {
        gil.switch(super::signals::request_gil_drop);
    }
}

/// A writer that writes through the first thread's output stream (a
/// thread's `Vm` prints where the interpreter prints).
pub struct Forward(*mut dyn Write);

impl Forward {
    /// Writes through `to`, which outlives the writer: it belongs to the
    /// interpreter's first `Vm`, which keeps the interpreter lock for
    /// good when it ends, so no thread writes after it.
    pub fn new(to: &mut dyn Write) -> Forward {
        // SAFETY: only the lifetime is erased (see above); the pointer is
        // used only by the thread holding the interpreter lock.
        Forward(unsafe {
            std::mem::transmute::<&mut dyn Write, &'static mut dyn Write>(to) as *mut dyn Write
        })
    }
}

impl Write for Forward {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // SAFETY: see `Forward::new`; the interpreter lock serialises use.
        unsafe { (*self.0).write(buf) }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        // SAFETY: as in `write`.
        unsafe { (*self.0).flush() }
    }
}

/// What moves to a new thread: its `Vm` and the call it makes. Values
/// are not `Send` (their reference counts are plain integers); they are
/// only touched by the thread holding the interpreter lock, which the
/// new thread takes before it touches any.
struct ThreadStart {
    vm: Vm,
    func: Value,
    args: Vec<Value>,
    names: Vec<std::rc::Rc<str>>,
}

// SAFETY: see `ThreadStart`: the receiving thread takes the interpreter
// lock before it uses anything inside.
unsafe impl Send for ThreadStart {}

/// `_thread.start_new_thread`: runs `func(*args, **kwargs)` on a new OS
/// thread of this interpreter; returns its identity (`get_ident()` in it).
pub fn start(
    vm: &mut Vm,
    func: Value,
    args: Vec<Value>,
    names: Vec<std::rc::Rc<str>>,
) -> PyResult<i64> {
    let gil = vm.gil_handle();
    let start = ThreadStart {
        vm: vm.for_thread(),
        func,
        args,
        names,
    };
    gil.thread_starting();
    let thread_gil = gil.clone();
    let spawned = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || run_thread(start, thread_gil));
    match spawned {
        Ok(handle) => {
            use std::os::unix::thread::JoinHandleExt;
            Ok(handle.as_pthread_t() as i64)
        }
        Err(_) => {
            gil.thread_finished();
            crate::object::exceptions::raise(ExcKind::RuntimeError, "can't start new thread")
        }
    }
}

/// The body of a thread: take the lock, make the call, report an
/// exception other than SystemExit as CPython's `thread_run` does, let
/// `join` know, free the thread's state, let the lock go.
fn run_thread(start: ThreadStart, gil: std::sync::Arc<crate::object::gil::Gil>) {
    let ThreadStart {
        mut vm,
        func,
        args,
        names,
    } = start;
    gil.acquire(super::signals::request_gil_drop);
    let _entered = vm.enter();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let r = crate::object::state::with_stack(|| {
            crate::protocol::call(&mut vm, &func, &args, &names)
        });
        if let Err(e) = r {
            if e.kind() != ExcKind::SystemExit {
                (vm.natives.report_unraisable)(
                    &mut vm,
                    Some("Exception ignored in thread started by"),
                    &func,
                    &e,
                );
            }
        }
        drop((func, args));
        for lock in std::mem::take(&mut vm.thread_exit_locks) {
            // (Unless the program released it already.)
            if let Ok(release) = crate::protocol::getattr(&mut vm, &lock, "release") {
                let _ = crate::protocol::call(&mut vm, &release, &[], &[]);
            }
        }
        let _ = vm.stdout.flush();
        crate::object::pending::run(&mut vm);
        (vm.natives.thread_exit)();
        drop(vm);
    }));
    if let Err(panic) = outcome {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("taipan: internal error in a thread: {what}");
    }
    gil.thread_finished();
    gil.release();
}

/// `threading._shutdown()` when `threading` was imported: waits for the
/// non-daemon threads before the interpreter ends (CPython's
/// `wait_for_thread_shutdown`).
pub fn wait_for_shutdown(vm: &mut Vm) {
    let Some(threading) = vm.module("threading") else {
        return;
    };
    let shutdown = match crate::protocol::getattr(vm, &threading, "_shutdown") {
        Ok(f) => f,
        Err(_) => return,
    };
    if let Err(e) = crate::protocol::call(vm, &shutdown, &[], &[]) {
        report(vm, &shutdown, &e);
    }
}

fn report(vm: &mut Vm, what: &Value, e: &PyErr) {
    (vm.natives.report_unraisable)(vm, None, what, e);
}
