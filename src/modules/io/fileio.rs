//! `_io.FileIO`: a raw stream on an OS file descriptor, opened from a
//! path (or an `opener`) or given as a number. Reads and writes are one
//! system call each, retried on EINTR; a non-blocking descriptor that
//! would block returns None, as in CPython.

use super::{closed_error_bare as closed_error, int_arg, size_arg, unsupported, Kw};
use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, new_str, type_name};
use crate::object::native::{constructor, method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::Cell;

/// The state of a FileIO.
pub struct FileIo {
    /// The descriptor, -1 once closed (or before `__init__`).
    fd: Cell<i32>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    appending: Cell<bool>,
    created: Cell<bool>,
    closefd: Cell<bool>,
    /// The file system's preferred block size (`_blksize`).
    blksize: Cell<usize>,
}

impl NativeData for FileIo {}

impl Drop for FileIo {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 && self.closefd.get() {
            // SAFETY: `fd` is a descriptor this object opened or was given
            // with closefd=True; nothing else closes it.
            unsafe { libc::close(fd) };
        }
    }
}

/// `_io.FileIO`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.FileIO", || {
        let attrs = vec![
            constructor(|_, _, a, _| {
                let Some(cls) = a.first() else {
                    return raise(ExcKind::TypeError, "FileIO.__new__(): not enough arguments");
                };
                let state = FileIo {
                    fd: Cell::new(-1),
                    readable: Cell::new(false),
                    writable: Cell::new(false),
                    appending: Cell::new(false),
                    created: Cell::new(false),
                    closefd: Cell::new(true),
                    blksize: Cell::new(super::DEFAULT_BUFFER_SIZE),
                };
                Ok(crate::object::native::new_instance(cls, class(), state))
            }),
            m("__init__", init),
            m("read", read),
            m("readall", |vm, s, a, _| {
                let (_, f, _) = this(s, a)?;
                check_readable(vm, f)?;
                readall(f)
            }),
            m("readinto", |vm, s, a, _| {
                let (_, f, rest) = this(s, a)?;
                check_readable(vm, f)?;
                let Some(target) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "readinto() takes exactly one argument (0 given)",
                    );
                };
                let len = super::buffer_len(target)?;
                match read_some(f, len)? {
                    None => Ok(Value::None),
                    Some(data) => Ok(Value::Int(super::fill_buffer(target, &data)? as i64)),
                }
            }),
            m("write", write),
            m("seek", seek),
            m("tell", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                Ok(Value::Int(lseek(f, 0, libc::SEEK_CUR)?))
            }),
            m("truncate", truncate),
            m("close", close),
            m("seekable", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                Ok(Value::Bool(lseek(f, 0, libc::SEEK_CUR).is_ok()))
            }),
            m("readable", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                open_fd(f)?;
                Ok(Value::Bool(f.readable.get()))
            }),
            m("writable", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                open_fd(f)?;
                Ok(Value::Bool(f.writable.get()))
            }),
            m("fileno", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                Ok(Value::Int(open_fd(f)? as i64))
            }),
            m("isatty", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                // SAFETY: isatty only inspects the descriptor.
                Ok(Value::Bool(unsafe { libc::isatty(open_fd(f)?) } == 1))
            }),
            m("__repr__", repr),
            m("__getstate__", |_, s, a, _| {
                let (r, _, _) = this(s, a)?;
                raise(
                    ExcKind::TypeError,
                    format!("cannot pickle '{}' object", type_name(r)),
                )
            }),
            prop("closed", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                Ok(Value::Bool(f.fd.get() < 0))
            }),
            prop("closefd", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                Ok(Value::Bool(f.closefd.get()))
            }),
            prop("mode", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                Ok(new_str(mode_string(f)))
            }),
            prop("_blksize", |_, s, a, _| {
                let (_, f, _) = this(s, a)?;
                Ok(Value::Int(f.blksize.get() as i64))
            }),
        ];
        crate::object::native::subclass("_io", "FileIO", super::iobase::raw_class(), attrs)
    })
}

fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a FileIo, &'a [Value])> {
    super::this::<FileIo>(s, a, "_io.FileIO")
}

/// The preferred buffer size of a FileIO (`open()` sizes its buffer so).
pub fn blksize(raw: &Value) -> Option<usize> {
    crate::object::native::data_of::<FileIo>(raw).map(|f| f.blksize.get())
}

