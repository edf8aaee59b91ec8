//! `_operator`: the operators as functions, and `itemgetter`,
//! `attrgetter`, `methodcaller`, as CPython's C module (`operator.py`
//! takes them over with `from _operator import *`). Each function runs
//! the interpreter's own operation (`protocol`), so it behaves exactly as
//! the operator it names; the three callables are native objects that
//! remember what to fetch, with CPython's reprs and pickling.

use crate::object::args::arity;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, builtin_fn, make_module, new_str, new_tuple, type_name};
use crate::object::native::{constructor, method, NativeData};
use crate::object::type_slots::UnaryOp;
use crate::object::value::Value;
use crate::protocol;
use crate::vm::Vm;
use std::rc::Rc;
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The arguments of a function of fixed arity `n` (positional only).
fn args_of<'a>(name: &str, args: &'a [Value], kw: Kw<'_>, n: usize) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!("{name}() takes no keyword arguments"),
        );
    }
    if args.len() != n {
        let what = if n == 1 {
            format!("{name}() takes exactly one argument ({} given)", args.len())
        } else {
            format!("{name} expected {n} arguments, got {}", args.len())
        };
        return raise(ExcKind::TypeError, what);
    }
    Ok(args)
}

macro_rules! binary {
    ($($fname:ident $pyname:literal $op:ident $inplace:literal;)*) => {
        $(
            fn $fname(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
                let a = args_of($pyname, args, kw, 2)?;
                protocol::binary_values(vm, BinaryOp::$op, $inplace, &a[0], &a[1])
            }
        )*
        const BINARY: &[(&str, crate::object::heap::BuiltinFn)] = &[$(($pyname, $fname)),*];
    };
}

binary! {
    op_add "add" Add false;
    op_sub "sub" Subtract false;
    op_mul "mul" Multiply false;
    op_matmul "matmul" MatrixMultiply false;
    op_truediv "truediv" TrueDivide false;
    op_floordiv "floordiv" FloorDivide false;
    op_mod "mod" Remainder false;
    op_pow "pow" Power false;
    op_lshift "lshift" Lshift false;
    op_rshift "rshift" Rshift false;
    op_and "and_" And false;
    op_or "or_" Or false;
    op_xor "xor" Xor false;
    op_iadd "iadd" Add true;
    op_isub "isub" Subtract true;
    op_imul "imul" Multiply true;
    op_imatmul "imatmul" MatrixMultiply true;
    op_itruediv "itruediv" TrueDivide true;
    op_ifloordiv "ifloordiv" FloorDivide true;
    op_imod "imod" Remainder true;
    op_ipow "ipow" Power true;
    op_ilshift "ilshift" Lshift true;
    op_irshift "irshift" Rshift true;
    op_iand "iand" And true;
    op_ior "ior" Or true;
    op_ixor "ixor" Xor true;
}

macro_rules! comparison {
    ($($fname:ident $pyname:literal $op:ident;)*) => {
        $(
            fn $fname(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
                let a = args_of($pyname, args, kw, 2)?;
                protocol::compare(vm, CompareOp::$op, &a[0], &a[1])
            }
        )*
        const COMPARISONS: &[(&str, crate::object::heap::BuiltinFn)] = &[$(($pyname, $fname)),*];
    };
}

comparison! {
    op_lt "lt" Lt;
    op_le "le" Le;
    op_eq "eq" Eq;
    op_ne "ne" Ne;
    op_gt "gt" Gt;
    op_ge "ge" Ge;
}

macro_rules! unary {
    ($($fname:ident $pyname:literal $op:ident;)*) => {
        $(
            fn $fname(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
                let a = args_of($pyname, args, kw, 1)?;
                protocol::unary_op(vm, UnaryOp::$op, &a[0])
            }
        )*
        const UNARY: &[(&str, crate::object::heap::BuiltinFn)] = &[$(($pyname, $fname)),*];
    };
}

unary! {
    op_neg "neg" Negative;
    op_pos "pos" Positive;
    op_abs "abs" Absolute;
    op_inv "inv" Invert;
    op_invert "invert" Invert;
}

fn op_not(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("not_", args, kw, 1)?;
    Ok(Value::Bool(!protocol::truthy(vm, &a[0])?))
}

fn op_truth(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("truth", args, kw, 1)?;
    Ok(Value::Bool(protocol::truthy(vm, &a[0])?))
}

fn op_is(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("is_", args, kw, 2)?;
    Ok(Value::Bool(a[0].is(&a[1])))
}

