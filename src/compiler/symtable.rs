//! Scopes (CPython's symtable): which names of a function body are fast
//! locals, which are cells (locals that nested functions close over),
//! which are free (variables of enclosing functions) and which are
//! globals. Module code keeps every name in its namespace dict; class
//! bodies too, except for free variables they pass to their methods.

use crate::front::ast::*;
use std::collections::BTreeSet;

/// The names one function body binds and declares.
#[derive(Debug, Default)]
pub struct FunctionScope {
    /// Names assigned in the body (parameters excluded), in first-seen order.
    pub assigned: Vec<String>,
    /// Names declared `global`.
    pub globals: BTreeSet<String>,
    /// Names declared `nonlocal`.
    pub nonlocals: BTreeSet<String>,
    /// Names an `import` binds (CPython's `DEF_IMPORT`).
    pub imported: BTreeSet<String>,
}

impl FunctionScope {
    fn bind(&mut self, name: &str) {
        if !self.assigned.iter().any(|n| n == name) {
            self.assigned.push(name.to_string());
        }
    }
}

/// Collects the bindings of a function body.
pub fn scan_function(body: &[Stmt]) -> FunctionScope {
    let mut s = FunctionScope::default();
    for st in body {
        scan_stmt(st, &mut s);
    }
    s
}

fn scan_target(e: &Expr, s: &mut FunctionScope) {
    match &e.kind {
        ExprKind::Name { id, .. } => s.bind(id),
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            elts.iter().for_each(|x| scan_target(x, s))
        }
        ExprKind::Starred { value, .. } => scan_target(value, s),
        _ => {}
    }
}

/// The names assignment expressions (`name := value`) in `e` bind in the
/// scope `e` belongs to: those in comprehensions inside `e` too (they
/// bind in the enclosing function, PEP 572), not those in lambdas.
pub fn walrus_targets<'a>(e: &'a Expr, out: &mut Vec<(&'a str, Loc)>) {
    match &e.kind {
        ExprKind::NamedExpr { target, value } => {
            if let ExprKind::Name { id, .. } = &target.kind {
                out.push((id, e.loc));
            }
            walrus_targets(value, out);
        }
        ExprKind::Lambda { args, .. } => {
            for d in args
                .defaults
                .iter()
                .chain(args.kw_defaults.iter().flatten())
            {
                walrus_targets(d, out);
            }
        }
        _ => walk_expr_children(e, &mut |c| walrus_targets(c, out)),
    }
}

/// Binds the assignment-expression targets of the expressions directly in
/// `st` (its nested statements are scanned on their own).
fn scan_walrus(st: &Stmt, s: &mut FunctionScope) {
    let mut found = Vec::new();
    match &st.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
            for e in f
                .decorator_list
                .iter()
                .chain(&f.args.defaults)
                .chain(f.args.kw_defaults.iter().flatten())
            {
                walrus_targets(e, &mut found);
            }
        }
        StmtKind::ClassDef(c) => {
            for e in c.decorator_list.iter().chain(&c.bases) {
                walrus_targets(e, &mut found);
            }
            for k in &c.keywords {
                walrus_targets(&k.value, &mut found);
            }
        }
        _ => walk_stmt_shallow(st, &mut |p| {
            if let Part::Expr(e) = p {
                walrus_targets(e, &mut found);
            }
        }),
    }
    for (n, _) in found {
        s.bind(n);
    }
}

/// Calls `f` on each name a `match` pattern captures.
pub fn pattern_captures<'a>(p: &'a Pattern, f: &mut dyn FnMut(&'a str)) {
    match &p.kind {
        PatternKind::MatchValue { .. } | PatternKind::MatchSingleton { .. } => {}
        PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
            patterns.iter().for_each(|q| pattern_captures(q, f))
        }
        PatternKind::MatchMapping { patterns, rest, .. } => {
            patterns.iter().for_each(|q| pattern_captures(q, f));
            rest.iter().for_each(|n| f(n));
        }
        PatternKind::MatchClass {
            patterns,
            kwd_patterns,
            ..
        } => patterns
            .iter()
            .chain(kwd_patterns)
            .for_each(|q| pattern_captures(q, f)),
        PatternKind::MatchStar { name } => name.iter().for_each(|n| f(n)),
        PatternKind::MatchAs { pattern, name } => {
            pattern.iter().for_each(|q| pattern_captures(q, f));
            name.iter().for_each(|n| f(n));
        }
    }
}

