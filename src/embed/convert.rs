//! Conversions between Rust values and Python objects: [`IntoPython`]
//! (Rust → Python, infallible), [`FromPython`] (Python → Rust, a
//! `TypeError` or `OverflowError` when the object does not fit), and
//! [`IntoArgs`] for call arguments. `Object::from(x)` and
//! `i64::try_from(&obj)` are the `From`/`TryFrom` spellings of the same.

use super::{Error, Object, Result};
use crate::object::heap::{new_list, new_str, new_tuple, NewObject, Object as HeapView};
use crate::object::value::Value;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::collections::{BTreeMap, HashMap};

/// A Rust value that becomes a Python object.
pub trait IntoPython {
    /// The Python value (made in the current interpreter).
    fn into_python(self) -> Value;
}

/// A Rust value read from a Python object.
pub trait FromPython: Sized {
    /// The value, or the TypeError / OverflowError Python would raise.
    fn from_python(v: &Value) -> Result<Self>;
}

/// `bytes`, as opposed to a list of small ints (`Vec<u8>`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Bytes(pub Vec<u8>);

fn type_error<T>(expected: &str, v: &Value) -> Result<T> {
    Err(Error::new(
        "TypeError",
        format!(
            "expected {expected}, got {}",
            crate::object::heap::type_name(v)
        ),
    ))
}

impl IntoPython for Object {
    fn into_python(self) -> Value {
        self.0
    }
}

impl IntoPython for &Object {
    fn into_python(self) -> Value {
        self.0.clone()
    }
}

impl IntoPython for Value {
    fn into_python(self) -> Value {
        self
    }
}

impl IntoPython for () {
    fn into_python(self) -> Value {
        Value::None
    }
}

impl IntoPython for bool {
    fn into_python(self) -> Value {
        Value::Bool(self)
    }
}

macro_rules! small_ints {
    ($($t:ty),*) => {$(
        impl IntoPython for $t {
            fn into_python(self) -> Value {
                Value::Int(self as i64)
            }
        }
        impl FromPython for $t {
            fn from_python(v: &Value) -> Result<$t> {
                let Some(i) = crate::protocol::ops::int_of(v) else {
                    return type_error("int", v);
                };
                i.to_big().to_i128().and_then(|i| <$t>::try_from(i).ok()).ok_or_else(|| {
                    Error::new(
                        "OverflowError",
                        concat!("Python int too large to convert to ", stringify!($t)),
                    )
                })
            }
        }
    )*};
}
small_ints!(i8, i16, i32, i64, u8, u16, u32, isize);

macro_rules! wide_ints {
    ($($t:ty),*) => {$(
        impl IntoPython for $t {
            fn into_python(self) -> Value {
                crate::protocol::ops::int_value(BigInt::from(self))
            }
        }
        impl FromPython for $t {
            fn from_python(v: &Value) -> Result<$t> {
                let Some(i) = crate::protocol::ops::int_of(v) else {
                    return type_error("int", v);
                };
                let b = i.to_big();
                <$t>::try_from(&b).map_err(|_| {
                    Error::new(
                        "OverflowError",
                        concat!("Python int too large to convert to ", stringify!($t)),
                    )
                })
            }
        }
    )*};
}
wide_ints!(u64, usize, i128, u128);

impl IntoPython for BigInt {
    fn into_python(self) -> Value {
        crate::protocol::ops::int_value(self)
    }
}

impl FromPython for BigInt {
    fn from_python(v: &Value) -> Result<BigInt> {
        match crate::protocol::ops::int_of(v) {
            Some(i) => Ok(i.to_big()),
            None => type_error("int", v),
        }
    }
}

impl IntoPython for f64 {
    fn into_python(self) -> Value {
        Value::Float(self)
    }
}

impl IntoPython for f32 {
    fn into_python(self) -> Value {
        Value::Float(self as f64)
    }
}

