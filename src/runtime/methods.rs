//! Methods of the built-in types (`list.append`, `dict.get`, `str.join`,
//! …) and attribute lookup on built-in objects, with CPython's "Did you
//! mean" suggestions.

use super::builtins::{arity, no_kwargs, sort_kwargs, sort_values, to_vec};
use super::dict::Dict;
use super::exceptions::{raise, ExcKind, PyErr, PyResult};
use super::object::{as_str, new_list, new_str, new_tuple, type_name, type_of, Builtin, Object};
use super::ops::{self, int_of, IntVal};
use super::repr::repr;
use super::value::Value;
use super::Vm;
use num_traits::Signed;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn method(receiver: &Value, name: &'static str, func: super::object::BuiltinFn) -> Value {
    Value::obj(Object::Method {
        receiver: receiver.clone(),
        builtin: Builtin { name, func },
    })
}

fn list_of(v: Option<&Value>) -> PyResult<&RefCell<Vec<Value>>> {
    match v.and_then(Value::as_obj) {
        Some(Object::List(l)) => Ok(l),
        _ => raise(ExcKind::TypeError, "descriptor requires a 'list' object"),
    }
}

fn m_append(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.append", kw)?;
    arity("list.append", args, 1, 1)?;
    list_of(s)?.borrow_mut().push(args[0].clone());
    Ok(Value::None)
}

fn m_extend(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.extend", kw)?;
    arity("list.extend", args, 1, 1)?;
    let items = to_vec(vm, &args[0])?;
    list_of(s)?.borrow_mut().extend(items);
    Ok(Value::None)
}

fn m_pop(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.pop", kw)?;
    arity("pop", args, 0, 1)?;
    let l = list_of(s)?;
    let mut l = l.borrow_mut();
    if l.is_empty() {
        return raise(ExcKind::IndexError, "pop from empty list");
    }
    let i = match args.first() {
        Some(ix) => match ops::seq_index(ix, l.len(), "list")? {
            Some(i) => i,
            None => return raise(ExcKind::IndexError, "pop index out of range"),
        },
        None => l.len() - 1,
    };
    Ok(l.remove(i))
}

fn m_insert(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.insert", kw)?;
    arity("insert", args, 2, 2)?;
    let l = list_of(s)?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let i = match int_of(&args[0]) {
        Some(IntVal::Small(i)) => (if i < 0 { i + n } else { i }).clamp(0, n) as usize,
        Some(IntVal::Big(b)) => {
            if b.is_negative() {
                0
            } else {
                n as usize
            }
        }
        None => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(&args[0])
                ),
            )
        }
    };
    l.insert(i, args[1].clone());
    Ok(Value::None)
}

fn m_reverse(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.reverse", kw)?;
    arity("reverse", args, 0, 0)?;
    list_of(s)?.borrow_mut().reverse();
    Ok(Value::None)
}

fn m_sort(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("sort", args, 0, 0)?;
    let (key, reverse) = sort_kwargs(kw, "sort")?;
    let l = list_of(s)?;
    let mut items = l.borrow().clone();
    sort_values(vm, &mut items, key.as_ref(), reverse)?;
    *l.borrow_mut() = items;
    Ok(Value::None)
}

