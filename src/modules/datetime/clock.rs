//! `datetime.time`: a time of day, optionally with a `tzinfo`, and the
//! `fold` that tells the two instances of a repeated local time apart.

use super::date::state_arg;
use super::delta::Delta;
use super::zone::{call_offset, call_tzname, call_utcoffset, offset_value};
use super::{
    bind, check_time, check_tzinfo, fold_arg, int, int_arg, iso, make, not_implemented, opt_int,
    other, recv, repr_name, set_class_attr, text, Kw, TimeV,
};
use crate::object::classes;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, type_name, NewObject};
use crate::object::native::{constructor, data_of, method as m, property};
use crate::object::value::Value;
use crate::vm::Vm;
use taipan_bytecode::opcode::CompareOp;

const NAMES: [&str; 5] = ["hour", "minute", "second", "microsecond", "tzinfo"];

/// `time`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("datetime.time", || {
        let attrs = vec![
            constructor(new),
            (
                "fromisoformat",
                Value::obj(NewObject::ClassMethod(crate::object::heap::builtin_fn(
                    "fromisoformat",
                    fromisoformat,
                ))),
            ),
            property("hour", |_, s, a, _| Ok(int(this(s, a)?.0.h))),
            property("minute", |_, s, a, _| Ok(int(this(s, a)?.0.mi))),
            property("second", |_, s, a, _| Ok(int(this(s, a)?.0.s))),
            property("microsecond", |_, s, a, _| Ok(int(this(s, a)?.0.us))),
            property("tzinfo", |_, s, a, _| Ok(this(s, a)?.0.tz.clone())),
            property("fold", |_, s, a, _| Ok(int(this(s, a)?.0.fold))),
            m("__repr__", |vm, s, a, _| {
                let (t, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                let tail = if t.us != 0 {
                    format!(", {}, {}", t.s, t.us)
                } else if t.s != 0 {
                    format!(", {}", t.s)
                } else {
                    String::new()
                };
                let mut out = format!("{}({}, {}{tail}", repr_name(r, "time"), t.h, t.mi);
                if !matches!(t.tz, Value::None) {
                    out.push_str(&format!(
                        ", tzinfo={}",
                        crate::protocol::repr::repr(vm, &t.tz)?
                    ));
                }
                if t.fold != 0 {
                    out.push_str(", fold=1");
                }
                out.push(')');
                Ok(text(out))
            }),
            m("isoformat", |vm, s, a, kw| {
                let (t, rest) = this(s, a)?;
                let args = bind("isoformat", &["timespec"], rest, kw)?;
                let spec = iso::timespec_arg(&args[0])?;
                let mut out = iso::fmt_time(t.h, t.mi, t.s, t.us, &spec)?;
                if let Some(off) = call_utcoffset(vm, &t.tz, &Value::None)? {
                    out.push_str(&iso::fmt_offset(&off, ":"));
                }
                Ok(text(out))
            }),
            m("__str__", |vm, s, a, _| {
                let r = recv(s, a)?.0.clone();
                super::call_method(vm, &r, "isoformat", &[])
            }),
            m("strftime", |vm, s, a, kw| {
                let (t, rest) = this(s, a)?;
                let args = bind("strftime", &["format"], rest, kw)?;
                let Some(fmt) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "strftime() missing required argument 'format' (pos 1)",
                    );
                };
                let items: Vec<Value> = [1900, 1, 1, t.h, t.mi, t.s, 0, 1, -1]
                    .into_iter()
                    .map(int)
                    .collect();
                let cls = crate::modules::time_calendar::struct_time_class();
                let tt = crate::protocol::call(vm, &cls, &[new_tuple(items)], &[])?;
                iso::wrap_strftime(vm, fmt, tt, &t.tz, &Value::None, t.us)
            }),
            m("__format__", super::date::format),
            m("utcoffset", |vm, s, a, _| {
                let (t, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(offset_value(call_utcoffset(vm, &t.tz, &Value::None)?))
            }),
            m("dst", |vm, s, a, _| {
                let (t, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(offset_value(call_offset(vm, &t.tz, "dst", &Value::None)?))
            }),
            m("tzname", |vm, s, a, _| {
                let (t, rest) = this(s, a)?;
                super::no_args(rest)?;
                call_tzname(vm, &t.tz, &Value::None)
            }),
            m("replace", |vm, s, a, kw| {
                let (t, rest) = this(s, a)?;
                let r = recv(s, a)?.0;
                let (fold, kw) = fold_arg(vm, kw, t.fold)?;
                let args = bind("replace", &NAMES, rest, &kw)?;
                let h = opt_int(vm, &args[0], t.h)?;
                let mi = opt_int(vm, &args[1], t.mi)?;
                let sec = opt_int(vm, &args[2], t.s)?;
                let us = opt_int(vm, &args[3], t.us)?;
                let tz = args[4].clone().unwrap_or_else(|| t.tz.clone());
                check_time(h, mi, sec, us, fold)?;
                check_tzinfo(&tz)?;
                let v = TimeV {
                    h,
                    mi,
                    s: sec,
                    us,
                    fold,
                    tz,
                };
                Ok(make(&classes::type_value(r), class(), v))
            }),
            m("__hash__", |vm, s, a, _| {
                let (t, rest) = this(s, a)?;
                super::no_args(rest)?;
                // The offset of a time is asked with no datetime, so the
                // fold cannot change it.
                let off = call_utcoffset(vm, &t.tz, &Value::None)?;
                let us = day_us(t) - off.map_or(0, |o| o.total_us());
                let d = Delta::from_us(us)?;
                Ok(int(crate::object::dict::hash_value(&new_tuple(vec![
                    int(d.days),
                    int(d.secs),
                    int(d.us),
                ]))?))
            }),
            m("__eq__", |vm, s, a, _| compare(vm, s, a, CompareOp::Eq)),
            m("__ne__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ne)),
            m("__lt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Lt)),
            m("__le__", |vm, s, a, _| compare(vm, s, a, CompareOp::Le)),
            m("__gt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Gt)),
            m("__ge__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ge)),
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
        let cls = crate::object::native::class("datetime", "time", attrs);
        let mk = |h, mi, s, us| {
            crate::object::native::new(
                cls.clone(),
                TimeV {
                    h,
                    mi,
                    s,
                    us,
                    fold: 0,
                    tz: Value::None,
                },
            )
        };
        set_class_attr(&cls, "min", mk(0, 0, 0, 0));
        set_class_attr(&cls, "max", mk(23, 59, 59, 999_999));
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

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a TimeV, &'a [Value])> {
    let (r, rest) = recv(s, a)?;
    match data_of::<TimeV>(r) {
        Some(t) => Ok((t, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'datetime.time' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// The time of day in microseconds.
fn day_us(t: &TimeV) -> i128 {
    i128::from(((t.h * 60 + t.mi) * 60 + t.s) * 1_000_000 + t.us)
}

/// The pickled state: hour (with the fold in its high bit), minute,
/// second, microsecond (three bytes).
fn state(t: &TimeV, proto: i64) -> Vec<u8> {
    let h = t.h as u8 | if t.fold != 0 && proto > 3 { 0x80 } else { 0 };
    vec![
        h,
        t.mi as u8,
        t.s as u8,
        (t.us >> 16) as u8,
        (t.us >> 8 & 0xff) as u8,
        (t.us & 0xff) as u8,
    ]
}

fn reduce(s: Option<&Value>, a: &[Value], proto: i64) -> PyResult<Value> {
    let (t, _) = this(s, a)?;
    let r = recv(s, a)?.0;
    let mut args = vec![Value::obj(NewObject::Bytes(state(t, proto)))];
    if !matches!(t.tz, Value::None) {
        args.push(t.tz.clone());
    }
    Ok(new_tuple(vec![classes::type_value(r), new_tuple(args)]))
}

/// `time(hour, minute, second, microsecond, tzinfo, *, fold)`, or
/// `time(state[, tzinfo])` when unpickling.
fn new(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(ExcKind::TypeError, "time.__new__(): not enough arguments");
    };
    if (1..=2).contains(&rest.len()) && kw.is_empty() {
        if let Some(b) = state_arg(&rest[0], 6, 0, |h| (h & 0x7f) < 24, "time")? {
            let tz = rest.get(1).cloned().unwrap_or(Value::None);
            if !matches!(tz, Value::None)
                && !classes::is_instance_of(&tz, &super::zone::tzinfo_class())
            {
                return raise(ExcKind::TypeError, "bad tzinfo state arg");
            }
            let v = TimeV {
                h: i64::from(b[0] & 0x7f),
                mi: i64::from(b[1]),
                s: i64::from(b[2]),
                us: (i64::from(b[3]) << 16) | (i64::from(b[4]) << 8) | i64::from(b[5]),
                fold: i64::from(b[0] >> 7),
                tz,
            };
            return Ok(make(cls, class(), v));
        }
    }
    let (fold, kw) = fold_arg(vm, kw, 0)?;
    let args = bind("time", &NAMES, rest, &kw)?;
    let h = opt_int(vm, &args[0], 0)?;
    let mi = opt_int(vm, &args[1], 0)?;
    let sec = opt_int(vm, &args[2], 0)?;
    let us = opt_int(vm, &args[3], 0)?;
    let tz = args[4].clone().unwrap_or(Value::None);
    check_time(h, mi, sec, us, fold)?;
    check_tzinfo(&tz)?;
    Ok(make(
        cls,
        class(),
        TimeV {
            h,
            mi,
            s: sec,
            us,
            fold,
            tz,
        },
    ))
}

/// A `time` of class `cls` (the constructor of a subclass runs).
pub fn new_time(vm: &mut Vm, cls: &Value, v: TimeV) -> PyResult<Value> {
    if cls.is(&class()) {
        check_time(v.h, v.mi, v.s, v.us, v.fold)?;
        return Ok(crate::object::native::new(class(), v));
    }
    let args = [int(v.h), int(v.mi), int(v.s), int(v.us), v.tz.clone()];
    crate::protocol::call(vm, cls, &args, &[])
}

fn fromisoformat(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = recv(None, a)?;
    crate::object::args::arity("fromisoformat", rest, 1, 1)?;
    let s = &rest[0];
    let t = iso::iso_arg(s)?;
    let b = t.strip_prefix(b"T").unwrap_or(&t);
    let Some((hms, off)) = iso::parse_time(b) else {
        return iso::invalid(vm, s);
    };
    let tz = super::moment::tz_from_offset(vm, off)?;
    new_time(
        vm,
        cls,
        TimeV {
            h: hms[0],
            mi: hms[1],
            s: hms[2],
            us: hms[3],
            fold: 0,
            tz,
        },
    )
}

fn compare(vm: &mut Vm, s: Option<&Value>, a: &[Value], op: CompareOp) -> PyResult<Value> {
    let (t, rest) = this(s, a)?;
    let o = other(rest);
    let Some(u) = data_of::<TimeV>(&o) else {
        return not_implemented();
    };
    let fields = |t: &TimeV| (t.h, t.mi, t.s, t.us);
    if t.tz.is(&u.tz) {
        return Ok(Value::Bool(super::ordering_holds(
            fields(t).cmp(&fields(u)),
            op,
        )));
    }
    let o1 = call_utcoffset(vm, &t.tz, &Value::None)?;
    let o2 = call_utcoffset(vm, &u.tz, &Value::None)?;
    match (o1, o2) {
        (None, None) => Ok(Value::Bool(super::ordering_holds(
            fields(t).cmp(&fields(u)),
            op,
        ))),
        (Some(x), Some(y)) => {
            let l = day_us(t) - x.total_us();
            let r = day_us(u) - y.total_us();
            Ok(Value::Bool(super::ordering_holds(l.cmp(&r), op)))
        }
        _ => match op {
            CompareOp::Eq => Ok(Value::Bool(false)),
            CompareOp::Ne => Ok(Value::Bool(true)),
            _ => raise(
                ExcKind::TypeError,
                "can't compare offset-naive and offset-aware times",
            ),
        },
    }
}
