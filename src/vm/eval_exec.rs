//! Running code made at run time: `compile()`, `eval()`, `exec()` and the
//! `builtins` module. Source strings go through the same front end and
//! compiler as files (filename `<string>`); the code runs as module-level
//! code whose names resolve in the given (or the caller's) namespaces, as
//! CPython's `builtin_exec_impl` / `builtin_eval_impl` do.

use crate::object::args::{arity, no_kwargs};
use crate::object::classes;
use crate::object::dict::Dict;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{
    as_str, new_list, new_str, new_tuple, type_name, Function, Module, Object,
};
use crate::object::value::{ObjRef, Value};
use crate::protocol::{self, to_vec};
use crate::types::list::sort_values;
use crate::vm::Vm;
use std::cell::RefCell;
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

/// Issues the warnings the compilation of `text` (from `filename`)
/// recorded (`front::warnings::take`), in order, as CPython issues them while it compiles; one
/// that a warnings filter turns into an error becomes the SyntaxError
/// at its place (CPython's `compiler_warn`, `parser_warn`).
pub fn issue_compile_warnings(
    vm: &mut Vm,
    warnings: Vec<crate::front::warnings::CompileWarning>,
    filename: &str,
    text: &str,
) -> PyResult<()> {
    use crate::front::warnings::WarningKind;
    for w in warnings {
        let kind = match w.kind {
            WarningKind::Syntax => ExcKind::SyntaxWarning,
            WarningKind::Deprecation => ExcKind::DeprecationWarning,
        };
        if let Err(e) = (vm.natives.warn)(vm, kind, &w.error.msg, Some((filename, w.error.lineno)))
        {
            if e.kind().is_subclass_of(kind) {
                // The tokenizer's errors quote the text it read; the
                // compiler's quote the file, when there is one
                // (CPython's `PyErr_ProgramTextObject`).
                if w.kind == WarningKind::Deprecation || w.error.from_tokenizer {
                    return Err(syntax_error(vm, &w.error, filename, text));
                }
                let file = std::fs::read_to_string(filename).ok();
                let line = file.as_deref().map(|f| {
                    f.split_inclusive('\n')
                        .nth(w.error.lineno.saturating_sub(1))
                        .unwrap_or_default()
                });
                return Err(syntax_error_with_line(vm, &w.error, filename, line));
            }
            return Err(e);
        }
    }
    Ok(())
}

/// A front-end error as the SyntaxError instance CPython raises:
/// `args = (msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
pub fn syntax_error(
    vm: &mut Vm,
    err: &crate::front::error::SyntaxError,
    filename: &str,
    text: &str,
) -> Box<PyErr> {
    let line = text
        .split_inclusive('\n')
        .nth(err.lineno.saturating_sub(1))
        .unwrap_or_default();
    syntax_error_with_line(vm, err, filename, Some(line))
}

/// [`syntax_error`] with the offending line given (None: unknown, as for
/// the compiler's errors in text that is not a readable file).
fn syntax_error_with_line(
    vm: &mut Vm,
    err: &crate::front::error::SyntaxError,
    filename: &str,
    line: Option<&str>,
) -> Box<PyErr> {
    use crate::front::error::SyntaxErrorKind;
    let kind = match err.kind {
        SyntaxErrorKind::Recursion => return PyErr::new(ExcKind::RecursionError, err.msg.clone()),
        SyntaxErrorKind::Syntax => ExcKind::SyntaxError,
        SyntaxErrorKind::Indentation => ExcKind::IndentationError,
        SyntaxErrorKind::Tab => ExcKind::TabError,
    };
    let details = new_tuple(vec![
        new_str(filename),
        Value::Int(err.lineno as i64),
        Value::Int(err.col as i64 + 1),
        line.map_or(Value::None, new_str),
        Value::Int(err.end_lineno as i64),
        // (usize::MAX: no end column, CPython's -1.)
        Value::Int(err.end_col.checked_add(1).map_or(-1, |c| c as i64)),
    ]);
    let cls = crate::object::exceptions::exception_class(kind);
    match crate::vm::interp::call(vm, &cls, &[new_str(err.msg.clone()), details], &[]) {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    }
}

