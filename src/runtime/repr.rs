//! `repr()` and `str()` of values, as CPython prints them. Containers that
//! contain themselves print as `[...]`.

use super::object::{type_of, Object, TypeKind};
use super::value::Value;
use std::cell::RefCell;
use taipan_bytecode::pyrepr::{repr_bytes, repr_float, repr_str};
use taipan_bytecode::wtf8::Wtf8Buf;

thread_local! {
    /// Containers being printed right now (by address), to cut cycles.
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Containers nested deeper than this print as `[...]`.
const MAX_REPR_DEPTH: usize = 2000;

/// `str(v)`.
pub fn str_of(v: &Value) -> String {
    match v.as_obj() {
        Some(Object::Str(s)) => s.text.clone(),
        Some(Object::Exception { .. }) => super::exceptions::exception_message(v),
        _ => repr(v),
    }
}

fn guarded(v: &Value, open: &str, close: &str, body: impl FnOnce() -> String) -> String {
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    // Cycles print as `[...]`; so does nesting too deep to print (CPython
    // raises RecursionError there).
    let again = IN_PROGRESS.with(|p| {
        let p = p.borrow();
        p.len() > MAX_REPR_DEPTH || p.contains(&addr)
    });
    if again {
        return format!("{open}...{close}");
    }
    IN_PROGRESS.with(|p| p.borrow_mut().push(addr));
    let s = body();
    IN_PROGRESS.with(|p| p.borrow_mut().retain(|&a| a != addr));
    s
}

/// `repr(v)`.
pub fn repr(v: &Value) -> String {
    match v {
        Value::None | Value::Unbound => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => repr_float(*f),
        Value::Obj(o) => match o.get() {
            Object::Str(s) => repr_str(&Wtf8Buf::from_text(&s.text)),
            Object::BigInt(b) => b.to_string(),
            Object::Bytes(b) => repr_bytes(b),
            Object::List(l) => guarded(v, "[", "]", || {
                let items = l.borrow().clone();
                format!(
                    "[{}]",
                    items.iter().map(repr).collect::<Vec<_>>().join(", ")
                )
            }),
            Object::Tuple(t) => guarded(v, "(", ")", || {
                if t.len() == 1 {
                    format!("({},)", repr(&t[0]))
                } else {
                    format!("({})", t.iter().map(repr).collect::<Vec<_>>().join(", "))
                }
            }),
            Object::Dict(d) => guarded(v, "{", "}", || {
                let d = d.borrow().clone();
                let parts: Vec<String> = d
                    .items()
                    .map(|(k, v)| format!("{}: {}", repr(k), repr(v)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }),
            Object::Range { start, stop, step } => {
                if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            Object::Slice { start, stop, step } => {
                format!("slice({}, {}, {})", repr(start), repr(stop), repr(step))
            }
            Object::Iter(_) => format!(
                "<{} object at {:#x}>",
                super::object::type_name(v),
                o.addr()
            ),
            Object::Function(f) => {
                format!("<function {} at {:#x}>", f.code.code.qualname, o.addr())
            }
            Object::Builtin(b) => format!("<built-in function {}>", b.name),
            Object::Method { receiver, builtin } => format!(
                "<built-in method {} of {} object at {:#x}>",
                builtin.name,
                super::object::type_name(receiver),
                match receiver {
                    Value::Obj(r) => r.addr(),
                    _ => 0,
                }
            ),
            Object::Module(m) => format!("<module '{}' (built-in)>", m.name),
            Object::Type(t) => format!("<class '{}'>", t.name()),
            Object::Code(c) => format!(
                "<code object {} at {:#x}, file \"{}\", line {}>",
                c.code.name,
                o.addr(),
                c.code.filename,
                c.code.firstlineno
            ),
            Object::Exception { kind, args } => {
                let inner: Vec<String> = args.iter().map(repr).collect();
                format!("{}({})", kind.name(), inner.join(", "))
            }
        },
    }
}

/// The class name shown by `type(v)`.
pub fn type_repr(v: &Value) -> String {
    let t: TypeKind = type_of(v);
    format!("<class '{}'>", t.name())
}
