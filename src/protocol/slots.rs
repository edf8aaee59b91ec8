//! Type slots: one function pointer per protocol operation (truth,
//! `len`, `hash`, `iter`, `next`, subscripts, `in`) for every type, the
//! road every such operation takes (CPython's `tp_*` / `sq_*` / `mp_*`).
//!
//! `protocols` asks [`of`] for the slots of a value's type and calls the
//! one it needs; it no longer asks whether the value is an instance. The
//! built-in types fill their slots natively (the tables below); a class
//! fills them from its special methods, computed once per version tag
//! ([`class_slots`]): a slot is set when the class's MRO defines the
//! method, and its function (`dunder_*`) calls that method. So `len(d)`
//! for `class D(dict)`, for a user `__len__` and for a dict takes the same
//! road, and `len(C)` reaches a metaclass's `__len__` because a class's
//! slots are its metaclass's. Native types written as a method table
//! (`mapping_proxy`) use the `dunder_*` functions too.
//!
//! A missing slot means the type does not support the operation, and the
//! protocol raises CPython's TypeError (or takes CPython's fallback:
//! truth is true, `iter` of a type with only `__getitem__` walks indices,
//! `in` iterates).

use crate::object::classes::{self, call_dunder, Class};
use crate::object::exceptions::{err_matches, raise, ExcKind, PyResult};
use crate::object::heap::{type_name, DictViewObj, Object, RangeObj, SetObj};
use crate::object::type_slots::{
    ContainsSlot, DelItemSlot, GetItemSlot, IterSlot, LenSlot, NextSlot, SetItemSlot, Slots,
    TextSlot, TruthSlot,
};
use crate::object::value::Value;
use crate::protocol;
use crate::protocol::operator_slots as opslots;
use crate::protocol::ops;
use crate::vm::Vm;

/// The slots of `v`'s type.
#[inline]
pub fn of(v: &Value) -> Slots {
    pick(v, |s| *s)
}

/// One slot (or a few) of `v`'s type, read where the table lies, without
/// copying the table: `slots::pick(v, |s| s.len)`.
#[inline(always)]
pub fn pick<T>(v: &Value, slot: impl FnOnce(&Slots) -> T) -> T {
    let Value::Obj(o) = v else {
        return slot(&BUILTIN);
    };
    match o.get() {
        Object::Instance(i) => pick_class(i.class(), slot),
        Object::Class(c) => match c.metaclass.as_ref().and_then(Value::as_obj) {
            Some(Object::Class(meta)) => pick_class(meta, slot),
            _ => slot(&TYPE),
        },
        Object::WeakRef(_) => slot(&crate::types::weakref::SLOTS),
        Object::MappingProxy(_) => slot(&DUNDERS),
        Object::LongRange(_) => slot(&crate::types::long_range::SLOTS),
        Object::MemoryView(_) => slot(&crate::types::memoryview::SLOTS),
        Object::Native(n) => match n.class.as_obj() {
            Some(Object::Class(c)) => pick_class(c, slot),
            _ => slot(&BUILTIN),
        },
        Object::Generator(_) => slot(crate::object::upcalls::generator_slots()),
        Object::Lazy(_) => slot(&crate::types::iterator_adapters::LAZY_SLOTS),
        Object::Iter(_) => slot(&BUILTIN_ITERATOR),
        _ => slot(&BUILTIN),
    }
}

/// The slots of the values whose type is `c` (a class whose instances
/// are `Object::Instance`s, or a metaclass), from the special methods its
/// MRO defines; cached for the class's version tag.
#[inline]
pub fn class_slots(c: &Class) -> Slots {
    pick_class(c, |s| *s)
}

/// [`pick`] for a class's cached table, worked out again first when the
/// class changed.
#[inline(always)]
fn pick_class<T>(c: &Class, slot: impl FnOnce(&Slots) -> T) -> T {
    let cell = c.type_slots.get();
    // SAFETY: the table is replaced only here, before any reference to
    // it is made, and `slot` only reads it (it is a projection: no
    // Python code runs while the reference lives).
    unsafe {
        if (*cell).0 != c.version() {
            let slots = slots_from_dunders(c);
            *cell = (c.version(), slots);
        }
        slot(&(*cell).1)
    }
}