fn op_is_not(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("is_not", args, kw, 2)?;
    Ok(Value::Bool(!a[0].is(&a[1])))
}

/// `index(a)`: `a.__index__()`, an int.
fn op_index(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("index", args, kw, 1)?;
    let v = protocol::index_value(vm, &a[0])?;
    match protocol::ops::int_of(&v) {
        Some(_) => Ok(v),
        None => protocol::ops::not_an_integer(&a[0]),
    }
}

fn op_contains(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("contains", args, kw, 2)?;
    Ok(Value::Bool(protocol::contains(vm, &a[0], &a[1])?))
}

fn op_getitem(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("getitem", args, kw, 2)?;
    protocol::getitem(vm, &a[0], &a[1])
}

fn op_setitem(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("setitem", args, kw, 3)?;
    protocol::setitem(vm, &a[0], &a[1], a[2].clone())?;
    Ok(Value::None)
}

fn op_delitem(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("delitem", args, kw, 2)?;
    protocol::delitem(vm, &a[0], &a[1])?;
    Ok(Value::None)
}

/// Whether `v` is a sequence for `concat` (its type has `__getitem__`).
fn concatenable(v: &Value) -> bool {
    crate::object::classes::lookup(&crate::object::classes::type_value(v), "__getitem__").is_some()
}

fn concat_with(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
    inplace: bool,
) -> PyResult<Value> {
    let a = args_of(name, args, kw, 2)?;
    if !concatenable(&a[0]) {
        return raise(
            ExcKind::TypeError,
            format!("'{}' object can't be concatenated", type_name(&a[0])),
        );
    }
    protocol::binary_values(vm, BinaryOp::Add, inplace, &a[0], &a[1])
}

fn op_concat(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    concat_with(vm, "concat", args, kw, false)
}

fn op_iconcat(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    concat_with(vm, "iconcat", args, kw, true)
}

/// The items of `a` for which `item is b or item == b`, by position.
fn matches(vm: &mut Vm, a: &Value, b: &Value, first_only: bool) -> PyResult<Vec<usize>> {
    let it = protocol::get_iter(vm, a)?;
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(x) = protocol::iter_next(vm, &it)? {
        if x.is(b) || protocol::compare_bool(vm, CompareOp::Eq, &x, b)? {
            found.push(i);
            if first_only {
                break;
            }
        }
        i += 1;
    }
    Ok(found)
}

fn op_count_of(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("countOf", args, kw, 2)?;
    Ok(Value::Int(matches(vm, &a[0], &a[1], false)?.len() as i64))
}

fn op_index_of(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("indexOf", args, kw, 2)?;
    match matches(vm, &a[0], &a[1], true)?.first() {
        Some(&i) => Ok(Value::Int(i as i64)),
        None => raise(ExcKind::ValueError, "sequence.index(x): x not in sequence"),
    }
}

/// `length_hint(obj, default=0)`: `len(obj)`, else
/// `obj.__length_hint__()`, else `default` (CPython's
/// `PyObject_LengthHint`).
fn op_length_hint(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return raise(
            ExcKind::TypeError,
            "length_hint() takes no keyword arguments",
        );
    }
    arity("length_hint", args, 1, 2)?;
    let default = match args.get(1) {
        None => 0,
        Some(d) => match protocol::ops::int_of(d) {
            Some(protocol::ops::IntVal::Small(n)) => n,
            Some(_) => {
                return raise(
                    ExcKind::OverflowError,
                    "Python int too large to convert to C ssize_t",
                )
            }
            None => return protocol::ops::not_an_integer(d),
        },
    };
    let obj = &args[0];
    if protocol::getattr(vm, obj, "__len__").is_ok() {
        return Ok(Value::Int(protocol::len(vm, obj)? as i64));
    }
    let Ok(method) = protocol::getattr(vm, obj, "__length_hint__") else {
        return Ok(Value::Int(default));
    };
    let hint = match protocol::call(vm, &method, &[], &[]) {
        Ok(h) => h,
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::TypeError) => {
            return Ok(Value::Int(default))
        }
        Err(e) => return Err(e),
    };
    if hint.is(&crate::object::classes::not_implemented()) {
        return Ok(Value::Int(default));
    }
    match protocol::ops::int_of(&hint) {
        Some(protocol::ops::IntVal::Small(n)) if n >= 0 => Ok(Value::Int(n)),
        Some(protocol::ops::IntVal::Small(_)) => {
            raise(ExcKind::ValueError, "__length_hint__() should return >= 0")
        }
        Some(_) => raise(
            ExcKind::OverflowError,
            "cannot fit 'int' into an index-sized integer",
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "__length_hint__ must be an integer, not {}",
                type_name(&hint)
            ),
        ),
    }
}

