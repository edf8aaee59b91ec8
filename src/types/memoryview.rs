//! `memoryview`: a view of the bytes of a `bytes` or `bytearray` (format
//! `'B'`, one dimension), sharing them rather than copying: slicing makes
//! another view (with a step too), writing through a view of a bytearray
//! changes the bytearray. `bytes(mv)`, `mv.tobytes()`, comparisons and the
//! functions that take bytes-like values read it through
//! [`crate::types::bytes::bytes_of`], the buffer protocol here.

use crate::object::args::{arity, no_kwargs};
use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, new_str, new_tuple, type_name, NewObject, Object};
use crate::object::payloads::MemoryView;
use crate::object::type_slots::Slots;
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::cell::Cell;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The size of an item of `format`, for the formats views support.
fn item_size(format: u8) -> Option<usize> {
    Some(match format {
        b'B' | b'b' | b'c' | b'?' => 1,
        b'H' | b'h' => 2,
        b'I' | b'i' | b'f' => 4,
        b'L' | b'l' | b'Q' | b'q' | b'N' | b'n' | b'd' | b'P' => 8,
        _ => return None,
    })
}

/// The value of one item of `format` stored in `b` (native byte order).
fn unpack(format: u8, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    let u = u64::from_ne_bytes(w);
    let signed = |bits: u32| ((u << (64 - bits)) as i64) >> (64 - bits);
    match format {
        b'c' => Value::obj(NewObject::Bytes(b.to_vec())),
        b'?' => Value::Bool(u != 0),
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => Value::Int(signed(8 * b.len() as u32)),
        b'f' => Value::Float(f32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as f64),
        b'd' => Value::Float(f64::from_ne_bytes(w)),
        _ if u > i64::MAX as u64 => crate::protocol::ops::int_value(num_bigint::BigInt::from(u)),
        _ => Value::Int(u as i64),
    }
}

/// The bytes of `x` as an item of `format`.
fn pack(format: u8, x: &Value) -> PyResult<Vec<u8>> {
    let size = item_size(format).unwrap_or(1);
    let fmt = format as char;
    let bad_type = || {
        raise(
            ExcKind::TypeError,
            format!("memoryview: invalid type for format '{fmt}'"),
        )
    };
    let bad_value = || {
        raise(
            ExcKind::ValueError,
            format!("memoryview: invalid value for format '{fmt}'"),
        )
    };
    match format {
        b'c' => match crate::types::bytes::bytes_of(x) {
            Some(b) if b.len() == 1 => Ok(b),
            Some(_) => bad_value(),
            None => bad_type(),
        },
        b'f' | b'd' => {
            let f = match x {
                Value::Float(f) => *f,
                _ => match int_of(x) {
                    Some(IntVal::Small(i)) => i as f64,
                    _ => return bad_type(),
                },
            };
            Ok(if format == b'f' {
                (f as f32).to_ne_bytes().to_vec()
            } else {
                f.to_ne_bytes().to_vec()
            })
        }
        b'?' => Ok(vec![crate::protocol::ops::truthy(x) as u8]),
        _ => {
            let signed = matches!(format, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            let bits = 8 * size as u32;
            let fits = |i: i128| {
                if signed {
                    i >= -(1i128 << (bits - 1)) && i < (1i128 << (bits - 1))
                } else {
                    i >= 0 && i < (1i128 << bits)
                }
            };
            let i: i128 = match int_of(x) {
                Some(IntVal::Small(i)) => i as i128,
                Some(IntVal::Big(b)) => match num_traits::ToPrimitive::to_i128(b) {
                    Some(i) => i,
                    None => return bad_value(),
                },
                None => return bad_type(),
            };
            if !fits(i) {
                return bad_value();
            }
            Ok((i as u64).to_ne_bytes()[..size].to_vec())
        }
    }
}

impl MemoryView {
    /// Reports the object it views (cycle collector).
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.obj, visit);
    }

    /// The bytes it shows, copied out (empty if the object shrank).
    pub fn bytes(&self) -> Vec<u8> {
        let copy = |data: &[u8]| {
            (0..self.len)
                .filter_map(|i| data.get(self.offset(i)).copied())
                .collect()
        };
        match self.obj.as_obj() {
            Some(Object::Bytes(b)) => copy(b),
            Some(Object::ByteArray(b)) => copy(&b.borrow()),
            // A native type's buffer (an array), read as it is now.
            _ => with_native_buffer(&self.obj, copy).unwrap_or_default(),
        }
    }

    /// The size of one item.
    fn itemsize(&self) -> usize {
        item_size(self.format).unwrap_or(1)
    }

    /// The number of items.
    fn items(&self) -> usize {
        self.len / self.itemsize()
    }

    /// The items, unpacked.
    fn values(&self) -> Vec<Value> {
        let bytes = self.bytes();
        if self.format == b'B' {
            return bytes.into_iter().map(|b| Value::Int(b as i64)).collect();
        }
        bytes
            .chunks_exact(self.itemsize())
            .map(|c| unpack(self.format, c))
            .collect()
    }

    /// Writes `data` over the start of the view (`readinto`): the number
    /// of bytes written. TypeError for a view of bytes.
    pub fn write_start(&self, data: &[u8]) -> PyResult<usize> {
        let Some(Object::ByteArray(b)) = self.obj.as_obj() else {
            return raise(ExcKind::TypeError, "cannot modify read-only memory");
        };
        let mut b = b.borrow_mut();
        let n = data.len().min(self.len);
        for (i, &byte) in data[..n].iter().enumerate() {
            if let Some(slot) = b.get_mut(self.offset(i)) {
                *slot = byte;
            }
        }
        Ok(n)
    }

    fn offset(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }

    fn readonly(&self) -> bool {
        !matches!(self.obj.as_obj(), Some(Object::ByteArray(_)))
    }
}

