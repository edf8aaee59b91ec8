//! The attributes of the built-in exception classes, declared as tables
//! like every other type's (CPython's `BaseException` getsets and
//! methods, OSError's, StopIteration's, SystemExit's, ImportError's).
//! Exceptions are ordinary instances (`object::exceptions`); what these
//! attributes read lives in the instance's exception state.

use crate::object::builtin_types::Member;
use crate::object::exceptions::{exc_state, raise, ExcKind, ExcState, PyResult};
use crate::object::heap::{new_tuple, type_name, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The members `k`'s class defines itself.
pub fn members(k: ExcKind) -> &'static [Member] {
    match k {
        ExcKind::BaseException => BASE_EXCEPTION,
        ExcKind::OSError => OS_ERROR,
        ExcKind::StopIteration => STOP_ITERATION,
        ExcKind::SystemExit => SYSTEM_EXIT,
        ExcKind::ImportError => IMPORT_ERROR,
        ExcKind::UnicodeDecodeError | ExcKind::UnicodeEncodeError => UNICODE_CODEC_ERROR,
        ExcKind::UnicodeTranslateError => UNICODE_TRANSLATE_ERROR,
        _ => &[],
    }
}

const BASE_EXCEPTION: &[Member] = &[
    Member::GetSet("args", |e| Ok(new_tuple(args(e)?)), set_args),
    Member::GetSet(
        "__cause__",
        |e| Ok(state(e)?.cause.borrow().clone().unwrap_or_default()),
        set_cause,
    ),
    Member::GetSet(
        "__context__",
        |e| Ok(state(e)?.context.borrow().clone().unwrap_or_default()),
        set_context,
    ),
    Member::GetSet(
        "__suppress_context__",
        |e| Ok(Value::Bool(state(e)?.suppress_context.get())),
        |e, v| match v {
            Some(Value::Bool(b)) => {
                state(e)?.suppress_context.set(b);
                Ok(())
            }
            Some(_) => raise(ExcKind::TypeError, "attribute value type must be bool"),
            None => raise(ExcKind::TypeError, "can't delete attribute"),
        },
    ),
    // The traceback list of the exception's state, as traceback objects.
    Member::GetSet(
        "__traceback__",
        |e| {
            Ok(crate::types::traceback::object(
                state(e)?.traceback.borrow().head(),
            ))
        },
        |e, v| match v {
            Some(tb) => {
                let node = crate::types::traceback::node_of(
                    &tb,
                    "__traceback__ must be a traceback or None",
                )?;
                *state(e)?.traceback.borrow_mut() =
                    crate::object::exceptions::Traceback::from_node(node);
                Ok(())
            }
            None => raise(ExcKind::TypeError, "__traceback__ may not be deleted"),
        },
    ),
    Member::Method("with_traceback", with_traceback),
    Member::Method("add_note", add_note),
];

const OS_ERROR: &[Member] = &[
    Member::GetSet(
        "errno",
        |e| os_field(e, "errno", 0),
        |e, v| assign(e, "errno", v),
    ),
    Member::GetSet(
        "strerror",
        |e| os_field(e, "strerror", 1),
        |e, v| assign(e, "strerror", v),
    ),
    Member::GetSet(
        "filename",
        |e| Ok(state(e)?.filename.borrow().clone().unwrap_or_default()),
        |e, v| {
            *state(e)?.filename.borrow_mut() = v;
            Ok(())
        },
    ),
    Member::GetSet(
        "filename2",
        |e| assigned_or(e, "filename2", Value::None),
        |e, v| assign(e, "filename2", v),
    ),
];

const STOP_ITERATION: &[Member] = &[Member::GetSet(
    "value",
    |e| {
        let first = args(e)?.first().cloned().unwrap_or_default();
        assigned_or(e, "value", first)
    },
    |e, v| assign(e, "value", v),
)];

const SYSTEM_EXIT: &[Member] = &[Member::GetSet(
    "code",
    |e| {
        let a = args(e)?;
        let code = match a.len() {
            0 => Value::None,
            1 => a[0].clone(),
            _ => new_tuple(a),
        };
        assigned_or(e, "code", code)
    },
    |e, v| assign(e, "code", v),
)];

const IMPORT_ERROR: &[Member] = &[
    Member::GetSet(
        "msg",
        |e| {
            let a = args(e)?;
            let msg = if a.len() == 1 {
                a[0].clone()
            } else {
                Value::None
            };
            assigned_or(e, "msg", msg)
        },
        |e, v| assign(e, "msg", v),
    ),
    Member::GetSet(
        "name",
        |e| assigned_or(e, "name", Value::None),
        |e, v| assign(e, "name", v),
    ),
    Member::GetSet(
        "path",
        |e| assigned_or(e, "path", Value::None),
        |e, v| assign(e, "path", v),
    ),
];

/// The members of a Unicode error's fields: each `(name, index)` reads
/// argument `index` of the `count` it was made with (`unicode_field`);
/// `encoding` without an index is only ever assigned.
macro_rules! unicode_members {
    ($count:literal; $($name:literal $(= $index:literal)?),* $(,)?) => {
        &[$(Member::GetSet(
            $name,
            |e| unicode_members!(@get e, $name, $count $(, $index)?),
            |e, v| assign(e, $name, v),
        )),*]
    };
    (@get $e:ident, $name:literal, $count:literal, $index:literal) => {
        unicode_field($e, $name, $index, $count)
    };
    (@get $e:ident, $name:literal, $count:literal) => {
        assigned_or($e, $name, Value::None)
    };
}

/// UnicodeDecodeError's and UnicodeEncodeError's fields: the arguments
/// `(encoding, object, start, end, reason)` it was made with, unless
/// assigned since (None when made otherwise).
const UNICODE_CODEC_ERROR: &[Member] = unicode_members!(5;
    "encoding" = 0, "object" = 1, "start" = 2, "end" = 3, "reason" = 4);

