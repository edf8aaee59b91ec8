//! The `time` module: clocks and sleep.

use crate::object::args::{arity, no_kwargs};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::value::Value;
use crate::types::number::to_f64;
use crate::vm::Vm;
use std::io::Write;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// `time.get_clock_info(name)`: which system clock a function reads
/// (`time.time` the real-time clock, the others monotonic ones) and its
/// resolution from clock_getres(2).
fn get_clock_info(
    _: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let name = a
        .first()
        .and_then(crate::object::heap::as_str)
        .unwrap_or_default();
    let (clock, label, monotonic) = match name {
        "time" => (libc::CLOCK_REALTIME, "CLOCK_REALTIME", false),
        "monotonic" | "perf_counter" => (libc::CLOCK_MONOTONIC, "CLOCK_MONOTONIC", true),
        "process_time" => (
            libc::CLOCK_PROCESS_CPUTIME_ID,
            "CLOCK_PROCESS_CPUTIME_ID",
            true,
        ),
        "thread_time" => (
            libc::CLOCK_THREAD_CPUTIME_ID,
            "CLOCK_THREAD_CPUTIME_ID",
            true,
        ),
        _ => return crate::object::exceptions::raise(ExcKind::ValueError, "unknown clock"),
    };
    let mut res = libc::timespec {
        tv_sec: 0,
        tv_nsec: 1,
    };
    // SAFETY: clock_getres fills one timespec.
    unsafe { libc::clock_getres(clock, &mut res) };
    Ok(crate::types::simple_namespace::with_attrs(vec![
        (
            "implementation",
            crate::object::heap::new_str(format!("clock_gettime({label})")),
        ),
        ("monotonic", Value::Bool(monotonic)),
        ("adjustable", Value::Bool(!monotonic)),
        (
            "resolution",
            Value::Float(res.tv_sec as f64 + res.tv_nsec as f64 * 1e-9),
        ),
    ]))
}

/// A clock's time now.
fn read_clock(clock: libc::clockid_t) -> PyResult<libc::timespec> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime fills one timespec.
    if unsafe { libc::clock_gettime(clock, &mut ts) } != 0 {
        return Err(crate::modules::posix::last_error());
    }
    Ok(ts)
}

fn set_clock(clock: libc::clockid_t, ts: libc::timespec) -> PyResult<Value> {
    // SAFETY: clock_settime reads one timespec.
    if unsafe { libc::clock_settime(clock, &ts) } != 0 {
        return Err(crate::modules::posix::last_error());
    }
    Ok(Value::None)
}

fn clock_arg(what: &str, v: &Value) -> PyResult<libc::clockid_t> {
    Ok(crate::modules::posix::int_arg(what, Some(v), None)? as libc::clockid_t)
}

