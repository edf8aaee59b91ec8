//! `_io.TextIOWrapper`: text over a binary buffer. Decodes a chunk at a
//! time (UTF-8, Latin-1 and ASCII natively, any other codec through
//! `codecs`' incremental decoders), handles `newline=` on reading
//! (`newline::Newlines`) and writing, collects small writes into one
//! buffer write, and makes `tell()` cookies that `seek()` accepts: the
//! byte position of the next character, found by walking the raw bytes
//! of the chunk being read (native codecs; a codec with state only
//! reports positions between chunks).

use super::newline::{line_end_for, line_end_in, newline_arg, LineEnd, Newlines};
use super::{call_method, int_arg, size_arg, unsupported, Kw};
use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, new_str, type_name, PyStr};
use crate::object::native::{constructor, method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

/// How text is decoded and encoded.
enum Codec {
    /// A codec Taipan implements: its name for error messages and the
    /// first code point it cannot encode (None: all, as UTF-8).
    Native {
        name: &'static str,
        limit: Option<u32>,
    },
    /// `codecs`' incremental decoder and encoder (None when the buffer
    /// is not readable / writable).
    Python { decoder: Value, encoder: Value },
}

/// The state of a TextIOWrapper.
pub struct TextIo {
    state: RefCell<State>,
}

struct State {
    /// The binary buffer (None before `__init__` and after `detach`).
    buffer: Value,
    detached: bool,
    encoding: String,
    errors: String,
    codec: Codec,
    /// Where lines end on reading.
    line_end: LineEnd,
    /// Newline translation/recording on reading (newline None or "").
    newlines: Option<Newlines>,
    /// What `\n` becomes on writing (None: stays `\n`).
    writenl: Option<String>,
    line_buffering: bool,
    write_through: bool,
    readable: bool,
    seekable: bool,
    /// False while iterating (`tell()` is disabled, as in CPython).
    telling: bool,
    has_read1: bool,
    chunk_size: usize,
    /// Decoded text not yet returned, and how much of it was.
    decoded: String,
    dpos: usize,
    /// Undecoded bytes at the end of the last chunk (native codecs).
    pending_raw: Vec<u8>,
    /// The stand-in block of the surrogates decoded so far (0: none;
    /// `object::surrogates`), for the strs read.
    surrogates: u8,
    /// The raw bytes `decoded` was decoded from (with what was carried
    /// over from the chunk before), for `tell()`.
    snapshot: Option<Vec<u8>>,
    /// Encoded text not yet written to the buffer.
    pending_out: Vec<u8>,
}

impl NativeData for TextIo {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(st) = self.state.try_borrow() {
            crate::object::gc::visit_value(&st.buffer, visit);
            if let Codec::Python { decoder, encoder } = &st.codec {
                crate::object::gc::visit_value(decoder, visit);
                crate::object::gc::visit_value(encoder, visit);
            }
        }
    }
}

impl Drop for TextIo {
    fn drop(&mut self) {
        let st = self.state.get_mut();
        if !st.pending_out.is_empty() {
            super::buffered::push_pending(&st.buffer, std::mem::take(&mut st.pending_out));
        }
    }
}

fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a TextIo, &'a [Value])> {
    super::this::<TextIo>(s, a, "_io.TextIOWrapper")
}

/// The buffer, or ValueError once detached / before `__init__`.
fn buffer_of(t: &TextIo) -> PyResult<Value> {
    let st = t.state.borrow();
    if st.detached {
        return raise(ExcKind::ValueError, "underlying buffer has been detached");
    }
    if matches!(st.buffer, Value::None) {
        return raise(ExcKind::ValueError, "I/O operation on uninitialized object");
    }
    Ok(st.buffer.clone())
}

