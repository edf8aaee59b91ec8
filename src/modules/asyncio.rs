//! `_asyncio`: the native `Future` and `Task` of asyncio, as CPython's
//! `Modules/_asynciomodule.c` makes them, and the module functions
//! asyncio takes from it (the running loop of each thread, the task
//! registry, entering and leaving tasks).
//!
//! A future's state lives in Rust ([`FutureCore`]): its loop, callbacks,
//! result or exception, and the flags asyncio's protocol reads
//! (`_asyncio_future_blocking`, `_log_traceback`) as properties. A Task
//! (`asyncio_task`) is the same object with the coroutine-driving part
//! added. `await fut` runs through a [`FutureIter`] whose `__next__`
//! yields the future once and then returns its result; the Task step
//! reads the future it got straight from the Rust state when it is an
//! exact `Future` or `Task`, and goes through the attribute protocol for
//! any other future-like object, as CPython's does.
//!
//! asyncio's Python modules (`asyncio.exceptions`, `base_futures`,
//! `base_tasks`, `coroutines`, `events`, `traceback`) are looked up when
//! first needed, not when the module is made: `asyncio.futures` imports
//! this module while asyncio is still being imported.

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{exc_state, raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{
    builtin_fn, make_module, new_list, new_str, new_tuple, NewObject, Object,
};
use crate::object::native::{data_of, method, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub(crate) type Kw<'a> = &'a [(Rc<str>, Value)];

/// A future's state (CPython's `fut_state`).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum State {
    #[default]
    Pending,
    Cancelled,
    Finished,
}

/// What a future holds. `loop_` is None until `__init__` has run
/// ("Future object is not initialized.").
#[derive(Default)]
pub(crate) struct Fut {
    pub loop_: Option<Value>,
    /// `(callback, context)` pairs, in the order they were added.
    pub callbacks: Vec<(Value, Value)>,
    pub result: Option<Value>,
    pub exception: Option<Value>,
    /// The exception's traceback when it was set: `result()` raises it
    /// with that one, not with the frames earlier raises added.
    pub exception_tb: Option<crate::object::exceptions::Traceback>,
    pub source_tb: Option<Value>,
    pub cancel_msg: Option<Value>,
    /// The CancelledError a task's coroutine raised, which `result()`
    /// raises again (its context kept).
    pub cancelled_exc: Option<Value>,
    pub state: State,
    pub log_tb: bool,
    pub blocking: bool,
}

impl Fut {
    fn values(&self) -> impl Iterator<Item = &Value> {
        self.loop_
            .iter()
            .chain(self.callbacks.iter().flat_map(|(a, b)| [a, b]))
            .chain(self.result.iter())
            .chain(self.exception.iter())
            .chain(self.source_tb.iter())
            .chain(self.cancel_msg.iter())
            .chain(self.cancelled_exc.iter())
    }
}

/// The Rust value of a `Future` or `Task` (the task part is Some for
/// tasks).
pub(crate) struct FutureCore {
    pub fut: RefCell<Fut>,
    pub task: Option<RefCell<crate::modules::asyncio_task::TaskPart>>,
}

impl NativeData for FutureCore {
    fn weakly_referenceable(&self) -> bool {
        true
    }

    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(f) = self.fut.try_borrow() {
            crate::object::gc::visit_values(f.values(), visit);
        }
        if let Some(Ok(t)) = self.task.as_ref().map(RefCell::try_borrow) {
            crate::object::gc::visit_values(t.values(), visit);
        }
    }

    fn clear(&self) {
        crate::object::gc::take_for_gc(&self.fut, Fut::default());
        if let Some(t) = &self.task {
            crate::object::gc::take_for_gc(t, Default::default());
        }
    }
}

/// The future behind `v`, if it is a native Future or Task (or an
/// instance of a class derived from one).
pub(crate) fn core_of(v: &Value) -> Option<&FutureCore> {
    data_of::<FutureCore>(v)
}

pub(crate) fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a FutureCore, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    match core_of(r) {
        Some(c) => Ok((r, c, rest)),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a '_asyncio.Future' object",
        ),
    }
}

// ---- asyncio's Python helpers ----------------------------------------

/// The asyncio functions and classes this module calls, looked up on
/// first use and kept for the interpreter's life (as the C module's
/// statics are).
struct Helpers {
    found: RefCell<HashMap<&'static str, Value>>,
    /// Classes `asyncio.iscoroutine` said yes to (CPython's
    /// `iscoroutine_typecache`).
    coroutine_types: RefCell<Vec<Value>>,
}

impl NativeData for Helpers {}

fn helpers() -> Value {
    crate::object::builtin_types::kept_by_name("_asyncio.helpers", || {
        crate::object::native::new(
            crate::object::native::class("_asyncio", "_Helpers", vec![]),
            Helpers {
                found: RefCell::default(),
                coroutine_types: RefCell::default(),
            },
        )
    })
}

