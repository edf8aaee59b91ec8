//! Operators on values: arithmetic with CPython's integer and float
//! semantics (small ints promote to big ints on overflow and demote back;
//! floor division and modulo round toward negative infinity), comparisons,
//! truthiness, subscripts and `in`.
//!
//! Each operator tries the integer fast path first, then floats, then the
//! sequence and big-integer cases, then raises CPython's TypeError.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{new_list, new_str, new_tuple, type_name, Object, PyStr};
use crate::object::heap::{ComplexObj, DictViewObj, RangeObj, SetObj, SliceObj};
use crate::object::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

/// An integer operand: small or big.
pub enum IntVal<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntVal<'_> {
    /// As a big integer.
    pub fn to_big(&self) -> BigInt {
        match self {
            IntVal::Small(i) => BigInt::from(*i),
            IntVal::Big(b) => (*b).clone(),
        }
    }
}

/// The integer value of `v` (bools included), if it is an int.
pub fn int_of(v: &Value) -> Option<IntVal<'_>> {
    match v {
        Value::Int(i) => Some(IntVal::Small(*i)),
        Value::Bool(b) => Some(IntVal::Small(*b as i64)),
        Value::Obj(o) => match o.get() {
            Object::BigInt(b) => Some(IntVal::Big(b)),
            Object::Instance(i) => i.payload().and_then(int_of),
            _ => None,
        },
        _ => None,
    }
}

/// A big integer as a value, demoted to a small int when it fits.
pub fn int_value(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::obj(NewObject::BigInt(b)),
    }
}

/// `float(int)`, with CPython's OverflowError for huge ints.
pub fn int_to_f64(i: &IntVal<'_>) -> PyResult<f64> {
    match i {
        IntVal::Small(v) => Ok(*v as f64),
        IntVal::Big(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => raise(ExcKind::OverflowError, "int too large to convert to float"),
        },
    }
}

/// The float value of an int or float operand.
fn num_as_f64(v: &Value) -> PyResult<Option<f64>> {
    match v {
        Value::Float(f) => Ok(Some(*f)),
        _ => match int_of(v) {
            Some(i) => int_to_f64(&i).map(Some),
            None => Ok(None),
        },
    }
}

/// Python truthiness (`bool(v)`).
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::None | Value::Unbound => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Obj(o) => match o.get() {
            Object::Str(s) => !s.text.is_empty(),
            Object::BigInt(b) => !b.is_zero(),
            Object::Bytes(b) => !b.is_empty(),
            Object::ByteArray(b) => !b.borrow().is_empty(),
            Object::Complex(ComplexObj { re, im }) => *re != 0.0 || *im != 0.0,
            Object::List(l) => !l.borrow().is_empty(),
            Object::Tuple(t) => !t.is_empty(),
            Object::Dict(d) => !d.borrow().is_empty(),
            Object::Set(SetObj { table, .. }) => !table.borrow().is_empty(),
            Object::Range(RangeObj { start, stop, step }) => range_len(*start, *stop, *step) > 0,
            _ => true,
        },
    }
}

/// Number of items of `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    let (lo, hi, st) = if step > 0 {
        (start as i128, stop as i128, step as i128)
    } else {
        (stop as i128, start as i128, -(step as i128))
    };
    if lo >= hi {
        0
    } else {
        ((hi - lo - 1) / st + 1) as i64
    }
}

fn unsupported(op: &str, a: &Value, b: &Value) -> PyResult<Value> {
    // (CPython names `**` with the function that shares its slot.)
    let op = if op == "**" { "** or pow()" } else { op };
    raise(
        ExcKind::TypeError,
        format!(
            "unsupported operand type(s) for {op}: '{}' and '{}'",
            type_name(a),
            type_name(b)
        ),
    )
}

/// Python's floor division and modulo of small ints (b != 0).
fn floor_divmod(a: i64, b: i64) -> Option<(i64, i64)> {
    let q = a.checked_div(b)?;
    let r = a.checked_rem(b)?;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

/// Python's float modulo: the result has the divisor's sign.
fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let floordiv = div.floor();
        if div - floordiv > 0.5 {
            floordiv + 1.0
        } else {
            floordiv
        }
    } else {
        0.0f64.copysign(a / b)
    }
}

fn float_pow(a: f64, b: f64) -> PyResult<Value> {
    if a == 0.0 && b < 0.0 {
        return raise(
            ExcKind::ZeroDivisionError,
            "0.0 cannot be raised to a negative power",
        );
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() && a.is_finite() {
        // A negative base to a fractional power is complex, as in CPython
        // (but -inf's powers are C's: inf, or 0.0 for a negative one).
        return crate::types::complex::binary_op(
            BinaryOp::Power,
            &crate::types::complex::make(a, 0.0),
            &Value::Float(b),
        )
        .unwrap_or_else(|| raise(ExcKind::ValueError, "math domain error"));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return raise(
            ExcKind::OverflowError,
            "(34, 'Numerical result out of range')",
        );
    }
    Ok(Value::Float(r))
}

fn float_binop(op: BinaryOp, x: f64, y: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::TrueDivide => {
            if y == 0.0 {
                return raise(ExcKind::ZeroDivisionError, "float division by zero");
            }
            x / y
        }
        BinaryOp::FloorDivide => {
            if y == 0.0 {
                return raise(ExcKind::ZeroDivisionError, "float floor division by zero");
            }
            float_floordiv(x, y)
        }
        BinaryOp::Remainder => {
            if y == 0.0 {
                return raise(ExcKind::ZeroDivisionError, "float modulo");
            }
            float_mod(x, y)
        }
        BinaryOp::Power => return float_pow(x, y),
        _ => unreachable_float_op(op)?,
    }))
}

