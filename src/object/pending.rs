//! Python code the runtime must run but cannot run where it finds the
//! need — while an object is being freed, deep inside a reference count
//! reaching zero: weak-reference callbacks and `__del__` methods. They
//! are queued here and run before the interpreter's next call
//! (`interp::call_in_frame`, which compiled code goes through too), so
//! they run as soon as Python code can run again, in the order CPython
//! runs them. An exception in one is reported as CPython reports it
//! ("Exception ignored in: …" and the traceback) and goes no further.

use crate::object::value::{ObjRef, Value};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// A piece of Python code waiting to run.
pub enum Action {
    /// A weak reference's callback, with the (now dead) weak reference.
    WeakrefCallback(ObjRef, Value),
    /// An object whose count reached zero and whose class defines
    /// `__del__`: kept alive by this reference until its `__del__` ran.
    Finalize(ObjRef),
}

/// One interpreter's queue (held by `object::state`).
pub struct Queue {
    actions: RefCell<VecDeque<Action>>,
    /// Whether `actions` has anything (read before every call).
    any: Cell<bool>,
}

impl Queue {
    /// An empty queue.
    pub(crate) fn new() -> Queue {
        Queue {
            actions: RefCell::new(VecDeque::new()),
            any: Cell::new(false),
        }
    }

    /// Empties the queue (its interpreter is going away).
    pub(crate) fn take_all(&self) -> VecDeque<Action> {
        self.any.set(false);
        std::mem::take(&mut *self.actions.borrow_mut())
    }

    fn pop(&self) -> Option<Action> {
        self.actions.borrow_mut().pop_front()
    }
}

/// Queues an action in the current interpreter (nothing at thread exit,
/// when the state is gone).
pub fn push(action: Action) {
    let _ = crate::object::state::try_with(|s| {
        s.pending.actions.borrow_mut().push_back(action);
        s.pending.any.set(true);
    });
}

/// Whether actions wait to run (cheap: checked before every call).
#[inline(always)]
pub fn any() -> bool {
    crate::object::state::with(|s| s.pending.any.get())
}

/// Runs the queued actions, oldest first (and those they queue).
pub fn run(vm: &mut Vm) {
    crate::object::state::with(|s| s.pending.any.set(false));
    while let Some(action) = crate::object::state::with(|s| s.pending.pop()) {
        match action {
            Action::WeakrefCallback(weak, callback) => {
                // The reference inside an instance of a `weakref.ref`
                // subclass carries its callback bound to that instance
                // (`classes::instantiate`): the instance is what the
                // callback gets.
                let (func, arg) = match callback.as_obj() {
                    Some(crate::object::heap::Object::BoundMethod(b))
                        if matches!(b.receiver.as_obj(), Some(crate::object::heap::Object::Instance(i))
                            if i.payload().is_some_and(|p| matches!(p, Value::Obj(o) if o.ptr_eq(&weak)))) =>
                    {
                        (b.func.clone(), b.receiver.clone())
                    }
                    _ => (callback.clone(), Value::Obj(weak)),
                };
                if let Err(e) = crate::object::upcalls::call(vm, &func, &[arg], &[]) {
                    report(vm, &callback, &e);
                }
            }
            Action::Finalize(obj) => {
                let obj = Value::Obj(obj);
                if let Some(crate::object::heap::Object::Generator(_)) = obj.as_obj() {
                    // A suspended generator is closed before it goes (or
                    // handed to its finalizer hook; an unawaited coroutine
                    // warns).
                    if let Err(e) = crate::object::upcalls::finalize_generator(vm, &obj) {
                        report(vm, &obj, &e);
                    }
                } else if let Some(del) = crate::object::classes::special_method(&obj, "__del__") {
                    if let Err(e) = crate::object::classes::call_special(vm, &obj, "__del__", &[]) {
                        report(vm, &del, &e);
                    }
                }
                // Freed now, unless `__del__` stored it somewhere.
                drop(obj);
            }
        }
    }
}

/// CPython's report of an exception nothing can catch
/// (`PyErr_WriteUnraisable`): "Exception ignored in: WHAT" and the
/// traceback, on standard error.
pub fn report_unraisable(vm: &mut Vm, what: &Value, e: &crate::object::exceptions::PyErr) {
    report(vm, what, e);
}

/// CPython's report of an exception nothing can catch.
fn report(vm: &mut Vm, what: &Value, e: &crate::object::exceptions::PyErr) {
    report_as(vm, "Exception ignored in", what, e);
}

/// The report of an exception an `atexit` function raised.
pub fn report_atexit(vm: &mut Vm, what: &Value, e: &crate::object::exceptions::PyErr) {
    report_as(vm, "Exception ignored in atexit callback", what, e);
}

fn report_as(vm: &mut Vm, heading: &str, what: &Value, e: &crate::object::exceptions::PyErr) {
    let err_msg = (heading != "Exception ignored in").then_some(heading);
    (vm.natives.report_unraisable)(vm, err_msg, what, e);
}
