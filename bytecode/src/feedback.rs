//! Type feedback: what the interpreter's adaptive specialisation (PEP 659)
//! learned at each instruction, as the JIT's translator reads it.
//!
//! The interpreter quickens a copy of each code object's instructions in
//! place: a generic opcode becomes the specialised form that fits what it
//! saw (`BINARY_OP` on two floats becomes `BINARY_OP_ADD_FLOAT`,
//! `LOAD_ATTR` on instances of one class `LOAD_ATTR_INSTANCE_VALUE`, a
//! call of a Python function `CALL_PY_EXACT_ARGS`, …), and goes back to
//! the generic opcode where its guards keep failing. A [`Feedback`] is a
//! snapshot of that copy: per instruction, the specialised form in place,
//! if any. It is advice: compiled code still guards everything it assumes.

use crate::opcode::Opcode;
use std::collections::{HashMap, HashSet};

/// A snapshot of the quickened instructions of one code object.
#[derive(Clone, Debug, Default)]
pub struct Feedback {
    /// The quickened instruction bytes (same length and arguments as the
    /// code object's; opcodes possibly specialised). Empty: no feedback.
    quickened: Vec<u8>,
    /// What the inline cache of an attribute instruction (by byte
    /// offset) last hit, when compiled code can guard for it.
    attrs: HashMap<usize, Vec<AttrSeen>>,
    /// Where the code's global-name cache is, when it has one.
    globals: Option<GlobalCache>,
    /// What a `BINARY_OP_INSTANCE` (by byte offset) was specialised for.
    binaries: HashMap<usize, BinarySeen>,
    /// Byte offsets of instructions the interpreter has never run (an
    /// instruction that counts its executions for specialisation, its
    /// counter untouched): the translator compiles their blocks as exits
    /// to the interpreter.
    not_run: HashSet<usize>,
    /// Byte offsets where compiled code of this code object left for the
    /// interpreter (blocks the interpreter has run since).
    exits: HashSet<usize>,
    /// The offset the frame that will run the code goes on from, when
    /// only what it reaches from there is to be compiled (the other
    /// blocks, but the entry, are exits to the interpreter).
    reach_from: Option<usize>,
}

/// The class and special method a `BINARY_OP_INSTANCE` saw: both
/// operands instances of the class whose data (the pointer an instance
/// keeps to it) is at address `class_data`, while its version tag was
/// `version` (unique in the process), and whose method for the operator
/// is the Python function object at address `func` (held by the class's
/// dict while the class keeps `version`). Compiled code checks both
/// instances' class pointer, then the version, before it uses the
/// function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BinarySeen {
    pub class_data: u64,
    pub version: u64,
    pub func: u64,
}

/// Where a code object's global-name cache lives (one entry per name,
/// the interpreter's `LOAD_GLOBAL` cache, which compiled code reads and
/// the runtime keeps up to date), and the builtins dict its entries may
/// refer to: addresses that stay valid while the code can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalCache {
    /// The address of entry 0.
    pub entries: u64,
    /// The address of the builtins dict object.
    pub builtins: u64,
}

/// What an attribute instruction's inline cache recorded, as raw facts
/// compiled code can guard on: the instance's class version tag (unique
/// in the process, so it also names the class) and its shape (the word
/// the instance stores; the runtime keeps the shape alive as long as
/// code compiled against it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrSeen {
    /// `LOAD_ATTR`: the instance's own attribute at position `index` of
    /// its values.
    Value {
        version: u64,
        shape: u64,
        index: u32,
    },
    /// `STORE_ATTR`: replaced the instance's attribute at `index`.
    Replace {
        version: u64,
        shape: u64,
        index: u32,
    },
    /// `LOAD_METHOD`: the function object at address `func`, found on
    /// the class (the instance has no attribute of that name and no
    /// `__dict__`); the class's dict holds it while the class keeps
    /// `version`.
    Method { version: u64, shape: u64, func: u64 },
    /// `LOAD_METHOD`: a method of a built-in type, for values with tag
    /// `tag` (and, for heap objects, kind word `kind`); `method` is the
    /// method value's two words, which the runtime keeps alive as long as
    /// code compiled against it; `call` the address of the method's
    /// built-in function, which compiled code may call with the receiver
    /// and positional arguments in place (the runtime's `call_native`
    /// helper), or 0.
    TypeMethod {
        tag: u64,
        kind: Option<u16>,
        method: [u64; 2],
        call: u64,
    },
    /// `LOAD_METHOD`: a method of a native type (one the runtime
    /// implements, as `collections.deque`), for native objects (kind word
    /// `kind`) whose type pointer is `class`; such a type's methods never
    /// change. `method` is the method value's two words; the runtime keeps
    /// it and the class alive as long as code compiled against them;
    /// `call` as for `TypeMethod`.
    NativeMethod {
        kind: u16,
        class: u64,
        method: [u64; 2],
        call: u64,
    },
}

