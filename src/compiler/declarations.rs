//! The checks CPython's symbol table makes on `global` and `nonlocal`
//! declarations and annotated names, in source order: a declaration must
//! come before any use, assignment or annotation of its name in the same
//! scope, must not name a parameter, and a name cannot be both global and
//! nonlocal (symtable.c's `GLOBAL_AFTER_ASSIGN`, `GLOBAL_PARAM`,
//! `GLOBAL_ANNOT`, … and `analyze_name`). Scope resolution itself is in
//! `symtable`; this pass only rejects what CPython rejects.

use super::symtable::{pattern_captures, pattern_exprs, walk_expr_children, walrus_targets};
use crate::front::ast::{Ctx, Expr, ExprKind, Loc, Stmt, StmtKind};
use std::collections::{BTreeSet, HashMap};

const PARAM: u8 = 1;
const LOCAL: u8 = 2;
const USE: u8 = 4;
const ANNOT: u8 = 8;
const GLOBAL: u8 = 16;
const NONLOCAL: u8 = 32;

/// What kind of block the statements are the body of.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Module,
    Class,
    Function,
}

/// A name's flags so far and where it was first declared.
#[derive(Default)]
struct Entry {
    flags: u8,
    directive: Option<Loc>,
}

struct Checker {
    block: Block,
    names: HashMap<String, Entry>,
}

/// An error: the message and the place CPython reports it at.
pub type DeclError = (String, Loc);

/// Checks the declarations of one block's body (`params` its parameters,
/// empty for modules and classes; `enclosing` the names the enclosing
/// functions bind, which a `nonlocal` must name).
pub fn check(
    block: Block,
    params: &[String],
    body: &[Stmt],
    enclosing: &BTreeSet<String>,
) -> Result<(), DeclError> {
    let mut c = Checker {
        block,
        names: HashMap::new(),
    };
    for p in params {
        c.mark(p, PARAM);
    }
    for st in body {
        c.stmt(st)?;
    }
    if block == Block::Module {
        return Ok(());
    }
    let mut unbound: Vec<(Loc, &String)> = c
        .names
        .iter()
        .filter(|(n, e)| e.flags & NONLOCAL != 0 && !enclosing.contains(*n))
        .filter_map(|(n, e)| Some((e.directive?, n)))
        .collect();
    unbound.sort_by_key(|(at, _)| (at.lineno, at.col));
    match unbound.first() {
        Some((at, n)) => Err((format!("no binding for nonlocal '{n}' found"), *at)),
        None => Ok(()),
    }
}

/// A function's or lambda's parameters, each named once: CPython's
/// symbol table rejects a second parameter of the same name, at that
/// parameter (positional-only, positional and keyword-only parameters
/// first, then `*args` and `**kwargs`, the order it adds them in).
pub fn unique_parameters(args: &crate::front::ast::Arguments) -> Result<(), DeclError> {
    let mut seen = BTreeSet::new();
    let all = args
        .posonlyargs
        .iter()
        .chain(&args.args)
        .chain(&args.kwonlyargs)
        .chain(&args.vararg)
        .chain(&args.kwarg);
    for a in all {
        if !seen.insert(a.arg.as_str()) {
            return Err((
                format!("duplicate argument '{}' in function definition", a.arg),
                a.loc,
            ));
        }
    }
    Ok(())
}

impl Checker {
    fn mark(&mut self, name: &str, flag: u8) {
        self.names.entry(name.to_string()).or_default().flags |= flag;
    }

    fn flags(&self, name: &str) -> u8 {
        self.names.get(name).map_or(0, |e| e.flags)
    }

    fn directive(&mut self, name: &str, at: Loc, global: bool) -> Result<(), DeclError> {
        let cur = self.flags(name);
        let what = if global { "global" } else { "nonlocal" };
        if cur & (PARAM | LOCAL | USE | ANNOT) != 0 {
            let msg = if cur & PARAM != 0 {
                format!("name '{name}' is parameter and {what}")
            } else if cur & USE != 0 {
                format!("name '{name}' is used prior to {what} declaration")
            } else if cur & ANNOT != 0 {
                format!("annotated name '{name}' can't be {what}")
            } else {
                format!("name '{name}' is assigned to before {what} declaration")
            };
            return Err((msg, at));
        }
        let entry = self.names.entry(name.to_string()).or_default();
        entry.flags |= if global { GLOBAL } else { NONLOCAL };
        let first = *entry.directive.get_or_insert(at);
        if entry.flags & (GLOBAL | NONLOCAL) == GLOBAL | NONLOCAL {
            return Err((format!("name '{name}' is nonlocal and global"), first));
        }
        Ok(())
    }

