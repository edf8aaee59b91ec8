//! The `sys` module: argv, path, modules, exit, the standard streams,
//! the recursion limit, version and implementation facts.

use crate::object::args::{arity, no_kwargs};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::NewObject;
use crate::object::heap::{new_list, new_str, new_tuple, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];
use crate::object::kinds::Stream;

/// `sys`, made when first imported.
/// `sys.copyright` (CPython 3.11's).
pub const COPYRIGHT: &str =
    "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\n\
                     Copyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\n\
                     Copyright (c) 1995-2001 Corporation for National Research Initiatives.\n\
                     All Rights Reserved.\n\n\
                     Copyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\n\
                     All Rights Reserved.";

pub fn sys_module(vm: &mut Vm) -> Value {
    // (One object under both names: the default is recognised by identity.)
    let unraisablehook = builtin_fn("unraisablehook", crate::modules::unraisable::default_hook);
    let selector = if vm.argv_surrogates { 1 } else { 0 };
    let argv = new_list(
        vm.argv
            .iter()
            .map(|a| crate::object::heap::new_derived_str(a.clone(), selector))
            .collect(),
    );
    let path = new_list(
        vm.path
            .iter()
            .map(|p| new_str(p.to_string_lossy().into_owned()))
            .collect(),
    );
    let version_info = new_tuple(vec![
        Value::Int(3),
        Value::Int(11),
        Value::Int(7),
        new_str("final"),
        Value::Int(0),
    ]);
    let ns = crate::types::simple_namespace::with_attrs;
    let hexversion = 0x030b07f0;
    let implementation = ns(vec![
        ("name", new_str("taipan")),
        (
            "cache_tag",
            new_str(format!("taipan-{}", taipan_bytecode::FORMAT_VERSION)),
        ),
        ("version", version_info.clone()),
        ("hexversion", Value::Int(hexversion)),
        (
            "_multiarch",
            new_str(format!("{}-linux-gnu", std::env::consts::ARCH)),
        ),
    ]);
    let flags = ns([
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
    ]
    .into_iter()
    .map(|f| {
        (
            f,
            Value::Int((f == "dont_write_bytecode" && !vm.write_cache) as i64),
        )
    })
    .chain([("int_max_str_digits", Value::Int(-1))])
    .collect());
    let float_info = ns(vec![
        ("max", Value::Float(f64::MAX)),
        ("max_exp", Value::Int(f64::MAX_EXP as i64)),
        ("max_10_exp", Value::Int(f64::MAX_10_EXP as i64)),
        ("min", Value::Float(f64::MIN_POSITIVE)),
        ("min_exp", Value::Int(f64::MIN_EXP as i64)),
        ("min_10_exp", Value::Int(f64::MIN_10_EXP as i64)),
        ("dig", Value::Int(f64::DIGITS as i64)),
        ("mant_dig", Value::Int(f64::MANTISSA_DIGITS as i64)),
        ("epsilon", Value::Float(f64::EPSILON)),
        ("radix", Value::Int(2)),
        ("rounds", Value::Int(1)),
    ]);
    let hash_info = ns(vec![
        ("width", Value::Int(64)),
        ("modulus", Value::Int((1 << 61) - 1)),
        ("inf", Value::Int(314159)),
        ("nan", Value::Int(0)),
        ("imag", Value::Int(1000003)),
        ("algorithm", new_str("siphash13")),
        ("hash_bits", Value::Int(64)),
        ("seed_bits", Value::Int(128)),
        ("cutoff", Value::Int(0)),
    ]);
    let int_info = ns(vec![
        ("bits_per_digit", Value::Int(30)),
        ("sizeof_digit", Value::Int(4)),
        ("default_max_str_digits", Value::Int(4300)),
        ("str_digits_check_threshold", Value::Int(640)),
    ]);
    let names = |list: &[&str]| new_tuple(list.iter().map(|n| new_str(*n)).collect());
    let mut table = crate::object::set_table::SetTable::default();
    for n in crate::vm::stdlib_path::STDLIB_MODULE_NAMES {
        // A str always hashes.
        let _ = crate::types::set::add(&mut table, new_str(*n));
    }
    let stdlib_names = crate::types::set::new_set(table, true);
    let executable = std::env::current_exe()
        .map(|p| new_str(p.to_string_lossy().into_owned()))
        .unwrap_or_else(|_| new_str(""));
    // `prefix`: the installation the library belongs to (`/usr` for
    // `/usr/lib/python3.11`).
    let prefix = vm
        .stdlib
        .as_ref()
        .and_then(|d| d.parent()?.parent())
        .map(|p| new_str(p.to_string_lossy().into_owned()))
        .unwrap_or_else(|| new_str("/usr"));
    make_module(
        "sys",
        vec![
            ("argv", argv),
            ("orig_argv", new_list(Vec::new())),
            ("path", path),
            ("modules", Value::Obj(vm.modules.clone())),
            ("implementation", implementation),
            ("flags", flags),
            ("float_info", float_info),
            ("hash_info", hash_info),
            ("int_info", int_info),
            ("hexversion", Value::Int(hexversion)),
            ("api_version", Value::Int(1013)),
            ("maxunicode", Value::Int(0x10ffff)),
            (
                "builtin_module_names",
                names(crate::modules::BUILTIN_MODULES),
            ),
            ("stdlib_module_names", stdlib_names),
            (
                "warnoptions",
                new_list(vm.warnoptions.iter().map(new_str).collect()),
            ),
            (
                "_xoptions",
                Value::obj(NewObject::Dict(std::cell::RefCell::new(
                    crate::object::dict::Dict::new(),
                ))),
            ),
            ("executable", executable),
            ("_base_executable", Value::None),
            ("prefix", prefix.clone()),
            ("base_prefix", prefix.clone()),
            ("exec_prefix", prefix.clone()),
            ("base_exec_prefix", prefix),
            ("platlibdir", new_str("lib")),
            ("abiflags", new_str("")),
            ("pycache_prefix", Value::None),
            ("dont_write_bytecode", Value::Bool(!vm.write_cache)),
            ("meta_path", new_list(vec![crate::modules::imp::importer()])),
            ("path_hooks", new_list(Vec::new())),
            (
                "path_importer_cache",
                Value::obj(NewObject::Dict(std::cell::RefCell::new(
                    crate::object::dict::Dict::new(),
                ))),
            ),
            ("copyright", new_str(COPYRIGHT)),
            (
                "getdefaultencoding",
                builtin_fn("getdefaultencoding", |_, _, _, _| Ok(new_str("utf-8"))),
            ),
            (
                "getfilesystemencoding",
                builtin_fn("getfilesystemencoding", |_, _, _, _| Ok(new_str("utf-8"))),
            ),
            (
                "getfilesystemencodeerrors",
                builtin_fn("getfilesystemencodeerrors", |_, _, _, _| {
                    Ok(new_str("surrogateescape"))
                }),
            ),
            (
                "exception",
                builtin_fn("exception", |vm, _, _, _| Ok(vm.exc_info.clone())),
            ),
            ("excepthook", builtin_fn("excepthook", excepthook)),
            // No audit hooks can be added (`sys.addaudithook` is absent),
            // so raising an audit event does nothing.
            ("audit", builtin_fn("audit", |_, _, _, _| Ok(Value::None))),
            ("__excepthook__", builtin_fn("excepthook", excepthook)),
            ("maxsize", Value::Int(i64::MAX)),
            ("version_info", version_info),
            // CPython's shape, "VERSION (BUILD) [COMPILER]", which
            // `platform` parses.
            (
                "version",
                new_str(concat!(
                    "3.11.7 (taipan) [Taipan ",
                    env!("CARGO_PKG_VERSION"),
                    "]"
                )),
            ),
            ("platform", new_str(std::env::consts::OS)),
            ("byteorder", new_str("little")),
            ("implementation_name", new_str("taipan")),
            ("stdout", Value::obj(NewObject::Stream(Stream::Stdout))),
            ("stderr", Value::obj(NewObject::Stream(Stream::Stderr))),
            ("__stdout__", Value::obj(NewObject::Stream(Stream::Stdout))),
            ("__stderr__", Value::obj(NewObject::Stream(Stream::Stderr))),
            ("exit", builtin_fn("exit", sys_exit)),
            // No trace or profile hooks run in Taipan: the getters say so,
            // removing one is accepted, installing one is refused.
            (
                "gettrace",
                builtin_fn("gettrace", |_, _, _, _| Ok(Value::None)),
            ),
            (
                "getprofile",
                builtin_fn("getprofile", |_, _, _, _| Ok(Value::None)),
            ),
            ("settrace", builtin_fn("settrace", no_hooks)),
            ("setprofile", builtin_fn("setprofile", no_hooks)),
            (
                "is_finalizing",
                builtin_fn("is_finalizing", |_, _, _, _| Ok(Value::Bool(false))),
            ),
            (
                "getrecursionlimit",
                builtin_fn("getrecursionlimit", sys_getrecursionlimit),
            ),
            (
                "setrecursionlimit",
                builtin_fn("setrecursionlimit", sys_setrecursionlimit),
            ),
            (
                "getswitchinterval",
                builtin_fn("getswitchinterval", |vm, _, args, kw| {
                    no_kwargs("getswitchinterval", kw)?;
                    arity("getswitchinterval", args, 0, 0)?;
                    Ok(Value::Float(vm.gil().interval()))
                }),
            ),
            (
                "setswitchinterval",
                builtin_fn("setswitchinterval", |vm, _, args, kw| {
                    no_kwargs("setswitchinterval", kw)?;
                    arity("setswitchinterval", args, 1, 1)?;
                    let secs = crate::types::number::to_f64(&args[0])?;
                    if secs.is_nan() || secs <= 0.0 {
                        return raise(
                            ExcKind::ValueError,
                            "switch interval must be strictly positive",
                        );
                    }
                    vm.gil().set_interval(secs);
                    Ok(Value::None)
                }),
            ),
            (
                "set_int_max_str_digits",
                builtin_fn("set_int_max_str_digits", sys_set_int_max_str_digits),
            ),
            (
                "get_int_max_str_digits",
                builtin_fn("get_int_max_str_digits", sys_get_int_max_str_digits),
            ),
            ("exc_info", builtin_fn("exc_info", sys_exc_info)),
            ("_getframe", builtin_fn("_getframe", sys_getframe)),
            (
                "get_asyncgen_hooks",
                builtin_fn("get_asyncgen_hooks", get_asyncgen_hooks),
            ),
            (
                "set_asyncgen_hooks",
                builtin_fn("set_asyncgen_hooks", set_asyncgen_hooks),
            ),
            ("displayhook", builtin_fn("displayhook", sys_displayhook)),
            (
                "__displayhook__",
                builtin_fn("displayhook", sys_displayhook),
            ),
            ("intern", builtin_fn("intern", sys_intern)),
            ("getrefcount", builtin_fn("getrefcount", sys_getrefcount)),
            (
                "get_coroutine_origin_tracking_depth",
                builtin_fn("get_coroutine_origin_tracking_depth", |vm, _, a, kw| {
                    no_kwargs("get_coroutine_origin_tracking_depth", kw)?;
                    arity("get_coroutine_origin_tracking_depth", a, 0, 0)?;
                    Ok(Value::Int(vm.coro_origin_depth as i64))
                }),
            ),
            (
                "set_coroutine_origin_tracking_depth",
                builtin_fn(
                    "set_coroutine_origin_tracking_depth",
                    sys_set_coroutine_origin_tracking_depth,
                ),
            ),
            ("unraisablehook", unraisablehook.clone()),
            ("__unraisablehook__", unraisablehook),
        ],
    )
}