fn view(v: &Value) -> PyResult<&MemoryView> {
    let Some(Object::MemoryView(m)) = v.as_obj() else {
        return raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'memoryview' object but received a '{}'",
                type_name(v)
            ),
        );
    };
    if m.released.get() {
        return raise(
            ExcKind::ValueError,
            "operation forbidden on released memoryview object",
        );
    }
    Ok(m)
}

/// `memoryview(obj)`.
pub fn construct(args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let obj = match (args, kw) {
        ([obj], []) => obj.clone(),
        ([], [(k, obj)]) if &**k == "object" => obj.clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                "memoryview() takes exactly one argument (object)",
            )
        }
    };
    let whole = |obj: Value, len: usize| MemoryView {
        obj,
        start: 0,
        step: 1,
        len,
        released: Cell::new(false),
        format: b'B',
        shape: None,
    };
    let mv = match obj.as_obj() {
        Some(Object::Bytes(b)) => whole(obj.clone(), b.len()),
        Some(Object::ByteArray(b)) => whole(obj.clone(), b.borrow().len()),
        Some(Object::MemoryView(_)) => {
            let m = view(&obj)?;
            MemoryView {
                obj: m.obj.clone(),
                start: m.start,
                step: m.step,
                len: m.len,
                released: Cell::new(false),
                format: m.format,
                shape: m.shape.clone(),
            }
        }
        // A native type with a buffer (an array): a read-only view in
        // its item format.
        _ => match native_buffer(&obj) {
            Some((len, format)) => MemoryView {
                format,
                ..whole(obj.clone(), len)
            },
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "memoryview: a bytes-like object is required, not '{}'",
                        type_name(&obj)
                    ),
                )
            }
        },
    };
    Ok(Value::obj(NewObject::MemoryView(Box::new(mv))))
}

/// The size and item format of a native object's buffer, if it has one.
fn native_buffer(obj: &Value) -> Option<(usize, u8)> {
    match crate::object::instance::unwrap(obj).as_obj() {
        Some(Object::Native(n)) => Some((n.data.buffer()?.len(), n.data.buffer_format())),
        _ => None,
    }
}

/// `f` of a native object's buffer as it is now (no copy), if it has one.
fn with_native_buffer<R>(obj: &Value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    match crate::object::instance::unwrap(obj).as_obj() {
        Some(Object::Native(n)) => n.data.buffer().map(|b| f(&b)),
        _ => None,
    }
}

fn index(m: &MemoryView, k: &Value) -> PyResult<usize> {
    let i = match int_of(k) {
        Some(IntVal::Small(i)) => i,
        Some(IntVal::Big(_)) => {
            return raise(
                ExcKind::IndexError,
                "cannot fit 'int' into an index-sized integer",
            )
        }
        None => return raise(ExcKind::TypeError, "memoryview: invalid slice key"),
    };
    let n = m.items() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return raise(ExcKind::IndexError, "index out of bounds on dimension 1");
    }
    Ok(j as usize)
}

