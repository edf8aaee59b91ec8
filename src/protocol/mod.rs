//! The operations the interpreter and compiled code run on any value:
//! the built-in fast paths of [`crate::protocol::ops`] when no operand is an
//! instance of a user-defined class, and that class's special methods
//! (`__add__`, `__getitem__`, `__iter__`, …) when one is.

pub mod format;
pub mod isinstance;
pub mod methods;
pub mod operator_slots;
pub mod ops;
pub mod repr;
pub mod slots;
pub mod subclass;

use crate::object::classes::{self, call_special, has_dunders};
use crate::object::exceptions::{err_matches, raise, ExcKind, PyResult};
use crate::object::heap::BoundMethodObj;
use crate::object::heap::{type_name, Object};
use crate::object::type_slots::{Side, UnaryOp};
use crate::object::value::Value;
use crate::protocol::operator_slots as opslots;
use crate::vm::Vm;
use taipan_bytecode::opcode::{BinaryOp, CompareOp};

/// The target a `weakref.proxy` operand stands for (ReferenceError when
/// it is gone); None for every other value.
macro_rules! proxy_target {
    ($v:expr) => {
        match crate::object::weakref::proxied($v) {
            Some(t) => Some(t?),
            None => None,
        }
    };
}

/// BINARY_OP with its bytecode argument (in-place forms included).
#[inline]
pub fn binary(vm: &mut Vm, arg: u32, a: &Value, b: &Value) -> PyResult<Value> {
    let Some((op, inplace)) = BinaryOp::from_arg(arg) else {
        return raise(ExcKind::RuntimeError, "bad BINARY_OP argument");
    };
    // `str + str` straight away, as the interpreter's specialised
    // BINARY_OP_ADD_UNICODE makes it (the slot search below tries every
    // operand slot first): compiled code's operator helper calls this.
    if let (BinaryOp::Add, Some(Object::Str(x)), Some(Object::Str(y))) =
        (op, a.as_obj(), b.as_obj())
    {
        return Ok(x.concat_value(y));
    }
    binary_values(vm, op, inplace, a, b)
}

/// A binary operator (`inplace`: its augmented-assignment form) on any
/// values, through the operands' slots in CPython's order: the left
/// operand's in-place slot, then the right operand's slot when its type
/// is a proper subclass of the left's, the left's, the right's.
pub fn binary_values(
    vm: &mut Vm,
    op: BinaryOp,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    // (The plain operator returns `binary_slots`'s result as it is, a
    // tail call: matching on it copied the value it had just stored
    // word by word with one 16-byte load, a store-forwarding stall.)
    if !inplace {
        return binary_slots(vm, op, inplace, a, b);
    }
    binary_slots(vm, op, inplace, a, b).map_err(|e| inplace_error(vm, e, op))
}

/// The built-in operations word their TypeError for the plain operator;
/// an augmented assignment says `+=`, as CPython's in-place protocol does.
#[cold]
fn inplace_error(
    vm: &mut Vm,
    e: Box<crate::object::exceptions::PyErr>,
    op: BinaryOp,
) -> Box<crate::object::exceptions::PyErr> {
    if e.kind() != ExcKind::TypeError {
        return e;
    }
    let plain = format!(
        "unsupported operand type(s) for {}:",
        operator_in_message(op, false)
    );
    match crate::object::exceptions::exception_message(vm, &e.exc) {
        Ok(m) if m.starts_with(&plain) => {
            let reworded = m.replacen(
                &format!("{}:", operator_in_message(op, false)),
                &format!("{}:", operator_in_message(op, true)),
                1,
            );
            crate::object::exceptions::PyErr::new(ExcKind::TypeError, reworded)
        }
        _ => e,
    }
}

/// How a TypeError names operator `op`: its symbol, `+=` for the
/// augmented form, and `** or pow()` for a plain power (CPython names
/// the function that shares its slot).
fn operator_in_message(op: BinaryOp, inplace: bool) -> String {
    match (op, inplace) {
        (_, true) => format!("{}=", op.symbol()),
        (BinaryOp::Power, false) => "** or pow()".to_string(),
        (_, false) => op.symbol().to_string(),
    }
}

