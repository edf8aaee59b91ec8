//! Running code made at run time: `compile()`, `eval()`, `exec()` and the
//! `builtins` module. Source strings go through the same front end and
//! compiler as files (filename `<string>`); the code runs as module-level
//! code whose names resolve in the given (or the caller's) namespaces, as
//! CPython's `builtin_exec_impl` / `builtin_eval_impl` do.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, new_str, new_tuple, type_name, Function, Module, Object};
use crate::object::value::{ObjRef, Value};
use crate::vm::Vm;
use std::rc::Rc;
use std::sync::Arc;
use taipan_bytecode::code::CodeObject;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// The `builtins` module: its dict is the interpreter's builtins.
pub fn builtins_module(vm: &Vm) -> Value {
    Value::obj(NewObject::Module(Module {
        name: "builtins".to_string(),
        dict: vm.builtins.clone(),
    }))
}

/// A front-end error as the SyntaxError instance CPython raises:
/// `args = (msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
pub(crate) fn syntax_error(
    vm: &mut Vm,
    err: &crate::front::error::SyntaxError,
    filename: &str,
    text: &str,
) -> Box<PyErr> {
    use crate::front::error::SyntaxErrorKind;
    let kind = match err.kind {
        SyntaxErrorKind::Recursion => return PyErr::new(ExcKind::RecursionError, err.msg.clone()),
        SyntaxErrorKind::Syntax => ExcKind::SyntaxError,
        SyntaxErrorKind::Indentation => ExcKind::IndentationError,
        SyntaxErrorKind::Tab => ExcKind::TabError,
    };
    let line = text
        .split_inclusive('\n')
        .nth(err.lineno.saturating_sub(1))
        .unwrap_or_default();
    let details = new_tuple(vec![
        new_str(filename),
        Value::Int(err.lineno as i64),
        Value::Int(err.col as i64 + 1),
        new_str(line),
        Value::Int(err.end_lineno as i64),
        Value::Int(err.end_col as i64 + 1),
    ]);
    let cls = crate::object::exceptions::exception_class(kind);
    match crate::vm::interp::call(vm, &cls, &[new_str(err.msg.clone()), details], &[]) {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    }
}

/// The text of a source argument (str, bytes or bytearray).
fn source_text(what: &str, v: &Value) -> PyResult<String> {
    if let Some(s) = as_str(v) {
        return Ok(s.to_string());
    }
    match v.as_obj() {
        Some(Object::Bytes(b)) => Ok(String::from_utf8_lossy(b).into_owned()),
        Some(Object::ByteArray(b)) => Ok(String::from_utf8_lossy(&b.borrow()).into_owned()),
        _ => raise(
            ExcKind::TypeError,
            format!("{what}() arg 1 must be a string, bytes or code object"),
        ),
    }
}

/// Compiles `text` in `mode` ("exec", "eval" or "single").
fn compile_text(vm: &mut Vm, text: &str, filename: &str, mode: &str) -> PyResult<Arc<CodeObject>> {
    if text.contains('\0') {
        return raise(
            ExcKind::ValueError,
            "source code string cannot contain null bytes",
        );
    }
    match mode {
        "eval" => {
            // As CPython, leading blanks do not count as indentation.
            let text = text.trim_start_matches([' ', '\t']);
            crate::compiler::compile_eval_source(text, filename)
                .map_err(|e| syntax_error(vm, &e, filename, text))
        }
        _ => crate::compiler::compile_source(text.as_bytes(), filename)
            .map(|(code, _)| code)
            .map_err(|(e, t)| syntax_error(vm, &e, filename, &t)),
    }
}

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
    let text = source_text("compile", &source)?;
    if only_ast {
        return crate::modules::ast::parse_to_ast(vm, &text, &filename, &mode);
    }
    let code = compile_text(vm, &text, &filename, &mode)?;
    Ok(Value::obj(NewObject::Code(vm.prepare_code(&code))))
}

