//! Attribute instructions in compiled code (`LOAD_ATTR`, `LOAD_METHOD`,
//! `STORE_ATTR`): a guarded inline path for each class and shape the
//! interpreter's inline cache of the instruction saw (type feedback,
//! `AttrSeen`), and the `attr` helper, which goes through that cache and
//! the full lookup, for everything else.

use super::{flags, Slot, Translator};
use crate::{Helper, ATTR_LOAD, ATTR_METHOD, ATTR_STORE};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, types, Block, InstBuilder};
use taipan_bytecode::feedback::AttrSeen;

impl Translator<'_, '_> {
    /// `LOAD_ATTR` (argument below 256: above, the interpreter steps it).
    pub(super) fn load_attr(&mut self, arg: u32, pc: usize) -> Result<(), String> {
        let l = *self.layout;
        let obj = self.pop()?;
        // (A local's object, borrowed: not released here.)
        let borrowed = self.take_borrowed(self.stack.len());
        let owned: &[Slot] = if borrowed { &[] } else { &[obj] };
        let done = self.value_join();
        let ways = self.value_ways(pc, false);
        if !ways.is_empty() {
            // An instance attribute the cache saw: a guard on the
            // class version and the shape (one of those seen),
            // then the value at its position (an empty slot takes
            // the helper).
            let slow = self.b.create_block();
            if let Some((values, off)) = self.instance_guard(obj, &ways, false, slow) {
                let addr = self.b.ins().iadd(values, off);
                let tag = self.b.ins().load(types::I64, flags(), addr, 0);
                let empty = self.b.ins().icmp_imm_s(IntCC::Equal, tag, l.tag_unbound);
                let found = self.b.create_block();
                self.b.ins().brif(empty, slow, &[], found, &[]);
                self.b.switch_to_block(found);
                let payload = self
                    .b
                    .ins()
                    .load(types::I64, flags(), addr, l.payload_offset);
                self.incref(Slot { tag, payload });
                self.b.ins().jump(done, &[tag.into(), payload.into()]);
            } else {
                self.b.ins().jump(slow, &[]);
            }
            self.b.set_cold_block(slow);
            self.b.switch_to_block(slow);
        }
        let status = self.call_attr(pc, ATTR_LOAD, arg, obj, None);
        self.leave_on_error(status, owned, pc);
        let r = self.load_scratch();
        let r = self.meet_at(done, r);
        if !borrowed {
            self.decref(obj);
        }
        self.stack.push(r);
        Ok(())
    }

