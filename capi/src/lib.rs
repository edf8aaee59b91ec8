//! Taipan's C API: `libtaipan.so` and `include/taipan.h`, CPython's
//! embedding functions under CPython's names and calling conventions, so
//! a C host written for `Python.h` compiles unchanged against Taipan
//! (docs/embedding.md). `PyObject *` is the runtime's own heap object
//! (or a box of an immediate value: `taipan::embed::handle`); reference
//! counts, new and borrowed references and the error indicator behave as
//! CPython documents. The variadic functions (`Py_BuildValue`,
//! `PyArg_ParseTuple`, `PyObject_CallFunction`, …) are written in C
//! (`src/varargs.c`), since stable Rust cannot define them, on top of the
//! functions here.
//!
//! One interpreter per process, under its interpreter lock as CPython's:
//! the thread that initialized it holds the lock, lets it go with
//! `Py_BEGIN_ALLOW_THREADS` / `PyEval_SaveThread`, and other host threads
//! take it with `PyGILState_Ensure` (`src/threads.rs`). `libtaipan.so` allocates
//! through `taipan::embed::CountingAllocator`.

#![allow(non_snake_case, non_upper_case_globals, non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]

mod errors;
mod module;
mod objects;
mod threads;

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, CStr};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use taipan_rt::embed::{handle, Interpreter};
use taipan_rt::object::exceptions::{PyErr, PyResult};
use taipan_rt::object::value::{HeapObject, Value};
use taipan_rt::vm::Vm;

#[global_allocator]
static ALLOCATOR: taipan_rt::embed::CountingAllocator = taipan_rt::embed::CountingAllocator;

/// `PyObject`: opaque to C.
pub type PyObject = HeapObject;
/// `Py_ssize_t`.
pub type Py_ssize_t = isize;
type P = *mut PyObject;

thread_local! {
    /// The interpreter `Py_Initialize` made.
    static INTERP: RefCell<Option<Interpreter>> = const { RefCell::new(None) };
}

/// The interpreter state the C API works on in the thread that called
/// `Py_Initialize`: the interpreter's own, or, while a C function Python
/// called runs, the one that called it. A process-wide pointer for that
/// thread (most hosts call from it only), read without a thread-local
/// lookup (which costs a `__tls_get_addr` call in a shared library).
static MAIN_VM: AtomicPtr<Vm> = AtomicPtr::new(std::ptr::null_mut());

/// The `pthread_self()` of the thread that called `Py_Initialize`.
static MAIN_THREAD: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// [`MAIN_VM`] for every other thread: its own state
    /// (`PyGILState_Ensure`) or the one a C function was called with.
    /// Only the thread holding the interpreter lock uses its state.
    static VM: Cell<*mut Vm> = const { Cell::new(std::ptr::null_mut()) };
}

/// Whether `Py_Initialize` has run (and `Py_FinalizeEx` not yet): for
/// every thread, not only the one that initialized.
static INITIALIZED: AtomicBool = AtomicBool::new(false);

fn on_main_thread() -> bool {
    // SAFETY: pthread_self has no preconditions.
    (unsafe { libc::pthread_self() }) as usize == MAIN_THREAD.load(Ordering::Relaxed)
}

/// This thread's interpreter state, if it has one.
fn vm<'a>() -> Option<&'a mut Vm> {
    let p = if on_main_thread() {
        MAIN_VM.load(Ordering::Relaxed)
    } else {
        VM.with(Cell::get)
    };
    // SAFETY: the pointer is a live state: the interpreter's (reset by
    // Py_FinalizeEx), a host thread's (kept until its last
    // PyGILState_Release), or the one a running native call was given,
    // which outlives the call; this thread holds the interpreter lock
    // while it uses it, so nothing else does.
    (!p.is_null()).then(|| unsafe { &mut *p })
}

/// Makes `vm` this thread's state; the previous one.
pub(crate) fn set_vm(vm: *mut Vm) -> *mut Vm {
    if on_main_thread() {
        MAIN_VM.swap(vm, Ordering::Relaxed)
    } else {
        VM.with(|c| c.replace(vm))
    }
}

/// Runs `f` with `vm` as the C API's interpreter state (a C function
/// called from Python: its API calls use the caller's state).
pub(crate) fn with_vm<R>(vm: *mut Vm, f: impl FnOnce() -> R) -> R {
    let previous = set_vm(vm);
    let r = f();
    set_vm(previous);
    r
}

