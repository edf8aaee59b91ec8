//! `posix`: the operating-system calls under CPython 3.11's `os`,
//! `os.path`, `shutil`, `glob`, `tempfile` and `pathlib` — files and
//! directories (stat, listdir, scandir, mkdir, rename, unlink, …), file
//! descriptors (open, read, write, close, lseek), the environment, process
//! ids and `urandom`. Paths are str, bytes or `os.PathLike`; a bytes path
//! gives bytes names back, as CPython. `dir_fd` is not supported
//! (`_have_functions` is empty, so `os.supports_dir_fd` says so).

use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, new_str, new_tuple, type_name, NewObject, Object};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::PathBuf;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A path argument: the OS path and whether it was given as bytes.
pub(crate) struct PathArg {
    pub(crate) path: PathBuf,
    bytes: bool,
    /// The argument as given (for error messages' `filename`).
    given: Value,
}

/// `os.fspath(v)`: str and bytes as they are, else `v.__fspath__()`.
pub fn fspath(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(Object::Str(_) | Object::Bytes(_)) = crate::object::instance::unwrap(v).as_obj() {
        return Ok(v.clone());
    }
    let cls = crate::object::classes::type_value(v);
    match crate::object::classes::lookup(&cls, "__fspath__") {
        Some(f) if !matches!(f, Value::None) => {
            let bound = crate::object::classes::bind_attr(vm, f, Some(v), &cls)?;
            let r = crate::protocol::call(vm, &bound, &[], &[])?;
            match crate::object::instance::unwrap(&r).as_obj() {
                Some(Object::Str(_) | Object::Bytes(_)) => Ok(r),
                _ => raise(
                    ExcKind::TypeError,
                    format!(
                        "expected {}.__fspath__() to return str or bytes, not {}",
                        type_name(v),
                        type_name(&r)
                    ),
                ),
            }
        }
        _ => raise(
            ExcKind::TypeError,
            format!(
                "expected str, bytes or os.PathLike object, not {}",
                type_name(v)
            ),
        ),
    }
}

pub(crate) fn path_arg(vm: &mut Vm, what: &str, v: Option<&Value>) -> PyResult<PathArg> {
    let Some(v) = v else {
        return raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument 'path'"),
        );
    };
    let p = fspath(vm, v).map_err(|_| {
        PyErr::new(
            ExcKind::TypeError,
            format!(
                "{what}: path should be string, bytes or os.PathLike, not {}",
                type_name(v)
            ),
        )
    })?;
    let p = crate::object::instance::unwrap(&p).clone();
    match p.as_obj() {
        Some(Object::Str(s)) => {
            if s.text.contains('\0') {
                return raise(
                    ExcKind::ValueError,
                    format!("{what}: embedded null character in path"),
                );
            }
            let bytes = crate::types::text_codecs::fs_encode(s)?;
            Ok(PathArg {
                path: PathBuf::from(OsStr::from_bytes(&bytes)),
                bytes: false,
                given: v.clone(),
            })
        }
        Some(Object::Bytes(b)) => {
            if b.contains(&0) {
                return raise(
                    ExcKind::ValueError,
                    format!("{what}: embedded null character in path"),
                );
            }
            Ok(PathArg {
                path: PathBuf::from(OsStr::from_bytes(b)),
                bytes: true,
                given: v.clone(),
            })
        }
        _ => raise(
            ExcKind::TypeError,
            format!("{what}: path should be string, bytes or os.PathLike"),
        ),
    }
}

/// A name or path from the OS, as str (or bytes when asked with bytes).
fn os_value(s: &OsStr, bytes: bool) -> Value {
    if bytes {
        Value::obj(NewObject::Bytes(s.as_bytes().to_vec()))
    } else {
        Value::obj(NewObject::Str(crate::types::text_codecs::fs_decode(
            s.as_bytes(),
        )))
    }
}

/// OSError for `e` on `p` (`[Errno 2] No such file or directory: 'x'`).
pub(crate) fn os_error(e: &std::io::Error, p: &PathArg) -> Box<PyErr> {
    let err = crate::object::exceptions::from_io_error(e, None);
    if let Some(s) = crate::object::exceptions::exc_state(&err.exc) {
        *s.filename.borrow_mut() = Some(p.given.clone());
    }
    err
}

/// OSError for the last system error.
pub(crate) fn last_error() -> Box<PyErr> {
    crate::object::exceptions::from_io_error(&std::io::Error::last_os_error(), None)
}

pub(crate) fn int_arg(what: &str, v: Option<&Value>, default: Option<i64>) -> PyResult<i64> {
    match (v, default) {
        (None, Some(d)) => Ok(d),
        (None, None) => raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument"),
        ),
        (Some(v), _) => match int_of(v) {
            Some(IntVal::Small(i)) => Ok(i),
            Some(IntVal::Big(_)) => raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            ),
            None => crate::protocol::ops::not_an_integer(v),
        },
    }
}

