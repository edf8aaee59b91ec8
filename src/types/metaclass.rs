//! Metaclasses: classes whose instances are classes (`class M(type)`,
//! `class A(metaclass=M)`). A class records its metaclass when it is not
//! `type`; `type(A)` is then `M`, `M.__call__` runs when `A(...)` is
//! called, attributes missing on `A` and its MRO are looked up on `M`
//! (bound to `A`), and the metaclass is inherited and chosen as CPython's
//! `_PyType_CalculateMetaclass` does. `type`'s own `__new__`, `__init__`
//! and `__call__` are built-in methods, so `super().__new__(mcls, name,
//! bases, ns)` in a metaclass reaches the code that makes classes.

use crate::object::classes::{
    self, bind, dict_of, hook_bits, is_instance_of, is_subclass, lookup, metaclass_of, type_object,
    type_value, Class, Instance, NATIVE_NEW, PLAIN_CONSTRUCT, RUNTIME_INIT,
};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_tuple, type_name, Builtin, BuiltinFn, Object, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// `A(...)` when `A`'s metaclass defines `__call__` in Python: that
/// method's result. None when `type.__call__` applies.
pub fn call_through_metaclass(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<Option<Value>> {
    let Some(meta) = metaclass_of(cls) else {
        return Ok(None);
    };
    match lookup(meta, "__call__") {
        Some(f) if matches!(f.as_obj(), Some(Object::Function(_))) => {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(cls.clone());
            full.extend_from_slice(args);
            crate::object::upcalls::call(vm, &f, &full, kwnames).map(Some)
        }
        _ => Ok(None),
    }
}

/// The special method `name` of `cls`'s metaclass, when written in
/// Python, called with `cls` and `arg`; None when there is none.
pub fn meta_special_with(
    vm: &mut Vm,
    cls: &Value,
    name: &str,
    arg: &Value,
) -> PyResult<Option<Value>> {
    let Some(meta) = metaclass_of(cls) else {
        return Ok(None);
    };
    match lookup(meta, name) {
        Some(f) if matches!(f.as_obj(), Some(Object::Function(_))) => {
            crate::object::upcalls::call(vm, &f, &[cls.clone(), arg.clone()], &[]).map(Some)
        }
        _ => Ok(None),
    }
}

/// The built-in attributes of `type` that metaclasses inherit.
pub fn type_attr(name: &str) -> Option<Value> {
    let (name, func): (&'static str, BuiltinFn) = match name {
        "__new__" => {
            return Some(Value::obj(NewObject::StaticMethod(Value::obj(
                NewObject::Builtin(Builtin {
                    name: "__new__",
                    func: type_dunder_new,
                }),
            ))))
        }
        "__init__" => ("__init__", type_dunder_init),
        "__call__" => ("__call__", type_dunder_call),
        "mro" => ("mro", type_mro),
        "__prepare__" => {
            return Some(Value::obj(NewObject::ClassMethod(Value::obj(
                NewObject::Builtin(Builtin {
                    name: "__prepare__",
                    func: |_, _, _, _| Ok(Value::Obj(classes::new_dict_obj())),
                }),
            ))))
        }
        _ => return None,
    };
    Some(Value::obj(NewObject::Builtin(Builtin { name, func })))
}

/// `type.mro(cls)`: the method resolution order, as a list.
fn type_mro(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (cls, _) = crate::object::args::receiver(s, args)?;
    if !classes::is_type(cls) {
        return raise(
            ExcKind::TypeError,
            format!(
                "descriptor 'mro' for 'type' objects doesn't apply to a '{}' object",
                type_name(cls)
            ),
        );
    }
    Ok(crate::object::heap::new_list(classes::mro_of(cls)))
}

/// `type.__new__(mcls, name, bases, ns)`.
fn type_dunder_new(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (mcls, rest) = crate::object::args::receiver(s, args)?;
    match mcls.as_obj() {
        Some(Object::Class(c)) if c.builtin_kind == Some(TypeKind::Type) => {
            new_class_from_args(vm, None, rest, None, kw)
        }
        Some(Object::Class(_)) => type_new(vm, mcls, rest, kw),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "type.__new__(X): X is not a type object ({})",
                type_name(mcls)
            ),
        ),
    }
}

