//! Translation of one code object from stack bytecode to Cranelift IR.
//!
//! The algorithm, as wasmtime translates wasm:
//!
//! * A prepass (the verifier's stack analysis) gives the static stack
//!   depth before every instruction; every jump target and every
//!   instruction after a conditional branch starts a Cranelift block.
//! * The walk keeps a compile-time abstract value stack: each stack slot
//!   is a pair of SSA values (tag word, payload word), so `a + b` between
//!   two locals never touches memory for its operands' stack slots.
//! * Locals live in the frame slab, exactly where the interpreter keeps
//!   them, and the abstract stack is written back ("flushed") to the slab
//!   above the locals at block boundaries and before every runtime call.
//!   A compiled frame therefore always has the interpreter's layout: a
//!   guard that fails can hand the frame to the interpreter (the slow
//!   paths do exactly that for one instruction), and exceptions unwind
//!   with the slab holding every live value.
//! * Each opcode gets a guarded fast path where one pays off — integer
//!   arithmetic with overflow checks, float arithmetic on unboxed doubles,
//!   comparisons, truth tests of booleans and integers, inline reference
//!   counting — and a slow path that runs the instruction in the
//!   interpreter through the `step` helper. Every opcode is translated;
//!   none makes the JIT refuse a function.
//! * Type feedback: where the interpreter's inline caches saw instances
//!   of a few classes and shapes at an attribute instruction, or hold a
//!   global name's value, compiled code guards for what they saw (class
//!   version and shape; the dicts' versions) and does the access inline,
//!   with the helper as the slow path (`attrs`, `globals`).
//! * After an unconditional transfer the walk is unreachable until the
//!   next block, and emits nothing (the `reachable` flag).
//! * Exception handlers are not compiled. An instruction that raises
//!   exits compiled code as any error does (status 1, every live value in
//!   the slab, `JitFrame.pc` naming it); when a handler of the code
//!   covers that instruction, the runtime resumes the frame in the
//!   interpreter, which unwinds to the handler exactly as if it had run
//!   the frame all along, and may come back into compiled code at a
//!   loop header (OSR). Only the instructions the entry reaches without
//!   an exception are translated (`bound::reached_without_exceptions`);
//!   an OSR entry at a loop header that only handlers reach returns
//!   status 2, "not entered", and the interpreter goes on.
//! * Generators: YIELD_VALUE stores the value in `JitFrame.ret`, flushes
//!   the stack, records the offset after it in `JitFrame.pc` and returns
//!   status 3; the next resume enters there (an entry like a loop
//!   header's), with the value sent on the stack in the slab.
//!
//! Helper contract (all `extern "C"`, frame pointer first): `step(frame,
//! pc, depth)` executes the instruction at byte offset `pc` with `depth`
//! stack values flushed to the slab and records the new depth in the
//! frame; `truthy(frame, depth, pop)` tests the value at the stack top;
//! `for_iter(frame, depth)` advances the iterator at the stack top;
//! `free(obj)` frees an object whose count reached zero. A non-zero
//! status from `step`/`for_iter` means an exception: the compiled code
//! returns 1 with every live value in the slab, and the runtime unwinds.

use crate::{Helper, Layout};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, types, AbiParam, Block, InstBuilder, MemFlagsData, Signature};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::isa::TargetFrontendConfig;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use std::collections::{BTreeSet, HashMap};
use taipan_bytecode::code::{CodeObject, ConstValue};
use taipan_bytecode::feedback::Feedback;
use taipan_bytecode::opcode::{CompareOp, Opcode};

mod arith;
mod attrs;
mod bound;
mod builtins;
mod calls;
mod direct_calls;
mod dunders;
mod globals;
mod sequences;

pub use direct_calls::{build_direct_entry, direct_entry_signature, DirectShape};

/// `binary` helper operation kinds: a BINARY_OP argument (0..26), a
/// comparison (this plus the COMPARE_OP argument), or a subscript.
pub const BINARY_KIND_COMPARE: u32 = 100;
/// `binary` helper kind of `container[index]`.
pub const BINARY_KIND_SUBSCR: u32 = 200;
/// `binary` helper kind of `slice(start, stop)` (BUILD_SLICE 2).
pub const BINARY_KIND_SLICE: u32 = 300;
/// `binary` helper kind of the pair `(a, b)` (BUILD_TUPLE 2).
pub const BINARY_KIND_PAIR: u32 = 301;
/// `binary` helper kind of `iter(a)` (GET_ITER; `b` is None).
pub const BINARY_KIND_GET_ITER: u32 = 302;
/// `binary` helper kinds of `a in b` and `a not in b` (CONTAINS_OP 0, 1).
pub const BINARY_KIND_CONTAINS: u32 = 303;
pub const BINARY_KIND_NOT_CONTAINS: u32 = 304;
/// `binary` helper kind of `len(a)` (`b` is `a` again), for `len` of an
/// object compiled code does not measure itself.
pub const BINARY_KIND_LEN: u32 = 305;
/// `binary` helper kinds of FORMAT_VALUE: this plus the instruction's
/// argument (0..8), of `a` (with spec `b` when the argument has bit 4,
/// else `b` is None).
pub const BINARY_KIND_FORMAT: u32 = 310;
/// `binary` helper kind: BINARY_OP (its argument added) whose operands'
/// special methods were already called and answered NotImplemented (the
/// TypeError, or the fallbacks CPython tries after the slots).
pub const BINARY_KIND_UNANSWERED: u32 = 400;

/// The machine comparison of a Python comparison on small ints.
fn int_cc(cmp: CompareOp) -> IntCC {
    match cmp {
        CompareOp::Lt => IntCC::SignedLessThan,
        CompareOp::Le => IntCC::SignedLessThanOrEqual,
        CompareOp::Eq => IntCC::Equal,
        CompareOp::Ne => IntCC::NotEqual,
        CompareOp::Gt => IntCC::SignedGreaterThan,
        CompareOp::Ge => IntCC::SignedGreaterThanOrEqual,
    }
}

/// The machine comparison of a Python comparison on floats (NaN compares
/// unequal to everything, as in Python).
fn float_cc(cmp: CompareOp) -> FloatCC {
    match cmp {
        CompareOp::Lt => FloatCC::LessThan,
        CompareOp::Le => FloatCC::LessThanOrEqual,
        CompareOp::Eq => FloatCC::Equal,
        CompareOp::Ne => FloatCC::NotEqual,
        CompareOp::Gt => FloatCC::GreaterThan,
        CompareOp::Ge => FloatCC::GreaterThanOrEqual,
    }
}

/// The deepest value stack a compiled function may have.
const MAX_STACK_DEPTH: u32 = 128;

/// The longest bytecode (in bytes) the JIT compiles.
const MAX_CODE_BYTES: usize = 64 * 1024;

/// The largest locals × instructions product the JIT compiles. While
/// locals were Cranelift variables across every block, compile time grew
/// faster than the product (1,000 locals in 2,000 instructions: 28 s and
/// 2.5 GB) and the limit was 50,000; since locals are cached per block
/// only, it grows with the code's length (100 locals in 300
/// instructions 26 ms, 250 in 750 56 ms, 1,000 in 3,000 0.22 s and
/// 100 MB), and the limit only keeps generated giants interpreted.
const MAX_LOCALS_TIMES_INSTRUCTIONS: usize = 5_000_000;

