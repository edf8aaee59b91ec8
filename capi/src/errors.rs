//! The error indicator (CPython's per-thread "current exception") and the
//! `PyErr_*` functions and `PyExc_*` class objects.

use crate::{arg, handle, run, text, val, P};
use std::cell::RefCell;
use std::ffi::{c_char, c_int};
use taipan_rt::object::exceptions::{exception_class, ExcKind, PyErr};
use taipan_rt::object::value::Value;

/// The pending exception: raised by Python code (an instance, with its
/// traceback), or set by the host as a class and a value that is made
/// into an instance only when needed, as CPython's "unnormalized"
/// exceptions (so `PyErr_Fetch` after `PyErr_SetString` gives the
/// message itself as the value, as there).
enum Pending {
    Raised(Box<PyErr>),
    Lazy { cls: Value, value: Option<Value> },
}

thread_local! {
    /// The exception raised and not yet handled by the host.
    static ERROR: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Sets the error indicator.
pub(crate) fn set(e: Box<PyErr>) {
    ERROR.with(|x| *x.borrow_mut() = Some(Pending::Raised(e)));
}

/// Sets the error indicator to `cls(value)`, made when needed.
fn set_lazy(cls: Value, value: Option<Value>) {
    ERROR.with(|x| *x.borrow_mut() = Some(Pending::Lazy { cls, value }));
}

/// Takes the error indicator's exception, if set (made an instance).
pub(crate) fn take() -> Option<Box<PyErr>> {
    let pending = ERROR.with(|x| x.borrow_mut().take())?;
    Some(match pending {
        Pending::Raised(e) => e,
        Pending::Lazy { cls, value } => match crate::vm() {
            Some(vm) => match instantiate(vm, &cls, value) {
                Ok(exc) => PyErr::from_value(exc, false),
                Err(e) => e,
            },
            None => crate::bad_internal_call(),
        },
    })
}

/// Clears the error indicator.
pub(crate) fn clear() {
    drop(ERROR.with(|x| x.borrow_mut().take()));
}

fn occurred() -> bool {
    ERROR.with(|x| x.borrow().is_some())
}

macro_rules! exception_globals {
    ($($name:ident = $kind:ident,)*) => {
        $(
            #[no_mangle]
            pub static mut $name: P = std::ptr::null_mut();
        )*

        /// Points the `PyExc_*` globals at this interpreter's classes.
        pub(crate) fn init_exception_globals() {
            $(
                // SAFETY: written once here, on the host's thread, before
                // the host reads them; the class (a built-in type object)
                // lives as long as the interpreter.
                unsafe { $name = handle::new_ref(exception_class(ExcKind::$kind)) };
            )*
        }

        /// Lets go of the `PyExc_*` classes (Py_FinalizeEx).
        pub(crate) fn clear_exception_globals() {
            $(
                // SAFETY: each holds the reference made above (or null).
                unsafe {
                    let p = $name;
                    $name = std::ptr::null_mut();
                    if !p.is_null() {
                        handle::decref(p);
                    }
                }
            )*
        }
    };
}

exception_globals! {
    PyExc_BaseException = BaseException,
    PyExc_Exception = Exception,
    PyExc_ArithmeticError = ArithmeticError,
    PyExc_AssertionError = AssertionError,
    PyExc_AttributeError = AttributeError,
    PyExc_EOFError = EOFError,
    PyExc_FileNotFoundError = FileNotFoundError,
    PyExc_ImportError = ImportError,
    PyExc_IndexError = IndexError,
    PyExc_KeyError = KeyError,
    PyExc_KeyboardInterrupt = KeyboardInterrupt,
    PyExc_LookupError = LookupError,
    PyExc_MemoryError = MemoryError,
    PyExc_ModuleNotFoundError = ModuleNotFoundError,
    PyExc_NameError = NameError,
    PyExc_NotImplementedError = NotImplementedError,
    PyExc_OSError = OSError,
    PyExc_OverflowError = OverflowError,
    PyExc_PermissionError = PermissionError,
    PyExc_RecursionError = RecursionError,
    PyExc_RuntimeError = RuntimeError,
    PyExc_StopIteration = StopIteration,
    PyExc_SyntaxError = SyntaxError,
    PyExc_SystemError = SystemError,
    PyExc_SystemExit = SystemExit,
    PyExc_TimeoutError = TimeoutError,
    PyExc_TypeError = TypeError,
    PyExc_UnicodeError = UnicodeError,
    PyExc_ValueError = ValueError,
    PyExc_ZeroDivisionError = ZeroDivisionError,
}

/// The class of the pending exception (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn PyErr_Occurred() -> P {
    ERROR.with(|x| match &*x.borrow() {
        Some(Pending::Raised(e)) => {
            let cls = taipan_rt::object::classes::type_value(&e.exc);
            // (The class outlives its instance, which the indicator holds.)
            handle::borrowed(&cls)
        }
        Some(Pending::Lazy { cls, .. }) => handle::borrowed(cls),
        None => std::ptr::null_mut(),
    })
}

