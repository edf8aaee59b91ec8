//! The C API's thread functions, as CPython's `pystate.c` / `ceval.c`
//! give them to hosts: `PyEval_SaveThread` / `PyEval_RestoreThread`
//! (what `Py_BEGIN_ALLOW_THREADS` / `Py_END_ALLOW_THREADS` expand to) let
//! the interpreter lock go around a blocking host call and take it back;
//! `PyGILState_Ensure` / `PyGILState_Release` let any host thread call
//! in. A host thread's first `Ensure` gives it its own interpreter state
//! (a `Vm` of the interpreter, as a thread `_thread` starts gets), made
//! from a template state kept since `Py_Initialize` (so no other
//! thread's state is touched) and freed by the matching `Release`.
//! `PyThreadState *` is a `Vm` pointer, opaque to C.

use crate::{set_vm, vm};
use std::cell::{Cell, RefCell};
use std::ffi::c_int;
use std::sync::{Arc, Mutex};
use taipan_rt::object::gil::Gil;
use taipan_rt::vm::Vm;

/// `PyThreadState`: opaque to C.
pub type PyThreadState = Vm;

/// `PyGILState_STATE`: what `Ensure` found (CPython's values).
const LOCKED: c_int = 0;
const UNLOCKED: c_int = 1;

/// The interpreter's lock and the state new host threads' states are
/// made from, while it is initialized.
struct Shared {
    gil: Arc<Gil>,
    /// Made from the first state at `Py_Initialize`; only used by the
    /// thread holding the lock.
    template: Box<Vm>,
}

// SAFETY: the template is only touched by the thread holding the
// interpreter lock (see `Shared`); the lock itself is thread-safe.
unsafe impl Send for Shared {}

static SHARED: Mutex<Option<Shared>> = Mutex::new(None);

/// A host thread's own state, made by `PyGILState_Ensure`.
struct HostState {
    vm: Box<Vm>,
    /// Keeps the interpreter current in this thread while the state
    /// lives.
    _entered: taipan_rt::object::state::Entered,
}

thread_local! {
    /// Whether this thread holds the interpreter lock (as far as the C
    /// API knows: the thread that initialized holds it from the start).
    static HOLDS: Cell<bool> = const { Cell::new(false) };
    /// `Ensure` calls not yet released in this thread.
    static ENSURED: Cell<usize> = const { Cell::new(0) };
    /// The state `Ensure` made for this thread, if it made one.
    static HOST: RefCell<Option<HostState>> = const { RefCell::new(None) };
}

fn with_shared<R>(f: impl FnOnce(&mut Shared) -> R) -> Option<R> {
    let mut s = SHARED.lock().unwrap_or_else(|p| p.into_inner());
    s.as_mut().map(f)
}

fn gil() -> Option<Arc<Gil>> {
    with_shared(|s| s.gil.clone())
}

/// `Py_Initialize`: the initializing thread holds the lock.
pub(crate) fn init(first: &mut Vm) {
    let shared = Shared {
        gil: first.gil_handle(),
        template: Box::new(first.for_thread()),
    };
    *SHARED.lock().unwrap_or_else(|p| p.into_inner()) = Some(shared);
    HOLDS.with(|h| h.set(true));
}

/// `Py_FinalizeEx` (called by the thread holding the lock).
pub(crate) fn finalize() {
    let shared = SHARED.lock().unwrap_or_else(|p| p.into_inner()).take();
    drop(shared);
    HOLDS.with(|h| h.set(false));
}

fn take_lock(gil: &Gil) {
    gil.acquire(taipan_rt::vm::signals::request_gil_drop);
    HOLDS.with(|h| h.set(true));
}

fn let_lock_go(gil: &Gil) {
    HOLDS.with(|h| h.set(false));
    gil.release();
}

/// `PyEval_SaveThread`: lets the lock go; this thread's state, for
/// `PyEval_RestoreThread`.
#[no_mangle]
pub extern "C" fn PyEval_SaveThread() -> *mut PyThreadState {
    let state = set_vm(std::ptr::null_mut());
    if let Some(gil) = gil() {
        if HOLDS.with(Cell::get) {
            let_lock_go(&gil);
        }
    }
    state
}

/// `PyEval_RestoreThread`: takes the lock back and makes `state` this
/// thread's state again.
#[no_mangle]
pub extern "C" fn PyEval_RestoreThread(state: *mut PyThreadState) {
    if let Some(gil) = gil() {
        if !HOLDS.with(Cell::get) {
            take_lock(&gil);
        }
    }
    set_vm(state);
}

/// `PyGILState_Ensure`: makes sure this thread holds the lock and has a
/// state, whatever it held before; `PyGILState_Release` undoes it.
#[no_mangle]
pub extern "C" fn PyGILState_Ensure() -> c_int {
    let Some(gil) = gil() else {
        return LOCKED;
    };
    ENSURED.with(|n| n.set(n.get() + 1));
    if HOLDS.with(Cell::get) {
        return LOCKED;
    }
    let has_state = HOST.with(|h| h.borrow().is_some()) || vm().is_some();
    if !has_state {
        // Counted as a thread before it waits, so the holder lets the
        // lock go around its blocking calls and when asked.
        gil.thread_starting();
    }
    take_lock(&gil);
    if !has_state {
        let made = with_shared(|s| s.template.for_thread());
        if let Some(state) = made {
            let mut vm = Box::new(state);
            let entered = vm.enter();
            set_vm(&mut *vm);
            HOST.with(|h| {
                *h.borrow_mut() = Some(HostState {
                    vm,
                    _entered: entered,
                })
            });
        }
    } else if let Some(p) = HOST.with(|h| h.borrow_mut().as_mut().map(|s| &mut *s.vm as *mut Vm)) {
        set_vm(p);
    }
    UNLOCKED
}

/// `PyGILState_Release`: back to what the matching `Ensure` found; the
/// state it made is freed with the last release.
#[no_mangle]
pub extern "C" fn PyGILState_Release(previous: c_int) {
    let Some(gil) = gil() else { return };
    let left = ENSURED.with(|n| {
        let v = n.get().saturating_sub(1);
        n.set(v);
        v
    });
    if left == 0 {
        let host = HOST.with(|h| h.borrow_mut().take());
        if let Some(mut host) = host {
            // Freed with the lock held: its objects are the interpreter's.
            taipan_rt::object::pending::run(&mut host.vm);
            set_vm(std::ptr::null_mut());
            drop(host);
            gil.thread_finished();
        }
    }
    if previous == UNLOCKED && HOLDS.with(Cell::get) {
        let_lock_go(&gil);
    }
}

/// `PyGILState_Check`: whether this thread holds the lock.
#[no_mangle]
pub extern "C" fn PyGILState_Check() -> c_int {
    HOLDS.with(Cell::get) as c_int
}

/// `PyGILState_GetThisThreadState` / `PyThreadState_Get`: this thread's
/// state (NULL if it has none).
#[no_mangle]
pub extern "C" fn PyGILState_GetThisThreadState() -> *mut PyThreadState {
    vm().map_or(std::ptr::null_mut(), |v| v as *mut Vm)
}

#[no_mangle]
pub extern "C" fn PyThreadState_Get() -> *mut PyThreadState {
    PyGILState_GetThisThreadState()
}

/// `PyEval_InitThreads`: threads are always ready (as in 3.9+).
#[no_mangle]
pub extern "C" fn PyEval_InitThreads() {}

#[no_mangle]
pub extern "C" fn PyEval_ThreadsInitialized() -> c_int {
    1
}
