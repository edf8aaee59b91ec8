//! The tokenizer: Python 3.11's lexical grammar, line by line.
//!
//! It follows the algorithm of CPython's `Lib/tokenize.py` step for step
//! (a pseudo-token match at each position, indentation measured at the start
//! of each logical line, multi-line strings carried across lines), because
//! `taipan --tokens` must print exactly what `python3 -m tokenize` prints.
//! The parser reads the same token stream in [`Mode::Parse`], where the
//! checks of CPython's C tokenizer are added on top (invalid characters,
//! unterminated strings, unbalanced brackets, number suffixes, tab
//! consistency): those become [`SyntaxError`]s attached to the token where
//! the C tokenizer would raise them.

use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{keyword, operator, Exact, Token, TokenKind};
use crate::pyrepr::is_alnum;

/// How deep brackets may nest (CPython's tokenizer limit).
const MAX_BRACKET_DEPTH: usize = 200;

/// How the token stream will be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Exactly `tokenize.py`'s tokens (COMMENT, NL, ERRORTOKEN included).
    Tokenize,
    /// Tokens for the parser: identifiers follow PEP 3131 and the C
    /// tokenizer's errors are recorded.
    Parse,
}

/// What tokenizing a source produced.
pub struct Tokens {
    /// The tokens, ENDMARKER last unless `fatal` is set.
    pub tokens: Vec<Token>,
    /// The error that stopped `tokenize.py` early (EOF in a multi-line
    /// string or statement, a bad dedent), if any.
    pub fatal: Option<SyntaxError>,
    /// In [`Mode::Parse`], the first error CPython's C tokenizer would raise
    /// and the index of the first token it invalidates.
    pub strict_error: Option<(usize, SyntaxError)>,
}

const TABSIZE: usize = 8;

/// Tokenizes decoded source text.
pub fn tokenize(src: &str, mode: Mode) -> Tokens {
    let mut t = Tokenizer {
        src,
        mode,
        tokens: Vec::with_capacity(src.len() / 4),
        strict_error: None,
        brackets: Vec::new(),
    };
    let fatal = t.run().err();
    Tokens {
        tokens: t.tokens,
        fatal,
        strict_error: t.strict_error,
    }
}

struct Tokenizer<'s> {
    src: &'s str,
    mode: Mode,
    tokens: Vec<Token>,
    strict_error: Option<(usize, SyntaxError)>,
    /// Open brackets (char, line, col), for the C tokenizer's checks.
    brackets: Vec<(u8, usize, usize)>,
}

/// A string that continues past the end of its first line.
struct ContinuedString {
    /// Byte offset of the string's first character in the source.
    start: usize,
    lineno: usize,
    col: usize,
    /// The closing quote(s).
    quote: &'static [u8],
    /// Single-quoted strings may only continue after a backslash.
    needs_backslash: bool,
}

/// The physical line of `src` starting at byte `start`, with its `\n`.
fn physical_line(src: &str, start: usize) -> &str {
    match src[start..].find('\n') {
        Some(n) => &src[start..start + n + 1],
        None => &src[start..],
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x0C)
}

/// The character at byte `i` of `s`.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Regex `\w` as Python applies it to str.
fn is_word_char(c: char) -> bool {
    c == '_' || is_alnum(c)
}

/// `[0-9](?:_?[0-9])*` at `i`.
fn digit_part(b: &[u8], i: usize) -> Option<usize> {
    if !b.get(i)?.is_ascii_digit() {
        return None;
    }
    let mut j = i + 1;
    loop {
        match b.get(j) {
            Some(c) if c.is_ascii_digit() => j += 1,
            Some(b'_') if b.get(j + 1).is_some_and(|c| c.is_ascii_digit()) => j += 2,
            _ => return Some(j),
        }
    }
}

/// `[eE][-+]?digitpart` at `i`.
fn exponent(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b.get(i)?, b'e' | b'E') {
        return None;
    }
    let mut j = i + 1;
    if matches!(b.get(j), Some(b'+' | b'-')) {
        j += 1;
    }
    digit_part(b, j)
}

