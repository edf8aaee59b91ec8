//! `_abc` (CPython's `Modules/_abc.c`): the machinery behind
//! `abc.ABCMeta` — the abstract-method set a new ABC computes, the
//! registry of virtual subclasses, the positive and negative caches of
//! `issubclass` answers (weak, as CPython's, and the negative ones
//! dropped whenever any ABC registers a class), and the collection flags
//! `collections.abc.Sequence`/`Mapping` give the classes registered with
//! them, which `match` reads.

use crate::object::args::arity;
use crate::object::classes::{self, dict_of};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{make_module, new_str, new_tuple, Object};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// CPython's `Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING`.
const COLLECTION_FLAGS: i64 = (1 << 5) | (1 << 6);

/// A member of a weak set: a weak reference to a class, or the class
/// itself when it cannot be referred to weakly.
enum Member {
    Weak(Value),
    Strong(Value),
}

impl Member {
    fn new(v: &Value) -> Member {
        match crate::object::weakref::new_ref(v, Value::None, crate::object::weakref::RefKind::Ref)
        {
            Ok(w) => Member::Weak(w),
            Err(_) => Member::Strong(v.clone()),
        }
    }

    /// The class, if it is alive.
    fn get(&self) -> Option<Value> {
        match self {
            Member::Strong(v) => Some(v.clone()),
            Member::Weak(w) => match w.as_obj() {
                Some(Object::WeakRef(r)) => match r.get() {
                    Value::None => None,
                    v => Some(v),
                },
                _ => None,
            },
        }
    }

    fn value(&self) -> &Value {
        match self {
            Member::Weak(v) | Member::Strong(v) => v,
        }
    }
}

/// A set of classes held weakly.
#[derive(Default)]
struct WeakSet(RefCell<Vec<Member>>);

impl WeakSet {
    fn contains(&self, v: &Value) -> bool {
        self.0
            .borrow()
            .iter()
            .any(|m| m.get().is_some_and(|x| x.is(v)))
    }

    fn add(&self, v: &Value) {
        if !self.contains(v) {
            let mut items = self.0.borrow_mut();
            items.retain(|m| m.get().is_some());
            items.push(Member::new(v));
        }
    }

    fn clear(&self) {
        let old = std::mem::take(&mut *self.0.borrow_mut());
        drop(old);
    }

    fn live(&self) -> Vec<Value> {
        self.0.borrow().iter().filter_map(Member::get).collect()
    }

    /// The members as a Python set of weak references (`_get_dump`).
    fn dump(&self, vm: &mut Vm) -> PyResult<Value> {
        let set = crate::protocol::call(
            vm,
            &classes::type_object(crate::object::heap::TypeKind::Set),
            &[],
            &[],
        )?;
        let add = crate::protocol::getattr(vm, &set, "add")?;
        let values: Vec<Value> = self.0.borrow().iter().map(|m| m.value().clone()).collect();
        for v in values {
            crate::protocol::call(vm, &add, &[v], &[])?;
        }
        Ok(set)
    }
}

/// The `_abc_impl` of an ABC.
struct AbcData {
    registry: WeakSet,
    cache: WeakSet,
    negative: WeakSet,
    negative_version: Cell<u64>,
}

impl NativeData for AbcData {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        for set in [&self.registry, &self.cache, &self.negative] {
            if let Ok(items) = set.0.try_borrow() {
                crate::object::gc::visit_values(items.iter().map(Member::value), visit);
            }
        }
    }
}

/// The interpreter's ABC invalidation counter (`get_cache_token()`).
struct Token(Cell<u64>);

impl NativeData for Token {}

fn token() -> Value {
    crate::object::builtin_types::kept_by_name("_abc.token", || {
        crate::object::native::new(data_class(), Token(Cell::new(0)))
    })
}

fn token_value() -> u64 {
    data_of::<Token>(&token()).map_or(0, |t| t.0.get())
}

