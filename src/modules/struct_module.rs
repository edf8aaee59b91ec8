//! `_struct`: packing values into bytes and back by format strings
//! (`struct.pack('<hI', 1, 2)`), with CPython's byte orders, native sizes
//! and alignment (`@`, this machine: x86-64/AArch64 LP64), and its
//! `struct.error` messages.

use crate::object::args::receiver;
use crate::object::exceptions::{PyErr, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, new_str, new_tuple, NewObject, Object};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// One item of a format: its code, repeat count (or string length) and
/// offset.
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    count: usize,
    offset: usize,
}

/// A parsed format.
struct Format {
    little: bool,
    native: bool,
    items: Vec<Item>,
    size: usize,
    /// How many values pack takes (and unpack gives).
    nvalues: usize,
}

/// `struct.error`, made once per interpreter.
fn error_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "struct.error",
        "struct",
        "error",
        crate::object::exceptions::ExcKind::Exception,
    )
}

fn error<T>(vm: &mut Vm, msg: impl Into<String>) -> PyResult<T> {
    crate::object::exceptions::raise_class(vm, &error_class(), &msg.into())
}

fn size_align(code: u8, native: bool) -> Option<(usize, usize)> {
    let s = match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    };
    Some((s, if native { s } else { 1 }))
}

fn parse(vm: &mut Vm, fmt: &str) -> PyResult<Format> {
    let bytes = fmt.as_bytes();
    let (little, native, mut i) = match bytes.first() {
        Some(b'<') => (true, false, 1),
        Some(b'>') | Some(b'!') => (false, false, 1),
        Some(b'=') => (cfg!(target_endian = "little"), false, 1),
        Some(b'@') => (cfg!(target_endian = "little"), true, 1),
        _ => (cfg!(target_endian = "little"), true, 0),
    };
    let mut items = Vec::new();
    let mut runs = Vec::new();
    let mut offset = 0usize;
    let mut nvalues = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            let d = (bytes[i] - b'0') as usize;
            count = Some(
                count
                    .unwrap_or(0)
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d))
                    .unwrap_or(usize::MAX),
            );
            i += 1;
        }
        let Some(&code) = bytes.get(i) else {
            return error(vm, "repeat count given without format specifier");
        };
        i += 1;
        let Some((size, align)) = size_align(code, native) else {
            return error(vm, "bad char in struct format");
        };
        let count = count.unwrap_or(1);
        if align > 1 {
            offset = offset.div_ceil(align) * align;
        }
        let total = size.checked_mul(count).and_then(|t| t.checked_add(offset));
        let Some(end) = total.filter(|t| *t <= isize::MAX as usize) else {
            return error(vm, "total struct size too long");
        };
        runs.push((code, count, offset, size));
        offset = end;
    }
    // The items once the whole format is known valid: a repeat count
    // the memory cannot hold is a MemoryError, not an abort.
    for (code, count, start, size) in runs {
        match code {
            b's' | b'p' => {
                items.push(Item {
                    code,
                    count,
                    offset: start,
                });
                nvalues += 1;
            }
            b'x' => {}
            _ => {
                if items.try_reserve(count).is_err() {
                    return crate::object::exceptions::raise(
                        crate::object::exceptions::ExcKind::MemoryError,
                        "",
                    );
                }
                for k in 0..count {
                    items.push(Item {
                        code,
                        count: 1,
                        offset: start + k * size,
                    });
                }
                nvalues += count;
            }
        }
    }
    Ok(Format {
        little,
        native,
        items,
        size: offset,
        nvalues,
    })
}

fn put_int(out: &mut [u8], little: bool, v: u64) {
    let n = out.len();
    for (k, b) in out.iter_mut().enumerate() {
        let shift = if little { k } else { n - 1 - k } * 8;
        *b = (v >> shift) as u8;
    }
}

