//! Turning a source file's bytes into text, as CPython does before
//! tokenizing: a UTF-8 byte-order mark, or a PEP 263 coding cookie on one of
//! the first two lines, chooses the codec; UTF-8 is the default.

use super::error::SyntaxError;

/// Source text decoded to UTF-8, and the name `tokenize` reports for its
/// encoding (the `ENCODING` token).
pub struct DecodedSource {
    /// The text, newlines as they were in the file.
    pub text: String,
    /// The encoding name as `tokenize.detect_encoding` returns it.
    pub encoding: String,
}

/// `tokenize._get_normal_name`: canonical spellings of utf-8 and latin-1.
fn normal_name(orig: &str) -> String {
    let enc: String = orig
        .chars()
        .take(12)
        .collect::<String>()
        .to_lowercase()
        .replace('_', "-");
    if enc == "utf-8" || enc.starts_with("utf-8-") {
        return "utf-8".into();
    }
    if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&enc.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
            .iter()
            .any(|p| enc.starts_with(p))
    {
        return "iso-8859-1".into();
    }
    orig.to_string()
}

/// The codec a cookie names, after Python's codec-name normalisation.
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    Other(&'static encoding_rs::Encoding),
}

fn lookup_codec(name: &str) -> Option<Codec> {
    let norm = name.to_lowercase().replace(['-', ' '], "_");
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => {
            Some(Codec::Utf8)
        }
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "l1" | "latin"
        | "iso_ir_100" => Some(Codec::Latin1),
        "ascii" | "us_ascii" | "646" | "us" => Some(Codec::Ascii),
        _ => encoding_rs::Encoding::for_label(norm.replace('_', "-").as_bytes())
            .or_else(|| encoding_rs::Encoding::for_label(name.as_bytes()))
            .map(Codec::Other),
    }
}

/// Finds a PEP 263 cookie in one line: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
fn find_cookie(line: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | 0x0C) {
        i += 1;
    }
    if line.get(i) != Some(&b'#') {
        return None;
    }
    let rest = &line[i..];
    let mut j = 0;
    while j + 7 <= rest.len() {
        if &rest[j..j + 6] == b"coding" && matches!(rest[j + 6], b':' | b'=') {
            let mut k = j + 7;
            while k < rest.len() && matches!(rest[k], b' ' | b'\t') {
                k += 1;
            }
            let start = k;
            while k < rest.len()
                && (rest[k].is_ascii_alphanumeric() || matches!(rest[k], b'-' | b'_' | b'.'))
            {
                k += 1;
            }
            if k > start {
                return Some(String::from_utf8_lossy(&rest[start..k]).into_owned());
            }
        }
        j += 1;
    }
    None
}

/// True for a line that holds only whitespace and maybe a comment.
fn is_blank_or_comment(line: &[u8]) -> bool {
    let t: Vec<u8> = line
        .iter()
        .copied()
        .skip_while(|b| matches!(b, b' ' | b'\t' | 0x0C))
        .collect();
    t.is_empty() || t[0] == b'#' || t[0] == b'\n' || t[0] == b'\r'
}

/// Decodes `bytes` the way CPython's tokenizer does before reading them.
pub fn decode(bytes: &[u8]) -> Result<DecodedSource, SyntaxError> {
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let mut lines = body.split_inclusive(|&b| b == b'\n');
    let first = lines.next().unwrap_or(b"");
    let mut cookie = find_cookie(first);
    let mut cookie_line = 1;
    if cookie.is_none() && is_blank_or_comment(first) {
        if let Some(second) = lines.next() {
            cookie = find_cookie(second);
            cookie_line = 2;
        }
    }
    // CPython reports cookie problems without a line (lineno 0).
    let encoding_error = |msg: String, _line: usize| SyntaxError::new(msg, 0, 0);
    let (codec, name) = match cookie {
        None => (
            Codec::Utf8,
            if bom { "utf-8-sig" } else { "utf-8" }.to_string(),
        ),
        Some(raw) => {
            let name = normal_name(&raw);
            let codec = lookup_codec(&name)
                .ok_or_else(|| encoding_error(format!("unknown encoding: {raw}"), cookie_line))?;
            if bom {
                if name != "utf-8" {
                    return Err(encoding_error(
                        format!("encoding problem: {raw} with BOM"),
                        cookie_line,
                    ));
                }
                (Codec::Utf8, "utf-8-sig".to_string())
            } else {
                (codec, name)
            }
        }
    };
    let text = match codec {
        Codec::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let at = e.valid_up_to();
                let line = 1 + body[..at].iter().filter(|&&b| b == b'\n').count();
                let line_start = body[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                let err = undecodable(&body[line_start..], line);
                return Err(err.unwrap_or_else(|| SyntaxError::new(e.to_string(), line, 0)));
            }
        },
        Codec::Latin1 => body.iter().map(|&b| b as char).collect(),
        Codec::Ascii => match body.iter().position(|&b| b >= 0x80) {
            None => String::from_utf8_lossy(body).into_owned(),
            Some(at) => {
                let line = 1 + body[..at].iter().filter(|&&b| b == b'\n').count();
                return Err(SyntaxError::new(
                    format!(
                        "(unicode error) 'ascii' codec can't decode byte 0x{:02x}",
                        body[at]
                    ),
                    line,
                    0,
                ));
            }
        },
        Codec::Other(enc) => enc.decode_without_bom_handling(body).0.into_owned(),
    };
    Ok(DecodedSource {
        text,
        encoding: name,
    })
}

