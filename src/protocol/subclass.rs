//! Subclasses of built-in types (`class D(dict)`, `class P(tuple)`,
//! `class S(str)`): an instance of such a class is an ordinary instance
//! (it has a `__dict__`, its class's methods win) that carries its
//! built-in value as a *payload*. The built-in type in the MRO
//! contributes CPython's slot wrappers (`__len__`, `__getitem__`,
//! `__add__`, `__eq__`, `__repr__`, `__init__`, `__new__`, …), which work
//! on the payload, and method descriptors (`list.append`, `str.join`),
//! which bind to it; so `super().__setitem__(k, v)` in a dict subclass and
//! `str.upper(s)` both reach the built-in code.
//!
//! Mutable payloads (list, dict, set) are made empty by `__new__` and
//! filled by `__init__`, immutable ones (int, float, str, tuple,
//! frozenset, bytes) are made by `__new__` from its arguments, as in
//! CPython.

use crate::object::classes::{lookup, not_implemented, type_object};
use crate::object::exceptions::{err_matches, raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::SetObj;
use crate::object::heap::{new_str, new_tuple, type_name, Builtin, BuiltinFn, Object, TypeKind};
use crate::object::instance::{has_payload, is_mutable, payload, unwrap};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The payload `__new__` makes for a class derived from `t`: an empty
/// container for mutable types (`__init__` fills it), else the built-in
/// constructor's result for these arguments.
pub fn new_payload(vm: &mut Vm, t: TypeKind, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if is_mutable(t) {
        return crate::types::construct::construct(vm, t, &[], &[]);
    }
    let v = crate::types::construct::construct(vm, t, args, kw)?;
    // `int(x)` may hand back an instance of an int subclass unchanged.
    Ok(unwrap(&v).clone())
}

/// `list.__init__` / `dict.__init__` / `set.__init__` /
/// `bytearray.__init__`, on a built-in container or a subclass
/// instance's payload: a list, set or bytearray is refilled, a dict
/// updated (CPython's `dict_init` does not clear).
fn init_payload(vm: &mut Vm, target: &Value, args: &[Value], kw: Kw<'_>) -> PyResult<()> {
    let (p, t) = match target.as_obj() {
        Some(Object::Instance(i)) => match i.payload() {
            Some(p) => (p.clone(), i.class().builtin_base),
            None => return Ok(()),
        },
        Some(Object::List(_)) => (target.clone(), TypeKind::List),
        Some(Object::Dict(_)) => (target.clone(), TypeKind::Dict),
        Some(Object::Set(_)) => (target.clone(), TypeKind::Set),
        Some(Object::ByteArray(_)) => (target.clone(), TypeKind::ByteArray),
        _ => return Ok(()),
    };
    if !is_mutable(t) {
        return Ok(());
    }
    let fresh = crate::types::construct::construct(vm, t, args, kw)?;
    match (p.as_obj(), fresh.as_obj()) {
        (Some(Object::List(l)), Some(Object::List(f))) => *l.borrow_mut() = f.borrow().clone(),
        (Some(Object::Dict(d)), Some(Object::Dict(f))) => {
            let items: Vec<(Value, Value)> = f
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in items {
                d.borrow_mut().set(k, v)?;
            }
        }
        (Some(Object::ByteArray(b)), Some(Object::ByteArray(f))) => {
            *b.borrow_mut() = f.borrow().clone()
        }
        (Some(Object::Set(SetObj { table, .. })), Some(Object::Set(SetObj { table: f, .. }))) => {
            *table.borrow_mut() = f.borrow().clone()
        }
        _ => {}
    }
    Ok(())
}

fn one_arg(args: &[Value]) -> PyResult<&Value> {
    match args {
        [a] => Ok(a),
        _ => raise(
            ExcKind::TypeError,
            format!("expected 1 argument, got {}", args.len()),
        ),
    }
}

/// TypeError from a built-in operation becomes NotImplemented, so the
/// operator tries the other operand (and finally reports both types).
fn or_not_implemented(r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Err(e) if err_matches(&e, ExcKind::TypeError) => Ok(not_implemented()),
        r => r,
    }
}

