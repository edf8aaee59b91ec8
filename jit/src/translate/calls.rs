//! CALL: direct calls between compiled functions, and the `call` helper
//! for everything else.
//!
//! A positional call whose callable turns out, at run time, to be a
//! Python function with compiled code that takes exactly these
//! arguments (its code's `direct_argc`) is made without the runtime, as
//! CPython 3.11's `CALL` pushes an interpreter frame without a C call
//! in between. Compiled code writes the call's values to its slab and
//! calls the **call stub** ([`build_call_stub`]), one function per
//! JIT compiled once in IR, which: carves the callee's block from the
//! interpreter's data stack (as the runtime's `DataStack::slab` does),
//! moves the arguments into it and writes the other locals unbound,
//! fills in the callee's `JitFrame` (a stack slot of the stub's native
//! frame; its slab descriptor is another), links it from the caller's
//! frame (`JitFrame.callee`: `sys._getframe` walks that chain), counts
//! the call depth, and calls the callee's entry. When the callee
//! returned cleanly, it takes the value, releases the callee's locals
//! and gives the block back (the data stack's common case); anything
//! else — an exception (which a handler of the callee may catch, in the
//! interpreter), leftovers, a block given back out of order — goes to
//! the `call_finish` helper. Every check that fails before the call
//! (not a function, not compiled, other arguments, a pending signal,
//! the recursion limit, the native stack's red zone, no room in the
//! data stack's chunk) makes the stub return "not taken" and the call
//! site calls the `call` helper, which does all of that in the runtime,
//! so the behaviour is the helper's in every case. (One stub rather
//! than the sequence at every call site: inlined, it doubled the
//! compile time of call-heavy programs.)

use super::{emit_decref, flags, Slot, Translator};
use crate::{Helper, Layout};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, types, InstBuilder, StackSlotData, StackSlotKind};
use cranelift_codegen::isa::TargetFrontendConfig;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use taipan_bytecode::opcode::Opcode;

/// Call stub statuses: the call was made and its result is in the
/// callable's slot, it raised (the error is on the caller's frame), or
/// it was not taken (nothing consumed: the `call` helper makes it).
pub const STUB_RETURNED: i64 = 0;
pub const STUB_RAISED: i64 = 1;
pub const STUB_NOT_TAKEN: i64 = 2;

impl Translator<'_, '_> {
    /// CALL with `oparg` positional arguments: below them the callable
    /// and a NULL, or a method and its object (which becomes the first
    /// argument).
    pub(super) fn call(&mut self, oparg: u32, pc: usize) -> Result<(), String> {
        let n = oparg as usize + 2;
        let depth = self.stack.len();
        if depth < n {
            return Err("CALL underflow".into());
        }
        if self.inline_builtin_call(oparg, pc) {
            return Ok(());
        }
        self.flush();
        // The interpreter saw a built-in called here (`q.popleft()`,
        // `s.lower()`, `len(x)`): the stub would only find it is no
        // Python function, so the `call` helper, which calls built-ins in
        // place first, is called straight away.
        let builtin_seen = matches!(
            self.feedback.seen(pc),
            Some(
                Opcode::CALL_BUILTIN_FAST
                    | Opcode::CALL_NO_KW_METHOD_DESCRIPTOR_FAST
                    | Opcode::CALL_NO_KW_LEN
                    | Opcode::CALL_NO_KW_ISINSTANCE
                    | Opcode::CALL_NO_KW_LIST_APPEND
                    | Opcode::CALL_NO_KW_TYPE_1
            )
        );
        let natives = match self.feedback.seen(pc) {
            Some(Opcode::CALL_NO_KW_METHOD_DESCRIPTOR_FAST) => self
                .native_methods
                .get(&self.stack[depth - n].payload)
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if !natives.is_empty() {
            self.native_method_call(&natives, oparg, pc, depth);
        } else if self.layout.calls.is_some() && !builtin_seen {
            // The stub, on the call's values in the slab.
            let base = depth - n;
            let at = self.slot_offset(self.nlocals + base);
            let vals = self.b.ins().iadd_imm_s(self.slab, at as i64);
            let all = self.b.ins().iconst(types::I64, oparg as i64 + 1);
            let pcv = self.b.ins().iconst(types::I64, pc as i64);
            let call = self.b.ins().call(
                self.helpers[Helper::DirectCall as usize],
                &[self.frame, vals, all, pcv],
            );
            let status = self.b.inst_results(call)[0];
            let slow = self.b.create_block();
            let made = self.b.create_block();
            self.b.set_cold_block(slow);
            let not_taken = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, status, STUB_NOT_TAKEN);
            self.b.ins().brif(not_taken, slow, &[], made, &[]);
            self.b.switch_to_block(made);
            // Raised: the call's values were consumed, the rest of the
            // stack stays for the error exit.
            let saved = self.stack.split_off(base);
            self.leave_on_error(status, &[], pc);
            self.stack.extend(saved);
            let after = self.b.create_block();
            self.b.ins().jump(after, &[]);
            self.b.switch_to_block(slow);
            self.call_helper(oparg, pc, depth);
            self.b.ins().jump(after, &[]);
            self.b.switch_to_block(after);
        } else {
            self.call_helper(oparg, pc, depth);
        }
        // The values under the call's stay as they were in both cases
        // (only the call's slots are touched): the abstract stack keeps
        // them; the result is in the callable's slot.
        self.reload_top(depth - n);
        Ok(())
    }

