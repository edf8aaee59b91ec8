//! `_sre`: the regular-expression engine under CPython 3.11's `re`
//! package. `re._compiler` turns a pattern into the bytecode of CPython's
//! SRE engine and calls `_sre.compile`; the bytecode runs on
//! `rustpython-sre_engine`, which implements the same machine (3.11's
//! opcode tables, `MAGIC` 20220615). This file holds the module, the
//! `re.Pattern` type and its operations (match, search, findall,
//! finditer, sub, split); `sre_match` holds `re.Match` and the scanner.

use crate::object::args::arity;
use crate::object::classes::is_callable;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, new_str, new_tuple, type_name, NewObject, Object};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use rustpython_sre_engine::{Request, State, StrDrive};
use std::rc::Rc;

pub(crate) type Kw<'a> = &'a [(Rc<str>, Value)];

/// CPython 3.11's `_sre.MAGIC`: the bytecode version `re._compiler` makes.
const MAGIC: i64 = 20220615;

/// A compiled pattern (`re.Pattern`).
pub struct Pattern {
    /// The source (`str` or `bytes`).
    pub pattern: Value,
    pub flags: i64,
    pub code: Vec<u32>,
    /// The number of capturing groups.
    pub groups: usize,
    /// Group name -> number (a dict).
    pub groupindex: Value,
    /// Group number -> name or None (a tuple).
    pub indexgroup: Value,
    /// A bytes pattern (it matches bytes-like subjects only).
    pub is_bytes: bool,
}

impl NativeData for Pattern {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_values([&self.pattern, &self.groupindex, &self.indexgroup], visit);
    }
}

/// Where a successful match lies: the span of each group (group 0 the
/// whole match; `(-1, -1)` for a group that did not take part) and the
/// last group that closed.
pub struct Found {
    pub regs: Vec<(isize, isize)>,
    pub lastindex: isize,
}

/// The text a pattern runs over, borrowed from the subject.
pub(crate) enum Text<'a> {
    /// Bytes, or a str that is ASCII (one byte per character).
    Bytes(&'a [u8]),
    /// A str with non-ASCII characters.
    Str(&'a str),
}

impl Text<'_> {
    pub(crate) fn len(&self) -> usize {
        match self {
            Text::Bytes(b) => b.len(),
            Text::Str(s) => s.chars().count(),
        }
    }
}

/// The subject of a match, as bytes held here when they cannot be
/// borrowed (a bytearray or memoryview).
pub(crate) struct Subject {
    owned: Option<Vec<u8>>,
}

/// Reads `string` as the text pattern `p` runs over (TypeError for the
/// wrong kind of subject).
pub(crate) fn with_text<R>(
    p: &Pattern,
    string: &Value,
    f: impl FnOnce(&Text<'_>) -> PyResult<R>,
) -> PyResult<R> {
    let unwrapped = crate::object::instance::unwrap(string);
    if let Some(Object::Str(s)) = unwrapped.as_obj() {
        if p.is_bytes {
            return raise(
                ExcKind::TypeError,
                "cannot use a bytes pattern on a string-like object",
            );
        }
        let text = if s.is_ascii() {
            Text::Bytes(s.text.as_bytes())
        } else {
            Text::Str(&s.text)
        };
        return f(&text);
    }
    let subject = match unwrapped.as_obj() {
        Some(Object::Bytes(b)) => {
            if !p.is_bytes {
                return raise(
                    ExcKind::TypeError,
                    "cannot use a string pattern on a bytes-like object",
                );
            }
            return f(&Text::Bytes(b));
        }
        _ => Subject {
            owned: crate::types::bytes::bytes_of(unwrapped),
        },
    };
    match subject.owned {
        Some(bytes) if p.is_bytes => f(&Text::Bytes(&bytes)),
        Some(_) => raise(
            ExcKind::TypeError,
            "cannot use a string pattern on a bytes-like object",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "expected string or bytes-like object, got '{}'",
                type_name(string)
            ),
        ),
    }
}

