//! The disassembler: `taipan --dis FILE` prints code objects in the layout
//! of `python3 -m dis` (line number, jump-target marker, byte offset,
//! opcode name, argument and its meaning), nested code objects after their
//! parent.

use crate::code::{CodeObject, ConstValue};
use crate::opcode::{ArgKind, BinaryOp, CompareOp, Opcode};
use std::fmt::Write;

const OPNAME_WIDTH: usize = 20;
const OPARG_WIDTH: usize = 5;

/// Disassembles `code` and, recursively, the code objects among its constants.
pub fn disassemble_recursive(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(code, &mut out);
    for k in &code.consts {
        if let ConstValue::Code(inner) = k {
            let _ = writeln!(out);
            let _ = writeln!(out, "Disassembly of {}:", k.repr());
            out.push_str(&disassemble_recursive(inner));
        }
    }
    out
}

/// The meaning of an instruction's argument, as `dis` prints it in parentheses.
fn argrepr(code: &CodeObject, op: Opcode, arg: u32, target: Option<usize>) -> String {
    match op.arg_kind() {
        ArgKind::Const => code
            .consts
            .get(arg as usize)
            .map(ConstValue::repr)
            .unwrap_or_default(),
        ArgKind::Name => code.names.get(arg as usize).cloned().unwrap_or_default(),
        ArgKind::GlobalName => {
            let name = code
                .names
                .get(arg as usize >> 1)
                .cloned()
                .unwrap_or_default();
            if arg & 1 != 0 {
                format!("NULL + {name}")
            } else {
                name
            }
        }
        ArgKind::Local => code.varnames.get(arg as usize).cloned().unwrap_or_default(),
        ArgKind::Cell => code
            .localsplus_names()
            .get(arg as usize)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        ArgKind::JumpForward | ArgKind::JumpBackward => {
            target.map(|t| format!("to {t}")).unwrap_or_default()
        }
        ArgKind::Compare => CompareOp::from_arg(arg)
            .map(|c| c.symbol().to_string())
            .unwrap_or_default(),
        ArgKind::BinaryOp => match BinaryOp::from_arg(arg) {
            Some((b, true)) => format!("{}=", b.symbol()),
            Some((b, false)) => b.symbol().to_string(),
            None => String::new(),
        },
        ArgKind::Count => match op {
            Opcode::MAKE_FUNCTION => {
                let parts: Vec<&str> = [(1, "defaults"), (2, "kwdefaults"), (8, "closure")]
                    .iter()
                    .filter(|(bit, _)| arg & bit != 0)
                    .map(|(_, name)| *name)
                    .collect();
                parts.join(", ")
            }
            Opcode::IS_OP | Opcode::CONTAINS_OP if arg == 1 => "not".into(),
            _ => String::new(),
        },
        ArgKind::None => String::new(),
    }
}

fn disassemble_into(code: &CodeObject, out: &mut String) {
    let instrs = code.instructions();
    let mut targets: std::collections::HashSet<usize> =
        instrs.iter().filter_map(|i| i.jump_target()).collect();
    targets.extend(code.exception_table.iter().map(|e| e.target as usize));
    let max_line = code.positions.iter().map(|p| p.lineno).max().unwrap_or(0);
    let lineno_width = if max_line >= 1000 {
        max_line.to_string().len()
    } else {
        3
    };
    let max_offset = code.code.len().saturating_sub(2);
    let offset_width = if max_offset >= 10000 {
        max_offset.to_string().len()
    } else {
        4
    };
    let mut last_line = None;
    for ins in &instrs {
        let line = code.position_at(ins.start).lineno;
        let starts_line = (Some(line) != last_line).then_some(line);
        last_line = Some(line);
        if starts_line.is_some() && ins.start > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        fields.push(match starts_line {
            Some(l) => format!("{l:>lineno_width$}"),
            None => " ".repeat(lineno_width),
        });
        fields.push("   ".into());
        fields.push(
            if targets.contains(&ins.start) {
                ">>"
            } else {
                "  "
            }
            .into(),
        );
        fields.push(format!("{:>offset_width$}", ins.start));
        let Some(op) = ins.opcode else {
            fields.push(format!("<{}>", code.code[ins.offset]));
            let _ = writeln!(out, "{}", fields.join(" ").trim_end());
            continue;
        };
        fields.push(format!("{:<OPNAME_WIDTH$}", op.name()));
        if op.arg_kind() != ArgKind::None || ins.arg != 0 {
            fields.push(format!("{:>OPARG_WIDTH$}", ins.arg));
            let meaning = argrepr(code, op, ins.arg, ins.jump_target());
            if !meaning.is_empty() {
                fields.push(format!("({meaning})"));
            }
        }
        let _ = writeln!(out, "{}", fields.join(" ").trim_end());
    }
    if !code.exception_table.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in &code.exception_table {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start,
                e.end - 2,
                e.target,
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
}