fn with_helpers<T>(f: impl FnOnce(&Helpers) -> T) -> T {
    let h = helpers();
    match data_of::<Helpers>(&h) {
        Some(hs) => f(hs),
        None => unreachable!("_asyncio.helpers holds Helpers"),
    }
}

/// `module.name` of one of asyncio's Python modules.
pub(crate) fn helper(vm: &mut Vm, module: &'static str, name: &'static str) -> PyResult<Value> {
    if let Some(v) = with_helpers(|h| h.found.borrow().get(name).cloned()) {
        return Ok(v);
    }
    let m = crate::protocol::import(vm, module)?;
    let m = match module.rsplit_once('.') {
        // `import a.b` gives `a`; the submodule is in sys.modules.
        Some(_) => sys_module(vm, module).unwrap_or(m),
        None => m,
    };
    let v = crate::protocol::getattr(vm, &m, name)?;
    with_helpers(|h| h.found.borrow_mut().insert(name, v.clone()));
    Ok(v)
}

fn sys_module(vm: &mut Vm, name: &str) -> Option<Value> {
    match vm.modules.get() {
        Object::Dict(d) => d.borrow().get_str(name),
        _ => None,
    }
}

pub(crate) fn cancelled_error(vm: &mut Vm) -> PyResult<Value> {
    helper(vm, "asyncio.exceptions", "CancelledError")
}

pub(crate) fn invalid_state<T>(vm: &mut Vm, msg: &str) -> PyResult<T> {
    let cls = helper(vm, "asyncio.exceptions", "InvalidStateError")?;
    crate::object::exceptions::raise_class(vm, &cls, msg)
}

/// Whether `v` is a coroutine to asyncio (a native one, or whatever
/// `asyncio.iscoroutine` accepts, its class remembered).
pub(crate) fn is_coroutine(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if crate::vm::coroutines::is_coroutine(v) {
        return Ok(true);
    }
    let cls = crate::object::classes::type_value(v);
    if with_helpers(|h| h.coroutine_types.borrow().iter().any(|c| c.is(&cls))) {
        return Ok(true);
    }
    let f = helper(vm, "asyncio.coroutines", "iscoroutine")?;
    let r = crate::protocol::call(vm, &f, std::slice::from_ref(v), &[])?;
    let yes = crate::protocol::truthy(vm, &r)?;
    if yes {
        with_helpers(|h| {
            let mut t = h.coroutine_types.borrow_mut();
            if t.len() < 100 {
                t.push(cls);
            }
        });
    }
    Ok(yes)
}

/// `obj.name`, or None when it has no such attribute.
pub(crate) fn optional_attr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    match crate::protocol::getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `loop.call_soon(func[, arg], context=ctx)`.
pub(crate) fn call_soon(
    vm: &mut Vm,
    loop_: &Value,
    func: Value,
    arg: Option<Value>,
    ctx: Value,
) -> PyResult<()> {
    let call_soon = crate::protocol::getattr(vm, loop_, "call_soon")?;
    let mut args = vec![func];
    args.extend(arg);
    args.push(ctx);
    crate::protocol::call(vm, &call_soon, &args, &[Rc::from("context")])?;
    Ok(())
}

/// The current context, copied (`contextvars.copy_context()`).
pub(crate) fn copy_context(vm: &mut Vm) -> PyResult<Value> {
    crate::modules::contextvars::copy_current(vm)
}

// ---- the future's operations -----------------------------------------

fn ensure_alive(c: &FutureCore) -> PyResult<()> {
    if c.fut.borrow().loop_.is_none() {
        return raise(ExcKind::RuntimeError, "Future object is not initialized.");
    }
    Ok(())
}

/// Schedules the callbacks with the loop and forgets them.
fn schedule_callbacks(vm: &mut Vm, me: &Value, c: &FutureCore) -> PyResult<()> {
    let (loop_, callbacks) = {
        let mut f = c.fut.borrow_mut();
        (f.loop_.clone(), std::mem::take(&mut f.callbacks))
    };
    let Some(loop_) = loop_ else { return Ok(()) };
    for (cb, ctx) in callbacks {
        call_soon(vm, &loop_, cb, Some(me.clone()), ctx)?;
    }
    Ok(())
}

/// (Re)initializes a future for `loop_` (None: the current event loop).
pub(crate) fn future_init(vm: &mut Vm, c: &FutureCore, loop_: Option<Value>) -> PyResult<()> {
    *c.fut.borrow_mut() = Fut::default();
    let loop_ = match loop_ {
        Some(l) if !matches!(l, Value::None) => l,
        _ => get_event_loop(vm)?,
    };
    c.fut.borrow_mut().loop_ = Some(loop_.clone());
    let get_debug = crate::protocol::getattr(vm, &loop_, "get_debug")?;
    let debug = crate::protocol::call(vm, &get_debug, &[], &[])?;
    if crate::protocol::truthy(vm, &debug)? && !crate::vm::signals::finalizing() {
        let extract = helper(vm, "traceback", "extract_stack")?;
        let tb = crate::protocol::call(vm, &extract, &[], &[])?;
        c.fut.borrow_mut().source_tb = Some(tb);
    }
    Ok(())
}

