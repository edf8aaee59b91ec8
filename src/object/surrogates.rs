//! Lone surrogates in `str`.
//!
//! A Python str may hold any code point, the surrogates U+D800–U+DFFF
//! included (`'\ud800'`, `b'\xff'.decode('utf-8', 'surrogateescape')`),
//! but a `PyStr`'s text is a Rust `String`, which cannot. So a str that
//! holds lone surrogates stores each one as a stand-in character of a
//! block of 2,048 unassigned code points (by default U+DD800–U+DDFFF, so
//! U+D8xx is U+DD8xx), and records in the str which block that is (its
//! *selector*, 0 for a str without surrogates). The stand-ins have the
//! properties surrogates have — no case, not alphanumeric, not space, not
//! printable — so every method written for text (`upper`, `split`,
//! `find`, …) gives the right answer on the stand-ins, and its results are
//! marked again (`PyStr::derived`).
//!
//! Invariants: a str with a selector holds at least one surrogate, and no
//! genuine character of its selector's block (a str that must hold both
//! takes another block: `free_selector`). So two strs with the same
//! selector are equal exactly when their texts are, and a str without a
//! selector never equals one with.

use crate::object::heap::PyStr;
use taipan_bytecode::wtf8::Wtf8Buf;

/// The first stand-in block: U+D800 + k is stored as U+DD800 + k.
const FIRST_BASE: u32 = 0xDD800;
/// Code points per block (the surrogates' count).
const BLOCK: u32 = 0x800;
/// The lowest block usable (planes 4–13 are unassigned).
const LOWEST_BASE: u32 = 0x40000;

/// Is `cp` a surrogate code point?
#[inline]
pub fn is_surrogate(cp: u32) -> bool {
    (0xD800..=0xDFFF).contains(&cp)
}

/// The first code point of the stand-in block of `selector` (≥ 1).
#[inline]
pub fn base_of(selector: u8) -> u32 {
    FIRST_BASE - (selector as u32 - 1) * BLOCK
}

/// Is `c` a stand-in of the block of `selector` (≥ 1)?
#[inline]
pub fn in_block(c: char, selector: u8) -> bool {
    let base = base_of(selector);
    (base..base + BLOCK).contains(&(c as u32))
}

/// Does `text` hold a character of `selector`'s block? (Every block lies
/// in planes 4–13, whose UTF-8 starts with a byte from 0xF1 to 0xF3, so
/// a byte scan rules out almost every text before any decoding.)
pub fn has_block_chars(text: &str, selector: u8) -> bool {
    selector != 0
        && text.as_bytes().iter().any(|&b| b >= 0xF1)
        && text.chars().any(|c| in_block(c, selector))
}

/// A selector whose block none of `texts` uses, for a str made of them
/// that must hold surrogates too; None when every block is taken (only a
/// string of hundreds of thousands of unassigned code points).
pub fn free_selector<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> Option<u8> {
    (1..=u8::MAX)
        .take_while(|&s| base_of(s) >= LOWEST_BASE)
        .find(|&s| texts.clone().all(|t| !has_block_chars(t, s)))
}

/// The stand-in of surrogate `cp` in `selector`'s block.
#[inline]
fn stand_in(cp: u32, selector: u8) -> char {
    char::from_u32(base_of(selector) + (cp - 0xD800)).unwrap_or('\u{FFFD}')
}

/// The code point a character of a str with `selector` stands for.
#[inline]
pub fn code_point(c: char, selector: u8) -> u32 {
    if selector != 0 && in_block(c, selector) {
        c as u32 - base_of(selector) + 0xD800
    } else {
        c as u32
    }
}

