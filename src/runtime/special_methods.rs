//! Operators and built-ins on instances through their special methods:
//! truth (`__bool__`, `__len__`), binary operators with their reflected
//! and in-place forms and `NotImplemented`, rich comparisons and
//! `__hash__`, with CPython's rules for which operand goes first.

use super::classes::{
    call_special, has_dunders, is_not_implemented, is_subclass, same_type, type_value,
};
use super::exceptions::{raise, ExcKind, PyResult};
use super::object::{type_name, Object};
use super::value::Value;
use super::Vm;

/// Calls special method `name` of `v` with `arg`: its result unless the
/// method is missing or returned NotImplemented (the operator then tries
/// the other operand).
fn answered(vm: &mut Vm, v: &Value, name: &str, arg: &Value) -> PyResult<Option<Value>> {
    Ok(call_special(vm, v, name, std::slice::from_ref(arg))?.filter(|r| !is_not_implemented(r)))
}

/// The dunder names of a binary operator: (normal, reflected, in-place).
fn binop_names(
    op: taipan_bytecode::opcode::BinaryOp,
) -> (&'static str, &'static str, &'static str) {
    use taipan_bytecode::opcode::BinaryOp::*;
    match op {
        Add => ("__add__", "__radd__", "__iadd__"),
        Subtract => ("__sub__", "__rsub__", "__isub__"),
        Multiply => ("__mul__", "__rmul__", "__imul__"),
        TrueDivide => ("__truediv__", "__rtruediv__", "__itruediv__"),
        FloorDivide => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        Remainder => ("__mod__", "__rmod__", "__imod__"),
        Power => ("__pow__", "__rpow__", "__ipow__"),
        MatrixMultiply => ("__matmul__", "__rmatmul__", "__imatmul__"),
        Lshift => ("__lshift__", "__rlshift__", "__ilshift__"),
        Rshift => ("__rshift__", "__rrshift__", "__irshift__"),
        And => ("__and__", "__rand__", "__iand__"),
        Or => ("__or__", "__ror__", "__ior__"),
        Xor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

/// A binary operator where at least one operand is an instance:
/// in-place method, then the subclass's reflected method, the left
/// operand's method and the right operand's reflected method, as CPython.
pub fn binary_op(
    vm: &mut Vm,
    op: taipan_bytecode::opcode::BinaryOp,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    let (name, rname, iname) = binop_names(op);
    if inplace {
        if let Some(r) = answered(vm, a, iname, b)? {
            return Ok(r);
        }
    }
    let (ta, tb) = (type_value(a), type_value(b));
    let b_first = has_dunders(b) && !same_type(&ta, &tb) && is_subclass(&tb, &ta);
    if b_first {
        if let Some(r) = answered(vm, b, rname, a)? {
            return Ok(r);
        }
    }
    if has_dunders(a) {
        if let Some(r) = answered(vm, a, name, b)? {
            return Ok(r);
        }
    }
    if !b_first && !same_type(&ta, &tb) {
        if let Some(r) = answered(vm, b, rname, a)? {
            return Ok(r);
        }
    }
    // Sequence repetition takes any object with __index__.
    if op == taipan_bytecode::opcode::BinaryOp::Multiply {
        let (pa, pb) = (
            super::protocols::index_value(vm, a)?,
            super::protocols::index_value(vm, b)?,
        );
        if !has_dunders(&pa) && !has_dunders(&pb) {
            return super::protocols::binary_values(vm, op, inplace, &pa, &pb);
        }
    }
    // Built-in payloads accept each other (`[1] + MyList([2])`).
    if let Some((pa, pb)) = super::subclass::retry_with_payloads(a, b) {
        if !has_dunders(&pa) && !has_dunders(&pb) {
            return super::protocols::binary_values(vm, op, inplace, &pa, &pb);
        }
    }
    let sym = op.symbol();
    let is_seq = |v: &Value| {
        matches!(
            v.as_obj(),
            Some(Object::Str(_) | Object::List(_) | Object::Tuple(_) | Object::Bytes(_))
        )
    };
    if op == taipan_bytecode::opcode::BinaryOp::Multiply && (is_seq(a) || is_seq(b)) {
        let other = if is_seq(a) { b } else { a };
        return raise(
            ExcKind::TypeError,
            format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(other)
            ),
        );
    }
    raise(
        ExcKind::TypeError,
        format!(
            "unsupported operand type(s) for {}{}: '{}' and '{}'",
            sym,
            if inplace { "=" } else { "" },
            type_name(a),
            type_name(b)
        ),
    )
}

/// A rich comparison where at least one operand is an instance.
pub fn compare(
    vm: &mut Vm,
    op: taipan_bytecode::opcode::CompareOp,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    use taipan_bytecode::opcode::CompareOp::*;
    let (name, reflected, sym) = match op {
        Lt => ("__lt__", "__gt__", "<"),
        Le => ("__le__", "__ge__", "<="),
        Eq => ("__eq__", "__eq__", "=="),
        Ne => ("__ne__", "__ne__", "!="),
        Gt => ("__gt__", "__lt__", ">"),
        Ge => ("__ge__", "__le__", ">="),
    };
    let (ta, tb) = (type_value(a), type_value(b));
    let b_first = has_dunders(b) && !same_type(&ta, &tb) && is_subclass(&tb, &ta);
    if b_first {
        if let Some(r) = answered(vm, b, reflected, a)? {
            return Ok(r);
        }
    }
    if let Some(r) = answered(vm, a, name, b)? {
        return Ok(r);
    }
    if !b_first {
        if let Some(r) = answered(vm, b, reflected, a)? {
            return Ok(r);
        }
    }
    if let Some((pa, pb)) = super::subclass::retry_with_payloads(a, b) {
        if !has_dunders(&pa) && !has_dunders(&pb) {
            return super::protocols::compare(vm, op, &pa, &pb);
        }
    }
    match op {
        Eq => Ok(Value::Bool(a.is(b))),
        Ne => Ok(Value::Bool(!a.is(b))),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "'{sym}' not supported between instances of '{}' and '{}'",
                type_name(a),
                type_name(b)
            ),
        ),
    }
}
