//! The itertools iterators that keep their own state: `count`, `cycle`,
//! `repeat`, `accumulate`, `chain`, `compress`, `dropwhile`,
//! `takewhile`, `filterfalse`, `starmap`, `islice`, `pairwise` and
//! `zip_longest`.

use super::{
    call, ctor_args, get_iter, iterator_class, make, next_of, no_keywords, reduce_value, state_int,
    stop, this, Kw,
};
use crate::object::args::{arity, bind_args};
use crate::object::classes;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, new_str, new_tuple, NewObject, Object};
use crate::object::native::{method as m, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::protocol::truthy;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use taipan_bytecode::opcode::BinaryOp;

/// A `RefCell<Option<Value>>` slot reported to the collector.
fn visit_opt(v: &RefCell<Option<Value>>, visit: &mut crate::object::gc::Visit<'_>) {
    if let Ok(v) = v.try_borrow() {
        if let Some(v) = v.as_ref() {
            crate::object::gc::visit_value(v, visit);
        }
    }
}

/// A class's short name, as `repr` shows it (`count`, or a subclass's).
fn short_name(r: &Value) -> String {
    crate::object::classes::class_name(&classes::type_value(r))
}

/// `a + b`.
fn add(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if let Some(z) = x.checked_add(*y) {
            return Ok(Value::Int(z));
        }
    }
    crate::protocol::binary_values(vm, BinaryOp::Add, false, a, b)
}

// ---- count ---------------------------------------------------------------

struct Count {
    cnt: RefCell<Value>,
    step: Value,
}

impl NativeData for Count {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(c) = self.cnt.try_borrow() {
            crate::object::gc::visit_value(&c, visit);
        }
        crate::object::gc::visit_value(&self.step, visit);
    }
}

/// Whether `v` is a number (`PyNumber_Check`).
fn is_number(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => true,
        Value::Obj(o) => match o.get() {
            Object::BigInt(_) | Object::Complex(_) => true,
            Object::Instance(_) | Object::Native(_) => {
                let cls = classes::type_value(v);
                ["__index__", "__int__", "__float__", "__complex__"]
                    .iter()
                    .any(|n| classes::lookup(&cls, n).is_some())
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether the step is the int 1 (left out of `repr` and `__reduce__`).
fn step_is_one(v: &Value) -> bool {
    matches!(int_of(v), Some(IntVal::Small(1)))
}

/// The `count` type.
pub fn count_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.count", || {
        iterator_class(
            "count",
            |_, _, a, kw| {
                let (cls, rest) = ctor_args(a, "count")?;
                let args = bind_args("count", &["start", "step"], rest, kw)?;
                let start = args[0].clone().unwrap_or(Value::Int(0));
                let step = args[1].clone().unwrap_or(Value::Int(1));
                if !is_number(&start) || !is_number(&step) {
                    return raise(ExcKind::TypeError, "a number is required");
                }
                Ok(make(
                    cls,
                    count_class(),
                    Count {
                        cnt: RefCell::new(start),
                        step,
                    },
                ))
            },
            |vm, s, a, _| {
                let (c, _, _) = this::<Count>(s, a, "count")?;
                let cur = c.cnt.borrow().clone();
                let next = add(vm, &cur, &c.step)?;
                *c.cnt.borrow_mut() = next;
                Ok(cur)
            },
            vec![
                m("__repr__", |vm, s, a, _| {
                    let (c, r, _) = this::<Count>(s, a, "count")?;
                    let cnt = crate::protocol::repr::repr(vm, &c.cnt.borrow().clone())?;
                    let name = short_name(r);
                    if step_is_one(&c.step) {
                        return Ok(new_str(format!("{name}({cnt})")));
                    }
                    let step = crate::protocol::repr::repr(vm, &c.step)?;
                    Ok(new_str(format!("{name}({cnt}, {step})")))
                }),
                m("__reduce__", |_, s, a, _| {
                    let (c, r, _) = this::<Count>(s, a, "count")?;
                    let mut args = vec![c.cnt.borrow().clone()];
                    if !step_is_one(&c.step) {
                        args.push(c.step.clone());
                    }
                    Ok(reduce_value(r, args, None))
                }),
            ],
        )
    })
}

