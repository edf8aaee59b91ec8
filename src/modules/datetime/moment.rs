//! `datetime.datetime`: a date and a time of day, optionally aware (with
//! a `tzinfo`), with CPython's arithmetic, comparisons across zones
//! (PEP 495's fold included) and conversions to and from POSIX
//! timestamps through the C library's local time.

use super::date::{ctime, state_arg, timetuple};
use super::delta::{delta_of, new_delta, Delta, US_PER_DAY};
use super::zone::{call_offset, call_tzname, call_utcoffset, offset_value};
use super::{
    bind, calendar, check_date, check_time, check_tzinfo, date_of, fold_arg, int, int_arg, iso,
    make, not_implemented, opt_int, other, recv, repr_name, set_class_attr, text, DateTimeV, DateV,
    Kw, TimeV,
};
use crate::object::classes;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, type_name, NewObject};
use crate::object::native::{constructor, data_of, method as m, property};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

const NAMES: [&str; 8] = [
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "microsecond",
    "tzinfo",
];

/// Seconds from 0001-01-01 to 1970-01-01.
const EPOCH: i64 = 719_163 * 86_400;
/// The largest fold in the IANA database is 23 hours; probe a day.
const MAX_FOLD_SECONDS: i64 = 86_400;

/// `datetime`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("datetime.datetime", || {
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
            cm("now", now),
            cm("utcnow", utcnow),
            cm("fromtimestamp", fromtimestamp),
            cm("utcfromtimestamp", utcfromtimestamp),
            cm("combine", combine),
            cm("fromisoformat", fromisoformat),
            cm("strptime", |vm, _, a, _| {
                let (cls, rest) = recv(None, a)?;
                crate::object::args::arity("strptime", rest, 2, 2)?;
                let module = crate::protocol::import(vm, "_strptime")?;
                let f = crate::protocol::getattr(vm, &module, "_strptime_datetime")?;
                crate::protocol::call(
                    vm,
                    &f,
                    &[cls.clone(), rest[0].clone(), rest[1].clone()],
                    &[],
                )
            }),
            property("hour", |_, s, a, _| Ok(int(this(s, a)?.0.h))),
            property("minute", |_, s, a, _| Ok(int(this(s, a)?.0.mi))),
            property("second", |_, s, a, _| Ok(int(this(s, a)?.0.s))),
            property("microsecond", |_, s, a, _| Ok(int(this(s, a)?.0.us))),
            property("tzinfo", |_, s, a, _| Ok(this(s, a)?.0.tz.clone())),
            property("fold", |_, s, a, _| Ok(int(this(s, a)?.0.fold))),
            m("__repr__", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                let d = v.date;
                let mut fields = vec![d.y, d.m, d.d, v.h, v.mi, v.s, v.us];
                for _ in 0..2 {
                    if fields.last() == Some(&0) {
                        fields.pop();
                    }
                }
                let shown: Vec<String> = fields.iter().map(i64::to_string).collect();
                let mut out = format!("{}({}", repr_name(r, "datetime"), shown.join(", "));
                if !matches!(v.tz, Value::None) {
                    out.push_str(&format!(
                        ", tzinfo={}",
                        crate::protocol::repr::repr(vm, &v.tz)?
                    ));
                }
                if v.fold != 0 {
                    out.push_str(", fold=1");
                }
                out.push(')');
                Ok(text(out))
            }),
            m("isoformat", |vm, s, a, kw| {
                let (v, rest) = this(s, a)?;
                let r = recv(s, a)?.0;
                let args = bind("isoformat", &["sep", "timespec"], rest, kw)?;
                let sep: Vec<u32> = match &args[0] {
                    None => vec![u32::from(b'T')],
                    Some(x) => match crate::object::heap::as_pystr(x) {
                        Some(p) if p.chars() == 1 => p.code_points().collect(),
                        Some(p) => {
                            return raise(
                                ExcKind::TypeError,
                                format!(
                                    "isoformat() argument 1 must be a unicode character, not a string of length {}",
                                    p.chars()
                                ),
                            )
                        }
                        None => {
                            return raise(
                                ExcKind::TypeError,
                                format!(
                                    "isoformat() argument 1 must be a unicode character, not {}",
                                    type_name(x)
                                ),
                            )
                        }
                    },
                };
                let spec = iso::timespec_arg(&args[1])?;
                let d = v.date;
                let mut tail = iso::fmt_time(v.h, v.mi, v.s, v.us, &spec)?;
                if let Some(off) = call_utcoffset(vm, &v.tz, r)? {
                    tail.push_str(&iso::fmt_offset(&off, ":"));
                }
                // The separator may be any character, a lone surrogate
                // too: the text is built from code points.
                let head = iso::fmt_date(d.y, d.m, d.d);
                let cps = head
                    .chars()
                    .map(u32::from)
                    .chain(sep)
                    .chain(tail.chars().map(u32::from));
                Ok(crate::object::heap::str_of_code_points(cps))
            }),
            m("__str__", |vm, s, a, _| {
                let r = recv(s, a)?.0.clone();
                super::call_method(vm, &r, "isoformat", &[text(" ")])
            }),
            m("ctime", |_, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(text(ctime(v.date.y, v.date.m, v.date.d, v.h, v.mi, v.s)))
            }),
            m("strftime", |vm, s, a, kw| {
                let (v, rest) = this(s, a)?;
                let r = recv(s, a)?.0;
                let args = bind("strftime", &["format"], rest, kw)?;
                let Some(fmt) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "strftime() missing required argument 'format' (pos 1)",
                    );
                };
                let d = v.date;
                let tt = timetuple(vm, d.y, d.m, d.d, v.h, v.mi, v.s, -1)?;
                iso::wrap_strftime(vm, fmt, tt, &v.tz, r, v.us)
            }),
            m("timetuple", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                let dst = match call_offset(vm, &v.tz, "dst", r)? {
                    None => -1,
                    Some(d) if d == Delta::ZERO => 0,
                    Some(_) => 1,
                };
                let d = v.date;
                timetuple(vm, d.y, d.m, d.d, v.h, v.mi, v.s, dst)
            }),
            m("utctimetuple", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                let f = match call_utcoffset(vm, &v.tz, r)? {
                    None => fields(v),
                    Some(off) => shift(fields(v), -off.total_us())?,
                };
                timetuple(vm, f.0.y, f.0.m, f.0.d, f.1[0], f.1[1], f.1[2], 0)
            }),
            m("timestamp", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                if !matches!(v.tz, Value::None) {
                    let epoch = epoch_utc();
                    let d = subtract(vm, r, &epoch)?;
                    return super::call_method(vm, &d, "total_seconds", &[]);
                }
                let secs = local_to_seconds(v.date, v.h, v.mi, v.s, v.fold)?;
                Ok(Value::Float((secs - EPOCH) as f64 + v.us as f64 / 1e6))
            }),
            m("date", |_, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(v.date.value())
            }),
            m("time", |_, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(crate::object::native::new(
                    super::clock::class(),
                    TimeV {
                        h: v.h,
                        mi: v.mi,
                        s: v.s,
                        us: v.us,
                        fold: v.fold,
                        tz: Value::None,
                    },
                ))
            }),
            m("timetz", |_, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(crate::object::native::new(
                    super::clock::class(),
                    TimeV {
                        h: v.h,
                        mi: v.mi,
                        s: v.s,
                        us: v.us,
                        fold: v.fold,
                        tz: v.tz.clone(),
                    },
                ))
            }),
            m("utcoffset", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                Ok(offset_value(call_utcoffset(vm, &v.tz, r)?))
            }),
            m("dst", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                Ok(offset_value(call_offset(vm, &v.tz, "dst", r)?))
            }),
            m("tzname", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                call_tzname(vm, &v.tz, r)
            }),
            m("replace", |vm, s, a, kw| {
                let (v, rest) = this(s, a)?;
                let r = recv(s, a)?.0;
                let (fold, kw) = fold_arg(vm, kw, v.fold)?;
                let args = bind("replace", &NAMES, rest, &kw)?;
                let d = v.date;
                let y = opt_int(vm, &args[0], d.y)?;
                let mo = opt_int(vm, &args[1], d.m)?;
                let dd = opt_int(vm, &args[2], d.d)?;
                let h = opt_int(vm, &args[3], v.h)?;
                let mi = opt_int(vm, &args[4], v.mi)?;
                let sec = opt_int(vm, &args[5], v.s)?;
                let us = opt_int(vm, &args[6], v.us)?;
                let tz = args[7].clone().unwrap_or_else(|| v.tz.clone());
                check_date(y, mo, dd)?;
                check_time(h, mi, sec, us, fold)?;
                check_tzinfo(&tz)?;
                let nv = DateTimeV {
                    date: DateV { y, m: mo, d: dd },
                    h,
                    mi,
                    s: sec,
                    us,
                    fold,
                    tz,
                };
                Ok(make(&classes::type_value(r), class(), nv))
            }),
            m("astimezone", astimezone),
            m("__hash__", |vm, s, a, _| {
                let (v, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                let off = if v.fold != 0 && !matches!(v.tz, Value::None) {
                    let probe = with_fold(r, v, 0);
                    call_utcoffset(vm, &v.tz, &probe)?
                } else {
                    call_utcoffset(vm, &v.tz, r)?
                };
                let us = v.total_us() - off.map_or(0, |o| o.total_us());
                let days = us.div_euclid(US_PER_DAY);
                let rest = us.rem_euclid(US_PER_DAY);
                Ok(int(crate::object::dict::hash_value(&new_tuple(vec![
                    int(days as i64),
                    int((rest / 1_000_000) as i64),
                    int((rest % 1_000_000) as i64),
                ]))?))
            }),
            m("__eq__", |vm, s, a, _| compare(vm, s, a, CompareOp::Eq)),
            m("__ne__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ne)),
            m("__lt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Lt)),
            m("__le__", |vm, s, a, _| compare(vm, s, a, CompareOp::Le)),
            m("__gt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Gt)),
            m("__ge__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ge)),
            m("__add__", add),
            m("__radd__", add),
            m("__sub__", |vm, s, a, _| {
                let (r, rest) = recv(s, a)?;
                let o = other(rest);
                if data_of::<DateTimeV>(&o).is_some() {
                    return subtract(vm, r, &o);
                }
                match delta_of(&o) {
                    Some(d) => add_us(vm, r, -d.total_us()),
                    None => not_implemented(),
                }
            }),
            m("__rsub__", |vm, s, a, _| {
                let (r, rest) = recv(s, a)?;
                let o = other(rest);
                if data_of::<DateTimeV>(&o).is_some() {
                    return subtract(vm, &o, r);
                }
                not_implemented()
            }),
            m("__reduce_ex__", |vm, s, a, _| {
                let (_, rest) = this(s, a)?;
                let proto = match rest.first() {
                    Some(p) => int_arg(vm, p)?,
                    None => {
                        return raise(
                            ExcKind::TypeError,
                            "__reduce_ex__() takes exactly one argument (0 given)",
                        )
                    }
                };
                reduce(s, a, proto)
            }),
            m("__reduce__", |_, s, a, _| reduce(s, a, 2)),
        ];
        let cls =
            crate::object::native::subclass("datetime", "datetime", super::date::class(), attrs);
        let mk = |d: DateV, h, mi, s, us| {
            crate::object::native::new(
                cls.clone(),
                DateTimeV {
                    date: d,
                    h,
                    mi,
                    s,
                    us,
                    fold: 0,
                    tz: Value::None,
                },
            )
        };
        set_class_attr(&cls, "min", mk(DateV { y: 1, m: 1, d: 1 }, 0, 0, 0, 0));
        set_class_attr(
            &cls,
            "max",
            mk(
                DateV {
                    y: 9999,
                    m: 12,
                    d: 31,
                },
                23,
                59,
                59,
                999_999,
            ),
        );
        set_class_attr(
            &cls,
            "resolution",
            Delta {
                days: 0,
                secs: 0,
                us: 1,
            }
            .value(),
        );
        cls
    })
}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a DateTimeV, &'a [Value])> {
    let (r, rest) = recv(s, a)?;
    match data_of::<DateTimeV>(r) {
        Some(v) => Ok((v, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'datetime.datetime' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// A datetime's date and `[hour, minute, second, microsecond]`.
type Fields = (DateV, [i64; 4]);

fn fields(v: &DateTimeV) -> Fields {
    (v.date, [v.h, v.mi, v.s, v.us])
}

/// `fields` moved by `us` microseconds, or OverflowError out of range.
fn shift(f: Fields, us: i128) -> PyResult<Fields> {
    let ord = calendar::ymd_to_ord(f.0.y, f.0.m, f.0.d);
    let [h, mi, s, u] = f.1;
    let total =
        i128::from(ord) * US_PER_DAY + i128::from(((h * 60 + mi) * 60 + s) * 1_000_000 + u) + us;
    let day = total.div_euclid(US_PER_DAY);
    let rest = total.rem_euclid(US_PER_DAY) as i64;
    if day < 1 || day > i128::from(calendar::MAXORDINAL) {
        return raise(ExcKind::OverflowError, "date value out of range");
    }
    let (y, mo, d) = calendar::ord_to_ymd(day as i64);
    let secs = rest / 1_000_000;
    Ok((
        DateV { y, m: mo, d },
        [secs / 3600, secs / 60 % 60, secs % 60, rest % 1_000_000],
    ))
}

/// A datetime of class `cls` with these fields: made here for
/// `datetime` itself, by calling the class (with `fold=` when set) for a
/// subclass.
pub fn new_datetime(vm: &mut Vm, cls: &Value, f: Fields, tz: Value, fold: i64) -> PyResult<Value> {
    let (d, [h, mi, s, us]) = f;
    if cls.is(&class()) {
        check_date(d.y, d.m, d.d)?;
        check_time(h, mi, s, us, fold)?;
        return Ok(crate::object::native::new(
            class(),
            DateTimeV {
                date: d,
                h,
                mi,
                s,
                us,
                fold,
                tz,
            },
        ));
    }
    let mut args: Vec<Value> = [d.y, d.m, d.d, h, mi, s, us].into_iter().map(int).collect();
    args.push(tz);
    let mut names: Vec<Rc<str>> = Vec::new();
    if fold != 0 {
        args.push(int(fold));
        names.push(Rc::from("fold"));
    }
    crate::protocol::call(vm, cls, &args, &names)
}

/// `dt + timedelta(microseconds=us)`: of `dt`'s class, `tzinfo` kept,
/// fold 0.
pub fn add_us(vm: &mut Vm, dt: &Value, us: i128) -> PyResult<Value> {
    let Some(v) = data_of::<DateTimeV>(dt) else {
        return raise(ExcKind::TypeError, "expected a datetime");
    };
    let f = shift(fields(v), us)?;
    let tz = v.tz.clone();
    new_datetime(vm, &classes::type_value(dt), f, tz, 0)
}

/// The same datetime (of the same class, made directly) with `fold`.
fn with_fold(r: &Value, v: &DateTimeV, fold: i64) -> Value {
    let nv = DateTimeV {
        date: v.date,
        h: v.h,
        mi: v.mi,
        s: v.s,
        us: v.us,
        fold,
        tz: v.tz.clone(),
    };
    make(&classes::type_value(r), class(), nv)
}

/// `1970-01-01T00:00+00:00`.
fn epoch_utc() -> Value {
    crate::object::native::new(
        class(),
        DateTimeV {
            date: DateV {
                y: 1970,
                m: 1,
                d: 1,
            },
            h: 0,
            mi: 0,
            s: 0,
            us: 0,
            fold: 0,
            tz: super::zone::utc(),
        },
    )
}

fn add(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = recv(s, a)?;
    match delta_of(&other(rest)) {
        Some(d) => add_us(vm, r, d.total_us()),
        None => not_implemented(),
    }
}

/// `left - right` for two datetimes: a timedelta, the offsets
/// subtracted when the zones differ.
fn subtract(vm: &mut Vm, left: &Value, right: &Value) -> PyResult<Value> {
    let (Some(l), Some(r)) = (data_of::<DateTimeV>(left), data_of::<DateTimeV>(right)) else {
        return not_implemented();
    };
    let mut diff = l.total_us() - r.total_us();
    if !l.tz.is(&r.tz) {
        let o1 = call_utcoffset(vm, &l.tz, left)?;
        let o2 = call_utcoffset(vm, &r.tz, right)?;
        match (o1, o2) {
            (Some(x), Some(y)) => diff -= x.total_us() - y.total_us(),
            (None, None) => {}
            _ => {
                return raise(
                    ExcKind::TypeError,
                    "can't subtract offset-naive and offset-aware datetimes",
                )
            }
        }
    }
    new_delta(diff)
}

/// The offset `dt` would have with its fold flipped.
fn flipped_offset(vm: &mut Vm, dt: &Value, v: &DateTimeV) -> PyResult<Option<Delta>> {
    let flipped = with_fold(dt, v, 1 - v.fold);
    call_utcoffset(vm, &v.tz, &flipped)
}

/// PEP 495: two datetimes whose offset depends on the fold are never
/// equal across zones.
fn fold_exception(
    vm: &mut Vm,
    a: (&Value, &DateTimeV, Option<Delta>),
    b: (&Value, &DateTimeV, Option<Delta>),
) -> PyResult<bool> {
    for (dt, v, off) in [a, b] {
        if flipped_offset(vm, dt, v)? != off {
            return Ok(true);
        }
    }
    Ok(false)
}

fn compare(vm: &mut Vm, s: Option<&Value>, a: &[Value], op: CompareOp) -> PyResult<Value> {
    let (v, rest) = this(s, a)?;
    let r = recv(s, a)?.0;
    let o = other(rest);
    let Some(w) = data_of::<DateTimeV>(&o) else {
        if date_of(&o).is_some() {
            return match op {
                CompareOp::Eq => Ok(Value::Bool(false)),
                CompareOp::Ne => Ok(Value::Bool(true)),
                _ => raise(
                    ExcKind::TypeError,
                    format!("can't compare {} to {}", type_name(r), type_name(&o)),
                ),
            };
        }
        return not_implemented();
    };
    let plain = |x: &DateTimeV| x.total_us();
    if v.tz.is(&w.tz) {
        return Ok(Value::Bool(super::ordering_holds(
            plain(v).cmp(&plain(w)),
            op,
        )));
    }
    let o1 = call_utcoffset(vm, &v.tz, r)?;
    let o2 = call_utcoffset(vm, &w.tz, &o)?;
    let diff = match (o1, o2) {
        (None, None) => plain(v) - plain(w),
        (Some(x), Some(y)) => (plain(v) - x.total_us()) - (plain(w) - y.total_us()),
        _ => {
            return match op {
                CompareOp::Eq => Ok(Value::Bool(false)),
                CompareOp::Ne => Ok(Value::Bool(true)),
                _ => raise(
                    ExcKind::TypeError,
                    "can't compare offset-naive and offset-aware datetimes",
                ),
            }
        }
    };
    let mut ord = diff.cmp(&0);
    if matches!(op, CompareOp::Eq | CompareOp::Ne)
        && ord.is_eq()
        && o1.is_some()
        && fold_exception(vm, (r, v, o1), (&o, w, o2))?
    {
        ord = std::cmp::Ordering::Greater;
    }
    Ok(Value::Bool(super::ordering_holds(ord, op)))
}

/// The pickled state: the date's four bytes (the fold in the month's
/// high bit from protocol 4), then hour, minute, second and three bytes
/// of microseconds.
fn state(v: &DateTimeV, proto: i64) -> Vec<u8> {
    let mut b = super::date::state(&v.date);
    if v.fold != 0 && proto > 3 {
        b[2] |= 0x80;
    }
    b.extend([
        v.h as u8,
        v.mi as u8,
        v.s as u8,
        (v.us >> 16) as u8,
        (v.us >> 8 & 0xff) as u8,
        (v.us & 0xff) as u8,
    ]);
    b
}

fn reduce(s: Option<&Value>, a: &[Value], proto: i64) -> PyResult<Value> {
    let (v, _) = this(s, a)?;
    let r = recv(s, a)?.0;
    let mut args = vec![Value::obj(NewObject::Bytes(state(v, proto)))];
    if !matches!(v.tz, Value::None) {
        args.push(v.tz.clone());
    }
    Ok(new_tuple(vec![classes::type_value(r), new_tuple(args)]))
}

/// `datetime(year, month, day, hour, minute, second, microsecond,
/// tzinfo, *, fold)`, or `datetime(state[, tzinfo])` when unpickling.
fn new(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(
            ExcKind::TypeError,
            "datetime.__new__(): not enough arguments",
        );
    };
    if (1..=2).contains(&rest.len()) && kw.is_empty() {
        if let Some(b) = state_arg(
            &rest[0],
            10,
            2,
            |m| (1..=12).contains(&(m & 0x7f)),
            "datetime",
        )? {
            let tz = rest.get(1).cloned().unwrap_or(Value::None);
            if !matches!(tz, Value::None)
                && !classes::is_instance_of(&tz, &super::zone::tzinfo_class())
            {
                return raise(ExcKind::TypeError, "bad tzinfo state arg");
            }
            let v = DateTimeV {
                date: DateV {
                    y: i64::from(b[0]) * 256 + i64::from(b[1]),
                    m: i64::from(b[2] & 0x7f),
                    d: i64::from(b[3]),
                },
                h: i64::from(b[4]),
                mi: i64::from(b[5]),
                s: i64::from(b[6]),
                us: (i64::from(b[7]) << 16) | (i64::from(b[8]) << 8) | i64::from(b[9]),
                fold: i64::from(b[2] >> 7),
                tz,
            };
            return Ok(make(cls, class(), v));
        }
    }
    let (fold, kw) = fold_arg(vm, kw, 0)?;
    let args = bind("datetime", &NAMES, rest, &kw)?;
    let mut f = [0i64; 7];
    for (i, slot) in f.iter_mut().enumerate() {
        *slot = match &args[i] {
            Some(x) => int_arg(vm, x)?,
            None if i < 3 => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "function missing required argument '{}' (pos {})",
                        NAMES[i],
                        i + 1
                    ),
                )
            }
            None => 0,
        };
    }
    let tz = args[7].clone().unwrap_or(Value::None);
    check_date(f[0], f[1], f[2])?;
    check_time(f[3], f[4], f[5], f[6], fold)?;
    check_tzinfo(&tz)?;
    let v = DateTimeV {
        date: DateV {
            y: f[0],
            m: f[1],
            d: f[2],
        },
        h: f[3],
        mi: f[4],
        s: f[5],
        us: f[6],
        fold,
        tz,
    };
    Ok(make(cls, class(), v))
}