    /// A CALL of a method LOAD_METHOD found on a built-in or native type
    /// (`s.strip()`, `d.get(k, 0)`, `q.popleft()`), the stack flushed:
    /// when the method is one of `natives` (its object's address and its
    /// built-in function's), the function is called through the
    /// `call_native` helper on the call's values in place; any other
    /// callable through the `call` helper. Continues with the result in
    /// the callable's slot.
    fn native_method_call(&mut self, natives: &[(i64, u64)], oparg: u32, pc: usize, depth: usize) {
        let base = depth - oparg as usize - 2;
        let callable = self.stack[base].payload;
        let at = self.slot_offset(self.nlocals + base);
        let after = self.b.create_block();
        for &(method, func) in natives {
            let hit = self.b.create_block();
            let next = self.b.create_block();
            let same = self.b.ins().icmp_imm_s(IntCC::Equal, callable, method);
            self.b.ins().brif(same, hit, &[], next, &[]);
            self.b.switch_to_block(hit);
            let vals = self.b.ins().iadd_imm_s(self.slab, at as i64);
            let fv = self.b.ins().iconst(types::I64, func as i64);
            let nv = self.b.ins().iconst(types::I32, oparg as i64 + 1);
            let pcv = self.b.ins().iconst(types::I32, pc as i64);
            let call = self.b.ins().call(
                self.helpers[Helper::CallNative as usize],
                &[self.frame, fv, vals, nv, pcv],
            );
            let status = self.b.inst_results(call)[0];
            let ok = self.b.create_block();
            self.b.ins().brif(status, self.error_block, &[], ok, &[]);
            self.b.switch_to_block(ok);
            self.b.ins().jump(after, &[]);
            self.b.switch_to_block(next);
        }
        self.call_helper(oparg, pc, depth);
        self.b.ins().jump(after, &[]);
        self.b.switch_to_block(after);
    }

    /// The `call` helper with the stack flushed; continues (status 0)
    /// with the result in the callable's slot of the slab.
    pub(super) fn call_helper(&mut self, oparg: u32, pc: usize, depth: usize) {
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let dv = self.b.ins().iconst(types::I32, depth as i64);
        let av = self.b.ins().iconst(types::I32, oparg as i64 + 1);
        let call = self.b.ins().call(
            self.helpers[Helper::Call as usize],
            &[self.frame, pcv, dv, av],
        );
        let status = self.b.inst_results(call)[0];
        let ok = self.b.create_block();
        self.b.ins().brif(status, self.error_block, &[], ok, &[]);
        self.b.switch_to_block(ok);
    }

    /// Whether `s`'s tag is the constant `tag` (known while translating).
    pub(super) fn is_const_tag(&self, s: Slot, tag: i64) -> bool {
        let dfg = &self.b.func.dfg;
        match dfg.value_def(s.tag) {
            ir::ValueDef::Result(inst, _) => matches!(
                dfg.insts[inst],
                ir::InstructionData::UnaryImm {
                    opcode: ir::Opcode::Iconst,
                    imm,
                } if imm.bits() == tag
            ),
            _ => false,
        }
    }

    /// Keeps the abstract stack's first `base` values and pushes the one
    /// in the slab at `base` (a call's result).
    fn reload_top(&mut self, base: usize) {
        self.stack.truncate(base);
        let r = self.load_slot(self.nlocals + base);
        self.stack.push(r);
    }
}