/// Runs an operation on the interpreter; a Python exception sets the
/// error indicator and gives None (as does calling before
/// `Py_Initialize`).
fn run<T>(op: impl FnOnce(&mut Vm) -> PyResult<T>) -> Option<T> {
    let vm = vm()?;
    match op(vm) {
        Ok(v) => Some(v),
        Err(e) => {
            errors::set(e);
            None
        }
    }
}

/// [`run`] for a function returning a new reference (NULL on error).
fn new_ref(op: impl FnOnce(&mut Vm) -> PyResult<Value>) -> P {
    run(op).map_or(std::ptr::null_mut(), handle::new_ref)
}

/// The value a `PyObject *` stands for (a new reference).
///
/// # Safety
/// `o` must be null or a live object pointer.
unsafe fn val(o: P) -> Option<Value> {
    // SAFETY: guaranteed by the caller.
    (!o.is_null()).then(|| unsafe { handle::value(o) })
}

/// [`val`], or the SystemError CPython raises for a NULL argument.
unsafe fn arg(o: P) -> PyResult<Value> {
    // SAFETY: guaranteed by the caller.
    match unsafe { val(o) } {
        Some(v) => Ok(v),
        None => Err(bad_internal_call()),
    }
}

fn bad_internal_call() -> Box<PyErr> {
    PyErr::new(
        taipan_rt::object::exceptions::ExcKind::SystemError,
        "bad argument to internal function",
    )
}

/// A C string as `&str` (UTF-8 expected; a UnicodeDecodeError-like
/// SystemError otherwise).
unsafe fn text<'a>(s: *const c_char) -> PyResult<&'a str> {
    if s.is_null() {
        return Err(bad_internal_call());
    }
    // SAFETY: the caller passes a NUL-terminated string.
    unsafe { CStr::from_ptr(s) }.to_str().map_err(|_| {
        PyErr::new(
            taipan_rt::object::exceptions::ExcKind::UnicodeDecodeError,
            "'utf-8' codec can't decode the C string",
        )
    })
}

/// `Py_None`, `Py_True`, `Py_False` (the header's macros read these).
#[repr(transparent)]
pub struct ConstPtr(P);
// SAFETY: the pointers name immutable-by-contract static boxes.
unsafe impl Sync for ConstPtr {}

#[no_mangle]
pub static Taipan_None: ConstPtr = ConstPtr(handle::NONE_PTR);
#[no_mangle]
pub static Taipan_True: ConstPtr = ConstPtr(handle::TRUE_PTR);
#[no_mangle]
pub static Taipan_False: ConstPtr = ConstPtr(handle::FALSE_PTR);

// ---- lifecycle -------------------------------------------------------

#[no_mangle]
pub extern "C" fn Py_Initialize() {
    Py_InitializeEx(1)
}

#[no_mangle]
pub extern "C" fn Py_InitializeEx(_install_signals: c_int) {
    if Py_IsInitialized() != 0 {
        return;
    }
    let mut b = Interpreter::builder();
    if let Some(pp) = std::env::var_os("PYTHONPATH") {
        for dir in std::env::split_paths(&pp).filter(|p| !p.as_os_str().is_empty()) {
            b = b.path(dir);
        }
    }
    // The JIT is on (the point of embedding Taipan), as after
    // `--jit`; `TAIPAN_JIT=0` turns it off.
    let jit = match std::env::var("TAIPAN_JIT").as_deref() {
        Ok("0") => None,
        _ => Some(
            std::env::var("TAIPAN_JIT_THRESHOLD")
                .ok()
                .and_then(|t| t.parse().ok())
                .unwrap_or(200),
        ),
    };
    let Ok(mut interp) = b.jit(jit).build() else {
        return;
    };
    let vm: *mut Vm = interp.vm();
    threads::init(interp.vm());
    INTERP.with(|i| *i.borrow_mut() = Some(interp));
    // SAFETY: pthread_self has no preconditions.
    MAIN_THREAD.store(unsafe { libc::pthread_self() } as usize, Ordering::Relaxed);
    set_vm(vm);
    INITIALIZED.store(true, Ordering::Release);
    errors::init_exception_globals();
    module::run_inittab();
}

