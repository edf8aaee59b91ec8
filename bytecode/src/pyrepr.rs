//! CPython's `repr` of the literal values the front end produces: str,
//! bytes, float and imaginary numbers. Tools that print tokens and trees
//! (`--tokens`, `--ast`) must print values exactly as CPython 3.11 does, so
//! the rules live in one place here and the runtime will reuse them.

use crate::unicode_tables::{ALNUM, DECIMAL, PRINTABLE, XID_CONTINUE, XID_START};
use crate::wtf8::Wtf8Buf;

/// True if `cp` lies in one of the sorted, disjoint `ranges`.
fn in_table(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `str.isprintable()` for one code point.
pub fn is_printable(cp: u32) -> bool {
    if cp < 0x80 {
        return (0x20..0x7F).contains(&cp);
    }
    in_table(PRINTABLE, cp)
}

/// Python's `str.isalnum()` for one character (what regex `\w` accepts,
/// together with `_`).
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    in_table(ALNUM, c as u32)
}

/// The value of decimal digit `c` (`unicodedata.decimal(c)`: ASCII and
/// every other script's digits), or None.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let cp = c as u32;
    let at = DECIMAL.partition_point(|&(_, hi)| hi < cp);
    match DECIMAL.get(at) {
        Some(&(lo, _)) if lo <= cp => Some((cp - lo) % 10),
        _ => None,
    }
}

/// May `c` start an identifier (`c.isidentifier()`)?
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_table(XID_START, c as u32)
}

/// May `c` continue an identifier?
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(XID_CONTINUE, c as u32)
}

/// `repr(s)` of a Python str.
pub fn repr_str(s: &Wtf8Buf) -> String {
    let (mut has_single, mut has_double) = (false, false);
    for cp in s.code_points() {
        has_single |= cp == '\'' as u32;
        has_double |= cp == '"' as u32;
    }
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(s.code_points().count() + 2);
    out.push(quote);
    for cp in s.code_points() {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if cp == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            _ if cp < 0x20 || cp == 0x7F => out.push_str(&format!("\\x{cp:02x}")),
            _ if cp < 0x7F => out.push(cp as u8 as char),
            _ if is_printable(cp) => out.push(char::from_u32(cp).unwrap_or('?')),
            _ if cp <= 0xFF => out.push_str(&format!("\\x{cp:02x}")),
            _ if cp <= 0xFFFF => out.push_str(&format!("\\u{cp:04x}")),
            _ => out.push_str(&format!("\\U{cp:08x}")),
        }
    }
    out.push(quote);
    out
}

/// `repr(b)` of a Python bytes object.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// The shortest round-tripping digits of a finite, non-zero `x` and its
/// decimal exponent: `x = 0.d1d2d3… × 10^exp`.
fn shortest_digits(x: f64) -> (String, i32) {
    // Rust's `{:e}` prints the shortest round-trip representation.
    let s = format!("{:e}", x.abs());
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

/// Formats `x` as Python's `repr` ("r" format) does; `force_point` adds the
/// `.0` that float repr shows and complex repr omits.
fn format_repr(x: f64, force_point: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0{}", if force_point { ".0" } else { "" });
    }
    let (digits, decpt) = shortest_digits(x);
    let n = digits.len() as i32;
    let mut out = String::from(sign);
    if -4 < decpt && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-decpt) as usize));
            out.push_str(&digits);
        } else if decpt >= n {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', (decpt - n) as usize));
            if force_point {
                out.push_str(".0");
            }
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        out.push_str(&format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs()));
    }
    out
}

/// `repr(x)` of a Python float.
pub fn repr_float(x: f64) -> String {
    format_repr(x, true)
}

/// `repr(complex(0.0, imag))`, the value of an imaginary literal.
pub fn repr_imaginary(imag: f64) -> String {
    format!("{}j", format_repr(imag, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_match_cpython() {
        let cases = [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (123.456, "123.456"),
            (1.5e300, "1.5e+300"),
            (f64::INFINITY, "inf"),
            (2.0, "2.0"),
        ];
        for (x, want) in cases {
            assert_eq!(repr_float(x), want);
        }
        assert_eq!(repr_imaginary(2.0), "2j");
        assert_eq!(repr_imaginary(1e16), "1e+16j");
        assert_eq!(repr_imaginary(1.5), "1.5j");
    }

    #[test]
    fn strings_match_cpython() {
        assert_eq!(repr_str(&Wtf8Buf::from_text("it's")), "\"it's\"");
        assert_eq!(repr_str(&Wtf8Buf::from_text("a'\"b\n")), "'a\\'\"b\\n'");
        assert_eq!(
            repr_str(&Wtf8Buf::from_text("é\u{a0}\u{200b}")),
            "'é\\xa0\\u200b'"
        );
        let mut s = Wtf8Buf::new();
        s.push_code_point(0xDC80);
        assert_eq!(repr_str(&s), "'\\udc80'");
        assert_eq!(repr_bytes(b"a'\x00\xff"), "b\"a'\\x00\\xff\"");
    }
}
