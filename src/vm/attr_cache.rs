//! Inline caches for attribute access on instances (`LOAD_ATTR`,
//! `STORE_ATTR`, `LOAD_METHOD`), the first of the fast interpreter's
//! caches (PEP 659's `LOAD_ATTR_INSTANCE_VALUE`,
//! `STORE_ATTR_INSTANCE_VALUE`, `LOAD_METHOD_WITH_VALUES`). Each code
//! object keeps one entry per attribute instruction: what the last full
//! lookup on an instance found, guarded by the class's version tag (the
//! class and its bases unchanged, so no descriptor or hook appeared) and
//! the instance's shape (the attribute at the same position). A hit reads
//! or writes the value at that position directly; anything else takes
//! the full path, which then records what it found — less and less often
//! at a site that keeps missing (one that sees many classes).

use crate::object::classes::{self, Class};
use crate::object::heap::NewObject;
use crate::object::heap::Object;
use crate::object::payloads::{AttrCaches, BuiltinKey, Load, Store, NO_SITE, WAYS};
use crate::object::shape::Shape;
use crate::object::value::Value;
use std::rc::Rc;

/// Puts `entry` first at a site, pushing out the oldest (returned, to be
/// dropped by the caller).
fn insert<T>(ways: &mut [T; WAYS], entry: T) -> T {
    ways.rotate_right(1);
    std::mem::replace(&mut ways[0], entry)
}

/// The [`BuiltinKey`] of `v`, when its type has fixed attributes (its
/// type's) and follows from the key alone: not instances, modules,
/// classes and other objects with attributes of their own, nor the
/// variants that stand for several types (sets and frozensets,
/// iterators, generators and coroutines, weak references, files, native
/// objects — whose methods are cached by class, `Load::Native`).
#[inline]
fn builtin_key(v: &Value) -> Option<BuiltinKey> {
    // (An immediate's key is its tag: `builtin_key_matches`.)
    Some(match v {
        Value::None => BuiltinKey::Immediate(0),
        Value::Bool(_) => BuiltinKey::Immediate(1),
        Value::Int(_) => BuiltinKey::Immediate(2),
        Value::Float(_) => BuiltinKey::Immediate(3),
        Value::Unbound => return None,
        Value::Obj(o) => match o.get() {
            Object::Instance(_)
            | Object::Module(_)
            | Object::Class(_)
            | Object::Super(_)
            | Object::Stream(_)
            | Object::WeakRef(_)
            | Object::Set(_)
            | Object::Iter(_)
            | Object::Lazy(_)
            | Object::Generator(_)
            | Object::DictView(_)
            | Object::Native(_)
            | Object::Function(_) => return None,
            _ => BuiltinKey::Variant(o.kind()),
        },
    })
}

/// Whether `v` is a value of the built-in type `key` stands for. An entry
/// only holds a key [`builtin_key`] gave, so the test is the tag (or the
/// object's kind) against the key, without `builtin_key`'s exclusions.
#[inline(always)]
fn builtin_key_matches(key: BuiltinKey, v: &Value) -> bool {
    match (key, v) {
        (BuiltinKey::Variant(k), Value::Obj(o)) => o.kind() == k,
        (BuiltinKey::Variant(_), _) => false,
        // (Immediates' keys are their tags; an object's tag is no
        // immediate's.)
        (BuiltinKey::Immediate(t), v) => v.tag() == t as u64,
    }
}

/// [`AttrCaches::load_method_no_dict`] of an entry for a native type's
/// method (out of line: the hot loop inlines the built-in types' case).
#[inline(never)]
fn native_method(entry: &Load, obj: &Value) -> Option<Value> {
    match (entry, obj.as_obj()) {
        (Load::Native { class, method }, Some(Object::Native(n))) if class.is(&n.class) => {
            Some(method.clone())
        }
        _ => None,
    }
}

