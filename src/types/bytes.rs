//! `bytes` and `bytearray`: construction, operators (concatenation,
//! repetition, comparison, `in`, indexing, slicing, item assignment for
//! bytearray), iteration and the common methods (decode, hex/fromhex,
//! split/join, strip family, find/count/replace, case changes,
//! predicates, bytearray's append/extend/pop/clear). Results have the
//! receiver's type, as in CPython.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::SliceObj;
use crate::object::heap::{as_str, new_list, new_str, type_name, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, seq_index, slice_indices, IntVal};
use crate::protocol::to_vec;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The bytes of a `bytes` or `bytearray` value (a copy).
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match crate::object::instance::unwrap(v).as_obj() {
        Some(Object::Bytes(b)) => Some(b.clone()),
        Some(Object::ByteArray(b)) => Some(b.borrow().clone()),
        Some(Object::MemoryView(m)) => Some(m.bytes()),
        Some(Object::Native(n)) => n.data.buffer().map(|b| b.to_vec()),
        _ => None,
    }
}

/// A `bytes` (or, with `array`, a `bytearray`) value.
pub fn make(data: Vec<u8>, array: bool) -> Value {
    if array {
        Value::obj(NewObject::ByteArray(RefCell::new(data)))
    } else {
        Value::obj(NewObject::Bytes(data))
    }
}

fn is_array(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::ByteArray(_)))
}

pub(crate) fn byte_value(v: &Value) -> PyResult<u8> {
    match int_of(v) {
        Some(IntVal::Small(i)) if (0..256).contains(&i) => Ok(i as u8),
        Some(_) => raise(ExcKind::ValueError, "byte must be in range(0, 256)"),
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ),
        ),
    }
}

/// `bytes(x)` / `bytearray(x)`: from an int (zeros), a str with an
/// encoding, a bytes-like value or an iterable of ints.
pub fn construct(vm: &mut Vm, array: bool, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let name = if array { "bytearray" } else { "bytes" };
    let mut pos: Vec<Value> = args.to_vec();
    for (k, v) in kw {
        match &**k {
            "source" if pos.is_empty() => pos.push(v.clone()),
            "encoding" | "errors" => pos.push(v.clone()),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for {name}()"),
                )
            }
        }
    }
    arity(name, &pos, 0, 3)?;
    let Some(src) = pos.first() else {
        return Ok(make(Vec::new(), array));
    };
    if let Some(text) = crate::object::heap::as_pystr(src) {
        let Some(enc) = pos.get(1) else {
            return raise(ExcKind::TypeError, "string argument without an encoding");
        };
        let Some(enc) = as_str(enc).map(str::to_string) else {
            return raise(
                ExcKind::TypeError,
                format!(
                    "{name}() argument 'encoding' must be str, not {}",
                    type_name(enc)
                ),
            );
        };
        let errors = pos.get(2).and_then(as_str).unwrap_or("strict").to_string();
        let encoded = crate::types::string::encode_as(vm, text, &enc, &errors)?;
        return Ok(make(bytes_of(&encoded).unwrap_or_default(), array));
    }
    if pos.len() > 1 {
        return raise(ExcKind::TypeError, "encoding without a string argument");
    }
    if let Some(b) = bytes_of(src) {
        return Ok(make(b, array));
    }
    if let Some(n) = int_of(src) {
        return match n {
            IntVal::Small(n) if n < 0 => raise(ExcKind::ValueError, "negative count"),
            IntVal::Small(n) if crate::protocol::ops::fits_in_memory(n as usize) => {
                let mut data = Vec::new();
                if data.try_reserve_exact(n as usize).is_err() {
                    return raise(ExcKind::MemoryError, "");
                }
                data.resize(n as usize, 0);
                Ok(make(data, array))
            }
            _ => raise(ExcKind::MemoryError, ""),
        };
    }
    let items = to_vec(vm, src).map_err(|_| {
        crate::object::exceptions::PyErr::new(
            ExcKind::TypeError,
            format!("cannot convert '{}' object to {name}", type_name(src)),
        )
    })?;
    let data = items
        .iter()
        .map(|v| match byte_value(v) {
            Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::ValueError) => {
                raise(ExcKind::ValueError, "bytes must be in range(0, 256)")
            }
            r => r,
        })
        .collect::<PyResult<Vec<u8>>>()?;
    Ok(make(data, array))
}