// ---- cycle ---------------------------------------------------------------

struct Cycle {
    it: RefCell<Option<Value>>,
    saved: RefCell<Value>,
    index: Cell<usize>,
    firstpass: Cell<bool>,
}

impl NativeData for Cycle {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        visit_opt(&self.it, visit);
        if let Ok(s) = self.saved.try_borrow() {
            crate::object::gc::visit_value(&s, visit);
        }
    }
}

fn list_items(v: &Value) -> Vec<Value> {
    match v.as_obj() {
        Some(Object::List(l)) => l.borrow().clone(),
        _ => Vec::new(),
    }
}

/// The `cycle` type.
pub fn cycle_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.cycle", || {
        iterator_class(
            "cycle",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "cycle")?;
                no_keywords(cls, &cycle_class(), "cycle", kw)?;
                arity("cycle", rest, 1, 1)?;
                let it = get_iter(vm, &rest[0])?;
                let data = Cycle {
                    it: RefCell::new(Some(it)),
                    saved: RefCell::new(new_list(Vec::new())),
                    index: Cell::new(0),
                    firstpass: Cell::new(false),
                };
                Ok(make(cls, cycle_class(), data))
            },
            |vm, s, a, _| {
                let (c, _, _) = this::<Cycle>(s, a, "cycle")?;
                let it = c.it.borrow().clone();
                if let Some(it) = it {
                    if let Some(item) = next_of(vm, &it)? {
                        if !c.firstpass.get() {
                            if let Some(Object::List(l)) = c.saved.borrow().as_obj() {
                                l.borrow_mut().push(item.clone());
                            }
                        }
                        return Ok(item);
                    }
                    *c.it.borrow_mut() = None;
                }
                let saved = list_items(&c.saved.borrow());
                if saved.is_empty() {
                    return stop();
                }
                let i = c.index.get() % saved.len();
                c.index.set((i + 1) % saved.len());
                Ok(saved[i].clone())
            },
            vec![
                m("__reduce__", |vm, s, a, _| {
                    let (c, r, _) = this::<Cycle>(s, a, "cycle")?;
                    let saved = c.saved.borrow().clone();
                    match c.it.borrow().clone() {
                        Some(it) => Ok(reduce_value(
                            r,
                            vec![it],
                            Some(new_tuple(vec![saved, Value::Bool(c.firstpass.get())])),
                        )),
                        None => {
                            let it = get_iter(vm, &saved)?;
                            if c.index.get() != 0 {
                                let setstate = crate::protocol::getattr(vm, &it, "__setstate__")?;
                                super::call(vm, &setstate, &[Value::Int(c.index.get() as i64)])?;
                            }
                            Ok(reduce_value(
                                r,
                                vec![it],
                                Some(new_tuple(vec![saved, Value::Bool(true)])),
                            ))
                        }
                    }
                }),
                m("__setstate__", |vm, s, a, _| {
                    let (c, _, rest) = this::<Cycle>(s, a, "cycle")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let items = match rest[0].as_obj() {
                        Some(Object::Tuple(t)) => t.clone(),
                        _ => return raise(ExcKind::TypeError, "state is not a tuple"),
                    };
                    let (Some(saved), Some(first)) = (items.first(), items.get(1)) else {
                        return raise(ExcKind::TypeError, "state must be (saved, firstpass)");
                    };
                    if !matches!(saved.as_obj(), Some(Object::List(_))) {
                        return raise(ExcKind::TypeError, "state's first item must be a list");
                    }
                    let first = state_int(vm, first)? != 0;
                    *c.saved.borrow_mut() = saved.clone();
                    c.firstpass.set(first);
                    c.index.set(0);
                    Ok(Value::None)
                }),
            ],
        )
    })
}

// ---- repeat --------------------------------------------------------------

struct Repeat {
    element: Value,
    /// Repeats left; -1: for ever.
    cnt: Cell<i64>,
}

impl NativeData for Repeat {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.element, visit);
    }
}

