//! Exceptions: the built-in hierarchy, the error value that unwinds
//! through the interpreter, and the one place that prints an uncaught
//! exception the way CPython 3.11 does (traceback with source lines and
//! PEP 657 carets, repeated frames folded, `Type: message`).

use crate::object::heap::NewObject;
use crate::object::heap::{new_str, Object};
use crate::object::value::Value;
use std::cell::{Cell, RefCell};
use std::fmt::Write;
use std::rc::Rc;
use taipan_bytecode::code::Position;

macro_rules! exc_kinds {
    ($($name:ident => $parent:expr),* $(,)?) => {
        /// The built-in exception classes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ExcKind { $($name,)* }

        impl ExcKind {
            /// Every built-in exception class.
            pub const ALL: &'static [ExcKind] = &[$(ExcKind::$name,)*];

            /// The class name.
            pub fn name(self) -> &'static str {
                match self { $(ExcKind::$name => stringify!($name),)* }
            }

            /// The direct base class (`None` for BaseException).
            pub fn parent(self) -> Option<ExcKind> {
                match self { $(ExcKind::$name => $parent,)* }
            }
        }
    };
}

exc_kinds! {
    BaseException => None,
    SystemExit => Some(ExcKind::BaseException),
    KeyboardInterrupt => Some(ExcKind::BaseException),
    GeneratorExit => Some(ExcKind::BaseException),
    BaseExceptionGroup => Some(ExcKind::BaseException),
    Exception => Some(ExcKind::BaseException),
    ArithmeticError => Some(ExcKind::Exception),
    ZeroDivisionError => Some(ExcKind::ArithmeticError),
    OverflowError => Some(ExcKind::ArithmeticError),
    LookupError => Some(ExcKind::Exception),
    IndexError => Some(ExcKind::LookupError),
    KeyError => Some(ExcKind::LookupError),
    NameError => Some(ExcKind::Exception),
    UnboundLocalError => Some(ExcKind::NameError),
    TypeError => Some(ExcKind::Exception),
    ValueError => Some(ExcKind::Exception),
    UnicodeError => Some(ExcKind::ValueError),
    UnicodeDecodeError => Some(ExcKind::UnicodeError),
    UnicodeEncodeError => Some(ExcKind::UnicodeError),
    AttributeError => Some(ExcKind::Exception),
    AssertionError => Some(ExcKind::Exception),
    ImportError => Some(ExcKind::Exception),
    ModuleNotFoundError => Some(ExcKind::ImportError),
    RuntimeError => Some(ExcKind::Exception),
    RecursionError => Some(ExcKind::RuntimeError),
    NotImplementedError => Some(ExcKind::RuntimeError),
    ReferenceError => Some(ExcKind::Exception),
    SystemError => Some(ExcKind::Exception),
    StopIteration => Some(ExcKind::Exception),
    StopAsyncIteration => Some(ExcKind::Exception),
    MemoryError => Some(ExcKind::Exception),
    SyntaxError => Some(ExcKind::Exception),
    IndentationError => Some(ExcKind::SyntaxError),
    TabError => Some(ExcKind::IndentationError),
    EOFError => Some(ExcKind::Exception),
    OSError => Some(ExcKind::Exception),
    FileNotFoundError => Some(ExcKind::OSError),
    FileExistsError => Some(ExcKind::OSError),
    PermissionError => Some(ExcKind::OSError),
    IsADirectoryError => Some(ExcKind::OSError),
    NotADirectoryError => Some(ExcKind::OSError),
    BlockingIOError => Some(ExcKind::OSError),
    ChildProcessError => Some(ExcKind::OSError),
    InterruptedError => Some(ExcKind::OSError),
    ProcessLookupError => Some(ExcKind::OSError),
    TimeoutError => Some(ExcKind::OSError),
    ConnectionError => Some(ExcKind::OSError),
    BrokenPipeError => Some(ExcKind::ConnectionError),
    ConnectionAbortedError => Some(ExcKind::ConnectionError),
    ConnectionRefusedError => Some(ExcKind::ConnectionError),
    ConnectionResetError => Some(ExcKind::ConnectionError),
    BufferError => Some(ExcKind::Exception),
    FloatingPointError => Some(ExcKind::ArithmeticError),
    UnicodeTranslateError => Some(ExcKind::UnicodeError),
    Warning => Some(ExcKind::Exception),
    UserWarning => Some(ExcKind::Warning),
    DeprecationWarning => Some(ExcKind::Warning),
    PendingDeprecationWarning => Some(ExcKind::Warning),
    SyntaxWarning => Some(ExcKind::Warning),
    RuntimeWarning => Some(ExcKind::Warning),
    FutureWarning => Some(ExcKind::Warning),
    ImportWarning => Some(ExcKind::Warning),
    UnicodeWarning => Some(ExcKind::Warning),
    BytesWarning => Some(ExcKind::Warning),
    ResourceWarning => Some(ExcKind::Warning),
    EncodingWarning => Some(ExcKind::Warning),
}

