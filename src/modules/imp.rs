//! `_imp`, what CPython's `importlib` asks of the interpreter, and
//! `_imp.TaipanImporter`, the finder and loader in `sys.meta_path`: it
//! finds modules as Taipan's own import does (built-in, embedded, `.py`
//! files and packages on `sys.path` or a package's `__path__`) and runs
//! them into the module importlib made, so `importlib.import_module`,
//! `importlib.util.find_spec` and `importlib.reload` work. Also the
//! small `_warnings` module importlib's bootstrap requires.

use crate::object::args::receiver;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{as_str, new_list, new_str, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::path::PathBuf;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

fn is_builtin_name(name: &str) -> bool {
    crate::modules::BUILTIN_MODULES.contains(&name)
}

/// The `_imp` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    make_module(
        "_imp",
        vec![
            f("is_builtin", |_, _, a, _| {
                let name = a.first().and_then(as_str).unwrap_or_default();
                Ok(Value::Int(is_builtin_name(name) as i64))
            }),
            f("create_builtin", |vm, _, a, _| {
                let Some(spec) = a.first() else {
                    return raise(ExcKind::TypeError, "create_builtin() needs a spec");
                };
                let name = crate::protocol::getattr(vm, spec, "name")?;
                let name = as_str(&name).unwrap_or_default().to_string();
                if !is_builtin_name(&name) {
                    return raise(
                        ExcKind::ImportError,
                        format!("no built-in module named {name}"),
                    );
                }
                crate::vm::imports::import_dotted(vm, &name)
            }),
            f("exec_builtin", |_, _, _, _| Ok(Value::Int(0))),
            f("is_frozen", |_, _, _, _| Ok(Value::Bool(false))),
            f("is_frozen_package", |_, _, _, _| Ok(Value::Bool(false))),
            f("find_frozen", |_, _, _, _| Ok(Value::None)),
            f("get_frozen_object", |_, _, a, _| {
                let name = a.first().and_then(as_str).unwrap_or_default();
                raise(
                    ExcKind::ImportError,
                    format!("No such frozen object named '{name}'"),
                )
            }),
            f("init_frozen", |_, _, _, _| Ok(Value::None)),
            f("_frozen_module_names", |_, _, _, _| {
                Ok(crate::object::heap::new_tuple(Vec::new()))
            }),
            f("_fix_co_filename", |_, _, _, _| Ok(Value::None)),
            // No module is frozen here, so there is nothing to override.
            f("_override_frozen_modules_for_tests", |_, _, _, _| {
                Ok(Value::None)
            }),
            f("extension_suffixes", |_, _, _, _| Ok(new_list(Vec::new()))),
            f("acquire_lock", |_, _, _, _| Ok(Value::None)),
            f("release_lock", |_, _, _, _| Ok(Value::None)),
            f("lock_held", |_, _, _, _| Ok(Value::Bool(false))),
            f("source_hash", source_hash),
            ("check_hash_based_pycs", new_str("never")),
            ("TaipanImporter", importer_class()),
        ],
    )
}