/// `_io.TextIOWrapper`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.TextIOWrapper", || {
        let attrs = vec![
            constructor(|_, _, a, _| {
                let Some(cls) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "TextIOWrapper.__new__(): not enough arguments",
                    );
                };
                let state = TextIo {
                    state: RefCell::new(State {
                        buffer: Value::None,
                        detached: false,
                        encoding: String::new(),
                        errors: String::new(),
                        codec: Codec::Native {
                            name: "utf-8",
                            limit: None,
                        },
                        line_end: LineEnd::Lf,
                        newlines: None,
                        writenl: None,
                        line_buffering: false,
                        write_through: false,
                        readable: false,
                        seekable: false,
                        telling: false,
                        has_read1: false,
                        chunk_size: super::DEFAULT_BUFFER_SIZE,
                        decoded: String::new(),
                        dpos: 0,
                        pending_raw: Vec::new(),
                        surrogates: 0,
                        snapshot: None,
                        pending_out: Vec::new(),
                    }),
                };
                Ok(crate::object::native::new_instance(cls, class(), state))
            }),
            m("__init__", init),
            m("read", read),
            m("readline", |vm, s, a, _| {
                let (r, t, rest) = this(s, a)?;
                let limit = size_arg(rest.first())?;
                readline(vm, r, t, limit)
            }),
            m("write", write),
            m("flush", |vm, s, a, _| {
                let (r, t, _) = this(s, a)?;
                flush(vm, r, t)?;
                Ok(Value::None)
            }),
            m("close", close),
            m("tell", |vm, s, a, _| {
                let (r, t, _) = this(s, a)?;
                Ok(Value::Int(tell(vm, r, t)?))
            }),
            m("seek", seek),
            m("truncate", |vm, s, a, _| {
                let (r, t, rest) = this(s, a)?;
                flush(vm, r, t)?;
                let pos = match rest.first() {
                    None | Some(Value::None) => Value::Int(tell(vm, r, t)?),
                    Some(v) => v.clone(),
                };
                let buffer = buffer_of(t)?;
                call_method(vm, &buffer, "truncate", &[pos])
            }),
            m("detach", |vm, s, a, _| {
                let (r, t, _) = this(s, a)?;
                buffer_of(t)?;
                flush(vm, r, t)?;
                let mut st = t.state.borrow_mut();
                st.detached = true;
                Ok(std::mem::replace(&mut st.buffer, Value::None))
            }),
            m("reconfigure", reconfigure),
            m("fileno", |vm, s, a, _| on_buffer(vm, s, a, "fileno")),
            m("isatty", |vm, s, a, _| on_buffer(vm, s, a, "isatty")),
            m("readable", |vm, s, a, _| on_buffer(vm, s, a, "readable")),
            m("writable", |vm, s, a, _| on_buffer(vm, s, a, "writable")),
            m("seekable", |vm, s, a, _| {
                let (r, t, _) = this(s, a)?;
                check_open(vm, r, t)?;
                Ok(Value::Bool(t.state.borrow().seekable))
            }),
            m("__next__", |vm, s, a, _| {
                let (r, t, _) = this(s, a)?;
                t.state.borrow_mut().telling = false;
                let line = readline(vm, r, t, None)?;
                if as_str(&line).is_some_and(str::is_empty) {
                    let mut st = t.state.borrow_mut();
                    st.snapshot = None;
                    st.telling = st.seekable;
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
            prop("buffer", |_, s, a, _| buffer_of(this(s, a)?.1)),
            prop("closed", |vm, s, a, _| {
                let buffer = buffer_of(this(s, a)?.1)?;
                crate::protocol::getattr(vm, &buffer, "closed")
            }),
            prop("name", |vm, s, a, _| {
                let buffer = buffer_of(this(s, a)?.1)?;
                crate::protocol::getattr(vm, &buffer, "name")
            }),
            prop("encoding", |_, s, a, _| {
                Ok(new_str(this(s, a)?.1.state.borrow().encoding.as_str()))
            }),
            prop("errors", |_, s, a, _| {
                Ok(new_str(this(s, a)?.1.state.borrow().errors.as_str()))
            }),
            prop("line_buffering", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.1.state.borrow().line_buffering))
            }),
            prop("write_through", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.1.state.borrow().write_through))
            }),
            prop("newlines", |_, s, a, _| {
                let (_, t, _) = this(s, a)?;
                Ok(t.state
                    .borrow()
                    .newlines
                    .as_ref()
                    .map_or(Value::None, Newlines::seen_value))
            }),
            prop("_CHUNK_SIZE", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.1.state.borrow().chunk_size as i64))
            }),
        ];
        crate::object::native::subclass("_io", "TextIOWrapper", super::iobase::text_class(), attrs)
    })
}