fn get_int(data: &[u8], little: bool) -> u64 {
    let n = data.len();
    let mut v = 0u64;
    for k in 0..n {
        let b = if little { data[n - 1 - k] } else { data[k] };
        v = (v << 8) | b as u64;
    }
    v
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let v = match int_of(v) {
        Some(_) => v.clone(),
        None if crate::object::classes::lookup(
            &crate::object::classes::type_value(v),
            "__index__",
        )
        .is_some() =>
        {
            crate::protocol::index_value(vm, v)?
        }
        None => return error(vm, "required argument is not an integer"),
    };
    Ok(match int_of(&v) {
        Some(IntVal::Small(i)) => BigInt::from(i),
        Some(IntVal::Big(b)) => b.clone(),
        None => BigInt::from(0),
    })
}

fn pack_into_buf(vm: &mut Vm, f: &Format, args: &[Value], out: &mut [u8]) -> PyResult<()> {
    if args.len() != f.nvalues {
        return error(
            vm,
            format!(
                "pack expected {} items for packing (got {})",
                f.nvalues,
                args.len()
            ),
        );
    }
    for (item, v) in f.items.iter().zip(args) {
        let (size, _) = size_align(item.code, f.native).unwrap_or((1, 1));
        let at = item.offset;
        match item.code {
            b's' | b'p' => {
                let Some(data) = crate::types::bytes::bytes_of(v) else {
                    return error(
                        vm,
                        format!(
                            "argument for '{}' must be a bytes object",
                            item.code as char
                        ),
                    );
                };
                let field = &mut out[at..at + item.count];
                if item.code == b's' {
                    let n = data.len().min(item.count);
                    field[..n].copy_from_slice(&data[..n]);
                } else if item.count > 0 {
                    let n = data.len().min(item.count - 1).min(255);
                    field[0] = n as u8;
                    field[1..1 + n].copy_from_slice(&data[..n]);
                }
            }
            b'c' => match crate::types::bytes::bytes_of(v) {
                Some(b) if b.len() == 1 && !matches!(v.as_obj(), Some(Object::ByteArray(_))) => {
                    out[at] = b[0]
                }
                _ => return error(vm, "char format requires a bytes object of length 1"),
            },
            b'?' => out[at] = crate::protocol::truthy(vm, v)? as u8,
            b'e' | b'f' | b'd' => {
                let x = crate::types::number::to_f64(v)
                    .or_else(|_| error(vm, "required argument is not a float"))?;
                let bits = match item.code {
                    b'd' => x.to_bits(),
                    b'f' => {
                        let y = x as f32;
                        if y.is_infinite() && x.is_finite() {
                            return Err(PyErr::new(
                                crate::object::exceptions::ExcKind::OverflowError,
                                "float too large to pack with f format",
                            ));
                        }
                        y.to_bits() as u64
                    }
                    _ => half_bits(x) as u64,
                };
                put_int(&mut out[at..at + size], f.little, bits);
            }
            code => {
                let n = int_arg(vm, v)?;
                let signed = code.is_ascii_lowercase();
                let bits = (size * 8) as u32;
                let (lo, hi) = if signed {
                    (
                        -(BigInt::from(1) << (bits - 1)),
                        (BigInt::from(1) << (bits - 1)) - 1,
                    )
                } else {
                    (BigInt::from(0), (BigInt::from(1) << bits) - 1)
                };
                if n < lo || n > hi {
                    // CPython's messages: the native (and same-layout
                    // little-endian) packers of the small types name them,
                    // the 8-byte ones say "argument out of range", the
                    // rest quote the code.
                    let native_layout = f.native || f.little == cfg!(target_endian = "little");
                    let name = match code {
                        b'b' => Some("byte"),
                        b'B' => Some("ubyte"),
                        b'h' => Some("short"),
                        b'H' => Some("ushort"),
                        _ => None,
                    };
                    let msg = match name {
                        Some(name) if native_layout => {
                            format!("{name} format requires {lo} <= number <= {hi}")
                        }
                        _ if size == 8 => "argument out of range".to_string(),
                        _ => format!(
                            "'{}' format requires {} <= number <= {}",
                            code as char, lo, hi
                        ),
                    };
                    return error(vm, msg);
                }
                let v = if n < BigInt::from(0) {
                    (n + (BigInt::from(1) << bits)).to_u64().unwrap_or(0)
                } else {
                    n.to_u64().unwrap_or(0)
                };
                put_int(&mut out[at..at + size], f.little, v);
            }
        }
    }
    Ok(())
}

