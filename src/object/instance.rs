//! Instances of user classes: the class, the attributes (a shape and
//! inline values, `object::shape`; a `__dict__` only when asked for),
//! and the state of exception and built-in-subclass instances.

use crate::object::classes::{dict_of, new_dict_obj, unreachable_class, Class};
use crate::object::dict::Dict;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_str, type_name, Builtin, Object, TypeKind};
use crate::object::shape::Shape;
use crate::object::value::{ObjRef, Value};
use smallvec::SmallVec;
use std::cell::RefCell;
use std::rc::Rc;

/// An instance of a class.
///
/// `repr(C)`, in the order an inline-cache hit reads the fields: the
/// class's data, whether the instance is an exception's, then the
/// attributes (so a hit touches the object's first cache line first).
#[repr(C)]
pub struct Instance {
    /// The class's data, inside `class`'s object (a boxed `Class` that
    /// never moves, kept alive by `class`): one load from the instance to
    /// the class's version tag instead of three.
    class_data: *const Class,
    /// `args`, traceback, context and cause, for instances of exception
    /// classes (boxed: most instances are not exceptions).
    pub exc: Option<Box<ExcData>>,
    /// The class (an `Object::Class`).
    pub class: ObjRef,
    /// The attributes: a shape and inline values, or a materialised
    /// `__dict__` ([`Attrs`]).
    attrs: RefCell<Attrs>,
    /// The built-in value of an instance of a built-in type's subclass
    /// (`class D(dict)`): see `protocol::subclass` (boxed: few instances
    /// have one).
    payload: Option<Box<Value>>,
}

/// What an instance of an exception class has besides its attributes.
#[derive(Default)]
pub struct ExcData {
    /// `args`.
    pub args: RefCell<Vec<Value>>,
    /// Traceback, context and cause.
    pub state: crate::object::exceptions::ExcState,
}

/// Where an instance keeps its attributes (`object::shape`): a shape and
/// one value per name (`Value::Unbound` for an empty `__slots__` slot);
/// once `__dict__` was asked for (or the instance outgrew
/// [`crate::object::shape::MAX_SHAPE_ATTRS`]), a real dict object for everything
/// but the slots, which stay fixed positions.
struct Attrs {
    shape: Rc<Shape>,
    values: SmallVec<[Value; 4]>,
    /// The materialised `__dict__`; when set, `shape` is the class's root
    /// shape (the slots only).
    dict: Option<ObjRef>,
}

/// What [`Instance::del_attr`] found.
pub enum Deleted {
    /// The attribute was there and is gone.
    Yes,
    /// There was no such attribute.
    Missing,
    /// The name is a `__slots__` slot that was empty.
    EmptySlot,
}

impl Instance {
    /// The built-in value of an instance of a built-in type's subclass.
    #[inline]
    pub fn payload(&self) -> Option<&Value> {
        self.payload.as_deref()
    }

    /// A new instance of `class` with no attributes (empty slots);
    /// `exc_args` for an instance of an exception class (ignored for
    /// other classes).
    pub fn new(class: ObjRef, exc_args: Option<Vec<Value>>, payload: Option<Value>) -> Instance {
        let (class_data, shape): (*const Class, _) = match class.get() {
            Object::Class(c) => (&**c, c.root_shape.clone()),
            _ => (unreachable_class(), Shape::root(&[])),
        };
        // SAFETY: as in `Instance::class`.
        let is_exc = matches!(unsafe { &*class_data }.builtin_base, TypeKind::Exception(_));
        let values = std::iter::repeat_with(|| Value::Unbound)
            .take(shape.len())
            .collect();
        Instance {
            class_data,
            class,
            attrs: RefCell::new(Attrs {
                shape,
                values,
                dict: None,
            }),
            // Exception state exactly when the class is an exception
            // class (the inline caches count on it: `vm::attr_cache`).
            exc: is_exc.then(|| exc_args.unwrap_or_default()).map(|args| {
                Box::new(ExcData {
                    args: RefCell::new(args),
                    state: Default::default(),
                })
            }),
            payload: payload.map(Box::new),
        }
    }

    /// The class.
    #[inline]
    pub fn class(&self) -> &Class {
        // SAFETY: `class_data` points into the object `self.class` keeps
        // alive (a `Box<Class>` no one replaces), or at the static
        // placeholder.
        unsafe { &*self.class_data }
    }

