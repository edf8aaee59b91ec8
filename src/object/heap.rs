//! The heap objects of the runtime, and their Python type names.

use crate::object::exceptions::ExcKind;
use crate::object::value::{ObjRef, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use taipan_bytecode::code::CodeObject;

/// A Python `str`: UTF-8 text with its length in characters, so ASCII
/// strings index in O(1). Lone surrogates are stored as stand-in
/// characters of a block the str records (`object::surrogates`).
#[derive(Debug)]
pub struct PyStr {
    pub text: String,
    /// The number of characters (low 56 bits; == `text.len()` for ASCII
    /// text) and the surrogate block's selector (high 8 bits, 0: none).
    meta: usize,
    /// The hash, once computed (0: not yet; a hash of 0 is recomputed),
    /// as CPython caches it in the str object.
    pub hash: std::cell::Cell<i64>,
}

/// The bits of `PyStr::meta` that count characters.
const CHARS_MASK: usize = (1 << 56) - 1;

impl PyStr {
    /// Where the word counting its characters is (for the JIT's inline
    /// `len`) and the bits of it that count them.
    pub const META_OFFSET: usize = std::mem::offset_of!(PyStr, meta);
    pub const CHARS_MASK: usize = CHARS_MASK;

    /// Wraps a Rust string (no surrogates: the text is what it says).
    pub fn new(text: String) -> PyStr {
        let chars = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        PyStr::with_selector(text, chars, 0)
    }

    /// A str of `text`, known to hold `chars` characters, whose
    /// surrogates (if `selector` is not 0) stand in that selector's block.
    #[inline]
    pub fn with_selector(text: String, chars: usize, selector: u8) -> PyStr {
        PyStr {
            text,
            meta: (chars & CHARS_MASK) | ((selector as usize) << 56),
            hash: std::cell::Cell::new(0),
        }
    }

    /// The number of characters (`len()`).
    #[inline]
    pub fn chars(&self) -> usize {
        self.meta & CHARS_MASK
    }

    /// The block its surrogates stand in (0: it holds none).
    #[inline]
    pub fn selector(&self) -> u8 {
        (self.meta >> 56) as u8
    }

    /// True if every character is ASCII (byte index = character index).
    pub fn is_ascii(&self) -> bool {
        self.chars() == self.text.len()
    }
}

/// Entry point of compiled code (the JIT contract, DESIGN.md decision
/// 6): it takes the compiling tier's frame (`jit::JitFrame`) as an opaque
/// pointer and returns its status.
pub type JitEntry = unsafe extern "C" fn(*mut std::ffi::c_void) -> u32;

/// A code object prepared for execution: its constants as values, and the
/// counters the JIT's tiering reads.
pub struct RtCode {
    pub code: Arc<CodeObject>,
    /// `co_consts` materialised once.
    pub consts: Vec<Value>,
    /// `co_names`, interned (`object::intern`): attribute instructions
    /// pass these, so shapes and lookup caches match them by address.
    pub names: Box<[Rc<str>]>,
    /// Hashes of `co_names`, for namespace lookups.
    pub name_hashes: Vec<i64>,
    /// Per name: what a global lookup found (and whether in the
    /// builtins), valid while the globals (and, for a name found in the
    /// builtins, the builtins) dict keeps the recorded version. Holds no
    /// reference to the value.
    pub global_cache: Box<[Cell<GlobalHit>]>,
    /// Per name: the inline caches of `LOAD_ATTR` and `STORE_ATTR` on
    /// instances (`vm::attr_cache`).
    pub attr_caches: crate::object::payloads::AttrCaches,
    /// The instructions as the interpreter runs them, quickened in place
    /// (PEP 659), with their adaptive counters.
    pub quick: crate::object::payloads::Quickened,
    /// Per `BINARY_OP_INSTANCE` (by byte offset): the class, its version
    /// tag and the special method's function it was specialised for, as
    /// addresses (no references held: compiled code checks the class and
    /// its version before it uses the function).
    pub binary_sites: RefCell<Vec<(u32, taipan_bytecode::feedback::BinarySeen)>>,
    /// `co_filename` and `co_name` as shared strings, for traceback
    /// entries (made once, not at every raise).
    pub filename: Rc<str>,
    pub name: Rc<str>,
    /// `code.nlocals()`: the frame's slots below its value stack.
    pub nlocals: usize,
    /// `Some(argcount)` when a call with exactly `argcount` positional
    /// arguments only copies them into the frame (no `*args`, `**kwargs`
    /// or keyword-only parameters): the calls that skip argument binding.
    pub simple_argcount: Option<usize>,
    /// What compiled code's direct calls read (`jit::call_layout`):
    /// the positional argument count a call passes straight into a frame
    /// it runs (`simple_argcount`, for code that a call runs rather than
    /// making a generator or coroutine of it; `u64::MAX` otherwise) …
    pub direct_argc: u64,
    /// … the values a frame of this code takes (`frame_capacity`: locals,
    /// value stack and one spare; `interp::new_frame` carves that many) …
    pub frame_cap: u64,
    /// … and where `consts` keeps its values (fixed: the vector is never
    /// changed after `Vm::prepare_code` made it).
    pub consts_ptr: *const Value,
    /// Number of calls so far.
    pub calls: Cell<u32>,
    /// Loop back-edges taken in the interpreter so far.
    pub backedges: Cell<u32>,
    /// Native entry point, once the JIT compiled this code.
    pub jit_entry: Cell<Option<JitEntry>>,
    /// The address of its compiled direct entry (0: none): what a direct
    /// call from compiled code calls, the callee's frame set up by code
    /// made for this code's argument and local counts
    /// (`translate::build_direct_entry` in the JIT crate).
    pub direct_entry: Cell<usize>,
    /// The JIT refused or failed on this code; do not try again.
    pub jit_failed: Cell<bool>,
    /// The last loop header compiled code had no entry for (it returned
    /// "not entered" there: a loop only exception handlers reach), which
    /// the interpreter then offers only every 64th back-edge, not at each
    /// one (`usize::MAX`: none).
    pub osr_refused: Cell<usize>,
    /// Where the running frame will next use compiled code of this code
    /// (the loop header an on-stack replacement asked for it at, or the
    /// block compiled code last left at; `usize::MAX`: none): a code
    /// object run only once compiles only what is reachable from there
    /// (`jit::tiering::feedback_of`).
    pub resume_hint: Cell<usize>,
    /// Where compiled code of this code left for the interpreter, at a
    /// block it was compiled without (one the interpreter had not run):
    /// the offsets (at most [`RtCode::MAX_EXIT_OFFSETS`]), the exits
    /// since the last compilation, and how often it was recompiled for
    /// them (`jit::note_exit`).
    pub jit_exits: std::cell::RefCell<Vec<usize>>,
    pub jit_exit_count: Cell<u32>,
    pub jit_recompiles: Cell<u8>,
    /// Flags added after compiling: `types.coroutine` sets
    /// `ITERABLE_COROUTINE` by assigning `f.__code__` a copy with it.
    pub extra_flags: Cell<u32>,
}

impl RtCode {
    /// The most exit offsets [`RtCode::jit_exits`] keeps.
    pub const MAX_EXIT_OFFSETS: usize = 64;

    /// `co_flags`, the flags added later included.
    pub fn flags(&self) -> u32 {
        self.code.flags | self.extra_flags.get()
    }
}

/// A cached global-name lookup (see [`RtCode::global_cache`]): the value
/// the name had, found in the globals (or in the builtins) dict when they
/// had the recorded versions. A dict's version changes on every mutation
/// to one no dict had before (`Dict`), so while the versions match the
/// dict still holds that very value: the cache borrows it without a
/// reference of its own. 32 bytes, so that an entry is found with a
/// shift.
#[derive(Clone, Copy)]
pub struct GlobalHit {
    /// The globals' version when the name was found in them; its
    /// complement (`!version`, at or above [`GlobalHit::IN_BUILTINS`]:
    /// versions stay below that bit) when it was found in the builtins.
    /// The module form's one comparison thus also says the value is a
    /// global's. The default entry matches no dict either way.
    pub globals_key: u64,
    /// The builtins' version.
    pub builtins_version: u64,
    /// The value's bits (a `Value` not owned: see above).
    value: std::mem::MaybeUninit<[u64; 2]>,
}

impl Default for GlobalHit {
    fn default() -> GlobalHit {
        GlobalHit {
            globals_key: u64::MAX >> 1,
            builtins_version: u64::MAX,
            value: std::mem::MaybeUninit::zeroed(),
        }
    }
}

impl GlobalHit {
    /// The bit of [`GlobalHit::globals_key`] that says "found in the
    /// builtins" (set in the complement of a version).
    pub const IN_BUILTINS: u64 = 1 << 63;

    /// Byte offsets of the fields compiled code reads (`jit`), and the
    /// size of an entry.
    pub const KEY_OFFSET: usize = std::mem::offset_of!(GlobalHit, globals_key);
    pub const BUILTINS_VERSION_OFFSET: usize = std::mem::offset_of!(GlobalHit, builtins_version);
    pub const VALUE_OFFSET: usize = std::mem::offset_of!(GlobalHit, value);
    pub const SIZE: usize = std::mem::size_of::<GlobalHit>();

    /// An entry for `value`, found under the given versions.
    pub fn new(
        globals_version: u64,
        builtins_version: u64,
        in_builtins: bool,
        value: &Value,
    ) -> GlobalHit {
        let mut bits = std::mem::MaybeUninit::<[u64; 2]>::uninit();
        // SAFETY: a `Value` is 16 bytes aligned to 8 (`repr(C, u64)`), as
        // is the destination; the copy takes no ownership (the entry is
        // read only as a borrow, see the type).
        unsafe {
            std::ptr::copy_nonoverlapping(
                (value as *const Value).cast::<u8>(),
                bits.as_mut_ptr().cast::<u8>(),
                std::mem::size_of::<Value>(),
            )
        };
        GlobalHit {
            globals_key: if in_builtins {
                !globals_version
            } else {
                globals_version
            },
            builtins_version,
            value: bits,
        }
    }

    /// The cached value, a new reference.
    ///
    /// # Safety
    /// The entry must have been made by [`GlobalHit::new`] and the dict it
    /// was found in (and, for a global, the globals dict) must still have
    /// the recorded version: the dict then holds the value alive.
    #[inline(always)]
    pub unsafe fn value(&self) -> Value {
        // SAFETY: guaranteed by the caller: the bits are a live `Value`.
        unsafe { &*self.value.as_ptr().cast::<Value>() }.clone()
    }
}

/// A Python function: code plus the globals and defaults it closes over.
pub struct Function {
    pub code: Rc<RtCode>,
    /// The module namespace (a dict object).
    pub globals: ObjRef,
    /// Default values of the parameters (replaced by assigning
    /// `__defaults__` and `__kwdefaults__`; one cell for both keeps a
    /// function at 152 bytes).
    pub defaults: RefCell<Defaults>,
    /// The cells of the free variables (`__closure__`), in `co_freevars`
    /// order.
    pub closure: Box<[Value]>,
    /// The namespace `LOAD_NAME` / `STORE_NAME` use when it is not the
    /// globals: the class namespace, for the body of a `class` statement.
    pub namespace: Option<ObjRef>,
    /// The class whose body defined this function (`__class__`, which
    /// zero-argument `super()` uses); set when the class is made.
    pub owner_class: RefCell<Option<ObjRef>>,
    /// The function's `__dict__` (attributes set on it), made on first use.
    pub attrs: RefCell<Option<ObjRef>>,
    /// `__annotations__` (a dict object), made from MAKE_FUNCTION's
    /// annotations or on first use.
    pub annotations: RefCell<Option<ObjRef>>,
}

/// The signature shared by every built-in function and method: the bound
/// object (for methods), positional arguments, keyword arguments.
pub type BuiltinFn = fn(
    &mut crate::vm::Vm,
    Option<&Value>,
    &[Value],
    &[(Rc<str>, Value)],
) -> crate::object::exceptions::PyResult<Value>;

/// Reads a computed attribute of a built-in value ([`Object::GetSet`]).
pub type Getter = fn(&Value) -> crate::object::exceptions::PyResult<Value>;

/// Sets (`Some`) or deletes (`None`) a computed attribute of a built-in
/// value ([`Object::GetSet`]).
pub type Setter = fn(&Value, Option<Value>) -> crate::object::exceptions::PyResult<()>;

/// A built-in function or method.
#[derive(Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub func: BuiltinFn,
}