impl FromPython for f64 {
    fn from_python(v: &Value) -> Result<f64> {
        match v {
            Value::Float(x) => Ok(*x),
            _ => match crate::protocol::ops::int_of(v) {
                Some(i) => crate::protocol::ops::int_to_f64(&i)
                    .map_err(|_| Error::new("OverflowError", "int too large to convert to float")),
                None => match v.as_obj() {
                    Some(HeapView::Instance(i)) => match i.payload() {
                        Some(p) => f64::from_python(p),
                        None => type_error("float", v),
                    },
                    _ => type_error("float", v),
                },
            },
        }
    }
}

impl FromPython for bool {
    fn from_python(v: &Value) -> Result<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            _ => type_error("bool", v),
        }
    }
}

impl IntoPython for &str {
    fn into_python(self) -> Value {
        new_str(self)
    }
}

impl IntoPython for String {
    fn into_python(self) -> Value {
        new_str(self)
    }
}

impl FromPython for String {
    fn from_python(v: &Value) -> Result<String> {
        match crate::object::heap::as_str(v) {
            Some(s) => Ok(s.to_string()),
            None => type_error("str", v),
        }
    }
}

impl IntoPython for Bytes {
    fn into_python(self) -> Value {
        Value::obj(NewObject::Bytes(self.0))
    }
}

impl FromPython for Bytes {
    fn from_python(v: &Value) -> Result<Bytes> {
        match v.as_obj() {
            Some(HeapView::Bytes(b)) => Ok(Bytes(b.clone())),
            Some(HeapView::ByteArray(b)) => Ok(Bytes(b.borrow().clone())),
            _ => type_error("bytes", v),
        }
    }
}

impl FromPython for Object {
    fn from_python(v: &Value) -> Result<Object> {
        Ok(Object(v.clone()))
    }
}

impl FromPython for () {
    fn from_python(v: &Value) -> Result<()> {
        match v {
            Value::None => Ok(()),
            _ => type_error("None", v),
        }
    }
}

impl<T: IntoPython> IntoPython for Option<T> {
    fn into_python(self) -> Value {
        match self {
            Some(v) => v.into_python(),
            None => Value::None,
        }
    }
}

impl<T: FromPython> FromPython for Option<T> {
    fn from_python(v: &Value) -> Result<Option<T>> {
        match v {
            Value::None => Ok(None),
            _ => T::from_python(v).map(Some),
        }
    }
}

impl<T: IntoPython> IntoPython for Vec<T> {
    fn into_python(self) -> Value {
        new_list(self.into_iter().map(IntoPython::into_python).collect())
    }
}

/// The items of a list or tuple.
fn sequence_items(v: &Value) -> Option<Vec<Value>> {
    match v.as_obj() {
        Some(HeapView::List(l)) => Some(l.borrow().clone()),
        Some(HeapView::Tuple(t)) => Some(t.clone()),
        Some(HeapView::Instance(i)) => i.payload().and_then(sequence_items),
        _ => None,
    }
}

impl<T: FromPython> FromPython for Vec<T> {
    fn from_python(v: &Value) -> Result<Vec<T>> {
        match sequence_items(v) {
            Some(items) => items.iter().map(T::from_python).collect(),
            None => type_error("list or tuple", v),
        }
    }
}

/// A dict of `pairs` (keys of the built-in hashable types).
fn new_dict(pairs: impl Iterator<Item = (Value, Value)>) -> Value {
    let mut d = crate::object::dict::Dict::new();
    for (k, v) in pairs {
        // (Keys from Rust values are ints, strs, floats, tuples: always
        // hashable.)
        let _ = d.set(k, v);
    }
    Value::obj(NewObject::Dict(std::cell::RefCell::new(d)))
}