fn bump_token() {
    if let Some(t) = data_of::<Token>(&token()) {
        t.0.set(t.0.get() + 1);
    }
}

fn data_class() -> Value {
    crate::object::builtin_types::kept_by_name("_abc._abc_data", || {
        crate::object::native::class("_abc", "_abc_data", Vec::new())
    })
}

/// The `_abc_impl` of `cls`, or TypeError.
fn impl_of(vm: &mut Vm, cls: &Value) -> PyResult<Value> {
    let data = crate::protocol::getattr(vm, cls, "_abc_impl")?;
    if data_of::<AbcData>(&data).is_none() {
        return raise(ExcKind::TypeError, "_abc_impl is set to a wrong type");
    }
    Ok(data)
}

/// `_abc_init(cls)`: the abstract methods, a fresh registry and caches,
/// and the collection flags of `__abc_tpflags__`.
fn abc_init(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("_abc_init", a, 1, 1)?;
    let cls = &a[0];
    compute_abstract_methods(vm, cls)?;
    let data = crate::object::native::new(
        data_class(),
        AbcData {
            registry: WeakSet::default(),
            cache: WeakSet::default(),
            negative: WeakSet::default(),
            negative_version: Cell::new(token_value()),
        },
    );
    classes::setattr(vm, cls, "_abc_impl", Some(data))?;
    if let Some(Object::Class(c)) = cls.as_obj() {
        let flags = dict_of(&c.dict).borrow().get_str("__abc_tpflags__");
        if let Some(flags) = flags {
            if let Value::Int(f) = flags {
                if f & COLLECTION_FLAGS == COLLECTION_FLAGS {
                    return raise(
                        ExcKind::TypeError,
                        "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING",
                    );
                }
                c.set_collection_flags((f & COLLECTION_FLAGS) as u8);
            }
            dict_of(&c.dict)
                .borrow_mut()
                .remove(&new_str("__abc_tpflags__"))?;
            c.modified();
        }
    }
    Ok(Value::None)
}

/// Whether `v` is abstract (`__isabstractmethod__` true).
fn is_abstract(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match crate::protocol::getattr(vm, v, "__isabstractmethod__") {
        Ok(flag) => crate::protocol::truthy(vm, &flag),
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `cls.__abstractmethods__`: its own abstract attributes and those it
/// inherits and leaves abstract.
fn compute_abstract_methods(vm: &mut Vm, cls: &Value) -> PyResult<()> {
    let mut names: Vec<Value> = Vec::new();
    let ns = crate::protocol::getattr(vm, cls, "__dict__")?;
    let items = match crate::protocol::mapping_items(vm, &ns)? {
        Some(items) => items,
        None => return raise(ExcKind::TypeError, "class __dict__ is not a mapping"),
    };
    for (k, v) in items {
        if is_abstract(vm, &v)? {
            names.push(k);
        }
    }
    let bases = crate::protocol::getattr(vm, cls, "__bases__")?;
    let Some(Object::Tuple(bases)) = bases.as_obj() else {
        return raise(ExcKind::TypeError, "__bases__ is not tuple");
    };
    for base in bases.clone() {
        let inherited = match crate::protocol::getattr(vm, &base, "__abstractmethods__") {
            Ok(v) => v,
            Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) => {
                continue
            }
            Err(e) => return Err(e),
        };
        for key in crate::protocol::to_vec(vm, &inherited)? {
            let Some(name) = crate::object::heap::as_str(&key).map(str::to_string) else {
                continue;
            };
            let value = match crate::protocol::getattr(vm, cls, &name) {
                Ok(v) => v,
                Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::AttributeError) => {
                    continue
                }
                Err(e) => return Err(e),
            };
            if is_abstract(vm, &value)?
                && !names.iter().any(|n| {
                    crate::protocol::compare_bool(
                        vm,
                        taipan_bytecode::opcode::CompareOp::Eq,
                        n,
                        &key,
                    )
                    .unwrap_or(false)
                })
            {
                names.push(key);
            }
        }
    }
    let frozen = crate::protocol::call(
        vm,
        &classes::type_object(crate::object::heap::TypeKind::FrozenSet),
        &[crate::object::heap::new_list(names)],
        &[],
    )?;
    classes::setattr(vm, cls, "__abstractmethods__", Some(frozen))
}