/// A module object.
pub struct Module {
    pub name: String,
    /// The namespace (a dict object).
    pub dict: ObjRef,
}

/// The state of an iterator over a built-in container. (`repr(u64)`:
/// the variant's number is the first word and each variant's fields
/// follow it as in a `repr(C)` struct, so compiled code can step range
/// and list iterators inline: `measure_iter_layout`.)
#[repr(u64)]
pub enum IterState {
    /// Over a list (re-reading its length each step, as CPython does).
    List { list: ObjRef, index: usize },
    /// Over a tuple.
    Tuple { tuple: ObjRef, index: usize },
    /// Over a str, by byte offset.
    Str { s: ObjRef, byte: usize },
    /// Over a range.
    Range { next: i64, stop: i64, step: i64 },
    /// Over a snapshot of a dict's keys.
    Keys {
        keys: Vec<Value>,
        index: usize,
        watch: Option<Watch>,
    },
    /// Over a snapshot of a dict's values or items, a set, bytes (`name`
    /// is the iterator type's).
    Snapshot {
        items: Vec<Value>,
        index: usize,
        name: &'static str,
        watch: Option<Watch>,
    },
}

/// The container an iterator over a snapshot came from, and its size
/// then: a dict or set that changes size while it is iterated is
/// CPython's RuntimeError (`what` is its message).
pub struct Watch {
    pub source: ObjRef,
    pub len: usize,
    pub what: &'static str,
}

