//! BINARY_OP on two instances of one class whose special method for the
//! operator is a Python function (`v + w` of a vector class): where the
//! interpreter's feedback says so (`BINARY_OP_INSTANCE`), compiled code
//! guards both operands' class and its version, then calls the method
//! directly (`direct_calls.rs`) as a call of `method(a, b)` — no `binary`
//! helper, no slot search, no lookup by name, no argument list.
//!
//! Same class on both sides: CPython tries only the left operand's
//! method, and a NotImplemented from it goes on with what follows the
//! slots (`protocol::unanswered_binary`, usually the TypeError) — the
//! `binary` helper's `BINARY_KIND_UNANSWERED` kind, with the operands,
//! which compiled code keeps a reference to across the call.

use super::direct_calls::CALL_NOT_TAKEN;
use super::{Slot, Translator, BINARY_KIND_UNANSWERED};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder};
use taipan_bytecode::opcode::Opcode;

impl Translator<'_, '_> {
    /// BINARY_OP `arg` at `pc` as a direct call of the special method the
    /// interpreter found there; false (nothing emitted) without that
    /// feedback or the layouts it needs.
    pub(super) fn instance_binary(&mut self, arg: u32, pc: usize) -> Result<bool, String> {
        let (Some(seen), Some(il), Some(_)) = (
            self.feedback.binary(pc),
            self.layout.instance,
            self.layout.calls,
        ) else {
            return Ok(false);
        };
        if self.feedback.seen(pc) != Some(Opcode::BINARY_OP_INSTANCE) {
            return Ok(false);
        }
        let l = *self.layout;
        let [(a, a_owned), (b, b_owned)] = self.pop_operands()?;
        let depth_before = self.stack.len() + 2;
        let join = self.value_join();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);

        // Two instances of the class, which still has the version the
        // interpreter saw (so its dict still holds the function).
        for v in [a, b] {
            let kind = self.heap_kind(v, slow);
            let is_instance = self.b.ins().icmp_imm_s(IntCC::Equal, kind, il.kind);
            self.continue_if(is_instance, slow);
            let class_data =
                self.b
                    .ins()
                    .load(types::I64, super::flags(), v.payload, il.class_data);
            let same = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, class_data, seen.class_data as i64);
            self.continue_if(same, slow);
        }
        let class_data = self.b.ins().iconst(types::I64, seen.class_data as i64);
        let version = self
            .b
            .ins()
            .load(types::I64, super::flags(), class_data, il.class_version);
        let current = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, version, seen.version as i64);
        self.continue_if(current, slow);

        // The call's values above the rest of the stack: the method, then
        // new references to the operands, which become its locals (the
        // frame has a spare slot above its deepest stack for the third).
        self.flush();
        let base = self.stack.len();
        let method = Slot {
            tag: self.b.ins().iconst(types::I64, l.tag_obj),
            payload: self.b.ins().iconst(types::I64, seen.func as i64),
        };
        for (i, v) in [method, a, b].into_iter().enumerate() {
            self.incref(v);
            self.store_slot(self.nlocals + base + i, v);
        }
        self.stack.extend([method, a, b]);
        let status = self.direct_call(base, 2, pc);
        self.stack.truncate(base);
        let (returned_or_raised, not_taken) = (self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(not_taken);
        let is_not_taken = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, status, CALL_NOT_TAKEN);
        self.b
            .ins()
            .brif(is_not_taken, not_taken, &[], returned_or_raised, &[]);

        // Not taken (the method is not compiled yet, a signal is pending,
        // the recursion limit…): nothing was consumed; the references
        // made for the call go, and the `binary` helper does it all.
        self.b.switch_to_block(not_taken);
        for v in [method, a, b] {
            self.decref(v);
        }
        self.b.ins().jump(slow, &[]);

        // Raised: the error exit releases the operands this code owns.
        self.b.switch_to_block(returned_or_raised);
        let owned: Vec<Slot> = [(a, a_owned), (b, b_owned)]
            .iter()
            .filter(|(_, owned)| *owned)
            .map(|(s, _)| *s)
            .collect();
        self.leave_on_error(status, &owned, pc);
        let r = self.load_slot(self.nlocals + base);
        let answered = self.b.create_block();
        let kind = self.heap_kind(r, answered);
        let not_implemented = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, kind, l.kind_not_implemented);
        let unanswered = self.b.create_block();
        self.b.set_cold_block(unanswered);
        self.b
            .ins()
            .brif(not_implemented, unanswered, &[], answered, &[]);

        // NotImplemented: what CPython does after the slots.
        self.b.switch_to_block(unanswered);
        self.decref(r);
        let u = self.call_binary(
            BINARY_KIND_UNANSWERED + arg,
            [(a, a_owned), (b, b_owned)],
            pc,
            depth_before,
        );
        self.b.ins().jump(join, &[u.tag.into(), u.payload.into()]);

        // The method's result: the operands this code owns are released
        // (their `__del__`, if freed, runs now).
        self.b.switch_to_block(answered);
        if a_owned {
            self.decref_at(a, pc);
        }
        if b_owned {
            self.decref_at(b, pc);
        }
        self.b.ins().jump(join, &[r.tag.into(), r.payload.into()]);

        // Another class, or the method could not be called directly.
        self.b.switch_to_block(slow);
        let s = self.call_binary(arg, [(a, a_owned), (b, b_owned)], pc, depth_before);
        let res = self.meet_at(join, s);
        self.stack.push(res);
        Ok(true)
    }
}
