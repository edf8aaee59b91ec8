//! Taipan: a Python 3 implementation in Rust.
//!
//! The pipeline, one module per stage: [`front`] (source → tokens → AST),
//! [`compiler`] (AST → code objects, cached on disk by [`cache`]), and the
//! runtime in layers, each using only those before it in this list
//! (docs/architecture.md): [`object`] (values, headers, type objects,
//! shapes), [`types`] (one file per built-in type) with [`protocol`]
//! (operations through the types' slots), [`vm`] (eval loop, frames,
//! calls, imports), then [`jit`] (the glue to the Cranelift tier) and
//! [`modules`] (built-in modules).

pub mod cache;
pub mod compiler;
pub mod embed;
pub mod front;
pub mod jit;
#[cfg(feature = "jit")]
pub mod jit_background;
pub mod modules;
pub mod object;
pub mod protocol;
pub mod types;
pub mod vm;
pub use taipan_bytecode::{pyrepr, unicode_tables, wtf8};