fn getitem(_: &mut Vm, v: &Value, k: &Value) -> PyResult<Value> {
    let m = view(v)?;
    no_sub_views(m)?;
    if let Some(Object::Slice(crate::object::heap::SliceObj { start, stop, step })) = k.as_obj() {
        let (a, _, c, n) = crate::protocol::ops::slice_indices(start, stop, step, m.items())?;
        if m.format != b'B' {
            if c != 1 && n > 1 {
                return raise(
                    ExcKind::NotImplementedError,
                    format!(
                        "memoryview: slices with a step of views of format '{}'",
                        m.format as char
                    ),
                );
            }
            let isz = m.itemsize();
            let sub = MemoryView {
                obj: m.obj.clone(),
                start: m.start + a.max(0) as usize * isz,
                step: 1,
                len: n * isz,
                released: Cell::new(false),
                format: m.format,
                shape: None,
            };
            return Ok(Value::obj(NewObject::MemoryView(Box::new(sub))));
        }
        let sub = MemoryView {
            obj: m.obj.clone(),
            start: if n == 0 {
                m.start
            } else {
                m.offset(a as usize)
            },
            step: m.step * c as isize,
            len: n,
            released: Cell::new(false),
            format: b'B',
            shape: None,
        };
        return Ok(Value::obj(NewObject::MemoryView(Box::new(sub))));
    }
    let i = index(m, k)?;
    if m.format != b'B' {
        let isz = m.itemsize();
        let at = m.start + i * isz;
        let item = match m.obj.as_obj() {
            Some(Object::Bytes(b)) => b.get(at..at + isz).map(|s| s.to_vec()),
            Some(Object::ByteArray(b)) => b.borrow().get(at..at + isz).map(|s| s.to_vec()),
            _ => with_native_buffer(&m.obj, |d| d.get(at..at + isz).map(|s| s.to_vec())).flatten(),
        };
        return match item {
            Some(item) => Ok(unpack(m.format, &item)),
            None => raise(ExcKind::IndexError, "index out of bounds on dimension 1"),
        };
    }
    let byte = match m.obj.as_obj() {
        Some(Object::Bytes(b)) => b.get(m.offset(i)).copied(),
        Some(Object::ByteArray(b)) => b.borrow().get(m.offset(i)).copied(),
        _ => with_native_buffer(&m.obj, |d| d.get(m.offset(i)).copied()).flatten(),
    };
    match byte {
        Some(b) => Ok(Value::Int(b as i64)),
        None => raise(ExcKind::IndexError, "index out of bounds on dimension 1"),
    }
}

fn setitem(_: &mut Vm, v: &Value, k: &Value, x: Value) -> PyResult<()> {
    let m = view(v)?;
    let Some(Object::ByteArray(data)) = m.obj.as_obj() else {
        return raise(ExcKind::TypeError, "cannot modify read-only memory");
    };
    if let Some(Object::Slice(crate::object::heap::SliceObj { start, stop, step })) = k.as_obj() {
        let (a, _, c, n) = crate::protocol::ops::slice_indices(start, stop, step, m.len)?;
        let Some(src) = crate::types::bytes::bytes_of(&x) else {
            return raise(
                ExcKind::TypeError,
                format!("a bytes-like object is required, not '{}'", type_name(&x)),
            );
        };
        if src.len() != n {
            return raise(
                ExcKind::ValueError,
                "memoryview assignment: lvalue and rvalue have different structures",
            );
        }
        let mut data = data.borrow_mut();
        for (j, byte) in src.into_iter().enumerate() {
            let at = m.offset((a + j as i64 * c) as usize);
            if let Some(slot) = data.get_mut(at) {
                *slot = byte;
            }
        }
        return Ok(());
    }
    let i = index(m, k)?;
    if m.format != b'B' {
        let item = pack(m.format, &x)?;
        let at = m.start + i * m.itemsize();
        if let Some(slots) = data.borrow_mut().get_mut(at..at + item.len()) {
            slots.copy_from_slice(&item);
        }
        return Ok(());
    }
    let byte = match int_of(&x) {
        Some(IntVal::Small(b)) if (0..256).contains(&b) => b as u8,
        Some(_) => {
            return raise(
                ExcKind::ValueError,
                "memoryview: invalid value for format 'B'",
            )
        }
        None => {
            return raise(
                ExcKind::TypeError,
                "memoryview: invalid type for format 'B'",
            )
        }
    };
    if let Some(slot) = data.borrow_mut().get_mut(m.offset(i)) {
        *slot = byte;
    }
    Ok(())
}

