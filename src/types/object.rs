//! The methods of `object` and `BaseException` that classes inherit
//! (`__init__`, `__repr__`, `__setattr__`, `__eq__`, `__hash__`, …), as
//! built-in functions found through the built-in types in a class's MRO,
//! so that `object.__setattr__(self, n, v)` and `super().__init__(msg)`
//! reach them; other built-in types' attributes come from
//! `protocol::subclass`.

use crate::object::classes::{
    call_special, class_name, default_repr, generic_getattr, generic_setattr, is_not_implemented,
    not_implemented,
};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_str, new_tuple, type_name, Object, TypeKind};
use crate::object::value::Value;
use crate::protocol::truthy;
use crate::vm::Vm;
use std::rc::Rc;

/// The methods of `object` and `BaseException` that classes inherit.
pub(crate) fn builtin_type_attr(t: TypeKind, name: &str) -> Option<Value> {
    use TypeKind::Object as O;
    let (name, func): (&'static str, crate::object::heap::BuiltinFn) = match (t, name) {
        (O, "__init__") => ("__init__", object_init),
        (O, "__repr__") => ("__repr__", object_repr),
        (O, "__str__") => ("__str__", object_str),
        (O, "__setattr__") => ("__setattr__", object_setattr),
        (O, "__getattribute__") => ("__getattribute__", object_getattribute),
        (O, "__delattr__") => ("__delattr__", object_delattr),
        (O, "__eq__") => ("__eq__", object_eq),
        (O, "__ne__") => ("__ne__", object_ne),
        (O, "__hash__") => ("__hash__", object_hash),
        (O, "__lt__") => ("__lt__", object_no_order),
        (O, "__le__") => ("__le__", object_no_order),
        (O, "__gt__") => ("__gt__", object_no_order),
        (O, "__ge__") => ("__ge__", object_no_order),
        (O, "__format__") => ("__format__", object_format),
        (O, "__dir__") => ("__dir__", object_dir),
        (O, "__sizeof__") => ("__sizeof__", object_sizeof),
        (O, "__getstate__") => ("__getstate__", object_getstate),
        (O, "__reduce_ex__") => ("__reduce_ex__", object_reduce_ex),
        (O, "__reduce__") => ("__reduce__", object_reduce),
        (O, "__class__") => {
            return Some(Value::obj(NewObject::GetSet {
                owner: O,
                name: "__class__",
                get: |v| Ok(crate::object::classes::type_value(v)),
                set: None,
            }))
        }
        (O, "__doc__") => return Some(new_str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n")),
        (O, "__subclasshook__") => {
            return Some(Value::obj(NewObject::ClassMethod(Value::obj(
                NewObject::Builtin(crate::object::heap::Builtin {
                    name: "__subclasshook__",
                    func: |_, _, _, _| Ok(not_implemented()),
                }),
            ))))
        }
        (O, "__init_subclass__") => {
            return Some(Value::obj(NewObject::ClassMethod(Value::obj(
                NewObject::Builtin(crate::object::heap::Builtin {
                    name: "__init_subclass__",
                    func: object_init_subclass,
                }),
            ))))
        }
        (O, "__new__") => {
            return Some(Value::obj(NewObject::StaticMethod(Value::obj(
                NewObject::Builtin(crate::object::heap::Builtin {
                    name: "__new__",
                    func: crate::protocol::subclass::s_new,
                }),
            ))))
        }
        _ => return crate::protocol::subclass::type_attr(t, name),
    };
    Some(Value::obj(NewObject::Builtin(
        crate::object::heap::Builtin { name, func },
    )))
}

type Kw<'a> = &'a [(Rc<str>, Value)];

/// `object.__init_subclass__()`: accepts no keyword arguments.
fn object_init_subclass(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    if !kw.is_empty() {
        let name = args.first().map(class_name).unwrap_or_default();
        return raise(
            ExcKind::TypeError,
            format!("{name}.__init_subclass__() takes no keyword arguments"),
        );
    }
    Ok(Value::None)
}

fn object_init(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::receiver(s, args)?;
    Ok(Value::None)
}

fn object_repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    Ok(new_str(default_repr(vm, r)))
}

