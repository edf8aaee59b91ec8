//! Which `LOAD_FAST`s read a local that is bound on every path to them
//! ("definitely assigned", as a compiler's dataflow finds it): those
//! need no unbound check (and no cold path raising `UnboundLocalError`),
//! which was most of the checks and blocks in loops over locals.
//!
//! A forward analysis over the instructions: the parameters are bound at
//! the entry, `STORE_FAST` binds, `DELETE_FAST` unbinds, and where paths
//! meet (jump targets) only what is bound on all of them stays bound.
//! Edges are jumps, fall-throughs and exception edges (from every
//! instruction a handler covers to the handler): compiled code never
//! runs a handler, but the interpreter may come back from one into
//! compiled code at a loop header (OSR), and the analysis must hold on
//! that path too. An OSR entry at a loop header is then sound: the
//! interpreted frame reached it from the entry along some of these edges.
//!
//! [`reached_without_exceptions`] is the other flow question the
//! translator asks: which instructions run without an exception being
//! caught first — the only ones it compiles.

use taipan_bytecode::code::Instruction;
use taipan_bytecode::opcode::Opcode;

/// A set of locals.
#[derive(Clone, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn empty(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    fn set(&mut self, i: usize, on: bool) {
        if let Some(w) = self.0.get_mut(i / 64) {
            if on {
                *w |= 1 << (i % 64);
            } else {
                *w &= !(1 << (i % 64));
            }
        }
    }
    /// Intersects in place; whether anything changed.
    fn meet(&mut self, other: &Bits) -> bool {
        let mut changed = false;
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            let n = *a & b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }
}

/// Whether the instruction ends its path (no fall-through).
fn ends_path(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::JUMP_FORWARD
            | Opcode::JUMP_BACKWARD
            | Opcode::RETURN_VALUE
            | Opcode::RAISE_VARARGS
            | Opcode::RERAISE
    )
}

/// For each instruction, whether it is a `LOAD_FAST` of a local bound on
/// every path to it; the first `params` of the `n` locals are bound at
/// the entry. `handler_of(offset)` is the byte offset of the handler an
/// exception raised at `offset` goes to, if one does.
pub(super) fn loads_of_bound_locals(
    n: usize,
    params: usize,
    instrs: &[Instruction],
    handler_of: &dyn Fn(usize) -> Option<usize>,
) -> Vec<bool> {
    let index_of: std::collections::HashMap<usize, usize> = instrs
        .iter()
        .enumerate()
        .map(|(i, ins)| (ins.start, i))
        .collect();
    // What is bound before each instruction (None: not reached yet).
    let mut before: Vec<Option<Bits>> = vec![None; instrs.len()];
    let mut entry = Bits::empty(n);
    for p in 0..params.min(n) {
        entry.set(p, true);
    }
    if instrs.is_empty() {
        return Vec::new();
    }
    before[0] = Some(entry);
    let mut work = vec![0usize];
    let flow = |state: &Bits, at: usize, before: &mut Vec<Option<Bits>>, work: &mut Vec<usize>| {
        match &mut before[at] {
            Some(b) => {
                if b.meet(state) {
                    work.push(at);
                }
            }
            slot @ None => {
                *slot = Some(state.clone());
                work.push(at);
            }
        }
    };
    // Each pass runs from a changed instruction to the end of its path.
    while let Some(start) = work.pop() {
        let Some(mut state) = before[start].clone() else {
            continue;
        };
        let mut i = start;
        loop {
            if i != start {
                // Merge with what other paths brought here.
                match &mut before[i] {
                    Some(b) if *b == state => break,
                    Some(b) => {
                        b.meet(&state);
                        state = b.clone();
                    }
                    None => before[i] = Some(state.clone()),
                }
            }
            let ins = &instrs[i];
            let Some(op) = ins.opcode else {
                break;
            };
            match op {
                Opcode::STORE_FAST => state.set(ins.arg as usize, true),
                Opcode::DELETE_FAST => state.set(ins.arg as usize, false),
                _ => {}
            }
            if let Some(h) = handler_of(ins.offset).and_then(|h| index_of.get(&h).copied()) {
                flow(&state, h, &mut before, &mut work);
            }
            if let Some(t) = ins.jump_target().and_then(|t| index_of.get(&t).copied()) {
                flow(&state, t, &mut before, &mut work);
            }
            if ends_path(op) || i + 1 >= instrs.len() {
                break;
            }
            i += 1;
        }
    }
    instrs
        .iter()
        .zip(&before)
        .map(|(ins, b)| {
            ins.opcode == Some(Opcode::LOAD_FAST)
                && b.as_ref().is_some_and(|b| b.get(ins.arg as usize))
        })
        .collect()
}

/// For each instruction, whether the entry reaches it along jumps and
/// fall-throughs alone. The others are exception handlers and code only
/// they lead to: compiled code leaves a frame to the interpreter when an
/// exception is caught, so it never runs them.
pub(super) fn reached_without_exceptions(instrs: &[Instruction]) -> Vec<bool> {
    reached_from(instrs, 0)
}

