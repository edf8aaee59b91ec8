//! Code generation for `match` statements (PEP 634), in the shape of
//! CPython 3.11's `compiler_match` / `compiler_pattern_*`: the subject is
//! copied per case, each pattern tests it with `MATCH_SEQUENCE`,
//! `MATCH_MAPPING`, `MATCH_KEYS`, `MATCH_CLASS`, `GET_LEN` and ordinary
//! comparisons, the captured values wait on the stack until the whole
//! pattern matched and are then stored, and a failing test jumps to a
//! "fail pop" label that drops exactly what the pattern left on the stack.

use super::*;

/// What compiling one pattern needs to know (CPython's `pattern_context`).
struct PatternContext {
    /// Names captured so far, in the order their values sit on the stack.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here.
    allow_irrefutable: bool,
    /// `fail_pop[n]`: where a failing test jumps when `n` values must be
    /// popped; each label pops one and falls into the one below.
    fail_pop: Vec<Label>,
    /// Values on top of the stack that the current pattern still needs.
    on_top: u32,
}

/// `_` (a capture-less, pattern-less `as` pattern).
fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        &p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

/// `*_` in a sequence pattern.
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar { name: None })
}

/// Whether two constant keys are equal as dict keys (`1`, `1.0` and
/// `True` are one key).
fn same_key(a: &ConstValue, b: &ConstValue) -> bool {
    fn number(k: &ConstValue) -> Option<(f64, f64)> {
        match k {
            ConstValue::Bool(b) => Some((*b as i64 as f64, 0.0)),
            ConstValue::Int(i) => Some((*i as f64, 0.0)),
            ConstValue::Float(f) => Some((*f, 0.0)),
            ConstValue::Complex(re, im) => Some((*re, *im)),
            _ => None,
        }
    }
    match (a, b) {
        (ConstValue::Int(x), ConstValue::Int(y)) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

impl Compiler<'_> {
    /// A SyntaxError at the node being compiled (as CPython's
    /// `compiler_error`, which reports the last location it set).
    fn error_here(&self, msg: &str) -> SyntaxError {
        SyntaxError::spanning(
            msg,
            (self.cur.lineno as usize, self.cur.col as usize),
            (self.cur.end_lineno as usize, self.cur.end_col as usize),
        )
    }

    /// `match subject: case …` (CPython's `compiler_match_inner`).
    pub(super) fn match_stmt(&mut self, subject: &Expr, cases: &[MatchCase]) -> CResult<()> {
        self.expr(subject)?;
        let end = self.new_label();
        let Some(last) = cases.last() else {
            return Ok(());
        };
        let has_default = is_wildcard(&last.pattern) && cases.len() > 1;
        let n = cases.len() - has_default as usize;
        for (i, case) in cases[..n].iter().enumerate() {
            self.cur = self.pos_of(case.pattern.loc);
            // Only copy the subject if we're not on the last case.
            let copies = i + 1 != n;
            if copies {
                self.emit(Opcode::COPY, 1);
            }
            let mut pc = PatternContext {
                stores: Vec::new(),
                // Irrefutable cases must be guarded, last, or both.
                allow_irrefutable: case.guard.is_some() || i + 1 == cases.len(),
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&case.pattern, &mut pc)?;
            debug_assert_eq!(pc.on_top, 0);
            // A match: store the captured values (they are on the stack).
            for name in std::mem::take(&mut pc.stores) {
                self.store_name(&name);
            }
            if let Some(guard) = &case.guard {
                let fail = self.fail_pop_label(&mut pc, 0);
                self.jump_if(guard, false, fail)?;
            }
            if copies {
                self.cur = self.pos_of(case.pattern.loc);
                self.emit(Opcode::POP_TOP, 0);
            }
            self.block(&case.body)?;
            self.emit_jump(JUMP, end);
            // A failed pattern's cleanup belongs to its line, not the
            // body's last one.
            self.cur = self.pos_of(case.pattern.loc);
            self.emit_fail_pops(&mut pc);
        }
        if has_default {
            // A trailing `case _:` needs no copy of the subject.
            self.cur = self.pos_of(last.pattern.loc);
            if cases.len() == 1 {
                self.emit(Opcode::POP_TOP, 0);
            } else {
                self.emit(Opcode::NOP, 0);
            }
            if let Some(guard) = &last.guard {
                self.jump_if(guard, false, end)?;
            }
            self.block(&last.body)?;
        }
        self.place(end);
        Ok(())
    }

    /// The label a failing test jumps to when `pops` values must go.
    fn fail_pop_label(&mut self, pc: &mut PatternContext, pops: u32) -> Label {
        while pc.fail_pop.len() <= pops as usize {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
        pc.fail_pop[pops as usize]
    }

    /// Jumps with `op` to the fail-pop label that drops everything the
    /// pattern holds on the stack (the values on top, the captures).
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Opcode) {
        let pops = pc.on_top + pc.stores.len() as u32;
        let l = self.fail_pop_label(pc, pops);
        self.emit_jump(op, l);
    }

    /// Places the fail-pop labels, highest first, each popping one value.
    fn emit_fail_pops(&mut self, pc: &mut PatternContext) {
        while let Some(l) = pc.fail_pop.pop() {
            self.place(l);
            if !pc.fail_pop.is_empty() {
                self.emit(Opcode::POP_TOP, 0);
            }
        }
    }

    /// Moves TOS under `count - 1` values (a run of SWAPs).
    fn rotate(&mut self, mut count: u32) {
        while count > 1 {
            self.emit(Opcode::SWAP, count);
            count -= 1;
        }
    }

    /// Captures TOS as `name` (stored once the whole pattern matched), or
    /// drops it for a wildcard.
    fn capture(&mut self, name: Option<&str>, pc: &mut PatternContext, loc: Loc) -> CResult<()> {
        let Some(name) = name else {
            self.emit(Opcode::POP_TOP, 0);
            return Ok(());
        };
        if name == "__debug__" {
            return Err(error_at(loc, "cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|s| s == name) {
            return Err(error_at(
                loc,
                &format!("multiple assignments to name '{name}' in pattern"),
            ));
        }
        // Rotate the value under what the pattern still needs.
        self.rotate(pc.on_top + pc.stores.len() as u32 + 1);
        pc.stores.push(name.to_string());
        Ok(())
    }

    /// A sub-pattern, where an irrefutable pattern is always fine.
    fn subpattern(&mut self, p: &Pattern, pc: &mut PatternContext) -> CResult<()> {
        let allow = std::mem::replace(&mut pc.allow_irrefutable, true);
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = allow;
        r
    }

    /// Tests the subject on TOS against `p`, consuming it.
    fn pattern(&mut self, p: &Pattern, pc: &mut PatternContext) -> CResult<()> {
        self.cur = self.pos_of(p.loc);
        match &p.kind {
            PatternKind::MatchValue { value } => {
                self.expr(value)?;
                self.cur = self.pos_of(p.loc);
                self.emit(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
            }
            PatternKind::MatchSingleton { value } => {
                let k = self.constant(value);
                let k = self.add_const(k);
                self.emit(Opcode::LOAD_CONST, k);
                self.emit(Opcode::IS_OP, 0);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
            }
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let msg = match name {
                            Some(n) => {
                                format!("name capture '{n}' makes remaining patterns unreachable")
                            }
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                        };
                        return Err(error_at(p.loc, &msg));
                    }
                    self.capture(name.as_deref(), pc, p.loc)?;
                }
                Some(inner) => {
                    // A copy to store once the inner pattern matched.
                    pc.on_top += 1;
                    self.emit(Opcode::COPY, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.cur = self.pos_of(p.loc);
                    self.capture(name.as_deref(), pc, p.loc)?;
                }
            },
            PatternKind::MatchStar { name } => self.capture(name.as_deref(), pc, p.loc)?,
            PatternKind::MatchOr { patterns } => self.or_pattern(p, patterns, pc)?,
            PatternKind::MatchSequence { patterns } => self.sequence_pattern(p, patterns, pc)?,
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.mapping_pattern(p, keys, patterns, rest.as_deref(), pc)?,
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.class_pattern(p, cls, patterns, kwd_attrs, kwd_patterns, pc)?,
        }
        Ok(())
    }

    /// `[a, *rest, b]` / `(a, b)` (CPython's `compiler_pattern_sequence`).
    fn sequence_pattern(
        &mut self,
        p: &Pattern,
        patterns: &[Pattern],
        pc: &mut PatternContext,
    ) -> CResult<()> {
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, sub) in patterns.iter().enumerate() {
            if matches!(sub.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(error_at(
                        p.loc,
                        "multiple starred names in sequence pattern",
                    ));
                }
                star_wildcard = is_star_wildcard(sub);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(sub);
        }
        // The subject stays on top during the type and length checks.
        pc.on_top += 1;
        self.emit(Opcode::MATCH_SEQUENCE, 0);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
        match star {
            None => {
                self.emit(Opcode::GET_LEN, 0);
                let k = self.add_const(ConstValue::Int(size as i64));
                self.emit(Opcode::LOAD_CONST, k);
                self.emit(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
            }
            Some(_) if size > 1 => {
                self.emit(Opcode::GET_LEN, 0);
                let k = self.add_const(ConstValue::Int(size as i64 - 1));
                self.emit(Opcode::LOAD_CONST, k);
                self.emit(Opcode::COMPARE_OP, CompareOp::Ge as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
            }
            Some(_) => {}
        }
        // What comes next consumes the subject.
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(Opcode::POP_TOP, 0);
        } else if let (true, Some(star)) = (star_wildcard, star) {
            // `[first, *_, last]`: subscripts rather than unpacking.
            pc.on_top += 1;
            for (i, sub) in patterns.iter().enumerate() {
                if is_wildcard(sub) || i == star {
                    continue;
                }
                self.emit(Opcode::COPY, 1);
                if i < star {
                    let k = self.add_const(ConstValue::Int(i as i64));
                    self.emit(Opcode::LOAD_CONST, k);
                } else {
                    // The subject may not support negative indices.
                    self.emit(Opcode::GET_LEN, 0);
                    let k = self.add_const(ConstValue::Int((size - i) as i64));
                    self.emit(Opcode::LOAD_CONST, k);
                    self.emit(Opcode::BINARY_OP, BinaryOp::Subtract as u32);
                }
                self.emit(Opcode::BINARY_SUBSCR, 0);
                self.subpattern(sub, pc)?;
                self.cur = self.pos_of(p.loc);
            }
            pc.on_top -= 1;
            self.emit(Opcode::POP_TOP, 0);
        } else {
            match star {
                Some(star) => {
                    if star >= 1 << 8 || size - star > 1 << 23 {
                        return Err(error_at(
                            p.loc,
                            "too many expressions in star-unpacking sequence pattern",
                        ));
                    }
                    self.emit(Opcode::UNPACK_EX, (star + ((size - star - 1) << 8)) as u32);
                }
                None => self.emit(Opcode::UNPACK_SEQUENCE, size as u32),
            }
            pc.on_top += size as u32;
            for sub in patterns {
                pc.on_top -= 1;
                self.subpattern(sub, pc)?;
            }
        }
        Ok(())
    }

    /// `{"k": v, **rest}` (CPython's `compiler_pattern_mapping`).
    fn mapping_pattern(
        &mut self,
        p: &Pattern,
        keys: &[Expr],
        patterns: &[Pattern],
        rest: Option<&str>,
        pc: &mut PatternContext,
    ) -> CResult<()> {
        let size = keys.len();
        pc.on_top += 1;
        self.emit(Opcode::MATCH_MAPPING, 0);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
        if size == 0 && rest.is_none() {
            // `{}` matches any mapping.
            pc.on_top -= 1;
            self.emit(Opcode::POP_TOP, 0);
            return Ok(());
        }
        if size > 0 {
            self.emit(Opcode::GET_LEN, 0);
            let k = self.add_const(ConstValue::Int(size as i64));
            self.emit(Opcode::LOAD_CONST, k);
            self.emit(Opcode::COMPARE_OP, CompareOp::Ge as u32);
            self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
        }
        // The keys as one tuple: constants (no two the same) or values
        // looked up by dotted name.
        let mut seen: Vec<ConstValue> = Vec::new();
        for key in keys {
            let folded = self.folded_tuple(std::slice::from_ref(key));
            match folded {
                Some(ConstValue::Tuple(mut one)) if one.len() == 1 => {
                    let k = one.remove(0);
                    if seen.iter().any(|s| same_key(s, &k)) {
                        return Err(error_at(
                            p.loc,
                            &format!(
                                "mapping pattern checks duplicate key ({})",
                                crate::compiler::unparse::unparse(key).unwrap_or_default()
                            ),
                        ));
                    }
                    seen.push(k);
                }
                _ if matches!(key.kind, ExprKind::Attribute { .. }) => {}
                _ => {
                    return Err(error_at(
                        p.loc,
                        "mapping pattern keys may only match literals and attribute lookups",
                    ))
                }
            }
        }
        match self.folded_tuple(keys) {
            Some(t) => {
                let k = self.add_const(t);
                self.emit(Opcode::LOAD_CONST, k);
            }
            None => {
                for key in keys {
                    self.expr(key)?;
                }
                self.cur = self.pos_of(p.loc);
                self.emit(Opcode::BUILD_TUPLE, size as u32);
            }
        }
        self.emit(Opcode::MATCH_KEYS, 0);
        // The keys and the tuple of values (or None) are on the subject.
        pc.on_top += 2;
        self.emit(Opcode::COPY, 1);
        let none = self.add_const(ConstValue::None);
        self.emit(Opcode::LOAD_CONST, none);
        self.emit(Opcode::IS_OP, 1);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
        // Match the values against the sub-patterns.
        self.emit(Opcode::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size as u32;
        pc.on_top -= 1;
        for sub in patterns {
            pc.on_top -= 1;
            self.subpattern(sub, pc)?;
        }
        // A match: what follows consumes the keys and the subject.
        pc.on_top -= 2;
        self.cur = self.pos_of(p.loc);
        match rest {
            Some(rest) => {
                // rest = dict(subject) without the matched keys.
                self.emit(Opcode::BUILD_MAP, 0);
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::DICT_UPDATE, 2);
                self.emit(Opcode::UNPACK_SEQUENCE, size as u32);
                let mut left = size as u32;
                while left > 0 {
                    self.emit(Opcode::COPY, 1 + left);
                    left -= 1;
                    self.emit(Opcode::SWAP, 2);
                    self.emit(Opcode::DELETE_SUBSCR, 0);
                }
                self.capture(Some(rest), pc, p.loc)?;
            }
            None => {
                self.emit(Opcode::POP_TOP, 0);
                self.emit(Opcode::POP_TOP, 0);
            }
        }
        Ok(())
    }

    /// `Point(x, y=0)` (CPython's `compiler_pattern_class`).
    fn class_pattern(
        &mut self,
        p: &Pattern,
        cls: &Expr,
        patterns: &[Pattern],
        kwd_attrs: &[Ident],
        kwd_patterns: &[Pattern],
        pc: &mut PatternContext,
    ) -> CResult<()> {
        for (i, attr) in kwd_attrs.iter().enumerate() {
            if attr.as_str() == "__debug__" {
                return Err(error_at(kwd_patterns[i].loc, "cannot assign to __debug__"));
            }
            if let Some(j) = kwd_attrs[i + 1..].iter().position(|a| a == attr) {
                return Err(error_at(
                    kwd_patterns[i + 1 + j].loc,
                    &format!("attribute name repeated in class pattern: {attr}"),
                ));
            }
        }
        self.expr(cls)?;
        self.cur = self.pos_of(p.loc);
        let names = kwd_attrs
            .iter()
            .map(|a| ConstValue::Str(a.to_string()))
            .collect();
        let k = self.add_const(ConstValue::Tuple(names));
        self.emit(Opcode::LOAD_CONST, k);
        let nargs = patterns.len() as u32;
        self.emit(Opcode::MATCH_CLASS, nargs);
        self.emit(Opcode::COPY, 1);
        let none = self.add_const(ConstValue::None);
        self.emit(Opcode::LOAD_CONST, none);
        self.emit(Opcode::IS_OP, 1);
        // TOS is the tuple of attributes (or None).
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_FORWARD_IF_FALSE);
        let n = nargs + kwd_attrs.len() as u32;
        self.emit(Opcode::UNPACK_SEQUENCE, n);
        pc.on_top += n;
        pc.on_top -= 1;
        for sub in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(sub) {
                self.emit(Opcode::POP_TOP, 0);
                continue;
            }
            self.subpattern(sub, pc)?;
        }
        Ok(())
    }

    /// `a | b | c` (CPython's `compiler_pattern_or`): each alternative on
    /// a copy of the subject; all must capture the same names, whose
    /// values are brought into the first alternative's order.
    fn or_pattern(
        &mut self,
        p: &Pattern,
        alts: &[Pattern],
        pc: &mut PatternContext,
    ) -> CResult<()> {
        let end = self.new_label();
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in alts.iter().enumerate() {
            self.cur = self.pos_of(alt.loc);
            let mut sub = PatternContext {
                stores: Vec::new(),
                // An irrefutable alternative must be the last one.
                allow_irrefutable: i + 1 == alts.len() && pc.allow_irrefutable,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.emit(Opcode::COPY, 1);
            self.pattern(alt, &mut sub)?;
            match &control {
                None => control = Some(sub.stores.clone()),
                Some(c) if c.len() != sub.stores.len() => {
                    return Err(self.error_here("alternative patterns bind different names"))
                }
                Some(c) => {
                    // Reorder the captured values into the control order.
                    let mut icontrol = sub.stores.len();
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &c[icontrol];
                        let Some(istores) = sub.stores.iter().position(|s| s == name) else {
                            return Err(
                                self.error_here("alternative patterns bind different names")
                            );
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = sub.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                sub.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol as u32 + 1);
                            }
                        }
                    }
                }
            }
            self.cur = self.pos_of(alt.loc);
            self.emit_jump(JUMP, end);
            self.emit_fail_pops(&mut sub);
        }
        // No alternative matched: drop the subject's copy and fail.
        self.cur = self.pos_of(p.loc);
        self.emit(Opcode::POP_TOP, 0);
        self.jump_to_fail_pop(pc, JUMP);
        self.place(end);
        let control = control.unwrap_or_default();
        // Under the new captures: the subject's copy, what the enclosing
        // pattern keeps on top, and its earlier captures.
        let nrots = control.len() as u32 + 1 + pc.on_top + pc.stores.len() as u32;
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(error_at(
                    p.loc,
                    &format!("multiple assignments to name '{name}' in pattern"),
                ));
            }
            pc.stores.push(name);
        }
        // Drop the subject's copy.
        self.emit(Opcode::POP_TOP, 0);
        Ok(())
    }
}