fn object_str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    Ok(new_str(crate::protocol::repr::repr(vm, r)?))
}

fn object_setattr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let [name, value] = rest else {
        return raise(ExcKind::TypeError, "__setattr__ expected 2 arguments");
    };
    let name = attr_name(name)?;
    generic_setattr(vm, r, &name, Some(value.clone()))?;
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let [name] = rest else {
        return raise(ExcKind::TypeError, "__delattr__ expected 1 argument");
    };
    let name = attr_name(name)?;
    generic_setattr(vm, r, &name, None)?;
    Ok(Value::None)
}

fn object_getattribute(
    vm: &mut Vm,
    s: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let [name] = rest else {
        return raise(ExcKind::TypeError, "__getattribute__ expected 1 argument");
    };
    let name = attr_name(name)?;
    generic_getattr(vm, r, &name)
}

/// `object.__lt__` and the other orderings: NotImplemented, so the other
/// operand is asked and then TypeError raised.
fn object_no_order(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, rest) = crate::object::args::receiver(s, args)?;
    if rest.len() != 1 {
        return raise(
            ExcKind::TypeError,
            format!("expected 1 argument, got {}", rest.len()),
        );
    }
    Ok(not_implemented())
}

/// `object.__format__(spec)`: `str(self)` for an empty spec, else
/// TypeError.
fn object_format(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let [spec] = rest else {
        return raise(
            ExcKind::TypeError,
            format!(
                "__format__() takes exactly one argument ({} given)",
                rest.len()
            ),
        );
    };
    let Some(spec) = as_str(spec) else {
        return raise(
            ExcKind::TypeError,
            format!("__format__() argument must be str, not {}", type_name(spec)),
        );
    };
    if !spec.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!(
                "unsupported format string passed to {}.__format__",
                type_name(r)
            ),
        );
    }
    Ok(new_str(crate::protocol::repr::str_of(vm, r)?))
}

/// `object.__dir__()`: the attribute names of the object and its class
/// (unsorted in CPython; `dir()` sorts).
fn object_dir(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let names = default_dir(vm, r);
    Ok(crate::object::heap::new_list(
        names.into_iter().map(new_str).collect(),
    ))
}

/// `object.__sizeof__()`: the bytes Taipan's representation of the
/// object takes (its heap object, or one value slot for an unboxed int,
/// float, bool or None).
fn object_sizeof(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let size = match r {
        Value::Obj(o) => o.heap_size(),
        _ => std::mem::size_of::<Value>(),
    };
    Ok(Value::Int(size as i64))
}

/// `object.__reduce_ex__(protocol)`: the class's own `__reduce__` when it
/// has one, else CPython's `_common_reduce`.
fn object_reduce_ex(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let [proto] = rest else {
        return raise(
            ExcKind::TypeError,
            format!(
                "object.__reduce_ex__() takes exactly one argument ({} given)",
                rest.len()
            ),
        );
    };
    let proto = match crate::protocol::ops::int_of(proto) {
        Some(crate::protocol::ops::IntVal::Small(p)) => p,
        _ => return crate::protocol::ops::not_an_integer(proto),
    };
    let cls = crate::object::classes::type_value(r);
    if let Some(own) = crate::object::classes::lookup(&cls, "__reduce__") {
        let inherited = crate::object::classes::runtime_method(&own).is_some_and(|b| {
            std::ptr::fn_addr_eq(b.func, object_reduce as crate::object::heap::BuiltinFn)
        });
        if !inherited {
            let bound = crate::object::classes::bind_attr(vm, own, Some(r), &cls)?;
            return crate::protocol::call(vm, &bound, &[], &[]);
        }
    }
    common_reduce(vm, r, proto)
}

