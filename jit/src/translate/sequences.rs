//! Instructions that build, take apart or look into containers without
//! an interpreter step: `UNPACK_SEQUENCE` of a tuple or list of the right
//! length inline (the interpreter's step for anything else), and
//! `GET_ITER`, `CONTAINS_OP` and `FORMAT_VALUE` through the `binary`
//! helper (one call with the operands in registers, no stack flush).
//! Each was an interpreter step before: about 150 machine instructions
//! of set-up around the operation, which the bfs loop of deque_bfs and
//! the inner loops of nbody paid hundreds of thousands of times. Also
//! the inline list element address (`list[i]`) and the inline
//! `FOR_ITER` step of range and list iterators.

use super::{
    flags, Slot, Translator, BINARY_KIND_CONTAINS, BINARY_KIND_FORMAT, BINARY_KIND_GET_ITER,
    BINARY_KIND_NOT_CONTAINS,
};
use crate::Helper;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, types, Block, InstBuilder};

impl Translator<'_, '_> {
    /// A one-operand operation in the `binary` helper (its second
    /// operand None): the operand is this code's and released after.
    fn call_unary(&mut self, kind: u32, v: Slot, pc: usize) -> Slot {
        let none = Slot {
            tag: self.b.ins().iconst(types::I64, self.layout.tag_none),
            payload: self.b.ins().iconst(types::I64, 0),
        };
        // (As if both operands had just been popped.)
        let depth_before = self.stack.len() + 2;
        self.call_binary(kind, [(v, true), (none, false)], pc, depth_before)
    }

    /// `GET_ITER`: `iter(v)`.
    pub(super) fn get_iter(&mut self, pc: usize) -> Result<(), String> {
        let v = self.pop()?;
        let r = self.call_unary(BINARY_KIND_GET_ITER, v, pc);
        self.stack.push(r);
        Ok(())
    }

    /// `CONTAINS_OP`: `item in container` (`not in` for argument 1).
    pub(super) fn contains(&mut self, arg: u32, pc: usize) -> Result<(), String> {
        let depth_before = self.stack.len();
        let operands = self.pop_operands()?;
        let kind = if arg == 0 {
            BINARY_KIND_CONTAINS
        } else {
            BINARY_KIND_NOT_CONTAINS
        };
        let r = self.call_binary(kind, operands, pc, depth_before);
        self.stack.push(r);
        Ok(())
    }

    /// `FORMAT_VALUE` (argument below 8): the conversion and the format
    /// spec, if one was pushed, applied by the interpreter's own code.
    pub(super) fn format_value(&mut self, arg: u32, pc: usize) -> Result<(), String> {
        let kind = BINARY_KIND_FORMAT + arg;
        let r = if arg & 4 != 0 {
            let depth_before = self.stack.len();
            let spec = self.pop()?;
            let v = self.pop()?;
            self.call_binary(kind, [(v, true), (spec, true)], pc, depth_before)
        } else {
            let v = self.pop()?;
            self.call_unary(kind, v, pc)
        };
        self.stack.push(r);
        Ok(())
    }

    /// BUILD_TUPLE, BUILD_LIST, BUILD_STRING (`kind`: the `build`
    /// helper's) of the top `n` values: they go to the slab, the helper
    /// takes them and leaves the new object in the frame's scratch value.
    pub(super) fn build(&mut self, kind: u32, n: usize, pc: usize) -> Result<(), String> {
        let depth = self.stack.len();
        let base = depth
            .checked_sub(n)
            .ok_or_else(|| "abstract stack underflow".to_string())?;
        // (Only the values taken: the ones under stay in registers.)
        for k in base..depth {
            let s = self.stack[k];
            self.store_slot(self.nlocals + k, s);
        }
        let kv = self.b.ins().iconst(types::I32, kind as i64);
        let dv = self.b.ins().iconst(types::I32, depth as i64);
        let nv = self.b.ins().iconst(types::I32, n as i64);
        let call = self.b.ins().call(
            self.helpers[Helper::Build as usize],
            &[self.frame, kv, dv, nv],
        );
        let status = self.b.inst_results(call)[0];
        self.stack.truncate(base);
        self.leave_on_error(status, &[], pc);
        let r = self.load_scratch();
        self.stack.push(r);
        Ok(())
    }

