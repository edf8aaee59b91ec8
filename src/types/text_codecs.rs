//! The codecs `str.encode` and `bytes.decode` run natively — UTF-8,
//! ASCII and Latin-1 — with CPython's error handlers (`strict`,
//! `ignore`, `replace`, `backslashreplace`, `xmlcharrefreplace`,
//! `namereplace`). `_codecs` (`modules::codecs`) wraps them for
//! `encodings/*.py` and reaches the other codecs through the registry.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_str, Object, PyStr};
use crate::object::surrogates::{is_surrogate, StrBuilder};
use crate::object::value::Value;
use crate::vm::Vm;

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN` for code point `n`.
pub(crate) fn escape_for(n: u32) -> String {
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

/// Encodes the str `s` to bytes, characters at or above `limit` (None:
/// every character but a surrogate encodes, as UTF-8) going through the
/// error handler.
pub fn encode_str(s: &PyStr, codec: &str, limit: Option<u32>, errors: &str) -> PyResult<Vec<u8>> {
    if limit.is_none() && s.selector() == 0 {
        return Ok(s.text.as_bytes().to_vec());
    }
    let cps: Vec<u32> = s.code_points().collect();
    encode_code_points(&cps, codec, limit, errors)
}

/// Encodes `text` (no surrogates) as [`encode_str`] does.
pub fn encode_text(text: &str, codec: &str, limit: Option<u32>, errors: &str) -> PyResult<Vec<u8>> {
    if limit.is_none() {
        return Ok(text.as_bytes().to_vec());
    }
    let cps: Vec<u32> = text.chars().map(|c| c as u32).collect();
    encode_code_points(&cps, codec, limit, errors)
}

/// Can `cp` be encoded by the codec whose first unencodable code point is
/// `limit` (None: UTF-8, where only surrogates cannot)?
fn encodable(cp: u32, limit: Option<u32>) -> bool {
    match limit {
        Some(limit) => cp < limit,
        None => !is_surrogate(cp),
    }
}

fn encode_code_points(
    cps: &[u32],
    codec: &str,
    limit: Option<u32>,
    errors: &str,
) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        let cp = cps[i];
        if encodable(cp, limit) {
            match limit {
                Some(_) => out.push(cp as u8),
                None => {
                    let mut buf = [0u8; 4];
                    let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
            i += 1;
            continue;
        }
        let mut j = i;
        while j < cps.len() && !encodable(cps[j], limit) {
            j += 1;
        }
        let bad = &cps[i..j];
        let escaped = escape_for;
        match errors {
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', j - i)),
            "backslashreplace" => {
                for &cp in bad {
                    out.extend(escaped(cp).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &cp in bad {
                    out.extend(format!("&#{cp};").bytes());
                }
            }
            "namereplace" => {
                for &cp in bad {
                    match char::from_u32(cp).and_then(unicode_names2::name) {
                        Some(n) => out.extend(format!("\\N{{{n}}}").bytes()),
                        None => out.extend(escaped(cp).bytes()),
                    }
                }
            }
            "surrogateescape" if bad.iter().all(|cp| (0xDC80..=0xDCFF).contains(cp)) => {
                out.extend(bad.iter().map(|cp| (cp - 0xDC00) as u8));
            }
            "surrogatepass" if limit.is_none() && bad.iter().all(|&cp| is_surrogate(cp)) => {
                for &cp in bad {
                    out.push(0xE0 | (cp >> 12) as u8);
                    out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
                    out.push(0x80 | (cp & 0x3F) as u8);
                }
            }
            h if !HANDLERS.contains(&h) => {
                return raise(
                    ExcKind::LookupError,
                    format!("unknown error handler name '{h}'"),
                )
            }
            _ => {
                // CPython reports the run of characters the handler failed
                // on: the first one alone for surrogateescape/surrogatepass.
                let j = if matches!(errors, "surrogateescape" | "surrogatepass") {
                    i + 1
                } else {
                    j
                };
                let reason = match limit {
                    Some(limit) => format!("ordinal not in range({limit})"),
                    None => "surrogates not allowed".to_string(),
                };
                // (`str()` of the error says which characters:
                // `unicode_error_str`.)
                return Err(crate::object::exceptions::PyErr::with_args(
                    ExcKind::UnicodeEncodeError,
                    vec![
                        new_str(codec),
                        Value::obj(crate::object::heap::NewObject::Str(
                            crate::object::heap::PyStr::from_code_points(cps.iter().copied()),
                        )),
                        Value::Int(i as i64),
                        Value::Int(j as i64),
                        new_str(reason),
                    ],
                ));
            }
        }
        i = j;
    }
    Ok(out)
}

/// A name from the operating system as a str: UTF-8 with the
/// `surrogateescape` handler (PEP 383), as `os.fsdecode` on Linux.
pub fn fs_decode(data: &[u8]) -> PyStr {
    match std::str::from_utf8(data) {
        Ok(text) => PyStr::new(text.to_string()),
        Err(_) => match decode_bytes(data, "utf-8", "surrogateescape", true) {
            Ok((s, _)) => s,
            Err(_) => PyStr::new(String::from_utf8_lossy(data).into_owned()),
        },
    }
}

/// A str as a name for the operating system (`os.fsencode`): its bytes
/// with `surrogateescape`, or UnicodeEncodeError.
pub fn fs_encode(s: &PyStr) -> PyResult<std::borrow::Cow<'_, [u8]>> {
    if s.selector() == 0 {
        return Ok(std::borrow::Cow::Borrowed(s.text.as_bytes()));
    }
    encode_str(s, "utf-8", None, "surrogateescape").map(std::borrow::Cow::Owned)
}

/// Decodes `data`; with `final` false an incomplete sequence at the end
/// is left for the next call. The str and the number of bytes used.
pub fn decode_bytes(
    data: &[u8],
    codec: &str,
    errors: &str,
    final_: bool,
) -> PyResult<(PyStr, usize)> {
    let (b, used) = decode_to_builder(data, codec, errors, final_)?;
    Ok((b.finish(), used))
}

/// [`decode_bytes`] into a builder.
pub fn decode_to_builder(
    data: &[u8],
    codec: &str,
    errors: &str,
    final_: bool,
) -> PyResult<(StrBuilder, usize)> {
    match codec {
        "latin-1" => {
            let text: String = data.iter().map(|&b| b as char).collect();
            let mut out = StrBuilder::with_capacity(text.len());
            out.push_str(&text);
            return Ok((out, data.len()));
        }
        "ascii" => {
            let mut out = StrBuilder::with_capacity(data.len());
            let mut i = 0;
            while i < data.len() {
                let run = data[i..].iter().take_while(|b| **b < 0x80).count();
                // SAFETY-free: ASCII bytes are UTF-8.
                out.push_str(std::str::from_utf8(&data[i..i + run]).unwrap_or_default());
                i += run;
                if i < data.len() {
                    decode_error(
                        &mut out,
                        codec,
                        errors,
                        data,
                        i,
                        i + 1,
                        "ordinal not in range(128)",
                    )?;
                    i += 1;
                }
            }
            return Ok((out, data.len()));
        }
        _ => {}
    }
    let mut out = StrBuilder::with_capacity(data.len());
    let mut at = 0;
    while at < data.len() {
        match std::str::from_utf8(&data[at..]) {
            Ok(s) => {
                out.push_str(s);
                at = data.len();
            }
            Err(e) => {
                let good = at + e.valid_up_to();
                out.push_str(std::str::from_utf8(&data[at..good]).unwrap_or_default());
                if errors == "surrogatepass" {
                    if let Some(cp) = encoded_surrogate(&data[good..]) {
                        out.push_code_point(cp);
                        at = good + 3;
                        continue;
                    }
                }
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

/// The surrogate whose three-byte generalized UTF-8 form starts `b`.
fn encoded_surrogate(b: &[u8]) -> Option<u32> {
    match b {
        [0xED, second @ 0xA0..=0xBF, third @ 0x80..=0xBF, ..] => {
            Some(0xD000 | ((*second as u32 & 0x3F) << 6) | (*third as u32 & 0x3F))
        }
        _ => None,
    }
}

/// Applies the error handler `errors` to the undecodable bytes
/// `data[start..end]`, writing its replacement to `out`.
pub(crate) fn decode_error(
    out: &mut StrBuilder,
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
        "surrogateescape" if data[start..end].iter().all(|&b| b >= 0x80) => {
            for &b in &data[start..end] {
                out.push_code_point(0xDC00 + b as u32);
            }
            Ok(())
        }
        h if !HANDLERS.contains(&h) => raise(
            ExcKind::LookupError,
            format!("unknown error handler name '{h}'"),
        ),
        // (`str()` of the error says which bytes: `unicode_error_str`.)
        _ => Err(crate::object::exceptions::PyErr::with_args(
            ExcKind::UnicodeDecodeError,
            vec![
                new_str(codec),
                Value::obj(crate::object::heap::NewObject::Bytes(data.to_vec())),
                Value::Int(start as i64),
                Value::Int(end as i64),
                new_str(reason),
            ],
        )),
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
