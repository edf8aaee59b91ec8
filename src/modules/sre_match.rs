//! `re.Match` (what a successful match gives: groups, spans, `expand`)
//! and the `_sre` scanner (`Pattern.scanner`, behind `finditer`): the
//! other two native types of `_sre` (`sre`).

use crate::modules::sre::{bounds, pattern_of, run, slice, with_text, Found, Kw, Pattern};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::{as_str, new_str, new_tuple, type_name, NewObject};
use crate::object::native::{data_of, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, IntVal};
use crate::vm::Vm;
use std::cell::Cell;

/// A match (`re.Match`).
pub struct Match {
    /// The `re.Pattern` that matched.
    pub re: Value,
    pub string: Value,
    pub pos: usize,
    pub endpos: usize,
    pub found: Found,
}

impl NativeData for Match {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_values([&self.re, &self.string], visit);
    }
}

/// A new `re.Match`.
pub fn new_match(re: &Value, string: &Value, pos: usize, endpos: usize, found: Found) -> Value {
    crate::object::native::new(
        match_class(),
        Match {
            re: re.clone(),
            string: string.clone(),
            pos,
            endpos,
            found,
        },
    )
}

fn match_of(v: &Value) -> PyResult<&Match> {
    match data_of::<Match>(v) {
        Some(m) => Ok(m),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a 're.Match' object but received a '{}'",
                type_name(v)
            ),
        ),
    }
}

/// The class `re.Match`.
pub fn match_class() -> Value {
    crate::object::builtin_types::kept_by_name("re.Match", || {
        let mut attrs: Vec<(&str, Value)> = [
            ("group", m_group as crate::object::heap::BuiltinFn),
            ("groups", m_groups),
            ("groupdict", m_groupdict),
            ("start", m_start),
            ("end", m_end),
            ("span", m_span),
            ("expand", m_expand),
            ("__getitem__", m_getitem),
            ("__repr__", m_repr),
            ("__copy__", m_copy),
            ("__deepcopy__", m_copy),
        ]
        .into_iter()
        .map(|(n, f)| (n, builtin_fn(n, f)))
        .collect();
        attrs.extend([
            crate::object::native::property("string", |_, s, a, _| {
                Ok(match_of(crate::object::args::receiver(s, a)?.0)?
                    .string
                    .clone())
            }),
            crate::object::native::property("re", |_, s, a, _| {
                Ok(match_of(crate::object::args::receiver(s, a)?.0)?.re.clone())
            }),
            crate::object::native::property("pos", |_, s, a, _| {
                Ok(Value::Int(
                    match_of(crate::object::args::receiver(s, a)?.0)?.pos as i64,
                ))
            }),
            crate::object::native::property("endpos", |_, s, a, _| {
                let m = match_of(crate::object::args::receiver(s, a)?.0)?;
                Ok(Value::Int(m.endpos.min(i64::MAX as usize) as i64))
            }),
            crate::object::native::property("lastindex", |_, s, a, _| {
                let m = match_of(crate::object::args::receiver(s, a)?.0)?;
                Ok(match m.found.lastindex {
                    i if i >= 0 => Value::Int(i as i64),
                    _ => Value::None,
                })
            }),
            crate::object::native::property("lastgroup", m_lastgroup),
            crate::object::native::property("regs", |_, s, a, _| {
                let m = match_of(crate::object::args::receiver(s, a)?.0)?;
                Ok(new_tuple(
                    m.found
                        .regs
                        .iter()
                        .map(|&(x, y)| new_tuple(vec![Value::Int(x as i64), Value::Int(y as i64)]))
                        .collect(),
                ))
            }),
        ]);
        attrs.push((
            "__class_getitem__",
            Value::obj(NewObject::ClassMethod(builtin_fn(
                "__class_getitem__",
                crate::types::generic_alias::class_getitem,
            ))),
        ));
        crate::object::native::class("re", "Match", attrs)
    })
}

