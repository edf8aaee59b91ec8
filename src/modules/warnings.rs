//! `_warnings`: the warning machinery CPython 3.11 keeps in C
//! (`Python/_warnings.c`), which `warnings.py` takes over when it imports:
//! the filter list, the "once" registry and default action, `warn`
//! (whose location is the calling Python frame, `stacklevel` frames up,
//! skipping importlib's) and `warn_explicit` (registries, filters,
//! actions). Showing a warning is left to `warnings._showwarnmsg`, in
//! Python, as CPython does; before `warnings` is imported the warning is
//! written to `sys.stderr` directly.
//!
//! Having it native matters beyond speed: the pure-Python fallback of
//! 3.11's `warnings.warn_explicit` hands `source` to `WarningMessage` as
//! its `file` (a bug CPython never meets, having this module), which
//! broke every warning given a source, such as "coroutine ... was never
//! awaited".

use crate::object::exceptions::{exception_class, raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, builtin_fn, make_module, new_list, new_str, new_tuple, Object};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::Cell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

thread_local! {
    /// The filters' version (CPython's `filters_version`): registries
    /// recorded under another version are cleared before use, so a
    /// change of the filters (`_filters_mutated()`) is seen.
    static FILTERS_VERSION: Cell<i64> = const { Cell::new(1) };
}

/// The `_warnings` module, with CPython's default filters for a release
/// build.
pub fn module() -> Value {
    let filter = |action: &str, category: ExcKind, module: Option<&str>| {
        new_tuple(vec![
            new_str(action),
            Value::None,
            exception_class(category),
            module.map_or(Value::None, new_str),
            Value::Int(0),
        ])
    };
    let filters = new_list(vec![
        filter("default", ExcKind::DeprecationWarning, Some("__main__")),
        filter("ignore", ExcKind::DeprecationWarning, None),
        filter("ignore", ExcKind::PendingDeprecationWarning, None),
        filter("ignore", ExcKind::ImportWarning, None),
        filter("ignore", ExcKind::ResourceWarning, None),
    ]);
    make_module(
        "_warnings",
        vec![
            ("filters", filters),
            ("_defaultaction", new_str("default")),
            (
                "_onceregistry",
                Value::Obj(crate::object::classes::new_dict_obj()),
            ),
            ("warn", builtin_fn("warn", warn)),
            ("warn_explicit", builtin_fn("warn_explicit", warn_explicit)),
            (
                "_filters_mutated",
                builtin_fn("_filters_mutated", |_, _, _, _| {
                    FILTERS_VERSION.with(|v| v.set(v.get() + 1));
                    Ok(Value::None)
                }),
            ),
        ],
    )
}

/// A warning from native code: `warnings.warn_explicit(msg, category,
/// file, line)` when a place is given (the compiler's warnings), else
/// `warnings.warn(msg, category)` at the innermost Python frame.
pub(crate) fn warn_from_native(
    vm: &mut Vm,
    category: ExcKind,
    msg: &str,
    at: Option<(&str, usize)>,
) -> PyResult<()> {
    match at {
        Some((file, line)) => explicit(
            vm,
            exception_class(category),
            new_str(msg),
            new_str(file),
            line as i64,
            None,
            None,
            None,
        ),
        None => do_warn(vm, new_str(msg), exception_class(category), 1, None),
    }
}

/// `warn(message, category=None, stacklevel=1, source=None)`.
fn warn(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = crate::object::args::bind_args(
        "warn",
        &["message", "category", "stacklevel", "source"],
        args,
        kw,
    )?;
    let Some(message) = b[0].clone() else {
        return raise(
            ExcKind::TypeError,
            "warn() missing required argument 'message' (pos 1)",
        );
    };
    let stacklevel = match &b[2] {
        None => 1,
        Some(v) => crate::modules::posix::int_arg("warn", Some(v), None)?,
    };
    let category = category_of(vm, &message, b[1].clone())?;
    do_warn(
        vm,
        message,
        category,
        stacklevel,
        b[3].clone().filter(|s| !matches!(s, Value::None)),
    )?;
    Ok(Value::None)
}

