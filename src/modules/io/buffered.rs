//! `_io.BufferedReader`, `BufferedWriter`, `BufferedRandom` (one state:
//! a read-ahead buffer and a pending-write buffer over a raw stream) and
//! `BufferedRWPair` (a reader and a writer side by side). The raw stream
//! is any object with `readinto`/`read`/`write`/`seek`…; it is called a
//! buffer-full at a time. What is still buffered for writing when the
//! object is freed goes to a FileIO's descriptor directly, as CPython's
//! finaliser would flush it.

use super::{call_method, int_arg, size_arg, unsupported, Kw};
use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{new_str, type_name};
use crate::object::native::{constructor, method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

/// Which of the three classes an object is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reader,
    Writer,
    Random,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Reader => "BufferedReader",
            Kind::Writer => "BufferedWriter",
            Kind::Random => "BufferedRandom",
        }
    }
    fn reads(self) -> bool {
        self != Kind::Writer
    }
    fn writes(self) -> bool {
        self != Kind::Reader
    }
}

/// The state of a buffered object.
pub struct Buffered {
    kind: Kind,
    state: RefCell<State>,
}

struct State {
    /// The raw stream (None before `__init__` and after `detach`).
    raw: Value,
    detached: bool,
    size: usize,
    /// Read ahead, and how much of it was consumed.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Written, not yet passed to the raw stream.
    wbuf: Vec<u8>,
}

impl NativeData for Buffered {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(st) = self.state.try_borrow() {
            crate::object::gc::visit_value(&st.raw, visit);
        }
    }
}

impl Drop for Buffered {
    fn drop(&mut self) {
        let st = self.state.get_mut();
        if st.wbuf.is_empty() {
            return;
        }
        if let Some(fd) = super::fileio::fd_of(&st.raw) {
            let mut data: &[u8] = &st.wbuf;
            while !data.is_empty() {
                match super::fileio::write_fd_raw(fd, data) {
                    Ok(Some(n)) if n > 0 => data = &data[n..],
                    _ => break,
                }
            }
        }
    }
}

/// Adds `data` to the pending writes of `buffer` if it is a buffered
/// writer, without calling Python (a text wrapper being freed hands
/// over what it collected; the buffer's own finaliser writes it).
pub(crate) fn push_pending(buffer: &Value, data: Vec<u8>) {
    if let Some(b) = crate::object::native::data_of::<Buffered>(buffer) {
        if b.kind.writes() {
            if let Ok(mut st) = b.state.try_borrow_mut() {
                st.wbuf.extend(data);
            }
        }
    }
}

fn make_class(kind: Kind) -> Value {
    let attrs = vec![
        constructor(match kind {
            Kind::Reader => |_, _, a, _| new(a, Kind::Reader),
            Kind::Writer => |_, _, a, _| new(a, Kind::Writer),
            Kind::Random => |_, _, a, _| new(a, Kind::Random),
        }),
        m("__init__", init),
        m("read", read),
        m("read1", read1),
        m("readinto", |vm, s, a, _| readinto(vm, s, a, false)),
        m("readinto1", |vm, s, a, _| readinto(vm, s, a, true)),
        m("readline", |vm, s, a, _| {
            let (r, b, rest) = this(s, a)?;
            let limit = size_arg(rest.first())?;
            readline(vm, r, b, limit)
        }),
        m("peek", peek),
        m("write", write),
        m("flush", |vm, s, a, _| {
            let (r, b, _) = this(s, a)?;
            raw_of(b)?;
            flush(vm, r, b)?;
            Ok(Value::None)
        }),
        m("seek", seek),
        m("tell", |vm, s, a, _| {
            let (_, b, _) = this(s, a)?;
            Ok(Value::Int(tell(vm, b)?))
        }),
        m("truncate", truncate),
        m("close", close),
        m("detach", |vm, s, a, _| {
            let (r, b, _) = this(s, a)?;
            raw_of(b)?;
            flush(vm, r, b)?;
            let mut st = b.state.borrow_mut();
            st.detached = true;
            Ok(std::mem::replace(&mut st.raw, Value::None))
        }),
        m("readable", |vm, s, a, _| delegate(vm, s, a, "readable")),
        m("writable", |vm, s, a, _| delegate(vm, s, a, "writable")),
        m("seekable", |vm, s, a, _| delegate(vm, s, a, "seekable")),
        m("fileno", |vm, s, a, _| delegate(vm, s, a, "fileno")),
        m("isatty", |vm, s, a, _| delegate(vm, s, a, "isatty")),
        m("__next__", |vm, s, a, _| {
            let (r, b, _) = this(s, a)?;
            let line = readline(vm, r, b, None)?;
            if crate::types::bytes::bytes_of(&line).is_some_and(|l| l.is_empty()) {
                return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
            }
            Ok(line)
        }),
        m("__repr__", repr),
        m("__getstate__", |_, s, a, _| {
            let (r, _, _) = this(s, a)?;
            raise(
                ExcKind::TypeError,
                format!("cannot pickle '{}' object", type_name(r)),
            )
        }),
        prop("raw", |_, s, a, _| {
            let (_, b, _) = this(s, a)?;
            raw_of(b)
        }),
        prop("closed", |vm, s, a, _| {
            let (_, b, _) = this(s, a)?;
            let raw = raw_of(b)?;
            crate::protocol::getattr(vm, &raw, "closed")
        }),
        prop("name", |vm, s, a, _| {
            let (_, b, _) = this(s, a)?;
            let raw = raw_of(b)?;
            crate::protocol::getattr(vm, &raw, "name")
        }),
        prop("mode", |vm, s, a, _| {
            let (_, b, _) = this(s, a)?;
            let raw = raw_of(b)?;
            crate::protocol::getattr(vm, &raw, "mode")
        }),
    ];
    crate::object::native::subclass("_io", kind.name(), super::iobase::buffered_class(), attrs)
}

