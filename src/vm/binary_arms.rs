//! The hot loop's specialised `BINARY_OP` forms (`BINARY_OP_ADD_INT`,
//! `_FLOAT`, `BINARY_OP_INT` / `_FLOAT`, `BINARY_OP_INSTANCE`,
//! `BINARY_OP_ADD_UNICODE`), each the body of its arm in
//! `vm::eval_loop`: macros because they use that loop's stack macros
//! (`push!`, `pop!`, `peek!`) and its `miss!` / `generic!` exits, and
//! continue its dispatch loop (whose label is passed in), as
//! `vm::subscript_arms` does for the subscript forms.

// `+ - *` of two ints that does not overflow (`$op`: which); an overflow
// runs the generic form (a big int). (`$sp`: the loop's stack pointer,
// named by the caller: a macro's own locals are hygienic.)
macro_rules! binary_int_arm {
    ($dispatch:lifetime, $op:expr; $sp:ident) => {{
        match (peek!(2), peek!(1)) {
            (Value::Int(x), Value::Int(y)) => {
                let r = match $op {
                    Opcode::BINARY_OP_ADD_INT => x.checked_add(*y),
                    Opcode::BINARY_OP_SUBTRACT_INT => x.checked_sub(*y),
                    _ => x.checked_mul(*y),
                };
                match r {
                    Some(r) => {
                        // (Ints own nothing.)
                        $sp = $sp.wrapping_sub(2);
                        push!(Value::Int(r));
                        true
                    }
                    // A big int: the full operation.
                    None => generic!($dispatch),
                }
            }
            _ => miss!($dispatch),
        }
    }};
}

// `+ - *` of two floats.
macro_rules! binary_float_arm {
    ($dispatch:lifetime, $op:expr; $sp:ident) => {{
        match (peek!(2), peek!(1)) {
            (Value::Float(x), Value::Float(y)) => {
                let r = match $op {
                    Opcode::BINARY_OP_ADD_FLOAT => x + y,
                    Opcode::BINARY_OP_SUBTRACT_FLOAT => x - y,
                    _ => x * y,
                };
                // (Floats own nothing.)
                $sp = $sp.wrapping_sub(2);
                push!(Value::Float(r));
                true
            }
            _ => miss!($dispatch),
        }
    }};
}

// BINARY_OP_INT / _FLOAT (`$op`), argument `$arg`: the other operators
// with a machine fast path (`vm::fast_paths::fast_binary`).
macro_rules! binary_number_arm {
    ($dispatch:lifetime, $op:expr, $arg:expr; $sp:ident) => {{
        let fits = match (peek!(2), peek!(1)) {
            (Value::Int(_), Value::Int(_)) => $op == Opcode::BINARY_OP_INT,
            (Value::Float(_), Value::Float(_) | Value::Int(_))
            | (Value::Int(_), Value::Float(_)) => $op == Opcode::BINARY_OP_FLOAT,
            _ => false,
        };
        if !fits {
            miss!($dispatch)
        }
        match fast_binary($arg, peek!(2), peek!(1)) {
            Some(r) => {
                // (Ints and floats own nothing.)
                $sp = $sp.wrapping_sub(2);
                push!(r);
                true
            }
            // Overflow, a zero divisor, a complex power.
            None => generic!($dispatch),
        }
    }};
}

// BINARY_OP_INSTANCE.
macro_rules! binary_instance_arm {
    ($dispatch:lifetime) => {{
        // The generic form (the form is the JIT's type
        // feedback), while both operands are still
        // objects of one known type (instances have
        // theirs from the start).
        match (peek!(2), peek!(1)) {
            (Value::Obj(x), Value::Obj(y))
                if !x.known_type_ptr().is_null() && x.known_type_ptr() == y.known_type_ptr() =>
            {
                generic!($dispatch)
            }
            _ => miss!($dispatch),
        }
    }};
}

// `str + str`.
macro_rules! binary_add_unicode_arm {
    ($dispatch:lifetime) => {{
        match (peek!(2).as_obj(), peek!(1).as_obj()) {
            (Some(Object::Str(x)), Some(Object::Str(y))) => {
                let r = x.concat_value(y);
                drop(pop!());
                drop(pop!());
                push!(r);
                true
            }
            _ => miss!($dispatch),
        }
    }};
}

pub(crate) use {
    binary_add_unicode_arm, binary_float_arm, binary_instance_arm, binary_int_arm,
    binary_number_arm,
};