/// The number of group `g` (an int, or a name of the pattern's).
fn group_index(m: &Match, g: &Value) -> PyResult<usize> {
    let p = pattern_of(&m.re)?;
    let index = match int_of(g) {
        Some(IntVal::Small(i)) => Some(i),
        Some(IntVal::Big(_)) => None,
        None => match (as_str(g), p.groupindex.as_obj()) {
            (Some(name), Some(crate::object::heap::Object::Dict(d))) => {
                d.borrow().get_str(name).and_then(|v| match v {
                    Value::Int(i) => Some(i),
                    _ => None,
                })
            }
            _ => None,
        },
    };
    match index {
        Some(i) if i >= 0 && (i as usize) <= p.groups => Ok(i as usize),
        _ => raise(ExcKind::IndexError, "no such group"),
    }
}

/// Group `g`'s text, or `default` when it did not take part.
fn group_value(vm: &mut Vm, m: &Match, g: usize, default: &Value) -> PyResult<Value> {
    let (a, b) = m.found.regs[g];
    if a < 0 {
        return Ok(default.clone());
    }
    slice(vm, &m.string, a, b)
}

fn m_group(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let m = match_of(r)?;
    match rest {
        [] => group_value(vm, m, 0, &Value::None),
        [g] => {
            let i = group_index(m, g)?;
            group_value(vm, m, i, &Value::None)
        }
        many => {
            let mut out = Vec::with_capacity(many.len());
            for g in many {
                let i = group_index(m, g)?;
                out.push(group_value(vm, m, i, &Value::None)?);
            }
            Ok(new_tuple(out))
        }
    }
}

fn m_getitem(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let m = match_of(r)?;
    let Some(g) = rest.first() else {
        return raise(ExcKind::TypeError, "__getitem__ expected 1 argument");
    };
    let i = group_index(m, g)?;
    group_value(vm, m, i, &Value::None)
}

fn default_arg(rest: &[Value], kw: Kw<'_>) -> Value {
    rest.first()
        .cloned()
        .or_else(|| {
            kw.iter()
                .find(|(k, _)| &**k == "default")
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_default()
}

fn m_groups(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let m = match_of(r)?;
    let default = default_arg(rest, kw);
    let mut out = Vec::with_capacity(m.found.regs.len().saturating_sub(1));
    for g in 1..m.found.regs.len() {
        out.push(group_value(vm, m, g, &default)?);
    }
    Ok(new_tuple(out))
}

fn m_groupdict(vm: &mut Vm, s: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let m = match_of(r)?;
    let default = default_arg(rest, kw);
    let p: &Pattern = pattern_of(&m.re)?;
    let items: Vec<(Value, Value)> = match p.groupindex.as_obj() {
        Some(crate::object::heap::Object::Dict(d)) => d
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let out = crate::object::classes::new_dict_obj();
    for (name, index) in items {
        let g = match index {
            Value::Int(i) if i >= 0 && (i as usize) < m.found.regs.len() => i as usize,
            _ => continue,
        };
        let v = group_value(vm, m, g, &default)?;
        if let crate::object::heap::Object::Dict(d) = out.get() {
            d.borrow_mut().set(name, v)?;
        }
    }
    Ok(Value::Obj(out))
}

fn span_of(s: Option<&Value>, args: &[Value]) -> PyResult<(isize, isize)> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let m = match_of(r)?;
    let g = match rest.first() {
        Some(g) => group_index(m, g)?,
        None => 0,
    };
    Ok(m.found.regs[g])
}

fn m_start(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Int(span_of(s, args)?.0 as i64))
}

fn m_end(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Int(span_of(s, args)?.1 as i64))
}

fn m_span(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (a, b) = span_of(s, args)?;
    Ok(new_tuple(vec![Value::Int(a as i64), Value::Int(b as i64)]))
}