/// `sys.set_coroutine_origin_tracking_depth(depth)`: how many frames a
/// coroutine made from now on records in `cr_origin` (and its "never
/// awaited" warning shows).
fn sys_set_coroutine_origin_tracking_depth(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let depth = match (args, kw) {
        ([d], []) => d.clone(),
        ([], [(k, d)]) if &**k == "depth" => d.clone(),
        _ => {
            return raise(
                ExcKind::TypeError,
                "set_coroutine_origin_tracking_depth() takes exactly one argument (depth)",
            )
        }
    };
    let depth = match int_of(&depth) {
        Some(IntVal::Small(n)) => n,
        Some(IntVal::Big(_)) => {
            return raise(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        }
        None => {
            return raise(
                ExcKind::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    crate::object::heap::type_name(&depth)
                ),
            )
        }
    };
    if depth < 0 {
        return raise(ExcKind::ValueError, "depth must be >= 0");
    }
    vm.coro_origin_depth = usize::try_from(depth).unwrap_or(usize::MAX);
    Ok(Value::None)
}

/// `sys.getrefcount(object)`: the references to a heap object, counting
/// the argument's own, as CPython's. Values kept in place (small ints,
/// floats, None, booleans) are counted nowhere; like CPython's immortal
/// objects they answer a large constant.
fn sys_getrefcount(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("getrefcount", kw)?;
    arity("getrefcount", args, 1, 1)?;
    Ok(Value::Int(match &args[0] {
        Value::Obj(o) => o.refcount() as i64,
        _ => u32::MAX as i64,
    }))
}

