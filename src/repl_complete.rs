//! Tab completion at the prompt, as CPython's `rlcompleter` gives it
//! (which `site` installs for the interactive prompt): keywords, built-in
//! and global names, and for `a.b.pre`, the attributes of `a.b` (found
//! by name lookups and `getattr`, never by running other code) — a
//! callable's completion ends with `(`, a keyword's with a space (`:`
//! after `try` and `finally`), names starting with `_` only when the
//! prefix does. A Tab at the start of a line indents.

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::cell::Cell;
use taipan::object::heap::Object;
use taipan::object::value::{ObjRef, Value};
use taipan::vm::Vm;

/// The keywords `rlcompleter` offers (`keyword.kwlist`).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The completer: the interpreter and the prompt's namespace.
pub struct Completion {
    /// The interpreter, set while a line is read (the prompt's loop does
    /// not touch it then).
    vm: Cell<*mut Vm>,
    globals: ObjRef,
}

impl Completion {
    pub fn new(globals: ObjRef) -> Completion {
        Completion {
            vm: Cell::new(std::ptr::null_mut()),
            globals,
        }
    }

    /// Lends the interpreter for the next line's completions.
    pub fn lend(&self, vm: &mut Vm) {
        self.vm.set(vm);
    }

    /// Takes it back.
    pub fn take_back(&self) {
        self.vm.set(std::ptr::null_mut());
    }

    fn names(dict: &Value) -> Vec<(String, Value)> {
        match dict.as_obj() {
            Some(Object::Dict(d)) => d
                .borrow()
                .items()
                .filter_map(|(k, v)| {
                    taipan::object::heap::as_str(k).map(|k| (k.to_string(), v.clone()))
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn decorate(word: String, v: &Value) -> String {
        if taipan::object::classes::is_callable(v) {
            word + "("
        } else {
            word
        }
    }

    fn global_matches(&self, vm: &Vm, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for k in KEYWORDS.iter().filter(|k| k.starts_with(text)) {
            seen.insert(k.to_string());
            out.push(match *k {
                "finally" | "try" => format!("{k}:"),
                "False" | "None" | "True" | "break" | "continue" | "pass" | "else" => k.to_string(),
                _ => format!("{k} "),
            });
        }
        for dict in [
            Value::Obj(self.globals.clone()),
            Value::Obj(vm.builtins.clone()),
        ] {
            for (name, v) in Completion::names(&dict) {
                if name.starts_with(text) && seen.insert(name.clone()) {
                    out.push(Completion::decorate(name, &v));
                }
            }
        }
        out
    }

    fn attr_matches(&self, vm: &mut Vm, expr: &str, attr: &str) -> Vec<String> {
        let mut parts = expr.split('.');
        let Some(first) = parts.next() else {
            return Vec::new();
        };
        let lookup = |dict: &ObjRef| match dict.get() {
            Object::Dict(d) => d.borrow().get_str(first),
            _ => None,
        };
        let Some(mut obj) = lookup(&self.globals).or_else(|| lookup(&vm.builtins)) else {
            return Vec::new();
        };
        for part in parts {
            match taipan::protocol::getattr(vm, &obj, part) {
                Ok(v) => obj = v,
                Err(_) => return Vec::new(),
            }
        }
        let dir = match vm.builtins.get() {
            Object::Dict(d) => d.borrow().get_str("dir"),
            _ => None,
        };
        let Some(dir) = dir else {
            return Vec::new();
        };
        let Ok(names) = taipan::protocol::call(vm, &dir, std::slice::from_ref(&obj), &[]) else {
            return Vec::new();
        };
        let Ok(names) = taipan::protocol::to_vec(vm, &names) else {
            return Vec::new();
        };
        let hidden = if attr.is_empty() {
            "_"
        } else if attr == "_" {
            "__"
        } else {
            ""
        };
        let mut out = Vec::new();
        for n in names {
            let Some(name) = taipan::object::heap::as_str(&n).map(str::to_string) else {
                continue;
            };
            if !name.starts_with(attr) || (!hidden.is_empty() && name.starts_with(hidden)) {
                continue;
            }
            let word = format!("{expr}.{name}");
            match taipan::protocol::getattr(vm, &obj, &name) {
                Ok(v) => out.push(Completion::decorate(word, &v)),
                Err(_) => out.push(word),
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

impl Completer for Completion {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
            .last()
            .map_or(pos, |(i, _)| i);
        let text = &before[start..];
        if text.is_empty() && before.trim().is_empty() {
            // A Tab at the start of a line indents.
            return Ok((
                pos,
                vec![Pair {
                    display: "\t".into(),
                    replacement: "\t".into(),
                }],
            ));
        }
        let p = self.vm.get();
        if p.is_null() || text.is_empty() {
            return Ok((pos, Vec::new()));
        }
        // SAFETY: the prompt's loop lent the interpreter for this line
        // and does not use it until `readline` returns.
        let vm = unsafe { &mut *p };
        let words = match text.rsplit_once('.') {
            Some((expr, attr)) => self.attr_matches(vm, expr, attr),
            None => self.global_matches(vm, text),
        };
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for Completion {
    type Hint = String;
}

impl Highlighter for Completion {}

impl Validator for Completion {}

impl Helper for Completion {}
