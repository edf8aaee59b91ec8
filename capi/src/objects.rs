//! The object protocol, numbers, strings, bytes, tuples, lists and
//! dicts of the C API.

use crate::{arg, errors, handle, new_ref, run, text, val, Py_ssize_t, P};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_double, c_int, c_long, c_longlong, c_ulong, c_ulonglong, CString};
use std::rc::Rc;
use taipan_rt::object::exceptions::{ExcKind, PyErr, PyResult};
use taipan_rt::object::heap::{new_str, NewObject, Object};
use taipan_rt::object::value::Value;
use taipan_rt::protocol;
use taipan_rt::vm::Vm;

fn type_error<T>(msg: String) -> PyResult<T> {
    Err(PyErr::new(ExcKind::TypeError, msg))
}

fn type_name(v: &Value) -> String {
    taipan_rt::object::heap::type_name(v).into_owned()
}

/// `0`/`1`, or `-1` with the error set.
fn status(r: Option<bool>) -> c_int {
    match r {
        Some(b) => b as c_int,
        None => -1,
    }
}

// ---- reference counts --------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn Py_IncRef(o: P) {
    if !o.is_null() {
        // SAFETY: the host passes a live object.
        unsafe { handle::incref(o) }
    }
}

#[no_mangle]
pub unsafe extern "C" fn Py_DecRef(o: P) {
    if !o.is_null() {
        // SAFETY: the host gives up a reference it owns.
        unsafe { handle::decref(o) }
    }
}

// ---- the object protocol ---------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttrString(o: P, name: *const c_char) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes a live object and a C string.
        let (o, name) = unsafe { (arg(o)?, text(name)?) };
        protocol::getattr(vm, &o, name)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttr(o: P, name: P) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes live objects.
        let (o, name) = unsafe { (arg(o)?, arg(name)?) };
        let Some(name) = taipan_rt::object::heap::as_str(&name).map(str::to_string) else {
            return type_error(format!(
                "attribute name must be string, not '{}'",
                type_name(&name)
            ));
        };
        protocol::getattr(vm, &o, &name)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_SetAttrString(o: P, name: *const c_char, v: P) -> c_int {
    status(
        run(|vm| {
            // SAFETY: the host passes live objects and a C string.
            let (o, name, v) = unsafe { (arg(o)?, text(name)?, val(v)) };
            taipan_rt::object::classes::setattr(vm, &o, name, v)
        })
        .map(|()| false),
    )
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttrString(o: P, name: *const c_char) -> c_int {
    let r = run(|vm| {
        // SAFETY: the host passes a live object and a C string.
        let (o, name) = unsafe { (arg(o)?, text(name)?) };
        Ok(protocol::getattr(vm, &o, name).is_ok())
    });
    errors::clear();
    r.unwrap_or(false) as c_int
}

/// `callable(*args, **kwargs)`: `args` a tuple, `kwargs` a dict or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Call(callable: P, args: P, kwargs: P) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes live objects.
        let (f, args, kwargs) = unsafe { (arg(callable)?, val(args), val(kwargs)) };
        call(vm, &f, args.as_ref(), kwargs.as_ref())
    })
}