/// Seconds (from 0001-01-01) of local time at POSIX time `u - EPOCH`.
fn local(u: i64) -> PyResult<i64> {
    let tm =
        crate::modules::time_calendar::broken_down(u.saturating_sub(EPOCH) as libc::time_t, true)?;
    utc_to_seconds(&tm_fields(&tm))
}

/// `(date, [h, m, s, 0])` of a C `tm` (leap seconds clamped to 59).
fn tm_fields(tm: &libc::tm) -> Fields {
    (
        DateV {
            y: i64::from(tm.tm_year) + 1900,
            m: i64::from(tm.tm_mon) + 1,
            d: i64::from(tm.tm_mday),
        },
        [
            i64::from(tm.tm_hour),
            i64::from(tm.tm_min),
            i64::from(tm.tm_sec).min(59),
            0,
        ],
    )
}

/// Seconds from 0001-01-01 of a date and time read as UTC.
fn utc_to_seconds(f: &Fields) -> PyResult<i64> {
    let d = f.0;
    if !(super::MINYEAR..=super::MAXYEAR).contains(&d.y) {
        return raise(ExcKind::ValueError, format!("year {} is out of range", d.y));
    }
    let ord = calendar::ymd_to_ord(d.y, d.m, d.d);
    Ok(((ord * 24 + f.1[0]) * 60 + f.1[1]) * 60 + f.1[2])
}