/// Why the JIT leaves `code` to the interpreter, if it does: generator
/// frames resume where only the interpreter can, and some code is too
/// big or reads its own frame. (Closures compile: cell and free-variable
/// slots are only ever read and written through the cells, by
/// `LOAD_DEREF` / `STORE_DEREF`, never by `LOAD_FAST`, so the copies of
/// the slots compiled code keeps as variables are never read for them.) (Code with exception
/// handlers compiles: an exception a handler catches hands the frame to
/// the interpreter at the handler — the module doc.)
pub fn not_compiled_reason(code: &CodeObject) -> Option<&'static str> {
    // Every value of the abstract stack is live in registers, so a deep
    // stack (a display of hundreds of names) makes register allocation
    // superlinear: such code stays in the interpreter, as does very long
    // code.
    // Compiled code keeps locals in registers, while `eval`, `exec`,
    // `locals()`, `vars()` and `dir()` read them from the frame: code that
    // may call them stays in the interpreter.
    if code
        .names
        .iter()
        .any(|n| matches!(n.as_str(), "eval" | "exec" | "locals" | "vars" | "dir"))
    {
        return Some("it may read its frame (eval, exec, locals, vars, dir)");
    }
    if code.stacksize > MAX_STACK_DEPTH {
        return Some("the value stack is too deep to compile");
    }
    if code.code.len() > MAX_CODE_BYTES {
        return Some("the function is too long to compile");
    }
    if code.nlocals() * (code.code.len() / 2) > MAX_LOCALS_TIMES_INSTRUCTIONS {
        return Some("too many locals for its length to compile");
    }
    // (A generator or coroutine compiles: YIELD_VALUE returns status 3,
    // and a resume enters at the instruction after it; `yield from`'s
    // and `await`'s SEND is a step that either pushes what the delegate
    // yielded or jumps with what it returned.)
    if code.flags & taipan_bytecode::code::flags::ASYNC_GENERATOR != 0 {
        return Some("async generators are not compiled yet");
    }
    None
}

/// What a translation did, for `--jit-stats` and the tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct Translated {
    /// Attribute instructions compiled with a guarded inline path (the
    /// classes and shapes the interpreter's inline caches saw).
    pub guarded_attr_sites: usize,
    /// `LOAD_GLOBAL`s compiled with an inline path through the
    /// interpreter's global-name cache.
    pub inline_global_loads: usize,
}

/// `extern "C" fn(frame) -> status` of every compiled function.
pub fn entry_signature(call_conv: CallConv, ptr: ir::Type) -> Signature {
    let mut sig = Signature::new(call_conv);
    sig.params.push(AbiParam::new(ptr));
    sig.returns.push(AbiParam::new(types::I32));
    sig
}

/// `Py_DECREF` of `s` for heap objects: `free` emits the call that frees
/// one whose count reached zero.
fn emit_decref(
    b: &mut FunctionBuilder,
    layout: &Layout,
    s: Slot,
    free: impl FnOnce(&mut FunctionBuilder),
) {
    let is_obj = b.ins().icmp_imm_s(IntCC::Equal, s.tag, layout.tag_obj);
    let dec = b.create_block();
    let freeing = b.create_block();
    let done = b.create_block();
    b.ins().brif(is_obj, dec, &[], done, &[]);
    b.switch_to_block(dec);
    let rc = b
        .ins()
        .load(types::I64, flags(), s.payload, layout.refcount_offset);
    let rc1 = b.ins().iadd_imm_s(rc, -1);
    b.ins()
        .store(flags(), rc1, s.payload, layout.refcount_offset);
    b.ins().brif(rc1, done, &[], freeing, &[]);
    b.switch_to_block(freeing);
    free(b);
    b.ins().jump(done, &[]);
    b.switch_to_block(done);
}

/// One abstract stack slot: the tag and payload words of a value.
#[derive(Clone, Copy)]
struct Slot {
    tag: ir::Value,
    payload: ir::Value,
}

