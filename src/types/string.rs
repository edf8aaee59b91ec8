//! The methods of `str`, as CPython 3.11 defines them: splitting,
//! stripping, searching (with character offsets), case mapping, the `is*`
//! predicates, padding, partitioning, encoding and `str.format`.

use crate::object::args::{arity, no_kwargs, parse_tuple_arity};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{
    as_pystr, as_str, new_list, new_str, new_tuple, type_name, Object, PyStr,
};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::protocol::to_vec;
use crate::types::string_surrogates::surrogate_aware;
use crate::vm::Vm;
use std::rc::Rc;
use taipan_bytecode::{pyrepr, unichar};

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The methods of `str` (its type's dict is made from this table); those
/// written for text run through `string_surrogates::call`.
pub const STR_MEMBERS: &[Member] = &[
    Member::Method("join", m_join),
    Member::Method("split", surrogate_aware!(m_split)),
    Member::Method("rsplit", surrogate_aware!(m_rsplit)),
    Member::Method("splitlines", surrogate_aware!(m_splitlines)),
    Member::Method("strip", surrogate_aware!(m_strip)),
    Member::Method("lstrip", surrogate_aware!(m_lstrip)),
    Member::Method("rstrip", surrogate_aware!(m_rstrip)),
    Member::Method("replace", surrogate_aware!(m_replace)),
    Member::Method("find", surrogate_aware!(m_find)),
    Member::Method("rfind", surrogate_aware!(m_rfind)),
    Member::Method("index", surrogate_aware!(m_index)),
    Member::Method("rindex", surrogate_aware!(m_rindex)),
    Member::Method("count", surrogate_aware!(m_count)),
    Member::Method("startswith", surrogate_aware!(m_startswith)),
    Member::Method("endswith", surrogate_aware!(m_endswith)),
    Member::Method("upper", m_upper),
    Member::Method("lower", m_lower),
    Member::Method("casefold", surrogate_aware!(m_casefold)),
    Member::Method(
        "translate",
        surrogate_aware!(crate::types::string_translate::m_translate),
    ),
    Member::Method("title", surrogate_aware!(m_title)),
    Member::Method("capitalize", surrogate_aware!(m_capitalize)),
    Member::Method("swapcase", surrogate_aware!(m_swapcase)),
    Member::Method("isdigit", surrogate_aware!(m_isdigit)),
    Member::Method("isdecimal", surrogate_aware!(m_isdecimal)),
    Member::Method("isnumeric", surrogate_aware!(m_isnumeric)),
    Member::Method("isalpha", surrogate_aware!(m_isalpha)),
    Member::Method("isalnum", surrogate_aware!(m_isalnum)),
    Member::Method("isspace", surrogate_aware!(m_isspace)),
    Member::Method("isupper", surrogate_aware!(m_isupper)),
    Member::Method("islower", surrogate_aware!(m_islower)),
    Member::Method("istitle", surrogate_aware!(m_istitle)),
    Member::Method("isascii", surrogate_aware!(m_isascii)),
    Member::Method("isidentifier", surrogate_aware!(m_isidentifier)),
    Member::Method("isprintable", surrogate_aware!(m_isprintable)),
    Member::Method("center", surrogate_aware!(m_center)),
    Member::Method("ljust", surrogate_aware!(m_ljust)),
    Member::Method("rjust", surrogate_aware!(m_rjust)),
    Member::Method("zfill", surrogate_aware!(m_zfill)),
    Member::Method("partition", surrogate_aware!(m_partition)),
    Member::Method("rpartition", surrogate_aware!(m_rpartition)),
    Member::Method("removeprefix", surrogate_aware!(m_removeprefix)),
    Member::Method("removesuffix", surrogate_aware!(m_removesuffix)),
    Member::Method("expandtabs", surrogate_aware!(m_expandtabs)),
    Member::Method("encode", m_encode),
    Member::Method("format", surrogate_aware!(m_format)),
    Member::Method("format_map", surrogate_aware!(m_format_map)),
    Member::StaticMethod("maketrans", crate::types::string_translate::b_maketrans),
];

fn this(s: Option<&Value>) -> PyResult<&str> {
    s.and_then(as_str)
        .ok_or_else(|| PyErr::new(ExcKind::TypeError, "descriptor requires a 'str' object"))
}

fn str_arg<'a>(v: &'a Value, what: &str) -> PyResult<&'a str> {
    as_str(v).ok_or_else(|| {
        PyErr::new(
            ExcKind::TypeError,
            format!("{what} must be str, not {}", type_name(v)),
        )
    })
}