    /// `LOAD_METHOD`: `[method, object]` when a method was found (the
    /// object's reference moves to its slot), else `[NULL, attribute]`.
    pub(super) fn load_method(&mut self, arg: u32, pc: usize) -> Result<(), String> {
        let l = *self.layout;
        let obj = self.pop()?;
        let joined = self.b.create_block();
        for _ in 0..4 {
            self.b.append_block_param(joined, types::I64);
        }
        let ways = self.ways(pc, |seen| match seen {
            AttrSeen::Method {
                version,
                shape,
                func,
            } => Some((version, shape, func as i64)),
            _ => None,
        });
        if !ways.is_empty() {
            // A method the cache found on the class: while the
            // class keeps its version its dict holds the
            // function, and an instance of the cached shape
            // without a `__dict__` has no attribute hiding it.
            let slow = self.b.create_block();
            if let Some((_, func)) = self.instance_guard(obj, &ways, true, slow) {
                let method = Slot {
                    tag: self.b.ins().iconst(types::I64, l.tag_obj),
                    payload: func,
                };
                self.incref(method);
                self.b.ins().jump(
                    joined,
                    &[
                        method.tag.into(),
                        method.payload.into(),
                        obj.tag.into(),
                        obj.payload.into(),
                    ],
                );
            } else {
                self.b.ins().jump(slow, &[]);
            }
            self.b.set_cold_block(slow);
            self.b.switch_to_block(slow);
        }
        // A method of a built-in type (`str.upper`, `list.append`): the
        // value's tag (and an object's kind) names its type, whose
        // methods never change; the runtime keeps the method alive. A
        // native type's (`deque.popleft`): a native object's type pointer
        // names it.
        let type_ways: Vec<_> = self
            .feedback
            .attr(pc)
            .iter()
            .filter_map(|seen| match *seen {
                AttrSeen::TypeMethod {
                    tag,
                    kind,
                    method,
                    call,
                } => Some((tag, kind, None, method, call)),
                AttrSeen::NativeMethod {
                    kind,
                    class,
                    method,
                    call,
                } => Some((l.tag_obj as u64, Some(kind), Some(class), method, call)),
                _ => None,
            })
            .collect();
        if !type_ways.is_empty() {
            self.guarded_attr_sites += 1;
        }
        let natives: Vec<(i64, u64)> = type_ways
            .iter()
            .filter(|way| way.4 != 0 && way.3[0] == l.tag_obj as u64)
            .map(|way| (way.3[1] as i64, way.4))
            .collect();
        for (tag, kind, class, method, _) in type_ways {
            let hit = self.b.create_block();
            let next = self.b.create_block();
            match kind {
                None => {
                    let same = self.b.ins().icmp_imm_s(IntCC::Equal, obj.tag, tag as i64);
                    self.b.ins().brif(same, hit, &[], next, &[]);
                }
                Some(k) => {
                    let kw = self.heap_kind(obj, next);
                    let same = self.b.ins().icmp_imm_s(IntCC::Equal, kw, k as i64);
                    match class {
                        None => {
                            self.b.ins().brif(same, hit, &[], next, &[]);
                        }
                        Some(class) => {
                            let typed = self.b.create_block();
                            self.b.ins().brif(same, typed, &[], next, &[]);
                            self.b.switch_to_block(typed);
                            let t =
                                self.b
                                    .ins()
                                    .load(types::I64, flags(), obj.payload, l.type_offset);
                            let same = self.b.ins().icmp_imm_s(IntCC::Equal, t, class as i64);
                            self.b.ins().brif(same, hit, &[], next, &[]);
                        }
                    }
                }
            }
            self.b.switch_to_block(hit);
            let m = Slot {
                tag: self.b.ins().iconst(types::I64, method[0] as i64),
                payload: self.b.ins().iconst(types::I64, method[1] as i64),
            };
            self.incref(m);
            self.b.ins().jump(
                joined,
                &[
                    m.tag.into(),
                    m.payload.into(),
                    obj.tag.into(),
                    obj.payload.into(),
                ],
            );
            self.b.switch_to_block(next);
        }
        let status = self.call_attr(pc, ATTR_METHOD, arg, obj, None);
        let failed = self.b.ins().icmp_imm_s(IntCC::Equal, status, 1);
        self.leave_on_error(failed, &[obj], pc);
        let is_method = self.b.ins().icmp_imm_s(IntCC::Equal, status, 2);
        let r = self.load_scratch();
        let null = self.null_slot();
        let first = Slot {
            tag: self.b.ins().select(is_method, r.tag, null.tag),
            payload: self.b.ins().select(is_method, r.payload, null.payload),
        };
        let second = Slot {
            tag: self.b.ins().select(is_method, obj.tag, r.tag),
            payload: self.b.ins().select(is_method, obj.payload, r.payload),
        };
        let release = self.b.create_block();
        let done = self.b.create_block();
        self.b.ins().brif(is_method, done, &[], release, &[]);
        self.b.switch_to_block(release);
        self.decref(obj);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
        self.b.ins().jump(
            joined,
            &[
                first.tag.into(),
                first.payload.into(),
                second.tag.into(),
                second.payload.into(),
            ],
        );
        self.b.switch_to_block(joined);
        let p = self.b.block_params(joined).to_vec();
        if !natives.is_empty() {
            self.native_methods.insert(p[1], natives);
        }
        self.stack.push(Slot {
            tag: p[0],
            payload: p[1],
        });
        self.stack.push(Slot {
            tag: p[2],
            payload: p[3],
        });
        Ok(())
    }

    /// `STORE_ATTR`: the value moves into the instance (or the helper);
    /// the object is only read (the helper borrows it).
    pub(super) fn store_attr(&mut self, arg: u32, pc: usize) -> Result<(), String> {
        let l = *self.layout;
        let obj = self.pop()?;
        // (A local's object, borrowed: not released here.)
        let borrowed = self.take_borrowed(self.stack.len());
        let owned: &[Slot] = if borrowed { &[] } else { &[obj] };
        let value = self.pop()?;
        let done = self.b.create_block();
        let ways = self.value_ways(pc, true);
        if !ways.is_empty() {
            // Replacing an instance attribute the cache saw: the
            // same guard (the attributes not borrowed at all),
            // then the value swapped in and the old one released.
            let slow = self.b.create_block();
            if let Some((values, off)) = self.instance_guard(obj, &ways, true, slow) {
                let addr = self.b.ins().iadd(values, off);
                let old = self.b.ins().load(types::I64, flags(), addr, 0);
                let old_payload = self
                    .b
                    .ins()
                    .load(types::I64, flags(), addr, l.payload_offset);
                self.b.ins().store(flags(), value.tag, addr, 0);
                self.b
                    .ins()
                    .store(flags(), value.payload, addr, l.payload_offset);
                self.decref_at(
                    Slot {
                        tag: old,
                        payload: old_payload,
                    },
                    pc,
                );
                self.b.ins().jump(done, &[]);
            } else {
                self.b.ins().jump(slow, &[]);
            }
            self.b.set_cold_block(slow);
            self.b.switch_to_block(slow);
        }
        let status = self.call_attr(pc, ATTR_STORE, arg, obj, Some(value));
        self.leave_on_error(status, owned, pc);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
        if !borrowed {
            self.decref(obj);
        }
        Ok(())
    }