/// IEEE 754 half precision of `x` (round to nearest even).
fn half_bits(x: f64) -> u16 {
    let f = x as f32;
    let b = f.to_bits();
    let sign = ((b >> 16) & 0x8000) as u16;
    let exp = ((b >> 23) & 0xff) as i32;
    let man = b & 0x7f_ffff;
    if exp == 0xff {
        return sign | 0x7c00 | if man != 0 { 0x200 } else { 0 };
    }
    let e = exp - 127 + 15;
    if e >= 0x1f {
        return sign | 0x7c00;
    }
    if e <= 0 {
        if e < -10 {
            return sign;
        }
        let m = (man | 0x80_0000) >> (1 - e);
        let half = (m + 0x1000 + ((m >> 13) & 1) - 1) >> 13;
        return sign | half as u16;
    }
    let m = man + 0xfff + ((man >> 13) & 1);
    let (e, m) = if m & 0x80_0000 != 0 {
        (e + 1, 0)
    } else {
        (e, m)
    };
    if e >= 0x1f {
        return sign | 0x7c00;
    }
    sign | ((e as u16) << 10) | (m >> 13) as u16
}

fn half_value(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    sign * match e {
        0 => m * 2f64.powi(-24),
        0x1f if m == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        _ => (1.0 + m / 1024.0) * 2f64.powi(e - 15),
    }
}

fn unpack_buf(f: &Format, data: &[u8]) -> Vec<Value> {
    let mut out = Vec::with_capacity(f.nvalues);
    for item in &f.items {
        let (size, _) = size_align(item.code, f.native).unwrap_or((1, 1));
        let at = item.offset;
        let raw = &data[at..at
            + if matches!(item.code, b's' | b'p') {
                item.count
            } else {
                size
            }];
        out.push(match item.code {
            b's' => Value::obj(NewObject::Bytes(raw.to_vec())),
            b'p' => {
                let n = raw
                    .first()
                    .map_or(0, |n| (*n as usize).min(raw.len().saturating_sub(1)));
                Value::obj(NewObject::Bytes(
                    raw.get(1..1 + n).unwrap_or_default().to_vec(),
                ))
            }
            b'c' => Value::obj(NewObject::Bytes(raw.to_vec())),
            b'?' => Value::Bool(raw[0] != 0),
            b'd' => Value::Float(f64::from_bits(get_int(raw, f.little))),
            b'f' => Value::Float(f32::from_bits(get_int(raw, f.little) as u32) as f64),
            b'e' => Value::Float(half_value(get_int(raw, f.little) as u16)),
            code => {
                let v = get_int(raw, f.little);
                if code.is_ascii_lowercase() {
                    let bits = size * 8;
                    let signed = if bits == 64 {
                        v as i64
                    } else {
                        ((v << (64 - bits)) as i64) >> (64 - bits)
                    };
                    Value::Int(signed)
                } else {
                    crate::types::long_range::int_value(BigInt::from(v))
                }
            }
        });
    }
    out
}

fn format_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<(String, Format)> {
    let text = match v {
        Some(v) => match (
            crate::object::heap::as_str(v),
            crate::types::bytes::bytes_of(v),
        ) {
            (Some(s), _) => s.to_string(),
            (None, Some(b)) => String::from_utf8_lossy(&b).into_owned(),
            _ => {
                return Err(PyErr::new(
                    crate::object::exceptions::ExcKind::TypeError,
                    "Struct() argument 1 must be a str or bytes object",
                ))
            }
        },
        None => {
            return Err(PyErr::new(
                crate::object::exceptions::ExcKind::TypeError,
                "missing format argument",
            ))
        }
    };
    let f = parse(vm, &text)?;
    Ok((text, f))
}

fn do_pack(vm: &mut Vm, f: &Format, args: &[Value]) -> PyResult<Value> {
    let mut out = vec![0u8; f.size];
    pack_into_buf(vm, f, args, &mut out)?;
    Ok(Value::obj(NewObject::Bytes(out)))
}