fn seconds(ts: libc::timespec) -> Value {
    Value::Float(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

fn nanos(ts: libc::timespec) -> Value {
    Value::Int(ts.tv_sec * 1_000_000_000 + ts.tv_nsec)
}

/// A `time` function reading one clock, in seconds or nanoseconds.
macro_rules! clock_fn {
    ($name:literal, $clock:expr, $unit:ident) => {
        (
            $name,
            builtin_fn($name, |_, _, a, kw| {
                no_kwargs($name, kw)?;
                arity($name, a, 0, 0)?;
                Ok($unit(read_clock($clock)?))
            }),
        )
    };
}

/// `time`, made when first imported.
pub fn time_module() -> Value {
    let mut attrs = vec![
        ("time", builtin_fn("time", time_time)),
        ("time_ns", builtin_fn("time_ns", time_time_ns)),
        (
            "perf_counter",
            builtin_fn("perf_counter", time_perf_counter),
        ),
        (
            "perf_counter_ns",
            builtin_fn("perf_counter_ns", time_perf_counter_ns),
        ),
        ("monotonic", builtin_fn("monotonic", time_perf_counter)),
        (
            "get_clock_info",
            builtin_fn("get_clock_info", get_clock_info),
        ),
        ("sleep", builtin_fn("sleep", time_sleep)),
        (
            "monotonic_ns",
            builtin_fn("monotonic_ns", time_perf_counter_ns),
        ),
        clock_fn!("process_time", libc::CLOCK_PROCESS_CPUTIME_ID, seconds),
        clock_fn!("process_time_ns", libc::CLOCK_PROCESS_CPUTIME_ID, nanos),
        clock_fn!("thread_time", libc::CLOCK_THREAD_CPUTIME_ID, seconds),
        clock_fn!("thread_time_ns", libc::CLOCK_THREAD_CPUTIME_ID, nanos),
        (
            "clock_gettime",
            builtin_fn("clock_gettime", |_, _, a, _| {
                arity("clock_gettime", a, 1, 1)?;
                Ok(seconds(read_clock(clock_arg("clock_gettime", &a[0])?)?))
            }),
        ),
        (
            "clock_gettime_ns",
            builtin_fn("clock_gettime_ns", |_, _, a, _| {
                arity("clock_gettime_ns", a, 1, 1)?;
                Ok(nanos(read_clock(clock_arg("clock_gettime_ns", &a[0])?)?))
            }),
        ),
        (
            "clock_getres",
            builtin_fn("clock_getres", |_, _, a, _| {
                arity("clock_getres", a, 1, 1)?;
                let clock = clock_arg("clock_getres", &a[0])?;
                let mut ts = libc::timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                };
                // SAFETY: clock_getres fills one timespec.
                if unsafe { libc::clock_getres(clock, &mut ts) } != 0 {
                    return Err(crate::modules::posix::last_error());
                }
                Ok(seconds(ts))
            }),
        ),
        (
            "clock_settime",
            builtin_fn("clock_settime", |_, _, a, _| {
                arity("clock_settime", a, 2, 2)?;
                let clock = clock_arg("clock_settime", &a[0])?;
                let secs = to_f64(&a[1])?;
                let ts = libc::timespec {
                    tv_sec: secs.floor() as libc::time_t,
                    tv_nsec: ((secs - secs.floor()) * 1e9) as libc::c_long,
                };
                set_clock(clock, ts)
            }),
        ),
        (
            "clock_settime_ns",
            builtin_fn("clock_settime_ns", |_, _, a, _| {
                arity("clock_settime_ns", a, 2, 2)?;
                let clock = clock_arg("clock_settime_ns", &a[0])?;
                let ns = crate::modules::posix::int_arg("clock_settime_ns", a.get(1), None)?;
                let ts = libc::timespec {
                    tv_sec: ns.div_euclid(1_000_000_000) as libc::time_t,
                    tv_nsec: ns.rem_euclid(1_000_000_000) as libc::c_long,
                };
                set_clock(clock, ts)
            }),
        ),
        (
            "pthread_getcpuclockid",
            builtin_fn("pthread_getcpuclockid", |_, _, a, _| {
                arity("pthread_getcpuclockid", a, 1, 1)?;
                let thread = match crate::protocol::ops::int_of(&a[0]) {
                    Some(crate::protocol::ops::IntVal::Small(t)) => t as u64,
                    Some(crate::protocol::ops::IntVal::Big(b)) => u64::try_from(b).unwrap_or(0),
                    None => return raise(ExcKind::TypeError, "an integer is required"),
                };
                let mut clock: libc::clockid_t = 0;
                // SAFETY: a pthread_t from `threading.get_ident()`; `clock`
                // is a valid place for the id.
                let r =
                    unsafe { libc::pthread_getcpuclockid(thread as libc::pthread_t, &mut clock) };
                if r != 0 {
                    return Err(crate::object::exceptions::from_io_error(
                        &std::io::Error::from_raw_os_error(r),
                        None,
                    ));
                }
                Ok(Value::Int(clock as i64))
            }),
        ),
    ];
    for (name, clock) in [
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
    ] {
        attrs.push((name, Value::Int(clock as i64)));
    }
    attrs.extend(crate::modules::time_calendar::attrs());
    make_module("time", attrs)
}

fn epoch() -> std::time::Duration {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}

fn time_time(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Float(epoch().as_secs_f64()))
}

fn time_time_ns(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Int(epoch().as_nanos() as i64))
}

/// `time.monotonic()` and `time.perf_counter()`: CLOCK_MONOTONIC, as
/// CPython reads it (one clock for every thread).
fn time_perf_counter(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(seconds(read_clock(libc::CLOCK_MONOTONIC)?))
}

fn time_perf_counter_ns(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(nanos(read_clock(libc::CLOCK_MONOTONIC)?))
}

fn time_sleep(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("sleep", kw)?;
    arity("sleep", args, 1, 1)?;
    // CPython converts to a 64-bit count of nanoseconds first.
    const MAX_NANOS: f64 = i64::MAX as f64;
    let is_float = matches!(args[0], Value::Float(_));
    let secs = match crate::protocol::ops::int_of(&args[0]) {
        Some(crate::protocol::ops::IntVal::Small(n)) if !is_float => n as f64,
        Some(crate::protocol::ops::IntVal::Big(_)) => f64::INFINITY,
        _ => to_f64(&args[0])?,
    };
    if secs.is_nan() {
        return raise(ExcKind::ValueError, "Invalid value NaN (not a number)");
    }
    if secs.abs() * 1e9 > MAX_NANOS {
        return raise(
            ExcKind::OverflowError,
            if is_float {
                "timestamp out of range for platform time_t"
            } else {
                "timestamp too large to convert to C _PyTime_t"
            },
        );
    }
    if secs < 0.0 {
        return raise(ExcKind::ValueError, "sleep length must be non-negative");
    }
    let _ = vm.stdout.flush();
    // With the interpreter lock let go; a signal that interrupts the
    // sleep has its handler run, then the rest is slept (PEP 475).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs);
    loop {
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(Value::None);
        }
        let left = deadline - now;
        let ts = libc::timespec {
            tv_sec: left.as_secs().min(i64::MAX as u64) as libc::time_t,
            tv_nsec: left.subsec_nanos() as libc::c_long,
        };
        // SAFETY: nanosleep reads `ts`, which lives across the call.
        let r =
            crate::vm::threads::blocking(|| unsafe { libc::nanosleep(&ts, std::ptr::null_mut()) });
        if r != 0 {
            crate::vm::signals::check(vm)?;
        }
    }
}
