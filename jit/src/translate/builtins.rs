//! `len(x)`, `isinstance(x, C)` and `list.append(x)` inline, at CALL
//! sites where the interpreter saw them (`CALL_NO_KW_LEN`,
//! `CALL_NO_KW_ISINSTANCE`, `CALL_NO_KW_LIST_APPEND`).
//!
//! A guard checks that the callable is that built-in (a built-in
//! function object whose Rust function is `len`'s or `isinstance`'s:
//! `len` may be rebound at any time), then the common cases run in
//! compiled code: the length of a list, tuple or str, read from the
//! object; `isinstance` of an object whose type is exactly `C`, which is
//! True whatever `C`'s metaclass says (CPython's `PyObject_IsInstance`
//! answers that case first); an append to a list with room, not in use.
//! Everything else — other containers,
//! subclasses, tuples of classes, another callable — runs the CALL in
//! the `call` helper, as a site without feedback does.

use super::{flags, Slot, Translator, BINARY_KIND_LEN};
use crate::{BuiltinsLayout, Helper};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, Block, InstBuilder};
use taipan_bytecode::opcode::Opcode;

impl Translator<'_, '_> {
    /// Runs the CALL at `pc` (`oparg` arguments, under a NULL and the
    /// callable, or under `list.append` and the list) inline when its
    /// feedback names `len`, `isinstance` or `list.append` (and, for the
    /// functions, the abstract stack has the NULL); returns whether it
    /// did.
    pub(super) fn inline_builtin_call(&mut self, oparg: u32, pc: usize) -> bool {
        let Some(bl) = self.layout.builtins else {
            return false;
        };
        // (The function, whether a NULL is under the callable, the kind
        // of the callable and where it keeps its function.)
        let (which, under_null, kind_callable, func_at) = match (self.feedback.seen(pc), oparg) {
            (Some(Opcode::CALL_NO_KW_LEN), 1) => (bl.len, true, bl.kind_builtin, bl.builtin_func),
            (Some(Opcode::CALL_NO_KW_ISINSTANCE), 2) => {
                (bl.isinstance, true, bl.kind_builtin, bl.builtin_func)
            }
            (Some(Opcode::CALL_NO_KW_LIST_APPEND), 1) if self.layout.list_items_len.is_some() => {
                (bl.list_append, false, bl.kind_method_descr, bl.descr_func)
            }
            _ => return false,
        };
        let depth = self.stack.len();
        let n = oparg as usize + 2;
        let Some(base) = depth.checked_sub(n) else {
            return false;
        };
        // [NULL, callable, args…] for the functions, [method, object,
        // arg] for the method.
        let callee_at = if under_null {
            if !self.is_const_tag(self.stack[base], self.layout.tag_unbound) {
                return false;
            }
            base + 1
        } else {
            base
        };
        let callee = self.stack[callee_at];
        let args: Vec<Slot> = self.stack[callee_at + 1..].to_vec();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let join = self.value_join();

        // The callable is that built-in.
        let kind = self.heap_kind(callee, slow);
        let is_kind = self.b.ins().icmp_imm_s(IntCC::Equal, kind, kind_callable);
        let check_func = self.b.create_block();
        self.b.ins().brif(is_kind, check_func, &[], slow, &[]);
        self.b.switch_to_block(check_func);
        let func = self
            .b
            .ins()
            .load(types::I64, flags(), callee.payload, func_at);
        let is_it = self.b.ins().icmp_imm_s(IntCC::Equal, func, which as i64);
        let fast = self.b.create_block();
        self.b.ins().brif(is_it, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);

        // The call's values are released as the helper would release them
        // (the appended item moves into the list instead).
        let result = if which == bl.list_append {
            let r = self.inline_list_append(bl, args[0], args[1], slow);
            self.decref_at(args[0], pc);
            r
        } else {
            let r = if which == bl.len {
                self.inline_len(bl, args[0], slow, pc)
            } else {
                self.inline_isinstance(args[0], args[1], slow)
            };
            for a in args {
                self.decref_at(a, pc);
            }
            r
        };
        self.decref(callee);
        self.b
            .ins()
            .jump(join, &[result.tag.into(), result.payload.into()]);

        // Anything else: the CALL in the helper, the stack flushed.
        self.b.switch_to_block(slow);
        self.flush();
        self.call_helper(oparg, pc, depth);
        let r = self.load_slot(self.nlocals + base);
        self.b.ins().jump(join, &[r.tag.into(), r.payload.into()]);

        self.b.switch_to_block(join);
        let p = self.b.block_params(join);
        let result = Slot {
            tag: p[0],
            payload: p[1],
        };
        self.stack.truncate(base);
        self.stack.push(result);
        true
    }