fn on_buffer(vm: &mut Vm, s: Option<&Value>, a: &[Value], name: &str) -> PyResult<Value> {
    let (_, t, _) = this(s, a)?;
    let buffer = buffer_of(t)?;
    call_method(vm, &buffer, name, &[])
}

/// The codec Taipan implements for an encoding name, if any.
fn native_codec(encoding: &str) -> Option<Codec> {
    let norm = encoding.to_ascii_lowercase().replace('_', "-");
    let (name, limit) = match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "cp65001" => ("utf-8", None),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "8859" | "cp819" => {
            ("latin-1", Some(256))
        }
        "ascii" | "us-ascii" | "646" => ("ascii", Some(128)),
        _ => return None,
    };
    Some(Codec::Native { name, limit })
}

fn str_param(v: &Option<Value>, what: &str) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match as_str(v) {
            Some(s) => Ok(Some(s.to_string())),
            None => raise(
                ExcKind::TypeError,
                format!(
                    "TextIOWrapper() argument '{what}' must be str or None, not {}",
                    type_name(v)
                ),
            ),
        },
    }
}

/// `TextIOWrapper(buffer, encoding=None, errors=None, newline=None,
/// line_buffering=False, write_through=False)`.
fn init(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, t, rest) = this(s, a)?;
    let names = [
        "buffer",
        "encoding",
        "errors",
        "newline",
        "line_buffering",
        "write_through",
    ];
    let args = bind_args("TextIOWrapper", &names, rest, kw)?;
    let Some(buffer) = args[0].clone() else {
        return raise(
            ExcKind::TypeError,
            "TextIOWrapper() missing required argument 'buffer' (pos 1)",
        );
    };
    let encoding = match str_param(&args[1], "encoding")?.as_deref() {
        None | Some("locale") => "UTF-8".to_string(),
        Some(e) => e.to_string(),
    };
    if encoding.contains('\0') {
        return raise(ExcKind::ValueError, "embedded null character");
    }
    let errors = str_param(&args[2], "errors")?.unwrap_or_else(|| "strict".to_string());
    let newline = newline_arg(args[3].as_ref())?;
    let flag = |vm: &mut Vm, v: &Option<Value>| -> PyResult<bool> {
        match v {
            None => Ok(false),
            Some(v) => crate::protocol::truthy(vm, v),
        }
    };
    let line_buffering = flag(vm, &args[4])?;
    let write_through = flag(vm, &args[5])?;
    let readable = {
        let r = call_method(vm, &buffer, "readable", &[])?;
        crate::protocol::truthy(vm, &r)?
    };
    let writable = {
        let r = call_method(vm, &buffer, "writable", &[])?;
        crate::protocol::truthy(vm, &r)?
    };
    let seekable = {
        let r = call_method(vm, &buffer, "seekable", &[])?;
        crate::protocol::truthy(vm, &r)?
    };
    let codec = match native_codec(&encoding) {
        Some(c) => c,
        None => {
            let codecs = crate::protocol::import(vm, "codecs")?;
            let info = call_method(vm, &codecs, "lookup", &[new_str(encoding.as_str())])?;
            let is_text = crate::protocol::getattr(vm, &info, "_is_text_encoding")
                .and_then(|v| crate::protocol::truthy(vm, &v))
                .unwrap_or(true);
            if !is_text {
                return raise(
                    ExcKind::LookupError,
                    format!("'{encoding}' is not a text encoding; use codecs.open() to handle arbitrary codecs"),
                );
            }
            let make = |vm: &mut Vm, which: &str| -> PyResult<Value> {
                let factory = call_method(vm, &codecs, which, &[new_str(encoding.as_str())])?;
                crate::protocol::call(vm, &factory, &[new_str(errors.as_str())], &[])
            };
            let decoder = if readable {
                make(vm, "getincrementaldecoder")?
            } else {
                Value::None
            };
            let encoder = if writable {
                make(vm, "getincrementalencoder")?
            } else {
                Value::None
            };
            Codec::Python { decoder, encoder }
        }
    };
    let has_read1 = crate::protocol::getattr(vm, &buffer, "read1").is_ok();
    let mut st = t.state.borrow_mut();
    st.buffer = buffer;
    st.detached = false;
    st.encoding = encoding;
    st.errors = errors;
    st.codec = codec;
    set_newline(&mut st, newline.as_deref());
    st.line_buffering = line_buffering;
    st.write_through = write_through;
    st.readable = readable;
    st.seekable = seekable;
    st.telling = seekable;
    st.has_read1 = has_read1;
    st.decoded.clear();
    st.dpos = 0;
    st.pending_raw.clear();
    st.snapshot = None;
    st.pending_out.clear();
    Ok(Value::None)
}

