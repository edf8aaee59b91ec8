//! Structural pattern matching (PEP 634): the `match` statement, whose
//! keywords are soft, and the pattern sub-grammar.

use super::*;

impl<'s> Parser<'s> {
    fn pat(&self, kind: PatternKind, start: usize) -> Pattern {
        Pattern {
            kind,
            loc: self.loc_from(start),
        }
    }

    /// `match subject: NEWLINE INDENT case+ DEDENT`, or `None` (nothing
    /// consumed) when `match` is an ordinary name here.
    pub(super) fn match_stmt(&mut self) -> PResult<Option<Stmt>> {
        let start = self.mark();
        let kw = self.advance();
        let subject = match self.subject_expr() {
            Ok(s) if self.at(Exact::Colon) && self.peek_at(1).kind == TokenKind::Newline => s,
            _ => {
                self.reset(start);
                return Ok(None);
            }
        };
        self.advance();
        self.advance();
        if !self.at_kind(TokenKind::Indent) {
            let t = self.peek();
            return Err(SyntaxError::new(
                format!(
                    "expected an indented block after 'match' statement on line {}",
                    kw.lineno
                ),
                t.lineno as usize,
                t.col as usize,
            )
            .with_kind(SyntaxErrorKind::Indentation));
        }
        self.advance();
        let mut cases = Vec::new();
        while self.at_name("case") {
            cases.push(self.case_block()?);
        }
        if cases.is_empty() || !self.at_kind(TokenKind::Dedent) {
            return Err(self.invalid_syntax());
        }
        self.advance();
        Ok(Some(Stmt {
            kind: StmtKind::Match {
                subject: Box::new(subject),
                cases,
            },
            loc: self.loc_from(start),
        }))
    }

