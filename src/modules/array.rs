//! `array`: compact arrays of one C number type (`array('d', [1.0,
//! 2.5])`), as CPython's `Modules/arraymodule.c`: the items live as
//! machine values in one byte buffer (native byte order and sizes,
//! LP64), converted on the way in with CPython's range checks and
//! messages and on the way out to ints, floats or one-character strs.
//! The type is subclassable (its instances carry the buffer as their
//! payload: `object::native::new_instance`).

use crate::object::args::receiver;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{make_module, new_list, new_str, new_tuple, NewObject, Object};
use crate::object::native::{constructor, data_of, method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::int_of;
use crate::vm::Vm;
use num_traits::ToPrimitive;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The type codes, in CPython's order (`array.typecodes`).
const TYPECODES: &str = "bBuhHiIlLqQfd";

/// The size in bytes of an item of type `code` (LP64: `l` is 8).
fn item_size(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

/// An array's items.
struct ArrayData {
    code: u8,
    bytes: RefCell<Vec<u8>>,
}

impl NativeData for ArrayData {
    fn weakly_referenceable(&self) -> bool {
        true
    }

    fn buffer(&self) -> Option<std::cell::Ref<'_, [u8]>> {
        Some(std::cell::Ref::map(self.bytes.borrow(), Vec::as_slice))
    }

    fn buffer_mut(&self) -> Option<std::cell::RefMut<'_, [u8]>> {
        Some(std::cell::RefMut::map(
            self.bytes.borrow_mut(),
            Vec::as_mut_slice,
        ))
    }

    fn buffer_format(&self) -> u8 {
        // `u` items are 4-byte code points here.
        if self.code == b'u' {
            b'I'
        } else {
            self.code
        }
    }
}

fn array_of(v: &Value) -> PyResult<&ArrayData> {
    match data_of::<ArrayData>(v) {
        Some(a) => Ok(a),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires an 'array.array' object but received a '{}'",
                crate::object::heap::type_name(v)
            ),
        ),
    }
}

fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a ArrayData, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    Ok((r, array_of(r)?, rest))
}

/// The integer an item of an integer type is given as (`__index__`
/// honoured), as an i128.
fn int_item(vm: &mut Vm, v: &Value) -> PyResult<i128> {
    if let Value::Int(i) = v {
        return Ok(*i as i128);
    }
    let v = crate::protocol::index_value(vm, v)?;
    match int_of(&v) {
        Some(i) => {
            Ok(i.to_big()
                .to_i128()
                .unwrap_or(if i.to_big().sign() == num_bigint::Sign::Minus {
                    i128::MIN
                } else {
                    i128::MAX
                }))
        }
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::heap::type_name(&v)
            ),
        ),
    }
}

fn float_item(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(x) => Ok(*x),
        _ => match int_of(v) {
            Some(i) => crate::protocol::ops::int_to_f64(&i),
            None => {
                let has_float = matches!(v.as_obj(), Some(Object::Instance(_)))
                    && crate::object::classes::lookup(
                        &crate::object::classes::type_value(v),
                        "__float__",
                    )
                    .is_some();
                if has_float {
                    let f = crate::protocol::getattr(vm, v, "__float__")?;
                    if let Value::Float(x) = crate::protocol::call(vm, &f, &[], &[])? {
                        return Ok(x);
                    }
                }
                raise(
                    ExcKind::TypeError,
                    format!(
                        "must be real number, not {}",
                        crate::object::heap::type_name(v)
                    ),
                )
            }
        },
    }
}

