//! User-defined classes: `class` statements, version tags, the C3 method
//! resolution order, attribute lookup with descriptors (functions bind to
//! methods, `property`, `staticmethod`, `classmethod`, user descriptors),
//! `super()`, and looking up and calling an instance's special methods
//! (the operators built on them go through the protocol layer's slots;
//! instances themselves in `object::instance`).
//!
//! A class is an `Object::Class`: user classes, the classes the runtime
//! defines (exception classes, `types.SimpleNamespace`:
//! [`new_builtin_class`]) and the type objects of the built-in types
//! (`object::builtin_types`). `docs/objects.md` explains the model.

use crate::object::dict::Dict;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_str, new_tuple, type_name, Object, TypeKind};
use crate::object::heap::{GetSetObj, MethodDescrObj, PropertyObj, SuperObj};
pub use crate::object::instance::{Deleted, ExcData, Instance};
use crate::object::shape::Shape;
use crate::object::value::{ObjRef, Value};
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

/// Byte offset of the version tag in a class's data (for compiled
/// code's guards: `instance::measure_layout`).
pub const VERSION_OFFSET: usize = std::mem::offset_of!(Class, version);

/// A class object.
///
/// `repr(C)` with the version tag first: an inline-cache hit reads the
/// object's kind and the tag, which so share one cache line (with Rust's
/// field order the tag sat 400 bytes into the object, a second line).
#[repr(C)]
pub struct Class {
    /// The version tag: unique to this class and its current attributes;
    /// replaced when an attribute of the class or of one of its bases
    /// changes ([`Class::modified`]). Caches of facts about the class
    /// (MRO lookups, hooks; the interpreter's inline caches) are valid
    /// for one tag.
    version: std::cell::Cell<u64>,
    /// `__name__`.
    pub name: RefCell<String>,
    /// `__qualname__`.
    pub qualname: RefCell<String>,
    /// `__bases__`: classes or built-in type objects.
    pub bases: Vec<Value>,
    /// `__mro__` after the class itself (C3 linearisation), ending with
    /// `object`. The class is left out so that it holds no reference to
    /// itself.
    pub mro_tail: Vec<Value>,
    /// The class namespace (a dict object), `__dict__`.
    pub dict: ObjRef,
    /// The nearest built-in base (`object` or an exception class): what
    /// kind of instance calling the class makes.
    pub builtin_base: TypeKind,
    /// For the type object of a built-in type whose values are not
    /// instances (`int`, `str`, `list`, …; `object::builtin_types`): its
    /// kind. None for every other class.
    pub builtin_kind: Option<TypeKind>,
    /// Attribute names instances may have when every class of the MRO
    /// declares `__slots__` (instances then have no `__dict__`).
    pub slots: Option<Vec<String>>,
    /// The metaclass when it is not `type` (`class A(metaclass=M)`).
    pub metaclass: Option<Value>,
    /// For a type the runtime defines (the built-in exception classes,
    /// `types.SimpleNamespace`: CPython's static types), its module: its
    /// attributes cannot be set or deleted, and it is named
    /// `module.Name` in messages unless the module is `builtins`.
    pub static_module: Option<&'static str>,
    /// The name messages use (CPython's `tp_name`): `__name__`, or
    /// `module.Name` for a runtime type outside `builtins`.
    pub tp_name: String,
    /// The shape new instances start from (`object::shape`): empty, or
    /// holding the `__slots__` names.
    pub root_shape: Rc<Shape>,
    /// Which attribute hooks (`__getattribute__`, `__getattr__`,
    /// `__setattr__`, `__delattr__`) the MRO defines in Python, as
    /// [`HOOK_BITS`] bits, valid for the class version recorded with them.
    hooks: std::cell::Cell<(u64, u8)>,
    /// The slots of this class's instances (`protocol::slots`), valid for
    /// the class version recorded with them.
    pub(crate) type_slots: std::cell::UnsafeCell<(u64, crate::object::type_slots::Slots)>,
    /// The classes that list this one among their bases (a weak list:
    /// each removes itself when it is freed), so a change here reaches
    /// their version tags.
    subclasses: RefCell<
        Vec<(
            *const Class,
            std::ptr::NonNull<crate::object::value::HeapObject>,
        )>,
    >,
    /// What attribute lookups along the MRO found, per version tag.
    lookups: LookupCache,
    /// CPython's `Py_TPFLAGS_SEQUENCE` / `Py_TPFLAGS_MAPPING` set on this
    /// class itself ([`Class::set_collection_flags`]), as pattern matching
    /// reads them (`vm::matching`); 0 for most classes.
    collection: std::cell::Cell<u8>,
}

/// Where version tags come from: every tag handed out is new, so a tag
/// names one class in one state, and a class made at a freed class's
/// address can never match the old one's cache entries. (A tag source,
/// not shared state: nothing is invalidated through it.)
static NEXT_VERSION_TAG: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn new_version_tag() -> u64 {
    NEXT_VERSION_TAG.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Class {
    /// Whether the runtime defines this type (its attributes are fixed).
    #[inline]
    pub fn is_static(&self) -> bool {
        self.static_module.is_some()
    }

    /// The collection flags set on this class itself (bit 5: a sequence,
    /// bit 6: a mapping, as CPython numbers them).
    #[inline]
    pub fn collection_flags(&self) -> u8 {
        self.collection.get()
    }

    /// Marks the class a sequence or a mapping for `match` (a native type
    /// such as `array.array`, or a class an ABC's `register` marks).
    pub fn set_collection_flags(&self, flags: u8) {
        self.collection.set(flags);
    }

    /// The current version tag.
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// Records that an attribute of this class changed: it and every
    /// subclass get new version tags, so nothing cached about them is
    /// used again.
    pub fn modified(&self) {
        self.version.set(new_version_tag());
        let subs = self.subclasses.borrow().clone();
        for (sub, _) in subs {
            // SAFETY: a class removes itself from its bases' lists in its
            // destructor, so every pointer in the list is a live class
            // (its bases are kept alive by its `bases` field meanwhile).
            unsafe { (*sub).modified() }
        }
    }
}

impl Class {
    /// Reports the references the class holds (cycle collector); false
    /// if part of it could not be looked at.
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) -> bool {
        use crate::object::gc::{visit_value, visit_values};
        visit_values(&self.bases, visit);
        visit_values(&self.mro_tail, visit);
        visit(self.dict.as_non_null());
        if let Some(m) = &self.metaclass {
            visit_value(m, visit);
        }
        self.lookups.traverse(visit)
    }

    /// Drops the references that can be dropped (cycle collector): the
    /// cached lookups (the namespace dict is emptied as an object of its
    /// own).
    pub fn clear_for_gc(&self) {
        self.lookups.clear();
    }
}

