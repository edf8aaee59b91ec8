//! Inline caches for attribute access on instances (`LOAD_ATTR`,
//! `STORE_ATTR`), the first of the fast interpreter's caches (PEP 659's
//! `LOAD_ATTR_INSTANCE_VALUE`, `STORE_ATTR_INSTANCE_VALUE`). Each code
//! object keeps one entry per attribute name it uses: what the last full
//! lookup on an instance found, guarded by the class's version tag (the
//! class and its bases unchanged, so no descriptor or hook appeared) and
//! the instance's shape (the attribute at the same position). A hit reads
//! or writes the value at that position directly; anything else takes
//! the full path, which then records what it found.

use super::classes::{self, Class};
use super::object::Object;
use super::shape::Shape;
use super::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// The attribute caches of one code object, by name index.
pub struct AttrCaches {
    loads: RefCell<Box<[Load]>>,
    stores: RefCell<Box<[Store]>>,
}

/// What a `LOAD_ATTR` of one name last found on an instance.
#[derive(Default)]
enum Load {
    #[default]
    Empty,
    /// An instance attribute at `index` of `shape`.
    Value {
        version: u64,
        shape: Rc<Shape>,
        index: usize,
    },
    /// Not on the instance (its shape lacks the name): a class attribute
    /// that is no data descriptor (a method, say), found through the
    /// class's own lookup cache.
    FromClass { version: u64, shape: Rc<Shape> },
}

/// What a `STORE_ATTR` of one name last did on an instance.
#[derive(Default)]
enum Store {
    #[default]
    Empty,
    /// Replaced the value at `index` of `shape`.
    Replace {
        version: u64,
        shape: Rc<Shape>,
        index: usize,
    },
    /// Added the attribute: the instance moved from `from` to `to`.
    Add {
        version: u64,
        from: Rc<Shape>,
        to: Rc<Shape>,
    },
}

/// `LOAD_METHOD` without a cache hit: the method `name` of `obj`'s type
/// and true when calling it with `obj` first is the same as calling
/// `obj.name` (a Python function on an instance's class that the instance
/// does not shadow, a method of a built-in type), else `obj.name` itself
/// and false.
pub fn load_method(vm: &mut super::Vm, obj: &Value, name: &str) -> super::PyResult<(Value, bool)> {
    match obj.as_obj() {
        Some(Object::Instance(i)) if i.exc.is_none() && classes::plain_getattr(i.class()) => {
            if let Some(f) = classes::lookup_in(i.class(), name) {
                if matches!(f.as_obj(), Some(Object::Function(_))) && i.get_attr(name).is_none() {
                    return Ok((f, true));
                }
            }
        }
        // Modules, classes, files and proxies have attributes of their own.
        Some(
            Object::Instance(_)
            | Object::Module(_)
            | Object::Class(_)
            | Object::Super { .. }
            | Object::File(_)
            | Object::Stream(_)
            | Object::WeakRef(_),
        ) => {}
        _ => {
            let cls = classes::type_object(super::object::type_of(obj));
            if let Some(f) = classes::lookup(&cls, name) {
                if matches!(f.as_obj(), Some(Object::MethodDescr { .. })) {
                    return Ok((f, true));
                }
            }
        }
    }
    Ok((super::protocols::getattr(vm, obj, name)?, false))
}

/// The class of an instance that the caches may handle: an ordinary
/// instance (no exception state) whose class has no attribute hooks.
#[inline]
fn cacheable(obj: &Value) -> Option<(&super::instance::Instance, &Class)> {
    match obj.as_obj() {
        Some(Object::Instance(i)) if i.exc.is_none() => Some((i, i.class())),
        _ => None,
    }
}

impl AttrCaches {
    /// Empty caches for a code object with `names` attribute names.
    pub fn new(names: usize) -> AttrCaches {
        AttrCaches {
            loads: RefCell::new((0..names).map(|_| Load::Empty).collect()),
            stores: RefCell::new((0..names).map(|_| Store::Empty).collect()),
        }
    }