impl Feedback {
    /// No feedback (code that has not run in the interpreter).
    pub fn none() -> Feedback {
        Feedback::default()
    }

    /// Feedback from the interpreter's quickened copy of the instructions.
    pub fn new(quickened: Vec<u8>) -> Feedback {
        Feedback {
            quickened,
            attrs: HashMap::new(),
            globals: None,
            binaries: HashMap::new(),
            not_run: HashSet::new(),
            exits: HashSet::new(),
            reach_from: None,
        }
    }

    /// Compiles only the blocks reachable from `offset` (and the entry).
    pub fn set_reach_from(&mut self, offset: usize) {
        self.reach_from = Some(offset);
    }

    /// The offset only whose reachable blocks are compiled, if any.
    pub fn reach_from(&self) -> Option<usize> {
        self.reach_from
    }

    /// Records that the instruction at `offset` never ran.
    pub fn add_not_run(&mut self, offset: usize) {
        self.not_run.insert(offset);
    }

    /// Records that compiled code left for the interpreter at `offset`.
    pub fn add_exit(&mut self, offset: usize) {
        self.exits.insert(offset);
    }

    /// Whether the block of `offsets` (a basic block, the first being its
    /// start) never ran in the interpreter: one of its instructions never
    /// ran, and compiled code never left for the interpreter at its start.
    pub fn block_never_ran(&self, mut offsets: impl Iterator<Item = usize>) -> bool {
        match offsets.next() {
            Some(start) if !self.exits.contains(&start) => {
                self.not_run.contains(&start) || offsets.any(|o| self.not_run.contains(&o))
            }
            _ => false,
        }
    }

    /// Records what the `BINARY_OP_INSTANCE` at `offset` saw.
    pub fn add_binary(&mut self, offset: usize, seen: BinarySeen) {
        self.binaries.insert(offset, seen);
    }

    /// What the `BINARY_OP_INSTANCE` at `offset` saw, if recorded.
    pub fn binary(&self, offset: usize) -> Option<BinarySeen> {
        self.binaries.get(&offset).copied()
    }

    /// Records where the code's global-name cache is.
    pub fn set_global_cache(&mut self, cache: GlobalCache) {
        self.globals = Some(cache);
    }

    /// Where the code's global-name cache is, if known.
    pub fn global_cache(&self) -> Option<GlobalCache> {
        self.globals
    }

    /// Records something the attribute instruction at byte offset
    /// `offset` hit (newest first: a site that sees several classes or
    /// shapes has several).
    pub fn add_attr(&mut self, offset: usize, seen: AttrSeen) {
        self.attrs.entry(offset).or_default().push(seen);
    }

    /// What the attribute instruction at `offset` hit, newest first.
    pub fn attr(&self, offset: usize) -> &[AttrSeen] {
        self.attrs.get(&offset).map_or(&[], Vec::as_slice)
    }

    /// The specialised form of the instruction at byte offset `offset`,
    /// when the interpreter left one there.
    pub fn seen(&self, offset: usize) -> Option<Opcode> {
        let op = Opcode::from_u8(*self.quickened.get(offset)?)?;
        op.is_specialized().then_some(op)
    }

    /// How many instructions carry a specialised form.
    pub fn specialized_count(&self) -> usize {
        self.quickened
            .chunks_exact(2)
            .filter(|pair| Opcode::from_u8(pair[0]).is_some_and(Opcode::is_specialized))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_only_specialised_forms() {
        let bytes = vec![
            Opcode::LOAD_FAST as u8,
            0,
            Opcode::BINARY_OP_ADD_FLOAT as u8,
            0,
            Opcode::RETURN_VALUE as u8,
            0,
        ];
        let f = Feedback::new(bytes);
        assert_eq!(f.seen(0), None);
        assert_eq!(f.seen(2), Some(Opcode::BINARY_OP_ADD_FLOAT));
        assert_eq!(f.seen(4), None);
        assert_eq!(f.seen(100), None);
        assert_eq!(f.specialized_count(), 1);
        assert_eq!(Feedback::none().seen(0), None);
    }
}
