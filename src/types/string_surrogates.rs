//! The methods of `str` on strs that hold lone surrogates.
//!
//! Such a str stores its surrogates as stand-in characters of a block it
//! records (`object::surrogates`); the methods of `types::string` work on
//! the text, stand-ins included, and give the right answer as long as
//! every str taking part uses the same block. `call` sees to that — it
//! moves the strs of a call onto one block when they differ, or when an
//! ordinary str argument holds a genuine character of that block — and
//! marks the strs the method returns.

use crate::object::exceptions::PyResult;
use crate::object::heap::{as_pystr, new_list, new_tuple, BuiltinFn, NewObject, Object, PyStr};
use crate::object::surrogates::{free_selector, has_block_chars};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// Wraps a str method so that it runs through [`call`].
macro_rules! surrogate_aware {
    ($f:path) => {{
        fn wrapped(
            vm: &mut crate::vm::Vm,
            s: Option<&crate::object::value::Value>,
            args: &[crate::object::value::Value],
            kw: &[(std::rc::Rc<str>, crate::object::value::Value)],
        ) -> crate::object::exceptions::PyResult<crate::object::value::Value> {
            crate::types::string_surrogates::call(vm, s, args, kw, $f)
        }
        wrapped
    }};
}
pub(crate) use surrogate_aware;

/// The strs directly in `v`: itself, or the items of a tuple or list
/// (`startswith(("a", "b"))`, `'%s' % (x,)`). A dict's values are not
/// looked at: `translate` and `format_map` take large tables, and reading
/// them all at every call would cost more than the call (a surrogate
/// reaching a result through a dict comes out as its stand-in).
fn strs_in(v: &Value, mut each: impl FnMut(&PyStr)) {
    match v.as_obj() {
        Some(Object::Str(s)) => each(s),
        Some(Object::Tuple(items)) => items.iter().filter_map(as_pystr).for_each(each),
        Some(Object::List(items)) => items.borrow().iter().filter_map(as_pystr).for_each(each),
        Some(Object::Instance(_)) => {
            if let Some(s) = as_pystr(v) {
                each(s)
            }
        }
        _ => {}
    }
}

/// Calls the str method `f`; when a str taking part holds surrogates, on
/// strs that share one stand-in block, marking the strs it returns.
#[inline(always)]
pub(crate) fn call(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    f: BuiltinFn,
) -> PyResult<Value> {
    // The common call: no str taking part holds surrogates, and no
    // container argument needs looking into.
    if s.is_none_or(plain) && args.iter().all(plain) && kw.iter().all(|(_, v)| plain(v)) {
        return f(vm, s, args, kw);
    }
    call_shared(vm, s, args, kw, f)
}

/// Is `v` known to bring no surrogate into a str method call?
#[inline(always)]
fn plain(v: &Value) -> bool {
    match v.as_obj() {
        Some(Object::Str(p)) => p.selector() == 0,
        Some(Object::Tuple(_) | Object::List(_) | Object::Instance(_)) => false,
        _ => true,
    }
}

/// [`call`] when some str may hold surrogates.
#[inline(never)]
fn call_shared(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
    f: BuiltinFn,
) -> PyResult<Value> {
    let values = || s.into_iter().chain(args).chain(kw.iter().map(|(_, v)| v));
    match shared_block(values()) {
        Block::None => f(vm, s, args, kw),
        Block::Shared(sel) => Ok(mark(f(vm, s, args, kw)?, sel)),
        Block::Moved(sel) => {
            let s2 = s.map(|v| remap(v, sel));
            let args2: Vec<Value> = args.iter().map(|v| remap(v, sel)).collect();
            let kw2: Vec<(Rc<str>, Value)> =
                kw.iter().map(|(k, v)| (k.clone(), remap(v, sel))).collect();
            Ok(mark(f(vm, s2.as_ref(), &args2, &kw2)?, sel))
        }
    }
}

/// `template % args` for a str template.
pub(crate) fn percent(vm: &mut Vm, template: &Value, args: &Value) -> PyResult<Value> {
    let run = |vm: &mut Vm, t: &Value, a: &Value| -> PyResult<Value> {
        let text = crate::object::heap::as_str(t).unwrap_or_default();
        Ok(crate::object::heap::new_str(
            crate::protocol::format::percent(vm, text, a)?,
        ))
    };
    match shared_block([template, args].into_iter()) {
        Block::None => run(vm, template, args),
        Block::Shared(sel) => Ok(mark(run(vm, template, args)?, sel)),
        Block::Moved(sel) => {
            let r = run(vm, &remap(template, sel), &remap(args, sel))?;
            Ok(mark(r, sel))
        }
    }
}