/// The pairs of a dict.
fn dict_pairs(v: &Value) -> Option<Vec<(Value, Value)>> {
    match v.as_obj() {
        Some(HeapView::Dict(d)) => Some(
            d.borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        Some(HeapView::Instance(i)) => i.payload().and_then(dict_pairs),
        _ => None,
    }
}

impl<K: IntoPython, V: IntoPython, S> IntoPython for HashMap<K, V, S> {
    fn into_python(self) -> Value {
        new_dict(
            self.into_iter()
                .map(|(k, v)| (k.into_python(), v.into_python())),
        )
    }
}

impl<K, V> FromPython for HashMap<K, V>
where
    K: FromPython + Eq + std::hash::Hash,
    V: FromPython,
{
    fn from_python(v: &Value) -> Result<HashMap<K, V>> {
        match dict_pairs(v) {
            Some(pairs) => pairs
                .iter()
                .map(|(k, v)| Ok((K::from_python(k)?, V::from_python(v)?)))
                .collect(),
            None => type_error("dict", v),
        }
    }
}

impl<K: IntoPython, V: IntoPython> IntoPython for BTreeMap<K, V> {
    fn into_python(self) -> Value {
        new_dict(
            self.into_iter()
                .map(|(k, v)| (k.into_python(), v.into_python())),
        )
    }
}

impl<K: FromPython + Ord, V: FromPython> FromPython for BTreeMap<K, V> {
    fn from_python(v: &Value) -> Result<BTreeMap<K, V>> {
        match dict_pairs(v) {
            Some(pairs) => pairs
                .iter()
                .map(|(k, v)| Ok((K::from_python(k)?, V::from_python(v)?)))
                .collect(),
            None => type_error("dict", v),
        }
    }
}

/// Call arguments: a tuple of convertible values (up to six), a
/// `Vec<Object>`, a slice of objects, or `()` for none.
pub trait IntoArgs {
    /// The positional arguments.
    fn into_args(self) -> Vec<Value>;
}

impl IntoArgs for () {
    fn into_args(self) -> Vec<Value> {
        Vec::new()
    }
}

impl IntoArgs for Vec<Object> {
    fn into_args(self) -> Vec<Value> {
        self.into_iter().map(|o| o.0).collect()
    }
}

impl IntoArgs for &[Object] {
    fn into_args(self) -> Vec<Value> {
        self.iter().map(|o| o.0.clone()).collect()
    }
}

macro_rules! tuples {
    ($(($($name:ident),+))*) => {$(
        impl<$($name: IntoPython),+> IntoArgs for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<Value> {
                let ($($name,)+) = self;
                vec![$($name.into_python()),+]
            }
        }
        impl<$($name: IntoPython),+> IntoPython for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_python(self) -> Value {
                let ($($name,)+) = self;
                new_tuple(vec![$($name.into_python()),+])
            }
        }
        impl<$($name: FromPython),+> FromPython for ($($name,)+) {
            #[allow(non_snake_case)]
            fn from_python(v: &Value) -> Result<Self> {
                let items = match v.as_obj() {
                    Some(HeapView::Tuple(t)) => t.clone(),
                    _ => return type_error("tuple", v),
                };
                let mut it = items.iter();
                $(let $name = match it.next() {
                    Some(x) => $name::from_python(x)?,
                    None => return type_error("a longer tuple", v),
                };)+
                if it.next().is_some() {
                    return type_error("a shorter tuple", v);
                }
                Ok(($($name,)+))
            }
        }
    )*};
}
tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
}

macro_rules! from_into {
    ($($t:ty),*) => {$(
        impl From<$t> for Object {
            fn from(v: $t) -> Object {
                Object(v.into_python())
            }
        }
        impl TryFrom<&Object> for $t {
            type Error = Error;
            fn try_from(o: &Object) -> Result<$t> {
                <$t>::from_python(&o.0)
            }
        }
    )*};
}
from_into!(bool, i32, i64, u32, u64, usize, f64, String, Bytes, BigInt);

impl From<&str> for Object {
    fn from(v: &str) -> Object {
        Object(new_str(v))
    }
}
