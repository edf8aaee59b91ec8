//! Weak references (`_weakref.ref`): a reference that does not keep its
//! target alive, reads `None` once the target is freed, and calls its
//! callback then.
//!
//! A target's header carries `flags::HAS_WEAKREFS` while weak references
//! point to it, and one table for the whole process maps it to them (an
//! object may be freed by another interpreter, or later by another thread
//! than the one that made its weak references), so freeing an ordinary
//! object costs one flag test and a flagged one a lock. When a
//! flagged object is freed ([`on_release`]) its weak references are
//! cleared and their callbacks queued; the interpreter runs the queue
//! (`object::pending`) before its next call, so a callback runs as soon as
//! Python code can run again, with the weak reference as its argument, as
//! in CPython. A weak reference that is freed first leaves its target's
//! list (`flags::LIVE_WEAKREF` marks the ones in a list).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{type_name, Object};
use crate::object::value::{flags, HeapObject, ObjRef, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ptr::NonNull;

/// The attributes of `weakref.ref` objects.
pub const WEAKREF_MEMBERS: &[crate::object::builtin_types::Member] =
    &[crate::object::builtin_types::Member::Getter(
        "__callback__",
        |v| {
            Ok(match v.as_obj() {
                Some(Object::WeakRef(w)) => w.callback.borrow().clone(),
                _ => Value::None,
            })
        },
    )];

/// A weak reference object.
pub struct WeakRef {
    /// The target while it is alive.
    target: Cell<Option<NonNull<HeapObject>>>,
    /// Called with the weak reference when the target dies (`None`: no
    /// callback); dropped once called.
    pub callback: RefCell<Value>,
    /// The target's hash, once asked for (it stays valid after the target
    /// is gone, as in CPython).
    hash: Cell<Option<i64>>,
    /// A reference (`weakref.ref`) or a proxy (`weakref.proxy`), which
    /// stands for its target in every operation.
    pub kind: RefKind,
}

/// What a weak reference object is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RefKind {
    /// `weakref.ref`: called, it gives the target.
    Ref,
    /// `weakref.proxy` of an object that is not callable (`weakproxy`).
    Proxy,
    /// `weakref.proxy` of a callable object (`weakcallableproxy`).
    CallableProxy,
}

/// The target a proxy stands for: None when `v` is no proxy, the
/// ReferenceError CPython raises when the target is gone.
#[inline]
pub fn proxied(v: &Value) -> Option<PyResult<Value>> {
    match v.as_obj() {
        Some(Object::WeakRef(w)) if w.kind != RefKind::Ref => Some(match w.get() {
            Value::None => raise(
                ExcKind::ReferenceError,
                "weakly-referenced object no longer exists",
            ),
            target => Ok(target),
        }),
        _ => None,
    }
}

/// The operands of a binary operation with each proxy replaced by its
/// target; None when neither is a proxy.
#[inline]
pub fn proxied_pair(a: &Value, b: &Value) -> PyResult<Option<(Value, Value)>> {
    match (proxied(a), proxied(b)) {
        (None, None) => Ok(None),
        (pa, pb) => Ok(Some((
            pa.transpose()?.unwrap_or_else(|| a.clone()),
            pb.transpose()?.unwrap_or_else(|| b.clone()),
        ))),
    }
}

/// `repr()` of a proxy: `<weakproxy at 0x… to C at 0x…>`.
pub fn proxy_repr(v: &Value, w: &WeakRef) -> String {
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    match w.get() {
        Value::Obj(t) => format!(
            "<weakproxy at {addr:#x} to {} at {:#x}>",
            type_name(&Value::Obj(t.clone())),
            t.addr()
        ),
        // CPython names the None it reads from a dead reference.
        _ => format!("<weakproxy at {addr:#x} to NoneType at 0x0>"),
    }
}

/// Target address → the addresses of its weak reference objects, oldest
/// first.
type Index = HashMap<usize, Vec<usize>>;

static REFS: std::sync::LazyLock<std::sync::Mutex<Index>> =
    std::sync::LazyLock::new(Default::default);

/// The index, locked (a poisoned lock is still a consistent index: no
/// code panics while holding it).
fn index() -> std::sync::MutexGuard<'static, Index> {
    REFS.lock().unwrap_or_else(|e| e.into_inner())
}

/// A weak reference object's address as the index keeps it.
fn as_ptr(w: usize) -> NonNull<HeapObject> {
    // SAFETY: the index holds only addresses of live objects (never 0).
    unsafe { NonNull::new_unchecked(w as *mut HeapObject) }
}

impl WeakRef {
    /// The target, if it is still alive.
    pub fn get(&self) -> Value {
        match self.target.get() {
            // SAFETY: a target clears its weak references before it is
            // freed, so a set pointer is a live object.
            Some(p) => Value::Obj(unsafe { ObjRef::from_raw_incref(p) }),
            None => Value::None,
        }
    }

    /// `hash(r)`: the target's hash (computed by `hash_target` the first
    /// time), kept after the target is gone.
    pub fn hash(&self, hash_target: impl FnOnce(&Value) -> PyResult<i64>) -> PyResult<i64> {
        if let Some(h) = self.hash.get() {
            return Ok(h);
        }
        match self.get() {
            Value::None => raise(ExcKind::TypeError, "weak object has gone away"),
            target => {
                let h = hash_target(&target)?;
                self.hash.set(Some(h));
                Ok(h)
            }
        }
    }
}

