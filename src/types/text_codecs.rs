//! The codecs `str.encode` and `bytes.decode` run natively — UTF-8,
//! ASCII and Latin-1 — with CPython's error handlers (`strict`,
//! `ignore`, `replace`, `backslashreplace`, `xmlcharrefreplace`,
//! `namereplace`). `_codecs` (`modules::codecs`) wraps them for
//! `encodings/*.py` and reaches the other codecs through the registry.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_str, Object};
use crate::object::value::Value;
use crate::vm::Vm;

pub(crate) fn escape_for(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

/// Encodes `text` to bytes, characters at or above `limit` (None: every
/// character encodes, as UTF-8) going through the error handler.
pub fn encode_text(text: &str, codec: &str, limit: Option<u32>, errors: &str) -> PyResult<Vec<u8>> {
    let Some(limit) = limit else {
        return Ok(text.as_bytes().to_vec());
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] as u32 >= limit {
            j += 1;
        }
        match errors {
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', j - i)),
            "backslashreplace" => {
                for &c in &chars[i..j] {
                    out.extend(escape_for(c).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &c in &chars[i..j] {
                    out.extend(format!("&#{};", c as u32).bytes());
                }
            }
            "namereplace" => {
                for &c in &chars[i..j] {
                    match unicode_names2::name(c) {
                        Some(n) => out.extend(format!("\\N{{{n}}}").bytes()),
                        None => out.extend(escape_for(c).bytes()),
                    }
                }
            }
            h if !HANDLERS.contains(&h) => {
                return raise(
                    ExcKind::LookupError,
                    format!("unknown error handler name '{h}'"),
                )
            }
            _ => {
                let what = if j - i == 1 {
                    format!("character '{}' in position {i}", escape_for(chars[i]))
                } else {
                    format!("characters in position {i}-{}", j - 1)
                };
                return raise(
                    ExcKind::UnicodeEncodeError,
                    format!("'{codec}' codec can't encode {what}: ordinal not in range({limit})"),
                );
            }
        }
        i = j;
    }
    Ok(out)
}

/// Decodes `data`; with `final` false an incomplete sequence at the end
/// is left for the next call. The text and the number of bytes used.
pub fn decode_bytes(
    data: &[u8],
    codec: &str,
    errors: &str,
    final_: bool,
) -> PyResult<(String, usize)> {
    match codec {
        "latin-1" => return Ok((data.iter().map(|&b| b as char).collect(), data.len())),
        "ascii" => {
            let mut out = String::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                    continue;
                }
                decode_error(
                    &mut out,
                    codec,
                    errors,
                    data,
                    i,
                    i + 1,
                    "ordinal not in range(128)",
                )?;
            }
            return Ok((out, data.len()));
        }
        _ => {}
    }
    let mut out = String::with_capacity(data.len());
    let mut at = 0;
    while at < data.len() {
        match std::str::from_utf8(&data[at..]) {
            Ok(s) => {
                out.push_str(s);
                at = data.len();
            }
            Err(e) => {
                let good = at + e.valid_up_to();
                // SAFETY-free: `valid_up_to` bytes are UTF-8.
                out.push_str(std::str::from_utf8(&data[at..good]).unwrap_or_default());
                match e.error_len() {
                    None if !final_ => return Ok((out, good)),
                    None => {
                        decode_error(
                            &mut out,
                            codec,
                            errors,
                            data,
                            good,
                            data.len(),
                            "unexpected end of data",
                        )?;
                        at = data.len();
                    }
                    Some(n) => {
                        let start = data[good];
                        let reason = if (0xc2..=0xf4).contains(&start) {
                            "invalid continuation byte"
                        } else {
                            "invalid start byte"
                        };
                        decode_error(&mut out, codec, errors, data, good, good + n, reason)?;
                        at = good + n;
                    }
                }
            }
        }
    }
    Ok((out, data.len()))
}

pub(crate) fn decode_error(
    out: &mut String,
    codec: &str,
    errors: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<()> {
    match errors {
        "ignore" => Ok(()),
        "replace" => {
            out.push('\u{fffd}');
            Ok(())
        }
        "backslashreplace" => {
            for b in &data[start..end] {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(())
        }
        h if !HANDLERS.contains(&h) => raise(
            ExcKind::LookupError,
            format!("unknown error handler name '{h}'"),
        ),
        _ => {
            let what = if end - start == 1 {
                format!("byte {:#04x} in position {start}", data[start])
            } else {
                format!("bytes in position {start}-{}", end - 1)
            };
            raise(
                ExcKind::UnicodeDecodeError,
                format!("'{codec}' codec can't decode {what}: {reason}"),
            )
        }
    }
}

/// The error handlers written in Rust.
pub(crate) const HANDLERS: &[&str] = &[
    "strict",
    "ignore",
    "replace",
    "backslashreplace",
    "xmlcharrefreplace",
    "namereplace",
    "surrogateescape",
    "surrogatepass",
];

/// The `_codecs` module object of this interpreter (its registries).
pub(crate) fn registry(vm: &mut Vm) -> PyResult<Value> {
    crate::protocol::import(vm, "_codecs")
}

pub(crate) fn attr(vm: &mut Vm, m: &Value, name: &str) -> PyResult<Value> {
    crate::protocol::getattr(vm, m, name)
}

/// CPython's `normalizestring`: lower case, spaces as hyphens.
pub(crate) fn normalize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// `codecs.lookup(encoding)`: the CodecInfo a search function returns
/// (the `encodings` package's, imported on first use), cached.
pub fn lookup_codec(vm: &mut Vm, encoding: &str) -> PyResult<Value> {
    let key = normalize(encoding);
    let m = registry(vm)?;
    let cache = attr(vm, &m, "_cache")?;
    if let Some(Object::Dict(d)) = cache.as_obj() {
        if let Some(v) = d.borrow().get_str(&key) {
            return Ok(v);
        }
    }
    let search = attr(vm, &m, "_search")?;
    let mut functions = match search.as_obj() {
        Some(Object::List(l)) => l.borrow().clone(),
        _ => Vec::new(),
    };
    if functions.is_empty() {
        // CPython imports `encodings` at start-up; Taipan when first needed.
        crate::protocol::import(vm, "encodings")?;
        if let Some(Object::List(l)) = search.as_obj() {
            functions = l.borrow().clone();
        }
    }
    for f in functions {
        let info = crate::protocol::call(vm, &f, &[new_str(key.clone())], &[])?;
        if matches!(info, Value::None) {
            continue;
        }
        let ok = matches!(crate::object::instance::unwrap(&info).as_obj(), Some(Object::Tuple(t)) if t.len() == 4);
        if !ok {
            return raise(
                ExcKind::TypeError,
                "codec search functions must return 4-tuples",
            );
        }
        if let Some(Object::Dict(d)) = cache.as_obj() {
            d.borrow_mut().set_str(&key, info.clone());
        }
        return Ok(info);
    }
    raise(
        ExcKind::LookupError,
        format!("unknown encoding: {encoding}"),
    )
}