fn do_unpack(vm: &mut Vm, f: &Format, buf: &Value, offset: Option<i64>) -> PyResult<Value> {
    let Some(data) = crate::types::bytes::bytes_of(buf) else {
        return Err(PyErr::new(
            crate::object::exceptions::ExcKind::TypeError,
            format!(
                "a bytes-like object is required, not '{}'",
                crate::object::heap::type_name(buf)
            ),
        ));
    };
    let data = match offset {
        None => {
            if data.len() != f.size {
                return error(vm, format!("unpack requires a buffer of {} bytes", f.size));
            }
            data
        }
        Some(off) => {
            // CPython's checks and messages, in i128 so nothing overflows.
            let (len, size) = (data.len() as i128, f.size as i128);
            let mut off = off as i128;
            if off < 0 {
                if off + size > 0 {
                    return error(
                        vm,
                        format!("not enough data to unpack {size} bytes at offset {off}"),
                    );
                }
                if off + len < 0 {
                    return error(
                        vm,
                        format!("offset {off} out of range for {len}-byte buffer"),
                    );
                }
                off += len;
            }
            if len - off < size {
                return error(
                    vm,
                    format!(
                        "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {off} (actual buffer size is {len})",
                        size + off
                    ),
                );
            }
            data[off as usize..(off + size) as usize].to_vec()
        }
    };
    Ok(new_tuple(unpack_buf(f, &data)))
}

fn do_pack_into(vm: &mut Vm, f: &Format, args: &[Value]) -> PyResult<Value> {
    let [buf, off, values @ ..] = args else {
        return Err(PyErr::new(
            crate::object::exceptions::ExcKind::TypeError,
            "pack_into expected buffer and offset",
        ));
    };
    // A bytearray, or a native object with a writable buffer (an array).
    let native = match crate::object::instance::unwrap(buf).as_obj() {
        Some(Object::Native(n)) => n.data.buffer_mut().map(|b| (n, b.len())),
        _ => None,
    };
    let len = match (buf.as_obj(), native) {
        (Some(Object::ByteArray(b)), _) => b.borrow().len(),
        (_, Some((_, len))) => len,
        _ => {
            return Err(PyErr::new(
                crate::object::exceptions::ExcKind::TypeError,
                format!(
                    "argument must be read-write bytes-like object, not {}",
                    crate::object::heap::type_name(buf)
                ),
            ))
        }
    };
    let off = match int_of(off) {
        Some(IntVal::Small(o)) => o,
        _ => return crate::protocol::ops::not_an_integer(off),
    };
    // CPython's checks and messages, in i128 so no offset overflows.
    let (len, size) = (len as i128, f.size as i128);
    let mut start = off as i128;
    if start < 0 {
        if start + size > 0 {
            return error(vm, format!("no space to pack {size} bytes at offset {off}"));
        }
        if start + len < 0 {
            return error(
                vm,
                format!("offset {off} out of range for {len}-byte buffer"),
            );
        }
        start += len;
    }
    if len - start < size {
        return error(vm, format!("pack_into requires a buffer of at least {} bytes for packing {size} bytes at offset {start} (actual buffer size is {len})", size + start));
    }
    let mut out = vec![0u8; f.size];
    pack_into_buf(vm, f, values, &mut out)?;
    match (buf.as_obj(), native) {
        (Some(Object::ByteArray(b)), _) => {
            if let Some(slot) = b
                .borrow_mut()
                .get_mut(start as usize..start as usize + f.size)
            {
                slot.copy_from_slice(&out);
            }
        }
        // (Packing ran Python code: the buffer is taken again, and may
        // have shrunk.)
        (_, Some((n, _))) => {
            if let Some(mut b) = n.data.buffer_mut() {
                if let Some(slot) = b.get_mut(start as usize..start as usize + f.size) {
                    slot.copy_from_slice(&out);
                }
            }
        }
        _ => {}
    }
    Ok(Value::None)
}

fn do_iter_unpack(vm: &mut Vm, f: &Format, buf: &Value) -> PyResult<Value> {
    let data = crate::types::bytes::bytes_of(buf).unwrap_or_default();
    if f.size == 0 {
        return error(vm, "cannot iteratively unpack with a struct of length 0");
    }
    if !data.len().is_multiple_of(f.size) {
        return error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                f.size
            ),
        );
    }
    let items: Vec<Value> = data
        .chunks(f.size)
        .map(|c| new_tuple(unpack_buf(f, c)))
        .collect();
    crate::protocol::get_iter(vm, &new_list(items))
}

