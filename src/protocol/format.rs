//! The format-spec mini-language (`format(v, spec)`, f-strings'
//! `{v:spec}`), for int, bool, float and str as CPython 3.11 formats them;
//! instances use their `__format__`.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{type_name, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::Signed;

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    /// `z` (PEP 682): a negative zero after rounding prints as zero.
    coerce_zero: bool,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

impl Spec {
    /// The fill: the one given, else `0` with the `0` flag, else a space.
    fn fill_char(&self) -> char {
        self.fill.unwrap_or(if self.zero { '0' } else { ' ' })
    }

    /// The alignment: the one given, else `=` for a number (whose
    /// default is `>`) with the `0` flag (zeros go after the sign), else
    /// `default`.
    fn alignment(&self, default: char) -> char {
        self.align.unwrap_or(if self.zero && default == '>' {
            '='
        } else {
            default
        })
    }
}

fn parse_spec(s: &str, type_label: &str) -> PyResult<Spec> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut spec = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if chars.len() >= 2 && is_align(chars[1]) {
        spec.fill = Some(chars[0]);
        spec.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        spec.align = Some(chars[0]);
        i = 1;
    }
    if let Some(&c) = chars.get(i) {
        if matches!(c, '+' | '-' | ' ') {
            spec.sign = Some(c);
            i += 1;
        }
    }
    if chars.get(i) == Some(&'z') {
        spec.coerce_zero = true;
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        spec.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        spec.zero = true;
        i += 1;
    }
    let start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i > start {
        let w: String = chars[start..i].iter().collect();
        // (At most Py_ssize_t's maximum, as CPython's `get_integer`.)
        spec.width = w.parse::<i64>().map(|w| w as usize).map_err(|_| {
            crate::object::exceptions::PyErr::new(
                ExcKind::ValueError,
                "Too many decimal digits in format string",
            )
        })?;
    }
    if let Some(&c) = chars.get(i) {
        if c == ',' || c == '_' {
            spec.grouping = Some(c);
            i += 1;
            // A second separator: CPython 3.11.7's messages.
            match chars.get(i) {
                Some(&d) if d == c => {
                    return raise(
                        ExcKind::ValueError,
                        format!("Cannot specify '{c}' with '{c}'."),
                    );
                }
                Some(',' | '_') => {
                    return raise(ExcKind::ValueError, "Cannot specify both ',' and '_'.");
                }
                _ => {}
            }
        }
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        let start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return raise(ExcKind::ValueError, "Format specifier missing precision");
        }
        let p: String = chars[start..i].iter().collect();
        spec.precision = Some(p.parse::<i64>().map(|p| p as usize).map_err(|_| {
            crate::object::exceptions::PyErr::new(
                ExcKind::ValueError,
                "Too many decimal digits in format string",
            )
        })?);
    }
    if let Some(&c) = chars.get(i) {
        spec.ty = Some(c);
        i += 1;
    }
    if i != chars.len() {
        return raise(
            ExcKind::ValueError,
            format!("Invalid format specifier '{s}' for object of type '{type_label}'"),
        );
    }
    if spec.grouping.is_some() && spec.ty == Some('n') {
        return raise(
            ExcKind::ValueError,
            format!(
                "Cannot specify '{}' with 'n'.",
                spec.grouping.unwrap_or(',')
            ),
        );
    }
    Ok(spec)
}

/// `format(v, spec)`.
pub fn format_value(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    if crate::object::classes::is_instance(v) || matches!(v.as_obj(), Some(Object::Native(_))) {
        let r = crate::object::classes::call_dunder(
            vm,
            v,
            "__format__",
            &[crate::object::heap::new_str(spec)],
        )?;
        return match r {
            Some(r) => match crate::object::heap::as_str(&r) {
                Some(s) => Ok(s.to_string()),
                None => raise(
                    ExcKind::TypeError,
                    format!("__format__ must return a str, not {}", type_name(&r)),
                ),
            },
            None if spec.is_empty() => crate::protocol::repr::str_of(vm, v),
            None => raise(
                ExcKind::TypeError,
                format!(
                    "unsupported format string passed to {}.__format__",
                    type_name(v)
                ),
            ),
        };
    }
    match v {
        Value::Bool(_) if spec.is_empty() => crate::protocol::repr::str_of(vm, v),
        Value::Float(f) => format_float(*f, &parse_spec(spec, "float")?),
        Value::Obj(o) if matches!(o.get(), Object::Complex(_)) => {
            let Object::Complex(c) = o.get() else {
                unreachable!()
            };
            format_complex(c.re, c.im, &parse_spec(spec, "complex")?)
        }
        _ => match (int_of(v), v.as_obj()) {
            (Some(i), _) => format_int(&i, &parse_spec(spec, "int")?),
            (None, Some(Object::Str(s))) => format_str(&s.text, &parse_spec(spec, "str")?),
            _ if spec.is_empty() => crate::protocol::repr::str_of(vm, v),
            _ => raise(
                ExcKind::TypeError,
                format!(
                    "unsupported format string passed to {}.__format__",
                    type_name(v)
                ),
            ),
        },
    }
}

