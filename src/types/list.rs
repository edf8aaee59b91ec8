//! `list` and `tuple`: their methods (`tuple` shares `index` and
//! `count` with `list`), declared in their member tables.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, Object};
use crate::object::value::Value;
use crate::protocol::ops::{self, int_of, IntVal};
use crate::protocol::repr::repr;
use crate::protocol::to_vec;
use crate::protocol::{self, call};
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn list_of(v: Option<&Value>) -> PyResult<&RefCell<Vec<Value>>> {
    match v.and_then(Value::as_obj) {
        Some(Object::List(l)) => Ok(l),
        _ => raise(ExcKind::TypeError, "descriptor requires a 'list' object"),
    }
}

/// `list.append(x)`.
pub(crate) fn m_append(
    _: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("list.append", kw)?;
    arity("list.append", args, 1, 1)?;
    crate::protocol::ops::push_value(&mut list_of(s)?.borrow_mut(), args[0].clone())?;
    Ok(Value::None)
}

fn m_extend(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.extend", kw)?;
    arity("list.extend", args, 1, 1)?;
    let items = to_vec(vm, &args[0])?;
    let mut l = list_of(s)?.borrow_mut();
    crate::protocol::ops::reserve_values(&mut l, items.len())?;
    l.extend(items);
    Ok(Value::None)
}

fn m_pop(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.pop", kw)?;
    arity("pop", args, 0, 1)?;
    let l = list_of(s)?;
    let mut l = l.borrow_mut();
    if l.is_empty() {
        return raise(ExcKind::IndexError, "pop from empty list");
    }
    let i = match args.first() {
        Some(ix) if matches!(ops::int_of(ix), Some(ops::IntVal::Big(_))) => {
            return raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C ssize_t",
            )
        }
        Some(ix) => match ops::seq_index(ix, l.len(), "list")? {
            Some(i) => i,
            None => return raise(ExcKind::IndexError, "pop index out of range"),
        },
        None => l.len() - 1,
    };
    Ok(l.remove(i))
}

fn m_insert(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.insert", kw)?;
    arity("insert", args, 2, 2)?;
    let l = list_of(s)?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let i = match int_of(&args[0]) {
        Some(IntVal::Small(i)) => (if i < 0 { i + n } else { i }).clamp(0, n) as usize,
        Some(IntVal::Big(_)) => {
            return raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C ssize_t",
            )
        }
        None => return crate::protocol::ops::not_an_integer(&args[0]),
    };
    l.insert(i, args[1].clone());
    Ok(Value::None)
}

fn m_reverse(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.reverse", kw)?;
    arity("reverse", args, 0, 0)?;
    list_of(s)?.borrow_mut().reverse();
    Ok(Value::None)
}

fn m_sort(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("sort", args, 0, 0)?;
    let (key, reverse) = sort_kwargs(kw, "sort")?;
    let l = list_of(s)?;
    // As CPython: the list is empty while it sorts (a key function sees
    // it so), and what was added to it meanwhile is dropped and reported.
    let mut items = std::mem::take(&mut *l.borrow_mut());
    let sorted = sort_values(vm, &mut items, key.as_ref(), reverse);
    let added = std::mem::replace(&mut *l.borrow_mut(), items);
    let modified = !added.is_empty();
    drop(added);
    sorted?;
    if modified {
        return raise(ExcKind::ValueError, "list modified during sort");
    }
    Ok(Value::None)
}

/// The items of a list or tuple receiver.
fn seq_items(s: Option<&Value>) -> Vec<Value> {
    match s.and_then(Value::as_obj) {
        Some(Object::List(l)) => l.borrow().clone(),
        Some(Object::Tuple(t)) => t.clone(),
        _ => Vec::new(),
    }
}

fn m_index(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("index", kw)?;
    arity("index", args, 1, 3)?;
    let items = seq_items(s);
    let n = items.len() as i64;
    let bound = |v: Option<&Value>, default: i64| match v.map(int_of) {
        Some(Some(IntVal::Small(i))) if i < 0 => (i + n).max(0),
        Some(Some(IntVal::Small(i))) => i.min(n),
        _ => default,
    };
    let (start, end) = (bound(args.get(1), 0), bound(args.get(2), n));
    for i in start..end.max(start) {
        let x = &items[i as usize];
        if x.is(&args[0])
            || crate::protocol::compare_bool(
                vm,
                taipan_bytecode::opcode::CompareOp::Eq,
                x,
                &args[0],
            )?
        {
            return Ok(Value::Int(i));
        }
    }
    let what = match s.and_then(Value::as_obj) {
        Some(Object::Tuple(_)) => "tuple.index(x): x not in tuple".to_string(),
        _ => format!("{} is not in list", repr(vm, &args[0])?),
    };
    raise(ExcKind::ValueError, what)
}