impl PyStr {
    /// The code points of the str, surrogates included.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        let sel = self.selector();
        self.text.chars().map(move |c| code_point(c, sel))
    }

    /// A str of `text`, made by a text operation on strs whose surrogates
    /// stand in `selector`'s block (0: none did): marked when it holds
    /// stand-ins.
    pub fn derived(text: String, selector: u8) -> PyStr {
        if selector != 0 && has_block_chars(&text, selector) {
            let chars = text.chars().count();
            PyStr::with_selector(text, chars, selector)
        } else {
            PyStr::new(text)
        }
    }

    /// A str of the given code points.
    pub fn from_code_points(cps: impl Iterator<Item = u32>) -> PyStr {
        let mut b = StrBuilder::new();
        for cp in cps {
            b.push_code_point(cp);
        }
        b.finish()
    }

    /// A str of a WTF-8 buffer (a str constant of the front end).
    pub fn from_wtf8(w: &Wtf8Buf) -> PyStr {
        match w.as_str() {
            Some(t) => PyStr::new(t.to_string()),
            None => PyStr::from_code_points(w.code_points()),
        }
    }

    /// The str as WTF-8 (generalized UTF-8: a surrogate takes the
    /// three-byte form).
    pub fn to_wtf8(&self) -> Wtf8Buf {
        if self.selector() == 0 {
            return Wtf8Buf::from_text(&self.text);
        }
        let mut w = Wtf8Buf::new();
        for cp in self.code_points() {
            w.push_code_point(cp);
        }
        w
    }

    /// Do the two strs hold the same code points?
    #[inline]
    pub fn same_text(&self, other: &PyStr) -> bool {
        let (a, b) = (self.selector(), other.selector());
        if a == b {
            self.text == other.text
        } else if a == 0 || b == 0 {
            false
        } else {
            self.code_points().eq(other.code_points())
        }
    }

    /// `self + other`.
    pub fn concat(&self, other: &PyStr) -> PyStr {
        let (a, b) = (self.selector(), other.selector());
        let sel = a.max(b);
        let simple = a == b
            || (a == 0 && !has_block_chars(&self.text, b))
            || (b == 0 && !has_block_chars(&other.text, a));
        if !simple {
            return PyStr::from_code_points(self.code_points().chain(other.code_points()));
        }
        let mut text = String::with_capacity(self.text.len() + other.text.len());
        text.push_str(&self.text);
        text.push_str(&other.text);
        PyStr::with_selector(text, self.chars() + other.chars(), sel)
    }

    /// `self + other` as a new str object. The common case (no
    /// surrogates to reconcile) builds the str where it is allocated:
    /// returned by value from [`PyStr::concat`] and then moved into the
    /// object, it was copied with 16-byte loads right after the 8-byte
    /// stores of its fields (a store-forwarding stall, two thirds of the
    /// `binary` helper's samples on a loop of `d[k] = d.get(k, "") + s`).
    #[inline]
    pub fn concat_value(&self, other: &PyStr) -> crate::object::value::Value {
        use crate::object::heap::NewObject;
        let (a, b) = (self.selector(), other.selector());
        if a != 0 || b != 0 {
            return crate::object::value::Value::obj(NewObject::Str(self.concat(other)));
        }
        let mut text = String::with_capacity(self.text.len() + other.text.len());
        text.push_str(&self.text);
        text.push_str(&other.text);
        let chars = self.chars() + other.chars();
        crate::object::value::Value::obj(NewObject::Str(PyStr::with_selector(text, chars, 0)))
    }

    /// The str with its stand-ins moved to `selector`'s block (for an
    /// operation on several strs that must share one block).
    pub fn remapped(&self, selector: u8) -> PyStr {
        let text: String = self
            .code_points()
            .map(|cp| {
                if is_surrogate(cp) {
                    stand_in(cp, selector)
                } else {
                    char::from_u32(cp).unwrap_or('\u{FFFD}')
                }
            })
            .collect();
        PyStr::with_selector(text, self.chars(), selector)
    }
}

/// Builds a str code point by code point (decoders, `chr`, escapes),
/// surrogates included: they take the first block's stand-ins until a
/// genuine character of that block arrives too, and then the builder
/// keeps code points and picks a free block at the end.
#[derive(Default)]
pub struct StrBuilder {
    text: String,
    chars: usize,
    surrogates: bool,
    genuine_in_block: bool,
    spilled: Option<Vec<u32>>,
}

impl StrBuilder {
    /// An empty builder.
    pub fn new() -> StrBuilder {
        StrBuilder::default()
    }

    /// An empty builder with room for `bytes` bytes of text.
    pub fn with_capacity(bytes: usize) -> StrBuilder {
        StrBuilder {
            text: String::with_capacity(bytes),
            ..StrBuilder::default()
        }
    }

    /// Appends text (no surrogates in it).
    pub fn push_str(&mut self, s: &str) {
        if let Some(cps) = &mut self.spilled {
            cps.extend(s.chars().map(|c| c as u32));
            return;
        }
        if has_block_chars(s, 1) {
            if self.surrogates {
                self.spill();
                return self.push_str(s);
            }
            self.genuine_in_block = true;
        }
        self.text.push_str(s);
        self.chars += if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
    }

