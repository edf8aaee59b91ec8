//! `dict`: insertion-ordered hash map from hashable values to values.
//!
//! Keys are wrapped in [`HashKey`], which carries the key's Python hash
//! and compares with Python equality (so `1`, `1.0` and `True` are the same
//! key). Only immutable built-in values are hashable here; the caller
//! checks with [`hash_value`] before inserting.

use crate::object::dict_table::DictTable;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{type_name, Object};
use crate::object::heap::{ComplexObj, SetObj};
use crate::object::value::{ObjRef, Value};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// Equality of two hashable keys (never raises): the same object, two
/// strs by their text, two small ints inline; any other pair by the
/// protocol layer's `==` of built-in values (`upcalls::eq_hashable`).
#[inline]
pub fn keys_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Obj(x), Value::Obj(y)) if x.ptr_eq(y) => true,
        (Value::Obj(x), Value::Obj(y)) => match (x.get(), y.get()) {
            (Object::Str(s), Object::Str(t)) => s.same_text(t),
            // Item by item, without the protocol's dispatch for the
            // common items (ints, strs).
            (Object::Tuple(s), Object::Tuple(t)) => {
                s.len() == t.len() && s.iter().zip(t.iter()).all(|(x, y)| items_equal(x, y))
            }
            _ => crate::object::upcalls::eq_hashable(a, b),
        },
        _ => crate::object::upcalls::eq_hashable(a, b),
    }
}

/// Equality of two items of tuple keys, as tuple comparison has it: the
/// same value (`is`: a float is itself, nan included), else `==` — two
/// strs by their text, anything else but two ints through the
/// protocol's `==` (nested tuples included: no recursion here).
#[inline]
fn items_equal(a: &Value, b: &Value) -> bool {
    if a.is(b) {
        return true;
    }
    match (a, b) {
        (Value::Int(_), Value::Int(_)) => false,
        (Value::Obj(x), Value::Obj(y)) => match (x.get(), y.get()) {
            (Object::Str(s), Object::Str(t)) => s.same_text(t),
            _ => crate::object::upcalls::eq_hashable(a, b),
        },
        _ => crate::object::upcalls::eq_hashable(a, b),
    }
}

/// The hash of a tuple of `items`, each hashed by `item_hash`: CPython
/// 3.8+'s xxHash-based tuple hash.
pub fn tuple_hash(
    items: &[Value],
    mut item_hash: impl FnMut(&Value) -> PyResult<i64>,
) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for it in items {
        let lane = item_hash(it)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(items.len() as u64 ^ (P5 ^ 3527539));
    Ok(if acc == u64::MAX {
        1546275796
    } else {
        acc as i64
    })
}

/// The modulus of CPython's numeric hash (2**61 - 1).
const MODULUS: i64 = (1 << 61) - 1;

