//! `datetime.date`: a day of the proleptic Gregorian calendar.

use super::delta::{delta_of, Delta};
use super::{
    bind, calendar, check_date, date_of, int, int_arg, is_exact, iso, make, not_implemented,
    opt_int, other, recv, repr_name, set_class_attr, text, DateV, Kw,
};
use crate::object::classes;
use crate::object::dict::hash_value;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, type_name, NewObject, Object};
use crate::object::native::{constructor, data_of, method as m, property};
use crate::object::value::Value;
use crate::vm::Vm;
use taipan_bytecode::opcode::CompareOp;

/// English day and month abbreviations, as `ctime()` writes them.
pub const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// Month abbreviations, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `date`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("datetime.date", || {
        let cm = |name: &'static str, f: crate::object::heap::BuiltinFn| {
            (
                name,
                Value::obj(NewObject::ClassMethod(crate::object::heap::builtin_fn(
                    name, f,
                ))),
            )
        };
        let attrs = vec![
            constructor(new),
            cm("today", today),
            cm("fromtimestamp", fromtimestamp),
            cm("fromordinal", |vm, _, a, _| {
                let (cls, rest) = recv(None, a)?;
                crate::object::args::arity("fromordinal", rest, 1, 1)?;
                let n = int_arg(vm, &rest[0])?;
                if n < 1 {
                    return raise(ExcKind::ValueError, "ordinal must be >= 1");
                }
                let (y, mo, d) = calendar::ord_to_ymd(n);
                new_date(vm, cls, y, mo, d)
            }),
            cm("fromisoformat", |vm, _, a, _| {
                let (cls, rest) = recv(None, a)?;
                crate::object::args::arity("fromisoformat", rest, 1, 1)?;
                let s = &rest[0];
                let b = iso::iso_arg(s)?;
                let parsed = if matches!(b.len(), 7 | 8 | 10) {
                    iso::parse_date(&b)
                } else {
                    None
                };
                match parsed {
                    Some((y, mo, d)) => new_date(vm, cls, y, mo, d),
                    None => iso::invalid(vm, s),
                }
            }),
            cm("fromisocalendar", |vm, _, a, kw| {
                let (cls, rest) = recv(None, a)?;
                let args = bind("fromisocalendar", &["year", "week", "day"], rest, kw)?;
                let mut v = [0i64; 3];
                for (i, slot) in v.iter_mut().enumerate() {
                    *slot = match &args[i] {
                        Some(x) => match int_arg(vm, x) {
                            Err(e)
                                if crate::object::exceptions::err_matches(
                                    &e,
                                    ExcKind::OverflowError,
                                ) =>
                            {
                                return raise(
                                    ExcKind::ValueError,
                                    "ISO calendar component out of range",
                                )
                            }
                            r => r?,
                        },
                        None => {
                            return raise(
                                ExcKind::TypeError,
                                "fromisocalendar() missing required argument",
                            )
                        }
                    };
                }
                match calendar::iso_to_gregorian(v[0], v[1], v[2]) {
                    Ok((y, mo, d)) => new_date(vm, cls, y, mo, d),
                    Err(msg) => raise(ExcKind::ValueError, msg),
                }
            }),
            property("year", |_, s, a, _| Ok(int(this(s, a)?.0.y))),
            property("month", |_, s, a, _| Ok(int(this(s, a)?.0.m))),
            property("day", |_, s, a, _| Ok(int(this(s, a)?.0.d))),
            m("__repr__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                Ok(text(format!(
                    "{}({}, {}, {})",
                    repr_name(r, "date"),
                    d.y,
                    d.m,
                    d.d
                )))
            }),
            m("isoformat", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(text(iso::fmt_date(d.y, d.m, d.d)))
            }),
            m("__str__", |vm, s, a, _| {
                let r = recv(s, a)?.0.clone();
                super::call_method(vm, &r, "isoformat", &[])
            }),
            m("ctime", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(text(ctime(d.y, d.m, d.d, 0, 0, 0)))
            }),
            m("strftime", |vm, s, a, kw| {
                let (d, rest) = this(s, a)?;
                let args = bind("strftime", &["format"], rest, kw)?;
                let Some(fmt) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "strftime() missing required argument 'format' (pos 1)",
                    );
                };
                let tt = timetuple(vm, d.y, d.m, d.d, 0, 0, 0, -1)?;
                iso::wrap_strftime(vm, fmt, tt, &Value::None, &Value::None, 0)
            }),
            m("__format__", format),
            m("timetuple", |vm, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                timetuple(vm, d.y, d.m, d.d, 0, 0, 0, -1)
            }),
            m("toordinal", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(int(calendar::ymd_to_ord(d.y, d.m, d.d)))
            }),
            m("weekday", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(int(calendar::weekday(d.y, d.m, d.d)))
            }),
            m("isoweekday", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(int(calendar::weekday(d.y, d.m, d.d) + 1))
            }),
            m("isocalendar", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                let (y, w, wd) = calendar::iso_calendar(d.y, d.m, d.d);
                Ok(iso_calendar_date(y, w, wd))
            }),
            m("replace", |vm, s, a, kw| {
                let (d, rest) = this(s, a)?;
                let r = recv(s, a)?.0;
                let args = bind("replace", &["year", "month", "day"], rest, kw)?;
                let y = opt_int(vm, &args[0], d.y)?;
                let mo = opt_int(vm, &args[1], d.m)?;
                let dd = opt_int(vm, &args[2], d.d)?;
                check_date(y, mo, dd)?;
                Ok(make(
                    &classes::type_value(r),
                    class(),
                    DateV { y, m: mo, d: dd },
                ))
            }),
            m("__hash__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(int(hash_value(&new_tuple(vec![
                    int(d.y),
                    int(d.m),
                    int(d.d),
                ]))?))
            }),
            m("__eq__", |_, s, a, _| compare(s, a, CompareOp::Eq)),
            m("__ne__", |_, s, a, _| compare(s, a, CompareOp::Ne)),
            m("__lt__", |_, s, a, _| compare(s, a, CompareOp::Lt)),
            m("__le__", |_, s, a, _| compare(s, a, CompareOp::Le)),
            m("__gt__", |_, s, a, _| compare(s, a, CompareOp::Gt)),
            m("__ge__", |_, s, a, _| compare(s, a, CompareOp::Ge)),
            m("__add__", |vm, s, a, _| add(vm, s, a, 1)),
            m("__radd__", |vm, s, a, _| add(vm, s, a, 1)),
            m("__sub__", |vm, s, a, _| {
                let (d, rest) = this(s, a)?;
                let o = other(rest);
                if data_of::<super::DateTimeV>(&o).is_some() {
                    return not_implemented();
                }
                if let Some(od) = date_of(&o) {
                    let days = calendar::ymd_to_ord(d.y, d.m, d.d)
                        - calendar::ymd_to_ord(od.y, od.m, od.d);
                    return super::delta::new_delta(i128::from(days) * super::delta::US_PER_DAY);
                }
                add(vm, s, a, -1)
            }),
            m("__reduce__", |_, s, a, _| {
                let (d, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                Ok(new_tuple(vec![
                    classes::type_value(r),
                    new_tuple(vec![Value::obj(NewObject::Bytes(state(&d)))]),
                ]))
            }),
        ];
        let cls = crate::object::native::class("datetime", "date", attrs);
        let mk = |y, m, d| crate::object::native::new(cls.clone(), DateV { y, m, d });
        set_class_attr(&cls, "min", mk(1, 1, 1));
        set_class_attr(&cls, "max", mk(9999, 12, 31));
        set_class_attr(
            &cls,
            "resolution",
            Delta {
                days: 1,
                secs: 0,
                us: 0,
            }
            .value(),
        );
        cls
    })
}