    /// `args` of an exception instance (empty for other instances).
    pub fn exc_args(&self) -> Vec<Value> {
        self.exc
            .as_ref()
            .map(|e| e.args.borrow().clone())
            .unwrap_or_default()
    }

    /// The class's `__name__`.
    pub fn class_name(&self) -> &str {
        &self.class().tp_name
    }

    /// The instance attribute `name`, if set.
    #[inline]
    pub fn get_attr(&self, name: &str) -> Option<Value> {
        let attrs = self.attrs.borrow();
        match attrs.shape.index_of(name) {
            Some(i) => match &attrs.values[i] {
                Value::Unbound => None,
                v => Some(v.clone()),
            },
            None => attrs
                .dict
                .as_ref()
                .and_then(|d| dict_of(d).borrow().get_str(name)),
        }
    }

    /// Sets the instance attribute `name`.
    pub fn set_attr(&self, name: &str, value: Value) {
        let mut guard = self.attrs.borrow_mut();
        let attrs = &mut *guard;
        let old = match attrs.shape.index_of(name) {
            Some(i) => std::mem::replace(&mut attrs.values[i], value),
            None => {
                if attrs.dict.is_none() {
                    if let Some(next) = attrs.shape.with_added(name) {
                        attrs.shape = next;
                        attrs.values.push(value);
                        return;
                    }
                    self.move_to_dict(attrs);
                }
                if let Some(d) = &attrs.dict {
                    dict_of(d).borrow_mut().set_str(name, value);
                }
                return;
            }
        };
        // The replaced value is released after the borrow ends.
        drop(guard);
        drop(old);
    }

    /// The shape and the position of `name` in it, while the attributes
    /// live in the shape (no materialised dict): what an inline cache
    /// records (`vm::attr_cache`).
    pub fn shape_and_index(&self, name: &str) -> Option<(Rc<Shape>, Option<usize>)> {
        let attrs = self.attrs.borrow();
        if attrs.dict.is_some() {
            return None;
        }
        Some((attrs.shape.clone(), attrs.shape.index_of(name)))
    }

    /// Whether the attributes live in `shape` (no materialised dict).
    #[inline]
    pub fn has_shape(&self, shape: *const Shape) -> bool {
        let attrs = self.attrs.borrow();
        std::ptr::eq(Rc::as_ptr(&attrs.shape), shape) && attrs.dict.is_none()
    }

    /// The value at `index` when the attributes live in `shape` (an inline
    /// cache hit); None otherwise or when the slot is empty.
    ///
    /// No materialised `__dict__` needs ruling out: with one, the shape
    /// is the class's root shape, whose positions are the `__slots__`,
    /// which stay in `values`.
    ///
    /// # Safety
    /// `index` is a position of `shape` (below its length), as the
    /// inline caches record it (`Instance::shape_and_index`).
    #[inline(always)]
    pub unsafe fn cached_get(&self, shape: *const Shape, index: usize) -> Option<Value> {
        // SAFETY: the attributes are only read, and nothing that could
        // change them runs while the reference lives (a clone runs no
        // code).
        let attrs = unsafe { self.attrs.try_borrow_unguarded() }.ok()?;
        if !std::ptr::eq(Rc::as_ptr(&attrs.shape), shape) {
            return None;
        }
        debug_assert!(index < attrs.values.len());
        // SAFETY: the attributes hold one value per position of their
        // shape (every change to one changes the other with it), and the
        // caller promises `index` is a position of it.
        match unsafe { attrs.values.get_unchecked(index) } {
            Value::Unbound => None,
            v => Some(v.clone()),
        }
    }

    /// Replaces the value at `index` when the attributes live in `shape`
    /// (an inline cache hit), returning the old value for the caller to
    /// release; gives the value back otherwise.
    ///
    /// # Safety
    /// As [`Instance::cached_get`]: `index` is a position of `shape`.
    #[inline(always)]
    pub unsafe fn cached_replace(
        &self,
        shape: *const Shape,
        index: usize,
        value: Value,
    ) -> Result<Value, Value> {
        // SAFETY: the caller keeps to `cached_slot`'s rule: the value is
        // moved in at once, and the old one handed back to be released.
        match unsafe { self.cached_slot(shape, index) } {
            Some(slot) => Ok(std::mem::replace(slot, value)),
            None => Err(value),
        }
    }

