//! `zlib` on `flate2` (miniz_oxide): `compress`/`decompress`, the
//! streaming `compressobj`/`decompressobj` (with `max_length`,
//! `unconsumed_tail`, `unused_data`, `eof`), `crc32`, `adler32` and the
//! constants. `wbits` picks the container as in CPython: 9–15 zlib,
//! -9…-15 raw deflate, 25–31 gzip (header and trailer written and
//! checked here), 40–47 zlib or gzip by the header. The backend always
//! uses a 32 KiB window and has no preset dictionaries: `zdict` raises.

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_str, type_name};
use crate::object::native::{method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

const Z_FINISH: i64 = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Zlib,
    Raw,
    Gzip,
    /// Decompressing: zlib or gzip, by the first bytes.
    Auto,
}

fn format_of(vm: &mut Vm, wbits: i64, decompressing: bool) -> PyResult<Format> {
    Ok(match wbits {
        0 if decompressing => Format::Zlib,
        9..=15 => Format::Zlib,
        -15..=-9 => Format::Raw,
        25..=31 => Format::Gzip,
        40..=47 if decompressing => Format::Auto,
        _ => return zerror(vm, "Invalid initialization option"),
    })
}

fn error_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "zlib.error",
        "zlib",
        "error",
        ExcKind::Exception,
    )
}

fn zerror<T>(vm: &mut Vm, msg: &str) -> PyResult<T> {
    crate::object::exceptions::raise_class(vm, &error_class(), msg)
}

fn int_param(v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => match crate::protocol::ops::int_of(v) {
            Some(crate::protocol::ops::IntVal::Small(n)) => Ok(n),
            _ => raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(v)
                ),
            ),
        },
    }
}

fn level_of(vm: &mut Vm, level: i64) -> PyResult<Compression> {
    match level {
        -1 => Ok(Compression::new(6)),
        0..=9 => Ok(Compression::new(level as u32)),
        _ => zerror(vm, "Bad compression level"),
    }
}

fn bytes(v: Vec<u8>) -> Value {
    crate::types::bytes::make(v, false)
}

fn no_zdict(v: &Option<Value>) -> PyResult<()> {
    let given = v
        .as_ref()
        .and_then(crate::types::bytes::bytes_of)
        .is_some_and(|b| !b.is_empty());
    if given {
        return raise(
            ExcKind::NotImplementedError,
            "zlib: preset dictionaries (zdict) are not supported by Taipan's deflate backend",
        );
    }
    Ok(())
}

/// The 10-byte gzip header CPython's zlib writes (no name, no time).
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

