//! Direct calls between compiled functions: the check at the call site
//! and the direct entries it calls.
//!
//! A positional call whose callable turns out, at run time, to be a
//! Python function with compiled code that takes exactly these
//! arguments is made without the runtime, as CPython 3.11's `CALL`
//! pushes an interpreter frame without a C call in between. Compiled
//! code writes the call's values to its slab and checks
//! ([`Translator::direct_call`]) that the callable (under a NULL, or a
//! method under its object, which becomes the first argument) is a
//! function whose code has a **direct entry** for that many arguments,
//! and calls it.
//!
//! A direct entry ([`build_direct_entry`]) is compiled for each shape
//! (argument count and locals) of the functions compiled whose calls
//! need no argument binding (`direct_argcount`), once per JIT module: it
//! carves the callee's block from the interpreter's data stack (as the
//! runtime's `DataStack::slab` does), moves the arguments into it and
//! writes the other locals unbound, fills in the callee's `JitFrame` (a
//! stack slot of its native frame; the slab descriptor is another),
//! links it from the caller's frame (`JitFrame.callee`: `sys._getframe`
//! walks that chain), counts the call depth and calls the code's
//! compiled body (its `jit_entry`). When the body returned cleanly, it
//! takes the value, releases the locals and gives the block back (the
//! data stack's common case); anything else — an exception (which a
//! handler of the callee may catch, in the interpreter), leftovers, a
//! block given back out of order — goes to the `call_finish` helper. A
//! check that fails before the call (not a function, no direct entry,
//! other arguments, a pending signal, the recursion limit, the native
//! stack's red zone, no room in the data stack's chunk) gives "not
//! taken" with nothing consumed, and the call site calls the `call`
//! helper, which does all of that in the runtime.
//!
//! Why this split: the whole sequence at every call site doubled the
//! compile time of call-heavy programs; one stub for every call (session
//! 33) made it one indirect call site for all callees, mispredicted, and
//! kept every count in registers; one entry per shape has its counts as
//! constants (the copies and releases unrolled, fewer values live) and
//! costs one small function per shape, not per compiled function (one
//! per function delayed short programs' compiled code more than it
//! gained).

use super::{emit_decref, flags, Slot, Translator};
use crate::{Helper, Layout};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, types, InstBuilder, StackSlotData, StackSlotKind};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};

/// Direct call statuses: the call was made and its result is in the
/// callable's slot, it raised (the error is on the caller's frame), or
/// it was not taken (nothing consumed: the `call` helper makes it).
pub const CALL_RETURNED: i64 = 0;
pub const CALL_RAISED: i64 = 1;
pub const CALL_NOT_TAKEN: i64 = 2;

/// At most this many values are copied, written or released one by one
/// (unrolled); more take a loop.
const UNROLL: usize = 8;

/// `entry(frame, vals, callee_at, pc, code) -> status`: `vals` points
/// to the call's values in the caller's slab (where the result goes),
/// `callee_at` to the function's value (the arguments follow it), `pc`
/// is the CALL's offset and `code` the function's code (the runtime's
/// `RtCode`).
pub fn direct_entry_signature(call_conv: CallConv, ptr: ir::Type) -> ir::Signature {
    let mut sig = ir::Signature::new(call_conv);
    sig.params.push(ir::AbiParam::new(ptr));
    sig.params.push(ir::AbiParam::new(ptr));
    sig.params.push(ir::AbiParam::new(ptr));
    sig.params.push(ir::AbiParam::new(types::I64));
    sig.params.push(ir::AbiParam::new(ptr));
    sig.returns.push(ir::AbiParam::new(types::I32));
    sig
}

/// What a direct entry is made for: its code's positional argument
/// count and locals (`CodeObject`'s `direct_argcount` and `nlocals`).
/// One entry serves every code of its shape in a JIT module: the rest
/// (the frame's size, the constants, the compiled body) it reads from
/// the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DirectShape {
    pub nargs: usize,
    pub nlocals: usize,
}

