//! The interpreter's helpers for calls and raises: binding call
//! arguments to parameters with CPython's errors, naming callables in
//! error messages, turning `raise` operands into exceptions, and the
//! errors of empty cells.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::BoundMethodObj;
use crate::object::heap::NewObject;
use crate::object::heap::{type_name, Function, Object};
use crate::object::value::Value;
use crate::vm::interp::{call, call_in_frame, new_frame, Flow};
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`, as CPython lists names.
pub(crate) fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// A function's `__qualname__` in error messages: an assigned one (as
/// `collections.namedtuple` gives `__new__`) when there is one, read only
/// when a message is made.
struct Qualname<'a>(&'a Function);

impl std::fmt::Display for Qualname<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let assigned = self.0.attrs.borrow().as_ref().and_then(|d| match d.get() {
            Object::Dict(d) => d.borrow().get_str("__qualname__"),
            _ => None,
        });
        match assigned.as_ref().and_then(crate::object::heap::as_str) {
            Some(q) => f.write_str(q),
            None => f.write_str(&self.0.code.code.qualname),
        }
    }
}

/// Puts the arguments of a call into the parameter slots of `slab`
/// (positional, keyword, defaults, keyword-only defaults, `*args`,
/// `**kwargs`), raising CPython's TypeErrors for calls that do not fit.
pub(crate) fn bind_arguments(
    func: &Function,
    slab: &mut [Value],
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<()> {
    use taipan_bytecode::code::flags;
    let code = &func.code.code;
    let qualname = Qualname(func);
    let argcount = code.argcount as usize;
    let posonly = code.posonlyargcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let total = argcount + kwonly;
    let has_varargs = code.flags & flags::VARARGS != 0;
    let has_varkw = code.flags & flags::VARKEYWORDS != 0;
    let npos = args.len() - kwnames.len();
    for (slot, a) in slab.iter_mut().zip(&args[..npos.min(argcount)]) {
        *slot = a.clone();
    }
    if has_varargs {
        let extra = args[argcount.min(npos)..npos].to_vec();
        slab[total] = crate::object::heap::new_tuple(extra);
    }
    let mut kwdict = has_varkw.then(crate::object::dict::Dict::new);
    let mut posonly_as_kw = Vec::new();
    for (name, value) in kwnames.iter().zip(&args[npos..]) {
        let found = code.varnames[posonly..total]
            .iter()
            .position(|v| v.as_str() == &**name)
            .map(|i| i + posonly);
        match found {
            Some(i) if !matches!(slab[i], Value::Unbound) => {
                return raise(
                    ExcKind::TypeError,
                    format!("{qualname}() got multiple values for argument '{name}'"),
                )
            }
            Some(i) => slab[i] = value.clone(),
            None => match &mut kwdict {
                Some(d) => d.set_str(name, value.clone()),
                None if code.varnames[..posonly]
                    .iter()
                    .any(|v| v.as_str() == &**name) =>
                {
                    posonly_as_kw.push(name.to_string())
                }
                None => {
                    return raise(
                        ExcKind::TypeError,
                        format!("{qualname}() got an unexpected keyword argument '{name}'"),
                    )
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!(
                "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                posonly_as_kw.join(", ")
            ),
        );
    }
    if let Some(d) = kwdict {
        let slot = total + has_varargs as usize;
        slab[slot] = Value::obj(NewObject::Dict(RefCell::new(d)));
    }
    if npos > argcount && !has_varargs {
        let ndefaults = func.defaults.borrow().positional.len();
        let takes = if ndefaults > 0 {
            format!("from {} to {argcount}", argcount - ndefaults)
        } else {
            argcount.to_string()
        };
        let plural = ndefaults > 0 || argcount != 1;
        let kw_given = (argcount..total)
            .filter(|&i| !matches!(slab[i], Value::Unbound))
            .count();
        let kw_sig = if kw_given > 0 {
            format!(
                " positional argument{} (and {kw_given} keyword-only argument{})",
                if npos != 1 { "s" } else { "" },
                if kw_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        return raise(
            ExcKind::TypeError,
            format!(
                "{qualname}() takes {takes} positional argument{} but {npos}{kw_sig} {} given",
                if plural { "s" } else { "" },
                if npos == 1 && kw_given == 0 {
                    "was"
                } else {
                    "were"
                }
            ),
        );
    }
    let all_defaults = func.defaults.borrow();
    let defaults = &all_defaults.positional;
    let first_default = argcount.saturating_sub(defaults.len());
    let mut missing = Vec::new();
    let from = npos.min(argcount);
    for (i, slot) in slab.iter_mut().enumerate().take(argcount).skip(from) {
        if matches!(slot, Value::Unbound) {
            if i >= first_default {
                *slot = defaults[i - first_default].clone();
            } else {
                missing.push(code.varnames[i].clone());
            }
        }
    }
    if !missing.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!(
                "{qualname}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            ),
        );
    }
    for (slot, name) in slab[argcount..total]
        .iter_mut()
        .zip(&code.varnames[argcount..total])
    {
        if matches!(slot, Value::Unbound) {
            match func
                .defaults
                .borrow()
                .keyword
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
            {
                Some(v) => *slot = v,
                None => missing.push(name.clone()),
            }
        }
    }
    if !missing.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!(
                "{qualname}() missing {} required keyword-only argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            ),
        );
    }
    Ok(())
}

/// `mod.f()` as call errors name the callable (CPython's
/// `_PyObject_FunctionStr`: module-qualified unless built in).
pub(crate) fn call_target_name(f: &Value) -> String {
    let qualified = |module: Option<Value>, q: &str| match module
        .as_ref()
        .and_then(crate::object::heap::as_str)
    {
        Some(m) if m != "builtins" => format!("{m}.{q}()"),
        _ => format!("{q}()"),
    };
    match f.as_obj() {
        Some(Object::Function(func)) => {
            let module = match func.globals.get() {
                Object::Dict(g) => g.borrow().get_str("__name__"),
                _ => None,
            };
            qualified(module, &func.code.code.qualname)
        }
        Some(Object::BoundMethod(BoundMethodObj { func, .. })) => call_target_name(func),
        Some(Object::Builtin(b)) => format!("{}()", b.name),
        Some(Object::Class(c)) if c.builtin_kind.is_some() => format!("{}()", c.name.borrow()),
        Some(Object::Class(c)) => {
            let module = match c.dict.get() {
                Object::Dict(d) => d.borrow().get_str("__module__"),
                _ => None,
            };
            qualified(module, &c.qualname.borrow())
        }
        _ => format!("{} object", type_name(f)),
    }
}

/// The exception `raise v` raises: `v` itself, or an instance of the
/// exception class `v`.
pub(crate) fn exception_value(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if crate::object::exceptions::is_exception(&v) {
        return Ok(v);
    }
    let is_class = match v.as_obj() {
        Some(Object::Class(c)) => {
            if !matches!(c.builtin_base, crate::object::heap::TypeKind::Exception(_)) {
                false
            } else if c.metaclass.is_none()
                && crate::object::classes::hook_bits(c) & crate::object::classes::PLAIN_CONSTRUCT
                    != 0
            {
                // `raise E` of a class whose metaclass is `type` and that
                // overrides neither `__new__` nor `__init__`: calling it
                // only makes the instance (`construct_instance`'s plain
                // case), so that is made without the call.
                return crate::types::metaclass::instantiate(vm, &v, &[], &[]);
            } else {
                true
            }
        }
        _ => false,
    };
    if !is_class {
        return raise(
            ExcKind::TypeError,
            "exceptions must derive from BaseException",
        );
    }
    let inst = call(vm, &v, &[], &[])?;
    if !crate::object::exceptions::is_exception(&inst) {
        return raise(
            ExcKind::TypeError,
            format!(
                "calling {} should have returned an instance of BaseException, not {}",
                crate::protocol::repr::repr(vm, &v)?,
                crate::protocol::repr::repr(vm, &crate::object::classes::type_value(&inst))?
            ),
        );
    }
    Ok(inst)
}

/// `raise` (`arg` 0), `raise exc` (1), `raise exc from cause` (2).
pub(crate) fn do_raise(
    vm: &mut Vm,
    arg: u32,
    exc: Option<Value>,
    cause: Option<Value>,
) -> Box<PyErr> {
    if arg == 0 {
        return match &vm.exc_info {
            Value::None => PyErr::new(ExcKind::RuntimeError, "No active exception to reraise"),
            v => PyErr::from_value(v.clone(), true),
        };
    }
    let exc = match exception_value(vm, exc.unwrap_or_default()) {
        Ok(e) => e,
        Err(e) => return e,
    };
    if let Some(cause) = cause {
        let cause = match cause {
            Value::None => None,
            c if crate::object::exceptions::is_exception(&c) => Some(c),
            c => match exception_value(vm, c) {
                Ok(c) => Some(c),
                Err(_) => {
                    return PyErr::new(
                        ExcKind::TypeError,
                        "exception causes must derive from BaseException",
                    )
                }
            },
        };
        if let Some(s) = crate::object::exceptions::exc_state(&exc) {
            *s.cause.borrow_mut() = cause;
            s.suppress_context.set(true);
        }
    }
    PyErr::from_value(exc, false)
}

/// Whether `v` can be named in an `except` clause: an exception class or
/// a tuple of them.
pub(crate) fn valid_except_type(v: &Value) -> bool {
    match v.as_obj() {
        Some(Object::Tuple(items)) => items.iter().all(valid_except_type),
        Some(Object::Class(c)) => {
            matches!(c.builtin_base, crate::object::heap::TypeKind::Exception(_))
        }
        _ => false,
    }
}

/// The name of frame slot `i`.
pub(crate) fn deref_name(code: &taipan_bytecode::code::CodeObject, i: usize) -> &str {
    code.localsplus_names().get(i).copied().unwrap_or("?")
}

/// Reading or deleting an empty cell: UnboundLocalError for the
/// function's own cells, NameError for free variables, as CPython.
pub(crate) fn unbound_deref(code: &taipan_bytecode::code::CodeObject, i: usize) -> Box<PyErr> {
    let name = deref_name(code, i);
    if i < code.nlocals() - code.freevars.len() {
        PyErr::new(
            ExcKind::UnboundLocalError,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    } else {
        PyErr::new(
            ExcKind::NameError,
            format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ),
        )
    }
}

/// A call on the stack of a Python function (the callable at `at`, the
/// arguments from `from`, keyword names in `kwnames`) that the hot loop
/// left to the slow path (keywords, `*args` / `**kwargs` parameters, too
/// few arguments for the simple case): its frame made here, the
/// arguments bound, and handed to `frames::eval_frame` (`Flow::Call`),
/// which runs it on its frame stack instead of recursing on the Rust
/// stack; the callable and the arguments are gone from the caller's
/// stack. None, with nothing done, for any other callable.
pub(crate) fn frame_call(
    vm: &mut Vm,
    slab: &mut crate::object::frame_slab::Slab,
    at: usize,
    from: usize,
    kwnames: &mut Option<Rc<[Rc<str>]>>,
) -> Option<PyResult<Flow>> {
    let Value::Obj(callee) = slab.get(at)? else {
        return None;
    };
    let callee = callee.clone();
    let Object::Function(f) = callee.get() else {
        return None;
    };
    let mut frame = new_frame(vm, &f.code);
    frame.resize(f.code.nlocals, Value::Unbound);
    let names = kwnames.take();
    let bound = bind_arguments(
        f,
        &mut frame,
        slab.get(from..).unwrap_or(&[]),
        names.as_deref().unwrap_or(&[]),
    );
    slab.truncate(at);
    if let Err(e) = bound {
        drop(frame);
        return Some(Err(e));
    }
    Some(Ok(Flow::Call(callee, frame)))
}

/// CALL (slow path): calls `slab[at]` with `slab[from..]` as its
/// arguments (keyword names from KW_NAMES), then replaces the callable
/// and everything above it by the result.
#[inline]
pub(crate) fn call_on_stack(
    vm: &mut Vm,
    func: &Function,
    slab: &mut crate::object::frame_slab::Slab,
    nlocals: usize,
    at: usize,
    from: usize,
    kwnames: &mut Option<Rc<[Rc<str>]>>,
) -> PyResult<()> {
    let callable = slab[at].clone();
    let names = kwnames.take();
    let r = call_in_frame(
        vm,
        func,
        &slab[..nlocals],
        &callable,
        &slab[from..],
        names.as_deref().unwrap_or(&[]),
    );
    slab.truncate(at);
    slab.push(r?);
    Ok(())
}