/// `object.__reduce__()`: `_common_reduce(self, 0)`.
fn object_reduce(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    common_reduce(vm, r, 0)
}

/// CPython's `_common_reduce`: protocols 0 and 1 through
/// `copyreg._reduce_ex`; 2 and up `(copyreg.__newobj__, (cls, *args),
/// state, listitems, dictitems)`, or `__newobj_ex__` with keyword
/// arguments from `__getnewargs_ex__`.
fn common_reduce(vm: &mut Vm, obj: &Value, proto: i64) -> PyResult<Value> {
    let copyreg = crate::protocol::import(vm, "copyreg")?;
    if proto < 2 {
        let f = crate::protocol::getattr(vm, &copyreg, "_reduce_ex")?;
        return crate::protocol::call(vm, &f, &[obj.clone(), Value::Int(proto)], &[]);
    }
    let cls = crate::object::classes::type_value(obj);
    let call_method = |vm: &mut Vm, name: &str| -> PyResult<Option<Value>> {
        match crate::object::classes::lookup(&cls, name) {
            None | Some(Value::None) => Ok(None),
            Some(m) => {
                let bound = crate::object::classes::bind_attr(vm, m, Some(obj), &cls)?;
                crate::protocol::call(vm, &bound, &[], &[]).map(Some)
            }
        }
    };
    let (args, kwargs) = match call_method(vm, "__getnewargs_ex__")? {
        Some(pair) => {
            let items = crate::protocol::to_vec(vm, &pair)?;
            let [a, k] = <[Value; 2]>::try_from(items).map_err(|_| {
                crate::object::exceptions::PyErr::new(
                    ExcKind::TypeError,
                    "__getnewargs_ex__ should return a tuple of length 2",
                )
            })?;
            (a, Some(k))
        }
        None => match call_method(vm, "__getnewargs__")? {
            Some(a) => (a, None),
            None => (new_tuple(Vec::new()), None),
        },
    };
    let state = call_method(vm, "__getstate__")?.unwrap_or_default();
    let listitems = match crate::object::instance::unwrap(obj).as_obj() {
        Some(Object::List(_)) => crate::protocol::get_iter(vm, obj)?,
        _ => Value::None,
    };
    let dictitems = match crate::object::instance::unwrap(obj).as_obj() {
        Some(Object::Dict(_)) => {
            let items = crate::protocol::getattr(vm, obj, "items")?;
            let items = crate::protocol::call(vm, &items, &[], &[])?;
            crate::protocol::get_iter(vm, &items)?
        }
        _ => Value::None,
    };
    let empty_kwargs = match kwargs.as_ref().and_then(Value::as_obj) {
        None => true,
        Some(Object::Dict(d)) => d.borrow().is_empty(),
        Some(_) => false,
    };
    let (func, fargs) = if empty_kwargs {
        let mut all = vec![cls.clone()];
        all.extend(crate::protocol::to_vec(vm, &args)?);
        (
            crate::protocol::getattr(vm, &copyreg, "__newobj__")?,
            new_tuple(all),
        )
    } else {
        (
            crate::protocol::getattr(vm, &copyreg, "__newobj_ex__")?,
            new_tuple(vec![cls.clone(), args, kwargs.unwrap_or_default()]),
        )
    };
    Ok(new_tuple(vec![func, fargs, state, listitems, dictitems]))
}

