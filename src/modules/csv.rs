//! `_csv`: dialects (`Dialect`, the registry, validation with CPython's
//! messages), `reader` (CPython's state machine: quoting, doubled
//! quotes, escapes, `skipinitialspace`, `strict`, fields spanning lines,
//! `QUOTE_NONNUMERIC` floats) and `writer` (`writerow`/`writerows` with
//! the four quoting styles). `csv.py` adds `DictReader`, `Sniffer` …

use crate::object::args::receiver;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::heap::{as_str, new_list, new_str, type_name};
use crate::object::native::{method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;

thread_local! {
    static FIELD_LIMIT: Cell<i64> = const { Cell::new(128 * 1024) };
}

fn error_class() -> Value {
    crate::object::exceptions::module_exception_class(
        "_csv.Error",
        "_csv",
        "Error",
        ExcKind::Exception,
    )
}

fn csv_error<T>(vm: &mut Vm, msg: &str) -> PyResult<T> {
    crate::object::exceptions::raise_class(vm, &error_class(), msg)
}

/// A dialect's settings.
#[derive(Clone)]
struct Params {
    delimiter: char,
    quotechar: Option<char>,
    escapechar: Option<char>,
    doublequote: bool,
    skipinitialspace: bool,
    lineterminator: String,
    quoting: i64,
    strict: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            delimiter: ',',
            quotechar: Some('"'),
            escapechar: None,
            doublequote: true,
            skipinitialspace: false,
            lineterminator: "\r\n".into(),
            quoting: QUOTE_MINIMAL,
            strict: false,
        }
    }
}

struct DialectObj(Params);
impl NativeData for DialectObj {}

fn char_param(name: &str, v: &Value, optional: bool) -> PyResult<Option<char>> {
    if optional && matches!(v, Value::None) {
        return Ok(None);
    }
    match as_str(v) {
        Some(s) if s.chars().count() == 1 => Ok(s.chars().next()),
        Some(_) => raise(
            ExcKind::TypeError,
            format!("\"{name}\" must be a 1-character string"),
        ),
        None => raise(
            ExcKind::TypeError,
            format!(
                "\"{name}\" must be string{}, not {}",
                if optional { " or None" } else { "" },
                type_name(v)
            ),
        ),
    }
}

/// The settings of `dialect` (a name, a Dialect, or any object with the
/// attributes) with `kw` over them, validated as CPython validates.
fn params(vm: &mut Vm, dialect: Option<&Value>, kw: Kw<'_>) -> PyResult<Params> {
    let mut p = Params::default();
    let base = match dialect {
        Some(d) if as_str(d).is_some() => Some(get_dialect_value(vm, d)?),
        Some(d) => Some(d.clone()),
        None => None,
    };
    const NAMES: [&str; 8] = [
        "delimiter",
        "quotechar",
        "escapechar",
        "doublequote",
        "skipinitialspace",
        "lineterminator",
        "quoting",
        "strict",
    ];
    for name in NAMES {
        let v = match kw.iter().find(|(k, _)| &**k == name) {
            Some((_, v)) => Some(v.clone()),
            None => match &base {
                Some(b) => match crate::object::native::data_of::<DialectObj>(b) {
                    Some(_) => None,
                    None => crate::protocol::getattr(vm, b, name).ok(),
                },
                None => None,
            },
        };
        if let (None, Some(b)) = (&v, &base) {
            if let Some(d) = crate::object::native::data_of::<DialectObj>(b) {
                let src = d.0.clone();
                match name {
                    "delimiter" => p.delimiter = src.delimiter,
                    "quotechar" => p.quotechar = src.quotechar,
                    "escapechar" => p.escapechar = src.escapechar,
                    "doublequote" => p.doublequote = src.doublequote,
                    "skipinitialspace" => p.skipinitialspace = src.skipinitialspace,
                    "lineterminator" => p.lineterminator = src.lineterminator,
                    "quoting" => p.quoting = src.quoting,
                    _ => p.strict = src.strict,
                }
            }
            continue;
        }
        let Some(v) = v else { continue };
        match name {
            "delimiter" => {
                p.delimiter = match char_param(name, &v, false)? {
                    Some(c) => c,
                    None => {
                        return raise(
                            ExcKind::TypeError,
                            "\"delimiter\" must be a 1-character string",
                        )
                    }
                }
            }
            "quotechar" => {
                p.quotechar = char_param(name, &v, true)?;
            }
            "escapechar" => p.escapechar = char_param(name, &v, true)?,
            "doublequote" => p.doublequote = crate::protocol::truthy(vm, &v)?,
            "skipinitialspace" => p.skipinitialspace = crate::protocol::truthy(vm, &v)?,
            "strict" => p.strict = crate::protocol::truthy(vm, &v)?,
            "lineterminator" => match as_str(&v) {
                Some(s) => p.lineterminator = s.to_string(),
                None => {
                    return raise(
                        ExcKind::TypeError,
                        format!("\"lineterminator\" must be a string, not {}", type_name(&v)),
                    )
                }
            },
            _ => match v {
                Value::Int(q @ 0..=3) => p.quoting = q,
                Value::Int(_) => return raise(ExcKind::TypeError, "bad \"quoting\" value"),
                ref other => match crate::protocol::ops::int_of(other) {
                    Some(crate::protocol::ops::IntVal::Small(q @ 0..=3)) => p.quoting = q,
                    _ => return raise(ExcKind::TypeError, "\"quoting\" must be an integer"),
                },
            },
        }
    }
    // (With QUOTE_NONE the quote character may be absent.)
    if p.quotechar.is_none() && p.quoting != QUOTE_NONE {
        return raise(
            ExcKind::TypeError,
            "quotechar must be set if quoting enabled",
        );
    }
    if p.lineterminator.is_empty() {
        return raise(ExcKind::ValueError, "lineterminator must be set");
    }
    Ok(p)
}

