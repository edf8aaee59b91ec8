//! `_io.StringIO`: a text stream over characters in memory, with
//! `newline=` handled as CPython does (translated on writing for None,
//! recorded for `""`, `\n` written as `\r` or `\r\n` for those).

use super::newline::{line_end_for, line_end_in_chars, newline_arg, LineEnd, Newlines};
use super::{closed_error_bare as closed_error, int_arg, size_arg, Kw};
use crate::object::args::bind_args;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, new_str, new_tuple, type_name};
use crate::object::native::{constructor, method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

/// The state of a StringIO.
pub struct StringIo {
    state: RefCell<State>,
}

struct State {
    buf: Vec<char>,
    pos: usize,
    closed: bool,
    /// Where lines end on reading.
    line_end: LineEnd,
    /// Translates or records newlines on writing (newline None or "").
    decoder: Option<Newlines>,
    /// What `\n` becomes on writing (newline "\r" or "\r\n").
    writenl: Option<String>,
}

impl NativeData for StringIo {}

fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a StringIo, &'a [Value])> {
    super::this::<StringIo>(s, a, "_io.StringIO")
}

/// The state of an open StringIO, else ValueError.
fn open<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(std::cell::RefMut<'a, State>, &'a [Value])> {
    let (_, b, rest) = this(s, a)?;
    let st = b.state.borrow_mut();
    if st.closed {
        return Err(closed_error());
    }
    Ok((st, rest))
}

fn text(chars: &[char]) -> Value {
    new_str(chars.iter().collect::<String>())
}

impl State {
    fn configure(&mut self, newline: Option<&str>) {
        self.line_end = line_end_for(newline);
        self.decoder = match newline {
            None => Some(Newlines::new(true)),
            Some("") => Some(Newlines::new(false)),
            _ => None,
        };
        self.writenl = newline
            .filter(|nl| nl.starts_with('\r'))
            .map(str::to_string);
    }

    fn write(&mut self, s: &str) {
        let mut owned;
        let mut s = s;
        if let Some(d) = &mut self.decoder {
            owned = d.decode(s, true);
            s = &owned;
        }
        if let Some(nl) = &self.writenl {
            owned = s.replace('\n', nl);
            s = &owned;
        }
        let chars: Vec<char> = s.chars().collect();
        let end = self.pos + chars.len();
        if self.buf.len() < self.pos {
            self.buf.resize(self.pos, '\0');
        }
        if self.buf.len() < end {
            self.buf.resize(end, '\0');
        }
        self.buf[self.pos..end].copy_from_slice(&chars);
        self.pos = end;
    }

    fn read(&mut self, n: Option<usize>) -> Value {
        let start = self.pos.min(self.buf.len());
        let end = match n {
            Some(n) => start.saturating_add(n).min(self.buf.len()),
            None => self.buf.len(),
        };
        self.pos = end.max(self.pos);
        text(&self.buf[start..end])
    }

    fn readline(&mut self, limit: Option<usize>) -> Value {
        let start = self.pos.min(self.buf.len());
        let rest = &self.buf[start..];
        let mut end = line_end_in_chars(rest, &self.line_end).unwrap_or(rest.len());
        if let Some(l) = limit {
            end = end.min(l);
        }
        self.pos = start + end;
        text(&rest[..end])
    }
}