/// Whether the slot wrapper of `op` (form `kind`) on receiver `a` with
/// `other` reports the operation's TypeError rather than
/// NotImplemented, as CPython's do where they call the type's own slot:
/// `str % x` formats (and raises), and a sequence's `__mul__` /
/// `__rmul__` converts its count with `__index__` (raising here when
/// `other` has none, with CPython's message).
fn slot_raises(op: BinaryOp, kind: u8, a: &Value, other: &Value) -> PyResult<bool> {
    let t = crate::object::heap::type_of(a);
    let sequence = matches!(
        t,
        TypeKind::Str | TypeKind::Bytes | TypeKind::ByteArray | TypeKind::Tuple | TypeKind::List
    );
    match op {
        BinaryOp::Remainder => {
            Ok(kind == 0 && matches!(t, TypeKind::Str | TypeKind::Bytes | TypeKind::ByteArray))
        }
        BinaryOp::Multiply if sequence && kind < 2 => {
            let has_index = crate::protocol::ops::int_of(other).is_some()
                || (crate::object::classes::has_dunders(other)
                    && crate::object::classes::lookup(
                        &crate::object::classes::type_value(other),
                        "__index__",
                    )
                    .is_some());
            if !has_index {
                return crate::protocol::ops::not_an_integer::<bool>(other);
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

macro_rules! binary_slots {
    ($($fname:ident $rname:ident $iname:ident : $n:literal $r:literal $i:literal => $op:ident;)*) => {
        $(
            fn $fname(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
                let (recv, rest) = crate::object::args::receiver(s, args)?;
                let other = one_arg(rest)?;
                let (a, b) = (unwrap(recv).clone(), unwrap(other).clone());
                if BinaryOp::$op == BinaryOp::Remainder {
                    // `%` formats the arguments as they are (a str
                    // subclass's own `__str__`).
                    if matches!(a.as_obj(), Some(Object::Str(_))) {
                        return crate::types::string_surrogates::percent(vm, &a, other);
                    }
                }
                let strict = slot_raises(BinaryOp::$op, 0, &a, &b)?;
                let r = crate::protocol::binary_values(vm, BinaryOp::$op, false, &a, &b);
                if strict { r } else { or_not_implemented(r) }
            }
            fn $rname(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
                let (recv, rest) = crate::object::args::receiver(s, args)?;
                let other = one_arg(rest)?;
                let (a, b) = (unwrap(recv).clone(), unwrap(other).clone());
                if BinaryOp::$op == BinaryOp::Remainder {
                    // `%` formats the arguments (here the receiver) as
                    // they are: str's own slot on a str template.
                    if matches!(b.as_obj(), Some(Object::Str(_))) {
                        return crate::types::string_surrogates::percent(vm, &b, recv);
                    }
                }
                let strict = slot_raises(BinaryOp::$op, 1, &a, &b)?;
                let r = crate::protocol::binary_values(vm, BinaryOp::$op, false, &b, &a);
                if strict { r } else { or_not_implemented(r) }
            }
            fn $iname(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
                let (recv, rest) = crate::object::args::receiver(s, args)?;
                let other = one_arg(rest)?;
                let (a, b) = (unwrap(recv).clone(), unwrap(other).clone());
                let r = or_not_implemented(crate::protocol::binary_values(vm, BinaryOp::$op, true, &a, &b))?;
                // In-place on the payload: the instance stays the result.
                Ok(if r.is(&a) { recv.clone() } else { r })
            }
        )*
        /// The slot wrapper of a binary operator's dunder: its name,
        /// function, operator and form (0 forward, 1 reflected, 2 in-place).
        fn binary_slot(name: &str) -> Option<(&'static str, BuiltinFn, BinaryOp, u8)> {
            match name {
                $(
                    $n => Some(($n, $fname as BuiltinFn, BinaryOp::$op, 0)),
                    $r => Some(($r, $rname as BuiltinFn, BinaryOp::$op, 1)),
                    $i => Some(($i, $iname as BuiltinFn, BinaryOp::$op, 2)),
                )*
                _ => None,
            }
        }
    };
}

binary_slots! {
    s_add s_radd s_iadd : "__add__" "__radd__" "__iadd__" => Add;
    s_sub s_rsub s_isub : "__sub__" "__rsub__" "__isub__" => Subtract;
    s_mul s_rmul s_imul : "__mul__" "__rmul__" "__imul__" => Multiply;
    s_truediv s_rtruediv s_itruediv : "__truediv__" "__rtruediv__" "__itruediv__" => TrueDivide;
    s_floordiv s_rfloordiv s_ifloordiv : "__floordiv__" "__rfloordiv__" "__ifloordiv__" => FloorDivide;
    s_mod s_rmod s_imod : "__mod__" "__rmod__" "__imod__" => Remainder;
    s_pow s_rpow s_ipow : "__pow__" "__rpow__" "__ipow__" => Power;
    s_lshift s_rlshift s_ilshift : "__lshift__" "__rlshift__" "__ilshift__" => Lshift;
    s_rshift s_rrshift s_irshift : "__rshift__" "__rrshift__" "__irshift__" => Rshift;
    s_and s_rand s_iand : "__and__" "__rand__" "__iand__" => And;
    s_or s_ror s_ior : "__or__" "__ror__" "__ior__" => Or;
    s_xor s_rxor s_ixor : "__xor__" "__rxor__" "__ixor__" => Xor;
}

/// Which binary operators built-in type `t` defines (CPython's slots):
/// `kind` 0 is the forward form, 1 the reflected one, 2 the in-place one
/// (which only mutable types have).
fn type_has_binary(t: TypeKind, op: BinaryOp, kind: u8) -> bool {
    use BinaryOp::*;
    match t {
        TypeKind::Int => !matches!(op, MatrixMultiply) && kind < 2,
        TypeKind::Bool => matches!(op, And | Or | Xor) && kind < 2,
        TypeKind::Float => {
            matches!(
                op,
                Add | Subtract | Multiply | TrueDivide | FloorDivide | Remainder | Power
            ) && kind < 2
        }
        TypeKind::Str | TypeKind::Bytes => {
            matches!(
                (op, kind),
                (Add, 0) | (Multiply, 0 | 1) | (Remainder, 0 | 1)
            )
        }
        TypeKind::Tuple => matches!((op, kind), (Add, 0) | (Multiply, 0 | 1)),
        TypeKind::List => matches!((op, kind), (Add, 0 | 2) | (Multiply, 0..=2)),
        TypeKind::ByteArray => {
            matches!(
                (op, kind),
                (Add, 0 | 2) | (Multiply, 0..=2) | (Remainder, 0 | 1)
            )
        }
        TypeKind::Dict => matches!(op, Or),
        TypeKind::Set => matches!(op, And | Or | Subtract | Xor),
        TypeKind::FrozenSet => matches!((op, kind), (And | Or | Subtract | Xor, 0 | 1)),
        TypeKind::Complex => {
            matches!(op, Add | Subtract | Multiply | TrueDivide | Power) && kind < 2
        }
        _ => false,
    }
}

macro_rules! compare_slots {
    ($($fname:ident => $op:ident;)*) => {
        $(
            fn $fname(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
                let (recv, rest) = crate::object::args::receiver(s, args)?;
                let other = one_arg(rest)?;
                let (a, b) = (unwrap(recv).clone(), unwrap(other).clone());
                if crate::object::classes::is_instance(&b) {
                    // A user class on the other side answers for itself.
                    return Ok(not_implemented());
                }
                or_not_implemented(crate::protocol::compare(vm, CompareOp::$op, &a, &b))
            }
        )*
        fn compare_slot(name: &str) -> Option<(&'static str, BuiltinFn)> {
            match name {
                $(concat!("__", stringify!($fname), "__") => Some((concat!("__", stringify!($fname), "__"), $fname)),)*
                _ => None,
            }
        }
    };
}

compare_slots! {
    eq => Eq;
    ne => Ne;
    lt => Lt;
    le => Le;
    gt => Gt;
    ge => Ge;
}

fn s_repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, _) = crate::object::args::receiver(s, args)?;
    let p = unwrap(recv).clone();
    let text = crate::protocol::repr::repr(vm, &p)?;
    // Sets name their subclass: `S({1, 2})`, `S()`.
    if let (Some(Object::Set(SetObj { table, .. })), false) = (p.as_obj(), p.is(recv)) {
        let name = type_name(recv);
        if table.borrow().is_empty() {
            return Ok(new_str(format!("{name}()")));
        }
        let inner = text.find('{').map_or(text.as_str(), |i| &text[i..]);
        let inner = inner.strip_suffix(')').unwrap_or(inner);
        return Ok(new_str(format!("{name}({inner})")));
    }
    Ok(new_str(text))
}

fn s_str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, _) = crate::object::args::receiver(s, args)?;
    let p = unwrap(recv).clone();
    Ok(new_str(crate::protocol::repr::str_of(vm, &p)?))
}