/// Runs a system call again while it fails with EINTR (its -1 result),
/// running the signal handlers in between (PEP 475); OSError for another
/// failure. For calls returning an int or a byte count (`read`, `write`).
pub(crate) fn retry_eintr<R: Copy + PartialEq + From<i8>>(
    vm: &mut Vm,
    mut call: impl FnMut() -> R,
) -> PyResult<R> {
    loop {
        // (Without the interpreter lock: the call may block.)
        let (r, e) = crate::vm::threads::blocking(|| (call(), std::io::Error::last_os_error()));
        if r != R::from(-1) {
            return Ok(r);
        }
        if e.raw_os_error() != Some(libc::EINTR) {
            return Err(crate::object::exceptions::from_io_error(&e, None));
        }
        crate::vm::signals::check(vm)?;
    }
}

fn fd_arg(what: &str, v: Option<&Value>) -> PyResult<i32> {
    let fd = int_arg(what, v, None)?;
    i32::try_from(fd).or_else(|_| raise(ExcKind::OverflowError, "fd is greater than maximum"))
}

fn follow(kw_value: Option<&Value>) -> bool {
    kw_value.is_none_or(crate::protocol::ops::truthy)
}

fn no_dir_fd(what: &str, v: Option<&Value>) -> PyResult<()> {
    match v {
        None | Some(Value::None) => Ok(()),
        Some(_) => raise(
            ExcKind::NotImplementedError,
            format!("{what}: dir_fd unavailable on this platform"),
        ),
    }
}

// ---- stat ---------------------------------------------------------------

/// The class `os.stat_result`: a tuple of the ten classic fields, the
/// rest (float times, nanoseconds, blocks) as attributes.
fn stat_result_class() -> Value {
    crate::object::builtin_types::kept_by_name("os.stat_result", || {
        const FIELDS: [&str; 10] = [
            "st_mode",
            "st_ino",
            "st_dev",
            "st_nlink",
            "st_uid",
            "st_gid",
            "st_size",
            "st_atime_int",
            "st_mtime_int",
            "st_ctime_int",
        ];
        crate::types::struct_sequence::struct_sequence(
            "os",
            "stat_result",
            &FIELDS[..7],
            &[
                "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
                "st_atime", "st_mtime", "st_ctime",
            ],
            vec![
                ("n_sequence_fields", Value::Int(10)),
                ("n_fields", Value::Int(19)),
                ("n_unnamed_fields", Value::Int(3)),
            ],
        )
    })
}

/// `os.uname_result`: the struct sequence `os.uname()` returns.
fn uname_result_class() -> Value {
    crate::object::builtin_types::kept_by_name("posix.uname_result", || {
        crate::types::struct_sequence::struct_sequence(
            "posix",
            "uname_result",
            &["sysname", "nodename", "release", "version", "machine"],
            &[],
            vec![
                ("n_sequence_fields", Value::Int(5)),
                ("n_fields", Value::Int(5)),
                ("n_unnamed_fields", Value::Int(0)),
            ],
        )
    })
}

fn stat_value(m: &std::fs::Metadata) -> PyResult<Value> {
    let secs = |s: i64, ns: i64| Value::Float(s as f64 + ns as f64 * 1e-9);
    let ns = |s: i64, n: i64| {
        crate::types::long_range::int_value(num_bigint::BigInt::from(s) * 1_000_000_000 + n)
    };
    let tuple = new_tuple(vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        Value::Int(m.atime()),
        Value::Int(m.mtime()),
        Value::Int(m.ctime()),
    ]);
    let Value::Obj(cls) = stat_result_class() else {
        return raise(ExcKind::SystemError, "no stat_result class");
    };
    let inst = crate::object::instance::Instance::new(cls, None, Some(tuple));
    for (k, v) in [
        ("st_atime", secs(m.atime(), m.atime_nsec())),
        ("st_mtime", secs(m.mtime(), m.mtime_nsec())),
        ("st_ctime", secs(m.ctime(), m.ctime_nsec())),
        ("st_atime_ns", ns(m.atime(), m.atime_nsec())),
        ("st_mtime_ns", ns(m.mtime(), m.mtime_nsec())),
        ("st_ctime_ns", ns(m.ctime(), m.ctime_nsec())),
        ("st_blksize", Value::Int(m.blksize() as i64)),
        ("st_blocks", Value::Int(m.blocks() as i64)),
        ("st_rdev", Value::Int(m.rdev() as i64)),
    ] {
        inst.set_attr(k, v);
    }
    Ok(Value::obj(NewObject::Instance(inst)))
}

fn p_stat_impl(
    vm: &mut Vm,
    what: &str,
    args: &[Value],
    kw: Kw<'_>,
    lstat: bool,
) -> PyResult<Value> {
    let a = bind_args(what, &["path", "dir_fd", "follow_symlinks"], args, kw)?;
    no_dir_fd(what, a[1].as_ref())?;
    if let Some(fd) = a[0].as_ref().filter(|v| matches!(v, Value::Int(_))) {
        return fstat_fd(fd_arg(what, Some(fd))?);
    }
    let p = path_arg(vm, what, a[0].as_ref())?;
    let meta = if lstat || !follow(a[2].as_ref()) {
        std::fs::symlink_metadata(&p.path)
    } else {
        std::fs::metadata(&p.path)
    };
    match meta {
        Ok(m) => stat_value(&m),
        Err(e) => Err(os_error(&e, &p)),
    }
}

