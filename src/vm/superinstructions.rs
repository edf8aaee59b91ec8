//! The superinstructions of the hot loop (`vm::eval_loop`) around a
//! `LOAD_FAST`: what the local and the instructions after it do, done at
//! once when the next instruction (or the two after it) is one of a few
//! common shapes (`n - 1`, `i < n` with its jump, `self.x`, `self.x = v`,
//! `if flag:`, `a = b`, `o.m(...)`, `return x`), as CPython 3.11's
//! `LOAD_FAST__LOAD_FAST` and friends do with their own opcodes; and the
//! two halves of an augmented list-item assignment (`lst[i] op= v`),
//! around its COPY and SWAP shuffles.
//!
//! These are macros because they continue the hot loop's own loop and
//! use its stack macros (`push!`, `pop!`, `peek!`, `next_instruction!`,
//! `here!`, `store_instance_value!`), which the loop defines over its
//! locals; the locals they assign are passed in by name.

// The third of `LOAD_FAST a; LOAD_* b; op` (`$third`, argument
// `$targ`) done on `a` and `b` where they are, when `op` is a
// specialised int or float operator or list/tuple subscript and the
// operands are of its kind: the result pushed (a comparison's
// conditional jump after it taken instead) and the three (four)
// instructions skipped. Anything else (another kind, an overflow, an
// index out of range) does nothing: the instructions run one by one,
// and the operator's own guard counts a miss.
// A PRECALL at `$ip` (which does nothing here: its CALL makes the
// call) skipped, after an instruction that may end a call's arguments,
// so that the CALL runs next without PRECALL's dispatch. (Not when
// single-stepping for the JIT: the callers run only when not.)
macro_rules! skip_precall {
    ($ip:ident) => {
        // SAFETY: `$ip` is at an instruction (execution never falls off
        // the end), and PRECALL is never the last one.
        if unsafe { *$ip } == Opcode::PRECALL as u8 {
            $ip = $ip.wrapping_add(2);
        }
    };
}