fn set_newline(st: &mut State, newline: Option<&str>) {
    st.line_end = line_end_for(newline);
    st.newlines = match newline {
        None => Some(Newlines::new(true)),
        Some("") => Some(Newlines::new(false)),
        _ => None,
    };
    st.writenl = match newline {
        None | Some("") | Some("\n") => None,
        Some(nl) => Some(nl.to_string()),
    };
}

/// `reconfigure(*, encoding=None, errors=None, newline=…,
/// line_buffering=None, write_through=None)`.
fn reconfigure(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, t, rest) = this(s, a)?;
    if !rest.is_empty() {
        return raise(
            ExcKind::TypeError,
            "reconfigure() takes no positional arguments",
        );
    }
    let names = [
        "encoding",
        "errors",
        "newline",
        "line_buffering",
        "write_through",
    ];
    let args = bind_args("reconfigure", &names, &[], kw)?;
    flush(vm, r, t)?;
    let encoding = str_param(&args[0], "encoding")?;
    let errors = str_param(&args[1], "errors")?;
    let newline = match &args[2] {
        None => None,
        Some(v) => Some(newline_arg(Some(v))?),
    };
    let mut flags = [None, None];
    for (slot, v) in flags.iter_mut().zip(&args[3..]) {
        if let Some(v) = v.as_ref().filter(|v| !matches!(v, Value::None)) {
            *slot = Some(crate::protocol::truthy(vm, v)?);
        }
    }
    let mut st = t.state.borrow_mut();
    if let Some(enc) = encoding {
        if st.snapshot.is_some() || !st.decoded.is_empty() {
            return Err(unsupported_now(
                vm,
                st,
                "It is not possible to set the encoding or newline of stream after the first read",
            ));
        }
        let Some(codec) = native_codec(&enc) else {
            return raise(ExcKind::LookupError, format!("unknown encoding: {enc}"));
        };
        st.codec = codec;
        st.encoding = enc;
    }
    if let Some(e) = errors {
        st.errors = e;
    }
    if let Some(nl) = newline {
        set_newline(&mut st, nl.as_deref());
    }
    if let Some(lb) = flags[0] {
        st.line_buffering = lb;
    }
    if let Some(wt) = flags[1] {
        st.write_through = wt;
    }
    Ok(Value::None)
}

fn unsupported_now(vm: &mut Vm, st: std::cell::RefMut<'_, State>, msg: &str) -> Box<PyErr> {
    drop(st);
    unsupported(vm, msg)
}

/// ValueError if the buffer is closed.
fn check_open(vm: &mut Vm, _r: &Value, t: &TextIo) -> PyResult<Value> {
    let buffer = buffer_of(t)?;
    if super::is_closed(vm, &buffer)? {
        return Err(super::closed_error());
    }
    Ok(buffer)
}