/// `sys.exit(code)` (also the `exit` and `quit` built-ins).
pub(crate) fn sys_exit(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("exit", kw)?;
    arity("exit", args, 0, 1)?;
    Err(PyErr::with_args(ExcKind::SystemExit, args.to_vec()))
}

/// `sys.displayhook(value)`: how the interactive prompt shows an
/// expression's value — nothing for None, else its `repr` printed to
/// `sys.stdout`, and the value kept as `builtins._`.
fn sys_displayhook(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("displayhook", kw)?;
    arity("displayhook", args, 1, 1)?;
    let value = &args[0];
    if matches!(value, Value::None) {
        return Ok(Value::None);
    }
    let builtins = Some(crate::vm::imports::import_dotted(vm, "builtins")?);
    let set_underscore = |v: Value| {
        if let Some(Object::Module(m)) = builtins.as_ref().and_then(Value::as_obj) {
            if let Object::Dict(d) = m.dict.get() {
                d.borrow_mut().set_str("_", v);
            }
        }
    };
    // (As CPython: `_` is None while the value's repr runs.)
    set_underscore(Value::None);
    let text = crate::protocol::repr::repr(vm, value)?;
    let print = builtins.as_ref().and_then(|b| match b.as_obj() {
        Some(Object::Module(m)) => match m.dict.get() {
            Object::Dict(d) => d.borrow().get_str("print"),
            _ => None,
        },
        _ => None,
    });
    match print {
        Some(p) => {
            crate::vm::interp::call(vm, &p, &[new_str(text)], &[])?;
        }
        None => return raise(ExcKind::RuntimeError, "lost builtins.print"),
    }
    set_underscore(value.clone());
    Ok(Value::None)
}

