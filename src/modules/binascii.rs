//! `binascii`: hex, base64, uuencode, quoted-printable, CRC-32 and
//! CRC-HQX, with CPython's `Error` and `Incomplete` and its messages
//! (`base64`, `uu` and `quopri` build on it).

use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{as_str, type_name};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn error_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "binascii.Error",
        "binascii",
        "Error",
        ExcKind::ValueError,
    )
}

fn incomplete_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "binascii.Incomplete",
        "binascii",
        "Incomplete",
        ExcKind::Exception,
    )
}

fn error<T>(vm: &mut Vm, msg: &str) -> PyResult<T> {
    crate::object::exceptions::raise_class(vm, &error_class(), msg)
}

/// Text to decode: bytes-like, or a str of ASCII characters.
fn ascii_arg(v: Option<&Value>) -> PyResult<Vec<u8>> {
    if let Some(s) = v.and_then(as_str) {
        if !s.is_ascii() {
            return raise(
                ExcKind::ValueError,
                "string argument should contain only ASCII characters",
            );
        }
        return Ok(s.as_bytes().to_vec());
    }
    match v.and_then(crate::types::bytes::bytes_of) {
        Some(b) => Ok(b),
        None => raise(
            ExcKind::TypeError,
            format!(
                "argument should be bytes, buffer or ASCII string, not '{}'",
                v.map_or("NoneType".into(), type_name)
            ),
        ),
    }
}

fn bytes(v: Vec<u8>) -> Value {
    crate::types::bytes::make(v, false)
}

fn flag(vm: &mut Vm, v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => crate::protocol::truthy(vm, v),
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `hexlify(data, sep=None, bytes_per_sep=1)` (also `b2a_hex`).
fn hexlify(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("hexlify", &["data", "sep", "bytes_per_sep"], a, kw)?;
    let data = crate::types::bytes::data_arg(args[0].as_ref())?;
    let plain = bytes(
        data.iter()
            .flat_map(|b| [HEX[(b >> 4) as usize], HEX[(b & 15) as usize]])
            .collect(),
    );
    let sep = match &args[1] {
        None | Some(Value::None) => return Ok(plain),
        Some(v) => match as_str(v)
            .map(|t| t.as_bytes().to_vec())
            .or_else(|| crate::types::bytes::bytes_of(v))
        {
            Some(b) if b.len() == 1 && b[0].is_ascii() => b[0],
            Some(_) => return raise(ExcKind::ValueError, "sep must be length 1."),
            None => return raise(ExcKind::TypeError, "sep must be str or bytes."),
        },
    };
    let per = match &args[2] {
        None => 1,
        Some(v) => match crate::protocol::ops::int_of(v) {
            Some(crate::protocol::ops::IntVal::Small(n)) => n,
            _ => return raise(ExcKind::TypeError, "bytes_per_sep must be an int"),
        },
    };
    let group = per.unsigned_abs() as usize;
    if group == 0 || data.is_empty() {
        return Ok(plain);
    }
    // Groups are counted from the right for a positive count.
    let first = if per > 0 { data.len() % group } else { 0 };
    let mut out = Vec::with_capacity(data.len() * 3);
    for (i, b) in data.iter().enumerate() {
        let boundary = if per > 0 {
            i >= first && (i - first) % group == 0
        } else {
            i % group == 0
        };
        if i > 0 && boundary {
            out.push(sep);
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    Ok(bytes(out))
}

/// `unhexlify(hexstr)` (also `a2b_hex`).
fn unhexlify(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let data = ascii_arg(a.first())?;
    if data.len() % 2 == 1 {
        return error(vm, "Odd-length string");
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return error(vm, "Non-hexadecimal digit found"),
        }
    }
    Ok(bytes(out))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `b2a_base64(data, *, newline=True)`.
fn b2a_base64(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("b2a_base64", &["data", "newline"], a, kw)?;
    let data = crate::types::bytes::data_arg(args[0].as_ref())?;
    let newline = flag(vm, &args[1], true)?;
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let n = match chunk.len() {
            1 => (chunk[0] as u32) << 16,
            2 => (chunk[0] as u32) << 16 | (chunk[1] as u32) << 8,
            _ => (chunk[0] as u32) << 16 | (chunk[1] as u32) << 8 | chunk[2] as u32,
        };
        let symbols = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, s) in symbols.iter().enumerate() {
            out.push(if i <= chunk.len() {
                B64[*s as usize]
            } else {
                b'='
            });
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(bytes(out))
}

/// `a2b_base64(data, *, strict_mode=False)`: invalid characters are
/// skipped unless strict; padding decides where the data ends.
fn a2b_base64(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("a2b_base64", &["data", "strict_mode"], a, kw)?;
    let data = ascii_arg(args[0].as_ref())?;
    let strict = flag(vm, &args[1], false)?;
    let value = |c: u8| B64.iter().position(|&b| b == c).map(|v| v as u32);
    if strict && data.first() == Some(&b'=') {
        return error(vm, "Leading padding not allowed");
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut acc, mut bits, mut quad) = (0u32, 0u32, 0usize);
    let mut pads = 0;
    let mut ended = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    ended = true;
                    if strict && i + 1 != data.len() {
                        return error(vm, "Excess data after padding");
                    }
                    break;
                }
            } else if strict {
                return error(vm, "Discontinuous padding not allowed");
            }
            continue;
        }
        let Some(v) = value(c) else {
            if strict {
                return error(vm, "Only base64 data is allowed");
            }
            continue;
        };
        if strict && pads > 0 {
            return error(vm, "Discontinuous padding not allowed");
        }
        pads = 0;
        acc = (acc << 6) | v;
        bits += 6;
        quad = (quad + 1) % 4;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if !ended && quad != 0 {
        if quad == 1 {
            let count = data.iter().filter(|&&c| value(c).is_some()).count();
            return error(
                vm,
                &format!(
                    "Invalid base64-encoded string: number of data characters ({count}) cannot be 1 more than a multiple of 4"
                ),
            );
        }
        return error(vm, "Incorrect padding");
    }
    Ok(bytes(out))
}

