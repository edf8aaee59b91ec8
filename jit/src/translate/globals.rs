//! LOAD_GLOBAL inline: the interpreter's global-name cache entry of the
//! name, read at run time, gives the value while the function's globals
//! (and, for a built-in, the builtins) still have the versions it
//! recorded; a miss takes the `load_global` helper.

use super::{flags, Slot, Translator};
use crate::GlobalsLayout;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, types, Block, InstBuilder};

impl Translator<'_, '_> {
    /// A dict object's borrow flag and version, and whether the flag
    /// allows reading it (not borrowed mutably).
    fn dict_version(&mut self, dict: ir::Value, gl: GlobalsLayout) -> (ir::Value, ir::Value) {
        let flag = self
            .b
            .ins()
            .load(types::I64, flags(), dict, gl.dict_borrow_flag);
        let version = self
            .b
            .ins()
            .load(types::I64, flags(), dict, gl.dict_version);
        let readable = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, flag, 0);
        (version, readable)
    }

    /// The inline path of `LOAD_GLOBAL` of name `index`: the
    /// interpreter's cache entry for the name, read at run time, holds
    /// the value while the function's globals (and, for a built-in, the
    /// builtins) have the versions it recorded; a hit jumps to `done`
    /// with a new reference, a miss falls through (to the helper, which
    /// looks the name up and updates the entry). Emits nothing without
    /// the layout or the cache's address.
    pub(super) fn inline_global(&mut self, index: usize, done: Block) {
        let (Some(gl), Some(cache)) = (self.layout.globals, self.feedback.global_cache()) else {
            return;
        };
        let entry_addr = cache
            .entries
            .wrapping_add((index as u64).wrapping_mul(gl.hit_size as u64));
        self.inline_global_loads += 1;
        let entry = self.b.ins().iconst(types::I64, entry_addr as i64);
        let key = self.b.ins().load(types::I64, flags(), entry, gl.hit_key);
        let func = self
            .b
            .ins()
            .load(types::I64, flags(), self.frame, gl.frame_func);
        let globals = self
            .b
            .ins()
            .load(types::I64, flags(), func, gl.function_globals);
        let (gver, gflag_ok) = self.dict_version(globals, gl);
        let is_global = self.b.ins().icmp(IntCC::Equal, gver, key);
        let global_hit = self.b.ins().band(is_global, gflag_ok);
        let take = self.b.create_block();
        let check_builtins = self.b.create_block();
        let slow = self.b.create_block();
        self.b
            .ins()
            .brif(global_hit, take, &[], check_builtins, &[]);
        self.b.switch_to_block(check_builtins);
        // The built-in form: the key is the complement of the globals'
        // version (the name is still not a global), and the builtins have
        // the entry's version.
        let not_gver = self.b.ins().bnot(gver);
        let in_builtins = self.b.ins().icmp(IntCC::Equal, not_gver, key);
        let builtins = self.b.ins().iconst(types::I64, cache.builtins as i64);
        let (bver, bflag_ok) = self.dict_version(builtins, gl);
        let want = self
            .b
            .ins()
            .load(types::I64, flags(), entry, gl.hit_builtins_version);
        let bver_ok = self.b.ins().icmp(IntCC::Equal, bver, want);
        let mut ok = self.b.ins().band(in_builtins, bver_ok);
        ok = self.b.ins().band(ok, bflag_ok);
        ok = self.b.ins().band(ok, gflag_ok);
        self.b.ins().brif(ok, take, &[], slow, &[]);
        self.b.switch_to_block(take);
        let tag = self.b.ins().load(types::I64, flags(), entry, gl.hit_value);
        let payload = self.b.ins().load(
            types::I64,
            flags(),
            entry,
            gl.hit_value + self.layout.payload_offset,
        );
        let v = Slot { tag, payload };
        self.incref(v);
        self.b.ins().jump(done, &[tag.into(), payload.into()]);
        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
    }
}
