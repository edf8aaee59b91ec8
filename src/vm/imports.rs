//! `import`: built-in modules, `.py` modules and packages (directories
//! with `__init__.py`) on the search path, dotted names, relative imports
//! and `from m import *`, following `importlib._bootstrap`'s order: each
//! parent package is imported first, submodules become attributes of
//! their parent, a module is in `sys.modules` while it runs (so cycles
//! see the partly initialised module) and removed again if it fails.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, new_list, new_str, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taipan_bytecode::code::CodeObject;

/// The dict of a module object.
fn module_dict(m: &Value) -> Option<&std::cell::RefCell<crate::object::dict::Dict>> {
    match m.as_obj() {
        Some(Object::Module(m)) => match m.dict.get() {
            Object::Dict(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

fn module_attr(m: &Value, name: &str) -> Option<Value> {
    module_dict(m).and_then(|d| d.borrow().get_str(name))
}

/// The package a module's relative imports start from (`__package__`).
fn package_of(globals: &Value) -> String {
    let Some(Object::Dict(g)) = globals.as_obj() else {
        return String::new();
    };
    let g = g.borrow();
    if let Some(p) = g.get_str("__package__").as_ref().and_then(as_str) {
        return p.to_string();
    }
    let name = g
        .get_str("__name__")
        .and_then(|n| as_str(&n).map(str::to_string))
        .unwrap_or_default();
    if g.get_str("__path__").is_some() {
        name
    } else {
        name.rsplit_once('.')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default()
    }
}

/// The absolute name `name` at relative `level` stands for.
fn resolve(name: &str, level: usize, globals: &Value) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    let package = package_of(globals);
    if package.is_empty() {
        return raise(
            ExcKind::ImportError,
            "attempted relative import with no known parent package",
        );
    }
    let parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return raise(
            ExcKind::ImportError,
            "attempted relative import beyond top-level package",
        );
    }
    let base = parts[..parts.len() - (level - 1)].join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// The built-in `__import__(name, globals=None, locals=None, fromlist=(),
/// level=0)`.
pub fn b_import(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let a = crate::object::args::bind_args(
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
        args,
        kw,
    )?;
    let Some(name) = a[0].as_ref().and_then(as_str).map(str::to_string) else {
        return Err(PyErr::new(
            ExcKind::TypeError,
            "__import__() argument 1 must be str",
        ));
    };
    let level = match a[4].as_ref() {
        None => 0,
        Some(Value::Int(l)) if *l >= 0 => *l as usize,
        Some(_) => return Err(PyErr::new(ExcKind::ValueError, "level must be >= 0")),
    };
    if name.is_empty() && level == 0 {
        return Err(PyErr::new(ExcKind::ValueError, "Empty module name"));
    }
    let globals = a[1].clone().unwrap_or_default();
    let fromlist = a[3].clone().unwrap_or_default();
    import_name(vm, &name, &fromlist, level, &globals)
}

/// IMPORT_NAME: `__import__(name, globals, fromlist, level)`.
pub fn import_name(
    vm: &mut Vm,
    name: &str,
    fromlist: &Value,
    level: usize,
    globals: &Value,
) -> PyResult<Value> {
    let absolute = resolve(name, level, globals)?;
    let module = import_dotted(vm, &absolute)?;
    let names: Vec<String> = match fromlist.as_obj() {
        Some(Object::Tuple(t)) => t
            .iter()
            .filter_map(|v| as_str(v).map(str::to_string))
            .collect(),
        Some(Object::List(l)) => l
            .borrow()
            .iter()
            .filter_map(|v| as_str(v).map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    if names.is_empty() {
        // `import a.b.c` binds `a` (relative forms always have a fromlist).
        let top = absolute.split('.').next().unwrap_or_default();
        return Ok(vm.module(top).unwrap_or(module));
    }
    // `from pkg import sub`: submodules not yet imported are imported.
    if module_attr(&module, "__path__").is_some() {
        for n in names.iter().filter(|n| *n != "*") {
            if module_attr(&module, n).is_none() {
                let sub = format!("{absolute}.{n}");
                match import_dotted(vm, &sub) {
                    Ok(_) => {}
                    // Only the submodule's own absence is the name's
                    // (IMPORT_FROM then reports it); a module the
                    // submodule imports is missing is the error.
                    Err(e)
                        if e.kind() == ExcKind::ModuleNotFoundError
                            && crate::object::exceptions::exception_args(&e.exc)
                                .first()
                                .and_then(as_str)
                                .is_some_and(|m| {
                                    m.starts_with(&format!("No module named '{sub}'"))
                                }) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(module)
}

/// A module found in `sys.modules`; None there blocks the import (as
/// `test.support.import_helper` uses it).
fn cached_module(name: &str, m: Value) -> PyResult<Value> {
    if matches!(m, Value::None) {
        return Err(PyErr::with_args(
            ExcKind::ModuleNotFoundError,
            vec![new_str(format!(
                "import of {name} halted; None in sys.modules"
            ))],
        ));
    }
    Ok(m)
}

/// Imports `a`, then `a.b`, then `a.b.c`; returns the last.
pub fn import_dotted(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = vm.module(name) {
        return cached_module(name, m);
    }
    let (parent, search): (Option<(String, Value)>, Vec<PathBuf>) = match name.rsplit_once('.') {
        Some((p, _)) => {
            // A parent blocked by None is "not a package", as importlib says.
            let pm = match vm.module(p) {
                Some(Value::None) => Value::None,
                _ => import_dotted(vm, p)?,
            };
            if let Some(m) = vm.module(name) {
                return cached_module(name, m);
            }
            let Some(path) = module_attr(&pm, "__path__") else {
                return Err(PyErr::import_error(
                    ExcKind::ModuleNotFoundError,
                    format!("No module named '{name}'; '{p}' is not a package"),
                    name,
                    None,
                ));
            };
            let dirs = crate::protocol::to_vec(vm, &path)?
                .iter()
                .filter_map(|d| as_str(d).map(PathBuf::from))
                .collect();
            (Some((p.to_string(), pm)), dirs)
        }
        None => (None, search_path(vm)),
    };
    let leaf = name.rsplit('.').next().unwrap_or(name);
    let host = vm.host_modules.get(name).cloned();
    let module = match host.map_or_else(|| (vm.natives.module)(vm, name), |m| Ok(Some(m)))? {
        Some(m) => {
            vm.set_module(name, m.clone());
            m
        }
        None => match find(&search, leaf) {
            Some((file, package_dir)) => load(vm, name, &file, package_dir.as_deref())?,
            None => {
                let hint = if vm.stdlib.is_none() && super::stdlib_path::is_stdlib_module(name) {
                    format!(" ({})", super::stdlib_path::INSTALL_HINT)
                } else {
                    String::new()
                };
                return Err(PyErr::import_error(
                    ExcKind::ModuleNotFoundError,
                    format!("No module named '{name}'{hint}"),
                    name,
                    None,
                ));
            }
        },
    };
    if let Some((_, pm)) = parent {
        if let Some(d) = module_dict(&pm) {
            d.borrow_mut().set_str(leaf, module.clone());
        }
    }
    Ok(module)
}

/// The modules written in Rust.
/// Where top-level modules are looked for: `sys.path` as the program left
/// it (a live list, once `sys` is imported), else the interpreter's path.
pub fn search_path(vm: &Vm) -> Vec<PathBuf> {
    let listed = vm
        .module("sys")
        .and_then(|sys| module_attr(&sys, "path"))
        .and_then(|p| match p.as_obj() {
            Some(Object::List(l)) => Some(
                l.borrow()
                    .iter()
                    .filter_map(|d| as_str(d).map(PathBuf::from))
                    .collect(),
            ),
            _ => None,
        });
    listed.unwrap_or_else(|| vm.path.clone())
}

/// `name.py`, or `name/__init__.py` (a package, with its directory).
pub fn find(dirs: &[PathBuf], name: &str) -> Option<(PathBuf, Option<PathBuf>)> {
    for dir in dirs {
        let pkg = dir.join(name);
        let init = pkg.join("__init__.py");
        if init.is_file() {
            return Some((init, Some(pkg)));
        }
        let file = dir.join(format!("{name}.py"));
        if file.is_file() {
            return Some((file, None));
        }
    }
    None
}

/// The code of a module file: from the cache, or compiled (a
/// SyntaxError with its location when the source is wrong).
pub fn code_for_file(vm: &mut Vm, file: &Path) -> PyResult<Arc<CodeObject>> {
    let filename = file.to_string_lossy().into_owned();
    // The compiler's warnings, issued before the code is cached; one
    // turned into an error fails the import.
    let mut refused = None;
    let write = vm.write_cache;
    let mut accept = |text: &str| {
        let warnings = crate::front::warnings::take();
        match crate::vm::eval_exec::issue_compile_warnings(vm, warnings, &filename, text) {
            Ok(()) => true,
            Err(e) => {
                refused = Some(e);
                false
            }
        }
    };
    let loaded = crate::cache::load_or_compile(file, write, &mut accept);
    if let Some(e) = refused {
        return Err(e);
    }
    match loaded {
        Ok((code, text)) => {
            if let Some(t) = text {
                vm.register_source(&filename, &t);
            }
            Ok(code)
        }
        Err(msg) => {
            // A SyntaxError with its location, as CPython's import raises
            // it (the cache only had its rendering).
            if let Ok(bytes) = std::fs::read(file) {
                if let Err((err, text)) = crate::compiler::compile_source(&bytes, &filename) {
                    vm.register_source(&filename, &text);
                    return Err(crate::vm::eval_exec::syntax_error(
                        vm, &err, &filename, &text,
                    ));
                }
            }
            raise(ExcKind::ImportError, msg)
        }
    }
}

/// Compiles (or loads from the cache) and runs a module file.
fn load(vm: &mut Vm, name: &str, file: &Path, package_dir: Option<&Path>) -> PyResult<Value> {
    let code = code_for_file(vm, file)?;
    let package = match package_dir {
        Some(_) => name.to_string(),
        None => name
            .rsplit_once('.')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default(),
    };
    let mut extra = vec![("__package__", new_str(package))];
    if let Some(dir) = package_dir {
        extra.push((
            "__path__",
            new_list(vec![new_str(dir.to_string_lossy().into_owned())]),
        ));
    }
    vm.initializing.push(name.to_string());
    let r = vm.run_module_with(&code, name, &extra);
    vm.initializing.retain(|n| n != name);
    if r.is_err() {
        vm.remove_module(name);
    }
    r
}

/// IMPORT_FROM: `module.name`, or the submodule `module.name`, or
/// CPython's ImportError.
pub fn import_from(vm: &mut Vm, module: &Value, name: &str) -> PyResult<Value> {
    if let Some(v) = module_attr(module, name) {
        return Ok(v);
    }
    let mname = match module.as_obj() {
        Some(Object::Module(m)) => m.name.clone(),
        _ => return crate::protocol::getattr(vm, module, name),
    };
    if let Some(sub) = vm.module(&format!("{mname}.{name}")) {
        return Ok(sub.clone());
    }
    // A module `__getattr__` (PEP 562) may make the name.
    if module_attr(module, "__getattr__").is_some() {
        match crate::protocol::getattr(vm, module, name) {
            Ok(v) => return Ok(v),
            Err(e) if e.kind() == ExcKind::AttributeError => {}
            Err(e) => return Err(e),
        }
    }
    let file = module_attr(module, "__file__").and_then(|f| as_str(&f).map(str::to_string));
    let location = file.clone().unwrap_or_else(|| "unknown location".into());
    let msg = if vm.initializing.contains(&mname) {
        format!(
            "cannot import name '{name}' from partially initialized module '{mname}' (most likely due to a circular import) ({location})"
        )
    } else {
        format!("cannot import name '{name}' from '{mname}' ({location})")
    };
    Err(PyErr::import_error(
        ExcKind::ImportError,
        msg,
        &mname,
        file.as_deref(),
    ))
}

/// IMPORT_STAR: the module's `__all__`, or its names not starting with
/// `_`, into `namespace`.
pub fn import_star(vm: &mut Vm, module: &Value, namespace: &Value) -> PyResult<()> {
    let Some(d) = module_dict(module) else {
        return Ok(());
    };
    let names: Vec<String> = match d.borrow().get_str("__all__") {
        Some(all) => crate::protocol::to_vec(vm, &all)?
            .iter()
            .filter_map(|n| as_str(n).map(str::to_string))
            .collect(),
        None => d
            .borrow()
            .keys()
            .iter()
            .filter_map(|k| as_str(k).map(str::to_string))
            .filter(|k| !k.starts_with('_'))
            .collect(),
    };
    for n in names {
        let v = import_from(vm, module, &n)?;
        if let Some(Object::Dict(ns)) = namespace.as_obj() {
            ns.borrow_mut().set_str(&n, v);
        }
    }
    Ok(())
}