/// Python's whitespace (`str.isspace`, `str.split()`).
fn is_space(c: char) -> bool {
    unichar::is_space(c)
}

fn m_join(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("str.join", kw)?;
    arity("join", args, 1, 1)?;
    this(s)?;
    let sep = s.and_then(crate::object::heap::as_pystr);
    let items = to_vec(vm, &args[0])?;
    // One exact str: the str itself (CPython's shortcut).
    if let [only] = &items[..] {
        if matches!(only.as_obj(), Some(Object::Str(_))) {
            return Ok(only.clone());
        }
    }
    let mut strs = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let Some(t) = crate::object::heap::as_pystr(it) else {
            return raise(
                ExcKind::TypeError,
                format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(it)
                ),
            );
        };
        strs.push(t);
    }
    Ok(Value::obj(NewObject::Str(
        crate::types::string_surrogates::concat_parts(strs.iter().copied(), sep),
    )))
}

/// The `sep` and `maxsplit` of split/rsplit.
fn split_args<'a>(args: &'a [Value], kw: Kw<'a>, name: &str) -> PyResult<(Option<&'a str>, i64)> {
    let mut sep = args.first();
    let mut maxsplit = args.get(1);
    for (k, v) in kw {
        match &**k {
            "sep" => sep = Some(v),
            "maxsplit" => maxsplit = Some(v),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("{name}() got an unexpected keyword argument '{k}'"),
                )
            }
        }
    }
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v) => Some(str_arg(v, "must be str or None, not").map_err(|_| {
            PyErr::new(
                ExcKind::TypeError,
                format!("must be str or None, not {}", type_name(v)),
            )
        })?),
    };
    if sep == Some("") {
        return raise(ExcKind::ValueError, "empty separator");
    }
    let maxsplit = match maxsplit {
        None => -1,
        Some(v) => match int_of(v) {
            Some(IntVal::Small(n)) => n,
            _ => return crate::protocol::ops::not_an_integer(v),
        },
    };
    Ok((sep, maxsplit))
}

fn m_split(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let text = this(s)?;
    let (sep, maxsplit) = split_args(args, kw, "split")?;
    if sep.is_none() && maxsplit < 0 && s.and_then(as_pystr).is_some_and(PyStr::is_ascii) {
        return Ok(new_list(split_ascii_whitespace(text)));
    }
    let mut parts: Vec<String> = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = text;
            while maxsplit < 0 || (parts.len() as i64) < maxsplit {
                match rest.find(sep) {
                    Some(i) => {
                        parts.push(rest[..i].to_string());
                        rest = &rest[i + sep.len()..];
                    }
                    None => break,
                }
            }
            parts.push(rest.to_string());
        }
        None => {
            let mut rest = text.trim_start_matches(is_space);
            while !rest.is_empty() {
                if maxsplit >= 0 && parts.len() as i64 >= maxsplit {
                    parts.push(rest.to_string());
                    break;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                parts.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(is_space);
            }
        }
    }
    Ok(new_list(parts.into_iter().map(new_str).collect()))
}

/// `s.split()` of an ASCII str: the words between runs of whitespace,
/// made straight from the bytes (each an ASCII str, a one-character
/// word the shared one, as CPython's substrings).
fn split_ascii_whitespace(text: &str) -> Vec<Value> {
    let b = text.as_bytes();
    let space = |c: u8| matches!(c, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let start = i;
        while i < b.len() && !space(b[i]) {
            i += 1;
        }
        match i - start {
            0 => {}
            1 => out.push(crate::object::intern::char_str(b[start] as char)),
            n => out.push(Value::obj(NewObject::Str(PyStr::with_selector(
                text[start..i].to_string(),
                n,
                0,
            )))),
        }
    }
    out
}

