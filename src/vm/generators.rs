//! Generators: calling a generator function makes a [`Generator`] that
//! owns the function's frame (slab and resume offset) instead of running
//! it. `next`/`send` resume the frame in the interpreter's own eval loop
//! until its next YIELD_VALUE or its return; `throw` and `close` resume it
//! with an exception raised at the suspended `yield`. A StopIteration
//! escaping the body becomes a RuntimeError (PEP 479).

use crate::object::exceptions::{err_matches, exc_state, raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{type_name, Function, Object};
use crate::object::payloads::{Frame, GenKind, Generator};
use crate::object::value::Value;
use crate::vm::frames::FrameExit;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use taipan_bytecode::opcode::Opcode;

impl GenKind {
    /// The type's name, as messages say it.
    pub fn name(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

impl Generator {
    /// Whether the frame has ended (returned, raised or been closed).
    pub fn is_finished(&self) -> bool {
        !self.running.get() && self.frame.try_borrow().is_ok_and(|f| f.is_none())
    }

    /// Whether the generator's frame is running now (`gi_running`).
    pub fn is_running(&self) -> bool {
        self.running.get()
    }

    /// Whether freeing the generator must first run Python code (CPython's
    /// `_PyGen_Finalize`): an asynchronous generator's finalizer hook, the
    /// "never awaited" warning of a coroutine, or `close()`.
    pub fn needs_finalizing(&self) -> bool {
        self.has_finalizer() || self.is_unawaited() || self.needs_close()
    }

    /// An asynchronous generator not finished nor closed, with a finalizer
    /// hook (`sys.set_asyncgen_hooks`) to hand it to.
    pub fn has_finalizer(&self) -> bool {
        self.kind == GenKind::AsyncGenerator
            && !self.closed.get()
            && !self.running.get()
            && self.frame.try_borrow().is_ok_and(|f| f.is_some())
            && self.finalizer.try_borrow().is_ok_and(|f| f.is_some())
    }

    /// A coroutine never started: freeing it warns that it was never
    /// awaited.
    pub fn is_unawaited(&self) -> bool {
        self.kind == GenKind::Coroutine
            && !self.running.get()
            && self
                .frame
                .try_borrow()
                .is_ok_and(|f| f.as_ref().is_some_and(|f| !f.started))
    }

    /// Whether freeing the generator must first close it (CPython's
    /// `_PyGen_Finalize`): it is suspended where an exception handler
    /// (`finally`, `with`, `except`) would see the GeneratorExit that
    /// `close()` throws in. A generator suspended elsewhere just ends.
    pub fn needs_close(&self) -> bool {
        if self.running.get() {
            return false;
        }
        match self.frame.try_borrow() {
            Ok(frame) => frame.as_ref().is_some_and(|f| {
                f.started
                    && self
                        .func
                        .code
                        .code
                        .handler_at(f.pc.saturating_sub(2))
                        .is_some()
            }),
            Err(_) => false,
        }
    }

    /// `__qualname__`: the function's, unless set on the generator.
    pub fn qualname(&self) -> String {
        let set = self.names.try_borrow().ok().and_then(|n| n.1.clone());
        match set.as_ref().and_then(crate::object::heap::as_str) {
            Some(s) => s.to_string(),
            None => self.func.code.code.qualname.to_string(),
        }
    }

    /// Reports the references the generator holds (cycle collector);
    /// false if part of it could not be looked at.
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) -> bool {
        if !self.func.traverse(visit) {
            return false;
        }
        let (Ok(frame), Ok(exc)) = (self.frame.try_borrow(), self.exc_info.try_borrow()) else {
            return false;
        };
        // (A running frame's values are the running code's: not looked
        // at, as for any frame on the stack.)
        if let Some(f) = frame.as_ref().filter(|_| !self.running.get()) {
            crate::object::gc::visit_values(f.slab.iter(), visit);
        }
        crate::object::gc::visit_value(&exc, visit);
        let Ok(finalizer) = self.finalizer.try_borrow() else {
            return false;
        };
        if let Some(f) = &*finalizer {
            crate::object::gc::visit_value(f, visit);
        }
        if let Some(o) = &self.origin {
            crate::object::gc::visit_value(o, visit);
        }
        let Ok(names) = self.names.try_borrow() else {
            return false;
        };
        for n in [&names.0, &names.1].into_iter().flatten() {
            crate::object::gc::visit_value(n, visit);
        }
        true
    }

    /// Drops the references that can be dropped (cycle collector): the
    /// suspended frame, unless it is running.
    pub fn clear_for_gc(&self) {
        if !self.running.get() {
            crate::object::gc::take_for_gc(&self.frame, None);
        }
        crate::object::gc::take_for_gc(&self.exc_info, Value::None);
        crate::object::gc::take_for_gc(&self.finalizer, None);
        self.func.clear_for_gc();
    }
}

/// Runs what must run before generator `gen` is freed (CPython's
/// `_PyGen_Finalize`): an unfinished asynchronous generator goes to the
/// finalizer hook it was started under (asyncio schedules its
/// `aclose()`); a coroutine never started warns through
/// `warnings._warn_unawaited_coroutine`, whose warning points at the
/// Python line running when the coroutine was dropped; a suspended
/// generator is closed.
pub fn finalize(vm: &mut Vm, gen: &Value) -> PyResult<Value> {
    let Some(Object::Generator(g)) = gen.as_obj() else {
        return Ok(Value::None);
    };
    if g.has_finalizer() {
        let hook = g.finalizer.borrow().clone();
        if let Some(hook) = hook {
            return crate::protocol::call(vm, &hook, std::slice::from_ref(gen), &[]);
        }
    }
    if g.is_unawaited() {
        warn_unawaited(vm, gen, g);
        return Ok(Value::None);
    }
    m_close(vm, Some(gen), &[], &[])
}

/// `cr_origin` of a coroutine made now: `(filename, line, function)` of
/// the running frames, innermost first, as many as
/// `sys.set_coroutine_origin_tracking_depth` asks for.
fn origin(vm: &Vm) -> Value {
    let frames = crate::vm::frames::live_frames(vm);
    let items = frames
        .iter()
        .take(vm.coro_origin_depth)
        .map(|(func, _, pc)| {
            let code = &func.code.code;
            let at = (*pc).min(code.code.len().saturating_sub(2));
            crate::object::heap::new_tuple(vec![
                crate::object::heap::new_str(code.filename.to_string()),
                Value::Int(code.position_at(at).lineno as i64),
                crate::object::heap::new_str(code.name.to_string()),
            ])
        })
        .collect();
    crate::object::heap::new_tuple(items)
}

/// The "coroutine ... was never awaited" RuntimeWarning of a coroutine
/// freed unstarted (CPython's `_PyErr_WarnUnawaitedCoroutine`): through
/// `warnings._warn_unawaited_coroutine` (which adds where it was made),
/// else as a plain warning; what either raises is reported as
/// unraisable, against the coroutine.
fn warn_unawaited(vm: &mut Vm, gen: &Value, g: &Generator) {
    // (No `warnings` module, or one without the function: the plain
    // warning, as CPython's `get_warnings_attr`.)
    let warn = match crate::object::upcalls::import(vm, "warnings") {
        Ok(w) => crate::protocol::getattr(vm, &w, "_warn_unawaited_coroutine").ok(),
        Err(_) => None,
    };
    let called = warn.map(|f| crate::protocol::call(vm, &f, std::slice::from_ref(gen), &[]));
    let warned = match called {
        None => false,
        Some(Ok(_)) => true,
        Some(Err(e)) => {
            let warned = err_matches(&e, ExcKind::RuntimeWarning);
            crate::object::pending::report_unraisable(vm, gen, &e);
            warned
        }
    };
    if !warned {
        let msg = format!("coroutine '{}' was never awaited", g.qualname());
        if let Err(e) = (vm.natives.warn)(vm, ExcKind::RuntimeWarning, &msg, None) {
            crate::object::pending::report_unraisable(vm, gen, &e);
        }
    }
}

/// The generator a call of generator function `func` makes, its
/// arguments already bound in `slab`.
pub fn new_generator(vm: &Vm, func: &Function, slab: crate::object::frame_slab::Slab) -> Value {
    let func = Function {
        code: func.code.clone(),
        globals: func.globals.clone(),
        defaults: RefCell::new(Default::default()),
        closure: func.closure.clone(),
        namespace: None,
        owner_class: RefCell::new(func.owner_class.borrow().clone()),
        attrs: RefCell::new(None),
        annotations: RefCell::new(None),
    };
    let flags = func.code.code.flags;
    let kind = if flags & taipan_bytecode::code::flags::COROUTINE != 0 {
        GenKind::Coroutine
    } else if flags & taipan_bytecode::code::flags::ASYNC_GENERATOR != 0 {
        GenKind::AsyncGenerator
    } else {
        GenKind::Generator
    };
    Value::obj(NewObject::Generator(Box::new(Generator {
        kind,
        func,
        frame: RefCell::new(Some(Frame {
            // (The frame outlives this call: off the data stack.)
            slab: slab.into_heap(),
            pc: 0,
            started: false,
        })),
        running: Cell::new(false),
        exc_info: RefCell::new(Value::None),
        yielded_own_value: Cell::new(false),
        running_async: Cell::new(false),
        closed: Cell::new(false),
        hooks_inited: Cell::new(false),
        finalizer: RefCell::new(None),
        origin: match kind {
            GenKind::Coroutine if vm.coro_origin_depth > 0 => Some(origin(vm)),
            _ => None,
        },
        names: RefCell::new((None, None)),
    })))
}

#[inline]
fn generator_of(v: &Value) -> PyResult<&Generator> {
    match v.as_obj() {
        Some(Object::Generator(g)) => Ok(g),
        _ => raise(
            ExcKind::TypeError,
            format!("expected a generator, not '{}'", type_name(v)),
        ),
    }
}

/// Resumes a generator: `value` is what the suspended `yield` evaluates
/// to (None for `next`), `throw` an exception to raise there instead.
pub fn resume(
    vm: &mut Vm,
    gen: &Value,
    value: Value,
    throw: Option<Box<PyErr>>,
) -> PyResult<FrameExit> {
    let g = generator_of(gen)?;
    if g.running.get() {
        return raise(
            ExcKind::ValueError,
            format!("{} already executing", g.kind.name()),
        );
    }
    // The frame runs where it is: only this function (marking the
    // generator running until it is done with the frame) changes it, and
    // the getters, which see a running generator as having no frame,
    // read it only when it is not running. (Moved out and back in for each
    // resume, the frame was copied with 16-byte loads right after the
    // 8-byte stores of its length and offset: a store-forwarding stall on
    // every `next` of a compiled generator.)
    let frame_ptr: *mut Frame = match g.frame.borrow_mut().as_mut() {
        Some(f) => f,
        None => {
            if g.kind == GenKind::Coroutine {
                return raise(
                    ExcKind::RuntimeError,
                    "cannot reuse already awaited coroutine",
                );
            }
            return match throw {
                Some(e) => Err(e),
                None => Ok(FrameExit::Return(Value::None)),
            };
        }
    };
    // SAFETY: the frame lives in the generator object (alive: `gen` holds
    // it) and is not borrowed; see above for who touches it meanwhile.
    let frame = unsafe { &mut *frame_ptr };
    if !frame.started {
        if let Some(e) = throw {
            // Thrown into a generator that never ran: it is finished.
            end_frame(g);
            return Err(e);
        }
        if !matches!(value, Value::None) {
            return raise(
                ExcKind::TypeError,
                format!(
                    "can't send non-None value to a just-started {}",
                    g.kind.name()
                ),
            );
        }
        frame.started = true;
        // Each generator run counts as a call of its code (hotness for
        // the JIT).
        let rt = &g.func.code;
        rt.calls.set(rt.calls.get().saturating_add(1));
    } else if throw.is_none() {
        frame.slab.push(value);
    }
    if vm.depth >= vm.recursion_limit {
        return crate::vm::frames::recursion_error();
    }
    vm.depth += 1;
    g.running.set(true);
    // Inside the frame, the exception it was handling is the current one
    // (the caller's when it was handling none).
    let own = std::mem::take(&mut *g.exc_info.borrow_mut());
    let caller_exc = if matches!(own, Value::None) {
        vm.exc_info.clone()
    } else {
        std::mem::replace(&mut vm.exc_info, own)
    };
    // (The generator's function is its own: its code cannot change
    // while the frame runs.)
    let result = crate::object::state::with_stack(|| {
        crate::vm::frames::run_generator_frame(
            vm,
            &g.func,
            &g.func.code,
            &mut frame.slab,
            &mut frame.pc,
            throw,
        )
    });
    g.running.set(false);
    vm.depth -= 1;
    let inside = std::mem::replace(&mut vm.exc_info, caller_exc);
    match result {
        Ok(FrameExit::Yield(v)) => {
            if !vm.exc_info.is(&inside) {
                *g.exc_info.borrow_mut() = inside;
            }
            if g.kind == GenKind::AsyncGenerator {
                // The YIELD_VALUE just run is at pc - 2; a value of the
                // generator has ASYNC_GEN_WRAP right before it.
                let code = &g.func.code.code.code;
                let wrapped = frame.pc >= 4
                    && code.get(frame.pc - 4) == Some(&(Opcode::ASYNC_GEN_WRAP as u8));
                g.yielded_own_value.set(wrapped);
            }
            Ok(FrameExit::Yield(v))
        }
        Ok(exit) => {
            end_frame(g);
            Ok(exit)
        }
        Err(e) => {
            end_frame(g);
            Err(stop_iteration_leak(g, e))
        }
    }
}

/// Drops a generator's frame when it has ended (outside the cell's
/// borrow: dropping its values may run code that looks at the
/// generator).
fn end_frame(g: &Generator) {
    let frame = g.frame.borrow_mut().take();
    drop(frame);
}

/// The exception a generator's frame ended with, as its caller sees it.
fn stop_iteration_leak(g: &Generator, e: Box<PyErr>) -> Box<PyErr> {
    // PEP 479: StopIteration must not leak out of a generator (nor
    // StopAsyncIteration out of an asynchronous one).
    match e {
        e if err_matches(&e, ExcKind::StopIteration)
            || (g.kind == GenKind::AsyncGenerator
                && err_matches(&e, ExcKind::StopAsyncIteration)) =>
        {
            let what = if err_matches(&e, ExcKind::StopIteration) {
                "StopIteration"
            } else {
                "StopAsyncIteration"
            };
            let mut err = PyErr::new(
                ExcKind::RuntimeError,
                format!("{} raised {what}", g.kind.name()),
            );
            let cause = (*e).into_caught();
            if let Some(s) = exc_state(&err.exc) {
                *s.cause.borrow_mut() = Some(cause.clone());
                *s.context.borrow_mut() = Some(cause);
                s.suppress_context.set(true);
            }
            err.reraised = false;
            err
        }
        e => e,
    }
}

/// The value a StopIteration carries (its first argument; None without).
fn stop_value(e: &PyErr) -> Value {
    crate::object::exceptions::exception_args(&e.exc)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// `StopIteration(value)`, as a generator's return becomes for `next`.
pub fn stop_iteration(value: Value) -> Box<PyErr> {
    let args = if matches!(value, Value::None) {
        Vec::new()
    } else {
        vec![value]
    };
    PyErr::with_args(ExcKind::StopIteration, args)
}

/// The SEND of `yield from`: a generator is resumed with `value`; other
/// iterators advance with `next` (value None) or their `send` method.
pub fn send_to(vm: &mut Vm, it: &Value, value: Value) -> PyResult<FrameExit> {
    if let Some(Object::Generator(_)) = it.as_obj() {
        return resume(vm, it, value, None);
    }
    if let Some(Object::Lazy(cell)) = it.as_obj() {
        if matches!(
            &*cell.borrow(),
            crate::object::payloads::LazyIter::AsyncGenAwait(_)
        ) {
            // (A StopIteration it raises, as an exhausted generator's
            // `aclose()` does, is its return.)
            return match crate::vm::async_generators::step(vm, cell, value, None) {
                Err(e) if err_matches(&e, ExcKind::StopIteration) => {
                    let v = stop_value(&e);
                    Ok(FrameExit::Return(v))
                }
                r => r,
            };
        }
    }
    // `coroutine.__await__()`: the coroutine itself, keeping its result.
    if let Some(Object::Lazy(state)) = it.as_obj() {
        let coro = match &*state.borrow() {
            crate::object::payloads::LazyIter::AwaitCoroutine { coro } => Some(coro.clone()),
            _ => None,
        };
        if let Some(coro) = coro {
            return resume(vm, &coro, value, None);
        }
    }
    let stepped = if matches!(value, Value::None) {
        if !matches!(it.as_obj(), Some(Object::Instance(_) | Object::Native(_))) {
            return Ok(match crate::protocol::iter_next(vm, it)? {
                Some(v) => FrameExit::Yield(v),
                None => FrameExit::Return(Value::None),
            });
        }
        // An iterator defined in Python or natively may end with a value
        // (`StopIteration(value)`), which is the result of the `await`.
        match crate::object::classes::call_dunder(vm, it, "__next__", &[]) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{}' object is not an iterator", type_name(it)),
                )
            }
            Err(e) => Err(e),
        }
    } else {
        let send = crate::protocol::getattr(vm, it, "send")?;
        crate::vm::interp::call(vm, &send, &[value], &[])
    };
    match stepped {
        Ok(v) => Ok(FrameExit::Yield(v)),
        Err(e) if err_matches(&e, ExcKind::StopIteration) => {
            let v = stop_value(&e);
            Ok(FrameExit::Return(v))
        }
        Err(e) => Err(e),
    }
}