pub(crate) fn set_result(vm: &mut Vm, me: &Value, c: &FutureCore, v: Value) -> PyResult<()> {
    ensure_alive(c)?;
    if c.fut.borrow().state != State::Pending {
        return invalid_state(vm, "invalid state");
    }
    {
        let mut f = c.fut.borrow_mut();
        f.result = Some(v);
        f.state = State::Finished;
    }
    schedule_callbacks(vm, me, c)
}

pub(crate) fn set_exception(vm: &mut Vm, me: &Value, c: &FutureCore, exc: Value) -> PyResult<()> {
    ensure_alive(c)?;
    if c.fut.borrow().state != State::Pending {
        return invalid_state(vm, "invalid state");
    }
    let exc = if crate::object::classes::is_type(&exc) && is_exception_class(&exc) {
        let made = crate::protocol::call(vm, &exc, &[], &[])?;
        if c.fut.borrow().state != State::Pending {
            return invalid_state(vm, "invalid state");
        }
        made
    } else {
        exc
    };
    if !crate::object::exceptions::is_exception(&exc) {
        return raise(ExcKind::TypeError, "invalid exception object");
    }
    if crate::object::classes::type_value(&exc).is(&crate::object::exceptions::exception_class(
        ExcKind::StopIteration,
    )) {
        return raise(
            ExcKind::TypeError,
            "StopIteration interacts badly with generators and cannot be raised into a Future",
        );
    }
    {
        let mut f = c.fut.borrow_mut();
        f.exception_tb = exc_state(&exc).map(|s| s.traceback.borrow().clone());
        f.exception = Some(exc);
        f.state = State::Finished;
    }
    schedule_callbacks(vm, me, c)?;
    c.fut.borrow_mut().log_tb = true;
    Ok(())
}

fn is_exception_class(cls: &Value) -> bool {
    let base = crate::object::exceptions::exception_class(ExcKind::BaseException);
    crate::object::classes::is_subclass(cls, &base)
}

/// The CancelledError to raise for a cancelled future (its saved one
/// the first time, else a new one with the cancel message).
pub(crate) fn make_cancelled_error(vm: &mut Vm, c: &FutureCore) -> PyResult<Value> {
    if let Some(e) = c.fut.borrow_mut().cancelled_exc.take() {
        return Ok(e);
    }
    let msg = c.fut.borrow().cancel_msg.clone();
    let cls = cancelled_error(vm)?;
    let args: Vec<Value> = match msg {
        None | Some(Value::None) => vec![],
        Some(m) => vec![m],
    };
    crate::protocol::call(vm, &cls, &args, &[])
}

/// The result, or the error `result()` raises.
pub(crate) fn get_result(vm: &mut Vm, c: &FutureCore) -> PyResult<Value> {
    let state = c.fut.borrow().state;
    match state {
        State::Cancelled => {}
        State::Pending => return Err(pending_error(vm, "Result is not set.")),
        State::Finished => {
            let mut f = c.fut.borrow_mut();
            f.log_tb = false;
            if let Some(e) = f.exception.clone() {
                if let (Some(s), Some(tb)) = (exc_state(&e), &f.exception_tb) {
                    *s.traceback.borrow_mut() = tb.clone();
                }
                return Err(PyErr::from_value(e, false));
            }
            return Ok(f.result.clone().unwrap_or(Value::None));
        }
    }
    let e = make_cancelled_error(vm, c)?;
    Err(PyErr::from_value(e, false))
}

fn pending_error(vm: &mut Vm, msg: &str) -> Box<PyErr> {
    match invalid_state::<()>(vm, msg) {
        Err(e) => e,
        Ok(()) => PyErr::new(ExcKind::RuntimeError, msg),
    }
}

pub(crate) fn add_done_callback(
    vm: &mut Vm,
    me: &Value,
    c: &FutureCore,
    f: Value,
    ctx: Value,
) -> PyResult<()> {
    let (alive, state) = {
        let b = c.fut.borrow();
        (b.loop_.clone(), b.state)
    };
    let Some(loop_) = alive else {
        return raise(ExcKind::RuntimeError, "uninitialized Future object");
    };
    if state != State::Pending {
        return call_soon(vm, &loop_, f, Some(me.clone()), ctx);
    }
    c.fut.borrow_mut().callbacks.push((f, ctx));
    Ok(())
}

pub(crate) fn cancel(
    vm: &mut Vm,
    me: &Value,
    c: &FutureCore,
    msg: Option<Value>,
) -> PyResult<bool> {
    {
        let mut f = c.fut.borrow_mut();
        f.log_tb = false;
        if f.state != State::Pending {
            return Ok(false);
        }
        f.state = State::Cancelled;
        f.cancel_msg = msg;
    }
    schedule_callbacks(vm, me, c)?;
    Ok(true)
}

// ---- the Future type ---------------------------------------------------