/// The category of a warning: the message's class when it is a Warning,
/// else the one given (UserWarning by default), which must be a Warning
/// subclass.
fn category_of(vm: &mut Vm, message: &Value, given: Option<Value>) -> PyResult<Value> {
    let warning = exception_class(ExcKind::Warning);
    if is_instance(vm, message, &warning)? {
        return Ok(crate::object::classes::type_value(message));
    }
    let category = match given {
        None | Some(Value::None) => return Ok(exception_class(ExcKind::UserWarning)),
        Some(c) => c,
    };
    let ok = crate::object::classes::is_type(&category) && is_subclass(vm, &category, &warning)?;
    if !ok {
        return raise(
            ExcKind::TypeError,
            format!(
                "category must be a Warning subclass, not '{}'",
                crate::object::heap::type_name(&category)
            ),
        );
    }
    Ok(category)
}

fn is_instance(vm: &mut Vm, v: &Value, cls: &Value) -> PyResult<bool> {
    let r = crate::modules::introspect::b_isinstance(vm, None, &[v.clone(), cls.clone()], &[])?;
    Ok(matches!(r, Value::Bool(true)))
}

fn is_subclass(vm: &mut Vm, sub: &Value, sup: &Value) -> PyResult<bool> {
    let r = crate::modules::introspect::b_issubclass(vm, None, &[sub.clone(), sup.clone()], &[])?;
    Ok(matches!(r, Value::Bool(true)))
}

/// Whether a frame belongs to the import system (CPython's
/// `is_internal_frame`): `warn`'s `stacklevel` does not count those.
fn is_internal(filename: &str) -> bool {
    filename.contains("importlib") && filename.contains("_bootstrap")
}

/// `warn`'s work (CPython's `do_warn` and `setup_context`): the frame
/// `stacklevel` levels up gives the file, line, module name and registry
/// (its globals' `__warningregistry__`, made if missing); with no such
/// frame, `sys` line 1.
fn do_warn(
    vm: &mut Vm,
    message: Value,
    category: Value,
    stacklevel: i64,
    source: Option<Value>,
) -> PyResult<()> {
    let place = {
        let frames = crate::vm::frames::live_frames(vm);
        let file = |i: usize| frames[i].0.code.code.filename.as_str();
        let mut at = if frames.is_empty() { None } else { Some(0) };
        if stacklevel <= 1 || at.is_some_and(|i| is_internal(file(i))) {
            // Plain levels up.
            let up = usize::try_from(stacklevel.max(1) - 1).unwrap_or(usize::MAX);
            at = at
                .and_then(|i| i.checked_add(up))
                .filter(|&i| i < frames.len());
        } else {
            // Levels up past the import system's frames.
            for _ in 1..stacklevel {
                let Some(mut i) = at else { break };
                loop {
                    i += 1;
                    if i >= frames.len() {
                        at = None;
                        break;
                    }
                    if !is_internal(file(i)) {
                        at = Some(i);
                        break;
                    }
                }
            }
        }
        at.map(|i| {
            let (func, _, pc) = frames[i];
            let code = &func.code.code;
            let at = pc.min(code.code.len().saturating_sub(2));
            (
                Value::Obj(func.globals.clone()),
                code.filename.clone(),
                code.position_at(at).lineno as i64,
            )
        })
    };
    let (globals, filename, lineno) = match place {
        Some(p) => p,
        None => {
            let sys = crate::protocol::import(vm, "sys")?;
            let Some(Object::Module(m)) = sys.as_obj() else {
                return raise(ExcKind::SystemError, "no sys module");
            };
            (Value::Obj(m.dict.clone()), "sys".to_string(), 1)
        }
    };
    let Some(Object::Dict(g)) = globals.as_obj() else {
        return raise(ExcKind::SystemError, "frame globals are not a dict");
    };
    // (The borrow ends before the dict may be written.)
    let found = g.borrow().get_str("__warningregistry__");
    let registry = match found {
        Some(r) => r,
        None => {
            let r = Value::Obj(crate::object::classes::new_dict_obj());
            g.borrow_mut().set_str("__warningregistry__", r.clone());
            r
        }
    };
    let module = match g.borrow().get_str("__name__") {
        Some(m @ Value::None) => m,
        Some(m) if as_str(&m).is_some() => m,
        _ => new_str("<string>"),
    };
    explicit(
        vm,
        category,
        message,
        new_str(&filename),
        lineno,
        Some(module),
        Some(registry),
        source,
    )
}

