//! The interpreter: one eval loop over a frame whose locals and value
//! stack share one slab (`slab[..nlocals]` are the fast locals, the stack
//! grows above them), dispatching on the opcode table of
//! `taipan-bytecode`. Code objects were verified before they got here, so
//! indices and stack depths are trusted.
//!
//! Python calls recurse on the Rust stack; the recursion limit (1000 by
//! default, as CPython) is checked on every call, and the CLI runs the
//! interpreter on a thread with a stack large enough for that depth.

use crate::object::args::split_keywords;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::GlobalHit;
use crate::object::heap::NewObject;
use crate::object::heap::{new_list, new_str, new_tuple, type_name, Function, Object};
use crate::object::heap::{BoundMethodObj, MethodDescrObj, MethodObj};
use crate::object::value::Value;
use crate::protocol;
use crate::vm::calls::{
    bind_arguments, call_target_name, deref_name, do_raise, unbound_deref, valid_except_type,
};
use crate::vm::frames::{run_function, FrameExit};
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;
use taipan_bytecode::opcode::{CompareOp, Opcode};

/// An empty frame slab for code `rt`: the data stack's next block, with
/// room for its locals and its deepest stack plus one spare slot
/// (compiled code may write one value past the stack size: FOR_ITER's
/// push).
#[inline]
pub(crate) fn new_frame(
    vm: &mut Vm,
    rt: &crate::object::heap::RtCode,
) -> crate::object::frame_slab::Slab {
    vm.data_stack.slab(rt.frame_cap as usize)
}

