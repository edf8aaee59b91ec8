//! Instance shapes (hidden classes, PyPy's maps, V8's hidden classes).
//!
//! An instance of a user class does not own a dict. It owns a [`Shape`] —
//! the ordered list of its attribute names, shared by every instance that
//! was given the same attributes in the same order — and an array of
//! values, one per name, stored inside the instance. Adding an attribute
//! moves the instance along a *transition* to the child shape that has
//! one more name; transitions are cached in the parent, so instances built
//! the same way end up sharing one shape object, and `o.x` is a short scan
//! of the shape's names followed by an index into the values.
//!
//! Each class has its own root shape (for a class with `__slots__`, a root
//! that already holds every slot name, so slots are fixed positions), so
//! a shape identifies the class's layout too: that is what an inline
//! cache guards on.
//!
//! A real `__dict__` is made only when a program asks for one
//! ([`crate::object::classes::Instance::dict`]); from then on the instance keeps
//! its attributes in that dict, so the dict and the attributes can never
//! disagree.

use std::cell::RefCell;
use std::rc::Rc;

/// An instance with more attributes than this keeps them in a dict.
pub const MAX_SHAPE_ATTRS: usize = 48;

/// The attribute layout shared by instances built the same way.
pub struct Shape {
    /// Attribute names in slot order: `names[i]` is stored at value `i`.
    names: Box<[Rc<str>]>,
    /// Child shapes by the name they add, made on first use.
    transitions: RefCell<Vec<(Rc<str>, Rc<Shape>)>>,
}

impl Shape {
    /// A root shape holding `names` (empty for an ordinary class; the slot
    /// names for a class with `__slots__`).
    pub fn root(names: &[String]) -> Rc<Shape> {
        Rc::new(Shape {
            names: names
                .iter()
                .map(|n| crate::object::intern::text(n))
                .collect(),
            transitions: RefCell::new(Vec::new()),
        })
    }

    /// Number of attributes (values) instances of this shape have.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the shape holds no attribute.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names in slot order.
    pub fn names(&self) -> &[Rc<str>] {
        &self.names
    }

    /// The slot index of `name`, if the shape has it.
    #[inline]
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| crate::object::lookup_cache::same_name(n, name))
    }

    /// The shape with `name` appended (cached transition). None when the
    /// shape is full ([`MAX_SHAPE_ATTRS`]): the instance then moves to a
    /// dict.
    pub fn with_added(self: &Rc<Shape>, name: &str) -> Option<Rc<Shape>> {
        if let Some((_, child)) = self
            .transitions
            .borrow()
            .iter()
            .find(|(n, _)| crate::object::lookup_cache::same_name(n, name))
        {
            return Some(child.clone());
        }
        if self.names.len() >= MAX_SHAPE_ATTRS {
            return None;
        }
        let key = crate::object::intern::text(name);
        let mut names = Vec::with_capacity(self.names.len() + 1);
        names.extend(self.names.iter().cloned());
        names.push(key.clone());
        let child = Rc::new(Shape {
            names: names.into_boxed_slice(),
            transitions: RefCell::new(Vec::new()),
        });
        self.transitions.borrow_mut().push((key, child.clone()));
        Some(child)
    }

    /// The shape reached from `root` by adding `names` in order: the shape
    /// of an instance after an attribute was deleted (the transition on
    /// delete). None if the path is longer than a shape may be.
    pub fn path(root: &Rc<Shape>, names: &[Rc<str>]) -> Option<Rc<Shape>> {
        let mut shape = root.clone();
        for n in names {
            shape = shape.with_added(n)?;
        }
        Some(shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instances_built_alike_share_a_shape() {
        let root = Shape::root(&[]);
        let a = root.with_added("x").unwrap().with_added("y").unwrap();
        let b = root.with_added("x").unwrap().with_added("y").unwrap();
        assert!(Rc::ptr_eq(&a, &b));
        assert_eq!(a.index_of("x"), Some(0));
        assert_eq!(a.index_of("y"), Some(1));
        assert_eq!(a.index_of("z"), None);
        let c = root.with_added("y").unwrap().with_added("x").unwrap();
        assert!(!Rc::ptr_eq(&a, &c));
        assert_eq!(c.index_of("x"), Some(1));
    }

    #[test]
    fn shapes_stop_growing_at_the_limit() {
        let mut s = Shape::root(&[]);
        for i in 0..MAX_SHAPE_ATTRS {
            s = s.with_added(&format!("a{i}")).unwrap();
        }
        assert_eq!(s.len(), MAX_SHAPE_ATTRS);
        assert!(s.with_added("one_more").is_none());
    }

    #[test]
    fn a_deletion_walks_back_to_a_shared_shape() {
        let root = Shape::root(&[]);
        let xy = root.with_added("x").unwrap().with_added("y").unwrap();
        let y_only = Shape::path(&root, &xy.names()[1..]).unwrap();
        assert!(Rc::ptr_eq(&y_only, &root.with_added("y").unwrap()));
    }

    #[test]
    fn slot_roots_hold_their_names() {
        let root = Shape::root(&["a".to_string(), "b".to_string()]);
        assert_eq!(root.index_of("b"), Some(1));
        assert_eq!(root.len(), 2);
    }
}
