//! Methods of the built-in types (`list.append`, `dict.get`, `str.join`,
//! …) and attribute lookup on built-in objects, with CPython's "Did you
//! mean" suggestions.

use super::builtin_types::Member;
use super::builtins::{arity, no_kwargs, sort_kwargs, sort_values, to_vec};
use super::dict::Dict;
use super::exceptions::{raise, ExcKind, PyErr, PyResult};
use super::object::NewObject;
use super::object::{
    as_str, new_list, new_str, new_tuple, type_name, type_of, Builtin, DictViewKind, Object,
};
use super::object::{RangeObj, SliceObj};
use super::ops::{self, int_of, IntVal};
use super::repr::repr;
use super::value::Value;
use super::Vm;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn method(receiver: &Value, name: &'static str, func: super::object::BuiltinFn) -> Value {
    Value::obj(NewObject::Method {
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
    super::ops::push_value(&mut list_of(s)?.borrow_mut(), args[0].clone())?;
    Ok(Value::None)
}

fn m_extend(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("list.extend", kw)?;
    arity("list.extend", args, 1, 1)?;
    let items = to_vec(vm, &args[0])?;
    let mut l = list_of(s)?.borrow_mut();
    super::ops::reserve_values(&mut l, items.len())?;
    l.extend(items);
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
        Some(IntVal::Big(_)) => {
            return raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C ssize_t",
            )
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
    Ok(Value::obj(NewObject::DictView {
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
        all.push(Value::obj(NewObject::Dict(RefCell::new(Dict::new()))));
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
    Ok(Value::obj(NewObject::Dict(RefCell::new(copy))))
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
    let Some(Object::Range(RangeObj { start, stop, step })) = r.and_then(Value::as_obj) else {
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
    let Some(Object::Slice(SliceObj { start, stop, step })) = s.and_then(Value::as_obj) else {
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

/// `getattr(obj, name)` for built-in objects: a module's namespace, else
/// the attribute its type's dict holds (methods bind to the object,
/// computed attributes are read), as `object.__getattribute__` does.
pub fn getattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    match obj.as_obj() {
        Some(Object::Module(m)) => {
            if m.name == "sys" && name == "modules" {
                // A snapshot of the interpreter's module table.
                let mut d = Dict::new();
                for (k, v) in &vm.modules {
                    d.set_str(k, v.clone());
                }
                return Ok(Value::obj(NewObject::Dict(RefCell::new(d))));
            }
            if let Object::Dict(d) = m.dict.get() {
                if let Some(v) = d.borrow().get_str(name) {
                    return Ok(v);
                }
            }
        }
        // The stand-ins for `io`'s file objects (until the standard
        // library's `io` runs) keep their attributes here.
        Some(Object::File(f)) => {
            let found = match name {
                "name" => Some(new_str(f.name.clone())),
                "mode" => Some(new_str(f.mode.clone())),
                "closed" => Some(Value::Bool(super::files::is_closed(f))),
                _ => super::files::method(name).map(|(n, func)| method(obj, n, func)),
            };
            if let Some(v) = found {
                return Ok(v);
            }
        }
        Some(Object::Stream(_)) => {
            if let Some((n, f)) = super::stdlib::stream_method(name) {
                return Ok(method(obj, n, f));
            }
        }
        _ => {}
    }
    let cls = super::classes::type_object(type_of(obj));
    if let Some(attr) = super::classes::lookup(&cls, name) {
        return super::classes::bind_attr(vm, attr, Some(obj), &cls);
    }
    let msg = match obj.as_obj() {
        Some(Object::Module(m)) => format!("module '{}' has no attribute '{name}'", m.name),
        _ => format!("'{}' object has no attribute '{name}'", type_name(obj)),
    };
    let mut err = PyErr::new(ExcKind::AttributeError, msg);
    err.suggestion = attribute_suggestion(obj, name);
    Err(err)
}

/// The methods and computed attributes of `list`.
pub const LIST_MEMBERS: &[Member] = &[
    Member::Method("append", m_append),
    Member::Method("extend", m_extend),
    Member::Method("pop", m_pop),
    Member::Method("insert", m_insert),
    Member::Method("reverse", m_reverse),
    Member::Method("sort", m_sort),
    Member::Method("index", m_index),
    Member::Method("count", m_count),
    Member::Method("copy", m_copy),
    Member::Method("remove", m_list_remove),
    Member::Method("clear", m_list_clear),
];

/// The methods of `tuple`.
pub const TUPLE_MEMBERS: &[Member] = &[
    Member::Method("count", m_count),
    Member::Method("index", m_index),
];

/// The methods of `dict`.
pub const DICT_MEMBERS: &[Member] = &[
    Member::Method("get", m_dict_get),
    Member::Method("keys", m_dict_keys),
    Member::Method("values", m_dict_values),
    Member::Method("items", m_dict_items),
    Member::Method("setdefault", m_dict_setdefault),
    Member::Method("pop", m_dict_pop),
    Member::Method("popitem", m_dict_popitem),
    Member::Method("update", m_dict_update),
    Member::Method("clear", m_dict_clear),
    Member::Method("copy", m_dict_copy),
    Member::ClassMethod("fromkeys", super::subclass::dict_fromkeys),
];

/// The methods of `slice`.
pub const SLICE_MEMBERS: &[Member] = &[
    Member::Getter("start", |v| Ok(slice_parts(v).0)),
    Member::Getter("stop", |v| Ok(slice_parts(v).1)),
    Member::Getter("step", |v| Ok(slice_parts(v).2)),
    Member::Method("indices", m_slice_indices),
];

fn slice_parts(v: &Value) -> (Value, Value, Value) {
    match v.as_obj() {
        Some(Object::Slice(SliceObj { start, stop, step })) => {
            (start.clone(), stop.clone(), step.clone())
        }
        _ => (Value::None, Value::None, Value::None),
    }
}

/// The methods of `range`.
pub const RANGE_MEMBERS: &[Member] = &[
    Member::Getter("start", |v| Ok(Value::Int(range_parts(v).0))),
    Member::Getter("stop", |v| Ok(Value::Int(range_parts(v).1))),
    Member::Getter("step", |v| Ok(Value::Int(range_parts(v).2))),
    Member::Method("index", m_range_index),
    Member::Method("count", m_range_count),
];

fn range_parts(v: &Value) -> (i64, i64, i64) {
    match v.as_obj() {
        Some(Object::Range(RangeObj { start, stop, step })) => (*start, *stop, *step),
        _ => (0, 0, 1),
    }
}

/// The methods of `complex`.
pub const COMPLEX_MEMBERS: &[Member] = &[
    Member::Getter("real", |v| {
        Ok(Value::Float(super::complex::parts(v).unwrap_or_default().0))
    }),
    Member::Getter("imag", |v| {
        Ok(Value::Float(super::complex::parts(v).unwrap_or_default().1))
    }),
    Member::Method("conjugate", m_complex_conjugate),
];

/// The methods of `int` (and so of `bool`).
pub const INT_MEMBERS: &[Member] = &[
    Member::Getter("real", int_itself),
    Member::Getter("numerator", int_itself),
    Member::Getter("imag", |_| Ok(Value::Int(0))),
    Member::Getter("denominator", |_| Ok(Value::Int(1))),
    Member::Method("bit_length", m_int_bit_length),
    Member::Method("to_bytes", super::numbers::int_to_bytes),
    Member::Method("bit_count", super::numbers::int_bit_count),
    Member::Method("as_integer_ratio", super::numbers::int_as_integer_ratio),
    Member::Method("conjugate", m_int_conjugate),
    Member::ClassMethod("from_bytes", super::numbers::int_from_bytes),
];

/// An int as a plain int (`True.real` is 1).
fn int_itself(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::Bool(b) => Value::Int(*b as i64),
        _ => v.clone(),
    })
}

/// The methods of `float`.
pub const FLOAT_MEMBERS: &[Member] = &[
    Member::Getter("real", |v| Ok(v.clone())),
    Member::Getter("imag", |_| Ok(Value::Float(0.0))),
    Member::Method("is_integer", m_float_is_integer),
    Member::Method("hex", super::numbers::float_hex),
    Member::Method("as_integer_ratio", super::numbers::float_as_integer_ratio),
    Member::Method("conjugate", m_int_conjugate),
    Member::ClassMethod("fromhex", super::subclass::fromhex),
    Member::ClassMethod("__getformat__", float_getformat),
];

/// `float.__getformat__(typestr)`: how the machine stores doubles.
fn float_getformat(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("__getformat__", kw)?;
    let [_cls, typestr] = args else {
        return raise(
            ExcKind::TypeError,
            format!(
                "float.__getformat__() takes exactly one argument ({} given)",
                args.len().saturating_sub(1)
            ),
        );
    };
    match as_str(typestr) {
        Some("double" | "float") if cfg!(target_endian = "little") => {
            Ok(new_str("IEEE, little-endian"))
        }
        Some("double" | "float") => Ok(new_str("IEEE, big-endian")),
        Some(_) => raise(
            ExcKind::ValueError,
            "__getformat__() argument 1 must be 'double' or 'float'",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "__getformat__() argument must be str, not {}",
                type_name(typestr)
            ),
        ),
    }
}

/// CPython's "Did you mean" for a missing attribute: the closest name of
/// `dir(obj)` (CPython's own `dir()` lists for built-in types and modules).
fn attribute_suggestion(obj: &Value, name: &str) -> Option<String> {
    let Some(Object::Module(m)) = obj.as_obj() else {
        return super::classes::suggestion(obj, name);
    };
    let keys = match m.dict.get() {
        Object::Dict(d) => d.borrow().keys(),
        _ => Vec::new(),
    };
    let mut names: Vec<&str> = keys.iter().filter_map(as_str).collect();
    names.sort_unstable();
    super::suggestions::closest(&names, name).map(str::to_string)
}
