//! Code generation for expressions: constants and constant folding,
//! every expression kind (`expr`), starred displays, calls with `*`/`**`,
//! comparison chains.

use super::*;

impl Compiler<'_> {
    pub(super) fn constant(&mut self, value: &Constant) -> ConstValue {
        match value {
            Constant::None => ConstValue::None,
            Constant::Bool(b) => ConstValue::Bool(*b),
            Constant::Int(i) => ConstValue::Int(*i),
            Constant::BigInt(b) => ConstValue::BigInt(b.to_string()),
            Constant::Float(f) => ConstValue::Float(*f),
            Constant::Imaginary(f) => ConstValue::Complex(0.0, *f),
            Constant::Str(s) => match s.as_str() {
                Some(t) => ConstValue::Str(t.to_string()),
                None => ConstValue::WtfStr(s.clone()),
            },
            Constant::Bytes(b) => ConstValue::Bytes(b.clone()),
            Constant::Ellipsis => ConstValue::Ellipsis,
        }
    }

    /// The constant a tuple display folds to, if all its items are constants.
    pub(super) fn folded_tuple(&mut self, elts: &[Expr]) -> Option<ConstValue> {
        let mut items = Vec::with_capacity(elts.len());
        for e in elts {
            match &e.kind {
                ExprKind::Constant { value, .. } => items.push(self.constant(value)),
                ExprKind::Tuple { elts, .. } => items.push(self.folded_tuple(elts)?),
                // CPython's AST optimiser folds `-1` and `1-2j` into constants.
                ExprKind::UnaryOp { .. } | ExprKind::BinOp { .. } => {
                    items.push(self.folded_number(e)?)
                }
                _ => return None,
            }
        }
        Some(ConstValue::Tuple(items))
    }

    /// A signed number or a complex literal (`-1`, `-2.5`, `1-2j`,
    /// `-0-0j`) as the constant CPython's AST optimiser folds it into;
    /// None for anything else.
    fn folded_number(&mut self, e: &Expr) -> Option<ConstValue> {
        match &e.kind {
            ExprKind::Constant { value, .. } => match self.constant(value) {
                c @ (ConstValue::Int(_) | ConstValue::Float(_) | ConstValue::Complex(..)) => {
                    Some(c)
                }
                _ => None,
            },
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand,
            } if matches!(operand.kind, ExprKind::Constant { .. }) => {
                match self.folded_number(operand)? {
                    ConstValue::Int(i) if i != i64::MIN => Some(ConstValue::Int(-i)),
                    ConstValue::Float(f) => Some(ConstValue::Float(-f)),
                    ConstValue::Complex(re, im) => Some(ConstValue::Complex(-re, -im)),
                    _ => None,
                }
            }
            ExprKind::BinOp { left, op, right }
                if matches!(op, Operator::Add | Operator::Sub)
                    && matches!(right.kind, ExprKind::Constant { .. })
                    && !matches!(left.kind, ExprKind::BinOp { .. }) =>
            {
                let ConstValue::Complex(rre, rim) = self.folded_number(right)? else {
                    return None;
                };
                let (lre, lim) = match self.folded_number(left)? {
                    ConstValue::Int(i) => (i as f64, 0.0),
                    ConstValue::Float(f) => (f, 0.0),
                    ConstValue::Complex(re, im) => (re, im),
                    _ => return None,
                };
                Some(match op {
                    Operator::Add => ConstValue::Complex(lre + rre, lim + rim),
                    _ => ConstValue::Complex(lre - rre, lim - rim),
                })
            }
            _ => None,
        }
    }

    pub(super) fn expr(&mut self, e: &Expr) -> CResult<()> {
        let here = self.pos_of(e.loc);
        self.cur = here;
        match &e.kind {
            ExprKind::Constant { value, .. } => {
                let k = self.constant(value);
                let i = self.add_const(k);
                self.emit(Opcode::LOAD_CONST, i);
            }
            ExprKind::Name { id, .. } => self.load_name(id),
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.cur = here;
                self.emit(Opcode::BINARY_OP, binop_arg(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                // A negated number literal (`-1`, `-2.5`, `-1j`) is one
                // constant, as CPython's AST optimiser folds it.
                let folded = match op {
                    UnaryOp::USub => self.folded_number(e),
                    _ => None,
                };
                if let Some(k) = folded {
                    let i = self.add_const(k);
                    self.emit(Opcode::LOAD_CONST, i);
                } else {
                    self.expr(operand)?;
                    self.cur = here;
                    self.emit(
                        match op {
                            UnaryOp::Not => Opcode::UNARY_NOT,
                            UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                            UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                            UnaryOp::Invert => Opcode::UNARY_INVERT,
                        },
                        0,
                    );
                }
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jump = if matches!(op, BoolOp::And) {
                    Opcode::JUMP_IF_FALSE_OR_POP
                } else {
                    Opcode::JUMP_IF_TRUE_OR_POP
                };
                let (last, rest) = values.split_last().expect("BoolOp has values");
                for v in rest {
                    self.expr(v)?;
                    self.cur = here;
                    self.emit_jump(jump, end);
                }
                self.expr(last)?;
                self.place(end);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                super::warnings::check_compare(left, ops, comparators, e.loc);
                self.compare(left, ops, comparators, here)?
            }
            ExprKind::IfExp { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, else_l)?;
                self.expr(body)?;
                self.cur = here;
                self.emit_jump(JUMP, end);
                self.place(else_l);
                self.expr(orelse)?;
                self.place(end);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                validate_keywords(keywords)?;
                super::warnings::check_caller(func, e.loc);
                let starred = args
                    .iter()
                    .any(|a| matches!(a.kind, ExprKind::Starred { .. }));
                let simple = !starred && keywords.iter().all(|k| k.arg.is_some());
                // `obj.name(...)`: the method is looked up without making a
                // bound method (LOAD_METHOD leaves the method and the
                // object, or NULL and the attribute, for CALL); any other
                // callable goes on top of a NULL.
                let imported = |v: &Expr| matches!(&v.kind, ExprKind::Name { id, .. } if self.module_imports.contains(id.as_str()));
                match &func.kind {
                    ExprKind::Attribute { value, attr, .. } if simple && !imported(value) => {
                        self.expr(value)?;
                        self.cur = self.pos_of(func.loc);
                        let n = self.add_name(attr);
                        self.emit(Opcode::LOAD_METHOD, n);
                    }
                    _ => {
                        self.emit(Opcode::PUSH_NULL, 0);
                        self.expr(func)?;
                    }
                }
                if !simple {
                    return self.call_ex(args, keywords, here);
                }
                for a in args {
                    self.expr(a)?;
                }
                let mut kwnames = Vec::new();
                for k in keywords {
                    let Some(name) = &k.arg else {
                        return Err(unsupported(k.loc, "** arguments"));
                    };
                    self.expr(&k.value)?;
                    kwnames.push(ConstValue::Str(name.clone()));
                }
                self.cur = here;
                if !kwnames.is_empty() {
                    let k = self.add_const(ConstValue::Tuple(kwnames));
                    self.emit(Opcode::KW_NAMES, k);
                }
                self.emit_call((args.len() + keywords.len()) as u32);
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                self.cur = here;
                let n = self.add_name(attr);
                self.emit(Opcode::LOAD_ATTR, n);
            }
            ExprKind::Subscript { value, slice, .. } => {
                super::warnings::check_subscript(value, slice, e.loc);
                self.expr(value)?;
                self.expr(slice)?;
                self.cur = here;
                self.emit(Opcode::BINARY_SUBSCR, 0);
            }
            ExprKind::Slice { lower, upper, step } => {
                let none = self.add_const(ConstValue::None);
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.emit(Opcode::LOAD_CONST, none),
                    }
                }
                if let Some(s) = step {
                    self.expr(s)?;
                }
                self.cur = here;
                self.emit(Opcode::BUILD_SLICE, if step.is_some() { 3 } else { 2 });
            }
            ExprKind::Tuple { elts, .. } if Self::has_starred(elts) => {
                self.starred_list(elts, here)?;
                self.emit(Opcode::LIST_TO_TUPLE, 0);
            }
            ExprKind::List { elts, .. } if Self::has_starred(elts) => {
                self.starred_list(elts, here)?;
            }
            ExprKind::Tuple { elts, .. } => {
                if let Some(k) = self.folded_tuple(elts) {
                    let i = self.add_const(k);
                    self.emit(Opcode::LOAD_CONST, i);
                } else {
                    self.elements(elts)?;
                    self.cur = here;
                    self.emit(Opcode::BUILD_TUPLE, elts.len() as u32);
                }
            }
            ExprKind::List { elts, .. } => {
                self.elements(elts)?;
                self.cur = here;
                self.emit(Opcode::BUILD_LIST, elts.len() as u32);
            }
            ExprKind::Dict { keys, values } if keys.iter().any(Option::is_none) => {
                // `{**a, k: v}`: an empty dict updated group by group.
                self.emit(Opcode::BUILD_MAP, 0);
                let mut pending = 0;
                for (k, v) in keys.iter().zip(values) {
                    match k {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(v)?;
                            pending += 1;
                        }
                        None => {
                            if pending > 0 {
                                self.cur = here;
                                self.emit(Opcode::BUILD_MAP, pending);
                                self.emit(Opcode::DICT_UPDATE, 1);
                                pending = 0;
                            }
                            self.expr(v)?;
                            self.cur = here;
                            self.emit(Opcode::DICT_UPDATE, 1);
                        }
                    }
                }
                if pending > 0 {
                    self.cur = here;
                    self.emit(Opcode::BUILD_MAP, pending);
                    self.emit(Opcode::DICT_UPDATE, 1);
                }
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
                self.cur = here;
                self.emit(Opcode::BUILD_MAP, keys.len() as u32);
            }
            ExprKind::Lambda { args, body } => {
                let code = self.function_code(
                    "<lambda>",
                    args,
                    FunctionBody::Expression(body),
                    e.loc,
                    false,
                )?;
                self.cur = here;
                self.make_function(args, None, code)?;
            }
            ExprKind::Starred { .. } => {
                return Err(error_at(e.loc, "can't use starred expression here"))
            }
            ExprKind::NamedExpr { target, value } => {
                // `target := value`: the value stays on the stack.
                self.expr(value)?;
                self.cur = here;
                self.emit(Opcode::COPY, 1);
                match &target.kind {
                    ExprKind::Name { id, .. } => self.store_name(id),
                    _ => return Err(unsupported(target.loc, "this assignment-expression target")),
                }
            }
            ExprKind::Set { elts } if Self::has_starred(elts) => {
                self.emit(Opcode::BUILD_SET, 0);
                for x in elts {
                    match &x.kind {
                        ExprKind::Starred { value, .. } => {
                            self.expr(value)?;
                            self.cur = here;
                            self.emit(Opcode::SET_UPDATE, 1);
                        }
                        _ => {
                            self.expr(x)?;
                            self.cur = here;
                            self.emit(Opcode::SET_ADD, 1);
                        }
                    }
                }
            }
            ExprKind::Set { elts } if elts.len() > 2 && self.folded_tuple(elts).is_some() => {
                // As CPython: a display of constants updates an empty set
                // from a frozenset constant.
                let Some(ConstValue::Tuple(items)) = self.folded_tuple(elts) else {
                    return Err(error_at(e.loc, "internal compiler error: set constant"));
                };
                self.emit(Opcode::BUILD_SET, 0);
                let k = self.add_const(ConstValue::FrozenSet(items));
                self.emit(Opcode::LOAD_CONST, k);
                self.emit(Opcode::SET_UPDATE, 1);
            }
            ExprKind::Set { elts } => {
                self.elements(elts)?;
                self.cur = here;
                self.emit(Opcode::BUILD_SET, elts.len() as u32);
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(CompKind::Set, &[elt], generators, e.loc)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(CompKind::List, &[elt], generators, e.loc)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(CompKind::Dict, &[key, value], generators, e.loc)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(CompKind::Generator, &[elt], generators, e.loc)?
            }
            ExprKind::Await { value } => {
                self.require_async(e.loc, "await")?;
                self.expr(value)?;
                self.cur = here;
                self.await_tos(0);
            }
            ExprKind::Yield { value } => {
                self.check_yield_allowed(e.loc)?;
                match value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let k = self.add_const(ConstValue::None);
                        self.emit(Opcode::LOAD_CONST, k);
                    }
                }
                self.cur = here;
                if self.is_async_generator {
                    self.emit(Opcode::ASYNC_GEN_WRAP, 0);
                }
                self.emit(Opcode::YIELD_VALUE, 0);
            }
            ExprKind::YieldFrom { value } => {
                self.check_yield_allowed(e.loc)?;
                if self.is_async {
                    return Err(error_at(e.loc, "'yield from' inside async function"));
                }
                self.expr(value)?;
                self.cur = here;
                self.emit(Opcode::GET_YIELD_FROM_ITER, 0);
                self.yield_from_tos();
            }
            ExprKind::JoinedStr { values } => {
                // As CPython: a lone formatted value needs no BUILD_STRING.
                if let [v @ Expr {
                    kind: ExprKind::FormattedValue { .. },
                    ..
                }] = values.as_slice()
                {
                    self.expr(v)?;
                } else if values.is_empty() {
                    let k = self.add_const(ConstValue::Str(String::new()));
                    self.emit(Opcode::LOAD_CONST, k);
                } else {
                    for v in values {
                        self.expr(v)?;
                    }
                    self.cur = self.pos_of(e.loc);
                    self.emit(Opcode::BUILD_STRING, values.len() as u32);
                }
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                let mut arg = match u8::try_from(*conversion).ok().map(char::from) {
                    Some('s') => 1,
                    Some('r') => 2,
                    Some('a') => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    arg |= 4;
                }
                self.cur = self.pos_of(e.loc);
                self.emit(Opcode::FORMAT_VALUE, arg);
            }
        }
        Ok(())
    }

    pub(super) fn elements(&mut self, elts: &[Expr]) -> CResult<()> {
        for x in elts {
            self.expr(x)?;
        }
        Ok(())
    }

    /// Whether a display or argument list unpacks with `*`.
    pub(super) fn has_starred(elts: &[Expr]) -> bool {
        elts.iter()
            .any(|x| matches!(x.kind, ExprKind::Starred { .. }))
    }

    /// Builds a list from elements some of which are `*iterable`, as
    /// CPython: the leading plain elements, BUILD_LIST, then LIST_APPEND or
    /// LIST_EXTEND per remaining element.
    pub(super) fn starred_list(&mut self, elts: &[Expr], here: Position) -> CResult<()> {
        let lead = elts
            .iter()
            .take_while(|x| !matches!(x.kind, ExprKind::Starred { .. }))
            .count();
        self.elements(&elts[..lead])?;
        self.cur = here;
        self.emit(Opcode::BUILD_LIST, lead as u32);
        self.extend_list(&elts[lead..], here)
    }

    /// Adds `elts` to the list on top of the stack: LIST_EXTEND for a
    /// `*iterable`, LIST_APPEND for any other element.
    pub(super) fn extend_list(&mut self, elts: &[Expr], here: Position) -> CResult<()> {
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value)?;
                    self.cur = here;
                    self.emit(Opcode::LIST_EXTEND, 1);
                }
                _ => {
                    self.expr(x)?;
                    self.cur = here;
                    self.emit(Opcode::LIST_APPEND, 1);
                }
            }
        }
        Ok(())
    }

    /// A call with `*args` or `**kwargs`: CALL_FUNCTION_EX with the
    /// positional arguments as a tuple and the keywords as a dict.
    pub(super) fn call_ex(
        &mut self,
        args: &[Expr],
        keywords: &[Keyword],
        here: Position,
    ) -> CResult<()> {
        match args {
            [Expr {
                kind: ExprKind::Starred { value, .. },
                ..
            }] => self.expr(value)?,
            _ => {
                self.starred_list(args, here)?;
                self.emit(Opcode::LIST_TO_TUPLE, 0);
            }
        }
        self.call_ex_keywords(keywords, here)
    }

    /// The keywords of a CALL_FUNCTION_EX (as a dict, when there are any)
    /// and the instruction; its positional tuple is on the stack.
    pub(super) fn call_ex_keywords(&mut self, keywords: &[Keyword], here: Position) -> CResult<()> {
        let mut have_dict = false;
        let mut pending = 0;
        let flush = |c: &mut Self, pending: &mut u32, have_dict: &mut bool| {
            if *pending > 0 {
                c.cur = here;
                c.emit(Opcode::BUILD_MAP, *pending);
                if *have_dict {
                    c.emit(Opcode::DICT_MERGE, 1);
                }
                *have_dict = true;
                *pending = 0;
            }
        };
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    let c = self.add_const(ConstValue::Str(name.clone()));
                    self.emit(Opcode::LOAD_CONST, c);
                    self.expr(&k.value)?;
                    pending += 1;
                }
                None => {
                    flush(self, &mut pending, &mut have_dict);
                    if !have_dict {
                        self.emit(Opcode::BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.cur = here;
                    self.emit(Opcode::DICT_MERGE, 1);
                }
            }
        }
        flush(self, &mut pending, &mut have_dict);
        self.cur = here;
        self.emit(Opcode::CALL_FUNCTION_EX, have_dict as u32);
        Ok(())
    }

    pub(super) fn compare(
        &mut self,
        left: &Expr,
        ops: &[CmpOp],
        comparators: &[Expr],
        here: Position,
    ) -> CResult<()> {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.cur = here;
            self.emit_compare(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            self.expr(right)?;
            self.cur = here;
            if i + 1 < ops.len() {
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::COPY, 2);
                self.emit_compare(*op);
                self.emit_jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
            } else {
                self.emit_compare(*op);
            }
        }
        self.emit_jump(JUMP, end);
        self.place(cleanup);
        self.emit(Opcode::SWAP, 2);
        self.emit(Opcode::POP_TOP, 0);
        self.place(end);
        Ok(())
    }

    pub(super) fn emit_compare(&mut self, op: CmpOp) {
        match op {
            CmpOp::Eq => self.emit(Opcode::COMPARE_OP, CompareOp::Eq as u32),
            CmpOp::NotEq => self.emit(Opcode::COMPARE_OP, CompareOp::Ne as u32),
            CmpOp::Lt => self.emit(Opcode::COMPARE_OP, CompareOp::Lt as u32),
            CmpOp::LtE => self.emit(Opcode::COMPARE_OP, CompareOp::Le as u32),
            CmpOp::Gt => self.emit(Opcode::COMPARE_OP, CompareOp::Gt as u32),
            CmpOp::GtE => self.emit(Opcode::COMPARE_OP, CompareOp::Ge as u32),
            CmpOp::Is => self.emit(Opcode::IS_OP, 0),
            CmpOp::IsNot => self.emit(Opcode::IS_OP, 1),
            CmpOp::In => self.emit(Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => self.emit(Opcode::CONTAINS_OP, 1),
        }
    }
}