impl Drop for Class {
    fn drop(&mut self) {
        let me = self as *const Class;
        for b in &self.bases {
            if let Some(Object::Class(base)) = b.as_obj() {
                base.subclasses.borrow_mut().retain(|(p, _)| *p != me);
            }
        }
    }
}

/// `cls.__subclasses__()`: the classes that list `cls` among their bases
/// and are alive, oldest first.
pub fn subclasses_of(cls: &Value) -> Vec<Value> {
    let Some(Object::Class(c)) = cls.as_obj() else {
        return Vec::new();
    };
    let subs = c.subclasses.borrow();
    subs.iter()
        .filter(|(_, heap)| {
            // SAFETY: a class leaves the list in its destructor, so the
            // object is still allocated; one whose count reached zero
            // (its destruction deferred) is not handed out again.
            unsafe { heap.as_ref() }.refcount() > 0
        })
        // SAFETY: alive, as just checked.
        .map(|(_, heap)| Value::Obj(unsafe { ObjRef::from_raw_incref(*heap) }))
        .collect()
}

/// The attribute hooks cached in [`Class`], by bit.
const HOOK_GETATTRIBUTE: u8 = 1;
const HOOK_GETATTR: u8 = 2;
const HOOK_SETATTR: u8 = 4;
const HOOK_DELATTR: u8 = 8;
/// Not a hook: calling the class runs an `__init__` that a runtime class
/// defines (cached with the hooks, as it depends on the same dicts).
pub(crate) const RUNTIME_INIT: u8 = 16;
/// Not a hook either: the class (or a base) defines `__del__`.
const HAS_DEL: u8 = 32;
/// Not a hook: the nearest `__new__` is a native type's
/// (`object::native::constructor`), which makes the instance.
pub(crate) const NATIVE_NEW: u8 = 64;
/// Not a hook: calling the class only makes the instance
/// (`types::metaclass::instantiate`): neither its `__new__` nor its
/// `__init__` is Python code or must run (a class without either, an
/// exception class that overrides neither), so the call looks neither up.
pub(crate) const PLAIN_CONSTRUCT: u8 = 128;
const HOOK_BITS: [(&str, u8); 4] = [
    ("__getattribute__", HOOK_GETATTRIBUTE),
    ("__getattr__", HOOK_GETATTR),
    ("__setattr__", HOOK_SETATTR),
    ("__delattr__", HOOK_DELATTR),
];

use crate::object::lookup_cache::LookupCache;

/// Whether the class defines the hook of `bit` in Python (cached per
/// class).
fn has_hook(cls: &Value, bit: u8) -> bool {
    match cls.as_obj() {
        Some(Object::Class(c)) => hook_bits(c) & bit != 0,
        _ => false,
    }
}

/// Whether instances of `c` have a `__del__` to run before they are
/// freed. Called from destructors, where a class dict may be borrowed
/// mutably (an assignment to a class attribute that drops the last
/// reference to an instance): then nothing is cached, and a dict that
/// cannot be looked at counts as defining `__del__` — the object is
/// queued, and the queue looks again when it runs (`object::pending`).
#[inline]
pub fn has_del(c: &Class) -> bool {
    let (version, bits) = c.hooks.get();
    if version == c.version() {
        return bits & HAS_DEL != 0;
    }
    // Every dict of the MRO readable: the bits are worked out and cached
    // (a class whose instances are made without `hook_bits`, as an
    // exception class raised by the runtime, walked its MRO at every
    // free).
    let readable = |d: &ObjRef| dict_of(d).try_borrow().is_ok();
    if readable(&c.dict)
        && c.mro_tail.iter().all(|p| match p.as_obj() {
            Some(Object::Class(pc)) => readable(&pc.dict),
            _ => true,
        })
    {
        return hook_bits(c) & HAS_DEL != 0;
    }
    let defines = |d: &ObjRef| match dict_of(d).try_borrow() {
        Ok(d) => d.get_str("__del__").is_some(),
        Err(_) => true,
    };
    defines(&c.dict)
        || c.mro_tail
            .iter()
            .any(|p| matches!(p.as_obj(), Some(Object::Class(pc)) if defines(&pc.dict)))
}

/// The special method `name` of an instance's class, unbound.
pub fn special_method(v: &Value, name: &str) -> Option<Value> {
    match v.as_obj() {
        Some(Object::Instance(i)) => lookup_in(i.class(), name),
        _ => None,
    }
}

