//! The type objects of the built-in types (`int`, `str`, `list`, …): each
//! is a [`Class`] like any user class (name, bases, MRO, dict, version
//! tag), made once per thread and never freed, immutable as CPython's
//! static types. The exception classes are made the same way in
//! `object::exceptions`. `docs/objects.md` explains the model.

use crate::object::classes::Class;
use crate::object::dict::Dict;
use crate::object::heap::NewObject;
use crate::object::heap::{Builtin, BuiltinFn, Getter, Object, Setter, TypeKind};
use crate::object::value::Value;
use crate::object::value::{HeapObject, ObjRef};
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

/// How many built-in types have a [`TypeKind::simple_index`].
const SIMPLE_KINDS: usize = 36;

/// One attribute of a built-in type, declared once in its type's table
/// (`LIST_MEMBERS` in `types::list`, `STR_MEMBERS` in `types::string`,
/// …; `types::member_tables` says which are whose, reached through
/// `object::upcalls`); the type's dict is made from the table, and
/// `dir()`, `hasattr`, `obj.meth`, `Type.meth` and `vars(Type)` read the
/// dict.
pub enum Member {
    /// A method (`list.append`): a method descriptor in the dict, bound
    /// to the value when looked up on one.
    Method(&'static str, BuiltinFn),
    /// A class method (`dict.fromkeys`).
    ClassMethod(&'static str, BuiltinFn),
    /// A static method (`str.maketrans`).
    StaticMethod(&'static str, BuiltinFn),
    /// A computed attribute (`int.real`): a getset descriptor.
    Getter(&'static str, Getter),
    /// A computed attribute that can be set and deleted
    /// (`BaseException.__cause__`).
    GetSet(&'static str, Getter, Setter),
}

impl Member {
    /// The member's name and the value the type's dict holds for it.
    pub(crate) fn entry(&self, owner: TypeKind) -> (&'static str, Value) {
        let builtin = |name, func| Value::obj(NewObject::Builtin(Builtin { name, func }));
        match *self {
            Member::Method(name, func) => (
                name,
                Value::obj(NewObject::MethodDescr {
                    owner,
                    builtin: Builtin { name, func },
                    wrapper: false,
                }),
            ),
            Member::ClassMethod(name, func) => (
                name,
                Value::obj(NewObject::ClassMethod(builtin(name, func))),
            ),
            Member::StaticMethod(name, func) => (
                name,
                Value::obj(NewObject::StaticMethod(builtin(name, func))),
            ),
            Member::Getter(name, get) => (
                name,
                Value::obj(NewObject::GetSet {
                    owner,
                    name,
                    get,
                    set: None,
                }),
            ),
            Member::GetSet(name, get, set) => (
                name,
                Value::obj(NewObject::GetSet {
                    owner,
                    name,
                    get,
                    set: Some(set),
                }),
            ),
        }
    }
}

/// The methods of `type` kept in a table (the others are slot wrappers
/// and `object_methods`').
pub const TYPE_MEMBERS: &[Member] = &[Member::Method("__subclasses__", |_, s, args, _| {
    let cls = s.cloned().unwrap_or_default();
    if !args.is_empty() {
        let owner = match cls.as_obj() {
            Some(Object::Class(c)) => c.name.borrow().clone(),
            _ => "type".to_string(),
        };
        return crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            format!(
                "{owner}.__subclasses__() takes no arguments ({} given)",
                args.len()
            ),
        );
    }
    Ok(crate::object::heap::new_list(
        crate::object::classes::subclasses_of(&cls),
    ))
})];

/// The special-method names a built-in type can define (its slots):
/// `types::object` and `protocol::subclass` say which ones each
/// type does.
const SLOT_NAMES: &[&str] = &[
    "__new__",
    "__init__",
    "__repr__",
    "__str__",
    "__format__",
    "__hash__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__init_subclass__",
    "__call__",
    "__class__",
    "__doc__",
    "__dir__",
    "__subclasshook__",
    "mro",
    "__prepare__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__len__",
    "__iter__",
    "__contains__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__invert__",
    "__int__",
    "__float__",
    "__index__",
    "__bool__",
    "__floor__",
    "__ceil__",
    "__trunc__",
    "__round__",
    "__divmod__",
    "__rdivmod__",
    "__reversed__",
    "__getnewargs__",
    "__sizeof__",
    "__getstate__",
    "__reduce_ex__",
    "__reduce__",
    "__complex__",
    "__add__",
    "__radd__",
    "__iadd__",
    "__sub__",
    "__rsub__",
    "__isub__",
    "__mul__",
    "__rmul__",
    "__imul__",
    "__truediv__",
    "__rtruediv__",
    "__itruediv__",
    "__floordiv__",
    "__rfloordiv__",
    "__ifloordiv__",
    "__mod__",
    "__rmod__",
    "__imod__",
    "__pow__",
    "__rpow__",
    "__ipow__",
    "__lshift__",
    "__rlshift__",
    "__ilshift__",
    "__rshift__",
    "__rrshift__",
    "__irshift__",
    "__and__",
    "__rand__",
    "__iand__",
    "__or__",
    "__ror__",
    "__ior__",
    "__xor__",
    "__rxor__",
    "__ixor__",
];

/// The dict of built-in type `t`: its slot wrappers and its method table.
fn type_dict(t: TypeKind) -> Dict {
    let mut d = Dict::new();
    for name in SLOT_NAMES {
        if let Some(v) = crate::object::upcalls::type_attr(t, name) {
            // A plain built-in becomes the type's slot wrapper: it knows
            // its type (`int.__add__.__objclass__`) and checks its
            // receiver, as CPython's `wrapper_descriptor`.
            let v = match v.as_obj() {
                Some(Object::Builtin(b)) => Value::obj(NewObject::MethodDescr {
                    owner: t,
                    builtin: *b,
                    wrapper: true,
                }),
                _ => v,
            };
            d.set_str(name, v);
        }
    }
    for table in crate::object::upcalls::member_tables(t) {
        for m in *table {
            let (name, v) = m.entry(t);
            d.set_str(name, v);
        }
    }
    // Every type has its own `__doc__` (None without a docstring), so
    // `obj.__doc__` never finds `object`'s.
    if t != TypeKind::Object && d.get_str("__doc__").is_none() {
        d.set_str("__doc__", Value::None);
    }
    d
}

/// The built-in type objects of one interpreter (and the other objects
/// it makes once: the exception classes, the classes of `native_class!`
/// types, `NotImplemented`, `Ellipsis`), made on first use. Each kept
/// object holds one reference that is never released: objects made by
/// the interpreter borrow their type from it (their header's type
/// pointer) and may outlive the interpreter, so its types must too.
/// Nothing here runs a destructor (dropping the table at thread exit is
/// safe).
pub struct TypeTable {
    /// The kinds without a parameter, by [`TypeKind::simple_index`].
    simple: [Cell<Option<NonNull<HeapObject>>>; SIMPLE_KINDS],
    /// The kinds with one (iterator types by name, exception classes).
    others: RefCell<std::collections::HashMap<TypeKind, NonNull<HeapObject>>>,
    /// The exception classes of `others` again, by `ExcKind` (raising and
    /// catching ask for them often: no hashing).
    exceptions: Box<[Cell<Option<NonNull<HeapObject>>>]>,
    /// Objects kept by name (`types.SimpleNamespace`, `NotImplemented`).
    named: RefCell<std::collections::HashMap<&'static str, NonNull<HeapObject>>>,
}

impl Default for TypeTable {
    fn default() -> TypeTable {
        TypeTable {
            simple: [const { Cell::new(None) }; SIMPLE_KINDS],
            others: RefCell::default(),
            exceptions: crate::object::exceptions::ExcKind::ALL
                .iter()
                .map(|_| Cell::new(None))
                .collect(),
            named: RefCell::default(),
        }
    }
}

/// A new reference to a kept object.
fn kept_value(p: NonNull<HeapObject>) -> Value {
    // SAFETY: the table's leaked reference keeps the object alive.
    Value::Obj(unsafe { ObjRef::from_raw_incref(p) })
}

/// The reference a table keeps for ever: `made`'s object, one reference
/// leaked. (Immediates are not kept; they need no keeping.)
fn leak(made: &Value) -> Option<NonNull<HeapObject>> {
    match made {
        Value::Obj(o) => {
            std::mem::forget(o.clone());
            Some(o.as_non_null())
        }
        _ => None,
    }
}

/// The current interpreter's object kept under `key` in one of its
/// table's maps, made by `make` on first use. `make` runs with no borrow
/// held (making a type makes its bases), and if it made the object twice
/// meanwhile the first one kept wins.
fn keep<K: std::hash::Hash + Eq + Copy>(
    map: impl Fn(&TypeTable) -> &RefCell<std::collections::HashMap<K, NonNull<HeapObject>>>,
    key: K,
    make: impl FnOnce() -> Value,
) -> Value {
    if let Some(p) = crate::object::state::with(|s| map(&s.types).borrow().get(&key).copied()) {
        return kept_value(p);
    }
    let made = make();
    let kept = crate::object::state::with(|s| {
        let mut m = map(&s.types).borrow_mut();
        match m.get(&key) {
            Some(p) => Some(*p),
            None => {
                let p = leak(&made)?;
                m.insert(key, p);
                Some(p)
            }
        }
    });
    match kept {
        Some(p) => kept_value(p),
        None => made,
    }
}

/// The current interpreter's object named `name` (a native class, a
/// singleton), made by `make` on first use.
pub fn kept_by_name(name: &'static str, make: impl FnOnce() -> Value) -> Value {
    keep(|t| &t.named, name, make)
}

/// The one type object of each built-in type in the current interpreter,
/// so that `type(1) is int`. (Inline: the common case is one read of the
/// current interpreter and one of its table.)
#[inline]
pub fn type_object(t: TypeKind) -> Value {
    let slot = |s: &crate::object::state::InterpState| match t {
        TypeKind::Exception(k) => s.types.exceptions.get(k as usize).and_then(Cell::get),
        _ => s.types.simple.get(t.simple_index()?).and_then(Cell::get),
    };
    if let Some(p) = crate::object::state::with(slot) {
        return kept_value(p);
    }
    type_object_slow(t)
}

/// [`type_object`] the first time, and for the kinds with a parameter.
#[inline(never)]
fn type_object_slow(t: TypeKind) -> Value {
    let Some(i) = t.simple_index() else {
        let made = keep(
            |t| &t.others,
            t,
            || match t {
                TypeKind::Exception(k) => crate::object::exceptions::new_exception_class(k),
                _ => new_type_object(t),
            },
        );
        if let TypeKind::Exception(k) = t {
            // (Only what the table keeps: its reference is never given up.)
            crate::object::state::with(|s| {
                if let (Some(p), Some(slot)) = (
                    s.types.others.borrow().get(&t).copied(),
                    s.types.exceptions.get(k as usize),
                ) {
                    slot.set(Some(p));
                }
            });
        }
        return made;
    };
    // Made outside the table: making a type makes its bases first.
    let made = new_type_object(t);
    let kept = crate::object::state::with(|s| {
        let slot = s.types.simple.get(i)?;
        if slot.get().is_none() {
            slot.set(leak(&made));
        }
        slot.get()
    });
    match kept {
        Some(p) => kept_value(p),
        None => made,
    }
}

/// Makes the type object of built-in type `t`: `object` has no base,
/// `bool` derives from `int`, every other type from `object`.
fn new_type_object(t: TypeKind) -> Value {
    let base = match t {
        TypeKind::Object => None,
        TypeKind::Bool => Some(type_object(TypeKind::Int)),
        _ => Some(type_object(TypeKind::Object)),
    };
    let cls = Value::obj(NewObject::Class(Box::new(Class::new_builtin_type(
        t,
        base,
        type_dict(t),
    ))));
    crate::object::classes::register_subclass(&cls);
    cls
}

/// The built-in kind `v` is the type object of (`int` → `Int`), for the
/// types whose values are not instances; None for classes and the
/// exception classes.
#[inline]
pub fn builtin_kind(v: &Value) -> Option<TypeKind> {
    match v.as_obj() {
        Some(Object::Class(c)) => c.builtin_kind,
        _ => None,
    }
}

/// Whether `v` is a class made by a `class` statement or `type(...)` (or
/// one the runtime defines in Python's way, such as the exception
/// classes), not the type object of a built-in type.
#[inline]
pub fn is_class_object(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Class(c)) if c.builtin_kind.is_none())
}

/// Defines `pub fn class() -> Value` for a type the runtime defines in a
/// file of its own (`types.SimpleNamespace`, `types.GenericAlias`, …):
/// an immutable class made once per interpreter from the file's method
/// table (`METHODS`), never freed ([`TypeTable`]).
macro_rules! native_class {
    ($module:literal, $name:literal, $methods:expr) => {
        /// The class object (made once per interpreter, never freed).
        pub fn class() -> Value {
            crate::object::builtin_types::kept_by_name(concat!($module, ".", $name), || {
                crate::object::classes::new_builtin_class(
                    $module,
                    $name,
                    crate::object::classes::type_object(TypeKind::Object),
                    TypeKind::Object,
                    $methods
                        .iter()
                        .map(|&(n, f)| (n, crate::object::heap::builtin_fn(n, f)))
                        .collect(),
                )
            })
        }
    };
}
pub(crate) use native_class;

/// The instance of `class` a native type's method was called on (bound,
/// or the first argument of an unbound call), and the other arguments;
/// CPython's TypeError naming `tp_name` for anything else.
pub fn native_receiver<'a>(
    s: Option<&'a Value>,
    args: &'a [Value],
    class: &Value,
    tp_name: &str,
) -> crate::object::exceptions::PyResult<(
    &'a Value,
    &'a crate::object::instance::Instance,
    &'a [Value],
)> {
    let (r, rest) = match s {
        Some(r) => (r, args),
        None => match args.split_first() {
            Some((r, rest)) => (r, rest),
            None => {
                return crate::object::exceptions::raise(
                    crate::object::exceptions::ExcKind::TypeError,
                    "descriptor needs an argument",
                )
            }
        },
    };
    match r.as_obj() {
        Some(Object::Instance(i)) if crate::object::classes::is_instance_of(r, class) => {
            Ok((r, i, rest))
        }
        _ => crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            format!(
                "descriptor requires a '{tp_name}' object but received a '{}'",
                crate::object::heap::type_name(r)
            ),
        ),
    }
}
