//! `sys.unraisablehook`: where exceptions nothing can catch go (an error
//! in `__del__`, in a generator's finalizer, in an `atexit` function, in
//! the "never awaited" warning). The default hook, `sys.__unraisablehook__`,
//! writes "Exception ignored in: OBJ" and the traceback to standard
//! error; a program (or `test.support.catch_unraisable_exception`) may
//! put its own in its place, which gets an `UnraisableHookArgs`.

use crate::object::exceptions::{PyErr, PyResult};
use crate::object::heap::new_str;
use crate::object::value::Value;
use crate::vm::Vm;

type Kw<'a> = &'a [(std::rc::Rc<str>, Value)];

/// `sys.UnraisableHookArgs`: what a hook is given.
fn args_class() -> Value {
    crate::object::builtin_types::kept_by_name("sys.UnraisableHookArgs", || {
        crate::types::struct_sequence::struct_sequence(
            "builtins",
            "UnraisableHookArgs",
            &[
                "exc_type",
                "exc_value",
                "exc_traceback",
                "err_msg",
                "object",
            ],
            &[],
            vec![
                ("n_sequence_fields", Value::Int(5)),
                ("n_fields", Value::Int(5)),
                ("n_unnamed_fields", Value::Int(0)),
            ],
        )
    })
}

/// The hook in force when it is not the default one (which the caller
/// runs natively, without building its argument).
fn custom_hook(vm: &mut Vm) -> Option<Value> {
    let sys = crate::object::upcalls::import(vm, "sys").ok()?;
    let hook = crate::protocol::getattr(vm, &sys, "unraisablehook").ok()?;
    let default = crate::protocol::getattr(vm, &sys, "__unraisablehook__").ok();
    if matches!(hook, Value::None) || default.is_some_and(|d| d.is(&hook)) {
        None
    } else {
        Some(hook)
    }
}

/// Reports an exception nothing can catch: to `sys.unraisablehook` when
/// a program set one, else as the default hook writes it. `err_msg`:
/// the heading when it is not the usual "Exception ignored in".
pub fn report(vm: &mut Vm, err_msg: Option<&str>, what: &Value, e: &PyErr) {
    let Some(hook) = custom_hook(vm) else {
        write_report(vm, err_msg, Some(what), e);
        return;
    };
    // The hook gets the exception as an `except` clause would, with its
    // traceback attached.
    let exc = Box::new(PyErr {
        exc: e.exc.clone(),
        traceback: e.traceback.clone(),
        suggestion: e.suggestion.clone(),
        reraised: e.reraised,
    })
    .into_caught();
    let tb = crate::protocol::getattr(vm, &exc, "__traceback__").unwrap_or(Value::None);
    let fields = vec![
        crate::object::classes::type_value(&exc),
        exc,
        tb,
        err_msg.map_or(Value::None, new_str),
        what.clone(),
    ];
    let Some(args) = crate::types::struct_sequence::instance(&args_class(), fields) else {
        return write_report(vm, err_msg, Some(what), e);
    };
    if let Err(hook_err) = crate::protocol::call(vm, &hook, &[args], &[]) {
        // As CPython: the hook's own failure, by the default hook.
        write_report(
            vm,
            Some("Exception ignored in sys.unraisablehook"),
            Some(&hook),
            &hook_err,
        );
    }
}

/// The default hook's report: "HEADING: repr(obj)" (or "HEADING:" alone
/// without an object) and the traceback.
fn write_report(vm: &mut Vm, err_msg: Option<&str>, what: Option<&Value>, e: &PyErr) {
    // (Reports of ignored exceptions cannot report their own failure.)
    match what.filter(|w| !matches!(w, Value::None)) {
        Some(w) => {
            let heading = err_msg.unwrap_or("Exception ignored in");
            let shown = crate::object::upcalls::repr(vm, w)
                .unwrap_or_else(|_| "<object repr() failed>".to_string());
            let _ = crate::object::upcalls::write_stderr(vm, &format!("{heading}: {shown}\n"));
        }
        None => {
            if let Some(m) = err_msg {
                let _ = crate::object::upcalls::write_stderr(vm, &format!("{m}:\n"));
            }
        }
    }
    let mut text = vm.format_exception(e);
    // The default hook writes `Name: message` even when the message is
    // empty (`ValueError: `), unlike a traceback's last line.
    let name = crate::object::exceptions::exception_class_name(&e.exc);
    let empty =
        matches!(crate::object::exceptions::exception_message(vm, &e.exc), Ok(m) if m.is_empty());
    if empty && text.ends_with(&format!("{name}\n")) {
        text.truncate(text.len() - 1);
        text.push_str(": \n");
    }
    let _ = crate::object::upcalls::write_stderr(vm, &text);
}

/// `sys.__unraisablehook__(unraisable)`: the default hook, callable from
/// Python (a custom hook often hands on to it).
pub fn default_hook(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("unraisablehook", kw)?;
    crate::object::args::arity("unraisablehook", args, 1, 1)?;
    let u = &args[0];
    let is_args = crate::object::classes::type_value(u).is(&args_class());
    if !is_args {
        return crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            "sys.unraisablehook argument type must be UnraisableHookArgs",
        );
    }
    let field = |vm: &mut Vm, i: i64| crate::protocol::getitem(vm, u, &Value::Int(i));
    let exc = field(vm, 1)?;
    let err_msg = field(vm, 3)?;
    let obj = field(vm, 4)?;
    let err_msg = crate::object::heap::as_str(&err_msg).map(str::to_string);
    if crate::object::exceptions::is_exception(&exc) {
        let e = PyErr::from_value(exc, false);
        write_report(vm, err_msg.as_deref(), Some(&obj), &e);
    }
    Ok(Value::None)
}
