//! `_opcode` (CPython's `Modules/_opcode.c`): `stack_effect` of CPython
//! 3.11's opcodes — the numbering of the library's `opcode.py`, which
//! `dis` prints — as 3.11's compiler computes it, and
//! `get_specialization_stats` (None: no statistics are gathered, as in a
//! CPython built without them).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, type_name};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// Opcodes from this number on take an argument (`opcode.HAVE_ARGUMENT`).
const HAVE_ARGUMENT: i64 = 90;

/// The stack effect of CPython 3.11 opcode `op` with argument `oparg`;
/// `jump` is 1 for the branch taken, 0 for the one not taken and -1 for
/// the larger of the two. None for an unknown opcode.
fn stack_effect(op: i64, oparg: i64, jump: i32) -> Option<i64> {
    let taken = jump != 0;
    Some(match op {
        // CACHE, NOP, EXTENDED_ARG, RESUME
        0 | 9 | 144 | 151 => 0,
        // POP_TOP
        1 => -1,
        // SWAP, UNARY_POSITIVE/NEGATIVE/NOT/INVERT
        99 | 10 | 11 | 12 | 15 => 0,
        // SET_ADD, LIST_APPEND
        146 | 145 => -1,
        // MAP_ADD
        147 => -2,
        // BINARY_SUBSCR
        25 => -1,
        // STORE_SUBSCR
        60 => -3,
        // DELETE_SUBSCR
        61 => -2,
        // GET_ITER
        68 => 0,
        // PRINT_EXPR
        70 => -1,
        // LOAD_BUILD_CLASS
        71 => 1,
        // RETURN_VALUE, IMPORT_STAR
        83 | 84 => -1,
        // SETUP_ANNOTATIONS, ASYNC_GEN_WRAP, YIELD_VALUE
        85..=87 => 0,
        // POP_EXCEPT, STORE_NAME
        89 | 90 => -1,
        // DELETE_NAME
        91 => 0,
        // UNPACK_SEQUENCE
        92 => oparg - 1,
        // UNPACK_EX
        94 => (oparg & 0xFF) + (oparg >> 8),
        // FOR_ITER: -1 at the end of the iterator, 1 while iterating.
        93 => {
            if jump > 0 {
                -1
            } else {
                1
            }
        }
        // SEND
        123 => {
            if jump > 0 {
                -1
            } else {
                0
            }
        }
        // STORE_ATTR
        95 => -2,
        // DELETE_ATTR, STORE_GLOBAL
        96 | 97 => -1,
        // DELETE_GLOBAL
        98 => 0,
        // LOAD_CONST, LOAD_NAME
        100 | 101 => 1,
        // BUILD_TUPLE, BUILD_LIST, BUILD_SET, BUILD_STRING
        102 | 103 | 104 | 157 => 1 - oparg,
        // BUILD_MAP
        105 => 1 - 2 * oparg,
        // BUILD_CONST_KEY_MAP
        156 => -oparg,
        // LOAD_ATTR
        106 => 0,
        // COMPARE_OP, IS_OP, CONTAINS_OP
        107 | 117 | 118 => -1,
        // CHECK_EXC_MATCH, CHECK_EG_MATCH
        36 | 37 => 0,
        // IMPORT_NAME
        108 => -1,
        // IMPORT_FROM
        109 => 1,
        // JUMP_FORWARD, JUMP_BACKWARD, JUMP_BACKWARD_NO_INTERRUPT
        110 | 140 | 134 => 0,
        // JUMP_IF_TRUE_OR_POP, JUMP_IF_FALSE_OR_POP
        112 | 111 => {
            if taken {
                0
            } else {
                -1
            }
        }
        // POP_JUMP_{FORWARD,BACKWARD}_IF_{NONE,NOT_NONE,FALSE,TRUE}
        129 | 174 | 128 | 173 | 114 | 175 | 115 | 176 => -1,
        // LOAD_GLOBAL
        116 => (oparg & 1) + 1,
        // PREP_RERAISE_STAR, RERAISE
        88 | 119 => -1,
        // PUSH_EXC_INFO, WITH_EXCEPT_START, LOAD_FAST
        35 | 49 | 124 => 1,
        // STORE_FAST
        125 => -1,
        // DELETE_FAST, RETURN_GENERATOR
        126 | 75 => 0,
        // RAISE_VARARGS, PRECALL
        130 | 166 => -oparg,
        // KW_NAMES
        172 => 0,
        // CALL
        171 => -1,
        // CALL_FUNCTION_EX
        142 => -2 - i64::from(oparg & 1 != 0),
        // MAKE_FUNCTION: one value popped per flag set.
        132 => -i64::from(((oparg & 0x0F) as u8).count_ones()),
        // BUILD_SLICE
        133 => {
            if oparg == 3 {
                -2
            } else {
                -1
            }
        }
        // MAKE_CELL, COPY_FREE_VARS
        135 | 149 => 0,
        // LOAD_CLOSURE, LOAD_DEREF, LOAD_CLASSDEREF
        136 | 137 | 148 => 1,
        // STORE_DEREF
        138 => -1,
        // DELETE_DEREF, GET_AWAITABLE
        139 | 131 => 0,
        // BEFORE_ASYNC_WITH, BEFORE_WITH
        52 | 53 => 1,
        // GET_AITER
        50 => 0,
        // GET_ANEXT
        51 => 1,
        // GET_YIELD_FROM_ITER
        69 => 0,
        // END_ASYNC_FOR
        54 => -2,
        // FORMAT_VALUE: a format spec on the stack makes it 2 -> 1.
        155 => {
            if oparg & 0x04 == 0x04 {
                -1
            } else {
                0
            }
        }
        // LOAD_METHOD, LOAD_ASSERTION_ERROR
        160 | 74 => 1,
        // LIST_TO_TUPLE
        82 => 0,
        // LIST_EXTEND, SET_UPDATE, DICT_MERGE, DICT_UPDATE
        162..=165 => -1,
        // MATCH_CLASS
        152 => -2,
        // GET_LEN, MATCH_MAPPING, MATCH_SEQUENCE, MATCH_KEYS
        30..=33 => 1,
        // COPY, PUSH_NULL
        120 | 2 => 1,
        // BINARY_OP
        122 => -1,
        _ => return None,
    })
}