fn dialect_class() -> Value {
    crate::object::builtin_types::kept_by_name("_csv.Dialect", || {
        fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<&'a Params> {
            let (r, _) = receiver(s, a)?;
            match crate::object::native::data_of::<DialectObj>(r) {
                Some(d) => Ok(&d.0),
                None => raise(ExcKind::TypeError, "expected a Dialect"),
            }
        }
        let attrs = vec![
            crate::object::native::constructor(|vm, _, a, kw| {
                let Some((cls, rest)) = a.split_first() else {
                    return raise(
                        ExcKind::TypeError,
                        "Dialect.__new__(): not enough arguments",
                    );
                };
                let p = params(vm, rest.first(), kw)?;
                Ok(crate::object::native::new_instance(
                    cls,
                    dialect_class(),
                    DialectObj(p),
                ))
            }),
            prop("delimiter", |_, s, a, _| {
                Ok(new_str(this(s, a)?.delimiter.to_string()))
            }),
            prop("quotechar", |_, s, a, _| {
                Ok(this(s, a)?
                    .quotechar
                    .map_or(Value::None, |c| new_str(c.to_string())))
            }),
            prop("escapechar", |_, s, a, _| {
                Ok(this(s, a)?
                    .escapechar
                    .map_or(Value::None, |c| new_str(c.to_string())))
            }),
            prop("doublequote", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.doublequote))
            }),
            prop("skipinitialspace", |_, s, a, _| {
                Ok(Value::Bool(this(s, a)?.skipinitialspace))
            }),
            prop("lineterminator", |_, s, a, _| {
                Ok(new_str(this(s, a)?.lineterminator.clone()))
            }),
            prop("quoting", |_, s, a, _| Ok(Value::Int(this(s, a)?.quoting))),
            prop("strict", |_, s, a, _| Ok(Value::Bool(this(s, a)?.strict))),
        ];
        crate::object::native::class("_csv", "Dialect", attrs)
    })
}

fn registry(vm: &mut Vm) -> PyResult<Value> {
    let m = crate::protocol::import(vm, "_csv")?;
    crate::protocol::getattr(vm, &m, "_dialects")
}