/// [`class_slots`] worked out. A slot whose special method the class
/// inherits from a built-in type keeps that type's native function when
/// there is one (a metaclass's `repr` is `type`'s); otherwise it calls
/// the special method, whoever defines it.
#[inline(never)]
fn slots_from_dunders(c: &Class) -> Slots {
    let native = (c.builtin_base == crate::object::heap::TypeKind::Type).then_some(TYPE);
    let found = |name| classes::lookup_in(c, name);
    let defines = |name| !matches!(found(name), None | Some(Value::None));
    let in_python = |name| {
        !matches!(
            found(name).as_ref().and_then(Value::as_obj),
            Some(Object::Builtin(_) | Object::MethodDescr(_))
        )
    };
    // `__iter__ = None` and `__hash__ = None` say "not iterable" and
    // "unhashable": the slot is set and its function raises.
    let declares = |name| found(name).is_some();
    let mut slots = Slots {
        truth: (defines("__bool__") || defines("__len__")).then_some(dunder_truth as TruthSlot),
        len: defines("__len__").then_some(dunder_len as LenSlot),
        len_builtin: None,
        hash: Some(dunder_hash),
        iter: declares("__iter__").then_some(dunder_iter as IterSlot),
        next: defines("__next__").then_some(dunder_next as NextSlot),
        getitem: defines("__getitem__").then_some(dunder_getitem as GetItemSlot),
        setitem: defines("__setitem__").then_some(dunder_setitem as SetItemSlot),
        delitem: defines("__delitem__").then_some(dunder_delitem as DelItemSlot),
        contains: defines("__contains__").then_some(dunder_contains as ContainsSlot),
        repr: Some(dunder_repr),
        str: if inherits_object_str(found("__str__")) {
            Some(object_str)
        } else {
            defines("__str__").then_some(dunder_str as TextSlot)
        },
        binary: Some(opslots::dunder_binary),
        inplace: Some(opslots::dunder_inplace),
        compare: Some(opslots::dunder_compare),
        unary: Some(opslots::dunder_unary),
    };
    // A native type's built-in `__len__` (and no `__bool__`): `len` and
    // truth call it directly.
    if let Some(Object::Builtin(b)) = found("__len__").as_ref().and_then(Value::as_obj) {
        slots.len_builtin = Some(b.func);
        slots.len = Some(native_method_len);
        if !declares("__bool__") {
            slots.truth = Some(native_method_len_truth);
        }
    }
    if let Some(n) = native {
        slots.binary = Some(opslots::metaclass_binary);
        if !in_python("__hash__") {
            slots.hash = n.hash;
        }
        if !in_python("__repr__") {
            slots.repr = n.repr;
        }
        if !in_python("__str__") {
            slots.str = n.str;
        }
    }
    slots
}

/// The slots of a native type written as a method table
/// (`mapping_proxy`): every one calls the special method of the type's
/// dict.
pub const DUNDERS: Slots = Slots {
    truth: Some(dunder_truth),
    len: Some(dunder_len),
    hash: Some(dunder_hash),
    iter: Some(dunder_iter),
    next: Some(dunder_next),
    getitem: Some(dunder_getitem),
    setitem: Some(dunder_setitem),
    delitem: Some(dunder_delitem),
    contains: Some(dunder_contains),
    repr: Some(dunder_repr),
    str: Some(dunder_str),
    binary: Some(opslots::dunder_binary),
    inplace: Some(opslots::dunder_inplace),
    compare: Some(opslots::dunder_compare),
    unary: Some(opslots::dunder_unary),
    len_builtin: None,
};

/// The slots of the built-in types (numbers, strings, containers, views,
/// functions, …): their native operations, which raise CPython's
/// TypeError for the kinds that do not support them.
pub const BUILTIN: Slots = Slots {
    truth: Some(builtin_truth),
    len: Some(builtin_len),
    hash: Some(builtin_hash),
    iter: Some(builtin_iter),
    next: None,
    getitem: Some(builtin_getitem),
    setitem: Some(builtin_setitem),
    delitem: Some(builtin_delitem),
    contains: Some(builtin_contains),
    repr: Some(crate::protocol::repr::builtin_repr),
    str: Some(builtin_str),
    binary: Some(opslots::builtin_binary),
    inplace: Some(opslots::builtin_inplace),
    compare: Some(opslots::builtin_compare),
    unary: Some(opslots::builtin_unary),
    len_builtin: None,
};

/// The slots of the built-in iterators over lists, tuples, strings,
/// ranges, dicts and sets (`Object::Iter`).
const BUILTIN_ITERATOR: Slots = Slots {
    next: Some(builtin_next),
    ..BUILTIN
};

/// The slots of a class whose metaclass is `type`: `C[...]` is
/// `__class_getitem__` (the protocol's fallback for types).
const TYPE: Slots = Slots {
    getitem: None,
    setitem: None,
    delitem: None,
    contains: None,
    len: None,
    repr: Some(|_, v| Ok(classes::class_repr(v))),
    str: None,
    binary: Some(opslots::type_binary),
    inplace: None,
    compare: Some(opslots::type_compare),
    ..BUILTIN
};