fn fstat_fd(fd: i32) -> PyResult<Value> {
    // SAFETY: F_GETFD on a descriptor number: EBADF when it is not open.
    if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return Err(last_error());
    }
    // `/proc/self/fd/N` names the descriptor's file for std's metadata.
    let link = PathBuf::from(format!("/proc/self/fd/{fd}"));
    match std::fs::metadata(&link) {
        Ok(m) => stat_value(&m),
        Err(e) => Err(crate::object::exceptions::from_io_error(&e, None)),
    }
}

// ---- the module ---------------------------------------------------------

/// The `posix` module.
pub fn module() -> Value {
    let f =
        |name: &'static str, func: crate::object::heap::BuiltinFn| (name, builtin_fn(name, func));
    let mut attrs = vec![
        f("stat", |vm, _, a, kw| p_stat_impl(vm, "stat", a, kw, false)),
        f("lstat", |vm, _, a, kw| {
            p_stat_impl(vm, "lstat", a, kw, true)
        }),
        f("fstat", |_, _, a, _| fstat_fd(fd_arg("fstat", a.first())?)),
        f("fspath", |vm, _, a, _| match a {
            [v] => fspath(vm, v),
            _ => raise(ExcKind::TypeError, "fspath() takes exactly one argument"),
        }),
        f("getcwd", |_, _, _, _| cwd(false)),
        f("getcwdb", |_, _, _, _| cwd(true)),
        f("chdir", p_chdir),
        f("listdir", p_listdir),
        f("scandir", p_scandir),
        f("mkdir", p_mkdir),
        f("rmdir", |vm, _, a, kw| {
            path_op(vm, "rmdir", a, kw, |p| std::fs::remove_dir(p))
        }),
        f("unlink", |vm, _, a, kw| {
            path_op(vm, "unlink", a, kw, |p| std::fs::remove_file(p))
        }),
        f("remove", |vm, _, a, kw| {
            path_op(vm, "remove", a, kw, |p| std::fs::remove_file(p))
        }),
        f("rename", |vm, _, a, kw| {
            two_paths(vm, "rename", a, kw, |x, y| std::fs::rename(x, y))
        }),
        f("replace", |vm, _, a, kw| {
            two_paths(vm, "replace", a, kw, |x, y| std::fs::rename(x, y))
        }),
        f("link", |vm, _, a, kw| {
            two_paths(vm, "link", a, kw, |x, y| std::fs::hard_link(x, y))
        }),
        f("symlink", |vm, _, a, kw| {
            two_paths(vm, "symlink", a, kw, |x, y| {
                std::os::unix::fs::symlink(x, y)
            })
        }),
        f("readlink", p_readlink),
        f("chmod", p_chmod),
        f("access", p_access),
        f("utime", p_utime),
        f("truncate", p_truncate),
        f("open", p_open),
        f("read", p_read),
        f("write", p_write),
        f("close", |_, _, a, _| {
            let fd = fd_arg("close", a.first())?;
            // SAFETY: closing a descriptor number has no memory effects;
            // a bad number is EBADF.
            if unsafe { libc::close(fd) } != 0 {
                return Err(last_error());
            }
            Ok(Value::None)
        }),
        f("lseek", p_lseek),
        f("fsync", |_, _, a, _| {
            let fd = fd_arg("fsync", a.first())?;
            // SAFETY: as `close`.
            if unsafe { libc::fsync(fd) } != 0 {
                return Err(last_error());
            }
            Ok(Value::None)
        }),
        f("isatty", |_, _, a, _| {
            let fd = fd_arg("isatty", a.first())?;
            // SAFETY: as `close`.
            Ok(Value::Bool(unsafe { libc::isatty(fd) } == 1))
        }),
        f("ftruncate", |_, _, a, _| {
            let fd = fd_arg("ftruncate", a.first())?;
            let len = int_arg("ftruncate", a.get(1), None)?;
            // SAFETY: as `close`.
            if unsafe { libc::ftruncate(fd, len) } != 0 {
                return Err(last_error());
            }
            Ok(Value::None)
        }),
        f("pipe", |_, _, _, _| {
            let mut fds = [0i32; 2];
            // SAFETY: `fds` has room for the two descriptors pipe2 writes.
            if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
                return Err(last_error());
            }
            Ok(new_tuple(vec![
                Value::Int(fds[0] as i64),
                Value::Int(fds[1] as i64),
            ]))
        }),
        f("dup", |_, _, a, _| {
            let fd = fd_arg("dup", a.first())?;
            // SAFETY: as `close`.
            let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
            if r < 0 {
                return Err(last_error());
            }
            Ok(Value::Int(r as i64))
        }),
        f("get_inheritable", |_, _, a, _| {
            let fd = fd_arg("get_inheritable", a.first())?;
            // SAFETY: as `close`.
            let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
            if flags < 0 {
                return Err(last_error());
            }
            Ok(Value::Bool(flags & libc::FD_CLOEXEC == 0))
        }),
        f("set_inheritable", |_, _, a, _| {
            let fd = fd_arg("set_inheritable", a.first())?;
            let on = a.get(1).is_some_and(crate::protocol::ops::truthy);
            // SAFETY: as `close`.
            let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
            let flags = if on {
                flags & !libc::FD_CLOEXEC
            } else {
                flags | libc::FD_CLOEXEC
            };
            // SAFETY: as `close`.
            if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFD, flags) } < 0 {
                return Err(last_error());
            }
            Ok(Value::None)
        }),
        f("getpid", |_, _, _, _| {
            Ok(Value::Int(std::process::id() as i64))
        }),
        // SAFETY (these five): the id getters cannot fail.
        f("getppid", |_, _, _, _| {
            Ok(Value::Int(unsafe { libc::getppid() } as i64))
        }),
        f("getuid", |_, _, _, _| {
            Ok(Value::Int(unsafe { libc::getuid() } as i64))
        }),
        f("geteuid", |_, _, _, _| {
            Ok(Value::Int(unsafe { libc::geteuid() } as i64))
        }),
        f("getgid", |_, _, _, _| {
            Ok(Value::Int(unsafe { libc::getgid() } as i64))
        }),
        f("getegid", |_, _, _, _| {
            Ok(Value::Int(unsafe { libc::getegid() } as i64))
        }),
        f("umask", |_, _, a, _| {
            let mask = int_arg("umask", a.first(), None)?;
            // SAFETY: umask only swaps the process's mask.
            Ok(Value::Int(
                unsafe { libc::umask(mask as libc::mode_t) } as i64
            ))
        }),
        f("urandom", p_urandom),
        f("strerror", |_, _, a, _| {
            let code = int_arg("strerror", a.first(), None)?;
            let text = std::io::Error::from_raw_os_error(code as i32).to_string();
            Ok(new_str(match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }))
        }),
        f("cpu_count", |_, _, _, _| {
            Ok(std::thread::available_parallelism()
                .map_or(Value::None, |n| Value::Int(n.get() as i64)))
        }),
        f("putenv", |vm, _, a, _| {
            let (k, v) = (
                path_arg(vm, "putenv", a.first())?,
                path_arg(vm, "putenv", a.get(1))?,
            );
            env_name_check(&k.path, true)?;
            if v.path.as_os_str().as_encoded_bytes().contains(&0) {
                return raise(ExcKind::ValueError, "embedded null byte");
            }
            // SAFETY: Taipan runs Python code on one thread.
            unsafe { std::env::set_var(&k.path, &v.path) };
            Ok(Value::None)
        }),
        f("unsetenv", |vm, _, a, _| {
            let k = path_arg(vm, "unsetenv", a.first())?;
            env_name_check(&k.path, false)?;
            // SAFETY: as `putenv`.
            unsafe { std::env::remove_var(&k.path) };
            Ok(Value::None)
        }),
        f("uname", |_, _, _, _| {
            // SAFETY: `utsname` is plain data that uname fills.
            let mut u: libc::utsname = unsafe { std::mem::zeroed() };
            // SAFETY: `u` is a valid utsname to fill.
            if unsafe { libc::uname(&mut u) } != 0 {
                return Err(last_error());
            }
            let text = |f: &[libc::c_char]| {
                let bytes: Vec<u8> = f
                    .iter()
                    .take_while(|c| **c != 0)
                    .map(|c| *c as u8)
                    .collect();
                new_str(String::from_utf8_lossy(&bytes).into_owned())
            };
            let tuple = new_tuple(vec![
                text(&u.sysname),
                text(&u.nodename),
                text(&u.release),
                text(&u.version),
                text(&u.machine),
            ]);
            let Value::Obj(cls) = uname_result_class() else {
                return raise(ExcKind::SystemError, "no uname_result class");
            };
            Ok(Value::obj(NewObject::Instance(
                crate::object::instance::Instance::new(cls, None, Some(tuple)),
            )))
        }),
        f("_exit", |_, _, a, _| {
            let code = int_arg("_exit", a.first(), None)?;
            std::process::exit(code as i32)
        }),
        f("kill", |vm, _, a, _| {
            let (pid, sig) = (
                int_arg("kill", a.first(), None)?,
                int_arg("kill", a.get(1), None)?,
            );
            // SAFETY: kill has no memory effects.
            if unsafe { libc::kill(pid as i32, sig as i32) } != 0 {
                return Err(last_error());
            }
            // A signal sent to this process is handled before the next
            // instruction, as the interpreter loop would.
            crate::vm::signals::check(vm)?;
            Ok(Value::None)
        }),
        f("device_encoding", |_, _, _, _| Ok(Value::None)),
        ("environ", environ()),
        ("_have_functions", new_list(Vec::new())),
        (
            "error",
            crate::object::classes::type_object(crate::object::heap::TypeKind::Exception(
                ExcKind::OSError,
            )),
        ),
        ("stat_result", stat_result_class()),
        (
            "terminal_size",
            crate::modules::posix_terminal::terminal_size_class(),
        ),
        (
            "get_terminal_size",
            builtin_fn(
                "get_terminal_size",
                crate::modules::posix_terminal::get_terminal_size,
            ),
        ),
        (
            "openpty",
            builtin_fn("openpty", crate::modules::posix_terminal::openpty),
        ),
        (
            "ttyname",
            builtin_fn("ttyname", crate::modules::posix_terminal::ttyname),
        ),
        ("DirEntry", dir_entry_class()),
        (
            "statvfs_result",
            crate::modules::posix_fs::statvfs_result_class(),
        ),
        (
            "statvfs",
            builtin_fn("statvfs", crate::modules::posix_fs::statvfs),
        ),
        (
            "fstatvfs",
            builtin_fn("fstatvfs", crate::modules::posix_fs::fstatvfs),
        ),
    ];
    attrs.extend(crate::modules::posix_process::posix_attrs());
    attrs.extend(crate::modules::posix_system::posix_attrs());
    for (name, value) in [
        ("F_OK", libc::F_OK),
        ("R_OK", libc::R_OK),
        ("W_OK", libc::W_OK),
        ("X_OK", libc::X_OK),
        ("O_RDONLY", libc::O_RDONLY),
        ("O_WRONLY", libc::O_WRONLY),
        ("O_RDWR", libc::O_RDWR),
        ("O_CREAT", libc::O_CREAT),
        ("O_EXCL", libc::O_EXCL),
        ("O_TRUNC", libc::O_TRUNC),
        ("O_APPEND", libc::O_APPEND),
        ("O_NONBLOCK", libc::O_NONBLOCK),
        ("O_NOCTTY", libc::O_NOCTTY),
        ("O_CLOEXEC", libc::O_CLOEXEC),
        ("O_NOFOLLOW", libc::O_NOFOLLOW),
        ("O_DIRECTORY", libc::O_DIRECTORY),
        ("O_SYNC", libc::O_SYNC),
        ("O_ACCMODE", libc::O_ACCMODE),
        ("SEEK_SET", libc::SEEK_SET),
        ("SEEK_CUR", libc::SEEK_CUR),
        ("SEEK_END", libc::SEEK_END),
        ("WNOHANG", libc::WNOHANG),
        ("EX_OK", 0),
    ] {
        attrs.push((name, Value::Int(value as i64)));
    }
    make_module("posix", attrs)
}

