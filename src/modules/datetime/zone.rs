//! `datetime.tzinfo` (the abstract base of time zones, with the
//! default `fromutc`) and `datetime.timezone` (a fixed offset from UTC
//! with an optional name), and the checked calls of a tzinfo's
//! `utcoffset`, `dst` and `tzname` that the other types make.

use super::delta::{delta_of, Delta};
use super::{
    bind, iso, not_implemented, other, recv, repr_name, set_class_attr, text, DateTimeV, Kw,
    TzBase, Zone,
};
use crate::object::classes;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, new_tuple, type_name};
use crate::object::native::{constructor, data_of, method as m};
use crate::object::value::Value;
use crate::vm::Vm;

/// The largest offset magnitude, exclusive: one day.
const DAY_US: i128 = 86_400_000_000;

/// `tzinfo.<name>(arg)` for an offset method (`utcoffset`, `dst`): None
/// or a timedelta strictly within a day, else TypeError/ValueError.
pub fn call_offset(
    vm: &mut Vm,
    tzinfo: &Value,
    name: &str,
    arg: &Value,
) -> PyResult<Option<Delta>> {
    if matches!(tzinfo, Value::None) {
        return Ok(None);
    }
    let r = super::call_method(vm, tzinfo, name, std::slice::from_ref(arg))?;
    if matches!(r, Value::None) {
        return Ok(None);
    }
    match delta_of(&r) {
        Some(d) if d.total_us().abs() < DAY_US => Ok(Some(d)),
        Some(_) => raise(
            ExcKind::ValueError,
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "tzinfo.{name}() must return None or timedelta, not '{}'",
                type_name(&r)
            ),
        ),
    }
}

/// `tzinfo.utcoffset(arg)`, checked.
pub fn call_utcoffset(vm: &mut Vm, tzinfo: &Value, arg: &Value) -> PyResult<Option<Delta>> {
    call_offset(vm, tzinfo, "utcoffset", arg)
}

/// `tzinfo.tzname(arg)`: None or a str, else TypeError.
pub fn call_tzname(vm: &mut Vm, tzinfo: &Value, arg: &Value) -> PyResult<Value> {
    if matches!(tzinfo, Value::None) {
        return Ok(Value::None);
    }
    let r = super::call_method(vm, tzinfo, "tzname", std::slice::from_ref(arg))?;
    if matches!(r, Value::None) || as_str(&r).is_some() {
        return Ok(r);
    }
    raise(
        ExcKind::TypeError,
        format!(
            "tzinfo.tzname() must return None or a string, not '{}'",
            type_name(&r)
        ),
    )
}

/// An offset as a value: None or a timedelta.
pub fn offset_value(d: Option<Delta>) -> Value {
    d.map_or(Value::None, Delta::value)
}

/// `tzinfo`.
pub fn tzinfo_class() -> Value {
    crate::object::builtin_types::kept_by_name("datetime.tzinfo", || {
        let attrs = vec![
            constructor(|_, _, a, _| {
                let Some(cls) = a.first() else {
                    return raise(ExcKind::TypeError, "tzinfo.__new__(): not enough arguments");
                };
                Ok(super::make(cls, tzinfo_class(), TzBase))
            }),
            m("tzname", |_, _, _, _| {
                raise(
                    ExcKind::NotImplementedError,
                    "a tzinfo subclass must implement tzname()",
                )
            }),
            m("utcoffset", |_, _, _, _| {
                raise(
                    ExcKind::NotImplementedError,
                    "a tzinfo subclass must implement utcoffset()",
                )
            }),
            m("dst", |_, _, _, _| {
                raise(
                    ExcKind::NotImplementedError,
                    "a tzinfo subclass must implement dst()",
                )
            }),
            m("fromutc", tzinfo_fromutc),
            m("__reduce__", |vm, s, a, _| {
                let (r, _) = recv(s, a)?;
                let r = r.clone();
                let args = match crate::protocol::getattr(vm, &r, "__getinitargs__") {
                    Ok(f) => crate::protocol::call(vm, &f, &[], &[])?,
                    Err(e)
                        if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) =>
                    {
                        new_tuple(Vec::new())
                    }
                    Err(e) => return Err(e),
                };
                let state = match crate::protocol::getattr(vm, &r, "__getstate__") {
                    Ok(f) => crate::protocol::call(vm, &f, &[], &[])?,
                    Err(e)
                        if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) =>
                    {
                        Value::None
                    }
                    Err(e) => return Err(e),
                };
                Ok(new_tuple(vec![classes::type_value(&r), args, state]))
            }),
        ];
        crate::object::native::class("datetime", "tzinfo", attrs)
    })
}

