//! The cache behind `classes::lookup`: per class, attribute name -> what
//! the MRO walk found (docs/objects.md), as CPython's type method cache.
//! Every entry records the class's version tag when it was made; the tag
//! changes whenever an attribute of the class or of a base changes, and
//! tags are never reused, so an entry made under another tag is simply
//! never matched again. The cache lives in the class, so it belongs to
//! the interpreter that owns the class (no thread-local or global state).

use super::value::Value;
use std::cell::RefCell;

/// A small direct-mapped cache of one class's MRO lookups.
#[derive(Default)]
pub struct LookupCache {
    entries: RefCell<Option<Box<[Entry; LOOKUP_CACHE_SIZE]>>>,
}

/// One cached lookup: version tag, attribute name, result.
#[derive(Default)]
struct Entry {
    version: u64,
    name: Box<str>,
    found: Option<Value>,
}

const LOOKUP_CACHE_SIZE: usize = 32;

/// Whether two attribute names are equal: lengths first, then short names
/// word by word without a call into `memcmp`.
#[inline]
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if a.len() <= 16 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    a == b
}

/// The entry of `name`: its length and first and last bytes mixed (cheap,
/// and enough to spread one class's attribute names).
#[inline]
fn slot(name: &str) -> usize {
    let b = name.as_bytes();
    let (first, last) = match (b.first(), b.last()) {
        (Some(f), Some(l)) => (*f as usize, *l as usize),
        _ => (0, 0),
    };
    let mid = b.get(b.len() / 2).copied().unwrap_or(0) as usize;
    (b.len().wrapping_mul(7) ^ first.wrapping_mul(31) ^ last.wrapping_mul(17) ^ mid)
        & (LOOKUP_CACHE_SIZE - 1)
}

impl LookupCache {
    /// What a lookup of `name` found under `version`, if cached.
    #[inline]
    pub fn get(&self, version: u64, name: &str) -> Option<Option<Value>> {
        let entries = self.entries.borrow();
        let e = &entries.as_ref()?[slot(name)];
        (e.version == version && same_name(&e.name, name)).then(|| e.found.clone())
    }

    /// Reports the references the cached results hold (cycle collector);
    /// false if the cache could not be looked at.
    pub fn traverse(&self, visit: &mut super::gc::Visit<'_>) -> bool {
        let Ok(entries) = self.entries.try_borrow() else {
            return false;
        };
        for e in entries.iter().flat_map(|t| t.iter()) {
            if let Some(v) = &e.found {
                super::gc::visit_value(v, visit);
            }
        }
        true
    }

    /// Forgets every cached result (cycle collector).
    pub fn clear(&self) {
        super::gc::take_for_gc(&self.entries, None);
    }

    /// Records what a lookup of `name` found under `version`.
    pub fn put(&self, version: u64, name: &str, found: Option<Value>) {
        let old = {
            let mut entries = self.entries.borrow_mut();
            let table = entries.get_or_insert_with(Default::default);
            std::mem::replace(
                &mut table[slot(name)],
                Entry {
                    version,
                    name: name.into(),
                    found,
                },
            )
        };
        // The replaced entry's value is released after the borrow ends.
        drop(old);
    }
}
