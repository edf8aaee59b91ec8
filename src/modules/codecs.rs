//! `_codecs`: the registry functions of CPython 3.11's `codecs` and
//! `encodings` (search functions, the lookup cache, error-handler names;
//! the lookup itself is `types::text_codecs::lookup_codec`, which
//! `str.encode` also uses) and the codecs written in Rust that
//! `encodings/*.py` wrap: UTF-8, Latin-1 and ASCII (`types::text_codecs`),
//! charmap tables (the `cp*` and `iso8859_*` codecs), UTF-16/32 and the
//! escape codecs. Each takes CPython's error handlers `strict`, `ignore`,
//! `replace`, `backslashreplace`, `xmlcharrefreplace` (encoding) and
//! `namereplace` (encoding). Taipan's str cannot hold lone surrogates, so
//! `surrogateescape` and `surrogatepass` fail as `strict`.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{as_str, new_list, new_str, new_tuple, type_name, NewObject, Object};
use crate::object::surrogates::StrBuilder;
use crate::object::value::Value;
use crate::types::text_codecs::{
    attr, decode_bytes, decode_error, encode_text, escape_for, lookup_codec, normalize, registry,
    HANDLERS,
};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `_codecs` module.
pub fn module() -> Value {
    let f =
        |name: &'static str, func: crate::object::heap::BuiltinFn| (name, builtin_fn(name, func));
    make_module(
        "_codecs",
        vec![
            ("_search", new_list(Vec::new())),
            ("_cache", Value::Obj(crate::object::classes::new_dict_obj())),
            (
                "_errors",
                Value::Obj(crate::object::classes::new_dict_obj()),
            ),
            f("register", register),
            f("unregister", unregister),
            f("lookup", lookup),
            f("encode", encode),
            f("decode", decode),
            f("register_error", register_error),
            f("lookup_error", lookup_error),
            f("_forget_codec", forget_codec),
            f("utf_8_encode", |_, _, a, _| text_codec(a, "utf-8")),
            f("utf_8_decode", |_, _, a, _| bytes_codec(a, "utf-8")),
            f("latin_1_encode", |_, _, a, _| text_codec(a, "latin-1")),
            f("latin_1_decode", |_, _, a, _| bytes_codec(a, "latin-1")),
            f("ascii_encode", |_, _, a, _| text_codec(a, "ascii")),
            f("ascii_decode", |_, _, a, _| bytes_codec(a, "ascii")),
            f("utf_16_encode", |_, _, a, _| wide_encode(a, 2, None)),
            f("utf_16_le_encode", |_, _, a, _| {
                wide_encode(a, 2, Some(false))
            }),
            f("utf_16_be_encode", |_, _, a, _| {
                wide_encode(a, 2, Some(true))
            }),
            f("utf_16_decode", |_, _, a, _| wide_decode(a, 2, None)),
            f("utf_16_le_decode", |_, _, a, _| {
                wide_decode(a, 2, Some(false))
            }),
            f("utf_16_be_decode", |_, _, a, _| {
                wide_decode(a, 2, Some(true))
            }),
            f("utf_32_encode", |_, _, a, _| wide_encode(a, 4, None)),
            f("utf_32_le_encode", |_, _, a, _| {
                wide_encode(a, 4, Some(false))
            }),
            f("utf_32_be_encode", |_, _, a, _| {
                wide_encode(a, 4, Some(true))
            }),
            f("utf_32_decode", |_, _, a, _| wide_decode(a, 4, None)),
            f("utf_16_ex_decode", |_, _, a, _| wide_ex_decode(a, 2)),
            f("utf_32_ex_decode", |_, _, a, _| wide_ex_decode(a, 4)),
            f("utf_32_le_decode", |_, _, a, _| {
                wide_decode(a, 4, Some(false))
            }),
            f("utf_32_be_decode", |_, _, a, _| {
                wide_decode(a, 4, Some(true))
            }),
            f("charmap_build", charmap_build),
            f("charmap_decode", charmap_decode),
            f("charmap_encode", charmap_encode),
            f("unicode_escape_encode", |_, _, a, _| {
                escape_encode_text(a, false)
            }),
            f("raw_unicode_escape_encode", |_, _, a, _| {
                escape_encode_text(a, true)
            }),
            f("unicode_escape_decode", |_, _, a, _| {
                escape_decode_text(a, false)
            }),
            f("raw_unicode_escape_decode", |_, _, a, _| {
                escape_decode_text(a, true)
            }),
            f("escape_encode", escape_encode_bytes),
            f("escape_decode", escape_decode_bytes),
        ],
    )
}