/// `tzinfo.fromutc(dt)`: the standard conversion for zones whose
/// `utcoffset` and `dst` are consistent.
fn tzinfo_fromutc(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = recv(s, a)?;
    let r = r.clone();
    crate::object::args::arity("fromutc", rest, 1, 1)?;
    let dt = other(rest);
    let Some(v) = data_of::<DateTimeV>(&dt) else {
        return raise(ExcKind::TypeError, "fromutc: argument must be a datetime");
    };
    if !v.tz.is(&r) {
        return raise(ExcKind::ValueError, "fromutc: dt.tzinfo is not self");
    }
    let Some(off) = call_utcoffset(vm, &r, &dt)? else {
        return raise(
            ExcKind::ValueError,
            "fromutc: non-None utcoffset() result required",
        );
    };
    let Some(dst) = call_offset(vm, &r, "dst", &dt)? else {
        return raise(
            ExcKind::ValueError,
            "fromutc: non-None dst() result required",
        );
    };
    let delta = off.total_us() - dst.total_us();
    let dt = super::moment::add_us(vm, &dt, delta)?;
    let Some(dst) = call_offset(vm, &r, "dst", &dt)? else {
        return raise(
            ExcKind::ValueError,
            "fromutc: tz.dst() gave inconsistent results; cannot convert",
        );
    };
    if dst.total_us() == 0 {
        return Ok(dt);
    }
    super::moment::add_us(vm, &dt, dst.total_us())
}

/// `timezone`.
pub fn timezone_class() -> Value {
    crate::object::builtin_types::kept_by_name("datetime.timezone", || {
        let attrs = vec![
            constructor(|vm, _, a, kw| {
                let Some((_, rest)) = a.split_first() else {
                    return raise(
                        ExcKind::TypeError,
                        "timezone.__new__(): not enough arguments",
                    );
                };
                let args = bind("timezone", &["offset", "name"], rest, kw)?;
                let Some(off) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "timezone() missing required argument 'offset' (pos 1)",
                    );
                };
                let Some(d) = delta_of(off) else {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "timezone() argument 1 must be datetime.timedelta, not {}",
                            type_name(off)
                        ),
                    );
                };
                let name = match &args[1] {
                    None => None,
                    Some(n) if as_str(n).is_some() => Some(n.clone()),
                    Some(n) => {
                        return raise(
                            ExcKind::TypeError,
                            format!("timezone() argument 2 must be str, not {}", type_name(n)),
                        )
                    }
                };
                new_timezone_checked(vm, off, d, name)
            }),
            m("utcoffset", |_, s, a, _| {
                let (z, rest) = this(s, a)?;
                check_arg(rest, "utcoffset")?;
                Ok(z.offset.value())
            }),
            m("dst", |_, s, a, _| {
                let (_, rest) = this(s, a)?;
                check_arg(rest, "dst")?;
                Ok(Value::None)
            }),
            m("tzname", |_, s, a, _| {
                let (z, rest) = this(s, a)?;
                check_arg(rest, "tzname")?;
                Ok(name_of(z))
            }),
            m("__str__", |_, s, a, _| Ok(name_of(this(s, a)?.0))),
            m("fromutc", |vm, s, a, _| {
                let (z, rest) = this(s, a)?;
                let r = recv(s, a)?.0;
                crate::object::args::arity("fromutc", rest, 1, 1)?;
                let dt = other(rest);
                let Some(v) = data_of::<DateTimeV>(&dt) else {
                    return raise(ExcKind::TypeError, "fromutc: argument must be a datetime");
                };
                if !v.tz.is(r) {
                    return raise(ExcKind::ValueError, "fromutc: dt.tzinfo is not self");
                }
                super::moment::add_us(vm, &dt, z.offset.total_us())
            }),
            m("__getinitargs__", |_, s, a, _| {
                let (z, rest) = this(s, a)?;
                super::no_args(rest)?;
                let mut items = vec![z.offset.value()];
                if let Some(n) = &z.name {
                    items.push(n.clone());
                }
                Ok(new_tuple(items))
            }),
            m("__eq__", |_, s, a, _| {
                let (z, rest) = this(s, a)?;
                match data_of::<Zone>(&other(rest)) {
                    Some(o) => Ok(Value::Bool(z.offset == o.offset)),
                    None => not_implemented(),
                }
            }),
            m("__ne__", |_, s, a, _| {
                let (z, rest) = this(s, a)?;
                match data_of::<Zone>(&other(rest)) {
                    Some(o) => Ok(Value::Bool(z.offset != o.offset)),
                    None => not_implemented(),
                }
            }),
            m("__hash__", |vm, s, a, _| {
                let (z, rest) = this(s, a)?;
                super::no_args(rest)?;
                Ok(Value::Int(crate::protocol::hash(vm, &z.offset.value())?))
            }),
            m("__repr__", |vm, s, a, _| {
                let (z, rest) = this(s, a)?;
                super::no_args(rest)?;
                let r = recv(s, a)?.0;
                let tname = repr_name(r, "timezone");
                if r.is(&utc()) {
                    return Ok(text(format!("{tname}.utc")));
                }
                let off = crate::protocol::repr::repr(vm, &z.offset.value())?;
                Ok(text(match &z.name {
                    None => format!("{tname}({off})"),
                    Some(n) => format!("{tname}({off}, {})", crate::protocol::repr::repr(vm, n)?),
                }))
            }),
        ];
        let cls = crate::object::native::subclass("datetime", "timezone", tzinfo_class(), attrs);
        let mk = |us: i128| {
            crate::object::native::new(
                cls.clone(),
                Zone {
                    offset: Delta::from_us(us).unwrap_or(Delta::ZERO),
                    name: None,
                },
            )
        };
        let hm = (23 * 3600 + 59 * 60) * 1_000_000;
        set_class_attr(&cls, "utc", mk(0));
        set_class_attr(&cls, "min", mk(-hm));
        set_class_attr(&cls, "max", mk(hm));
        cls
    })
}

