//! `_collections` (CPython's `Modules/_collectionsmodule.c`): `deque`, a
//! ring buffer of values with an optional maximum length, its
//! iterators, `defaultdict` (a `dict` subclass whose `__missing__` calls
//! its `default_factory`), and `_count_elements`, `Counter`'s loop.

use crate::object::args::{arity, bind_args, no_kwargs};
use crate::object::classes;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{
    make_module, new_list, new_str, new_tuple, type_name, NewObject, Object, TypeKind,
};
use crate::object::native::{constructor, data_of, method as m, property, NativeData};
use crate::object::value::Value;
use crate::protocol::compare_bool;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `_collections` module.
pub fn module() -> Value {
    make_module(
        "_collections",
        vec![
            ("deque", deque_class()),
            ("_deque_iterator", iterator_class(false)),
            ("_deque_reverse_iterator", iterator_class(true)),
            ("defaultdict", defaultdict_class()),
            (
                "_count_elements",
                crate::object::heap::builtin_fn("_count_elements", count_elements),
            ),
        ],
    )
}

/// A deque's state.
struct Deque {
    items: RefCell<VecDeque<Value>>,
    /// None: unbounded.
    maxlen: Cell<Option<usize>>,
    /// Changes with every mutation, so iterators notice.
    state: Cell<u64>,
}

impl NativeData for Deque {
    fn weakly_referenceable(&self) -> bool {
        true
    }

    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(items) = self.items.try_borrow() {
            crate::object::gc::visit_values(items.iter(), visit);
        }
    }
}

impl Deque {
    fn touch(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }

    fn push_back(&self, x: Value) {
        self.touch();
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        items.push_back(x);
        if self.maxlen.get().is_some_and(|m| items.len() > m) {
            items.pop_front();
        }
    }

    fn push_front(&self, x: Value) {
        self.touch();
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        items.push_front(x);
        if self.maxlen.get().is_some_and(|m| items.len() > m) {
            items.pop_back();
        }
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }

