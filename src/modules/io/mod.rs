//! `_io`, the native half of CPython's `io` module: the abstract bases
//! (`_IOBase`, `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`, whose
//! default methods work on any subclass through its own methods), raw
//! files on descriptors (`FileIO`), in-memory streams (`BytesIO`,
//! `StringIO`), buffering (`BufferedReader`/`Writer`/`Random`/`RWPair`),
//! text decoding and newline handling (`TextIOWrapper`,
//! `IncrementalNewlineDecoder`) and `open()`, which stacks them.
//!
//! Every object of these types is an ordinary instance carrying its Rust
//! state as a payload (`object::native::new_instance`), so Python code
//! derives from them (`class Log(io.StringIO)`, `io.RawIOBase`
//! subclasses over sockets) and sets attributes on them (`open()` sets
//! `mode` on the wrapper, as CPython's does). Layers call each other
//! through Python method calls, a chunk at a time, so any object with
//! the right methods can stand in for a layer.

mod buffered;
mod bytesio;
mod fileio;
mod iobase;
mod newline;
mod stringio;
mod textio;

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, new_str, type_name, Object};
use crate::object::native::NativeData;
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub(crate) type Kw<'a> = &'a [(Rc<str>, Value)];

/// The buffer size `open()` and the buffered classes use by default.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// The `_io` module.
pub fn module(vm: &mut Vm) -> PyResult<Value> {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| {
        (n, crate::object::heap::builtin_fn(n, func))
    };
    let attrs = vec![
        (
            "DEFAULT_BUFFER_SIZE",
            Value::Int(DEFAULT_BUFFER_SIZE as i64),
        ),
        (
            "BlockingIOError",
            crate::object::exceptions::exception_class(ExcKind::BlockingIOError),
        ),
        ("UnsupportedOperation", unsupported_class(vm)?),
        ("_IOBase", iobase::iobase_class()),
        ("_RawIOBase", iobase::raw_class()),
        ("_BufferedIOBase", iobase::buffered_class()),
        ("_TextIOBase", iobase::text_class()),
        ("FileIO", fileio::class()),
        ("BytesIO", bytesio::class()),
        ("StringIO", stringio::class()),
        ("BufferedReader", buffered::reader_class()),
        ("BufferedWriter", buffered::writer_class()),
        ("BufferedRandom", buffered::random_class()),
        ("BufferedRWPair", buffered::rw_pair_class()),
        ("TextIOWrapper", textio::class()),
        ("IncrementalNewlineDecoder", newline::class()),
        f("open", open),
        f("open_code", open_code),
        f("text_encoding", text_encoding),
    ];
    Ok(crate::object::heap::make_module("_io", attrs))
}

/// `io.UnsupportedOperation`, a subclass of both OSError and ValueError
/// (made on first use, as a Python class would be).
fn unsupported_class(vm: &mut Vm) -> PyResult<Value> {
    let bases = vec![
        crate::object::exceptions::exception_class(ExcKind::OSError),
        crate::object::exceptions::exception_class(ExcKind::ValueError),
    ];
    crate::object::classes::kept_class_with_bases(
        vm,
        "io.UnsupportedOperation",
        "io",
        "UnsupportedOperation",
        bases,
    )
}

/// An `io.UnsupportedOperation` with message `msg`.
pub(crate) fn unsupported(vm: &mut Vm, msg: &str) -> Box<PyErr> {
    let made =
        unsupported_class(vm).and_then(|cls| crate::protocol::call(vm, &cls, &[new_str(msg)], &[]));
    match made {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    }
}

/// The ValueError of an operation on a closed stream.
pub(crate) fn closed_error() -> Box<PyErr> {
    PyErr::new(ExcKind::ValueError, "I/O operation on closed file.")
}

/// The same error as FileIO and StringIO word it (no full stop).
pub(crate) fn closed_error_bare() -> Box<PyErr> {
    PyErr::new(ExcKind::ValueError, "I/O operation on closed file")
}