/// `_io.StringIO`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.StringIO", || {
        let attrs = vec![
            constructor(|_, _, a, _| {
                let Some(cls) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "StringIO.__new__(): not enough arguments",
                    );
                };
                let mut st = State {
                    buf: Vec::new(),
                    pos: 0,
                    closed: false,
                    line_end: LineEnd::Lf,
                    decoder: None,
                    writenl: None,
                };
                st.configure(Some("\n"));
                let state = StringIo {
                    state: RefCell::new(st),
                };
                Ok(crate::object::native::new_instance(cls, class(), state))
            }),
            m("__init__", init),
            m("getvalue", |_, s, a, _| {
                let (st, _) = open(s, a)?;
                Ok(text(&st.buf))
            }),
            m("read", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let n = size_arg(rest.first())?;
                Ok(st.read(n))
            }),
            m("readline", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let n = size_arg(rest.first())?;
                Ok(st.readline(n))
            }),
            m("write", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let Some(v) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "write() takes exactly one argument (0 given)",
                    );
                };
                let Some(t) = as_str(v) else {
                    return raise(
                        ExcKind::TypeError,
                        format!("string argument expected, got '{}'", type_name(v)),
                    );
                };
                st.write(t);
                Ok(Value::Int(t.chars().count() as i64))
            }),
            m("seek", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let Some(pos) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "seek expected at least 1 argument, got 0",
                    );
                };
                let pos = int_arg(pos)?;
                let whence = match rest.get(1) {
                    Some(w) => int_arg(w)?,
                    None => 0,
                };
                match whence {
                    0 if pos < 0 => {
                        return raise(ExcKind::ValueError, format!("Negative seek position {pos}"))
                    }
                    0 => st.pos = pos as usize,
                    1 | 2 if pos != 0 => {
                        return raise(ExcKind::OSError, "Can't do nonzero cur-relative seeks")
                    }
                    1 => {}
                    2 => st.pos = st.buf.len(),
                    _ => {
                        return raise(
                            ExcKind::ValueError,
                            format!("Invalid whence ({whence}, should be 0, 1 or 2)"),
                        )
                    }
                }
                Ok(Value::Int(st.pos as i64))
            }),
            m("tell", |_, s, a, _| {
                let (st, _) = open(s, a)?;
                Ok(Value::Int(st.pos as i64))
            }),
            m("truncate", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let size = match rest.first() {
                    None | Some(Value::None) => st.pos as i64,
                    Some(v) => int_arg(v)?,
                };
                if size < 0 {
                    return raise(ExcKind::ValueError, format!("Negative size value {size}"));
                }
                if (size as usize) < st.buf.len() {
                    st.buf.truncate(size as usize);
                }
                Ok(Value::Int(size))
            }),
            m("close", |_, s, a, _| {
                let (_, b, _) = this(s, a)?;
                let mut st = b.state.borrow_mut();
                st.closed = true;
                st.buf = Vec::new();
                Ok(Value::None)
            }),
            prop("closed", |_, s, a, _| {
                let (_, b, _) = this(s, a)?;
                Ok(Value::Bool(b.state.borrow().closed))
            }),
            prop("line_buffering", |_, s, a, _| {
                open(s, a).map(|_| Value::Bool(false))
            }),
            prop("newlines", |_, s, a, _| {
                let (st, _) = open(s, a)?;
                Ok(st
                    .decoder
                    .as_ref()
                    .map_or(Value::None, Newlines::seen_value))
            }),
            m("readable", |_, s, a, _| {
                open(s, a).map(|_| Value::Bool(true))
            }),
            m("writable", |_, s, a, _| {
                open(s, a).map(|_| Value::Bool(true))
            }),
            m("seekable", |_, s, a, _| {
                open(s, a).map(|_| Value::Bool(true))
            }),
            m("__next__", |_, s, a, _| {
                let (mut st, _) = open(s, a)?;
                let line = st.readline(None);
                if as_str(&line).is_some_and(str::is_empty) {
                    return Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()));
                }
                Ok(line)
            }),
            m("__getstate__", getstate),
            m("__setstate__", setstate),
        ];
        crate::object::native::subclass("_io", "StringIO", super::iobase::text_class(), attrs)
    })
}

/// `StringIO(initial_value='', newline='\n')`.
fn init(_: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, b, rest) = this(s, a)?;
    let args = bind_args("StringIO", &["initial_value", "newline"], rest, kw)?;
    let newline = match &args[1] {
        None => Some("\n".to_string()),
        Some(v) => newline_arg(Some(v))?,
    };
    let initial = match &args[0] {
        None | Some(Value::None) => "",
        Some(v) => match as_str(v) {
            Some(t) => t,
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!("initial_value must be str or None, not {}", type_name(v)),
                )
            }
        },
    };
    let mut st = b.state.borrow_mut();
    st.configure(newline.as_deref());
    st.buf.clear();
    st.pos = 0;
    st.closed = false;
    if !initial.is_empty() {
        st.write(initial);
        st.pos = 0;
    }
    Ok(Value::None)
}

/// `__getstate__()`: (value, newline, position, dict), for pickling.
fn getstate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _, _) = this(s, a)?;
    let (value, newline, pos) = {
        let (st, _) = open(s, a)?;
        let newline = match (&st.line_end, &st.decoder) {
            (LineEnd::Lf, Some(_)) => Value::None,
            (LineEnd::Universal, _) => new_str(""),
            (LineEnd::Exact(nl), _) => new_str(nl.as_str()),
            (LineEnd::Lf, None) => new_str("\n"),
        };
        (text(&st.buf), newline, st.pos)
    };
    let dict = crate::protocol::getattr(vm, r, "__dict__").unwrap_or(Value::None);
    Ok(new_tuple(vec![
        value,
        newline,
        Value::Int(pos as i64),
        dict,
    ]))
}

/// `__setstate__((value, newline, position, dict))`.
fn setstate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, rest) = this(s, a)?;
    let Some(state) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "__setstate__ argument should be 4-tuple",
        );
    };
    let parts = crate::protocol::to_vec(vm, state)?;
    if parts.len() != 4 {
        return raise(
            ExcKind::TypeError,
            "__setstate__ argument should be 4-tuple",
        );
    }
    let newline = newline_arg(Some(&parts[1]))?;
    let pos = int_arg(&parts[2])?;
    if pos < 0 {
        return raise(ExcKind::ValueError, "position value cannot be negative");
    }
    {
        let mut st = b.state.borrow_mut();
        st.configure(newline.as_deref());
        st.buf = as_str(&parts[0]).unwrap_or_default().chars().collect();
        st.pos = pos as usize;
    }
    if let Some(items) = crate::protocol::mapping_items(vm, &parts[3])? {
        for (k, v) in items {
            if let Some(k) = as_str(&k) {
                crate::object::classes::setattr(vm, r, k, Some(v))?;
            }
        }
    }
    Ok(Value::None)
}
