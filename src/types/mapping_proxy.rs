//! `types.MappingProxyType` (`mappingproxy`): a read-only view of a
//! mapping, which is what `C.__dict__` and `vars(C)` give for a class,
//! so that nothing can change a class namespace behind its version tag
//! and the lookup caches that depend on it.
//!
//! A native type the way later ones are added: its payload is one kind
//! of `object_kinds` (the mapping it shows), its behaviour is its method
//! table below — special methods included — which becomes its type's
//! dict; `types::member_tables` and `types::construct` list it
//! in one line each. The operators reach it through the type's dict, as
//! they reach a class's special methods (`classes::has_dunders`).

use crate::object::builtin_types::Member;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_str, type_name, NewObject, Object};
use crate::object::value::Value;
use crate::protocol;
use crate::vm::Vm;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The methods, declared once: they become the type's dict.
pub const MEMBERS: &[Member] = &[
    Member::Method("__getitem__", getitem),
    Member::Method("__len__", len),
    Member::Method("__iter__", iter),
    Member::Method("__contains__", contains),
    Member::Method("__repr__", repr),
    Member::Method("__str__", str),
    Member::Method("__eq__", eq),
    Member::Method("__ne__", ne),
    Member::Method("__or__", or),
    Member::Method("__ror__", ror),
    Member::Method("__ior__", ior),
    Member::Method("__reversed__", reversed),
    Member::Method("get", get),
    Member::Method("keys", keys),
    Member::Method("values", values),
    Member::Method("items", items),
    Member::Method("copy", copy),
];

/// A read-only view of `mapping`.
pub fn new_proxy(mapping: Value) -> Value {
    Value::obj(NewObject::MappingProxy(mapping))
}

/// `types.MappingProxyType(mapping)`: anything with `__getitem__` but a
/// list or a tuple, as CPython's `mappingproxy_check_mapping`.
pub fn construct(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let [mapping] = args else {
        return raise(
            ExcKind::TypeError,
            "mappingproxy() missing required argument 'mapping' (pos 1)",
        );
    };
    let is_mapping = match mapping.as_obj() {
        Some(Object::List(_) | Object::Tuple(_)) => false,
        Some(Object::Dict(_) | Object::MappingProxy(_)) => true,
        _ => protocol::getattr(
            vm,
            &crate::object::classes::type_value(mapping),
            "__getitem__",
        )
        .is_ok(),
    };
    if !is_mapping {
        return raise(
            ExcKind::TypeError,
            format!(
                "mappingproxy() argument must be a mapping, not {}",
                type_name(mapping)
            ),
        );
    }
    Ok(new_proxy(mapping.clone()))
}

/// The mapping a method was called on, and the other arguments.
fn receiver<'a>(
    s: Option<&'a Value>,
    args: &'a [Value],
    method: &str,
) -> PyResult<(&'a Value, &'a [Value])> {
    let (r, rest) = match s {
        Some(r) => (r, args),
        None => match args.split_first() {
            Some((r, rest)) => (r, rest),
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!("unbound method mappingproxy.{method}() needs an argument"),
                )
            }
        },
    };
    match r.as_obj() {
        Some(Object::MappingProxy(m)) => Ok((m, rest)),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "descriptor '{method}' for 'mappingproxy' objects doesn't apply to a '{}' object",
                type_name(r)
            ),
        ),
    }
}

/// The one argument of a method taking exactly one.
fn one_arg<'a>(rest: &'a [Value], method: &str) -> PyResult<&'a Value> {
    match rest {
        [a] => Ok(a),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "mappingproxy.{method}() takes exactly one argument ({} given)",
                rest.len()
            ),
        ),
    }
}

/// No arguments besides the receiver.
fn no_args(rest: &[Value], method: &str) -> PyResult<()> {
    if rest.is_empty() {
        return Ok(());
    }
    raise(
        ExcKind::TypeError,
        format!(
            "mappingproxy.{method}() takes no arguments ({} given)",
            rest.len()
        ),
    )
}