impl Watch {
    /// Watches the dict or set `v`, whose size is `len` now.
    pub fn new(v: &Value, len: usize, what: &'static str) -> Option<Watch> {
        match v {
            Value::Obj(o) => Some(Watch {
                source: o.clone(),
                len,
                what,
            }),
            _ => None,
        }
    }

    /// CPython's RuntimeError if the container's size changed.
    pub fn check(&self) -> crate::object::exceptions::PyResult<()> {
        let now = match self.source.get() {
            Object::Dict(d) => d.borrow().len(),
            Object::Set(SetObj { table, .. }) => table.borrow().len(),
            _ => self.len,
        };
        if now != self.len {
            return crate::object::exceptions::raise(
                crate::object::exceptions::ExcKind::RuntimeError,
                self.what,
            );
        }
        Ok(())
    }
}

/// The built-in types that exist as Python objects (`int`, `list`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Object,
    Int,
    Bool,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    NoneType,
    Function,
    BuiltinFunction,
    Module,
    Type,
    Slice,
    /// An iterator type, by name (`list_iterator`, `zip`, …).
    Iterator(&'static str),
    Bytes,
    ByteArray,
    Complex,
    Code,
    Exception(ExcKind),
    Method,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    NotImplementedType,
    Ellipsis,
    /// An instance of a user-defined class (its name is the class's).
    Instance,
    Cell,
    Generator,
    WeakRef,
    Coroutine,
    AsyncGenerator,
    MemoryView,
    Traceback,
}