    /// `UNPACK_SEQUENCE n`: a tuple or list of exactly `n` items pushes
    /// them inline (last first, so the first ends on top), each with a
    /// new reference, and the sequence is released; anything else — other
    /// iterables, other lengths (whose error the interpreter raises) —
    /// runs the instruction in the interpreter.
    pub(super) fn unpack_sequence(&mut self, n: usize, pc: usize) -> Result<(), String> {
        let l = *self.layout;
        let seq = self.pop()?;
        let join = self.b.create_block();
        for _ in 0..2 * n {
            self.b.append_block_param(join, types::I64);
        }
        let slow = self.b.create_block();
        let kinds: Vec<(i64, (i32, i32))> = [
            (l.kind_tuple, l.tuple_items_len),
            (l.kind_list, l.list_items_len),
        ]
        .into_iter()
        .filter_map(|(k, at)| Some((k, at?)))
        .collect();
        if kinds.is_empty() || n > 16 {
            self.b.ins().jump(slow, &[]);
        } else {
            let kind = self.heap_kind(seq, slow);
            for (k, (items_off, len_off)) in kinds {
                let body = self.b.create_block();
                let other = self.b.create_block();
                let same = self.b.ins().icmp_imm_s(IntCC::Equal, kind, k);
                self.b.ins().brif(same, body, &[], other, &[]);
                self.b.switch_to_block(body);
                let len = self.b.ins().load(types::I64, flags(), seq.payload, len_off);
                let fits = self.b.ins().icmp_imm_s(IntCC::Equal, len, n as i64);
                let fetch = self.b.create_block();
                self.b.ins().brif(fits, fetch, &[], slow, &[]);
                self.b.switch_to_block(fetch);
                let data = self
                    .b
                    .ins()
                    .load(types::I64, flags(), seq.payload, items_off);
                let mut items = Vec::with_capacity(n);
                for i in 0..n {
                    let at = i as i32 * l.value_size;
                    let tag = self.b.ins().load(types::I64, flags(), data, at);
                    let payload =
                        self.b
                            .ins()
                            .load(types::I64, flags(), data, at + l.payload_offset);
                    items.push(Slot { tag, payload });
                }
                for &item in &items {
                    self.incref(item);
                }
                self.decref(seq);
                let args: Vec<_> = items
                    .iter()
                    .rev()
                    .flat_map(|s| [s.tag.into(), s.payload.into()])
                    .collect();
                self.b.ins().jump(join, &args);
                self.b.switch_to_block(other);
            }
            self.b.ins().jump(slow, &[]);
        }
        self.b.switch_to_block(slow);
        self.flush();
        let depth = self.stack.len();
        self.store_slot(self.nlocals + depth, seq);
        self.call_step(pc, depth + 1);
        let args: Vec<_> = (0..n)
            .flat_map(|k| {
                let s = self.load_slot(self.nlocals + depth + k);
                [s.tag.into(), s.payload.into()]
            })
            .collect();
        self.b.ins().jump(join, &args);
        self.b.switch_to_block(join);
        let p = self.b.block_params(join).to_vec();
        for pair in p.chunks_exact(2) {
            self.stack.push(Slot {
                tag: pair[0],
                payload: pair[1],
            });
        }
        Ok(())
    }

