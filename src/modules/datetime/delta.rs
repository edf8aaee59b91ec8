//! `datetime.timedelta`: a duration normalised to days, seconds
//! (0..86400) and microseconds (0..10**6), with CPython's arithmetic
//! (exact integer microseconds, round-half-even where a float enters).

use super::{
    big_to_i128, bind, int, not_implemented, other, recv, repr_name, set_class_attr, text, Kw,
};
use crate::object::dict::hash_value;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, type_name};
use crate::object::native::{constructor, data_of, method as m, property, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, int_value, IntVal};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

/// Microseconds in a day.
pub const US_PER_DAY: i128 = 86_400_000_000;
/// The largest magnitude of `days`.
const MAX_DAYS: i128 = 999_999_999;

/// A normalised duration.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Delta {
    pub days: i64,
    pub secs: i64,
    pub us: i64,
}

impl NativeData for Delta {}

impl Delta {
    /// The zero duration.
    pub const ZERO: Delta = Delta {
        days: 0,
        secs: 0,
        us: 0,
    };

    /// The duration of `us` microseconds, or OverflowError out of range.
    pub fn from_us(us: i128) -> PyResult<Delta> {
        let days = us.div_euclid(US_PER_DAY);
        let rest = us.rem_euclid(US_PER_DAY);
        if days.abs() > MAX_DAYS {
            return raise(
                ExcKind::OverflowError,
                format!("days={days}; must have magnitude <= 999999999"),
            );
        }
        Ok(Delta {
            days: days as i64,
            secs: (rest / 1_000_000) as i64,
            us: (rest % 1_000_000) as i64,
        })
    }

    /// The whole duration in microseconds.
    pub fn total_us(&self) -> i128 {
        i128::from(self.days) * US_PER_DAY + i128::from(self.secs) * 1_000_000 + i128::from(self.us)
    }

    /// As a new exact `timedelta`.
    pub fn value(self) -> Value {
        crate::object::native::new(class(), self)
    }
}

/// A new `timedelta` of `us` microseconds.
pub fn new_delta(us: i128) -> PyResult<Value> {
    Ok(Delta::from_us(us)?.value())
}

/// The duration of a `timedelta` (or subclass) value.
pub fn delta_of(v: &Value) -> Option<Delta> {
    data_of::<Delta>(v).copied()
}

/// `q = round(a / b)`, halves to even (CPython's `divide_nearest`).
pub fn divide_nearest(a: &BigInt, b: &BigInt) -> PyResult<BigInt> {
    if b.is_zero() {
        return raise(
            ExcKind::ZeroDivisionError,
            "integer division or modulo by zero",
        );
    }
    let (mut q, r) = a.div_mod_floor(b);
    let r2: BigInt = r * 2;
    let greater = if b.is_positive() { &r2 > b } else { &r2 < b };
    if greater || (&r2 == b && q.is_odd()) {
        q += 1;
    }
    Ok(q)
}

