//! The calendar half of `time`: `struct_time`, `localtime`, `gmtime`,
//! `mktime`, `strftime`, `asctime`, `ctime` and the time-zone constants,
//! on the C library's `localtime_r`/`gmtime_r`/`mktime`/`strftime` as
//! CPython does it.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::{as_str, new_str, new_tuple, NewObject};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

const FIELDS: [&str; 11] = [
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

/// `time.struct_time`: a 9-tuple with named fields, `tm_zone` and
/// `tm_gmtoff` as attributes.
pub fn struct_time_class() -> Value {
    crate::object::builtin_types::kept_by_name("time.struct_time", || {
        let getter = |name: &'static str, func: crate::object::heap::BuiltinFn| {
            crate::object::native::property(name, func)
        };
        let attrs = vec![
            getter("tm_zone", |vm, _, a, _| extra(vm, a, "_tm_zone")),
            getter("tm_gmtoff", |vm, _, a, _| extra(vm, a, "_tm_gmtoff")),
            ("n_sequence_fields", Value::Int(9)),
            ("n_fields", Value::Int(11)),
            ("n_unnamed_fields", Value::Int(0)),
            crate::object::native::constructor(new),
        ];
        crate::types::struct_sequence::struct_sequence(
            "time",
            "struct_time",
            &FIELDS[..9],
            &[],
            attrs,
        )
    })
}

fn extra(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    let Some(s) = args.first() else {
        return raise(ExcKind::TypeError, "struct_time field needs an object");
    };
    Ok(crate::protocol::getattr(vm, s, name).unwrap_or(Value::None))
}

/// `struct_time(sequence)`: 9 to 11 items, the last two the zone.
fn new(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("struct_time", kw)?;
    let (Some(cls), Some(seq)) = (args.first(), args.get(1)) else {
        return raise(
            ExcKind::TypeError,
            "struct_time() missing required argument 'sequence' (pos 1)",
        );
    };
    let items = crate::protocol::to_vec(vm, seq)?;
    if !(9..=11).contains(&items.len()) {
        let msg = if items.len() < 9 {
            format!(
                "time.struct_time() takes an at least 9-sequence ({}-sequence given)",
                items.len()
            )
        } else {
            format!(
                "time.struct_time() takes an at most 11-sequence ({}-sequence given)",
                items.len()
            )
        };
        return raise(ExcKind::TypeError, msg);
    }
    let Value::Obj(class) = cls else {
        return raise(ExcKind::TypeError, "not a class");
    };
    let inst = crate::object::instance::Instance::new(
        class.clone(),
        None,
        Some(new_tuple(items[..9].to_vec())),
    );
    inst.set_attr("_tm_zone", items.get(9).cloned().unwrap_or(Value::None));
    inst.set_attr("_tm_gmtoff", items.get(10).cloned().unwrap_or(Value::None));
    Ok(Value::obj(NewObject::Instance(inst)))
}

fn make(tm: &libc::tm) -> PyResult<Value> {
    let tuple = new_tuple(vec![
        Value::Int(tm.tm_year as i64 + 1900),
        Value::Int(tm.tm_mon as i64 + 1),
        Value::Int(tm.tm_mday as i64),
        Value::Int(tm.tm_hour as i64),
        Value::Int(tm.tm_min as i64),
        Value::Int(tm.tm_sec as i64),
        Value::Int((tm.tm_wday as i64 + 6) % 7),
        Value::Int(tm.tm_yday as i64 + 1),
        Value::Int(tm.tm_isdst as i64),
    ]);
    let Value::Obj(cls) = struct_time_class() else {
        return raise(ExcKind::SystemError, "no struct_time class");
    };
    let inst = crate::object::instance::Instance::new(cls, None, Some(tuple));
    let zone = if tm.tm_zone.is_null() {
        Value::None
    } else {
        // SAFETY: tm_zone points at a NUL-terminated zone name the C
        // library keeps for the life of the process.
        new_str(
            unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned(),
        )
    };
    inst.set_attr("_tm_zone", zone);
    inst.set_attr("_tm_gmtoff", Value::Int(tm.tm_gmtoff));
    Ok(Value::obj(NewObject::Instance(inst)))
}