/// The `repeat` type.
pub fn repeat_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.repeat", || {
        iterator_class(
            "repeat",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "repeat")?;
                let args = bind_args("repeat", &["object", "times"], rest, kw)?;
                let Some(element) = args[0].clone() else {
                    return raise(
                        ExcKind::TypeError,
                        "repeat() missing required argument 'object' (pos 1)",
                    );
                };
                let cnt = match &args[1] {
                    None => -1,
                    Some(t) => state_int(vm, t)?.max(0),
                };
                Ok(make(
                    cls,
                    repeat_class(),
                    Repeat {
                        element,
                        cnt: Cell::new(cnt),
                    },
                ))
            },
            |_, s, a, _| {
                let (r, _, _) = this::<Repeat>(s, a, "repeat")?;
                match r.cnt.get() {
                    0 => stop(),
                    -1 => Ok(r.element.clone()),
                    n => {
                        r.cnt.set(n - 1);
                        Ok(r.element.clone())
                    }
                }
            },
            vec![
                m("__length_hint__", |_, s, a, _| {
                    let (r, _, _) = this::<Repeat>(s, a, "repeat")?;
                    match r.cnt.get() {
                        -1 => raise(ExcKind::TypeError, "len() of unsized object"),
                        n => Ok(Value::Int(n)),
                    }
                }),
                m("__repr__", |vm, s, a, _| {
                    let (rp, r, _) = this::<Repeat>(s, a, "repeat")?;
                    let e = crate::protocol::repr::repr(vm, &rp.element)?;
                    let name = short_name(r);
                    Ok(new_str(match rp.cnt.get() {
                        -1 => format!("{name}({e})"),
                        n => format!("{name}({e}, {n})"),
                    }))
                }),
                m("__reduce__", |_, s, a, _| {
                    let (rp, r, _) = this::<Repeat>(s, a, "repeat")?;
                    let mut args = vec![rp.element.clone()];
                    if rp.cnt.get() >= 0 {
                        args.push(Value::Int(rp.cnt.get()));
                    }
                    Ok(reduce_value(r, args, None))
                }),
            ],
        )
    })
}

// ---- accumulate ----------------------------------------------------------

struct Accumulate {
    it: Value,
    func: Value,
    total: RefCell<Option<Value>>,
    initial: RefCell<Option<Value>>,
}

impl NativeData for Accumulate {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.it, visit);
        crate::object::gc::visit_value(&self.func, visit);
        visit_opt(&self.total, visit);
        visit_opt(&self.initial, visit);
    }
}

/// The `accumulate` type.
pub fn accumulate_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.accumulate", || {
        iterator_class(
            "accumulate",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "accumulate")?;
                if rest.len() > 2 {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "accumulate() takes at most 2 positional arguments ({} given)",
                            rest.len()
                        ),
                    );
                }
                let args = bind_args("accumulate", &["iterable", "func", "initial"], rest, kw)?;
                let Some(iterable) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "accumulate() missing required argument 'iterable' (pos 1)",
                    );
                };
                let it = get_iter(vm, iterable)?;
                let initial = args[2].clone().filter(|v| !matches!(v, Value::None));
                let data = Accumulate {
                    it,
                    func: args[1].clone().unwrap_or(Value::None),
                    total: RefCell::new(None),
                    initial: RefCell::new(initial),
                };
                Ok(make(cls, accumulate_class(), data))
            },
            |vm, s, a, _| {
                let (acc, _, _) = this::<Accumulate>(s, a, "accumulate")?;
                if let Some(init) = acc.initial.borrow_mut().take() {
                    *acc.total.borrow_mut() = Some(init.clone());
                    return Ok(init);
                }
                let Some(val) = next_of(vm, &acc.it)? else {
                    return stop();
                };
                let total = acc.total.borrow().clone();
                let new = match total {
                    None => val,
                    Some(t) if matches!(acc.func, Value::None) => add(vm, &t, &val)?,
                    Some(t) => call(vm, &acc.func, &[t, val])?,
                };
                *acc.total.borrow_mut() = Some(new.clone());
                Ok(new)
            },
            vec![
                m("__reduce__", |vm, s, a, _| {
                    let (acc, r, _) = this::<Accumulate>(s, a, "accumulate")?;
                    if let Some(init) = acc.initial.borrow().clone() {
                        let it =
                            call(vm, &chain_class(), &[new_tuple(vec![init]), acc.it.clone()])?;
                        return Ok(reduce_value(
                            r,
                            vec![it, acc.func.clone()],
                            Some(Value::None),
                        ));
                    }
                    let total = acc.total.borrow().clone();
                    if let Some(Value::None) = total {
                        let it = call(
                            vm,
                            &chain_class(),
                            &[new_tuple(vec![Value::None]), acc.it.clone()],
                        )?;
                        let again = call(vm, &classes::type_value(r), &[it, acc.func.clone()])?;
                        return Ok(new_tuple(vec![
                            islice_class(),
                            new_tuple(vec![again, Value::Int(1), Value::None]),
                        ]));
                    }
                    Ok(reduce_value(
                        r,
                        vec![acc.it.clone(), acc.func.clone()],
                        Some(total.unwrap_or(Value::None)),
                    ))
                }),
                m("__setstate__", |_, s, a, _| {
                    let (acc, _, rest) = this::<Accumulate>(s, a, "accumulate")?;
                    arity("__setstate__", rest, 1, 1)?;
                    *acc.total.borrow_mut() = Some(rest[0].clone());
                    Ok(Value::None)
                }),
            ],
        )
    })
}