/// The OSError subclass CPython picks for an errno (`OSError(2, …)` is a
/// FileNotFoundError).
pub fn oserror_for_errno(errno: i64) -> Option<ExcKind> {
    Some(match errno {
        1 | 13 => ExcKind::PermissionError,
        2 => ExcKind::FileNotFoundError,
        3 => ExcKind::ProcessLookupError,
        4 => ExcKind::InterruptedError,
        10 => ExcKind::ChildProcessError,
        11 | 114 | 115 => ExcKind::BlockingIOError,
        17 => ExcKind::FileExistsError,
        20 => ExcKind::NotADirectoryError,
        21 => ExcKind::IsADirectoryError,
        32 => ExcKind::BrokenPipeError,
        103 => ExcKind::ConnectionAbortedError,
        104 => ExcKind::ConnectionResetError,
        110 => ExcKind::TimeoutError,
        111 => ExcKind::ConnectionRefusedError,
        _ => return None,
    })
}

impl ExcKind {
    /// `issubclass(self, other)`.
    pub fn is_subclass_of(self, other: ExcKind) -> bool {
        let mut k = Some(self);
        while let Some(c) = k {
            if c == other {
                return true;
            }
            k = c.parent();
        }
        false
    }

    /// Looks a class up by name.
    pub fn from_name(name: &str) -> Option<ExcKind> {
        ExcKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// One line of a traceback: where a frame was when the exception passed.
/// (Its file, function name and source position are read from the code
/// when asked for: raising and catching, which makes entries, is much
/// commoner than printing them.)
#[derive(Clone)]
pub struct TraceEntry {
    /// The frame's code (`tb.tb_frame.f_code`).
    pub code: Rc<crate::object::heap::RtCode>,
    /// The frame's globals (`tb.tb_frame.f_globals`). Not reported to the
    /// cycle collector: nodes are shared between tracebacks, so a visit
    /// per traceback would count one reference several times.
    pub globals: Value,
    /// The offset of the instruction that was running (`tb_lasti`).
    pub lasti: usize,
}

/// The frames an exception passed through: a persistent list (CPython's
/// chain of traceback objects), so that catching, re-raising and copying
/// a traceback costs the same however deep it is: unwinding through many
/// frames that each catch and re-raise (`finally`) stays linear.
#[derive(Clone, Debug, Default)]
pub struct Traceback(Option<Rc<TraceNode>>);

/// One traceback object's worth: a frame's entry and the traceback of
/// the frames deeper in (`tb_next`).
#[derive(Debug)]
pub struct TraceNode {
    pub entry: TraceEntry,
    /// The node of the frame deeper in (`tb_next`, assignable).
    pub inner: RefCell<Option<Rc<TraceNode>>>,
    /// The traceback object made for this node while it lives, so that
    /// `sys.exc_info()[2] is e.__traceback__` (`types::traceback::object`
    /// sets it, [`TracebackObject`]'s drop clears it).
    pub object: std::cell::Cell<Option<std::ptr::NonNull<crate::object::value::HeapObject>>>,
}

/// The payload of a traceback object: its node, which points back at the
/// object until the object is freed.
pub struct TracebackObject(pub Rc<TraceNode>);

impl Drop for TracebackObject {
    fn drop(&mut self) {
        // Each node has at most one object (`object` reuses it), so the
        // one being freed is the one the node points at.
        self.0.object.set(None);
    }
}

impl TraceEntry {
    /// The file of the frame's code.
    pub fn filename(&self) -> &Rc<str> {
        &self.code.filename
    }

    /// The name of the frame's function (`co_name`).
    pub fn name(&self) -> &Rc<str> {
        &self.code.name
    }

    /// The source position of the instruction that was running.
    pub fn position(&self) -> Position {
        self.code.code.position_at(self.lasti)
    }
}

impl std::fmt::Debug for TraceEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{} in {}", self.filename(), self.position().lineno, self.name())
    }
}