/// The seconds argument of localtime/gmtime/ctime: now when None.
pub(crate) fn seconds(v: Option<&Value>) -> PyResult<libc::time_t> {
    match v {
        None | Some(Value::None) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as libc::time_t)
            .unwrap_or(0)),
        Some(v) => {
            let f = match crate::protocol::ops::int_of(v) {
                Some(crate::protocol::ops::IntVal::Small(n)) => return Ok(n as libc::time_t),
                Some(_) => f64::INFINITY,
                None => crate::types::number::to_f64(v)?,
            };
            if f.is_nan() {
                return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
            }
            if !(-9.2e18..9.2e18).contains(&f) {
                return raise(
                    ExcKind::OverflowError,
                    "timestamp out of range for platform time_t",
                );
            }
            Ok(f.floor() as libc::time_t)
        }
    }
}

pub(crate) fn broken_down(t: libc::time_t, local: bool) -> PyResult<libc::tm> {
    // SAFETY: `tm` is plain old data the call fills.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call.
    let ok = unsafe {
        if local {
            libc::localtime_r(&t, &mut tm)
        } else {
            libc::gmtime_r(&t, &mut tm)
        }
    };
    if ok.is_null() {
        return raise(
            ExcKind::OverflowError,
            "timestamp out of range for platform time_t",
        );
    }
    Ok(tm)
}

fn localtime(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    make(&broken_down(seconds(a.first())?, true)?)
}

fn gmtime(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    make(&broken_down(seconds(a.first())?, false)?)
}

/// A struct_time or 9-tuple argument as a C `tm`; the current local
/// time when absent.
fn tm_arg(vm: &mut Vm, v: Option<&Value>, what: &str) -> PyResult<libc::tm> {
    let Some(v) = v else {
        return broken_down(seconds(None)?, true);
    };
    let items = crate::protocol::to_vec(vm, v)?;
    if items.len() != 9 {
        return raise(
            ExcKind::TypeError,
            format!("{what}(): illegal time tuple argument"),
        );
    }
    let mut n = [0i64; 9];
    for (slot, item) in n.iter_mut().zip(&items) {
        *slot = match crate::protocol::ops::int_of(item) {
            Some(crate::protocol::ops::IntVal::Small(i)) => i,
            _ => return raise(ExcKind::TypeError, "an integer is required"),
        };
    }
    // SAFETY: plain old data.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = (n[0] - 1900) as i32;
    tm.tm_mon = (n[1] - 1) as i32;
    tm.tm_mday = n[2] as i32;
    tm.tm_hour = n[3] as i32;
    tm.tm_min = n[4] as i32;
    tm.tm_sec = n[5] as i32;
    tm.tm_wday = ((n[6] + 1) % 7) as i32;
    tm.tm_yday = (n[7] - 1) as i32;
    tm.tm_isdst = n[8] as i32;
    if let Ok(Value::Int(off)) = crate::protocol::getattr(vm, v, "_tm_gmtoff") {
        tm.tm_gmtoff = off;
    }
    Ok(tm)
}