#[no_mangle]
pub extern "C" fn Py_IsInitialized() -> c_int {
    INITIALIZED.load(Ordering::Acquire) as c_int
}

#[no_mangle]
pub extern "C" fn Py_FinalizeEx() -> c_int {
    if Py_IsInitialized() == 0 {
        return 0;
    }
    errors::clear();
    errors::clear_exception_globals();
    objects::clear_text_cache();
    let interp = INTERP.with(|i| i.borrow_mut().take());
    threads::finalize();
    set_vm(std::ptr::null_mut());
    INITIALIZED.store(false, Ordering::Release);
    drop(interp);
    handle::clear_interned();
    0
}

#[no_mangle]
pub extern "C" fn Py_Finalize() {
    Py_FinalizeEx();
}

// ---- running source --------------------------------------------------

/// `Py_single_input`, `Py_file_input`, `Py_eval_input`.
const SINGLE_INPUT: c_int = 256;
const FILE_INPUT: c_int = 257;
const EVAL_INPUT: c_int = 258;

/// Runs `source` in `__main__`; 0, or -1 after printing the exception.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleString(source: *const c_char) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyRun_SimpleStringFlags(source, std::ptr::null_mut()) }
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleStringFlags(
    source: *const c_char,
    _flags: *mut std::ffi::c_void,
) -> c_int {
    let main = PyImport_AddModule(c"__main__".as_ptr());
    if main.is_null() {
        return -1;
    }
    let d = objects::PyModule_GetDict(main);
    // SAFETY: `d` is borrowed from the module, which sys.modules keeps.
    let r = unsafe { PyRun_String(source, FILE_INPUT, d, d) };
    if r.is_null() {
        errors::PyErr_Print();
        return -1;
    }
    // SAFETY: a new reference.
    unsafe { handle::decref(r) };
    0
}

/// Runs `source` (`start`: a statement, a file, an expression) with
/// these namespaces; its value (None for statements).
#[no_mangle]
pub unsafe extern "C" fn PyRun_String(
    source: *const c_char,
    start: c_int,
    globals: P,
    locals: P,
) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes a C string and live objects.
        let (source, globals, locals) = unsafe { (text(source)?, arg(globals)?, val(locals)) };
        let mode = match start {
            EVAL_INPUT => "eval",
            SINGLE_INPUT => "single",
            _ => "exec",
        };
        let code = taipan_rt::vm::eval_exec::compile_text(vm, source, "<string>", mode)?;
        let Value::Obj(g) = &globals else {
            return Err(PyErr::new(
                taipan_rt::object::exceptions::ExcKind::SystemError,
                "globals must be a dict",
            ));
        };
        let locals = match locals {
            Some(Value::Obj(l)) if !l.ptr_eq(g) => Some(l),
            _ => None,
        };
        let r = taipan_rt::vm::eval_exec::exec_in(vm, &code, g.clone(), locals)?;
        Ok(if mode == "eval" { r } else { Value::None })
    })
}

// ---- imports ---------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModule(name: *const c_char) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes a C string.
        let name = unsafe { text(name)? };
        import(vm, name)
    })
}

fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    taipan_rt::vm::imports::import_dotted(vm, name)?;
    vm.module(name).ok_or_else(|| {
        PyErr::new(
            taipan_rt::object::exceptions::ExcKind::ImportError,
            format!("No module named '{name}'"),
        )
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyImport_Import(name: P) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes a live object.
        let name = unsafe { arg(name)? };
        let Some(s) = taipan_rt::object::heap::as_str(&name) else {
            return Err(PyErr::new(
                taipan_rt::object::exceptions::ExcKind::TypeError,
                "module name must be str",
            ));
        };
        import(vm, s)
    })
}

/// `sys.modules[name]`, made empty when missing: a borrowed reference.
#[no_mangle]
pub unsafe extern "C" fn PyImport_AddModule(name: *const c_char) -> P {
    run(|vm| {
        // SAFETY: the host passes a C string.
        let name = unsafe { text(name)? };
        if let Some(m) = vm.module(name) {
            return Ok(handle::borrowed(&m));
        }
        let m = module::empty_module(name);
        vm.set_module(name, m);
        Ok(vm
            .module(name)
            .map_or(std::ptr::null_mut(), |m| handle::borrowed(&m)))
    })
    .unwrap_or(std::ptr::null_mut())
}
