//! Making classes: the `class` statement (`__build_class__`, the body run
//! in its namespace), `type(name, bases, ns)`, the C3 method resolution
//! order, `__slots__`, and the runtime's own immutable classes.

use super::*;
use crate::object::heap::NewObject;
use crate::object::heap::PropertyObj;

/// The C3 linearisation of a class with these bases (the class itself
/// excluded).
fn c3_tail(bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = bases.iter().map(mro_of).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Value> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|x| same_type(x, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(next) = candidate else {
            // CPython names the heads that could not be placed.
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = class_name(&s[0]);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return raise(
                ExcKind::TypeError,
                format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                ),
            );
        };
        for s in seqs.iter_mut() {
            if same_type(&s[0], &next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

/// Makes a class from its name, bases and the namespace its body filled
/// (`type(name, bases, ns)` and the `class` statement).
pub fn new_class(
    vm: &mut Vm,
    name: &str,
    bases: Vec<Value>,
    ns: ObjRef,
    metaclass: Option<Value>,
    kw: &[(Rc<str>, Value)],
) -> PyResult<Value> {
    let mut bases = bases;
    for b in &bases {
        match b.as_obj() {
            Some(Object::Class(c)) => match c.builtin_kind {
                Some(t) if !crate::object::instance::is_acceptable_base(t) => {
                    return raise(
                        ExcKind::TypeError,
                        format!("type '{}' is not an acceptable base type", t.name()),
                    )
                }
                _ => {}
            },
            _ => return raise(ExcKind::TypeError, "bases must be types"),
        }
    }
    if bases.is_empty() {
        bases.push(type_object(TypeKind::Object));
    }
    let mro_tail = c3_tail(&bases)?;
    // The most derived built-in base decides the instance kind.
    // The most derived built-in base (its layout) decides what kind of
    // instance calling the class makes; two unrelated ones conflict.
    let mut builtin_base = TypeKind::Object;
    for c in &mro_tail {
        let t = match c.as_obj() {
            Some(Object::Class(pc)) if pc.is_static() => &pc.builtin_base,
            _ => continue,
        };
        let same_layout = |a: TypeKind, b: TypeKind| {
            a.is_subtype_of(b)
                || b.is_subtype_of(a)
                || matches!((a, b), (TypeKind::Exception(_), TypeKind::Exception(_)))
        };
        if *t == TypeKind::Object {
            continue;
        }
        if builtin_base == TypeKind::Object {
            builtin_base = *t;
        } else if !same_layout(builtin_base, *t) {
            return raise(
                ExcKind::TypeError,
                "multiple bases have instance lay-out conflict",
            );
        }
    }
    let own_slots = declared_slots(&ns, name)?;
    let slots = class_slots(own_slots.as_deref(), &mro_tail);
    let qualname = dict_of(&ns)
        .borrow()
        .get_str("__qualname__")
        .and_then(|q| as_str(&q).map(str::to_string))
        .unwrap_or_else(|| name.to_string());
    {
        let mut d = dict_of(&ns).borrow_mut();
        d.remove(&new_str("__qualname__"))?;
        // `__init_subclass__` and `__class_getitem__` are implicit
        // class methods, as in CPython.
        for special in ["__init_subclass__", "__class_getitem__"] {
            if let Some(f) = d.get_str(special) {
                if matches!(f.as_obj(), Some(Object::Function(_))) {
                    d.set_str(special, Value::obj(NewObject::ClassMethod(f)));
                }
            }
        }
        if let Some(f) = d.get_str("__new__") {
            if matches!(f.as_obj(), Some(Object::Function(_))) {
                d.set_str("__new__", Value::obj(NewObject::StaticMethod(f)));
            }
        }
        // `__dict__` and `__weakref__` descriptors for the instances'
        // dict and weak references, where the class is the first of its
        // MRO to give its instances one (CPython's `type_new`).
        let (add_dict, add_weak) =
            instance_descriptors(own_slots.as_deref(), &mro_tail, builtin_base);
        if add_dict {
            d.set_str(
                "__dict__",
                instance_getset("__dict__", instance_dict, Some(set_instance_dict)),
            );
        }
        if add_weak {
            d.set_str(
                "__weakref__",
                instance_getset("__weakref__", first_weakref, None),
            );
        }
        // type.__new__ gives every class a __doc__.
        if d.get_str("__doc__").is_none() {
            d.set_str("__doc__", Value::None);
        }
        // A class that defines __eq__ without __hash__ is unhashable.
        if d.get_str("__eq__").is_some() && d.get_str("__hash__").is_none() {
            d.set_str("__hash__", Value::None);
        }
    }
    // `__slots__` names (the bases' first, then the class's own) are
    // fixed positions of every instance, whether or not the class itself
    // declares slots.
    let mut slot_names: Vec<String> = Vec::new();
    for b in &bases {
        if let Some(Object::Class(bc)) = b.as_obj() {
            slot_names.extend(bc.root_shape.names().iter().map(|n| n.to_string()));
        }
    }
    slot_names.extend(own_slots.into_iter().flatten());
    let mut seen = Vec::new();
    slot_names.retain(|n| {
        let keep = n != "__dict__" && n != "__weakref__" && !seen.contains(n);
        seen.push(n.clone());
        keep
    });
    let cls = Value::obj(NewObject::Class(Box::new(Class {
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(qualname),
        bases,
        mro_tail,
        dict: ns.clone(),
        builtin_base,
        builtin_kind: None,
        slots,
        metaclass,
        static_module: None,
        tp_name: name.to_string(),
        root_shape: Shape::root(&slot_names),
        hooks: std::cell::Cell::new((0, 0)),
        type_slots: std::cell::UnsafeCell::new((0, crate::object::type_slots::Slots::EMPTY)),
        version: std::cell::Cell::new(new_version_tag()),
        subclasses: RefCell::new(Vec::new()),
        lookups: LookupCache::default(),
        collection: std::cell::Cell::new(0),
    })));
    register_subclass(&cls);
    // Functions defined in the body see the class as `__class__` (what
    // zero-argument super() uses).
    let values: Vec<Value> = dict_of(&ns)
        .borrow()
        .items()
        .map(|(_, v)| v.clone())
        .collect();
    for v in values {
        set_owner(&v, &cls);
    }
    // Descriptors learn their name (`__set_name__`), as in type.__new__.
    let items: Vec<(Value, Value)> = dict_of(&ns)
        .borrow()
        .items()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, v) in items {
        call_special(vm, &v, "__set_name__", &[cls.clone(), k])?;
    }
    // The parent's __init_subclass__, if a class defines one.
    if let Some(Object::Class(c)) = cls.as_obj() {
        let parent_hook = c.mro_tail.iter().find_map(|p| match p.as_obj() {
            Some(Object::Class(pc)) => dict_of(&pc.dict).borrow().get_str("__init_subclass__"),
            _ => None,
        });
        let (names, mut all): (Vec<Rc<str>>, Vec<Value>) =
            kw.iter().map(|(k, v)| (k.clone(), v.clone())).unzip();
        all.insert(0, cls.clone());
        match parent_hook.as_ref().and_then(|h| h.as_obj()) {
            Some(Object::ClassMethod(f)) => {
                crate::object::upcalls::call(vm, f, &all, &names)?;
            }
            _ if !kw.is_empty() => {
                return raise(
                    ExcKind::TypeError,
                    format!("{name}.__init_subclass__() takes no keyword arguments"),
                )
            }
            _ => {}
        }
    }
    Ok(cls)
}

/// A class the runtime defines (a built-in exception class): one base,
/// its methods, `__module__` `builtins`, immutable. Its instances are of
/// layout `kind`.
pub fn new_builtin_class(
    module: &'static str,
    name: &str,
    base: Value,
    kind: TypeKind,
    methods: Vec<(&str, Value)>,
) -> Value {
    make_runtime_class(module, name, base, kind, methods, false)
}

/// [`new_builtin_class`] for a class that Python code may change, as
/// CPython's heap types (the `ast` node classes: `ast.py` adds
/// properties to them).
pub fn new_mutable_builtin_class(
    module: &'static str,
    name: &str,
    base: Value,
    methods: Vec<(&str, Value)>,
) -> Value {
    make_runtime_class(module, name, base, TypeKind::Object, methods, true)
}

fn make_runtime_class(
    module: &'static str,
    name: &str,
    base: Value,
    kind: TypeKind,
    methods: Vec<(&str, Value)>,
    mutable: bool,
) -> Value {
    let mut mro_tail = vec![base.clone()];
    mro_tail.extend(mro_of(&base).into_iter().skip(1));
    let mut d = Dict::new();
    d.set_str("__doc__", Value::None);
    if mutable {
        d.set_str("__module__", new_str(module));
    }
    for (n, v) in methods {
        d.set_str(n, v);
    }
    let cls = Value::obj(NewObject::Class(Box::new(Class {
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(name.to_string()),
        bases: vec![base],
        mro_tail,
        dict: ObjRef::new(NewObject::Dict(RefCell::new(d))),
        builtin_base: kind,
        builtin_kind: None,
        slots: None,
        metaclass: None,
        static_module: (!mutable).then_some(module),
        tp_name: if module == "builtins" || mutable {
            name.to_string()
        } else {
            format!("{module}.{name}")
        },
        root_shape: Shape::root(&[]),
        hooks: std::cell::Cell::new((0, 0)),
        type_slots: std::cell::UnsafeCell::new((0, crate::object::type_slots::Slots::EMPTY)),
        version: std::cell::Cell::new(new_version_tag()),
        subclasses: RefCell::new(Vec::new()),
        lookups: LookupCache::default(),
        collection: std::cell::Cell::new(0),
    })));
    register_subclass(&cls);
    cls
}

/// The interpreter's class `key` (`io.UnsupportedOperation`), made the
/// first time as the `class` statement would make it — with several
/// bases, which [`new_builtin_class`] does not take — in module `module`.
pub fn kept_class_with_bases(
    vm: &mut Vm,
    key: &'static str,
    module: &str,
    name: &str,
    bases: Vec<Value>,
) -> PyResult<Value> {
    let made = crate::object::builtin_types::kept_by_name(key, || Value::None);
    if !matches!(made, Value::None) {
        return Ok(made);
    }
    let ns = ObjRef::new(NewObject::Dict(RefCell::new(Dict::new())));
    dict_of(&ns)
        .borrow_mut()
        .set_str("__module__", new_str(module));
    let cls = new_class(vm, name, bases, ns, None, &[])?;
    Ok(crate::object::builtin_types::kept_by_name(key, || cls))
}

/// Enters a new class in its bases' lists of subclasses (for their
/// version tags and `__subclasses__()`).
pub(crate) fn register_subclass(cls: &Value) {
    if let (Some(Object::Class(c)), Value::Obj(heap)) = (cls.as_obj(), cls) {
        for b in &c.bases {
            if let Some(Object::Class(base)) = b.as_obj() {
                base.subclasses
                    .borrow_mut()
                    .push((&**c as *const Class, heap.as_non_null()));
            }
        }
    }
}

impl Class {
    /// The type object of built-in type `t` (`object::builtin_types`):
    /// immutable, named as in `builtins`, with no instance dict (its
    /// values keep their state in their own payload).
    pub(crate) fn new_builtin_type(t: TypeKind, base: Option<Value>, dict: Dict) -> Class {
        let (bases, mro_tail) = match base {
            Some(b) => {
                let mut tail = vec![b.clone()];
                tail.extend(mro_of(&b).into_iter().skip(1));
                (vec![b], tail)
            }
            None => (Vec::new(), Vec::new()),
        };
        // A type outside `builtins` is named `module.Name` (CPython's
        // `tp_name`): `_io.TextIOWrapper`, `weakref.ProxyType`.
        let (module, name) = t.name().rsplit_once('.').unwrap_or(("builtins", t.name()));
        Class {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            bases,
            mro_tail,
            dict: ObjRef::new(NewObject::Dict(RefCell::new(dict))),
            builtin_base: t,
            builtin_kind: Some(t),
            slots: Some(Vec::new()),
            metaclass: None,
            static_module: Some(module),
            tp_name: t.name().to_string(),
            root_shape: Shape::root(&[]),
            hooks: std::cell::Cell::new((0, 0)),
            type_slots: std::cell::UnsafeCell::new((0, crate::object::type_slots::Slots::EMPTY)),
            version: std::cell::Cell::new(new_version_tag()),
            subclasses: RefCell::new(Vec::new()),
            lookups: LookupCache::default(),
            collection: std::cell::Cell::new(0),
        }
    }
}

fn set_owner(v: &Value, cls: &Value) {
    match v.as_obj() {
        Some(Object::Function(f)) => {
            if let Value::Obj(c) = cls {
                *f.owner_class.borrow_mut() = Some(c.clone());
            }
        }
        Some(Object::StaticMethod(f) | Object::ClassMethod(f)) => set_owner(f, cls),
        Some(Object::Property(PropertyObj {
            fget, fset, fdel, ..
        })) => {
            set_owner(fget, cls);
            set_owner(fset, cls);
            set_owner(fdel, cls);
        }
        _ => {}
    }
}

/// The names a class body's `__slots__` declares, if it has one,
/// private ones mangled with the class's name (`__s` of class `C` is the
/// slot `_C__s`, as the methods name it).
fn declared_slots(ns: &ObjRef, class: &str) -> PyResult<Option<Vec<String>>> {
    Ok(declared_slot_names(ns)?.map(|names| {
        names
            .into_iter()
            .map(|n| crate::compiler::mangle::mangled(class, &n).unwrap_or(n))
            .collect()
    }))
}

fn declared_slot_names(ns: &ObjRef) -> PyResult<Option<Vec<String>>> {
    let Some(decl) = dict_of(ns).borrow().get_str("__slots__") else {
        return Ok(None);
    };
    let names = match decl.as_obj() {
        Some(Object::Str(s)) => vec![s.text.clone()],
        Some(Object::Tuple(items)) => items
            .iter()
            .filter_map(|i| as_str(i).map(str::to_string))
            .collect(),
        Some(Object::List(items)) => items
            .borrow()
            .iter()
            .filter_map(|i| as_str(i).map(str::to_string))
            .collect(),
        // A dict names its slots by its keys (the values are their docs,
        // as `statistics.NormalDist` declares them); a set by its items.
        Some(Object::Dict(d)) => d
            .borrow()
            .keys()
            .iter()
            .filter_map(|i| as_str(i).map(str::to_string))
            .collect(),
        Some(Object::Set(crate::object::heap::SetObj { table, .. })) => table
            .borrow()
            .items()
            .iter()
            .filter_map(|i| as_str(i).map(str::to_string))
            .collect(),
        _ => {
            return raise(
                ExcKind::TypeError,
                "__slots__ must be a sequence of strings",
            )
        }
    };
    Ok(Some(names))
}

/// Whether a new class adds the `__dict__` and the `__weakref__`
/// descriptors: when its instances get a dict (weak references) that no
/// base already gives them, and its `__slots__` (if it declares any) ask
/// for one. Built-in bases: exceptions have a dict, and `int`, `tuple`,
/// `bytes` (variable-size objects), `set`, `frozenset` and `type` (their
/// own weak-reference list) take no `__weakref__`.
fn instance_descriptors(
    own_slots: Option<&[String]>,
    mro_tail: &[Value],
    builtin_base: TypeKind,
) -> (bool, bool) {
    let declares = |name: &str| {
        mro_tail.iter().any(|c| matches!(c.as_obj(), Some(Object::Class(pc)) if dict_of(&pc.dict).borrow().get_str(name).is_some()))
    };
    let wants = |name: &str| own_slots.is_none_or(|s| s.iter().any(|n| n == name));
    let base_dict =
        declares("__dict__") || matches!(builtin_base, TypeKind::Exception(_) | TypeKind::Type);
    let base_weak = declares("__weakref__")
        || matches!(
            builtin_base,
            TypeKind::Int
                | TypeKind::Bool
                | TypeKind::Tuple
                | TypeKind::Bytes
                | TypeKind::Set
                | TypeKind::FrozenSet
                | TypeKind::Type
        );
    (
        !base_dict && wants("__dict__"),
        !base_weak && wants("__weakref__"),
    )
}

/// A `getset_descriptor` a class defines for its instances.
fn instance_getset(
    name: &'static str,
    get: crate::object::heap::Getter,
    set: Option<crate::object::heap::Setter>,
) -> Value {
    Value::obj(NewObject::GetSet {
        owner: TypeKind::Object,
        name,
        get,
        set,
    })
}

/// `obj.__dict__` through the class's descriptor.
fn instance_dict(obj: &Value) -> PyResult<Value> {
    match obj.as_obj() {
        Some(Object::Instance(i)) => Ok(Value::Obj(i.dict())),
        _ => raise(
            ExcKind::AttributeError,
            format!(
                "'{}' object has no attribute '__dict__'",
                crate::object::heap::type_name(obj)
            ),
        ),
    }
}

/// `obj.__dict__ = d` (a dict) and `del obj.__dict__` through the
/// class's descriptor.
fn set_instance_dict(obj: &Value, value: Option<Value>) -> PyResult<()> {
    let Some(Object::Instance(i)) = obj.as_obj() else {
        return raise(ExcKind::AttributeError, "This object has no __dict__");
    };
    match value {
        Some(Value::Obj(d)) if matches!(d.get(), Object::Dict(_)) => {
            i.set_dict(d);
            Ok(())
        }
        Some(v) => raise(
            ExcKind::TypeError,
            format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                crate::object::heap::type_name(&v)
            ),
        ),
        // `del obj.__dict__`: the attributes go; a new dict starts empty.
        None => {
            i.set_dict(crate::object::classes::new_dict_obj());
            Ok(())
        }
    }
}

/// `obj.__weakref__`: the first weak reference to `obj`, or None.
fn first_weakref(obj: &Value) -> PyResult<Value> {
    Ok(crate::object::weakref::refs_to(obj)
        .into_iter()
        .next()
        .unwrap_or(Value::None))
}

/// The attribute names instances may have when every class of the MRO
/// declares `__slots__` (`own` is the class's declaration), else None.
fn class_slots(own: Option<&[String]>, mro_tail: &[Value]) -> Option<Vec<String>> {
    let mut names = own?.to_vec();
    for c in mro_tail {
        match c.as_obj() {
            // (Exception classes declare no slots: their instances have a
            // dict. Built-in types declare an empty list: they keep their
            // state in the payload.)
            Some(Object::Class(pc)) => names.extend(pc.slots.as_ref()?.iter().cloned()),
            _ => return None,
        }
    }
    (!names.iter().any(|n| n == "__dict__")).then_some(names)
}

/// `__build_class__(body, name, *bases, **kwds)` for classes whose
/// metaclass is `type`: runs the class body in a fresh namespace, then
/// makes the class (`kwds` go to the parent's `__init_subclass__`).
pub fn build_class(
    vm: &mut Vm,
    args: &[Value],
    kw: &[(Rc<str>, Value)],
    orig_bases: Option<Value>,
) -> PyResult<Value> {
    let (Some(body), Some(name)) = (
        args.first(),
        args.get(1).and_then(|n| as_str(n).map(str::to_string)),
    ) else {
        return raise(ExcKind::TypeError, "__build_class__: not enough arguments");
    };
    let ns = new_dict_obj();
    run_class_body(vm, body, &ns)?;
    if let Some(orig) = orig_bases {
        dict_of(&ns).borrow_mut().set_str("__orig_bases__", orig);
    }
    new_class(vm, &name, args[2..].to_vec(), ns, None, kw)
}

/// Runs a class body (the function LOAD_BUILD_CLASS's caller made) with
/// `ns` as its namespace, after setting `__module__`.
pub fn run_class_body(vm: &mut Vm, body: &Value, ns: &ObjRef) -> PyResult<()> {
    let Some(Object::Function(f)) = body.as_obj() else {
        return raise(
            ExcKind::TypeError,
            "__build_class__: func must be a function",
        );
    };
    // (The body sets `__module__` and `__qualname__` itself, as CPython's
    // does.)
    let body_fn = crate::object::heap::Function {
        code: f.code.clone(),
        globals: f.globals.clone(),
        defaults: RefCell::new(Default::default()),
        closure: f.closure.clone(),
        namespace: Some(ns.clone()),
        owner_class: RefCell::new(None),
        attrs: RefCell::new(None),
        annotations: RefCell::new(None),
    };
    crate::object::upcalls::run_function(vm, &body_fn, Default::default())?;
    Ok(())
}
