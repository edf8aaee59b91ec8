//! `_string`: the parsers of `str.format` strings that CPython 3.11's
//! `string.Formatter` uses — `formatter_parser` (literal text and
//! replacement fields) and `formatter_field_name_split` (`a.b[0]`).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{as_str, new_list, new_str, new_tuple};
use crate::object::value::Value;

/// The `_string` module.
pub fn module() -> Value {
    make_module(
        "_string",
        vec![
            (
                "formatter_parser",
                builtin_fn("formatter_parser", |vm, _, a, _| {
                    let Some(s) = a.first().and_then(as_str) else {
                        return raise(ExcKind::TypeError, "expected str");
                    };
                    let items = parse(s)?;
                    let list = new_list(items);
                    crate::protocol::get_iter(vm, &list)
                }),
            ),
            (
                "formatter_field_name_split",
                builtin_fn("formatter_field_name_split", |vm, _, a, _| {
                    let Some(s) = a.first().and_then(as_str) else {
                        return raise(ExcKind::TypeError, "expected str");
                    };
                    let (first, rest) = split_field_name(s)?;
                    let rest = crate::protocol::get_iter(vm, &new_list(rest))?;
                    Ok(new_tuple(vec![first, rest]))
                }),
            ),
        ],
    )
}

fn opt(s: Option<String>) -> Value {
    s.map_or(Value::None, new_str)
}

/// `formatter_parser(s)`: (literal, field name, spec, conversion) per
/// piece, as CPython's `MarkupIterator`.
fn parse(s: &str) -> PyResult<Vec<Value>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut literal = String::new();
        let mut field = None;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' || c == '}' {
                if chars.get(i + 1) == Some(&c) {
                    literal.push(c);
                    i += 2;
                    // CPython ends the piece after a doubled brace.
                    break;
                }
                if c == '}' {
                    return raise(
                        ExcKind::ValueError,
                        "Single '}' encountered in format string",
                    );
                }
                // A field: up to its matching '}'.
                let start = i + 1;
                let mut depth = 1;
                let mut j = start;
                while j < chars.len() {
                    match chars[j] {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if j >= chars.len() {
                    let msg = if depth > 1 {
                        "unmatched '{' in format spec"
                    } else if start >= chars.len() {
                        "Single '{' encountered in format string"
                    } else {
                        "expected '}' before end of string"
                    };
                    return raise(ExcKind::ValueError, msg);
                }
                field = Some(chars[start..j].iter().collect::<String>());
                i = j + 1;
                break;
            }
            literal.push(c);
            i += 1;
        }
        let (name, spec, conv) = match field {
            None => (None, None, None),
            Some(f) => split_field(&f)?,
        };
        out.push(new_tuple(vec![
            new_str(literal),
            opt(name),
            opt(spec),
            opt(conv),
        ]));
    }
    Ok(out)
}

/// A replacement field's name, spec ('' when absent) and conversion.
fn split_field(f: &str) -> PyResult<(Option<String>, Option<String>, Option<String>)> {
    // The name ends at '!' or ':' outside brackets.
    let chars: Vec<char> = f.chars().collect();
    let mut k = 0;
    let mut bracket = false;
    while k < chars.len() {
        match chars[k] {
            '[' => bracket = true,
            ']' => bracket = false,
            '!' | ':' if !bracket => break,
            _ => {}
        }
        k += 1;
    }
    let name: String = chars[..k].iter().collect();
    let mut conv = None;
    let mut spec = String::new();
    if k < chars.len() && chars[k] == '!' {
        let Some(&c) = chars.get(k + 1) else {
            return raise(
                ExcKind::ValueError,
                "end of string while looking for conversion specifier",
            );
        };
        conv = Some(c.to_string());
        k += 2;
        if k < chars.len() && chars[k] != ':' {
            return raise(
                ExcKind::ValueError,
                "expected ':' after conversion specifier",
            );
        }
    }
    if k < chars.len() && chars[k] == ':' {
        spec = chars[k + 1..].iter().collect();
    }
    Ok((Some(name), Some(spec), conv))
}

fn key_value(k: &str) -> Value {
    match k.parse::<i64>() {
        Ok(n) if !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) => Value::Int(n),
        _ => new_str(k),
    }
}

/// `formatter_field_name_split("a.b[0]")`: `("a", [(True, "b"), (False, 0)])`.
fn split_field_name(s: &str) -> PyResult<(Value, Vec<Value>)> {
    let end = s.find(['.', '[']).unwrap_or(s.len());
    let first = key_value(&s[..end]);
    let mut rest = Vec::new();
    let mut t = &s[end..];
    while !t.is_empty() {
        if let Some(after) = t.strip_prefix('.') {
            let e = after.find(['.', '[']).unwrap_or(after.len());
            if e == 0 {
                return raise(ExcKind::ValueError, "Empty attribute in format string");
            }
            rest.push(new_tuple(vec![Value::Bool(true), new_str(&after[..e])]));
            t = &after[e..];
        } else if let Some(after) = t.strip_prefix('[') {
            let Some(e) = after.find(']') else {
                return raise(ExcKind::ValueError, "Missing ']' in format string");
            };
            if e == 0 {
                return raise(ExcKind::ValueError, "Empty attribute in format string");
            }
            rest.push(new_tuple(vec![Value::Bool(false), key_value(&after[..e])]));
            t = &after[e + 1..];
            if !t.is_empty() && !t.starts_with(['.', '[']) {
                return raise(
                    ExcKind::ValueError,
                    "Only '.' or '[' may follow ']' in format field specifier",
                );
            }
        } else {
            return raise(
                ExcKind::ValueError,
                "Only '.' or '[' may follow ']' in format field specifier",
            );
        }
    }
    Ok((first, rest))
}
