//! `_locale`: the C library's locale, as CPython's `Modules/_localemodule.c`
//! exposes it to `locale.py` — `setlocale`, `localeconv`, `nl_langinfo`,
//! `strcoll`, `strxfrm`, `getencoding` and the constants. Like CPython,
//! the character type category is taken from the environment when the
//! module is first used (CPython does it at start-up), and the C locale
//! counts as UTF-8 (PEP 538's coercion).

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_str, NewObject};
use crate::object::value::Value;
use std::ffi::{CStr, CString};

fn error_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "locale.Error",
        "locale",
        "Error",
        ExcKind::Exception,
    )
}

fn c_text(p: *const libc::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the C library returns NUL-terminated strings.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn c_string(v: &Value, what: &str) -> PyResult<CString> {
    match crate::object::heap::as_str(v) {
        Some(s) => {
            CString::new(s).map_err(|_| PyErr::new(ExcKind::ValueError, "embedded null character"))
        }
        None => raise(
            ExcKind::TypeError,
            format!(
                "{what} must be str, not {}",
                crate::object::heap::type_name(v)
            ),
        ),
    }
}

fn ensure_ctype() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: an empty name reads the environment; called once.
        unsafe { libc::setlocale(libc::LC_CTYPE, c"".as_ptr()) };
    });
}

const CATEGORIES: &[(&str, i32)] = &[
    ("LC_CTYPE", libc::LC_CTYPE),
    ("LC_COLLATE", libc::LC_COLLATE),
    ("LC_TIME", libc::LC_TIME),
    ("LC_MONETARY", libc::LC_MONETARY),
    ("LC_NUMERIC", libc::LC_NUMERIC),
    ("LC_ALL", libc::LC_ALL),
    ("LC_MESSAGES", libc::LC_MESSAGES),
];

const LANGINFO: &[(&str, libc::nl_item)] = &[
    ("CODESET", libc::CODESET),
    ("D_T_FMT", libc::D_T_FMT),
    ("D_FMT", libc::D_FMT),
    ("T_FMT", libc::T_FMT),
    ("T_FMT_AMPM", libc::T_FMT_AMPM),
    ("AM_STR", libc::AM_STR),
    ("PM_STR", libc::PM_STR),
    ("DAY_1", libc::DAY_1),
    ("DAY_2", libc::DAY_2),
    ("DAY_3", libc::DAY_3),
    ("DAY_4", libc::DAY_4),
    ("DAY_5", libc::DAY_5),
    ("DAY_6", libc::DAY_6),
    ("DAY_7", libc::DAY_7),
    ("ABDAY_1", libc::ABDAY_1),
    ("ABDAY_2", libc::ABDAY_2),
    ("ABDAY_3", libc::ABDAY_3),
    ("ABDAY_4", libc::ABDAY_4),
    ("ABDAY_5", libc::ABDAY_5),
    ("ABDAY_6", libc::ABDAY_6),
    ("ABDAY_7", libc::ABDAY_7),
    ("MON_1", libc::MON_1),
    ("MON_2", libc::MON_2),
    ("MON_3", libc::MON_3),
    ("MON_4", libc::MON_4),
    ("MON_5", libc::MON_5),
    ("MON_6", libc::MON_6),
    ("MON_7", libc::MON_7),
    ("MON_8", libc::MON_8),
    ("MON_9", libc::MON_9),
    ("MON_10", libc::MON_10),
    ("MON_11", libc::MON_11),
    ("MON_12", libc::MON_12),
    ("ABMON_1", libc::ABMON_1),
    ("ABMON_2", libc::ABMON_2),
    ("ABMON_3", libc::ABMON_3),
    ("ABMON_4", libc::ABMON_4),
    ("ABMON_5", libc::ABMON_5),
    ("ABMON_6", libc::ABMON_6),
    ("ABMON_7", libc::ABMON_7),
    ("ABMON_8", libc::ABMON_8),
    ("ABMON_9", libc::ABMON_9),
    ("ABMON_10", libc::ABMON_10),
    ("ABMON_11", libc::ABMON_11),
    ("ABMON_12", libc::ABMON_12),
    ("RADIXCHAR", libc::RADIXCHAR),
    ("THOUSEP", libc::THOUSEP),
    ("YESEXPR", libc::YESEXPR),
    ("NOEXPR", libc::NOEXPR),
    ("CRNCYSTR", libc::CRNCYSTR),
    ("ERA", libc::ERA),
    ("ERA_D_FMT", libc::ERA_D_FMT),
    ("ERA_D_T_FMT", libc::ERA_D_T_FMT),
    ("ERA_T_FMT", libc::ERA_T_FMT),
    ("ALT_DIGITS", libc::ALT_DIGITS),
];

