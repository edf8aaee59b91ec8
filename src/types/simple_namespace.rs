//! `types.SimpleNamespace`: an object whose attributes are the keyword
//! arguments it was made with. A native type the way later native types
//! (`deque`, `re.Pattern`, `array`) are added: this file holds its
//! methods in one table and makes its class; `sys.implementation` is one,
//! which is how the standard library's `types.py` finds the class. Its
//! instances are ordinary instances (shapes, `__dict__` on demand), its
//! class an immutable runtime class, so `vars(ns)`, subclassing and
//! attribute access need nothing of their own.

use crate::object::classes::{is_instance_of, Instance};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_str, BuiltinFn, Object, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The methods, declared once: they become the class dict.
const METHODS: &[(&str, BuiltinFn)] = &[("__init__", init), ("__repr__", repr), ("__eq__", eq)];

crate::object::builtin_types::native_class!("types", "SimpleNamespace", METHODS);

/// The instance a method was called on, with its arguments.
fn receiver<'a>(
    s: Option<&'a Value>,
    args: &'a [Value],
) -> PyResult<(&'a Value, &'a Instance, &'a [Value])> {
    crate::object::builtin_types::native_receiver(s, args, &class(), "types.SimpleNamespace")
}

fn init(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, inst, rest) = receiver(s, args)?;
    if !rest.is_empty() {
        return raise(ExcKind::TypeError, "no positional arguments expected");
    }
    for (k, v) in kw {
        inst.set_attr(k, v.clone());
    }
    Ok(Value::None)
}

fn repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (this, inst, _) = receiver(s, args)?;
    // CPython names the exact type `namespace`, subclasses by name.
    let name = if inst.class().is_static() {
        "namespace"
    } else {
        inst.class_name()
    };
    let d = Value::Obj(inst.dict());
    // A namespace inside itself prints as `namespace(...)` (CPython's
    // Py_ReprEnter), not as an endless recursion.
    let open = format!("{name}(");
    let text = crate::protocol::repr::guarded(vm, this, &open, ")", |vm| {
        let mut parts = Vec::new();
        if let Some(Object::Dict(d)) = d.as_obj() {
            let items: Vec<(Value, Value)> = d
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in items {
                let key = crate::protocol::repr::str_of(vm, &k)?;
                parts.push(format!("{key}={}", crate::protocol::repr::repr(vm, &v)?));
            }
        }
        Ok(format!("{open}{})", parts.join(", ")))
    })?;
    Ok(new_str(text))
}

fn eq(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, inst, rest) = receiver(s, args)?;
    let Some(other) = rest.first() else {
        return raise(ExcKind::TypeError, "expected 1 argument, got 0");
    };
    match other.as_obj() {
        Some(Object::Instance(o)) if is_instance_of(other, &class()) => {
            let (a, b) = (Value::Obj(inst.dict()), Value::Obj(o.dict()));
            crate::protocol::compare(vm, taipan_bytecode::opcode::CompareOp::Eq, &a, &b)
        }
        _ => Ok(crate::object::classes::not_implemented()),
    }
}

/// A `types.SimpleNamespace` with these attributes (what `sys.implementation`
/// and `sys.flags` are made of).
pub fn with_attrs(attrs: Vec<(&str, Value)>) -> Value {
    let Value::Obj(cls) = class() else {
        return Value::None;
    };
    let inst = Instance::new(cls, None, None);
    for (k, v) in attrs {
        inst.set_attr(k, v);
    }
    Value::obj(crate::object::heap::NewObject::Instance(inst))
}