struct Translator<'a, 'f> {
    b: FunctionBuilder<'f>,
    layout: &'a Layout,
    /// What the interpreter's specialisation saw at each instruction.
    feedback: &'a Feedback,
    frame: ir::Value,
    slab: ir::Value,
    consts: ir::Value,
    nlocals: usize,
    stack: Vec<Slot>,
    helpers: [ir::FuncRef; Helper::ALL.len()],
    error_block: Block,
    /// The fast locals read or written in the current bytecode block, a
    /// cache of their slab slots: every store writes the slot too, so the
    /// slab always holds the locals and nothing needs writing back before
    /// the interpreter or the runtime reads them (a step, an error exit, a
    /// return). The cache is emptied at every block start: a local is
    /// loaded again in each block that reads it, so no local is live
    /// across blocks. (Cranelift variables spanning every block cost
    /// register allocation and SSA construction: dropping them cut the
    /// background compile time of the benchmarks by 8–27%, nbody 17.3 ->
    /// 12.9 ms, and ran none slower; a loop reloads each local it reads
    /// once per iteration, from the line its store just wrote.)
    locals: Vec<Option<Slot>>,
    /// Per instruction: a `LOAD_FAST` of a local bound on every path to
    /// it (`bound`), which needs no unbound check.
    bound_loads: Vec<bool>,
    /// The index (in the decoded instructions) of the one translated.
    index: usize,
    /// The `LOAD_FAST` being translated may lend its local's object
    /// instead of taking a reference: its consumer only reads it while
    /// the local holds it — the next instruction (`LOAD_ATTR`,
    /// `STORE_ATTR`, or a two-operand `BINARY_SUBSCR`, `BINARY_OP`,
    /// `COMPARE_OP`, `IS_OP`), or such a two-operand one after a load
    /// that cannot raise ...
    borrow_next: bool,
    /// ... and the stack positions holding such borrowed values, which
    /// their consumer must not release (nor hand to the runtime as
    /// owned). Empty after every other instruction (checked).
    borrowed: Vec<usize>,
    /// The previous instruction (before PRECALL) was KW_NAMES: its CALL
    /// goes through the interpreter, which holds the names.
    pending_kw_names: bool,
    /// The methods of built-in types a LOAD_METHOD's guarded paths may
    /// have pushed, by the IR value that holds the method's payload word
    /// after the join: each method object's address and its built-in
    /// function's (`AttrSeen::TypeMethod::call`). A CALL of that value is
    /// made through `call_native` when it is one of them.
    native_methods: HashMap<ir::Value, Vec<(i64, u64)>>,
    /// Attribute instructions given a guarded inline path from type
    /// feedback (reported by `--jit-stats`).
    guarded_attr_sites: usize,
    /// `LOAD_GLOBAL`s given an inline path (the interpreter's cache).
    inline_global_loads: usize,
    /// The signature of direct entries, once a direct call imported it.
    direct_entry_sig: Option<ir::SigRef>,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Translates `code` into `func` (whose signature is already set).
pub fn translate(
    code: &CodeObject,
    feedback: &Feedback,
    layout: &Layout,
    frontend: TargetFrontendConfig,
    func: &mut ir::Function,
    fctx: &mut FunctionBuilderContext,
    import: &mut dyn FnMut(&mut ir::Function, Helper) -> ir::FuncRef,
) -> Result<Translated, String> {
    let helpers = Helper::ALL.map(|h| import(func, h));
    if let Some(reason) = not_compiled_reason(code) {
        return Err(reason.into());
    }
    let (depths, _) = taipan_bytecode::verify::stack_depths(code).map_err(|e| e.0)?;
    let instrs = code.instructions();

    // Prepass: blocks at jump targets, after conditional branches and
    // after each YIELD_VALUE (where a generator resumes).
    let mut labels = BTreeSet::new();
    let mut resume_points = Vec::new();
    for (i, ins) in instrs.iter().enumerate() {
        let Some(op) = ins.opcode else {
            return Err("undecodable instruction".into());
        };
        if op == Opcode::YIELD_VALUE {
            if let Some(next) = instrs.get(i + 1) {
                labels.insert(next.start);
                resume_points.push(next.start);
            }
        }
        if let Some(t) = ins.jump_target() {
            labels.insert(t);
            let conditional = !matches!(op, Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD);
            if conditional {
                if let Some(next) = instrs.get(i + 1) {
                    labels.insert(next.start);
                }
            }
        }
    }

    let ptr = frontend.pointer_type();
    let mut b = FunctionBuilder::new(func, fctx);
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    let error_block = b.create_block();
    let mut blocks: HashMap<usize, Block> = HashMap::new();
    for &l in &labels {
        blocks.insert(l, b.create_block());
    }
    b.switch_to_block(entry);
    let frame = b.block_params(entry)[0];
    let slab = b.ins().load(ptr, flags(), frame, layout.frame_slab);
    let consts = b.ins().load(ptr, flags(), frame, layout.frame_consts);
    let mut t = Translator {
        feedback,
        b,
        layout,
        frame,
        slab,
        consts,
        nlocals: code.nlocals(),
        stack: Vec::new(),
        helpers,
        error_block,
        locals: Vec::new(),
        pending_kw_names: false,
        native_methods: HashMap::new(),
        guarded_attr_sites: 0,
        inline_global_loads: 0,
        direct_entry_sig: None,
        index: 0,
        borrow_next: false,
        borrowed: Vec::new(),
        bound_loads: bound::loads_of_bound_locals(
            code.nlocals(),
            (code.argcount + code.kwonlyargcount) as usize,
            &instrs,
            &|offset| code.handler_at(offset).map(|h| h.target as usize),
        ),
    };
    let compiled = bound::reached_without_exceptions(&instrs);
    let compiled_offsets: std::collections::HashSet<usize> = instrs
        .iter()
        .zip(&compiled)
        .filter(|(_, &c)| c)
        .map(|(ins, _)| ins.start)
        .collect();
    let compiled_at = |offset: usize| compiled_offsets.contains(&offset);
    // Code run once compiles only what its frame reaches from where it
    // goes on (`Feedback::reach_from`); the entry block stays.
    let reached_from_resume = feedback
        .reach_from()
        .map(|start| bound::reached_from(&instrs, start));
    // Locals start as the slab holds them: parameters bound by the caller,
    // or (OSR) whatever the interpreted frame had; each block loads those
    // it reads.
    t.locals = vec![None; code.nlocals()];
    // On-stack replacement: an interpreted frame may enter at a loop
    // header, its stack already in the slab (every block reloads it); a
    // generator resumes after the YIELD_VALUE it left at, the value sent
    // pushed on its stack.
    let start =
        t.b.ins()
            .load(types::I64, flags(), frame, layout.frame_start_pc);
    let loop_headers = instrs
        .iter()
        .filter(|ins| ins.opcode == Some(Opcode::JUMP_BACKWARD))
        .filter_map(|ins| ins.jump_target());
    let mut entries: Vec<usize> = loop_headers.chain(resume_points.iter().copied()).collect();
    entries.sort_unstable();
    entries.dedup();
    for target in entries {
        if let (Some(&blk), Some(Some(_)), true) = (
            blocks.get(&target),
            depths.get(target / 2),
            compiled_at(target),
        ) {
            let is_here = t.b.ins().icmp_imm_s(IntCC::Equal, start, target as i64);
            let next = t.b.create_block();
            t.b.ins().brif(is_here, blk, &[], next, &[]);
            t.b.switch_to_block(next);
        }
    }
    // Any other start but 0 is a loop header not compiled: "not entered".
    {
        let from_top = t.b.create_block();
        let not_entered = t.b.create_block();
        t.b.ins().brif(start, not_entered, &[], from_top, &[]);
        t.b.switch_to_block(not_entered);
        let two = t.b.ins().iconst(types::I32, 2);
        t.b.ins().return_(&[two]);
        t.b.switch_to_block(from_top);
    }

    let mut reachable = true;
    let mut skip_next = false;
    for (i, ins) in instrs.iter().enumerate() {
        let op = ins.opcode.ok_or("undecodable instruction")?;
        if skip_next {
            // Consumed by the fused compare-and-branch before it.
            skip_next = false;
            continue;
        }
        let depth_here = depths
            .get(ins.start / 2)
            .copied()
            .flatten()
            .filter(|_| compiled[i]);
        if let Some(&blk) = blocks.get(&ins.start) {
            if reachable {
                t.flush();
                t.b.ins().jump(blk, &[]);
            }
            t.b.switch_to_block(blk);
            t.locals.fill(None);
            // The block's instructions, to see whether it ever ran.
            let offsets = instrs[i..]
                .iter()
                .enumerate()
                .take_while(|(k, n)| *k == 0 || !blocks.contains_key(&n.start))
                .map(|(_, n)| n.start);
            match depth_here {
                Some(d)
                    if ins.start != 0
                        && (t.feedback.block_never_ran(offsets)
                            || reached_from_resume.as_ref().is_some_and(|r| !r[i])) =>
                {
                    // A block the interpreter has not run: compiled code
                    // leaves the frame to it there.
                    t.exit_to_interpreter(blk, d as usize, ins.start);
                    reachable = false;
                }
                Some(d) => {
                    t.reload(d as usize);
                    reachable = true;
                }
                None => {
                    // Unreachable label: keep the block well formed.
                    t.b.ins().jump(error_block, &[]);
                    reachable = false;
                }
            }
        }
        if !reachable || depth_here.is_none() {
            continue;
        }
        let next_block = instrs
            .get(i + 1)
            .and_then(|n| blocks.get(&n.start).copied());
        // COMPARE_OP + POP_JUMP_IF_*: branch on the comparison directly.
        if op == Opcode::COMPARE_OP {
            if let Some(branch) = instrs.get(i + 1) {
                let is_branch = matches!(
                    branch.opcode,
                    Some(Opcode::POP_JUMP_FORWARD_IF_FALSE | Opcode::POP_JUMP_FORWARD_IF_TRUE)
                );
                let target = branch.jump_target().and_then(|x| blocks.get(&x).copied());
                let after = instrs
                    .get(i + 2)
                    .and_then(|n| blocks.get(&n.start).copied());
                if let (true, false, Some(target), Some(after)) =
                    (is_branch, blocks.contains_key(&branch.start), target, after)
                {
                    let when_true = branch.opcode == Some(Opcode::POP_JUMP_FORWARD_IF_TRUE);
                    t.compare_and_branch(ins.arg, ins.start, when_true, target, after)?;
                    skip_next = true;
                    reachable = false;
                    continue;
                }
            }
        }
        // (KW_NAMES comes before a CALL's PRECALL.)
        let before = |back: usize| i.checked_sub(back).and_then(|k| instrs[k].opcode);
        t.pending_kw_names = before(1) == Some(Opcode::KW_NAMES)
            || (before(1) == Some(Opcode::PRECALL) && before(2) == Some(Opcode::KW_NAMES));
        t.index = i;
        let plain = |k: usize| {
            instrs
                .get(k)
                .filter(|n| !blocks.contains_key(&n.start))
                .and_then(|n| n.opcode.map(|o| (o, n.arg)))
        };
        // (The load between a lent value and its consumer must not be one
        // that can leave through an error exit, which would hand the
        // runtime the lent value to release: a constant, or a local
        // bound on every path.)
        let two_operands = |o: Opcode| {
            matches!(
                o,
                Opcode::BINARY_SUBSCR
                    | Opcode::BINARY_OP
                    | Opcode::COMPARE_OP
                    | Opcode::IS_OP
                    | Opcode::CONTAINS_OP
            )
        };
        t.borrow_next = op == Opcode::LOAD_FAST
            && match plain(i + 1) {
                Some((Opcode::LOAD_ATTR | Opcode::STORE_ATTR, a)) => a < 256,
                Some((o, _)) if two_operands(o) => true,
                Some((Opcode::LOAD_CONST, _)) => {
                    matches!(plain(i + 2), Some((o, _)) if two_operands(o))
                }
                Some((Opcode::LOAD_FAST, _)) => {
                    t.bound_loads.get(i + 1).copied().unwrap_or(false)
                        && matches!(plain(i + 2), Some((o, _)) if two_operands(o))
                }
                _ => false,
            };
        reachable = t.op(
            code,
            op,
            ins.arg,
            ins.start,
            ins.jump_target().and_then(|x| blocks.get(&x).copied()),
            next_block,
        )?;
        // Only a load may leave a borrowed value for the next instruction.
        if !matches!(op, Opcode::LOAD_FAST | Opcode::LOAD_CONST) && !t.borrowed.is_empty() {
            return Err("internal: a borrowed local outlived its consumer".into());
        }
    }
    if reachable {
        // Verified code never falls off the end; be safe anyway.
        t.b.ins().jump(error_block, &[]);
    }
    t.b.switch_to_block(error_block);
    // (The runtime drops the slab, which holds the current locals.)
    let one = t.b.ins().iconst(types::I32, 1);
    t.b.ins().return_(&[one]);
    t.b.seal_all_blocks();
    t.b.finalize(frontend);
    Ok(Translated {
        guarded_attr_sites: t.guarded_attr_sites,
        inline_global_loads: t.inline_global_loads,
    })
}

impl Translator<'_, '_> {
    fn slot_offset(&self, index: usize) -> i32 {
        (index as i32) * self.layout.value_size
    }

