//! Code generation for `try`, `with` and the unwinding of `return`,
//! `break` and `continue` through the blocks they leave (CPython's
//! fblocks), which together make the exception table.

use super::*;

/// Where [`Compiler::try_start`] leaves a `try`: its end, the handler
/// stack's length outside it, the cleanup handler's label and the handler
/// stack inside the clauses.
struct TryStart {
    end: Label,
    hb: usize,
    cleanup: Label,
    in_cleanup: Vec<u32>,
}

impl Compiler<'_> {
    /// Leaves the fblocks above index `keep` before a `return`, `break`
    /// or `continue`, innermost first, as CPython's compiler_unwind_fblock:
    /// loops drop their iterator (for `return`), handlers restore the
    /// previously handled exception, `finally` bodies run. `preserve_tos`:
    /// a return value sits on top of the stack meanwhile.
    pub(super) fn unwind_to(&mut self, keep: usize, preserve_tos: bool, loc: Loc) -> CResult<()> {
        while self.fblocks.len() > keep {
            let Some(b) = self.fblocks.pop() else { break };
            self.handler_stack.truncate(b.handlers_before);
            self.cur = self.pos_of(loc);
            match b.kind {
                FBlockKind::Loop { is_for, .. } => {
                    if is_for && preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                        self.emit(Opcode::POP_TOP, 0);
                    }
                }
                FBlockKind::TryBody => {}
                FBlockKind::FinallyTry(body) => {
                    if preserve_tos {
                        let hb = self.handler_stack.len();
                        self.push_fblock(FBlockKind::PopValue, hb);
                    }
                    let depth = self.fblocks.len();
                    let r = self.block(&body);
                    if preserve_tos {
                        self.fblocks.truncate(depth - 1);
                    }
                    r?;
                }
                FBlockKind::PopValue => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_TOP, 0);
                }
                FBlockKind::Handler(name) => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_EXCEPT, 0);
                    if let Some(n) = name {
                        self.clear_name(&n);
                    }
                }
                FBlockKind::With { is_async } => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.call_exit_with_nones(is_async);
                }
                FBlockKind::StarHandler => {
                    return Err(error_at(
                        loc,
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                    ));
                }
                FBlockKind::FinallyEnd => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_TOP, 0);
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_EXCEPT, 0);
                }
            }
        }
        Ok(())
    }

    /// `name = None; del name`: an `except ... as name` target does not
    /// outlive its handler.
    pub(super) fn clear_name(&mut self, name: &str) {
        let none = self.add_const(ConstValue::None);
        self.emit(Opcode::LOAD_CONST, none);
        self.store_name(name);
        self.delete_name(name);
    }

    /// The handler that restores the previously handled exception when
    /// an exception escapes handler code: `COPY 3; POP_EXCEPT; RERAISE 1`.
    pub(super) fn emit_cleanup(&mut self, label: Label) {
        self.place(label);
        self.emit(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 1);
    }

    /// `try` statements, as CPython 3.11 compiles them: the body is covered
    /// by a handler; `except` clauses test the exception with
    /// CHECK_EXC_MATCH; a final body is compiled once for the normal path
    /// and once for the exception path (and inlined where `return`,
    /// `break` and `continue` leave the body).
    /// (`star`: `except*` clauses.)
    pub(super) fn try_stmt(&mut self, t: &Try, star: bool, loc: Loc) -> CResult<()> {
        if t.finalbody.is_empty() {
            return self.try_any_except(t, star, loc);
        }
        let on_exc = self.new_label();
        let end = self.new_label();
        let hb = self.handler_stack.len();
        self.push_handler(on_exc, 0, false);
        self.push_fblock(FBlockKind::FinallyTry(t.finalbody.clone()), hb);
        if t.handlers.is_empty() {
            self.block(&t.body)?;
        } else {
            self.try_any_except(t, star, loc)?;
        }
        self.fblocks.pop();
        self.handler_stack.truncate(hb);
        self.block(&t.finalbody)?;
        self.cur = self.pos_of(loc);
        self.emit_jump(JUMP, end);
        // The exception path: run the final body, then re-raise.
        self.place(on_exc);
        let cleanup = self.new_label();
        self.push_handler(cleanup, 1, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.push_fblock(FBlockKind::FinallyEnd, hb);
        self.block(&t.finalbody)?;
        self.fblocks.pop();
        self.emit(Opcode::RERAISE, 0);
        self.handler_stack.truncate(hb);
        self.emit_cleanup(cleanup);
        self.place(end);
        Ok(())
    }

    /// `try` with `except` clauses (and maybe `else`), without `finally`.
    fn try_any_except(&mut self, t: &Try, star: bool, loc: Loc) -> CResult<()> {
        if star {
            self.try_star_except(t, loc)
        } else {
            self.try_except(t, loc)
        }
    }

    /// `try` with `except*` clauses (PEP 654), as CPython 3.11's
    /// `compiler_try_star_except`: each clause splits off the part of the
    /// exception group its types match (CHECK_EG_MATCH) and runs with it;
    /// what the clauses raise, and the part none matched, go into a list
    /// that PREP_RERAISE_STAR turns into the exception to raise on.
    /// (None-tests are `IS_OP` + a jump: this opcode table has no
    /// POP_JUMP_IF_NOT_NONE.)
    fn try_star_except(&mut self, t: &Try, loc: Loc) -> CResult<()> {
        let TryStart {
            end,
            hb,
            cleanup,
            in_cleanup,
        } = self.try_start(t, loc)?;
        // Stack: [prev, orig] after PUSH_EXC_INFO; then [prev, orig,
        // list, rest], `rest` being what is left to match.
        self.emit(Opcode::BUILD_LIST, 0);
        self.emit(Opcode::COPY, 2);
        let none = self.add_const(ConstValue::None);
        for h in &t.handlers {
            self.cur = self.pos_of(h.loc);
            let Some(ty) = &h.type_ else {
                return Err(error_at(h.loc, "expected one or more exception types"));
            };
            let no_match = self.new_label();
            let matched = self.new_label();
            self.expr(ty)?;
            self.cur = self.pos_of(h.loc);
            self.emit(Opcode::CHECK_EG_MATCH, 0);
            self.emit(Opcode::COPY, 1);
            self.emit(Opcode::LOAD_CONST, none);
            self.emit(Opcode::IS_OP, 1);
            self.emit_jump(Opcode::POP_JUMP_FORWARD_IF_TRUE, matched);
            self.emit(Opcode::POP_TOP, 0);
            self.emit_jump(JUMP, no_match);
            // [prev, orig, list, rest, match]
            self.place(matched);
            match &h.name {
                Some(n) => self.store_name(n),
                None => self.emit(Opcode::POP_TOP, 0),
            }
            // The body, covered by a handler that adds what it raises to
            // the list (clearing the name first).
            let raised = self.new_label();
            self.push_handler(raised, 4, true);
            self.push_fblock(FBlockKind::StarHandler, hb);
            self.block(&h.body)?;
            self.fblocks.pop();
            self.handler_stack = in_cleanup.clone();
            self.cur = self.pos_of(h.loc);
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.emit_jump(JUMP, no_match);
            // [prev, orig, list, rest, lasti, exc]
            self.place(raised);
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.emit(Opcode::LIST_APPEND, 3);
            self.emit(Opcode::POP_TOP, 0);
            self.place(no_match);
        }
        // [prev, orig, list, rest]: the rest joins the list.
        self.emit(Opcode::LIST_APPEND, 1);
        self.emit(Opcode::PREP_RERAISE_STAR, 0);
        let reraise = self.new_label();
        self.emit(Opcode::COPY, 1);
        self.emit(Opcode::LOAD_CONST, none);
        self.emit(Opcode::IS_OP, 1);
        self.emit_jump(Opcode::POP_JUMP_FORWARD_IF_TRUE, reraise);
        self.emit(Opcode::POP_TOP, 0);
        self.handler_stack.truncate(hb);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit_jump(JUMP, end);
        self.place(reraise);
        self.emit(Opcode::SWAP, 2);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 0);
        self.emit_cleanup(cleanup);
        self.place(end);
        Ok(())
    }

    /// What `try` with `except` or `except*` clauses starts with: the
    /// body covered by a handler, the `else` body, the jump to the end;
    /// then the handler's entry (`PUSH_EXC_INFO`), covered by the cleanup
    /// handler that restores the previously handled exception.
    fn try_start(&mut self, t: &Try, loc: Loc) -> CResult<TryStart> {
        let on_exc = self.new_label();
        let end = self.new_label();
        let hb = self.handler_stack.len();
        self.push_handler(on_exc, 0, false);
        self.push_fblock(FBlockKind::TryBody, hb);
        self.block(&t.body)?;
        self.fblocks.pop();
        self.handler_stack.truncate(hb);
        self.block(&t.orelse)?;
        self.cur = self.pos_of(loc);
        self.emit_jump(JUMP, end);
        self.place(on_exc);
        let cleanup = self.new_label();
        self.push_handler(cleanup, 1, true);
        let in_cleanup = self.handler_stack.clone();
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        Ok(TryStart {
            end,
            hb,
            cleanup,
            in_cleanup,
        })
    }

    pub(super) fn try_except(&mut self, t: &Try, loc: Loc) -> CResult<()> {
        let TryStart {
            end,
            hb,
            cleanup,
            in_cleanup,
        } = self.try_start(t, loc)?;
        for (i, h) in t.handlers.iter().enumerate() {
            self.cur = self.pos_of(h.loc);
            let next = self.new_label();
            match &h.type_ {
                Some(ty) => {
                    self.expr(ty)?;
                    self.cur = self.pos_of(h.loc);
                    self.emit(Opcode::CHECK_EXC_MATCH, 0);
                    self.emit_jump(Opcode::POP_JUMP_FORWARD_IF_FALSE, next);
                }
                None if i + 1 < t.handlers.len() => {
                    return Err(error_at(h.loc, "default 'except:' must be last"));
                }
                None => {}
            }
            match &h.name {
                Some(n) => {
                    self.store_name(n);
                    // The body is covered by a handler that clears the
                    // name before the exception moves on.
                    let clear = self.new_label();
                    self.push_handler(clear, 1, true);
                    self.push_fblock(FBlockKind::Handler(Some(n.clone())), hb);
                    self.block(&h.body)?;
                    self.fblocks.pop();
                    self.handler_stack.truncate(hb);
                    self.cur = self.pos_of(h.loc);
                    self.emit(Opcode::POP_EXCEPT, 0);
                    self.clear_name(n);
                    self.emit_jump(JUMP, end);
                    // An exception in the body: clear the name, re-raise.
                    self.handler_stack = in_cleanup.clone();
                    self.place(clear);
                    self.clear_name(n);
                    self.emit(Opcode::RERAISE, 1);
                }
                None => {
                    self.emit(Opcode::POP_TOP, 0);
                    self.push_fblock(FBlockKind::Handler(None), hb);
                    self.block(&h.body)?;
                    self.fblocks.pop();
                    self.handler_stack.truncate(hb);
                    self.cur = self.pos_of(h.loc);
                    self.emit(Opcode::POP_EXCEPT, 0);
                    self.emit_jump(JUMP, end);
                }
            }
            self.handler_stack = in_cleanup.clone();
            self.place(next);
        }
        // No clause matched: re-raise (through the cleanup handler).
        self.emit(Opcode::RERAISE, 0);
        self.handler_stack.truncate(hb);
        self.emit_cleanup(cleanup);
        self.place(end);
        Ok(())
    }

    /// `__exit__(None, None, None)` with the bound `__exit__` on the stack
    /// (a method-shaped call, as CPython 3.11 makes it: `__exit__` in the
    /// method's place, the first None as its "object").
    pub(super) fn call_exit_with_nones(&mut self, is_async: bool) {
        let none = self.add_const(ConstValue::None);
        for _ in 0..3 {
            self.emit(Opcode::LOAD_CONST, none);
        }
        self.emit_call(2);
        if is_async {
            self.await_tos(2);
        }
        self.emit(Opcode::POP_TOP, 0);
    }

    /// `await TOS`: GET_AWAITABLE (`kind` 1 and 2 name `__aenter__` and
    /// `__aexit__` in its errors), then the SEND / YIELD_VALUE loop of
    /// `yield from`, leaving the result.
    pub(super) fn await_tos(&mut self, kind: u32) {
        self.emit(Opcode::GET_AWAITABLE, kind);
        self.yield_from_tos();
    }

    /// The SEND / YIELD_VALUE loop that drives the iterator TOS to its
    /// end, leaving its return value (`yield from`, `await`).
    pub(super) fn yield_from_tos(&mut self) {
        let none = self.add_const(ConstValue::None);
        self.emit(Opcode::LOAD_CONST, none);
        let top = self.new_label();
        let exit = self.new_label();
        self.place(top);
        self.emit_jump(Opcode::SEND, exit);
        self.emit(Opcode::YIELD_VALUE, 0);
        self.emit_jump(Opcode::JUMP_BACKWARD, top);
        self.place(exit);
    }

    /// A SyntaxError unless `yield` may appear here: in a function, not
    /// in a comprehension's body.
    pub(super) fn check_yield_allowed(&self, loc: Loc) -> CResult<()> {
        if let Some(kind) = self.comprehension_kind {
            let msg = format!("'yield' inside {}", kind.description());
            return Err(error_at(loc, &msg));
        }
        if !matches!(self.scope, Scope::Function { .. }) {
            return Err(error_at(loc, "'yield' outside function"));
        }
        Ok(())
    }

    /// A SyntaxError unless compiling an `async def` body.
    pub(super) fn require_async(&self, loc: Loc, what: &str) -> CResult<()> {
        if self.is_async {
            return Ok(());
        }
        let msg = match self.scope {
            Scope::Module | Scope::Class { .. } if what == "await" => {
                format!("'{what}' outside function")
            }
            _ => format!("'{what}' outside async function"),
        };
        Err(error_at(loc, &msg))
    }

    /// `async for x in it: body` (CPython 3.11's `compiler_async_for`):
    /// GET_AITER, then per item `await it.__anext__()` under a handler
    /// whose END_ASYNC_FOR ends the loop on StopAsyncIteration.
    pub(super) fn async_for(&mut self, f: &For, loc: Loc) -> CResult<()> {
        let top = self.new_label();
        let on_exc = self.new_label();
        let end = self.new_label();
        self.expr(&f.iter)?;
        self.cur = self.pos_of(loc);
        self.emit(Opcode::GET_AITER, 0);
        self.place(top);
        let hb = self.push_loop(top, end, true);
        // The handler's stack keeps the iterator (held by the loop block).
        self.push_handler(on_exc, 0, false);
        // GET_ANEXT pushes the awaitable iterator already.
        self.emit(Opcode::GET_ANEXT, 0);
        self.yield_from_tos();
        self.handler_stack.truncate(hb);
        self.store_target(&f.target)?;
        self.block(&f.body)?;
        self.cur = self.pos_of(loc);
        self.emit_jump(JUMP, top);
        self.fblocks.pop();
        self.place(on_exc);
        self.cur = self.pos_of(f.iter.loc);
        self.emit(Opcode::END_ASYNC_FOR, 0);
        self.block(&f.orelse)?;
        self.place(end);
        Ok(())
    }

    /// `with a as x, b: body`, as CPython 3.11: BEFORE_WITH, the body
    /// covered by a handler that calls `__exit__` with the exception and
    /// re-raises unless it returned true; one level per item.
    pub(super) fn with_stmt(
        &mut self,
        items: &[WithItem],
        body: &[Stmt],
        loc: Loc,
        is_async: bool,
    ) -> CResult<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.block(body);
        };
        let on_exc = self.new_label();
        let end = self.new_label();
        self.expr(&item.context_expr)?;
        self.cur = self.pos_of(loc);
        if is_async {
            self.emit(Opcode::BEFORE_ASYNC_WITH, 0);
            self.await_tos(1);
        } else {
            self.emit(Opcode::BEFORE_WITH, 0);
        }
        let hb = self.handler_stack.len();
        self.push_handler(on_exc, 1, true);
        self.push_fblock(FBlockKind::With { is_async }, hb);
        match &item.optional_vars {
            Some(t) => self.store_target(t)?,
            None => self.emit(Opcode::POP_TOP, 0),
        }
        self.with_stmt(rest, body, loc, is_async)?;
        self.fblocks.pop();
        self.handler_stack.truncate(hb);
        self.cur = self.pos_of(loc);
        self.call_exit_with_nones(is_async);
        self.emit_jump(JUMP, end);
        // An exception in the body: __exit__(type, exc, tb) decides.
        self.place(on_exc);
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.push_handler(cleanup, 3, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.emit(Opcode::WITH_EXCEPT_START, 0);
        if is_async {
            self.await_tos(2);
        }
        self.emit_jump(Opcode::POP_JUMP_FORWARD_IF_TRUE, suppress);
        self.emit(Opcode::RERAISE, 2);
        self.place(suppress);
        self.emit(Opcode::POP_TOP, 0);
        self.handler_stack.truncate(hb);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::POP_TOP, 0);
        self.emit(Opcode::POP_TOP, 0);
        self.emit_jump(JUMP, end);
        self.emit_cleanup(cleanup);
        self.place(end);
        Ok(())
    }
}