impl TypeKind {
    /// `types.MappingProxyType` (`type(C.__dict__)`), a native type
    /// named like the iterator types.
    pub const MAPPING_PROXY: TypeKind = TypeKind::Iterator("mappingproxy");
    /// `getset_descriptor` (`type(int.real)`).
    pub const GETSET_DESCRIPTOR: TypeKind = TypeKind::Iterator("getset_descriptor");

    /// `type.__name__`.
    pub fn name(self) -> &'static str {
        match self {
            TypeKind::Object => "object",
            TypeKind::Int => "int",
            TypeKind::Bool => "bool",
            TypeKind::Float => "float",
            TypeKind::Str => "str",
            TypeKind::List => "list",
            TypeKind::Tuple => "tuple",
            TypeKind::Dict => "dict",
            TypeKind::Set => "set",
            TypeKind::FrozenSet => "frozenset",
            TypeKind::Range => "range",
            TypeKind::NoneType => "NoneType",
            TypeKind::Function => "function",
            TypeKind::BuiltinFunction => "builtin_function_or_method",
            TypeKind::Module => "module",
            TypeKind::Type => "type",
            TypeKind::Slice => "slice",
            TypeKind::Iterator(name) => name,
            TypeKind::Bytes => "bytes",
            TypeKind::ByteArray => "bytearray",
            TypeKind::Complex => "complex",
            TypeKind::Code => "code",
            TypeKind::Exception(k) => k.name(),
            TypeKind::Method => "method",
            TypeKind::Property => "property",
            TypeKind::StaticMethod => "staticmethod",
            TypeKind::ClassMethod => "classmethod",
            TypeKind::Super => "super",
            TypeKind::NotImplementedType => "NotImplementedType",
            TypeKind::Ellipsis => "ellipsis",
            TypeKind::Instance => "object",
            TypeKind::Cell => "cell",
            TypeKind::Generator => "generator",
            TypeKind::Coroutine => "coroutine",
            TypeKind::AsyncGenerator => "async_generator",
            TypeKind::MemoryView => "memoryview",
            TypeKind::Traceback => "traceback",
            TypeKind::WeakRef => "weakref.ReferenceType",
        }
    }

    /// A dense index for the kinds without a parameter (for tables of
    /// per-kind objects); None for iterator and exception kinds.
    pub fn simple_index(self) -> Option<usize> {
        Some(match self {
            TypeKind::Object => 0,
            TypeKind::Int => 1,
            TypeKind::Bool => 2,
            TypeKind::Float => 3,
            TypeKind::Str => 4,
            TypeKind::List => 5,
            TypeKind::Tuple => 6,
            TypeKind::Dict => 7,
            TypeKind::Set => 8,
            TypeKind::FrozenSet => 9,
            TypeKind::Range => 10,
            TypeKind::NoneType => 11,
            TypeKind::Function => 12,
            TypeKind::BuiltinFunction => 13,
            TypeKind::Module => 14,
            TypeKind::Type => 15,
            TypeKind::Slice => 16,
            TypeKind::Bytes => 17,
            TypeKind::ByteArray => 18,
            TypeKind::Complex => 19,
            TypeKind::Code => 20,
            TypeKind::Method => 21,
            TypeKind::Property => 22,
            TypeKind::StaticMethod => 23,
            TypeKind::ClassMethod => 24,
            TypeKind::Super => 25,
            TypeKind::NotImplementedType => 26,
            TypeKind::Ellipsis => 27,
            TypeKind::Instance => 28,
            TypeKind::Cell => 29,
            TypeKind::Generator => 30,
            TypeKind::WeakRef => 31,
            TypeKind::Coroutine => 32,
            TypeKind::AsyncGenerator => 33,
            TypeKind::MemoryView => 34,
            TypeKind::Traceback => 35,
            TypeKind::Iterator(_) | TypeKind::Exception(_) => return None,
        })
    }

    /// `issubclass(self, other)` among built-in types.
    pub fn is_subtype_of(self, other: TypeKind) -> bool {
        if self == other || other == TypeKind::Object {
            return true;
        }
        match (self, other) {
            (TypeKind::Bool, TypeKind::Int) => true,
            (TypeKind::Exception(a), TypeKind::Exception(b)) => a.is_subclass_of(b),
            _ => false,
        }
    }
}