fn point_float(b: &[u8], i: usize) -> Option<usize> {
    let j = if b.get(i) == Some(&b'.') {
        digit_part(b, i + 1)?
    } else {
        let j = digit_part(b, i)?;
        if b.get(j) != Some(&b'.') {
            return None;
        }
        digit_part(b, j + 1).unwrap_or(j + 1)
    };
    Some(exponent(b, j).unwrap_or(j))
}

fn float_number(b: &[u8], i: usize) -> Option<usize> {
    point_float(b, i).or_else(|| exponent(b, digit_part(b, i)?))
}

/// `0[xX](?:_?[0-9a-fA-F])+` and its octal / binary cousins.
fn prefixed_int(b: &[u8], i: usize, letters: &[u8], digit: fn(u8) -> bool) -> Option<usize> {
    if b.get(i) != Some(&b'0') || !letters.contains(b.get(i + 1)?) {
        return None;
    }
    let mut j = i + 2;
    let mut any = false;
    loop {
        match b.get(j) {
            Some(&c) if digit(c) => j += 1,
            Some(b'_') if b.get(j + 1).is_some_and(|&c| digit(c)) => j += 2,
            _ => break,
        }
        any = true;
    }
    any.then_some(j)
}

fn int_number(b: &[u8], i: usize) -> Option<usize> {
    prefixed_int(b, i, b"xX", |c| c.is_ascii_hexdigit())
        .or_else(|| prefixed_int(b, i, b"bB", |c| c == b'0' || c == b'1'))
        .or_else(|| prefixed_int(b, i, b"oO", |c| (b'0'..=b'7').contains(&c)))
        .or_else(|| match b.get(i)? {
            b'0' => {
                let mut j = i + 1;
                loop {
                    match b.get(j) {
                        Some(b'0') => j += 1,
                        Some(b'_') if b.get(j + 1) == Some(&b'0') => j += 2,
                        _ => return Some(j),
                    }
                }
            }
            b'1'..=b'9' => digit_part(b, i),
            _ => None,
        })
}

/// tokenize.py's `Number` pattern: imaginary, then float, then int.
fn number(b: &[u8], i: usize) -> Option<usize> {
    let imag = |j: Option<usize>| {
        j.filter(|&j| matches!(b.get(j), Some(b'j' | b'J')))
            .map(|j| j + 1)
    };
    imag(digit_part(b, i))
        .or_else(|| imag(float_number(b, i)))
        .or_else(|| float_number(b, i))
        .or_else(|| int_number(b, i))
}

/// The longest operator at `i`.
fn special(b: &[u8], i: usize) -> Option<usize> {
    (1..=3)
        .rev()
        .find(|&n| i + n <= b.len() && operator(&b[i..i + n]) != Exact::None)
        .map(|n| i + n)
}

/// A string prefix at `i` followed by a quote: returns the quote's index.
fn string_prefix(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && j - i < 2 && matches!(b[j] | 0x20, b'b' | b'r' | b'u' | b'f') {
        j += 1;
    }
    // Backtrack like the regex would: the prefix is what precedes a quote.
    while j >= i {
        if matches!(b.get(j), Some(b'\'' | b'"')) && valid_prefix(&b[i..j]) {
            return Some(j);
        }
        if j == i {
            break;
        }
        j -= 1;
    }
    None
}

fn valid_prefix(p: &[u8]) -> bool {
    let lower: Vec<u8> = p.iter().map(|c| c | 0x20).collect();
    matches!(
        lower.as_slice(),
        b"" | b"b" | b"r" | b"u" | b"f" | b"br" | b"rb" | b"fr" | b"rf"
    )
}

/// Scans the body of a single-quoted string after its opening quote at
/// `q`: returns the end of the token and whether it continues on the next
/// line (ends in backslash-newline).
fn cont_str(b: &[u8], q: usize) -> Option<(usize, bool)> {
    let quote = b[q];
    let mut j = q + 1;
    loop {
        match *b.get(j)? {
            c if c == quote => return Some((j + 1, false)),
            b'\n' => return None,
            b'\\' => match b.get(j + 1) {
                Some(b'\n') => return Some((j + 2, true)),
                Some(b'\r') if b.get(j + 2) == Some(&b'\n') => return Some((j + 3, true)),
                Some(_) => j += 2,
                None => return None,
            },
            _ => j += 1,
        }
    }
}

