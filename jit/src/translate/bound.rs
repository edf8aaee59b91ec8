//! Which `LOAD_FAST`s read a local that is bound on every path to them
//! ("definitely assigned", as a compiler's dataflow finds it): those
//! need no unbound check (and no cold path raising `UnboundLocalError`),
//! which was most of the checks and blocks in loops over locals.
//!
//! A forward analysis over the instructions: the parameters are bound at
//! the entry, `STORE_FAST` binds, `DELETE_FAST` unbinds, and where paths
//! meet (jump targets) only what is bound on all of them stays bound.
//! Compiled code has no exception handlers (`not_compiled_reason`), so
//! jumps and fall-throughs are every edge. An OSR entry at a loop header
//! is sound too: the interpreted frame reached it from the entry.

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
/// the entry.
pub(super) fn loads_of_bound_locals(n: usize, params: usize, instrs: &[Instruction]) -> Vec<bool> {
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
        let bound = loads_of_bound_locals(2, 0, &is);
        assert!(bound[2] && !bound[6] && bound[7] && !bound[9]);
        assert!(!bound[0] && !bound[1]);
    }
}
