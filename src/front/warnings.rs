//! Warnings found while reading and compiling source text: CPython's
//! tokenizer warns of invalid escape sequences and of a number run into
//! a keyword (`DeprecationWarning`), its compiler of code that cannot be
//! what was meant (`SyntaxWarning`: `x is 1`, `assert (x, "msg")`,
//! `(1, 2) (3, 4)`). The front end and compiler have no interpreter to
//! warn through, so they record each warning here, with the SyntaxError it
//! becomes when a warnings filter turns it into an error; whoever
//! compiled the text issues them (`vm::eval_exec::issue_compile_warnings`)
//! before running the code.

use super::error::SyntaxError;
use std::cell::RefCell;

/// The category of a compile-time warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningKind {
    /// `SyntaxWarning` (the compiler's).
    Syntax,
    /// `DeprecationWarning` (the tokenizer's).
    Deprecation,
}

/// One warning: its category and, as a SyntaxError, its message and
/// place (the error it becomes under `-W error`).
#[derive(Clone, Debug)]
pub struct CompileWarning {
    pub kind: WarningKind,
    pub error: SyntaxError,
}

thread_local! {
    static FOUND: RefCell<Vec<CompileWarning>> = const { RefCell::new(Vec::new()) };
}

/// Records a warning of the text being compiled.
pub fn warn(kind: WarningKind, error: SyntaxError) {
    FOUND.with(|f| {
        let mut found = f.borrow_mut();
        // A text read twice (the parser's second pass for error reports)
        // warns once.
        let seen = found.iter().any(|w| {
            w.kind == kind
                && w.error.msg == error.msg
                && (w.error.lineno, w.error.col) == (error.lineno, error.col)
        });
        if !seen {
            found.push(CompileWarning { kind, error });
        }
    });
}

/// The warnings recorded since the last `take` (the compile entry points
/// start with one, so a compilation sees only its own).
pub fn take() -> Vec<CompileWarning> {
    FOUND.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

/// Puts the warnings recorded so far in source order: the tokenizer
/// reads the whole text before the parser decodes a literal, while
/// CPython's reads as its parser goes (called when parsing is done,
/// before the compiler's own warnings).
pub fn order_by_place() {
    FOUND.with(|f| {
        f.borrow_mut()
            .sort_by_key(|w| (w.error.lineno, w.error.col))
    });
}
