//! `_datetime`: the native `datetime` types (CPython's
//! `_datetimemodule.c`), which CPython 3.11's `Lib/datetime.py` imports
//! over its pure-Python classes. `timedelta`, `date`, `time`,
//! `datetime`, `tzinfo` and `timezone` are native classes whose
//! instances hold their fields in Rust ([`Delta`], [`DateV`], [`TimeV`],
//! [`DateTimeV`], [`Zone`]); Python classes may derive from each, and
//! then their instances carry the native value as payload.
//!
//! One file per type, plus the calendar arithmetic and the ISO 8601 and
//! `strftime` text forms.

mod calendar;
mod clock;
mod date;
mod delta;
mod iso;
mod moment;
mod zone;

use crate::object::args::bind_args;
use crate::object::classes;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{make_module, new_str, type_name, Object};
use crate::object::native::{self, data_of, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use num_traits::ToPrimitive;
use std::rc::Rc;

pub(crate) use calendar::{MAXYEAR, MINYEAR};
pub(crate) use delta::Delta;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A `date`'s fields (also the date part of a `datetime`, which has its
/// own [`DateTimeV`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DateV {
    pub y: i64,
    pub m: i64,
    pub d: i64,
}

impl NativeData for DateV {}

/// A `time`'s fields.
pub(crate) struct TimeV {
    pub h: i64,
    pub mi: i64,
    pub s: i64,
    pub us: i64,
    pub fold: i64,
    pub tz: Value,
}

impl NativeData for TimeV {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.tz, visit);
    }
}

/// A `datetime`'s fields.
pub(crate) struct DateTimeV {
    pub date: DateV,
    pub h: i64,
    pub mi: i64,
    pub s: i64,
    pub us: i64,
    pub fold: i64,
    pub tz: Value,
}

impl NativeData for DateTimeV {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.tz, visit);
    }
}

impl DateTimeV {
    /// The time of day in microseconds.
    pub fn day_us(&self) -> i64 {
        ((self.h * 60 + self.mi) * 60 + self.s) * 1_000_000 + self.us
    }

    /// Microseconds since 0001-01-01T00:00 (naive arithmetic).
    pub fn total_us(&self) -> i128 {
        let ord = calendar::ymd_to_ord(self.date.y, self.date.m, self.date.d);
        i128::from(ord) * 86_400_000_000 + i128::from(self.day_us())
    }
}

/// A `timezone`: a fixed offset and an optional name.
pub(crate) struct Zone {
    pub offset: Delta,
    pub name: Option<Value>,
}

impl NativeData for Zone {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Some(n) = &self.name {
            crate::object::gc::visit_value(n, visit);
        }
    }
}

/// A plain `tzinfo()` (the abstract base); subclasses add the methods.
pub(crate) struct TzBase;

impl NativeData for TzBase {}

/// The `_datetime` module.
pub fn module() -> Value {
    make_module(
        "_datetime",
        vec![
            ("MINYEAR", Value::Int(MINYEAR)),
            ("MAXYEAR", Value::Int(MAXYEAR)),
            ("timedelta", delta::class()),
            ("date", date::class()),
            ("time", clock::class()),
            ("datetime", moment::class()),
            ("tzinfo", zone::tzinfo_class()),
            ("timezone", zone::timezone_class()),
            ("UTC", zone::utc()),
        ],
    )
}

/// Puts `value` into native class `cls`'s dict (class attributes such as
/// `date.min`, made after the class since they are its instances).
fn set_class_attr(cls: &Value, name: &str, value: Value) {
    if let Some(Object::Class(c)) = cls.as_obj() {
        classes::dict_of(&c.dict).borrow_mut().set_str(name, value);
        c.modified();
    }
}

/// A new object of class `cls` (the native class `native_class` itself,
/// or a Python subclass of it) holding `data`.
fn make(cls: &Value, native_class: Value, data: impl NativeData) -> Value {
    if cls.is(&native_class) {
        native::new(native_class, data)
    } else {
        native::new_instance(cls, native_class, data)
    }
}

/// Whether `cls` is `native_class` itself (no subclass, whose
/// constructor must run to make an instance).
fn is_exact(cls: &Value, native_class: &Value) -> bool {
    cls.is(native_class)
}

/// The receiver of a method and the remaining arguments.
fn recv<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Value, &'a [Value])> {
    crate::object::args::receiver(s, a)
}

/// The first argument (the other operand of a binary method).
fn other(a: &[Value]) -> Value {
    a.first().cloned().unwrap_or(Value::None)
}

/// A C `int` argument: an int or an object with `__index__`.
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let i = crate::protocol::index_value(vm, v)?;
    match int_of(&i) {
        Some(IntVal::Small(n)) if i32::try_from(n).is_ok() => Ok(n),
        Some(IntVal::Small(n)) if n > 0 => raise(
            ExcKind::OverflowError,
            "signed integer is greater than maximum",
        ),
        Some(IntVal::Small(_)) => raise(
            ExcKind::OverflowError,
            "signed integer is less than minimum",
        ),
        Some(IntVal::Big(b)) => raise(
            ExcKind::OverflowError,
            if b.sign() == num_bigint::Sign::Minus {
                "signed integer is less than minimum"
            } else {
                "signed integer is greater than maximum"
            },
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ),
        ),
    }
}

