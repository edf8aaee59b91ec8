//! The `_weakref` module: `ref` (also `ReferenceType`), `proxy`
//! (`ProxyType`, `CallableProxyType`), `getweakrefcount`, `getweakrefs` (`object::weakref` does the work).

use crate::object::args::{arity, no_kwargs};
use crate::object::classes::type_object;
use crate::object::exceptions::PyResult;
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, TypeKind};
use crate::object::value::Value;
use crate::object::weakref::RefKind;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `_weakref` module object.
pub fn module() -> Value {
    let ref_type = type_object(TypeKind::WeakRef);
    make_module(
        "_weakref",
        vec![
            ("ref", ref_type.clone()),
            ("ReferenceType", ref_type),
            (
                "getweakrefcount",
                builtin_fn("getweakrefcount", getweakrefcount),
            ),
            ("getweakrefs", builtin_fn("getweakrefs", getweakrefs)),
            ("proxy", builtin_fn("proxy", proxy)),
            (
                "_remove_dead_weakref",
                builtin_fn("_remove_dead_weakref", remove_dead_weakref),
            ),
            (
                "ProxyType",
                type_object(TypeKind::Iterator("weakref.ProxyType")),
            ),
            (
                "CallableProxyType",
                type_object(TypeKind::Iterator("weakref.CallableProxyType")),
            ),
        ],
    )
}

fn getweakrefcount(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("getweakrefcount", kw)?;
    arity("getweakrefcount", args, 1, 1)?;
    Ok(Value::Int(
        crate::object::weakref::refs_to(&args[0]).len() as i64
    ))
}

/// `_weakref.proxy(object, callback=None)`: a proxy standing for
/// `object` while it lives.
fn proxy(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("proxy", kw)?;
    arity("proxy", args, 1, 2)?;
    let kind = if crate::object::classes::is_callable(&args[0]) {
        RefKind::CallableProxy
    } else {
        RefKind::Proxy
    };
    let callback = args.get(1).cloned().unwrap_or_default();
    crate::object::weakref::new_ref(&args[0], callback, kind)
}

fn getweakrefs(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("getweakrefs", kw)?;
    arity("getweakrefs", args, 1, 1)?;
    Ok(new_list(crate::object::weakref::refs_to(&args[0])))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a
/// weak reference whose object is gone (`weakref.WeakValueDictionary`).
fn remove_dead_weakref(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    let [d, key] = args else {
        return crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            "_remove_dead_weakref expected 2 arguments",
        );
    };
    let current = match crate::protocol::getitem(vm, d, key) {
        Ok(v) => v,
        Err(e)
            if crate::object::exceptions::err_matches(
                &e,
                crate::object::exceptions::ExcKind::KeyError,
            ) =>
        {
            return Ok(Value::None)
        }
        Err(e) => return Err(e),
    };
    let target = crate::protocol::call(vm, &current, &[], &[])?;
    if matches!(target, Value::None) {
        crate::protocol::delitem(vm, d, key)?;
    }
    Ok(Value::None)
}