/// Runs the engine: a match anchored at `start` (`fullmatch` when
/// `match_all`), or a search from `start`; with `must_advance`, an empty
/// match at `start` does not count.
pub(crate) fn run(
    p: &Pattern,
    text: &Text<'_>,
    start: usize,
    end: usize,
    search: bool,
    match_all: bool,
    must_advance: bool,
) -> PyResult<Option<Found>> {
    fn go<S: StrDrive>(
        s: S,
        p: &Pattern,
        start: usize,
        end: usize,
        search: bool,
        match_all: bool,
        must_advance: bool,
    ) -> Option<Found> {
        let mut req = Request::new(s, start, end, &p.code, match_all);
        req.must_advance = must_advance;
        let mut state = State::default();
        let found = if search {
            state.search(req)
        } else {
            state.py_match(&req)
        };
        if !found {
            return None;
        }
        let mut regs = Vec::with_capacity(p.groups + 1);
        regs.push((state.start as isize, state.cursor.position as isize));
        for g in 0..p.groups {
            let (a, b) = state.marks.get(g);
            regs.push(match (a.into_option(), b.into_option()) {
                (Some(a), Some(b)) => (a as isize, b as isize),
                _ => (-1, -1),
            });
        }
        Some(Found {
            regs,
            lastindex: state.marks.last_index(),
        })
    }
    // The engine trusts its bytecode; code that breaks its invariants
    // (only `_sre.compile` called by hand can make such code) is
    // CPython's RuntimeError, not a crash.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match text {
        Text::Bytes(b) => go(*b, p, start, end, search, match_all, must_advance),
        Text::Str(s) => go(*s, p, start, end, search, match_all, must_advance),
    }));
    match result {
        Ok(found) => Ok(found),
        Err(_) => raise(
            ExcKind::RuntimeError,
            "internal error in regular expression engine",
        ),
    }
}

/// The pattern of a `re.Pattern` object.
pub(crate) fn pattern_of(v: &Value) -> PyResult<&Pattern> {
    match data_of::<Pattern>(v) {
        Some(p) => Ok(p),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 're.Pattern' object but received a '{}'",
                type_name(v)
            ),
        ),
    }
}

/// An index argument (`pos`, `endpos`, `count`, `maxsplit`), clamped to
/// the machine range.
pub(crate) fn index_arg(v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => match int_of(v) {
            Some(IntVal::Small(i)) => Ok(i),
            Some(IntVal::Big(b)) => Ok(if num_traits::Signed::is_negative(b) {
                i64::MIN
            } else {
                i64::MAX
            }),
            None => crate::protocol::ops::not_an_integer(v),
        },
    }
}

/// `pos` and `endpos` made to lie within a subject of `len` characters.
pub(crate) fn bounds(pos: i64, endpos: i64, len: usize) -> (usize, usize) {
    let clamp = |x: i64| x.clamp(0, len as i64) as usize;
    (clamp(pos), clamp(endpos))
}

/// `string[a:b]`, of whatever type the subject is.
pub(crate) fn slice(vm: &mut Vm, string: &Value, a: isize, b: isize) -> PyResult<Value> {
    let s = Value::obj(NewObject::Slice {
        start: Value::Int(a as i64),
        stop: Value::Int(b as i64),
        step: Value::None,
    });
    let base = crate::object::instance::unwrap(string).clone();
    let piece = crate::protocol::getitem(vm, &base, &s)?;
    // A bytearray or memoryview subject gives bytes, as CPython's
    // `getslice`.
    Ok(match piece.as_obj() {
        Some(Object::ByteArray(b)) => Value::obj(NewObject::Bytes(b.borrow().clone())),
        Some(Object::MemoryView(m)) => Value::obj(NewObject::Bytes(m.bytes())),
        _ => piece,
    })
}

fn is_bytes_like(v: &Value) -> bool {
    matches!(
        crate::object::instance::unwrap(v).as_obj(),
        Some(Object::Bytes(_) | Object::ByteArray(_) | Object::MemoryView(_))
    )
}