fn m_count(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("count", kw)?;
    arity("count", args, 1, 1)?;
    let items = seq_items(s);
    let mut n = 0;
    for x in &items {
        if x.is(&args[0])
            || crate::protocol::compare_bool(
                vm,
                taipan_bytecode::opcode::CompareOp::Eq,
                x,
                &args[0],
            )?
        {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn m_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.copy", kw)?;
    arity("copy", args, 0, 0)?;
    Ok(new_list(list_of(s)?.borrow().clone()))
}

fn m_list_remove(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("remove", kw)?;
    arity("remove", args, 1, 1)?;
    let l = list_of(s)?;
    let items = l.borrow().clone();
    for (i, x) in items.iter().enumerate() {
        if x.is(&args[0])
            || crate::protocol::compare_bool(
                vm,
                taipan_bytecode::opcode::CompareOp::Eq,
                x,
                &args[0],
            )?
        {
            let mut l = l.borrow_mut();
            if i < l.len() {
                l.remove(i);
            }
            return Ok(Value::None);
        }
    }
    raise(ExcKind::ValueError, "list.remove(x): x not in list")
}

fn m_list_clear(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("clear", kw)?;
    arity("clear", args, 0, 0)?;
    // Dropped outside the borrow: destructors may run Python code.
    let old = std::mem::take(&mut *list_of(s)?.borrow_mut());
    drop(old);
    Ok(Value::None)
}

/// The methods and computed attributes of `list`.
pub const LIST_MEMBERS: &[Member] = &[
    Member::Method("append", m_append),
    Member::Method("extend", m_extend),
    Member::Method("pop", m_pop),
    Member::Method("insert", m_insert),
    Member::Method("reverse", m_reverse),
    Member::Method("sort", m_sort),
    Member::Method("index", m_index),
    Member::Method("count", m_count),
    Member::Method("copy", m_copy),
    Member::Method("remove", m_list_remove),
    Member::Method("clear", m_list_clear),
];

/// The methods of `tuple`.
pub const TUPLE_MEMBERS: &[Member] = &[
    Member::Method("count", m_count),
    Member::Method("index", m_index),
];

/// A stable merge sort whose comparison may raise.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(f) => items
            .iter()
            .map(|x| call(vm, f, std::slice::from_ref(x), &[]))
            .collect::<PyResult<_>>()?,
        None => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut err = None;
    // Insertion into runs via a binary merge sort with fallible comparisons.
    merge_sort(&mut idx, &mut |a, b| {
        if err.is_some() {
            return false;
        }
        let (x, y) = if reverse {
            (&keys[a], &keys[b])
        } else {
            (&keys[b], &keys[a])
        };
        match protocol::compare_bool(vm, CompareOp::Lt, x, y) {
            Ok(r) => r,
            Err(e) => {
                err = Some(e);
                false
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    let sorted: Vec<Value> = idx.into_iter().map(|i| items[i].clone()).collect();
    *items = sorted;
    Ok(())
}

/// Stable merge sort; `less_rev(a, b)` is true when b must come before a.
fn merge_sort(v: &mut [usize], less_rev: &mut dyn FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], less_rev);
    merge_sort(&mut v[mid..], less_rev);
    let mut out = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if less_rev(v[i], v[j]) {
            out.push(v[j]);
            j += 1;
        } else {
            out.push(v[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&v[i..mid]);
    out.extend_from_slice(&v[j..n]);
    v.copy_from_slice(&out);
}

/// `key=` and `reverse=` of `list.sort` and `sorted`.
pub(crate) fn sort_kwargs(kw: Kw<'_>, name: &str) -> PyResult<(Option<Value>, bool)> {
    let mut key = None;
    let mut reverse = false;
    for (k, v) in kw {
        match &**k {
            "key" if !matches!(v, Value::None) => key = Some(v.clone()),
            "key" => {}
            "reverse" => reverse = ops::truthy(v),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for {name}()"),
                )
            }
        }
    }
    Ok((key, reverse))
}
