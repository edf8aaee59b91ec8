//! The report of an uncaught exception, as CPython prints it
//! (`traceback.TracebackException.format`): the `__cause__` /
//! `__context__` chain first, each exception's traceback and `Name:
//! message` line, its notes (`add_note`), and exception groups as nested
//! boxes — `Exception Group Traceback`, one `+---- i ----` section per
//! member (at most 15, then "and N more exceptions"; ten levels deep at
//! most), each line behind a `| ` margin.

use crate::object::exceptions::{exc_state, PyErr};
use crate::object::heap::Object;
use crate::object::value::Value;
use crate::vm::Vm;

/// Members shown of one group, and groups nested, before CPython cuts
/// the report short.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// Where the report is: how deep in groups, and whether a box is still
/// to be closed (CPython's `_ExceptionPrintContext`).
struct Context {
    depth: usize,
    need_close: bool,
    seen: Vec<Value>,
}

impl Context {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// `text` with every line behind the margin of the current depth
    /// (`margin`: its character, `|` unless given).
    fn emit(&self, out: &mut String, text: &str, margin: Option<char>) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin.unwrap_or('|'));
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

impl Vm {
    /// The report CPython prints for `err` when nothing catches it.
    pub fn format_exception(&mut self, err: &PyErr) -> String {
        let mut out = String::new();
        let mut ctx = Context {
            depth: 0,
            need_close: false,
            seen: vec![err.exc.clone()],
        };
        self.format_chain(err, &mut ctx, &mut out);
        out
    }

    /// `err` after the exceptions chained to it (`__cause__`, else
    /// `__context__` unless suppressed).
    fn format_chain(&mut self, err: &PyErr, ctx: &mut Context, out: &mut String) {
        let mut chain: Vec<(PyErr, &'static str)> = Vec::new();
        let mut cur = err.exc.clone();
        while let Some(s) = exc_state(&cur) {
            let (next, link) = match (s.cause.borrow().clone(), s.context.borrow().clone()) {
                (Some(c), _) => (
                    c,
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                ),
                (None, Some(c)) if !s.suppress_context.get() => (
                    c,
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                ),
                _ => break,
            };
            if ctx.seen.iter().any(|v| v.is(&next)) {
                break;
            }
            ctx.seen.push(next.clone());
            let e = PyErr::from_value(next.clone(), false);
            chain.push((*e, link));
            cur = next;
        }
        for (e, link) in chain.iter().rev() {
            self.format_one(e, ctx, out);
            ctx.emit(out, link, None);
        }
        self.format_one(err, ctx, out);
    }

    /// One exception of the chain: its traceback and last lines, and for
    /// a group its members in boxes.
    fn format_one(&mut self, err: &PyErr, ctx: &mut Context, out: &mut String) {
        let members = group_members(&err.exc);
        let Some(members) = members else {
            let mut text = String::new();
            if !err.traceback.is_empty() {
                text.push_str("Traceback (most recent call last):\n");
                text.push_str(&crate::object::exceptions::format_stack(err, self));
            }
            text.push_str(&self.exception_only(err));
            ctx.emit(out, &text, None);
            return;
        };
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(
                out,
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                None,
            );
            return;
        }
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        if !err.traceback.is_empty() {
            ctx.emit(
                out,
                "Exception Group Traceback (most recent call last):\n",
                toplevel.then_some('+'),
            );
            let stack = crate::object::exceptions::format_stack(err, self);
            ctx.emit(out, &stack, None);
        }
        let only = self.exception_only(err);
        ctx.emit(out, &only, None);
        let n = members.len().min(MAX_GROUP_WIDTH + 1);
        ctx.need_close = false;
        for (i, member) in members.iter().take(n).enumerate() {
            let last = i + 1 == n;
            if last {
                // (A nested group may close the box itself.)
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            out.push_str(&format!(
                "{}{}+---------------- {title} ----------------\n",
                ctx.indent(),
                if i == 0 { "+-" } else { "  " }
            ));
            ctx.depth += 1;
            if truncated {
                let more = members.len() - MAX_GROUP_WIDTH;
                ctx.emit(
                    out,
                    &format!(
                        "and {more} more exception{}\n",
                        if more > 1 { "s" } else { "" }
                    ),
                    None,
                );
            } else {
                let e = PyErr::from_value(member.clone(), false);
                self.format_chain(&e, ctx, out);
            }
            if last && ctx.need_close {
                out.push_str(&format!(
                    "{}+------------------------------------\n",
                    ctx.indent()
                ));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth = 0;
        }
    }

    /// `Name: message` (or a SyntaxError's lines), then the notes.
    fn exception_only(&mut self, err: &PyErr) -> String {
        let message = crate::object::exceptions::exception_message(self, &err.exc).ok();
        let mut text = crate::object::exceptions::format_exception_only(err, message);
        if let Ok(notes) = crate::protocol::getattr(self, &err.exc, "__notes__") {
            let items = match notes.as_obj() {
                Some(Object::List(l)) => Some(l.borrow().clone()),
                Some(Object::Tuple(t)) => Some(t.to_vec()),
                _ => None,
            };
            match items {
                Some(items) => {
                    for note in items {
                        let line = match crate::object::heap::as_str(&note) {
                            Some(s) => s.to_string(),
                            None => crate::protocol::repr::str_of(self, &note)
                                .unwrap_or_else(|_| "<note str() failed>".into()),
                        };
                        text.push_str(&line);
                        text.push('\n');
                    }
                }
                None => {
                    let r = crate::protocol::repr::repr(self, &notes)
                        .unwrap_or_else(|_| "<__notes__ repr() failed>".into());
                    text.push_str(&r);
                    text.push('\n');
                }
            }
        }
        text
    }
}

/// The members of an exception group (`exceptions`), or None for any
/// other exception.
fn group_members(exc: &Value) -> Option<Vec<Value>> {
    let group = crate::object::exceptions::exception_class(
        crate::object::exceptions::ExcKind::BaseExceptionGroup,
    );
    let cls = crate::object::classes::type_value(exc);
    if !crate::object::classes::is_subclass(&cls, &group) {
        return None;
    }
    let args = crate::object::exceptions::exception_args(exc);
    Some(match args.get(1).and_then(Value::as_obj) {
        Some(Object::Tuple(t)) => t.to_vec(),
        Some(Object::List(l)) => l.borrow().clone(),
        _ => Vec::new(),
    })
}
