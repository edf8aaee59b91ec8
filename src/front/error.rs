//! Syntax errors as values with positions, and the one place that formats
//! them the way CPython prints an uncaught SyntaxError.

use std::fmt::Write;

/// Which built-in exception class a syntax error is raised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError`, a SyntaxError subclass.
    Indentation,
    /// `TabError`, an IndentationError subclass.
    Tab,
    /// `RecursionError`: source nested deeper than the compiler goes.
    Recursion,
}

impl SyntaxErrorKind {
    /// The exception class name.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
            SyntaxErrorKind::Tab => "TabError",
            SyntaxErrorKind::Recursion => "RecursionError",
        }
    }
}

/// A syntax error found by the front end. Lines are 1-based; columns are
/// 0-based byte offsets into the line, as in AST nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The exception class.
    pub kind: SyntaxErrorKind,
    /// The message, exactly as CPython words it where we know it.
    pub msg: String,
    /// First line of the offending range.
    pub lineno: usize,
    /// Byte column of its start.
    pub col: usize,
    /// Last line of the range.
    pub end_lineno: usize,
    /// Byte column just past its end.
    pub end_col: usize,
    /// Whether CPython prints a caret line (some IndentationErrors have none).
    pub caret: bool,
    /// Raised by the tokenizer rather than a grammar rule (such errors keep
    /// their message inside f-strings).
    pub from_tokenizer: bool,
}

impl SyntaxError {
    /// A `SyntaxError` pointing at one column.
    pub fn new(msg: impl Into<String>, lineno: usize, col: usize) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::Syntax,
            msg: msg.into(),
            lineno,
            col,
            end_lineno: lineno,
            end_col: col + 1,
            caret: true,
            from_tokenizer: false,
        }
    }

    /// A `SyntaxError` covering a range.
    pub fn spanning(
        msg: impl Into<String>,
        (lineno, col): (usize, usize),
        (end_lineno, end_col): (usize, usize),
    ) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::Syntax,
            msg: msg.into(),
            lineno,
            col,
            end_lineno,
            end_col,
            caret: true,
            from_tokenizer: false,
        }
    }

    /// The same error, printed without a caret line.
    pub fn without_caret(mut self) -> Self {
        self.caret = false;
        self
    }

    /// The same error raised as another class.
    pub fn with_kind(mut self, kind: SyntaxErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// Formats the error as CPython prints it for an uncaught exception:
    /// file and line, the source line, a caret line, `Class: message`.
    pub fn render(&self, filename: &str, source: &str) -> String {
        if self.kind == SyntaxErrorKind::Recursion {
            // CPython prints no location for it.
            return format!("{}: {}\n", self.kind.name(), self.msg);
        }
        let mut out = String::new();
        if self.lineno == 0 {
            let _ = writeln!(out, "{}: {}", self.kind.name(), self.msg);
            return out;
        }
        let _ = writeln!(out, "  File \"{}\", line {}", filename, self.lineno);
        let line = if self.lineno >= 1 {
            source.split_inclusive('\n').nth(self.lineno - 1)
        } else {
            None
        };
        if let Some(line) = line {
            let line = line.trim_end_matches(['\n', '\r']);
            // CPython prints the line as a C string: up to a NUL byte.
            let line = line.split('\0').next().unwrap_or_default();
            let chars_before = |byte_col: usize| -> usize {
                let b = byte_col.min(line.len());
                line.get(..b).map_or(b, |s| s.chars().count()) + byte_col.saturating_sub(line.len())
            };
            let stripped = line.trim_start_matches([' ', '\t', '\x0c']);
            let lead = line.len() - stripped.len();
            let len_chars = stripped.chars().count();
            let offset = chars_before(self.col) as isize - lead as isize;
            let _ = writeln!(out, "    {stripped}");
            if offset >= 0 && self.caret {
                let offset = (offset as usize).min(len_chars);
                let end = if self.end_lineno == self.lineno && self.end_col > self.col {
                    (chars_before(self.end_col) - lead).min(len_chars + 1)
                } else if self.end_lineno > self.lineno {
                    // A range over several lines: to the end of the first.
                    len_chars.max(offset + 1)
                } else {
                    offset + 1
                };
                let carets = end.saturating_sub(offset).max(1);
                let _ = writeln!(out, "    {}{}", " ".repeat(offset), "^".repeat(carets));
            }
        }
        let _ = writeln!(out, "{}: {}", self.kind.name(), self.msg);
        out
    }
}