type Kw<'a> = &'a [(std::rc::Rc<str>, Value)];

fn receiver(s: Option<&Value>) -> PyResult<&Value> {
    s.ok_or_else(|| PyErr::new(ExcKind::TypeError, "generator method needs a generator"))
}

/// `generator.__iter__()`: the generator itself.
pub fn m_iter(_: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(receiver(s)?.clone())
}

/// `generator.__next__()`.
pub fn m_next(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    match resume(vm, receiver(s)?, Value::None, None)? {
        FrameExit::Yield(v) => Ok(v),
        FrameExit::Return(v) => Err(stop_iteration(v)),
    }
}

/// `generator.send(value)`.
pub fn m_send(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let [v] = args else {
        return raise(
            ExcKind::TypeError,
            format!(
                "generator.send() takes exactly one argument ({} given)",
                args.len()
            ),
        );
    };
    match resume(vm, receiver(s)?, v.clone(), None)? {
        FrameExit::Yield(v) => Ok(v),
        FrameExit::Return(v) => Err(stop_iteration(v)),
    }
}

/// `generator.throw(type[, value])` or `generator.throw(exception)`.
pub fn m_throw(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let exc = exception_to_throw(vm, args)?;
    throw_into(vm, s, exc, args)
}

/// The exception `throw(type[, value])` / `throw(exception)` raises in
/// the frame (also `athrow`'s).
pub fn exception_to_throw(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let Some(first) = args.first() else {
        return raise(
            ExcKind::TypeError,
            "throw expected at least 1 argument, got 0",
        );
    };
    let exc = if crate::object::exceptions::is_exception(first) {
        first.clone()
    } else if crate::object::classes::is_type(first) {
        let call_args: Vec<Value> = match args.get(1) {
            None | Some(Value::None) => Vec::new(),
            Some(v) if crate::object::exceptions::is_exception(v) => return Ok(v.clone()),
            Some(v) => vec![v.clone()],
        };
        crate::vm::interp::call(vm, first, &call_args, &[])?
    } else {
        return raise(
            ExcKind::TypeError,
            format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                type_name(first)
            ),
        );
    };
    Ok(exc)
}

