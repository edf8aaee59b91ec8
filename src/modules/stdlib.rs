//! The built-in modules besides `math`: `sys` (argv, path, modules,
//! exit, the standard streams, the recursion limit, version facts) and
//! `time` (clocks and sleep). `random` is in its own module.

use crate::modules::builtins::{arity, builtin_fn, make_module, no_kwargs, to_f64};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_list, new_str, new_tuple, type_name, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::io::Write;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The standard streams `sys.stdout` and `sys.stderr` stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    /// The stream's `name` attribute.
    pub fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "<stdout>",
            Stream::Stderr => "<stderr>",
        }
    }
}

/// Writes text to a standard stream.
pub fn write_stream(vm: &mut Vm, stream: Stream, text: &str) -> PyResult<()> {
    match stream {
        Stream::Stdout => vm
            .stdout
            .write_all(text.as_bytes())
            .map_err(|e| stream_error(&e)),
        Stream::Stderr => {
            // Keep the order of interleaved output as a terminal shows it.
            // (A failure of stdout's is reported by stdout's next write.)
            let _ = vm.stdout.flush();
            std::io::stderr()
                .write_all(text.as_bytes())
                .map_err(|e| stream_error(&e))
        }
    }
}

/// The exception CPython raises when writing to a standard stream fails:
/// BrokenPipeError for a closed pipe, else OSError with the errno and the
/// system's message (`[Errno 28] No space left on device`).
pub fn stream_error(e: &std::io::Error) -> Box<crate::object::exceptions::PyErr> {
    crate::types::file::io_error(e)
}

/// Where the `taipan` program's `sys.stdout` writes: the process's
/// standard output, block-buffered (64 KiB) or, with `-u` /
/// `PYTHONUNBUFFERED`, written through. As CPython's buffered writer,
/// a failed write discards what was buffered, so the error is reported
/// once.
pub struct StdoutWriter {
    buf: Vec<u8>,
    unbuffered: bool,
}

impl StdoutWriter {
    /// A writer on the process's standard output.
    pub fn new(unbuffered: bool) -> StdoutWriter {
        StdoutWriter {
            buf: Vec::new(),
            unbuffered,
        }
    }

    fn flush_buf(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        let r = out.write_all(&self.buf).and_then(|()| out.flush());
        self.buf.clear();
        r
    }
}

impl Write for StdoutWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.unbuffered || self.buf.len() >= 1 << 16 {
            self.flush_buf()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.flush_buf()
    }
}

/// The method `name` of a standard stream object.
pub fn stream_method(name: &str) -> Option<(&'static str, crate::object::heap::BuiltinFn)> {
    match name {
        "write" => Some(("write", m_write)),
        "flush" => Some(("flush", m_flush)),
        _ => None,
    }
}

fn m_write(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("write", kw)?;
    arity("write", args, 1, 1)?;
    let Some(Object::Stream(stream)) = s.and_then(Value::as_obj) else {
        return raise(ExcKind::TypeError, "write() needs a stream");
    };
    let Some(text) = as_str(&args[0]) else {
        return raise(
            ExcKind::TypeError,
            format!("write() argument must be str, not {}", type_name(&args[0])),
        );
    };
    let n = text.chars().count();
    write_stream(vm, *stream, text)?;
    Ok(Value::Int(n as i64))
}

fn m_flush(vm: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    vm.stdout.flush().map_err(|e| stream_error(&e))?;
    Ok(Value::None)
}

/// `sys`, made when first imported.
pub fn sys_module(vm: &Vm) -> Value {
    let argv = new_list(vm.argv.iter().map(|a| new_str(a.clone())).collect());
    let path = new_list(
        vm.path
            .iter()
            .map(|p| new_str(p.to_string_lossy().into_owned()))
            .collect(),
    );
    let version_info = new_tuple(vec![
        Value::Int(3),
        Value::Int(11),
        Value::Int(7),
        new_str("final"),
        Value::Int(0),
    ]);
    make_module(
        "sys",
        vec![
            ("argv", argv),
            ("path", path),
            ("maxsize", Value::Int(i64::MAX)),
            ("version_info", version_info),
            ("version", new_str("3.11.7 (Taipan)")),
            ("platform", new_str(std::env::consts::OS)),
            ("byteorder", new_str("little")),
            ("implementation_name", new_str("taipan")),
            ("stdout", Value::obj(NewObject::Stream(Stream::Stdout))),
            ("stderr", Value::obj(NewObject::Stream(Stream::Stderr))),
            ("exit", builtin_fn("exit", sys_exit)),
            (
                "getrecursionlimit",
                builtin_fn("getrecursionlimit", sys_getrecursionlimit),
            ),
            (
                "setrecursionlimit",
                builtin_fn("setrecursionlimit", sys_setrecursionlimit),
            ),
            (
                "set_int_max_str_digits",
                builtin_fn("set_int_max_str_digits", sys_set_int_max_str_digits),
            ),
            (
                "get_int_max_str_digits",
                builtin_fn("get_int_max_str_digits", sys_get_int_max_str_digits),
            ),
            ("exc_info", builtin_fn("exc_info", sys_exc_info)),
            ("intern", builtin_fn("intern", sys_intern)),
        ],
    )
}