/// [`binary_values`] before the in-place wording of its TypeError.
fn binary_slots(vm: &mut Vm, op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    // Numbers and other immediates need none of the object cases below.
    if !matches!(a, Value::Obj(_)) && !matches!(b, Value::Obj(_)) {
        return ops::binary_op(op, a, b);
    }
    let (a_binary, a_inplace) = slots::pick(a, |s| (s.binary, s.inplace));
    if inplace {
        if let Some(f) = a_inplace {
            if let Some(r) = f(vm, op, a, b)? {
                return Ok(r);
            }
        }
    }
    // Two built-in operands: one slot, which answers or raises.
    if !opslots::answers_for_itself(a) && !opslots::answers_for_itself(b) {
        if let Some(r) = opslots::builtin_binary(vm, op, a, b, Side::Left)? {
            return Ok(r);
        }
    }
    let (same, right_first) = opslots::type_order(a, b);
    let fb = if same {
        None
    } else {
        slots::pick(b, |s| s.binary)
    };
    if right_first {
        if let Some(f) = fb {
            if let Some(r) = f(vm, op, a, b, Side::Right)? {
                return Ok(r);
            }
        }
    }
    if let Some(f) = a_binary {
        if let Some(r) = f(vm, op, a, b, Side::Left)? {
            return Ok(r);
        }
    }
    if !right_first {
        if let Some(f) = fb {
            if let Some(r) = f(vm, op, a, b, Side::Right)? {
                return Ok(r);
            }
        }
    }
    unanswered_binary(vm, op, inplace, a, b)
}

/// A binary operator no slot answered: sequence repetition by an object
/// with `__index__`, built-in payloads with each other (`[1] +
/// MyList([2])`), else CPython's TypeError.
pub fn unanswered_binary(
    vm: &mut Vm,
    op: BinaryOp,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    if op == BinaryOp::Multiply {
        let (pa, pb) = (index_value(vm, a)?, index_value(vm, b)?);
        if (!pa.is(a) || !pb.is(b)) && !has_dunders(&pa) && !has_dunders(&pb) {
            return binary_values(vm, op, inplace, &pa, &pb);
        }
    }
    if let Some((pa, pb)) = crate::protocol::subclass::retry_with_payloads(a, b) {
        if !has_dunders(&pa) && !has_dunders(&pb) {
            return binary_values(vm, op, inplace, &pa, &pb);
        }
    }
    let is_seq = |v: &Value| {
        matches!(
            v.as_obj(),
            Some(Object::Str(_) | Object::List(_) | Object::Tuple(_) | Object::Bytes(_))
        )
    };
    // Sequence concatenation words its own TypeError.
    if op == BinaryOp::Add && is_seq(a) {
        return ops::binary_op(op, a, b);
    }
    if op == BinaryOp::Multiply && (is_seq(a) || is_seq(b)) {
        let other = if is_seq(a) { b } else { a };
        return raise(
            ExcKind::TypeError,
            format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(other)
            ),
        );
    }
    raise(
        ExcKind::TypeError,
        format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            operator_in_message(op, inplace),
            type_name(a),
            type_name(b)
        ),
    )
}

/// `-v`, `+v`, `~v` (by symbol, as the bytecode names them).
pub fn unary(vm: &mut Vm, op: char, v: &Value) -> PyResult<Value> {
    let op = match op {
        '-' => UnaryOp::Negative,
        '+' => UnaryOp::Positive,
        _ => UnaryOp::Invert,
    };
    unary_op(vm, op, v)
}

/// A unary operation or `abs()`: the type's unary slot.
pub fn unary_op(vm: &mut Vm, op: UnaryOp, v: &Value) -> PyResult<Value> {
    if let Some(f) = slots::pick(v, |s| s.unary) {
        if let Some(r) = f(vm, op, v)? {
            return Ok(r);
        }
    }
    op.unsupported(v)
}