/// Why the bytes given to `compile()`, `exec()` or `eval()` do not
/// compile, as far as their decoding goes.
#[derive(Debug)]
pub enum SourceError {
    /// A SyntaxError (an undecodable token the parser reached, or an
    /// error before it).
    Syntax(SyntaxError),
    /// A bare `UnicodeDecodeError` of these bytes (a name's) as UTF-8:
    /// CPython's check of the rest of the source after a parser error
    /// meets an undecodable name there and raises the decoder's error.
    Undecodable(Vec<u8>),
}

/// Where the first undecodable token is (1-based line, byte column) and,
/// for a name, its bytes; and the text with each undecodable byte as `_`
/// (a name character, as CPython's tokenizer takes bytes above 0x7f).
struct BadToken {
    line: usize,
    col: usize,
    name: Option<Vec<u8>>,
    text: String,
}

/// Decodes the bytes given to `compile()`, `exec()` or `eval()` as
/// CPython's string tokenizer does: UTF-8 source (no cookie, a `utf-8`
/// one, or a BOM) is decoded token by token there, so undecodable bytes
/// inside comments are never looked at and the source compiles. (A file
/// is checked line by line, comments included: [`decode`].) Other
/// undecodable bytes are an error where CPython's parser meets them:
/// an error earlier in the source comes first (`first_error`).
pub fn decode_string_source(bytes: &[u8]) -> Result<DecodedSource, SourceError> {
    let mut bad = None;
    match decode_string_tokens(bytes, &mut bad) {
        Ok(d) => Ok(d),
        Err(e) => Err(match bad {
            Some(bad) => first_error(e, bad),
            None => SourceError::Syntax(e),
        }),
    }
}

/// The error CPython reports for source whose first undecodable token is
/// `bad` (`decoding` being the SyntaxError for it when the parser reads
/// it): the parser meets that token only if it gets that far. An error
/// before it stands — unless it is a grammar rule's, after which CPython
/// tokenizes the rest of the source (`parser::checks_the_rest`) and an
/// undecodable name there, with no tokenizer error before it, raises the
/// decoder's own `UnicodeDecodeError`. (A string is decoded by the
/// parser, never by that check.) Parsed as `exec` source.
fn first_error(decoding: SyntaxError, bad: BadToken) -> SourceError {
    let text = normalize_newlines(&bad.text);
    let report = super::parser::parse_module_reporting(&text);
    let e = match report.parsed {
        Ok(_) => return SourceError::Syntax(decoding),
        Err(e) => e,
    };
    let before = |line: usize, col: usize| (line, col) < (bad.line, bad.col);
    if !before(report.read_upto.0, report.read_upto.1) {
        return SourceError::Syntax(decoding);
    }
    // (A stray ASCII character is an operator token to CPython's
    // tokenizer, for the parser to reject: its check reads on. An
    // unclosed bracket is found at the end of the input, whatever line
    // the bracket is on.)
    let stopped_before = report.tokenizer_error.is_some_and(|t| {
        before(t.lineno, t.col)
            && !t.msg.starts_with("invalid syntax")
            && !t.msg.ends_with("was never closed")
    });
    let rules_failed = report
        .parser_error
        .is_some_and(|p| super::parser::checks_the_rest(&p));
    match bad.name {
        Some(name) if !stopped_before && rules_failed => SourceError::Undecodable(name),
        _ => SourceError::Syntax(e),
    }
}

