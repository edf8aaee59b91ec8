//! The hash table behind `dict`: CPython 3.11's compact layout
//! (`Objects/dictobject.c`). The entries sit in insertion order in one
//! vector — a deleted entry leaves a hole, so deleting is O(1) and the
//! positions of the others stay put — and a sparse index of positions is
//! probed with CPython's perturbed jumps. A lookup takes the key's hash
//! and an equality test, so [`crate::object::dict::Dict`] decides what a
//! match is (the same object first, then text or numeric equality).

use crate::object::value::Value;

/// An index slot that never held a position: a probe ends here.
const EMPTY: u32 = u32::MAX;
/// An index slot whose entry was deleted: a probe goes on past it.
const DUMMY: u32 = u32::MAX - 1;
/// The smallest index (CPython's `PyDict_MINSIZE`).
const MIN_SIZE: usize = 8;
/// CPython's `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;

/// One item; a hole (a deleted item) has an `Unbound` key, which no
/// Python key is.
#[derive(Clone)]
struct Entry {
    hash: i64,
    key: Value,
    value: Value,
}

/// How many entries (holes included) an index of `size` slots takes
/// before it grows: two thirds (CPython's `USABLE_FRACTION`), so a probe
/// always meets an empty slot.
#[inline]
fn usable(size: usize) -> usize {
    (size << 1) / 3
}

/// The slot after `i` in a probe sequence (CPython's perturbed jump).
#[inline(always)]
fn next_slot(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= PERTURB_SHIFT;
    i.wrapping_mul(5)
        .wrapping_add(*perturb as usize)
        .wrapping_add(1)
        & mask
}

/// The first slot of `hash`'s probe sequence in `indices` (not empty)
/// whose content satisfies `stop`.
fn probe_until(indices: &[u32], hash: i64, stop: impl Fn(u32) -> bool) -> usize {
    let mask = indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    while !stop(indices[i]) {
        i = next_slot(i, &mut perturb, mask);
    }
    i
}

/// A dict's items and their index.
#[derive(Clone, Default)]
pub(crate) struct DictTable {
    /// The items in insertion order, with holes where some were deleted.
    entries: Vec<Entry>,
    /// Positions in `entries`, [`EMPTY`] or [`DUMMY`]: no slot (an empty
    /// dict that never held an item) or a power of two of at least
    /// [`MIN_SIZE`].
    indices: Vec<u32>,
    /// Live items.
    used: usize,
    /// Index slots that are not [`EMPTY`] (live positions and DUMMYs).
    /// Holes trimmed off the end of `entries` leave their DUMMY slots
    /// behind, so `entries.len()` alone does not bound this: a dict used
    /// as a queue (add a key, delete it, add another) would otherwise
    /// fill its index with DUMMYs until no probe ends.
    filled: usize,
}