/// Calls `f` on each expression inside a `match` pattern (values,
/// mapping keys, classes), which read names.
pub fn pattern_exprs<'a>(p: &'a Pattern, f: &mut dyn FnMut(&'a Expr)) {
    match &p.kind {
        PatternKind::MatchValue { value } => f(value),
        PatternKind::MatchSingleton { .. } | PatternKind::MatchStar { .. } => {}
        PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
            patterns.iter().for_each(|q| pattern_exprs(q, f))
        }
        PatternKind::MatchMapping { keys, patterns, .. } => {
            keys.iter().for_each(&mut *f);
            patterns.iter().for_each(|q| pattern_exprs(q, f));
        }
        PatternKind::MatchClass {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            f(cls);
            patterns
                .iter()
                .chain(kwd_patterns)
                .for_each(|q| pattern_exprs(q, f));
        }
        PatternKind::MatchAs { pattern, .. } => pattern.iter().for_each(|q| pattern_exprs(q, f)),
    }
}

fn scan_stmt(st: &Stmt, s: &mut FunctionScope) {
    scan_walrus(st, s);
    match &st.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => s.bind(&f.name),
        StmtKind::ClassDef(c) => s.bind(&c.name),
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| scan_target(t, s)),
        StmtKind::AugAssign { target, .. } => scan_target(target, s),
        // `(x): int` with no value binds nothing (CPython: only a simple
        // or assigned annotation target is local).
        StmtKind::AnnAssign {
            target,
            simple,
            value,
            ..
        } if *simple || value.is_some() || !matches!(target.kind, ExprKind::Name { .. }) => {
            scan_target(target, s)
        }
        StmtKind::For(f) | StmtKind::AsyncFor(f) => {
            scan_target(&f.target, s);
            f.body.iter().chain(&f.orelse).for_each(|x| scan_stmt(x, s));
        }
        StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
            body.iter().chain(orelse).for_each(|x| scan_stmt(x, s))
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => {
            for item in &w.items {
                if let Some(v) = &item.optional_vars {
                    scan_target(v, s);
                }
            }
            w.body.iter().for_each(|x| scan_stmt(x, s));
        }
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            for h in &t.handlers {
                if let Some(n) = &h.name {
                    s.bind(n);
                }
                h.body.iter().for_each(|x| scan_stmt(x, s));
            }
            t.body
                .iter()
                .chain(&t.orelse)
                .chain(&t.finalbody)
                .for_each(|x| scan_stmt(x, s));
        }
        StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
            for a in names {
                let bound = a
                    .asname
                    .clone()
                    .unwrap_or_else(|| a.name.split('.').next().unwrap_or_default().to_string());
                if bound != "*" {
                    s.bind(&bound);
                    s.imported.insert(bound);
                }
            }
        }
        StmtKind::Global { names } => s.globals.extend(names.iter().cloned()),
        StmtKind::Nonlocal { names } => s.nonlocals.extend(names.iter().cloned()),
        StmtKind::Delete { targets } => targets.iter().for_each(|t| scan_target(t, s)),
        StmtKind::Match { cases, .. } => {
            for c in cases {
                pattern_captures(&c.pattern, &mut |n| s.bind(n));
                c.body.iter().for_each(|x| scan_stmt(x, s));
            }
        }
        _ => {}
    }
}

/// The scope of one function body, resolved.
#[derive(Debug, Default)]
pub struct ResolvedScope {
    /// Fast locals (`co_varnames`): the parameters, then the other locals
    /// that are not cells.
    pub varnames: Vec<String>,
    /// Locals that nested scopes close over (`co_cellvars`, sorted).
    pub cells: Vec<String>,
    /// Variables of enclosing functions used here or by nested scopes
    /// (`co_freevars`, sorted).
    pub frees: Vec<String>,
    /// Names declared `global`.
    pub globals: BTreeSet<String>,
    /// The body yields: a generator function.
    pub is_generator: bool,
}

/// A scope nested directly in another one.
enum Nested<'a> {
    Function(&'a Arguments, &'a [Stmt]),
    Lambda(&'a Arguments, &'a Expr),
    Class(&'a [Stmt]),
    /// A comprehension, as the body [`comprehension_body`] makes of it.
    Comprehension(Vec<Stmt>),
}

/// The parameter of a comprehension's function: the first iterator.
pub const COMPREHENSION_ARG: &str = ".0";

