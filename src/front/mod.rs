//! The front end: source bytes → text → tokens → AST, with CPython's
//! SyntaxErrors. `--tokens` and `--ast` show its two products.

pub mod ast;
pub mod dump;
pub mod error;
pub mod parser;
pub mod source;
pub mod token;
pub mod tokenizer;
pub mod warnings;

use error::SyntaxError;
use std::fmt::Write;

/// Maps byte columns to the character columns `tokenize` prints.
struct CharColumns<'s> {
    src: &'s str,
    line_starts: Vec<usize>,
}

impl<'s> CharColumns<'s> {
    fn new(src: &'s str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        CharColumns { src, line_starts }
    }

    fn char_col(&self, line: usize, byte_col: usize) -> usize {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else {
            return byte_col;
        };
        let text = &self.src[start..];
        let text = &text[..text.find('\n').map_or(text.len(), |n| n + 1)];
        if byte_col <= text.len() {
            match text.get(..byte_col) {
                Some(prefix) if !prefix.is_ascii() => prefix.chars().count(),
                _ => byte_col,
            }
        } else {
            text.chars().count() + (byte_col - text.len())
        }
    }
}

/// `python3 -m tokenize FILE`: the token listing for stdout, and the error
/// line for stderr if tokenizing stopped early.
pub fn dump_tokens(bytes: &[u8], filename: &str) -> (String, Option<String>) {
    let decoded = match source::decode(bytes) {
        Ok(d) => d,
        Err(e) => {
            return (
                String::new(),
                Some(format!(
                    "{filename}: error: {}\n",
                    tokenize_encoding_message(&e.msg, filename)
                )),
            )
        }
    };
    let src = decoded.text.as_str();
    let result = tokenizer::tokenize(src, tokenizer::Mode::Tokenize);
    let cols = CharColumns::new(src);
    let mut out = String::with_capacity(src.len() * 4);
    let encoding = if decoded.encoding == "utf-8-sig" {
        "utf-8"
    } else {
        &decoded.encoding
    };
    let _ = writeln!(
        out,
        "{:<20}{:<15}{:<15}",
        "0,0-0,0:",
        "ENCODING",
        crate::pyrepr::repr_str(&crate::wtf8::Wtf8Buf::from_text(encoding))
    );
    for tok in &result.tokens {
        let range = format!(
            "{},{}-{},{}:",
            tok.lineno,
            cols.char_col(tok.lineno as usize, tok.col as usize),
            tok.end_lineno,
            cols.char_col(tok.end_lineno as usize, tok.end_col as usize)
        );
        let text = &src[tok.start as usize..tok.end as usize];
        let _ = writeln!(
            out,
            "{:<20}{:<15}{:<15}",
            range,
            tok.kind.name(),
            crate::pyrepr::repr_str(&crate::wtf8::Wtf8Buf::from_text(text))
        );
    }
    let err = result.fatal.map(|e: SyntaxError| {
        format!(
            "{filename}:{}:{}: error: {}\n",
            e.lineno,
            cols.char_col(e.lineno, e.col),
            e.msg
        )
    });
    (out, err)
}

/// Source text as the parser reads it: decoded, newlines normalised.
pub fn parser_text(bytes: &[u8]) -> Result<String, SyntaxError> {
    let decoded = source::decode(bytes)?;
    Ok(source::normalize_newlines(&decoded.text).into_owned())
}

/// Parses a file's bytes into a module, as `ast.parse(bytes)` does. On
/// error, also returns the text the error's line refers to.
pub fn parse_file(bytes: &[u8]) -> Result<ast::Module, (SyntaxError, String)> {
    let text = parser_text(bytes).map_err(|e| (e, String::new()))?;
    parser::parse_module(&text).map_err(|e| (e, text))
}

/// `ast.dump(ast.parse(bytes), include_attributes=…)`, or the SyntaxError
/// rendered as CPython prints it.
pub fn dump_ast(bytes: &[u8], filename: &str, include_attributes: bool) -> Result<String, String> {
    match parse_file(bytes) {
        Ok(module) => Ok(dump::dump_module(&module, include_attributes)),
        Err((err, text)) => Err(err.render(filename, &text)),
    }
}

/// `tokenize.detect_encoding`'s wording of an encoding problem.
fn tokenize_encoding_message(msg: &str, filename: &str) -> String {
    let name = crate::pyrepr::repr_str(&crate::wtf8::Wtf8Buf::from_text(filename));
    if let Some(enc) = msg.strip_prefix("unknown encoding: ") {
        format!("unknown encoding for {name}: {enc}")
    } else if msg.starts_with("encoding problem: ") {
        format!("encoding problem for {name}: utf-8")
    } else {
        format!("invalid or missing encoding declaration for {name}")
    }
}
