//! Interned names, as CPython's `PyUnicode_InternInPlace`: one shared
//! text per distinct attribute or variable name in each interpreter, both
//! as a `Rc<str>` (code objects' names, instance shapes) and as a str
//! object whose hash is computed once (the keys of namespace dicts). A
//! name stored twice allocates once, and two interned names compare by
//! address before their bytes (`lookup_cache::same_name`). Also the
//! one-character strings of Latin-1, shared as CPython shares them
//! (`s[i]`, iteration over a str, `chr`).

use crate::object::heap::NewObject;
use crate::object::value::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// One interpreter's interned names: the shared text and its str object.
#[derive(Default)]
pub struct Interned {
    names: RefCell<HashMap<Rc<str>, Value, std::hash::BuildHasherDefault<NameHasher>>>,
    /// The str of each Latin-1 character, made on first use.
    chars: RefCell<Vec<Value>>,
}

/// The hasher of the interned-name table: FxHash's multiply-rotate over
/// eight bytes at a time (the table is keyed by identifiers the program
/// itself names, so SipHash's resistance to chosen keys buys nothing,
/// and it showed up in profiles of imports).
#[derive(Default)]
pub struct NameHasher(u64);

impl std::hash::Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

/// Names longer than this are not interned (CPython interns identifiers;
/// a long key is rarely stored twice).
const MAX_INTERNED_LEN: usize = 64;

impl Interned {
    fn entry(&self, name: &str) -> (Rc<str>, Value) {
        if let Some((k, v)) = self.names.borrow().get_key_value(name) {
            return (k.clone(), v.clone());
        }
        let text: Rc<str> = Rc::from(name);
        let value = Value::obj(NewObject::Str(crate::object::heap::PyStr::new(
            name.to_string(),
        )));
        // The str object's hash, once.
        let _ = crate::object::dict::hash_value(&value);
        self.names.borrow_mut().insert(text.clone(), value.clone());
        (text, value)
    }
}

/// The one-character str of `c`: shared for Latin-1 characters (as
/// CPython's `LATIN1` singletons: `s[0] is s[0]`), a new str otherwise.
/// (A character below 256 is never the stand-in of a lone surrogate.)
#[inline]
pub fn char_str(c: char) -> Value {
    let code = c as usize;
    if code < 256 {
        if let Some(v) = crate::object::state::try_with(|s| shared_char(&s.interned, code)) {
            return v;
        }
    }
    crate::object::heap::new_str(c)
}

fn shared_char(interned: &Interned, code: usize) -> Value {
    let mut chars = interned.chars.borrow_mut();
    if chars.is_empty() {
        chars.extend((0..256u32).map(|c| {
            let text = char::from_u32(c).map(String::from).unwrap_or_default();
            Value::obj(NewObject::Str(crate::object::heap::PyStr::new(text)))
        }));
    }
    chars[code].clone()
}

/// Whether `name` is interned when stored: identifiers and other short
/// names.
#[inline]
fn internable(name: &str) -> bool {
    name.len() <= MAX_INTERNED_LEN
}

/// The interned text of `name` (a fresh one when `name` is too long to
/// intern).
pub fn text(name: &str) -> Rc<str> {
    if !internable(name) {
        return Rc::from(name);
    }
    crate::object::state::try_with(|s| s.interned.entry(name).0).unwrap_or_else(|| Rc::from(name))
}

/// The interned str object of `name`, its hash computed (a fresh one when
/// `name` is too long to intern).
pub fn str_value(name: &str) -> Value {
    if !internable(name) {
        return crate::object::heap::new_str(name);
    }
    crate::object::state::try_with(|s| s.interned.entry(name).1)
        .unwrap_or_else(|| crate::object::heap::new_str(name))
}
