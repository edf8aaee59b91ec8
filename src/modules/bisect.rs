//! `_bisect`: binary search and insertion in sorted sequences, as
//! CPython's C module (`bisect` uses it when it imports), `key=` included.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The index where `x` goes in `a[lo:hi]`: after equal items (`right`)
/// or before them.
fn search(
    vm: &mut Vm,
    what: &str,
    a: &[Value],
    kw: Kw<'_>,
    right: bool,
    key_x: bool,
) -> PyResult<(Value, Value, usize)> {
    let b = crate::object::args::bind_args(what, &["a", "x", "lo", "hi", "key"], a, kw)?;
    let (Some(seq), Some(x)) = (b[0].clone(), b[1].clone()) else {
        return raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument"),
        );
    };
    let mut lo = crate::modules::posix::int_arg(what, b[2].as_ref(), Some(0))?;
    if lo < 0 {
        return raise(ExcKind::ValueError, "lo must be non-negative");
    }
    let mut hi = match b[3].as_ref() {
        None | Some(Value::None) => crate::protocol::len(vm, &seq)? as i64,
        v => crate::modules::posix::int_arg(what, v, None)?,
    };
    let key = b[4].clone().filter(|k| !matches!(k, Value::None));
    let probe = match (&key, key_x) {
        (Some(k), true) => crate::protocol::call(vm, k, std::slice::from_ref(&x), &[])?,
        _ => x.clone(),
    };
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut item = crate::protocol::getitem(vm, &seq, &Value::Int(mid))?;
        if let Some(k) = &key {
            item = crate::protocol::call(vm, k, &[item], &[])?;
        }
        let go_left = if right {
            crate::protocol::compare_bool(vm, CompareOp::Lt, &probe, &item)?
        } else {
            !crate::protocol::compare_bool(vm, CompareOp::Lt, &item, &probe)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok((seq, x, lo as usize))
}

fn insort(vm: &mut Vm, what: &str, a: &[Value], kw: Kw<'_>, right: bool) -> PyResult<Value> {
    let (seq, x, at) = search(vm, what, a, kw, right, true)?;
    if let Some(Object::List(l)) = seq.as_obj() {
        let mut items = l.borrow_mut();
        let at = at.min(items.len());
        items.insert(at, x);
        return Ok(Value::None);
    }
    let insert = crate::protocol::getattr(vm, &seq, "insert")?;
    crate::protocol::call(vm, &insert, &[Value::Int(at as i64), x], &[])?;
    Ok(Value::None)
}

/// The `_bisect` module.
pub fn module() -> Value {
    make_module(
        "_bisect",
        vec![
            (
                "bisect_right",
                builtin_fn("bisect_right", |vm, _, a, kw| {
                    search(vm, "bisect_right", a, kw, true, false).map(|r| Value::Int(r.2 as i64))
                }),
            ),
            (
                "bisect_left",
                builtin_fn("bisect_left", |vm, _, a, kw| {
                    search(vm, "bisect_left", a, kw, false, false).map(|r| Value::Int(r.2 as i64))
                }),
            ),
            (
                "insort_right",
                builtin_fn("insort_right", |vm, _, a, kw| {
                    insort(vm, "insort_right", a, kw, true)
                }),
            ),
            (
                "insort_left",
                builtin_fn("insort_left", |vm, _, a, kw| {
                    insort(vm, "insort_left", a, kw, false)
                }),
            ),
        ],
    )
}
