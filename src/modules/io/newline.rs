//! Newline handling shared by `StringIO` and `TextIOWrapper`, and the
//! `IncrementalNewlineDecoder` type built on it: translating `\r\n` and
//! `\r` to `\n` while decoding (holding back a final `\r` until the next
//! chunk shows whether `\n` follows), recording which newlines were
//! seen (`newlines`), and finding where a line ends for each `newline=`
//! setting.

use super::Kw;
use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, new_str, new_tuple, type_name};
use crate::object::native::{constructor, method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The translation state of a newline decoder.
#[derive(Clone, Default)]
pub struct Newlines {
    /// A `\r` ended the last chunk and was held back.
    pub pendingcr: bool,
    /// Which newlines were seen (`SEEN_*` bits).
    seen: u8,
    /// Translate `\r\n` and `\r` to `\n`.
    pub translate: bool,
}

impl Newlines {
    /// A decoder that translates or only records.
    pub fn new(translate: bool) -> Newlines {
        Newlines {
            pendingcr: false,
            seen: 0,
            translate,
        }
    }

    /// The text of the next chunk `input`, translated; `final_` for the
    /// last one (nothing is held back).
    pub fn decode(&mut self, input: &str, final_: bool) -> String {
        let mut output = String::with_capacity(input.len() + 1);
        if self.pendingcr && (!input.is_empty() || final_) {
            output.push('\r');
            self.pendingcr = false;
        }
        output.push_str(input);
        if !final_ && output.ends_with('\r') {
            output.pop();
            self.pendingcr = true;
        }
        if !output.contains(['\r', '\n']) {
            return output;
        }
        let crlf = output.matches("\r\n").count();
        let cr = output.matches('\r').count() - crlf;
        let lf = output.matches('\n').count() - crlf;
        if lf > 0 {
            self.seen |= SEEN_LF;
        }
        if cr > 0 {
            self.seen |= SEEN_CR;
        }
        if crlf > 0 {
            self.seen |= SEEN_CRLF;
        }
        if self.translate && (cr > 0 || crlf > 0) {
            let t = if crlf > 0 {
                output.replace("\r\n", "\n")
            } else {
                output
            };
            return if cr > 0 { t.replace('\r', "\n") } else { t };
        }
        output
    }

    /// Forgets the held-back `\r` and the newlines seen.
    pub fn reset(&mut self) {
        self.pendingcr = false;
        self.seen = 0;
    }

    /// The `newlines` attribute: None, one newline, or a tuple of them.
    pub fn seen_value(&self) -> Value {
        let names: Vec<Value> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
            .iter()
            .filter(|(bit, _)| self.seen & bit != 0)
            .map(|(_, s)| new_str(*s))
            .collect();
        match names.len() {
            0 => Value::None,
            1 => names.into_iter().next().unwrap_or_default(),
            _ => new_tuple(names),
        }
    }
}

/// Where lines end when reading, by the `newline=` argument.
#[derive(Clone, PartialEq, Eq)]
pub enum LineEnd {
    /// At `\n` (newline None, the text being translated, or `"\n"`).
    Lf,
    /// At `\r`, `\n` or `\r\n` (newline `""`).
    Universal,
    /// At this string (`"\r"` or `"\r\n"`).
    Exact(String),
}

/// The `newline=` argument checked: None or one of CPython's values.
pub fn newline_arg(v: Option<&Value>) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match as_str(v) {
            Some(s @ ("" | "\n" | "\r" | "\r\n")) => Ok(Some(s.to_string())),
            Some(s) => raise(
                ExcKind::ValueError,
                format!("illegal newline value: {s:?}").replace('"', "'"),
            ),
            None => raise(
                ExcKind::TypeError,
                format!("newline must be str or None, not {}", type_name(v)),
            ),
        },
    }
}

/// How reading splits lines for a `newline=` value.
pub fn line_end_for(newline: Option<&str>) -> LineEnd {
    match newline {
        None | Some("\n") => LineEnd::Lf,
        Some("") => LineEnd::Universal,
        Some(nl) => LineEnd::Exact(nl.to_string()),
    }
}

/// The byte index just past the first line ending in `s`, if any.
pub fn line_end_in(s: &str, end: &LineEnd) -> Option<usize> {
    match end {
        LineEnd::Lf => s.find('\n').map(|i| i + 1),
        LineEnd::Exact(nl) => s.find(nl.as_str()).map(|i| i + nl.len()),
        LineEnd::Universal => {
            let i = s.find(['\r', '\n'])?;
            Some(if s[i..].starts_with("\r\n") {
                i + 2
            } else {
                i + 1
            })
        }
    }
}

