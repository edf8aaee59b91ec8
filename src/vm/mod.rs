//! The virtual machine: the interpreter state ([`Vm`]: modules, recursion
//! depth, output streams, source lines for tracebacks), the eval loop, frames,
//! calls, imports and the inline caches. It runs on the object model
//! (`crate::object`), the built-in types (`crate::types`) and the protocol
//! layer (`crate::protocol`).

pub mod async_generators;
pub mod attr_cache;
pub(crate) mod binary_arms;
pub(crate) mod call_macros;
pub mod calls;
pub mod coroutines;
pub mod eval_exec;
pub mod eval_loop;
pub mod exception_display;
pub mod fast_paths;
pub mod frames;
pub mod generator_members;
pub mod generators;
pub mod imports;
pub mod interp;
pub mod limits;
pub mod matching;
pub mod signals;
pub(crate) mod slow_opcodes;
pub mod specialize;
pub mod stdlib_path;
pub(crate) mod subscript_arms;
pub(crate) mod superinstructions;
pub mod threads;

use crate::object::builtin_types::Member;
use crate::object::exceptions::{PyErr, PyResult};
use crate::object::heap::NewObject;
use crate::object::heap::{Function, JitEntry, Object, RtCode, TypeKind};
use crate::object::value::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, ConstValue};

/// The interpreter's operations the object layer calls
/// (`object::upcalls`).
static UPCALLS: crate::object::upcalls::Upcalls = crate::object::upcalls::Upcalls {
    call: interp::call,
    call_method: |vm, f, receiver, args| interp::call_method(vm, f, receiver, args, &[]),
    run_function: frames::run_function,
    import: imports::import_dotted,
    finalize_generator: generators::finalize,
    write_stderr: |vm, text| {
        crate::types::stream::write_stream(vm, crate::object::kinds::Stream::Stderr, text)
    },
    member_tables,
    generator_slots: &generators::SLOTS,
    repr: crate::protocol::repr::repr,
    str: crate::protocol::repr::str_of,
    exception_methods: crate::types::object::exception_methods,
    hash: crate::types::hash_builtin,
    eq_hashable: |a, b| crate::protocol::ops::eq(a, b).unwrap_or(false),
    await_next: coroutines::await_next,
    type_attr: crate::types::object::builtin_type_attr,
};

/// The member tables of built-in type `t`: the interpreter's own types
/// (generators, coroutines) here, the others from `types`.
fn member_tables(t: TypeKind) -> &'static [&'static [Member]] {
    use generator_members as g;
    match t {
        TypeKind::Generator => &[g::GENERATOR_MEMBERS],
        TypeKind::Coroutine => &[g::COROUTINE_MEMBERS],
        TypeKind::AsyncGenerator => &[g::ASYNC_GENERATOR_MEMBERS],
        TypeKind::Iterator("coroutine_wrapper") => &[g::COROUTINE_WRAPPER_MEMBERS],
        TypeKind::Iterator("async_generator_asend" | "async_generator_athrow") => {
            &[g::ASYNC_GENERATOR_AWAITABLE_MEMBERS]
        }
        _ => crate::types::member_tables(t),
    }
}

