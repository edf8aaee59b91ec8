//! `fcntl`: the file-control calls on descriptors, as CPython's
//! `Modules/fcntlmodule.c` (Linux): `fcntl` and `ioctl` with an int or a
//! bytes argument (up to 1024 bytes, returned changed), `flock`, `lockf`
//! and the constants. A call interrupted by a signal runs the handlers
//! and is retried (PEP 475).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, NewObject, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A descriptor: an int, or what `fileno()` returns (`select`'s rule).
fn fd_of(vm: &mut Vm, v: Option<&Value>) -> PyResult<i32> {
    match v {
        Some(v) => crate::modules::select::fileno(vm, v),
        None => raise(
            ExcKind::TypeError,
            "function missing required argument 'fd' (pos 1)",
        ),
    }
}

fn int(v: Option<&Value>, default: i64) -> PyResult<i64> {
    crate::modules::posix::int_arg("fcntl", v, Some(default))
}

use crate::modules::posix::retry_eintr as retry;

/// `fcntl(fd, cmd, arg=0)` and `ioctl(fd, request, arg=0)`: an int
/// argument gives the call's int result; a bytes (or str) argument is
/// copied into a buffer the call may change, which is returned.
fn control(vm: &mut Vm, a: &[Value], name: &str, ioctl: bool) -> PyResult<Value> {
    crate::object::args::arity(name, a, 2, if ioctl { 4 } else { 3 })?;
    let fd = fd_of(vm, a.first())?;
    let cmd = int(a.get(1), 0)?;
    let buffer = match a.get(2).and_then(Value::as_obj) {
        Some(Object::Bytes(b)) => Some(b.clone()),
        Some(Object::ByteArray(b)) => Some(b.borrow().clone()),
        _ => crate::object::heap::as_str(a.get(2).unwrap_or(&Value::None))
            .map(|s| s.as_bytes().to_vec()),
    };
    if let Some(mut buf) = buffer {
        if buf.len() > 1024 {
            return raise(ExcKind::ValueError, format!("{name} string arg too long"));
        }
        let len = buf.len();
        buf.resize(1024, 0);
        retry(vm, || {
            // SAFETY: a 1024-byte buffer, as CPython passes.
            unsafe {
                if ioctl {
                    libc::ioctl(fd, cmd as libc::c_ulong, buf.as_mut_ptr())
                } else {
                    libc::fcntl(fd, cmd as i32, buf.as_mut_ptr())
                }
            }
        })?;
        buf.truncate(len);
        return Ok(Value::obj(NewObject::Bytes(buf)));
    }
    let arg = int(a.get(2), 0)?;
    let r = retry(vm, || {
        // SAFETY: an integer argument.
        unsafe {
            if ioctl {
                libc::ioctl(fd, cmd as libc::c_ulong, arg as libc::c_long)
            } else {
                libc::fcntl(fd, cmd as i32, arg as libc::c_long)
            }
        }
    })?;
    Ok(Value::Int(r as i64))
}

fn fcntl(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    control(vm, a, "fcntl", false)
}

fn ioctl(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    control(vm, a, "ioctl", true)
}

fn flock(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("flock", a, 2, 2)?;
    let fd = fd_of(vm, a.first())?;
    let op = int(a.get(1), 0)? as i32;
    // SAFETY: plain numbers.
    retry(vm, || unsafe { libc::flock(fd, op) })?;
    Ok(Value::None)
}

/// `lockf(fd, cmd, len=0, start=0, whence=0)`: on `fcntl` record locks,
/// as CPython does it.
fn lockf(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("lockf", a, 2, 5)?;
    let fd = fd_of(vm, a.first())?;
    let code = int(a.get(1), 0)? as i32;
    let (len, start, whence) = (int(a.get(2), 0)?, int(a.get(3), 0)?, int(a.get(4), 0)?);
    let l_type = if code & libc::LOCK_UN != 0 {
        libc::F_UNLCK
    } else if code & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if code & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return raise(ExcKind::ValueError, "unrecognized lockf argument");
    };
    // SAFETY: a zeroed flock is a valid value to fill in.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = l_type as i16;
    l.l_whence = whence as i16;
    l.l_start = start;
    l.l_len = len;
    let cmd = if code & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    // SAFETY: `l` is a valid flock for the call.
    retry(vm, || unsafe { libc::fcntl(fd, cmd, &l) })?;
    Ok(Value::None)
}

/// The `fcntl` module.
pub fn module() -> Value {
    let mut attrs: Vec<(&str, Value)> = vec![
        ("fcntl", builtin_fn("fcntl", fcntl)),
        ("ioctl", builtin_fn("ioctl", ioctl)),
        ("flock", builtin_fn("flock", flock)),
        ("lockf", builtin_fn("lockf", lockf)),
    ];
    for (name, v) in [
        ("F_DUPFD", libc::F_DUPFD),
        ("F_DUPFD_CLOEXEC", libc::F_DUPFD_CLOEXEC),
        ("F_GETFD", libc::F_GETFD),
        ("F_SETFD", libc::F_SETFD),
        ("F_GETFL", libc::F_GETFL),
        ("F_SETFL", libc::F_SETFL),
        ("F_GETLK", libc::F_GETLK),
        ("F_SETLK", libc::F_SETLK),
        ("F_SETLKW", libc::F_SETLKW),
        ("F_GETOWN", libc::F_GETOWN),
        ("F_SETOWN", libc::F_SETOWN),
        ("F_GETLEASE", libc::F_GETLEASE),
        ("F_SETLEASE", libc::F_SETLEASE),
        ("F_NOTIFY", libc::F_NOTIFY),
        ("F_GETPIPE_SZ", libc::F_GETPIPE_SZ),
        ("F_SETPIPE_SZ", libc::F_SETPIPE_SZ),
        ("F_OFD_GETLK", libc::F_OFD_GETLK),
        ("F_OFD_SETLK", libc::F_OFD_SETLK),
        ("F_OFD_SETLKW", libc::F_OFD_SETLKW),
        ("F_ADD_SEALS", libc::F_ADD_SEALS),
        ("F_GET_SEALS", libc::F_GET_SEALS),
        ("F_SEAL_SEAL", libc::F_SEAL_SEAL),
        ("F_SEAL_SHRINK", libc::F_SEAL_SHRINK),
        ("F_SEAL_GROW", libc::F_SEAL_GROW),
        ("F_SEAL_WRITE", libc::F_SEAL_WRITE),
        ("F_RDLCK", libc::F_RDLCK),
        ("F_WRLCK", libc::F_WRLCK),
        ("F_UNLCK", libc::F_UNLCK),
        ("FD_CLOEXEC", libc::FD_CLOEXEC),
        ("LOCK_SH", libc::LOCK_SH),
        ("LOCK_EX", libc::LOCK_EX),
        ("LOCK_NB", libc::LOCK_NB),
        ("LOCK_UN", libc::LOCK_UN),
    ] {
        attrs.push((name, Value::Int(v as i64)));
    }
    make_module("fcntl", attrs)
}
