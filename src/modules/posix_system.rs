//! `posix`'s descriptor-mode, scheduling, resource and identity calls
//! that `subprocess`, `asyncio`, `multiprocessing` and
//! `concurrent.futures` use: `get_blocking` / `set_blocking`, `pipe2`,
//! `closerange`, `sched_yield`, `sched_getaffinity`, `sysconf` with
//! `sysconf_names`, `wait3` / `wait4`, `times`, `system`, `abort`,
//! process groups and sessions, user and group ids, `getloadavg`.
//! Each is the libc call of that name, with CPython's argument checks
//! and `OSError` from `errno`.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, new_tuple, BuiltinFn};
use crate::object::value::Value;

use crate::modules::posix::{last_error, retry_eintr};

fn int(what: &str, v: Option<&Value>) -> PyResult<i64> {
    crate::modules::posix::int_arg(what, v, None)
}

/// A file descriptor argument (an int in C's range).
fn fd(what: &str, v: Option<&Value>) -> PyResult<i32> {
    let n = int(what, v)?;
    i32::try_from(n).map_err(|_| {
        crate::object::exceptions::PyErr::new(
            ExcKind::OverflowError,
            "fd is greater than maximum".to_string(),
        )
    })
}

/// `-1` from libc as the `OSError` of `errno`, else the value.
fn check(r: i64) -> PyResult<i64> {
    if r < 0 {
        Err(last_error())
    } else {
        Ok(r)
    }
}

/// The `sysconf` names Linux has, as CPython's `sysconf_names` lists them
/// (the ones the standard library and common programs ask for).
const SYSCONF_NAMES: &[(&str, libc::c_int)] = &[
    ("SC_ARG_MAX", libc::_SC_ARG_MAX),
    ("SC_CHILD_MAX", libc::_SC_CHILD_MAX),
    ("SC_CLK_TCK", libc::_SC_CLK_TCK),
    ("SC_NGROUPS_MAX", libc::_SC_NGROUPS_MAX),
    ("SC_OPEN_MAX", libc::_SC_OPEN_MAX),
    ("SC_PAGESIZE", libc::_SC_PAGESIZE),
    ("SC_PAGE_SIZE", libc::_SC_PAGESIZE),
    ("SC_NPROCESSORS_CONF", libc::_SC_NPROCESSORS_CONF),
    ("SC_NPROCESSORS_ONLN", libc::_SC_NPROCESSORS_ONLN),
    ("SC_PHYS_PAGES", libc::_SC_PHYS_PAGES),
    ("SC_AVPHYS_PAGES", libc::_SC_AVPHYS_PAGES),
    ("SC_SEM_NSEMS_MAX", libc::_SC_SEM_NSEMS_MAX),
    ("SC_SEM_VALUE_MAX", libc::_SC_SEM_VALUE_MAX),
    ("SC_THREAD_STACK_MIN", libc::_SC_THREAD_STACK_MIN),
    ("SC_LINE_MAX", libc::_SC_LINE_MAX),
    ("SC_HOST_NAME_MAX", libc::_SC_HOST_NAME_MAX),
    ("SC_LOGIN_NAME_MAX", libc::_SC_LOGIN_NAME_MAX),
    ("SC_IOV_MAX", libc::_SC_IOV_MAX),
    ("SC_GETPW_R_SIZE_MAX", libc::_SC_GETPW_R_SIZE_MAX),
    ("SC_GETGR_R_SIZE_MAX", libc::_SC_GETGR_R_SIZE_MAX),
    ("SC_VERSION", libc::_SC_VERSION),
];

/// `os.times_result`: the struct sequence `os.times()` returns.
fn times_result_class() -> Value {
    crate::object::builtin_types::kept_by_name("posix.times_result", || {
        crate::types::struct_sequence::struct_sequence(
            "posix",
            "times_result",
            &[
                "user",
                "system",
                "children_user",
                "children_system",
                "elapsed",
            ],
            &[],
            vec![
                ("n_sequence_fields", Value::Int(5)),
                ("n_fields", Value::Int(5)),
                ("n_unnamed_fields", Value::Int(0)),
            ],
        )
    })
}

/// A struct sequence instance of `cls` holding `items`.
fn instance_of(cls: Value, items: Vec<Value>) -> PyResult<Value> {
    crate::types::struct_sequence::instance(&cls, items)
        .map_or_else(|| raise(ExcKind::SystemError, "no result class"), Ok)
}

