//! The cache behind `classes::lookup`: per class, attribute name -> what
//! the MRO walk found (docs/objects.md), as CPython's type method cache.
//! Every entry records the class's version tag when it was made; the tag
//! changes whenever an attribute of the class or of a base changes, and
//! tags are never reused, so an entry made under another tag is simply
//! never matched again. The cache lives in the class, so it belongs to
//! the interpreter that owns the class (no thread-local or global state).

use crate::object::value::Value;
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

const LOOKUP_CACHE_BITS: u32 = 6;
const LOOKUP_CACHE_SIZE: usize = 1 << LOOKUP_CACHE_BITS;

/// Whether two attribute names are equal: lengths first, then the same
/// text (interned names), then names of
/// up to 16 bytes as two overlapping words each (the first and the last
/// 8 or 4 bytes), without a byte loop or a call into `memcmp`.
#[inline(always)]
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // Interned names (`object::intern`) share their text.
    if a.as_ptr() == b.as_ptr() {
        return true;
    }
    let word8 =
        |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let word4 =
        |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

/// The entry of `name`: every byte of it folded into a word (names of 4
/// to 16 bytes as two overlapping words, longer ones eight bytes at a
/// time), then one multiply whose top bits pick the entry. (A byte-wise
/// FNV-1a loop was a chain of dependent multiplies, a quarter of a
/// cached lookup; a weaker mix of only a few bytes made a class's method
/// names collide and evict each other, which cost richards 5% of its
/// time in lookups.)
#[inline]
fn slot(name: &str) -> usize {
    let b = name.as_bytes();
    let n = b.len();
    let word8 = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or([0; 8]));
    let word4 = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or([0; 4])) as u64;
    let folded = match n {
        8..=16 => word8(0) ^ word8(n - 8).rotate_left(23),
        4..=7 => word4(0) | (word4(n - 4) << 32),
        0..=3 => b.iter().fold(0u64, |h, &c| (h << 8) | c as u64),
        _ => {
            let mut h = word8(n - 8);
            for at in (0..n - 8).step_by(8) {
                h = h.rotate_left(23) ^ word8(at);
            }
            h
        }
    };
    let h = (folded ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> (64 - LOOKUP_CACHE_BITS)) as usize
}

impl LookupCache {
    /// What a lookup of `name` found under `version`, if cached.
    #[inline]
    pub fn get(&self, version: u64, name: &str) -> Option<Option<Value>> {
        let entries = self.entries.borrow();
        let e = entries.as_ref()?.get(slot(name))?;
        (e.version == version && same_name(&e.name, name)).then(|| e.found.clone())
    }

    /// Reports the references the cached results hold (cycle collector);
    /// false if the cache could not be looked at.
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) -> bool {
        let Ok(entries) = self.entries.try_borrow() else {
            return false;
        };
        for e in entries.iter().flat_map(|t| t.iter()) {
            if let Some(v) = &e.found {
                crate::object::gc::visit_value(v, visit);
            }
        }
        true
    }

    /// Forgets every cached result (cycle collector).
    pub fn clear(&self) {
        crate::object::gc::take_for_gc(&self.entries, None);
    }

    /// Records what a lookup of `name` found under `version`.
    pub fn put(&self, version: u64, name: &str, found: Option<Value>) {
        let old = {
            let mut entries = self.entries.borrow_mut();
            let table =
                entries.get_or_insert_with(|| Box::new(std::array::from_fn(|_| Entry::default())));
            let e = &mut table[slot(name)];
            e.version = version;
            if !same_name(&e.name, name) {
                e.name = name.into();
            }
            std::mem::replace(&mut e.found, found)
        };
        // The replaced entry's value is released after the borrow ends.
        drop(old);
    }
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn names_compare_equal_exactly_when_their_bytes_do() {
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abce",
            "abcdefg",
            "abcdefh",
            "bbcdefg",
            "abcdefgh",
            "abcdefgi",
            "xbcdefgh",
            "abcdefghijklmno",
            "abcdefghijklmnp",
            "abcdefgxijklmno",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "__init__",
            "__init_subclass__",
        ];
        for a in names {
            for b in names {
                assert_eq!(same_name(a, b), a == b, "{a:?} vs {b:?}");
                let owned = b.to_string();
                assert_eq!(same_name(a, &owned), a == b);
            }
        }
    }
}
