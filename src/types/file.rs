//! `open()` and file objects: text (UTF-8, universal newlines on reading)
//! and binary files for reading, writing, appending and exclusive
//! creation, with `read`, `readline`, `readlines`, `write`, `writelines`,
//! iteration over lines, `close` and the `with` protocol. OS errors become
//! CPython's `OSError` subclasses.

use crate::object::args::{arity, no_kwargs};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_list, new_str, type_name, BuiltinFn, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::cell::RefCell;
use std::io::{Read, Write};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// An open file.
pub struct PyFile {
    /// The name it was opened with.
    pub name: String,
    /// The mode string (`r`, `wb`, …).
    pub mode: String,
    /// Bytes, not str.
    pub binary: bool,
    state: RefCell<FileState>,
}

enum FileState {
    /// Reading: the whole content and the position in it (bytes).
    Reading {
        data: Vec<u8>,
        pos: usize,
    },
    /// Writing or appending.
    Writing(std::io::BufWriter<std::fs::File>),
    Closed,
}

/// The OSError (or the errno's subclass) CPython raises for an I/O
/// error: `[Errno N] message`, without a file name.
pub fn io_error(e: &std::io::Error) -> Box<PyErr> {
    use std::io::ErrorKind as K;
    let errno = e.raw_os_error().map(i64::from).unwrap_or(match e.kind() {
        K::NotFound => 2,
        K::PermissionDenied => 13,
        K::AlreadyExists => 17,
        K::IsADirectory => 21,
        _ => 5,
    });
    let kind = crate::object::exceptions::oserror_for_errno(errno).unwrap_or(ExcKind::OSError);
    // The system's message, without Rust's " (os error N)".
    let text = std::io::Error::from_raw_os_error(errno as i32).to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    PyErr::with_args(kind, vec![Value::Int(errno), new_str(text)])
}

/// [`io_error`] for an operation on the file `filename`.
pub fn os_error(e: &std::io::Error, filename: &str) -> Box<PyErr> {
    let err = io_error(e);
    if let Some(s) = crate::object::exceptions::exc_state(&err.exc) {
        *s.filename.borrow_mut() = Some(new_str(filename));
    }
    err
}

/// `open(file, mode='r', encoding=None)`.
pub fn b_open(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut file = args.first().cloned();
    let mut mode = args.get(1).cloned();
    for (k, v) in kw {
        match &**k {
            "file" => file = Some(v.clone()),
            "mode" => mode = Some(v.clone()),
            "encoding" | "errors" | "newline" | "buffering" => {}
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for open()"),
                )
            }
        }
    }
    let Some(file) = file else {
        return raise(
            ExcKind::TypeError,
            "open() missing required argument 'file' (pos 1)",
        );
    };
    let Some(name) = as_str(&file).map(str::to_string) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "expected str, bytes or os.PathLike object, not {}",
                type_name(&file)
            ),
        );
    };
    let mode = match &mode {
        None => "r".to_string(),
        Some(m) => as_str(m).unwrap_or("r").to_string(),
    };
    let binary = mode.contains('b');
    let base: String = mode.chars().filter(|c| !matches!(c, 'b' | 't')).collect();
    let state = match base.as_str() {
        "r" => match std::fs::read(&name) {
            Ok(data) => FileState::Reading { data, pos: 0 },
            Err(e) => {
                return Err(if std::path::Path::new(&name).is_dir() {
                    os_error(
                        &std::io::Error::from(std::io::ErrorKind::IsADirectory),
                        &name,
                    )
                } else {
                    os_error(&e, &name)
                })
            }
        },
        "w" | "a" | "x" => {
            let mut o = std::fs::OpenOptions::new();
            match base.as_str() {
                "w" => o.write(true).create(true).truncate(true),
                "a" => o.append(true).create(true),
                _ => o.write(true).create_new(true),
            };
            match o.open(&name) {
                Ok(f) => FileState::Writing(std::io::BufWriter::new(f)),
                Err(e) => return Err(os_error(&e, &name)),
            }
        }
        _ => return raise(ExcKind::ValueError, format!("invalid mode: '{mode}'")),
    };
    Ok(Value::obj(NewObject::File(Box::new(PyFile {
        name,
        mode,
        binary,
        state: RefCell::new(state),
    }))))
}