// ---- chain ---------------------------------------------------------------

struct Chain {
    source: RefCell<Option<Value>>,
    active: RefCell<Option<Value>>,
}

impl NativeData for Chain {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        visit_opt(&self.source, visit);
        visit_opt(&self.active, visit);
    }
}

/// Whether `v` is an iterator (has `__next__`).
fn is_iterator(vm: &mut Vm, v: &Value) -> bool {
    crate::protocol::getattr(vm, v, "__next__").is_ok()
}

/// The `chain` type.
pub fn chain_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.chain", || {
        iterator_class(
            "chain",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "chain")?;
                no_keywords(cls, &chain_class(), "chain", kw)?;
                let source = get_iter(vm, &new_tuple(rest.to_vec()))?;
                let data = Chain {
                    source: RefCell::new(Some(source)),
                    active: RefCell::new(None),
                };
                Ok(make(cls, chain_class(), data))
            },
            |vm, s, a, _| {
                let (c, _, _) = this::<Chain>(s, a, "chain")?;
                loop {
                    let Some(source) = c.source.borrow().clone() else {
                        return stop();
                    };
                    let active = c.active.borrow().clone();
                    let active = match active {
                        Some(it) => it,
                        None => {
                            let Some(iterable) = next_of(vm, &source)? else {
                                *c.source.borrow_mut() = None;
                                return stop();
                            };
                            let it = match get_iter(vm, &iterable) {
                                Ok(it) => it,
                                Err(e) => {
                                    *c.source.borrow_mut() = None;
                                    return Err(e);
                                }
                            };
                            *c.active.borrow_mut() = Some(it.clone());
                            it
                        }
                    };
                    if let Some(item) = next_of(vm, &active)? {
                        return Ok(item);
                    }
                    *c.active.borrow_mut() = None;
                }
            },
            vec![
                (
                    "from_iterable",
                    Value::obj(NewObject::ClassMethod(crate::object::heap::builtin_fn(
                        "from_iterable",
                        |vm, _, a, _| {
                            let (cls, rest) = ctor_args(a, "chain")?;
                            arity("from_iterable", rest, 1, 1)?;
                            let source = get_iter(vm, &rest[0])?;
                            let data = Chain {
                                source: RefCell::new(Some(source)),
                                active: RefCell::new(None),
                            };
                            Ok(make(cls, chain_class(), data))
                        },
                    ))),
                ),
                (
                    "__class_getitem__",
                    Value::obj(NewObject::ClassMethod(crate::object::heap::builtin_fn(
                        "__class_getitem__",
                        crate::types::generic_alias::class_getitem,
                    ))),
                ),
                m("__reduce__", |_, s, a, _| {
                    let (c, r, _) = this::<Chain>(s, a, "chain")?;
                    let source = c.source.borrow().clone();
                    let active = c.active.borrow().clone();
                    Ok(match (source, active) {
                        (Some(src), Some(act)) => {
                            reduce_value(r, vec![], Some(new_tuple(vec![src, act])))
                        }
                        (Some(src), None) => reduce_value(r, vec![], Some(new_tuple(vec![src]))),
                        _ => reduce_value(r, vec![], None),
                    })
                }),
                m("__setstate__", |vm, s, a, _| {
                    let (c, _, rest) = this::<Chain>(s, a, "chain")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let items = match rest[0].as_obj() {
                        Some(Object::Tuple(t)) => t.clone(),
                        _ => return raise(ExcKind::TypeError, "state is not a tuple"),
                    };
                    if items.is_empty() || items.len() > 2 {
                        return raise(ExcKind::TypeError, "state must be (source[, active])");
                    }
                    if !items.iter().all(|v| is_iterator(vm, v)) {
                        return raise(ExcKind::TypeError, "Arguments must be iterators.");
                    }
                    *c.source.borrow_mut() = Some(items[0].clone());
                    *c.active.borrow_mut() = items.get(1).cloned();
                    Ok(Value::None)
                }),
            ],
        )
    })
}

