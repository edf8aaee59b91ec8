//! Embedding Taipan in a Rust program (DESIGN.md decision 9,
//! docs/embedding.md): build an [`Interpreter`], run source, import a
//! module, call its functions with Rust values and read the results,
//! with Python exceptions as a Rust [`Error`] carrying the type, message
//! and traceback. Hosts register their own functions and modules, give
//! untrusted code a time budget and a memory ceiling, and keep several
//! interpreters in one process. The C API (`capi/`, `include/taipan.h`)
//! is built on this module.
//!
//! ```
//! use taipan::embed::Interpreter;
//!
//! let mut py = Interpreter::builder().no_stdlib().build().unwrap();
//! py.run("def area(w, h):\n    return w * h\n").unwrap();
//! let area = py.global("area").unwrap();
//! let result = py.call(&area, (6, 7)).unwrap();
//! assert_eq!(py.extract::<i64>(&result).unwrap(), 42);
//! ```

mod builder;
mod convert;
pub mod handle;
mod native;

pub use crate::object::memory::CountingAllocator;
pub use crate::vm::limits::Exceeded;
pub use builder::Builder;
pub use convert::{Bytes, FromPython, IntoArgs, IntoPython};
pub use native::ModuleDef;

use crate::object::exceptions::{PyErr, PyResult};
use crate::object::heap::{new_str, Object as HeapView};
use crate::object::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// A Python object held by the host: a counted reference, released when
/// dropped. It belongs to the interpreter that made it; pass it only to
/// that one.
#[repr(transparent)]
#[derive(Clone)]
pub struct Object(Value);

impl Object {
    /// `None`.
    pub fn none() -> Object {
        Object(Value::None)
    }

    /// The runtime value (for code that works with `taipan::object`).
    pub fn value(&self) -> &Value {
        &self.0
    }

    /// Wraps a runtime value.
    pub fn from_value(v: Value) -> Object {
        Object(v)
    }

    /// The runtime value, owned.
    pub fn into_value(self) -> Value {
        self.0
    }

    /// Whether this is `None`.
    pub fn is_none(&self) -> bool {
        matches!(self.0, Value::None)
    }

    /// `type(obj).__name__`.
    pub fn type_name(&self) -> String {
        crate::object::heap::type_name(&self.0).into_owned()
    }

    /// Whether two references name the same object (`a is b`).
    pub fn is(&self, other: &Object) -> bool {
        self.0.is(&other.0)
    }

    /// Views a slice of values as objects (same layout).
    fn slice(values: &[Value]) -> &[Object] {
        // SAFETY: `Object` is `repr(transparent)` over `Value`.
        unsafe { &*(values as *const [Value] as *const [Object]) }
    }
}

impl std::fmt::Debug for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{}", crate::pyrepr::repr_float(*x)),
            v => match crate::object::heap::as_str(v) {
                Some(s) => write!(f, "{s:?}"),
                None => write!(f, "<{} object>", self.type_name()),
            },
        }
    }
}

/// A Python exception seen by the host (or an error the host raises in
/// Python, from a native function).
///
/// ```
/// let mut py = taipan::embed::Interpreter::builder().no_stdlib().build().unwrap();
/// py.run("def parse(s):\n    return int(s)\n").unwrap();
/// let parse = py.global("parse").unwrap();
/// let err = py.call(&parse, ("12x",)).unwrap_err();
/// assert_eq!(err.type_name, "ValueError");
/// assert_eq!(err.message, "invalid literal for int() with base 10: '12x'");
/// assert!(err.is_instance_of("Exception"));
/// assert!(err.traceback.contains("in parse"));
/// ```
#[derive(Clone, Debug)]
pub struct Error {
    /// The exception's class name (`ValueError`).
    pub type_name: String,
    /// `str(exception)`.
    pub message: String,
    /// The traceback as Python prints it (`Traceback (most recent call
    /// last): …`, ending with `ValueError: message`); empty for errors
    /// made by the host.
    pub traceback: String,
    /// Which resource limit ended the call, if one did.
    pub exceeded: Option<Exceeded>,
    exception: Option<Object>,
}

impl Error {
    /// An error to raise in Python as `type_name(message)` (a built-in
    /// exception class name; `RuntimeError` for an unknown one).
    pub fn new(type_name: &str, message: impl Into<String>) -> Error {
        Error {
            type_name: type_name.to_string(),
            message: message.into(),
            traceback: String::new(),
            exceeded: None,
            exception: None,
        }
    }

