//! Built-in functions, types, attribute access on built-in objects, the
//! `math` module and `import` of sibling `.py` modules.

use crate::modules::introspect;
use crate::object::args::{arity, no_kwargs};
use crate::object::classes;
use crate::object::dict::Dict;
use crate::object::exceptions::{err_matches, raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{
    as_str, new_list, new_str, new_tuple, type_name, Builtin, Module, Object, TypeKind,
};
use crate::object::heap::{DictViewObj, RangeObj, SetObj};
use crate::object::value::{ObjRef, Value};
use crate::protocol;
use crate::protocol::ops::{self, int_of, int_value, IntVal};
use crate::protocol::repr::{repr, str_of};
use crate::protocol::to_vec;
use crate::types::list::{sort_kwargs, sort_values};
use crate::vm::interp::call;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use std::cell::RefCell;
use std::rc::Rc;
use taipan_bytecode::opcode::CompareOp;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn builtin(name: &'static str, func: crate::object::heap::BuiltinFn) -> Value {
    Value::obj(NewObject::Builtin(Builtin { name, func }))
}

/// Fills the builtins namespace.
pub fn install(vm: &mut Vm) {
    let funcs: &[(&'static str, crate::object::heap::BuiltinFn)] = &[
        ("print", b_print),
        // CPython's `site` adds these; programs call them to end.
        ("exit", crate::modules::sys::sys_exit),
        ("quit", crate::modules::sys::sys_exit),
        ("len", b_len),
        ("abs", b_abs),
        ("min", b_min),
        ("max", b_max),
        ("repr", b_repr),
        ("isinstance", introspect::b_isinstance),
        ("sum", b_sum),
        ("sorted", b_sorted),
        ("round", b_round),
        ("divmod", b_divmod),
        ("chr", b_chr),
        ("ord", b_ord),
        ("iter", b_iter),
        ("next", b_next),
        ("getattr", introspect::b_getattr),
        ("setattr", introspect::b_setattr),
        ("hasattr", introspect::b_hasattr),
        ("delattr", introspect::b_delattr),
        ("issubclass", introspect::b_issubclass),
        ("callable", introspect::b_callable),
        ("id", introspect::b_id),
        ("hash", introspect::b_hash),
        ("__build_class__", introspect::b_build_class),
        ("format", b_format),
        ("vars", introspect::b_vars),
        ("locals", introspect::b_vars),
        ("globals", introspect::b_globals),
        ("eval", crate::vm::eval_exec::b_eval),
        ("exec", crate::vm::eval_exec::b_exec),
        ("compile", crate::vm::eval_exec::b_compile),
        ("dir", introspect::b_dir),
        ("open", crate::modules::io::open),
        ("input", crate::types::stream::b_input),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("pow", b_pow),
        ("enumerate", crate::types::iterator_adapters::b_enumerate),
        ("zip", crate::types::iterator_adapters::b_zip),
        ("map", crate::types::iterator_adapters::b_map),
        ("filter", crate::types::iterator_adapters::b_filter),
        ("reversed", crate::types::iterator_adapters::b_reversed),
        ("any", crate::types::iterator_adapters::b_any),
        ("all", crate::types::iterator_adapters::b_all),
        ("ascii", b_ascii),
        ("__import__", crate::vm::imports::b_import),
    ];
    let types = [
        TypeKind::Int,
        TypeKind::Float,
        TypeKind::Str,
        TypeKind::Bool,
        TypeKind::List,
        TypeKind::Tuple,
        TypeKind::Dict,
        TypeKind::Set,
        TypeKind::FrozenSet,
        TypeKind::Range,
        TypeKind::Type,
        TypeKind::Object,
        TypeKind::Bytes,
        TypeKind::ByteArray,
        TypeKind::MemoryView,
        TypeKind::Slice,
        TypeKind::Complex,
        TypeKind::Super,
        TypeKind::Property,
        TypeKind::StaticMethod,
        TypeKind::ClassMethod,
    ];
    if let Object::Dict(d) = vm.builtins.get() {
        let mut d = d.borrow_mut();
        for (name, f) in funcs {
            d.set_str(name, builtin(name, *f));
        }
        for t in types {
            d.set_str(t.name(), classes::type_object(t));
        }
        for k in ExcKind::ALL {
            d.set_str(k.name(), classes::type_object(TypeKind::Exception(*k)));
        }
        // The module's own name, which `eval("__name__", {})` finds.
        d.set_str("__name__", new_str("builtins"));
        d.set_str("__debug__", Value::Bool(true));
        d.set_str("NotImplemented", classes::not_implemented());
        d.set_str("Ellipsis", classes::ellipsis());
        d.set_str(
            "IOError",
            classes::type_object(TypeKind::Exception(ExcKind::OSError)),
        );
        d.set_str(
            "EnvironmentError",
            classes::type_object(TypeKind::Exception(ExcKind::OSError)),
        );
    }
    if let Ok(eg) = crate::types::exception_group::exception_group_class(vm) {
        if let Object::Dict(d) = vm.builtins.get() {
            d.borrow_mut().set_str("ExceptionGroup", eg);
        }
    }
}

fn b_print(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut flush = false;
    let mut file = None;
    for (k, v) in kw {
        let text = || -> PyResult<Option<String>> {
            match v {
                Value::None => Ok(None),
                _ => match as_str(v) {
                    Some(s) => Ok(Some(s.to_string())),
                    None => raise(
                        ExcKind::TypeError,
                        format!("{k} must be None or a string, not {}", type_name(v)),
                    ),
                },
            }
        };
        match &**k {
            "sep" => sep = text()?.unwrap_or_else(|| " ".into()),
            "end" => end = text()?.unwrap_or_else(|| "\n".into()),
            "flush" => flush = ops::truthy(v),
            "file" if matches!(v, Value::None) => {}
            "file" => file = Some(v.clone()),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for print()"),
                )
            }
        }
    }
    // `sys.stdout` may have been replaced (`sys.stdout = f`).
    let file = match file {
        None => crate::modules::sys::replaced_stdout(vm),
        f => f,
    };
    if let Some(f) = file
        .as_ref()
        .filter(|f| !matches!(f.as_obj(), Some(Object::Stream(_))))
    {
        // A file object of the program's: one `write` per piece, as
        // CPython's print makes them.
        let write = protocol::getattr(vm, f, "write")?;
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                call(vm, &write, &[new_str(sep.clone())], &[])?;
            }
            let text = str_of(vm, a)?;
            call(vm, &write, &[new_str(text)], &[])?;
        }
        call(vm, &write, &[new_str(end)], &[])?;
        if flush {
            if let Ok(fl) = protocol::getattr(vm, f, "flush") {
                call(vm, &fl, &[], &[])?;
            }
        }
        return Ok(Value::None);
    }
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&str_of(vm, a)?);
    }
    out.push_str(&end);
    // Here `file` is None or one of the standard streams.
    match file.as_ref().and_then(Value::as_obj) {
        Some(Object::Stream(s)) => crate::types::stream::write_stream(vm, *s, &out)?,
        _ => vm
            .stdout
            .write_all(out.as_bytes())
            .map_err(|e| crate::types::stream::stream_error(&e))?,
    }
    if flush {
        vm.stdout
            .flush()
            .map_err(|e| crate::types::stream::stream_error(&e))?;
    }
    Ok(Value::None)
}