/// What the layer of native modules gives an interpreter when it is
/// made (`modules::NATIVES`), so the interpreter names none of them.
pub struct Natives {
    /// Fills the `builtins` namespace.
    pub install_builtins: fn(&mut Vm),
    /// The native module `name` (`import`), None when there is none.
    pub module: fn(&mut Vm, &str) -> PyResult<Option<Value>>,
    /// Runs the functions `atexit.register` recorded.
    pub at_exit: fn(&mut Vm) -> PyResult<()>,
    /// The built-in `len` and `isinstance`, which calls specialise to
    /// (`CALL_NO_KW_LEN`, `CALL_NO_KW_ISINSTANCE`) when they see them.
    pub len: crate::object::heap::BuiltinFn,
    pub isinstance: crate::object::heap::BuiltinFn,
    /// `list.append`, which method calls specialise to
    /// (`CALL_NO_KW_LIST_APPEND`) when they see it.
    pub list_append: crate::object::heap::BuiltinFn,
    /// Reports an exception nothing can catch (raised while freeing an
    /// object, in a finalizer or an `atexit` function) through
    /// `sys.unraisablehook`: the heading (None: "Exception ignored in"),
    /// the object concerned and the exception.
    pub report_unraisable: fn(&mut Vm, Option<&str>, &Value, &PyErr),
    /// Issues a warning of category `kind` from native code: at a file
    /// and line when given (`warnings.warn_explicit`), else at the
    /// caller's frame (`warnings.warn(msg, kind)`).
    pub warn: WarnFn,
    /// Lets go of the values a thread's native-module caches hold, before
    /// the thread gives up the interpreter lock for the last time.
    pub thread_exit: fn(),
}

/// [`Natives::warn`]: category, message, and the file and line when
/// the warning has a place of its own.
pub type WarnFn =
    fn(&mut Vm, crate::object::exceptions::ExcKind, &str, Option<(&str, usize)>) -> PyResult<()>;

/// The compiling tier as the interpreter sees it (`jit::tier`
/// makes it), so the interpreter names nothing of the JIT: its state,
/// how it compiles a code object that became hot, and how compiled code
/// runs on a frame.
pub struct Tier {
    /// The tier's own state (compiler, settings, statistics).
    pub state: Box<dyn std::any::Any>,
    /// Compiles `rt` if it has become hot enough: its entry.
    pub compile: fn(&mut Vm, &Rc<RtCode>) -> Option<JitEntry>,
    /// Runs compiled code on a frame's slab from `start_pc` (0, or the
    /// loop header of an on-stack replacement): how it ended. The slab
    /// stays the caller's, holding the frame's locals and stack.
    pub run: RunCompiled,
    /// The tier for a new thread of the interpreter (sharing this one's
    /// compiled code and compiler).
    pub share: fn(&Tier) -> Option<Tier>,
}

/// See [`Tier::run`].
pub type RunCompiled =
    fn(&mut Vm, &Function, &mut crate::object::frame_slab::Slab, JitEntry, usize) -> Ran;

/// How a run of compiled code on a frame ended.
pub enum Ran {
    /// The function returned this value.
    Returned(Value),
    /// The instruction at this offset raised the error (which has no
    /// traceback entry for the frame yet). The slab holds the frame's
    /// locals and every live stack value, as the interpreter would have
    /// them there: when a handler of the code covers the offset, the
    /// frame goes on in the interpreter (`frames::catch` unwinds to it).
    Raised(Box<crate::object::exceptions::PyErr>, usize),
    /// The start offset is a loop header the compiled code has no entry
    /// for (only exception handlers reach it): the interpreter goes on.
    NotEntered,
    /// A generator's frame yielded this value and resumes at this offset
    /// (the instruction after its YIELD_VALUE), its stack in the slab.
    Yielded(Value, usize),
    /// Compiled code reached a block it was compiled without (one the
    /// interpreter had not run then) and left the frame there: the slab
    /// holds the locals and the stack as the interpreter has them at this
    /// offset, and the interpreter goes on from it.
    Exited(usize),
}