/// `_io.BufferedReader`.
pub fn reader_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.BufferedReader", || make_class(Kind::Reader))
}

/// `_io.BufferedWriter`.
pub fn writer_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.BufferedWriter", || make_class(Kind::Writer))
}

/// `_io.BufferedRandom`.
pub fn random_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.BufferedRandom", || make_class(Kind::Random))
}

fn class_of(kind: Kind) -> Value {
    match kind {
        Kind::Reader => reader_class(),
        Kind::Writer => writer_class(),
        Kind::Random => random_class(),
    }
}

fn new(a: &[Value], kind: Kind) -> PyResult<Value> {
    let Some(cls) = a.first() else {
        return raise(ExcKind::TypeError, "__new__(): not enough arguments");
    };
    let state = Buffered {
        kind,
        state: RefCell::new(State {
            raw: Value::None,
            detached: false,
            size: super::DEFAULT_BUFFER_SIZE,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
        }),
    };
    Ok(crate::object::native::new_instance(
        cls,
        class_of(kind),
        state,
    ))
}

fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a Buffered, &'a [Value])> {
    super::this::<Buffered>(s, a, "_io._Buffered")
}

/// The raw stream, or ValueError once detached or before `__init__`.
fn raw_of(b: &Buffered) -> PyResult<Value> {
    let st = b.state.borrow();
    if st.detached {
        return raise(ExcKind::ValueError, "raw stream has been detached");
    }
    if matches!(st.raw, Value::None) {
        return raise(ExcKind::ValueError, "I/O operation on uninitialized object");
    }
    Ok(st.raw.clone())
}

fn delegate(vm: &mut Vm, s: Option<&Value>, a: &[Value], name: &str) -> PyResult<Value> {
    let (_, b, _) = this(s, a)?;
    let raw = raw_of(b)?;
    call_method(vm, &raw, name, &[])
}

/// `__init__(raw, buffer_size=DEFAULT_BUFFER_SIZE)`.
fn init(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, b, rest) = this(s, a)?;
    let args = bind_args(b.kind.name(), &["raw", "buffer_size"], rest, kw)?;
    let Some(raw) = args[0].clone() else {
        return raise(
            ExcKind::TypeError,
            format!(
                "{}() missing required argument 'raw' (pos 1)",
                b.kind.name()
            ),
        );
    };
    let size = match &args[1] {
        None => super::DEFAULT_BUFFER_SIZE as i64,
        Some(v) => int_arg(v)?,
    };
    if b.kind == Kind::Random {
        check(vm, &raw, "seekable")?;
    }
    if b.kind.reads() {
        check(vm, &raw, "readable")?;
    }
    if b.kind.writes() {
        check(vm, &raw, "writable")?;
    }
    if size <= 0 {
        return raise(ExcKind::ValueError, "buffer size must be strictly positive");
    }
    let mut st = b.state.borrow_mut();
    st.raw = raw;
    st.detached = false;
    st.size = size as usize;
    st.rbuf.clear();
    st.rpos = 0;
    st.wbuf.clear();
    Ok(Value::None)
}