/// Runs `c` over all of `input` with `flush`, returning the output.
fn deflate(c: &mut Compress, input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    let start = c.total_in();
    loop {
        let used = (c.total_in() - start) as usize;
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(1024));
        }
        let before = (c.total_in(), c.total_out());
        let status = c.compress_vec(&input[used..], &mut out, flush);
        let done_input = (c.total_in() - start) as usize >= input.len();
        match status {
            Ok(Status::StreamEnd) => break,
            Ok(_) if done_input && flush == FlushCompress::None => break,
            // A sync, full or partial flush is complete once deflate left
            // output space unused (zlib's `avail_out != 0`); calling it
            // again would add another empty block, forever.
            Ok(_) if done_input && flush != FlushCompress::Finish && out.len() < out.capacity() => {
                break
            }
            Ok(_)
                if done_input
                    && out.len() < out.capacity()
                    && (c.total_in(), c.total_out()) == before =>
            {
                break
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    out
}

/// `compress(data, /, level=-1, wbits=15)`.
fn compress(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("compress", &["data", "level", "wbits"], a, kw)?;
    let data = crate::types::bytes::data_arg(args[0].as_ref())?;
    let level = level_of(vm, int_param(&args[1], -1)?)?;
    let format = format_of(vm, int_param(&args[2], 15)?, false)?;
    let mut c = Compress::new(level, format == Format::Zlib);
    let body = deflate(&mut c, &data, FlushCompress::Finish);
    Ok(bytes(match format {
        Format::Gzip => gzip_wrap(&data, body),
        _ => body,
    }))
}

fn gzip_wrap(data: &[u8], body: Vec<u8>) -> Vec<u8> {
    let mut out = GZIP_HEADER.to_vec();
    out.extend(body);
    out.extend(crc32_of(0, data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

fn crc32_of(start: u32, data: &[u8]) -> u32 {
    let mut crc = !start;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The length of the gzip header at the start of `d`: None if more
/// bytes are needed, Err for a bad header.
fn gzip_header_len(d: &[u8]) -> Result<Option<usize>, &'static str> {
    if d.len() < 10 {
        return Ok(None);
    }
    if d[0] != 0x1f || d[1] != 0x8b || d[2] != 8 {
        return Err("incorrect header check");
    }
    let flags = d[3];
    let mut at = 10;
    if flags & 4 != 0 {
        if d.len() < at + 2 {
            return Ok(None);
        }
        at += 2 + u16::from_le_bytes([d[at], d[at + 1]]) as usize;
    }
    for bit in [8, 16] {
        if flags & bit != 0 {
            match d.get(at..).and_then(|r| r.iter().position(|&b| b == 0)) {
                Some(i) => at += i + 1,
                None => return Ok(None),
            }
        }
    }
    if flags & 2 != 0 {
        at += 2;
    }
    Ok((at <= d.len()).then_some(at))
}

/// The state of a decompressor.
struct Inflater {
    format: Format,
    /// Created once the format (and a gzip header) is known.
    d: Option<Decompress>,
    /// Input held back while a header is incomplete.
    pending: Vec<u8>,
    /// Gzip: the trailer bytes still to skip after the stream.
    trailer: usize,
    eof: bool,
    unused: Vec<u8>,
    tail: Vec<u8>,
}

impl Inflater {
    fn new(format: Format) -> Inflater {
        let d = match format {
            Format::Zlib => Some(Decompress::new(true)),
            Format::Raw => Some(Decompress::new(false)),
            _ => None,
        };
        Inflater {
            format,
            d,
            pending: Vec::new(),
            trailer: 0,
            eof: false,
            unused: Vec::new(),
            tail: Vec::new(),
        }
    }

    /// Inflates `input` (at most `max` bytes of output, 0: no limit):
    /// the output, or the zlib error text.
    fn run(&mut self, input: &[u8], max: usize) -> Result<Vec<u8>, String> {
        if self.eof {
            self.unused.extend_from_slice(input);
            return Ok(Vec::new());
        }
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(input);
        let mut at = 0;
        if self.d.is_none() {
            let gzip = match self.format {
                Format::Auto if data.len() < 2 => {
                    self.pending = data;
                    return Ok(Vec::new());
                }
                Format::Auto => data[0] == 0x1f && data[1] == 0x8b,
                _ => true,
            };
            if gzip {
                match gzip_header_len(&data) {
                    Ok(Some(n)) => at = n,
                    Ok(None) => {
                        self.pending = data;
                        return Ok(Vec::new());
                    }
                    Err(e) => return Err(format!("Error -3 while decompressing data: {e}")),
                }
                self.trailer = 8;
                self.d = Some(Decompress::new(false));
            } else {
                self.d = Some(Decompress::new(true));
            }
        }
        let Some(d) = self.d.as_mut() else {
            return Ok(Vec::new());
        };
        // zlib's own header checks, with its messages.
        let zlib_stream = self.trailer == 0 && self.format != Format::Raw;
        if zlib_stream && d.total_in() == 0 && data.len() >= at + 2 {
            let (cmf, flg) = (data[at] as u32, data[at + 1] as u32);
            if (cmf * 256 + flg) % 31 != 0 {
                return Err("Error -3 while decompressing data: incorrect header check".into());
            }
            if cmf & 0x0f != 8 {
                return Err("Error -3 while decompressing data: unknown compression method".into());
            }
        }
        let mut out = Vec::with_capacity((data.len() * 3).clamp(256, 1 << 20));
        let start_in = d.total_in();
        loop {
            let used = at + (d.total_in() - start_in) as usize;
            if max > 0 && out.len() >= max {
                self.tail = data[used..].to_vec();
                break;
            }
            let room = if max > 0 {
                (max - out.len()).min(1 << 16)
            } else {
                1 << 16
            };
            let mut chunk = Vec::with_capacity(room);
            let before = (d.total_in(), d.total_out());
            let status = d.decompress_vec(&data[used..], &mut chunk, FlushDecompress::None);
            out.extend_from_slice(&chunk);
            match status {
                Ok(Status::StreamEnd) => {
                    self.eof = true;
                    let used = at + (d.total_in() - start_in) as usize;
                    let rest = &data[used..];
                    let skip = self.trailer.min(rest.len());
                    self.unused = rest[skip..].to_vec();
                    self.tail.clear();
                    break;
                }
                Ok(_) => {
                    let used = at + (d.total_in() - start_in) as usize;
                    if (d.total_in(), d.total_out()) == before
                        || used >= data.len() && chunk.len() < room
                    {
                        self.tail.clear();
                        break;
                    }
                }
                Err(e) => {
                    let msg = e.to_string();
                    let text = if msg.contains("header") {
                        "incorrect header check".to_string()
                    } else {
                        "invalid stored block lengths".to_string()
                    };
                    return Err(format!("Error -3 while decompressing data: {text}"));
                }
            }
        }
        Ok(out)
    }
}

/// `decompress(data, /, wbits=15, bufsize=16384)`.
fn decompress(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("decompress", &["data", "wbits", "bufsize"], a, kw)?;
    let data = crate::types::bytes::data_arg(args[0].as_ref())?;
    let format = format_of(vm, int_param(&args[1], 15)?, true)?;
    let mut inf = Inflater::new(format);
    let out = match inf.run(&data, 0) {
        Ok(o) => o,
        Err(e) => return zerror(vm, &e),
    };
    if !inf.eof {
        return zerror(
            vm,
            "Error -5 while decompressing data: incomplete or truncated stream",
        );
    }
    Ok(bytes(out))
}

/// A compressor made by `compressobj`.
struct Deflater {
    c: RefCell<Option<Compress>>,
    format: Format,
    /// Gzip: header written yet, the CRC and length of the input.
    header_done: std::cell::Cell<bool>,
    crc: std::cell::Cell<u32>,
    size: std::cell::Cell<u32>,
}

impl NativeData for Deflater {}
impl NativeData for InflaterObj {}

struct InflaterObj(RefCell<Inflater>);

fn compressor_class() -> Value {
    crate::object::builtin_types::kept_by_name("zlib.Compress", || {
        let attrs = vec![
            m("compress", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                let Some(c) = crate::object::native::data_of::<Deflater>(r) else {
                    return raise(ExcKind::TypeError, "expected a Compress object");
                };
                let data = crate::types::bytes::data_arg(rest.first())?;
                let mut slot = c.c.borrow_mut();
                let Some(z) = slot.as_mut() else {
                    drop(slot);
                    return zerror(
                        vm,
                        "Error -2 while compressing data: inconsistent stream state",
                    );
                };
                let mut out = Vec::new();
                if c.format == Format::Gzip && !c.header_done.replace(true) {
                    out.extend(GZIP_HEADER);
                }
                c.crc.set(crc32_of(c.crc.get(), &data));
                c.size.set(c.size.get().wrapping_add(data.len() as u32));
                out.extend(deflate(z, &data, FlushCompress::None));
                Ok(bytes(out))
            }),
            m("flush", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                let Some(c) = crate::object::native::data_of::<Deflater>(r) else {
                    return raise(ExcKind::TypeError, "expected a Compress object");
                };
                let mode = int_param(&rest.first().cloned(), Z_FINISH)?;
                let flush = match mode {
                    0 => return Ok(bytes(Vec::new())),
                    1 => FlushCompress::Partial,
                    2 => FlushCompress::Sync,
                    3 => FlushCompress::Full,
                    // Z_BLOCK and Z_TREES end the block without ending the
                    // stream; the deflate crate has no such mode, so a
                    // partial flush (also block-ending, also continuable)
                    // stands in: the stream decompresses to the same data.
                    5 | 6 => FlushCompress::Partial,
                    _ => FlushCompress::Finish,
                };
                let mut slot = c.c.borrow_mut();
                let Some(z) = slot.as_mut() else {
                    drop(slot);
                    return zerror(vm, "Error -2 while flushing: inconsistent stream state");
                };
                let mut out = Vec::new();
                if c.format == Format::Gzip && !c.header_done.replace(true) {
                    out.extend(GZIP_HEADER);
                }
                out.extend(deflate(z, &[], flush));
                if flush == FlushCompress::Finish {
                    if c.format == Format::Gzip {
                        out.extend(c.crc.get().to_le_bytes());
                        out.extend(c.size.get().to_le_bytes());
                    }
                    *slot = None;
                }
                Ok(bytes(out))
            }),
        ];
        crate::object::native::class("zlib", "Compress", attrs)
    })
}

fn decompressor_class() -> Value {
    crate::object::builtin_types::kept_by_name("zlib.Decompress", || {
        fn this<'a>(
            s: Option<&'a Value>,
            a: &'a [Value],
        ) -> PyResult<(&'a InflaterObj, &'a [Value])> {
            let (r, rest) = receiver(s, a)?;
            match crate::object::native::data_of::<InflaterObj>(r) {
                Some(d) => Ok((d, rest)),
                None => raise(ExcKind::TypeError, "expected a Decompress object"),
            }
        }
        let attrs = vec![
            m("decompress", |vm, s, a, kw| {
                let (d, rest) = this(s, a)?;
                let args = bind_args("decompress", &["data", "max_length"], rest, kw)?;
                let data = crate::types::bytes::data_arg(args[0].as_ref())?;
                let max = int_param(&args[1], 0)?;
                if max < 0 {
                    return raise(ExcKind::ValueError, "max_length must be non-negative");
                }
                let r = d.0.borrow_mut().run(&data, max as usize);
                match r {
                    Ok(out) => Ok(bytes(out)),
                    Err(e) => zerror(vm, &e),
                }
            }),
            m("flush", |vm, s, a, _| {
                let (d, _) = this(s, a)?;
                let tail = std::mem::take(&mut d.0.borrow_mut().tail);
                let r = d.0.borrow_mut().run(&tail, 0);
                match r {
                    Ok(out) => Ok(bytes(out)),
                    Err(e) => zerror(vm, &e),
                }
            }),
            prop("eof", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0 .0.borrow().eof))
            }),
            prop("unused_data", |_, s, a, _| {
                Ok(bytes(this(s, a)?.0 .0.borrow().unused.clone()))
            }),
            prop("unconsumed_tail", |_, s, a, _| {
                Ok(bytes(this(s, a)?.0 .0.borrow().tail.clone()))
            }),
        ];
        crate::object::native::class("zlib", "Decompress", attrs)
    })
}