/// The interpreter state.
pub struct Vm {
    /// The `builtins` namespace (a dict object).
    pub builtins: crate::object::value::ObjRef,
    /// `sys.modules` (a dict object, in import order; the program may
    /// change it and imports see the change).
    pub modules: crate::object::value::ObjRef,
    /// Python frames currently executing.
    pub depth: u32,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: u32,
    /// Where `print` writes.
    pub stdout: Box<dyn Write>,
    /// Directories searched by `import`.
    pub path: Vec<PathBuf>,
    /// CPython 3.11's `Lib/`, when one was found (`vm::stdlib_path`).
    pub stdlib: Option<PathBuf>,
    /// Whether imports write `__pycache__` (`-B` / `PYTHONDONTWRITEBYTECODE`
    /// turn it off; a fresh cache file is read either way, as in CPython).
    pub write_cache: bool,
    /// Source text of every file compiled, for tracebacks.
    /// (Shared with the interpreter's other threads.)
    sources: Rc<std::cell::RefCell<HashMap<String, Vec<String>>>>,
    /// The JIT tier, when enabled.
    pub jit: Option<Tier>,
    /// The exception being handled (`sys.exc_info()[1]`), or None.
    pub exc_info: Value,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// An argument was not UTF-8: `argv` holds its undecodable bytes as
    /// the first block's stand-ins for surrogates (`surrogateescape`).
    pub argv_surrogates: bool,
    /// `sys.warnoptions` (`-W`, `PYTHONWARNINGS`).
    pub warnoptions: Vec<String>,
    /// Modules whose code is running (an import of a name from one of
    /// them that fails is a circular import).
    pub initializing: Vec<String>,
    /// The Python handlers `signal.signal` installed, by signal number.
    pub signal_handlers: HashMap<i32, Value>,
    /// The native library: `builtins`, the native modules, `atexit`.
    pub natives: &'static Natives,
    /// The code of the last `__main__` module run, as the interpreter
    /// quickened it (`taipan --dis --adaptive`).
    pub main_code: Option<Rc<RtCode>>,
    /// Where `sys.stderr` writes (None: the process's standard error).
    pub stderr: Option<Box<dyn Write>>,
    /// Resource limits an embedding host set (`vm::limits`).
    pub limits: limits::Limits,
    /// Modules a host registered (`taipan::embed`): `import` finds them
    /// before the native and library modules.
    pub host_modules: HashMap<String, Value>,
    /// `os.register_at_fork`'s callables: before, after in the parent,
    /// after in the child.
    pub fork_hooks: [Vec<Value>; 3],
    /// The running frames, outermost first, one link per run of the eval
    /// loop or of compiled code (`sys._getframe`: `frames::live_frames`).
    pub(crate) frame_chain: Vec<frames::ChainLink>,
    /// `sys.set_asyncgen_hooks`: the `firstiter` and `finalizer` hooks
    /// (None when unset) that asynchronous generators started from now on
    /// get.
    pub asyncgen_hooks: [Value; 2],
    /// asyncio's running event loop in this thread and the process it was
    /// set in (`_asyncio._set_running_loop`; CPython keeps it in the
    /// thread state's dict): a forked child does not inherit it.
    pub running_loop: Option<(Value, i32)>,
    /// Locks to release when this thread ends (`_thread._set_sentinel`:
    /// `Thread.join` waits on them).
    pub thread_exit_locks: Vec<Value>,
    /// `sys.set_coroutine_origin_tracking_depth`: how many frames a new
    /// coroutine's `cr_origin` records (0: none, no cost).
    pub coro_origin_depth: usize,
    /// The type objects of the immediates, indexed by their tag
    /// (`NoneType`, `bool`, `int`, `float`): `type(x)` in the hot loop
    /// without asking the interpreter state. Borrowed: the state's table
    /// keeps them for as long as it lives, which is longer than any other
    /// field.
    immediate_types: [std::ptr::NonNull<crate::object::value::HeapObject>; 4],
    /// The `type` type object (borrowed as above), for the hot loop's
    /// test that a callable is `type`.
    pub(crate) type_type: std::ptr::NonNull<crate::object::value::HeapObject>,
    /// The stack Python frames' slabs are carved from (CPython's
    /// per-thread data stack; `object::frame_slab`). After everything a
    /// frame could be held by.
    pub data_stack: crate::object::frame_slab::OwnedDataStack,
    /// This interpreter's collector and pending finalizers
    /// (`crate::object::heap::state`); the last field, so everything above is freed
    /// while it is still there.
    state: crate::object::state::OwnedState,
}