/// `a + b`, `a * n`, when `a` or `b` is bytes-like; None otherwise.
pub fn binary_op(op: BinaryOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    match op {
        BinaryOp::Add => {
            let x = bytes_of(a)?;
            Some(match bytes_of(b) {
                Some(y) => Ok(make([x, y].concat(), is_array(a))),
                None => raise(
                    ExcKind::TypeError,
                    format!("can't concat {} to {}", type_name(b), type_name(a)),
                ),
            })
        }
        BinaryOp::Multiply => {
            let (data, n, array) = match (bytes_of(a), bytes_of(b)) {
                (Some(x), None) => (x, b, is_array(a)),
                (None, Some(y)) => (y, a, is_array(b)),
                _ => return None,
            };
            let n = match int_of(n) {
                Some(IntVal::Small(n)) => n.max(0) as u128,
                Some(IntVal::Big(_)) => {
                    return Some(raise(
                        ExcKind::OverflowError,
                        "cannot fit 'int' into an index-sized integer",
                    ))
                }
                None => return None,
            };
            let total = data.len() as u128 * n;
            // (CPython: past the largest size, bytes say so and a
            // bytearray is out of memory; below it, what the machine can
            // hold decides.)
            if total > isize::MAX as u128 && !array {
                return Some(raise(ExcKind::OverflowError, "repeated bytes are too long"));
            }
            if total > isize::MAX as u128 || !crate::protocol::ops::fits_in_memory(total as usize) {
                return Some(raise(ExcKind::MemoryError, ""));
            }
            Some(Ok(make(data.repeat(n as usize), array)))
        }
        _ => None,
    }
}

/// Comparison of two bytes-like values; None when one is not.
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (bytes_of(a)?, bytes_of(b)?);
    let o = x.cmp(&y);
    Some(match op {
        CompareOp::Lt => o.is_lt(),
        CompareOp::Le => o.is_le(),
        CompareOp::Eq => o.is_eq(),
        CompareOp::Ne => o.is_ne(),
        CompareOp::Gt => o.is_gt(),
        CompareOp::Ge => o.is_ge(),
    })
}

/// `b[i]` (an int) or `b[i:j:k]` (same type).
pub fn getitem(container: &Value, index: &Value) -> PyResult<Value> {
    let data = bytes_of(container).unwrap_or_default();
    if let Some(Object::Slice(SliceObj { start, stop, step })) = index.as_obj() {
        let (start, _, step, count) = slice_indices(start, stop, step, data.len())?;
        let out = (0..count)
            .map(|i| data[(start + step * i as i64) as usize])
            .collect();
        return Ok(make(out, is_array(container)));
    }
    let what = if is_array(container) {
        "bytearray"
    } else {
        "byte"
    };
    match seq_index(index, data.len(), what)? {
        Some(i) => Ok(Value::Int(data[i] as i64)),
        None => raise(
            ExcKind::IndexError,
            if is_array(container) {
                "bytearray index out of range"
            } else {
                "index out of range"
            },
        ),
    }
}

/// `ba[i] = x` / `ba[i:j] = iterable` for bytearray.
pub fn setitem(vm: &mut Vm, container: &Value, index: &Value, value: &Value) -> PyResult<()> {
    let Some(Object::ByteArray(cell)) = container.as_obj() else {
        return raise(
            ExcKind::TypeError,
            "'bytes' object does not support item assignment",
        );
    };
    if let Some(Object::Slice(SliceObj { start, stop, step })) = index.as_obj() {
        let new = match bytes_of(value) {
            Some(b) => b,
            None => to_vec(vm, value)?
                .iter()
                .map(byte_value)
                .collect::<PyResult<Vec<u8>>>()?,
        };
        let len = cell.borrow().len();
        let (s, e, st, count) = slice_indices(start, stop, step, len)?;
        let mut data = cell.borrow_mut();
        if st == 1 {
            let e = e.max(s);
            data.splice(s as usize..e as usize, new);
            return Ok(());
        }
        if new.len() != count {
            return raise(
                ExcKind::ValueError,
                format!(
                    "attempt to assign bytes of size {} to extended slice of size {count}",
                    new.len()
                ),
            );
        }
        for (i, b) in new.into_iter().enumerate() {
            data[(s + st * i as i64) as usize] = b;
        }
        return Ok(());
    }
    let b = byte_value(value)?;
    let len = cell.borrow().len();
    match seq_index(index, len, "bytearray")? {
        Some(i) => {
            cell.borrow_mut()[i] = b;
            Ok(())
        }
        None => raise(ExcKind::IndexError, "bytearray index out of range"),
    }
}

