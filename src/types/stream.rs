//! The standard streams `sys.stdout` and `sys.stderr`: what they stand
//! for, how a write reaches them (block-buffered standard output,
//! flushed at exit), and their `write`/`flush` methods.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::new_str;
use crate::object::heap::{as_str, type_name, Object};
use crate::object::kinds::Stream;
use crate::object::value::Value;
use crate::vm::Vm;
use std::io::Write;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

impl Stream {
    /// The stream's `name` attribute.
    pub fn name(self) -> &'static str {
        match self {
            Stream::Stdout | Stream::StdoutBuffer => "<stdout>",
            Stream::Stderr | Stream::StderrBuffer => "<stderr>",
        }
    }

    /// Whether this is a byte-level `buffer` (`sys.stdout.buffer`).
    pub fn is_buffer(self) -> bool {
        matches!(self, Stream::StdoutBuffer | Stream::StderrBuffer)
    }

    /// The file descriptor written to.
    pub fn fd(self) -> i32 {
        match self {
            Stream::Stdout | Stream::StdoutBuffer => 1,
            Stream::Stderr | Stream::StderrBuffer => 2,
        }
    }
}

/// Writes text to a standard stream.
pub fn write_stream(vm: &mut Vm, stream: Stream, text: &str) -> PyResult<()> {
    write_bytes(vm, stream, text.as_bytes())
}

/// Writes a str to a standard stream, encoded as the stream's `errors`
/// say when it holds surrogates (CPython: UnicodeEncodeError on stdout
/// unless in the C locale, escapes on stderr).
pub fn write_pystr(vm: &mut Vm, stream: Stream, s: &crate::object::heap::PyStr) -> PyResult<()> {
    if s.selector() == 0 {
        return write_stream(vm, stream, &s.text);
    }
    let bytes = crate::types::text_codecs::encode_str(s, "utf-8", None, errors_of(stream))?;
    write_bytes(vm, stream, &bytes)
}

/// The error handler of a standard text stream (stdin's is stdout's).
pub fn errors_of(stream: Stream) -> &'static str {
    match stream {
        Stream::Stderr => "backslashreplace",
        _ if c_locale() => "surrogateescape",
        _ => "strict",
    }
}

/// Writes bytes to a standard stream: a text stream and its `buffer`
/// share one buffered writer, so their output keeps its order.
fn write_bytes(vm: &mut Vm, stream: Stream, data: &[u8]) -> PyResult<()> {
    if stream.fd() == 1 {
        return vm.stdout.write_all(data).map_err(|e| stream_error(&e));
    }
    // Keep the order of interleaved output as a terminal shows it.
    // (A failure of stdout's is reported by stdout's next write.)
    let _ = vm.stdout.flush();
    if let Some(sink) = vm.stderr.as_mut() {
        return sink.write_all(data).map_err(|e| stream_error(&e));
    }
    std::io::stderr()
        .write_all(data)
        .map_err(|e| stream_error(&e))
}

/// The exception CPython raises when writing to a standard stream fails:
/// BrokenPipeError for a closed pipe, else OSError with the errno and the
/// system's message (`[Errno 28] No space left on device`).
pub fn stream_error(e: &std::io::Error) -> Box<crate::object::exceptions::PyErr> {
    crate::object::exceptions::from_io_error(e, None)
}

/// Where the `taipan` program's `sys.stdout` writes: the process's
/// standard output, block-buffered (64 KiB) or, with `-u` /
/// `PYTHONUNBUFFERED`, written through. As CPython's buffered writer,
/// a failed write discards what was buffered, so the error is reported
/// once.
pub struct StdoutWriter {
    buf: Vec<u8>,
    unbuffered: bool,
}

impl StdoutWriter {
    /// A writer on the process's standard output.
    pub fn new(unbuffered: bool) -> StdoutWriter {
        StdoutWriter {
            buf: Vec::new(),
            unbuffered,
        }
    }

    fn flush_buf(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        let r = out.write_all(&self.buf).and_then(|()| out.flush());
        self.buf.clear();
        r
    }
}

impl Write for StdoutWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.unbuffered || self.buf.len() >= 1 << 16 {
            self.flush_buf()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.flush_buf()
    }
}

/// The type of the standard stream objects.
pub const KIND: crate::object::heap::TypeKind =
    crate::object::heap::TypeKind::Iterator("_io.TextIOWrapper");

/// The type of the standard streams' `buffer`s.
pub const BUFFER_KIND: crate::object::heap::TypeKind =
    crate::object::heap::TypeKind::Iterator("_io.BufferedWriter");

/// The stream a method or attribute was read on.
fn stream_of(v: Option<&Value>) -> Stream {
    match v.and_then(Value::as_obj) {
        Some(Object::Stream(s)) => *s,
        _ => Stream::Stdout,
    }
}