/// `LOAD_METHOD` without a cache hit: the method `name` of `obj`'s type
/// and true when calling it with `obj` first is the same as calling
/// `obj.name` (a Python function on an instance's class that the instance
/// does not shadow, a method of a built-in type, a built-in method of a
/// native type), else `obj.name` itself and false.
pub fn load_method(
    vm: &mut crate::vm::Vm,
    obj: &Value,
    name: &str,
) -> crate::object::exceptions::PyResult<(Value, bool)> {
    match obj.as_obj() {
        Some(Object::Instance(i)) if i.exc.is_none() && classes::plain_getattr(i.class()) => {
            if let Some(f) = classes::lookup_in(i.class(), name) {
                if matches!(f.as_obj(), Some(Object::Function(_))) && i.get_attr(name).is_none() {
                    return Ok((f, true));
                }
            }
        }
        // A native type's method (`deque.append`): a built-in in its
        // class, called with the object as its receiver (no bound-method
        // object; native objects have no attributes of their own).
        Some(Object::Native(n)) => {
            if let Some(f) = classes::lookup(&n.class, name) {
                if matches!(f.as_obj(), Some(Object::Builtin(_))) {
                    return Ok((f, true));
                }
            }
        }
        // Modules, classes, files and proxies have attributes of their own.
        Some(
            Object::Instance(_)
            | Object::Module(_)
            | Object::Class(_)
            | Object::Super(_)
            | Object::Stream(_)
            | Object::WeakRef(_),
        ) => {}
        _ => {
            let cls = classes::type_object(crate::object::heap::type_of(obj));
            if let Some(f) = classes::lookup(&cls, name) {
                if matches!(f.as_obj(), Some(Object::MethodDescr(_))) {
                    return Ok((f, true));
                }
            }
        }
    }
    Ok((crate::protocol::getattr(vm, obj, name)?, false))
}

/// The instance and class a cache entry is checked against on a hit. (An
/// entry is only made for what [`learnable`] accepts; as the entry's
/// version tag names one class, and whether an instance has exception
/// state depends on its class alone (`Instance::new`), a hit needs no
/// second look at that state.)
#[inline(always)]
fn cacheable(obj: &Value) -> Option<(&crate::object::instance::Instance, &Class)> {
    match obj.as_obj() {
        Some(Object::Instance(i)) => Some((i, i.class())),
        _ => None,
    }
}

/// The instance and class of an object the caches may learn about: an
/// ordinary instance (no exception state).
#[inline]
fn learnable(obj: &Value) -> Option<(&crate::object::instance::Instance, &Class)> {
    match obj.as_obj() {
        Some(Object::Instance(i)) if i.exc.is_none() => Some((i, i.class())),
        _ => None,
    }
}

/// What a `STORE_ATTR_INSTANCE_VALUE` does ([`AttrCaches::store_target`]).
pub(crate) enum StoreTarget<'a> {
    /// Replaces the value in this slot of the instance.
    Slot(&'a mut Value),
    /// Adds the attribute, if the entry applies:
    /// [`AttrCaches::add_instance_value`] with these.
    Add(&'a crate::object::instance::Instance, u64, &'a Store),
    /// The entry does not apply: the generic form runs.
    Miss,
}

impl AttrCaches {
    /// Empty caches for the attribute instructions of `code`.
    pub fn new(code: &taipan_bytecode::code::CodeObject) -> AttrCaches {
        use taipan_bytecode::opcode::Opcode;
        let mut site_of = vec![NO_SITE; code.code.len() / 2].into_boxed_slice();
        let mut sites = 0u32;
        for ins in code.instructions() {
            if matches!(
                ins.opcode,
                Some(Opcode::LOAD_ATTR | Opcode::STORE_ATTR | Opcode::LOAD_METHOD)
            ) {
                if let Some(slot) = site_of.get_mut(ins.offset / 2) {
                    *slot = sites;
                    sites += 1;
                }
            }
        }
        let n = sites as usize;
        AttrCaches {
            site_of,
            loads: (0..n).map(|_| Default::default()).collect(),
            stores: (0..n).map(|_| Default::default()).collect(),
            misses: (0..n).map(|_| std::cell::Cell::new(0)).collect(),
        }
    }

    /// The site of the attribute instruction at byte offset `at`.
    #[inline]
    fn site(&self, at: usize) -> usize {
        self.site_of.get(at / 2).map_or(usize::MAX, |s| *s as usize)
    }

    /// The site of the attribute instruction at `at` when its specialised
    /// form can carry it in its argument byte (the first
    /// 256 sites of a code object): a specialised attribute
    /// instruction finds its cache entries from its argument, without
    /// the offset-to-site table (`Quickened::specialize`).
    pub fn quick_site(&self, at: usize) -> Option<u8> {
        u8::try_from(self.site(at)).ok()
    }

    /// The load entries of the instruction at `at`.
    #[inline]
    fn loads_at(&self, at: usize) -> Option<&[Load; WAYS]> {
        self.loads_of(self.site(at))
    }

    /// The load entries of site `site`.
    #[inline(always)]
    fn loads_of(&self, site: usize) -> Option<&[Load; WAYS]> {
        let cell = self.loads.get(site)?;
        // SAFETY: entries are replaced only by `learn_load`, which no
        // reader calls (directly or through Python code) while it holds
        // this reference: readers copy what they need first.
        Some(unsafe { &*cell.get() })
    }

