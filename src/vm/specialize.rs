//! The specialiser of PEP 659's adaptive interpreter: given a generic
//! instruction that has warmed up and the values it is about to work on,
//! chooses the specialised form that fits them (`LOAD_ATTR` on an
//! instance whose attribute the inline cache holds becomes
//! `LOAD_ATTR_INSTANCE_VALUE`, `BINARY_OP +` on two ints
//! `BINARY_OP_ADD_INT`, …), or none.
//!
//! The hot loop (`vm::eval_loop`) writes the chosen opcode over the
//! generic one in the code object's quickened copy
//! (`object::payloads::Quickened`) and runs it. A specialised form is a
//! guard plus a short fast path; when its guard fails it runs as its
//! generic form, and after `MISS_BUDGET` failures the generic opcode is
//! written back (de-specialisation), to be tried again after a back-off that doubles with each failure
//! executions. The specialised opcodes are the JIT's type feedback: what
//! each instruction saw (`taipan --dis --adaptive` prints them).

use crate::object::heap::{Function, IterState, Object, RtCode, TypeKind};
use crate::object::value::Value;
use crate::vm::Vm;
use taipan_bytecode::opcode::{BinaryOp, CompareOp, Opcode};

/// The specialised form of the generic instruction `op` (argument `arg`)
/// at byte offset `at` of `rt` for the operands `top` (the top of the
/// stack last), or None when no form fits them; with the form, the
/// argument byte it runs with when that is not `arg` (an attribute form's
/// cache site).
pub(crate) fn specialize(
    vm: &Vm,
    func: &Function,
    rt: &RtCode,
    at: usize,
    op: Opcode,
    arg: u32,
    top: &[Value],
) -> Option<(Opcode, Option<u8>)> {
    let nth = |n: usize| top.len().checked_sub(n).and_then(|i| top.get(i));
    if matches!(
        op,
        Opcode::LOAD_ATTR | Opcode::STORE_ATTR | Opcode::LOAD_METHOD
    ) {
        let site = rt.attr_caches.quick_site(at)?;
        return attribute_form(rt, op, site as usize, nth(1)?).map(|form| (form, Some(site)));
    }
    let form = match op {
        Opcode::LOAD_GLOBAL => global_form(vm, func, arg as usize >> 1),
        Opcode::BINARY_OP => {
            let (a, b) = (nth(2)?, nth(1)?);
            if let Some(seen) = instance_binary(arg, a, b) {
                let mut sites = rt.binary_sites.borrow_mut();
                sites.retain(|&(site, _)| site as usize != at);
                sites.push((at as u32, seen));
                return Some((Opcode::BINARY_OP_INSTANCE, None));
            }
            binary_form(arg, a, b).or_else(|| {
                // The other machine-number cases, when the operation at
                // hand has a fast path (`vm::fast_paths::fast_binary`).
                crate::vm::fast_paths::fast_binary(arg, a, b)?;
                match (a, b) {
                    (Value::Int(_), Value::Int(_)) => Some(Opcode::BINARY_OP_INT),
                    _ => Some(Opcode::BINARY_OP_FLOAT),
                }
            })
        }
        Opcode::COMPARE_OP => {
            let op = CompareOp::from_arg(arg)?;
            match (nth(2)?, nth(1)?) {
                (Value::Int(_), Value::Int(_)) => Some(Opcode::COMPARE_OP_INT),
                (Value::Float(_), Value::Float(_)) => Some(Opcode::COMPARE_OP_FLOAT),
                (a, b)
                    if matches!(op, CompareOp::Eq | CompareOp::Ne)
                        && is_exact_str(a)
                        && is_exact_str(b) =>
                {
                    Some(Opcode::COMPARE_OP_STR)
                }
                _ => None,
            }
        }
        Opcode::BINARY_SUBSCR => match (nth(2)?.as_obj(), nth(1)?) {
            (Some(Object::List(_)), Value::Int(_)) => Some(Opcode::BINARY_SUBSCR_LIST_INT),
            (Some(Object::Tuple(_)), Value::Int(_)) => Some(Opcode::BINARY_SUBSCR_TUPLE_INT),
            (Some(Object::Dict(_)), k) if is_exact_str(k) || matches!(k, Value::Int(_)) => {
                Some(Opcode::BINARY_SUBSCR_DICT)
            }
            _ => None,
        },
        Opcode::STORE_SUBSCR => match (nth(2)?.as_obj(), nth(1)?) {
            (Some(Object::List(_)), Value::Int(_)) => Some(Opcode::STORE_SUBSCR_LIST_INT),
            (Some(Object::Dict(_)), k) if is_exact_str(k) || matches!(k, Value::Int(_)) => {
                Some(Opcode::STORE_SUBSCR_DICT)
            }
            _ => None,
        },
        Opcode::UNPACK_SEQUENCE => match nth(1)?.as_obj() {
            Some(Object::Tuple(t)) if t.len() == arg as usize && arg == 2 => {
                Some(Opcode::UNPACK_SEQUENCE_TWO_TUPLE)
            }
            Some(Object::Tuple(t)) if t.len() == arg as usize => {
                Some(Opcode::UNPACK_SEQUENCE_TUPLE)
            }
            Some(Object::List(l)) if l.borrow().len() == arg as usize => {
                Some(Opcode::UNPACK_SEQUENCE_LIST)
            }
            _ => None,
        },
        Opcode::FOR_ITER => match nth(1)?.as_obj() {
            Some(Object::Iter(it)) => Some(match &*it.try_borrow().ok()? {
                IterState::Range { .. } => Opcode::FOR_ITER_RANGE,
                IterState::List { .. } => Opcode::FOR_ITER_LIST,
                IterState::Tuple { .. } => Opcode::FOR_ITER_TUPLE,
                _ => Opcode::FOR_ITER_BUILTIN,
            }),
            _ => None,
        },
        Opcode::CALL => call_form(vm, arg as usize, top),
        _ => None,
    };
    form.map(|form| (form, None))
}