/// The text of a source argument: a str, or bytes and bytearrays decoded
/// as CPython's tokenizer decodes files (a PEP 263 cookie, else strict
/// UTF-8: undecodable bytes are a SyntaxError, not replaced).
pub fn source_text(vm: &mut Vm, what: &str, v: &Value, filename: &str) -> PyResult<String> {
    if let Some(s) = as_str(v) {
        return Ok(s.to_string());
    }
    let bytes = match v.as_obj() {
        Some(Object::Bytes(b)) => b.clone(),
        Some(Object::ByteArray(b)) => b.borrow().clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                format!("{what}() arg 1 must be a string, bytes or code object"),
            )
        }
    };
    if bytes.contains(&0) {
        return null_bytes(vm);
    }
    use crate::front::source::SourceError;
    match crate::front::source::decode_string_source(&bytes) {
        Ok(d) => Ok(d.text),
        Err(SourceError::Syntax(e)) => Err(syntax_error(
            vm,
            &e,
            filename,
            &String::from_utf8_lossy(&bytes),
        )),
        // The decoder's own error, as decoding the name raises it.
        Err(SourceError::Undecodable(name)) => {
            match crate::types::text_codecs::decode_bytes(&name, "utf-8", "strict", true) {
                Err(e) => Err(e),
                Ok(_) => raise(ExcKind::SystemError, "an undecodable name decoded"),
            }
        }
    }
}

/// CPython 3.11's error for source with a null byte (a SyntaxError with
/// no location).
fn null_bytes<T>(vm: &mut Vm) -> PyResult<T> {
    let cls = crate::object::exceptions::exception_class(ExcKind::SyntaxError);
    let msg = new_str("source code string cannot contain null bytes");
    Err(match crate::vm::interp::call(vm, &cls, &[msg], &[]) {
        Ok(exc) => PyErr::from_value(exc, false),
        Err(e) => e,
    })
}

/// Compiles `text` in `mode` ("exec", "eval" or "single").
pub fn compile_text(
    vm: &mut Vm,
    text: &str,
    filename: &str,
    mode: &str,
) -> PyResult<Arc<CodeObject>> {
    if text.contains('\0') {
        return null_bytes(vm);
    }
    let (code, text) = match mode {
        "eval" => {
            // As CPython, leading blanks do not count as indentation.
            let text = text.trim_start_matches([' ', '\t']);
            let code = crate::compiler::compile_eval_source(text, filename)
                .map_err(|e| syntax_error(vm, &e, filename, text))?;
            (code, text.to_string())
        }
        "single" => crate::compiler::compile_interactive_source(text, filename)
            .map_err(|(e, t)| syntax_error(vm, &e, filename, &t))?,
        _ => crate::compiler::compile_text_source(text, filename)
            .map_err(|(e, t)| syntax_error(vm, &e, filename, &t))?,
    };
    issue_compile_warnings(vm, crate::front::warnings::take(), filename, &text)?;
    Ok(code)
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
    ensure_builtins(vm, &globals);
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
    let locals_fn = crate::object::heap::builtin_fn("locals", b_vars);
    frame_builtin(vm, &locals_fn, func, frame).and_then(Result::ok)
}

/// As CPython: a globals dict without `__builtins__` gets it.
fn ensure_builtins(vm: &Vm, globals: &ObjRef) {
    if let Object::Dict(d) = globals.get() {
        if d.borrow().get_str("__builtins__").is_none() {
            let b = builtins_module(vm);
            d.borrow_mut().set_str("__builtins__", b);
        }
    }
}

/// Runs compiled source as `exec`/`eval` run it: in `globals` (given
/// `__builtins__` if it lacks them) and `locals` (None: the globals).
/// The embedding APIs' `run`/`eval` and `PyRun_String`.
pub fn exec_in(
    vm: &mut Vm,
    code: &Arc<CodeObject>,
    globals: ObjRef,
    locals: Option<ObjRef>,
) -> PyResult<Value> {
    ensure_builtins(vm, &globals);
    let rt = vm.prepare_code(code);
    run_in(vm, rt, globals, locals)
}

