//! Assignment, deletion and loop targets: turning a parsed expression into
//! a Store / Del target, with CPython's messages for what cannot be one.

use super::*;

/// `_PyPegen_get_expr_name`: how error messages name an expression.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(false) => "False",
            Constant::Bool(true) => "True",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first sub-expression that cannot be a target (`_PyPegen_get_invalid_target`).
pub(super) fn invalid_target(e: &Expr, ctx: Ctx) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            elts.iter().find_map(|x| invalid_target(x, ctx))
        }
        ExprKind::Starred { value, .. } if ctx == Ctx::Store => invalid_target(value, ctx),
        _ => Some(e),
    }
}

/// Rewrites the context of a valid target expression.
pub(super) fn set_ctx(e: &mut Expr, ctx: Ctx) {
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
        ExprKind::Starred { value, ctx: c } => {
            *c = ctx;
            set_ctx(value, ctx);
        }
        ExprKind::Tuple { elts, ctx: c } | ExprKind::List { elts, ctx: c } => {
            *c = ctx;
            for x in elts {
                set_ctx(x, ctx);
            }
        }
        _ => {}
    }
}

impl<'s> Parser<'s> {
    /// The index of the token where expression `e` starts, or of the `(`
    /// just before it when `e` was parenthesised.
    pub(super) fn expr_start_index(&self, e: &Expr) -> usize {
        let mut i = self.pos;
        while i > 0 {
            let t = &self.toks[i - 1];
            if (t.lineno, t.col) <= (e.loc.lineno, e.loc.col) {
                let at = i - 1;
                return if at > 0
                    && (t.lineno, t.col) == (e.loc.lineno, e.loc.col)
                    && self.toks[at - 1].exact == Exact::LPar
                {
                    at - 1
                } else {
                    at
                };
            }
            i -= 1;
        }
        0
    }

    /// `invalid_named_expression`: `target = value` where an expression was
    /// expected and the target cannot be assigned to. With the parser at
    /// the `=`, returns CPython's "Maybe you meant '=='" error when the rule
    /// applies (the target is a plain operand, the value one too, and no
    /// further `=` follows); the position is left unchanged.
    pub(super) fn maybe_meant_equality(
        &mut self,
        e: &Expr,
        parenthesized: bool,
    ) -> Option<SyntaxError> {
        let operand = match &e.kind {
            ExprKind::Tuple { .. } | ExprKind::List { .. } | ExprKind::GeneratorExp { .. } => false,
            ExprKind::Constant {
                value: Constant::Bool(_) | Constant::None,
                ..
            } => false,
            ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not, ..
            }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::Yield { .. }
            | ExprKind::YieldFrom { .. } => parenthesized,
            _ => true,
        };
        if !operand || !self.at(Exact::Equal) {
            return None;
        }
        let m = self.mark();
        self.advance();
        // PEG matches the longest operand that parses; if ours fails part
        // way, CPython's shorter match still counts when it could start.
        let starts = super::expr::starts_expression(self.peek());
        let applies = match self.bitwise_or() {
            Ok(_) => !self.at(Exact::Equal) && !self.at(Exact::ColonEqual),
            Err(_) => starts,
        };
        self.reset(m);
        applies.then(|| {
            self.error_at(
                e.loc,
                format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    expr_name(e)
                ),
            )
        })
    }

    /// Makes `e` a target, or fails with "cannot assign to …" /
    /// "cannot delete …".
    pub(super) fn make_target(&self, mut e: Expr, ctx: Ctx) -> PResult<Expr> {
        if let Some(bad) = invalid_target(&e, ctx) {
            let msg = match ctx {
                Ctx::Del => format!("cannot delete {}", expr_name(bad)),
                _ => format!("cannot assign to {}", expr_name(bad)),
            };
            return Err(self.error_at(bad.loc, msg));
        }
        set_ctx(&mut e, ctx);
        Ok(e)
    }

    /// star_targets: the targets of `for` loops and comprehensions.
    pub(super) fn star_targets(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let first = self.star_target()?;
        if !self.at(Exact::Comma) {
            return self.make_target(first, Ctx::Store);
        }
        let mut elts = vec![first];
        while self.eat(Exact::Comma) {
            if self.at(Exact::In)
                || self.at(Exact::Equal)
                || !super::expr::starts_expression(self.peek())
            {
                break;
            }
            elts.push(self.star_target()?);
        }
        let e = self.expr(
            ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            start,
        );
        self.make_target(e, Ctx::Store)
    }

    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        if self.at(Exact::Star) {
            let start = self.mark();
            self.advance();
            if self.at(Exact::Star) {
                return Err(self.invalid_syntax());
            }
            let value = self.guarded(|p| p.star_target())?;
            return Ok(self.expr(
                ExprKind::Starred {
                    value: Box::new(value),
                    ctx: Ctx::Load,
                },
                start,
            ));
        }
        self.primary()
    }
}
