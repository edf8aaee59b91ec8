//! Code objects: what the compiler produces and the interpreter and JIT
//! execute. Fields follow CPython's `co_*` attributes.

use std::sync::Arc;

/// A compile-time constant (`co_consts` entry).
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// An integer beyond i64, as decimal digits (with a leading `-` if negative).
    BigInt(String),
    /// A float.
    Float(f64),
    /// A complex number (real, imaginary).
    Complex(f64, f64),
    /// A str.
    Str(String),
    /// A str holding lone surrogates (which a `String` cannot).
    WtfStr(crate::wtf8::Wtf8Buf),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// A tuple of constants (folded tuple displays, keyword names).
    Tuple(Vec<ConstValue>),
    /// A nested code object (function bodies).
    Code(Arc<CodeObject>),
    /// `...`.
    Ellipsis,
    /// A frozenset of constants (a set display of constants), its items in
    /// source order.
    FrozenSet(Vec<ConstValue>),
}

impl ConstValue {
    /// `repr()` of the constant, as `dis` shows it.
    pub fn repr(&self) -> String {
        use crate::pyrepr::{repr_bytes, repr_float, repr_imaginary, repr_str};
        use crate::wtf8::Wtf8Buf;
        match self {
            ConstValue::None => "None".into(),
            ConstValue::Bool(b) => if *b { "True" } else { "False" }.into(),
            ConstValue::Int(i) => i.to_string(),
            ConstValue::BigInt(s) => s.clone(),
            ConstValue::Float(f) => repr_float(*f),
            ConstValue::Complex(re, im) if *re == 0.0 && re.is_sign_positive() => {
                repr_imaginary(*im)
            }
            ConstValue::Complex(re, im) => {
                let im_text = repr_imaginary(*im);
                let sign = if im_text.starts_with('-') { "" } else { "+" };
                format!(
                    "({}{sign}{im_text})",
                    crate::pyrepr::repr_float(*re).trim_end_matches(".0")
                )
            }
            ConstValue::Str(s) => repr_str(&Wtf8Buf::from_text(s)),
            ConstValue::WtfStr(s) => repr_str(s),
            ConstValue::Bytes(b) => repr_bytes(b),
            ConstValue::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(ConstValue::repr).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            ConstValue::Code(code) => format!(
                "<code object {}, file \"{}\", line {}>",
                code.name, code.filename, code.firstlineno
            ),
            ConstValue::Ellipsis => "Ellipsis".into(),
            ConstValue::FrozenSet(items) => {
                let parts: Vec<String> = items.iter().map(ConstValue::repr).collect();
                format!("frozenset({{{}}})", parts.join(", "))
            }
        }
    }
}

/// The source range of one instruction (CPython's `co_positions`): 1-based
/// lines, 0-based UTF-8 byte columns; zeros where unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub lineno: u32,
    pub end_lineno: u32,
    pub col: u32,
    pub end_col: u32,
}

/// `co_flags` bits.
pub mod flags {
    /// Locals are fast slots (function bodies).
    pub const OPTIMIZED: u32 = 0x0001;
    /// The code runs with a fresh locals namespace.
    pub const NEWLOCALS: u32 = 0x0002;
    /// Has a `*args` parameter.
    pub const VARARGS: u32 = 0x0004;
    /// Has a `**kwargs` parameter.
    pub const VARKEYWORDS: u32 = 0x0008;
    /// A generator function: calling it makes a generator.
    pub const GENERATOR: u32 = 0x0020;
    /// An `async def` function: calling it makes a coroutine.
    pub const COROUTINE: u32 = 0x0080;
    /// A generator decorated with `types.coroutine`: `await` accepts it.
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    /// An `async def` with `yield`: calling it makes an async generator.
    pub const ASYNC_GENERATOR: u32 = 0x0200;
}

/// A compiled unit: a module body or a function body.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    /// `co_name`: the function's name, or `<module>`.
    pub name: String,
    /// `co_qualname`: the dotted name used in tracebacks of methods.
    pub qualname: String,
    /// `co_filename`.
    pub filename: String,
    /// `co_firstlineno`.
    pub firstlineno: u32,
    /// Positional parameters, positional-only ones included.
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonlyargcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// [`flags`] bits.
    pub flags: u32,
    /// The maximum value-stack depth.
    pub stacksize: u32,
    /// Wordcode: opcode byte, argument byte.
    pub code: Vec<u8>,
    /// `co_consts`.
    pub consts: Vec<ConstValue>,
    /// `co_names`: globals, attributes and (in module code) variables.
    pub names: Vec<String>,
    /// `co_varnames`: parameters first, then the other fast locals.
    pub varnames: Vec<String>,
    /// `co_cellvars`: locals that nested functions close over.
    pub cellvars: Vec<String>,
    /// `co_freevars`: variables of enclosing functions used here.
    pub freevars: Vec<String>,
    /// One position per instruction word.
    pub positions: Vec<Position>,
    /// Where exceptions raised in each range of instructions go
    /// (CPython 3.11's `co_exceptiontable`), innermost ranges first.
    pub exception_table: Vec<ExceptionEntry>,
}