// ---- compress, dropwhile, takewhile, filterfalse, starmap ------------------

/// An iterator and a function or a second iterator.
struct Pair {
    first: Value,
    second: Value,
    flag: Cell<bool>,
}

impl NativeData for Pair {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.first, visit);
        crate::object::gc::visit_value(&self.second, visit);
    }
}

/// The `compress` type.
pub fn compress_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.compress", || {
        iterator_class(
            "compress",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "compress")?;
                let args = bind_args("compress", &["data", "selectors"], rest, kw)?;
                let (Some(d), Some(sel)) = (&args[0], &args[1]) else {
                    return raise(ExcKind::TypeError, "compress() missing required argument");
                };
                let data = Pair {
                    first: get_iter(vm, d)?,
                    second: get_iter(vm, sel)?,
                    flag: Cell::new(false),
                };
                Ok(make(cls, compress_class(), data))
            },
            |vm, s, a, _| {
                let (p, _, _) = this::<Pair>(s, a, "compress")?;
                loop {
                    let Some(d) = next_of(vm, &p.first)? else {
                        return stop();
                    };
                    let Some(sel) = next_of(vm, &p.second)? else {
                        return stop();
                    };
                    if truthy(vm, &sel)? {
                        return Ok(d);
                    }
                }
            },
            vec![m("__reduce__", |_, s, a, _| {
                let (p, r, _) = this::<Pair>(s, a, "compress")?;
                Ok(reduce_value(
                    r,
                    vec![p.first.clone(), p.second.clone()],
                    None,
                ))
            })],
        )
    })
}

/// The constructor of the `(function, iterable)` iterators.
fn func_iter_new(
    vm: &mut Vm,
    a: &[Value],
    kw: Kw<'_>,
    what: &'static str,
    native: Value,
) -> PyResult<Value> {
    let (cls, rest) = ctor_args(a, what)?;
    no_keywords(cls, &native, what, kw)?;
    if rest.len() != 2 {
        return raise(
            ExcKind::TypeError,
            format!("{what} expected 2 arguments, got {}", rest.len()),
        );
    }
    let data = Pair {
        first: get_iter(vm, &rest[1])?,
        second: rest[0].clone(),
        flag: Cell::new(false),
    };
    Ok(make(cls, native, data))
}

/// The `dropwhile` type.
pub fn dropwhile_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.dropwhile", || {
        iterator_class(
            "dropwhile",
            |vm, _, a, kw| func_iter_new(vm, a, kw, "dropwhile", dropwhile_class()),
            |vm, s, a, _| {
                let (p, _, _) = this::<Pair>(s, a, "dropwhile")?;
                loop {
                    let Some(item) = next_of(vm, &p.first)? else {
                        return stop();
                    };
                    if p.flag.get() {
                        return Ok(item);
                    }
                    let keep_dropping = call(vm, &p.second, std::slice::from_ref(&item))?;
                    if !truthy(vm, &keep_dropping)? {
                        p.flag.set(true);
                        return Ok(item);
                    }
                }
            },
            flag_pickling("dropwhile"),
        )
    })
}