pub use crate::object::kinds::{
    BoundMethodObj, ComplexObj, DictViewObj, GetSetObj, MethodDescrObj,
};
pub use crate::object::kinds::{MethodObj, PropertyObj, RangeObj, SetObj, SliceObj, SuperObj};
pub use crate::object::kinds::{NewObject, Object};

/// Which dict view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

impl DictViewKind {
    /// The view's type name.
    pub fn name(self) -> &'static str {
        match self {
            DictViewKind::Keys => "dict_keys",
            DictViewKind::Values => "dict_values",
            DictViewKind::Items => "dict_items",
        }
    }
}

/// The current contents of a dict view, as values (keys, values, or
/// `(key, value)` tuples).
pub fn view_items(dict: &Value, kind: DictViewKind) -> Vec<Value> {
    let Some(Object::Dict(d)) = dict.as_obj() else {
        return Vec::new();
    };
    let d = d.borrow();
    match kind {
        DictViewKind::Keys => d.keys(),
        DictViewKind::Values => d.values(),
        DictViewKind::Items => d
            .items()
            .map(|(k, v)| new_tuple(vec![k.clone(), v.clone()]))
            .collect(),
    }
}

/// The type of any value.
pub fn type_of(v: &Value) -> TypeKind {
    match v {
        Value::None | Value::Unbound => TypeKind::NoneType,
        Value::Bool(_) => TypeKind::Bool,
        Value::Int(_) => TypeKind::Int,
        Value::Float(_) => TypeKind::Float,
        Value::Obj(o) => match o.get() {
            Object::Str(_) => TypeKind::Str,
            Object::BigInt(_) => TypeKind::Int,
            Object::Bytes(_) => TypeKind::Bytes,
            Object::ByteArray(_) => TypeKind::ByteArray,
            Object::Complex(_) => TypeKind::Complex,
            Object::List(_) => TypeKind::List,
            Object::Tuple(_) => TypeKind::Tuple,
            Object::Dict(_) => TypeKind::Dict,
            Object::Set(SetObj { frozen: false, .. }) => TypeKind::Set,
            Object::Set(SetObj { frozen: true, .. }) => TypeKind::FrozenSet,
            Object::Range(_) | Object::LongRange(_) => TypeKind::Range,
            Object::MemoryView(_) => TypeKind::MemoryView,
            Object::Traceback(_) => TypeKind::Traceback,
            Object::Native(_) => TypeKind::Instance,
            Object::Slice(_) => TypeKind::Slice,
            Object::MethodDescr(d) if d.wrapper => TypeKind::Iterator("wrapper_descriptor"),
            Object::MethodDescr(_) => TypeKind::Iterator("method_descriptor"),
            Object::GetSet(_) => TypeKind::GETSET_DESCRIPTOR,
            Object::Iter(_) | Object::Lazy(_) | Object::DictView(_) => {
                TypeKind::Iterator(type_name_static(v))
            }
            Object::Function(_) => TypeKind::Function,
            Object::Builtin(_) | Object::Method(_) => TypeKind::BuiltinFunction,
            Object::Module(_) => TypeKind::Module,
            Object::Code(_) => TypeKind::Code,
            Object::Class(_) => TypeKind::Type,
            Object::Instance(_) => TypeKind::Instance,
            Object::BoundMethod(_) => TypeKind::Method,
            Object::Property(_) => TypeKind::Property,
            Object::StaticMethod(_) => TypeKind::StaticMethod,
            Object::ClassMethod(_) => TypeKind::ClassMethod,
            Object::Super(_) => TypeKind::Super,
            Object::NotImplemented => TypeKind::NotImplementedType,
            Object::Ellipsis => TypeKind::Ellipsis,
            Object::Bare => TypeKind::Object,
            Object::Cell(_) => TypeKind::Cell,
            Object::Generator(g) => match g.kind {
                crate::object::payloads::GenKind::Generator => TypeKind::Generator,
                crate::object::payloads::GenKind::Coroutine => TypeKind::Coroutine,
                crate::object::payloads::GenKind::AsyncGenerator => TypeKind::AsyncGenerator,
            },
            Object::WeakRef(w) => match w.kind {
                crate::object::weakref::RefKind::Ref => TypeKind::WeakRef,
                crate::object::weakref::RefKind::Proxy => TypeKind::Iterator("weakref.ProxyType"),
                crate::object::weakref::RefKind::CallableProxy => {
                    TypeKind::Iterator("weakref.CallableProxyType")
                }
            },
            Object::MappingProxy(_) => TypeKind::MAPPING_PROXY,
            Object::Stream(s) if s.is_buffer() => TypeKind::Iterator("_io.BufferedWriter"),
            Object::Stream(_) => TypeKind::Iterator("_io.TextIOWrapper"),
        },
    }
}