fn compare(_: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(None);
    }
    let released =
        |v: &Value| matches!(v.as_obj(), Some(Object::MemoryView(m)) if m.released.get());
    if released(a) || released(b) {
        return Ok(Some(Value::Bool(a.is(b) == (op == CompareOp::Eq))));
    }
    let (Some(x), Some(y)) = (
        crate::types::bytes::bytes_of(a),
        crate::types::bytes::bytes_of(b),
    ) else {
        return Ok(None);
    };
    Ok(Some(Value::Bool((x == y) == (op == CompareOp::Eq))))
}

fn hash(_: &mut Vm, v: &Value) -> PyResult<i64> {
    let m = view(v)?;
    if !m.readonly() {
        return raise(
            ExcKind::ValueError,
            "cannot hash writable memoryview object",
        );
    }
    crate::object::dict::hash_value(&Value::obj(NewObject::Bytes(m.bytes())))
}

fn repr(_: &mut Vm, v: &Value) -> PyResult<String> {
    let Some(Object::MemoryView(m)) = v.as_obj() else {
        return Ok(String::new());
    };
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    Ok(if m.released.get() {
        format!("<released memory at {addr:#x}>")
    } else {
        format!("<memory at {addr:#x}>")
    })
}

fn iter(_: &mut Vm, v: &Value) -> PyResult<Value> {
    let m = view(v)?;
    no_sub_views(m)?;
    crate::types::builtin_iter::get_iter(&new_tuple(m.values()))
}

/// The slots of `memoryview`.
pub const SLOTS: Slots = Slots {
    truth: Some(|_, v| Ok(view(v)?.len > 0)),
    len: Some(|_, v| {
        let m = view(v)?;
        Ok(m.shape.as_ref().map_or_else(|| m.items(), |d| d[0]))
    }),
    hash: Some(hash),
    iter: Some(iter),
    getitem: Some(getitem),
    setitem: Some(setitem),
    repr: Some(repr),
    str: Some(repr),
    compare: Some(compare),
    ..Slots::EMPTY
};

fn this(s: Option<&Value>) -> PyResult<&MemoryView> {
    match s {
        Some(v) => view(v),
        None => raise(ExcKind::TypeError, "memoryview method needs a memoryview"),
    }
}

fn m_tobytes(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::obj(NewObject::Bytes(this(s)?.bytes())))
}

fn m_tolist(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let m = this(s)?;
    match &m.shape {
        Some(dims) => Ok(nested(&m.values(), dims)),
        None => Ok(new_list(m.values())),
    }
}

fn m_hex(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let bytes = Value::obj(NewObject::Bytes(this(s)?.bytes()));
    crate::types::bytes::m_hex(vm, Some(&bytes), args, kw)
}

fn m_release(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    if let Some(Object::MemoryView(m)) = s.and_then(Value::as_obj) {
        m.released.set(true);
    }
    Ok(Value::None)
}

fn m_enter(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    this(s)?;
    Ok(s.cloned().unwrap_or_default())
}

fn m_cast(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("cast", kw)?;
    arity("cast", args, 1, 2)?;
    let m = this(s)?;
    let Some(f) = crate::object::heap::as_str(&args[0]) else {
        return raise(
            ExcKind::TypeError,
            "memoryview: format argument must be a string",
        );
    };
    let f = f.strip_prefix('@').unwrap_or(f);
    let format = match f.as_bytes() {
        [c] if item_size(*c).is_some() => *c,
        _ => {
            return raise(
                ExcKind::ValueError,
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            )
        }
    };
    let shape = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(shape_arg(v)?),
    };
    if m.shape.is_some() && shape.as_ref().is_some_and(|s| s.len() != 1) {
        return raise(
            ExcKind::TypeError,
            "memoryview: cast must be 1D -> ND or ND -> 1D",
        );
    }
    let byte_format = |f: u8| matches!(f, b'B' | b'b' | b'c');
    if !byte_format(format) && !byte_format(m.format) {
        return raise(
            ExcKind::TypeError,
            "memoryview: cannot cast between two non-byte formats",
        );
    }
    if m.step != 1 && m.len > 1 {
        return raise(
            ExcKind::TypeError,
            "memoryview: casts are restricted to C-contiguous views",
        );
    }
    let size = item_size(format).unwrap_or(1);
    if m.len % size != 0 {
        return raise(
            ExcKind::TypeError,
            "memoryview: length is not a multiple of itemsize",
        );
    }
    if let Some(dims) = &shape {
        if dims.iter().product::<usize>() * size != m.len {
            return raise(
                ExcKind::TypeError,
                "memoryview: product(shape) * itemsize != buffer size",
            );
        }
    }
    let cast = MemoryView {
        obj: m.obj.clone(),
        start: m.start,
        step: 1,
        len: m.len,
        released: Cell::new(false),
        format,
        // A one-dimensional shape is the plain view.
        shape: shape.filter(|s| s.len() != 1).map(Vec::into_boxed_slice),
    };
    Ok(Value::obj(NewObject::MemoryView(Box::new(cast))))
}