/// A comprehension as statements with the same scoping: `for t in .0:
/// if c: ... elt`, nested per `for` clause (the first iterable is
/// evaluated outside, and passed as `.0`). `elts` are the element
/// expressions (key and value for dicts). Names its assignment
/// expressions bind belong to the enclosing function: they are declared
/// `nonlocal` first, or `global` when `global_names` says so (at module
/// level, or names the enclosing function declares global).
pub fn comprehension_body(
    generators: &[Comprehension],
    elts: &[&Expr],
    global_names: &dyn Fn(&str) -> bool,
) -> Vec<Stmt> {
    let decls = comprehension_walrus(generators, elts);
    let body = comprehension_loops(generators, elts);
    if decls.is_empty() {
        return body;
    }
    let loc = decls[0].1;
    let (globals, nonlocals): (Vec<String>, Vec<String>) = {
        let mut names: Vec<String> = Vec::new();
        for (n, _) in &decls {
            if !names.iter().any(|m| m == n) {
                names.push(n.to_string());
            }
        }
        names.into_iter().partition(|n| global_names(n))
    };
    let mut out = Vec::new();
    if !globals.is_empty() {
        out.push(Stmt {
            kind: StmtKind::Global { names: globals },
            loc,
        });
    }
    if !nonlocals.is_empty() {
        out.push(Stmt {
            kind: StmtKind::Nonlocal { names: nonlocals },
            loc,
        });
    }
    out.extend(body);
    out
}

/// The assignment expressions of a comprehension (its elements, its
/// conditions and the iterables after the first), with their places.
pub fn comprehension_walrus<'a>(
    generators: &'a [Comprehension],
    elts: &[&'a Expr],
) -> Vec<(&'a str, Loc)> {
    let mut found = Vec::new();
    for e in elts {
        walrus_targets(e, &mut found);
    }
    for (i, g) in generators.iter().enumerate() {
        if i > 0 {
            walrus_targets(&g.iter, &mut found);
        }
        for c in &g.ifs {
            walrus_targets(c, &mut found);
        }
    }
    found
}

fn comprehension_loops(generators: &[Comprehension], elts: &[&Expr]) -> Vec<Stmt> {
    let mut inner: Vec<Stmt> = elts
        .iter()
        .map(|e| Stmt {
            kind: StmtKind::Expr {
                value: Box::new((*e).clone()),
            },
            loc: e.loc,
        })
        .collect();
    for (i, g) in generators.iter().enumerate().rev() {
        for cond in g.ifs.iter().rev() {
            inner = vec![Stmt {
                kind: StmtKind::If {
                    test: Box::new(cond.clone()),
                    body: inner,
                    orelse: Vec::new(),
                },
                loc: cond.loc,
            }];
        }
        let iter = if i == 0 {
            Expr {
                kind: ExprKind::Name {
                    id: COMPREHENSION_ARG.into(),
                    ctx: Ctx::Load,
                },
                loc: g.iter.loc,
            }
        } else {
            g.iter.clone()
        };
        inner = vec![Stmt {
            kind: StmtKind::For(Box::new(For {
                target: g.target.clone(),
                iter,
                body: inner,
                orelse: Vec::new(),
                type_comment: None,
            })),
            loc: g.target.loc,
        }];
    }
    inner
}

/// The names a scope uses itself (any context) and the scopes nested
/// directly in it; nested scopes' own names are not included.
#[derive(Default)]
struct ScopeUses<'a> {
    names: BTreeSet<String>,
    nested: Vec<Nested<'a>>,
    /// The scope yields: it is a generator.
    yields: bool,
}

impl<'a> ScopeUses<'a> {
    fn of_stmts(body: &'a [Stmt]) -> ScopeUses<'a> {
        let mut u = ScopeUses::default();
        for st in body {
            u.stmt(st);
        }
        u
    }

    fn expr(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Name { id, .. } => {
                self.names.insert(id.clone());
            }
            ExprKind::Lambda { args, body } => {
                self.arg_defaults(args);
                self.nested.push(Nested::Lambda(args, body));
            }
            ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => {
                self.yields = true;
                walk_expr_children(e, &mut |c| self.expr(c));
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(&generators[0].iter);
                self.nested.push(Nested::Comprehension(comprehension_body(
                    generators,
                    &[elt],
                    &|_| false,
                )));
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(&generators[0].iter);
                self.nested.push(Nested::Comprehension(comprehension_body(
                    generators,
                    &[key, value],
                    &|_| false,
                )));
            }
            _ => walk_expr_children(e, &mut |c| self.expr(c)),
        }
    }