/// The CRC-32 table of zlib's polynomial.
fn crc32_update(mut crc: u32, data: &[u8]) -> u32 {
    crc = !crc;
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

/// `crc32(data, crc=0)`, shared with `zlib`.
pub fn crc32(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let data = crate::types::bytes::data_arg(a.first())?;
    let start = match a.get(1).map(crate::protocol::ops::int_of) {
        None => 0,
        Some(Some(crate::protocol::ops::IntVal::Small(n))) => n as u32,
        Some(Some(crate::protocol::ops::IntVal::Big(b))) => {
            let m: num_bigint::BigInt = b & num_bigint::BigInt::from(0xffff_ffffu32);
            num_traits::ToPrimitive::to_u32(&m).unwrap_or(0)
        }
        Some(None) => return raise(ExcKind::TypeError, "crc must be an integer"),
    };
    Ok(Value::Int(crc32_update(start, &data) as i64))
}

/// `crc_hqx(data, crc)`: CRC-CCITT (XModem).
fn crc_hqx(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let data = crate::types::bytes::data_arg(a.first())?;
    let mut crc = match a.get(1) {
        Some(Value::Int(n)) => (*n & 0xffff) as u16,
        _ => {
            return raise(
                ExcKind::TypeError,
                "crc_hqx() missing required argument 'crc' (pos 2)",
            )
        }
    };
    for &b in &data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    Ok(Value::Int(crc as i64))
}

/// `b2a_uu(data, *, backtick=False)`: one uuencoded line.
fn b2a_uu(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("b2a_uu", &["data", "backtick"], a, kw)?;
    let data = crate::types::bytes::data_arg(args[0].as_ref())?;
    let backtick = flag(vm, &args[1], false)?;
    if data.len() > 45 {
        return error(vm, "At most 45 bytes at once");
    }
    let enc = |v: u32| -> u8 {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v as u8
        }
    };
    let mut out = vec![enc(data.len() as u32)];
    for chunk in data.chunks(3) {
        let mut c = [0u8; 3];
        c[..chunk.len()].copy_from_slice(chunk);
        let n = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
        for shift in [18, 12, 6, 0] {
            out.push(enc((n >> shift) & 63));
        }
    }
    out.push(b'\n');
    Ok(bytes(out))
}

/// `a2b_uu(data)`: the bytes of one uuencoded line.
fn a2b_uu(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let data = ascii_arg(a.first())?;
    let Some((&first, tail)) = data.split_first() else {
        // An empty line is CPython's 32 zero bytes.
        return Ok(bytes(vec![0; 32]));
    };
    let rest: Vec<u8> = tail
        .iter()
        .copied()
        .take_while(|&c| c != b'\n' && c != b'\r')
        .collect();
    let len = (first.wrapping_sub(b' ') & 63) as usize;
    let mut out = Vec::with_capacity(len);
    let val = |c: u8| (c.wrapping_sub(b' ') & 63) as u32;
    for chunk in rest.chunks(4) {
        let mut v = [0u32; 4];
        for (i, &c) in chunk.iter().enumerate() {
            if !(b' '..=b' ' + 64).contains(&c) && c != b'`' {
                return error(vm, "Illegal char");
            }
            v[i] = val(c);
        }
        let n = v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3];
        for b in [(n >> 16) as u8, (n >> 8) as u8, n as u8] {
            if out.len() < len {
                out.push(b);
            }
        }
    }
    if out.len() < len {
        out.resize(len, 0);
    }
    Ok(bytes(out))
}

/// The `binascii` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    make_module(
        "binascii",
        vec![
            ("Error", error_class()),
            ("Incomplete", incomplete_class()),
            f("hexlify", hexlify),
            f("b2a_hex", hexlify),
            f("unhexlify", unhexlify),
            f("a2b_hex", unhexlify),
            f("b2a_base64", b2a_base64),
            f("a2b_base64", a2b_base64),
            f("crc32", crc32),
            f("crc_hqx", crc_hqx),
            f("b2a_uu", b2a_uu),
            f("a2b_uu", a2b_uu),
        ],
    )
}
