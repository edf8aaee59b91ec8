//! The cycle collector: reference counting frees everything except
//! objects that refer to each other in a cycle; this finds such groups
//! that nothing else refers to and breaks them, with the algorithm of
//! CPython's `Modules/gcmodule.c`.
//!
//! Every object that can hold references (lists, dicts, instances,
//! functions, cells, …: [`may_hold_references`]) is *tracked*: it sits in
//! a list, and its header records its place there, so tracking and
//! untracking cost a push and a swap-remove. A collection
//!
//! 1. copies each tracked object's reference count into `gc_refs`;
//! 2. visits every reference each tracked object holds ([`traverse`]) and
//!    subtracts one from the target's `gc_refs` when the target is
//!    tracked: what is left counts the references from outside the
//!    tracked objects (Rust locals, frames, untracked objects);
//! 3. marks everything reachable from an object with `gc_refs > 0`;
//! 4. takes a reference to each unmarked object, empties the ones that
//!    can be emptied ([`clear`]: lists, dicts, instance attributes, cells,
//!    …), then drops those references, so the cycles fall apart and
//!    reference counting frees them as usual.
//!
//! Safety rests on one rule: [`traverse`] reports only references the
//! object really owns, each once. Reporting fewer (an object it cannot
//! look into, a `RefCell` that is borrowed) only keeps objects alive; a
//! count that goes negative means a reference was reported that does not
//! exist, and the collection is abandoned without freeing anything.
//!
//! Collections run by themselves when the tracked allocations since the
//! last one (minus deallocations) exceed the first threshold (700, as
//! CPython's `gc.get_threshold()`), or the number of objects that
//! survived the last collection when that is more: there is one
//! generation, and that ratio keeps the total work linear in the number
//! of allocations however large the live heap is (while the heap grows,
//! each object is traversed about twice in all; with a quarter, as
//! before, five times, which cost a tenth of the time of importing the
//! standard library's larger modules). `gc.collect()`,
//! `gc.disable()` and friends control it. Objects have no `__del__` yet,
//! so there are no finalizers to run.

use crate::object::heap::{
    BoundMethodObj, DictViewObj, MethodObj, PropertyObj, SetObj, SliceObj, SuperObj,
};
use crate::object::heap::{IterState, Object};
use crate::object::value::{HeapObject, ObjRef, Value};
use std::cell::RefCell;
use std::ptr::NonNull;

/// `HeapObject::gc_index` of an object the collector does not track.
pub const UNTRACKED: u32 = u32::MAX;

/// CPython's default thresholds (`gc.get_threshold()`).
const DEFAULT_THRESHOLDS: (i64, i64, i64) = (700, 10, 10);

/// The collector's state.
struct GcState {
    /// The tracked objects; `gc_index` of each is its index here.
    tracked: Vec<NonNull<HeapObject>>,
    /// `gc.isenabled()`.
    enabled: bool,
    /// A collection is running (no nested one starts).
    collecting: bool,
    /// Tracked allocations minus deallocations since the last collection
    /// (`gc.get_count()[0]`).
    count: i64,
    /// `gc.get_threshold()`.
    thresholds: (i64, i64, i64),
    /// Tracked objects that survived the last collection.
    survivors: usize,
    /// Collect after every [`STRESS_INTERVAL`] tracked allocations
    /// (`taipan --gc-stress`, for tests of the collector's soundness).
    stress: bool,
}

/// How often a stress-testing collector collects, in tracked allocations.
const STRESS_INTERVAL: i64 = 4;

/// The collector of one interpreter (held by `object::state`). Holds no
/// object references (only their addresses), so it needs no destructor
/// ordering.
pub struct Collector(RefCell<GcState>);

impl Collector {
    /// A collector with nothing tracked and CPython's settings.
    pub(crate) fn new() -> Collector {
        Collector(RefCell::new(GcState {
            tracked: Vec::new(),
            enabled: true,
            collecting: false,
            count: 0,
            thresholds: DEFAULT_THRESHOLDS,
            survivors: 0,
            stress: false,
        }))
    }
}

/// Runs `f` with the current interpreter's collector state.
#[inline]
fn with_gc<R>(f: impl FnOnce(&RefCell<GcState>) -> R) -> R {
    crate::object::state::with(|s| f(&s.gc.0))
}