fn register(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let [f] = args else {
        return raise(ExcKind::TypeError, "register() takes exactly one argument");
    };
    if !crate::object::classes::is_callable(f) {
        return raise(ExcKind::TypeError, "argument must be callable");
    }
    let m = registry(vm)?;
    let search = attr(vm, &m, "_search")?;
    if let Some(Object::List(l)) = search.as_obj() {
        l.borrow_mut().push(f.clone());
    }
    Ok(Value::None)
}

fn unregister(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let [f] = args else {
        return raise(
            ExcKind::TypeError,
            "unregister() takes exactly one argument",
        );
    };
    let m = registry(vm)?;
    let search = attr(vm, &m, "_search")?;
    if let Some(Object::List(l)) = search.as_obj() {
        l.borrow_mut().retain(|x| !x.is(f));
    }
    let cache = attr(vm, &m, "_cache")?;
    if let Some(Object::Dict(d)) = cache.as_obj() {
        d.borrow_mut().clear();
    }
    Ok(Value::None)
}

fn lookup(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(name) = args.first().and_then(as_str) else {
        return raise(ExcKind::TypeError, "lookup() argument must be str");
    };
    let name = name.to_string();
    lookup_codec(vm, &name)
}

fn forget_codec(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(name) = args.first().and_then(as_str) else {
        return raise(ExcKind::TypeError, "_forget_codec() argument must be str");
    };
    let key = normalize(name);
    let m = registry(vm)?;
    let cache = attr(vm, &m, "_cache")?;
    if let Some(Object::Dict(d)) = cache.as_obj() {
        let _ = d.borrow_mut().remove(&new_str(key));
    }
    Ok(Value::None)
}

/// `codecs.encode(obj, encoding='utf-8', errors='strict')` and `decode`:
/// the codec's function, whose result's first item is the answer.
fn transcode(
    vm: &mut Vm,
    args: &[Value],
    kw: Kw<'_>,
    what: &str,
    default: &str,
    index: usize,
) -> PyResult<Value> {
    let a = crate::object::args::bind_args(what, &["obj", "encoding", "errors"], args, kw)?;
    let Some(obj) = a[0].clone() else {
        return raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument 'obj' (pos 1)"),
        );
    };
    let encoding = a[1]
        .as_ref()
        .and_then(as_str)
        .unwrap_or(default)
        .to_string();
    let errors = a[2].clone().unwrap_or_else(|| new_str("strict"));
    let info = lookup_codec(vm, &encoding)?;
    let f = match crate::object::instance::unwrap(&info).as_obj() {
        Some(Object::Tuple(t)) => t[index].clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                "codec search functions must return 4-tuples",
            )
        }
    };
    let r = crate::protocol::call(vm, &f, &[obj, errors], &[])?;
    match r.as_obj() {
        Some(Object::Tuple(t)) if t.len() == 2 => Ok(t[0].clone()),
        _ => raise(
            ExcKind::TypeError,
            "encoder must return a tuple (object, integer)",
        ),
    }
}

fn encode(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    transcode(vm, args, kw, "encode", "utf-8", 0)
}

fn decode(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    transcode(vm, args, kw, "decode", "utf-8", 1)
}

fn register_error(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let [name, handler] = args else {
        return raise(
            ExcKind::TypeError,
            "register_error() takes exactly 2 arguments",
        );
    };
    if !crate::object::classes::is_callable(handler) {
        return raise(ExcKind::TypeError, "handler must be callable");
    }
    let m = registry(vm)?;
    let errors = attr(vm, &m, "_errors")?;
    if let Some(Object::Dict(d)) = errors.as_obj() {
        d.borrow_mut().set(name.clone(), handler.clone())?;
    }
    Ok(Value::None)
}

