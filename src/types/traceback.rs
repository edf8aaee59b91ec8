//! `traceback` and `frame` objects: what `e.__traceback__` and
//! `sys.exc_info()[2]` give. A traceback object is one node of the
//! exception's traceback list (`object::exceptions::Traceback`, shared, not
//! copied): `tb_next` is the node of the frame deeper in, `tb_lineno` and
//! `tb_lasti` where that frame was, `tb_frame` a frame object with the
//! frame's code and globals. The frames of a traceback are snapshots made
//! when asked for: their `f_locals` is empty and `f_back` None (Taipan does
//! not keep the frames of an unwound call alive).

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult, TraceNode, TracebackObject};
use crate::object::heap::{BuiltinFn, NewObject, Object, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The traceback object for `node` (and so for the frames deeper in):
/// the same object each time while one is alive.
pub fn object(node: Option<&Rc<TraceNode>>) -> Value {
    let Some(n) = node else {
        return Value::None;
    };
    if let Some(p) = n.object.get() {
        // SAFETY: the object clears `n.object` when it is freed
        // (`TracebackObject`'s drop), so a set pointer is a live object.
        return Value::Obj(unsafe { crate::object::value::ObjRef::from_raw_incref(p) });
    }
    let v = Value::obj(NewObject::Traceback(TracebackObject(n.clone())));
    if let Value::Obj(o) = &v {
        n.object.set(Some(o.as_non_null()));
    }
    v
}

/// The node behind a traceback object (None for None); TypeError for
/// anything else, with `what` saying who asked.
pub fn node_of(v: &Value, what: &str) -> PyResult<Option<Rc<TraceNode>>> {
    match v.as_obj() {
        None if matches!(v, Value::None) => Ok(None),
        Some(Object::Traceback(t)) => Ok(Some(t.0.clone())),
        _ => raise(ExcKind::TypeError, what.to_string()),
    }
}

fn node(v: &Value) -> PyResult<&Rc<TraceNode>> {
    match v.as_obj() {
        Some(Object::Traceback(t)) => Ok(&t.0),
        _ => raise(
            ExcKind::TypeError,
            "descriptor requires a 'traceback' object",
        ),
    }
}

/// The methods of `frame` (its attributes are set on each frame).
const FRAME_METHODS: &[(&str, BuiltinFn)] = &[("clear", frame_clear)];

mod frame_class {
    use super::*;
    crate::object::builtin_types::native_class!("builtins", "frame", FRAME_METHODS);
}

fn frame_clear(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

/// A frame object: `code` running with `globals`, at `lineno`.
pub fn frame(
    code: &Rc<crate::object::heap::RtCode>,
    globals: Value,
    lineno: u32,
    lasti: usize,
    back: Value,
) -> Value {
    let Value::Obj(cls) = frame_class::class() else {
        return Value::None;
    };
    let inst = crate::object::instance::Instance::new(cls, None, None);
    let empty = || {
        Value::obj(NewObject::Dict(std::cell::RefCell::new(
            crate::object::dict::Dict::new(),
        )))
    };
    let builtins = match globals.as_obj() {
        Some(Object::Dict(d)) => d.borrow().get_str("__builtins__"),
        _ => None,
    };
    for (k, v) in [
        ("f_code", Value::obj(NewObject::Code(code.clone()))),
        ("f_globals", globals),
        ("f_locals", empty()),
        ("f_builtins", builtins.unwrap_or_else(empty)),
        ("f_lineno", Value::Int(lineno as i64)),
        ("f_lasti", Value::Int(lasti as i64)),
        ("f_back", back),
        ("f_trace", Value::None),
        ("f_trace_lines", Value::Bool(true)),
        ("f_trace_opcodes", Value::Bool(false)),
    ] {
        inst.set_attr(k, v);
    }
    Value::obj(NewObject::Instance(inst))
}

/// The type of frame objects.
pub fn frame_type() -> Value {
    frame_class::class()
}

fn tb_frame(v: &Value) -> PyResult<Value> {
    let e = &node(v)?.entry;
    Ok(frame(
        &e.code,
        e.globals.clone(),
        e.position().lineno,
        e.lasti,
        Value::None,
    ))
}

/// The attributes of `traceback`.
pub const MEMBERS: &[Member] = &[
    Member::GetSet(
        "tb_next",
        |v| Ok(object(node(v)?.inner.borrow().as_ref())),
        |v, new| {
            let n = node(v)?;
            let next = match new {
                None => return raise(ExcKind::TypeError, "can't delete tb_next attribute"),
                Some(x) => node_of(&x, "expected traceback object or None")?,
            };
            // A loop would make the traceback endless.
            let mut cursor = next.clone();
            while let Some(c) = cursor {
                if Rc::ptr_eq(&c, n) {
                    return raise(ExcKind::ValueError, "traceback loop detected");
                }
                cursor = c.inner.borrow().clone();
            }
            *n.inner.borrow_mut() = next;
            Ok(())
        },
    ),
    Member::Getter("tb_frame", tb_frame),
    Member::Getter("tb_lineno", |v| {
        Ok(Value::Int(node(v)?.entry.position().lineno as i64))
    }),
    Member::Getter("tb_lasti", |v| Ok(Value::Int(node(v)?.entry.lasti as i64))),
];

/// `repr(tb)`: `<traceback object at 0x…>`.
pub fn repr(v: &Value) -> String {
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    format!("<traceback object at {addr:#x}>")
}

/// The name `type(tb)` has.
pub const KIND: TypeKind = TypeKind::Traceback;
