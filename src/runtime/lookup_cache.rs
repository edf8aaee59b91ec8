//! The cache behind `classes::lookup`: (class, attribute name) -> what the
//! MRO walk found, valid for one class version (docs/objects.md).

use super::classes::class_version;
use super::value::Value;
use std::cell::RefCell;

/// A direct-mapped cache of MRO lookups, (class, name) → result, valid
/// for one [`class_version`]: any change to a class attribute, and the
/// creation of any class (so a class allocated at a freed class's address
/// never sees its entries), starts it afresh.
pub(super) struct LookupCache {
    version: u64,
    entries: Vec<Option<CacheEntry>>,
}

/// One cached lookup: class address, attribute name, result.
type CacheEntry = (usize, Box<str>, Option<Value>);

const LOOKUP_CACHE_SIZE: usize = 1024;

impl LookupCache {
    fn slot(addr: usize, name: &str) -> usize {
        let mut h = (addr >> 4) as u64 ^ (name.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for b in name.bytes().take(16) {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        (h as usize) & (LOOKUP_CACHE_SIZE - 1)
    }

    #[inline]
    pub(super) fn get(&self, addr: usize, name: &str) -> Option<Option<Value>> {
        if self.version != class_version() {
            return None;
        }
        match self.entries.get(Self::slot(addr, name))? {
            Some((a, n, v)) if *a == addr && &**n == name => Some(v.clone()),
            _ => None,
        }
    }

    #[inline]
    pub(super) fn put(&mut self, addr: usize, name: &str, value: Option<Value>) {
        let now = class_version();
        if self.version != now || self.entries.is_empty() {
            self.entries = (0..LOOKUP_CACHE_SIZE).map(|_| None).collect();
            self.version = now;
        }
        let slot = Self::slot(addr, name);
        self.entries[slot] = Some((addr, name.into(), value));
    }
}

thread_local! {
    // Never dropped: thread-exit destructors must not run object
    // destructors (see `not_implemented`).
    pub(super) static LOOKUP_CACHE: std::mem::ManuallyDrop<RefCell<LookupCache>> = const {
        std::mem::ManuallyDrop::new(RefCell::new(LookupCache { version: 0, entries: Vec::new() }))
    };
}