/// `posix.environ`: the environment as a dict of bytes to bytes.
fn environ() -> Value {
    let d = crate::object::classes::new_dict_obj();
    if let Object::Dict(dict) = d.get() {
        let mut dict = dict.borrow_mut();
        for (k, v) in std::env::vars_os() {
            let key = Value::obj(NewObject::Bytes(k.into_vec()));
            // Bytes hash without the VM.
            let _ = dict.set(key, Value::obj(NewObject::Bytes(v.into_vec())));
        }
    }
    Value::Obj(d)
}

fn cwd(bytes: bool) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(os_value(p.as_os_str(), bytes)),
        Err(e) => Err(crate::object::exceptions::from_io_error(&e, None)),
    }
}

fn p_chdir(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    path_op(vm, "chdir", args, kw, |p| std::env::set_current_dir(p))
}

/// A call on one path: `f(path)`, OSError naming the path.
fn path_op(
    vm: &mut Vm,
    what: &str,
    args: &[Value],
    kw: Kw<'_>,
    f: impl FnOnce(&std::path::Path) -> std::io::Result<()>,
) -> PyResult<Value> {
    let a = bind_args(what, &["path", "dir_fd"], args, kw)?;
    no_dir_fd(what, a[1].as_ref())?;
    let p = path_arg(vm, what, a[0].as_ref())?;
    f(&p.path).map_err(|e| os_error(&e, &p))?;
    Ok(Value::None)
}

