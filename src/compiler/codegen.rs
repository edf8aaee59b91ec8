//! Code generation: statements and expressions to instructions.
//!
//! The shapes follow CPython 3.11's compiler where the subset overlaps
//! (chained comparisons with SWAP/COPY, `and`/`or` with
//! JUMP_IF_*_OR_POP, `for` with GET_ITER/FOR_ITER, keyword arguments with
//! KW_NAMES + CALL). Every instruction carries the source range of the
//! node it was emitted for, which tracebacks use for their carets.
//! Constructs beyond the current subset are rejected with a SyntaxError
//! that says so, never compiled wrongly.

use super::assemble::{assemble, exception_table, Handler, Instr, Label, JUMP};
use super::declarations::{check, Block};
use super::symtable::{
    class_frees, comprehension_body, param_names, resolve_function, resolve_lambda,
    COMPREHENSION_ARG,
};
use crate::front::ast::*;
use crate::front::error::SyntaxError;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use taipan_bytecode::code::{flags, CodeObject, ConstValue, Position};
use taipan_bytecode::opcode::{BinaryOp, CompareOp, Opcode};

mod exceptions;
mod expressions;
use expressions::binop_arg;
mod functions;
mod patterns;
mod warnings;

type CResult<T> = Result<T, SyntaxError>;

/// Compiles a parsed module.
pub fn compile_module(module: &Module, filename: &str) -> CResult<CodeObject> {
    compile_module_code(module, filename, false)
}

/// Compiles code typed at the interactive prompt (`compile(..., "single")`):
/// as a module, but each expression statement outside function and class
/// bodies shows its value through `sys.displayhook` (`PRINT_EXPR`), and a
/// leading string is such a statement, not a docstring.
pub fn compile_interactive(module: &Module, filename: &str) -> CResult<CodeObject> {
    compile_module_code(module, filename, true)
}

fn compile_module_code(module: &Module, filename: &str, interactive: bool) -> CResult<CodeObject> {
    let mut c = Compiler::new(
        "<module>".into(),
        "<module>".into(),
        filename,
        1,
        Scope::Module,
    );
    (c.future_annotations, c.future_lineno) = future_features(&module.body)?;
    c.interactive = interactive;
    c.module_imports = std::rc::Rc::new(super::symtable::scan_function(&module.body).imported);
    check(Block::Module, &[], &module.body, &BTreeSet::new())
        .map_err(|(msg, at)| error_at(at, &msg))?;
    // As in CPython, a module's RESUME belongs to line 0.
    c.cur = Position::default();
    c.emit(Opcode::RESUME, 0);
    if has_annotations(&module.body) {
        c.cur = c.pos_of(module.body[0].loc);
        c.emit(Opcode::SETUP_ANNOTATIONS, 0);
    }
    // A docstring becomes `__doc__`, as CPython's `compiler_body` does.
    let mut body: &[Stmt] = &module.body;
    if let Some(doc) = functions::docstring_of(body).filter(|_| !interactive) {
        c.cur = c.pos_of(body[0].loc);
        let k = c.add_const(ConstValue::Str(doc));
        c.emit(Opcode::LOAD_CONST, k);
        let n = c.add_name("__doc__");
        c.emit(Opcode::STORE_NAME, n);
        body = &body[1..];
    }
    for st in body {
        c.stmt(st)?;
    }
    c.cur = Position::default();
    if let Some(last) = module.body.last() {
        c.cur = c.pos_of(last.loc);
    }
    let none = c.add_const(ConstValue::None);
    c.emit(Opcode::LOAD_CONST, none);
    c.emit(Opcode::RETURN_VALUE, 0);
    c.finish(0, 0, 0, 0)
}

/// Compiles the expression of an `eval()`: module-level code that
/// returns its value.
pub fn compile_expression(e: &Expr, filename: &str) -> CResult<CodeObject> {
    let mut c = Compiler::new(
        "<module>".into(),
        "<module>".into(),
        filename,
        1,
        Scope::Module,
    );
    c.cur = Position::default();
    c.emit(Opcode::RESUME, 0);
    c.expr(e)?;
    c.cur = c.pos_of(e.loc);
    c.emit(Opcode::RETURN_VALUE, 0);
    c.finish(0, 0, 0, 0)
}

