//! `_contextvars` (PEP 567): `ContextVar`, `Token`, `Context` and
//! `copy_context`, as `contextvars` and `decimal` use them. A context is a
//! dict from variables to values; the current one is the module's
//! `_current`, which `Context.run` swaps for the duration of a call.
//! (One thread runs Python code, so one current context is enough until
//! the concurrency issue gives each thread its own.)

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, new_str, new_tuple, NewObject, Object};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::Cell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A context: its variables' values (a dict keyed by the variables).
struct Context {
    vars: Value,
    entered: Cell<bool>,
}

impl NativeData for Context {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.vars, visit);
    }
}

/// A context variable.
struct ContextVar {
    name: Value,
    default: Option<Value>,
}

impl NativeData for ContextVar {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.name, visit);
        if let Some(d) = &self.default {
            crate::object::gc::visit_value(d, visit);
        }
    }
}

/// What `ContextVar.set` returns, for `reset`.
struct Token {
    var: Value,
    old: Option<Value>,
    context: Value,
    used: Cell<bool>,
}

impl NativeData for Token {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_values([&self.var, &self.context], visit);
        if let Some(o) = &self.old {
            crate::object::gc::visit_value(o, visit);
        }
    }
}

fn class(name: &'static str, attrs: Vec<(&'static str, Value)>) -> Value {
    let key: &'static str = match name {
        "Context" => "_contextvars.Context",
        "ContextVar" => "_contextvars.ContextVar",
        _ => "_contextvars.Token",
    };
    crate::object::builtin_types::kept_by_name(key, || {
        crate::object::native::class("_contextvars", name, attrs)
    })
}

use crate::object::native::{method as m, property as prop};

fn context_class() -> Value {
    class(
        "Context",
        vec![
            m("run", ctx_run),
            m("copy", |_, s, a, _| {
                let c = ctx(receiver(s, a)?.0)?;
                Ok(new_context(copy_dict(&c.vars)))
            }),
            m("get", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                let c = ctx(r)?;
                let key = rest.first().cloned().unwrap_or_default();
                Ok(lookup(vm, &c.vars, &key)?
                    .unwrap_or_else(|| rest.get(1).cloned().unwrap_or_default()))
            }),
            m("__getitem__", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                let key = rest.first().cloned().unwrap_or_default();
                match lookup(vm, &ctx(r)?.vars, &key)? {
                    Some(v) => Ok(v),
                    None => Err(PyErr::with_args(ExcKind::KeyError, vec![key])),
                }
            }),
            m("__contains__", |vm, s, a, _| {
                let (r, rest) = receiver(s, a)?;
                let key = rest.first().cloned().unwrap_or_default();
                Ok(Value::Bool(lookup(vm, &ctx(r)?.vars, &key)?.is_some()))
            }),
            m("__len__", |_, s, a, _| {
                let c = ctx(receiver(s, a)?.0)?;
                Ok(Value::Int(match c.vars.as_obj() {
                    Some(Object::Dict(d)) => d.borrow().len() as i64,
                    _ => 0,
                }))
            }),
            m("__iter__", |vm, s, a, _| {
                let c = ctx(receiver(s, a)?.0)?;
                let keys = items(&c.vars).into_iter().map(|(k, _)| k).collect();
                crate::protocol::get_iter(vm, &new_list(keys))
            }),
            m("keys", |_, s, a, _| {
                let c = ctx(receiver(s, a)?.0)?;
                Ok(new_list(
                    items(&c.vars).into_iter().map(|(k, _)| k).collect(),
                ))
            }),
            m("values", |_, s, a, _| {
                let c = ctx(receiver(s, a)?.0)?;
                Ok(new_list(
                    items(&c.vars).into_iter().map(|(_, v)| v).collect(),
                ))
            }),
            m("items", |_, s, a, _| {
                let c = ctx(receiver(s, a)?.0)?;
                Ok(new_list(
                    items(&c.vars)
                        .into_iter()
                        .map(|(k, v)| new_tuple(vec![k, v]))
                        .collect(),
                ))
            }),
        ],
    )
}