/// Writes the collected output to the buffer.
fn write_pending(vm: &mut Vm, t: &TextIo) -> PyResult<()> {
    let pending = std::mem::take(&mut t.state.borrow_mut().pending_out);
    if pending.is_empty() {
        return Ok(());
    }
    let buffer = buffer_of(t)?;
    call_method(
        vm,
        &buffer,
        "write",
        &[crate::types::bytes::make(pending, false)],
    )?;
    Ok(())
}

/// `flush()`: the collected output, then the buffer's flush.
fn flush(vm: &mut Vm, r: &Value, t: &TextIo) -> PyResult<()> {
    let buffer = check_open(vm, r, t)?;
    {
        let mut st = t.state.borrow_mut();
        st.telling = st.seekable;
    }
    write_pending(vm, t)?;
    call_method(vm, &buffer, "flush", &[])?;
    Ok(())
}

/// `close()`: flush, then close the buffer (once).
fn close(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, t, _) = this(s, a)?;
    let buffer = buffer_of(t)?;
    if super::is_closed(vm, &buffer)? {
        return Ok(Value::None);
    }
    let flushed = call_method(vm, r, "flush", &[]);
    let closed = call_method(vm, &buffer, "close", &[]);
    flushed?;
    closed.map(|_| Value::None)
}

/// `write(s)`: the number of characters written.
fn write(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, t, rest) = this(s, a)?;
    let Some(v) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "write() takes exactly one argument (0 given)",
        );
    };
    let Some(pystr) = crate::object::heap::as_pystr(v) else {
        return raise(
            ExcKind::TypeError,
            format!("write() argument must be str, not {}", type_name(v)),
        );
    };
    let text = pystr.text.as_str();
    check_open(vm, r, t)?;
    let (out, needflush, through, encoder) = {
        let st = t.state.borrow();
        let out = match &st.writenl {
            Some(nl) if text.contains('\n') => text.replace('\n', nl),
            _ => text.to_string(),
        };
        let needflush = st.line_buffering && text.contains(['\n', '\r']);
        let encoder = match &st.codec {
            Codec::Native { .. } => None,
            Codec::Python { encoder, .. } => Some(encoder.clone()),
        };
        (out, needflush, st.write_through, encoder)
    };
    let encoded = match encoder {
        None => {
            let st = t.state.borrow();
            let Codec::Native { name, limit } = &st.codec else {
                return raise(ExcKind::SystemError, "codec changed while writing");
            };
            let out = PyStr::derived(out, pystr.selector());
            crate::types::text_codecs::encode_str(&out, name, *limit, &st.errors)?
        }
        Some(Value::None) => return Err(unsupported(vm, "not writable")),
        Some(encoder) => {
            let out = crate::object::heap::new_derived_str(out, pystr.selector());
            let b = call_method(vm, &encoder, "encode", &[out])?;
            super::bytes_arg(&b)?
        }
    };
    let full = {
        let st = t.state.borrow();
        st.pending_out.len() + encoded.len() >= st.chunk_size
    };
    {
        let mut st = t.state.borrow_mut();
        st.pending_out.extend_from_slice(&encoded);
        // Writing moves the position: what was read ahead is dropped.
        st.decoded.clear();
        st.dpos = 0;
        st.snapshot = None;
        st.pending_raw.clear();
        if let Some(nl) = &mut st.newlines {
            nl.pendingcr = false;
        }
    }
    if let Codec::Python { decoder, .. } = &t.state.borrow().codec {
        if !matches!(decoder, Value::None) {
            let decoder = decoder.clone();
            call_method(vm, &decoder, "reset", &[])?;
        }
    }
    if full || needflush || through {
        write_pending(vm, t)?;
    }
    if needflush {
        let buffer = buffer_of(t)?;
        call_method(vm, &buffer, "flush", &[])?;
    }
    Ok(Value::Int(text.chars().count() as i64))
}

/// Decodes `raw`, the next bytes of the stream (`final_` at its end).
/// A str read from the stream: marked when the decoder produced
/// surrogates (`errors="surrogateescape"`).
fn read_str(t: &TextIo, text: String) -> Value {
    crate::object::heap::new_derived_str(text, t.state.borrow().surrogates)
}

