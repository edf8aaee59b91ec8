//! Methods of the built-in types (`list.append`, `dict.get`, `str.join`,
//! …) and attribute lookup on built-in objects, with CPython's "Did you
//! mean" suggestions.

use super::builtins::{arity, no_kwargs, sort_kwargs, sort_values, to_vec};
use super::dict::Dict;
use super::exceptions::{raise, ExcKind, PyErr, PyResult};
use super::object::{
    as_str, new_list, new_str, new_tuple, type_name, type_of, Builtin, DictViewKind, Object,
};
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
        None => return super::ops::not_an_integer(&args[0]),
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

/// The items of a list or tuple receiver.
fn seq_items(s: Option<&Value>) -> Vec<Value> {
    match s.and_then(Value::as_obj) {
        Some(Object::List(l)) => l.borrow().clone(),
        Some(Object::Tuple(t)) => t.clone(),
        _ => Vec::new(),
    }
}

fn m_index(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("index", kw)?;
    arity("index", args, 1, 3)?;
    let items = seq_items(s);
    let n = items.len() as i64;
    let bound = |v: Option<&Value>, default: i64| match v.map(int_of) {
        Some(Some(IntVal::Small(i))) if i < 0 => (i + n).max(0),
        Some(Some(IntVal::Small(i))) => i.min(n),
        _ => default,
    };
    let (start, end) = (bound(args.get(1), 0), bound(args.get(2), n));
    for i in start..end.max(start) {
        let x = &items[i as usize];
        if x.is(&args[0])
            || super::protocols::compare_bool(
                vm,
                taipan_bytecode::opcode::CompareOp::Eq,
                x,
                &args[0],
            )?
        {
            return Ok(Value::Int(i));
        }
    }
    let what = match s.and_then(Value::as_obj) {
        Some(Object::Tuple(_)) => "tuple.index(x): x not in tuple".to_string(),
        _ => format!("{} is not in list", repr(vm, &args[0])?),
    };
    raise(ExcKind::ValueError, what)
}