/// `obj.name(*args)`.
pub(crate) fn call_method(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let m = crate::protocol::getattr(vm, obj, name)?;
    crate::protocol::call(vm, &m, args, &[])
}

/// Whether `obj.closed` is true.
pub(crate) fn is_closed(vm: &mut Vm, obj: &Value) -> PyResult<bool> {
    let c = crate::protocol::getattr(vm, obj, "closed")?;
    crate::protocol::truthy(vm, &c)
}

/// A size argument: None or negative for "all", else the count.
pub(crate) fn size_arg(v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match crate::protocol::ops::int_of(v) {
            Some(crate::protocol::ops::IntVal::Small(n)) => Ok((n >= 0).then_some(n as usize)),
            Some(_) => raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C ssize_t",
            ),
            None => raise(
                ExcKind::TypeError,
                format!("argument should be integer or None, not '{}'", type_name(v)),
            ),
        },
    }
}

/// An integer argument (a position, an offset).
pub(crate) fn int_arg(v: &Value) -> PyResult<i64> {
    match crate::protocol::ops::int_of(v) {
        Some(crate::protocol::ops::IntVal::Small(n)) => Ok(n),
        Some(_) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C long",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ),
        ),
    }
}

/// The bytes of a bytes-like argument.
pub(crate) use crate::types::bytes::arg_bytes as bytes_arg;

/// Copies `data` into the start of the writable buffer `target` (a
/// bytearray or a memoryview of one): the number of bytes copied.
pub(crate) fn fill_buffer(target: &Value, data: &[u8]) -> PyResult<usize> {
    match crate::object::instance::unwrap(target).as_obj() {
        Some(Object::ByteArray(b)) => {
            let mut b = b.borrow_mut();
            let n = data.len().min(b.len());
            b[..n].copy_from_slice(&data[..n]);
            Ok(n)
        }
        Some(Object::MemoryView(m)) => m.write_start(data),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "readinto() argument must be read-write bytes-like object, not {}",
                type_name(target)
            ),
        ),
    }
}

/// The length of a writable buffer argument.
pub(crate) fn buffer_len(target: &Value) -> PyResult<usize> {
    match crate::object::instance::unwrap(target).as_obj() {
        Some(Object::ByteArray(b)) => Ok(b.borrow().len()),
        Some(Object::MemoryView(m)) => Ok(m.bytes().len()),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "readinto() argument must be read-write bytes-like object, not {}",
                type_name(target)
            ),
        ),
    }
}

/// The receiver of a method of native type `T` and the other arguments;
/// TypeError when the receiver is not one (`BytesIO.read(3)`).
pub(crate) fn this<'a, T: NativeData>(
    s: Option<&'a Value>,
    args: &'a [Value],
    type_name_: &str,
) -> PyResult<(&'a Value, &'a T, &'a [Value])> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    match crate::object::native::data_of::<T>(r) {
        Some(d) => Ok((r, d, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor for '{type_name_}' objects doesn't apply to a '{}' object",
                type_name(r)
            ),
        ),
    }
}

thread_local! {
    /// The io objects whose repr is being made (by address).
    static IN_REPR: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The repr of io object `v` made by `f`, refused when it is already being
/// made (its `name` is the object itself): CPython's `Py_ReprEnter` in
/// the io reprs, whose RuntimeError this is.
pub(crate) fn repr_once(
    v: &Value,
    f: impl FnOnce() -> crate::object::exceptions::PyResult<Value>,
) -> crate::object::exceptions::PyResult<Value> {
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    if IN_REPR.with(|r| r.borrow().contains(&addr)) {
        return crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::RuntimeError,
            format!("reentrant call inside {}.__repr__", repr_class_name(v)),
        );
    }
    IN_REPR.with(|r| r.borrow_mut().push(addr));
    let result = f();
    IN_REPR.with(|r| {
        let mut r = r.borrow_mut();
        if let Some(i) = r.iter().rposition(|&a| a == addr) {
            r.remove(i);
        }
    });
    result
}

