//! The interpreter's hot loop: decodes instructions and runs the common
//! cases of the common opcodes itself (locals, constants, attribute and
//! method loads that hit their inline caches, small-int arithmetic and
//! comparisons, jumps, built-in iteration), handing every other case to
//! [`crate::vm::interp::slow_op`], which implements every opcode without
//! repeating the fast paths tried here (for an attribute instruction,
//! `slow_op` is a cache miss: it looks up, then learns).
//!
//! Keeping this function small is the point: its state (the instruction
//! pointer, the stack pointer, the code's bytes) stays in registers
//! instead of being spilled around a hundred-arm `match`, and the value
//! stack is a raw pointer into the frame's slab rather than `Vec` pushes
//! and pops with their capacity checks. The slab's length and `*pc` are
//! brought up to date (`sync!`) before anything else can look at them —
//! a slow operation, an error, a return.
//!
//! Soundness rests on the verifier (`taipan_bytecode::verify`): jumps land
//! on instructions, indices are in range, and the stack depth at every
//! instruction is static, never below zero and never above `stacksize`.
//! The slab always has room for the locals plus `stacksize` values, so
//! the pushes here cannot overflow it and the pops cannot reach the
//! locals.

use crate::object::exceptions::PyResult;
use crate::object::heap::MethodDescrObj;
use crate::object::heap::NewObject;
use crate::object::heap::Object;
use crate::object::payloads::AttrCaches;
use crate::object::value::Value;
use crate::types::metaclass::frame_result;
use crate::vm::attr_cache::StoreTarget;
use crate::vm::binary_arms::{
    binary_add_unicode_arm, binary_float_arm, binary_instance_arm, binary_int_arm,
    binary_number_arm,
};
use crate::vm::call_macros::{
    alloc_and_enter_init, call_builtin, call_descriptor, call_py, call_type_1, finish_call,
};
use crate::vm::fast_paths::{
    cached_global, fast_binary, fast_compare, for_iter_item, fused, FUSE_FILTER,
    OPERAND_FUSE_FILTER,
};
use crate::vm::frames::{ensure_room, move_values, pop_frame, push_frame, unbound_locals, PyFrame};
use crate::vm::interp::{extended, load_global, slow_op, Flow};
use crate::vm::slow_opcodes::slow_path_opcodes;
use crate::vm::subscript_arms::{
    binary_subscr_dict, store_subscr_dict, store_subscr_list_int_arm, unpack_sequence_arm,
};
use crate::vm::superinstructions::{
    copy_subscript_fusion, fused_jump, fused_operands, list_item, load_fast_fusions, skip_precall,
    store_list_int, swap_store_fusion,
};
use crate::vm::Vm;
use std::rc::Rc;
use taipan_bytecode::code::flags::{ASYNC_GENERATOR, COROUTINE, GENERATOR};
use taipan_bytecode::opcode::{CompareOp, Opcode};