/// The kinds of object that hold no reference to another object (code
/// objects share their constants through an `Rc` and own none).
macro_rules! leaf_objects {
    () => {
        Object::Str(_)
            | Object::BigInt(_)
            | Object::Bytes(_)
            | Object::ByteArray(_)
            | Object::Complex(_)
            | Object::Range(_)
            | Object::LongRange(_)
            | Object::Traceback(_)
            | Object::Builtin(_)
            | Object::Code(_)
            | Object::NotImplemented
            | Object::Ellipsis
            | Object::Bare
            | Object::Stream(_)
            | Object::MethodDescr(_)
            | Object::GetSet(_)
    };
}

/// Whether objects like this one are tracked: everything that can hold a
/// reference to another object.
pub fn may_hold_references(o: Object<'_>) -> bool {
    !matches!(o, leaf_objects!())
}

/// Whether a new tuple of `items` must be tracked: only when an item may
/// hold references. A tuple of ints, floats, strs (and other leaves)
/// can never be part of a cycle — it cannot change — so it is left out
/// from the start, as CPython's collector untracks such tuples when it
/// first meets them (`_PyTuple_MaybeUntrack`). (The C API's
/// `PyTuple_SetItem`, the one writer of a made tuple, tracks it when it
/// stores an item that needs it.)
#[inline]
pub fn tuple_needs_tracking(items: &[Value]) -> bool {
    items
        .iter()
        .any(|v| v.as_obj().is_some_and(may_hold_references))
}

/// Whether a new built-in iterator must be tracked: not over a range,
/// whose state is three ints and never becomes another kind of state;
/// `for i in range(n)` then costs the collector nothing.
#[inline]
pub fn iter_needs_tracking(state: &crate::object::heap::IterState) -> bool {
    !matches!(state, crate::object::heap::IterState::Range { .. })
}

/// Starts tracking an object that is not tracked (a tuple the C API
/// filled in), without collecting.
///
/// # Safety
/// `ptr` must point to a live heap object of this interpreter.
pub unsafe fn track_existing(ptr: NonNull<HeapObject>) {
    // SAFETY: guaranteed by the caller.
    if unsafe { ptr.as_ref() }.gc_index.get() == UNTRACKED {
        let _due = track(ptr);
    }
}

/// Starts tracking a new object; true when a collection is due.
#[inline]
pub(crate) fn track(ptr: NonNull<HeapObject>) -> bool {
    with_gc(|g| {
        let mut g = g.borrow_mut();
        // SAFETY: `ptr` is the object `ObjRef::new` just made.
        let header = unsafe { ptr.as_ref() };
        header.gc_index.set(g.tracked.len() as u32);
        g.tracked.push(ptr);
        g.count += 1;
        let due = if g.stress {
            STRESS_INTERVAL
        } else {
            g.thresholds.0.max(g.survivors as i64)
        };
        g.enabled && !g.collecting && g.thresholds.0 > 0 && g.count >= due
    })
}

/// Stops tracking an object that is about to be freed.
///
/// # Safety
/// `ptr` must point to a heap object that is still allocated.
#[inline]
pub(crate) unsafe fn untrack(ptr: NonNull<HeapObject>) {
    // SAFETY: guaranteed by the caller.
    let index = unsafe { ptr.as_ref() }.gc_index.get();
    if index != UNTRACKED {
        // SAFETY: as above.
        unsafe { remove_tracked(ptr, index) };
    }
}

/// [`untrack`] of a tracked object (out of line: most objects freed
/// were never tracked).
///
/// # Safety
/// As for [`untrack`]; `index` is the object's `gc_index`.
#[inline(never)]
unsafe fn remove_tracked(ptr: NonNull<HeapObject>, index: u32) {
    // SAFETY: guaranteed by the caller.
    let header = unsafe { ptr.as_ref() };
    header.gc_index.set(UNTRACKED);
    // At thread exit the state may already be gone; nothing to update then.
    let _ = crate::object::state::try_with(|s| {
        let mut g = s.gc.0.borrow_mut();
        let index = index as usize;
        // An object made by another interpreter (or one that is gone) is
        // not in this list.
        if g.tracked.get(index) == Some(&ptr) {
            g.tracked.swap_remove(index);
            if let Some(moved) = g.tracked.get(index) {
                // SAFETY: tracked objects are allocated (they leave the
                // list before they are freed).
                unsafe { moved.as_ref() }.gc_index.set(index as u32);
            }
            g.count -= 1;
        }
    });
}

/// Runs the collection an allocation found due.
#[cold]
#[inline(never)]
pub(crate) fn collect_automatically() {
    collect();
}

