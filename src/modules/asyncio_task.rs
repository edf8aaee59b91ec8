//! `_asyncio.Task`: a coroutine wrapped in a future (`asyncio`'s native
//! task, as CPython's `_asynciomodule.c` drives it). Each step resumes
//! the coroutine in the interpreter (a native coroutine directly, any
//! other with its `send`/`throw`), then looks at what it yielded: a
//! future to wait for (its done callback wakes the task), None (step
//! again soon), or a mistake reported into the coroutine on the next
//! step. The step and wake-up callables handed to the loop are small
//! native objects, not bound methods, as in CPython.

use crate::modules::asyncio::{
    add_done_callback, call_soon, cancel, cancelled_error, core_of, future_getsets, future_init,
    future_methods, get_result, getset, make_cancelled_error, optional_attr, set_exception,
    set_result, this, FutureCore, Kw, State,
};
use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{new_str, Object};
use crate::object::native::{data_of, method, NativeData};
use crate::object::value::Value;
use crate::vm::frames::FrameExit;
use crate::vm::Vm;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

/// What a task holds beyond a future's state.
#[derive(Default)]
pub(crate) struct TaskPart {
    /// The future the coroutine waits on.
    fut_waiter: Option<Value>,
    coro: Option<Value>,
    name: Option<Value>,
    /// The context every step runs in.
    context: Option<Value>,
    must_cancel: bool,
    log_destroy_pending: bool,
    num_cancels_requested: i64,
}

impl TaskPart {
    pub(crate) fn values(&self) -> impl Iterator<Item = &Value> {
        self.fut_waiter
            .iter()
            .chain(self.coro.iter())
            .chain(self.name.iter())
            .chain(self.context.iter())
    }
}

/// Numbers the default task names (`Task-1`, …).
static TASK_NAMES: AtomicU64 = AtomicU64::new(0);

fn part(c: &FutureCore) -> PyResult<&RefCell<TaskPart>> {
    match &c.task {
        Some(t) => Ok(t),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a '_asyncio.Task' object",
        ),
    }
}

fn task_this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(
    &'a Value,
    &'a FutureCore,
    &'a RefCell<TaskPart>,
    &'a [Value],
)> {
    let (me, c, rest) = this(s, a)?;
    Ok((me, c, part(c)?, rest))
}

fn loop_of(c: &FutureCore) -> PyResult<Value> {
    match c.fut.borrow().loop_.clone() {
        Some(l) => Ok(l),
        None => raise(ExcKind::RuntimeError, "Future object is not initialized."),
    }
}

fn context_of(t: &RefCell<TaskPart>) -> Value {
    t.borrow().context.clone().unwrap_or(Value::None)
}

fn new_task(_: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(cls) = a.first() else {
        return raise(ExcKind::TypeError, "Task.__new__(): not enough arguments");
    };
    Ok(crate::object::native::new_instance(
        cls,
        task_class(),
        FutureCore {
            fut: RefCell::default(),
            task: Some(RefCell::default()),
        },
    ))
}