#[no_mangle]
pub extern "C" fn PyErr_Clear() {
    clear();
}

/// Prints the pending exception and its traceback to `sys.stderr` and
/// clears it.
#[no_mangle]
pub extern "C" fn PyErr_Print() {
    PyErr_PrintEx(1)
}

#[no_mangle]
pub extern "C" fn PyErr_PrintEx(_set_sys_last_vars: c_int) {
    let Some(err) = take() else {
        return;
    };
    let _ = run(|vm| {
        let text = vm.format_exception(&err);
        taipan_rt::types::stream::write_stream(vm, taipan_rt::object::kinds::Stream::Stderr, &text)
    });
    // (A failure to print is not the host's error.)
    clear();
}

/// Moves the pending exception out: new references to its class, the
/// exception and its traceback (NULLs when none).
#[no_mangle]
pub unsafe extern "C" fn PyErr_Fetch(ptype: *mut P, pvalue: *mut P, ptraceback: *mut P) {
    let (mut t, mut v, mut tb) = (
        std::ptr::null_mut(),
        std::ptr::null_mut(),
        std::ptr::null_mut(),
    );
    let pending = ERROR.with(|x| x.borrow_mut().take());
    if let Some(Pending::Lazy { cls, value }) = pending {
        t = handle::new_ref(cls);
        v = value.map_or(std::ptr::null_mut(), handle::new_ref);
    } else if let Some(Pending::Raised(err)) = pending {
        let exc = err.into_caught();
        let cls = taipan_rt::object::classes::type_value(&exc);
        let trace = taipan_rt::object::exceptions::exc_state(&exc)
            .and_then(|s| s.traceback.borrow().head().cloned())
            .map(|node| taipan_rt::types::traceback::object(Some(&node)));
        t = handle::new_ref(cls);
        v = handle::new_ref(exc);
        if let Some(trace) = trace {
            tb = handle::new_ref(trace);
        }
    }
    // SAFETY: the host passes writable pointers.
    unsafe {
        if !ptype.is_null() {
            *ptype = t;
        }
        if !pvalue.is_null() {
            *pvalue = v;
        }
        if !ptraceback.is_null() {
            *ptraceback = tb;
        }
    }
}

/// Sets the pending exception from what `PyErr_Fetch` gave (the three
/// references are taken over).
#[no_mangle]
pub unsafe extern "C" fn PyErr_Restore(ptype: P, pvalue: P, ptraceback: P) {
    // SAFETY: the host gives up its references to live objects (or
    // NULLs).
    let (t, v) = unsafe {
        let t = val(ptype);
        let v = val(pvalue);
        for p in [ptype, pvalue, ptraceback] {
            if !p.is_null() {
                handle::decref(p);
            }
        }
        (t, v)
    };
    let Some(t) = t else {
        clear();
        return;
    };
    match v {
        // An instance keeps its traceback.
        Some(v) if taipan_rt::object::classes::is_instance_of(&v, &t) => {
            set(PyErr::from_value(v, true))
        }
        v => set_lazy(t, v),
    }
}