fn unreachable_float_op(op: BinaryOp) -> PyResult<f64> {
    raise(
        ExcKind::TypeError,
        format!(
            "unsupported operand type(s) for {}: 'float' and 'float'",
            op.symbol()
        ),
    )
}

/// `a / b` for integers, correctly rounded for the common cases.
fn int_truediv(a: &IntVal<'_>, b: &IntVal<'_>) -> PyResult<Value> {
    if let (IntVal::Small(x), IntVal::Small(y)) = (a, b) {
        if *y == 0 {
            return raise(ExcKind::ZeroDivisionError, "division by zero");
        }
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Ok(Value::Float(*x as f64 / *y as f64));
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    if y.is_zero() {
        return raise(ExcKind::ZeroDivisionError, "division by zero");
    }
    // Scale so the quotient has 64+ significant bits, then round once.
    let shift = (y.bits() as i64 - x.bits() as i64 + 66).max(0);
    let q = (x.abs() << shift as usize) / y.abs();
    let f = q.to_f64().unwrap_or(f64::INFINITY) / 2f64.powi(shift as i32);
    if f.is_infinite() {
        return raise(
            ExcKind::OverflowError,
            "integer division result too large for a float",
        );
    }
    let neg = (x.sign() == num_bigint::Sign::Minus) != (y.sign() == num_bigint::Sign::Minus);
    Ok(Value::Float(if neg { -f } else { f }))
}

fn int_pow(a: &IntVal<'_>, b: &IntVal<'_>) -> PyResult<Value> {
    let e = b.to_big();
    if e.is_negative() {
        let x = int_to_f64(a)?;
        let y = int_to_f64(b)?;
        return float_pow(x, y);
    }
    if let (IntVal::Small(x), Some(y)) = (a, e.to_u32()) {
        if let Some(r) = x.checked_pow(y) {
            return Ok(Value::Int(r));
        }
    }
    let base = a.to_big();
    if base.is_zero() || base.is_one() || (base.abs().is_one()) {
        let odd = e.is_odd();
        return Ok(int_value(if base.is_negative() && !odd {
            BigInt::one()
        } else {
            base
        }));
    }
    let Some(y) = e.to_u32() else {
        return raise(ExcKind::MemoryError, "");
    };
    if (base.bits() as u128) * (y as u128) > 1 << 34 {
        return raise(ExcKind::MemoryError, "");
    }
    Ok(int_value(num_traits::pow(base, y as usize)))
}

fn shift_count(b: &IntVal<'_>) -> PyResult<Option<u64>> {
    match b {
        IntVal::Small(s) if *s < 0 => raise(ExcKind::ValueError, "negative shift count"),
        IntVal::Small(s) => Ok(Some(*s as u64)),
        IntVal::Big(b) if b.is_negative() => raise(ExcKind::ValueError, "negative shift count"),
        IntVal::Big(_) => Ok(None),
    }
}

fn int_binop(op: BinaryOp, a: &IntVal<'_>, b: &IntVal<'_>) -> PyResult<Value> {
    if let (IntVal::Small(x), IntVal::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let fast = match op {
            BinaryOp::Add => x.checked_add(y),
            BinaryOp::Subtract => x.checked_sub(y),
            BinaryOp::Multiply => x.checked_mul(y),
            BinaryOp::And => Some(x & y),
            BinaryOp::Or => Some(x | y),
            BinaryOp::Xor => Some(x ^ y),
            BinaryOp::FloorDivide | BinaryOp::Remainder if y == 0 => {
                let msg = if op == BinaryOp::Remainder {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                };
                return raise(ExcKind::ZeroDivisionError, msg);
            }
            BinaryOp::FloorDivide => floor_divmod(x, y).map(|(q, _)| q),
            BinaryOp::Remainder => floor_divmod(x, y).map(|(_, r)| r),
            BinaryOp::Rshift if y >= 0 => Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            }),
            BinaryOp::Lshift if (0..63).contains(&y) => {
                x.checked_shl(y as u32).filter(|r| r >> y == x)
            }
            _ => None,
        };
        if let Some(r) = fast {
            return Ok(Value::Int(r));
        }
    }
    match op {
        BinaryOp::TrueDivide => return int_truediv(a, b),
        BinaryOp::Power => return int_pow(a, b),
        _ => {}
    }
    let (x, y) = (a.to_big(), b.to_big());
    Ok(int_value(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::And => x & y,
        BinaryOp::Or => x | y,
        BinaryOp::Xor => x ^ y,
        BinaryOp::FloorDivide | BinaryOp::Remainder => {
            if y.is_zero() {
                let msg = if op == BinaryOp::Remainder {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                };
                return raise(ExcKind::ZeroDivisionError, msg);
            }
            let (q, r) = x.div_mod_floor(&y);
            if op == BinaryOp::FloorDivide {
                q
            } else {
                r
            }
        }
        BinaryOp::Lshift => match shift_count(b)? {
            Some(n) if n <= 1 << 32 => x << n as usize,
            _ if x.is_zero() => x,
            _ => return raise(ExcKind::OverflowError, "too many digits in integer"),
        },
        BinaryOp::Rshift => match shift_count(b)? {
            Some(n) if n < 1 << 32 => {
                if x.is_negative() {
                    -((-x - 1u32) >> n as usize) - 1u32
                } else {
                    x >> n as usize
                }
            }
            _ => BigInt::from(if x.is_negative() { -1 } else { 0 }),
        },
        BinaryOp::MatrixMultiply => return unsupported("@", &int_value(x), &int_value(y)),
        BinaryOp::TrueDivide | BinaryOp::Power => unreachable_int(),
    }))
}

