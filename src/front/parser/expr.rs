//! Expressions: from `star_expressions` down to atoms, one function per
//! grammar rule, precedence climbing through the rule chain exactly as
//! python.gram spells it.

use super::target::invalid_target;
use super::*;

fn binop_for(e: Exact) -> Option<Operator> {
    Some(match e {
        Exact::Plus => Operator::Add,
        Exact::Minus => Operator::Sub,
        Exact::Star => Operator::Mult,
        Exact::At => Operator::MatMult,
        Exact::Slash => Operator::Div,
        Exact::Percent => Operator::Mod,
        Exact::DoubleStar => Operator::Pow,
        Exact::LeftShift => Operator::LShift,
        Exact::RightShift => Operator::RShift,
        Exact::VBar => Operator::BitOr,
        Exact::Circumflex => Operator::BitXor,
        Exact::Amper => Operator::BitAnd,
        Exact::DoubleSlash => Operator::FloorDiv,
        _ => return None,
    })
}

/// Tokens that can start an expression (used for error messages and for
/// optional expressions such as `return`'s value).
pub(super) fn starts_expression(t: &Token) -> bool {
    match t.kind {
        TokenKind::Name => !matches!(
            t.exact,
            Exact::And
                | Exact::As
                | Exact::Assert
                | Exact::Async
                | Exact::Break
                | Exact::Class
                | Exact::Continue
                | Exact::Def
                | Exact::Del
                | Exact::Elif
                | Exact::Else
                | Exact::Except
                | Exact::Finally
                | Exact::For
                | Exact::From
                | Exact::Global
                | Exact::If
                | Exact::Import
                | Exact::In
                | Exact::Is
                | Exact::Nonlocal
                | Exact::Or
                | Exact::Pass
                | Exact::Raise
                | Exact::Return
                | Exact::Try
                | Exact::While
                | Exact::With
                | Exact::Yield
        ),
        TokenKind::Number | TokenKind::String => true,
        TokenKind::Op => matches!(
            t.exact,
            Exact::LPar
                | Exact::LSqb
                | Exact::LBrace
                | Exact::Minus
                | Exact::Plus
                | Exact::Tilde
                | Exact::Ellipsis
                | Exact::Star
        ),
        _ => false,
    }
}

impl<'s> Parser<'s> {
    pub(super) fn expr(&self, kind: ExprKind, start: usize) -> Expr {
        Expr {
            kind,
            loc: self.loc_from(start),
        }
    }

