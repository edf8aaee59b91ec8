//! `dict`: its methods, declared in its member table.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::dict::Dict;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{new_tuple, DictViewKind, Object};
use crate::object::value::Value;
use crate::protocol::to_vec;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn dict_of(v: Option<&Value>) -> PyResult<&RefCell<Dict>> {
    match v.and_then(Value::as_obj) {
        Some(Object::Dict(d)) => Ok(d),
        _ => raise(ExcKind::TypeError, "descriptor requires a 'dict' object"),
    }
}

fn m_dict_get(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("dict.get", kw)?;
    arity("get", args, 1, 2)?;
    let found = crate::protocol::dict_get(vm, dict_of(s)?, &args[0])?;
    Ok(found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
}

fn m_dict_keys(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    view(s, args, kw, DictViewKind::Keys)
}

fn m_dict_values(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    view(s, args, kw, DictViewKind::Values)
}

fn m_dict_items(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    view(s, args, kw, DictViewKind::Items)
}

fn view(s: Option<&Value>, args: &[Value], kw: Kw<'_>, kind: DictViewKind) -> PyResult<Value> {
    no_kwargs(kind.name(), kw)?;
    arity(kind.name(), args, 0, 0)?;
    dict_of(s)?;
    Ok(Value::obj(NewObject::DictView {
        dict: s.cloned().unwrap_or_default(),
        kind,
    }))
}

fn m_dict_setdefault(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("setdefault", kw)?;
    arity("setdefault", args, 1, 2)?;
    let d = dict_of(s)?;
    if let Some(v) = crate::protocol::dict_get(vm, d, &args[0])? {
        return Ok(v);
    }
    let v = args.get(1).cloned().unwrap_or_default();
    crate::protocol::dict_set(vm, d, args[0].clone(), v.clone())?;
    Ok(v)
}

fn m_dict_pop(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("pop", kw)?;
    arity("pop", args, 1, 2)?;
    match crate::protocol::dict_remove(vm, dict_of(s)?, &args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::with_args(ExcKind::KeyError, vec![args[0].clone()])),
        },
    }
}

fn m_dict_popitem(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("popitem", kw)?;
    arity("popitem", args, 0, 0)?;
    match dict_of(s)?.borrow_mut().pop_last() {
        Some((k, v)) => Ok(new_tuple(vec![k, v])),
        None => raise(ExcKind::KeyError, "popitem(): dictionary is empty"),
    }
}

fn m_dict_update(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("update", args, 0, 1)?;
    let d = dict_of(s)?;
    // dict(other, **kw) builds the merged items with CPython's checks.
    let mut all: Vec<Value> = args.to_vec();
    if all.is_empty() && kw.is_empty() {
        return Ok(Value::None);
    }
    if all.is_empty() {
        all.push(Value::obj(NewObject::Dict(RefCell::new(Dict::new()))));
    }
    let merged =
        crate::types::construct::construct(vm, crate::object::heap::TypeKind::Dict, &all, kw)?;
    if let Some(Object::Dict(m)) = merged.as_obj() {
        let items: Vec<(Value, Value)> = m
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut d = d.borrow_mut();
        for (k, v) in items {
            d.set(k, v)?;
        }
    }
    Ok(Value::None)
}

fn m_dict_clear(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("clear", kw)?;
    arity("clear", args, 0, 0)?;
    dict_of(s)?.borrow_mut().clear();
    Ok(Value::None)
}

fn m_dict_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("copy", kw)?;
    arity("copy", args, 0, 0)?;
    let copy = dict_of(s)?.borrow().clone();
    Ok(Value::obj(NewObject::Dict(RefCell::new(copy))))
}

/// The methods of `dict`.
pub const DICT_MEMBERS: &[Member] = &[
    Member::Method("get", m_dict_get),
    Member::Method("keys", m_dict_keys),
    Member::Method("values", m_dict_values),
    Member::Method("items", m_dict_items),
    Member::Method("setdefault", m_dict_setdefault),
    Member::Method("pop", m_dict_pop),
    Member::Method("popitem", m_dict_popitem),
    Member::Method("update", m_dict_update),
    Member::Method("clear", m_dict_clear),
    Member::Method("copy", m_dict_copy),
    Member::ClassMethod("fromkeys", crate::protocol::subclass::dict_fromkeys),
];

/// The member tables of the dict view types (`dict_keys`, `dict_values`,
/// `dict_items`), if `t` is one.
pub fn view_members(t: crate::object::heap::TypeKind) -> Option<&'static [&'static [Member]]> {
    match t {
        crate::object::heap::TypeKind::Iterator("dict_keys" | "dict_items") => {
            Some(&[VIEW_MEMBERS, SET_LIKE_VIEW_MEMBERS])
        }
        crate::object::heap::TypeKind::Iterator("dict_values") => Some(&[VIEW_MEMBERS]),
        _ => None,
    }
}

/// What every dict view has: its dict (read-only) and the container
/// methods (the operators themselves are its slots').
const VIEW_MEMBERS: &[Member] = &[
    Member::Getter("mapping", |v| match v.as_obj() {
        Some(Object::DictView(crate::object::heap::DictViewObj { dict, .. })) => {
            Ok(crate::types::mapping_proxy::new_proxy(dict.clone()))
        }
        _ => raise(ExcKind::TypeError, "descriptor requires a dict view"),
    }),
    Member::Method("__len__", |vm, s, _, _| {
        let v = s.cloned().unwrap_or_default();
        Ok(Value::Int(crate::protocol::len(vm, &v)? as i64))
    }),
    Member::Method("__iter__", |vm, s, _, _| {
        crate::protocol::get_iter(vm, &s.cloned().unwrap_or_default())
    }),
    Member::Method("__reversed__", |vm, s, _, _| {
        let items = to_vec(vm, &s.cloned().unwrap_or_default())?;
        let reversed: Vec<Value> = items.into_iter().rev().collect();
        crate::protocol::get_iter(vm, &crate::object::heap::new_tuple(reversed))
    }),
];

/// What key and item views have besides: set-like membership.
const SET_LIKE_VIEW_MEMBERS: &[Member] = &[
    Member::Method("__contains__", |vm, s, args, _| {
        let [x] = args else {
            return raise(ExcKind::TypeError, "expected 1 argument");
        };
        let v = s.cloned().unwrap_or_default();
        Ok(Value::Bool(crate::protocol::contains(vm, &v, x)?))
    }),
    Member::Method("isdisjoint", |vm, s, args, _| {
        let [other] = args else {
            return raise(
                ExcKind::TypeError,
                "isdisjoint() takes exactly one argument",
            );
        };
        let v = s.cloned().unwrap_or_default();
        for x in to_vec(vm, other)? {
            if crate::protocol::contains(vm, &v, &x)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    }),
];
