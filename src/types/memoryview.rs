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
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::protocol::slots::Slots;
use crate::vm::Vm;
use std::cell::Cell;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A view: item `i` is byte `start + i * step` of `obj`.
pub struct MemoryView {
    /// The `bytes` or `bytearray` viewed.
    pub obj: Value,
    start: usize,
    step: isize,
    len: usize,
    released: Cell<bool>,
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
            _ => Vec::new(),
        }
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
            }
        }
        _ => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "memoryview: a bytes-like object is required, not '{}'",
                    type_name(&obj)
                ),
            )
        }
    };
    Ok(Value::obj(NewObject::MemoryView(Box::new(mv))))
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
    let n = m.len as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return raise(ExcKind::IndexError, "index out of bounds on dimension 1");
    }
    Ok(j as usize)
}

fn getitem(_: &mut Vm, v: &Value, k: &Value) -> PyResult<Value> {
    let m = view(v)?;
    if let Some(Object::Slice(crate::object::heap::SliceObj { start, stop, step })) = k.as_obj() {
        let (a, _, c, n) = crate::protocol::ops::slice_indices(start, stop, step, m.len)?;
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
        };
        return Ok(Value::obj(NewObject::MemoryView(Box::new(sub))));
    }
    let i = index(m, k)?;
    let byte = match m.obj.as_obj() {
        Some(Object::Bytes(b)) => b.get(m.offset(i)).copied(),
        Some(Object::ByteArray(b)) => b.borrow().get(m.offset(i)).copied(),
        _ => None,
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
    let items = view(v)?
        .bytes()
        .into_iter()
        .map(|b| Value::Int(b as i64))
        .collect();
    crate::types::builtin_iter::get_iter(&new_tuple(items))
}

/// The slots of `memoryview`.
pub const SLOTS: Slots = Slots {
    truth: Some(|_, v| Ok(view(v)?.len > 0)),
    len: Some(|_, v| Ok(view(v)?.len)),
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
    let items = this(s)?
        .bytes()
        .into_iter()
        .map(|b| Value::Int(b as i64))
        .collect();
    Ok(new_list(items))
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
    match crate::object::heap::as_str(&args[0]) {
        Some("B") if args.len() == 1 => construct(&[s.cloned().unwrap_or_default()], &[]),
        Some(f) => raise(
            ExcKind::ValueError,
            format!(
                "memoryview: cannot cast to format '{f}' (Taipan's views have format 'B' only; length {})",
                m.len
            ),
        ),
        None => raise(
            ExcKind::TypeError,
            "memoryview: format argument must be a string",
        ),
    }
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
    Member::Getter("itemsize", |v| view(v).map(|_| Value::Int(1))),
    Member::Getter("format", |v| view(v).map(|_| new_str("B"))),
    Member::Getter("ndim", |v| view(v).map(|_| Value::Int(1))),
    Member::Getter("shape", |v| {
        Ok(new_tuple(vec![Value::Int(view(v)?.len as i64)]))
    }),
    Member::Getter("strides", |v| {
        Ok(new_tuple(vec![Value::Int(view(v)?.step as i64)]))
    }),
    Member::Getter("c_contiguous", |v| Ok(Value::Bool(view(v)?.step == 1))),
    Member::Getter("contiguous", |v| Ok(Value::Bool(view(v)?.step == 1))),
];