macro_rules! fused_operands {
    ($decode:lifetime, $third:expr, $targ:expr, $a:expr, $b:expr; $ip:ident) => {{
        let (third, targ): (u8, u32) = ($third, $targ);
        let (a, b): (&Value, &Value) = ($a, $b);
        let r = match (a, b) {
            (Value::Int(x), Value::Int(y)) => match third {
                fused::ADD_INT => x.checked_add(*y).map(Value::Int),
                fused::SUBTRACT_INT => x.checked_sub(*y).map(Value::Int),
                fused::MULTIPLY_INT => x.checked_mul(*y).map(Value::Int),
                fused::COMPARE_INT => {
                    if let Some(c) = CompareOp::from_arg(targ) {
                        fused_jump!($decode, c.holds(x, y); $ip);
                    }
                    None
                }
                _ => None,
            },
            (Value::Float(x), Value::Float(y)) => match third {
                fused::ADD_FLOAT => Some(Value::Float(x + y)),
                fused::SUBTRACT_FLOAT => Some(Value::Float(x - y)),
                fused::MULTIPLY_FLOAT => Some(Value::Float(x * y)),
                fused::COMPARE_FLOAT => {
                    if let Some(c) = CompareOp::from_arg(targ) {
                        fused_jump!($decode, c.holds(x, y); $ip);
                    }
                    None
                }
                _ => None,
            },
            // `b[0]`: an item in range (else the full subscript, which
            // raises or counts backwards from the end).
            (Value::Obj(o), Value::Int(i)) => match (third, o.get()) {
                (fused::SUBSCR_LIST_INT, Object::List(l)) => {
                    let items = l.borrow();
                    usize::try_from(*i).ok().and_then(|i| items.get(i).cloned())
                }
                (fused::SUBSCR_TUPLE_INT, Object::Tuple(t)) => {
                    usize::try_from(*i).ok().and_then(|i| t.get(i).cloned())
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(r) = r {
            push!(r);
            $ip = $ip.wrapping_add(4);
            skip_precall!($ip);
            next_instruction!($decode);
        }
    }};
}

// A fused comparison's outcome `$t`: a conditional jump after the
// comparison taken (or not) at once, else the bool pushed.
macro_rules! fused_jump {
    ($decode:lifetime, $t:expr; $ip:ident) => {{
        let t: bool = $t;
        // SAFETY: a comparison is not the last instruction.
        let (jump, jump_arg) = unsafe { (*$ip.add(4), *$ip.add(5) as usize) };
        if jump == Opcode::POP_JUMP_FORWARD_IF_FALSE as u8
            || jump == Opcode::POP_JUMP_FORWARD_IF_TRUE as u8
        {
            $ip = $ip.wrapping_add(6);
            if t == (jump == Opcode::POP_JUMP_FORWARD_IF_TRUE as u8) {
                $ip = $ip.wrapping_add(2 * jump_arg);
            }
        } else {
            push!(Value::Bool(t));
            $ip = $ip.wrapping_add(4);
        }
        next_instruction!($decode);
    }};
}

/// `LOAD_FAST` of `$v` (bound) followed by `$next` (argument
/// `$next_arg`): the fused forms. Each completes the instructions and
/// continues the loop at the next one (`$decode`); when none applies
/// (another shape, a cache miss, a value of another kind) it does
/// nothing, and the caller pushes the local as a plain `LOAD_FAST`.
macro_rules! load_fast_fusions {
    ($decode:lifetime, $v:ident, $next:ident, $next_arg:ident;
     $ip:ident, $base:ident, $sp:ident, $rt:ident) => {
        if (FUSE_FILTER >> ($next & 63)) & 1 == 0 {
        } else if $next == Opcode::LOAD_CONST as u8
            || $next == Opcode::LOAD_FAST as u8
        {
            // `local op constant` and `local op local`
            // on machine numbers, with a specialised
            // operator after them (`n - 1`, `i < n`,
            // `x * y`): computed from the two operands
            // where they are, and a comparison's
            // conditional jump taken, in one dispatch.
            // SAFETY: the loaded operand is not the
            // last instruction either; a verified
            // LOAD_CONST / LOAD_FAST argument indexes
            // the constants / the locals.
            let (third, third_arg) = unsafe { (*$ip.add(2), *$ip.add(3) as u32) };
            if (OPERAND_FUSE_FILTER >> (third & 63)) & 1 != 0 {
                let w = unsafe {
                    if $next == Opcode::LOAD_CONST as u8 {
                        $rt.consts.get_unchecked($next_arg as usize)
                    } else {
                        &*$base.add($next_arg as usize)
                    }
                };
                fused_operands!($decode, third, third_arg, $v, w; $ip);
            }
        } else if $next == Opcode::LOAD_ATTR_INSTANCE_VALUE as u8 {
            let site = $next_arg as usize;
            // SAFETY: a specialised form's argument is a site.
            if let Some(attr) = unsafe { $rt.attr_caches.load_instance_value($v, site) } {
                push!(attr);
                $ip = $ip.wrapping_add(2);
                next_instruction!($decode);
            }
        } else if $next == Opcode::STORE_ATTR_INSTANCE_VALUE as u8 {
            store_instance_value!($decode, $v, $next_arg as usize, 2);
        } else if $next == Opcode::LOAD_ATTR as u8
            || $next == Opcode::STORE_ATTR as u8
        {
            // A generic attribute instruction (a site
            // that sees several classes, or one still
            // warming up) through its four-way cache,
            // while its counter says it is not due to
            // try specialising (that it does itself).
            let at = here!() + 2;
            let due = $rt.quick.tick(at);
            if !due && $next == Opcode::LOAD_ATTR as u8 {
                if let Some(attr) = $rt.attr_caches.load($v, at) {
                    push!(attr);
                    $ip = $ip.wrapping_add(2);
                    next_instruction!($decode);
                }
            } else if !due {
                match $rt.attr_caches.store($v, at, pop!()) {
                    Ok(()) => {
                        $ip = $ip.wrapping_add(2);
                        next_instruction!($decode);
                    }
                    Err(value) => push!(value),
                }
            }
        } else if $next == Opcode::PRECALL as u8 {
            // `f(…, local)`: the call's CALL next.
            push!($v.clone());
            $ip = $ip.wrapping_add(2);
            next_instruction!($decode);
        } else if $next == Opcode::IS_OP as u8 {
            // `x is local`: no reference taken.
            let r = peek!(1).is($v) != ($next_arg == 1);
            // SAFETY: the top is a value the stack owns;
            // it is replaced (and released).
            unsafe { *$sp.sub(1) = Value::Bool(r) };
            $ip = $ip.wrapping_add(2);
            next_instruction!($decode);
        } else if $next == Opcode::POP_JUMP_FORWARD_IF_FALSE as u8
            || $next == Opcode::POP_JUMP_FORWARD_IF_TRUE as u8
        {
            // `if local:` on an immediate: the jump
            // taken (or not) at once; anything else
            // through its type's truth as usual.
            let t = match $v {
                Value::Bool(b) => Some(*b),
                Value::None => Some(false),
                Value::Int(i) => Some(*i != 0),
                _ => None,
            };
            if let Some(t) = t {
                $ip = $ip.wrapping_add(2);
                if t == ($next == Opcode::POP_JUMP_FORWARD_IF_TRUE as u8) {
                    $ip = $ip.wrapping_add(2 * $next_arg as usize);
                }
                next_instruction!($decode);
            }
        } else if $next == Opcode::STORE_FAST as u8 {
            // `a = b` between locals.
            let value = $v.clone();
            // SAFETY: a verified STORE_FAST argument
            // indexes the locals.
            unsafe { *$base.add($next_arg as usize) = value };
            $ip = $ip.wrapping_add(2);
            next_instruction!($decode);
        } else if $next == Opcode::LOAD_METHOD_WITH_VALUES as u8 {
            // `local.method(...)` on a cache hit: the
            // method and the object, without stacking
            // the object first.
            let site = $next_arg as usize;
            // SAFETY: a specialised form's argument is a site.
            if let Some(m) = unsafe { $rt.attr_caches.load_method_with_values($v, site) } {
                push!(m);
                push!($v.clone());
                $ip = $ip.wrapping_add(2);
                skip_precall!($ip);
                next_instruction!($decode);
            }
        } else if $next == Opcode::LOAD_METHOD as u8 {
            // A generic method load (a site that sees
            // several classes) through its four-way
            // cache, while not due to specialise.
            let at = here!() + 2;
            if !$rt.quick.tick(at) {
                if let Some(m) = $rt.attr_caches.load_method($v, at) {
                    push!(m);
                    push!($v.clone());
                    $ip = $ip.wrapping_add(2);
                    next_instruction!($decode);
                }
            }
        }
    };
}

/// `lst[i]` for a machine index, negatives from the end; None out of
/// range (the full subscript then raises).
#[inline(always)]
pub(crate) fn list_item(
    l: &std::cell::RefCell<Vec<crate::object::value::Value>>,
    i: i64,
) -> Option<crate::object::value::Value> {
    let l = l.borrow();
    let at = if i < 0 { i + l.len() as i64 } else { i };
    usize::try_from(at).ok().and_then(|at| l.get(at).cloned())
}

// `COPY 2; COPY 2; BINARY_SUBSCR_LIST_INT` (run at the first COPY 2),
// the load of an augmented `lst[i] op= v`: the item pushed above the
// list and index in one dispatch when they are a list and an index in
// range; otherwise nothing, and the instructions run one by one.
macro_rules! copy_subscript_fusion {
    ($decode:lifetime; $ip:ident) => {
        // SAFETY: COPY is never last; a second COPY is not either, so the
        // instruction after it exists.
        if unsafe { *$ip } == Opcode::COPY as u8
            && unsafe { *$ip.add(1) } == 2
            && unsafe { *$ip.add(2) } == Opcode::BINARY_SUBSCR_LIST_INT as u8
        {
            let item = match (peek!(2).as_obj(), peek!(1)) {
                (Some(Object::List(l)), Value::Int(i)) => list_item(l, *i),
                _ => None,
            };
            if let Some(item) = item {
                push!(item);
                $ip = $ip.wrapping_add(4);
                next_instruction!($decode);
            }
        }
    };
}

// `SWAP 3; SWAP 2; STORE_SUBSCR_LIST_INT` (run after the first swap),
// the store of an augmented `lst[i] op= v`: the second swap and the
// store done here — the store only when it is a list and an index in
// range; else STORE_SUBSCR_LIST_INT runs as itself next.
macro_rules! swap_store_fusion {
    ($ip:ident, $sp:ident) => {
        // SAFETY: SWAP is never last; a second SWAP is not either, so the
        // instruction after it exists.
        if unsafe { *$ip } == Opcode::SWAP as u8
            && unsafe { *$ip.add(1) } == 2
            && unsafe { *$ip.add(2) } == Opcode::STORE_SUBSCR_LIST_INT as u8
        {
            // SAFETY: verified code has three values on the stack here.
            unsafe { std::ptr::swap($sp.sub(1), $sp.sub(2)) };
            $ip = $ip.wrapping_add(2);
            if store_list_int!($sp) {
                $ip = $ip.wrapping_add(2);
            }
        }
    };
}

// `list[int] = value` in range (stack: value, list, index on top):
// done and true, else nothing done and false.
macro_rules! store_list_int {
    ($sp:ident) => {{
        // `list[int] = value` in range; everything else in full.
        // Stack: value, list, index (top).
        let old = match (peek!(2).as_obj(), peek!(1)) {
            (Some(Object::List(l)), Value::Int(i)) => match l.try_borrow_mut() {
                Ok(mut items) => {
                    let at = if *i < 0 { *i + items.len() as i64 } else { *i };
                    match usize::try_from(at).ok().and_then(|at| items.get_mut(at)) {
                        // SAFETY: the value under the list moves
                        // into the list; the stack stops owning
                        // it (it is popped below without a drop).
                        Some(slot) => Some(std::mem::replace(slot, unsafe { $sp.sub(3).read() })),
                        None => None,
                    }
                }
                Err(_) => None,
            },
            _ => None,
        };
        match old {
            Some(old) => {
                drop(pop!());
                let list = pop!();
                // The value, now the list's.
                $sp = $sp.wrapping_sub(1);
                // (Released after the list's borrow ended: their
                // destructors may run Python code.)
                drop(list);
                drop(old);
                true
            }
            None => false,
        }
    }};
}

pub(crate) use {
    copy_subscript_fusion, fused_jump, fused_operands, load_fast_fusions, skip_precall,
    store_list_int, swap_store_fusion,
};
