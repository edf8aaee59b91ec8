//! `_posixshmem`: POSIX shared memory objects (`shm_open`, `shm_unlink`),
//! as `multiprocessing.shared_memory` and `multiprocessing.resource_tracker`
//! use them (CPython's `Modules/_multiprocessing/posixshmem.c`).

use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::ffi::CString;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `path` argument: a str without NUL characters, as a C string.
fn shm_path(what: &str, v: Option<&Value>) -> PyResult<(Value, CString)> {
    let Some(v) = v else {
        return raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument 'path' (pos 1)"),
        );
    };
    let Some(Object::Str(s)) = crate::object::instance::unwrap(v).as_obj() else {
        return raise(
            ExcKind::TypeError,
            format!(
                "{what}() argument 'path' must be str, not {}",
                crate::object::heap::type_name(v)
            ),
        );
    };
    match CString::new(s.text.as_bytes()) {
        Ok(c) => Ok((v.clone(), c)),
        Err(_) => raise(ExcKind::ValueError, "embedded null character"),
    }
}

/// The OSError of a failed call, naming `path`.
fn naming(
    err: Box<crate::object::exceptions::PyErr>,
    path: &Value,
) -> Box<crate::object::exceptions::PyErr> {
    if let Some(s) = crate::object::exceptions::exc_state(&err.exc) {
        *s.filename.borrow_mut() = Some(path.clone());
    }
    err
}

/// `shm_open(path, flags, mode=0o777)`: a file descriptor.
fn shm_open(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = bind_args("shm_open", &["path", "flags", "mode"], a, kw)?;
    let (given, path) = shm_path("shm_open", b[0].as_ref())?;
    let flags = crate::modules::posix::int_arg("shm_open", b[1].as_ref(), None)? as libc::c_int;
    let mode =
        crate::modules::posix::int_arg("shm_open", b[2].as_ref(), Some(0o777))? as libc::mode_t;
    // SAFETY: `path` is a NUL-terminated string that outlives the call.
    let fd = crate::modules::posix::retry_eintr(vm, || unsafe {
        libc::shm_open(path.as_ptr(), flags, mode)
    })
    .map_err(|e| naming(e, &given))?;
    Ok(Value::Int(fd as i64))
}

/// `shm_unlink(path)`.
fn shm_unlink(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = bind_args("shm_unlink", &["path"], a, kw)?;
    let (given, path) = shm_path("shm_unlink", b[0].as_ref())?;
    // SAFETY: as in `shm_open`.
    crate::modules::posix::retry_eintr(vm, || unsafe { libc::shm_unlink(path.as_ptr()) })
        .map_err(|e| naming(e, &given))?;
    Ok(Value::None)
}

/// The `_posixshmem` module.
pub fn module() -> Value {
    make_module(
        "_posixshmem",
        vec![
            ("shm_open", builtin_fn("shm_open", shm_open)),
            ("shm_unlink", builtin_fn("shm_unlink", shm_unlink)),
        ],
    )
}
