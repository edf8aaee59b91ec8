//! `marshal`: CPython's serialisation format (version 4) for the values
//! it covers besides code objects — None, bools, ints of any size,
//! floats, complex numbers, str, bytes, tuples, lists, dicts, sets,
//! frozensets, Ellipsis and StopIteration — read with back-references
//! (`FLAG_REF`), so data CPython wrote loads. Taipan's code objects are
//! cached in its own format (`cache`), so code does not marshal.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{new_list, new_str, new_tuple, NewObject, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};

const FLAG_REF: u8 = 0x80;

/// The `marshal` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    make_module(
        "marshal",
        vec![
            ("version", Value::Int(4)),
            f("dumps", |vm, _, a, _| {
                let Some(v) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "dumps() missing required argument 'value'",
                    );
                };
                let mut out = Vec::new();
                write(vm, v, &mut out, 0)?;
                Ok(crate::types::bytes::make(out, false))
            }),
            f("loads", |vm, _, a, _| {
                let Some(data) = a.first().and_then(crate::types::bytes::bytes_of) else {
                    return raise(
                        ExcKind::TypeError,
                        "loads() argument must be a bytes-like object",
                    );
                };
                Reader {
                    data: &data,
                    pos: 0,
                    refs: Vec::new(),
                }
                .read(vm, 0)
            }),
            f("dump", |vm, _, a, _| {
                let (Some(v), Some(file)) = (a.first(), a.get(1)) else {
                    return raise(ExcKind::TypeError, "dump() takes at least 2 arguments");
                };
                let mut out = Vec::new();
                write(vm, v, &mut out, 0)?;
                let w = crate::protocol::getattr(vm, file, "write")?;
                crate::protocol::call(vm, &w, &[crate::types::bytes::make(out, false)], &[])?;
                Ok(Value::None)
            }),
            f("load", |vm, _, a, _| {
                let Some(file) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "load() missing required argument 'file'",
                    );
                };
                let r = crate::protocol::getattr(vm, file, "read")?;
                let data = crate::protocol::call(vm, &r, &[], &[])?;
                let data = crate::types::bytes::bytes_of(&data).unwrap_or_default();
                Reader {
                    data: &data,
                    pos: 0,
                    refs: Vec::new(),
                }
                .read(vm, 0)
            }),
        ],
    )
}

fn unmarshallable() -> PyResult<()> {
    raise(ExcKind::ValueError, "unmarshallable object")
}

fn write_len(out: &mut Vec<u8>, n: usize) -> PyResult<()> {
    if n > i32::MAX as usize {
        return unmarshallable();
    }
    out.extend_from_slice(&(n as u32).to_le_bytes());
    Ok(())
}

fn write(vm: &mut Vm, v: &Value, out: &mut Vec<u8>, depth: usize) -> PyResult<()> {
    if depth > 2000 {
        return raise(ExcKind::ValueError, "object too deeply nested to marshal");
    }
    match v {
        Value::None => out.push(b'N'),
        Value::Bool(true) => out.push(b'T'),
        Value::Bool(false) => out.push(b'F'),
        Value::Int(i) if i32::try_from(*i).is_ok() => {
            out.push(b'i');
            out.extend_from_slice(&(*i as i32).to_le_bytes());
        }
        Value::Int(i) => write_long(&BigInt::from(*i), out),
        Value::Float(f) => {
            out.push(b'g');
            out.extend_from_slice(&f.to_le_bytes());
        }
        _ => match v.as_obj() {
            Some(Object::BigInt(b)) => write_long(b, out),
            Some(Object::Str(s)) => {
                out.push(b'u');
                write_len(out, s.text.len())?;
                out.extend_from_slice(s.text.as_bytes());
            }
            Some(Object::Bytes(b)) => {
                out.push(b's');
                write_len(out, b.len())?;
                out.extend_from_slice(b);
            }
            Some(Object::ByteArray(b)) => {
                let b = b.borrow().clone();
                out.push(b's');
                write_len(out, b.len())?;
                out.extend_from_slice(&b);
            }
            Some(Object::Tuple(items)) => {
                if items.len() < 256 {
                    out.push(b')');
                    out.push(items.len() as u8);
                } else {
                    out.push(b'(');
                    write_len(out, items.len())?;
                }
                for x in items.iter() {
                    write(vm, x, out, depth + 1)?;
                }
            }
            Some(Object::List(l)) => {
                let items = l.borrow().clone();
                out.push(b'[');
                write_len(out, items.len())?;
                for x in &items {
                    write(vm, x, out, depth + 1)?;
                }
            }
            Some(Object::Dict(d)) => {
                let items: Vec<(Value, Value)> = d
                    .borrow()
                    .items()
                    .map(|(k, x)| (k.clone(), x.clone()))
                    .collect();
                out.push(b'{');
                for (k, x) in &items {
                    write(vm, k, out, depth + 1)?;
                    write(vm, x, out, depth + 1)?;
                }
                out.push(b'0');
            }
            Some(Object::Set(set)) => {
                let frozen = set.frozen;
                let items = crate::protocol::to_vec(vm, v)?;
                out.push(if frozen { b'>' } else { b'<' });
                write_len(out, items.len())?;
                for x in &items {
                    write(vm, x, out, depth + 1)?;
                }
            }
            Some(Object::Ellipsis) => out.push(b'.'),
            _ if crate::types::complex::parts(v).is_some() => {
                let (re, im) = crate::types::complex::parts(v).unwrap_or_default();
                out.push(b'y');
                out.extend_from_slice(&re.to_le_bytes());
                out.extend_from_slice(&im.to_le_bytes());
            }
            _ if v.is(&crate::object::exceptions::exception_class(
                ExcKind::StopIteration,
            )) =>
            {
                out.push(b'S')
            }
            _ => return unmarshallable(),
        },
    }
    Ok(())
}