/// `warn_explicit(message, category, filename, lineno, module=None,
/// registry=None, module_globals=None, source=None)`.
fn warn_explicit(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let names = [
        "message",
        "category",
        "filename",
        "lineno",
        "module",
        "registry",
        "module_globals",
        "source",
    ];
    let b = crate::object::args::bind_args("warn_explicit", &names, args, kw)?;
    for (i, name) in names.iter().enumerate().take(4) {
        if b[i].is_none() {
            return raise(
                ExcKind::TypeError,
                format!(
                    "warn_explicit() missing required argument '{name}' (pos {})",
                    i + 1
                ),
            );
        }
    }
    let message = b[0].clone().unwrap_or_default();
    let category = b[1].clone().unwrap_or_default();
    let filename = b[2].clone().unwrap_or_default();
    if as_str(&filename).is_none() {
        return raise(
            ExcKind::TypeError,
            format!(
                "warn_explicit() argument 'filename' must be str, not {}",
                crate::object::heap::type_name(&filename)
            ),
        );
    }
    let lineno = crate::modules::posix::int_arg("warn_explicit", b[3].as_ref(), None)?;
    if let Some(g) = &b[6] {
        if !matches!(g, Value::None) && !matches!(g.as_obj(), Some(Object::Dict(_))) {
            return raise(
                ExcKind::TypeError,
                format!(
                    "module_globals must be a dict, not '{}'",
                    crate::object::heap::type_name(g)
                ),
            );
        }
    }
    explicit(
        vm,
        category,
        message,
        filename,
        lineno,
        b[4].clone(),
        b[5].clone(),
        b[7].clone().filter(|s| !matches!(s, Value::None)),
    )?;
    Ok(Value::None)
}

/// Module `name` if it has been imported (`sys.modules[name]`).
fn loaded(vm: &Vm, name: &str) -> Option<Value> {
    match vm.modules.get() {
        Object::Dict(d) => d
            .borrow()
            .get_str(name)
            .filter(|m| !matches!(m, Value::None)),
        _ => None,
    }
}

/// An attribute of the `warnings` module when it has been imported (the
/// filters, the default action and the "once" registry live there once
/// it has), else of this module.
fn setting(vm: &mut Vm, warnings_name: &str, own_name: &str) -> PyResult<Value> {
    if let Some(w) = loaded(vm, "warnings") {
        if let Ok(v) = crate::protocol::getattr(vm, &w, warnings_name) {
            return Ok(v);
        }
    }
    let own = crate::protocol::import(vm, "_warnings")?;
    crate::protocol::getattr(vm, &own, own_name)
}

/// Whether `registry` already records `key` (CPython's `already_warned`):
/// a registry of older filters is emptied first; `set` records the key.
fn already_warned(vm: &mut Vm, registry: &Value, key: &Value, set: bool) -> PyResult<bool> {
    let version = FILTERS_VERSION.with(Cell::get);
    let Some(Object::Dict(d)) = registry.as_obj() else {
        return Ok(false);
    };
    let current = d.borrow().get_str("version");
    if matches!(current, Some(Value::Int(v)) if v == version) {
        let seen = crate::protocol::getitem(vm, registry, key);
        match seen {
            Ok(v) if crate::protocol::truthy(vm, &v)? => return Ok(true),
            Ok(_) => {}
            Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::KeyError) => {}
            Err(e) => return Err(e),
        }
    } else {
        d.borrow_mut().clear();
        d.borrow_mut().set_str("version", Value::Int(version));
    }
    if set {
        crate::protocol::setitem(vm, registry, key, Value::Bool(true))?;
    }
    Ok(false)
}