fn get_dialect_value(vm: &mut Vm, name: &Value) -> PyResult<Value> {
    let reg = registry(vm)?;
    match crate::protocol::getitem(vm, &reg, name) {
        Ok(d) => Ok(d),
        Err(e) if crate::object::exceptions::err_matches(&e, ExcKind::KeyError) => {
            csv_error(vm, "unknown dialect")
        }
        Err(e) => Err(e),
    }
}

/// A dialect object for `reader`/`writer`'s arguments.
fn make_dialect(vm: &mut Vm, dialect: Option<&Value>, kw: Kw<'_>) -> PyResult<Value> {
    let p = params(vm, dialect, kw)?;
    Ok(crate::object::native::new(dialect_class(), DialectObj(p)))
}

// ---- reader ------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

struct Reader {
    input: Value,
    dialect: Value,
    p: Params,
    line_num: Cell<i64>,
}

impl NativeData for Reader {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.input, visit);
        crate::object::gc::visit_value(&self.dialect, visit);
    }
}

struct Parse {
    fields: Vec<Value>,
    field: String,
    quoted: bool,
    state: State,
}

impl Parse {
    fn save_field(&mut self, p: &Params) -> PyResult<()> {
        let text = std::mem::take(&mut self.field);
        let v = if p.quoting == QUOTE_NONNUMERIC && !self.quoted && !text.is_empty() {
            match text.trim().parse::<f64>() {
                Ok(f) => Value::Float(f),
                Err(_) => {
                    return raise(
                        ExcKind::ValueError,
                        format!("could not convert string to float: '{text}'"),
                    )
                }
            }
        } else {
            new_str(text)
        };
        self.quoted = false;
        self.fields.push(v);
        Ok(())
    }

    fn add_char(&mut self, vm: &mut Vm, c: char) -> PyResult<()> {
        if self.field.len() as i64 >= FIELD_LIMIT.with(Cell::get) {
            let limit = FIELD_LIMIT.with(Cell::get);
            return csv_error(vm, &format!("field larger than field limit ({limit})"));
        }
        self.field.push(c);
        Ok(())
    }

    /// CPython's `parse_process_char`; `c` None is the end of a line.
    fn process(&mut self, vm: &mut Vm, p: &Params, c: Option<char>) -> PyResult<()> {
        use State::*;
        let is_eol = |c: Option<char>| matches!(c, None | Some('\n') | Some('\r'));
        match self.state {
            StartRecord | StartField => {
                if self.state == StartRecord {
                    if c.is_none() {
                        return Ok(());
                    }
                    if matches!(c, Some('\n' | '\r')) {
                        self.state = EatCrnl;
                        return Ok(());
                    }
                    self.state = StartField;
                }
                if is_eol(c) {
                    self.save_field(p)?;
                    self.state = if c.is_none() { StartRecord } else { EatCrnl };
                } else if c == p.quotechar && p.quoting != QUOTE_NONE {
                    self.quoted = true;
                    self.state = InQuotedField;
                } else if c == p.escapechar {
                    self.state = EscapedChar;
                } else if c == Some(' ') && p.skipinitialspace {
                } else if c == Some(p.delimiter) {
                    self.save_field(p)?;
                } else {
                    self.add_char(vm, c.unwrap_or_default())?;
                    self.state = InField;
                }
            }
            EscapedChar => {
                if matches!(c, Some('\n' | '\r')) {
                    self.add_char(vm, c.unwrap_or_default())?;
                    self.state = AfterEscapedCrnl;
                    return Ok(());
                }
                let ch = c.unwrap_or('\n');
                self.add_char(vm, ch)?;
                self.state = InField;
            }
            AfterEscapedCrnl => {
                if c.is_none() {
                    return Ok(());
                }
                self.state = InField;
                return self.process(vm, p, c);
            }
            InField => {
                if is_eol(c) {
                    self.save_field(p)?;
                    self.state = if c.is_none() { StartRecord } else { EatCrnl };
                } else if c == p.escapechar {
                    self.state = EscapedChar;
                } else if c == Some(p.delimiter) {
                    self.save_field(p)?;
                    self.state = StartField;
                } else {
                    self.add_char(vm, c.unwrap_or_default())?;
                }
            }
            InQuotedField => {
                if c.is_none() {
                } else if c == p.escapechar {
                    self.state = EscapeInQuotedField;
                } else if c == p.quotechar && p.quoting != QUOTE_NONE {
                    self.state = if p.doublequote {
                        QuoteInQuotedField
                    } else {
                        InField
                    };
                } else {
                    self.add_char(vm, c.unwrap_or_default())?;
                }
            }
            EscapeInQuotedField => {
                let ch = c.unwrap_or('\n');
                self.add_char(vm, ch)?;
                self.state = InQuotedField;
            }
            QuoteInQuotedField => {
                if p.quoting != QUOTE_NONE && c == p.quotechar {
                    self.add_char(vm, c.unwrap_or_default())?;
                    self.state = InQuotedField;
                } else if c == Some(p.delimiter) {
                    self.save_field(p)?;
                    self.state = StartField;
                } else if is_eol(c) {
                    self.save_field(p)?;
                    self.state = if c.is_none() { StartRecord } else { EatCrnl };
                } else if !p.strict {
                    self.add_char(vm, c.unwrap_or_default())?;
                    self.state = InField;
                } else {
                    return csv_error(
                        vm,
                        &format!(
                            "'{}' expected after '{}'",
                            p.delimiter,
                            p.quotechar.unwrap_or('"')
                        ),
                    );
                }
            }
            EatCrnl => {
                if matches!(c, Some('\n' | '\r')) {
                } else if c.is_none() {
                    self.state = StartRecord;
                } else {
                    return csv_error(
                        vm,
                        "new-line character seen in unquoted field - do you need to open the file with newline=''?",
                    );
                }
            }
        }
        Ok(())
    }
}

