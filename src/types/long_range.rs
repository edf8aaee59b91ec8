//! `range` objects whose bounds or length do not fit in 64 bits
//! (`range(1 << 1000)`, as CPython's `longrangeobject`): the same type
//! as every `range`, with big-integer start, stop, step and length, its
//! own slot table, and an iterator of type `longrange_iterator`. Ranges
//! that fit stay `Object::Range`, whose arithmetic is machine integers.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, NewObject, Object};
use crate::object::payloads::LazyIter;
use crate::object::payloads::LongRange;
use crate::object::type_slots::Slots;
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use taipan_bytecode::opcode::CompareOp;

/// The number of values of `range(start, stop, step)` (`step` ≠ 0).
pub fn length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (lo, hi, st) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        BigInt::zero()
    } else {
        (hi - lo - BigInt::one()) / st + BigInt::one()
    }
}

/// `range(start, stop, step)`: a machine-integer range when everything
/// fits, else a long one.
pub fn make(start: BigInt, stop: BigInt, step: BigInt) -> Value {
    let len = length(&start, &stop, &step);
    if let (Some(a), Some(b), Some(c), Some(_)) =
        (start.to_i64(), stop.to_i64(), step.to_i64(), len.to_i64())
    {
        return Value::obj(NewObject::Range {
            start: a,
            stop: b,
            step: c,
        });
    }
    Value::obj(NewObject::LongRange(Box::new(LongRange {
        start,
        stop,
        step,
        len,
    })))
}

fn big(v: &Value) -> Option<BigInt> {
    match int_of(v)? {
        IntVal::Small(i) => Some(BigInt::from(i)),
        IntVal::Big(b) => Some(b.clone()),
    }
}

/// An int value for `b`, small when it fits.
pub fn int_value(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::obj(NewObject::BigInt(b)),
    }
}

/// The parts of any range, as big integers (start, stop, step, length).
pub fn parts(v: &Value) -> Option<(BigInt, BigInt, BigInt, BigInt)> {
    match v.as_obj()? {
        Object::LongRange(r) => Some((
            r.start.clone(),
            r.stop.clone(),
            r.step.clone(),
            r.len.clone(),
        )),
        Object::Range(crate::object::heap::RangeObj { start, stop, step }) => {
            let (a, b, c) = (
                BigInt::from(*start),
                BigInt::from(*stop),
                BigInt::from(*step),
            );
            let n = length(&a, &b, &c);
            Some((a, b, c, n))
        }
        _ => None,
    }
}

fn this(v: &Value) -> PyResult<&LongRange> {
    match v.as_obj() {
        Some(Object::LongRange(r)) => Ok(r),
        _ => raise(ExcKind::TypeError, "expected a range"),
    }
}

/// The index of int `x` in the range, if it holds it.
pub fn position(v: &Value, x: &Value) -> Option<BigInt> {
    let (start, _, step, len) = parts(v)?;
    let x = big(x)?;
    let offset = x - &start;
    if !(&offset % &step).is_zero() {
        return None;
    }
    let i = offset / step;
    (!i.is_negative() && i < len).then_some(i)
}

fn overflow<T>() -> PyResult<T> {
    raise(
        ExcKind::OverflowError,
        "Python int too large to convert to C ssize_t",
    )
}

fn repr(_: &mut Vm, v: &Value) -> PyResult<String> {
    text(v)
}

/// `repr(r)`: `range(start, stop[, step])`.
pub fn text(v: &Value) -> PyResult<String> {
    let r = this(v)?;
    Ok(if r.step.is_one() {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    })
}

/// `r[start:stop:step]`, with the slice's bounds clamped to the range's
/// length in big integers (CPython's `_PySlice_GetLongIndices` and
/// `compute_slice`).
fn slice(r: &LongRange, start: &Value, stop: &Value, step: &Value) -> PyResult<Value> {
    let index = |v: &Value| -> PyResult<Option<BigInt>> {
        match v {
            Value::None => Ok(None),
            v => match big(v) {
                Some(b) => Ok(Some(b)),
                None => raise(
                    ExcKind::TypeError,
                    "slice indices must be integers or None or have an __index__ method",
                ),
            },
        }
    };
    let step = index(step)?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return raise(ExcKind::ValueError, "slice step cannot be zero");
    }
    let (lower, upper) = if step.is_negative() {
        (-BigInt::one(), &r.len - 1)
    } else {
        (BigInt::zero(), r.len.clone())
    };
    let clamp = |i: Option<BigInt>, default: &BigInt| match i {
        None => default.clone(),
        Some(i) if i.is_negative() => (i + &r.len).max(lower.clone()),
        Some(i) => i.min(upper.clone()),
    };
    let (first, last) = if step.is_negative() {
        (&upper, &lower)
    } else {
        (&lower, &upper)
    };
    let a = clamp(index(start)?, first);
    let b = clamp(index(stop)?, last);
    Ok(make(
        &r.start + a * &r.step,
        &r.start + b * &r.step,
        &r.step * step,
    ))
}

