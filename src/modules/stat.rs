//! `_stat` (CPython's `Modules/_stat.c`): the file-mode constants of this
//! platform, `S_IS*` tests, `S_IMODE`, `S_IFMT` and `filemode`, which
//! `stat.py` takes over its pure-Python definitions.

use crate::object::args::{arity, no_kwargs};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_str, type_name, BuiltinFn};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

const S_IFMT: u32 = 0o170_000;
const S_IFDIR: u32 = 0o040_000;
const S_IFCHR: u32 = 0o020_000;
const S_IFBLK: u32 = 0o060_000;
const S_IFREG: u32 = 0o100_000;
const S_IFIFO: u32 = 0o010_000;
const S_IFLNK: u32 = 0o120_000;
const S_IFSOCK: u32 = 0o140_000;

/// A mode argument: an int that fits an unsigned 32-bit `mode_t`.
fn mode_arg(name: &str, a: &[Value], kw: Kw<'_>) -> PyResult<u32> {
    no_kwargs(name, kw)?;
    arity(name, a, 1, 1)?;
    match int_of(&a[0]) {
        Some(IntVal::Small(n)) if (0..=i64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        Some(IntVal::Small(n)) if n < 0 => raise(
            ExcKind::OverflowError,
            "can't convert negative value to unsigned int",
        ),
        Some(_) => raise(ExcKind::OverflowError, "mode out of range"),
        None => raise(
            ExcKind::TypeError,
            format!("an integer is required (got type {})", type_name(&a[0])),
        ),
    }
}

/// The `ls -l` letter of a mode's file type.
fn file_type(mode: u32) -> char {
    match mode & S_IFMT {
        S_IFREG => '-',
        S_IFDIR => 'd',
        S_IFLNK => 'l',
        S_IFBLK => 'b',
        S_IFCHR => 'c',
        S_IFIFO => 'p',
        S_IFSOCK => 's',
        _ => '?',
    }
}

/// `filemode(mode)`: `-rwxr-xr-x` and friends.
fn filemode(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mode = mode_arg("filemode", a, kw)?;
    let bit = |b: u32, c: char| if mode & b != 0 { c } else { '-' };
    // The execute letter, with the set-id or sticky bit `special`.
    let exec =
        |x: u32, special: u32, on: char, off: char| match (mode & special != 0, mode & x != 0) {
            (true, true) => on,
            (true, false) => off,
            (false, true) => 'x',
            (false, false) => '-',
        };
    let s: String = [
        file_type(mode),
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, 0o4000, 's', 'S'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        exec(0o010, 0o2000, 's', 'S'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        exec(0o001, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect();
    Ok(new_str(s))
}

/// The `_stat` module.
pub fn module() -> Value {
    macro_rules! is {
        ($name:literal, $t:expr) => {
            (
                $name,
                builtin_fn($name, |_, _, a, kw| {
                    Ok(Value::Bool(mode_arg($name, a, kw)? & S_IFMT == $t))
                }),
            )
        };
    }
    let never: BuiltinFn = |_, _, a, kw| {
        mode_arg("S_IS", a, kw)?;
        Ok(Value::Bool(false))
    };
    let int = |n: u32| Value::Int(i64::from(n));
    let mut attrs: Vec<(&str, Value)> = vec![
        is!("S_ISDIR", S_IFDIR),
        is!("S_ISCHR", S_IFCHR),
        is!("S_ISBLK", S_IFBLK),
        is!("S_ISREG", S_IFREG),
        is!("S_ISFIFO", S_IFIFO),
        is!("S_ISLNK", S_IFLNK),
        is!("S_ISSOCK", S_IFSOCK),
        ("S_ISDOOR", builtin_fn("S_ISDOOR", never)),
        ("S_ISPORT", builtin_fn("S_ISPORT", never)),
        ("S_ISWHT", builtin_fn("S_ISWHT", never)),
        (
            "S_IMODE",
            builtin_fn("S_IMODE", |_, _, a, kw| {
                Ok(Value::Int(i64::from(mode_arg("S_IMODE", a, kw)? & 0o7777)))
            }),
        ),
        (
            "S_IFMT",
            builtin_fn("S_IFMT", |_, _, a, kw| {
                Ok(Value::Int(i64::from(mode_arg("S_IFMT", a, kw)? & S_IFMT)))
            }),
        ),
        ("filemode", builtin_fn("filemode", filemode)),
    ];
    let constants: [(&str, u32); 50] = [
        ("S_IFDIR", S_IFDIR),
        ("S_IFCHR", S_IFCHR),
        ("S_IFBLK", S_IFBLK),
        ("S_IFREG", S_IFREG),
        ("S_IFIFO", S_IFIFO),
        ("S_IFLNK", S_IFLNK),
        ("S_IFSOCK", S_IFSOCK),
        ("S_IFDOOR", 0),
        ("S_IFPORT", 0),
        ("S_IFWHT", 0),
        ("S_ISUID", 0o4000),
        ("S_ISGID", 0o2000),
        ("S_ENFMT", 0o2000),
        ("S_ISVTX", 0o1000),
        ("S_IREAD", 0o400),
        ("S_IWRITE", 0o200),
        ("S_IEXEC", 0o100),
        ("S_IRWXU", 0o700),
        ("S_IRUSR", 0o400),
        ("S_IWUSR", 0o200),
        ("S_IXUSR", 0o100),
        ("S_IRWXG", 0o070),
        ("S_IRGRP", 0o040),
        ("S_IWGRP", 0o020),
        ("S_IXGRP", 0o010),
        ("S_IRWXO", 0o007),
        ("S_IROTH", 0o004),
        ("S_IWOTH", 0o002),
        ("S_IXOTH", 0o001),
        ("UF_NODUMP", 0x1),
        ("UF_IMMUTABLE", 0x2),
        ("UF_APPEND", 0x4),
        ("UF_OPAQUE", 0x8),
        ("UF_NOUNLINK", 0x10),
        ("UF_COMPRESSED", 0x20),
        ("UF_HIDDEN", 0x8000),
        ("SF_ARCHIVED", 0x1_0000),
        ("SF_IMMUTABLE", 0x2_0000),
        ("SF_APPEND", 0x4_0000),
        ("SF_NOUNLINK", 0x10_0000),
        ("SF_SNAPSHOT", 0x20_0000),
        ("ST_MODE", 0),
        ("ST_INO", 1),
        ("ST_DEV", 2),
        ("ST_NLINK", 3),
        ("ST_UID", 4),
        ("ST_GID", 5),
        ("ST_SIZE", 6),
        ("ST_ATIME", 7),
        ("ST_MTIME", 8),
    ];
    attrs.extend(constants.iter().map(|&(n, v)| (n, int(v))));
    attrs.push(("ST_CTIME", int(9)));
    make_module("_stat", attrs)
}
