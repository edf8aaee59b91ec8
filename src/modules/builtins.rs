//! Built-in functions, types, attribute access on built-in objects, the
//! `math` module and `import` of sibling `.py` modules.

use crate::modules::introspect;
use crate::object::args::{arity, no_kwargs};
use crate::object::classes;
use crate::object::exceptions::{err_matches, raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_list, new_str, type_name, Builtin, Object, TypeKind};
use crate::object::value::Value;
use crate::protocol;
use crate::protocol::ops::{self, int_of, int_value, IntVal};
use crate::protocol::repr::{repr, str_of};
use crate::protocol::to_vec;
use crate::types::list::{sort_kwargs, sort_values};
use crate::vm::interp::call;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
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
        ("aiter", crate::modules::async_builtins::b_aiter),
        ("anext", crate::modules::async_builtins::b_anext),
        ("getattr", introspect::b_getattr),
        ("setattr", introspect::b_setattr),
        ("hasattr", introspect::b_hasattr),
        ("delattr", introspect::b_delattr),
        ("issubclass", introspect::b_issubclass),
        ("callable", introspect::b_callable),
        ("id", introspect::b_id),
        ("hash", introspect::b_hash),
        ("__build_class__", crate::types::metaclass::b_build_class),
        ("format", b_format),
        ("vars", crate::vm::eval_exec::b_vars),
        ("locals", crate::vm::eval_exec::b_vars),
        ("globals", crate::vm::eval_exec::b_globals),
        ("eval", crate::vm::eval_exec::b_eval),
        ("exec", crate::vm::eval_exec::b_exec),
        ("compile", crate::modules::compile::b_compile),
        ("dir", crate::vm::eval_exec::b_dir),
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
            let v = builtin(name, *f);
            crate::object::heap::record_builtin_module(&v, "builtins");
            d.set_str(name, v);
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
    // CPython's `site` adds these; programs call them to end.
    for name in ["exit", "quit"] {
        if let Ok(q) = crate::types::quitter::new(vm, name) {
            if let Object::Dict(d) = vm.builtins.get() {
                d.borrow_mut().set_str(name, q);
            }
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
        .filter(|f| !matches!(f.as_obj(), Some(Object::Stream(s)) if !s.is_buffer()))
    {
        // A file object of the program's: one `write` per piece, as
        // CPython's print makes them.
        let write = protocol::getattr(vm, f, "write")?;
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                call(vm, &write, &[new_str(sep.clone())], &[])?;
            }
            let text = match a.as_obj() {
                Some(Object::Str(_)) => a.clone(),
                _ => new_str(str_of(vm, a)?),
            };
            call(vm, &write, &[text], &[])?;
        }
        call(vm, &write, &[new_str(end)], &[])?;
        if flush {
            if let Ok(fl) = protocol::getattr(vm, f, "flush") {
                call(vm, &fl, &[], &[])?;
            }
        }
        return Ok(Value::None);
    }
    let mut out = crate::object::surrogates::StrBuilder::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match a.as_obj() {
            Some(Object::Str(s)) => out.push_pystr(s),
            _ => out.push_str(&str_of(vm, a)?),
        }
    }
    out.push_str(&end);
    let out = out.finish();
    // Here `file` is None or one of the standard streams.
    let stream = match file.as_ref().and_then(Value::as_obj) {
        Some(Object::Stream(s)) => *s,
        _ => crate::object::kinds::Stream::Stdout,
    };
    crate::types::stream::write_pystr(vm, stream, &out)?;
    if flush {
        vm.stdout
            .flush()
            .map_err(|e| crate::types::stream::stream_error(&e))?;
    }
    Ok(Value::None)
}

use std::io::Write;

/// `len(x)`.
pub fn b_len(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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
    crate::types::number::round(&args[0], ndigits)
}

pub(crate) fn b_divmod(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("divmod", kw)?;
    arity("divmod", args, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    // Instances: `a.__divmod__(b)`, then `b.__rdivmod__(a)`.
    let not_impl = crate::object::classes::not_implemented();
    for (x, y, name) in [(a, b, "__divmod__"), (b, a, "__rdivmod__")] {
        let native = matches!(x.as_obj(), Some(Object::Native(_)));
        if !crate::object::classes::has_dunders(x) && !native {
            continue;
        }
        if let Some(r) = crate::object::classes::call_dunder(vm, x, name, std::slice::from_ref(y))?
        {
            if !r.is(&not_impl) {
                return Ok(r);
            }
        }
    }
    crate::types::number::divmod(a, b)
}

fn b_chr(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("chr", kw)?;
    arity("chr", args, 1, 1)?;
    match int_of(&args[0]) {
        Some(IntVal::Small(i)) if (0..256).contains(&i) => {
            Ok(crate::object::intern::char_str(char::from(i as u8)))
        }
        Some(IntVal::Small(i)) if (0..=0x10FFFF).contains(&i) => Ok(
            crate::object::heap::str_of_code_points(std::iter::once(i as u32)),
        ),
        Some(_) => raise(ExcKind::ValueError, "chr() arg not in range(0x110000)"),
        None => crate::protocol::ops::not_an_integer(&args[0]),
    }
}

fn b_ord(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("ord", kw)?;
    arity("ord", args, 1, 1)?;
    match crate::object::heap::as_pystr(&args[0]) {
        Some(s) if s.chars() == 1 => Ok(Value::Int(s.code_points().next().unwrap_or(0) as i64)),
        Some(s) => raise(
            ExcKind::TypeError,
            format!(
                "ord() expected a character, but string of length {} found",
                s.chars()
            ),
        ),
        None => {
            // bytes and bytearray of length 1 give their byte.
            let bytes = match crate::object::instance::unwrap(&args[0]).as_obj() {
                Some(Object::Bytes(b)) => Some(b.to_vec()),
                Some(Object::ByteArray(b)) => Some(b.borrow().to_vec()),
                _ => None,
            };
            match bytes {
                Some(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
                Some(b) => raise(
                    ExcKind::TypeError,
                    format!(
                        "ord() expected a character, but string of length {} found",
                        b.len()
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
    if matches!(
        args[0].as_obj(),
        Some(Object::Instance(_) | Object::Native(_))
    ) {
        // Without a default, __next__'s own StopIteration propagates
        // (with its value).
        return match classes::call_dunder(vm, &args[0], "__next__", &[]) {
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

// ---- modules ----------------------------------------------------------

/// The integer value of `v` as i64 when it fits.
pub fn small_int(v: &Value) -> Option<i64> {
    match int_of(v)? {
        IntVal::Small(i) => Some(i),
        IntVal::Big(b) => b.to_i64(),
    }
}
