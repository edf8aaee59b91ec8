//! The `types` module: the types of built-in objects under their public
//! names, and `SimpleNamespace`.

use super::builtins::make_module;
use super::classes::type_object;
use super::object::TypeKind;
use super::value::Value;

/// The `types` module object.
pub fn module() -> Value {
    make_module(
        "types",
        vec![
            ("SimpleNamespace", super::simple_namespace::class()),
            ("GenericAlias", super::generic_alias::class()),
            ("UnionType", super::union_type::class()),
            (
                "NoneType",
                super::classes::type_object(super::object::TypeKind::NoneType),
            ),
            ("FunctionType", type_object(TypeKind::Function)),
            ("LambdaType", type_object(TypeKind::Function)),
            (
                "BuiltinFunctionType",
                type_object(TypeKind::BuiltinFunction),
            ),
            ("BuiltinMethodType", type_object(TypeKind::BuiltinFunction)),
            ("MethodType", type_object(TypeKind::Method)),
            ("GeneratorType", type_object(TypeKind::Generator)),
            ("ModuleType", type_object(TypeKind::Module)),
            ("CodeType", type_object(TypeKind::Code)),
            ("CellType", type_object(TypeKind::Cell)),
            ("NoneType", type_object(TypeKind::NoneType)),
            (
                "NotImplementedType",
                type_object(TypeKind::NotImplementedType),
            ),
            ("EllipsisType", type_object(TypeKind::Ellipsis)),
            ("MappingProxyType", type_object(super::mapping_proxy::KIND)),
        ],
    )
}