/// A call on two paths (`rename(src, dst)`).
fn two_paths(
    vm: &mut Vm,
    what: &str,
    args: &[Value],
    kw: Kw<'_>,
    f: impl FnOnce(&std::path::Path, &std::path::Path) -> std::io::Result<()>,
) -> PyResult<Value> {
    let a = bind_args(
        what,
        &[
            "src",
            "dst",
            "src_dir_fd",
            "dst_dir_fd",
            "target_is_directory",
        ],
        args,
        kw,
    )?;
    no_dir_fd(what, a[2].as_ref())?;
    no_dir_fd(what, a[3].as_ref())?;
    let (src, dst) = (
        path_arg(vm, what, a[0].as_ref())?,
        path_arg(vm, what, a[1].as_ref())?,
    );
    f(&src.path, &dst.path).map_err(|e| {
        let err = os_error(&e, &src);
        if let Some(s) = crate::object::exceptions::exc_state(&err.exc) {
            s.assigned
                .borrow_mut()
                .push(("filename2", dst.given.clone()));
        }
        err
    })?;
    Ok(Value::None)
}

fn p_listdir(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("listdir", &["path"], args, kw)?;
    let p = match a[0].as_ref() {
        None | Some(Value::None) => PathArg {
            path: PathBuf::from("."),
            bytes: false,
            given: new_str("."),
        },
        Some(v) => path_arg(vm, "listdir", Some(v))?,
    };
    let entries = std::fs::read_dir(&p.path).map_err(|e| os_error(&e, &p))?;
    let mut names = Vec::new();
    for e in entries {
        let e = e.map_err(|e| os_error(&e, &p))?;
        names.push(os_value(&e.file_name(), p.bytes));
    }
    Ok(new_list(names))
}

