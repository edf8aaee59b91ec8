//! The `types` module: the types of built-in objects under their public
//! names, and `SimpleNamespace`.

use crate::modules::builtins::make_module;
use crate::object::classes::type_object;
use crate::object::heap::TypeKind;
use crate::object::value::Value;

/// The `types` module object.
pub fn module() -> Value {
    make_module(
        "types",
        vec![
            ("SimpleNamespace", crate::types::simple_namespace::class()),
            ("GenericAlias", crate::types::generic_alias::class()),
            ("UnionType", crate::types::union_type::class()),
            (
                "NoneType",
                crate::object::classes::type_object(crate::object::heap::TypeKind::NoneType),
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
            ("CoroutineType", type_object(TypeKind::Coroutine)),
            ("AsyncGeneratorType", type_object(TypeKind::AsyncGenerator)),
            ("ModuleType", type_object(TypeKind::Module)),
            ("CodeType", type_object(TypeKind::Code)),
            ("CellType", type_object(TypeKind::Cell)),
            ("NoneType", type_object(TypeKind::NoneType)),
            (
                "NotImplementedType",
                type_object(TypeKind::NotImplementedType),
            ),
            ("EllipsisType", type_object(TypeKind::Ellipsis)),
            (
                "MappingProxyType",
                type_object(crate::types::mapping_proxy::KIND),
            ),
        ],
    )
}