/// The type name error messages use (`'int' object is not iterable`).
pub fn type_name(v: &Value) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    match v.as_obj() {
        Some(Object::Instance(i)) => Cow::Owned(i.class_name().to_string()),
        Some(Object::Native(n)) => Cow::Owned(crate::object::classes::native_type_name(&n.class)),
        _ => Cow::Borrowed(type_name_static(v)),
    }
}

/// The name of a built-in value's type.
fn type_name_static(v: &Value) -> &'static str {
    match v.as_obj() {
        Some(Object::Lazy(l)) => l.borrow().type_name(),
        Some(Object::DictView(DictViewObj { kind, .. })) => kind.name(),
        Some(Object::Iter(it)) => match &*it.borrow() {
            IterState::List { .. } => "list_iterator",
            IterState::Tuple { .. } => "tuple_iterator",
            IterState::Str { .. } => "str_ascii_iterator",
            IterState::Range { .. } => "range_iterator",
            IterState::Keys { .. } => "dict_keyiterator",
            IterState::Snapshot { name, .. } => name,
        },
        _ => type_of(v).name(),
    }
}

/// Makes a str value.
pub fn new_str(s: impl Into<String>) -> Value {
    Value::obj(NewObject::Str(PyStr::new(s.into())))
}

/// Makes a list value.
pub fn new_list(items: Vec<Value>) -> Value {
    Value::Obj(ObjRef::new_list(items))
}

/// Makes a tuple value.
pub fn new_tuple(items: Vec<Value>) -> Value {
    Value::Obj(ObjRef::new_tuple(items))
}

/// The text of a str value.
pub fn as_str(v: &Value) -> Option<&str> {
    match v.as_obj() {
        Some(Object::Str(s)) => Some(&s.text),
        Some(Object::Instance(i)) => i.payload().and_then(as_str),
        _ => None,
    }
}

/// The str object of a str value (or of a str subclass's instance).
pub fn as_pystr(v: &Value) -> Option<&PyStr> {
    match v.as_obj() {
        Some(Object::Str(s)) => Some(s),
        Some(Object::Instance(i)) => i.payload().and_then(as_pystr),
        _ => None,
    }
}

/// Makes a str value of text made from strs whose surrogates stood in
/// `selector`'s block (`PyStr::derived`).
pub fn new_derived_str(text: String, selector: u8) -> Value {
    Value::obj(NewObject::Str(PyStr::derived(text, selector)))
}

