//! The iterator types (`list_iterator`, `dict_keyiterator`, `map`, `zip`,
//! `enumerate`, `callable_iterator`, …): `__iter__` and `__next__` in
//! their dicts, so `iter(x).__next__` and `it.__iter__()` work as in
//! CPython (the interpreter itself reaches them through their slots), and
//! `__length_hint__` for the iterators over built-in containers.

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{IterState, Object, TypeKind};
use crate::object::value::Value;
use crate::protocol;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The iterators over built-in containers (`Object::Iter`, and
/// `reversed`'s).
const CONTAINER_ITERATORS: &[&str] = &[
    "list_iterator",
    "tuple_iterator",
    "str_ascii_iterator",
    "range_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "set_iterator",
    "bytes_iterator",
    "list_reverseiterator",
    "reversed",
];

/// The iterator combinators (`Object::Lazy`).
const COMBINATORS: &[&str] = &[
    "enumerate",
    "zip",
    "map",
    "filter",
    "callable_iterator",
    "iterator",
    "longrange_iterator",
];

/// The member tables of iterator type `t`, if it is one.
pub fn members(t: TypeKind) -> Option<&'static [&'static [Member]]> {
    let TypeKind::Iterator(name) = t else {
        return None;
    };
    if CONTAINER_ITERATORS.contains(&name) {
        Some(&[SIZED_MEMBERS])
    } else if COMBINATORS.contains(&name) {
        Some(&[MEMBERS])
    } else {
        None
    }
}

const MEMBERS: &[Member] = &[
    Member::Method("__iter__", iter),
    Member::Method("__next__", next),
];

const SIZED_MEMBERS: &[Member] = &[
    Member::Method("__iter__", iter),
    Member::Method("__next__", next),
    Member::Method("__length_hint__", length_hint),
];

fn iter(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(s.cloned().unwrap_or_default())
}

/// `it.__next__()`: the next item, or StopIteration.
fn next(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let it = s.cloned().unwrap_or_default();
    match protocol::iter_next(vm, &it)? {
        Some(v) => Ok(v),
        None => Err(PyErr::with_args(ExcKind::StopIteration, Vec::new())),
    }
}

/// `it.__length_hint__()`: how many items are left.
fn length_hint(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let state = match s.and_then(Value::as_obj) {
        Some(Object::Iter(state)) => state,
        Some(Object::Lazy(lazy)) => {
            return Ok(Value::Int(match &*lazy.borrow() {
                crate::object::payloads::LazyIter::Reversed { remaining, .. } => *remaining as i64,
                _ => 0,
            }))
        }
        _ => return raise(ExcKind::TypeError, "descriptor requires an iterator"),
    };
    let left = match &*state.borrow() {
        IterState::List { list, index } => match list.get() {
            Object::List(l) => l.borrow().len().saturating_sub(*index),
            _ => 0,
        },
        IterState::Tuple { tuple, index } => match tuple.get() {
            Object::Tuple(t) => t.len().saturating_sub(*index),
            _ => 0,
        },
        IterState::Str { s, byte } => match s.get() {
            Object::Str(t) => t.text[(*byte).min(t.text.len())..].chars().count(),
            _ => 0,
        },
        IterState::Range { next, stop, step } => {
            crate::protocol::ops::range_len(*next, *stop, *step).max(0) as usize
        }
        IterState::Keys {
            keys: items, index, ..
        }
        | IterState::Snapshot { items, index, .. } => items.len().saturating_sub(*index),
    };
    Ok(Value::Int(left as i64))
}
