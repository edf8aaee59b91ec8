//! Struct sequences (`os.stat_result`, `time.struct_time`,
//! `os.terminal_size`): tuple subclasses whose first items have names.

use crate::object::value::Value;

/// The getter of field `I` of a struct sequence (item `I` of the tuple).
fn sequence_field<const I: i64>(
    vm: &mut crate::vm::Vm,
    _: Option<&Value>,
    args: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> crate::object::exceptions::PyResult<Value> {
    let Some(s) = args.first() else {
        return crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            "a struct sequence field needs an object",
        );
    };
    crate::protocol::getitem(vm, s, &Value::Int(I))
}

/// The getters of the first fields, by index.
const SEQUENCE_FIELDS: [crate::object::heap::BuiltinFn; 12] = [
    sequence_field::<0>,
    sequence_field::<1>,
    sequence_field::<2>,
    sequence_field::<3>,
    sequence_field::<4>,
    sequence_field::<5>,
    sequence_field::<6>,
    sequence_field::<7>,
    sequence_field::<8>,
    sequence_field::<9>,
    sequence_field::<10>,
    sequence_field::<11>,
];

thread_local! {
    /// What `repr` shows of each struct-sequence class, by class address:
    /// the display name (CPython's `tp_name`) and the names of the items
    /// it lists. The classes are kept alive for the whole run
    /// (`kept_by_name`), so their addresses stay theirs.
    static REPR_NAMES: std::cell::RefCell<std::collections::HashMap<usize, (String, Vec<&'static str>)>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The key of a class in `REPR_NAMES`: its address.
fn class_key(cls: &Value) -> usize {
    match cls {
        Value::Obj(o) => o.addr(),
        _ => 0,
    }
}

/// `repr(seq)`: `name(field=value, ...)` over the visible items, as
/// CPython's `structseq_repr`.
fn sequence_repr(
    vm: &mut crate::vm::Vm,
    s: Option<&Value>,
    args: &[Value],
    _: &[(std::rc::Rc<str>, Value)],
) -> crate::object::exceptions::PyResult<Value> {
    let (s, _) = crate::object::args::receiver(s, args)?;
    let cls = crate::object::classes::type_value(s);
    let found = crate::object::classes::mro_of(&cls)
        .iter()
        .find_map(|c| REPR_NAMES.with(|r| r.borrow().get(&class_key(c)).cloned()));
    let Some((display, names)) = found else {
        return crate::object::exceptions::raise(
            crate::object::exceptions::ExcKind::TypeError,
            "descriptor '__repr__' requires a struct sequence",
        );
    };
    let mut parts = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let v = crate::protocol::getitem(vm, s, &Value::Int(i as i64))?;
        parts.push(format!("{name}={}", crate::protocol::repr::repr(vm, &v)?));
    }
    Ok(crate::object::heap::new_str(format!(
        "{display}({})",
        parts.join(", ")
    )))
}

/// A struct-sequence class (`os.stat_result`, `time.struct_time`,
/// `os.terminal_size`): a subclass of `tuple` whose items `fields` name
/// (read-only properties, at most 12), with `attrs` besides. Its repr
/// lists `repr_fields` (the names of the visible items, which for
/// `stat_result` skip the unnamed ones) or, when that is empty, `fields`;
/// a class in module `builtins` shows its bare name, as a CPython
/// `tp_name` without a dot.
pub fn struct_sequence(
    module: &'static str,
    name: &str,
    fields: &[&'static str],
    repr_fields: &[&'static str],
    attrs: Vec<(&'static str, Value)>,
) -> Value {
    use crate::object::heap::TypeKind;
    let mut all: Vec<(&str, Value)> = fields
        .iter()
        .zip(SEQUENCE_FIELDS)
        .map(|(f, getter)| crate::object::native::property(f, getter))
        .collect();
    let shown = if repr_fields.is_empty() {
        fields
    } else {
        repr_fields
    };
    let match_args: Vec<Value> = fields
        .iter()
        .map(|f| crate::object::heap::new_str(*f))
        .collect();
    all.push(("__match_args__", crate::object::heap::new_tuple(match_args)));
    if !attrs.iter().any(|(n, _)| *n == "__repr__") {
        all.push(crate::object::native::method("__repr__", sequence_repr));
    }
    all.extend(attrs);
    let cls = crate::object::classes::new_builtin_class(
        module,
        name,
        crate::object::classes::type_object(TypeKind::Tuple),
        TypeKind::Tuple,
        all,
    );
    let display = if module == "builtins" {
        name.to_string()
    } else {
        format!("{module}.{name}")
    };
    REPR_NAMES.with(|r| {
        r.borrow_mut()
            .insert(class_key(&cls), (display, shown.to_vec()));
    });
    cls
}

/// An instance of struct-sequence class `cls` holding `items`.
pub fn instance(cls: &Value, items: Vec<Value>) -> Option<Value> {
    let Value::Obj(cls) = cls else {
        return None;
    };
    let tuple = crate::object::heap::new_tuple(items);
    Some(Value::obj(crate::object::heap::NewObject::Instance(
        crate::object::instance::Instance::new(cls.clone(), None, Some(tuple)),
    )))
}
