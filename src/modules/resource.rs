//! `resource`: the process's resource limits (`getrlimit`, `setrlimit`,
//! `prlimit`) and usage (`getrusage`, `struct_rusage`), `getpagesize`,
//! the `RLIMIT_*` / `RUSAGE_*` numbers — CPython's `Modules/resource.c`
//! over the libc calls of those names. Test suites and `multiprocessing`
//! read and set the limits; `os.wait3` / `os.wait4` return the usage.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_tuple, BuiltinFn};
use crate::object::value::Value;
use crate::vm::Vm;

const RLIMITS: &[(&str, libc::__rlimit_resource_t)] = &[
    ("RLIMIT_CPU", libc::RLIMIT_CPU),
    ("RLIMIT_FSIZE", libc::RLIMIT_FSIZE),
    ("RLIMIT_DATA", libc::RLIMIT_DATA),
    ("RLIMIT_STACK", libc::RLIMIT_STACK),
    ("RLIMIT_CORE", libc::RLIMIT_CORE),
    ("RLIMIT_RSS", libc::RLIMIT_RSS),
    ("RLIMIT_NPROC", libc::RLIMIT_NPROC),
    ("RLIMIT_NOFILE", libc::RLIMIT_NOFILE),
    ("RLIMIT_OFILE", libc::RLIMIT_NOFILE),
    ("RLIMIT_MEMLOCK", libc::RLIMIT_MEMLOCK),
    ("RLIMIT_AS", libc::RLIMIT_AS),
    ("RLIMIT_MSGQUEUE", libc::RLIMIT_MSGQUEUE),
    ("RLIMIT_NICE", libc::RLIMIT_NICE),
    ("RLIMIT_RTPRIO", libc::RLIMIT_RTPRIO),
    ("RLIMIT_RTTIME", libc::RLIMIT_RTTIME),
    ("RLIMIT_SIGPENDING", libc::RLIMIT_SIGPENDING),
];

/// `resource.struct_rusage`.
fn rusage_class() -> Value {
    crate::object::builtin_types::kept_by_name("resource.struct_rusage", || {
        crate::types::struct_sequence::struct_sequence(
            "resource",
            "struct_rusage",
            &[
                "ru_utime",
                "ru_stime",
                "ru_maxrss",
                "ru_ixrss",
                "ru_idrss",
                "ru_isrss",
                "ru_minflt",
                "ru_majflt",
                "ru_nswap",
                "ru_inblock",
                "ru_oublock",
                "ru_msgsnd",
                "ru_msgrcv",
                "ru_nsignals",
                "ru_nvcsw",
                "ru_nivcsw",
            ],
            &[],
            vec![
                ("n_sequence_fields", Value::Int(16)),
                ("n_fields", Value::Int(16)),
                ("n_unnamed_fields", Value::Int(0)),
            ],
        )
    })
}

/// A limit as Python sees it: `RLIM_INFINITY` is -1, as in CPython.
fn limit_value(l: libc::rlim_t) -> Value {
    if l == libc::RLIM_INFINITY {
        Value::Int(-1)
    } else {
        crate::types::long_range::int_value(num_bigint::BigInt::from(l))
    }
}

fn limit_of(v: &Value) -> PyResult<libc::rlim_t> {
    match crate::protocol::ops::int_of(v) {
        Some(crate::protocol::ops::IntVal::Small(n)) if n < 0 => Ok(libc::RLIM_INFINITY),
        Some(crate::protocol::ops::IntVal::Small(n)) => Ok(n as libc::rlim_t),
        Some(crate::protocol::ops::IntVal::Big(b)) => u64::try_from(b).map_err(|_| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C long",
            )
        }),
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::heap::type_name(v)
            ),
        ),
    }
}

fn resource_arg(what: &str, v: Option<&Value>) -> PyResult<u32> {
    let n = crate::modules::posix::int_arg(what, v, None)?;
    // (Linux has 16 resources, numbered from 0.)
    if !(0..16).contains(&n) {
        return raise(ExcKind::ValueError, "invalid resource specified");
    }
    Ok(n as u32)
}

/// `(soft, hard)` from a sequence of two limits.
fn limits_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<libc::rlimit> {
    let items = match v {
        Some(v) => crate::protocol::to_vec(vm, v)
            .map_err(|_| PyErr::new(ExcKind::ValueError, "expected a tuple of 2 integers"))?,
        None => return raise(ExcKind::TypeError, "setrlimit expected 2 arguments, got 1"),
    };
    if items.len() != 2 {
        return raise(ExcKind::ValueError, "expected a tuple of 2 integers");
    }
    Ok(libc::rlimit {
        rlim_cur: limit_of(&items[0])?,
        rlim_max: limit_of(&items[1])?,
    })
}