    fn subject_expr(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let first = self.star_named_expression()?;
        if !self.at(Exact::Comma) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.invalid_syntax());
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Exact::Comma) {
            if self.at(Exact::Colon) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            start,
        ))
    }

    fn case_block(&mut self) -> PResult<MatchCase> {
        let kw = self.advance();
        let pattern = self.patterns()?;
        let guard = if self.eat(Exact::If) {
            Some(self.named_expression()?)
        } else {
            None
        };
        self.expect(Exact::Colon)?;
        let body = self.block_for_case(&kw)?;
        Ok(MatchCase {
            pattern,
            guard,
            body,
        })
    }

    fn block_for_case(&mut self, kw: &Token) -> PResult<Vec<Stmt>> {
        self.block("'case' statement", kw)
    }

    /// patterns: an open sequence (`case a, b:`) or one pattern.
    fn patterns(&mut self) -> PResult<Pattern> {
        let start = self.mark();
        let first = self.maybe_star_pattern()?;
        if !self.at(Exact::Comma) {
            if matches!(first.kind, PatternKind::MatchStar { .. }) {
                return Ok(self.pat(
                    PatternKind::MatchSequence {
                        patterns: vec![first],
                    },
                    start,
                ));
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(Exact::Comma) {
            if self.at(Exact::Colon) || self.at(Exact::If) {
                break;
            }
            patterns.push(self.maybe_star_pattern()?);
        }
        Ok(self.pat(PatternKind::MatchSequence { patterns }, start))
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at(Exact::Star) {
            let start = self.mark();
            self.advance();
            let n = self.name_token_pat()?;
            let name = self.identifier(&n);
            let name = if name == "_" { None } else { Some(name) };
            return Ok(self.pat(PatternKind::MatchStar { name }, start));
        }
        self.pattern()
    }

    fn name_token_pat(&mut self) -> PResult<Token> {
        if self.at_kind(TokenKind::Name) && self.peek().exact == Exact::None {
            Ok(self.advance())
        } else {
            Err(self.invalid_syntax())
        }
    }

    /// pattern: `or_pattern ['as' NAME]`.
    fn pattern(&mut self) -> PResult<Pattern> {
        self.guarded(|p| {
            let start = p.mark();
            let or = p.or_pattern()?;
            if p.eat(Exact::As) {
                let n = p.name_token_pat()?;
                let name = p.identifier(&n);
                if name == "_" {
                    return Err(p.error_at(Parser::tok_loc(&n), "cannot use '_' as a target"));
                }
                return Ok(p.pat(
                    PatternKind::MatchAs {
                        pattern: Some(Box::new(or)),
                        name: Some(name),
                    },
                    start,
                ));
            }
            Ok(or)
        })
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let start = self.mark();
        let first = self.closed_pattern()?;
        if !self.at(Exact::VBar) {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(Exact::VBar) {
            patterns.push(self.closed_pattern()?);
        }
        Ok(self.pat(PatternKind::MatchOr { patterns }, start))
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let start = self.mark();
        let t = *self.peek();
        match (t.kind, t.exact) {
            (TokenKind::Name, Exact::NoneKw | Exact::True | Exact::False) => {
                self.advance();
                let value = match t.exact {
                    Exact::NoneKw => Constant::None,
                    Exact::True => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                Ok(self.pat(PatternKind::MatchSingleton { value }, start))
            }
            (TokenKind::Number, _) | (TokenKind::Op, Exact::Minus) => {
                let value = self.signed_number_or_complex()?;
                Ok(self.pat(
                    PatternKind::MatchValue {
                        value: Box::new(value),
                    },
                    start,
                ))
            }
            (TokenKind::String, _) => {
                let value = self.strings()?;
                if matches!(value.kind, ExprKind::JoinedStr { .. }) {
                    return Err(self.error_at(
                        value.loc,
                        "patterns may only match literals and attribute lookups",
                    ));
                }
                Ok(self.pat(
                    PatternKind::MatchValue {
                        value: Box::new(value),
                    },
                    start,
                ))
            }
            (TokenKind::Name, Exact::None) => {
                let name_or_attr = self.name_or_attr()?;
                if self.at(Exact::LPar) {
                    return self.class_pattern(name_or_attr, start);
                }
                match name_or_attr.kind {
                    ExprKind::Name { id, .. } => {
                        let name = if id == "_" { None } else { Some(id) };
                        Ok(self.pat(
                            PatternKind::MatchAs {
                                pattern: None,
                                name,
                            },
                            start,
                        ))
                    }
                    _ => Ok(self.pat(
                        PatternKind::MatchValue {
                            value: Box::new(name_or_attr),
                        },
                        start,
                    )),
                }
            }
            (TokenKind::Op, Exact::LPar) => {
                self.advance();
                if self.eat(Exact::RPar) {
                    return Ok(self.pat(PatternKind::MatchSequence { patterns: vec![] }, start));
                }
                let first = self.maybe_star_pattern()?;
                if self.eat(Exact::RPar) {
                    if matches!(first.kind, PatternKind::MatchStar { .. }) {
                        return Ok(self.pat(
                            PatternKind::MatchSequence {
                                patterns: vec![first],
                            },
                            start,
                        ));
                    }
                    return Ok(first);
                }
                let mut patterns = vec![first];
                while self.eat(Exact::Comma) {
                    if self.at(Exact::RPar) {
                        break;
                    }
                    patterns.push(self.maybe_star_pattern()?);
                }
                self.expect(Exact::RPar)?;
                Ok(self.pat(PatternKind::MatchSequence { patterns }, start))
            }
            (TokenKind::Op, Exact::LSqb) => {
                self.advance();
                let mut patterns = Vec::new();
                while !self.at(Exact::RSqb) {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat(Exact::Comma) {
                        break;
                    }
                }
                self.expect(Exact::RSqb)?;
                Ok(self.pat(PatternKind::MatchSequence { patterns }, start))
            }
            (TokenKind::Op, Exact::LBrace) => self.mapping_pattern(),
            _ => Err(self.invalid_syntax()),
        }
    }

    /// `-1`, `3`, `1 + 2j`, `-1.5 - 3j`.
    fn signed_number_or_complex(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let real = self.signed_number()?;
        if self.at(Exact::Plus) || self.at(Exact::Minus) {
            let number = match &real.kind {
                ExprKind::UnaryOp { operand, .. } => operand,
                _ => &real,
            };
            if matches!(
                &number.kind,
                ExprKind::Constant {
                    value: Constant::Imaginary(_),
                    ..
                }
            ) {
                return Err(self.error_at(number.loc, "real number required in complex literal"));
            }
            let op = if self.advance().exact == Exact::Plus {
                Operator::Add
            } else {
                Operator::Sub
            };
            let t = self.expect_kind(TokenKind::Number)?;
            let value = self.number(&t)?;
            if !matches!(value, Constant::Imaginary(_)) {
                return Err(self.error_at(
                    Parser::tok_loc(&t),
                    "imaginary number required in complex literal",
                ));
            }
            let imag = Expr {
                kind: ExprKind::Constant { value, kind: None },
                loc: Parser::tok_loc(&t),
            };
            return Ok(self.expr(
                ExprKind::BinOp {
                    left: Box::new(real),
                    op,
                    right: Box::new(imag),
                },
                start,
            ));
        }
        Ok(real)
    }

    fn signed_number(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let neg = self.eat(Exact::Minus);
        let t = self.expect_kind(TokenKind::Number)?;
        let value = self.number(&t)?;
        let num = Expr {
            kind: ExprKind::Constant { value, kind: None },
            loc: Parser::tok_loc(&t),
        };
        if neg {
            return Ok(self.expr(
                ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand: Box::new(num),
                },
                start,
            ));
        }
        Ok(num)
    }

    fn name_or_attr(&mut self) -> PResult<Expr> {
        let start = self.mark();
        let first = self.name_token_pat()?;
        let mut e = Expr {
            kind: ExprKind::Name {
                id: self.identifier(&first),
                ctx: Ctx::Load,
            },
            loc: Parser::tok_loc(&first),
        };
        while self.eat(Exact::Dot) {
            let n = self.name_token_pat()?;
            e = self.expr(
                ExprKind::Attribute {
                    value: Box::new(e),
                    attr: self.identifier(&n),
                    ctx: Ctx::Load,
                },
                start,
            );
        }
        Ok(e)
    }

    fn class_pattern(&mut self, cls: Expr, start: usize) -> PResult<Pattern> {
        self.advance();
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at(Exact::RPar) {
            if self.at_kind(TokenKind::Name)
                && self.peek().exact == Exact::None
                && self.peek_at(1).exact == Exact::Equal
            {
                let n = self.advance();
                self.advance();
                kwd_attrs.push(self.identifier(&n));
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    return Err(self.error_at(p.loc, "positional patterns follow keyword patterns"));
                }
                patterns.push(p);
            }
            if !self.eat(Exact::Comma) {
                break;
            }
        }
        self.expect(Exact::RPar)?;
        Ok(self.pat(
            PatternKind::MatchClass {
                cls: Box::new(cls),
                patterns,
                kwd_attrs,
                kwd_patterns,
            },
            start,
        ))
    }

    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let start = self.mark();
        self.advance();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(Exact::RBrace) {
            if self.eat(Exact::DoubleStar) {
                if self.peek().kind == TokenKind::Name && self.text(self.peek()) == "_" {
                    return Err(self.invalid_syntax());
                }
                let n = self.name_token_pat()?;
                rest = Some(self.identifier(&n));
                self.eat(Exact::Comma);
                break;
            }
            let t = *self.peek();
            let key = match (t.kind, t.exact) {
                (TokenKind::Name, Exact::NoneKw | Exact::True | Exact::False) => {
                    self.advance();
                    let value = match t.exact {
                        Exact::NoneKw => Constant::None,
                        Exact::True => Constant::Bool(true),
                        _ => Constant::Bool(false),
                    };
                    Expr {
                        kind: ExprKind::Constant { value, kind: None },
                        loc: Parser::tok_loc(&t),
                    }
                }
                (TokenKind::String, _) => self.strings()?,
                (TokenKind::Name, Exact::None) => {
                    let e = self.name_or_attr()?;
                    if matches!(e.kind, ExprKind::Name { .. }) {
                        return Err(self.invalid_syntax());
                    }
                    e
                }
                _ => self.signed_number_or_complex()?,
            };
            self.expect(Exact::Colon)?;
            keys.push(key);
            patterns.push(self.pattern()?);
            if !self.eat(Exact::Comma) {
                break;
            }
        }
        self.expect(Exact::RBrace)?;
        Ok(self.pat(
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            },
            start,
        ))
    }
}
