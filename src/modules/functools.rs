//! `_functools`: the parts of `functools` CPython writes in C; here
//! `reduce` (the rest of `functools` is CPython's own Python).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `_functools` module.
pub fn module() -> Value {
    make_module("_functools", vec![("reduce", builtin_fn("reduce", reduce))])
}

/// `reduce(function, iterable[, initial])`.
fn reduce(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("reduce", kw)?;
    crate::object::args::arity("reduce", args, 2, 3)?;
    let (f, iterable) = (&args[0], &args[1]);
    let it = crate::protocol::get_iter(vm, iterable).map_err(|e| {
        if crate::object::exceptions::err_matches(&e, ExcKind::TypeError) {
            crate::object::exceptions::PyErr::new(
                ExcKind::TypeError,
                "reduce() arg 2 must support iteration",
            )
        } else {
            e
        }
    })?;
    let mut acc = args.get(2).cloned();
    while let Some(item) = crate::protocol::iter_next(vm, &it)? {
        acc = Some(match acc {
            None => item,
            Some(a) => crate::protocol::call(vm, f, &[a, item], &[])?,
        });
    }
    match acc {
        Some(v) => Ok(v),
        None => raise(
            ExcKind::TypeError,
            "reduce() of empty iterable with no initial value",
        ),
    }
}
