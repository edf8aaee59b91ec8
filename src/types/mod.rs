//! The built-in types declared one file each: the type's attributes —
//! methods and computed attributes — in one table (`MEMBERS`), which
//! `builtin_types` turns into the type's dict, so `dir()`, `hasattr`,
//! `obj.attr`, `Type.attr` and `vars(Type)` all read it. (`str`,
//! `bytes`, the sets and the iterators declare their tables beside their
//! operations — `string::STR_MEMBERS`, ….)

pub mod builtin_iter;
pub mod bytes;
pub mod bytes_methods;
pub mod complex;
pub mod descriptor;
pub mod dict;
pub mod exception;
pub mod exception_group;
pub mod function;
pub mod generator;
pub mod generic_alias;
pub mod iterator;
pub mod iterator_adapters;
pub mod list;
pub mod long_range;
pub mod mapping_proxy;
pub mod memoryview;
pub mod method;
pub mod number;
pub mod number_methods;
pub mod object;
pub mod property;
pub mod range;
pub mod set;
pub mod simple_namespace;
pub mod string;
pub mod string_translate;
pub mod struct_sequence;
pub mod traceback;
pub mod union_type;