/// `Task(coro, *, loop=None, name=None, context=None)`.
fn task_init(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (me, c, t, rest) = task_this(s, a)?;
    if rest.len() > 1 {
        return raise(
            ExcKind::TypeError,
            format!(
                "Task() takes at most 1 positional argument ({} given)",
                rest.len()
            ),
        );
    }
    let b = bind_args("Task", &["coro", "loop", "name", "context"], &[], kw)?;
    let coro = match (rest.first(), &b[0]) {
        (Some(c), None) => c.clone(),
        (None, Some(c)) => c.clone(),
        (Some(_), Some(_)) => {
            return raise(
                ExcKind::TypeError,
                "argument for Task() given by name ('coro') and position (1)",
            )
        }
        (None, None) => {
            return raise(
                ExcKind::TypeError,
                "Task() missing required argument 'coro' (pos 1)",
            )
        }
    };
    future_init(vm, c, b[1].clone())?;
    if !crate::modules::asyncio::is_coroutine(vm, &coro)? {
        t.borrow_mut().log_destroy_pending = false;
        let r = crate::object::upcalls::repr(vm, &coro)?;
        return raise(
            ExcKind::TypeError,
            format!("a coroutine was expected, got {r}"),
        );
    }
    let context = match b[3].clone() {
        None | Some(Value::None) => crate::modules::asyncio::copy_context(vm)?,
        Some(ctx) => ctx,
    };
    let name = match b[2].clone() {
        None | Some(Value::None) => {
            let n = TASK_NAMES.fetch_add(1, Ordering::Relaxed) + 1;
            new_str(format!("Task-{n}"))
        }
        Some(n) if matches!(n.as_obj(), Some(Object::Str(_))) => n,
        Some(n) => new_str(crate::object::upcalls::str(vm, &n)?),
    };
    *t.borrow_mut() = TaskPart {
        fut_waiter: None,
        coro: Some(coro),
        name: Some(name),
        context: Some(context),
        must_cancel: false,
        log_destroy_pending: true,
        num_cancels_requested: 0,
    };
    let me = me.clone();
    call_step_soon(vm, &me, c, t, None)?;
    crate::modules::asyncio::register_task(vm, &me)?;
    Ok(Value::None)
}

// ---- stepping ------------------------------------------------------------

/// What the coroutine did when resumed.
enum Resumed {
    Yielded(Value),
    Returned(Value),
    Raised(Box<PyErr>),
}

/// Resumes the coroutine with None, or raises `exc` in it.
fn resume(vm: &mut Vm, coro: &Value, exc: Option<Value>) -> Resumed {
    let outcome = match (coro.as_obj(), exc) {
        (Some(Object::Generator(_)), None) => crate::vm::generators::send_to(vm, coro, Value::None),
        (Some(Object::Generator(_)), Some(e)) => {
            match crate::vm::generators::m_throw(vm, Some(coro), &[e], &[]) {
                Ok(v) => Ok(FrameExit::Yield(v)),
                Err(e) => Err(e),
            }
        }
        // (CPython's `PyIter_Send`: `__next__` when it has one, else
        // `send(None)`.)
        (_, None) => {
            let cls = crate::object::classes::type_value(coro);
            if crate::object::classes::lookup(&cls, "__next__").is_some() {
                crate::vm::generators::send_to(vm, coro, Value::None)
            } else {
                crate::protocol::getattr(vm, coro, "send")
                    .and_then(|send| crate::protocol::call(vm, &send, &[Value::None], &[]))
                    .map(FrameExit::Yield)
            }
        }
        (_, Some(e)) => crate::protocol::getattr(vm, coro, "throw")
            .and_then(|throw| crate::protocol::call(vm, &throw, &[e], &[]))
            .map(FrameExit::Yield),
    };
    match outcome {
        Ok(FrameExit::Yield(v)) => Resumed::Yielded(v),
        Ok(FrameExit::Return(v)) => Resumed::Returned(v),
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::StopIteration) => {
            let v = crate::object::exceptions::exception_args(&e.exc)
                .into_iter()
                .next()
                .unwrap_or(Value::None);
            Resumed::Returned(v)
        }
        Err(e) => Resumed::Raised(e),
    }
}

/// One step: enter the task, resume its coroutine, leave the task.
fn task_step(vm: &mut Vm, me: &Value, exc: Option<Value>) -> PyResult<Value> {
    let c = core_of(me).ok_or_else(|| PyErr::new(ExcKind::TypeError, "not a Task"))?;
    let t = part(c)?;
    let loop_ = loop_of(c)?;
    crate::modules::asyncio::enter_task(vm, &loop_, me)?;
    let r = step_impl(vm, me, c, t, exc);
    let left = crate::modules::asyncio::leave_task(vm, &loop_, me);
    match (r, left) {
        (Err(e), _) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Ok(v), Ok(())) => Ok(v),
    }
}