/// Finds the end of a string whose closing `quote` may lie on this line,
/// scanning from `i` (the `endpats` patterns). `dot_nl`: whether a backslash
/// may escape a newline (never, as `.` does not match `\n`).
fn end_of_string(b: &[u8], i: usize, quote: &[u8]) -> Option<usize> {
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'\\' => {
                if b.get(j + 1).is_none_or(|&c| c == b'\n') {
                    return None;
                }
                j += 2;
            }
            c if c == quote[0] && b[j..].starts_with(quote) => return Some(j + quote.len()),
            _ => j += 1,
        }
    }
    None
}

/// The name `tokenize` gives a kind of string token's closing quote.
fn closing_quote(b: &[u8], q: usize) -> &'static [u8] {
    match b[q..].get(..3) {
        Some(b"'''") => b"'''",
        Some(b"\"\"\"") => b"\"\"\"",
        _ if b[q] == b'\'' => b"'",
        _ => b"\"",
    }
}

impl<'s> Tokenizer<'s> {
    fn push(
        &mut self,
        kind: TokenKind,
        start: usize,
        end: usize,
        pos: (usize, usize),
        end_pos: (usize, usize),
    ) {
        let exact = match kind {
            TokenKind::Op => operator(&self.src.as_bytes()[start..end]),
            TokenKind::Name => keyword(&self.src.as_bytes()[start..end]),
            _ => Exact::None,
        };
        self.tokens.push(Token {
            kind,
            exact,
            start: start as u32,
            end: end as u32,
            lineno: pos.0 as u32,
            col: pos.1 as u32,
            end_lineno: end_pos.0 as u32,
            end_col: end_pos.1 as u32,
        });
    }

