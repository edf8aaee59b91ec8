//! Iteration over the built-in containers (lists, tuples, strings,
//! ranges, dicts, sets, …) without the protocol layer: `iter()` makes the
//! iterator state, `next()` steps it. The eval loop's FOR_ITER and the
//! protocol layer's `get_iter` / `iter_next` use these for every value
//! that is not an instance.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{type_name, IterState, Object, Watch};
use crate::object::heap::{DictViewObj, RangeObj, SetObj};
use crate::object::value::Value;
use std::cell::RefCell;

/// `iter(v)`.
pub fn get_iter(v: &Value) -> PyResult<Value> {
    let state = match v.as_obj() {
        Some(Object::List(_)) => IterState::List {
            list: obj_ref(v),
            index: 0,
        },
        Some(Object::Tuple(_)) => IterState::Tuple {
            tuple: obj_ref(v),
            index: 0,
        },
        Some(Object::Str(_)) => IterState::Str {
            s: obj_ref(v),
            byte: 0,
        },
        Some(Object::Range(RangeObj { start, stop, step })) => IterState::Range {
            next: *start,
            stop: *stop,
            step: *step,
        },
        Some(Object::Set(SetObj { table, .. })) => {
            let items = table.borrow().items();
            IterState::Snapshot {
                watch: Watch::new(v, items.len(), "Set changed size during iteration"),
                items,
                index: 0,
                name: "set_iterator",
            }
        }
        Some(Object::Bytes(_) | Object::ByteArray(_)) => IterState::Snapshot {
            items: crate::types::bytes::items(v),
            index: 0,
            name: "bytes_iterator",
            watch: None,
        },
        Some(Object::DictView(DictViewObj { dict, kind })) => IterState::Snapshot {
            items: crate::object::heap::view_items(dict, *kind),
            index: 0,
            name: match kind {
                crate::object::heap::DictViewKind::Keys => "dict_keyiterator",
                crate::object::heap::DictViewKind::Values => "dict_valueiterator",
                crate::object::heap::DictViewKind::Items => "dict_itemiterator",
            },
            watch: match dict.as_obj() {
                Some(Object::Dict(d)) => Watch::new(dict, d.borrow().len(), DICT_CHANGED),
                _ => None,
            },
        },
        Some(Object::Dict(d)) => {
            let keys = d.borrow().keys();
            IterState::Keys {
                watch: Watch::new(v, keys.len(), DICT_CHANGED),
                keys,
                index: 0,
            }
        }
        Some(Object::Iter(_) | Object::Generator(_) | Object::Lazy(_)) => return Ok(v.clone()),
        _ => {
            return raise(
                ExcKind::TypeError,
                format!("'{}' object is not iterable", type_name(v)),
            )
        }
    };
    Ok(Value::obj(NewObject::Iter(RefCell::new(state))))
}

fn obj_ref(v: &Value) -> crate::object::value::ObjRef {
    match v {
        Value::Obj(o) => o.clone(),
        _ => crate::object::value::ObjRef::new(NewObject::Tuple(Vec::new())),
    }
}

/// CPython's message for a dict that changes size while iterated.
const DICT_CHANGED: &str = "dictionary changed size during iteration";

/// The next item of a list iterator at `index` (advanced, even past the
/// end, as CPython's index is).
#[inline(always)]
pub(crate) fn list_next(list: &crate::object::value::ObjRef, index: &mut usize) -> Option<Value> {
    let item = match list.get() {
        Object::List(l) => l.borrow().get(*index).cloned(),
        _ => None,
    };
    *index += 1;
    item
}

/// The next item of a tuple iterator at `index` (advanced likewise).
#[inline(always)]
pub(crate) fn tuple_next(tuple: &crate::object::value::ObjRef, index: &mut usize) -> Option<Value> {
    let item = match tuple.get() {
        Object::Tuple(t) => t.get(*index).cloned(),
        _ => None,
    };
    *index += 1;
    item
}

/// The next int of a range iterator at `next` (advanced; a step past
/// the machine's range ends it).
#[inline(always)]
/// A `range_iterator` over `next`, `next + step`, … short of `stop`.
pub(crate) fn range_iter(next: i64, stop: i64, step: i64) -> Value {
    Value::obj(NewObject::Iter(RefCell::new(IterState::Range {
        next,
        stop,
        step,
    })))
}

pub(crate) fn range_next(next: &mut i64, stop: i64, step: i64) -> Option<i64> {
    let more = if step > 0 { *next < stop } else { *next > stop };
    if !more {
        return None;
    }
    let v = *next;
    *next = next.saturating_add(step);
    if (step > 0 && *next < v) || (step < 0 && *next > v) {
        *next = stop;
    }
    Some(v)
}

/// `next(it)`: `None` when exhausted.
pub fn iter_next(it: &Value) -> PyResult<Option<Value>> {
    let Some(Object::Iter(state)) = it.as_obj() else {
        return raise(
            ExcKind::TypeError,
            format!("'{}' object is not an iterator", type_name(it)),
        );
    };
    let mut st = state.borrow_mut();
    Ok(match &mut *st {
        IterState::List { list, index } => list_next(list, index),
        IterState::Tuple { tuple, index } => tuple_next(tuple, index),
        IterState::Str { s, byte } => match s.get() {
            Object::Str(ps) => match ps.text[*byte..].chars().next() {
                Some(c) => {
                    *byte += c.len_utf8();
                    Some(if (c as u32) < 256 {
                        crate::object::intern::char_str(c)
                    } else {
                        crate::object::heap::new_derived_str(c.to_string(), ps.selector())
                    })
                }
                None => None,
            },
            _ => None,
        },
        IterState::Range { next, stop, step } => range_next(next, *stop, *step).map(Value::Int),
        IterState::Snapshot {
            items,
            index,
            watch,
            ..
        }
        | IterState::Keys {
            keys: items,
            index,
            watch,
        } => {
            if let Some(w) = watch {
                w.check()?;
            }
            let item = items.get(*index).cloned();
            *index += 1;
            item
        }
    })
}
