//! The parser: Python 3.11's grammar (Grammar/python.gram) by recursive
//! descent over the token stream, producing the [`ast`](super::ast) tree.
//!
//! CPython's parser is a PEG parser; ours follows its rules one function
//! per rule, and uses explicit backtracking (`mark` / `reset`) in the few
//! places where the grammar needs more than one token of lookahead
//! (parenthesised `with` items, the `match` soft keyword, keyword
//! arguments). Node locations come from the first and last tokens a rule
//! consumed, exactly as pegen's `EXTRA` does. Errors carry CPython's
//! messages for the common mistakes; everything else is "invalid syntax" at
//! the token where parsing stopped, as CPython reports it.

mod expr;
mod pattern;
mod stmt;
mod strings;
mod target;

use super::ast::*;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{Exact, Token, TokenKind};
use super::tokenizer::{tokenize, Mode};

/// The result of a parsing rule.
pub type PResult<T> = Result<T, SyntaxError>;

/// How deep the grammar may nest (statements in statements, lambdas in
/// lambdas, operators on operators) before the source is refused as
/// CPython refuses it, with a RecursionError "during compilation".
/// Brackets have their own, smaller limit in the tokenizer. The rules
/// run with a growing stack (`guarded`), and the compiler and symbol
/// table recurse no deeper than the tree this allows.
const MAX_DEPTH: u32 = 3000;

/// Parses decoded source text (newlines already normalised) into a module.
pub fn parse_module(src: &str) -> PResult<Module> {
    parse_module_reporting(src).parsed
}

/// What [`parse_module_reporting`] found.
pub(crate) struct ParseReport {
    pub parsed: PResult<Module>,
    /// The first error the tokenizer found in the source, if any (whether
    /// or not it is the one reported).
    pub tokenizer_error: Option<SyntaxError>,
    /// The line and column of the last token the parser looked at: as
    /// far as CPython's tokenizer would have read the source.
    pub read_upto: (usize, usize),
    /// The error the grammar rules raised, before the tokenizer's could
    /// take its place.
    pub parser_error: Option<SyntaxError>,
}

/// [`parse_module`], with how far it read and what the tokenizer found.
pub(crate) fn parse_module_reporting(src: &str) -> ParseReport {
    let mut p = match Parser::new(src, 1, 0) {
        Ok(p) => p,
        Err(e) => {
            let at = (e.lineno, e.col);
            return ParseReport {
                parsed: Err(e),
                tokenizer_error: None,
                read_upto: at,
                parser_error: None,
            };
        }
    };
    let parsed = p.file().map(|body| {
        super::warnings::order_by_place();
        Module { body }
    });
    let parser_error = parsed.as_ref().err().cloned();
    let last = p.toks[p.furthest.get().min(p.toks.len() - 1)];
    ParseReport {
        parsed: parsed.map_err(|e| tokenizer_first(&p, e)),
        tokenizer_error: p.tokenizer_error.map(|(_, t)| t),
        read_upto: (last.lineno as usize, last.col as usize),
        parser_error,
    }
}

/// The error CPython reports when the grammar rules failed with `e`: the
/// parser's, or the tokenizer's.
fn tokenizer_first(p: &Parser<'_>, e: SyntaxError) -> SyntaxError {
    match e {
        // A generic error yields to the tokenizer's error where the
        // parser stopped at it (on that line or before). Past it, like
        // `_PyPegen_tokenize_full_source_to_check_for_errors`, only to an
        // error the C tokenizer raises itself (not an indentation or tab
        // error, a stray line continuation or the end of the input, which
        // it only flags for the parser to report). An unclosed bracket
        // only wins when the error lies on a later line.
        e if e.msg.starts_with("invalid syntax") => match p.tokenizer_error.clone() {
            Some((_, t))
                if (t.lineno <= e.lineno || raised_by_tokenizer(&t))
                    && (!t.msg.ends_with("was never closed") || e.lineno > t.lineno) =>
            {
                t
            }
            _ => e,
        },
        // A grammar rule's own error goes through the same check of the
        // rest of the source (`_PyPegen_set_syntax_error` runs it for any
        // SyntaxError the parser raised while the tokenizer was fine): a
        // later error the tokenizer raises itself replaces it, and so does
        // an unclosed bracket from an earlier line.
        e if checks_the_rest(&e) => match p.tokenizer_error.clone() {
            Some((_, t))
                if (t.msg.ends_with("was never closed") && e.lineno > t.lineno)
                    || (!t.msg.ends_with("was never closed") && raised_by_tokenizer(&t)) =>
            {
                t
            }
            _ => e,
        },
        e => e,
    }
}

/// Whether CPython tokenizes the rest of the source for an earlier error
/// after the parser failed with `err` (see [`parse_module`]): a grammar
/// rule's error, not the tokenizer's, nor one of the errors
/// `_PyPegen_set_syntax_error` makes when no rule raised (an unexpected
/// indent or end of input), nor a nesting too deep to parse. (A stray
/// ASCII character is an operator token to CPython's tokenizer, which
/// the parser rejects: its generic error is the parser's.)
pub(crate) fn checks_the_rest(err: &SyntaxError) -> bool {
    (!err.from_tokenizer || err.msg.starts_with("invalid syntax"))
        && err.kind != SyntaxErrorKind::Recursion
        && !matches!(
            err.msg.as_str(),
            "unexpected indent" | "unexpected unindent" | "unexpected EOF while parsing"
        )
        && !err.msg.ends_with("was never closed")
}