    /// An error that raises `err` again, its traceback kept, when a
    /// native function returns it to Python (nothing is formatted).
    // (Errors travel boxed: `PyResult`'s error type.)
    #[allow(clippy::boxed_local)]
    pub fn from_pyerr(err: Box<PyErr>) -> Error {
        let exc = err.into_caught();
        Error {
            type_name: crate::object::exceptions::exception_class_name(&exc),
            message: String::new(),
            traceback: String::new(),
            exceeded: None,
            exception: Some(Object(exc)),
        }
    }

    /// The exception object (None for errors the host made).
    pub fn exception(&self) -> Option<&Object> {
        self.exception.as_ref()
    }

    /// Whether the exception is an instance of the built-in class named
    /// `type_name` (or of a subclass of it).
    pub fn is_instance_of(&self, type_name: &str) -> bool {
        let Some(kind) = crate::object::exceptions::ExcKind::from_name(type_name) else {
            return self.type_name == type_name;
        };
        match &self.exception {
            Some(e) => crate::object::exceptions::describes(&e.0, kind),
            None => crate::object::exceptions::ExcKind::from_name(&self.type_name)
                .is_some_and(|k| k.is_subclass_of(kind)),
        }
    }

    /// The Python exception this error stands for.
    pub(crate) fn into_pyerr(self) -> Box<PyErr> {
        if let Some(exc) = self.exception {
            return PyErr::from_value(exc.0, true);
        }
        let kind = crate::object::exceptions::ExcKind::from_name(&self.type_name)
            .unwrap_or(crate::object::exceptions::ExcKind::RuntimeError);
        PyErr::new(kind, self.message)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.type_name)
        } else {
            write!(f, "{}: {}", self.type_name, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Results of the embedding API.
pub type Result<T> = std::result::Result<T, Error>;

/// The operations of an interpreter, as the host sees it. An
/// [`Interpreter`] derefs to its context; a native function gets the
/// context of the interpreter that calls it.
#[repr(transparent)]
pub struct Context {
    vm: Vm,
}

impl Context {
    /// The context of `vm`.
    pub fn from_vm(vm: &mut Vm) -> &mut Context {
        // SAFETY: `Context` is `repr(transparent)` over `Vm`.
        unsafe { &mut *(vm as *mut Vm as *mut Context) }
    }

    /// The interpreter state (for code that works with `taipan::vm`).
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    /// Runs `op` as this interpreter: it is made current, and a call
    /// from outside Python (not from a native function Python called)
    /// gets a fresh time budget. A Python exception becomes an [`Error`].
    fn guarded<T>(&mut self, op: impl FnOnce(&mut Vm) -> PyResult<T>) -> Result<T> {
        let _entered = self.vm.enter();
        let outermost = self.vm.depth == 0;
        let budget = outermost.then(|| self.vm.limits.start());
        let result = op(&mut self.vm);
        let exceeded = self.vm.limits.exceeded();
        if let Some(b) = budget {
            b.finish(&mut self.vm.limits);
        }
        result.map_err(|e| {
            let mut error = self.error_of(&e);
            if matches!(error.type_name.as_str(), "TimeoutError" | "MemoryError") {
                error.exceeded = exceeded;
            }
            error
        })
    }

    /// The host's view of a Python exception.
    pub fn error_of(&mut self, err: &PyErr) -> Error {
        let type_name = crate::object::exceptions::exception_class_name(&err.exc);
        let message = crate::object::exceptions::exception_message(&mut self.vm, &err.exc)
            .unwrap_or_default();
        let traceback = self.vm.format_exception(err);
        Error {
            type_name,
            message,
            traceback,
            exceeded: None,
            exception: Some(Object(err.exc.clone())),
        }
    }

    /// The namespace of `__main__`.
    fn main_dict(&mut self) -> PyResult<crate::object::value::ObjRef> {
        if let Some(m) = self.vm.module("__main__") {
            if let Some(HeapView::Module(m)) = m.as_obj() {
                return Ok(m.dict.clone());
            }
        }
        let empty = crate::compiler::compile_text_source("", "<embedded>")
            .map_err(|_| {
                PyErr::new(
                    crate::object::exceptions::ExcKind::SystemError,
                    "no __main__",
                )
            })?
            .0;
        let m = self.vm.run_module(&empty, "__main__")?;
        match m.as_obj() {
            Some(HeapView::Module(m)) => Ok(m.dict.clone()),
            _ => crate::object::exceptions::raise(
                crate::object::exceptions::ExcKind::SystemError,
                "no __main__",
            ),
        }
    }

    /// Runs Python statements in `__main__` (as `PyRun_SimpleString`):
    /// what they define stays there for later calls.
    pub fn run(&mut self, source: &str) -> Result<()> {
        self.guarded(|vm| {
            let globals = Context::from_vm(vm).main_dict()?;
            let code = crate::vm::eval_exec::compile_text(vm, source, "<string>", "exec")?;
            crate::vm::eval_exec::exec_in(vm, &code, globals, None).map(drop)
        })
    }

    /// Evaluates a Python expression in `__main__`.
    pub fn eval(&mut self, expression: &str) -> Result<Object> {
        self.guarded(|vm| {
            let globals = Context::from_vm(vm).main_dict()?;
            let code = crate::vm::eval_exec::compile_text(vm, expression, "<string>", "eval")?;
            crate::vm::eval_exec::exec_in(vm, &code, globals, None).map(Object)
        })
    }

    /// Runs a Python file in `__main__` (its tracebacks quote it).
    pub fn run_file(&mut self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::new("OSError", e.to_string()))?;
        let name = path.display().to_string();
        self.guarded(|vm| {
            let text = crate::front::parser_text(&bytes)
                .map_err(|e| crate::vm::eval_exec::syntax_error(vm, &e, &name, ""))?;
            vm.register_source(&name, &text);
            let globals = Context::from_vm(vm).main_dict()?;
            if let HeapView::Dict(d) = globals.get() {
                d.borrow_mut().set_str("__file__", new_str(name.as_str()));
            }
            let code = crate::vm::eval_exec::compile_text(vm, &text, &name, "exec")?;
            crate::vm::eval_exec::exec_in(vm, &code, globals, None).map(drop)
        })
    }

    /// `import name` (dotted names too): the module.
    pub fn import(&mut self, name: &str) -> Result<Object> {
        self.guarded(|vm| {
            crate::vm::imports::import_dotted(vm, name)?;
            vm.module(name).map(Object).ok_or_else(|| {
                PyErr::new(
                    crate::object::exceptions::ExcKind::ImportError,
                    format!("No module named '{name}'"),
                )
            })
        })
    }

    /// A variable of `__main__`.
    pub fn global(&mut self, name: &str) -> Option<Object> {
        let _entered = self.vm.enter();
        let globals = self.main_dict().ok()?;
        match globals.get() {
            HeapView::Dict(d) => d.borrow().get_str(name).map(Object),
            _ => None,
        }
    }

    /// Sets a variable of `__main__`.
    pub fn set_global(&mut self, name: &str, value: impl IntoPython) -> Result<()> {
        self.guarded(|vm| {
            let globals = Context::from_vm(vm).main_dict()?;
            if let HeapView::Dict(d) = globals.get() {
                d.borrow_mut().set_str(name, value.into_python());
            }
            Ok(())
        })
    }

    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &Object, name: &str) -> Result<Object> {
        self.guarded(|vm| crate::protocol::getattr(vm, &obj.0, name).map(Object))
    }

    /// `hasattr(obj, name)`.
    pub fn hasattr(&mut self, obj: &Object, name: &str) -> bool {
        self.getattr(obj, name).is_ok()
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: &Object, name: &str, value: impl IntoPython) -> Result<()> {
        self.guarded(|vm| {
            let v = value.into_python();
            crate::object::classes::setattr(vm, &obj.0, name, Some(v))
        })
    }

    /// `f(*args)`.
    pub fn call(&mut self, f: &Object, args: impl IntoArgs) -> Result<Object> {
        self.guarded(|vm| {
            let args = args.into_args();
            crate::protocol::call(vm, &f.0, &args, &[]).map(Object)
        })
    }

    /// `f(*args, **kwargs)`.
    ///
    /// ```
    /// use taipan::embed::{Interpreter, Object};
    /// let mut py = Interpreter::builder().no_stdlib().build().unwrap();
    /// let sorted = py.eval("sorted").unwrap();
    /// let r = py
    ///     .call_kw(&sorted, (vec![3, 1, 2],), &[("reverse", Object::from(true))])
    ///     .unwrap();
    /// assert_eq!(py.extract::<Vec<i64>>(&r).unwrap(), vec![3, 2, 1]);
    /// ```
    pub fn call_kw(
        &mut self,
        f: &Object,
        args: impl IntoArgs,
        kwargs: &[(&str, Object)],
    ) -> Result<Object> {
        self.guarded(|vm| {
            let mut args = args.into_args();
            let names: Vec<Rc<str>> = kwargs.iter().map(|(k, _)| Rc::from(*k)).collect();
            args.extend(kwargs.iter().map(|(_, v)| v.0.clone()));
            crate::protocol::call(vm, &f.0, &args, &names).map(Object)
        })
    }

    /// `obj.name(*args)`.
    pub fn call_method(&mut self, obj: &Object, name: &str, args: impl IntoArgs) -> Result<Object> {
        let method = self.getattr(obj, name)?;
        self.call(&method, args)
    }

    /// Converts a Python object to a Rust value.
    pub fn extract<T: FromPython>(&self, obj: &Object) -> Result<T> {
        let _entered = self.vm.enter();
        T::from_python(&obj.0)
    }

    /// Converts a Rust value to a Python object of this interpreter.
    pub fn object(&self, value: impl IntoPython) -> Object {
        let _entered = self.vm.enter();
        Object(value.into_python())
    }

    /// `repr(obj)`.
    pub fn repr(&mut self, obj: &Object) -> Result<String> {
        self.guarded(|vm| crate::protocol::repr::repr(vm, &obj.0))
    }

    /// `str(obj)`.
    pub fn str(&mut self, obj: &Object) -> Result<String> {
        self.guarded(|vm| crate::protocol::repr::str_of(vm, &obj.0))
    }

    /// `bool(obj)`.
    pub fn is_true(&mut self, obj: &Object) -> Result<bool> {
        self.guarded(|vm| crate::protocol::truthy(vm, &obj.0))
    }

    /// `len(obj)`.
    pub fn len(&mut self, obj: &Object) -> Result<usize> {
        self.guarded(|vm| crate::protocol::len(vm, &obj.0))
    }

    /// `obj[key]`.
    pub fn get_item(&mut self, obj: &Object, key: impl IntoPython) -> Result<Object> {
        self.guarded(|vm| crate::protocol::getitem(vm, &obj.0, &key.into_python()).map(Object))
    }

    /// `obj[key] = value`.
    pub fn set_item(
        &mut self,
        obj: &Object,
        key: impl IntoPython,
        value: impl IntoPython,
    ) -> Result<()> {
        self.guarded(|vm| {
            crate::protocol::setitem(vm, &obj.0, &key.into_python(), value.into_python())
        })
    }

    /// A Python function that runs `f` (the positional arguments, then
    /// the keyword arguments by name). What `f` returns as an error is
    /// raised in Python.
    pub fn function<F>(&mut self, name: &str, f: F) -> Object
    where
        F: Fn(&mut Context, &[Object], &[(Rc<str>, Object)]) -> Result<Object> + 'static,
    {
        let _entered = self.vm.enter();
        Object(native::new_function(name, Rc::new(f)))
    }

    /// Makes `module` importable in this interpreter (`import NAME`).
    pub fn add_module(&mut self, module: ModuleDef) -> Object {
        let _entered = self.vm.enter();
        let name = module.name().to_string();
        let m = module.build();
        self.vm.host_modules.insert(name, m.clone());
        Object(m)
    }

    /// Runs the objects' finalizers and the cycle collector now.
    pub fn collect(&mut self) -> usize {
        let _entered = self.vm.enter();
        let n = crate::object::gc::collect();
        crate::object::pending::run(&mut self.vm);
        n
    }
}