/// Appends the machine value of `v` as an item of type `code`.
fn encode(vm: &mut Vm, code: u8, v: &Value, out: &mut Vec<u8>) -> PyResult<()> {
    let over = |msg: &str| raise::<()>(ExcKind::OverflowError, msg.to_string());
    match code {
        b'f' => out.extend_from_slice(&(float_item(vm, v)? as f32).to_ne_bytes()),
        b'd' => out.extend_from_slice(&float_item(vm, v)?.to_ne_bytes()),
        b'u' => {
            let c = crate::object::heap::as_str(v)
                .filter(|s| s.chars().count() == 1)
                .and_then(|s| s.chars().next());
            match c {
                Some(c) => out.extend_from_slice(&(c as u32).to_ne_bytes()),
                None => return raise(ExcKind::TypeError, "array item must be unicode character"),
            }
        }
        _ => {
            let i = int_item(vm, v)?;
            let (lo, hi, low_msg, high_msg): (i128, i128, &str, &str) = match code {
                b'b' => (
                    -128,
                    127,
                    "signed char is less than minimum",
                    "signed char is greater than maximum",
                ),
                b'B' => (
                    0,
                    255,
                    "unsigned byte integer is less than minimum",
                    "unsigned byte integer is greater than maximum",
                ),
                b'h' => (
                    i16::MIN as i128,
                    i16::MAX as i128,
                    "signed short integer is less than minimum",
                    "signed short integer is greater than maximum",
                ),
                b'H' => (
                    0,
                    u16::MAX as i128,
                    "unsigned short is less than minimum",
                    "unsigned short is greater than maximum",
                ),
                b'i' => (
                    i32::MIN as i128,
                    i32::MAX as i128,
                    "signed integer is less than minimum",
                    "signed integer is greater than maximum",
                ),
                b'I' => (
                    0,
                    u32::MAX as i128,
                    "can't convert negative value to unsigned int",
                    "unsigned int is greater than maximum",
                ),
                b'l' => (
                    i64::MIN as i128,
                    i64::MAX as i128,
                    "Python int too large to convert to C long",
                    "Python int too large to convert to C long",
                ),
                b'L' => (
                    0,
                    u64::MAX as i128,
                    "can't convert negative value to unsigned int",
                    "Python int too large to convert to C unsigned long",
                ),
                b'q' => (
                    i64::MIN as i128,
                    i64::MAX as i128,
                    "int too big to convert",
                    "int too big to convert",
                ),
                _ => (
                    0,
                    u64::MAX as i128,
                    "can't convert negative int to unsigned",
                    "int too big to convert",
                ),
            };
            if i < lo {
                return over(low_msg);
            }
            if i > hi {
                return over(high_msg);
            }
            let size = item_size(code);
            out.extend_from_slice(&(i as u64).to_ne_bytes()[..size]);
        }
    }
    Ok(())
}

/// The Python value of the item at byte offset `at`.
fn decode(code: u8, bytes: &[u8]) -> Value {
    let mut word = [0u8; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    let raw = u64::from_ne_bytes(word);
    match code {
        b'b' => Value::Int(bytes[0] as i8 as i64),
        b'B' => Value::Int(bytes[0] as i64),
        b'h' => Value::Int(raw as u16 as i16 as i64),
        b'H' => Value::Int(raw as u16 as i64),
        b'i' => Value::Int(raw as u32 as i32 as i64),
        b'I' => Value::Int(raw as u32 as i64),
        b'l' | b'q' => Value::Int(raw as i64),
        b'L' | b'Q' => crate::protocol::ops::int_value(num_bigint::BigInt::from(raw)),
        b'f' => Value::Float(f32::from_ne_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as f64),
        b'd' => Value::Float(f64::from_bits(raw)),
        _ => new_str(char::from_u32(raw as u32).unwrap_or('\u{fffd}').to_string()),
    }
}

impl ArrayData {
    fn len(&self) -> usize {
        self.bytes.borrow().len() / item_size(self.code)
    }

    fn get(&self, i: usize) -> Value {
        let size = item_size(self.code);
        decode(self.code, &self.bytes.borrow()[i * size..(i + 1) * size])
    }

    fn items(&self) -> Vec<Value> {
        let size = item_size(self.code);
        self.bytes
            .borrow()
            .chunks(size)
            .map(|c| decode(self.code, c))
            .collect()
    }
}

/// The machine values of `items` as items of type `code`.
fn encode_all(vm: &mut Vm, code: u8, items: &[Value]) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(items.len() * item_size(code));
    for v in items {
        encode(vm, code, v, &mut out)?;
    }
    Ok(out)
}

fn new_array(cls: &Value, code: u8, bytes: Vec<u8>) -> Value {
    crate::object::native::new_instance(
        cls,
        array_class(),
        ArrayData {
            code,
            bytes: RefCell::new(bytes),
        },
    )
}

/// A new array of `a`'s type (an `array.array`, whatever `like`'s class:
/// slices, sums, repeats and copies of a subclass's instance are plain
/// arrays, as in CPython).
fn same_kind(_like: &Value, a: &ArrayData, bytes: Vec<u8>) -> Value {
    new_array(&array_class(), a.code, bytes)
}

fn bad_typecode<T>() -> PyResult<T> {
    raise(
        ExcKind::ValueError,
        "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
    )
}

fn array_new(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(ExcKind::TypeError, "array.__new__(): not enough arguments");
    };
    if !kw.is_empty() && cls.is(&array_class()) {
        return raise(
            ExcKind::TypeError,
            "array.array() takes no keyword arguments",
        );
    }
    crate::object::args::arity("array", rest, 1, 2)?;
    let code = match crate::object::heap::as_str(&rest[0]) {
        Some(s) if s.chars().count() == 1 => s.as_bytes()[0],
        _ => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "array() argument 1 must be a unicode character, not {}",
                    crate::object::heap::type_name(&rest[0])
                ),
            )
        }
    };
    if !TYPECODES.as_bytes().contains(&code) {
        return bad_typecode();
    }
    let bytes = match rest.get(1) {
        None => Vec::new(),
        Some(init) => initial_bytes(vm, code, init)?,
    };
    Ok(new_array(cls, code, bytes))
}

