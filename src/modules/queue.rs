//! `_queue`: `SimpleQueue`, the unbounded FIFO queue `queue.SimpleQueue`
//! is, and `Empty`, as CPython's `Modules/_queuemodule.c` makes them.
//! As there, a lock signals "not empty": `put` releases it when a `get`
//! may be waiting, and `get` on an empty queue waits to take it (with
//! the interpreter lock let go, `_thread`'s waits). `put` never blocks,
//! and is safe to call from `__del__` methods and signal handlers.

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, make_module, NewObject};
use crate::object::native::{constructor, data_of, method, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A simple queue: its items, and the lock a waiting `get` takes.
struct SimpleQueue {
    items: RefCell<VecDeque<Value>>,
    lock: crate::modules::thread::Lock,
    /// Whether `get` holds `lock` (a put must let it go).
    locked: Cell<bool>,
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
        lock: crate::modules::thread::Lock::new(false),
        locked: Cell::new(false),
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
    if q.locked.replace(false) {
        // A get() may be waiting: wake it.
        let mut st = q.lock.state();
        if st.count > 0 {
            q.lock.put_down(&mut st);
        }
    }
    Ok(Value::None)
}

/// `get(block=True, timeout=None)`.
fn get_item(vm: &mut Vm, q: &SimpleQueue, block: bool, timeout: Option<f64>) -> PyResult<Value> {
    let deadline =
        timeout.map(|t| std::time::Instant::now() + std::time::Duration::from_secs_f64(t));
    loop {
        if let Some(item) = q.items.borrow_mut().pop_front() {
            return Ok(item);
        }
        if !block {
            return raise_empty(vm);
        }
        let left = match deadline {
            None => -1.0,
            Some(d) => d
                .saturating_duration_since(std::time::Instant::now())
                .as_secs_f64(),
        };
        // put() signals "not empty" by letting the lock go: take it.
        if !crate::modules::thread::take(vm, &q.lock, true, left)? {
            return raise_empty(vm);
        }
        q.locked.set(true);
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