impl DictTable {
    /// Number of items.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.used
    }

    /// The index slot and the entry position of the item whose key has
    /// `hash` and satisfies `eq`.
    #[inline(always)]
    fn find(&self, hash: i64, mut eq: impl FnMut(&Value) -> bool) -> Option<(usize, usize)> {
        if self.indices.is_empty() {
            return None;
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            // SAFETY: `i` is masked to the index's length.
            let ix = unsafe { *self.indices.get_unchecked(i) };
            if ix == EMPTY {
                return None;
            }
            if ix != DUMMY {
                debug_assert!((ix as usize) < self.entries.len());
                // SAFETY: a slot that is neither EMPTY nor DUMMY holds the
                // position of a live entry (`append`, `rebuild`; `remove`
                // and `pop_last` mark a slot DUMMY before they drop or
                // pop its entry).
                let e = unsafe { self.entries.get_unchecked(ix as usize) };
                if e.hash == hash && eq(&e.key) {
                    return Some((i, ix as usize));
                }
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// The first slot of `hash`'s probe sequence that holds no position.
    fn free_slot(&self, hash: i64) -> usize {
        probe_until(&self.indices, hash, |ix| ix == EMPTY || ix == DUMMY)
    }

    /// The value of the key with `hash` that satisfies `eq`.
    #[inline(always)]
    pub(crate) fn get(&self, hash: i64, eq: impl FnMut(&Value) -> bool) -> Option<&Value> {
        let (_, pos) = self.find(hash, eq)?;
        // SAFETY: `find` gives the position of a live entry.
        Some(&unsafe { self.entries.get_unchecked(pos) }.value)
    }

    /// The value of the key with `hash` that satisfies `eq`, to change.
    pub(crate) fn get_mut(
        &mut self,
        hash: i64,
        eq: impl FnMut(&Value) -> bool,
    ) -> Option<&mut Value> {
        let (_, pos) = self.find(hash, eq)?;
        Some(&mut self.entries[pos].value)
    }

    /// The position of the key with `hash` that satisfies `eq`.
    pub(crate) fn position(&self, hash: i64, eq: impl FnMut(&Value) -> bool) -> Option<usize> {
        self.find(hash, eq).map(|(_, pos)| pos)
    }

    /// Adds an item as the last, its key known not to be in the table
    /// (a `get_mut` of it found nothing).
    pub(crate) fn append(&mut self, hash: i64, key: Value, value: Value) {
        let usable_now = usable(self.indices.len());
        if self.entries.len() >= usable_now || self.filled >= usable_now {
            self.rebuild((self.used + 1) * 3);
        }
        let slot = self.free_slot(hash);
        if self.indices[slot] == EMPTY {
            self.filled += 1;
        }
        self.indices[slot] = self.entries.len() as u32;
        self.entries.push(Entry { hash, key, value });
        self.used += 1;
    }

    /// Drops the holes and makes an index of at least `want` slots
    /// (CPython's `dictresize` with `GROWTH_RATE`).
    fn rebuild(&mut self, want: usize) {
        let size = want.max(MIN_SIZE).next_power_of_two();
        self.entries.retain(|e| !matches!(e.key, Value::Unbound));
        self.indices.clear();
        self.indices.resize(size, EMPTY);
        for (pos, e) in self.entries.iter().enumerate() {
            let slot = probe_until(&self.indices, e.hash, |ix| ix == EMPTY);
            self.indices[slot] = pos as u32;
        }
        self.filled = self.entries.len();
    }

    /// Removes the key with `hash` that satisfies `eq`: its key and value.
    pub(crate) fn remove(
        &mut self,
        hash: i64,
        eq: impl FnMut(&Value) -> bool,
    ) -> Option<(Value, Value)> {
        let (slot, pos) = self.find(hash, eq)?;
        self.indices[slot] = DUMMY;
        let e = &mut self.entries[pos];
        let key = std::mem::replace(&mut e.key, Value::Unbound);
        let value = std::mem::replace(&mut e.value, Value::Unbound);
        self.used -= 1;
        self.trim();
        Some((key, value))
    }

    /// Drops the holes at the end of the entries (their slots are DUMMY).
    fn trim(&mut self) {
        while self
            .entries
            .last()
            .is_some_and(|e| matches!(e.key, Value::Unbound))
        {
            self.entries.pop();
        }
    }

    /// Removes the last item (`popitem`).
    pub(crate) fn pop_last(&mut self) -> Option<(Value, Value)> {
        // (The last entry is live: removals trim the holes at the end.)
        let pos = self.entries.len().checked_sub(1)?;
        let hash = self.entries[pos].hash;
        let i = probe_until(&self.indices, hash, |ix| ix == pos as u32);
        self.indices[i] = DUMMY;
        let e = self.entries.pop()?;
        self.used -= 1;
        self.trim();
        Some((e.key, e.value))
    }

    /// Removes every item.
    pub(crate) fn clear(&mut self) {
        *self = DictTable::default();
    }

    /// The items in insertion order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries
            .iter()
            .filter(|e| !matches!(e.key, Value::Unbound))
            .map(|e| (&e.key, &e.value))
    }

    /// The keys whose hash is `hash`.
    pub(crate) fn keys_with_hash(&self, hash: i64) -> impl Iterator<Item = &Value> {
        self.entries
            .iter()
            .filter(move |e| e.hash == hash && !matches!(e.key, Value::Unbound))
            .map(|e| &e.key)
    }

    /// The value at position `pos`, if an item is there.
    pub(crate) fn value_at(&self, pos: usize) -> Option<&Value> {
        self.entries
            .get(pos)
            .filter(|e| !matches!(e.key, Value::Unbound))
            .map(|e| &e.value)
    }

    /// The first item at or after position `pos`: its position, key and
    /// value (the C API's `PyDict_Next`).
    pub(crate) fn next_from(&self, pos: usize) -> Option<(usize, &Value, &Value)> {
        let rest = self.entries.get(pos..)?;
        let (i, e) = rest
            .iter()
            .enumerate()
            .find(|(_, e)| !matches!(e.key, Value::Unbound))?;
        Some((pos + i, &e.key, &e.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq_int(k: i64) -> impl FnMut(&Value) -> bool {
        move |v| matches!(v, Value::Int(i) if *i == k)
    }

    impl DictTable {
        /// `Dict::insert_hashed` on int keys.
        fn insert(
            &mut self,
            hash: i64,
            key: Value,
            value: Value,
            eq: impl FnMut(&Value) -> bool,
        ) -> Option<Value> {
            if let Some(slot) = self.get_mut(hash, eq) {
                return Some(std::mem::replace(slot, value));
            }
            self.append(hash, key, value);
            None
        }
    }

    #[test]
    fn keeps_insertion_order_through_deletes_and_growth() {
        let mut t = DictTable::default();
        for k in 0..100 {
            // Hashes that collide in small tables.
            assert!(t
                .insert(k & 3, Value::Int(k), Value::Int(k * 10), eq_int(k))
                .is_none());
        }
        for k in (0..100).step_by(3) {
            let (key, value) = t.remove(k & 3, eq_int(k)).expect("present");
            assert!(
                matches!((key, value), (Value::Int(a), Value::Int(b)) if a == k && b == k * 10)
            );
        }
        assert_eq!(t.len(), 66);
        for k in 100..200 {
            t.insert(k & 3, Value::Int(k), Value::Int(k * 10), eq_int(k));
        }
        let keys: Vec<i64> = t
            .iter()
            .map(|(k, _)| match k {
                Value::Int(i) => *i,
                _ => -1,
            })
            .collect();
        let expected: Vec<i64> = (0..200).filter(|k| k >= &100 || k % 3 != 0).collect();
        assert_eq!(keys, expected);
        for k in 0..200 {
            let found = t.get(k & 3, eq_int(k)).is_some();
            assert_eq!(found, k >= 100 || k % 3 != 0, "key {k}");
        }
    }

    #[test]
    fn replacing_keeps_position_and_pop_last_takes_the_newest() {
        let mut t = DictTable::default();
        for k in 0..5 {
            t.insert(k, Value::Int(k), Value::Int(0), eq_int(k));
        }
        let old = t.insert(1, Value::Int(1), Value::Int(7), eq_int(1));
        assert!(matches!(old, Some(Value::Int(0))));
        assert!(matches!(
            t.next_from(1),
            Some((1, Value::Int(1), Value::Int(7)))
        ));
        t.remove(4, eq_int(4));
        t.remove(3, eq_int(3));
        assert!(matches!(t.pop_last(), Some((Value::Int(2), _))));
        assert_eq!(t.len(), 2);
        assert!(t.get(2, eq_int(2)).is_none());
        t.insert(9, Value::Int(9), Value::Int(9), eq_int(9));
        assert!(matches!(t.next_from(2), Some((2, Value::Int(9), _))));
        t.clear();
        assert_eq!(t.len(), 0);
        assert!(t.pop_last().is_none());
    }

    /// A dict used as a queue (each key added, then deleted) keeps a
    /// probe-ending empty slot: the deleted entries' slots are reclaimed.
    #[test]
    fn adding_and_deleting_distinct_keys_for_ever_never_fills_the_index() {
        let mut t = DictTable::default();
        for k in 0..10_000i64 {
            let h = k.wrapping_mul(0x9E37_79B9_7F4A_7C15u64 as i64);
            t.insert(h, Value::Int(k), Value::Int(k), eq_int(k));
            assert!(t.get(h, eq_int(k)).is_some());
            t.remove(h, eq_int(k)).expect("present");
            // A key never added is not found: the probe ends.
            assert!(t.get(h ^ 1, eq_int(-1)).is_none());
        }
        assert_eq!(t.len(), 0);
        assert!(t.indices.len() <= 16, "{}", t.indices.len());
    }
}