/// `object.__getstate__()` (3.11): None for an object without
/// attributes; the instance's `__dict__` itself; with `__slots__` that
/// hold values, `(dict or None, {slot: value})`.
fn object_getstate(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    if !rest.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!(
                "object.__getstate__() takes no arguments ({} given)",
                rest.len()
            ),
        );
    }
    let Some(Object::Instance(i)) = r.as_obj() else {
        return Ok(Value::None);
    };
    let slot_names: Vec<Rc<str>> = i.class().root_shape.names().to_vec();
    let has_dict = i.class().slots.is_none();
    let dict = if has_dict
        && i.attr_names()
            .iter()
            .any(|n| !slot_names.iter().any(|s| &**s == n))
    {
        Value::Obj(i.dict())
    } else {
        Value::None
    };
    let mut slots = crate::object::dict::Dict::new();
    for name in &slot_names {
        if let Some(v) = i.get_attr(name) {
            slots.set_str(name, v);
        }
    }
    if slots.is_empty() {
        return Ok(dict);
    }
    let slots = Value::obj(crate::object::heap::NewObject::Dict(
        std::cell::RefCell::new(slots),
    ));
    Ok(new_tuple(vec![dict, slots]))
}

fn object_eq(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    match rest {
        [o] if r.is(o) => Ok(Value::Bool(true)),
        _ => Ok(not_implemented()),
    }
}

fn object_ne(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let [o] = rest else {
        return raise(ExcKind::TypeError, "expected 1 argument");
    };
    // object.__ne__ inverts __eq__ unless that is NotImplemented.
    let eq = match call_special(vm, r, "__eq__", std::slice::from_ref(o))? {
        Some(v) => v,
        None => Value::Bool(r.is(o)),
    };
    if is_not_implemented(&eq) {
        return Ok(eq);
    }
    Ok(Value::Bool(!truthy(vm, &eq)?))
}

fn object_hash(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    Ok(Value::Int(match r {
        Value::Obj(o) => (o.addr() >> 4) as i64,
        _ => 0,
    }))
}

/// The methods a built-in exception class defines itself (its class
/// dict): BaseException's `__new__`, `__init__`, `__str__`, `__repr__`;
/// the `__str__` of KeyError (the key's repr); OSError's `__str__`
/// (`[Errno n] text: filename`) and `__init__` (its `__new__` did the
/// work).
pub fn exception_methods(k: ExcKind) -> Vec<(&'static str, Value)> {
    let f = |name: &'static str, func: crate::object::heap::BuiltinFn| {
        (
            name,
            Value::obj(NewObject::Builtin(crate::object::heap::Builtin {
                name,
                func,
            })),
        )
    };
    let mut methods = own_exception_methods(k, f);
    methods.extend(
        crate::types::exception::members(k)
            .iter()
            .map(|m| m.entry(crate::object::heap::TypeKind::Exception(k))),
    );
    methods
}

/// [`exception_methods`] written here (the slot wrappers).
fn own_exception_methods(
    k: ExcKind,
    f: impl Fn(&'static str, crate::object::heap::BuiltinFn) -> (&'static str, Value),
) -> Vec<(&'static str, Value)> {
    match k {
        ExcKind::BaseException => vec![
            (
                "__new__",
                Value::obj(NewObject::StaticMethod(Value::obj(NewObject::Builtin(
                    crate::object::heap::Builtin {
                        name: "__new__",
                        func: crate::protocol::subclass::s_new,
                    },
                )))),
            ),
            f("__init__", exception_init),
            f("__str__", exception_str),
            f("__repr__", exception_repr),
        ],
        ExcKind::KeyError => vec![f("__str__", keyerror_str)],
        ExcKind::BaseExceptionGroup => crate::types::exception_group::methods(f),
        // OSError's `__new__` set `args` and `filename` already.
        ExcKind::OSError => vec![f("__init__", oserror_init), f("__str__", oserror_str)],
        ExcKind::SyntaxError => vec![
            f("__init__", syntaxerror_init),
            f("__str__", syntaxerror_str),
        ],
        ExcKind::UnicodeDecodeError
        | ExcKind::UnicodeEncodeError
        | ExcKind::UnicodeTranslateError => {
            vec![f("__str__", unicode_error_str)]
        }
        _ => Vec::new(),
    }
}