/// Pads `body` (whose sign/prefix part is `prefix`) to the width.
fn pad(prefix: &str, body: &str, spec: &Spec, default_align: char) -> PyResult<String> {
    let len = prefix.chars().count() + body.chars().count();
    let align = spec.alignment(default_align);
    let fill = spec.fill_char();
    if len >= spec.width {
        return Ok(format!("{prefix}{body}"));
    }
    let n = spec.width - len;
    let fills = |k: usize| crate::types::string::filled(fill, k);
    Ok(match align {
        '<' => format!("{prefix}{body}{}", fills(n)?),
        '^' => format!("{}{prefix}{body}{}", fills(n / 2)?, fills(n - n / 2)?),
        '=' => format!("{prefix}{}{body}", fills(n)?),
        _ => format!("{}{prefix}{body}", fills(n)?),
    })
}

/// Places after the point beyond which every `f64`'s exact decimal
/// expansion has only zeros (the smallest subnormal has 1,074), and
/// significant digits beyond which the same holds (at most 767).
const EXACT_PLACES: usize = 1100;
const EXACT_DIGITS: usize = 800;

/// `x` with `p` digits after the point, for any `p` (Rust's formatter
/// takes at most 65,535): the exact digits, then zeros.
fn fixed(x: f64, p: usize) -> PyResult<String> {
    if p <= EXACT_PLACES {
        return Ok(format!("{x:.p$}"));
    }
    let mut s = format!("{x:.EXACT_PLACES$}");
    s.push_str(&crate::types::string::filled('0', p - EXACT_PLACES)?);
    Ok(s)
}