/// A built-in error handler as a callable: it applies the handler to the
/// exception, as CPython's `strict_errors`, `ignore_errors`, ….
fn handler_fn(name: &'static str) -> Value {
    builtin_fn(name, |_, _, args, _| {
        let Some(exc) = args.first() else {
            return raise(ExcKind::TypeError, "handler expects an exception");
        };
        if crate::object::exceptions::is_exception(exc) {
            return Err(crate::object::exceptions::PyErr::from_value(
                exc.clone(),
                false,
            ));
        }
        raise(
            ExcKind::TypeError,
            format!(
                "don't know how to handle {} in error callback",
                type_name(exc)
            ),
        )
    })
}

fn lookup_error(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(name) = args.first().and_then(as_str) else {
        return raise(ExcKind::TypeError, "lookup_error() argument must be str");
    };
    let name = name.to_string();
    let m = registry(vm)?;
    let errors = attr(vm, &m, "_errors")?;
    if let Some(Object::Dict(d)) = errors.as_obj() {
        if let Some(h) = d.borrow().get_str(&name) {
            return Ok(h);
        }
    }
    match HANDLERS.iter().find(|h| **h == name) {
        Some(h) => Ok(handler_fn(h)),
        None => raise(
            ExcKind::LookupError,
            format!("unknown error handler name '{name}'"),
        ),
    }
}

// ---- the codecs ---------------------------------------------------------

fn errors_arg(v: Option<&Value>) -> PyResult<String> {
    match v {
        None | Some(Value::None) => Ok("strict".into()),
        Some(v) => match as_str(v) {
            Some(s) => Ok(s.to_string()),
            None => raise(ExcKind::TypeError, "errors must be a string"),
        },
    }
}

fn text_arg<'a>(v: Option<&'a Value>, codec: &str) -> PyResult<&'a str> {
    match v.map(crate::object::instance::unwrap).and_then(as_str) {
        Some(s) => Ok(s),
        None => raise(
            ExcKind::TypeError,
            format!(
                "{codec}_encode() argument 1 must be str, not {}",
                v.map(|v| type_name(v).into_owned()).unwrap_or_default()
            ),
        ),
    }
}

/// The bytes of a bytes-like argument, or CPython's TypeError.
pub(crate) fn bytes_arg(v: Option<&Value>) -> PyResult<Vec<u8>> {
    match v.and_then(crate::types::bytes::bytes_of) {
        Some(b) => Ok(b),
        None => raise(
            ExcKind::TypeError,
            format!(
                "a bytes-like object is required, not '{}'",
                v.map(|v| type_name(v).into_owned()).unwrap_or_default()
            ),
        ),
    }
}

fn pair(v: Value, n: usize) -> Value {
    new_tuple(vec![v, Value::Int(n as i64)])
}

/// `utf_8_encode(str, errors)` and friends: `(bytes, characters used)`.
fn text_codec(args: &[Value], codec: &str) -> PyResult<Value> {
    text_arg(args.first(), &codec.replace('-', "_"))?;
    let Some(text) = args.first().and_then(crate::object::heap::as_pystr) else {
        return raise(ExcKind::TypeError, "str expected");
    };
    let errors = errors_arg(args.get(1))?;
    let limit = match codec {
        "ascii" => Some(0x80),
        "latin-1" => Some(0x100),
        _ => None,
    };
    let bytes = crate::types::text_codecs::encode_str(text, codec, limit, &errors)?;
    Ok(pair(Value::obj(NewObject::Bytes(bytes)), text.chars()))
}

/// `utf_8_decode(data, errors, final)` and friends: `(str, bytes used)`.
fn bytes_codec(args: &[Value], codec: &str) -> PyResult<Value> {
    let data = bytes_arg(args.first())?;
    let errors = errors_arg(args.get(1))?;
    let final_ = match args.get(2) {
        Some(v) => crate::protocol::ops::truthy(v),
        None => codec != "utf-8",
    };
    let (text, used) = decode_bytes(&data, codec, &errors, final_)?;
    Ok(pair(Value::obj(NewObject::Str(text)), used))
}

