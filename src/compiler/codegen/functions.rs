//! Code generation for the scopes nested in a code object: functions
//! (defaults, keyword-only defaults, closures, decorators), lambdas, class
//! bodies and comprehensions.

use super::*;

impl Compiler<'_> {
    pub(super) fn function_def(
        &mut self,
        f: &FunctionDef,
        loc: Loc,
        is_async: bool,
    ) -> CResult<()> {
        self.decorators(&f.decorator_list)?;
        let body = FunctionBody::Statements(&f.body);
        // `def __f` in a class binds `_C__f` but is named as written.
        let written = super::super::mangle::unmangle(self.private.as_deref(), &f.name).to_string();
        // A decorated function's code starts at its first decorator
        // (`co_firstlineno`, as CPython's; `inspect.getsource` reads it).
        let first = Loc {
            lineno: f
                .decorator_list
                .first()
                .map_or(loc.lineno, |d| d.loc.lineno),
            ..loc
        };
        let code = self.function_code(&written, &f.args, body, first, is_async)?;
        self.cur = self.pos_of(loc);
        self.make_function(&f.args, f.returns.as_ref(), code)?;
        self.apply_decorators(&f.decorator_list, loc);
        self.cur = self.pos_of(loc);
        self.store_name(&f.name);
        Ok(())
    }

    /// Evaluates decorator expressions, outermost first, before the
    /// function or class they decorate.
    pub(super) fn decorators(&mut self, list: &[Expr]) -> CResult<()> {
        for d in list {
            self.expr(d)?;
        }
        Ok(())
    }

    /// Calls the decorators on the function or class on the stack,
    /// innermost first.
    pub(super) fn apply_decorators(&mut self, list: &[Expr], loc: Loc) {
        // (Method-shaped calls, as CPython 3.11 makes them: the decorator
        // in the method's place, the function as its "object".)
        for d in list.iter().rev() {
            self.cur = self.pos_of(d.loc);
            self.emit_call(0);
        }
        self.cur = self.pos_of(loc);
    }

    /// The qualified name of a function or class defined here.
    pub(super) fn child_qualname(&self, name: &str) -> String {
        match &self.scope {
            Scope::Module => name.to_string(),
            Scope::Class { .. } => format!("{}.{name}", self.qualname),
            Scope::Function { .. } => format!("{}.<locals>.{name}", self.qualname),
        }
    }

    /// What a nested scope must not read without a closure: the names
    /// bound in every enclosing function, this one included.
    pub(super) fn enclosing_for_child(&self) -> BTreeSet<String> {
        let mut e = self.enclosing.clone();
        if let Scope::Function { locals, cells, .. } = &self.scope {
            e.extend(locals.iter().chain(cells).cloned());
        }
        e
    }

    /// `class Name(bases): body`, as CPython 3.11 compiles it: the body is
    /// a function run by `__build_class__` in the new class namespace.
    pub(super) fn class_def(&mut self, c: &ClassDef, loc: Loc) -> CResult<()> {
        super::expressions::validate_keywords(&c.keywords)?;
        self.decorators(&c.decorator_list)?;
        // `class __Inner` in class A binds `_A__Inner` but is named as
        // written.
        let written = super::super::mangle::unmangle(self.private.as_deref(), &c.name).to_string();
        let qualname = self.child_qualname(&written);
        let enclosing = self.enclosing_for_child();
        check(Block::Class, &[], &c.body, &enclosing).map_err(|(msg, at)| error_at(at, &msg))?;
        let frees = class_frees(&c.body, &enclosing);
        // (From the first decorator, as a function's.)
        let first_line = c
            .decorator_list
            .first()
            .map_or(loc.lineno, |d| d.loc.lineno);
        let mut body = Compiler::new(
            written.clone(),
            qualname.clone(),
            self.filename,
            first_line,
            Scope::Class { frees },
        );
        body.private = Some(written.clone());
        body.enclosing = enclosing;
        body.future_annotations = self.future_annotations;
        body.future_lineno = self.future_lineno;
        body.module_imports = self.module_imports.clone();
        body.cur = self.pos_of(Loc {
            lineno: first_line,
            ..loc
        });
        body.emit_cell_prologue();
        body.emit(Opcode::RESUME, 0);
        let module = body.add_name("__name__");
        body.emit(Opcode::LOAD_NAME, module);
        let m = body.add_name("__module__");
        body.emit(Opcode::STORE_NAME, m);
        let q = body.add_const(ConstValue::Str(qualname));
        body.emit(Opcode::LOAD_CONST, q);
        let qn = body.add_name("__qualname__");
        body.emit(Opcode::STORE_NAME, qn);
        if super::has_annotations(&c.body) {
            body.emit(Opcode::SETUP_ANNOTATIONS, 0);
        }
        let mut stmts: &[Stmt] = &c.body;
        if let Some((first, rest)) = c.body.split_first() {
            if let StmtKind::Expr { value } = &first.kind {
                if let ExprKind::Constant {
                    value: doc @ Constant::Str(_),
                    ..
                } = &value.kind
                {
                    body.cur = body.pos_of(first.loc);
                    let doc = body.constant(doc);
                    let k = body.add_const(doc);
                    body.emit(Opcode::LOAD_CONST, k);
                    let d = body.add_name("__doc__");
                    body.emit(Opcode::STORE_NAME, d);
                    stmts = rest;
                }
            }
        }
        for st in stmts {
            body.stmt(st)?;
        }
        if let Some(last) = c.body.last() {
            body.cur = body.pos_of(last.loc);
        }
        let none = body.add_const(ConstValue::None);
        body.emit(Opcode::LOAD_CONST, none);
        body.emit(Opcode::RETURN_VALUE, 0);
        let code = body.finish(0, 0, 0, 0)?;
        self.cur = self.pos_of(loc);
        self.emit(Opcode::PUSH_NULL, 0);
        self.emit(Opcode::LOAD_BUILD_CLASS, 0);
        let fl = if self.load_closure(&code) { 8 } else { 0 };
        let k = self.add_const(ConstValue::Code(Arc::new(code)));
        self.emit(Opcode::LOAD_CONST, k);
        self.emit(Opcode::MAKE_FUNCTION, fl);
        let name = self.add_const(ConstValue::Str(written));
        self.emit(Opcode::LOAD_CONST, name);
        if Self::has_starred(&c.bases) || c.keywords.iter().any(|k| k.arg.is_none()) {
            // `class C(*bases, **kw)`: __build_class__(func, name, *bases,
            // **kw) through CALL_FUNCTION_EX, as CPython compiles it.
            let here = self.pos_of(loc);
            self.cur = here;
            self.emit(Opcode::BUILD_LIST, 2);
            self.extend_list(&c.bases, here)?;
            self.emit(Opcode::LIST_TO_TUPLE, 0);
            self.call_ex_keywords(&c.keywords, here)?;
            self.apply_decorators(&c.decorator_list, loc);
            self.store_name(&c.name);
            return Ok(());
        }
        for b in &c.bases {
            if matches!(b.kind, ExprKind::Starred { .. }) {
                return Err(unsupported(b.loc, "starred base classes"));
            }
            self.expr(b)?;
        }
        let mut kwnames = Vec::new();
        for k in &c.keywords {
            let Some(arg) = &k.arg else {
                return Err(unsupported(k.loc, "** in class keywords"));
            };
            self.expr(&k.value)?;
            kwnames.push(ConstValue::Str(arg.clone()));
        }
        self.cur = self.pos_of(loc);
        let argc = 2 + c.bases.len() + kwnames.len();
        if !kwnames.is_empty() {
            let names = self.add_const(ConstValue::Tuple(kwnames));
            self.emit(Opcode::KW_NAMES, names);
        }
        self.emit_call(argc as u32);
        self.apply_decorators(&c.decorator_list, loc);
        self.store_name(&c.name);
        Ok(())
    }

    pub(super) fn make_function(
        &mut self,
        args: &Arguments,
        returns: Option<&Expr>,
        code: CodeObject,
    ) -> CResult<()> {
        let here = self.cur;
        let mut fl = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.expr(d)?;
            }
            self.cur = here;
            self.emit(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
            fl |= 1;
        }
        let kw: Vec<(&Arg, &Expr)> = args
            .kwonlyargs
            .iter()
            .zip(&args.kw_defaults)
            .filter_map(|(a, d)| d.as_ref().map(|d| (a, d)))
            .collect();
        if !kw.is_empty() {
            for (a, d) in &kw {
                let k = self.add_const(ConstValue::Str(a.arg.clone()));
                self.emit(Opcode::LOAD_CONST, k);
                self.expr(d)?;
            }
            self.cur = here;
            self.emit(Opcode::BUILD_MAP, kw.len() as u32);
            fl |= 2;
        }
        // Annotations, as CPython 3.11 orders them: positional, then
        // positional-only, *args, keyword-only, **kwargs, the return.
        let mut annotated: Vec<(&str, &Expr)> = Vec::new();
        for a in args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg)
        {
            if let Some(ann) = &a.annotation {
                annotated.push((&a.arg, ann));
            }
        }
        if let Some(r) = returns {
            annotated.push(("return", r));
        }
        if !annotated.is_empty() {
            for (name, ann) in &annotated {
                let k = self.add_const(ConstValue::Str(name.to_string()));
                self.emit(Opcode::LOAD_CONST, k);
                self.annotation(ann)?;
            }
            self.cur = here;
            self.emit(Opcode::BUILD_TUPLE, 2 * annotated.len() as u32);
            fl |= 4;
        }
        if self.load_closure(&code) {
            fl |= 8;
        }
        let k = self.add_const(ConstValue::Code(Arc::new(code)));
        self.emit(Opcode::LOAD_CONST, k);
        self.emit(Opcode::MAKE_FUNCTION, fl);
        Ok(())
    }

    pub(super) fn function_code(
        &mut self,
        name: &str,
        args: &Arguments,
        body: FunctionBody<'_>,
        loc: Loc,
        is_async: bool,
    ) -> CResult<CodeObject> {
        let enclosing = self.enclosing_for_child();
        let params = param_names(args);
        super::super::declarations::unique_parameters(args)
            .map_err(|(msg, at)| error_at(at, &msg))?;
        let resolved = match body {
            FunctionBody::Statements(b) => {
                check(Block::Function, &params, b, &enclosing)
                    .map_err(|(msg, at)| error_at(at, &msg))?;
                resolve_function(&params, b, &enclosing)
            }
            FunctionBody::Expression(e) => resolve_lambda(&params, e, &enclosing),
        };
        let is_generator = resolved.is_generator;
        let qualname = self.child_qualname(name);
        let mut c = Compiler::new(
            name.to_string(),
            qualname,
            self.filename,
            loc.lineno,
            Scope::Function {
                locals: resolved.varnames,
                globals: resolved.globals,
                cells: resolved.cells,
                frees: resolved.frees,
            },
        );
        c.enclosing = enclosing;
        c.private = self.private.clone();
        c.future_annotations = self.future_annotations;
        c.future_lineno = self.future_lineno;
        c.module_imports = self.module_imports.clone();
        c.is_async = is_async;
        c.is_async_generator = is_async && is_generator;
        c.cur = Position {
            lineno: loc.lineno,
            end_lineno: loc.lineno,
            col: loc.col,
            end_col: loc.col,
        };
        c.emit_cell_prologue();
        c.emit(Opcode::RESUME, 0);
        // CPython 3.11: the first constant is the docstring, or None (so
        // lambdas never have one); `__doc__` reads it.
        let doc = match body {
            FunctionBody::Statements(b) => docstring_of(b),
            FunctionBody::Expression(_) => None,
        };
        c.add_const(doc.map_or(ConstValue::None, ConstValue::Str));
        match body {
            FunctionBody::Statements(body_stmts) => {
                c.block(body_stmts)?;
                if !matches!(
                    body_stmts.last().map(|s| &s.kind),
                    Some(StmtKind::Return { .. })
                ) {
                    if let Some(last) = body_stmts.last() {
                        c.cur = c.pos_of(last.loc);
                    }
                    let none = c.add_const(ConstValue::None);
                    c.emit(Opcode::LOAD_CONST, none);
                    c.emit(Opcode::RETURN_VALUE, 0);
                }
            }
            // `return body`, compiled without making that statement.
            FunctionBody::Expression(e) => {
                c.cur = c.pos_of(e.loc);
                c.expr(e)?;
                c.cur = c.pos_of(e.loc);
                c.emit(Opcode::RETURN_VALUE, 0);
            }
        }
        let mut co_flags = flags::OPTIMIZED | flags::NEWLOCALS;
        if is_async && is_generator {
            co_flags |= flags::ASYNC_GENERATOR;
        } else if is_async {
            co_flags |= flags::COROUTINE;
        } else if is_generator {
            co_flags |= flags::GENERATOR;
        }
        if args.vararg.is_some() {
            co_flags |= flags::VARARGS;
        }
        if args.kwarg.is_some() {
            co_flags |= flags::VARKEYWORDS;
        }
        c.finish(
            (args.posonlyargs.len() + args.args.len()) as u32,
            args.posonlyargs.len() as u32,
            args.kwonlyargs.len() as u32,
            co_flags,
        )
    }

    /// CPython's prefix of code with cells: MAKE_CELL for each cell, then
    /// COPY_FREE_VARS for the closure.
    pub(super) fn emit_cell_prologue(&mut self) {
        let (cells, nfree) = match &self.scope {
            Scope::Function { cells, frees, .. } => (cells.clone(), frees.len()),
            Scope::Class { frees } => (Vec::new(), frees.len()),
            Scope::Module => return,
        };
        for cname in &cells {
            if let Some(i) = self.deref_index(cname) {
                self.emit(Opcode::MAKE_CELL, i);
            }
        }
        if nfree > 0 {
            self.emit(Opcode::COPY_FREE_VARS, nfree as u32);
        }
    }

    /// A comprehension, as CPython 3.11: a nested function (`<listcomp>`,
    /// …) that takes the first iterator as `.0` and builds the result;
    /// called at once.
    pub(super) fn comprehension(
        &mut self,
        kind: CompKind,
        elts: &[&Expr],
        generators: &[Comprehension],
        loc: Loc,
    ) -> CResult<()> {
        // An asynchronous comprehension (`async for`, or `await` in it) is
        // a coroutine the caller awaits, or for a generator expression an
        // asynchronous generator.
        let is_async =
            generators.iter().any(|g| g.is_async) || comprehension_awaits(elts, generators);
        let is_generator = matches!(kind, CompKind::Generator);
        if is_async && !is_generator && !self.is_async && !self.comprehension_in_async {
            return Err(error_at(
                loc,
                "asynchronous comprehension outside of an asynchronous function",
            ));
        }
        let here = self.pos_of(loc);
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let enclosing = self.enclosing_for_child();
        self.check_comprehension_walrus(generators, elts)?;
        let scope = self.scope.clone();
        let global_names = move |n: &str| match &scope {
            Scope::Function { globals, .. } => globals.contains(n),
            _ => true,
        };
        let body = comprehension_body(generators, elts, &global_names);
        let params = [COMPREHENSION_ARG.to_string()];
        let resolved = resolve_function(&params, &body, &enclosing);
        let mut c = Compiler::new(
            name.to_string(),
            self.child_qualname(name),
            self.filename,
            loc.lineno,
            Scope::Function {
                locals: resolved.varnames,
                globals: resolved.globals,
                cells: resolved.cells,
                frees: resolved.frees,
            },
        );
        c.enclosing = enclosing;
        c.private = self.private.clone();
        c.future_annotations = self.future_annotations;
        c.future_lineno = self.future_lineno;
        c.module_imports = self.module_imports.clone();
        c.comprehension_in_async = self.is_async || self.comprehension_in_async;
        c.comprehension_kind = Some(kind);
        c.is_async = is_async;
        c.is_async_generator = is_async && is_generator;
        c.cur = here;
        c.emit_cell_prologue();
        c.emit(Opcode::RESUME, 0);
        match kind {
            CompKind::List => c.emit(Opcode::BUILD_LIST, 0),
            CompKind::Set => c.emit(Opcode::BUILD_SET, 0),
            CompKind::Dict => c.emit(Opcode::BUILD_MAP, 0),
            CompKind::Generator => {}
        }
        c.comprehension_loop(kind, elts, generators, 0, here)?;
        c.cur = here;
        let mut co_flags = flags::OPTIMIZED | flags::NEWLOCALS;
        if is_generator {
            let none = c.add_const(ConstValue::None);
            c.emit(Opcode::LOAD_CONST, none);
            co_flags |= if is_async {
                flags::ASYNC_GENERATOR
            } else {
                flags::GENERATOR
            };
        } else if is_async {
            co_flags |= flags::COROUTINE;
        }
        c.emit(Opcode::RETURN_VALUE, 0);
        let code = c.finish(1, 0, 0, co_flags)?;
        self.cur = here;
        let fl = if self.load_closure(&code) { 8 } else { 0 };
        let k = self.add_const(ConstValue::Code(Arc::new(code)));
        self.emit(Opcode::LOAD_CONST, k);
        self.emit(Opcode::MAKE_FUNCTION, fl);
        self.expr(&generators[0].iter)?;
        self.cur = here;
        if generators[0].is_async {
            self.emit(Opcode::GET_AITER, 0);
        } else {
            self.emit(Opcode::GET_ITER, 0);
        }
        // (The function in the method's place, the iterator its "object".)
        self.emit_call(0);
        if is_async && !is_generator {
            self.await_tos(0);
        }
        Ok(())
    }

    /// Pushes an annotation: its value, or under `from __future__ import
    /// annotations` its source text (PEP 563).
    pub(super) fn annotation(&mut self, ann: &Expr) -> CResult<()> {
        if !self.future_annotations {
            // `*args: *Ts` (PEP 646): the one item `*Ts` unpacks to.
            if let ExprKind::Starred { value, .. } = &ann.kind {
                self.expr(value)?;
                self.cur = self.pos_of(ann.loc);
                self.emit(Opcode::UNPACK_SEQUENCE, 1);
                return Ok(());
            }
            return self.expr(ann);
        }
        let text = crate::compiler::unparse::unparse(ann)
            .map_err(|what| unsupported(ann.loc, &format!("{what} in postponed annotations")))?;
        let k = self.add_const(ConstValue::Str(text));
        self.emit(Opcode::LOAD_CONST, k);
        Ok(())
    }

    /// CPython's compile-time errors for assignment expressions in a
    /// comprehension (PEP 572): not in a class body, not in an iterable,
    /// not rebinding an iteration variable.
    fn check_comprehension_walrus(
        &self,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> CResult<()> {
        let found = crate::compiler::symtable::comprehension_walrus(generators, elts);
        if let (Some((_, at)), Scope::Class { .. }) = (found.first(), &self.scope) {
            return Err(error_at(
                at.first_char(),
                "assignment expression within a comprehension cannot be used in a class body",
            ));
        }
        let mut bound = Vec::new();
        for g in generators {
            collect_target_names(&g.target, &mut bound);
        }
        for (n, at) in &found {
            if bound.iter().any(|b| b == n) {
                return Err(error_at(
                    at.first_char(),
                    &format!("assignment expression cannot rebind comprehension iteration variable '{n}'"),
                ));
            }
        }
        for g in generators {
            let mut in_iter = Vec::new();
            crate::compiler::symtable::walrus_targets(&g.iter, &mut in_iter);
            if let Some((_, at)) = in_iter.first() {
                return Err(error_at(
                    *at,
                    "assignment expression cannot be used in a comprehension iterable expression",
                ));
            }
        }
        Ok(())
    }

    /// The `for` clause `i` of a comprehension and everything inside it.
    pub(super) fn comprehension_loop(
        &mut self,
        kind: CompKind,
        elts: &[&Expr],
        generators: &[Comprehension],
        i: usize,
        here: Position,
    ) -> CResult<()> {
        let g = &generators[i];
        if i == 0 {
            self.emit(Opcode::LOAD_FAST, 0);
        } else {
            self.expr(&g.iter)?;
            self.cur = here;
            if g.is_async {
                self.emit(Opcode::GET_AITER, 0);
            } else {
                self.emit(Opcode::GET_ITER, 0);
            }
        }
        let top = self.new_label();
        let next = self.new_label();
        let end = self.new_label();
        self.place(top);
        self.cur = here;
        if g.is_async {
            // `async for`: the next item awaited, StopAsyncIteration
            // ending the loop (END_ASYNC_FOR), as in `async_for`. The
            // handler keeps what is stacked: the result being built and
            // the iterators of this level and the ones around it.
            let held = u32::from(!matches!(kind, CompKind::Generator)) + i as u32 + 1;
            let hb = self.handler_stack.len();
            self.push_handler(end, held, false);
            self.emit(Opcode::GET_ANEXT, 0);
            self.yield_from_tos();
            self.handler_stack.truncate(hb);
        } else {
            self.emit_jump(Opcode::FOR_ITER, end);
        }
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, next)?;
        }
        if i + 1 < generators.len() {
            self.comprehension_loop(kind, elts, generators, i + 1, here)?;
        } else {
            for e in elts {
                self.expr(e)?;
            }
            self.cur = here;
            let depth = (i + 2) as u32;
            match kind {
                CompKind::List => self.emit(Opcode::LIST_APPEND, depth),
                CompKind::Set => self.emit(Opcode::SET_ADD, depth),
                CompKind::Dict => self.emit(Opcode::MAP_ADD, depth),
                CompKind::Generator => {
                    if self.is_async_generator {
                        self.emit(Opcode::ASYNC_GEN_WRAP, 0);
                    }
                    self.emit(Opcode::YIELD_VALUE, 0);
                    self.emit(Opcode::POP_TOP, 0);
                }
            }
        }
        self.place(next);
        self.cur = here;
        self.emit_jump(Opcode::JUMP_BACKWARD, top);
        self.place(end);
        if g.is_async {
            self.emit(Opcode::END_ASYNC_FOR, 0);
        }
        Ok(())
    }

    /// Pushes the closure tuple a nested code object needs (its free
    /// variables' cells from this frame); false when it has none.
    pub(super) fn load_closure(&mut self, code: &CodeObject) -> bool {
        if code.freevars.is_empty() {
            return false;
        }
        for f in &code.freevars {
            let i = self.deref_index(f).unwrap_or(0);
            self.emit(Opcode::LOAD_CLOSURE, i);
        }
        self.emit(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
        true
    }
}

