//! Private name mangling: inside a class, an identifier `__spam` (at
//! least two leading underscores, not two trailing ones, no dot) stands
//! for `_Class__spam`, wherever it is used as a name — variables,
//! attributes, parameters, `global`/`nonlocal`, imports, the names a
//! `def`, `class`, `except … as`, or a pattern binds — in the class body
//! and in the functions, lambdas and comprehensions nested in it, until
//! a nested class starts its own (CPython's `_Py_Mangle`, applied by its
//! symbol table and compiler alike). Taipan rewrites the tree once
//! before scope analysis, so the symbol table and the code generator see
//! the same names; only the names CPython shows unmangled (`__name__`
//! and `__qualname__` of a def or class) are turned back ([`unmangle`]).

use crate::front::ast::*;

/// `_Class__name` for a private `name` inside class `class`, else None.
pub fn mangled(class: &str, name: &str) -> Option<String> {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return None;
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return None;
    }
    Some(format!("_{stripped}{name}"))
}

/// The name as written of a (possibly) mangled `name` in class `class`.
pub fn unmangle<'a>(class: Option<&str>, name: &'a str) -> &'a str {
    let Some(stripped) = class.map(|c| c.trim_start_matches('_')) else {
        return name;
    };
    match name
        .strip_prefix('_')
        .and_then(|n| n.strip_prefix(stripped))
    {
        Some(rest) if !stripped.is_empty() && rest.starts_with("__") && !rest.ends_with("__") => {
            rest
        }
        _ => name,
    }
}

/// Mangles the private names of every class in `body` (a module's).
pub fn module(body: &mut [Stmt]) {
    let mut m = Mangler { class: None };
    m.stmts(body);
}

struct Mangler {
    /// The innermost enclosing class's name as written.
    class: Option<String>,
}

impl Mangler {
    fn name(&self, name: &mut Ident) {
        if let Some(new) = self.class.as_deref().and_then(|c| mangled(c, name)) {
            *name = new;
        }
    }

    fn stmts(&mut self, body: &mut [Stmt]) {
        for st in body {
            self.stmt(st);
        }
    }

    fn stmt(&mut self, st: &mut Stmt) {
        match &mut st.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.exprs(&mut f.decorator_list);
                self.arguments(&mut f.args);
                if let Some(r) = &mut f.returns {
                    self.expr(r);
                }
                self.name(&mut f.name);
                self.stmts(&mut f.body);
            }
            StmtKind::ClassDef(c) => {
                self.exprs(&mut c.decorator_list);
                self.exprs(&mut c.bases);
                for k in &mut c.keywords {
                    self.expr(&mut k.value);
                }
                let written = c.name.clone();
                self.name(&mut c.name);
                let outer = self.class.replace(written);
                self.stmts(&mut c.body);
                self.class = outer;
            }
            StmtKind::Return { value } => self.opt(value),
            StmtKind::Delete { targets } => self.exprs(targets),
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets);
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target);
                self.expr(annotation);
                self.opt(value);
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&mut f.target);
                self.expr(&mut f.iter);
                self.stmts(&mut f.body);
                self.stmts(&mut f.orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                for item in &mut w.items {
                    self.expr(&mut item.context_expr);
                    self.opt(&mut item.optional_vars);
                }
                self.stmts(&mut w.body);
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for case in cases {
                    self.pattern(&mut case.pattern);
                    if let Some(g) = &mut case.guard {
                        self.expr(g);
                    }
                    self.stmts(&mut case.body);
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt(exc);
                self.opt(cause);
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.stmts(&mut t.body);
                for h in &mut t.handlers {
                    if let Some(e) = &mut h.type_ {
                        self.expr(e);
                    }
                    if let Some(n) = &mut h.name {
                        self.name(n);
                    }
                    self.stmts(&mut h.body);
                }
                self.stmts(&mut t.orelse);
                self.stmts(&mut t.finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                self.opt(msg);
            }
            // `import __m` imports `_C__m` in CPython (the module name is
            // mangled unless dotted), and binds the mangled name.
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.name(&mut a.name);
                    if let Some(n) = &mut a.asname {
                        self.name(n);
                    }
                }
            }
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => {
                names.iter_mut().for_each(|n| self.name(n));
            }
            StmtKind::Expr { value } => self.expr(value),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn arguments(&mut self, args: &mut Arguments) {
        self.exprs(&mut args.defaults);
        for d in args.kw_defaults.iter_mut().flatten() {
            self.expr(d);
        }
        let all = args
            .posonlyargs
            .iter_mut()
            .chain(&mut args.args)
            .chain(&mut args.vararg)
            .chain(&mut args.kwonlyargs)
            .chain(&mut args.kwarg);
        for a in all {
            if let Some(ann) = &mut a.annotation {
                self.expr(ann);
            }
            self.name(&mut a.arg);
        }
    }

    fn exprs(&mut self, list: &mut [Expr]) {
        for e in list {
            self.expr(e);
        }
    }

    fn opt(&mut self, e: &mut Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn comprehensions(&mut self, generators: &mut [Comprehension]) {
        for g in generators {
            self.expr(&mut g.target);
            self.expr(&mut g.iter);
            self.exprs(&mut g.ifs);
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Name { id, .. } => self.name(id),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value);
                self.name(attr);
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::NamedExpr { target, value } => {
                self.expr(target);
                self.expr(value);
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.arguments(args);
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k);
                }
                self.exprs(values);
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                self.exprs(elts)
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.comprehensions(generators);
                self.expr(elt);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.comprehensions(generators);
                self.expr(key);
                self.expr(value);
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => self.expr(value),
            ExprKind::Yield { value } => self.opt(value),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left);
                self.exprs(comparators);
            }
            // Keyword argument names are not mangled (CPython passes them
            // as written).
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                self.exprs(args);
                for k in keywords {
                    self.expr(&mut k.value);
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value);
                self.opt(format_spec);
            }
            ExprKind::JoinedStr { values } => self.exprs(values),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
            }
            ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower);
                self.opt(upper);
                self.opt(step);
            }
            ExprKind::Constant { .. } => {}
        }
    }

    fn pattern(&mut self, p: &mut Pattern) {
        match &mut p.kind {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                patterns.iter_mut().for_each(|q| self.pattern(q));
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.exprs(keys);
                patterns.iter_mut().for_each(|q| self.pattern(q));
                if let Some(r) = rest {
                    self.name(r);
                }
            }
            // The keyword attribute names stay as written (3.11 looks
            // them up unmangled).
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls);
                patterns
                    .iter_mut()
                    .chain(kwd_patterns.iter_mut())
                    .for_each(|q| self.pattern(q));
            }
            PatternKind::MatchStar { name } => {
                if let Some(n) = name {
                    self.name(n);
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.pattern(q);
                }
                if let Some(n) = name {
                    self.name(n);
                }
            }
        }
    }
}