/// `timedelta`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("datetime.timedelta", || {
        let attrs = vec![
            constructor(new),
            property("days", |_, s, a, _| Ok(int(this(s, a)?.0.days))),
            property("seconds", |_, s, a, _| Ok(int(this(s, a)?.0.secs))),
            property("microseconds", |_, s, a, _| Ok(int(this(s, a)?.0.us))),
            m("total_seconds", total_seconds),
            m("__repr__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                let mut parts = Vec::new();
                if d.days != 0 {
                    parts.push(format!("days={}", d.days));
                }
                if d.secs != 0 {
                    parts.push(format!("seconds={}", d.secs));
                }
                if d.us != 0 {
                    parts.push(format!("microseconds={}", d.us));
                }
                if parts.is_empty() {
                    parts.push("0".into());
                }
                Ok(text(format!(
                    "{}({})",
                    repr_name(r, "timedelta"),
                    parts.join(", ")
                )))
            }),
            m("__str__", |_, s, a, _| Ok(text(display(&this(s, a)?.0)))),
            m("__hash__", |_, s, a, _| {
                let d = this(s, a)?.0;
                Ok(int(hash_value(&new_tuple(vec![
                    int(d.days),
                    int(d.secs),
                    int(d.us),
                ]))?))
            }),
            m("__bool__", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0 != Delta::ZERO))
            }),
            m("__eq__", |_, s, a, _| compare(s, a, CompareOp::Eq)),
            m("__ne__", |_, s, a, _| compare(s, a, CompareOp::Ne)),
            m("__lt__", |_, s, a, _| compare(s, a, CompareOp::Lt)),
            m("__le__", |_, s, a, _| compare(s, a, CompareOp::Le)),
            m("__gt__", |_, s, a, _| compare(s, a, CompareOp::Gt)),
            m("__ge__", |_, s, a, _| compare(s, a, CompareOp::Ge)),
            m("__neg__", |_, s, a, _| new_delta(-this(s, a)?.0.total_us())),
            m("__pos__", |_, s, a, _| Ok(this(s, a)?.0.value())),
            m("__abs__", |_, s, a, _| {
                new_delta(this(s, a)?.0.total_us().abs())
            }),
            m("__add__", |_, s, a, _| add(s, a, 1)),
            m("__radd__", |_, s, a, _| add(s, a, 1)),
            m("__sub__", |_, s, a, _| add(s, a, -1)),
            m("__rsub__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                match delta_of(&other(rest)) {
                    Some(o) => new_delta(o.total_us() - d.total_us()),
                    None => not_implemented(),
                }
            }),
            m("__mul__", multiply),
            m("__rmul__", multiply),
            m("__truediv__", true_divide),
            m("__floordiv__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                let o = other(rest);
                let us = BigInt::from(d.total_us());
                if let Some(od) = delta_of(&o) {
                    let den = BigInt::from(od.total_us());
                    if den.is_zero() {
                        return raise(
                            ExcKind::ZeroDivisionError,
                            "integer division or modulo by zero",
                        );
                    }
                    return Ok(int_value(us.div_floor(&den)));
                }
                match int_of(&o) {
                    Some(i) => {
                        let den = i.to_big();
                        if den.is_zero() {
                            return raise(
                                ExcKind::ZeroDivisionError,
                                "integer division or modulo by zero",
                            );
                        }
                        new_delta(big_to_i128(&us.div_floor(&den))?)
                    }
                    None => not_implemented(),
                }
            }),
            m("__mod__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                match delta_of(&other(rest)) {
                    Some(o) if o.total_us() == 0 => raise(
                        ExcKind::ZeroDivisionError,
                        "integer division or modulo by zero",
                    ),
                    Some(o) => {
                        let r = BigInt::from(d.total_us()).mod_floor(&BigInt::from(o.total_us()));
                        new_delta(big_to_i128(&r)?)
                    }
                    None => not_implemented(),
                }
            }),
            m("__divmod__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                match delta_of(&other(rest)) {
                    Some(o) if o.total_us() == 0 => raise(
                        ExcKind::ZeroDivisionError,
                        "integer division or modulo by zero",
                    ),
                    Some(o) => {
                        let (q, r) =
                            BigInt::from(d.total_us()).div_mod_floor(&BigInt::from(o.total_us()));
                        Ok(new_tuple(vec![int_value(q), new_delta(big_to_i128(&r)?)?]))
                    }
                    None => not_implemented(),
                }
            }),
            m("__reduce__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                Ok(new_tuple(vec![
                    crate::object::classes::type_value(r),
                    new_tuple(vec![int(d.days), int(d.secs), int(d.us)]),
                ]))
            }),
        ];
        let cls = crate::object::native::class("datetime", "timedelta", attrs);
        let max_us = (MAX_DAYS + 1) * US_PER_DAY - 1;
        let make = |us: i128| {
            crate::object::native::new(cls.clone(), Delta::from_us(us).unwrap_or(Delta::ZERO))
        };
        set_class_attr(&cls, "min", make(-MAX_DAYS * US_PER_DAY));
        set_class_attr(&cls, "max", make(max_us));
        set_class_attr(&cls, "resolution", make(1));
        cls
    })
}

