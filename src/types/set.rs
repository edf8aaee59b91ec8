//! `set` and `frozenset`, with CPython 3.11's hash table
//! (`Objects/setobject.c`): open addressing with linear probes of 9 then
//! perturbed jumps, dummies for deleted entries, and the same resizing
//! and merging rules, so that iteration order — what `print` shows — is
//! CPython's for the same hashes.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::dict::hash_value;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::SetObj;
use crate::object::heap::{type_name, Object};
use crate::object::set_table::SetTable;
use crate::object::value::Value;
use crate::protocol::to_vec;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

/// The table of a set or frozenset value.
pub fn table_of(v: &Value) -> Option<&RefCell<SetTable>> {
    match v.as_obj() {
        Some(Object::Set(SetObj { table, .. })) => Some(table),
        _ => None,
    }
}

/// Makes a set (or frozenset) value from a table.
pub fn new_set(table: SetTable, frozen: bool) -> Value {
    Value::obj(NewObject::Set {
        table: RefCell::new(table),
        frozen,
    })
}

/// Adds `key` (hashing it) to a table.
pub fn add(table: &mut SetTable, key: Value) -> PyResult<()> {
    let h = hash_value(&key)?;
    table.add_hashed(key, h);
    Ok(())
}

/// `set_update_internal`: sets merge their tables, dicts their keys after
/// one resize, other iterables element by element.
pub fn update(vm: &mut Vm, table: &RefCell<SetTable>, other: &Value) -> PyResult<()> {
    if let Some(t) = table_of(other) {
        let o = t.borrow().clone();
        table.borrow_mut().merge(&o);
        return Ok(());
    }
    if let Some(Object::Dict(d)) = other.as_obj() {
        let keys = d.borrow().keys();
        let mut t = table.borrow_mut();
        if (t.fill + keys.len()) * 5 >= t.mask() * 3 {
            let n = (t.used + keys.len()) * 2;
            t.resize(n);
        }
        for k in keys {
            add(&mut t, k)?;
        }
        return Ok(());
    }
    for k in to_vec(vm, other)? {
        crate::protocol::set_add(vm, table, k)?;
    }
    Ok(())
}

/// `key in s`.
pub fn contains(table: &RefCell<SetTable>, key: &Value) -> PyResult<bool> {
    let key = frozen_key(key);
    let h = hash_value(&key)?;
    Ok(table.borrow().find(&key, h).is_some())
}

/// A set used as a lookup key is looked up as the equal frozenset.
fn frozen_key(key: &Value) -> Value {
    match key.as_obj() {
        Some(Object::Set(SetObj {
            table,
            frozen: false,
        })) => new_set(table.borrow().clone(), true),
        _ => key.clone(),
    }
}

/// `set(iterable)` / `frozenset(iterable)`.
pub fn construct(
    vm: &mut Vm,
    frozen: bool,
    args: &[Value],
    kw: &[(Rc<str>, Value)],
) -> PyResult<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    no_kwargs(name, kw)?;
    arity(name, args, 0, 1)?;
    if frozen {
        if let Some(v @ Value::Obj(_)) = args.first() {
            if matches!(v.as_obj(), Some(Object::Set(SetObj { frozen: true, .. }))) {
                return Ok(v.clone());
            }
        }
    }
    let table = RefCell::new(SetTable::default());
    if let Some(src) = args.first() {
        update(vm, &table, src)?;
    }
    Ok(new_set(table.into_inner(), frozen))
}

/// The hash of a frozenset: CPython's `frozenset_hash`.
pub fn frozenset_hash(table: &SetTable) -> i64 {
    // XOR over the active entries equals CPython's XOR over every slot
    // with the empty and dummy slots' effect removed.
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut hash: u64 = 0;
    for (h, _) in table.entries() {
        hash ^= shuffle(h as u64);
    }
    hash ^= ((table.used as u64).wrapping_add(1)).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let h = hash as i64;
    if h == -1 {
        590923713
    } else {
        h
    }
}

// ---- operators ------------------------------------------------------------

/// Which binary set operation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SetOp {
    Union,
    Intersection,
    Difference,
    SymmetricDifference,
}

pub fn is_set(v: &Value) -> bool {
    table_of(v).is_some()
}

