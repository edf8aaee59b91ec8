//! Scopes: which names of a function body are fast locals and which are
//! globals. Module code keeps every name in its namespace dict.

use crate::front::ast::*;
use std::collections::BTreeSet;

/// The names one function body binds and declares.
#[derive(Debug, Default)]
pub struct FunctionScope {
    /// Names assigned in the body (parameters excluded), in first-seen order.
    pub assigned: Vec<String>,
    /// Names declared `global`.
    pub globals: BTreeSet<String>,
    /// Names read anywhere in the body, nested functions included.
    pub used_in_nested: BTreeSet<String>,
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

fn scan_stmt(st: &Stmt, s: &mut FunctionScope) {
    match &st.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
            s.bind(&f.name);
            collect_reads(&f.body, &mut s.used_in_nested);
        }
        StmtKind::ClassDef(c) => s.bind(&c.name),
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| scan_target(t, s)),
        StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => {
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
                }
            }
        }
        StmtKind::Global { names } => s.globals.extend(names.iter().cloned()),
        StmtKind::Delete { targets } => targets.iter().for_each(|t| scan_target(t, s)),
        StmtKind::Match { cases, .. } => cases
            .iter()
            .flat_map(|c| &c.body)
            .for_each(|x| scan_stmt(x, s)),
        _ => {}
    }
}

/// Every name a nested function body reads (to detect closures).
fn collect_reads(body: &[Stmt], out: &mut BTreeSet<String>) {
    struct V<'a>(&'a mut BTreeSet<String>);
    impl V<'_> {
        fn expr(&mut self, e: &Expr) {
            if let ExprKind::Name { id, ctx: Ctx::Load } = &e.kind {
                self.0.insert(id.clone());
            }
            walk_expr_children(e, &mut |c| self.expr(c));
        }
    }
    let mut v = V(out);
    for st in body {
        walk_stmt_exprs(st, &mut |e| v.expr(e));
    }
}

/// Calls `f` on each direct sub-expression of `e`.
pub fn walk_expr_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
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