use std::io::Write;

/// `len(v)`.
pub fn length(v: &Value) -> PyResult<usize> {
    Ok(match v.as_obj() {
        Some(Object::Str(s)) => s.chars,
        Some(Object::List(l)) => l.borrow().len(),
        Some(Object::Tuple(t)) => t.len(),
        Some(Object::Dict(d)) => d.borrow().len(),
        Some(Object::Set(SetObj { table, .. })) => table.borrow().len(),
        Some(Object::DictView(DictViewObj { dict, .. })) => match dict.as_obj() {
            Some(Object::Dict(d)) => d.borrow().len(),
            _ => 0,
        },
        Some(Object::Bytes(b)) => b.len(),
        Some(Object::ByteArray(b)) => b.borrow().len(),
        Some(Object::Range(RangeObj { start, stop, step })) => {
            ops::range_len(*start, *stop, *step) as usize
        }
        _ => {
            return raise(
                ExcKind::TypeError,
                format!("object of type '{}' has no len()", type_name(v)),
            )
        }
    })
}

fn b_len(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    match (args, kw) {
        ([v], []) => Ok(Value::Int(protocol::len(vm, v)? as i64)),
        _ => {
            no_kwargs("len", kw)?;
            arity("len", args, 1, 1)?;
            Ok(Value::Int(protocol::len(vm, &args[0])? as i64))
        }
    }
}

pub fn b_abs(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("abs", kw)?;
    arity("abs", args, 1, 1)?;
    protocol::unary_op(vm, crate::object::type_slots::UnaryOp::Absolute, &args[0])
}

fn min_max(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
    want: CompareOp,
) -> PyResult<Value> {
    let mut key = None;
    let mut default = None;
    for (k, v) in kw {
        match &**k {
            "key" if !matches!(v, Value::None) => key = Some(v.clone()),
            "key" => {}
            "default" => default = Some(v.clone()),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{k}' is an invalid keyword argument for {name}()"),
                )
            }
        }
    }
    let items = match args.len() {
        0 => {
            return raise(
                ExcKind::TypeError,
                format!("{name} expected at least 1 argument, got 0"),
            )
        }
        1 => to_vec(vm, &args[0])?,
        _ => args.to_vec(),
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => call(vm, f, std::slice::from_ref(&item), &[])?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => protocol::compare_bool(vm, want, &k, bk)?,
        };
        if better {
            best = Some((k, item));
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => raise(
                ExcKind::ValueError,
                format!("{name}() arg is an empty sequence"),
            ),
        },
    }
}