/// For each instruction, whether the one at byte offset `start` reaches
/// it along jumps and fall-throughs alone (none when no instruction
/// starts there).
pub(super) fn reached_from(instrs: &[Instruction], start: usize) -> Vec<bool> {
    let index_of: std::collections::HashMap<usize, usize> = instrs
        .iter()
        .enumerate()
        .map(|(i, ins)| (ins.start, i))
        .collect();
    let mut reached = vec![false; instrs.len()];
    let mut work: Vec<usize> = index_of.get(&start).copied().into_iter().collect();
    while let Some(mut i) = work.pop() {
        while !reached[i] {
            reached[i] = true;
            let ins = &instrs[i];
            let Some(op) = ins.opcode else {
                break;
            };
            if let Some(t) = ins.jump_target().and_then(|t| index_of.get(&t).copied()) {
                work.push(t);
            }
            if ends_path(op) || i + 1 >= instrs.len() {
                break;
            }
            i += 1;
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;
    use taipan_bytecode::code::Instruction;

    fn ins(offset: usize, op: Opcode, arg: u32) -> Instruction {
        Instruction {
            offset,
            start: offset,
            opcode: Some(op),
            arg,
        }
    }

    /// `x` stored before a loop is bound inside it; `y`, stored on one
    /// branch only, is not bound after the join; a deleted local is not.
    #[test]
    fn finds_locals_bound_on_every_path() {
        let is = vec![
            ins(0, Opcode::LOAD_CONST, 0),                // 0
            ins(2, Opcode::STORE_FAST, 0),                // 1: x bound
            ins(4, Opcode::LOAD_FAST, 0),                 // 2: x bound
            ins(6, Opcode::POP_JUMP_FORWARD_IF_FALSE, 2), // 3: to 12
            ins(8, Opcode::LOAD_CONST, 0),                // 4
            ins(10, Opcode::STORE_FAST, 1),               // 5: y on one path
            ins(12, Opcode::LOAD_FAST, 1),                // 6: y maybe unbound
            ins(14, Opcode::LOAD_FAST, 0),                // 7: x bound
            ins(16, Opcode::DELETE_FAST, 0),              // 8
            ins(18, Opcode::LOAD_FAST, 0),                // 9: x deleted
            ins(20, Opcode::RETURN_VALUE, 0),             // 10
        ];
        let bound = loads_of_bound_locals(2, 0, &is, &|_| None);
        assert!(bound[2] && !bound[6] && bound[7] && !bound[9]);
        assert!(!bound[0] && !bound[1]);
    }

    /// `try: x = f() except: pass` then a loop reading `x`: the handler's
    /// path reaches the loop with `x` unbound, so the load in the loop
    /// keeps its check (an OSR entry may come that way), and the handler
    /// is not reached without an exception.
    #[test]
    fn exception_edges_reach_handlers_and_join_after_them() {
        let is = vec![
            ins(0, Opcode::LOAD_CONST, 0),     // 0: try body (covered)
            ins(2, Opcode::STORE_FAST, 0),     // 1: x bound
            ins(4, Opcode::JUMP_FORWARD, 2),   // 2: to 10
            ins(6, Opcode::POP_TOP, 0),        // 3: handler (x unbound)
            ins(8, Opcode::NOP, 0),            // 4
            ins(10, Opcode::LOAD_FAST, 0),     // 5: loop header
            ins(12, Opcode::POP_TOP, 0),       // 6
            ins(14, Opcode::JUMP_BACKWARD, 3), // 7: to 10
        ];
        let handler = |o: usize| (o < 4).then_some(6);
        let bound = loads_of_bound_locals(1, 0, &is, &handler);
        assert!(!bound[5]);
        // Without the handler's edge the load would be bound.
        assert!(loads_of_bound_locals(1, 0, &is, &|_| None)[5]);
        let reached = reached_without_exceptions(&is);
        assert_eq!(
            reached,
            vec![true, true, true, false, false, true, true, true]
        );
    }

    /// From a loop header: the loop and what follows it, not what comes
    /// before it; from an offset no instruction starts at: nothing.
    #[test]
    fn reached_from_a_loop_header_leaves_out_what_precedes_it() {
        let is = vec![
            ins(0, Opcode::LOAD_CONST, 0),                // 0: before
            ins(2, Opcode::STORE_FAST, 0),                // 1
            ins(4, Opcode::LOAD_FAST, 0),                 // 2: loop header
            ins(6, Opcode::POP_JUMP_FORWARD_IF_FALSE, 1), // 3: to 10
            ins(8, Opcode::JUMP_BACKWARD, 3),             // 4: to 4
            ins(10, Opcode::LOAD_CONST, 0),               // 5: after
            ins(12, Opcode::RETURN_VALUE, 0),             // 6
        ];
        assert_eq!(
            reached_from(&is, 4),
            vec![false, false, true, true, true, true, true]
        );
        assert_eq!(reached_from(&is, 0), vec![true; 7]);
        assert_eq!(reached_from(&is, 5), vec![false; 7]);
    }
}