    /// The NULL under a callable (CALL's layout): an Unbound value,
    /// which owns nothing.
    fn null_slot(&mut self) -> Slot {
        Slot {
            tag: self.b.ins().iconst(types::I64, self.layout.tag_unbound),
            payload: self.b.ins().iconst(types::I64, 0),
        }
    }

    fn load_slot(&mut self, index: usize) -> Slot {
        let off = self.slot_offset(index);
        let tag = self.b.ins().load(types::I64, flags(), self.slab, off);
        let payload = self.b.ins().load(
            types::I64,
            flags(),
            self.slab,
            off + self.layout.payload_offset,
        );
        Slot { tag, payload }
    }

    fn store_slot(&mut self, index: usize, s: Slot) {
        let off = self.slot_offset(index);
        self.b.ins().store(flags(), s.tag, self.slab, off);
        self.b.ins().store(
            flags(),
            s.payload,
            self.slab,
            off + self.layout.payload_offset,
        );
    }

    /// Runs a two-operand operation (`BINARY_OP` argument, comparison, or
    /// subscript: see the `BINARY_KIND_*` constants) in the runtime's
    /// `binary` helper, without flushing the stack. The helper borrows the
    /// operands; those this code owns (the flag beside each: `false` for
    /// a lent local) are released here once the result is back, and
    /// handed to the runtime on an error.
    fn call_binary(
        &mut self,
        kind: u32,
        operands: [(Slot, bool); 2],
        pc: usize,
        depth_before: usize,
    ) -> Slot {
        let [(a, a_owned), (b, b_owned)] = operands;
        let k = self.b.ins().iconst(types::I32, kind as i64);
        let call = self.b.ins().call(
            self.helpers[Helper::Binary as usize],
            &[self.frame, k, a.tag, a.payload, b.tag, b.payload],
        );
        let status = self.b.inst_results(call)[0];
        debug_assert_eq!(self.stack.len() + 2, depth_before);
        let owned: Vec<Slot> = operands
            .iter()
            .filter(|(_, owned)| *owned)
            .map(|(s, _)| *s)
            .collect();
        self.leave_on_error(status, &owned, pc);
        let r = self.load_scratch();
        // (Operands freed here run their `__del__` now, as in CPython
        // and the interpreter's generic path.)
        if a_owned {
            self.decref_at(a, pc);
        }
        if b_owned {
            self.decref_at(b, pc);
        }
        r
    }

    /// Leaves compiled code with `status` (0 returned, 3 yielded): the
    /// value on top of the stack to the frame's `ret`, the rest of the
    /// stack to the slab and its depth to the frame.
    fn leave_with_top(&mut self, status: i64) -> Result<(), String> {
        let l = *self.layout;
        let v = self.pop()?;
        self.flush();
        self.b.ins().store(flags(), v.tag, self.frame, l.frame_ret);
        self.b.ins().store(
            flags(),
            v.payload,
            self.frame,
            l.frame_ret + l.payload_offset,
        );
        let depth = self.b.ins().iconst(types::I64, self.stack.len() as i64);
        self.b
            .ins()
            .store(flags(), depth, self.frame, l.frame_depth);
        let status = self.b.ins().iconst(types::I32, status);
        self.b.ins().return_(&[status]);
        Ok(())
    }