fn check(vm: &mut Vm, raw: &Value, what: &str) -> PyResult<()> {
    let ok = call_method(vm, raw, what, &[])?;
    if !crate::protocol::truthy(vm, &ok)? {
        let msg = match what {
            "seekable" => "File or stream is not seekable.",
            "readable" => "File or stream is not readable.",
            _ => "File or stream is not writable.",
        };
        return Err(unsupported(vm, msg));
    }
    Ok(())
}

fn check_open(vm: &mut Vm, raw: &Value, msg: &str) -> PyResult<()> {
    if super::is_closed(vm, raw)? {
        return raise(ExcKind::ValueError, msg);
    }
    Ok(())
}

/// One `raw.read(n)`: None when it would block.
fn raw_read(vm: &mut Vm, raw: &Value, n: usize) -> PyResult<Option<Vec<u8>>> {
    let data = call_method(vm, raw, "read", &[Value::Int(n as i64)])?;
    if matches!(data, Value::None) {
        return Ok(None);
    }
    match crate::types::bytes::bytes_of(&data) {
        Some(d) if d.len() <= n => Ok(Some(d)),
        Some(d) => raise(
            ExcKind::OSError,
            format!(
                "raw read() returned invalid length {} (should have been between 0 and {n})",
                d.len()
            ),
        ),
        None => raise(
            ExcKind::TypeError,
            format!("read() should return bytes, not '{}'", type_name(&data)),
        ),
    }
}

/// Passes the pending writes to the raw stream; for a reader, only
/// checks it is usable.
fn flush(vm: &mut Vm, _r: &Value, b: &Buffered) -> PyResult<()> {
    let raw = raw_of(b)?;
    if !b.kind.writes() {
        return Ok(());
    }
    let pending = std::mem::take(&mut b.state.borrow_mut().wbuf);
    if pending.is_empty() {
        return Ok(());
    }
    check_open(vm, &raw, "flush of closed file")?;
    let mut done = 0;
    while done < pending.len() {
        let chunk = crate::types::bytes::make(pending[done..].to_vec(), false);
        let n = call_method(vm, &raw, "write", &[chunk]);
        let n = match n {
            Ok(Value::None) => {
                b.state
                    .borrow_mut()
                    .wbuf
                    .splice(0..0, pending[done..].iter().copied());
                return Err(PyErr::with_args(
                    ExcKind::BlockingIOError,
                    vec![
                        Value::Int(libc::EAGAIN as i64),
                        new_str("write could not complete without blocking"),
                        Value::Int(0),
                    ],
                ));
            }
            Ok(n) => int_arg(&n)?,
            Err(e) => {
                b.state
                    .borrow_mut()
                    .wbuf
                    .splice(0..0, pending[done..].iter().copied());
                return Err(e);
            }
        };
        if n < 0 || n as usize > pending.len() - done {
            return raise(
                ExcKind::OSError,
                format!(
                    "raw write() returned invalid length {n} (should have been between 0 and {})",
                    pending.len() - done
                ),
            );
        }
        done += n as usize;
    }
    Ok(())
}

/// Drops the read-ahead, moving the raw stream back over what was not
/// consumed (before a write or a seek of a random-access object).
fn rewind(vm: &mut Vm, b: &Buffered) -> PyResult<()> {
    let unread = {
        let mut st = b.state.borrow_mut();
        let unread = st.rbuf.len() - st.rpos;
        st.rbuf.clear();
        st.rpos = 0;
        unread
    };
    if unread > 0 {
        let raw = raw_of(b)?;
        call_method(
            vm,
            &raw,
            "seek",
            &[Value::Int(-(unread as i64)), Value::Int(1)],
        )?;
    }
    Ok(())
}

/// Takes up to `n` bytes from the read-ahead.
fn take_buffered(b: &Buffered, n: usize) -> Vec<u8> {
    let mut st = b.state.borrow_mut();
    let end = st.rpos.saturating_add(n).min(st.rbuf.len());
    let out = st.rbuf[st.rpos..end].to_vec();
    st.rpos = end;
    if st.rpos == st.rbuf.len() {
        st.rbuf.clear();
        st.rpos = 0;
    }
    out
}

fn buffered_len(b: &Buffered) -> usize {
    let st = b.state.borrow();
    st.rbuf.len() - st.rpos
}