    fn stmt(&mut self, st: &Stmt) -> Result<(), DeclError> {
        match &st.kind {
            StmtKind::Global { names } => {
                for n in names {
                    self.directive(n, st.loc, true)?;
                }
            }
            StmtKind::Nonlocal { names } => {
                for n in names {
                    self.directive(n, st.loc, false)?;
                }
            }
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                f.decorator_list.iter().for_each(|d| self.expr(d));
                self.arguments(&f.args);
                f.returns.iter().for_each(|r| self.expr(r));
                self.mark(&f.name, LOCAL);
            }
            StmtKind::ClassDef(c) => {
                c.decorator_list
                    .iter()
                    .chain(&c.bases)
                    .for_each(|d| self.expr(d));
                c.keywords.iter().for_each(|k| self.expr(&k.value));
                self.mark(&c.name, LOCAL);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.flags(id);
                    if cur & (GLOBAL | NONLOCAL) != 0 && self.block != Block::Module && *simple {
                        let what = if cur & GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err((format!("annotated name '{id}' can't be {what}"), target.loc));
                    }
                    if *simple {
                        self.mark(id, ANNOT | LOCAL);
                    } else if value.is_some() {
                        self.mark(id, LOCAL);
                    }
                } else {
                    self.expr(target);
                }
                self.expr(annotation);
                value.iter().for_each(|v| self.expr(v));
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                // Imports bind without `DEF_LOCAL` in CPython: a later
                // declaration of the name is accepted.
                let _ = names;
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                for s in &t.body {
                    self.stmt(s)?;
                }
                for h in &t.handlers {
                    h.type_.iter().for_each(|e| self.expr(e));
                    if let Some(n) = &h.name {
                        self.mark(n, LOCAL);
                    }
                    for s in &h.body {
                        self.stmt(s)?;
                    }
                }
                for s in t.orelse.iter().chain(&t.finalbody) {
                    self.stmt(s)?;
                }
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for case in cases {
                    pattern_captures(&case.pattern, &mut |n| self.mark(n, LOCAL));
                    pattern_exprs(&case.pattern, &mut |e| self.expr(e));
                    case.guard.iter().for_each(|g| self.expr(g));
                    for s in &case.body {
                        self.stmt(s)?;
                    }
                }
            }
            _ => {
                let mut parts = Vec::new();
                super::symtable::walk_stmt_shallow(st, &mut |p| parts.push(p));
                for part in parts {
                    match part {
                        super::symtable::Part::Expr(e) => self.expr(e),
                        super::symtable::Part::Stmt(s) => self.stmt(s)?,
                    }
                }
            }
        }
        Ok(())
    }

    /// A nested function's parameter defaults and annotations, which its
    /// enclosing block evaluates.
    fn arguments(&mut self, args: &crate::front::ast::Arguments) {
        for d in args
            .defaults
            .iter()
            .chain(args.kw_defaults.iter().flatten())
        {
            self.expr(d);
        }
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        for a in all {
            a.annotation.iter().for_each(|e| self.expr(e));
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name { id, ctx } => {
                let flag = if matches!(ctx, Ctx::Load) { USE } else { LOCAL };
                self.mark(id, flag);
            }
            ExprKind::Lambda { args, .. } => {
                for d in args
                    .defaults
                    .iter()
                    .chain(args.kw_defaults.iter().flatten())
                {
                    self.expr(d);
                }
            }
            ExprKind::ListComp { generators, .. }
            | ExprKind::SetComp { generators, .. }
            | ExprKind::GeneratorExp { generators, .. }
            | ExprKind::DictComp { generators, .. } => {
                // Only the first iterable is evaluated in this block; the
                // comprehension's assignment expressions bind here.
                let mut bound = Vec::new();
                walrus_targets(e, &mut bound);
                if let Some(g) = generators.first() {
                    self.expr(&g.iter);
                }
                for (n, _) in bound {
                    self.mark(n, LOCAL);
                }
            }
            _ => walk_expr_children(e, &mut |c| self.expr(c)),
        }
    }
}