fn new_future(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(cls) = a.first() else {
        return raise(ExcKind::TypeError, "Future.__new__(): not enough arguments");
    };
    Ok(crate::object::native::new_instance(
        cls,
        future_class(),
        FutureCore {
            fut: RefCell::default(),
            task: None,
        },
    ))
}

fn future_init_method(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, c, rest) = this(s, a)?;
    if !rest.is_empty() {
        return raise(ExcKind::TypeError, "Future() takes no positional arguments");
    }
    let b = bind_args("Future", &["loop"], &[], kw)?;
    future_init(vm, c, b[0].clone())?;
    Ok(Value::None)
}

fn m_result(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, c, _) = this(s, a)?;
    if c.fut.borrow().loop_.is_none() {
        return invalid_state(vm, "Future object is not initialized.");
    }
    get_result(vm, c)
}

fn m_exception(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, c, _) = this(s, a)?;
    if c.fut.borrow().loop_.is_none() {
        return invalid_state(vm, "Future object is not initialized.");
    }
    let state = c.fut.borrow().state;
    match state {
        State::Cancelled => {}
        State::Pending => return invalid_state(vm, "Exception is not set."),
        State::Finished => {
            let mut f = c.fut.borrow_mut();
            f.log_tb = false;
            return Ok(f.exception.clone().unwrap_or(Value::None));
        }
    }
    let e = make_cancelled_error(vm, c)?;
    Err(PyErr::from_value(e, false))
}

fn one_arg<'a>(what: &str, rest: &'a [Value], kw: Kw<'_>) -> PyResult<&'a Value> {
    crate::object::args::no_kwargs(what, kw)?;
    match rest {
        [v] => Ok(v),
        _ => raise(
            ExcKind::TypeError,
            format!("{what}() takes exactly one argument ({} given)", rest.len()),
        ),
    }
}

fn m_set_result(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (me, c, rest) = this(s, a)?;
    let v = one_arg("set_result", rest, kw)?.clone();
    set_result(vm, me, c, v)?;
    Ok(Value::None)
}

fn m_set_exception(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (me, c, rest) = this(s, a)?;
    let v = one_arg("set_exception", rest, kw)?.clone();
    set_exception(vm, me, c, v)?;
    Ok(Value::None)
}

fn m_add_done_callback(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (me, c, rest) = this(s, a)?;
    let [f] = rest else {
        return raise(
            ExcKind::TypeError,
            format!(
                "add_done_callback() takes exactly 1 positional argument ({} given)",
                rest.len()
            ),
        );
    };
    let b = bind_args("add_done_callback", &["context"], &[], kw)?;
    let ctx = match b[0].clone() {
        Some(c) => c,
        None => copy_context(vm)?,
    };
    add_done_callback(vm, me, c, f.clone(), ctx)?;
    Ok(Value::None)
}

fn m_remove_done_callback(
    vm: &mut Vm,
    s: Option<&Value>,
    a: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let (_, c, rest) = this(s, a)?;
    let f = one_arg("remove_done_callback", rest, kw)?;
    ensure_alive(c)?;
    let callbacks = c.fut.borrow().callbacks.clone();
    let mut kept = Vec::with_capacity(callbacks.len());
    for (cb, ctx) in callbacks.iter() {
        let same = cb.is(f)
            || crate::protocol::compare_bool(vm, taipan_bytecode::opcode::CompareOp::Eq, cb, f)?;
        if !same {
            kept.push((cb.clone(), ctx.clone()));
        }
    }
    let removed = callbacks.len() - kept.len();
    if removed > 0 {
        c.fut.borrow_mut().callbacks = kept;
    }
    Ok(Value::Int(removed as i64))
}

fn m_cancel(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (me, c, rest) = this(s, a)?;
    let b = bind_args("cancel", &["msg"], rest, kw)?;
    ensure_alive(c)?;
    Ok(Value::Bool(cancel(vm, me, c, b[0].clone())?))
}

fn m_cancelled(_: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, c, _) = this(s, a)?;
    let f = c.fut.borrow();
    Ok(Value::Bool(
        f.loop_.is_some() && f.state == State::Cancelled,
    ))
}

fn m_done(_: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, c, _) = this(s, a)?;
    let f = c.fut.borrow();
    Ok(Value::Bool(f.loop_.is_some() && f.state != State::Pending))
}

fn m_get_loop(_: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, c, _) = this(s, a)?;
    ensure_alive(c)?;
    Ok(c.fut.borrow().loop_.clone().unwrap_or(Value::None))
}

/// Calls `module.name(self, *extra)`: the repr and stack helpers asyncio
/// writes in Python.
pub(crate) fn call_helper(
    vm: &mut Vm,
    module: &'static str,
    name: &'static str,
    args: &[Value],
) -> PyResult<Value> {
    let f = helper(vm, module, name)?;
    crate::protocol::call(vm, &f, args, &[])
}