/// Binds call arguments to a function's parameter slots and runs it.
pub fn call_function(
    vm: &mut Vm,
    func: &Function,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<Value> {
    let rt = &func.code;
    let mut slab = std::mem::ManuallyDrop::new(new_frame(vm, rt));
    // The common case: exactly the positional parameters, nothing else.
    if kwnames.is_empty() && rt.simple_argcount == Some(args.len()) {
        slab.extend_from_slice(args);
        if slab.len() < rt.nlocals {
            slab.resize(rt.nlocals, Value::Unbound);
        }
        // SAFETY: the slab is handed over and not touched again.
        return unsafe { crate::vm::frames::run_function_taking(vm, func, &mut slab) };
    }
    let mut slab = std::mem::ManuallyDrop::into_inner(slab);
    slab.resize(rt.nlocals, Value::Unbound);
    if let Err(e) = bind_arguments(func, &mut slab, args, kwnames) {
        drop(slab);
        return Err(e);
    }
    run_function(vm, func, slab)
}

/// Calls Python function `func` with `receiver` before `args` (a bound
/// method): in the common case the frame is filled directly, with no
/// argument list made in between.
pub(crate) fn call_method(
    vm: &mut Vm,
    func: &Function,
    receiver: &Value,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<Value> {
    let rt = &func.code;
    if kwnames.is_empty() && rt.simple_argcount == Some(args.len() + 1) {
        let mut slab = std::mem::ManuallyDrop::new(new_frame(vm, rt));
        slab.push(receiver.clone());
        slab.extend_from_slice(args);
        slab.resize(rt.nlocals, Value::Unbound);
        // SAFETY: the slab is handed over and not touched again.
        return unsafe { crate::vm::frames::run_function_taking(vm, func, &mut slab) };
    }
    let mut full: smallvec::SmallVec<[Value; 8]> = smallvec::SmallVec::new();
    full.push(receiver.clone());
    full.extend(args.iter().cloned());
    call_function(vm, func, &full, kwnames)
}

/// The calls compiled code makes without the general call path, with
/// the arguments where they lie (the interpreter's hot loop has the same
/// cases inline, on its raw stack): a built-in
/// function with positional arguments (unless it reads the calling frame:
/// `eval`, `exec`, zero-argument `super()`), `type(x)`, and a built-in
/// type's method on `receiver` (a value of that type: LOAD_METHOD found
/// the method on it, or the caller checked). None, with nothing done,
/// for any other call.
#[inline]
#[cfg_attr(not(feature = "jit"), allow(dead_code))]
pub(crate) fn call_builtin_fast(
    vm: &mut Vm,
    callable: &Value,
    receiver: Option<&Value>,
    args: &[Value],
) -> Option<PyResult<Value>> {
    let (f, receiver) = match (callable.as_obj(), receiver) {
        (Some(Object::Builtin(b)), None)
            if !args.is_empty() && !crate::vm::eval_exec::reads_frame(b.func) =>
        {
            (b.func, None)
        }
        (Some(Object::Class(c)), None)
            if args.len() == 1 && c.builtin_kind == Some(crate::object::heap::TypeKind::Type) =>
        {
            return Some(Ok(crate::object::classes::type_value(&args[0])));
        }
        (Some(Object::MethodDescr(MethodDescrObj { builtin, .. })), Some(r)) => {
            (builtin.func, Some(r))
        }
        _ => return None,
    };
    if crate::object::pending::any() {
        crate::object::pending::run(vm);
    }
    Some(f(vm, receiver, args, &[]))
}

/// Calls any callable value.
pub fn call(vm: &mut Vm, callable: &Value, args: &[Value], kwnames: &[Rc<str>]) -> PyResult<Value> {
    match callable.as_obj() {
        Some(Object::Function(f)) => call_function(vm, f, args, kwnames),
        Some(Object::Builtin(b)) => {
            let (pos, kw) = split_keywords(args, kwnames);
            (b.func)(vm, None, pos, &kw)
        }
        Some(Object::Method(MethodObj { receiver, builtin })) => {
            let (pos, kw) = split_keywords(args, kwnames);
            (builtin.func)(vm, Some(receiver), pos, &kw)
        }
        Some(Object::Class(c)) if c.builtin_kind.is_some() => {
            let (pos, kw) = split_keywords(args, kwnames);
            crate::types::construct::construct(
                vm,
                c.builtin_kind
                    .unwrap_or(crate::object::heap::TypeKind::Object),
                pos,
                &kw,
            )
        }
        Some(Object::Class(_)) => crate::types::metaclass::call_class(vm, callable, args, kwnames),
        Some(Object::MethodDescr(MethodDescrObj {
            owner,
            builtin,
            wrapper,
        })) => crate::protocol::subclass::call_descr(vm, *owner, builtin, *wrapper, args, kwnames),
        Some(Object::BoundMethod(BoundMethodObj { func, receiver })) => {
            if let Some(Object::Function(f)) = func.as_obj() {
                return call_method(vm, f, receiver, args, kwnames);
            }
            let mut full: smallvec::SmallVec<[Value; 8]> = smallvec::SmallVec::new();
            full.push(receiver.clone());
            full.extend(args.iter().cloned());
            call(vm, func, &full, kwnames)
        }
        Some(Object::WeakRef(w)) if w.kind != crate::object::weakref::RefKind::Ref => {
            match crate::object::weakref::proxied(callable) {
                Some(Ok(target)) if w.kind == crate::object::weakref::RefKind::CallableProxy => {
                    call(vm, &target, args, kwnames)
                }
                Some(Err(e)) => Err(e),
                _ => raise(
                    ExcKind::TypeError,
                    format!("'{}' object is not callable", type_name(callable)),
                ),
            }
        }
        Some(Object::WeakRef(w)) => {
            crate::object::args::arity("weakref", args, 0, 0)?;
            if !kwnames.is_empty() {
                return raise(ExcKind::TypeError, "weakref() takes no keyword arguments");
            }
            Ok(w.get())
        }
        Some(Object::Native(n)) => {
            // A native type's `__call__` (a built-in: called with the
            // object as its receiver, nothing bound or copied).
            match crate::object::classes::lookup(&n.class, "__call__") {
                Some(m) => match m.as_obj() {
                    Some(Object::Builtin(b)) => {
                        let (pos, kw) = split_keywords(args, kwnames);
                        (b.func)(vm, Some(callable), pos, &kw)
                    }
                    _ => {
                        let mut full = Vec::with_capacity(args.len() + 1);
                        full.push(callable.clone());
                        full.extend(args.iter().cloned());
                        call(vm, &m, &full, kwnames)
                    }
                },
                None => raise(
                    ExcKind::TypeError,
                    format!("'{}' object is not callable", type_name(callable)),
                ),
            }
        }
        Some(Object::Instance(i)) => {
            match crate::object::classes::bound_special(vm, callable, "__call__")? {
                // Counted as a level of recursion, as CPython's
                // `Py_EnterRecursiveCall` counts it: a `__call__` that is
                // itself such an instance recurses with no Python frame
                // in between.
                Some(m) => {
                    if vm.depth >= vm.recursion_limit {
                        return raise(
                            ExcKind::RecursionError,
                            "maximum recursion depth exceeded while calling a Python object",
                        );
                    }
                    vm.depth += 1;
                    let r = crate::object::state::with_stack(|| call(vm, &m, args, kwnames));
                    vm.depth -= 1;
                    r
                }
                // A subclass of a callable built-in type (`weakref.ref`):
                // its value is called.
                None if matches!(
                    i.payload().and_then(Value::as_obj),
                    Some(Object::WeakRef(_))
                ) =>
                {
                    let payload = i.payload().cloned().unwrap_or_default();
                    call(vm, &payload, args, kwnames)
                }
                None => raise(
                    ExcKind::TypeError,
                    format!("'{}' object is not callable", type_name(callable)),
                ),
            }
        }
        _ => raise(
            ExcKind::TypeError,
            format!("'{}' object is not callable", type_name(callable)),
        ),
    }
}

/// Calls `callable` from a running frame: as [`call`], except for the
/// built-ins that read their caller's frame, as CPython's do:
/// zero-argument `super()` (the function's class and first argument) and
/// `type(name, bases, ns)` (the caller's module becomes `__module__`).
pub fn call_in_frame(
    vm: &mut Vm,
    func: &Function,
    locals: &[Value],
    callable: &Value,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<Value> {
    if crate::object::pending::any() {
        crate::object::pending::run(vm);
    }
    crate::vm::signals::check(vm)?;
    if args.is_empty()
        && crate::object::builtin_types::builtin_kind(callable)
            == Some(crate::object::heap::TypeKind::Super)
    {
        let Some(class) = func.owner_class.borrow().clone().map(Value::Obj) else {
            return raise(ExcKind::RuntimeError, "super(): __class__ cell not found");
        };
        let Some(first) = locals.first().filter(|_| func.code.code.argcount > 0) else {
            return raise(ExcKind::RuntimeError, "super(): no arguments");
        };
        // A first argument that nested functions capture lives in a cell.
        let first = &match first.as_obj() {
            Some(Object::Cell(c)) => c.borrow().clone(),
            _ => first.clone(),
        };
        if matches!(first, Value::Unbound) {
            return raise(ExcKind::RuntimeError, "super(): arg[0] deleted");
        }
        return crate::object::classes::make_super(class, first.clone());
    }
    if let Some(r) = crate::vm::eval_exec::frame_call(vm, callable, func, locals, args, kwnames) {
        return r;
    }
    if args.is_empty() && kwnames.is_empty() {
        if let Some(r) = crate::vm::eval_exec::frame_builtin(vm, callable, func, locals) {
            return r;
        }
    }
    if args.len() == 3
        && kwnames.is_empty()
        && crate::object::builtin_types::builtin_kind(callable)
            == Some(crate::object::heap::TypeKind::Type)
    {
        let module = match func.globals.get() {
            Object::Dict(g) => g.borrow().get_str("__name__"),
            _ => None,
        };
        return crate::types::metaclass::new_class_from_args(vm, None, args, module, &[]);
    }
    call(vm, callable, args, kwnames)
}

pub use crate::types::builtin_iter::{get_iter, iter_next};

/// LOAD_GLOBAL / LOAD_NAME: `co_names[index]` from the function's
/// globals, then the builtins.
#[inline(always)]
pub(crate) fn load_global(vm: &Vm, func: &Function, index: usize) -> PyResult<Value> {
    if let Some(hit) = func.code.global_cache.get(index) {
        // (The entry says which form of the cache applies.)
        let in_builtins = hit.get().globals_key & GlobalHit::IN_BUILTINS != 0;
        if let Some(v) = crate::vm::fast_paths::cached_global(vm, func, index, in_builtins) {
            return Ok(v);
        }
    }
    load_global_slow(vm, func, index)
}

/// [`load_global`] without a cache hit: looks the name up and records
/// where it was found.
#[inline(never)]
fn load_global_slow(vm: &Vm, func: &Function, index: usize) -> PyResult<Value> {
    let rt = &func.code;
    let (Object::Dict(globals), Object::Dict(builtins)) = (func.globals.get(), vm.builtins.get())
    else {
        return raise(ExcKind::RuntimeError, "namespaces must be dicts");
    };
    let (globals, builtins) = (globals.borrow(), builtins.borrow());
    let name = &rt.names[index];
    let hash = rt.name_hashes[index];
    let (in_builtins, at) = match globals.index_of_str(name, hash) {
        Some(i) => (false, i),
        None => match builtins.index_of_str(name, hash) {
            Some(i) => (true, i),
            None => return Err(name_error(func, &globals, name)),
        },
    };
    let found = if in_builtins {
        builtins.value_at(at)
    } else {
        globals.value_at(at)
    };
    let Some(found) = found else {
        return Err(name_error(func, &globals, name));
    };
    if let Some(slot) = rt.global_cache.get(index) {
        slot.set(GlobalHit::new(
            globals.version(),
            builtins.version(),
            in_builtins,
            &found,
        ));
    }
    Ok(found)
}

/// A NameError for `name`, with CPython's suggestion of a similar name
/// among the function's locals, its globals and the builtins.
fn name_error(func: &Function, globals: &crate::object::dict::Dict, name: &str) -> Box<PyErr> {
    let mut err = PyErr::new(ExcKind::NameError, format!("name '{name}' is not defined"));
    let locals: Vec<&str> = func.code.code.varnames.iter().map(String::as_str).collect();
    let keys = globals.keys();
    let global_names: Vec<&str> = keys
        .iter()
        .filter_map(crate::object::heap::as_str)
        .collect();
    err.suggestion = crate::object::suggestions::for_name_error(&locals, &global_names, name)
        .map(crate::object::exceptions::Suggestion::Found);
    err
}

fn dict_set(ns: &crate::object::value::ObjRef, name: &str, v: Value) {
    if let Object::Dict(d) = ns.get() {
        d.borrow_mut().set_str(name, v);
    }
}

/// `ns[name]` of a class body's namespace that is not a dict (what a
/// metaclass's `__prepare__` returned): None on KeyError, as LOAD_NAME
/// then looks further.
#[cold]
fn mapping_get(
    vm: &mut Vm,
    ns: &crate::object::value::ObjRef,
    name: &str,
) -> PyResult<Option<Value>> {
    match protocol::getitem(vm, &Value::Obj(ns.clone()), &new_str(name)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::KeyError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `ns[name] = v` of a namespace that is not a dict.
#[cold]
fn mapping_set(
    vm: &mut Vm,
    ns: &crate::object::value::ObjRef,
    name: &str,
    v: Value,
) -> PyResult<()> {
    protocol::setitem(vm, &Value::Obj(ns.clone()), &new_str(name), v)
}

/// What the interpreter does after one instruction.
pub(crate) enum Flow {
    /// Go on with the instruction at the new `pc`.
    Next,
    /// The frame returned this value.
    Return(Value),
    /// A generator's frame yielded this value.
    Yield(Value),
    /// A loop back-edge became hot: the JIT may take over here (OSR).
    LoopHot,
    /// Call this Python function (an `Object::Function`) with this frame,
    /// its arguments in their slots, the callable and the arguments gone
    /// from the caller's stack: `frames::eval_frame` runs it on its frame
    /// stack (no Rust recursion) and pushes the result on the caller's
    /// stack.
    Call(
        crate::object::value::ObjRef,
        crate::object::frame_slab::Slab,
    ),
}

/// Executes the instruction `op` (argument `arg`, EXTENDED_ARG prefixes
/// folded in) whose bytes end at `*pc`: every case of every opcode that
/// the hot loop (`vm::eval_loop`) did not complete itself — for
/// the opcodes with fast paths there, what is left after they declined
/// (cache misses, other types). The frame's stack is synchronised in
/// `slab`; jumps move `*pc`.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn slow_op(
    vm: &mut Vm,
    func: &Function,
    rt: &Rc<crate::object::heap::RtCode>,
    slab: &mut crate::object::frame_slab::Slab,
    pc: &mut usize,
    op: Opcode,
    arg: u32,
    kwnames: &mut Option<Rc<[Rc<str>]>>,
) -> PyResult<Flow> {
    let code = &rt.code;
    let globals = &func.globals;
    macro_rules! pop {
        () => {
            slab.pop().unwrap_or(Value::None)
        };
    }
    macro_rules! top {
        () => {
            slab.last().cloned().unwrap_or(Value::None)
        };
    }
    macro_rules! next_instruction {
        () => {
            return Ok(Flow::Next)
        };
    }
    match op {
        // A specialised form whose guard failed runs as its generic
        // opcode, with the code object's argument (an attribute form's
        // argument byte holds its cache site); the hot loop passes the
        // generic one, this is for the other callers.
        taipan_bytecode::specialized_opcodes!() => {
            let arg = (*pc)
                .checked_sub(1)
                .and_then(|i| code.code.get(i))
                .map_or(arg, |a| *a as u32);
            return slow_op(vm, func, rt, slab, pc, op.base(), arg, kwnames);
        }
        // (The hot loop folds prefixes into the argument.)
        Opcode::EXTENDED_ARG | Opcode::NOP | Opcode::RESUME => {}
        // (The verifier keeps it out of every code object.)
        Opcode::CACHE => return Err(PyErr::new(ExcKind::SystemError, "CACHE entry executed")),
        Opcode::POP_TOP => {
            slab.pop();
        }
        Opcode::COPY => {
            let v = slab[slab.len() - arg as usize].clone();
            slab.push(v);
        }
        Opcode::SWAP => {
            let n = slab.len();
            slab.swap(n - 1, n - arg as usize);
        }
        Opcode::LOAD_CONST => slab.push(rt.consts[arg as usize].clone()),
        Opcode::LOAD_FAST => {
            let v = &slab[arg as usize];
            if matches!(v, Value::Unbound) {
                return raise(
                    ExcKind::UnboundLocalError,
                    format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        code.varnames[arg as usize]
                    ),
                );
            }
            let v = v.clone();
            slab.push(v);
        }
        Opcode::STORE_FAST => {
            let v = pop!();
            slab[arg as usize] = v;
        }
        Opcode::DELETE_FAST => {
            if matches!(slab[arg as usize], Value::Unbound) {
                return raise(
                    ExcKind::UnboundLocalError,
                    format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        code.varnames[arg as usize]
                    ),
                );
            }
            let old = std::mem::replace(&mut slab[arg as usize], Value::Unbound);
            drop(old);
            // `del x` that freed an object: its finalizers and weak-reference
            // callbacks run now, as CPython runs them at the deallocation.
            if crate::object::pending::any() {
                crate::object::pending::run(vm);
            }
        }
        Opcode::LOAD_NAME | Opcode::LOAD_GLOBAL => {
            if let (Opcode::LOAD_NAME, Some(ns)) = (op, &func.namespace) {
                let found = match ns.get() {
                    Object::Dict(d) => d
                        .borrow()
                        .get_str_hashed(&rt.names[arg as usize], rt.name_hashes[arg as usize]),
                    _ => mapping_get(vm, ns, &rt.names[arg as usize])?,
                };
                if let Some(v) = found {
                    slab.push(v);
                    next_instruction!();
                }
            }
            // LOAD_GLOBAL's argument: the name's index, shifted, and
            // whether a NULL goes first (a callable about to be called).
            if op == Opcode::LOAD_GLOBAL {
                let v = load_global(vm, func, arg as usize >> 1)?;
                if arg & 1 != 0 {
                    slab.push(Value::Unbound);
                }
                slab.push(v);
            } else {
                slab.push(load_global(vm, func, arg as usize)?)
            }
        }
        Opcode::PUSH_NULL => slab.push(Value::Unbound),
        // (CALL, which follows, makes the call.)
        Opcode::PRECALL => {}
        Opcode::STORE_NAME | Opcode::STORE_GLOBAL => {
            let v = pop!();
            let ns = match (op, &func.namespace) {
                (Opcode::STORE_NAME, Some(ns)) => ns,
                _ => globals,
            };
            if !matches!(ns.get(), Object::Dict(_)) {
                mapping_set(vm, ns, &rt.names[arg as usize], v)?;
                next_instruction!();
            }
            dict_set(ns, &rt.names[arg as usize], v);
        }
        Opcode::DELETE_NAME | Opcode::DELETE_GLOBAL => {
            let name = &code.names[arg as usize];
            let ns = match (op, &func.namespace) {
                (Opcode::DELETE_NAME, Some(ns)) => ns,
                _ => globals,
            };
            let removed = match ns.get() {
                Object::Dict(d) => d.borrow_mut().remove(&new_str(name.clone()))?,
                _ => match protocol::delitem(vm, &Value::Obj(ns.clone()), &new_str(name.clone())) {
                    Ok(()) => Some(Value::None),
                    Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::KeyError) => None,
                    Err(e) => return Err(e),
                },
            };
            if removed.is_none() {
                if let Object::Dict(d) = globals.get() {
                    return Err(name_error(func, &d.borrow(), name));
                }
            }
            drop(removed);
            // (As DELETE_FAST.)
            if crate::object::pending::any() {
                crate::object::pending::run(vm);
            }
        }
        Opcode::BINARY_OP => {
            // (Small-int arithmetic is the hot loop's.)
            let b = pop!();
            let a = pop!();
            let r = protocol::binary(vm, arg, &a, &b)?;
            drop((a, b));
            slab.push(r);
            // Operands freed here run their `__del__` now, as CPython's
            // (as DELETE_FAST).
            if crate::object::pending::any() {
                crate::object::pending::run(vm);
            }
        }
        Opcode::UNARY_NEGATIVE => {
            let v = pop!();
            slab.push(protocol::unary(vm, '-', &v)?);
        }
        Opcode::UNARY_POSITIVE => {
            let v = pop!();
            slab.push(protocol::unary(vm, '+', &v)?);
        }
        Opcode::UNARY_INVERT => {
            let v = pop!();
            slab.push(protocol::unary(vm, '~', &v)?);
        }
        Opcode::UNARY_NOT => {
            let v = pop!();
            slab.push(Value::Bool(!protocol::truthy(vm, &v)?));
        }
        Opcode::COMPARE_OP => {
            let b = pop!();
            let a = pop!();
            // (Small-int comparisons are the hot loop's.)
            let cmp = CompareOp::from_arg(arg).unwrap_or(CompareOp::Eq);
            slab.push(protocol::compare(vm, cmp, &a, &b)?);
        }
        Opcode::IS_OP => {
            let b = pop!();
            let a = pop!();
            slab.push(Value::Bool(a.is(&b) != (arg == 1)));
        }
        Opcode::CONTAINS_OP => {
            let container = pop!();
            let item = pop!();
            slab.push(Value::Bool(
                protocol::contains(vm, &container, &item)? != (arg == 1),
            ));
        }
        Opcode::BINARY_SUBSCR => {
            // (Items found in lists, tuples and dicts are the hot loop's.)
            let index = pop!();
            let container = pop!();
            slab.push(protocol::getitem(vm, &container, &index)?);
        }
        Opcode::STORE_SUBSCR => {
            let index = pop!();
            let container = pop!();
            let value = pop!();
            protocol::setitem(vm, &container, &index, value)?;
        }
        Opcode::DELETE_SUBSCR => {
            let index = pop!();
            let container = pop!();
            protocol::delitem(vm, &container, &index)?;
        }
        Opcode::BUILD_SLICE => {
            let step = if arg == 3 { pop!() } else { Value::None };
            let stop = pop!();
            let start = pop!();
            slab.push(Value::obj(NewObject::Slice { start, stop, step }));
        }
        Opcode::BUILD_TUPLE => {
            let items = slab.split_off(slab.len() - arg as usize);
            slab.push(new_tuple(items));
        }
        Opcode::BUILD_LIST => {
            let items = slab.split_off(slab.len() - arg as usize);
            slab.push(new_list(items));
        }
        Opcode::BUILD_MAP => {
            let items = slab.split_off(slab.len() - 2 * arg as usize);
            let d = RefCell::new(crate::object::dict::Dict::new());
            let mut it = items.into_iter();
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                protocol::dict_set(vm, &d, k, v)?;
            }
            slab.push(Value::obj(NewObject::Dict(d)));
        }
        Opcode::BUILD_SET => {
            let items = slab.split_off(slab.len() - arg as usize);
            let t = RefCell::new(crate::object::set_table::SetTable::default());
            for i in items {
                protocol::set_add(vm, &t, i)?;
            }
            slab.push(crate::types::set::new_set(t.into_inner(), false));
        }
        Opcode::SET_ADD => {
            let v = pop!();
            let target = slab[slab.len() - arg as usize].clone();
            if let Some(t) = crate::types::set::table_of(&target) {
                protocol::set_add(vm, t, v)?;
            }
        }
        Opcode::SET_UPDATE => {
            let it = pop!();
            let target = slab[slab.len() - arg as usize].clone();
            if let Some(t) = crate::types::set::table_of(&target) {
                crate::types::set::update(vm, t, &it)?;
            }
        }
        Opcode::MAP_ADD => {
            let v = pop!();
            let k = pop!();
            let target = slab[slab.len() - arg as usize].clone();
            if let Some(Object::Dict(d)) = target.as_obj() {
                protocol::dict_set(vm, d, k, v)?;
            }
        }
        Opcode::LIST_APPEND => {
            let v = pop!();
            if let Some(Object::List(l)) = slab[slab.len() - arg as usize].as_obj() {
                crate::protocol::ops::push_value(&mut l.borrow_mut(), v)?;
            }
        }
        Opcode::UNPACK_SEQUENCE => {
            let seq = pop!();
            let items = protocol::unpack_items(vm, &seq)?;
            if items.len() != arg as usize {
                return if items.len() > arg as usize {
                    raise(
                        ExcKind::ValueError,
                        format!("too many values to unpack (expected {arg})"),
                    )
                } else {
                    raise(
                        ExcKind::ValueError,
                        format!(
                            "not enough values to unpack (expected {arg}, got {})",
                            items.len()
                        ),
                    )
                };
            }
            slab.extend(items.into_iter().rev());
        }
        Opcode::UNPACK_EX => {
            let seq = pop!();
            let (before, after) = ((arg & 0xff) as usize, (arg >> 8) as usize);
            let mut items = protocol::unpack_items(vm, &seq)?;
            if items.len() < before + after {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    ),
                );
            }
            let tail = items.split_off(items.len() - after);
            let middle = items.split_off(before);
            slab.extend(tail.into_iter().rev());
            slab.push(crate::object::heap::new_list(middle));
            slab.extend(items.into_iter().rev());
        }
        Opcode::GET_ITER => {
            let v = pop!();
            slab.push(protocol::get_iter(vm, &v)?);
        }
        Opcode::FOR_ITER => {
            let it = top!();
            match protocol::iter_next(vm, &it)? {
                Some(v) => slab.push(v),
                None => {
                    slab.pop();
                    *pc += 2 * arg as usize;
                }
            }
        }
        Opcode::JUMP_FORWARD => *pc += 2 * arg as usize,
        Opcode::JUMP_BACKWARD => {
            let n = rt.backedges.get().wrapping_add(1);
            rt.backedges.set(n);
            // (Before the jump, so a KeyboardInterrupt points here.)
            crate::vm::signals::check(vm)?;
            *pc -= 2 * arg as usize;
            if (n & 63 == 0 || (rt.jit_entry.get().is_some() && rt.osr_refused.get() != *pc))
                && vm.jit.is_some()
            {
                return Ok(Flow::LoopHot);
            }
        }
        Opcode::POP_JUMP_FORWARD_IF_FALSE => {
            let v = pop!();
            if !protocol::truthy(vm, &v)? {
                *pc += 2 * arg as usize;
            }
        }
        Opcode::POP_JUMP_FORWARD_IF_TRUE => {
            let v = pop!();
            if protocol::truthy(vm, &v)? {
                *pc += 2 * arg as usize;
            }
        }
        Opcode::JUMP_IF_FALSE_OR_POP => {
            if protocol::truthy(vm, &top!())? {
                slab.pop();
            } else {
                *pc += 2 * arg as usize;
            }
        }
        Opcode::JUMP_IF_TRUE_OR_POP => {
            if protocol::truthy(vm, &top!())? {
                *pc += 2 * arg as usize;
            } else {
                slab.pop();
            }
        }
        Opcode::RETURN_VALUE => return Ok(Flow::Return(pop!())),
        Opcode::YIELD_VALUE => return Ok(Flow::Yield(pop!())),
        Opcode::GET_YIELD_FROM_ITER => {
            let v = pop!();
            // As CPython: a generator delegates to a generator as it is;
            // to a coroutine only in a coroutine (or `types.coroutine`).
            let it = match v.as_obj() {
                Some(Object::Generator(g))
                    if g.kind == crate::object::payloads::GenKind::Generator =>
                {
                    v
                }
                Some(Object::Generator(g))
                    if g.kind == crate::object::payloads::GenKind::Coroutine =>
                {
                    use taipan_bytecode::code::flags::{COROUTINE, ITERABLE_COROUTINE};
                    if rt.flags() & (COROUTINE | ITERABLE_COROUTINE) == 0 {
                        return Err(PyErr::new(
                            ExcKind::TypeError,
                            "cannot 'yield from' a coroutine object in a non-coroutine generator",
                        ));
                    }
                    v
                }
                _ => protocol::get_iter(vm, &v)?,
            };
            slab.push(it);
        }
        Opcode::SEND => {
            let v = pop!();
            let it = top!();
            match crate::vm::generators::send_to(vm, &it, v)? {
                FrameExit::Yield(y) => slab.push(y),
                FrameExit::Return(r) => {
                    slab.pop();
                    slab.push(r);
                    *pc += 2 * arg as usize;
                }
            }
        }
        Opcode::KW_NAMES => {
            if let Some(Object::Tuple(names)) = rt.consts[arg as usize].as_obj() {
                let names: Vec<Rc<str>> = names
                    .iter()
                    .map(|n| Rc::from(crate::object::heap::as_str(n).unwrap_or_default()))
                    .collect();
                *kwnames = Some(names.into());
            }
        }
        Opcode::CALL => {
            // [method, self, args…] calls the method with self first;
            // [NULL, callable, args…] calls the callable, which moves
            // into NULL's place (the empty slot above it owns nothing).
            let base = slab.len() - arg as usize;
            let from = if matches!(slab[base - 2], Value::Unbound) {
                slab.swap(base - 2, base - 1);
                base
            } else {
                base - 1
            };
            // A native type's method and its object (LOAD_METHOD's): the
            // object is the built-in's receiver, as a bound method would
            // pass it.
            if let (true, Some(Object::Builtin(b)), Some(Object::Native(_))) = (
                from == base - 1,
                slab[base - 2].as_obj(),
                slab[base - 1].as_obj(),
            ) {
                let func = b.func;
                let names = kwnames.take();
                let (pos, kw) = split_keywords(&slab[base..], names.as_deref().unwrap_or(&[]));
                let r = func(vm, Some(&slab[base - 1]), pos, &kw);
                slab.truncate(base - 2);
                slab.push(r?);
                // (Signals after the call, as the fast path's
                // `finish_call!`.)
                crate::vm::signals::check(vm)?;
                return Ok(Flow::Next);
            }
            if let Some(flow) = crate::vm::calls::frame_call(vm, slab, base - 2, from, kwnames) {
                return flow;
            }
            crate::vm::calls::call_on_stack(
                vm,
                func,
                slab,
                code.nlocals(),
                base - 2,
                from,
                kwnames,
            )?;
            crate::vm::signals::check(vm)?;
        }
        Opcode::MAKE_FUNCTION => {
            let code_val = pop!();
            let tuple_items = |v: Value| match v.as_obj() {
                Some(Object::Tuple(t)) => t.clone(),
                _ => Vec::new(),
            };
            let closure = if arg & 8 != 0 {
                tuple_items(pop!()).into_boxed_slice()
            } else {
                Box::new([])
            };
            // Annotations: a tuple of names and values, in pairs.
            let annotations = if arg & 4 != 0 {
                let pairs = tuple_items(pop!());
                let mut d = crate::object::dict::Dict::new();
                for pair in pairs.chunks_exact(2) {
                    d.set(pair[0].clone(), pair[1].clone())?;
                }
                Some(crate::object::value::ObjRef::new(NewObject::Dict(
                    RefCell::new(d),
                )))
            } else {
                None
            };
            let kwdefaults = if arg & 2 != 0 {
                match pop!().as_obj() {
                    Some(Object::Dict(d)) => d
                        .borrow()
                        .items()
                        .filter_map(|(k, v)| {
                            crate::object::heap::as_str(k).map(|k| (k.to_string(), v.clone()))
                        })
                        .collect(),
                    _ => Vec::new(),
                }
            } else {
                Vec::new()
            };
            let defaults = if arg & 1 != 0 {
                tuple_items(pop!())
            } else {
                Vec::new()
            };
            let Some(Object::Code(c)) = code_val.as_obj() else {
                return raise(ExcKind::TypeError, "MAKE_FUNCTION needs a code object");
            };
            slab.push(Value::obj(NewObject::Function(Function {
                code: c.clone(),
                globals: globals.clone(),
                defaults: std::cell::RefCell::new(crate::object::heap::Defaults {
                    positional: defaults.into(),
                    keyword: kwdefaults.into(),
                }),
                closure,
                namespace: None,
                owner_class: RefCell::new(None),
                attrs: RefCell::new(None),
                annotations: RefCell::new(annotations),
            })));
        }
        Opcode::LOAD_METHOD => {
            let obj = pop!();
            // (A miss: the hot loop tried the inline cache, or the
            // instruction is prefixed and uncached.)
            let (at, name) = (*pc - 2, &rt.names[arg as usize]);
            let (f, is_method) = crate::vm::attr_cache::load_method(vm, &obj, name)?;
            rt.attr_caches.learn_load(&obj, at, name);
            if is_method {
                rt.attr_caches.learn_builtin_method(&obj, at, &f);
            }
            // [method, object] or [NULL, attribute], as CPython 3.11.
            if is_method {
                slab.push(f);
                slab.push(obj);
            } else {
                slab.push(Value::Unbound);
                slab.push(f);
            }
        }
        Opcode::LOAD_ATTR => {
            let obj = pop!();
            // (A miss: the hot loop tried the inline cache, or the
            // instruction is prefixed and uncached.)
            let (at, name) = (*pc - 2, &rt.names[arg as usize]);
            slab.push(protocol::getattr(vm, &obj, name)?);
            rt.attr_caches.learn_load(&obj, at, name);
        }
        Opcode::STORE_ATTR => {
            let obj = pop!();
            let value = pop!();
            // (A miss: the hot loop tried the inline cache, or the
            // instruction is prefixed and uncached.)
            let (at, name) = (*pc - 2, &rt.names[arg as usize]);
            let before = crate::object::payloads::AttrCaches::before_store(&obj, name);
            crate::object::classes::setattr(vm, &obj, name, Some(value))?;
            if let Some(before) = before {
                rt.attr_caches.learn_store(&obj, at, name, before);
            }
        }
        Opcode::DELETE_ATTR => {
            let obj = pop!();
            crate::object::classes::setattr(vm, &obj, &rt.names[arg as usize], None)?;
        }
        Opcode::FORMAT_VALUE => {
            let spec = if arg & 4 != 0 { Some(pop!()) } else { None };
            let v = pop!();
            slab.push(format_value(vm, arg, v, spec.as_ref())?);
        }
        Opcode::BUILD_STRING => {
            // (Joined where they are on the stack, then released.)
            let at = slab.len() - arg as usize;
            let strs = slab[at..].iter().filter_map(crate::object::heap::as_pystr);
            let joined = crate::types::string_surrogates::concat_parts(strs, None);
            slab.truncate(at);
            slab.push(Value::obj(crate::object::heap::NewObject::Str(joined)));
        }
        // The value stays as it is: the generator tells a wrapped yield
        // by this instruction before its YIELD_VALUE (`vm::generators`).
        Opcode::ASYNC_GEN_WRAP => {}
        Opcode::SETUP_ANNOTATIONS => {
            // A module or class body with annotated names: its
            // `__annotations__` dict, unless it has one.
            let ns = func.namespace.as_ref().unwrap_or(globals);
            if let Object::Dict(d) = ns.get() {
                if d.borrow().get_str("__annotations__").is_none() {
                    let fresh = Value::Obj(crate::object::classes::new_dict_obj());
                    d.borrow_mut().set_str("__annotations__", fresh);
                }
            } else if mapping_get(vm, ns, "__annotations__")?.is_none() {
                let fresh = Value::Obj(crate::object::classes::new_dict_obj());
                mapping_set(vm, ns, "__annotations__", fresh)?;
            }
        }
        Opcode::PRINT_EXPR => {
            let value = pop!();
            let sys = crate::vm::imports::import_dotted(vm, "sys")?;
            let hook = Some(sys).and_then(|sys| match sys.as_obj() {
                Some(Object::Module(m)) => match m.dict.get() {
                    Object::Dict(d) => d.borrow().get_str("displayhook"),
                    _ => None,
                },
                _ => None,
            });
            let Some(hook) = hook else {
                return raise(ExcKind::RuntimeError, "lost sys.displayhook");
            };
            call(vm, &hook, &[value], &[])?;
        }
        Opcode::LOAD_BUILD_CLASS => {
            slab.push(crate::object::heap::builtin_fn(
                "__build_class__",
                crate::types::metaclass::b_build_class,
            ));
        }
        Opcode::IMPORT_NAME => {
            let fromlist = pop!();
            let level = match pop!() {
                Value::Int(l) => l.max(0) as usize,
                _ => 0,
            };
            let globals = Value::Obj(globals.clone());
            slab.push(crate::vm::imports::import_name(
                vm,
                &rt.names[arg as usize],
                &fromlist,
                level,
                &globals,
            )?);
        }
        Opcode::IMPORT_FROM => {
            let module = top!();
            let v = crate::vm::imports::import_from(vm, &module, &rt.names[arg as usize])?;
            slab.push(v);
        }
        Opcode::IMPORT_STAR => {
            let module = pop!();
            let ns = Value::Obj(func.namespace.as_ref().unwrap_or(globals).clone());
            crate::vm::imports::import_star(vm, &module, &ns)?;
        }
        Opcode::RAISE_VARARGS => {
            let cause = if arg == 2 { Some(pop!()) } else { None };
            let exc = if arg >= 1 { Some(pop!()) } else { None };
            return Err(do_raise(vm, arg, exc, cause));
        }
        Opcode::RERAISE => {
            let exc = pop!();
            return Err(PyErr::from_value(exc, true));
        }
        Opcode::PUSH_EXC_INFO => {
            let exc = pop!();
            let prev = std::mem::replace(&mut vm.exc_info, exc.clone());
            slab.push(prev);
            slab.push(exc);
        }
        Opcode::POP_EXCEPT => {
            vm.exc_info = pop!();
        }
        Opcode::CHECK_EXC_MATCH => {
            let ty = pop!();
            if !valid_except_type(&ty) {
                return raise(
                    ExcKind::TypeError,
                    "catching classes that do not inherit from BaseException is not allowed",
                );
            }
            let exc = slab.last().unwrap_or(&Value::None);
            let m = if matches!(ty.as_obj(), Some(Object::Class(_))) {
                // One class (the common case): no list.
                crate::object::classes::is_instance_of(exc, &ty)
            } else {
                let mut list = Vec::new();
                crate::protocol::isinstance::class_list(&ty, &mut list);
                list.iter()
                    .any(|c| crate::object::classes::is_instance_of(exc, c))
            };
            slab.push(Value::Bool(m));
        }
        Opcode::CHECK_EG_MATCH => {
            let ty = pop!();
            let exc = pop!();
            let (matched, rest) = crate::types::exception_group::eg_match(vm, &exc, &ty)?;
            if matches!(matched, Value::None) {
                slab.push(exc);
                slab.push(Value::None);
            } else {
                // The handler's exception (`sys.exc_info()`) is the part
                // it handles.
                vm.exc_info = matched.clone();
                slab.push(rest);
                slab.push(matched);
            }
        }
        Opcode::PREP_RERAISE_STAR => {
            let excs = pop!();
            let orig = pop!();
            let excs = match excs.as_obj() {
                Some(Object::List(l)) => l.borrow().clone(),
                _ => Vec::new(),
            };
            slab.push(crate::types::exception_group::prep_reraise_star(
                vm, &orig, &excs,
            )?);
        }
        Opcode::MAKE_CELL => {
            let i = arg as usize;
            let v = std::mem::take(&mut slab[i]);
            slab[i] = Value::obj(NewObject::Cell(RefCell::new(v)));
        }
        Opcode::LOAD_CLOSURE => slab.push(slab[arg as usize].clone()),
        Opcode::LOAD_DEREF | Opcode::LOAD_CLASSDEREF => {
            let i = arg as usize;
            if let (Opcode::LOAD_CLASSDEREF, Some(ns)) = (op, &func.namespace) {
                let name = deref_name(code, i);
                let found = match ns.get() {
                    Object::Dict(d) => d.borrow().get_str(name),
                    _ => mapping_get(vm, ns, name)?,
                };
                if let Some(v) = found {
                    slab.push(v);
                    next_instruction!();
                }
            }
            let v = match slab[i].as_obj() {
                Some(Object::Cell(c)) => c.borrow().clone(),
                _ => Value::Unbound,
            };
            if matches!(v, Value::Unbound) {
                return Err(unbound_deref(code, i));
            }
            slab.push(v);
        }
        Opcode::STORE_DEREF => {
            let v = pop!();
            if let Some(Object::Cell(c)) = slab[arg as usize].as_obj() {
                *c.borrow_mut() = v;
            }
        }
        Opcode::DELETE_DEREF => {
            let i = arg as usize;
            let was = match slab[i].as_obj() {
                Some(Object::Cell(c)) => std::mem::replace(&mut *c.borrow_mut(), Value::Unbound),
                _ => Value::Unbound,
            };
            if matches!(was, Value::Unbound) {
                return Err(unbound_deref(code, i));
            }
        }
        Opcode::COPY_FREE_VARS => {
            let n = arg as usize;
            let start = code.nlocals() - n;
            for (k, cell) in func.closure.iter().take(n).enumerate() {
                slab[start + k] = cell.clone();
            }
        }
        Opcode::LIST_TO_TUPLE => {
            let l = pop!();
            let items = match l.as_obj() {
                Some(Object::List(items)) => items.borrow().clone(),
                _ => Vec::new(),
            };
            slab.push(new_tuple(items));
        }
        Opcode::LIST_EXTEND => {
            let it = pop!();
            let items = match crate::protocol::to_vec(vm, &it) {
                Ok(items) => items,
                Err(e)
                    if crate::object::exceptions::err_matches(&e, ExcKind::TypeError)
                        && crate::protocol::get_iter(vm, &it).is_err() =>
                {
                    return raise(
                        ExcKind::TypeError,
                        format!("Value after * must be an iterable, not {}", type_name(&it)),
                    )
                }
                Err(e) => return Err(e),
            };
            if let Some(Object::List(l)) = slab[slab.len() - arg as usize].as_obj() {
                l.borrow_mut().extend(items);
            }
        }
        Opcode::DICT_MERGE | Opcode::DICT_UPDATE => {
            let update = pop!();
            let target = slab[slab.len() - arg as usize].clone();
            let Some(items) = protocol::mapping_items(vm, &update)? else {
                let msg = if op == Opcode::DICT_MERGE {
                    format!(
                        "{} argument after ** must be a mapping, not {}",
                        call_target_name(&slab[slab.len() - arg as usize - 2]),
                        type_name(&update)
                    )
                } else {
                    format!("'{}' object is not a mapping", type_name(&update))
                };
                return raise(ExcKind::TypeError, msg);
            };
            if let Some(Object::Dict(d)) = target.as_obj() {
                for (k, v) in items {
                    if op == Opcode::DICT_MERGE && d.borrow().get(&k)?.is_some() {
                        let fname = call_target_name(&slab[slab.len() - arg as usize - 2]);
                        return raise(
                            ExcKind::TypeError,
                            format!(
                                "{fname} got multiple values for keyword argument '{}'",
                                crate::object::heap::as_str(&k).unwrap_or_default()
                            ),
                        );
                    }
                    d.borrow_mut().set(k, v)?;
                }
            }
        }
        Opcode::CALL_FUNCTION_EX => {
            let kwargs = if arg & 1 != 0 { Some(pop!()) } else { None };
            let posargs = pop!();
            let callable = pop!();
            // The NULL under the callable.
            drop(pop!());
            let mut args = match posargs.as_obj() {
                Some(Object::Tuple(t)) => t.clone(),
                // Only a value that is not iterable gets the "after *"
                // message; an error raised while iterating propagates.
                _ => match crate::protocol::get_iter(vm, &posargs) {
                    Ok(it) => {
                        let mut items = Vec::new();
                        while let Some(x) = crate::protocol::iter_next(vm, &it)? {
                            items.push(x);
                        }
                        items
                    }
                    Err(e) if !crate::object::exceptions::err_matches(&e, ExcKind::TypeError) => {
                        return Err(e)
                    }
                    Err(_) => {
                        return raise(
                            ExcKind::TypeError,
                            format!(
                                "{} argument after * must be an iterable, not {}",
                                call_target_name(&callable),
                                type_name(&posargs)
                            ),
                        )
                    }
                },
            };
            let mut names: Vec<Rc<str>> = Vec::new();
            if let Some(kw) = kwargs {
                let Some(items) = protocol::mapping_items(vm, &kw)? else {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "{} argument after ** must be a mapping, not {}",
                            call_target_name(&callable),
                            type_name(&kw)
                        ),
                    );
                };
                for (k, v) in items {
                    let Some(name) = crate::object::heap::as_str(&k) else {
                        return raise(ExcKind::TypeError, "keywords must be strings");
                    };
                    names.push(Rc::from(name));
                    args.push(v);
                }
            }
            let r = call_in_frame(vm, func, &slab[..code.nlocals()], &callable, &args, &names)?;
            slab.push(r);
        }
        Opcode::GET_AWAITABLE => {
            let v = pop!();
            slab.push(crate::vm::coroutines::get_awaitable(vm, &v, arg)?);
        }
        Opcode::GET_AITER => {
            let v = pop!();
            slab.push(crate::vm::coroutines::get_aiter(vm, &v)?);
        }
        Opcode::GET_ANEXT => {
            let r = crate::vm::coroutines::get_anext(vm, &top!())?;
            slab.push(r);
        }
        Opcode::BEFORE_ASYNC_WITH => {
            let mgr = pop!();
            let (exit, awaitable) = crate::vm::coroutines::before_async_with(vm, &mgr)?;
            slab.push(exit);
            slab.push(awaitable);
        }
        Opcode::END_ASYNC_FOR => {
            let exc = pop!();
            if crate::object::exceptions::kind_of(&exc)
                .is_some_and(|k| k.is_subclass_of(ExcKind::StopAsyncIteration))
            {
                slab.pop();
            } else {
                let mut err = PyErr::from_value(exc, false);
                err.reraised = true;
                return Err(err);
            }
        }
        Opcode::GET_LEN => {
            let n = protocol::len(vm, &top!())?;
            slab.push(Value::Int(n as i64));
        }
        Opcode::MATCH_MAPPING => {
            let r = crate::vm::matching::is_mapping(&top!());
            slab.push(Value::Bool(r));
        }
        Opcode::MATCH_SEQUENCE => {
            let r = crate::vm::matching::is_sequence(&top!());
            slab.push(Value::Bool(r));
        }
        Opcode::MATCH_KEYS => {
            let n = slab.len();
            let r =
                crate::vm::matching::match_keys(vm, &slab[n - 2].clone(), &slab[n - 1].clone())?;
            slab.push(r);
        }
        Opcode::MATCH_CLASS => {
            let names = pop!();
            let cls = pop!();
            let subject = pop!();
            let r = crate::vm::matching::match_class(vm, &subject, &cls, arg as usize, &names)?;
            slab.push(r);
        }
        Opcode::LOAD_ASSERTION_ERROR => {
            slab.push(crate::object::classes::type_object(
                crate::object::heap::TypeKind::Exception(ExcKind::AssertionError),
            ));
        }
        Opcode::BEFORE_WITH => {
            let mgr = pop!();
            let missing = |what: &str| {
                PyErr::new(
                    ExcKind::TypeError,
                    format!(
                        "'{}' object does not support the context manager protocol{what}",
                        type_name(&mgr)
                    ),
                )
            };
            // Instances use their class's methods; built-in managers
            // (files) their own.
            let special = |vm: &mut Vm, name: &str| -> PyResult<Option<Value>> {
                if crate::object::classes::is_instance(&mgr) {
                    return crate::object::classes::bound_special(vm, &mgr, name);
                }
                Ok(protocol::getattr(vm, &mgr, name).ok())
            };
            let Some(enter) = special(vm, "__enter__")? else {
                return Err(missing(""));
            };
            let Some(exit) = special(vm, "__exit__")? else {
                return Err(missing(" (missed __exit__ method)"));
            };
            let r = call(vm, &enter, &[], &[])?;
            slab.push(exit);
            slab.push(r);
        }
        Opcode::WITH_EXCEPT_START => {
            let n = slab.len();
            let exit = slab[n - 4].clone();
            let exc = slab[n - 1].clone();
            let ty = crate::object::classes::type_value(&exc);
            let r = call(vm, &exit, &[ty, exc, Value::None], &[])?;
            slab.push(r);
        }
    }
    Ok(Flow::Next)
}

