//! `atexit`: functions registered to run when the interpreter ends
//! (`Vm::finalize` runs them, last registered first, as CPython).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, new_tuple, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `atexit` module.
pub fn module() -> Value {
    make_module(
        "atexit",
        vec![
            ("_callbacks", new_list(Vec::new())),
            ("register", builtin_fn("register", register)),
            ("unregister", builtin_fn("unregister", unregister)),
            (
                "_run_exitfuncs",
                builtin_fn("_run_exitfuncs", |vm, _, _, _| {
                    run(vm).map(|()| Value::None)
                }),
            ),
            (
                "_clear",
                builtin_fn("_clear", |vm, _, _, _| {
                    with_list(vm, |l| l.clear())?;
                    Ok(Value::None)
                }),
            ),
            (
                "_ncallbacks",
                builtin_fn("_ncallbacks", |vm, _, _, _| {
                    Ok(Value::Int(with_list(vm, |l| l.len())? as i64))
                }),
            ),
        ],
    )
}

fn with_list<R>(vm: &mut Vm, f: impl FnOnce(&mut Vec<Value>) -> R) -> PyResult<R> {
    let m = crate::protocol::import(vm, "atexit")?;
    let list = crate::protocol::getattr(vm, &m, "_callbacks")?;
    match list.as_obj() {
        Some(Object::List(l)) => Ok(f(&mut l.borrow_mut())),
        _ => raise(ExcKind::RuntimeError, "atexit callbacks lost"),
    }
}

/// `atexit.register(func, *args, **kwargs)`: `func`.
fn register(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(func) = args.first() else {
        return raise(
            ExcKind::TypeError,
            "register() takes at least 1 argument (0 given)",
        );
    };
    if !crate::object::classes::is_callable(func) {
        return raise(ExcKind::TypeError, "the first argument must be callable");
    }
    let kwargs = crate::object::classes::new_dict_obj();
    if let Object::Dict(d) = kwargs.get() {
        for (k, v) in kw {
            d.borrow_mut().set_str(k, v.clone());
        }
    }
    let entry = new_tuple(vec![
        func.clone(),
        new_tuple(args[1..].to_vec()),
        Value::Obj(kwargs),
    ]);
    with_list(vm, |l| l.push(entry))?;
    Ok(func.clone())
}

fn unregister(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(func) = args.first().cloned() else {
        return raise(
            ExcKind::TypeError,
            "unregister() takes exactly one argument (0 given)",
        );
    };
    let entries = with_list(vm, |l| l.clone())?;
    let mut keep = Vec::new();
    for e in entries {
        let f = match e.as_obj() {
            Some(Object::Tuple(t)) => t[0].clone(),
            _ => continue,
        };
        if !crate::protocol::compare_bool(vm, taipan_bytecode::opcode::CompareOp::Eq, &f, &func)? {
            keep.push(e);
        }
    }
    with_list(vm, |l| *l = keep)?;
    Ok(Value::None)
}

/// Runs the registered functions, last first, each once; an exception is
/// reported ("Exception ignored in atexit callback") and the others run.
pub fn run(vm: &mut Vm) -> PyResult<()> {
    let entries = with_list(vm, std::mem::take)?;
    for e in entries.into_iter().rev() {
        let Some(Object::Tuple(t)) = e.as_obj() else {
            continue;
        };
        let (func, args, kwargs) = (t[0].clone(), t[1].clone(), t[2].clone());
        let mut all = crate::protocol::to_vec(vm, &args)?;
        let mut names = Vec::new();
        if let Some(Object::Dict(d)) = kwargs.as_obj() {
            let items: Vec<(Value, Value)> = d
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in items {
                names.push(Rc::from(
                    crate::object::heap::as_str(&k).unwrap_or_default(),
                ));
                all.push(v);
            }
        }
        if let Err(e) = crate::protocol::call(vm, &func, &all, &names) {
            if e.kind() == ExcKind::SystemExit {
                continue;
            }
            crate::object::pending::report_atexit(vm, &func, &e);
        }
    }
    Ok(())
}