/// The POSIX-epoch-based seconds (from 0001-01-01) of a naive local
/// time, solving `t = local(u)` with the fold choosing between two
/// solutions (CPython's `local_to_seconds`).
fn local_to_seconds(d: DateV, h: i64, mi: i64, s: i64, fold: i64) -> PyResult<i64> {
    let t = utc_to_seconds(&(d, [h, mi, s, 0]))?;
    let a = local(t)? - t;
    let u1 = t - a;
    let t1 = local(u1)?;
    let b;
    if t1 == t {
        let u2 = if fold != 0 {
            u1 + MAX_FOLD_SECONDS
        } else {
            u1 - MAX_FOLD_SECONDS
        };
        b = local(u2)? - u2;
        if a == b {
            return Ok(u1);
        }
    } else {
        b = t1 - u1;
    }
    let u2 = t - b;
    let t2 = local(u2)?;
    if t2 == t {
        return Ok(u2);
    }
    if t1 == t {
        return Ok(u1);
    }
    Ok(if fold != 0 { u1.min(u2) } else { u1.max(u2) })
}

/// A POSIX timestamp as whole seconds and microseconds, rounded half to
/// even (CPython's `_PyTime_ObjectToTimeval`).
fn timestamp_parts(v: &Value) -> PyResult<(i64, i64)> {
    match crate::protocol::ops::int_of(v) {
        Some(crate::protocol::ops::IntVal::Small(n)) => return Ok((n, 0)),
        Some(_) => {
            return raise(
                ExcKind::OverflowError,
                "timestamp out of range for platform time_t",
            )
        }
        None => {}
    }
    let f = crate::types::number::to_f64(v)?;
    if f.is_nan() {
        return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
    }
    let (mut ip, fp) = (f.trunc(), f.fract());
    let x = fp * 1e6;
    let mut r = x.round();
    if (x - r).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    if r >= 1e6 {
        r -= 1e6;
        ip += 1.0;
    } else if r < 0.0 {
        r += 1e6;
        ip -= 1.0;
    }
    if !(-9.2e18..9.2e18).contains(&ip) {
        return raise(
            ExcKind::OverflowError,
            "timestamp out of range for platform time_t",
        );
    }
    Ok((ip as i64, r as i64))
}