fn step_impl(
    vm: &mut Vm,
    me: &Value,
    c: &FutureCore,
    t: &RefCell<TaskPart>,
    exc: Option<Value>,
) -> PyResult<Value> {
    if c.fut.borrow().state != State::Pending {
        let r = crate::object::upcalls::repr(vm, me)?;
        let e = crate::object::upcalls::repr(vm, exc.as_ref().unwrap_or(&Value::None))?;
        return crate::modules::asyncio::invalid_state(
            vm,
            &format!("_step(): already done: {r} {e}"),
        );
    }
    let mut exc = exc;
    if t.borrow().must_cancel {
        if let Some(e) = &exc {
            let cls = cancelled_error(vm)?;
            if !crate::protocol::isinstance::instance_check(vm, e, &cls)? {
                exc = None;
            }
        }
        if exc.is_none() {
            exc = Some(make_cancelled_error(vm, c)?);
        }
        t.borrow_mut().must_cancel = false;
    }
    let coro = {
        let mut tb = t.borrow_mut();
        tb.fut_waiter = None;
        tb.coro.clone()
    };
    let Some(coro) = coro else {
        return raise(ExcKind::RuntimeError, "uninitialized Task object");
    };
    let result = match resume(vm, &coro, exc) {
        Resumed::Returned(v) => {
            let (must, msg) = {
                let mut tb = t.borrow_mut();
                let must = std::mem::take(&mut tb.must_cancel);
                (must, c.fut.borrow().cancel_msg.clone())
            };
            if must {
                cancel(vm, me, c, msg)?;
            } else {
                set_result(vm, me, c, v)?;
            }
            return Ok(Value::None);
        }
        Resumed::Raised(e) => return coroutine_raised(vm, me, c, *e),
        Resumed::Yielded(v) => v,
    };
    if result.is(me) {
        return misused(vm, me, c, t, me, |r, _| {
            format!("Task cannot await on itself: {r}")
        });
    }
    let loop_ = loop_of(c)?;
    let exact = {
        let cls = crate::object::classes::type_value(&result);
        cls.is(&crate::modules::asyncio::future_class()) || cls.is(&task_class())
    };
    if exact {
        let Some(fc) = core_of(&result) else {
            return Ok(Value::None);
        };
        let same_loop = fc.fut.borrow().loop_.as_ref().is_some_and(|l| l.is(&loop_));
        if !same_loop {
            return misused(vm, me, c, t, &result, different_loop);
        }
        if !fc.fut.borrow().blocking {
            return misused(vm, me, c, t, &result, yield_not_yield_from);
        }
        fc.fut.borrow_mut().blocking = false;
        let wakeup = wakeup_for(me);
        add_done_callback(vm, &result, fc, wakeup, context_of(t))?;
        return waiting_on(vm, c, t, result);
    }
    if matches!(result, Value::None) {
        call_step_soon(vm, me, c, t, None)?;
        return Ok(Value::None);
    }
    if let Some(blocking) = optional_attr(vm, &result, "_asyncio_future_blocking")? {
        if !matches!(blocking, Value::None) {
            let blocking = crate::protocol::truthy(vm, &blocking)?;
            let other_loop = future_loop(vm, &result)?;
            if !other_loop.is(&loop_) {
                return misused(vm, me, c, t, &result, different_loop);
            }
            if !blocking {
                return misused(vm, me, c, t, &result, yield_not_yield_from);
            }
            crate::object::classes::setattr(
                vm,
                &result,
                "_asyncio_future_blocking",
                Some(Value::Bool(false)),
            )?;
            let add = crate::protocol::getattr(vm, &result, "add_done_callback")?;
            crate::protocol::call(
                vm,
                &add,
                &[wakeup_for(me), context_of(t)],
                &[std::rc::Rc::from("context")],
            )?;
            return waiting_on(vm, c, t, result);
        }
    }
    let is_generator = matches!(
        result.as_obj(),
        Some(Object::Generator(g)) if g.kind == crate::object::payloads::GenKind::Generator
    );
    if is_generator {
        return misused(vm, me, c, t, &result, |r, y| {
            format!("yield was used instead of yield from for generator in task {r} with {y}")
        });
    }
    misused(vm, me, c, t, &result, |_, y| {
        format!("Task got bad yield: {y}")
    })
}