fn unreachable_int() -> BigInt {
    BigInt::zero()
}

fn repeat_count(n: &Value) -> PyResult<Option<usize>> {
    match int_of(n) {
        Some(IntVal::Small(i)) => Ok(Some(i.max(0) as usize)),
        // (Either sign: CPython's PyNumber_AsSsize_t does not clamp.)
        Some(IntVal::Big(_)) => raise(
            ExcKind::OverflowError,
            "cannot fit 'int' into an index-sized integer",
        ),
        None => Ok(None),
    }
}

/// Guards against repetitions that cannot fit in memory: `items * times`
/// elements of `size` bytes each, or MemoryError.
fn check_size(items: usize, times: usize, size: usize) -> PyResult<usize> {
    match items.checked_mul(times) {
        Some(n) if n.checked_mul(size).is_some_and(fits_in_memory) => Ok(n),
        _ => raise(ExcKind::MemoryError, ""),
    }
}

/// `items.push(x)`, or MemoryError when the list cannot grow (the
/// allocator refused, as under an address-space limit): growing lists is
/// how most programs run out of memory, and it must not abort.
#[inline]
pub fn push_value(items: &mut Vec<Value>, x: Value) -> PyResult<()> {
    if items.len() == items.capacity() && items.try_reserve(1).is_err() {
        return raise(ExcKind::MemoryError, "");
    }
    items.push(x);
    Ok(())
}

/// Room for `more` values past `items`' length, or MemoryError.
pub fn reserve_values(items: &mut Vec<Value>, more: usize) -> PyResult<()> {
    match items.try_reserve(more) {
        Ok(()) => Ok(()),
        Err(_) => raise(ExcKind::MemoryError, ""),
    }
}

/// Room for `items * times` values, or MemoryError (also when the
/// allocator refuses, as under an address-space limit).
fn repeat_buffer(items: usize, times: usize) -> PyResult<Vec<Value>> {
    let total = check_size(items, times, std::mem::size_of::<Value>())?;
    let mut v = Vec::new();
    match v.try_reserve_exact(total) {
        Ok(()) => Ok(v),
        Err(_) => raise(ExcKind::MemoryError, ""),
    }
}

/// Whether one allocation of `bytes` could be backed by the machine's
/// memory and swap. The allocator reserves address space without asking
/// the kernel to back it, so a request far past what the machine has
/// would succeed and the process be killed while filling it; CPython's
/// `malloc` is refused by the kernel instead, and the program sees
/// MemoryError. This check gives Taipan's programs the same.
pub fn fits_in_memory(bytes: usize) -> bool {
    if crate::object::memory::would_exceed(bytes) {
        return false;
    }
    static LIMIT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    bytes
        <= *LIMIT.get_or_init(|| {
            // SAFETY: `sysinfo` only writes the struct it is given.
            let mut info: libc::sysinfo = unsafe { std::mem::zeroed() };
            if unsafe { libc::sysinfo(&mut info) } != 0 {
                return isize::MAX as usize;
            }
            let unit = (info.mem_unit as usize).max(1);
            (info.totalram as usize)
                .saturating_add(info.totalswap as usize)
                .saturating_mul(unit)
        })
}

/// `a <op> b` for BINARY_OP.
pub fn binary_op(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Value::Obj(_), _) | (_, Value::Obj(_)) = (a, b) {
        if let Some(r) = crate::types::complex::binary_op(op, a, b) {
            return r;
        }
    }
    // bool's own `&`, `|`, `^` return bools.
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            BinaryOp::And => return Ok(Value::Bool(*x & *y)),
            BinaryOp::Or => return Ok(Value::Bool(*x | *y)),
            BinaryOp::Xor => return Ok(Value::Bool(*x ^ *y)),
            _ => {}
        }
    }
    // Fast paths: small ints, floats.
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            let r = match op {
                BinaryOp::Add => x.checked_add(y),
                BinaryOp::Subtract => x.checked_sub(y),
                BinaryOp::Multiply => x.checked_mul(y),
                _ => None,
            };
            if let Some(r) = r {
                return Ok(Value::Int(r));
            }
            return int_binop(op, &IntVal::Small(x), &IntVal::Small(y));
        }
        (Value::Float(x), Value::Float(y))
            if !matches!(
                op,
                BinaryOp::And
                    | BinaryOp::Or
                    | BinaryOp::Xor
                    | BinaryOp::Lshift
                    | BinaryOp::Rshift
                    | BinaryOp::MatrixMultiply
            ) =>
        {
            return float_binop(op, *x, *y)
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (int_of(a), int_of(b)) {
        return int_binop(op, &x, &y);
    }
    let numeric_float = matches!(a, Value::Float(_)) || matches!(b, Value::Float(_));
    if numeric_float
        && !matches!(
            op,
            BinaryOp::And
                | BinaryOp::Or
                | BinaryOp::Xor
                | BinaryOp::Lshift
                | BinaryOp::Rshift
                | BinaryOp::MatrixMultiply
        )
    {
        if let (Some(x), Some(y)) = (num_as_f64(a)?, num_as_f64(b)?) {
            return float_binop(op, x, y);
        }
    }
    sequence_binop(op, a, b)
}

