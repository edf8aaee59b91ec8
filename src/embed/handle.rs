//! Objects as C sees them (`PyObject *`, the C API in `capi/`): a heap
//! object is its own header pointer, so `Py_INCREF`/`Py_DECREF` act on
//! the object's own count and a borrowed reference is the pointer the
//! container holds, as in CPython. Values kept unboxed in a `Value`
//! (None, bools, small ints, floats) get a *box*: an allocation with a
//! heap object's header (kind `HOST_BOX`, which no runtime object has)
//! and the value. `None`, `True` and `False` are static boxes (so
//! `x == Py_None` works); a borrowed reference to an int or a float
//! inside a container is an interned box that lives until
//! [`clear_interned`] (`Py_FinalizeEx`). Boxes never reach the runtime:
//! [`value`] unboxes.

use crate::object::value::{kind, HeapObject, ObjRef, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ptr::NonNull;

/// A box: a header and an immediate value.
#[repr(C)]
struct ValueBox {
    header: HeapObject,
    value: Value,
}

/// A box in a static (the C API is used from one thread; the statics'
/// counts are touched only there).
#[repr(transparent)]
struct StaticBox(ValueBox);

// SAFETY: the C API runs on one thread at a time (CPython's GIL rule);
// the only mutation is the count, which never reaches zero.
unsafe impl Sync for StaticBox {}

/// Counts statics start at: never freed.
const IMMORTAL: usize = 1 << 40;

static NONE: StaticBox = StaticBox(ValueBox {
    header: HeapObject::host_box(IMMORTAL),
    value: Value::None,
});
static TRUE: StaticBox = StaticBox(ValueBox {
    header: HeapObject::host_box(IMMORTAL),
    value: Value::Bool(true),
});
static FALSE: StaticBox = StaticBox(ValueBox {
    header: HeapObject::host_box(IMMORTAL),
    value: Value::Bool(false),
});

/// `Py_None`.
pub const NONE_PTR: *mut HeapObject = &NONE.0 as *const ValueBox as *mut HeapObject;
/// `Py_True`.
pub const TRUE_PTR: *mut HeapObject = &TRUE.0 as *const ValueBox as *mut HeapObject;
/// `Py_False`.
pub const FALSE_PTR: *mut HeapObject = &FALSE.0 as *const ValueBox as *mut HeapObject;

/// `Py_None`.
pub fn none() -> *mut HeapObject {
    NONE_PTR
}

/// `Py_True`.
pub fn true_() -> *mut HeapObject {
    TRUE_PTR
}

/// `Py_False`.
pub fn false_() -> *mut HeapObject {
    FALSE_PTR
}

fn is_static(p: *mut HeapObject) -> bool {
    p == none() || p == true_() || p == false_()
}

thread_local! {
    /// Boxes handed out as borrowed references, by (tag, payload).
    static INTERNED: RefCell<HashMap<(u8, u64), *mut HeapObject>> = RefCell::new(HashMap::new());
}

/// A new reference to `v`.
pub fn new_ref(v: Value) -> *mut HeapObject {
    match v {
        Value::Obj(o) => o.into_raw().as_ptr(),
        Value::None => none(),
        Value::Bool(true) => true_(),
        Value::Bool(false) => false_(),
        v => Box::into_raw(Box::new(ValueBox {
            header: HeapObject::host_box(1),
            value: v,
        }))
        .cast(),
    }
}

/// A reference to `v` that the caller does not own: valid while
/// whatever holds `v` (a container, a module) holds it.
pub fn borrowed(v: &Value) -> *mut HeapObject {
    let key = match v {
        Value::Obj(o) => return o.as_non_null().as_ptr(),
        Value::None => return none(),
        Value::Bool(true) => return true_(),
        Value::Bool(false) => return false_(),
        Value::Int(i) => (2, *i as u64),
        Value::Float(x) => (3, x.to_bits()),
        _ => return none(),
    };
    INTERNED.with(|m| {
        *m.borrow_mut()
            .entry(key)
            .or_insert_with(|| new_ref(v.clone()))
    })
}

/// Frees the interned boxes (the C API's finalization).
pub fn clear_interned() {
    let boxes: Vec<_> = INTERNED.with(|m| m.borrow_mut().drain().map(|(_, p)| p).collect());
    for p in boxes {
        // SAFETY: each interned box holds the one reference it was made
        // with.
        unsafe { decref(p) };
    }
}

/// Whether `p` is a box rather than a runtime object.
///
/// # Safety
/// `p` must be a live object pointer from this module.
unsafe fn is_box(p: *mut HeapObject) -> bool {
    // SAFETY: guaranteed by the caller.
    unsafe { (*p).kind == kind::HOST_BOX }
}

/// The value `p` stands for (a new reference to it).
///
/// # Safety
/// `p` must be a live, non-null object pointer from this module.
pub unsafe fn value(p: *mut HeapObject) -> Value {
    // SAFETY: guaranteed by the caller; a box is a `ValueBox`.
    unsafe {
        if is_box(p) {
            (*p.cast::<ValueBox>()).value.clone()
        } else {
            Value::Obj(ObjRef::from_raw_incref(NonNull::new_unchecked(p)))
        }
    }
}

/// The value `p` stands for, taking over the caller's reference (the C
/// API functions that "steal" one).
///
/// # Safety
/// As [`value`], and the caller owns a reference it gives up.
pub unsafe fn take(p: *mut HeapObject) -> Value {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let v = value(p);
        decref(p);
        v
    }
}

