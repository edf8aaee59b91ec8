//! The iterator built-ins that wrap other iterables: `enumerate`, `zip`,
//! `map`, `filter`, `reversed`, and the consumers `any` and `all`. They
//! advance the iterators they wrap through the full protocol (generators,
//! `__next__` of instances), so they need the VM, unlike the iterators
//! over built-in containers in `interp`.

use crate::object::args::{arity, no_kwargs};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{new_tuple, type_name, Object};
use crate::object::payloads::LazyIter;
use crate::object::value::Value;
use crate::protocol;
use crate::vm::Vm;
use num_bigint::BigInt;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

impl LazyIter {
    /// Reports the references the iterator holds (cycle collector).
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        use crate::object::gc::{visit_value, visit_values};
        match self {
            LazyIter::Enumerate { it, next } => visit_values([it, next], visit),
            LazyIter::Zip { its, .. } => visit_values(its, visit),
            LazyIter::Map { func, its } => {
                visit_value(func, visit);
                visit_values(its, visit);
            }
            LazyIter::Filter { func, it } => visit_values([func, it], visit),
            LazyIter::AwaitCoroutine { coro } => visit_value(coro, visit),
            LazyIter::AsyncGenAwait(a) => a.traverse(visit),
            LazyIter::LongRange { .. } => {}
            LazyIter::Reversed { seq, .. } | LazyIter::SeqIndex { seq, .. } => {
                visit_value(seq, visit)
            }
            LazyIter::Call { func, sentinel } => visit_values([func, sentinel], visit),
        }
    }

    /// The type name (`enumerate`, `zip`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            LazyIter::Enumerate { .. } => "enumerate",
            LazyIter::Zip { .. } => "zip",
            LazyIter::Map { .. } => "map",
            LazyIter::Filter { .. } => "filter",
            LazyIter::Call { .. } => "callable_iterator",
            LazyIter::SeqIndex { .. } => "iterator",
            LazyIter::AwaitCoroutine { .. } => "coroutine_wrapper",
            LazyIter::AsyncGenAwait(a) => a.type_name(),
            LazyIter::LongRange { .. } => "longrange_iterator",
            LazyIter::Reversed { seq, .. } => match seq.as_obj() {
                Some(Object::List(_)) => "list_reverseiterator",
                _ => "reversed",
            },
        }
    }
}

fn lazy(state: LazyIter) -> Value {
    Value::obj(NewObject::Lazy(RefCell::new(state)))
}

