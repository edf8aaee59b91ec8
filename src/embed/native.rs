//! Native functions and modules a host gives Python code: a function is
//! an object of the native type `builtin_function_or_method` holding the
//! host's closure (called through the type's `__call__`); a module is a
//! module object `import` finds in the interpreter's host modules.

use super::{Context, Object, Result};
use crate::object::exceptions::PyResult;
use crate::object::heap::{new_str, BuiltinFn, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// What a host function is: called with the interpreter, the positional
/// arguments and the keyword arguments.
pub type HostFn = dyn Fn(&mut Context, &[Object], &[(Rc<str>, Object)]) -> Result<Object>;

/// The Rust value of a native function object.
struct NativeFn {
    name: String,
    func: Rc<HostFn>,
}

impl crate::object::native::NativeData for NativeFn {}

type Kw<'a> = &'a [(Rc<str>, Value)];

const METHODS: &[(&str, BuiltinFn)] = &[("__call__", call), ("__repr__", repr)];

crate::object::builtin_types::native_class!("builtins", "builtin_function_or_method", METHODS);

/// A new native function object.
pub(crate) fn new_function(name: &str, func: Rc<HostFn>) -> Value {
    crate::object::native::new(
        class(),
        NativeFn {
            name: name.to_string(),
            func,
        },
    )
}

fn receiver<'a>(s: Option<&'a Value>, args: &'a [Value]) -> PyResult<(&'a NativeFn, &'a [Value])> {
    let (r, rest) = match s {
        Some(r) => (r, args),
        None => match args.split_first() {
            Some((r, rest)) => (r, rest),
            None => (&Value::None, args),
        },
    };
    match crate::object::native::data_of::<NativeFn>(r) {
        Some(f) => Ok((f, rest)),
        None => crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            "descriptor needs a builtin_function_or_method",
        ),
    }
}

fn call(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (f, rest) = receiver(s, args)?;
    let func = f.func.clone();
    let kw: Vec<(Rc<str>, Object)> = kw
        .iter()
        .map(|(k, v)| (k.clone(), Object(v.clone())))
        .collect();
    match func(Context::from_vm(vm), Object::slice(rest), &kw) {
        Ok(v) => Ok(v.0),
        Err(e) => Err(e.into_pyerr()),
    }
}

fn repr(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (f, _) = receiver(s, args)?;
    Ok(new_str(format!("<built-in function {}>", f.name)))
}

/// A module a host defines: its functions and values, importable once
/// added to an interpreter (`Context::add_module`).
///
/// ```
/// use taipan::embed::{Interpreter, ModuleDef, Object};
///
/// let mut py = Interpreter::builder().no_stdlib().build().unwrap();
/// let module = ModuleDef::new("host")
///     .function("double", |cx, args, _kw| {
///         let n: i64 = cx.extract(&args[0])?;
///         Ok(Object::from(2 * n))
///     })
///     .value("VERSION", "1.0");
/// py.add_module(module);
/// py.run("import host\nresult = host.double(21)").unwrap();
/// let result = py.global("result").unwrap();
/// assert_eq!(py.extract::<i64>(&result).unwrap(), 42);
/// ```
pub struct ModuleDef {
    name: String,
    functions: Vec<(String, Rc<HostFn>)>,
    values: Vec<(String, Box<dyn FnOnce() -> Value>)>,
}

impl ModuleDef {
    /// An empty module named `name`.
    pub fn new(name: &str) -> ModuleDef {
        ModuleDef {
            name: name.to_string(),
            functions: Vec::new(),
            values: Vec::new(),
        }
    }

    /// The module's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Adds a function.
    pub fn function<F>(mut self, name: &str, f: F) -> ModuleDef
    where
        F: Fn(&mut Context, &[Object], &[(Rc<str>, Object)]) -> Result<Object> + 'static,
    {
        self.functions.push((name.to_string(), Rc::new(f)));
        self
    }

    /// Adds a value (made when the module is added).
    pub fn value<T: super::IntoPython + 'static>(mut self, name: &str, v: T) -> ModuleDef {
        self.values
            .push((name.to_string(), Box::new(move || v.into_python())));
        self
    }

    /// The module object (its values made now).
    pub(crate) fn build(self) -> Value {
        let mut attrs: Vec<(&str, Value)> = vec![
            ("__spec__", Value::None),
            ("__loader__", Value::None),
            ("__package__", new_str("")),
        ];
        for (name, f) in &self.functions {
            attrs.push((name, new_function(name, f.clone())));
        }
        let values: Vec<(String, Value)> = self
            .values
            .into_iter()
            .map(|(name, make)| (name, make()))
            .collect();
        attrs.extend(values.iter().map(|(n, v)| (n.as_str(), v.clone())));
        crate::object::heap::make_module(&self.name, attrs)
    }
}