/// COMPARE_OP: a bool for built-in operands, whatever the special method
/// returned for instances. Through the operands' comparison slots in
/// CPython's order: the right operand's reflected comparison first when
/// its type is a proper subclass of the left's, the left's, the right's;
/// then identity for `==` / `!=`, else CPython's TypeError.
#[inline]
pub fn compare(vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
    if !opslots::answers_for_itself(a) && !opslots::answers_for_itself(b) {
        if let Some(r) = opslots::builtin_compare(vm, op, a, b)? {
            return Ok(r);
        }
    }
    let (a_compare, b_compare) = (slots::pick(a, |s| s.compare), slots::pick(b, |s| s.compare));
    let (_, right_first) = opslots::type_order(a, b);
    let swapped = opslots::reflected(op);
    if right_first {
        if let Some(f) = b_compare {
            if let Some(r) = f(vm, swapped, b, a)? {
                return Ok(r);
            }
        }
    }
    if let Some(f) = a_compare {
        if let Some(r) = f(vm, op, a, b)? {
            return Ok(r);
        }
    }
    if !right_first {
        if let Some(f) = b_compare {
            if let Some(r) = f(vm, swapped, b, a)? {
                return Ok(r);
            }
        }
    }
    if let Some((pa, pb)) = crate::protocol::subclass::retry_with_payloads(a, b) {
        if !has_dunders(&pa) && !has_dunders(&pb) {
            return compare(vm, op, &pa, &pb);
        }
    }
    match op {
        CompareOp::Eq => Ok(Value::Bool(a.is(b))),
        CompareOp::Ne => Ok(Value::Bool(!a.is(b))),
        _ => raise(
            ExcKind::TypeError,
            format!(
                "'{}' not supported between instances of '{}' and '{}'",
                opslots::compare_name(op).1,
                type_name(a),
                type_name(b)
            ),
        ),
    }
}

/// How deep `holds_instances` looks before assuming the answer is yes: a
/// self-containing list must not recurse for ever, and the VM-aware walk
/// it then takes is bounded by the comparison recursion guard.
const INSTANCE_SCAN_DEPTH: u32 = 32;

/// Whether a container holds instances of classes, whose comparisons
/// need the VM (the built-in comparison in `ops` compares them by
/// identity). Conservative: nesting past `INSTANCE_SCAN_DEPTH` says yes.
fn holds_instances(v: &Value, depth: u32) -> bool {
    let nested = |x: &Value| {
        opslots::answers_for_itself(x) || (x.as_obj().is_some() && holds_instances(x, depth + 1))
    };
    match v.as_obj() {
        Some(Object::List(_) | Object::Tuple(_) | Object::Dict(_))
            if depth >= INSTANCE_SCAN_DEPTH =>
        {
            true
        }
        Some(Object::List(l)) => l.borrow().iter().any(nested),
        Some(Object::Tuple(t)) => t.iter().any(nested),
        Some(Object::Dict(d)) => d.borrow().items().any(|(k, x)| nested(k) || nested(x)),
        _ => false,
    }
}

/// Comparisons of lists, tuples and dicts that contain instances: element
/// by element through `==` (identity first, as CPython), then the first
/// differing pair decides an ordering. None when `ops` can do it alone.
pub fn sequence_compare(
    vm: &mut Vm,
    op: CompareOp,
    a: &Value,
    b: &Value,
) -> PyResult<Option<bool>> {
    let same_kind = match (a.as_obj(), b.as_obj()) {
        (Some(Object::Dict(_)), Some(Object::Dict(_))) => {
            matches!(op, CompareOp::Eq | CompareOp::Ne)
        }
        (Some(Object::List(_)), Some(Object::List(_)))
        | (Some(Object::Tuple(_)), Some(Object::Tuple(_))) => true,
        _ => false,
    };
    if !same_kind || !(holds_instances(a, 0) || holds_instances(b, 0)) {
        return Ok(None);
    }
    ops::nested_compare(|| walk_containers(vm, op, a, b)).map(Some)
}