/// `__del__` (CPython's `tp_finalize`): an exception never retrieved is
/// reported to the loop's exception handler.
pub(crate) fn finalize_future(vm: &mut Vm, me: &Value, c: &FutureCore) {
    let (exc, loop_, source_tb) = {
        let mut f = c.fut.borrow_mut();
        if !f.log_tb {
            return;
        }
        f.log_tb = false;
        (f.exception.clone(), f.loop_.clone(), f.source_tb.clone())
    };
    let (Some(exc), Some(loop_)) = (exc, loop_) else {
        return;
    };
    let name = crate::object::classes::class_name(&crate::object::classes::type_value(me));
    let mut items = vec![
        (
            "message",
            new_str(format!("{name} exception was never retrieved")),
        ),
        ("exception", exc),
        ("future", me.clone()),
    ];
    if let Some(tb) = source_tb {
        items.push(("source_traceback", tb));
    }
    report_to_loop(vm, &loop_, items);
}

/// `loop.call_exception_handler({...})`, an error in it reported as
/// unraisable.
pub(crate) fn report_to_loop(vm: &mut Vm, loop_: &Value, items: Vec<(&str, Value)>) {
    let saved = vm.exc_info.clone();
    let context = crate::object::classes::new_dict_obj();
    if let Object::Dict(d) = context.get() {
        let mut d = d.borrow_mut();
        for (k, v) in items {
            d.set_str(k, v);
        }
    }
    match crate::protocol::getattr(vm, loop_, "call_exception_handler") {
        Ok(func) => {
            if let Err(e) = crate::protocol::call(vm, &func, &[Value::Obj(context)], &[]) {
                crate::object::pending::report_unraisable(vm, &func, &e);
            }
        }
        Err(e) => crate::object::pending::report_unraisable(vm, loop_, &e),
    }
    vm.exc_info = saved;
}

fn m_del(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (me, c, _) = this(s, a)?;
    let me = me.clone();
    if c.task.is_some() {
        crate::modules::asyncio_task::finalize_task(vm, &me, c);
    }
    finalize_future(vm, &me, c);
    Ok(Value::None)
}

fn m_await(_: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (me, c, _) = this(s, a)?;
    ensure_alive(c)?;
    Ok(crate::object::native::new(
        future_iter_class(),
        FutureIter {
            future: RefCell::new(Some(me.clone())),
        },
    ))
}

fn m_repr(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (me, c, _) = this(s, a)?;
    ensure_alive(c)?;
    let me = me.clone();
    if c.task.is_some() {
        return call_helper(vm, "asyncio.base_tasks", "_task_repr", &[me]);
    }
    call_helper(vm, "asyncio.base_futures", "_future_repr", &[me])
}

fn m_repr_info(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (me, c, _) = this(s, a)?;
    let me = me.clone();
    if c.task.is_some() {
        return call_helper(vm, "asyncio.base_tasks", "_task_repr_info", &[me]);
    }
    call_helper(vm, "asyncio.base_futures", "_future_repr_info", &[me])
}

fn m_make_cancelled_error(
    vm: &mut Vm,
    s: Option<&Value>,
    a: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    let (_, c, _) = this(s, a)?;
    make_cancelled_error(vm, c)
}

/// A class-dict entry: a property with a getter and, when given, a
/// setter (both called with the object first).
pub(crate) fn getset(
    name: &'static str,
    get: crate::object::heap::BuiltinFn,
    set: Option<crate::object::heap::BuiltinFn>,
) -> (&'static str, Value) {
    let (_, fget) = method(name, get);
    let (fset, fdel) = match set {
        Some(f) => (
            method(name, f).1,
            method(name, |_, _, _, _| {
                raise(ExcKind::AttributeError, "cannot delete attribute")
            })
            .1,
        ),
        None => (Value::None, Value::None),
    };
    let p = NewObject::Property {
        fget,
        fset,
        fdel,
        doc: Default::default(),
    };
    (name, Value::obj(p))
}

fn state_name(s: State) -> &'static str {
    match s {
        State::Pending => "PENDING",
        State::Cancelled => "CANCELLED",
        State::Finished => "FINISHED",
    }
}

