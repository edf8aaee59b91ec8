//! `int` (and so `bool`), `float` and `complex`: their attributes and
//! methods (the arithmetic is `ops`; more methods are in `numbers`).

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, new_str, type_name};
use crate::object::value::Value;
use crate::protocol::ops::{self, int_of, IntVal};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::Signed;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn m_int_bit_length(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("bit_length", kw)?;
    arity("bit_length", args, 0, 0)?;
    Ok(Value::Int(match s.and_then(int_of) {
        Some(IntVal::Small(i)) => 64 - i.unsigned_abs().leading_zeros() as i64,
        Some(IntVal::Big(b)) => b.bits() as i64,
        None => 0,
    }))
}

fn m_int_conjugate(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("conjugate", args, 0, 0)?;
    Ok(match s {
        Some(Value::Bool(b)) => Value::Int(*b as i64),
        Some(v) => v.clone(),
        None => Value::None,
    })
}

fn m_complex_conjugate(
    _: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    arity("conjugate", args, 0, 0)?;
    let (re, im) = s.and_then(crate::types::complex::parts).unwrap_or_default();
    Ok(crate::types::complex::make(re, -im))
}

fn m_float_is_integer(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("is_integer", args, 0, 0)?;
    Ok(Value::Bool(
        matches!(s, Some(Value::Float(f)) if f.is_finite() && f.fract() == 0.0),
    ))
}

/// The methods of `complex`.
pub const COMPLEX_MEMBERS: &[Member] = &[
    Member::Getter("real", |v| {
        Ok(Value::Float(
            crate::types::complex::parts(v).unwrap_or_default().0,
        ))
    }),
    Member::Getter("imag", |v| {
        Ok(Value::Float(
            crate::types::complex::parts(v).unwrap_or_default().1,
        ))
    }),
    Member::Method("conjugate", m_complex_conjugate),
];

/// The methods of `int` (and so of `bool`).
pub const INT_MEMBERS: &[Member] = &[
    Member::Getter("real", int_itself),
    Member::Getter("numerator", int_itself),
    Member::Getter("imag", |_| Ok(Value::Int(0))),
    Member::Getter("denominator", |_| Ok(Value::Int(1))),
    Member::Method("bit_length", m_int_bit_length),
    Member::Method("to_bytes", crate::types::number_methods::int_to_bytes),
    Member::Method("bit_count", crate::types::number_methods::int_bit_count),
    Member::Method(
        "as_integer_ratio",
        crate::types::number_methods::int_as_integer_ratio,
    ),
    Member::Method("conjugate", m_int_conjugate),
    Member::ClassMethod("from_bytes", crate::types::number_methods::int_from_bytes),
];

/// An int as a plain int (`True.real` is 1).
fn int_itself(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::Bool(b) => Value::Int(*b as i64),
        _ => v.clone(),
    })
}

/// The methods of `float`.
pub const FLOAT_MEMBERS: &[Member] = &[
    Member::Getter("real", |v| Ok(v.clone())),
    Member::Getter("imag", |_| Ok(Value::Float(0.0))),
    Member::Method("is_integer", m_float_is_integer),
    Member::Method("hex", crate::types::number_methods::float_hex),
    Member::Method(
        "as_integer_ratio",
        crate::types::number_methods::float_as_integer_ratio,
    ),
    Member::Method("conjugate", m_int_conjugate),
    Member::ClassMethod("fromhex", crate::protocol::subclass::fromhex),
    Member::ClassMethod("__getformat__", float_getformat),
];

/// `float.__getformat__(typestr)`: how the machine stores doubles.
fn float_getformat(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("__getformat__", kw)?;
    let [_cls, typestr] = args else {
        return raise(
            ExcKind::TypeError,
            format!(
                "float.__getformat__() takes exactly one argument ({} given)",
                args.len().saturating_sub(1)
            ),
        );
    };
    match as_str(typestr) {
        Some("double" | "float") if cfg!(target_endian = "little") => {
            Ok(new_str("IEEE, little-endian"))
        }
        Some("double" | "float") => Ok(new_str("IEEE, big-endian")),
        Some(_) => raise(
            ExcKind::ValueError,
            "__getformat__() argument 1 must be 'double' or 'float'",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "__getformat__() argument must be str, not {}",
                type_name(typestr)
            ),
        ),
    }
}