/// The items an initializer gives: another array, bytes, a str (`u`),
/// or any iterable.
fn initial_bytes(vm: &mut Vm, code: u8, init: &Value) -> PyResult<Vec<u8>> {
    if let Some(other) = data_of::<ArrayData>(init) {
        if other.code == code || (other.code != b'u' && code != b'u') {
            let items = other.items();
            return encode_all(vm, code, &items);
        }
        return raise(
            ExcKind::TypeError,
            "cannot use a unicode array to initialize an array with typecode",
        );
    }
    match init.as_obj() {
        Some(Object::Bytes(b)) => return from_bytes(code, b),
        Some(Object::ByteArray(b)) => return from_bytes(code, &b.borrow()),
        _ => {}
    }
    if let Some(s) = crate::object::heap::as_str(init) {
        if code != b'u' {
            return raise(
                ExcKind::TypeError,
                format!(
                    "cannot use a str to initialize an array with typecode '{}'",
                    code as char
                ),
            );
        }
        return Ok(s.chars().flat_map(|c| (c as u32).to_ne_bytes()).collect());
    }
    let items = crate::protocol::to_vec(vm, init)?;
    encode_all(vm, code, &items)
}

fn from_bytes(code: u8, b: &[u8]) -> PyResult<Vec<u8>> {
    if !b.len().is_multiple_of(item_size(code)) {
        return raise(
            ExcKind::ValueError,
            "bytes length not a multiple of item size",
        );
    }
    Ok(b.to_vec())
}

/// Index `i` of an array of `n` items (negative from the end).
fn index(i: &Value, n: usize, what: &str) -> PyResult<usize> {
    match crate::protocol::ops::seq_index(i, n, "array")? {
        Some(k) => Ok(k),
        None => raise(ExcKind::IndexError, what.to_string()),
    }
}

fn repr(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, arr, _) = this(s, a)?;
    let name = crate::object::classes::type_value(r);
    let name = crate::protocol::getattr(vm, &name, "__name__")
        .ok()
        .and_then(|n| crate::object::heap::as_str(&n).map(str::to_string))
        .unwrap_or_else(|| "array".to_string());
    if arr.len() == 0 {
        return Ok(new_str(format!("{name}('{}')", arr.code as char)));
    }
    let body = if arr.code == b'u' {
        let text: String = arr
            .items()
            .iter()
            .filter_map(|v| crate::object::heap::as_str(v).map(str::to_string))
            .collect();
        crate::protocol::repr::repr(vm, &new_str(text))?
    } else {
        crate::protocol::repr::repr(vm, &new_list(arr.items()))?
    };
    Ok(new_str(format!("{name}('{}', {body})", arr.code as char)))
}

fn getitem(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, arr, rest) = this(s, a)?;
    let key = rest.first().cloned().unwrap_or(Value::None);
    if let Some(Object::Slice(_)) = key.as_obj() {
        let items = arr.items();
        let picked = crate::protocol::ops::getitem(&new_list(items), &key)?;
        let picked = crate::protocol::to_vec(vm, &picked)?;
        let bytes = encode_all(vm, arr.code, &picked)?;
        return Ok(same_kind(r, arr, bytes));
    }
    let key = crate::protocol::index_value(vm, &key)?;
    if int_of(&key).is_none() {
        return raise(ExcKind::TypeError, "array indices must be integers");
    }
    let i = index(&key, arr.len(), "array index out of range")?;
    Ok(arr.get(i))
}

fn setitem(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, arr, rest) = this(s, a)?;
    crate::object::args::arity("__setitem__", rest, 2, 2)?;
    let (key, value) = (&rest[0], &rest[1]);
    if let Some(Object::Slice(_)) = key.as_obj() {
        let Some(other) = data_of::<ArrayData>(value) else {
            return raise(
                ExcKind::TypeError,
                format!(
                    "can only assign array (not \"{}\") to array slice",
                    crate::object::heap::type_name(value)
                ),
            );
        };
        if other.code != arr.code {
            return raise(
                ExcKind::TypeError,
                "bad argument type for built-in operation",
            );
        }
        let list = new_list(arr.items());
        crate::protocol::setitem(vm, &list, key, new_list(other.items()))?;
        let items = crate::protocol::to_vec(vm, &list)?;
        let bytes = encode_all(vm, arr.code, &items)?;
        *arr.bytes.borrow_mut() = bytes;
        return Ok(Value::None);
    }
    let key = crate::protocol::index_value(vm, key)?;
    if int_of(&key).is_none() {
        return raise(ExcKind::TypeError, "array indices must be integers");
    }
    let i = index(&key, arr.len(), "array assignment index out of range")?;
    let mut one = Vec::new();
    encode(vm, arr.code, value, &mut one)?;
    let size = item_size(arr.code);
    arr.bytes.borrow_mut()[i * size..(i + 1) * size].copy_from_slice(&one);
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, arr, rest) = this(s, a)?;
    let key = rest.first().cloned().unwrap_or(Value::None);
    if let Some(Object::Slice(_)) = key.as_obj() {
        let list = new_list(arr.items());
        crate::protocol::delitem(vm, &list, &key)?;
        let items = crate::protocol::to_vec(vm, &list)?;
        let bytes = encode_all(vm, arr.code, &items)?;
        *arr.bytes.borrow_mut() = bytes;
        return Ok(Value::None);
    }
    let i = index(
        &crate::protocol::index_value(vm, &key)?,
        arr.len(),
        "array assignment index out of range",
    )?;
    let size = item_size(arr.code);
    arr.bytes.borrow_mut().drain(i * size..(i + 1) * size);
    Ok(Value::None)
}

