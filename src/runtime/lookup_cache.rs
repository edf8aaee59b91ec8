//! The cache behind `classes::lookup`: (class version tag, attribute name)
//! -> what the MRO walk found (docs/objects.md), as CPython's type method
//! cache. A class's tag changes whenever an attribute of it or of a base
//! changes, and tags are never reused, so an entry whose tag is not the
//! class's current one is simply never matched again.

use super::value::Value;

/// A direct-mapped cache of MRO lookups, (version tag, name) → result.
pub(super) struct LookupCache {
    entries: Vec<Option<CacheEntry>>,
}

/// One cached lookup: version tag, attribute name, result.
type CacheEntry = (u64, Box<str>, Option<Value>);

const LOOKUP_CACHE_SIZE: usize = 4096;

impl LookupCache {
    fn slot(version: u64, name: &str) -> usize {
        let mut h = version.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ name.len() as u64;
        for b in name.bytes().take(16) {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        (h as usize) & (LOOKUP_CACHE_SIZE - 1)
    }

    #[inline]
    pub(super) fn get(&self, version: u64, name: &str) -> Option<Option<Value>> {
        match self.entries.get(Self::slot(version, name))? {
            Some((v, n, found)) if *v == version && &**n == name => Some(found.clone()),
            _ => None,
        }
    }

    #[inline]
    pub(super) fn put(&mut self, version: u64, name: &str, value: Option<Value>) {
        if self.entries.is_empty() {
            self.entries = (0..LOOKUP_CACHE_SIZE).map(|_| None).collect();
        }
        let slot = Self::slot(version, name);
        self.entries[slot] = Some((version, name.into(), value));
    }
}

thread_local! {
    // Never dropped: thread-exit destructors must not run object
    // destructors (see `not_implemented`).
    pub(super) static LOOKUP_CACHE: std::mem::ManuallyDrop<std::cell::RefCell<LookupCache>> = const {
        std::mem::ManuallyDrop::new(std::cell::RefCell::new(LookupCache { entries: Vec::new() }))
    };
}