/// The features CPython 3.11 knows (`Python/future.c`); only
/// `annotations` changes what Taipan compiles, the others are mandatory
/// long since.
const FUTURE_FEATURES: [&str; 10] = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// A module's `from __future__ import …` statements, checked as
/// CPython's `future_parse` does: they may follow only the docstring and
/// each other; a feature must exist (`braces`: "not a chance"). Returns
/// whether `annotations` is on and the line of the last valid one (0:
/// none); a `from __future__` import on a later line, anywhere, is
/// refused when it is compiled.
fn future_features(body: &[Stmt]) -> CResult<(bool, usize)> {
    let (mut annotations, mut last_line) = (false, 0);
    let mut done = false;
    let mut prev_line = 0;
    let skip = usize::from(functions::docstring_of(body).is_some());
    for st in &body[skip..] {
        let line = st.loc.lineno as usize;
        if done && line > prev_line {
            break;
        }
        prev_line = line;
        match &st.kind {
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                ..
            } if m == "__future__" => {
                if done {
                    // CPython's location here is the raw column (the
                    // offset one before the statement).
                    return Err(SyntaxError::new(
                        LATE_FUTURE,
                        line,
                        (st.loc.col as usize).saturating_sub(1),
                    ));
                }
                for a in names {
                    let at = || SyntaxError::new("", line, st.loc.col as usize);
                    if a.name == "braces" {
                        return Err(SyntaxError {
                            msg: "not a chance".into(),
                            ..at()
                        });
                    }
                    if !FUTURE_FEATURES.contains(&a.name.as_str()) {
                        return Err(SyntaxError {
                            msg: format!("future feature {} is not defined", a.name),
                            ..at()
                        });
                    }
                    annotations |= a.name == "annotations";
                }
                last_line = line;
            }
            _ => done = true,
        }
    }
    Ok((annotations, last_line))
}

/// CPython's message for a `from __future__` import after other code.
const LATE_FUTURE: &str = "from __future__ imports must occur at the beginning of the file";