// ---- the module ---------------------------------------------------------

/// The `_sre` module.
pub fn module() -> Value {
    make_module(
        "_sre",
        vec![
            ("MAGIC", Value::Int(MAGIC)),
            (
                "CODESIZE",
                Value::Int(rustpython_sre_engine::CODESIZE as i64),
            ),
            (
                "MAXREPEAT",
                Value::Int(rustpython_sre_engine::MAXREPEAT as i64),
            ),
            (
                "MAXGROUPS",
                Value::Int(rustpython_sre_engine::MAXGROUPS as i64),
            ),
            (
                "copyright",
                new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
            ),
            ("compile", builtin_fn("compile", sre_compile)),
            (
                "getcodesize",
                builtin_fn("getcodesize", |_, _, _, _| Ok(Value::Int(4))),
            ),
            ("ascii_iscased", builtin_fn("ascii_iscased", ascii_iscased)),
            (
                "unicode_iscased",
                builtin_fn("unicode_iscased", unicode_iscased),
            ),
            ("ascii_tolower", builtin_fn("ascii_tolower", ascii_tolower)),
            (
                "unicode_tolower",
                builtin_fn("unicode_tolower", unicode_tolower),
            ),
        ],
    )
}

fn char_arg(name: &str, args: &[Value]) -> PyResult<u32> {
    arity(name, args, 1, 1)?;
    match int_of(&args[0]) {
        Some(IntVal::Small(c)) => Ok(c.clamp(0, u32::MAX as i64) as u32),
        _ => crate::protocol::ops::not_an_integer(&args[0]),
    }
}

fn ascii_iscased(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = char_arg("ascii_iscased", args)?;
    Ok(Value::Bool(c < 128 && (c as u8).is_ascii_alphabetic()))
}

fn unicode_iscased(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = char_arg("unicode_iscased", args)?;
    use rustpython_sre_engine::string::{lower_unicode, upper_unicode};
    Ok(Value::Bool(c != lower_unicode(c) || c != upper_unicode(c)))
}

fn ascii_tolower(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = char_arg("ascii_tolower", args)?;
    Ok(Value::Int(
        rustpython_sre_engine::string::lower_ascii(c) as i64
    ))
}

fn unicode_tolower(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = char_arg("unicode_tolower", args)?;
    Ok(Value::Int(
        rustpython_sre_engine::string::lower_unicode(c) as i64
    ))
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn sre_compile(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = crate::object::args::bind_args(
        "compile",
        &[
            "pattern",
            "flags",
            "code",
            "groups",
            "groupindex",
            "indexgroup",
        ],
        args,
        kw,
    )?;
    let [Some(pattern), Some(flags), Some(code), Some(groups), Some(groupindex), Some(indexgroup)] =
        <[Option<Value>; 6]>::try_from(a).unwrap_or_default()
    else {
        return raise(ExcKind::TypeError, "compile() missing required argument");
    };
    let mut words = Vec::new();
    for c in crate::protocol::to_vec(vm, &code)? {
        match int_of(&c) {
            Some(IntVal::Small(w)) if (0..=u32::MAX as i64).contains(&w) => words.push(w as u32),
            _ => {
                return raise(
                    ExcKind::OverflowError,
                    "regular expression code size limit exceeded",
                )
            }
        }
    }
    let is_bytes = !matches!(pattern, Value::None) && is_bytes_like(&pattern);
    let groups = index_arg(Some(&groups), 0)?.max(0) as usize;
    // `groupindex` is kept as a dict copy; `.groupindex` shows it read-only.
    let gi = crate::object::classes::new_dict_obj();
    if let (Some(Object::Dict(src)), Object::Dict(dst)) = (groupindex.as_obj(), gi.get()) {
        let items: Vec<(Value, Value)> = src
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            dst.borrow_mut().set(k, v)?;
        }
    }
    let p = Pattern {
        pattern,
        flags: index_arg(Some(&flags), 0)?,
        code: words,
        groups,
        groupindex: Value::Obj(gi),
        indexgroup,
        is_bytes,
    };
    Ok(crate::object::native::new(pattern_class(), p))
}

