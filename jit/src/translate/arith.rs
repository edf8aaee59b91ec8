//! Operators in compiled code: truth tests, `BINARY_OP`, `COMPARE_OP`
//! and a comparison fused with the branch after it. Ints and floats take
//! inline fast paths (overflow-checked for ints); everything else the
//! `binary` or `truthy` helper, or the interpreter for one instruction.

use super::{flags, float_cc, int_cc, Slot, Translator, BINARY_KIND_COMPARE};
use crate::Helper;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, types, Block, InstBuilder, MemFlagsData};
use taipan_bytecode::opcode::{BinaryOp, CompareOp, Opcode};
impl Translator<'_, '_> {
    /// The truth of `v` as an i8 condition. Booleans, ints and None are
    /// tested inline; other values through `truthy(frame, depth, pop)`,
    /// which reads the value at `depth - 1` in the slab.
    pub(super) fn truth(
        &mut self,
        v: Slot,
        depth: usize,
        pop: bool,
        flush: bool,
        pc: usize,
    ) -> ir::Value {
        let l = *self.layout;
        let join = self.b.create_block();
        self.b.append_block_param(join, types::I8);
        let simple = self.b.create_block();
        let not_simple = self.b.create_block();
        let helper = self.b.create_block();
        let is_bool = self.is_tag(v, l.tag_bool);
        let is_int = self.is_tag(v, l.tag_int);
        let either = self.b.ins().bor(is_bool, is_int);
        self.b.ins().brif(either, simple, &[], not_simple, &[]);
        self.b.switch_to_block(simple);
        // A bool's payload is one byte (`Value::Bool(bool)`); the rest of
        // the word is padding.
        let low = self.b.ins().band_imm_u(v.payload, 0xFF);
        let word = self.b.ins().select(is_bool, low, v.payload);
        let t = self.b.ins().icmp_imm_s(IntCC::NotEqual, word, 0);
        self.b.ins().jump(join, &[t.into()]);
        self.b.switch_to_block(not_simple);
        let is_none = self.is_tag(v, l.tag_none);
        let f = self.b.ins().iconst(types::I8, 0);
        self.b.ins().brif(is_none, join, &[f.into()], helper, &[]);
        self.b.switch_to_block(helper);
        // The helper reads the value from the slab, with the stack below
        // it there (callers at a branch have flushed it already).
        if flush {
            self.flush();
        }
        self.store_slot(self.nlocals + depth - 1, v);
        let dv = self.b.ins().iconst(types::I32, depth as i64);
        let pv = self.b.ins().iconst(types::I32, pop as i64);
        let call = self
            .b
            .ins()
            .call(self.helpers[Helper::Truthy as usize], &[self.frame, dv, pv]);
        let r = self.b.inst_results(call)[0];
        // Status 2: `__bool__` / `__len__` raised; the value (if popped)
        // is gone and the stack below it is in the slab.
        let raised = self.b.ins().icmp_imm_s(IntCC::Equal, r, 2);
        let failed = self.b.create_block();
        let ok = self.b.create_block();
        self.b.set_cold_block(failed);
        self.b.ins().brif(raised, failed, &[], ok, &[]);
        self.b.switch_to_block(failed);
        let left = if pop { depth - 1 } else { depth };
        let d = self.b.ins().iconst(types::I64, left as i64);
        self.b.ins().store(flags(), d, self.frame, l.frame_depth);
        let p = self.b.ins().iconst(types::I64, pc as i64);
        self.b.ins().store(flags(), p, self.frame, l.frame_pc);
        self.b.ins().jump(self.error_block, &[]);
        self.b.switch_to_block(ok);
        let t = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
        self.b.ins().jump(join, &[t.into()]);
        self.b.switch_to_block(join);
        self.b.block_params(join)[0]
    }

    /// BINARY_OP: int fast path (overflow-checked), float fast path, and
    /// the interpreter for everything else (big ints, sequences, errors).
    pub(super) fn binary_op(&mut self, arg: u32, pc: usize) -> Result<(), String> {
        let l = *self.layout;
        let (bop, _) = BinaryOp::from_arg(arg).ok_or("bad BINARY_OP argument")?;
        let [(a, a_owned), (b_, b_owned)] = self.pop_operands()?;
        let depth_before = self.stack.len() + 2;
        let join = self.value_join();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);