    fn part(&mut self, p: Part<'a>) {
        match p {
            Part::Expr(e) => self.expr(e),
            Part::Stmt(s) => self.stmt(s),
        }
    }

    fn arg_defaults(&mut self, args: &'a Arguments) {
        for d in args
            .defaults
            .iter()
            .chain(args.kw_defaults.iter().flatten())
        {
            self.expr(d);
        }
    }

    fn stmt(&mut self, st: &'a Stmt) {
        match &st.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.names.insert(f.name.clone());
                for d in &f.decorator_list {
                    self.expr(d);
                }
                self.arg_defaults(&f.args);
                self.nested.push(Nested::Function(&f.args, &f.body));
            }
            StmtKind::ClassDef(c) => {
                self.names.insert(c.name.clone());
                for d in c.decorator_list.iter().chain(&c.bases) {
                    self.expr(d);
                }
                for k in &c.keywords {
                    self.expr(&k.value);
                }
                self.nested.push(Nested::Class(&c.body));
            }
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => {
                self.names.extend(names.iter().cloned());
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    let bound = a.asname.clone().unwrap_or_else(|| {
                        a.name.split('.').next().unwrap_or_default().to_string()
                    });
                    self.names.insert(bound);
                }
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                for h in &t.handlers {
                    if let Some(n) = &h.name {
                        self.names.insert(n.clone());
                    }
                }
                walk_stmt_shallow(st, &mut |p| self.part(p));
            }
            _ => walk_stmt_shallow(st, &mut |p| self.part(p)),
        }
    }
}

/// The parameter names of `args`, in frame-slot order: positional-only,
/// positional, keyword-only, `*args`, `**kwargs`.
pub fn param_names(args: &Arguments) -> Vec<String> {
    args.posonlyargs
        .iter()
        .chain(&args.args)
        .chain(&args.kwonlyargs)
        .chain(&args.vararg)
        .chain(&args.kwarg)
        .map(|a| a.arg.clone())
        .collect()
}

/// What a nested scope needs from the scopes around it: the names it (or
/// a scope inside it) uses without binding them.
fn needs(n: &Nested<'_>) -> BTreeSet<String> {
    match n {
        Nested::Function(args, body) => function_needs(&param_names(args), body),
        Nested::Lambda(args, body) => {
            let (scan, uses) = lambda_scope(body);
            needs_of(&param_names(args), &scan, &uses)
        }
        Nested::Comprehension(body) => function_needs(&[COMPREHENSION_ARG.to_string()], body),
        Nested::Class(body) => {
            let uses = ScopeUses::of_stmts(body);
            let mut out: BTreeSet<String> = uses.names.clone();
            for c in &uses.nested {
                out.extend(needs(c));
            }
            out
        }
    }
}

/// A lambda's body as the statement `return body`.
pub fn lambda_body(body: &Expr) -> Stmt {
    Stmt {
        kind: StmtKind::Return {
            value: Some(Box::new(body.clone())),
        },
        loc: body.loc,
    }
}

fn function_needs(params: &[String], body: &[Stmt]) -> BTreeSet<String> {
    let scan = scan_function(body);
    let uses = ScopeUses::of_stmts(body);
    needs_of(params, &scan, &uses)
}

/// The names a function with these parameters, bindings and uses needs
/// from outside.
fn needs_of(params: &[String], scan: &FunctionScope, uses: &ScopeUses<'_>) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = uses.names.clone();
    for c in &uses.nested {
        out.extend(needs(c));
    }
    out.retain(|n| {
        scan.nonlocals.contains(n)
            || !(params.contains(n) || scan.assigned.contains(n) || scan.globals.contains(n))
    });
    out
}

/// Resolves a function body: `params` its parameter names, `enclosing`
/// the names bound in the enclosing function scopes (`declarations`
/// has checked its `global` and `nonlocal` statements).
pub fn resolve_function(
    params: &[String],
    body: &[Stmt],
    enclosing: &BTreeSet<String>,
) -> ResolvedScope {
    let scan = scan_function(body);
    resolve_scope(params, scan, ScopeUses::of_stmts(body), enclosing)
}

/// The bindings and uses of a lambda's body, read as `return body`
/// without copying it (a copy per enclosing lambda made deeply nested
/// lambdas cubic to compile).
fn lambda_scope(body: &Expr) -> (FunctionScope, ScopeUses<'_>) {
    let mut scan = FunctionScope::default();
    let mut found = Vec::new();
    walrus_targets(body, &mut found);
    for (n, _) in found {
        scan.bind(n);
    }
    let mut uses = ScopeUses::default();
    uses.expr(body);
    (scan, uses)
}