fn s_format(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    let spec = one_arg(rest)?;
    let p = unwrap(recv).clone();
    let spec = crate::object::heap::as_str(spec).unwrap_or("").to_string();
    if spec.is_empty() {
        // An empty spec formats as str(self), a subclass's __str__ included.
        return Ok(new_str(crate::protocol::repr::str_of(vm, recv)?));
    }
    Ok(new_str(crate::protocol::format::format_value(
        vm, &p, &spec,
    )?))
}

fn s_hash(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, _) = crate::object::args::receiver(s, args)?;
    let p = unwrap(recv).clone();
    Ok(Value::Int(crate::protocol::hash(vm, &p)?))
}

fn s_len(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, _) = crate::object::args::receiver(s, args)?;
    let p = unwrap(recv).clone();
    Ok(Value::Int(crate::protocol::len(vm, &p)? as i64))
}

fn s_iter(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, _) = crate::object::args::receiver(s, args)?;
    let p = unwrap(recv).clone();
    crate::protocol::get_iter(vm, &p)
}

fn s_contains(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    let item = one_arg(rest)?;
    let p = unwrap(recv).clone();
    Ok(Value::Bool(crate::protocol::contains(vm, &p, item)?))
}

fn s_getitem(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    let key = one_arg(rest)?;
    let p = unwrap(recv).clone();
    match crate::protocol::getitem(vm, &p, key) {
        // dict subclasses: `__missing__` answers for absent keys.
        Err(e) if err_matches(&e, ExcKind::KeyError) && !p.is(recv) => {
            let cls = crate::object::classes::type_value(recv);
            match lookup(&cls, "__missing__") {
                Some(m) if matches!(p.as_obj(), Some(Object::Dict(_))) => {
                    crate::object::upcalls::call(vm, &m, &[recv.clone(), key.clone()], &[])
                }
                _ => Err(e),
            }
        }
        r => r,
    }
}

