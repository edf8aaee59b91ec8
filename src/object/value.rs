//! The value layout (DESIGN.md decision 3).
//!
//! A [`Value`] is 16 bytes, `#[repr(C, u64)]`: a tag word, then a payload
//! word. None and booleans are immediates, small integers are `i64`
//! (promoted to a heap big integer on overflow, demoted back when they
//! fit), floats are unboxed `f64`; everything else is an [`ObjRef`], a
//! pointer to a reference-counted heap object whose `#[repr(C)]` header
//! starts with the count. Compiled code can therefore test the tag at
//! offset 0 and use the payload at offset 8 without calling the runtime.
//! `docs/value-layout.md` explains the choice.

use crate::object::heap::{NewObject, Object};
use crate::object::kinds;
use std::cell::Cell;
use std::ptr::NonNull;

/// A Python value.
#[repr(C, u64)]
#[derive(Default)]
pub enum Value {
    /// `None`.
    #[default]
    None = 0,
    /// `True` / `False`.
    Bool(bool) = 1,
    /// An `int` that fits in 64 bits.
    Int(i64) = 2,
    /// A `float`.
    Float(f64) = 3,
    /// Any heap object (big ints included).
    Obj(ObjRef) = 4,
    /// An unbound local variable slot; never visible to Python code.
    Unbound = 5,
}

impl Clone for Value {
    /// One branch (is it an object?) and a 16-byte copy, rather than the
    /// per-variant jump the derived `Clone` compiles to: the interpreter
    /// clones a value on nearly every instruction.
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Obj(o) => Value::Obj(o.clone()),
            // SAFETY: every other variant is plain data (no destructor, no
            // ownership), so a bitwise copy is a clone.
            _ => unsafe { std::ptr::read(self) },
        }
    }
}

/// The tag words of [`Value`], for code that reads the layout directly.
pub mod tag {
    pub const NONE: u64 = 0;
    pub const BOOL: u64 = 1;
    pub const INT: u64 = 2;
    pub const FLOAT: u64 = 3;
    pub const OBJ: u64 = 4;
    pub const UNBOUND: u64 = 5;
}

/// The header every heap object starts with.
#[repr(C)]
pub struct HeapObject {
    /// Number of [`ObjRef`]s pointing here.
    refcount: Cell<usize>,
    /// The object's type object (`type(x)`), or null until first asked
    /// for ([`ObjRef::type_ptr`]). It borrows the type: whatever the
    /// object is, something that outlives it owns its type (an instance's
    /// `class` field, a class's `metaclass`, or the built-in type objects,
    /// which are never freed), so the header needs no count of its own.
    /// Set when an instance or a native object is made, so compiled code
    /// and the inline caches can guard on a class with one load.
    ob_type: Cell<*const HeapObject>,
    /// Which kind of object this is ([`kind`]): which payload follows
    /// the header (`object_kinds`); readable by compiled code.
    pub(crate) kind: u16,
    /// [`flags`]: facts the runtime must act on when the object is freed.
    pub(crate) flags: Cell<u16>,
    /// The object's place in the cycle collector's list of tracked
    /// objects ([`crate::object::gc`]), or [`crate::object::gc::UNTRACKED`].
    pub(crate) gc_index: Cell<u32>,
}

impl HeapObject {
    /// The header of an object that is not a runtime object (a C API box
    /// of an immediate value, `embed::handle`): kind `HOST_BOX`,
    /// untracked, with `refcount` references.
    pub const fn host_box(refcount: usize) -> HeapObject {
        HeapObject {
            refcount: Cell::new(refcount),
            ob_type: Cell::new(std::ptr::null()),
            kind: kind::HOST_BOX,
            flags: Cell::new(0),
            gc_index: Cell::new(u32::MAX),
        }
    }

    /// The object this header starts (for the collector and weak
    /// references, which hold headers).
    #[inline]
    pub(crate) fn view(&self) -> Object<'_> {
        // SAFETY: every header lives at the start of an allocation made by
        // `NewObject::allocate`, and `&self` keeps it alive.
        unsafe { kinds::view(NonNull::from(self)) }
    }

    /// The count itself (the C API's boxes count their references in it:
    /// `embed::handle`).
    pub(crate) fn refcount_cell(&self) -> &Cell<usize> {
        &self.refcount
    }

    /// The current reference count (for the cycle collector).
    pub(crate) fn refcount(&self) -> usize {
        self.refcount.get()
    }
}