/// The descriptor of a FileIO that is open, else ValueError.
fn open_fd(f: &FileIo) -> PyResult<i32> {
    match f.fd.get() {
        fd if fd >= 0 => Ok(fd),
        _ => Err(closed_error()),
    }
}

/// The OSError for the last failed system call.
fn last_error() -> Box<PyErr> {
    crate::object::exceptions::from_io_error(&std::io::Error::last_os_error(), None)
}

fn mode_string(f: &FileIo) -> &'static str {
    let (r, w) = (f.readable.get(), f.writable.get());
    if f.created.get() {
        if r {
            "xb+"
        } else {
            "xb"
        }
    } else if f.appending.get() {
        if r {
            "ab+"
        } else {
            "ab"
        }
    } else if r {
        if w {
            "rb+"
        } else {
            "rb"
        }
    } else {
        "wb"
    }
}

/// `FileIO(file, mode='r', closefd=True, opener=None)`.
fn init(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, f, rest) = this(s, a)?;
    let args = bind_args("FileIO", &["file", "mode", "closefd", "opener"], rest, kw)?;
    let Some(file) = args[0].clone() else {
        return raise(
            ExcKind::TypeError,
            "FileIO() missing required argument 'file' (pos 1)",
        );
    };
    if f.fd.get() >= 0 {
        if f.closefd.get() {
            // SAFETY: the object's own descriptor, closed once.
            unsafe { libc::close(f.fd.get()) };
        }
        f.fd.set(-1);
    }
    let mode = match &args[1] {
        None => "r".to_string(),
        Some(v) => match as_str(v) {
            Some(s) => s.to_string(),
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!("FileIO() argument 'mode' must be str, not {}", type_name(v)),
                )
            }
        },
    };
    let closefd = match &args[2] {
        None => true,
        Some(v) => crate::protocol::truthy(vm, v)?,
    };
    let opener = args[3].clone().filter(|o| !matches!(o, Value::None));
    let (mut rwa, mut plus) = (0, false);
    let (mut readable, mut writable, mut appending, mut created) = (false, false, false, false);
    let mut flags = libc::O_CLOEXEC;
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                rwa += 1;
                match c {
                    'x' => {
                        created = true;
                        writable = true;
                        flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => readable = true,
                    'w' => {
                        writable = true;
                        flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        writable = true;
                        appending = true;
                        flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            '+' if !plus => {
                plus = true;
                readable = true;
                writable = true;
            }
            'b' => {}
            _ => return raise(ExcKind::ValueError, format!("invalid mode: {mode}")),
        }
    }
    if rwa != 1 {
        return raise(
            ExcKind::ValueError,
            "Must have exactly one of create/read/write/append mode and at most one plus",
        );
    }
    flags |= if readable && writable {
        libc::O_RDWR
    } else if readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    let fd = if let Value::Float(_) = file {
        return raise(ExcKind::TypeError, "integer argument expected, got float");
    } else if let Some(n) = crate::protocol::ops::int_of(&file) {
        let crate::protocol::ops::IntVal::Small(n) = n else {
            return raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            );
        };
        if n < 0 {
            return raise(ExcKind::ValueError, "negative file descriptor");
        }
        if n > i32::MAX as i64 {
            return raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            );
        }
        n as i32
    } else {
        if !closefd {
            return raise(
                ExcKind::ValueError,
                "Cannot use closefd=False with file name",
            );
        }
        let path = crate::modules::posix::fspath(vm, &file)?;
        let path_bytes: Vec<u8> = match as_str(&path) {
            Some(s) => s.as_bytes().to_vec(),
            None => crate::types::bytes::bytes_of(&path).unwrap_or_default(),
        };
        if path_bytes.contains(&0) {
            return raise(ExcKind::ValueError, "embedded null byte");
        }
        match &opener {
            Some(opener) => {
                let fd = crate::protocol::call(
                    vm,
                    opener,
                    &[file.clone(), Value::Int(flags as i64)],
                    &[],
                )?;
                let fd = int_arg(&fd)?;
                if fd < 0 {
                    return raise(ExcKind::ValueError, format!("opener returned {fd}"));
                }
                fd as i32
            }
            None => {
                let c = std::ffi::CString::new(path_bytes).unwrap_or_default();
                loop {
                    // SAFETY: `c` is a NUL-terminated path; open has no
                    // other memory effects.
                    let fd = unsafe { libc::open(c.as_ptr(), flags, 0o666 as libc::c_uint) };
                    if fd >= 0 {
                        break fd;
                    }
                    let e = std::io::Error::last_os_error();
                    if e.raw_os_error() != Some(libc::EINTR) {
                        return Err(crate::object::exceptions::from_io_error(&e, Some(&file)));
                    }
                    crate::vm::signals::check(vm)?;
                }
            }
        }
    };
    f.fd.set(fd);
    f.closefd.set(closefd);
    f.readable.set(readable);
    f.writable.set(writable);
    f.appending.set(appending);
    f.created.set(created);
    // SAFETY: `st` is plain old data that fstat fills.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `fd` is open; `st` is a valid out-pointer.
    if unsafe { libc::fstat(fd, &mut st) } == 0 {
        if (st.st_mode & libc::S_IFMT) == libc::S_IFDIR {
            let e = std::io::Error::from_raw_os_error(libc::EISDIR);
            if closefd {
                // SAFETY: our descriptor, not used again.
                unsafe { libc::close(fd) };
            }
            f.fd.set(-1);
            return Err(crate::object::exceptions::from_io_error(&e, Some(&file)));
        }
        if st.st_blksize > 1 {
            f.blksize.set(st.st_blksize as usize);
        }
    }
    crate::object::classes::setattr(vm, r, "name", Some(file))?;
    if appending {
        // SAFETY: seeking an open descriptor; failure is ignored as in
        // CPython (pipes cannot seek).
        unsafe { libc::lseek(fd, 0, libc::SEEK_END) };
    }
    Ok(Value::None)
}