impl Traceback {
    /// Adds the entry of the frame the exception is leaving (outermost
    /// so far).
    pub fn push(&mut self, entry: TraceEntry) {
        let inner = self.0.take();
        self.0 = Some(Rc::new(TraceNode {
            entry,
            inner: RefCell::new(inner),
            object: std::cell::Cell::new(None),
        }));
    }

    /// The outermost entry (what `__traceback__` shows), if any.
    pub fn head(&self) -> Option<&Rc<TraceNode>> {
        self.0.as_ref()
    }

    /// The traceback that starts at `node` (`e.__traceback__ = tb`).
    pub fn from_node(node: Option<Rc<TraceNode>>) -> Traceback {
        Traceback(node)
    }

    /// Whether the exception has passed through no frame yet.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The nodes, outermost first (the order tracebacks print).
    pub fn outermost_first(&self) -> Vec<Rc<TraceNode>> {
        let mut out: Vec<Rc<TraceNode>> = Vec::new();
        let mut node = self.0.clone();
        while let Some(n) = node {
            node = n.inner.borrow().clone();
            out.push(n);
            if out.len() > 10_000_000 {
                break;
            }
        }
        out
    }
}

impl Drop for Traceback {
    /// Frees a long chain iteratively (no recursion per entry).
    fn drop(&mut self) {
        let mut node = self.0.take();
        while let Some(n) = node {
            node = match Rc::try_unwrap(n) {
                Ok(owned) => owned.inner.take(),
                Err(_) => None,
            };
        }
    }
}

/// What an exception object carries besides its args: its traceback
/// (`__traceback__`, as entries, innermost first), `__context__`,
/// `__cause__`, `__suppress_context__`, and the "Did you mean" hint found
/// when it was raised. A [`PyErr`] carries the traceback while it unwinds;
/// a handler that catches it moves the traceback here, and re-raising
/// takes it back.
#[derive(Default)]
pub struct ExcState {
    pub traceback: RefCell<Traceback>,
    pub context: RefCell<Option<Value>>,
    pub cause: RefCell<Option<Value>>,
    pub suppress_context: Cell<bool>,
    pub suggestion: RefCell<Option<Suggestion>>,
    /// `filename` of an OSError.
    pub filename: RefCell<Option<Value>>,
    /// Attributes assigned over the ones computed from `args`
    /// (`e.errno = 5`, `e.value = ...`): `types::exception`.
    pub assigned: RefCell<Vec<(&'static str, Value)>>,
}

impl ExcState {
    /// Reports the references the state holds (cycle collector); false
    /// if part of it could not be looked at.
    pub fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) -> bool {
        let (Ok(context), Ok(cause), Ok(filename), Ok(assigned), Ok(suggestion)) = (
            self.context.try_borrow(),
            self.cause.try_borrow(),
            self.filename.try_borrow(),
            self.assigned.try_borrow(),
            self.suggestion.try_borrow(),
        ) else {
            return false;
        };
        crate::object::gc::visit_values(
            context
                .iter()
                .chain(cause.iter())
                .chain(filename.iter())
                .chain(assigned.iter().map(|(_, v)| v))
                .chain(suggestion.iter().filter_map(Suggestion::value)),
            visit,
        );
        true
    }