    /// [`AttrCaches::loads_of`] for a site known to exist, without the
    /// bounds check (the hot loop's specialised forms).
    ///
    /// # Safety
    /// `site` must be one of this code's sites: a specialised attribute
    /// form's argument (`quick_site` gave it) is.
    #[inline(always)]
    unsafe fn loads_of_site(&self, site: usize) -> &[Load; WAYS] {
        debug_assert!(site < self.loads.len());
        // SAFETY: in bounds (guaranteed by the caller); as in `loads_of`
        // for the reference.
        unsafe { &*self.loads.get_unchecked(site).get() }
    }

    /// [`AttrCaches::stores_of`] for a site known to exist.
    ///
    /// # Safety
    /// As for [`AttrCaches::loads_of_site`].
    #[inline(always)]
    unsafe fn stores_of_site(&self, site: usize) -> &[Store; WAYS] {
        debug_assert!(site < self.stores.len());
        // SAFETY: as in `loads_of_site`.
        unsafe { &*self.stores.get_unchecked(site).get() }
    }

    /// The store entries of the instruction at `at`.
    #[inline]
    fn stores_at(&self, at: usize) -> Option<&[Store; WAYS]> {
        self.stores_of(self.site(at))
    }

    /// The store entries of site `site`.
    #[inline(always)]
    fn stores_of(&self, site: usize) -> Option<&[Store; WAYS]> {
        let cell = self.stores.get(site)?;
        // SAFETY: as in `loads_at`, with `learn_store`.
        Some(unsafe { &*cell.get() })
    }

    /// Whether a miss at `site` should record what the full path finds:
    /// the first 32 misses, then one in 64.
    fn should_learn(&self, site: usize) -> bool {
        let Some(m) = self.misses.get(site) else {
            return false;
        };
        let n = m.get();
        m.set(n.wrapping_add(1));
        n < 32 || n & 63 == 0
    }

    /// `obj.<name>` from the cache of the instruction at `at`; None on a
    /// miss. The newest entry is tried inline (a site that sees one class
    /// hits it every time); the others out of line.
    /// The newest entry is checked here rather than through
    /// `load_instance_value` so that a miss goes on to the other entries
    /// without finding the instance and its class again (polymorphic
    /// sites, richards: +2% instructions the other way).
    #[inline(always)]
    pub fn load(&self, obj: &Value, at: usize) -> Option<Value> {
        let (i, c) = cacheable(obj)?;
        let version = c.version();
        let ways = self.loads_at(at)?;
        if let Load::Value {
            version: v,
            shape,
            index,
        } = &ways[0]
        {
            // SAFETY: an entry's index is a position of its shape
            // (`learn_load`).
            if *v == version {
                if let Some(value) = unsafe { i.cached_get(Rc::as_ptr(shape), *index) } {
                    return Some(value);
                }
            }
        }
        self.load_other_ways(obj, i, version, ways)
    }

    /// [`AttrCaches::load`] beyond the newest entry.
    #[inline(never)]
    fn load_other_ways(
        &self,
        obj: &Value,
        i: &crate::object::instance::Instance,
        version: u64,
        ways: &[Load; WAYS],
    ) -> Option<Value> {
        for entry in ways {
            match entry {
                Load::Value {
                    version: v,
                    shape,
                    index,
                } if *v == version => {
                    // SAFETY: as in `load`.
                    if let Some(value) = unsafe { i.cached_get(Rc::as_ptr(shape), *index) } {
                        return Some(value);
                    }
                }
                Load::FromClass {
                    version: v,
                    shape,
                    method,
                } if *v == version && i.has_shape(Rc::as_ptr(shape)) => {
                    // SAFETY: the entry's version is the class's.
                    let func = unsafe { Load::class_method(*method) };
                    return Some(Value::obj(NewObject::BoundMethod {
                        func,
                        receiver: obj.clone(),
                    }));
                }
                Load::ClassAttr {
                    version: v,
                    shape,
                    attr,
                } if *v == version && i.has_shape(Rc::as_ptr(shape)) => {
                    // SAFETY: the entry's version is the class's.
                    return Some(unsafe { Load::class_attr(attr) });
                }
                _ => {}
            }
        }
        None
    }

    /// `LOAD_METHOD` through the cache of the instruction at `at`: the function a
    /// cached class lookup finds, to be called with `obj` first; None on a
    /// miss.
    #[inline]
    pub fn load_method(&self, obj: &Value, at: usize) -> Option<Value> {
        let Some((i, c)) = cacheable(obj) else {
            return self.load_builtin_method(obj, at);
        };
        let version = c.version();
        self.loads_at(at)?.iter().find_map(|entry| match entry {
            Load::FromClass {
                version: v,
                shape,
                method,
            } if *v == version && i.has_shape(Rc::as_ptr(shape)) => {
                // SAFETY: the entry's version is the class's.
                Some(unsafe { Load::class_method(*method) })
            }
            _ => None,
        })
    }