fn reader_next(vm: &mut Vm, r: &Reader) -> PyResult<Option<Value>> {
    let mut parse = Parse {
        fields: Vec::new(),
        field: String::new(),
        quoted: false,
        state: State::StartRecord,
    };
    loop {
        let Some(line) = crate::protocol::iter_next(vm, &r.input)? else {
            if !parse.field.is_empty() || parse.state == State::InField {
                let open = matches!(parse.state, State::InQuotedField | State::EscapedChar);
                if open && r.p.strict {
                    return csv_error(vm, "unexpected end of data");
                }
                parse.save_field(&r.p)?;
                return Ok(Some(new_list(parse.fields)));
            }
            if parse.state == State::InQuotedField && r.p.strict {
                return csv_error(vm, "unexpected end of data");
            }
            if !parse.fields.is_empty() {
                return Ok(Some(new_list(parse.fields)));
            }
            return Ok(None);
        };
        r.line_num.set(r.line_num.get() + 1);
        let Some(text) = as_str(&line) else {
            return csv_error(
                vm,
                &format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    type_name(&line)
                ),
            );
        };
        let text = text.to_string();
        for c in text.chars() {
            if c == '\0' {
                return csv_error(vm, "line contains NUL");
            }
            parse.process(vm, &r.p, Some(c))?;
        }
        parse.process(vm, &r.p, None)?;
        if parse.state == State::StartRecord {
            return Ok(Some(new_list(parse.fields)));
        }
    }
}

fn reader_class() -> Value {
    crate::object::builtin_types::kept_by_name("_csv.reader", || {
        fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Value, &'a Reader)> {
            let (r, _) = receiver(s, a)?;
            match crate::object::native::data_of::<Reader>(r) {
                Some(d) => Ok((r, d)),
                None => raise(ExcKind::TypeError, "expected a _csv.reader"),
            }
        }
        let attrs = vec![
            m("__iter__", |_, s, a, _| Ok(this(s, a)?.0.clone())),
            m("__next__", |vm, s, a, _| {
                let (_, r) = this(s, a)?;
                match reader_next(vm, r)? {
                    Some(row) => Ok(row),
                    None => Err(PyErr::with_args(ExcKind::StopIteration, Vec::new())),
                }
            }),
            prop("line_num", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.1.line_num.get()))
            }),
            prop("dialect", |_, s, a, _| Ok(this(s, a)?.1.dialect.clone())),
        ];
        crate::object::native::class("_csv", "reader", attrs)
    })
}

