//! `_tracemalloc`: the native half of `tracemalloc`, for a runtime that
//! never traces allocations. Every query answers as CPython's does while
//! tracing is off (`is_tracing()` False, no traces, no object
//! tracebacks, zero traced memory), which is what `warnings` asks when
//! it formats a warning about an object ("Enable tracemalloc to get the
//! object allocation traceback"). `start()` raises: recording a
//! traceback per allocated block would cost every allocation, and
//! pretending to trace would give wrong snapshots.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_list, new_tuple};
use crate::object::value::Value;

/// The `_tracemalloc` module.
pub fn module() -> Value {
    let none = |name: &'static str| (name, builtin_fn(name, |_, _, _, _| Ok(Value::None)));
    make_module(
        "_tracemalloc",
        vec![
            (
                "is_tracing",
                builtin_fn("is_tracing", |_, _, _, _| Ok(Value::Bool(false))),
            ),
            ("start", builtin_fn("start", start)),
            none("stop"),
            none("clear_traces"),
            none("reset_peak"),
            (
                "get_traceback_limit",
                builtin_fn("get_traceback_limit", |_, _, _, _| Ok(Value::Int(1))),
            ),
            (
                "get_traced_memory",
                builtin_fn("get_traced_memory", |_, _, _, _| {
                    Ok(new_tuple(vec![Value::Int(0), Value::Int(0)]))
                }),
            ),
            (
                "get_tracemalloc_memory",
                builtin_fn("get_tracemalloc_memory", |_, _, _, _| Ok(Value::Int(0))),
            ),
            (
                "_get_object_traceback",
                builtin_fn("_get_object_traceback", |_, _, _, _| Ok(Value::None)),
            ),
            (
                "_get_traces",
                builtin_fn("_get_traces", |_, _, _, _| Ok(new_list(Vec::new()))),
            ),
        ],
    )
}

/// `start(nframe=1)`: checks `nframe` as CPython does, then refuses.
fn start(
    _: &mut crate::vm::Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let b = crate::object::args::bind_args("start", &["nframe"], args, kw)?;
    let nframe = crate::modules::posix::int_arg("start", b[0].as_ref(), Some(1))?;
    if !(1..=65535).contains(&nframe) {
        return raise(
            ExcKind::ValueError,
            "the number of frames must be in range [1; 65535]",
        );
    }
    raise(
        ExcKind::RuntimeError,
        "tracemalloc cannot trace allocations in Taipan (allocations are not recorded)",
    )
}
