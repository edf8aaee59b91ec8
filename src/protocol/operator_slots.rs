//! The operator slots: binary operators (with their in-place forms) and
//! rich comparisons, CPython's `nb_*` and `tp_richcompare`.
//!
//! A slot is called for one operand's type, told which side that operand
//! is on ([`Side`]), and answers `None` for NotImplemented; the protocol
//! (`protocol::binary_values`, `protocol::compare`) decides the order
//! as CPython's `binary_op1` and `do_richcompare` do — the right operand
//! first when its type is a proper subclass of the left's, then the left,
//! then the right — and what happens when no slot answers. Classes fill
//! the slots from their special methods (`__add__` / `__radd__` /
//! `__iadd__`, `__lt__` / `__gt__`, …), the built-in types natively, so
//! `1 + x`, `x + 1` and `x + y` take one road whatever `x` and `y` are.

use crate::object::classes::call_dunder;
use crate::object::classes::{self, is_not_implemented};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{DictViewObj, NewObject, Object};
use crate::object::type_slots::{Side, UnaryOp};
use crate::object::value::Value;
use crate::protocol;
use crate::protocol::ops;
use crate::vm::Vm;
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

/// A class's unary slot: `v.__neg__()`, …
pub fn dunder_unary(vm: &mut Vm, op: UnaryOp, v: &Value) -> PyResult<Option<Value>> {
    call_dunder(vm, v, op.dunder(), &[])
}

/// The built-in types' unary slot: numbers (and bools) negate, invert
/// and take their absolute value; other built-in types have none.
pub fn builtin_unary(_: &mut Vm, op: UnaryOp, v: &Value) -> PyResult<Option<Value>> {
    let symbol = match op {
        UnaryOp::Negative => '-',
        UnaryOp::Positive => '+',
        UnaryOp::Invert => '~',
        UnaryOp::Absolute => return absolute(v),
    };
    ops::unary_op(symbol, v).map(Some)
}

/// `abs()` of a built-in number; None for other values.
fn absolute(v: &Value) -> PyResult<Option<Value>> {
    if let Some(Object::Complex(crate::object::heap::ComplexObj { re, im })) = v.as_obj() {
        let r = re.hypot(*im);
        // CPython's `complex_abs`: finite parts whose modulus overflows.
        if r.is_infinite() && re.is_finite() && im.is_finite() {
            return crate::object::exceptions::raise(
                crate::object::exceptions::ExcKind::OverflowError,
                "absolute value too large",
            );
        }
        return Ok(Some(Value::Float(r)));
    }
    Ok(match v {
        Value::Float(f) => Some(Value::Float(f.abs())),
        v => match ops::int_of(v) {
            Some(ops::IntVal::Small(i)) => Some(match i.checked_abs() {
                Some(a) => Value::Int(a),
                None => ops::int_value(num_traits::Signed::abs(&num_bigint::BigInt::from(i))),
            }),
            Some(ops::IntVal::Big(b)) => Some(ops::int_value(num_traits::Signed::abs(b))),
            None => None,
        },
    })
}

/// The unary slot of weak proxies: the operation on the target.
pub fn proxy_unary(vm: &mut Vm, op: UnaryOp, v: &Value) -> PyResult<Option<Value>> {
    match crate::object::weakref::proxied(v).transpose()? {
        Some(t) => protocol::unary_op(vm, op, &t).map(Some),
        None => Ok(None),
    }
}