fn hash_i64(i: i64) -> i64 {
    let a = i.unsigned_abs();
    // (Most ints are below the modulus: no division.)
    let m = if a < MODULUS as u64 {
        a as i64
    } else {
        (a % MODULUS as u64) as i64
    };
    let h = if i < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_bigint(b: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let r = (b.magnitude() % m.magnitude()).to_i64().unwrap_or(0);
    let h = if b.sign() == num_bigint::Sign::Minus {
        -r
    } else {
        r
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `frexp`: `f = m * 2**e` with `0.5 <= |m| < 1` (finite, non-zero `f`).
fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (f, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// CPython's `_Py_HashDouble`: equal to the hash of the equal int or
/// fraction, reduced modulo 2**61 - 1.
fn hash_f64(f: f64) -> i64 {
    const BITS: i32 = 61;
    let modulus = MODULUS as u64;
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(f);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & modulus) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= modulus {
            x -= modulus;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    x = ((x << e) & modulus) | (x >> (BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The hash of a str, as dict keys use it.
/// The hash of a str object, computed once and kept in it.
#[inline]
pub fn pystr_hash(s: &crate::object::heap::PyStr) -> i64 {
    match s.hash.get() {
        0 => {
            // A str with surrogates hashes its code points' WTF-8 form, the
            // same whichever block its stand-ins use.
            let h = if s.selector() == 0 {
                hash_str(&s.text)
            } else {
                hash_bytes(s.to_wtf8().as_bytes())
            };
            s.hash.set(h);
            h
        }
        h => h,
    }
}

pub fn str_hash(s: &str) -> i64 {
    hash_str(s)
}

fn hash_str(s: &str) -> i64 {
    hash_bytes(s.as_bytes())
}

fn hash_bytes(bytes: &[u8]) -> i64 {
    // FNV-1a: deterministic; str hashes only need to be consistent.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = (h >> 1) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(v)`, or TypeError for unhashable values.
pub fn hash_value(v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::None | Value::Unbound => 0x5f5e_1000,
        Value::Bool(b) => *b as i64,
        Value::Int(i) => hash_i64(*i),
        Value::Float(f) => hash_f64(*f),
        Value::Obj(o) => match o.get() {
            Object::Str(s) => pystr_hash(s),
            Object::Complex(ComplexObj { re, im }) => hash_complex(*re, *im),
            Object::WeakRef(w) => w.hash(hash_value)?,
            Object::BigInt(b) => hash_bigint(b),
            Object::Range(_) | Object::LongRange(_) => crate::object::upcalls::hash(v)?,
            Object::Bytes(b) => hash_str(&String::from_utf8_lossy(b)),
            Object::Tuple(items) => tuple_hash(items, hash_value)?,
            Object::Instance(i) => {
                let cls = Value::Obj(i.class.clone());
                match crate::object::classes::lookup(&cls, "__hash__") {
                    Some(Value::None) => {
                        return raise(
                            ExcKind::TypeError,
                            format!("unhashable type: '{}'", i.class_name()),
                        )
                    }
                    Some(f) if crate::object::classes::runtime_method(&f).is_some() => {
                        (o.addr() >> 4) as i64
                    }
                    _ => {
                        return raise(
                            ExcKind::TypeError,
                            format!(
                                "instances of '{}' define __hash__: dict and set keys with a user-defined __hash__ are not supported by Taipan yet",
                                i.class_name()
                            ),
                        )
                    }
                }
            }
            Object::Set(SetObj { frozen: true, .. }) => crate::object::upcalls::hash(v)?,
            // Equal bound methods hash alike: the object's identity and
            // the function's hash (CPython's `method_hash`, `meth_hash`).
            Object::BoundMethod(m) => {
                identity_hash(&m.receiver)
                    ^ hash_value(&m.func).unwrap_or_else(|_| identity_hash(&m.func))
            }
            Object::Method(m) => identity_hash(&m.receiver) ^ (m.builtin.func as usize >> 4) as i64,
            Object::List(_)
            | Object::ByteArray(_)
            | Object::Dict(_)
            | Object::Set(_)
            | Object::Slice(_) => {
                return raise(
                    ExcKind::TypeError,
                    format!("unhashable type: '{}'", type_name(v)),
                )
            }
            _ => (o.addr() >> 4) as i64,
        },
    })
}

/// The hash of `v`'s identity (an immediate value's is its own hash).
fn identity_hash(v: &Value) -> i64 {
    match v {
        Value::Obj(o) => (o.addr() >> 4) as i64,
        _ => hash_value(v).unwrap_or(0),
    }
}

/// Whether dict key `k` is the str `text`.
#[inline]
fn is_str_key(k: &Value, text: &str) -> bool {
    crate::object::heap::as_str(k) == Some(text)
}

/// Whether dict key `k` is the str object `obj` (whose text is `text`):
/// the very object matches at once, as CPython's lookup compares
/// pointers before text (keys and the names looked up are mostly the
/// same interned objects); another key by its text.
#[inline(always)]
fn is_str_object_key(k: &Value, obj: &ObjRef, text: &str) -> bool {
    match k {
        Value::Obj(o) if o.ptr_eq(obj) => true,
        Value::Obj(o) => match o.get() {
            Object::Str(s) => s.text == text,
            _ => is_str_key(k, text),
        },
        _ => false,
    }
}

/// A Python dict.
#[derive(Clone, Default)]
pub struct Dict {
    table: DictTable,
    /// Changes on every mutation, to a value no dict had before: caches of
    /// lookups (global names) stay valid while it does not change.
    version: u64,
}

/// Where compiled code finds a dict object's `RefCell` borrow flag and
/// its version (byte offsets from the start of the heap object), for
/// guards on global names; `None` if the `RefCell`'s layout is not the
/// one expected (measured on a cell built for the purpose).
pub fn measure_layout() -> Option<(usize, usize)> {
    let cell = std::cell::RefCell::new(Dict::new());
    let base = &cell as *const std::cell::RefCell<Dict> as usize;
    let value_at = (cell.as_ptr() as usize).checked_sub(base)?;
    let flag_at = match value_at {
        8 => 0,
        0 => std::mem::size_of::<Dict>(),
        _ => return None,
    };
    // SAFETY: `flag_at` is a word inside the live cell.
    let flag = || unsafe { std::ptr::read((base + flag_at) as *const u64) };
    if flag() != 0 {
        return None;
    }
    {
        let _held = cell.borrow_mut();
        if flag() != u64::MAX {
            return None;
        }
    }
    let payload = crate::object::kinds::dict_payload_offset();
    Some((
        payload + flag_at,
        payload + value_at + std::mem::offset_of!(Dict, version),
    ))
}

/// Where dict versions come from: one counter for the process, as
/// CPython's `pydict_global_version`, so no two dicts share a version
/// whatever thread or interpreter changed them.
static NEXT_VERSION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// How many versions a thread takes from [`NEXT_VERSION`] at a time.
const VERSION_BLOCK: u64 = 1 << 16;

thread_local! {
    /// This thread's versions still to hand out: the next one, and the
    /// end of its block.
    static VERSIONS: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
}

/// A version no dict of the process had before. Every dict write takes
/// one, so each thread takes them from the process-wide counter a block
/// at a time: an atomic add per write was a locked instruction on the
/// path of every `d[k] = v`.
#[inline]
fn fresh_version() -> u64 {
    VERSIONS.with(|c| {
        let (next, end) = c.get();
        if next < end {
            c.set((next + 1, end));
            next
        } else {
            let start = NEXT_VERSION.fetch_add(VERSION_BLOCK, std::sync::atomic::Ordering::Relaxed);
            c.set((start + 1, start + VERSION_BLOCK));
            start
        }
    })
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// `d[k] = v`.
    pub fn set(&mut self, k: Value, v: Value) -> PyResult<()> {
        self.insert(k, v).map(drop)
    }

    /// `d[k] = v`, giving back the value it replaces, for the caller to
    /// release once it no longer borrows the dict (a destructor may run
    /// Python code that uses it).
    pub fn insert(&mut self, k: Value, v: Value) -> PyResult<Option<Value>> {
        let hash = hash_value(&k)?;
        Ok(self.insert_hashed(k, hash, v))
    }

    fn insert_hashed(&mut self, k: Value, hash: i64, v: Value) -> Option<Value> {
        self.version = fresh_version();
        if let Some(slot) = self.table.get_mut(hash, |key| keys_equal(key, &k)) {
            return Some(std::mem::replace(slot, v));
        }
        self.table.append(hash, k, v);
        None
    }

    /// Whether `k` is a key the specialised subscripts of both tiers
    /// handle without the protocol: a str or an int (hashed and compared
    /// without running Python code).
    #[inline]
    pub fn is_simple_key(k: &Value) -> bool {
        matches!(k, Value::Int(_)) || matches!(k.as_obj(), Some(Object::Str(_)))
    }

    /// `d[k]` for a simple key (above): `Some` of the value, or of None
    /// when it is not there; None for any other key (the protocol's
    /// business).
    #[inline]
    pub fn get_simple(&self, k: &Value) -> Option<Option<Value>> {
        match k {
            Value::Obj(o) => match o.get() {
                Object::Str(s) => Some(self.get_str_object(o, &s.text, pystr_hash(s))),
                _ => None,
            },
            Value::Int(_) => Some(self.get(k).ok().flatten()),
            _ => None,
        }
    }

    /// `d.get(k)`.
    pub fn get(&self, k: &Value) -> PyResult<Option<Value>> {
        Ok(self.get_hashed(k, hash_value(k)?))
    }

    /// `d[k] = v` with the key's hash already computed (by the VM, for
    /// keys whose class defines `__hash__`).
    pub fn set_hashed(&mut self, k: Value, hash: i64, v: Value) {
        self.insert_hashed(k, hash, v);
    }

    /// `d.get(k)` with a known hash.
    pub fn get_hashed(&self, k: &Value, hash: i64) -> Option<Value> {
        self.table.get(hash, |key| keys_equal(key, k)).cloned()
    }

    /// `del d[k]` with a known hash.
    pub fn remove_hashed(&mut self, k: &Value, hash: i64) -> Option<Value> {
        self.version = fresh_version();
        self.table
            .remove(hash, |key| keys_equal(key, k))
            .map(|(_, v)| v)
    }

    /// The keys whose hash is `hash` (candidates for an `==` match).
    pub fn keys_with_hash(&self, hash: i64) -> Vec<Value> {
        self.table.keys_with_hash(hash).cloned().collect()
    }

    /// The position of a str key whose hash is known, for caching.
    pub fn index_of_str(&self, name: &str, hash: i64) -> Option<usize> {
        self.table.position(hash, |key| is_str_key(key, name))
    }

    /// The value at a position [`Dict::index_of_str`] returned.
    #[inline]
    pub fn value_at(&self, index: usize) -> Option<Value> {
        self.table.value_at(index).cloned()
    }

    /// Looks up a str key whose hash ([`str_hash`]) is already known.
    pub fn get_str_hashed(&self, name: &str, hash: i64) -> Option<Value> {
        self.table.get(hash, |key| is_str_key(key, name)).cloned()
    }

    /// `d[s]` for a str object `key` (whose text is `text`) with its
    /// hash: the key object itself found without comparing text.
    #[inline]
    pub fn get_str_object(&self, key: &ObjRef, text: &str, hash: i64) -> Option<Value> {
        self.table
            .get(hash, |k| is_str_object_key(k, key, text))
            .cloned()
    }

    /// Looks up a str key (names in namespaces) without allocating.
    pub fn get_str(&self, name: &str) -> Option<Value> {
        self.get_str_hashed(name, hash_str(name))
    }

    /// Sets a str key: in place when the name is there, else with the
    /// name's interned str object as the key (`object::intern`).
    pub fn set_str(&mut self, name: &str, v: Value) {
        self.version = fresh_version();
        let hash = hash_str(name);
        if let Some(slot) = self.table.get_mut(hash, |key| is_str_key(key, name)) {
            *slot = v;
            return;
        }
        self.table
            .append(hash, crate::object::intern::str_value(name), v);
    }

    /// `del d[k]`: the removed value, if the key was there.
    pub fn remove(&mut self, k: &Value) -> PyResult<Option<Value>> {
        let hash = hash_value(k)?;
        Ok(self.remove_hashed(k, hash))
    }

    /// The current version (see the field).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
    }

    /// Removes and returns the last inserted item.
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        self.version = fresh_version();
        self.table.pop_last()
    }

    /// Removes every item.
    pub fn clear(&mut self) {
        self.version = fresh_version();
        self.table.clear();
    }

    /// The values, in insertion order.
    pub fn values(&self) -> Vec<Value> {
        self.table.iter().map(|(_, v)| v.clone()).collect()
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> Vec<Value> {
        self.table.iter().map(|(k, _)| k.clone()).collect()
    }

    /// The first item at or after position `index` in insertion order:
    /// its position, key and value (the C API's `PyDict_Next`, which
    /// steps past the positions of deleted items).
    pub fn next_entry(&self, index: usize) -> Option<(usize, &Value, &Value)> {
        self.table.next_from(index)
    }

    /// The items, in insertion order.
    pub fn items(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.table.iter()
    }
}

/// `hash(z)`, as CPython: `hash(re) + 1000003 * hash(im)`.
pub fn hash_complex(re: f64, im: f64) -> i64 {
    let h = hash_value(&Value::Float(re)).unwrap_or(0);
    let hi = hash_value(&Value::Float(im)).unwrap_or(0);
    let r = h.wrapping_add(1000003i64.wrapping_mul(hi));
    if r == -1 {
        -2
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Versions are unique across threads (each takes blocks from the
    /// process-wide counter) and never 0.
    #[test]
    fn versions_are_unique_across_threads() {
        let take = || {
            (0..3 * VERSION_BLOCK / 2)
                .map(|_| fresh_version())
                .collect::<Vec<u64>>()
        };
        let others: Vec<_> = (0..3).map(|_| std::thread::spawn(take)).collect();
        let mut all = take();
        for t in others {
            all.extend(t.join().expect("thread"));
        }
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(all[0] > 0);
    }
}
