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
        (
            "process_time",
            builtin_fn("process_time", time_perf_counter),
        ),
        ("sleep", builtin_fn("sleep", time_sleep)),
        (
            "monotonic_ns",
            builtin_fn("monotonic_ns", time_perf_counter_ns),
        ),
        (
            "process_time_ns",
            builtin_fn("process_time_ns", time_perf_counter_ns),
        ),
        ("thread_time", builtin_fn("thread_time", time_perf_counter)),
        (
            "thread_time_ns",
            builtin_fn("thread_time_ns", time_perf_counter_ns),
        ),
    ];
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

fn monotonic_start() -> std::time::Instant {
    thread_local! {
        static START: std::time::Instant = std::time::Instant::now();
    }
    START.with(|s| *s)
}

fn time_perf_counter(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Float(monotonic_start().elapsed().as_secs_f64()))
}

fn time_perf_counter_ns(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Int(monotonic_start().elapsed().as_nanos() as i64))
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