/// `compressobj(level=-1, method=DEFLATED, wbits=15, memLevel=8,
/// strategy=Z_DEFAULT_STRATEGY, zdict=None)`.
fn compressobj(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let names = ["level", "method", "wbits", "memLevel", "strategy", "zdict"];
    let args = bind_args("compressobj", &names, a, kw)?;
    no_zdict(&args[5])?;
    let level = level_of(vm, int_param(&args[0], -1)?)?;
    let format = format_of(vm, int_param(&args[2], 15)?, false)?;
    let state = Deflater {
        c: RefCell::new(Some(Compress::new(level, format == Format::Zlib))),
        format,
        header_done: std::cell::Cell::new(false),
        crc: std::cell::Cell::new(0),
        size: std::cell::Cell::new(0),
    };
    Ok(crate::object::native::new(compressor_class(), state))
}

/// `decompressobj(wbits=15, zdict=b'')`.
fn decompressobj(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("decompressobj", &["wbits", "zdict"], a, kw)?;
    no_zdict(&args[1])?;
    let format = format_of(vm, int_param(&args[0], 15)?, true)?;
    Ok(crate::object::native::new(
        decompressor_class(),
        InflaterObj(RefCell::new(Inflater::new(format))),
    ))
}

/// `adler32(data, value=1)`.
fn adler32(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let data = crate::types::bytes::data_arg(a.first())?;
    let start = match a.get(1) {
        Some(Value::Int(n)) => *n as u32,
        _ => 1,
    };
    let (mut s1, mut s2) = (start & 0xffff, start >> 16);
    for chunk in data.chunks(5552) {
        for &b in chunk {
            s1 += b as u32;
            s2 += s1;
        }
        s1 %= 65521;
        s2 %= 65521;
    }
    Ok(Value::Int(((s2 << 16) | s1) as i64))
}

/// The `zlib` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    let mut attrs = vec![
        ("error", error_class()),
        f("compress", compress),
        f("decompress", decompress),
        f("compressobj", compressobj),
        f("decompressobj", decompressobj),
        f("crc32", crate::modules::binascii::crc32),
        f("adler32", adler32),
        ("ZLIB_VERSION", new_str("1.2.13")),
        ("ZLIB_RUNTIME_VERSION", new_str("1.2.13")),
    ];
    for (name, v) in [
        ("MAX_WBITS", 15),
        ("DEFLATED", 8),
        ("DEF_MEM_LEVEL", 8),
        ("DEF_BUF_SIZE", 16384),
        ("Z_NO_COMPRESSION", 0),
        ("Z_BEST_SPEED", 1),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_FILTERED", 1),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_RLE", 3),
        ("Z_FIXED", 4),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_NO_FLUSH", 0),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_SYNC_FLUSH", 2),
        ("Z_FULL_FLUSH", 3),
        ("Z_FINISH", 4),
        ("Z_BLOCK", 5),
        ("Z_TREES", 6),
    ] {
        attrs.push((name, Value::Int(v)));
    }
    make_module("zlib", attrs)
}