/// A datetime of class `cls` at POSIX time `t` + `us`: local time (with
/// the fold detected) or UTC.
fn from_timet(vm: &mut Vm, cls: &Value, t: i64, us: i64, utc: bool, tz: Value) -> PyResult<Value> {
    let tm = crate::modules::time_calendar::broken_down(t as libc::time_t, !utc)?;
    let (d, [h, mi, s, _]) = tm_fields(&tm);
    let mut fold = 0;
    if matches!(tz, Value::None) && !utc {
        let result = utc_to_seconds(&(d, [h, mi, s, 0]))?;
        let probe = local(t.saturating_add(EPOCH - MAX_FOLD_SECONDS))?;
        let transition = result - probe - MAX_FOLD_SECONDS;
        if transition < 0 && local(t.saturating_add(EPOCH).saturating_add(transition))? == result {
            fold = 1;
        }
    }
    new_datetime(vm, cls, (d, [h, mi, s, us]), tz, fold)
}

fn fromtimestamp(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = recv(None, a)?;
    let args = bind("fromtimestamp", &["timestamp", "tz"], rest, kw)?;
    let Some(ts) = &args[0] else {
        return raise(
            ExcKind::TypeError,
            "fromtimestamp() missing required argument 'timestamp' (pos 1)",
        );
    };
    let tz = args[1].clone().unwrap_or(Value::None);
    check_tzinfo(&tz)?;
    let (t, us) = timestamp_parts(ts)?;
    let aware = !matches!(tz, Value::None);
    let dt = from_timet(vm, cls, t, us, aware, tz.clone())?;
    if aware {
        return super::call_method(vm, &tz, "fromutc", &[dt]);
    }
    Ok(dt)
}