/// A built-in type object's address (the type objects are never freed).
fn builtin_type_pointer(t: TypeKind) -> std::ptr::NonNull<crate::object::value::HeapObject> {
    match crate::object::builtin_types::type_object(t) {
        Value::Obj(o) => o.as_non_null(),
        _ => unreachable!("a built-in type is an object"),
    }
}

impl Vm {
    /// A fresh interpreter writing to `stdout`, with the native modules
    /// `natives` (`taipan::modules::NATIVES`).
    pub fn new(stdout: Box<dyn Write>, natives: &'static Natives) -> Vm {
        crate::object::upcalls::register(&UPCALLS);
        // Current from the start: the objects made below are this
        // interpreter's.
        let state = crate::object::state::OwnedState::new_current();
        let mut vm = Vm {
            builtins: crate::object::value::ObjRef::new(NewObject::Dict(std::cell::RefCell::new(
                crate::object::dict::Dict::new(),
            ))),
            modules: crate::object::value::ObjRef::new(NewObject::Dict(std::cell::RefCell::new(
                crate::object::dict::Dict::new(),
            ))),
            depth: 0,
            recursion_limit: crate::object::state::DEFAULT_RECURSION_LIMIT,
            stdout,
            path: Vec::new(),
            stdlib: None,
            write_cache: true,
            signal_handlers: HashMap::new(),
            sources: Default::default(),
            jit: None,
            exc_info: Value::None,
            argv: Vec::new(),
            argv_surrogates: false,
            warnoptions: Vec::new(),
            initializing: Vec::new(),
            natives,
            main_code: None,
            stderr: None,
            limits: Default::default(),
            host_modules: HashMap::new(),
            fork_hooks: Default::default(),
            frame_chain: Vec::new(),
            asyncgen_hooks: [Value::None, Value::None],
            running_loop: None,
            thread_exit_locks: Vec::new(),
            coro_origin_depth: 0,
            immediate_types: [
                TypeKind::NoneType,
                TypeKind::Bool,
                TypeKind::Int,
                TypeKind::Float,
            ]
            .map(builtin_type_pointer),
            type_type: builtin_type_pointer(TypeKind::Type),
            data_stack: Default::default(),
            state,
        };
        (natives.install_builtins)(&mut vm);
        let builtins = crate::vm::eval_exec::builtins_module(&vm);
        vm.set_module("builtins", builtins);
        vm
    }

    /// `type(v)`: a heap object's type from its header, an immediate's
    /// from this interpreter's table.
    #[inline(always)]
    pub fn type_value(&self, v: &Value) -> Value {
        if let Value::Obj(o) = v {
            return o.type_value();
        }
        // The tags of None, bools, ints and floats are 0 to 3 (an unbound
        // slot's, never asked about, lands on `bool`).
        let i = (v.tag() & 3) as usize;
        // SAFETY: the state's table keeps the type objects alive (see
        // `immediate_types`).
        Value::Obj(unsafe {
            crate::object::value::ObjRef::from_raw_incref(self.immediate_types[i])
        })
    }

    /// Makes this interpreter the current one until the returned guard is
    /// dropped (for a host that runs several: the objects it makes, the
    /// collections and finalizers that run, are this one's).
    pub fn enter(&self) -> crate::object::state::Entered {
        crate::object::state::Entered::new(self.state.make_current())
    }

    /// Whether this interpreter is the current one.
    pub fn is_current(&self) -> bool {
        self.state.is_current()
    }

