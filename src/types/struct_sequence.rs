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

/// A struct-sequence class (`os.stat_result`, `time.struct_time`,
/// `os.terminal_size`): a subclass of `tuple` whose items `fields` name
/// (read-only properties, at most 12), with `attrs` besides.
pub fn struct_sequence(
    module: &'static str,
    name: &str,
    fields: &[&'static str],
    attrs: Vec<(&'static str, Value)>,
) -> Value {
    use crate::object::heap::TypeKind;
    let mut all: Vec<(&str, Value)> = fields
        .iter()
        .zip(SEQUENCE_FIELDS)
        .map(|(f, getter)| crate::object::native::property(f, getter))
        .collect();
    all.extend(attrs);
    crate::object::classes::new_builtin_class(
        module,
        name,
        crate::object::classes::type_object(TypeKind::Tuple),
        TypeKind::Tuple,
        all,
    )
}