fn b_min(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    min_max(vm, "min", args, kw, CompareOp::Lt)
}

fn b_max(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    min_max(vm, "max", args, kw, CompareOp::Gt)
}

fn b_repr(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("repr", kw)?;
    arity("repr", args, 1, 1)?;
    Ok(new_str(repr(vm, &args[0])?))
}

fn radix_repr(name: &str, args: &[Value], kw: Kw<'_>, radix: u32, prefix: &str) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 1, 1)?;
    let big: BigInt = match int_of(&args[0]) {
        Some(IntVal::Small(i)) => BigInt::from(i),
        Some(IntVal::Big(b)) => b.clone(),
        None => return crate::protocol::ops::not_an_integer(&args[0]),
    };
    let sign = if big.is_negative() { "-" } else { "" };
    Ok(new_str(format!(
        "{sign}{prefix}{}",
        big.abs().to_str_radix(radix)
    )))
}

fn b_hex(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = protocol::index_args(vm, args)?;
    radix_repr("hex", &args, kw, 16, "0x")
}

fn b_oct(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = protocol::index_args(vm, args)?;
    radix_repr("oct", &args, kw, 8, "0o")
}

fn b_bin(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = protocol::index_args(vm, args)?;
    radix_repr("bin", &args, kw, 2, "0b")
}

/// `pow(base, exp[, mod])`; the three-argument form on ints, with
/// modular inverses for negative exponents as CPython 3.8+.
fn b_pow(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("pow", kw)?;
    if args.len() < 2 || args.len() > 3 {
        return raise(
            ExcKind::TypeError,
            format!("pow expected 2 or 3 arguments, got {}", args.len()),
        );
    }
    let Some(m) = args.get(2).filter(|m| !matches!(m, Value::None)) else {
        return protocol::binary(
            vm,
            taipan_bytecode::opcode::BinaryOp::Power as u32,
            &args[0],
            &args[1],
        );
    };
    let to_big = |v: &Value| match int_of(v) {
        Some(IntVal::Small(i)) => Some(BigInt::from(i)),
        Some(IntVal::Big(b)) => Some(b.clone()),
        None => None,
    };
    let (Some(b), Some(e), Some(m)) = (to_big(&args[0]), to_big(&args[1]), to_big(m)) else {
        return raise(
            ExcKind::TypeError,
            "pow() 3rd argument not allowed unless all arguments are integers",
        );
    };
    if m == BigInt::from(0) {
        return raise(ExcKind::ValueError, "pow() 3rd argument cannot be 0");
    }
    let modulus = m.abs();
    let mut base = ((b % &modulus) + &modulus) % &modulus;
    let mut exp = e;
    if exp.is_negative() {
        base = match mod_inverse(&base, &modulus) {
            Some(inv) => inv,
            None => {
                return raise(
                    ExcKind::ValueError,
                    "base is not invertible for the given modulus",
                )
            }
        };
        exp = -exp;
    }
    let mut r = base.modpow(&exp, &modulus);
    // The result takes the sign of the modulus, as `%` does.
    if m.is_negative() && r != BigInt::from(0) {
        r += &m;
    }
    Ok(int_value(r))
}

/// The inverse of `a` modulo `m`, if `a` and `m` are coprime.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::from(1), BigInt::from(0));
    while r != BigInt::from(0) {
        let q = &old_r / &r;
        let next_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, next_r);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
    }
    if old_r != BigInt::from(1) {
        return None;
    }
    Some(((old_s % m) + m) % m)
}

fn b_format(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("format", kw)?;
    arity("format", args, 1, 2)?;
    let spec = match args.get(1) {
        None => "",
        Some(s) => match as_str(s) {
            Some(s) => s,
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!("format() argument 2 must be str, not {}", type_name(s)),
                )
            }
        },
    };
    Ok(new_str(crate::protocol::format::format_value(
        vm, &args[0], spec,
    )?))
}

fn b_ascii(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("ascii", kw)?;
    arity("ascii", args, 1, 1)?;
    Ok(new_str(crate::protocol::format::ascii(vm, &args[0])?))
}

