//! Processes, for `os` and `subprocess`: `posix`'s `fork`, `execv`,
//! `execve`, `waitpid`, `wait`, the `W*` status macros, `dup2`,
//! `setsid`, `getpgid`, `killpg`; and `_posixsubprocess.fork_exec`, the
//! child set-up `subprocess.Popen` runs between fork and exec (CPython's
//! `Modules/_posixsubprocess.c`: pipes onto 0/1/2, descriptors closed,
//! working directory, umask, session, signals restored, the executable
//! tried along the path, a failure reported to the parent through the
//! error pipe as `OSError:<hex errno>:`).

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_tuple, BuiltinFn, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::ffi::CString;

use crate::modules::posix::{last_error, retry_eintr};

fn int(what: &str, v: Option<&Value>) -> PyResult<i64> {
    crate::modules::posix::int_arg(what, v, None)
}

/// A path or argument as the bytes exec takes (str: UTF-8, bytes as
/// they are, `os.PathLike` through `__fspath__`).
pub(crate) fn os_bytes(vm: &mut Vm, v: &Value) -> PyResult<CString> {
    let bytes = match v.as_obj() {
        Some(Object::Bytes(b)) => b.clone(),
        _ => match crate::object::heap::as_str(v) {
            Some(s) => s.as_bytes().to_vec(),
            None => {
                let fspath = crate::protocol::getattr(vm, v, "__fspath__").map_err(|_| {
                    PyErr::new(
                        ExcKind::TypeError,
                        format!(
                            "expected str, bytes or os.PathLike object, not {}",
                            crate::object::heap::type_name(v)
                        ),
                    )
                })?;
                let p = crate::protocol::call(vm, &fspath, &[], &[])?;
                return os_bytes(vm, &p);
            }
        },
    };
    CString::new(bytes).map_err(|_| PyErr::new(ExcKind::ValueError, "embedded null byte"))
}

fn os_bytes_list(vm: &mut Vm, v: &Value) -> PyResult<Vec<CString>> {
    let items = crate::protocol::to_vec(vm, v)?;
    items.iter().map(|i| os_bytes(vm, i)).collect()
}