/// `call(obj, /, *args, **kwargs)`.
fn op_call(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some((f, rest)) = args.split_first() else {
        return raise(
            ExcKind::TypeError,
            "call() missing required argument 'obj' (pos 1)",
        );
    };
    call_with(vm, f, rest, kw)
}

/// `f(*args, **kw)`.
fn call_with(vm: &mut Vm, f: &Value, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut all = args.to_vec();
    all.extend(kw.iter().map(|(_, v)| v.clone()));
    let names: Vec<Rc<str>> = kw.iter().map(|(k, _)| k.clone()).collect();
    protocol::call(vm, f, &all, &names)
}

/// `_compare_digest(a, b)`: equality of two ASCII strs or two bytes-like
/// objects, in time that depends only on the length of `b`.
fn compare_digest(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args_of("_compare_digest", args, kw, 2)?;
    let (x, y) = match (as_str(&a[0]), as_str(&a[1])) {
        (Some(s), Some(t)) => {
            if !s.is_ascii() || !t.is_ascii() {
                return raise(
                    ExcKind::TypeError,
                    "comparing strings with non-ASCII characters is not supported",
                );
            }
            (s.as_bytes().to_vec(), t.as_bytes().to_vec())
        }
        // Otherwise both are bytes-like, or the first that is not is
        // named (neither: the pair is).
        _ => {
            let (x, y) = (
                crate::types::bytes::bytes_of(&a[0]),
                crate::types::bytes::bytes_of(&a[1]),
            );
            if x.is_none() && y.is_none() {
                return unsupported_digest(&a[0], &a[1]);
            }
            match (x, y) {
                (Some(x), Some(y)) => (x, y),
                (None, _) => (crate::types::bytes::arg_bytes(&a[0])?, Vec::new()),
                (_, None) => (Vec::new(), crate::types::bytes::arg_bytes(&a[1])?),
            }
        }
    };
    // Constant time in the length of `y`, as CPython's `_tscmp`.
    let mut diff = (x.len() != y.len()) as u8;
    let left = if x.len() == y.len() { &x } else { &y };
    for (p, q) in left.iter().zip(&y) {
        diff |= p ^ q;
    }
    Ok(Value::Bool(diff == 0))
}

fn unsupported_digest(a: &Value, b: &Value) -> PyResult<Value> {
    raise(
        ExcKind::TypeError,
        format!(
            "unsupported operand types(s) or combination of types: '{}' and '{}'",
            type_name(a),
            type_name(b)
        ),
    )
}

/// What an `itemgetter` fetches.
struct ItemGetter(Vec<Value>);

impl NativeData for ItemGetter {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        for v in &self.0 {
            crate::object::gc::visit_value(v, visit);
        }
    }
}

/// What an `attrgetter` fetches: each name as given and split at dots.
struct AttrGetter(Vec<(Value, Vec<String>)>);

impl NativeData for AttrGetter {}

/// What a `methodcaller` calls.
struct MethodCaller {
    name: Value,
    args: Vec<Value>,
    kw: Vec<(Rc<str>, Value)>,
}

impl NativeData for MethodCaller {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        for v in self.args.iter().chain(self.kw.iter().map(|(_, v)| v)) {
            crate::object::gc::visit_value(v, visit);
        }
    }
}

fn data<'a, T: NativeData>(s: Option<&'a Value>, what: &str) -> PyResult<&'a T> {
    match s.and_then(crate::object::native::data_of::<T>) {
        Some(d) => Ok(d),
        None => raise(
            ExcKind::TypeError,
            format!("descriptor requires a 'operator.{what}' object"),
        ),
    }
}

fn no_kwargs(name: &str, kw: Kw<'_>) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        raise(
            ExcKind::TypeError,
            format!("{name}() takes no keyword arguments"),
        )
    }
}

/// The one argument of a call of a getter.
fn one<'a>(name: &str, args: &'a [Value], kw: Kw<'_>) -> PyResult<&'a Value> {
    no_kwargs(name, kw)?;
    match args {
        [v] => Ok(v),
        _ => raise(
            ExcKind::TypeError,
            format!("{name} expected 1 argument, got {}", args.len()),
        ),
    }
}