fn sequence_binop(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let sym = op.symbol();
    match (op, a.as_obj(), b.as_obj()) {
        (BinaryOp::Add, Some(Object::Str(x)), Some(Object::Str(y))) => Ok(x.concat_value(y)),
        (BinaryOp::Add, Some(Object::Str(_)), _) => raise(
            ExcKind::TypeError,
            format!("can only concatenate str (not \"{}\") to str", type_name(b)),
        ),
        (BinaryOp::Add, Some(Object::List(x)), Some(Object::List(y))) => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            Ok(new_list(v))
        }
        (BinaryOp::Add, Some(Object::List(_)), _) => raise(
            ExcKind::TypeError,
            format!(
                "can only concatenate list (not \"{}\") to list",
                type_name(b)
            ),
        ),
        (BinaryOp::Add, Some(Object::Tuple(x)), Some(Object::Tuple(y))) => {
            Ok(new_tuple(x.iter().chain(y.iter()).cloned().collect()))
        }
        (BinaryOp::Add, Some(Object::Tuple(_)), _) => raise(
            ExcKind::TypeError,
            format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                type_name(b)
            ),
        ),
        (BinaryOp::Multiply, Some(Object::Str(_) | Object::List(_) | Object::Tuple(_)), _) => {
            repeat(a, b)
        }
        // (Any built-in left operand: an int repeats, anything else
        // gets the sequence's TypeError, as CPython's `sq_repeat`.)
        (BinaryOp::Multiply, _, Some(Object::Str(_) | Object::List(_) | Object::Tuple(_)))
            if !matches!(a.as_obj(), Some(Object::Instance(_))) =>
        {
            repeat(b, a)
        }
        _ => unsupported(sym, a, b),
    }
}

/// Whether `seq` is an empty str, list or tuple.
fn is_empty_sequence(seq: &Value) -> bool {
    match seq.as_obj() {
        Some(Object::Str(s)) => s.text.is_empty(),
        Some(Object::List(l)) => l.borrow().is_empty(),
        Some(Object::Tuple(t)) => t.is_empty(),
        _ => false,
    }
}

fn repeat(seq: &Value, n: &Value) -> PyResult<Value> {
    let Some(times) = repeat_count(n)? else {
        return raise(
            ExcKind::TypeError,
            format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(n)
            ),
        );
    };
    // An empty sequence repeated any number of times is empty: no loop
    // of `times` rounds (`'' * 2**62` is at once `''`, as in CPython).
    let times = if is_empty_sequence(seq) { 0 } else { times };
    match seq.as_obj() {
        // An exact str or tuple once is itself, as in CPython.
        Some(Object::Str(_) | Object::Tuple(_)) if times == 1 => Ok(seq.clone()),
        Some(Object::Str(s)) => {
            // (In code points, CPython's unit: 'é' * 2**62 is out of
            // memory, not too long.)
            if s.chars()
                .checked_mul(times)
                .is_none_or(|n| n > isize::MAX as usize)
            {
                return raise(ExcKind::OverflowError, "repeated string is too long");
            }
            let total = check_size(s.text.len(), times, 1)?;
            let mut text = String::new();
            if text.try_reserve_exact(total).is_err() {
                return raise(ExcKind::MemoryError, "");
            }
            for _ in 0..times {
                text.push_str(&s.text);
            }
            Ok(Value::obj(NewObject::Str(PyStr::with_selector(
                text,
                s.chars() * times,
                s.selector(),
            ))))
        }
        Some(Object::List(l)) => {
            let items = l.borrow();
            let mut v = repeat_buffer(items.len(), times)?;
            for _ in 0..times {
                v.extend(items.iter().cloned());
            }
            Ok(new_list(v))
        }
        Some(Object::Tuple(t)) => {
            let mut v = repeat_buffer(t.len(), times)?;
            for _ in 0..times {
                v.extend(t.iter().cloned());
            }
            Ok(new_tuple(v))
        }
        _ => unsupported("*", seq, n),
    }
}

/// Unary `-`, `+`, `~`.
pub fn unary_op(op: char, v: &Value) -> PyResult<Value> {
    match (op, v) {
        ('-', Value::Int(i)) => Ok(match i.checked_neg() {
            Some(r) => Value::Int(r),
            None => int_value(-BigInt::from(*i)),
        }),
        ('-', Value::Float(f)) => Ok(Value::Float(-f)),
        ('-', Value::Obj(o)) if matches!(o.get(), Object::Complex(_)) => {
            let (re, im) = crate::types::complex::parts(v).unwrap_or_default();
            Ok(crate::types::complex::make(-re, -im))
        }
        ('+', Value::Obj(o)) if matches!(o.get(), Object::Complex(_)) => Ok(v.clone()),
        ('+', Value::Int(_) | Value::Float(_)) => Ok(v.clone()),
        ('~', Value::Int(i)) => Ok(Value::Int(!i)),
        _ => match int_of(v) {
            Some(i) => {
                let b = i.to_big();
                Ok(int_value(match op {
                    '-' => -b,
                    '+' => b,
                    _ => -b - 1u32,
                }))
            }
            None => raise(
                ExcKind::TypeError,
                format!("bad operand type for unary {op}: '{}'", type_name(v)),
            ),
        },
    }
}