fn m_rsplit(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let text = this(s)?;
    let (sep, maxsplit) = split_args(args, kw, "rsplit")?;
    let mut parts: Vec<String> = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = text;
            while maxsplit < 0 || (parts.len() as i64) < maxsplit {
                match rest.rfind(sep) {
                    Some(i) => {
                        parts.push(rest[i + sep.len()..].to_string());
                        rest = &rest[..i];
                    }
                    None => break,
                }
            }
            parts.push(rest.to_string());
        }
        None => {
            let mut rest = text.trim_end_matches(is_space);
            while !rest.is_empty() {
                if maxsplit >= 0 && parts.len() as i64 >= maxsplit {
                    parts.push(rest.to_string());
                    break;
                }
                let start = rest.rfind(is_space).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
                parts.push(rest[start..].to_string());
                rest = rest[..start].trim_end_matches(is_space);
            }
        }
    }
    parts.reverse();
    Ok(new_list(parts.into_iter().map(new_str).collect()))
}

fn m_splitlines(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let text = this(s)?;
    let keep = match args
        .first()
        .or_else(|| kw.iter().find(|(k, _)| &**k == "keepends").map(|(_, v)| v))
    {
        Some(v) => crate::protocol::truthy(vm, v)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = pos + c.len_utf8();
            if c == '\r' && chars.get(i + 1).map(|p| p.1) == Some('\n') {
                end += 1;
                i += 1;
            }
            out.push(new_str(if keep {
                &text[start..end]
            } else {
                &text[start..pos]
            }));
            start = end;
        }
        i += 1;
    }
    if start < text.len() {
        out.push(new_str(&text[start..]));
    }
    Ok(new_list(out))
}

fn strip_chars<'a>(args: &'a [Value], name: &str) -> PyResult<Option<&'a str>> {
    match args.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => match as_str(v) {
            Some(t) => Ok(Some(t)),
            None => raise(
                ExcKind::TypeError,
                format!("{name} arg must be None or str"),
            ),
        },
    }
}

fn strip_impl(
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 0, 1)?;
    let text = this(s)?;
    let chars = strip_chars(args, name)?;
    let pred = |c: char| match chars {
        Some(set) => set.contains(c),
        None => is_space(c),
    };
    let mut t = text;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    Ok(same_or_new(s, text, t))
}

/// The result of a method that may leave a str unchanged: the str itself
/// when it is an exact str and `result` is all of its `text` (as CPython
/// returns `self`: `s.strip() is s`), a new str otherwise.
fn same_or_new(s: Option<&Value>, text: &str, result: &str) -> Value {
    match s {
        Some(v) if result.len() == text.len() && matches!(v.as_obj(), Some(Object::Str(_))) => {
            v.clone()
        }
        _ => new_str(result),
    }
}

fn m_strip(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(s, args, kw, "strip", true, true)
}

fn m_lstrip(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(s, args, kw, "lstrip", true, false)
}

fn m_rstrip(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(s, args, kw, "rstrip", false, true)
}