/// Raises `exc` in the generator (`args`: as `throw` was called, which a
/// delegate's own `throw` gets).
fn throw_into(vm: &mut Vm, s: Option<&Value>, exc: Value, args: &[Value]) -> PyResult<Value> {
    if !crate::object::exceptions::is_exception(&exc) {
        return raise(
            ExcKind::TypeError,
            format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                type_name(&exc)
            ),
        );
    }
    let gen = receiver(s)?;
    let outcome = match delegate(gen) {
        Some(sub) => throw_through(vm, gen, &sub, exc, args)?,
        None => resume(vm, gen, Value::None, Some(PyErr::from_value(exc, false)))?,
    };
    match outcome {
        FrameExit::Yield(v) => Ok(v),
        FrameExit::Return(v) => Err(stop_iteration(v)),
    }
}

/// The iterator a generator suspended in `yield from` / `await` delegates
/// to (CPython's `_PyGen_yf`): the frame stopped at the YIELD_VALUE of a
/// SEND loop, with the iterator on top of its stack.
pub(crate) fn delegate(gen: &Value) -> Option<Value> {
    let Some(Object::Generator(g)) = gen.as_obj() else {
        return None;
    };
    if g.running.get() {
        return None;
    }
    let frame = g.frame.try_borrow().ok()?;
    let frame = frame.as_ref().filter(|f| f.started)?;
    let code = &g.func.code.code.code;
    let at = |back: usize| {
        frame
            .pc
            .checked_sub(back)
            .and_then(|i| code.get(i))
            .copied()
    };
    if at(2) == Some(Opcode::YIELD_VALUE as u8) && at(4) == Some(Opcode::SEND as u8) {
        frame.slab.last().cloned()
    } else {
        None
    }
}