/// `LOAD_ATTR`, `STORE_ATTR` and `LOAD_METHOD` on `obj`: the form whose
/// guard the newest entry of cache site `site` passes. (`site` is one of
/// the code's sites: `quick_site` gave it.)
fn attribute_form(rt: &RtCode, op: Opcode, site: usize, obj: &Value) -> Option<Opcode> {
    let caches = &rt.attr_caches;
    match op {
        Opcode::LOAD_ATTR if caches.load_module_attr(obj, site).is_some() => {
            Some(Opcode::LOAD_ATTR_MODULE)
        }
        // SAFETY (both): `site` is what `quick_site` gave.
        Opcode::LOAD_ATTR if unsafe { caches.load_instance_value(obj, site) }.is_some() => {
            Some(Opcode::LOAD_ATTR_INSTANCE_VALUE)
        }
        Opcode::LOAD_ATTR if caches.load_class_attr(obj, site).is_some() => {
            Some(Opcode::LOAD_ATTR_CLASS)
        }
        Opcode::LOAD_ATTR => caches
            .load_property(obj, site)
            .map(|_| Opcode::LOAD_ATTR_PROPERTY),
        Opcode::STORE_ATTR => caches
            .store_fits(obj, site)
            .then_some(Opcode::STORE_ATTR_INSTANCE_VALUE),
        Opcode::LOAD_METHOD if caches.load_module_attr(obj, site).is_some() => {
            Some(Opcode::LOAD_METHOD_MODULE)
        }
        Opcode::LOAD_METHOD if caches.load_method_on_class(obj, site).is_some() => {
            Some(Opcode::LOAD_METHOD_CLASS)
        }
        Opcode::LOAD_METHOD if unsafe { caches.load_method_with_values(obj, site) }.is_some() => {
            Some(Opcode::LOAD_METHOD_WITH_VALUES)
        }
        // SAFETY: as above.
        Opcode::LOAD_METHOD => {
            unsafe { caches.load_method_no_dict(obj, site) }.map(|_| Opcode::LOAD_METHOD_NO_DICT)
        }
        _ => None,
    }
}

