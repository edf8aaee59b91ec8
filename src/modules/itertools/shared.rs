//! The itertools objects that share state with others: `groupby` and its
//! `_grouper`s (which read from the groupby's iterator), and `tee`, whose
//! `_tee` iterators share a chain of `_tee_dataobject`s (up to 57 values
//! each) that the fastest reader fills and the slowest lets go of, as in
//! CPython, so that pickling keeps tees that share data sharing it.

use super::{
    ctor_args, get_iter, iterator_class, make, next_of, no_keywords, reduce_value, state_int, stop,
    this, Kw,
};
use crate::object::args::{arity, bind_args};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, new_tuple, Object};
use crate::object::native::{data_of, method as m, NativeData};
use crate::object::value::Value;
use crate::protocol::compare_bool;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use taipan_bytecode::opcode::CompareOp;

fn visit_opt(v: &RefCell<Option<Value>>, visit: &mut crate::object::gc::Visit<'_>) {
    if let Ok(v) = v.try_borrow() {
        if let Some(v) = v.as_ref() {
            crate::object::gc::visit_value(v, visit);
        }
    }
}

// ---- groupby -------------------------------------------------------------

struct GroupBy {
    it: Value,
    keyfunc: Value,
    tgtkey: RefCell<Option<Value>>,
    currkey: RefCell<Option<Value>>,
    currvalue: RefCell<Option<Value>>,
    /// The number of the current grouper (0: none); a grouper reads only
    /// while its number is current.
    current: Cell<u64>,
    made: Cell<u64>,
}

impl NativeData for GroupBy {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.it, visit);
        crate::object::gc::visit_value(&self.keyfunc, visit);
        visit_opt(&self.tgtkey, visit);
        visit_opt(&self.currkey, visit);
        visit_opt(&self.currvalue, visit);
    }
}

/// Reads the next value and its key; false at the end.
fn groupby_step(vm: &mut Vm, g: &GroupBy) -> PyResult<bool> {
    let Some(value) = next_of(vm, &g.it)? else {
        return Ok(false);
    };
    let key = if matches!(g.keyfunc, Value::None) {
        value.clone()
    } else {
        super::call(vm, &g.keyfunc, std::slice::from_ref(&value))?
    };
    *g.currvalue.borrow_mut() = Some(value);
    *g.currkey.borrow_mut() = Some(key);
    Ok(true)
}

/// The `groupby` type.
pub fn groupby_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.groupby", || {
        iterator_class(
            "groupby",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "groupby")?;
                let args = bind_args("groupby", &["iterable", "key"], rest, kw)?;
                let Some(iterable) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "groupby() missing required argument 'iterable' (pos 1)",
                    );
                };
                let data = GroupBy {
                    it: get_iter(vm, iterable)?,
                    keyfunc: args[1].clone().unwrap_or(Value::None),
                    tgtkey: RefCell::new(None),
                    currkey: RefCell::new(None),
                    currvalue: RefCell::new(None),
                    current: Cell::new(0),
                    made: Cell::new(0),
                };
                Ok(make(cls, groupby_class(), data))
            },
            |vm, s, a, _| {
                let (g, r, _) = this::<GroupBy>(s, a, "groupby")?;
                g.current.set(0);
                loop {
                    let curr = g.currkey.borrow().clone();
                    let tgt = g.tgtkey.borrow().clone();
                    match (curr, tgt) {
                        (None, _) => {}
                        (Some(_), None) => break,
                        (Some(c), Some(t)) => {
                            if !compare_bool(vm, CompareOp::Eq, &t, &c)? {
                                break;
                            }
                        }
                    }
                    if !groupby_step(vm, g)? {
                        return stop();
                    }
                }
                let key = g.currkey.borrow().clone().unwrap_or(Value::None);
                *g.tgtkey.borrow_mut() = Some(key.clone());
                let grouper = new_grouper(r, g, key.clone());
                Ok(new_tuple(vec![key, grouper]))
            },
            vec![
                m("__reduce__", |_, s, a, _| {
                    let (g, r, _) = this::<GroupBy>(s, a, "groupby")?;
                    let args = vec![g.it.clone(), g.keyfunc.clone()];
                    let (t, c, v) = (
                        g.tgtkey.borrow().clone(),
                        g.currkey.borrow().clone(),
                        g.currvalue.borrow().clone(),
                    );
                    Ok(match (t, c, v) {
                        (Some(t), Some(c), Some(v)) => {
                            reduce_value(r, args, Some(new_tuple(vec![c, v, t])))
                        }
                        _ => reduce_value(r, args, None),
                    })
                }),
                m("__setstate__", |_, s, a, _| {
                    let (g, _, rest) = this::<GroupBy>(s, a, "groupby")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let items = match rest[0].as_obj() {
                        Some(Object::Tuple(t)) if t.len() == 3 => t.clone(),
                        Some(Object::Tuple(_)) => {
                            return raise(ExcKind::TypeError, "state must be a 3-tuple")
                        }
                        _ => return raise(ExcKind::TypeError, "state is not a tuple"),
                    };
                    *g.currkey.borrow_mut() = Some(items[0].clone());
                    *g.currvalue.borrow_mut() = Some(items[1].clone());
                    *g.tgtkey.borrow_mut() = Some(items[2].clone());
                    Ok(Value::None)
                }),
            ],
        )
    })
}