/// Whether a filter's message or module part matches `text` (CPython's
/// `check_matched`): None matches anything, a plain str only itself,
/// anything else is a regular expression asked `match(text)`.
fn matched(vm: &mut Vm, pattern: &Value, text: &Value) -> PyResult<bool> {
    if matches!(pattern, Value::None) {
        return Ok(true);
    }
    if as_str(pattern).is_some() && !matches!(pattern.as_obj(), Some(Object::Instance(_))) {
        return crate::protocol::compare_bool(
            vm,
            taipan_bytecode::opcode::CompareOp::Eq,
            pattern,
            text,
        );
    }
    let method = crate::protocol::getattr(vm, pattern, "match")?;
    let r = crate::protocol::call(vm, &method, std::slice::from_ref(text), &[])?;
    crate::protocol::truthy(vm, &r)
}

/// The action of the first filter matching the warning, with the filter
/// (None for the default action).
fn filter_action(
    vm: &mut Vm,
    category: &Value,
    text: &Value,
    lineno: i64,
    module: &Value,
) -> PyResult<(String, Value)> {
    let filters = setting(vm, "filters", "filters")?;
    let Some(Object::List(items)) = filters.as_obj() else {
        return raise(ExcKind::ValueError, "_warnings.filters must be a list");
    };
    let mut i = 0;
    loop {
        // (Read afresh each time: a `match()` may change the list.)
        let Some(item) = items.borrow().get(i).cloned() else {
            break;
        };
        let parts: Option<Vec<Value>> = match item.as_obj() {
            Some(Object::Tuple(t)) if t.len() == 5 => Some(t.clone()),
            _ => None,
        };
        let Some(parts) = parts else {
            return raise(
                ExcKind::ValueError,
                format!("_warnings.filters item {i} isn't a 5-tuple"),
            );
        };
        let Some(action) = as_str(&parts[0]).map(str::to_string) else {
            return raise(
                ExcKind::TypeError,
                format!(
                    "action must be a string, not '{}'",
                    crate::object::heap::type_name(&parts[0])
                ),
            );
        };
        let good_msg = matched(vm, &parts[1], text)?;
        let good_mod = matched(vm, &parts[3], module)?;
        let good_cat = is_subclass(vm, category, &parts[2])?;
        let ln = crate::modules::posix::int_arg("warnings", Some(&parts[4]), None)?;
        if good_msg && good_cat && good_mod && (ln == 0 || ln == lineno) {
            return Ok((action, item));
        }
        i += 1;
    }
    let default = setting(vm, "defaultaction", "_defaultaction")?;
    match as_str(&default) {
        Some(a) => Ok((a.to_string(), Value::None)),
        None => raise(
            ExcKind::TypeError,
            "_warnings.defaultaction must be a string",
        ),
    }
}

/// `warn_explicit`'s work (CPython's `warn_explicit` in C).
#[allow(clippy::too_many_arguments)]
fn explicit(
    vm: &mut Vm,
    category: Value,
    message: Value,
    filename: Value,
    lineno: i64,
    module: Option<Value>,
    registry: Option<Value>,
    source: Option<Value>,
) -> PyResult<()> {
    let registry = registry.filter(|r| !matches!(r, Value::None));
    if let Some(r) = &registry {
        if !matches!(r.as_obj(), Some(Object::Dict(_))) {
            return raise(ExcKind::TypeError, "'registry' must be a dict or None");
        }
    }
    let module = match module {
        Some(m) => m,
        None => {
            // The file name without ".py" (CPython's `normalize_module`).
            let name = as_str(&filename).unwrap_or_default();
            let name = match name.len() {
                0 => "<unknown>",
                n if n >= 3 && name[n - 3..].eq_ignore_ascii_case(".py") => &name[..n - 3],
                _ => name,
            };
            new_str(name)
        }
    };
    let warning = exception_class(ExcKind::Warning);
    let (text, category, message) = if is_instance(vm, &message, &warning)? {
        let text = new_str(crate::protocol::repr::str_of(vm, &message)?);
        (text, crate::object::classes::type_value(&message), message)
    } else {
        let instance = crate::protocol::call(vm, &category, std::slice::from_ref(&message), &[])?;
        (message, category, instance)
    };
    let key = new_tuple(vec![text.clone(), category.clone(), Value::Int(lineno)]);
    if let Some(r) = &registry {
        if already_warned(vm, r, &key, false)? {
            return Ok(());
        }
    }
    let (action, item) = filter_action(vm, &category, &text, lineno, &module)?;
    match action.as_str() {
        "error" => return Err(PyErr::from_value(message, false)),
        "ignore" => return Ok(()),
        _ => {}
    }
    if action != "always" {
        if let Some(r) = &registry {
            crate::protocol::setitem(vm, r, &key, Value::Bool(true))?;
        }
        let already = match action.as_str() {
            "once" => {
                let r = match &registry {
                    Some(r) => r.clone(),
                    None => setting(vm, "onceregistry", "_onceregistry")?,
                };
                let alt = new_tuple(vec![text.clone(), category.clone()]);
                already_warned(vm, &r, &alt, true)?
            }
            "module" => match &registry {
                Some(r) => {
                    let alt = new_tuple(vec![text.clone(), category.clone()]);
                    already_warned(vm, r, &alt, true)?
                }
                None => false,
            },
            "default" => false,
            _ => {
                let action = new_str(&action);
                let (a, i) = (
                    crate::protocol::repr::repr(vm, &action)?,
                    crate::protocol::repr::repr(vm, &item)?,
                );
                return raise(
                    ExcKind::RuntimeError,
                    format!("Unrecognized action ({a}) in warnings.filters:\n {i}"),
                );
            }
        };
        if already {
            return Ok(());
        }
    }
    show(vm, message, category, filename, lineno, text, source)
}