fn m_count(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("count", kw)?;
    arity("count", args, 1, 1)?;
    let items = seq_items(s);
    let mut n = 0;
    for x in &items {
        if x.is(&args[0])
            || super::protocols::compare_bool(
                vm,
                taipan_bytecode::opcode::CompareOp::Eq,
                x,
                &args[0],
            )?
        {
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

fn m_dict_get(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("dict.get", kw)?;
    arity("get", args, 1, 2)?;
    let found = super::protocols::dict_get(vm, dict_of(s)?, &args[0])?;
    Ok(found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
}

fn m_dict_keys(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    view(s, args, kw, DictViewKind::Keys)
}

fn m_dict_values(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    view(s, args, kw, DictViewKind::Values)
}

fn m_dict_items(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    view(s, args, kw, DictViewKind::Items)
}

fn view(s: Option<&Value>, args: &[Value], kw: Kw<'_>, kind: DictViewKind) -> PyResult<Value> {
    no_kwargs(kind.name(), kw)?;
    arity(kind.name(), args, 0, 0)?;
    dict_of(s)?;
    Ok(Value::obj(Object::DictView {
        dict: s.cloned().unwrap_or_default(),
        kind,
    }))
}

fn m_dict_setdefault(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("setdefault", kw)?;
    arity("setdefault", args, 1, 2)?;
    let d = dict_of(s)?;
    if let Some(v) = super::protocols::dict_get(vm, d, &args[0])? {
        return Ok(v);
    }
    let v = args.get(1).cloned().unwrap_or_default();
    super::protocols::dict_set(vm, d, args[0].clone(), v.clone())?;
    Ok(v)
}

fn m_dict_pop(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("pop", kw)?;
    arity("pop", args, 1, 2)?;
    match super::protocols::dict_remove(vm, dict_of(s)?, &args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::with_args(ExcKind::KeyError, vec![args[0].clone()])),
        },
    }
}

fn m_dict_popitem(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("popitem", kw)?;
    arity("popitem", args, 0, 0)?;
    match dict_of(s)?.borrow_mut().pop_last() {
        Some((k, v)) => Ok(new_tuple(vec![k, v])),
        None => raise(ExcKind::KeyError, "popitem(): dictionary is empty"),
    }
}

fn m_dict_update(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("update", args, 0, 1)?;
    let d = dict_of(s)?;
    // dict(other, **kw) builds the merged items with CPython's checks.
    let mut all: Vec<Value> = args.to_vec();
    if all.is_empty() && kw.is_empty() {
        return Ok(Value::None);
    }
    if all.is_empty() {
        all.push(Value::obj(Object::Dict(RefCell::new(Dict::new()))));
    }
    let merged = super::builtins::construct(vm, super::object::TypeKind::Dict, &all, kw)?;
    if let Some(Object::Dict(m)) = merged.as_obj() {
        let items: Vec<(Value, Value)> = m
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut d = d.borrow_mut();
        for (k, v) in items {
            d.set(k, v)?;
        }
    }
    Ok(Value::None)
}

fn m_dict_clear(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("clear", kw)?;
    arity("clear", args, 0, 0)?;
    dict_of(s)?.borrow_mut().clear();
    Ok(Value::None)
}

fn m_dict_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("copy", kw)?;
    arity("copy", args, 0, 0)?;
    let copy = dict_of(s)?.borrow().clone();
    Ok(Value::obj(Object::Dict(RefCell::new(copy))))
}

fn m_list_remove(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("remove", kw)?;
    arity("remove", args, 1, 1)?;
    let l = list_of(s)?;
    let items = l.borrow().clone();
    for (i, x) in items.iter().enumerate() {
        if x.is(&args[0])
            || super::protocols::compare_bool(
                vm,
                taipan_bytecode::opcode::CompareOp::Eq,
                x,
                &args[0],
            )?
        {
            let mut l = l.borrow_mut();
            if i < l.len() {
                l.remove(i);
            }
            return Ok(Value::None);
        }
    }
    raise(ExcKind::ValueError, "list.remove(x): x not in list")
}

fn m_list_clear(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("clear", kw)?;
    arity("clear", args, 0, 0)?;
    // Dropped outside the borrow: destructors may run Python code.
    let old = std::mem::take(&mut *list_of(s)?.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn m_int_bit_length(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("bit_length", kw)?;
    arity("bit_length", args, 0, 0)?;
    Ok(Value::Int(match s.and_then(int_of) {
        Some(IntVal::Small(i)) => 64 - i.unsigned_abs().leading_zeros() as i64,
        Some(IntVal::Big(b)) => b.bits() as i64,
        None => 0,
    }))
}

fn m_int_conjugate(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("conjugate", args, 0, 0)?;
    Ok(match s {
        Some(Value::Bool(b)) => Value::Int(*b as i64),
        Some(v) => v.clone(),
        None => Value::None,
    })
}

/// The position of `x` in a range, if it is an int the range holds.
fn range_position(r: Option<&Value>, x: &Value) -> Option<i64> {
    let Some(Object::Range { start, stop, step }) = r.and_then(Value::as_obj) else {
        return None;
    };
    let Some(IntVal::Small(x)) = int_of(x) else {
        return None;
    };
    if (x - start) % step != 0 {
        return None;
    }
    let i = (x - start) / step;
    let n = ops::range_len(*start, *stop, *step);
    (i >= 0 && i < n).then_some(i)
}

fn m_slice_indices(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("indices", kw)?;
    arity("indices", args, 1, 1)?;
    let Some(Object::Slice { start, stop, step }) = s.and_then(Value::as_obj) else {
        return raise(ExcKind::TypeError, "descriptor requires a 'slice' object");
    };
    let n = match int_of(&args[0]) {
        Some(IntVal::Small(n)) if n >= 0 => n as usize,
        Some(_) => return raise(ExcKind::ValueError, "length should not be negative"),
        None => return ops::not_an_integer(&args[0]),
    };
    let (a, b, c, _) = ops::slice_indices(start, stop, step, n)?;
    Ok(new_tuple(vec![Value::Int(a), Value::Int(b), Value::Int(c)]))
}

fn m_range_index(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("index", kw)?;
    arity("index", args, 1, 1)?;
    match range_position(s, &args[0]) {
        Some(i) => Ok(Value::Int(i)),
        None if int_of(&args[0]).is_none() => {
            raise(ExcKind::ValueError, "sequence.index(x): x not in sequence")
        }
        None => raise(
            ExcKind::ValueError,
            format!("{} is not in range", repr(vm, &args[0])?),
        ),
    }
}

fn m_range_count(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("count", kw)?;
    arity("count", args, 1, 1)?;
    Ok(Value::Int(range_position(s, &args[0]).is_some() as i64))
}

fn m_complex_conjugate(
    _: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    arity("conjugate", args, 0, 0)?;
    let (re, im) = s.and_then(super::complex::parts).unwrap_or_default();
    Ok(super::complex::make(re, -im))
}

fn m_float_is_integer(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("is_integer", args, 0, 0)?;
    Ok(Value::Bool(
        matches!(s, Some(Value::Float(f)) if f.is_finite() && f.fract() == 0.0),
    ))
}

/// `getattr(obj, name)` for built-in objects.
pub fn getattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    let found = match obj.as_obj() {
        Some(Object::Module(m)) if m.name == "sys" && name == "modules" => {
            // A snapshot of the interpreter's module table.
            let mut d = Dict::new();
            for (k, v) in &vm.modules {
                d.set_str(k, v.clone());
            }
            Some(Value::obj(Object::Dict(RefCell::new(d))))
        }
        _ => builtin_attr(obj, name),
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

/// The attribute `name` of a built-in object (a bound method for
/// methods), if it has one.
pub fn builtin_attr(obj: &Value, name: &str) -> Option<Value> {
    match obj.as_obj() {
        Some(Object::WeakRef(w)) if name == "__callback__" => Some(w.callback.borrow().clone()),
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
            "remove" => Some(method(obj, "remove", m_list_remove)),
            "clear" => Some(method(obj, "clear", m_list_clear)),
            _ => None,
        },
        Some(Object::Tuple(_)) => match name {
            "count" => Some(method(obj, "count", m_count)),
            "index" => Some(method(obj, "index", m_index)),
            _ => None,
        },
        Some(Object::Dict(_)) => {
            let f: Option<(&'static str, super::object::BuiltinFn)> = match name {
                "get" => Some(("get", m_dict_get)),
                "keys" => Some(("keys", m_dict_keys)),
                "values" => Some(("values", m_dict_values)),
                "items" => Some(("items", m_dict_items)),
                "setdefault" => Some(("setdefault", m_dict_setdefault)),
                "pop" => Some(("pop", m_dict_pop)),
                "popitem" => Some(("popitem", m_dict_popitem)),
                "update" => Some(("update", m_dict_update)),
                "clear" => Some(("clear", m_dict_clear)),
                "copy" => Some(("copy", m_dict_copy)),
                _ => None,
            };
            f.map(|(n, f)| method(obj, n, f))
        }
        Some(Object::Str(_)) => super::strings::method(name).map(|(n, f)| method(obj, n, f)),
        Some(Object::Bytes(_)) => super::bytes::bound(obj, name, false),
        Some(Object::Slice { start, stop, step }) => match name {
            "start" => Some(start.clone()),
            "stop" => Some(stop.clone()),
            "step" => Some(step.clone()),
            "indices" => Some(method(obj, "indices", m_slice_indices)),
            _ => None,
        },
        Some(Object::Range { start, stop, step }) => match name {
            "start" => Some(Value::Int(*start)),
            "stop" => Some(Value::Int(*stop)),
            "step" => Some(Value::Int(*step)),
            "index" => Some(method(obj, "index", m_range_index)),
            "count" => Some(method(obj, "count", m_range_count)),
            _ => None,
        },
        Some(Object::Complex { re, im }) => match name {
            "real" => Some(Value::Float(*re)),
            "imag" => Some(Value::Float(*im)),
            "conjugate" => Some(method(obj, "conjugate", m_complex_conjugate)),
            _ => None,
        },
        Some(Object::ByteArray(_)) => super::bytes::bound(obj, name, true),
        Some(Object::File(f)) => match name {
            "name" => Some(new_str(f.name.clone())),
            "mode" => Some(new_str(f.mode.clone())),
            "closed" => Some(Value::Bool(super::files::is_closed(f))),
            _ => super::files::method(name).map(|(n, func)| method(obj, n, func)),
        },
        Some(Object::Stream(_)) => {
            super::stdlib::stream_method(name).map(|(n, f)| method(obj, n, f))
        }
        Some(Object::Set { frozen, .. }) => {
            super::sets::method(name, *frozen).map(|(n, f)| method(obj, n, f))
        }
        _ if int_of(obj).is_some() || matches!(obj, Value::Bool(_)) => match name {
            "real" | "numerator" => Some(match obj {
                Value::Bool(b) => Value::Int(*b as i64),
                _ => obj.clone(),
            }),
            "imag" => Some(Value::Int(0)),
            "denominator" => Some(Value::Int(1)),
            "bit_length" => Some(method(obj, "bit_length", m_int_bit_length)),
            "to_bytes" => Some(method(obj, "to_bytes", super::numbers::int_to_bytes)),
            "bit_count" => Some(method(obj, "bit_count", super::numbers::int_bit_count)),
            "as_integer_ratio" => Some(method(
                obj,
                "as_integer_ratio",
                super::numbers::int_as_integer_ratio,
            )),
            "conjugate" => Some(method(obj, "conjugate", m_int_conjugate)),
            _ => None,
        },
        _ if matches!(obj, Value::Float(_)) => match name {
            "real" => Some(obj.clone()),
            "imag" => Some(Value::Float(0.0)),
            "is_integer" => Some(method(obj, "is_integer", m_float_is_integer)),
            "hex" => Some(method(obj, "hex", super::numbers::float_hex)),
            "as_integer_ratio" => Some(method(
                obj,
                "as_integer_ratio",
                super::numbers::float_as_integer_ratio,
            )),
            "conjugate" => Some(method(obj, "conjugate", m_int_conjugate)),
            _ => None,
        },
        _ => None,
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
