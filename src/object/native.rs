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

/// The value of `v` if it is a native object holding a `T`.
pub fn data_of<T: NativeData>(v: &Value) -> Option<&T> {
    match v.as_obj() {
        Some(crate::object::heap::Object::Native(n)) => n.downcast::<T>(),
        _ => None,
    }
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
    };
    (name, Value::obj(p))
}

/// The class of a native type of module `module`: a direct subclass of
/// `object` with `attrs` in its dict (immutable, as CPython's C types).
pub fn class(module: &'static str, name: &str, attrs: Vec<(&str, Value)>) -> Value {
    use crate::object::heap::TypeKind;
    crate::object::classes::new_builtin_class(
        module,
        name,
        crate::object::classes::type_object(TypeKind::Object),
        TypeKind::Object,
        attrs,
    )
}