/// The element walk of `sequence_compare`, for two containers of one kind.
fn walk_containers(vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<bool> {
    let (xs, ys) = match (a.as_obj(), b.as_obj()) {
        (Some(Object::Dict(x)), Some(Object::Dict(y))) => {
            let yref = y;
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            let mut equal = x.len() == y.len();
            if equal {
                for (k, v) in x.items() {
                    let found = if has_user_hash(k) {
                        dict_get(vm, yref, k)?
                    } else {
                        y.get(k)?
                    };
                    match found {
                        Some(w) if v.is(&w) || compare_bool(vm, CompareOp::Eq, v, &w)? => {}
                        _ => {
                            equal = false;
                            break;
                        }
                    }
                }
            }
            return Ok(equal == (op == CompareOp::Eq));
        }
        (Some(Object::List(x)), Some(Object::List(y))) => (x.borrow().clone(), y.borrow().clone()),
        (Some(Object::Tuple(x)), Some(Object::Tuple(y))) => (x.clone(), y.clone()),
        _ => return ops::compare(op, a, b),
    };
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && xs.len() != ys.len() {
        return Ok(op == CompareOp::Ne);
    }
    for (x, y) in xs.iter().zip(&ys) {
        if x.is(y) || compare_bool(vm, CompareOp::Eq, x, y)? {
            continue;
        }
        return Ok(match op {
            CompareOp::Eq => false,
            CompareOp::Ne => true,
            _ => compare_bool(vm, op, x, y)?,
        });
    }
    Ok(op.holds(xs.len(), ys.len()))
}

/// A comparison's truth (for `sort`, `min`, `max`, `==` in containers).
pub fn compare_bool(vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<bool> {
    match compare(vm, op, a, b)? {
        Value::Bool(r) => Ok(r),
        r => truthy(vm, &r),
    }
}

/// The truth of any value (inlined: every conditional jump asks): the
/// type's truth slot, true when it has none.
#[inline]
pub fn truthy(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if !matches!(v, Value::Obj(_)) {
        return Ok(ops::truthy(v));
    }
    match slots::pick(v, |s| s.truth) {
        Some(f) => f(vm, v),
        None => Ok(true),
    }
}

/// Whether `key` is an instance whose class defines `__hash__` in Python,
/// or a tuple holding one: dicts and sets hash and compare such keys
/// through the VM.
pub fn has_user_hash(key: &Value) -> bool {
    let i = match key.as_obj() {
        // (Tuples nested deeper than a few levels are taken to hold one:
        // the VM's hash and `==` are right for every key.)
        Some(Object::Tuple(items)) => return tuple_has_user_hash(items, 4),
        Some(Object::Instance(i)) => i,
        // A native type that defines `__hash__` (`datetime.date`) hashes
        // and compares its values through its methods.
        Some(Object::Native(n)) => {
            return crate::object::classes::lookup(&n.class, "__hash__")
                .is_some_and(|h| classes::runtime_method(&h).is_some())
        }
        // A weak reference hashes as its target (`WeakSet` of objects
        // with their own `__hash__`).
        Some(Object::WeakRef(w)) => return has_user_hash(&w.get()),
        _ => return false,
    };
    // Built-in payloads hash (and compare) as their values.
    i.payload().is_some()
        || matches!(
            classes::lookup(&Value::Obj(i.class.clone()), "__hash__"),
            Some(h) if classes::runtime_method(&h).is_none() && !matches!(h, Value::None)
        )
}

/// Whether a tuple of `items` holds a key with a user-defined `__hash__`
/// (looking `depth` levels of nested tuples down; deeper ones count).
fn tuple_has_user_hash(items: &[Value], depth: u32) -> bool {
    items.iter().any(|it| match it.as_obj() {
        Some(Object::Tuple(inner)) => depth == 0 || tuple_has_user_hash(inner, depth - 1),
        Some(_) => has_user_hash(it),
        None => false,
    })
}

/// For a key with a user-defined `__hash__`: its hash, and the `==` key
/// already in the container (found among `candidates(hash)`), or itself;
/// the container then finds that key by identity. None for other keys.
pub fn user_key(
    vm: &mut Vm,
    key: &Value,
    candidates: impl FnOnce(i64) -> Vec<Value>,
) -> PyResult<Option<(Value, i64)>> {
    if !has_user_hash(key) {
        return Ok(None);
    }
    let h = hash(vm, key)?;
    for c in candidates(h) {
        if c.is(key) || compare_bool(vm, CompareOp::Eq, &c, key)? {
            return Ok(Some((c, h)));
        }
    }
    Ok(Some((key.clone(), h)))
}

/// `d[k] = v` for any key (user-defined `__hash__` included).
pub fn dict_set(
    vm: &mut Vm,
    d: &std::cell::RefCell<crate::object::dict::Dict>,
    k: Value,
    v: Value,
) -> PyResult<()> {
    match user_key(vm, &k, |h| d.borrow().keys_with_hash(h))? {
        Some((key, h)) => {
            d.borrow_mut().set_hashed(key, h, v);
            Ok(())
        }
        None => d.borrow_mut().set(k, v),
    }
}

/// `d.get(k)` for any key.
pub fn dict_get(
    vm: &mut Vm,
    d: &std::cell::RefCell<crate::object::dict::Dict>,
    k: &Value,
) -> PyResult<Option<Value>> {
    match user_key(vm, k, |h| d.borrow().keys_with_hash(h))? {
        Some((key, h)) => Ok(d.borrow().get_hashed(&key, h)),
        None => d.borrow().get(k),
    }
}

/// `d.pop(k, None)` for any key.
pub fn dict_remove(
    vm: &mut Vm,
    d: &std::cell::RefCell<crate::object::dict::Dict>,
    k: &Value,
) -> PyResult<Option<Value>> {
    match user_key(vm, k, |h| d.borrow().keys_with_hash(h))? {
        Some((key, h)) => Ok(d.borrow_mut().remove_hashed(&key, h)),
        None => d.borrow_mut().remove(k),
    }
}

/// `s.add(k)` for any element.
pub fn set_add(
    vm: &mut Vm,
    t: &std::cell::RefCell<crate::object::set_table::SetTable>,
    k: Value,
) -> PyResult<()> {
    match user_key(vm, &k, |h| t.borrow().keys_with_hash(h))? {
        Some((key, h)) => {
            t.borrow_mut().add_hashed(key, h);
            Ok(())
        }
        None => crate::types::set::add(&mut t.borrow_mut(), k),
    }
}

/// `v.__index__()` for instances of classes that define it (the int they
/// stand for), else `v` itself.
pub fn index_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if !has_dunders(v) || crate::object::instance::payload(v).is_some() {
        return Ok(v.clone());
    }
    match call_special(vm, v, "__index__", &[])? {
        Some(r) if ops::int_of(&r).is_some() => Ok(r),
        Some(r) => raise(
            ExcKind::TypeError,
            format!("__index__ returned non-int (type {})", type_name(&r)),
        ),
        None => Ok(v.clone()),
    }
}

/// [`index_value`] of each argument.
pub fn index_args(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<Value>> {
    args.iter().map(|a| index_value(vm, a)).collect()
}

/// `container[index]`: the type's subscript slot; for a class without
/// one (its metaclass defines no `__getitem__`), `__class_getitem__`.
#[inline]
pub fn getitem(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<Value> {
    if let Some(f) = slots::pick(container, |s| s.getitem) {
        return f(vm, container, index);
    }
    if let Some(Object::Class(_)) = container.as_obj() {
        if let Some(f) = classes::lookup(container, "__class_getitem__") {
            let m = classes::bind_attr(vm, f, None, container)?;
            return crate::object::upcalls::call(vm, &m, std::slice::from_ref(index), &[]);
        }
    }
    slots::not_subscriptable(container)
}

/// `container[index] = value`: the type's item-assignment slot.
#[inline]
pub fn setitem(vm: &mut Vm, container: &Value, index: &Value, value: Value) -> PyResult<()> {
    match slots::pick(container, |s| s.setitem) {
        Some(f) => f(vm, container, index, value),
        None => slots::no_item_assignment(container),
    }
}

/// `del container[index]`: the type's item-deletion slot.
pub fn delitem(vm: &mut Vm, container: &Value, index: &Value) -> PyResult<()> {
    match slots::pick(container, |s| s.delitem) {
        Some(f) => f(vm, container, index),
        None => slots::no_item_deletion(container, index),
    }
}

/// `item in container`: the type's `in` slot, else iteration.
pub fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match slots::pick(container, |s| s.contains) {
        Some(f) => f(vm, container, item),
        None => contains_by_iteration(vm, container, item),
    }
}

/// `item in container` for a type without `__contains__`: whether
/// iterating finds an element that is, or equals, `item`.
pub fn contains_by_iteration(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    // Only a TypeError becomes "not iterable" (CPython's
    // `_PySequence_IterSearch`); an error `__iter__` raised goes on.
    let it = get_iter(vm, container).map_err(|e| {
        if !crate::object::exceptions::err_matches(&e, ExcKind::TypeError) {
            return e;
        }
        crate::object::exceptions::PyErr::new(
            ExcKind::TypeError,
            format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            ),
        )
    })?;
    while let Some(x) = iter_next(vm, &it)? {
        if x.is(item) || compare_bool(vm, CompareOp::Eq, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `iter(v)`: the type's `iter` slot; without one, a type with
/// `__getitem__` iterates by index (the old sequence protocol).
#[inline]
pub fn get_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (iter, indexable) = slots::pick(v, |s| (s.iter, s.getitem.is_some()));
    match iter {
        Some(f) => f(vm, v),
        None if indexable && !matches!(v.as_obj(), Some(Object::Class(_))) => {
            Ok(crate::types::iterator_adapters::seq_iter(v.clone()))
        }
        None => slots::not_iterable(v),
    }
}

/// `next(it)`: the type's `next` slot; `None` when exhausted
/// (StopIteration from `__next__`).
#[inline]
pub fn iter_next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    match slots::pick(it, |s| s.next) {
        Some(f) => f(vm, it),
        None => slots::not_an_iterator(it),
    }
}

/// `len(v)`: the type's `len` slot.
pub fn len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    match slots::pick(v, |s| s.len) {
        Some(f) => f(vm, v),
        None => slots::no_len(v),
    }
}

/// `hash(v)`: the type's hash slot.
pub fn hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match slots::pick(v, |s| s.hash) {
        Some(f) => f(vm, v),
        None => raise(
            ExcKind::TypeError,
            format!("unhashable type: '{}'", type_name(v)),
        ),
    }
}