struct Grouper {
    parent: Value,
    tgtkey: Value,
    id: u64,
}

impl NativeData for Grouper {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.parent, visit);
        crate::object::gc::visit_value(&self.tgtkey, visit);
    }
}

/// A grouper of `parent` for `key`, made the current one.
fn new_grouper(parent: &Value, g: &GroupBy, key: Value) -> Value {
    let id = g.made.get() + 1;
    g.made.set(id);
    g.current.set(id);
    crate::object::native::new(
        grouper_class(),
        Grouper {
            parent: parent.clone(),
            tgtkey: key,
            id,
        },
    )
}

/// The `_grouper` type.
pub fn grouper_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools._grouper", || {
        iterator_class(
            "_grouper",
            |_, _, a, _| {
                let (_, rest) = ctor_args(a, "_grouper")?;
                arity("_grouper", rest, 2, 2)?;
                let Some(g) = data_of::<GroupBy>(&rest[0]) else {
                    return raise(
                        ExcKind::TypeError,
                        "_grouper() argument 1 must be itertools.groupby",
                    );
                };
                Ok(new_grouper(&rest[0], g, rest[1].clone()))
            },
            |vm, s, a, _| {
                let (gr, _, _) = this::<Grouper>(s, a, "_grouper")?;
                let Some(g) = data_of::<GroupBy>(&gr.parent) else {
                    return stop();
                };
                if g.current.get() != gr.id {
                    return stop();
                }
                if g.currvalue.borrow().is_none() && !groupby_step(vm, g)? {
                    return stop();
                }
                let curr = g.currkey.borrow().clone().unwrap_or(Value::None);
                if !compare_bool(vm, CompareOp::Eq, &gr.tgtkey, &curr)? {
                    return stop();
                }
                let value = g.currvalue.borrow_mut().take().unwrap_or(Value::None);
                *g.currkey.borrow_mut() = None;
                Ok(value)
            },
            vec![m("__reduce__", |vm, s, a, _| {
                let (gr, r, _) = this::<Grouper>(s, a, "_grouper")?;
                let current =
                    data_of::<GroupBy>(&gr.parent).is_some_and(|g| g.current.get() == gr.id);
                if !current {
                    let builtins = crate::protocol::import(vm, "builtins")?;
                    let iter = crate::protocol::getattr(vm, &builtins, "iter")?;
                    return Ok(new_tuple(vec![
                        iter,
                        new_tuple(vec![new_tuple(Vec::new())]),
                    ]));
                }
                Ok(reduce_value(
                    r,
                    vec![gr.parent.clone(), gr.tgtkey.clone()],
                    None,
                ))
            })],
        )
    })
}