/// The position of the first item equal to `x` in `start..stop`.
fn find(
    vm: &mut Vm,
    arr: &ArrayData,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    for (k, item) in arr.items().iter().enumerate().take(stop).skip(start) {
        if crate::protocol::compare_bool(vm, taipan_bytecode::opcode::CompareOp::Eq, item, x)? {
            return Ok(Some(k));
        }
    }
    Ok(None)
}

fn extend_from(vm: &mut Vm, arr: &ArrayData, other: &Value) -> PyResult<()> {
    if let Some(o) = data_of::<ArrayData>(other) {
        if o.code != arr.code {
            return raise(
                ExcKind::TypeError,
                "can only extend with array of same kind",
            );
        }
        let more = o.bytes.borrow().clone();
        arr.bytes.borrow_mut().extend_from_slice(&more);
        return Ok(());
    }
    let items = crate::protocol::to_vec(vm, other)?;
    let more = encode_all(vm, arr.code, &items)?;
    arr.bytes.borrow_mut().extend_from_slice(&more);
    Ok(())
}

fn compare(
    vm: &mut Vm,
    s: Option<&Value>,
    a: &[Value],
    op: taipan_bytecode::opcode::CompareOp,
) -> PyResult<Value> {
    let (_, arr, rest) = this(s, a)?;
    let Some(other) = rest.first().and_then(data_of::<ArrayData>) else {
        return Ok(crate::object::classes::not_implemented());
    };
    crate::protocol::compare(vm, op, &new_list(arr.items()), &new_list(other.items()))
}

/// An iterator over an array: live (items appended later are seen), and
/// finished for good once it reached the end (CPython's `arrayiterator`).
struct ArrayIter {
    /// The array, until the iterator is exhausted.
    array: std::cell::RefCell<Option<Value>>,
    index: std::cell::Cell<usize>,
}

impl NativeData for ArrayIter {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Some(a) = self.array.borrow().as_ref() {
            crate::object::gc::visit_value(a, visit);
        }
    }
}

fn array_iter(s: Option<&Value>) -> PyResult<&ArrayIter> {
    match s.and_then(data_of::<ArrayIter>) {
        Some(it) => Ok(it),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a 'array.arrayiterator' object",
        ),
    }
}

fn iterator_class() -> Value {
    crate::object::builtin_types::kept_by_name("array.arrayiterator", || {
        let attrs = vec![
            m("__iter__", |_, s, _, _| Ok(s.cloned().unwrap_or_default())),
            m("__next__", |_, s, _, _| {
                let it = array_iter(s)?;
                let current = it.array.borrow().clone();
                if let Some(arr) = current.as_ref().and_then(data_of::<ArrayData>) {
                    let i = it.index.get();
                    if i < arr.len() {
                        it.index.set(i + 1);
                        return Ok(arr.get(i));
                    }
                }
                *it.array.borrow_mut() = None;
                Err(crate::object::exceptions::PyErr::with_args(
                    ExcKind::StopIteration,
                    Vec::new(),
                ))
            }),
            // `iter(array)` at the index, or an exhausted `iter(())`.
            m("__reduce__", |vm, s, _, _| {
                let it = array_iter(s)?;
                let builtins = crate::protocol::import(vm, "builtins")?;
                let iter = crate::protocol::getattr(vm, &builtins, "iter")?;
                Ok(match it.array.borrow().clone() {
                    Some(a) => new_tuple(vec![
                        iter,
                        new_tuple(vec![a]),
                        Value::Int(it.index.get() as i64),
                    ]),
                    None => new_tuple(vec![iter, new_tuple(vec![new_tuple(Vec::new())])]),
                })
            }),
            m("__setstate__", |vm, s, a, _| {
                let it = array_iter(s)?;
                crate::object::args::arity("__setstate__", a, 1, 1)?;
                let i = int_item(vm, &a[0])?.max(0) as usize;
                let len = it
                    .array
                    .borrow()
                    .as_ref()
                    .and_then(data_of::<ArrayData>)
                    .map_or(0, ArrayData::len);
                it.index.set(i.min(len));
                Ok(Value::None)
            }),
        ];
        crate::object::native::class("array", "arrayiterator", attrs)
    })
}

