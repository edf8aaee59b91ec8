//! Attribute stores and deletions (`obj.x = v`, `del obj.x`): on
//! classes (`type.__setattr__`), through properties and other data
//! descriptors, and into an instance's slots or dict — the setting half
//! of the attribute protocol whose getting half is `classes.rs`.

use super::*;

/// `type.__setattr__`/`type.__delattr__`: the class's own attribute
/// (its dict; `__name__` and `__qualname__` also its fields). Built-in
/// classes refuse.
fn class_setattr(obj: &Value, name: &str, value: Option<Value>) -> PyResult<()> {
    let Some(Object::Class(c)) = obj.as_obj() else {
        return Err(attribute_error(obj, name));
    };
    if c.is_static() {
        return raise(
            ExcKind::TypeError,
            format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                c.tp_name
            ),
        );
    }
    if name == "__name__" {
        // The type's own name (not a dict entry), as CPython's
        // `type.__name__` setter.
        return match value.as_ref().and_then(as_str) {
            Some(text) => {
                *c.name.borrow_mut() = text.to_string();
                Ok(())
            }
            None => raise(
                ExcKind::TypeError,
                format!(
                    "can only assign string to {}.__name__, not '{}'",
                    c.name.borrow(),
                    value.as_ref().map_or("NoneType".into(), type_name)
                ),
            ),
        };
    }
    c.modified();
    let mut d = dict_of(&c.dict).borrow_mut();
    match value {
        Some(v) => {
            if name == "__qualname__" {
                if let Some(s) = as_str(&v) {
                    *c.qualname.borrow_mut() = s.to_string();
                }
            }
            d.set_str(name, v)
        }
        None => {
            if d.remove(&new_str(name))?.is_none() {
                drop(d);
                if name == "__annotations__" {
                    return raise(ExcKind::AttributeError, name);
                }
                return Err(attribute_error(obj, name));
            }
        }
    }
    Ok(())
}

/// `obj.name = value` (`value` None: `del obj.name`) for instances and
/// classes.
pub fn setattr(vm: &mut Vm, obj: &Value, name: &str, value: Option<Value>) -> PyResult<()> {
    match obj.as_obj() {
        Some(Object::Instance(i)) => {
            let cls = Value::Obj(i.class.clone());
            let (hook, bit) = if value.is_some() {
                ("__setattr__", HOOK_SETATTR)
            } else {
                ("__delattr__", HOOK_DELATTR)
            };
            if let Some(f) = has_hook(&cls, bit)
                .then(|| lookup_user(&cls, hook))
                .flatten()
            {
                if matches!(f.as_obj(), Some(Object::Function(_))) {
                    let m = bind(vm, f, Some(obj), &cls)?;
                    let mut args = vec![new_str(name)];
                    args.extend(value);
                    crate::object::upcalls::call(vm, &m, &args, &[])?;
                    return Ok(());
                }
            }
            generic_setattr(vm, obj, name, value)
        }
        Some(Object::Class(_)) => {
            // A metaclass's own `__setattr__`/`__delattr__` (enum's
            // EnumType guards its members so).
            let meta = type_value(obj);
            let hook = if value.is_some() {
                "__setattr__"
            } else {
                "__delattr__"
            };
            if let Some(f) = lookup_user(&meta, hook) {
                let m = bind(vm, f, Some(obj), &meta)?;
                let mut args = vec![new_str(name)];
                args.extend(value);
                crate::object::upcalls::call(vm, &m, &args, &[])?;
                return Ok(());
            }
            class_setattr(obj, name, value)
        }
        // A module's attributes are its namespace (`mod.X = 1`,
        // `sys.stdout = f`, `del mod.X`).
        Some(Object::Module(m)) => {
            let mut d = dict_of(&m.dict).borrow_mut();
            match value {
                Some(v) => {
                    d.set_str(name, v);
                    Ok(())
                }
                None => {
                    if d.remove(&new_str(name))?.is_none() {
                        drop(d);
                        return raise(
                            ExcKind::AttributeError,
                            format!("'module' object has no attribute '{name}'"),
                        );
                    }
                    Ok(())
                }
            }
        }
        Some(Object::Function(f)) if name == "__annotations__" => {
            let dict = match value {
                None => None,
                Some(Value::Obj(o)) if matches!(o.get(), Object::Dict(_)) => Some(o),
                Some(_) => {
                    return raise(
                        ExcKind::TypeError,
                        "__annotations__ must be set to a dict object",
                    )
                }
            };
            let old = f.annotations.replace(dict);
            drop(old);
            Ok(())
        }
        Some(Object::Function(f)) => {
            // The type's writable computed attributes (`__defaults__`,
            // `__kwdefaults__`) first, as for any data descriptor.
            if let Some(Object::GetSet(GetSetObj { set: Some(set), .. })) =
                lookup(&type_value(obj), name)
                    .as_ref()
                    .and_then(Value::as_obj)
            {
                return set(obj, value);
            }
            let mut slot = f.attrs.borrow_mut();
            let d = slot.get_or_insert_with(new_dict_obj);
            store_in_dict(d, obj, name, value)
        }
        _ if crate::object::weakref::proxied(obj).is_some() => {
            match crate::object::weakref::proxied(obj) {
                Some(Ok(target)) => setattr(vm, &target, name, value),
                Some(Err(e)) => Err(e),
                None => Ok(()),
            }
        }
        _ => {
            // A writable computed attribute of the type (`property.__doc__`).
            if let Some(Object::GetSet(GetSetObj { set: Some(set), .. })) =
                lookup(&type_value(obj), name)
                    .as_ref()
                    .and_then(Value::as_obj)
            {
                return set(obj, value);
            }
            let msg = match &value {
                Some(_) if lookup(&type_value(obj), name).is_some() => format!(
                    "'{}' object attribute '{name}' is read-only",
                    type_name(obj)
                ),
                _ => format!("'{}' object has no attribute '{name}'", type_name(obj)),
            };
            raise(ExcKind::AttributeError, msg)
        }
    }
}