/// `throw` into a generator that delegates to `sub` (CPython 3.11's
/// `_gen_throw`): GeneratorExit closes `sub` and is raised in the frame;
/// any other exception is thrown into `sub`, whose next value is the
/// generator's; when `sub` ends instead, the frame goes on after its SEND
/// loop with the value it returned or the exception it raised.
fn throw_through(
    vm: &mut Vm,
    gen: &Value,
    sub: &Value,
    exc: Value,
    args: &[Value],
) -> PyResult<FrameExit> {
    let g = generator_of(gen)?;
    let is_exit = crate::object::exceptions::kind_of(&exc)
        .is_some_and(|k| k.is_subclass_of(ExcKind::GeneratorExit));
    if is_exit {
        let closed = while_delegating(vm, g, |vm| close_iter(vm, sub));
        let err = match closed {
            Ok(()) => PyErr::from_value(exc, false),
            Err(e) => e,
        };
        return resume(vm, gen, Value::None, Some(err));
    }
    let thrown = match sub.as_obj() {
        Some(Object::Generator(_)) => {
            while_delegating(vm, g, |vm| throw_into(vm, Some(sub), exc, args))
        }
        _ => match crate::protocol::getattr(vm, sub, "throw") {
            Ok(meth) => while_delegating(vm, g, |vm| crate::vm::interp::call(vm, &meth, args, &[])),
            Err(e) if err_matches(&e, ExcKind::AttributeError) => {
                return resume(vm, gen, Value::None, Some(PyErr::from_value(exc, false)));
            }
            Err(e) => Err(e),
        },
    };
    let err = match thrown {
        Ok(v) => return Ok(FrameExit::Yield(v)),
        Err(e) => e,
    };
    // `sub` ended: off the stack, and on after the SEND loop.
    {
        let mut frame = g.frame.borrow_mut();
        let Some(frame) = frame.as_mut() else {
            return Err(err);
        };
        frame.slab.pop();
        let code = &g.func.code.code.code;
        let send = frame.pc - 4;
        frame.pc = send + 2 + 2 * code[send + 1] as usize;
    }
    if err_matches(&err, ExcKind::StopIteration) {
        let value = stop_value(&err);
        resume(vm, gen, value, None)
    } else {
        resume(vm, gen, Value::None, Some(err))
    }
}