/// Exact comparison of an int with a float.
fn cmp_int_float(i: &IntVal<'_>, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if let IntVal::Small(x) = i {
        if x.unsigned_abs() < (1 << 53) {
            return (*x as f64).partial_cmp(&f);
        }
    }
    let fl = f.floor();
    let fb: BigInt = num_traits::FromPrimitive::from_f64(fl)?;
    let ib = i.to_big();
    match ib.cmp(&fb) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

/// Ordering of two numbers (`None` for NaN).
fn num_cmp(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(Some(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Some(x.partial_cmp(y)),
        (Value::Float(x), _) => int_of(b).map(|i| cmp_int_float(&i, *x).map(Ordering::reverse)),
        (_, Value::Float(y)) => int_of(a).map(|i| cmp_int_float(&i, *y)),
        _ => match (int_of(a), int_of(b)) {
            (Some(x), Some(y)) => Some(Some(match (&x, &y) {
                (IntVal::Small(p), IntVal::Small(q)) => p.cmp(q),
                _ => x.to_big().cmp(&y.to_big()),
            })),
            _ => None,
        },
    }
}

thread_local! {
    /// Nesting of container comparisons in progress.
    static COMPARE_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs a comparison of containers one level deeper, raising CPython's
/// RecursionError instead of recursing without bound.
pub(crate) fn nested_compare<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let depth = COMPARE_DEPTH.with(|d| d.get());
    if depth >= crate::object::state::DEFAULT_RECURSION_LIMIT {
        return raise(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded in comparison",
        );
    }
    COMPARE_DEPTH.with(|d| d.set(depth + 1));
    let r = f();
    COMPARE_DEPTH.with(|d| d.set(depth));
    r
}

/// `a == b`.
pub fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = crate::types::complex::eq(a, b) {
        return Ok(r);
    }
    if let Some(o) = num_cmp(a, b) {
        return Ok(o == Some(Ordering::Equal));
    }
    if matches!(
        a.as_obj(),
        Some(Object::List(_) | Object::Tuple(_) | Object::Dict(_))
    ) {
        return nested_compare(|| eq_objects(a, b));
    }
    eq_objects(a, b)
}

