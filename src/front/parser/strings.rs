//! Literals: numbers, strings, bytes and f-strings.
//!
//! Adjacent string tokens concatenate into one `Constant` or `JoinedStr`.
//! f-strings follow CPython 3.11's `Parser/string_parser.c`: the literal
//! parts are decoded, each `{expression}` is cut out of the token text,
//! wrapped in parentheses and parsed by a sub-parser whose token positions
//! are shifted to where the expression sits in the file. The location
//! quirks of 3.11 (FormattedValue and the literal parts spanning the whole
//! string group, a format spec spanning its own token) are kept, because
//! `ast.dump` shows them.

use super::*;
use crate::wtf8::Wtf8Buf;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// The parsed prefix of one string token.
#[derive(Clone, Copy)]
struct Prefix {
    raw: bool,
    bytes: bool,
    fstring: bool,
}

/// Accumulates the parts of a (possibly implicitly concatenated) string.
struct StringBuilder {
    last_str: Option<Wtf8Buf>,
    values: Vec<Expr>,
    fmode: bool,
}

impl StringBuilder {
    fn new() -> Self {
        StringBuilder {
            last_str: None,
            values: Vec::new(),
            fmode: false,
        }
    }

    fn push_literal(&mut self, s: Wtf8Buf) {
        if s.is_empty() {
            return;
        }
        match &mut self.last_str {
            Some(l) => l.push_wtf8(&s),
            None => self.last_str = Some(s),
        }
    }

    fn flush(&mut self, loc: Loc, kind: &Option<String>) {
        if let Some(s) = self.last_str.take() {
            self.values.push(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(s),
                    kind: kind.clone(),
                },
                loc,
            });
        }
    }
}

/// Position of one token, for f-string locations.
struct TokCtx<'t> {
    /// The token's full text, prefix and quotes included.
    text: &'t str,
    tok: Token,
}

