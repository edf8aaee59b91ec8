//! `_json`: the native parts of `json` that decide its speed — reading a
//! string literal (`scanstring`) and writing one (`encode_basestring`,
//! `encode_basestring_ascii`) — with CPython's messages and positions.
//! The scanner and encoder classes (`make_scanner`, `make_encoder`) are
//! not provided, so `json` uses its Python versions of those.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_pystr, builtin_fn, make_module, new_tuple, type_name, NewObject};
use crate::object::surrogates::StrBuilder;
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

thread_local! {
    /// The code points of the document `scanstring` read last: a decode
    /// calls it once per string with the whole document, so they are
    /// made once (the value is kept, so its identity stays its own).
    static DOCUMENT: RefCell<Option<(Value, Rc<Vec<u32>>)>> = const { RefCell::new(None) };
}

/// Lets go of the cached document (a thread that ends does, while it
/// holds the interpreter lock).
pub fn forget_document() {
    let _ = DOCUMENT.try_with(|d| d.borrow_mut().take());
}

fn code_points_of(doc: &Value) -> Option<Rc<Vec<u32>>> {
    let s = as_pystr(doc)?;
    DOCUMENT.with(|d| {
        let mut d = d.borrow_mut();
        if let Some((v, cps)) = d.as_ref() {
            if let (Value::Obj(a), Value::Obj(b)) = (v, doc) {
                if a.ptr_eq(b) {
                    return Some(cps.clone());
                }
            }
        }
        let cps = Rc::new(s.code_points().collect::<Vec<u32>>());
        *d = Some((doc.clone(), cps.clone()));
        Some(cps)
    })
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`.
fn decode_error(vm: &mut Vm, msg: &str, doc: &Value, pos: usize) -> Box<PyErr> {
    let made = crate::vm::imports::import_dotted(vm, "json.decoder").and_then(|m| {
        let cls = crate::protocol::getattr(vm, &m, "JSONDecodeError")?;
        let args = [
            crate::object::heap::new_str(msg),
            doc.clone(),
            Value::Int(pos as i64),
        ];
        crate::protocol::call(vm, &cls, &args, &[])
    });
    match made {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    }
}

fn hex4(cps: &[u32], at: usize) -> Option<u32> {
    let mut v = 0;
    for k in 0..4 {
        let d = char::from_u32(*cps.get(at + k)?)?.to_digit(16)?;
        v = (v << 4) | d;
    }
    Some(v)
}

/// `scanstring(s, end, strict=True)`: the string literal whose opening
/// quote is at `end - 1`, and the index after its closing quote.
fn scanstring(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = crate::object::args::bind_args("scanstring", &["string", "end", "strict"], a, kw)?;
    let Some(doc) = b[0].clone() else {
        return raise(
            ExcKind::TypeError,
            "scanstring() missing required argument 'string'",
        );
    };
    let Some(cps) = code_points_of(&doc) else {
        return raise(
            ExcKind::TypeError,
            format!("first argument must be a string, not {}", type_name(&doc)),
        );
    };
    let end = crate::modules::posix::int_arg("scanstring", b[1].as_ref(), None)?;
    let strict = b[2].as_ref().is_none_or(crate::protocol::ops::truthy);
    let len = cps.len();
    if end < 0 || end as usize > len {
        return raise(ExcKind::ValueError, "end is out of bounds");
    }
    let mut end = end as usize;
    let begin = end.saturating_sub(1);
    let mut out = StrBuilder::new();
    loop {
        // A run of plain characters.
        let mut next = end;
        while next < len {
            let c = cps[next];
            if c == '"' as u32 || c == '\\' as u32 {
                break;
            }
            if c <= 0x1f && strict {
                return Err(decode_error(vm, "Invalid control character at", &doc, next));
            }
            next += 1;
        }
        if next >= len {
            return Err(decode_error(
                vm,
                "Unterminated string starting at",
                &doc,
                begin,
            ));
        }
        for &c in &cps[end..next] {
            out.push_code_point(c);
        }
        let c = cps[next];
        next += 1;
        if c == '"' as u32 {
            end = next;
            break;
        }
        if next == len {
            return Err(decode_error(
                vm,
                "Unterminated string starting at",
                &doc,
                begin,
            ));
        }
        let esc = cps[next];
        if esc != 'u' as u32 {
            end = next + 1;
            let c = match char::from_u32(esc) {
                Some('"') => '"',
                Some('\\') => '\\',
                Some('/') => '/',
                Some('b') => '\u{8}',
                Some('f') => '\u{c}',
                Some('n') => '\n',
                Some('r') => '\r',
                Some('t') => '\t',
                _ => return Err(decode_error(vm, "Invalid \\escape", &doc, end - 2)),
            };
            out.push(c);
            continue;
        }
        next += 1;
        end = next + 4;
        if end >= len {
            return Err(decode_error(vm, "Invalid \\uXXXX escape", &doc, next - 1));
        }
        let Some(mut u) = hex4(&cps, next) else {
            return Err(decode_error(vm, "Invalid \\uXXXX escape", &doc, end - 5));
        };
        // A high surrogate followed by an escaped low one is one character.
        if (0xD800..=0xDBFF).contains(&u)
            && end + 6 < len
            && cps[end] == '\\' as u32
            && cps[end + 1] == 'u' as u32
        {
            let Some(low) = hex4(&cps, end + 2) else {
                return Err(decode_error(vm, "Invalid \\uXXXX escape", &doc, end + 1));
            };
            if (0xDC00..=0xDFFF).contains(&low) {
                u = 0x10000 + (((u - 0xD800) << 10) | (low - 0xDC00));
                end += 6;
            }
        }
        out.push_code_point(u);
    }
    Ok(new_tuple(vec![
        Value::obj(NewObject::Str(out.finish())),
        Value::Int(end as i64),
    ]))
}

/// The JSON literal of a str: escapes for `"`, `\`, control characters
/// and, with `ascii`, everything beyond ASCII.
fn encode(a: &[Value], ascii: bool) -> PyResult<Value> {
    let Some(s) = a.first().and_then(as_pystr) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "first argument must be a string, not {}",
                a.first()
                    .map(|v| type_name(v).into_owned())
                    .unwrap_or_default()
            ),
        );
    };
    let mut out = StrBuilder::with_capacity(s.text.len() + 2);
    out.push('"');
    let unit = |out: &mut StrBuilder, u: u32| out.push_str(&format!("\\u{u:04x}"));
    for cp in s.code_points() {
        match char::from_u32(cp) {
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some('\u{8}') => out.push_str("\\b"),
            Some('\u{c}') => out.push_str("\\f"),
            _ if cp < 0x20 => unit(&mut out, cp),
            _ if !ascii || cp < 0x7f => out.push_code_point(cp),
            _ if cp >= 0x10000 => {
                let v = cp - 0x10000;
                unit(&mut out, 0xD800 | (v >> 10));
                unit(&mut out, 0xDC00 | (v & 0x3FF));
            }
            _ => unit(&mut out, cp),
        }
    }
    out.push('"');
    Ok(Value::obj(NewObject::Str(out.finish())))
}

/// The `_json` module.
pub fn module() -> Value {
    make_module(
        "_json",
        vec![
            ("scanstring", builtin_fn("scanstring", scanstring)),
            (
                "encode_basestring_ascii",
                builtin_fn("encode_basestring_ascii", |_, _, a, _| encode(a, true)),
            ),
            (
                "encode_basestring",
                builtin_fn("encode_basestring", |_, _, a, _| encode(a, false)),
            ),
        ],
    )
}