fn frozen_of(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Set(SetObj { frozen: true, .. })))
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` (and the methods, whose `other`
/// may be any iterable); the result has `a`'s type.
pub fn binary(vm: &mut Vm, op: SetOp, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(ta) = table_of(a) else {
        return raise(ExcKind::TypeError, "set operation on a non-set");
    };
    let frozen = frozen_of(a);
    let result = match op {
        SetOp::Union => {
            let r = RefCell::new(SetTable::default());
            let copy = ta.borrow().clone();
            r.borrow_mut().merge(&copy);
            update(vm, &r, b)?;
            r.into_inner()
        }
        SetOp::Intersection => {
            let mut r = SetTable::default();
            match table_of(b) {
                Some(tb) => {
                    let (big, small) = if tb.borrow().used > ta.borrow().used {
                        (tb.borrow().clone(), ta.borrow().clone())
                    } else {
                        (ta.borrow().clone(), tb.borrow().clone())
                    };
                    for (h, k) in small.entries() {
                        if big.find(k, h).is_some() {
                            r.add_hashed(k.clone(), h);
                        }
                    }
                }
                None => {
                    let this = ta.borrow().clone();
                    for k in to_vec(vm, b)? {
                        let h = hash_value(&k)?;
                        if this.find(&k, h).is_some() {
                            r.add_hashed(k, h);
                        }
                    }
                }
            }
            r
        }
        SetOp::Difference => {
            let other_size = match (table_of(b), b.as_obj()) {
                (Some(tb), _) => Some(tb.borrow().used),
                (None, Some(Object::Dict(d))) => Some(d.borrow().len()),
                _ => None,
            };
            let this = ta.borrow().clone();
            match other_size {
                Some(n) if (this.used >> 2) <= n => {
                    let mut r = SetTable::default();
                    let other = match table_of(b) {
                        Some(tb) => tb.borrow().clone(),
                        None => {
                            let t = RefCell::new(SetTable::default());
                            update(vm, &t, b)?;
                            t.into_inner()
                        }
                    };
                    for (h, k) in this.entries() {
                        if other.find(k, h).is_none() {
                            r.add_hashed(k.clone(), h);
                        }
                    }
                    r
                }
                _ => {
                    let mut r = SetTable::default();
                    r.merge(&this);
                    for k in to_vec(vm, b)? {
                        let h = hash_value(&k)?;
                        r.discard_hashed(&k, h);
                    }
                    r.purge_dummies();
                    r
                }
            }
        }
        SetOp::SymmetricDifference => {
            // CPython: a copy of `b` updated with `a`.
            let r = RefCell::new(SetTable::default());
            update(vm, &r, b)?;
            let this = ta.borrow().clone();
            let mut r = r.into_inner();
            for (h, k) in this.entries() {
                if !r.discard_hashed(k, h) {
                    r.add_hashed(k.clone(), h);
                }
            }
            r
        }
    };
    Ok(new_set(result, frozen))
}

/// The in-place forms (`|=`, `&=`, `-=`, `^=` and the `*_update`
/// methods) on a set's own table.
pub fn update_in_place(vm: &mut Vm, op: SetOp, a: &Value, b: &Value) -> PyResult<()> {
    let Some(ta) = table_of(a) else {
        return raise(ExcKind::TypeError, "set operation on a non-set");
    };
    match op {
        SetOp::Union => update(vm, ta, b),
        SetOp::Difference => {
            for k in to_vec(vm, b)? {
                let h = hash_value(&k)?;
                ta.borrow_mut().discard_hashed(&k, h);
            }
            ta.borrow_mut().purge_dummies();
            Ok(())
        }
        SetOp::Intersection | SetOp::SymmetricDifference => {
            let r = binary(vm, op, a, b)?;
            if let Some(tr) = table_of(&r) {
                let t = tr.borrow().clone();
                *ta.borrow_mut() = t;
            }
            Ok(())
        }
    }
}

/// The set operator a BINARY_OP argument stands for, if any.
pub fn op_of(op: taipan_bytecode::opcode::BinaryOp) -> Option<SetOp> {
    use taipan_bytecode::opcode::BinaryOp::*;
    match op {
        Or => Some(SetOp::Union),
        And => Some(SetOp::Intersection),
        Subtract => Some(SetOp::Difference),
        Xor => Some(SetOp::SymmetricDifference),
        _ => None,
    }
}

/// BINARY_OP with a set operand: both must be sets (or frozensets).
pub fn binary_op(
    vm: &mut Vm,
    op: taipan_bytecode::opcode::BinaryOp,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> Option<PyResult<Value>> {
    let sop = op_of(op)?;
    if !is_set(a) || !is_set(b) {
        return None;
    }
    if inplace && !frozen_of(a) {
        return Some(update_in_place(vm, sop, a, b).map(|()| a.clone()));
    }
    Some(binary(vm, sop, a, b))
}

/// `==`, `<=`, `<`, … between sets: subset relations.
pub fn compare(op: taipan_bytecode::opcode::CompareOp, a: &Value, b: &Value) -> Option<bool> {
    use taipan_bytecode::opcode::CompareOp::*;
    let (ta, tb) = (table_of(a)?.borrow(), table_of(b)?.borrow());
    let subset = |x: &SetTable, y: &SetTable| {
        x.used <= y.used && x.entries().all(|(h, k)| y.find(k, h).is_some())
    };
    Some(match op {
        Eq => ta.used == tb.used && subset(&ta, &tb),
        Ne => !(ta.used == tb.used && subset(&ta, &tb)),
        Le => subset(&ta, &tb),
        Lt => ta.used < tb.used && subset(&ta, &tb),
        Ge => subset(&tb, &ta),
        Gt => tb.used < ta.used && subset(&tb, &ta),
    })
}

/// `repr` of a set: `{1, 2}`, `set()`, `frozenset({1})`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let Some(Object::Set(SetObj { table, frozen })) = v.as_obj() else {
        return Ok(String::new());
    };
    let items = table.borrow().items();
    if items.is_empty() {
        return Ok(if *frozen { "frozenset()" } else { "set()" }.into());
    }
    let mut parts = Vec::with_capacity(items.len());
    for i in &items {
        parts.push(crate::protocol::repr::repr(vm, i)?);
    }
    let body = format!("{{{}}}", parts.join(", "));
    Ok(if *frozen {
        format!("frozenset({body})")
    } else {
        body
    })
}

// ---- methods ----------------------------------------------------------------

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The methods of `frozenset`, which `set` has too.
pub const FROZENSET_MEMBERS: &[Member] = &[
    Member::Method("union", m_union),
    Member::Method("intersection", m_intersection),
    Member::Method("difference", m_difference),
    Member::Method("symmetric_difference", m_symmetric_difference),
    Member::Method("issubset", m_issubset),
    Member::Method("issuperset", m_issuperset),
    Member::Method("isdisjoint", m_isdisjoint),
    Member::Method("copy", m_copy),
];

/// The methods only `set` has.
pub const SET_MUTATORS: &[Member] = &[
    Member::Method("add", m_add),
    Member::Method("remove", m_remove),
    Member::Method("discard", m_discard),
    Member::Method("pop", m_pop),
    Member::Method("clear", m_clear),
    Member::Method("update", m_update),
    Member::Method("intersection_update", m_intersection_update),
    Member::Method("difference_update", m_difference_update),
    Member::Method("symmetric_difference_update", m_symmetric_difference_update),
];

fn this(s: Option<&Value>) -> PyResult<&Value> {
    match s {
        Some(v) if is_set(v) => Ok(v),
        _ => raise(ExcKind::TypeError, "descriptor requires a 'set' object"),
    }
}

fn table(s: Option<&Value>) -> PyResult<&RefCell<SetTable>> {
    this(s).map(|v| table_of(v).unwrap_or_else(|| unreachable_table()))
}

fn unreachable_table() -> &'static RefCell<SetTable> {
    thread_local! {
        static EMPTY: &'static RefCell<SetTable> = Box::leak(Box::new(RefCell::new(SetTable::default())));
    }
    EMPTY.with(|e| *e)
}

/// Applies `op` to the set and each argument in turn.
fn multi(vm: &mut Vm, s: Option<&Value>, args: &[Value], op: SetOp) -> PyResult<Value> {
    let mut acc = this(s)?.clone();
    if args.is_empty() {
        let t = table_of(&acc)
            .map(|t| t.borrow().clone())
            .unwrap_or_default();
        let mut c = SetTable::default();
        c.merge(&t);
        return Ok(new_set(c, frozen_of(&acc)));
    }
    for a in args {
        acc = binary(vm, op, &acc, a)?;
    }
    Ok(acc)
}

fn m_union(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    multi(vm, s, args, SetOp::Union)
}

fn m_intersection(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    multi(vm, s, args, SetOp::Intersection)
}

fn m_difference(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    multi(vm, s, args, SetOp::Difference)
}

fn m_symmetric_difference(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    arity("symmetric_difference", args, 1, 1)?;
    binary(vm, SetOp::SymmetricDifference, this(s)?, &args[0])
}

/// The argument as a set table (sets directly, other iterables collected).
fn as_table(vm: &mut Vm, v: &Value) -> PyResult<SetTable> {
    if let Some(t) = table_of(v) {
        return Ok(t.borrow().clone());
    }
    let t = RefCell::new(SetTable::default());
    update(vm, &t, v)?;
    Ok(t.into_inner())
}

fn m_issubset(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("issubset", args, 1, 1)?;
    let other = as_table(vm, &args[0])?;
    let t = table(s)?.borrow();
    let r = t.entries().all(|(h, k)| other.find(k, h).is_some());
    Ok(Value::Bool(r))
}

fn m_issuperset(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("issuperset", args, 1, 1)?;
    let other = as_table(vm, &args[0])?;
    let t = table(s)?.borrow();
    let r = other.entries().all(|(h, k)| t.find(k, h).is_some());
    Ok(Value::Bool(r))
}

fn m_isdisjoint(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("isdisjoint", args, 1, 1)?;
    let other = as_table(vm, &args[0])?;
    let t = table(s)?.borrow();
    let r = t.entries().all(|(h, k)| other.find(k, h).is_none());
    Ok(Value::Bool(r))
}

fn m_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("copy", kw)?;
    arity("copy", args, 0, 0)?;
    let v = this(s)?;
    let mut c = SetTable::default();
    c.merge(&table(s)?.borrow());
    Ok(new_set(c, frozen_of(v)))
}

fn m_add(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("add", kw)?;
    arity("add", args, 1, 1)?;
    crate::protocol::set_add(vm, table(s)?, args[0].clone())?;
    Ok(Value::None)
}

/// The element to look up and its hash (user-defined `__hash__` through
/// the VM, matched to an equal element present).
fn element(vm: &mut Vm, t: &RefCell<SetTable>, key: &Value) -> PyResult<(Value, i64)> {
    if let Some(found) = crate::protocol::user_key(vm, key, |h| t.borrow().keys_with_hash(h))? {
        return Ok(found);
    }
    let key = frozen_key(key);
    let h = hash_value(&key)?;
    Ok((key, h))
}

fn m_remove(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("remove", kw)?;
    arity("remove", args, 1, 1)?;
    let (key, h) = element(vm, table(s)?, &args[0])?;
    if !table(s)?.borrow_mut().discard_hashed(&key, h) {
        return Err(PyErr::with_args(ExcKind::KeyError, vec![args[0].clone()]));
    }
    Ok(Value::None)
}

fn m_discard(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("discard", kw)?;
    arity("discard", args, 1, 1)?;
    let (key, h) = element(vm, table(s)?, &args[0])?;
    table(s)?.borrow_mut().discard_hashed(&key, h);
    Ok(Value::None)
}

fn m_pop(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("pop", kw)?;
    arity("pop", args, 0, 0)?;
    match table(s)?.borrow_mut().pop() {
        Some(v) => Ok(v),
        None => raise(ExcKind::KeyError, "pop from an empty set"),
    }
}

fn m_clear(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("clear", kw)?;
    arity("clear", args, 0, 0)?;
    let old = std::mem::take(&mut *table(s)?.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn m_update(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let t = table(s)?;
    for a in args {
        update(vm, t, a)?;
    }
    Ok(Value::None)
}

fn in_place(vm: &mut Vm, s: Option<&Value>, args: &[Value], op: SetOp) -> PyResult<Value> {
    let v = this(s)?.clone();
    for a in args {
        update_in_place(vm, op, &v, a)?;
    }
    Ok(Value::None)
}

fn m_intersection_update(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    in_place(vm, s, args, SetOp::Intersection)
}

fn m_difference_update(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    in_place(vm, s, args, SetOp::Difference)
}

fn m_symmetric_difference_update(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    arity("symmetric_difference_update", args, 1, 1)?;
    in_place(vm, s, args, SetOp::SymmetricDifference)
}

/// The TypeError for `set & list` and friends.
pub fn unsupported(op: &str, a: &Value, b: &Value) -> Box<PyErr> {
    PyErr::new(
        ExcKind::TypeError,
        format!(
            "unsupported operand type(s) for {op}: '{}' and '{}'",
            type_name(a),
            type_name(b)
        ),
    )
}