    /// The value slot at `index` when the attributes live in `shape` (an
    /// inline cache hit), for the caller to replace.
    ///
    /// # Safety
    /// `index` is a position of `shape`, as for [`Instance::cached_get`].
    /// The caller must be done with the slot before anything else looks
    /// at the instance's attributes (no code runs in between: it moves a
    /// value in, and releases the old one only after).
    // (A mutable reference out of a shared one: the attributes sit in a
    // RefCell, and the contract above stands in for its borrow flag.)
    #[allow(clippy::mut_from_ref)]
    #[inline(always)]
    pub unsafe fn cached_slot(&self, shape: *const Shape, index: usize) -> Option<&mut Value> {
        // Not borrowed now (checked); the caller keeps to the rule above,
        // so no borrow flag needs setting.
        if self.attrs.try_borrow_mut().is_err() {
            return None;
        }
        // SAFETY: no reference to the attributes exists (checked above),
        // and the caller makes none while it holds the slot.
        let attrs = unsafe { &mut *self.attrs.as_ptr() };
        if !std::ptr::eq(Rc::as_ptr(&attrs.shape), shape) {
            return None;
        }
        debug_assert!(index < attrs.values.len());
        // SAFETY: as in `cached_get`.
        Some(unsafe { attrs.values.get_unchecked_mut(index) })
    }

    /// Adds an attribute by moving from shape `from` to `to` (its cached
    /// transition) when the attributes live in `from` (returning None, as
    /// [`Instance::cached_replace`] returns the value it replaced); gives
    /// the value back otherwise.
    #[inline]
    pub fn cached_add(
        &self,
        from: *const Shape,
        to: &Rc<Shape>,
        value: Value,
    ) -> Result<Value, Value> {
        let mut attrs = self.attrs.borrow_mut();
        if !std::ptr::eq(Rc::as_ptr(&attrs.shape), from) || attrs.dict.is_some() {
            return Err(value);
        }
        // The old shape is released after the borrow ends (it only holds
        // names and child shapes).
        let old = std::mem::replace(&mut attrs.shape, to.clone());
        attrs.values.push(value);
        drop(attrs);
        drop(old);
        Ok(Value::None)
    }

    /// Deletes the instance attribute `name`.
    pub fn del_attr(&self, name: &str) -> PyResult<Deleted> {
        let mut guard = self.attrs.borrow_mut();
        let attrs = &mut *guard;
        let removed = match attrs.shape.index_of(name) {
            Some(i) => {
                let root = &self.class().root_shape;
                if matches!(attrs.values[i], Value::Unbound) {
                    return Ok(if i < root.len() {
                        Deleted::EmptySlot
                    } else {
                        Deleted::Missing
                    });
                }
                if i < root.len() {
                    // A `__slots__` slot: a fixed position, emptied.
                    std::mem::replace(&mut attrs.values[i], Value::Unbound)
                } else {
                    let mut names = attrs.shape.names()[root.len()..].to_vec();
                    names.remove(i - root.len());
                    let old = attrs.values.remove(i);
                    match Shape::path(root, &names) {
                        Some(next) => attrs.shape = next,
                        None => {
                            // (An empty place keeps the values in step
                            // with the old shape's names, which the move
                            // pairs them with; it skips empty places.)
                            attrs.values.insert(i, Value::Unbound);
                            self.move_to_dict(attrs)
                        }
                    }
                    old
                }
            }
            None => {
                let Some(d) = &attrs.dict else {
                    return Ok(Deleted::Missing);
                };
                match dict_of(d).borrow_mut().remove(&new_str(name))? {
                    Some(old) => old,
                    None => return Ok(Deleted::Missing),
                }
            }
        };
        drop(guard);
        drop(removed);
        Ok(Deleted::Yes)
    }

    /// `__dict__`: the attributes as a dict object, made on first use;
    /// from then on the instance keeps its attributes there.
    pub fn dict(&self) -> ObjRef {
        let mut attrs = self.attrs.borrow_mut();
        if attrs.dict.is_none() {
            self.move_to_dict(&mut attrs);
        }
        attrs.dict.clone().unwrap_or_else(new_dict_obj)
    }