/// `str()` of a UnicodeDecodeError, UnicodeEncodeError or
/// UnicodeTranslateError made with its fields (CPython's
/// `UnicodeDecodeError_str` and siblings): the codec, the offending byte
/// or character (or the range) and the reason; otherwise as any
/// exception.
fn unicode_error_str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    use crate::types::exception::unicode_field;
    let (r, _) = crate::object::args::receiver(s, args)?;
    let kind = match crate::object::exceptions::kind_of(r) {
        Some(k) => k,
        None => return exception_str(vm, Some(r), &[], &[]),
    };
    let translate = kind == ExcKind::UnicodeTranslateError;
    let (base, count) = if translate { (0, 4) } else { (1, 5) };
    let object = unicode_field(r, "object", base, count)?;
    let start = unicode_field(r, "start", base + 1, count)?;
    let end = unicode_field(r, "end", base + 2, count)?;
    let reason = unicode_field(r, "reason", base + 3, count)?;
    let (Value::Int(start), Value::Int(end)) = (start, end) else {
        return exception_str(vm, Some(r), &[], &[]);
    };
    if matches!(object, Value::None) {
        return exception_str(vm, Some(r), &[], &[]);
    }
    let reason = crate::protocol::repr::str_of(vm, &reason)?;
    let codec = if translate {
        String::new()
    } else {
        let encoding = unicode_field(r, "encoding", 0, count)?;
        format!("'{}' codec ", crate::protocol::repr::str_of(vm, &encoding)?)
    };
    let (verb, unit) = match kind {
        ExcKind::UnicodeDecodeError => ("decode", "byte"),
        ExcKind::UnicodeEncodeError => ("encode", "character"),
        _ => ("translate", "character"),
    };
    let one = if end == start + 1 && start >= 0 {
        match (kind, object.as_obj()) {
            (ExcKind::UnicodeDecodeError, Some(Object::Bytes(b))) => b
                .get(start as usize)
                .map(|byte| format!("byte 0x{byte:02x}")),
            (_, _) => crate::object::heap::as_pystr(&object).and_then(|text| {
                text.code_points().nth(start as usize).map(|c| {
                    let esc = if c <= 0xff {
                        format!("\\x{c:02x}")
                    } else if c <= 0xffff {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    format!("character '{esc}'")
                })
            }),
        }
    } else {
        None
    };
    let what = match one {
        Some(w) => format!("{w} in position {start}"),
        None => format!("{unit}s in position {start}-{}", end - 1),
    };
    Ok(new_str(format!("{codec}can't {verb} {what}: {reason}")))
}

fn keyerror_str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let items = crate::object::exceptions::exception_args(r);
    match &items[..] {
        [key] => Ok(new_str(crate::protocol::repr::repr(vm, key)?)),
        _ => exception_str(vm, Some(r), &[], &[]),
    }
}

/// The attributes of a SyntaxError, in the order of its details tuple.
const SYNTAX_ERROR_DETAILS: [&str; 6] = [
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
];

/// `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno,
/// end_offset]))`: `args`, and the attributes (None when not given).
fn syntaxerror_init(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    exception_init(vm, s, args, kw)?;
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let Some(Object::Instance(i)) = r.as_obj() else {
        return Ok(Value::None);
    };
    i.set_attr("msg", rest.first().cloned().unwrap_or(Value::None));
    i.set_attr("print_file_and_line", Value::None);
    for name in SYNTAX_ERROR_DETAILS {
        i.set_attr(name, Value::None);
    }
    if let [_, info] = rest {
        let details = crate::protocol::to_vec(vm, info)?;
        if !(4..=6).contains(&details.len()) {
            return raise(ExcKind::IndexError, "tuple index out of range");
        }
        for (name, v) in SYNTAX_ERROR_DETAILS.iter().zip(details) {
            i.set_attr(name, v);
        }
    }
    Ok(Value::None)
}