/// The `takewhile` type.
pub fn takewhile_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.takewhile", || {
        iterator_class(
            "takewhile",
            |vm, _, a, kw| func_iter_new(vm, a, kw, "takewhile", takewhile_class()),
            |vm, s, a, _| {
                let (p, _, _) = this::<Pair>(s, a, "takewhile")?;
                if p.flag.get() {
                    return stop();
                }
                let Some(item) = next_of(vm, &p.first)? else {
                    return stop();
                };
                let ok = call(vm, &p.second, std::slice::from_ref(&item))?;
                if truthy(vm, &ok)? {
                    return Ok(item);
                }
                p.flag.set(true);
                stop()
            },
            flag_pickling("takewhile"),
        )
    })
}

/// `__reduce__` and `__setstate__` of dropwhile/takewhile: the
/// arguments, and whether the predicate has failed.
fn flag_pickling(_what: &'static str) -> Vec<(&'static str, Value)> {
    vec![
        m("__reduce__", |_, s, a, _| {
            let (p, r, _) = this::<Pair>(s, a, "dropwhile")?;
            Ok(reduce_value(
                r,
                vec![p.second.clone(), p.first.clone()],
                Some(Value::Bool(p.flag.get())),
            ))
        }),
        m("__setstate__", |vm, s, a, _| {
            let (p, _, rest) = this::<Pair>(s, a, "dropwhile")?;
            arity("__setstate__", rest, 1, 1)?;
            p.flag.set(truthy(vm, &rest[0])?);
            Ok(Value::None)
        }),
    ]
}

/// The `filterfalse` type.
pub fn filterfalse_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.filterfalse", || {
        iterator_class(
            "filterfalse",
            |vm, _, a, kw| func_iter_new(vm, a, kw, "filterfalse", filterfalse_class()),
            |vm, s, a, _| {
                let (p, _, _) = this::<Pair>(s, a, "filterfalse")?;
                loop {
                    let Some(item) = next_of(vm, &p.first)? else {
                        return stop();
                    };
                    let ok = if matches!(p.second, Value::None) {
                        truthy(vm, &item)?
                    } else {
                        let r = call(vm, &p.second, std::slice::from_ref(&item))?;
                        truthy(vm, &r)?
                    };
                    if !ok {
                        return Ok(item);
                    }
                }
            },
            vec![m("__reduce__", |_, s, a, _| {
                let (p, r, _) = this::<Pair>(s, a, "filterfalse")?;
                Ok(reduce_value(
                    r,
                    vec![p.second.clone(), p.first.clone()],
                    None,
                ))
            })],
        )
    })
}

/// The `starmap` type.
pub fn starmap_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.starmap", || {
        iterator_class(
            "starmap",
            |vm, _, a, kw| func_iter_new(vm, a, kw, "starmap", starmap_class()),
            |vm, s, a, _| {
                let (p, _, _) = this::<Pair>(s, a, "starmap")?;
                let Some(args) = next_of(vm, &p.first)? else {
                    return stop();
                };
                let args = crate::protocol::to_vec(vm, &args)?;
                call(vm, &p.second, &args)
            },
            vec![m("__reduce__", |_, s, a, _| {
                let (p, r, _) = this::<Pair>(s, a, "starmap")?;
                Ok(reduce_value(
                    r,
                    vec![p.second.clone(), p.first.clone()],
                    None,
                ))
            })],
        )
    })
}

// ---- islice --------------------------------------------------------------

struct Islice {
    it: RefCell<Option<Value>>,
    next: Cell<i64>,
    /// -1: no stop.
    stop: i64,
    step: i64,
    cnt: Cell<i64>,
}

impl NativeData for Islice {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        visit_opt(&self.it, visit);
    }
}

/// `PyNumber_AsSsize_t`, None on any error.
fn ssize(vm: &mut Vm, v: &Value) -> Option<i64> {
    let i = crate::protocol::index_value(vm, v).ok()?;
    match int_of(&i)? {
        IntVal::Small(n) => Some(n),
        IntVal::Big(b) => Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
    }
}