fn b_sum(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut start = Value::Int(0);
    for (k, v) in kw {
        if &**k == "start" {
            start = v.clone();
        } else {
            return raise(
                ExcKind::TypeError,
                format!("'{k}' is an invalid keyword argument for sum()"),
            );
        }
    }
    arity("sum", args, 1, 2)?;
    if args.len() == 2 {
        start = args[1].clone();
    }
    if as_str(&start).is_some() {
        return raise(
            ExcKind::TypeError,
            "sum() can't sum strings [use ''.join(seq) instead]",
        );
    }
    let mut acc = start;
    for item in to_vec(vm, &args[0])? {
        acc = protocol::binary(
            vm,
            taipan_bytecode::opcode::BinaryOp::Add as u32,
            &acc,
            &item,
        )?;
    }
    Ok(acc)
}

fn b_sorted(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("sorted", args, 1, 1)?;
    let (key, reverse) = sort_kwargs(kw, "sort")?;
    let mut items = to_vec(vm, &args[0])?;
    sort_values(vm, &mut items, key.as_ref(), reverse)?;
    Ok(new_list(items))
}

pub(crate) fn b_round(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("round", kw)?;
    arity("round", args, 1, 2)?;
    let ndigits = args.get(1).filter(|v| !matches!(v, Value::None));
    if classes::is_instance(&args[0]) {
        if let Some(r) = classes::call_special(vm, &args[0], "__round__", &args[1..])? {
            return Ok(r);
        }
    }
    match (crate::protocol::subclass::unwrap(&args[0]), ndigits) {
        (Value::Float(f), None) => {
            if !f.is_finite() {
                let msg = if f.is_nan() {
                    "cannot convert float NaN to integer"
                } else {
                    "cannot convert float infinity to integer"
                };
                return raise(
                    if f.is_nan() {
                        ExcKind::ValueError
                    } else {
                        ExcKind::OverflowError
                    },
                    msg,
                );
            }
            let r = f.round_ties_even();
            Ok(match num_traits::FromPrimitive::from_f64(r) {
                Some(b) => int_value(b),
                None => Value::Int(0),
            })
        }
        (Value::Float(f), Some(nd)) => {
            let Some(IntVal::Small(n)) = int_of(nd) else {
                return raise(
                    ExcKind::TypeError,
                    "'float' object cannot be interpreted as an integer",
                );
            };
            if !f.is_finite() || n > 308 {
                return Ok(Value::Float(*f));
            }
            if n < -308 {
                // Every finite float rounds to a signed zero.
                return Ok(Value::Float(0.0f64.copysign(*f)));
            }
            // Correctly rounded via the shortest decimal repr of the scaled value.
            let s = format!("{:.*}", n.max(0) as usize, f);
            let r: f64 = if n >= 0 {
                s.parse().unwrap_or(*f)
            } else {
                let p = 10f64.powi((-n) as i32);
                (f / p).round_ties_even() * p
            };
            Ok(Value::Float(r))
        }
        (v, nd) if int_of(v).is_some() => {
            let n = match nd.map(int_of) {
                None => 0,
                Some(Some(IntVal::Small(n))) => n,
                Some(Some(IntVal::Big(b))) if b.is_negative() => i64::MIN,
                Some(Some(IntVal::Big(_))) => 0,
                Some(None) => return ops::not_an_integer(nd.unwrap_or(v)),
            };
            let x = match int_of(v) {
                Some(IntVal::Small(i)) => BigInt::from(i),
                Some(IntVal::Big(b)) => b.clone(),
                None => BigInt::from(0),
            };
            if n >= 0 {
                return Ok(int_value(x));
            }
            if n < -4300 {
                return Ok(Value::Int(0));
            }
            // Round half to even at 10**-n, as int.__round__.
            let p = num_traits::pow(BigInt::from(10), (-n) as usize);
            let (q, r): (BigInt, BigInt) = num_integer::Integer::div_mod_floor(&x, &p);
            let twice: BigInt = &r * 2;
            let q = match twice.cmp(&p) {
                std::cmp::Ordering::Greater => q + 1,
                std::cmp::Ordering::Equal if num_integer::Integer::is_odd(&q) => q + 1,
                _ => q,
            };
            Ok(int_value(q * p))
        }
        _ => raise(
            ExcKind::TypeError,
            format!(
                "type {} doesn't define __round__ method",
                type_name(&args[0])
            ),
        ),
    }
}

pub(crate) fn b_divmod(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("divmod", kw)?;
    arity("divmod", args, 2, 2)?;
    use taipan_bytecode::opcode::BinaryOp;
    let q = ops::binary_op(BinaryOp::FloorDivide, &args[0], &args[1])?;
    let r = ops::binary_op(BinaryOp::Remainder, &args[0], &args[1])?;
    Ok(new_tuple(vec![q, r]))
}

fn b_chr(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("chr", kw)?;
    arity("chr", args, 1, 1)?;
    match int_of(&args[0]) {
        Some(IntVal::Small(i)) if (0..=0x10FFFF).contains(&i) => Ok(new_str(
            char::from_u32(i as u32).unwrap_or('\u{FFFD}').to_string(),
        )),
        Some(_) => raise(ExcKind::ValueError, "chr() arg not in range(0x110000)"),
        None => crate::protocol::ops::not_an_integer(&args[0]),
    }
}

