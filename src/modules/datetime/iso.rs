//! The text forms of `_datetime`: ISO 8601 output (`isoformat`) and
//! input (`fromisoformat`, the strict parser of CPython 3.11's C module:
//! ASCII digits only, `YYYY-MM-DD`, `YYYYMMDD`, ISO weeks, times with
//! optional fractions and UTC offsets), UTC offsets as text, and
//! `strftime` with `%z`, `%Z` and `%f` filled in before `time.strftime`.

use super::calendar;
use super::delta::Delta;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, type_name};
use crate::object::value::Value;
use crate::vm::Vm;

/// `YYYY-MM-DD`.
pub fn fmt_date(y: i64, m: i64, d: i64) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The time of day as `isoformat(timespec=…)` writes it.
pub fn fmt_time(h: i64, mi: i64, s: i64, us: i64, timespec: &str) -> PyResult<String> {
    Ok(match timespec {
        "auto" if us != 0 => format!("{h:02}:{mi:02}:{s:02}.{us:06}"),
        "auto" | "seconds" => format!("{h:02}:{mi:02}:{s:02}"),
        "hours" => format!("{h:02}"),
        "minutes" => format!("{h:02}:{mi:02}"),
        "milliseconds" => format!("{h:02}:{mi:02}:{s:02}.{:03}", us / 1000),
        "microseconds" => format!("{h:02}:{mi:02}:{s:02}.{us:06}"),
        _ => return raise(ExcKind::ValueError, "Unknown timespec value"),
    })
}

/// A UTC offset as `±HH<sep>MM[<sep>SS[.ffffff]]`.
pub fn fmt_offset(off: &Delta, sep: &str) -> String {
    let mut us = off.total_us();
    let sign = if us < 0 {
        us = -us;
        '-'
    } else {
        '+'
    };
    let (secs, frac) = (us / 1_000_000, us % 1_000_000);
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut s = format!("{sign}{hh:02}{sep}{mm:02}");
    if ss != 0 || frac != 0 {
        s.push_str(&format!("{sep}{ss:02}"));
        if frac != 0 {
            s.push_str(&format!(".{frac:06}"));
        }
    }
    s
}

/// The `timespec` argument: a str.
pub fn timespec_arg(v: &Option<Value>) -> PyResult<String> {
    match v {
        None => Ok("auto".into()),
        Some(v) => match as_str(v) {
            Some(s) => Ok(s.to_string()),
            None => raise(
                ExcKind::TypeError,
                format!(
                    "isoformat() argument 'timespec' must be str, not {}",
                    type_name(v)
                ),
            ),
        },
    }
}

/// The byte at `i`, or 0 past the end (the C parser reads the NUL).
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// `n` ASCII digits at `*p` as a number, advancing `*p`.
fn digits(b: &[u8], p: &mut usize, n: usize) -> Option<i64> {
    let mut v = 0i64;
    for _ in 0..n {
        let c = at(b, *p);
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
        *p += 1;
    }
    Some(v)
}

/// The date of an ISO string of 7, 8 or 10 bytes (the caller checks
/// the length): `(year, month, day)`, or None when it does not parse.
pub fn parse_date(b: &[u8]) -> Option<(i64, i64, i64)> {
    let mut p = 0;
    let year = digits(b, &mut p, 4)?;
    let sep = at(b, p) == b'-';
    if sep {
        p += 1;
    }
    if at(b, p) == b'W' {
        p += 1;
        let week = digits(b, &mut p, 2)?;
        let mut day = 1;
        if p < b.len() {
            if sep {
                if at(b, p) != b'-' {
                    return None;
                }
                p += 1;
            }
            day = digits(b, &mut p, 1)?;
        }
        return calendar::iso_to_gregorian(year, week, day).ok();
    }
    let month = digits(b, &mut p, 2)?;
    if sep {
        if at(b, p) != b'-' {
            return None;
        }
        p += 1;
    }
    let day = digits(b, &mut p, 2)?;
    Some((year, month, day))
}