    /// Drops the references that can be dropped (cycle collector).
    pub fn clear_for_gc(&self) {
        crate::object::gc::take_for_gc(&self.context, None);
        crate::object::gc::take_for_gc(&self.cause, None);
        crate::object::gc::take_for_gc(&self.assigned, Vec::new());
        crate::object::gc::take_for_gc(&self.suggestion, None);
    }
}

/// The class object of a built-in exception in the current interpreter
/// (made on first use, with its base's class first): an ordinary,
/// immutable class whose instances are exception instances, so built-in
/// and user exceptions are one kind of object.
pub fn exception_class(k: ExcKind) -> Value {
    crate::object::classes::type_object(crate::object::heap::TypeKind::Exception(k))
}

/// Makes the class of built-in exception `k` ([`exception_class`] keeps
/// it).
pub(crate) fn new_exception_class(k: ExcKind) -> Value {
    let base = match k.parent() {
        Some(p) => exception_class(p),
        None => crate::object::classes::type_object(crate::object::heap::TypeKind::Object),
    };
    crate::object::classes::new_builtin_class(
        "builtins",
        k.name(),
        base,
        crate::object::heap::TypeKind::Exception(k),
        crate::object::upcalls::exception_methods(k),
    )
}

/// A new instance of built-in exception class `kind` with `args`.
pub fn new_exception(kind: ExcKind, args: Vec<Value>) -> Value {
    match exception_class(kind) {
        Value::Obj(class) => Value::obj(NewObject::Instance(crate::object::instance::Instance::new(
            class,
            Some(args),
            None,
        ))),
        _ => Value::None,
    }
}

/// `OSError(errno, strerror[, filename, …])` and its subclasses, as
/// CPython's OSError.__new__: OSError itself becomes the subclass for the
/// errno (`FileNotFoundError` for 2, …); `args` keeps the first two
/// arguments and the third is `filename`.
pub fn new_oserror(cls: &Value, c: &crate::object::classes::Class, args: &[Value]) -> Value {
    // (Only OSError itself: `socket.herror(1, …)` stays an herror.)
    let class = match (
        &args[0],
        c.is_static()
            && c.builtin_base == crate::object::heap::TypeKind::Exception(ExcKind::OSError)
            && cls.is(&exception_class(ExcKind::OSError)),
    ) {
        (Value::Int(errno), true) => oserror_for_errno(*errno).map(exception_class),
        _ => None,
    }
    .unwrap_or_else(|| cls.clone());
    let Value::Obj(class) = class else {
        return Value::None;
    };
    let kept = if args.len() >= 3 { &args[..2] } else { args };
    let inst = Value::obj(NewObject::Instance(crate::object::instance::Instance::new(
        class,
        Some(kept.to_vec()),
        None,
    )));
    if let (Some(f), Some(s)) = (args.get(2), exc_state(&inst)) {
        *s.filename.borrow_mut() = Some(f.clone());
    }
    inst
}

/// The [`ExcState`] of an exception object.
pub fn exc_state(v: &Value) -> Option<&ExcState> {
    match v.as_obj() {
        Some(Object::Instance(i)) => i.exc.as_ref().map(|e| &e.state),
        _ => None,
    }
}