/// `gc.collect()`: finds unreachable cycles and breaks them; returns how
/// many objects were unreachable.
pub fn collect() -> usize {
    let Some(objects) = with_gc(|g| {
        let mut g = g.borrow_mut();
        if g.collecting {
            return None;
        }
        g.collecting = true;
        Some(g.tracked.clone())
    }) else {
        return 0;
    };
    let garbage = find_unreachable(&objects);
    let found = garbage.len();
    // Objects with a `__del__` not yet called are finalized first (PEP
    // 442): the queue keeps them alive, and a later collection frees
    // what is still unreachable after their `__del__` ran (which may have
    // made some of it reachable again).
    let mut finalizing = false;
    for &p in &garbage {
        // SAFETY: unreachable objects are allocated (nothing was freed).
        let header = unsafe { p.as_ref() };
        let f = header.flags.get();
        let finalize = f & crate::object::value::flags::FINALIZED == 0
            && match header.view() {
                Object::Instance(i) => crate::object::classes::has_del(i.class()),
                Object::Generator(g) => g.needs_finalizing(),
                _ => false,
            };
        if finalize {
            header.flags.set(f | crate::object::value::flags::FINALIZED);
            // SAFETY: as above.
            let held = unsafe { ObjRef::from_raw_incref(p) };
            crate::object::pending::push(crate::object::pending::Action::Finalize(held));
            finalizing = true;
        }
    }
    if found > 0 && !finalizing {
        // References keep every unreachable object allocated while the
        // group is emptied; dropping them frees what the cycles held.
        let held: Vec<ObjRef> = garbage
            .iter()
            // SAFETY: tracked objects are allocated with a count ≥ 1 (an
            // object leaves the list when its count reaches zero).
            .map(|&p| unsafe { ObjRef::from_raw_incref(p) })
            .collect();
        for o in &held {
            clear(o.get());
        }
        drop(held);
    }
    with_gc(|g| {
        let mut g = g.borrow_mut();
        g.collecting = false;
        g.count = 0;
        g.survivors = g.tracked.len();
    });
    found
}

/// The tracked objects nothing outside the tracked objects can reach.
fn find_unreachable(objects: &[NonNull<HeapObject>]) -> Vec<NonNull<HeapObject>> {
    let index_of = |p: NonNull<HeapObject>| {
        // SAFETY: every reference a live object holds points to a live
        // object.
        let i = unsafe { p.as_ref() }.gc_index.get() as usize;
        // Objects tracked by another interpreter (the shared built-in
        // types, say) are outside this analysis, like untracked ones.
        (objects.get(i) == Some(&p)).then_some(i)
    };
    // SAFETY (for the derefs below): `objects` are the tracked objects,
    // all allocated; nothing is freed until the analysis is over.
    let header = |p: &NonNull<HeapObject>| unsafe { p.as_ref() };
    let mut gc_refs: Vec<i64> = objects
        .iter()
        .map(|p| header(p).refcount() as i64)
        .collect();
    for (i, p) in objects.iter().enumerate() {
        let complete = traverse(header(p).view(), &mut |child| {
            if let Some(j) = index_of(child) {
                gc_refs[j] -= 1;
            }
        });
        if !complete {
            // Could not look inside (a borrowed `RefCell`): keep it.
            gc_refs[i] = gc_refs[i].max(1);
        }
    }
    if gc_refs.iter().any(|&r| r < 0) {
        // A reference was reported that does not exist: trust nothing.
        return Vec::new();
    }
    let mut reachable: Vec<bool> = gc_refs.iter().map(|&r| r > 0).collect();
    let mut work: Vec<usize> = (0..objects.len()).filter(|&i| reachable[i]).collect();
    while let Some(i) = work.pop() {
        traverse(header(&objects[i]).view(), &mut |child| {
            if let Some(j) = index_of(child) {
                if !reachable[j] {
                    reachable[j] = true;
                    work.push(j);
                }
            }
        });
    }
    objects
        .iter()
        .zip(reachable)
        .filter(|(_, r)| !r)
        .map(|(p, _)| *p)
        .collect()
}

/// The callback [`traverse`] reports references to.
pub type Visit<'a> = dyn FnMut(NonNull<HeapObject>) + 'a;

/// Reports the reference `v` holds, if it is one.
#[inline]
pub fn visit_value(v: &Value, visit: &mut Visit<'_>) {
    if let Value::Obj(r) = v {
        visit(r.as_non_null());
    }
}

/// Reports the references of every value in `items`.
pub fn visit_values<'v>(items: impl IntoIterator<Item = &'v Value>, visit: &mut Visit<'_>) {
    for v in items {
        visit_value(v, visit);
    }
}