/// A NULL-terminated array of pointers into `strings`.
fn pointers(strings: &[CString]) -> Vec<*const libc::c_char> {
    strings
        .iter()
        .map(|s| s.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect()
}

/// `posix`'s process functions (added to the module's attributes).
pub fn posix_attrs() -> Vec<(&'static str, Value)> {
    let f = |name: &'static str, func: BuiltinFn| (name, builtin_fn(name, func));
    // `os.WIFEXITED(status)` and the others: the C macro of that name
    // applied to the status, as a bool or an int.
    macro_rules! status {
        ($name:literal, Bool, $macro:path) => {
            f($name, |_, _, a, _| {
                Ok(Value::Bool($macro(int($name, a.first())? as i32)))
            })
        };
        ($name:literal, Int, $macro:path) => {
            f($name, |_, _, a, _| {
                Ok(Value::Int($macro(int($name, a.first())? as i32) as i64))
            })
        };
    }
    vec![
        status!("WIFEXITED", Bool, libc::WIFEXITED),
        status!("WEXITSTATUS", Int, libc::WEXITSTATUS),
        status!("WIFSIGNALED", Bool, libc::WIFSIGNALED),
        status!("WTERMSIG", Int, libc::WTERMSIG),
        status!("WIFSTOPPED", Bool, libc::WIFSTOPPED),
        status!("WSTOPSIG", Int, libc::WSTOPSIG),
        status!("WIFCONTINUED", Bool, libc::WIFCONTINUED),
        status!("WCOREDUMP", Bool, libc::WCOREDUMP),
        ("WNOHANG", Value::Int(libc::WNOHANG as i64)),
        ("WUNTRACED", Value::Int(libc::WUNTRACED as i64)),
        ("WCONTINUED", Value::Int(libc::WCONTINUED as i64)),
        f("waitstatus_to_exitcode", |_, _, a, _| {
            let s = int("waitstatus_to_exitcode", a.first())? as i32;
            if libc::WIFEXITED(s) {
                Ok(Value::Int(libc::WEXITSTATUS(s) as i64))
            } else if libc::WIFSIGNALED(s) {
                Ok(Value::Int(-(libc::WTERMSIG(s) as i64)))
            } else {
                raise(ExcKind::ValueError, format!("invalid wait status: {s}"))
            }
        }),
        f("waitpid", |vm, _, a, _| {
            crate::object::args::arity("waitpid", a, 2, 2)?;
            let (pid, options) = (int("waitpid", a.first())?, int("waitpid", a.get(1))?);
            let mut status = 0;
            // SAFETY: `status` is a valid place for the status.
            let r = retry_eintr(vm, || unsafe {
                libc::waitpid(pid as i32, &mut status, options as i32)
            })?;
            Ok(new_tuple(vec![
                Value::Int(r as i64),
                Value::Int(status as i64),
            ]))
        }),
        f("wait", |vm, _, _, _| {
            let mut status = 0;
            // SAFETY: `status` is a valid place for the status.
            let r = retry_eintr(vm, || unsafe { libc::wait(&mut status) })?;
            Ok(new_tuple(vec![
                Value::Int(r as i64),
                Value::Int(status as i64),
            ]))
        }),
        f("fork", |vm, _, _, _| {
            run_hooks(vm, 0);
            let _ = vm.stdout.flush();
            // SAFETY: the interpreter's thread is the only one running
            // Python code; the child goes on as a copy of it.
            let pid = unsafe { libc::fork() };
            if pid < 0 {
                return Err(last_error());
            }
            if pid == 0 {
                crate::object::state::with(|s| s.gil.after_fork_child());
                crate::vm::signals::after_fork_child();
            }
            run_hooks(vm, if pid == 0 { 2 } else { 1 });
            Ok(Value::Int(pid as i64))
        }),
        f("register_at_fork", |vm, _, a, kw| {
            if !a.is_empty() {
                return raise(
                    ExcKind::TypeError,
                    "register_at_fork() takes no positional arguments",
                );
            }
            if kw.is_empty() {
                return raise(ExcKind::TypeError, "At least one argument is required.");
            }
            let mut hooks: [Option<Value>; 3] = Default::default();
            for (k, v) in kw {
                let slot = match &**k {
                    "before" => 0,
                    "after_in_parent" => 1,
                    "after_in_child" => 2,
                    other => {
                        return raise(
                            ExcKind::TypeError,
                            format!(
                                "register_at_fork() got an unexpected keyword argument '{other}'"
                            ),
                        )
                    }
                };
                if !matches!(v, Value::None) && !crate::object::classes::is_callable(v) {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "'{k}' must be callable, not {}",
                            crate::object::heap::type_name(v)
                        ),
                    );
                }
                hooks[slot] = Some(v.clone());
            }
            for (slot, hook) in hooks.into_iter().enumerate() {
                if let Some(h) = hook.filter(|h| !matches!(h, Value::None)) {
                    vm.fork_hooks[slot].push(h);
                }
            }
            Ok(Value::None)
        }),
        f("execv", |vm, _, a, _| {
            crate::object::args::arity("execv", a, 2, 2)?;
            let path = os_bytes(vm, &a[0])?;
            let argv = os_bytes_list(vm, &a[1])?;
            if argv.is_empty() {
                return raise(ExcKind::ValueError, "execv() arg 2 must not be empty");
            }
            let _ = vm.stdout.flush();
            let ptrs = pointers(&argv);
            // SAFETY: NUL-terminated strings and a NULL-terminated array.
            unsafe { libc::execv(path.as_ptr(), ptrs.as_ptr()) };
            Err(last_error())
        }),
        f("execve", |vm, _, a, _| {
            crate::object::args::arity("execve", a, 3, 3)?;
            let path = os_bytes(vm, &a[0])?;
            let argv = os_bytes_list(vm, &a[1])?;
            if argv.is_empty() {
                return raise(ExcKind::ValueError, "execve: argv must not be empty");
            }
            let Some(pairs) = crate::protocol::mapping_items(vm, &a[2])? else {
                return raise(ExcKind::TypeError, "env must be a mapping object");
            };
            let mut env = Vec::new();
            for (k, v) in pairs {
                let (k, v) = (os_bytes(vm, &k)?, os_bytes(vm, &v)?);
                let mut kv = k.into_bytes();
                kv.push(b'=');
                kv.extend_from_slice(v.as_bytes());
                env.push(
                    CString::new(kv)
                        .map_err(|_| PyErr::new(ExcKind::ValueError, "embedded null byte"))?,
                );
            }
            let _ = vm.stdout.flush();
            let (ptrs, envp) = (pointers(&argv), pointers(&env));
            // SAFETY: NUL-terminated strings and NULL-terminated arrays.
            unsafe { libc::execve(path.as_ptr(), ptrs.as_ptr(), envp.as_ptr()) };
            Err(last_error())
        }),
        f("dup2", |_, _, a, _| {
            let (fd, fd2) = (
                int("dup2", a.first())? as i32,
                int("dup2", a.get(1))? as i32,
            );
            let inheritable = match a.get(2) {
                Some(v) => crate::protocol::ops::truthy(v),
                None => true,
            };
            // SAFETY: plain descriptor numbers.
            let r = unsafe {
                if inheritable {
                    libc::dup2(fd, fd2)
                } else {
                    libc::dup3(fd, fd2, libc::O_CLOEXEC)
                }
            };
            if r < 0 {
                return Err(last_error());
            }
            Ok(Value::Int(r as i64))
        }),
        f("setsid", |_, _, _, _| {
            // SAFETY: no arguments.
            if unsafe { libc::setsid() } < 0 {
                return Err(last_error());
            }
            Ok(Value::None)
        }),
        f("getpgid", |_, _, a, _| {
            // SAFETY: a plain process id.
            let r = unsafe { libc::getpgid(int("getpgid", a.first())? as i32) };
            if r < 0 {
                return Err(last_error());
            }
            Ok(Value::Int(r as i64))
        }),
        f("killpg", |_, _, a, _| {
            let (pg, sig) = (int("killpg", a.first())?, int("killpg", a.get(1))?);
            // SAFETY: plain numbers.
            if unsafe { libc::killpg(pg as i32, sig as i32) } < 0 {
                return Err(last_error());
            }
            Ok(Value::None)
        }),
    ]
}