/// One entry of the exception table: an exception raised by an
/// instruction in `start..end` (byte offsets) pops the value stack to
/// `depth`, pushes the offset of the raising instruction if `lasti`, then
/// the exception, and continues at `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

impl CodeObject {
    /// Number of frame slots before the value stack: fast locals, then
    /// cells that are not parameters, then free variables (CPython's
    /// "localsplus").
    #[inline]
    pub fn nlocals(&self) -> usize {
        if self.cellvars.is_empty() {
            return self.varnames.len() + self.freevars.len();
        }
        self.varnames.len() + self.extra_cells().count() + self.freevars.len()
    }

    /// Cell variables that have no slot among the fast locals.
    fn extra_cells(&self) -> impl Iterator<Item = &String> {
        self.cellvars.iter().filter(|c| !self.varnames.contains(c))
    }

    /// The name of every frame slot (`nlocals()` of them).
    pub fn localsplus_names(&self) -> Vec<&str> {
        self.varnames
            .iter()
            .chain(self.extra_cells())
            .chain(&self.freevars)
            .map(String::as_str)
            .collect()
    }

    /// Whether a call with exactly `argcount` positional arguments needs
    /// no binding beyond copying them (no `*args`, `**kwargs` or
    /// keyword-only parameters).
    pub fn is_simple_positional(&self) -> bool {
        self.kwonlyargcount == 0 && self.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0
    }

    /// The positional argument count a call passes straight into a frame
    /// that it runs (simple positional parameters, and code that a call
    /// runs rather than making a generator or coroutine of it): the calls
    /// that need no argument binding, made directly by compiled code.
    pub fn direct_argcount(&self) -> Option<usize> {
        let runs_when_called =
            self.flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) == 0;
        (self.is_simple_positional() && runs_when_called).then_some(self.argcount as usize)
    }

    /// The values a frame of this code takes: its locals, its value stack
    /// and one spare.
    pub fn frame_capacity(&self) -> usize {
        self.nlocals() + self.stacksize as usize + 1
    }

    /// The handler of an exception raised at byte `offset`, if any.
    pub fn handler_at(&self, offset: usize) -> Option<&ExceptionEntry> {
        let o = offset as u32;
        self.exception_table
            .iter()
            .find(|e| e.start <= o && o < e.end)
    }

    /// The source position of the instruction at byte `offset`.
    pub fn position_at(&self, offset: usize) -> Position {
        self.positions.get(offset / 2).copied().unwrap_or_default()
    }

    /// Decodes the instructions: (offset, opcode, full argument) with
    /// EXTENDED_ARG prefixes folded into the instruction they extend.
    pub fn instructions(&self) -> Vec<Instruction> {
        let mut out = Vec::with_capacity(self.code.len() / 2);
        let mut ext: u32 = 0;
        let mut start = None;
        for (i, pair) in self.code.chunks_exact(2).enumerate() {
            let offset = i * 2;
            let Some(op) = crate::opcode::Opcode::from_u8(pair[0]) else {
                out.push(Instruction {
                    offset,
                    start: offset,
                    opcode: None,
                    arg: pair[1] as u32,
                });
                ext = 0;
                start = None;
                continue;
            };
            let arg = (ext << 8) | pair[1] as u32;
            if op == crate::opcode::Opcode::EXTENDED_ARG {
                ext = arg;
                start.get_or_insert(offset);
                continue;
            }
            out.push(Instruction {
                offset,
                start: start.take().unwrap_or(offset),
                opcode: Some(op),
                arg,
            });
            ext = 0;
        }
        out
    }
}

/// One decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Byte offset of the opcode itself.
    pub offset: usize,
    /// Byte offset of its first EXTENDED_ARG prefix (or of itself).
    pub start: usize,
    /// The opcode, `None` for a byte that is not one (corrupt code).
    pub opcode: Option<crate::opcode::Opcode>,
    /// The argument, prefixes included.
    pub arg: u32,
}

impl Instruction {
    /// The byte offset a jump instruction targets.
    pub fn jump_target(&self) -> Option<usize> {
        use crate::opcode::ArgKind;
        let next = self.offset + 2;
        match self.opcode?.arg_kind() {
            ArgKind::JumpForward => Some(next + 2 * self.arg as usize),
            ArgKind::JumpBackward => next.checked_sub(2 * self.arg as usize),
            _ => None,
        }
    }
}