/// `localeconv()`: the numeric and monetary conventions as a dict.
fn localeconv() -> Value {
    ensure_ctype();
    // SAFETY: localeconv returns a pointer to a static struct, read at once.
    let lc = unsafe { &*libc::localeconv() };
    let mut d = crate::object::dict::Dict::new();
    let grouping = |p: *const libc::c_char| -> Value {
        let mut out = Vec::new();
        let mut k = 0;
        let mut ended_by_max = false;
        while !p.is_null() {
            // SAFETY: the grouping string is NUL-terminated.
            let c: libc::c_char = unsafe { *p.add(k) };
            if c == 0 {
                break;
            }
            out.push(Value::Int(c as u8 as i64));
            if c == libc::c_char::MAX {
                ended_by_max = true;
                break;
            }
            k += 1;
        }
        if !out.is_empty() && !ended_by_max {
            out.push(Value::Int(0));
        }
        crate::object::heap::new_list(out)
    };
    for (k, v) in [
        ("decimal_point", lc.decimal_point),
        ("thousands_sep", lc.thousands_sep),
        ("int_curr_symbol", lc.int_curr_symbol),
        ("currency_symbol", lc.currency_symbol),
        ("mon_decimal_point", lc.mon_decimal_point),
        ("mon_thousands_sep", lc.mon_thousands_sep),
        ("positive_sign", lc.positive_sign),
        ("negative_sign", lc.negative_sign),
    ] {
        d.set_str(k, new_str(c_text(v)));
    }
    d.set_str("grouping", grouping(lc.grouping));
    d.set_str("mon_grouping", grouping(lc.mon_grouping));
    for (k, v) in [
        ("int_frac_digits", lc.int_frac_digits),
        ("frac_digits", lc.frac_digits),
        ("p_cs_precedes", lc.p_cs_precedes),
        ("p_sep_by_space", lc.p_sep_by_space),
        ("n_cs_precedes", lc.n_cs_precedes),
        ("n_sep_by_space", lc.n_sep_by_space),
        ("p_sign_posn", lc.p_sign_posn),
        ("n_sign_posn", lc.n_sign_posn),
    ] {
        d.set_str(k, Value::Int(v as u8 as i64));
    }
    Value::obj(NewObject::Dict(std::cell::RefCell::new(d)))
}

/// The `_locale` module.
pub fn module() -> Value {
    let mut attrs: Vec<(&str, Value)> = vec![
        (
            "setlocale",
            builtin_fn("setlocale", |vm, _, a, _| {
                crate::object::args::arity("setlocale", a, 1, 2)?;
                ensure_ctype();
                let Value::Int(category) = a[0] else {
                    return raise(ExcKind::TypeError, "an integer is required");
                };
                let name = match a.get(1) {
                    None | Some(Value::None) => None,
                    Some(v) => Some(c_string(v, "setlocale() argument 2")?),
                };
                // SAFETY: a category number and a NUL-terminated name (or
                // NULL to query).
                let r = unsafe {
                    libc::setlocale(
                        category as i32,
                        name.as_ref().map_or(std::ptr::null(), |n| n.as_ptr()),
                    )
                };
                if r.is_null() {
                    return crate::object::exceptions::raise_class(
                        vm,
                        &error_class(),
                        "unsupported locale setting",
                    );
                }
                Ok(new_str(c_text(r)))
            }),
        ),
        (
            "localeconv",
            builtin_fn("localeconv", |_, _, _, _| Ok(localeconv())),
        ),
        (
            "getencoding",
            builtin_fn("getencoding", |_, _, _, _| {
                ensure_ctype();
                // SAFETY: CODESET is a valid item.
                let codeset = c_text(unsafe { libc::nl_langinfo(libc::CODESET) });
                Ok(new_str(match codeset.as_str() {
                    // The C locale: CPython coerces it to UTF-8.
                    "" | "ANSI_X3.4-1968" => "UTF-8".to_string(),
                    _ => codeset,
                }))
            }),
        ),
        (
            "nl_langinfo",
            builtin_fn("nl_langinfo", |_, _, a, _| {
                ensure_ctype();
                let Some(Value::Int(item)) = a.first() else {
                    return raise(ExcKind::TypeError, "an integer is required");
                };
                if !LANGINFO.iter().any(|(_, i)| *i as i64 == *item) {
                    return raise(ExcKind::ValueError, "unsupported langinfo constant");
                }
                // SAFETY: one of the known items.
                Ok(new_str(c_text(unsafe {
                    libc::nl_langinfo(*item as libc::nl_item)
                })))
            }),
        ),
        (
            "strcoll",
            builtin_fn("strcoll", |_, _, a, _| {
                crate::object::args::arity("strcoll", a, 2, 2)?;
                let (x, y) = (
                    c_string(&a[0], "strcoll() argument 1")?,
                    c_string(&a[1], "strcoll() argument 2")?,
                );
                // SAFETY: two NUL-terminated strings.
                Ok(Value::Int(
                    unsafe { libc::strcoll(x.as_ptr(), y.as_ptr()) } as i64
                ))
            }),
        ),
        (
            "strxfrm",
            builtin_fn("strxfrm", |_, _, a, _| {
                crate::object::args::arity("strxfrm", a, 1, 1)?;
                let s = c_string(&a[0], "strxfrm() argument")?;
                // SAFETY: a NUL-terminated source; a buffer of the size
                // the first call reports.
                let n = unsafe { libc::strxfrm(std::ptr::null_mut(), s.as_ptr(), 0) };
                let mut buf = vec![0u8; n + 1];
                unsafe { libc::strxfrm(buf.as_mut_ptr().cast(), s.as_ptr(), n + 1) };
                buf.truncate(n);
                Ok(new_str(String::from_utf8_lossy(&buf).into_owned()))
            }),
        ),
        ("Error", error_class()),
        ("CHAR_MAX", Value::Int(127)),
    ];
    for (name, n) in CATEGORIES {
        attrs.push((name, Value::Int(*n as i64)));
    }
    for (name, n) in LANGINFO {
        attrs.push((name, Value::Int(*n as i64)));
    }
    make_module("_locale", attrs)
}