/// The properties Future and Task share (CPython's
/// `FUTURE_COMMON_GETSETLIST`).
pub(crate) fn future_getsets() -> Vec<(&'static str, Value)> {
    vec![
        getset(
            "_state",
            |_, s, a, _| {
                let (_, c, _) = this(s, a)?;
                ensure_alive(c)?;
                Ok(new_str(state_name(c.fut.borrow().state)))
            },
            None,
        ),
        getset(
            "_asyncio_future_blocking",
            |_, s, a, _| {
                let (_, c, _) = this(s, a)?;
                let f = c.fut.borrow();
                Ok(Value::Bool(f.loop_.is_some() && f.blocking))
            },
            Some(|vm, s, a, _| {
                let (_, c, rest) = this(s, a)?;
                ensure_alive(c)?;
                let v = rest.first().cloned().unwrap_or(Value::None);
                let on = crate::protocol::truthy(vm, &v)?;
                c.fut.borrow_mut().blocking = on;
                Ok(Value::None)
            }),
        ),
        getset(
            "_loop",
            |_, s, a, _| {
                Ok(this(s, a)?
                    .1
                    .fut
                    .borrow()
                    .loop_
                    .clone()
                    .unwrap_or(Value::None))
            },
            None,
        ),
        getset(
            "_callbacks",
            |_, s, a, _| {
                let (_, c, _) = this(s, a)?;
                ensure_alive(c)?;
                let f = c.fut.borrow();
                if f.callbacks.is_empty() {
                    return Ok(Value::None);
                }
                Ok(new_list(
                    f.callbacks
                        .iter()
                        .map(|(cb, ctx)| new_tuple(vec![cb.clone(), ctx.clone()]))
                        .collect(),
                ))
            },
            None,
        ),
        getset(
            "_result",
            |_, s, a, _| {
                let (_, c, _) = this(s, a)?;
                ensure_alive(c)?;
                Ok(c.fut.borrow().result.clone().unwrap_or(Value::None))
            },
            None,
        ),
        getset(
            "_exception",
            |_, s, a, _| {
                let (_, c, _) = this(s, a)?;
                ensure_alive(c)?;
                Ok(c.fut.borrow().exception.clone().unwrap_or(Value::None))
            },
            None,
        ),
        getset(
            "_log_traceback",
            |_, s, a, _| {
                let (_, c, _) = this(s, a)?;
                ensure_alive(c)?;
                Ok(Value::Bool(c.fut.borrow().log_tb))
            },
            Some(|vm, s, a, _| {
                let (_, c, rest) = this(s, a)?;
                let v = rest.first().cloned().unwrap_or(Value::None);
                if crate::protocol::truthy(vm, &v)? {
                    return raise(
                        ExcKind::ValueError,
                        "_log_traceback can only be set to False",
                    );
                }
                c.fut.borrow_mut().log_tb = false;
                Ok(Value::None)
            }),
        ),
        getset(
            "_source_traceback",
            |_, s, a, _| {
                let (_, c, _) = this(s, a)?;
                let f = c.fut.borrow();
                Ok(match (&f.loop_, &f.source_tb) {
                    (Some(_), Some(tb)) => tb.clone(),
                    _ => Value::None,
                })
            },
            None,
        ),
        getset(
            "_cancel_message",
            |_, s, a, _| {
                Ok(this(s, a)?
                    .1
                    .fut
                    .borrow()
                    .cancel_msg
                    .clone()
                    .unwrap_or(Value::None))
            },
            Some(|_, s, a, _| {
                let (_, c, rest) = this(s, a)?;
                c.fut.borrow_mut().cancel_msg = rest.first().cloned();
                Ok(Value::None)
            }),
        ),
    ]
}

/// The methods Future and Task share.
pub(crate) fn future_methods() -> Vec<(&'static str, Value)> {
    vec![
        method("result", m_result),
        method("exception", m_exception),
        method("add_done_callback", m_add_done_callback),
        method("remove_done_callback", m_remove_done_callback),
        method("cancelled", m_cancelled),
        method("done", m_done),
        method("get_loop", m_get_loop),
        method("_make_cancelled_error", m_make_cancelled_error),
        method("_repr_info", m_repr_info),
        method("__repr__", m_repr),
        method("__del__", m_del),
        method("__await__", m_await),
        method("__iter__", m_await),
        (
            "__class_getitem__",
            Value::obj(NewObject::ClassMethod(builtin_fn(
                "__class_getitem__",
                crate::types::generic_alias::class_getitem,
            ))),
        ),
    ]
}

/// `_asyncio.Future`.
pub(crate) fn future_class() -> Value {
    crate::object::builtin_types::kept_by_name("_asyncio.Future", || {
        let mut attrs = vec![
            crate::object::native::constructor(new_future),
            method("__init__", future_init_method),
            method("set_result", m_set_result),
            method("set_exception", m_set_exception),
            method("cancel", m_cancel),
        ];
        attrs.extend(future_methods());
        attrs.extend(future_getsets());
        crate::object::native::class("_asyncio", "Future", attrs)
    })
}

// ---- FutureIter --------------------------------------------------------

/// What `await fut` drives: yields the future while it is pending, then
/// returns its result.
struct FutureIter {
    future: RefCell<Option<Value>>,
}

impl NativeData for FutureIter {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(f) = self.future.try_borrow() {
            crate::object::gc::visit_values(f.iter(), visit);
        }
    }

    fn clear(&self) {
        crate::object::gc::take_for_gc(&self.future, None);
    }
}

fn iter_this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a FutureIter, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    match data_of::<FutureIter>(r) {
        Some(it) => Ok((it, rest)),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a '_asyncio.FutureIter' object",
        ),
    }
}

fn iter_next(vm: &mut Vm, it: &FutureIter) -> PyResult<Value> {
    let Some(fut) = it.future.borrow().clone() else {
        return Err(crate::vm::generators::stop_iteration(Value::None));
    };
    let Some(c) = core_of(&fut) else {
        return Err(crate::vm::generators::stop_iteration(Value::None));
    };
    {
        let mut f = c.fut.borrow_mut();
        if f.state == State::Pending {
            if !f.blocking {
                f.blocking = true;
                return Ok(fut.clone());
            }
            drop(f);
            return raise(ExcKind::RuntimeError, "await wasn't used with future");
        }
    }
    *it.future.borrow_mut() = None;
    let r = get_result(vm, c)?;
    Err(crate::vm::generators::stop_iteration(r))
}