    /// For `container[index]`: when the container is a list, the index an
    /// int and in bounds (negative from the end), the address of the
    /// element; every other case branches to `slow`. `None` when the
    /// runtime gave no list layout.
    pub(super) fn list_element(
        &mut self,
        container: Slot,
        index: Slot,
        slow: Block,
    ) -> Option<ir::Value> {
        let l = *self.layout;
        let (items_off, len_off) = l.list_items_len?;
        let is_obj = self.is_tag(container, l.tag_obj);
        let is_int = self.is_tag(index, l.tag_int);
        let both = self.b.ins().band(is_obj, is_int);
        let check_kind = self.b.create_block();
        self.b.ins().brif(both, check_kind, &[], slow, &[]);
        self.b.switch_to_block(check_kind);
        let kind = self
            .b
            .ins()
            .load(types::I16, flags(), container.payload, l.kind_offset);
        let is_list = self.b.ins().icmp_imm_s(IntCC::Equal, kind, l.kind_list);
        let bounds = self.b.create_block();
        self.b.ins().brif(is_list, bounds, &[], slow, &[]);
        self.b.switch_to_block(bounds);
        let len = self
            .b
            .ins()
            .load(types::I64, flags(), container.payload, len_off);
        let neg = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedLessThan, index.payload, 0);
        let wrapped = self.b.ins().iadd(index.payload, len);
        let idx = self.b.ins().select(neg, wrapped, index.payload);
        let in_bounds = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, len);
        let fetch = self.b.create_block();
        self.b.ins().brif(in_bounds, fetch, &[], slow, &[]);
        self.b.switch_to_block(fetch);
        let data = self
            .b
            .ins()
            .load(types::I64, flags(), container.payload, items_off);
        let offset = self.b.ins().imul_imm_s(idx, l.value_size as i64);
        Some(self.b.ins().iadd(data, offset))
    }

    /// FOR_ITER's inline step of a range or list iterator (the abstract
    /// stack flushed, `iterator` at its top, `depth` values): the next
    /// value is written above it in the slab and the code jumps to
    /// `next`. Anything else — another iterator, the end, a range step
    /// that would overflow — branches to `helper`, the `for_iter` helper,
    /// which also pops the iterator at the end.
    pub(super) fn inline_for_iter(
        &mut self,
        iterator: Slot,
        depth: usize,
        next: Block,
        helper: Block,
    ) {
        let l = *self.layout;
        let Some(it) = l.iter else {
            self.b.ins().jump(helper, &[]);
            return;
        };
        let p = iterator.payload;
        let kind = self.heap_kind(iterator, helper);
        let is_iter = self.b.ins().icmp_imm_s(IntCC::Equal, kind, it.kind);
        let check_flag = self.b.create_block();
        self.b.ins().brif(is_iter, check_flag, &[], helper, &[]);
        self.b.switch_to_block(check_flag);
        let flag = self.b.ins().load(types::I64, flags(), p, it.borrow_flag);
        let check_state = self.b.create_block();
        self.b.ins().brif(flag, helper, &[], check_state, &[]);
        self.b.switch_to_block(check_state);
        let state = self.b.ins().load(types::I64, flags(), p, it.state_tag);
        let is_range = self.b.ins().icmp_imm_s(IntCC::Equal, state, it.tag_range);
        let range = self.b.create_block();
        let not_range = self.b.create_block();
        self.b.ins().brif(is_range, range, &[], not_range, &[]);
        let slot = self.nlocals + depth;

        // A range: `next` while it is short of `stop` (in the step's
        // direction), then `next + step` unless that overflows.
        self.b.switch_to_block(range);
        let cur = self.b.ins().load(types::I64, flags(), p, it.range_next);
        let stop = self.b.ins().load(types::I64, flags(), p, it.range_stop);
        let step = self.b.ins().load(types::I64, flags(), p, it.range_step);
        let up = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, step, 0);
        let below = self.b.ins().icmp(IntCC::SignedLessThan, cur, stop);
        let above = self.b.ins().icmp(IntCC::SignedGreaterThan, cur, stop);
        let more = self.b.ins().select(up, below, above);
        let advance = self.b.create_block();
        self.b.ins().brif(more, advance, &[], helper, &[]);
        self.b.switch_to_block(advance);
        let (new, overflow) = self.b.ins().sadd_overflow(cur, step);
        let store = self.b.create_block();
        self.b.ins().brif(overflow, helper, &[], store, &[]);
        self.b.switch_to_block(store);
        self.b.ins().store(flags(), new, p, it.range_next);
        let tag = self.b.ins().iconst(types::I64, l.tag_int);
        self.store_slot(slot, Slot { tag, payload: cur });
        self.b.ins().jump(next, &[]);

        // A list: the item at `index` while the index is below the
        // list's length (read at each step, as CPython does); a tuple
        // the same way.
        self.b.switch_to_block(not_range);
        let sequences = [
            (l.list_items_len, it.tag_list, it.list_list, it.list_index),
            (
                l.tuple_items_len,
                it.tag_tuple,
                it.tuple_tuple,
                it.tuple_index,
            ),
        ];
        for (items_len, tag_state, obj_at, index_at) in sequences {
            let Some((items_off, len_off)) = items_len else {
                continue;
            };
            let is_this = self.b.ins().icmp_imm_s(IntCC::Equal, state, tag_state);
            let this = self.b.create_block();
            let other = self.b.create_block();
            self.b.ins().brif(is_this, this, &[], other, &[]);
            self.b.switch_to_block(this);
            let obj = self.b.ins().load(types::I64, flags(), p, obj_at);
            let index = self.b.ins().load(types::I64, flags(), p, index_at);
            let len = self.b.ins().load(types::I64, flags(), obj, len_off);
            let in_bounds = self.b.ins().icmp(IntCC::UnsignedLessThan, index, len);
            let fetch = self.b.create_block();
            self.b.ins().brif(in_bounds, fetch, &[], helper, &[]);
            self.b.switch_to_block(fetch);
            let data = self.b.ins().load(types::I64, flags(), obj, items_off);
            let offset = self.b.ins().imul_imm_s(index, l.value_size as i64);
            let at = self.b.ins().iadd(data, offset);
            let tag = self.b.ins().load(types::I64, flags(), at, 0);
            let payload = self.b.ins().load(types::I64, flags(), at, l.payload_offset);
            let item = Slot { tag, payload };
            self.incref(item);
            let index1 = self.b.ins().iadd_imm_s(index, 1);
            self.b.ins().store(flags(), index1, p, index_at);
            self.store_slot(slot, item);
            self.b.ins().jump(next, &[]);
            self.b.switch_to_block(other);
        }
        self.b.ins().jump(helper, &[]);
    }
}