fn m_lastgroup(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let m = match_of(crate::object::args::receiver(s, args)?.0)?;
    let p = pattern_of(&m.re)?;
    if m.found.lastindex < 0 {
        return Ok(Value::None);
    }
    match p.indexgroup.as_obj() {
        Some(crate::object::heap::Object::Tuple(t)) => Ok(t
            .get(m.found.lastindex as usize)
            .cloned()
            .unwrap_or_default()),
        _ => Ok(Value::None),
    }
}

/// `m.expand(template)`: `re._expand(pattern, m, template)`.
fn m_expand(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let (r, rest) = crate::object::args::receiver(s, args)?;
    let m = match_of(r)?;
    let [template] = rest else {
        return raise(ExcKind::TypeError, "expand() takes exactly one argument");
    };
    let re = crate::protocol::import(vm, "re")?;
    let expand = crate::protocol::getattr(vm, &re, "_expand")?;
    crate::protocol::call(
        vm,
        &expand,
        &[m.re.clone(), r.clone(), template.clone()],
        &[],
    )
}

fn m_repr(vm: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let m = match_of(crate::object::args::receiver(s, args)?.0)?;
    let (a, b) = m.found.regs[0];
    let text = group_value(vm, m, 0, &Value::None)?;
    Ok(new_str(format!(
        "<re.Match object; span=({a}, {b}), match={}>",
        crate::protocol::repr::repr(vm, &text)?
    )))
}

fn m_copy(_: &mut Vm, s: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(crate::object::args::receiver(s, args)?.0.clone())
}

// ---- the scanner --------------------------------------------------------

/// `Pattern.scanner(string, pos, endpos)`: successive matches.
pub struct Scanner {
    re: Value,
    string: Value,
    /// Where the next search starts; past `end` once exhausted.
    at: Cell<usize>,
    end: usize,
    must_advance: Cell<bool>,
}

impl NativeData for Scanner {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_values([&self.re, &self.string], visit);
    }
}

/// A new scanner over `string`.
pub fn new_scanner(re: &Value, string: Value, pos: i64, endpos: i64) -> PyResult<Value> {
    let p = pattern_of(re)?;
    let (start, end) = with_text(p, &string, |t| Ok(bounds(pos, endpos, t.len())))?;
    Ok(crate::object::native::new(
        scanner_class(),
        Scanner {
            re: re.clone(),
            string,
            at: Cell::new(start),
            end,
            must_advance: Cell::new(false),
        },
    ))
}

fn scanner_class() -> Value {
    crate::object::builtin_types::kept_by_name("_sre.SRE_Scanner", || {
        let mut attrs: Vec<(&str, Value)> = vec![
            (
                "match",
                builtin_fn("match", |vm, s, a, _| scan(vm, s, a, false)),
            ),
            (
                "search",
                builtin_fn("search", |vm, s, a, _| scan(vm, s, a, true)),
            ),
        ];
        attrs.push(crate::object::native::property("pattern", |_, s, a, _| {
            Ok(data_of::<Scanner>(crate::object::args::receiver(s, a)?.0)
                .map(|sc| sc.re.clone())
                .unwrap_or_default())
        }));
        crate::object::native::class("_sre", "SRE_Scanner", attrs)
    })
}

fn scan(_: &mut Vm, s: Option<&Value>, args: &[Value], search: bool) -> PyResult<Value> {
    let (r, _) = crate::object::args::receiver(s, args)?;
    let Some(sc) = data_of::<Scanner>(r) else {
        return raise(ExcKind::TypeError, "expected a scanner");
    };
    let at = sc.at.get();
    if at > sc.end {
        return Ok(Value::None);
    }
    let p = pattern_of(&sc.re)?;
    let found = with_text(p, &sc.string, |t| {
        run(p, t, at, sc.end, search, false, sc.must_advance.get())
    })?;
    match found {
        None => {
            sc.at.set(sc.end + 1);
            Ok(Value::None)
        }
        Some(f) => {
            let (b, e) = f.regs[0];
            sc.must_advance.set(b == e);
            sc.at.set(e as usize);
            Ok(new_match(&sc.re, &sc.string, at, sc.end, f))
        }
    }
}
