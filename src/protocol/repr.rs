//! `repr()` and `str()` of values, as CPython prints them. Containers that
//! contain themselves print as `[...]`. Instances of classes print through
//! their `__repr__` / `__str__`, which may raise: hence the `Vm` and the
//! `PyResult`.

use crate::object::exceptions::PyResult;
use crate::object::exceptions::{raise, ExcKind};
use crate::object::heap::{type_of, Object, TypeKind};
use crate::object::heap::{
    BoundMethodObj, ComplexObj, DictViewObj, GetSetObj, MethodDescrObj, MethodObj, RangeObj,
    SliceObj, SuperObj,
};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use taipan_bytecode::pyrepr::{repr_bytes, repr_float, repr_str};

thread_local! {
    /// Containers being printed right now (by address), to cut cycles.
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// `str(v)`: the type's `str` slot, else its repr.
pub fn str_of(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(Object::Str(s)) = v.as_obj() {
        return Ok(s.text.clone());
    }
    match crate::protocol::slots::pick(v, |s| (s.str, s.repr)) {
        (Some(f), _) | (None, Some(f)) if !matches!(v.as_obj(), Some(Object::Instance(_))) => {
            f(vm, v)
        }
        (Some(f), _) => entered(vm, "str", |vm| f(vm, v)),
        (None, Some(f)) => entered(vm, "repr", |vm| f(vm, v)),
        (None, None) => builtin_repr(vm, v),
    }
}

/// The reprs of `items`, in order.
fn reprs(vm: &mut Vm, items: &[Value]) -> PyResult<Vec<String>> {
    items.iter().map(|x| repr(vm, x)).collect()
}

/// The repr of container `v` made by `body`, as CPython's container reprs:
/// a container already being printed (a cycle) prints as `open...close`,
/// and each level of nesting counts against the recursion limit, so
/// nesting too deep to print is CPython's RecursionError.
pub fn guarded(
    vm: &mut Vm,
    v: &Value,
    open: &str,
    close: &str,
    body: impl FnOnce(&mut Vm) -> PyResult<String>,
) -> PyResult<String> {
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    if IN_PROGRESS.with(|p| p.borrow().contains(&addr)) {
        return Ok(format!("{open}...{close}"));
    }
    if vm.depth >= vm.recursion_limit {
        return raise(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded while getting the repr of an object",
        );
    }
    vm.depth += 1;
    IN_PROGRESS.with(|p| p.borrow_mut().push(addr));
    // (Deep nesting grows the Rust stack by segments.)
    let s = crate::object::state::with_stack(|| body(vm));
    IN_PROGRESS.with(|p| {
        let mut p = p.borrow_mut();
        if let Some(i) = p.iter().rposition(|&a| a == addr) {
            p.remove(i);
        }
    });
    vm.depth -= 1;
    s
}

/// The decimal digits of a big int, refused (as CPython 3.11 refuses
/// them) past `sys.get_int_max_str_digits()` digits.
pub fn decimal(b: &num_bigint::BigInt) -> PyResult<String> {
    let limit = crate::object::state::int_max_str_digits();
    // 3.33 bits per decimal digit: only a near-limit size is converted
    // before the check.
    if limit > 0 && b.bits() as f64 > (limit as f64 + 1.0) * std::f64::consts::LOG2_10 {
        return limit_error();
    }
    let s = b.to_string();
    if limit > 0 && s.trim_start_matches('-').len() > limit {
        return limit_error();
    }
    Ok(s)
}

fn limit_error<T>() -> PyResult<T> {
    crate::object::exceptions::raise(
        crate::object::exceptions::ExcKind::ValueError,
        format!(
            "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            crate::object::state::int_max_str_digits()
        ),
    )
}

/// `repr(v)`: the type's `repr` slot.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Value::Obj(_) = v {
        if let Some(f) = crate::protocol::slots::pick(v, |s| s.repr) {
            // (A built-in container counts its own levels: `guarded`.)
            return match v.as_obj() {
                Some(Object::Instance(_)) => entered(vm, "repr", |vm| f(vm, v)),
                _ => f(vm, v),
            };
        }
    }
    builtin_repr(vm, v)
}