/// BINARY_OP's argument for a binary operator.
pub(super) fn binop_arg(op: Operator) -> u32 {
    (match op {
        Operator::Add => BinaryOp::Add,
        Operator::Sub => BinaryOp::Subtract,
        Operator::Mult => BinaryOp::Multiply,
        Operator::MatMult => BinaryOp::MatrixMultiply,
        Operator::Div => BinaryOp::TrueDivide,
        Operator::Mod => BinaryOp::Remainder,
        Operator::Pow => BinaryOp::Power,
        Operator::LShift => BinaryOp::Lshift,
        Operator::RShift => BinaryOp::Rshift,
        Operator::BitOr => BinaryOp::Or,
        Operator::BitXor => BinaryOp::Xor,
        Operator::BitAnd => BinaryOp::And,
        Operator::FloorDiv => BinaryOp::FloorDivide,
    }) as u32
}

/// A call's (or class statement's) keywords name each argument once
/// (CPython's `validate_keywords`): the error is at the repeat.
pub(super) fn validate_keywords(keywords: &[Keyword]) -> CResult<()> {
    for (i, k) in keywords.iter().enumerate() {
        let Some(name) = &k.arg else { continue };
        if keywords[..i].iter().any(|o| o.arg.as_ref() == Some(name)) {
            return Err(error_at(
                k.loc,
                &format!("keyword argument repeated: {name}"),
            ));
        }
    }
    Ok(())
}