/// [`resolve_function`] for a lambda's body expression.
pub fn resolve_lambda(
    params: &[String],
    body: &Expr,
    enclosing: &BTreeSet<String>,
) -> ResolvedScope {
    let (scan, uses) = lambda_scope(body);
    resolve_scope(params, scan, uses, enclosing)
}

fn resolve_scope(
    params: &[String],
    scan: FunctionScope,
    uses: ScopeUses<'_>,
    enclosing: &BTreeSet<String>,
) -> ResolvedScope {
    let mut locals: Vec<String> = params.to_vec();
    for n in &scan.assigned {
        if !scan.globals.contains(n) && !scan.nonlocals.contains(n) && !locals.contains(n) {
            locals.push(n.clone());
        }
    }
    let mut child_needs = BTreeSet::new();
    for c in &uses.nested {
        child_needs.extend(needs(c));
    }
    let cells: Vec<String> = locals
        .iter()
        .filter(|n| child_needs.contains(*n))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let frees: Vec<String> = uses
        .names
        .iter()
        .chain(&child_needs)
        .chain(&scan.nonlocals)
        .filter(|n| !locals.contains(n) && !scan.globals.contains(*n) && enclosing.contains(*n))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let varnames = locals
        .iter()
        .enumerate()
        .filter(|(i, n)| *i < params.len() || !cells.contains(n))
        .map(|(_, n)| n.clone())
        .collect();
    ResolvedScope {
        varnames,
        cells,
        frees,
        globals: scan.globals,
        is_generator: uses.yields,
    }
}

/// The free variables of a class body: what it and its methods use from
/// the enclosing function scopes.
pub fn class_frees(body: &[Stmt], enclosing: &BTreeSet<String>) -> Vec<String> {
    needs(&Nested::Class(body))
        .into_iter()
        .filter(|n| enclosing.contains(n))
        .collect()
}

/// A direct part of a statement: an expression or a nested statement.
pub(super) enum Part<'a> {
    Expr(&'a Expr),
    Stmt(&'a Stmt),
}

/// Calls `f` on each expression and nested statement of `st`, without
/// entering nested function or class bodies.
pub(super) fn walk_stmt_shallow<'a>(st: &'a Stmt, f: &mut dyn FnMut(Part<'a>)) {
    let mut parts: Vec<Part<'a>> = Vec::new();
    let push_e = |x: &'a Expr, p: &mut Vec<Part<'a>>| p.push(Part::Expr(x));
    let push_s = |b: &'a [Stmt], p: &mut Vec<Part<'a>>| p.extend(b.iter().map(Part::Stmt));
    let p = &mut parts;
    match &st.kind {
        StmtKind::FunctionDef(_) | StmtKind::AsyncFunctionDef(_) | StmtKind::ClassDef(_) => {}
        StmtKind::Return { value } => value.iter().for_each(|v| push_e(v, p)),
        StmtKind::Delete { targets } => targets.iter().for_each(|v| push_e(v, p)),
        StmtKind::Assign { targets, value, .. } => {
            targets.iter().for_each(|v| push_e(v, p));
            push_e(value, p)
        }
        StmtKind::AugAssign { target, value, .. } => {
            push_e(target, p);
            push_e(value, p)
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            push_e(target, p);
            push_e(annotation, p);
            value.iter().for_each(|v| push_e(v, p))
        }
        StmtKind::For(x) | StmtKind::AsyncFor(x) => {
            push_e(&x.target, p);
            push_e(&x.iter, p);
            push_s(&x.body, p);
            push_s(&x.orelse, p);
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            push_e(test, p);
            push_s(body, p);
            push_s(orelse, p);
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => {
            for i in &w.items {
                push_e(&i.context_expr, p);
                i.optional_vars.iter().for_each(|v| push_e(v, p));
            }
            push_s(&w.body, p);
        }
        StmtKind::Match { subject, cases } => {
            push_e(subject, p);
            for c in cases {
                pattern_exprs(&c.pattern, &mut |v| push_e(v, p));
                c.guard.iter().for_each(|v| push_e(v, p));
                push_s(&c.body, p);
            }
        }
        StmtKind::Raise { exc, cause } => exc.iter().chain(cause).for_each(|v| push_e(v, p)),
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            push_s(&t.body, p);
            for h in &t.handlers {
                h.type_.iter().for_each(|v| push_e(v, p));
                push_s(&h.body, p);
            }
            push_s(&t.orelse, p);
            push_s(&t.finalbody, p);
        }
        StmtKind::Assert { test, msg } => {
            push_e(test, p);
            msg.iter().for_each(|v| push_e(v, p))
        }
        StmtKind::Expr { value } => push_e(value, p),
        _ => {}
    }
    for part in parts {
        f(part);
    }
}

/// Calls `f` on each direct sub-expression of `e`.
pub fn walk_expr_children<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::BoolOp { values, .. } => values.iter().for_each(f),
        ExprKind::NamedExpr { target, value } => {
            f(target);
            f(value)
        }
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right)
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::Lambda { body, args } => {
            args.defaults.iter().for_each(&mut *f);
            f(body)
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse)
        }
        ExprKind::Dict { keys, values } => {
            keys.iter().flatten().for_each(&mut *f);
            values.iter().for_each(f)
        }
        ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().for_each(f)
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            f(elt);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            f(key);
            f(value);
            for g in generators {
                f(&g.target);
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
        }
        ExprKind::Await { value } | ExprKind::YieldFrom { value } => f(value),
        ExprKind::Yield { value } => value.iter().for_each(|v| f(v)),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            f(left);
            comparators.iter().for_each(f)
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value))
        }
        ExprKind::FormattedValue {
            value, format_spec, ..
        } => {
            f(value);
            format_spec.iter().for_each(|v| f(v))
        }
        ExprKind::JoinedStr { values } => values.iter().for_each(f),
        ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => f(value),
        ExprKind::Subscript { value, slice, .. } => {
            f(value);
            f(slice)
        }
        ExprKind::Slice { lower, upper, step } => {
            lower.iter().chain(upper).chain(step).for_each(|v| f(v));
        }
        ExprKind::Constant { .. } | ExprKind::Name { .. } => {}
    }
}