fn decode(vm: &mut Vm, t: &TextIo, raw: &[u8], final_: bool) -> PyResult<String> {
    let text = {
        let mut st = t.state.borrow_mut();
        match &st.codec {
            Codec::Native { name, .. } => {
                let name = *name;
                let mut input = std::mem::take(&mut st.pending_raw);
                input.extend_from_slice(raw);
                let errors = st.errors.clone();
                let (text, used) =
                    crate::types::text_codecs::decode_bytes(&input, name, &errors, final_)?;
                st.pending_raw = input[used..].to_vec();
                st.surrogates = st.surrogates.max(text.selector());
                text.text
            }
            Codec::Python { decoder, .. } => {
                let decoder = decoder.clone();
                drop(st);
                let out = call_method(
                    vm,
                    &decoder,
                    "decode",
                    &[
                        crate::types::bytes::make(raw.to_vec(), false),
                        Value::Bool(final_),
                    ],
                )?;
                let Some(text) = as_str(&out) else {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "decoder should return a string result, not '{}'",
                            type_name(&out)
                        ),
                    );
                };
                text.to_string()
            }
        }
    };
    let mut st = t.state.borrow_mut();
    Ok(match &mut st.newlines {
        Some(nl) => nl.decode(&text, final_),
        None => text,
    })
}

/// Before reading: the buffer, checked open and readable, with the
/// collected output written.
fn before_read(vm: &mut Vm, r: &Value, t: &TextIo) -> PyResult<Value> {
    let buffer = check_open(vm, r, t)?;
    if !t.state.borrow().readable {
        return Err(unsupported(vm, "not readable"));
    }
    write_pending(vm, t)?;
    Ok(buffer)
}

/// Reads and decodes the next chunk into `decoded` (whose text must
/// have been consumed): false at end of file.
fn read_chunk(vm: &mut Vm, t: &TextIo, buffer: &Value) -> PyResult<bool> {
    let (size, read1, carried) = {
        let st = t.state.borrow();
        let mut carried = Vec::new();
        if st.newlines.as_ref().is_some_and(|n| n.pendingcr) {
            carried.push(b'\r');
        }
        carried.extend_from_slice(&st.pending_raw);
        (st.chunk_size, st.has_read1, carried)
    };
    let data = call_method(
        vm,
        buffer,
        if read1 { "read1" } else { "read" },
        &[Value::Int(size as i64)],
    )?;
    let raw = match &data {
        Value::None => Vec::new(),
        d => match crate::types::bytes::bytes_of(d) {
            Some(b) => b,
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "underlying {}() should have returned a bytes-like object, not '{}'",
                        if read1 { "read1" } else { "read" },
                        type_name(d)
                    ),
                )
            }
        },
    };
    let eof = raw.is_empty();
    let text = decode(vm, t, &raw, eof)?;
    let mut st = t.state.borrow_mut();
    st.decoded = text;
    st.dpos = 0;
    if st.seekable && st.telling {
        let mut snap = carried;
        snap.extend_from_slice(&raw);
        st.snapshot = Some(snap);
    } else {
        st.snapshot = None;
    }
    Ok(!eof)
}

/// Takes the unread decoded text.
fn take_decoded(t: &TextIo) -> String {
    let mut st = t.state.borrow_mut();
    let out = st.decoded[st.dpos..].to_string();
    st.dpos = st.decoded.len();
    out
}