/// Arguments bound to `names` (positional then keyword); `what` names the
/// function in errors.
fn bind(what: &str, names: &[&str], a: &[Value], kw: Kw<'_>) -> PyResult<Vec<Option<Value>>> {
    bind_args(what, names, a, kw)
}

/// An optional int argument, `default` when absent.
fn opt_int(vm: &mut Vm, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => int_arg(vm, v),
        None => Ok(default),
    }
}

/// The fields of a `date` or of a `datetime`'s date.
fn date_of(v: &Value) -> Option<DateV> {
    if let Some(d) = data_of::<DateV>(v) {
        return Some(*d);
    }
    data_of::<DateTimeV>(v).map(|dt| dt.date)
}

/// Checks the fields of a date, with CPython's messages.
fn check_date(y: i64, m: i64, d: i64) -> PyResult<()> {
    if !(MINYEAR..=MAXYEAR).contains(&y) {
        return raise(ExcKind::ValueError, format!("year {y} is out of range"));
    }
    if !(1..=12).contains(&m) {
        return raise(ExcKind::ValueError, "month must be in 1..12");
    }
    if d < 1 || d > calendar::days_in_month(y, m) {
        return raise(ExcKind::ValueError, "day is out of range for month");
    }
    Ok(())
}

/// Checks the fields of a time of day, with CPython's messages.
fn check_time(h: i64, mi: i64, s: i64, us: i64, fold: i64) -> PyResult<()> {
    if !(0..=23).contains(&h) {
        return raise(ExcKind::ValueError, "hour must be in 0..23");
    }
    if !(0..=59).contains(&mi) {
        return raise(ExcKind::ValueError, "minute must be in 0..59");
    }
    if !(0..=59).contains(&s) {
        return raise(ExcKind::ValueError, "second must be in 0..59");
    }
    if !(0..=999_999).contains(&us) {
        return raise(ExcKind::ValueError, "microsecond must be in 0..999999");
    }
    if fold != 0 && fold != 1 {
        return raise(ExcKind::ValueError, "fold must be either 0 or 1");
    }
    Ok(())
}

/// Checks a `tzinfo` argument: None or a `tzinfo` instance.
fn check_tzinfo(tz: &Value) -> PyResult<()> {
    if matches!(tz, Value::None) || classes::is_instance_of(tz, &zone::tzinfo_class()) {
        return Ok(());
    }
    raise(
        ExcKind::TypeError,
        format!(
            "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
            type_name(tz)
        ),
    )
}

/// `NotImplemented`.
fn not_implemented() -> PyResult<Value> {
    Ok(classes::not_implemented())
}

/// The name the repr of `v` starts with: `datetime.X` for the native
/// class itself, a subclass's own name otherwise (CPython's `tp_name`).
fn repr_name(v: &Value, native_name: &str) -> String {
    let cls = classes::type_value(v);
    match cls.as_obj() {
        Some(Object::Class(c)) if c.is_static() => format!("datetime.{native_name}"),
        Some(Object::Class(c)) => c.name.borrow().clone(),
        _ => format!("datetime.{native_name}"),
    }
}

/// An `i64` as a value.
fn int(n: i64) -> Value {
    Value::Int(n)
}

/// A str value.
fn text(s: impl Into<String>) -> Value {
    new_str(s)
}

/// `obj.name(*args)`.
fn call_method(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let f = crate::protocol::getattr(vm, obj, name)?;
    crate::protocol::call(vm, &f, args, &[])
}

/// A big integer to `i128`, or OverflowError.
fn big_to_i128(b: &num_bigint::BigInt) -> PyResult<i128> {
    match b.to_i128() {
        Some(v) => Ok(v),
        None => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
    }
}

/// Whether ordering `o` of the operands satisfies comparison `op`.
fn ordering_holds(o: std::cmp::Ordering, op: taipan_bytecode::opcode::CompareOp) -> bool {
    use taipan_bytecode::opcode::CompareOp::*;
    match op {
        Lt => o.is_lt(),
        Le => o.is_le(),
        Eq => o.is_eq(),
        Ne => o.is_ne(),
        Gt => o.is_gt(),
        Ge => o.is_ge(),
    }
}

/// Keyword arguments, owned.
type Keywords = Vec<(Rc<str>, Value)>;

/// The `fold` keyword-only argument (0 or 1) and the other keywords.
fn fold_arg(vm: &mut Vm, kw: Kw<'_>, default: i64) -> PyResult<(i64, Keywords)> {
    let mut fold = default;
    let mut rest = Vec::new();
    for (k, v) in kw {
        if &**k == "fold" {
            fold = int_arg(vm, v)?;
        } else {
            rest.push((k.clone(), v.clone()));
        }
    }
    if fold != 0 && fold != 1 {
        return raise(ExcKind::ValueError, "fold must be either 0 or 1");
    }
    Ok((fold, rest))
}

/// TypeError unless a method that takes no arguments got none.
fn no_args(rest: &[Value]) -> PyResult<()> {
    if rest.is_empty() {
        return Ok(());
    }
    raise(
        ExcKind::TypeError,
        format!("method takes no arguments ({} given)", rest.len()),
    )
}
