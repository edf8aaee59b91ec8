//! `_io.BytesIO`: a binary stream over a growable buffer in memory.

use super::{closed_error, int_arg, size_arg, Kw};
use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, new_tuple};
use crate::object::native::{constructor, method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

/// The state of a BytesIO.
pub struct BytesIo {
    state: RefCell<State>,
}

struct State {
    /// A bytearray holding the bytes.
    buf: Value,
    pos: usize,
    closed: bool,
}

impl NativeData for BytesIo {}
// (The buffer is a bytearray no other object refers to, except views
// from `getbuffer()`, which do not refer back: nothing to traverse.)

fn this<'a>(
    s: Option<&'a Value>,
    a: &'a [Value],
) -> PyResult<(&'a Value, &'a BytesIo, &'a [Value])> {
    super::this::<BytesIo>(s, a, "_io.BytesIO")
}

/// The state of an open BytesIO, else ValueError.
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

fn bytes(data: Vec<u8>) -> Value {
    crate::types::bytes::make(data, false)
}

impl State {
    /// The bytes (a bytearray, which `getbuffer()` views).
    fn data(&self) -> std::cell::RefMut<'_, Vec<u8>> {
        match self.buf.as_obj() {
            Some(crate::object::heap::Object::ByteArray(b)) => b.borrow_mut(),
            _ => unreachable_buffer(),
        }
    }

    /// Up to `n` bytes (all with None) from the position on.
    fn read(&mut self, n: Option<usize>) -> Vec<u8> {
        let (out, end) = {
            let data = self.data();
            let start = self.pos.min(data.len());
            let end = match n {
                Some(n) => start.saturating_add(n).min(data.len()),
                None => data.len(),
            };
            (data[start..end].to_vec(), end)
        };
        self.pos = end.max(self.pos);
        out
    }

    /// The next line (up to `limit` bytes).
    fn readline(&mut self, limit: Option<usize>) -> Vec<u8> {
        let (out, start) = {
            let data = self.data();
            let start = self.pos.min(data.len());
            let rest = &data[start..];
            let mut end = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |i| i + 1);
            if let Some(l) = limit {
                end = end.min(l);
            }
            (rest[..end].to_vec(), start)
        };
        self.pos = start + out.len();
        out
    }

    fn write(&mut self, bytes: &[u8]) {
        let end = self.pos + bytes.len();
        {
            let mut data = self.data();
            if data.len() < end {
                data.resize(end, 0);
            }
            data[self.pos..end].copy_from_slice(bytes);
        }
        self.pos = end;
    }

    fn len(&self) -> usize {
        self.data().len()
    }
}

/// The buffer of a BytesIO is always a bytearray.
#[cold]
fn unreachable_buffer() -> ! {
    unreachable!("a BytesIO buffer is a bytearray")
}

fn new_buffer(data: Vec<u8>) -> Value {
    crate::types::bytes::make(data, true)
}