/// `repr` of each value, comma-separated.
fn reprs(vm: &mut Vm, items: &[Value]) -> PyResult<Vec<String>> {
    items.iter().map(|v| protocol::repr::repr(vm, v)).collect()
}

fn itemgetter_class() -> Value {
    crate::object::builtin_types::kept_by_name("operator.itemgetter", || {
        let attrs = vec![
            constructor(|_, _, a, kw| {
                let Some((cls, items)) = a.split_first() else {
                    return raise(
                        ExcKind::TypeError,
                        "itemgetter.__new__(): not enough arguments",
                    );
                };
                no_kwargs("itemgetter", kw)?;
                if items.is_empty() {
                    return raise(ExcKind::TypeError, "itemgetter expected 1 argument, got 0");
                }
                Ok(crate::object::native::new_instance(
                    cls,
                    itemgetter_class(),
                    ItemGetter(items.to_vec()),
                ))
            }),
            method("__call__", |vm, s, a, kw| {
                let g = data::<ItemGetter>(s, "itemgetter")?;
                let obj = one("itemgetter", a, kw)?;
                if let [item] = g.0.as_slice() {
                    return protocol::getitem(vm, obj, item);
                }
                let items = g.0.clone();
                let mut out = Vec::with_capacity(items.len());
                for i in &items {
                    out.push(protocol::getitem(vm, obj, i)?);
                }
                Ok(new_tuple(out))
            }),
            method("__repr__", |vm, s, _, _| {
                let items = data::<ItemGetter>(s, "itemgetter")?.0.clone();
                Ok(new_str(format!(
                    "operator.itemgetter({})",
                    reprs(vm, &items)?.join(", ")
                )))
            }),
            method("__reduce__", |_, s, _, _| {
                let items = data::<ItemGetter>(s, "itemgetter")?.0.clone();
                let cls = crate::object::classes::type_value(s.unwrap_or(&Value::None));
                Ok(new_tuple(vec![cls, new_tuple(items)]))
            }),
        ];
        crate::object::native::class("operator", "itemgetter", attrs)
    })
}

/// `obj.a.b.c` for the parts of a dotted name.
fn get_dotted(vm: &mut Vm, obj: &Value, parts: &[String]) -> PyResult<Value> {
    let mut v = obj.clone();
    for p in parts {
        v = protocol::getattr(vm, &v, p)?;
    }
    Ok(v)
}

fn attrgetter_class() -> Value {
    crate::object::builtin_types::kept_by_name("operator.attrgetter", || {
        let attrs = vec![
            constructor(|_, _, a, kw| {
                let Some((cls, names)) = a.split_first() else {
                    return raise(
                        ExcKind::TypeError,
                        "attrgetter.__new__(): not enough arguments",
                    );
                };
                no_kwargs("attrgetter", kw)?;
                if names.is_empty() {
                    return raise(ExcKind::TypeError, "attrgetter expected 1 argument, got 0");
                }
                let mut parsed = Vec::with_capacity(names.len());
                for n in names {
                    let Some(text) = as_str(n) else {
                        return raise(ExcKind::TypeError, "attribute name must be a string");
                    };
                    parsed.push((n.clone(), text.split('.').map(str::to_string).collect()));
                }
                Ok(crate::object::native::new_instance(
                    cls,
                    attrgetter_class(),
                    AttrGetter(parsed),
                ))
            }),
            method("__call__", |vm, s, a, kw| {
                let g = data::<AttrGetter>(s, "attrgetter")?;
                let obj = one("attrgetter", a, kw)?;
                let names: Vec<Vec<String>> = g.0.iter().map(|(_, p)| p.clone()).collect();
                if let [parts] = names.as_slice() {
                    return get_dotted(vm, obj, parts);
                }
                let mut out = Vec::with_capacity(names.len());
                for parts in &names {
                    out.push(get_dotted(vm, obj, parts)?);
                }
                Ok(new_tuple(out))
            }),
            method("__repr__", |vm, s, _, _| {
                let names: Vec<Value> = data::<AttrGetter>(s, "attrgetter")?
                    .0
                    .iter()
                    .map(|(n, _)| n.clone())
                    .collect();
                Ok(new_str(format!(
                    "operator.attrgetter({})",
                    reprs(vm, &names)?.join(", ")
                )))
            }),
            method("__reduce__", |_, s, _, _| {
                let names: Vec<Value> = data::<AttrGetter>(s, "attrgetter")?
                    .0
                    .iter()
                    .map(|(n, _)| n.clone())
                    .collect();
                let cls = crate::object::classes::type_value(s.unwrap_or(&Value::None));
                Ok(new_tuple(vec![cls, new_tuple(names)]))
            }),
        ];
        crate::object::native::class("operator", "attrgetter", attrs)
    })
}