/// `wait3` / `wait4`'s result: (pid, status, `resource.struct_rusage`).
fn wait_result(pid: i32, status: i32, ru: &libc::rusage) -> PyResult<Value> {
    Ok(new_tuple(vec![
        Value::Int(pid as i64),
        Value::Int(status as i64),
        crate::modules::resource::rusage_value(ru)?,
    ]))
}

/// The calls, added to `posix`'s attributes.
pub fn posix_attrs() -> Vec<(&'static str, Value)> {
    let f = |name: &'static str, func: BuiltinFn| (name, builtin_fn(name, func));
    // A call with no arguments returning an id.
    macro_rules! id {
        ($name:literal, $call:path) => {
            // SAFETY: no arguments; these calls cannot fail.
            f($name, |_, _, _, _| {
                Ok(Value::Int(unsafe { $call() } as i64))
            })
        };
    }
    // A call taking one id, None on success.
    macro_rules! set_id {
        ($name:literal, $call:path) => {
            f($name, |_, _, a, _| {
                crate::object::args::arity($name, a, 1, 1)?;
                let id = int($name, a.first())?;
                // SAFETY: a plain id.
                check(unsafe { $call(id as _) } as i64)?;
                Ok(Value::None)
            })
        };
    }
    let mut attrs = vec![
        f("get_blocking", |_, _, a, _| {
            crate::object::args::arity("get_blocking", a, 1, 1)?;
            let fd = fd("get_blocking", a.first())?;
            // SAFETY: F_GETFL on a descriptor number.
            let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFL) } as i64)?;
            Ok(Value::Bool(flags as i32 & libc::O_NONBLOCK == 0))
        }),
        f("set_blocking", |_, _, a, _| {
            crate::object::args::arity("set_blocking", a, 2, 2)?;
            let fd = fd("set_blocking", a.first())?;
            let blocking = crate::protocol::ops::truthy(&a[1]);
            // SAFETY: F_GETFL / F_SETFL on a descriptor number.
            let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFL) } as i64)? as i32;
            let new = if blocking {
                flags & !libc::O_NONBLOCK
            } else {
                flags | libc::O_NONBLOCK
            };
            if new != flags {
                // SAFETY: as above.
                check(unsafe { libc::fcntl(fd, libc::F_SETFL, new) } as i64)?;
            }
            Ok(Value::None)
        }),
        f("pipe2", |_, _, a, _| {
            crate::object::args::arity("pipe2", a, 1, 1)?;
            let flags = int("pipe2", a.first())? as i32;
            let mut fds = [0i32; 2];
            // SAFETY: `fds` has room for the two descriptors.
            check(unsafe { libc::pipe2(fds.as_mut_ptr(), flags) } as i64)?;
            Ok(new_tuple(vec![
                Value::Int(fds[0] as i64),
                Value::Int(fds[1] as i64),
            ]))
        }),
        f("closerange", |_, _, a, _| {
            crate::object::args::arity("closerange", a, 2, 2)?;
            let lo = fd("closerange", a.first())?.max(0);
            let hi = fd("closerange", a.get(1))?;
            for d in lo..hi {
                // SAFETY: closing descriptor numbers; errors ignored, as
                // CPython's closerange does.
                unsafe { libc::close(d) };
            }
            Ok(Value::None)
        }),
        f("sched_yield", |_, _, _, _| {
            // Another Python thread may take the interpreter lock meanwhile.
            crate::vm::threads::blocking(|| {
                // SAFETY: no arguments.
                unsafe { libc::sched_yield() }
            });
            Ok(Value::None)
        }),
        f("sched_getaffinity", |_, _, a, _| {
            crate::object::args::arity("sched_getaffinity", a, 1, 1)?;
            let pid = int("sched_getaffinity", a.first())? as i32;
            // SAFETY: a zeroed cpu_set_t is an empty set.
            let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
            // SAFETY: `set` is a valid cpu_set_t of the size given.
            check(unsafe {
                libc::sched_getaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &mut set)
            } as i64)?;
            let cpus: Vec<Value> = (0..libc::CPU_SETSIZE as usize)
                // SAFETY: `cpu` is below CPU_SETSIZE.
                .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) })
                .map(|cpu| Value::Int(cpu as i64))
                .collect();
            let mut table = crate::object::set_table::SetTable::default();
            for cpu in cpus {
                crate::types::set::add(&mut table, cpu)?;
            }
            Ok(crate::types::set::new_set(table, false))
        }),
        f("sysconf", |_, _, a, _| {
            crate::object::args::arity("sysconf", a, 1, 1)?;
            let name = match crate::object::heap::as_str(&a[0]) {
                Some(s) => match SYSCONF_NAMES.iter().find(|(n, _)| *n == s) {
                    Some(&(_, code)) => code,
                    None => return raise(ExcKind::ValueError, "unrecognized configuration name"),
                },
                None => int("sysconf", a.first())? as i32,
            };
            // SAFETY: a plain name; -1 with errno unchanged is "no limit".
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: as above.
            let r = unsafe { libc::sysconf(name) };
            // SAFETY: reading errno.
            if r == -1 && unsafe { *libc::__errno_location() } != 0 {
                return Err(last_error());
            }
            Ok(Value::Int(r as i64))
        }),
        f("wait3", |vm, _, a, _| {
            crate::object::args::arity("wait3", a, 1, 1)?;
            let options = int("wait3", a.first())? as i32;
            let mut status = 0;
            // SAFETY: a zeroed rusage is valid plain data for wait4 to fill.
            let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
            // SAFETY: `status` and `ru` are valid places to fill.
            let pid = retry_eintr(vm, || unsafe {
                libc::wait4(-1, &mut status, options, &mut ru)
            })?;
            wait_result(pid, status, &ru)
        }),
        f("wait4", |vm, _, a, _| {
            crate::object::args::arity("wait4", a, 2, 2)?;
            let pid = int("wait4", a.first())? as i32;
            let options = int("wait4", a.get(1))? as i32;
            let mut status = 0;
            // SAFETY: a zeroed rusage is valid plain data for wait4 to fill.
            let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
            // SAFETY: `status` and `ru` are valid places to fill.
            let r = retry_eintr(vm, || unsafe {
                libc::wait4(pid, &mut status, options, &mut ru)
            })?;
            wait_result(r, status, &ru)
        }),
        f("times", |_, _, a, _| {
            crate::object::args::arity("times", a, 0, 0)?;
            // SAFETY: a zeroed tms is plain data for times to fill.
            let mut t: libc::tms = unsafe { std::mem::zeroed() };
            // SAFETY: `t` is a valid tms.
            let elapsed = unsafe { libc::times(&mut t) };
            if elapsed == (-1i64) as libc::clock_t {
                return Err(last_error());
            }
            // SAFETY: a plain name.
            let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
            let s = |c: libc::clock_t| Value::Float(c as f64 / ticks);
            instance_of(
                times_result_class(),
                vec![
                    s(t.tms_utime),
                    s(t.tms_stime),
                    s(t.tms_cutime),
                    s(t.tms_cstime),
                    s(elapsed),
                ],
            )
        }),
        ("times_result", times_result_class()),
        f("system", |vm, _, a, kw| {
            let args = crate::object::args::bind_args("system", &["command"], a, kw)?;
            let Some(command) = &args[0] else {
                return raise(
                    ExcKind::TypeError,
                    "system() missing required argument 'command' (pos 1)",
                );
            };
            let cmd = crate::modules::posix_process::os_bytes(vm, command)?;
            let _ = std::io::Write::flush(&mut vm.stdout);
            // SAFETY: a NUL-terminated command; the call blocks, so the
            // interpreter lock is let go around it.
            let status = crate::vm::threads::blocking(|| unsafe { libc::system(cmd.as_ptr()) });
            Ok(Value::Int(status as i64))
        }),
        f("abort", |vm, _, _, _| {
            let _ = std::io::Write::flush(&mut vm.stdout);
            // SAFETY: ends the process with SIGABRT, as `os.abort()` must.
            unsafe { libc::abort() }
        }),
        f("setpgid", |_, _, a, _| {
            crate::object::args::arity("setpgid", a, 2, 2)?;
            let (pid, pgrp) = (int("setpgid", a.first())?, int("setpgid", a.get(1))?);
            // SAFETY: plain ids.
            check(unsafe { libc::setpgid(pid as i32, pgrp as i32) } as i64)?;
            Ok(Value::None)
        }),
        id!("getpgrp", libc::getpgrp),
        f("setpgrp", |_, _, _, _| {
            // SAFETY: plain ids.
            check(unsafe { libc::setpgid(0, 0) } as i64)?;
            Ok(Value::None)
        }),
        f("getsid", |_, _, a, _| {
            crate::object::args::arity("getsid", a, 1, 1)?;
            // SAFETY: a plain id.
            let r = unsafe { libc::getsid(int("getsid", a.first())? as i32) };
            Ok(Value::Int(check(r as i64)?))
        }),
        // A descriptor for a process (readable when it ends: asyncio's
        // PidfdChildWatcher waits on it).
        f("pidfd_open", |_, _, a, kw| {
            let b = crate::object::args::bind_args("pidfd_open", &["pid", "flags"], a, kw)?;
            let pid = crate::modules::posix::int_arg("pidfd_open", b[0].as_ref(), None)?;
            let flags = crate::modules::posix::int_arg("pidfd_open", b[1].as_ref(), Some(0))?;
            // SAFETY: the pidfd_open system call takes two plain integers.
            let r =
                unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, flags as u32) };
            Ok(Value::Int(check(r)?))
        }),
        set_id!("setuid", libc::setuid),
        set_id!("setgid", libc::setgid),
        set_id!("seteuid", libc::seteuid),
        set_id!("setegid", libc::setegid),
        f("getgroups", |_, _, _, _| {
            // SAFETY: a zero size asks for the count.
            let n = check(unsafe { libc::getgroups(0, std::ptr::null_mut()) } as i64)?;
            let mut groups = vec![0 as libc::gid_t; n as usize];
            // SAFETY: `groups` has room for `n` ids.
            let n = check(unsafe { libc::getgroups(n as i32, groups.as_mut_ptr()) } as i64)?;
            groups.truncate(n as usize);
            Ok(crate::object::heap::new_list(
                groups.into_iter().map(|g| Value::Int(g as i64)).collect(),
            ))
        }),
        f("getloadavg", |_, _, _, _| {
            let mut avg = [0f64; 3];
            // SAFETY: `avg` has room for three averages.
            if unsafe { libc::getloadavg(avg.as_mut_ptr(), 3) } != 3 {
                return raise(ExcKind::OSError, "Load averages are unobtainable");
            }
            Ok(new_tuple(avg.iter().map(|&x| Value::Float(x)).collect()))
        }),
        f("nice", |_, _, a, _| {
            crate::object::args::arity("nice", a, 1, 1)?;
            let inc = int("nice", a.first())? as i32;
            // SAFETY: errno cleared to tell -1 the value from -1 the error.
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: a plain increment.
            let r = unsafe { libc::nice(inc) };
            // SAFETY: reading errno.
            if r == -1 && unsafe { *libc::__errno_location() } != 0 {
                return Err(last_error());
            }
            Ok(Value::Int(r as i64))
        }),
        f("mkfifo", |vm, _, a, kw| {
            let args = crate::object::args::bind_args("mkfifo", &["path", "mode"], a, kw)?;
            let p = crate::modules::posix::path_arg(vm, "mkfifo", args[0].as_ref())?;
            let mode = crate::modules::posix::int_arg("mkfifo", args[1].as_ref(), Some(0o666))?;
            let path =
                std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(p.path.as_os_str()))
                    .map_err(|_| {
                        crate::object::exceptions::PyErr::new(
                            ExcKind::ValueError,
                            "embedded null byte",
                        )
                    })?;
            // SAFETY: a NUL-terminated path.
            if unsafe { libc::mkfifo(path.as_ptr(), mode as libc::mode_t) } < 0 {
                return Err(crate::modules::posix::os_error(
                    &std::io::Error::last_os_error(),
                    &p,
                ));
            }
            Ok(Value::None)
        }),
    ];
    let names = crate::object::classes::new_dict_obj();
    {
        let mut d = crate::object::classes::dict_of(&names).borrow_mut();
        for &(n, code) in SYSCONF_NAMES {
            d.set_str(n, Value::Int(code as i64));
        }
    }
    attrs.push(("sysconf_names", Value::Obj(names)));
    for (name, value) in [
        ("WNOWAIT", libc::WNOWAIT),
        ("WEXITED", libc::WEXITED),
        ("WSTOPPED", libc::WSTOPPED),
        ("P_PID", libc::P_PID as i32),
        ("P_PGID", libc::P_PGID as i32),
        ("P_ALL", libc::P_ALL as i32),
    ] {
        attrs.push((name, Value::Int(value as i64)));
    }
    attrs
}