fn s_setitem(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    let [key, value] = rest else {
        return raise(ExcKind::TypeError, "expected 2 arguments");
    };
    let p = unwrap(recv).clone();
    crate::protocol::setitem(vm, &p, key, value.clone())?;
    Ok(Value::None)
}

fn s_delitem(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    let key = one_arg(rest)?;
    let p = unwrap(recv).clone();
    crate::protocol::delitem(vm, &p, key)?;
    Ok(Value::None)
}

fn s_init(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    init_payload(vm, recv, rest, kw)?;
    Ok(Value::None)
}

/// `T.__new__(cls, *args)` for a built-in type `T`.
pub fn s_new(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = crate::object::args::receiver(s, args)?;
    match cls.as_obj() {
        Some(Object::Class(c)) => match c.builtin_kind {
            Some(t) => crate::types::construct::construct(vm, t, rest, kw),
            None => crate::types::metaclass::instantiate(vm, cls, rest, kw),
        },
        _ => raise(
            ExcKind::TypeError,
            format!("__new__(X): X is not a type object ({})", type_name(cls)),
        ),
    }
}

macro_rules! unary_slots {
    ($($fname:ident => $body:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
                let (recv, _) = crate::object::args::receiver(s, args)?;
                let p = unwrap(recv).clone();
                #[allow(clippy::redundant_closure_call)]
                ($body)(vm, &p)
            }
        )*
    };
}

unary_slots! {
    s_floor => |_: &mut Vm, p: &Value| crate::types::number::round_to_int(p, f64::floor);
    s_ceil => |_: &mut Vm, p: &Value| crate::types::number::round_to_int(p, f64::ceil);
    s_trunc => |_: &mut Vm, p: &Value| crate::types::number::round_to_int(p, f64::trunc);
    s_reversed => |vm: &mut Vm, p: &Value| crate::types::iterator_adapters::b_reversed(vm, None, std::slice::from_ref(p), &[]);
    // (A str's is a copy, as CPython's `_PyUnicode_Copy`.)
    s_getnewargs => |_: &mut Vm, p: &Value| Ok(new_tuple(vec![
        match crate::object::heap::as_pystr(p) {
            Some(text) => crate::object::heap::str_of_code_points(text.code_points()),
            None => p.clone(),
        }
    ]));
    s_neg => |_: &mut Vm, p: &Value| crate::protocol::ops::unary_op('-', p);
    s_pos => |_: &mut Vm, p: &Value| crate::protocol::ops::unary_op('+', p);
    s_invert => |_: &mut Vm, p: &Value| crate::protocol::ops::unary_op('~', p);
    s_abs => |vm: &mut Vm, p: &Value| crate::protocol::unary_op(vm, crate::object::type_slots::UnaryOp::Absolute, p);
    s_int => |vm: &mut Vm, p: &Value| crate::types::construct::construct(vm, TypeKind::Int, std::slice::from_ref(p), &[]);
    s_float => |vm: &mut Vm, p: &Value| crate::types::construct::construct(vm, TypeKind::Float, std::slice::from_ref(p), &[]);
    s_bool => |_: &mut Vm, p: &Value| Ok(Value::Bool(crate::protocol::ops::truthy(p)));
    s_index => |_: &mut Vm, p: &Value| Ok(p.clone());
}