fn reader(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(src) = a.first() else {
        return raise(ExcKind::TypeError, "expected at least 1 argument, got 0");
    };
    let input = crate::protocol::get_iter(vm, src)?;
    let dialect = make_dialect(vm, a.get(1), kw)?;
    let p = crate::object::native::data_of::<DialectObj>(&dialect)
        .map(|d| d.0.clone())
        .unwrap_or_default();
    Ok(crate::object::native::new(
        reader_class(),
        Reader {
            input,
            dialect,
            p,
            line_num: Cell::new(0),
        },
    ))
}

// ---- writer ------------------------------------------------------------------

struct Writer {
    write: Value,
    dialect: Value,
    p: Params,
}

impl NativeData for Writer {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        crate::object::gc::visit_value(&self.write, visit);
        crate::object::gc::visit_value(&self.dialect, visit);
    }
}

/// One field as the writer puts it on the line.
fn write_field(vm: &mut Vm, p: &Params, out: &mut String, v: &Value, only: bool) -> PyResult<()> {
    let (text, numeric) = match v {
        Value::None => (String::new(), false),
        _ if as_str(v).is_some() => (as_str(v).unwrap_or_default().to_string(), false),
        Value::Float(_) | Value::Int(_) | Value::Bool(_) => {
            (crate::protocol::repr::str_of(vm, v)?, true)
        }
        _ => (
            crate::protocol::repr::str_of(vm, v)?,
            crate::protocol::ops::int_of(v).is_some(),
        ),
    };
    let special = |c: char| {
        c == p.delimiter
            || Some(c) == p.escapechar
            || Some(c) == p.quotechar
            || c == '\n'
            || c == '\r'
            || p.lineterminator.contains(c)
    };
    let mut quote = match p.quoting {
        QUOTE_ALL => true,
        QUOTE_NONNUMERIC => !numeric,
        QUOTE_NONE => false,
        _ => text.is_empty() && only || text.chars().any(special),
    };
    if p.quoting == QUOTE_MINIMAL && text.starts_with(' ') && p.delimiter == ' ' {
        quote = true;
    }
    let mut body = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        let needs_escape = if quote {
            Some(c) == p.quotechar || Some(c) == p.escapechar
        } else {
            special(c) && (p.quoting == QUOTE_NONE || Some(c) == p.escapechar)
        };
        if needs_escape {
            if quote && Some(c) == p.quotechar && p.doublequote {
                body.push(c);
            } else if let Some(e) = p.escapechar {
                body.push(e);
            } else if quote && Some(c) == p.quotechar {
                return csv_error(vm, "need to escape, but no escapechar set");
            } else if !quote {
                if p.quoting == QUOTE_NONE {
                    return csv_error(vm, "need to escape, but no escapechar set");
                }
                quote = true;
            }
        } else if !quote && special(c) && p.quoting != QUOTE_NONE {
            quote = true;
        }
        body.push(c);
    }
    if quote {
        let q = p.quotechar.unwrap_or('"');
        out.push(q);
        out.push_str(&body);
        out.push(q);
    } else {
        out.push_str(&body);
    }
    Ok(())
}

fn writerow(vm: &mut Vm, w: &Writer, row: &Value) -> PyResult<Value> {
    if as_str(row).is_some() || crate::protocol::get_iter(vm, row).is_err() {
        return csv_error(vm, &format!("iterable expected, not {}", type_name(row)));
    }
    let items = crate::protocol::to_vec(vm, row)?;
    let mut line = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            line.push(w.p.delimiter);
        }
        write_field(vm, &w.p, &mut line, item, items.len() == 1)?;
    }
    line.push_str(&w.p.lineterminator);
    crate::protocol::call(vm, &w.write, &[new_str(line)], &[])
}