fn m_index(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.index", kw)?;
    arity("index", args, 1, 1)?;
    let items = list_of(s)?.borrow().clone();
    for (i, x) in items.iter().enumerate() {
        if x.is(&args[0]) || ops::eq(x, &args[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    raise(
        ExcKind::ValueError,
        format!("{} is not in list", repr(vm, &args[0])?),
    )
}

fn m_count(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("count", kw)?;
    arity("count", args, 1, 1)?;
    let items = match s.and_then(Value::as_obj) {
        Some(Object::List(l)) => l.borrow().clone(),
        Some(Object::Tuple(t)) => t.clone(),
        _ => Vec::new(),
    };
    let mut n = 0;
    for x in &items {
        if x.is(&args[0]) || ops::eq(x, &args[0])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn m_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.copy", kw)?;
    arity("copy", args, 0, 0)?;
    Ok(new_list(list_of(s)?.borrow().clone()))
}

fn dict_of(v: Option<&Value>) -> PyResult<&RefCell<Dict>> {
    match v.and_then(Value::as_obj) {
        Some(Object::Dict(d)) => Ok(d),
        _ => raise(ExcKind::TypeError, "descriptor requires a 'dict' object"),
    }
}

fn m_dict_get(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("dict.get", kw)?;
    arity("get", args, 1, 2)?;
    let found = dict_of(s)?.borrow().get(&args[0])?;
    Ok(found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
}

fn m_str_join(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("str.join", kw)?;
    arity("join", args, 1, 1)?;
    let sep = s.and_then(as_str).unwrap_or_default().to_string();
    let items = to_vec(vm, &args[0])?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        match as_str(it) {
            Some(t) => parts.push(t.to_string()),
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "sequence item {i}: expected str instance, {} found",
                        type_name(it)
                    ),
                )
            }
        }
    }
    Ok(new_str(parts.join(&sep)))
}

/// `getattr(obj, name)` for built-in objects.
pub fn getattr(_vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    let found = match obj.as_obj() {
        Some(Object::Module(m)) => match m.dict.get() {
            Object::Dict(d) => d.borrow().get_str(name),
            _ => None,
        },
        Some(Object::List(_)) => match name {
            "append" => Some(method(obj, "append", m_append)),
            "extend" => Some(method(obj, "extend", m_extend)),
            "pop" => Some(method(obj, "pop", m_pop)),
            "insert" => Some(method(obj, "insert", m_insert)),
            "reverse" => Some(method(obj, "reverse", m_reverse)),
            "sort" => Some(method(obj, "sort", m_sort)),
            "index" => Some(method(obj, "index", m_index)),
            "count" => Some(method(obj, "count", m_count)),
            "copy" => Some(method(obj, "copy", m_copy)),
            _ => None,
        },
        Some(Object::Tuple(_)) => match name {
            "count" => Some(method(obj, "count", m_count)),
            _ => None,
        },
        Some(Object::Dict(_)) => match name {
            "get" => Some(method(obj, "get", m_dict_get)),
            _ => None,
        },
        Some(Object::Str(_)) => match name {
            "join" => Some(method(obj, "join", m_str_join)),
            _ => None,
        },
        Some(Object::Exception { args, .. }) if name == "args" => Some(new_tuple(args.clone())),
        _ => None,
    };
    match found {
        Some(v) => Ok(v),
        None => {
            let msg = match obj.as_obj() {
                Some(Object::Module(m)) => format!("module '{}' has no attribute '{name}'", m.name),
                _ => format!("'{}' object has no attribute '{name}'", type_name(obj)),
            };
            let mut err = PyErr::new(ExcKind::AttributeError, msg);
            err.suggestion = attribute_suggestion(obj, name);
            Err(err)
        }
    }
}

/// CPython's "Did you mean" for a missing attribute: the closest name of
/// `dir(obj)` (CPython's own `dir()` lists for built-in types and modules).
fn attribute_suggestion(obj: &Value, name: &str) -> Option<String> {
    use super::dir_tables::*;
    use super::object::TypeKind;
    let module_keys;
    let candidates: Vec<&str> = match obj.as_obj() {
        Some(Object::Module(m)) if m.name == "math" => DIR_MATH.to_vec(),
        Some(Object::Module(m)) => {
            module_keys = match m.dict.get() {
                Object::Dict(d) => d.borrow().keys(),
                _ => Vec::new(),
            };
            let mut names: Vec<&str> = module_keys.iter().filter_map(as_str).collect();
            names.sort_unstable();
            names
        }
        _ => match type_of(obj) {
            TypeKind::Int => DIR_INT.to_vec(),
            TypeKind::Bool => DIR_BOOL.to_vec(),
            TypeKind::Float => DIR_FLOAT.to_vec(),
            TypeKind::Str => DIR_STR.to_vec(),
            TypeKind::List => DIR_LIST.to_vec(),
            TypeKind::Tuple => DIR_TUPLE.to_vec(),
            TypeKind::Dict => DIR_DICT.to_vec(),
            TypeKind::Range => DIR_RANGE.to_vec(),
            TypeKind::NoneType => DIR_NONE.to_vec(),
            _ => return None,
        },
    };
    super::suggestions::closest(&candidates, name).map(str::to_string)
}