/// Shows a warning through `warnings._showwarnmsg` (imported for a
/// warning with a source, which `warnings` can trace back), or, when
/// `warnings` is not imported, on `sys.stderr` directly.
fn show(
    vm: &mut Vm,
    message: Value,
    category: Value,
    filename: Value,
    lineno: i64,
    text: Value,
    source: Option<Value>,
) -> PyResult<()> {
    let warnings = match loaded(vm, "warnings") {
        Some(w) => Some(w),
        None if source.is_some() => Some(crate::protocol::import(vm, "warnings")?),
        None => None,
    };
    let show = match &warnings {
        Some(w) => crate::protocol::getattr(vm, w, "_showwarnmsg").ok(),
        None => None,
    };
    let (Some(warnings), Some(show)) = (warnings, show) else {
        return show_plain(vm, &category, &filename, lineno, &text);
    };
    if !crate::object::classes::is_callable(&show) {
        return raise(
            ExcKind::TypeError,
            "warnings._showwarnmsg() must be set to a callable",
        );
    }
    let Ok(class) = crate::protocol::getattr(vm, &warnings, "WarningMessage") else {
        return raise(
            ExcKind::RuntimeError,
            "unable to get warnings.WarningMessage",
        );
    };
    let msg = crate::protocol::call(
        vm,
        &class,
        &[
            message,
            category,
            filename,
            Value::Int(lineno),
            Value::None,
            Value::None,
            source.unwrap_or(Value::None),
        ],
        &[],
    )?;
    crate::protocol::call(vm, &show, &[msg], &[])?;
    Ok(())
}

/// "FILE:LINE: Category: text" and the source line, on `sys.stderr`
/// (CPython's `show_warning`).
fn show_plain(
    vm: &mut Vm,
    category: &Value,
    filename: &Value,
    lineno: i64,
    text: &Value,
) -> PyResult<()> {
    let name = crate::protocol::getattr(vm, category, "__name__")?;
    let name = new_str(crate::protocol::repr::str_of(vm, &name)?);
    let (file, text_s) = (
        as_str(filename).unwrap_or_default().to_string(),
        crate::protocol::repr::str_of(vm, text)?,
    );
    let mut out = format!(
        "{file}:{lineno}: {}: {text_s}\n",
        as_str(&name).unwrap_or_default()
    );
    let line = u32::try_from(lineno)
        .ok()
        .and_then(|n| crate::object::exceptions::SourceLines::line(vm, &file, n));
    if let Some(line) = line {
        out.push_str(&format!("  {}\n", line.trim()));
    }
    crate::object::upcalls::write_stderr(vm, &out)
}