fn sign_prefix(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// Inserts `sep` every `every` digits from the right of `digits`.
fn group(digits: &str, sep: char, every: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (k, c) in chars.iter().enumerate() {
        if k > 0 && (chars.len() - k).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

/// Zero padding with grouping pads the digits themselves, as CPython.
fn grouped_zero_pad(
    digits: String,
    spec: &Spec,
    prefix_len: usize,
    sep: char,
    every: usize,
) -> String {
    let mut g = group(&digits, sep, every);
    // Zeros that pad after the sign are digits, and grouped.
    if spec.fill_char() == '0' && spec.alignment('>') == '=' {
        let mut d = digits;
        while g.chars().count() + prefix_len < spec.width {
            d.insert(0, '0');
            g = group(&d, sep, every);
        }
    }
    g
}

fn format_int(i: &IntVal<'_>, spec: &Spec) -> PyResult<String> {
    let big: BigInt = match i {
        IntVal::Small(n) => BigInt::from(*n),
        IntVal::Big(b) => (*b).clone(),
    };
    let ty = spec.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = num_traits::ToPrimitive::to_f64(&big).unwrap_or(f64::INFINITY);
        return format_float(f, spec);
    }
    if spec.precision.is_some() {
        return raise(
            ExcKind::ValueError,
            "Precision not allowed in integer format specifier",
        );
    }
    if spec.coerce_zero {
        return raise(
            ExcKind::ValueError,
            "Negative zero coercion (z) not allowed in integer format specifier",
        );
    }
    if ty == 'c' {
        if let Some(sep) = spec.grouping {
            return raise(
                ExcKind::ValueError,
                format!("Cannot specify '{sep}' with 'c'."),
            );
        }
        if spec.alternate {
            return raise(
                ExcKind::ValueError,
                "Alternate form (#) not allowed with integer format specifier 'c'",
            );
        }
        if spec.sign.is_some() {
            return raise(
                ExcKind::ValueError,
                "Sign not allowed with integer format specifier 'c'",
            );
        }
        let c = num_traits::ToPrimitive::to_u32(&big)
            .and_then(char::from_u32)
            .ok_or_else(|| {
                crate::object::exceptions::PyErr::new(
                    ExcKind::OverflowError,
                    "%c arg not in range(0x110000)",
                )
            })?;
        return pad("", &c.to_string(), spec, '>');
    }
    let negative = big.is_negative();
    let mag = big.abs();
    let (digits, prefix, every) = match ty {
        'd' | 'n' => (crate::protocol::repr::decimal(&mag)?, "", 3),
        'b' => (mag.to_str_radix(2), "0b", 4),
        'o' => (mag.to_str_radix(8), "0o", 4),
        'x' => (mag.to_str_radix(16), "0x", 4),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X", 4),
        _ => {
            return raise(
                ExcKind::ValueError,
                format!("Unknown format code '{ty}' for object of type 'int'"),
            )
        }
    };
    let mut pre = sign_prefix(negative, spec).to_string();
    if spec.alternate {
        pre.push_str(prefix);
    }
    let body = match spec.grouping {
        Some(',') if ty != 'd' && ty != 'n' => {
            return raise(
                ExcKind::ValueError,
                format!("Cannot specify ',' with '{ty}'."),
            )
        }
        Some(sep) => grouped_zero_pad(digits, spec, pre.chars().count(), sep, every),
        None => digits,
    };
    pad(&pre, &body, spec, '>')
}

/// Digits of `x` rounded to `p` significant digits, and the decimal
/// exponent of the first: `x ≈ d.ddd × 10^exp`.
fn sci_parts(x: f64, p: usize) -> (String, i32) {
    let q = p.saturating_sub(1).min(EXACT_DIGITS);
    let s = format!("{:.*e}", q, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let mut digits = m.replace('.', "");
    // Past the exact digits there are only zeros (a huge precision).
    let want = p.max(1);
    if digits.len() < want {
        digits.extend(std::iter::repeat_n('0', want - digits.len()));
    }
    (digits, e.parse().unwrap_or(0))
}

fn exp_suffix(e: i32, upper: bool) -> String {
    format!(
        "{}{}{:02}",
        if upper { 'E' } else { 'e' },
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

/// 'g' formatting of a finite non-negative `x` with `p` significant
/// digits; `keep_zeros` for the alternate form, `always_point` for the
/// format without a type (at least one digit after a fixed-point `.`).
fn general(x: f64, p: usize, upper: bool, keep_zeros: bool, always_point: bool) -> String {
    let p = p.max(1);
    let (digits, exp) = sci_parts(x, p);
    let strip = |s: String| -> String {
        if keep_zeros || !s.contains('.') {
            s
        } else {
            let t = s.trim_end_matches('0');
            t.strip_suffix('.').unwrap_or(t).to_string()
        }
    };
    // Without a type, fixed notation must keep a digit after the point,
    // so it switches to exponents one digit earlier (CPython's
    // Py_DTSF_ADD_DOT_0).
    let limit = if always_point { p as i64 - 1 } else { p as i64 };
    if -4 <= exp && (exp as i64) < limit {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let mut s = strip(format!("{x:.decimals$}"));
        if always_point && !s.contains('.') {
            s.push_str(".0");
        }
        if keep_zeros && !s.contains('.') {
            s.push('.');
        }
        s
    } else {
        let mut m = digits[..1].to_string();
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let mut m = strip(m);
        if keep_zeros && !m.contains('.') {
            m.push('.');
        }
        format!("{m}{}", exp_suffix(exp, upper))
    }
}

fn format_float(x: f64, spec: &Spec) -> PyResult<String> {
    // (The precision is a C int in CPython's float formatting.)
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return raise(ExcKind::ValueError, "precision too big");
    }
    let ty = spec.ty;
    if let Some(t) = ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            return raise(
                ExcKind::ValueError,
                format!("Unknown format code '{t}' for object of type 'float'"),
            );
        }
    }
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let mut negative = x.is_sign_negative() && !x.is_nan();
    let a = x.abs();
    let mut body = if !a.is_finite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        let s = if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        };
        if ty == Some('%') {
            format!("{s}%")
        } else {
            s
        }
    } else {
        match ty {
            Some('f' | 'F') => {
                let p = spec.precision.unwrap_or(6);
                let mut s = fixed(a, p)?;
                if spec.alternate && p == 0 {
                    s.push('.');
                }
                s
            }
            Some('%') => {
                let p = spec.precision.unwrap_or(6);
                let mut s = fixed(a * 100.0, p)?;
                if spec.alternate && p == 0 {
                    s.push('.');
                }
                s.push('%');
                s
            }
            Some('e' | 'E') => {
                let p = spec.precision.unwrap_or(6);
                let (digits, exp) = sci_parts(a, p + 1);
                let mut m = digits[..1].to_string();
                if p > 0 || spec.alternate {
                    m.push('.');
                }
                m.push_str(&digits[1..]);
                format!("{m}{}", exp_suffix(exp, upper))
            }
            Some('g' | 'G' | 'n') => {
                general(a, spec.precision.unwrap_or(6), upper, spec.alternate, false)
            }
            _ => match spec.precision {
                Some(p) => general(a, p, false, spec.alternate, true),
                None if spec.alternate => {
                    // `repr`'s digits with the point kept (`1.e-07`).
                    let r = taipan_bytecode::pyrepr::repr_float(a);
                    match r.find('e') {
                        Some(at) if !r[..at].contains('.') => format!("{}.{}", &r[..at], &r[at..]),
                        _ => r,
                    }
                }
                None => taipan_bytecode::pyrepr::repr_float(a),
            },
        }
    };
    if negative
        && spec.coerce_zero
        && a.is_finite()
        && !body.bytes().any(|b| matches!(b, b'1'..=b'9'))
    {
        // `z`: what rounded to zero prints without its sign.
        negative = false;
    }
    if let Some(sep) = spec.grouping.filter(|_| a.is_finite()) {
        let split = body
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len());
        let (int_part, rest) = body.split_at(split);
        let pre_len = sign_prefix(negative, spec).len() + rest.chars().count();
        let g = grouped_zero_pad(int_part.to_string(), spec, pre_len, sep, 3);
        body = format!("{g}{rest}");
    }
    pad(sign_prefix(negative, spec), &body, spec, '>')
}