/// Calls `visit` with every object `o` holds a reference to, once per
/// reference; false if part of `o` could not be looked at.
fn traverse(o: Object<'_>, visit: &mut Visit<'_>) -> bool {
    match o {
        Object::List(items) => match items.try_borrow() {
            Ok(items) => visit_values(items.iter(), visit),
            Err(_) => return false,
        },
        Object::Tuple(items) => visit_values(items.iter(), visit),
        Object::MappingProxy(m) => visit_value(m, visit),
        Object::MemoryView(m) => m.traverse(visit),
        Object::Native(n) => {
            visit_value(&n.class, visit);
            n.data.traverse(visit);
        }
        Object::Dict(d) => match d.try_borrow() {
            Ok(d) => {
                for (k, v) in d.items() {
                    visit_value(k, visit);
                    visit_value(v, visit);
                }
            }
            Err(_) => return false,
        },
        Object::Set(SetObj { table, .. }) => match table.try_borrow() {
            Ok(t) => t.traverse(visit),
            Err(_) => return false,
        },
        Object::Slice(SliceObj { start, stop, step }) => visit_values([start, stop, step], visit),
        Object::Iter(state) => match state.try_borrow() {
            Ok(state) => match &*state {
                IterState::List { list: r, .. }
                | IterState::Tuple { tuple: r, .. }
                | IterState::Str { s: r, .. } => visit(r.as_non_null()),
                IterState::Range { .. } => {}
                IterState::Keys {
                    keys: items, watch, ..
                }
                | IterState::Snapshot { items, watch, .. } => {
                    if let Some(w) = watch {
                        visit(w.source.as_non_null());
                    }
                    visit_values(items, visit)
                }
            },
            Err(_) => return false,
        },
        Object::Lazy(lazy) => match lazy.try_borrow() {
            Ok(lazy) => lazy.traverse(visit),
            Err(_) => return false,
        },
        Object::Function(f) => return f.traverse(visit),
        Object::Method(MethodObj { receiver, .. }) => visit_value(receiver, visit),
        Object::Module(m) => visit(m.dict.as_non_null()),
        Object::Class(c) => return c.traverse(visit),
        Object::Instance(i) => return i.traverse(visit),
        Object::BoundMethod(BoundMethodObj { func, receiver }) => {
            visit_values([func, receiver], visit)
        }
        Object::Property(PropertyObj {
            fget,
            fset,
            fdel,
            doc,
        }) => match doc.try_borrow() {
            Ok(d) => visit_values([fget, fset, fdel, &d], visit),
            Err(_) => return false,
        },
        Object::StaticMethod(f) | Object::ClassMethod(f) => visit_value(f, visit),
        Object::Super(SuperObj { class, obj }) => visit_values([class, obj], visit),
        Object::Cell(c) => match c.try_borrow() {
            Ok(v) => visit_value(&v, visit),
            Err(_) => return false,
        },
        Object::Generator(g) => return g.traverse(visit),
        Object::DictView(DictViewObj { dict, .. }) => visit_value(dict, visit),
        // The target is not owned; the callback is.
        Object::WeakRef(w) => match w.callback.try_borrow() {
            Ok(cb) => visit_value(&cb, visit),
            Err(_) => return false,
        },
        leaf_objects!() => {}
    }
    true
}

/// Replaces what `cell` holds with `empty` and drops the old contents
/// after the borrow ends; nothing if the cell is borrowed.
pub fn take_for_gc<T>(cell: &RefCell<T>, empty: T) {
    if let Ok(mut b) = cell.try_borrow_mut() {
        let old = std::mem::replace(&mut *b, empty);
        drop(b);
        drop(old);
    }
}

/// Drops the references an unreachable object holds where it can be
/// emptied (CPython's `tp_clear`); immutable objects (tuples, bound
/// methods, …) are left to the mutable members of their cycle.
fn clear(o: Object<'_>) {
    match o {
        Object::List(items) => take_for_gc(items, Vec::new()),
        Object::Dict(d) => take_for_gc(d, crate::object::dict::Dict::new()),
        Object::Set(SetObj { table, .. }) => take_for_gc(table, Default::default()),
        Object::Cell(c) => take_for_gc(c, Value::Unbound),
        Object::Instance(i) => i.clear_for_gc(),
        Object::Class(c) => c.clear_for_gc(),
        Object::Function(f) => f.clear_for_gc(),
        Object::Generator(g) => g.clear_for_gc(),
        Object::WeakRef(w) => take_for_gc(&w.callback, Value::None),
        Object::Native(n) => n.data.clear(),
        _ => {}
    }
}

