//! `_heapq`: the heap queue algorithm on lists, as CPython's C module
//! (`heapq` uses it when it imports): the same sift steps, so the same
//! comparisons in the same order, and "list changed size during
//! iteration" when a comparison changes the heap.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, type_name, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The list a heap function was given.
fn heap_arg<'a>(what: &str, a: &'a [Value]) -> PyResult<&'a RefCell<Vec<Value>>> {
    match a.first().map(|v| (v, v.as_obj())) {
        Some((_, Some(Object::List(l)))) => Ok(l),
        Some((v, _)) => raise(
            ExcKind::TypeError,
            format!("{what}() argument 1 must be list, not {}", type_name(v)),
        ),
        None => raise(ExcKind::TypeError, format!("{what} expected arguments")),
    }
}

fn item(heap: &RefCell<Vec<Value>>, i: usize) -> PyResult<Value> {
    match heap.borrow().get(i) {
        Some(v) => Ok(v.clone()),
        None => raise(ExcKind::RuntimeError, "list changed size during iteration"),
    }
}

fn set(heap: &RefCell<Vec<Value>>, i: usize, v: Value) -> PyResult<()> {
    let old = match heap.borrow_mut().get_mut(i) {
        Some(slot) => std::mem::replace(slot, v),
        None => return raise(ExcKind::RuntimeError, "list changed size during iteration"),
    };
    drop(old);
    Ok(())
}

/// `a < b`, or `b < a` for the max-heap variants.
fn less(vm: &mut Vm, max: bool, a: &Value, b: &Value) -> PyResult<bool> {
    if max {
        crate::protocol::compare_bool(vm, CompareOp::Lt, b, a)
    } else {
        crate::protocol::compare_bool(vm, CompareOp::Lt, a, b)
    }
}

/// Moves the item at `pos` up towards `start` while it is smaller than its
/// parent.
fn sift_down(
    vm: &mut Vm,
    heap: &RefCell<Vec<Value>>,
    start: usize,
    mut pos: usize,
    max: bool,
) -> PyResult<()> {
    let size = heap.borrow().len();
    let newitem = item(heap, pos)?;
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let parent = item(heap, parentpos)?;
        let lt = less(vm, max, &newitem, &parent)?;
        if heap.borrow().len() != size {
            return raise(ExcKind::RuntimeError, "list changed size during iteration");
        }
        if !lt {
            break;
        }
        set(heap, pos, parent)?;
        pos = parentpos;
    }
    set(heap, pos, newitem)
}

/// Moves the smaller child up until a leaf, then the item at `pos` back
/// up to its place (CPython's `siftup`).
fn sift_up(vm: &mut Vm, heap: &RefCell<Vec<Value>>, mut pos: usize, max: bool) -> PyResult<()> {
    let end = heap.borrow().len();
    let start = pos;
    let newitem = item(heap, pos)?;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end {
            let (c, r) = (item(heap, child)?, item(heap, right)?);
            let lt = less(vm, max, &c, &r)?;
            if heap.borrow().len() != end {
                return raise(ExcKind::RuntimeError, "list changed size during iteration");
            }
            if !lt {
                child = right;
            }
        }
        let moved = item(heap, child)?;
        set(heap, pos, moved)?;
        pos = child;
        child = 2 * pos + 1;
    }
    set(heap, pos, newitem)?;
    sift_down(vm, heap, start, pos, max)
}

fn heappush(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("heappush", a, 2, 2)?;
    let heap = heap_arg("heappush", a)?;
    heap.borrow_mut().push(a[1].clone());
    let last = heap.borrow().len() - 1;
    sift_down(vm, heap, 0, last, false)?;
    Ok(Value::None)
}

fn pop(vm: &mut Vm, a: &[Value], what: &str, max: bool) -> PyResult<Value> {
    crate::object::args::arity(what, a, 1, 1)?;
    let heap = heap_arg(what, a)?;
    let Some(last) = heap.borrow_mut().pop() else {
        return raise(ExcKind::IndexError, "index out of range");
    };
    if heap.borrow().is_empty() {
        return Ok(last);
    }
    let first = item(heap, 0)?;
    set(heap, 0, last)?;
    sift_up(vm, heap, 0, max)?;
    Ok(first)
}

fn replace(vm: &mut Vm, a: &[Value], what: &str, max: bool) -> PyResult<Value> {
    crate::object::args::arity(what, a, 2, 2)?;
    let heap = heap_arg(what, a)?;
    if heap.borrow().is_empty() {
        return raise(ExcKind::IndexError, "index out of range");
    }
    let first = item(heap, 0)?;
    set(heap, 0, a[1].clone())?;
    sift_up(vm, heap, 0, max)?;
    Ok(first)
}

fn heappushpop(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("heappushpop", a, 2, 2)?;
    let heap = heap_arg("heappushpop", a)?;
    let new = a[1].clone();
    if heap.borrow().is_empty() {
        return Ok(new);
    }
    let top = item(heap, 0)?;
    if !crate::protocol::compare_bool(vm, CompareOp::Lt, &top, &new)? {
        return Ok(new);
    }
    if heap.borrow().is_empty() {
        return raise(ExcKind::IndexError, "index out of range");
    }
    let first = item(heap, 0)?;
    set(heap, 0, new)?;
    sift_up(vm, heap, 0, false)?;
    Ok(first)
}

fn heapify(vm: &mut Vm, a: &[Value], what: &str, max: bool) -> PyResult<Value> {
    crate::object::args::arity(what, a, 1, 1)?;
    let heap = heap_arg(what, a)?;
    let n = heap.borrow().len();
    for i in (0..n / 2).rev() {
        sift_up(vm, heap, i, max)?;
    }
    Ok(Value::None)
}

/// The `_heapq` module.
pub fn module() -> Value {
    make_module(
        "_heapq",
        vec![
            ("heappush", builtin_fn("heappush", heappush)),
            ("heappushpop", builtin_fn("heappushpop", heappushpop)),
            (
                "heappop",
                builtin_fn("heappop", |vm, _, a, _| pop(vm, a, "heappop", false)),
            ),
            (
                "heapreplace",
                builtin_fn("heapreplace", |vm, _, a, _| {
                    replace(vm, a, "heapreplace", false)
                }),
            ),
            (
                "heapify",
                builtin_fn("heapify", |vm, _, a, _| heapify(vm, a, "heapify", false)),
            ),
            (
                "_heappop_max",
                builtin_fn("_heappop_max", |vm, _, a, _| {
                    pop(vm, a, "_heappop_max", true)
                }),
            ),
            (
                "_heapreplace_max",
                builtin_fn("_heapreplace_max", |vm, _, a, _| {
                    replace(vm, a, "_heapreplace_max", true)
                }),
            ),
            (
                "_heapify_max",
                builtin_fn("_heapify_max", |vm, _, a, _| {
                    heapify(vm, a, "_heapify_max", true)
                }),
            ),
            ("__about__", crate::object::heap::new_str("Heap queues")),
        ],
    )
}