    /// `obj.__dict__ = d`: the attributes past the slots become `d`'s
    /// (a dict object), which the instance keeps from then on.
    pub fn set_dict(&self, d: ObjRef) {
        let mut attrs = self.attrs.borrow_mut();
        if attrs.dict.is_none() {
            self.move_to_dict(&mut attrs);
        }
        let old = attrs.dict.replace(d);
        drop(attrs);
        // The old dict (and what it holds) goes once the borrow is over:
        // a destructor it runs may look at this instance again.
        drop(old);
    }

    /// Moves the attributes past the slots into a new dict.
    fn move_to_dict(&self, attrs: &mut Attrs) {
        let root = self.class().root_shape.clone();
        let mut d = Dict::new();
        let names = &attrs.shape.names()[root.len()..];
        for (n, v) in names.iter().zip(attrs.values.drain(root.len()..)) {
            if !matches!(v, Value::Unbound) {
                d.set_str(n, v);
            }
        }
        attrs.shape = root;
        attrs.dict = Some(ObjRef::new(NewObject::Dict(RefCell::new(d))));
    }

    /// Reports the references the instance holds (cycle collector);
    /// false if part of it could not be looked at.
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) -> bool {
        use crate::object::gc::{visit_value, visit_values};
        visit(self.class.as_non_null());
        if let Some(p) = self.payload() {
            visit_value(p, visit);
        }
        let Ok(attrs) = self.attrs.try_borrow() else {
            return false;
        };
        visit_values(&attrs.values, visit);
        if let Some(d) = &attrs.dict {
            visit(d.as_non_null());
        }
        match &self.exc {
            Some(e) => {
                let Ok(args) = e.args.try_borrow() else {
                    return false;
                };
                visit_values(args.iter(), visit);
                e.state.traverse(visit)
            }
            None => true,
        }
    }

    /// Drops the references that can be dropped (cycle collector): the
    /// attributes (slots emptied, the dict let go) and exception data.
    pub fn clear_for_gc(&self) {
        let root = self.class().root_shape.clone();
        let empty = Attrs {
            values: std::iter::repeat_with(|| Value::Unbound)
                .take(root.len())
                .collect(),
            shape: root,
            dict: None,
        };
        crate::object::gc::take_for_gc(&self.attrs, empty);
        if let Some(e) = &self.exc {
            crate::object::gc::take_for_gc(&e.args, Vec::new());
            e.state.clear_for_gc();
        }
    }

    /// The names of the attributes set (for `dir()` and suggestions).
    pub fn attr_names(&self) -> Vec<String> {
        let attrs = self.attrs.borrow();
        let mut names: Vec<String> = attrs
            .shape
            .names()
            .iter()
            .zip(attrs.values.iter())
            .filter(|(_, v)| !matches!(v, Value::Unbound))
            .map(|(n, _)| n.to_string())
            .collect();
        if let Some(d) = &attrs.dict {
            names.extend(
                dict_of(d)
                    .borrow()
                    .keys()
                    .iter()
                    .filter_map(|k| as_str(k).map(str::to_string)),
            );
        }
        names
    }
}

/// Whether classes may derive from built-in type `t` and keep a payload.
pub fn has_payload(t: TypeKind) -> bool {
    matches!(
        t,
        TypeKind::Int
            | TypeKind::Float
            | TypeKind::Str
            | TypeKind::List
            | TypeKind::Tuple
            | TypeKind::Dict
            | TypeKind::Set
            | TypeKind::FrozenSet
            | TypeKind::Bytes
            | TypeKind::ByteArray
            | TypeKind::StaticMethod
            | TypeKind::ClassMethod
            | TypeKind::Property
            | TypeKind::WeakRef
            | TypeKind::Module
    )
}

/// Whether built-in type `t` may be used as a base class at all.
pub fn is_acceptable_base(t: TypeKind) -> bool {
    has_payload(t) || matches!(t, TypeKind::Object | TypeKind::Type)
}

pub(crate) fn is_mutable(t: TypeKind) -> bool {
    matches!(
        t,
        TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray
    )
}

/// The built-in value an instance of a built-in subclass carries.
#[inline]
pub fn payload(v: &Value) -> Option<&Value> {
    match v.as_obj() {
        Some(Object::Instance(i)) => i.payload(),
        _ => None,
    }
}

/// The payload of an instance of a built-in subclass, else `v` itself.
#[inline]
pub fn unwrap(v: &Value) -> &Value {
    payload(v).unwrap_or(v)
}