/// `type.__init__(cls, name, bases, ns)`: nothing left to do.
fn type_dunder_init(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    crate::object::args::receiver(s, args)?;
    Ok(Value::None)
}

/// `type.__call__(cls, *args)`: `__new__` then `__init__`, bypassing the
/// metaclass's own `__call__` (what `super().__call__()` in it reaches).
fn type_dunder_call(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (cls, rest) = crate::object::args::receiver(s, args)?;
    let mut all = rest.to_vec();
    let mut names = Vec::with_capacity(kw.len());
    for (k, v) in kw {
        names.push(k.clone());
        all.push(v.clone());
    }
    match cls.as_obj() {
        Some(Object::Class(_)) => construct_instance(vm, cls, &all, &names),
        _ => crate::object::upcalls::call(vm, cls, &all, &names),
    }
}

/// A class made by metaclass `mcls` (a subclass of `type`):
/// `mcls(name, bases, ns)` with no `__new__` of its own, or `type.__new__`.
pub fn type_new(vm: &mut Vm, mcls: &Value, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if args.len() == 1 {
        return Ok(type_value(&args[0]));
    }
    new_class_from_args(vm, Some(mcls.clone()), args, None, kw)
}

/// `type(name, bases, ns)` made by `metaclass` (None: `type`); `module`
/// is the calling frame's `__name__` for the namespace's `__module__`.
pub fn new_class_from_args(
    vm: &mut Vm,
    metaclass: Option<Value>,
    args: &[Value],
    module: Option<Value>,
    kw: Kw<'_>,
) -> PyResult<Value> {
    let [name, bases, src] = args else {
        return raise(ExcKind::TypeError, "type() takes 1 or 3 arguments");
    };
    // `type(name, bases, ns)` whose bases have a metaclass of their own:
    // that metaclass makes the class, with the keyword arguments
    // (CPython's type_new).
    if let (None, Some(Object::Tuple(b))) = (&metaclass, bases.as_obj()) {
        let meta = winner(&type_object(TypeKind::Type), b)?;
        if is_user_metaclass(&meta) {
            let mut all = args.to_vec();
            let names: Vec<Rc<str>> = kw.iter().map(|(k, _)| k.clone()).collect();
            all.extend(kw.iter().map(|(_, v)| v.clone()));
            return crate::object::upcalls::call(vm, &meta, &all, &names);
        }
    }
    let Some(name) = as_str(name) else {
        return raise(ExcKind::TypeError, "type.__new__() argument 1 must be str");
    };
    let Some(Object::Tuple(bases)) = bases.as_obj() else {
        return raise(
            ExcKind::TypeError,
            "type.__new__() argument 2 must be tuple",
        );
    };
    let ns = classes::new_dict_obj();
    match (src.as_obj(), ns.get()) {
        (Some(Object::Dict(src)), Object::Dict(dst)) => {
            let src = src.borrow().clone();
            let mut dst = dst.borrow_mut();
            for (k, v) in src.items() {
                dst.set(k.clone(), v.clone())?;
            }
            if let Some(m) = module {
                if dst.get_str("__module__").is_none() {
                    dst.set_str("__module__", m);
                }
            }
        }
        _ => return raise(ExcKind::TypeError, "type.__new__() argument 3 must be dict"),
    }
    let metaclass = match metaclass {
        Some(m) => Some(m),
        None => match winner(&type_object(TypeKind::Type), bases)? {
            m if is_user_metaclass(&m) => Some(m),
            _ => None,
        },
    };
    classes::new_class(vm, name, bases.clone(), ns, metaclass, kw)
}

fn is_user_metaclass(m: &Value) -> bool {
    crate::object::builtin_types::is_class_object(m)
}

