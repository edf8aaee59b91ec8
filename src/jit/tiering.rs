//! Tiering decisions that follow compilation: what the interpreter
//! learned that the translator reads (`feedback_of`: its caches, and
//! which blocks it has not run), and what happens when compiled code
//! leaves a frame at a block it was compiled without (`note_exit`:
//! counted, and after a few such exits the code is compiled again with
//! the blocks run since). See docs/jit.md, "Exits to the interpreter".

use super::*;

/// Compiled code's status when it left the frame to the interpreter at
/// a block it was compiled without (`taipan_jit::STATUS_EXITED`).
pub(super) const STATUS_EXITED: u32 = 5;
#[cfg(feature = "jit")]
const _: () = assert!(STATUS_EXITED == taipan_jit::STATUS_EXITED);

/// Code objects of fewer instructions are compiled whole: their compile
/// time is small (a few milliseconds at most), and every block left out
/// costs exits and a recompilation when it runs. Larger ones (a
/// program's `main`, a module body's loops) leave out the blocks the
/// interpreter has not run, which are often most of them when a loop
/// calls for OSR.
#[cfg(feature = "jit")]
const MIN_INSTRUCTIONS_TO_LEAVE_OUT: usize = 200;

/// Exits to the interpreter (at blocks a compilation left out) a code
/// object takes before it is compiled again, with the blocks the
/// interpreter has run since …
#[cfg(feature = "jit")]
const EXITS_BEFORE_RECOMPILING: u32 = 8;
/// … at most this many times; the last compilation leaves no block out.
#[cfg(feature = "jit")]
const MAX_RECOMPILES: u8 = 3;

/// Compiled code of `rt` left for the interpreter at `at`, a block it
/// was compiled without: the offset is kept (the next compilation
/// includes the block), and after [`EXITS_BEFORE_RECOMPILING`] such exits
/// the code is compiled again with what the interpreter has run since —
/// in the background, the current code running meanwhile (frames running
/// it finish in it; it is never freed), installed at a later exit or
/// compilation request.
pub(super) fn note_exit(vm: &mut Vm, rt: &Rc<RtCode>, at: usize) {
    rt.resume_hint.set(at);
    {
        let mut exits = rt.jit_exits.borrow_mut();
        if !exits.contains(&at) && exits.len() < RtCode::MAX_EXIT_OFFSETS {
            exits.push(at);
        }
    }
    #[cfg(feature = "jit")]
    let builtins = vm.builtins.addr() as u64;
    let Some(s) = shared(vm) else { return };
    let Ok(mut guard) = s.try_borrow_mut() else {
        return;
    };
    let state: &mut JitState = &mut guard;
    state.exits += 1;
    #[cfg(feature = "jit")]
    {
        state.install_finished();
        if let Some(bg) = state.background.as_ref() {
            if bg.is_waiting(rt) {
                return;
            }
        }
        let n = rt.jit_exit_count.get() + 1;
        rt.jit_exit_count.set(n);
        if n < EXITS_BEFORE_RECOMPILING || rt.jit_recompiles.get() >= MAX_RECOMPILES {
            return;
        }
        rt.jit_exit_count.set(0);
        rt.jit_recompiles.set(rt.jit_recompiles.get() + 1);
        state.recompiles += 1;
        match state.background.as_mut().map(|bg| bg.usable()) {
            Some(true) => {
                let feedback = feedback_of(state, rt, builtins);
                if let Some(bg) = state.background.as_mut() {
                    bg.send(rt, feedback);
                }
            }
            _ => {
                let _ = compile(state, rt, builtins);
            }
        }
    }
}

/// What the interpreter learned running `rt` so far, for the translator;
/// `builtins` is the address of the builtins dict object (for inline
/// global loads).
#[cfg(feature = "jit")]
pub(super) fn feedback_of(
    state: &mut JitState,
    rt: &Rc<RtCode>,
    builtins: u64,
) -> taipan_bytecode::feedback::Feedback {
    let mut feedback = taipan_bytecode::feedback::Feedback::new(rt.quick.snapshot(&rt.code.code));
    for (at, seen) in rt
        .attr_caches
        .jit_feedback(&mut state.pinned_shapes, &mut state.pinned_values)
    {
        feedback.add_attr(at, seen);
    }
    for &(at, seen) in rt.binary_sites.borrow().iter() {
        feedback.add_binary(at as usize, seen);
    }
    // The blocks the interpreter has not run are compiled as exits to it
    // in large code (not for code compiled before it ran, nor after the
    // last recompilation).
    if state.config.threshold != 0
        && rt.code.code.len() >= 2 * MIN_INSTRUCTIONS_TO_LEAVE_OUT
        && rt.jit_recompiles.get() < MAX_RECOMPILES
    {
        use taipan_bytecode::opcode::Opcode;
        for (at, pair) in rt.code.code.chunks_exact(2).enumerate() {
            let at = at * 2;
            let counts = matches!(
                Opcode::from_u8(pair[0]),
                Some(
                    Opcode::LOAD_GLOBAL
                        | Opcode::LOAD_ATTR
                        | Opcode::LOAD_METHOD
                        | Opcode::STORE_ATTR
                        | Opcode::BINARY_OP
                        | Opcode::BINARY_SUBSCR
                        | Opcode::COMPARE_OP
                        | Opcode::STORE_SUBSCR
                        | Opcode::FOR_ITER
                        | Opcode::UNPACK_SEQUENCE
                )
            );
            if counts && rt.quick.byte(at) == Some(pair[0]) && rt.quick.untouched(at) {
                feedback.add_not_run(at);
            }
        }
    }
    // A frame that runs only once (a program's `main`, a module's body)
    // uses its code only from where it is: what comes before, which it
    // has run, it will not run again — the code is compiled from there
    // on, whatever its size (a later call enters at the top and leaves
    // for the interpreter at the first block left out, which is feedback
    // like any other exit).
    let generator = rt.code.flags
        & (taipan_bytecode::code::flags::GENERATOR
            | taipan_bytecode::code::flags::COROUTINE
            | taipan_bytecode::code::flags::ASYNC_GENERATOR)
        != 0;
    if state.config.threshold != 0
        && rt.jit_recompiles.get() < MAX_RECOMPILES
        && rt.calls.get() <= 1
        && !generator
        && rt.resume_hint.get() != usize::MAX
    {
        feedback.set_reach_from(rt.resume_hint.get());
    }
    // (Exits are feedback wherever they come from.)
    for &at in rt.jit_exits.borrow().iter() {
        feedback.add_exit(at);
    }
    if !rt.global_cache.is_empty() {
        // (The entries live as long as the code object, which outlives
        // every call of its compiled code.)
        feedback.set_global_cache(taipan_bytecode::feedback::GlobalCache {
            entries: rt.global_cache.as_ptr() as u64,
            builtins,
        });
    }
    feedback
}