fn getitem(_: &mut Vm, v: &Value, k: &Value) -> PyResult<Value> {
    let r = this(v)?;
    if let Some(Object::Slice(sl)) = k.as_obj() {
        return slice(r, &sl.start, &sl.stop, &sl.step);
    }
    let Some(mut i) = big(k) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "range indices must be integers or slices, not {}",
                crate::object::heap::type_name(k)
            ),
        );
    };
    if i.is_negative() {
        i += &r.len;
    }
    if i.is_negative() || i >= r.len {
        return raise(ExcKind::IndexError, "range object index out of range");
    }
    Ok(int_value(&r.start + i * &r.step))
}

fn contains(vm: &mut Vm, v: &Value, x: &Value) -> PyResult<bool> {
    if int_of(x).is_some() {
        return Ok(position(v, x).is_some());
    }
    // Anything else is compared with each value, as CPython does.
    let it = iter(vm, v)?;
    while let Some(item) = crate::protocol::iter_next(vm, &it)? {
        if crate::protocol::compare_bool(vm, CompareOp::Eq, &item, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn iter(_: &mut Vm, v: &Value) -> PyResult<Value> {
    let r = this(v)?;
    Ok(Value::obj(NewObject::Lazy(RefCell::new(
        LazyIter::LongRange {
            next: r.start.clone(),
            step: r.step.clone(),
            remaining: r.len.clone(),
        },
    ))))
}

/// Steps a `longrange_iterator`.
pub fn next(next: &mut BigInt, step: &BigInt, remaining: &mut BigInt) -> Option<Value> {
    if !remaining.is_positive() {
        return None;
    }
    *remaining -= 1;
    let v = next.clone();
    *next += step;
    Some(int_value(v))
}

/// Two ranges are equal when they hold the same values.
fn same_values(a: &Value, b: &Value) -> Option<bool> {
    let (s1, _, t1, n1) = parts(a)?;
    let (s2, _, t2, n2) = parts(b)?;
    Some(n1 == n2 && (n1.is_zero() || (s1 == s2 && (n1.is_one() || t1 == t2))))
}

fn compare(_: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let equal = match op {
        CompareOp::Eq | CompareOp::Ne => same_values(a, b),
        _ => None,
    };
    Ok(equal.map(|e| Value::Bool(e == (op == CompareOp::Eq))))
}

/// `hash(r)` of any range, as CPython's `range_hash`: the hash of
/// (len, start, step), with start and step None where they do not matter.
pub fn hash(v: &Value) -> PyResult<i64> {
    let Some((start, _, step, len)) = parts(v) else {
        return raise(ExcKind::TypeError, "expected a range");
    };
    let start = if len.is_zero() {
        Value::None
    } else {
        int_value(start)
    };
    let step = if len.is_zero() || len.is_one() {
        Value::None
    } else {
        int_value(step)
    };
    let key = new_tuple(vec![int_value(len), start, step]);
    crate::object::dict::hash_value(&key)
}

/// The slots of a long range.
pub const SLOTS: Slots = Slots {
    truth: Some(|_, v| Ok(!this(v)?.len.is_zero())),
    len: Some(|_, v| match this(v)?.len.to_usize() {
        Some(n) if n <= i64::MAX as usize => Ok(n),
        _ => overflow(),
    }),
    hash: Some(|_, v| hash(v)),
    iter: Some(iter),
    getitem: Some(getitem),
    contains: Some(contains),
    repr: Some(repr),
    str: Some(repr),
    compare: Some(compare),
    ..Slots::EMPTY
};

/// `range(...)`'s arguments as big integers, when one does not fit a
/// machine integer: the range they make.
pub fn construct(args: &[Value]) -> PyResult<Value> {
    let mut v = Vec::with_capacity(3);
    for a in args {
        match big(a) {
            Some(b) => v.push(b),
            None => return crate::protocol::ops::not_an_integer(a),
        }
    }
    let (start, stop, step) = match v.len() {
        1 => (BigInt::zero(), v[0].clone(), BigInt::one()),
        2 => (v[0].clone(), v[1].clone(), BigInt::one()),
        _ => (v[0].clone(), v[1].clone(), v[2].clone()),
    };
    if step.is_zero() {
        return raise(ExcKind::ValueError, "range() arg 3 must not be zero");
    }
    Ok(make(start, stop, step))
}