impl Translator<'_, '_> {
    /// A direct call of the values at stack position `base` (flushed to
    /// the slab): a NULL, the callable and `all - 1` arguments, or a
    /// method, its object and `all - 1` more. When the callable is a
    /// function whose code has a direct entry for that many arguments,
    /// calls the entry; returns the status: [`CALL_RETURNED`] (the result
    /// in the slot at `base`), [`CALL_RAISED`], or [`CALL_NOT_TAKEN`]
    /// (nothing consumed).
    pub(super) fn direct_call(&mut self, base: usize, all: usize, pc: usize) -> ir::Value {
        let l = *self.layout;
        let Some(c) = l.calls else {
            return self.b.ins().iconst(types::I32, CALL_NOT_TAKEN);
        };
        let vs = l.value_size as i64;
        let at = self.slot_offset(self.nlocals + base);
        let vals = self.b.ins().iadd_imm_s(self.slab, at as i64);
        let (first, second) = (self.stack[base], self.stack[base + 1]);
        // Which layout: known while translating after LOAD_GLOBAL or
        // PUSH_NULL (a NULL) and for a method pushed as a constant; else
        // LOAD_METHOD's, read now.
        let (callee, callee_at, nargs) = if self.is_const_tag(first, l.tag_unbound) {
            let callee_at = self.b.ins().iadd_imm_s(vals, vs);
            let nargs = self.b.ins().iconst(types::I64, all as i64 - 1);
            (second, callee_at, nargs)
        } else if self.is_const_tag(first, l.tag_obj) {
            let nargs = self.b.ins().iconst(types::I64, all as i64);
            (first, vals, nargs)
        } else {
            let is_null = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, first.tag, l.tag_unbound);
            let callee = Slot {
                tag: self.b.ins().select(is_null, second.tag, first.tag),
                payload: self.b.ins().select(is_null, second.payload, first.payload),
            };
            let null_wide = self.b.ins().uextend(types::I64, is_null);
            let skip = self.b.ins().imul_imm_s(null_wide, vs);
            let callee_at = self.b.ins().iadd(vals, skip);
            let all_v = self.b.ins().iconst(types::I64, all as i64);
            let nargs = self.b.ins().isub(all_v, null_wide);
            (callee, callee_at, nargs)
        };
        let done = self.b.create_block();
        self.b.append_block_param(done, types::I32);
        let not_taken = self.b.create_block();
        // A Python function…
        let kind = self.heap_kind(callee, not_taken);
        let is_function = self.b.ins().icmp_imm_s(IntCC::Equal, kind, c.kind_function);
        let check_code = self.b.create_block();
        self.b
            .ins()
            .brif(is_function, check_code, &[], not_taken, &[]);
        self.b.switch_to_block(check_code);
        // … whose code has a direct entry for these arguments.
        let rc = self
            .b
            .ins()
            .load(types::I64, flags(), callee.payload, c.function_code);
        let code = self.b.ins().iadd_imm_s(rc, c.rc_value as i64);
        let direct_argc = self
            .b
            .ins()
            .load(types::I64, flags(), code, c.code_direct_argc);
        let same_argc = self.b.ins().icmp(IntCC::Equal, direct_argc, nargs);
        let entry = self
            .b
            .ins()
            .load(types::I64, flags(), code, c.code_direct_entry);
        let compiled = self.b.ins().icmp_imm_s(IntCC::NotEqual, entry, 0);
        let ok = self.b.ins().band(same_argc, compiled);
        let go = self.b.create_block();
        self.b.ins().brif(ok, go, &[], not_taken, &[]);
        self.b.switch_to_block(not_taken);
        let two = self.b.ins().iconst(types::I32, CALL_NOT_TAKEN);
        self.b.ins().jump(done, &[two.into()]);
        self.b.switch_to_block(go);
        let sig = match self.direct_entry_sig {
            Some(sig) => sig,
            None => {
                let call_conv = self.b.func.signature.call_conv;
                let sig = self
                    .b
                    .import_signature(direct_entry_signature(call_conv, types::I64));
                self.direct_entry_sig = Some(sig);
                sig
            }
        };
        let pcv = self.b.ins().iconst(types::I64, pc as i64);
        let call =
            self.b
                .ins()
                .call_indirect(sig, entry, &[self.frame, vals, callee_at, pcv, code]);
        let status = self.b.inst_results(call)[0];
        self.b.ins().jump(done, &[status.into()]);
        self.b.switch_to_block(done);
        self.b.block_params(done)[0]
    }
}