/// The name of the class of `v` as CPython's reprs show it (`_io.FileIO`
/// for the native class, the bare name for a Python subclass).
pub(crate) fn repr_class_name(v: &Value) -> String {
    let cls = crate::object::classes::type_value(v);
    match cls.as_obj() {
        Some(Object::Class(c)) if c.is_static() => c.tp_name.clone(),
        Some(Object::Class(c)) => c.name.borrow().clone(),
        _ => type_name(v).into_owned(),
    }
}

/// `text_encoding(encoding, stacklevel=2)`: the encoding, "locale" for
/// None (PEP 597).
fn text_encoding(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = crate::object::args::bind_args("text_encoding", &["encoding", "stacklevel"], args, kw)?;
    Ok(match &a[0] {
        None | Some(Value::None) => new_str("locale"),
        Some(v) => v.clone(),
    })
}

/// `open_code(path)`: the file opened for reading bytes.
fn open_code(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = crate::object::args::bind_args("open_code", &["path"], args, kw)?;
    let Some(path) = a[0].clone().filter(|p| as_str(p).is_some()) else {
        return raise(
            ExcKind::TypeError,
            "open_code() argument 'path' must be str",
        );
    };
    open(vm, None, &[path, new_str("rb")], &[])
}

/// What a mode string of `open()` asks for.
struct Mode {
    creating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    updating: bool,
    text: bool,
    binary: bool,
}