fn dunder_truth(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if let Some(r) = call_dunder(vm, v, "__bool__", &[])? {
        return match r {
            Value::Bool(b) => Ok(b),
            _ => raise(
                ExcKind::TypeError,
                format!("__bool__ should return bool, returned {}", type_name(&r)),
            ),
        };
    }
    match call_dunder(vm, v, "__len__", &[])? {
        Some(r) => Ok(len_result(&r)? != 0),
        None => Ok(true),
    }
}

/// Checks what `__len__` returned.
pub fn len_result(r: &Value) -> PyResult<usize> {
    match r {
        Value::Int(n) if *n >= 0 => Ok(*n as usize),
        Value::Int(_) => raise(ExcKind::ValueError, "__len__() should return >= 0"),
        Value::Bool(b) => Ok(*b as usize),
        _ => match ops::int_of(r) {
            Some(ops::IntVal::Big(b)) if num_traits::Signed::is_negative(b) => {
                raise(ExcKind::ValueError, "__len__() should return >= 0")
            }
            Some(_) => raise(
                ExcKind::OverflowError,
                "cannot fit 'int' into an index-sized integer",
            ),
            None => ops::not_an_integer(r),
        },
    }
}

/// `len(v)` of a type whose `__len__` is a built-in method
/// (`Slots::len_builtin`), called with `v` as its receiver.
fn native_method_len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    match pick(v, |s| s.len_builtin) {
        Some(f) => len_result(&f(vm, Some(v), &[], &[])?),
        None => dunder_len(vm, v),
    }
}

/// The truth of such a value (its type has no `__bool__`): a length
/// other than zero.
fn native_method_len_truth(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(native_method_len(vm, v)? != 0)
}

fn dunder_len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    match call_dunder(vm, v, "__len__", &[])? {
        Some(r) => len_result(&r),
        None => no_len(v),
    }
}

/// CPython's TypeError for `len` of a type without `__len__`.
pub fn no_len<T>(v: &Value) -> PyResult<T> {
    raise(
        ExcKind::TypeError,
        format!("object of type '{}' has no len()", type_name(v)),
    )
}

fn dunder_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match call_dunder(vm, v, "__hash__", &[])? {
        None => raise(
            ExcKind::TypeError,
            format!("unhashable type: '{}'", type_name(v)),
        ),
        Some(r) => match ops::int_of(&r) {
            Some(ops::IntVal::Small(h)) => Ok(if h == -1 { -2 } else { h }),
            Some(_) => crate::object::dict::hash_value(&r),
            None => raise(
                ExcKind::TypeError,
                "__hash__ method should return an integer",
            ),
        },
    }
}

fn dunder_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(it) = call_dunder(vm, v, "__iter__", &[])? else {
        return not_iterable(v);
    };
    if of(&it).next.is_none() {
        return raise(
            ExcKind::TypeError,
            format!("iter() returned non-iterator of type '{}'", type_name(&it)),
        );
    }
    Ok(it)
}

/// CPython's TypeError for `iter` of a type that is not iterable.
pub fn not_iterable<T>(v: &Value) -> PyResult<T> {
    raise(
        ExcKind::TypeError,
        format!("'{}' object is not iterable", type_name(v)),
    )
}

