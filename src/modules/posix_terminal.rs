//! `os.terminal_size` and `os.get_terminal_size(fd=1)` (the window size
//! of a terminal, by `ioctl(TIOCGWINSZ)`), which `shutil` and `argparse`
//! use.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, NewObject};
use crate::object::value::Value;
use crate::vm::Vm;

/// `os.terminal_size`: a (columns, lines) tuple with named fields.
pub fn terminal_size_class() -> Value {
    crate::object::builtin_types::kept_by_name("os.terminal_size", || {
        let attrs = vec![
            ("n_sequence_fields", Value::Int(2)),
            ("n_fields", Value::Int(2)),
            ("n_unnamed_fields", Value::Int(0)),
        ];
        crate::types::struct_sequence::struct_sequence(
            "os",
            "terminal_size",
            &["columns", "lines"],
            &[],
            attrs,
        )
    })
}

/// `get_terminal_size(fd=1)`.
pub fn get_terminal_size(
    _: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let fd = match a.first() {
        None => 1,
        Some(Value::Int(n)) => *n as i32,
        Some(_) => return raise(ExcKind::TypeError, "an integer is required"),
    };
    // SAFETY: `ws` is plain old data the ioctl fills.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize through the valid pointer.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } != 0 {
        return Err(crate::object::exceptions::from_io_error(
            &std::io::Error::last_os_error(),
            None,
        ));
    }
    let tuple = new_tuple(vec![
        Value::Int(ws.ws_col as i64),
        Value::Int(ws.ws_row as i64),
    ]);
    let Value::Obj(cls) = terminal_size_class() else {
        return raise(ExcKind::SystemError, "no terminal_size class");
    };
    Ok(Value::obj(NewObject::Instance(
        crate::object::instance::Instance::new(cls, None, Some(tuple)),
    )))
}

/// `os.openpty()`: a new pseudo-terminal's `(master, slave)`
/// descriptors, neither inherited by child processes (PEP 446).
pub fn openpty(
    _: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    crate::object::args::arity("openpty", a, 0, 0)?;
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: valid out-pointers; null name, termios and winsize.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if r != 0 {
        return Err(crate::modules::posix::last_error());
    }
    for fd in [master, slave] {
        // SAFETY: setting FD_CLOEXEC on a descriptor just opened.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    Ok(new_tuple(vec![
        Value::Int(master as i64),
        Value::Int(slave as i64),
    ]))
}

/// `os.ttyname(fd)`: the terminal device's path.
pub fn ttyname(
    _: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    crate::object::args::arity("ttyname", a, 1, 1)?;
    let fd = crate::modules::posix::int_arg("ttyname", a.first(), None)? as i32;
    let mut buf = [0 as libc::c_char; 512];
    // SAFETY: `buf` has room for `buf.len()` bytes.
    let r = unsafe { libc::ttyname_r(fd, buf.as_mut_ptr(), buf.len()) };
    if r != 0 {
        return Err(crate::object::exceptions::from_io_error(
            &std::io::Error::from_raw_os_error(r),
            None,
        ));
    }
    // SAFETY: ttyname_r wrote a NUL-terminated string.
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
    Ok(crate::object::heap::new_str(name.to_string_lossy()))
}