/// An int as CPython's `TYPE_LONG`: sign and count of 15-bit digits,
/// then the digits, least significant first.
fn write_long(b: &BigInt, out: &mut Vec<u8>) {
    let (sign, mut mag) = (b.sign(), b.magnitude().clone());
    let mut digits = Vec::new();
    let mask = num_bigint::BigUint::from(0x7fffu32);
    while mag > num_bigint::BigUint::from(0u32) {
        let d = (&mag & &mask).to_u32_digits().first().copied().unwrap_or(0);
        digits.push(d as u16);
        mag >>= 15;
    }
    out.push(b'l');
    let n = digits.len() as i32;
    out.extend_from_slice(&(if sign == Sign::Minus { -n } else { n }).to_le_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_le_bytes());
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    refs: Vec<Value>,
}

impl Reader<'_> {
    fn eof<T>() -> PyResult<T> {
        raise(ExcKind::EOFError, "marshal data too short")
    }

    fn byte(&mut self) -> PyResult<u8> {
        let Some(&b) = self.data.get(self.pos) else {
            return Self::eof();
        };
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> PyResult<&[u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        let Some(end) = end else {
            return Self::eof();
        };
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn int32(&mut self) -> PyResult<i32> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn len(&mut self) -> PyResult<usize> {
        let n = self.int32()?;
        if n < 0 {
            return raise(ExcKind::ValueError, "bad marshal data (size out of range)");
        }
        Ok(n as usize)
    }

    fn f64(&mut self) -> PyResult<f64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    fn text(&mut self, n: usize) -> PyResult<Value> {
        let b = self.take(n)?.to_vec();
        match String::from_utf8(b) {
            Ok(s) => Ok(new_str(s)),
            Err(e) => Ok(new_str(String::from_utf8_lossy(e.as_bytes()).into_owned())),
        }
    }

    fn read(&mut self, vm: &mut Vm, depth: usize) -> PyResult<Value> {
        if depth > 2000 {
            return raise(ExcKind::ValueError, "recursion limit exceeded");
        }
        let code = self.byte()?;
        let flag = code & FLAG_REF != 0;
        // Containers take their reference slot before their items.
        let slot = if flag {
            self.refs.push(Value::None);
            Some(self.refs.len() - 1)
        } else {
            None
        };
        let v = match code & !FLAG_REF {
            b'N' => Value::None,
            b'T' => Value::Bool(true),
            b'F' => Value::Bool(false),
            b'.' => crate::object::classes::ellipsis(),
            b'S' => crate::object::exceptions::exception_class(ExcKind::StopIteration),
            b'i' => Value::Int(self.int32()? as i64),
            b'l' => {
                let n = self.int32()?;
                let count = n.unsigned_abs() as usize;
                let mut v = BigInt::from(0);
                let mut digits = Vec::with_capacity(count);
                for _ in 0..count {
                    let b = self.take(2)?;
                    digits.push(u16::from_le_bytes([b[0], b[1]]));
                }
                for d in digits.iter().rev() {
                    v = (v << 15) + BigInt::from(*d);
                }
                if n < 0 {
                    v = -v;
                }
                crate::protocol::ops::int_value(v)
            }
            b'g' => Value::Float(self.f64()?),
            b'y' => {
                let re = self.f64()?;
                let im = self.f64()?;
                crate::types::complex::make(re, im)
            }
            b's' => {
                let n = self.len()?;
                crate::types::bytes::make(self.take(n)?.to_vec(), false)
            }
            b'u' | b't' | b'a' | b'A' => {
                let n = self.len()?;
                self.text(n)?
            }
            b'z' | b'Z' => {
                let n = self.byte()? as usize;
                self.text(n)?
            }
            b'(' | b')' | b'[' | b'<' | b'>' => {
                let kind = code & !FLAG_REF;
                let n = if kind == b')' {
                    self.byte()? as usize
                } else {
                    self.len()?
                };
                let mut items = Vec::with_capacity(n.min(1 << 16));
                for _ in 0..n {
                    items.push(self.read(vm, depth + 1)?);
                }
                match kind {
                    b'[' => new_list(items),
                    b'<' | b'>' => {
                        let list = new_list(items);
                        let t = if kind == b'<' {
                            crate::object::heap::TypeKind::Set
                        } else {
                            crate::object::heap::TypeKind::FrozenSet
                        };
                        crate::types::construct::construct(vm, t, &[list], &[])?
                    }
                    _ => new_tuple(items),
                }
            }
            b'{' => {
                let d = Value::obj(NewObject::Dict(std::cell::RefCell::new(
                    crate::object::dict::Dict::new(),
                )));
                loop {
                    if self.data.get(self.pos) == Some(&b'0') {
                        self.pos += 1;
                        break;
                    }
                    let k = self.read(vm, depth + 1)?;
                    let v = self.read(vm, depth + 1)?;
                    crate::protocol::setitem(vm, &d, &k, v)?;
                }
                d
            }
            b'r' => {
                let i = self.len()?;
                match self.refs.get(i) {
                    Some(v) => v.clone(),
                    None => {
                        return raise(ExcKind::ValueError, "bad marshal data (invalid reference)")
                    }
                }
            }
            b'c' => {
                return raise(
                    ExcKind::ValueError,
                    "bad marshal data (code objects are Taipan's own format)",
                )
            }
            _ => return raise(ExcKind::ValueError, "bad marshal data (unknown type code)"),
        };
        if let Some(i) = slot {
            self.refs[i] = v.clone();
        }
        Ok(v)
    }
}
