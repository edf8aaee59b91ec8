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

/// Lays out `instrs`: `label_at[l]` is the index of the instruction label
/// `l` marks. Returns the wordcode and one position per word.
pub fn assemble(
    instrs: &mut [Instr],
    label_at: &[usize],
) -> Result<(Vec<u8>, Vec<Position>), String> {
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
    for (ins, &size) in instrs.iter().zip(&sizes) {
        debug_assert!(
            ins.target.is_none()
                || matches!(
                    ins.op.arg_kind(),
                    ArgKind::JumpForward | ArgKind::JumpBackward
                )
        );
        for k in (1..size).rev() {
            code.push(Opcode::EXTENDED_ARG as u8);
            code.push((ins.arg >> (8 * k)) as u8);
            positions.push(ins.pos);
        }
        code.push(ins.op as u8);
        code.push(ins.arg as u8);
        positions.push(ins.pos);
    }
    Ok((code, positions))
}