/// `bytes.fromhex(s)`, `bytearray.fromhex(s)`, `float.fromhex(s)`.
pub(crate) fn fromhex(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    crate::object::args::no_kwargs("fromhex", kw)?;
    let (cls, rest) = crate::object::args::receiver(None, args)?;
    crate::object::args::arity("fromhex", rest, 1, 1)?;
    let kind = match cls.as_obj() {
        Some(Object::Class(c)) => c.builtin_base,
        _ => TypeKind::Bytes,
    };
    let v = match kind {
        TypeKind::Float => crate::types::number_methods::float_fromhex(rest)?,
        _ => crate::types::bytes::fromhex(rest, kind == TypeKind::ByteArray)?,
    };
    if crate::object::builtin_types::is_class_object(cls) {
        return crate::object::upcalls::call(vm, cls, &[v], &[]);
    }
    Ok(v)
}

/// `dict.fromkeys(iterable, value=None)` (a class method: `cls` may be a
/// dict subclass).
pub(crate) fn dict_fromkeys(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    crate::object::args::no_kwargs("fromkeys", kw)?;
    let (cls, rest) = crate::object::args::receiver(None, args)?;
    crate::object::args::arity("fromkeys", rest, 1, 2)?;
    let value = rest.get(1).cloned().unwrap_or_default();
    let keys = crate::protocol::to_vec(vm, &rest[0])?;
    let d = crate::object::upcalls::call(vm, cls, &[], &[])?;
    for k in keys {
        crate::protocol::setitem(vm, &d, &k, value.clone())?;
    }
    Ok(d)
}

fn builtin_value(name: &'static str, func: BuiltinFn) -> Value {
    Value::obj(NewObject::Builtin(Builtin { name, func }))
}

/// `int.__round__(ndigits=None)`, `float.__round__`: `round()`.
fn s_round(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    crate::object::args::arity("__round__", rest, 0, 1)?;
    crate::types::number::round(
        unwrap(recv),
        rest.first().filter(|v| !matches!(v, Value::None)),
    )
}

/// `int.__divmod__(other)` and the reflected `__rdivmod__`.
fn s_divmod(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    let other = one_arg(rest)?;
    let pair = [unwrap(recv).clone(), unwrap(other).clone()];
    or_not_implemented(crate::types::number::divmod(&pair[0], &pair[1]))
}

fn s_rdivmod(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (recv, rest) = crate::object::args::receiver(s, args)?;
    let other = one_arg(rest)?;
    let pair = [unwrap(other).clone(), unwrap(recv).clone()];
    or_not_implemented(crate::types::number::divmod(&pair[0], &pair[1]))
}

/// The slot wrapper (`int.__add__`, `list.__len__`, …) or constructor
/// method (`__new__`, `__init__`) `name` of built-in type `t`, if the type
/// defines it: what its type dict holds besides its method table.
pub fn type_attr(t: TypeKind, name: &str) -> Option<Value> {
    if t == TypeKind::Type {
        return crate::types::metaclass::type_attr(name);
    }
    if !has_payload(t)
        && !matches!(
            t,
            TypeKind::Bool
                | TypeKind::Range
                | TypeKind::Complex
                | TypeKind::Slice
                | TypeKind::NoneType
        )
    {
        return None;
    }
    dunder(t, name)
}