/// `read(size=-1)`.
fn read(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, t, rest) = this(s, a)?;
    let size = size_arg(rest.first())?;
    let buffer = before_read(vm, r, t)?;
    let Some(size) = size else {
        let mut out = take_decoded(t);
        let data = call_method(vm, &buffer, "read", &[])?;
        let raw = match &data {
            Value::None => Vec::new(),
            d => super::bytes_arg(d)?,
        };
        out.push_str(&decode(vm, t, &raw, true)?);
        let mut st = t.state.borrow_mut();
        st.decoded.clear();
        st.dpos = 0;
        st.snapshot = None;
        let sel = st.surrogates;
        return Ok(crate::object::heap::new_derived_str(out, sel));
    };
    let mut out = String::new();
    let mut count = 0;
    loop {
        {
            let mut st = t.state.borrow_mut();
            let start = st.dpos;
            let avail = &st.decoded[start..];
            let mut end = avail.len();
            for (n, (i, _)) in avail.char_indices().enumerate() {
                if count + n == size {
                    end = i;
                    break;
                }
            }
            let piece = &avail[..end];
            count += piece.chars().count();
            out.push_str(piece);
            st.dpos = start + end;
        }
        if count >= size || !read_chunk(vm, t, &buffer)? {
            if count < size {
                // The end of file: what the last chunk decoded to.
                let tail = take_decoded(t);
                out.push_str(&tail);
            }
            break;
        }
    }
    Ok(read_str(t, out))
}

/// `readline(size=-1)`.
fn readline(vm: &mut Vm, r: &Value, t: &TextIo, limit: Option<usize>) -> PyResult<Value> {
    let buffer = before_read(vm, r, t)?;
    let mut line = String::new();
    let mut chars = 0;
    loop {
        let done = {
            let mut st = t.state.borrow_mut();
            let start = st.dpos;
            let rest = &st.decoded[start..];
            // A "\r\n" line end split between two chunks.
            let split_crlf = matches!(&st.line_end, LineEnd::Exact(nl) if nl == "\r\n")
                && line.ends_with('\r')
                && rest.starts_with('\n');
            let found = if split_crlf {
                Some(1)
            } else {
                line_end_in(rest, &st.line_end)
            };
            let mut take = found.unwrap_or(rest.len());
            let mut stop = found.is_some();
            if let Some(l) = limit {
                let room = l - chars;
                if let Some((i, _)) = rest[..take].char_indices().nth(room) {
                    take = i;
                    stop = true;
                }
            }
            let piece = &rest[..take];
            chars += piece.chars().count();
            line.push_str(piece);
            st.dpos = start + take;
            stop || limit.is_some_and(|l| chars >= l)
        };
        if done || !read_chunk(vm, t, &buffer)? {
            if !done {
                let tail = take_decoded(t);
                line.push_str(&tail);
            }
            break;
        }
    }
    Ok(read_str(t, line))
}