// ---- re.Pattern ---------------------------------------------------------

/// The class `re.Pattern`.
pub fn pattern_class() -> Value {
    crate::object::builtin_types::kept_by_name("re.Pattern", || {
        let getter = crate::object::native::property;
        let mut attrs: Vec<(&str, Value)> = [
            ("match", p_match as crate::object::heap::BuiltinFn),
            ("fullmatch", p_fullmatch),
            ("search", p_search),
            ("findall", p_findall),
            ("finditer", p_finditer),
            ("scanner", p_scanner),
            ("sub", p_sub),
            ("subn", p_subn),
            ("split", p_split),
            ("__repr__", p_repr),
            ("__eq__", p_eq),
            ("__hash__", p_hash),
            ("__copy__", p_copy),
            ("__deepcopy__", p_copy),
        ]
        .into_iter()
        .map(|(n, f)| (n, builtin_fn(n, f)))
        .collect();
        attrs.push(getter("pattern", |_, s, a, _| {
            Ok(pattern_of(crate::object::args::receiver(s, a)?.0)?
                .pattern
                .clone())
        }));
        attrs.push(getter("flags", |_, s, a, _| {
            Ok(Value::Int(
                pattern_of(crate::object::args::receiver(s, a)?.0)?.flags,
            ))
        }));
        attrs.push(getter("groups", |_, s, a, _| {
            Ok(Value::Int(
                pattern_of(crate::object::args::receiver(s, a)?.0)?.groups as i64,
            ))
        }));
        attrs.push(getter("groupindex", |_, s, a, _| {
            Ok(crate::types::mapping_proxy::new_proxy(
                pattern_of(crate::object::args::receiver(s, a)?.0)?
                    .groupindex
                    .clone(),
            ))
        }));
        attrs.push((
            "__class_getitem__",
            Value::obj(NewObject::ClassMethod(builtin_fn(
                "__class_getitem__",
                crate::types::generic_alias::class_getitem,
            ))),
        ));
        crate::object::native::class("re", "Pattern", attrs)
    })
}

/// The pattern, subject, pos and endpos of `match`/`search`/… calls.
fn subject_args<'a>(
    what: &str,
    s: Option<&'a Value>,
    args: &'a [Value],
    kw: Kw<'_>,
) -> PyResult<(&'a Value, Value, i64, i64)> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let a = crate::object::args::bind_args(what, &["string", "pos", "endpos"], rest, kw)?;
    let Some(string) = a[0].clone() else {
        return raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument 'string' (pos 1)"),
        );
    };
    let pos = index_arg(a[1].as_ref(), 0)?;
    let endpos = index_arg(a[2].as_ref(), i64::MAX)?;
    Ok((r, string, pos, endpos))
}

fn match_kind(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    what: &str,
    search: bool,
    all: bool,
) -> PyResult<Value> {
    let (r, string, pos, endpos) = subject_args(what, s, args, kw)?;
    let p = pattern_of(r)?;
    let found = with_text(p, &string, |t| {
        let (start, end) = bounds(pos, endpos, t.len());
        run(p, t, start, end, search, all, false).map(|f| (f, start, end))
    })?;
    match found {
        (Some(f), start, end) => Ok(crate::modules::sre_match::new_match(
            r, &string, start, end, f,
        )),
        (None, ..) => {
            let _ = vm;
            Ok(Value::None)
        }
    }
}

fn p_match(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    match_kind(vm, s, args, kw, "match", false, false)
}

fn p_fullmatch(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    match_kind(vm, s, args, kw, "fullmatch", false, true)
}

fn p_search(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    match_kind(vm, s, args, kw, "search", true, false)
}