/// Runs `code` as module-level code in these namespaces.
fn run_in(
    vm: &mut Vm,
    code: Rc<crate::object::heap::RtCode>,
    globals: ObjRef,
    locals: Option<ObjRef>,
) -> PyResult<Value> {
    let func = Function::module_code(code, globals, locals);
    crate::vm::frames::run_function(vm, &func, Default::default())
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
            let text = source_text(vm, what, &args[0], "<string>")?;
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

/// `locals()`, `globals()`, `vars()` and `dir()` without arguments, which
/// read the calling frame: its namespace dict (module and class bodies),
/// or a dict of its bound fast locals (functions). None for other calls.
pub fn frame_builtin(
    vm: &mut Vm,
    callable: &Value,
    func: &crate::object::heap::Function,
    locals: &[Value],
) -> Option<PyResult<Value>> {
    let Some(Object::Builtin(b)) = callable.as_obj() else {
        return None;
    };
    let which = [
        ("locals", b_vars as crate::object::heap::BuiltinFn),
        ("globals", b_globals),
        ("vars", b_vars),
        ("dir", b_dir),
    ]
    .into_iter()
    .find(|(_, f)| std::ptr::fn_addr_eq(b.func, *f))?
    .0;
    if which == "globals" {
        return Some(Ok(Value::Obj(func.globals.clone())));
    }
    let ns = match &func.namespace {
        Some(ns) => Value::Obj(ns.clone()),
        None if func.code.code.flags & taipan_bytecode::code::flags::OPTIMIZED == 0 => {
            Value::Obj(func.globals.clone())
        }
        None => {
            let mut d = Dict::new();
            let names = func.code.code.localsplus_names();
            for (name, v) in names.iter().zip(locals) {
                let v = match v.as_obj() {
                    Some(Object::Cell(c)) => c.borrow().clone(),
                    _ => v.clone(),
                };
                if !matches!(v, Value::Unbound) {
                    d.set_str(name, v);
                }
            }
            Value::obj(NewObject::Dict(RefCell::new(d)))
        }
    };
    if which == "dir" {
        let mut keys: Vec<String> = match ns.as_obj() {
            Some(Object::Dict(d)) => d
                .borrow()
                .keys()
                .iter()
                .filter_map(|k| as_str(k).map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        keys.sort();
        let _ = vm;
        return Some(Ok(new_list(keys.into_iter().map(new_str).collect())));
    }
    Some(Ok(ns))
}

pub fn b_globals(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    raise(ExcKind::RuntimeError, "globals(): no current frame")
}

pub fn b_vars(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("vars", kw)?;
    arity("vars", args, 0, 1)?;
    let Some(obj) = args.first() else {
        return raise(ExcKind::RuntimeError, "vars(): no current frame");
    };
    match protocol::getattr(vm, obj, "__dict__") {
        Ok(d) => Ok(d),
        Err(_) => raise(
            ExcKind::TypeError,
            "vars() argument must have __dict__ attribute",
        ),
    }
}

/// `dir(obj)`: the sorted attribute names: what `__dir__` returns for
/// instances (`object.__dir__` unless the class defines its own), the
/// namespace of modules.
pub fn b_dir(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("dir", kw)?;
    arity("dir", args, 0, 1)?;
    let Some(obj) = args.first() else {
        return raise(ExcKind::RuntimeError, "dir(): no current frame");
    };
    let custom = if classes::is_instance(obj) {
        classes::call_special(vm, obj, "__dir__", &[])?
    } else if let Some(Object::Class(_)) = obj.as_obj() {
        // A class: its metaclass's own `__dir__` (an Enum class's).
        let meta = classes::type_value(obj);
        match classes::lookup(&meta, "__dir__").filter(|f| classes::runtime_method(f).is_none()) {
            Some(f) => {
                let bound = classes::bind_attr(vm, f, Some(obj), &meta)?;
                Some(crate::protocol::call(vm, &bound, &[], &[])?)
            }
            None => None,
        }
    } else {
        None
    };
    if let Some(r) = custom {
        let mut items = to_vec(vm, &r)?;
        sort_values(vm, &mut items, None, false)?;
        return Ok(new_list(items));
    }
    let names = crate::types::object::default_dir(vm, obj);
    Ok(new_list(names.into_iter().map(new_str).collect()))
}