fn array_class() -> Value {
    crate::object::builtin_types::kept_by_name("array.array", || {
        use taipan_bytecode::opcode::CompareOp;
        let attrs = vec![
            constructor(array_new),
            m("__repr__", repr),
            m("__len__", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.1.len() as i64))
            }),
            m("__getitem__", getitem),
            m("__setitem__", setitem),
            m("__delitem__", delitem),
            m("__iter__", |_, s, a, _| {
                let (r, _, _) = this(s, a)?;
                Ok(crate::object::native::new(
                    iterator_class(),
                    ArrayIter {
                        array: std::cell::RefCell::new(Some(r.clone())),
                        index: std::cell::Cell::new(0),
                    },
                ))
            }),
            m("__contains__", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                let x = rest.first().cloned().unwrap_or(Value::None);
                Ok(Value::Bool(find(vm, arr, &x, 0, usize::MAX)?.is_some()))
            }),
            m("__eq__", |vm, s, a, _| compare(vm, s, a, CompareOp::Eq)),
            m("__ne__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ne)),
            m("__lt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Lt)),
            m("__le__", |vm, s, a, _| compare(vm, s, a, CompareOp::Le)),
            m("__gt__", |vm, s, a, _| compare(vm, s, a, CompareOp::Gt)),
            m("__ge__", |vm, s, a, _| compare(vm, s, a, CompareOp::Ge)),
            m("__add__", |_, s, a, _| {
                let (r, arr, rest) = this(s, a)?;
                let other = rest.first().cloned().unwrap_or(Value::None);
                let Some(o) = data_of::<ArrayData>(&other) else {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "can only append array (not \"{}\") to array",
                            crate::object::heap::type_name(&other)
                        ),
                    );
                };
                if o.code != arr.code {
                    return raise(
                        ExcKind::TypeError,
                        "bad argument type for built-in operation",
                    );
                }
                let mut bytes = arr.bytes.borrow().clone();
                bytes.extend_from_slice(&o.bytes.borrow());
                Ok(same_kind(r, arr, bytes))
            }),
            m("__iadd__", |vm, s, a, _| {
                let (r, arr, rest) = this(s, a)?;
                let other = rest.first().cloned().unwrap_or(Value::None);
                if data_of::<ArrayData>(&other).is_none() {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "can only extend array with array (not \"{}\")",
                            crate::object::heap::type_name(&other)
                        ),
                    );
                }
                extend_from(vm, arr, &other)?;
                Ok(r.clone())
            }),
            m("__mul__", repeat),
            m("__rmul__", repeat),
            m("__imul__", |vm, s, a, _| {
                let (r, arr, rest) = this(s, a)?;
                let n = int_item(vm, rest.first().unwrap_or(&Value::None))?.max(0) as usize;
                let one = arr.bytes.borrow().clone();
                if !crate::protocol::ops::fits_in_memory(one.len().saturating_mul(n)) {
                    return raise(ExcKind::MemoryError, "");
                }
                *arr.bytes.borrow_mut() = one.repeat(n);
                Ok(r.clone())
            }),
            m("__copy__", |_, s, a, _| {
                let (r, arr, _) = this(s, a)?;
                Ok(same_kind(r, arr, arr.bytes.borrow().clone()))
            }),
            m("__deepcopy__", |_, s, a, _| {
                let (r, arr, _) = this(s, a)?;
                Ok(same_kind(r, arr, arr.bytes.borrow().clone()))
            }),
            // Protocol 3 and up: `_array_reconstructor` with the items'
            // bytes and machine format; before, the type code and a list.
            m("__reduce_ex__", |vm, s, a, _| {
                let (r, arr, rest) = this(s, a)?;
                crate::object::args::arity("__reduce_ex__", rest, 1, 1)?;
                let protocol = int_item(vm, &rest[0])?;
                let cls = crate::object::classes::type_value(r);
                if protocol >= 3 {
                    let state = crate::protocol::getattr(vm, r, "__dict__").unwrap_or(Value::None);
                    let module = crate::protocol::import(vm, "array")?;
                    let rebuild = crate::protocol::getattr(vm, &module, "_array_reconstructor")?;
                    return Ok(new_tuple(vec![
                        rebuild,
                        new_tuple(vec![
                            cls,
                            new_str((arr.code as char).to_string()),
                            Value::Int(native_mformat(arr.code)),
                            Value::obj(NewObject::Bytes(arr.bytes.borrow().clone())),
                        ]),
                        state,
                    ]));
                }
                let list = if arr.code == b'u' {
                    let text: String = arr
                        .items()
                        .iter()
                        .filter_map(|v| crate::object::heap::as_str(v).map(str::to_string))
                        .collect();
                    new_str(text)
                } else {
                    new_list(arr.items())
                };
                let state = crate::protocol::getattr(vm, r, "__dict__").unwrap_or(Value::None);
                Ok(new_tuple(vec![
                    cls,
                    new_tuple(vec![new_str((arr.code as char).to_string()), list]),
                    state,
                ]))
            }),
            m("append", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("append", rest, 1, 1)?;
                let mut one = Vec::new();
                encode(vm, arr.code, &rest[0], &mut one)?;
                arr.bytes.borrow_mut().extend_from_slice(&one);
                Ok(Value::None)
            }),
            m("extend", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("extend", rest, 1, 1)?;
                extend_from(vm, arr, &rest[0])?;
                Ok(Value::None)
            }),
            m("insert", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("insert", rest, 2, 2)?;
                let n = arr.len() as i128;
                let mut i = int_item(vm, &rest[0])?;
                if i < 0 {
                    i = (i + n).max(0);
                }
                let i = i.min(n) as usize;
                let mut one = Vec::new();
                encode(vm, arr.code, &rest[1], &mut one)?;
                let size = item_size(arr.code);
                arr.bytes.borrow_mut().splice(i * size..i * size, one);
                Ok(Value::None)
            }),
            m("pop", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("pop", rest, 0, 1)?;
                if arr.len() == 0 {
                    return raise(ExcKind::IndexError, "pop from empty array");
                }
                let at = rest.first().cloned().unwrap_or(Value::Int(-1));
                let i = index(
                    &crate::protocol::index_value(vm, &at)?,
                    arr.len(),
                    "pop index out of range",
                )?;
                let v = arr.get(i);
                let size = item_size(arr.code);
                arr.bytes.borrow_mut().drain(i * size..(i + 1) * size);
                Ok(v)
            }),
            m("remove", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("remove", rest, 1, 1)?;
                match find(vm, arr, &rest[0], 0, usize::MAX)? {
                    Some(i) => {
                        let size = item_size(arr.code);
                        arr.bytes.borrow_mut().drain(i * size..(i + 1) * size);
                        Ok(Value::None)
                    }
                    None => raise(ExcKind::ValueError, "array.remove(x): x not in array"),
                }
            }),
            m("index", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("index", rest, 1, 3)?;
                let n = arr.len() as i128;
                let bound = |vm: &mut Vm, v: Option<&Value>, default: i128| -> PyResult<usize> {
                    let Some(v) = v else {
                        return Ok(default as usize);
                    };
                    let mut i = int_item(vm, v)?;
                    if i < 0 {
                        i = (i + n).max(0);
                    }
                    Ok(i.min(n) as usize)
                };
                let start = bound(vm, rest.get(1), 0)?;
                let stop = bound(vm, rest.get(2), n)?;
                match find(vm, arr, &rest[0], start, stop)? {
                    Some(i) => Ok(Value::Int(i as i64)),
                    None => raise(ExcKind::ValueError, "array.index(x): x not in array"),
                }
            }),
            m("count", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("count", rest, 1, 1)?;
                let mut n = 0;
                for item in arr.items() {
                    if crate::protocol::compare_bool(vm, CompareOp::Eq, &item, &rest[0])? {
                        n += 1;
                    }
                }
                Ok(Value::Int(n))
            }),
            m("reverse", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("reverse", rest, 0, 0)?;
                let size = item_size(arr.code);
                let reversed: Vec<u8> = arr
                    .bytes
                    .borrow()
                    .chunks(size)
                    .rev()
                    .flatten()
                    .copied()
                    .collect();
                *arr.bytes.borrow_mut() = reversed;
                Ok(Value::None)
            }),
            m("byteswap", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("byteswap", rest, 0, 0)?;
                let size = item_size(arr.code);
                for chunk in arr.bytes.borrow_mut().chunks_mut(size) {
                    chunk.reverse();
                }
                Ok(Value::None)
            }),
            m("tobytes", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("tobytes", rest, 0, 0)?;
                Ok(Value::obj(NewObject::Bytes(arr.bytes.borrow().clone())))
            }),
            m("frombytes", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("frombytes", rest, 1, 1)?;
                let more = match rest[0].as_obj() {
                    Some(Object::Bytes(b)) => b.clone(),
                    Some(Object::ByteArray(b)) => b.borrow().clone(),
                    _ => {
                        return raise(
                            ExcKind::TypeError,
                            format!(
                                "a bytes-like object is required, not '{}'",
                                crate::object::heap::type_name(&rest[0])
                            ),
                        )
                    }
                };
                let more = from_bytes(arr.code, &more)?;
                arr.bytes.borrow_mut().extend_from_slice(&more);
                Ok(Value::None)
            }),
            m("tolist", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("tolist", rest, 0, 0)?;
                Ok(new_list(arr.items()))
            }),
            m("fromlist", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("fromlist", rest, 1, 1)?;
                let Some(Object::List(items)) = rest[0].as_obj() else {
                    return raise(ExcKind::TypeError, "arg must be list");
                };
                let items = items.borrow().clone();
                let more = encode_all(vm, arr.code, &items)?;
                arr.bytes.borrow_mut().extend_from_slice(&more);
                Ok(Value::None)
            }),
            m("tounicode", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("tounicode", rest, 0, 0)?;
                if arr.code != b'u' {
                    return raise(
                        ExcKind::ValueError,
                        "tounicode() may only be called on unicode type arrays",
                    );
                }
                let text: String = arr
                    .items()
                    .iter()
                    .filter_map(|v| crate::object::heap::as_str(v).map(str::to_string))
                    .collect();
                Ok(new_str(text))
            }),
            m("fromunicode", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                if arr.code != b'u' {
                    return raise(
                        ExcKind::ValueError,
                        "fromunicode() may only be called on unicode type arrays",
                    );
                }
                let Some(text) = rest.first().and_then(crate::object::heap::as_str) else {
                    return raise(ExcKind::TypeError, "fromunicode() argument must be str");
                };
                let more: Vec<u8> = text
                    .chars()
                    .flat_map(|c| (c as u32).to_ne_bytes())
                    .collect();
                arr.bytes.borrow_mut().extend_from_slice(&more);
                Ok(Value::None)
            }),
            m("buffer_info", |_, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("buffer_info", rest, 0, 0)?;
                let addr = arr.bytes.borrow().as_ptr() as i64;
                Ok(new_tuple(vec![
                    Value::Int(addr),
                    Value::Int(arr.len() as i64),
                ]))
            }),
            m("tofile", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("tofile", rest, 1, 1)?;
                let data = Value::obj(NewObject::Bytes(arr.bytes.borrow().clone()));
                let write = crate::protocol::getattr(vm, &rest[0], "write")?;
                crate::protocol::call(vm, &write, &[data], &[])?;
                Ok(Value::None)
            }),
            m("fromfile", |vm, s, a, _| {
                let (_, arr, rest) = this(s, a)?;
                crate::object::args::arity("fromfile", rest, 2, 2)?;
                let n = int_item(vm, &rest[1])?;
                if n < 0 {
                    return raise(ExcKind::ValueError, "negative count");
                }
                let want = (n as usize).saturating_mul(item_size(arr.code));
                let read = crate::protocol::getattr(vm, &rest[0], "read")?;
                let got = crate::protocol::call(vm, &read, &[Value::Int(want as i64)], &[])?;
                let Some(Object::Bytes(b)) = got.as_obj() else {
                    return raise(ExcKind::TypeError, "read() didn't return bytes");
                };
                let usable = b.len() - b.len() % item_size(arr.code);
                arr.bytes.borrow_mut().extend_from_slice(&b[..usable]);
                if b.len() < want {
                    return raise(ExcKind::EOFError, "read() didn't return enough bytes");
                }
                Ok(Value::None)
            }),
            prop("typecode", |_, s, a, _| {
                Ok(new_str((this(s, a)?.1.code as char).to_string()))
            }),
            prop("itemsize", |_, s, a, _| {
                Ok(Value::Int(item_size(this(s, a)?.1.code) as i64))
            }),
            ("__hash__", Value::None),
        ];
        let cls = crate::object::native::class("array", "array", attrs);
        if let Some(Object::Class(c)) = cls.as_obj() {
            // A sequence to `match`, as CPython's array type declares.
            c.set_collection_flags(1 << 5);
        }
        cls
    })
}