/// `source_hash(key, source)`: 8 bytes identifying the source (for
/// hash-based pycs, which Taipan's cache does not use).
fn source_hash(_: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let args = crate::object::args::bind_args("source_hash", &["key", "source"], a, kw)?;
    let key = match &args[0] {
        Some(Value::Int(k)) => *k as u64,
        _ => 0,
    };
    let source = args[1]
        .as_ref()
        .and_then(crate::types::bytes::bytes_of)
        .unwrap_or_default();
    // FNV-1a, seeded with the key.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ key;
    for b in source {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    Ok(crate::types::bytes::make(h.to_le_bytes().to_vec(), false))
}

/// The class of the importer in `sys.meta_path`.
pub fn importer_class() -> Value {
    crate::object::builtin_types::kept_by_name("_imp.TaipanImporter", || {
        let m = crate::object::native::method;
        let attrs = vec![
            m("find_spec", find_spec),
            m("create_module", create_module),
            m("exec_module", exec_module),
            m("invalidate_caches", |_, _, _, _| Ok(Value::None)),
            m("__repr__", |_, _, _, _| {
                Ok(new_str("<class '_imp.TaipanImporter'>"))
            }),
        ];
        crate::object::native::class("_imp", "TaipanImporter", attrs)
    })
}

/// The importer instance `sys.meta_path` starts with.
pub fn importer() -> Value {
    crate::object::builtin_types::kept_by_name("_imp.importer", || {
        crate::object::native::new(importer_class(), Importer)
    })
}

struct Importer;
impl crate::object::native::NativeData for Importer {}

/// `find_spec(fullname, path=None, target=None)`: a ModuleSpec whose
/// loader is this importer, or None.
fn find_spec(vm: &mut Vm, s: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (me, rest) = receiver(s, a)?;
    let args =
        crate::object::args::bind_args("find_spec", &["fullname", "path", "target"], rest, kw)?;
    let Some(name) = args[0].as_ref().and_then(as_str).map(str::to_string) else {
        return raise(
            ExcKind::TypeError,
            "find_spec() argument 'fullname' must be str",
        );
    };
    let bootstrap = crate::protocol::import(vm, "importlib._bootstrap")?;
    let module_spec = crate::protocol::getattr(vm, &bootstrap, "ModuleSpec")?;
    if is_builtin_name(&name) {
        let origin = "built-in";
        let kwn: Vec<Rc<str>> = vec!["origin".into()];
        return crate::protocol::call(
            vm,
            &module_spec,
            &[new_str(name), me.clone(), new_str(origin)],
            &kwn,
        );
    }
    let dirs: Vec<PathBuf> = match &args[1] {
        None | Some(Value::None) => crate::vm::imports::search_path(vm),
        Some(p) => crate::protocol::to_vec(vm, p)?
            .iter()
            .filter_map(|d| as_str(d).map(PathBuf::from))
            .collect(),
    };
    let leaf = name.rsplit('.').next().unwrap_or(&name).to_string();
    let Some((file, package_dir)) = crate::vm::imports::find(&dirs, &leaf) else {
        return Ok(Value::None);
    };
    let kwn: Vec<Rc<str>> = vec!["origin".into(), "is_package".into()];
    let spec = crate::protocol::call(
        vm,
        &module_spec,
        &[
            new_str(name),
            me.clone(),
            new_str(file.to_string_lossy().into_owned()),
            Value::Bool(package_dir.is_some()),
        ],
        &kwn,
    )?;
    if let Some(dir) = package_dir {
        let locations = new_list(vec![new_str(dir.to_string_lossy().into_owned())]);
        crate::object::classes::setattr(vm, &spec, "submodule_search_locations", Some(locations))?;
    }
    crate::object::classes::setattr(vm, &spec, "has_location", Some(Value::Bool(true)))?;
    Ok(spec)
}

fn spec_origin(vm: &mut Vm, spec: &Value) -> PyResult<(String, String)> {
    let name = crate::protocol::getattr(vm, spec, "name")?;
    let origin = crate::protocol::getattr(vm, spec, "origin")?;
    Ok((
        as_str(&name).unwrap_or_default().to_string(),
        as_str(&origin).unwrap_or_default().to_string(),
    ))
}

/// `create_module(spec)`: the module itself for built-in and embedded
/// modules; None (importlib makes an empty one) for files.
fn create_module(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, rest) = receiver(s, a)?;
    let Some(spec) = rest.first() else {
        return raise(ExcKind::TypeError, "create_module() needs a spec");
    };
    let (name, origin) = spec_origin(vm, spec)?;
    if origin == "built-in" || origin == "frozen" {
        return crate::vm::imports::import_dotted(vm, &name);
    }
    Ok(Value::None)
}

/// `exec_module(module)`: runs the module's file in its dict.
fn exec_module(vm: &mut Vm, s: Option<&Value>, a: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, rest) = receiver(s, a)?;
    let Some(module) = rest.first() else {
        return raise(ExcKind::TypeError, "exec_module() needs a module");
    };
    let spec = crate::protocol::getattr(vm, module, "__spec__")?;
    let (_, origin) = spec_origin(vm, &spec)?;
    if origin == "built-in" || origin == "frozen" {
        return Ok(Value::None);
    }
    let Some(Object::Module(m)) = module.as_obj() else {
        return raise(ExcKind::TypeError, "exec_module() needs a module object");
    };
    let globals = m.dict.clone();
    let code = crate::vm::imports::code_for_file(vm, std::path::Path::new(&origin))?;
    vm.exec_module_code(&code, globals)?;
    Ok(Value::None)
}