/// The most derived of the requested metaclass and the bases' metaclasses
/// (CPython's `_PyType_CalculateMetaclass`).
pub fn winner(requested: &Value, bases: &[Value]) -> PyResult<Value> {
    let mut win = requested.clone();
    for b in bases {
        let meta = type_value(b);
        if is_subclass(&win, &meta) {
            continue;
        }
        if is_subclass(&meta, &win) {
            win = meta;
            continue;
        }
        return raise(
            ExcKind::TypeError,
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        );
    }
    Ok(win)
}

/// `__build_class__`'s arguments with every base that is not a class
/// replaced by what its `__mro_entries__(bases)` returns (PEP 560:
/// `class A(list[int])` derives from `list`).
fn resolve_mro_entries(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<Value>> {
    let bases = args.get(2..).unwrap_or(&[]);
    if bases.iter().all(classes::is_type) {
        return Ok(args.to_vec());
    }
    let original = new_tuple(bases.to_vec());
    let mut out = args[..2.min(args.len())].to_vec();
    for b in bases {
        if classes::is_type(b) {
            out.push(b.clone());
            continue;
        }
        match crate::protocol::getattr(vm, b, "__mro_entries__") {
            Ok(f) => {
                let entries =
                    crate::object::upcalls::call(vm, &f, std::slice::from_ref(&original), &[])?;
                match entries.as_obj() {
                    Some(Object::Tuple(t)) => out.extend(t.iter().cloned()),
                    _ => return raise(ExcKind::TypeError, "__mro_entries__ must return a tuple"),
                }
            }
            Err(_) => out.push(b.clone()),
        }
    }
    Ok(out)
}

/// `__build_class__(body, name, *bases, metaclass=…, **kwds)`: chooses
/// the metaclass, prepares the namespace (`__prepare__`), runs the body in
/// it and calls the metaclass.
pub fn build_class(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let resolved = resolve_mro_entries(vm, args)?;
    // PEP 560: bases that `__mro_entries__` replaced are kept as
    // `__orig_bases__` in the namespace.
    let original = args.get(2..).unwrap_or(&[]);
    let replaced = resolved.get(2..).unwrap_or(&[]);
    let orig_bases = (original.len() != replaced.len()
        || original.iter().zip(replaced).any(|(a, b)| !a.is(b)))
    .then(|| new_tuple(original.to_vec()));
    let args = &resolved[..];
    let bases = args.get(2..).unwrap_or(&[]).to_vec();
    let mut requested = None;
    let mut rest = Vec::new();
    for (k, v) in kw {
        if &**k == "metaclass" {
            requested = Some(v.clone());
        } else {
            rest.push((k.clone(), v.clone()));
        }
    }
    let meta = match &requested {
        Some(m) if !classes::is_type(m) => m.clone(),
        Some(m) => winner(m, &bases)?,
        None => winner(&type_object(TypeKind::Type), &bases)?,
    };
    if !is_user_metaclass(&meta) && classes::is_type(&meta) {
        return classes::build_class(vm, args, &rest, orig_bases);
    }
    let (Some(body), Some(name)) = (args.first(), args.get(1)) else {
        return raise(ExcKind::TypeError, "__build_class__: not enough arguments");
    };
    let bases_t = new_tuple(bases.clone());
    let ns = match lookup(&meta, "__prepare__") {
        Some(p) if classes::runtime_method(&p).is_none() => {
            let p = classes::bind_attr(vm, p, None, &meta)?;
            let (names, mut all) = split(&rest);
            all.splice(0..0, [name.clone(), bases_t.clone()]);
            let ns = crate::object::upcalls::call(vm, &p, &all, &names)?;
            // Any mapping: the body's names go through its `__setitem__`.
            match ns {
                Value::Obj(o)
                    if crate::protocol::slots::pick(&Value::Obj(o.clone()), |s| s.getitem)
                        .is_some() =>
                {
                    o
                }
                other => {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "{}.__prepare__() must return a mapping, not {}",
                            crate::object::classes::class_name(&meta),
                            type_name(&other)
                        ),
                    )
                }
            }
        }
        _ => classes::new_dict_obj(),
    };
    classes::run_class_body(vm, body, &ns)?;
    if let Some(orig) = orig_bases {
        crate::protocol::setitem(
            vm,
            &Value::Obj(ns.clone()),
            &crate::object::heap::new_str("__orig_bases__"),
            orig,
        )?;
    }
    let (names, mut all) = split(&rest);
    all.splice(0..0, [name.clone(), bases_t, Value::Obj(ns)]);
    crate::object::upcalls::call(vm, &meta, &all, &names)
}