/// Parses `int(str, base)`.
/// CPython 3.11's limit on decimal (non-power-of-two base) conversions
/// of huge strings to ints.
pub fn digits_within_limit(s: &str, base: u32) -> PyResult<()> {
    let limit = crate::object::state::int_max_str_digits();
    if limit == 0 || base.is_power_of_two() || s.len() <= limit {
        return Ok(());
    }
    let digits = s.bytes().filter(|b| b.is_ascii_alphanumeric()).count();
    if digits > limit {
        return raise(
            ExcKind::ValueError,
            format!(
                "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
        );
    }
    Ok(())
}

/// `int(s)` for the common case, without a big integer: up to 18
/// decimal digits with an optional sign and surrounding ASCII
/// whitespace, no underscores. None: not that case (`parse_int` decides).
pub fn parse_small_decimal(s: &str) -> Option<i64> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace()).as_bytes();
    let (neg, digits) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
    Some(if neg { -v } else { v })
}

pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let s = ascii_digits(s);
    let t = s.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = t.to_ascii_lowercase();
    let (base, digits, prefixed) = match (base, lower.get(..2)) {
        (16 | 0, Some("0x")) => (16, &t[2..], true),
        (8 | 0, Some("0o")) => (8, &t[2..], true),
        (2 | 0, Some("0b")) => (2, &t[2..], true),
        (b, _) => (b, t, false),
    };
    // Base 0 reads decimals as literals do: no leading zeros ("08").
    let (base, no_leading_zero) = if base == 0 { (10, true) } else { (base, false) };
    // One underscore may follow a base prefix ("0x_ff"), none may lead.
    let digits = match digits.strip_prefix('_') {
        Some(rest) if prefixed => rest,
        _ => digits,
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if no_leading_zero && clean.starts_with('0') && clean.bytes().any(|c| c != b'0') {
        return None;
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if neg { -v } else { v })
}

/// Parses `float(str)`.
pub fn parse_float(s: &str) -> Option<f64> {
    let s = ascii_digits(s);
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.strip_prefix(['+', '-']).unwrap_or(&lower);
    let neg = lower.starts_with('-');
    let special = match body {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    // An underscore only between two digits (`1_000.5`, not `1_.5`).
    let b = t.as_bytes();
    let misplaced = (0..b.len()).any(|i| {
        b[i] == b'_'
            && !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    if misplaced || lower.contains("inf") || lower.contains("nan") {
        return None;
    }
    let clean: String = t.chars().filter(|&c| c != '_').collect();
    clean.parse::<f64>().ok()
}

/// `s` with every Unicode decimal digit as its ASCII digit and every
/// other space as an ASCII one, as CPython's
/// `_PyUnicode_TransformDecimalAndSpaceToASCII` prepares the text of
/// `int()`, `float()` and `complex()` (`int('١٢')` is 12).
pub fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match taipan_bytecode::pyrepr::decimal_value(c) {
                Some(d) => char::from(b'0' + d as u8),
                None if taipan_bytecode::unichar::is_space(c) => ' ',
                None => c,
            })
            .collect(),
    )
}

/// Checked conversion of an int/float argument to f64 (math functions).
pub fn to_f64(v: &Value) -> PyResult<f64> {
    match crate::object::instance::unwrap(v) {
        Value::Float(f) => Ok(*f),
        _ => match int_of(v) {
            Some(i) => ops::int_to_f64(&i),
            None => raise(
                ExcKind::TypeError,
                format!("must be real number, not {}", type_name(v)),
            ),
        },
    }
}

/// A real-number argument as CPython's `PyFloat_AsDouble` reads it: a
/// float or int, else the value of the object's `__float__` (which must
/// return a float), else of its `__index__`.
pub fn real(vm: &mut crate::vm::Vm, v: &Value) -> PyResult<f64> {
    match crate::object::instance::unwrap(v) {
        Value::Float(f) => return Ok(*f),
        _ if int_of(v).is_some() => return to_f64(v),
        _ => {}
    }
    if let Some(r) = crate::object::classes::call_special(vm, v, "__float__", &[])? {
        return match crate::object::instance::unwrap(&r) {
            Value::Float(f) => Ok(*f),
            _ => raise(
                ExcKind::TypeError,
                format!(
                    "{}.__float__ returned non-float (type {})",
                    type_name(v),
                    type_name(&r)
                ),
            ),
        };
    }
    if let Some(i) = crate::object::classes::call_special(vm, v, "__index__", &[])? {
        if int_of(&i).is_some() {
            return to_f64(&i);
        }
    }
    to_f64(v)
}

