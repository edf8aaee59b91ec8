//! `copyright`, `credits`, `license` and `help`: CPython's
//! `_sitebuiltins._Printer` and `_Helper`, which `site` puts in builtins,
//! made natively so that start-up costs nothing (importing and compiling
//! `_sitebuiltins.py` would, on every run without a cache). A printer's
//! repr is its text when short, else how to see it; calling it pages the
//! text 23 lines at a time (`Hit Return for more, or q (and Return) to
//! quit: `), reading it from the first of its files that exists. `help`
//! calls `pydoc.help`.

use crate::object::classes::Instance;
use crate::object::exceptions::PyResult;
use crate::object::heap::{new_list, new_str, BuiltinFn, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// Lines shown at once (`_Printer.MAXLINES`).
const MAXLINES: usize = 23;

mod printer {
    use super::*;
    const METHODS: &[(&str, BuiltinFn)] = &[("__repr__", repr), ("__call__", call)];
    crate::object::builtin_types::native_class!("_sitebuiltins", "_Printer", METHODS);
}

mod helper {
    use super::*;
    const METHODS: &[(&str, BuiltinFn)] = &[("__repr__", helper_repr), ("__call__", helper_call)];
    crate::object::builtin_types::native_class!("_sitebuiltins", "_Helper", METHODS);
}

fn instance(cls: Value) -> Option<Instance> {
    let Value::Obj(c) = cls else { return None };
    Some(Instance::new(c, None, None))
}

/// A printer named `name` showing `text`, or the first of `files` (in
/// `dirs`) that can be read.
pub fn new_printer(name: &str, text: &str, files: &[&str], dirs: &[String]) -> Value {
    let Some(inst) = instance(printer::class()) else {
        return Value::None;
    };
    let paths: Vec<Value> = dirs
        .iter()
        .flat_map(|d| files.iter().map(move |f| new_str(format!("{d}/{f}"))))
        .collect();
    inst.set_attr("_Printer__name", new_str(name));
    inst.set_attr("_Printer__data", new_str(text));
    inst.set_attr("_Printer__filenames", new_list(paths));
    Value::obj(crate::object::heap::NewObject::Instance(inst))
}

/// `help`.
pub fn new_helper() -> Value {
    match instance(helper::class()) {
        Some(inst) => Value::obj(crate::object::heap::NewObject::Instance(inst)),
        None => Value::None,
    }
}

fn receiver<'a>(
    s: Option<&'a Value>,
    args: &'a [Value],
    cls: Value,
    name: &str,
) -> PyResult<(&'a Value, &'a Instance, &'a [Value])> {
    crate::object::builtin_types::native_receiver(s, args, &cls, name)
}

/// The printer's lines: the first readable file's, else its text.
fn lines(inst: &Instance) -> Vec<String> {
    let files = inst.get_attr("_Printer__filenames").unwrap_or(Value::None);
    let files: Vec<String> = match files.as_obj() {
        Some(crate::object::heap::Object::List(l)) => l
            .borrow()
            .iter()
            .filter_map(|v| crate::object::heap::as_str(v).map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    let data = files
        .iter()
        .find_map(|f| std::fs::read_to_string(f).ok())
        .filter(|d| !d.is_empty())
        .or_else(|| {
            inst.get_attr("_Printer__data")
                .and_then(|d| crate::object::heap::as_str(&d).map(str::to_string))
        })
        .unwrap_or_default();
    data.split('\n').map(str::to_string).collect()
}

fn repr(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (_, inst, _) = receiver(s, args, printer::class(), "_Printer")?;
    let lines = lines(inst);
    if lines.len() <= MAXLINES {
        return Ok(new_str(lines.join("\n")));
    }
    let name = inst
        .get_attr("_Printer__name")
        .and_then(|n| crate::object::heap::as_str(&n).map(str::to_string))
        .unwrap_or_default();
    Ok(new_str(format!(
        "Type {name}() to see the full {name} text"
    )))
}

fn call(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, inst, rest) = receiver(s, args, printer::class(), "_Printer")?;
    crate::object::args::no_kwargs("_Printer", kw)?;
    crate::object::args::arity("_Printer", rest, 0, 0)?;
    let lines = lines(inst);
    let builtins = Value::Obj(vm.builtins.clone());
    let get = |vm: &mut Vm, name: &str| match builtins.as_obj() {
        Some(crate::object::heap::Object::Dict(d)) => d.borrow().get_str(name),
        _ => {
            let _ = vm;
            None
        }
    };
    let (Some(print), Some(input)) = (get(vm, "print"), get(vm, "input")) else {
        return Ok(Value::None);
    };
    let mut lineno = 0;
    loop {
        for line in lines.iter().skip(lineno).take(MAXLINES) {
            crate::protocol::call(vm, &print, &[new_str(line.as_str())], &[])?;
        }
        if lineno + MAXLINES >= lines.len() {
            break;
        }
        lineno += MAXLINES;
        let key = loop {
            let prompt = new_str("Hit Return for more, or q (and Return) to quit: ");
            let k = crate::protocol::call(vm, &input, &[prompt], &[])?;
            match crate::object::heap::as_str(&k) {
                Some("") => break "",
                Some("q") => break "q",
                _ => {}
            }
        };
        if key == "q" {
            break;
        }
    }
    Ok(Value::None)
}

fn helper_repr(_: &mut Vm, _: Option<&Value>, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(new_str(
        "Type help() for interactive help, or help(object) for help about object.",
    ))
}

fn helper_call(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (_, _, rest) = receiver(s, args, helper::class(), "_Helper")?;
    let pydoc = crate::protocol::import(vm, "pydoc")?;
    let help = crate::protocol::getattr(vm, &pydoc, "help")?;
    let mut all = rest.to_vec();
    let names: Vec<Rc<str>> = kw.iter().map(|(k, _)| k.clone()).collect();
    all.extend(kw.iter().map(|(_, v)| v.clone()));
    crate::protocol::call(vm, &help, &all, &names)
}
