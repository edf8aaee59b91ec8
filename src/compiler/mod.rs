//! The compiler: AST → code objects.
//!
//! One [`codegen::Compiler`] per code object walks the tree and emits
//! instructions whose jumps name labels; [`assemble`] lays them out as
//! wordcode; the verifier of `taipan-bytecode` computes the stack size and
//! checks the result. Function bodies keep their variables in fast local
//! slots ([`symtable`]); module code keeps them in the module's namespace.
//! Each entry point starts a fresh list of compile-time warnings
//! (`front::warnings`) that its caller issues.

pub mod assemble;
pub mod codegen;
pub mod declarations;
pub mod mangle;
pub mod symtable;
pub mod unparse;

use crate::front::error::SyntaxError;
use std::sync::Arc;
use taipan_bytecode::code::CodeObject;

/// Compiles the source text of an `eval()` (an expression).
pub fn compile_eval_source(
    text: &str,
    filename: &str,
) -> Result<Arc<CodeObject>, crate::front::error::SyntaxError> {
    crate::front::warnings::take();
    let e = crate::front::parser::parse_eval(text)?;
    Ok(Arc::new(codegen::compile_expression(&e, filename)?))
}

/// Parses and compiles a module's source text, already decoded (a str
/// given to `exec` or `compile`: a coding cookie in it is a comment).
pub fn compile_text_source(
    text: &str,
    filename: &str,
) -> Result<(Arc<CodeObject>, String), (SyntaxError, String)> {
    crate::front::warnings::take();
    let text = crate::front::source::normalize_newlines(text).into_owned();
    let mut module = crate::front::parser::parse_module(&text).map_err(|e| (e, text.clone()))?;
    mangle::module(&mut module.body);
    let code = codegen::compile_module(&module, filename).map_err(|e| (e, text.clone()))?;
    Ok((Arc::new(code), text))
}

/// Compiles text typed at the interactive prompt, or given to
/// `compile(..., "single")` ([`codegen::compile_interactive`]).
pub fn compile_interactive_source(
    text: &str,
    filename: &str,
) -> Result<(Arc<CodeObject>, String), (SyntaxError, String)> {
    crate::front::warnings::take();
    let text = crate::front::source::normalize_newlines(text).into_owned();
    let mut module = crate::front::parser::parse_module(&text).map_err(|mut e| {
        // A block left open at the end of the input: CPython's
        // interactive tokenizer puts the caret just past the header's
        // end (a file's tokenizer puts none).
        if e.kind == crate::front::error::SyntaxErrorKind::Indentation
            && !e.caret
            && e.msg.starts_with("expected an indented block")
        {
            if let Some(line) = text.lines().nth(e.lineno.saturating_sub(1)) {
                e.caret = true;
                e.col = line.len();
                e.end_col = line.len();
            } else if let Some(last) = text.lines().last().filter(|_| !text.ends_with('\n')) {
                // (No line break at the end: on the last character.)
                e.lineno = text.lines().count();
                e.end_lineno = e.lineno;
                e.caret = true;
                e.col = last.len().saturating_sub(1);
                e.end_col = last.len();
            }
        }
        (e, text.clone())
    })?;
    mangle::module(&mut module.body);
    // One statement: a compound one, or simple ones on one line (`a; b`),
    // with CPython's errors for more.
    if let (Some(first), Some(second)) = (module.body.first(), module.body.get(1)) {
        let compound = first.kind.is_compound();
        let e = if compound {
            Some(crate::front::error::SyntaxError::new(
                "invalid syntax",
                second.loc.lineno as usize,
                second.loc.col as usize,
            ))
        } else if module.body[1..]
            .iter()
            .any(|s| s.loc.lineno != first.loc.lineno)
        {
            Some(crate::front::error::SyntaxError::new(
                "multiple statements found while compiling a single statement",
                first.loc.end_lineno as usize,
                first.loc.end_col as usize,
            ))
        } else {
            None
        };
        if let Some(e) = e {
            return Err((e, text));
        }
    }
    let code = codegen::compile_interactive(&module, filename).map_err(|e| (e, text.clone()))?;
    Ok((Arc::new(code), text))
}

/// Compiles a file's bytes (decoded by their PEP 263 cookie or as UTF-8)
/// as a module.
pub fn compile_source(
    bytes: &[u8],
    filename: &str,
) -> Result<(Arc<CodeObject>, String), (SyntaxError, String)> {
    crate::front::warnings::take();
    let text = crate::front::parser_text(bytes).map_err(|e| (e, String::new()))?;
    let mut module = crate::front::parser::parse_module(&text).map_err(|e| (e, text.clone()))?;
    mangle::module(&mut module.body);
    let code = codegen::compile_module(&module, filename).map_err(|e| (e, text.clone()))?;
    Ok((Arc::new(code), text))
}