/// Sets `flags` on `cls` and the classes derived from it that have no
/// collection flags of their own (CPython's `_PyType_SetFlagsRecursive`).
fn set_flags_recursive(cls: &Value, flags: u8) {
    let Some(Object::Class(c)) = cls.as_obj() else {
        return;
    };
    if c.is_static() || c.collection_flags() != 0 || c.builtin_kind.is_some() {
        return;
    }
    c.set_collection_flags(flags);
    for sub in classes::subclasses_of(cls) {
        set_flags_recursive(&sub, flags);
    }
}

/// `_abc_register(cls, subclass)`.
fn abc_register(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("_abc_register", a, 2, 2)?;
    let (cls, sub) = (&a[0], &a[1]);
    if !classes::is_type(sub) {
        return raise(ExcKind::TypeError, "Can only register classes");
    }
    if is_subclass(vm, sub, cls)? {
        return Ok(sub.clone());
    }
    if is_subclass(vm, cls, sub)? {
        return raise(
            ExcKind::RuntimeError,
            "Refusing to create an inheritance cycle",
        );
    }
    let data = impl_of(vm, cls)?;
    if let Some(d) = data_of::<AbcData>(&data) {
        d.registry.add(sub);
    }
    bump_token();
    if let Some(Object::Class(c)) = cls.as_obj() {
        let flags = c.collection_flags() & COLLECTION_FLAGS as u8;
        if flags != 0 {
            set_flags_recursive(sub, flags);
        }
    }
    Ok(sub.clone())
}

/// `issubclass(sub, cls)` through the protocol (`__subclasscheck__`).
fn is_subclass(vm: &mut Vm, sub: &Value, cls: &Value) -> PyResult<bool> {
    let r = crate::modules::introspect::b_issubclass(vm, None, &[sub.clone(), cls.clone()], &[])?;
    crate::protocol::truthy(vm, &r)
}

/// `cls.__subclasscheck__(sub)` as a bool.
fn call_subclasscheck(vm: &mut Vm, cls: &Value, sub: &Value) -> PyResult<Value> {
    let f = crate::protocol::getattr(vm, cls, "__subclasscheck__")?;
    crate::protocol::call(vm, &f, std::slice::from_ref(sub), &[])
}

/// `_abc_instancecheck(cls, instance)`.
fn abc_instancecheck(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("_abc_instancecheck", a, 2, 2)?;
    let (cls, instance) = (&a[0], &a[1]);
    let data = impl_of(vm, cls)?;
    let Some(d) = data_of::<AbcData>(&data) else {
        return Ok(Value::Bool(false));
    };
    let subclass = crate::protocol::getattr(vm, instance, "__class__")?;
    if d.cache.contains(&subclass) {
        return Ok(Value::Bool(true));
    }
    let subtype = classes::type_value(instance);
    if subtype.is(&subclass) {
        if d.negative_version.get() == token_value() && d.negative.contains(&subclass) {
            return Ok(Value::Bool(false));
        }
        return call_subclasscheck(vm, cls, &subclass);
    }
    let r = call_subclasscheck(vm, cls, &subclass)?;
    if crate::protocol::truthy(vm, &r)? {
        return Ok(r);
    }
    call_subclasscheck(vm, cls, &subtype)
}

