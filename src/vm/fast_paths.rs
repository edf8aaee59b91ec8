//! The hot loop's fast paths on values (`vm::eval_loop` and the
//! specialiser use them): machine-number arithmetic and comparisons that
//! need no big int, no complex number and no exception, the cached
//! global lookups of `LOAD_GLOBAL`'s specialised forms, and the filter of
//! `LOAD_FAST`'s superinstructions. Each answers None where the full
//! operation must run.

use crate::object::heap::Object;
use crate::object::value::Value;
use crate::vm::Vm;
use taipan_bytecode::opcode::{CompareOp, Opcode};

/// `BINARY_OP` (`arg`: CPython's `NB_*` number, in-place forms 13 above)
/// on two ints or floats when the answer is a plain int or float: what
/// would overflow, divide by zero or need a big int or a complex number
/// is left to the full operation (None).
#[inline(always)]
pub(crate) fn fast_binary(arg: u32, a: &Value, b: &Value) -> Option<Value> {
    // The in-place forms of ints and floats are the plain ones.
    let arg = if arg >= 13 { arg - 13 } else { arg };
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            match arg {
                0 => x.checked_add(y).map(Value::Int),
                10 => x.checked_sub(y).map(Value::Int),
                5 => x.checked_mul(y).map(Value::Int),
                1 => Some(Value::Int(x & y)),
                7 => Some(Value::Int(x | y)),
                12 => Some(Value::Int(x ^ y)),
                // Floor division and remainder round toward minus
                // infinity (the remainder has the divisor's sign).
                2 => {
                    let q = x.checked_div(y)?;
                    Some(Value::Int(if x % y != 0 && (x < 0) != (y < 0) {
                        q - 1
                    } else {
                        q
                    }))
                }
                6 => {
                    let r = x.checked_rem(y)?;
                    Some(Value::Int(if r != 0 && (r < 0) != (y < 0) {
                        r + y
                    } else {
                        r
                    }))
                }
                // Exact when both are exact as doubles (CPython's
                // `long_true_divide` fast path).
                11 if y != 0 && x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 => {
                    Some(Value::Float(x as f64 / y as f64))
                }
                _ => None,
            }
        }
        (Value::Float(x), Value::Float(y)) => fast_float(arg, *x, *y),
        // An int operand converts to the nearest double, as CPython's
        // `float.__add__` converts it.
        (Value::Float(x), Value::Int(y)) => fast_float(arg, *x, *y as f64),
        (Value::Int(x), Value::Float(y)) => fast_float(arg, *x as f64, *y),
        _ => None,
    }
}

/// [`fast_binary`] on two doubles: `+ - * /` and `**` with a positive
/// base and a finite result (anything else raises or is complex, so it
/// takes the full road).
#[inline(always)]
fn fast_float(arg: u32, x: f64, y: f64) -> Option<Value> {
    match arg {
        0 => Some(Value::Float(x + y)),
        10 => Some(Value::Float(x - y)),
        5 => Some(Value::Float(x * y)),
        11 if y != 0.0 => Some(Value::Float(x / y)),
        8 if x > 0.0 && x.is_finite() && y.is_finite() => {
            let r = x.powf(y);
            r.is_finite().then_some(Value::Float(r))
        }
        _ => None,
    }
}

/// `COMPARE_OP` on two ints, two floats, or an int and a float that the
/// double represents exactly (larger ints compare exactly in the full
/// operation).
#[inline(always)]
pub(crate) fn fast_compare(arg: u32, a: &Value, b: &Value) -> Option<bool> {
    let op = CompareOp::from_arg(arg)?;
    const EXACT: u64 = 1 << 53;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(op.holds(x, y)),
        (Value::Float(x), Value::Float(y)) => Some(op.holds(x, y)),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() <= EXACT => {
            Some(op.holds(*x, *y as f64))
        }
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() <= EXACT => {
            Some(op.holds(*x as f64, *y))
        }
        _ => None,
    }
}

/// A quick filter for `LOAD_FAST`'s superinstructions: bit `op & 63` is
/// set for each opcode it fuses with (others may share a bit; the exact
/// tests follow).
pub(crate) const FUSE_FILTER: u64 = (1 << (Opcode::LOAD_ATTR_INSTANCE_VALUE as u8 & 63))
    | (1 << (Opcode::STORE_ATTR_INSTANCE_VALUE as u8 & 63))
    | (1 << (Opcode::LOAD_ATTR as u8 & 63))
    | (1 << (Opcode::STORE_ATTR as u8 & 63))
    | (1 << (Opcode::IS_OP as u8 & 63))
    | (1 << (Opcode::LOAD_CONST as u8 & 63))
    | (1 << (Opcode::LOAD_FAST as u8 & 63))
    | (1 << (Opcode::POP_JUMP_FORWARD_IF_FALSE as u8 & 63))
    | (1 << (Opcode::POP_JUMP_FORWARD_IF_TRUE as u8 & 63))
    | (1 << (Opcode::STORE_FAST as u8 & 63))
    | (1 << (Opcode::LOAD_METHOD_WITH_VALUES as u8 & 63))
    | (1 << (Opcode::LOAD_METHOD as u8 & 63))
    | (1 << (Opcode::PRECALL as u8 & 63));

