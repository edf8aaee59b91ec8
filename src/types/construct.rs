//! The built-in types' constructors (`int(x)`, `dict(pairs, **kw)`,
//! `bytes(n)`, …: CPython's `tp_new` of each), called when a built-in
//! type object is called or a subclass instance needs its payload.

use crate::object::args::{arity, no_kwargs};
use crate::object::classes;
use crate::object::dict::Dict;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_list, new_str, new_tuple, type_name, Object, TypeKind};
use crate::object::value::Value;
use crate::protocol;
use crate::protocol::ops::{self, int_of, int_value, IntVal};
use crate::protocol::repr::{repr, str_of};
use crate::protocol::to_vec;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

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
        TypeKind::Super => crate::types::descriptor::b_super(vm, None, args, kw),
        TypeKind::Property => crate::types::property::b_property(vm, None, args, kw),
        TypeKind::StaticMethod => crate::types::descriptor::b_staticmethod(vm, None, args, kw),
        TypeKind::ClassMethod => crate::types::descriptor::b_classmethod(vm, None, args, kw),
        crate::object::heap::TypeKind::MAPPING_PROXY => {
            crate::types::mapping_proxy::construct(vm, args)
        }
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
                && crate::object::instance::payload(x).is_none()
                && base.is_none()
            {
                for hook in ["__int__", "__index__"] {
                    if let Some(r) = classes::call_special(vm, x, hook, &[])? {
                        return Ok(r);
                    }
                }
            }
            let x = crate::object::instance::unwrap(x);
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
                crate::types::number::digits_within_limit(s, b as u32)?;
                return match crate::types::number::parse_int(s, b as u32) {
                    Some(v) => Ok(int_value(v)),
                    None => raise(
                        ExcKind::ValueError,
                        format!(
                            "invalid literal for int() with base {b}: {}",
                            repr_200(vm, x)?
                        ),
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
                    Some(s) => match crate::types::number::parse_small_decimal(s) {
                        Some(i) => Ok(Value::Int(i)),
                        None => match crate::types::number::digits_within_limit(s, 10).and(Ok(crate::types::number::parse_int(s, 10)))? {
                        Some(b) => Ok(int_value(b)),
                        None => raise(ExcKind::ValueError, format!("invalid literal for int() with base 10: {}", repr_200(vm, v)?)),
                        },
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
            if classes::is_instance(x) && crate::object::instance::payload(x).is_none() {
                for hook in ["__float__", "__index__"] {
                    if let Some(r) = classes::call_special(vm, x, hook, &[])? {
                        return Ok(match r {
                            Value::Float(_) => r,
                            other => Value::Float(crate::types::number::to_f64(&other)?),
                        });
                    }
                }
            }
            let x = crate::object::instance::unwrap(x);
            match x {
                Value::Float(_) => Ok(x.clone()),
                v => match int_of(v) {
                    Some(i) => Ok(Value::Float(ops::int_to_f64(&i)?)),
                    None => match as_str(v) {
                        Some(s) => match crate::types::number::parse_float(s) {
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
            match args.first() {
                Some(a) if matches!(a.as_obj(), Some(Object::Str(_))) => Ok(a.clone()),
                Some(a) => {
                    let sel = crate::object::heap::as_pystr(a).map_or(0, |p| p.selector());
                    Ok(crate::object::heap::new_derived_str(str_of(vm, a)?, sel))
                }
                None => Ok(new_str(String::new())),
            }
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
                let has_keys = crate::object::instance::payload(src).is_none()
                    && classes::lookup(&classes::type_value(src), "keys").is_some();
                if let Some(Object::Dict(m)) = crate::object::instance::unwrap(src).as_obj() {
                    d = m.borrow().clone();
                } else if has_keys {
                    // A mapping: its keys() and subscripts.
                    let keys = protocol::getattr(vm, src, "keys")?;
                    let keys = crate::protocol::call(vm, &keys, &[], &[])?;
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
        TypeKind::Complex => crate::types::complex::construct(vm, args, kw),
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
            // (Small ints, the common case, are their own indexes: no
            // vector of converted arguments to build.)
            let converted;
            let args = if args.iter().all(|a| matches!(a, Value::Int(_))) {
                args
            } else {
                converted = protocol::index_args(vm, args)?;
                &converted[..]
            };
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
                return crate::types::metaclass::new_class_from_args(vm, None, args, None, kw);
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
            let m = crate::object::heap::make_module(text, Vec::new());
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
        // `types.MethodType(function, instance)`: a bound method.
        TypeKind::Method => {
            no_kwargs("method", kw)?;
            let [func, receiver] = args else {
                return raise(
                    ExcKind::TypeError,
                    format!("method expected 2 arguments, got {}", args.len()),
                );
            };
            if !classes::is_callable(func) {
                return raise(ExcKind::TypeError, "first argument must be callable");
            }
            if matches!(receiver, Value::None) {
                return raise(ExcKind::TypeError, "instance must not be None");
            }
            Ok(Value::obj(NewObject::BoundMethod {
                func: func.clone(),
                receiver: receiver.clone(),
            }))
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

/// The first 200 characters of `repr(v)`: what `int()`'s ValueError
/// quotes (CPython's `%.200R`; the repr of a long literal is cut, closing
/// quote included).
fn repr_200(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let r = repr(vm, v)?;
    Ok(match r.char_indices().nth(200) {
        Some((at, _)) => r[..at].to_string(),
        None => r,
    })
}