    /// star_expressions: a tuple without parentheses where commas appear.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let first = self.star_expression()?;
        if !self.at(Exact::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Exact::Comma) {
            if !starts_expression(self.peek()) {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            start,
        ))
    }

    /// star_expression: `'*' bitwise_or | expression`.
    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at(Exact::Star) {
            let start = self.mark();
            self.advance();
            let value = self.bitwise_or()?;
            return Ok(self.expr(
                ExprKind::Starred {
                    value: Box::new(value),
                    ctx: Ctx::Load,
                },
                start,
            ));
        }
        self.expression()
    }

    /// star_named_expression: `'*' bitwise_or | named_expression`.
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at(Exact::Star) {
            return self.star_expression();
        }
        self.named_expression()
    }

    /// named_expression: `NAME ':=' expression | expression !':='`.
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        if self.at_kind(TokenKind::Name)
            && self.peek().exact == Exact::None
            && self.peek_at(1).exact == Exact::ColonEqual
        {
            let start = self.mark();
            let name = self.advance();
            let target = Expr {
                kind: ExprKind::Name {
                    id: self.identifier(&name),
                    ctx: Ctx::Store,
                },
                loc: Parser::tok_loc(&name),
            };
            self.advance();
            let value = self.expression()?;
            return Ok(self.expr(
                ExprKind::NamedExpr {
                    target: Box::new(target),
                    value: Box::new(value),
                },
                start,
            ));
        }
        let e = self.expression()?;
        if self.at(Exact::Equal)
            && !self.in_call_arguments
            && invalid_target(&e, Ctx::Store).is_some()
        {
            let parenthesized = self.toks[self.expr_start_index(&e)].exact == Exact::LPar;
            if let Some(err) = self.maybe_meant_equality(&e, parenthesized) {
                return Err(err);
            }
        }
        if self.at(Exact::ColonEqual) {
            return Err(self.error_at(
                e.loc,
                format!(
                    "cannot use assignment expressions with {}",
                    target::expr_name(&e)
                ),
            ));
        }
        Ok(e)
    }

    /// expression: conditional expressions and lambdas.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        if self.at(Exact::Lambda) {
            return self.lambdef();
        }
        let start = self.mark();
        let body = self.disjunction()?;
        self.check_forgotten_comma(start, &body)?;
        if self.at(Exact::If) {
            let m = self.mark();
            self.advance();
            let test = self.disjunction()?;
            if self.eat(Exact::Else) {
                let orelse = self.expression()?;
                return Ok(self.expr(
                    ExprKind::IfExp {
                        test: Box::new(test),
                        body: Box::new(body),
                        orelse: Box::new(orelse),
                    },
                    start,
                ));
            }
            if !self.at(Exact::For) && !self.at(Exact::If) && !self.at(Exact::Async) {
                return Err(self.error_at(
                    self.loc_from(start),
                    "expected 'else' after 'if' expression",
                ));
            }
            self.reset(m);
        }
        Ok(body)
    }

    fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.mark();
        self.advance();
        let args = if self.at(Exact::Colon) {
            Arguments::default()
        } else {
            self.parameters(false, Exact::Colon)?
        };
        if !self.eat(Exact::Colon) {
            return Err(self.invalid_syntax());
        }
        let body = self.guarded(|p| p.expression())?;
        Ok(self.expr(
            ExprKind::Lambda {
                args: Box::new(args),
                body: Box::new(body),
            },
            start,
        ))
    }

    /// Runs a recursive rule with a nesting-depth check and enough stack.
    pub(super) fn guarded<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.leave();
        r
    }

    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let first = self.conjunction()?;
        if !self.at(Exact::Or) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(Exact::Or) {
            values.push(self.conjunction()?);
        }
        Ok(self.expr(
            ExprKind::BoolOp {
                op: BoolOp::Or,
                values,
            },
            start,
        ))
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let first = self.inversion()?;
        if !self.at(Exact::And) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(Exact::And) {
            values.push(self.inversion()?);
        }
        Ok(self.expr(
            ExprKind::BoolOp {
                op: BoolOp::And,
                values,
            },
            start,
        ))
    }

    fn inversion(&mut self) -> PResult<Expr> {
        if self.at(Exact::Not) {
            let start = self.mark();
            self.advance();
            let operand = self.guarded(|p| p.inversion())?;
            return Ok(self.expr(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(operand),
                },
                start,
            ));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            let op = match self.peek().exact {
                Exact::EqEqual => CmpOp::Eq,
                Exact::NotEqual => CmpOp::NotEq,
                Exact::Less => CmpOp::Lt,
                Exact::LessEqual => CmpOp::LtE,
                Exact::Greater => CmpOp::Gt,
                Exact::GreaterEqual => CmpOp::GtE,
                Exact::In => CmpOp::In,
                Exact::Not if self.peek_at(1).exact == Exact::In => {
                    self.advance();
                    CmpOp::NotIn
                }
                Exact::Is if self.peek_at(1).exact == Exact::Not => {
                    self.advance();
                    CmpOp::IsNot
                }
                Exact::Is => CmpOp::Is,
                _ => break,
            };
            self.advance();
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(self.expr(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            start,
        ))
    }

    /// The binary-operator levels, loosest first.
    fn binary_level(&mut self, level: usize) -> PResult<Expr> {
        const LEVELS: [&[Exact]; 6] = [
            &[Exact::VBar],
            &[Exact::Circumflex],
            &[Exact::Amper],
            &[Exact::LeftShift, Exact::RightShift],
            &[Exact::Plus, Exact::Minus],
            &[
                Exact::Star,
                Exact::Slash,
                Exact::DoubleSlash,
                Exact::Percent,
                Exact::At,
            ],
        ];
        let start = self.mark();
        let mut left = if level + 1 < LEVELS.len() {
            self.binary_level(level + 1)?
        } else {
            self.factor()?
        };
        while LEVELS[level].contains(&self.peek().exact) {
            let op = binop_for(self.advance().exact).unwrap_or(Operator::Add);
            let right = if level + 1 < LEVELS.len() {
                self.binary_level(level + 1)?
            } else {
                self.factor()?
            };
            left = self.expr(
                ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                },
                start,
            );
        }
        Ok(left)
    }

    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary_level(0)
    }

    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.peek().exact {
            Exact::Plus => UnaryOp::UAdd,
            Exact::Minus => UnaryOp::USub,
            Exact::Tilde => UnaryOp::Invert,
            _ => return self.power(),
        };
        let start = self.mark();
        self.advance();
        let operand = self.guarded(|p| p.factor())?;
        Ok(self.expr(
            ExprKind::UnaryOp {
                op,
                operand: Box::new(operand),
            },
            start,
        ))
    }

    fn power(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let left = self.await_primary()?;
        if self.eat(Exact::DoubleStar) {
            let right = self.guarded(|p| p.factor())?;
            return Ok(self.expr(
                ExprKind::BinOp {
                    left: Box::new(left),
                    op: Operator::Pow,
                    right: Box::new(right),
                },
                start,
            ));
        }
        Ok(left)
    }

    fn await_primary(&mut self) -> PResult<Expr> {
        if self.at(Exact::Await) {
            let start = self.mark();
            self.advance();
            let value = self.primary()?;
            return Ok(self.expr(
                ExprKind::Await {
                    value: Box::new(value),
                },
                start,
            ));
        }
        self.primary()
    }

    /// primary: an atom followed by attribute, call and subscript trailers.
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let mut e = self.atom()?;
        loop {
            match self.peek().exact {
                Exact::Dot => {
                    self.advance();
                    let name = self.expect_kind(TokenKind::Name)?;
                    if name.exact != Exact::None {
                        self.reset(self.pos - 1);
                        return Err(self.invalid_syntax());
                    }
                    let attr = self.identifier(&name);
                    e = self.expr(
                        ExprKind::Attribute {
                            value: Box::new(e),
                            attr,
                            ctx: Ctx::Load,
                        },
                        start,
                    );
                }
                Exact::LPar => {
                    let (args, keywords) = self.call_arguments()?;
                    e = self.expr(
                        ExprKind::Call {
                            func: Box::new(e),
                            args,
                            keywords,
                        },
                        start,
                    );
                }
                Exact::LSqb => {
                    self.advance();
                    let slice = self.guarded(|p| p.slices())?;
                    self.expect(Exact::RSqb)?;
                    e = self.expr(
                        ExprKind::Subscript {
                            value: Box::new(e),
                            slice: Box::new(slice),
                            ctx: Ctx::Load,
                        },
                        start,
                    );
                }
                _ => return Ok(e),
            }
        }
    }

    /// slices: one slice, or a tuple of slices and starred expressions.
    fn slices(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let first = self.slice()?;
        if !self.at(Exact::Comma) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Ok(self.expr(
                    ExprKind::Tuple {
                        elts: vec![first],
                        ctx: Ctx::Load,
                    },
                    start,
                ));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Exact::Comma) {
            if self.at(Exact::RSqb) {
                break;
            }
            elts.push(self.slice()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            start,
        ))
    }

    fn slice(&mut self) -> PResult<Expr> {
        let start = self.mark();
        if self.at(Exact::Star) {
            return self.star_expression();
        }
        let lower = if self.at(Exact::Colon) {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at(Exact::Colon) {
                return Ok(e);
            }
            if matches!(e.kind, ExprKind::NamedExpr { .. }) {
                return Err(self.invalid_syntax());
            }
            Some(Box::new(e))
        };
        self.expect(Exact::Colon)?;
        let upper = if self.at(Exact::Colon) || self.at(Exact::Comma) || self.at(Exact::RSqb) {
            None
        } else {
            Some(Box::new(self.expression()?))
        };
        let step = if self.eat(Exact::Colon) {
            if self.at(Exact::Comma) || self.at(Exact::RSqb) {
                None
            } else {
                Some(Box::new(self.expression()?))
            }
        } else {
            None
        };
        Ok(self.expr(ExprKind::Slice { lower, upper, step }, start))
    }

    /// An identifier's text, NFKC-normalised when it is not ASCII.
    pub(super) fn identifier(&self, t: &Token) -> Ident {
        let text = self.text(t);
        if text.is_ascii() {
            text.to_string()
        } else {
            use unicode_normalization::UnicodeNormalization;
            text.nfkc().collect()
        }
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = *self.peek();
        let start = self.mark();
        match t.kind {
            TokenKind::Name => {
                let value = match t.exact {
                    Exact::None => {
                        self.advance();
                        return Ok(Expr {
                            kind: ExprKind::Name {
                                id: self.identifier(&t),
                                ctx: Ctx::Load,
                            },
                            loc: Parser::tok_loc(&t),
                        });
                    }
                    Exact::True => Constant::Bool(true),
                    Exact::False => Constant::Bool(false),
                    Exact::NoneKw => Constant::None,
                    _ => return Err(self.invalid_syntax()),
                };
                self.advance();
                Ok(Expr {
                    kind: ExprKind::Constant { value, kind: None },
                    loc: Parser::tok_loc(&t),
                })
            }
            TokenKind::Number => {
                self.advance();
                let value = self.number(&t)?;
                Ok(Expr {
                    kind: ExprKind::Constant { value, kind: None },
                    loc: Parser::tok_loc(&t),
                })
            }
            TokenKind::String => self.strings(),
            TokenKind::Op => match t.exact {
                Exact::LPar => self.guarded(|p| p.paren_atom()),
                Exact::LSqb => self.guarded(|p| p.list_atom()),
                Exact::LBrace => self.guarded(|p| p.brace_atom()),
                Exact::Ellipsis => {
                    self.advance();
                    Ok(self.expr(
                        ExprKind::Constant {
                            value: Constant::Ellipsis,
                            kind: None,
                        },
                        start,
                    ))
                }
                _ => Err(self.invalid_syntax()),
            },
            _ => Err(self.invalid_syntax()),
        }
    }

    /// `( … )`: empty tuple, group, tuple, generator expression or yield.
    fn paren_atom(&mut self) -> PResult<Expr> {
        let start = self.mark();
        self.advance();
        if self.eat(Exact::RPar) {
            return Ok(self.expr(
                ExprKind::Tuple {
                    elts: vec![],
                    ctx: Ctx::Load,
                },
                start,
            ));
        }
        if self.at(Exact::Yield) {
            let e = self.yield_expr()?;
            self.expect(Exact::RPar)?;
            return Ok(e);
        }
        let first = self.star_named_expression()?;
        if self.at(Exact::For) || self.at(Exact::Async) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.error_at(
                    first.loc,
                    "iterable unpacking cannot be used in comprehension",
                ));
            }
            let generators = self.for_if_clauses()?;
            self.expect(Exact::RPar)?;
            return Ok(self.expr(
                ExprKind::GeneratorExp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        if self.eat(Exact::RPar) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.error_at(first.loc, "cannot use starred expression here"));
            }
            return Ok(first);
        }
        if !self.at(Exact::Comma) {
            return Err(self.invalid_syntax());
        }
        let mut elts = vec![first];
        while self.eat(Exact::Comma) {
            if self.at(Exact::RPar) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.expect(Exact::RPar)?;
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            start,
        ))
    }

    fn list_atom(&mut self) -> PResult<Expr> {
        let start = self.mark();
        self.advance();
        if self.eat(Exact::RSqb) {
            return Ok(self.expr(
                ExprKind::List {
                    elts: vec![],
                    ctx: Ctx::Load,
                },
                start,
            ));
        }
        let first = self.star_named_expression()?;
        if self.at(Exact::For) || self.at(Exact::Async) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.error_at(
                    first.loc,
                    "iterable unpacking cannot be used in comprehension",
                ));
            }
            let generators = self.for_if_clauses()?;
            self.expect(Exact::RSqb)?;
            return Ok(self.expr(
                ExprKind::ListComp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        let mut elts = vec![first];
        while self.eat(Exact::Comma) {
            if self.at(Exact::RSqb) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.unparenthesized_comprehension_target(&elts)?;
        self.expect(Exact::RSqb)?;
        Ok(self.expr(
            ExprKind::List {
                elts,
                ctx: Ctx::Load,
            },
            start,
        ))
    }

    /// `{ … }`: dict, set, or their comprehensions.
    fn brace_atom(&mut self) -> PResult<Expr> {
        let start = self.mark();
        self.advance();
        if self.eat(Exact::RBrace) {
            return Ok(self.expr(
                ExprKind::Dict {
                    keys: vec![],
                    values: vec![],
                },
                start,
            ));
        }
        // A dict starts with `**` or `key:`.
        let key_start = self.mark();
        let first_key = if self.eat(Exact::DoubleStar) {
            None
        } else {
            let e = self.star_named_expression()?;
            if !self.at(Exact::Colon) {
                // A set display or set comprehension.
                if self.at(Exact::For) || self.at(Exact::Async) {
                    if matches!(e.kind, ExprKind::Starred { .. }) {
                        return Err(self.error_at(
                            e.loc,
                            "iterable unpacking cannot be used in comprehension",
                        ));
                    }
                    let generators = self.for_if_clauses()?;
                    self.expect(Exact::RBrace)?;
                    return Ok(self.expr(
                        ExprKind::SetComp {
                            elt: Box::new(e),
                            generators,
                        },
                        start,
                    ));
                }
                let mut elts = vec![e];
                while self.eat(Exact::Comma) {
                    if self.at(Exact::RBrace) {
                        break;
                    }
                    elts.push(self.star_named_expression()?);
                }
                self.unparenthesized_comprehension_target(&elts)?;
                self.expect(Exact::RBrace)?;
                return Ok(self.expr(ExprKind::Set { elts }, start));
            }
            let parenthesized = self.toks[key_start].exact == Exact::LPar;
            if matches!(e.kind, ExprKind::Starred { .. })
                || (matches!(e.kind, ExprKind::NamedExpr { .. }) && !parenthesized)
            {
                return Err(self.invalid_syntax());
            }
            Some(e)
        };
        let first_value = if first_key.is_some() {
            self.dict_value()?
        } else {
            self.bitwise_or()?
        };
        if first_key.is_some() && (self.at(Exact::For) || self.at(Exact::Async)) {
            let generators = self.for_if_clauses()?;
            self.expect(Exact::RBrace)?;
            let key = first_key
                .map(Box::new)
                .ok_or_else(|| self.invalid_syntax())?;
            return Ok(self.expr(
                ExprKind::DictComp {
                    key,
                    value: Box::new(first_value),
                    generators,
                },
                start,
            ));
        }
        let mut keys = vec![first_key];
        let mut values = vec![first_value];
        while self.eat(Exact::Comma) {
            if self.at(Exact::RBrace) {
                break;
            }
            if self.eat(Exact::DoubleStar) {
                keys.push(None);
                values.push(self.bitwise_or()?);
            } else {
                keys.push(Some(self.expression()?));
                values.push(self.dict_value()?);
            }
        }
        self.expect(Exact::RBrace)?;
        Ok(self.expr(ExprKind::Dict { keys, values }, start))
    }

    /// `: value` of a dict entry, with CPython's message for a missing value.
    fn dict_value(&mut self) -> PResult<Expr> {
        let colon = self.expect(Exact::Colon)?;
        if self.at(Exact::RBrace) || self.at(Exact::Comma) {
            return Err(self.error_at(
                Parser::tok_loc(&colon),
                "expression expected after dictionary key and ':'",
            ));
        }
        self.expression()
    }

    /// `invalid_expression`: two expressions side by side inside brackets
    /// ("Perhaps you forgot a comma?").
    fn check_forgotten_comma(&mut self, start: usize, a: &Expr) -> PResult<()> {
        let t = *self.peek();
        let follows = match t.kind {
            TokenKind::Name => matches!(
                t.exact,
                Exact::None
                    | Exact::True
                    | Exact::False
                    | Exact::NoneKw
                    | Exact::Lambda
                    | Exact::Await
            ),
            TokenKind::Number | TokenKind::String => true,
            TokenKind::Op => matches!(t.exact, Exact::LBrace | Exact::Ellipsis | Exact::Tilde),
            _ => false,
        };
        if !follows || self.pos == 0 || self.levels[self.pos - 1] == 0 {
            return Ok(());
        }
        let first = self.toks[start];
        let soft_keyword = first.kind == TokenKind::Name
            && first.exact == Exact::None
            && matches!(self.text(&first), "match" | "case" | "_");
        let name_string =
            first.kind == TokenKind::Name && self.toks[start + 1].kind == TokenKind::String;
        if soft_keyword || name_string {
            return Ok(());
        }
        let m = self.mark();
        if let Ok(b) = self.expression() {
            return Err(self.error_at(
                a.loc.to(b.loc),
                "invalid syntax. Perhaps you forgot a comma?",
            ));
        }
        self.reset(m);
        Ok(())
    }

    /// `[a, b for …]`: CPython's hint for a comprehension over a tuple.
    fn unparenthesized_comprehension_target(&self, elts: &[Expr]) -> PResult<()> {
        if elts.len() > 1 && (self.at(Exact::For) || self.at(Exact::Async)) {
            let (first, last) = (&elts[0], &elts[elts.len() - 1]);
            return Err(self.error_at(
                first.loc.to(last.loc),
                "did you forget parentheses around the comprehension target?",
            ));
        }
        Ok(())
    }

    /// for_if_clauses: one or more `[async] for targets in disjunction (if disjunction)*`.
    pub(super) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut out = Vec::new();
        while self.at(Exact::For) || (self.at(Exact::Async) && self.peek_at(1).exact == Exact::For)
        {
            let is_async = self.eat(Exact::Async);
            self.advance();
            let target = self.star_targets()?;
            self.expect(Exact::In)?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(Exact::If) {
                ifs.push(self.disjunction()?);
            }
            out.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(out)
    }

    /// `yield [from] …`.
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.mark();
        self.expect(Exact::Yield)?;
        if self.eat(Exact::From) {
            let value = self.expression()?;
            return Ok(self.expr(
                ExprKind::YieldFrom {
                    value: Box::new(value),
                },
                start,
            ));
        }
        let value = if starts_expression(self.peek())
            || self.at(Exact::Not)
            || self.at(Exact::Lambda)
            || self.at(Exact::Await)
        {
            Some(Box::new(self.star_expressions()?))
        } else {
            None
        };
        Ok(self.expr(ExprKind::Yield { value }, start))
    }

    /// `( args )` of a call: positional, starred, keyword and `**` arguments,
    /// or a lone generator expression.
    pub(super) fn call_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let open = self.mark();
        self.advance();
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        while !self.at(Exact::RPar) {
            let start = self.mark();
            if self.eat(Exact::DoubleStar) {
                let value = self.expression()?;
                keywords.push(Keyword {
                    arg: None,
                    value,
                    loc: self.loc_from(start),
                });
            } else if self.eat(Exact::Star) {
                let value = self.expression()?;
                let e = self.expr(
                    ExprKind::Starred {
                        value: Box::new(value),
                        ctx: Ctx::Load,
                    },
                    start,
                );
                if keywords.iter().any(|k| k.arg.is_none()) {
                    return Err(self.error_at(
                        e.loc,
                        "iterable argument unpacking follows keyword argument unpacking",
                    ));
                }
                args.push(e);
            } else if self.at_kind(TokenKind::Name) && self.peek_at(1).exact == Exact::Equal {
                let name = self.advance();
                if name.exact != Exact::None {
                    let loc = Parser::tok_loc(&name);
                    return Err(self.error_at(
                        loc,
                        match name.exact {
                            Exact::True | Exact::False | Exact::NoneKw => {
                                format!("cannot assign to {}", self.text(&name))
                            }
                            _ => "invalid syntax".to_string(),
                        },
                    ));
                }
                self.advance();
                let value = self.expression()?;
                keywords.push(Keyword {
                    arg: Some(self.identifier(&name)),
                    value,
                    loc: self.loc_from(start),
                });
            } else {
                let outer = std::mem::replace(&mut self.in_call_arguments, true);
                let e = self.named_expression();
                self.in_call_arguments = outer;
                let e = e?;
                if self.at(Exact::For) || self.at(Exact::Async) {
                    let generators = self.for_if_clauses()?;
                    // A bare generator argument takes the call's parentheses.
                    let genexp_only =
                        args.is_empty() && keywords.is_empty() && self.at(Exact::RPar);
                    let gstart = if genexp_only { open } else { start };
                    if genexp_only {
                        self.advance();
                        let g = self.expr(
                            ExprKind::GeneratorExp {
                                elt: Box::new(e),
                                generators,
                            },
                            gstart,
                        );
                        args.push(g);
                        return Ok((args, keywords));
                    }
                    let g = self.expr(
                        ExprKind::GeneratorExp {
                            elt: Box::new(e),
                            generators,
                        },
                        gstart,
                    );
                    return Err(self.error_at(g.loc, "Generator expression must be parenthesized"));
                }
                if self.at(Exact::Equal) {
                    return Err(self.error_at(
                        e.loc.to(Parser::tok_loc(self.peek())),
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                    ));
                }
                if !keywords.is_empty() {
                    let msg = if keywords.iter().any(|k| k.arg.is_none()) {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    return Err(self.error_at(Parser::tok_loc(self.peek()).first_char(), msg));
                }
                args.push(e);
            }
            if !self.eat(Exact::Comma) {
                break;
            }
        }
        self.expect(Exact::RPar)?;
        Ok((args, keywords))
    }
}