fn eq_objects(a: &Value, b: &Value) -> PyResult<bool> {
    if let Some((pa, pb)) = crate::protocol::subclass::retry_with_payloads(a, b) {
        return eq(&pa, &pb);
    }
    if let Some(r) = crate::types::set::compare(CompareOp::Eq, a, b) {
        return Ok(r);
    }
    Ok(match (a.as_obj(), b.as_obj()) {
        (Some(Object::Str(x)), Some(Object::Str(y))) => x.same_text(y),
        (
            Some(Object::Bytes(_) | Object::ByteArray(_)),
            Some(Object::Bytes(_) | Object::ByteArray(_)),
        ) => crate::types::bytes::compare(CompareOp::Eq, a, b).unwrap_or(false),
        (Some(Object::List(x)), Some(Object::List(y))) => {
            if let (Value::Obj(p), Value::Obj(q)) = (a, b) {
                if p.ptr_eq(q) {
                    return Ok(true);
                }
            }
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq_eq(&x, &y)?
        }
        (Some(Object::Tuple(x)), Some(Object::Tuple(y))) => seq_eq(x, y)?,
        (Some(Object::Dict(x)), Some(Object::Dict(y))) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.items() {
                match y.get(k)? {
                    Some(w) if eq(v, &w)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (
            Some(Object::Range(RangeObj {
                start: s1,
                stop: e1,
                step: t1,
            })),
            Some(Object::Range(RangeObj {
                start: s2,
                stop: e2,
                step: t2,
            })),
        ) => {
            let (n1, n2) = (range_len(*s1, *e1, *t1), range_len(*s2, *e2, *t2));
            n1 == n2 && (n1 == 0 || (s1 == s2 && (n1 == 1 || t1 == t2)))
        }
        // Bound methods: the same object (by identity) and equal
        // functions, as CPython's `method_richcompare`.
        (Some(Object::BoundMethod(x)), Some(Object::BoundMethod(y))) => {
            x.receiver.is(&y.receiver) && (x.func.is(&y.func) || eq(&x.func, &y.func)?)
        }
        (Some(Object::Method(x)), Some(Object::Method(y))) => {
            x.receiver.is(&y.receiver)
                && std::ptr::fn_addr_eq(x.builtin.func, y.builtin.func)
                && x.builtin.name == y.builtin.name
        }
        // Weak references compare their targets while both are alive.
        (Some(Object::WeakRef(x)), Some(Object::WeakRef(y))) => match (x.get(), y.get()) {
            (Value::None, _) | (_, Value::None) => a.is(b),
            (p, q) => p.is(&q) || eq(&p, &q)?,
        },
        _ => a.is(b),
    })
}

fn seq_eq(x: &[Value], y: &[Value]) -> PyResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (p, q) in x.iter().zip(y) {
        if !(p.is(q) || eq(p, q)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn order(op: CompareOp, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
    if let Some(o) = num_cmp(a, b) {
        return Ok(o);
    }
    let fail = || {
        raise(
            ExcKind::TypeError,
            format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                type_name(a),
                type_name(b)
            ),
        )
    };
    match (a.as_obj(), b.as_obj()) {
        (Some(Object::Str(x)), Some(Object::Str(y))) => {
            Ok(Some(if x.selector() == 0 && y.selector() == 0 {
                x.text.cmp(&y.text)
            } else {
                x.code_points().cmp(y.code_points())
            }))
        }
        (
            Some(Object::Bytes(_) | Object::ByteArray(_)),
            Some(Object::Bytes(_) | Object::ByteArray(_)),
        ) => {
            let (x, y) = (
                crate::types::bytes::bytes_of(a),
                crate::types::bytes::bytes_of(b),
            );
            Ok(Some(x.cmp(&y)))
        }
        (Some(Object::List(x)), Some(Object::List(y))) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq_order(op, &x, &y)
        }
        (Some(Object::Tuple(x)), Some(Object::Tuple(y))) => seq_order(op, x, y),
        _ => fail(),
    }
}

fn seq_order(op: CompareOp, x: &[Value], y: &[Value]) -> PyResult<Option<Ordering>> {
    nested_compare(|| seq_order_inner(op, x, y))
}

fn seq_order_inner(op: CompareOp, x: &[Value], y: &[Value]) -> PyResult<Option<Ordering>> {
    for (p, q) in x.iter().zip(y) {
        if !(p.is(q) || eq(p, q)?) {
            return order(op, p, q);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// `a <op> b` for COMPARE_OP.
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = crate::types::set::compare(op, a, b) {
        return Ok(r);
    }
    Ok(match op {
        CompareOp::Eq => eq(a, b)?,
        CompareOp::Ne => !eq(a, b)?,
        CompareOp::Lt => order(op, a, b)? == Some(Ordering::Less),
        CompareOp::Le => matches!(order(op, a, b)?, Some(Ordering::Less | Ordering::Equal)),
        CompareOp::Gt => order(op, a, b)? == Some(Ordering::Greater),
        CompareOp::Ge => matches!(order(op, a, b)?, Some(Ordering::Greater | Ordering::Equal)),
    })
}

/// CPython's TypeError for a value used where an integer (`__index__`)
/// is required.
pub fn not_an_integer<T>(v: &Value) -> PyResult<T> {
    raise(
        ExcKind::TypeError,
        format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ),
    )
}

/// Normalises a sequence index (negative from the end); `None` if out of range.
pub fn seq_index(i: &Value, len: usize, what: &str) -> PyResult<Option<usize>> {
    let Some(iv) = int_of(i) else {
        // (3.11's str says so without "or slices", and quotes the type.)
        let msg = if what == "string" {
            format!("string indices must be integers, not '{}'", type_name(i))
        } else {
            format!(
                "{what} indices must be integers or slices, not {}",
                type_name(i)
            )
        };
        return raise(ExcKind::TypeError, msg);
    };
    let n = len as i64;
    Ok(match iv {
        IntVal::Small(k) => {
            let k = if k < 0 { k + n } else { k };
            (0..n).contains(&k).then_some(k as usize)
        }
        // (Past the machine word: CPython's PyNumber_AsSsize_t with
        // IndexError; a range says it is out of range.)
        IntVal::Big(_) if what == "range object" || what == "range" => None,
        IntVal::Big(_) => {
            return raise(
                ExcKind::IndexError,
                "cannot fit 'int' into an index-sized integer",
            )
        }
    })
}

/// Resolves `slice(start, stop, step)` against a length: (start, stop, step, count).
pub fn slice_indices(
    start: &Value,
    stop: &Value,
    step: &Value,
    len: usize,
) -> PyResult<(i64, i64, i64, usize)> {
    let get = |v: &Value| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            _ => match int_of(v) {
                Some(IntVal::Small(i)) => Ok(Some(i)),
                Some(IntVal::Big(b)) => Ok(Some(if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                })),
                None => raise(
                    ExcKind::TypeError,
                    "slice indices must be integers or None or have an __index__ method",
                ),
            },
        }
    };
    let step = get(step)?.unwrap_or(1);
    if step == 0 {
        return raise(ExcKind::ValueError, "slice step cannot be zero");
    }
    let n = len as i64;
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
        None => default,
        Some(x) => {
            let x = if x < 0 { x + n } else { x };
            x.clamp(lo, hi)
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(get(start)?, 0, 0, n), clamp(get(stop)?, n, 0, n))
    } else {
        (
            clamp(get(start)?, n - 1, -1, n - 1),
            clamp(get(stop)?, -1, -1, n - 1),
        )
    };
    let count = if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, count))
}

