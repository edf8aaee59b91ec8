//! The assembler: turns the compiler's instruction list, whose jumps name
//! labels, into wordcode with relative jump arguments and EXTENDED_ARG
//! prefixes, and computes `stacksize` with the verifier's analysis.

use taipan_bytecode::code::Position;
use taipan_bytecode::opcode::{ArgKind, Opcode};

/// A jump destination, resolved when the code is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// One instruction before layout.
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Opcode,
    pub arg: u32,
    /// For jumps: where to.
    pub target: Option<Label>,
    pub pos: Position,
    /// The innermost exception handler covering the instruction (an index
    /// into the compiler's handler list).
    pub handler: Option<u32>,
}

/// An exception handler: where exceptions go, with what stack depth.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub label: Label,
    pub depth: u32,
    pub lasti: bool,
}

/// The exception table of laid-out code: consecutive instructions with the
/// same handler form one entry. `starts[i]` is instruction `i`'s first
/// word (EXTENDED_ARG prefixes included), `starts[n]` the code length.
pub fn exception_table(
    instrs: &[Instr],
    starts: &[usize],
    label_at: &[usize],
    handlers: &[Handler],
) -> Vec<taipan_bytecode::code::ExceptionEntry> {
    let mut out: Vec<taipan_bytecode::code::ExceptionEntry> = Vec::new();
    let mut i = 0;
    while i < instrs.len() {
        let Some(h) = instrs[i].handler else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < instrs.len() && instrs[j].handler == Some(h) {
            j += 1;
        }
        let hd = handlers[h as usize];
        out.push(taipan_bytecode::code::ExceptionEntry {
            start: (starts[i] * 2) as u32,
            end: (starts[j] * 2) as u32,
            target: (starts[label_at[hd.label.0 as usize]] * 2) as u32,
            depth: hd.depth,
            lasti: hd.lasti,
        });
        i = j;
    }
    out
}

/// Placeholder opcode for an unconditional jump whose direction is chosen
/// at layout time (JUMP_FORWARD or JUMP_BACKWARD).
pub const JUMP: Opcode = Opcode::JUMP_FORWARD;

/// Number of words an argument needs (EXTENDED_ARG prefixes + 1).
fn words_for(arg: u32) -> usize {
    match arg {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    }
}

/// The wordcode, one position per word, and each instruction's first word
/// (plus the total, last).
pub type Assembled = (Vec<u8>, Vec<Position>, Vec<usize>);

/// Lays out `instrs`: `label_at[l]` is the index of the instruction label
/// `l` marks.
pub fn assemble(instrs: &mut [Instr], label_at: &[usize]) -> Result<Assembled, String> {
    let n = instrs.len();
    let mut sizes = vec![1usize; n];
    loop {
        let mut starts = Vec::with_capacity(n + 1);
        let mut acc = 0;
        for s in &sizes {
            starts.push(acc);
            acc += s;
        }
        starts.push(acc);
        let mut changed = false;
        for i in 0..n {
            if let Some(Label(l)) = instrs[i].target {
                let target = starts[label_at[l as usize]];
                let next = starts[i] + sizes[i];
                let (op, arg) = if target >= next {
                    let op = if instrs[i].op == Opcode::JUMP_BACKWARD {
                        Opcode::JUMP_FORWARD
                    } else {
                        instrs[i].op
                    };
                    (op, (target - next) as u32)
                } else {
                    match instrs[i].op {
                        Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD => {
                            (Opcode::JUMP_BACKWARD, (next - target) as u32)
                        }
                        op => return Err(format!("backward {} is not encodable", op.name())),
                    }
                };
                instrs[i].op = op;
                instrs[i].arg = arg;
            }
            let w = words_for(instrs[i].arg);
            if w != sizes[i] {
                sizes[i] = w;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut code = Vec::with_capacity(n * 2);
    let mut positions = Vec::with_capacity(n);
    let mut starts = Vec::with_capacity(n + 1);
    for (ins, &size) in instrs.iter().zip(&sizes) {
        debug_assert!(
            ins.target.is_none()
                || matches!(
                    ins.op.arg_kind(),
                    ArgKind::JumpForward | ArgKind::JumpBackward
                )
        );
        starts.push(positions.len());
        for k in (1..size).rev() {
            code.push(Opcode::EXTENDED_ARG as u8);
            code.push((ins.arg >> (8 * k)) as u8);
            positions.push(ins.pos);
        }
        code.push(ins.op as u8);
        code.push(ins.arg as u8);
        positions.push(ins.pos);
    }
    starts.push(positions.len());
    Ok((code, positions, starts))
}