/// The [`HOOK_BITS`] of the attribute hooks the class's MRO defines in
/// Python, cached for the class's version tag.
#[inline]
pub(crate) fn hook_bits(c: &Class) -> u8 {
    let (version, bits) = c.hooks.get();
    let now = c.version();
    if version == now {
        return bits;
    }
    let mut b = 0;
    for (n, bit) in HOOK_BITS {
        if lookup_user_in(c, n).is_some() {
            b |= bit;
        }
    }
    if init_is_from_runtime_class(c) {
        b |= RUNTIME_INIT;
    }
    if lookup_user_in(c, "__del__").is_some() {
        b |= HAS_DEL;
    }
    if new_is_native(c) {
        b |= NATIVE_NEW;
    }
    if construct_is_plain(c, b) {
        b |= PLAIN_CONSTRUCT;
    }
    c.hooks.set((now, b));
    b
}

/// Whether attribute reads on instances of `c` are plain
/// `object.__getattribute__` (no `__getattribute__` or `__getattr__` in
/// Python), so an inline cache may answer them.
#[inline]
pub(crate) fn plain_getattr(c: &Class) -> bool {
    hook_bits(c) & (HOOK_GETATTRIBUTE | HOOK_GETATTR) == 0
}

/// Whether attribute stores on instances of `c` are plain
/// `object.__setattr__` (no `__setattr__` in Python).
#[inline]
pub(crate) fn plain_setattr(c: &Class) -> bool {
    hook_bits(c) & HOOK_SETATTR == 0
}

/// Instances are only ever made with a class object; this is the
/// fallback the type system cannot rule out.
pub(crate) fn unreachable_class() -> &'static Class {
    thread_local! {
        static PLACEHOLDER: &'static Class = Box::leak(Box::new(Class {
            name: RefCell::new("object".into()),
            qualname: RefCell::new("object".into()),
            bases: Vec::new(),
            mro_tail: Vec::new(),
            dict: ObjRef::new(NewObject::Dict(RefCell::new(Dict::new()))),
            builtin_base: TypeKind::Object,
            builtin_kind: None,
            slots: None,
            metaclass: None,
            static_module: Some("builtins"),
            tp_name: "object".into(),
            root_shape: Shape::root(&[]),
            hooks: std::cell::Cell::new((0, 0)),
            type_slots: std::cell::UnsafeCell::new((0, crate::object::type_slots::Slots::EMPTY)),
            version: std::cell::Cell::new(0),
            subclasses: RefCell::new(Vec::new()),
            lookups: LookupCache::default(),
            collection: std::cell::Cell::new(0),
        }));
    }
    PLACEHOLDER.with(|p| *p)
}

pub(crate) fn dict_of(ns: &ObjRef) -> &RefCell<Dict> {
    match ns.get() {
        Object::Dict(d) => d,
        _ => unreachable_dict(),
    }
}

fn unreachable_dict() -> &'static RefCell<Dict> {
    thread_local! {
        static EMPTY: &'static RefCell<Dict> = Box::leak(Box::new(RefCell::new(Dict::new())));
    }
    EMPTY.with(|e| *e)
}

/// A new empty dict object.
pub fn new_dict_obj() -> ObjRef {
    ObjRef::new(NewObject::Dict(RefCell::new(Dict::new())))
}

// ---- types of values ----------------------------------------------------

pub use crate::object::builtin_types::type_object;

/// Whether `v` is a class or a built-in type object.
pub fn is_type(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Class(_)))
}

/// `type(v)`: for a heap object, the type its header points to.
#[inline]
pub fn type_value(v: &Value) -> Value {
    match v {
        Value::Int(_) => type_object(TypeKind::Int),
        Value::Float(_) => type_object(TypeKind::Float),
        Value::Bool(_) => type_object(TypeKind::Bool),
        Value::Obj(o) => o.type_value(),
        _ => type_object(crate::object::heap::type_of(v)),
    }
}

/// The type of a heap object worked out from what it is, for its header
/// ([`ObjRef::type_ptr`] asks once per object): the class of an
/// instance, the metaclass of a class, else the built-in type object.
pub(crate) fn computed_type(o: &ObjRef) -> Value {
    match o.get() {
        Object::Instance(i) => Value::Obj(i.class.clone()),
        Object::Native(n) => n.class.clone(),
        Object::Class(c) => c
            .metaclass
            .clone()
            .unwrap_or_else(|| type_object(TypeKind::Type)),
        _ => type_object(crate::object::heap::type_of(&Value::Obj(o.clone()))),
    }
}

/// The full MRO of a class or type object, itself first.
pub fn mro_of(cls: &Value) -> Vec<Value> {
    match cls.as_obj() {
        Some(Object::Class(c)) => {
            let mut out = vec![cls.clone()];
            out.extend(c.mro_tail.iter().cloned());
            out
        }
        _ => Vec::new(),
    }
}

/// Class identity (every type object exists once).
pub fn same_type(a: &Value, b: &Value) -> bool {
    matches!(a.as_obj(), Some(Object::Class(_))) && a.is(b)
}

/// `issubclass(sub, sup)` for class and type objects.
pub fn is_subclass(sub: &Value, sup: &Value) -> bool {
    match (sub.as_obj(), sup.as_obj()) {
        (Some(Object::Class(c)), _) => sub.is(sup) || class_is_subclass(c, sup),
        _ => false,
    }
}

/// Whether `sup` is in the MRO of class `c` after `c` itself (no
/// allocation: the MRO is walked in place).
fn class_is_subclass(c: &Class, sup: &Value) -> bool {
    c.mro_tail.iter().any(|m| same_type(m, sup))
}

/// `isinstance(v, cls)` for one class or type object.
pub fn is_instance_of(v: &Value, cls: &Value) -> bool {
    let (Some(Object::Class(c)), Value::Obj(target)) = (cls.as_obj(), cls) else {
        return false;
    };
    match v.as_obj() {
        Some(Object::Instance(i)) => i.class.ptr_eq(target) || class_is_subclass(i.class(), cls),
        Some(Object::Class(_)) | Some(Object::Native(_)) => is_subclass(&type_value(v), cls),
        _ => c
            .builtin_kind
            .is_some_and(|t| crate::object::heap::type_of(v).is_subtype_of(t)),
    }
}