/// Where the date of an ISO datetime string ends (the separator's
/// index), as CPython guesses it; None when no guess works.
pub fn find_separator(b: &[u8]) -> Option<usize> {
    let len = b.len();
    if len == 7 {
        return Some(7);
    }
    if at(b, 4) == b'-' {
        if at(b, 5) == b'W' {
            if len < 8 {
                return None;
            }
            if len > 8 && at(b, 8) == b'-' {
                if len == 9 {
                    return None;
                }
                if len > 10 && at(b, 10).is_ascii_digit() {
                    return Some(8);
                }
                return Some(10);
            }
            return Some(8);
        }
        return Some(10);
    }
    if at(b, 4) == b'W' {
        let mut idx = 7;
        while idx < len && at(b, idx).is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return Some(idx);
        }
        return Some(if idx % 2 == 0 { 7 } else { 8 });
    }
    Some(8)
}

/// `HH[:?MM[:?SS[{.,}ffffff]]]` from `start` to `end` of `b`: the four
/// fields and whether anything follows (`Err` when it does not parse).
fn parse_hms(b: &[u8], start: usize, end: usize) -> Result<([i64; 4], bool), ()> {
    let mut vals = [0i64; 4];
    let mut p = start;
    let mut has_sep = true;
    let mut fraction = false;
    for (i, slot) in vals.iter_mut().take(3).enumerate() {
        *slot = digits(b, &mut p, 2).ok_or(())?;
        let c = at(b, p);
        p += 1;
        if i == 0 {
            has_sep = c == b':';
        }
        if p >= end {
            return Ok((vals, c != 0));
        } else if has_sep && c == b':' {
            continue;
        } else if c == b'.' || c == b',' {
            fraction = true;
            break;
        } else if !has_sep {
            p -= 1;
        } else {
            return Err(());
        }
    }
    let _ = fraction;
    let remains = end.saturating_sub(p);
    let n = remains.min(6);
    if n == 0 {
        return Err(());
    }
    let mut us = digits(b, &mut p, n).ok_or(())?;
    for _ in n..6 {
        us *= 10;
    }
    vals[3] = us;
    while at(b, p).is_ascii_digit() {
        p += 1;
    }
    Ok((vals, at(b, p) != 0))
}

/// A time of day with its optional UTC offset: `(h, m, s, us)` and
/// `Some((offset seconds, offset microseconds))` when the string has an
/// offset (`Z` is zero).
pub type ParsedTime = ([i64; 4], Option<(i64, i64)>);

/// Parses an ISO time of day (CPython's `parse_isoformat_time`).
pub fn parse_time(b: &[u8]) -> Option<ParsedTime> {
    let end = b.len();
    let tz_pos = b
        .iter()
        .position(|&c| c == b'Z' || c == b'+' || c == b'-')
        .unwrap_or(end);
    let (hms, trailing) = parse_hms(b, 0, tz_pos.max(1).min(end.max(1))).ok()?;
    if tz_pos >= end {
        return if trailing { None } else { Some((hms, None)) };
    }
    if b[tz_pos] == b'Z' {
        return if tz_pos + 1 != end {
            None
        } else {
            Some((hms, Some((0, 0))))
        };
    }
    let sign = if b[tz_pos] == b'-' { -1 } else { 1 };
    let (tz, trailing) = parse_hms(b, tz_pos + 1, end).ok()?;
    if trailing {
        return None;
    }
    Some((
        hms,
        Some((sign * (tz[0] * 3600 + tz[1] * 60 + tz[2]), sign * tz[3])),
    ))
}

/// `Invalid isoformat string: '…'`.
pub fn invalid(vm: &mut Vm, s: &Value) -> PyResult<Value> {
    let r = crate::protocol::repr::repr(vm, s)?;
    raise(
        ExcKind::ValueError,
        format!("Invalid isoformat string: {r}"),
    )
}

/// The characters of a `fromisoformat` argument as bytes, one a
/// character, every non-ASCII character (a lone surrogate too) as 0xff,
/// which no rule accepts except as the date/time separator; TypeError
/// for a non-str.
pub fn iso_arg(v: &Value) -> PyResult<Vec<u8>> {
    match crate::object::heap::as_pystr(v) {
        Some(s) => Ok(s
            .code_points()
            .map(|c| if c < 0x80 { c as u8 } else { 0xff })
            .collect()),
        None => raise(ExcKind::TypeError, "fromisoformat: argument must be str"),
    }
}