fn check_readable(vm: &mut Vm, f: &FileIo) -> PyResult<()> {
    open_fd(f)?;
    if !f.readable.get() {
        return Err(unsupported(vm, "File not open for reading"));
    }
    Ok(())
}

fn check_writable(vm: &mut Vm, f: &FileIo) -> PyResult<()> {
    open_fd(f)?;
    if !f.writable.get() {
        return Err(unsupported(vm, "File not open for writing"));
    }
    Ok(())
}

/// One `read` of at most `n` bytes: None when a non-blocking descriptor
/// has nothing.
fn read_some(f: &FileIo, n: usize) -> PyResult<Option<Vec<u8>>> {
    let fd = open_fd(f)?;
    let mut buf = vec![0u8; n];
    loop {
        // SAFETY: `buf` has room for `n` bytes.
        let (got, e) = crate::vm::threads::blocking(|| {
            let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), n) };
            (got, std::io::Error::last_os_error())
        });
        if got >= 0 {
            buf.truncate(got as usize);
            return Ok(Some(buf));
        }
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EAGAIN) => return Ok(None),
            _ => return Err(crate::object::exceptions::from_io_error(&e, None)),
        }
    }
}

/// Reads to end of file.
fn readall(f: &FileIo) -> PyResult<Value> {
    let fd = open_fd(f)?;
    // Size the buffer from what is left of a regular file.
    let mut want = super::DEFAULT_BUFFER_SIZE;
    // SAFETY: `st` is plain old data that fstat fills.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `fd` is open; `st` is a valid out-pointer.
    if unsafe { libc::fstat(fd, &mut st) } == 0 {
        // SAFETY: lseek on an open descriptor.
        let pos = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) };
        if pos >= 0 && st.st_size > pos {
            want = (st.st_size - pos) as usize + 1;
        }
    }
    let mut out: Vec<u8> = Vec::new();
    loop {
        match read_some(f, want)? {
            None if out.is_empty() => return Ok(Value::None),
            None => break,
            Some(chunk) if chunk.is_empty() => break,
            Some(chunk) => out.extend_from_slice(&chunk),
        }
        want = want.max(out.len()).min(1 << 26);
    }
    Ok(crate::types::bytes::make(out, false))
}

/// `read(size=-1)`.
fn read(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, f, rest) = this(s, a)?;
    check_readable(vm, f)?;
    match size_arg(rest.first())? {
        None => readall(f),
        Some(n) => Ok(match read_some(f, n)? {
            None => Value::None,
            Some(data) => crate::types::bytes::make(data, false),
        }),
    }
}