/// The method `name` of file objects.
pub fn method(name: &str) -> Option<(&'static str, BuiltinFn)> {
    let table: &[(&'static str, BuiltinFn)] = &[
        ("read", m_read),
        ("readline", m_readline),
        ("readlines", m_readlines),
        ("write", m_write),
        ("writelines", m_writelines),
        ("close", m_close),
        ("flush", m_flush),
        ("__enter__", m_enter),
        ("__exit__", m_exit),
        ("__iter__", m_enter),
        ("__next__", m_next),
    ];
    table.iter().find(|(n, _)| *n == name).copied()
}

fn file_of(s: Option<&Value>) -> PyResult<&PyFile> {
    match s.and_then(Value::as_obj) {
        Some(Object::File(f)) => Ok(f),
        _ => raise(ExcKind::TypeError, "descriptor requires a file object"),
    }
}

fn closed() -> Box<PyErr> {
    PyErr::new(ExcKind::ValueError, "I/O operation on closed file.")
}

/// A chunk of the file as a str (universal newlines) or bytes.
fn chunk(f: &PyFile, bytes: &[u8]) -> PyResult<Value> {
    if f.binary {
        return Ok(Value::obj(NewObject::Bytes(bytes.to_vec())));
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(new_str(t.replace("\r\n", "\n").replace('\r', "\n"))),
        Err(e) => raise(
            ExcKind::ValueError,
            format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                bytes.get(e.valid_up_to()).copied().unwrap_or(0),
                e.valid_up_to()
            ),
        ),
    }
}

/// The next line (through `\n`), or an empty chunk at the end.
fn next_line(f: &PyFile) -> PyResult<Value> {
    let mut st = f.state.borrow_mut();
    let FileState::Reading { data, pos } = &mut *st else {
        return match &*st {
            FileState::Closed => Err(closed()),
            _ => raise(ExcKind::OSError, "not readable"),
        };
    };
    let rest = &data[*pos..];
    let end = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rest.len(), |i| i + 1);
    let line = rest[..end].to_vec();
    *pos += end;
    drop(st);
    chunk(f, &line)
}

fn m_read(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("read", kw)?;
    arity("read", args, 0, 1)?;
    let f = file_of(s)?;
    let limit = match args.first().map(int_of) {
        Some(Some(IntVal::Small(n))) if n >= 0 => Some(n as usize),
        _ => None,
    };
    let mut st = f.state.borrow_mut();
    let FileState::Reading { data, pos } = &mut *st else {
        return match &*st {
            FileState::Closed => Err(closed()),
            _ => raise(ExcKind::OSError, "not readable"),
        };
    };
    let rest = &data[*pos..];
    let take = match limit {
        None => rest.len(),
        // Text files count characters.
        Some(n) if !f.binary => std::str::from_utf8(rest)
            .map(|t| t.char_indices().nth(n).map_or(t.len(), |(b, _)| b))
            .unwrap_or(rest.len().min(n)),
        Some(n) => rest.len().min(n),
    };
    let out = rest[..take].to_vec();
    *pos += take;
    drop(st);
    chunk(f, &out)
}

fn m_readline(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    next_line(file_of(s)?)
}

fn m_readlines(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let f = file_of(s)?;
    let mut out = Vec::new();
    loop {
        let line = next_line(f)?;
        if crate::protocol::len(vm, &line)? == 0 {
            break;
        }
        out.push(line);
    }
    Ok(new_list(out))
}

fn m_next(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let line = next_line(file_of(s)?)?;
    if crate::protocol::len(vm, &line)? == 0 {
        return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
    }
    Ok(line)
}

