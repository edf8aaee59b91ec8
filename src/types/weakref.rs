//! `weakref.ref` and `weakref.proxy` as types: their slot table. A
//! proxy forwards every operation to its referent; the references
//! themselves, and their clearing when a referent dies, are the object
//! layer's (`object::weakref`).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{type_name, Object};
use crate::object::value::Value;
use crate::object::weakref::{proxied, RefKind};

/// The target of proxy `v`, or None for a `ref`.
fn proxy_target(v: &Value) -> PyResult<Option<Value>> {
    proxied(v).transpose()
}

/// The slots of weak references: a proxy forwards every operation to its
/// target (ReferenceError once it is gone); a `ref` hashes as its target
/// and supports nothing else.
pub const SLOTS: crate::object::type_slots::Slots = {
    use crate::object::type_slots::Slots;
    use crate::protocol as p;
    use crate::protocol::slots;
    Slots {
        truth: Some(|vm, v| match proxy_target(v)? {
            Some(t) => p::truthy(vm, &t),
            None => Ok(true),
        }),
        len: Some(|vm, v| match proxy_target(v)? {
            Some(t) => p::len(vm, &t),
            None => slots::no_len(v),
        }),
        hash: Some(|vm, v| match v.as_obj() {
            Some(Object::WeakRef(w)) if w.kind == RefKind::Ref => {
                w.hash(|target| p::hash(vm, target))
            }
            _ => raise(
                ExcKind::TypeError,
                format!("unhashable type: '{}'", type_name(v)),
            ),
        }),
        iter: Some(|vm, v| match proxy_target(v)? {
            Some(t) => p::get_iter(vm, &t),
            None => slots::not_iterable(v),
        }),
        next: Some(|vm, v| match proxy_target(v)? {
            Some(t) => p::iter_next(vm, &t),
            None => slots::not_an_iterator(v),
        }),
        getitem: Some(|vm, v, k| match proxy_target(v)? {
            Some(t) => p::getitem(vm, &t, k),
            None => slots::not_subscriptable(v),
        }),
        setitem: Some(|vm, v, k, x| match proxy_target(v)? {
            Some(t) => p::setitem(vm, &t, k, x),
            None => slots::no_item_assignment(v),
        }),
        delitem: Some(|vm, v, k| match proxy_target(v)? {
            Some(t) => p::delitem(vm, &t, k),
            None => slots::no_item_deletion(v, k),
        }),
        contains: Some(|vm, v, x| match proxy_target(v)? {
            Some(t) => p::contains(vm, &t, x),
            None => p::contains_by_iteration(vm, v, x),
        }),
        repr: Some(crate::protocol::repr::builtin_repr),
        // A proxy prints as its target.
        str: Some(|vm, v| match proxy_target(v)? {
            Some(t) => crate::protocol::repr::str_of(vm, &t),
            None => crate::protocol::repr::builtin_repr(vm, v),
        }),
        binary: Some(crate::protocol::operator_slots::proxy_binary),
        inplace: Some(crate::protocol::operator_slots::proxy_inplace),
        compare: Some(crate::protocol::operator_slots::proxy_compare),
        unary: Some(crate::protocol::operator_slots::proxy_unary),
        len_builtin: None,
    }
};