/// Executes instructions from `*pc` on the frame slab, advancing `*pc`:
/// one (with its EXTENDED_ARG prefixes) when `SINGLE` — the JIT calls it
/// so for instructions it has no fast path for — else until the frame
/// returns, yields, raises or a loop becomes hot (the eval loop, which so
/// pays for a `Flow` only at those points).
#[inline(always)]
pub(crate) fn step<const SINGLE: bool>(
    vm: &mut Vm,
    entry_func: &crate::object::heap::Function,
    entry_rt: &Rc<crate::object::heap::RtCode>,
    entry_slab: &mut crate::object::frame_slab::Slab,
    entry_pc: &mut usize,
    entry_kwnames: &mut Option<Rc<[Rc<str>]>>,
    frames: &mut Vec<PyFrame>,
) -> PyResult<Flow> {
    // The frame running is the newest on `frames`, else the entry frame.
    // Its parts are reached through these (re-pointed when a call pushes
    // or a return pops a frame): `frames` changes only at those points,
    // so the references made from it stay valid in between.
    let frames_ptr: *mut Vec<PyFrame> = frames;
    let entry = (
        entry_func as *const crate::object::heap::Function,
        entry_rt as *const Rc<crate::object::heap::RtCode>,
        entry_slab as *mut crate::object::frame_slab::Slab,
        entry_pc as *mut usize,
        entry_kwnames as *mut Option<Rc<[Rc<str>]>>,
    );
    let current = || {
        // SAFETY: `frames` and the entry frame's parts outlive this call;
        // only one frame's parts are in use at a time, and `frames` is
        // not changed while they are (see above). A pushed frame's
        // function is kept alive by its `callee`, and its code by the
        // function.
        unsafe {
            match (*frames_ptr).last_mut() {
                Some(top) => {
                    let f = &*top.func;
                    (
                        f,
                        &*f.code,
                        &mut *(&mut top.slab as *mut crate::object::frame_slab::Slab),
                        &mut *(&mut top.pc as *mut usize),
                        &mut *(&mut top.kwnames as *mut Option<Rc<[Rc<str>]>>),
                    )
                }
                None => (
                    &*entry.0,
                    &**entry.1,
                    &mut *entry.2,
                    &mut *entry.3,
                    &mut *entry.4,
                ),
            }
        }
    };
    let (mut func, mut rt, mut slab, mut pc, mut kwnames) = current();
    let mut code = &*rt.code;
    let mut need = rt.nlocals + code.stacksize as usize;
    ensure_room(slab, need);
    // The instruction pointer is a pointer into the code (one register);
    // `*pc` is its offset from the first byte, `start!()`. (That is
    // read from the code when needed, not kept in a variable: one value
    // fewer live across the whole loop leaves the registers to `ip` and
    // `sp`.)
    macro_rules! start {
        () => {
            rt.quick.as_ptr()
        };
    }
    // SAFETY: `*pc` is an instruction offset inside the code.
    let mut ip = unsafe { start!().add(*pc) };
    // The offset of the instruction just decoded (`ip` is past it).
    macro_rules! here {
        () => {
            (ip as usize - start!() as usize - 2)
        };
    }
    let mut base = slab.as_mut_ptr();
    // SAFETY: a Vec's length never exceeds its capacity.
    let mut sp = unsafe { base.add(slab.len()) };
    // The slab's length and `*pc` made true again.
    macro_rules! sync {
        () => {
            // SAFETY: `sp` points into (or one past the values of) the
            // slab's allocation, at or above `base`; the values below it
            // are initialised and owned by the slab.
            unsafe { slab.set_len(sp.offset_from(base) as usize) };
            *pc = ip as usize - start!() as usize;
        };
    }
    // After a slow operation: the slab may have moved or changed length.
    // (It still has room for the locals and the deepest stack: a slab
    // never shrinks, the entry frame's was given room above, and every
    // frame pushed on the frame stack is made with it, `new_frame`.)
    macro_rules! resync {
        () => {
            debug_assert!(slab.capacity() >= need);
            base = slab.as_mut_ptr();
            // SAFETY: as at the start.
            sp = unsafe { base.add(slab.len()) };
            // SAFETY: the slow operation left `*pc` on an instruction.
            ip = unsafe { start!().add(*pc) };
        };
    }
    // After a call pushed or a return popped a frame: run the new top.
    macro_rules! switch_frame {
        () => {
            (func, rt, slab, pc, kwnames) = current();
            code = &*rt.code;
            need = rt.nlocals + code.stacksize as usize;
            resync!();
        };
    }

    // Runs the function `$fptr` (kept alive by `$callee`) on the frame
    // `$frame`, its arguments in place, as the new top of the frame stack
    // (the caller synchronised); `$init_self` for an `__init__` frame.
    macro_rules! push_frame {
        ($decode:lifetime, $callee:expr, $fptr:expr, $frame:expr, $init_self:expr) => {
            vm.depth += 1;
            // (No call is counted: only the JIT reads the counts, and
            // with it on, calls go through `frames::eval_frame`.)
            push_frame(frames, $callee, $fptr, $frame, $init_self);
            switch_frame!();
            // A function's RESUME (first unless it makes cells) does
            // nothing here: the checks it stands for were made at the call.
            // SAFETY: code has at least one instruction.
            if unsafe { *ip } == Opcode::RESUME as u8 {
                ip = ip.wrapping_add(2);
            }
            break $decode;
        };
    }
    // Runs an instruction in full in `slow_op`, the frame synchronised
    // before and reloaded after; returns what ends the frame's run.
    macro_rules! run_slow {
        ($op:expr, $arg:expr) => {
            sync!();
            match slow_op(vm, func, &func.code, slab, pc, $op, $arg, kwnames) {
                Ok(Flow::Next) => {
                    resync!();
                }
                other => return other,
            }
        };
    }
    macro_rules! push {
        ($v:expr) => {{
            let v = $v;
            debug_assert!(
                (sp as usize) < base as usize + slab.capacity() * std::mem::size_of::<Value>()
            );
            // SAFETY: verified code never stacks more than `stacksize`
            // values, and the slab has room for them (`ensure_room`).
            unsafe {
                sp.write(v);
                sp = sp.add(1);
            }
        }};
    }
    macro_rules! pop {
        () => {{
            // SAFETY: verified code never pops below the locals, so there
            // is a value on the stack, which the caller now owns.
            unsafe {
                sp = sp.sub(1);
                sp.read()
            }
        }};
    }
    // The `n`th value from the top (1 is the top).
    macro_rules! peek {
        ($n:expr) => {
            // SAFETY: verified code has at least `n` values on the stack
            // where it peeks this deep.
            unsafe { &*sp.sub($n) }
        };
    }
    // Releases a value popped for good. When that frees an object whose
    // finalizer must run Python code (`__del__`, a suspended generator's
    // `close()`, a coroutine's "never awaited" warning), the finalizer
    // runs now, at this instruction's line, as CPython runs it at the
    // deallocation (rather than at the next call).
    macro_rules! release {
        ($v:expr) => {{
            let v = $v;
            let last = matches!(&v, Value::Obj(o) if o.refcount() == 1);
            drop(v);
            if last && crate::object::pending::any() {
                // (Synchronised first: the finalizer may look at this
                // frame; it never touches its slab.)
                sync!();
                crate::object::pending::run(vm);
            }
        }};
    }
    // A call's result: pushed, or, when a POP_TOP follows (a call made
    // as a statement), released and that instruction skipped. (Not when
    // single-stepping for the JIT: one instruction per step.)
    macro_rules! push_result {
        ($v:expr) => {{
            let v = $v;
            // SAFETY: a call is never the last instruction.
            if !SINGLE && unsafe { *ip } == Opcode::POP_TOP as u8 {
                ip = ip.wrapping_add(2);
                release!(v);
            } else {
                push!(v);
            }
        }};
    }
    macro_rules! bail {
        ($e:expr) => {{
            let e = $e;
            sync!();
            return Err(e);
        }};
    }
    // (The label is passed in: labels in macros are hygienic.)
    macro_rules! next_instruction {
        ($decode:lifetime) => {
            if SINGLE {
                sync!();
                return Ok(Flow::Next);
            }
            break $decode
        };
    }

    // `local.attr = value` completed on an inline-cache hit: the value on
    // top of the stack stored into `$obj` (a local) through site `$site`,
    // then `$skip` more bytes of instructions skipped (the fused
    // instructions after the current one); on a miss, nothing done.
    macro_rules! store_instance_value {
        ($decode:lifetime, $obj:expr, $site:expr, $skip:expr) => {
            // SAFETY: a slot is written at once; the old value is released
            // after.
            match unsafe { rt.attr_caches.store_target($obj, $site) } {
                StoreTarget::Slot(slot) => {
                    drop(std::mem::replace(slot, pop!()));
                    ip = ip.wrapping_add($skip);
                    next_instruction!($decode);
                }
                StoreTarget::Add(i, version, entry) => {
                    let value = pop!();
                    match AttrCaches::add_instance_value(i, version, entry, value) {
                        Ok(()) => {
                            ip = ip.wrapping_add($skip);
                            next_instruction!($decode);
                        }
                        Err(value) => push!(value),
                    }
                }
                StoreTarget::Miss => {}
            }
        };
    }

    // FOR_ITER's end: the iterator's next item pushed, or at its end the
    // iterator dropped and the loop left.
    macro_rules! next_item {
        ($next:expr, $arg:expr) => {
            match $next {
                Ok(Some(v)) => {
                    push!(v);
                    true
                }
                Ok(None) => {
                    drop(pop!());
                    ip = ip.wrapping_add(2 * $arg as usize);
                    true
                }
                Err(e) => bail!(e),
            }
        };
    }
    // The truth of a value on the stack (`if`, `and`, `or`, `not`):
    // immediates inline, anything else through its type's `__bool__` /
    // `__len__` (the frame synchronised first: they may run Python code,
    // which does not touch this frame's stack).
    macro_rules! truth {
        ($v:expr) => {{
            let v: &Value = $v;
            match v {
                Value::Bool(b) => *b,
                Value::None => false,
                Value::Int(i) => *i != 0,
                Value::Float(f) => *f != 0.0,
                _ => {
                    sync!();
                    match crate::protocol::truthy(vm, v) {
                        Ok(t) => t,
                        Err(e) => bail!(e),
                    }
                }
            }
        }};
    }
    // The instruction being run: its opcode and argument byte, read by
    // `decode!` at the bottom of the loop.
    let mut op: Opcode;
    let mut arg: u32;
    // PEP 659 in a generic arm: counts the instruction's executions down
    // and, at zero, asks the specialiser for a form that fits the top
    // `$k` values; when one does, writes it over this instruction and
    // runs it (decoded again, as the loop's next instruction). (Not
    // when the generic arm runs for a specialised form whose guard
    // failed: its counter then counts misses.)
    macro_rules! adapt {
        ($decode:lifetime, $k:expr) => {
            let at = here!();
            // (Not when single-stepping for the JIT: its steps run the
            // generic forms, and stay small.)
            // SAFETY: `at` is the offset of this instruction's opcode.
            if !SINGLE && unsafe { *start!().add(at) } == op as u8 && rt.quick.tick(at) {
                let k: usize = $k;
                // SAFETY: verified code has at least the operands of
                // this instruction on the stack.
                let top = unsafe { std::slice::from_raw_parts(sp.sub(k), k) };
                match crate::vm::specialize::specialize(vm, func, rt, at, op, arg, top) {
                    Some((form, new_arg)) => {
                        rt.quick.specialize(at, form as u8, new_arg);
                        ip = ip.wrapping_sub(2);
                        break $decode;
                    }
                    None => rt.quick.failed(at),
                }
            }
        };
    }
    // The argument of this instruction in the code object: a
    // specialised attribute form's argument byte holds its cache site
    // instead (`AttrCaches::quick_site`); its generic form runs with
    // this one.
    macro_rules! original_arg {
        () => {
            rt.code.code.get(here!() + 1).map_or(arg, |a| *a as u32)
        };
    }
    // A specialised form whose guard held but whose fast path cannot
    // finish (an overflow, an index out of range): its generic form runs
    // in full (`$slow`: `slow_op`), and no miss is counted.
    macro_rules! generic {
        ($slow:lifetime) => {
            break $slow
        };
    }
    // A specialised subscript's item: the container and the index
    // replaced by it; none (out of range, a missing key, which may
    // have `__missing__`): the generic form raises or finds it.
    macro_rules! subscr_result {
        ($slow:lifetime, $item:expr) => {
            match $item {
                Some(v) => {
                    drop(pop!());
                    drop(pop!());
                    push!(v);
                    true
                }
                None => generic!($slow),
            }
        };
    }
    // A specialised form's guard failed: counts the miss (at the last
    // one, writes the generic opcode back) and runs the generic form in
    // full (`$slow`: `slow_op`, which reads the instruction again). (Not
    // a jump back to the generic arm: a second way into the `match`
    // would give the loop a second head, and `ip` and `sp` a register
    // copy at every instruction.)
    macro_rules! miss {
        ($slow:lifetime) => {{
            rt.quick
                .miss(here!(), op.base() as u8, original_arg!() as u8);
            break $slow;
        }};
    }
    // LOAD_GLOBAL_MODULE / _BUILTIN (`$builtin`): the cached value,
    // after a NULL when the argument's low bit says so. (The label is
    // passed in: labels in macros are hygienic.)
    macro_rules! cached_global_arm {
        ($slow:lifetime, $builtin:expr) => {
            match cached_global(vm, func, arg as usize >> 1, $builtin) {
                Some(v) => {
                    if arg & 1 != 0 {
                        push!(Value::Unbound);
                    }
                    push!(v);
                    true
                }
                None => miss!($slow),
            }
        };
    }
    // Reads the instruction at `ip` into `op` and `arg` and steps `ip`
    // past it (at the loop's bottom: see the loop).
    macro_rules! decode {
        () => {
            debug_assert!((ip as usize) + 1 < start!() as usize + code.code.len());
            // SAFETY: the verifier guarantees `ip` is at an instruction of
            // this code object (jumps land on instructions and execution never
            // falls off the end), so both bytes are in bounds.
            let (op_byte, arg_byte) = unsafe { (*ip, *ip.add(1)) };
            arg = arg_byte as u32;
            // SAFETY: as above; at most one past the code's last byte.
            ip = opaque_ip(unsafe { ip.add(2) });
            // SAFETY: the verifier rejects code with a byte that is no opcode
            // in an instruction's opcode position.
            op = unsafe { Opcode::from_u8_unchecked(op_byte) };
            // Single steps for the JIT run a specialised instruction as its
            // generic form (the specialised arms are compiled out of them).
            if SINGLE && op.is_specialized() {
                op = op.base();
                arg = original_arg!();
            }
        };
    }
    decode!();
    // One iteration per instruction: the arm for `op` runs it (or the
    // superinstructions it starts) and `break 'decode` ends it; the next
    // is decoded at the bottom, so the loop has one head. An arm whose
    // fast case does not apply (`false`), and a specialised form whose
    // guard fails (`break 'slow`), have the instruction run in full by
    // `slow_op`.
    loop {
        'decode: {
            'slow: {
                // False from an arm whose fast case does not apply.
                let fast = match op {
                    // A long argument: the whole instruction, decoded, runs in
                    // full in `slow_op` (rare: long jumps, many names or
                    // constants; its attribute instructions go uncached).
                    Opcode::EXTENDED_ARG => {
                        let (op, arg, after) = extended(ip, arg);
                        ip = after;
                        run_slow!(op, arg);
                        next_instruction!('decode);
                    }
                    Opcode::NOP | Opcode::RESUME => true,
                    Opcode::POP_TOP => {
                        release!(pop!());
                        true
                    }
                    Opcode::LOAD_FAST => {
                        // SAFETY: verified LOAD_FAST arguments index the locals.
                        let v = unsafe { &*base.add(arg as usize) };
                        if matches!(v, Value::Unbound) {
                            false
                        } else {
                            // `local.attr` and `local.attr = value` (the
                            // commonest pairs in object-oriented code) complete
                            // here on an inline-cache hit, without stacking the
                            // object; a miss runs the next instruction as usual.
                            // (Not when single-stepping for the JIT, which expects
                            // one instruction per step.)
                            if !SINGLE {
                                // SAFETY: LOAD_FAST is never the last instruction
                                // (execution does not fall off the end).
                                let (next, next_arg) = unsafe { (*ip, *ip.add(1) as u32) };
                                // (One test rejects most next instructions:
                                // none of the fusing ones is missed by it.)
                                load_fast_fusions!('decode, v, next, next_arg; ip, base, sp, rt);
                            }
                            push!(v.clone());
                            true
                        }
                    }
                    Opcode::STORE_FAST => {
                        let v = pop!();
                        // SAFETY: verified STORE_FAST arguments index the locals,
                        // which stay below the stack.
                        unsafe { *base.add(arg as usize) = v };
                        true
                    }
                    Opcode::LOAD_CONST => {
                        // SAFETY: verified LOAD_CONST arguments index `co_consts`,
                        // which `consts` materialises one for one.
                        let k = unsafe { rt.consts.get_unchecked(arg as usize) };
                        if SINGLE {
                            push!(k.clone());
                            true
                        } else {
                            // SAFETY: LOAD_CONST is never the last instruction.
                            let (next, next_arg) = unsafe { (*ip, *ip.add(1) as u32) };
                            if next == Opcode::PRECALL as u8 {
                                // `f(…, 1)`: the call's CALL next.
                                push!(k.clone());
                                ip = ip.wrapping_add(2);
                                next_instruction!('decode);
                            }
                            if next == Opcode::IS_OP as u8 {
                                // `x is None`: no reference taken.
                                let r = peek!(1).is(k) != (next_arg == 1);
                                // SAFETY: as for `x is local`.
                                unsafe { *sp.sub(1) = Value::Bool(r) };
                                ip = ip.wrapping_add(2);
                                next_instruction!('decode);
                            }
                            push!(k.clone());
                            if next == Opcode::LOAD_FAST as u8 {
                                // LOAD_CONST + LOAD_FAST + a cached instance
                                // store (`self.x = 0`) at once on a hit.
                                // SAFETY: an instruction follows LOAD_FAST (as
                                // there) and the verified argument indexes the
                                // locals.
                                let (third, site) = unsafe { (*ip.add(2), *ip.add(3) as usize) };
                                if third == Opcode::STORE_ATTR_INSTANCE_VALUE as u8 {
                                    let v = unsafe { &*base.add(next_arg as usize) };
                                    store_instance_value!('decode, v, site, 4);
                                }
                            }
                            true
                        }
                    }
                    // A generator's frame yields: the value leaves it as the
                    // slow path would hand it out, without the call there.
                    Opcode::YIELD_VALUE if !SINGLE => {
                        let v = pop!();
                        sync!();
                        return Ok(Flow::Yield(v));
                    }
                    Opcode::COPY => {
                        if !SINGLE && arg == 2 {
                            copy_subscript_fusion!('decode; ip);
                        }
                        push!(peek!(arg as usize).clone());
                        true
                    }
                    Opcode::SWAP => {
                        // SAFETY: verified SWAP arguments are within the stack.
                        unsafe { std::ptr::swap(sp.sub(1), sp.sub(arg as usize)) };
                        if !SINGLE && arg == 3 {
                            swap_store_fusion!(ip, sp);
                        }
                        true
                    }
                    // (The argument: the name's index shifted left, and
                    // whether a NULL goes first.)
                    Opcode::LOAD_GLOBAL => {
                        adapt!('decode, 0);
                        match load_global(vm, func, arg as usize >> 1) {
                            Ok(v) => {
                                if arg & 1 != 0 {
                                    push!(Value::Unbound);
                                }
                                push!(v);
                                true
                            }
                            Err(e) => bail!(e),
                        }
                    }
                    Opcode::PUSH_NULL => {
                        push!(Value::Unbound);
                        true
                    }
                    // An `except` clause's entry and exit, and its match on
                    // one exception class (a tuple of them, or anything that
                    // is no exception class, in `slow_op`).
                    Opcode::PUSH_EXC_INFO => {
                        let exc = pop!();
                        let prev = std::mem::replace(&mut vm.exc_info, exc.clone());
                        push!(prev);
                        push!(exc);
                        true
                    }
                    Opcode::POP_EXCEPT => {
                        let previous = pop!();
                        release!(std::mem::replace(&mut vm.exc_info, previous));
                        true
                    }
                    Opcode::CHECK_EXC_MATCH => match peek!(1).as_obj() {
                        Some(Object::Class(c))
                            if matches!(
                                c.builtin_base,
                                crate::object::heap::TypeKind::Exception(_)
                            ) =>
                        {
                            let m = crate::object::classes::is_instance_of(peek!(2), peek!(1));
                            release!(pop!());
                            push!(Value::Bool(m));
                            true
                        }
                        _ => false,
                    },
                    // CALL, which follows, makes the call. (Skipped, without
                    // a dispatch, after a LOAD_FAST or LOAD_CONST that ends
                    // the arguments, a fused `local.m` load and a fused
                    // operator: `superinstructions`.)
                    Opcode::PRECALL => true,
                    Opcode::LOAD_ATTR => {
                        adapt!('decode, 1);
                        match rt.attr_caches.load(peek!(1), here!()) {
                            Some(v) => {
                                // SAFETY: the top of the stack is a value; the
                                // object is replaced (and released) by the result.
                                unsafe { *sp.sub(1) = v };
                                true
                            }
                            None => false,
                        }
                    }
                    Opcode::LOAD_METHOD => {
                        adapt!('decode, 1);
                        match rt.attr_caches.load_method(peek!(1), here!()) {
                            Some(method) => {
                                let obj = pop!();
                                push!(method);
                                push!(obj);
                                true
                            }
                            None => false,
                        }
                    }
                    Opcode::STORE_ATTR => {
                        adapt!('decode, 2);
                        let obj = pop!();
                        let value = pop!();
                        match rt.attr_caches.store(&obj, here!(), value) {
                            Ok(()) => true,
                            Err(value) => {
                                push!(value);
                                push!(obj);
                                false
                            }
                        }
                    }
                    Opcode::BINARY_OP => {
                        adapt!('decode, 2);
                        match fast_binary(arg, peek!(2), peek!(1)) {
                            Some(r) => {
                                // (Ints and floats own nothing: dropping them
                                // is a no-op.)
                                sp = sp.wrapping_sub(2);
                                push!(r);
                                true
                            }
                            None => false,
                        }
                    }
                    Opcode::BINARY_SUBSCR => {
                        adapt!('decode, 2);
                        // `list[int]`, `tuple[int]` and `dict[key]` (a key of a
                        // built-in type) that find an item; everything else
                        // (misses, slices, indices out of range) in full.
                        let found = match (peek!(2).as_obj(), peek!(1)) {
                            (Some(Object::List(l)), Value::Int(i)) => {
                                let l = l.borrow();
                                let at = if *i < 0 { *i + l.len() as i64 } else { *i };
                                usize::try_from(at).ok().and_then(|at| l.get(at).cloned())
                            }
                            (Some(Object::Tuple(t)), Value::Int(i)) => {
                                let at = if *i < 0 { *i + t.len() as i64 } else { *i };
                                usize::try_from(at).ok().and_then(|at| t.get(at).cloned())
                            }
                            (Some(Object::Dict(d)), Value::Obj(k)) => match k.get() {
                                Object::Str(s) => {
                                    let h = crate::object::dict::pystr_hash(s);
                                    d.borrow().get_str_object(k, &s.text, h)
                                }
                                // (Instances hash and compare through the VM.)
                                Object::Instance(_) => None,
                                _ => d.borrow().get(peek!(1)).ok().flatten(),
                            },
                            (Some(Object::Dict(d)), Value::Int(_)) => {
                                d.borrow().get(peek!(1)).ok().flatten()
                            }
                            _ => None,
                        };
                        match found {
                            Some(v) => {
                                drop(pop!());
                                drop(pop!());
                                push!(v);
                                true
                            }
                            None => false,
                        }
                    }
                    Opcode::COMPARE_OP => {
                        adapt!('decode, 2);
                        match fast_compare(arg, peek!(2), peek!(1)) {
                            Some(r) => {
                                sp = sp.wrapping_sub(2);
                                push!(Value::Bool(r));
                                true
                            }
                            None => false,
                        }
                    }
                    Opcode::STORE_SUBSCR => {
                        adapt!('decode, 3);
                        store_list_int!(sp)
                    }
                    Opcode::IS_OP => {
                        let b = pop!();
                        let a = pop!();
                        push!(Value::Bool(a.is(&b) != (arg == 1)));
                        true
                    }
                    Opcode::POP_JUMP_FORWARD_IF_FALSE | Opcode::POP_JUMP_FORWARD_IF_TRUE => {
                        let t = truth!(peek!(1));
                        drop(pop!());
                        if t == (op == Opcode::POP_JUMP_FORWARD_IF_TRUE) {
                            ip = ip.wrapping_add(2 * arg as usize);
                        }
                        true
                    }
                    // `a and b`, `a or b`: the jump keeps the value, going on
                    // pops it.
                    Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                        if truth!(peek!(1)) == (op == Opcode::JUMP_IF_TRUE_OR_POP) {
                            ip = ip.wrapping_add(2 * arg as usize);
                        } else {
                            drop(pop!());
                        }
                        true
                    }
                    Opcode::UNARY_NOT => {
                        let t = truth!(peek!(1));
                        // SAFETY: the top of the stack is a value; it is
                        // replaced (and released).
                        unsafe { *sp.sub(1) = Value::Bool(!t) };
                        true
                    }
                    Opcode::JUMP_FORWARD => {
                        ip = ip.wrapping_add(2 * arg as usize);
                        true
                    }
                    Opcode::JUMP_BACKWARD => {
                        let n = rt.backedges.get().wrapping_add(1);
                        rt.backedges.set(n);
                        // (Before the jump, so a KeyboardInterrupt points here.)
                        if let Err(e) = crate::vm::signals::check(vm) {
                            bail!(e);
                        }
                        ip = ip.wrapping_sub(2 * arg as usize);
                        // (Every 64th back-edge offers the loop to the
                        // JIT; code compiled already takes it back at
                        // once — a frame its compiled code left for an
                        // exception handler — unless it refused this
                        // loop.)
                        if (n & 63 == 0
                            || (rt.jit_entry.get().is_some()
                                && rt.osr_refused.get() != ip as usize - start!() as usize))
                            && vm.jit.is_some()
                        {
                            sync!();
                            return Ok(Flow::LoopHot);
                        }
                        true
                    }
                    Opcode::FOR_ITER => {
                        adapt!('decode, 1);
                        // Any iterator (a generator, an object with
                        // `__next__`): its next value, the frame synchronised
                        // first (it may run Python code, which does not touch
                        // this frame's stack).
                        sync!();
                        next_item!(crate::protocol::iter_next(vm, peek!(1)), arg)
                    }
                    Opcode::UNPACK_SEQUENCE => {
                        adapt!('decode, 1);
                        false
                    }
                    Opcode::CALL if kwnames.is_none() => {
                        // [NULL, callable, args…] or [method, object, args…]
                        // (`call_macros`): the callable is `nargs + 1` deep
                        // and takes the top `nargs` values.
                        let n = arg as usize;
                        let null = matches!(peek!(n + 2), Value::Unbound);
                        let nargs = n + usize::from(!null);
                        adapt!('decode, n + 2);
                        // (The callable stays on the stack until the call is over,
                        // so the object borrowed here outlives the call.)
                        let callable: &Value = peek!(nargs + 1);
                        let result = match callable.as_obj() {
                            // A Python function whose parameters are the
                            // arguments (they move from this stack into its
                            // frame) and, for the missing last ones, its
                            // defaults (CPython's CALL_PY_WITH_DEFAULTS).
                            Some(Object::Function(f)) if f.positional_defaults(nargs).is_some() => {
                                call_py!('decode, f, n + 2, nargs; vm, sp, SINGLE)
                            }
                            // A built-in function with positional arguments
                            // (`len(x)`, `isinstance(o, C)`), unless it reads the
                            // calling frame (`eval`, `exec`): the arguments are
                            // passed in place, as a slice of the stack.
                            Some(Object::Builtin(b))
                                if null && n > 0 && !crate::vm::eval_exec::reads_frame(b.func) =>
                            {
                                call_builtin!(b.func, n; vm, sp, SINGLE)
                            }
                            // A built-in type's method on a value of that type
                            // (LOAD_METHOD checked it): `s.upper()`.
                            Some(Object::MethodDescr(MethodDescrObj { builtin, .. })) if !null => {
                                call_descriptor!(builtin.func, n; vm, sp, SINGLE)
                            }
                            // A native type's method with its object
                            // (LOAD_METHOD found it in the object's class):
                            // `q.append(x)`, called with the receiver.
                            Some(Object::Builtin(b))
                                if !null
                                    && matches!(peek!(n + 1).as_obj(), Some(Object::Native(_)))
                                    && !crate::vm::eval_exec::reads_frame(b.func) =>
                            {
                                call_descriptor!(b.func, n; vm, sp, SINGLE)
                            }
                            Some(Object::Class(c))
                                if !SINGLE
                                    && null
                                    && c.builtin_kind.is_none()
                                    && vm.jit.is_none()
                                    && vm.depth < vm.recursion_limit =>
                            {
                                alloc_and_enter_init!('decode, c, n; vm, sp, SINGLE)
                            }
                            // `type(x)`.
                            Some(Object::Class(c))
                                if null
                                    && n == 1
                                    && c.builtin_kind
                                        == Some(crate::object::heap::TypeKind::Type) =>
                            {
                                call_type_1!(; vm, sp, SINGLE)
                            }
                            _ => None,
                        };
                        finish_call!(result, n + 2, nargs; vm, sp, SINGLE)
                    }
                    // The specialised calls: each guards what its generic
                    // form's matching arm checks, without the match (the NULL
                    // under the callable, or its absence, included).
                    Opcode::CALL_PY_EXACT_ARGS | Opcode::CALL_PY_WITH_DEFAULTS if !SINGLE => {
                        let n = arg as usize;
                        let nargs = n + usize::from(!matches!(peek!(n + 2), Value::Unbound));
                        match peek!(nargs + 1).as_obj() {
                            Some(Object::Function(f))
                                if kwnames.is_none()
                                    && (f.code.simple_argcount == Some(nargs)
                                        || (op == Opcode::CALL_PY_WITH_DEFAULTS
                                            && f.positional_defaults(nargs).is_some())) =>
                            {
                                let result = call_py!('decode, f, n + 2, nargs; vm, sp, SINGLE);
                                finish_call!(result, n + 2, nargs; vm, sp, SINGLE)
                            }
                            _ => miss!('slow),
                        }
                    }
                    Opcode::CALL_BOUND_METHOD_EXACT_ARGS if !SINGLE => {
                        let n = arg as usize;
                        match (peek!(n + 2), peek!(n + 1).as_obj()) {
                            (Value::Unbound, Some(Object::BoundMethod(bm)))
                                if kwnames.is_none() =>
                            {
                                match &bm.func {
                                    Value::Obj(func) => match func.get() {
                                        Object::Function(f)
                                            if f.code.simple_argcount == Some(n + 1) =>
                                        {
                                            let bound = Some((bm.receiver.clone(), func.clone()));
                                            let result = call_py!('decode, f, n + 2, n, bound; vm, sp, SINGLE);
                                            finish_call!(result, n + 2, n; vm, sp, SINGLE)
                                        }
                                        _ => miss!('slow),
                                    },
                                    _ => miss!('slow),
                                }
                            }
                            _ => miss!('slow),
                        }
                    }
                    Opcode::CALL_BUILTIN_FAST if !SINGLE => {
                        let n = arg as usize;
                        match (peek!(n + 2), peek!(n + 1).as_obj()) {
                            (Value::Unbound, Some(Object::Builtin(b)))
                                if kwnames.is_none()
                                    && n > 0
                                    && !crate::vm::eval_exec::reads_frame(b.func) =>
                            {
                                let result = call_builtin!(b.func, n; vm, sp, SINGLE);
                                finish_call!(result, n + 2, n; vm, sp, SINGLE)
                            }
                            _ => miss!('slow),
                        }
                    }
                    Opcode::CALL_NO_KW_LEN if !SINGLE => match (peek!(3), peek!(2).as_obj()) {
                        (Value::Unbound, Some(Object::Builtin(b)))
                            if arg == 1
                                && kwnames.is_none()
                                && std::ptr::fn_addr_eq(b.func, vm.natives.len) =>
                        {
                            let n = match peek!(1).as_obj() {
                                Some(Object::List(l)) => Some(l.borrow().len()),
                                Some(Object::Tuple(t)) => Some(t.len()),
                                Some(Object::Str(s)) => Some(s.chars()),
                                Some(Object::Dict(d)) => Some(d.borrow().len()),
                                _ => None,
                            };
                            match n {
                                Some(n) => {
                                    // The argument, then `len`, then the NULL
                                    // (which owns nothing).
                                    drop(pop!());
                                    drop(pop!());
                                    sp = sp.wrapping_sub(1);
                                    push!(Value::Int(n as i64));
                                    true
                                }
                                // Another type: `len` called in place, as
                                // any built-in (its type's `__len__` slot).
                                None => {
                                    let result = call_builtin!(b.func, 1; vm, sp, SINGLE);
                                    finish_call!(result, 3, 1; vm, sp, SINGLE)
                                }
                            }
                        }
                        _ => miss!('slow),
                    },
                    Opcode::CALL_NO_KW_ISINSTANCE if !SINGLE => match (peek!(4), peek!(3).as_obj())
                    {
                        (Value::Unbound, Some(Object::Builtin(b)))
                            if arg == 2
                                && kwnames.is_none()
                                && std::ptr::fn_addr_eq(b.func, vm.natives.isinstance) =>
                        {
                            // An instance of exactly that class; anything
                            // else through `isinstance` itself.
                            let exact = match (peek!(2).as_obj(), peek!(1)) {
                                (Some(Object::Instance(i)), Value::Obj(c)) => i.class.ptr_eq(c),
                                _ => false,
                            };
                            if exact {
                                drop(pop!());
                                drop(pop!());
                                drop(pop!());
                                sp = sp.wrapping_sub(1);
                                push!(Value::Bool(true));
                                true
                            } else {
                                let result = call_builtin!(b.func, 2; vm, sp, SINGLE);
                                finish_call!(result, 4, 2; vm, sp, SINGLE)
                            }
                        }
                        _ => miss!('slow),
                    },
                    Opcode::CALL_NO_KW_METHOD_DESCRIPTOR_FAST if !SINGLE => {
                        let n = arg as usize;
                        match peek!(n + 2).as_obj() {
                            Some(Object::MethodDescr(MethodDescrObj { builtin, .. }))
                                if kwnames.is_none() && !matches!(peek!(n + 1), Value::Unbound) =>
                            {
                                let result = call_descriptor!(builtin.func, n; vm, sp, SINGLE);
                                finish_call!(result, n + 2, n + 1; vm, sp, SINGLE)
                            }
                            // A native type's method with its object.
                            Some(Object::Builtin(b))
                                if kwnames.is_none()
                                    && matches!(peek!(n + 1).as_obj(), Some(Object::Native(_)))
                                    && !crate::vm::eval_exec::reads_frame(b.func) =>
                            {
                                let result = call_descriptor!(b.func, n; vm, sp, SINGLE);
                                finish_call!(result, n + 2, n + 1; vm, sp, SINGLE)
                            }
                            _ => miss!('slow),
                        }
                    }
                    Opcode::CALL_NO_KW_LIST_APPEND if !SINGLE => {
                        // Stack: list.append, the list, the item.
                        let appended = match (peek!(3).as_obj(), peek!(2).as_obj()) {
                            (Some(Object::MethodDescr(d)), Some(Object::List(l)))
                                if arg == 1
                                    && kwnames.is_none()
                                    && std::ptr::fn_addr_eq(
                                        d.builtin.func,
                                        vm.natives.list_append,
                                    ) =>
                            {
                                match l.try_borrow_mut() {
                                    Ok(mut items) => {
                                        let room = items.try_reserve(1).is_ok();
                                        if room {
                                            items.push(pop!());
                                        }
                                        room
                                    }
                                    // (Out of memory, or the list in use:
                                    // the full call raises as it should.)
                                    _ => false,
                                }
                            }
                            _ => miss!('slow),
                        };
                        if !appended {
                            generic!('slow)
                        }
                        drop(pop!());
                        drop(pop!());
                        push_result!(Value::None);
                        true
                    }
                    Opcode::CALL_ALLOC_AND_ENTER_INIT if !SINGLE => {
                        let n = arg as usize;
                        match (peek!(n + 2), peek!(n + 1).as_obj()) {
                            (Value::Unbound, Some(Object::Class(c)))
                                if !SINGLE
                                    && kwnames.is_none()
                                    && c.builtin_kind.is_none()
                                    && vm.jit.is_none()
                                    && vm.depth < vm.recursion_limit =>
                            {
                                // (Comes back only when the class's
                                // `__init__` is no longer a plain function.)
                                let declined = alloc_and_enter_init!('decode, c, n; vm, sp, SINGLE);
                                drop(declined);
                                miss!('slow)
                            }
                            _ => miss!('slow),
                        }
                    }
                    // `type(x)`: NULL, `type`, x (the form is chosen only for
                    // one argument; the callable is tested by address).
                    Opcode::CALL_NO_KW_TYPE_1 if !SINGLE => {
                        // (Whether a KW_NAMES comes first is fixed at each
                        // call site: the generic CALL specialised this one
                        // without.)
                        debug_assert!(arg == 1 && kwnames.is_none());
                        if matches!(peek!(2), Value::Obj(t) if t.as_non_null() == vm.type_type)
                            && matches!(peek!(3), Value::Unbound)
                        {
                            // SAFETY: the stack's reference to `type` (the
                            // guard's) goes; the table of built-in types holds
                            // another. (The NULL under it owns nothing.)
                            unsafe { crate::object::value::ObjRef::drop_shared(vm.type_type) };
                            if matches!(peek!(1), Value::Obj(_)) {
                                let t = vm.type_value(peek!(1));
                                release!(pop!());
                                sp = sp.wrapping_sub(2);
                                push_result!(t);
                            } else {
                                // An immediate owns nothing: no release (and
                                // no call for the result to be kept across).
                                let t = vm.type_value(peek!(1));
                                sp = sp.wrapping_sub(3);
                                push_result!(t);
                            }
                            true
                        } else {
                            miss!('slow)
                        }
                    }
                    // PEP 659's specialised forms (`vm::specialize` chose them):
                    // each a guard and a short fast path; `miss!` when the
                    // guard fails, `generic!` when the guard held but the fast
                    // path cannot finish (an overflow, an index out of range).
                    Opcode::LOAD_ATTR_INSTANCE_VALUE
                    | Opcode::LOAD_ATTR_MODULE
                    | Opcode::LOAD_ATTR_CLASS
                        if !SINGLE =>
                    {
                        let found = match op {
                            Opcode::LOAD_ATTR_INSTANCE_VALUE => {
                                let obj = peek!(1);
                                // SAFETY: a specialised form's argument is a site.
                                unsafe { rt.attr_caches.load_instance_value(obj, arg as usize) }
                            }
                            Opcode::LOAD_ATTR_MODULE => {
                                rt.attr_caches.load_module_attr(peek!(1), arg as usize)
                            }
                            _ => rt.attr_caches.load_class_attr(peek!(1), arg as usize),
                        };
                        match found {
                            Some(v) => {
                                // SAFETY: the top of the stack is a value; the
                                // object is replaced (and released) by the result.
                                unsafe { *sp.sub(1) = v };
                                true
                            }
                            None => miss!('slow),
                        }
                    }
                    Opcode::LOAD_ATTR_PROPERTY if !SINGLE => {
                        match rt.attr_caches.load_property(peek!(1), arg as usize) {
                            // The getter called with the object as its one
                            // argument (its bound receiver: the object's slot
                            // stands for the callable, so the call needs no
                            // room beyond LOAD_ATTR's own).
                            Some(Value::Obj(getter)) => match getter.get() {
                                Object::Function(f) if f.code.simple_argcount == Some(1) => {
                                    let bound = Some((peek!(1).clone(), getter.clone()));
                                    let result = call_py!('decode, f, 1, 0, bound; vm, sp, SINGLE);
                                    finish_call!(result, 1, 0; vm, sp, SINGLE)
                                }
                                _ => miss!('slow),
                            },
                            _ => miss!('slow),
                        }
                    }
                    Opcode::LOAD_METHOD_CLASS if !SINGLE => {
                        match rt.attr_caches.load_method_on_class(peek!(1), arg as usize) {
                            // A classmethod: the class is its receiver; a
                            // function or staticmethod: none.
                            Some((f, bind)) => {
                                let cls = pop!();
                                if bind {
                                    push!(f);
                                    push!(cls);
                                } else {
                                    push!(Value::Unbound);
                                    push!(f);
                                }
                                true
                            }
                            None => miss!('slow),
                        }
                    }
                    Opcode::LOAD_METHOD_MODULE if !SINGLE => {
                        match rt.attr_caches.load_module_attr(peek!(1), arg as usize) {
                            Some(v) => {
                                // [NULL, attribute]: CALL calls the attribute
                                // without the module.
                                let module = pop!();
                                push!(Value::Unbound);
                                push!(v);
                                drop(module);
                                true
                            }
                            None => miss!('slow),
                        }
                    }
                    Opcode::STORE_ATTR_INSTANCE_VALUE if !SINGLE => {
                        let owner = peek!(1);
                        // SAFETY: a slot is written at once; the old value is
                        // released after (and the object, below the value on
                        // the stack, after that).
                        match unsafe { rt.attr_caches.store_target(owner, arg as usize) } {
                            StoreTarget::Slot(slot) => {
                                let obj = pop!();
                                drop(std::mem::replace(slot, pop!()));
                                drop(obj);
                                true
                            }
                            StoreTarget::Add(i, version, entry) => {
                                let obj = pop!();
                                let value = pop!();
                                match AttrCaches::add_instance_value(i, version, entry, value) {
                                    Ok(()) => {
                                        drop(obj);
                                        true
                                    }
                                    Err(value) => {
                                        push!(value);
                                        push!(obj);
                                        miss!('slow)
                                    }
                                }
                            }
                            StoreTarget::Miss => miss!('slow),
                        }
                    }
                    Opcode::LOAD_METHOD_WITH_VALUES | Opcode::LOAD_METHOD_NO_DICT if !SINGLE => {
                        let found = if op == Opcode::LOAD_METHOD_WITH_VALUES {
                            let obj = peek!(1);
                            // SAFETY: a specialised form's argument is a site.
                            unsafe { rt.attr_caches.load_method_with_values(obj, arg as usize) }
                        } else {
                            let obj = peek!(1);
                            // SAFETY: a specialised form's argument is a site.
                            unsafe { rt.attr_caches.load_method_no_dict(obj, arg as usize) }
                        };
                        match found {
                            Some(method) => {
                                let obj = pop!();
                                push!(method);
                                push!(obj);
                                true
                            }
                            None => miss!('slow),
                        }
                    }
                    // (Two arms: which dict the name is in is then a constant.)
                    Opcode::LOAD_GLOBAL_MODULE if !SINGLE => cached_global_arm!('slow, false),
                    Opcode::LOAD_GLOBAL_BUILTIN if !SINGLE => cached_global_arm!('slow, true),
                    Opcode::BINARY_OP_ADD_INT
                    | Opcode::BINARY_OP_SUBTRACT_INT
                    | Opcode::BINARY_OP_MULTIPLY_INT
                        if !SINGLE =>
                    {
                        binary_int_arm!('slow, op; sp)
                    }
                    Opcode::BINARY_OP_ADD_FLOAT
                    | Opcode::BINARY_OP_SUBTRACT_FLOAT
                    | Opcode::BINARY_OP_MULTIPLY_FLOAT
                        if !SINGLE =>
                    {
                        binary_float_arm!('slow, op; sp)
                    }
                    Opcode::BINARY_OP_INT | Opcode::BINARY_OP_FLOAT if !SINGLE => {
                        binary_number_arm!('slow, op, arg; sp)
                    }
                    Opcode::BINARY_OP_INSTANCE if !SINGLE => binary_instance_arm!('slow),
                    Opcode::BINARY_OP_ADD_UNICODE if !SINGLE => binary_add_unicode_arm!('slow),
                    Opcode::COMPARE_OP_INT | Opcode::COMPARE_OP_FLOAT | Opcode::COMPARE_OP_STR
                        if !SINGLE =>
                    {
                        let r = match (op, peek!(2), peek!(1)) {
                            (Opcode::COMPARE_OP_INT, a @ Value::Int(_), b @ Value::Int(_))
                            | (
                                Opcode::COMPARE_OP_FLOAT,
                                a @ Value::Float(_),
                                b @ Value::Float(_),
                            ) => fast_compare(arg, a, b),
                            (Opcode::COMPARE_OP_STR, a, b) => match (a.as_obj(), b.as_obj()) {
                                (Some(Object::Str(x)), Some(Object::Str(y))) => {
                                    Some(x.same_text(y) == (arg == CompareOp::Eq as u32))
                                }
                                _ => None,
                            },
                            _ => None,
                        };
                        let Some(r) = r else { miss!('slow) };
                        drop(pop!());
                        drop(pop!());
                        // Fused with a conditional jump that follows (CPython's
                        // COMPARE_OP_*_JUMP): the bool is never stacked.
                        if !SINGLE {
                            // SAFETY: COMPARE_OP is never the last instruction.
                            let (next, next_arg) = unsafe { (*ip, *ip.add(1) as usize) };
                            if next == Opcode::POP_JUMP_FORWARD_IF_FALSE as u8
                                || next == Opcode::POP_JUMP_FORWARD_IF_TRUE as u8
                            {
                                ip = ip.wrapping_add(2);
                                if r == (next == Opcode::POP_JUMP_FORWARD_IF_TRUE as u8) {
                                    ip = ip.wrapping_add(2 * next_arg);
                                }
                                next_instruction!('decode);
                            }
                        }
                        push!(Value::Bool(r));
                        true
                    }
                    Opcode::BINARY_SUBSCR_LIST_INT if !SINGLE => {
                        let item = match (peek!(2).as_obj(), peek!(1)) {
                            (Some(Object::List(l)), Value::Int(i)) => list_item(l, *i),
                            _ => miss!('slow),
                        };
                        subscr_result!('slow, item)
                    }
                    Opcode::BINARY_SUBSCR_TUPLE_INT if !SINGLE => {
                        let item = match (peek!(2).as_obj(), peek!(1)) {
                            (Some(Object::Tuple(t)), Value::Int(i)) => {
                                let at = if *i < 0 { *i + t.len() as i64 } else { *i };
                                usize::try_from(at).ok().and_then(|at| t.get(at).cloned())
                            }
                            _ => miss!('slow),
                        };
                        subscr_result!('slow, item)
                    }
                    Opcode::BINARY_SUBSCR_DICT if !SINGLE => binary_subscr_dict!('slow),
                    Opcode::STORE_SUBSCR_DICT if !SINGLE => store_subscr_dict!('slow),
                    Opcode::STORE_SUBSCR_LIST_INT if !SINGLE => {
                        store_subscr_list_int_arm!('slow; sp)
                    }
                    Opcode::UNPACK_SEQUENCE_TWO_TUPLE
                    | Opcode::UNPACK_SEQUENCE_TUPLE
                    | Opcode::UNPACK_SEQUENCE_LIST
                        if !SINGLE =>
                    {
                        unpack_sequence_arm!('slow, op, arg)
                    }
                    Opcode::FOR_ITER_RANGE | Opcode::FOR_ITER_LIST | Opcode::FOR_ITER_TUPLE
                        if !SINGLE =>
                    {
                        match for_iter_item(op, peek!(1)) {
                            Some(Some(v)) => {
                                // FOR_ITER + STORE_FAST: the item straight into
                                // the local (CPython 3.12's FOR_ITER_RANGE).
                                // SAFETY: FOR_ITER is never the last
                                // instruction; a verified STORE_FAST argument
                                // indexes the locals.
                                let (next, next_arg) = unsafe { (*ip, *ip.add(1) as usize) };
                                if next == Opcode::STORE_FAST as u8 {
                                    unsafe { *base.add(next_arg) = v };
                                    ip = ip.wrapping_add(2);
                                    next_instruction!('decode);
                                }
                                push!(v);
                                true
                            }
                            Some(None) => {
                                drop(pop!());
                                ip = ip.wrapping_add(2 * arg as usize);
                                true
                            }
                            None => miss!('slow),
                        }
                    }
                    Opcode::FOR_ITER_BUILTIN if !SINGLE => match peek!(1).as_obj() {
                        Some(Object::Iter(_)) => {
                            next_item!(crate::types::builtin_iter::iter_next(peek!(1)), arg)
                        }
                        _ => miss!('slow),
                    },
                    Opcode::RETURN_VALUE => {
                        let v = pop!();
                        sync!();
                        if !SINGLE {
                            // (No part of the finished frame is used after it
                            // is popped: see `current`.)
                            if let Some(done) = pop_frame(frames) {
                                vm.depth -= 1;
                                done.slab.release();
                                // (Most frames are no `__init__`'s: their value
                                // is the result, without a call.)
                                let r = match done.init_self {
                                    None => Ok(v),
                                    init_self => frame_result(init_self, v),
                                };
                                switch_frame!();
                                match r {
                                    Ok(v) => push_result!(v),
                                    // (Raised at the caller's call.)
                                    Err(e) => bail!(e),
                                }
                                break 'decode;
                            }
                        }
                        return Ok(Flow::Return(v));
                    }
                    // Every other opcode runs in full in `slow_op`: listed (no
                    // `_`), so the match is exhaustive and its jump table needs no
                    // range check.
                    slow_path_opcodes!() => false,
                };
                if fast {
                    next_instruction!('decode);
                }
            }
            // The instruction in full, read again from the bytes (its
            // opcode may be a specialised form; `slow_op` runs that as
            // its generic form with the code object's argument), so
            // that `op` and `arg` need not stay live through every
            // arm to here.
            // SAFETY: `ip` is past the instruction being run.
            let (op_byte, arg_byte) = unsafe { (*ip.sub(2), *ip.sub(1)) };
            // SAFETY: the byte is an opcode's (verified, or written
            // by the specialiser).
            run_slow!(
                unsafe { Opcode::from_u8_unchecked(op_byte) },
                arg_byte as u32
            );
            next_instruction!('decode);
        }
        decode!();
    }
}

/// `ip` unchanged, but opaque to the optimiser: the hot loop's decode
/// passes the stepped instruction pointer through it so that LLVM does
/// not rewrite later uses of `ip - 2` as the pointer before the step
/// (which would keep both alive through every arm, a register copy per
/// instruction).
#[inline(always)]
// (The block names the pointer's register and reads nothing through it.)
#[allow(clippy::pointers_in_nomem_asm_block)]
fn opaque_ip(ip: *const u8) -> *const u8 {
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    {
        let mut ip = ip;
        // SAFETY: an empty assembly block (a comment naming the register)
        // that leaves the register unchanged and touches no memory, stack
        // or flags.
        unsafe {
            std::arch::asm!(
                "/* {0} */",
                inout(reg) ip,
                options(pure, nomem, nostack, preserves_flags)
            )
        };
        ip
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    ip
}