/// Object kinds compiled code tests in [`HeapObject`]'s header.
pub mod kind {
    /// Never an object's kind: the C API's boxes of immediate values
    /// (`embed::handle`), which have a heap object's header but never
    /// become a `Value::Obj`.
    pub const HOST_BOX: u16 = u16::MAX;
    /// A `list`.
    pub const LIST: u16 = crate::object::kinds::kind::List;
    /// An instance of a class.
    pub const INSTANCE: u16 = crate::object::kinds::kind::Instance;
}

/// Bits of [`HeapObject`]'s `flags`.
pub mod flags {
    /// Weak references point to the object (`object::weakref`).
    pub const HAS_WEAKREFS: u16 = 1;
    /// The object is a weak reference whose target is alive (it is in the
    /// target's list).
    pub const LIVE_WEAKREF: u16 = 2;
    /// `__del__` was called (or queued) for this object: never again
    /// (PEP 442).
    pub const FINALIZED: u16 = 4;
}

/// Byte offset of the kind word in a heap object (for the JIT).
pub const KIND_OFFSET: usize = std::mem::offset_of!(HeapObject, kind);

/// Byte offset of the reference count in a heap object (for the JIT).
pub const REFCOUNT_OFFSET: usize = std::mem::offset_of!(HeapObject, refcount);

/// Byte offset of the type pointer in a heap object (for the JIT).
pub const TYPE_OFFSET: usize = std::mem::offset_of!(HeapObject, ob_type);

/// Frees a heap object whose count compiled code brought to zero.
///
/// # Safety
/// `ptr` must come from an [`ObjRef`] whose count just reached zero, with
/// no other reference left.
pub unsafe fn free_object(ptr: *mut HeapObject) {
    if let Some(p) = NonNull::new(ptr) {
        // SAFETY: guaranteed by the caller; the pointer came from the Box
        // leaked in `ObjRef::new`.
        unsafe { release(p) }
    }
}

/// The vector `v`, moved by loading its three words one at a time. A
/// vector passed by value sits in memory its producer wrote word by word
/// with 8-byte stores; the compiler moves it on with 16-byte loads,
/// which cannot take their data from two pending stores and wait for
/// both to reach the cache (a store-forwarding stall, ~15 cycles: two
/// thirds of `new_tuple`'s time on a tuple-heavy benchmark). Volatile
/// loads are never merged.
#[inline(always)]
pub fn vec_moved_by_words(v: Vec<Value>) -> Vec<Value> {
    const { assert!(std::mem::size_of::<Vec<Value>>() == 24) };
    let v = std::mem::ManuallyDrop::new(v);
    let src = &*v as *const Vec<Value> as *const u64;
    // SAFETY: a `Vec` is three initialised words (a pointer, a capacity
    // and a length: no padding; its size is asserted above); they are
    // read from the live vector, which is given up (`ManuallyDrop`), and
    // the same bits make the vector again: a bitwise move.
    unsafe {
        let words = [
            std::ptr::read_volatile(src),
            std::ptr::read_volatile(src.add(1)),
            std::ptr::read_volatile(src.add(2)),
        ];
        std::mem::transmute::<[u64; 3], Vec<Value>>(words)
    }
}

/// An owning, reference-counted pointer to a heap object.
#[repr(transparent)]
pub struct ObjRef(NonNull<HeapObject>);

impl ObjRef {
    /// Moves `object` to the heap with a reference count of one. (Inline,
    /// so that the object is built in its allocation rather than copied
    /// there; tracking by the cycle collector is out of line.)
    #[inline(always)]
    pub fn new(object: NewObject) -> ObjRef {
        let ob_type = match &object {
            NewObject::Instance(i) => i.class.0.as_ptr().cast_const(),
            // (A native object owns its class, which is its type: compiled
            // code guards a native method on the pointer.)
            NewObject::Native(n) => match &n.class {
                Value::Obj(c) => c.0.as_ptr().cast_const(),
                _ => std::ptr::null(),
            },
            _ => std::ptr::null(),
        };
        let obj = ObjRef(object.allocate(Self::header(ob_type)));
        let tracked = match obj.get() {
            Object::Tuple(items) => crate::object::gc::tuple_needs_tracking(items),
            Object::Iter(state) => crate::object::gc::iter_needs_tracking(&state.borrow()),
            o => crate::object::gc::may_hold_references(o),
        };
        if tracked {
            obj.start_tracking();
        }
        obj
    }