fn hex_val(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

impl<'s> Parser<'s> {
    /// The value of a NUMBER token.
    pub(super) fn number(&self, t: &Token) -> PResult<Constant> {
        let raw = self.text(t);
        let text: String = raw.chars().filter(|&c| c != '_').collect();
        let lower = text.to_ascii_lowercase();
        if let Some(imag) = lower.strip_suffix('j') {
            let v: f64 = imag
                .parse()
                .map_err(|_| self.error_at(Parser::tok_loc(t), "invalid imaginary literal"))?;
            return Ok(Constant::Imaginary(v));
        }
        let radix = match lower.get(..2) {
            Some("0x") => 16,
            Some("0o") => 8,
            Some("0b") => 2,
            _ => 10,
        };
        if radix == 10 && lower.contains(['.', 'e']) {
            let v: f64 = lower
                .parse()
                .map_err(|_| self.error_at(Parser::tok_loc(t), "invalid decimal literal"))?;
            return Ok(Constant::Float(v));
        }
        let digits = if radix == 10 { &lower[..] } else { &lower[2..] };
        if let Ok(v) = i64::from_str_radix(digits, radix) {
            return Ok(Constant::Int(v));
        }
        match BigInt::parse_bytes(digits.as_bytes(), radix) {
            Some(b) => Ok(match b.to_i64() {
                Some(v) => Constant::Int(v),
                None => Constant::BigInt(Box::new(b)),
            }),
            None => Err(self.error_at(Parser::tok_loc(t), "invalid decimal literal")),
        }
    }

    /// strings: one or more adjacent STRING tokens.
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let first_idx = self.mark();
        while self.at_kind(TokenKind::String) {
            self.advance();
        }
        let last_idx = self.pos - 1;
        let first = self.toks[first_idx];
        let last = self.toks[last_idx];
        let loc = Loc {
            lineno: first.lineno,
            col: first.col,
            end_lineno: last.end_lineno,
            end_col: last.end_col,
        };
        let kind = if self.text(&first).starts_with('u') {
            Some("u".to_string())
        } else {
            None
        };

        let mut bytes_mode = None;
        let mut bytes_value = Vec::new();
        let mut sb = StringBuilder::new();
        for i in first_idx..=last_idx {
            let t = self.toks[i];
            let text = self.text(&t);
            let (prefix, body_start, body_end) = split_string(text);
            if *bytes_mode.get_or_insert(prefix.bytes) != prefix.bytes {
                return Err(self.error_at(
                    Parser::tok_loc(self.peek()).first_char(),
                    "cannot mix bytes and nonbytes literals",
                ));
            }
            let body = &text[body_start..body_end];
            if prefix.bytes {
                if !body.is_ascii() {
                    return Err(self.error_at(
                        Parser::tok_loc(&t),
                        "bytes can only contain ASCII literal characters",
                    ));
                }
                if prefix.raw {
                    bytes_value.extend_from_slice(body.as_bytes());
                } else {
                    self.decode_bytes_escapes(body, &t, &mut bytes_value)?;
                }
            } else if prefix.fstring {
                sb.fmode = true;
                let ctx = TokCtx { text, tok: t };
                let mut pos = body_start;
                self.fstring_concat(&mut sb, &ctx, &mut pos, body_end, prefix.raw, 0, loc, &kind)?;
            } else if prefix.raw {
                sb.push_literal(Wtf8Buf::from_text(body));
            } else {
                sb.push_literal(self.decode_str_escapes(body, &t)?);
            }
        }
        if bytes_mode == Some(true) {
            return Ok(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Bytes(bytes_value),
                    kind: None,
                },
                loc,
            });
        }
        if !sb.fmode {
            let s = sb.last_str.take().unwrap_or_default();
            return Ok(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(s),
                    kind,
                },
                loc,
            });
        }
        sb.flush(loc, &kind);
        Ok(Expr {
            kind: ExprKind::JoinedStr { values: sb.values },
            loc,
        })
    }

    /// `_PyPegen_FstringParser_ConcatFstring`: literal parts and
    /// `{expressions}` of one f-string body from `*pos` to `end`.
    #[allow(clippy::too_many_arguments)]
    fn fstring_concat(
        &mut self,
        sb: &mut StringBuilder,
        ctx: &TokCtx<'_>,
        pos: &mut usize,
        end: usize,
        raw: bool,
        recurse: u32,
        group: Loc,
        kind: &Option<String>,
    ) -> PResult<()> {
        let b = ctx.text.as_bytes();
        loop {
            // The literal part.
            let lit_start = *pos;
            let mut s = *pos;
            let mut doubled = false;
            while s < end {
                let mut ch = b[s];
                s += 1;
                if !raw && ch == b'\\' && s < end {
                    ch = b[s];
                    s += 1;
                    if ch == b'N' {
                        if s < end && b[s] == b'{' {
                            s += 1;
                            while s < end {
                                s += 1;
                                if b[s - 1] == b'}' {
                                    break;
                                }
                            }
                        }
                        continue;
                    }
                }
                if ch == b'{' || ch == b'}' {
                    if recurse == 0 {
                        if s < end && b[s] == ch {
                            doubled = true;
                            break;
                        }
                        if ch == b'}' {
                            return Err(
                                self.fstring_error(ctx, "f-string: single '}' is not allowed")
                            );
                        }
                    }
                    s -= 1;
                    break;
                }
            }
            let lit_end = s;
            *pos = if doubled { s + 1 } else { s };
            if lit_end > lit_start {
                let lit = &ctx.text[lit_start..lit_end];
                let decoded = if raw {
                    Wtf8Buf::from_text(lit)
                } else {
                    self.decode_str_escapes(lit, &ctx.tok)?
                };
                sb.push_literal(decoded);
            }
            if doubled {
                continue;
            }
            if *pos >= end || b[*pos] == b'}' {
                break;
            }
            // An expression: `{`.
            let fv = self.fstring_expr(sb, ctx, pos, end, raw, recurse, group, kind)?;
            sb.flush(group, kind);
            sb.values.push(fv);
        }
        if recurse == 0 && *pos < end {
            return Err(self.fstring_error(ctx, "f-string: unexpected end of string"));
        }
        if recurse != 0 && (*pos >= end || b[*pos] != b'}') {
            return Err(self.fstring_error(ctx, "f-string: expecting '}'"));
        }
        Ok(())
    }

    fn fstring_error(&self, ctx: &TokCtx<'_>, msg: &str) -> SyntaxError {
        // RAISE_SYNTAX_ERROR: at the last token the parser fetched, which is
        // the one after the string group.
        let _ = ctx;
        self.error_at(Parser::tok_loc(self.peek()).first_char(), msg)
    }

    /// `fstring_find_expr`: one `{expr[=][!c][:spec]}` starting at `*pos`.
    #[allow(clippy::too_many_arguments)]
    fn fstring_expr(
        &mut self,
        sb: &mut StringBuilder,
        ctx: &TokCtx<'_>,
        pos: &mut usize,
        end: usize,
        raw: bool,
        recurse: u32,
        group: Loc,
        kind: &Option<String>,
    ) -> PResult<Expr> {
        let b = ctx.text.as_bytes();
        if recurse >= 2 {
            return Err(self.fstring_error(ctx, "f-string: expressions nested too deeply"));
        }
        *pos += 1;
        let expr_start = *pos;
        let mut quote: u8 = 0;
        let mut string_type = 0;
        let mut stack: Vec<u8> = Vec::new();
        while *pos < end {
            let ch = b[*pos];
            if ch == b'\\' {
                return Err(
                    self.fstring_error(ctx, "f-string expression part cannot include a backslash")
                );
            }
            if quote != 0 {
                if ch == quote {
                    if string_type == 3 {
                        if *pos + 2 < end && b[*pos + 1] == ch && b[*pos + 2] == ch {
                            *pos += 3;
                            quote = 0;
                            string_type = 0;
                            continue;
                        }
                    } else {
                        quote = 0;
                        string_type = 0;
                        *pos += 1;
                        continue;
                    }
                }
            } else if ch == b'\'' || ch == b'"' {
                if *pos + 2 < end && b[*pos + 1] == ch && b[*pos + 2] == ch {
                    string_type = 3;
                    *pos += 2;
                } else {
                    string_type = 1;
                }
                quote = ch;
            } else if matches!(ch, b'[' | b'{' | b'(') {
                if stack.len() >= 200 {
                    return Err(self.fstring_error(ctx, "f-string: too many nested parenthesis"));
                }
                stack.push(ch);
            } else if ch == b'#' {
                return Err(self.fstring_error(ctx, "f-string expression part cannot include '#'"));
            } else if stack.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
                if *pos + 1 < end {
                    let next = b[*pos + 1];
                    // `!=`, `==`, `<=`, `>=` are operators, not delimiters.
                    if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *pos += 2;
                        continue;
                    }
                }
                if ch == b'>' || ch == b'<' {
                    *pos += 1;
                    continue;
                }
                break;
            } else if matches!(ch, b']' | b'}' | b')') {
                let Some(open) = stack.pop() else {
                    return Err(
                        self.fstring_error(ctx, &format!("f-string: unmatched '{}'", ch as char))
                    );
                };
                let ok = matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !ok {
                    return Err(self.fstring_error(
                        ctx,
                        &format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        ),
                    ));
                }
            }
            *pos += 1;
        }
        let expr_end = *pos;
        if quote != 0 {
            return Err(self.fstring_error(ctx, "f-string: unterminated string"));
        }
        if let Some(&open) = stack.last() {
            return Err(self.fstring_error(ctx, &format!("f-string: unmatched '{}'", open as char)));
        }
        if *pos >= end {
            return Err(self.fstring_error(ctx, "f-string: expecting '}'"));
        }
        let value = self.fstring_compile_expr(ctx, expr_start, expr_end)?;
        let mut conversion: i32 = -1;
        let mut debug_text = false;
        if b[*pos] == b'=' {
            *pos += 1;
            while *pos < end && b[*pos].is_ascii_whitespace() {
                *pos += 1;
            }
            if *pos >= end {
                return Err(self.fstring_error(ctx, "f-string: expecting '}'"));
            }
            sb.push_literal(Wtf8Buf::from_text(&ctx.text[expr_start..*pos]));
            debug_text = true;
        }
        if b[*pos] == b'!' {
            *pos += 1;
            if *pos >= end {
                return Err(self.fstring_error(ctx, "f-string: expecting '}'"));
            }
            let c = b[*pos];
            *pos += 1;
            if !matches!(c, b's' | b'r' | b'a') {
                return Err(self.fstring_error(
                    ctx,
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                ));
            }
            conversion = c as i32;
        }
        if *pos >= end {
            return Err(self.fstring_error(ctx, "f-string: expecting '}'"));
        }
        let mut format_spec = None;
        if b[*pos] == b':' {
            *pos += 1;
            if *pos >= end {
                return Err(self.fstring_error(ctx, "f-string: expecting '}'"));
            }
            let mut spec = StringBuilder::new();
            spec.fmode = true;
            self.fstring_concat(&mut spec, ctx, pos, end, raw, recurse + 1, group, kind)?;
            // The spec's last literal takes the spec token's own location
            // (`_PyPegen_FstringParser_Finish(p, state, t, t)`).
            let own = Parser::tok_loc(&ctx.tok);
            let own_kind = if ctx.text.starts_with('u') {
                Some("u".to_string())
            } else {
                None
            };
            spec.flush(own, &own_kind);
            format_spec = Some(Box::new(Expr {
                kind: ExprKind::JoinedStr {
                    values: spec.values,
                },
                loc: Parser::tok_loc(&ctx.tok),
            }));
        }
        if *pos >= end || b[*pos] != b'}' {
            return Err(self.fstring_error(ctx, "f-string: expecting '}'"));
        }
        *pos += 1;
        if debug_text && format_spec.is_none() && conversion == -1 {
            conversion = 'r' as i32;
        }
        Ok(Expr {
            kind: ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
            loc: group,
        })
    }

    /// `fstring_compile_expr`: parses the expression text between
    /// `expr_start` and `expr_end` of the token, at its place in the file.
    fn fstring_compile_expr(
        &mut self,
        ctx: &TokCtx<'_>,
        expr_start: usize,
        expr_end: usize,
    ) -> PResult<Expr> {
        let b = ctx.text.as_bytes();
        let expr_text = &ctx.text[expr_start..expr_end];
        if expr_text
            .bytes()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | 0x0C))
        {
            let next = b[expr_end];
            let msg = if matches!(next, b'!' | b':' | b'=') {
                format!("f-string: expression required before '{}'", next as char)
            } else {
                "f-string: empty expression not allowed".to_string()
            };
            return Err(self.fstring_error(ctx, &msg));
        }
        // fstring_find_expr_location: lines and columns before the brace.
        let brace = expr_start - 1;
        let newline_after_brace = b[expr_start..]
            .iter()
            .take_while(|&&c| c != b'}' && c != b'\n')
            .all(|&c| matches!(c, b' ' | b'\t' | 0x0C));
        let mut cols = 0usize;
        if !newline_after_brace {
            let line_start = b[..brace].iter().rposition(|&c| c == b'\n');
            cols = match line_start {
                Some(nl) => brace - nl - 1,
                None => brace,
            };
        }
        let lines = b[..brace].iter().filter(|&&c| c == b'\n').count() as u32;
        let first_line = ctx.tok.lineno + lines;
        let first_col = if lines != 0 {
            cols as u32
        } else {
            ctx.tok.col + cols as u32
        };
        let sub_src = format!("({expr_text})");
        let mut sub = Parser::new(&sub_src, first_line, first_col)?;
        sub.depth = self.depth;
        let e = sub
            .star_expressions()
            .map_err(|e| sub.fstring_error_prefixed(e))?;
        while sub.at_kind(TokenKind::Newline) {
            sub.advance();
        }
        if !sub.at_kind(TokenKind::EndMarker) {
            return Err(sub.fstring_error_prefixed(sub.invalid_syntax()));
        }
        Ok(e)
    }

    /// Decodes the escapes of a str literal body.
    fn decode_str_escapes(&self, body: &str, t: &Token) -> PResult<Wtf8Buf> {
        if !body.contains('\\') {
            return Ok(Wtf8Buf::from_text(body));
        }
        let b = body.as_bytes();
        let mut out = Wtf8Buf::new();
        let mut i = 0;
        let mut plain_start = 0;
        let err = |msg: String| self.error_at(Parser::tok_loc(t), msg);
        let mut warned = false;
        while i < b.len() {
            if b[i] != b'\\' {
                i += 1;
                continue;
            }
            out.push_str(&body[plain_start..i]);
            let esc_pos = i;
            i += 1;
            let Some(&c) = b.get(i) else {
                // Only an f-string literal part can end in a backslash
                // (`f'\{x}'`); CPython keeps it.
                out.push_str("\\");
                plain_start = i;
                break;
            };
            i += 1;
            match c {
                b'\n' => {}
                b'\\' => out.push_str("\\"),
                b'\'' => out.push_str("'"),
                b'"' => out.push_str("\""),
                b'a' => out.push_code_point(7),
                b'b' => out.push_code_point(8),
                b'f' => out.push_code_point(12),
                b'n' => out.push_code_point(10),
                b'r' => out.push_code_point(13),
                b't' => out.push_code_point(9),
                b'v' => out.push_code_point(11),
                b'0'..=b'7' => {
                    let mut v = (c - b'0') as u32;
                    for _ in 0..2 {
                        match b.get(i) {
                            Some(&d @ b'0'..=b'7') => {
                                v = v * 8 + (d - b'0') as u32;
                                i += 1;
                            }
                            _ => break,
                        }
                    }
                    if v > 0o377 && !std::mem::replace(&mut warned, true) {
                        self.warn_invalid_escape(t, &body[esc_pos + 1..i]);
                    }
                    out.push_code_point(v);
                }
                b'x' | b'u' | b'U' => {
                    let n = match c {
                        b'x' => 2,
                        b'u' => 4,
                        _ => 8,
                    };
                    let mut v: u32 = 0;
                    for k in 0..n {
                        match b.get(i + k).and_then(|&d| hex_val(d)) {
                            Some(d) => v = v * 16 + d,
                            None => {
                                let what = match c {
                                    b'x' => "truncated \\xXX escape",
                                    b'u' => "truncated \\uXXXX escape",
                                    _ => "truncated \\UXXXXXXXX escape",
                                };
                                return Err(err(format!(
                                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {what}",
                                    esc_pos,
                                    i + k - 1
                                )));
                            }
                        }
                    }
                    i += n;
                    if v > 0x10FFFF {
                        return Err(err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                            esc_pos,
                            i - 1
                        )));
                    }
                    out.push_code_point(v);
                }
                b'N' => {
                    let close = if b.get(i) == Some(&b'{') {
                        body[i..].find('}').map(|n| i + n)
                    } else {
                        None
                    };
                    let found = close.and_then(|close| {
                        let name = &body[i + 1..close];
                        lookup_unicode_name(name).map(|ch| (ch, close))
                    });
                    match found {
                        Some((ch, close)) => {
                            out.push_code_point(ch as u32);
                            i = close + 1;
                        }
                        None => {
                            let end = match close {
                                Some(c) => c,
                                None if b.get(i) == Some(&b'{') => b.len() - 1,
                                None => i - 1,
                            };
                            let msg = if close.is_some() {
                                "unknown Unicode character name"
                            } else {
                                "malformed \\N character escape"
                            };
                            return Err(err(format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {esc_pos}-{end}: {msg}"
                            )));
                        }
                    }
                }
                _ => {
                    // An unknown escape stays as written, with a warning.
                    if !std::mem::replace(&mut warned, true) {
                        let ch = body[i - 1..].chars().next().unwrap_or('\\');
                        self.warn_invalid_escape(t, ch.encode_utf8(&mut [0; 4]));
                    }
                    out.push_str("\\");
                    i -= 1;
                }
            }
            plain_start = i;
        }
        out.push_str(&body[plain_start..]);
        Ok(out)
    }

    /// Decodes the escapes of a bytes literal body.
    fn decode_bytes_escapes(&self, body: &str, t: &Token, out: &mut Vec<u8>) -> PResult<()> {
        let b = body.as_bytes();
        let mut i = 0;
        let mut warned = false;
        while i < b.len() {
            if b[i] != b'\\' {
                out.push(b[i]);
                i += 1;
                continue;
            }
            let esc_pos = i;
            i += 1;
            let Some(&c) = b.get(i) else {
                out.push(b'\\');
                break;
            };
            i += 1;
            match c {
                b'\n' => {}
                b'\\' => out.push(b'\\'),
                b'\'' => out.push(b'\''),
                b'"' => out.push(b'"'),
                b'a' => out.push(7),
                b'b' => out.push(8),
                b'f' => out.push(12),
                b'n' => out.push(10),
                b'r' => out.push(13),
                b't' => out.push(9),
                b'v' => out.push(11),
                b'0'..=b'7' => {
                    let mut v = (c - b'0') as u32;
                    for _ in 0..2 {
                        match b.get(i) {
                            Some(&d @ b'0'..=b'7') => {
                                v = v * 8 + (d - b'0') as u32;
                                i += 1;
                            }
                            _ => break,
                        }
                    }
                    if v > 0o377 && !std::mem::replace(&mut warned, true) {
                        self.warn_invalid_escape(t, &body[esc_pos + 1..i]);
                    }
                    out.push((v & 0xFF) as u8);
                }
                b'x' => match (
                    b.get(i).and_then(|&d| hex_val(d)),
                    b.get(i + 1).and_then(|&d| hex_val(d)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(self.error_at(
                            Parser::tok_loc(t),
                            format!("(value error) invalid \\x escape at position {esc_pos}"),
                        ))
                    }
                },
                _ => {
                    if !std::mem::replace(&mut warned, true) {
                        let ch = body[i - 1..].chars().next().unwrap_or('\\');
                        self.warn_invalid_escape(t, ch.encode_utf8(&mut [0; 4]));
                    }
                    out.push(b'\\');
                    i -= 1;
                }
            }
        }
        Ok(())
    }
}