/// Before reading: the raw stream, checked open and readable, with the
/// pending writes flushed.
fn before_read(vm: &mut Vm, r: &Value, b: &Buffered, what: &str) -> PyResult<Value> {
    let raw = raw_of(b)?;
    if !b.kind.reads() {
        return Err(unsupported(vm, what));
    }
    check_open(vm, &raw, &format!("{what} of closed file"))?;
    if b.kind == Kind::Random && !b.state.borrow().wbuf.is_empty() {
        flush(vm, r, b)?;
    }
    Ok(raw)
}

/// `read(size=-1)`.
fn read(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, rest) = this(s, a)?;
    let size = match rest.first() {
        Some(Value::Int(n)) if *n < -1 => {
            return raise(
                ExcKind::ValueError,
                "read length must be non-negative or -1",
            )
        }
        v => size_arg(v)?,
    };
    let raw = before_read(vm, r, b, "read")?;
    let mut out = take_buffered(b, size.unwrap_or(usize::MAX));
    let Some(size) = size else {
        // To the end: the raw stream's readall when it has one.
        if let Ok(readall) = crate::protocol::getattr(vm, &raw, "readall") {
            let rest = crate::protocol::call(vm, &readall, &[], &[])?;
            if matches!(rest, Value::None) {
                return Ok(if out.is_empty() {
                    Value::None
                } else {
                    bytes(out)
                });
            }
            out.extend(super::bytes_arg(&rest)?);
            return Ok(bytes(out));
        }
        loop {
            let chunk = raw_read(vm, &raw, b.state.borrow().size)?;
            match chunk {
                None if out.is_empty() => return Ok(Value::None),
                None => break,
                Some(c) if c.is_empty() => break,
                Some(c) => out.extend(c),
            }
        }
        return Ok(bytes(out));
    };
    while out.len() < size {
        let want = size - out.len();
        let bufsize = b.state.borrow().size;
        let chunk = raw_read(vm, &raw, want.max(bufsize))?;
        match chunk {
            None if out.is_empty() => return Ok(Value::None),
            None => break,
            Some(c) if c.is_empty() => break,
            Some(c) if c.len() <= want => out.extend(c),
            Some(c) => {
                out.extend_from_slice(&c[..want]);
                let mut st = b.state.borrow_mut();
                st.rbuf = c[want..].to_vec();
                st.rpos = 0;
            }
        }
    }
    Ok(bytes(out))
}

fn bytes(data: Vec<u8>) -> Value {
    crate::types::bytes::make(data, false)
}

/// Reads one buffer-full into the read-ahead: false at end of file (or
/// when it would block).
fn fill(vm: &mut Vm, raw: &Value, b: &Buffered) -> PyResult<bool> {
    let size = b.state.borrow().size;
    match raw_read(vm, raw, size)? {
        Some(c) if !c.is_empty() => {
            let mut st = b.state.borrow_mut();
            if st.rpos > 0 {
                let rpos = st.rpos;
                st.rbuf.drain(..rpos);
                st.rpos = 0;
            }
            st.rbuf.extend(c);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// `read1(size=-1)`: what is buffered, else at most one raw read.
fn read1(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, rest) = this(s, a)?;
    let raw = before_read(vm, r, b, "read")?;
    let size = size_arg(rest.first())?.unwrap_or(b.state.borrow().size);
    if size == 0 {
        return Ok(bytes(Vec::new()));
    }
    if buffered_len(b) == 0 {
        if size >= b.state.borrow().size {
            return Ok(bytes(raw_read(vm, &raw, size)?.unwrap_or_default()));
        }
        fill(vm, &raw, b)?;
    }
    Ok(bytes(take_buffered(b, size)))
}

/// `readinto(b)` / `readinto1(b)`.
fn readinto(vm: &mut Vm, s: Option<&Value>, a: &[Value], one: bool) -> PyResult<Value> {
    let (r, _, rest) = this(s, a)?;
    let Some(target) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "readinto() takes exactly one argument (0 given)",
        );
    };
    let len = Value::Int(super::buffer_len(target)? as i64);
    let data = if one {
        read1(vm, Some(r), &[len], &[])?
    } else {
        read(vm, Some(r), &[len], &[])?
    };
    if matches!(data, Value::None) {
        return Ok(Value::None);
    }
    let data = super::bytes_arg(&data)?;
    Ok(Value::Int(super::fill_buffer(target, &data)? as i64))
}