    /// The header of a new object: one reference, untracked, its kind
    /// set by the allocation.
    #[inline(always)]
    fn header(ob_type: *const HeapObject) -> HeapObject {
        HeapObject {
            refcount: Cell::new(1),
            ob_type: Cell::new(ob_type),
            kind: 0,
            flags: Cell::new(0),
            gc_index: Cell::new(crate::object::gc::UNTRACKED),
        }
    }

    /// A new tuple (as `ObjRef::new(NewObject::Tuple(items))`, with the
    /// items moved straight into the allocation: `kinds::allocate_tuple`).
    #[inline]
    pub fn new_tuple(items: Vec<Value>) -> ObjRef {
        let header = Self::header(std::ptr::null());
        let tracked = crate::object::gc::tuple_needs_tracking(&items);
        let obj = ObjRef(crate::object::kinds::allocate_tuple(header, items));
        if tracked {
            obj.start_tracking();
        }
        obj
    }

    /// A new list, as [`ObjRef::new_tuple`].
    #[inline]
    pub fn new_list(items: Vec<Value>) -> ObjRef {
        let header = Self::header(std::ptr::null());
        let obj = ObjRef(crate::object::kinds::allocate_list(header, items));
        obj.start_tracking();
        obj
    }

    /// Hands a new object that may hold references to the cycle
    /// collector (which may collect now).
    #[inline(never)]
    fn start_tracking(&self) {
        if crate::object::gc::track(self.0) {
            // The new object is held here, so the collection sees it as
            // reachable.
            crate::object::gc::collect_automatically();
        }
    }

    /// A new reference to the object at `ptr` (its count incremented).
    ///
    /// # Safety
    /// `ptr` must point to a live heap object (count ≥ 1).
    pub unsafe fn from_raw_incref(ptr: NonNull<HeapObject>) -> ObjRef {
        // SAFETY: the caller guarantees the object is alive.
        let header = unsafe { ptr.as_ref() };
        header.refcount.set(header.refcount.get() + 1);
        ObjRef(ptr)
    }

    /// Drops a reference to the object at `ptr` that is known not to be
    /// the last (a built-in type object, which its table also holds):
    /// the count decremented without the test for zero.
    ///
    /// # Safety
    /// The caller gives up one reference it owns, and another reference
    /// to the object outlives this call.
    #[inline(always)]
    pub unsafe fn drop_shared(ptr: NonNull<HeapObject>) {
        // SAFETY: the caller guarantees the object is alive.
        let header = unsafe { ptr.as_ref() };
        debug_assert!(header.refcount.get() > 1);
        header.refcount.set(header.refcount.get() - 1);
    }

    /// Gives up this reference as a raw pointer (the C API's `PyObject *`:
    /// `embed::handle`); [`ObjRef::from_raw`] takes it back.
    pub fn into_raw(self) -> NonNull<HeapObject> {
        let p = self.0;
        std::mem::forget(self);
        p
    }

    /// Takes back a reference given up by [`ObjRef::into_raw`].
    ///
    /// # Safety
    /// `ptr` must carry a reference count this call takes over.
    pub unsafe fn from_raw(ptr: NonNull<HeapObject>) -> ObjRef {
        ObjRef(ptr)
    }

    /// The header pointer (for the cycle collector's traversal).
    pub fn as_non_null(&self) -> NonNull<HeapObject> {
        self.0
    }

