//! More of `bytes` and `bytearray`: the methods they share with `str`
//! (padding, partitioning, right splits, line splits, prefixes, titles,
//! tabs, `translate`/`maketrans`) and `bytearray.insert`/`remove`. The
//! older ones are in `types::bytes` with the type's operations.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, new_tuple, type_name, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::types::bytes::{arg_bytes, byte_value, find, is_space, make, recv, rfind};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The methods of this file that `bytes` and `bytearray` both have.
pub const SHARED_MEMBERS: &[Member] = &[
    Member::Method("partition", |_, s, a, k| partition(s, a, k, false)),
    Member::Method("rpartition", |_, s, a, k| partition(s, a, k, true)),
    Member::Method("rsplit", rsplit),
    Member::Method("splitlines", splitlines),
    Member::Method("removeprefix", |_, s, a, k| remove_affix(s, a, k, true)),
    Member::Method("removesuffix", |_, s, a, k| remove_affix(s, a, k, false)),
    Member::Method("rindex", rindex),
    Member::Method("isascii", |_, s, a, _| {
        arity("isascii", a, 0, 0)?;
        Ok(Value::Bool(recv(s)?.0.is_ascii()))
    }),
    Member::Method("center", |_, s, a, k| pad(s, a, k, "center")),
    Member::Method("ljust", |_, s, a, k| pad(s, a, k, "ljust")),
    Member::Method("rjust", |_, s, a, k| pad(s, a, k, "rjust")),
    Member::Method("zfill", zfill),
    Member::Method("expandtabs", expandtabs),
    Member::Method("title", title),
    Member::Method("istitle", istitle),
    Member::Method("translate", translate),
    Member::StaticMethod("maketrans", maketrans),
];

/// `bytes.__bytes__`.
pub const BYTES_ONLY: &[Member] = &[Member::Method("__bytes__", |_, s, a, _| {
    arity("__bytes__", a, 0, 0)?;
    Ok(make(recv(s)?.0, false))
})];

/// The methods of this file only `bytearray` has.
pub const BYTEARRAY_ONLY: &[Member] = &[
    Member::Method("insert", insert),
    Member::Method("remove", remove),
];

/// A result of the receiver's kind (`bytes` or `bytearray`).
fn like(data: Vec<u8>, array: bool) -> Value {
    make(data, array)
}

fn partition(s: Option<&Value>, args: &[Value], kw: Kw<'_>, right: bool) -> PyResult<Value> {
    no_kwargs("partition", kw)?;
    arity("partition", args, 1, 1)?;
    let (data, array) = recv(s)?;
    let sep = arg_bytes(&args[0])?;
    if sep.is_empty() {
        return raise(ExcKind::ValueError, "empty separator");
    }
    let at = if right {
        rfind(&data, &sep)
    } else {
        find(&data, &sep, 0)
    };
    let parts = match at {
        Some(i) => [
            data[..i].to_vec(),
            sep.clone(),
            data[i + sep.len()..].to_vec(),
        ],
        None if right => [Vec::new(), Vec::new(), data],
        None => [data, Vec::new(), Vec::new()],
    };
    Ok(new_tuple(
        parts.into_iter().map(|p| like(p, array)).collect(),
    ))
}

/// `maxsplit` from an argument (negative: no limit).
fn max_splits(v: Option<&Value>) -> PyResult<usize> {
    match v.map(int_of) {
        None => Ok(usize::MAX),
        Some(Some(IntVal::Small(n))) if n >= 0 => Ok(n as usize),
        Some(Some(_)) => Ok(usize::MAX),
        Some(None) => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v.unwrap_or(&Value::None))
            ),
        ),
    }
}

fn rsplit(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("rsplit", args, 0, 2)?;
    let mut sep = args.first().cloned().unwrap_or_default();
    let mut limit = args.get(1).cloned();
    for (k, v) in kw {
        match &**k {
            "sep" => sep = v.clone(),
            "maxsplit" => limit = Some(v.clone()),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("rsplit() got an unexpected keyword argument '{k}'"),
                )
            }
        }
    }
    let (data, array) = recv(s)?;
    let mut left = max_splits(limit.as_ref())?;
    let mut parts: Vec<Vec<u8>> = Vec::new();
    if matches!(sep, Value::None) {
        let mut end = data.len();
        loop {
            while end > 0 && is_space(data[end - 1]) {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            if left == 0 {
                parts.push(data[..end].to_vec());
                break;
            }
            let mut start = end;
            while start > 0 && !is_space(data[start - 1]) {
                start -= 1;
            }
            parts.push(data[start..end].to_vec());
            left -= 1;
            end = start;
        }
    } else {
        let sep = arg_bytes(&sep)?;
        if sep.is_empty() {
            return raise(ExcKind::ValueError, "empty separator");
        }
        let mut end = data.len();
        while left > 0 {
            match rfind(&data[..end], &sep) {
                Some(i) => {
                    parts.push(data[i + sep.len()..end].to_vec());
                    end = i;
                    left -= 1;
                }
                None => break,
            }
        }
        parts.push(data[..end].to_vec());
    }
    parts.reverse();
    Ok(new_list(
        parts.into_iter().map(|p| like(p, array)).collect(),
    ))
}