fn p_mkdir(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("mkdir", &["path", "mode", "dir_fd"], args, kw)?;
    no_dir_fd("mkdir", a[2].as_ref())?;
    let mode = int_arg("mkdir", a[1].as_ref(), Some(0o777))?;
    let p = path_arg(vm, "mkdir", a[0].as_ref())?;
    let mut b = std::fs::DirBuilder::new();
    std::os::unix::fs::DirBuilderExt::mode(&mut b, mode as u32);
    b.create(&p.path).map_err(|e| os_error(&e, &p))?;
    Ok(Value::None)
}

fn p_readlink(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("readlink", &["path", "dir_fd"], args, kw)?;
    no_dir_fd("readlink", a[1].as_ref())?;
    let p = path_arg(vm, "readlink", a[0].as_ref())?;
    let target = std::fs::read_link(&p.path).map_err(|e| os_error(&e, &p))?;
    Ok(os_value(target.as_os_str(), p.bytes))
}

fn p_chmod(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args(
        "chmod",
        &["path", "mode", "dir_fd", "follow_symlinks"],
        args,
        kw,
    )?;
    no_dir_fd("chmod", a[2].as_ref())?;
    let mode = int_arg("chmod", a[1].as_ref(), None)?;
    let p = path_arg(vm, "chmod", a[0].as_ref())?;
    std::fs::set_permissions(&p.path, std::fs::Permissions::from_mode(mode as u32))
        .map_err(|e| os_error(&e, &p))?;
    Ok(Value::None)
}

fn c_path(p: &PathArg) -> PyResult<std::ffi::CString> {
    std::ffi::CString::new(p.path.as_os_str().as_bytes())
        .or_else(|_| raise(ExcKind::ValueError, "embedded null character in path"))
}

fn p_access(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args(
        "access",
        &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"],
        args,
        kw,
    )?;
    no_dir_fd("access", a[2].as_ref())?;
    let mode = int_arg("access", a[1].as_ref(), None)?;
    let p = path_arg(vm, "access", a[0].as_ref())?;
    let c = c_path(&p)?;
    // SAFETY: `c` is a NUL-terminated path that outlives the call.
    Ok(Value::Bool(
        unsafe { libc::access(c.as_ptr(), mode as i32) } == 0,
    ))
}

fn p_utime(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args(
        "utime",
        &["path", "times", "ns", "dir_fd", "follow_symlinks"],
        args,
        kw,
    )?;
    no_dir_fd("utime", a[3].as_ref())?;
    let p = path_arg(vm, "utime", a[0].as_ref())?;
    let to_spec = |secs: f64| libc::timespec {
        tv_sec: secs.floor() as libc::time_t,
        tv_nsec: ((secs - secs.floor()) * 1e9) as libc::c_long,
    };
    let times: Option<[libc::timespec; 2]> = match (a[1].as_ref(), a[2].as_ref()) {
        (Some(t), _) if !matches!(t, Value::None) => {
            let items = crate::protocol::to_vec(vm, t)?;
            let secs = |v: &Value| crate::types::number::to_f64(v);
            match items.as_slice() {
                [x, y] => Some([to_spec(secs(x)?), to_spec(secs(y)?)]),
                _ => {
                    return raise(
                        ExcKind::TypeError,
                        "utime: 'times' must be either a tuple of two ints or None",
                    )
                }
            }
        }
        (_, Some(ns)) if !matches!(ns, Value::None) => {
            let items = crate::protocol::to_vec(vm, ns)?;
            let nanos = |v: &Value| -> PyResult<libc::timespec> {
                let n = int_arg("utime", Some(v), None)?;
                Ok(libc::timespec {
                    tv_sec: n.div_euclid(1_000_000_000) as libc::time_t,
                    tv_nsec: n.rem_euclid(1_000_000_000) as libc::c_long,
                })
            };
            match items.as_slice() {
                [x, y] => Some([nanos(x)?, nanos(y)?]),
                _ => {
                    return raise(
                        ExcKind::TypeError,
                        "utime: 'ns' must be a tuple of two ints",
                    )
                }
            }
        }
        _ => None,
    };
    let c = c_path(&p)?;
    let ptr = times.as_ref().map_or(std::ptr::null(), |t| t.as_ptr());
    // SAFETY: `c` is NUL-terminated and `ptr` is null or two timespecs,
    // both alive for the call.
    if unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), ptr, 0) } != 0 {
        return Err(os_error(&std::io::Error::last_os_error(), &p));
    }
    Ok(Value::None)
}

fn p_truncate(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("truncate", &["path", "length"], args, kw)?;
    let len = int_arg("truncate", a[1].as_ref(), None)?;
    let p = path_arg(vm, "truncate", a[0].as_ref())?;
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&p.path)
        .map_err(|e| os_error(&e, &p))?;
    f.set_len(len.max(0) as u64).map_err(|e| os_error(&e, &p))?;
    Ok(Value::None)
}