/// Whether `v` is a `str` (not a subclass's instance, whose `__eq__` or
/// `__add__` may be its own).
fn is_exact_str(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Str(_)))
}

/// `LOAD_GLOBAL`: where the global cache found the name, if it is still
/// valid (the hot loop ran the generic form, which filled it).
/// (Reading the value also checks the dicts' versions; a value read
/// here is only cloned and dropped.)
fn global_form(vm: &Vm, func: &Function, index: usize) -> Option<Opcode> {
    use crate::vm::fast_paths::cached_global;
    if cached_global(vm, func, index, false).is_some() {
        Some(Opcode::LOAD_GLOBAL_MODULE)
    } else {
        cached_global(vm, func, index, true).map(|_| Opcode::LOAD_GLOBAL_BUILTIN)
    }
}

/// `BINARY_OP` (not in place, `arg`) on two instances of one plain
/// class (no built-in payload) whose method for the operator is a Python
/// function taking exactly the two operands: what compiled code needs to
/// call it directly. (Same class: CPython tries only the left operand's
/// method, and a NotImplemented from it is the TypeError.)
fn instance_binary(
    arg: u32,
    a: &Value,
    b: &Value,
) -> Option<taipan_bytecode::feedback::BinarySeen> {
    let (op, inplace) = BinaryOp::from_arg(arg)?;
    let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
        return None;
    };
    let (Object::Instance(i), Object::Instance(_)) = (x.get(), y.get()) else {
        return None;
    };
    if inplace || i.payload().is_some() || x.known_type_ptr() != y.known_type_ptr() {
        return None;
    }
    let Object::Class(c) = i.class.get() else {
        return None;
    };
    let name = crate::protocol::operator_slots::binop_names(op).0;
    let method = crate::object::classes::lookup_in(c, name)?;
    let Value::Obj(m) = &method else {
        return None;
    };
    match m.get() {
        Object::Function(f) if f.code.simple_argcount == Some(2) => {
            Some(taipan_bytecode::feedback::BinarySeen {
                class_data: &**c as *const crate::object::classes::Class as u64,
                version: c.version(),
                func: m.addr() as u64,
            })
        }
        _ => None,
    }
}

/// `BINARY_OP`: the forms for `+ - *` on two ints or two floats and `+`
/// on two strs (the in-place forms alike).
fn binary_form(arg: u32, a: &Value, b: &Value) -> Option<Opcode> {
    let (op, _) = BinaryOp::from_arg(arg)?;
    Some(match (op, a, b) {
        (BinaryOp::Add, Value::Int(_), Value::Int(_)) => Opcode::BINARY_OP_ADD_INT,
        (BinaryOp::Subtract, Value::Int(_), Value::Int(_)) => Opcode::BINARY_OP_SUBTRACT_INT,
        (BinaryOp::Multiply, Value::Int(_), Value::Int(_)) => Opcode::BINARY_OP_MULTIPLY_INT,
        (BinaryOp::Add, Value::Float(_), Value::Float(_)) => Opcode::BINARY_OP_ADD_FLOAT,
        (BinaryOp::Subtract, Value::Float(_), Value::Float(_)) => Opcode::BINARY_OP_SUBTRACT_FLOAT,
        (BinaryOp::Multiply, Value::Float(_), Value::Float(_)) => Opcode::BINARY_OP_MULTIPLY_FLOAT,
        (BinaryOp::Add, a, b) if is_exact_str(a) && is_exact_str(b) => {
            Opcode::BINARY_OP_ADD_UNICODE
        }
        _ => return None,
    })
}

