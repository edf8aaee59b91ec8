//! `exit` and `quit`: CPython's `_sitebuiltins.Quitter` objects, which
//! `site` puts in builtins. Typing `exit` at the prompt shows how to
//! leave; calling one raises `SystemExit` with the code given.

use crate::object::classes::Instance;
use crate::object::exceptions::{PyErr, PyResult};
use crate::object::heap::{new_str, BuiltinFn, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The methods, declared once: they become the class dict.
const METHODS: &[(&str, BuiltinFn)] = &[("__init__", init), ("__repr__", repr), ("__call__", call)];

crate::object::builtin_types::native_class!("_sitebuiltins", "Quitter", METHODS);

/// What CPython's `site` calls end of input on this platform.
const EOF: &str = "Ctrl-D (i.e. EOF)";

/// A new quitter named `name` (`exit`, `quit`).
pub fn new(vm: &mut Vm, name: &str) -> PyResult<Value> {
    crate::protocol::call(vm, &class(), &[new_str(name), new_str(EOF)], &[])
}

fn receiver<'a>(
    s: Option<&'a Value>,
    args: &'a [Value],
) -> PyResult<(&'a Value, &'a Instance, &'a [Value])> {
    crate::object::builtin_types::native_receiver(s, args, &class(), "Quitter")
}

fn init(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, inst, rest) = receiver(s, args)?;
    crate::object::args::arity("Quitter", rest, 2, 2)?;
    inst.set_attr("name", rest[0].clone());
    inst.set_attr("eof", rest[1].clone());
    Ok(Value::None)
}

fn repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, inst, _) = receiver(s, args)?;
    let mut text = |attr: &str| -> PyResult<String> {
        match inst.get_attr(attr) {
            Some(v) => crate::protocol::repr::str_of(vm, &v),
            None => Ok(String::new()),
        }
    };
    let (name, eof) = (text("name")?, text("eof")?);
    Ok(new_str(format!("Use {name}() or {eof} to exit")))
}

fn call(_: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, _, rest) = receiver(s, args)?;
    crate::object::args::no_kwargs("Quitter", kw)?;
    crate::object::args::arity("Quitter", rest, 0, 1)?;
    let code = rest.first().cloned().unwrap_or(Value::None);
    Err(PyErr::with_args(
        crate::object::exceptions::ExcKind::SystemExit,
        vec![code],
    ))
}