/// `peek(size=0)`: the read-ahead (filled if empty), not consumed.
fn peek(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, _) = this(s, a)?;
    let raw = before_read(vm, r, b, "peek")?;
    if buffered_len(b) == 0 {
        fill(vm, &raw, b)?;
    }
    let st = b.state.borrow();
    Ok(bytes(st.rbuf[st.rpos..].to_vec()))
}

/// `readline(size=-1)`.
fn readline(vm: &mut Vm, r: &Value, b: &Buffered, limit: Option<usize>) -> PyResult<Value> {
    let raw = before_read(vm, r, b, "readline")?;
    let mut out = Vec::new();
    loop {
        let (found, avail) = {
            let st = b.state.borrow();
            let avail = &st.rbuf[st.rpos..];
            (avail.iter().position(|&c| c == b'\n'), avail.len())
        };
        let room = limit.map_or(usize::MAX, |l| l - out.len());
        if let Some(i) = found {
            out.extend(take_buffered(b, (i + 1).min(room)));
            break;
        }
        out.extend(take_buffered(b, avail.min(room)));
        if limit.is_some_and(|l| out.len() >= l) || !fill(vm, &raw, b)? {
            break;
        }
    }
    Ok(bytes(out))
}

/// `write(b)`: buffers the bytes, flushing when the buffer is full.
fn write(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, rest) = this(s, a)?;
    let raw = raw_of(b)?;
    if !b.kind.writes() {
        return Err(unsupported(vm, "write"));
    }
    let Some(data) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "write() takes exactly one argument (0 given)",
        );
    };
    let data = super::bytes_arg(data)?;
    if super::is_closed(vm, &raw)? {
        return raise(ExcKind::ValueError, "write to closed file");
    }
    if b.kind == Kind::Random && buffered_len(b) > 0 {
        rewind(vm, b)?;
    }
    let full = {
        let mut st = b.state.borrow_mut();
        st.wbuf.extend_from_slice(&data);
        st.wbuf.len() >= st.size
    };
    if full {
        flush(vm, r, b)?;
    }
    Ok(Value::Int(data.len() as i64))
}

/// The logical position: the raw one less what is read ahead, plus what
/// is waiting to be written.
fn tell(vm: &mut Vm, b: &Buffered) -> PyResult<i64> {
    let raw = raw_of(b)?;
    let pos = call_method(vm, &raw, "tell", &[])?;
    let pos = int_arg(&pos)?;
    if pos < 0 {
        return raise(
            ExcKind::OSError,
            format!("Raw stream returned invalid position {pos}"),
        );
    }
    let st = b.state.borrow();
    Ok((pos - (st.rbuf.len() - st.rpos) as i64 + st.wbuf.len() as i64).max(0))
}

/// `seek(pos, whence=0)`.
fn seek(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, rest) = this(s, a)?;
    let raw = raw_of(b)?;
    let Some(pos) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "seek expected at least 1 argument, got 0",
        );
    };
    let mut pos = int_arg(pos)?;
    let whence = match rest.get(1) {
        Some(w) => int_arg(w)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return raise(
            ExcKind::ValueError,
            format!("whence value {whence} unsupported"),
        );
    }
    check_open(vm, &raw, "seek of closed file")?;
    check(vm, &raw, "seekable")?;
    flush(vm, r, b)?;
    if whence == 1 {
        pos -= buffered_len(b) as i64;
    }
    {
        let mut st = b.state.borrow_mut();
        st.rbuf.clear();
        st.rpos = 0;
    }
    call_method(vm, &raw, "seek", &[Value::Int(pos), Value::Int(whence)])
}

/// `truncate(pos=None)`.
fn truncate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, rest) = this(s, a)?;
    let raw = raw_of(b)?;
    check_open(vm, &raw, "truncate of closed file")?;
    if !b.kind.writes() {
        return Err(unsupported(vm, "truncate"));
    }
    flush(vm, r, b)?;
    let pos = match rest.first() {
        None | Some(Value::None) => Value::Int(tell(vm, b)?),
        Some(v) => v.clone(),
    };
    rewind(vm, b)?;
    call_method(vm, &raw, "truncate", &[pos])
}

/// `close()`: flushes (for writers), then closes the raw stream.
fn close(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, _) = this(s, a)?;
    let raw = raw_of(b)?;
    if super::is_closed(vm, &raw)? {
        return Ok(Value::None);
    }
    let flushed = flush(vm, r, b);
    if flushed.is_err() {
        b.state.borrow_mut().wbuf.clear();
    }
    let closed = call_method(vm, &raw, "close", &[]);
    flushed?;
    closed.map(|_| Value::None)
}