/// Emits `each(b, at, offset)` for the values `from..to` of an array of
/// values: unrolled (`at` None, `offset` the value's byte offset) for a
/// few, else as a loop (`at` the value's byte offset, `offset` 0).
fn for_each_value(
    b: &mut FunctionBuilder,
    from: usize,
    to: usize,
    value_size: i64,
    each: &mut dyn FnMut(&mut FunctionBuilder, Option<ir::Value>, i32),
) {
    if to <= from {
        return;
    }
    if to - from <= UNROLL {
        for i in from..to {
            each(b, None, (i as i64 * value_size) as i32);
        }
        return;
    }
    let head = b.create_block();
    b.append_block_param(head, types::I64);
    let body = b.create_block();
    let done = b.create_block();
    let start = b.ins().iconst(types::I64, from as i64);
    b.ins().jump(head, &[start.into()]);
    b.switch_to_block(head);
    let i = b.block_params(head)[0];
    let finished = b
        .ins()
        .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, i, to as i64);
    b.ins().brif(finished, done, &[], body, &[]);
    b.switch_to_block(body);
    let at = b.ins().imul_imm_s(i, value_size);
    each(b, Some(at), 0);
    let next = b.ins().iadd_imm_s(i, 1);
    b.ins().jump(head, &[next.into()]);
    b.switch_to_block(done);
}

/// `base`, plus `at` when there is one.
fn plus(b: &mut FunctionBuilder, base: ir::Value, at: Option<ir::Value>) -> ir::Value {
    match at {
        Some(at) => b.ins().iadd(base, at),
        None => base,
    }
}

