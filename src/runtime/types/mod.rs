//! The built-in types declared one file each: the type's attributes —
//! methods and computed attributes — in one table (`MEMBERS`), which
//! `builtin_types` turns into the type's dict, so `dir()`, `hasattr`,
//! `obj.attr`, `Type.attr` and `vars(Type)` all read it. (The older
//! types still declare their tables in the modules of their operations:
//! `methods::LIST_MEMBERS`, `strings::STR_MEMBERS`, …; they move here
//! one at a time.)

pub mod descriptor;
pub mod exception;
pub mod function;
pub mod generator;
pub mod method;
pub mod property;