/// `del b[i]` / `del b[i:j:k]` for a bytearray.
pub fn delitem(container: &Value, index: &Value) -> PyResult<()> {
    let Some(Object::ByteArray(cell)) = container.as_obj() else {
        return crate::protocol::slots::no_item_deletion(container, index);
    };
    let len = cell.borrow().len();
    if let Some(Object::Slice(SliceObj { start, stop, step })) = index.as_obj() {
        let (s, e, st, count) = slice_indices(start, stop, step, len)?;
        let mut data = cell.borrow_mut();
        if st == 1 {
            data.drain(s as usize..e.max(s) as usize);
            return Ok(());
        }
        let mut gone: Vec<usize> = (0..count).map(|i| (s + st * i as i64) as usize).collect();
        gone.sort_unstable();
        for p in gone.into_iter().rev() {
            data.remove(p);
        }
        return Ok(());
    }
    match seq_index(index, len, "bytearray")? {
        Some(i) => {
            cell.borrow_mut().remove(i);
            Ok(())
        }
        None => raise(ExcKind::IndexError, "bytearray index out of range"),
    }
}

/// `x in b`: an int byte or a bytes-like substring.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    let data = bytes_of(container).unwrap_or_default();
    if let Some(sub) = bytes_of(item) {
        return Ok(find(&data, &sub, 0).is_some());
    }
    if int_of(item).is_some() {
        let b = byte_value(item)?;
        return Ok(data.contains(&b));
    }
    raise(
        ExcKind::TypeError,
        format!("a bytes-like object is required, not '{}'", type_name(item)),
    )
}

/// The ints of a bytes-like value, for iteration.
pub fn items(v: &Value) -> Vec<Value> {
    bytes_of(v)
        .unwrap_or_default()
        .into_iter()
        .map(|b| Value::Int(b as i64))
        .collect()
}

pub(crate) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    (from..hay.len().saturating_sub(needle.len() - 1)).find(|&i| hay[i..].starts_with(needle))
}

pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..].starts_with(needle))
}

pub(crate) fn recv(s: Option<&Value>) -> PyResult<(Vec<u8>, bool)> {
    match s {
        Some(v) => match bytes_of(v) {
            Some(b) => Ok((b, is_array(crate::object::instance::unwrap(v)))),
            None => raise(ExcKind::TypeError, "descriptor requires a 'bytes' object"),
        },
        None => raise(ExcKind::TypeError, "descriptor requires a 'bytes' object"),
    }
}

/// A native function's required first argument `data`: any bytes-like
/// value (`binascii`, `zlib`).
pub(crate) fn data_arg(v: Option<&Value>) -> PyResult<Vec<u8>> {
    match v {
        Some(v) => arg_bytes(v),
        None => raise(
            ExcKind::TypeError,
            "missing required argument 'data' (pos 1)",
        ),
    }
}

/// A bytes-like argument's bytes, or CPython's TypeError.
pub(crate) fn arg_bytes(v: &Value) -> PyResult<Vec<u8>> {
    match bytes_of(v) {
        Some(b) => Ok(b),
        None => raise(
            ExcKind::TypeError,
            format!("a bytes-like object is required, not '{}'", type_name(v)),
        ),
    }
}

pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn m_decode(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (data, _) = recv(s)?;
    let mut encoding = "utf-8".to_string();
    let mut errors = "strict".to_string();
    for (i, a) in args.iter().enumerate() {
        let text = as_str(a).unwrap_or("").to_string();
        if i == 0 {
            encoding = text;
        } else {
            errors = text;
        }
    }
    for (k, v) in kw {
        let text = as_str(v).unwrap_or("").to_string();
        match &**k {
            "encoding" => encoding = text,
            "errors" => errors = text,
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for decode()"),
                )
            }
        }
    }
    decode(vm, &data, &encoding, &errors)
}

