//! The layout of a type's slot table (CPython's `tp_*` / `nb_*` /
//! `sq_*` / `mp_*` fields): one function pointer per protocol operation.
//! Every type object holds one (`Class::type_slots`); what goes in them
//! and how operations use them is the protocol layer's
//! (`protocol::slots`, `protocol::operator_slots`).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::value::Value;
use crate::vm::Vm;
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

/// Which operand a slot is called for: the left one (`a.__add__(b)`) or
/// the right one (`b.__radd__(a)`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// A binary operator for one operand's type; `None` is NotImplemented.
pub type BinarySlot = fn(&mut Vm, BinaryOp, &Value, &Value, Side) -> PyResult<Option<Value>>;
/// The in-place form of a binary operator (`a += b`), for the left
/// operand's type; `None` falls back to the plain operator.
pub type InplaceSlot = fn(&mut Vm, BinaryOp, &Value, &Value) -> PyResult<Option<Value>>;
/// A rich comparison `this OP other` for `this`'s type; `None` is
/// NotImplemented.
pub type CompareSlot = fn(&mut Vm, CompareOp, &Value, &Value) -> PyResult<Option<Value>>;
/// A unary operator or `abs()`; `None` when the type has none.
pub type UnarySlot = fn(&mut Vm, UnaryOp, &Value) -> PyResult<Option<Value>>;

/// The unary number operations.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-v`
    Negative,
    /// `+v`
    Positive,
    /// `~v`
    Invert,
    /// `abs(v)`
    Absolute,
}

impl UnaryOp {
    /// The special method.
    pub fn dunder(self) -> &'static str {
        match self {
            UnaryOp::Negative => "__neg__",
            UnaryOp::Positive => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Absolute => "__abs__",
        }
    }

    /// CPython's TypeError for a type without the operation.
    pub fn unsupported<T>(self, v: &Value) -> PyResult<T> {
        let what = match self {
            UnaryOp::Negative => "unary -",
            UnaryOp::Positive => "unary +",
            UnaryOp::Invert => "unary ~",
            UnaryOp::Absolute => "abs()",
        };
        raise(
            ExcKind::TypeError,
            format!(
                "bad operand type for {what}: '{}'",
                crate::object::heap::type_name(v)
            ),
        )
    }
}

/// `bool(v)`.
pub type TruthSlot = fn(&mut Vm, &Value) -> PyResult<bool>;
/// `len(v)`.
pub type LenSlot = fn(&mut Vm, &Value) -> PyResult<usize>;
/// `hash(v)`.
pub type HashSlot = fn(&mut Vm, &Value) -> PyResult<i64>;
/// `iter(v)`.
pub type IterSlot = fn(&mut Vm, &Value) -> PyResult<Value>;
/// `next(v)`: None when exhausted.
pub type NextSlot = fn(&mut Vm, &Value) -> PyResult<Option<Value>>;
/// `v[k]`.
pub type GetItemSlot = fn(&mut Vm, &Value, &Value) -> PyResult<Value>;
/// `v[k] = x`.
pub type SetItemSlot = fn(&mut Vm, &Value, &Value, Value) -> PyResult<()>;
/// `del v[k]`.
pub type DelItemSlot = fn(&mut Vm, &Value, &Value) -> PyResult<()>;
/// `x in v`.
pub type ContainsSlot = fn(&mut Vm, &Value, &Value) -> PyResult<bool>;
/// `repr(v)` / `str(v)`.
pub type TextSlot = fn(&mut Vm, &Value) -> PyResult<String>;

/// The protocol operations a type supports, one function each.
#[derive(Clone, Copy)]
pub struct Slots {
    pub truth: Option<TruthSlot>,
    pub len: Option<LenSlot>,
    pub hash: Option<HashSlot>,
    pub iter: Option<IterSlot>,
    pub next: Option<NextSlot>,
    pub getitem: Option<GetItemSlot>,
    pub setitem: Option<SetItemSlot>,
    pub delitem: Option<DelItemSlot>,
    pub contains: Option<ContainsSlot>,
    pub repr: Option<TextSlot>,
    /// None: `str(v)` is `repr(v)`.
    pub str: Option<TextSlot>,
    pub binary: Option<BinarySlot>,
    pub inplace: Option<InplaceSlot>,
    pub compare: Option<CompareSlot>,
    pub unary: Option<UnarySlot>,
    /// A class's `__len__` when it is a native type's built-in method
    /// (`deque.__len__`): `len` and truth tests call it directly instead
    /// of looking the name up in the MRO on every call.
    pub len_builtin: Option<crate::object::heap::BuiltinFn>,
}

impl Slots {
    /// No operation supported (what a class starts from).
    pub const EMPTY: Slots = Slots {
        truth: None,
        len: None,
        hash: None,
        iter: None,
        next: None,
        getitem: None,
        setitem: None,
        delitem: None,
        contains: None,
        repr: None,
        str: None,
        binary: None,
        inplace: None,
        compare: None,
        unary: None,
        len_builtin: None,
    };
}