fn dunder_next(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    match call_dunder(vm, v, "__next__", &[]) {
        Ok(Some(x)) => Ok(Some(x)),
        Ok(None) => not_an_iterator(v),
        Err(e) if err_matches(&e, ExcKind::StopIteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// CPython's TypeError for `next` of a type that is no iterator.
pub fn not_an_iterator<T>(v: &Value) -> PyResult<T> {
    raise(
        ExcKind::TypeError,
        format!("'{}' object is not an iterator", type_name(v)),
    )
}

fn dunder_getitem(vm: &mut Vm, v: &Value, k: &Value) -> PyResult<Value> {
    match call_dunder(vm, v, "__getitem__", std::slice::from_ref(k))? {
        Some(r) => Ok(r),
        None => not_subscriptable(v),
    }
}

/// CPython's TypeError for `v[k]` of a type without `__getitem__`.
pub fn not_subscriptable<T>(v: &Value) -> PyResult<T> {
    raise(
        ExcKind::TypeError,
        format!("'{}' object is not subscriptable", type_name(v)),
    )
}

fn dunder_setitem(vm: &mut Vm, v: &Value, k: &Value, x: Value) -> PyResult<()> {
    match call_dunder(vm, v, "__setitem__", &[k.clone(), x])? {
        Some(_) => Ok(()),
        None => no_item_assignment(v),
    }
}

/// CPython's TypeError for `v[k] = x` of a type without `__setitem__`.
pub fn no_item_assignment<T>(v: &Value) -> PyResult<T> {
    raise(
        ExcKind::TypeError,
        format!("'{}' object does not support item assignment", type_name(v)),
    )
}

fn dunder_delitem(vm: &mut Vm, v: &Value, k: &Value) -> PyResult<()> {
    match call_dunder(vm, v, "__delitem__", std::slice::from_ref(k))? {
        Some(_) => Ok(()),
        None => no_item_deletion(v, k),
    }
}

/// CPython's TypeError for `del v[k]` of a type without `__delitem__`:
/// worded as its sequence protocol words it ("doesn't") when the type
/// has one and `k` is an index, else as its mapping protocol does.
pub fn no_item_deletion<T>(v: &Value, k: &Value) -> PyResult<T> {
    let index = matches!(k, Value::Int(_) | Value::Bool(_) | Value::Obj(_) if ops::int_of(k).is_some())
        || classes::lookup(&classes::type_value(k), "__index__").is_some();
    let sequence = matches!(
        v.as_obj(),
        Some(
            Object::Instance(_)
                | Object::Str(_)
                | Object::Tuple(_)
                | Object::List(_)
                | Object::Range(_)
                | Object::LongRange(_)
                | Object::Bytes(_)
                | Object::ByteArray(_)
                | Object::Dict(_)
                | Object::Set(_)
                | Object::DictView(_)
                | Object::MappingProxy(_)
        )
    );
    let verb = if index && sequence {
        "doesn't"
    } else {
        "does not"
    };
    raise(
        ExcKind::TypeError,
        format!("'{}' object {verb} support item deletion", type_name(v)),
    )
}

fn dunder_contains(vm: &mut Vm, v: &Value, x: &Value) -> PyResult<bool> {
    match call_dunder(vm, v, "__contains__", std::slice::from_ref(x))? {
        Some(r) => protocol::truthy(vm, &r),
        None => protocol::contains_by_iteration(vm, v, x),
    }
}

fn dunder_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match call_dunder(vm, v, "__repr__", &[])? {
        Some(r) => returned_str(&r, "__repr__"),
        None => Ok(classes::default_repr(vm, v)),
    }
}

fn dunder_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match call_dunder(vm, v, "__str__", &[])? {
        Some(r) => returned_str(&r, "__str__"),
        None => crate::protocol::repr::repr(vm, v),
    }
}

/// Whether `found` is `object.__str__`.
fn inherits_object_str(found: Option<Value>) -> bool {
    let object = classes::type_object(crate::object::heap::TypeKind::Object);
    matches!((found, classes::lookup(&object, "__str__")), (Some(f), Some(o)) if f.is(&o))
}

/// `object.__str__`: the repr, checked as `str()` checks its result.
fn object_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match call_dunder(vm, v, "__repr__", &[])? {
        Some(r) => returned_str(&r, "__str__"),
        None => Ok(classes::default_repr(vm, v)),
    }
}

/// Checks that `__str__` / `__repr__` returned a str.
fn returned_str(r: &Value, method: &str) -> PyResult<String> {
    match crate::object::heap::as_str(r) {
        Some(s) => Ok(s.to_string()),
        None => raise(
            ExcKind::TypeError,
            format!("{method} returned non-string (type {})", type_name(r)),
        ),
    }
}

fn builtin_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v.as_obj() {
        Some(Object::Str(s)) => Ok(s.text.clone()),
        _ => crate::protocol::repr::builtin_repr(vm, v),
    }
}

fn builtin_truth(_: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(ops::truthy(v))
}

/// `len(v)` of the built-in containers (their `len` slot).
fn builtin_len(_: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(match v.as_obj() {
        Some(Object::Str(s)) => s.chars(),
        Some(Object::List(l)) => l.borrow().len(),
        Some(Object::Tuple(t)) => t.len(),
        Some(Object::Dict(d)) => d.borrow().len(),
        Some(Object::Set(SetObj { table, .. })) => table.borrow().len(),
        Some(Object::DictView(DictViewObj { dict, .. })) => match dict.as_obj() {
            Some(Object::Dict(d)) => d.borrow().len(),
            _ => 0,
        },
        Some(Object::Bytes(b)) => b.len(),
        Some(Object::ByteArray(b)) => b.borrow().len(),
        Some(Object::Range(RangeObj { start, stop, step })) => {
            ops::range_len(*start, *stop, *step) as usize
        }
        _ => {
            return raise(
                ExcKind::TypeError,
                format!("object of type '{}' has no len()", type_name(v)),
            )
        }
    })
}