/// An instance's `repr` or `str` slot run as one level of recursion, as
/// CPython's `PyObject_Repr` / `PyObject_Str` count it
/// (`Py_EnterRecursiveCall`):
/// a `__repr__` that is `object.__str__`, which calls `repr`, recurses
/// with no Python frame in between.
fn entered(
    vm: &mut Vm,
    what: &str,
    f: impl FnOnce(&mut Vm) -> PyResult<String>,
) -> PyResult<String> {
    if vm.depth >= vm.recursion_limit {
        return raise(
            ExcKind::RecursionError,
            format!("maximum recursion depth exceeded while getting the {what} of an object"),
        );
    }
    vm.depth += 1;
    let r = crate::object::state::with_stack(|| f(vm));
    vm.depth -= 1;
    r
}

/// The decimal text of a small int, written digit by digit into a stack
/// buffer (`str(i)`, `f"{i}"`: `to_string` goes through the formatting
/// machinery, several times slower for these short texts).
pub fn small_int_text(i: i64) -> String {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut n = i.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(buf.len() - at + 1);
    if i < 0 {
        out.push('-');
    }
    for &d in &buf[at..] {
        out.push(d as char);
    }
    out
}

/// The repr of a value of a built-in type (the `repr` slot of the
/// built-in types); other values print as `object.__repr__` does.
pub fn builtin_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::None | Value::Unbound => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => small_int_text(*i),
        Value::Float(f) => repr_float(*f),
        Value::Obj(o) => match o.get() {
            Object::Str(s) => repr_str(&s.to_wtf8()),
            Object::BigInt(b) => decimal(b)?,
            Object::Bytes(b) => repr_bytes(b),
            Object::Complex(ComplexObj { re, im }) => crate::types::complex::repr(*re, *im),
            Object::ByteArray(b) => format!("bytearray({})", repr_bytes(&b.borrow())),
            Object::List(l) => guarded(vm, v, "[", "]", |vm| {
                let items = l.borrow().clone();
                Ok(format!("[{}]", reprs(vm, &items)?.join(", ")))
            })?,
            Object::Tuple(t) => guarded(vm, v, "(", ")", |vm| {
                Ok(if t.len() == 1 {
                    format!("({},)", repr(vm, &t[0])?)
                } else {
                    format!("({})", reprs(vm, t)?.join(", "))
                })
            })?,
            Object::Dict(d) => guarded(vm, v, "{", "}", |vm| {
                let d = d.borrow().clone();
                let mut parts = Vec::with_capacity(d.len());
                for (k, v) in d.items() {
                    parts.push(format!("{}: {}", repr(vm, k)?, repr(vm, v)?));
                }
                Ok(format!("{{{}}}", parts.join(", ")))
            })?,
            Object::Range(RangeObj { start, stop, step }) => {
                if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            Object::Slice(SliceObj { start, stop, step }) => {
                format!(
                    "slice({}, {}, {})",
                    repr(vm, start)?,
                    repr(vm, stop)?,
                    repr(vm, step)?
                )
            }
            Object::MethodDescr(MethodDescrObj {
                owner,
                builtin,
                wrapper,
            }) => {
                let what = if *wrapper { "slot wrapper" } else { "method" };
                format!("<{what} '{}' of '{}' objects>", builtin.name, owner.name())
            }
            Object::GetSet(GetSetObj { owner, name, .. }) => {
                format!("<attribute '{name}' of '{}' objects>", owner.name())
            }
            Object::Iter(_) | Object::Lazy(_) => format!(
                "<{} object at {:#x}>",
                crate::object::heap::type_name(v),
                o.addr()
            ),
            Object::Function(f) => {
                format!("<function {} at {:#x}>", f.code.code.qualname, o.addr())
            }
            Object::Builtin(b) => format!("<built-in function {}>", b.name),
            Object::Method(MethodObj { receiver, builtin }) => format!(
                "<built-in method {} of {} object at {:#x}>",
                builtin.name,
                crate::object::heap::type_name(receiver),
                match receiver {
                    Value::Obj(r) => r.addr(),
                    _ => 0,
                }
            ),
            Object::Module(m) => {
                let file = match m.dict.get() {
                    Object::Dict(d) => d.borrow().get_str("__file__"),
                    _ => None,
                };
                match file.as_ref().and_then(crate::object::heap::as_str) {
                    Some(f) => format!("<module '{}' from '{f}'>", m.name),
                    None => format!("<module '{}' (built-in)>", m.name),
                }
            }
            Object::Code(c) => format!(
                "<code object {} at {:#x}, file \"{}\", line {}>",
                c.code.name,
                o.addr(),
                c.code.filename,
                c.code.firstlineno
            ),
            Object::Class(_) => crate::object::classes::class_repr(v),
            Object::LongRange(_) => crate::types::long_range::text(v)?,
            Object::Traceback(_) => crate::types::traceback::repr(v),
            Object::MemoryView(_) => crate::protocol::slots::pick(v, |s| s.repr)
                .map_or_else(|| Ok(String::new()), |f| f(vm, v))?,
            Object::Instance(_) | Object::MappingProxy(_) | Object::Native(_) => {
                crate::object::classes::default_repr(vm, v)
            }
            Object::BoundMethod(BoundMethodObj { func, receiver }) => {
                let name = match func.as_obj() {
                    Some(Object::Function(f)) => f.code.code.qualname.clone(),
                    _ => "?".into(),
                };
                format!("<bound method {name} of {}>", repr(vm, receiver)?)
            }
            Object::Property(_) => format!("<property object at {:#x}>", o.addr()),
            Object::StaticMethod(f) => format!("<staticmethod({})>", repr(vm, f)?),
            Object::ClassMethod(f) => format!("<classmethod({})>", repr(vm, f)?),
            Object::Super(SuperObj { class, obj }) => format!(
                "<super: {}, {}>",
                crate::object::classes::class_repr(class),
                crate::object::heap::type_name(obj)
            ),
            Object::NotImplemented => "NotImplemented".into(),
            Object::Ellipsis => "Ellipsis".into(),
            Object::Bare => format!("<object object at {:#x}>", o.addr()),
            Object::Cell(_) => format!("<cell at {:#x}>", o.addr()),
            Object::Stream(s) if s.is_buffer() => {
                format!("<_io.BufferedWriter name='{}'>", s.name())
            }
            Object::Stream(s) => format!(
                "<_io.TextIOWrapper name='{}' mode='w' encoding='utf-8'>",
                s.name()
            ),
            Object::Set(_) => guarded(vm, v, "{", "}", |vm| crate::types::set::repr(vm, v))?,
            // (A view inside what it views prints as `...`, as CPython's
            // `Py_ReprEnter` on the view makes it.)
            Object::DictView(DictViewObj { dict, kind }) => guarded(vm, v, "", "", |vm| {
                let items = crate::object::heap::view_items(dict, *kind);
                Ok(format!(
                    "{}([{}])",
                    kind.name(),
                    reprs(vm, &items)?.join(", ")
                ))
            })?,
            Object::Generator(g) => format!(
                "<{} object {} at {:#x}>",
                crate::object::heap::type_name(v),
                g.qualname(),
                o.addr()
            ),
            Object::WeakRef(w) if w.kind != crate::object::weakref::RefKind::Ref => {
                crate::object::weakref::proxy_repr(v, w)
            }
            Object::WeakRef(w) => match w.get() {
                Value::None => format!("<weakref at {:#x}; dead>", o.addr()),
                Value::Obj(t) => format!(
                    "<weakref at {:#x}; to '{}' at {:#x}>",
                    o.addr(),
                    crate::object::heap::type_name(&Value::Obj(t.clone())),
                    t.addr()
                ),
                _ => format!("<weakref at {:#x}>", o.addr()),
            },
        },
    })
}

/// The class name shown by `type(v)`.
pub fn type_repr(v: &Value) -> String {
    if matches!(v.as_obj(), Some(Object::Instance(_))) {
        return crate::object::classes::class_repr(&crate::object::classes::type_value(v));
    }
    let t: TypeKind = type_of(v);
    format!("<class '{}'>", t.name())
}