    /// The interpreter state of a new thread of this interpreter (CPython's
    /// new thread state): the same modules, builtins, settings, sources
    /// and output, its own frames, exception state and data stack, and
    /// the same compiling tier (code compiled by any thread runs in all).
    pub fn for_thread(&mut self) -> Vm {
        Vm {
            builtins: self.builtins.clone(),
            modules: self.modules.clone(),
            depth: 0,
            recursion_limit: self.recursion_limit,
            stdout: Box::new(threads::Forward::new(&mut *self.stdout)),
            path: self.path.clone(),
            stdlib: self.stdlib.clone(),
            write_cache: self.write_cache,
            sources: self.sources.clone(),
            jit: self.jit.as_ref().and_then(|t| (t.share)(t)),
            exc_info: Value::None,
            argv: self.argv.clone(),
            argv_surrogates: self.argv_surrogates,
            warnoptions: self.warnoptions.clone(),
            initializing: Vec::new(),
            signal_handlers: HashMap::new(),
            natives: self.natives,
            main_code: None,
            stderr: self
                .stderr
                .as_mut()
                .map(|e| Box::new(threads::Forward::new(&mut **e)) as Box<dyn Write>),
            limits: Default::default(),
            host_modules: self.host_modules.clone(),
            fork_hooks: self.fork_hooks.clone(),
            frame_chain: Vec::new(),
            asyncgen_hooks: [Value::None, Value::None],
            running_loop: None,
            thread_exit_locks: Vec::new(),
            coro_origin_depth: 0,
            immediate_types: self.immediate_types,
            type_type: self.type_type,
            data_stack: Default::default(),
            state: self.state.share(),
        }
    }

    /// This interpreter's lock (`object::gil`).
    pub fn gil(&self) -> &crate::object::gil::Gil {
        &self.state.get().gil
    }

    /// This interpreter's lock, shared (for a thread being started).
    pub fn gil_handle(&self) -> std::sync::Arc<crate::object::gil::Gil> {
        self.state.get().gil.clone()
    }

    /// Remembers a file's text so tracebacks can quote it.
    pub fn register_source(&mut self, filename: &str, text: &str) {
        self.sources.borrow_mut().insert(
            filename.to_string(),
            text.lines().map(str::to_string).collect(),
        );
    }

    /// Prepares a code object for execution (constants materialised).
    pub fn prepare_code(&self, code: &Arc<CodeObject>) -> Rc<RtCode> {
        let consts: Vec<Value> = code.consts.iter().map(|k| self.const_value(k)).collect();
        let simple = code.is_simple_positional();
        Rc::new(RtCode {
            code: code.clone(),
            consts_ptr: consts.as_ptr(),
            consts,
            names: code
                .names
                .iter()
                .map(|n| crate::object::intern::text(n))
                .collect(),
            name_hashes: code
                .names
                .iter()
                .map(|n| crate::object::dict::str_hash(n))
                .collect(),
            global_cache: (0..code.names.len()).map(|_| Default::default()).collect(),
            attr_caches: crate::object::payloads::AttrCaches::new(code),
            quick: crate::object::payloads::Quickened::new(&code.code),
            binary_sites: Default::default(),
            filename: Rc::from(code.filename.as_str()),
            name: Rc::from(code.name.as_str()),
            nlocals: code.nlocals(),
            simple_argcount: simple.then_some(code.argcount as usize),
            direct_argc: code.direct_argcount().map_or(u64::MAX, |n| n as u64),
            frame_cap: code.frame_capacity() as u64,
            direct_entry: std::cell::Cell::new(0),
            calls: std::cell::Cell::new(0),
            backedges: std::cell::Cell::new(0),
            jit_entry: std::cell::Cell::new(None),
            jit_failed: std::cell::Cell::new(false),
            osr_refused: std::cell::Cell::new(usize::MAX),
            resume_hint: std::cell::Cell::new(usize::MAX),
            jit_exits: Default::default(),
            jit_exit_count: std::cell::Cell::new(0),
            jit_recompiles: std::cell::Cell::new(0),
            extra_flags: std::cell::Cell::new(0),
        })
    }