/// An `int` argument as a C `int`, with CPython's errors.
fn c_int(v: &Value) -> PyResult<i64> {
    match int_of(v) {
        Some(IntVal::Small(i)) if i32::try_from(i).is_ok() => Ok(i),
        Some(_) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ),
        ),
    }
}

/// `stack_effect(opcode, oparg=None, /, *, jump=None)`.
fn m_stack_effect(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::arity("stack_effect", args, 1, 2)?;
    let mut jump = Value::None;
    for (k, v) in kw {
        if &**k == "jump" {
            jump = v.clone();
        } else {
            return raise(
                ExcKind::TypeError,
                format!("'{k}' is an invalid keyword argument for stack_effect()"),
            );
        }
    }
    let opcode = c_int(&args[0])?;
    let oparg = args.get(1).cloned().unwrap_or(Value::None);
    let oparg = if opcode >= HAVE_ARGUMENT {
        if matches!(oparg, Value::None) {
            return raise(
                ExcKind::ValueError,
                "stack_effect: opcode requires oparg but oparg was not specified",
            );
        }
        c_int(&oparg)?
    } else if !matches!(oparg, Value::None) {
        return raise(
            ExcKind::ValueError,
            "stack_effect: opcode does not permit oparg but oparg was specified",
        );
    } else {
        0
    };
    let jump = match jump {
        Value::None => -1,
        Value::Bool(true) => 1,
        Value::Bool(false) => 0,
        _ => {
            return raise(
                ExcKind::ValueError,
                "stack_effect: jump must be False, True or None",
            )
        }
    };
    match stack_effect(opcode, oparg, jump) {
        Some(e) => Ok(Value::Int(e)),
        None => raise(ExcKind::ValueError, "invalid opcode or oparg"),
    }
}

/// The `_opcode` module.
pub fn module() -> Value {
    make_module(
        "_opcode",
        vec![
            ("stack_effect", builtin_fn("stack_effect", m_stack_effect)),
            (
                "get_specialization_stats",
                builtin_fn("get_specialization_stats", |_, _, a, kw| {
                    crate::object::args::no_kwargs("get_specialization_stats", kw)?;
                    crate::object::args::arity("get_specialization_stats", a, 0, 0)?;
                    Ok(Value::None)
                }),
            ),
        ],
    )
}