fn repeat(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, arr, rest) = this(s, a)?;
    crate::object::args::arity("__mul__", rest, 1, 1)?;
    let n = crate::protocol::index_value(vm, &rest[0])?;
    if int_of(&n).is_none() {
        return raise(
            ExcKind::TypeError,
            format!(
                "can't multiply sequence by non-int of type '{}'",
                crate::object::heap::type_name(&rest[0])
            ),
        );
    }
    let n = int_item(vm, &n)?.max(0) as usize;
    let one = arr.bytes.borrow().clone();
    if !crate::protocol::ops::fits_in_memory(one.len().saturating_mul(n)) {
        return raise(ExcKind::MemoryError, "");
    }
    Ok(same_kind(r, arr, one.repeat(n)))
}

/// The `array` module.
/// The machine format code of a type code's items here (little-endian,
/// 4-byte `wchar_t`), as CPython's `typecode_to_mformat_code`.
fn native_mformat(code: u8) -> i64 {
    match code {
        b'b' => 1,
        b'B' => 0,
        b'u' => 20,
        b'h' => 4,
        b'H' => 2,
        b'i' => 8,
        b'I' => 6,
        b'l' | b'q' => 12,
        b'L' | b'Q' => 10,
        b'f' => 14,
        _ => 16,
    }
}