/// Whether CPython's tokenizer raises `err` itself (`syntaxerror()` in
/// tokenizer.c), rather than flagging it for the parser to report.
fn raised_by_tokenizer(err: &SyntaxError) -> bool {
    err.kind == SyntaxErrorKind::Syntax
        && err.msg != "unexpected character after line continuation character"
        && err.msg != "unexpected EOF while parsing"
        // (A stray ASCII character, `$`, is an OP token there that the
        // parser rejects.)
        && !err.msg.starts_with("invalid syntax")
}

/// Parses the source of `eval()` (CPython's `eval_input`: expressions,
/// then only newlines to the end).
pub fn parse_eval(src: &str) -> PResult<Expr> {
    let mut p = Parser::new(src, 1, 0)?;
    let e = p.star_expressions()?;
    while p.peek().kind == TokenKind::Newline || p.peek().kind == TokenKind::Nl {
        p.pos += 1;
    }
    if p.peek().kind != TokenKind::EndMarker {
        return Err(p.invalid_syntax());
    }
    super::warnings::order_by_place();
    Ok(e)
}

/// Recursive-descent parser state over one token stream.
pub(crate) struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    pos: usize,
    /// Index of the token where the C tokenizer would have failed, and its
    /// error; tokens from there on are replaced by one ERRORTOKEN.
    tokenizer_error: Option<(usize, SyntaxError)>,
    depth: u32,
    /// Bracket nesting depth after each token.
    levels: Vec<u16>,
    /// Parsing a call's positional argument, where `x=…` errors are the
    /// keyword-argument rule's to report.
    in_call_arguments: bool,
    /// The furthest token looked at (`ParseReport::read_upto`).
    furthest: std::cell::Cell<usize>,
}

impl<'s> Parser<'s> {
    /// Tokenizes `src` for parsing. `first_line` / `first_col` shift the
    /// positions of tokens (the first line only, for columns), as CPython
    /// does for the expressions inside f-strings.
    fn new(src: &'s str, first_line: u32, first_col: u32) -> PResult<Self> {
        let tokens = tokenize(src, Mode::Parse);
        let strict_at = tokens.strict_error.as_ref().map(|(i, _)| *i);
        let mut toks = Vec::with_capacity(tokens.tokens.len());
        let mut tokenizer_error = None;
        for (i, mut t) in tokens.tokens.into_iter().enumerate() {
            if Some(i) == strict_at {
                break;
            }
            if matches!(t.kind, TokenKind::Comment | TokenKind::Nl) {
                continue;
            }
            if first_line != 1 || first_col != 0 {
                if t.lineno == 1 {
                    t.col += first_col;
                }
                if t.end_lineno == 1 {
                    t.end_col += first_col;
                }
                t.lineno += first_line - 1;
                t.end_lineno += first_line - 1;
            }
            toks.push(t);
        }
        let end = src.len() as u32;
        let (line, col) = toks
            .last()
            .map_or((first_line, first_col), |t| (t.end_lineno, t.end_col));
        if let Some((_, mut err)) = tokens.strict_error {
            if first_line != 1 || first_col != 0 {
                if err.lineno == 1 {
                    err.col += first_col as usize;
                    err.end_col += first_col as usize;
                }
                err.lineno += first_line as usize - 1;
                err.end_lineno += first_line as usize - 1;
            }
            tokenizer_error = Some((toks.len(), err));
        }
        if tokenizer_error.is_some() || toks.last().is_none_or(|t| t.kind != TokenKind::EndMarker) {
            let kind = if tokenizer_error.is_some() {
                TokenKind::ErrorToken
            } else {
                TokenKind::EndMarker
            };
            toks.push(Token {
                kind,
                exact: Exact::None,
                start: end,
                end,
                lineno: line,
                col,
                end_lineno: line,
                end_col: col,
            });
        }
        let mut depth: u16 = 0;
        let levels = toks
            .iter()
            .map(|t| {
                match t.exact {
                    Exact::LPar | Exact::LSqb | Exact::LBrace => depth = depth.saturating_add(1),
                    Exact::RPar | Exact::RSqb | Exact::RBrace => depth = depth.saturating_sub(1),
                    _ => {}
                }
                depth
            })
            .collect();
        Ok(Parser {
            levels,
            src,
            toks,
            pos: 0,
            tokenizer_error,
            depth: 0,
            in_call_arguments: false,
            furthest: std::cell::Cell::new(0),
        })
    }

    // ---- token access -------------------------------------------------