/// UTF-16 (`width` 2) and UTF-32 (4) encoding; `big` None writes a byte
/// order mark and little-endian, as CPython on this machine.
fn wide_encode(args: &[Value], width: usize, big: Option<bool>) -> PyResult<Value> {
    let codec = if width == 2 { "utf_16" } else { "utf_32" };
    text_arg(args.first(), codec)?;
    let Some(text) = args.first().and_then(crate::object::heap::as_pystr) else {
        return raise(ExcKind::TypeError, "str expected");
    };
    let errors = errors_arg(args.get(1))?;
    if let Some(at) = text
        .code_points()
        .position(crate::object::surrogates::is_surrogate)
    {
        if errors != "surrogatepass" {
            return raise(
                ExcKind::UnicodeEncodeError,
                format!(
                    "'{}' codec can't encode character '{}' in position {at}: surrogates not allowed",
                    codec.replace('_', "-"),
                    escape_for(text.code_points().nth(at).unwrap_or(0))
                ),
            );
        }
    }
    let be = big.unwrap_or(false);
    let mut out = Vec::new();
    let mut put = |unit: u32| {
        if width == 2 {
            let b = (unit as u16).to_le_bytes();
            out.extend(if be { [b[1], b[0]] } else { b });
        } else {
            let b = unit.to_le_bytes();
            out.extend(if be { [b[3], b[2], b[1], b[0]] } else { b });
        }
    };
    if big.is_none() {
        put(0xfeff);
    }
    for cp in text.code_points() {
        match char::from_u32(cp) {
            Some(c) if width == 2 => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    put(*unit as u32);
                }
            }
            // A surrogate (surrogatepass) or a UTF-32 code point.
            _ => put(cp),
        }
    }
    Ok(pair(Value::obj(NewObject::Bytes(out)), text.chars()))
}

/// UTF-16/32 decoding (`big` None: a byte order mark decides, else
/// little-endian).
/// `utf_16_ex_decode(data, errors, byteorder=0, final=False)`: `(text,
/// bytes used, byte order)`; byte order 0 reads a BOM if there is one
/// (and reports -1 or 1 for it), as the `utf-16` stream decoder needs.
fn wide_ex_decode(args: &[Value], width: usize) -> PyResult<Value> {
    let data = bytes_arg(args.first())?;
    let byteorder = match args.get(2) {
        Some(Value::Int(n)) => *n,
        _ => 0,
    };
    let (order, skip) = if byteorder != 0 {
        (Some(byteorder > 0), 0)
    } else if data.len() >= width {
        let bom_le: Vec<u8> = if width == 2 {
            vec![0xff, 0xfe]
        } else {
            vec![0xff, 0xfe, 0, 0]
        };
        let bom_be: Vec<u8> = bom_le.iter().rev().copied().collect();
        if data[..width] == bom_le[..] {
            (Some(false), width)
        } else if data[..width] == bom_be[..] {
            (Some(true), width)
        } else {
            (None, 0)
        }
    } else {
        (None, 0)
    };
    let mut rest_args = vec![crate::types::bytes::make(data[skip..].to_vec(), false)];
    rest_args.extend(args.get(1).cloned());
    if let Some(f) = args.get(3) {
        if rest_args.len() == 1 {
            rest_args.push(Value::None);
        }
        rest_args.push(f.clone());
    }
    let decoded = wide_decode(&rest_args, width, Some(order.unwrap_or(false)))?;
    let parts = match decoded.as_obj() {
        Some(Object::Tuple(t)) => t.to_vec(),
        _ => return raise(ExcKind::SystemError, "decoder result"),
    };
    let used = match parts.get(1) {
        Some(Value::Int(n)) => *n + skip as i64,
        _ => skip as i64,
    };
    let order = match order {
        Some(true) => 1,
        Some(false) => -1,
        None => 0,
    };
    Ok(new_tuple(vec![
        parts.first().cloned().unwrap_or_default(),
        Value::Int(used),
        Value::Int(order),
    ]))
}

