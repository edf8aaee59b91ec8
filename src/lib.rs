//! Taipan: a Python 3 implementation in Rust.
//!
//! The pipeline, one module per stage: [`front`] (source → tokens → AST),
//! then — in later issues — the compiler, the interpreter and the JIT.

pub mod cache;
pub mod compiler;
pub mod front;
pub mod runtime;
pub use taipan_bytecode::{pyrepr, unicode_tables, wtf8};