/// Runs `f` (a `throw` or `close` of what suspended generator `g`
/// delegates to) with `g` marked running and its frame in the chain of
/// running frames, as CPython links the frames of a `throw` through
/// `yield from`: a stack seen from inside shows the delegating frames.
fn while_delegating<R>(vm: &mut Vm, g: &Generator, f: impl FnOnce(&mut Vm) -> R) -> R {
    // SAFETY: `g` is suspended (its frame is in place, not borrowed) and
    // marked running below, so nothing moves or changes its frame until
    // the link is popped: `resume` and `close` refuse a running
    // generator, and the getters only read the frame.
    let frame = unsafe { (*g.frame.as_ptr()).as_ref() };
    let linked = frame.map(|frame| crate::vm::frames::ChainLink {
        func: &g.func,
        slab: &frame.slab,
        pc: crate::vm::frames::PcPlace::Interpreter(&frame.pc),
        pushed: std::ptr::null(),
    });
    let pushed = linked.is_some();
    if let Some(link) = linked {
        vm.frame_chain.push(link);
    }
    g.running.set(true);
    let r = f(vm);
    g.running.set(false);
    if pushed {
        vm.frame_chain.pop();
    }
    r
}

/// Closes the iterator a generator delegates to (CPython's
/// `gen_close_iter`): a generator's `close()`, or the object's own
/// `close` method when it has one.
fn close_iter(vm: &mut Vm, sub: &Value) -> PyResult<()> {
    if let Some(Object::Generator(_)) = sub.as_obj() {
        return m_close(vm, Some(sub), &[], &[]).map(|_| ());
    }
    match crate::protocol::getattr(vm, sub, "close") {
        Ok(meth) => crate::vm::interp::call(vm, &meth, &[], &[]).map(|_| ()),
        Err(e) if err_matches(&e, ExcKind::AttributeError) => Ok(()),
        Err(e) => Err(e),
    }
}