    /// Records a C-tokenizer error at the next token to be produced.
    fn strict(&mut self, mut err: SyntaxError) {
        err.from_tokenizer = true;
        if self.mode == Mode::Parse && self.strict_error.is_none() {
            self.strict_error = Some((self.tokens.len(), err));
        }
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let src = self.src;
        let mut lnum = 0usize;
        let mut parenlev: isize = 0;
        let mut continued = false;
        let mut indents: Vec<usize> = vec![0];
        let mut alt_indents: Vec<usize> = vec![0];
        let mut cont: Option<ContinuedString> = None;
        let mut last_line: &str = "";
        let mut line: &str = "";
        let mut line_start;
        let mut next_start = 0usize;
        loop {
            last_line = if lnum == 0 { last_line } else { line };
            line_start = next_start;
            line = physical_line(src, line_start);
            next_start = line_start + line.len();
            lnum += 1;
            let mut lb = line.as_bytes();
            let mut max = lb.len();
            let mut pos = 0usize;

            if let Some(c) = &cont {
                if line.is_empty() {
                    let what = if c.quote.len() == 3 {
                        "unterminated triple-quoted string literal"
                    } else {
                        "unterminated string literal"
                    };
                    self.strict(SyntaxError::new(
                        format!("{what} (detected at line {})", lnum - 1),
                        c.lineno,
                        c.col,
                    ));
                    return Err(SyntaxError::new(
                        "EOF in multi-line string",
                        c.lineno,
                        c.col,
                    ));
                }
                if let Some(end) = end_of_string(lb, 0, c.quote) {
                    pos = end;
                    let (s, l, col) = (c.start, c.lineno, c.col);
                    self.push(
                        TokenKind::String,
                        s,
                        line_start + end,
                        (l, col),
                        (lnum, end),
                    );
                    cont = None;
                } else if c.needs_backslash && !line.ends_with("\\\n") && !line.ends_with("\\\r\n")
                {
                    let (s, l, col) = (c.start, c.lineno, c.col);
                    self.strict(SyntaxError::new(
                        format!("unterminated string literal (detected at line {l})"),
                        l,
                        col,
                    ));
                    self.push(
                        TokenKind::ErrorToken,
                        s,
                        line_start + max,
                        (l, col),
                        (lnum, max),
                    );
                    cont = None;
                    continue;
                } else {
                    continue;
                }
            } else if parenlev == 0 && !continued {
                if line.is_empty() {
                    break;
                }
                let mut column = 0usize;
                let mut altcol = 0usize;
                // As CPython: a line continuation inside the indentation
                // joins the next line to it, and the column of the first
                // one (unless 0) is the line's indentation.
                let mut cont_col = 0usize;
                while pos < max {
                    let rest = &lb[pos..];
                    if (rest == b"\\\n" || rest == b"\\\r\n") && next_start < src.len() {
                        if cont_col == 0 {
                            cont_col = column;
                        }
                        last_line = line;
                        line_start = next_start;
                        line = physical_line(src, line_start);
                        next_start = line_start + line.len();
                        lnum += 1;
                        lb = line.as_bytes();
                        max = lb.len();
                        pos = 0;
                        continue;
                    }
                    match lb[pos] {
                        b' ' => {
                            column += 1;
                            altcol += 1;
                        }
                        b'\t' => {
                            column = (column / TABSIZE + 1) * TABSIZE;
                            altcol += 1;
                        }
                        0x0C => {
                            column = 0;
                            altcol = 0;
                        }
                        _ => break,
                    }
                    pos += 1;
                }
                if pos == max {
                    break;
                }
                if matches!(lb[pos], b'#' | b'\r' | b'\n') {
                    if lb[pos] == b'#' {
                        let comment = line[pos..].trim_end_matches(['\r', '\n']);
                        let end = pos + comment.len();
                        self.push(
                            TokenKind::Comment,
                            line_start + pos,
                            line_start + end,
                            (lnum, pos),
                            (lnum, end),
                        );
                        pos = end;
                    }
                    self.push(
                        TokenKind::Nl,
                        line_start + pos,
                        line_start + max,
                        (lnum, pos),
                        (lnum, max),
                    );
                    continue;
                }
                if cont_col != 0 {
                    column = cont_col;
                    altcol = cont_col;
                }
                let top = *indents.last().unwrap_or(&0);
                let alt_top = *alt_indents.last().unwrap_or(&0);
                if column > top {
                    if altcol <= alt_top {
                        self.strict(
                            SyntaxError::new(
                                "inconsistent use of tabs and spaces in indentation",
                                lnum,
                                pos,
                            )
                            .with_kind(SyntaxErrorKind::Tab)
                            .without_caret(),
                        );
                    }
                    indents.push(column);
                    alt_indents.push(altcol);
                    self.push(
                        TokenKind::Indent,
                        line_start,
                        line_start + pos,
                        (lnum, 0),
                        (lnum, pos),
                    );
                } else if column == top && altcol != alt_top {
                    self.strict(
                        SyntaxError::new(
                            "inconsistent use of tabs and spaces in indentation",
                            lnum,
                            pos,
                        )
                        .with_kind(SyntaxErrorKind::Tab)
                        .without_caret(),
                    );
                }
                while column < *indents.last().unwrap_or(&0) {
                    if !indents.contains(&column) {
                        let err = SyntaxError::new(
                            "unindent does not match any outer indentation level",
                            lnum,
                            line.trim_end_matches(['\r', '\n']).len(),
                        )
                        .with_kind(SyntaxErrorKind::Indentation);
                        self.strict(err.clone());
                        return Err(err);
                    }
                    indents.pop();
                    alt_indents.pop();
                    if column == *indents.last().unwrap_or(&0)
                        && altcol != *alt_indents.last().unwrap_or(&0)
                    {
                        self.strict(
                            SyntaxError::new(
                                "inconsistent use of tabs and spaces in indentation",
                                lnum,
                                pos,
                            )
                            .with_kind(SyntaxErrorKind::Tab)
                            .without_caret(),
                        );
                    }
                    self.push(
                        TokenKind::Dedent,
                        line_start + pos,
                        line_start + pos,
                        (lnum, pos),
                        (lnum, pos),
                    );
                }
            } else {
                if line.is_empty() {
                    if let Some(&(c, l, col)) = self.brackets.last() {
                        self.strict(SyntaxError::new(
                            format!("'{}' was never closed", c as char),
                            l,
                            col,
                        ));
                    } else {
                        self.strict(SyntaxError::new(
                            "unexpected EOF while parsing",
                            lnum - 1,
                            last_line.len(),
                        ));
                    }
                    return Err(SyntaxError::new("EOF in multi-line statement", lnum, 0));
                }
                continued = false;
            }

            while pos < max {
                // Whitespace, then one pseudo-token.
                let mut start = pos;
                while start < max && is_ws(lb[start]) {
                    start += 1;
                }
                let abs = |i: usize| line_start + i;
                let c = lb.get(start).copied();
                // `\\\r?\n` and `\Z`
                if c == Some(b'\\') {
                    let after = &lb[start + 1..];
                    if after.starts_with(b"\n") || after.starts_with(b"\r\n") {
                        continued = true;
                        pos = max;
                        continue;
                    }
                }
                if start == max {
                    pos = max;
                    continue;
                }
                let c = lb[start];
                if c == b'#' {
                    let comment = line[start..].trim_end_matches(['\r', '\n']);
                    let end = start + comment.len();
                    // A comment never includes the newline; `[^\r\n]*`.
                    let end = line[start..end].find('\r').map_or(end, |n| start + n);
                    self.push(
                        TokenKind::Comment,
                        abs(start),
                        abs(end),
                        (lnum, start),
                        (lnum, end),
                    );
                    pos = end;
                    continue;
                }
                // Strings: a prefix, then a quote.
                if let Some(q) = string_prefix(lb, start) {
                    let quote = closing_quote(lb, q);
                    if quote.len() == 3 {
                        match end_of_string(lb, q + 3, quote) {
                            Some(end) => {
                                self.push(
                                    TokenKind::String,
                                    abs(start),
                                    abs(end),
                                    (lnum, start),
                                    (lnum, end),
                                );
                                pos = end;
                            }
                            None => {
                                cont = Some(ContinuedString {
                                    start: abs(start),
                                    lineno: lnum,
                                    col: start,
                                    quote,
                                    needs_backslash: false,
                                });
                                pos = max;
                            }
                        }
                        continue;
                    }
                }
                if let Some(end) = number(lb, start) {
                    self.push(
                        TokenKind::Number,
                        abs(start),
                        abs(end),
                        (lnum, start),
                        (lnum, end),
                    );
                    if self.mode == Mode::Parse {
                        self.check_number_end(lb, start, end, lnum);
                    }
                    pos = end;
                    continue;
                }
                if c == b'\n' || (c == b'\r' && lb.get(start + 1) == Some(&b'\n')) {
                    let end = if c == b'\n' { start + 1 } else { start + 2 };
                    let kind = if parenlev > 0 {
                        TokenKind::Nl
                    } else {
                        TokenKind::Newline
                    };
                    self.push(kind, abs(start), abs(end), (lnum, start), (lnum, end));
                    pos = end;
                    continue;
                }
                if let Some(end) = special(lb, start) {
                    match c {
                        b'(' | b'[' | b'{' => {
                            // The C tokenizer's MAXLEVEL.
                            if self.brackets.len() >= MAX_BRACKET_DEPTH {
                                self.strict(SyntaxError::new(
                                    "too many nested parentheses",
                                    lnum,
                                    start,
                                ));
                            }
                            parenlev += 1;
                            self.brackets.push((c, lnum, start));
                        }
                        b')' | b']' | b'}' => {
                            parenlev -= 1;
                            self.check_closing(c, lnum, start);
                        }
                        _ => {}
                    }
                    self.push(
                        TokenKind::Op,
                        abs(start),
                        abs(end),
                        (lnum, start),
                        (lnum, end),
                    );
                    pos = end;
                    continue;
                }
                if let Some(q) = string_prefix(lb, start) {
                    match cont_str(lb, q) {
                        Some((end, false)) => {
                            self.push(
                                TokenKind::String,
                                abs(start),
                                abs(end),
                                (lnum, start),
                                (lnum, end),
                            );
                            pos = end;
                            continue;
                        }
                        Some((_, true)) => {
                            cont = Some(ContinuedString {
                                start: abs(start),
                                lineno: lnum,
                                col: start,
                                quote: closing_quote(lb, q),
                                needs_backslash: true,
                            });
                            pos = max;
                            continue;
                        }
                        None => {
                            self.strict(SyntaxError::new(
                                format!("unterminated string literal (detected at line {lnum})"),
                                lnum,
                                start,
                            ));
                        }
                    }
                }
                let ch = char_at(line, start).unwrap_or('\0');
                if self.mode == Mode::Parse
                    && (ch == '_' || crate::pyrepr::is_id_start(ch) || is_word_char(ch))
                {
                    // PEP 3131 identifiers, as the C tokenizer reads them.
                    let mut end = start;
                    for ch in line[start..].chars() {
                        if ch == '_' || crate::pyrepr::is_id_continue(ch) || is_word_char(ch) {
                            end += ch.len_utf8();
                        } else {
                            break;
                        }
                    }
                    self.check_identifier(&line[start..end], lnum, start);
                    self.push(
                        TokenKind::Name,
                        abs(start),
                        abs(end),
                        (lnum, start),
                        (lnum, end),
                    );
                    pos = end;
                    continue;
                }
                if is_word_char(ch) {
                    let mut end = start;
                    for ch in line[start..].chars() {
                        if is_word_char(ch) {
                            end += ch.len_utf8();
                        } else {
                            break;
                        }
                    }
                    let kind = if ch == '_' || crate::pyrepr::is_id_start(ch) {
                        TokenKind::Name
                    } else {
                        TokenKind::Op
                    };
                    self.push(kind, abs(start), abs(end), (lnum, start), (lnum, end));
                    pos = end;
                    continue;
                }
                // Nothing matched: tokenize.py reports the character at
                // `pos` (which may be the whitespace before the culprit).
                let bad = char_at(line, pos).unwrap_or('\0');
                if self.mode == Mode::Parse {
                    if is_ws(lb[pos]) {
                        pos = start;
                        continue;
                    }
                    self.invalid_character(bad, lb, lnum, pos);
                }
                let end = pos + bad.len_utf8();
                self.push(
                    TokenKind::ErrorToken,
                    abs(pos),
                    abs(end),
                    (lnum, pos),
                    (lnum, end),
                );
                pos = end;
            }
        }
        // An implicit NEWLINE if the input does not end in one.
        if !last_line.is_empty()
            && !last_line.ends_with(['\r', '\n'])
            && !last_line.trim_start().starts_with('#')
        {
            let n = last_line.len();
            self.push(
                TokenKind::Newline,
                src.len(),
                src.len(),
                (lnum - 1, n),
                (lnum - 1, n + 1),
            );
        }
        for _ in 1..indents.len() {
            self.push(
                TokenKind::Dedent,
                src.len(),
                src.len(),
                (lnum, 0),
                (lnum, 0),
            );
        }
        self.push(
            TokenKind::EndMarker,
            src.len(),
            src.len(),
            (lnum, 0),
            (lnum, 0),
        );
        Ok(())
    }