/// `round(v, ndigits)` of an int or a float (or a subclass instance's
/// payload): banker's rounding, as `int.__round__` and `float.__round__`.
pub fn round(v: &Value, ndigits: Option<&Value>) -> PyResult<Value> {
    match (crate::object::instance::unwrap(v), ndigits) {
        (Value::Float(f), None) => {
            if !f.is_finite() {
                let msg = if f.is_nan() {
                    "cannot convert float NaN to integer"
                } else {
                    "cannot convert float infinity to integer"
                };
                return raise(
                    if f.is_nan() {
                        ExcKind::ValueError
                    } else {
                        ExcKind::OverflowError
                    },
                    msg,
                );
            }
            let r = f.round_ties_even();
            Ok(match num_traits::FromPrimitive::from_f64(r) {
                Some(b) => ops::int_value(b),
                None => Value::Int(0),
            })
        }
        (Value::Float(f), Some(nd)) => {
            let Some(IntVal::Small(n)) = int_of(nd) else {
                return raise(
                    ExcKind::TypeError,
                    "'float' object cannot be interpreted as an integer",
                );
            };
            if !f.is_finite() || n > 308 {
                return Ok(Value::Float(*f));
            }
            if n < -308 {
                // Every finite float rounds to a signed zero.
                return Ok(Value::Float(0.0f64.copysign(*f)));
            }
            // Correctly rounded via the shortest decimal repr of the scaled value.
            let s = format!("{:.*}", n.max(0) as usize, f);
            let r: f64 = if n >= 0 {
                s.parse().unwrap_or(*f)
            } else {
                let p = 10f64.powi((-n) as i32);
                (f / p).round_ties_even() * p
            };
            Ok(Value::Float(r))
        }
        (v, nd) if int_of(v).is_some() => {
            let n = match nd.map(int_of) {
                None => 0,
                Some(Some(IntVal::Small(n))) => n,
                Some(Some(IntVal::Big(b))) if b.is_negative() => i64::MIN,
                Some(Some(IntVal::Big(_))) => 0,
                Some(None) => return ops::not_an_integer(nd.unwrap_or(v)),
            };
            let x = match int_of(v) {
                Some(IntVal::Small(i)) => BigInt::from(i),
                Some(IntVal::Big(b)) => b.clone(),
                None => BigInt::from(0),
            };
            if n >= 0 {
                return Ok(ops::int_value(x));
            }
            if n < -4300 {
                return Ok(Value::Int(0));
            }
            // Round half to even at 10**-n, as int.__round__.
            let p = num_traits::pow(BigInt::from(10), (-n) as usize);
            let (q, r): (BigInt, BigInt) = num_integer::Integer::div_mod_floor(&x, &p);
            let twice: BigInt = &r * 2;
            let q = match twice.cmp(&p) {
                std::cmp::Ordering::Greater => q + 1,
                std::cmp::Ordering::Equal if num_integer::Integer::is_odd(&q) => q + 1,
                _ => q,
            };
            Ok(ops::int_value(q * p))
        }
        _ => raise(
            ExcKind::TypeError,
            format!("type {} doesn't define __round__ method", type_name(v)),
        ),
    }
}

/// `divmod(a, b)` of the built-in numbers.
pub fn divmod(a: &Value, b: &Value) -> PyResult<Value> {
    use taipan_bytecode::opcode::BinaryOp;
    let real = |v: &Value| {
        matches!(crate::object::instance::unwrap(v), Value::Float(_)) || int_of(v).is_some()
    };
    if !real(a) || !real(b) {
        return raise(
            ExcKind::TypeError,
            format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                type_name(a),
                type_name(b)
            ),
        );
    }
    let q = ops::binary_op(BinaryOp::FloorDivide, a, b)?;
    let r = ops::binary_op(BinaryOp::Remainder, a, b)?;
    Ok(crate::object::heap::new_tuple(vec![q, r]))
}

/// `x` rounded to an int by `to` (`floor`, `ceil`, `trunc`): an int
/// stays itself (a bool becomes its int), a float is rounded; NaN and
/// infinities raise as CPython's `math.floor` does.
pub fn round_to_int(x: &Value, to: fn(f64) -> f64) -> PyResult<Value> {
    if int_of(x).is_some() {
        return Ok(match x {
            Value::Bool(b) => Value::Int(*b as i64),
            v => v.clone(),
        });
    }
    let f = to(to_f64(x)?);
    if f.is_nan() {
        return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
    }
    if f.is_infinite() {
        return raise(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        );
    }
    Ok(match num_traits::FromPrimitive::from_f64(f) {
        Some(b) => ops::int_value(b),
        None => Value::Int(0),
    })
}