/// Every non-overlapping match from `start` to `end` (at most `limit`),
/// as CPython's loops find them: after an empty match the next one must
/// advance.
pub(crate) fn all_matches(
    p: &Pattern,
    t: &Text<'_>,
    start: usize,
    end: usize,
    limit: usize,
) -> PyResult<Vec<Found>> {
    let mut out = Vec::new();
    let mut at = start;
    let mut must_advance = false;
    while at <= end && (limit == 0 || out.len() < limit) {
        let Some(f) = run(p, t, at, end, true, false, must_advance)? else {
            break;
        };
        let (b, e) = f.regs[0];
        must_advance = b == e;
        at = e as usize;
        out.push(f);
    }
    Ok(out)
}

fn p_findall(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, string, pos, endpos) = subject_args("findall", s, args, kw)?;
    let p = pattern_of(r)?;
    let found = with_text(p, &string, |t| {
        let (start, end) = bounds(pos, endpos, t.len());
        all_matches(p, t, start, end, 0)
    })?;
    let mut items = Vec::with_capacity(found.len());
    for f in found {
        let piece = |vm: &mut Vm, g: usize| -> PyResult<Value> {
            let (a, b) = f.regs[g];
            if a < 0 {
                slice(vm, &string, 0, 0)
            } else {
                slice(vm, &string, a, b)
            }
        };
        items.push(match p.groups {
            0 => piece(vm, 0)?,
            1 => piece(vm, 1)?,
            n => {
                let mut t = Vec::with_capacity(n);
                for g in 1..=n {
                    t.push(piece(vm, g)?);
                }
                new_tuple(t)
            }
        });
    }
    Ok(new_list(items))
}

fn p_scanner(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, string, pos, endpos) = subject_args("scanner", s, args, kw)?;
    crate::modules::sre_match::new_scanner(r, string, pos, endpos)
}

fn p_finditer(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let scanner = p_scanner(vm, s, args, kw)?;
    let search = crate::protocol::getattr(vm, &scanner, "search")?;
    Ok(Value::obj(NewObject::Lazy(std::cell::RefCell::new(
        crate::object::payloads::LazyIter::Call {
            func: search,
            sentinel: Value::None,
        },
    ))))
}

fn p_sub(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (result, _) = subx(vm, "sub", s, args, kw)?;
    Ok(result)
}

fn p_subn(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (result, n) = subx(vm, "subn", s, args, kw)?;
    Ok(new_tuple(vec![result, Value::Int(n as i64)]))
}

/// `sub`/`subn`, as CPython's `pattern_subx`: a callable replacement is
/// called with each match; a template with backslashes goes through
/// `re._subx` (which parses it once); anything else is literal.
fn subx(
    vm: &mut Vm,
    what: &str,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<(Value, usize)> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let a = crate::object::args::bind_args(what, &["repl", "string", "count"], rest, kw)?;
    let (Some(repl), Some(string)) = (a[0].clone(), a[1].clone()) else {
        return raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument"),
        );
    };
    let count = index_arg(a[2].as_ref(), 0)?.max(0) as usize;
    let p = pattern_of(r)?;
    let mut filter = repl.clone();
    let mut call = is_callable(&repl);
    if !call {
        let has_escape = match crate::object::instance::unwrap(&repl).as_obj() {
            Some(Object::Str(t)) => t.text.contains('\\'),
            _ => crate::types::bytes::bytes_of(&repl).is_some_and(|b| b.contains(&b'\\')),
        };
        if has_escape {
            let re = crate::protocol::import(vm, "re")?;
            let subx = crate::protocol::getattr(vm, &re, "_subx")?;
            filter = crate::protocol::call(vm, &subx, &[r.clone(), repl.clone()], &[])?;
            call = is_callable(&filter);
        }
    }
    let found = with_text(p, &string, |t| all_matches(p, t, 0, t.len(), count))?;
    let n = found.len();
    let mut pieces = Vec::with_capacity(2 * n + 1);
    let mut last = 0isize;
    for f in found {
        let (b, e) = f.regs[0];
        if last < b {
            pieces.push(slice(vm, &string, last, b)?);
        }
        if call {
            let m = crate::modules::sre_match::new_match(r, &string, 0, usize::MAX, f);
            let item = crate::protocol::call(vm, &filter, &[m], &[])?;
            if !matches!(item, Value::None) {
                pieces.push(item);
            }
        } else {
            pieces.push(filter.clone());
        }
        last = e;
    }
    let tail_end = with_text(p, &string, |t| Ok(t.len() as isize))?;
    if last < tail_end {
        pieces.push(slice(vm, &string, last, tail_end)?);
    }
    let empty = slice(vm, &string, 0, 0)?;
    let join = crate::protocol::getattr(vm, &empty, "join")?;
    let joined = crate::protocol::call(vm, &join, &[new_list(pieces)], &[])?;
    Ok((joined, n))
}