/// The name a class or type object prints with.
pub fn class_name(cls: &Value) -> String {
    match cls.as_obj() {
        Some(Object::Class(c)) => c.name.borrow().clone(),
        _ => "?".into(),
    }
}

/// The name error messages give a native type: qualified by its module
/// outside `builtins`, as CPython's `tp_name` (`'datetime.date'`).
pub fn native_type_name(cls: &Value) -> String {
    match cls.as_obj() {
        Some(Object::Class(c)) => match c.static_module {
            Some(m) if m != "builtins" => format!("{m}.{}", c.name.borrow()),
            _ => c.name.borrow().clone(),
        },
        _ => "?".into(),
    }
}

/// `<class '__main__.C'>` for classes, `<class 'int'>` for built-ins.
pub fn class_repr(cls: &Value) -> String {
    match cls.as_obj() {
        Some(Object::Class(c)) => {
            let module = match c.static_module {
                Some(m) => Some(m.to_string()),
                None => dict_of(&c.dict)
                    .borrow()
                    .get_str("__module__")
                    .and_then(|m| as_str(&m).map(str::to_string)),
            };
            match module {
                Some(m) if m != "builtins" => format!("<class '{m}.{}'>", c.qualname.borrow()),
                _ => format!("<class '{}'>", c.qualname.borrow()),
            }
        }
        _ => "<class '?'>".into(),
    }
}

// ---- class creation (classes/builder.rs) ----------------------------------

mod builder;
mod setattr;
pub(crate) use builder::register_subclass;
pub use builder::{
    build_class, kept_class_with_bases, new_builtin_class, new_class, new_mutable_builtin_class,
    run_class_body,
};

// ---- attribute lookup -----------------------------------------------------

/// Looks `name` up along the MRO of a class (the class's own dict first),
/// without binding. Built-in types in the MRO contribute their methods.
pub fn lookup(cls: &Value, name: &str) -> Option<Value> {
    match cls.as_obj() {
        Some(Object::Class(c)) => lookup_in(c, name),
        _ => None,
    }
}

/// [`lookup`] on a class, through the cache of MRO lookups keyed by the
/// class's version tag.
#[inline]
pub fn lookup_in(c: &Class, name: &str) -> Option<Value> {
    let version = c.version();
    if let Some(hit) = c.lookups.get(version, name) {
        return hit;
    }
    lookup_uncached(c, name, version)
}

/// [`lookup_in`] when the cache has no entry (out of line, so that the
/// cached path stays small enough to inline at every caller).
#[inline(never)]
fn lookup_uncached(c: &Class, name: &str, version: u64) -> Option<Value> {
    let found = match own_attr(c, name) {
        Some(v) => Some(v),
        None => c.mro_tail.iter().find_map(|p| lookup_one(p, name)),
    };
    c.lookups.put(version, name, found.clone());
    found
}

/// Like [`lookup`], but only in the dicts of user-defined classes: for
/// hooks (`__getattribute__`, `__setattr__`, …) whose built-in versions
/// are the generic behaviour anyway, so the common case allocates nothing.
fn lookup_user(cls: &Value, name: &str) -> Option<Value> {
    match cls.as_obj() {
        Some(Object::Class(c)) => lookup_user_in(c, name),
        _ => None,
    }
}

fn lookup_user_in(c: &Class, name: &str) -> Option<Value> {
    if let Some(v) = dict_of(&c.dict).borrow().get_str(name) {
        return Some(v);
    }
    c.mro_tail.iter().find_map(|p| match p.as_obj() {
        Some(Object::Class(pc)) if pc.builtin_kind.is_none() => {
            dict_of(&pc.dict).borrow().get_str(name)
        }
        _ => None,
    })
}

fn lookup_one(cls: &Value, name: &str) -> Option<Value> {
    match cls.as_obj() {
        Some(Object::Class(c)) => own_attr(c, name),
        _ => None,
    }
}

/// The attribute `name` a class itself defines (not its bases).
#[inline]
fn own_attr(c: &Class, name: &str) -> Option<Value> {
    dict_of(&c.dict).borrow().get_str(name)
}

/// `<__main__.C object at 0x…>`.
pub fn default_repr(_vm: &mut Vm, v: &Value) -> String {
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    match v.as_obj() {
        Some(Object::Instance(i)) => {
            let cls = Value::Obj(i.class.clone());
            let full = class_repr(&cls);
            let inner = full
                .strip_prefix("<class '")
                .and_then(|s| s.strip_suffix("'>"))
                .unwrap_or("object")
                .to_string();
            format!("<{inner} object at {addr:#x}>")
        }
        _ => format!("<{} object at {addr:#x}>", type_name(v)),
    }
}

/// Whether a class attribute is a data descriptor (it takes part in
/// assignment), which wins over the instance dict.
pub(crate) fn is_data_descriptor(attr: &Value) -> bool {
    match attr.as_obj() {
        Some(Object::Property(_) | Object::GetSet(_)) => true,
        Some(Object::Instance(i)) => {
            let cls = Value::Obj(i.class.clone());
            lookup(&cls, "__set__").is_some() || lookup(&cls, "__delete__").is_some()
        }
        _ => false,
    }
}

/// [`bind`] for the other modules (metaclass lookups).
pub fn bind_attr(vm: &mut Vm, attr: Value, obj: Option<&Value>, owner: &Value) -> PyResult<Value> {
    bind(vm, attr, obj, owner)
}

