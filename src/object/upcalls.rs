//! What the object layer needs from the layers above it, reached through
//! function pointers those layers register, so that imports flow one way
//! (docs/architecture.md, "Root crate layout"). A class's `__init__` is a
//! Python function the interpreter runs; a built-in type's dict is made
//! from a member table its file in `types/` declares; a generator left
//! suspended is closed by the interpreter that owns its frame. The object
//! layer names none of them: it calls [`call`], [`member_tables`], … and
//! the interpreter fills the table once ([`register`], from `Vm::new`).
//!
//! The pointers are code, not state, so one process-wide table serves
//! every interpreter. Until one is registered (tests of the value layer
//! that make no interpreter) calls raise `SystemError` and built-in types
//! have no methods.

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{Function, TypeKind};
use crate::object::payloads::LazyIter;
use crate::object::type_slots::Slots;
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

/// A call of any callable: positional arguments followed by the keyword
/// arguments `kwnames` names.
pub type CallFn = fn(&mut Vm, &Value, &[Value], &[Rc<str>]) -> PyResult<Value>;

/// The operations of the upper layers the object layer calls.
pub struct Upcalls {
    /// Calls any callable with positional arguments followed by the
    /// keyword arguments named by `kwnames` (`vm::interp::call`).
    pub call: CallFn,
    /// Calls Python function `func` with a receiver before positional
    /// arguments, with no argument list made (special methods:
    /// `vm::interp::call_method`).
    pub call_method: fn(&mut Vm, &Function, &Value, &[Value]) -> PyResult<Value>,
    /// Runs a function's code with its locals bound in the slab (class
    /// bodies: `vm::frames::run_function`).
    pub run_function: fn(&mut Vm, &Function, crate::object::frame_slab::Slab) -> PyResult<Value>,
    /// `import name` (dotted), the module.
    pub import: fn(&mut Vm, &str) -> PyResult<Value>,
    /// Finalizes a generator being freed: closes it if suspended, hands
    /// an asynchronous generator to its finalizer hook, warns of a
    /// coroutine never awaited (CPython's `_PyGen_Finalize`).
    pub finalize_generator: fn(&mut Vm, &Value) -> PyResult<Value>,
    /// Writes text to `sys.stderr` (reports of ignored exceptions).
    pub write_stderr: fn(&mut Vm, &str) -> PyResult<()>,
    /// The slot table of generators and coroutines (they resume frames).
    pub generator_slots: &'static Slots,
    /// `repr(v)`.
    pub repr: fn(&mut Vm, &Value) -> PyResult<String>,
    /// `str(v)`.
    pub str: fn(&mut Vm, &Value) -> PyResult<String>,
    /// The methods of built-in exception class `k`'s dict.
    pub exception_methods: fn(ExcKind) -> Vec<(&'static str, Value)>,
    /// `hash(v)` of the built-in values whose types live above the
    /// object layer (ranges, frozensets).
    pub hash: fn(&Value) -> PyResult<i64>,
    /// `a == b` of two hashable built-in values (dict and set keys) that
    /// are not the same object and not two strs (`dict::keys_equal`
    /// answers those).
    pub eq_hashable: fn(&Value, &Value) -> bool,
    /// `next()` of an awaitable's iterator (`coroutine.__await__()`, an
    /// asynchronous generator's `asend`/`athrow`): one step of its frame.
    pub await_next: fn(&mut Vm, &RefCell<LazyIter>) -> PyResult<Option<Value>>,
    /// The member tables a built-in type's dict is made from (a type may
    /// combine several: `set` has `frozenset`'s methods and its own).
    pub member_tables: fn(TypeKind) -> &'static [&'static [Member]],
    /// A built-in type's slot wrapper or special attribute `name`
    /// (`int.__add__`, `object.__init__`), or None.
    pub type_attr: fn(TypeKind, &str) -> Option<Value>,
}

static UPCALLS: OnceLock<&'static Upcalls> = OnceLock::new();