/// The slot wrapper `name` of built-in type `t`, if the type defines that
/// slot itself (as CPython's type does: `bool` inherits most of `int`'s,
/// immutable types inherit `object.__init__`, only the numbers and `str`
/// have their own `__format__`).
fn dunder(t: TypeKind, name: &str) -> Option<Value> {
    use TypeKind::*;
    let number = matches!(t, Int | Float);
    let sequence = matches!(t, Str | List | Tuple | Bytes | ByteArray | Range);
    let container = sequence || matches!(t, Dict | Set | FrozenSet);
    if t == Bool && !matches!(name, "__repr__" | "__new__") && binary_slot(name).is_none() {
        return None;
    }
    if t == NoneType && !matches!(name, "__repr__" | "__new__" | "__bool__") {
        return None;
    }
    let f: (&'static str, BuiltinFn) = match name {
        "__repr__" => ("__repr__", s_repr),
        "__str__" if t == Str => ("__str__", s_str),
        "__format__" if number || matches!(t, Str | Complex) => ("__format__", s_format),
        "__hash__" if is_mutable(t) || t == Slice => return Some(Value::None),
        "__hash__" => ("__hash__", s_hash),
        "__init__" if is_mutable(t) => ("__init__", s_init),
        "__new__" => {
            return Some(Value::obj(crate::object::heap::NewObject::StaticMethod(
                builtin_value("__new__", s_new),
            )))
        }
        "__len__" if container => ("__len__", s_len),
        "__iter__" if container => ("__iter__", s_iter),
        "__contains__" if container => ("__contains__", s_contains),
        "__getitem__" if sequence || t == Dict => ("__getitem__", s_getitem),
        "__setitem__" if matches!(t, List | Dict | ByteArray) => ("__setitem__", s_setitem),
        "__delitem__" if matches!(t, List | Dict | ByteArray) => ("__delitem__", s_delitem),
        "__neg__" if number || t == Complex => ("__neg__", s_neg),
        "__pos__" if number || t == Complex => ("__pos__", s_pos),
        "__abs__" if number || t == Complex => ("__abs__", s_abs),
        "__int__" if number => ("__int__", s_int),
        "__float__" if number => ("__float__", s_float),
        "__bool__" if number || matches!(t, Range | Complex | NoneType) => ("__bool__", s_bool),
        "__floor__" if number => ("__floor__", s_floor),
        "__ceil__" if number => ("__ceil__", s_ceil),
        "__trunc__" if number => ("__trunc__", s_trunc),
        "__round__" if number => ("__round__", s_round),
        "__divmod__" if number => ("__divmod__", s_divmod),
        "__rdivmod__" if number => ("__rdivmod__", s_rdivmod),
        "__reversed__" if matches!(t, List | Dict | Range) => ("__reversed__", s_reversed),
        "__getnewargs__" if matches!(t, Int | Float | Str | Tuple | Bytes | Complex) => {
            ("__getnewargs__", s_getnewargs)
        }
        "__invert__" if t == Int => ("__invert__", s_invert),
        "__index__" if t == Int => ("__index__", s_index),
        "__complex__" if t == Complex => ("__complex__", s_index),
        _ => match compare_slot(name) {
            Some(f) if t != Bool => f,
            Some(_) => return None,
            None => {
                let (n, f, op, kind) = binary_slot(name)?;
                if !type_has_binary(t, op, kind) {
                    return None;
                }
                (n, f)
            }
        },
    };
    Some(builtin_value(f.0, f.1))
}

/// Calls a method descriptor (`str.join(sep, items)`) or slot wrapper
/// (`int.__add__(1, 2)`, `wrapper`): the first argument is the object,
/// which must be an instance of the owning type.
pub fn call_descr(
    vm: &mut Vm,
    owner: TypeKind,
    builtin: &Builtin,
    wrapper: bool,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<Value> {
    let name = builtin.name;
    let Some((recv, rest)) = args.split_first().filter(|_| args.len() > kwnames.len()) else {
        let msg = if wrapper {
            format!(
                "descriptor '{name}' of '{}' object needs an argument",
                owner.name()
            )
        } else {
            format!("unbound method {}.{name}() needs an argument", owner.name())
        };
        return raise(ExcKind::TypeError, msg);
    };
    if !crate::object::classes::is_instance_of(recv, &type_object(owner)) {
        let msg = if wrapper {
            format!(
                "descriptor '{name}' requires a '{}' object but received a '{}'",
                owner.name(),
                type_name(recv)
            )
        } else {
            format!(
                "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
                owner.name(),
                type_name(recv)
            )
        };
        return raise(ExcKind::TypeError, msg);
    }
    let (pos, kw) = crate::object::args::split_keywords(rest, kwnames);
    // (A slot wrapper gets the object itself, as when it is bound.)
    let recv = if wrapper { recv } else { unwrap(recv) };
    (builtin.func)(vm, Some(recv), pos, &kw)
}

/// For operators: when neither operand's special methods answered, the
/// payloads themselves (`[1] + MyList([2])`).
pub fn retry_with_payloads(a: &Value, b: &Value) -> Option<(Value, Value)> {
    if payload(a).is_none() && payload(b).is_none() {
        return None;
    }
    Some((unwrap(a).clone(), unwrap(b).clone()))
}