/// The docstring of a function body: its first statement, when that is a
/// string constant.
pub(crate) fn docstring_of(body: &[Stmt]) -> Option<String> {
    let StmtKind::Expr { value } = &body.first()?.kind else {
        return None;
    };
    match &value.kind {
        crate::front::ast::ExprKind::Constant {
            value: crate::front::ast::Constant::Str(s),
            ..
        } => Some(match s.as_str() {
            Some(t) => t.to_string(),
            None => s
                .code_points()
                .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                .collect(),
        }),
        _ => None,
    }
}

/// The names a comprehension's `for` target binds.
fn collect_target_names(t: &Expr, out: &mut Vec<String>) {
    match &t.kind {
        ExprKind::Name { id, .. } => out.push(id.clone()),
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            elts.iter().for_each(|e| collect_target_names(e, out))
        }
        ExprKind::Starred { value, .. } => collect_target_names(value, out),
        _ => {}
    }
}

/// Whether a comprehension awaits: `await` in its element(s), its
/// conditions or the iterables after the first, or an asynchronous
/// comprehension (not a generator expression) nested there — which makes
/// it asynchronous too. Lambdas and generator expressions keep theirs.
fn comprehension_awaits(elts: &[&Expr], generators: &[Comprehension]) -> bool {
    fn awaits(e: &Expr) -> bool {
        use crate::front::ast::ExprKind;
        match &e.kind {
            ExprKind::Await { .. } => true,
            ExprKind::Lambda { .. } | ExprKind::GeneratorExp { .. } => false,
            ExprKind::ListComp { generators, .. } | ExprKind::SetComp { generators, .. }
                if generators.iter().any(|g| g.is_async) =>
            {
                true
            }
            ExprKind::DictComp { generators, .. } if generators.iter().any(|g| g.is_async) => true,
            _ => {
                let mut found = false;
                crate::compiler::symtable::walk_expr_children(e, &mut |c| {
                    found = found || awaits(c);
                });
                found
            }
        }
    }
    elts.iter().any(|e| awaits(e))
        || generators
            .iter()
            .enumerate()
            .any(|(i, g)| g.ifs.iter().any(awaits) || (i > 0 && awaits(&g.iter)))
}
