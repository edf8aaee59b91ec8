//! `_ast`: CPython 3.11's AST node classes (`nodes`, a table generated
//! from CPython's module) with `AST.__init__` taking the `_fields` by
//! position or name, and `compile(..., PyCF_ONLY_AST)`, which parses with
//! Taipan's front end and turns its tree into these objects (`convert`).

mod convert;
mod nodes;

use crate::object::args::receiver;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::make_module;
use crate::object::heap::{as_str, new_str, new_tuple, Object, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// `PyCF_ONLY_AST`: `compile()` returns the tree.
pub const PYCF_ONLY_AST: i64 = 0x400;

pub use convert::parse_to_ast;

/// `_ast.AST`.
fn ast_class() -> Value {
    crate::object::builtin_types::kept_by_name("_ast.AST", || {
        let attrs = vec![
            ("_fields", new_tuple(Vec::new())),
            ("_attributes", new_tuple(Vec::new())),
            ("__match_args__", new_tuple(Vec::new())),
            crate::object::native::method("__init__", init),
            crate::object::native::method("__reduce__", reduce),
        ];
        crate::object::classes::new_mutable_builtin_class(
            "ast",
            "AST",
            crate::object::classes::type_object(TypeKind::Object),
            attrs,
        )
    })
}

/// The node class called `name` (`Name`, `stmt`, …).
pub fn node_class(name: &str) -> Option<Value> {
    if name == "AST" {
        return Some(ast_class());
    }
    let spec = nodes::NODE_CLASSES.iter().find(|c| c.name == name)?;
    Some(crate::object::builtin_types::kept_by_name(spec.key, || {
        let base = node_class(spec.base).unwrap_or_else(ast_class);
        let fields = new_tuple(spec.fields.iter().map(|f| new_str(*f)).collect());
        let mut attrs = vec![("_fields", fields.clone()), ("__match_args__", fields)];
        if let Some(a) = spec.attributes {
            attrs.push((
                "_attributes",
                new_tuple(a.iter().map(|f| new_str(*f)).collect()),
            ));
        }
        for name in spec.optional {
            attrs.push((name, Value::None));
        }
        crate::object::classes::new_mutable_builtin_class("ast", spec.name, base, attrs)
    }))
}

/// `AST.__init__(*args, **kwargs)`: positional arguments fill `_fields`
/// in order, keywords set any attribute.
fn init(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, args) = receiver(s, a)?;
    let cls = crate::object::classes::type_value(r);
    let fields = crate::protocol::getattr(vm, &cls, "_fields")?;
    let fields = crate::protocol::to_vec(vm, &fields)?;
    if args.len() > fields.len() {
        let name = crate::object::classes::class_name(&cls);
        return raise(
            ExcKind::TypeError,
            format!(
                "{name} constructor takes at most {} positional argument{}",
                fields.len(),
                if fields.len() == 1 { "" } else { "s" }
            ),
        );
    }
    for (f, v) in fields.iter().zip(args) {
        let Some(f) = as_str(f) else { continue };
        crate::object::classes::setattr(vm, r, f, Some(v.clone()))?;
    }
    for (k, v) in kw {
        crate::object::classes::setattr(vm, r, k, Some(v.clone()))?;
    }
    Ok(Value::None)
}

/// `AST.__reduce__()`: `(type(self), (), self.__dict__)`.
fn reduce(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, _) = receiver(s, a)?;
    let cls = crate::object::classes::type_value(r);
    let dict = crate::protocol::getattr(vm, r, "__dict__")?;
    Ok(new_tuple(vec![cls, new_tuple(Vec::new()), dict]))
}

/// The `_ast` module.
pub fn module() -> Value {
    let mut attrs: Vec<(&str, Value)> = vec![
        ("AST", ast_class()),
        ("PyCF_ONLY_AST", Value::Int(PYCF_ONLY_AST)),
        ("PyCF_TYPE_COMMENTS", Value::Int(0x1000)),
        ("PyCF_ALLOW_TOP_LEVEL_AWAIT", Value::Int(0x2000)),
    ];
    for spec in nodes::NODE_CLASSES {
        if let Some(cls) = node_class(spec.name) {
            attrs.push((spec.name, cls));
        }
    }
    make_module("_ast", attrs)
}

/// Whether `v` is an AST node (`compile()` was given a tree).
pub fn is_node(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Instance(_)))
        && crate::object::classes::is_subclass(&crate::object::classes::type_value(v), &ast_class())
}