/// [`decode_string_source`] up to the first undecodable token: its
/// SyntaxError, with `bad` saying where the token is.
fn decode_string_tokens(
    bytes: &[u8],
    bad_token: &mut Option<BadToken>,
) -> Result<DecodedSource, SyntaxError> {
    let err = match decode(bytes) {
        Ok(d) => return Ok(d),
        Err(e) => e,
    };
    if !err.msg.starts_with("(unicode error) 'utf-8'") {
        return Err(err);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Each undecodable byte becomes one `?`, so offsets stay the same.
    let mut text = Vec::with_capacity(body.len());
    let mut bad = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.extend_from_slice(s.as_bytes());
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                text.extend_from_slice(&rest[..good]);
                let n = e.error_len().unwrap_or(rest.len() - good);
                bad.extend((0..n).map(|k| text.len() + k));
                text.extend(std::iter::repeat_n(b'?', n));
                rest = &rest[good + n..];
            }
        }
    }
    let Ok(text) = String::from_utf8(text) else {
        return Err(err);
    };
    // Comments are found in a copy with universal newlines made without
    // moving any byte (`\r\n` as ` \n`, a lone `\r` as `\n`).
    let mut scan = text.clone().into_bytes();
    for i in 0..scan.len() {
        if scan[i] == b'\r' {
            scan[i] = if scan.get(i + 1) == Some(&b'\n') {
                b' '
            } else {
                b'\n'
            };
        }
    }
    // (ASCII bytes replaced by ASCII bytes: still UTF-8.)
    let scanned = String::from_utf8(scan).unwrap_or_default();
    let tokens = super::tokenizer::tokenize(&scanned, super::tokenizer::Mode::Parse);
    let upto = tokens
        .strict_error
        .as_ref()
        .map_or(tokens.tokens.len(), |(i, _)| *i);
    let comments: Vec<(usize, usize)> = tokens.tokens[..upto]
        .iter()
        .filter(|t| t.kind == super::token::TokenKind::Comment)
        .map(|t| (t.start as usize, t.end as usize))
        .collect();
    // (Both sorted: one walk, however many bytes and comments.)
    let mut next_comment = comments.iter().peekable();
    let outside = bad.iter().find(|&&at| {
        while next_comment.next_if(|&&(_, end)| end <= at).is_some() {}
        next_comment.peek().is_none_or(|&&(start, _)| start > at)
    });
    let Some(&first) = outside else {
        let encoding = if body.len() < bytes.len() {
            "utf-8-sig"
        } else {
            "utf-8"
        };
        return Ok(DecodedSource {
            text,
            encoding: encoding.to_string(),
        });
    };
    // The first undecodable byte outside a comment, reported as CPython
    // decodes the token holding it: a name whole, a string's text between
    // its quotes (positions count from there).
    let at = tokens.tokens[..upto]
        .iter()
        .position(|t| (t.start as usize) <= first && first < t.end as usize);
    let Some(tok) = at.map(|i| &tokens.tokens[i]) else {
        // Past where our tokenizer stopped (it takes the byte for an
        // invalid character): CPython's reads a byte above 0x7f as the
        // start or part of a name.
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        let start = body[..first]
            .iter()
            .rposition(|&b| !ident(b))
            .map_or(0, |p| p + 1);
        let end = body[first..]
            .iter()
            .position(|&b| !ident(b))
            .map_or(body.len(), |p| first + p);
        let line = 1 + body[..first].iter().filter(|&&b| b == b'\n').count();
        let line_start = body[..first]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        *bad_token = Some(BadToken {
            line,
            col: start.saturating_sub(line_start),
            name: Some(body[start..end].to_vec()),
            text: placeholders(&text, &bad),
        });
        return Err(undecodable(&body[start..end], line)
            .map(|e| name_location(e, end - line_start))
            .unwrap_or(err));
    };
    let (start, end) = (tok.start as usize, tok.end as usize);
    let content = match tok.kind {
        super::token::TokenKind::Name => start..end,
        super::token::TokenKind::String => {
            let Some(q) = text[start..end].find(['\'', '"']).map(|q| start + q) else {
                return Err(err);
            };
            let quote = &text[q..q + 1];
            let ql = if text[q..end].starts_with(&quote.repeat(3)) && end - q >= 6 {
                3
            } else {
                1
            };
            if end < q + 2 * ql {
                return Err(err);
            }
            q + ql..end - ql
        }
        _ => return Err(err),
    };
    let Some(e) = undecodable(&body[content.clone()], tok.lineno as usize) else {
        return Err(err);
    };
    *bad_token = Some(BadToken {
        line: tok.lineno as usize,
        col: tok.col as usize,
        name: (tok.kind == super::token::TokenKind::Name).then(|| body[start..end].to_vec()),
        text: placeholders(&text, &bad),
    });
    if text[start..content.start].contains(['b', 'B']) {
        return Err(SyntaxError::spanning(
            "bytes can only contain ASCII literal characters",
            (tok.lineno as usize, tok.col as usize),
            (tok.end_lineno as usize, tok.end_col as usize),
        ));
    }
    if tok.kind == super::token::TokenKind::Name {
        return Err(name_location(e, tok.end_col as usize));
    }
    // CPython decodes a string when the parser takes it, with the token
    // after it (past adjacent strings, newlines inside brackets) read: the
    // error points there.
    use super::token::TokenKind;
    let after = tokens.tokens[at.unwrap_or(0) + 1..]
        .iter()
        .find(|t| !matches!(t.kind, TokenKind::String | TokenKind::Nl));
    Err(match after {
        // (A NEWLINE is empty there, and `\r\n` one character.)
        Some(t) if t.kind == TokenKind::Newline => {
            let crlf = t.start > 0 && text.as_bytes().get(t.start as usize - 1) == Some(&b'\r');
            let col = t.col as usize - usize::from(crlf && t.col > 0);
            let mut e = SyntaxError::new(e.msg, t.lineno as usize, col);
            e.end_col = col;
            e
        }
        Some(t) => SyntaxError::spanning(
            e.msg,
            (t.lineno as usize, t.col as usize),
            (t.end_lineno as usize, t.end_col as usize),
        ),
        None => e,
    })
}

