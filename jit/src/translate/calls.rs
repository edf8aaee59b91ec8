//! CALL: direct calls between compiled functions, built-in methods
//! called in place, and the `call` helper for everything else.
//!
//! A positional call is first made directly (`direct_calls.rs`), without
//! the runtime, when the callable turns out to be a Python function
//! whose compiled code has a direct entry for exactly these arguments;
//! when that is "not taken" (nothing consumed),
//! the call site calls the `call` helper, which handles every case, so
//! the behaviour is the helper's whatever the direct call does.

use super::direct_calls::CALL_NOT_TAKEN;
use super::{Slot, Translator};
use crate::Helper;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, types, InstBuilder};
use taipan_bytecode::opcode::Opcode;

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
        // `s.lower()`, `len(x)`): the direct call would only find it is no
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
            // A direct call, on the call's values in the slab.
            let base = depth - n;
            let status = self.direct_call(base, oparg as usize + 1, pc);
            let slow = self.b.create_block();
            let made = self.b.create_block();
            self.b.set_cold_block(slow);
            let not_taken = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, status, CALL_NOT_TAKEN);
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