/// An interpreter a host owns: made by [`Interpreter::builder`], with
/// all of [`Context`]'s operations. Several may live in one thread,
/// each with its own modules, objects and limits.
pub struct Interpreter {
    vm: Box<Vm>,
}

impl Interpreter {
    /// An interpreter with the defaults: output to the process's
    /// standard streams, the standard library found as the `taipan`
    /// program finds it, no JIT, no limits.
    pub fn new() -> Result<Interpreter> {
        Builder::default().build()
    }

    /// Chooses the interpreter's settings.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Flushes the interpreter's output.
    pub fn flush(&mut self) {
        let _ = self.vm.stdout.flush();
        if let Some(e) = self.vm.stderr.as_mut() {
            let _ = e.flush();
        }
    }
}

use std::io::Write;

impl std::ops::Deref for Interpreter {
    type Target = Context;
    fn deref(&self) -> &Context {
        // SAFETY: `Context` is `repr(transparent)` over `Vm`.
        unsafe { &*(&*self.vm as *const Vm as *const Context) }
    }
}

impl std::ops::DerefMut for Interpreter {
    fn deref_mut(&mut self) -> &mut Context {
        Context::from_vm(&mut self.vm)
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        let _entered = self.vm.enter();
        self.vm.finalize();
        self.flush();
    }
}