/// What `print` writes to when `sys.stdout` no longer is the standard
/// output stream (a program assigned it); None while it is.
pub fn replaced_stdout(vm: &Vm) -> Option<Value> {
    let sys = vm.module("sys")?;
    let Some(Object::Module(m)) = sys.as_obj() else {
        return None;
    };
    let Object::Dict(d) = m.dict.get() else {
        return None;
    };
    let out = d.borrow().get_str("stdout");
    out.filter(|v| !matches!(v.as_obj(), Some(Object::Stream(Stream::Stdout))))
}

/// `sys._getframe(depth=0)`: the frame `depth` calls below the caller's,
/// as a frame object whose `f_back` chain goes to the outermost frame.
/// The frames are snapshots of the running frames (`vm::frames::
/// live_frames`): their `f_lineno` is where each was when this was
/// called, their `f_locals` a copy of the locals then (a module's
/// frame: its namespace itself).
fn sys_getframe(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kwargs("_getframe", kw)?;
    arity("_getframe", args, 0, 1)?;
    let depth = match args.first() {
        None => 0,
        Some(v) => match int_of(v) {
            Some(IntVal::Small(n)) => n,
            Some(IntVal::Big(_)) => i64::MAX,
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        crate::object::heap::type_name(v)
                    ),
                )
            }
        },
    };
    let frames = crate::vm::frames::live_frames(vm);
    let start = usize::try_from(depth.max(0)).unwrap_or(usize::MAX);
    if start >= frames.len() {
        return raise(ExcKind::ValueError, "call stack is not deep enough");
    }
    let mut back = Value::None;
    for (func, locals, pc) in frames[start..].iter().rev() {
        let code = &func.code;
        let at = (*pc).min(code.code.code.len().saturating_sub(2));
        let lineno = code.code.position_at(at).lineno;
        let globals = Value::Obj(func.globals.clone());
        let f = crate::types::traceback::frame(code, globals.clone(), lineno, at, back);
        let namespace = match &func.namespace {
            Some(ns) => Some(Value::Obj(ns.clone())),
            None if code.code.flags & taipan_bytecode::code::flags::OPTIMIZED == 0 => Some(globals),
            None => None,
        };
        let f_locals = match (namespace, locals) {
            (Some(ns), _) => ns,
            (None, Some(slots)) => {
                let mut d = crate::object::dict::Dict::new();
                for (name, v) in code.code.varnames.iter().zip(slots.iter()) {
                    if !matches!(v, Value::Unbound) {
                        d.set_str(name, v.clone());
                    }
                }
                Value::obj(NewObject::Dict(std::cell::RefCell::new(d)))
            }
            (None, None) => Value::obj(NewObject::Dict(std::cell::RefCell::new(
                crate::object::dict::Dict::new(),
            ))),
        };
        if let Some(Object::Instance(i)) = f.as_obj() {
            i.set_attr("f_locals", f_locals);
        }
        back = f;
    }
    Ok(back)
}