/// `setrlimit`'s errors as CPython words them.
fn set_error() -> Box<PyErr> {
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) => {
            PyErr::new(ExcKind::ValueError, "current limit exceeds maximum limit")
        }
        Some(libc::EPERM) => PyErr::new(ExcKind::ValueError, "not allowed to raise maximum limit"),
        _ => crate::object::exceptions::from_io_error(&e, None),
    }
}

/// The `resource` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: BuiltinFn| (n, builtin_fn(n, func));
    let mut attrs: Vec<(&str, Value)> = RLIMITS
        .iter()
        .map(|&(n, v)| (n, Value::Int(v as i64)))
        .collect();
    attrs.extend([
        ("RLIM_INFINITY", Value::Int(-1)),
        ("RUSAGE_SELF", Value::Int(libc::RUSAGE_SELF as i64)),
        ("RUSAGE_CHILDREN", Value::Int(libc::RUSAGE_CHILDREN as i64)),
        ("RUSAGE_THREAD", Value::Int(libc::RUSAGE_THREAD as i64)),
        (
            "error",
            crate::object::exceptions::exception_class(ExcKind::OSError),
        ),
        ("struct_rusage", rusage_class()),
        f("getpagesize", |_, _, _, _| {
            // SAFETY: a plain name.
            Ok(Value::Int(
                unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as i64
            ))
        }),
        f("getrlimit", |_, _, a, _| {
            crate::object::args::arity("getrlimit", a, 1, 1)?;
            let res = resource_arg("getrlimit", a.first())?;
            let mut l = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            // SAFETY: `l` is a valid rlimit to fill.
            if unsafe { libc::getrlimit(res as _, &mut l) } != 0 {
                return Err(crate::modules::posix::last_error());
            }
            Ok(new_tuple(vec![
                limit_value(l.rlim_cur),
                limit_value(l.rlim_max),
            ]))
        }),
        f("setrlimit", |vm, _, a, _| {
            crate::object::args::arity("setrlimit", a, 2, 2)?;
            let res = resource_arg("setrlimit", a.first())?;
            let l = limits_arg(vm, a.get(1))?;
            // SAFETY: a valid rlimit.
            if unsafe { libc::setrlimit(res as _, &l) } != 0 {
                return Err(set_error());
            }
            Ok(Value::None)
        }),
        f("prlimit", |vm, _, a, _| {
            crate::object::args::arity("prlimit", a, 2, 3)?;
            let pid = crate::modules::posix::int_arg("prlimit", a.first(), None)? as i32;
            let res = resource_arg("prlimit", a.get(1))?;
            let new = match a.get(2) {
                Some(v) => Some(limits_arg(vm, Some(v))?),
                None => None,
            };
            let mut old = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            let new_ptr = new.as_ref().map_or(std::ptr::null(), |l| l as *const _);
            // SAFETY: valid (or null) pointers to rlimits.
            if unsafe { libc::prlimit(pid, res as _, new_ptr, &mut old) } != 0 {
                return Err(set_error());
            }
            Ok(new_tuple(vec![
                limit_value(old.rlim_cur),
                limit_value(old.rlim_max),
            ]))
        }),
        f("getrusage", |_, _, a, _| {
            crate::object::args::arity("getrusage", a, 1, 1)?;
            let who = crate::modules::posix::int_arg("getrusage", a.first(), None)? as i32;
            // SAFETY: zeroed rusage is plain data the call fills.
            let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
            // SAFETY: a valid pointer.
            if unsafe { libc::getrusage(who, &mut ru) } != 0 {
                if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINVAL) {
                    return raise(ExcKind::ValueError, "invalid who parameter");
                }
                return Err(crate::modules::posix::last_error());
            }
            rusage_value(&ru)
        }),
    ]);
    make_module("resource", attrs)
}

/// A `struct_rusage` of `ru` (also `os.wait3` / `os.wait4`'s third item).
pub fn rusage_value(ru: &libc::rusage) -> PyResult<Value> {
    let secs = |t: libc::timeval| Value::Float(t.tv_sec as f64 + t.tv_usec as f64 * 1e-6);
    let fields = vec![
        secs(ru.ru_utime),
        secs(ru.ru_stime),
        Value::Int(ru.ru_maxrss),
        Value::Int(ru.ru_ixrss),
        Value::Int(ru.ru_idrss),
        Value::Int(ru.ru_isrss),
        Value::Int(ru.ru_minflt),
        Value::Int(ru.ru_majflt),
        Value::Int(ru.ru_nswap),
        Value::Int(ru.ru_inblock),
        Value::Int(ru.ru_oublock),
        Value::Int(ru.ru_msgsnd),
        Value::Int(ru.ru_msgrcv),
        Value::Int(ru.ru_nsignals),
        Value::Int(ru.ru_nvcsw),
        Value::Int(ru.ru_nivcsw),
    ];
    crate::types::struct_sequence::instance(&rusage_class(), fields)
        .map_or_else(|| raise(ExcKind::SystemError, "no struct_rusage class"), Ok)
}