/// `Py_INCREF`.
///
/// # Safety
/// `p` must be a live object pointer from this module.
pub unsafe fn incref(p: *mut HeapObject) {
    // SAFETY: guaranteed by the caller.
    let c = unsafe { (*p).refcount_cell() };
    c.set(c.get() + 1);
}

/// `Py_DECREF`: frees the object (or box) when the count reaches zero.
///
/// # Safety
/// `p` must be a live object pointer from this module whose reference
/// the caller owns.
pub unsafe fn decref(p: *mut HeapObject) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        if is_box(p) {
            let c = (*p).refcount_cell();
            let n = c.get().saturating_sub(1);
            c.set(n);
            if n == 0 && !is_static(p) {
                drop(Box::from_raw(p.cast::<ValueBox>()));
            }
        } else {
            drop(ObjRef::from_raw(NonNull::new_unchecked(p)));
        }
    }
}

/// Sets item `i` of a tuple the caller alone holds (`PyTuple_SetItem`
/// on a tuple `PyTuple_New` just made, as CPython requires); false if
/// `p` is not a tuple or `i` is out of range.
///
/// # Safety
/// `p` must be a live object pointer from this module, and no reference
/// into the tuple's items may be alive.
pub unsafe fn tuple_set(p: *mut HeapObject, i: usize, v: Value) -> bool {
    // SAFETY: guaranteed by the caller: a runtime object's payload
    // follows its header (`kinds::tests::payloads_follow_the_header`),
    // a tuple's is a `Vec<Value>`, and the pointer was made from the
    // allocation itself (`Box::leak`), so it may write.
    unsafe {
        if is_box(p) || (*p).kind != crate::object::kinds::kind::Tuple {
            return false;
        }
        let items = p
            .cast::<u8>()
            .add(std::mem::size_of::<HeapObject>())
            .cast::<Vec<Value>>();
        match (&mut *items).get_mut(i) {
            Some(slot) => {
                let needs = crate::object::gc::tuple_needs_tracking(std::slice::from_ref(&v));
                *slot = v;
                if needs {
                    // (A tuple of leaves is made untracked: one that now
                    // holds a container joins the collector's objects.)
                    crate::object::gc::track_existing(std::ptr::NonNull::new_unchecked(p));
                }
                true
            }
            None => false,
        }
    }
}

/// The reference count (`Py_REFCNT`).
///
/// # Safety
/// `p` must be a live object pointer from this module.
pub unsafe fn refcount(p: *mut HeapObject) -> usize {
    // SAFETY: guaranteed by the caller.
    unsafe { (*p).refcount_cell().get() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_round_trip_and_count() {
        let b = new_ref(Value::Int(7));
        // SAFETY: `b` is a new reference from `new_ref`.
        unsafe {
            assert!(matches!(value(b), Value::Int(7)));
            incref(b);
            assert_eq!(refcount(b), 2);
            decref(b);
            decref(b);
        }
        let s = crate::object::heap::new_str("x");
        let p = new_ref(s.clone());
        // SAFETY: `p` is a new reference to a live str.
        unsafe {
            assert!(value(p).is(&s));
            decref(p);
        }
        assert_eq!(new_ref(Value::None), none());
        let i1 = borrowed(&Value::Float(1.5));
        assert_eq!(i1, borrowed(&Value::Float(1.5)));
        clear_interned();
    }

    /// `PyTuple_New` makes a tuple of Nones, which the collector does not
    /// track; storing a container in it (`PyTuple_SetItem`) tracks it,
    /// so a cycle through it is found.
    #[test]
    fn a_tuple_filled_with_a_container_is_tracked() {
        use crate::object::gc::{collect, tracked_count};
        let base = tracked_count();
        let t = new_ref(crate::object::heap::new_tuple(vec![Value::None; 2]));
        assert_eq!(tracked_count(), base);
        // SAFETY: `t` is a new tuple only this test holds.
        unsafe { assert!(tuple_set(t, 0, Value::Int(1))) };
        assert_eq!(tracked_count(), base);
        let l = crate::object::heap::new_list(Vec::new());
        // SAFETY: as above.
        unsafe { assert!(tuple_set(t, 1, l.clone())) };
        assert_eq!(tracked_count(), base + 2);
        // SAFETY: `t` is a live reference this test owns.
        let tv = unsafe { value(t) };
        if let Some(crate::object::heap::Object::List(items)) = l.as_obj() {
            items.borrow_mut().push(tv);
        }
        // SAFETY: the test's reference to `t` is given up.
        unsafe { decref(t) };
        drop(l);
        assert_eq!(collect(), 2);
        assert_eq!(tracked_count(), base);
    }
}