    fn check_closing(&mut self, c: u8, lnum: usize, col: usize) {
        let Some((open, l, _)) = self.brackets.pop() else {
            self.strict(SyntaxError::new(
                format!("unmatched '{}'", c as char),
                lnum,
                col,
            ));
            return;
        };
        let expected = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        if c != expected {
            let msg = if l != lnum {
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}' on line {l}",
                    c as char, open as char
                )
            } else {
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}'",
                    c as char, open as char
                )
            };
            self.strict(SyntaxError::new(msg, lnum, col));
        }
    }

    fn check_identifier(&mut self, name: &str, lnum: usize, col: usize) {
        if name.is_ascii() {
            return;
        }
        let mut chars = name.char_indices();
        if let Some((_, first)) = chars.next() {
            if first != '_' && !crate::pyrepr::is_id_start(first) {
                self.strict(SyntaxError::new(
                    format!("invalid character '{first}' (U+{:04X})", first as u32),
                    lnum,
                    col,
                ));
                return;
            }
        }
        for (i, ch) in chars {
            if ch != '_' && !crate::pyrepr::is_id_continue(ch) {
                self.strict(SyntaxError::new(
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32),
                    lnum,
                    col + i,
                ));
                return;
            }
        }
    }

    fn invalid_character(&mut self, bad: char, lb: &[u8], lnum: usize, pos: usize) {
        let msg = if bad == '\\' {
            if pos + 1 == lb.len() && self.src.ends_with('\\') {
                self.strict(SyntaxError::new("unexpected EOF while parsing", lnum, pos));
                return;
            }
            self.strict(SyntaxError::new(
                "unexpected character after line continuation character",
                lnum,
                pos + 1,
            ));
            return;
        } else if bad == '\0' {
            self.strict(
                SyntaxError::new("source code cannot contain null bytes", lnum, pos)
                    .without_caret(),
            );
            return;
        } else if matches!(bad, '\'' | '"') {
            format!("unterminated string literal (detected at line {lnum})")
        } else if !bad.is_ascii() && crate::pyrepr::is_printable(bad as u32) {
            format!("invalid character '{bad}' (U+{:04X})", bad as u32)
        } else if !crate::pyrepr::is_printable(bad as u32) {
            format!("invalid non-printable character U+{:04X}", bad as u32)
        } else {
            "invalid syntax".to_string()
        };
        self.strict(SyntaxError::new(msg, lnum, pos));
    }

    /// The C tokenizer's `verify_end_of_number` and literal checks.
    fn check_number_end(&mut self, lb: &[u8], start: usize, end: usize, lnum: usize) {
        let text = &lb[start..end];
        let kind = if text.len() > 1 && text[0] == b'0' {
            match text[1] | 0x20 {
                b'x' => "hexadecimal",
                b'o' => "octal",
                b'b' => "binary",
                _ => "decimal",
            }
        } else if text.ends_with(b"j") || text.ends_with(b"J") {
            "imaginary"
        } else {
            "decimal"
        };
        let next = lb.get(end).copied();
        // `0777`, `00_7`: leading zeros.
        if text.iter().all(|&c| c == b'0' || c == b'_') && next.is_some_and(|c| c.is_ascii_digit())
        {
            self.strict(SyntaxError::new(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                lnum,
                start,
            ));
            return;
        }
        if text == b"0" && matches!(next, Some(b'o' | b'O' | b'b' | b'B')) {
            if let Some(&d) = lb.get(end + 1).filter(|d| d.is_ascii_digit()) {
                let name = if next == Some(b'o') || next == Some(b'O') {
                    "octal"
                } else {
                    "binary"
                };
                self.strict(SyntaxError::new(
                    format!("invalid digit '{}' in {name} literal", d as char),
                    lnum,
                    end + 1,
                ));
                return;
            }
        }
        if matches!(kind, "octal" | "binary") {
            // A digit out of range, right after the literal or after an
            // underscore (`0b12`, `0b1_2`).
            let (at, d) = match next {
                Some(b'_') => (end + 1, lb.get(end + 1).copied()),
                d => (end, d),
            };
            if let Some(d) = d.filter(|d| d.is_ascii_digit()) {
                self.strict(SyntaxError::new(
                    format!("invalid digit '{}' in {kind} literal", d as char),
                    lnum,
                    at,
                ));
                return;
            }
        }
        if text == b"0" && matches!(next, Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B')) {
            let name = match next.unwrap_or(b'x') | 0x20 {
                b'x' => "hexadecimal",
                b'o' => "octal",
                _ => "binary",
            };
            self.strict(SyntaxError::new(
                format!("invalid {name} literal"),
                lnum,
                end,
            ));
            return;
        }
        let Some(c) = next else { return };
        let rest = &lb[end..];
        let keyword_follows = [
            &b"and"[..],
            b"else",
            b"for",
            b"if",
            b"in",
            b"is",
            b"not",
            b"or",
        ]
        .iter()
        .any(|kw| rest.starts_with(kw));
        if c == b'_' || c.is_ascii_digit() || (kind == "octal" && c.is_ascii_digit()) {
            self.strict(SyntaxError::new(
                format!("invalid {kind} literal"),
                lnum,
                end,
            ));
        } else if keyword_follows {
            // Valid today, so only a warning (CPython's
            // verify_end_of_number), at the number's last character.
            let mut warning = SyntaxError::spanning(
                format!("invalid {kind} literal"),
                (lnum, end - 1),
                (lnum, end - 1),
            );
            warning.from_tokenizer = true;
            super::warnings::warn(super::warnings::WarningKind::Syntax, warning);
        } else if c.is_ascii_alphabetic() {
            // The C tokenizer points at the number's last character.
            self.strict(SyntaxError::new(
                format!("invalid {kind} literal"),
                lnum,
                end - 1,
            ));
        }
    }
}
