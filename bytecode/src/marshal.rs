//! The compiled-code cache format: a header that identifies the source it
//! was compiled from, then the code object, all little-endian.
//!
//! ```text
//! b"TPYC"  format version (u32)  source mtime in ns (u64)  source size (u64)
//! checksum of what follows (u64, FNV-1a)
//! code object (recursively: strings and vectors length-prefixed)
//! ```
//! Reading never trusts the input: a truncated or corrupt file is an
//! error, never a panic, and the caller recompiles. The checksum catches
//! damage that would still decode into verifiable code (a flipped byte
//! in a constant, a name, a jump): any one changed byte changes it.

use crate::code::{CodeObject, ConstValue, Position};
use std::sync::Arc;

/// File magic of Taipan cache files.
pub const MAGIC: &[u8; 4] = b"TPYC";

/// What identifies the source a cache file was compiled from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceStamp {
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: u64,
    /// Size in bytes.
    pub size: u64,
}

/// Why a cache file was rejected.
#[derive(Debug, PartialEq, Eq)]
pub enum MarshalError {
    /// Not a Taipan cache file, or one of another format version.
    BadHeader,
    /// The data ended early or holds an impossible value.
    Corrupt,
}

/// Serialises a code object with its source stamp.
pub fn dump(code: &CodeObject, stamp: SourceStamp) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(code.code.len() * 4 + 256));
    w.0.extend_from_slice(MAGIC);
    w.u32(crate::FORMAT_VERSION);
    w.u64(stamp.mtime_ns);
    w.u64(stamp.size);
    let mut body = Writer(Vec::with_capacity(code.code.len() * 4 + 256));
    body.code(code);
    w.u64(checksum(&body.0));
    w.0.extend_from_slice(&body.0);
    w.0
}