/// `_io.BytesIO`.
pub fn class() -> Value {
    crate::object::builtin_types::kept_by_name("_io.BytesIO", || {
        let attrs = vec![
            constructor(|_, _, a, _| {
                let Some(cls) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "BytesIO.__new__(): not enough arguments",
                    );
                };
                let state = BytesIo {
                    state: RefCell::new(State {
                        buf: new_buffer(Vec::new()),
                        pos: 0,
                        closed: false,
                    }),
                };
                Ok(crate::object::native::new_instance(cls, class(), state))
            }),
            m("__init__", |_, s, a, kw| {
                let (_, b, rest) = this(s, a)?;
                let args = bind_args("BytesIO", &["initial_bytes"], rest, kw)?;
                let data = match &args[0] {
                    None | Some(Value::None) => Vec::new(),
                    Some(v) => super::bytes_arg(v)?,
                };
                let mut st = b.state.borrow_mut();
                *st.data() = data;
                st.pos = 0;
                Ok(Value::None)
            }),
            m("getbuffer", |_, s, a, _| {
                let (st, _) = open(s, a)?;
                let buf = st.buf.clone();
                drop(st);
                crate::types::memoryview::construct(&[buf], &[])
            }),
            m("getvalue", |_, s, a, _| {
                let (st, _) = open(s, a)?;
                let value = st.data().clone();
                Ok(bytes(value))
            }),
            m("read", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let n = size_arg(rest.first())?;
                Ok(bytes(st.read(n)))
            }),
            m("read1", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let n = size_arg(rest.first())?;
                Ok(bytes(st.read(n)))
            }),
            m("readinto", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let Some(target) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "readinto() takes exactly one argument (0 given)",
                    );
                };
                let len = super::buffer_len(target)?;
                let data = st.read(Some(len));
                Ok(Value::Int(super::fill_buffer(target, &data)? as i64))
            }),
            m("readline", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let n = size_arg(rest.first())?;
                Ok(bytes(st.readline(n)))
            }),
            m("readlines", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let hint = size_arg(rest.first())?.filter(|&h| h > 0);
                let mut lines = Vec::new();
                let mut total = 0;
                while st.pos < st.len() {
                    let line = st.readline(None);
                    total += line.len();
                    lines.push(bytes(line));
                    if hint.is_some_and(|h| total >= h) {
                        break;
                    }
                }
                Ok(new_list(lines))
            }),
            m("write", |_, s, a, _| {
                let (mut st, rest) = open(s, a)?;
                let Some(data) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "write() takes exactly one argument (0 given)",
                    );
                };
                let data = super::bytes_arg(data)?;
                st.write(&data);
                Ok(Value::Int(data.len() as i64))
            }),
            m("writelines", |vm, s, a, _| {
                let (r, _, rest) = this(s, a)?;
                let Some(lines) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "writelines() takes exactly one argument (0 given)",
                    );
                };
                let it = crate::protocol::get_iter(vm, lines)?;
                while let Some(line) = crate::protocol::iter_next(vm, &it)? {
                    let data = super::bytes_arg(&line)?;
                    open(Some(r), &[])?.0.write(&data);
                }
                Ok(Value::None)
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
                let base = match whence {
                    0 if pos < 0 => {
                        return raise(ExcKind::ValueError, format!("negative seek value {pos}"))
                    }
                    0 => 0,
                    1 => st.pos as i64,
                    2 => st.len() as i64,
                    _ => {
                        return raise(
                            ExcKind::ValueError,
                            format!("invalid whence ({whence}, should be 0, 1 or 2)"),
                        )
                    }
                };
                st.pos = base.saturating_add(pos).max(0) as usize;
                Ok(Value::Int(st.pos as i64))
            }),
            m("tell", |_, s, a, _| {
                let (st, _) = open(s, a)?;
                Ok(Value::Int(st.pos as i64))
            }),
            m("truncate", |_, s, a, _| {
                let (st, rest) = open(s, a)?;
                let size = match rest.first() {
                    None | Some(Value::None) => st.pos as i64,
                    Some(v) => int_arg(v)?,
                };
                if size < 0 {
                    return raise(ExcKind::ValueError, format!("negative size value {size}"));
                }
                if (size as usize) < st.len() {
                    st.data().truncate(size as usize);
                }
                Ok(Value::Int(size))
            }),
            m("close", |_, s, a, _| {
                let (_, b, _) = this(s, a)?;
                let mut st = b.state.borrow_mut();
                st.closed = true;
                st.buf = new_buffer(Vec::new());
                Ok(Value::None)
            }),
            prop("closed", |_, s, a, _| {
                let (_, b, _) = this(s, a)?;
                Ok(Value::Bool(b.state.borrow().closed))
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
            m("flush", |_, s, a, _| open(s, a).map(|_| Value::None)),
            m("isatty", |_, s, a, _| {
                open(s, a).map(|_| Value::Bool(false))
            }),
            m("__next__", |_, s, a, _| {
                let (mut st, _) = open(s, a)?;
                let line = st.readline(None);
                if line.is_empty() {
                    return Err(crate::object::exceptions::PyErr::with_args(
                        ExcKind::StopIteration,
                        Vec::new(),
                    ));
                }
                Ok(bytes(line))
            }),
            m("__getstate__", getstate),
            m("__setstate__", setstate),
        ];
        crate::object::native::subclass("_io", "BytesIO", super::iobase::buffered_class(), attrs)
    })
}

/// `__getstate__()`: (value, position, instance dict), for pickling.
fn getstate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _, _) = this(s, a)?;
    let (value, pos) = {
        let (st, _) = open(s, a)?;
        let value = st.data().clone();
        (bytes(value), st.pos)
    };
    let dict = crate::protocol::getattr(vm, r, "__dict__").unwrap_or(Value::None);
    Ok(new_tuple(vec![value, Value::Int(pos as i64), dict]))
}

/// `__setstate__((value, position, dict))`.
fn setstate(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, b, rest) = this(s, a)?;
    let (_, rest) = receiver(Some(r), rest)?;
    let Some(state) = rest.first() else {
        return raise(
            ExcKind::TypeError,
            "__setstate__ argument should be 3-tuple",
        );
    };
    let parts = crate::protocol::to_vec(vm, state)?;
    if parts.len() != 3 {
        return raise(
            ExcKind::TypeError,
            "__setstate__ argument should be 3-tuple",
        );
    }
    let data = super::bytes_arg(&parts[0])?;
    let pos = int_arg(&parts[1])?;
    if pos < 0 {
        return raise(ExcKind::ValueError, "position value cannot be negative");
    }
    {
        let mut st = b.state.borrow_mut();
        *st.data() = data;
        st.pos = pos as usize;
    }
    if let Some(items) = crate::protocol::mapping_items(vm, &parts[2])? {
        for (k, v) in items {
            if let Some(k) = crate::object::heap::as_str(&k) {
                crate::object::classes::setattr(vm, r, k, Some(v))?;
            }
        }
    }
    Ok(Value::None)
}