    /// After a helper call: a non-zero `status` leaves through the error
    /// exit, with the abstract stack and the `operands` this code still
    /// owns written back to the slab (so the runtime releases them) and the
    /// faulting instruction recorded for the traceback.
    fn leave_on_error(&mut self, status: ir::Value, operands: &[Slot], pc: usize) {
        let l = *self.layout;
        let failed = self.b.create_block();
        let ok = self.b.create_block();
        self.b.ins().brif(status, failed, &[], ok, &[]);
        self.b.set_cold_block(failed);
        self.b.switch_to_block(failed);
        self.flush();
        let base = self.nlocals + self.stack.len();
        for (k, s) in operands.iter().enumerate() {
            self.store_slot(base + k, *s);
        }
        let d = self
            .b
            .ins()
            .iconst(types::I64, (self.stack.len() + operands.len()) as i64);
        self.b.ins().store(flags(), d, self.frame, l.frame_depth);
        let p = self.b.ins().iconst(types::I64, pc as i64);
        self.b.ins().store(flags(), p, self.frame, l.frame_pc);
        self.b.ins().jump(self.error_block, &[]);
        self.b.switch_to_block(ok);
    }

    /// Makes `blk` (the current block, at offset `pc`, whose entry finds
    /// `depth` values flushed to the slab and every local there) leave
    /// the frame to the interpreter: compiled code has no code for it
    /// (`STATUS_EXITED`; the runtime goes on at `pc` and counts the exit
    /// towards a recompilation that includes the block).
    fn exit_to_interpreter(&mut self, blk: Block, depth: usize, pc: usize) {
        let l = *self.layout;
        self.b.set_cold_block(blk);
        let d = self.b.ins().iconst(types::I64, depth as i64);
        self.b.ins().store(flags(), d, self.frame, l.frame_depth);
        let p = self.b.ins().iconst(types::I64, pc as i64);
        self.b.ins().store(flags(), p, self.frame, l.frame_pc);
        let status = self.b.ins().iconst(types::I32, crate::STATUS_EXITED as i64);
        self.b.ins().return_(&[status]);
    }

    /// A block whose two parameters are a value's words: where the paths
    /// of an instruction that produces one meet.
    fn value_join(&mut self) -> Block {
        let join = self.b.create_block();
        self.b.append_block_param(join, types::I64);
        self.b.append_block_param(join, types::I64);
        join
    }

    /// Goes on in a new block when `cond` holds, else branches to
    /// `otherwise` (a guard).
    fn continue_if(&mut self, cond: ir::Value, otherwise: Block) {
        let next = self.b.create_block();
        self.b.ins().brif(cond, next, &[], otherwise, &[]);
        self.b.switch_to_block(next);
    }

    /// Jumps to `join` with `v`, switches to it, and returns the value
    /// its parameters carry.
    fn meet_at(&mut self, join: Block, v: Slot) -> Slot {
        self.b.ins().jump(join, &[v.tag.into(), v.payload.into()]);
        self.b.switch_to_block(join);
        let p = self.b.block_params(join);
        Slot {
            tag: p[0],
            payload: p[1],
        }
    }

    /// The value a helper left in the frame's scratch slot (now owned here).
    fn load_scratch(&mut self) -> Slot {
        let l = *self.layout;
        let tag = self
            .b
            .ins()
            .load(types::I64, flags(), self.frame, l.frame_scratch);
        let payload = self.b.ins().load(
            types::I64,
            flags(),
            self.frame,
            l.frame_scratch + l.payload_offset,
        );
        Slot { tag, payload }
    }

    /// Local `i`: the value this block last read or wrote, or a load of
    /// its slab slot. (Called only where the current block's code
    /// dominates the rest of the bytecode block: at an instruction's
    /// start, never inside one's internal branches.)
    fn get_local(&mut self, i: usize) -> Slot {
        if let Some(s) = self.locals[i] {
            return s;
        }
        let s = self.load_slot(i);
        self.locals[i] = Some(s);
        s
    }

    /// Stores local `i`: its slab slot and its variable.
    fn set_local(&mut self, i: usize, s: Slot) {
        self.store_slot(i, s);
        self.cache_local(i, s);
    }

    /// Makes `s` (the value in local `i`'s slab slot) the cached one.
    fn cache_local(&mut self, i: usize, s: Slot) {
        self.locals[i] = Some(s);
    }

    /// Writes the abstract stack to the slab above the locals.
    fn flush(&mut self) {
        for i in 0..self.stack.len() {
            let s = self.stack[i];
            self.store_slot(self.nlocals + i, s);
        }
    }

    /// Makes the abstract stack the `depth` values in the slab.
    fn reload(&mut self, depth: usize) {
        self.stack.clear();
        for i in 0..depth {
            let s = self.load_slot(self.nlocals + i);
            self.stack.push(s);
        }
    }

    fn pop(&mut self) -> Result<Slot, String> {
        self.stack
            .pop()
            .ok_or_else(|| "abstract stack underflow".to_string())
    }

    fn is_tag(&mut self, s: Slot, tag: i64) -> ir::Value {
        self.b.ins().icmp_imm_s(IntCC::Equal, s.tag, tag)
    }

    /// The kind word of `s` when it is a heap object (the code goes on
    /// in a new block); any other value branches to `other`.
    fn heap_kind(&mut self, s: Slot, other: Block) -> ir::Value {
        let is_obj = self.is_tag(s, self.layout.tag_obj);
        let check = self.b.create_block();
        self.b.ins().brif(is_obj, check, &[], other, &[]);
        self.b.switch_to_block(check);
        self.b
            .ins()
            .load(types::I16, flags(), s.payload, self.layout.kind_offset)
    }

    /// Branches to `yes` when both operands carry `tag`, else to `no`.
    fn branch_if_both(&mut self, a: Slot, b: Slot, tag: i64, yes: Block, no: Block) {
        let x = self.is_tag(a, tag);
        let y = self.is_tag(b, tag);
        let both = self.b.ins().band(x, y);
        self.b.ins().brif(both, yes, &[], no, &[]);
    }

    /// The payload of a float value as an `f64`.
    fn as_f64(&mut self, s: Slot) -> ir::Value {
        self.b
            .ins()
            .bitcast(types::F64, MemFlagsData::new(), s.payload)
    }