fn builtin_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v.as_obj() {
        // Items with a `__hash__` of their own are hashed through it.
        Some(Object::Tuple(items)) if protocol::has_user_hash(v) => {
            crate::object::dict::tuple_hash(items, |it| protocol::hash(vm, it))
        }
        _ => crate::object::dict::hash_value(v),
    }
}

fn builtin_iter(_: &mut Vm, v: &Value) -> PyResult<Value> {
    crate::types::builtin_iter::get_iter(v)
}

fn builtin_next(_: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    crate::types::builtin_iter::iter_next(v)
}

/// `v[k]` for the built-in containers: dict keys with a user-defined
/// `__hash__` through the VM, indices with `__index__` converted.
fn builtin_getitem(vm: &mut Vm, v: &Value, k: &Value) -> PyResult<Value> {
    if let (Some(Object::Dict(d)), true) = (v.as_obj(), protocol::has_user_hash(k)) {
        return match protocol::dict_get(vm, d, k)? {
            Some(x) => Ok(x),
            None => Err(crate::object::exceptions::PyErr::with_args(
                ExcKind::KeyError,
                vec![k.clone()],
            )),
        };
    }
    if classes::has_dunders(k) {
        let i = protocol::index_value(vm, k)?;
        if !classes::has_dunders(&i) {
            return ops::getitem(v, &i);
        }
    }
    ops::getitem(v, k)
}

/// `v[k] = x` for the built-in containers.
fn builtin_setitem(vm: &mut Vm, v: &Value, k: &Value, x: Value) -> PyResult<()> {
    match (v.as_obj(), k.as_obj()) {
        (Some(Object::ByteArray(_)), _) => crate::types::bytes::setitem(vm, v, k, &x),
        (Some(Object::List(l)), Some(Object::Slice(_))) => {
            let items = match crate::protocol::to_vec(vm, &x) {
                Ok(items) => items,
                Err(_) => return raise(ExcKind::TypeError, "can only assign an iterable"),
            };
            ops::set_slice(l, k, items)
        }
        (Some(Object::Dict(d)), _) if protocol::has_user_hash(k) => {
            protocol::dict_set(vm, d, k.clone(), x)
        }
        _ => ops::setitem(v, k, x),
    }
}

/// `del v[k]` for the built-in containers.
fn builtin_delitem(vm: &mut Vm, v: &Value, k: &Value) -> PyResult<()> {
    if let (Some(Object::Dict(d)), true) = (v.as_obj(), protocol::has_user_hash(k)) {
        return match protocol::dict_remove(vm, d, k)? {
            Some(_) => Ok(()),
            None => Err(crate::object::exceptions::PyErr::with_args(
                ExcKind::KeyError,
                vec![k.clone()],
            )),
        };
    }
    if let Some(Object::ByteArray(_)) = v.as_obj() {
        return crate::types::bytes::delitem(v, k);
    }
    ops::delitem(v, k)
}

/// `x in v` for the built-in containers: elements compared with `==`,
/// which reaches `x`'s `__eq__`; set and dict keys hashed through the VM
/// when `x` defines `__hash__`.
fn builtin_contains(vm: &mut Vm, v: &Value, x: &Value) -> PyResult<bool> {
    if protocol::has_user_hash(x) {
        match v.as_obj() {
            Some(Object::Dict(d)) => return Ok(protocol::dict_get(vm, d, x)?.is_some()),
            Some(Object::Set(crate::object::heap::SetObj { table, .. })) => {
                return Ok(
                    match protocol::user_key(vm, x, |h| table.borrow().keys_with_hash(h))? {
                        Some((k, h)) => table.borrow().contains_hashed(&k, h),
                        None => false,
                    },
                )
            }
            _ => {}
        }
    }
    if classes::has_dunders(x) || matches!(x.as_obj(), Some(Object::Native(_))) {
        let items: Option<Vec<Value>> = match v.as_obj() {
            Some(Object::List(l)) => Some(l.borrow().clone()),
            Some(Object::Tuple(t)) => Some(t.clone()),
            _ => None,
        };
        if let Some(items) = items {
            for y in &items {
                if y.is(x)
                    || protocol::compare_bool(vm, taipan_bytecode::opcode::CompareOp::Eq, y, x)?
                {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    ops::contains(v, x)
}
