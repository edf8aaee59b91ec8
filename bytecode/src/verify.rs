//! Checks that a code object is well formed before anything executes it:
//! every byte decodes, every index is in range, every jump lands on an
//! instruction, and the value stack has one static depth at each
//! instruction that never goes below zero. The interpreter and the JIT rely
//! on these facts instead of re-checking them, so code from a cache file
//! is verified before use; the same analysis gives the compiler
//! `stacksize` and the JIT the depth at each label.

use crate::code::CodeObject;
use crate::opcode::{ArgKind, Opcode};

/// Why a code object was rejected.
#[derive(Debug, PartialEq, Eq)]
pub struct VerifyError(pub String);

/// The stack depth before each instruction (by byte offset; `None` for
/// unreachable ones and EXTENDED_ARG prefixes) and the maximum depth.
pub fn stack_depths(code: &CodeObject) -> Result<(Vec<Option<u32>>, u32), VerifyError> {
    let instrs = code.instructions();
    let mut index_of = vec![usize::MAX; code.code.len() / 2 + 1];
    for (i, ins) in instrs.iter().enumerate() {
        index_of[ins.start / 2] = i;
    }
    let mut depth: Vec<Option<i64>> = vec![None; instrs.len()];
    let mut max = 0i64;
    let mut work = vec![(0usize, 0i64)];
    while let Some((i, d)) = work.pop() {
        let Some(ins) = instrs.get(i) else { continue };
        match depth[i] {
            Some(seen) if seen == d => continue,
            Some(seen) => {
                return Err(VerifyError(format!(
                    "inconsistent stack depth at offset {}: {seen} and {d}",
                    ins.offset
                )))
            }
            None => depth[i] = Some(d),
        }
        let op = ins
            .opcode
            .ok_or_else(|| VerifyError(format!("bad opcode at offset {}", ins.offset)))?;
        let fall = d + op.stack_effect(ins.arg, false) as i64;
        let jump = d + op.stack_effect(ins.arg, true) as i64;
        for v in [fall, jump] {
            if v < 0 {
                return Err(VerifyError(format!(
                    "stack underflow at offset {}",
                    ins.offset
                )));
            }
            max = max.max(v);
        }
        // Peek/replace operations need the items they name.
        let needs = match op {
            Opcode::COPY | Opcode::SWAP => ins.arg as i64,
            Opcode::LIST_APPEND => ins.arg as i64 + 1,
            Opcode::MAP_ADD => ins.arg as i64 + 2,
            Opcode::SET_ADD | Opcode::SET_UPDATE => ins.arg as i64 + 1,
            Opcode::WITH_EXCEPT_START => 4,
            Opcode::CALL => ins.arg as i64 + 2,
            Opcode::CALL_FUNCTION_EX => 3 + (ins.arg & 1) as i64,
            _ => 0,
        };
        if needs > d || (matches!(op, Opcode::COPY | Opcode::SWAP) && ins.arg == 0) {
            return Err(VerifyError(format!(
                "stack too shallow for {} at offset {}",
                op.name(),
                ins.offset
            )));
        }
        // An exception raised here may continue at its handler.
        if let Some(h) = code.handler_at(ins.offset) {
            let t = index_of
                .get(h.target as usize / 2)
                .copied()
                .unwrap_or(usize::MAX);
            if h.target as usize >= code.code.len() || t == usize::MAX {
                return Err(VerifyError(format!(
                    "handler {} of offset {} is not an instruction",
                    h.target, ins.offset
                )));
            }
            if h.depth as i64 > d {
                return Err(VerifyError(format!(
                    "handler depth {} above the stack at offset {}",
                    h.depth, ins.offset
                )));
            }
            let hd = h.depth as i64 + h.lasti as i64 + 1;
            max = max.max(hd);
            work.push((t, hd));
        }
        if let Some(target) = ins.jump_target() {
            let t = index_of.get(target / 2).copied().unwrap_or(usize::MAX);
            if target >= code.code.len() || t == usize::MAX {
                return Err(VerifyError(format!(
                    "jump to {target} from offset {} is not an instruction",
                    ins.offset
                )));
            }
            work.push((t, jump));
        }
        let ends = matches!(
            op,
            Opcode::RETURN_VALUE
                | Opcode::RAISE_VARARGS
                | Opcode::RERAISE
                | Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD
        );
        if !ends {
            if i + 1 >= instrs.len() {
                return Err(VerifyError(
                    "execution falls off the end of the code".into(),
                ));
            }
            work.push((i + 1, fall));
        }
    }
    let mut by_offset = vec![None; code.code.len() / 2];
    for (i, ins) in instrs.iter().enumerate() {
        by_offset[ins.start / 2] = depth[i].map(|d| d as u32);
    }
    Ok((by_offset, max as u32))
}

/// Verifies a code object and the code objects among its constants.
pub fn verify(code: &CodeObject) -> Result<(), VerifyError> {
    check_own(code)?;
    for k in &code.consts {
        if let crate::code::ConstValue::Code(inner) = k {
            verify(inner)?;
        }
    }
    Ok(())
}

/// The checks of [`verify`] on `code` alone, its nested code objects
/// left out: for a reader that verified each of those as it made it
/// (`marshal::load`), so that a function nested `n` deep is checked
/// once, not `n + 1` times.
pub fn verify_own(code: &CodeObject) -> Result<(), VerifyError> {
    check_own(code)
}