/// Applies the descriptor protocol to an attribute found on a class:
/// `obj` is the instance (None for lookups on the class), `owner` the class.
pub(crate) fn bind(
    vm: &mut Vm,
    attr: Value,
    obj: Option<&Value>,
    owner: &Value,
) -> PyResult<Value> {
    match attr.as_obj() {
        Some(Object::Function(_)) => Ok(match obj {
            Some(o) => Value::obj(NewObject::BoundMethod {
                func: attr.clone(),
                receiver: o.clone(),
            }),
            None => attr.clone(),
        }),
        Some(Object::Builtin(b)) => Ok(match obj {
            Some(o) => Value::obj(NewObject::Method {
                receiver: o.clone(),
                builtin: *b,
            }),
            None => attr.clone(),
        }),
        // A slot wrapper binds to the object itself (its function looks
        // at the payload of an instance when it needs to), a method of a
        // type's table to the payload.
        Some(Object::MethodDescr(MethodDescrObj {
            builtin,
            wrapper: true,
            ..
        })) => Ok(match obj {
            Some(o) => Value::obj(NewObject::Method {
                receiver: o.clone(),
                builtin: *builtin,
            }),
            None => attr.clone(),
        }),
        Some(Object::MethodDescr(MethodDescrObj { owner, builtin, .. })) => match obj {
            Some(o) => crate::object::instance::bind_descr(*owner, builtin, o),
            None => Ok(attr.clone()),
        },
        Some(Object::GetSet(GetSetObj {
            owner, name, get, ..
        })) => match obj {
            Some(o) => crate::object::instance::read_getset(*owner, name, *get, o),
            None => Ok(attr.clone()),
        },
        Some(Object::StaticMethod(f)) => Ok(f.clone()),
        Some(Object::ClassMethod(f)) => Ok(Value::obj(NewObject::BoundMethod {
            func: f.clone(),
            receiver: owner.clone(),
        })),
        Some(Object::Property(PropertyObj { fget, .. })) => match obj {
            None => Ok(attr.clone()),
            Some(o) => {
                if matches!(fget, Value::None) {
                    return raise(ExcKind::AttributeError, "unreadable attribute");
                }
                crate::object::upcalls::call(vm, fget, std::slice::from_ref(o), &[])
            }
        },
        Some(Object::Instance(i)) => {
            let cls = Value::Obj(i.class.clone());
            match lookup(&cls, "__get__") {
                Some(get) => {
                    let get = bind(vm, get, Some(&attr), &cls)?;
                    let o = obj.cloned().unwrap_or(Value::None);
                    crate::object::upcalls::call(vm, &get, &[o, owner.clone()], &[])
                }
                None => Ok(attr.clone()),
            }
        }
        _ => Ok(attr),
    }
}

fn attribute_error(obj: &Value, name: &str) -> Box<PyErr> {
    let msg = match obj.as_obj() {
        Some(Object::Class(c)) => format!(
            "type object '{}' has no attribute '{name}'",
            c.name.borrow()
        ),
        _ => format!("'{}' object has no attribute '{name}'", type_name(obj)),
    };
    let mut err = PyErr::new(ExcKind::AttributeError, msg);
    err.suggestion = Some(crate::object::exceptions::Suggestion::Attribute(
        obj.clone(),
        std::rc::Rc::from(name),
    ));
    err
}

/// "Did you mean": the closest of the attribute names `dir()` would list.
pub(crate) fn suggestion(obj: &Value, name: &str) -> Option<String> {
    if let Some(Object::Module(m)) = obj.as_obj() {
        let keys = match m.dict.get() {
            Object::Dict(d) => d.borrow().keys(),
            _ => Vec::new(),
        };
        let mut names: Vec<&str> = keys.iter().filter_map(as_str).collect();
        names.sort_unstable();
        return crate::object::suggestions::closest(&names, name).map(str::to_string);
    }
    let (mut names, cls) = match obj.as_obj() {
        Some(Object::Instance(i)) => (i.attr_names(), Value::Obj(i.class.clone())),
        Some(Object::Class(_)) => (Vec::new(), obj.clone()),
        _ => (Vec::new(), type_value(obj)),
    };
    let mut add_dict = |d: &ObjRef| {
        for k in dict_of(d).borrow().keys() {
            if let Some(s) = as_str(&k) {
                names.push(s.to_string());
            }
        }
    };
    for c in mro_of(&cls) {
        if let Some(Object::Class(pc)) = c.as_obj() {
            add_dict(&pc.dict);
        }
    }
    names.sort();
    names.dedup();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::object::suggestions::closest(&refs, name).map(str::to_string)
}

/// `obj.name` for instances, classes and `super()` objects.
#[inline]
pub fn getattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(Object::Instance(i)) = obj.as_obj() {
        if hook_bits(i.class()) & (HOOK_GETATTRIBUTE | HOOK_GETATTR) == 0 {
            // No `__getattribute__` or `__getattr__` in Python: the
            // common case, straight to `object.__getattribute__`.
            return generic_getattr(vm, obj, name);
        }
    }
    getattr_hooked(vm, obj, name)
}