    /// `LOAD_METHOD` of a built-in type's method on a value of a built-in
    /// type, through the cache.
    #[inline(never)]
    fn load_builtin_method(&self, obj: &Value, at: usize) -> Option<Value> {
        let ways = self.loads_at(at)?;
        if let Some(Object::Native(n)) = obj.as_obj() {
            return ways.iter().find_map(|entry| match entry {
                Load::Native { class, method } if class.is(&n.class) => Some(method.clone()),
                _ => None,
            });
        }
        // (Only values of the types `learn_builtin_method` accepts can
        // match an entry.)
        let key = builtin_key(obj)?;
        ways.iter().find_map(|entry| match entry {
            Load::Builtin { key: k, method } if *k == key => Some(method.clone()),
            _ => None,
        })
    }

    /// Records that `LOAD_METHOD` found built-in method `method` on `obj`
    /// (a value of a built-in type whose attributes are its type's).
    pub fn learn_builtin_method(&self, obj: &Value, at: usize, method: &Value) {
        let entry = match (obj.as_obj(), method.as_obj()) {
            (Some(Object::Native(n)), Some(Object::Builtin(_))) => Load::Native {
                class: n.class.clone(),
                method: method.clone(),
            },
            (_, Some(Object::MethodDescr(_))) => match builtin_key(obj) {
                Some(key) => Load::Builtin {
                    key,
                    method: method.clone(),
                },
                None => return,
            },
            _ => return,
        };
        let site = self.site(at);
        if !self.should_learn(site) {
            return;
        }
        if let Some(cell) = self.loads.get(site) {
            // SAFETY: as in `learn_load`; the displaced entry may hold a
            // method descriptor, whose release runs no code.
            let old = unsafe { insert(&mut *cell.get(), entry) };
            drop(old);
        }
    }

    /// Records what a full `LOAD_ATTR` of `name` on `obj` would find, for
    /// the next [`AttrCaches::load`] (after the full path succeeded).
    pub fn learn_load(&self, obj: &Value, at: usize, name: &str) {
        match obj.as_obj() {
            Some(Object::Module(m)) => return self.learn_module(m, at, name),
            Some(Object::Class(c)) => return self.learn_on_class(c, at, name),
            _ => {}
        }
        let Some((i, c)) = learnable(obj) else {
            return;
        };
        let site = self.site(at);
        if !self.should_learn(site) {
            return;
        }
        if !classes::plain_getattr(c) {
            return;
        }
        let Some((shape, at)) = i.shape_and_index(name) else {
            return;
        };
        let attr = classes::lookup_in(c, name);
        let version = c.version();
        let entry = match (at, attr) {
            (Some(index), None) => Load::Value {
                version,
                shape,
                index,
            },
            (Some(index), Some(a)) if !classes::is_data_descriptor(&a) => Load::Value {
                version,
                shape,
                index,
            },
            (_, Some(Value::Obj(a))) if matches!(a.get(), Object::Property(_)) => {
                match property_getter(&a) {
                    Some(getter) => Load::Property { version, getter },
                    None => return,
                }
            }
            (None, Some(Value::Obj(a))) if matches!(a.get(), Object::Function(_)) => {
                Load::FromClass {
                    version,
                    shape,
                    method: a.as_non_null(),
                }
            }
            (None, Some(a)) => match plain_class_attr(&a) {
                Some(attr) => Load::ClassAttr {
                    version,
                    shape,
                    attr,
                },
                None => return,
            },
            _ => return,
        };
        if let Some(cell) = self.loads.get(site) {
            // SAFETY: no reader holds a reference into the entries now
            // (see `loads_at`); the displaced entry is dropped after the
            // write, which releases only shapes.
            let old = unsafe { insert(&mut *cell.get(), entry) };
            drop(old);
        }
    }