/// UnicodeTranslateError's: `(object, start, end, reason)`; no encoding.
const UNICODE_TRANSLATE_ERROR: &[Member] = unicode_members!(4;
    "encoding", "object" = 0, "start" = 1, "end" = 2, "reason" = 3);

/// A Unicode error's field `name`: argument `index` when it was made with
/// `count` arguments, unless assigned since.
pub(crate) fn unicode_field(e: &Value, name: &str, index: usize, count: usize) -> PyResult<Value> {
    let a = args(e)?;
    let computed = if a.len() == count {
        a[index].clone()
    } else {
        Value::None
    };
    assigned_or(e, name, computed)
}

/// The exception state of `e`.
fn state(e: &Value) -> PyResult<&ExcState> {
    match exc_state(e) {
        Some(s) => Ok(s),
        None => raise(
            ExcKind::TypeError,
            format!("descriptor requires an exception, not '{}'", type_name(e)),
        ),
    }
}

/// `e.args`.
fn args(e: &Value) -> PyResult<Vec<Value>> {
    state(e)?;
    Ok(crate::object::exceptions::exception_args(e))
}

fn set_args(e: &Value, v: Option<Value>) -> PyResult<()> {
    let items = match v.as_ref().and_then(Value::as_obj) {
        Some(Object::Tuple(t)) => t.clone(),
        Some(Object::List(l)) => l.borrow().clone(),
        _ if v.is_none() => return raise(ExcKind::TypeError, "args may not be deleted"),
        _ => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object is not iterable",
                    type_name(&v.unwrap_or_default())
                ),
            )
        }
    };
    state(e)?;
    if let Some(Object::Instance(i)) = e.as_obj() {
        if let Some(x) = &i.exc {
            let old = std::mem::replace(&mut *x.args.borrow_mut(), items);
            drop(old);
        }
    }
    Ok(())
}

/// Whether `v` may be an exception's cause or context.
fn exception_or_none(v: &Option<Value>) -> bool {
    matches!(v, None | Some(Value::None)) || v.as_ref().is_some_and(|x| exc_state(x).is_some())
}

fn set_cause(e: &Value, v: Option<Value>) -> PyResult<()> {
    let s = state(e)?;
    set_link(&s.cause, v, "cause")?;
    s.suppress_context.set(true);
    Ok(())
}

fn set_context(e: &Value, v: Option<Value>) -> PyResult<()> {
    set_link(&state(e)?.context, v, "context")
}

/// Sets an exception's cause or context (`what`): None or an exception.
fn set_link(
    link: &std::cell::RefCell<Option<Value>>,
    v: Option<Value>,
    what: &str,
) -> PyResult<()> {
    if !exception_or_none(&v) {
        return raise(
            ExcKind::TypeError,
            format!("exception {what} must be None or derive from BaseException"),
        );
    }
    let old = link.replace(v.filter(|x| !matches!(x, Value::None)));
    drop(old);
    Ok(())
}

/// What was assigned to attribute `name` of `e`, else `computed`.
fn assigned_or(e: &Value, name: &str, computed: Value) -> PyResult<Value> {
    let s = state(e)?;
    let found = s
        .assigned
        .borrow()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.clone());
    Ok(found.unwrap_or(computed))
}

/// Assigns (or, with None, resets to None) attribute `name` of `e`.
fn assign(e: &Value, name: &'static str, v: Option<Value>) -> PyResult<()> {
    let s = state(e)?;
    let v = v.unwrap_or_default();
    let old = {
        let mut a = s.assigned.borrow_mut();
        match a.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => Some(std::mem::replace(&mut slot.1, v)),
            None => {
                a.push((name, v));
                None
            }
        }
    };
    drop(old);
    Ok(())
}

/// OSError's `errno` / `strerror`: the first / second argument when it
/// was made with two to five, unless assigned since.
fn os_field(e: &Value, name: &str, index: usize) -> PyResult<Value> {
    let a = args(e)?;
    let computed = if (2..=5).contains(&a.len()) {
        a[index].clone()
    } else {
        Value::None
    };
    assigned_or(e, name, computed)
}

/// `e.with_traceback(tb)`: `e`, its traceback now `tb`.
fn with_traceback(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (Some(e), [tb]) = (s, args) else {
        return raise(
            ExcKind::TypeError,
            "with_traceback() takes exactly one argument",
        );
    };
    let node = crate::types::traceback::node_of(tb, "__traceback__ must be a traceback or None")?;
    *state(e)?.traceback.borrow_mut() = crate::object::exceptions::Traceback::from_node(node);
    Ok(e.clone())
}

/// `e.add_note(note)`: appends to the list `e.__notes__` (made on first
/// use), as PEP 678.
fn add_note(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (Some(e), [note]) = (s, args) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "add_note() takes exactly one argument ({} given)",
                args.len()
            ),
        );
    };
    if crate::object::heap::as_str(note).is_none() {
        return raise(
            ExcKind::TypeError,
            format!("note must be a str, not '{}'", type_name(note)),
        );
    }
    let notes = match crate::protocol::getattr(vm, e, "__notes__") {
        Ok(n) => n,
        Err(_) => {
            let n = crate::object::heap::new_list(Vec::new());
            crate::object::classes::setattr(vm, e, "__notes__", Some(n.clone()))?;
            n
        }
    };
    match notes.as_obj() {
        Some(Object::List(l)) => {
            l.borrow_mut().push(note.clone());
            Ok(Value::None)
        }
        _ => raise(
            ExcKind::TypeError,
            "Cannot add note: __notes__ is not a list",
        ),
    }
}
