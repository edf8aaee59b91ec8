//! Methods of `int` and `float` beyond arithmetic: `int.to_bytes` /
//! `int.from_bytes`, `bit_count`, `as_integer_ratio`, and `float.hex` /
//! `float.fromhex` (exact, as CPython's `float_hex` and
//! `float_fromhex`).

use crate::object::args::arity;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_str, new_tuple};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, int_value, IntVal};
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn big_of(v: &Value) -> Option<BigInt> {
    match int_of(v)? {
        IntVal::Small(i) => Some(BigInt::from(i)),
        IntVal::Big(b) => Some(b.clone()),
    }
}

/// Reads `length`, `byteorder` and `signed` (positional or keyword).
fn byte_args(args: &[Value], kw: Kw<'_>, defaults_len: bool) -> PyResult<(usize, bool, bool)> {
    let mut length = if defaults_len {
        Some(Value::Int(1))
    } else {
        None
    };
    let mut order = Some(new_str("big"));
    let mut signed = false;
    for (i, a) in args.iter().enumerate() {
        match i {
            0 => length = Some(a.clone()),
            1 => order = Some(a.clone()),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    "to_bytes() takes at most 2 positional arguments",
                )
            }
        }
    }
    for (k, v) in kw {
        match &**k {
            "length" => length = Some(v.clone()),
            "byteorder" => order = Some(v.clone()),
            "signed" => signed = crate::protocol::ops::truthy(v),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for to_bytes()"),
                )
            }
        }
    }
    let length = match length.as_ref().map(int_of) {
        Some(Some(IntVal::Small(n))) if n >= 0 => n as usize,
        Some(Some(_)) => return raise(ExcKind::ValueError, "length argument must be non-negative"),
        _ => 1,
    };
    let little = match order.as_ref().and_then(as_str) {
        Some("little") => true,
        Some("big") => false,
        _ => {
            return raise(
                ExcKind::ValueError,
                "byteorder must be either 'little' or 'big'",
            )
        }
    };
    Ok((length, little, signed))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub fn int_to_bytes(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let n = s.and_then(big_of).unwrap_or_default();
    let (length, little, signed) = byte_args(args, kw, true)?;
    if n.is_negative() && !signed {
        return raise(
            ExcKind::OverflowError,
            "can't convert negative int to unsigned",
        );
    }
    let mut bytes = if signed {
        n.to_signed_bytes_be()
    } else {
        n.to_bytes_be().1
    };
    if n.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length {
        return raise(ExcKind::OverflowError, "int too big to convert");
    }
    if length > 1 << 32 {
        return raise(ExcKind::MemoryError, "");
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; length - bytes.len()];
    out.extend(bytes);
    if little {
        out.reverse();
    }
    Ok(Value::obj(NewObject::Bytes(out)))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a class
/// method: the first argument is the class).
pub fn int_from_bytes(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let Some((cls, rest)) = args.split_first() else {
        return raise(
            ExcKind::TypeError,
            "from_bytes() missing required argument 'bytes'",
        );
    };
    let Some(src) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "from_bytes() missing required argument 'bytes'",
        );
    };
    if crate::object::heap::as_str(src).is_some() {
        return raise(ExcKind::TypeError, "cannot convert 'str' object to bytes");
    }
    let data = match crate::types::bytes::bytes_of(src) {
        Some(d) => d,
        None => {
            let v = crate::types::bytes::construct(vm, false, std::slice::from_ref(src), &[])?;
            crate::types::bytes::bytes_of(&v).unwrap_or_default()
        }
    };
    let mut pos = vec![Value::Int(0)];
    pos.extend(rest[1..].iter().cloned());
    let (_, little, signed) = byte_args(&pos, kw, true)?;
    let mut be = data;
    if little {
        be.reverse();
    }
    let n = if signed {
        BigInt::from_signed_bytes_be(&be)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &be)
    };
    let v = int_value(n);
    if crate::object::builtin_types::is_class_object(cls) {
        return crate::object::upcalls::call(vm, cls, &[v], &[]);
    }
    Ok(v)
}

/// `int.bit_count()`.
pub fn int_bit_count(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("bit_count", args, 0, 0)?;
    let n = s.and_then(big_of).unwrap_or_default();
    let ones: u64 = n
        .magnitude()
        .to_u64_digits()
        .iter()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(Value::Int(ones as i64))
}

/// `int.as_integer_ratio()`.
pub fn int_as_integer_ratio(
    _: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    arity("as_integer_ratio", args, 0, 0)?;
    let n = s.and_then(big_of).unwrap_or_default();
    Ok(new_tuple(vec![int_value(n), Value::Int(1)]))
}