/// `container[index]`.
pub fn getitem(container: &Value, index: &Value) -> PyResult<Value> {
    let Some(obj) = container.as_obj() else {
        return raise(
            ExcKind::TypeError,
            format!("'{}' object is not subscriptable", type_name(container)),
        );
    };
    if matches!(obj, Object::Bytes(_) | Object::ByteArray(_)) {
        return crate::types::bytes::getitem(container, index);
    }
    if let Some(Object::Slice(SliceObj { start, stop, step })) = index.as_obj() {
        return get_slice(container, start, stop, step);
    }
    match obj {
        Object::List(l) => {
            let l = l.borrow();
            match seq_index(index, l.len(), "list")? {
                Some(i) => Ok(l[i].clone()),
                None => raise(ExcKind::IndexError, "list index out of range"),
            }
        }
        Object::Tuple(t) => match seq_index(index, t.len(), "tuple")? {
            Some(i) => Ok(t[i].clone()),
            None => raise(ExcKind::IndexError, "tuple index out of range"),
        },
        Object::Str(s) => match seq_index(index, s.chars(), "string")? {
            Some(i) => Ok(if s.is_ascii() {
                crate::object::intern::char_str(s.text.as_bytes()[i] as char)
            } else {
                match s.text.chars().nth(i) {
                    Some(c) if (c as u32) < 256 => crate::object::intern::char_str(c),
                    c => crate::object::heap::new_derived_str(
                        c.map(String::from).unwrap_or_default(),
                        s.selector(),
                    ),
                }
            }),
            None => raise(ExcKind::IndexError, "string index out of range"),
        },
        Object::Bytes(b) => match seq_index(index, b.len(), "byte")? {
            Some(i) => Ok(Value::Int(b[i] as i64)),
            None => raise(ExcKind::IndexError, "index out of range"),
        },
        Object::Range(RangeObj { start, stop, step }) => match seq_index(
            index,
            range_len(*start, *stop, *step) as usize,
            "range object",
        )? {
            Some(i) => Ok(Value::Int(start + step * i as i64)),
            None => raise(ExcKind::IndexError, "range object index out of range"),
        },
        Object::Dict(d) => {
            let found = d.borrow().get(index)?;
            match found {
                Some(v) => Ok(v),
                None => Err(crate::object::exceptions::PyErr::with_args(
                    ExcKind::KeyError,
                    vec![index.clone()],
                )),
            }
        }
        _ => raise(
            ExcKind::TypeError,
            format!("'{}' object is not subscriptable", type_name(container)),
        ),
    }
}

/// The items `slice_indices` selected.
fn sliced(items: &[Value], (start, _, step, count): (i64, i64, i64, usize)) -> Vec<Value> {
    (0..count)
        .map(|k| items[(start + step * k as i64) as usize].clone())
        .collect()
}

fn get_slice(container: &Value, start: &Value, stop: &Value, step: &Value) -> PyResult<Value> {
    let pick = |len: usize| slice_indices(start, stop, step, len);
    match container.as_obj() {
        Some(Object::List(l)) => {
            let l = l.borrow();
            Ok(new_list(sliced(&l, pick(l.len())?)))
        }
        Some(Object::Tuple(t)) => {
            let picked = pick(t.len())?;
            if picked.3 == t.len() && picked.2 == 1 {
                // The whole tuple: itself, as CPython gives it.
                return Ok(container.clone());
            }
            Ok(new_tuple(sliced(t, picked)))
        }
        Some(Object::Str(ps)) => {
            let (s, _, st, n) = pick(ps.chars())?;
            if n == ps.chars() && st == 1 {
                // The whole str: itself, as CPython gives it.
                return Ok(container.clone());
            }
            if ps.is_ascii() {
                if n == 1 {
                    return Ok(crate::object::intern::char_str(
                        ps.text.as_bytes()[s as usize] as char,
                    ));
                }
                let b = ps.text.as_bytes();
                let out: String = (0..n)
                    .map(|k| b[(s + st * k as i64) as usize] as char)
                    .collect();
                Ok(new_str(out))
            } else {
                if n == 1 {
                    if let Some(c) = ps
                        .text
                        .chars()
                        .nth(s as usize)
                        .filter(|c| (*c as u32) < 256)
                    {
                        return Ok(crate::object::intern::char_str(c));
                    }
                }
                let chars: Vec<char> = ps.text.chars().collect();
                Ok(crate::object::heap::new_derived_str(
                    (0..n)
                        .map(|k| chars[(s + st * k as i64) as usize])
                        .collect::<String>(),
                    ps.selector(),
                ))
            }
        }
        Some(Object::Range(RangeObj {
            start: rs,
            stop: re,
            step: rt,
        })) => {
            let len = range_len(*rs, *re, *rt) as usize;
            let (s, e, st, _) = pick(len)?;
            // (In 128 bits: the slice's bounds and step may leave 64,
            // which makes a long range.)
            let (rs, rt) = (*rs as i128, *rt as i128);
            Ok(crate::types::long_range::make(
                (rs + rt * s as i128).into(),
                (rs + rt * e as i128).into(),
                (rt * st as i128).into(),
            ))
        }
        _ => raise(
            ExcKind::TypeError,
            format!("'{}' object is not subscriptable", type_name(container)),
        ),
    }
}

