//! `itertools` in Rust (CPython's `Modules/itertoolsmodule.c`): each
//! iterator is a native class whose instances hold their state in Rust,
//! with CPython's argument checks, `repr`s, and pickling through
//! `__reduce__` / `__setstate__` (3.11 still pickles itertools objects).
//! Python classes may derive from every one of them.
//!
//! The simple iterators are in `simple`, `groupby` and `tee` (whose
//! objects share state) in `shared`, and the combinatoric ones in
//! `combinatorics`.

mod combinatorics;
mod shared;
mod simple;

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{make_module, type_name, BuiltinFn};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `itertools` module.
pub fn module() -> Value {
    make_module(
        "itertools",
        vec![
            ("count", simple::count_class()),
            ("cycle", simple::cycle_class()),
            ("repeat", simple::repeat_class()),
            ("accumulate", simple::accumulate_class()),
            ("chain", simple::chain_class()),
            ("compress", simple::compress_class()),
            ("dropwhile", simple::dropwhile_class()),
            ("takewhile", simple::takewhile_class()),
            ("filterfalse", simple::filterfalse_class()),
            ("starmap", simple::starmap_class()),
            ("islice", simple::islice_class()),
            ("pairwise", simple::pairwise_class()),
            ("zip_longest", simple::zip_longest_class()),
            ("groupby", shared::groupby_class()),
            ("_grouper", shared::grouper_class()),
            ("tee", crate::object::heap::builtin_fn("tee", shared::tee)),
            ("_tee", shared::tee_class()),
            ("_tee_dataobject", shared::tee_data_class()),
            ("product", combinatorics::product_class()),
            ("permutations", combinatorics::permutations_class()),
            ("combinations", combinatorics::combinations_class()),
            ("combinations_with_replacement", combinatorics::cwr_class()),
        ],
    )
}

/// The class of an itertools iterator: its constructor, `__iter__`
/// (itself), `__next__` and `extra` methods.
fn iterator_class(
    name: &'static str,
    new: BuiltinFn,
    next: BuiltinFn,
    extra: Vec<(&'static str, Value)>,
) -> Value {
    let mut attrs = vec![
        crate::object::native::constructor(new),
        crate::object::native::method("__iter__", |_, s, a, _| {
            Ok(crate::object::args::receiver(s, a)?.0.clone())
        }),
        crate::object::native::method("__next__", next),
    ];
    attrs.extend(extra);
    crate::object::native::class("itertools", name, attrs)
}

/// A new object of `cls` (the native class or a subclass) holding `data`.
fn make(cls: &Value, native_class: Value, data: impl NativeData) -> Value {
    if cls.is(&native_class) {
        crate::object::native::new(native_class, data)
    } else {
        crate::object::native::new_instance(cls, native_class, data)
    }
}

/// The state of a method's receiver, the receiver, and the arguments.
fn this<'a, T: NativeData>(
    s: Option<&'a Value>,
    a: &'a [Value],
    what: &str,
) -> PyResult<(&'a T, &'a Value, &'a [Value])> {
    let (r, rest) = crate::object::args::receiver(s, a)?;
    match data_of::<T>(r) {
        Some(d) => Ok((d, r, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 'itertools.{what}' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// The class and arguments of a constructor call.
fn ctor_args<'a>(a: &'a [Value], what: &str) -> PyResult<(&'a Value, &'a [Value])> {
    match a.split_first() {
        Some((cls, rest)) => Ok((cls, rest)),
        None => raise(
            ExcKind::TypeError,
            format!("{what}.__new__(): not enough arguments"),
        ),
    }
}

/// TypeError for keyword arguments given to the exact class (a subclass
/// may take its own in `__init__`), as CPython's `_PyArg_NoKeywords`.
fn no_keywords(cls: &Value, native_class: &Value, what: &str, kw: Kw<'_>) -> PyResult<()> {
    if cls.is(native_class) && !kw.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!("{what}() takes no keyword arguments"),
        );
    }
    Ok(())
}

/// The end of an iterator.
fn stop<T>() -> PyResult<T> {
    Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()))
}

/// `iter(v)`.
fn get_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    crate::protocol::get_iter(vm, v)
}

/// `next(it)`, None at the end.
fn next_of(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    crate::protocol::iter_next(vm, it)
}

/// `f(*args)`.
fn call(vm: &mut Vm, f: &Value, args: &[Value]) -> PyResult<Value> {
    crate::protocol::call(vm, f, args, &[])
}

/// A reduce value `(type(r), args)` or `(type(r), args, state)`.
fn reduce_value(r: &Value, args: Vec<Value>, state: Option<Value>) -> Value {
    let mut items = vec![
        crate::object::classes::type_value(r),
        crate::object::heap::new_tuple(args),
    ];
    items.extend(state);
    crate::object::heap::new_tuple(items)
}

/// The items of an iterable as a vector (the pools of the combinatoric
/// iterators).
fn collect(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    crate::protocol::to_vec(vm, v)
}

/// An int argument of `__setstate__`.
fn state_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let i = crate::protocol::index_value(vm, v)?;
    match crate::protocol::ops::int_of(&i) {
        Some(crate::protocol::ops::IntVal::Small(n)) => Ok(n),
        Some(_) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C ssize_t",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ),
        ),
    }
}
