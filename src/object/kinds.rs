//! Every kind of heap object, each allocated at its own size.
//!
//! A heap object is the [`HeapObject`] header followed by its kind's
//! payload (`Boxed<T>`), so a bound method, a range or a short str takes
//! the header plus what it holds, not the size of the largest kind. The
//! header's `kind` word says which payload follows. Code reads an object
//! through [`Object`], a borrowed view made from the kind and the payload
//! (`ObjRef::get`), and makes one from a [`NewObject`], which `ObjRef::new`
//! moves into an allocation of the right size. The one table below
//! declares every kind once: its view, its owned form, its payload type
//! and its kind number; the allocation, view, size and destructor code
//! are generated from it.

use crate::object::classes::{Class, Instance};
use crate::object::dict::Dict;
use crate::object::heap::TypeKind;
use crate::object::heap::{
    Builtin, DictViewKind, Function, Getter, IterState, Module, PyStr, RtCode, Setter,
};
use crate::object::payloads::{Generator, LazyIter};
use crate::object::set_table::SetTable;
use crate::object::value::{vec_moved_by_words, HeapObject, Value};
use crate::object::weakref::WeakRef;
use num_bigint::BigInt;
use std::cell::RefCell;
use std::ptr::NonNull;
use std::rc::Rc;

/// A heap object as allocated: the header, then the payload.
#[repr(C)]
struct Boxed<T> {
    header: HeapObject,
    payload: T,
}

