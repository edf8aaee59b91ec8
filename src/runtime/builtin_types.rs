//! The type objects of the built-in types (`int`, `str`, `list`, …): each
//! is a [`Class`] like any user class (name, bases, MRO, dict, version
//! tag), made once per thread and never freed, immutable as CPython's
//! static types. The exception classes are made the same way in
//! `runtime::exceptions`. `docs/objects.md` explains the model.

use super::classes::Class;
use super::object::{Object, TypeKind};
use super::value::Value;
use std::cell::RefCell;
use std::mem::ManuallyDrop;

/// The one type object of each built-in type, so that `type(1) is int`.
pub fn type_object(t: TypeKind) -> Value {
    if let TypeKind::Exception(k) = t {
        return super::exceptions::exception_class(k);
    }
    thread_local! {
        // Never dropped (see `classes::not_implemented`): the kinds
        // without a parameter by their index, the others by kind.
        static SIMPLE: RefCell<Vec<Option<ManuallyDrop<Value>>>> =
            const { RefCell::new(Vec::new()) };
        static OTHERS: RefCell<std::collections::HashMap<TypeKind, ManuallyDrop<Value>>> =
            RefCell::new(std::collections::HashMap::new());
    }
    if let Some(i) = t.simple_index() {
        if let Some(Some(v)) = SIMPLE.with(|s| s.borrow().get(i).cloned()) {
            return Value::clone(&v);
        }
        // Made outside the borrow: making a type makes its bases first.
        let v = new_type_object(t);
        return SIMPLE.with(|s| {
            let mut s = s.borrow_mut();
            if s.len() <= i {
                s.resize_with(i + 1, || None);
            }
            Value::clone(s[i].get_or_insert_with(|| ManuallyDrop::new(v)))
        });
    }
    if let Some(v) = OTHERS.with(|m| m.borrow().get(&t).cloned()) {
        return Value::clone(&v);
    }
    let v = new_type_object(t);
    OTHERS.with(|m| Value::clone(m.borrow_mut().entry(t).or_insert(ManuallyDrop::new(v))))
}

/// Makes the type object of built-in type `t`: `object` has no base,
/// `bool` derives from `int`, every other type from `object`.
fn new_type_object(t: TypeKind) -> Value {
    let base = match t {
        TypeKind::Object => None,
        TypeKind::Bool => Some(type_object(TypeKind::Int)),
        _ => Some(type_object(TypeKind::Object)),
    };
    Value::obj(Object::Class(Box::new(Class::new_builtin_type(t, base))))
}

/// The built-in kind `v` is the type object of (`int` → `Int`), for the
/// types whose values are not instances; None for classes and the
/// exception classes.
#[inline]
pub fn builtin_kind(v: &Value) -> Option<TypeKind> {
    match v.as_obj() {
        Some(Object::Class(c)) => c.builtin_kind,
        _ => None,
    }
}

/// Whether `v` is a class made by a `class` statement or `type(...)` (or
/// one the runtime defines in Python's way, such as the exception
/// classes), not the type object of a built-in type.
#[inline]
pub fn is_class_object(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Class(c)) if c.builtin_kind.is_none())
}