// ---- the Struct type ----------------------------------------------------

/// A compiled format (`struct.Struct`).
struct Compiled {
    text: Value,
    format: Format,
}

impl NativeData for Compiled {}

fn compiled(v: &Value) -> PyResult<&Compiled> {
    data_of::<Compiled>(v).map_or_else(
        || {
            Err(PyErr::new(
                crate::object::exceptions::ExcKind::TypeError,
                "expected a Struct",
            ))
        },
        Ok,
    )
}

fn struct_class() -> Value {
    crate::object::builtin_types::kept_by_name("struct.Struct", || {
        use crate::object::native::{method as m, property as prop};
        let attrs = vec![
            m("pack", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                do_pack(vm, &compiled(r)?.format, rest)
            }),
            m("unpack", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                do_unpack(
                    vm,
                    &compiled(r)?.format,
                    rest.first().unwrap_or(&Value::None),
                    None,
                )
            }),
            m("unpack_from", |vm, s, a, kw| {
                let (r, rest) = receiver(s, a)?;
                let args =
                    crate::object::args::bind_args("unpack_from", &["buffer", "offset"], rest, kw)?;
                let off = match &args[1] {
                    Some(Value::Int(o)) => *o,
                    _ => 0,
                };
                do_unpack(
                    vm,
                    &compiled(r)?.format,
                    args[0].as_ref().unwrap_or(&Value::None),
                    Some(off),
                )
            }),
            m("pack_into", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                do_pack_into(vm, &compiled(r)?.format, rest)
            }),
            m("iter_unpack", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                do_iter_unpack(
                    vm,
                    &compiled(r)?.format,
                    rest.first().unwrap_or(&Value::None),
                )
            }),
            prop("format", |_, s, a, _| {
                Ok(compiled(receiver(s, a)?.0)?.text.clone())
            }),
            prop("size", |_, s, a, _| {
                Ok(Value::Int(compiled(receiver(s, a)?.0)?.format.size as i64))
            }),
        ];
        crate::object::native::class("_struct", "Struct", attrs)
    })
}

fn new_struct(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = crate::object::args::bind_args("Struct", &["format"], args, kw)?;
    let (text, format) = format_arg(vm, a[0].as_ref())?;
    Ok(crate::object::native::new(
        struct_class(),
        Compiled {
            text: new_str(text),
            format,
        },
    ))
}

/// The `_struct` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    make_module(
        "_struct",
        vec![
            ("error", error_class()),
            f("Struct", new_struct),
            f("pack", |vm, _, a, _| {
                let (_, fmt) = format_arg(vm, a.first())?;
                do_pack(vm, &fmt, &a[1..])
            }),
            f("unpack", |vm, _, a, _| {
                let (_, fmt) = format_arg(vm, a.first())?;
                do_unpack(vm, &fmt, a.get(1).unwrap_or(&Value::None), None)
            }),
            f("unpack_from", |vm, _, a, kw| {
                let args = crate::object::args::bind_args(
                    "unpack_from",
                    &["format", "buffer", "offset"],
                    a,
                    kw,
                )?;
                let (_, fmt) = format_arg(vm, args[0].as_ref())?;
                let off = match &args[2] {
                    Some(Value::Int(o)) => *o,
                    _ => 0,
                };
                do_unpack(
                    vm,
                    &fmt,
                    args[1].as_ref().unwrap_or(&Value::None),
                    Some(off),
                )
            }),
            f("pack_into", |vm, _, a, _| {
                let (_, fmt) = format_arg(vm, a.first())?;
                do_pack_into(vm, &fmt, &a[1..])
            }),
            f("iter_unpack", |vm, _, a, _| {
                let (_, fmt) = format_arg(vm, a.first())?;
                do_iter_unpack(vm, &fmt, a.get(1).unwrap_or(&Value::None))
            }),
            f("calcsize", |vm, _, a, _| {
                let (_, fmt) = format_arg(vm, a.first())?;
                Ok(Value::Int(fmt.size as i64))
            }),
            f("_clearcache", |_, _, _, _| Ok(Value::None)),
        ],
    )
}