fn m_replace(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("replace", kw)?;
    arity("replace", args, 2, 3)?;
    let text = this(s)?;
    let old = str_arg(&args[0], "replace() argument 1")?;
    let new = str_arg(&args[1], "replace() argument 2")?;
    let count = match args.get(2).map(int_of) {
        None => -1,
        Some(Some(IntVal::Small(n))) => n,
        Some(_) => return raise(ExcKind::TypeError, "an integer is required"),
    };
    if count == 0 || (!old.is_empty() && !text.contains(old)) {
        // Nothing replaced: the str itself (an exact one), as CPython.
        return Ok(same_or_new(s, text, text));
    }
    if count < 0 {
        if old.is_empty() {
            // Insert between every character, and at both ends.
            let mut out = String::from(new);
            for c in text.chars() {
                out.push(c);
                out.push_str(new);
            }
            return Ok(new_str(out));
        }
        return Ok(new_str(text.replace(old, new)));
    }
    if old.is_empty() {
        let mut out = String::new();
        let mut n = 0;
        for c in text.chars() {
            if n < count {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < count {
            out.push_str(new);
        }
        return Ok(new_str(out));
    }
    Ok(new_str(text.replacen(old, new, count as usize)))
}

/// The byte range of `text` that character offsets `start`/`end` (Python
/// slice semantics, negatives from the end, None for the bounds) cover.
fn char_window(text: &str, args: &[Value]) -> PyResult<(usize, usize, usize)> {
    let n = text.chars().count() as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        Ok(match v {
            None | Some(Value::None) => default,
            // As CPython's ADJUST_INDICES: negatives count from the end
            // (at least 0), an end past the length is the length, a
            // start past it stays there (an empty window: nothing found,
            // not even the empty string). Out-of-range ints clip.
            Some(v) => match int_of(v) {
                Some(IntVal::Small(i)) if i < 0 => (i.saturating_add(n)).max(0),
                Some(IntVal::Small(i)) => i,
                Some(IntVal::Big(b)) if b.sign() == num_bigint::Sign::Minus => 0,
                Some(IntVal::Big(_)) => i64::MAX,
                None => {
                    return raise(
                        ExcKind::TypeError,
                        "slice indices must be integers or None or have an __index__ method",
                    )
                }
            },
        })
    };
    let start = bound(args.first(), 0)?;
    let end = bound(args.get(1), n)?.min(n);
    let byte = |ci: i64| -> usize {
        text.char_indices()
            .nth(ci as usize)
            .map_or(text.len(), |(b, _)| b)
    };
    if start > end {
        return Ok((1, 0, 0));
    }
    Ok((byte(start), byte(end), start as usize))
}

fn char_offset(text: &str, byte: usize) -> i64 {
    text[..byte].chars().count() as i64
}

/// find/rfind: the character offset of `sub` in the window, or -1.
fn search(s: Option<&Value>, args: &[Value], name: &str, from_right: bool) -> PyResult<i64> {
    parse_tuple_arity(name, args, 1, 3)?;
    let text = this(s)?;
    let sub = str_arg(&args[0], "must be str, not").map_err(|_| {
        PyErr::new(
            ExcKind::TypeError,
            format!("must be str, not {}", type_name(&args[0])),
        )
    })?;
    let (b0, b1, _) = char_window(text, &args[1..])?;
    if b0 > b1 {
        return Ok(-1);
    }
    let hay = &text[b0..b1];
    let found = if from_right {
        hay.rfind(sub)
    } else {
        hay.find(sub)
    };
    Ok(found.map_or(-1, |i| char_offset(text, b0 + i)))
}

fn m_find(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("find", kw)?;
    Ok(Value::Int(search(s, args, "find", false)?))
}

fn m_rfind(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("rfind", kw)?;
    Ok(Value::Int(search(s, args, "rfind", true)?))
}

fn m_index(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("index", kw)?;
    match search(s, args, "index", false)? {
        -1 => raise(ExcKind::ValueError, "substring not found"),
        i => Ok(Value::Int(i)),
    }
}

fn m_rindex(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("rindex", kw)?;
    match search(s, args, "rindex", true)? {
        -1 => raise(ExcKind::ValueError, "substring not found"),
        i => Ok(Value::Int(i)),
    }
}

fn m_count(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("count", kw)?;
    parse_tuple_arity("count", args, 1, 3)?;
    let text = this(s)?;
    let sub = str_arg(&args[0], "must be str, not")?;
    let (b0, b1, _) = char_window(text, &args[1..])?;
    if b0 > b1 {
        return Ok(Value::Int(0));
    }
    let hay = &text[b0..b1];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

fn affix(s: Option<&Value>, args: &[Value], name: &str, at_end: bool) -> PyResult<Value> {
    parse_tuple_arity(name, args, 1, 3)?;
    let text = this(s)?;
    let (b0, b1, _) = char_window(text, &args[1..])?;
    if b0 > b1 {
        return Ok(Value::Bool(false));
    }
    let hay = &text[b0..b1];
    let test = |p: &str| {
        if at_end {
            hay.ends_with(p)
        } else {
            hay.starts_with(p)
        }
    };
    match args[0].as_obj() {
        Some(Object::Str(p)) => Ok(Value::Bool(test(&p.text))),
        Some(Object::Tuple(items)) => {
            for it in items {
                let Some(p) = as_str(it) else {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "tuple for {name} must only contain str, not {}",
                            type_name(it)
                        ),
                    );
                };
                if test(p) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        _ => raise(
            ExcKind::TypeError,
            format!(
                "{name} first arg must be str or a tuple of str, not {}",
                type_name(&args[0])
            ),
        ),
    }
}

fn m_startswith(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("startswith", kw)?;
    affix(s, args, "startswith", false)
}

fn m_endswith(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("endswith", kw)?;
    affix(s, args, "endswith", true)
}

fn mapped(
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    f: impl Fn(&str) -> String,
) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 0, 0)?;
    Ok(new_str(f(this(s)?)))
}