/// The coroutine raised: a CancelledError cancels the task, any other
/// exception becomes its exception (KeyboardInterrupt and SystemExit
/// propagate as well).
fn coroutine_raised(vm: &mut Vm, me: &Value, c: &FutureCore, e: PyErr) -> PyResult<Value> {
    let cls = cancelled_error(vm)?;
    let exc = e.into_caught();
    if crate::protocol::isinstance::instance_check(vm, &exc, &cls)? {
        c.fut.borrow_mut().cancelled_exc = Some(exc);
        cancel(vm, me, c, None)?;
        return Ok(Value::None);
    }
    let fatal = matches!(
        crate::object::exceptions::kind_of(&exc),
        Some(ExcKind::KeyboardInterrupt | ExcKind::SystemExit)
    ) || [ExcKind::KeyboardInterrupt, ExcKind::SystemExit]
        .into_iter()
        .any(|k| crate::object::exceptions::describes(&exc, k));
    set_exception(vm, me, c, exc.clone())?;
    if fatal {
        return Err(PyErr::from_value(exc, false));
    }
    Ok(Value::None)
}

/// The task now waits on `fut`; a cancel requested meanwhile goes to it.
fn waiting_on(vm: &mut Vm, c: &FutureCore, t: &RefCell<TaskPart>, fut: Value) -> PyResult<Value> {
    let must = {
        let mut tb = t.borrow_mut();
        tb.fut_waiter = Some(fut.clone());
        tb.must_cancel
    };
    if must {
        let msg = c.fut.borrow().cancel_msg.clone().unwrap_or(Value::None);
        let cancel = crate::protocol::getattr(vm, &fut, "cancel")?;
        let r = crate::protocol::call(vm, &cancel, &[msg], &[])?;
        if crate::protocol::truthy(vm, &r)? {
            t.borrow_mut().must_cancel = false;
        }
    }
    Ok(Value::None)
}

/// `futures._get_loop(fut)`: its `get_loop()`, else its `_loop`.
fn future_loop(vm: &mut Vm, fut: &Value) -> PyResult<Value> {
    if let Some(get_loop) = optional_attr(vm, fut, "get_loop")? {
        return crate::protocol::call(vm, &get_loop, &[], &[]);
    }
    crate::protocol::getattr(vm, fut, "_loop")
}

/// Schedules a step that raises RuntimeError about what the coroutine
/// yielded: `message` gets the reprs of the task and of `what`.
fn misused(
    vm: &mut Vm,
    me: &Value,
    c: &FutureCore,
    t: &RefCell<TaskPart>,
    what: &Value,
    message: impl FnOnce(&str, &str) -> String,
) -> PyResult<Value> {
    let r = crate::object::upcalls::repr(vm, me)?;
    let y = crate::object::upcalls::repr(vm, what)?;
    set_error_soon(vm, me, c, t, message(&r, &y))
}

/// The message for a future of another loop (task and future reprs).
fn different_loop(r: &str, f: &str) -> String {
    format!("Task {r} got Future {f} attached to a different loop")
}

/// The message for a future yielded without `await` / `yield from`.
fn yield_not_yield_from(r: &str, f: &str) -> String {
    format!("yield was used instead of yield from in task {r} with {f}")
}

/// Schedules a step that raises RuntimeError(`msg`) in the coroutine.
fn set_error_soon(
    vm: &mut Vm,
    me: &Value,
    c: &FutureCore,
    t: &RefCell<TaskPart>,
    msg: String,
) -> PyResult<Value> {
    let e = crate::object::exceptions::new_exception(ExcKind::RuntimeError, vec![new_str(msg)]);
    call_step_soon(vm, me, c, t, Some(e))?;
    Ok(Value::None)
}

