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

/// `hexlify(data, sep=None, bytes_per_sep=1)` (also `b2a_hex`).
fn hexlify(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("hexlify", &["data", "sep", "bytes_per_sep"], a, kw)?;
    let data = crate::types::bytes::data_arg(args[0].as_ref())?;
    Ok(bytes(crate::types::bytes::hex_with_sep(
        &data,
        args[1].as_ref(),
        args[2].as_ref(),
    )?))
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
    if a.len() > 1 {
        return raise(
            ExcKind::TypeError,
            format!(
                "b2a_uu() takes exactly 1 positional argument ({} given)",
                a.len()
            ),
        );
    }
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

/// `a2b_uu(data)`: the bytes of one uuencoded line (CPython's decoder:
/// missing characters at the end of the line count as spaces, anything
/// after the data but spaces, backticks and line ends is an error).
fn a2b_uu(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let data = ascii_arg(a.first())?;
    let mut pos = 0;
    // The first character is the length; an empty line reads as NUL.
    let first = data.first().copied().unwrap_or(0);
    if !data.is_empty() {
        pos = 1;
    }
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let mut out = Vec::with_capacity(bin_len);
    let (mut left, mut bits) = (0u32, 0u32);
    while bin_len > 0 {
        let mut c = data.get(pos).copied().unwrap_or(0);
        if c == b'\n' || c == b'\r' || pos >= data.len() {
            c = 0;
        } else {
            if !(b' '..=b' ' + 64).contains(&c) {
                return error(vm, "Illegal char");
            }
            c = (c - b' ') & 0o77;
        }
        pos += 1;
        left = (left << 6) | u32::from(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
            bin_len -= 1;
        }
    }
    for &c in data.iter().skip(pos) {
        if c != b' ' && c != b' ' + 64 && c != b'\n' && c != b'\r' {
            return error(vm, "Trailing garbage");
        }
    }
    Ok(bytes(out))
}

/// `a2b_qp(data, header=False)`: quoted-printable decoding (`=XX`,
/// soft line breaks, `_` for a space in headers).
fn a2b_qp(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = bind_args("a2b_qp", &["data", "header"], a, kw)?;
    let data = ascii_arg(args[0].as_ref())?;
    let header = flag(vm, &args[1], false)?;
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= data.len() {
                break;
            }
            if data[i] == b'\n' || data[i] == b'\r' {
                // A soft line break.
                if data[i] != b'\n' {
                    while i < data.len() && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < data.len() {
                    i += 1;
                }
            } else if data[i] == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(h), Some(l)) = (hex(data[i]), data.get(i + 1).and_then(|&c| hex(c)))
            {
                out.push((h * 16 + l) as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(bytes(out))
}

/// `b2a_qp(data, quotetabs=False, istext=True, header=False)`:
/// quoted-printable encoding in lines of at most 76 characters, keeping
/// the line ends of the input (CRLF when its first line end is one).
fn b2a_qp(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    const MAXLINESIZE: usize = 76;
    const UPPER: &[u8; 16] = b"0123456789ABCDEF";
    let args = bind_args("b2a_qp", &["data", "quotetabs", "istext", "header"], a, kw)?;
    let data = crate::types::bytes::data_arg(args[0].as_ref())?;
    let quotetabs = flag(vm, &args[1], false)?;
    let istext = flag(vm, &args[2], true)?;
    let header = flag(vm, &args[3], false)?;
    let crlf = data
        .iter()
        .position(|&c| c == b'\n')
        .is_some_and(|p| p > 0 && data[p - 1] == b'\r');
    let at = |i: usize| data.get(i).copied().unwrap_or(0);
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut out = Vec::with_capacity(data.len() * 3);
    let (mut i, mut linelen) = (0usize, 0usize);
    while i < data.len() {
        let c = data[i];
        let last = i + 1 == data.len();
        let encode = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && linelen == 0 && (last || matches!(at(i + 1), b'\n' | b'\r' | 0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && last)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if encode {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.extend([b'=', UPPER[(c >> 4) as usize], UPPER[(c & 15) as usize]]);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && at(i + 1) == b'\n' && i + 1 < data.len()))
        {
            linelen = 0;
            // Whitespace before a line end is encoded.
            if let Some(&w) = out.last().filter(|&&w| w == b' ' || w == b'\t') {
                out.pop();
                out.extend([b'=', UPPER[(w >> 4) as usize], UPPER[(w & 15) as usize]]);
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if !last && at(i + 1) != b'\n' && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
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
            f("a2b_qp", a2b_qp),
            f("b2a_qp", b2a_qp),
        ],
    )
}
