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
