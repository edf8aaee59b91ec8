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
    Member::Method("__reduce__", lazy_reduce),
    Member::Method("__setstate__", lazy_setstate),
];

/// `__reduce__` of `map`, `filter`, `zip` and `enumerate`: their type and
/// the arguments that make them again (`zip`'s `strict` as its state).
fn lazy_reduce(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    use crate::object::heap::new_tuple;
    use crate::object::payloads::LazyIter;
    let Some(v) = s else {
        return raise(ExcKind::TypeError, "descriptor requires an iterator");
    };
    let Some(Object::Lazy(lazy)) = v.as_obj() else {
        return raise(ExcKind::TypeError, "cannot pickle this iterator");
    };
    // The constructor is the built-in of the same name (`map`, …).
    let builtins = crate::protocol::import(vm, "builtins")?;
    let name = crate::object::heap::type_name(v);
    let cls = crate::protocol::getattr(vm, &builtins, &name)?;
    let (args, state) = match &*lazy.borrow() {
        LazyIter::Map { func, its } => {
            let mut a = vec![func.clone()];
            a.extend(its.iter().cloned());
            (a, None)
        }
        LazyIter::Filter { func, it } => (vec![func.clone(), it.clone()], None),
        LazyIter::Zip { its, strict } => (its.clone(), strict.then_some(Value::Bool(true))),
        LazyIter::Enumerate { it, next } => (vec![it.clone(), next.clone()], None),
        _ => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "cannot pickle '{}' object",
                    crate::object::heap::type_name(v)
                ),
            )
        }
    };
    let mut out = vec![cls, new_tuple(args)];
    out.extend(state);
    Ok(new_tuple(out))
}

/// `zip.__setstate__(strict)`.
fn lazy_setstate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    use crate::object::payloads::LazyIter;
    crate::object::args::arity("__setstate__", a, 1, 1)?;
    let flag = protocol::truthy(vm, &a[0])?;
    if let Some(Object::Lazy(lazy)) = s.and_then(Value::as_obj) {
        if let LazyIter::Zip { strict, .. } = &mut *lazy.borrow_mut() {
            *strict = flag;
            return Ok(Value::None);
        }
    }
    raise(ExcKind::AttributeError, "__setstate__")
}

const SIZED_MEMBERS: &[Member] = &[
    Member::Method("__iter__", iter),
    Member::Method("__next__", next),
    Member::Method("__length_hint__", length_hint),
    Member::Method("__reduce__", reduce),
    Member::Method("__setstate__", setstate),
];

/// `it.__reduce__()`: `(iter, (container,), position)` as CPython
/// pickles its container iterators; an exhausted or snapshot iterator as
/// `iter` over what is left.
fn reduce(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    use crate::object::heap::{new_list, new_tuple};
    let builtins = crate::protocol::import(vm, "builtins")?;
    let iter_fn = crate::protocol::getattr(vm, &builtins, "iter")?;
    let Some(Object::Iter(state)) = s.and_then(Value::as_obj) else {
        return Ok(new_tuple(vec![
            iter_fn,
            new_tuple(vec![new_tuple(Vec::new())]),
        ]));
    };
    let with_index = |container: Value, index: usize| {
        new_tuple(vec![
            iter_fn.clone(),
            new_tuple(vec![container]),
            Value::Int(index as i64),
        ])
    };
    let over = |items: Value| new_tuple(vec![iter_fn.clone(), new_tuple(vec![items])]);
    Ok(match &*state.borrow() {
        IterState::List { list, index } => with_index(Value::Obj(list.clone()), *index),
        IterState::Tuple { tuple, index } => with_index(Value::Obj(tuple.clone()), *index),
        IterState::Str { s, byte } => match s.get() {
            Object::Str(t) => {
                let chars = t.text[..(*byte).min(t.text.len())].chars().count();
                with_index(Value::Obj(s.clone()), chars)
            }
            _ => over(new_tuple(Vec::new())),
        },
        IterState::Range { next, stop, step } => {
            let r = crate::object::heap::NewObject::Range {
                start: *next,
                stop: *stop,
                step: *step,
            };
            with_index(Value::obj(r), 0)
        }
        IterState::Keys {
            keys: items, index, ..
        }
        | IterState::Snapshot { items, index, .. } => {
            over(new_list(items.get(*index..).unwrap_or_default().to_vec()))
        }
    })
}

/// `it.__setstate__(index)`: the position to go on from.
fn setstate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("__setstate__", a, 1, 1)?;
    let i = crate::protocol::index_value(vm, &a[0])?;
    let n = match crate::protocol::ops::int_of(&i) {
        Some(crate::protocol::ops::IntVal::Small(n)) => n.max(0) as usize,
        Some(_) => usize::MAX,
        None => return raise(ExcKind::TypeError, "an integer is required"),
    };
    let Some(Object::Iter(state)) = s.and_then(Value::as_obj) else {
        return Ok(Value::None);
    };
    match &mut *state.borrow_mut() {
        IterState::List { list, index } => {
            let len = match list.get() {
                Object::List(l) => l.borrow().len(),
                _ => 0,
            };
            *index = n.min(len);
        }
        IterState::Tuple { tuple, index } => {
            let len = match tuple.get() {
                Object::Tuple(t) => t.len(),
                _ => 0,
            };
            *index = n.min(len);
        }
        IterState::Str { s, byte } => {
            if let Object::Str(t) = s.get() {
                *byte = t
                    .text
                    .char_indices()
                    .nth(n)
                    .map_or(t.text.len(), |(b, _)| b);
            }
        }
        IterState::Range { next, stop, step } => {
            let left = crate::protocol::ops::range_len(*next, *stop, *step).max(0) as usize;
            let k = n.min(left) as i64;
            *next = next.saturating_add(k.saturating_mul(*step));
        }
        IterState::Keys {
            keys: items, index, ..
        }
        | IterState::Snapshot { items, index, .. } => *index = n.min(items.len()),
    }
    Ok(Value::None)
}

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