/// `timezone.utc`.
pub fn utc() -> Value {
    classes::lookup(&timezone_class(), "utc").unwrap_or(Value::None)
}

/// A fixed-offset zone: `timezone.utc` for a zero offset without a name.
pub fn new_timezone(vm: &mut Vm, d: Delta, name: Option<Value>) -> PyResult<Value> {
    new_timezone_checked(vm, &Value::None, d, name)
}

fn new_timezone_checked(
    vm: &mut Vm,
    off: &Value,
    d: Delta,
    name: Option<Value>,
) -> PyResult<Value> {
    if name.is_none() && d == Delta::ZERO {
        return Ok(utc());
    }
    if d.total_us().abs() >= DAY_US {
        let shown = if matches!(off, Value::None) {
            crate::protocol::repr::repr(vm, &d.value())?
        } else {
            crate::protocol::repr::repr(vm, off)?
        };
        return raise(
            ExcKind::ValueError,
            format!(
                "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {shown}."
            ),
        );
    }
    Ok(crate::object::native::new(
        timezone_class(),
        Zone { offset: d, name },
    ))
}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Zone, &'a [Value])> {
    let (r, rest) = recv(s, a)?;
    match data_of::<Zone>(r) {
        Some(z) => Ok((z, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'datetime.timezone' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// The argument of a timezone method: a datetime or None.
fn check_arg(rest: &[Value], what: &str) -> PyResult<()> {
    let v = other(rest);
    if matches!(v, Value::None) || data_of::<DateTimeV>(&v).is_some() {
        return Ok(());
    }
    raise(
        ExcKind::TypeError,
        format!(
            "{what}(dt) argument must be a datetime instance or None, not {}",
            type_name(&v)
        ),
    )
}

/// A timezone's name: its own, or `UTC±HH:MM[:SS[.ffffff]]`.
fn name_of(z: &Zone) -> Value {
    if let Some(n) = &z.name {
        return n.clone();
    }
    if z.offset == Delta::ZERO {
        return text("UTC");
    }
    text(format!("UTC{}", iso::fmt_offset(&z.offset, ":")))
}