/// `loop.call_soon(step, context=task's context)`.
fn call_step_soon(
    vm: &mut Vm,
    me: &Value,
    c: &FutureCore,
    t: &RefCell<TaskPart>,
    arg: Option<Value>,
) -> PyResult<()> {
    let step = crate::object::native::new(
        step_class(),
        StepCall {
            task: RefCell::new(Some(me.clone())),
            arg: RefCell::new(arg),
        },
    );
    let loop_ = loop_of(c)?;
    call_soon(vm, &loop_, step, None, context_of(t))
}

/// The wake-up callable for `me`'s done callbacks.
fn wakeup_for(me: &Value) -> Value {
    crate::object::native::new(
        wakeup_class(),
        WakeupCall {
            task: RefCell::new(Some(me.clone())),
        },
    )
}

/// The waited-on future is done: step with its exception, or with none.
fn wakeup(vm: &mut Vm, me: &Value, fut: &Value) -> PyResult<Value> {
    let exact = {
        let cls = crate::object::classes::type_value(fut);
        cls.is(&crate::modules::asyncio::future_class()) || cls.is(&task_class())
    };
    let outcome = match core_of(fut) {
        Some(fc) if exact => get_result(vm, fc),
        _ => crate::protocol::getattr(vm, fut, "result")
            .and_then(|r| crate::protocol::call(vm, &r, &[], &[])),
    };
    match outcome {
        Ok(_) => task_step(vm, me, None),
        Err(e) => task_step(vm, me, Some(e.into_caught())),
    }
}

// ---- the callables handed to the loop -------------------------------------

/// One scheduled step of a task (CPython's `TaskStepMethWrapper`).
struct StepCall {
    task: RefCell<Option<Value>>,
    arg: RefCell<Option<Value>>,
}

impl NativeData for StepCall {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        for cell in [&self.task, &self.arg] {
            if let Ok(v) = cell.try_borrow() {
                crate::object::gc::visit_values(v.iter(), visit);
            }
        }
    }

    fn clear(&self) {
        crate::object::gc::take_for_gc(&self.task, None);
        crate::object::gc::take_for_gc(&self.arg, None);
    }
}

fn step_class() -> Value {
    crate::object::builtin_types::kept_by_name("_asyncio.TaskStepMethWrapper", || {
        crate::object::native::class(
            "_asyncio",
            "TaskStepMethWrapper",
            vec![
                method("__call__", |vm, s, a, kw| {
                    let (r, rest) = receiver(s, a)?;
                    if !kw.is_empty() {
                        return raise(ExcKind::TypeError, "function takes no keyword arguments");
                    }
                    if !rest.is_empty() {
                        return raise(ExcKind::TypeError, "function takes no positional arguments");
                    }
                    let Some(sc) = data_of::<StepCall>(r) else {
                        return raise(ExcKind::TypeError, "not a TaskStepMethWrapper");
                    };
                    let task = sc.task.borrow().clone();
                    let arg = sc.arg.borrow().clone();
                    match task {
                        Some(t) => task_step(vm, &t, arg),
                        None => Ok(Value::None),
                    }
                }),
                getset(
                    "__self__",
                    |_, s, a, _| {
                        let (r, _) = receiver(s, a)?;
                        Ok(data_of::<StepCall>(r)
                            .and_then(|sc| sc.task.borrow().clone())
                            .unwrap_or(Value::None))
                    },
                    None,
                ),
            ],
        )
    })
}

/// A task's `task_wakeup`, bound to it.
struct WakeupCall {
    task: RefCell<Option<Value>>,
}

impl NativeData for WakeupCall {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(v) = self.task.try_borrow() {
            crate::object::gc::visit_values(v.iter(), visit);
        }
    }

    fn clear(&self) {
        crate::object::gc::take_for_gc(&self.task, None);
    }
}

