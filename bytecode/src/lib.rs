//! `taipan-bytecode`: the contract between Taipan's interpreter and its JIT.
//!
//! DESIGN.md places here everything both sides must agree on: the opcode
//! table, the instruction encoding, `CodeObject`, the marshal format of the
//! compiled-code cache, the disassembler, value-layout constants and the
//! names of runtime helpers. The front-end issue only lays the crate down;
//! the compiler issue fills it. What exists today is the version stamp that
//! every cache file and JIT build will carry.

/// Version of the bytecode format; bumped whenever the encoding changes so
/// that stale cache files are rejected rather than trusted.
pub const FORMAT_VERSION: u32 = 1;

/// The Python language version whose bytecode model Taipan follows.
pub const PYTHON_VERSION: (u8, u8) = (3, 11);