/// The namespaces `eval`/`exec` run in: the globals dict and the locals
/// mapping (None: the globals).
fn namespaces(
    what: &str,
    args: &[Value],
    caller: Option<(&Function, &[Value])>,
    vm: &mut Vm,
) -> PyResult<(ObjRef, Option<ObjRef>)> {
    let globals = args.get(1).filter(|g| !matches!(g, Value::None));
    let locals = args.get(2).filter(|l| !matches!(l, Value::None));
    if let Some(g) = globals {
        if !matches!(g.as_obj(), Some(Object::Dict(_))) {
            let mapping = crate::object::classes::lookup(
                &crate::object::classes::type_value(g),
                "__getitem__",
            )
            .is_some();
            let msg = if what == "exec" {
                format!("exec() globals must be a dict, not {}", type_name(g))
            } else if mapping {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            };
            return raise(ExcKind::TypeError, msg);
        }
    }
    if let Some(l) = locals {
        let mapping = matches!(l.as_obj(), Some(Object::Dict(_)))
            || crate::object::classes::lookup(
                &crate::object::classes::type_value(l),
                "__getitem__",
            )
            .is_some();
        if !mapping {
            let msg = if what == "exec" {
                format!("locals must be a mapping or None, not {}", type_name(l))
            } else {
                "locals must be a mapping".to_string()
            };
            return raise(ExcKind::TypeError, msg);
        }
    }
    let (globals, locals) = match (globals, locals) {
        (Some(Value::Obj(g)), l) => (g.clone(), l.cloned()),
        (_, l) => match caller {
            Some((func, frame)) => {
                let own = l.cloned().or_else(|| {
                    caller_locals(vm, func, frame)
                        .filter(|ns| !ns.is(&Value::Obj(func.globals.clone())))
                });
                (func.globals.clone(), own)
            }
            None => match vm.module("__main__").as_ref().and_then(module_dict) {
                Some(g) => (g, l.cloned()),
                None => return raise(ExcKind::SystemError, format!("{what}(): no globals")),
            },
        },
    };
    // As CPython: a globals dict without `__builtins__` gets it.
    if let Object::Dict(d) = globals.get() {
        if d.borrow().get_str("__builtins__").is_none() {
            let b = builtins_module(vm);
            d.borrow_mut().set_str("__builtins__", b);
        }
    }
    let locals = match locals {
        Some(Value::Obj(l)) if !l.ptr_eq(&globals) => Some(l),
        _ => None,
    };
    Ok((globals, locals))
}

fn module_dict(m: &Value) -> Option<ObjRef> {
    match m.as_obj() {
        Some(Object::Module(m)) => Some(m.dict.clone()),
        _ => None,
    }
}

/// The caller's local namespace, as `locals()` reads it.
fn caller_locals(vm: &mut Vm, func: &Function, frame: &[Value]) -> Option<Value> {
    let locals_fn = crate::object::heap::builtin_fn("locals", crate::modules::introspect::b_vars);
    crate::modules::introspect::frame_builtin(vm, &locals_fn, func, frame).and_then(Result::ok)
}

/// Runs `code` as module-level code in these namespaces.
fn run_in(
    vm: &mut Vm,
    code: Rc<crate::object::heap::RtCode>,
    globals: ObjRef,
    locals: Option<ObjRef>,
) -> PyResult<Value> {
    let func = Function::module_code(code, globals, locals);
    crate::vm::frames::run_function(vm, &func, Vec::new())
}

/// `eval(source, globals=None, locals=None)` or `exec(…)` called from a
/// frame (`caller`: its function and frame slots) or from elsewhere.
fn eval_or_exec(
    vm: &mut Vm,
    what: &str,
    args: &[Value],
    kw: Kw<'_>,
    caller: Option<(&Function, &[Value])>,
) -> PyResult<Value> {
    if !kw.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!("{what}() takes no keyword arguments"),
        );
    }
    if args.is_empty() || args.len() > 3 {
        return raise(
            ExcKind::TypeError,
            format!("{what} expected at most 3 arguments, got {}", args.len()),
        );
    }
    let (globals, locals) = namespaces(what, args, caller, vm)?;
    let rt = match args[0].as_obj() {
        Some(Object::Code(rt)) => rt.clone(),
        _ => {
            let text = source_text(what, &args[0])?;
            let mode = if what == "eval" { "eval" } else { "exec" };
            let code = compile_text(vm, &text, "<string>", mode)?;
            vm.prepare_code(&code)
        }
    };
    let r = run_in(vm, rt, globals, locals)?;
    Ok(if what == "exec" { Value::None } else { r })
}

/// `eval()` without a calling frame (passed to `map`, say): in `__main__`.
pub fn b_eval(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    eval_or_exec(vm, "eval", args, kw, None)
}

/// `exec()` without a calling frame: in `__main__`.
pub fn b_exec(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    eval_or_exec(vm, "exec", args, kw, None)
}

/// Whether built-in `f` needs its caller's frame (`eval`, `exec`): calls
/// to it go through [`frame_call`].
#[inline]
pub fn reads_frame(f: crate::object::heap::BuiltinFn) -> bool {
    std::ptr::fn_addr_eq(f, b_eval as crate::object::heap::BuiltinFn)
        || std::ptr::fn_addr_eq(f, b_exec as crate::object::heap::BuiltinFn)
}

/// `eval`/`exec` called from a running frame, which supplies the default
/// namespaces; None for other callables.
pub fn frame_call(
    vm: &mut Vm,
    callable: &Value,
    func: &Function,
    frame: &[Value],
    args: &[Value],
    kwnames: &[Rc<str>],
) -> Option<PyResult<Value>> {
    let Some(Object::Builtin(b)) = callable.as_obj() else {
        return None;
    };
    let what = if std::ptr::fn_addr_eq(b.func, b_eval as crate::object::heap::BuiltinFn) {
        "eval"
    } else if std::ptr::fn_addr_eq(b.func, b_exec as crate::object::heap::BuiltinFn) {
        "exec"
    } else {
        return None;
    };
    if !kwnames.is_empty() {
        return Some(raise(
            ExcKind::TypeError,
            format!("{what}() takes no keyword arguments"),
        ));
    }
    Some(eval_or_exec(vm, what, args, &[], Some((func, frame))))
}
