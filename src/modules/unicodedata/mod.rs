//! `unicodedata` (CPython's `Modules/unicodedata.c`): the Unicode 14.0.0
//! character database CPython 3.11 ships — categories, bidirectional
//! classes, combining classes, East Asian widths, mirroring, numeric
//! values, decompositions, names (with aliases and named sequences) and
//! normalization — and `ucd_3_2_0`, a `UCD` object answering from Unicode
//! 3.2.0 as IDNA and `stringprep` need. The module's functions are the
//! current database's; a `UCD` object's methods are its database's.

mod data;
mod normalize;

use crate::object::args::{arity, no_kwargs};
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{
    as_pystr, builtin_fn, make_module, new_str, str_of_code_points, type_name,
};
use crate::object::native::{constructor, method, NativeData};
use crate::object::value::Value;
use data::Database;
use normalize::Form;

/// The longest name `lookup` looks for (CPython's `NAME_MAXLEN`).
const NAME_MAXLEN: usize = 256;

/// A `UCD` object: which database it answers from.
struct UcdObject {
    v3_2: bool,
}

impl NativeData for UcdObject {}

/// A function of the database: what it does with the database (and
/// whether it is 3.2's) and the arguments after the receiver.
type DbFn = fn(&'static Database, bool, &[Value]) -> PyResult<Value>;

/// The database a call is for, from the `UCD` receiver if there is one.
fn database(receiver: Option<&Value>) -> (&'static Database, bool) {
    let ucd = data::ucd();
    match receiver.and_then(crate::object::native::data_of::<UcdObject>) {
        Some(UcdObject { v3_2: true }) => (&ucd.v3_2, true),
        _ => (&ucd.current, false),
    }
}

/// Calls `f` as the built-in `name` (a `UCD` method, whose receiver comes
/// first, when `method_call`).
fn call(
    name: &str,
    method_call: bool,
    f: DbFn,
    s: Option<&Value>,
    a: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    if method_call {
        no_kwargs(name, kw)?;
        let (receiver, args) = crate::object::args::receiver(s, a)?;
        let (db, v3_2) = database(Some(receiver));
        f(db, v3_2, args)
    } else {
        no_kwargs(&format!("unicodedata.{name}"), kw)?;
        f(&data::ucd().current, false, a)
    }
}

/// The functions, as (name, built-in) for the module (`method_call`
/// false) or the `UCD` class.
macro_rules! functions {
    ($($name:literal => $f:ident),* $(,)?) => {
        fn entries(method_call: bool) -> Vec<(&'static str, crate::object::heap::BuiltinFn)> {
            if method_call {
                vec![$(($name, |_, s, a, kw| call($name, true, $f, s, a, kw))),*]
            } else {
                vec![$(($name, |_, s, a, kw| call($name, false, $f, s, a, kw))),*]
            }
        }
    };
}

functions! {
    "decimal" => decimal,
    "digit" => digit,
    "numeric" => numeric,
    "category" => category,
    "bidirectional" => bidirectional,
    "combining" => combining,
    "east_asian_width" => east_asian_width,
    "mirrored" => mirrored,
    "decomposition" => decomposition,
    "normalize" => normalize_fn,
    "is_normalized" => is_normalized,
    "lookup" => lookup,
    "name" => name,
}

/// The `unicodedata.UCD` class.
fn ucd_class() -> Value {
    crate::object::builtin_types::kept_by_name("unicodedata.UCD", || {
        let mut attrs: Vec<(&str, Value)> = entries(true)
            .into_iter()
            .map(|(n, f)| method(n, f))
            .collect();
        attrs.push(constructor(|_, _, _, _| {
            raise(
                ExcKind::TypeError,
                "cannot create 'unicodedata.UCD' instances",
            )
        }));
        attrs.push(crate::object::native::property(
            "unidata_version",
            |_, s, a, _| {
                let (r, _) = crate::object::args::receiver(s, a)?;
                Ok(new_str(database(Some(r)).0.version.clone()))
            },
        ));
        crate::object::native::class("unicodedata", "UCD", attrs)
    })
}

/// The `unicodedata` module.
pub fn module() -> Value {
    let mut attrs: Vec<(&str, Value)> = entries(false)
        .into_iter()
        .map(|(n, f)| (n, builtin_fn(n, f)))
        .collect();
    let class = ucd_class();
    attrs.push(("UCD", class.clone()));
    attrs.push((
        "ucd_3_2_0",
        crate::object::native::new(class, UcdObject { v3_2: true }),
    ));
    attrs.push(("unidata_version", new_str("14.0.0")));
    make_module("unicodedata", attrs)
}

/// The one code point of a `chr` argument, with CPython's TypeError
/// otherwise.
fn char_arg(func: &str, v: Option<&Value>) -> PyResult<u32> {
    if let Some(s) = v.and_then(as_pystr) {
        let mut cps = s.code_points();
        if let (Some(c), None) = (cps.next(), cps.next()) {
            return Ok(c);
        }
    }
    let what = v.map_or("nothing".into(), type_name);
    raise(
        ExcKind::TypeError,
        format!("{func}() argument must be a unicode character, not {what}"),
    )
}

/// A `(chr, default=<none>)` function's arguments.
fn char_and_default<'a>(func: &str, a: &'a [Value]) -> PyResult<(u32, Option<&'a Value>)> {
    arity(func, a, 1, 2)?;
    Ok((char_arg(func, a.first())?, a.get(1)))
}