fn wide_decode(args: &[Value], width: usize, big: Option<bool>) -> PyResult<Value> {
    let data = bytes_arg(args.first())?;
    let errors = errors_arg(args.get(1))?;
    let final_ = args.get(2).is_some_and(crate::protocol::ops::truthy);
    let codec = if width == 2 { "utf-16" } else { "utf-32" };
    let mut at = 0;
    let mut be = big.unwrap_or(false);
    let unit = |at: usize, be: bool| -> u32 {
        let b = &data[at..at + width];
        let mut v = 0u32;
        for k in 0..width {
            let byte = if be { b[k] } else { b[width - 1 - k] };
            v = (v << 8) | byte as u32;
        }
        v
    };
    if big.is_none() && data.len() >= width {
        let bom_le = unit(0, false);
        if bom_le == 0xfeff {
            at = width;
        } else if unit(0, true) == 0xfeff {
            be = true;
            at = width;
        }
    }
    let mut out = StrBuilder::new();
    while at + width <= data.len() {
        let u = unit(at, be);
        if width == 2 && (0xd800..0xdc00).contains(&u) {
            if at + 2 * width > data.len() {
                if !final_ {
                    break;
                }
                decode_error(
                    &mut out,
                    codec,
                    &errors,
                    &data,
                    at,
                    data.len(),
                    "unexpected end of data",
                )?;
                at = data.len();
                break;
            }
            let low = unit(at + width, be);
            if errors == "surrogatepass" && !(0xdc00..0xe000).contains(&low) {
                out.push_code_point(u);
                at += width;
                continue;
            }
            if (0xdc00..0xe000).contains(&low) {
                let c = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                at += 2 * width;
                continue;
            }
            decode_error(
                &mut out,
                codec,
                &errors,
                &data,
                at,
                at + width,
                "illegal UTF-16 surrogate",
            )?;
            at += width;
            continue;
        }
        match char::from_u32(u) {
            Some(c) => out.push(c),
            None if errors == "surrogatepass" && (0xd800..0xe000).contains(&u) => {
                out.push_code_point(u)
            }
            None => {
                let reason = if width == 2 {
                    "illegal encoding"
                } else {
                    "code point not in range(0x110000)"
                };
                decode_error(&mut out, codec, &errors, &data, at, at + width, reason)?;
            }
        }
        at += width;
    }
    if final_ && at < data.len() {
        decode_error(
            &mut out,
            codec,
            &errors,
            &data,
            at,
            data.len(),
            "truncated data",
        )?;
        at = data.len();
    }
    Ok(pair(Value::obj(NewObject::Str(out.finish())), at))
}

/// `charmap_build(decoding_table)`: the encoding table, char → byte.
fn charmap_build(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let Some(table) = args.first().and_then(as_str) else {
        return raise(ExcKind::TypeError, "charmap_build() argument must be str");
    };
    let d = crate::object::classes::new_dict_obj();
    if let Object::Dict(dict) = d.get() {
        let mut dict = dict.borrow_mut();
        for (i, c) in table.chars().enumerate() {
            dict.set(Value::Int(c as i64), Value::Int(i as i64))?;
        }
    }
    Ok(Value::Obj(d))
}

/// `charmap_decode(data, errors, mapping)`: a 256-character str (U+FFFE
/// for undefined) or a dict byte → str/int/None.
fn charmap_decode(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let data = bytes_arg(args.first())?;
    let errors = errors_arg(args.get(1))?;
    let mapping = args.get(2).cloned().unwrap_or_default();
    if matches!(mapping, Value::None) {
        let (text, n) = decode_bytes(&data, "latin-1", &errors, true)?;
        return Ok(pair(Value::obj(NewObject::Str(text)), n));
    }
    let table: Option<Vec<char>> = as_str(&mapping).map(|s| s.chars().collect());
    let mut out = StrBuilder::with_capacity(data.len());
    for (i, &b) in data.iter().enumerate() {
        let c = match &table {
            Some(t) => t
                .get(b as usize)
                .copied()
                .filter(|c| *c != '\u{fffe}')
                .map(String::from),
            None => match crate::protocol::getitem(vm, &mapping, &Value::Int(b as i64)) {
                Ok(Value::None) => None,
                Ok(Value::Int(n)) => char::from_u32(n as u32).map(String::from),
                Ok(v) => as_str(&v).map(str::to_string).filter(|s| s != "\u{fffe}"),
                Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::LookupError) => None,
                Err(e) => return Err(e),
            },
        };
        match c {
            Some(s) => out.push_str(&s),
            None => decode_error(
                &mut out,
                "charmap",
                &errors,
                &data,
                i,
                i + 1,
                "character maps to <undefined>",
            )?,
        }
    }
    Ok(pair(Value::obj(NewObject::Str(out.finish())), data.len()))
}

