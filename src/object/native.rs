//! Objects of native types that modules define in Rust (`re.Pattern`,
//! `re.Match`, later `deque`, `array`, …): the class (made by
//! `builtin_types::native_class!`, its methods and special methods in its
//! dict, so attribute lookup and the slots work as for any class) and the
//! Rust value behind the object, which the type's methods downcast to.

use crate::object::value::Value;
use std::any::Any;

/// The Rust value of a native object.
pub trait NativeData: Any {
    /// Reports the Python values it holds (cycle collector).
    fn traverse(&self, _visit: &mut crate::object::gc::Visit<'_>) {}

    /// Drops the references it holds, for an unreachable cycle (CPython's
    /// `tp_clear`): needed where a cycle can run through native objects
    /// only (a future's callback holding the task that waits on it).
    fn clear(&self) {}

    /// Whether `weakref.ref` may point at it (CPython: the type has a
    /// `__weakref__` slot, as locks, queues, deques and arrays do).
    fn weakly_referenceable(&self) -> bool {
        false
    }

    /// The bytes it exposes through the buffer protocol, for a type that
    /// has one (`array.array`): then it is bytes-like wherever bytes are
    /// read (`bytes(a)`, `file.write(a)`, hashes, codecs, `memoryview`).
    fn buffer(&self) -> Option<std::cell::Ref<'_, [u8]>> {
        None
    }

    /// The same bytes, to write in place (`struct.pack_into`); None for
    /// a read-only buffer.
    fn buffer_mut(&self) -> Option<std::cell::RefMut<'_, [u8]>> {
        None
    }

    /// The `struct` format of its buffer's items (`memoryview.format`).
    fn buffer_format(&self) -> u8 {
        b'B'
    }
}

/// A native object: its class and its value.
pub struct Native {
    pub class: Value,
    pub data: Box<dyn NativeData>,
}

impl Native {
    /// The value, if it is a `T`.
    pub fn downcast<T: NativeData>(&self) -> Option<&T> {
        let data: &dyn Any = self.data.as_ref();
        data.downcast_ref::<T>()
    }
}

/// A new object of native class `class` holding `data`.
pub fn new(class: Value, data: impl NativeData) -> Value {
    Value::obj(crate::object::heap::NewObject::Native(Box::new(Native {
        class,
        data: Box::new(data),
    })))
}

/// A new object of a native type whose instances are ordinary instances
/// (they have attributes and a `__dict__`, and Python classes may derive
/// from the type, as from `io.StringIO`): an instance of `cls` (the
/// native class or a subclass) carrying, as its payload, a native object
/// of `native_class` holding `data`. The type's `__new__` makes it.
pub fn new_instance(cls: &Value, native_class: Value, data: impl NativeData) -> Value {
    let Value::Obj(class) = cls else {
        return new(native_class, data);
    };
    let inner = new(native_class, data);
    Value::obj(crate::object::heap::NewObject::Instance(
        crate::object::instance::Instance::new(class.clone(), None, Some(inner)),
    ))
}

/// The value of `v` if it is a native object holding a `T`, or an
/// instance made by [`new_instance`] whose payload is one.
pub fn data_of<T: NativeData>(v: &Value) -> Option<&T> {
    use crate::object::heap::Object;
    match v.as_obj() {
        Some(Object::Native(n)) => n.downcast::<T>(),
        Some(Object::Instance(i)) => match i.payload().and_then(Value::as_obj) {
            Some(Object::Native(n)) => n.downcast::<T>(),
            _ => None,
        },
        _ => None,
    }
}

/// A class-dict entry for a native type: its `__new__` (a static
/// method called with the class and the arguments), which calling the
/// class or a subclass of it runs.
pub fn constructor(func: crate::object::heap::BuiltinFn) -> (&'static str, Value) {
    let (_, f) = method("__new__", func);
    (
        "__new__",
        Value::obj(crate::object::heap::NewObject::StaticMethod(f)),
    )
}

/// A class-dict entry for a native type: a built-in method.
pub fn method(name: &'static str, func: crate::object::heap::BuiltinFn) -> (&'static str, Value) {
    let f = crate::object::heap::Builtin { name, func };
    (name, Value::obj(crate::object::heap::NewObject::Builtin(f)))
}

/// A class-dict entry for a native type: a read-only property whose
/// getter is `func` (called with the object).
pub fn property(name: &'static str, func: crate::object::heap::BuiltinFn) -> (&'static str, Value) {
    let (_, fget) = method(name, func);
    let p = crate::object::heap::NewObject::Property {
        fget,
        fset: Value::None,
        fdel: Value::None,
        doc: Default::default(),
    };
    (name, Value::obj(p))
}

/// The class of a native type of module `module`: a direct subclass of
/// `object` with `attrs` in its dict (immutable, as CPython's C types).
pub fn class(module: &'static str, name: &str, attrs: Vec<(&str, Value)>) -> Value {
    use crate::object::heap::TypeKind;
    subclass(
        module,
        name,
        crate::object::classes::type_object(TypeKind::Object),
        attrs,
    )
}

/// [`class`] for a native type derived from another native type `base`.
pub fn subclass(module: &'static str, name: &str, base: Value, attrs: Vec<(&str, Value)>) -> Value {
    crate::object::classes::new_builtin_class(
        module,
        name,
        base,
        crate::object::heap::TypeKind::Object,
        attrs,
    )
}