/// Keyword pairs as vectorcall keyword names and trailing values.
fn split(kw: &[(Rc<str>, Value)]) -> (Vec<Rc<str>>, Vec<Value>) {
    kw.iter().map(|(k, v)| (k.clone(), v.clone())).unzip()
}

/// `cls(*args)`: the metaclass's `__call__` when it defines one, else
/// `type.__call__` ([`construct_instance`]).
pub fn call_class(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<Value> {
    if let Some(r) = crate::types::metaclass::call_through_metaclass(vm, cls, args, kwnames)? {
        return Ok(r);
    }
    construct_instance(vm, cls, args, kwnames)
}

/// `type.__call__(cls, *args)`: `__new__`, then `__init__`.
pub fn construct_instance(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    kwnames: &[Rc<str>],
) -> PyResult<Value> {
    let Some(Object::Class(c)) = cls.as_obj() else {
        return raise(ExcKind::TypeError, "not a class");
    };
    if let Some(t) = c.builtin_kind {
        let (pos, kw) = crate::object::args::split_keywords(args, kwnames);
        return crate::types::construct::construct(vm, t, pos, &kw);
    }
    let bits = hook_bits(c);
    if bits & PLAIN_CONSTRUCT != 0 {
        // Only the instance to make (its `__new__` and `__init__` are
        // the runtime's, and neither has more to do).
        if c.builtin_base == TypeKind::Object && !args.is_empty() {
            return raise(
                ExcKind::TypeError,
                format!("{}() takes no arguments", c.name.borrow()),
            );
        }
        let (pos, kw) = crate::object::args::split_keywords(args, kwnames);
        return instantiate(vm, cls, pos, &kw);
    }
    let new = lookup(cls, "__new__");
    let init = lookup(cls, "__init__");
    let user_init = init
        .as_ref()
        .is_some_and(|f| classes::runtime_method(f).is_none());
    // The `__init__` of a class the runtime defines (BaseException's,
    // SimpleNamespace's) runs like a user one.
    let runtime_init = !user_init && bits & RUNTIME_INIT != 0;
    let user_new = match new.as_ref().and_then(Value::as_obj) {
        Some(Object::StaticMethod(f)) => {
            !matches!(f.as_obj(), Some(Object::Builtin(_))) || bits & NATIVE_NEW != 0
        }
        Some(Object::Function(_)) => true,
        _ => false,
    };
    let inst = if user_new {
        let f = match new.as_ref().and_then(Value::as_obj) {
            Some(Object::StaticMethod(f)) => f.clone(),
            _ => new.clone().unwrap_or_default(),
        };
        let mut full = vec![cls.clone()];
        full.extend_from_slice(args);
        let inst = crate::object::upcalls::call(vm, &f, &full, kwnames)?;
        if !is_instance_of(&inst, cls) {
            return Ok(inst);
        }
        inst
    } else {
        if !user_init && !runtime_init && c.builtin_base == TypeKind::Object && !args.is_empty() {
            return raise(
                ExcKind::TypeError,
                format!("{}() takes no arguments", c.name.borrow()),
            );
        }
        let (pos, kw) = crate::object::args::split_keywords(args, kwnames);
        instantiate(vm, cls, pos, &kw)?
    };
    // A user `__init__`, or the built-in one that fills a mutable payload
    // (`list.__init__`) or initialises a class (metaclasses).
    let builtin_init = matches!(
        c.builtin_base,
        TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray
    );
    if let Some(init) = init {
        if user_init || runtime_init || builtin_init {
            let m = bind(vm, init, Some(&inst), cls)?;
            let r = crate::object::upcalls::call(vm, &m, args, kwnames)?;
            return frame_result(Some(inst), r);
        }
    }
    Ok(inst)
}

/// `object.__new__(cls, *args)` and the built-in types' `__new__`: a new
/// instance of `cls` (with its built-in payload, or exception `args`), or
/// a new class when `cls` is a metaclass.
pub fn instantiate(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    kw: &[(Rc<str>, Value)],
) -> PyResult<Value> {
    let (Some(Object::Class(c)), Value::Obj(class)) = (cls.as_obj(), cls) else {
        return raise(ExcKind::TypeError, "not a class");
    };
    let base = c.builtin_base;
    if base == TypeKind::Type {
        return crate::types::metaclass::type_new(vm, cls, args, kw);
    }
    if let TypeKind::Exception(k) = base {
        if k.is_subclass_of(ExcKind::OSError) && (2..=5).contains(&args.len()) {
            return Ok(crate::object::exceptions::new_oserror(cls, c, args));
        }
        // (A group class's layout kind is BaseExceptionGroup: no MRO walk
        // for every other exception made.)
        if k == ExcKind::BaseExceptionGroup {
            let target = crate::types::exception_group::check_new(vm, cls, args)?;
            let Value::Obj(class) = target else {
                return raise(ExcKind::TypeError, "not a class");
            };
            return Ok(Value::obj(NewObject::Instance(Instance::new(
                class,
                Some(args.to_vec()),
                None,
            ))));
        }
    }
    if base == TypeKind::Object {
        check_not_abstract(vm, c)?;
    }
    let is_exc = matches!(base, TypeKind::Exception(_));
    let payload = if crate::object::instance::has_payload(base) {
        Some(crate::protocol::subclass::new_payload(vm, base, args, kw)?)
    } else {
        None
    };
    let inst = Value::obj(NewObject::Instance(Instance::new(
        class.clone(),
        is_exc.then(|| args.to_vec()),
        payload.clone(),
    )));
    // A weak reference of a subclass (`weakref.KeyedRef`): its callback is
    // called with the instance, not with the built-in reference inside.
    if let Some(Object::WeakRef(w)) = payload.as_ref().and_then(Value::as_obj) {
        let cb = std::mem::take(&mut *w.callback.borrow_mut());
        if !matches!(cb, Value::None) {
            *w.callback.borrow_mut() = Value::obj(NewObject::BoundMethod {
                func: cb,
                receiver: inst.clone(),
            });
        }
    }
    Ok(inst)
}

/// CPython's `object_new` check: a class whose `__abstractmethods__`
/// (set by `abc`) is not empty cannot be instantiated.
fn check_not_abstract(vm: &mut Vm, c: &Class) -> PyResult<()> {
    let Some(abstracts) = dict_of(&c.dict).borrow().get_str("__abstractmethods__") else {
        return Ok(());
    };
    let names = crate::protocol::to_vec(vm, &abstracts)?;
    if names.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = names
        .iter()
        .map(|n| as_str(n).unwrap_or_default().to_string())
        .collect();
    names.sort();
    raise(
        ExcKind::TypeError,
        format!(
            "Can't instantiate abstract class {} with abstract method{} {}",
            c.name.borrow(),
            if names.len() > 1 { "s" } else { "" },
            names.join(", ")
        ),
    )
}

/// What the caller of a finished frame gets: its return value, or for an
/// `__init__` frame the instance (and CPython's TypeError when
/// `__init__` returned something else).
#[inline]
pub fn frame_result(init_self: Option<Value>, v: Value) -> PyResult<Value> {
    match init_self {
        None => Ok(v),
        Some(inst) if matches!(v, Value::None) => Ok(inst),
        Some(_) => raise(
            ExcKind::TypeError,
            format!(
                "__init__() should return None, not '{}'",
                crate::object::heap::type_name(&v)
            ),
        ),
    }
}

/// `__build_class__(body, name, *bases)`, which LOAD_BUILD_CLASS pushes.
pub fn b_build_class(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    crate::types::metaclass::build_class(vm, args, kw)
}