/// `charmap_encode(str, errors, mapping)`: `mapping` from
/// `charmap_build` or a dict char code → int/bytes/None.
fn charmap_encode(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let text = text_arg(args.first(), "charmap")?.to_string();
    let errors = errors_arg(args.get(1))?;
    let mapping = args.get(2).cloned().unwrap_or_default();
    if matches!(mapping, Value::None) {
        let bytes = encode_text(&text, "latin-1", Some(0x100), &errors)?;
        return Ok(pair(
            Value::obj(NewObject::Bytes(bytes)),
            text.chars().count(),
        ));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let mapped = match crate::protocol::getitem(vm, &mapping, &Value::Int(c as i64)) {
            Ok(Value::Int(n)) if (0..256).contains(&n) => Some(vec![n as u8]),
            Ok(Value::None) => None,
            Ok(v) => crate::types::bytes::bytes_of(&v),
            Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::LookupError) => None,
            Err(e) => return Err(e),
        };
        match mapped {
            Some(b) => out.extend(b),
            None => match errors.as_str() {
                "ignore" => {}
                "replace" => out.push(b'?'),
                "backslashreplace" => out.extend(escape_for(c as u32).bytes()),
                "xmlcharrefreplace" => out.extend(format!("&#{};", c as u32).bytes()),
                _ => {
                    return raise(
                        ExcKind::UnicodeEncodeError,
                        format!(
                            "'charmap' codec can't encode character '{}' in position {i}: character maps to <undefined>",
                            escape_for(c as u32)
                        ),
                    )
                }
            },
        }
    }
    Ok(pair(Value::obj(NewObject::Bytes(out)), chars.len()))
}

/// `unicode_escape_encode` / `raw_unicode_escape_encode`.
fn escape_encode_text(args: &[Value], raw: bool) -> PyResult<Value> {
    let text = text_arg(args.first(), "unicode_escape")?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let n = c as u32;
        match c {
            _ if raw && n < 0x100 => out.push(c),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if (0x20..0x7f).contains(&n) => out.push(c),
            _ if n < 0x100 => out.push_str(&format!("\\x{n:02x}")),
            _ => out.push_str(&escape_for(c as u32)),
        }
    }
    let bytes: Vec<u8> = out.chars().map(|c| c as u8).collect();
    Ok(pair(
        Value::obj(NewObject::Bytes(bytes)),
        text.chars().count(),
    ))
}

