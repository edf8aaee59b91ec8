//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): the checks their
//! `__new__` makes (a str message, a non-empty sequence of exceptions,
//! a plain `BaseExceptionGroup` of Exceptions becoming an
//! `ExceptionGroup`), `message`, `exceptions`, `derive`, `subgroup`,
//! `split` and `__str__`. (`except*` is the compiler's part.)

use crate::object::args::receiver;
use crate::object::exceptions::{exception_class, raise, ExcKind, PyResult};
use crate::object::heap::{as_str, new_str, new_tuple, type_name, Object};
use crate::object::value::Value;
use crate::vm::Vm;

/// `ExceptionGroup`: derived from both BaseExceptionGroup and Exception
/// (made once per interpreter when the builtins are installed).
pub fn exception_group_class(vm: &mut Vm) -> PyResult<Value> {
    let bases = vec![
        exception_class(ExcKind::BaseExceptionGroup),
        exception_class(ExcKind::Exception),
    ];
    crate::object::classes::kept_class_with_bases(
        vm,
        "builtins.ExceptionGroup",
        "builtins",
        "ExceptionGroup",
        bases,
    )
}

/// Whether `cls` derives from BaseExceptionGroup.
pub fn is_group_class(cls: &Value) -> bool {
    crate::object::classes::is_subclass(cls, &exception_class(ExcKind::BaseExceptionGroup))
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`'s checks: the
/// class to make (ExceptionGroup for a plain BaseExceptionGroup of
/// Exceptions).
pub fn check_new(vm: &mut Vm, cls: &Value, args: &[Value]) -> PyResult<Value> {
    let name = crate::object::classes::class_name(cls);
    let [message, excs] = args else {
        return raise(
            ExcKind::TypeError,
            format!(
                "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                args.len()
            ),
        );
    };
    if as_str(message).is_none() {
        return raise(
            ExcKind::TypeError,
            format!("argument 1 must be str, not {}", type_name(message)),
        );
    }
    let is_sequence = matches!(excs.as_obj(), Some(Object::List(_) | Object::Tuple(_)))
        || crate::protocol::getattr(vm, excs, "__getitem__").is_ok()
            && crate::protocol::getattr(vm, excs, "__len__").is_ok()
            && !matches!(excs.as_obj(), Some(Object::Set(_) | Object::Dict(_)));
    if !is_sequence {
        return raise(
            ExcKind::TypeError,
            "second argument (exceptions) must be a sequence",
        );
    }
    let items = {
        let it = crate::protocol::get_iter(vm, excs)?;
        let mut items = Vec::new();
        while let Some(x) = crate::protocol::iter_next(vm, &it)? {
            items.push(x);
        }
        items
    };
    if items.is_empty() {
        return raise(
            ExcKind::ValueError,
            "second argument (exceptions) must be a non-empty sequence",
        );
    }
    let mut all_exceptions = true;
    for (i, e) in items.iter().enumerate() {
        if !crate::object::exceptions::is_exception(e) {
            return raise(
                ExcKind::ValueError,
                format!("Item {i} of second argument (exceptions) is not an exception"),
            );
        }
        let cls = crate::object::classes::type_value(e);
        if !crate::object::classes::is_subclass(&cls, &exception_class(ExcKind::Exception)) {
            all_exceptions = false;
        }
    }
    let base_group = exception_class(ExcKind::BaseExceptionGroup);
    let eg = exception_group_class(vm)?;
    let cls = if cls.is(&base_group) {
        if all_exceptions {
            eg
        } else {
            cls.clone()
        }
    } else if cls.is(&eg) {
        if !all_exceptions {
            return raise(
                ExcKind::TypeError,
                "Cannot nest BaseExceptions in an ExceptionGroup",
            );
        }
        cls.clone()
    } else {
        let is_exc = crate::object::classes::is_subclass(cls, &exception_class(ExcKind::Exception));
        if !all_exceptions && is_exc {
            return raise(
                ExcKind::TypeError,
                format!("Cannot nest BaseExceptions in '{name}'"),
            );
        }
        cls.clone()
    };
    Ok(cls)
}

fn parts(r: &Value) -> (Value, Vec<Value>) {
    let args = crate::object::exceptions::exception_args(r);
    let message = args.first().cloned().unwrap_or_else(|| new_str(""));
    let excs = match args.get(1).and_then(Value::as_obj) {
        Some(Object::Tuple(t)) => t.to_vec(),
        Some(Object::List(l)) => l.borrow().clone(),
        _ => Vec::new(),
    };
    (message, excs)
}

/// The methods and attributes of BaseExceptionGroup.
pub fn methods(
    f: impl Fn(&'static str, crate::object::heap::BuiltinFn) -> (&'static str, Value),
) -> Vec<(&'static str, Value)> {
    vec![
        f("__str__", |_, s, a, _| {
            let (r, _) = receiver(s, a)?;
            let (message, excs) = parts(r);
            let n = excs.len();
            Ok(new_str(format!(
                "{} ({n} sub-exception{})",
                as_str(&message).unwrap_or_default(),
                if n == 1 { "" } else { "s" }
            )))
        }),
        f("derive", |vm, s, a, _| {
            let (r, rest) = receiver(s, a)?;
            let Some(excs) = rest.first() else {
                return raise(
                    ExcKind::TypeError,
                    "derive() takes exactly one argument (0 given)",
                );
            };
            let (message, _) = parts(r);
            let cls = exception_class(ExcKind::BaseExceptionGroup);
            crate::protocol::call(vm, &cls, &[message, excs.clone()], &[])
        }),
        f("subgroup", |vm, s, a, _| {
            let (r, rest) = receiver(s, a)?;
            let cond = condition(rest)?;
            Ok(split(vm, r, &cond)?.0)
        }),
        f("split", |vm, s, a, _| {
            let (r, rest) = receiver(s, a)?;
            let cond = condition(rest)?;
            let (matched, rest) = split(vm, r, &cond)?;
            Ok(new_tuple(vec![matched, rest]))
        }),
        crate::object::native::property("message", |_, s, a, _| {
            let (r, _) = receiver(s, a)?;
            Ok(parts(r).0)
        }),
        crate::object::native::property("exceptions", |_, s, a, _| {
            let (r, _) = receiver(s, a)?;
            Ok(new_tuple(parts(r).1))
        }),
    ]
}

fn condition(rest: &[Value]) -> PyResult<Value> {
    match rest.first() {
        Some(c) => Ok(c.clone()),
        None => raise(ExcKind::TypeError, "expected a condition"),
    }
}

/// Whether exception `e` matches `cond` (a type, a tuple of types or a
/// predicate).
fn matches(vm: &mut Vm, e: &Value, cond: &Value) -> PyResult<bool> {
    let is_type = |c: &Value| matches!(c.as_obj(), Some(Object::Class(_)));
    let tuple_of_types = match cond.as_obj() {
        Some(Object::Tuple(t)) => t.iter().all(is_type),
        _ => false,
    };
    if is_type(cond) || tuple_of_types {
        let cls = crate::object::classes::type_value(e);
        let bases = match cond.as_obj() {
            Some(Object::Tuple(t)) => t.to_vec(),
            _ => vec![cond.clone()],
        };
        return Ok(bases
            .iter()
            .any(|b| crate::object::classes::is_subclass(&cls, b)));
    }
    if crate::object::classes::is_callable(cond) {
        let r = crate::protocol::call(vm, cond, std::slice::from_ref(e), &[])?;
        return crate::protocol::truthy(vm, &r);
    }
    raise(
        ExcKind::TypeError,
        "expected a function, exception type or tuple of exception types",
    )
}

/// `split(cond)`: the matching part and the rest (None when empty), each
/// made by `derive` and carrying the group's traceback, cause, context
/// and notes.
fn split(vm: &mut Vm, group: &Value, cond: &Value) -> PyResult<(Value, Value)> {
    split_with(vm, group, &mut |vm, e| matches(vm, e, cond))
}

/// [`split`] with any test of the group and its members.
type Matcher<'a> = dyn FnMut(&mut Vm, &Value) -> PyResult<bool> + 'a;

fn split_with(vm: &mut Vm, group: &Value, cond: &mut Matcher<'_>) -> PyResult<(Value, Value)> {
    if cond(vm, group)? {
        return Ok((group.clone(), Value::None));
    }
    let (_, excs) = parts(group);
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for e in excs {
        let cls = crate::object::classes::type_value(&e);
        if is_group_class(&cls) {
            let (m, r) = split_with(vm, &e, cond)?;
            if !matches!(m, Value::None) {
                yes.push(m);
            }
            if !matches!(r, Value::None) {
                no.push(r);
            }
        } else if cond(vm, &e)? {
            yes.push(e);
        } else {
            no.push(e);
        }
    }
    let make = |vm: &mut Vm, items: Vec<Value>| -> PyResult<Value> {
        if items.is_empty() {
            return Ok(Value::None);
        }
        let derive = crate::protocol::getattr(vm, group, "derive")?;
        let g = crate::protocol::call(vm, &derive, &[crate::object::heap::new_list(items)], &[])?;
        copy_metadata(vm, group, &g)?;
        Ok(g)
    };
    let matched = make(vm, yes)?;
    let rest = make(vm, no)?;
    Ok((matched, rest))
}

fn copy_metadata(vm: &mut Vm, from: &Value, to: &Value) -> PyResult<()> {
    for attr in ["__traceback__", "__cause__", "__context__"] {
        let v = crate::protocol::getattr(vm, from, attr)?;
        crate::object::classes::setattr(vm, to, attr, Some(v))?;
    }
    if let Ok(notes) = crate::protocol::getattr(vm, from, "__notes__") {
        crate::object::classes::setattr(vm, to, "__notes__", Some(notes))?;
    }
    Ok(())
}

/// Whether `v` is an exception group.
fn is_group(v: &Value) -> bool {
    is_group_class(&crate::object::classes::type_value(v))
}

/// The exceptions of a group that are no groups, depth first (or the
/// exception itself when it is none).
fn leaves(v: &Value, out: &mut Vec<Value>) {
    if is_group(v) {
        for e in parts(v).1 {
            leaves(&e, out);
        }
    } else {
        out.push(v.clone());
    }
}

/// The type test of `except* T`: T must be an exception class, or a
/// tuple of them, and no exception group class.
fn check_star_type(ty: &Value) -> PyResult<()> {
    let types = match ty.as_obj() {
        Some(Object::Tuple(t)) => t.to_vec(),
        _ => vec![ty.clone()],
    };
    let base = exception_class(ExcKind::BaseException);
    for t in &types {
        if !matches!(t.as_obj(), Some(Object::Class(_)))
            || !crate::object::classes::is_subclass(t, &base)
        {
            return raise(
                ExcKind::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            );
        }
        if is_group_class(t) {
            return raise(
                ExcKind::TypeError,
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            );
        }
    }
    Ok(())
}

/// CHECK_EG_MATCH: the part of `exc` that `except* ty` handles (a group,
/// a bare exception wrapped in one, or None) and the rest (None when
/// nothing is left).
pub fn eg_match(vm: &mut Vm, exc: &Value, ty: &Value) -> PyResult<(Value, Value)> {
    check_star_type(ty)?;
    if matches!(exc, Value::None) {
        return Ok((Value::None, Value::None));
    }
    if matches(vm, exc, ty)? {
        if is_group(exc) {
            return Ok((exc.clone(), Value::None));
        }
        // A bare exception: wrapped in a group that carries its traceback.
        let cls = exception_class(ExcKind::BaseExceptionGroup);
        let list = crate::object::heap::new_list(vec![exc.clone()]);
        let wrapped = crate::protocol::call(vm, &cls, &[new_str(""), list], &[])?;
        let tb = crate::protocol::getattr(vm, exc, "__traceback__")?;
        crate::object::classes::setattr(vm, &wrapped, "__traceback__", Some(tb))?;
        return Ok((wrapped, Value::None));
    }
    if is_group(exc) {
        return split(vm, exc, ty);
    }
    Ok((Value::None, exc.clone()))
}

/// PREP_RERAISE_STAR: what leaves a `try` with `except*` clauses, from
/// the original exception `orig` and `excs` — what each clause raised and
/// the part none handled (None where there was nothing). Re-raised parts
/// of `orig` (groups made only of its exceptions) go back into its
/// structure; newly raised exceptions join them in a new group.
pub fn prep_reraise_star(vm: &mut Vm, orig: &Value, excs: &[Value]) -> PyResult<Value> {
    if excs.is_empty() {
        return Ok(Value::None);
    }
    if !is_group(orig) {
        // A bare exception was wrapped: one clause at most ran.
        return Ok(excs[0].clone());
    }
    let mut orig_leaves = Vec::new();
    leaves(orig, &mut orig_leaves);
    let in_orig = |v: &Value| orig_leaves.iter().any(|l| l.is(v));
    let (mut raised, mut kept) = (Vec::new(), Vec::new());
    for e in excs.iter().filter(|e| !matches!(e, Value::None)) {
        let mut ls = Vec::new();
        leaves(e, &mut ls);
        if is_group(e) && ls.iter().all(in_orig) {
            kept.extend(ls);
        } else {
            raised.push(e.clone());
        }
    }
    let reraised = if kept.is_empty() {
        Value::None
    } else {
        let mut keep = |_: &mut Vm, e: &Value| Ok(!is_group(e) && kept.iter().any(|k| k.is(e)));
        split_with(vm, orig, &mut keep)?.0
    };
    if !matches!(reraised, Value::None) {
        raised.push(reraised);
    }
    match raised.len() {
        0 => Ok(Value::None),
        1 => Ok(raised.swap_remove(0)),
        _ => {
            let cls = exception_class(ExcKind::BaseExceptionGroup);
            let list = crate::object::heap::new_list(raised);
            crate::protocol::call(vm, &cls, &[new_str(""), list], &[])
        }
    }
}