fn methodcaller_class() -> Value {
    crate::object::builtin_types::kept_by_name("operator.methodcaller", || {
        let attrs = vec![
            constructor(|_, _, a, kw| {
                let Some((cls, rest)) = a.split_first() else {
                    return raise(
                        ExcKind::TypeError,
                        "methodcaller.__new__(): not enough arguments",
                    );
                };
                let Some((name, args)) = rest.split_first() else {
                    return raise(
                        ExcKind::TypeError,
                        "methodcaller needs at least one argument, the method name",
                    );
                };
                if as_str(name).is_none() {
                    return raise(ExcKind::TypeError, "method name must be a string");
                }
                Ok(crate::object::native::new_instance(
                    cls,
                    methodcaller_class(),
                    MethodCaller {
                        name: name.clone(),
                        args: args.to_vec(),
                        kw: kw.to_vec(),
                    },
                ))
            }),
            method("__call__", |vm, s, a, kw| {
                let c = data::<MethodCaller>(s, "methodcaller")?;
                let obj = one("methodcaller", a, kw)?;
                let (name, args, kw) = (c.name.clone(), c.args.clone(), c.kw.clone());
                let m = protocol::getattr(vm, obj, as_str(&name).unwrap_or_default())?;
                call_with(vm, &m, &args, &kw)
            }),
            method("__repr__", |vm, s, _, _| {
                let c = data::<MethodCaller>(s, "methodcaller")?;
                let (name, args, kw) = (c.name.clone(), c.args.clone(), c.kw.clone());
                let mut parts = vec![protocol::repr::repr(vm, &name)?];
                parts.extend(reprs(vm, &args)?);
                for (k, v) in &kw {
                    parts.push(format!("{k}={}", protocol::repr::repr(vm, v)?));
                }
                Ok(new_str(format!(
                    "operator.methodcaller({})",
                    parts.join(", ")
                )))
            }),
            // Without keywords: `(methodcaller, (name, *args))`; with
            // them, a `functools.partial` binding the name and keywords.
            method("__reduce__", |vm, s, _, _| {
                let c = data::<MethodCaller>(s, "methodcaller")?;
                let (name, args, kw) = (c.name.clone(), c.args.clone(), c.kw.clone());
                let cls = crate::object::classes::type_value(s.unwrap_or(&Value::None));
                if kw.is_empty() {
                    let mut items = vec![name];
                    items.extend(args);
                    return Ok(new_tuple(vec![cls, new_tuple(items)]));
                }
                let functools = protocol::import(vm, "functools")?;
                let partial = protocol::getattr(vm, &functools, "partial")?;
                let bound = call_with(vm, &partial, &[cls, name], &kw)?;
                Ok(new_tuple(vec![bound, new_tuple(args)]))
            }),
        ];
        crate::object::native::class("operator", "methodcaller", attrs)
    })
}

/// The `_operator` module.
pub fn module() -> Value {
    let mut attrs: Vec<(&str, Value)> = Vec::new();
    for (name, f) in BINARY.iter().chain(COMPARISONS).chain(UNARY) {
        attrs.push((name, builtin_fn(name, *f)));
    }
    let others: &[(&'static str, crate::object::heap::BuiltinFn)] = &[
        ("not_", op_not),
        ("truth", op_truth),
        ("is_", op_is),
        ("is_not", op_is_not),
        ("index", op_index),
        ("contains", op_contains),
        ("getitem", op_getitem),
        ("setitem", op_setitem),
        ("delitem", op_delitem),
        ("concat", op_concat),
        ("iconcat", op_iconcat),
        ("countOf", op_count_of),
        ("indexOf", op_index_of),
        ("length_hint", op_length_hint),
        ("call", op_call),
        ("_compare_digest", compare_digest),
    ];
    for (name, f) in others {
        attrs.push((name, builtin_fn(name, *f)));
    }
    attrs.push(("itemgetter", itemgetter_class()));
    attrs.push(("attrgetter", attrgetter_class()));
    attrs.push(("methodcaller", methodcaller_class()));
    make_module("_operator", attrs)
}