/// The items of a mapping, as `dict.update` and `**` read them: a dict's
/// (or a dict subclass's) own, else those of an object with `keys()`
/// and subscripts; None when `v` is no mapping.
pub fn mapping_items(vm: &mut Vm, v: &Value) -> PyResult<Option<Vec<(Value, Value)>>> {
    if let Some(Object::Dict(d)) = crate::object::instance::unwrap(v).as_obj() {
        let items = d
            .borrow()
            .items()
            .map(|(k, x)| (k.clone(), x.clone()))
            .collect();
        return Ok(Some(items));
    }
    if !has_dunders(v) || classes::lookup(&classes::type_value(v), "keys").is_none() {
        return Ok(None);
    }
    let keys = getattr(vm, v, "keys")?;
    let keys = crate::object::upcalls::call(vm, &keys, &[], &[])?;
    let keys = crate::protocol::to_vec(vm, &keys)?;
    let mut items = Vec::with_capacity(keys.len());
    for k in keys {
        let x = getitem(vm, v, &k)?;
        items.push((k, x));
    }
    Ok(Some(items))
}

/// `obj.name` for any object.
#[inline]
pub fn getattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    match obj.as_obj() {
        // Instances: the common case, kept short.
        Some(Object::Instance(_)) => classes::getattr(vm, obj, name),
        _ => getattr_any(vm, obj, name),
    }
}