fn iter_throw(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (it, rest) = iter_this(s, a)?;
    crate::object::args::arity("throw", rest, 1, 3)?;
    let typ = &rest[0];
    let val = rest.get(1).filter(|v| !matches!(v, Value::None));
    if let Some(tb) = rest.get(2).filter(|v| !matches!(v, Value::None)) {
        if !matches!(tb.as_obj(), Some(Object::Traceback(_))) {
            return raise(
                ExcKind::TypeError,
                "throw() third argument must be a traceback",
            );
        }
    }
    let exc = if crate::object::classes::is_type(typ) && is_exception_class(typ) {
        let args: Vec<Value> = val.into_iter().cloned().collect();
        crate::vm::generators::exception_to_throw(
            vm,
            &[typ.clone()].into_iter().chain(args).collect::<Vec<_>>(),
        )?
    } else if crate::object::exceptions::is_exception(typ) {
        if val.is_some() {
            return raise(
                ExcKind::TypeError,
                "instance exception may not have a separate value",
            );
        }
        typ.clone()
    } else {
        return raise(
            ExcKind::TypeError,
            "exceptions must be classes deriving BaseException or instances of such a class",
        );
    };
    *it.future.borrow_mut() = None;
    Err(PyErr::from_value(exc, false))
}

fn future_iter_class() -> Value {
    crate::object::builtin_types::kept_by_name("_asyncio.FutureIter", || {
        let attrs = vec![
            method("__iter__", |_, s, a, _| Ok(receiver(s, a)?.0.clone())),
            method("__next__", |vm, s, a, _| {
                let (it, _) = iter_this(s, a)?;
                iter_next(vm, it)
            }),
            // The value sent is ignored: the future's result is the answer.
            method("send", |vm, s, a, _| {
                let (it, rest) = iter_this(s, a)?;
                crate::object::args::arity("send", rest, 1, 1)?;
                iter_next(vm, it)
            }),
            method("throw", iter_throw),
            method("close", |_, s, a, _| {
                let (it, _) = iter_this(s, a)?;
                *it.future.borrow_mut() = None;
                Ok(Value::None)
            }),
        ];
        crate::object::native::class("_asyncio", "FutureIter", attrs)
    })
}

// ---- running loop and task registry -------------------------------------

fn pid() -> i32 {
    // SAFETY: getpid has no preconditions.
    unsafe { libc::getpid() }
}

/// This thread's running loop, if one was set in this process.
pub(crate) fn running_loop(vm: &Vm) -> Option<Value> {
    match &vm.running_loop {
        Some((l, p)) if *p == pid() && !matches!(l, Value::None) => Some(l.clone()),
        _ => None,
    }
}

/// The running loop, else the policy's loop (`asyncio.get_event_loop`).
pub(crate) fn get_event_loop(vm: &mut Vm) -> PyResult<Value> {
    if let Some(l) = running_loop(vm) {
        return Ok(l);
    }
    let policy = call_helper(vm, "asyncio.events", "get_event_loop_policy", &[])?;
    let get = crate::protocol::getattr(vm, &policy, "get_event_loop")?;
    crate::protocol::call(vm, &get, &[], &[])
}

/// `_asyncio._all_tasks`: the `weakref.WeakSet` of live tasks (made
/// with the module).
fn all_tasks() -> Value {
    with_helpers(|h| h.found.borrow().get("_all_tasks").cloned()).unwrap_or(Value::None)
}

fn current_tasks() -> Value {
    crate::object::builtin_types::kept_by_name("_asyncio._current_tasks", || {
        Value::Obj(crate::object::classes::new_dict_obj())
    })
}

pub(crate) fn register_task(vm: &mut Vm, task: &Value) -> PyResult<()> {
    let add = crate::protocol::getattr(vm, &all_tasks(), "add")?;
    crate::protocol::call(vm, &add, std::slice::from_ref(task), &[])?;
    Ok(())
}

fn unregister_task(vm: &mut Vm, task: &Value) -> PyResult<()> {
    let discard = crate::protocol::getattr(vm, &all_tasks(), "discard")?;
    crate::protocol::call(vm, &discard, std::slice::from_ref(task), &[])?;
    Ok(())
}

pub(crate) fn enter_task(vm: &mut Vm, loop_: &Value, task: &Value) -> PyResult<()> {
    let d = current_tasks();
    let Some(Object::Dict(dict)) = d.as_obj() else {
        unreachable!("_current_tasks is a dict")
    };
    if let Some(cur) = crate::protocol::dict_get(vm, dict, loop_)? {
        let t = crate::object::upcalls::repr(vm, task)?;
        let c = crate::object::upcalls::repr(vm, &cur)?;
        return raise(
            ExcKind::RuntimeError,
            format!("Cannot enter into task {t} while another task {c} is being executed."),
        );
    }
    crate::protocol::dict_set(vm, dict, loop_.clone(), task.clone())
}