    /// The object pointed to.
    #[inline(always)]
    pub fn get(&self) -> Object<'_> {
        // SAFETY: an ObjRef keeps its object alive (count ≥ 1) for as long
        // as it exists, and objects are only mutated through interior
        // mutability, so a view is valid for `&self`'s lifetime.
        unsafe { kinds::view(self.0) }
    }

    /// The object's kind number (`kinds::kind`).
    #[inline]
    pub fn kind(&self) -> u16 {
        // SAFETY: see `get`.
        unsafe { self.0.as_ref() }.kind
    }

    /// The bytes the object occupies on the heap (`object.__sizeof__`).
    pub fn heap_size(&self) -> usize {
        // SAFETY: see `get`.
        unsafe { kinds::allocated_size(self.0) }
    }

    /// `type(x)`, read from the header: an instance's class, a class's
    /// metaclass, a built-in type. Worked out and recorded in the header
    /// the first time for objects other than instances.
    #[inline]
    pub fn type_value(&self) -> Value {
        // SAFETY: see `get`.
        let header = unsafe { self.0.as_ref() };
        match NonNull::new(header.ob_type.get().cast_mut()) {
            // SAFETY: the type outlives the object (`HeapObject::ob_type`).
            Some(t) => Value::Obj(unsafe { ObjRef::from_raw_incref(t) }),
            None => self.find_type(),
        }
    }

    /// [`ObjRef::type_value`] the first time.
    #[inline(never)]
    fn find_type(&self) -> Value {
        let t = crate::object::classes::computed_type(self);
        if let Value::Obj(t) = &t {
            // SAFETY: see `get`. The type outlives the object (see
            // `HeapObject::ob_type`), so the pointer stays valid after
            // the reference in `t` goes.
            unsafe { self.0.as_ref() }.ob_type.set(t.0.as_ptr());
        }
        t
    }

    /// The header's type pointer when it is set (always, for instances):
    /// what an inline cache or compiled code compares with a class.
    #[inline]
    pub fn known_type_ptr(&self) -> *const HeapObject {
        // SAFETY: see `get`.
        unsafe { self.0.as_ref() }.ob_type.get()
    }

    /// The object's identity (`id()`).
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }

    /// Identity comparison (`is`).
    pub fn ptr_eq(&self, other: &ObjRef) -> bool {
        self.0 == other.0
    }

    /// The current reference count (for tests and diagnostics).
    pub fn refcount(&self) -> usize {
        // SAFETY: see `get`.
        unsafe { self.0.as_ref().refcount.get() }
    }
}

impl Clone for ObjRef {
    fn clone(&self) -> Self {
        // SAFETY: see `get`; the count is a plain Cell on a single thread.
        let header = unsafe { self.0.as_ref() };
        header.refcount.set(header.refcount.get() + 1);
        ObjRef(self.0)
    }
}