/// A method descriptor looked up on a value of its type (or an instance
/// of a subclass): the built-in method bound to the value (the payload).
pub fn bind_descr(_owner: TypeKind, builtin: &Builtin, obj: &Value) -> PyResult<Value> {
    Ok(Value::obj(NewObject::Method {
        receiver: unwrap(obj).clone(),
        builtin: *builtin,
    }))
}

/// A computed attribute (`x.real`) read through its descriptor.
pub fn read_getset(
    owner: TypeKind,
    name: &str,
    get: crate::object::heap::Getter,
    obj: &Value,
) -> PyResult<Value> {
    // `object`'s own (`__class__`) describe the object, not its payload.
    if owner == TypeKind::Object {
        return get(obj);
    }
    let v = unwrap(obj);
    let applies = match owner {
        TypeKind::Exception(k) => crate::object::exceptions::describes(v, k),
        _ => crate::object::heap::type_of(v).is_subtype_of(owner),
    };
    if !applies {
        return raise(
            ExcKind::TypeError,
            format!(
                "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
                owner.name(),
                type_name(obj)
            ),
        );
    }
    get(v)
}

/// Where compiled code finds an instance's class version and attribute
/// values (offsets in bytes from the start of the heap object), so that
/// a guarded attribute access is a few loads instead of a helper call.
/// The parts of `RefCell` and `SmallVec` have no specified layout: they
/// are measured on values built for the purpose, and any surprise gives
/// `None` (no inline attribute paths).
#[derive(Clone, Copy, Debug)]
pub struct InstanceLayout {
    /// The instance's pointer to its class's data.
    pub class_data: usize,
    /// The version tag within the class's data.
    pub class_version: usize,
    /// The attributes' `RefCell` borrow flag (an `isize`: 0 when not
    /// borrowed, -1 while borrowed mutably).
    pub borrow_flag: usize,
    /// The shape pointer (the word an `Rc<Shape>` is, [`shape_word`]).
    pub shape: usize,
    /// The materialised `__dict__` (0 when there is none).
    pub dict: usize,
    /// The values' capacity word: their length while they are inline,
    /// more than `inline_capacity` once on the heap.
    pub values_capacity: usize,
    /// The first inline value.
    pub values_inline: usize,
    /// The heap pointer of values that spilled.
    pub values_heap: usize,
    /// How many values fit inline.
    pub inline_capacity: usize,
}

/// The word an `Rc<Shape>` is stored as (what compiled code compares an
/// instance's shape field with).
pub fn shape_word(shape: &Rc<Shape>) -> u64 {
    // SAFETY: an `Rc` is one pointer; copying its bits creates no second
    // owner (the copy is a plain integer).
    unsafe { std::mem::transmute_copy::<Rc<Shape>, u64>(shape) }
}

