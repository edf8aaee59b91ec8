//! Attribute lookup on built-in objects (`object.__getattribute__` for
//! values that are not instances: their type's dict, a module's
//! namespace), with CPython's "Did you mean" suggestions. The types'
//! methods themselves are in `types/` (and, for the older ones, the
//! modules of their operations).

use crate::object::exceptions::{ExcKind, PyErr, PyResult};
use crate::object::heap::{type_name, Object};
use crate::object::value::Value;
use crate::vm::Vm;

/// `getattr(obj, name)` for built-in objects: a module's namespace, else
/// the attribute its type's dict holds (methods bind to the object,
/// computed attributes are read), as `object.__getattribute__` does.
pub fn getattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(Object::Module(m)) = obj.as_obj() {
        if let Object::Dict(d) = m.dict.get() {
            if let Some(v) = d.borrow().get_str(name) {
                return Ok(v);
            }
        }
        if name == "__dict__" {
            return Ok(Value::Obj(m.dict.clone()));
        }
        // `module.__annotations__`: made empty in the namespace on first
        // use (CPython's `module_get_annotations`).
        if name == "__annotations__" {
            if let Object::Dict(d) = m.dict.get() {
                let fresh = Value::Obj(crate::object::classes::new_dict_obj());
                d.borrow_mut().set_str(name, fresh.clone());
                return Ok(fresh);
            }
        }
    }
    let cls = crate::object::classes::type_value(obj);
    if let Some(attr) = crate::object::classes::lookup(&cls, name) {
        return crate::object::classes::bind_attr(vm, attr, Some(obj), &cls);
    }
    // PEP 562: a module's own `__getattr__` answers for names it lacks.
    if let Some(Object::Module(m)) = obj.as_obj() {
        let hook = match m.dict.get() {
            Object::Dict(d) => d.borrow().get_str("__getattr__"),
            _ => None,
        };
        if let Some(hook) = hook {
            return crate::protocol::call(vm, &hook, &[crate::object::heap::new_str(name)], &[]);
        }
    }
    let msg = match obj.as_obj() {
        Some(Object::Module(m)) => format!("module '{}' has no attribute '{name}'", m.name),
        _ => format!("'{}' object has no attribute '{name}'", type_name(obj)),
    };
    let mut err = PyErr::new(ExcKind::AttributeError, msg);
    err.suggestion = Some(crate::object::exceptions::Suggestion::Attribute(
        obj.clone(),
        std::rc::Rc::from(name),
    ));
    Err(err)
}