/// [`getattr`] for everything but instances.
fn getattr_any(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(t) = proxy_target!(obj) {
        return getattr(vm, &t, name);
    }
    match obj.as_obj() {
        Some(Object::Instance(_) | Object::Class(_) | Object::Super(_)) => {
            classes::getattr(vm, obj, name)
        }
        _ if name == "__class__" => Ok(classes::type_value(obj)),
        // A function's own attributes first (they may rename it), then
        // its type's (`types::function`).
        Some(Object::Function(f)) => {
            if let Some(d) = &*f.attrs.borrow() {
                if let Object::Dict(d) = d.get() {
                    if let Some(v) = d.borrow().get_str(name) {
                        return Ok(v);
                    }
                }
            }
            crate::protocol::methods::getattr(vm, obj, name)
        }
        // A bound method's type's attributes, else its function's.
        // (The method type's `__doc__` is its function's, as CPython's
        // getset, not `object.__doc__`.)
        Some(Object::BoundMethod(BoundMethodObj { func, .. })) if name == "__doc__" => {
            getattr(vm, func, name)
        }
        Some(Object::BoundMethod(BoundMethodObj { func, .. })) => {
            let cls = classes::type_value(obj);
            match classes::lookup(&cls, name) {
                Some(attr) => classes::bind_attr(vm, attr, Some(obj), &cls),
                None => getattr(vm, func, name),
            }
        }
        _ => crate::protocol::methods::getattr(vm, obj, name),
    }
}