/// Decodes the instruction after EXTENDED_ARG prefixes (the first one's
/// argument `arg` read already, `ip` past it): its opcode, full argument
/// and the pointer past it. (The pointer goes in and out by value so that
/// the hot loop's instruction pointer never has its address taken and
/// stays in a register.)
#[cold]
#[inline(never)]
pub(crate) fn extended(mut ip: *const u8, mut arg: u32) -> (Opcode, u32, *const u8) {
    loop {
        // SAFETY: a verified EXTENDED_ARG is followed by an instruction
        // (the code does not end with a prefix).
        let (op, next) = unsafe { (*ip, *ip.add(1)) };
        ip = ip.wrapping_add(2);
        arg = (arg << 8) | next as u32;
        if op != Opcode::EXTENDED_ARG as u8 {
            // SAFETY: the verifier rejects bytes that are no opcode.
            return (unsafe { Opcode::from_u8_unchecked(op) }, arg, ip);
        }
    }
}

/// FORMAT_VALUE with argument `arg` (the conversion in its low two bits,
/// 4: a format spec was pushed) of `v`: the interpreter's and compiled
/// code's (`jit`'s `binary` helper).
pub(crate) fn format_value(
    vm: &mut Vm,
    arg: u32,
    v: Value,
    spec: Option<&Value>,
) -> PyResult<Value> {
    // `f"{i}"` of an int: its decimal text (what `format(i, "")` is).
    if let (Value::Int(i), 0, None) = (&v, arg & 3, spec) {
        return Ok(new_str(crate::protocol::repr::small_int_text(*i)));
    }
    let v = match arg & 3 {
        1 if matches!(v.as_obj(), Some(Object::Str(_))) => v,
        1 => new_str(crate::protocol::repr::str_of(vm, &v)?),
        2 => new_str(crate::protocol::repr::repr(vm, &v)?),
        3 => new_str(crate::protocol::format::ascii(vm, &v)?),
        _ => v,
    };
    let spec = spec
        .and_then(|s| crate::object::heap::as_str(s).map(str::to_string))
        .unwrap_or_default();
    if spec.is_empty() && matches!(v.as_obj(), Some(Object::Str(_))) {
        Ok(v)
    } else {
        let sel = crate::object::heap::as_pystr(&v).map_or(0, |p| p.selector());
        Ok(crate::object::heap::new_derived_str(
            crate::protocol::format::format_value(vm, &v, &spec)?,
            sel,
        ))
    }
}