pub(crate) fn leave_task(vm: &mut Vm, loop_: &Value, task: &Value) -> PyResult<()> {
    let d = current_tasks();
    let Some(Object::Dict(dict)) = d.as_obj() else {
        unreachable!("_current_tasks is a dict")
    };
    let cur = crate::protocol::dict_get(vm, dict, loop_)?;
    if !cur.as_ref().is_some_and(|c| c.is(task)) {
        let t = crate::object::upcalls::repr(vm, task)?;
        let c = crate::object::upcalls::repr(vm, &cur.unwrap_or(Value::None))?;
        return raise(
            ExcKind::RuntimeError,
            format!("Leaving task {t} does not match the current task {c}."),
        );
    }
    crate::protocol::dict_remove(vm, dict, loop_)?;
    Ok(())
}

fn two_args(what: &str, a: &[Value], kw: Kw<'_>, names: [&str; 2]) -> PyResult<[Value; 2]> {
    let b = bind_args(what, &names, a, kw)?;
    match (&b[0], &b[1]) {
        (Some(x), Some(y)) => Ok([x.clone(), y.clone()]),
        (None, _) => raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument '{}' (pos 1)", names[0]),
        ),
        _ => raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument '{}' (pos 2)", names[1]),
        ),
    }
}

fn task_arg(what: &str, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = bind_args(what, &["task"], a, kw)?;
    match &b[0] {
        Some(t) => Ok(t.clone()),
        None => raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument 'task' (pos 1)"),
        ),
    }
}

/// The `_asyncio` module.
pub fn module(vm: &mut Vm) -> PyResult<Value> {
    // The registry of live tasks is a `weakref.WeakSet`, made once.
    if matches!(all_tasks(), Value::None) {
        let weakref = crate::protocol::import(vm, "weakref")?;
        let cls = crate::protocol::getattr(vm, &weakref, "WeakSet")?;
        let set = crate::protocol::call(vm, &cls, &[], &[])?;
        with_helpers(|h| h.found.borrow_mut().insert("_all_tasks", set));
    }
    Ok(make_module(
        "_asyncio",
        vec![
            ("Future", future_class()),
            ("Task", crate::modules::asyncio_task::task_class()),
            ("_all_tasks", all_tasks()),
            ("_current_tasks", current_tasks()),
            (
                "_get_running_loop",
                builtin_fn("_get_running_loop", |vm, _, a, _| {
                    crate::object::args::arity("_get_running_loop", a, 0, 0)?;
                    Ok(running_loop(vm).unwrap_or(Value::None))
                }),
            ),
            (
                "_set_running_loop",
                builtin_fn("_set_running_loop", |vm, _, a, _| {
                    crate::object::args::arity("_set_running_loop", a, 1, 1)?;
                    vm.running_loop = Some((a[0].clone(), pid()));
                    Ok(Value::None)
                }),
            ),
            (
                "get_running_loop",
                builtin_fn("get_running_loop", |vm, _, a, _| {
                    crate::object::args::arity("get_running_loop", a, 0, 0)?;
                    match running_loop(vm) {
                        Some(l) => Ok(l),
                        None => raise(ExcKind::RuntimeError, "no running event loop"),
                    }
                }),
            ),
            (
                "get_event_loop",
                builtin_fn("get_event_loop", |vm, _, a, _| {
                    crate::object::args::arity("get_event_loop", a, 0, 0)?;
                    get_event_loop(vm)
                }),
            ),
            (
                "_get_event_loop",
                builtin_fn("_get_event_loop", |vm, _, a, kw| {
                    bind_args("_get_event_loop", &["stacklevel"], a, kw)?;
                    get_event_loop(vm)
                }),
            ),
            (
                "_register_task",
                builtin_fn("_register_task", |vm, _, a, kw| {
                    let t = task_arg("_register_task", a, kw)?;
                    register_task(vm, &t)?;
                    Ok(Value::None)
                }),
            ),
            (
                "_unregister_task",
                builtin_fn("_unregister_task", |vm, _, a, kw| {
                    let t = task_arg("_unregister_task", a, kw)?;
                    unregister_task(vm, &t)?;
                    Ok(Value::None)
                }),
            ),
            (
                "_enter_task",
                builtin_fn("_enter_task", |vm, _, a, kw| {
                    let [l, t] = two_args("_enter_task", a, kw, ["loop", "task"])?;
                    enter_task(vm, &l, &t)?;
                    Ok(Value::None)
                }),
            ),
            (
                "_leave_task",
                builtin_fn("_leave_task", |vm, _, a, kw| {
                    let [l, t] = two_args("_leave_task", a, kw, ["loop", "task"])?;
                    leave_task(vm, &l, &t)?;
                    Ok(Value::None)
                }),
            ),
        ],
    ))
}