/// [`line_end_in`] over characters: the index just past the line end.
pub fn line_end_in_chars(s: &[char], end: &LineEnd) -> Option<usize> {
    match end {
        LineEnd::Lf => s.iter().position(|&c| c == '\n').map(|i| i + 1),
        LineEnd::Exact(nl) => {
            let nl: Vec<char> = nl.chars().collect();
            s.windows(nl.len())
                .position(|w| w == nl.as_slice())
                .map(|i| i + nl.len())
        }
        LineEnd::Universal => {
            let i = s.iter().position(|&c| c == '\r' || c == '\n')?;
            Some(if s[i] == '\r' && s.get(i + 1) == Some(&'\n') {
                i + 2
            } else {
                i + 1
            })
        }
    }
}

/// The state of an `IncrementalNewlineDecoder`.
struct Decoder {
    /// The wrapped decoder (None: the input is already text).
    inner: Value,
    state: RefCell<Newlines>,
}

impl NativeData for Decoder {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.inner, visit);
    }
}

fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a Decoder, &'a [Value])> {
    super::this::<Decoder>(s, a, "_io.IncrementalNewlineDecoder")
}

/// `_io.IncrementalNewlineDecoder`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.IncrementalNewlineDecoder", || {
        let attrs = vec![
            constructor(|vm, _, a, kw| {
                let Some((cls, rest)) = a.split_first() else {
                    return raise(ExcKind::TypeError, "not enough arguments");
                };
                let args = bind_args(
                    "IncrementalNewlineDecoder",
                    &["decoder", "translate", "errors"],
                    rest,
                    kw,
                )?;
                let (Some(inner), Some(translate)) = (args[0].clone(), args[1].clone()) else {
                    return raise(
                        ExcKind::TypeError,
                        "IncrementalNewlineDecoder() missing required argument 'translate' (pos 2)",
                    );
                };
                let translate = crate::protocol::truthy(vm, &translate)?;
                let state = Decoder {
                    inner,
                    state: RefCell::new(Newlines::new(translate)),
                };
                Ok(crate::object::native::new_instance(cls, class(), state))
            }),
            m("__init__", |_, _, _, _| Ok(Value::None)),
            m("decode", decode),
            m("getstate", |vm, s, a, _| {
                let (_, d, _) = this(s, a)?;
                let pending = d.state.borrow().pendingcr as i64;
                if matches!(d.inner, Value::None) {
                    return Ok(new_tuple(vec![
                        crate::types::bytes::make(Vec::new(), false),
                        Value::Int(pending),
                    ]));
                }
                let st = super::call_method(vm, &d.inner, "getstate", &[])?;
                let parts = crate::protocol::to_vec(vm, &st)?;
                let (Some(buf), Some(flag)) = (parts.first(), parts.get(1)) else {
                    return raise(ExcKind::TypeError, "illegal decoder state");
                };
                let flag = super::int_arg(flag)?;
                Ok(new_tuple(vec![
                    buf.clone(),
                    Value::Int((flag << 1) | pending),
                ]))
            }),
            m("setstate", |vm, s, a, _| {
                let (_, d, rest) = this(s, a)?;
                let Some(st) = rest.first() else {
                    return raise(ExcKind::TypeError, "setstate() takes exactly one argument");
                };
                let parts = crate::protocol::to_vec(vm, st)?;
                let (Some(buf), Some(flag)) = (parts.first(), parts.get(1)) else {
                    return raise(ExcKind::TypeError, "state argument must be a tuple");
                };
                let flag = super::int_arg(flag)?;
                d.state.borrow_mut().pendingcr = flag & 1 != 0;
                if !matches!(d.inner, Value::None) {
                    let inner_state = new_tuple(vec![buf.clone(), Value::Int(flag >> 1)]);
                    super::call_method(vm, &d.inner, "setstate", &[inner_state])?;
                }
                Ok(Value::None)
            }),
            m("reset", |vm, s, a, _| {
                let (_, d, _) = this(s, a)?;
                d.state.borrow_mut().reset();
                if !matches!(d.inner, Value::None) {
                    super::call_method(vm, &d.inner, "reset", &[])?;
                }
                Ok(Value::None)
            }),
            prop("newlines", |_, s, a, _| {
                let (_, d, _) = this(s, a)?;
                Ok(d.state.borrow().seen_value())
            }),
        ];
        crate::object::native::class("_io", "IncrementalNewlineDecoder", attrs)
    })
}

/// `decode(input, final=False)`.
fn decode(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, d, rest) = this(s, a)?;
    let args = bind_args("decode", &["input", "final"], rest, kw)?;
    let input = args[0].clone().unwrap_or(Value::None);
    let final_ = match &args[1] {
        Some(v) => crate::protocol::truthy(vm, v)?,
        None => false,
    };
    let text = if matches!(d.inner, Value::None) {
        input
    } else {
        let m = crate::protocol::getattr(vm, &d.inner, "decode")?;
        crate::protocol::call(vm, &m, &[input, Value::Bool(final_)], &[])?
    };
    let Some(text) = as_str(&text) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "decoder should return a string result, not '{}'",
                type_name(&text)
            ),
        );
    };
    let out = d.state.borrow_mut().decode(text, final_);
    Ok(new_str(out))
}