    fn len(&self) -> usize {
        self.items.borrow().len()
    }
}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Deque, &'a Value, &'a [Value])> {
    let (r, rest) = crate::object::args::receiver(s, a)?;
    match data_of::<Deque>(r) {
        Some(d) => Ok((d, r, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'collections.deque' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// A new deque of `cls` with `items`.
fn new_deque(cls: &Value, items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    let d = Deque {
        items: RefCell::new(items),
        maxlen: Cell::new(maxlen),
        state: Cell::new(0),
    };
    if cls.is(&deque_class()) {
        crate::object::native::new(deque_class(), d)
    } else {
        crate::object::native::new_instance(cls, deque_class(), d)
    }
}

/// Appends every item of `iterable` at the back (or the front).
fn extend(vm: &mut Vm, d: &Deque, r: &Value, iterable: &Value, front: bool) -> PyResult<()> {
    let items = if iterable.is(r) {
        d.snapshot()
    } else {
        let it = crate::protocol::get_iter(vm, iterable)?;
        while let Some(x) = crate::protocol::iter_next(vm, &it)? {
            if front {
                d.push_front(x);
            } else {
                d.push_back(x);
            }
        }
        return Ok(());
    };
    for x in items {
        if front {
            d.push_front(x);
        } else {
            d.push_back(x);
        }
    }
    Ok(())
}

/// A position argument of `index`/`insert`: an int, negative from the end.
fn position(vm: &mut Vm, v: &Value, len: usize) -> PyResult<i64> {
    let i = crate::protocol::index_value(vm, v)?;
    let n = match crate::protocol::ops::int_of(&i) {
        Some(crate::protocol::ops::IntVal::Small(n)) => n,
        Some(crate::protocol::ops::IntVal::Big(b)) => {
            if b.sign() == num_bigint::Sign::Minus {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }
        }
        None => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(v)
                ),
            )
        }
    };
    Ok(if n < 0 { n + len as i64 } else { n })
}

/// The item index of a subscript, checked.
fn subscript(vm: &mut Vm, d: &Deque, k: &Value) -> PyResult<usize> {
    if !matches!(
        crate::object::instance::unwrap(k),
        Value::Int(_) | Value::Bool(_)
    ) && crate::protocol::ops::int_of(k).is_none()
        && !classes::is_instance(k)
    {
        return raise(
            ExcKind::TypeError,
            format!("sequence index must be integer, not '{}'", type_name(k)),
        );
    }
    let len = d.len();
    let i = position(vm, k, len)?;
    if i < 0 || i >= len as i64 {
        return raise(ExcKind::IndexError, "deque index out of range");
    }
    Ok(i as usize)
}

/// `x == y` for the search methods, which notice a deque changed by the
/// comparison.
fn equal(vm: &mut Vm, d: &Deque, x: &Value, y: &Value, what: &str) -> PyResult<bool> {
    let before = d.state.get();
    let eq = x.is(y) || compare_bool(vm, CompareOp::Eq, x, y)?;
    if d.state.get() != before {
        return raise(ExcKind::RuntimeError, what.to_string());
    }
    Ok(eq)
}

/// `deque`.
pub fn deque_class() -> Value {
    crate::object::builtin_types::kept_by_name("collections.deque", || {
        let attrs = vec![
            constructor(|_, _, a, _| {
                let Some(cls) = a.first() else {
                    return raise(ExcKind::TypeError, "deque.__new__(): not enough arguments");
                };
                Ok(new_deque(cls, VecDeque::new(), None))
            }),
            m("__init__", |vm, s, a, kw| {
                let (d, r, rest) = this(s, a)?;
                let args = bind_args("deque", &["iterable", "maxlen"], rest, kw)?;
                let maxlen = match &args[1] {
                    None | Some(Value::None) => None,
                    Some(v) => {
                        let i = crate::protocol::index_value(vm, v)?;
                        match crate::protocol::ops::int_of(&i) {
                            Some(crate::protocol::ops::IntVal::Small(n)) if n >= 0 => {
                                Some(n as usize)
                            }
                            Some(crate::protocol::ops::IntVal::Small(_)) => {
                                return raise(ExcKind::ValueError, "maxlen must be non-negative")
                            }
                            _ => {
                                return raise(
                                    ExcKind::OverflowError,
                                    "Python int too large to convert to C ssize_t",
                                )
                            }
                        }
                    }
                };
                d.maxlen.set(maxlen);
                if d.len() > 0 {
                    d.touch();
                    d.items.borrow_mut().clear();
                }
                if let Some(it) = &args[0] {
                    extend(vm, d, r, it, false)?;
                }
                Ok(Value::None)
            }),
            property("maxlen", |_, s, a, _| {
                let (d, _, _) = this(s, a)?;
                Ok(d.maxlen.get().map_or(Value::None, |n| Value::Int(n as i64)))
            }),
            m("append", |_, s, a, kw| {
                no_kwargs("deque.append", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.append", rest, 1, 1)?;
                d.push_back(rest[0].clone());
                Ok(Value::None)
            }),
            m("appendleft", |_, s, a, kw| {
                no_kwargs("deque.appendleft", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.appendleft", rest, 1, 1)?;
                d.push_front(rest[0].clone());
                Ok(Value::None)
            }),
            m("pop", |_, s, a, kw| {
                no_kwargs("deque.pop", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.pop", rest, 0, 0)?;
                d.touch();
                let x = d.items.borrow_mut().pop_back();
                x.map_or_else(|| raise(ExcKind::IndexError, "pop from an empty deque"), Ok)
            }),
            m("popleft", |_, s, a, kw| {
                no_kwargs("deque.popleft", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.popleft", rest, 0, 0)?;
                d.touch();
                let x = d.items.borrow_mut().pop_front();
                x.map_or_else(|| raise(ExcKind::IndexError, "pop from an empty deque"), Ok)
            }),
            m("extend", |vm, s, a, kw| {
                no_kwargs("deque.extend", kw)?;
                let (d, r, rest) = this(s, a)?;
                arity("deque.extend", rest, 1, 1)?;
                extend(vm, d, r, &rest[0], false)?;
                Ok(Value::None)
            }),
            m("extendleft", |vm, s, a, kw| {
                no_kwargs("deque.extendleft", kw)?;
                let (d, r, rest) = this(s, a)?;
                arity("deque.extendleft", rest, 1, 1)?;
                extend(vm, d, r, &rest[0], true)?;
                Ok(Value::None)
            }),
            m("clear", |_, s, a, kw| {
                no_kwargs("deque.clear", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.clear", rest, 0, 0)?;
                d.touch();
                let old = std::mem::take(&mut *d.items.borrow_mut());
                drop(old);
                Ok(Value::None)
            }),
            m("copy", copy),
            m("__copy__", copy),
            m("rotate", |vm, s, a, kw| {
                no_kwargs("deque.rotate", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.rotate", rest, 0, 1)?;
                let len = d.len();
                let n = match rest.first() {
                    Some(v) => position(vm, v, 0)?,
                    None => 1,
                };
                if len > 1 {
                    d.touch();
                    let k = n.rem_euclid(len as i64) as usize;
                    d.items.borrow_mut().rotate_right(k);
                }
                Ok(Value::None)
            }),
            m("reverse", |_, s, a, kw| {
                no_kwargs("deque.reverse", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.reverse", rest, 0, 0)?;
                d.touch();
                d.items.borrow_mut().make_contiguous().reverse();
                Ok(Value::None)
            }),
            m("count", |vm, s, a, kw| {
                no_kwargs("deque.count", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.count", rest, 1, 1)?;
                let mut n = 0;
                for x in d.snapshot() {
                    if equal(vm, d, &x, &rest[0], "deque mutated during iteration")? {
                        n += 1;
                    }
                }
                Ok(Value::Int(n))
            }),
            m("index", |vm, s, a, kw| {
                no_kwargs("deque.index", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.index", rest, 1, 3)?;
                let len = d.len();
                let clamp = |i: i64| i.clamp(0, len as i64) as usize;
                let start = match rest.get(1) {
                    Some(v) => clamp(position(vm, v, len)?),
                    None => 0,
                };
                let stop = match rest.get(2) {
                    Some(v) => clamp(position(vm, v, len)?),
                    None => len,
                };
                let items = d.snapshot();
                for (i, x) in items.iter().enumerate().take(stop).skip(start) {
                    if equal(vm, d, x, &rest[0], "deque mutated during iteration")? {
                        return Ok(Value::Int(i as i64));
                    }
                }
                let r = crate::protocol::repr::repr(vm, &rest[0])?;
                raise(ExcKind::ValueError, format!("{r} is not in deque"))
            }),
            m("insert", |vm, s, a, kw| {
                no_kwargs("deque.insert", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("insert", rest, 2, 2)?;
                let len = d.len();
                if d.maxlen.get() == Some(len) {
                    return raise(ExcKind::IndexError, "deque already at its maximum size");
                }
                let i = position(vm, &rest[0], len)?.clamp(0, len as i64) as usize;
                d.touch();
                d.items.borrow_mut().insert(i, rest[1].clone());
                Ok(Value::None)
            }),
            m("remove", |vm, s, a, kw| {
                no_kwargs("deque.remove", kw)?;
                let (d, _, rest) = this(s, a)?;
                arity("deque.remove", rest, 1, 1)?;
                let items = d.snapshot();
                for (i, x) in items.iter().enumerate() {
                    let eq = x.is(&rest[0]) || compare_bool(vm, CompareOp::Eq, x, &rest[0])?;
                    // A comparison that changed the deque's size (CPython
                    // checks the size, and raises IndexError).
                    if d.len() != items.len() {
                        return raise(ExcKind::IndexError, "deque mutated during remove().");
                    }
                    if eq {
                        d.touch();
                        d.items.borrow_mut().remove(i);
                        return Ok(Value::None);
                    }
                }
                raise(ExcKind::ValueError, "deque.remove(x): x not in deque")
            }),
            m("__len__", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.len() as i64))
            }),
            m("__bool__", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0.len() > 0))
            }),
            m("__getitem__", |vm, s, a, _| {
                let (d, _, rest) = this(s, a)?;
                arity("__getitem__", rest, 1, 1)?;
                let i = subscript(vm, d, &rest[0])?;
                Ok(d.items.borrow()[i].clone())
            }),
            m("__setitem__", |vm, s, a, _| {
                let (d, _, rest) = this(s, a)?;
                arity("__setitem__", rest, 2, 2)?;
                let i = subscript(vm, d, &rest[0])?;
                let old = std::mem::replace(&mut d.items.borrow_mut()[i], rest[1].clone());
                drop(old);
                Ok(Value::None)
            }),
            m("__delitem__", |vm, s, a, _| {
                let (d, _, rest) = this(s, a)?;
                arity("__delitem__", rest, 1, 1)?;
                let i = subscript(vm, d, &rest[0])?;
                d.touch();
                let old = d.items.borrow_mut().remove(i);
                drop(old);
                Ok(Value::None)
            }),
            m("__contains__", |vm, s, a, _| {
                let (d, _, rest) = this(s, a)?;
                arity("__contains__", rest, 1, 1)?;
                for x in d.snapshot() {
                    if equal(vm, d, &x, &rest[0], "deque mutated during iteration")? {
                        return Ok(Value::Bool(true));
                    }
                }
                Ok(Value::Bool(false))
            }),
            m("__iter__", |_, s, a, _| {
                let (d, r, _) = this(s, a)?;
                Ok(new_iterator(r, d, false, 0))
            }),
            m("__reversed__", |_, s, a, _| {
                let (d, r, _) = this(s, a)?;
                Ok(new_iterator(r, d, true, 0))
            }),
            m("__repr__", |vm, s, a, _| {
                let (d, r, _) = this(s, a)?;
                let name = classes::class_name(&classes::type_value(r));
                let items = d.snapshot();
                let maxlen = d.maxlen.get();
                let r2 = r.clone();
                // A deque inside itself prints as `[...]`, as CPython's.
                let text = crate::protocol::repr::guarded(vm, &r2, "[", "]", |vm| {
                    let parts: Vec<String> = items
                        .iter()
                        .map(|x| crate::protocol::repr::repr(vm, x))
                        .collect::<PyResult<_>>()?;
                    let body = parts.join(", ");
                    Ok(match maxlen {
                        Some(n) => format!("{name}([{body}], maxlen={n})"),
                        None => format!("{name}([{body}])"),
                    })
                })?;
                Ok(new_str(text))
            }),
            m("__eq__", |vm, s, a, _| compare(vm, s, a, CompareOp::Eq)),
            m("__ne__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ne)),
            m("__lt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Lt)),
            m("__le__", |vm, s, a, _| compare(vm, s, a, CompareOp::Le)),
            m("__gt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Gt)),
            m("__ge__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ge)),
            m("__add__", |_, s, a, _| {
                let (d, r, rest) = this(s, a)?;
                arity("__add__", rest, 1, 1)?;
                let Some(o) = data_of::<Deque>(&rest[0]) else {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "can only concatenate deque (not \"{}\") to deque",
                            type_name(&rest[0])
                        ),
                    );
                };
                let out = new_deque(&classes::type_value(r), VecDeque::new(), d.maxlen.get());
                if let Some(nd) = data_of::<Deque>(&out) {
                    for x in d.snapshot().into_iter().chain(o.snapshot()) {
                        nd.push_back(x);
                    }
                }
                Ok(out)
            }),
            m("__iadd__", |vm, s, a, _| {
                let (d, r, rest) = this(s, a)?;
                arity("__iadd__", rest, 1, 1)?;
                extend(vm, d, r, &rest[0], false)?;
                Ok(r.clone())
            }),
            m("__mul__", multiply),
            m("__rmul__", multiply),
            m("__imul__", |vm, s, a, _| {
                let (d, r, rest) = this(s, a)?;
                arity("__imul__", rest, 1, 1)?;
                let n = position(vm, &rest[0], 0)?;
                repeat_in_place(d, n)?;
                Ok(r.clone())
            }),
            m("__reduce__", |vm, s, a, _| {
                let (d, r, _) = this(s, a)?;
                let state = match r.as_obj() {
                    Some(Object::Instance(i)) if !i.attr_names().is_empty() => Value::Obj(i.dict()),
                    _ => Value::None,
                };
                let args = match d.maxlen.get() {
                    Some(n) => new_tuple(vec![new_tuple(Vec::new()), Value::Int(n as i64)]),
                    None => new_tuple(Vec::new()),
                };
                let it = crate::protocol::get_iter(vm, r)?;
                Ok(new_tuple(vec![classes::type_value(r), args, state, it]))
            }),
            ("__hash__", Value::None),
            (
                "__class_getitem__",
                Value::obj(NewObject::ClassMethod(crate::object::heap::builtin_fn(
                    "__class_getitem__",
                    crate::types::generic_alias::class_getitem,
                ))),
            ),
        ];
        crate::object::native::class("collections", "deque", attrs)
    })
}

fn copy(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (d, r, _) = this(s, a)?;
    let cls = classes::type_value(r);
    if cls.is(&deque_class()) {
        return Ok(new_deque(&cls, d.items.borrow().clone(), d.maxlen.get()));
    }
    match d.maxlen.get() {
        Some(n) => crate::protocol::call(vm, &cls, &[r.clone(), Value::Int(n as i64)], &[]),
        None => crate::protocol::call(vm, &cls, std::slice::from_ref(r), &[]),
    }
}

/// The items `n` times over, the maximum length kept.
fn repeat_in_place(d: &Deque, n: i64) -> PyResult<()> {
    let one = d.snapshot();
    d.touch();
    if n <= 0 || one.is_empty() {
        d.items.borrow_mut().clear();
        return Ok(());
    }
    let mut n = n as usize;
    match d.maxlen.get() {
        // Only the last `maxlen` items stay: as many copies as cover them.
        Some(m) => n = n.min(m.div_ceil(one.len()).max(1)),
        None if !crate::protocol::ops::fits_in_memory(one.len().saturating_mul(n)) => {
            return raise(ExcKind::MemoryError, "")
        }
        None => {}
    }
    for _ in 1..n {
        for x in &one {
            d.push_back(x.clone());
        }
    }
    Ok(())
}

fn multiply(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (d, r, rest) = this(s, a)?;
    arity("__mul__", rest, 1, 1)?;
    if crate::protocol::ops::int_of(&rest[0]).is_none() && !classes::is_instance(&rest[0]) {
        return Ok(classes::not_implemented());
    }
    let n = position(vm, &rest[0], 0)?;
    let out = new_deque(
        &classes::type_value(r),
        d.items.borrow().clone(),
        d.maxlen.get(),
    );
    if let Some(nd) = data_of::<Deque>(&out) {
        repeat_in_place(nd, n)?;
    }
    Ok(out)
}

fn compare(vm: &mut Vm, s: Option<&Value>, a: &[Value], op: CompareOp) -> PyResult<Value> {
    let (d, _, rest) = this(s, a)?;
    arity("comparison", rest, 1, 1)?;
    let Some(o) = data_of::<Deque>(&rest[0]) else {
        return Ok(classes::not_implemented());
    };
    let (x, y) = (new_list(d.snapshot()), new_list(o.snapshot()));
    crate::protocol::compare(vm, op, &x, &y)
}

/// A deque iterator's state.
struct DequeIter {
    deque: Value,
    index: Cell<usize>,
    state: u64,
    reverse: bool,
}

impl NativeData for DequeIter {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.deque, visit);
    }
}

fn new_iterator(r: &Value, d: &Deque, reverse: bool, index: usize) -> Value {
    crate::object::native::new(
        iterator_class(reverse),
        DequeIter {
            deque: r.clone(),
            index: Cell::new(index),
            state: d.state.get(),
            reverse,
        },
    )
}

/// `_deque_iterator` / `_deque_reverse_iterator`.
fn iterator_class(reverse: bool) -> Value {
    let make = || {
        let attrs = vec![
            m("__iter__", |_, s, a, _| {
                Ok(crate::object::args::receiver(s, a)?.0.clone())
            }),
            m("__next__", |_, s, a, _| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                let Some(it) = data_of::<DequeIter>(r) else {
                    return raise(ExcKind::TypeError, "expected a deque iterator");
                };
                let Some(d) = data_of::<Deque>(&it.deque) else {
                    return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
                };
                if d.state.get() != it.state {
                    return raise(ExcKind::RuntimeError, "deque mutated during iteration");
                }
                let i = it.index.get();
                let items = d.items.borrow();
                if i >= items.len() {
                    return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
                }
                it.index.set(i + 1);
                let at = if it.reverse { items.len() - 1 - i } else { i };
                Ok(items[at].clone())
            }),
            m("__length_hint__", |_, s, a, _| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                let left = data_of::<DequeIter>(r)
                    .and_then(|it| {
                        data_of::<Deque>(&it.deque).map(|d| d.len().saturating_sub(it.index.get()))
                    })
                    .unwrap_or(0);
                Ok(Value::Int(left as i64))
            }),
            m("__reduce__", |_, s, a, _| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                let Some(it) = data_of::<DequeIter>(r) else {
                    return raise(ExcKind::TypeError, "expected a deque iterator");
                };
                Ok(new_tuple(vec![
                    classes::type_value(r),
                    new_tuple(vec![it.deque.clone(), Value::Int(it.index.get() as i64)]),
                ]))
            }),
            constructor(|vm, _, a, _| {
                let Some((cls, rest)) = a.split_first() else {
                    return raise(ExcKind::TypeError, "not enough arguments");
                };
                arity("_deque_iterator", rest, 1, 2)?;
                let Some(d) = data_of::<Deque>(&rest[0]) else {
                    return raise(
                        ExcKind::TypeError,
                        "_deque_iterator() argument 1 must be collections.deque",
                    );
                };
                let reverse = cls.is(&iterator_class(true));
                let index = match rest.get(1) {
                    Some(v) => position(vm, v, 0)?.clamp(0, d.len() as i64) as usize,
                    None => 0,
                };
                Ok(new_iterator(&rest[0], d, reverse, index))
            }),
        ];
        let name = if reverse {
            "_deque_reverse_iterator"
        } else {
            "_deque_iterator"
        };
        crate::object::native::class("_collections", name, attrs)
    };
    if reverse {
        crate::object::builtin_types::kept_by_name("_collections._deque_reverse_iterator", make)
    } else {
        crate::object::builtin_types::kept_by_name("_collections._deque_iterator", make)
    }
}

// ---- defaultdict -----------------------------------------------------------

/// The `default_factory` of a defaultdict (None when unset).
fn factory_of(v: &Value) -> Value {
    match v.as_obj() {
        Some(Object::Instance(i)) => i.get_attr("default_factory").unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// `defaultdict`: a `dict` subclass defined here, whose instances are
/// dict instances with the factory as an attribute.
pub fn defaultdict_class() -> Value {
    crate::object::builtin_types::kept_by_name("collections.defaultdict", || {
        let attrs = vec![
            m("__init__", |vm, s, a, kw| {
                let (r, rest) = crate::object::args::receiver(s, a)?;
                let (factory, rest) = match rest.split_first() {
                    Some((f, rest)) => (f.clone(), rest),
                    None => (Value::None, rest),
                };
                if !matches!(factory, Value::None) && !classes::is_callable(&factory) {
                    return raise(
                        ExcKind::TypeError,
                        "first argument must be callable or None",
                    );
                }
                if let Some(Object::Instance(i)) = r.as_obj() {
                    i.set_attr("default_factory", factory);
                }
                let dict_type = classes::type_object(TypeKind::Dict);
                let init = crate::protocol::getattr(vm, &dict_type, "__init__")?;
                let mut args = vec![r.clone()];
                args.extend(rest.iter().cloned());
                let names: Vec<Rc<str>> = kw.iter().map(|(k, _)| k.clone()).collect();
                args.extend(kw.iter().map(|(_, v)| v.clone()));
                crate::protocol::call(vm, &init, &args, &names)
            }),
            m("__missing__", |vm, s, a, _| {
                let (r, rest) = crate::object::args::receiver(s, a)?;
                arity("__missing__", rest, 1, 1)?;
                let factory = factory_of(r);
                if matches!(factory, Value::None) {
                    return Err(PyErr::with_args(ExcKind::KeyError, vec![rest[0].clone()]));
                }
                let value = crate::protocol::call(vm, &factory, &[], &[])?;
                crate::protocol::setitem(vm, r, &rest[0], value.clone())?;
                Ok(value)
            }),
            m("__repr__", |vm, s, a, _| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                let factory = factory_of(r);
                let r2 = r.clone();
                let f = crate::protocol::repr::guarded(vm, &r2, "", "", |vm| {
                    crate::protocol::repr::repr(vm, &factory)
                })?;
                let f = if f == "..." { "...".to_string() } else { f };
                let dict_type = classes::type_object(TypeKind::Dict);
                let dict_repr = crate::protocol::getattr(vm, &dict_type, "__repr__")?;
                let body = crate::protocol::call(vm, &dict_repr, std::slice::from_ref(r), &[])?;
                let body = crate::object::heap::as_str(&body)
                    .unwrap_or("{}")
                    .to_string();
                let name = classes::class_name(&classes::type_value(r));
                Ok(new_str(format!("{name}({f}, {body})")))
            }),
            m("copy", dd_copy),
            m("__copy__", dd_copy),
            m("__reduce__", |vm, s, a, _| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                let factory = factory_of(r);
                let args = if matches!(factory, Value::None) {
                    new_tuple(Vec::new())
                } else {
                    new_tuple(vec![factory])
                };
                let items = crate::protocol::getattr(vm, r, "items")?;
                let items = crate::protocol::call(vm, &items, &[], &[])?;
                let it = crate::protocol::get_iter(vm, &items)?;
                Ok(new_tuple(vec![
                    classes::type_value(r),
                    args,
                    Value::None,
                    Value::None,
                    it,
                ]))
            }),
            m("__or__", |vm, s, a, _| {
                let (r, rest) = crate::object::args::receiver(s, a)?;
                arity("__or__", rest, 1, 1)?;
                if !classes::is_instance_of(&rest[0], &classes::type_object(TypeKind::Dict))
                    && !matches!(rest[0].as_obj(), Some(Object::Dict(_)))
                {
                    return Ok(classes::not_implemented());
                }
                let new = dd_copy(vm, Some(r), &[], &[])?;
                let update = crate::protocol::getattr(vm, &new, "update")?;
                crate::protocol::call(vm, &update, std::slice::from_ref(&rest[0]), &[])?;
                Ok(new)
            }),
            m("__ror__", |vm, s, a, _| {
                let (r, rest) = crate::object::args::receiver(s, a)?;
                arity("__ror__", rest, 1, 1)?;
                if !classes::is_instance_of(&rest[0], &classes::type_object(TypeKind::Dict))
                    && !matches!(rest[0].as_obj(), Some(Object::Dict(_)))
                {
                    return Ok(classes::not_implemented());
                }
                let new = crate::protocol::call(
                    vm,
                    &classes::type_value(r),
                    &[factory_of(r), rest[0].clone()],
                    &[],
                )?;
                let update = crate::protocol::getattr(vm, &new, "update")?;
                crate::protocol::call(vm, &update, std::slice::from_ref(r), &[])?;
                Ok(new)
            }),
        ];
        crate::object::classes::new_builtin_class(
            "collections",
            "defaultdict",
            classes::type_object(TypeKind::Dict),
            TypeKind::Dict,
            attrs,
        )
    })
}

fn dd_copy(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, a)?;
    crate::protocol::call(
        vm,
        &classes::type_value(r),
        &[factory_of(r), r.clone()],
        &[],
    )
}

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0)
/// + 1` for each item (`Counter.update`'s loop). A dict, or an instance of a dict subclass whose `get` and
/// `__setitem__` are dict's own, is read and written directly, as
/// CPython's `_count_elements` does (keys with their own `__hash__` and
/// `__eq__` still have them called).
fn count_elements(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("_count_elements", a, 2, 2)?;
    let (mapping, iterable) = (&a[0], &a[1]);
    let direct = match crate::object::instance::unwrap(mapping).as_obj() {
        Some(Object::Dict(_)) => {
            let (t, dict_type) = (
                classes::type_value(mapping),
                crate::object::builtin_types::type_object(TypeKind::Dict),
            );
            ["get", "__setitem__"].iter().all(|name| {
                match (classes::lookup(&t, name), classes::lookup(&dict_type, name)) {
                    (Some(mine), Some(dicts)) => mine.is(&dicts),
                    _ => false,
                }
            })
        }
        _ => false,
    };
    let get = if direct {
        Value::None
    } else {
        crate::protocol::getattr(vm, mapping, "get")?
    };
    let it = crate::protocol::get_iter(vm, iterable)?;
    while let Some(x) = crate::protocol::iter_next(vm, &it)? {
        let dict = match crate::object::instance::unwrap(mapping).as_obj() {
            Some(Object::Dict(d)) if direct => Some(d),
            _ => None,
        };
        let old = match dict {
            Some(d) => crate::protocol::dict_get(vm, d, &x)?.unwrap_or(Value::Int(0)),
            None => crate::protocol::call(vm, &get, &[x.clone(), Value::Int(0)], &[])?,
        };
        let new = match old {
            Value::Int(n) if n < i64::MAX => Value::Int(n + 1),
            old => crate::protocol::binary_values(
                vm,
                taipan_bytecode::opcode::BinaryOp::Add,
                false,
                &old,
                &Value::Int(1),
            )?,
        };
        match dict {
            Some(d) => crate::protocol::dict_set(vm, d, x, new)?,
            None => crate::protocol::setitem(vm, mapping, &x, new)?,
        }
    }
    Ok(Value::None)
}