    /// Calls `attr(frame, pc, kind << 24 | name, object, value)` (a
    /// load passes no value: two zero words) and returns its status.
    pub(super) fn call_attr(
        &mut self,
        pc: usize,
        kind: u32,
        name: u32,
        obj: Slot,
        value: Option<Slot>,
    ) -> ir::Value {
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let kn = self
            .b
            .ins()
            .iconst(types::I32, ((kind << 24) | name) as i64);
        let value = match value {
            Some(v) => v,
            None => {
                let zero = self.b.ins().iconst(types::I64, 0);
                Slot {
                    tag: zero,
                    payload: zero,
                }
            }
        };
        let call = self.b.ins().call(
            self.helpers[Helper::Attr as usize],
            &[
                self.frame,
                pcv,
                kn,
                obj.tag,
                obj.payload,
                value.tag,
                value.payload,
            ],
        );
        self.b.inst_results(call)[0]
    }

    /// The ways the cache of the attribute instruction at `pc` saw an
    /// instance, as `pick` keeps them: version, shape and the way's own
    /// value (a slot's byte offset, a method's address).
    fn ways(
        &self,
        pc: usize,
        pick: impl Fn(AttrSeen) -> Option<(u64, u64, i64)>,
    ) -> Vec<(u64, u64, i64)> {
        self.feedback
            .attr(pc)
            .iter()
            .filter_map(|s| pick(*s))
            .collect()
    }

    /// [`Self::ways`] of an instance value loaded (`store` false) or
    /// replaced, with the value's byte offset among the instance's values.
    fn value_ways(&self, pc: usize, store: bool) -> Vec<(u64, u64, i64)> {
        let size = self.layout.value_size as i64;
        self.ways(pc, |seen| match (seen, store) {
            (
                AttrSeen::Value {
                    version,
                    shape,
                    index,
                },
                false,
            )
            | (
                AttrSeen::Replace {
                    version,
                    shape,
                    index,
                },
                true,
            ) => Some((version, shape, index as i64 * size)),
            _ => None,
        })
    }

    /// Guards that `obj` is an instance whose class version and shape are
    /// those of one of `ways` (version, shape word, a value of the way's
    /// own), with its attributes not borrowed mutably (for `write`: not
    /// borrowed at all, and no `__dict__`), branching to `slow`
    /// otherwise. Returns the address of the instance's first attribute
    /// value and the matching way's value. None (nothing emitted) when the
    /// runtime gave no instance layout.
    fn instance_guard(
        &mut self,
        obj: Slot,
        ways: &[(u64, u64, i64)],
        write: bool,
        slow: Block,
    ) -> Option<(ir::Value, ir::Value)> {
        let il = self.layout.instance?;
        let p = obj.payload;
        let kind = self.heap_kind(obj, slow);
        let is_instance = self.b.ins().icmp_imm_s(IntCC::Equal, kind, il.kind);
        let k2 = self.b.create_block();
        self.b.ins().brif(is_instance, k2, &[], slow, &[]);
        self.b.switch_to_block(k2);
        // An instance: every field below is inside it (or its class's
        // data, which it keeps alive), so all can be read before testing.
        let class_data = self.b.ins().load(types::I64, flags(), p, il.class_data);
        let v = self
            .b
            .ins()
            .load(types::I64, flags(), class_data, il.class_version);
        let sh = self.b.ins().load(types::I64, flags(), p, il.shape);
        let mut any: Option<ir::Value> = None;
        let mut extra: Option<ir::Value> = None;
        // The oldest way first, so that the newest is the outermost select.
        for &(version, shape, x) in ways.iter().rev() {
            let v_ok = self.b.ins().icmp_imm_s(IntCC::Equal, v, version as i64);
            let sh_ok = self.b.ins().icmp_imm_s(IntCC::Equal, sh, shape as i64);
            let hit = self.b.ins().band(v_ok, sh_ok);
            let xv = self.b.ins().iconst(types::I64, x);
            extra = Some(match extra {
                None => xv,
                Some(e) => self.b.ins().select(hit, xv, e),
            });
            any = Some(match any {
                None => hit,
                Some(a) => self.b.ins().bor(a, hit),
            });
        }
        let (mut ok, extra) = (any?, extra?);
        self.guarded_attr_sites += 1;
        let flag = self.b.ins().load(types::I64, flags(), p, il.borrow_flag);
        let flag_ok = if write {
            self.b.ins().icmp_imm_s(IntCC::Equal, flag, 0)
        } else {
            self.b
                .ins()
                .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, flag, 0)
        };
        ok = self.b.ins().band(ok, flag_ok);
        if write {
            let dict = self.b.ins().load(types::I64, flags(), p, il.dict);
            let no_dict = self.b.ins().icmp_imm_s(IntCC::Equal, dict, 0);
            ok = self.b.ins().band(ok, no_dict);
        }
        let k3 = self.b.create_block();
        self.b.ins().brif(ok, k3, &[], slow, &[]);
        self.b.switch_to_block(k3);
        let cap = self
            .b
            .ins()
            .load(types::I64, flags(), p, il.values_capacity);
        let spilled = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedGreaterThan, cap, il.inline_capacity);
        let heap = self.b.ins().load(types::I64, flags(), p, il.values_heap);
        let inline = self.b.ins().iadd_imm_s(p, il.values_inline as i64);
        Some((self.b.ins().select(spilled, heap, inline), extra))
    }
}
