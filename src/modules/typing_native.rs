//! `_typing` (CPython's `Modules/_typingmodule.c` in 3.11): `_idfunc`, the
//! identity function that `typing.NewType` instances are called through.

use crate::object::args::{arity, no_kwargs};
use crate::object::heap::{builtin_fn, make_module};
use crate::object::value::Value;

/// The `_typing` module.
pub fn module() -> Value {
    make_module(
        "_typing",
        vec![(
            "_idfunc",
            builtin_fn("_idfunc", |_, _, a, kw| {
                no_kwargs("_idfunc", kw)?;
                // One argument: a built-in in a class dict does not bind,
                // so `NewType.__call__ = _idfunc` gets only the value.
                arity("_idfunc", a, 1, 1)?;
                Ok(a[0].clone())
            }),
        )],
    )
}