/// Generates [`Object`], [`NewObject`], the payload structs of the kinds
/// with named fields, the kind numbers and the functions that allocate,
/// view, measure and free objects, from one list of kinds: those holding
/// one value, those with named fields, those holding nothing.
macro_rules! object_kinds {
    (
        one { $( $(#[$tdoc:meta])* $tname:ident($tty:ty) = $tk:literal, )* }
        fields { $( $(#[$sdoc:meta])* $sname:ident($pname:ident) { $( $(#[$fdoc:meta])* $field:ident: $fty:ty, )* } = $sk:literal, )* }
        none { $( $(#[$udoc:meta])* $uname:ident = $uk:literal, )* }
    ) => {
        /// A borrowed view of a heap object: which kind it is, and a
        /// reference to its payload. Made by `ObjRef::get`; matched
        /// everywhere the runtime needs to know what an object holds.
        /// Its discriminants are the kind numbers and every payload
        /// follows the header at the same offset, so making a view is a
        /// load of the kind and an address computation, with no branch.
        #[derive(Clone, Copy)]
        #[repr(u16)]
        pub enum Object<'a> {
            $( $(#[$tdoc])* $tname(&'a $tty) = $tk, )*
            $( $(#[$sdoc])* $sname(&'a $pname) = $sk, )*
            $( $(#[$udoc])* $uname = $uk, )*
        }

        /// A heap object about to be made: `ObjRef::new` moves it into an
        /// allocation the size of its kind.
        pub enum NewObject {
            $( $(#[$tdoc])* $tname($tty), )*
            $( $(#[$sdoc])* $sname { $( $(#[$fdoc])* $field: $fty, )* }, )*
            $( $(#[$udoc])* $uname, )*
        }

        $(
            $(#[$sdoc])*
            #[doc = ""]
            #[doc = concat!("The payload of `Object::", stringify!($sname), "`.")]
            pub struct $pname { $( $(#[$fdoc])* pub $field: $fty, )* }
        )*

        /// The kind numbers stored in the header, one per variant of
        /// [`Object`] (compiled code tests `List`'s).
        #[allow(non_upper_case_globals)]
        pub mod kind {
            $( #[doc = concat!("`Object::", stringify!($tname), "`.")] pub const $tname: u16 = $tk; )*
            $( #[doc = concat!("`Object::", stringify!($sname), "`.")] pub const $sname: u16 = $sk; )*
            $( #[doc = concat!("`Object::", stringify!($uname), "`.")] pub const $uname: u16 = $uk; )*
        }

        impl NewObject {
            /// Moves the object into a new allocation of its kind's size,
            /// with `header` in front (whose `kind` this sets).
            #[inline(always)]
            pub(crate) fn allocate(self, header: HeapObject) -> NonNull<HeapObject> {
                match self {
                    $( NewObject::$tname(p) => boxed(header, kind::$tname, p), )*
                    $( NewObject::$sname { $( $field, )* } => {
                        boxed(header, kind::$sname, $pname { $( $field, )* })
                    } )*
                    $( NewObject::$uname => boxed(header, kind::$uname, ()), )*
                }
            }
        }

        /// The view of the object at `ptr`.
        ///
        /// # Safety
        /// `ptr` must point to a live object made by [`NewObject::allocate`],
        /// which outlives `'a`.
        #[inline(always)]
        pub(crate) unsafe fn view<'a>(ptr: NonNull<HeapObject>) -> Object<'a> {
            // SAFETY (every arm): the kind word was written by `allocate`
            // together with a payload of that kind's type, and the caller
            // keeps the object alive for `'a`; payloads are only mutated
            // through interior mutability.
            match unsafe { ptr.as_ref() }.kind {
                $( kind::$tname => Object::$tname(unsafe { payload_of::<$tty>(ptr) }), )*
                $( kind::$sname => Object::$sname(unsafe { payload_of::<$pname>(ptr) }), )*
                $( kind::$uname => Object::$uname, )*
                // SAFETY: `allocate` writes only the kinds listed above.
                _ => unsafe { std::hint::unreachable_unchecked() },
            }
        }

        /// The bytes the object at `ptr` occupies (`object.__sizeof__`).
        ///
        /// # Safety
        /// As for [`view`].
        pub(crate) unsafe fn allocated_size(ptr: NonNull<HeapObject>) -> usize {
            // SAFETY: guaranteed by the caller.
            match unsafe { ptr.as_ref() }.kind {
                $( kind::$tname => std::mem::size_of::<Boxed<$tty>>(), )*
                $( kind::$sname => std::mem::size_of::<Boxed<$pname>>(), )*
                _ => std::mem::size_of::<Boxed<()>>(),
            }
        }

        /// Drops the payload of the object at `ptr` and frees its memory.
        ///
        /// # Safety
        /// `ptr` must come from [`NewObject::allocate`], with no reference
        /// to it left.
        pub(crate) unsafe fn free(ptr: NonNull<HeapObject>) {
            // SAFETY (every arm): the allocation is a `Boxed` of the kind's
            // payload type, leaked from a `Box` by `boxed`, and the caller
            // gives up the last reference.
            match unsafe { ptr.as_ref() }.kind {
                $( kind::$tname => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<$tty>>()) }), )*
                $( kind::$sname => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<$pname>>()) }), )*
                _ => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<()>>()) }),
            }
        }

        /// Where each kind's payload starts (for the test that every one
        /// starts right after the header).
        #[cfg(test)]
        fn payload_offsets() -> Vec<usize> {
            vec![
                $( std::mem::offset_of!(Boxed<$tty>, payload), )*
                $( std::mem::offset_of!(Boxed<$pname>, payload), )*
            ]
        }

        /// Every kind number with its size in bytes (for the size table
        /// in docs/value-layout.md and its test).
        pub fn kind_sizes() -> Vec<(&'static str, usize)> {
            vec![
                $( (stringify!($tname), std::mem::size_of::<Boxed<$tty>>()), )*
                $( (stringify!($sname), std::mem::size_of::<Boxed<$pname>>()), )*
                $( (stringify!($uname), std::mem::size_of::<Boxed<()>>()), )*
            ]
        }
    };
}

/// Moves `payload` behind `header` into a new allocation. (Every payload
/// type has an alignment of at most 8, so it starts right after the
/// 24-byte header: the test `payloads_follow_the_header` checks it.)
/// The two are written into the allocation field by field: `Box::new`
/// built the object on the stack and copied it on with 16-byte loads of
/// what had just been stored with 8-byte stores, a store-forwarding
/// stall on every allocation.
#[inline(always)]
fn boxed<T>(mut header: HeapObject, kind: u16, payload: T) -> NonNull<HeapObject> {
    header.kind = kind;
    let layout = std::alloc::Layout::new::<Boxed<T>>();
    // SAFETY: `Boxed<T>` has a non-zero size (the header); the memory is
    // freed by `free`, as a `Box<Boxed<T>>` of the same layout.
    let mem = unsafe { std::alloc::alloc(layout) }.cast::<Boxed<T>>();
    let Some(ptr) = NonNull::new(mem) else {
        std::alloc::handle_alloc_error(layout)
    };
    // SAFETY: `mem` is a fresh allocation for a `Boxed<T>`; both fields
    // are written before anything reads the object.
    unsafe {
        std::ptr::addr_of_mut!((*mem).header).write(header);
        std::ptr::addr_of_mut!((*mem).payload).write(payload);
    }
    // `Boxed` is `repr(C)` with the header first, so a pointer to it is a
    // pointer to the header.
    ptr.cast()
}

/// Moves a tuple's items behind `header` into a new allocation, without
/// the [`NewObject`] enum in between, the vector read word by word
/// ([`vec_moved_by_words`]).
#[inline(always)]
pub(crate) fn allocate_tuple(header: HeapObject, items: Vec<Value>) -> NonNull<HeapObject> {
    boxed(header, kind::Tuple, vec_moved_by_words(items))
}

/// As [`allocate_tuple`], for a list.
#[inline(always)]
pub(crate) fn allocate_list(header: HeapObject, items: Vec<Value>) -> NonNull<HeapObject> {
    boxed(header, kind::List, RefCell::new(vec_moved_by_words(items)))
}

/// Frees the object at `ptr` if its kind is a str, a big int, bytes, a
/// complex or a range:
/// kinds that hold no reference (so freeing one runs no other object's
/// destructor and cannot recurse), are never tracked by the cycle
/// collector and have no `__del__`. False (nothing done) for other kinds.
/// The release of the commonest short-lived objects thus skips the
/// finalizer, collector and depth checks every other kind needs.
///
/// # Safety
/// As for [`free`]; the object must have no weak references.
#[inline(always)]
pub(crate) unsafe fn free_if_leaf(ptr: NonNull<HeapObject>) -> bool {
    // SAFETY (every arm): as in `free`: the allocation is a `Boxed` of
    // the kind's payload type and the caller gives up the last reference.
    match unsafe { ptr.as_ref() }.kind {
        kind::Str => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<PyStr>>()) }),
        kind::BigInt => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<BigInt>>()) }),
        kind::Bytes => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<Vec<u8>>>()) }),
        kind::Complex => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<ComplexObj>>()) }),
        kind::Range => drop(unsafe { Box::from_raw(ptr.as_ptr().cast::<Boxed<RangeObj>>()) }),
        _ => return false,
    }
    true
}

/// Where an instance's payload starts in its heap object (for compiled
/// code: `instance::measure_layout`).
pub(crate) fn instance_payload_offset() -> usize {
    std::mem::offset_of!(Boxed<crate::object::classes::Instance>, payload)
}

/// Where a function's payload starts in its heap object (for compiled
/// code's direct calls: `jit::call_layout`).
#[cfg(feature = "jit")]
pub(crate) fn function_payload_offset() -> usize {
    std::mem::offset_of!(Boxed<crate::object::heap::Function>, payload)
}

/// Where a built-in iterator's payload starts in its heap object (for
/// compiled code: `heap::measure_iter_layout`).
pub(crate) fn iter_payload_offset() -> usize {
    std::mem::offset_of!(Boxed<std::cell::RefCell<IterState>>, payload)
}

/// Where a dict's payload starts in its heap object (for compiled code:
/// `dict::measure_layout`).
pub(crate) fn dict_payload_offset() -> usize {
    std::mem::offset_of!(
        Boxed<std::cell::RefCell<crate::object::dict::Dict>>,
        payload
    )
}

/// The payload of the object at `ptr`, as a `T`.
///
/// # Safety
/// The object must be alive for `'a` and be a `Boxed<T>`.
#[inline(always)]
unsafe fn payload_of<'a, T>(ptr: NonNull<HeapObject>) -> &'a T {
    // SAFETY: guaranteed by the caller.
    unsafe { &(*ptr.as_ptr().cast::<Boxed<T>>()).payload }
}

object_kinds! {
    one {
        /// `str`.
        Str(PyStr) = 0,
        /// An `int` too large for 64 bits.
        BigInt(BigInt) = 1,
        /// `bytes`.
        Bytes(Vec<u8>) = 2,
        /// `bytearray`.
        ByteArray(RefCell<Vec<u8>>) = 3,
        /// `list` (its layout is measured for the JIT: see `jit`).
        List(RefCell<Vec<Value>>) = 4,
        /// `tuple`.
        Tuple(Vec<Value>) = 5,
        /// `dict`.
        Dict(RefCell<Dict>) = 6,
        /// An iterator over a built-in container.
        Iter(RefCell<IterState>) = 7,
        /// A Python function.
        Function(Function) = 8,
        /// A built-in function.
        Builtin(Builtin) = 9,
        /// A module.
        Module(Module) = 10,
        /// A code object (MAKE_FUNCTION's operand).
        Code(Rc<RtCode>) = 11,
        /// A class: a user class or a built-in type.
        Class(Box<Class>) = 12,
        /// An instance of a class.
        Instance(Instance) = 13,
        /// `staticmethod(f)`.
        StaticMethod(Value) = 14,
        /// `classmethod(f)`.
        ClassMethod(Value) = 15,
        /// A cell: a variable shared between a function and the functions
        /// nested in it (`Unbound` when empty).
        Cell(RefCell<Value>) = 16,
        /// A generator: a suspended frame of a generator function.
        Generator(Box<Generator>) = 17,
        /// An iterator combinator (`enumerate`, `zip`, `map`, …).
        Lazy(RefCell<LazyIter>) = 18,
        /// `sys.stdout` / `sys.stderr`.
        Stream(Stream) = 19,
        /// A weak reference (`weakref.ref`).
        WeakRef(WeakRef) = 21,
        /// `types.MappingProxyType`: a read-only view of a mapping
        /// (`C.__dict__`; `types::mapping_proxy`).
        MappingProxy(Value) = 36,
        /// A `range` whose parts do not fit in 64 bits
        /// (`types::long_range`).
        LongRange(Box<crate::object::payloads::LongRange>) = 37,
        /// `memoryview` (`types::memoryview`).
        MemoryView(Box<crate::object::payloads::MemoryView>) = 38,
        /// A traceback object: one node of an exception's traceback
        /// (`types::traceback`).
        Traceback(crate::object::exceptions::TracebackObject) = 39,
        /// An object of a native type a module defines (`object::native`).
        Native(Box<crate::object::native::Native>) = 40,
    }
    fields {
        /// `complex`.
        Complex(ComplexObj) {
            /// Real part.
            re: f64,
            /// Imaginary part.
            im: f64,
        } = 22,
        /// `range(start, stop, step)`.
        Range(RangeObj) {
            /// First value.
            start: i64,
            /// Bound, excluded.
            stop: i64,
            /// Increment, never 0.
            step: i64,
        } = 23,
        /// `slice(start, stop, step)`; `None` parts are omitted bounds.
        Slice(SliceObj) {
            /// Lower bound or `None`.
            start: Value,
            /// Upper bound or `None`.
            stop: Value,
            /// Step or `None`.
            step: Value,
        } = 24,
        /// A built-in method bound to its object (`lst.append`).
        Method(MethodObj) {
            /// The object the method was looked up on.
            receiver: Value,
            /// The method.
            builtin: Builtin,
        } = 25,
        /// A Python function bound to the object it was looked up on.
        BoundMethod(BoundMethodObj) {
            /// The function (or other callable) to call.
            func: Value,
            /// Its first argument.
            receiver: Value,
        } = 26,
        /// `property(fget, fset, fdel)`.
        Property(PropertyObj) {
            /// The getter or `None`.
            fget: Value,
            /// The setter or `None`.
            fset: Value,
            /// The deleter or `None`.
            fdel: Value,
            /// `__doc__` (the `doc` argument or the getter's; assignable).
            doc: RefCell<Value>,
        } = 27,
        /// `super(class, obj)`: attribute lookups start after `class` in the
        /// MRO of `obj`'s class.
        Super(SuperObj) {
            /// Where the search starts (exclusive).
            class: Value,
            /// The object methods bind to.
            obj: Value,
        } = 28,
        /// `set` or `frozenset`.
        Set(SetObj) {
            /// The elements.
            table: RefCell<SetTable>,
            /// Whether this is a `frozenset`.
            frozen: bool,
        } = 29,
        /// A method of a built-in type, as its type's dict holds it
        /// (`str.join`, CPython's `method_descriptor`): looked up on a value
        /// it binds to it; called, it takes the object as the first argument.
        MethodDescr(MethodDescrObj) {
            /// The type that defines it.
            owner: TypeKind,
            /// The method.
            builtin: Builtin,
            /// A slot wrapper (`int.__add__`, `object.__init__`: CPython's
            /// `wrapper_descriptor`) rather than a method of the type's
            /// method table (`list.append`).
            wrapper: bool,
        } = 30,
        /// A computed attribute of a built-in type's values (`int.real`,
        /// `range.start`; CPython's `getset_descriptor`), in its type's dict.
        GetSet(GetSetObj) {
            /// The type that defines it.
            owner: TypeKind,
            /// The attribute's name.
            name: &'static str,
            /// Reads the attribute of a value of the type.
            get: Getter,
            /// Sets (`Some`) or deletes (`None`) it; None when the
            /// attribute is read-only.
            set: Option<Setter>,
        } = 31,
        /// `dict.keys()`, `.values()`, `.items()`: live views of a dict.
        DictView(DictViewObj) {
            /// The dict object.
            dict: Value,
            /// Which view.
            kind: DictViewKind,
        } = 32,
    }
    none {
        /// The `NotImplemented` singleton.
        NotImplemented = 33,
        /// The `Ellipsis` singleton (`...`).
        Ellipsis = 34,
        /// An instance of `object` itself (`object()`): no attributes.
        Bare = 35,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_follow_the_header() {
        let header = std::mem::size_of::<HeapObject>();
        assert!(payload_offsets().iter().all(|&o| o == header));
    }

    #[test]
    fn views_are_two_words() {
        assert_eq!(std::mem::size_of::<Object<'_>>(), 16);
    }
}

/// The standard streams `sys.stdout` and `sys.stderr` stand for, as text
/// streams and as their byte-level `buffer`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
    /// `sys.stdout.buffer`.
    StdoutBuffer,
    /// `sys.stderr.buffer`.
    StderrBuffer,
}