/// Sets (`Some`) or deletes (`None`) attribute `name` of `obj` through
/// property `p`: its setter or deleter, or CPython's AttributeError (which
/// names the property when the caller knows the name).
pub(crate) fn property_store(
    vm: &mut Vm,
    p: &PropertyObj,
    obj: &Value,
    name: Option<&str>,
    value: Option<Value>,
) -> PyResult<()> {
    let (f, what) = match &value {
        Some(_) => (&p.fset, "setter"),
        None => (&p.fdel, "deleter"),
    };
    if matches!(f, Value::None) {
        let named = name.map(|n| format!(" '{n}'")).unwrap_or_default();
        return raise(
            ExcKind::AttributeError,
            format!(
                "property{named} of '{}' object has no {what}",
                type_name(obj)
            ),
        );
    }
    let mut args = vec![obj.clone()];
    args.extend(value);
    crate::object::upcalls::call(vm, f, &args, &[]).map(|_| ())
}

/// `object.__setattr__` / `object.__delattr__`.
pub(crate) fn generic_setattr(
    vm: &mut Vm,
    obj: &Value,
    name: &str,
    value: Option<Value>,
) -> PyResult<()> {
    if let Some(Object::Class(_)) = obj.as_obj() {
        return class_setattr(obj, name, value);
    }
    let Some(Object::Instance(i)) = obj.as_obj() else {
        return raise(
            ExcKind::TypeError,
            "can't apply this __setattr__ to this object",
        );
    };
    let cls = Value::Obj(i.class.clone());
    if let Some(attr) = lookup(&cls, name) {
        match attr.as_obj() {
            Some(Object::Property(p)) => return property_store(vm, p, obj, Some(name), value),
            Some(Object::GetSet(GetSetObj {
                owner, name, set, ..
            })) => {
                return match set {
                    Some(set) => set(obj, value),
                    None => raise(
                        ExcKind::AttributeError,
                        format!(
                            "attribute '{name}' of '{}' objects is not writable",
                            owner.name()
                        ),
                    ),
                };
            }
            Some(Object::Instance(d)) if is_data_descriptor(&attr) => {
                let dcls = Value::Obj(d.class.clone());
                let hook = if value.is_some() {
                    "__set__"
                } else {
                    "__delete__"
                };
                if let Some(h) = lookup(&dcls, hook) {
                    let m = bind(vm, h, Some(&attr), &dcls)?;
                    let mut args = vec![obj.clone()];
                    args.extend(value);
                    crate::object::upcalls::call(vm, &m, &args, &[])?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if let Some(slots) = &i.class().slots {
        if !slots.iter().any(|s| s == name) {
            return raise(
                ExcKind::AttributeError,
                format!("'{}' object has no attribute '{name}'", i.class_name()),
            );
        }
    }
    match value {
        Some(v) => i.set_attr(name, v),
        None => match i.del_attr(name)? {
            Deleted::Yes => {}
            Deleted::Missing => return Err(attribute_error(obj, name)),
            // The slot's member descriptor names just the slot.
            Deleted::EmptySlot => return raise(ExcKind::AttributeError, name.to_string()),
        },
    }
    Ok(())
}

/// `name = value` (None: `del name`) in an attribute dict of `obj`; a
/// missing name to delete is `obj`'s AttributeError.
fn store_in_dict(d: &ObjRef, obj: &Value, name: &str, value: Option<Value>) -> PyResult<()> {
    let mut d = dict_of(d).borrow_mut();
    match value {
        Some(v) => d.set_str(name, v),
        None => {
            if d.remove(&new_str(name))?.is_none() {
                drop(d);
                return Err(attribute_error(obj, name));
            }
        }
    }
    Ok(())
}
