//! `_queue`: `SimpleQueue`, the unbounded FIFO queue `queue.SimpleQueue`
//! is, and `Empty`, as CPython's `Modules/_queuemodule.c` makes them.
//! A `get` on an empty queue waits, with the interpreter lock let go, for
//! the queue's put count to move (each `put` counts and wakes one waiter),
//! then looks again: a put that lands between the look and the wait is
//! seen, so no waiter sleeps beside an item (the lock-handoff scheme of
//! 3.11's `_queuemodule.c` can leave one). `put` never blocks, and is safe
//! to call from `__del__` methods and signal handlers.

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, make_module, NewObject};
use crate::object::native::{constructor, data_of, method, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A simple queue: its items (touched only with the interpreter lock
/// held), and the put count waiting `get`s sleep on without it.
struct SimpleQueue {
    items: RefCell<VecDeque<Value>>,
    puts: Mutex<u64>,
    put_made: Condvar,
}

impl NativeData for SimpleQueue {
    fn weakly_referenceable(&self) -> bool {
        true
    }

    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        if let Ok(items) = self.items.try_borrow() {
            crate::object::gc::visit_values(items.iter(), visit);
        }
    }
}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a SimpleQueue, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    match data_of::<SimpleQueue>(r) {
        Some(q) => Ok((q, rest)),
        None => raise(
            ExcKind::TypeError,
            "descriptor requires a '_queue.SimpleQueue' object",
        ),
    }
}

/// `_queue.Empty`.
fn empty_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "_queue.Empty",
        "_queue",
        "Empty",
        ExcKind::Exception,
    )
}

fn raise_empty<T>(vm: &mut Vm) -> PyResult<T> {
    match crate::protocol::call(vm, &empty_class(), &[], &[]) {
        Ok(exc) => Err(PyErr::from_value(exc, false)),
        Err(e) => Err(e),
    }
}

fn new(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = a.split_first() else {
        return raise(
            ExcKind::TypeError,
            "SimpleQueue.__new__(): not enough arguments",
        );
    };
    if !rest.is_empty() {
        return raise(ExcKind::TypeError, "SimpleQueue() takes no arguments");
    }
    if !kw.is_empty() {
        return raise(
            ExcKind::TypeError,
            "SimpleQueue() takes no keyword arguments",
        );
    }
    let data = SimpleQueue {
        items: RefCell::new(VecDeque::new()),
        puts: Mutex::new(0),
        put_made: Condvar::new(),
    };
    Ok(crate::object::native::new_instance(
        cls,
        simple_queue_class(),
        data,
    ))
}

/// `put(item, block=True, timeout=None)`: never blocks.
fn put(_: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (q, rest) = this(s, a)?;
    let args = bind_args("put", &["item", "block", "timeout"], rest, kw)?;
    let Some(item) = args[0].clone() else {
        return raise(
            ExcKind::TypeError,
            "put() missing required argument 'item' (pos 1)",
        );
    };
    q.items.borrow_mut().push_back(item);
    *q.put_count() += 1;
    q.put_made.notify_one();
    Ok(Value::None)
}

impl SimpleQueue {
    fn put_count(&self) -> MutexGuard<'_, u64> {
        self.puts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sleeps without the interpreter lock until a put after `seen` is
    /// counted or `until` passes; whether one was.
    fn wait_put(&self, seen: u64, until: Option<Instant>) -> bool {
        let mut n = self.put_count();
        while *n == seen {
            n = match crate::modules::thread::wait_until(&self.put_made, n, until) {
                Some(n) => n,
                None => return false,
            };
        }
        true
    }
}

/// `get(block=True, timeout=None)`.
fn get_item(vm: &mut Vm, q: &SimpleQueue, block: bool, timeout: Option<f64>) -> PyResult<Value> {
    let deadline = timeout.map(|t| Instant::now() + Duration::from_secs_f64(t));
    let mut mark = crate::vm::signals::delivered();
    loop {
        // (Read before the look: a put after it moves the count.)
        let seen = *q.put_count();
        if let Some(item) = q.items.borrow_mut().pop_front() {
            return Ok(item);
        }
        if !block || deadline.is_some_and(|d| Instant::now() >= d) {
            return raise_empty(vm);
        }
        if deadline.is_none() && !vm.gil().threaded() && !crate::vm::signals::handles_signals() {
            return raise(
                ExcKind::RuntimeError,
                "deadlock: waiting on an empty queue, and no other thread can put",
            );
        }
        // The thread that handles signals wakes to look at them.
        let slice_end = crate::modules::thread::signal_slice_end(deadline);
        let put_seen = crate::vm::threads::blocking(|| q.wait_put(seen, slice_end));
        if !put_seen && crate::vm::signals::interrupts_wait(&mut mark) {
            crate::vm::signals::check(vm)?;
        }
    }
}

fn get(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (q, rest) = this(s, a)?;
    let args = bind_args("get", &["block", "timeout"], rest, kw)?;
    let block = args[0].as_ref().is_none_or(crate::protocol::ops::truthy);
    let timeout = match &args[1] {
        Some(v) if block && !matches!(v, Value::None) => {
            let t = crate::types::number::to_f64(v)?;
            if t < 0.0 {
                return raise(
                    ExcKind::ValueError,
                    "'timeout' must be a non-negative number",
                );
            }
            if t > crate::modules::thread::TIMEOUT_MAX {
                return raise(ExcKind::OverflowError, "timeout value is too large");
            }
            Some(t)
        }
        _ => None,
    };
    get_item(vm, q, block, timeout)
}

fn simple_queue_class() -> Value {
    crate::object::builtin_types::kept_by_name("_queue.SimpleQueue", || {
        let attrs = vec![
            constructor(new),
            method("put", put),
            method("put_nowait", |vm, s, a, _| {
                let (_, rest) = this(s, a)?;
                crate::object::args::arity("put_nowait", rest, 1, 1)?;
                put(vm, s, a, &[])
            }),
            method("get", get),
            method("get_nowait", |vm, s, a, _| {
                let (q, rest) = this(s, a)?;
                crate::object::args::arity("get_nowait", rest, 0, 0)?;
                get_item(vm, q, false, None)
            }),
            method("empty", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.0.items.borrow().is_empty()))
            }),
            method("qsize", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.items.borrow().len() as i64))
            }),
            (
                "__class_getitem__",
                Value::obj(NewObject::ClassMethod(builtin_fn(
                    "__class_getitem__",
                    crate::types::generic_alias::class_getitem,
                ))),
            ),
        ];
        crate::object::native::class("_queue", "SimpleQueue", attrs)
    })
}

/// The `_queue` module.
pub fn module() -> Value {
    make_module(
        "_queue",
        vec![
            ("SimpleQueue", simple_queue_class()),
            ("Empty", empty_class()),
        ],
    )
}