fn parse_mode(mode: &str) -> PyResult<Mode> {
    let mut m = Mode {
        creating: false,
        reading: false,
        writing: false,
        appending: false,
        updating: false,
        text: false,
        binary: false,
    };
    let mut seen = String::new();
    for c in mode.chars() {
        if !"axrwb+t".contains(c) || seen.contains(c) {
            return raise(ExcKind::ValueError, format!("invalid mode: '{mode}'"));
        }
        seen.push(c);
        match c {
            'x' => m.creating = true,
            'r' => m.reading = true,
            'w' => m.writing = true,
            'a' => m.appending = true,
            '+' => m.updating = true,
            't' => m.text = true,
            _ => m.binary = true,
        }
    }
    if m.text && m.binary {
        return raise(
            ExcKind::ValueError,
            "can't have text and binary mode at once",
        );
    }
    let kinds = [m.creating, m.reading, m.writing, m.appending];
    if kinds.iter().filter(|&&k| k).count() > 1 {
        return raise(
            ExcKind::ValueError,
            "must have exactly one of create/read/write/append mode",
        );
    }
    if !kinds.iter().any(|&k| k) {
        return raise(
            ExcKind::ValueError,
            "Must have exactly one of create/read/write/append mode and at most one plus",
        );
    }
    Ok(m)
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`: a FileIO, wrapped in a
/// buffered object, wrapped in a TextIOWrapper for text modes.
pub fn open(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    const NAMES: [&str; 8] = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let a = crate::object::args::bind_args("open", &NAMES, args, kw)?;
    let Some(file) = a[0].clone() else {
        return raise(
            ExcKind::TypeError,
            "open() missing required argument 'file' (pos 1)",
        );
    };
    let text_arg = |i: usize, what: &str| -> PyResult<Option<String>> {
        match &a[i] {
            None | Some(Value::None) => Ok(None),
            Some(v) => match as_str(v) {
                Some(s) => Ok(Some(s.to_string())),
                None => raise(
                    ExcKind::TypeError,
                    format!(
                        "open() argument '{what}' must be str or None, not {}",
                        type_name(v)
                    ),
                ),
            },
        }
    };
    let mode_text = match &a[1] {
        None => "r".to_string(),
        Some(v) => match as_str(v) {
            Some(s) => s.to_string(),
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!("open() argument 'mode' must be str, not {}", type_name(v)),
                )
            }
        },
    };
    let encoding = text_arg(3, "encoding")?;
    let errors = text_arg(4, "errors")?;
    let newline = text_arg(5, "newline")?;
    let buffering = match &a[2] {
        None => -1,
        Some(v) => int_arg(v)?,
    };
    let m = parse_mode(&mode_text)?;
    if m.binary && encoding.is_some() {
        return raise(
            ExcKind::ValueError,
            "binary mode doesn't take an encoding argument",
        );
    }
    if m.binary && errors.is_some() {
        return raise(
            ExcKind::ValueError,
            "binary mode doesn't take an errors argument",
        );
    }
    if m.binary && newline.is_some() {
        return raise(
            ExcKind::ValueError,
            "binary mode doesn't take a newline argument",
        );
    }
    if m.binary && buffering == 1 {
        warn(
            vm,
            ExcKind::RuntimeWarning,
            "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used",
        )?;
    }
    let raw_mode = format!(
        "{}{}",
        if m.creating {
            "x"
        } else if m.reading {
            "r"
        } else if m.writing {
            "w"
        } else {
            "a"
        },
        if m.updating { "+" } else { "" }
    );
    let mut raw_args = vec![file, new_str(raw_mode)];
    raw_args.push(a[6].clone().unwrap_or(Value::Bool(true)));
    raw_args.push(a[7].clone().unwrap_or(Value::None));
    let raw = crate::protocol::call(vm, &fileio::class(), &raw_args, &[])?;
    let result = open_layers(
        vm, &raw, &m, &mode_text, buffering, encoding, errors, newline,
    );
    if result.is_err() {
        let _ = call_method(vm, &raw, "close", &[]);
    }
    result
}

/// The buffered and text layers `open()` puts over the raw file `raw`.
#[allow(clippy::too_many_arguments)]
fn open_layers(
    vm: &mut Vm,
    raw: &Value,
    m: &Mode,
    mode_text: &str,
    buffering: i64,
    encoding: Option<String>,
    errors: Option<String>,
    newline: Option<String>,
) -> PyResult<Value> {
    let mut buffering = buffering;
    let mut line_buffering = false;
    let isatty = {
        let r = call_method(vm, raw, "isatty", &[])?;
        crate::protocol::truthy(vm, &r)?
    };
    if buffering == 1 || (buffering < 0 && isatty) {
        buffering = -1;
        line_buffering = true;
    }
    if buffering < 0 {
        buffering = fileio::blksize(raw).unwrap_or(DEFAULT_BUFFER_SIZE) as i64;
    }
    if buffering == 0 {
        if m.binary {
            return Ok(raw.clone());
        }
        return raise(ExcKind::ValueError, "can't have unbuffered text I/O");
    }
    let class = if m.updating {
        buffered::random_class()
    } else if m.creating || m.writing || m.appending {
        buffered::writer_class()
    } else {
        buffered::reader_class()
    };
    let buffer = crate::protocol::call(vm, &class, &[raw.clone(), Value::Int(buffering)], &[])?;
    if m.binary {
        return Ok(buffer);
    }
    let opt = |s: Option<String>| s.map(new_str).unwrap_or(Value::None);
    let text = crate::protocol::call(
        vm,
        &textio::class(),
        &[
            buffer,
            opt(encoding),
            opt(errors),
            opt(newline),
            Value::Bool(line_buffering),
        ],
        &[],
    )?;
    crate::object::classes::setattr(vm, &text, "mode", Some(new_str(mode_text)))?;
    Ok(text)
}

/// `warnings.warn(msg, category)` from native code.
pub(crate) fn warn(vm: &mut Vm, category: ExcKind, msg: &str) -> PyResult<()> {
    crate::modules::warnings::warn_from_native(vm, category, msg, None)
}