/// `strftime`: `%z`, `%Z` and `%f` replaced from `obj` (`tzinfo` and
/// `tzinfoarg` give the offset and the zone name), then
/// `time.strftime(format, timetuple)`.
pub fn wrap_strftime(
    vm: &mut Vm,
    fmt: &Value,
    timetuple: Value,
    tzinfo: &Value,
    tzinfoarg: &Value,
    us: i64,
) -> PyResult<Value> {
    let Some(f) = as_str(fmt) else {
        return raise(
            ExcKind::TypeError,
            format!("strftime() argument 1 must be str, not {}", type_name(fmt)),
        );
    };
    let mut out = String::with_capacity(f.len());
    let mut chars = f.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            None => out.push('%'),
            Some('z') => {
                if !matches!(tzinfo, Value::None) {
                    if let Some(off) = super::zone::call_utcoffset(vm, tzinfo, tzinfoarg)? {
                        out.push_str(&fmt_offset(&off, ""));
                    }
                }
            }
            Some('Z') => {
                if !matches!(tzinfo, Value::None) {
                    let name = super::zone::call_tzname(vm, tzinfo, tzinfoarg)?;
                    if !matches!(name, Value::None) {
                        let pct = crate::object::heap::new_str("%");
                        let twice = crate::object::heap::new_str("%%");
                        let r = super::call_method(vm, &name, "replace", &[pct, twice])?;
                        match as_str(&r) {
                            Some(n) => out.push_str(n),
                            None => {
                                return raise(
                                    ExcKind::TypeError,
                                    "tzname.replace() did not return a string",
                                )
                            }
                        }
                    }
                }
            }
            Some('f') => out.push_str(&format!("{us:06}")),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
        }
    }
    let time = crate::protocol::import(vm, "time")?;
    let strftime = crate::protocol::getattr(vm, &time, "strftime")?;
    crate::protocol::call(
        vm,
        &strftime,
        &[crate::object::heap::new_str(out), timetuple],
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date(b"2020-01-02"), Some((2020, 1, 2)));
        assert_eq!(parse_date(b"20200102"), Some((2020, 1, 2)));
        assert_eq!(parse_date(b"2004-W53-6"), Some((2005, 1, 1)));
        assert_eq!(parse_date(b"2004W536"), Some((2005, 1, 1)));
        assert_eq!(parse_date(b"2020-0102"), None);
        assert_eq!(parse_date(b"2020-01\x002"), None);
    }

    #[test]
    fn times() {
        assert_eq!(parse_time(b"12"), Some(([12, 0, 0, 0], None)));
        assert_eq!(
            parse_time(b"12:30:45.5"),
            Some(([12, 30, 45, 500_000], None))
        );
        assert_eq!(
            parse_time(b"123045,1234567"),
            Some(([12, 30, 45, 123_456], None))
        );
        assert_eq!(
            parse_time(b"12:30-05:30"),
            Some(([12, 30, 0, 0], Some((-(5 * 3600 + 30 * 60), 0))))
        );
        assert_eq!(parse_time(b"12:30Z"), Some(([12, 30, 0, 0], Some((0, 0)))));
        assert_eq!(parse_time(b"12:30Zx"), None);
        assert_eq!(parse_time(b"12:3"), None);
        assert_eq!(parse_time(b"12:30:45."), None);
        assert_eq!(parse_time(b"12:30x"), None);
    }

    #[test]
    fn offsets() {
        let d = Delta::from_us(-(5 * 3600 + 30 * 60) * 1_000_000).unwrap_or(Delta::ZERO);
        assert_eq!(fmt_offset(&d, ":"), "-05:30");
        let d = Delta::from_us(3_723_000_004).unwrap_or(Delta::ZERO);
        assert_eq!(fmt_offset(&d, ""), "+010203.000004");
    }
}