fn wakeup_class() -> Value {
    crate::object::builtin_types::kept_by_name("_asyncio.TaskWakeupMethWrapper", || {
        crate::object::native::class(
            "_asyncio",
            "TaskWakeupMethWrapper",
            vec![
                method("__call__", |vm, s, a, kw| {
                    let (r, rest) = receiver(s, a)?;
                    crate::object::args::no_kwargs("task_wakeup", kw)?;
                    let [fut] = rest else {
                        return raise(
                            ExcKind::TypeError,
                            format!(
                                "task_wakeup() takes exactly one argument ({} given)",
                                rest.len()
                            ),
                        );
                    };
                    let task = data_of::<WakeupCall>(r).and_then(|w| w.task.borrow().clone());
                    match task {
                        Some(t) => wakeup(vm, &t, fut),
                        None => Ok(Value::None),
                    }
                }),
                getset(
                    "__qualname__",
                    |_, s, a, _| {
                        let (r, _) = receiver(s, a)?;
                        let task = data_of::<WakeupCall>(r).and_then(|w| w.task.borrow().clone());
                        let cls = task
                            .map(|t| {
                                crate::object::classes::class_name(
                                    &crate::object::classes::type_value(&t),
                                )
                            })
                            .unwrap_or_else(|| "Task".into());
                        Ok(new_str(format!("{cls}.task_wakeup")))
                    },
                    None,
                ),
            ],
        )
    })
}

// ---- Task methods ------------------------------------------------------------

fn m_cancel(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, c, t, rest) = task_this(s, a)?;
    let b = bind_args("cancel", &["msg"], rest, kw)?;
    let msg = b[0].clone().unwrap_or(Value::None);
    {
        let mut f = c.fut.borrow_mut();
        f.log_tb = false;
        if f.state != State::Pending {
            return Ok(Value::Bool(false));
        }
    }
    let waiter = {
        let mut tb = t.borrow_mut();
        tb.num_cancels_requested += 1;
        tb.fut_waiter.clone()
    };
    if let Some(w) = waiter {
        let cancel = crate::protocol::getattr(vm, &w, "cancel")?;
        let r = crate::protocol::call(vm, &cancel, std::slice::from_ref(&msg), &[])?;
        if crate::protocol::truthy(vm, &r)? {
            return Ok(Value::Bool(true));
        }
    }
    t.borrow_mut().must_cancel = true;
    c.fut.borrow_mut().cancel_msg = Some(msg);
    Ok(Value::Bool(true))
}

/// `__del__`'s task part: a task destroyed while pending is reported.
pub(crate) fn finalize_task(vm: &mut Vm, me: &Value, c: &FutureCore) {
    let Some(t) = &c.task else { return };
    let (pending, loop_, tb) = {
        let f = c.fut.borrow();
        (
            f.state == State::Pending && f.loop_.is_some(),
            f.loop_.clone(),
            f.source_tb.clone(),
        )
    };
    if !pending || !t.borrow().log_destroy_pending {
        return;
    }
    let Some(loop_) = loop_ else { return };
    let mut items = vec![
        ("task", me.clone()),
        ("message", new_str("Task was destroyed but it is pending!")),
    ];
    if let Some(tb) = tb {
        items.push(("source_traceback", tb));
    }
    crate::modules::asyncio::report_to_loop(vm, &loop_, items);
}

fn task_getsets() -> Vec<(&'static str, Value)> {
    vec![
        getset(
            "_log_destroy_pending",
            |_, s, a, _| {
                let (_, _, t, _) = task_this(s, a)?;
                Ok(Value::Bool(t.borrow().log_destroy_pending))
            },
            Some(|vm, s, a, _| {
                let (_, _, t, rest) = task_this(s, a)?;
                let v = rest.first().cloned().unwrap_or(Value::None);
                let on = crate::protocol::truthy(vm, &v)?;
                t.borrow_mut().log_destroy_pending = on;
                Ok(Value::None)
            }),
        ),
        getset(
            "_must_cancel",
            |_, s, a, _| Ok(Value::Bool(task_this(s, a)?.2.borrow().must_cancel)),
            None,
        ),
        getset(
            "_coro",
            |_, s, a, _| {
                Ok(task_this(s, a)?
                    .2
                    .borrow()
                    .coro
                    .clone()
                    .unwrap_or(Value::None))
            },
            None,
        ),
        getset(
            "_fut_waiter",
            |_, s, a, _| {
                Ok(task_this(s, a)?
                    .2
                    .borrow()
                    .fut_waiter
                    .clone()
                    .unwrap_or(Value::None))
            },
            None,
        ),
    ]
}