fn utcfromtimestamp(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("utcfromtimestamp", kw)?;
    let (cls, rest) = recv(None, a)?;
    crate::object::args::arity("utcfromtimestamp", rest, 1, 1)?;
    let (t, us) = timestamp_parts(&rest[0])?;
    from_timet(vm, cls, t, us, true, Value::None)
}

/// Now as POSIX seconds and microseconds.
fn now_parts() -> (i64, i64) {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (d.as_secs() as i64, i64::from(d.subsec_micros()))
}

fn now(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = recv(None, a)?;
    let args = bind("now", &["tz"], rest, kw)?;
    let tz = args[0].clone().unwrap_or(Value::None);
    check_tzinfo(&tz)?;
    let (t, us) = now_parts();
    let aware = !matches!(tz, Value::None);
    let dt = from_timet(vm, cls, t, us, aware, tz.clone())?;
    if aware {
        return super::call_method(vm, &tz, "fromutc", &[dt]);
    }
    Ok(dt)
}

fn utcnow(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("utcnow", kw)?;
    let (cls, rest) = recv(None, a)?;
    crate::object::args::arity("utcnow", rest, 0, 0)?;
    let (t, us) = now_parts();
    from_timet(vm, cls, t, us, true, Value::None)
}

fn combine(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = recv(None, a)?;
    let args = bind("combine", &["date", "time", "tzinfo"], rest, kw)?;
    let (Some(d), Some(t)) = (&args[0], &args[1]) else {
        return raise(ExcKind::TypeError, "combine() missing required argument");
    };
    let Some(dv) = date_of(d) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "combine() argument 1 must be datetime.date, not {}",
                type_name(d)
            ),
        );
    };
    let Some(tv) = data_of::<TimeV>(t) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "combine() argument 2 must be datetime.time, not {}",
                type_name(t)
            ),
        );
    };
    let tz = args[2].clone().unwrap_or_else(|| tv.tz.clone());
    check_tzinfo(&tz)?;
    new_datetime(vm, cls, (dv, [tv.h, tv.mi, tv.s, tv.us]), tz, tv.fold)
}