/// The date of a method's receiver (a date or a datetime).
fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(DateV, &'a [Value])> {
    let (r, rest) = recv(s, a)?;
    match date_of(r) {
        Some(d) => Ok((d, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'datetime.date' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// The pickled state of a date: year (two bytes), month, day.
pub fn state(d: &DateV) -> Vec<u8> {
    vec![(d.y >> 8) as u8, (d.y & 0xff) as u8, d.m as u8, d.d as u8]
}

/// The bytes of a pickled state passed to a constructor: a bytes object
/// of `len` whose byte `check_at` passes `ok`, or a str of latin-1
/// characters (a Python 2 pickle read with `encoding='latin1'`).
pub fn state_arg(
    v: &Value,
    len: usize,
    check_at: usize,
    ok: fn(u8) -> bool,
    what: &str,
) -> PyResult<Option<Vec<u8>>> {
    match v.as_obj() {
        Some(Object::Bytes(b)) if b.len() == len && ok(b[check_at]) => Ok(Some(b.clone())),
        Some(Object::Str(s)) if s.chars() == len => {
            let cps: Vec<u32> = s.code_points().collect();
            if !ok(cps[check_at].min(255) as u8) || cps[check_at] > 255 {
                return Ok(None);
            }
            if cps.iter().any(|&c| c > 255) {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "Failed to encode latin1 string when unpickling a {what} object. pickle.load(data, encoding='latin1') is assumed."
                    ),
                );
            }
            Ok(Some(cps.iter().map(|&c| c as u8).collect()))
        }
        _ => Ok(None),
    }
}

/// `date(year, month, day)`, or `date(state)` when unpickling.
fn new(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(ExcKind::TypeError, "date.__new__(): not enough arguments");
    };
    if rest.len() == 1 && kw.is_empty() {
        if let Some(b) = state_arg(&rest[0], 4, 2, |m| (1..=12).contains(&m), "date")? {
            let d = DateV {
                y: i64::from(b[0]) * 256 + i64::from(b[1]),
                m: i64::from(b[2]),
                d: i64::from(b[3]),
            };
            return Ok(make(cls, class(), d));
        }
    }
    let args = bind("date", &["year", "month", "day"], rest, kw)?;
    let mut v = [0i64; 3];
    for (i, slot) in v.iter_mut().enumerate() {
        *slot = match &args[i] {
            Some(x) => int_arg(vm, x)?,
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "function missing required argument '{}' (pos {})",
                        ["year", "month", "day"][i],
                        i + 1
                    ),
                )
            }
        };
    }
    check_date(v[0], v[1], v[2])?;
    Ok(make(
        cls,
        class(),
        DateV {
            y: v[0],
            m: v[1],
            d: v[2],
        },
    ))
}