/// `stub(frame, vals, all, pc) -> status`: see the module doc. `vals`
/// points to the call's values in the caller's slab (the NULL or the
/// method, then `all` more), `pc` is the CALL's offset.
pub fn stub_signature(call_conv: cranelift_codegen::isa::CallConv, ptr: ir::Type) -> ir::Signature {
    let mut sig = ir::Signature::new(call_conv);
    sig.params.push(ir::AbiParam::new(ptr));
    sig.params.push(ir::AbiParam::new(ptr));
    sig.params.push(ir::AbiParam::new(types::I64));
    sig.params.push(ir::AbiParam::new(types::I64));
    sig.returns.push(ir::AbiParam::new(types::I32));
    sig
}

/// Builds the call stub into `func` (whose signature is
/// [`stub_signature`]); `import` gives the runtime helpers it calls.
pub fn build_call_stub(
    layout: &Layout,
    frontend: TargetFrontendConfig,
    func: &mut ir::Function,
    fctx: &mut FunctionBuilderContext,
    import: &mut dyn FnMut(&mut ir::Function, Helper) -> ir::FuncRef,
) -> Result<(), String> {
    let l = *layout;
    let c = l.calls.ok_or("no direct-call layout")?;
    let free = import(func, Helper::Free);
    let call_finish = import(func, Helper::CallFinish);
    let ptr = types::I64;
    let mut b = FunctionBuilder::new(func, fctx);
    let entry_block = b.create_block();
    b.append_block_params_for_function_params(entry_block);
    b.switch_to_block(entry_block);
    let params = b.block_params(entry_block).to_vec();
    let (frame, vals, all, pc) = (params[0], params[1], params[2], params[3]);
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

    // Which layout: [NULL, callable, args…] or [method, object, args…].
    let first = b.ins().load(types::I64, flags(), vals, 0);
    let is_null = b.ins().icmp_imm_s(IntCC::Equal, first, l.tag_unbound);
    let null_wide = b.ins().uextend(types::I64, is_null);
    let skip = b.ins().imul_imm_s(null_wide, vs);
    let callee_at = b.ins().iadd(vals, skip);
    let callee = load_value(&mut b, callee_at, 0);
    let args = b.ins().iadd_imm_s(callee_at, vs);
    let nargs = b.ins().isub(all, null_wide);

    // A Python function…
    let is_obj = b.ins().icmp_imm_s(IntCC::Equal, callee.tag, l.tag_obj);
    let check_kind = b.create_block();
    b.ins().brif(is_obj, check_kind, &[], not_taken, &[]);
    b.switch_to_block(check_kind);
    let kind = b
        .ins()
        .load(types::I16, flags(), callee.payload, l.kind_offset);
    let is_function = b.ins().icmp_imm_s(IntCC::Equal, kind, c.kind_function);
    let check_code = b.create_block();
    b.ins().brif(is_function, check_code, &[], not_taken, &[]);
    b.switch_to_block(check_code);
    // … whose code takes these arguments and is compiled, no signal
    // pending, below the recursion limit, above the native stack's red
    // zone, with room for its block in the data stack's chunk.
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
    let rc = b.ins().load(ptr, flags(), callee.payload, c.function_code);
    let code = b.ins().iadd_imm_s(rc, c.rc_value as i64);
    let direct_argc = b.ins().load(types::I64, flags(), code, c.code_direct_argc);
    let mut ok = b.ins().icmp(IntCC::Equal, direct_argc, nargs);
    let entry = b.ins().load(ptr, flags(), code, c.code_jit_entry);
    let compiled = b.ins().icmp_imm_s(IntCC::NotEqual, entry, 0);
    ok = b.ins().band(ok, compiled);
    let word = b.ins().iconst(types::I64, l.signals_pending);
    let pending = b.ins().load(types::I64, flags(), word, 0);
    let quiet = b.ins().icmp_imm_s(IntCC::Equal, pending, 0);
    ok = b.ins().band(ok, quiet);
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
    let two = b.ins().iconst(types::I32, STUB_NOT_TAKEN);
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
    let nlocals = b.ins().load(types::I64, flags(), code, c.code_nlocals);
    let slab = b.ins().stack_addr(ptr, slab_slot, 0);
    b.ins().store(flags(), block, slab, c.slab_block);
    b.ins().store(flags(), nlocals, slab, c.slab_len);
    b.ins().store(flags(), cap, slab, c.slab_cap);
    b.ins().store(flags(), ds, slab, c.slab_home);

    // The arguments move (the caller's references become the callee's
    // locals); the other locals are unbound.
    let zero = b.ins().iconst(types::I64, 0);
    let copy_head = b.create_block();
    b.append_block_param(copy_head, types::I64);
    let copy_body = b.create_block();
    let fill_head = b.create_block();
    b.append_block_param(fill_head, types::I64);
    let fill_body = b.create_block();
    let init = b.create_block();
    b.ins().jump(copy_head, &[zero.into()]);
    b.switch_to_block(copy_head);
    let i = b.block_params(copy_head)[0];
    let copied = b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, nargs);
    b.ins().brif(copied, fill_head, &[i.into()], copy_body, &[]);
    b.switch_to_block(copy_body);
    let at = b.ins().imul_imm_s(i, vs);
    let dst = b.ins().iadd(block, at);
    let src = b.ins().iadd(args, at);
    let arg = load_value(&mut b, src, 0);
    store_value(&mut b, arg, dst, 0);
    let next = b.ins().iadd_imm_s(i, 1);
    b.ins().jump(copy_head, &[next.into()]);
    b.switch_to_block(fill_head);
    let i = b.block_params(fill_head)[0];
    let filled = b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, nlocals);
    b.ins().brif(filled, init, &[], fill_body, &[]);
    b.switch_to_block(fill_body);
    let at = b.ins().imul_imm_s(i, vs);
    let dst = b.ins().iadd(block, at);
    let unbound = Slot {
        tag: b.ins().iconst(types::I64, l.tag_unbound),
        payload: zero,
    };
    store_value(&mut b, unbound, dst, 0);
    let next = b.ins().iadd_imm_s(i, 1);
    b.ins().jump(fill_head, &[next.into()]);
    b.switch_to_block(init);

    // The callee's frame, as `run_compiled_on` fills it in.
    let none = b.ins().iconst(types::I64, l.tag_none);
    let consts = b.ins().load(ptr, flags(), code, c.code_consts);
    let func_ptr = b
        .ins()
        .iadd_imm_s(callee.payload, c.function_payload as i64);
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
    let sig = b.import_signature(super::entry_signature(b.func.signature.call_conv, ptr));
    let call = b.ins().call_indirect(sig, entry, &[cf]);
    let status = b.inst_results(call)[0];
    // (What is needed after the call is read back from the callee's
    // frame, not kept across it: fewer values live across the call, no
    // spills.)
    let zero = b.ins().iconst(types::I64, 0);
    b.ins().store(flags(), zero, frame, c.frame_callee);
    let cf = b.ins().stack_addr(ptr, frame_slot, 0);
    let vm = b.ins().load(ptr, flags(), cf, c.frame_vm);
    let block = b.ins().load(ptr, flags(), cf, l.frame_slab);
    let nlocals = b.ins().load(types::I64, flags(), cf, c.frame_nlocals);
    let func_ptr = b.ins().load(ptr, flags(), cf, c.frame_func);
    let callee = Slot {
        tag: b.ins().iconst(types::I64, l.tag_obj),
        payload: b.ins().iadd_imm_s(func_ptr, -(c.function_payload as i64)),
    };
    let ds = b.ins().load(ptr, flags(), vm, c.vm_data_stack);
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
    let head = b.create_block();
    b.append_block_param(head, types::I64);
    let body = b.create_block();
    let released = b.create_block();
    b.ins().jump(head, &[zero.into()]);
    b.switch_to_block(head);
    let i = b.block_params(head)[0];
    let all_released = b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, nlocals);
    b.ins().brif(all_released, released, &[], body, &[]);
    b.switch_to_block(body);
    let at = b.ins().imul_imm_s(i, vs);
    let addr = b.ins().iadd(block, at);
    let local = load_value(&mut b, addr, 0);
    emit_decref(&mut b, &l, local, |b| {
        b.ins().call(free, &[local.payload]);
    });
    let next = b.ins().iadd_imm_s(i, 1);
    b.ins().jump(head, &[next.into()]);
    b.switch_to_block(released);
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
    let returned = b.ins().iconst(types::I32, STUB_RETURNED);
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
    let raised = b.ins().iconst(types::I32, STUB_RAISED);
    b.ins().return_(&[raised]);
    b.switch_to_block(fin_ok);
    let r = load_value(&mut b, frame, l.frame_scratch);
    store_value(&mut b, r, vals, 0);
    let returned = b.ins().iconst(types::I32, STUB_RETURNED);
    b.ins().return_(&[returned]);

    b.seal_all_blocks();
    b.finalize(frontend);
    Ok(())
}