/// `unicode_escape_decode` / `raw_unicode_escape_decode` (the raw form
/// knows only `\u` and `\U`).
fn escape_decode_text(args: &[Value], raw: bool) -> PyResult<Value> {
    let data = bytes_arg(args.first())?;
    let errors = errors_arg(args.get(1))?;
    let mut out = StrBuilder::with_capacity(data.len());
    let mut i = 0;
    let codec = if raw {
        "rawunicodeescape"
    } else {
        "unicodeescape"
    };
    while i < data.len() {
        let b = data[i];
        if b != b'\\' || i + 1 >= data.len() {
            if b == b'\\' && !raw {
                decode_error(
                    &mut out,
                    codec,
                    &errors,
                    &data,
                    i,
                    data.len(),
                    "\\ at end of string",
                )?;
                break;
            }
            out.push(b as char);
            i += 1;
            continue;
        }
        let e = data[i + 1];
        let hex = |at: usize, n: usize| -> Option<u32> {
            let s = data.get(at..at + n)?;
            u32::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()
        };
        let simple = match e {
            b'n' if !raw => Some('\n'),
            b't' if !raw => Some('\t'),
            b'r' if !raw => Some('\r'),
            b'\\' if !raw => Some('\\'),
            b'\'' if !raw => Some('\''),
            b'"' if !raw => Some('"'),
            b'a' if !raw => Some('\x07'),
            b'b' if !raw => Some('\x08'),
            b'f' if !raw => Some('\x0c'),
            b'v' if !raw => Some('\x0b'),
            b'\n' if !raw => Some('\0'),
            _ => None,
        };
        if let Some(c) = simple {
            if e != b'\n' {
                out.push(c);
            }
            i += 2;
            continue;
        }
        let (n, width) = match e {
            b'x' if !raw => (hex(i + 2, 2), 2),
            b'u' => (hex(i + 2, 4), 4),
            b'U' => (hex(i + 2, 8), 8),
            b'0'..=b'7' if !raw => {
                let mut v = 0u32;
                let mut k = i + 1;
                while k < data.len() && k < i + 4 && (b'0'..=b'7').contains(&data[k]) {
                    v = v * 8 + (data[k] - b'0') as u32;
                    k += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                i = k;
                continue;
            }
            b'N' if !raw => {
                let close = data[i..].iter().position(|&c| c == b'}').map(|p| p + i);
                let name = close.and_then(|c| std::str::from_utf8(data.get(i + 3..c)?).ok());
                match name.and_then(unicode_names2::character) {
                    Some(c) => {
                        out.push(c);
                        i = close.unwrap_or(data.len()) + 1;
                    }
                    None => {
                        decode_error(
                            &mut out,
                            codec,
                            &errors,
                            &data,
                            i,
                            i + 2,
                            "malformed \\N character escape",
                        )?;
                        i += 2;
                    }
                }
                continue;
            }
            _ => {
                out.push('\\');
                if raw {
                    i += 1;
                } else {
                    out.push(e as char);
                    i += 2;
                }
                continue;
            }
        };
        match n.and_then(char::from_u32) {
            Some(c) => {
                out.push(c);
                i += 2 + width;
            }
            None => {
                let reason = match e {
                    b'x' => "truncated \\xXX escape",
                    b'u' => "truncated \\uXXXX escape",
                    _ => "truncated \\UXXXXXXXX escape",
                };
                let end = (i + 2 + width).min(data.len());
                decode_error(&mut out, codec, &errors, &data, i, end, reason)?;
                i = end;
            }
        }
    }
    Ok(pair(Value::obj(NewObject::Str(out.finish())), data.len()))
}

/// `escape_encode(bytes)`: the bytes as a bytes literal's inside.
fn escape_encode_bytes(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    let data = bytes_arg(args.first())?;
    let mut out = Vec::with_capacity(data.len());
    for &b in &data {
        match b {
            b'\\' => out.extend(b"\\\\"),
            b'\'' => out.extend(b"\\'"),
            b'\t' => out.extend(b"\\t"),
            b'\n' => out.extend(b"\\n"),
            b'\r' => out.extend(b"\\r"),
            0x20..=0x7e => out.push(b),
            _ => out.extend(format!("\\x{b:02x}").bytes()),
        }
    }
    Ok(pair(Value::obj(NewObject::Bytes(out)), data.len()))
}

/// `escape_decode(bytes)`: a bytes literal's escapes undone.
fn escape_decode_bytes(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    _: Kw<'_>,
) -> PyResult<Value> {
    let data = match args.first().and_then(as_str) {
        Some(s) => s.as_bytes().to_vec(),
        None => bytes_arg(args.first())?,
    };
    let decoded = escape_decode_text(&[Value::obj(NewObject::Bytes(data.clone()))], false)?;
    let text = match decoded.as_obj() {
        Some(Object::Tuple(t)) => as_str(&t[0]).unwrap_or_default().to_string(),
        _ => String::new(),
    };
    if text.chars().any(|c| c as u32 > 0xff) {
        return raise(ExcKind::ValueError, "invalid \\x escape");
    }
    let bytes: Vec<u8> = text.chars().map(|c| c as u8).collect();
    Ok(pair(Value::obj(NewObject::Bytes(bytes)), data.len()))
}