    /// `Py_INCREF` for heap objects.
    fn incref(&mut self, s: Slot) {
        let is_obj = self.is_tag(s, self.layout.tag_obj);
        let inc = self.b.create_block();
        let done = self.b.create_block();
        self.b.ins().brif(is_obj, inc, &[], done, &[]);
        self.b.switch_to_block(inc);
        let rc = self
            .b
            .ins()
            .load(types::I64, flags(), s.payload, self.layout.refcount_offset);
        let rc1 = self.b.ins().iadd_imm_s(rc, 1);
        self.b
            .ins()
            .store(flags(), rc1, s.payload, self.layout.refcount_offset);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// `Py_DECREF`: frees the object through the runtime at zero.
    fn decref(&mut self, s: Slot) {
        self.decref_with(s, None);
    }

    /// Drops a reference as [`Self::decref`] does; an object freed at
    /// instruction `pc` goes through `free_at`, which runs the finalizers
    /// freeing it queued.
    fn decref_at(&mut self, s: Slot, pc: usize) {
        self.decref_with(s, Some(pc));
    }

    fn decref_with(&mut self, s: Slot, at: Option<usize>) {
        let (frame, free, free_at) = (
            self.frame,
            self.helpers[Helper::Free as usize],
            self.helpers[Helper::FreeAt as usize],
        );
        emit_decref(&mut self.b, self.layout, s, |b| match at {
            None => {
                b.ins().call(free, &[s.payload]);
            }
            Some(pc) => {
                let pcv = b.ins().iconst(types::I32, pc as i64);
                b.ins().call(free_at, &[frame, s.payload, pcv]);
            }
        });
    }

    /// Whether the value at stack position `pos` (just popped by its
    /// consumer) is a borrowed local; forgets it.
    fn take_borrowed(&mut self, pos: usize) -> bool {
        match self.borrowed.iter().position(|&p| p == pos) {
            Some(k) => {
                self.borrowed.swap_remove(k);
                true
            }
            None => false,
        }
    }

    /// Pops a two-operand instruction's operands, first then second,
    /// each with whether this code owns it (`false`: a lent local).
    fn pop_operands(&mut self) -> Result<[(Slot, bool); 2], String> {
        let b = self.pop()?;
        let a = self.pop()?;
        let a_owned = !self.take_borrowed(self.stack.len());
        let b_owned = !self.take_borrowed(self.stack.len() + 1);
        Ok([(a, a_owned), (b, b_owned)])
    }

    /// Pushes local `s` for `LOAD_FAST`: a new reference, or borrowed
    /// when the next instruction only reads it (`borrow_next`).
    fn push_local(&mut self, s: Slot) {
        if self.borrow_next {
            self.borrowed.push(self.stack.len());
        } else {
            self.incref(s);
        }
        self.stack.push(s);
    }

    /// Runs instruction `pc` in the interpreter with the stack flushed;
    /// continues with the stack reloaded at `depth_after`.
    fn slow_step(&mut self, pc: usize, depth_after: usize) {
        self.flush();
        let depth = self.stack.len();
        self.call_step(pc, depth);
        self.reload(depth_after);
    }

    /// Calls `step(frame, pc, depth)` and branches to the error exit on
    /// a non-zero status.
    fn call_step(&mut self, pc: usize, depth: usize) {
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let dv = self.b.ins().iconst(types::I32, depth as i64);
        let call = self
            .b
            .ins()
            .call(self.helpers[Helper::Step as usize], &[self.frame, pcv, dv]);
        let status = self.b.inst_results(call)[0];
        let ok = self.b.create_block();
        self.b.ins().brif(status, self.error_block, &[], ok, &[]);
        self.b.switch_to_block(ok);
    }

    /// Translates one instruction; returns whether the next one is reachable.
    fn op(
        &mut self,
        code: &CodeObject,
        op: Opcode,
        arg: u32,
        pc: usize,
        target: Option<Block>,
        next: Option<Block>,
    ) -> Result<bool, String> {
        let l = *self.layout;
        match op {
            // ---- no-ops ----------------------------------------------
            Opcode::NOP | Opcode::RESUME | Opcode::EXTENDED_ARG => {}

            // ---- locals: slab slots, reference counted inline ---------
            Opcode::LOAD_FAST if self.bound_loads.get(self.index).copied().unwrap_or(false) => {
                // Bound on every path here: no check.
                let s = self.get_local(arg as usize);
                self.push_local(s);
            }
            Opcode::LOAD_FAST => {
                let s = self.get_local(arg as usize);
                let unbound = self.is_tag(s, l.tag_unbound);
                let cold = self.b.create_block();
                let ok = self.b.create_block();
                self.b.ins().brif(unbound, cold, &[], ok, &[]);
                self.b.set_cold_block(cold);
                self.b.switch_to_block(cold);
                // The interpreter raises UnboundLocalError for us.
                self.flush();
                let depth = self.stack.len();
                self.call_step(pc, depth);
                self.b.ins().jump(self.error_block, &[]);
                self.b.switch_to_block(ok);
                self.push_local(s);
            }
            Opcode::STORE_FAST => {
                let v = self.pop()?;
                let old = self.get_local(arg as usize);
                self.set_local(arg as usize, v);
                self.decref(old);
            }
            Opcode::DELETE_FAST => {
                // The interpreter deletes (or raises) on the slab.
                let depth = self.stack.len();
                self.slow_step(pc, depth);
                let s = self.load_slot(arg as usize);
                self.cache_local(arg as usize, s);
            }
            Opcode::LOAD_CONST => {
                let s = match code.consts.get(arg as usize) {
                    Some(ConstValue::Int(i)) => Slot {
                        tag: self.b.ins().iconst(types::I64, l.tag_int),
                        payload: self.b.ins().iconst(types::I64, *i),
                    },
                    Some(ConstValue::Float(f)) => Slot {
                        tag: self.b.ins().iconst(types::I64, l.tag_float),
                        payload: self.b.ins().iconst(types::I64, f.to_bits() as i64),
                    },
                    Some(ConstValue::Bool(v)) => Slot {
                        tag: self.b.ins().iconst(types::I64, l.tag_bool),
                        payload: self.b.ins().iconst(types::I64, *v as i64),
                    },
                    Some(ConstValue::None) => Slot {
                        tag: self.b.ins().iconst(types::I64, l.tag_none),
                        payload: self.b.ins().iconst(types::I64, 0),
                    },
                    _ => {
                        let off = (arg as i32) * l.value_size;
                        let tag = self.b.ins().load(types::I64, flags(), self.consts, off);
                        let payload = self.b.ins().load(
                            types::I64,
                            flags(),
                            self.consts,
                            off + l.payload_offset,
                        );
                        let s = Slot { tag, payload };
                        self.incref(s);
                        s
                    }
                };
                self.stack.push(s);
            }

            // ---- stack shuffles: SSA renaming ------------------------
            Opcode::POP_TOP => {
                let v = self.pop()?;
                self.decref_at(v, pc);
            }
            Opcode::COPY => {
                let s = *self
                    .stack
                    .get(self.stack.len().wrapping_sub(arg as usize))
                    .ok_or("COPY underflow")?;
                self.incref(s);
                self.stack.push(s);
            }
            Opcode::SWAP => {
                let n = self.stack.len();
                if arg as usize > n || arg == 0 {
                    return Err("SWAP underflow".into());
                }
                self.stack.swap(n - 1, n - arg as usize);
            }

            // ---- arithmetic: int and float fast paths ----------------
            Opcode::BINARY_OP => {
                if !self.instance_binary(arg, pc)? {
                    self.binary_op(arg, pc)?
                }
            }
            Opcode::STORE_SUBSCR => {
                // container[index] = value: the helper takes the value and
                // borrows the other two.
                let index = self.pop()?;
                let container = self.pop()?;
                let value = self.pop()?;
                let depth_before = self.stack.len() + 3;
                let done = self.b.create_block();
                let slow = self.b.create_block();
                if let Some(addr) = self.list_element(container, index, slow) {
                    // `list[int] = value` in bounds: replace the element inline.
                    let old_tag = self.b.ins().load(types::I64, flags(), addr, 0);
                    let old_payload =
                        self.b
                            .ins()
                            .load(types::I64, flags(), addr, l.payload_offset);
                    self.b.ins().store(flags(), value.tag, addr, 0);
                    self.b
                        .ins()
                        .store(flags(), value.payload, addr, l.payload_offset);
                    self.decref(Slot {
                        tag: old_tag,
                        payload: old_payload,
                    });
                    self.decref(container);
                    self.b.ins().jump(done, &[]);
                } else {
                    self.b.ins().jump(slow, &[]);
                }
                self.b.set_cold_block(slow);
                self.b.switch_to_block(slow);
                let call = self.b.ins().call(
                    self.helpers[Helper::SetItem as usize],
                    &[
                        self.frame,
                        container.tag,
                        container.payload,
                        index.tag,
                        index.payload,
                        value.tag,
                        value.payload,
                    ],
                );
                let status = self.b.inst_results(call)[0];
                // The value was consumed; the other operands are still ours.
                debug_assert_eq!(self.stack.len() + 3, depth_before);
                self.leave_on_error(status, &[container, index], pc);
                self.decref(container);
                self.decref(index);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(done);
            }
            // Positional calls: compiled callees directly, anything else
            // through the `call` helper (`calls`).
            Opcode::CALL if !self.pending_kw_names => self.call(arg, pc)?,
            // Attributes through the interpreter's inline caches (the
            // `attr` helper: a cache hit costs a call, not a step). An
            // argument past 255 has an EXTENDED_ARG prefix, whose
            // instructions the interpreter leaves uncached: a step.
            Opcode::LOAD_ATTR if arg < 256 => self.load_attr(arg, pc)?,
            Opcode::LOAD_METHOD if arg < 256 => self.load_method(arg, pc)?,
            Opcode::STORE_ATTR if arg < 256 => self.store_attr(arg, pc)?,
            // LOAD_NAME may read a class namespace first: the interpreter's.
            // CALL, which follows, makes the call.
            Opcode::PRECALL => {}
            Opcode::PUSH_NULL => {
                let s = self.null_slot();
                self.stack.push(s);
            }
            Opcode::LOAD_GLOBAL => {
                // A namespace lookup needs no flush: the helper leaves the
                // value in the frame's scratch slot. (The argument: the
                // name's index shifted left, and whether a NULL goes
                // first.)
                if arg & 1 != 0 {
                    let s = self.null_slot();
                    self.stack.push(s);
                }
                let depth_before = self.stack.len();
                let done = self.value_join();
                self.inline_global((arg >> 1) as usize, done);
                let k = self.b.ins().iconst(types::I32, (arg >> 1) as i64);
                let call = self
                    .b
                    .ins()
                    .call(self.helpers[Helper::LoadGlobal as usize], &[self.frame, k]);
                let status = self.b.inst_results(call)[0];
                debug_assert_eq!(self.stack.len(), depth_before);
                self.leave_on_error(status, &[], pc);
                let r = self.load_scratch();
                let r = self.meet_at(done, r);
                self.stack.push(r);
            }
            Opcode::BINARY_SUBSCR => {
                let [(container, container_owned), (index, index_owned)] = self.pop_operands()?;
                let depth_before = self.stack.len() + 2;
                let join = self.value_join();
                let slow = self.b.create_block();
                if let Some(addr) = self.list_element(container, index, slow) {
                    // `list[int]` in bounds: load the element inline.
                    let tag = self.b.ins().load(types::I64, flags(), addr, 0);
                    let payload = self
                        .b
                        .ins()
                        .load(types::I64, flags(), addr, l.payload_offset);
                    let elem = Slot { tag, payload };
                    self.incref(elem);
                    // (The index is an int here: it owns nothing.)
                    if container_owned {
                        self.decref(container);
                    }
                    self.b.ins().jump(join, &[tag.into(), payload.into()]);
                } else {
                    self.b.ins().jump(slow, &[]);
                }
                self.b.set_cold_block(slow);
                self.b.switch_to_block(slow);
                let r = self.call_binary(
                    BINARY_KIND_SUBSCR,
                    [(container, container_owned), (index, index_owned)],
                    pc,
                    depth_before,
                );
                let r = self.meet_at(join, r);
                self.stack.push(r);
            }
            Opcode::COMPARE_OP => self.compare_op(arg, pc)?,
            // `x[a:b]`'s slice and a pair `(a, b)`: made by the binary
            // helper (no stack flush and interpreter step, which cost
            // more than the object).
            Opcode::BUILD_SLICE | Opcode::BUILD_TUPLE if arg == 2 => {
                let depth_before = self.stack.len();
                let second = self.pop()?;
                let first = self.pop()?;
                let kind = if op == Opcode::BUILD_SLICE {
                    BINARY_KIND_SLICE
                } else {
                    BINARY_KIND_PAIR
                };
                let r = self.call_binary(kind, [(first, true), (second, true)], pc, depth_before);
                self.stack.push(r);
            }

            // ---- control flow ----------------------------------------
            Opcode::JUMP_FORWARD => {
                let target = target.ok_or("jump without target block")?;
                self.flush();
                self.b.ins().jump(target, &[]);
                return Ok(false);
            }
            Opcode::JUMP_BACKWARD => {
                // A loop's back edge: signals that arrived (Ctrl-C) are
                // handled here, as the interpreter handles them at its
                // back edges — by running this jump there.
                let target = target.ok_or("jump without target block")?;
                self.flush();
                let word = self.b.ins().iconst(types::I64, l.signals_pending);
                let pending = self.b.ins().load(types::I64, flags(), word, 0);
                let handle = self.b.create_block();
                self.b.ins().brif(pending, handle, &[], target, &[]);
                self.b.switch_to_block(handle);
                let depth = self.stack.len();
                self.call_step(pc, depth);
                self.b.ins().jump(target, &[]);
                return Ok(false);
            }
            Opcode::IS_OP => {
                // Identity as `Value::is`: the same tag, and for ints,
                // floats and objects the same payload word, for bools the
                // same byte (the rest of a bool's word is padding).
                let [(a, a_owned), (b_, b_owned)] = self.pop_operands()?;
                let same_tag = self.b.ins().icmp(IntCC::Equal, a.tag, b_.tag);
                let same_word = self.b.ins().icmp(IntCC::Equal, a.payload, b_.payload);
                let xor = self.b.ins().bxor(a.payload, b_.payload);
                let low = self.b.ins().band_imm_u(xor, 0xFF);
                let same_byte = self.b.ins().icmp_imm_s(IntCC::Equal, low, 0);
                let from_int = self.b.ins().iadd_imm_s(a.tag, -l.tag_int);
                let wordy = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::UnsignedLessThan, from_int, 3);
                let is_bool = self.is_tag(a, l.tag_bool);
                let yes = self.b.ins().iconst(types::I8, 1);
                let by_payload = self.b.ins().select(is_bool, same_byte, yes);
                let by_payload = self.b.ins().select(wordy, same_word, by_payload);
                let mut r = self.b.ins().band(same_tag, by_payload);
                if arg == 1 {
                    r = self.b.ins().bxor_imm_u(r, 1);
                }
                if a_owned {
                    self.decref(a);
                }
                if b_owned {
                    self.decref(b_);
                }
                let tag = self.b.ins().iconst(types::I64, l.tag_bool);
                let payload = self.b.ins().uextend(types::I64, r);
                self.stack.push(Slot { tag, payload });
            }
            Opcode::UNARY_NEGATIVE => {
                // Ints (but the most negative, whose negation is a big
                // int) and floats inline; anything else in the
                // interpreter.
                let v = self.pop()?;
                let done = self.value_join();
                let int_ok = self.b.create_block();
                let not_int = self.b.create_block();
                let slow = self.b.create_block();
                self.b.set_cold_block(slow);
                let is_int = self.is_tag(v, l.tag_int);
                let not_min = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::NotEqual, v.payload, i64::MIN);
                let negatable = self.b.ins().band(is_int, not_min);
                self.b.ins().brif(negatable, int_ok, &[], not_int, &[]);
                self.b.switch_to_block(int_ok);
                let n = self.b.ins().ineg(v.payload);
                self.b.ins().jump(done, &[v.tag.into(), n.into()]);
                self.b.switch_to_block(not_int);
                let is_float = self.is_tag(v, l.tag_float);
                let float_ok = self.b.create_block();
                self.b.ins().brif(is_float, float_ok, &[], slow, &[]);
                self.b.switch_to_block(float_ok);
                // (The sign bit flipped: -0.0, -inf and NaNs as C negates.)
                let bits = self.b.ins().bxor_imm_u(v.payload, i64::MIN);
                self.b.ins().jump(done, &[v.tag.into(), bits.into()]);
                self.b.switch_to_block(slow);
                self.flush();
                let depth = self.stack.len();
                self.store_slot(self.nlocals + depth, v);
                self.call_step(pc, depth + 1);
                let r = self.load_slot(self.nlocals + depth);
                let r = self.meet_at(done, r);
                self.stack.push(r);
            }
            Opcode::UNARY_NOT => {
                // The truth test inline for bools, ints and None (the
                // `truthy` helper otherwise), then its negation.
                let v = self.pop()?;
                let depth = self.stack.len();
                // (The stack goes to the slab only on the helper's path.)
                let truth = self.truth(v, depth + 1, true, true, pc);
                // (`truthy` released the value it popped; the inline
                // cases are immediates, which own nothing.)
                let r = self.b.ins().bxor_imm_u(truth, 1);
                let tag = self.b.ins().iconst(types::I64, l.tag_bool);
                let payload = self.b.ins().uextend(types::I64, r);
                self.stack.push(Slot { tag, payload });
            }
            Opcode::POP_JUMP_FORWARD_IF_FALSE | Opcode::POP_JUMP_FORWARD_IF_TRUE => {
                let target = target.ok_or("jump without target block")?;
                let next = next.ok_or("branch without fall-through block")?;
                let v = self.pop()?;
                self.flush();
                let depth = self.stack.len();
                let truth = self.truth(v, depth + 1, true, false, pc);
                if op == Opcode::POP_JUMP_FORWARD_IF_TRUE {
                    self.b.ins().brif(truth, target, &[], next, &[]);
                } else {
                    self.b.ins().brif(truth, next, &[], target, &[]);
                }
                return Ok(false);
            }
            Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                let target = target.ok_or("jump without target block")?;
                let next = next.ok_or("branch without fall-through block")?;
                self.flush();
                let depth = self.stack.len();
                let v = *self.stack.last().ok_or("stack underflow")?;
                let truth = self.truth(v, depth, false, false, pc);
                let pop_blk = self.b.create_block();
                if op == Opcode::JUMP_IF_TRUE_OR_POP {
                    self.b.ins().brif(truth, target, &[], pop_blk, &[]);
                } else {
                    self.b.ins().brif(truth, pop_blk, &[], target, &[]);
                }
                self.b.switch_to_block(pop_blk);
                self.decref(v);
                self.b.ins().jump(next, &[]);
                return Ok(false);
            }
            Opcode::FOR_ITER => {
                let target = target.ok_or("jump without target block")?;
                let next = next.ok_or("FOR_ITER without fall-through block")?;
                self.flush();
                let depth = self.stack.len();
                let iterator = *self.stack.last().ok_or("stack underflow")?;
                let helper = self.b.create_block();
                self.inline_for_iter(iterator, depth, next, helper);
                self.b.switch_to_block(helper);
                let dv = self.b.ins().iconst(types::I32, depth as i64);
                let call = self
                    .b
                    .ins()
                    .call(self.helpers[Helper::ForIter as usize], &[self.frame, dv]);
                let status = self.b.inst_results(call)[0];
                let check = self.b.create_block();
                self.b.ins().brif(status, check, &[], next, &[]);
                self.b.switch_to_block(check);
                let exhausted = self.b.ins().icmp_imm_s(IntCC::Equal, status, 1);
                self.b
                    .ins()
                    .brif(exhausted, target, &[], self.error_block, &[]);
                return Ok(false);
            }
            Opcode::RETURN_VALUE => {
                self.leave_with_top(0)?;
                return Ok(false);
            }