/// `sys.exit(code)` (also the `exit` and `quit` built-ins).
pub(crate) fn sys_exit(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("exit", kw)?;
    arity("exit", args, 0, 1)?;
    Err(PyErr::with_args(ExcKind::SystemExit, args.to_vec()))
}

/// What `print` writes to when `sys.stdout` no longer is the standard
/// output stream (a program assigned it); None while it is.
pub fn replaced_stdout(vm: &Vm) -> Option<Value> {
    let sys = vm.modules.get("sys")?;
    let Some(Object::Module(m)) = sys.as_obj() else {
        return None;
    };
    let Object::Dict(d) = m.dict.get() else {
        return None;
    };
    match d.borrow().get_str("stdout") {
        Some(v) if !matches!(v.as_obj(), Some(Object::Stream(Stream::Stdout))) => Some(v),
        _ => None,
    }
}

fn sys_getrecursionlimit(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("getrecursionlimit", kw)?;
    arity("getrecursionlimit", args, 0, 0)?;
    Ok(Value::Int(vm.recursion_limit as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0, or at least 640.
fn sys_set_int_max_str_digits(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let v = match (args, kw) {
        ([v], []) => v,
        ([], [(k, v)]) if &**k == "maxdigits" => v,
        _ => {
            return raise(
                ExcKind::TypeError,
                "set_int_max_str_digits() takes exactly one argument",
            )
        }
    };
    match int_of(v) {
        Some(IntVal::Small(n)) if n == 0 || (640..=i32::MAX as i64).contains(&n) => {
            crate::object::state::with(|s| s.int_max_str_digits.set(n as usize));
            Ok(Value::None)
        }
        Some(_) => raise(
            ExcKind::ValueError,
            "maxdigits must be 0 or larger than 640",
        ),
        None => crate::protocol::ops::not_an_integer(v),
    }
}

fn sys_get_int_max_str_digits(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("get_int_max_str_digits", kw)?;
    arity("get_int_max_str_digits", args, 0, 0)?;
    Ok(Value::Int(crate::object::state::int_max_str_digits() as i64))
}

fn sys_setrecursionlimit(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("setrecursionlimit", kw)?;
    arity("setrecursionlimit", args, 1, 1)?;
    match int_of(&args[0]) {
        Some(IntVal::Big(_)) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
        Some(IntVal::Small(n)) if n > i32::MAX as i64 => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
        Some(IntVal::Small(n)) if n >= 1 => {
            if n <= vm.depth as i64 {
                return raise(
                    ExcKind::RecursionError,
                    format!(
                        "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
                        vm.depth
                    ),
                );
            }
            // Python frames run on a stack that grows as they nest
            // (`frames::with_stack`), so any limit is honoured.
            vm.recursion_limit = n as u32;
            Ok(Value::None)
        }
        Some(_) => raise(
            ExcKind::ValueError,
            "recursion limit must be greater or equal than 1",
        ),
        None => crate::protocol::ops::not_an_integer(&args[0]),
    }
}

fn sys_exc_info(vm: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let exc = vm.exc_info.clone();
    Ok(match exc {
        Value::None => new_tuple(vec![Value::None, Value::None, Value::None]),
        e => new_tuple(vec![crate::object::classes::type_value(&e), e, Value::None]),
    })
}

fn sys_intern(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("intern", args, 1, 1)?;
    Ok(args[0].clone())
}

// ---- time -------------------------------------------------------------------

/// `time`, made when first imported.
pub fn time_module() -> Value {
    make_module(
        "time",
        vec![
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
                "process_time",
                builtin_fn("process_time", time_perf_counter),
            ),
            ("sleep", builtin_fn("sleep", time_sleep)),
        ],
    )
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
    std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    Ok(Value::None)
}
