//! The built-ins about objects and their attributes: isinstance,
//! issubclass, getattr/setattr/hasattr/delattr, callable, id, hash, super,
//! property/staticmethod/classmethod, `__build_class__`, and the
//! frame-reading dir/vars/locals/globals.

use crate::object::args::{arity, no_kwargs};
use crate::object::classes;
use crate::object::dict::Dict;
use crate::object::exceptions::{err_matches, raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_list, new_str, Object};
use crate::object::value::Value;
use crate::protocol;
use crate::protocol::to_vec;
use crate::types::list::sort_values;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The classes of `isinstance`/`issubclass`'s second argument (a class
/// or a tuple of them, nested tuples flattened).
pub fn class_list(v: &Value, out: &mut Vec<Value>) -> bool {
    match v.as_obj() {
        Some(Object::Tuple(items)) => items.iter().all(|i| class_list(i, out)),
        _ if crate::types::union_type::members(v).is_some() => crate::types::union_type::members(v)
            .unwrap_or_default()
            .iter()
            .all(|i| class_list(i, out)),
        _ if classes::is_type(v) => {
            out.push(v.clone());
            true
        }
        _ => false,
    }
}

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

/// `isinstance(obj, spec)` for a class, a tuple (nested ones too) or a
/// union of classes, in order, as CPython's
/// `object_recursive_isinstance`: the first match answers, and an item
/// that is no class is an error only when it is reached (None). Other
/// objects answer through their type's `__instancecheck__` written in
/// Python (`typing`'s special forms).
fn is_instance_of_any(vm: &mut Vm, obj: &Value, spec: &Value) -> PyResult<Option<bool>> {
    if classes::is_type(spec) {
        return instance_check(vm, obj, spec).map(Some);
    }
    let items = match (spec.as_obj(), crate::types::union_type::members(spec)) {
        (Some(Object::Tuple(t)), _) => t.clone(),
        (_, Some(members)) => members,
        _ => {
            let cls = classes::type_value(spec);
            return match classes::lookup(&cls, "__instancecheck__") {
                Some(f) if matches!(f.as_obj(), Some(Object::Function(_))) => {
                    let r = crate::vm::interp::call(vm, &f, &[spec.clone(), obj.clone()], &[])?;
                    crate::protocol::truthy(vm, &r).map(Some)
                }
                _ => Ok(None),
            };
        }
    };
    for item in &items {
        match is_instance_of_any(vm, obj, item)? {
            Some(true) => return Ok(Some(true)),
            Some(false) => {}
            None => return Ok(None),
        }
    }
    Ok(Some(false))
}