/// The tzinfo of a parsed ISO offset: None, `timezone.utc` for zero, or
/// a fixed-offset timezone.
pub fn tz_from_offset(vm: &mut Vm, off: Option<(i64, i64)>) -> PyResult<Value> {
    match off {
        None => Ok(Value::None),
        Some((0, _)) => Ok(super::zone::utc()),
        Some((secs, us)) => {
            let d = Delta::from_us(i128::from(secs) * 1_000_000 + i128::from(us))?;
            super::zone::new_timezone(vm, d, None)
        }
    }
}

fn fromisoformat(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = recv(None, a)?;
    crate::object::args::arity("fromisoformat", rest, 1, 1)?;
    let s = &rest[0];
    let b = iso::iso_arg(s)?;
    let b = &b[..];
    if b.len() < 7 {
        return iso::invalid(vm, s);
    }
    let Some(sep) = iso::find_separator(b) else {
        return iso::invalid(vm, s);
    };
    let Some((y, mo, d)) = iso::parse_date(&b[..sep.min(b.len())]) else {
        return iso::invalid(vm, s);
    };
    let (hms, off) = if b.len() > sep {
        match iso::parse_time(&b[sep + 1..]) {
            Some(p) => p,
            None => return iso::invalid(vm, s),
        }
    } else {
        ([0; 4], None)
    };
    let tz = tz_from_offset(vm, off)?;
    new_datetime(vm, cls, (DateV { y, m: mo, d }, hms), tz, 0)
}