fn mktime(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(t) = a.first() else {
        return raise(
            ExcKind::TypeError,
            "time.mktime() takes exactly one argument (0 given)",
        );
    };
    let mut tm = tm_arg(vm, Some(t), "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid, initialised struct.
    let r = unsafe { libc::mktime(&mut tm) };
    if r == -1 && tm.tm_wday == -1 {
        return raise(ExcKind::OverflowError, "mktime argument out of range");
    }
    Ok(Value::Float(r as f64))
}

fn strftime(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(fmt) = a.first().and_then(as_str) else {
        return raise(ExcKind::TypeError, "strftime() argument 1 must be str");
    };
    let tm = tm_arg(vm, a.get(1), "strftime")?;
    if fmt.is_empty() {
        return Ok(new_str(""));
    }
    let Ok(c) = std::ffi::CString::new(fmt) else {
        return raise(ExcKind::ValueError, "embedded null character");
    };
    let mut size = 256 + fmt.len() * 4;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` bytes; `c` and `tm` are valid.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, c.as_ptr(), &tm) };
        if n > 0 || size > 65536 * 4 {
            buf.truncate(n);
            return Ok(new_str(String::from_utf8_lossy(&buf).into_owned()));
        }
        size *= 4;
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn asctime_of(tm: &libc::tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        DAYS[((tm.tm_wday + 6) % 7).clamp(0, 6) as usize],
        MONTHS[tm.tm_mon.clamp(0, 11) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

fn asctime(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let tm = tm_arg(vm, a.first(), "asctime")?;
    Ok(new_str(asctime_of(&tm)))
}

fn ctime(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let tm = broken_down(seconds(a.first())?, true)?;
    Ok(new_str(asctime_of(&tm)))
}

/// The calendar functions and time-zone constants of `time`.
/// `timezone`, `altzone`, `daylight` and `tzname` after the C library
/// read `TZ` again (`tzset`).
fn zone_attrs() -> Vec<(&'static str, Value)> {
    extern "C" {
        fn tzset();
    }
    // SAFETY: tzset (POSIX) reads TZ and sets the C library's zone
    // globals; it takes and returns nothing.
    unsafe { tzset() };
    // The offsets and names of January and July of this year, as
    // CPython's `init_timezone` finds them.
    let year_start = {
        let now = seconds(None).unwrap_or(0);
        let tm = broken_down(now, false).ok();
        tm.map_or(0, |tm| now - (tm.tm_yday as libc::time_t) * 86400)
    };
    let jan = broken_down(year_start, true).ok();
    let jul = broken_down(year_start + 182 * 86400, true).ok();
    let zone = |tm: &Option<libc::tm>| -> (i64, String) {
        match tm {
            Some(tm) if !tm.tm_zone.is_null() => (
                tm.tm_gmtoff,
                // SAFETY: a NUL-terminated name kept by the C library.
                unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
                    .to_string_lossy()
                    .into_owned(),
            ),
            _ => (0, "UTC".to_string()),
        }
    };
    let (jan_off, jan_name) = zone(&jan);
    let (jul_off, jul_name) = zone(&jul);
    let (std_off, std_name, dst_off, dst_name) = if jan_off < jul_off {
        (jan_off, jan_name, jul_off, jul_name)
    } else {
        (jul_off, jul_name, jan_off, jan_name)
    };
    vec![
        ("timezone", Value::Int(-std_off)),
        ("altzone", Value::Int(-dst_off)),
        ("daylight", Value::Int((std_off != dst_off) as i64)),
        (
            "tzname",
            new_tuple(vec![new_str(std_name), new_str(dst_name)]),
        ),
    ]
}

/// `time.tzset()`: the zone of `TZ` as it is now, in the C library and
/// in the module's zone attributes.
fn tzset(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("tzset", kw)?;
    crate::object::args::arity("tzset", a, 0, 0)?;
    let module = crate::protocol::import(vm, "time")?;
    for (name, value) in zone_attrs() {
        crate::object::classes::setattr(vm, &module, name, Some(value))?;
    }
    Ok(Value::None)
}

/// The calendar functions and zone attributes of `time`.
pub fn attrs() -> Vec<(&'static str, Value)> {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    vec![
        ("struct_time", struct_time_class()),
        ("_STRUCT_TM_ITEMS", Value::Int(11)),
        f("localtime", localtime),
        f("gmtime", gmtime),
        f("mktime", mktime),
        f("strftime", strftime),
        f("asctime", asctime),
        f("ctime", ctime),
        f("strptime", |vm, _, a, kw| {
            let m = crate::protocol::import(vm, "_strptime")?;
            let f = crate::protocol::getattr(vm, &m, "_strptime_time")?;
            crate::object::args::no_kwargs("strptime", kw)?;
            crate::protocol::call(vm, &f, a, &[])
        }),
        f("tzset", tzset),
    ]
    .into_iter()
    .chain(zone_attrs())
    .collect()
}
