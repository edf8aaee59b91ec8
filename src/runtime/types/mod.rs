//! The built-in types declared one file each: the type's attributes —
//! methods and computed attributes — in one table (`MEMBERS`), which
//! `builtin_types` turns into the type's dict, so `dir()`, `hasattr`,
//! `obj.attr`, `Type.attr` and `vars(Type)` all read it. (`str`,
//! `bytes`, the sets and the iterators still declare their tables in the
//! modules of their operations — `strings::STR_MEMBERS`, … — and move
//! here one at a time.)

pub mod bytes;
pub mod descriptor;
pub mod dict;
pub mod exception;
pub mod function;
pub mod generator;
pub mod iterator;
pub mod list;
pub mod method;
pub mod number;
pub mod property;
pub mod range;