fn splitlines(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("splitlines", args, 0, 1)?;
    let mut keep = args.first().cloned().unwrap_or(Value::Bool(false));
    for (k, v) in kw {
        if &**k == "keepends" {
            keep = v.clone();
        } else {
            return raise(
                ExcKind::TypeError,
                format!("splitlines() got an unexpected keyword argument '{k}'"),
            );
        }
    }
    let keep = crate::protocol::ops::truthy(&keep);
    let (data, array) = recv(s)?;
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        let end_len = match (data[i], data.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r' | b'\n', _) => 1,
            _ => 0,
        };
        if end_len == 0 {
            i += 1;
            continue;
        }
        let stop = if keep { i + end_len } else { i };
        lines.push(like(data[start..stop].to_vec(), array));
        i += end_len;
        start = i;
    }
    if start < data.len() {
        lines.push(like(data[start..].to_vec(), array));
    }
    Ok(new_list(lines))
}

fn remove_affix(s: Option<&Value>, args: &[Value], kw: Kw<'_>, prefix: bool) -> PyResult<Value> {
    no_kwargs(
        if prefix {
            "removeprefix"
        } else {
            "removesuffix"
        },
        kw,
    )?;
    arity("removeprefix", args, 1, 1)?;
    let (data, array) = recv(s)?;
    let affix = arg_bytes(&args[0])?;
    let out = if prefix && data.starts_with(&affix) {
        data[affix.len()..].to_vec()
    } else if !prefix && data.ends_with(&affix) {
        data[..data.len() - affix.len()].to_vec()
    } else {
        data
    };
    Ok(like(out, array))
}

fn rindex(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("rindex", args, 1, 3)?;
    let (data, _) = recv(s)?;
    match crate::types::bytes::find_in(&data, args, true)? {
        Some(p) => Ok(Value::Int(p as i64)),
        None => raise(ExcKind::ValueError, "subsection not found"),
    }
}

/// The width argument of the padding methods.
fn width_of(v: &Value) -> PyResult<usize> {
    match int_of(v) {
        Some(IntVal::Small(n)) => Ok(n.max(0) as usize),
        Some(IntVal::Big(_)) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C ssize_t",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ),
        ),
    }
}

fn pad(s: Option<&Value>, args: &[Value], kw: Kw<'_>, how: &str) -> PyResult<Value> {
    no_kwargs(how, kw)?;
    arity(how, args, 1, 2)?;
    let (data, array) = recv(s)?;
    let width = width_of(&args[0])?;
    let fill = match args.get(1) {
        None => b' ',
        Some(f) => match arg_bytes(f)?.as_slice() {
            [b] => *b,
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "{how}() argument 2 must be a byte string of length 1, not {}",
                        type_name(f)
                    ),
                )
            }
        },
    };
    if width <= data.len() {
        return Ok(like(data, array));
    }
    if !crate::protocol::ops::fits_in_memory(width) {
        return raise(ExcKind::MemoryError, "");
    }
    let total = width - data.len();
    let left = match how {
        "ljust" => 0,
        "rjust" => total,
        // CPython's centring: the extra byte goes left when the width is odd.
        _ => total / 2 + (total & width & 1),
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&data);
    out.resize(width, fill);
    Ok(like(out, array))
}

fn zfill(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("zfill", kw)?;
    arity("zfill", args, 1, 1)?;
    let (data, array) = recv(s)?;
    let width = width_of(&args[0])?;
    if width <= data.len() {
        return Ok(like(data, array));
    }
    if !crate::protocol::ops::fits_in_memory(width) {
        return raise(ExcKind::MemoryError, "");
    }
    let sign = matches!(data.first(), Some(b'+' | b'-')) as usize;
    let mut out = data[..sign].to_vec();
    out.resize(width - data.len() + sign, b'0');
    out.extend_from_slice(&data[sign..]);
    Ok(like(out, array))
}