/// `format(complex, spec)`, as CPython's `format_complex_internal`: each
/// part formatted as a float (the imaginary one always signed when the
/// real one is shown), in parentheses when no type is given, then padded
/// as a whole.
fn format_complex(re: f64, im: f64, spec: &Spec) -> PyResult<String> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return raise(ExcKind::ValueError, "precision too big");
    }
    if spec.fill_char() == '0' {
        return raise(
            ExcKind::ValueError,
            "Zero padding is not allowed in complex format specifier",
        );
    }
    if spec.align == Some('=') {
        return raise(
            ExcKind::ValueError,
            "'=' alignment flag is not allowed in complex format specifier",
        );
    }
    if let Some(t) = spec.ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
            return raise(
                ExcKind::ValueError,
                format!("Unknown format code '{t}' for object of type 'complex'"),
            );
        }
    }
    let bare = spec.ty.is_none();
    // No type: `repr`'s digits (no `.0`), or `g` with a precision.
    let part = |x: f64, sign: Option<char>| -> PyResult<String> {
        let ty = match (spec.ty, spec.precision) {
            (None, Some(_)) => Some('g'),
            (t, _) => t,
        };
        let one = Spec {
            fill: None,
            align: None,
            sign,
            coerce_zero: spec.coerce_zero,
            alternate: spec.alternate,
            zero: false,
            width: 0,
            grouping: spec.grouping,
            precision: spec.precision,
            ty,
        };
        let mut text = format_float(x, &one)?;
        if bare && spec.precision.is_none() {
            // `#` keeps the point: `3.`.
            let point = if spec.alternate { "." } else { "" };
            if let Some(stripped) = text.strip_suffix(".0") {
                text = format!("{stripped}{point}");
            }
        }
        Ok(text)
    };
    let skip_real = bare && re == 0.0 && re.is_sign_positive();
    let body = if skip_real {
        format!("{}j", part(im, spec.sign)?)
    } else {
        let r = part(re, spec.sign)?;
        let i = part(im, Some('+'))?;
        format!("{r}{i}j")
    };
    let body = if bare && !skip_real {
        format!("({body})")
    } else {
        body
    };
    pad("", &body, spec, '>')
}