/// `<_io.BufferedReader name='f'>`.
fn repr(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _, _) = this(s, a)?;
    let cls = super::repr_class_name(r);
    super::repr_once(r, || match crate::protocol::getattr(vm, r, "name") {
        Ok(name) => {
            let name = crate::protocol::repr::repr(vm, &name)?;
            Ok(new_str(format!("<{cls} name={name}>")))
        }
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::ValueError) => Err(e),
        Err(_) => Ok(new_str(format!("<{cls}>"))),
    })
}

/// The state of a BufferedRWPair.
struct RwPair {
    reader: Value,
    writer: Value,
}

impl NativeData for RwPair {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.reader, visit);
        crate::object::gc::visit_value(&self.writer, visit);
    }
}

/// `_io.BufferedRWPair(reader, writer, buffer_size=DEFAULT_BUFFER_SIZE)`.
pub fn rw_pair_class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.BufferedRWPair", || {
        fn pair<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a RwPair, &'a [Value])> {
            let (_, p, rest) = super::this::<RwPair>(s, a, "_io.BufferedRWPair")?;
            Ok((p, rest))
        }
        fn on_reader(vm: &mut Vm, s: Option<&Value>, a: &[Value], name: &str) -> PyResult<Value> {
            let (p, rest) = pair(s, a)?;
            call_method(vm, &p.reader, name, rest)
        }
        fn on_writer(vm: &mut Vm, s: Option<&Value>, a: &[Value], name: &str) -> PyResult<Value> {
            let (p, rest) = pair(s, a)?;
            call_method(vm, &p.writer, name, rest)
        }
        let attrs = vec![
            constructor(|vm, _, a, kw| {
                let Some((cls, rest)) = a.split_first() else {
                    return raise(ExcKind::TypeError, "__new__(): not enough arguments");
                };
                let args = bind_args(
                    "BufferedRWPair",
                    &["reader", "writer", "buffer_size"],
                    rest,
                    kw,
                )?;
                let (Some(reader), Some(writer)) = (args[0].clone(), args[1].clone()) else {
                    return raise(
                        ExcKind::TypeError,
                        "BufferedRWPair() missing required arguments",
                    );
                };
                let size = args[2]
                    .clone()
                    .unwrap_or(Value::Int(super::DEFAULT_BUFFER_SIZE as i64));
                let reader =
                    crate::protocol::call(vm, &reader_class(), &[reader, size.clone()], &[])?;
                let writer = crate::protocol::call(vm, &writer_class(), &[writer, size], &[])?;
                Ok(crate::object::native::new_instance(
                    cls,
                    rw_pair_class(),
                    RwPair { reader, writer },
                ))
            }),
            m("__init__", |_, _, _, _| Ok(Value::None)),
            m("read", |vm, s, a, _| on_reader(vm, s, a, "read")),
            m("peek", |vm, s, a, _| on_reader(vm, s, a, "peek")),
            m("read1", |vm, s, a, _| on_reader(vm, s, a, "read1")),
            m("readinto", |vm, s, a, _| on_reader(vm, s, a, "readinto")),
            m("readinto1", |vm, s, a, _| on_reader(vm, s, a, "readinto1")),
            m("readline", |vm, s, a, _| on_reader(vm, s, a, "readline")),
            m("readable", |vm, s, a, _| on_reader(vm, s, a, "readable")),
            m("write", |vm, s, a, _| on_writer(vm, s, a, "write")),
            m("flush", |vm, s, a, _| on_writer(vm, s, a, "flush")),
            m("writable", |vm, s, a, _| on_writer(vm, s, a, "writable")),
            m("isatty", |vm, s, a, _| {
                let (p, _) = pair(s, a)?;
                let w = call_method(vm, &p.writer, "isatty", &[])?;
                if crate::protocol::truthy(vm, &w)? {
                    return Ok(w);
                }
                call_method(vm, &p.reader, "isatty", &[])
            }),
            m("close", |vm, s, a, _| {
                let (p, _) = pair(s, a)?;
                let w = call_method(vm, &p.writer, "close", &[]);
                let r = call_method(vm, &p.reader, "close", &[]);
                w?;
                r
            }),
            prop("closed", |vm, s, a, _| {
                let (p, _) = pair(s, a)?;
                crate::protocol::getattr(vm, &p.writer, "closed")
            }),
        ];
        crate::object::native::subclass(
            "_io",
            "BufferedRWPair",
            super::iobase::buffered_class(),
            attrs,
        )
    })
}