/// A call with a tuple of arguments and a dict of keywords.
pub(crate) fn call(
    vm: &mut Vm,
    f: &Value,
    args: Option<&Value>,
    kwargs: Option<&Value>,
) -> PyResult<Value> {
    let mut all: Vec<Value> = match args.and_then(Value::as_obj) {
        Some(Object::Tuple(items)) => items.clone(),
        None => Vec::new(),
        Some(_) => return type_error("argument list must be a tuple".into()),
    };
    let mut names: Vec<Rc<str>> = Vec::new();
    match kwargs.and_then(Value::as_obj) {
        Some(Object::Dict(d)) => {
            for (k, v) in d.borrow().items() {
                let Some(k) = taipan_rt::object::heap::as_str(k) else {
                    return type_error("keywords must be strings".into());
                };
                names.push(Rc::from(k));
                all.push(v.clone());
            }
        }
        None => {}
        Some(_) => return type_error("keyword list must be a dictionary".into()),
    }
    protocol::call(vm, f, &all, &names)
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_CallObject(callable: P, args: P) -> P {
    // SAFETY: forwarded.
    unsafe { PyObject_Call(callable, args, std::ptr::null_mut()) }
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_CallNoArgs(callable: P) -> P {
    // SAFETY: forwarded.
    unsafe { PyObject_Call(callable, std::ptr::null_mut(), std::ptr::null_mut()) }
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_CallOneArg(callable: P, a: P) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes live objects.
        let (f, a) = unsafe { (arg(callable)?, arg(a)?) };
        protocol::call(vm, &f, &[a], &[])
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyCallable_Check(o: P) -> c_int {
    // SAFETY: the host passes a live object.
    let Some(o) = (unsafe { val(o) }) else {
        return 0;
    };
    let r = run(|vm| {
        let f = protocol::getattr(
            vm,
            &taipan_rt::vm::eval_exec::builtins_module(vm),
            "callable",
        )?;
        protocol::call(vm, &f, &[o], &[])
    });
    matches!(r, Some(Value::Bool(true))) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Repr(o: P) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        protocol::repr::repr(vm, &o).map(new_str)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Str(o: P) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        protocol::repr::str_of(vm, &o).map(new_str)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_IsTrue(o: P) -> c_int {
    status(run(|vm| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        protocol::truthy(vm, &o)
    }))
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Not(o: P) -> c_int {
    // SAFETY: forwarded.
    match unsafe { PyObject_IsTrue(o) } {
        -1 => -1,
        t => (t == 0) as c_int,
    }
}

fn compare_op(op: c_int) -> PyResult<taipan_bytecode::opcode::CompareOp> {
    use taipan_bytecode::opcode::CompareOp as C;
    Ok(match op {
        0 => C::Lt,
        1 => C::Le,
        2 => C::Eq,
        3 => C::Ne,
        4 => C::Gt,
        5 => C::Ge,
        _ => return Err(PyErr::new(ExcKind::SystemError, "bad comparison operator")),
    })
}

/// `a OP b` (`Py_LT` … `Py_GE`).
#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompare(a: P, b: P, op: c_int) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes live objects.
        let (a, b) = unsafe { (arg(a)?, arg(b)?) };
        protocol::compare(vm, compare_op(op)?, &a, &b)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompareBool(a: P, b: P, op: c_int) -> c_int {
    // (Identity implies equality, as in CPython.)
    if a == b && (op == 2 || op == 3) && !a.is_null() {
        return (op == 2) as c_int;
    }
    status(run(|vm| {
        // SAFETY: the host passes live objects.
        let (a, b) = unsafe { (arg(a)?, arg(b)?) };
        protocol::compare_bool(vm, compare_op(op)?, &a, &b)
    }))
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_GetItem(o: P, key: P) -> P {
    new_ref(|vm| {
        // SAFETY: the host passes live objects.
        let (o, key) = unsafe { (arg(o)?, arg(key)?) };
        protocol::getitem(vm, &o, &key)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_SetItem(o: P, key: P, v: P) -> c_int {
    status(
        run(|vm| {
            // SAFETY: the host passes live objects.
            let (o, key, v) = unsafe { (arg(o)?, arg(key)?, arg(v)?) };
            protocol::setitem(vm, &o, &key, v)
        })
        .map(|()| false),
    )
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_DelItem(o: P, key: P) -> c_int {
    status(
        run(|vm| {
            // SAFETY: the host passes live objects.
            let (o, key) = unsafe { (arg(o)?, arg(key)?) };
            protocol::delitem(vm, &o, &key)
        })
        .map(|()| false),
    )
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Length(o: P) -> Py_ssize_t {
    run(|vm| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        protocol::len(vm, &o)
    })
    .map_or(-1, |n| n as Py_ssize_t)
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Size(o: P) -> Py_ssize_t {
    // SAFETY: forwarded.
    unsafe { PyObject_Length(o) }
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_IsInstance(o: P, cls: P) -> c_int {
    status(run(|vm| {
        // SAFETY: the host passes live objects.
        let (o, cls) = unsafe { (arg(o)?, arg(cls)?) };
        match protocol::isinstance::is_instance_of_any(vm, &o, &cls)? {
            Some(b) => Ok(b),
            None => protocol::isinstance::instance_check(vm, &o, &cls),
        }
    }))
}

/// `type(o)`, a new reference.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Type(o: P) -> P {
    new_ref(|_| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        Ok(taipan_rt::object::classes::type_value(&o))
    })
}

// ---- numbers -----------------------------------------------------------

#[no_mangle]
pub extern "C" fn PyLong_FromLong(v: c_long) -> P {
    handle::new_ref(Value::Int(v))
}

#[no_mangle]
pub extern "C" fn PyLong_FromLongLong(v: c_longlong) -> P {
    handle::new_ref(Value::Int(v))
}

#[no_mangle]
pub extern "C" fn PyLong_FromSsize_t(v: Py_ssize_t) -> P {
    handle::new_ref(Value::Int(v as i64))
}

#[no_mangle]
pub extern "C" fn PyLong_FromUnsignedLong(v: c_ulong) -> P {
    handle::new_ref(protocol::ops::int_value(num_bigint_from_u64(v)))
}

#[no_mangle]
pub extern "C" fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> P {
    handle::new_ref(protocol::ops::int_value(num_bigint_from_u64(v)))
}

#[no_mangle]
pub extern "C" fn PyLong_FromSize_t(v: usize) -> P {
    handle::new_ref(protocol::ops::int_value(num_bigint_from_u64(v as u64)))
}

fn num_bigint_from_u64(v: u64) -> num_bigint::BigInt {
    num_bigint::BigInt::from(v)
}

#[no_mangle]
pub extern "C" fn PyLong_FromDouble(v: c_double) -> P {
    new_ref(|vm| {
        let int = protocol::getattr(vm, &taipan_rt::vm::eval_exec::builtins_module(vm), "int")?;
        protocol::call(vm, &int, &[Value::Float(v)], &[])
    })
}

/// The integer `o` stands for (`__index__` honoured), as an i128
/// (OverflowError beyond it).
fn as_integer(vm: &mut Vm, o: &Value) -> PyResult<i128> {
    if let Value::Int(i) = o {
        return Ok(*i as i128);
    }
    let v = protocol::index_value(vm, o)?;
    match protocol::ops::int_of(&v) {
        Some(i) => {
            use num_traits::ToPrimitive;
            i.to_big().to_i128().ok_or_else(|| {
                PyErr::new(
                    ExcKind::OverflowError,
                    "Python int too large to convert to C long",
                )
            })
        }
        None => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(o)
        )),
    }
}

fn as_int<T: TryFrom<i128>>(o: P, what: &str) -> Option<T> {
    run(|vm| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        let i = as_integer(vm, &o)?;
        T::try_from(i).map_err(|_| {
            PyErr::new(
                ExcKind::OverflowError,
                format!("Python int too large to convert to C {what}"),
            )
        })
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLong(o: P) -> c_long {
    as_int(o, "long").unwrap_or(-1)
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLong(o: P) -> c_longlong {
    as_int(o, "long long").unwrap_or(-1)
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSsize_t(o: P) -> Py_ssize_t {
    as_int(o, "ssize_t").unwrap_or(-1)
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLong(o: P) -> c_ulong {
    as_int(o, "unsigned long").unwrap_or(c_ulong::MAX)
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLong(o: P) -> c_ulonglong {
    as_int(o, "unsigned long long").unwrap_or(c_ulonglong::MAX)
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsDouble(o: P) -> c_double {
    run(|_| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        match protocol::ops::int_of(&o) {
            Some(i) => protocol::ops::int_to_f64(&i),
            None => type_error("an integer is required".into()),
        }
    })
    .unwrap_or(-1.0)
}

#[no_mangle]
pub extern "C" fn PyFloat_FromDouble(v: c_double) -> P {
    handle::new_ref(Value::Float(v))
}

/// `float(o)` as a C double (ints, `__float__`, `__index__`).
#[no_mangle]
pub unsafe extern "C" fn PyFloat_AsDouble(o: P) -> c_double {
    run(|vm| {
        // SAFETY: the host passes a live object.
        let o = unsafe { arg(o)? };
        if let Value::Float(x) = o {
            return Ok(x);
        }
        if let Some(i) = protocol::ops::int_of(&o) {
            return protocol::ops::int_to_f64(&i);
        }
        let float = protocol::getattr(vm, &taipan_rt::vm::eval_exec::builtins_module(vm), "float")?;
        match protocol::call(vm, &float, std::slice::from_ref(&o), &[]) {
            Ok(Value::Float(x)) => Ok(x),
            Ok(_) | Err(_) => type_error(format!("must be real number, not {}", type_name(&o))),
        }
    })
    .unwrap_or(-1.0)
}

#[no_mangle]
pub extern "C" fn PyBool_FromLong(v: c_long) -> P {
    handle::new_ref(Value::Bool(v != 0))
}

/// `isinstance(o, T)` for the type checks CPython has as macros.
fn is_kind(o: P, check: fn(&Value) -> bool) -> c_int {
    // SAFETY: the host passes a live object (or NULL).
    match unsafe { val(o) } {
        Some(v) => check(&v) as c_int,
        None => 0,
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_Check(o: P) -> c_int {
    is_kind(o, |v| protocol::ops::int_of(v).is_some())
}

#[no_mangle]
pub unsafe extern "C" fn PyFloat_Check(o: P) -> c_int {
    is_kind(o, |v| {
        matches!(v, Value::Float(_))
            || matches!(v.as_obj(), Some(Object::Instance(i)) if matches!(i.payload(), Some(Value::Float(_))))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBool_Check(o: P) -> c_int {
    is_kind(o, |v| matches!(v, Value::Bool(_)))
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Check(o: P) -> c_int {
    is_kind(o, |v| taipan_rt::object::heap::as_str(v).is_some())
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_Check(o: P) -> c_int {
    is_kind(o, |v| matches!(v.as_obj(), Some(Object::Bytes(_))))
}

#[no_mangle]
pub unsafe extern "C" fn PyTuple_Check(o: P) -> c_int {
    is_kind(o, |v| matches!(v.as_obj(), Some(Object::Tuple(_))))
}

#[no_mangle]
pub unsafe extern "C" fn PyList_Check(o: P) -> c_int {
    is_kind(o, |v| matches!(v.as_obj(), Some(Object::List(_))))
}

#[no_mangle]
pub unsafe extern "C" fn PyDict_Check(o: P) -> c_int {
    is_kind(o, |v| matches!(v.as_obj(), Some(Object::Dict(_))))
}

// ---- str and bytes -----------------------------------------------------

thread_local! {
    /// NUL-terminated copies of str and bytes objects' contents that
    /// `PyUnicode_AsUTF8` / `PyBytes_AsString` handed out, by object
    /// address: valid while the object lives (an entry is replaced only
    /// when another object at that address asks), freed at finalization.
    static TEXT: RefCell<HashMap<usize, CString>> = RefCell::new(HashMap::new());
}

/// Frees the cached C strings (Py_FinalizeEx).
pub(crate) fn clear_text_cache() {
    TEXT.with(|t| t.borrow_mut().clear());
}

/// A stable NUL-terminated copy of `bytes` for the object at `addr`.
fn c_copy(addr: usize, bytes: &[u8]) -> *const c_char {
    TEXT.with(|t| {
        let mut t = t.borrow_mut();
        let stale = t.get(&addr).is_none_or(|c| c.as_bytes() != bytes);
        if stale {
            // (Interior NULs are kept: the length is what counts.)
            let mut owned = bytes.to_vec();
            owned.push(0);
            // SAFETY: `owned` ends with its only required NUL; interior
            // NULs are allowed for a byte buffer read with its size.
            let c = unsafe { CString::from_vec_with_nul_unchecked(owned) };
            t.insert(addr, c);
        }
        t.get(&addr).map_or(std::ptr::null(), |c| c.as_ptr())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> P {
    new_ref(|_| {
        // SAFETY: the host passes a C string.
        let s = unsafe { text(s)? };
        Ok(new_str(s))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> P {
    new_ref(|_| {
        if s.is_null() || size < 0 {
            return Err(PyErr::new(
                ExcKind::SystemError,
                "Negative size passed to PyUnicode_FromStringAndSize",
            ));
        }
        // SAFETY: the host passes `size` readable bytes.
        let bytes = unsafe { std::slice::from_raw_parts(s.cast::<u8>(), size as usize) };
        match std::str::from_utf8(bytes) {
            Ok(t) => Ok(new_str(t)),
            Err(e) => Err(PyErr::new(
                ExcKind::UnicodeDecodeError,
                format!(
                    "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
            )),
        }
    })
}

/// The UTF-8 text of a str (valid while the str lives), its length in
/// bytes in `*size`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(o: P, size: *mut Py_ssize_t) -> *const c_char {
    run(|_| {
        // SAFETY: the host passes a live object.
        let v = unsafe { arg(o)? };
        let Some(s) = taipan_rt::object::heap::as_str(&v) else {
            return type_error("bad argument type for built-in operation".to_string());
        };
        if !size.is_null() {
            // SAFETY: the host passes a writable pointer.
            unsafe { *size = s.len() as Py_ssize_t };
        }
        Ok(c_copy(o as usize, s.as_bytes()))
    })
    .unwrap_or(std::ptr::null())
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8(o: P) -> *const c_char {
    // SAFETY: forwarded.
    unsafe { PyUnicode_AsUTF8AndSize(o, std::ptr::null_mut()) }
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> P {
    new_ref(|_| {
        if size < 0 {
            return Err(PyErr::new(
                ExcKind::SystemError,
                "Negative size passed to PyBytes_FromStringAndSize",
            ));
        }
        let bytes = if s.is_null() {
            vec![0; size as usize]
        } else {
            // SAFETY: the host passes `size` readable bytes.
            unsafe { std::slice::from_raw_parts(s.cast::<u8>(), size as usize) }.to_vec()
        };
        Ok(Value::obj(NewObject::Bytes(bytes)))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromString(s: *const c_char) -> P {
    if s.is_null() {
        return new_ref(|_| Err(crate::bad_internal_call()));
    }
    // SAFETY: the host passes a C string.
    let n = unsafe { std::ffi::CStr::from_ptr(s) }.to_bytes().len();
    // SAFETY: `n` bytes are readable.
    unsafe { PyBytes_FromStringAndSize(s, n as Py_ssize_t) }
}

fn bytes_of(o: P) -> PyResult<(Value, *const c_char, usize)> {
    // SAFETY: the host passes a live object.
    let v = unsafe { arg(o)? };
    let (ptr, len) = match v.as_obj() {
        Some(Object::Bytes(b)) => (c_copy(o as usize, b), b.len()),
        _ => return type_error(format!("expected bytes, {} found", type_name(&v))),
    };
    Ok((v, ptr, len))
}

/// The bytes of a bytes object, NUL-terminated (valid while it lives).
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsString(o: P) -> *mut c_char {
    run(|_| bytes_of(o).map(|(_, p, _)| p as *mut c_char)).unwrap_or(std::ptr::null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_Size(o: P) -> Py_ssize_t {
    run(|_| bytes_of(o).map(|(_, _, n)| n as Py_ssize_t)).unwrap_or(-1)
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsStringAndSize(
    o: P,
    buffer: *mut *mut c_char,
    length: *mut Py_ssize_t,
) -> c_int {
    match run(|_| bytes_of(o)) {
        Some((_, p, n)) => {
            // SAFETY: the host passes writable pointers.
            unsafe {
                if !buffer.is_null() {
                    *buffer = p as *mut c_char;
                }
                if !length.is_null() {
                    *length = n as Py_ssize_t;
                }
            }
            0
        }
        None => -1,
    }
}

// ---- tuples --------------------------------------------------------------

/// A tuple of `n` items, to be filled by `PyTuple_SetItem` (None until
/// then).
#[no_mangle]
pub extern "C" fn PyTuple_New(n: Py_ssize_t) -> P {
    if n < 0 {
        return new_ref(|_| Err(crate::bad_internal_call()));
    }
    handle::new_ref(taipan_rt::object::heap::new_tuple(vec![
        Value::None;
        n as usize
    ]))
}

/// Sets item `i` of a new tuple, taking over the reference to `v`.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_SetItem(t: P, i: Py_ssize_t, v: P) -> c_int {
    // SAFETY: the host gives up its reference to `v`.
    let v = unsafe { val(v) }.inspect(|_| unsafe { handle::decref(v) });
    // SAFETY: `t` is a live tuple the host alone holds, as the C API
    // requires of PyTuple_SetItem.
    let ok = !t.is_null()
        && i >= 0
        && unsafe { handle::tuple_set(t, i as usize, v.unwrap_or(Value::None)) };
    if ok {
        0
    } else {
        errors::set(PyErr::new(
            ExcKind::IndexError,
            "tuple assignment index out of range",
        ));
        -1
    }
}

fn items_of(o: P) -> PyResult<Value> {
    // SAFETY: the host passes a live object.
    unsafe { arg(o) }
}

/// Item `i` of a tuple, borrowed.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_GetItem(t: P, i: Py_ssize_t) -> P {
    run(|_| {
        let v = items_of(t)?;
        match v.as_obj() {
            Some(Object::Tuple(items)) => {
                match usize::try_from(i).ok().and_then(|i| items.get(i)) {
                    Some(x) => Ok(handle::borrowed(x)),
                    None => Err(PyErr::new(ExcKind::IndexError, "tuple index out of range")),
                }
            }
            _ => Err(crate::bad_internal_call()),
        }
    })
    .unwrap_or(std::ptr::null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyTuple_Size(t: P) -> Py_ssize_t {
    run(|_| match items_of(t)?.as_obj() {
        Some(Object::Tuple(items)) => Ok(items.len() as Py_ssize_t),
        _ => Err(crate::bad_internal_call()),
    })
    .unwrap_or(-1)
}

// ---- lists ---------------------------------------------------------------

#[no_mangle]
pub extern "C" fn PyList_New(n: Py_ssize_t) -> P {
    if n < 0 {
        return new_ref(|_| Err(crate::bad_internal_call()));
    }
    handle::new_ref(taipan_rt::object::heap::new_list(vec![
        Value::None;
        n as usize
    ]))
}

#[no_mangle]
pub unsafe extern "C" fn PyList_Append(l: P, v: P) -> c_int {
    status(
        run(|_| {
            // SAFETY: the host passes live objects.
            let (l, v) = unsafe { (arg(l)?, arg(v)?) };
            match l.as_obj() {
                Some(Object::List(items)) => protocol::ops::push_value(&mut items.borrow_mut(), v),
                _ => Err(crate::bad_internal_call()),
            }
        })
        .map(|()| false),
    )
}

/// Item `i` of a list, borrowed.
#[no_mangle]
pub unsafe extern "C" fn PyList_GetItem(l: P, i: Py_ssize_t) -> P {
    run(|_| {
        let v = items_of(l)?;
        match v.as_obj() {
            Some(Object::List(items)) => {
                let items = items.borrow();
                match usize::try_from(i).ok().and_then(|i| items.get(i)) {
                    Some(x) => Ok(handle::borrowed(x)),
                    None => Err(PyErr::new(ExcKind::IndexError, "list index out of range")),
                }
            }
            _ => Err(crate::bad_internal_call()),
        }
    })
    .unwrap_or(std::ptr::null_mut())
}

/// Sets item `i` of a list, taking over the reference to `v`.
#[no_mangle]
pub unsafe extern "C" fn PyList_SetItem(l: P, i: Py_ssize_t, v: P) -> c_int {
    // SAFETY: the host gives up its reference to `v`.
    let v = unsafe { val(v) }.inspect(|_| unsafe { handle::decref(v) });
    status(
        run(|_| {
            let list = items_of(l)?;
            match list.as_obj() {
                Some(Object::List(items)) => {
                    let old = {
                        let mut items = items.borrow_mut();
                        match usize::try_from(i).ok().and_then(|i| items.get_mut(i)) {
                            Some(slot) => std::mem::replace(slot, v.unwrap_or(Value::None)),
                            None => {
                                return Err(PyErr::new(
                                    ExcKind::IndexError,
                                    "list assignment index out of range",
                                ))
                            }
                        }
                    };
                    drop(old);
                    Ok(())
                }
                _ => Err(crate::bad_internal_call()),
            }
        })
        .map(|()| false),
    )
}

#[no_mangle]
pub unsafe extern "C" fn PyList_Size(l: P) -> Py_ssize_t {
    run(|_| match items_of(l)?.as_obj() {
        Some(Object::List(items)) => Ok(items.borrow().len() as Py_ssize_t),
        _ => Err(crate::bad_internal_call()),
    })
    .unwrap_or(-1)
}

// ---- dicts ---------------------------------------------------------------

#[no_mangle]
pub extern "C" fn PyDict_New() -> P {
    handle::new_ref(Value::obj(NewObject::Dict(RefCell::new(
        taipan_rt::object::dict::Dict::new(),
    ))))
}

fn with_dict<T>(
    d: &Value,
    f: impl FnOnce(&RefCell<taipan_rt::object::dict::Dict>) -> PyResult<T>,
) -> PyResult<T> {
    match d.as_obj() {
        Some(Object::Dict(cell)) => f(cell),
        _ => Err(crate::bad_internal_call()),
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItem(d: P, key: P, v: P) -> c_int {
    status(
        run(|vm| {
            // SAFETY: the host passes live objects.
            let (d, key, v) = unsafe { (arg(d)?, arg(key)?, arg(v)?) };
            with_dict(&d, |cell| protocol::dict_set(vm, cell, key, v))
        })
        .map(|()| false),
    )
}

#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItemString(d: P, key: *const c_char, v: P) -> c_int {
    status(
        run(|_| {
            // SAFETY: the host passes live objects and a C string.
            let (d, key, v) = unsafe { (arg(d)?, text(key)?, arg(v)?) };
            with_dict(&d, |cell| {
                cell.borrow_mut().set_str(key, v);
                Ok(())
            })
        })
        .map(|()| false),
    )
}

/// `d[key]`, borrowed, or NULL (no exception) when missing.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItem(d: P, key: P) -> P {
    let r = run(|vm| {
        // SAFETY: the host passes live objects.
        let (d, key) = unsafe { (arg(d)?, arg(key)?) };
        with_dict(&d, |cell| {
            Ok(protocol::dict_get(vm, cell, &key)?
                .map_or(std::ptr::null_mut(), |v| handle::borrowed(&v)))
        })
    });
    // (Errors are swallowed, as CPython's PyDict_GetItem does.)
    if r.is_none() {
        errors::clear();
    }
    r.unwrap_or(std::ptr::null_mut())
}

/// `d[key]` for a C string key, borrowed, or NULL when missing.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemString(d: P, key: *const c_char) -> P {
    let r = run(|_| {
        // SAFETY: the host passes a live object and a C string.
        let (d, key) = unsafe { (arg(d)?, text(key)?) };
        with_dict(&d, |cell| {
            Ok(cell
                .borrow()
                .get_str(key)
                .map_or(std::ptr::null_mut(), |v| handle::borrowed(&v)))
        })
    });
    if r.is_none() {
        errors::clear();
    }
    r.unwrap_or(std::ptr::null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyDict_DelItemString(d: P, key: *const c_char) -> c_int {
    status(
        run(|_| {
            // SAFETY: the host passes a live object and a C string.
            let (d, key) = unsafe { (arg(d)?, text(key)?) };
            with_dict(&d, |cell| {
                match cell.borrow_mut().remove(&new_str(key))? {
                    Some(_) => Ok(()),
                    None => Err(PyErr::with_args(ExcKind::KeyError, vec![new_str(key)])),
                }
            })
        })
        .map(|()| false),
    )
}

#[no_mangle]
pub unsafe extern "C" fn PyDict_Size(d: P) -> Py_ssize_t {
    run(|_| with_dict(&items_of(d)?, |cell| Ok(cell.borrow().len() as Py_ssize_t))).unwrap_or(-1)
}

/// Iterates over a dict: the item at `*pos` (borrowed key and value),
/// advancing `*pos`; 0 at the end.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Next(
    d: P,
    pos: *mut Py_ssize_t,
    key: *mut P,
    value: *mut P,
) -> c_int {
    if pos.is_null() {
        return 0;
    }
    // SAFETY: the host passes a live dict and writable pointers.
    unsafe {
        let Some(dv) = val(d) else { return 0 };
        let Some(Object::Dict(cell)) = dv.as_obj() else {
            return 0;
        };
        let dict = cell.borrow();
        let Some((at, k, v)) = usize::try_from(*pos).ok().and_then(|i| dict.next_entry(i)) else {
            return 0;
        };
        if !key.is_null() {
            *key = handle::borrowed(k);
        }
        if !value.is_null() {
            *value = handle::borrowed(v);
        }
        *pos = at as isize + 1;
        1
    }
}

/// A new list of the dict's keys.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Keys(d: P) -> P {
    new_ref(|_| {
        with_dict(&items_of(d)?, |cell| {
            Ok(taipan_rt::object::heap::new_list(cell.borrow().keys()))
        })
    })
}

// ---- modules -------------------------------------------------------------

/// A module's namespace, borrowed.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetDict(m: P) -> P {
    run(|_| {
        // SAFETY: the host passes a live object.
        let v = unsafe { arg(m)? };
        match v.as_obj() {
            Some(Object::Module(module)) => Ok(handle::borrowed(&Value::Obj(module.dict.clone()))),
            _ => Err(crate::bad_internal_call()),
        }
    })
    .unwrap_or(std::ptr::null_mut())
}