    fn const_value(&self, k: &ConstValue) -> Value {
        match k {
            ConstValue::None => Value::None,
            ConstValue::Bool(b) => Value::Bool(*b),
            ConstValue::Int(i) => Value::Int(*i),
            ConstValue::BigInt(s) => match s.parse::<num_bigint::BigInt>() {
                Ok(b) => crate::protocol::ops::int_value(b),
                Err(_) => Value::None,
            },
            ConstValue::Float(f) => Value::Float(*f),
            ConstValue::Complex(re, im) => crate::types::complex::make(*re, *im),
            ConstValue::Str(s) => crate::object::heap::new_str(s.clone()),
            ConstValue::WtfStr(s) => Value::obj(crate::object::heap::NewObject::Str(
                crate::object::heap::PyStr::from_wtf8(s),
            )),
            ConstValue::Bytes(b) => Value::obj(NewObject::Bytes(b.clone())),
            ConstValue::Tuple(items) => {
                crate::object::heap::new_tuple(items.iter().map(|i| self.const_value(i)).collect())
            }
            ConstValue::Code(c) => Value::obj(NewObject::Code(self.prepare_code(c))),
            ConstValue::Ellipsis => crate::object::classes::ellipsis(),
            ConstValue::FrozenSet(items) => {
                // CPython builds the constant from the display's items,
                // then once more from that set's own order when it merges
                // the code's constants; the table layout (the iteration
                // order) follows both steps.
                let mut first = crate::object::set_table::SetTable::default();
                for i in items {
                    let _ = crate::types::set::add(&mut first, self.const_value(i));
                }
                let mut second = crate::object::set_table::SetTable::default();
                for v in first.items() {
                    let _ = crate::types::set::add(&mut second, v);
                }
                crate::types::set::new_set(second, true)
            }
        }
    }

    /// Runs a module's code in a fresh namespace named `name`; returns
    /// the module object.
    pub fn run_module(&mut self, code: &Arc<CodeObject>, name: &str) -> PyResult<Value> {
        self.run_module_with(code, name, &[])
    }

    /// [`Vm::run_module`] with extra module attributes set first
    /// (`__package__`, `__path__`).
    pub fn run_module_with(
        &mut self,
        code: &Arc<CodeObject>,
        name: &str,
        extra: &[(&str, Value)],
    ) -> PyResult<Value> {
        let globals = crate::object::value::ObjRef::new(NewObject::Dict(std::cell::RefCell::new(
            crate::object::dict::Dict::new(),
        )));
        if let Object::Dict(d) = globals.get() {
            let mut d = d.borrow_mut();
            d.set_str("__name__", crate::object::heap::new_str(name));
            d.set_str("__doc__", Value::None);
            d.set_str(
                "__file__",
                crate::object::heap::new_str(code.filename.clone()),
            );
            // Taipan's import makes no ModuleSpec (importlib's finder in
            // `sys.meta_path` does, for what importlib imports).
            d.set_str("__spec__", Value::None);
            d.set_str("__loader__", Value::None);
            // `__main__` names the builtins module, other modules its
            // dict, as CPython's.
            let builtins = if name == "__main__" {
                self.module("builtins")
                    .unwrap_or_else(|| crate::vm::eval_exec::builtins_module(self))
            } else {
                Value::Obj(self.builtins.clone())
            };
            d.set_str("__builtins__", builtins);
            for (k, v) in extra {
                d.set_str(k, v.clone());
            }
        }
        let module = Value::obj(NewObject::Module(crate::object::heap::Module {
            name: name.to_string(),
            dict: globals.clone(),
        }));
        self.set_module(name, module.clone());
        let rt = self.prepare_code(code);
        if name == "__main__" {
            self.main_code = Some(rt.clone());
        }
        let func = crate::object::heap::Function::module_code(rt, globals, None);
        crate::vm::frames::run_function(self, &func, Default::default())?;
        Ok(module)
    }

