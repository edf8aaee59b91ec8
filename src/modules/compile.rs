//! The `compile()` built-in: source text to a code object (the
//! interpreter's `vm::eval_exec::compile_text`) or, with
//! `PyCF_ONLY_AST`, to an `ast` tree (`modules::ast`).

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{as_str, type_name, NewObject, Object};
use crate::object::value::Value;
use crate::vm::eval_exec::{compile_text, source_text};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// `compile(source, filename, mode, flags=0, dont_inherit=False,
/// optimize=-1)`: a code object.
pub fn b_compile(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut params: [Option<Value>; 6] = Default::default();
    const NAMES: [&str; 6] = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    if args.len() > 6 {
        return raise(
            ExcKind::TypeError,
            format!("compile() takes at most 6 arguments ({} given)", args.len()),
        );
    }
    for (i, a) in args.iter().enumerate() {
        params[i] = Some(a.clone());
    }
    for (k, v) in kw {
        let Some(i) = NAMES.iter().position(|n| **n == **k) else {
            if &**k == "_feature_version" {
                continue;
            }
            return raise(
                ExcKind::TypeError,
                format!("compile() got an unexpected keyword argument '{k}'"),
            );
        };
        params[i] = Some(v.clone());
    }
    let [Some(source), Some(filename), Some(mode), flags, ..] = params else {
        return raise(
            ExcKind::TypeError,
            "compile() missing required argument 'source' (pos 1)",
        );
    };
    let Some(mode) = as_str(&mode).map(str::to_string) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "compile() argument 'mode' must be str, not {}",
                type_name(&mode)
            ),
        );
    };
    if !matches!(mode.as_str(), "exec" | "eval" | "single") {
        return raise(
            ExcKind::ValueError,
            "compile() mode must be 'exec', 'eval' or 'single'",
        );
    }
    let only_ast = match flags {
        Some(Value::Int(f)) => f & crate::modules::ast::PYCF_ONLY_AST != 0,
        _ => false,
    };
    let filename = match as_str(&filename) {
        Some(f) => f.to_string(),
        None => crate::protocol::repr::str_of(vm, &filename)?,
    };
    if let Some(Object::Code(_)) = source.as_obj() {
        return Ok(source);
    }
    if crate::modules::ast::is_node(&source) {
        if only_ast {
            return Ok(source);
        }
        return raise(
            ExcKind::NotImplementedError,
            "compile() of an AST object: Taipan compiles source text only (unparse the tree with ast.unparse first)",
        );
    }
    let text = source_text(vm, "compile", &source, &filename)?;
    if only_ast {
        return crate::modules::ast::parse_to_ast(vm, &text, &filename, &mode);
    }
    let code = compile_text(vm, &text, &filename, &mode)?;
    Ok(Value::obj(NewObject::Code(vm.prepare_code(&code))))
}