fn float_of(s: Option<&Value>) -> f64 {
    match s.map(crate::object::instance::unwrap) {
        Some(Value::Float(f)) => *f,
        _ => 0.0,
    }
}

/// `float.as_integer_ratio()`: the exact fraction in lowest terms.
pub fn float_as_integer_ratio(
    _: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    arity("as_integer_ratio", args, 0, 0)?;
    let (num, den) = f64_integer_ratio(float_of(s))?;
    Ok(new_tuple(vec![int_value(num), int_value(den)]))
}

/// The exact fraction of a finite float, in lowest terms
/// (`float.as_integer_ratio`), or CPython's error for NaN and infinities.
pub fn f64_integer_ratio(f: f64) -> PyResult<(BigInt, BigInt)> {
    if f.is_nan() {
        return raise(ExcKind::ValueError, "cannot convert NaN to integer ratio");
    }
    if f.is_infinite() {
        return raise(
            ExcKind::OverflowError,
            "cannot convert Infinity to integer ratio",
        );
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = bits & ((1 << 52) - 1);
    let e = if exp == 0 {
        -1074
    } else {
        mant |= 1 << 52;
        exp - 1075
    };
    if mant == 0 {
        return Ok((BigInt::from(0), BigInt::from(1)));
    }
    let tz = mant.trailing_zeros() as i64;
    mant >>= tz;
    let e = e + tz;
    let mut num = BigInt::from(mant);
    let mut den = BigInt::from(1);
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if f < 0.0 {
        num = -num;
    }
    Ok((num, den))
}

/// `float.hex()`: `0x1.999999999999ap-4`, as CPython prints it.
pub fn float_hex(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("hex", args, 0, 0)?;
    let f = float_of(s);
    if f.is_nan() {
        return Ok(new_str("nan"));
    }
    if f.is_infinite() {
        return Ok(new_str(if f > 0.0 { "inf" } else { "-inf" }));
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return Ok(new_str(format!("{sign}0x0.0p+0")));
    }
    let bits = f.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let digits = format!("{mant:013x}");
    Ok(new_str(format!(
        "{sign}0x{lead}.{digits}p{}{}",
        if e >= 0 { "+" } else { "-" },
        e.abs()
    )))
}

/// `float.fromhex(s)`.
pub fn float_fromhex(args: &[Value]) -> PyResult<Value> {
    let Some(text) = args.first().and_then(as_str) else {
        return raise(ExcKind::TypeError, "fromhex() argument must be str");
    };
    let bad = || {
        raise(
            ExcKind::ValueError,
            "invalid hexadecimal floating-point string",
        )
    };
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = t.to_ascii_lowercase();
    let sign = if neg { -1.0 } else { 1.0 };
    match lower.as_str() {
        "inf" | "infinity" => return Ok(Value::Float(sign * f64::INFINITY)),
        "nan" => return Ok(Value::Float(f64::NAN)),
        _ => {}
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match body.split_once('p') {
        Some((m, e)) => match e.parse::<i64>() {
            Ok(e) => (m, e),
            Err(_) => return bad(),
        },
        None => (body, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return bad();
    }
    let mut value = BigInt::zero();
    for c in int_part.chars().chain(frac_part.chars()) {
        let Some(d) = c.to_digit(16) else {
            return bad();
        };
        value = value * 16 + d;
    }
    let e2 = exp - 4 * frac_part.len() as i64;
    // Exact value * 2**e2, rounded once to the nearest double.
    let f = crate::protocol::ops::int_to_f64(&IntVal::Big(&value)).unwrap_or(f64::INFINITY);
    let r = if value.bits() <= 53 {
        ldexp(f, e2)
    } else {
        // Keep (up to) 64 significant bits and a sticky bit, then round.
        let shift = (value.bits() as i64 - 64).max(0);
        let top = (&value >> shift as usize).to_u64().unwrap_or(0);
        let sticky = (&value & ((BigInt::from(1) << shift as usize) - 1)) != BigInt::zero();
        let top = top | sticky as u64;
        ldexp(top as f64, e2 + shift)
    };
    if r.is_infinite() {
        return raise(
            ExcKind::OverflowError,
            "hexadecimal value too large to represent as a float",
        );
    }
    Ok(Value::Float(sign * r))
}

/// `x * 2**e` without intermediate overflow or double rounding for
/// normal results.
pub fn ldexp(x: f64, e: i64) -> f64 {
    let mut x = x;
    let mut e = e.clamp(-10000, 10000);
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}