/// `text` (undecodable bytes as `?`) with the bytes at `bad` as `_`.
fn placeholders(text: &str, bad: &[usize]) -> String {
    let mut b = text.as_bytes().to_vec();
    for &at in bad {
        if let Some(x) = b.get_mut(at) {
            *x = b'_';
        }
    }
    // (ASCII replaced by ASCII: still UTF-8.)
    String::from_utf8(b).unwrap_or_default()
}

/// Where CPython points for an undecodable name: the column before its
/// end (`end` is the byte column past it), with no end column.
fn name_location(mut e: SyntaxError, end: usize) -> SyntaxError {
    e.col = end.saturating_sub(1);
    e.end_col = usize::MAX;
    e
}

/// CPython's SyntaxError for a token's text `piece` (at `line`) that is
/// not UTF-8: the first bad byte, its position in the piece and why.
fn undecodable(piece: &[u8], line: usize) -> Option<SyntaxError> {
    let e = std::str::from_utf8(piece).err()?;
    let at = e.valid_up_to();
    let byte = piece[at];
    let reason = if e.error_len().is_none() {
        "unexpected end of data"
    } else if byte >= 0xF5 || (0x80..0xC2).contains(&byte) {
        "invalid start byte"
    } else {
        "invalid continuation byte"
    };
    Some(SyntaxError::new(
        format!(
            "(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: {reason}"
        ),
        line,
        0,
    ))
}

/// Universal newlines, as CPython's tokenizer reads files: `\r\n` and a lone
/// `\r` become `\n`. Columns do not move: `\r` only ever ends a line.
pub fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_and_boms() {
        assert_eq!(
            decode(b"x = 1\n").ok().map(|d| d.encoding),
            Some("utf-8".into())
        );
        let d = decode(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n").expect("latin-1");
        assert_eq!(d.encoding, "iso-8859-1");
        assert!(d.text.contains('é'));
        let d = decode(b"\xEF\xBB\xBFx = 1\n").expect("bom");
        assert_eq!(d.encoding, "utf-8-sig");
        assert_eq!(d.text, "x = 1\n");
        assert!(decode(b"# coding: uft-8\n").is_err());
        assert!(decode(b"x = '\xf6'\n").is_err());
        let d = decode(b"#!/usr/bin/env python\n# coding: koi8-r\nx = '\xc1'\n").expect("koi8");
        assert_eq!(d.encoding, "koi8-r");
        assert!(d.text.contains('а'));
    }
}