/// [`getattr`] for instances with attribute hooks, classes and `super()`.
fn getattr_hooked(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    match obj.as_obj() {
        Some(Object::Instance(i)) => {
            let cls = Value::Obj(i.class.clone());
            if hook_bits(i.class()) & HOOK_GETATTRIBUTE != 0 {
                let ga = lookup_user(&cls, "__getattribute__").unwrap_or_default();
                if matches!(ga.as_obj(), Some(Object::Function(_))) {
                    let m = bind(vm, ga, Some(obj), &cls)?;
                    let r = crate::object::upcalls::call(vm, &m, &[new_str(name)], &[]);
                    return with_getattr_fallback(vm, obj, &cls, name, r);
                }
            }
            let r = generic_getattr(vm, obj, name);
            with_getattr_fallback(vm, obj, &cls, name, r)
        }
        Some(Object::Class(_)) => class_getattr(vm, obj, name),
        // The MRO after the class first; then the `super` object's own
        // attributes (`__thisclass__`, `__self__`), as CPython's
        // `super_getattro`.
        Some(Object::Super(SuperObj { class, obj: inner })) => {
            match super_getattr(vm, class, inner, name) {
                Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) => {
                    let own = type_value(obj);
                    match lookup(&own, name) {
                        Some(attr) => bind(vm, attr, Some(obj), &own),
                        None => Err(e),
                    }
                }
                r => r,
            }
        }
        _ => Err(attribute_error(obj, name)),
    }
}

fn with_getattr_fallback(
    vm: &mut Vm,
    obj: &Value,
    cls: &Value,
    name: &str,
    r: PyResult<Value>,
) -> PyResult<Value> {
    match r {
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) => {
            if !has_hook(cls, HOOK_GETATTR) {
                return Err(e);
            }
            match lookup_user(cls, "__getattr__") {
                Some(ga) => {
                    let m = bind(vm, ga, Some(obj), cls)?;
                    crate::object::upcalls::call(vm, &m, &[new_str(name)], &[])
                }
                None => Err(e),
            }
        }
        r => r,
    }
}

/// `object.__getattribute__`: data descriptors, then the instance dict,
/// then other class attributes.
pub fn generic_getattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    let Some(Object::Instance(i)) = obj.as_obj() else {
        return Err(attribute_error(obj, name));
    };
    let attr = lookup_in(i.class(), name);
    match &attr {
        // The common case: no class attribute of that name.
        None => {
            if let Some(v) = i.get_attr(name) {
                return Ok(v);
            }
        }
        Some(a) => {
            if is_data_descriptor(a) {
                return bind(vm, a.clone(), Some(obj), &Value::Obj(i.class.clone()));
            }
            if let Some(v) = i.get_attr(name) {
                return Ok(v);
            }
        }
    }
    getattr_from_class(vm, obj, i, name, attr)
}

/// The end of `object.__getattribute__`, when the instance has no such
/// attribute: the special names, then the class attribute (bound).
#[inline(never)]
fn getattr_from_class(
    vm: &mut Vm,
    obj: &Value,
    i: &Instance,
    name: &str,
    attr: Option<Value>,
) -> PyResult<Value> {
    let cls = Value::Obj(i.class.clone());
    match name {
        "__class__" => return Ok(cls),
        "__dict__" if i.class().slots.is_none() => return Ok(Value::Obj(i.dict())),
        _ => {}
    }
    match attr {
        Some(a) => bind(vm, a, Some(obj), &cls),
        None => Err(attribute_error(obj, name)),
    }
}

fn class_getattr(vm: &mut Vm, cls: &Value, name: &str) -> PyResult<Value> {
    let Some(Object::Class(c)) = cls.as_obj() else {
        return Err(attribute_error(cls, name));
    };
    match name {
        "__name__" => return Ok(new_str(c.name.borrow().clone())),
        // Built-in classes keep their module in their name, as CPython's
        // static types do, not in their dict.
        "__module__" => {
            if let Some(m) = c.static_module {
                return Ok(new_str(m));
            }
        }
        "__qualname__" => return Ok(new_str(c.qualname.borrow().clone())),
        "__bases__" => return Ok(new_tuple(c.bases.clone())),
        "__mro__" => return Ok(new_tuple(mro_of(cls))),
        "__flags__" => return Ok(Value::Int(type_flags(c))),
        // Read-only, so nothing changes the namespace behind the version
        // tag that the lookup caches trust.
        "__dict__" => {
            return Ok(Value::obj(NewObject::MappingProxy(Value::Obj(
                c.dict.clone(),
            ))))
        }
        "__class__" => return Ok(type_value(cls)),
        // `type.__annotations__`: a class's own (never an inherited
        // base's), made empty on first use (CPython's
        // `type_get_annotations`); built-in classes have none.
        "__annotations__" => {
            if c.is_static() {
                return Err(attribute_error(cls, name));
            }
            let own = dict_of(&c.dict).borrow().get_str(name);
            return match own {
                Some(a) => bind(vm, a, None, cls),
                None => {
                    let fresh = new_dict_obj();
                    c.modified();
                    dict_of(&c.dict)
                        .borrow_mut()
                        .set_str(name, Value::Obj(fresh.clone()));
                    Ok(Value::Obj(fresh))
                }
            };
        }
        _ => {}
    }
    match lookup(cls, name) {
        Some(a) => bind(vm, a, None, cls),
        None => match crate::object::classes::meta_getattr(vm, cls, name) {
            Some(r) => r,
            None => Err(attribute_error(cls, name)),
        },
    }
}