/// The `islice` type.
pub fn islice_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.islice", || {
        iterator_class(
            "islice",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "islice")?;
                no_keywords(cls, &islice_class(), "islice", kw)?;
                if !(2..=4).contains(&rest.len()) {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "islice expected {} 4 arguments, got {}",
                            if rest.len() < 2 {
                                "at least 2"
                            } else {
                                "at most"
                            },
                            rest.len()
                        )
                        .replace("at least 2 4", "at least 2"),
                    );
                }
                const STOP: &str =
                    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
                let (mut start, mut stop_at, mut step) = (0i64, -1i64, 1i64);
                if rest.len() == 2 {
                    if !matches!(rest[1], Value::None) {
                        match ssize(vm, &rest[1]) {
                            Some(n) if n != -1 => stop_at = n,
                            _ => return raise(ExcKind::ValueError, STOP),
                        }
                    }
                } else {
                    if !matches!(rest[1], Value::None) {
                        start = ssize(vm, &rest[1]).unwrap_or(-1);
                    }
                    if !matches!(rest[2], Value::None) {
                        match ssize(vm, &rest[2]) {
                            Some(n) if n != -1 => stop_at = n,
                            _ => return raise(ExcKind::ValueError, STOP),
                        }
                    }
                }
                if start < 0 || stop_at < -1 {
                    return raise(
                        ExcKind::ValueError,
                        "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                    );
                }
                if let Some(st) = rest.get(3) {
                    if !matches!(st, Value::None) {
                        step = ssize(vm, st).unwrap_or(-1);
                    }
                }
                if step < 1 {
                    return raise(
                        ExcKind::ValueError,
                        "Step for islice() must be a positive integer or None.",
                    );
                }
                let it = get_iter(vm, &rest[0])?;
                let data = Islice {
                    it: RefCell::new(Some(it)),
                    next: Cell::new(start),
                    stop: stop_at,
                    step,
                    cnt: Cell::new(0),
                };
                Ok(make(cls, islice_class(), data))
            },
            |vm, s, a, _| {
                let (z, _, _) = this::<Islice>(s, a, "islice")?;
                let Some(it) = z.it.borrow().clone() else {
                    return stop();
                };
                let finish = |z: &Islice| {
                    *z.it.borrow_mut() = None;
                    stop()
                };
                while z.cnt.get() < z.next.get() {
                    if next_of(vm, &it)?.is_none() {
                        return finish(z);
                    }
                    z.cnt.set(z.cnt.get() + 1);
                }
                if z.stop != -1 && z.cnt.get() >= z.stop {
                    return finish(z);
                }
                let Some(item) = next_of(vm, &it)? else {
                    return finish(z);
                };
                z.cnt.set(z.cnt.get() + 1);
                let old = z.next.get();
                let mut next = old.saturating_add(z.step);
                if next < old || (z.stop != -1 && next > z.stop) {
                    next = z.stop;
                }
                z.next.set(next);
                Ok(item)
            },
            vec![
                m("__reduce__", |vm, s, a, _| {
                    let (z, r, _) = this::<Islice>(s, a, "islice")?;
                    match z.it.borrow().clone() {
                        None => {
                            let empty = get_iter(vm, &new_list(Vec::new()))?;
                            Ok(reduce_value(
                                r,
                                vec![empty, Value::Int(0)],
                                Some(Value::Int(0)),
                            ))
                        }
                        Some(it) => {
                            let stop_v = if z.stop == -1 {
                                Value::None
                            } else {
                                Value::Int(z.stop)
                            };
                            Ok(reduce_value(
                                r,
                                vec![it, Value::Int(z.next.get()), stop_v, Value::Int(z.step)],
                                Some(Value::Int(z.cnt.get())),
                            ))
                        }
                    }
                }),
                m("__setstate__", |vm, s, a, _| {
                    let (z, _, rest) = this::<Islice>(s, a, "islice")?;
                    arity("__setstate__", rest, 1, 1)?;
                    z.cnt.set(state_int(vm, &rest[0])?);
                    Ok(Value::None)
                }),
            ],
        )
    })
}

// ---- pairwise ------------------------------------------------------------

struct Pairwise {
    it: RefCell<Option<Value>>,
    old: RefCell<Option<Value>>,
}

impl NativeData for Pairwise {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        visit_opt(&self.it, visit);
        visit_opt(&self.old, visit);
    }
}

