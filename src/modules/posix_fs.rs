//! `os.statvfs(path)` and `os.fstatvfs(fd)`: a file system's block and
//! inode counts (`statvfs_result`), which `shutil.disk_usage` reads.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, NewObject};
use crate::object::value::Value;
use crate::vm::Vm;
use std::os::unix::ffi::OsStrExt;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

const FIELDS: [&str; 10] = [
    "f_bsize",
    "f_frsize",
    "f_blocks",
    "f_bfree",
    "f_bavail",
    "f_files",
    "f_ffree",
    "f_favail",
    "f_flag",
    "f_namemax",
];

/// `os.statvfs_result`: the ten classic fields, `f_fsid` as an attribute.
pub fn statvfs_result_class() -> Value {
    crate::object::builtin_types::kept_by_name("os.statvfs_result", || {
        let attrs = vec![
            ("n_sequence_fields", Value::Int(10)),
            ("n_fields", Value::Int(11)),
            ("n_unnamed_fields", Value::Int(0)),
            crate::object::native::property("f_fsid", |vm, _, a, _| {
                let Some(s) = a.first() else {
                    return raise(ExcKind::TypeError, "f_fsid needs an object");
                };
                Ok(crate::protocol::getattr(vm, s, "_f_fsid").unwrap_or(Value::None))
            }),
        ];
        crate::types::struct_sequence::struct_sequence("os", "statvfs_result", &FIELDS, &[], attrs)
    })
}

fn result(st: &libc::statvfs) -> PyResult<Value> {
    let items = [
        st.f_bsize as i64,
        st.f_frsize as i64,
        st.f_blocks as i64,
        st.f_bfree as i64,
        st.f_bavail as i64,
        st.f_files as i64,
        st.f_ffree as i64,
        st.f_favail as i64,
        st.f_flag as i64,
        st.f_namemax as i64,
    ];
    let Value::Obj(cls) = statvfs_result_class() else {
        return raise(ExcKind::SystemError, "no statvfs_result class");
    };
    let inst = crate::object::instance::Instance::new(
        cls,
        None,
        Some(new_tuple(items.iter().map(|&n| Value::Int(n)).collect())),
    );
    inst.set_attr("_f_fsid", Value::Int(st.f_fsid as i64));
    Ok(Value::obj(NewObject::Instance(inst)))
}

/// `os.statvfs(path)` (a file descriptor too).
pub fn statvfs(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = crate::object::args::bind_args("statvfs", &["path"], a, kw)?;
    if let Some(Value::Int(fd)) = &args[0] {
        return fstatvfs_fd(*fd);
    }
    let p = crate::modules::posix::path_arg(vm, "statvfs", args[0].as_ref())?;
    let Ok(c) = std::ffi::CString::new(p.path.as_os_str().as_bytes()) else {
        return raise(ExcKind::ValueError, "embedded null byte");
    };
    // SAFETY: `statvfs` is plain old data the call fills.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call.
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return Err(crate::modules::posix::os_error(
            &std::io::Error::last_os_error(),
            &p,
        ));
    }
    result(&st)
}

fn fstatvfs_fd(fd: i64) -> PyResult<Value> {
    // SAFETY: as in `statvfs`.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: the pointer is valid for the call; a bad descriptor is EBADF.
    if unsafe { libc::fstatvfs(fd as libc::c_int, &mut st) } != 0 {
        return Err(crate::modules::posix::last_error());
    }
    result(&st)
}

/// `os.fstatvfs(fd)`.
pub fn fstatvfs(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("fstatvfs", kw)?;
    crate::object::args::arity("fstatvfs", a, 1, 1)?;
    let fd = crate::modules::posix::int_arg("fstatvfs", a.first(), None)?;
    fstatvfs_fd(fd)
}
