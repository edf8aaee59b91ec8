//! Structural pattern matching (PEP 634): what the `MATCH_*` instructions
//! ask of the subject, as CPython 3.11's `ceval.c` answers it
//! (`MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS`, `MATCH_CLASS`). The
//! compiler (`compiler::codegen::patterns`) does the rest with ordinary
//! instructions.

use crate::object::classes::{self, mro_of};
use crate::object::exceptions::{err_matches, raise, ExcKind, PyResult};
use crate::object::heap::{as_str, new_str, new_tuple, type_name, Object, TypeKind};
use crate::object::value::Value;
use crate::protocol;
use crate::vm::Vm;

/// CPython's `Py_TPFLAGS_SEQUENCE`, as an ABC declares it in
/// `__abc_tpflags__` (`collections.abc.Sequence`).
const ABC_SEQUENCE: i64 = 1 << 5;
/// CPython's `Py_TPFLAGS_MAPPING` (`collections.abc.Mapping`).
const ABC_MAPPING: i64 = 1 << 6;

/// The collection flags of `v`'s type, as CPython's type objects carry
/// `Py_TPFLAGS_SEQUENCE` / `Py_TPFLAGS_MAPPING`: those of the first class
/// along the MRO that has any — a built-in sequence or mapping type, or a
/// class whose namespace declares `__abc_tpflags__` (an ABC such as
/// `collections.abc.Sequence`).
fn collection_flags(v: &Value) -> i64 {
    for c in mro_of(&classes::type_value(v)) {
        if let Some(Object::Class(cls)) = c.as_obj() {
            let own = match cls.builtin_kind {
                Some(TypeKind::List | TypeKind::Tuple | TypeKind::Range | TypeKind::MemoryView) => {
                    ABC_SEQUENCE
                }
                Some(TypeKind::Dict | TypeKind::MAPPING_PROXY) => ABC_MAPPING,
                _ if cls.collection_flags() != 0 => i64::from(cls.collection_flags()),
                _ => match cls.dict.get() {
                    Object::Dict(d) => match d.borrow().get_str("__abc_tpflags__") {
                        Some(Value::Int(f)) => f & (ABC_SEQUENCE | ABC_MAPPING),
                        _ => 0,
                    },
                    _ => 0,
                },
            };
            if own != 0 {
                return own;
            }
        }
    }
    0
}

/// `MATCH_SEQUENCE`: list, tuple, range, memoryview and their
/// subclasses, and classes an ABC marks as sequences; never str, bytes
/// or bytearray.
pub fn is_sequence(v: &Value) -> bool {
    collection_flags(v) & ABC_SEQUENCE != 0
}

/// `MATCH_MAPPING`: dict, mappingproxy and their subclasses, and classes
/// an ABC marks as mappings.
pub fn is_mapping(v: &Value) -> bool {
    collection_flags(v) & ABC_MAPPING != 0
}

/// Records `key` in `seen`; false if an equal key was there already.
fn first_time(vm: &mut Vm, seen: &mut Vec<Value>, key: &Value) -> PyResult<bool> {
    protocol::hash(vm, key)?;
    for k in seen.iter() {
        if protocol::compare_bool(vm, taipan_bytecode::opcode::CompareOp::Eq, k, key)? {
            return Ok(false);
        }
    }
    seen.push(key.clone());
    Ok(true)
}

/// `MATCH_KEYS`: the values of `keys` in the mapping `subject` as a
/// tuple, or None when one is missing. Looked up with `subject.get(key,
/// marker)`, so a `defaultdict` grows no keys.
pub fn match_keys(vm: &mut Vm, subject: &Value, keys: &Value) -> PyResult<Value> {
    let keys: Vec<Value> = match keys.as_obj() {
        Some(Object::Tuple(t)) => t.clone(),
        _ => return raise(ExcKind::TypeError, "MATCH_KEYS expects a tuple of keys"),
    };
    if keys.is_empty() {
        return Ok(new_tuple(Vec::new()));
    }
    let get = protocol::getattr(vm, subject, "get")?;
    let marker = crate::vm::interp::call(vm, &classes::type_object(TypeKind::Object), &[], &[])?;
    let mut seen = Vec::with_capacity(keys.len());
    let mut values = Vec::with_capacity(keys.len());
    for key in &keys {
        if !first_time(vm, &mut seen, key)? {
            let shown = crate::protocol::repr::repr(vm, key)?;
            return raise(
                ExcKind::ValueError,
                format!("mapping pattern checks duplicate key ({shown})"),
            );
        }
        let v = crate::vm::interp::call(vm, &get, &[key.clone(), marker.clone()], &[])?;
        if v.is(&marker) {
            return Ok(Value::None);
        }
        values.push(v);
    }
    Ok(new_tuple(values))
}