/// Makes a str value of any code points, lone surrogates included.
pub fn str_of_code_points(cps: impl Iterator<Item = u32>) -> Value {
    Value::obj(NewObject::Str(PyStr::from_code_points(cps)))
}

/// A function's default values.
#[derive(Default)]
pub struct Defaults {
    /// Of the last positional parameters (`__defaults__`).
    pub positional: Box<[Value]>,
    /// Of keyword-only parameters, by name (`__kwdefaults__`).
    pub keyword: Box<[(String, Value)]>,
}

impl Function {
    /// For a call with `nargs` positional arguments and nothing else: the
    /// defaults that fill the missing last parameters (empty when the
    /// arguments are exactly the parameters), when the call needs no
    /// binding step (`RtCode::simple_argcount`); None otherwise.
    #[inline]
    pub fn positional_defaults(&self, nargs: usize) -> Option<std::cell::Ref<'_, [Value]>> {
        let argc = self.code.simple_argcount?;
        let missing = argc.checked_sub(nargs)?;
        std::cell::Ref::filter_map(self.defaults.borrow(), |d| {
            let d = &d.positional;
            d.get(d.len().checked_sub(missing)?..)
        })
        .ok()
    }

    /// The function that runs module-level code (a module body, `exec`'s
    /// code) in `globals`, with `namespace` as its locals when it has
    /// its own.
    pub fn module_code(
        code: Rc<RtCode>,
        globals: crate::object::value::ObjRef,
        namespace: Option<crate::object::value::ObjRef>,
    ) -> Function {
        Function {
            code,
            globals,
            defaults: RefCell::new(Defaults::default()),
            closure: Box::new([]),
            namespace,
            owner_class: RefCell::new(None),
            attrs: RefCell::new(None),
            annotations: RefCell::new(None),
        }
    }

    /// Reports the references the function holds (cycle collector); false
    /// if part of it could not be looked at.
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) -> bool {
        use crate::object::gc::visit_values;
        visit(self.globals.as_non_null());
        if let Ok(d) = self.defaults.try_borrow() {
            visit_values(d.positional.iter(), visit);
            visit_values(d.keyword.iter().map(|(_, v)| v), visit);
        }
        visit_values(&self.closure, visit);
        if let Some(ns) = &self.namespace {
            visit(ns.as_non_null());
        }
        let (Ok(owner), Ok(attrs), Ok(ann)) = (
            self.owner_class.try_borrow(),
            self.attrs.try_borrow(),
            self.annotations.try_borrow(),
        ) else {
            return false;
        };
        if let Some(c) = &*owner {
            visit(c.as_non_null());
        }
        for d in attrs.iter().chain(ann.iter()) {
            visit(d.as_non_null());
        }
        true
    }

    /// Drops the references that can be dropped (cycle collector).
    pub fn clear_for_gc(&self) {
        crate::object::gc::take_for_gc(&self.owner_class, None);
        crate::object::gc::take_for_gc(&self.attrs, None);
        crate::object::gc::take_for_gc(&self.annotations, None);
    }
}

/// A module object with the given attributes.
pub fn make_module(name: &str, attrs: Vec<(&str, Value)>) -> Value {
    let mut d = crate::object::dict::Dict::new();
    d.set_str("__name__", new_str(name));
    d.set_str("__doc__", Value::None);
    for (k, v) in attrs {
        record_builtin_module(&v, name);
        d.set_str(k, v);
    }
    Value::obj(NewObject::Module(Module {
        name: name.into(),
        dict: ObjRef::new(NewObject::Dict(RefCell::new(d))),
    }))
}

/// The module each native module function belongs to, by the address
/// of its Rust function (CPython keeps `m_module` in the function
/// object; Taipan's built-ins are two words, so the module is recorded
/// when the module is made). Process-wide: a function's address is the
/// same in every thread and interpreter.
static BUILTIN_MODULES: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<usize, Box<str>>>,
> = std::sync::LazyLock::new(Default::default);

/// Records that `v`, if a built-in function, is module `module`'s
/// (`__module__`).
pub fn record_builtin_module(v: &Value, module: &str) {
    if let Some(Object::Builtin(b)) = v.as_obj() {
        let mut m = BUILTIN_MODULES.lock().unwrap_or_else(|p| p.into_inner());
        m.entry(b.func as usize).or_insert_with(|| module.into());
    }
}

/// The module built-in function `b` was recorded in, if any.
pub fn builtin_module_of(b: &Builtin) -> Option<Rc<str>> {
    let m = BUILTIN_MODULES.lock().unwrap_or_else(|p| p.into_inner());
    m.get(&(b.func as usize)).map(|s| Rc::from(&**s))
}