fn task_methods() -> Vec<(&'static str, Value)> {
    vec![
        crate::object::native::constructor(new_task),
        method("__init__", task_init),
        method("cancel", m_cancel),
        method("cancelling", |_, s, a, _| {
            Ok(Value::Int(
                task_this(s, a)?.2.borrow().num_cancels_requested,
            ))
        }),
        method("uncancel", |_, s, a, _| {
            let (_, _, t, _) = task_this(s, a)?;
            let mut tb = t.borrow_mut();
            if tb.num_cancels_requested > 0 {
                tb.num_cancels_requested -= 1;
            }
            Ok(Value::Int(tb.num_cancels_requested))
        }),
        method("set_result", |_, _, _, _| {
            raise(
                ExcKind::RuntimeError,
                "Task does not support set_result operation",
            )
        }),
        method("set_exception", |_, _, _, _| {
            raise(
                ExcKind::RuntimeError,
                "Task does not support set_exception operation",
            )
        }),
        method("get_coro", |_, s, a, _| {
            Ok(task_this(s, a)?
                .2
                .borrow()
                .coro
                .clone()
                .unwrap_or(Value::None))
        }),
        method("get_name", |_, s, a, _| {
            Ok(task_this(s, a)?
                .2
                .borrow()
                .name
                .clone()
                .unwrap_or(Value::None))
        }),
        method("set_name", |vm, s, a, _| {
            let (_, _, t, rest) = task_this(s, a)?;
            crate::object::args::arity("set_name", rest, 1, 1)?;
            let v = &rest[0];
            let name = if matches!(v.as_obj(), Some(Object::Str(_))) {
                v.clone()
            } else {
                new_str(crate::object::upcalls::str(vm, v)?)
            };
            t.borrow_mut().name = Some(name);
            Ok(Value::None)
        }),
        method("get_stack", |vm, s, a, kw| {
            let (me, _, _, rest) = task_this(s, a)?;
            crate::object::args::arity("get_stack", rest, 0, 0)?;
            let b = bind_args("get_stack", &["limit"], &[], kw)?;
            let args = [me.clone(), b[0].clone().unwrap_or(Value::None)];
            crate::modules::asyncio::call_helper(vm, "asyncio.base_tasks", "_task_get_stack", &args)
        }),
        method("print_stack", |vm, s, a, kw| {
            let (me, _, _, rest) = task_this(s, a)?;
            crate::object::args::arity("print_stack", rest, 0, 0)?;
            let b = bind_args("print_stack", &["limit", "file"], &[], kw)?;
            let args = [
                me.clone(),
                b[0].clone().unwrap_or(Value::None),
                b[1].clone().unwrap_or(Value::None),
            ];
            crate::modules::asyncio::call_helper(
                vm,
                "asyncio.base_tasks",
                "_task_print_stack",
                &args,
            )
        }),
    ]
}

/// `_asyncio.Task`, derived from `_asyncio.Future`.
pub(crate) fn task_class() -> Value {
    crate::object::builtin_types::kept_by_name("_asyncio.Task", || {
        let mut attrs = task_methods();
        attrs.extend(future_methods());
        attrs.extend(future_getsets());
        attrs.extend(task_getsets());
        crate::object::native::subclass(
            "_asyncio",
            "Task",
            crate::modules::asyncio::future_class(),
            attrs,
        )
    })
}