/// `sys.asyncgen_hooks`: the struct sequence `get_asyncgen_hooks` returns.
fn asyncgen_hooks_class() -> Value {
    crate::object::builtin_types::kept_by_name("sys.asyncgen_hooks", || {
        crate::types::struct_sequence::struct_sequence(
            "builtins",
            "asyncgen_hooks",
            &["firstiter", "finalizer"],
            &[],
            vec![
                ("n_sequence_fields", Value::Int(2)),
                ("n_fields", Value::Int(2)),
                ("n_unnamed_fields", Value::Int(0)),
            ],
        )
    })
}

/// `sys.get_asyncgen_hooks()`: `(firstiter, finalizer)` as
/// `sys.asyncgen_hooks`.
fn get_asyncgen_hooks(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("get_asyncgen_hooks", kw)?;
    arity("get_asyncgen_hooks", args, 0, 0)?;
    let Value::Obj(cls) = asyncgen_hooks_class() else {
        return raise(ExcKind::SystemError, "no asyncgen_hooks class");
    };
    let tuple = new_tuple(vm.asyncgen_hooks.to_vec());
    Ok(Value::obj(NewObject::Instance(
        crate::object::instance::Instance::new(cls, None, Some(tuple)),
    )))
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: replaces the
/// hooks given (each a callable or None; one left out stays as it is).
/// An asynchronous generator calls `firstiter` with itself when first
/// iterated, and keeps `finalizer`, which it is handed to when freed
/// unfinished (`vm::generators::finalize`).
fn set_asyncgen_hooks(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    if args.len() > 2 {
        return raise(
            ExcKind::TypeError,
            format!(
                "set_asyncgen_hooks() takes at most 2 arguments ({} given)",
                args.len() + kw.len()
            ),
        );
    }
    let mut new: [Option<Value>; 2] = [args.first().cloned(), args.get(1).cloned()];
    for (name, v) in kw {
        let i = match &**name {
            "firstiter" => 0,
            "finalizer" => 1,
            other => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{other}' is an invalid keyword argument for set_asyncgen_hooks()"),
                )
            }
        };
        new[i] = Some(v.clone());
    }
    // The finalizer first, then firstiter, each checked and set in turn,
    // as CPython does.
    for i in [1, 0] {
        let Some(v) = new[i].take() else { continue };
        if !matches!(v, Value::None) && !crate::object::classes::is_callable(&v) {
            return raise(
                ExcKind::TypeError,
                format!(
                    "callable {} expected, got {}",
                    ["firstiter", "finalizer"][i],
                    crate::object::heap::type_name(&v)
                ),
            );
        }
        vm.asyncgen_hooks[i] = v;
    }
    Ok(Value::None)
}