fn b_ord(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("ord", kw)?;
    arity("ord", args, 1, 1)?;
    match as_str(&args[0]) {
        Some(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64)))
        }
        Some(s) => raise(
            ExcKind::TypeError,
            format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ),
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "ord() expected string of length 1, but {} found",
                type_name(&args[0])
            ),
        ),
    }
}

fn b_iter(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("iter", kw)?;
    arity("iter", args, 1, 2)?;
    if let [func, sentinel] = args {
        if !classes::is_callable(func) {
            return raise(ExcKind::TypeError, "iter(v, w): v must be callable");
        }
        return Ok(crate::types::iterator_adapters::call_iter(
            func.clone(),
            sentinel.clone(),
        ));
    }
    protocol::get_iter(vm, &args[0])
}

fn b_next(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("next", kw)?;
    arity("next", args, 1, 2)?;
    if let Some(Object::Generator(_)) = args[0]
        .as_obj()
        .filter(|_| !crate::vm::coroutines::is_coroutine(&args[0]))
    {
        return match crate::vm::generators::resume(vm, &args[0], Value::None, None)? {
            crate::vm::frames::FrameExit::Yield(v) => Ok(v),
            crate::vm::frames::FrameExit::Return(v) => match args.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(crate::vm::generators::stop_iteration(v)),
            },
        };
    }
    if classes::is_instance(&args[0]) {
        // Without a default, __next__'s own StopIteration propagates.
        return match classes::call_special(vm, &args[0], "__next__", &[]) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => raise(
                ExcKind::TypeError,
                format!("'{}' object is not an iterator", type_name(&args[0])),
            ),
            Err(e) if args.len() == 2 && err_matches(&e, ExcKind::StopIteration) => {
                Ok(args[1].clone())
            }
            Err(e) => Err(e),
        };
    }
    match crate::protocol::iter_next(vm, &args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::with_args(ExcKind::StopIteration, vec![])),
        },
    }
}

/// Parses `int(str, base)`.
/// CPython 3.11's limit on decimal (non-power-of-two base) conversions
/// of huge strings to ints.
fn digits_within_limit(s: &str, base: u32) -> PyResult<()> {
    let limit = crate::object::state::int_max_str_digits();
    if limit == 0 || base.is_power_of_two() || s.len() <= limit {
        return Ok(());
    }
    let digits = s.bytes().filter(|b| b.is_ascii_alphanumeric()).count();
    if digits > limit {
        return raise(
            ExcKind::ValueError,
            format!(
                "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
        );
    }
    Ok(())
}

fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = t.to_ascii_lowercase();
    let (base, digits) = match (base, lower.get(..2)) {
        (16 | 0, Some("0x")) => (16, &t[2..]),
        (8 | 0, Some("0o")) => (8, &t[2..]),
        (2 | 0, Some("0b")) => (2, &t[2..]),
        (0, _) => (0, t),
        (b, _) => (b, t),
    };
    // Base 0 reads decimals as literals do: no leading zeros ("08").
    let (base, no_leading_zero) = if base == 0 { (10, true) } else { (base, false) };
    let digits = digits.strip_prefix('_').unwrap_or(digits);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if no_leading_zero && clean.starts_with('0') && clean.bytes().any(|c| c != b'0') {
        return None;
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if neg { -v } else { v })
}

/// Parses `float(str)`.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    let neg = lower.starts_with('-');
    let special = match body {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    if t.contains("__")
        || t.starts_with('_')
        || t.ends_with('_')
        || lower.contains("inf")
        || lower.contains("nan")
    {
        return None;
    }
    let clean: String = t.chars().filter(|&c| c != '_').collect();
    clean.parse::<f64>().ok()
}

