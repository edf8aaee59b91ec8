//! The object model: values and the heap-object header, type objects
//! (built-in and user classes, with MROs, dicts, version tags), instance
//! shapes, the dict hash table, exceptions as values, the collector,
//! weak references and the per-interpreter state. The layers above —
//! `types`, `protocol`, `vm`, `modules` — build on it.

pub mod allocator;
pub mod args;
pub mod builtin_types;
pub mod classes;
pub mod dict;
pub(crate) mod dict_table;
#[rustfmt::skip]
pub mod exceptions;
pub mod frame_slab;
pub mod gc;
pub mod gil;
pub mod heap;
pub mod instance;
pub mod intern;
pub mod kinds;
pub mod lookup_cache;
pub mod memory;
pub mod native;
pub mod payloads;
pub mod pending;
pub mod set_table;
pub mod shape;
pub mod state;
pub mod suggestions;
pub mod surrogates;
pub mod type_slots;
pub mod upcalls;
pub mod value;
pub mod weakref;