/// The `shape` argument of `cast`: a list or tuple of positive ints.
fn shape_arg(v: &Value) -> PyResult<Vec<usize>> {
    let items = match v.as_obj() {
        Some(Object::List(l)) => l.borrow().clone(),
        Some(Object::Tuple(t)) => t.clone(),
        _ => return raise(ExcKind::TypeError, "shape must be a list or a tuple"),
    };
    if items.len() > 64 {
        return raise(
            ExcKind::ValueError,
            "memoryview: number of dimensions must not exceed 64",
        );
    }
    items
        .iter()
        .map(|x| match int_of(x) {
            Some(IntVal::Small(n)) if n > 0 => Ok(n as usize),
            Some(_) => raise(
                ExcKind::ValueError,
                "memoryview.cast(): elements of shape must be integers > 0",
            ),
            None => raise(
                ExcKind::TypeError,
                "memoryview.cast(): elements of shape must be integers > 0",
            ),
        })
        .collect()
}

/// The items of a multi-dimensional view as nested lists.
fn nested(values: &[Value], dims: &[usize]) -> Value {
    match dims {
        [] | [_] => new_list(values.to_vec()),
        [n, rest @ ..] => {
            let step = values.len() / n.max(&1);
            new_list(
                values
                    .chunks(step.max(1))
                    .take(*n)
                    .map(|c| nested(c, rest))
                    .collect(),
            )
        }
    }
}

/// NotImplementedError for what CPython does not do on
/// multi-dimensional views either.
fn no_sub_views(m: &MemoryView) -> PyResult<()> {
    if m.shape.is_some() {
        return raise(
            ExcKind::NotImplementedError,
            "multi-dimensional sub-views are not implemented",
        );
    }
    Ok(())
}

/// The attributes and methods of `memoryview`.
pub const MEMBERS: &[Member] = &[
    Member::Method("tobytes", m_tobytes),
    Member::Method("tolist", m_tolist),
    Member::Method("hex", m_hex),
    Member::Method("release", m_release),
    Member::Method("cast", m_cast),
    Member::Method("__enter__", m_enter),
    Member::Method("__exit__", m_release),
    Member::Getter("obj", |v| Ok(view(v)?.obj.clone())),
    Member::Getter("nbytes", |v| Ok(Value::Int(view(v)?.len as i64))),
    Member::Getter("readonly", |v| Ok(Value::Bool(view(v)?.readonly()))),
    Member::Getter("itemsize", |v| Ok(Value::Int(view(v)?.itemsize() as i64))),
    Member::Getter("format", |v| {
        Ok(new_str((view(v)?.format as char).to_string()))
    }),
    Member::Getter("ndim", |v| {
        Ok(Value::Int(
            view(v)?.shape.as_ref().map_or(1, |d| d.len()) as i64
        ))
    }),
    Member::Getter("shape", |v| {
        let m = view(v)?;
        Ok(match &m.shape {
            Some(dims) => new_tuple(dims.iter().map(|&d| Value::Int(d as i64)).collect()),
            None => new_tuple(vec![Value::Int(m.items() as i64)]),
        })
    }),
    Member::Getter("strides", |v| {
        let m = view(v)?;
        Ok(match &m.shape {
            Some(dims) => {
                // C order: the last dimension varies fastest.
                let mut strides = vec![0i64; dims.len()];
                let mut acc = m.itemsize() as i64;
                for (s, &d) in strides.iter_mut().zip(dims.iter()).rev() {
                    *s = acc;
                    acc *= d as i64;
                }
                new_tuple(strides.into_iter().map(Value::Int).collect())
            }
            None => new_tuple(vec![Value::Int(m.step as i64 * m.itemsize() as i64)]),
        })
    }),
    Member::Getter("c_contiguous", |v| Ok(Value::Bool(view(v)?.step == 1))),
    Member::Getter("contiguous", |v| Ok(Value::Bool(view(v)?.step == 1))),
];