/// A date of class `cls`: made here for `date` itself, by calling the
/// class for a subclass (whose constructor may differ).
pub fn new_date(vm: &mut Vm, cls: &Value, y: i64, mo: i64, d: i64) -> PyResult<Value> {
    if is_exact(cls, &class()) {
        check_date(y, mo, d)?;
        return Ok(crate::object::native::new(class(), DateV { y, m: mo, d }));
    }
    crate::protocol::call(vm, cls, &[int(y), int(mo), int(d)], &[])
}

/// `time.struct_time` of a date and time.
#[allow(clippy::too_many_arguments)]
pub fn timetuple(
    vm: &mut Vm,
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    dst: i64,
) -> PyResult<Value> {
    let wd = calendar::weekday(y, mo, d);
    let yday = calendar::ymd_to_ord(y, mo, d) - calendar::ymd_to_ord(y, 1, 1) + 1;
    let items: Vec<Value> = [y, mo, d, h, mi, s, wd, yday, dst]
        .into_iter()
        .map(int)
        .collect();
    let cls = crate::modules::time_calendar::struct_time_class();
    crate::protocol::call(vm, &cls, &[new_tuple(items)], &[])
}

/// `ctime()`'s text.
pub fn ctime(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> String {
    let wd = calendar::weekday(y, mo, d);
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {:04}",
        DAY_NAMES[wd.rem_euclid(7) as usize],
        MONTH_NAMES[(mo - 1).clamp(0, 11) as usize],
        d,
        h,
        mi,
        s,
        y
    )
}

/// `__format__`: `str(self)` for an empty format, else `self.strftime`.
pub fn format(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = recv(s, a)?;
    let fmt = other(rest);
    match crate::object::heap::as_str(&fmt) {
        Some("") => Ok(text(crate::protocol::repr::str_of(vm, r)?)),
        Some(_) => super::call_method(vm, r, "strftime", &[fmt]),
        None => raise(
            ExcKind::TypeError,
            format!("must be str, not {}", type_name(&fmt)),
        ),
    }
}

