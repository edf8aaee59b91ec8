//! The built-in types declared one file each: the type's attributes —
//! methods and computed attributes — in one table (`MEMBERS`), which
//! `builtin_types` turns into the type's dict, so `dir()`, `hasattr`,
//! `obj.attr`, `Type.attr` and `vars(Type)` all read it. (`str`,
//! `bytes`, the sets and the iterators declare their tables beside their
//! operations — `string::STR_MEMBERS`, ….)

pub mod builtin_iter;
pub mod bytes;
pub mod bytes_methods;
pub mod code;
pub mod complex;
pub mod construct;
pub mod descriptor;
pub mod dict;
pub mod exception;
pub mod exception_group;
pub mod function;
pub mod generic_alias;
pub mod iterator;
pub mod iterator_adapters;
pub mod list;
pub mod long_range;
pub mod mapping_proxy;
pub mod memoryview;
pub mod metaclass;
pub mod method;
pub mod number;
pub mod number_methods;
pub mod object;
pub mod property;
pub mod quitter;
pub mod range;
pub mod set;
pub mod simple_namespace;
pub mod site_printer;
pub mod stream;
pub mod string;
pub mod string_surrogates;
pub mod string_translate;
pub mod struct_sequence;
pub mod text_codecs;
pub mod traceback;
pub mod union_type;
pub mod weakref;

use crate::object::builtin_types::Member;
use crate::object::heap::TypeKind;

/// The method tables of built-in type `t` (a type may combine several:
/// `set` has `frozenset`'s methods and its own).
pub fn member_tables(t: TypeKind) -> &'static [&'static [Member]] {
    use crate::types::{self, bytes, bytes_methods, set, stream, string};
    if let Some(tables) = types::iterator::members(t).or_else(|| types::dict::view_members(t)) {
        return tables;
    }
    match t {
        TypeKind::Int => &[types::number::INT_MEMBERS],
        TypeKind::Float => &[types::number::FLOAT_MEMBERS],
        TypeKind::Complex => &[types::number::COMPLEX_MEMBERS],
        TypeKind::Str => &[string::STR_MEMBERS],
        TypeKind::Bytes => &[
            bytes::BYTES_MEMBERS,
            bytes_methods::SHARED_MEMBERS,
            bytes_methods::BYTES_ONLY,
        ],
        TypeKind::ByteArray => &[
            bytes::BYTES_MEMBERS,
            bytes::BYTEARRAY_MUTATORS,
            bytes_methods::SHARED_MEMBERS,
            bytes_methods::BYTEARRAY_ONLY,
        ],
        TypeKind::List => &[types::list::LIST_MEMBERS, GENERIC],
        TypeKind::Tuple => &[types::list::TUPLE_MEMBERS, GENERIC],
        TypeKind::Dict => &[types::dict::DICT_MEMBERS, GENERIC],
        TypeKind::Set => &[set::FROZENSET_MEMBERS, set::SET_MUTATORS, GENERIC],
        TypeKind::FrozenSet => &[set::FROZENSET_MEMBERS, GENERIC],
        TypeKind::Range => &[types::range::RANGE_MEMBERS],
        TypeKind::Slice => &[types::range::SLICE_MEMBERS],
        TypeKind::WeakRef => &[crate::object::weakref::WEAKREF_MEMBERS],
        TypeKind::Code => &[crate::types::code::MEMBERS],
        TypeKind::Type => &[GENERIC, crate::object::builtin_types::TYPE_MEMBERS],
        crate::object::heap::TypeKind::MAPPING_PROXY => &[crate::types::mapping_proxy::MEMBERS],
        TypeKind::Function => &[crate::types::function::MEMBERS],
        crate::object::heap::TypeKind::GETSET_DESCRIPTOR => {
            &[crate::types::descriptor::GETSET_MEMBERS]
        }
        TypeKind::MemoryView => &[crate::types::memoryview::MEMBERS],
        TypeKind::Traceback => &[crate::types::traceback::MEMBERS],
        TypeKind::Property => &[
            crate::types::property::MEMBERS,
            crate::types::descriptor::PROPERTY_DESCRIPTOR,
        ],
        TypeKind::StaticMethod | TypeKind::ClassMethod => {
            &[crate::types::descriptor::WRAPPER_MEMBERS]
        }
        TypeKind::Super => &[crate::types::descriptor::SUPER_MEMBERS],
        crate::types::stream::KIND => &[stream::COMMON_MEMBERS, stream::TEXT_MEMBERS],
        crate::types::stream::BUFFER_KIND => &[stream::COMMON_MEMBERS, stream::BUFFER_MEMBERS],
        TypeKind::BuiltinFunction => &[crate::types::method::BUILTIN_MEMBERS],
        TypeKind::Method => &[crate::types::method::METHOD_MEMBERS],
        TypeKind::Iterator("method_descriptor" | "wrapper_descriptor") => {
            &[crate::types::method::METHOD_DESCR_MEMBERS]
        }
        _ => &[],
    }
}

/// `T[args]` for the generic built-in types (PEP 585).
const GENERIC: &[Member] = &[Member::ClassMethod(
    "__class_getitem__",
    crate::types::generic_alias::class_getitem,
)];

/// `hash(v)` of the built-in values whose hashes their types compute
/// (ranges, frozensets); the dict asks through `object::upcalls`.
pub fn hash_builtin(v: &crate::object::value::Value) -> crate::object::exceptions::PyResult<i64> {
    use crate::object::heap::{Object, SetObj};
    match v.as_obj() {
        Some(Object::Set(SetObj { table, .. })) => Ok(set::frozenset_hash(&table.borrow())),
        _ => long_range::hash(v),
    }
}