use std::io::Write;

/// Runs `os.register_at_fork`'s callables of `kind` (0 before: the last
/// registered first; 1 parent, 2 child: in registration order); an
/// exception in one is reported and ignored, as in CPython.
fn run_hooks(vm: &mut Vm, kind: usize) {
    let mut hooks = vm.fork_hooks[kind].clone();
    if kind == 0 {
        hooks.reverse();
    }
    for h in hooks {
        if let Err(e) = crate::protocol::call(vm, &h, &[], &[]) {
            crate::object::pending::report_unraisable(vm, &h, &e);
        }
    }
}

/// What the child does between fork and exec; returns only on failure,
/// with the errno and whether exec was reached.
///
/// # Safety
/// Runs in the child of a fork: only async-signal-safe calls (no
/// allocation; every string and array was made before the fork).
unsafe fn child(s: &ChildSetup) -> (i32, bool) {
    macro_rules! posix {
        ($e:expr) => {
            if $e < 0 {
                return (*libc::__errno_location(), false);
            }
        };
    }
    // SAFETY: the caller's contract; every pointer is from `s`.
    unsafe {
        // The descriptors to pass (`pass_fds`) survive the exec: their
        // close-on-exec flag goes (CPython's `make_inheritable`); the
        // error pipe keeps it, so a successful exec closes it.
        for &fd in &s.keep {
            if fd != s.errpipe_write {
                let flags = libc::fcntl(fd, libc::F_GETFD);
                if flags >= 0 && flags & libc::FD_CLOEXEC != 0 {
                    posix!(libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC));
                }
            }
        }
        for fd in [s.p2cwrite, s.c2pread, s.errread] {
            if fd != -1 {
                posix!(libc::close(fd));
            }
        }
        posix!(libc::close(s.errpipe_read));
        let mut c2pwrite = s.c2pwrite;
        let mut errwrite = s.errwrite;
        if c2pwrite == 0 {
            c2pwrite = libc::dup(c2pwrite);
            posix!(c2pwrite);
        }
        while errwrite == 0 || errwrite == 1 {
            errwrite = libc::dup(errwrite);
            posix!(errwrite);
        }
        for (fd, target) in [(s.p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if fd == target {
                // dup2 would keep the close-on-exec flag: clear it.
                let flags = libc::fcntl(fd, libc::F_GETFD);
                posix!(flags);
                posix!(libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC));
            } else if fd != -1 {
                posix!(libc::dup2(fd, target));
            }
        }
        if let Some(cwd) = &s.cwd {
            posix!(libc::chdir(cwd.as_ptr()));
        }
        if s.umask >= 0 {
            libc::umask(s.umask as libc::mode_t);
        }
        if s.restore_signals {
            for sig in [libc::SIGPIPE, libc::SIGXFSZ] {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
        if s.setsid {
            posix!(libc::setsid());
        }
        if s.pgid >= 0 {
            posix!(libc::setpgid(0, s.pgid as i32));
        }
        // (Signals the parent blocked stay blocked only for its threads.)
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::pthread_sigmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
        if s.close_fds {
            let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(256, 65536) as i32;
            for fd in 3..max {
                if !s.keep.contains(&fd) {
                    libc::close(fd);
                }
            }
        }
        let mut first_error = 0;
        for exe in &s.executables {
            if let Some(env) = &s.envp {
                libc::execve(exe.as_ptr(), s.argv.as_ptr(), env.as_ptr());
            } else {
                libc::execv(exe.as_ptr(), s.argv.as_ptr());
            }
            let e = *libc::__errno_location();
            if e != libc::ENOENT && e != libc::ENOTDIR && first_error == 0 {
                first_error = e;
            }
        }
        let e = if first_error != 0 {
            first_error
        } else {
            *libc::__errno_location()
        };
        (e, true)
    }
}

/// Everything the child needs, made before the fork.
struct ChildSetup {
    argv: Vec<*const libc::c_char>,
    executables: Vec<CString>,
    envp: Option<Vec<*const libc::c_char>>,
    cwd: Option<CString>,
    keep: Vec<i32>,
    close_fds: bool,
    p2cread: i32,
    p2cwrite: i32,
    c2pread: i32,
    c2pwrite: i32,
    errread: i32,
    errwrite: i32,
    errpipe_read: i32,
    errpipe_write: i32,
    restore_signals: bool,
    setsid: bool,
    pgid: i64,
    umask: i64,
}

/// `_posixsubprocess.fork_exec(args, executable_list, close_fds,
/// pass_fds, cwd, env, p2cread, p2cwrite, c2pread, c2pwrite, errread,
/// errwrite, errpipe_read, errpipe_write, restore_signals, call_setsid,
/// pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn[,
/// allow_vfork])`: the child's pid.
fn fork_exec(
    vm: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    if a.len() < 22 {
        return raise(
            ExcKind::TypeError,
            format!("fork_exec() takes 22 or 23 arguments ({} given)", a.len()),
        );
    }
    let fd = |i: usize| int("fork_exec", a.get(i)).map(|v| v as i32);
    let args = match &a[0] {
        Value::None => Vec::new(),
        v => os_bytes_list(vm, v)?,
    };
    let executables = os_bytes_list(vm, &a[1])?;
    let keep: Vec<i32> = crate::protocol::to_vec(vm, &a[3])?
        .iter()
        .map(|v| int("fork_exec", Some(v)).map(|i| i as i32))
        .collect::<PyResult<_>>()?;
    let cwd = match &a[4] {
        Value::None => None,
        v => Some(os_bytes(vm, v)?),
    };
    let env = match &a[5] {
        Value::None => None,
        v => Some(os_bytes_list(vm, v)?),
    };
    if !matches!(a[17], Value::None)
        || !matches!(a[18], Value::None)
        || !matches!(a[19], Value::None)
    {
        return raise(
            ExcKind::NotImplementedError,
            "changing the child's user or groups is not supported by Taipan",
        );
    }
    let preexec = a[21].clone();
    let setup = ChildSetup {
        argv: pointers(&args),
        executables,
        envp: env.as_ref().map(|e| pointers(e)),
        cwd,
        keep,
        close_fds: crate::protocol::ops::truthy(&a[2]),
        p2cread: fd(6)?,
        p2cwrite: fd(7)?,
        c2pread: fd(8)?,
        c2pwrite: fd(9)?,
        errread: fd(10)?,
        errwrite: fd(11)?,
        errpipe_read: fd(12)?,
        errpipe_write: fd(13)?,
        restore_signals: crate::protocol::ops::truthy(&a[14]),
        setsid: crate::protocol::ops::truthy(&a[15]),
        pgid: int("fork_exec", a.get(16))?,
        umask: int("fork_exec", a.get(20))?,
    };
    let _ = vm.stdout.flush();
    // SAFETY: the child runs only `child` (async-signal-safe) unless a
    // preexec_fn was given, which runs Python code in the child as
    // CPython does; then it execs or exits.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(last_error());
    }
    if pid == 0 {
        if !matches!(preexec, Value::None) {
            // (CPython runs it after the descriptors are set up; here it
            // runs first, before the child's own set-up.)
            if crate::protocol::call(vm, &preexec, &[], &[]).is_err() {
                let msg = b"SubprocessError:0:Exception occurred in preexec_fn.";
                // SAFETY: writing a static buffer to a descriptor.
                unsafe {
                    libc::write(setup.errpipe_write, msg.as_ptr().cast(), msg.len());
                    libc::_exit(255);
                }
            }
        }
        // SAFETY: in the child of the fork above.
        let (errno, reached_exec) = unsafe { child(&setup) };
        let mut buf = [0u8; 64];
        let mut n = 0;
        for b in b"OSError:" {
            buf[n] = *b;
            n += 1;
        }
        let mut digits = [0u8; 16];
        let (mut e, mut k) = (errno as u32, 0);
        loop {
            digits[k] = b"0123456789abcdef"[(e % 16) as usize];
            k += 1;
            e /= 16;
            if e == 0 {
                break;
            }
        }
        while k > 0 {
            k -= 1;
            buf[n] = digits[k];
            n += 1;
        }
        buf[n] = b':';
        n += 1;
        if !reached_exec {
            for b in b"noexec" {
                buf[n] = *b;
                n += 1;
            }
        }
        // SAFETY: writing a stack buffer, then leaving without running
        // anything of the parent's.
        unsafe {
            libc::write(setup.errpipe_write, buf.as_ptr().cast(), n);
            libc::_exit(255);
        }
    }
    Ok(Value::Int(pid as i64))
}

/// The `_posixsubprocess` module.
pub fn posixsubprocess_module() -> Value {
    make_module(
        "_posixsubprocess",
        vec![("fork_exec", builtin_fn("fork_exec", fork_exec))],
    )
}