/// A `(chr)` function's argument.
fn one_char(func: &str, a: &[Value]) -> PyResult<u32> {
    arity(func, a, 1, 1)?;
    char_arg(func, a.first())
}

fn or_default(default: Option<&Value>, msg: &str) -> PyResult<Value> {
    match default {
        Some(d) => Ok(d.clone()),
        None => raise(ExcKind::ValueError, msg),
    }
}

fn decimal(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let (cp, default) = char_and_default("decimal", a)?;
    match db.numeric(cp).and_then(|n| n.decimal) {
        Some(d) => Ok(Value::Int(d)),
        None => or_default(default, "not a decimal"),
    }
}

fn digit(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let (cp, default) = char_and_default("digit", a)?;
    match db.numeric(cp).and_then(|n| n.digit) {
        Some(d) => Ok(Value::Int(d)),
        None => or_default(default, "not a digit"),
    }
}

fn numeric(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let (cp, default) = char_and_default("numeric", a)?;
    match db.numeric(cp).and_then(|n| n.numeric) {
        Some(d) => Ok(Value::Float(d)),
        None => or_default(default, "not a numeric character"),
    }
}

fn category(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let cp = one_char("category", a)?;
    Ok(new_str(db.label_text(db.props(cp).category)))
}

fn bidirectional(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let cp = one_char("bidirectional", a)?;
    Ok(new_str(db.label_text(db.props(cp).bidirectional)))
}

fn combining(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let cp = one_char("combining", a)?;
    Ok(Value::Int(i64::from(db.combining(cp))))
}

fn east_asian_width(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let cp = one_char("east_asian_width", a)?;
    Ok(new_str(db.label_text(db.props(cp).east_asian_width)))
}

fn mirrored(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let cp = one_char("mirrored", a)?;
    Ok(Value::Int(i64::from(db.props(cp).mirrored)))
}

fn decomposition(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let cp = one_char("decomposition", a)?;
    Ok(new_str(db.decomposition(cp)))
}

/// The `(form, unistr)` arguments of `normalize` and `is_normalized`.
fn form_and_text(func: &str, a: &[Value]) -> PyResult<(Form, Vec<u32>)> {
    arity(func, a, 2, 2)?;
    let Some(form) = a.first().and_then(as_pystr) else {
        let what = type_name(&a[0]);
        return raise(
            ExcKind::TypeError,
            format!("{func}() argument 1 must be str, not {what}"),
        );
    };
    let Some(text) = a.get(1).and_then(as_pystr) else {
        let what = type_name(&a[1]);
        return raise(
            ExcKind::TypeError,
            format!("{func}() argument 2 must be str, not {what}"),
        );
    };
    let Some(form) = Form::parse(&form.text) else {
        return raise(ExcKind::ValueError, "invalid normalization form");
    };
    Ok((form, text.code_points().collect()))
}

fn normalize_fn(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let (form, text) = form_and_text("normalize", a)?;
    if text.is_empty() {
        return Ok(a[1].clone());
    }
    let out = normalize::normalize(db, &data::ucd().current, form, &text);
    if out == text && matches!(a[1].as_obj(), Some(crate::object::heap::Object::Str(_))) {
        return Ok(a[1].clone());
    }
    Ok(str_of_code_points(out.into_iter()))
}

fn is_normalized(db: &'static Database, _: bool, a: &[Value]) -> PyResult<Value> {
    let (form, text) = form_and_text("is_normalized", a)?;
    Ok(Value::Bool(
        normalize::normalize(db, &data::ucd().current, form, &text) == text,
    ))
}

fn lookup(_: &'static Database, v3_2: bool, a: &[Value]) -> PyResult<Value> {
    arity("lookup", a, 1, 1)?;
    let Some(query) = a.first().and_then(as_pystr) else {
        let what = type_name(&a[0]);
        return raise(
            ExcKind::TypeError,
            format!("lookup() argument must be str, not {what}"),
        );
    };
    let text = &query.text;
    if text.len() > NAME_MAXLEN {
        return Err(PyErr::with_args(
            ExcKind::KeyError,
            vec![new_str("name too long")],
        ));
    }
    let ucd = data::ucd();
    let names = &ucd.names;
    let found = names
        .code(text)
        .filter(|&cp| !v3_2 || ucd.v3_2.assigned(cp));
    if let Some(cp) = found {
        return Ok(str_of_code_points(std::iter::once(cp)));
    }
    if !v3_2 {
        let upper = text.to_ascii_uppercase();
        if let Some(&cp) = names.aliases.get(&upper) {
            return Ok(str_of_code_points(std::iter::once(cp)));
        }
        if let Some(seq) = names.sequences.get(&upper) {
            return Ok(str_of_code_points(seq.iter().copied()));
        }
    }
    let msg = format!("undefined character name '{text}'");
    Err(PyErr::with_args(ExcKind::KeyError, vec![new_str(msg)]))
}

fn name(_: &'static Database, v3_2: bool, a: &[Value]) -> PyResult<Value> {
    let (cp, default) = char_and_default("name", a)?;
    let ucd = data::ucd();
    let found = if v3_2 && !ucd.v3_2.assigned(cp) {
        None
    } else {
        ucd.names.name(cp)
    };
    match found {
        Some(n) => Ok(new_str(n)),
        None => or_default(default, "no such name"),
    }
}