/// Measures [`InstanceLayout`]; `None` if anything is not as expected.
pub fn measure_layout() -> Option<InstanceLayout> {
    const INLINE: usize = 4;
    type Values = SmallVec<[Value; INLINE]>;
    let words = |p: *const u8, n: usize| -> Vec<u64> {
        // SAFETY: callers pass the address of a live value of at least
        // `n` words, all initialised (no padding in these types).
        (0..n)
            .map(|k| unsafe { std::ptr::read_unaligned(p.add(k * 8).cast::<u64>()) })
            .collect()
    };
    if std::mem::size_of::<Values>() != 8 + INLINE * 16
        || std::mem::size_of::<Option<ObjRef>>() != 8
    {
        return None;
    }
    // The values inline: their data inside the SmallVec, the length in
    // the remaining word.
    let inline: Values = (0..2).map(|k| Value::Float(k as f64 + 0.5)).collect();
    let base = &inline as *const Values as usize;
    let values_inline = (inline.as_ptr() as usize).checked_sub(base)?;
    let values_capacity = match values_inline {
        0 => INLINE * 16,
        8 => 0,
        _ => return None,
    };
    let w = words(base as *const u8, 9);
    if w[values_capacity / 8] != 2 || inline.spilled() {
        return None;
    }
    // Spilled: a heap pointer among the data words, the capacity above
    // `INLINE`.
    let heap: Values = (0..INLINE + 1).map(|k| Value::Float(k as f64)).collect();
    let hbase = &heap as *const Values as usize;
    let hw = words(hbase as *const u8, 9);
    if !heap.spilled() || hw[values_capacity / 8] as usize != heap.capacity() {
        return None;
    }
    let ptr_word =
        (values_inline / 8..values_inline / 8 + 2).find(|&k| hw[k] == heap.as_ptr() as u64)?;
    let values_heap = ptr_word * 8;
    // The RefCell around the attributes: the value's offset, and the flag
    // as the word that reads -1 while borrowed mutably.
    let cell = RefCell::new(Attrs {
        shape: Shape::root(&[]),
        values: SmallVec::new(),
        dict: None,
    });
    let cell_base = &cell as *const RefCell<Attrs> as usize;
    let value_at = (cell.as_ptr() as usize).checked_sub(cell_base)?;
    let flag_at = match value_at {
        8 => 0,
        0 => std::mem::size_of::<Attrs>(),
        _ => return None,
    };
    let flag = |c: &RefCell<Attrs>| {
        words((c as *const RefCell<Attrs>).cast(), flag_at / 8 + 1)[flag_at / 8]
    };
    if flag(&cell) != 0 {
        return None;
    }
    {
        let _held = cell.borrow_mut();
        if flag(&cell) != u64::MAX {
            return None;
        }
    }
    {
        let attrs = cell.borrow();
        if shape_word(&attrs.shape) == 0 {
            return None;
        }
    }
    let none_dict: Option<ObjRef> = None;
    // SAFETY: an `Option<ObjRef>` is one word (checked above).
    if unsafe { std::mem::transmute_copy::<Option<ObjRef>, u64>(&none_dict) } != 0 {
        return None;
    }
    let instance = crate::object::kinds::instance_payload_offset();
    let attrs = instance + std::mem::offset_of!(Instance, attrs);
    let attrs_value = attrs + value_at;
    let values = attrs_value + std::mem::offset_of!(Attrs, values);
    Some(InstanceLayout {
        class_data: instance + std::mem::offset_of!(Instance, class_data),
        class_version: crate::object::classes::VERSION_OFFSET,
        borrow_flag: attrs + flag_at,
        shape: attrs_value + std::mem::offset_of!(Attrs, shape),
        dict: attrs_value + std::mem::offset_of!(Attrs, dict),
        values_capacity: values + values_capacity,
        values_inline: values + values_inline,
        values_heap: values + values_heap,
        inline_capacity: INLINE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the word at `offset` bytes from `base`.
    fn word(base: usize, offset: usize) -> u64 {
        // SAFETY: the tests pass offsets inside live objects.
        unsafe { std::ptr::read((base + offset) as *const u64) }
    }

    /// What compiled code reads through the measured layout is the
    /// instance's class version, shape and values, whether the values are
    /// inline or spilled to the heap.
    #[test]
    fn the_measured_layout_reads_real_instances() {
        let l = measure_layout().expect("a layout on this platform");
        for n in [2usize, 7] {
            // (A non-class stands for the class: the placeholder's data.)
            let class = ObjRef::new(NewObject::Tuple(Vec::new()));
            let inst = Instance::new(class, None, None);
            for k in 0..n {
                inst.set_attr(&format!("a{k}"), Value::Int(100 + k as i64));
            }
            let obj = ObjRef::new(NewObject::Instance(inst));
            let Object::Instance(i) = obj.get() else {
                panic!("not an instance");
            };
            let base = obj.addr();
            let class_data = word(base, l.class_data) as usize;
            assert_eq!(word(class_data, l.class_version), i.class().version());
            assert_eq!(word(base, l.borrow_flag), 0);
            assert_eq!(word(base, l.dict), 0);
            let attrs = i.attrs.borrow();
            assert_eq!(word(base, l.shape), shape_word(&attrs.shape));
            let spilled = word(base, l.values_capacity) > l.inline_capacity as u64;
            assert_eq!(spilled, n > l.inline_capacity);
            let values = if spilled {
                word(base, l.values_heap) as usize
            } else {
                base + l.values_inline
            };
            for k in 0..n {
                let at = attrs.shape.index_of(&format!("a{k}")).expect("attribute");
                assert_eq!(word(values, at * 16), crate::object::value::tag::INT);
                assert_eq!(word(values, at * 16 + 8), 100 + k as u64);
            }
        }
    }
}