/// Whether a module or class body annotates a simple name anywhere in its
/// own statements (not in nested functions or classes): then it gets an
/// `__annotations__` dict (CPython's `find_ann`).
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|st| match &st.kind {
        StmtKind::AnnAssign { simple, .. } => *simple,
        StmtKind::For(f) | StmtKind::AsyncFor(f) => {
            has_annotations(&f.body) || has_annotations(&f.orelse)
        }
        StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
            has_annotations(body) || has_annotations(orelse)
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => has_annotations(&w.body),
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| has_annotations(&h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

#[derive(Clone, Debug)]
enum Scope {
    Module,
    /// A class body: names live in the class namespace, as at module
    /// level; `frees` are variables of enclosing functions it (or its
    /// methods) use.
    Class {
        frees: Vec<String>,
    },
    Function {
        /// `co_varnames`.
        locals: Vec<String>,
        globals: BTreeSet<String>,
        /// `co_cellvars`.
        cells: Vec<String>,
        /// `co_freevars`.
        frees: Vec<String>,
    },
}

/// A block being compiled that `return`, `break` and `continue` must
/// leave properly (CPython's compiler "fblocks").
#[derive(Clone)]
enum FBlockKind {
    /// A loop: where `continue` and `break` go; a `for` loop keeps its
    /// iterator on the stack.
    Loop {
        continue_to: Label,
        break_to: Label,
        is_for: bool,
    },
    /// The body of a `try`: leaving it ends the protected range.
    TryBody,
    /// The body of a `try` with `finally`: leaving it runs the final body.
    FinallyTry(Vec<Stmt>),
    /// An `except` body: the previously handled exception is on the stack;
    /// leaving restores it (and clears the `as` name).
    Handler(Option<String>),
    /// An `except*` body: the previously handled exception, the original
    /// exception, the list of what the clauses raise and the part not
    /// handled yet are on the stack. `break`, `continue` and `return`
    /// cannot leave it.
    StarHandler,
    /// The final body on the exception path: the previously handled
    /// exception and the exception are on the stack.
    FinallyEnd,
    /// A `with` body: the manager's bound `__exit__` is on the stack;
    /// leaving calls it with three Nones.
    With {
        /// `async with`: the `__aexit__` result is awaited.
        is_async: bool,
    },
    /// A final body run by `return`: the return value waits under it, so
    /// a `break`, `continue` or `return` there drops it (CPython's
    /// POP_VALUE fblock).
    PopValue,
}

#[derive(Clone)]
struct FBlock {
    kind: FBlockKind,
    /// Length of the handler stack outside this block.
    handlers_before: usize,
}

impl FBlock {
    /// Values the block keeps on the stack under its statements.
    fn held(&self) -> u32 {
        match self.kind {
            FBlockKind::Loop { is_for: true, .. }
            | FBlockKind::Handler(_)
            | FBlockKind::With { .. }
            | FBlockKind::PopValue => 1,
            FBlockKind::FinallyEnd => 2,
            FBlockKind::StarHandler => 4,
            _ => 0,
        }
    }
}

struct Compiler<'f> {
    name: String,
    qualname: String,
    filename: &'f str,
    firstlineno: u32,
    scope: Scope,
    instrs: Vec<Instr>,
    label_at: Vec<usize>,
    /// `instrs.len()` when the last label was placed: no instruction
    /// there may fuse with the one before it (a jump lands between them).
    last_placed: usize,
    consts: Vec<ConstValue>,
    /// Where each constant of `consts` is.
    const_index: HashMap<ConstKey, u32>,
    names: Vec<String>,
    name_index: HashMap<String, u32>,
    fblocks: Vec<FBlock>,
    /// Every exception handler of the code, by index.
    handler_defs: Vec<Handler>,
    /// The handlers covering the code being emitted, innermost last.
    handler_stack: Vec<u32>,
    /// Values kept on the stack below the current statement besides the
    /// fblocks' (a return value while a final body is inlined).
    extra_depth: u32,
    cur: Position,
    /// Names bound in the enclosing function scopes: reading one from
    /// here would need a closure, which is not compiled yet.
    enclosing: BTreeSet<String>,
    /// The innermost enclosing class's name as written (private names
    /// in it are mangled: `compiler::mangle`), for the names of its
    /// defs and classes.
    private: Option<String>,
    /// `from __future__ import annotations`: annotations are kept as
    /// their source text instead of being evaluated (PEP 563).
    future_annotations: bool,
    /// The line of the module's last valid `from __future__` import (0:
    /// none): one on a later line is an error.
    future_lineno: usize,
    /// Code for the interactive prompt's module level: expression
    /// statements show their values (`PRINT_EXPR`). Nested function and
    /// class bodies are compiled without it, as CPython's are.
    interactive: bool,
    /// The names the module's own body imports: `name.attr(...)` on one
    /// of them compiles to LOAD_ATTR and a call on NULL, not LOAD_METHOD
    /// (CPython 3.11's `is_import_originated`: a module's functions are
    /// no methods).
    module_imports: std::rc::Rc<BTreeSet<String>>,
    /// Compiling an `async def` body: `await`, `async for` and `async
    /// with` are allowed.
    is_async: bool,
    /// A comprehension inside an `async def`: an `await` in it would make
    /// it an asynchronous comprehension.
    comprehension_in_async: bool,
    /// The comprehension this code object is the body of, if any: `yield`
    /// is a SyntaxError there.
    comprehension_kind: Option<CompKind>,
    /// Compiling an asynchronous generator (`async def` with `yield`):
    /// each `yield` wraps its value (ASYNC_GEN_WRAP) and `return` takes
    /// none.
    is_async_generator: bool,
}

fn unsupported(loc: Loc, what: &str) -> SyntaxError {
    SyntaxError::spanning(
        format!("{what} are not supported by Taipan yet"),
        (loc.lineno as usize, loc.col as usize),
        (loc.end_lineno as usize, loc.end_col as usize),
    )
}

fn error_at(loc: Loc, msg: &str) -> SyntaxError {
    SyntaxError::spanning(
        msg,
        (loc.lineno as usize, loc.col as usize),
        (loc.end_lineno as usize, loc.end_col as usize),
    )
}

/// A constant as `co_consts` deduplicates it: by type and value, so that
/// `1`, `1.0`, `True` and `0.0` / `-0.0` stay distinct (floats by their
/// bits), code objects by identity. Hashable, so that finding a constant
/// is one lookup however many the code has.
#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    BigInt(String),
    Float(u64),
    Complex(u64, u64),
    Str(String),
    Bytes(Vec<u8>),
    WtfStr(Vec<u8>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(usize),
    Ellipsis,
}

impl ConstKey {
    fn of(k: &ConstValue) -> ConstKey {
        match k {
            ConstValue::None => ConstKey::None,
            ConstValue::Bool(b) => ConstKey::Bool(*b),
            ConstValue::Int(i) => ConstKey::Int(*i),
            ConstValue::BigInt(s) => ConstKey::BigInt(s.clone()),
            ConstValue::Float(f) => ConstKey::Float(f.to_bits()),
            ConstValue::Complex(a, b) => ConstKey::Complex(a.to_bits(), b.to_bits()),
            ConstValue::Str(s) => ConstKey::Str(s.clone()),
            ConstValue::WtfStr(s) => ConstKey::WtfStr(s.as_bytes().to_vec()),
            ConstValue::Bytes(b) => ConstKey::Bytes(b.clone()),
            ConstValue::Tuple(t) => ConstKey::Tuple(t.iter().map(ConstKey::of).collect()),
            ConstValue::FrozenSet(t) => ConstKey::FrozenSet(t.iter().map(ConstKey::of).collect()),
            ConstValue::Code(c) => ConstKey::Code(Arc::as_ptr(c) as usize),
            ConstValue::Ellipsis => ConstKey::Ellipsis,
        }
    }
}

impl<'f> Compiler<'f> {
    fn new(
        name: String,
        qualname: String,
        filename: &'f str,
        firstlineno: u32,
        scope: Scope,
    ) -> Self {
        Compiler {
            name,
            qualname,
            filename,
            firstlineno,
            scope,
            instrs: Vec::new(),
            label_at: Vec::new(),
            last_placed: usize::MAX,
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            fblocks: Vec::new(),
            handler_defs: Vec::new(),
            handler_stack: Vec::new(),
            extra_depth: 0,
            enclosing: BTreeSet::new(),
            private: None,
            future_annotations: false,
            future_lineno: 0,
            interactive: false,
            module_imports: Default::default(),
            is_async: false,
            comprehension_in_async: false,
            comprehension_kind: None,
            is_async_generator: false,
            cur: Position {
                lineno: firstlineno,
                end_lineno: firstlineno,
                col: 0,
                end_col: 0,
            },
        }
    }

    fn pos_of(&self, loc: Loc) -> Position {
        Position {
            lineno: loc.lineno,
            end_lineno: loc.end_lineno,
            col: loc.col,
            end_col: loc.end_col,
        }
    }

    fn emit(&mut self, op: Opcode, arg: u32) {
        // `PUSH_NULL; LOAD_GLOBAL` is one LOAD_GLOBAL with its NULL bit
        // (CPython 3.11's `NULL + name`), unless a jump lands on it.
        if op == Opcode::LOAD_GLOBAL
            && arg & 1 == 0
            && self.last_placed != self.instrs.len()
            && self
                .instrs
                .last()
                .is_some_and(|i| i.op == Opcode::PUSH_NULL)
        {
            self.instrs.pop();
            return self.emit(op, arg | 1);
        }
        self.instrs.push(Instr {
            op,
            arg,
            target: None,
            pos: self.cur,
            handler: self.handler_stack.last().copied(),
        });
    }

    /// PRECALL and CALL of `argc` arguments (CPython 3.11's call).
    fn emit_call(&mut self, argc: u32) {
        self.emit(Opcode::PRECALL, argc);
        self.emit(Opcode::CALL, argc);
    }

    fn emit_jump(&mut self, op: Opcode, to: Label) {
        self.instrs.push(Instr {
            op,
            arg: 0,
            target: Some(to),
            pos: self.cur,
            handler: self.handler_stack.last().copied(),
        });
    }

    /// The stack depth at statement level here.
    fn stmt_depth(&self) -> u32 {
        self.fblocks.iter().map(FBlock::held).sum::<u32>() + self.extra_depth
    }

    /// Starts covering the code emitted next with a handler at `label`
    /// whose stack is `extra` values above the statement level.
    fn push_handler(&mut self, label: Label, extra: u32, lasti: bool) {
        let depth = self.stmt_depth() + extra;
        self.handler_defs.push(Handler {
            label,
            depth,
            lasti,
        });
        self.handler_stack.push(self.handler_defs.len() as u32 - 1);
    }

    /// Enters the body of a loop (`is_for`: its iterator held on the
    /// stack); gives the handler-stack length outside it.
    fn push_loop(&mut self, top: Label, end: Label, is_for: bool) -> usize {
        let hb = self.handler_stack.len();
        self.push_fblock(
            FBlockKind::Loop {
                continue_to: top,
                break_to: end,
                is_for,
            },
            hb,
        );
        hb
    }

    fn push_fblock(&mut self, kind: FBlockKind, handlers_before: usize) {
        self.fblocks.push(FBlock {
            kind,
            handlers_before,
        });
    }

    fn new_label(&mut self) -> Label {
        self.label_at.push(usize::MAX);
        Label(self.label_at.len() as u32 - 1)
    }

    fn place(&mut self, l: Label) {
        self.label_at[l.0 as usize] = self.instrs.len();
        self.last_placed = self.instrs.len();
    }

    fn add_const(&mut self, k: ConstValue) -> u32 {
        let key = ConstKey::of(&k);
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        self.consts.push(k);
        let i = self.consts.len() as u32 - 1;
        self.const_index.insert(key, i);
        i
    }

    fn add_name(&mut self, n: &str) -> u32 {
        if let Some(&i) = self.name_index.get(n) {
            return i;
        }
        self.names.push(n.to_string());
        let i = self.names.len() as u32 - 1;
        self.name_index.insert(n.to_string(), i);
        i
    }

    fn finish(
        mut self,
        argcount: u32,
        posonly: u32,
        kwonly: u32,
        co_flags: u32,
    ) -> CResult<CodeObject> {
        // A label at the very end must still point at an instruction.
        let end = self.instrs.len();
        if self.label_at.iter().any(|&i| i >= end) {
            let none = self.add_const(ConstValue::None);
            self.emit(Opcode::LOAD_CONST, none);
            self.emit(Opcode::RETURN_VALUE, 0);
        }
        let (code, positions, starts) =
            assemble(&mut self.instrs, &self.label_at).map_err(|m| {
                SyntaxError::new(
                    format!("internal compiler error: {m}"),
                    self.firstlineno as usize,
                    0,
                )
            })?;
        let (varnames, cellvars, freevars) = match &self.scope {
            Scope::Function {
                locals,
                cells,
                frees,
                ..
            } => (locals.clone(), cells.clone(), frees.clone()),
            Scope::Class { frees } => (Vec::new(), Vec::new(), frees.clone()),
            Scope::Module => (Vec::new(), Vec::new(), Vec::new()),
        };
        let exception_table =
            exception_table(&self.instrs, &starts, &self.label_at, &self.handler_defs);
        let mut obj = CodeObject {
            name: self.name,
            qualname: self.qualname,
            filename: self.filename.to_string(),
            firstlineno: self.firstlineno,
            argcount,
            posonlyargcount: posonly,
            kwonlyargcount: kwonly,
            flags: co_flags,
            stacksize: 0,
            code,
            consts: self.consts,
            names: self.names,
            varnames,
            cellvars,
            freevars,
            positions,
            exception_table,
        };
        let (_, max) = taipan_bytecode::verify::stack_depths(&obj).map_err(|e| {
            SyntaxError::new(
                format!("internal compiler error: {}", e.0),
                obj.firstlineno as usize,
                0,
            )
        })?;
        obj.stacksize = max;
        taipan_bytecode::verify::verify_shallow(&obj).map_err(|e| {
            SyntaxError::new(
                format!("internal compiler error: {}", e.0),
                obj.firstlineno as usize,
                0,
            )
        })?;
        Ok(obj)
    }

    // ---- names --------------------------------------------------------

    fn local_index(&self, name: &str) -> Option<u32> {
        match &self.scope {
            Scope::Function {
                locals, globals, ..
            } if !globals.contains(name) => locals.iter().position(|n| n == name).map(|i| i as u32),
            _ => None,
        }
    }

    /// The frame slot of a cell or free variable (CPython's localsplus
    /// order: fast locals, cells that are not parameters, free variables).
    fn deref_index(&self, name: &str) -> Option<u32> {
        let (locals, cells, frees): (&[String], &[String], &[String]) = match &self.scope {
            Scope::Function {
                locals,
                cells,
                frees,
                ..
            } => (locals, cells, frees),
            Scope::Class { frees } => (&[], &[], frees),
            Scope::Module => return None,
        };
        if cells.iter().any(|c| c == name) {
            if let Some(i) = locals.iter().position(|n| n == name) {
                return Some(i as u32);
            }
            let extra = cells.iter().filter(|c| !locals.contains(c));
            return extra
                .clone()
                .position(|c| c == name)
                .map(|i| (locals.len() + i) as u32);
        }
        let ncells = cells.iter().filter(|c| !locals.contains(c)).count();
        frees
            .iter()
            .position(|f| f == name)
            .map(|i| (locals.len() + ncells + i) as u32)
    }

    /// How a name is reached here.
    fn name_kind(&self, name: &str) -> NameKind {
        match &self.scope {
            Scope::Module => NameKind::Namespace,
            Scope::Class { frees } if frees.iter().any(|f| f == name) => NameKind::ClassDeref,
            Scope::Class { .. } => NameKind::Namespace,
            Scope::Function { globals, .. } if globals.contains(name) => NameKind::Global,
            Scope::Function { .. } => match (self.deref_index(name), self.local_index(name)) {
                (Some(i), _) => NameKind::Deref(i),
                (None, Some(i)) => NameKind::Fast(i),
                (None, None) => NameKind::Global,
            },
        }
    }

    fn load_name(&mut self, name: &str) {
        match self.name_kind(name) {
            NameKind::Fast(i) => self.emit(Opcode::LOAD_FAST, i),
            NameKind::Deref(i) => self.emit(Opcode::LOAD_DEREF, i),
            NameKind::ClassDeref => {
                let i = self.deref_index(name).unwrap_or(0);
                self.emit(Opcode::LOAD_CLASSDEREF, i)
            }
            NameKind::Namespace => {
                let i = self.add_name(name);
                self.emit(Opcode::LOAD_NAME, i)
            }
            NameKind::Global => {
                let i = self.add_name(name);
                self.emit(Opcode::LOAD_GLOBAL, i << 1)
            }
        }
    }

    fn store_name(&mut self, name: &str) {
        match self.name_kind(name) {
            NameKind::Fast(i) => self.emit(Opcode::STORE_FAST, i),
            NameKind::Deref(i) => self.emit(Opcode::STORE_DEREF, i),
            NameKind::Namespace | NameKind::ClassDeref => {
                let i = self.add_name(name);
                self.emit(Opcode::STORE_NAME, i)
            }
            NameKind::Global => {
                let i = self.add_name(name);
                self.emit(Opcode::STORE_GLOBAL, i)
            }
        }
    }

    /// `del t`: a name, subscript or attribute; a tuple or list of targets
    /// deletes each in turn (`del (a, b[0])`).
    fn delete_target(&mut self, t: &Expr) -> CResult<()> {
        self.cur = self.pos_of(t.loc);
        match &t.kind {
            ExprKind::Name { id, .. } => self.delete_name(id),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.cur = self.pos_of(t.loc);
                self.emit(Opcode::DELETE_SUBSCR, 0);
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                self.cur = self.pos_of(t.loc);
                let n = self.add_name(attr);
                self.emit(Opcode::DELETE_ATTR, n);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for e in elts {
                    self.delete_target(e)?;
                }
            }
            _ => return Err(unsupported(t.loc, "deletions of this kind of target")),
        }
        Ok(())
    }

    fn delete_name(&mut self, name: &str) {
        match self.name_kind(name) {
            NameKind::Fast(i) => self.emit(Opcode::DELETE_FAST, i),
            NameKind::Deref(i) => self.emit(Opcode::DELETE_DEREF, i),
            NameKind::Namespace | NameKind::ClassDeref => {
                let i = self.add_name(name);
                self.emit(Opcode::DELETE_NAME, i)
            }
            NameKind::Global => {
                let i = self.add_name(name);
                self.emit(Opcode::DELETE_GLOBAL, i)
            }
        }
    }

    // ---- statements ---------------------------------------------------

    fn block(&mut self, body: &[Stmt]) -> CResult<()> {
        for st in body {
            self.stmt(st)?;
        }
        Ok(())
    }

    fn stmt(&mut self, st: &Stmt) -> CResult<()> {
        self.cur = self.pos_of(st.loc);
        match &st.kind {
            StmtKind::Expr { value } => {
                self.expr(value)?;
                self.cur = self.pos_of(st.loc);
                if self.interactive {
                    self.emit(Opcode::PRINT_EXPR, 0);
                } else {
                    self.emit(Opcode::POP_TOP, 0);
                }
            }
            StmtKind::Pass => self.emit(Opcode::NOP, 0),
            StmtKind::Assign { targets, value, .. } if self.swap_assign(targets, value)? => {}
            StmtKind::Assign { targets, value, .. } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Opcode::COPY, 1);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                // Module and class bodies evaluate the annotation (and
                // record it for a simple name); function bodies do not.
                if !matches!(self.scope, Scope::Function { .. }) {
                    match (&target.kind, simple) {
                        (ExprKind::Name { id, .. }, true) => {
                            self.annotation(annotation)?;
                            self.cur = self.pos_of(st.loc);
                            let ann = self.add_name("__annotations__");
                            self.emit(Opcode::LOAD_NAME, ann);
                            let k = self.add_const(ConstValue::Str(id.clone()));
                            self.emit(Opcode::LOAD_CONST, k);
                            self.emit(Opcode::STORE_SUBSCR, 0);
                        }
                        // Under PEP 563 other targets' annotations are not
                        // evaluated at all.
                        _ if self.future_annotations => {}
                        _ => {
                            self.expr(annotation)?;
                            self.emit(Opcode::POP_TOP, 0);
                        }
                    }
                }
            }
            StmtKind::If { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, else_l)?;
                self.block(body)?;
                if !orelse.is_empty() {
                    self.cur = self.pos_of(st.loc);
                    self.emit_jump(JUMP, end);
                }
                self.place(else_l);
                self.block(orelse)?;
                self.place(end);
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.new_label();
                let else_l = self.new_label();
                let end = self.new_label();
                self.place(top);
                self.jump_if(test, false, else_l)?;
                self.push_loop(top, end, false);
                self.block(body)?;
                self.fblocks.pop();
                self.cur = self.pos_of(st.loc);
                self.emit_jump(Opcode::JUMP_BACKWARD, top);
                self.place(else_l);
                self.block(orelse)?;
                self.place(end);
            }
            StmtKind::For(f) => {
                let top = self.new_label();
                let exhausted = self.new_label();
                let end = self.new_label();
                self.expr(&f.iter)?;
                self.cur = self.pos_of(st.loc);
                self.emit(Opcode::GET_ITER, 0);
                self.place(top);
                self.emit_jump(Opcode::FOR_ITER, exhausted);
                self.push_loop(top, end, true);
                self.store_target(&f.target)?;
                self.block(&f.body)?;
                self.fblocks.pop();
                self.cur = self.pos_of(f.target.loc);
                self.emit_jump(Opcode::JUMP_BACKWARD, top);
                self.place(exhausted);
                self.block(&f.orelse)?;
                self.place(end);
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(st.kind, StmtKind::Break);
                let Some(k) = self
                    .fblocks
                    .iter()
                    .rposition(|b| matches!(b.kind, FBlockKind::Loop { .. }))
                else {
                    let what = if is_break {
                        "'break' outside loop"
                    } else {
                        "'continue' not properly in loop"
                    };
                    return Err(error_at(st.loc, what));
                };
                let FBlockKind::Loop {
                    continue_to,
                    break_to,
                    is_for,
                } = self.fblocks[k].kind.clone()
                else {
                    return Err(error_at(st.loc, "internal compiler error: loop block"));
                };
                let saved = (self.fblocks.clone(), self.handler_stack.clone());
                self.unwind_to(k + 1, false, st.loc)?;
                if is_break {
                    if is_for {
                        self.emit(Opcode::POP_TOP, 0);
                    }
                    self.emit_jump(JUMP, break_to);
                } else {
                    self.emit_jump(JUMP, continue_to);
                }
                (self.fblocks, self.handler_stack) = saved;
            }
            StmtKind::Return { value } => {
                if !matches!(self.scope, Scope::Function { .. }) {
                    return Err(error_at(st.loc, "'return' outside function"));
                }
                if self.is_async_generator && value.is_some() {
                    return Err(error_at(st.loc, "'return' with value in async generator"));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let k = self.add_const(ConstValue::None);
                        self.emit(Opcode::LOAD_CONST, k)
                    }
                }
                // (CPython reports this at a returned constant, else at
                // the statement.)
                if self
                    .fblocks
                    .iter()
                    .any(|b| matches!(b.kind, FBlockKind::StarHandler))
                {
                    let at = match value {
                        Some(v) if matches!(v.kind, ExprKind::Constant { .. }) => v.loc,
                        _ => st.loc,
                    };
                    return Err(error_at(
                        at,
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                    ));
                }
                let saved = (self.fblocks.clone(), self.handler_stack.clone());
                self.unwind_to(0, true, st.loc)?;
                self.cur = self.pos_of(st.loc);
                self.emit(Opcode::RETURN_VALUE, 0);
                (self.fblocks, self.handler_stack) = saved;
            }
            StmtKind::FunctionDef(f) => self.function_def(f, st.loc, false)?,
            // Declarations only steer the scope analysis; no code.
            StmtKind::Global { .. } => {}
            StmtKind::Nonlocal { .. } => {
                if matches!(self.scope, Scope::Module) {
                    return Err(error_at(
                        st.loc,
                        "nonlocal declaration not allowed at module level",
                    ));
                }
            }
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Import { names } => {
                for a in names {
                    let zero = self.add_const(ConstValue::Int(0));
                    let none = self.add_const(ConstValue::None);
                    self.emit(Opcode::LOAD_CONST, zero);
                    self.emit(Opcode::LOAD_CONST, none);
                    let n = self.add_name(&a.name);
                    self.emit(Opcode::IMPORT_NAME, n);
                    match &a.asname {
                        Some(asname) => {
                            for part in a.name.split('.').skip(1) {
                                let p = self.add_name(part);
                                self.emit(Opcode::IMPORT_FROM, p);
                                self.emit(Opcode::SWAP, 2);
                                self.emit(Opcode::POP_TOP, 0);
                            }
                            self.store_name(asname);
                        }
                        None => {
                            let top = a.name.split('.').next().unwrap_or_default().to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                if module.as_deref() == Some("__future__")
                    && st.loc.lineno as usize > self.future_lineno
                {
                    return Err(error_at(st.loc, LATE_FUTURE));
                }
                let star = names.iter().any(|a| a.name == "*");
                if star && matches!(self.scope, Scope::Function { .. }) {
                    return Err(error_at(st.loc, "import * only allowed at module level"));
                }
                let lvl = self.add_const(ConstValue::Int(*level as i64));
                let fromlist = self.add_const(ConstValue::Tuple(
                    names
                        .iter()
                        .map(|a| ConstValue::Str(a.name.clone()))
                        .collect(),
                ));
                self.emit(Opcode::LOAD_CONST, lvl);
                self.emit(Opcode::LOAD_CONST, fromlist);
                let m = self.add_name(module.as_deref().unwrap_or_default());
                self.emit(Opcode::IMPORT_NAME, m);
                if star {
                    self.emit(Opcode::IMPORT_STAR, 0);
                    return Ok(());
                }
                for a in names {
                    let n = self.add_name(&a.name);
                    self.emit(Opcode::IMPORT_FROM, n);
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                }
                self.emit(Opcode::POP_TOP, 0);
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.cur = self.pos_of(st.loc);
                self.emit(Opcode::RAISE_VARARGS, n);
            }
            StmtKind::Assert { test, msg } => {
                warnings::check_assert(test, st.loc);
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                // CPython attributes the raise to the failed test.
                self.cur = self.pos_of(test.loc);
                self.emit(Opcode::LOAD_ASSERTION_ERROR, 0);
                if let Some(m) = msg {
                    // (`AssertionError(msg)` as a method-shaped call: the
                    // class in the method's place, the message its
                    // "object".)
                    self.expr(m)?;
                    self.cur = self.pos_of(test.loc);
                    self.emit_call(0);
                }
                self.emit(Opcode::RAISE_VARARGS, 1);
                self.place(end);
            }
            StmtKind::ClassDef(c) => self.class_def(c, st.loc)?,
            StmtKind::With(w) => self.with_stmt(&w.items, &w.body, st.loc, false)?,
            StmtKind::AsyncWith(w) => {
                self.require_async(st.loc, "async with")?;
                self.with_stmt(&w.items, &w.body, st.loc, true)?
            }
            StmtKind::AsyncFor(f) => {
                self.require_async(st.loc, "async for")?;
                self.async_for(f, st.loc)?
            }
            StmtKind::AsyncFunctionDef(f) => self.function_def(f, st.loc, true)?,
            StmtKind::Try(t) => self.try_stmt(t, false, st.loc)?,
            StmtKind::TryStar(t) => self.try_stmt(t, true, st.loc)?,
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases)?,
        }
        Ok(())
    }

    /// `a, b = x, y` (2 or 3 names each side) without building a tuple:
    /// the values are evaluated left to right, reordered with SWAP, then
    /// stored left to right, as CPython 3.11 compiles it.
    fn swap_assign(&mut self, targets: &[Expr], value: &Expr) -> CResult<bool> {
        let ([target], ExprKind::Tuple { elts: values, .. }) = (targets, &value.kind) else {
            return Ok(false);
        };
        let ExprKind::Tuple { elts: names, .. } = &target.kind else {
            return Ok(false);
        };
        let simple = |e: &Expr| !matches!(e.kind, ExprKind::Starred { .. });
        if names.len() != values.len()
            || !(2..=3).contains(&names.len())
            || !names.iter().chain(values).all(simple)
        {
            return Ok(false);
        }
        for v in values {
            self.expr(v)?;
        }
        self.cur = self.pos_of(value.loc);
        self.emit(Opcode::SWAP, names.len() as u32);
        for n in names {
            self.store_target(n)?;
        }
        Ok(true)
    }

    fn aug_assign(&mut self, target: &Expr, op: Operator, value: &Expr) -> CResult<()> {
        let arg = binop_arg(op) + BinaryOp::INPLACE;
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.cur = self.pos_of(target.loc);
                self.load_name(id);
                self.expr(value)?;
                self.cur = self.pos_of(target.loc.to(value.loc));
                self.emit(Opcode::BINARY_OP, arg);
                self.cur = self.pos_of(target.loc);
                self.store_name(id);
            }
            ExprKind::Subscript {
                value: container,
                slice,
                ..
            } => {
                self.expr(container)?;
                self.expr(slice)?;
                self.cur = self.pos_of(target.loc);
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::BINARY_SUBSCR, 0);
                self.expr(value)?;
                self.cur = self.pos_of(target.loc.to(value.loc));
                self.emit(Opcode::BINARY_OP, arg);
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.expr(obj)?;
                self.cur = self.pos_of(target.loc);
                self.emit(Opcode::COPY, 1);
                let n = self.add_name(attr);
                self.emit(Opcode::LOAD_ATTR, n);
                self.expr(value)?;
                self.cur = self.pos_of(target.loc.to(value.loc));
                self.emit(Opcode::BINARY_OP, arg);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_ATTR, n);
            }
            _ => {
                return Err(error_at(
                    target.loc,
                    "illegal expression for augmented assignment",
                ))
            }
        }
        Ok(())
    }

    fn store_target(&mut self, t: &Expr) -> CResult<()> {
        self.cur = self.pos_of(t.loc);
        match &t.kind {
            ExprKind::Name { id, .. } => self.store_name(id),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.cur = self.pos_of(t.loc);
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                self.cur = self.pos_of(t.loc);
                let n = self.add_name(attr);
                self.emit(Opcode::STORE_ATTR, n);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                let stars: Vec<usize> = elts
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e.kind, ExprKind::Starred { .. }))
                    .map(|(i, _)| i)
                    .collect();
                match stars.as_slice() {
                    [] => self.emit(Opcode::UNPACK_SEQUENCE, elts.len() as u32),
                    [i] => {
                        let after = elts.len() - i - 1;
                        if *i > 0xff || after > 0x00ff_ffff {
                            return Err(error_at(
                                t.loc,
                                "too many expressions in star-unpacking assignment",
                            ));
                        }
                        self.emit(Opcode::UNPACK_EX, (*i as u32) | ((after as u32) << 8));
                    }
                    _ => {
                        return Err(error_at(
                            t.loc,
                            "multiple starred expressions in assignment",
                        ))
                    }
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred { value, .. } => self.store_target(value)?,
                        _ => self.store_target(e)?,
                    }
                }
            }
            _ => return Err(error_at(t.loc, "cannot assign to expression")),
        }
        Ok(())
    }

    // ---- expressions --------------------------------------------------

    /// Compiles `test` and jumps to `to` when its truth equals `when`.
    fn jump_if(&mut self, test: &Expr, when: bool, to: Label) -> CResult<()> {
        match &test.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, !when, to),
            ExprKind::BoolOp { op, values } => {
                // `a and b` jumps when false as soon as one is false, …
                let short_circuits_on = matches!(op, BoolOp::Or);
                if short_circuits_on == when {
                    for v in values {
                        self.jump_if(v, when, to)?;
                    }
                } else {
                    let skip = self.new_label();
                    let (last, rest) = values.split_last().expect("BoolOp has values");
                    for v in rest {
                        self.jump_if(v, !when, skip)?;
                    }
                    self.jump_if(last, when, to)?;
                    self.place(skip);
                }
                return Ok(());
            }
            _ => {}
        }
        self.expr(test)?;
        self.cur = self.pos_of(test.loc);
        let op = if when {
            Opcode::POP_JUMP_FORWARD_IF_TRUE
        } else {
            Opcode::POP_JUMP_FORWARD_IF_FALSE
        };
        self.emit_jump(op, to);
        Ok(())
    }
}

/// What a comprehension builds.
#[derive(Clone, Copy)]
enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl CompKind {
    /// What CPython's messages call it.
    fn description(self) -> &'static str {
        match self {
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Generator => "generator expression",
        }
    }
}

/// Where a name lives, for the instruction that reaches it.
enum NameKind {
    /// A fast local slot.
    Fast(u32),
    /// A cell or free variable slot.
    Deref(u32),
    /// A free variable read in a class body (class namespace first).
    ClassDeref,
    /// The namespace dict (module and class bodies).
    Namespace,
    /// The globals, then the builtins.
    Global,
}

/// The body of a function being compiled: a `def`'s statements or a
/// lambda's expression.
enum FunctionBody<'a> {
    Statements(&'a [Stmt]),
    Expression(&'a Expr),
}