/// `isinstance(obj, cls)` for one class, as CPython's
/// `PyObject_IsInstance`: the exact type; a metaclass's
/// `__instancecheck__` defined in Python (ABCs); the class chain; then
/// the class `obj.__class__` claims (proxies, objects whose class
/// defines `__class__`).
pub(crate) fn instance_check(vm: &mut Vm, obj: &Value, cls: &Value) -> PyResult<bool> {
    // An instance of exactly that class, read without a reference.
    if let (Some(Object::Instance(i)), Value::Obj(c)) = (obj.as_obj(), cls) {
        if i.class.ptr_eq(c) {
            return Ok(true);
        }
    }
    if classes::same_type(&classes::type_value(obj), cls) {
        return Ok(true);
    }
    if let Some(r) = crate::types::metaclass::meta_special_with(vm, cls, "__instancecheck__", obj)?
    {
        return crate::protocol::truthy(vm, &r);
    }
    if classes::is_instance_of(obj, cls) {
        return Ok(true);
    }
    let claims = crate::object::weakref::proxied(obj).is_some()
        || matches!(obj.as_obj(), Some(Object::Instance(i))
            if classes::lookup(&Value::Obj(i.class.clone()), "__class__")
                .is_some_and(|a| !matches!(a.as_obj(), Some(Object::GetSet(_)))));
    if claims {
        if let Ok(icls) = crate::protocol::getattr(vm, obj, "__class__") {
            if classes::is_type(&icls) {
                return Ok(classes::is_subclass(&icls, cls));
            }
        }
    }
    Ok(false)
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

/// `locals()`, `globals()`, `vars()` and `dir()` without arguments, which
/// read the calling frame: its namespace dict (module and class bodies),
/// or a dict of its bound fast locals (functions). None for other calls.
pub fn frame_builtin(
    vm: &mut Vm,
    callable: &Value,
    func: &crate::object::heap::Function,
    locals: &[Value],
) -> Option<PyResult<Value>> {
    let Some(Object::Builtin(b)) = callable.as_obj() else {
        return None;
    };
    let which = [
        ("locals", b_vars as crate::object::heap::BuiltinFn),
        ("globals", b_globals),
        ("vars", b_vars),
        ("dir", b_dir),
    ]
    .into_iter()
    .find(|(_, f)| std::ptr::fn_addr_eq(b.func, *f))?
    .0;
    if which == "globals" {
        return Some(Ok(Value::Obj(func.globals.clone())));
    }
    let ns = match &func.namespace {
        Some(ns) => Value::Obj(ns.clone()),
        None if func.code.code.flags & taipan_bytecode::code::flags::OPTIMIZED == 0 => {
            Value::Obj(func.globals.clone())
        }
        None => {
            let mut d = Dict::new();
            let names = func.code.code.localsplus_names();
            for (name, v) in names.iter().zip(locals) {
                let v = match v.as_obj() {
                    Some(Object::Cell(c)) => c.borrow().clone(),
                    _ => v.clone(),
                };
                if !matches!(v, Value::Unbound) {
                    d.set_str(name, v);
                }
            }
            Value::obj(NewObject::Dict(RefCell::new(d)))
        }
    };
    if which == "dir" {
        let mut keys: Vec<String> = match ns.as_obj() {
            Some(Object::Dict(d)) => d
                .borrow()
                .keys()
                .iter()
                .filter_map(|k| as_str(k).map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        keys.sort();
        let _ = vm;
        return Some(Ok(new_list(keys.into_iter().map(new_str).collect())));
    }
    Some(Ok(ns))
}

pub fn b_globals(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    raise(ExcKind::RuntimeError, "globals(): no current frame")
}

pub fn b_vars(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("vars", kw)?;
    arity("vars", args, 0, 1)?;
    let Some(obj) = args.first() else {
        return raise(ExcKind::RuntimeError, "vars(): no current frame");
    };
    match protocol::getattr(vm, obj, "__dict__") {
        Ok(d) => Ok(d),
        Err(_) => raise(
            ExcKind::TypeError,
            "vars() argument must have __dict__ attribute",
        ),
    }
}

/// `dir(obj)`: the sorted attribute names: what `__dir__` returns for
/// instances (`object.__dir__` unless the class defines its own), the
/// namespace of modules.
pub fn b_dir(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("dir", kw)?;
    arity("dir", args, 0, 1)?;
    let Some(obj) = args.first() else {
        return raise(ExcKind::RuntimeError, "dir(): no current frame");
    };
    if classes::is_instance(obj) {
        if let Some(r) = classes::call_special(vm, obj, "__dir__", &[])? {
            let mut items = to_vec(vm, &r)?;
            sort_values(vm, &mut items, None, false)?;
            return Ok(new_list(items));
        }
    }
    let names = crate::types::object::default_dir(vm, obj);
    Ok(new_list(names.into_iter().map(new_str).collect()))
}

/// Whether `v` is the type `super` (whose zero-argument call the
/// interpreter completes from the calling frame).
pub fn is_super(v: &Value) -> bool {
    crate::object::builtin_types::builtin_kind(v) == Some(crate::object::heap::TypeKind::Super)
}

/// `__build_class__(body, name, *bases)`, which LOAD_BUILD_CLASS pushes.
pub fn b_build_class(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    crate::types::metaclass::build_class(vm, args, kw)
}