fn sys_getrecursionlimit(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("getrecursionlimit", kw)?;
    arity("getrecursionlimit", args, 0, 0)?;
    Ok(Value::Int(vm.recursion_limit as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0, or at least 640.
fn sys_set_int_max_str_digits(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let v = match (args, kw) {
        ([v], []) => v,
        ([], [(k, v)]) if &**k == "maxdigits" => v,
        _ => {
            return raise(
                ExcKind::TypeError,
                "set_int_max_str_digits() takes exactly one argument",
            )
        }
    };
    match int_of(v) {
        Some(IntVal::Small(n)) if n == 0 || (640..=i32::MAX as i64).contains(&n) => {
            crate::object::state::with(|s| s.int_max_str_digits.set(n as usize));
            Ok(Value::None)
        }
        Some(_) => raise(
            ExcKind::ValueError,
            "maxdigits must be 0 or larger than 640",
        ),
        None => crate::protocol::ops::not_an_integer(v),
    }
}

fn sys_get_int_max_str_digits(
    _: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("get_int_max_str_digits", kw)?;
    arity("get_int_max_str_digits", args, 0, 0)?;
    Ok(Value::Int(crate::object::state::int_max_str_digits() as i64))
}

fn sys_setrecursionlimit(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kwargs("setrecursionlimit", kw)?;
    arity("setrecursionlimit", args, 1, 1)?;
    match int_of(&args[0]) {
        Some(IntVal::Big(_)) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
        Some(IntVal::Small(n)) if n > i32::MAX as i64 => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C int",
        ),
        Some(IntVal::Small(n)) if n >= 1 => {
            if n <= vm.depth as i64 {
                return raise(
                    ExcKind::RecursionError,
                    format!(
                        "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
                        vm.depth
                    ),
                );
            }
            // Python frames run on a stack that grows as they nest
            // (`object::state::with_stack`), so any limit is honoured.
            vm.recursion_limit = n as u32;
            Ok(Value::None)
        }
        Some(_) => raise(
            ExcKind::ValueError,
            "recursion limit must be greater or equal than 1",
        ),
        None => crate::protocol::ops::not_an_integer(&args[0]),
    }
}

fn sys_exc_info(vm: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let exc = vm.exc_info.clone();
    Ok(match exc {
        Value::None => new_tuple(vec![Value::None, Value::None, Value::None]),
        e => {
            let tb = match crate::object::exceptions::exc_state(&e) {
                Some(s) => crate::types::traceback::object(s.traceback.borrow().head()),
                None => Value::None,
            };
            new_tuple(vec![crate::object::classes::type_value(&e), e, tb])
        }
    })
}

fn sys_intern(_: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("intern", args, 1, 1)?;
    Ok(args[0].clone())
}

// ---- time -------------------------------------------------------------------

/// `sys.excepthook(type, value, traceback)`: prints the exception and its
/// traceback to standard error, as for an uncaught exception.
fn excepthook(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    crate::object::args::no_kwargs("excepthook", kw)?;
    crate::object::args::arity("excepthook", args, 3, 3)?;
    if !crate::object::exceptions::is_exception(&args[1]) {
        let text = crate::protocol::repr::str_of(vm, &args[1])?;
        eprintln!("TypeError: print_exception(): Exception expected for value, {text} found");
        return Ok(Value::None);
    }
    let err = crate::object::exceptions::PyErr::from_value(args[1].clone(), false);
    let text = vm.format_exception(&err);
    crate::types::stream::write_stream(vm, crate::object::kinds::Stream::Stderr, &text)?;
    Ok(Value::None)
}

/// `sys.settrace(f)` / `sys.setprofile(f)`: None (no hook) is what there
/// is; a function would need tracing, which Taipan does not run.
fn no_hooks(
    _: &mut Vm,
    _: Option<&Value>,
    a: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    crate::object::args::arity("settrace", a, 1, 1)?;
    match &a[0] {
        Value::None => Ok(Value::None),
        _ => raise(
            ExcKind::NotImplementedError,
            "Taipan does not run trace or profile functions",
        ),
    }
}

/// `sys.stdin`: a TextIOWrapper over a BufferedReader over descriptor 0
/// (named `<stdin>`, not closing the descriptor), as CPython makes it;
/// None when descriptor 0 is not open.
pub fn make_stdin(vm: &mut Vm) -> Value {
    let made = (|| -> PyResult<Value> {
        let io = crate::protocol::import(vm, "_io")?;
        let fileio = crate::protocol::getattr(vm, &io, "FileIO")?;
        let raw = crate::protocol::call(
            vm,
            &fileio,
            &[Value::Int(0), new_str("rb"), Value::Bool(false)],
            &[],
        )?;
        crate::object::classes::setattr(vm, &raw, "name", Some(new_str("<stdin>")))?;
        let reader = crate::protocol::getattr(vm, &io, "BufferedReader")?;
        let buffer = crate::protocol::call(vm, &reader, &[raw], &[])?;
        let wrapper = crate::protocol::getattr(vm, &io, "TextIOWrapper")?;
        let text = crate::protocol::call(
            vm,
            &wrapper,
            &[
                buffer,
                new_str("utf-8"),
                new_str(crate::types::stream::errors_of(
                    crate::object::kinds::Stream::Stdout,
                )),
            ],
            &[],
        )?;
        crate::object::classes::setattr(vm, &text, "mode", Some(new_str("r")))?;
        Ok(text)
    })();
    made.unwrap_or(Value::None)
}