/// `upper()` (`UPPER`) or `lower()` of an ASCII str: each byte mapped
/// into the new text in one pass (no copy first), the result known to be
/// ASCII of the same length (no scan to count characters).
#[inline(always)]
fn ascii_mapped<const UPPER: bool>(s: Option<&Value>) -> Option<Value> {
    match s.and_then(Value::as_obj) {
        Some(Object::Str(p)) if p.is_ascii() => {
            let src = p.text.as_bytes();
            let mut out = Vec::with_capacity(src.len());
            out.extend(src.iter().map(|&b| {
                let flip = if UPPER {
                    b.is_ascii_lowercase()
                } else {
                    b.is_ascii_uppercase()
                };
                b ^ (u8::from(flip) << 5)
            }));
            // SAFETY: ASCII mapped to ASCII is UTF-8.
            let text = unsafe { String::from_utf8_unchecked(out) };
            Some(Value::obj(NewObject::Str(PyStr::with_selector(
                text,
                src.len(),
                0,
            ))))
        }
        _ => None,
    }
}

/// `str.upper`: ASCII text (which holds no surrogate stand-in) mapped at
/// once; any other call through `string_surrogates::call`.
fn m_upper(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    case_mapped::<true>(vm, s, args, kw, upper_text)
}

/// `str.lower`, as [`m_upper`].
fn m_lower(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    case_mapped::<false>(vm, s, args, kw, lower_text)
}

/// [`m_upper`] (`UPPER`) and [`m_lower`]: `text` runs every call that
/// is not the ASCII one.
#[inline(always)]
fn case_mapped<const UPPER: bool>(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    text: crate::object::heap::BuiltinFn,
) -> PyResult<Value> {
    if args.is_empty() && kw.is_empty() {
        if let Some(v) = ascii_mapped::<UPPER>(s) {
            return Ok(v);
        }
    }
    crate::types::string_surrogates::call(vm, s, args, kw, text)
}

fn upper_text(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    mapped(s, args, kw, "str.upper", unichar::upper)
}

fn lower_text(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    mapped(s, args, kw, "str.lower", unichar::lower)
}

fn m_casefold(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    mapped(s, args, kw, "str.casefold", unichar::casefold)
}

fn m_swapcase(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    mapped(s, args, kw, "str.swapcase", unichar::swapcase)
}

fn m_title(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    mapped(s, args, kw, "str.title", unichar::title)
}

fn m_capitalize(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    mapped(s, args, kw, "str.capitalize", unichar::capitalize)
}

fn predicate(
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    f: impl Fn(&str) -> bool,
) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 0, 0)?;
    Ok(Value::Bool(f(this(s)?)))
}

fn all_chars(t: &str, f: impl Fn(char) -> bool) -> bool {
    !t.is_empty() && t.chars().all(f)
}

fn m_isdigit(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isdigit", |t| all_chars(t, unichar::is_digit))
}

fn m_isdecimal(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isdecimal", |t| {
        all_chars(t, |c| taipan_bytecode::pyrepr::decimal_value(c).is_some())
    })
}

fn m_isnumeric(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isnumeric", |t| {
        all_chars(t, unichar::is_numeric)
    })
}

fn m_isalpha(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isalpha", |t| all_chars(t, unichar::is_alpha))
}

fn m_isalnum(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isalnum", |t| all_chars(t, unichar::is_alnum))
}

fn m_isspace(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isspace", |t| all_chars(t, is_space))
}

fn m_isupper(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isupper", unichar::is_upper_str)
}

fn m_islower(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "islower", unichar::is_lower_str)
}

fn m_istitle(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "istitle", unichar::is_titled)
}

fn m_isascii(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isascii", str::is_ascii)
}

fn m_isidentifier(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isidentifier", |t| {
        let mut cs = t.chars();
        match cs.next() {
            Some(c) if pyrepr::is_id_start(c) => cs.all(pyrepr::is_id_continue),
            _ => false,
        }
    })
}