// ---- tee -----------------------------------------------------------------

/// Values per `_tee_dataobject`, as CPython's `LINKCELLS`.
const LINKCELLS: usize = 57;

struct TeeData {
    it: Value,
    values: RefCell<Vec<Value>>,
    next: RefCell<Option<Value>>,
    running: Cell<bool>,
}

impl NativeData for TeeData {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.it, visit);
        if let Ok(v) = self.values.try_borrow() {
            crate::object::gc::visit_values(v.iter(), visit);
        }
        visit_opt(&self.next, visit);
    }
}

fn new_tee_data(it: Value) -> Value {
    crate::object::native::new(
        tee_data_class(),
        TeeData {
            it,
            values: RefCell::new(Vec::new()),
            next: RefCell::new(None),
            running: Cell::new(false),
        },
    )
}

/// The `_tee_dataobject` type.
pub fn tee_data_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools._tee_dataobject", || {
        let attrs = vec![
            crate::object::native::constructor(|_, _, a, _| {
                let (_, rest) = ctor_args(a, "_tee_dataobject")?;
                let invalid = || raise(ExcKind::ValueError, "Invalid arguments");
                if rest.len() != 3 {
                    return raise(
                        ExcKind::TypeError,
                        "_tee_dataobject() takes exactly 3 arguments",
                    );
                }
                let values = match rest[1].as_obj() {
                    Some(Object::List(l)) => l.borrow().clone(),
                    _ => {
                        return raise(
                            ExcKind::TypeError,
                            "_tee_dataobject() argument 2 must be list",
                        )
                    }
                };
                if values.len() > LINKCELLS {
                    return invalid();
                }
                let next = match &rest[2] {
                    Value::None => None,
                    n if values.len() == LINKCELLS && data_of::<TeeData>(n).is_some() => {
                        Some(n.clone())
                    }
                    _ => return invalid(),
                };
                Ok(crate::object::native::new(
                    tee_data_class(),
                    TeeData {
                        it: rest[0].clone(),
                        values: RefCell::new(values),
                        next: RefCell::new(next),
                        running: Cell::new(false),
                    },
                ))
            }),
            m("__reduce__", |_, s, a, _| {
                let (td, r, _) = this::<TeeData>(s, a, "_tee_dataobject")?;
                let next = td.next.borrow().clone().unwrap_or(Value::None);
                Ok(reduce_value(
                    r,
                    vec![td.it.clone(), new_list(td.values.borrow().clone()), next],
                    None,
                ))
            }),
        ];
        crate::object::native::class("itertools", "_tee_dataobject", attrs)
    })
}

struct Tee {
    data: RefCell<Value>,
    index: Cell<usize>,
}

impl NativeData for Tee {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(d) = self.data.try_borrow() {
            crate::object::gc::visit_value(&d, visit);
        }
    }
}

/// A tee over `iterable`: a copy of it if it is a tee already.
fn tee_from_iterable(vm: &mut Vm, iterable: &Value) -> PyResult<Value> {
    let it = get_iter(vm, iterable)?;
    if let Some(t) = data_of::<Tee>(&it) {
        return Ok(copy_tee(t));
    }
    Ok(crate::object::native::new(
        tee_class(),
        Tee {
            data: RefCell::new(new_tee_data(it)),
            index: Cell::new(0),
        },
    ))
}

fn copy_tee(t: &Tee) -> Value {
    crate::object::native::new(
        tee_class(),
        Tee {
            data: RefCell::new(t.data.borrow().clone()),
            index: Cell::new(t.index.get()),
        },
    )
}