/// `CALL` with `n` arguments, `top` its `n + 2` values: NULL, a
/// callable and the arguments, or a method (LOAD_METHOD's, or a
/// method-shaped call's), its object and the arguments.
fn call_form(vm: &Vm, n: usize, top: &[Value]) -> Option<Opcode> {
    let at = top.len().checked_sub(n + 2)?;
    let (first, second) = (top.get(at)?, top.get(at + 1)?);
    if !matches!(first, Value::Unbound) {
        return method_call_form(vm, n, first, second);
    }
    match second.as_obj()? {
        Object::Function(f) if f.code.simple_argcount == Some(n) => {
            Some(Opcode::CALL_PY_EXACT_ARGS)
        }
        Object::Function(f) if f.positional_defaults(n).is_some() => {
            Some(Opcode::CALL_PY_WITH_DEFAULTS)
        }
        Object::BoundMethod(bm)
            if matches!(bm.func.as_obj(), Some(Object::Function(f))
                if f.code.simple_argcount == Some(n + 1)) =>
        {
            Some(Opcode::CALL_BOUND_METHOD_EXACT_ARGS)
        }
        Object::Builtin(b) if n == 1 && std::ptr::fn_addr_eq(b.func, vm.natives.len) => {
            Some(Opcode::CALL_NO_KW_LEN)
        }
        Object::Builtin(b) if n == 2 && std::ptr::fn_addr_eq(b.func, vm.natives.isinstance) => {
            Some(Opcode::CALL_NO_KW_ISINSTANCE)
        }
        Object::Builtin(b) if n > 0 && !crate::vm::eval_exec::reads_frame(b.func) => {
            Some(Opcode::CALL_BUILTIN_FAST)
        }
        Object::Class(c) if n == 1 && c.builtin_kind == Some(TypeKind::Type) => {
            Some(Opcode::CALL_NO_KW_TYPE_1)
        }
        Object::Class(c)
            if c.builtin_kind.is_none()
                && vm.jit.is_none()
                && crate::object::classes::plain_init(c, n).is_some() =>
        {
            Some(Opcode::CALL_ALLOC_AND_ENTER_INIT)
        }
        _ => None,
    }
}

/// `CALL` of a method and its object (`callable` and `receiver`) with
/// `n` more arguments.
fn method_call_form(vm: &Vm, n: usize, callable: &Value, receiver: &Value) -> Option<Opcode> {
    match callable.as_obj()? {
        Object::Function(f) if f.code.simple_argcount == Some(n + 1) => {
            Some(Opcode::CALL_PY_EXACT_ARGS)
        }
        Object::MethodDescr(d)
            if n == 1
                && std::ptr::fn_addr_eq(d.builtin.func, vm.natives.list_append)
                && matches!(receiver.as_obj(), Some(Object::List(_))) =>
        {
            Some(Opcode::CALL_NO_KW_LIST_APPEND)
        }
        Object::MethodDescr(_) => Some(Opcode::CALL_NO_KW_METHOD_DESCRIPTOR_FAST),
        // A native type's method with its object (`q.popleft()`).
        Object::Builtin(b)
            if matches!(receiver.as_obj(), Some(Object::Native(_)))
                && !crate::vm::eval_exec::reads_frame(b.func) =>
        {
            Some(Opcode::CALL_NO_KW_METHOD_DESCRIPTOR_FAST)
        }
        _ => None,
    }
}

/// `taipan --dis --adaptive`: the disassembly of `rt` and the code
/// objects among its constants as they run now, specialised forms in
/// place of the generic opcodes they quickened (CPython's
/// `dis.dis(code, adaptive=True)`).
pub fn disassemble_adaptive(rt: &RtCode) -> String {
    taipan_bytecode::dis::disassemble_recursive(&quickened_code(rt))
}

/// A copy of `rt`'s code object (and, recursively, of the code objects
/// among its constants) with the quickened instructions.
fn quickened_code(rt: &RtCode) -> taipan_bytecode::code::CodeObject {
    use taipan_bytecode::code::ConstValue;
    let mut code = (*rt.code).clone();
    code.code = rt.quick.snapshot(&rt.code.code);
    for (k, v) in code.consts.iter_mut().zip(rt.consts.iter()) {
        if let (ConstValue::Code(_), Some(Object::Code(inner))) = (&*k, v.as_obj()) {
            *k = ConstValue::Code(std::sync::Arc::new(quickened_code(inner)));
        }
    }
    code
}