/// Makes the collector collect after every few tracked allocations
/// (`taipan --gc-stress`): slow, but every program test run this way
/// checks that no reachable object is ever freed.
pub fn set_stress(on: bool) {
    with_gc(|g| g.borrow_mut().stress = on);
}

/// `gc.isenabled()`.
pub fn is_enabled() -> bool {
    with_gc(|g| g.borrow().enabled)
}

/// `gc.enable()` / `gc.disable()`.
pub fn set_enabled(on: bool) {
    with_gc(|g| g.borrow_mut().enabled = on);
}

/// `gc.get_count()`.
pub fn count() -> (i64, i64, i64) {
    with_gc(|g| (g.borrow().count.max(0), 0, 0))
}

/// `gc.get_threshold()`.
pub fn thresholds() -> (i64, i64, i64) {
    with_gc(|g| g.borrow().thresholds)
}

/// `gc.set_threshold(t0, t1, t2)`; a first threshold of 0 disables
/// automatic collection, as in CPython.
pub fn set_thresholds(t: (i64, i64, i64)) {
    with_gc(|g| g.borrow_mut().thresholds = t);
}

/// How many objects are tracked now (for tests and `--gc-stats`-style
/// diagnostics).
pub fn tracked_count() -> usize {
    with_gc(|g| g.borrow().tracked.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::heap::new_list;

    #[test]
    fn an_unreachable_cycle_is_freed_and_a_reachable_one_kept() {
        // Each test runs on a thread of its own, so the counts are ours.
        let base = tracked_count();
        let kept = new_list(Vec::new());
        let lost = new_list(Vec::new());
        for l in [&kept, &lost] {
            if let Some(Object::List(items)) = l.as_obj() {
                items.borrow_mut().push(l.clone());
            }
        }
        assert_eq!(tracked_count(), base + 2);
        drop(lost);
        // Reference counting alone cannot free a list that holds itself.
        assert_eq!(tracked_count(), base + 2);
        assert_eq!(collect(), 1);
        assert_eq!(tracked_count(), base + 1);
        let Some(Object::List(items)) = kept.as_obj() else {
            panic!("not a list")
        };
        assert!(items.borrow()[0].is(&kept));
        assert_eq!(collect(), 0);
    }

    #[test]
    fn tuples_of_leaves_are_not_tracked_and_cycles_through_tuples_are_freed() {
        use crate::object::heap::{new_str, new_tuple};
        let base = tracked_count();
        let leaves = new_tuple(vec![Value::Int(1), Value::Float(2.0), new_str("x")]);
        assert_eq!(tracked_count(), base);
        let nested = new_tuple(vec![leaves.clone(), Value::None]);
        assert_eq!(tracked_count(), base + 1);
        // A list holding a tuple that holds the list: freed only by the
        // collector, which must see the tuple.
        let l = new_list(Vec::new());
        let t = new_tuple(vec![l.clone(), Value::Int(3)]);
        if let Some(Object::List(items)) = l.as_obj() {
            items.borrow_mut().push(t);
        }
        assert_eq!(tracked_count(), base + 3);
        drop(l);
        assert_eq!(collect(), 2);
        assert_eq!(tracked_count(), base + 1);
        drop((leaves, nested));
        assert_eq!(tracked_count(), base);
    }

    #[test]
    fn range_iterators_are_not_tracked_and_list_iterators_are() {
        let base = tracked_count();
        let r = Value::obj(crate::object::heap::NewObject::Range {
            start: 0,
            stop: 10,
            step: 1,
        });
        let Ok(it) = crate::types::builtin_iter::get_iter(&r) else {
            panic!("a range has an iterator")
        };
        assert_eq!(tracked_count(), base);
        let l = new_list(vec![Value::Int(1)]);
        let Ok(lit) = crate::types::builtin_iter::get_iter(&l) else {
            panic!("a list has an iterator")
        };
        assert_eq!(tracked_count(), base + 2);
        drop((it, r, lit, l));
        assert_eq!(tracked_count(), base);
    }

    #[test]
    fn a_borrowed_container_is_never_freed() {
        let l = new_list(Vec::new());
        if let Some(Object::List(items)) = l.as_obj() {
            items.borrow_mut().push(l.clone());
            let _guard = items.borrow_mut();
            // The collector cannot look inside: it keeps the list.
            assert_eq!(collect(), 0);
        }
        drop(l);
        assert_eq!(collect(), 1);
    }
}