    /// Appends a character.
    pub fn push(&mut self, c: char) {
        self.push_code_point(c as u32);
    }

    /// Appends any code point (0..=0x10FFFF), a surrogate too.
    pub fn push_code_point(&mut self, cp: u32) {
        if let Some(cps) = &mut self.spilled {
            cps.push(cp);
            return;
        }
        if is_surrogate(cp) {
            if self.genuine_in_block {
                self.spill();
                return self.push_code_point(cp);
            }
            self.surrogates = true;
            self.text.push(stand_in(cp, 1));
            self.chars += 1;
            return;
        }
        let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
        if in_block(c, 1) {
            if self.surrogates {
                self.spill();
                return self.push_code_point(cp);
            }
            self.genuine_in_block = true;
        }
        self.text.push(c);
        self.chars += 1;
    }

    /// Appends a str's code points.
    pub fn push_pystr(&mut self, s: &PyStr) {
        if s.selector() == 0 {
            self.push_str(&s.text);
        } else {
            for cp in s.code_points() {
                self.push_code_point(cp);
            }
        }
    }

    /// Switches to code points (the text so far is unambiguous: its
    /// first-block characters are all stand-ins or all genuine).
    fn spill(&mut self) {
        let sel = if self.surrogates { 1 } else { 0 };
        let cps = self.text.chars().map(|c| code_point(c, sel)).collect();
        self.spilled = Some(cps);
    }

    /// The text so far has no surrogate?
    pub fn is_plain(&self) -> bool {
        !self.surrogates && self.spilled.is_none()
    }

    /// The str.
    pub fn finish(self) -> PyStr {
        let Some(cps) = self.spilled else {
            let sel = if self.surrogates { 1 } else { 0 };
            return PyStr::with_selector(self.text, self.chars, sel);
        };
        let genuine: String = cps
            .iter()
            .filter(|&&cp| !is_surrogate(cp))
            .filter_map(|&cp| char::from_u32(cp))
            .collect();
        let has_surrogates = cps.iter().any(|&cp| is_surrogate(cp));
        // Every block taken: the surrogates become U+FFFD (a string of
        // over 600,000 distinct unassigned code points and a surrogate).
        let sel = if has_surrogates {
            free_selector(std::iter::once(genuine.as_str())).unwrap_or(0)
        } else {
            0
        };
        let text: String = cps
            .iter()
            .map(|&cp| match (is_surrogate(cp), sel) {
                (true, 0) => '\u{FFFD}',
                (true, s) => stand_in(cp, s),
                _ => char::from_u32(cp).unwrap_or('\u{FFFD}'),
            })
            .collect();
        PyStr::with_selector(text, cps.len(), sel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_round_trip_through_stand_ins() {
        let s = PyStr::from_code_points([0x61, 0xD800, 0xDFFF, 0x62].into_iter());
        assert_eq!(s.selector(), 1);
        assert_eq!(s.chars(), 4);
        assert_eq!(
            s.code_points().collect::<Vec<_>>(),
            vec![0x61, 0xD800, 0xDFFF, 0x62]
        );
        let plain = PyStr::new("a\u{FFFD}".into());
        assert_eq!(plain.selector(), 0);
        assert!(!plain.same_text(&s));
    }

    #[test]
    fn a_genuine_block_character_moves_the_surrogates_elsewhere() {
        let s = PyStr::from_code_points([0xDD800, 0xD800].into_iter());
        assert_eq!(s.selector(), 2);
        assert_eq!(s.code_points().collect::<Vec<_>>(), vec![0xDD800, 0xD800]);
        let t = PyStr::from_code_points([0xD800].into_iter());
        let joined = PyStr::new("\u{DD800}".into()).concat(&t);
        assert!(joined.same_text(&s));
    }

    #[test]
    fn strs_of_different_blocks_compare_by_code_points() {
        let a = PyStr::from_code_points([0xD801].into_iter());
        let b = a.remapped(3);
        assert_eq!(b.selector(), 3);
        assert!(a.same_text(&b));
        assert_eq!(
            PyStr::derived(b.text.clone(), 3)
                .code_points()
                .collect::<Vec<_>>(),
            vec![0xD801]
        );
    }
}