impl Parser<'_> {
    /// Records CPython's DeprecationWarning for the first invalid escape
    /// of a literal (`escape`: what follows the backslash: one
    /// character, or the three digits of an octal escape above 0o377),
    /// at the literal's token.
    fn warn_invalid_escape(&self, t: &Token, escape: &str) {
        let msg = if escape.len() == 3 && escape.bytes().all(|d| d.is_ascii_digit()) {
            format!("invalid octal escape sequence '\\{escape}'")
        } else {
            format!("invalid escape sequence '\\{escape}'")
        };
        crate::front::warnings::warn(
            crate::front::warnings::WarningKind::Deprecation,
            self.error_at(Parser::tok_loc(t), msg),
        );
    }

    /// Adds CPython's "f-string: " prefix to a parser error from inside an
    /// f-string; the tokenizer's own errors keep their plain message.
    fn fstring_error_prefixed(&self, mut e: SyntaxError) -> SyntaxError {
        if !e.from_tokenizer && !e.msg.starts_with("f-string") {
            e.msg = format!("f-string: {}", e.msg);
        }
        e
    }
}

/// `\N{name}`: a character by its Unicode name or alias.
fn lookup_unicode_name(name: &str) -> Option<char> {
    unicode_names2::character(name)
}

/// Splits a string token into its prefix flags and the byte range of the
/// body between the quotes.
fn split_string(text: &str) -> (Prefix, usize, usize) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut p = Prefix {
        raw: false,
        bytes: false,
        fstring: false,
    };
    while i < b.len() && b[i] != b'\'' && b[i] != b'"' {
        match b[i] | 0x20 {
            b'r' => p.raw = true,
            b'b' => p.bytes = true,
            b'f' => p.fstring = true,
            _ => {}
        }
        i += 1;
    }
    let q = if text[i..].starts_with("'''") || text[i..].starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let start = (i + q).min(b.len());
    let end = b.len().saturating_sub(q).max(start);
    (p, start, end)
}