/// `_abc_subclasscheck(cls, subclass)`.
fn abc_subclasscheck(vm: &mut Vm, _: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("_abc_subclasscheck", a, 2, 2)?;
    let (cls, sub) = (&a[0], &a[1]);
    if !classes::is_type(sub) {
        return raise(ExcKind::TypeError, "issubclass() arg 1 must be a class");
    }
    let data = impl_of(vm, cls)?;
    let Some(d) = data_of::<AbcData>(&data) else {
        return Ok(Value::Bool(false));
    };
    // 1. The cache.
    if d.cache.contains(sub) {
        return Ok(Value::Bool(true));
    }
    // 2. The negative cache, dropped if a class was registered since.
    if d.negative_version.get() < token_value() {
        d.negative.clear();
        d.negative_version.set(token_value());
    } else if d.negative.contains(sub) {
        return Ok(Value::Bool(false));
    }
    // 3. The subclass hook.
    let hook = crate::protocol::getattr(vm, cls, "__subclasshook__")?;
    let ok = crate::protocol::call(vm, &hook, std::slice::from_ref(sub), &[])?;
    match ok {
        Value::Bool(true) => {
            d.cache.add(sub);
            return Ok(Value::Bool(true));
        }
        Value::Bool(false) => {
            d.negative.add(sub);
            return Ok(Value::Bool(false));
        }
        ref v if classes::is_not_implemented(v) => {}
        _ => {
            return raise(
                ExcKind::AssertionError,
                "__subclasshook__ must return either False, True, or NotImplemented",
            )
        }
    }
    // 4. A direct subclass.
    if classes::mro_of(sub).iter().any(|m| m.is(cls)) {
        d.cache.add(sub);
        return Ok(Value::Bool(true));
    }
    // 5. A subclass of a registered class.
    for r in d.registry.live() {
        if is_subclass(vm, sub, &r)? {
            d.cache.add(sub);
            return Ok(Value::Bool(true));
        }
    }
    // 6. A subclass of a subclass.
    let subclasses = crate::protocol::getattr(vm, cls, "__subclasses__")?;
    let subclasses = crate::protocol::call(vm, &subclasses, &[], &[])?;
    for scls in crate::protocol::to_vec(vm, &subclasses)? {
        if is_subclass(vm, sub, &scls)? {
            d.cache.add(sub);
            return Ok(Value::Bool(true));
        }
    }
    d.negative.add(sub);
    Ok(Value::Bool(false))
}

/// The `_abc` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| {
        (n, crate::object::heap::builtin_fn(n, func))
    };
    make_module(
        "_abc",
        vec![
            f("get_cache_token", |_, _, a, _| {
                arity("get_cache_token", a, 0, 0)?;
                Ok(Value::Int(token_value() as i64))
            }),
            f("_abc_init", abc_init),
            f("_abc_register", abc_register),
            f("_abc_instancecheck", abc_instancecheck),
            f("_abc_subclasscheck", abc_subclasscheck),
            f("_get_dump", |vm, _, a, _| {
                arity("_get_dump", a, 1, 1)?;
                let data = impl_of(vm, &a[0])?;
                let Some(d) = data_of::<AbcData>(&data) else {
                    return raise(ExcKind::TypeError, "_abc_impl is set to a wrong type");
                };
                let (r, c, n) = (
                    d.registry.dump(vm)?,
                    d.cache.dump(vm)?,
                    d.negative.dump(vm)?,
                );
                Ok(new_tuple(vec![
                    r,
                    c,
                    n,
                    Value::Int(d.negative_version.get() as i64),
                ]))
            }),
            f("_reset_registry", |vm, _, a, _| {
                arity("_reset_registry", a, 1, 1)?;
                let data = impl_of(vm, &a[0])?;
                if let Some(d) = data_of::<AbcData>(&data) {
                    d.registry.clear();
                }
                Ok(Value::None)
            }),
            f("_reset_caches", |vm, _, a, _| {
                arity("_reset_caches", a, 1, 1)?;
                let data = impl_of(vm, &a[0])?;
                if let Some(d) = data_of::<AbcData>(&data) {
                    d.cache.clear();
                    d.negative.clear();
                }
                Ok(Value::None)
            }),
        ],
    )
}