    /// `len(x)` of a list, tuple or str read inline, of any other object
    /// through the `binary` helper (its type's length: a deque's, a
    /// set's, an instance's `__len__`), with the call's values still on
    /// the stack; anything but an object branches to `slow`.
    fn inline_len(&mut self, bl: BuiltinsLayout, x: Slot, slow: Block, pc: usize) -> Slot {
        let l = *self.layout;
        // (Kind, where its length is, the bits of that word that hold it.)
        let mut cases = vec![(bl.kind_str, bl.str_chars, bl.str_chars_mask)];
        if let Some((_, len_at)) = l.list_items_len {
            cases.insert(0, (l.kind_list, len_at, -1));
        }
        if let Some((_, len_at)) = l.tuple_items_len {
            cases.push((l.kind_tuple, len_at, -1));
        }
        let got = self.b.create_block();
        self.b.append_block_param(got, types::I64);
        let kind = self.heap_kind(x, slow);
        for (test, at, mask) in cases {
            let is = self.b.ins().icmp_imm_s(IntCC::Equal, kind, test);
            let yes = self.b.create_block();
            let no = self.b.create_block();
            self.b.ins().brif(is, yes, &[], no, &[]);
            self.b.switch_to_block(yes);
            let mut n = self.b.ins().load(types::I64, flags(), x.payload, at);
            if mask != -1 {
                n = self.b.ins().band_imm_u(n, mask);
            }
            self.b.ins().jump(got, &[n.into()]);
            self.b.switch_to_block(no);
        }
        let k = self.b.ins().iconst(types::I32, BINARY_KIND_LEN as i64);
        let call = self.b.ins().call(
            self.helpers[Helper::Binary as usize],
            &[self.frame, k, x.tag, x.payload, x.tag, x.payload],
        );
        let status = self.b.inst_results(call)[0];
        // (On an error the call's values, still on the stack, go to the
        // slab for the runtime to release.)
        self.leave_on_error(status, &[], pc);
        let n = self.load_scratch();
        self.b.ins().jump(got, &[n.payload.into()]);
        self.b.switch_to_block(got);
        Slot {
            tag: self.b.ins().iconst(types::I64, l.tag_int),
            payload: self.b.block_params(got)[0],
        }
    }

    /// `list.append(item)` on a list (not a subclass) that is not in use
    /// and has room: the item moves into the next slot. Anything else
    /// (the list growing, another object) branches to `slow`.
    fn inline_list_append(
        &mut self,
        bl: BuiltinsLayout,
        list: Slot,
        item: Slot,
        slow: Block,
    ) -> Slot {
        let l = *self.layout;
        // (Only called when the list layout is known.)
        let (items_at, len_at) = l.list_items_len.unwrap_or_default();
        let kind = self.heap_kind(list, slow);
        let is_list = self.b.ins().icmp_imm_s(IntCC::Equal, kind, l.kind_list);
        let check = self.b.create_block();
        self.b.ins().brif(is_list, check, &[], slow, &[]);
        self.b.switch_to_block(check);
        let flag = self
            .b
            .ins()
            .load(types::I64, flags(), list.payload, bl.list_borrow_flag);
        let free = self.b.ins().icmp_imm_s(IntCC::Equal, flag, 0);
        let len = self.b.ins().load(types::I64, flags(), list.payload, len_at);
        let cap = self
            .b
            .ins()
            .load(types::I64, flags(), list.payload, bl.list_capacity);
        let room = self.b.ins().icmp(IntCC::UnsignedLessThan, len, cap);
        let ok = self.b.ins().band(free, room);
        let push = self.b.create_block();
        self.b.ins().brif(ok, push, &[], slow, &[]);
        self.b.switch_to_block(push);
        let data = self
            .b
            .ins()
            .load(types::I64, flags(), list.payload, items_at);
        let offset = self.b.ins().imul_imm_s(len, l.value_size as i64);
        let slot = self.b.ins().iadd(data, offset);
        self.b.ins().store(flags(), item.tag, slot, 0);
        self.b
            .ins()
            .store(flags(), item.payload, slot, l.payload_offset);
        let longer = self.b.ins().iadd_imm_s(len, 1);
        self.b.ins().store(flags(), longer, list.payload, len_at);
        Slot {
            tag: self.b.ins().iconst(types::I64, l.tag_none),
            payload: self.b.ins().iconst(types::I64, 0),
        }
    }

    /// `isinstance(x, c)` when `x` is an object whose type is `c` (True);
    /// else branches to `slow`.
    fn inline_isinstance(&mut self, x: Slot, c: Slot, slow: Block) -> Slot {
        let l = *self.layout;
        let x_obj = self.is_tag(x, l.tag_obj);
        let c_obj = self.is_tag(c, l.tag_obj);
        let both = self.b.ins().band(x_obj, c_obj);
        let check = self.b.create_block();
        self.b.ins().brif(both, check, &[], slow, &[]);
        self.b.switch_to_block(check);
        let ty = self
            .b
            .ins()
            .load(types::I64, flags(), x.payload, l.type_offset);
        let exact = self.b.ins().icmp(IntCC::Equal, ty, c.payload);
        let yes = self.b.create_block();
        self.b.ins().brif(exact, yes, &[], slow, &[]);
        self.b.switch_to_block(yes);
        Slot {
            tag: self.b.ins().iconst(types::I64, l.tag_bool),
            payload: self.b.ins().iconst(types::I64, 1),
        }
    }
}