/// `array._array_reconstructor(arraytype, typecode, mformat_code, items)`:
/// the array a pickle of protocol 3 or more describes — `items` in the
/// machine format `mformat_code` (0–21: integers of 1–8 bytes, IEEE
/// floats, UTF-16/32, either byte order), converted to this machine's
/// items; integers take the type code of their size and signedness here.
fn reconstructor(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("_array_reconstructor", a, 4, 4)?;
    let (cls, typecode, mformat, items) = (&a[0], &a[1], &a[2], &a[3]);
    if !matches!(cls.as_obj(), Some(Object::Class(_))) {
        return raise(
            ExcKind::TypeError,
            format!(
                "first argument must be a type object, not {}",
                crate::object::heap::type_name(cls)
            ),
        );
    }
    if !crate::object::classes::is_subclass(cls, &array_class()) {
        let name = crate::protocol::repr::str_of(vm, cls)?;
        return raise(
            ExcKind::TypeError,
            format!("{name} is not a subtype of array.array"),
        );
    }
    let code = match crate::object::heap::as_str(typecode) {
        Some(s) if s.len() == 1 && TYPECODES.contains(s) => s.as_bytes()[0],
        _ => {
            return raise(
                ExcKind::ValueError,
                "second argument must be a valid type code",
            )
        }
    };
    let mformat = match mformat {
        Value::Int(m) if (0..=21).contains(m) => *m,
        _ => {
            return raise(
                ExcKind::ValueError,
                "third argument must be a valid machine format code.",
            )
        }
    };
    let Some(Object::Bytes(data)) = items.as_obj() else {
        return raise(
            ExcKind::TypeError,
            format!(
                "fourth argument should be bytes, not {}",
                crate::object::heap::type_name(items)
            ),
        );
    };
    if mformat == native_mformat(code) {
        return crate::protocol::call(vm, cls, &[typecode.clone(), items.clone()], &[]);
    }
    // Size, signedness / kind, byte order of each machine format.
    let (size, big) = match mformat {
        0 | 1 => (1, false),
        2..=5 => (2, mformat % 2 == 1),
        6..=9 => (4, mformat % 2 == 1),
        10..=13 => (8, mformat % 2 == 1),
        14 | 15 => (4, mformat == 15),
        16 | 17 => (8, mformat == 17),
        18 | 19 => (2, mformat == 19),
        _ => (4, mformat == 21),
    };
    if data.len() % size != 0 {
        return raise(
            ExcKind::ValueError,
            "string length not a multiple of item size",
        );
    }
    let word = |chunk: &[u8]| -> u64 {
        let mut v = 0u64;
        for k in 0..size {
            let b = if big { chunk[k] } else { chunk[size - 1 - k] };
            v = (v << 8) | b as u64;
        }
        v
    };
    let chunks = data.chunks(size);
    let (new_code, values): (u8, Vec<Value>) = match mformat {
        14..=17 => (
            code,
            chunks
                .map(|c| {
                    Value::Float(if size == 4 {
                        f32::from_bits(word(c) as u32) as f64
                    } else {
                        f64::from_bits(word(c))
                    })
                })
                .collect(),
        ),
        18..=21 => {
            let units: Vec<u32> = chunks.map(|c| word(c) as u32).collect();
            let text = if size == 2 {
                let u16s: Vec<u16> = units.iter().map(|u| *u as u16).collect();
                crate::object::heap::str_of_code_points(
                    char::decode_utf16(u16s).map(|r| r.map_or(0xFFFD, |c| c as u32)),
                )
            } else {
                crate::object::heap::str_of_code_points(units.into_iter())
            };
            return crate::protocol::call(vm, cls, &[typecode.clone(), text], &[]);
        }
        _ => {
            let signed = (mformat == 1) || ((2..=13).contains(&mformat) && (mformat / 2) % 2 == 0);
            // The last matching code in CPython's descriptor order.
            let fit = TYPECODES
                .bytes()
                .filter(|c| !matches!(c, b'u' | b'f' | b'd'))
                .rfind(|c| item_size(*c) == size && c.is_ascii_lowercase() == signed)
                .unwrap_or(code);
            let values = chunks
                .map(|c| {
                    let w = word(c);
                    let v = if signed {
                        let shift = 64 - 8 * size as u32;
                        (((w << shift) as i64) >> shift) as i128
                    } else {
                        w as i128
                    };
                    crate::types::long_range::int_value(num_bigint::BigInt::from(v))
                })
                .collect();
            (fit, values)
        }
    };
    let code_str = new_str((new_code as char).to_string());
    crate::protocol::call(
        vm,
        cls,
        &[code_str, crate::object::heap::new_list(values)],
        &[],
    )
}

pub fn module() -> Value {
    let cls = array_class();
    make_module(
        "array",
        vec![
            ("array", cls.clone()),
            ("ArrayType", cls),
            ("typecodes", new_str(TYPECODES)),
            (
                "_array_reconstructor",
                crate::object::heap::builtin_fn("_array_reconstructor", reconstructor),
            ),
        ],
    )
}