fn var_class() -> Value {
    class(
        "ContextVar",
        vec![
            m("get", var_get),
            m("set", var_set),
            m("reset", var_reset),
            prop("name", |_, s, a, _| {
                Ok(var(receiver(s, a)?.0)?.name.clone())
            }),
            m("__repr__", |vm, s, a, _| {
                let (r, _) = receiver(s, a)?;
                let v = var(r)?;
                let name = crate::protocol::repr::repr(vm, &v.name)?;
                let addr = match r {
                    Value::Obj(o) => o.addr(),
                    _ => 0,
                };
                Ok(new_str(format!("<ContextVar name={name} at {addr:#x}>")))
            }),
            (
                "__class_getitem__",
                Value::obj(NewObject::ClassMethod(builtin_fn(
                    "__class_getitem__",
                    crate::types::generic_alias::class_getitem,
                ))),
            ),
        ],
    )
}

fn token_class() -> Value {
    class(
        "Token",
        vec![
            prop("var", |_, s, a, _| {
                Ok(token(receiver(s, a)?.0)?.var.clone())
            }),
            prop("old_value", |_, s, a, _| {
                Ok(token(receiver(s, a)?.0)?
                    .old
                    .clone()
                    .unwrap_or_else(missing))
            }),
            ("MISSING", missing()),
        ],
    )
}

/// `Token.MISSING`.
fn missing() -> Value {
    crate::object::builtin_types::kept_by_name("_contextvars.Token.MISSING", || {
        crate::types::simple_namespace::with_attrs(Vec::new())
    })
}

fn ctx(v: &Value) -> PyResult<&Context> {
    data_of::<Context>(v).map_or_else(|| raise(ExcKind::TypeError, "expected a Context"), Ok)
}

fn var(v: &Value) -> PyResult<&ContextVar> {
    data_of::<ContextVar>(v).map_or_else(|| raise(ExcKind::TypeError, "expected a ContextVar"), Ok)
}

fn token(v: &Value) -> PyResult<&Token> {
    data_of::<Token>(v).map_or_else(|| raise(ExcKind::TypeError, "expected a Token"), Ok)
}

fn new_context(vars: Value) -> Value {
    crate::object::native::new(
        context_class(),
        Context {
            vars,
            entered: Cell::new(false),
        },
    )
}

fn copy_dict(v: &Value) -> Value {
    let d = crate::object::classes::new_dict_obj();
    if let (Some(Object::Dict(src)), Object::Dict(dst)) = (v.as_obj(), d.get()) {
        *dst.borrow_mut() = src.borrow().clone();
    }
    Value::Obj(d)
}

fn items(v: &Value) -> Vec<(Value, Value)> {
    match v.as_obj() {
        Some(Object::Dict(d)) => d
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

fn lookup(vm: &mut Vm, vars: &Value, key: &Value) -> PyResult<Option<Value>> {
    match vars.as_obj() {
        Some(Object::Dict(d)) => crate::protocol::dict_get(vm, d, key),
        _ => Ok(None),
    }
}

/// The current context (made on first use).
fn current(vm: &mut Vm) -> PyResult<Value> {
    let m = crate::protocol::import(vm, "_contextvars")?;
    let c = crate::protocol::getattr(vm, &m, "_current")?;
    if !matches!(c, Value::None) {
        return Ok(c);
    }
    let fresh = new_context(Value::Obj(crate::object::classes::new_dict_obj()));
    crate::object::classes::setattr(vm, &m, "_current", Some(fresh.clone()))?;
    Ok(fresh)
}

/// `contextvars.copy_context()`: a new context with the current one's
/// variables (asyncio's futures and tasks keep one for their callbacks).
pub fn copy_current(vm: &mut Vm) -> PyResult<Value> {
    let c = current(vm)?;
    Ok(new_context(copy_dict(&ctx(&c)?.vars)))
}

fn set_current(vm: &mut Vm, c: Value) -> PyResult<()> {
    let m = crate::protocol::import(vm, "_contextvars")?;
    crate::object::classes::setattr(vm, &m, "_current", Some(c))
}

fn var_get(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, args)?;
    let v = var(r)?;
    let c = current(vm)?;
    if let Some(x) = lookup(vm, &ctx(&c)?.vars, r)? {
        return Ok(x);
    }
    if let Some(d) = rest.first().or(v.default.as_ref()) {
        return Ok(d.clone());
    }
    Err(PyErr::with_args(ExcKind::LookupError, vec![r.clone()]))
}

fn var_set(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, args)?;
    let [value] = rest else {
        return raise(
            ExcKind::TypeError,
            "ContextVar.set() takes exactly one argument",
        );
    };
    var(r)?;
    let c = current(vm)?;
    let vars = ctx(&c)?.vars.clone();
    let old = lookup(vm, &vars, r)?;
    if let Some(Object::Dict(d)) = vars.as_obj() {
        crate::protocol::dict_set(vm, d, r.clone(), value.clone())?;
    }
    Ok(crate::object::native::new(
        token_class(),
        Token {
            var: r.clone(),
            old,
            context: c,
            used: Cell::new(false),
        },
    ))
}