        // The interpreter's feedback: a site that specialised to a float
        // form gets no int fast path, one that specialised to an int form
        // no float fast path (the slow path still handles everything).
        let seen = self.feedback.seen(pc);
        let saw_float = matches!(
            seen,
            Some(
                Opcode::BINARY_OP_ADD_FLOAT
                    | Opcode::BINARY_OP_SUBTRACT_FLOAT
                    | Opcode::BINARY_OP_MULTIPLY_FLOAT
                    | Opcode::BINARY_OP_FLOAT
            )
        );
        let saw_int = matches!(
            seen,
            Some(
                Opcode::BINARY_OP_ADD_INT
                    | Opcode::BINARY_OP_SUBTRACT_INT
                    | Opcode::BINARY_OP_MULTIPLY_INT
                    | Opcode::BINARY_OP_INT
            )
        );
        let int_ok = !saw_float
            && matches!(
                bop,
                BinaryOp::Add
                    | BinaryOp::Subtract
                    | BinaryOp::Multiply
                    | BinaryOp::And
                    | BinaryOp::Or
                    | BinaryOp::Xor
                    | BinaryOp::FloorDivide
                    | BinaryOp::Remainder
            );
        // (`**` of floats where the interpreter saw floats: its generic
        // float form, as it has no specialised one.)
        let float_pow = bop == BinaryOp::Power && seen == Some(Opcode::BINARY_OP_FLOAT);
        let float_ok = !saw_int
            && (float_pow
                || matches!(
                    bop,
                    BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply | BinaryOp::TrueDivide
                ));
        let after_int = self.b.create_block();
        if int_ok {
            let fast = self.b.create_block();
            self.branch_if_both(a, b_, l.tag_int, fast, after_int);
            self.b.switch_to_block(fast);
            let int_tag = self.b.ins().iconst(types::I64, l.tag_int);
            match bop {
                BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply => {
                    let (r, of) = match bop {
                        BinaryOp::Add => self.b.ins().sadd_overflow(a.payload, b_.payload),
                        BinaryOp::Subtract => self.b.ins().ssub_overflow(a.payload, b_.payload),
                        _ => self.b.ins().smul_overflow(a.payload, b_.payload),
                    };
                    self.b
                        .ins()
                        .brif(of, slow, &[], join, &[int_tag.into(), r.into()]);
                }
                BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => {
                    let r = match bop {
                        BinaryOp::And => self.b.ins().band(a.payload, b_.payload),
                        BinaryOp::Or => self.b.ins().bor(a.payload, b_.payload),
                        _ => self.b.ins().bxor(a.payload, b_.payload),
                    };
                    self.b.ins().jump(join, &[int_tag.into(), r.into()]);
                }
                _ => {
                    // Floor division / modulo with a positive divisor.
                    let positive = self
                        .b
                        .ins()
                        .icmp_imm_s(IntCC::SignedGreaterThan, b_.payload, 0);
                    let divide = self.b.create_block();
                    self.b.ins().brif(positive, divide, &[], slow, &[]);
                    self.b.switch_to_block(divide);
                    let q = self.b.ins().sdiv(a.payload, b_.payload);
                    let r = self.b.ins().srem(a.payload, b_.payload);
                    let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, r, 0);
                    let one = self.b.ins().iconst(types::I64, 1);
                    let zero = self.b.ins().iconst(types::I64, 0);
                    let adj = self.b.ins().select(neg, one, zero);
                    let res = if bop == BinaryOp::FloorDivide {
                        self.b.ins().isub(q, adj)
                    } else {
                        let add = self.b.ins().select(neg, b_.payload, zero);
                        self.b.ins().iadd(r, add)
                    };
                    self.b.ins().jump(join, &[int_tag.into(), res.into()]);
                }
            }
        } else {
            self.b.ins().jump(after_int, &[]);
        }
        self.b.switch_to_block(after_int);
        if float_ok {
            // Floats, and int/float mixes (the int converts exactly as
            // Python's `float(int)` rounds): one shared float block.
            let float_op = self.b.create_block();
            self.b.append_block_param(float_op, types::F64);
            self.b.append_block_param(float_op, types::F64);
            let both_float = self.b.create_block();
            let not_both = self.b.create_block();
            self.branch_if_both(a, b_, l.tag_float, both_float, not_both);
            self.b.switch_to_block(both_float);
            let (x, y) = (self.as_f64(a), self.as_f64(b_));
            self.b.ins().jump(float_op, &[x.into(), y.into()]);

            self.b.switch_to_block(not_both);
            let a_int = self.is_tag(a, l.tag_int);
            let b_float = self.is_tag(b_, l.tag_float);
            let int_float = self.b.ins().band(a_int, b_float);
            let mixed1 = self.b.create_block();
            let check2 = self.b.create_block();
            self.b.ins().brif(int_float, mixed1, &[], check2, &[]);
            self.b.switch_to_block(mixed1);
            let x = self.b.ins().fcvt_from_sint(types::F64, a.payload);
            let y = self.as_f64(b_);
            self.b.ins().jump(float_op, &[x.into(), y.into()]);

            self.b.switch_to_block(check2);
            let a_float = self.is_tag(a, l.tag_float);
            let b_int = self.is_tag(b_, l.tag_int);
            let float_int = self.b.ins().band(a_float, b_int);
            let mixed2 = self.b.create_block();
            self.b.ins().brif(float_int, mixed2, &[], slow, &[]);
            self.b.switch_to_block(mixed2);
            let x = self.as_f64(a);
            let y = self.b.ins().fcvt_from_sint(types::F64, b_.payload);
            self.b.ins().jump(float_op, &[x.into(), y.into()]);

            self.b.switch_to_block(float_op);
            let (x, y) = (
                self.b.block_params(float_op)[0],
                self.b.block_params(float_op)[1],
            );
            let float_tag = self.b.ins().iconst(types::I64, l.tag_float);
            let r = match bop {
                BinaryOp::Power => self.float_power(x, y, slow),
                BinaryOp::Add => self.b.ins().fadd(x, y),
                BinaryOp::Subtract => self.b.ins().fsub(x, y),
                BinaryOp::Multiply => self.b.ins().fmul(x, y),
                _ => self.b.ins().fdiv(x, y),
            };
            let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), r);
            if bop == BinaryOp::TrueDivide {
                let zero = self.b.ins().f64const(0.0);
                let is_zero = self.b.ins().fcmp(FloatCC::Equal, y, zero);
                self.b
                    .ins()
                    .brif(is_zero, slow, &[], join, &[float_tag.into(), bits.into()]);
            } else {
                self.b.ins().jump(join, &[float_tag.into(), bits.into()]);
            }
        } else {
            self.b.ins().jump(slow, &[]);
        }
        // Slow path: the interpreter does it (big ints, mixed types, errors).
        self.b.switch_to_block(slow);
        let r = self.call_binary(arg, [(a, a_owned), (b_, b_owned)], pc, depth_before);
        let res = self.meet_at(join, r);
        self.stack.push(res);
        Ok(())
    }

    /// `x ** y` of two doubles where the result is a float that cannot
    /// overflow into an error: a positive finite base and a finite
    /// exponent, computed by the runtime's `powf` (the `pow` helper, so
    /// both tiers give the same digits), and a finite result; anything
    /// else branches to `slow`.
    fn float_power(&mut self, x: ir::Value, y: ir::Value, slow: Block) -> ir::Value {
        let zero = self.b.ins().f64const(0.0);
        let inf = self.b.ins().f64const(f64::INFINITY);
        let positive = self.b.ins().fcmp(FloatCC::GreaterThan, x, zero);
        let x_finite = self.b.ins().fcmp(FloatCC::LessThan, x, inf);
        let y_abs = self.b.ins().fabs(y);
        let y_finite = self.b.ins().fcmp(FloatCC::LessThan, y_abs, inf);
        let mut ok = self.b.ins().band(positive, x_finite);
        ok = self.b.ins().band(ok, y_finite);
        let compute = self.b.create_block();
        self.b.ins().brif(ok, compute, &[], slow, &[]);
        self.b.switch_to_block(compute);
        let call = self
            .b
            .ins()
            .call(self.helpers[Helper::Pow as usize], &[x, y]);
        let r = self.b.inst_results(call)[0];
        let r_abs = self.b.ins().fabs(r);
        let finite = self.b.ins().fcmp(FloatCC::LessThan, r_abs, inf);
        let done = self.b.create_block();
        self.b.ins().brif(finite, done, &[], slow, &[]);
        self.b.switch_to_block(done);
        r
    }

    /// COMPARE_OP fused with the POP_JUMP_IF_* after it: int and float
    /// comparisons branch on the machine comparison; other operands compare
    /// in the runtime (which always answers a bool) and branch on that.
    pub(super) fn compare_and_branch(
        &mut self,
        arg: u32,
        pc: usize,
        when_true: bool,
        target: Block,
        after: Block,
    ) -> Result<(), String> {
        let l = *self.layout;
        let cmp = CompareOp::from_arg(arg).ok_or("bad COMPARE_OP argument")?;
        let [(a, a_owned), (b_, b_owned)] = self.pop_operands()?;
        let depth_before = self.stack.len() + 2;
        // Both successors start by reloading the stack below the operands.
        self.flush();
        let (on_true, on_false) = if when_true {
            (target, after)
        } else {
            (after, target)
        };
        let int_fast = self.b.create_block();
        let not_int = self.b.create_block();
        let float_fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        self.branch_if_both(a, b_, l.tag_int, int_fast, not_int);
        self.b.switch_to_block(int_fast);
        let cc = int_cc(cmp);
        let c = self.b.ins().icmp(cc, a.payload, b_.payload);
        self.b.ins().brif(c, on_true, &[], on_false, &[]);
        self.b.switch_to_block(not_int);
        self.branch_if_both(a, b_, l.tag_float, float_fast, slow);
        self.b.switch_to_block(float_fast);
        let (x, y) = (self.as_f64(a), self.as_f64(b_));
        let fcc = float_cc(cmp);
        let c = self.b.ins().fcmp(fcc, x, y);
        self.b.ins().brif(c, on_true, &[], on_false, &[]);
        self.b.switch_to_block(slow);
        let r = self.call_binary(
            BINARY_KIND_COMPARE + arg,
            [(a, a_owned), (b_, b_owned)],
            pc,
            depth_before,
        );
        let depth = self.stack.len();
        let truth = self.truth(r, depth + 1, true, false, pc);
        self.b.ins().brif(truth, on_true, &[], on_false, &[]);
        Ok(())
    }

    /// COMPARE_OP: ints and floats inline, everything else in the interpreter.
    pub(super) fn compare_op(&mut self, arg: u32, pc: usize) -> Result<(), String> {
        let l = *self.layout;
        let cmp = CompareOp::from_arg(arg).ok_or("bad COMPARE_OP argument")?;
        let [(a, a_owned), (b_, b_owned)] = self.pop_operands()?;
        let depth_before = self.stack.len() + 2;
        let join = self.value_join();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let bool_tag = self.b.ins().iconst(types::I64, l.tag_bool);

        let int_fast = self.b.create_block();
        let not_int = self.b.create_block();
        self.branch_if_both(a, b_, l.tag_int, int_fast, not_int);
        self.b.switch_to_block(int_fast);
        let cc = int_cc(cmp);
        let c = self.b.ins().icmp(cc, a.payload, b_.payload);
        let c64 = self.b.ins().uextend(types::I64, c);
        self.b.ins().jump(join, &[bool_tag.into(), c64.into()]);

        self.b.switch_to_block(not_int);
        let float_fast = self.b.create_block();
        self.branch_if_both(a, b_, l.tag_float, float_fast, slow);
        self.b.switch_to_block(float_fast);
        let x = self.as_f64(a);
        let y = self.as_f64(b_);
        let fcc = float_cc(cmp);
        let c = self.b.ins().fcmp(fcc, x, y);
        let c64 = self.b.ins().uextend(types::I64, c);
        self.b.ins().jump(join, &[bool_tag.into(), c64.into()]);

        self.b.switch_to_block(slow);
        let r = self.call_binary(
            BINARY_KIND_COMPARE + arg,
            [(a, a_owned), (b_, b_owned)],
            pc,
            depth_before,
        );
        let res = self.meet_at(join, r);
        self.stack.push(res);
        Ok(())
    }
}
