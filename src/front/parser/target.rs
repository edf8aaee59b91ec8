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