/// `bytes.decode(encoding, errors)`: UTF-8, ASCII and Latin-1 here, any
/// other codec through the codec registry (`codecs.decode`).
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<Value> {
    let norm = encoding.to_ascii_lowercase().replace('_', "-");
    let codec = match norm.as_str() {
        "utf-8" | "utf8" | "u8" => "utf-8",
        "ascii" | "us-ascii" => "ascii",
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => "latin-1",
        _ => {
            let info = crate::types::text_codecs::lookup_codec(vm, encoding)?;
            let f = crate::protocol::getitem(vm, &info, &Value::Int(1))?;
            let input = Value::obj(NewObject::Bytes(data.to_vec()));
            let r = crate::protocol::call(vm, &f, &[input, new_str(errors)], &[])?;
            let out = crate::protocol::getitem(vm, &r, &Value::Int(0))?;
            if !matches!(out.as_obj(), Some(Object::Str(_))) {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                        type_name(&out)
                    ),
                );
            }
            return Ok(out);
        }
    };
    let (text, _) = crate::types::text_codecs::decode_bytes(data, codec, errors, true)?;
    Ok(Value::obj(crate::object::heap::NewObject::Str(text)))
}

/// `bytes.hex(sep=None, bytes_per_sep=1)`.
pub(crate) fn m_hex(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = crate::object::args::bind_args("hex", &["sep", "bytes_per_sep"], args, kw)?;
    let (data, _) = recv(s)?;
    let hex = hex_with_sep(&data, args[0].as_ref(), args[1].as_ref())?;
    Ok(new_str(String::from_utf8_lossy(&hex).into_owned()))
}