/// Calls the mapping's own method `name` (as CPython's proxy does for
/// `get`, `keys`, `values`, `items`, `copy`).
fn call_method(vm: &mut Vm, mapping: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let m = protocol::getattr(vm, mapping, name)?;
    crate::object::upcalls::call(vm, &m, args, &[])
}

fn getitem(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "__getitem__")?;
    protocol::getitem(vm, m, one_arg(rest, "__getitem__")?)
}

fn len(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "__len__")?;
    no_args(rest, "__len__")?;
    Ok(Value::Int(protocol::len(vm, m)? as i64))
}

fn iter(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "__iter__")?;
    no_args(rest, "__iter__")?;
    protocol::get_iter(vm, m)
}

fn contains(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "__contains__")?;
    Ok(Value::Bool(protocol::contains(
        vm,
        m,
        one_arg(rest, "__contains__")?,
    )?))
}

fn repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, _) = receiver(s, args, "__repr__")?;
    Ok(new_str(format!(
        "mappingproxy({})",
        crate::protocol::repr::repr(vm, m)?
    )))
}

fn str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, _) = receiver(s, args, "__str__")?;
    Ok(new_str(crate::protocol::repr::str_of(vm, m)?))
}

/// `==` and `!=` compare the mapping with the other operand.
fn compare(vm: &mut Vm, s: Option<&Value>, args: &[Value], op: CompareOp) -> PyResult<Value> {
    let name = if op == CompareOp::Eq {
        "__eq__"
    } else {
        "__ne__"
    };
    let (m, rest) = receiver(s, args, name)?;
    protocol::compare(vm, op, m, one_arg(rest, name)?)
}

fn eq(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    compare(vm, s, args, CompareOp::Eq)
}

fn ne(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    compare(vm, s, args, CompareOp::Ne)
}

/// The mapping behind `v` when it is a proxy, else `v`.
fn unwrapped(v: &Value) -> &Value {
    match v.as_obj() {
        Some(Object::MappingProxy(m)) => m,
        _ => v,
    }
}

/// `proxy | other` is `mapping | other` (a new dict for a dict).
fn or(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "__or__")?;
    let other = unwrapped(one_arg(rest, "__or__")?).clone();
    binary_or(vm, m, &other)
}

/// `other | proxy` is `other | mapping`.
fn ror(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "__ror__")?;
    let other = unwrapped(one_arg(rest, "__ror__")?).clone();
    binary_or(vm, &other, m)
}

/// `a | b` through the operator protocol.
fn binary_or(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    protocol::binary_values(vm, taipan_bytecode::opcode::BinaryOp::Or, false, a, b)
}

/// `proxy |= other` is refused: the proxy is read-only.
fn ior(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    receiver(s, args, "__ior__")?;
    raise(
        ExcKind::TypeError,
        "'|=' is not supported by mappingproxy; use '|' instead",
    )
}

fn reversed(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "__reversed__")?;
    no_args(rest, "__reversed__")?;
    let builtins = Value::Obj(vm.builtins.clone());
    let f = protocol::getitem(vm, &builtins, &new_str("reversed"))?;
    crate::object::upcalls::call(vm, &f, std::slice::from_ref(m), &[])
}

fn get(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (m, rest) = receiver(s, args, "get")?;
    if rest.is_empty() || rest.len() > 2 {
        return raise(
            ExcKind::TypeError,
            format!("get expected at least 1 argument, got {}", rest.len()),
        );
    }
    call_method(vm, m, "get", rest)
}

/// A method forwarded to the mapping without arguments.
macro_rules! forwarded {
    ($($f:ident = $name:literal),*) => {$(
        fn $f(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
            let (m, rest) = receiver(s, args, $name)?;
            no_args(rest, $name)?;
            call_method(vm, m, $name, &[])
        }
    )*};
}

forwarded!(
    keys = "keys",
    values = "values",
    items = "items",
    copy = "copy"
);