fn m_isprintable(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    predicate(s, args, kw, "isprintable", |t| {
        t.chars().all(|c| crate::pyrepr::is_printable(c as u32))
    })
}

/// width and fill character of center/ljust/rjust.
fn pad_args(args: &[Value], name: &str) -> PyResult<(usize, char)> {
    arity(name, args, 1, 2)?;
    let width = match int_of(&args[0]) {
        Some(IntVal::Small(w)) => w.max(0) as usize,
        _ => return crate::protocol::ops::not_an_integer(&args[0]),
    };
    let fill = match args.get(1) {
        None => ' ',
        Some(v) => {
            let t = as_str(v).unwrap_or_default();
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return raise(
                        ExcKind::TypeError,
                        "The fill character must be exactly one character long",
                    )
                }
            }
        }
    };
    Ok((width, fill))
}

/// `k` copies of `c`, or MemoryError when that much cannot be had (a
/// Python program may ask for any width; the process must not abort).
pub fn filled(c: char, k: usize) -> PyResult<String> {
    let bytes = k.checked_mul(c.len_utf8());
    let mut s = String::new();
    match bytes {
        Some(n) if crate::protocol::ops::fits_in_memory(n) && s.try_reserve_exact(n).is_ok() => {
            s.extend(std::iter::repeat_n(c, k));
            Ok(s)
        }
        _ => raise(ExcKind::MemoryError, ""),
    }
}

fn padded(s: Option<&Value>, args: &[Value], kw: Kw<'_>, name: &str) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    let text = this(s)?;
    let (width, fill) = pad_args(args, name)?;
    let n = text.chars().count();
    if n >= width {
        return Ok(new_str(text));
    }
    let total = width - n;
    let (left, right) = match name {
        "ljust" => (0, total),
        "rjust" => (total, 0),
        // CPython's centring puts the odd character on the left when the
        // width is odd and the text even.
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    Ok(new_str(format!(
        "{}{text}{}",
        filled(fill, left)?,
        filled(fill, right)?
    )))
}

fn m_center(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    padded(s, args, kw, "center")
}

fn m_ljust(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    padded(s, args, kw, "ljust")
}

fn m_rjust(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    padded(s, args, kw, "rjust")
}

fn m_zfill(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("zfill", kw)?;
    arity("zfill", args, 1, 1)?;
    let text = this(s)?;
    let width = match int_of(&args[0]) {
        Some(IntVal::Small(w)) => w.max(0) as usize,
        _ => return raise(ExcKind::TypeError, "an integer is required"),
    };
    let n = text.chars().count();
    if n >= width {
        return Ok(new_str(text));
    }
    let zeros = filled('0', width - n)?;
    Ok(new_str(match text.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &text[..1]),
        None => format!("{zeros}{text}"),
    }))
}

fn partition_impl(
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    right: bool,
) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 1, 1)?;
    let text = this(s)?;
    let sep = str_arg(&args[0], "must be str, not")?;
    if sep.is_empty() {
        return raise(ExcKind::ValueError, "empty separator");
    }
    let found = if right {
        text.rfind(sep)
    } else {
        text.find(sep)
    };
    let parts = match found {
        Some(i) => [&text[..i], sep, &text[i + sep.len()..]],
        None if right => ["", "", text],
        None => [text, "", ""],
    };
    Ok(new_tuple(parts.iter().map(|p| new_str(*p)).collect()))
}

fn m_partition(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    partition_impl(s, args, kw, "partition", false)
}

fn m_rpartition(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    partition_impl(s, args, kw, "rpartition", true)
}

fn m_removeprefix(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("removeprefix", kw)?;
    arity("removeprefix", args, 1, 1)?;
    let text = this(s)?;
    let p = str_arg(&args[0], "removeprefix() argument")?;
    Ok(new_str(text.strip_prefix(p).unwrap_or(text)))
}

fn m_removesuffix(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("removesuffix", kw)?;
    arity("removesuffix", args, 1, 1)?;
    let text = this(s)?;
    let p = str_arg(&args[0], "removesuffix() argument")?;
    Ok(new_str(text.strip_suffix(p).unwrap_or(text)))
}