/// The `_tee` type.
pub fn tee_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools._tee", || {
        iterator_class(
            "_tee",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "_tee")?;
                no_keywords(cls, &tee_class(), "_tee", kw)?;
                arity("_tee", rest, 1, 1)?;
                tee_from_iterable(vm, &rest[0])
            },
            |vm, s, a, _| {
                let (t, _, _) = this::<Tee>(s, a, "_tee")?;
                if t.index.get() >= LINKCELLS {
                    let data = t.data.borrow().clone();
                    let Some(td) = data_of::<TeeData>(&data) else {
                        return stop();
                    };
                    let next = td.next.borrow().clone();
                    let next = match next {
                        Some(n) => n,
                        None => {
                            let n = new_tee_data(td.it.clone());
                            *td.next.borrow_mut() = Some(n.clone());
                            n
                        }
                    };
                    *t.data.borrow_mut() = next;
                    t.index.set(0);
                }
                let data = t.data.borrow().clone();
                let Some(td) = data_of::<TeeData>(&data) else {
                    return stop();
                };
                let i = t.index.get();
                let have = td.values.borrow().get(i).cloned();
                let value = match have {
                    Some(v) => v,
                    None => {
                        if td.running.get() {
                            return raise(
                                ExcKind::RuntimeError,
                                "cannot re-enter the tee iterator",
                            );
                        }
                        td.running.set(true);
                        let got = next_of(vm, &td.it);
                        td.running.set(false);
                        let Some(v) = got? else { return stop() };
                        td.values.borrow_mut().push(v.clone());
                        v
                    }
                };
                t.index.set(i + 1);
                Ok(value)
            },
            vec![
                m("__copy__", |_, s, a, _| {
                    let (t, _, _) = this::<Tee>(s, a, "_tee")?;
                    Ok(copy_tee(t))
                }),
                m("__reduce__", |_, s, a, _| {
                    let (t, r, _) = this::<Tee>(s, a, "_tee")?;
                    Ok(reduce_value(
                        r,
                        vec![new_tuple(Vec::new())],
                        Some(new_tuple(vec![
                            t.data.borrow().clone(),
                            Value::Int(t.index.get() as i64),
                        ])),
                    ))
                }),
                m("__setstate__", |vm, s, a, _| {
                    let (t, _, rest) = this::<Tee>(s, a, "_tee")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let items = match rest[0].as_obj() {
                        Some(Object::Tuple(x)) if x.len() == 2 => x.clone(),
                        _ => return raise(ExcKind::TypeError, "state is not a tuple"),
                    };
                    if data_of::<TeeData>(&items[0]).is_none() {
                        return raise(
                            ExcKind::TypeError,
                            "state's first item must be a _tee_dataobject",
                        );
                    }
                    let index = state_int(vm, &items[1])?;
                    if !(0..=LINKCELLS as i64).contains(&index) {
                        return raise(ExcKind::ValueError, "Index out of range");
                    }
                    *t.data.borrow_mut() = items[0].clone();
                    t.index.set(index as usize);
                    Ok(Value::None)
                }),
            ],
        )
    })
}

/// `tee(iterable, n=2)`: `n` independent iterators over one.
pub fn tee(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("tee", kw)?;
    arity("tee", a, 1, 2)?;
    let n = match a.get(1) {
        Some(v) => state_int(vm, v)?,
        None => 2,
    };
    if n < 0 {
        return raise(ExcKind::ValueError, "n must be >= 0");
    }
    if n == 0 {
        return Ok(new_tuple(Vec::new()));
    }
    let it = get_iter(vm, &a[0])?;
    let copyable = match crate::protocol::getattr(vm, &it, "__copy__") {
        Ok(_) => it,
        Err(_) => tee_from_iterable(vm, &it)?,
    };
    let copy = crate::protocol::getattr(vm, &copyable, "__copy__")?;
    let mut out = vec![copyable];
    for _ in 1..n {
        out.push(super::call(vm, &copy, &[])?);
    }
    Ok(new_tuple(out))
}