/// `str(SyntaxError)`: `msg (file, line n)`, the file by its base name.
fn syntaxerror_str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let attr = |name: &str| match r.as_obj() {
        Some(Object::Instance(i)) => i.get_attr(name).filter(|v| !matches!(v, Value::None)),
        _ => None,
    };
    let msg = match attr("msg") {
        Some(m) => crate::protocol::repr::str_of(vm, &m)?,
        None => String::from("None"),
    };
    let file = attr("filename")
        .and_then(|f| as_str(&f).map(|f| f.rsplit('/').next().unwrap_or(f).to_string()));
    let line = match attr("lineno") {
        Some(Value::Int(n)) => Some(n),
        _ => None,
    };
    Ok(new_str(match (file, line) {
        (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(n)) => format!("{msg} (line {n})"),
        (None, None) => msg,
    }))
}

fn oserror_init(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn oserror_str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let items = crate::object::exceptions::exception_args(r);
    let [errno, text] = &items[..] else {
        return exception_str(vm, Some(r), &[], &[]);
    };
    let errno = crate::protocol::repr::str_of(vm, errno)?;
    let text = crate::protocol::repr::str_of(vm, text)?;
    let filename =
        crate::object::exceptions::exc_state(r).and_then(|st| st.filename.borrow().clone());
    Ok(new_str(match filename {
        Some(f) => format!(
            "[Errno {errno}] {text}: {}",
            crate::protocol::repr::repr(vm, &f)?
        ),
        None => format!("[Errno {errno}] {text}"),
    }))
}

fn exception_init(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    if let Some(Object::Instance(i)) = r.as_obj() {
        if let Some(e) = &i.exc {
            *e.args.borrow_mut() = rest.to_vec();
        }
    }
    Ok(Value::None)
}

fn exception_str(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let items = crate::object::exceptions::exception_args(r);
    Ok(new_str(match items.len() {
        0 => String::new(),
        1 => crate::protocol::repr::str_of(vm, &items[0])?,
        _ => crate::protocol::repr::repr(vm, &new_tuple(items))?,
    }))
}

fn exception_repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let items = crate::object::exceptions::exception_args(r);
    let mut parts = Vec::new();
    for a in &items {
        parts.push(crate::protocol::repr::repr(vm, a)?);
    }
    // CPython's `_PyType_Name`: the type's name without its module.
    let name = type_name(r);
    let short = name.rsplit('.').next().unwrap_or(&name);
    Ok(new_str(format!("{short}({})", parts.join(", "))))
}

fn attr_name(v: &Value) -> PyResult<String> {
    match as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => raise(
            ExcKind::TypeError,
            format!("attribute name must be string, not '{}'", type_name(v)),
        ),
    }
}

/// The names `object.__dir__` lists, sorted: a module's namespace; an
/// instance's attributes; the dicts along the MRO of the class (for a
/// class) or of the object's type.
pub fn default_dir(_vm: &mut Vm, obj: &Value) -> Vec<String> {
    let mut names: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    fn add_dict(names: &mut std::collections::BTreeSet<String>, d: &Value) {
        if let Some(Object::Dict(d)) = d.as_obj() {
            for k in d.borrow().keys() {
                if let Some(s) = as_str(&k) {
                    names.insert(s.to_string());
                }
            }
        }
    }
    let cls = match obj.as_obj() {
        Some(Object::Module(m)) => {
            add_dict(&mut names, &Value::Obj(m.dict.clone()));
            return names.into_iter().collect();
        }
        Some(Object::Instance(i)) => {
            names.extend(i.attr_names());
            Value::Obj(i.class.clone())
        }
        Some(Object::Class(_)) => obj.clone(),
        _ => crate::object::classes::type_value(obj),
    };
    for c in crate::object::classes::mro_of(&cls) {
        if let Some(Object::Class(pc)) = c.as_obj() {
            // (A class whose instances have a `__dict__` or weak
            // references holds their descriptors in its dict.)
            add_dict(&mut names, &Value::Obj(pc.dict.clone()));
        }
    }
    names.into_iter().collect()
}