fn var_reset(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, args)?;
    let Some(t) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "ContextVar.reset() takes exactly one argument",
        );
    };
    let tok = token(t)?;
    if tok.used.get() {
        return raise(
            ExcKind::RuntimeError,
            format!(
                "{} has already been used once",
                crate::protocol::repr::repr(vm, t)?
            ),
        );
    }
    if !tok.var.is(r) {
        return raise(
            ExcKind::ValueError,
            format!(
                "{} was created by a different ContextVar",
                crate::protocol::repr::repr(vm, t)?
            ),
        );
    }
    let c = current(vm)?;
    if !tok.context.is(&c) {
        return raise(
            ExcKind::ValueError,
            format!(
                "{} was created in a different Context",
                crate::protocol::repr::repr(vm, t)?
            ),
        );
    }
    let vars = ctx(&c)?.vars.clone();
    if let Some(Object::Dict(d)) = vars.as_obj() {
        match &tok.old {
            Some(o) => crate::protocol::dict_set(vm, d, r.clone(), o.clone())?,
            None => {
                let _ = d.borrow_mut().remove(r);
            }
        }
    }
    tok.used.set(true);
    Ok(Value::None)
}

/// `ctx.run(callable, *args, **kwargs)`: the call with `ctx` current.
fn ctx_run(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = receiver(s, args)?;
    let c = ctx(r)?;
    let Some((f, fargs)) = rest.split_first() else {
        return raise(
            ExcKind::TypeError,
            "run() missing 1 required positional argument",
        );
    };
    if c.entered.get() {
        return raise(
            ExcKind::RuntimeError,
            format!(
                "cannot enter context: {} is already entered",
                crate::protocol::repr::repr(vm, r)?
            ),
        );
    }
    let previous = current(vm)?;
    c.entered.set(true);
    set_current(vm, r.clone())?;
    let mut all = fargs.to_vec();
    let names: Vec<Rc<str>> = kw.iter().map(|(k, _)| k.clone()).collect();
    all.extend(kw.iter().map(|(_, v)| v.clone()));
    let result = crate::protocol::call(vm, f, &all, &names);
    c.entered.set(false);
    set_current(vm, previous)?;
    result
}

fn var_new(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args("ContextVar", &["name", "default"], args, kw)?;
    let Some(name) = a[0]
        .clone()
        .filter(|n| crate::object::heap::as_str(n).is_some())
    else {
        return raise(ExcKind::TypeError, "context variable name must be a str");
    };
    Ok(crate::object::native::new(
        var_class(),
        ContextVar {
            name,
            default: a[1].clone(),
        },
    ))
}

/// The `_contextvars` module.
pub fn module() -> Value {
    make_module(
        "_contextvars",
        vec![
            ("_current", Value::None),
            ("ContextVar", builtin_fn("ContextVar", var_new)),
            ("Context", context_class()),
            ("Token", token_class()),
            (
                "copy_context",
                builtin_fn("copy_context", |vm, _, _, _| copy_current(vm)),
            ),
        ],
    )
}