/// `type.__flags__`: CPython's `tp_flags` bits that Python code reads
/// (`copyreg` looks for the first non-heap base; `collections.abc`'s
/// tests combine the collection flags).
fn type_flags(c: &Class) -> i64 {
    const IMMUTABLETYPE: i64 = 1 << 8;
    const HEAPTYPE: i64 = 1 << 9;
    const BASETYPE: i64 = 1 << 10;
    const READY: i64 = 1 << 12;
    const HAVE_GC: i64 = 1 << 14;
    const SEQUENCE: i64 = 1 << 5;
    const MAPPING: i64 = 1 << 6;
    const ABSTRACT: i64 = 1 << 20;
    let mut flags = READY | BASETYPE;
    flags |= if c.is_static() {
        IMMUTABLETYPE
    } else {
        HEAPTYPE | HAVE_GC
    };
    let base = c.builtin_base;
    flags |= match base {
        TypeKind::Int | TypeKind::Bool => 1 << 24,
        TypeKind::List => (1 << 25) | SEQUENCE,
        TypeKind::Tuple => (1 << 26) | SEQUENCE,
        TypeKind::Bytes => 1 << 27,
        TypeKind::Str => 1 << 28,
        TypeKind::Dict => (1 << 29) | MAPPING,
        TypeKind::Exception(_) => 1 << 30,
        TypeKind::Type => 1 << 31,
        TypeKind::Range | TypeKind::MemoryView => SEQUENCE,
        _ => 0,
    };
    if matches!(base, TypeKind::Bool | TypeKind::NoneType) && c.is_static() {
        flags &= !BASETYPE;
    }
    let abstract_methods = dict_of(&c.dict).borrow().get_str("__abstractmethods__");
    if let Some(Object::Set(crate::object::heap::SetObj { table, .. })) =
        abstract_methods.as_ref().and_then(Value::as_obj)
    {
        if !table.borrow().items().is_empty() {
            flags |= ABSTRACT;
        }
    }
    flags
}

fn super_getattr(vm: &mut Vm, start: &Value, obj: &Value, name: &str) -> PyResult<Value> {
    // `super(C, cls)` in a class method walks `cls`'s MRO; `super(M, cls)`
    // in a metaclass method walks `type(cls)`'s.
    let obj_is_class = is_type(obj) && is_subclass(obj, start);
    let obj_cls = if obj_is_class {
        obj.clone()
    } else {
        type_value(obj)
    };
    let mro = mro_of(&obj_cls);
    let after = mro
        .iter()
        .position(|c| same_type(c, start))
        .map_or(mro.len(), |p| p + 1);
    for c in &mro[after..] {
        if let Some(a) = lookup_one(c, name) {
            let inst = if obj_is_class { None } else { Some(obj) };
            return bind(vm, a, inst, &obj_cls);
        }
    }
    raise(
        ExcKind::AttributeError,
        format!("'super' object has no attribute '{name}'"),
    )
}

pub use setattr::setattr;
pub(crate) use setattr::{generic_setattr, property_store};

// ---- calling classes --------------------------------------------------------

/// For `C(args)` with `nargs` positional arguments in the hot loop: the
/// `__init__` to run when calling `C` only makes a plain instance
/// (no metaclass, no built-in base, object's `__new__`) and runs a
/// Python `__init__` whose parameters are the instance and the arguments,
/// defaults filling the rest (no binding step, no generator).
pub fn plain_init(c: &Class, nargs: usize) -> Option<Value> {
    use taipan_bytecode::code::flags::{ASYNC_GENERATOR, COROUTINE, GENERATOR};
    if c.builtin_kind.is_some()
        || c.metaclass.is_some()
        || c.builtin_base != TypeKind::Object
        || hook_bits(c) & NATIVE_NEW != 0
    {
        return None;
    }
    let object_new = match lookup_in(c, "__new__") {
        None => true,
        Some(new) => match new.as_obj() {
            Some(Object::StaticMethod(f)) => matches!(f.as_obj(), Some(Object::Builtin(_))),
            Some(_) => runtime_method(&new).is_some(),
            _ => false,
        },
    };
    if !object_new {
        return None;
    }
    let init = lookup_in(c, "__init__")?;
    let Some(Object::Function(f)) = init.as_obj() else {
        return None;
    };
    let fits = f.positional_defaults(nargs + 1).is_some();
    (fits && f.code.code.flags & (GENERATOR | COROUTINE | ASYNC_GENERATOR) == 0).then_some(init)
}

// ---- special methods ---------------------------------------------------------

/// The `NotImplemented` singleton.
pub fn not_implemented() -> Value {
    crate::object::builtin_types::kept_by_name("NotImplemented", || {
        Value::obj(NewObject::NotImplemented)
    })
}

/// The `Ellipsis` singleton.
pub fn ellipsis() -> Value {
    crate::object::builtin_types::kept_by_name("Ellipsis", || Value::obj(NewObject::Ellipsis))
}

/// Whether `v` is `NotImplemented`.
pub fn is_not_implemented(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::NotImplemented))
}

/// The built-in function behind `v` when a class dict holds one that
/// the runtime defines: a native type's method (a plain built-in) or a
/// built-in type's slot wrapper (`object.__init__`, `int.__hash__`).
/// Callers use it to tell the runtime's methods from Python ones.
#[inline]
pub fn runtime_method(v: &Value) -> Option<&crate::object::heap::Builtin> {
    match v.as_obj() {
        Some(Object::Builtin(b)) => Some(b),
        Some(Object::MethodDescr(MethodDescrObj {
            builtin,
            wrapper: true,
            ..
        })) => Some(builtin),
        _ => None,
    }
}

/// `callable(v)`.
pub fn is_callable(v: &Value) -> bool {
    match v.as_obj() {
        Some(
            Object::Function(_)
            | Object::Builtin(_)
            | Object::Method(_)
            | Object::MethodDescr(_)
            | Object::BoundMethod(_)
            | Object::Class(_),
        ) => true,
        Some(Object::Instance(i)) => lookup(&Value::Obj(i.class.clone()), "__call__").is_some(),
        Some(Object::Native(n)) => lookup(&n.class, "__call__").is_some(),
        _ => false,
    }
}

/// Whether `v` is an instance of a user-defined class.
#[inline]
pub fn is_instance(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Instance(_)))
}

/// Whether the operators reach `v` through the special methods in its
/// type's dict: instances of classes, and the native types whose method
/// table is their behaviour (`mapping_proxy`).
#[inline]
pub fn has_dunders(v: &Value) -> bool {
    matches!(
        v.as_obj(),
        Some(Object::Instance(_) | Object::MappingProxy(_))
    )
}