/// `container[index] = value`.
pub fn setitem(container: &Value, index: &Value, value: Value) -> PyResult<()> {
    match container.as_obj() {
        Some(Object::List(l)) => {
            if let Some(Object::Slice(_)) = index.as_obj() {
                let items = match value.as_obj() {
                    Some(Object::List(v)) => v.borrow().clone(),
                    Some(Object::Tuple(t)) => t.clone(),
                    _ => return raise(ExcKind::TypeError, "can only assign an iterable"),
                };
                return set_slice(l, index, items);
            }
            let mut l = l.borrow_mut();
            match seq_index(index, l.len(), "list")? {
                Some(i) => {
                    l[i] = value;
                    Ok(())
                }
                None => raise(ExcKind::IndexError, "list assignment index out of range"),
            }
        }
        Some(Object::Dict(d)) => {
            // (The replaced value is released after the borrow ends.)
            let old = d.borrow_mut().insert(index.clone(), value)?;
            drop(old);
            Ok(())
        }
        _ => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object does not support item assignment",
                type_name(container)
            ),
        ),
    }
}

/// `del container[index]`.
/// The positions a slice of a list of length `n` covers, in order.
fn slice_positions(index: &Value, n: usize) -> PyResult<(usize, usize, i64, Vec<usize>)> {
    let Some(Object::Slice(SliceObj { start, stop, step })) = index.as_obj() else {
        return Ok((0, 0, 1, Vec::new()));
    };
    let (start, stop, step, count) = slice_indices(start, stop, step, n)?;
    let positions = (0..count as i64)
        .map(|k| (start + k * step) as usize)
        .collect();
    Ok((start.max(0) as usize, stop.max(0) as usize, step, positions))
}

/// `l[a:b:c] = items`: a plain slice is replaced by any number of items,
/// an extended one needs exactly as many as it covers.
pub fn set_slice(
    l: &std::cell::RefCell<Vec<Value>>,
    index: &Value,
    items: Vec<Value>,
) -> PyResult<()> {
    let n = l.borrow().len();
    let (start, stop, step, positions) = slice_positions(index, n)?;
    if step == 1 {
        let start = start.min(n);
        let stop = stop.clamp(start, n);
        let old: Vec<Value> = l.borrow_mut().splice(start..stop, items).collect();
        drop(old);
        return Ok(());
    }
    if items.len() != positions.len() {
        return raise(
            ExcKind::ValueError,
            format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                items.len(),
                positions.len()
            ),
        );
    }
    let mut old = Vec::with_capacity(items.len());
    {
        let mut l = l.borrow_mut();
        for (p, v) in positions.into_iter().zip(items) {
            if let Some(slot) = l.get_mut(p) {
                old.push(std::mem::replace(slot, v));
            }
        }
    }
    drop(old);
    Ok(())
}

pub fn delitem(container: &Value, index: &Value) -> PyResult<()> {
    match container.as_obj() {
        Some(Object::List(l)) if matches!(index.as_obj(), Some(Object::Slice(_))) => {
            let n = l.borrow().len();
            let (start, stop, step, mut positions) = slice_positions(index, n)?;
            let removed: Vec<Value> = if step == 1 {
                let start = start.min(n);
                let stop = stop.clamp(start, n);
                l.borrow_mut().drain(start..stop).collect()
            } else {
                positions.sort_unstable();
                let mut l = l.borrow_mut();
                let mut out = Vec::with_capacity(positions.len());
                for &p in positions.iter().rev() {
                    if p < l.len() {
                        out.push(l.remove(p));
                    }
                }
                out
            };
            drop(removed);
            Ok(())
        }
        Some(Object::List(l)) => {
            let mut l = l.borrow_mut();
            match seq_index(index, l.len(), "list")? {
                Some(i) => {
                    l.remove(i);
                    Ok(())
                }
                None => raise(ExcKind::IndexError, "list assignment index out of range"),
            }
        }
        Some(Object::Dict(d)) => match d.borrow_mut().remove(index)? {
            Some(_) => Ok(()),
            None => Err(crate::object::exceptions::PyErr::with_args(
                ExcKind::KeyError,
                vec![index.clone()],
            )),
        },
        _ => crate::protocol::slots::no_item_deletion(container, index),
    }
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    match container.as_obj() {
        Some(Object::Bytes(_) | Object::ByteArray(_)) => {
            crate::types::bytes::contains(container, item)
        }
        Some(Object::List(l)) => {
            let items = l.borrow().clone();
            for x in &items {
                if x.is(item) || eq(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Object::Tuple(t)) => {
            for x in t {
                if x.is(item) || eq(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Object::Dict(d)) => Ok(d.borrow().get(item)?.is_some()),
        Some(Object::Set(SetObj { table, .. })) => crate::types::set::contains(table, item),
        Some(Object::DictView(DictViewObj { dict, kind })) => match (kind, dict.as_obj()) {
            (crate::object::heap::DictViewKind::Keys, Some(Object::Dict(d))) => {
                Ok(d.borrow().get(item)?.is_some())
            }
            _ => {
                for x in crate::object::heap::view_items(dict, *kind) {
                    if x.is(item) || eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        },
        Some(Object::Str(s)) => match item.as_obj() {
            Some(Object::Str(sub)) => Ok(s.text.contains(sub.text.as_str())),
            _ => raise(
                ExcKind::TypeError,
                format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(item)
                ),
            ),
        },
        Some(Object::Range(RangeObj { start, stop, step })) => Ok(match int_of(item) {
            Some(IntVal::Small(x)) => {
                let in_bounds = if *step > 0 {
                    x >= *start && x < *stop
                } else {
                    x <= *start && x > *stop
                };
                in_bounds && (x - start) % step == 0
            }
            _ => false,
        }),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            ),
        ),
    }
}