/// The built-in exception class an exception object is (or derives from).
pub fn kind_of(v: &Value) -> Option<ExcKind> {
    match v.as_obj() {
        Some(Object::Instance(i)) => match i.class().builtin_base {
            crate::object::heap::TypeKind::Exception(k) => Some(k),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `v` is an exception object.
pub fn is_exception(v: &Value) -> bool {
    exc_state(v).is_some()
}

/// A raised exception on its way up the stack.
pub struct PyErr {
    /// The exception instance.
    pub exc: Value,
    /// Frames it passed through, innermost first.
    pub traceback: Traceback,
    /// CPython's "Did you mean: 'x'?" hint for a NameError or an
    /// AttributeError, shown after the message when the exception is
    /// printed.
    pub suggestion: Option<Suggestion>,
    /// Re-raised by RERAISE or a bare `raise`: the frame doing it is in
    /// the traceback already.
    pub reraised: bool,
}

/// The "Did you mean" hint of an error: found when it was raised (a
/// NameError's, which needs the frame), or worked out only when the
/// error is printed (an AttributeError's: the object and the name, as
/// CPython keeps `obj` and `name`), so that an AttributeError that is
/// caught (`getattr(o, n, default)`, `hasattr`) costs no search.
#[derive(Clone)]
pub enum Suggestion {
    /// The name to suggest.
    Found(String),
    /// The closest attribute of the object to the missing name.
    Attribute(Value, std::rc::Rc<str>),
}

impl Suggestion {
    /// The name to suggest, if there is one.
    pub fn text(&self) -> Option<String> {
        match self {
            Suggestion::Found(s) => Some(s.clone()),
            Suggestion::Attribute(obj, name) => crate::object::classes::suggestion(obj, name),
        }
    }

    fn value(&self) -> Option<&Value> {
        match self {
            Suggestion::Found(_) => None,
            Suggestion::Attribute(obj, _) => Some(obj),
        }
    }
}

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, Box<PyErr>>;

impl PyErr {
    /// An exception of class `kind` with a message argument.
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> Box<PyErr> {
        Box::new(PyErr {
            exc: new_exception(kind, vec![new_str(msg.into())]),
            traceback: Traceback::default(),
            suggestion: None,
            reraised: false,
        })
    }

    /// An ImportError (or a subclass) with the `name` and `path`
    /// attributes the import system gives it.
    pub fn import_error(
        kind: ExcKind,
        msg: impl Into<String>,
        name: &str,
        path: Option<&str>,
    ) -> Box<PyErr> {
        let err = PyErr::new(kind, msg);
        if let Some(s) = exc_state(&err.exc) {
            let mut a = s.assigned.borrow_mut();
            a.push(("name", new_str(name)));
            if let Some(p) = path {
                a.push(("path", new_str(p)));
            }
        }
        err
    }

    /// An exception of class `kind` with the given arguments.
    pub fn with_args(kind: ExcKind, args: Vec<Value>) -> Box<PyErr> {
        Box::new(PyErr {
            exc: new_exception(kind, args),
            traceback: Traceback::default(),
            suggestion: None,
            reraised: false,
        })
    }

    /// Raises an existing exception object (`raise exc`): its traceback
    /// so far continues; `reraised` for RERAISE and bare `raise`.
    pub fn from_value(exc: Value, reraised: bool) -> Box<PyErr> {
        let (traceback, suggestion) = match exc_state(&exc) {
            Some(s) => (s.traceback.borrow().clone(), s.suggestion.borrow().clone()),
            None => (Traceback::default(), None),
        };
        Box::new(PyErr {
            exc,
            traceback,
            suggestion,
            reraised,
        })
    }

    /// A handler caught this error: its traceback moves to the exception
    /// object, which is returned.
    pub fn into_caught(self) -> Value {
        if let Some(s) = exc_state(&self.exc) {
            *s.traceback.borrow_mut() = self.traceback;
            *s.suggestion.borrow_mut() = self.suggestion;
        }
        self.exc
    }

    /// The exception's built-in class (for instances of exception
    /// classes, the built-in one they derive from).
    pub fn kind(&self) -> ExcKind {
        match self.exc.as_obj() {
            Some(Object::Instance(i)) => match i.class().builtin_base {
                crate::object::heap::TypeKind::Exception(k) => k,
                _ => ExcKind::Exception,
            },
            _ => ExcKind::Exception,
        }
    }
}

/// Whether an error is an instance of built-in exception class `kind`.
pub fn err_matches(err: &PyErr, kind: ExcKind) -> bool {
    err.kind().is_subclass_of(kind)
}

/// Shorthand for `Err(PyErr::new(kind, msg))`.
pub fn raise<T>(kind: ExcKind, msg: impl Into<String>) -> PyResult<T> {
    Err(PyErr::new(kind, msg))
}

/// `str(exc)`: the message CPython prints after the class name.
pub fn exception_message(vm: &mut crate::vm::Vm, exc: &Value) -> PyResult<String> {
    crate::object::upcalls::str(vm, exc)
}

/// The class name a traceback prints: built-in names bare, classes by
/// qualified name, prefixed with their module unless it is `__main__`.
pub fn exception_class_name(exc: &Value) -> String {
    match exc.as_obj() {
        Some(Object::Instance(i)) => {
            let module = match i.class().dict.get() {
                Object::Dict(d) => d
                    .borrow()
                    .get_str("__module__")
                    .and_then(|m| crate::object::heap::as_str(&m).map(str::to_string)),
                _ => None,
            };
            let q = i.class().qualname.borrow().clone();
            match module {
                Some(m) if m != "__main__" && m != "builtins" => format!("{m}.{q}"),
                _ => q,
            }
        }
        _ => "Exception".into(),
    }
}

/// Reads source lines for tracebacks (CPython's linecache).
pub trait SourceLines {
    /// Line `lineno` (1-based) of `filename`, without its newline.
    fn line(&mut self, filename: &str, lineno: u32) -> Option<String>;
}

/// Formats an uncaught exception as CPython prints it on stderr; `message`
/// is `str()` of the exception (None when that raised).
pub fn format_uncaught(
    err: &PyErr,
    message: Option<String>,
    sources: &mut dyn SourceLines,
) -> String {
    let mut out = String::new();
    if !err.traceback.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        out.push_str(&format_stack(err, sources));
    }
    out.push_str(&format_exception_only(err, message));
    out
}

/// The entries of `err`'s traceback, outermost first, as CPython prints
/// them (runs of one line repeated more than three times shortened).
pub fn format_stack(err: &PyErr, sources: &mut dyn SourceLines) -> String {
    let mut out = String::new();
    {
        let nodes = err.traceback.outermost_first();
        let entries: Vec<&TraceEntry> = nodes.iter().map(|n| &n.entry).collect();
        let mut i = 0;
        while i < entries.len() {
            let e = entries[i];
            let mut j = i + 1;
            while j < entries.len()
                && entries[j].filename() == e.filename()
                && entries[j].name() == e.name()
                && entries[j].position().lineno == e.position().lineno
            {
                j += 1;
            }
            let run = j - i;
            for entry in &entries[i..i + run.min(3)] {
                format_entry(&mut out, entry, sources);
            }
            if run > 3 {
                let n = run - 3;
                let _ = writeln!(
                    out,
                    "  [Previous line repeated {n} more time{}]",
                    if n > 1 { "s" } else { "" }
                );
            }
            i = j;
        }
    }
    out
}

/// The last lines of an exception's report: `Name: message` (or a
/// SyntaxError's location and carets), then the notes `add_note` left.
/// `message` is its `str()` (None: it failed).
pub fn format_exception_only(err: &PyErr, message: Option<String>) -> String {
    let mut out = String::new();
    let name = exception_class_name(&err.exc);
    if let Some(text) = syntax_error_lines(&err.exc, &name) {
        out.push_str(&text);
    } else {
        let mut msg = message.unwrap_or_else(|| "<exception str() failed>".into());
        if let Some(s) = err.suggestion.as_ref().and_then(Suggestion::text) {
            msg.push_str(&format!(". Did you mean: '{s}'?"));
        }
        if msg.is_empty() {
            let _ = writeln!(out, "{name}");
        } else {
            let _ = writeln!(out, "{name}: {msg}");
        }
    }
    out
}

/// A SyntaxError with a location, printed as CPython prints one: the
/// file and line, the line's text, carets under the span, then
/// `Name: msg` (CPython's `_format_syntax_error`). None for other
/// exceptions and for SyntaxErrors without the location tuple.
fn syntax_error_lines(exc: &Value, name: &str) -> Option<String> {
    if !kind_of(exc).is_some_and(|k| k.is_subclass_of(ExcKind::SyntaxError)) {
        return None;
    }
    let args = crate::object::exceptions::exception_args(exc);
    let [msg, details] = args.as_slice() else {
        return None;
    };
    let Some(Object::Tuple(d)) = details.as_obj() else {
        return None;
    };
    let int = |i: usize| match d.get(i) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    };
    let filename = d.first().and_then(crate::object::heap::as_str).unwrap_or("<string>");
    let lineno = int(1)?;
    let mut out = format!("  File \"{filename}\", line {lineno}\n");
    if let Some(text) = d.get(3).and_then(crate::object::heap::as_str) {
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = (rtext.chars().count() - ltext.chars().count()) as i64;
        out.push_str(&format!("    {ltext}\n"));
        if let Some(offset) = int(2) {
            let mut end = int(5).filter(|e| *e != 0).unwrap_or(offset);
            if end == offset || end == -1 {
                end = offset + 1;
            }
            let (col, end_col) = (offset - 1 - spaces, end - 1 - spaces);
            if col >= 0 {
                let pad: String = ltext
                    .chars()
                    .take(col as usize)
                    .map(|c| if c.is_whitespace() { c } else { ' ' })
                    .collect();
                out.push_str(&format!("    {pad}{}\n", "^".repeat((end_col - col).max(0) as usize)));
            }
        }
    }
    let msg = crate::object::heap::as_str(msg).unwrap_or("<no detail available>");
    out.push_str(&format!("{name}: {msg}\n"));
    Some(out)
}

fn char_offset(line: &str, byte: usize) -> usize {
    let b = byte.min(line.len());
    match line.get(..b) {
        Some(p) => p.chars().count(),
        None => line.char_indices().take_while(|(i, _)| *i < b).count(),
    }
}

fn format_entry(out: &mut String, e: &TraceEntry, sources: &mut dyn SourceLines) {
    let p = e.position();
    let _ = writeln!(
        out,
        "  File \"{}\", line {}, in {}",
        e.filename(), p.lineno, e.name()
    );
    let Some(line) = sources.line(e.filename(), p.lineno) else {
        return;
    };
    let line = line.trim_end();
    let stripped = line.trim_start_matches([' ', '\t', '\x0c']);
    if stripped.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {stripped}");
    if p.end_lineno == 0 || (p.col == 0 && p.end_col == 0) {
        return;
    }
    let indent = line.chars().count() - stripped.chars().count();
    let start = char_offset(line, p.col as usize);
    let mut end = char_offset(line, p.end_col as usize);
    let mut anchors = None;
    if p.lineno == p.end_lineno {
        let segment: String = line
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        anchors = caret_anchors(&segment);
    } else {
        end = line.chars().count();
    }
    if end <= start {
        return;
    }
    if end - start == stripped.chars().count() && anchors.is_none() {
        return;
    }
    let mut carets = String::new();
    carets.push_str(&" ".repeat(start.saturating_sub(indent)));
    match anchors {
        Some((left, right)) => {
            for k in 0..(end - start) {
                carets.push(if k >= left && k < right { '^' } else { '~' });
            }
        }
        None => carets.push_str(&"^".repeat(end - start)),
    }
    let _ = writeln!(out, "    {carets}");
}

/// `extract_anchors_from_line`: for a binary operation the operator is the
/// primary range (`~~^~~`), for a subscript the brackets (`~~^^^`).
/// Offsets are character offsets into `segment`.
fn caret_anchors(segment: &str) -> Option<(usize, usize)> {
    let module = crate::front::parser::parse_module(segment).ok()?;
    let [stmt] = module.body.as_slice() else {
        return None;
    };
    let crate::front::ast::StmtKind::Expr { value } = &stmt.kind else {
        return None;
    };
    use crate::front::ast::ExprKind;
    let b = segment.as_bytes();
    match &value.kind {
        ExprKind::BinOp { left, right, .. }
            if left.loc.end_lineno == 1 && right.loc.lineno == 1 =>
        {
            let (from, to) = (left.loc.end_col as usize, right.loc.col as usize);
            let i = (from..to).find(|&i| !matches!(b.get(i), Some(b' ' | b'\t' | b'\x0c')))?;
            let mut r = i + 1;
            if r < to && !matches!(b.get(r), Some(b' ' | b'\t' | b'\x0c')) {
                r += 1;
            }
            Some((char_offset(segment, i), char_offset(segment, r)))
        }
        ExprKind::Subscript {
            value: v, slice, ..
        } if slice.loc.end_lineno == 1 => Some((
            char_offset(segment, v.loc.end_col as usize),
            char_offset(segment, slice.loc.end_col as usize + 1),
        )),
        _ => None,
    }
}

/// The OSError (or the errno's subclass: FileNotFoundError,
/// PermissionError, …) CPython raises for an I/O error, `[Errno N]
/// message`, with `filename` when the operation named a file.
pub fn from_io_error(e: &std::io::Error, filename: Option<&Value>) -> Box<PyErr> {
    use std::io::ErrorKind as K;
    let errno = e.raw_os_error().map(i64::from).unwrap_or(match e.kind() {
        K::NotFound => 2,
        K::PermissionDenied => 13,
        K::AlreadyExists => 17,
        K::IsADirectory => 21,
        _ => 5,
    });
    let kind = oserror_for_errno(errno).unwrap_or(ExcKind::OSError);
    // The system's message, without Rust's " (os error N)".
    let text = std::io::Error::from_raw_os_error(errno as i32).to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    let err = PyErr::with_args(kind, vec![Value::Int(errno), crate::object::heap::new_str(text)]);
    if let (Some(name), Some(s)) = (filename, exc_state(&err.exc)) {
        *s.filename.borrow_mut() = Some(name.clone());
    }
    err
}

/// The exception class a native module defines (`zlib.error`,
/// `binascii.Error`, `struct.error`): made once per interpreter, kept
/// under `key`, derived from built-in exception `base`.
pub fn module_exception_class(
    key: &'static str,
    module: &'static str,
    name: &str,
    base: ExcKind,
) -> Value {
    crate::object::builtin_types::kept_by_name(key, || {
        crate::object::classes::new_builtin_class(
            module,
            name,
            exception_class(base),
            crate::object::heap::TypeKind::Exception(base),
            Vec::new(),
        )
    })
}

/// Raises an instance of exception class `cls` made with `msg`.
pub fn raise_class<T>(vm: &mut crate::vm::Vm, cls: &Value, msg: &str) -> PyResult<T> {
    let exc = crate::object::upcalls::call(vm, cls, &[crate::object::heap::new_str(msg)], &[])?;
    Err(PyErr::from_value(exc, false))
}

/// `args` of an exception (built-in or an instance of an exception class).
pub fn exception_args(v: &Value) -> Vec<Value> {
    match v.as_obj() {
        Some(Object::Instance(i)) => i.exc_args(),
        _ => Vec::new(),
    }
}

/// Whether `k` is a kind whose instances these tables describe.
pub fn describes(v: &Value, k: ExcKind) -> bool {
    kind_of(v).is_some_and(|x| x.is_subclass_of(k))
}
