//! Python strings may hold lone surrogates (`'\ud800'` is a legal literal),
//! which Rust's `String` cannot. `Wtf8Buf` stores text as generalized UTF-8
//! (WTF-8): ordinary text is plain UTF-8, and a surrogate code point takes
//! the three-byte form UTF-8 would give it if it were allowed.

use std::fmt;

/// An owned Python string value: code points, surrogates allowed.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Wtf8Buf {
    bytes: Vec<u8>,
}

impl Wtf8Buf {
    /// An empty string.
    pub fn new() -> Self {
        Wtf8Buf { bytes: Vec::new() }
    }

    /// A string holding exactly the UTF-8 text `s`.
    pub fn from_text(s: &str) -> Self {
        Wtf8Buf {
            bytes: s.as_bytes().to_vec(),
        }
    }

    /// Appends ordinary text.
    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Appends another Python string.
    pub fn push_wtf8(&mut self, other: &Wtf8Buf) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    /// Appends one code point (0..=0x10FFFF), surrogates included.
    pub fn push_code_point(&mut self, cp: u32) {
        if let Some(c) = char::from_u32(cp) {
            let mut buf = [0u8; 4];
            self.bytes
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        } else {
            // A surrogate (0xD800..=0xDFFF): its three-byte generalized form.
            self.bytes.push(0xE0 | (cp >> 12) as u8);
            self.bytes.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            self.bytes.push(0x80 | (cp & 0x3F) as u8);
        }
    }

    /// The generalized UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The buffer of `bytes` if they are generalized UTF-8 (UTF-8 whose
    /// three-byte forms may encode surrogates), as `as_bytes` gives them.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Wtf8Buf> {
        let mut i = 0;
        while i < bytes.len() {
            let first = bytes[i];
            let len = match first {
                0x00..=0x7F => 1,
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return None,
            };
            let rest = bytes.get(i + 1..i + len)?;
            if rest.iter().any(|&b| b & 0xC0 != 0x80) {
                return None;
            }
            // Overlong forms and code points beyond U+10FFFF.
            let second = rest.first().copied().unwrap_or(0x80);
            if (first == 0xE0 && second < 0xA0)
                || (first == 0xF0 && second < 0x90)
                || (first == 0xF4 && second > 0x8F)
            {
                return None;
            }
            i += len;
        }
        Some(Wtf8Buf { bytes })
    }

    /// True if the string holds no code points.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The text as `&str` when it holds no surrogate.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// Iterates the code points, surrogates included.
    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints {
            bytes: &self.bytes,
            pos: 0,
        }
    }
}

impl fmt::Debug for Wtf8Buf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::pyrepr::repr_str(self))
    }
}

/// Iterator over the code points of a `Wtf8Buf`.
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let b = self.bytes;
        let i = self.pos;
        let first = *b.get(i)? as u32;
        let (cp, len) = if first < 0x80 {
            (first, 1)
        } else if first < 0xE0 {
            (((first & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
        } else if first < 0xF0 {
            (
                ((first & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
                3,
            )
        } else {
            (
                ((first & 0x07) << 18)
                    | ((b[i + 1] as u32 & 0x3F) << 12)
                    | ((b[i + 2] as u32 & 0x3F) << 6)
                    | (b[i + 3] as u32 & 0x3F),
                4,
            )
        };
        self.pos = i + len;
        Some(cp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_round_trip() {
        let mut s = Wtf8Buf::from_text("aé");
        s.push_code_point(0xD800);
        s.push_code_point(0x1F600);
        assert_eq!(
            s.code_points().collect::<Vec<_>>(),
            vec![0x61, 0xE9, 0xD800, 0x1F600]
        );
        assert!(s.as_str().is_none());
        assert_eq!(Wtf8Buf::from_text("ok").as_str(), Some("ok"));
    }
}