/// Calls a built-in type: `int(x)`, `str(x)`, `list(it)`, `ValueError("m")`, …
pub fn construct(vm: &mut Vm, t: TypeKind, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let name = t.name();
    if !matches!(
        t,
        TypeKind::Int
            | TypeKind::Dict
            | TypeKind::Set
            | TypeKind::FrozenSet
            | TypeKind::Str
            | TypeKind::Bytes
            | TypeKind::ByteArray
            | TypeKind::Complex
            | TypeKind::MemoryView
            | TypeKind::Type
            | TypeKind::Property
            | TypeKind::Module
    ) {
        no_kwargs(name, kw)?;
    }
    match t {
        TypeKind::Super => introspect::b_super(vm, None, args, kw),
        TypeKind::Property => crate::types::property::b_property(vm, None, args, kw),
        TypeKind::StaticMethod => introspect::b_staticmethod(vm, None, args, kw),
        TypeKind::ClassMethod => introspect::b_classmethod(vm, None, args, kw),
        crate::types::mapping_proxy::KIND => crate::types::mapping_proxy::construct(vm, args),
        TypeKind::Set | TypeKind::FrozenSet => {
            crate::types::set::construct(vm, t == TypeKind::FrozenSet, args, kw)
        }
        TypeKind::WeakRef => {
            arity("__new__", args, 1, 2)?;
            crate::object::weakref::new_ref(
                &args[0],
                args.get(1).cloned().unwrap_or_default(),
                crate::object::weakref::RefKind::Ref,
            )
        }
        TypeKind::Int => {
            let mut base = None;
            for (k, v) in kw {
                if &**k == "base" {
                    base = Some(v.clone());
                } else {
                    return raise(
                        ExcKind::TypeError,
                        format!("'{k}' is an invalid keyword argument for int()"),
                    );
                }
            }
            arity("int", args, 0, 2)?;
            if args.len() == 2 {
                base = Some(args[1].clone());
            }
            let Some(x) = args.first() else {
                return Ok(Value::Int(0));
            };
            if classes::is_instance(x)
                && crate::protocol::subclass::payload(x).is_none()
                && base.is_none()
            {
                for hook in ["__int__", "__index__"] {
                    if let Some(r) = classes::call_special(vm, x, hook, &[])? {
                        return Ok(r);
                    }
                }
            }
            let x = crate::protocol::subclass::unwrap(x);
            // Bytes-like digits read as their ASCII text.
            let digits_of_bytes = match x.as_obj() {
                Some(Object::Bytes(_) | Object::ByteArray(_) | Object::MemoryView(_)) => {
                    crate::types::bytes::bytes_of(x)
                        .map(|b| b.iter().map(|&c| c as char).collect::<String>())
                }
                _ => None,
            };
            let base = match (&base, &digits_of_bytes) {
                (None, Some(_)) => Some(Value::Int(10)),
                _ => base,
            };
            if let Some(b) = base {
                let Some(IntVal::Small(b)) = int_of(&b) else {
                    return raise(
                        ExcKind::TypeError,
                        "'str' object cannot be interpreted as an integer",
                    );
                };
                let Some(s) = as_str(x).or(digits_of_bytes.as_deref()) else {
                    return raise(
                        ExcKind::TypeError,
                        "int() can't convert non-string with explicit base",
                    );
                };
                if !(b == 0 || (2..=36).contains(&b)) {
                    return raise(
                        ExcKind::ValueError,
                        "int() base must be >= 2 and <= 36, or 0",
                    );
                }
                digits_within_limit(s, b as u32)?;
                return match parse_int(s, b as u32) {
                    Some(v) => Ok(int_value(v)),
                    None => raise(
                        ExcKind::ValueError,
                        format!("invalid literal for int() with base {b}: {}", repr(vm, x)?),
                    ),
                };
            }
            match x {
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                Value::Float(f) => {
                    if f.is_nan() {
                        return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
                    }
                    if f.is_infinite() {
                        return raise(ExcKind::OverflowError, "cannot convert float infinity to integer");
                    }
                    Ok(match num_traits::FromPrimitive::from_f64(f.trunc()) {
                        Some(b) => int_value(b),
                        None => Value::Int(0),
                    })
                }
                v if int_of(v).is_some() => Ok(v.clone()),
                v => match as_str(v) {
                    Some(s) => match digits_within_limit(s, 10).and(Ok(parse_int(s, 10)))? {
                        Some(b) => Ok(int_value(b)),
                        None => raise(ExcKind::ValueError, format!("invalid literal for int() with base 10: {}", repr(vm, v)?)),
                    },
                    None => raise(
                        ExcKind::TypeError,
                        format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", type_name(v)),
                    ),
                },
            }
        }
        TypeKind::Float => {
            arity("float", args, 0, 1)?;
            let Some(x) = args.first() else {
                return Ok(Value::Float(0.0));
            };
            if classes::is_instance(x) && crate::protocol::subclass::payload(x).is_none() {
                for hook in ["__float__", "__index__"] {
                    if let Some(r) = classes::call_special(vm, x, hook, &[])? {
                        return Ok(match r {
                            Value::Float(_) => r,
                            other => Value::Float(to_f64(&other)?),
                        });
                    }
                }
            }
            let x = crate::protocol::subclass::unwrap(x);
            match x {
                Value::Float(_) => Ok(x.clone()),
                v => match int_of(v) {
                    Some(i) => Ok(Value::Float(ops::int_to_f64(&i)?)),
                    None => match as_str(v) {
                        Some(s) => match parse_float(s) {
                            Some(f) => Ok(Value::Float(f)),
                            None => raise(
                                ExcKind::ValueError,
                                format!("could not convert string to float: {}", repr(vm, v)?),
                            ),
                        },
                        None => raise(
                            ExcKind::TypeError,
                            format!(
                                "float() argument must be a string or a real number, not '{}'",
                                type_name(v)
                            ),
                        ),
                    },
                },
            }
        }
        TypeKind::Str if args.len() >= 2 || !kw.is_empty() => {
            arity("str", args, 1, 3)?;
            let Some(data) = crate::types::bytes::bytes_of(&args[0]) else {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "decoding to str: need a bytes-like object, {} found",
                        type_name(&args[0])
                    ),
                );
            };
            let text = |i: usize, k: &str| {
                args.get(i)
                    .or_else(|| kw.iter().find(|(n, _)| &**n == k).map(|(_, v)| v))
                    .and_then(as_str)
                    .map(str::to_string)
            };
            let encoding = text(1, "encoding").unwrap_or_else(|| "utf-8".into());
            let errors = text(2, "errors").unwrap_or_else(|| "strict".into());
            crate::types::bytes::decode(vm, &data, &encoding, &errors)
        }
        TypeKind::Str => {
            arity("str", args, 0, 1)?;
            Ok(new_str(match args.first() {
                Some(a) => str_of(vm, a)?,
                None => String::new(),
            }))
        }
        TypeKind::Bool => {
            arity("bool", args, 0, 1)?;
            Ok(Value::Bool(match args.first() {
                Some(a) => protocol::truthy(vm, a)?,
                None => false,
            }))
        }
        TypeKind::List => {
            arity("list", args, 0, 1)?;
            Ok(new_list(match args.first() {
                Some(v) => to_vec(vm, v)?,
                None => Vec::new(),
            }))
        }
        TypeKind::Tuple => {
            arity("tuple", args, 0, 1)?;
            Ok(new_tuple(match args.first() {
                Some(v) => to_vec(vm, v)?,
                None => Vec::new(),
            }))
        }
        TypeKind::Dict => {
            if args.len() > 1 {
                return raise(
                    ExcKind::TypeError,
                    format!("dict expected at most 1 argument, got {}", args.len()),
                );
            }
            let mut d = Dict::new();
            if let Some(src) = args.first() {
                // Any mapping (an object whose type has `keys`).
                let has_keys = crate::protocol::subclass::payload(src).is_none()
                    && classes::lookup(&classes::type_value(src), "keys").is_some();
                if let Some(Object::Dict(m)) = crate::protocol::subclass::unwrap(src).as_obj() {
                    d = m.borrow().clone();
                } else if has_keys {
                    // A mapping: its keys() and subscripts.
                    let keys = protocol::getattr(vm, src, "keys")?;
                    let keys = call(vm, &keys, &[], &[])?;
                    let cell = RefCell::new(Dict::new());
                    for k in to_vec(vm, &keys)? {
                        let v = protocol::getitem(vm, src, &k)?;
                        protocol::dict_set(vm, &cell, k, v)?;
                    }
                    d = cell.into_inner();
                } else {
                    for (i, item) in to_vec(vm, src)?.into_iter().enumerate() {
                        let pair = to_vec(vm, &item).map_err(|_| {
                            PyErr::new(
                                ExcKind::TypeError,
                                format!(
                                    "cannot convert dictionary update sequence element #{i} to a sequence"
                                ),
                            )
                        })?;
                        let [k, v] = <[Value; 2]>::try_from(pair).map_err(|p| {
                            PyErr::new(
                                ExcKind::ValueError,
                                format!(
                                    "dictionary update sequence element #{i} has length {}; 2 is required",
                                    p.len()
                                ),
                            )
                        })?;
                        d.set(k, v)?;
                    }
                }
            }
            for (k, v) in kw {
                d.set_str(k, v.clone());
            }
            Ok(Value::obj(NewObject::Dict(RefCell::new(d))))
        }
        TypeKind::Complex => crate::types::complex::construct(args, kw),
        TypeKind::MemoryView => crate::types::memoryview::construct(args, kw),
        TypeKind::Bytes | TypeKind::ByteArray => {
            crate::types::bytes::construct(vm, t == TypeKind::ByteArray, args, kw)
        }
        TypeKind::Slice => {
            arity("slice", args, 1, 3)?;
            let (start, stop, step) = match args {
                [stop] => (Value::None, stop.clone(), Value::None),
                [start, stop] => (start.clone(), stop.clone(), Value::None),
                _ => (args[0].clone(), args[1].clone(), args[2].clone()),
            };
            Ok(Value::obj(NewObject::Slice { start, stop, step }))
        }
        TypeKind::Range => {
            arity("range", args, 1, 3)?;
            let args = &protocol::index_args(vm, args)?[..];
            let mut v = [0i64; 3];
            for (slot, a) in v.iter_mut().zip(args) {
                *slot = match int_of(a) {
                    Some(IntVal::Small(i)) => i,
                    Some(IntVal::Big(_)) => return crate::types::long_range::construct(args),
                    None => return crate::protocol::ops::not_an_integer(a),
                };
            }
            let (start, stop, step) = match args.len() {
                1 => (0, v[0], 1),
                2 => (v[0], v[1], 1),
                _ => (v[0], v[1], v[2]),
            };
            if step == 0 {
                return raise(ExcKind::ValueError, "range() arg 3 must not be zero");
            }
            Ok(Value::obj(NewObject::Range { start, stop, step }))
        }
        TypeKind::Type => {
            if args.len() == 3 {
                return crate::object::metaclass::new_class_from_args(vm, None, args, None, kw);
            }
            no_kwargs("type", kw)?;
            if args.len() != 1 {
                return raise(ExcKind::TypeError, "type() takes 1 or 3 arguments");
            }
            Ok(classes::type_value(&args[0]))
        }
        TypeKind::Object => {
            if !args.is_empty() {
                return raise(ExcKind::TypeError, "object() takes no arguments");
            }
            Ok(Value::obj(NewObject::Bare))
        }
        // `types.ModuleType(name, doc=None)`.
        TypeKind::Module => {
            let a = crate::object::args::bind_args("module", &["name", "doc"], args, kw)?;
            let Some(mname) = a[0].as_ref() else {
                return raise(
                    ExcKind::TypeError,
                    "module.__init__() missing required argument 'name' (pos 1)",
                );
            };
            let Some(text) = as_str(mname) else {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "module.__init__() argument 'name' must be str, not {}",
                        type_name(mname)
                    ),
                );
            };
            let m = make_module(text, Vec::new());
            if let (Some(doc), Some(Object::Module(md))) = (&a[1], m.as_obj()) {
                if let Object::Dict(d) = md.dict.get() {
                    d.borrow_mut().set_str("__doc__", doc.clone());
                }
            }
            if let Some(Object::Module(md)) = m.as_obj() {
                if let Object::Dict(d) = md.dict.get() {
                    let mut d = d.borrow_mut();
                    d.set_str("__package__", Value::None);
                    d.set_str("__loader__", Value::None);
                    d.set_str("__spec__", Value::None);
                }
            }
            Ok(m)
        }
        // The singletons' types return the singleton (CPython 3.10+).
        TypeKind::NoneType | TypeKind::NotImplementedType | TypeKind::Ellipsis => {
            if !args.is_empty() || !kw.is_empty() {
                return raise(ExcKind::TypeError, format!("{name} takes no arguments"));
            }
            Ok(match t {
                TypeKind::NoneType => Value::None,
                TypeKind::NotImplementedType => classes::not_implemented(),
                _ => classes::ellipsis(),
            })
        }
        _ => raise(
            ExcKind::TypeError,
            format!("cannot create '{name}' instances"),
        ),
    }
}

