//! The opcodes the hot loop (`vm::eval_loop`) leaves to `slow_op` in
//! full, as one pattern. The hot loop's `match` names them instead of
//! ending in a `_` wildcard: exhaustive over the `Opcode` enum, its jump
//! table needs no range check (two machine instructions off every
//! dispatch). A new opcode goes either into a hot-loop arm or here; the
//! compiler rejects the match until it is in one of them.

/// A pattern matching every opcode the hot loop runs only through
/// `slow_op` (including those whose hot arms have a guard that can fail,
/// which fall through to it).
macro_rules! slow_path_opcodes {
    () => {
        Opcode::CACHE
            | Opcode::UNARY_POSITIVE
            | Opcode::UNARY_NEGATIVE
            | Opcode::UNARY_INVERT
            | Opcode::GET_LEN
            | Opcode::MATCH_MAPPING
            | Opcode::MATCH_SEQUENCE
            | Opcode::MATCH_KEYS
            | Opcode::GET_AITER
            | Opcode::GET_ANEXT
            | Opcode::BEFORE_ASYNC_WITH
            | Opcode::END_ASYNC_FOR
            | Opcode::GET_AWAITABLE
            | Opcode::CHECK_EG_MATCH
            | Opcode::WITH_EXCEPT_START
            | Opcode::BEFORE_WITH
            | Opcode::DELETE_SUBSCR
            | Opcode::GET_ITER
            | Opcode::GET_YIELD_FROM_ITER
            | Opcode::PRINT_EXPR
            | Opcode::LOAD_BUILD_CLASS
            | Opcode::PREP_RERAISE_STAR
            | Opcode::LOAD_ASSERTION_ERROR
            | Opcode::LIST_TO_TUPLE
            | Opcode::IMPORT_STAR
            | Opcode::SETUP_ANNOTATIONS
            | Opcode::YIELD_VALUE
            | Opcode::ASYNC_GEN_WRAP
            | Opcode::STORE_NAME
            | Opcode::DELETE_NAME
            | Opcode::UNPACK_EX
            | Opcode::DELETE_ATTR
            | Opcode::STORE_GLOBAL
            | Opcode::DELETE_GLOBAL
            | Opcode::LOAD_NAME
            | Opcode::BUILD_TUPLE
            | Opcode::BUILD_LIST
            | Opcode::BUILD_SET
            | Opcode::BUILD_MAP
            | Opcode::IMPORT_NAME
            | Opcode::IMPORT_FROM
            | Opcode::CONTAINS_OP
            | Opcode::RERAISE
            | Opcode::SEND
            | Opcode::DELETE_FAST
            | Opcode::RAISE_VARARGS
            | Opcode::MAKE_FUNCTION
            | Opcode::BUILD_SLICE
            | Opcode::MAKE_CELL
            | Opcode::LOAD_CLOSURE
            | Opcode::LOAD_DEREF
            | Opcode::STORE_DEREF
            | Opcode::DELETE_DEREF
            | Opcode::CALL_FUNCTION_EX
            | Opcode::LIST_APPEND
            | Opcode::SET_ADD
            | Opcode::MAP_ADD
            | Opcode::LOAD_CLASSDEREF
            | Opcode::COPY_FREE_VARS
            | Opcode::MATCH_CLASS
            | Opcode::FORMAT_VALUE
            | Opcode::BUILD_STRING
            | Opcode::LIST_EXTEND
            | Opcode::SET_UPDATE
            | Opcode::DICT_MERGE
            | Opcode::DICT_UPDATE
            | Opcode::CALL
            | Opcode::KW_NAMES
            | Opcode::LOAD_ATTR_INSTANCE_VALUE
            | Opcode::LOAD_ATTR_MODULE
            | Opcode::LOAD_ATTR_CLASS
            | Opcode::LOAD_ATTR_PROPERTY
            | Opcode::LOAD_METHOD_MODULE
            | Opcode::STORE_ATTR_INSTANCE_VALUE
            | Opcode::LOAD_METHOD_WITH_VALUES
            | Opcode::LOAD_METHOD_CLASS
            | Opcode::LOAD_METHOD_NO_DICT
            | Opcode::LOAD_GLOBAL_MODULE
            | Opcode::LOAD_GLOBAL_BUILTIN
            | Opcode::BINARY_OP_ADD_INT
            | Opcode::BINARY_OP_SUBTRACT_INT
            | Opcode::BINARY_OP_MULTIPLY_INT
            | Opcode::BINARY_OP_ADD_FLOAT
            | Opcode::BINARY_OP_SUBTRACT_FLOAT
            | Opcode::BINARY_OP_MULTIPLY_FLOAT
            | Opcode::BINARY_OP_ADD_UNICODE
            | Opcode::BINARY_OP_INSTANCE
            | Opcode::BINARY_OP_INT
            | Opcode::BINARY_OP_FLOAT
            | Opcode::COMPARE_OP_INT
            | Opcode::COMPARE_OP_FLOAT
            | Opcode::COMPARE_OP_STR
            | Opcode::BINARY_SUBSCR_LIST_INT
            | Opcode::BINARY_SUBSCR_TUPLE_INT
            | Opcode::BINARY_SUBSCR_DICT
            | Opcode::STORE_SUBSCR_LIST_INT
            | Opcode::STORE_SUBSCR_DICT
            | Opcode::UNPACK_SEQUENCE_TWO_TUPLE
            | Opcode::UNPACK_SEQUENCE_TUPLE
            | Opcode::UNPACK_SEQUENCE_LIST
            | Opcode::FOR_ITER_BUILTIN
            | Opcode::FOR_ITER_RANGE
            | Opcode::FOR_ITER_LIST
            | Opcode::FOR_ITER_TUPLE
            | Opcode::CALL_PY_EXACT_ARGS
            | Opcode::CALL_PY_WITH_DEFAULTS
            | Opcode::CALL_BOUND_METHOD_EXACT_ARGS
            | Opcode::CALL_BUILTIN_FAST
            | Opcode::CALL_NO_KW_LEN
            | Opcode::CALL_NO_KW_ISINSTANCE
            | Opcode::CALL_NO_KW_TYPE_1
            | Opcode::CALL_ALLOC_AND_ENTER_INIT
            | Opcode::CALL_NO_KW_METHOD_DESCRIPTOR_FAST
            | Opcode::CALL_NO_KW_LIST_APPEND
    };
}

pub(crate) use slow_path_opcodes;