fn m_expandtabs(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::bind_args("expandtabs", &["tabsize"], args, kw)?;
    let size = match args
        .first()
        .or_else(|| kw.iter().find(|(k, _)| &**k == "tabsize").map(|(_, v)| v))
    {
        None => 8,
        Some(v) => match int_of(v) {
            // The tab size is a C int in CPython.
            Some(IntVal::Small(n)) if i32::try_from(n).is_ok() => n,
            Some(_) => {
                return raise(
                    ExcKind::OverflowError,
                    "Python int too large to convert to C int",
                )
            }
            _ => return raise(ExcKind::TypeError, "an integer is required"),
        },
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in this(s)?.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let k = size - col % size;
                    out.push_str(&filled(' ', k as usize)?);
                    col += k;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(new_str(out))
}

fn m_encode(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    this(s)?;
    let Some(text) = s.and_then(crate::object::heap::as_pystr) else {
        return raise(ExcKind::TypeError, "descriptor requires a 'str' object");
    };
    let a = crate::object::args::bind_args("encode", &["encoding", "errors"], args, kw)?;
    let arg = |v: &Option<Value>, what: &str, default: &str| -> PyResult<String> {
        match v {
            None => Ok(default.to_string()),
            Some(v) => match as_str(v) {
                Some(s) => Ok(s.to_string()),
                None => raise(
                    ExcKind::TypeError,
                    format!(
                        "encode() argument '{what}' must be str, not {}",
                        type_name(v)
                    ),
                ),
            },
        }
    };
    let encoding = arg(&a[0], "encoding", "utf-8")?;
    let errors = arg(&a[1], "errors", "strict")?;
    encode_as(vm, text, &encoding, &errors)
}

/// `text.encode(encoding, errors)`: UTF-8, ASCII and Latin-1 here, any
/// other codec through the codec registry (`codecs.encode`).
pub fn encode_as(vm: &mut Vm, text: &PyStr, encoding: &str, errors: &str) -> PyResult<Value> {
    let norm = encoding.to_ascii_lowercase().replace('_', "-");
    let (codec, limit) = match norm.as_str() {
        "utf-8" | "utf8" | "u8" => ("utf-8", None),
        "ascii" | "us-ascii" => ("ascii", Some(0x80)),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => ("latin-1", Some(0x100)),
        _ => {
            let info = crate::types::text_codecs::lookup_codec(vm, encoding)?;
            let f = crate::protocol::getitem(vm, &info, &Value::Int(0))?;
            let text = Value::obj(NewObject::Str(PyStr::derived(
                text.text.clone(),
                text.selector(),
            )));
            let r = crate::protocol::call(vm, &f, &[text, new_str(errors)], &[])?;
            let out = crate::protocol::getitem(vm, &r, &Value::Int(0))?;
            if !matches!(out.as_obj(), Some(Object::Bytes(_))) {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                        type_name(&out)
                    ),
                );
            }
            return Ok(out);
        }
    };
    let bytes = crate::types::text_codecs::encode_str(text, codec, limit, errors)?;
    Ok(Value::obj(NewObject::Bytes(bytes)))
}

// ---- str.format ---------------------------------------------------------

fn m_format(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let template = this(s)?.to_string();
    let mut auto = 0usize;
    let mut manual = false;
    format_template(vm, &template, args, kw, None, &mut auto, &mut manual, 2)
}

/// `str.format_map(mapping)`: named fields looked up in `mapping` (so a
/// dict subclass's `__missing__` answers), no positional fields.
fn m_format_map(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("format_map", kw)?;
    arity("format_map", args, 1, 1)?;
    let template = this(s)?.to_string();
    let mut auto = 0usize;
    let mut manual = false;
    format_template(
        vm,
        &template,
        &[],
        &[],
        Some(&args[0]),
        &mut auto,
        &mut manual,
        2,
    )
}