/// Whether instances of `cls` match a single positional sub-pattern
/// against themselves (CPython's `_Py_TPFLAGS_MATCH_SELF`): the built-in
/// scalar and container types and their subclasses.
fn matches_self(cls: &Value) -> bool {
    mro_of(cls).iter().any(|c| {
        matches!(c.as_obj(), Some(Object::Class(k)) if matches!(
            k.builtin_kind,
            Some(
                TypeKind::Bool
                    | TypeKind::ByteArray
                    | TypeKind::Bytes
                    | TypeKind::Dict
                    | TypeKind::Float
                    | TypeKind::FrozenSet
                    | TypeKind::Int
                    | TypeKind::List
                    | TypeKind::Set
                    | TypeKind::Str
                    | TypeKind::Tuple
            )
        ))
    })
}

/// The name CPython's messages give a class (`tp_name`).
fn class_name(cls: &Value) -> String {
    match cls.as_obj() {
        Some(Object::Class(c)) => c.name.borrow().clone(),
        _ => type_name(cls).into_owned(),
    }
}

/// `subject.<name>` for a class pattern, or None when it has no such
/// attribute; each attribute may be asked for once.
fn class_attr(
    vm: &mut Vm,
    subject: &Value,
    cls: &Value,
    name: &str,
    seen: &mut Vec<String>,
) -> PyResult<Option<Value>> {
    if seen.iter().any(|s| s == name) {
        let shown = crate::protocol::repr::repr(vm, &new_str(name))?;
        return raise(
            ExcKind::TypeError,
            format!(
                "{}() got multiple sub-patterns for attribute {shown}",
                class_name(cls)
            ),
        );
    }
    seen.push(name.to_string());
    match protocol::getattr(vm, subject, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if err_matches(&e, ExcKind::AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `MATCH_CLASS`: when `subject` is an instance of `cls` with the
/// attributes the pattern names (`nargs` positional ones through
/// `cls.__match_args__`, then the keyword ones in `names`), their values
/// as a tuple; else None.
pub fn match_class(
    vm: &mut Vm,
    subject: &Value,
    cls: &Value,
    nargs: usize,
    names: &Value,
) -> PyResult<Value> {
    if !classes::is_type(cls) {
        return raise(ExcKind::TypeError, "called match pattern must be a type");
    }
    if !crate::protocol::isinstance::instance_check(vm, subject, cls)? {
        return Ok(Value::None);
    }
    let mut seen = Vec::new();
    let mut attrs = Vec::new();
    if nargs > 0 {
        let (match_args, match_self) = match protocol::getattr(vm, cls, "__match_args__") {
            Ok(m) => match m.as_obj() {
                Some(Object::Tuple(t))
                    if classes::type_value(&m).is(&classes::type_object(TypeKind::Tuple)) =>
                {
                    (t.clone(), false)
                }
                _ => {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "{}.__match_args__ must be a tuple (got {})",
                            class_name(cls),
                            type_name(&m)
                        ),
                    )
                }
            },
            Err(e) if err_matches(&e, ExcKind::AttributeError) => (Vec::new(), matches_self(cls)),
            Err(e) => return Err(e),
        };
        let allowed = if match_self { 1 } else { match_args.len() };
        if allowed < nargs {
            let plural = if allowed == 1 { "" } else { "s" };
            return raise(
                ExcKind::TypeError,
                format!(
                    "{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)",
                    class_name(cls)
                ),
            );
        }
        if match_self {
            attrs.push(subject.clone());
        } else {
            for name in match_args.iter().take(nargs) {
                let Some(n) = as_str(name)
                    .filter(|_| classes::type_value(name).is(&classes::type_object(TypeKind::Str)))
                else {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "__match_args__ elements must be strings (got {})",
                            type_name(name)
                        ),
                    );
                };
                let n = n.to_string();
                match class_attr(vm, subject, cls, &n, &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(Value::None),
                }
            }
        }
    }
    let names: Vec<Value> = match names.as_obj() {
        Some(Object::Tuple(t)) => t.clone(),
        _ => Vec::new(),
    };
    for name in &names {
        let n = as_str(name).unwrap_or_default().to_string();
        match class_attr(vm, subject, cls, &n, &mut seen)? {
            Some(v) => attrs.push(v),
            None => return Ok(Value::None),
        }
    }
    Ok(new_tuple(attrs))
}