    /// What a cached store on `obj` at the instruction at `at` works
    /// with: the instance, its class's version and the site's entries.
    #[inline(always)]
    fn store_site<'a>(
        &'a self,
        obj: &'a Value,
        at: usize,
    ) -> Option<(
        &'a crate::object::instance::Instance,
        u64,
        &'a [Store; WAYS],
    )> {
        let (i, c) = cacheable(obj)?;
        Some((i, c.version(), self.stores_at(at)?))
    }

    /// `obj.<name> = value` through the cache of the instruction at `at`;
    /// gives the value back on a miss. The newest entry is tried inline.
    #[inline(always)]
    pub fn store(&self, obj: &Value, at: usize, value: Value) -> Result<(), Value> {
        let Some((i, version, ways)) = self.store_site(obj, at) else {
            return Err(value);
        };
        let mut value = value;
        if let Store::Replace {
            version: v,
            shape,
            index,
        } = &ways[0]
        {
            // SAFETY: an entry's index is a position of its shape
            // (`learn_store`); the old value is released below.
            if *v == version {
                match unsafe { i.cached_replace(Rc::as_ptr(shape), *index, value) } {
                    Ok(old) => {
                        // Released after the entries are no longer used.
                        drop(old);
                        return Ok(());
                    }
                    Err(v) => value = v,
                }
            }
        }
        Self::store_other_ways(i, version, ways, value)
    }

    /// [`AttrCaches::store`] with every entry.
    #[inline(never)]
    fn store_other_ways(
        i: &crate::object::instance::Instance,
        version: u64,
        ways: &[Store; WAYS],
        value: Value,
    ) -> Result<(), Value> {
        let mut value = value;
        for entry in ways {
            let r = match entry {
                Store::Replace {
                    version: v,
                    shape,
                    index,
                } if *v == version => {
                    // SAFETY: as in `store`.
                    unsafe { i.cached_replace(Rc::as_ptr(shape), *index, value) }
                }
                Store::Add {
                    version: v,
                    from,
                    to,
                } if *v == version => i.cached_add(Rc::as_ptr(from), to, value),
                _ => Err(value),
            };
            match r {
                Ok(old) => {
                    // The replaced value is released after the entries
                    // are no longer looked at.
                    drop(old);
                    return Ok(());
                }
                Err(v) => value = v,
            }
        }
        Err(value)
    }

    /// The shape of `obj` before a full `STORE_ATTR`, when the store may
    /// be cached afterwards ([`AttrCaches::learn_store`]).
    pub fn before_store(obj: &Value, name: &str) -> Option<Rc<Shape>> {
        let (i, c) = learnable(obj)?;
        if !classes::plain_setattr(c) {
            return None;
        }
        // A class attribute of that name must not intercept the store.
        if let Some(a) = classes::lookup_in(c, name) {
            if classes::is_data_descriptor(&a) || matches!(a.as_obj(), Some(Object::GetSet(_))) {
                return None;
            }
        }
        i.shape_and_index(name).map(|(shape, _)| shape)
    }

    /// Records what the full `STORE_ATTR` of `name` on `obj` did, given
    /// the shape it had before.
    pub fn learn_store(&self, obj: &Value, at: usize, name: &str, before: Rc<Shape>) {
        let Some((i, c)) = learnable(obj) else {
            return;
        };
        let site = self.site(at);
        if !self.should_learn(site) {
            return;
        }
        let Some((after, at)) = i.shape_and_index(name) else {
            return;
        };
        let version = c.version();
        let entry = match at {
            Some(index) if Rc::ptr_eq(&before, &after) => Store::Replace {
                version,
                shape: after,
                index,
            },
            Some(index) if index == before.len() && after.len() == before.len() + 1 => Store::Add {
                version,
                from: before,
                to: after,
            },
            _ => return,
        };
        if let Some(cell) = self.stores.get(site) {
            // SAFETY: as in `learn_load`.
            let old = unsafe { insert(&mut *cell.get(), entry) };
            drop(old);
        }
    }
    /// `LOAD_ATTR_INSTANCE_VALUE`: `obj.<name>` when the newest entry of
    /// site `site` is an instance value that `obj` has.
    ///
    /// # Safety
    /// `site` must be one of this code's sites (a specialised form's
    /// argument, or what `quick_site` gave).
    #[inline(always)]
    pub unsafe fn load_instance_value(&self, obj: &Value, site: usize) -> Option<Value> {
        let (i, c) = cacheable(obj)?;
        // SAFETY: guaranteed by the caller.
        match &unsafe { self.loads_of_site(site) }[0] {
            Load::Value {
                version,
                shape,
                index,
            } if *version == c.version() => {
                // SAFETY: an entry's index is a position of its shape
                // (`learn_load`).
                unsafe { i.cached_get(Rc::as_ptr(shape), *index) }
            }
            _ => None,
        }
    }

    /// `STORE_ATTR_INSTANCE_VALUE`: what the newest entry of site `site`
    /// says to do with a store on `obj`.
    ///
    /// # Safety
    /// As [`crate::object::instance::Instance::cached_slot`]: given a
    /// slot, the caller moves the new value in, and releases the old one,
    /// before anything else runs. `site` must be one of this code's sites
    /// (a specialised form's argument).
    #[inline(always)]
    pub(crate) unsafe fn store_target<'a>(
        &'a self,
        obj: &'a Value,
        site: usize,
    ) -> StoreTarget<'a> {
        let Some((i, c)) = cacheable(obj) else {
            return StoreTarget::Miss;
        };
        // SAFETY: guaranteed by the caller.
        let ways = unsafe { self.stores_of_site(site) };
        let version = c.version();
        match &ways[0] {
            Store::Replace {
                version: v,
                shape,
                index,
            } if *v == version => {
                // SAFETY: the caller keeps to `cached_slot`'s rule, and
                // an entry's index is a position of its shape
                // (`learn_store`).
                match unsafe { i.cached_slot(Rc::as_ptr(shape), *index) } {
                    Some(slot) => StoreTarget::Slot(slot),
                    None => StoreTarget::Miss,
                }
            }
            entry => StoreTarget::Add(i, version, entry),
        }
    }

    /// [`StoreTarget::Add`]: the store when the newest entry adds the
    /// attribute (an `__init__`'s stores), the shape transition; the
    /// value back on a miss.
    #[inline(never)]
    pub(crate) fn add_instance_value(
        i: &crate::object::instance::Instance,
        version: u64,
        entry: &Store,
        value: Value,
    ) -> Result<(), Value> {
        match entry {
            Store::Add {
                version: v,
                from,
                to,
            } if *v == version => i.cached_add(Rc::as_ptr(from), to, value).map(drop),
            _ => Err(value),
        }
    }

    /// Whether the newest store entry of site `site` applies to `obj` as
    /// it is now (the specialiser's question).
    pub fn store_fits(&self, obj: &Value, site: usize) -> bool {
        let (Some((i, c)), Some(ways)) = (cacheable(obj), self.stores_of(site)) else {
            return false;
        };
        match &ways[0] {
            Store::Replace { version, shape, .. } => {
                *version == c.version() && i.has_shape(Rc::as_ptr(shape))
            }
            Store::Add { version, from, .. } => {
                *version == c.version() && i.has_shape(Rc::as_ptr(from))
            }
            Store::Empty => false,
        }
    }

    /// `LOAD_METHOD_WITH_VALUES`: the function on `obj`'s class that the
    /// newest entry of site `site` found, `obj` not shadowing it.
    ///
    /// # Safety
    /// As for [`AttrCaches::load_instance_value`].
    #[inline(always)]
    pub unsafe fn load_method_with_values(&self, obj: &Value, site: usize) -> Option<Value> {
        let (i, c) = cacheable(obj)?;
        // SAFETY: guaranteed by the caller.
        match &unsafe { self.loads_of_site(site) }[0] {
            Load::FromClass {
                version,
                shape,
                method,
            } if *version == c.version() && i.has_shape(Rc::as_ptr(shape)) => {
                // SAFETY: the entry's version is the class's.
                Some(unsafe { Load::class_method(*method) })
            }
            _ => None,
        }
    }

    /// `LOAD_ATTR_CLASS`: the plain class attribute the newest entry of
    /// site `site` found, `obj` not shadowing it.
    #[inline(always)]
    pub fn load_class_attr(&self, obj: &Value, site: usize) -> Option<Value> {
        let (i, c) = cacheable(obj)?;
        match &self.loads_of(site)?[0] {
            Load::ClassAttr {
                version,
                shape,
                attr,
            } if *version == c.version() && i.has_shape(Rc::as_ptr(shape)) => {
                // SAFETY: the entry's version is the class's.
                Some(unsafe { Load::class_attr(attr) })
            }
            _ => None,
        }
    }

    /// `LOAD_ATTR_PROPERTY`: the getter (a Python function of one
    /// parameter) of the property the newest entry of site `site` found
    /// on `obj`'s class.
    #[inline(always)]
    pub fn load_property(&self, obj: &Value, site: usize) -> Option<Value> {
        let (_, c) = cacheable(obj)?;
        match &self.loads_of(site)?[0] {
            Load::Property { version, getter } if *version == c.version() => {
                // SAFETY: the entry's version is the class's (whose dict
                // holds the property, which holds its getter).
                Some(unsafe { Load::class_method(*getter) })
            }
            _ => None,
        }
    }

    /// `LOAD_METHOD_CLASS`: the function the newest entry of site `site`
    /// found on the class `obj`, and whether the class is its receiver.
    #[inline(always)]
    pub fn load_method_on_class(&self, obj: &Value, site: usize) -> Option<(Value, bool)> {
        let Some(Object::Class(c)) = obj.as_obj() else {
            return None;
        };
        match &self.loads_of(site)?[0] {
            Load::OnClass {
                version,
                func,
                bind,
            } if *version == c.version() => {
                // SAFETY: the entry's version is the class's (version tags
                // are unique, so it is the class the entry was made on,
                // whose dict still holds what held the function).
                Some((unsafe { Load::class_method(*func) }, *bind))
            }
            _ => None,
        }
    }

    /// Records, for `LOAD_METHOD_CLASS`, the function a lookup of `name`
    /// on the class `c` finds: only on a user class whose metaclass is
    /// `type` and for a name that is no dunder (the metaclass's own
    /// descriptors come first for those), and only a Python function, a
    /// staticmethod's or a classmethod's.
    fn learn_on_class(&self, c: &Class, at: usize, name: &str) {
        if c.metaclass.is_some() || c.builtin_kind.is_some() || name.starts_with("__") {
            return;
        }
        let site = self.site(at);
        if !self.should_learn(site) {
            return;
        }
        let Some(Value::Obj(attr)) = classes::lookup_in(c, name) else {
            return;
        };
        let (func, bind) = match attr.get() {
            Object::Function(_) => (attr.as_non_null(), false),
            Object::StaticMethod(Value::Obj(f)) if matches!(f.get(), Object::Function(_)) => {
                (f.as_non_null(), false)
            }
            Object::ClassMethod(Value::Obj(f)) if matches!(f.get(), Object::Function(_)) => {
                (f.as_non_null(), true)
            }
            _ => return,
        };
        let entry = Load::OnClass {
            version: c.version(),
            func,
            bind,
        };
        if let Some(cell) = self.loads.get(site) {
            // SAFETY: as in `learn_load`.
            let old = unsafe { insert(&mut *cell.get(), entry) };
            drop(old);
        }
    }

    /// `LOAD_METHOD_NO_DICT`: the built-in type's method that the newest
    /// entry of site `site` holds, when `obj` is of that type.
    ///
    /// # Safety
    /// As for [`AttrCaches::load_instance_value`].
    #[inline(always)]
    pub unsafe fn load_method_no_dict(&self, obj: &Value, site: usize) -> Option<Value> {
        // SAFETY: guaranteed by the caller.
        match &unsafe { self.loads_of_site(site) }[0] {
            Load::Builtin { key, method } if builtin_key_matches(*key, obj) => Some(method.clone()),
            entry @ Load::Native { .. } => native_method(entry, obj),
            _ => None,
        }
    }

    /// Records where module `m`'s dict holds `name`, for
    /// `LOAD_ATTR_MODULE` / `LOAD_METHOD_MODULE`. Not for dunder names:
    /// the module type's own descriptors (`__dict__`, `__class__`) come
    /// before the dict for those.
    fn learn_module(&self, m: &crate::object::heap::Module, at: usize, name: &str) {
        if name.starts_with("__") {
            return;
        }
        let Object::Dict(d) = m.dict.get() else {
            return;
        };
        let Ok(d) = d.try_borrow() else {
            return;
        };
        let Some(index) = d.index_of_str(name, crate::object::dict::str_hash(name)) else {
            return;
        };
        let site = self.site(at);
        if !self.should_learn(site) {
            return;
        }
        let entry = Load::Module {
            version: d.version(),
            index,
        };
        drop(d);
        if let Some(cell) = self.loads.get(site) {
            // SAFETY: as in `learn_load`.
            let old = unsafe { insert(&mut *cell.get(), entry) };
            drop(old);
        }
    }

    /// `LOAD_ATTR_MODULE` / `LOAD_METHOD_MODULE`: the attribute of module
    /// `obj` where the newest entry of site `site` found it, when the
    /// module's dict has not changed since.
    #[inline(always)]
    pub fn load_module_attr(&self, obj: &Value, site: usize) -> Option<Value> {
        let Some(Object::Module(m)) = obj.as_obj() else {
            return None;
        };
        let Load::Module { version, index } = &self.loads_of(site)?[0] else {
            return None;
        };
        let Object::Dict(d) = m.dict.get() else {
            return None;
        };
        // SAFETY: the dict is only read, and cloning a value runs no code.
        let d = unsafe { d.try_borrow_unguarded() }.ok()?;
        if d.version() != *version {
            return None;
        }
        d.value_at(*index)
    }
}