fn writer_class() -> Value {
    crate::object::builtin_types::kept_by_name("_csv.writer", || {
        fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Writer, &'a [Value])> {
            let (r, rest) = receiver(s, a)?;
            match crate::object::native::data_of::<Writer>(r) {
                Some(d) => Ok((d, rest)),
                None => raise(ExcKind::TypeError, "expected a _csv.writer"),
            }
        }
        let attrs = vec![
            m("writerow", |vm, s, a, _| {
                let (w, rest) = this(s, a)?;
                let Some(row) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "writerow() takes exactly one argument (0 given)",
                    );
                };
                writerow(vm, w, row)
            }),
            m("writerows", |vm, s, a, _| {
                let (w, rest) = this(s, a)?;
                let Some(rows) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "writerows() takes exactly one argument (0 given)",
                    );
                };
                let it = crate::protocol::get_iter(vm, rows)?;
                while let Some(row) = crate::protocol::iter_next(vm, &it)? {
                    writerow(vm, w, &row)?;
                }
                Ok(Value::None)
            }),
            prop("dialect", |_, s, a, _| Ok(this(s, a)?.0.dialect.clone())),
        ];
        crate::object::native::class("_csv", "writer", attrs)
    })
}

fn writer(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(file) = a.first() else {
        return raise(ExcKind::TypeError, "expected at least 1 argument, got 0");
    };
    let write = match crate::protocol::getattr(vm, file, "write") {
        Ok(w) => w,
        Err(_) => {
            return raise(
                ExcKind::TypeError,
                "argument 1 must have a \"write\" method",
            )
        }
    };
    let dialect = make_dialect(vm, a.get(1), kw)?;
    let p = crate::object::native::data_of::<DialectObj>(&dialect)
        .map(|d| d.0.clone())
        .unwrap_or_default();
    Ok(crate::object::native::new(
        writer_class(),
        Writer { write, dialect, p },
    ))
}

/// The `_csv` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    let dialects = Value::obj(crate::object::heap::NewObject::Dict(RefCell::new(
        crate::object::dict::Dict::new(),
    )));
    make_module(
        "_csv",
        vec![
            ("Error", error_class()),
            ("Dialect", dialect_class()),
            ("__version__", new_str("1.0")),
            ("QUOTE_MINIMAL", Value::Int(QUOTE_MINIMAL)),
            ("QUOTE_ALL", Value::Int(QUOTE_ALL)),
            ("QUOTE_NONNUMERIC", Value::Int(QUOTE_NONNUMERIC)),
            ("QUOTE_NONE", Value::Int(QUOTE_NONE)),
            ("_dialects", dialects),
            f("reader", reader),
            f("writer", writer),
            f("register_dialect", |vm, _, a, kw| {
                let Some(name) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "register_dialect() expected at least 1 argument, got 0",
                    );
                };
                if as_str(name).is_none() {
                    return raise(ExcKind::TypeError, "dialect name must be a string");
                }
                let d = make_dialect(vm, a.get(1), kw)?;
                let reg = registry(vm)?;
                crate::protocol::setitem(vm, &reg, name, d)?;
                Ok(Value::None)
            }),
            f("unregister_dialect", |vm, _, a, _| {
                let Some(name) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "unregister_dialect() takes exactly one argument",
                    );
                };
                let reg = registry(vm)?;
                match crate::protocol::delitem(vm, &reg, name) {
                    Ok(()) => Ok(Value::None),
                    Err(_) => csv_error(vm, "unknown dialect"),
                }
            }),
            f("get_dialect", |vm, _, a, _| {
                let Some(name) = a.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "get_dialect() takes exactly one argument",
                    );
                };
                get_dialect_value(vm, name)
            }),
            f("list_dialects", |vm, _, _, _| {
                let reg = registry(vm)?;
                let keys = crate::protocol::to_vec(vm, &reg)?;
                Ok(new_list(keys))
            }),
            f("field_size_limit", |_, _, a, _| {
                let old = FIELD_LIMIT.with(Cell::get);
                if let Some(v) = a.first() {
                    match v {
                        Value::Int(n) => FIELD_LIMIT.with(|c| c.set(*n)),
                        _ => return raise(ExcKind::TypeError, "limit must be an integer"),
                    }
                }
                Ok(Value::Int(old))
            }),
        ],
    )
}