/// Lower-case hex digits of `data`, with the one-character separator
/// `sep` (str or bytes; None: none) between groups of `bytes_per_sep`
/// bytes, counted from the right when positive, from the left when
/// negative (`bytes.hex`, `binascii.hexlify`).
pub fn hex_with_sep(data: &[u8], sep: Option<&Value>, per: Option<&Value>) -> PyResult<Vec<u8>> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let plain = || {
        data.iter()
            .flat_map(|b| [HEX[(b >> 4) as usize], HEX[(b & 15) as usize]])
            .collect()
    };
    let sep = match sep {
        None | Some(Value::None) => return Ok(plain()),
        Some(v) => match as_str(v)
            .map(|t| t.as_bytes().to_vec())
            .or_else(|| bytes_of(v))
        {
            Some(b) if b.len() == 1 && b[0].is_ascii() => b[0],
            Some(b) if b.len() == 1 || as_str(v).is_some_and(|t| t.chars().count() == 1) => {
                return raise(ExcKind::ValueError, "sep must be ASCII.")
            }
            Some(_) => return raise(ExcKind::ValueError, "sep must be length 1."),
            None => return raise(ExcKind::TypeError, "sep must be str or bytes."),
        },
    };
    let per = match per {
        None => 1,
        Some(v) => match crate::protocol::ops::int_of(v) {
            Some(crate::protocol::ops::IntVal::Small(n)) => n,
            Some(_) => {
                return raise(
                    ExcKind::OverflowError,
                    "Python int too large to convert to C int",
                )
            }
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(v)
                    ),
                )
            }
        },
    };
    let group = per.unsigned_abs() as usize;
    if group == 0 || data.is_empty() {
        return Ok(plain());
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
    Ok(out)
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)` (class methods).
pub fn fromhex(args: &[Value], array: bool) -> PyResult<Value> {
    let text = match args.first().and_then(as_str) {
        Some(t) => t.to_string(),
        None => return raise(ExcKind::TypeError, "fromhex() argument must be str"),
    };
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let pos = if hi.is_none() { i } else { i + 1 };
                return raise(
                    ExcKind::ValueError,
                    format!("non-hexadecimal number found in fromhex() arg at position {pos}"),
                );
            }
        }
        i += 2;
    }
    Ok(make(out, array))
}

fn m_split(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("split", kw)?;
    arity("split", args, 0, 2)?;
    let (data, array) = recv(s)?;
    let maxsplit = match args.get(1).map(int_of) {
        Some(Some(IntVal::Small(n))) if n >= 0 => n as usize,
        _ => usize::MAX,
    };
    let mut parts = Vec::new();
    match args.first().filter(|a| !matches!(a, Value::None)) {
        None => {
            let mut i = 0;
            while i < data.len() {
                while i < data.len() && is_space(data[i]) {
                    i += 1;
                }
                if i >= data.len() {
                    break;
                }
                if parts.len() == maxsplit {
                    let mut end = data.len();
                    while end > i && is_space(data[end - 1]) {
                        end -= 1;
                    }
                    parts.push(data[i..end].to_vec());
                    break;
                }
                let start = i;
                while i < data.len() && !is_space(data[i]) {
                    i += 1;
                }
                parts.push(data[start..i].to_vec());
            }
        }
        Some(sep) => {
            let sep = arg_bytes(sep)?;
            if sep.is_empty() {
                return raise(ExcKind::ValueError, "empty separator");
            }
            let mut start = 0;
            while parts.len() < maxsplit {
                match find(&data, &sep, start) {
                    Some(p) => {
                        parts.push(data[start..p].to_vec());
                        start = p + sep.len();
                    }
                    None => break,
                }
            }
            parts.push(data[start..].to_vec());
        }
    }
    Ok(new_list(
        parts.into_iter().map(|p| make(p, array)).collect(),
    ))
}

fn m_join(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("join", kw)?;
    arity("join", args, 1, 1)?;
    let (sep, array) = recv(s)?;
    let mut out = Vec::new();
    for (i, item) in to_vec(vm, &args[0])?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match bytes_of(item) {
            Some(b) => out.extend(b),
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        type_name(item)
                    ),
                )
            }
        }
    }
    Ok(make(out, array))
}

fn strip_impl(s: Option<&Value>, args: &[Value], left: bool, right: bool) -> PyResult<Value> {
    arity("strip", args, 0, 1)?;
    let (data, array) = recv(s)?;
    let chars = match args.first().filter(|a| !matches!(a, Value::None)) {
        Some(c) => Some(arg_bytes(c)?),
        None => None,
    };
    let strip = |b: u8| match &chars {
        Some(c) => c.contains(&b),
        None => is_space(b),
    };
    let mut start = 0;
    let mut end = data.len();
    if left {
        while start < end && strip(data[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && strip(data[end - 1]) {
            end -= 1;
        }
    }
    Ok(make(data[start..end].to_vec(), array))
}

fn m_strip(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    strip_impl(s, args, true, true)
}

fn m_lstrip(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    strip_impl(s, args, true, false)
}

fn m_rstrip(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    strip_impl(s, args, false, true)
}

/// The `[start:end]` window `find`, `index` and `count` search (slice
/// semantics: negative bounds count from the end, None is no bound).
pub(crate) fn window(args: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let bound = |v: Option<&Value>, default: usize| -> PyResult<usize> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => match int_of(v) {
                Some(IntVal::Small(i)) if i < 0 => Ok((len as i64 + i).max(0) as usize),
                Some(IntVal::Small(i)) => Ok((i as usize).min(len)),
                Some(IntVal::Big(b)) if num_traits::Signed::is_negative(b) => Ok(0),
                Some(IntVal::Big(_)) => Ok(len),
                None => crate::protocol::ops::not_an_integer(v),
            },
        }
    };
    Ok((bound(args.get(1), 0)?, bound(args.get(2), len)?))
}

/// Where `needle` first (or, with `last`, last) occurs in
/// `data[start:end]` (the arguments after the needle), as an offset into
/// `data`.
pub(crate) fn find_in(data: &[u8], args: &[Value], last: bool) -> PyResult<Option<usize>> {
    let needle = needle_of(&args[0])?;
    let (lo, hi) = window(args, data.len())?;
    if lo > hi || hi - lo < needle.len() {
        return Ok(None);
    }
    let hay = &data[lo..hi];
    Ok(if last {
        rfind(hay, &needle)
    } else {
        find(hay, &needle, 0)
    }
    .map(|p| p + lo))
}

fn m_find(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("find", args, 1, 3)?;
    let (data, _) = recv(s)?;
    Ok(Value::Int(
        find_in(&data, args, false)?.map_or(-1, |p| p as i64),
    ))
}

fn m_rfind(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("rfind", args, 1, 3)?;
    let (data, _) = recv(s)?;
    Ok(Value::Int(
        find_in(&data, args, true)?.map_or(-1, |p| p as i64),
    ))
}

fn m_index(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("index", args, 1, 3)?;
    let (data, _) = recv(s)?;
    match find_in(&data, args, false)? {
        Some(p) => Ok(Value::Int(p as i64)),
        None => raise(ExcKind::ValueError, "subsection not found"),
    }
}

fn needle_of(v: &Value) -> PyResult<Vec<u8>> {
    if int_of(v).is_some() {
        return Ok(vec![byte_value(v)?]);
    }
    arg_bytes(v)
}

fn m_count(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("count", args, 1, 3)?;
    let (all, _) = recv(s)?;
    let needle = needle_of(&args[0])?;
    let (lo, hi) = window(args, all.len())?;
    if lo > hi {
        return Ok(Value::Int(0));
    }
    let data = &all[lo..hi];
    if needle.is_empty() {
        return Ok(Value::Int(data.len() as i64 + 1));
    }
    let mut n = 0;
    let mut at = 0;
    while let Some(p) = find(data, &needle, at) {
        n += 1;
        at = p + needle.len();
    }
    Ok(Value::Int(n))
}

fn m_replace(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("replace", args, 2, 3)?;
    let (data, array) = recv(s)?;
    let (old, new) = (arg_bytes(&args[0])?, arg_bytes(&args[1])?);
    let limit = match args.get(2).map(int_of) {
        Some(Some(IntVal::Small(n))) if n >= 0 => n as usize,
        _ => usize::MAX,
    };
    let mut out = Vec::new();
    let mut at = 0;
    let mut done = 0;
    while done < limit {
        let Some(p) = find(&data, &old, at) else {
            break;
        };
        out.extend_from_slice(&data[at..p]);
        out.extend_from_slice(&new);
        if old.is_empty() {
            if p < data.len() {
                out.push(data[p]);
            }
            at = p + 1;
            if at > data.len() {
                break;
            }
        } else {
            at = p + old.len();
        }
        done += 1;
    }
    if at <= data.len() {
        out.extend_from_slice(&data[at..]);
    }
    Ok(make(out, array))
}

/// `startswith` / `endswith`(prefix or tuple of prefixes[, start[,
/// end]]): slice bounds, but a start past the end matches nothing, not
/// even an empty prefix (CPython's `tailmatch`).
fn affix(s: Option<&Value>, args: &[Value], start: bool) -> PyResult<Value> {
    let name = if start { "startswith" } else { "endswith" };
    crate::object::args::parse_tuple_arity(name, args, 1, 3)?;
    let (data, _) = recv(s)?;
    let (lo, hi) = window(args, data.len())?;
    let beyond = match args.get(1).map(int_of) {
        Some(Some(IntVal::Small(i))) => i > data.len() as i64,
        Some(Some(IntVal::Big(b))) => !num_traits::Signed::is_negative(b),
        _ => false,
    };
    if beyond || lo > hi {
        return Ok(Value::Bool(false));
    }
    let hay = &data[lo..hi];
    let candidates: Vec<Value> = match args[0].as_obj() {
        Some(Object::Tuple(t)) => t.clone(),
        _ => {
            if arg_bytes(&args[0]).is_err() {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "{name} first arg must be bytes or a tuple of bytes, not {}",
                        type_name(&args[0])
                    ),
                );
            }
            vec![args[0].clone()]
        }
    };
    for c in &candidates {
        let c = arg_bytes(c)?;
        if (start && hay.starts_with(&c)) || (!start && hay.ends_with(&c)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn m_startswith(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    affix(s, args, true)
}

fn m_endswith(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    affix(s, args, false)
}

macro_rules! map_bytes {
    ($($name:ident => $f:expr;)*) => {
        $(
            fn $name(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
                arity(stringify!($name), args, 0, 0)?;
                let (data, array) = recv(s)?;
                #[allow(clippy::redundant_closure_call)]
                Ok(make(($f)(data), array))
            }
        )*
    };
}

map_bytes! {
    m_upper => |d: Vec<u8>| d.to_ascii_uppercase();
    m_lower => |d: Vec<u8>| d.to_ascii_lowercase();
    m_swapcase => |d: Vec<u8>| d.into_iter().map(|b: u8| if b.is_ascii_lowercase() { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }).collect::<Vec<u8>>();
    m_capitalize => |d: Vec<u8>| d.iter().enumerate().map(|(i, b)| if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }).collect::<Vec<u8>>();
}

macro_rules! predicates {
    ($($name:ident => $f:expr;)*) => {
        $(
            fn $name(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
                arity(stringify!($name), args, 0, 0)?;
                let (data, _) = recv(s)?;
                Ok(Value::Bool(!data.is_empty() && data.iter().all(|b: &u8| ($f)(*b))))
            }
        )*
    };
}

predicates! {
    m_isdigit => |b: u8| b.is_ascii_digit();
    m_isalpha => |b: u8| b.is_ascii_alphabetic();
    m_isalnum => |b: u8| b.is_ascii_alphanumeric();
    m_isspace => is_space;
    m_isupper => |b: u8| !b.is_ascii_lowercase();
    m_islower => |b: u8| !b.is_ascii_uppercase();
}

fn array_of(s: Option<&Value>) -> PyResult<&RefCell<Vec<u8>>> {
    match s
        .map(crate::object::instance::unwrap)
        .and_then(Value::as_obj)
    {
        Some(Object::ByteArray(b)) => Ok(b),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'bytearray' object",
        ),
    }
}

fn m_append(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("append", args, 1, 1)?;
    let b = byte_value(&args[0])?;
    array_of(s)?.borrow_mut().push(b);
    Ok(Value::None)
}

fn m_extend(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("extend", args, 1, 1)?;
    let data = match bytes_of(&args[0]) {
        Some(b) => b,
        None => to_vec(vm, &args[0])?
            .iter()
            .map(byte_value)
            .collect::<PyResult<Vec<u8>>>()?,
    };
    array_of(s)?.borrow_mut().extend(data);
    Ok(Value::None)
}

fn m_pop(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("pop", args, 0, 1)?;
    let cell = array_of(s)?;
    let len = cell.borrow().len();
    if len == 0 {
        return raise(ExcKind::IndexError, "pop from empty bytearray");
    }
    let i = match args.first() {
        Some(ix) => match seq_index(ix, len, "bytearray")? {
            Some(i) => i,
            None => return raise(ExcKind::IndexError, "pop index out of range"),
        },
        None => len - 1,
    };
    Ok(Value::Int(cell.borrow_mut().remove(i) as i64))
}

fn m_clear(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("clear", args, 0, 0)?;
    array_of(s)?.borrow_mut().clear();
    Ok(Value::None)
}

fn m_reverse(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("reverse", args, 0, 0)?;
    array_of(s)?.borrow_mut().reverse();
    Ok(Value::None)
}

fn m_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("copy", args, 0, 0)?;
    Ok(make(array_of(s)?.borrow().clone(), true))
}

/// The methods of `bytes`, which `bytearray` has too.
pub const BYTES_MEMBERS: &[Member] = &[
    Member::ClassMethod("fromhex", crate::protocol::subclass::fromhex),
    Member::Method("decode", m_decode),
    Member::Method("hex", m_hex),
    Member::Method("split", m_split),
    Member::Method("join", m_join),
    Member::Method("strip", m_strip),
    Member::Method("lstrip", m_lstrip),
    Member::Method("rstrip", m_rstrip),
    Member::Method("find", m_find),
    Member::Method("rfind", m_rfind),
    Member::Method("index", m_index),
    Member::Method("count", m_count),
    Member::Method("replace", m_replace),
    Member::Method("startswith", m_startswith),
    Member::Method("endswith", m_endswith),
    Member::Method("upper", m_upper),
    Member::Method("lower", m_lower),
    Member::Method("swapcase", m_swapcase),
    Member::Method("capitalize", m_capitalize),
    Member::Method("isdigit", m_isdigit),
    Member::Method("isalpha", m_isalpha),
    Member::Method("isalnum", m_isalnum),
    Member::Method("isspace", m_isspace),
    Member::Method("isupper", m_isupper),
    Member::Method("islower", m_islower),
];

/// The methods only `bytearray` has.
pub const BYTEARRAY_MUTATORS: &[Member] = &[
    Member::Method("append", m_append),
    Member::Method("extend", m_extend),
    Member::Method("pop", m_pop),
    Member::Method("clear", m_clear),
    Member::Method("reverse", m_reverse),
    Member::Method("copy", m_copy),
];
