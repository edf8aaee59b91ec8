//! `range` and `slice`: their attributes and methods.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, Object};
use crate::object::heap::{RangeObj, SliceObj};
use crate::object::value::Value;
use crate::protocol::ops::{self, int_of, IntVal};
use crate::protocol::repr::repr;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The position of `x` in a range, if it is an int the range holds.
fn range_position(r: Option<&Value>, x: &Value) -> Option<Value> {
    let Some(Object::Range(RangeObj { start, stop, step })) = r.and_then(Value::as_obj) else {
        return crate::types::long_range::position(r?, x).map(crate::types::long_range::int_value);
    };
    let Some(IntVal::Small(x)) = int_of(x) else {
        return None;
    };
    if (x - start) % step != 0 {
        return None;
    }
    let i = (x - start) / step;
    let n = ops::range_len(*start, *stop, *step);
    (i >= 0 && i < n).then_some(Value::Int(i))
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
        Some(i) => Ok(i),
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
    Member::Getter("start", |v| Ok(range_part(v, 0))),
    Member::Getter("stop", |v| Ok(range_part(v, 1))),
    Member::Getter("step", |v| Ok(range_part(v, 2))),
    Member::Method("index", m_range_index),
    Member::Method("count", m_range_count),
    Member::Method("__reduce__", m_range_reduce),
];

/// Part `i` (start, stop, step) of any range.
fn range_part(v: &Value, i: usize) -> Value {
    match v.as_obj() {
        Some(Object::Range(RangeObj { start, stop, step })) => {
            Value::Int([*start, *stop, *step][i])
        }
        _ => match crate::types::long_range::parts(v) {
            Some((a, b, c, _)) => crate::types::long_range::int_value([a, b, c][i].clone()),
            None => Value::None,
        },
    }
}

/// `range.__reduce__()`: `(range, (start, stop, step))`.
fn m_range_reduce(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let r = s.cloned().unwrap_or_default();
    let mut parts = Vec::with_capacity(3);
    for name in ["start", "stop", "step"] {
        parts.push(crate::protocol::getattr(vm, &r, name)?);
    }
    Ok(new_tuple(vec![
        crate::object::classes::type_value(&r),
        new_tuple(parts),
    ]))
}