/// The getter of `attr` when it is a `property` whose getter is a Python
/// function of exactly one parameter (what `LOAD_ATTR_PROPERTY` calls).
fn property_getter(
    attr: &crate::object::value::ObjRef,
) -> Option<std::ptr::NonNull<crate::object::value::HeapObject>> {
    match attr.get() {
        Object::Property(p) => match &p.fget {
            Value::Obj(g) if matches!(g.get(), Object::Function(f) if f.code.simple_argcount == Some(1)) => {
                Some(g.as_non_null())
            }
            _ => None,
        },
        _ => None,
    }
}

/// `attr` as a [`Load::ClassAttr`] entry keeps it, when it is a value
/// that an instance lookup returns as it is (no `__get__`): an
/// immediate, a str or a tuple.
fn plain_class_attr(attr: &Value) -> Option<crate::object::payloads::BorrowedAttr> {
    use crate::object::payloads::BorrowedAttr;
    match attr {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => {
            Some(BorrowedAttr::Immediate(attr.clone()))
        }
        Value::Obj(o) => match o.get() {
            Object::Str(_) | Object::Tuple(_) => Some(BorrowedAttr::Object(o.as_non_null())),
            _ => None,
        },
        _ => None,
    }
}

impl AttrCaches {
    /// What each attribute site's entries say, newest first, for the
    /// JIT's translator (`taipan_bytecode::feedback::AttrSeen`), by byte
    /// offset: instance values loaded and replaced, methods found on the
    /// class. The shapes named are pushed to `pinned`, which the caller
    /// keeps as long as the compiled code (so that no other shape can
    /// take the address compiled code compares with).
    pub fn jit_feedback(
        &self,
        pinned: &mut Vec<Rc<Shape>>,
        pinned_values: &mut Vec<Value>,
    ) -> Vec<(usize, taipan_bytecode::feedback::AttrSeen)> {
        use crate::object::instance::shape_word;
        use taipan_bytecode::feedback::AttrSeen;
        let mut out = Vec::new();
        for (half, &site) in self.site_of.iter().enumerate() {
            if site == NO_SITE {
                continue;
            }
            let site = site as usize;
            // (Built-in types' methods, added after the others.)
            let mut type_methods = Vec::new();
            let mut seen = |shape: &Rc<Shape>, make: &dyn Fn(u64) -> Option<AttrSeen>| {
                if let Some(s) = make(shape_word(shape)) {
                    pinned.push(shape.clone());
                    out.push((half * 2, s));
                }
            };
            for entry in self.loads_of(site).into_iter().flatten() {
                match entry {
                    Load::Value {
                        version,
                        shape,
                        index,
                    } => seen(shape, &|shape| {
                        Some(AttrSeen::Value {
                            version: *version,
                            shape,
                            index: u32::try_from(*index).ok()?,
                        })
                    }),
                    Load::FromClass {
                        version,
                        shape,
                        method,
                    } => seen(shape, &|shape| {
                        Some(AttrSeen::Method {
                            version: *version,
                            shape,
                            func: method.as_ptr() as u64,
                        })
                    }),
                    Load::Builtin { key, method } => {
                        let (tag, kind) = match *key {
                            BuiltinKey::Immediate(t) => (t as u64, None),
                            BuiltinKey::Variant(k) => (crate::object::value::tag::OBJ, Some(k)),
                        };
                        pinned_values.push(method.clone());
                        // SAFETY: a `Value` is two words (`repr(C, u64)`);
                        // the copy is plain bits, the pin keeps it alive.
                        let words = unsafe { std::mem::transmute_copy::<Value, [u64; 2]>(method) };
                        let call = match method.as_obj() {
                            Some(Object::MethodDescr(d)) => d.builtin.func as usize as u64,
                            _ => 0,
                        };
                        type_methods.push((
                            half * 2,
                            AttrSeen::TypeMethod {
                                tag,
                                kind,
                                method: words,
                                call,
                            },
                        ));
                    }
                    Load::Native { class, method } => {
                        let Value::Obj(c) = class else { continue };
                        pinned_values.push(class.clone());
                        pinned_values.push(method.clone());
                        // SAFETY: as for `Load::Builtin` above.
                        let words = unsafe { std::mem::transmute_copy::<Value, [u64; 2]>(method) };
                        let call = match method.as_obj() {
                            Some(Object::Builtin(b))
                                if !crate::vm::eval_exec::reads_frame(b.func) =>
                            {
                                b.func as usize as u64
                            }
                            _ => 0,
                        };
                        type_methods.push((
                            half * 2,
                            AttrSeen::NativeMethod {
                                kind: crate::object::kinds::kind::Native,
                                class: c.as_non_null().as_ptr() as u64,
                                method: words,
                                call,
                            },
                        ));
                    }
                    _ => {}
                }
            }
            for entry in self.stores_of(site).into_iter().flatten() {
                if let Store::Replace {
                    version,
                    shape,
                    index,
                } = entry
                {
                    seen(shape, &|shape| {
                        Some(AttrSeen::Replace {
                            version: *version,
                            shape,
                            index: u32::try_from(*index).ok()?,
                        })
                    });
                }
            }
            out.extend(type_methods);
        }
        out
    }
}
