//! `property`: making one, its accessors, and copies with one accessor
//! replaced (`@x.setter`). Reading and writing through a property is the
//! attribute protocol's (`classes::getattr`, `classes::generic_setattr`).

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{NewObject, Object, PropertyObj};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The attributes of `property`.
pub const MEMBERS: &[Member] = &[
    Member::Getter("fget", |p| Ok(accessors(p)?.0.clone())),
    Member::Getter("fset", |p| Ok(accessors(p)?.1.clone())),
    Member::Getter("fdel", |p| Ok(accessors(p)?.2.clone())),
    Member::Getter("__isabstractmethod__", |p| {
        let (g, s, d) = accessors(p)?;
        Ok(Value::Bool([g, s, d].into_iter().any(is_abstract)))
    }),
    Member::GetSet(
        "__doc__",
        |p| Ok(doc_cell(p)?.borrow().clone()),
        |p, v| {
            *doc_cell(p)?.borrow_mut() = v.unwrap_or(Value::None);
            Ok(())
        },
    ),
    Member::Method("getter", property_getter),
    Member::Method("setter", property_setter),
    Member::Method("deleter", property_deleter),
];

/// The getter, setter and deleter of property `p`.
fn accessors(p: &Value) -> PyResult<(&Value, &Value, &Value)> {
    match p.as_obj() {
        Some(Object::Property(PropertyObj {
            fget, fset, fdel, ..
        })) => Ok((fget, fset, fdel)),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'property' object",
        ),
    }
}

fn doc_cell(p: &Value) -> PyResult<&std::cell::RefCell<Value>> {
    match p.as_obj() {
        Some(Object::Property(PropertyObj { doc, .. })) => Ok(doc),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'property' object",
        ),
    }
}

/// A new property; without a `doc`, the getter's `__doc__`.
pub fn new_property(vm: &mut Vm, fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    let doc = match doc {
        Value::None if !matches!(fget, Value::None) => {
            crate::protocol::getattr(vm, &fget, "__doc__").unwrap_or(Value::None)
        }
        d => d,
    };
    Value::obj(NewObject::Property {
        fget,
        fset,
        fdel,
        doc: std::cell::RefCell::new(doc),
    })
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
pub fn b_property(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut parts = [Value::None, Value::None, Value::None, Value::None];
    if args.len() > 4 {
        return raise(ExcKind::TypeError, "property() takes at most 4 arguments");
    }
    for (slot, a) in parts.iter_mut().zip(args) {
        *slot = a.clone();
    }
    for (k, v) in kw {
        match &**k {
            "fget" => parts[0] = v.clone(),
            "fset" => parts[1] = v.clone(),
            "fdel" => parts[2] = v.clone(),
            "doc" => parts[3] = v.clone(),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for property()"),
                )
            }
        }
    }
    let [fget, fset, fdel, doc] = parts;
    Ok(new_property(vm, fget, fset, fdel, doc))
}

/// `prop.setter(f)` / `.getter(f)` / `.deleter(f)`: a copy of the
/// property with one accessor replaced.
fn property_with(s: Option<&Value>, args: &[Value], which: usize) -> PyResult<Value> {
    let (
        Some(Object::Property(PropertyObj {
            fget,
            fset,
            fdel,
            doc,
        })),
        [f],
    ) = (s.and_then(Value::as_obj), args)
    else {
        return raise(ExcKind::TypeError, "expected one function");
    };
    let mut parts = [fget.clone(), fset.clone(), fdel.clone()];
    parts[which] = f.clone();
    let [fget, fset, fdel] = parts;
    let doc = std::cell::RefCell::new(doc.borrow().clone());
    Ok(Value::obj(NewObject::Property {
        fget,
        fset,
        fdel,
        doc,
    }))
}

/// `property.getter`.
fn property_getter(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    property_with(s, args, 0)
}

/// `property.setter`.
fn property_setter(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    property_with(s, args, 1)
}

/// `property.deleter`.
fn property_deleter(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    property_with(s, args, 2)
}

/// Whether `v` carries a true `__isabstractmethod__`, as
/// `abc.abstractmethod` sets it on a function (read without running
/// Python: a function's own attribute, or what a property, classmethod
/// or staticmethod wraps).
pub fn is_abstract(v: &Value) -> bool {
    match crate::object::instance::unwrap(v).as_obj() {
        Some(Object::Function(f)) => f.attrs.borrow().as_ref().is_some_and(|d| match d.get() {
            Object::Dict(d) => matches!(
                d.borrow().get_str("__isabstractmethod__"),
                Some(Value::Bool(true))
            ) || matches!(d.borrow().get_str("__isabstractmethod__"), Some(Value::Int(n)) if n != 0),
            _ => false,
        }),
        Some(Object::Property(PropertyObj { fget, fset, fdel, .. })) => {
            [fget, fset, fdel].into_iter().any(is_abstract)
        }
        Some(Object::StaticMethod(f) | Object::ClassMethod(f)) => is_abstract(f),
        _ => false,
    }
}