/// The checksum a cache file stores of the bytes after it: FNV-1a, each
/// byte step a bijection of the running value, so changing any one byte
/// always changes the result. (Public for tools and tests that build
/// cache files.)
pub fn checksum(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Reads the source stamp of a cache file without decoding the code.
pub fn read_stamp(data: &[u8]) -> Result<SourceStamp, MarshalError> {
    let mut r = Reader { data, pos: 0 };
    r.header()
}

/// Where the code starts in a cache file (after the header and the
/// checksum).
pub const BODY_OFFSET: usize = 32;

/// Deserialises a cache file: its source stamp and code object.
pub fn load(data: &[u8]) -> Result<(SourceStamp, CodeObject), MarshalError> {
    let mut r = Reader { data, pos: 0 };
    let stamp = r.header()?;
    let sum = r.u64()?;
    if checksum(&data[r.pos..]) != sum {
        return Err(MarshalError::Corrupt);
    }
    let code = r.code(0)?;
    if r.pos != data.len() {
        return Err(MarshalError::Corrupt);
    }
    Ok((stamp, code))
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
    fn constant(&mut self, c: &ConstValue) {
        match c {
            ConstValue::None => self.u8(0),
            ConstValue::Bool(b) => {
                self.u8(1);
                self.u8(*b as u8);
            }
            ConstValue::Int(i) => {
                self.u8(2);
                self.u64(*i as u64);
            }
            ConstValue::BigInt(s) => {
                self.u8(3);
                self.str(s);
            }
            ConstValue::Float(f) => {
                self.u8(4);
                self.u64(f.to_bits());
            }
            ConstValue::Complex(re, im) => {
                self.u8(5);
                self.u64(re.to_bits());
                self.u64(im.to_bits());
            }
            ConstValue::Str(s) => {
                self.u8(6);
                self.str(s);
            }
            ConstValue::WtfStr(s) => {
                self.u8(12);
                self.bytes(s.as_bytes());
            }
            ConstValue::Bytes(b) => {
                self.u8(7);
                self.bytes(b);
            }
            ConstValue::Tuple(items) => {
                self.u8(8);
                self.u32(items.len() as u32);
                for i in items {
                    self.constant(i);
                }
            }
            ConstValue::Code(code) => {
                self.u8(9);
                self.code(code);
            }
            ConstValue::Ellipsis => self.u8(10),
            ConstValue::FrozenSet(items) => {
                self.u8(11);
                self.u32(items.len() as u32);
                for i in items {
                    self.constant(i);
                }
            }
        }
    }
    fn code(&mut self, c: &CodeObject) {
        self.str(&c.name);
        self.str(&c.qualname);
        self.str(&c.filename);
        for v in [
            c.firstlineno,
            c.argcount,
            c.posonlyargcount,
            c.kwonlyargcount,
            c.flags,
            c.stacksize,
        ] {
            self.u32(v);
        }
        self.bytes(&c.code);
        self.u32(c.consts.len() as u32);
        for k in &c.consts {
            self.constant(k);
        }
        self.strs(&c.names);
        self.strs(&c.varnames);
        self.strs(&c.cellvars);
        self.strs(&c.freevars);
        self.u32(c.positions.len() as u32);
        for p in &c.positions {
            for v in [p.lineno, p.end_lineno, p.col, p.end_col] {
                self.u32(v);
            }
        }
        self.u32(c.exception_table.len() as u32);
        for e in &c.exception_table {
            for v in [e.start, e.end, e.target, e.depth, e.lasti as u32] {
                self.u32(v);
            }
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

/// Deepest nesting of code objects and tuples a cache file may hold.
const MAX_NESTING: u32 = 200;

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], MarshalError> {
        let end = self.pos.checked_add(n).ok_or(MarshalError::Corrupt)?;
        let s = self.data.get(self.pos..end).ok_or(MarshalError::Corrupt)?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, MarshalError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, MarshalError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, MarshalError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    fn len(&mut self) -> Result<usize, MarshalError> {
        let n = self.u32()? as usize;
        if n > self.data.len() - self.pos.min(self.data.len()) {
            return Err(MarshalError::Corrupt);
        }
        Ok(n)
    }
    fn bytes(&mut self) -> Result<Vec<u8>, MarshalError> {
        let n = self.len()?;
        Ok(self.take(n)?.to_vec())
    }
    fn str(&mut self) -> Result<String, MarshalError> {
        String::from_utf8(self.bytes()?).map_err(|_| MarshalError::Corrupt)
    }
    fn strs(&mut self) -> Result<Vec<String>, MarshalError> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn header(&mut self) -> Result<SourceStamp, MarshalError> {
        if self.take(4).map_err(|_| MarshalError::BadHeader)? != MAGIC {
            return Err(MarshalError::BadHeader);
        }
        if self.u32().map_err(|_| MarshalError::BadHeader)? != crate::FORMAT_VERSION {
            return Err(MarshalError::BadHeader);
        }
        Ok(SourceStamp {
            mtime_ns: self.u64()?,
            size: self.u64()?,
        })
    }
    fn constant(&mut self, depth: u32) -> Result<ConstValue, MarshalError> {
        if depth > MAX_NESTING {
            return Err(MarshalError::Corrupt);
        }
        Ok(match self.u8()? {
            0 => ConstValue::None,
            1 => ConstValue::Bool(self.u8()? != 0),
            2 => ConstValue::Int(self.u64()? as i64),
            3 => ConstValue::BigInt(self.str()?),
            4 => ConstValue::Float(f64::from_bits(self.u64()?)),
            5 => ConstValue::Complex(f64::from_bits(self.u64()?), f64::from_bits(self.u64()?)),
            6 => ConstValue::Str(self.str()?),
            7 => ConstValue::Bytes(self.bytes()?),
            8 => {
                let n = self.len()?;
                ConstValue::Tuple(
                    (0..n)
                        .map(|_| self.constant(depth + 1))
                        .collect::<Result<_, _>>()?,
                )
            }
            9 => ConstValue::Code(Arc::new(self.code(depth + 1)?)),
            10 => ConstValue::Ellipsis,
            11 => {
                let n = self.len()?;
                ConstValue::FrozenSet(
                    (0..n)
                        .map(|_| self.constant(depth + 1))
                        .collect::<Result<_, _>>()?,
                )
            }
            12 => ConstValue::WtfStr(
                crate::wtf8::Wtf8Buf::from_bytes(self.bytes()?).ok_or(MarshalError::Corrupt)?,
            ),
            _ => return Err(MarshalError::Corrupt),
        })
    }
    fn code(&mut self, depth: u32) -> Result<CodeObject, MarshalError> {
        if depth > MAX_NESTING {
            return Err(MarshalError::Corrupt);
        }
        let name = self.str()?;
        let qualname = self.str()?;
        let filename = self.str()?;
        let mut v = [0u32; 6];
        for x in &mut v {
            *x = self.u32()?;
        }
        let code = self.bytes()?;
        if !code.len().is_multiple_of(2) {
            return Err(MarshalError::Corrupt);
        }
        let n = self.len()?;
        let consts = (0..n)
            .map(|_| self.constant(depth))
            .collect::<Result<_, _>>()?;
        let names = self.strs()?;
        let varnames = self.strs()?;
        let cellvars = self.strs()?;
        let freevars = self.strs()?;
        let n = self.len()?;
        let mut positions = Vec::with_capacity(n);
        for _ in 0..n {
            positions.push(Position {
                lineno: self.u32()?,
                end_lineno: self.u32()?,
                col: self.u32()?,
                end_col: self.u32()?,
            });
        }
        let n = self.len()?;
        let mut exception_table = Vec::with_capacity(n);
        for _ in 0..n {
            exception_table.push(crate::code::ExceptionEntry {
                start: self.u32()?,
                end: self.u32()?,
                target: self.u32()?,
                depth: self.u32()?,
                lasti: match self.u32()? {
                    0 => false,
                    1 => true,
                    _ => return Err(MarshalError::Corrupt),
                },
            });
        }
        let code = CodeObject {
            name,
            qualname,
            filename,
            firstlineno: v[0],
            argcount: v[1],
            posonlyargcount: v[2],
            kwonlyargcount: v[3],
            flags: v[4],
            stacksize: v[5],
            code,
            consts,
            names,
            varnames,
            cellvars,
            freevars,
            positions,
            exception_table,
        };
        // Nested code objects were read (and verified) before this one.
        crate::verify::verify_own(&code).map_err(|_| MarshalError::Corrupt)?;
        Ok(code)
    }
}