    /// `obj.<name>` from the cache of name `index`; None on a miss.
    #[inline]
    pub fn load(&self, obj: &Value, index: usize, name: &str) -> Option<Value> {
        let (i, c) = cacheable(obj)?;
        let loads = self.loads.borrow();
        match loads.get(index)? {
            Load::Value {
                version,
                shape,
                index,
            } if *version == c.version() => i.cached_get(shape, *index),
            Load::FromClass { version, shape } if *version == c.version() && i.has_shape(shape) => {
                let attr = classes::lookup_in(c, name)?;
                drop(loads);
                match attr.as_obj() {
                    Some(Object::Function(_)) => Some(Value::obj(Object::BoundMethod {
                        func: attr,
                        receiver: obj.clone(),
                    })),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `LOAD_METHOD` through the cache of name `index`: the function a
    /// cached class lookup finds, to be called with `obj` first; None on a
    /// miss.
    #[inline]
    pub fn load_method(&self, obj: &Value, index: usize, name: &str) -> Option<Value> {
        let (i, c) = cacheable(obj)?;
        let loads = self.loads.borrow();
        match loads.get(index)? {
            Load::FromClass { version, shape } if *version == c.version() && i.has_shape(shape) => {
                drop(loads);
                classes::lookup_in(c, name)
                    .filter(|f| matches!(f.as_obj(), Some(Object::Function(_))))
            }
            _ => None,
        }
    }

    /// Records what a full `LOAD_ATTR` of `name` on `obj` would find, for
    /// the next [`AttrCaches::load`] (after the full path succeeded).
    pub fn learn_load(&self, obj: &Value, index: usize, name: &str) {
        let Some((i, c)) = cacheable(obj) else {
            return;
        };
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
            (None, Some(a)) if matches!(a.as_obj(), Some(Object::Function(_))) => {
                Load::FromClass { version, shape }
            }
            _ => Load::Empty,
        };
        if let Some(slot) = self.loads.borrow_mut().get_mut(index) {
            *slot = entry;
        }
    }

    /// `obj.<name> = value` through the cache of name `index`; gives the
    /// value back on a miss.
    #[inline]
    pub fn store(&self, obj: &Value, index: usize, value: Value) -> Result<(), Value> {
        let Some((i, c)) = cacheable(obj) else {
            return Err(value);
        };
        let stores = self.stores.borrow();
        match stores.get(index) {
            Some(Store::Replace {
                version,
                shape,
                index,
            }) if *version == c.version() => i.cached_replace(shape, *index, value),
            Some(Store::Add { version, from, to }) if *version == c.version() => {
                i.cached_add(from, to, value)
            }
            _ => Err(value),
        }
    }

    /// The shape of `obj` before a full `STORE_ATTR`, when the store may
    /// be cached afterwards ([`AttrCaches::learn_store`]).
    pub fn before_store(obj: &Value, name: &str) -> Option<Rc<Shape>> {
        let (i, c) = cacheable(obj)?;
        if !classes::plain_setattr(c) {
            return None;
        }
        // A class attribute of that name must not intercept the store.
        if let Some(a) = classes::lookup_in(c, name) {
            if classes::is_data_descriptor(&a) || matches!(a.as_obj(), Some(Object::GetSet { .. }))
            {
                return None;
            }
        }
        i.shape_and_index(name).map(|(shape, _)| shape)
    }

    /// Records what the full `STORE_ATTR` of `name` on `obj` did, given
    /// the shape it had before.
    pub fn learn_store(&self, obj: &Value, index: usize, name: &str, before: Rc<Shape>) {
        let Some((i, c)) = cacheable(obj) else {
            return;
        };
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
            _ => Store::Empty,
        };
        if let Some(slot) = self.stores.borrow_mut().get_mut(index) {
            *slot = entry;
        }
    }
}
