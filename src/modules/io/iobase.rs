//! The abstract bases of `_io`: `_IOBase` (closing, the context-manager
//! and iterator protocols, `readline`/`readlines`/`writelines` built on
//! the subclass's `read`/`peek`/`write`), `_RawIOBase` (`read` and
//! `readall` on `readinto`), `_BufferedIOBase` (`readinto` on `read`) and
//! `_TextIOBase`. Their methods call the object's own methods, so a
//! Python subclass that defines `readinto` or `write` gets the rest.

use super::{call_method, closed_error, is_closed, size_arg, unsupported, Kw};
use crate::object::args::receiver;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{new_list, type_name};
use crate::object::native::{method as m, property as prop};
use crate::object::value::Value;
use crate::vm::Vm;

/// The attribute CPython's `_IOBase` marks a closed stream with.
const CLOSED_ATTR: &str = "__IOBase_closed";

/// `_io._IOBase`.
pub fn iobase_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io._IOBase", || {
        let attrs = vec![
            m("seek", |vm, _, _, _| Err(unsupported(vm, "seek"))),
            m("tell", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                call_method(vm, r, "seek", &[Value::Int(0), Value::Int(1)])
            }),
            m("truncate", |vm, _, _, _| Err(unsupported(vm, "truncate"))),
            m("flush", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                if is_closed(vm, r)? {
                    return Err(closed_error());
                }
                Ok(Value::None)
            }),
            m("close", close),
            prop("closed", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                Ok(Value::Bool(marked_closed(vm, r)))
            }),
            m("seekable", |_, _, _, _| Ok(Value::Bool(false))),
            m("readable", |_, _, _, _| Ok(Value::Bool(false))),
            m("writable", |_, _, _, _| Ok(Value::Bool(false))),
            m("_checkClosed", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                check_open(vm, r)?;
                Ok(Value::None)
            }),
            m("_checkSeekable", |vm, s, a, _| {
                check_able(vm, s, a, "seekable")
            }),
            m("_checkReadable", |vm, s, a, _| {
                check_able(vm, s, a, "readable")
            }),
            m("_checkWritable", |vm, s, a, _| {
                check_able(vm, s, a, "writable")
            }),
            m("fileno", |vm, _, _, _| Err(unsupported(vm, "fileno"))),
            m("isatty", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                check_open(vm, r)?;
                Ok(Value::Bool(false))
            }),
            m("__enter__", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                check_open(vm, r)?;
                Ok(r.clone())
            }),
            m("__exit__", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                call_method(vm, r, "close", &[])
            }),
            m("__iter__", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                check_open(vm, r)?;
                Ok(r.clone())
            }),
            m("__next__", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                let line = call_method(vm, r, "readline", &[])?;
                if crate::protocol::len(vm, &line)? == 0 {
                    return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
                }
                Ok(line)
            }),
            m("readline", readline),
            m("readlines", readlines),
            m("writelines", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                let Some(lines) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "writelines() takes exactly one argument (0 given)",
                    );
                };
                check_open(vm, r)?;
                let it = crate::protocol::get_iter(vm, lines)?;
                while let Some(line) = crate::protocol::iter_next(vm, &it)? {
                    call_method(vm, r, "write", &[line])?;
                }
                Ok(Value::None)
            }),
        ];
        crate::object::native::class("_io", "_IOBase", attrs)
    })
}

/// `_io._RawIOBase`.
pub fn raw_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io._RawIOBase", || {
        let attrs = vec![m("read", raw_read), m("readall", raw_readall)];
        crate::object::native::subclass("_io", "_RawIOBase", iobase_class(), attrs)
    })
}

/// `_io._BufferedIOBase`.
pub fn buffered_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io._BufferedIOBase", || {
        let attrs = vec![
            m("read", |vm, _, _, _| Err(unsupported(vm, "read"))),
            m("read1", |vm, _, _, _| Err(unsupported(vm, "read1"))),
            m("write", |vm, _, _, _| Err(unsupported(vm, "write"))),
            m("detach", |vm, _, _, _| Err(unsupported(vm, "detach"))),
            m("readinto", |vm, s, a, _| readinto_by(vm, s, a, "read")),
            m("readinto1", |vm, s, a, _| readinto_by(vm, s, a, "read1")),
        ];
        crate::object::native::subclass("_io", "_BufferedIOBase", iobase_class(), attrs)
    })
}

/// `_io._TextIOBase`.
pub fn text_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io._TextIOBase", || {
        let attrs = vec![
            m("read", |vm, _, _, _| Err(unsupported(vm, "read"))),
            m("readline", |vm, _, _, _| Err(unsupported(vm, "readline"))),
            m("write", |vm, _, _, _| Err(unsupported(vm, "write"))),
            m("detach", |vm, _, _, _| Err(unsupported(vm, "detach"))),
            prop("encoding", |_, _, _, _| Ok(Value::None)),
            prop("newlines", |_, _, _, _| Ok(Value::None)),
            prop("errors", |_, _, _, _| Ok(Value::None)),
        ];
        crate::object::native::subclass("_io", "_TextIOBase", iobase_class(), attrs)
    })
}

/// Whether `_IOBase.close` marked the object closed.
fn marked_closed(vm: &mut Vm, r: &Value) -> bool {
    crate::protocol::getattr(vm, r, CLOSED_ATTR).is_ok()
}