/// The checks of [`verify`] on `code`'s own instructions and tables.
fn check_own(code: &CodeObject) -> Result<(), VerifyError> {
    if code.code.is_empty() || !code.code.len().is_multiple_of(2) {
        return Err(VerifyError(
            "code length must be a positive even number".into(),
        ));
    }
    // (A trailing prefix would make the interpreter read past the end.)
    if code.code[code.code.len() - 2] == Opcode::EXTENDED_ARG as u8 {
        return Err(VerifyError("code ends with an EXTENDED_ARG prefix".into()));
    }
    if code.positions.len() != code.code.len() / 2 {
        return Err(VerifyError("one position per instruction word".into()));
    }
    for e in &code.exception_table {
        if e.start >= e.end
            || e.end as usize > code.code.len()
            || !e.start.is_multiple_of(2)
            || !e.end.is_multiple_of(2)
        {
            return Err(VerifyError("bad exception table range".into()));
        }
    }
    if code.argcount as usize + code.kwonlyargcount as usize > code.varnames.len()
        || code.posonlyargcount > code.argcount
    {
        return Err(VerifyError("parameter counts exceed varnames".into()));
    }
    for ins in code.instructions() {
        let Some(op) = ins.opcode else {
            return Err(VerifyError(format!("bad opcode at offset {}", ins.offset)));
        };
        if op == crate::opcode::Opcode::CACHE {
            return Err(VerifyError(format!("CACHE entry at offset {}", ins.offset)));
        }
        // Specialised forms exist only in the interpreter's quickened copy.
        if op.is_specialized() {
            return Err(VerifyError(format!(
                "specialised opcode {} at offset {}",
                op.name(),
                ins.offset
            )));
        }
        let limit = match op.arg_kind() {
            ArgKind::Const => code.consts.len(),
            ArgKind::Name => code.names.len(),
            ArgKind::GlobalName => code.names.len().saturating_mul(2),
            ArgKind::Local => code.varnames.len(),
            ArgKind::Cell => code.nlocals(),
            ArgKind::BinaryOp => 26,
            ArgKind::Compare => 6,
            _ => usize::MAX,
        };
        if ins.arg as usize >= limit {
            return Err(VerifyError(format!(
                "argument {} of {} out of range",
                ins.arg,
                op.name()
            )));
        }
        if op == Opcode::KW_NAMES
            && !matches!(&code.consts[ins.arg as usize], crate::code::ConstValue::Tuple(t) if t.iter().all(|k| matches!(k, crate::code::ConstValue::Str(_))))
        {
            return Err(VerifyError("KW_NAMES needs a tuple of str".into()));
        }
        if op == Opcode::RAISE_VARARGS && ins.arg > 2 {
            return Err(VerifyError("RAISE_VARARGS takes 0 to 2".into()));
        }
        if matches!(op, Opcode::BUILD_SLICE) && !(2..=3).contains(&ins.arg) {
            return Err(VerifyError("BUILD_SLICE takes 2 or 3".into()));
        }
    }
    let (_, max) = stack_depths(code)?;
    if max > code.stacksize {
        return Err(VerifyError(format!(
            "stack depth {max} exceeds stacksize {}",
            code.stacksize
        )));
    }
    Ok(())
}

/// [`verify`] without the nested code objects, for a compiler that
/// verified each of them when it made it (verifying the whole tree at
/// every level made deep nesting quadratic).
pub fn verify_shallow(code: &CodeObject) -> Result<(), VerifyError> {
    check_own(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{ConstValue, Position};

    /// `JUMP_FORWARD` over 300 NOPs needs an EXTENDED_ARG prefix; jumps to
    /// an instruction land on its prefix.
    fn long_jump_code() -> CodeObject {
        let mut code = vec![
            Opcode::EXTENDED_ARG as u8,
            1,
            Opcode::JUMP_FORWARD as u8,
            44,
        ];
        code.extend(std::iter::repeat_n([Opcode::NOP as u8, 0], 300).flatten());
        code.extend([Opcode::LOAD_CONST as u8, 0, Opcode::RETURN_VALUE as u8, 0]);
        CodeObject {
            name: "f".into(),
            qualname: "f".into(),
            filename: "t.py".into(),
            firstlineno: 1,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            stacksize: 1,
            positions: vec![Position::default(); code.len() / 2],
            exception_table: vec![],
            cellvars: vec![],
            freevars: vec![],
            code,
            consts: vec![ConstValue::None],
            names: vec![],
            varnames: vec![],
        }
    }

    #[test]
    fn extended_jumps_verify_and_land_on_instructions() {
        let code = long_jump_code();
        assert_eq!(verify(&code), Ok(()));
        let (depths, max) = stack_depths(&code).expect("depths");
        assert_eq!(max, 1);
        // The jump skips the NOPs: they are unreachable, the load is not.
        assert_eq!(depths[2], None);
        assert_eq!(depths[302], Some(0));
    }

    #[test]
    fn malformed_code_is_rejected() {
        let mut bad = long_jump_code();
        bad.code[3] = 45; // jump past the end
        assert!(verify(&bad).is_err());
        let mut bad = long_jump_code();
        bad.stacksize = 0;
        assert!(verify(&bad).is_err());
        let mut bad = long_jump_code();
        bad.code[604] = 0xEE; // not an opcode
        assert!(verify(&bad).is_err());
        // CPython's inline-cache entry, which no Taipan code object holds.
        let mut bad = long_jump_code();
        bad.code[604] = Opcode::CACHE as u8;
        let err = verify(&bad).unwrap_err();
        assert!(err.0.contains("CACHE"), "{}", err.0);
        // Nothing but a prefix: no instruction to run.
        let mut bad = long_jump_code();
        bad.code = vec![Opcode::EXTENDED_ARG as u8, 1];
        bad.positions.truncate(1);
        assert!(verify(&bad).is_err());
    }
}