fn p_open(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("open", &["path", "flags", "mode", "dir_fd"], args, kw)?;
    no_dir_fd("open", a[3].as_ref())?;
    let flags = int_arg("open", a[1].as_ref(), None)?;
    let mode = int_arg("open", a[2].as_ref(), Some(0o777))?;
    let p = path_arg(vm, "open", a[0].as_ref())?;
    let c = c_path(&p)?;
    // SAFETY: `c` is NUL-terminated and alive for the call; descriptors
    // are CPython's: non-inheritable.
    let fd = unsafe {
        libc::open(
            c.as_ptr(),
            flags as i32 | libc::O_CLOEXEC,
            mode as libc::c_uint,
        )
    };
    if fd < 0 {
        return Err(os_error(&std::io::Error::last_os_error(), &p));
    }
    Ok(Value::Int(fd as i64))
}

fn p_read(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let fd = fd_arg("read", args.first())?;
    let n = int_arg("read", args.get(1), None)?;
    if n < 0 {
        return raise(ExcKind::ValueError, "negative length");
    }
    if !crate::protocol::ops::fits_in_memory(n as usize) {
        return raise(ExcKind::MemoryError, "");
    }
    let mut buf = vec![0u8; n as usize];
    let (ptr, len) = (buf.as_mut_ptr(), buf.len());
    // SAFETY: `buf` has room for `len` bytes and outlives the calls.
    let got = retry_eintr(vm, || unsafe { libc::read(fd, ptr.cast(), len) })?;
    buf.truncate(got as usize);
    Ok(Value::obj(NewObject::Bytes(buf)))
}

fn p_write(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let fd = fd_arg("write", args.first())?;
    let Some(data) = args.get(1).and_then(crate::types::bytes::bytes_of) else {
        return raise(ExcKind::TypeError, "a bytes-like object is required");
    };
    // SAFETY: `data` holds the bytes written, alive for the calls.
    let n = retry_eintr(vm, || unsafe {
        libc::write(fd, data.as_ptr().cast(), data.len())
    })?;
    Ok(Value::Int(n as i64))
}

fn p_lseek(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let fd = fd_arg("lseek", args.first())?;
    let pos = int_arg("lseek", args.get(1), None)?;
    let how = int_arg("lseek", args.get(2), None)?;
    // SAFETY: lseek has no memory effects.
    let r = unsafe { libc::lseek(fd, pos, how as i32) };
    if r < 0 {
        return Err(last_error());
    }
    Ok(Value::Int(r))
}

fn p_urandom(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let n = int_arg("urandom", args.first(), None)?;
    if n < 0 {
        return raise(ExcKind::ValueError, "negative argument not allowed");
    }
    let mut buf = vec![0u8; n as usize];
    let mut filled = 0;
    while filled < buf.len() {
        // SAFETY: the slice from `filled` has `len - filled` bytes of room.
        let r =
            unsafe { libc::getrandom(buf[filled..].as_mut_ptr().cast(), buf.len() - filled, 0) };
        if r < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(crate::object::exceptions::from_io_error(&e, None));
        }
        filled += r as usize;
    }
    Ok(Value::obj(NewObject::Bytes(buf)))
}

// ---- scandir ------------------------------------------------------------

/// An `os.DirEntry`.
struct DirEntry {
    name: Value,
    path: Value,
    file_type: Option<std::fs::FileType>,
    ino: u64,
    /// The full path, for `stat()`.
    full: PathBuf,
}

impl NativeData for DirEntry {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_values([&self.name, &self.path], visit);
    }
}

/// What `scandir()` returns: the entries, read when it is called.
struct ScandirIterator {
    entries: RefCell<Vec<Value>>,
    next: Cell<usize>,
}

impl NativeData for ScandirIterator {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(e) = self.entries.try_borrow() {
            crate::object::gc::visit_values(e.iter(), visit);
        }
    }
}

fn entry(v: &Value) -> PyResult<&DirEntry> {
    data_of::<DirEntry>(v).map_or_else(|| raise(ExcKind::TypeError, "expected an os.DirEntry"), Ok)
}

fn dir_entry_class() -> Value {
    crate::object::builtin_types::kept_by_name("posix.DirEntry", || {
        let prop = crate::object::native::property;
        let m = |name: &'static str, f: crate::object::heap::BuiltinFn| (name, builtin_fn(name, f));
        let attrs = vec![
            prop("name", |_, s, a, _| {
                Ok(entry(crate::object::args::receiver(s, a)?.0)?.name.clone())
            }),
            prop("path", |_, s, a, _| {
                Ok(entry(crate::object::args::receiver(s, a)?.0)?.path.clone())
            }),
            m("is_dir", |_, s, a, kw| entry_is(s, a, kw, |t| t.is_dir())),
            m("is_file", |_, s, a, kw| entry_is(s, a, kw, |t| t.is_file())),
            m("is_symlink", |_, s, a, _| {
                let e = entry(crate::object::args::receiver(s, a)?.0)?;
                Ok(Value::Bool(e.file_type.is_some_and(|t| t.is_symlink())))
            }),
            m("inode", |_, s, a, _| {
                Ok(Value::Int(
                    entry(crate::object::args::receiver(s, a)?.0)?.ino as i64,
                ))
            }),
            m("stat", |_, s, a, kw| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                let e = entry(r)?;
                let follow = follow(
                    kw.iter()
                        .find(|(k, _)| &**k == "follow_symlinks")
                        .map(|(_, v)| v),
                );
                let meta = if follow {
                    std::fs::metadata(&e.full)
                } else {
                    std::fs::symlink_metadata(&e.full)
                };
                match meta {
                    Ok(m) => stat_value(&m),
                    Err(err) => Err(os_error(
                        &err,
                        &PathArg {
                            path: e.full.clone(),
                            bytes: false,
                            given: e.path.clone(),
                        },
                    )),
                }
            }),
            m("__fspath__", |_, s, a, _| {
                Ok(entry(crate::object::args::receiver(s, a)?.0)?.path.clone())
            }),
            m("__repr__", |vm, s, a, _| {
                let e = entry(crate::object::args::receiver(s, a)?.0)?;
                let name = crate::protocol::repr::repr(vm, &e.name)?;
                Ok(new_str(format!("<DirEntry {name}>")))
            }),
        ];
        crate::object::native::class("posix", "DirEntry", attrs)
    })
}