    /// Runs a module's code with `globals` (an existing module's dict:
    /// importlib's `exec_module`, `importlib.reload`).
    pub fn exec_module_code(
        &mut self,
        code: &Arc<CodeObject>,
        globals: crate::object::value::ObjRef,
    ) -> PyResult<()> {
        let rt = self.prepare_code(code);
        let func = crate::object::heap::Function::module_code(rt, globals, None);
        crate::vm::frames::run_function(self, &func, Default::default())?;
        Ok(())
    }

    /// The dict behind `sys.modules`.
    pub fn modules_dict(&self) -> &std::cell::RefCell<crate::object::dict::Dict> {
        match self.modules.get() {
            Object::Dict(d) => d,
            _ => unreachable!("sys.modules is made a dict and never replaced"),
        }
    }

    /// `sys.modules[name]`, if there.
    pub fn module(&self, name: &str) -> Option<Value> {
        self.modules_dict().borrow().get_str(name)
    }

    /// `sys.modules[name] = module`.
    pub fn set_module(&self, name: &str, module: Value) {
        self.modules_dict().borrow_mut().set_str(name, module);
    }

    /// `sys.modules.pop(name, None)`.
    pub fn remove_module(&self, name: &str) {
        let key = crate::object::heap::new_str(name);
        let _ = self.modules_dict().borrow_mut().remove(&key);
    }

    /// What CPython does when the program ends, so that the objects
    /// still alive then are finalized (`__del__`, weak-reference
    /// callbacks): the modules are let go, and a collection finds their
    /// namespaces (kept alive only by the cycles between a namespace and
    /// the functions defined in it) and everything only they held; the
    /// finalizers run with the namespaces still intact, then a second
    /// collection frees it all.
    pub fn finalize(&mut self) {
        // Non-daemon threads are waited for (`threading._shutdown`), then
        // `atexit` functions run, while everything is still there; then
        // the daemon threads never get the interpreter lock again.
        threads::wait_for_shutdown(self);
        if self.module("atexit").is_some() {
            let _ = (self.natives.at_exit)(self);
        }
        self.state.get().gil.finalize();
        signals::finalize(self);
        let modules = match self.modules.get() {
            Object::Dict(d) => std::mem::take(&mut *d.borrow_mut()),
            _ => crate::object::dict::Dict::new(),
        };
        drop(modules);
        crate::object::pending::run(self);
        for _ in 0..2 {
            crate::object::gc::collect();
            crate::object::pending::run(self);
        }
        let _ = self.stdout.flush();
    }

    /// Formats an uncaught exception with tracebacks quoting the sources.
    /// The exit status of an uncaught SystemExit (`sys.exit(code)`): None
    /// for other exceptions. A non-integer code is printed to stderr and
    /// exits with 1, as CPython.
    pub fn exit_status(&mut self, err: &PyErr) -> Option<u8> {
        if err.kind() != crate::object::exceptions::ExcKind::SystemExit {
            return None;
        }
        let code = crate::object::exceptions::exception_args(&err.exc)
            .into_iter()
            .next();
        Some(match code {
            None | Some(Value::None) => 0,
            Some(Value::Int(n)) => n as u8,
            Some(Value::Bool(b)) => b as u8,
            Some(other) => {
                let _ = self.stdout.flush();
                let text = crate::protocol::repr::str_of(self, &other).unwrap_or_default();
                eprintln!("{text}");
                1
            }
        })
    }
}

impl crate::object::exceptions::SourceLines for Vm {
    fn line(&mut self, filename: &str, lineno: u32) -> Option<String> {
        if !self.sources.borrow().contains_key(filename) {
            let text = std::fs::read(filename).ok()?;
            let text = crate::front::parser_text(&text).ok()?;
            self.register_source(filename, &text);
        }
        self.sources
            .borrow()
            .get(filename)?
            .get(lineno.checked_sub(1)? as usize)
            .cloned()
    }
}