fn expandtabs(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("expandtabs", args, 0, 1)?;
    let mut size = args.first().cloned().unwrap_or(Value::Int(8));
    for (k, v) in kw {
        if &**k == "tabsize" {
            size = v.clone();
        } else {
            return raise(
                ExcKind::TypeError,
                format!("expandtabs() got an unexpected keyword argument '{k}'"),
            );
        }
    }
    let tab = match int_of(&size) {
        Some(IntVal::Small(n)) => n.max(0) as usize,
        _ => 8,
    };
    let (data, array) = recv(s)?;
    let mut out = Vec::with_capacity(data.len());
    let mut column = 0;
    for &b in &data {
        match b {
            b'\t' => {
                if tab > 0 {
                    let n = tab - column % tab;
                    out.extend(std::iter::repeat_n(b' ', n));
                    column += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(b);
                column = 0;
            }
            _ => {
                out.push(b);
                column += 1;
            }
        }
    }
    Ok(like(out, array))
}

fn title(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("title", args, 0, 0)?;
    let (data, array) = recv(s)?;
    let mut previous_cased = false;
    let out = data
        .iter()
        .map(|&b| {
            let c = if previous_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            previous_cased = b.is_ascii_alphabetic();
            c
        })
        .collect();
    Ok(like(out, array))
}

fn istitle(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("istitle", args, 0, 0)?;
    let (data, _) = recv(s)?;
    let (mut cased, mut previous_cased) = (false, false);
    for &b in &data {
        if b.is_ascii_uppercase() {
            if previous_cased {
                return Ok(Value::Bool(false));
            }
            previous_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !previous_cased {
                return Ok(Value::Bool(false));
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

fn translate(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("translate", args, 1, 2)?;
    let mut delete = args.get(1).cloned();
    for (k, v) in kw {
        if &**k == "delete" {
            delete = Some(v.clone());
        } else {
            return raise(
                ExcKind::TypeError,
                format!("translate() got an unexpected keyword argument '{k}'"),
            );
        }
    }
    let (data, array) = recv(s)?;
    let table = match &args[0] {
        Value::None => None,
        t => {
            let t = arg_bytes(t)?;
            if t.len() != 256 {
                return raise(
                    ExcKind::ValueError,
                    "translation table must be 256 characters long",
                );
            }
            Some(t)
        }
    };
    let delete = match delete {
        Some(d) => arg_bytes(&d)?,
        None => Vec::new(),
    };
    let out = data
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    Ok(like(out, array))
}

fn maketrans(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("maketrans", kw)?;
    arity("maketrans", args, 2, 2)?;
    let (from, to) = (arg_bytes(&args[0])?, arg_bytes(&args[1])?);
    if from.len() != to.len() {
        return raise(
            ExcKind::ValueError,
            "maketrans arguments must have same length",
        );
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in from.iter().zip(&to) {
        table[*f as usize] = *t;
    }
    Ok(make(table, false))
}

/// The bytearray `s` is.
fn bytearray_of(s: Option<&Value>) -> PyResult<&std::cell::RefCell<Vec<u8>>> {
    match s
        .map(crate::object::instance::unwrap)
        .and_then(Value::as_obj)
    {
        Some(Object::ByteArray(b)) => Ok(b),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'bytearray' object",
        ),
    }
}

fn insert(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("insert", kw)?;
    arity("insert", args, 2, 2)?;
    let b = byte_value(&args[1])?;
    let data = bytearray_of(s)?;
    let len = data.borrow().len() as i64;
    let at = match int_of(&args[0]) {
        Some(IntVal::Small(i)) if i < 0 => (i + len).max(0),
        Some(IntVal::Small(i)) => i.min(len),
        Some(IntVal::Big(_)) => len,
        None => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(&args[0])
                ),
            )
        }
    };
    data.borrow_mut().insert(at as usize, b);
    Ok(Value::None)
}

fn remove(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("remove", kw)?;
    arity("remove", args, 1, 1)?;
    let b = byte_value(&args[0])?;
    let data = bytearray_of(s)?;
    let at = data.borrow().iter().position(|&x| x == b);
    match at {
        Some(i) => {
            data.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => raise(ExcKind::ValueError, "value not found in bytearray"),
    }
}
