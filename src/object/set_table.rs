//! The hash table of `set` and `frozenset`: CPython 3.11's
//! (`Objects/setobject.c`): open addressing with linear probes of 9 then
//! perturbed jumps, dummies for deleted entries, and the same resizing
//! and merging rules, so that iteration order — what `print` shows — is
//! CPython's for the same hashes. The set types' methods and operators
//! are `types::set`'s.

use crate::object::value::Value;

pub(crate) const MIN_SIZE: usize = 8;
pub(crate) const LINEAR_PROBES: usize = 9;
pub(crate) const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
pub(crate) enum Slot {
    Empty,
    Dummy,
    Full { hash: i64, key: Value },
}

/// A set's hash table.
#[derive(Clone)]
pub struct SetTable {
    pub(crate) slots: Vec<Slot>,
    /// Active entries.
    pub(crate) used: usize,
    /// Active entries plus dummies.
    pub(crate) fill: usize,
    /// Where `pop` looks next.
    pub(crate) finger: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: vec![Slot::Empty; MIN_SIZE],
            used: 0,
            fill: 0,
            finger: 0,
        }
    }
}

impl SetTable {
    pub(crate) fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Reports the keys' references (cycle collector).
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        for slot in &self.slots {
            if let Slot::Full { key, .. } = slot {
                crate::object::gc::visit_value(key, visit);
            }
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The elements, in table order.
    pub fn items(&self) -> Vec<Value> {
        self.entries().map(|(_, k)| k.clone()).collect()
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Full { hash, key } => Some((*hash, key)),
            _ => None,
        })
    }

    /// Whether `key` (with this hash) is an element.
    pub fn contains_hashed(&self, key: &Value, hash: i64) -> bool {
        self.find(key, hash).is_some()
    }

    /// The slot holding `key`, if present.
    pub(crate) fn find(&self, key: &Value, hash: i64) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                match &self.slots[i + j] {
                    Slot::Empty => return None,
                    Slot::Full { hash: h, key: k }
                        if *h == hash && (k.is(key) || crate::object::dict::keys_equal(k, key)) =>
                    {
                        return Some(i + j)
                    }
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// The elements whose hash is `hash` (candidates for an `==` match).
    pub fn keys_with_hash(&self, hash: i64) -> Vec<Value> {
        self.entries()
            .filter(|(h, _)| *h == hash)
            .map(|(_, k)| k.clone())
            .collect()
    }

    /// `set_add_entry`: a dummy on the probe path is reused.
    pub fn add_hashed(&mut self, key: Value, hash: i64) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                match &self.slots[i + j] {
                    // CPython keeps the last dummy seen on the path.
                    Slot::Dummy => freeslot = Some(i + j),
                    Slot::Empty if freeslot.is_some() => {
                        let f = freeslot.unwrap_or(i + j);
                        self.slots[f] = Slot::Full { hash, key };
                        self.used += 1;
                        return;
                    }
                    Slot::Empty => {
                        self.slots[i + j] = Slot::Full { hash, key };
                        self.fill += 1;
                        self.used += 1;
                        if self.fill * 5 >= mask * 3 {
                            let n = if self.used > 50000 {
                                self.used * 2
                            } else {
                                self.used * 4
                            };
                            self.resize(n);
                        }
                        return;
                    }
                    Slot::Full { hash: h, key: k }
                        if *h == hash
                            && (k.is(&key) || crate::object::dict::keys_equal(k, &key)) =>
                    {
                        return
                    }
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_insert_clean`: a key known to be absent, into a table
    /// without dummies.
    pub(crate) fn insert_clean(slots: &mut [Slot], key: Value, hash: i64) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(slots[i], Slot::Empty) {
                slots[i] = Slot::Full { hash, key };
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(slots[i + j], Slot::Empty) {
                        slots[i + j] = Slot::Full { hash, key };
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_table_resize`.
    pub(crate) fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        for s in old {
            if let Slot::Full { hash, key } = s {
                SetTable::insert_clean(&mut self.slots, key, hash);
            }
        }
        self.fill = self.used;
    }

    /// Removes `key`; whether it was there.
    pub fn discard_hashed(&mut self, key: &Value, hash: i64) -> bool {
        match self.find(key, hash) {
            Some(i) => {
                self.slots[i] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    /// `set_merge`: adds every element of another table.
    pub(crate) fn merge(&mut self, other: &SetTable) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots = other.slots.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            for (hash, key) in other.entries() {
                SetTable::insert_clean(&mut self.slots, key.clone(), hash);
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        for (hash, key) in other.entries() {
            self.add_hashed(key.clone(), hash);
        }
    }

    /// After discarding many elements: when more than a quarter of the
    /// table are dummies, rebuild it (`set_difference_update_internal`).
    pub(crate) fn purge_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            let n = if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(n);
        }
    }

    /// `set_pop`: the first element at or after the finger.
    pub(crate) fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let n = self.slots.len();
        let mut i = self.finger & self.mask();
        while !matches!(self.slots[i], Slot::Full { .. }) {
            i = (i + 1) % n;
        }
        let slot = std::mem::replace(&mut self.slots[i], Slot::Dummy);
        self.used -= 1;
        self.finger = i + 1;
        match slot {
            Slot::Full { key, .. } => Some(key),
            _ => None,
        }
    }
}