/// `type(name, bases, namespace)`; `module` is the calling frame's
/// `__name__`, which becomes `__module__` unless the namespace has one.
pub fn type_new(vm: &mut Vm, args: &[Value], module: Option<Value>) -> PyResult<Value> {
    crate::object::metaclass::new_class_from_args(vm, None, args, module, &[])
}

/// Whether `v` is the type object `type`.
pub fn is_type_type(v: &Value) -> bool {
    crate::object::builtin_types::builtin_kind(v) == Some(TypeKind::Type)
}

// ---- modules ----------------------------------------------------------

/// A module object with the given attributes.
pub fn make_module(name: &str, attrs: Vec<(&str, Value)>) -> Value {
    let mut d = Dict::new();
    d.set_str("__name__", new_str(name));
    d.set_str("__doc__", Value::None);
    for (k, v) in attrs {
        d.set_str(k, v);
    }
    Value::obj(NewObject::Module(Module {
        name: name.into(),
        dict: ObjRef::new(NewObject::Dict(RefCell::new(d))),
    }))
}

/// Makes a built-in function value (for modules).
pub fn builtin_fn(name: &'static str, func: crate::object::heap::BuiltinFn) -> Value {
    builtin(name, func)
}

/// Checked conversion of an int/float argument to f64 (math functions).
pub fn to_f64(v: &Value) -> PyResult<f64> {
    match crate::protocol::subclass::unwrap(v) {
        Value::Float(f) => Ok(*f),
        _ => match int_of(v) {
            Some(i) => ops::int_to_f64(&i),
            None => raise(
                ExcKind::TypeError,
                format!("must be real number, not {}", type_name(v)),
            ),
        },
    }
}

/// The integer value of `v` as i64 when it fits.
pub fn small_int(v: &Value) -> Option<i64> {
    match int_of(v)? {
        IntVal::Small(i) => Some(i),
        IntVal::Big(b) => b.to_i64(),
    }
}