/// A quick filter for the operators `fused_operands` applies: bit
/// `op & 63` set for each (others may share a bit).
pub(crate) const OPERAND_FUSE_FILTER: u64 = (1 << (Opcode::BINARY_OP_ADD_INT as u8 & 63))
    | (1 << (Opcode::BINARY_OP_SUBTRACT_INT as u8 & 63))
    | (1 << (Opcode::BINARY_OP_MULTIPLY_INT as u8 & 63))
    | (1 << (Opcode::BINARY_OP_ADD_FLOAT as u8 & 63))
    | (1 << (Opcode::BINARY_OP_SUBTRACT_FLOAT as u8 & 63))
    | (1 << (Opcode::BINARY_OP_MULTIPLY_FLOAT as u8 & 63))
    | (1 << (Opcode::COMPARE_OP_INT as u8 & 63))
    | (1 << (Opcode::COMPARE_OP_FLOAT as u8 & 63))
    | (1 << (Opcode::BINARY_SUBSCR_LIST_INT as u8 & 63))
    | (1 << (Opcode::BINARY_SUBSCR_TUPLE_INT as u8 & 63));

/// The operators `LOAD_FAST` fuses with its two operands' loads
/// (`vm::eval_loop`'s `fused_operands!`), as bytes to match on.
pub(crate) mod fused {
    use taipan_bytecode::opcode::Opcode;
    pub const ADD_INT: u8 = Opcode::BINARY_OP_ADD_INT as u8;
    pub const SUBTRACT_INT: u8 = Opcode::BINARY_OP_SUBTRACT_INT as u8;
    pub const MULTIPLY_INT: u8 = Opcode::BINARY_OP_MULTIPLY_INT as u8;
    pub const ADD_FLOAT: u8 = Opcode::BINARY_OP_ADD_FLOAT as u8;
    pub const SUBTRACT_FLOAT: u8 = Opcode::BINARY_OP_SUBTRACT_FLOAT as u8;
    pub const MULTIPLY_FLOAT: u8 = Opcode::BINARY_OP_MULTIPLY_FLOAT as u8;
    pub const COMPARE_INT: u8 = Opcode::COMPARE_OP_INT as u8;
    pub const COMPARE_FLOAT: u8 = Opcode::COMPARE_OP_FLOAT as u8;
    pub const SUBSCR_LIST_INT: u8 = Opcode::BINARY_SUBSCR_LIST_INT as u8;
    pub const SUBSCR_TUPLE_INT: u8 = Opcode::BINARY_SUBSCR_TUPLE_INT as u8;
}

/// `LOAD_GLOBAL_MODULE` (`builtin` false) and `LOAD_GLOBAL_BUILTIN`: the
/// value the global cache found, if the dicts still have the versions it
/// was found under (also the generic form's first try:
/// `interp::load_global`). `index` is a name index of the code.
#[inline(always)]
pub(crate) fn cached_global(
    vm: &Vm,
    func: &crate::object::heap::Function,
    index: usize,
    builtin: bool,
) -> Option<Value> {
    debug_assert!(index < func.code.global_cache.len());
    // SAFETY: `index` is a verified LOAD_GLOBAL argument, an index into
    // `co_names`, and the cache has one entry per name (`Vm::prepare_code`).
    let hit = unsafe { &*func.code.global_cache.get_unchecked(index).as_ptr() };
    let Object::Dict(globals) = func.globals.get() else {
        return None;
    };
    // SAFETY: nothing mutates the dicts while these references live
    // (reading a version and cloning a value runs no code).
    let globals = unsafe { globals.try_borrow_unguarded() }.ok()?;
    if builtin {
        if !globals.version() != hit.globals_key {
            return None;
        }
        match vm.builtins.get() {
            // SAFETY: as above.
            Object::Dict(b) => match unsafe { b.try_borrow_unguarded() } {
                Ok(b) if b.version() == hit.builtins_version => {}
                _ => return None,
            },
            _ => return None,
        }
    } else if globals.version() != hit.globals_key {
        return None;
    }
    // SAFETY: the versions match: the dicts hold the value.
    Some(unsafe { hit.value() })
}

/// `FOR_ITER_RANGE`, `FOR_ITER_LIST` and `FOR_ITER_TUPLE` (`op`): the
/// next item of the iterator `it` when it iterates over the form's kind
/// (`Some(None)` at its end), as `builtin_iter::iter_next` gives it;
/// None when it is another iterator (the guard failed).
#[inline(always)]
pub(crate) fn for_iter_item(op: Opcode, it: &Value) -> Option<Option<Value>> {
    use crate::object::heap::IterState;
    use crate::types::builtin_iter::{list_next, range_next, tuple_next};
    let Some(Object::Iter(state)) = it.as_obj() else {
        return None;
    };
    let mut st = state.try_borrow_mut().ok()?;
    match (op, &mut *st) {
        (Opcode::FOR_ITER_RANGE, IterState::Range { next, stop, step }) => {
            Some(range_next(next, *stop, *step).map(Value::Int))
        }
        (Opcode::FOR_ITER_LIST, IterState::List { list, index }) => Some(list_next(list, index)),
        (Opcode::FOR_ITER_TUPLE, IterState::Tuple { tuple, index }) => {
            Some(tuple_next(tuple, index))
        }
        _ => None,
    }
}
