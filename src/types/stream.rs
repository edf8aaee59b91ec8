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
            Stream::Stdout => "<stdout>",
            Stream::Stderr => "<stderr>",
        }
    }
}

/// Writes text to a standard stream.
pub fn write_stream(vm: &mut Vm, stream: Stream, text: &str) -> PyResult<()> {
    match stream {
        Stream::Stdout => vm
            .stdout
            .write_all(text.as_bytes())
            .map_err(|e| stream_error(&e)),
        Stream::Stderr => {
            // Keep the order of interleaved output as a terminal shows it.
            // (A failure of stdout's is reported by stdout's next write.)
            let _ = vm.stdout.flush();
            std::io::stderr()
                .write_all(text.as_bytes())
                .map_err(|e| stream_error(&e))
        }
    }
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

/// The methods of the standard stream objects.
pub const MEMBERS: &[Member] = &[
    Member::Method("write", m_write),
    Member::Method("flush", m_flush),
    // The standard streams stay open: `close()` and leaving a `with`
    // block only flush (CPython would close them).
    Member::Method("close", m_flush),
    Member::Method("__exit__", m_flush),
    Member::Method("__enter__", |_, s, _, _| Ok(s.cloned().unwrap_or_default())),
    Member::Method("fileno", |_, s, _, _| {
        Ok(Value::Int(match s.and_then(Value::as_obj) {
            Some(Object::Stream(Stream::Stderr)) => 2,
            _ => 1,
        }))
    }),
    Member::Method("isatty", |_, s, _, _| {
        let fd = match s.and_then(Value::as_obj) {
            Some(Object::Stream(Stream::Stderr)) => 2,
            _ => 1,
        };
        // SAFETY: isatty only inspects the descriptor.
        Ok(Value::Bool(unsafe { libc::isatty(fd) } == 1))
    }),
    Member::Method("writable", |_, _, _, _| Ok(Value::Bool(true))),
    Member::Method("readable", |_, _, _, _| Ok(Value::Bool(false))),
    Member::Method("seekable", |_, _, _, _| Ok(Value::Bool(false))),
];

fn m_write(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("write", kw)?;
    arity("write", args, 1, 1)?;
    let Some(Object::Stream(stream)) = s.and_then(Value::as_obj) else {
        return raise(ExcKind::TypeError, "write() needs a stream");
    };
    let Some(text) = as_str(&args[0]) else {
        return raise(
            ExcKind::TypeError,
            format!("write() argument must be str, not {}", type_name(&args[0])),
        );
    };
    let n = text.chars().count();
    write_stream(vm, *stream, text)?;
    Ok(Value::Int(n as i64))
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