fn write_value(f: &PyFile, v: &Value) -> PyResult<usize> {
    let (bytes, count): (Vec<u8>, usize) = match (f.binary, v.as_obj()) {
        (false, Some(Object::Str(t))) => (t.text.as_bytes().to_vec(), t.chars),
        (true, Some(Object::Bytes(b))) => (b.clone(), b.len()),
        (false, _) => {
            return raise(
                ExcKind::TypeError,
                format!("write() argument must be str, not {}", type_name(v)),
            )
        }
        (true, _) => {
            return raise(
                ExcKind::TypeError,
                format!("a bytes-like object is required, not '{}'", type_name(v)),
            )
        }
    };
    match &mut *f.state.borrow_mut() {
        FileState::Writing(w) => w
            .write_all(&bytes)
            .map_err(|e| os_error(&e, &f.name))
            .map(|()| count),
        FileState::Closed => Err(closed()),
        FileState::Reading { .. } => raise(ExcKind::OSError, "not writable"),
    }
}

fn m_write(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("write", kw)?;
    arity("write", args, 1, 1)?;
    Ok(Value::Int(write_value(file_of(s)?, &args[0])? as i64))
}

fn m_writelines(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("writelines", kw)?;
    arity("writelines", args, 1, 1)?;
    let f = file_of(s)?;
    for line in crate::modules::builtins::to_vec(vm, &args[0])? {
        write_value(f, &line)?;
    }
    Ok(Value::None)
}

fn m_flush(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let f = file_of(s)?;
    if let FileState::Writing(w) = &mut *f.state.borrow_mut() {
        w.flush().map_err(|e| os_error(&e, &f.name))?;
    }
    Ok(Value::None)
}

/// Closes a file (flushing what was written); idempotent.
pub fn close(f: &PyFile) -> PyResult<()> {
    let old = std::mem::replace(&mut *f.state.borrow_mut(), FileState::Closed);
    if let FileState::Writing(mut w) = old {
        w.flush().map_err(|e| os_error(&e, &f.name))?;
    }
    Ok(())
}

/// Whether the file is closed.
pub fn is_closed(f: &PyFile) -> bool {
    matches!(&*f.state.borrow(), FileState::Closed)
}

fn m_close(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    close(file_of(s)?)?;
    Ok(Value::None)
}

fn m_enter(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let f = file_of(s)?;
    if is_closed(f) {
        return Err(closed());
    }
    Ok(s.cloned().unwrap_or_default())
}

fn m_exit(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    close(file_of(s)?)?;
    Ok(Value::Bool(false))
}

impl Drop for PyFile {
    fn drop(&mut self) {
        let _ = close(self);
    }
}

/// `input(prompt='')`: a line of standard input without its newline.
pub fn b_input(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("input", kw)?;
    arity("input", args, 0, 1)?;
    if let Some(p) = args.first() {
        let text = crate::protocol::repr::str_of(vm, p)?;
        let _ = vm.stdout.write_all(text.as_bytes());
    }
    let _ = vm.stdout.flush();
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    let mut stdin = std::io::stdin().lock();
    loop {
        match stdin.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => {
                if byte[0] == b'\n' {
                    break;
                }
                line.push(byte[0]);
            }
            Err(_) => break,
        }
    }
    if line.is_empty() && byte[0] != b'\n' {
        return raise(ExcKind::EOFError, "EOF when reading a line");
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(new_str(String::from_utf8_lossy(&line).into_owned()))
}

/// The slots of file objects: a file is its own iterator, over its lines.
pub const SLOTS: crate::protocol::slots::Slots = crate::protocol::slots::Slots {
    iter: Some(|_, v| Ok(v.clone())),
    next: Some(|vm, v| {
        let readline = crate::protocol::getattr(vm, v, "readline")?;
        let line = crate::vm::interp::call(vm, &readline, &[], &[])?;
        Ok((crate::protocol::len(vm, &line)? > 0).then_some(line))
    }),
    ..crate::protocol::slots::BUILTIN
};