/// The `pairwise` type.
pub fn pairwise_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.pairwise", || {
        iterator_class(
            "pairwise",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "pairwise")?;
                no_keywords(cls, &pairwise_class(), "pairwise", kw)?;
                arity("pairwise", rest, 1, 1)?;
                let it = get_iter(vm, &rest[0])?;
                Ok(make(
                    cls,
                    pairwise_class(),
                    Pairwise {
                        it: RefCell::new(Some(it)),
                        old: RefCell::new(None),
                    },
                ))
            },
            |vm, s, a, _| {
                let (p, _, _) = this::<Pairwise>(s, a, "pairwise")?;
                let Some(it) = p.it.borrow().clone() else {
                    return stop();
                };
                let old = p.old.borrow().clone();
                let old = match old {
                    Some(o) => o,
                    None => match next_of(vm, &it)? {
                        Some(o) => {
                            *p.old.borrow_mut() = Some(o.clone());
                            o
                        }
                        None => {
                            *p.it.borrow_mut() = None;
                            return stop();
                        }
                    },
                };
                let Some(new) = next_of(vm, &it)? else {
                    *p.it.borrow_mut() = None;
                    *p.old.borrow_mut() = None;
                    return stop();
                };
                *p.old.borrow_mut() = Some(new.clone());
                Ok(new_tuple(vec![old, new]))
            },
            vec![],
        )
    })
}

// ---- zip_longest -----------------------------------------------------------

struct ZipLongest {
    /// The iterators; None once one is exhausted.
    its: RefCell<Vec<Option<Value>>>,
    active: Cell<usize>,
    fill: RefCell<Value>,
}

impl NativeData for ZipLongest {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let (Ok(its), Ok(fill)) = (self.its.try_borrow(), self.fill.try_borrow()) {
            crate::object::gc::visit_values(its.iter().flatten(), visit);
            crate::object::gc::visit_value(&fill, visit);
        }
    }
}

/// The `zip_longest` type.
pub fn zip_longest_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.zip_longest", || {
        iterator_class(
            "zip_longest",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "zip_longest")?;
                let mut fill = Value::None;
                for (k, v) in kw {
                    if &**k == "fillvalue" {
                        fill = v.clone();
                    } else {
                        return raise(
                            ExcKind::TypeError,
                            "zip_longest() got an unexpected keyword argument",
                        );
                    }
                }
                let mut its = Vec::with_capacity(rest.len());
                for x in rest {
                    its.push(Some(get_iter(vm, x)?));
                }
                let n = its.len();
                let data = ZipLongest {
                    its: RefCell::new(its),
                    active: Cell::new(n),
                    fill: RefCell::new(fill),
                };
                Ok(make(cls, zip_longest_class(), data))
            },
            |vm, s, a, _| {
                let (z, _, _) = this::<ZipLongest>(s, a, "zip_longest")?;
                let n = z.its.borrow().len();
                if n == 0 || z.active.get() == 0 {
                    return stop();
                }
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    let it = z.its.borrow()[i].clone();
                    let item = match it {
                        None => z.fill.borrow().clone(),
                        Some(it) => match next_of(vm, &it) {
                            Ok(Some(x)) => x,
                            Ok(None) => {
                                z.active.set(z.active.get() - 1);
                                if z.active.get() == 0 {
                                    return stop();
                                }
                                z.its.borrow_mut()[i] = None;
                                z.fill.borrow().clone()
                            }
                            Err(e) => {
                                z.active.set(0);
                                return Err(e);
                            }
                        },
                    };
                    out.push(item);
                }
                Ok(new_tuple(out))
            },
            vec![
                m("__reduce__", |_, s, a, _| {
                    let (z, r, _) = this::<ZipLongest>(s, a, "zip_longest")?;
                    let args: Vec<Value> = z
                        .its
                        .borrow()
                        .iter()
                        .map(|it| it.clone().unwrap_or_else(|| new_tuple(Vec::new())))
                        .collect();
                    Ok(reduce_value(r, args, Some(z.fill.borrow().clone())))
                }),
                m("__setstate__", |_, s, a, _| {
                    let (z, _, rest) = this::<ZipLongest>(s, a, "zip_longest")?;
                    arity("__setstate__", rest, 1, 1)?;
                    *z.fill.borrow_mut() = rest[0].clone();
                    Ok(Value::None)
                }),
            ],
        )
    })
}