/// Makes a built-in function value (for modules).
pub fn builtin_fn(name: &'static str, func: BuiltinFn) -> Value {
    Value::obj(NewObject::Builtin(Builtin { name, func }))
}

/// Where compiled code finds what `FOR_ITER` reads and writes of a range
/// list or tuple iterator (byte offsets from the start of the heap object).
#[derive(Clone, Copy, Debug)]
pub struct IterLayout {
    /// The `RefCell`'s borrow flag (0 when not borrowed).
    pub borrow_flag: usize,
    /// The state's variant number, and the numbers of `Range` and `List`.
    pub state_tag: usize,
    pub tag_range: u64,
    pub tag_list: u64,
    /// `Range`'s `next`, `stop` and `step`.
    pub range_next: usize,
    pub range_stop: usize,
    pub range_step: usize,
    /// `List`'s list object pointer and index.
    pub list_list: usize,
    pub list_index: usize,
    /// `Tuple`'s variant number, tuple object pointer and index.
    pub tag_tuple: u64,
    pub tuple_tuple: usize,
    pub tuple_index: usize,
}

/// Measures [`IterLayout`] on iterators built for the purpose; `None`
/// if the `RefCell` or the enum is not laid out as expected (compiled
/// code then calls the `for_iter` helper at every step).
pub fn measure_iter_layout() -> Option<IterLayout> {
    use std::cell::RefCell;
    // SAFETY (both closures): callers pass the address of a live value
    // at least `n` words long, whose words read here are initialised
    // (the variant number and the fields of the variant built).
    let word = |p: usize| unsafe { std::ptr::read(p as *const u64) };
    let find = |base: usize, n: usize, v: u64| -> Option<usize> {
        let mut hits = (1..n).filter(|&k| word(base + k * 8) == v);
        let first = hits.next()?;
        hits.next().is_none().then_some(first * 8)
    };
    let cell = RefCell::new(IterState::Range {
        next: 0x5eed_0001,
        stop: 0x5eed_0002,
        step: 0x5eed_0003,
    });
    let base = &cell as *const RefCell<IterState> as usize;
    let value_at = (cell.as_ptr() as usize).checked_sub(base)?;
    let flag_at = match value_at {
        8 => 0,
        0 => std::mem::size_of::<IterState>(),
        _ => return None,
    };
    if word(base + flag_at) != 0 {
        return None;
    }
    {
        let _held = cell.borrow_mut();
        if word(base + flag_at) != u64::MAX {
            return None;
        }
    }
    let state = base + value_at;
    // (Only the variant number and the fields are read: the words past
    // a short variant are padding.)
    let n = 4;
    let tag_range = word(state);
    let range_next = find(state, n, 0x5eed_0001)?;
    let range_stop = find(state, n, 0x5eed_0002)?;
    let range_step = find(state, n, 0x5eed_0003)?;
    // A sequence iterator's state (its index set to `mark`): its variant
    // number and where it keeps the sequence `seq` and the index.
    let sequence = |state: IterState, seq: &ObjRef, mark: u64| {
        let base = &state as *const IterState as usize;
        Some((
            word(base),
            find(base, 3, seq.addr() as u64)?,
            find(base, 3, mark)?,
        ))
    };
    let list = ObjRef::new(NewObject::List(RefCell::new(Vec::new())));
    let list_state = IterState::List {
        list: list.clone(),
        index: 0x5eed_0004,
    };
    let (tag_list, list_list, list_index) = sequence(list_state, &list, 0x5eed_0004)?;
    let tuple = ObjRef::new_tuple(Vec::new());
    let tuple_state = IterState::Tuple {
        tuple: tuple.clone(),
        index: 0x5eed_0005,
    };
    let (tag_tuple, tuple_tuple, tuple_index) = sequence(tuple_state, &tuple, 0x5eed_0005)?;
    if tag_list == tag_range || tag_tuple == tag_range || tag_tuple == tag_list {
        return None;
    }
    let at = crate::object::kinds::iter_payload_offset() + value_at;
    Some(IterLayout {
        borrow_flag: crate::object::kinds::iter_payload_offset() + flag_at,
        state_tag: at,
        tag_range,
        tag_list,
        range_next: at + range_next,
        range_stop: at + range_stop,
        range_step: at + range_step,
        list_list: at + list_list,
        list_index: at + list_index,
        tag_tuple,
        tuple_tuple: at + tuple_tuple,
        tuple_index: at + tuple_index,
    })
}
