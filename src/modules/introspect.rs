//! The built-ins about objects and their attributes: isinstance,
//! issubclass, getattr/setattr/hasattr/delattr, callable, id, hash, super,
//! property/staticmethod/classmethod, `__build_class__`, and the
//! frame-reading dir/vars/locals/globals.

use crate::object::args::{arity, no_kwargs};
use crate::object::classes;
use crate::object::exceptions::{err_matches, raise, ExcKind, PyResult};
use crate::object::heap::{as_str, Object};
use crate::object::value::Value;
use crate::protocol;
use crate::protocol::isinstance::{class_list, instance_check, is_instance_of_any};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

pub fn b_isinstance(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("isinstance", kw)?;
    arity("isinstance", args, 2, 2)?;
    // An instance of exactly that class, read without a reference.
    if let (Some(Object::Instance(i)), Value::Obj(c)) = (args[0].as_obj(), &args[1]) {
        if i.class.ptr_eq(c) {
            return Ok(Value::Bool(true));
        }
    }
    if classes::is_type(&args[1]) {
        // One class: the common case, no list.
        return Ok(Value::Bool(instance_check(vm, &args[0], &args[1])?));
    }
    match is_instance_of_any(vm, &args[0], &args[1])? {
        Some(r) => Ok(Value::Bool(r)),
        None => raise(
            ExcKind::TypeError,
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        ),
    }
}

pub fn b_issubclass(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("issubclass", kw)?;
    arity("issubclass", args, 2, 2)?;
    let mut list = Vec::new();
    if !class_list(&args[1], &mut list) {
        return raise(
            ExcKind::TypeError,
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        );
    }
    for c in &list {
        // A metaclass's `__subclasscheck__` defined in Python (ABCs).
        if let Some(r) =
            crate::types::metaclass::meta_special_with(vm, c, "__subclasscheck__", &args[0])?
        {
            if crate::protocol::truthy(vm, &r)? {
                return Ok(Value::Bool(true));
            }
            continue;
        }
        if !classes::is_type(&args[0]) {
            return raise(ExcKind::TypeError, "issubclass() arg 1 must be a class");
        }
        if classes::is_subclass(&args[0], c) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn attr_name_arg<'a>(fname: &str, v: &'a Value) -> PyResult<&'a str> {
    match as_str(v) {
        Some(s) => Ok(s),
        None => raise(
            ExcKind::TypeError,
            format!("{fname}(): attribute name must be string"),
        ),
    }
}

pub fn b_getattr(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("getattr", kw)?;
    if args.len() < 2 || args.len() > 3 {
        return raise(
            ExcKind::TypeError,
            format!("getattr expected at least 2 arguments, got {}", args.len()),
        );
    }
    let name = attr_name_arg("getattr", &args[1])?;
    match protocol::getattr(vm, &args[0], name) {
        Err(e) if args.len() == 3 && err_matches(&e, ExcKind::AttributeError) => {
            Ok(args[2].clone())
        }
        r => r,
    }
}

pub fn b_hasattr(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("hasattr", kw)?;
    arity("hasattr", args, 2, 2)?;
    let name = attr_name_arg("hasattr", &args[1])?;
    match protocol::getattr(vm, &args[0], name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if err_matches(&e, ExcKind::AttributeError) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

pub fn b_setattr(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("setattr", kw)?;
    arity("setattr", args, 3, 3)?;
    let name = attr_name_arg("setattr", &args[1])?;
    classes::setattr(vm, &args[0], name, Some(args[2].clone()))?;
    Ok(Value::None)
}

pub fn b_delattr(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("delattr", kw)?;
    arity("delattr", args, 2, 2)?;
    let name = attr_name_arg("delattr", &args[1])?;
    classes::setattr(vm, &args[0], name, None)?;
    Ok(Value::None)
}

pub fn b_callable(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("callable", kw)?;
    arity("callable", args, 1, 1)?;
    Ok(Value::Bool(classes::is_callable(&args[0])))
}

pub fn b_id(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("id", kw)?;
    arity("id", args, 1, 1)?;
    Ok(Value::Int(match &args[0] {
        Value::Obj(o) => o.addr() as i64,
        Value::Int(i) => *i,
        Value::Float(f) => f.to_bits() as i64,
        Value::Bool(b) => *b as i64 + 1,
        _ => 0,
    }))
}

pub fn b_hash(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("hash", kw)?;
    arity("hash", args, 1, 1)?;
    Ok(Value::Int(protocol::hash(vm, &args[0])?))
}