            // `yield from`: the interpreter sends the value to the
            // delegate; its depth after says what happened — the same
            // (it yielded a value, pushed: go on to YIELD_VALUE) or one
            // less (it returned: the value replaced it, jump).
            Opcode::SEND => {
                let (target, next) = match (target, next) {
                    (Some(t), Some(n)) => (t, n),
                    _ => return Err("SEND without its blocks".into()),
                };
                self.flush();
                let depth = self.stack.len();
                self.call_step(pc, depth);
                let after = self
                    .b
                    .ins()
                    .load(types::I64, flags(), self.frame, l.frame_depth);
                let returned = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::NotEqual, after, depth as i64);
                self.b.ins().brif(returned, target, &[], next, &[]);
                return Ok(false);
            }

            // A generator's yield: the value to the frame's `ret`, the
            // stack to the slab, the resume offset to `pc`; status 3.
            Opcode::YIELD_VALUE => {
                let resume = self.b.ins().iconst(types::I64, pc as i64 + 2);
                self.b.ins().store(flags(), resume, self.frame, l.frame_pc);
                self.leave_with_top(3)?;
                return Ok(false);
            }

            // ---- containers: `sequences` ----------------------------
            Opcode::UNPACK_SEQUENCE => self.unpack_sequence(arg as usize, pc)?,
            Opcode::BUILD_TUPLE => self.build(crate::BUILD_TUPLE, arg as usize, pc)?,
            Opcode::BUILD_LIST => self.build(crate::BUILD_LIST, arg as usize, pc)?,
            Opcode::BUILD_STRING => self.build(crate::BUILD_STRING, arg as usize, pc)?,
            Opcode::GET_ITER => self.get_iter(pc)?,
            Opcode::CONTAINS_OP if arg <= 1 => self.contains(arg, pc)?,
            Opcode::FORMAT_VALUE if arg < 8 => self.format_value(arg, pc)?,

            // ---- everything else: the interpreter, one instruction ----
            _ => {
                let depth = self.stack.len() as i32;
                let after = depth + op.stack_effect(arg, false);
                if after < 0 {
                    return Err(format!("stack underflow at {}", op.name()));
                }
                self.slow_step(pc, after as usize);
                if matches!(op, Opcode::RAISE_VARARGS | Opcode::RERAISE) {
                    self.b.ins().jump(self.error_block, &[]);
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}