/// `f(*args)` with keyword arguments named by `kwnames` (their values the
/// last of `args`): the call operation, for the layers below the
/// interpreter.
pub fn call(
    vm: &mut Vm,
    f: &Value,
    args: &[Value],
    kwnames: &[std::rc::Rc<str>],
) -> PyResult<Value> {
    crate::object::upcalls::call(vm, f, args, kwnames)
}

/// `import name` (dotted): the module, for the layers below the
/// interpreter.
pub fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    crate::object::upcalls::import(vm, name)
}

/// The items an unpacking assignment (`a, b = v`, `a, *b = v`) takes
/// from `v`; a value that cannot be iterated raises CPython's "cannot
/// unpack non-iterable" (a built-in type's `iter` raises TypeError only
/// for that; an instance's only says so when its class has neither
/// `__iter__` nor `__getitem__` — else the error is its own).
pub fn unpack_items(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    let it = match v.as_obj() {
        Some(Object::List(_) | Object::Tuple(_)) => return to_vec(vm, v),
        _ => match get_iter(vm, v) {
            Ok(it) => it,
            Err(e) if !err_matches(&e, ExcKind::TypeError) => return Err(e),
            Err(e)
                if classes::is_instance(v)
                    && slots::pick(v, |s| s.iter.is_some() || s.getitem.is_some()) =>
            {
                return Err(e)
            }
            Err(_) => {
                return raise(
                    ExcKind::TypeError,
                    format!("cannot unpack non-iterable {} object", type_name(v)),
                )
            }
        },
    };
    to_vec(vm, &it)
}

/// Collects any iterable into a vector.
pub fn to_vec(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v.as_obj() {
        Some(Object::List(l)) => return Ok(l.borrow().clone()),
        Some(Object::Tuple(t)) => return Ok(t.clone()),
        _ => {}
    }
    let it = match get_iter(vm, v) {
        Ok(it) => it,
        Err(e) if classes::is_instance(v) || !err_matches(&e, ExcKind::TypeError) => return Err(e),
        Err(_) => {
            return raise(
                ExcKind::TypeError,
                format!("'{}' object is not iterable", type_name(v)),
            )
        }
    };
    let mut out = Vec::new();
    while let Some(x) = iter_next(vm, &it)? {
        ops::push_value(&mut out, x)?;
    }
    Ok(out)
}