/// Advances an iterator combinator.
pub fn next(vm: &mut Vm, state: &RefCell<LazyIter>) -> PyResult<Option<Value>> {
    // The state is only borrowed to copy out what to call: the calls may
    // run Python code that reaches this same iterator.
    enum Step {
        Enumerate(Value, Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Reversed(Value, usize),
        Call(Value, Value),
        SeqIndex(Value, i64),
        Done,
        /// A coroutine's or an asynchronous generator's awaitable: the
        /// interpreter steps its frame.
        Await,
    }
    let step = match &mut *state.borrow_mut() {
        LazyIter::AsyncGenAwait(_) | LazyIter::AwaitCoroutine { .. } => Step::Await,
        LazyIter::LongRange {
            next,
            step,
            remaining,
        } => return Ok(crate::types::long_range::next(next, step, remaining)),
        LazyIter::Enumerate { it, next } => Step::Enumerate(it.clone(), next.clone()),
        LazyIter::Zip { its, .. } if its.is_empty() => Step::Done,
        LazyIter::Zip { its, strict } => Step::Zip(its.clone(), *strict),
        LazyIter::Map { func, its } => Step::Map(func.clone(), its.clone()),
        LazyIter::Filter { func, it } => Step::Filter(func.clone(), it.clone()),
        LazyIter::Reversed { remaining: 0, .. } => Step::Done,
        LazyIter::Call {
            func: Value::None, ..
        } => Step::Done,
        LazyIter::Call { func, sentinel } => Step::Call(func.clone(), sentinel.clone()),
        LazyIter::SeqIndex {
            seq: Value::None, ..
        } => Step::Done,
        LazyIter::SeqIndex { seq, next } => {
            *next += 1;
            Step::SeqIndex(seq.clone(), *next - 1)
        }
        LazyIter::Reversed { seq, remaining } => {
            *remaining -= 1;
            Step::Reversed(seq.clone(), *remaining)
        }
    };
    match step {
        Step::Done => Ok(None),
        Step::Await => crate::object::upcalls::await_next(vm, state),
        Step::Enumerate(it, n) => {
            let Some(v) = protocol::iter_next(vm, &it)? else {
                return Ok(None);
            };
            let one = crate::protocol::ops::binary_op(
                taipan_bytecode::opcode::BinaryOp::Add,
                &n,
                &Value::Int(1),
            )?;
            if let LazyIter::Enumerate { next, .. } = &mut *state.borrow_mut() {
                *next = one;
            }
            Ok(Some(new_tuple(vec![n, v])))
        }
        Step::Zip(its, strict) => {
            let mut items = Vec::with_capacity(its.len());
            for (k, it) in its.iter().enumerate() {
                match protocol::iter_next(vm, it)? {
                    Some(v) => items.push(v),
                    None => {
                        if let LazyIter::Zip { its, .. } = &mut *state.borrow_mut() {
                            its.clear();
                        }
                        if strict {
                            zip_check_lengths(vm, &its, k)?;
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(new_tuple(items)))
        }
        Step::Map(func, its) => {
            let mut args = Vec::with_capacity(its.len());
            for it in &its {
                match protocol::iter_next(vm, it)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            crate::object::upcalls::call(vm, &func, &args, &[]).map(Some)
        }
        Step::Filter(func, it) => loop {
            let Some(v) = protocol::iter_next(vm, &it)? else {
                return Ok(None);
            };
            let keep = if matches!(func, Value::None) {
                protocol::truthy(vm, &v)?
            } else {
                let r = crate::object::upcalls::call(vm, &func, std::slice::from_ref(&v), &[])?;
                protocol::truthy(vm, &r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Step::SeqIndex(seq, i) => match protocol::getitem(vm, &seq, &Value::Int(i)) {
            Ok(v) => Ok(Some(v)),
            Err(e) if ends_sequence(&e) => {
                if let LazyIter::SeqIndex { seq, .. } = &mut *state.borrow_mut() {
                    *seq = Value::None;
                }
                Ok(None)
            }
            Err(e) => Err(e),
        },
        Step::Call(func, sentinel) => {
            let v = crate::object::upcalls::call(vm, &func, &[], &[])?;
            if v.is(&sentinel)
                || protocol::compare_bool(
                    vm,
                    taipan_bytecode::opcode::CompareOp::Eq,
                    &v,
                    &sentinel,
                )?
            {
                if let LazyIter::Call { func, .. } = &mut *state.borrow_mut() {
                    *func = Value::None;
                }
                return Ok(None);
            }
            Ok(Some(v))
        }
        Step::Reversed(seq, i) => match seq.as_obj() {
            Some(Object::List(l)) => Ok(l.borrow().get(i).cloned()),
            Some(Object::Tuple(t)) => Ok(t.get(i).cloned()),
            _ => match protocol::getitem(vm, &seq, &Value::Int(i as i64)) {
                Ok(v) => Ok(Some(v)),
                Err(e) if ends_sequence(&e) => {
                    if let LazyIter::Reversed { remaining, .. } = &mut *state.borrow_mut() {
                        *remaining = 0;
                    }
                    Ok(None)
                }
                Err(e) => Err(e),
            },
        },
    }
}

/// `reversed(range(start, stop, step))`: a `range_iterator` from the
/// last value down by `step` (CPython's `range_reverse`), or a
/// `longrange_iterator` when the reversed bounds leave 64 bits.
fn reversed_range(start: i64, stop: i64, step: i64) -> Value {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let n = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    let last = start + (n - 1) * step;
    let fits = |v: i128| i64::try_from(v).is_ok();
    if n == 0 {
        return crate::types::builtin_iter::range_iter(0, 0, 1);
    }
    if fits(-step) && fits(start - step) {
        return crate::types::builtin_iter::range_iter(
            last as i64,
            (start - step) as i64,
            (-step) as i64,
        );
    }
    lazy(LazyIter::LongRange {
        next: BigInt::from(last),
        step: BigInt::from(-step),
        remaining: BigInt::from(n),
    })
}

/// Whether `__getitem__` raising `e` ends an iteration by index
/// (IndexError or StopIteration, as CPython's `iter_iternext` and
/// `reversed_next` take them).
fn ends_sequence(e: &crate::object::exceptions::PyErr) -> bool {
    use crate::object::exceptions::{err_matches, ExcKind};
    err_matches(e, ExcKind::IndexError) || err_matches(e, ExcKind::StopIteration)
}

/// An iterator over an object with only `__getitem__`.
pub fn seq_iter(seq: Value) -> Value {
    lazy(LazyIter::SeqIndex { seq, next: 0 })
}

/// `iter(callable, sentinel)`.
pub fn call_iter(func: Value, sentinel: Value) -> Value {
    lazy(LazyIter::Call { func, sentinel })
}

/// `enumerate(iterable, start=0)`.
pub fn b_enumerate(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut start = args.get(1).cloned();
    for (k, v) in kw {
        match &**k {
            "start" if start.is_none() => start = Some(v.clone()),
            "iterable" if args.is_empty() => {}
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for enumerate()"),
                )
            }
        }
    }
    let Some(src) = args
        .first()
        .or_else(|| kw.iter().find(|(k, _)| &**k == "iterable").map(|(_, v)| v))
    else {
        return raise(
            ExcKind::TypeError,
            "enumerate() missing required argument 'iterable' (pos 1)",
        );
    };
    if args.len() > 2 {
        return raise(
            ExcKind::TypeError,
            format!(
                "enumerate() takes at most 2 arguments ({} given)",
                args.len()
            ),
        );
    }
    let next = start.unwrap_or(Value::Int(0));
    if crate::protocol::ops::int_of(&next).is_none() {
        return crate::protocol::ops::not_an_integer(&next);
    }
    let it = protocol::get_iter(vm, src)?;
    Ok(lazy(LazyIter::Enumerate { it, next }))
}

/// `zip(*iterables)`.
pub fn b_zip(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((k, _)) = kw.iter().find(|(k, _)| &**k != "strict") {
        return raise(
            ExcKind::TypeError,
            format!("zip() got an unexpected keyword argument '{k}'"),
        );
    }
    let mut its = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        match protocol::get_iter(vm, a) {
            Ok(it) => its.push(it),
            Err(_) => {
                return raise(
                    ExcKind::TypeError,
                    format!("zip argument #{} must support iteration", i + 1),
                )
            }
        }
    }
    let strict = match kw.iter().find(|(k, _)| &**k == "strict") {
        Some((_, v)) => protocol::truthy(vm, v)?,
        None => false,
    };
    Ok(lazy(LazyIter::Zip { its, strict }))
}

/// `zip(..., strict=True)` when iterator `k` ran out first: the others
/// must be exhausted too (CPython's messages name the arguments).
fn zip_check_lengths(vm: &mut Vm, its: &[Value], k: usize) -> PyResult<()> {
    let before = |n: usize| {
        if n == 1 {
            " 1".to_string()
        } else {
            format!("s 1-{n}")
        }
    };
    if k > 0 {
        return raise(
            ExcKind::ValueError,
            format!(
                "zip() argument {} is shorter than argument{}",
                k + 1,
                before(k)
            ),
        );
    }
    for (j, it) in its.iter().enumerate().skip(1) {
        if protocol::iter_next(vm, it)?.is_some() {
            return raise(
                ExcKind::ValueError,
                format!(
                    "zip() argument {} is longer than argument{}",
                    j + 1,
                    before(j)
                ),
            );
        }
    }
    Ok(())
}

/// `map(func, *iterables)`.
pub fn b_map(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("map", kw)?;
    let Some((func, rest)) = args.split_first().filter(|(_, r)| !r.is_empty()) else {
        return raise(
            ExcKind::TypeError,
            "map() must have at least two arguments.",
        );
    };
    let mut its = Vec::with_capacity(rest.len());
    for a in rest {
        its.push(protocol::get_iter(vm, a)?);
    }
    Ok(lazy(LazyIter::Map {
        func: func.clone(),
        its,
    }))
}

/// `filter(func, iterable)`.
pub fn b_filter(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("filter", kw)?;
    if args.len() != 2 {
        return raise(
            ExcKind::TypeError,
            format!("filter expected 2 arguments, got {}", args.len()),
        );
    }
    let it = protocol::get_iter(vm, &args[1])?;
    Ok(lazy(LazyIter::Filter {
        func: args[0].clone(),
        it,
    }))
}

/// `reversed(seq)`: lists and tuples by index, ranges and strings as
/// their reversed items, instances through `__reversed__`.
pub fn b_reversed(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("reversed", kw)?;
    arity("reversed", args, 1, 1)?;
    let seq = &args[0];
    let n = match seq.as_obj() {
        Some(Object::List(l)) => l.borrow().len(),
        Some(Object::Tuple(t)) => t.len(),
        Some(Object::Range(r)) => return Ok(reversed_range(r.start, r.stop, r.step)),
        Some(Object::LongRange(r)) => {
            // The last value first, stepping back (CPython's
            // `range_reverse` with a `longrange_iterator`).
            let last = &r.start + (&r.len - 1) * &r.step;
            return Ok(lazy(LazyIter::LongRange {
                next: last,
                step: -&r.step,
                remaining: r.len.clone(),
            }));
        }
        Some(
            Object::Str(_)
            | Object::Dict(_)
            | Object::Bytes(_)
            | Object::ByteArray(_)
            | Object::DictView(_),
        ) => {
            let items = crate::protocol::to_vec(vm, seq)?;
            let n = items.len();
            return Ok(lazy(LazyIter::Reversed {
                seq: new_tuple(items),
                remaining: n,
            }));
        }
        // A class: its metaclass's `__reversed__` (an Enum class).
        Some(Object::Class(_)) => {
            let meta = crate::object::classes::type_value(seq);
            if let Some(f) = crate::object::classes::lookup(&meta, "__reversed__") {
                let bound = crate::object::classes::bind_attr(vm, f, Some(seq), &meta)?;
                return protocol::call(vm, &bound, &[], &[]);
            }
            return raise(
                ExcKind::TypeError,
                format!("'{}' object is not reversible", type_name(seq)),
            );
        }
        Some(o) if crate::object::classes::has_dunders(seq) || matches!(o, Object::Native(_)) => {
            if let Some(r) = crate::object::classes::call_dunder(vm, seq, "__reversed__", &[])? {
                return Ok(r);
            }
            // The sequence protocol: `__getitem__` from `len - 1` down,
            // one item per step (CPython's `reversed_next`).
            let n = protocol::len(vm, seq)?;
            return Ok(lazy(LazyIter::Reversed {
                seq: seq.clone(),
                remaining: n,
            }));
        }
        _ => {
            return raise(
                ExcKind::TypeError,
                format!("'{}' object is not reversible", type_name(seq)),
            )
        }
    };
    Ok(lazy(LazyIter::Reversed {
        seq: seq.clone(),
        remaining: n,
    }))
}

fn any_all(vm: &mut Vm, name: &str, args: &[Value], kw: Kw<'_>, want: bool) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 1, 1)?;
    let it = protocol::get_iter(vm, &args[0])?;
    while let Some(v) = protocol::iter_next(vm, &it)? {
        if protocol::truthy(vm, &v)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}

/// `any(iterable)`.
pub fn b_any(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    any_all(vm, "any", args, kw, true)
}

/// `all(iterable)`.
pub fn b_all(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    any_all(vm, "all", args, kw, false)
}

/// The slots of the lazy iterators (`map`, `zip`, `enumerate`, …): each
/// is its own iterator.
pub const LAZY_SLOTS: crate::object::type_slots::Slots = crate::object::type_slots::Slots {
    iter: Some(|_, v| Ok(v.clone())),
    next: Some(|vm, v| match v.as_obj() {
        Some(Object::Lazy(state)) => next(vm, state),
        _ => crate::protocol::slots::not_an_iterator(v),
    }),
    ..crate::protocol::slots::BUILTIN
};
