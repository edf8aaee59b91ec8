//! Statements: simple statements, compound statements and their blocks,
//! parameter lists and imports.

use super::expr::starts_expression;
use super::*;

fn augassign_op(e: Exact) -> Option<Operator> {
    Some(match e {
        Exact::PlusEqual => Operator::Add,
        Exact::MinusEqual => Operator::Sub,
        Exact::StarEqual => Operator::Mult,
        Exact::AtEqual => Operator::MatMult,
        Exact::SlashEqual => Operator::Div,
        Exact::PercentEqual => Operator::Mod,
        Exact::AmperEqual => Operator::BitAnd,
        Exact::VBarEqual => Operator::BitOr,
        Exact::CircumflexEqual => Operator::BitXor,
        Exact::LeftShiftEqual => Operator::LShift,
        Exact::RightShiftEqual => Operator::RShift,
        Exact::DoubleStarEqual => Operator::Pow,
        Exact::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'s> Parser<'s> {
    pub(super) fn stmt(&self, kind: StmtKind, start: usize) -> Stmt {
        Stmt {
            kind,
            loc: self.loc_from(start),
        }
    }

    /// file: statements ENDMARKER.
    pub(super) fn file(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        while !self.at_kind(TokenKind::EndMarker) {
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let t = *self.peek();
        match t.exact {
            Exact::Def
            | Exact::If
            | Exact::Class
            | Exact::With
            | Exact::For
            | Exact::Try
            | Exact::While
            | Exact::At => out.push(self.compound_stmt()?),
            Exact::Async
                if matches!(self.peek_at(1).exact, Exact::Def | Exact::With | Exact::For) =>
            {
                out.push(self.compound_stmt()?)
            }
            Exact::Async => {
                self.advance();
                return Err(self.invalid_syntax());
            }
            _ => {
                if t.kind == TokenKind::Name && t.exact == Exact::None && self.text(&t) == "match" {
                    if let Some(s) = self.match_stmt()? {
                        out.push(s);
                        return Ok(());
                    }
                }
                self.simple_stmts(out)?
            }
        }
        Ok(())
    }

    pub(super) fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.simple_stmt()?);
            if self.eat(Exact::Semi) {
                if self.at_kind(TokenKind::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        if !self.at_kind(TokenKind::Newline) {
            return Err(self.invalid_syntax());
        }
        self.advance();
        Ok(())
    }

    pub(super) fn simple_stmt(&mut self) -> PResult<Stmt> {
        let start = self.mark();
        let t = *self.peek();
        let kind = match t.exact {
            Exact::Pass => {
                self.advance();
                StmtKind::Pass
            }
            Exact::Break => {
                self.advance();
                StmtKind::Break
            }
            Exact::Continue => {
                self.advance();
                StmtKind::Continue
            }
            Exact::Return => {
                self.advance();
                let value = if self.at_simple_stmt_end() {
                    None
                } else {
                    Some(Box::new(self.star_expressions()?))
                };
                StmtKind::Return { value }
            }
            Exact::Raise => {
                self.advance();
                if self.at_simple_stmt_end() {
                    StmtKind::Raise {
                        exc: None,
                        cause: None,
                    }
                } else {
                    let exc = Some(Box::new(self.expression()?));
                    let cause = if self.eat(Exact::From) {
                        Some(Box::new(self.expression()?))
                    } else {
                        None
                    };
                    StmtKind::Raise { exc, cause }
                }
            }
            Exact::Global | Exact::Nonlocal => {
                self.advance();
                let mut names = Vec::new();
                loop {
                    let n = self.name_token()?;
                    names.push(self.identifier(&n));
                    if !self.eat(Exact::Comma) {
                        break;
                    }
                }
                if t.exact == Exact::Global {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            Exact::Del => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let e = self.bitwise_or_target()?;
                    targets.push(self.make_target(e, Ctx::Del)?);
                    if !self.eat(Exact::Comma) || self.at_simple_stmt_end() {
                        break;
                    }
                }
                if !self.at_simple_stmt_end() {
                    return Err(self.invalid_syntax());
                }
                StmtKind::Delete { targets }
            }
            Exact::Assert => {
                self.advance();
                let test = Box::new(self.expression()?);
                let msg = if self.eat(Exact::Comma) {
                    Some(Box::new(self.expression()?))
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Exact::Import => self.import_name()?,
            Exact::From => self.import_from()?,
            _ => return self.expression_stmt(),
        };
        Ok(self.stmt(kind, start))
    }

    /// A `del` target: a primary, or a parenthesised / bracketed list.
    pub(super) fn bitwise_or_target(&mut self) -> PResult<Expr> {
        self.bitwise_or()
    }

    pub(super) fn at_simple_stmt_end(&self) -> bool {
        matches!(self.peek().kind, TokenKind::Newline | TokenKind::EndMarker)
            || self.at(Exact::Semi)
    }

    pub(super) fn name_token(&mut self) -> PResult<Token> {
        if self.at_kind(TokenKind::Name) && self.peek().exact == Exact::None {
            Ok(self.advance())
        } else {
            Err(self.invalid_syntax())
        }
    }

    /// Expression statements and every form of assignment.
    pub(super) fn expression_stmt(&mut self) -> PResult<Stmt> {
        let start = self.mark();
        let first = if self.at(Exact::Yield) {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        if self.at(Exact::Colon) {
            return self.ann_assign(first, start);
        }
        if let Some(op) = augassign_op(self.peek().exact) {
            if !matches!(
                first.kind,
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                return Err(self.error_at(
                    first.loc,
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        super::target::expr_name(&first)
                    ),
                ));
            }
            self.advance();
            let target = self.make_target(first, Ctx::Store)?;
            let value = if self.at(Exact::Yield) {
                self.yield_expr()?
            } else {
                self.star_expressions()?
            };
            return Ok(self.stmt(
                StmtKind::AugAssign {
                    target: Box::new(target),
                    op,
                    value: Box::new(value),
                },
                start,
            ));
        }
        if self.at(Exact::Equal) {
            let mut targets = Vec::new();
            let mut e = first;
            while self.at(Exact::Equal) {
                let parenthesized = self.toks[self.expr_start_index(&e)].exact == Exact::LPar;
                if super::target::invalid_target(&e, Ctx::Store).is_some() {
                    if let Some(err) = self.maybe_meant_equality(&e, parenthesized) {
                        return Err(err);
                    }
                }
                if matches!(e.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
                    return Err(self.error_at(e.loc, "assignment to yield expression not possible"));
                }
                targets.push(self.make_target(e, Ctx::Store)?);
                self.advance();
                e = if self.at(Exact::Yield) {
                    self.yield_expr()?
                } else {
                    self.star_expressions()?
                };
            }
            return Ok(self.stmt(
                StmtKind::Assign {
                    targets,
                    value: Box::new(e),
                    type_comment: None,
                },
                start,
            ));
        }
        // `print x`: CPython's hint for Python 2 code.
        if let ExprKind::Name { id, .. } = &first.kind {
            if (id == "print" || id == "exec")
                && starts_expression(self.peek())
                && !self.at(Exact::Star)
            {
                // Only when what follows is an expression (the grammar's
                // invalid_legacy_expression); else plain invalid syntax.
                let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
                let m = self.mark();
                match self.star_expressions() {
                    Ok(rest) => return Err(self.error_at(first.loc.to(rest.loc), msg)),
                    Err(_) => self.reset(m),
                }
            }
        }
        Ok(self.stmt(
            StmtKind::Expr {
                value: Box::new(first),
            },
            start,
        ))
    }

    pub(super) fn ann_assign(&mut self, target: Expr, start: usize) -> PResult<Stmt> {
        let parenthesized = self.toks[start].exact == Exact::LPar;
        let simple = matches!(target.kind, ExprKind::Name { .. }) && !parenthesized;
        match &target.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple { .. } => {
                // A bare `x, y: int` points at its first element (the
                // grammar's star_named_expression), a parenthesized
                // tuple at itself.
                let at = if parenthesized {
                    target.loc
                } else {
                    first_elt_loc(&target)
                };
                return Err(self.error_at(at, "only single target (not tuple) can be annotated"));
            }
            ExprKind::List { .. } => {
                return Err(
                    self.error_at(target.loc, "only single target (not list) can be annotated")
                )
            }
            _ => return Err(self.error_at(target.loc, "illegal target for annotation")),
        }
        self.advance();
        let target = self.make_target(target, Ctx::Store)?;
        let annotation = self.expression()?;
        let value = if self.eat(Exact::Equal) {
            Some(Box::new(if self.at(Exact::Yield) {
                self.yield_expr()?
            } else {
                self.star_expressions()?
            }))
        } else {
            None
        };
        Ok(self.stmt(
            StmtKind::AnnAssign {
                target: Box::new(target),
                annotation: Box::new(annotation),
                value,
                simple,
            },
            start,
        ))
    }

    /// `import a.b as c, d`.
    pub(super) fn import_name(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut names = Vec::new();
        loop {
            names.push(self.dotted_alias()?);
            if !self.eat(Exact::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import { names })
    }

    pub(super) fn dotted_name(&mut self) -> PResult<String> {
        let first = self.name_token()?;
        let mut name = self.identifier(&first);
        while self.at(Exact::Dot) {
            self.advance();
            let part = self.name_token()?;
            name.push('.');
            name.push_str(&self.identifier(&part));
        }
        Ok(name)
    }

    pub(super) fn dotted_alias(&mut self) -> PResult<Alias> {
        let start = self.mark();
        let name = self.dotted_name()?;
        let asname = if self.eat(Exact::As) {
            let n = self.name_token()?;
            Some(self.identifier(&n))
        } else {
            None
        };
        Ok(Alias {
            name,
            asname,
            loc: self.loc_from(start),
        })
    }

    /// `from .mod import a as b, c` and `from x import *`.
    pub(super) fn import_from(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut level = 0;
        loop {
            match self.peek().exact {
                Exact::Dot => level += 1,
                Exact::Ellipsis => level += 3,
                _ => break,
            }
            self.advance();
        }
        let module = if self.at(Exact::Import) {
            None
        } else {
            Some(self.dotted_name()?)
        };
        if level == 0 && module.is_none() {
            return Err(self.invalid_syntax());
        }
        self.expect(Exact::Import)?;
        let mut names = Vec::new();
        if self.at(Exact::Star) {
            let t = self.advance();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                loc: Parser::tok_loc(&t),
            });
            return Ok(StmtKind::ImportFrom {
                module,
                names,
                level,
            });
        }
        let paren = self.eat(Exact::LPar);
        loop {
            let start = self.mark();
            let n = self.name_token()?;
            let name = self.identifier(&n);
            let asname = if self.eat(Exact::As) {
                let a = self.name_token()?;
                Some(self.identifier(&a))
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                loc: self.loc_from(start),
            });
            if !self.eat(Exact::Comma) {
                break;
            }
            if paren && self.at(Exact::RPar) {
                break;
            }
            if !paren && self.at_simple_stmt_end() {
                return Err(self.error_at(
                    Parser::tok_loc(self.peek()).first_char(),
                    "trailing comma not allowed without surrounding parentheses",
                ));
            }
        }
        if paren {
            self.expect(Exact::RPar)?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    // ---- compound statements ------------------------------------------

    pub(super) fn compound_stmt(&mut self) -> PResult<Stmt> {
        self.guarded(|p| p.compound_stmt_inner())
    }

    pub(super) fn compound_stmt_inner(&mut self) -> PResult<Stmt> {
        match self.peek().exact {
            Exact::At => {
                let mut decorators = Vec::new();
                while self.eat(Exact::At) {
                    decorators.push(self.named_expression()?);
                    self.expect_kind(TokenKind::Newline)?;
                }
                match self.peek().exact {
                    Exact::Def | Exact::Async => self.function_def(decorators),
                    Exact::Class => self.class_def(decorators),
                    _ => Err(self.invalid_syntax()),
                }
            }
            Exact::Def => self.function_def(vec![]),
            Exact::Class => self.class_def(vec![]),
            Exact::If => self.if_stmt(),
            Exact::While => self.while_stmt(),
            Exact::For => self.for_stmt(),
            Exact::With => self.with_stmt(),
            Exact::Try => self.try_stmt(),
            Exact::Async => match self.peek_at(1).exact {
                Exact::Def => self.function_def(vec![]),
                Exact::For => self.for_stmt(),
                _ => self.with_stmt(),
            },
            _ => Err(self.invalid_syntax()),
        }
    }

    /// block: `NEWLINE INDENT statements DEDENT | simple_stmts`.
    pub(super) fn block(&mut self, what: &str, header: &Token) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.at_kind(TokenKind::Newline) {
            self.advance();
            if !self.at_kind(TokenKind::Indent) {
                if let Some(err) = self.tokenizer_failure() {
                    return Err(err);
                }
                let t = *self.peek();
                let mut err = SyntaxError::new(
                    format!(
                        "expected an indented block after {what} on line {}",
                        header.lineno
                    ),
                    t.lineno as usize,
                    t.col as usize,
                )
                .with_kind(SyntaxErrorKind::Indentation);
                if t.kind == TokenKind::EndMarker {
                    // The C tokenizer reports end of file on the last line.
                    let ends_with_newline = self.src.is_empty() || self.src.ends_with('\n');
                    err.lineno = t.lineno as usize - usize::from(ends_with_newline);
                    err.end_lineno = err.lineno;
                    err.caret = false;
                }
                return Err(err);
            }
            self.advance();
            while !self.at_kind(TokenKind::Dedent) && !self.at_kind(TokenKind::EndMarker) {
                if self.at_kind(TokenKind::ErrorToken) {
                    return Err(self.invalid_syntax());
                }
                self.statement(&mut body)?;
            }
            self.expect_kind(TokenKind::Dedent)?;
        } else {
            self.simple_stmts(&mut body)?;
        }
        Ok(body)
    }

    pub(super) fn function_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.mark();
        let is_async = self.eat(Exact::Async);
        let def = self.expect(Exact::Def)?;
        let name_tok = self.name_token()?;
        let name = self.identifier(&name_tok);
        self.expect_forced(Exact::LPar)?;
        let args = if self.at(Exact::RPar) {
            Arguments::default()
        } else {
            self.parameters(true, Exact::RPar)?
        };
        self.expect(Exact::RPar)?;
        let returns = if self.eat(Exact::RArrow) {
            Some(self.expression()?)
        } else {
            None
        };
        self.expect_forced(Exact::Colon)?;
        let body = self.block("function definition", &def)?;
        let f = Box::new(FunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            type_comment: None,
        });
        Ok(self.stmt(
            if is_async {
                StmtKind::AsyncFunctionDef(f)
            } else {
                StmtKind::FunctionDef(f)
            },
            start,
        ))
    }

    pub(super) fn class_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.mark();
        let class = self.advance();
        let name_tok = self.name_token()?;
        let name = self.identifier(&name_tok);
        let lpar = self.mark();
        let (bases, keywords) = if self.at(Exact::LPar) {
            self.call_arguments()?
        } else {
            (vec![], vec![])
        };
        // A call may take a bare generator expression; a class's bases
        // may not (CPython's `arguments`): invalid syntax at its `for`.
        if let [base] = &bases[..] {
            if keywords.is_empty()
                && matches!(base.kind, ExprKind::GeneratorExp { .. })
                && (base.loc.lineno, base.loc.col) == self.start_loc(lpar)
            {
                let level = self.levels.get(lpar).copied();
                let at = (lpar + 1..self.mark()).find(|&i| {
                    matches!(self.toks[i].exact, Exact::For | Exact::Async)
                        && self.levels.get(i).copied() == level
                });
                if let Some(at) = at {
                    let end = self.mark();
                    self.reset(at);
                    let e = self.invalid_syntax();
                    self.reset(end);
                    return Err(e);
                }
            }
        }
        self.expect(Exact::Colon)?;
        let body = self.block("class definition", &class)?;
        Ok(self.stmt(
            StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            })),
            start,
        ))
    }

    pub(super) fn if_stmt(&mut self) -> PResult<Stmt> {
        let start = self.mark();
        let kw = self.advance();
        let test = self.named_expression()?;
        self.expect(Exact::Colon)?;
        let what = if kw.exact == Exact::If {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let body = self.block(what, &kw)?;
        let orelse = if self.at(Exact::Elif) {
            vec![self.guarded(|p| p.if_stmt())?]
        } else {
            self.else_block()?
        };
        Ok(self.stmt(
            StmtKind::If {
                test: Box::new(test),
                body,
                orelse,
            },
            start,
        ))
    }

    pub(super) fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.at(Exact::Else) {
            let kw = self.advance();
            self.expect_forced(Exact::Colon)?;
            return self.block("'else' statement", &kw);
        }
        Ok(vec![])
    }

    pub(super) fn while_stmt(&mut self) -> PResult<Stmt> {
        let start = self.mark();
        let kw = self.advance();
        let test = self.named_expression()?;
        self.expect(Exact::Colon)?;
        let body = self.block("'while' statement", &kw)?;
        let orelse = self.else_block()?;
        Ok(self.stmt(
            StmtKind::While {
                test: Box::new(test),
                body,
                orelse,
            },
            start,
        ))
    }

    pub(super) fn for_stmt(&mut self) -> PResult<Stmt> {
        let start = self.mark();
        let is_async = self.eat(Exact::Async);
        let kw = self.expect(Exact::For)?;
        let target = self.star_targets()?;
        self.expect(Exact::In)?;
        let iter = self.star_expressions()?;
        self.expect(Exact::Colon)?;
        let body = self.block("'for' statement", &kw)?;
        let orelse = self.else_block()?;
        let f = Box::new(For {
            target,
            iter,
            body,
            orelse,
            type_comment: None,
        });
        Ok(self.stmt(
            if is_async {
                StmtKind::AsyncFor(f)
            } else {
                StmtKind::For(f)
            },
            start,
        ))
    }

    pub(super) fn with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat(Exact::As) {
            let t = self.star_target_single()?;
            Some(Box::new(t))
        } else {
            None
        };
        Ok(WithItem {
            context_expr,
            optional_vars,
        })
    }

    pub(super) fn star_target_single(&mut self) -> PResult<Expr> {
        let e = self.star_target()?;
        self.make_target(e, Ctx::Store)
    }

    pub(super) fn with_stmt(&mut self) -> PResult<Stmt> {
        let start = self.mark();
        let is_async = self.eat(Exact::Async);
        let kw = self.expect(Exact::With)?;
        let mut items = Vec::new();
        // `with ( item, … ):` — tried first, as the grammar does.
        let m = self.mark();
        let mut parenthesized = false;
        if self.at(Exact::LPar) {
            self.advance();
            let attempt: PResult<Vec<WithItem>> = (|| {
                let mut v = Vec::new();
                loop {
                    v.push(self.with_item()?);
                    if !self.eat(Exact::Comma) || self.at(Exact::RPar) {
                        break;
                    }
                }
                self.expect(Exact::RPar)?;
                if !self.at(Exact::Colon) {
                    return Err(self.invalid_syntax());
                }
                Ok(v)
            })();
            match attempt {
                Ok(v) => {
                    items = v;
                    parenthesized = true;
                }
                Err(_) => self.reset(m),
            }
        }
        if !parenthesized {
            loop {
                items.push(self.with_item()?);
                if !self.eat(Exact::Comma) {
                    break;
                }
            }
        }
        self.expect(Exact::Colon)?;
        let body = self.block("'with' statement", &kw)?;
        let w = Box::new(With {
            items,
            body,
            type_comment: None,
        });
        Ok(self.stmt(
            if is_async {
                StmtKind::AsyncWith(w)
            } else {
                StmtKind::With(w)
            },
            start,
        ))
    }

    pub(super) fn try_stmt(&mut self) -> PResult<Stmt> {
        let start = self.mark();
        let kw = self.advance();
        self.expect_forced(Exact::Colon)?;
        let body = self.block("'try' statement", &kw)?;
        let mut handlers = Vec::new();
        let mut star = None;
        while self.at(Exact::Except) {
            let hstart = self.mark();
            let ekw = self.advance();
            let is_star = self.eat(Exact::Star);
            if let Some(prev) = star {
                if prev != is_star {
                    return Err(self.error_at(
                        Parser::tok_loc(&ekw),
                        "cannot have both 'except' and 'except*' on the same 'try'",
                    ));
                }
            }
            star = Some(is_star);
            let (type_, name) = if self.at(Exact::Colon) {
                if is_star {
                    return Err(self.error_at(
                        Parser::tok_loc(self.peek()),
                        "expected one or more exception types",
                    ));
                }
                (None, None)
            } else {
                let tstart = self.mark();
                let mut t = self.expression()?;
                if self.at(Exact::Comma) {
                    let mut elts = vec![t];
                    while self.eat(Exact::Comma) {
                        if self.at(Exact::Colon) || self.at(Exact::As) {
                            break;
                        }
                        elts.push(self.expression()?);
                    }
                    t = self.expr(
                        ExprKind::Tuple {
                            elts,
                            ctx: Ctx::Load,
                        },
                        tstart,
                    );
                    return Err(
                        self.error_at(t.loc, "multiple exception types must be parenthesized")
                    );
                }
                let name = if self.eat(Exact::As) {
                    let n = self.name_token()?;
                    Some(self.identifier(&n))
                } else {
                    None
                };
                (Some(t), name)
            };
            self.expect(Exact::Colon)?;
            let what = if is_star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let hbody = self.block(what, &ekw)?;
            handlers.push(ExceptHandler {
                type_,
                name,
                body: hbody,
                loc: self.loc_from(hstart),
            });
        }
        let orelse = if handlers.is_empty() {
            vec![]
        } else {
            self.else_block()?
        };
        let finalbody = if self.at(Exact::Finally) {
            let fkw = self.advance();
            self.expect_forced(Exact::Colon)?;
            self.block("'finally' statement", &fkw)?
        } else {
            vec![]
        };
        if handlers.is_empty() && finalbody.is_empty() {
            let t = self.peek();
            return Err(SyntaxError::new(
                "expected 'except' or 'finally' block",
                t.lineno as usize,
                t.col as usize,
            ));
        }
        let tr = Box::new(Try {
            body,
            handlers,
            orelse,
            finalbody,
        });
        Ok(self.stmt(
            if star == Some(true) {
                StmtKind::TryStar(tr)
            } else {
                StmtKind::Try(tr)
            },
            start,
        ))
    }

    // ---- parameters ---------------------------------------------------

    /// Parameters of `def` (annotations allowed) or `lambda`, up to `close`.
    pub(super) fn parameters(&mut self, annotations: bool, close: Exact) -> PResult<Arguments> {
        let mut a = Arguments::default();
        let mut seen_default = false;
        let mut seen_star = false;
        let mut positional: Vec<Arg> = Vec::new();
        let mut posonly_done = false;
        loop {
            if self.at(close) {
                break;
            }
            let t = *self.peek();
            if self.eat(Exact::Slash) {
                if positional.is_empty() && !seen_star && !posonly_done && !self.at(Exact::Comma) {
                    self.reset(self.pos - 1);
                    return Err(self.invalid_syntax());
                }
                if posonly_done || seen_star || positional.is_empty() {
                    return Err(self.error_at(
                        Parser::tok_loc(&t),
                        if seen_star {
                            "/ must be ahead of *"
                        } else if posonly_done {
                            "/ may appear only once"
                        } else {
                            "at least one argument must precede /"
                        },
                    ));
                }
                a.posonlyargs = std::mem::take(&mut positional);
                posonly_done = true;
            } else if self.eat(Exact::DoubleStar) {
                let arg = self.param(annotations, false)?;
                if self.at(Exact::Equal) {
                    return Err(self.error_at(
                        Parser::tok_loc(self.peek()),
                        "var-keyword argument cannot have default value",
                    ));
                }
                a.kwarg = Some(arg);
                self.eat(Exact::Comma);
                if !self.at(close) {
                    return Err(self.error_at(
                        Parser::tok_loc(self.peek()),
                        "arguments cannot follow var-keyword argument",
                    ));
                }
                break;
            } else if self.eat(Exact::Star) {
                if seen_star {
                    return Err(
                        self.error_at(Parser::tok_loc(&t), "* argument may appear only once")
                    );
                }
                seen_star = true;
                if self.at(Exact::Comma) {
                    if matches!(self.peek_at(1).exact, e if e == close)
                        || self.peek_at(1).exact == Exact::DoubleStar
                    {
                        return Err(self
                            .error_at(Parser::tok_loc(&t), "named arguments must follow bare *"));
                    }
                } else if self.at(close) {
                    return Err(
                        self.error_at(Parser::tok_loc(&t), "named arguments must follow bare *")
                    );
                } else {
                    let arg = self.param(annotations, true)?;
                    if self.at(Exact::Equal) {
                        return Err(self.error_at(
                            Parser::tok_loc(self.peek()),
                            "var-positional argument cannot have default value",
                        ));
                    }
                    a.vararg = Some(arg);
                }
            } else {
                let arg = self.param(annotations, false)?;
                let default = if self.eat(Exact::Equal) {
                    Some(self.expression()?)
                } else {
                    None
                };
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            return Err(self.error_at(
                                arg.loc,
                                "non-default argument follows default argument",
                            ))
                        }
                        None => {}
                    }
                    positional.push(arg);
                }
            }
            if !self.eat(Exact::Comma) {
                break;
            }
        }
        a.args = positional;
        Ok(a)
    }

    pub(super) fn param(&mut self, annotations: bool, star: bool) -> PResult<Arg> {
        let start = self.mark();
        let name = self.name_token()?;
        let annotation = if annotations && self.eat(Exact::Colon) {
            Some(Box::new(if star && self.at(Exact::Star) {
                self.star_expression()?
            } else {
                self.expression()?
            }))
        } else {
            None
        };
        Ok(Arg {
            arg: self.identifier(&name),
            annotation,
            type_comment: None,
            loc: self.loc_from(start),
        })
    }
}

/// The location of a tuple's first element (where CPython points for an
/// annotated tuple target).
fn first_elt_loc(e: &Expr) -> Loc {
    match &e.kind {
        ExprKind::Tuple { elts, .. } => elts.first().map_or(e.loc, |x| x.loc),
        _ => e.loc,
    }
}
