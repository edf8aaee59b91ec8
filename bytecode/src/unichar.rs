//! Python's character classes and case mappings, as CPython 3.11 answers
//! them from its Unicode 14.0.0 database (the tables are generated from
//! CPython by tests/tools/gen_unicode_tables.py): what `str.isalpha`,
//! `isdigit`, `isnumeric`, `islower`, `isupper`, `istitle`, `isspace`,
//! `lower`, `upper`, `title`, `capitalize`, `swapcase` and `casefold`
//! compute. Rust's own `char` methods follow a later Unicode version and
//! different definitions (`'½'.is_numeric()`, `'\u{345}'.is_alphabetic()`),
//! so the runtime uses these instead.

use crate::unicode_case_tables::{FOLD_MAP, LOWER_MAP, TITLE_MAP, UPPER_MAP};
use crate::unicode_tables::{ALPHA, CASE_IGNORABLE, DIGIT, LOWER, NUMERIC, SPACE, TITLE, UPPER};

/// True if `cp` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    let at = ranges.partition_point(|&(_, hi)| hi < cp);
    ranges.get(at).is_some_and(|&(lo, _)| lo <= cp)
}

/// The mapping of `c` in `table`, if it changes `c`.
fn mapped(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    let i = table.binary_search_by_key(&(c as u32), |&(k, _)| k).ok()?;
    Some(table[i].1)
}

/// `c.isalpha()`.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(ALPHA, c as u32)
}

/// `c.isdigit()`.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(DIGIT, c as u32)
}

/// `c.isnumeric()`.
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(NUMERIC, c as u32)
}

/// `c.isalnum()`.
pub fn is_alnum(c: char) -> bool {
    crate::pyrepr::is_alnum(c)
}

/// Has the Lowercase property (`c.islower()`).
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_ranges(LOWER, c as u32)
}

/// Has the Uppercase property (`c.isupper()`).
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(UPPER, c as u32)
}

/// Is a titlecase letter (category Lt, `'ǅ'`).
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(TITLE, c as u32)
}

/// Is cased: lowercase, uppercase or titlecase.
pub fn is_cased(c: char) -> bool {
    is_lower(c) || is_upper(c) || is_title(c)
}

/// Is case-ignorable (skipped by the final-sigma rule).
pub fn is_case_ignorable(c: char) -> bool {
    in_ranges(CASE_IGNORABLE, c as u32)
}

/// `c.isspace()`.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f'
        );
    }
    in_ranges(SPACE, c as u32)
}

/// Appends `c` mapped by `table` (itself when the table leaves it).
fn push_mapped(out: &mut String, table: &'static [(u32, &'static str)], c: char) {
    match mapped(table, c) {
        Some(m) => out.push_str(m),
        None => out.push(c),
    }
}

/// Appends the upper case of `c`.
pub fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, UPPER_MAP, c);
    }
}

/// Appends the title case of `c`.
pub fn push_title(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, TITLE_MAP, c);
    }
}

/// Appends the case folding of `c`.
pub fn push_fold(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_mapped(out, FOLD_MAP, c);
    }
}

/// Appends the lower case of `chars[i]`, where a capital sigma becomes
/// final sigma at the end of a word (CPython's `handle_capital_sigma`).
pub fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == '\u{3A3}' {
        out.push(if final_sigma(chars, i) {
            '\u{3C2}'
        } else {
            '\u{3C3}'
        });
    } else {
        push_mapped(out, LOWER_MAP, c);
    }
}

/// Whether the capital sigma at `i` ends a word: a cased letter before
/// it and none after it, case-ignorable characters skipped both ways.
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i]
        .iter()
        .rev()
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| is_cased(c));
    let after = chars[i + 1..]
        .iter()
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| is_cased(c));
    before && !after
}

/// `s.lower()`.
pub fn lower(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        push_lower_at(&mut out, &chars, i);
    }
    out
}

/// `s.upper()`.
pub fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

/// `s.casefold()`.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_fold(&mut out, c);
    }
    out
}

/// `s.title()`: a cased character after a cased one is lowered, any
/// other one title-cased.
pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut previous_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_cased {
            push_lower_at(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        previous_cased = is_cased(c);
    }
    out
}

/// `s.capitalize()`: the first character title-cased, the rest lowered.
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower_at(&mut out, &chars, i);
        }
    }
    out
}

/// `s.swapcase()`: upper case lowered, lower case raised.
pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_upper(c) {
            push_lower_at(&mut out, &chars, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// `s.istitle()`: cased runs start with an upper or title case letter
/// and continue in lower case, and there is at least one.
pub fn is_titled(s: &str) -> bool {
    let mut cased = false;
    let mut previous_cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            if previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    cased
}

/// `s.isupper()`: some cased character, none lower or title case.
pub fn is_upper_str(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_title(c) {
            return false;
        }
        cased |= is_upper(c);
    }
    cased
}

/// `s.islower()`: some cased character, none upper or title case.
pub fn is_lower_str(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            return false;
        }
        cased |= is_lower(c);
    }
    cased
}