/// Calls `f` on each expression directly inside statement `st`, and
/// recursively on the statements it contains.
pub fn walk_stmt_exprs(st: &Stmt, f: &mut dyn FnMut(&Expr)) {
    let stmts = |b: &[Stmt], f: &mut dyn FnMut(&Expr)| b.iter().for_each(|s| walk_stmt_exprs(s, f));
    match &st.kind {
        StmtKind::FunctionDef(d) | StmtKind::AsyncFunctionDef(d) => {
            d.decorator_list.iter().for_each(&mut *f);
            d.args.defaults.iter().for_each(&mut *f);
            stmts(&d.body, f);
        }
        StmtKind::ClassDef(c) => {
            c.bases.iter().for_each(&mut *f);
            stmts(&c.body, f);
        }
        StmtKind::Return { value } => value.iter().for_each(|v| f(v)),
        StmtKind::Delete { targets } => targets.iter().for_each(f),
        StmtKind::Assign { targets, value, .. } => {
            targets.iter().for_each(&mut *f);
            f(value)
        }
        StmtKind::AugAssign { target, value, .. } => {
            f(target);
            f(value)
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            f(target);
            f(annotation);
            value.iter().for_each(|v| f(v))
        }
        StmtKind::For(x) | StmtKind::AsyncFor(x) => {
            f(&x.target);
            f(&x.iter);
            stmts(&x.body, f);
            stmts(&x.orelse, f);
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            f(test);
            stmts(body, f);
            stmts(orelse, f);
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => {
            for i in &w.items {
                f(&i.context_expr);
                i.optional_vars.iter().for_each(|v| f(v));
            }
            stmts(&w.body, f);
        }
        StmtKind::Match { subject, cases } => {
            f(subject);
            for c in cases {
                pattern_exprs(&c.pattern, &mut *f);
                c.guard.iter().for_each(&mut *f);
                stmts(&c.body, f);
            }
        }
        StmtKind::Raise { exc, cause } => exc.iter().chain(cause).for_each(|v| f(v)),
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            stmts(&t.body, f);
            for h in &t.handlers {
                h.type_.iter().for_each(&mut *f);
                stmts(&h.body, f);
            }
            stmts(&t.orelse, f);
            stmts(&t.finalbody, f);
        }
        StmtKind::Assert { test, msg } => {
            f(test);
            msg.iter().for_each(|v| f(v))
        }
        StmtKind::Expr { value } => f(value),
        _ => {}
    }
}