fn compare(s: Option<&Value>, a: &[Value], op: CompareOp) -> PyResult<Value> {
    let (d, rest) = this(s, a)?;
    let o = other(rest);
    match date_of(&o) {
        Some(od) => Ok(Value::Bool(super::ordering_holds(d.cmp(&od), op))),
        None => not_implemented(),
    }
}

/// `date ± timedelta` (days only), a date of the receiver's class.
fn add(vm: &mut Vm, s: Option<&Value>, a: &[Value], sign: i64) -> PyResult<Value> {
    let (d, rest) = this(s, a)?;
    let r = recv(s, a)?.0;
    if data_of::<super::DateTimeV>(r).is_some() {
        return not_implemented();
    }
    let Some(delta) = delta_of(&other(rest)) else {
        return not_implemented();
    };
    let ord = calendar::ymd_to_ord(d.y, d.m, d.d) + sign * delta.days;
    if !(1..=calendar::MAXORDINAL).contains(&ord) {
        return raise(ExcKind::OverflowError, "date value out of range");
    }
    let (y, mo, dd) = calendar::ord_to_ymd(ord);
    new_date(vm, &classes::type_value(r), y, mo, dd)
}

fn today(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (cls, _) = recv(None, a)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    super::call_method(vm, cls, "fromtimestamp", &[Value::Float(now)])
}

fn fromtimestamp(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = recv(None, a)?;
    crate::object::args::arity("fromtimestamp", rest, 1, 1)?;
    let t = crate::modules::time_calendar::seconds(Some(&rest[0]))?;
    let tm = crate::modules::time_calendar::broken_down(t, true)?;
    new_date(
        vm,
        cls,
        i64::from(tm.tm_year) + 1900,
        i64::from(tm.tm_mon) + 1,
        i64::from(tm.tm_mday),
    )
}

/// `datetime.IsoCalendarDate(year, week, weekday)`: the tuple
/// `isocalendar()` returns, with named fields.
pub fn iso_calendar_date(y: i64, w: i64, wd: i64) -> Value {
    let Value::Obj(cls) = iso_calendar_class() else {
        return new_tuple(vec![int(y), int(w), int(wd)]);
    };
    Value::obj(NewObject::Instance(crate::object::instance::Instance::new(
        cls,
        None,
        Some(new_tuple(vec![int(y), int(w), int(wd)])),
    )))
}

fn iso_calendar_class() -> Value {
    crate::object::builtin_types::kept_by_name("datetime.IsoCalendarDate", || {
        let attrs = vec![
            m("__reduce__", |_, s, a, _| {
                let (r, _) = recv(s, a)?;
                let items = match crate::object::instance::unwrap(r).as_obj() {
                    Some(Object::Tuple(t)) => t.clone(),
                    _ => Vec::new(),
                };
                Ok(new_tuple(vec![
                    crate::object::classes::type_object(crate::object::heap::TypeKind::Tuple),
                    new_tuple(vec![new_tuple(items)]),
                ]))
            }),
            constructor(|vm, _, a, kw| {
                let Some((cls, rest)) = a.split_first() else {
                    return raise(
                        ExcKind::TypeError,
                        "IsoCalendarDate.__new__(): not enough arguments",
                    );
                };
                let args = bind("IsoCalendarDate", &["year", "week", "weekday"], rest, kw)?;
                let mut items = Vec::new();
                for v in args {
                    match v {
                        Some(v) => items.push(int(int_arg(vm, &v)?)),
                        None => {
                            return raise(
                                ExcKind::TypeError,
                                "IsoCalendarDate() missing required argument",
                            )
                        }
                    }
                }
                let Value::Obj(c) = cls else {
                    return raise(ExcKind::TypeError, "not a class");
                };
                Ok(Value::obj(NewObject::Instance(
                    crate::object::instance::Instance::new(c.clone(), None, Some(new_tuple(items))),
                )))
            }),
        ];
        crate::types::struct_sequence::struct_sequence(
            "datetime",
            "IsoCalendarDate",
            &["year", "week", "weekday"],
            &[],
            attrs,
        )
    })
}

impl DateV {
    /// The date as an exact `date` value.
    pub fn value(self) -> Value {
        crate::object::native::new(class(), self)
    }
}