/// The raw byte offset in `raw` (decoded from a clean state) after which
/// the decoded text is `out_len` bytes of UTF-8 long.
fn raw_offset(raw: &[u8], name: &str, translate: bool, out_len: usize) -> usize {
    let (mut i, mut out) = (0, 0);
    while out < out_len && i < raw.len() {
        let (c, n) = match name {
            "utf-8" => {
                let width = match raw[i] {
                    b if b < 0x80 => 1,
                    b if b >= 0xf0 => 4,
                    b if b >= 0xe0 => 3,
                    b if b >= 0xc0 => 2,
                    _ => 1,
                };
                let end = (i + width).min(raw.len());
                match std::str::from_utf8(&raw[i..end])
                    .ok()
                    .and_then(|s| s.chars().next())
                {
                    Some(c) => (c, end - i),
                    None => ('\u{fffd}', 1),
                }
            }
            _ => (raw[i] as char, 1),
        };
        if translate && c == '\r' {
            out += 1;
            i += if raw.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        out += c.len_utf8();
        i += n;
    }
    i
}

/// `tell()`: a cookie `seek()` takes back.
fn tell(vm: &mut Vm, r: &Value, t: &TextIo) -> PyResult<i64> {
    let buffer = check_open(vm, r, t)?;
    {
        let st = t.state.borrow();
        if !st.seekable {
            drop(st);
            return Err(unsupported(vm, "underlying stream is not seekable"));
        }
        if !st.telling {
            return raise(ExcKind::OSError, "telling position disabled by next() call");
        }
    }
    flush(vm, r, t)?;
    let pos = call_method(vm, &buffer, "tell", &[])?;
    let pos = int_arg(&pos)?;
    let st = t.state.borrow();
    let Some(snap) = &st.snapshot else {
        return Ok(pos);
    };
    let start = pos - snap.len() as i64;
    match &st.codec {
        Codec::Native { name, .. } => {
            let translate = st.newlines.as_ref().is_some_and(|n| n.translate);
            Ok(start + raw_offset(snap, name, translate, st.dpos) as i64)
        }
        Codec::Python { decoder, .. } => {
            if st.dpos < st.decoded.len() || st.newlines.as_ref().is_some_and(|n| n.pendingcr) {
                return raise(ExcKind::OSError, "can't reconstruct logical file position");
            }
            let decoder = decoder.clone();
            drop(st);
            let state = call_method(vm, &decoder, "getstate", &[])?;
            let parts = crate::protocol::to_vec(vm, &state)?;
            let held = parts
                .first()
                .and_then(crate::types::bytes::bytes_of)
                .map_or(0, |b| b.len());
            match parts.get(1) {
                Some(Value::Int(0)) => Ok(pos - held as i64),
                _ => raise(ExcKind::OSError, "can't reconstruct logical file position"),
            }
        }
    }
}

/// Forgets what was read ahead and resets the decoder.
fn reset_reading(vm: &mut Vm, t: &TextIo) -> PyResult<()> {
    let decoder = {
        let mut st = t.state.borrow_mut();
        st.decoded.clear();
        st.dpos = 0;
        st.snapshot = None;
        st.pending_raw.clear();
        if let Some(nl) = &mut st.newlines {
            nl.pendingcr = false;
        }
        match &st.codec {
            Codec::Python { decoder, .. } if !matches!(decoder, Value::None) => {
                Some(decoder.clone())
            }
            _ => None,
        }
    };
    if let Some(d) = decoder {
        call_method(vm, &d, "reset", &[])?;
    }
    Ok(())
}

/// `seek(cookie, whence=0)`.
fn seek(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, t, rest) = this(s, a)?;
    let buffer = check_open(vm, r, t)?;
    let Some(cookie) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "seek expected at least 1 argument, got 0",
        );
    };
    let cookie = int_arg(cookie)?;
    let whence = match rest.get(1) {
        Some(w) => int_arg(w)?,
        None => 0,
    };
    if !t.state.borrow().seekable {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    let target = match whence {
        1 if cookie != 0 => return Err(unsupported(vm, "can't do nonzero cur-relative seeks")),
        1 => tell(vm, r, t)?,
        2 if cookie != 0 => return Err(unsupported(vm, "can't do nonzero end-relative seeks")),
        2 => {
            flush(vm, r, t)?;
            reset_reading(vm, t)?;
            return call_method(vm, &buffer, "seek", &[Value::Int(0), Value::Int(2)]);
        }
        0 if cookie < 0 => {
            return raise(
                ExcKind::ValueError,
                format!("negative seek position {cookie}"),
            )
        }
        0 => cookie,
        _ => {
            return raise(
                ExcKind::ValueError,
                format!("invalid whence ({whence}, should be 0, 1 or 2)"),
            )
        }
    };
    flush(vm, r, t)?;
    call_method(vm, &buffer, "seek", &[Value::Int(target)])?;
    reset_reading(vm, t)?;
    Ok(Value::Int(target))
}

/// `<_io.TextIOWrapper name='f' mode='r' encoding='UTF-8'>`.
fn repr(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, t, _) = this(s, a)?;
    super::repr_once(r, || {
        let mut out = format!("<{}", super::repr_class_name(r));
        for attr in ["name", "mode"] {
            match crate::protocol::getattr(vm, r, attr) {
                Ok(v) => {
                    let text = crate::protocol::repr::repr(vm, &v)?;
                    out.push_str(&format!(" {attr}={text}"));
                }
                Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::ValueError) => {}
                Err(_) => {}
            }
        }
        let encoding = t.state.borrow().encoding.clone();
        out.push_str(&format!(" encoding='{encoding}'>"));
        Ok(new_str(out))
    })
}