/// The duration of a method's receiver, and the other arguments.
fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(Delta, &'a [Value])> {
    let (r, rest) = recv(s, a)?;
    match delta_of(r) {
        Some(d) => Ok((d, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'datetime.timedelta' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// `str(td)`: `[D day[s], ]H:MM:SS[.ffffff]`.
pub fn display(d: &Delta) -> String {
    let (hh, mm, ss) = (d.secs / 3600, d.secs / 60 % 60, d.secs % 60);
    let mut s = format!("{hh}:{mm:02}:{ss:02}");
    if d.days != 0 {
        let plural = if d.days.abs() != 1 { "s" } else { "" };
        s = format!("{} day{plural}, {s}", d.days);
    }
    if d.us != 0 {
        s.push_str(&format!(".{:06}", d.us));
    }
    s
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours,
/// weeks)`: each an int or a float, summed exactly in microseconds with
/// the fractions rounded once, half to even (`delta_new`).
fn new(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(
            ExcKind::TypeError,
            "timedelta.__new__(): not enough arguments",
        );
    };
    let names = [
        "days",
        "seconds",
        "microseconds",
        "milliseconds",
        "minutes",
        "hours",
        "weeks",
    ];
    let args = bind("timedelta", &names, rest, kw)?;
    let factors: [(usize, i128); 7] = [
        (2, 1),
        (3, 1_000),
        (1, 1_000_000),
        (4, 60_000_000),
        (5, 3_600_000_000),
        (0, US_PER_DAY),
        (6, 7 * US_PER_DAY),
    ];
    let mut sum: i128 = 0;
    let mut leftover = 0.0f64;
    for (i, factor) in factors {
        if let Some(v) = &args[i] {
            accumulate(vm, names[i], v, factor, &mut sum, &mut leftover)?;
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = (sum & 1) as f64;
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        sum = sum.checked_add(whole as i128).map_or_else(
            || raise(ExcKind::OverflowError, "timedelta out of range"),
            Ok,
        )?;
    }
    let d = Delta::from_us(sum)?;
    Ok(super::make(cls, class(), d))
}

/// Adds `v * factor` microseconds to `sum` (CPython's `accum`): the
/// integral part exactly, a float's fraction into `leftover`.
fn accumulate(
    _vm: &mut Vm,
    name: &str,
    v: &Value,
    factor: i128,
    sum: &mut i128,
    leftover: &mut f64,
) -> PyResult<()> {
    match crate::object::instance::unwrap(v) {
        Value::Float(f) => {
            let f = *f;
            if f.is_nan() {
                return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
            }
            if f.is_infinite() {
                return raise(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                );
            }
            let (ip, fp) = (f.trunc(), f.fract());
            if ip.abs() >= 1e30 {
                return checked(None).map(drop);
            }
            let x = checked((ip as i128).checked_mul(factor))?;
            *sum = checked(sum.checked_add(x))?;
            if fp == 0.0 {
                return Ok(());
            }
            let dnum = factor as f64 * fp;
            let (ip, fp) = (dnum.trunc(), dnum.fract());
            *sum = checked(sum.checked_add(ip as i128))?;
            *leftover += fp;
            Ok(())
        }
        other => match int_of(other) {
            Some(i) => {
                let n = match i {
                    IntVal::Small(n) => i128::from(n),
                    IntVal::Big(b) => big_to_i128(b)?,
                };
                let x = checked(n.checked_mul(factor))?;
                *sum = checked(sum.checked_add(x))?;
                Ok(())
            }
            None => raise(
                ExcKind::TypeError,
                format!(
                    "unsupported type for timedelta {name} component: {}",
                    type_name(v)
                ),
            ),
        },
    }
}

fn compare(s: Option<&Value>, a: &[Value], op: CompareOp) -> PyResult<Value> {
    let (d, rest) = this(s, a)?;
    match delta_of(&other(rest)) {
        Some(o) => Ok(Value::Bool(super::ordering_holds(d.cmp(&o), op))),
        None => not_implemented(),
    }
}

fn add(s: Option<&Value>, a: &[Value], sign: i128) -> PyResult<Value> {
    let (d, rest) = this(s, a)?;
    match delta_of(&other(rest)) {
        Some(o) => new_delta(d.total_us() + sign * o.total_us()),
        None => not_implemented(),
    }
}

fn total_seconds(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let us = this(s, a)?.0.total_us();
    if us.abs() < (1 << 53) {
        return Ok(Value::Float(us as f64 / 1e6));
    }
    crate::protocol::binary_values(
        vm,
        BinaryOp::TrueDivide,
        false,
        &int_value(BigInt::from(us)),
        &Value::Int(1_000_000),
    )
}

/// `(numerator, denominator)` of a float, exactly; a float subclass's
/// own `as_integer_ratio()`, checked, as CPython calls it.
fn ratio(vm: &mut Vm, v: &Value, f: f64) -> PyResult<(BigInt, BigInt)> {
    if !crate::object::classes::is_instance(v) {
        return crate::types::number_methods::f64_integer_ratio(f);
    }
    let r = super::call_method(vm, v, "as_integer_ratio", &[])?;
    let items = match r.as_obj() {
        Some(crate::object::heap::Object::Tuple(t)) => t.clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "unexpected return type from as_integer_ratio(): expected tuple, got '{}'",
                    type_name(&r)
                ),
            )
        }
    };
    if items.len() != 2 {
        return raise(
            ExcKind::ValueError,
            "as_integer_ratio() must return a 2-tuple",
        );
    }
    match (int_of(&items[0]), int_of(&items[1])) {
        (Some(n), Some(d)) => Ok((n.to_big(), d.to_big())),
        _ => raise(
            ExcKind::TypeError,
            "as_integer_ratio() must return integers",
        ),
    }
}

fn multiply(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (d, rest) = this(s, a)?;
    let o = other(rest);
    let us = BigInt::from(d.total_us());
    if let Value::Float(f) = crate::object::instance::unwrap(&o) {
        let (n, den) = ratio(vm, &o, *f)?;
        return new_delta(big_to_i128(&divide_nearest(&(us * n), &den)?)?);
    }
    match int_of(&o) {
        Some(i) => new_delta(big_to_i128(&(us * i.to_big()))?),
        None => not_implemented(),
    }
}

fn true_divide(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (d, rest) = this(s, a)?;
    let o = other(rest);
    let us = BigInt::from(d.total_us());
    if let Some(od) = delta_of(&o) {
        if od.total_us() == 0 {
            return raise(ExcKind::ZeroDivisionError, "division by zero");
        }
        return crate::protocol::binary_values(
            vm,
            BinaryOp::TrueDivide,
            false,
            &int_value(us),
            &int_value(BigInt::from(od.total_us())),
        );
    }
    if let Value::Float(f) = crate::object::instance::unwrap(&o) {
        let (n, den) = ratio(vm, &o, *f)?;
        if n.is_zero() {
            return raise(
                ExcKind::ZeroDivisionError,
                "integer division or modulo by zero",
            );
        }
        return new_delta(big_to_i128(&divide_nearest(&(us * den), &n)?)?);
    }
    match int_of(&o) {
        Some(i) => {
            let den = i.to_big();
            if den.is_zero() {
                return raise(
                    ExcKind::ZeroDivisionError,
                    "integer division or modulo by zero",
                );
            }
            new_delta(big_to_i128(&divide_nearest(&us, &den)?)?)
        }
        None => not_implemented(),
    }
}

/// An overflow-checked result, or OverflowError.
fn checked(v: Option<i128>) -> PyResult<i128> {
    match v {
        Some(v) => Ok(v),
        None => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
    }
}