/// The local time zone at POSIX time `t`: a fixed-offset timezone named
/// as the C library names it.
fn local_timezone_at(vm: &mut Vm, t: i64) -> PyResult<Value> {
    let tm = crate::modules::time_calendar::broken_down(t as libc::time_t, true)?;
    let off = Delta::from_us(i128::from(tm.tm_gmtoff) * 1_000_000)?;
    let name = if tm.tm_zone.is_null() {
        None
    } else {
        // SAFETY: tm_zone points at a NUL-terminated zone name the C
        // library keeps for the life of the process.
        Some(text(
            unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned(),
        ))
    };
    super::zone::new_timezone(vm, off, name)
}

fn astimezone(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (v, rest) = this(s, a)?;
    let r = recv(s, a)?.0;
    let args = bind("astimezone", &["tz"], rest, kw)?;
    let tz = args[0].clone().unwrap_or(Value::None);
    check_tzinfo(&tz)?;
    let mut self_tz = v.tz.clone();
    let mut offset = None;
    if !matches!(self_tz, Value::None) {
        offset = call_utcoffset(vm, &self_tz, r)?;
    }
    if offset.is_none() {
        let secs = local_to_seconds(v.date, v.h, v.mi, v.s, v.fold)?;
        self_tz = local_timezone_at(vm, secs - EPOCH)?;
        if self_tz.is(&tz) {
            return Ok(r.clone());
        }
        offset = call_utcoffset(vm, &self_tz, r)?;
    } else if self_tz.is(&tz) {
        return Ok(r.clone());
    }
    let off = offset.unwrap_or(Delta::ZERO);
    let f = shift(fields(v), -off.total_us())?;
    let target = if matches!(tz, Value::None) {
        let utc_secs = utc_to_seconds(&f)?;
        local_timezone_at(vm, utc_secs - EPOCH)?
    } else {
        tz
    };
    let cls = classes::type_value(r);
    let utc = make(
        &cls,
        class(),
        DateTimeV {
            date: f.0,
            h: f.1[0],
            mi: f.1[1],
            s: f.1[2],
            us: f.1[3],
            fold: 0,
            tz: target.clone(),
        },
    );
    super::call_method(vm, &target, "fromutc", &[utc])
}