/// Whether `v` may be the target of a weak reference: instances (unless
/// their class has `__slots__` without `__weakref__`), functions,
/// classes and types, sets, generators, methods, modules.
fn weakly_referenceable(v: &Value) -> bool {
    match v.as_obj() {
        Some(Object::Instance(i)) => match &i.class().slots {
            Some(names) => names.iter().any(|n| n == "__weakref__"),
            None => true,
        },
        Some(Object::Native(n)) => n.data.weakly_referenceable(),
        Some(
            Object::Function(_)
            | Object::Class(_)
            | Object::Set(_)
            | Object::Generator(_)
            | Object::BoundMethod(_)
            | Object::Builtin(_)
            | Object::Method(_)
            | Object::Module(_)
            | Object::Code(_)
            | Object::Property(_),
        ) => true,
        _ => false,
    }
}

/// `weakref.ref(target, callback=None)`, or `weakref.proxy` with `kind`.
/// A reference without a callback is shared: asking twice for the same
/// kind gives the same object, as in CPython.
pub fn new_ref(target: &Value, callback: Value, kind: RefKind) -> PyResult<Value> {
    let Value::Obj(t) = target else {
        return cannot_reference(target);
    };
    if !weakly_referenceable(target) {
        return cannot_reference(target);
    }
    let ptr = t.as_non_null();
    let key = ptr.as_ptr() as usize;
    if matches!(callback, Value::None) {
        let shared = index().get(&key).and_then(|refs| {
            refs.iter().map(|&w| as_ptr(w)).find(|w| {
                // SAFETY: weak references in a list are alive.
                matches!(unsafe { w.as_ref() }.view(),
                    Object::WeakRef(w) if w.kind == kind && matches!(*w.callback.borrow(), Value::None))
            })
        });
        if let Some(w) = shared {
            // SAFETY: as above.
            return Ok(Value::Obj(unsafe { ObjRef::from_raw_incref(w) }));
        }
    }
    let r = ObjRef::new(NewObject::WeakRef(WeakRef {
        target: Cell::new(Some(ptr)),
        callback: RefCell::new(callback),
        hash: Cell::new(None),
        kind,
    }));
    let rp = r.as_non_null();
    // SAFETY: both objects are alive (we hold references to them).
    unsafe {
        let h = rp.as_ref();
        h.flags.set(h.flags.get() | flags::LIVE_WEAKREF);
        let th = ptr.as_ref();
        th.flags.set(th.flags.get() | flags::HAS_WEAKREFS);
    }
    index().entry(key).or_default().push(rp.as_ptr() as usize);
    Ok(Value::Obj(r))
}

fn cannot_reference<T>(v: &Value) -> PyResult<T> {
    raise(
        ExcKind::TypeError,
        format!("cannot create weak reference to '{}' object", type_name(v)),
    )
}

/// The live weak references to `target` (`weakref.getweakrefs`).
pub fn refs_to(target: &Value) -> Vec<Value> {
    let Value::Obj(t) = target else {
        return Vec::new();
    };
    let key = t.as_non_null().as_ptr() as usize;
    index()
        .get(&key)
        .map(|refs| {
            refs.iter()
                // SAFETY: weak references in a list are alive.
                .map(|&w| Value::Obj(unsafe { ObjRef::from_raw_incref(as_ptr(w)) }))
                .collect()
        })
        .unwrap_or_default()
}

/// An object with flags set is being freed: a target clears its weak
/// references and queues their callbacks; a live weak reference leaves
/// its target's list.
///
/// # Safety
/// `ptr` must point to an object that is still allocated, whose count
/// reached zero.
pub(crate) unsafe fn on_release(ptr: NonNull<HeapObject>) {
    // SAFETY: guaranteed by the caller.
    let header = unsafe { ptr.as_ref() };
    let f = header.flags.get();
    header.flags.set(0);
    if f & flags::LIVE_WEAKREF != 0 {
        if let Object::WeakRef(w) = header.view() {
            if let Some(target) = w.target.take() {
                let key = target.as_ptr() as usize;
                let mut r = index();
                if let Some(list) = r.get_mut(&key) {
                    list.retain(|p| *p != ptr.as_ptr() as usize);
                    if list.is_empty() {
                        r.remove(&key);
                        // SAFETY: the target is alive (it would have
                        // cleared this reference otherwise).
                        let th = unsafe { target.as_ref() };
                        th.flags.set(th.flags.get() & !flags::HAS_WEAKREFS);
                    }
                }
            }
        }
    }
    if f & flags::HAS_WEAKREFS != 0 {
        let key = ptr.as_ptr() as usize;
        let refs = index().remove(&key).unwrap_or_default();
        let mut queued = Vec::new();
        for w in refs.into_iter().map(as_ptr) {
            // SAFETY: weak references in a list are alive.
            let wh = unsafe { w.as_ref() };
            wh.flags.set(wh.flags.get() & !flags::LIVE_WEAKREF);
            if let Object::WeakRef(weak) = wh.view() {
                weak.target.set(None);
                let cb = std::mem::take(&mut *weak.callback.borrow_mut());
                if !matches!(cb, Value::None) {
                    // SAFETY: as above.
                    queued.push((unsafe { ObjRef::from_raw_incref(w) }, cb));
                }
            }
        }
        for (weak, callback) in queued {
            crate::object::pending::push(crate::object::pending::Action::WeakrefCallback(
                weak, callback,
            ));
        }
    }
}