/// The dunder names of a binary operator: (normal, reflected, in-place).
pub fn binop_names(op: BinaryOp) -> (&'static str, &'static str, &'static str) {
    use BinaryOp::*;
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

/// The dunder name of a comparison and the symbol its TypeError prints.
pub fn compare_name(op: CompareOp) -> (&'static str, &'static str) {
    use CompareOp::*;
    match op {
        Lt => ("__lt__", "<"),
        Le => ("__le__", "<="),
        Eq => ("__eq__", "=="),
        Ne => ("__ne__", "!="),
        Gt => ("__gt__", ">"),
        Ge => ("__ge__", ">="),
    }
}

/// Calls special method `name` of `v` with `arg`: its result unless the
/// method is missing or returned NotImplemented.
fn answered(vm: &mut Vm, v: &Value, name: &str, arg: &Value) -> PyResult<Option<Value>> {
    Ok(call_dunder(vm, v, name, std::slice::from_ref(arg))?.filter(|r| !is_not_implemented(r)))
}

/// A class's binary slot: `a.__add__(b)` for the left operand,
/// `b.__radd__(a)` for the right.
pub fn dunder_binary(
    vm: &mut Vm,
    op: BinaryOp,
    a: &Value,
    b: &Value,
    side: Side,
) -> PyResult<Option<Value>> {
    let (name, rname, _) = binop_names(op);
    match side {
        Side::Left => answered(vm, a, name, b),
        Side::Right => answered(vm, b, rname, a),
    }
}

/// A class's in-place slot: `a.__iadd__(b)`.
pub fn dunder_inplace(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    answered(vm, a, binop_names(op).2, b)
}

/// A class's comparison slot: `this.__lt__(other)`.
pub fn dunder_compare(
    vm: &mut Vm,
    op: CompareOp,
    this: &Value,
    other: &Value,
) -> PyResult<Option<Value>> {
    answered(vm, this, compare_name(op).0, other)
}

/// A metaclass's binary slot: its special methods, then `type`'s
/// (`C | None` is a union unless the metaclass says otherwise).
pub fn metaclass_binary(
    vm: &mut Vm,
    op: BinaryOp,
    a: &Value,
    b: &Value,
    side: Side,
) -> PyResult<Option<Value>> {
    if let Some(r) = dunder_binary(vm, op, a, b, side)? {
        return Ok(Some(r));
    }
    type_binary(vm, op, a, b, side)
}

/// `type`'s binary slot: `X | Y` of types is a union (PEP 604).
pub fn type_binary(
    _: &mut Vm,
    op: BinaryOp,
    a: &Value,
    b: &Value,
    _: Side,
) -> PyResult<Option<Value>> {
    Ok(match op {
        BinaryOp::Or => crate::types::union_type::union(a, b),
        _ => None,
    })
}

/// `type`'s comparison slot: types are equal when they are the same
/// type, and have no order.
pub fn type_compare(
    _: &mut Vm,
    op: CompareOp,
    this: &Value,
    other: &Value,
) -> PyResult<Option<Value>> {
    Ok(match op {
        CompareOp::Eq => Some(Value::Bool(this.is(other))),
        CompareOp::Ne => Some(Value::Bool(!this.is(other))),
        _ => None,
    })
}

/// Whether `v`'s type may answer an operator with a built-in operand:
/// instances and native types with special methods, classes (unions,
/// metaclasses), weak proxies.
pub fn answers_for_itself(v: &Value) -> bool {
    match v.as_obj() {
        Some(
            Object::Instance(_)
            | Object::MappingProxy(_)
            | Object::Class(_)
            | Object::LongRange(_)
            | Object::MemoryView(_)
            | Object::Native(_)
            // (A reference compares its target through the target's
            // methods; a proxy stands for its target.)
            | Object::WeakRef(_),
        ) => true,
        _ => false,
    }
}

/// The built-in types' binary slot, for either side: the operations on
/// built-in operands (raising CPython's TypeError when the types do not
/// combine), NotImplemented when the other operand's type may answer.
pub fn builtin_binary(
    vm: &mut Vm,
    op: BinaryOp,
    a: &Value,
    b: &Value,
    side: Side,
) -> PyResult<Option<Value>> {
    // `"%s" % x` formats whatever `x` is, as str's own slot does.
    if let (BinaryOp::Remainder, Side::Left, Some(Object::Str(_))) = (op, side, a.as_obj()) {
        return crate::types::string_surrogates::percent(vm, a, b).map(Some);
    }
    // `b"%d" % x` (PEP 461); a bytearray template gives a bytearray.
    if let (BinaryOp::Remainder, Side::Left, Some(Object::Bytes(_) | Object::ByteArray(_))) =
        (op, side, a.as_obj())
    {
        let template = crate::types::bytes::bytes_of(a).unwrap_or_default();
        let out = crate::protocol::format::percent_bytes(vm, &template, b)?;
        let array = matches!(a.as_obj(), Some(Object::ByteArray(_)));
        return Ok(Some(crate::types::bytes::make(out, array)));
    }
    if let Some(r) = crate::types::set::binary_op(vm, op, false, a, b) {
        return r.map(Some);
    }
    if let Some(r) = view_op(vm, op, a, b) {
        return r.map(Some);
    }
    let other = match side {
        Side::Left => b,
        Side::Right => a,
    };
    // A memoryview has no operators of its own; bytes concatenate it.
    if side == Side::Left && matches!(other.as_obj(), Some(Object::MemoryView(_))) {
        if let Some(r) = crate::types::bytes::binary_op(op, a, b) {
            return r.map(Some);
        }
    }
    if answers_for_itself(other) || side == Side::Right {
        return Ok(None);
    }
    if let Some(r) = merge_dicts(a, b) {
        return r.map(Some);
    }
    if let Some(r) = crate::types::bytes::binary_op(op, a, b) {
        return r.map(Some);
    }
    ops::binary_op(op, a, b).map(Some)
}

/// Key and item views combine like sets (into sets).
fn view_op(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let is_view = |v: &Value| {
        matches!(
            v.as_obj(),
            Some(Object::DictView(DictViewObj {
                kind: crate::object::heap::DictViewKind::Keys
                    | crate::object::heap::DictViewKind::Items,
                ..
            }))
        )
    };
    if !matches!(
        op,
        BinaryOp::And | BinaryOp::Or | BinaryOp::Subtract | BinaryOp::Xor
    ) || !(is_view(a) || is_view(b))
    {
        return None;
    }
    let as_set = |vm: &mut Vm, v: &Value| -> PyResult<Value> {
        if is_view(v) || !crate::types::set::is_set(v) {
            crate::types::set::construct(vm, false, std::slice::from_ref(v), &[])
        } else {
            Ok(v.clone())
        }
    };
    let (x, y) = match (as_set(vm, a), as_set(vm, b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
    };
    crate::types::set::binary_op(vm, op, false, &x, &y)
}

/// `dict | dict`: a new dict with the right one's items last.
fn merge_dicts(a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let (Some(Object::Dict(d)), Some(Object::Dict(e))) = (a.as_obj(), b.as_obj()) else {
        return None;
    };
    let mut merged = d.borrow().clone();
    let items: Vec<(Value, Value)> = e
        .borrow()
        .items()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Some((|| {
        for (k, v) in items {
            merged.set(k, v)?;
        }
        Ok(Value::obj(NewObject::Dict(std::cell::RefCell::new(merged))))
    })())
}

/// The built-in types' in-place slot: sets updated in place, `list +=
/// iterable` and `list *= n` (the list stays the result, as aliases see),
/// the same for bytearrays, `dict |= mapping`; the rest is the plain
/// operator.
pub fn builtin_inplace(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if let Some(r) = crate::types::set::binary_op(vm, op, true, a, b) {
        return r.map(Some);
    }
    match (op, a.as_obj()) {
        (BinaryOp::Add, Some(Object::List(l))) => {
            let items = crate::protocol::to_vec(vm, b)?;
            l.borrow_mut().extend(items);
            Ok(Some(a.clone()))
        }
        (BinaryOp::Multiply, Some(Object::List(l))) => {
            let n = match ops::int_of(b) {
                Some(ops::IntVal::Small(n)) => n,
                Some(ops::IntVal::Big(_)) => {
                    return raise(
                        ExcKind::OverflowError,
                        "cannot fit 'int' into an index-sized integer",
                    );
                }
                None => return Ok(None),
            };
            let mut l = l.borrow_mut();
            // (An empty list stays empty at once, whatever `n`: no loop
            // of `n` rounds.)
            if l.is_empty() || n == 1 {
                return Ok(Some(a.clone()));
            }
            let bytes =
                (l.len() as u128) * (n.max(0) as u128) * std::mem::size_of::<Value>() as u128;
            if bytes > isize::MAX as u128 || !ops::fits_in_memory(bytes as usize) {
                return raise(ExcKind::MemoryError, "");
            }
            if n <= 0 {
                l.clear();
            } else {
                let once = l.clone();
                for _ in 1..n {
                    l.extend(once.iter().cloned());
                }
            }
            Ok(Some(a.clone()))
        }
        // `bytearray += bytes-like` and `bytearray *= n` change the
        // bytearray itself.
        (BinaryOp::Add, Some(Object::ByteArray(ba))) => {
            let Some(more) = crate::types::bytes::bytes_of(b) else {
                return Ok(None);
            };
            ba.borrow_mut().extend_from_slice(&more);
            Ok(Some(a.clone()))
        }
        (BinaryOp::Multiply, Some(Object::ByteArray(ba))) => {
            let n = match ops::int_of(b) {
                Some(ops::IntVal::Small(n)) => n.max(0) as u128,
                Some(ops::IntVal::Big(_)) => {
                    return raise(
                        ExcKind::OverflowError,
                        "cannot fit 'int' into an index-sized integer",
                    );
                }
                None => return Ok(None),
            };
            let mut ba = ba.borrow_mut();
            let bytes = ba.len() as u128 * n;
            if bytes > isize::MAX as u128 || !ops::fits_in_memory(bytes as usize) {
                return raise(ExcKind::MemoryError, "");
            }
            let once = std::mem::take(&mut *ba);
            *ba = once.repeat(n as usize);
            Ok(Some(a.clone()))
        }
        (BinaryOp::Or, Some(Object::Dict(_))) => {
            let update = crate::protocol::methods::getattr(vm, a, "update")?;
            crate::object::upcalls::call(vm, &update, std::slice::from_ref(b), &[])?;
            Ok(Some(a.clone()))
        }
        _ => Ok(None),
    }
}

/// The built-in types' comparison slot: CPython's comparisons of
/// built-in values (containers holding instances compare their elements
/// through the VM), NotImplemented when `other`'s type may answer.
pub fn builtin_compare(
    vm: &mut Vm,
    op: CompareOp,
    this: &Value,
    other: &Value,
) -> PyResult<Option<Value>> {
    if answers_for_itself(other) {
        return Ok(None);
    }
    if let Some(r) = protocol::sequence_compare(vm, op, this, other)? {
        return Ok(Some(Value::Bool(r)));
    }
    ops::compare(op, this, other).map(|r| Some(Value::Bool(r)))
}

/// The comparison slot of weak proxies: the targets compared.
pub fn proxy_compare(
    vm: &mut Vm,
    op: CompareOp,
    this: &Value,
    other: &Value,
) -> PyResult<Option<Value>> {
    use crate::object::heap::Object;
    // Two references (not proxies) compare their targets, through the
    // targets' own `__eq__`, while both are alive; by identity after
    // (CPython's `weakref_richcompare`).
    if let (Some(Object::WeakRef(x)), Some(Object::WeakRef(y))) = (this.as_obj(), other.as_obj()) {
        use crate::object::weakref::RefKind;
        if x.kind == RefKind::Ref
            && y.kind == RefKind::Ref
            && matches!(op, CompareOp::Eq | CompareOp::Ne)
        {
            return match (x.get(), y.get()) {
                (Value::None, _) | (_, Value::None) => {
                    Ok(Some(Value::Bool(this.is(other) == (op == CompareOp::Eq))))
                }
                (p, q) => protocol::compare(vm, op, &p, &q).map(Some),
            };
        }
    }
    match crate::object::weakref::proxied_pair(this, other)? {
        Some((x, y)) => protocol::compare(vm, op, &x, &y).map(Some),
        None => builtin_compare(vm, op, this, other),
    }
}

/// The binary slot of weak proxies: the operator on the targets.
pub fn proxy_binary(
    vm: &mut Vm,
    op: BinaryOp,
    a: &Value,
    b: &Value,
    side: Side,
) -> PyResult<Option<Value>> {
    match crate::object::weakref::proxied_pair(a, b)? {
        Some((x, y)) => protocol::binary_values(vm, op, false, &x, &y).map(Some),
        None => builtin_binary(vm, op, a, b, side),
    }
}

/// The in-place slot of weak proxies.
pub fn proxy_inplace(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    match crate::object::weakref::proxied_pair(a, b)? {
        Some((x, y)) => protocol::binary_values(vm, op, true, &x, &y).map(Some),
        None => Ok(None),
    }
}

/// `a OP b` as `b OP' a`: the comparison with its operands swapped.
pub fn reflected(op: CompareOp) -> CompareOp {
    use CompareOp::*;
    match op {
        Lt => Gt,
        Le => Ge,
        Eq => Eq,
        Ne => Ne,
        Gt => Lt,
        Ge => Le,
    }
}

/// The types of `a` and `b`: whether they are one type, and whether `b`'s
/// is a proper subclass of `a`'s (its slot then goes first).
pub fn type_order(a: &Value, b: &Value) -> (bool, bool) {
    // Two objects whose headers name one type (two instances of a
    // class): no type values made.
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        let t = x.known_type_ptr();
        if !t.is_null() && t == y.known_type_ptr() {
            return (true, false);
        }
    }
    let (ta, tb) = (classes::type_value(a), classes::type_value(b));
    let same = classes::same_type(&ta, &tb);
    (same, !same && classes::is_subclass(&tb, &ta))
}