/// The attributes both kinds of standard stream have.
pub const COMMON_MEMBERS: &[Member] = &[
    Member::Method("flush", m_flush),
    // The standard streams stay open: `close()` and leaving a `with`
    // block only flush (CPython would close them).
    Member::Method("close", m_flush),
    Member::Method("__exit__", m_flush),
    Member::Method("__enter__", |_, s, _, _| Ok(s.cloned().unwrap_or_default())),
    Member::Method("fileno", |_, s, _, _| {
        Ok(Value::Int(stream_of(s).fd() as i64))
    }),
    Member::Method("isatty", |_, s, _, _| {
        // SAFETY: isatty only inspects the descriptor.
        Ok(Value::Bool(unsafe { libc::isatty(stream_of(s).fd()) } == 1))
    }),
    Member::Method("writable", |_, _, _, _| Ok(Value::Bool(true))),
    Member::Method("readable", |_, _, _, _| Ok(Value::Bool(false))),
    Member::Method("seekable", |_, _, _, _| Ok(Value::Bool(false))),
    Member::Getter("name", |v| Ok(new_str(stream_of(Some(v)).name()))),
    Member::Getter("closed", |_| Ok(Value::Bool(false))),
];

/// The text streams' own: `write(str)` and what describes the text
/// layer (always UTF-8; `errors` as CPython sets them).
pub const TEXT_MEMBERS: &[Member] = &[
    Member::Method("write", m_write),
    Member::Getter("mode", |_| Ok(new_str("w"))),
    Member::Getter("encoding", |_| Ok(new_str("utf-8"))),
    Member::Getter("errors", |v| Ok(new_str(errors_of(stream_of(Some(v)))))),
    Member::Getter("newlines", |_| Ok(Value::None)),
    Member::Getter("line_buffering", |v| {
        // SAFETY: isatty only inspects the descriptor.
        Ok(Value::Bool(
            unsafe { libc::isatty(stream_of(Some(v)).fd()) } == 1,
        ))
    }),
    Member::Getter("buffer", |v| {
        let buffer = match stream_of(Some(v)) {
            Stream::Stderr | Stream::StderrBuffer => Stream::StderrBuffer,
            _ => Stream::StdoutBuffer,
        };
        Ok(Value::obj(crate::object::heap::NewObject::Stream(buffer)))
    }),
];

/// Whether the process runs in the C or POSIX locale (or C.UTF-8), where
/// CPython's standard streams use the `surrogateescape` error handler
/// (PEP 538, PEP 540).
fn c_locale() -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    locale.is_empty() || locale == "C" || locale == "POSIX" || locale.starts_with("C.")
}

/// The `buffer`s' own: `write(bytes)`.
pub const BUFFER_MEMBERS: &[Member] = &[
    Member::Method("write", m_write_bytes),
    Member::Getter("mode", |_| Ok(new_str("wb"))),
];

fn m_write(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("write", kw)?;
    arity("write", args, 1, 1)?;
    let Some(Object::Stream(stream)) = s.and_then(Value::as_obj) else {
        return raise(ExcKind::TypeError, "write() needs a stream");
    };
    let Some(text) = crate::object::heap::as_pystr(&args[0]) else {
        return raise(
            ExcKind::TypeError,
            format!("write() argument must be str, not {}", type_name(&args[0])),
        );
    };
    let n = text.chars();
    write_pystr(vm, *stream, text)?;
    Ok(Value::Int(n as i64))
}

/// `buffer.write(b)`: the bytes, unchanged; their number.
fn m_write_bytes(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("write", kw)?;
    arity("write", args, 1, 1)?;
    let data = crate::types::bytes::arg_bytes(&args[0])?;
    write_bytes(vm, stream_of(s), &data)?;
    Ok(Value::Int(data.len() as i64))
}

fn m_flush(vm: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    vm.stdout.flush().map_err(|e| stream_error(&e))?;
    Ok(Value::None)
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
    // The line comes from `sys.stdin` (so reads through it and `input()`
    // share its buffer, and a program may replace it).
    let sys = crate::protocol::import(vm, "sys")?;
    let stdin = crate::protocol::getattr(vm, &sys, "stdin").ok();
    let Some(stdin) = stdin.filter(|s| !matches!(s, Value::None)) else {
        return raise(ExcKind::RuntimeError, "input(): lost sys.stdin");
    };
    let readline = crate::protocol::getattr(vm, &stdin, "readline")?;
    let line = crate::protocol::call(vm, &readline, &[], &[])?;
    let Some(text) = as_str(&line) else {
        return raise(ExcKind::TypeError, "object.readline() returned non-string");
    };
    if text.is_empty() {
        return raise(ExcKind::EOFError, "EOF when reading a line");
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    Ok(new_str(text))
}