/// Calls special method `name` of an instance's class with `args`;
/// `None` when the class has no such method (or `v` is no instance).
pub fn call_special(vm: &mut Vm, v: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    if !has_dunders(v) {
        return Ok(None);
    }
    crate::object::classes::call_dunder(vm, v, name, args)
}

/// Special method `name` of an instance's class (or a native type's, see
/// [`has_dunders`]), bound to the object; `None` when the class has none
/// (or set it to None).
pub fn bound_special(vm: &mut Vm, v: &Value, name: &str) -> PyResult<Option<Value>> {
    let cls = match v.as_obj() {
        Some(Object::Instance(i)) => Value::Obj(i.class.clone()),
        Some(Object::MappingProxy(_)) => type_value(v),
        _ => return Ok(None),
    };
    match lookup(&cls, name) {
        None | Some(Value::None) => Ok(None),
        Some(attr) => bind(vm, attr, Some(v), &cls).map(Some),
    }
}

/// `super()` / `super(cls, obj)`.
pub fn make_super(cls: Value, obj: Value) -> PyResult<Value> {
    if !is_type(&cls) {
        return raise(ExcKind::TypeError, "super() argument 1 must be a type");
    }
    let ok = (is_type(&obj) && is_subclass(&obj, &cls)) || is_instance_of(&obj, &cls);
    if !ok {
        return raise(
            ExcKind::TypeError,
            "super(type, obj): obj must be an instance or subtype of type",
        );
    }
    Ok(Value::obj(NewObject::Super { class: cls, obj }))
}

/// The user-defined metaclass of a class, if it has one.
pub fn metaclass_of(cls: &Value) -> Option<&Value> {
    match cls.as_obj() {
        Some(Object::Class(c)) => c.metaclass.as_ref(),
        _ => None,
    }
}

/// An attribute missing on a class and its MRO: the metaclass's, bound to
/// the class (`A.method()` for a method defined on `M`).
pub fn meta_getattr(vm: &mut Vm, cls: &Value, name: &str) -> Option<PyResult<Value>> {
    let meta = type_value(cls);
    let attr = lookup(&meta, name)?;
    Some(bind_attr(vm, attr, Some(cls), &meta))
}

/// The nearest class along the MRO of `c` (itself first) whose own dict
/// defines `name`; None when none does or the MRO leaves the classes.
fn definer<'a>(c: &'a Class, name: &str) -> Option<&'a Class> {
    if dict_of(&c.dict).borrow().get_str(name).is_some() {
        return Some(c);
    }
    for p in &c.mro_tail {
        let Some(Object::Class(pc)) = p.as_obj() else {
            return None;
        };
        if dict_of(&pc.dict).borrow().get_str(name).is_some() {
            return Some(pc);
        }
    }
    None
}

/// Whether the nearest `__init__` along the MRO of `c` is in the dict of
/// a class the runtime defines, and must run: all but BaseException's,
/// which would only set again the `args` that making the instance set.
/// (A class made at run time gets here only with a built-in `__init__`
/// in its dict, as the `ast` node classes have.)
fn init_is_from_runtime_class(c: &Class) -> bool {
    definer(c, "__init__").is_some_and(|k| {
        !k.is_static() || k.builtin_base != TypeKind::Exception(ExcKind::BaseException)
    })
}

/// Whether calling `c` only makes the instance ([`PLAIN_CONSTRUCT`];
/// `bits` are its other hook bits): the same decisions as
/// `types::metaclass::construct_instance` makes with the two lookups.
fn construct_is_plain(c: &Class, bits: u8) -> bool {
    if c.builtin_kind.is_some() || bits & (RUNTIME_INIT | NATIVE_NEW) != 0 {
        return false;
    }
    let builtin = |v: &Value| runtime_method(v).is_some();
    let init = lookup_in(c, "__init__");
    if init.as_ref().is_some_and(|f| !builtin(f)) {
        return false;
    }
    if init.is_some()
        && matches!(
            c.builtin_base,
            TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray
        )
    {
        return false;
    }
    match lookup_in(c, "__new__").as_ref().and_then(Value::as_obj) {
        Some(Object::StaticMethod(f)) => builtin(f),
        Some(Object::Function(_)) => false,
        _ => true,
    }
}

/// Whether the nearest `__new__` along the MRO of `c` is in the dict of
/// a native type (a static class derived from `object` or `tuple`, as
/// `time.struct_time`, not those types themselves).
fn new_is_native(c: &Class) -> bool {
    definer(c, "__new__").is_some_and(|k| {
        k.is_static()
            && k.builtin_kind.is_none()
            && matches!(k.builtin_base, TypeKind::Object | TypeKind::Tuple)
    })
}

/// Calls special method `name` of `v`'s type with `v` and `args`; None
/// when the type has none (or set it to None). A plain function is called
/// with `v` first, with no bound method made.
pub fn call_dunder(vm: &mut Vm, v: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let cls = type_value(v);
    let attr = match lookup(&cls, name) {
        None | Some(Value::None) => return Ok(None),
        Some(a) => a,
    };
    if let Some(Object::Function(f)) = attr.as_obj() {
        return crate::object::upcalls::call_method(vm, f, v, args).map(Some);
    }
    // A built-in method (a native type's `__len__`, …): called with the
    // receiver directly, as the bound method `bind_attr` would make.
    // (A slot wrapper the same way: `v`'s type has it, so `v` is of
    // its type.)
    if let Some(b) = runtime_method(&attr) {
        let func = b.func;
        return func(vm, Some(v), args, &[]).map(Some);
    }
    let bound = bind_attr(vm, attr, Some(v), &cls)?;
    crate::object::upcalls::call(vm, &bound, args, &[]).map(Some)
}