fn format_str(s: &str, spec: &Spec) -> PyResult<String> {
    if let Some(t) = spec.ty {
        if t != 's' {
            return raise(
                ExcKind::ValueError,
                format!("Unknown format code '{t}' for object of type 'str'"),
            );
        }
    }
    if spec.sign.is_some() {
        return raise(
            ExcKind::ValueError,
            "Sign not allowed in string format specifier",
        );
    }
    if spec.coerce_zero {
        return raise(
            ExcKind::ValueError,
            "Negative zero coercion (z) not allowed in string format specifier",
        );
    }
    if spec.alternate {
        return raise(
            ExcKind::ValueError,
            "Alternate form (#) not allowed in string format specifier",
        );
    }
    if spec.align == Some('=') {
        return raise(
            ExcKind::ValueError,
            "'=' alignment not allowed in string format specifier",
        );
    }
    if spec.grouping.is_some() {
        return raise(ExcKind::ValueError, "Cannot specify ',' with 's'.");
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    pad("", &body, spec, '<')
}

/// `ascii(v)`: `repr(v)` with non-ASCII characters escaped.
pub fn ascii(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let r = crate::protocol::repr::repr(vm, v)?;
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    Ok(out)
}

/// `template % args`: printf-style formatting, as CPython's
/// `PyUnicode_Format`.
pub fn percent(vm: &mut Vm, template: &str, args: &Value) -> PyResult<String> {
    percent_impl(vm, template, args, false)
}

/// `bytes % args` (PEP 461): the same formatting over bytes (each byte
/// one character of the template), `%s`/`%b` taking bytes-like values
/// or `__bytes__`, `%r`/`%a` giving `ascii()`, `%c` one byte.
pub fn percent_bytes(vm: &mut Vm, template: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    let text: String = template.iter().map(|&b| b as char).collect();
    let out = percent_impl(vm, &text, args, true)?;
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

/// The bytes `%s`/`%b` formats `v` as, as Latin-1 characters.
fn bytes_piece(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(b) = crate::types::bytes::bytes_of(v) {
        return Ok(b.iter().map(|&b| b as char).collect());
    }
    let cls = crate::object::classes::type_value(v);
    if let Some(f) = crate::object::classes::lookup(&cls, "__bytes__") {
        let r = crate::protocol::call(vm, &f, std::slice::from_ref(v), &[])?;
        if let Some(Object::Bytes(b)) = r.as_obj() {
            return Ok(b.iter().map(|&b| b as char).collect());
        }
        return raise(
            ExcKind::TypeError,
            format!("__bytes__ returned non-bytes (type {})", type_name(&r)),
        );
    }
    raise(
        ExcKind::TypeError,
        format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            type_name(v)
        ),
    )
}

fn percent_impl(vm: &mut Vm, template: &str, args: &Value, bytes_mode: bool) -> PyResult<String> {
    let unwrapped = crate::object::instance::unwrap(args);
    let (items, mapping): (Vec<Value>, Option<&Value>) = match unwrapped.as_obj() {
        // A tuple (or an instance of a subclass: a named tuple) is the
        // arguments; any other mapping is looked up by key, as CPython's
        // `PyMapping_Check`.
        Some(Object::Tuple(t)) => (t.clone(), None),
        Some(Object::Dict(_)) => (vec![args.clone()], Some(args)),
        Some(Object::Instance(_))
            if crate::object::classes::lookup(
                &crate::object::classes::type_value(args),
                "__getitem__",
            )
            .is_some() =>
        {
            (vec![args.clone()], Some(args))
        }
        _ => (vec![args.clone()], None),
    };
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut next = 0usize;
    let mut used_mapping = false;
    let mut i = 0;
    let take = |next: &mut usize| -> PyResult<Value> {
        let v = items.get(*next).cloned();
        *next += 1;
        v.ok_or_else(|| {
            crate::object::exceptions::PyErr::new(
                ExcKind::TypeError,
                "not enough arguments for format string",
            )
        })
    };
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let conversion_start = i;
        let mut key_value = None;
        if chars.get(i) == Some(&'(') {
            let Some(m) = mapping else {
                return raise(ExcKind::TypeError, "format requires a mapping");
            };
            let mut depth = 1;
            let k0 = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return raise(ExcKind::ValueError, "incomplete format key");
            }
            let key: String = chars[k0..i - 1].iter().collect();
            let key = if bytes_mode {
                crate::types::bytes::make(key.chars().map(|c| c as u32 as u8).collect(), false)
            } else {
                crate::object::heap::new_str(key)
            };
            key_value = Some(crate::protocol::getitem(vm, m, &key)?);
            used_mapping = true;
        }
        let mut spec = Spec::default();
        while let Some(&c) = chars.get(i) {
            match c {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                '#' => spec.alternate = true,
                '0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        if chars.get(i) == Some(&'*') {
            let w = take(&mut next)?;
            match int_of(&w) {
                Some(IntVal::Small(n)) => {
                    if n < 0 {
                        spec.align = Some('<');
                    }
                    spec.width = n.unsigned_abs() as usize;
                }
                Some(IntVal::Big(_)) => {
                    return raise(
                        ExcKind::OverflowError,
                        "Python int too large to convert to C ssize_t",
                    )
                }
                _ => return raise(ExcKind::TypeError, "* wants int"),
            }
            i += 1;
        } else {
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                // (A Py_ssize_t in CPython.)
                if spec.width > (i64::MAX as usize - d as usize) / 10 {
                    return raise(ExcKind::ValueError, "width too big");
                }
                spec.width = spec.width * 10 + d as usize;
                i += 1;
            }
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut p = 0usize;
            if chars.get(i) == Some(&'*') {
                let w = take(&mut next)?;
                // (A C int in CPython.)
                p = match int_of(&w) {
                    Some(IntVal::Small(n)) if i32::try_from(n).is_ok() => n.max(0) as usize,
                    Some(_) => {
                        return raise(
                            ExcKind::OverflowError,
                            "Python int too large to convert to C int",
                        )
                    }
                    _ => return raise(ExcKind::TypeError, "* wants int"),
                };
                i += 1;
            } else {
                while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    if p > (i32::MAX as usize - d as usize) / 10 {
                        return raise(ExcKind::ValueError, "precision too big");
                    }
                    p = p * 10 + d as usize;
                    i += 1;
                }
            }
            // CPython's `formatlong` leaves room for a sign and a prefix.
            let integer = matches!(chars.get(i), Some('d' | 'i' | 'u' | 'x' | 'X' | 'o'));
            if integer && p > i32::MAX as usize - 3 {
                return raise(ExcKind::OverflowError, "precision too large");
            }
            spec.precision = Some(p);
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&ty) = chars.get(i) else {
            return raise(ExcKind::ValueError, "incomplete format");
        };
        i += 1;
        if ty == '%' && i - 1 == conversion_start {
            out.push('%');
            continue;
        }
        if spec.align == Some('<') {
            spec.zero = false;
        }
        let value = match key_value.take() {
            Some(v) => v,
            None => take(&mut next)?,
        };
        let piece = match ty {
            's' | 'r' | 'a' | 'b' if bytes_mode || ty != 'b' => {
                let s = match ty {
                    's' | 'b' if bytes_mode => bytes_piece(vm, &value)?,
                    'r' if bytes_mode => ascii(vm, &value)?,
                    's' => crate::protocol::repr::str_of(vm, &value)?,
                    'r' => crate::protocol::repr::repr(vm, &value)?,
                    _ => ascii(vm, &value)?,
                };
                spec.zero = false;
                spec.alternate = false;
                spec.sign = None;
                // printf pads on the left unless the '-' flag is given.
                spec.align.get_or_insert('>');
                format_str(&s, &spec)?
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let iv = match (&value, int_of(&value)) {
                    (_, Some(iv)) => crate::protocol::ops::int_value(match iv {
                        IntVal::Small(n) => BigInt::from(n),
                        IntVal::Big(b) => b.clone(),
                    }),
                    (Value::Float(f), None) if matches!(ty, 'd' | 'i' | 'u') => {
                        if f.is_nan() {
                            return raise(
                                ExcKind::ValueError,
                                "cannot convert float NaN to integer",
                            );
                        }
                        if f.is_infinite() {
                            return raise(
                                ExcKind::OverflowError,
                                "cannot convert float infinity to integer",
                            );
                        }
                        crate::protocol::ops::int_value(
                            num_traits::FromPrimitive::from_f64(f.trunc()).unwrap_or_default(),
                        )
                    }
                    _ => {
                        let what = if matches!(ty, 'd' | 'i' | 'u') {
                            "a real number is required"
                        } else {
                            "an integer is required"
                        };
                        return raise(
                            ExcKind::TypeError,
                            format!("%{ty} format: {what}, not {}", type_name(&value)),
                        );
                    }
                };
                let big: BigInt = match int_of(&iv) {
                    Some(IntVal::Small(n)) => BigInt::from(n),
                    Some(IntVal::Big(b)) => b.clone(),
                    None => BigInt::default(),
                };
                let mag = big.abs();
                let (mut digits, prefix) = match ty {
                    'x' => (mag.to_str_radix(16), "0x"),
                    'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
                    'o' => (mag.to_str_radix(8), "0o"),
                    _ => (crate::protocol::repr::decimal(&mag)?, ""),
                };
                if let Some(p) = spec.precision {
                    if digits.len() < p {
                        digits = format!(
                            "{}{digits}",
                            crate::types::string::filled('0', p - digits.len())?
                        );
                    }
                }
                let mut pre = sign_prefix(big.is_negative(), &spec).to_string();
                if spec.alternate {
                    pre.push_str(prefix);
                }
                pad(&pre, &digits, &spec, '>')?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match crate::object::instance::unwrap(&value) {
                    Value::Float(f) => *f,
                    v => match int_of(v) {
                        Some(IntVal::Small(n)) => n as f64,
                        Some(IntVal::Big(b)) => {
                            num_traits::ToPrimitive::to_f64(b).unwrap_or(f64::INFINITY)
                        }
                        None => {
                            return raise(
                                ExcKind::TypeError,
                                format!("must be real number, not {}", type_name(v)),
                            )
                        }
                    },
                };
                spec.ty = Some(ty);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                format_float(f, &spec)?
            }
            'c' if bytes_mode => {
                let c = match (&value, crate::types::bytes::bytes_of(&value)) {
                    (_, Some(b)) if b.len() == 1 => b[0] as char,
                    (v, _) => match int_of(v) {
                        Some(IntVal::Small(n)) if (0..256).contains(&n) => n as u8 as char,
                        Some(_) => {
                            return raise(ExcKind::OverflowError, "%c arg not in range(256)")
                        }
                        None => {
                            return raise(
                                ExcKind::TypeError,
                                "%c requires an integer in range(256) or a single byte",
                            )
                        }
                    },
                };
                spec.zero = false;
                spec.align.get_or_insert('>');
                format_str(
                    &c.to_string(),
                    &Spec {
                        precision: None,
                        sign: None,
                        alternate: false,
                        ..spec
                    },
                )?
            }
            'c' => {
                let c = match (&value, as_str_len1(&value)) {
                    (_, Some(c)) => c,
                    (v, None) => match int_of(v) {
                        Some(IntVal::Small(n)) if (0..0x110000).contains(&n) => {
                            // (A lone surrogate, as strings hold them.)
                            char::from_u32(n as u32).unwrap_or('\u{FFFD}')
                        }
                        Some(_) => {
                            return raise(ExcKind::OverflowError, "%c arg not in range(0x110000)")
                        }
                        _ => return raise(ExcKind::TypeError, "%c requires int or char"),
                    },
                };
                spec.zero = false;
                spec.align.get_or_insert('>');
                format_str(
                    &c.to_string(),
                    &Spec {
                        precision: None,
                        sign: None,
                        alternate: false,
                        ..spec
                    },
                )?
            }
            other => {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "unsupported format character '{other}' ({:#x}) at index {}",
                        other as u32,
                        i - 1
                    ),
                )
            }
        };
        out.push_str(&piece);
    }
    if next < items.len() && !used_mapping && mapping.is_none() {
        return raise(
            ExcKind::TypeError,
            if bytes_mode {
                "not all arguments converted during bytes formatting"
            } else {
                "not all arguments converted during string formatting"
            },
        );
    }
    Ok(out)
}

fn as_str_len1(v: &Value) -> Option<char> {
    let s = crate::object::heap::as_str(v)?;
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}