/// Builds the direct entry of code of `shape` into `func` (whose
/// signature is [`direct_entry_signature`]); `import` gives the runtime
/// helpers it calls.
pub fn build_direct_entry(
    layout: &Layout,
    frontend: TargetFrontendConfig,
    func: &mut ir::Function,
    fctx: &mut FunctionBuilderContext,
    import: &mut dyn FnMut(&mut ir::Function, Helper) -> ir::FuncRef,
    shape: DirectShape,
) -> Result<(), String> {
    let l = *layout;
    let c = l.calls.ok_or("no direct-call layout")?;
    if shape.nargs > shape.nlocals {
        return Err("direct entry: more arguments than locals".into());
    }
    let free = import(func, Helper::Free);
    let call_finish = import(func, Helper::CallFinish);
    let ptr = types::I64;
    let mut b = FunctionBuilder::new(func, fctx);
    let entry_block = b.create_block();
    b.append_block_params_for_function_params(entry_block);
    b.switch_to_block(entry_block);
    let params = b.block_params(entry_block).to_vec();
    let (frame, vals, callee_at, pc, code) =
        (params[0], params[1], params[2], params[3], params[4]);
    let not_taken = b.create_block();
    b.set_cold_block(not_taken);
    let vs = l.value_size as i64;
    let load_value = |b: &mut FunctionBuilder, addr: ir::Value, off: i32| Slot {
        tag: b.ins().load(types::I64, flags(), addr, off),
        payload: b
            .ins()
            .load(types::I64, flags(), addr, off + l.payload_offset),
    };
    let store_value = |b: &mut FunctionBuilder, v: Slot, addr: ir::Value, off: i32| {
        b.ins().store(flags(), v.tag, addr, off);
        b.ins()
            .store(flags(), v.payload, addr, off + l.payload_offset);
    };
    let nlocals_c = shape.nlocals as i64;

    // No signal pending, below the recursion limit, above the native
    // stack's red zone, with room for the block in the data stack's
    // chunk.
    let frame_slot = b.create_sized_stack_slot(StackSlotData::new(
        StackSlotKind::ExplicitSlot,
        c.frame_size,
        4,
    ));
    let slab_slot = b.create_sized_stack_slot(StackSlotData::new(
        StackSlotKind::ExplicitSlot,
        c.slab_size,
        4,
    ));
    let word = b.ins().iconst(types::I64, l.signals_pending);
    let pending = b.ins().load(types::I64, flags(), word, 0);
    let mut ok = b.ins().icmp_imm_s(IntCC::Equal, pending, 0);
    let vm = b.ins().load(ptr, flags(), frame, c.frame_vm);
    let vm_depth = b.ins().load(types::I32, flags(), vm, c.vm_depth);
    let limit = b.ins().load(types::I32, flags(), vm, c.vm_recursion_limit);
    let below_limit = b.ins().icmp(IntCC::UnsignedLessThan, vm_depth, limit);
    ok = b.ins().band(ok, below_limit);
    let cf = b.ins().stack_addr(ptr, frame_slot, 0);
    let floor = b
        .ins()
        .load(types::I64, flags(), frame, c.frame_stack_floor);
    let stack_ok = b.ins().icmp(IntCC::UnsignedGreaterThan, cf, floor);
    ok = b.ins().band(ok, stack_ok);
    let ds = b.ins().load(ptr, flags(), vm, c.vm_data_stack);
    let top = b.ins().load(ptr, flags(), ds, c.ds_top);
    let ds_limit = b.ins().load(ptr, flags(), ds, c.ds_limit);
    let cap = b.ins().load(types::I64, flags(), code, c.code_frame_cap);
    let cap_bytes = b.ins().imul_imm_s(cap, vs);
    let need = b.ins().iadd_imm_s(cap_bytes, c.header_bytes);
    let room = b.ins().isub(ds_limit, top);
    let fits = b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, room, need);
    ok = b.ins().band(ok, fits);
    let go = b.create_block();
    b.ins().brif(ok, go, &[], not_taken, &[]);

    b.switch_to_block(not_taken);
    let two = b.ins().iconst(types::I32, CALL_NOT_TAKEN);
    b.ins().return_(&[two]);

    // The callee's block: a header linking the newest block, then its
    // values (`DataStack::slab`).
    b.switch_to_block(go);
    let last = b.ins().load(ptr, flags(), ds, c.ds_last);
    let current = b.ins().load(types::I64, flags(), ds, c.ds_current);
    let header = top;
    b.ins().store(flags(), last, header, c.header_prev);
    let current32 = b.ins().ireduce(types::I32, current);
    b.ins().store(flags(), current32, header, c.header_chunk);
    let zero8 = b.ins().iconst(types::I8, 0);
    b.ins().store(flags(), zero8, header, c.header_dead);
    b.ins().store(flags(), header, ds, c.ds_last);
    let new_top = b.ins().iadd(top, need);
    b.ins().store(flags(), new_top, ds, c.ds_top);
    let block = b.ins().iadd_imm_s(top, c.header_bytes);
    let nlocals = b.ins().iconst(types::I64, nlocals_c);
    let slab = b.ins().stack_addr(ptr, slab_slot, 0);
    b.ins().store(flags(), block, slab, c.slab_block);
    b.ins().store(flags(), nlocals, slab, c.slab_len);
    b.ins().store(flags(), cap, slab, c.slab_cap);
    b.ins().store(flags(), ds, slab, c.slab_home);

    // The arguments move (the caller's references become the callee's
    // locals); the other locals are unbound.
    let args = b.ins().iadd_imm_s(callee_at, vs);
    for_each_value(&mut b, 0, shape.nargs, vs, &mut |b, at, off| {
        let src = plus(b, args, at);
        let dst = plus(b, block, at);
        let arg = load_value(b, src, off);
        store_value(b, arg, dst, off);
    });
    let zero = b.ins().iconst(types::I64, 0);
    let unbound = Slot {
        tag: b.ins().iconst(types::I64, l.tag_unbound),
        payload: zero,
    };
    for_each_value(&mut b, shape.nargs, shape.nlocals, vs, &mut |b, at, off| {
        let dst = plus(b, block, at);
        store_value(b, unbound, dst, off);
    });

    // The callee's frame, as `run_compiled_on` fills it in.
    let callee_payload = b
        .ins()
        .load(types::I64, flags(), callee_at, l.payload_offset);
    let none = b.ins().iconst(types::I64, l.tag_none);
    let consts = b.ins().load(ptr, flags(), code, c.code_consts);
    let func_ptr = b
        .ins()
        .iadd_imm_s(callee_payload, c.function_payload as i64);
    let words: [(ir::Value, i32); 16] = [
        (block, l.frame_slab),
        (consts, l.frame_consts),
        (none, l.frame_ret),
        (zero, l.frame_ret + l.payload_offset),
        (zero, l.frame_depth),
        (zero, l.frame_pc),
        (zero, l.frame_start_pc),
        (vm, c.frame_vm),
        (func_ptr, c.frame_func),
        (slab, c.frame_vec),
        (nlocals, c.frame_nlocals),
        (zero, c.frame_kwnames),
        (zero, c.frame_kwnames + 8),
        (zero, c.frame_err),
        (floor, c.frame_stack_floor),
        (zero, c.frame_callee),
    ];
    for (v, off) in words {
        b.ins().store(flags(), v, cf, off);
    }
    // Linked from the caller's frame, which is at this instruction, one
    // level deeper.
    b.ins().store(flags(), cf, frame, c.frame_callee);
    b.ins().store(flags(), pc, frame, l.frame_pc);
    let deeper = b.ins().iadd_imm_s(vm_depth, 1);
    b.ins().store(flags(), deeper, vm, c.vm_depth);
    let body = b.ins().load(ptr, flags(), code, c.code_jit_entry);
    let sig = b.import_signature(super::entry_signature(b.func.signature.call_conv, ptr));
    let call = b.ins().call_indirect(sig, body, &[cf]);
    let status = b.inst_results(call)[0];
    // (What is needed after the call is read back from the callee's
    // frame, not kept across it: fewer values live across the call, no
    // spills.)
    let zero = b.ins().iconst(types::I64, 0);
    b.ins().store(flags(), zero, frame, c.frame_callee);
    let cf = b.ins().stack_addr(ptr, frame_slot, 0);
    let vm = b.ins().load(ptr, flags(), cf, c.frame_vm);
    let block = b.ins().load(ptr, flags(), cf, l.frame_slab);
    let func_ptr = b.ins().load(ptr, flags(), cf, c.frame_func);
    let callee = Slot {
        tag: b.ins().iconst(types::I64, l.tag_obj),
        payload: b.ins().iadd_imm_s(func_ptr, -(c.function_payload as i64)),
    };
    let header = b.ins().iadd_imm_s(block, -c.header_bytes);

    // Returned cleanly: nothing else left in the frame.
    let err = b.ins().load(types::I64, flags(), cf, c.frame_err);
    let left = b.ins().load(types::I64, flags(), cf, l.frame_depth);
    let kw0 = b.ins().load(types::I64, flags(), cf, c.frame_kwnames);
    let kw1 = b.ins().load(types::I64, flags(), cf, c.frame_kwnames + 8);
    let status_wide = b.ins().uextend(types::I64, status);
    let mut any = b.ins().bor(status_wide, err);
    any = b.ins().bor(any, left);
    any = b.ins().bor(any, kw0);
    any = b.ins().bor(any, kw1);
    let finish = b.create_block();
    b.set_cold_block(finish);
    let clean = b.create_block();
    b.ins().brif(any, finish, &[], clean, &[]);

    // One level up again, the callable released (the NULL owns nothing;
    // the arguments went to the callee), the result in its slot.
    let done = b.create_block();
    b.append_block_param(done, types::I64);
    b.append_block_param(done, types::I64);
    let leave = |b: &mut FunctionBuilder| {
        let d = b.ins().load(types::I32, flags(), vm, c.vm_depth);
        let up = b.ins().iadd_imm_s(d, -1);
        b.ins().store(flags(), up, vm, c.vm_depth);
        emit_decref(b, &l, callee, |b| {
            b.ins().call(free, &[callee.payload]);
        });
    };

    // The value taken, the locals released, the block given back when it
    // is the newest (checked after the release, which may run code).
    b.switch_to_block(clean);
    let ret = load_value(&mut b, cf, l.frame_ret);
    for_each_value(&mut b, 0, shape.nlocals, vs, &mut |b, at, off| {
        let addr = plus(b, block, at);
        let local = load_value(b, addr, off);
        emit_decref(b, &l, local, |b| {
            b.ins().call(free, &[local.payload]);
        });
    });
    let ds = b.ins().load(ptr, flags(), vm, c.vm_data_stack);
    let last_now = b.ins().load(ptr, flags(), ds, c.ds_last);
    let dead = b.ins().load(types::I64, flags(), ds, c.ds_dead);
    let chunk = b.ins().load(types::I32, flags(), header, c.header_chunk);
    let current = b.ins().load(types::I64, flags(), ds, c.ds_current);
    let current32 = b.ins().ireduce(types::I32, current);
    let is_newest = b.ins().icmp(IntCC::Equal, last_now, header);
    let none_dead = b.ins().icmp_imm_s(IntCC::Equal, dead, 0);
    let same_chunk = b.ins().icmp(IntCC::Equal, chunk, current32);
    let mut give_back = b.ins().band(is_newest, none_dead);
    give_back = b.ins().band(give_back, same_chunk);
    let pop = b.create_block();
    let pop_slow = b.create_block();
    b.set_cold_block(pop_slow);
    b.ins().brif(give_back, pop, &[], pop_slow, &[]);
    b.switch_to_block(pop);
    let prev = b.ins().load(ptr, flags(), header, c.header_prev);
    b.ins().store(flags(), header, ds, c.ds_top);
    b.ins().store(flags(), prev, ds, c.ds_last);
    b.ins().jump(done, &[ret.tag.into(), ret.payload.into()]);
    b.switch_to_block(pop_slow);
    let only_block = b.ins().iconst(types::I32, 4);
    b.ins().call(call_finish, &[frame, cf, only_block]);
    b.ins().jump(done, &[ret.tag.into(), ret.payload.into()]);

    b.switch_to_block(done);
    let p = b.block_params(done).to_vec();
    leave(&mut b);
    store_value(
        &mut b,
        Slot {
            tag: p[0],
            payload: p[1],
        },
        vals,
        0,
    );
    let returned = b.ins().iconst(types::I32, CALL_RETURNED);
    b.ins().return_(&[returned]);

    // Anything else: the runtime finishes the call (and runs the
    // callee's handlers); its result comes back in the scratch value.
    b.switch_to_block(finish);
    let call = b.ins().call(call_finish, &[frame, cf, status]);
    let finished = b.inst_results(call)[0];
    leave(&mut b);
    let fin_ok = b.create_block();
    let fin_err = b.create_block();
    b.set_cold_block(fin_err);
    b.ins().brif(finished, fin_err, &[], fin_ok, &[]);
    b.switch_to_block(fin_err);
    let raised = b.ins().iconst(types::I32, CALL_RAISED);
    b.ins().return_(&[raised]);
    b.switch_to_block(fin_ok);
    let r = load_value(&mut b, frame, l.frame_scratch);
    store_value(&mut b, r, vals, 0);
    let returned = b.ins().iconst(types::I32, CALL_RETURNED);
    b.ins().return_(&[returned]);

    b.seal_all_blocks();
    b.finalize(frontend);
    Ok(())
}