/// Where the surrogates of the strs of an operation stand in.
enum Block {
    /// No str holds surrogates.
    None,
    /// In this block, for every str that holds any.
    Shared(u8),
    /// The strs must be moved to this block first.
    Moved(u8),
}

fn shared_block<'a>(values: impl Iterator<Item = &'a Value> + Clone) -> Block {
    let mut selector = 0u8;
    let mut mixed = false;
    for v in values.clone() {
        strs_in(v, |p| {
            let sel = p.selector();
            if sel != 0 {
                mixed |= selector != 0 && selector != sel;
                selector = sel;
            }
        });
    }
    if selector == 0 {
        return Block::None;
    }
    let mut conflict = mixed;
    if !conflict {
        for v in values.clone() {
            strs_in(v, |p| {
                conflict |= p.selector() == 0 && has_block_chars(&p.text, selector)
            });
        }
    }
    if !conflict {
        return Block::Shared(selector);
    }
    let mut texts = Vec::new();
    for v in values {
        strs_in(v, |p| texts.push(p.text.clone()));
    }
    match free_selector(texts.iter().map(String::as_str)) {
        Some(sel) => Block::Moved(sel),
        None => Block::None,
    }
}

/// `v` with its strs' stand-ins in `sel`'s block (a str, or the strs of
/// a tuple: what `strs_in` reads besides lists).
fn remap(v: &Value, sel: u8) -> Value {
    let moved = |i: &Value| -> Value {
        match as_pystr(i) {
            Some(p) if needs_remap(i, sel) => Value::obj(NewObject::Str(p.remapped(sel))),
            _ => i.clone(),
        }
    };
    match v.as_obj() {
        Some(Object::Tuple(items)) if items.iter().any(|i| needs_remap(i, sel)) => {
            new_tuple(items.iter().map(moved).collect())
        }
        _ => moved(v),
    }
}

fn needs_remap(v: &Value, sel: u8) -> bool {
    as_pystr(v).is_some_and(|p| p.selector() != 0 && p.selector() != sel)
}

/// The method's result with its new strs marked as holding `sel`'s
/// stand-ins.
fn mark(r: Value, sel: u8) -> Value {
    let one = |v: &Value| -> Option<Value> {
        match v.as_obj() {
            Some(Object::Str(p)) if p.selector() == 0 && has_block_chars(&p.text, sel) => Some(
                Value::obj(NewObject::Str(PyStr::derived(p.text.clone(), sel))),
            ),
            _ => None,
        }
    };
    if let Some(v) = one(&r) {
        return v;
    }
    match r.as_obj() {
        Some(Object::List(items)) => {
            let items = items.borrow();
            if items.iter().any(|i| one(i).is_some()) {
                return new_list(
                    items
                        .iter()
                        .map(|i| one(i).unwrap_or_else(|| i.clone()))
                        .collect(),
                );
            }
        }
        Some(Object::Tuple(items)) if items.iter().any(|i| one(i).is_some()) => {
            return new_tuple(
                items
                    .iter()
                    .map(|i| one(i).unwrap_or_else(|| i.clone()))
                    .collect(),
            );
        }
        _ => {}
    }
    r
}

/// A str of the strs `parts`, in order (`BUILD_STRING`, `join`).
pub fn concat_parts<'a>(
    parts: impl Iterator<Item = &'a PyStr> + Clone,
    sep: Option<&PyStr>,
) -> PyStr {
    let plain = sep.is_none_or(|s| s.selector() == 0) && parts.clone().all(|p| p.selector() == 0);
    if plain {
        let seps = sep.map_or(0, |s| {
            s.text.len() * parts.clone().count().saturating_sub(1)
        });
        let mut out =
            String::with_capacity(parts.clone().map(|p| p.text.len()).sum::<usize>() + seps);
        for (i, p) in parts.enumerate() {
            if i > 0 {
                if let Some(sep) = sep {
                    out.push_str(&sep.text);
                }
            }
            out.push_str(&p.text);
        }
        return PyStr::new(out);
    }
    let mut b = crate::object::surrogates::StrBuilder::new();
    for (i, p) in parts.enumerate() {
        if i > 0 {
            if let Some(sep) = sep {
                b.push_pystr(sep);
            }
        }
        b.push_pystr(p);
    }
    b.finish()
}