fn p_split(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let a = crate::object::args::bind_args("split", &["string", "maxsplit"], rest, kw)?;
    let Some(string) = a[0].clone() else {
        return raise(
            ExcKind::TypeError,
            "split() missing required argument 'string' (pos 1)",
        );
    };
    let maxsplit = index_arg(a[1].as_ref(), 0)?.max(0) as usize;
    let p = pattern_of(r)?;
    let (found, len) = with_text(p, &string, |t| {
        Ok((all_matches(p, t, 0, t.len(), maxsplit)?, t.len()))
    })?;
    let mut out = Vec::new();
    let mut last = 0isize;
    for f in found {
        let (b, e) = f.regs[0];
        out.push(slice(vm, &string, last, b)?);
        for g in 1..=p.groups {
            let (x, y) = f.regs[g];
            out.push(if x < 0 {
                Value::None
            } else {
                slice(vm, &string, x, y)?
            });
        }
        last = e;
    }
    out.push(slice(vm, &string, last, len as isize)?);
    Ok(new_list(out))
}

/// The flag names `repr` spells out, in CPython's order.
const FLAG_NAMES: &[(i64, &str)] = &[
    (1, "re.TEMPLATE"),
    (2, "re.IGNORECASE"),
    (4, "re.LOCALE"),
    (8, "re.MULTILINE"),
    (16, "re.DOTALL"),
    (32, "re.UNICODE"),
    (64, "re.VERBOSE"),
    (128, "re.DEBUG"),
    (256, "re.ASCII"),
];

fn p_repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let p = pattern_of(crate::object::args::receiver(s, args)?.0)?;
    let mut text = crate::protocol::repr::repr(vm, &p.pattern)?;
    if text.chars().count() > 200 {
        text = text.chars().take(200).collect();
    }
    let mut flags = p.flags;
    // A str pattern is Unicode by default: not worth saying.
    if !p.is_bytes && flags & (32 | 4 | 256) == 32 {
        flags &= !32;
    }
    if flags == 0 {
        return Ok(new_str(format!("re.compile({text})")));
    }
    let mut names = Vec::new();
    for (bit, name) in FLAG_NAMES {
        if flags & bit != 0 {
            names.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        names.push(format!("{flags:#x}"));
    }
    Ok(new_str(format!("re.compile({text}, {})", names.join("|"))))
}

fn p_eq(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let a = pattern_of(r)?;
    let Some(b) = rest.first().and_then(data_of::<Pattern>) else {
        return Ok(crate::object::classes::not_implemented());
    };
    let same = a.flags == b.flags
        && a.is_bytes == b.is_bytes
        && a.code == b.code
        && crate::protocol::compare_bool(
            vm,
            taipan_bytecode::opcode::CompareOp::Eq,
            &a.pattern,
            &b.pattern,
        )?;
    Ok(Value::Bool(same))
}

fn p_hash(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let p = pattern_of(crate::object::args::receiver(s, args)?.0)?;
    let h = crate::object::dict::hash_value(&p.pattern)?;
    Ok(Value::Int(h ^ p.flags))
}

fn p_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(crate::object::args::receiver(s, args)?.0.clone())
}