/// ValueError if the object is closed (by its own `closed`).
pub(crate) fn check_open(vm: &mut Vm, r: &Value) -> PyResult<()> {
    if is_closed(vm, r)? {
        return Err(closed_error());
    }
    Ok(())
}

fn check_able(vm: &mut Vm, s: Option<&Value>, a: &[Value], what: &str) -> PyResult<Value> {
    let (r, _) = receiver(s, a)?;
    let ok = call_method(vm, r, what, &[])?;
    if !crate::protocol::truthy(vm, &ok)? {
        let msg = match what {
            "seekable" => "File or stream is not seekable.",
            "readable" => "File or stream is not readable.",
            _ => "File or stream is not writable.",
        };
        return Err(unsupported(vm, msg));
    }
    Ok(Value::None)
}

/// `_IOBase.close()`: flushes, then marks the object closed (once).
fn close(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, a)?;
    if marked_closed(vm, r) {
        return Ok(Value::None);
    }
    let flushed = call_method(vm, r, "flush", &[]);
    crate::object::classes::setattr(vm, r, CLOSED_ATTR, Some(Value::Bool(true)))?;
    flushed.map(|_| Value::None)
}

/// `_IOBase.readline(size=-1)`: bytes up to and including a newline,
/// read with `peek` (when the object has it) or a byte at a time.
fn readline(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, a)?;
    let limit = size_arg(rest.first())?;
    let peek = crate::protocol::getattr(vm, r, "peek").ok();
    let mut out: Vec<u8> = Vec::new();
    while limit.is_none_or(|l| out.len() < l) {
        let mut want = 1;
        if let Some(peek) = &peek {
            let ahead = crate::protocol::call(vm, peek, &[Value::Int(1)], &[])?;
            let Some(ahead) = crate::types::bytes::bytes_of(&ahead) else {
                return raise(
                    ExcKind::OSError,
                    format!(
                        "peek() should have returned a bytes object, not '{}'",
                        type_name(&ahead)
                    ),
                );
            };
            if !ahead.is_empty() {
                want = match ahead.iter().position(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None => ahead.len(),
                };
                if let Some(l) = limit {
                    want = want.min(l - out.len());
                }
            }
        }
        let chunk = call_method(vm, r, "read", &[Value::Int(want as i64)])?;
        let Some(chunk) = crate::types::bytes::bytes_of(&chunk) else {
            return raise(
                ExcKind::OSError,
                format!(
                    "read() should have returned a bytes object, not '{}'",
                    type_name(&chunk)
                ),
            );
        };
        if chunk.is_empty() {
            break;
        }
        out.extend_from_slice(&chunk);
        if out.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(crate::types::bytes::make(out, false))
}

/// `_IOBase.readlines(hint=-1)`: the lines, stopping once `hint` bytes
/// or characters were read.
fn readlines(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, a)?;
    let hint = size_arg(rest.first())?.filter(|&h| h > 0);
    let it = crate::protocol::get_iter(vm, r)?;
    let mut lines = Vec::new();
    let mut total = 0;
    while let Some(line) = crate::protocol::iter_next(vm, &it)? {
        total += crate::protocol::len(vm, &line)?;
        lines.push(line);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(new_list(lines))
}

/// `_RawIOBase.read(size=-1)`: `readinto` a new buffer of that size.
fn raw_read(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, a)?;
    let Some(size) = size_arg(rest.first())? else {
        return call_method(vm, r, "readall", &[]);
    };
    let buf = crate::types::bytes::make(vec![0; size], true);
    let n = call_method(vm, r, "readinto", std::slice::from_ref(&buf))?;
    if matches!(n, Value::None) {
        return Ok(Value::None);
    }
    let n = super::int_arg(&n)?.clamp(0, size as i64) as usize;
    let mut data = crate::types::bytes::bytes_of(&buf).unwrap_or_default();
    data.truncate(n);
    Ok(crate::types::bytes::make(data, false))
}

/// `_RawIOBase.readall()`: `read` until end of file.
fn raw_readall(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, a)?;
    let mut out = Vec::new();
    loop {
        let chunk = call_method(
            vm,
            r,
            "read",
            &[Value::Int(super::DEFAULT_BUFFER_SIZE as i64)],
        )?;
        if matches!(chunk, Value::None) {
            if out.is_empty() {
                return Ok(Value::None);
            }
            break;
        }
        let Some(chunk) = crate::types::bytes::bytes_of(&chunk) else {
            return raise(ExcKind::TypeError, "read() should return bytes");
        };
        if chunk.is_empty() {
            break;
        }
        out.extend_from_slice(&chunk);
    }
    Ok(crate::types::bytes::make(out, false))
}

/// `_BufferedIOBase.readinto(b)` / `readinto1(b)`: `read`/`read1` of
/// `len(b)` bytes, copied into `b`.
fn readinto_by(vm: &mut Vm, s: Option<&Value>, a: &[Value], read: &str) -> PyResult<Value> {
    let (r, rest) = receiver(s, a)?;
    let Some(target) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "readinto() takes exactly one argument (0 given)",
        );
    };
    let len = super::buffer_len(target)?;
    let data = call_method(vm, r, read, &[Value::Int(len as i64)])?;
    let data = super::bytes_arg(&data)?;
    Ok(Value::Int(super::fill_buffer(target, &data)? as i64))
}