/// `entry.is_dir()` / `is_file()`: through a symlink unless
/// `follow_symlinks=False`.
fn entry_is(
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    test: fn(&std::fs::FileType) -> bool,
) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let e = entry(r)?;
    let follow = follow(
        kw.iter()
            .find(|(k, _)| &**k == "follow_symlinks")
            .map(|(_, v)| v),
    );
    let t = match e.file_type {
        Some(t) if t.is_symlink() && follow => {
            std::fs::metadata(&e.full).ok().map(|m| m.file_type())
        }
        t => t,
    };
    Ok(Value::Bool(t.as_ref().is_some_and(test)))
}

fn scandir_class() -> Value {
    crate::object::builtin_types::kept_by_name("posix.ScandirIterator", || {
        let m = |name: &'static str, f: crate::object::heap::BuiltinFn| (name, builtin_fn(name, f));
        let attrs = vec![
            m("__iter__", |_, s, a, _| {
                Ok(crate::object::args::receiver(s, a)?.0.clone())
            }),
            m("__next__", |_, s, a, _| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                let Some(it) = data_of::<ScandirIterator>(r) else {
                    return raise(ExcKind::TypeError, "expected a ScandirIterator");
                };
                let i = it.next.get();
                let item = it.entries.borrow().get(i).cloned();
                match item {
                    Some(v) => {
                        it.next.set(i + 1);
                        Ok(v)
                    }
                    None => Err(crate::vm::generators::stop_iteration(Value::None)),
                }
            }),
            m("__enter__", |_, s, a, _| {
                Ok(crate::object::args::receiver(s, a)?.0.clone())
            }),
            m("__exit__", scandir_close),
            m("close", scandir_close),
        ];
        crate::object::native::class("posix", "ScandirIterator", attrs)
    })
}

fn scandir_close(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    if let Some(it) = data_of::<ScandirIterator>(r) {
        it.entries.borrow_mut().clear();
    }
    Ok(Value::None)
}

fn p_scandir(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("scandir", &["path"], args, kw)?;
    let p = match a[0].as_ref() {
        None | Some(Value::None) => PathArg {
            path: PathBuf::from("."),
            bytes: false,
            given: new_str("."),
        },
        Some(v) => path_arg(vm, "scandir", Some(v))?,
    };
    let dir_text = p.path.as_os_str().to_owned();
    let read = std::fs::read_dir(&p.path).map_err(|e| os_error(&e, &p))?;
    let mut entries = Vec::new();
    for e in read {
        let e = e.map_err(|e| os_error(&e, &p))?;
        let name = e.file_name();
        // CPython joins the path as given with the name.
        let mut full = OsString::from(&dir_text);
        if !full.as_bytes().ends_with(b"/") {
            full.push("/");
        }
        full.push(&name);
        entries.push(crate::object::native::new(
            dir_entry_class(),
            DirEntry {
                name: os_value(&name, p.bytes),
                path: os_value(&full, p.bytes),
                file_type: e.file_type().ok(),
                ino: std::os::unix::fs::DirEntryExt::ino(&e),
                full: PathBuf::from(full),
            },
        ));
    }
    Ok(crate::object::native::new(
        scandir_class(),
        ScandirIterator {
            entries: RefCell::new(entries),
            next: Cell::new(0),
        },
    ))
}

/// `putenv` / `unsetenv`'s name, checked as CPython 3.11 checks it
/// (the C library's EINVAL for an empty name, and for `unsetenv` one
/// with `=`; a ValueError for `putenv`'s `=` and for a null byte), before
/// the standard library's setters, which would panic.
fn env_name_check(name: &std::path::Path, putenv: bool) -> PyResult<()> {
    let bytes = name.as_os_str().as_encoded_bytes();
    if bytes.contains(&0) {
        return raise(ExcKind::ValueError, "embedded null byte");
    }
    if putenv && !bytes.is_empty() && bytes.contains(&b'=') {
        return raise(ExcKind::ValueError, "illegal environment variable name");
    }
    if bytes.is_empty() || bytes.contains(&b'=') {
        return Err(crate::object::exceptions::from_io_error(
            &std::io::Error::from_raw_os_error(22),
            None,
        ));
    }
    Ok(())
}