/// Installs the upper layers' operations; the first registration wins
/// (every interpreter registers the same table).
pub fn register(table: &'static Upcalls) {
    let _ = UPCALLS.set(table);
}

/// The table until one is registered.
static MISSING: Upcalls = Upcalls {
    call: |_, _, _, _| no_interpreter(),
    call_method: |_, _, _, _| no_interpreter(),
    run_function: |_, _, _| no_interpreter(),
    import: |_, _| no_interpreter(),
    finalize_generator: |_, _| no_interpreter(),
    write_stderr: |_, _| Ok(()),
    generator_slots: &Slots::EMPTY,
    repr: |_, _| Ok(String::new()),
    str: |_, _| Ok(String::new()),
    exception_methods: |_| Vec::new(),
    hash: |v| match v {
        Value::Obj(o) => Ok((o.addr() >> 4) as i64),
        _ => Ok(0),
    },
    eq_hashable: |a, b| a.is(b),
    await_next: |_, _| no_interpreter().map(Some),
    member_tables: |_| &[],
    type_attr: |_, _| None,
};

fn no_interpreter() -> PyResult<Value> {
    raise(ExcKind::SystemError, "no interpreter is running")
}

#[inline]
fn table() -> &'static Upcalls {
    UPCALLS.get().copied().unwrap_or(&MISSING)
}

/// Calls `f` with positional arguments followed by the keyword arguments
/// named by `kwnames` (CPython's `PyObject_Vectorcall`).
#[inline]
pub fn call(vm: &mut Vm, f: &Value, args: &[Value], kwnames: &[Rc<str>]) -> PyResult<Value> {
    (table().call)(vm, f, args, kwnames)
}

/// Calls Python function `func` with `receiver` before `args`.
#[inline]
pub fn call_method(
    vm: &mut Vm,
    func: &Function,
    receiver: &Value,
    args: &[Value],
) -> PyResult<Value> {
    (table().call_method)(vm, func, receiver, args)
}

/// Runs `func`'s code with its locals bound in `slab`.
pub fn run_function(
    vm: &mut Vm,
    func: &Function,
    slab: crate::object::frame_slab::Slab,
) -> PyResult<Value> {
    (table().run_function)(vm, func, slab)
}

/// `import name` (dotted): the module.
pub fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    (table().import)(vm, name)
}

/// Finalizes the generator `gen` being freed (see the table's entry).
pub fn finalize_generator(vm: &mut Vm, gen: &Value) -> PyResult<Value> {
    (table().finalize_generator)(vm, gen)
}

/// Writes `text` to `sys.stderr`.
pub fn write_stderr(vm: &mut Vm, text: &str) -> PyResult<()> {
    (table().write_stderr)(vm, text)
}

/// The slot table of generators and coroutines.
#[inline]
pub fn generator_slots() -> &'static Slots {
    table().generator_slots
}

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    (table().repr)(vm, v)
}

/// `str(v)`.
pub fn str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    (table().str)(vm, v)
}

/// The methods of built-in exception class `k`.
pub fn exception_methods(k: ExcKind) -> Vec<(&'static str, Value)> {
    (table().exception_methods)(k)
}

/// `hash(v)` of a range or a frozenset.
pub fn hash(v: &Value) -> PyResult<i64> {
    (table().hash)(v)
}

/// `a == b` of two hashable built-in values.
#[inline]
pub fn eq_hashable(a: &Value, b: &Value) -> bool {
    (table().eq_hashable)(a, b)
}

/// One step of an awaitable's iterator.
pub fn await_next(vm: &mut Vm, it: &RefCell<LazyIter>) -> PyResult<Option<Value>> {
    (table().await_next)(vm, it)
}

/// The member tables of built-in type `t`.
pub fn member_tables(t: TypeKind) -> &'static [&'static [Member]] {
    (table().member_tables)(t)
}

/// Built-in type `t`'s slot wrapper or special attribute `name`.
pub fn type_attr(t: TypeKind, name: &str) -> Option<Value> {
    (table().type_attr)(t, name)
}
