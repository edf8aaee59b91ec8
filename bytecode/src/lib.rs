//! `taipan-bytecode`: the contract between Taipan's interpreter and its JIT.
//!
//! Everything both sides must agree on lives here: the opcode table
//! ([`opcode`]), code objects ([`code`]), their verification ([`verify`]),
//! the compiled-code cache format ([`marshal`]), the disassembler
//! ([`dis`]) and the interpreter's type feedback ([`feedback`]); also CPython-compatible `repr` of literal values
//! ([`pyrepr`]), which the disassembler and the runtime share.

pub mod code;
pub mod dis;
pub mod feedback;
pub mod marshal;
pub mod opcode;
pub mod pyrepr;
pub mod unichar;
#[rustfmt::skip]
pub mod unicode_case_tables;
#[rustfmt::skip]
pub mod unicode_tables;
pub mod verify;
pub mod wtf8;

/// Version of the bytecode format; bumped whenever the encoding changes so
/// that stale cache files are rejected rather than trusted.
pub const FORMAT_VERSION: u32 = 7;