thread_local! {
    /// How many object destructors are running inside each other.
    static DROP_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Objects whose destruction was deferred to bound that nesting.
    static DEFERRED: std::cell::RefCell<Vec<NonNull<HeapObject>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Destructors nest this deep at most; deeper objects wait in a list (the
/// "trashcan" of CPython), so freeing a million nested lists cannot
/// overflow the stack.
const MAX_DROP_DEPTH: u32 = 1000;

/// Frees an object whose count reached zero, deferring it when destructors
/// are already nested too deeply, and draining the deferred ones at the
/// outermost level.
///
/// # Safety
/// `ptr` must come from `ObjRef::new` and have no reference left.
#[inline(never)]
unsafe fn release(ptr: NonNull<HeapObject>) {
    // SAFETY: the caller guarantees the object is still allocated.
    let header = unsafe { ptr.as_ref() };
    // A str, big int or bytes without weak references: freed at once
    // (this function stays small, so that path saves no registers).
    // SAFETY: the caller gives up the last reference; no weak reference
    // needs telling.
    if header.flags.get() == 0 && unsafe { kinds::free_if_leaf(ptr) } {
        return;
    }
    // SAFETY: as above.
    unsafe { release_container(ptr) }
}

/// [`release`] of any other object: its finalizer, the collector's list,
/// its weak references, then its payload, with the depth guard.
///
/// # Safety
/// As for [`release`].
#[inline(never)]
unsafe fn release_container(ptr: NonNull<HeapObject>) {
    // SAFETY: the caller guarantees the object is still allocated.
    let header = unsafe { ptr.as_ref() };
    // A tuple of leaves (the commonest short-lived container: `(x, y)`,
    // a pair of results): no finalizer, not in the collector's list, no
    // weak reference, and freeing its items frees leaves only, so it
    // needs neither the depth guard nor the checks below.
    if header.kind == kinds::kind::Tuple
        && header.flags.get() == 0
        && header.gc_index.get() == crate::object::gc::UNTRACKED
    {
        // SAFETY: the object is alive (above).
        if let Object::Tuple(items) = unsafe { kinds::view(ptr) } {
            if !crate::object::gc::tuple_needs_tracking(items) {
                // SAFETY: the caller gives up the last reference to an
                // object `ObjRef` allocated.
                unsafe { kinds::free(ptr) };
                return;
            }
        }
    }
    let finalize = header.flags.get() & flags::FINALIZED == 0
        // SAFETY: the object is alive until freed below.
        && match unsafe { kinds::view(ptr) } {
            Object::Instance(i) => crate::object::classes::has_del(i.class()),
            Object::Generator(g) => g.needs_finalizing(),
            _ => false,
        };
    if finalize {
        // `__del__` (or a generator's `close()`) runs first, with the
        // object alive again (one reference, the queue's); it is freed
        // when that is dropped, unless `__del__` stored it somewhere.
        header.flags.set(header.flags.get() | flags::FINALIZED);
        header.refcount.set(1);
        crate::object::pending::push(crate::object::pending::Action::Finalize(ObjRef(ptr)));
        return;
    }
    // SAFETY: the object is still allocated; it leaves the collector's
    // list before it is freed (or deferred).
    unsafe { crate::object::gc::untrack(ptr) };
    // SAFETY: as above.
    if unsafe { ptr.as_ref() }.flags.get() != 0 {
        // SAFETY: as above; weak references learn of it before it goes.
        unsafe { crate::object::weakref::on_release(ptr) };
    }
    let Ok(depth) = DROP_DEPTH.try_with(Cell::get) else {
        // The thread's locals are being torn down (a value another
        // thread-local held, such as an interpreter's interned names):
        // freed at once, without the depth guard.
        // SAFETY: as below.
        unsafe { kinds::free(ptr) };
        return;
    };
    if depth >= MAX_DROP_DEPTH && DEFERRED.try_with(|d| d.borrow_mut().push(ptr)).is_ok() {
        return;
    }
    DROP_DEPTH.with(|d| d.set(depth + 1));
    // SAFETY: the caller guarantees this is the last reference to an
    // object `ObjRef::new` allocated.
    unsafe { kinds::free(ptr) };
    DROP_DEPTH.with(|d| d.set(depth));
    if depth == 0 {
        while let Some(next) = DEFERRED.try_with(|d| d.borrow_mut().pop()).ok().flatten() {
            DROP_DEPTH.with(|d| d.set(1));
            // SAFETY: deferred objects had their last reference dropped.
            unsafe { kinds::free(next) };
            DROP_DEPTH.with(|d| d.set(0));
        }
    }
}

impl Drop for ObjRef {
    fn drop(&mut self) {
        // SAFETY: see `get`. When the count reaches zero this was the last
        // reference, so the object is released exactly once.
        unsafe {
            let header = self.0.as_ref();
            let n = header.refcount.get() - 1;
            header.refcount.set(n);
            if n == 0 {
                release(self.0);
            }
        }
    }
}

impl Value {
    /// Wraps a heap object.
    #[inline(always)]
    pub fn obj(object: NewObject) -> Value {
        Value::Obj(ObjRef::new(object))
    }

    /// The heap object, if this is one.
    #[inline(always)]
    pub fn as_obj(&self) -> Option<Object<'_>> {
        match self {
            Value::Obj(o) => Some(o.get()),
            _ => None,
        }
    }

    /// Identity (`is`): immediates by value, objects by address. (Two
    /// tests for the common cases: same tag, same payload word; only
    /// None/Unbound, whose payload is unused, and bools, whose payload
    /// is one byte, need a second look.)
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        let (ta, tb) = (self.tag(), other.tag());
        if ta != tb {
            return false;
        }
        // Ints, floats and objects (tags 2 to 4) fill their payload word:
        // one compare of it, without a jump on the tag.
        if ta.wrapping_sub(2) < 3 {
            // SAFETY: `repr(C, u64)`: those variants' payload is the
            // initialised word after the tag.
            return unsafe {
                *(self as *const Value as *const u64).add(1)
                    == *(other as *const Value as *const u64).add(1)
            };
        }
        match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            _ => true,
        }
    }

    /// The tag word (the layout's word 0: [`tag`]).
    #[inline(always)]
    pub fn tag(&self) -> u64 {
        // SAFETY: `Value` is `repr(C, u64)`: its first word is the tag.
        unsafe { *(self as *const Value as *const u64) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn layout_is_two_words_tag_first() {
        assert_eq!(size_of::<Value>(), 16);
        assert_eq!(offset_of!(HeapObject, refcount), 0);
        assert_eq!(TYPE_OFFSET, 8);
        // The tag word is the discriminant at offset 0.
        let v = Value::Int(-7);
        // SAFETY: Value is repr(C, u64): two u64 words, tag then payload.
        let words: [u64; 2] = unsafe { std::mem::transmute(v) };
        assert_eq!(words, [tag::INT, (-7i64) as u64]);
        let f = Value::Float(1.5);
        // SAFETY: as above.
        let words: [u64; 2] = unsafe { std::mem::transmute(f) };
        assert_eq!(words, [tag::FLOAT, 1.5f64.to_bits()]);
    }

    /// Every heap object is as large as the largest `Object` variant until
    /// objects are sized by their type (docs/value-layout.md): large, rare
    /// objects (classes, generators, files, exception state) are boxed so
    /// that the common ones do not pay for them. This pins that budget.
    #[test]
    fn the_header_points_to_the_type() {
        use super::super::classes::{type_object, type_value};
        use crate::object::heap::TypeKind;
        // A built-in value: found on first use, then read from the header.
        let s = crate::object::heap::new_str("text");
        let Value::Obj(o) = &s else {
            panic!("a str is a heap object")
        };
        assert!(o.known_type_ptr().is_null());
        let t = type_value(&s);
        assert!(t.is(&type_object(TypeKind::Str)));
        let Value::Obj(str_type) = &t else {
            panic!("a type is an object")
        };
        assert_eq!(o.known_type_ptr(), str_type.0.as_ptr().cast_const());
        // A class's type is `type`; its instances point to it from birth.
        let cls = super::super::classes::new_builtin_class(
            "test",
            "C",
            type_object(TypeKind::Object),
            TypeKind::Object,
            Vec::new(),
        );
        assert!(type_value(&cls).is(&type_object(TypeKind::Type)));
        let Value::Obj(class_ref) = &cls else {
            panic!("a class is an object")
        };
        let inst = Value::obj(NewObject::Instance(super::super::instance::Instance::new(
            class_ref.clone(),
            None,
            None,
        )));
        let Value::Obj(i) = &inst else {
            panic!("an instance is an object")
        };
        assert_eq!(i.known_type_ptr(), class_ref.0.as_ptr().cast_const());
        assert!(type_value(&inst).is(&cls));
        // A native object's class is its type, also from birth (compiled
        // code guards native methods on it).
        struct Probe;
        impl crate::object::native::NativeData for Probe {}
        let native = crate::object::native::new(cls.clone(), Probe);
        let Value::Obj(n) = &native else {
            panic!("a native object is an object")
        };
        assert_eq!(n.known_type_ptr(), class_ref.0.as_ptr().cast_const());
        assert!(type_value(&native).is(&cls));
    }

    #[test]
    fn heap_objects_are_sized_by_their_kind() {
        let sizes = crate::object::kinds::kind_sizes();
        eprintln!("{sizes:?}");
        let size = |name: &str| sizes.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
        assert_eq!(size_of::<HeapObject>(), 24);
        // A bound method is the header and two values; nothing with no
        // payload pays for a larger one.
        assert_eq!(size("BoundMethod"), Some(24 + 2 * 16));
        assert_eq!(size("Bare"), Some(24));
        assert_eq!(size("List"), Some(24 + 8 + 24));
        // Objects really are allocated at their kind's size.
        let m = ObjRef::new(NewObject::BoundMethod {
            func: Value::None,
            receiver: Value::Int(1),
        });
        assert_eq!(m.heap_size(), 56);
        assert!(sizes.iter().all(|(_, s)| *s <= 152), "{sizes:?}");
    }

    #[test]
    fn freeing_deeply_nested_objects_does_not_recurse_deeply() {
        // A 2 MiB stack could not hold 200,000 nested destructor frames.
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let mut v = Value::obj(NewObject::List(std::cell::RefCell::new(Vec::new())));
                for _ in 0..200_000 {
                    v = Value::obj(NewObject::List(std::cell::RefCell::new(vec![v])));
                }
                drop(v);
            })
            .expect("spawn")
            .join()
            .expect("no stack overflow");
    }

    #[test]
    fn refcounts_follow_clones_and_drops() {
        let a = ObjRef::new(NewObject::Str(crate::object::heap::PyStr::new("x".into())));
        assert_eq!(a.refcount(), 1);
        let b = a.clone();
        assert_eq!(a.refcount(), 2);
        drop(b);
        assert_eq!(a.refcount(), 1);
    }
}