/// Makes `*pvalue` an instance of `*ptype` (what `PyErr_Fetch` gave).
#[no_mangle]
pub unsafe extern "C" fn PyErr_NormalizeException(ptype: *mut P, pvalue: *mut P, _ptb: *mut P) {
    if ptype.is_null() || pvalue.is_null() {
        return;
    }
    // SAFETY: the host passes pointers to its references (or NULLs).
    unsafe {
        let Some(t) = val(*ptype) else { return };
        let v = val(*pvalue);
        if matches!(&v, Some(v) if taipan_rt::object::classes::is_instance_of(v, &t)) {
            return;
        }
        let made = run(|vm| instantiate(vm, &t, v));
        if let Some(exc) = made {
            if !(*pvalue).is_null() {
                handle::decref(*pvalue);
            }
            *pvalue = handle::new_ref(exc);
        }
    }
}

/// The exception `type(value)` raises: `value` itself when it is an
/// instance already.
fn instantiate(
    vm: &mut taipan_rt::vm::Vm,
    cls: &Value,
    value: Option<Value>,
) -> taipan_rt::object::exceptions::PyResult<Value> {
    match value {
        Some(v) if taipan_rt::object::classes::is_instance_of(&v, cls) => Ok(v),
        Some(Value::None) | None => taipan_rt::protocol::call(vm, cls, &[], &[]),
        Some(v) => {
            let args = match v.as_obj() {
                Some(taipan_rt::object::heap::Object::Tuple(items)) => items.clone(),
                _ => vec![v],
            };
            taipan_rt::protocol::call(vm, cls, &args, &[])
        }
    }
}

/// Raises `cls(message)`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetString(cls: P, message: *const c_char) {
    let _ = run(|_| {
        // SAFETY: the host passes a live class and a C string.
        let (cls, message) = unsafe { (arg(cls)?, text(message)?) };
        set_lazy(cls, Some(taipan_rt::object::heap::new_str(message)));
        Ok(())
    });
}

/// Raises `cls(value)` (or `value`, an instance of it).
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetObject(cls: P, value: P) {
    let _ = run(|_| {
        // SAFETY: the host passes live objects.
        let (cls, value) = unsafe { (arg(cls)?, val(value)) };
        set_lazy(cls, value);
        Ok(())
    });
}

/// Raises `cls()`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetNone(cls: P) {
    // SAFETY: forwarded.
    unsafe { PyErr_SetObject(cls, std::ptr::null_mut()) }
}

/// Raises MemoryError; NULL.
#[no_mangle]
pub extern "C" fn PyErr_NoMemory() -> P {
    set(PyErr::with_args(ExcKind::MemoryError, Vec::new()));
    std::ptr::null_mut()
}

/// Raises the TypeError of a bad argument; 0.
#[no_mangle]
pub extern "C" fn PyErr_BadArgument() -> c_int {
    set(PyErr::new(
        ExcKind::TypeError,
        "bad argument type for built-in operation",
    ));
    0
}

/// Whether `given` (a class or an instance) matches `exc` (a class or
/// a tuple of classes).
#[no_mangle]
pub unsafe extern "C" fn PyErr_GivenExceptionMatches(given: P, exc: P) -> c_int {
    // SAFETY: the host passes live objects (or NULLs).
    let (Some(given), Some(exc)) = (unsafe { val(given) }, unsafe { val(exc) }) else {
        return 0;
    };
    matches(&given, &exc) as c_int
}

fn matches(given: &Value, exc: &Value) -> bool {
    use taipan_rt::object::classes::{is_subclass, is_type, type_value};
    if let Some(taipan_rt::object::heap::Object::Tuple(items)) = exc.as_obj() {
        return items.iter().any(|e| matches(given, e));
    }
    let cls = if is_type(given) {
        given.clone()
    } else {
        type_value(given)
    };
    is_type(exc) && is_subclass(&cls, exc)
}

/// Whether the pending exception matches `exc`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_ExceptionMatches(exc: P) -> c_int {
    if !occurred() {
        return 0;
    }
    // SAFETY: `PyErr_Occurred` gives a live class; `exc` is the host's.
    unsafe { PyErr_GivenExceptionMatches(PyErr_Occurred(), exc) }
}

/// The error of a C function that returned NULL without setting one.
pub(crate) fn missing() -> Box<PyErr> {
    PyErr::new(ExcKind::SystemError, "error return without exception set")
}