/// `generator.close()`: GeneratorExit at the suspended `yield`.
pub fn m_close(vm: &mut Vm, s: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let gen = receiver(s)?;
    let g = generator_of(gen)?;
    let started = g.frame.borrow().as_ref().map(|f| f.started);
    match started {
        None => return Ok(Value::None),
        Some(false) => {
            g.frame.borrow_mut().take();
            return Ok(Value::None);
        }
        Some(true) => {}
    }
    // A generator in `yield from` / `await` closes what it delegates to
    // first; an exception that raises is thrown in instead.
    let mut err = PyErr::with_args(ExcKind::GeneratorExit, Vec::new());
    if let Some(sub) = delegate(gen) {
        if let Err(e) = while_delegating(vm, g, |vm| close_iter(vm, &sub)) {
            err = e;
        }
    }
    match resume(vm, gen, Value::None, Some(err)) {
        Ok(FrameExit::Yield(_)) => raise(
            ExcKind::RuntimeError,
            format!("{} ignored GeneratorExit", g.kind.name()),
        ),
        Ok(FrameExit::Return(_)) => Ok(Value::None),
        Err(e)
            if err_matches(&e, ExcKind::GeneratorExit)
                || err_matches(&e, ExcKind::StopIteration) =>
        {
            Ok(Value::None)
        }
        Err(e) => Err(e),
    }
}

fn is_plain_generator(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Generator(g)) if g.kind == GenKind::Generator)
}

/// The slots of generators and coroutines: a generator is its own
/// iterator and resumes on `next`; a coroutine is neither.
pub const SLOTS: crate::object::type_slots::Slots = crate::object::type_slots::Slots {
    iter: Some(|_, v| {
        if !is_plain_generator(v) {
            return raise(
                ExcKind::TypeError,
                format!("'{}' object is not iterable", type_name(v)),
            );
        }
        Ok(v.clone())
    }),
    next: Some(|vm, v| {
        if !is_plain_generator(v) {
            return raise(
                ExcKind::TypeError,
                format!("'{}' object is not an iterator", type_name(v)),
            );
        }
        Ok(match resume(vm, v, Value::None, None)? {
            FrameExit::Yield(x) => Some(x),
            FrameExit::Return(_) => None,
        })
    }),
    ..crate::protocol::slots::BUILTIN
};