/// Expands `{field!conv:spec}` replacement fields; `depth` bounds nested
/// fields inside specs (CPython allows one level).
#[allow(clippy::too_many_arguments)]
fn format_template(
    vm: &mut Vm,
    template: &str,
    args: &[Value],
    kw: Kw<'_>,
    map: Option<&Value>,
    auto: &mut usize,
    manual: &mut bool,
    depth: u32,
) -> PyResult<Value> {
    let mut out = String::new();
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return raise(
                ExcKind::ValueError,
                "Single '}' encountered in format string",
            );
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching close brace (specs may nest one level).
        let mut j = i + 1;
        let mut level = 1;
        while j < chars.len() {
            match chars[j] {
                '{' => level += 1,
                '}' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return raise(ExcKind::ValueError, "expected '}' before end of string");
        }
        let field: String = chars[i + 1..j].iter().collect();
        i = j + 1;
        if depth == 0 {
            return raise(ExcKind::ValueError, "Max string recursion exceeded");
        }
        let (name_part, rest) = match field.find(['!', ':']) {
            Some(k) => (&field[..k], &field[k..]),
            None => (field.as_str(), ""),
        };
        let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
            let mut cs = r.chars();
            let conv = cs.next();
            if conv.is_none() {
                // CPython's parser runs off the field looking for the
                // conversion character.
                return raise(ExcKind::ValueError, "unmatched '{' in format spec");
            }
            let after: String = cs.collect();
            match after.strip_prefix(':') {
                Some(spec) => (conv, spec.to_string()),
                None if after.is_empty() => (conv, String::new()),
                None => {
                    return raise(
                        ExcKind::ValueError,
                        "expected ':' after conversion specifier",
                    )
                }
            }
        } else {
            (None, rest.strip_prefix(':').unwrap_or("").to_string())
        };
        let value = field_value(vm, name_part, args, kw, map, auto, manual)?;
        let value = match conv {
            None => value,
            Some('r') => new_str(crate::protocol::repr::repr(vm, &value)?),
            Some('s') => new_str(crate::protocol::repr::str_of(vm, &value)?),
            Some('a') => new_str(crate::protocol::format::ascii(vm, &value)?),
            Some(c) => {
                return raise(
                    ExcKind::ValueError,
                    format!("Unknown conversion specifier {c}"),
                )
            }
        };
        let spec = if spec.contains('{') {
            let expanded = format_template(vm, &spec, args, kw, map, auto, manual, depth - 1)?;
            as_str(&expanded).unwrap_or_default().to_string()
        } else {
            spec
        };
        out.push_str(&crate::protocol::format::format_value(vm, &value, &spec)?);
    }
    Ok(new_str(out))
}

/// The argument a field name (`0`, `name`, `0.attr`, `name[key]`, or empty
/// for the next positional one) refers to.
fn field_value(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
    map: Option<&Value>,
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let positional = first.is_empty() || first.parse::<usize>().is_ok();
    let mut value = if let (Some(m), false) = (map, positional) {
        crate::protocol::getitem(vm, m, &new_str(first))?
    } else if map.is_some() {
        return raise(
            ExcKind::ValueError,
            "Format string contains positional fields",
        );
    } else if first.is_empty() {
        if *manual {
            return raise(
                ExcKind::ValueError,
                "cannot switch from manual field specification to automatic field numbering",
            );
        }
        let k = *auto;
        *auto += 1;
        args.get(k).cloned().ok_or_else(|| {
            PyErr::new(
                ExcKind::IndexError,
                format!("Replacement index {k} out of range for positional args tuple"),
            )
        })?
    } else if let Ok(k) = first.parse::<usize>() {
        if *auto > 0 {
            return raise(
                ExcKind::ValueError,
                "cannot switch from automatic field numbering to manual field specification",
            );
        }
        *manual = true;
        args.get(k).cloned().ok_or_else(|| {
            PyErr::new(
                ExcKind::IndexError,
                format!("Replacement index {k} out of range for positional args tuple"),
            )
        })?
    } else {
        match kw.iter().find(|(k, _)| &**k == first) {
            Some((_, v)) => v.clone(),
            None => {
                return Err(PyErr::with_args(ExcKind::KeyError, vec![new_str(first)]));
            }
        }
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return raise(ExcKind::ValueError, "Empty attribute in format string");
            }
            value = crate::protocol::getattr(vm, &value, &r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return raise(ExcKind::ValueError, "Missing ']' in format string");
            };
            let key = &r[..end];
            let index = match key.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => new_str(key),
            };
            value = crate::protocol::getitem(vm, &value, &index)?;
            rest = &r[end + 1..];
        } else {
            return raise(
                ExcKind::ValueError,
                "Only '.' or '[' may follow ']' in format field specifier",
            );
        }
    }
    Ok(value)
}
