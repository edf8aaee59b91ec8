//! The `gc` module: Python's handle on the cycle collector
//! (`object::gc`): `collect`, `enable`/`disable`/`isenabled`,
//! `get_count`, `get_threshold`/`set_threshold`, and the `garbage` and
//! `callbacks` lists the library expects to find.

use crate::object::args::arity;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, new_tuple};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, not_an_integer, IntVal};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `gc` module object.
pub fn module() -> Value {
    make_module(
        "gc",
        vec![
            ("collect", builtin_fn("collect", gc_collect)),
            ("enable", builtin_fn("enable", gc_enable)),
            ("disable", builtin_fn("disable", gc_disable)),
            ("isenabled", builtin_fn("isenabled", gc_isenabled)),
            ("get_count", builtin_fn("get_count", gc_get_count)),
            (
                "get_threshold",
                builtin_fn("get_threshold", gc_get_threshold),
            ),
            (
                "set_threshold",
                builtin_fn("set_threshold", gc_set_threshold),
            ),
            ("garbage", new_list(Vec::new())),
            ("callbacks", new_list(Vec::new())),
        ],
    )
}

/// An int argument that fits in 64 bits.
fn small_int(v: &Value) -> PyResult<i64> {
    match int_of(v) {
        Some(IntVal::Small(i)) => Ok(i),
        Some(IntVal::Big(_)) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
        None => not_an_integer(v),
    }
}

fn triple(t: (i64, i64, i64)) -> Value {
    new_tuple(vec![Value::Int(t.0), Value::Int(t.1), Value::Int(t.2)])
}

fn gc_collect(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("collect", args, 0, 1)?;
    let generation = match (args.first(), kw) {
        (Some(g), []) => Some(g),
        (None, [(name, g)]) if &**name == "generation" => Some(g),
        (None, []) => None,
        (_, [(name, _), ..]) => {
            return raise(
                ExcKind::TypeError,
                format!("collect() got an unexpected keyword argument '{name}'"),
            )
        }
    };
    if let Some(g) = generation {
        if !(0..=2).contains(&small_int(g)?) {
            return raise(ExcKind::ValueError, "invalid generation");
        }
    }
    // Unreachable objects with a `__del__` are finalized by the first
    // pass and freed by the second, as CPython does in one collection.
    let mut found = crate::object::gc::collect();
    if crate::object::pending::any() {
        crate::object::pending::run(vm);
        found = found.max(crate::object::gc::collect());
    }
    Ok(Value::Int(found as i64))
}

fn gc_enable(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("enable", args, 0, 0)?;
    crate::object::gc::set_enabled(true);
    Ok(Value::None)
}

fn gc_disable(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("disable", args, 0, 0)?;
    crate::object::gc::set_enabled(false);
    Ok(Value::None)
}

fn gc_isenabled(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("isenabled", args, 0, 0)?;
    Ok(Value::Bool(crate::object::gc::is_enabled()))
}

fn gc_get_count(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("get_count", args, 0, 0)?;
    Ok(triple(crate::object::gc::count()))
}

fn gc_get_threshold(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("get_threshold", args, 0, 0)?;
    Ok(triple(crate::object::gc::thresholds()))
}

fn gc_set_threshold(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("set_threshold", args, 1, 3)?;
    let (_, mut t1, mut t2) = crate::object::gc::thresholds();
    let t0 = small_int(&args[0])?;
    if let Some(v) = args.get(1) {
        t1 = small_int(v)?;
    }
    if let Some(v) = args.get(2) {
        t2 = small_int(v)?;
    }
    crate::object::gc::set_thresholds((t0, t1, t2));
    Ok(Value::None)
}