/// `write(b)`: the number of bytes written (None if it would block).
fn write(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, f, rest) = this(s, a)?;
    check_writable(vm, f)?;
    let Some(data) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "write() takes exactly one argument (0 given)",
        );
    };
    let data = super::bytes_arg(data)?;
    Ok(match write_fd(f, &data)? {
        None => Value::None,
        Some(n) => Value::Int(n as i64),
    })
}

/// One `write` system call (retried on EINTR).
pub(crate) fn write_fd_raw(fd: i32, data: &[u8]) -> PyResult<Option<usize>> {
    loop {
        // SAFETY: `data` is valid for its length.
        let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if n >= 0 {
            return Ok(Some(n as usize));
        }
        let e = std::io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EAGAIN) => return Ok(None),
            _ => return Err(crate::object::exceptions::from_io_error(&e, None)),
        }
    }
}

fn write_fd(f: &FileIo, data: &[u8]) -> PyResult<Option<usize>> {
    write_fd_raw(open_fd(f)?, data)
}

/// The descriptor of `raw` if it is exactly an open FileIO (for writes
/// that must happen without calling Python: finalisation).
pub(crate) fn fd_of(raw: &Value) -> Option<i32> {
    let f = crate::object::native::data_of::<FileIo>(raw)?;
    (f.fd.get() >= 0).then(|| f.fd.get())
}

fn lseek(f: &FileIo, pos: i64, whence: i32) -> PyResult<i64> {
    let fd = open_fd(f)?;
    // SAFETY: lseek on an open descriptor.
    let r = unsafe { libc::lseek(fd, pos, whence) };
    if r < 0 {
        return Err(last_error());
    }
    Ok(r)
}

/// `seek(pos, whence=0)`: the new position.
fn seek(_: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, f, rest) = this(s, a)?;
    open_fd(f)?;
    let Some(pos) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "seek() takes at least 1 argument (0 given)",
        );
    };
    if let Value::Float(_) = pos {
        return raise(ExcKind::TypeError, "an integer is required");
    }
    let pos = int_arg(pos)?;
    let whence = match rest.get(1) {
        Some(w) => int_arg(w)? as i32,
        None => 0,
    };
    Ok(Value::Int(lseek(f, pos, whence)?))
}

/// `truncate(size=None)`: the new size.
fn truncate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, f, rest) = this(s, a)?;
    check_writable(vm, f)?;
    let size = match rest.first() {
        None | Some(Value::None) => lseek(f, 0, libc::SEEK_CUR)?,
        Some(v) => int_arg(v)?,
    };
    // SAFETY: ftruncate on an open descriptor.
    if unsafe { libc::ftruncate(open_fd(f)?, size) } != 0 {
        return Err(last_error());
    }
    Ok(Value::Int(size))
}

/// `close()`: `_IOBase.close` (flush, mark closed), then the descriptor.
fn close(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, f, _) = this(s, a)?;
    let base = crate::object::classes::lookup(&super::iobase::iobase_class(), "close");
    let flushed = match base {
        Some(close) => crate::protocol::call(vm, &close, std::slice::from_ref(r), &[]).map(|_| ()),
        None => Ok(()),
    };
    let fd = f.fd.replace(-1);
    if fd >= 0 && f.closefd.get() {
        // SAFETY: the object's own descriptor, closed once.
        if unsafe { libc::close(fd) } != 0 {
            flushed?;
            return Err(last_error());
        }
    }
    flushed.map(|_| Value::None)
}

/// `<_io.FileIO name='f' mode='rb' closefd=True>`.
fn repr(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, f, _) = this(s, a)?;
    let cls = super::repr_class_name(r);
    if f.fd.get() < 0 {
        return Ok(new_str(format!("<{cls} [closed]>")));
    }
    super::repr_once(r, || {
        let what = match crate::protocol::getattr(vm, r, "name") {
            Ok(name) => format!("name={}", crate::protocol::repr::repr(vm, &name)?),
            Err(_) => format!("fd={}", f.fd.get()),
        };
        let closefd = if f.closefd.get() { "True" } else { "False" };
        Ok(new_str(format!(
            "<{cls} {what} mode='{}' closefd={closefd}>",
            mode_string(f)
        )))
    })
}