    fn peek(&self) -> &Token {
        self.furthest.set(self.furthest.get().max(self.pos));
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek_at(&self, n: usize) -> &Token {
        self.furthest.set(self.furthest.get().max(self.pos + n));
        &self.toks[(self.pos + n).min(self.toks.len() - 1)]
    }

    fn at(&self, e: Exact) -> bool {
        self.peek().exact == e
    }

    fn at_kind(&self, k: TokenKind) -> bool {
        self.peek().kind == k
    }

    fn advance(&mut self) -> Token {
        let t = *self.peek();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn eat(&mut self, e: Exact) -> bool {
        if self.at(e) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn text(&self, t: &Token) -> &'s str {
        &self.src[t.start as usize..t.end as usize]
    }

    /// True if the current token is the soft keyword or name `word`.
    fn at_name(&self, word: &str) -> bool {
        let t = self.peek();
        t.kind == TokenKind::Name && t.exact == Exact::None && self.text(t) == word
    }

    /// Consumes token `e`. A missing `:` right before the end of the line
    /// is "expected ':'" (the grammar's `invalid_*_stmt` rules); anything
    /// else is "invalid syntax".
    fn expect(&mut self, e: Exact) -> PResult<Token> {
        if self.at(e) {
            return Ok(self.advance());
        }
        let t = *self.peek();
        if e == Exact::Colon && t.kind == TokenKind::Newline {
            return Err(SyntaxError::new(
                "expected ':'",
                t.lineno as usize,
                t.col as usize,
            ));
        }
        Err(self.invalid_syntax())
    }

    /// A forced token (`&&':'` in the grammar): "expected 'X'" at the
    /// token found instead.
    fn expect_forced(&mut self, e: Exact) -> PResult<Token> {
        if self.at(e) {
            return Ok(self.advance());
        }
        if let Some(err) = self.tokenizer_failure() {
            return Err(err);
        }
        let t = *self.peek();
        Err(self.error_at(Parser::tok_loc(&t), format!("expected '{}'", e.text())))
    }

    fn expect_kind(&mut self, k: TokenKind) -> PResult<Token> {
        if self.at_kind(k) {
            Ok(self.advance())
        } else {
            Err(self.invalid_syntax())
        }
    }

    fn mark(&self) -> usize {
        self.pos
    }

    fn reset(&mut self, mark: usize) {
        self.pos = mark;
    }

    // ---- locations ----------------------------------------------------

    fn start_loc(&self, idx: usize) -> (u32, u32) {
        let t = &self.toks[idx.min(self.toks.len() - 1)];
        (t.lineno, t.col)
    }

    /// The location from token `start` to the last token consumed, skipping
    /// NEWLINE / INDENT / DEDENT as pegen does.
    fn loc_from(&self, start: usize) -> Loc {
        let (lineno, col) = self.start_loc(start);
        let mut i = self.pos;
        while i > start + 1
            && matches!(
                self.toks[i - 1].kind,
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
            )
        {
            i -= 1;
        }
        let last = &self.toks[i.saturating_sub(1).max(start).min(self.toks.len() - 1)];
        Loc {
            lineno,
            col,
            end_lineno: last.end_lineno,
            end_col: last.end_col,
        }
    }

    fn tok_loc(t: &Token) -> Loc {
        Loc {
            lineno: t.lineno,
            col: t.col,
            end_lineno: t.end_lineno,
            end_col: t.end_col,
        }
    }

    // ---- errors -------------------------------------------------------

    /// "invalid syntax" at the current token, or the tokenizer's own error
    /// if parsing stopped where the tokenizer did.
    fn invalid_syntax(&self) -> SyntaxError {
        let t = *self.peek();
        if let Some(err) = self.tokenizer_failure() {
            return err;
        }
        match t.kind {
            TokenKind::Indent => {
                let mut e =
                    SyntaxError::new("unexpected indent", t.lineno as usize, t.end_col as usize)
                        .with_kind(SyntaxErrorKind::Indentation);
                e.caret = false;
                return e;
            }
            TokenKind::Dedent => {
                return SyntaxError::new(
                    "unindent does not match any outer indentation level",
                    t.lineno as usize,
                    t.col as usize,
                )
                .with_kind(SyntaxErrorKind::Indentation)
            }
            TokenKind::EndMarker => {
                return SyntaxError::new("invalid syntax", t.lineno as usize, t.col as usize);
            }
            _ => {}
        }
        SyntaxError::spanning(
            "invalid syntax",
            (t.lineno as usize, t.col as usize),
            (t.end_lineno as usize, t.end_col as usize),
        )
    }

    fn tokenizer_failure(&self) -> Option<SyntaxError> {
        match &self.tokenizer_error {
            Some((_, err)) if self.peek().kind == TokenKind::ErrorToken => Some(err.clone()),
            _ => None,
        }
    }

    fn error_at(&self, loc: Loc, msg: impl Into<String>) -> SyntaxError {
        if let Some(err) = self.tokenizer_failure() {
            return err;
        }
        SyntaxError::spanning(
            msg,
            (loc.lineno as usize, loc.col as usize),
            (loc.end_lineno as usize, loc.end_col as usize),
        )
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = self.peek();
            return Err(SyntaxError::new(
                "maximum recursion depth exceeded during compilation",
                t.lineno as usize,
                t.col as usize,
            )
            .with_kind(SyntaxErrorKind::Recursion));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }
}
