//! Taipan's syntax tree as `_ast` objects: a [`Sink`] for the front
//! end's walk (`front::dump`, the same walk `ast.dump` output comes
//! from), building each node when it closes.

use crate::front::ast::{Constant, Loc};
use crate::front::dump::{Sink, Walk};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_list, new_str, NewObject};
use crate::object::value::Value;
use crate::vm::Vm;

enum Frame {
    Node {
        name: &'static str,
        fields: Vec<(&'static str, Value)>,
        next: &'static str,
    },
    List(Vec<Value>),
}

/// Builds the objects of a walk.
struct Builder {
    stack: Vec<Frame>,
    result: Option<Value>,
    /// The first node class that could not be made (none expected).
    missing: Option<&'static str>,
}

impl Builder {
    fn emit(&mut self, v: Value) {
        match self.stack.last_mut() {
            Some(Frame::Node { fields, next, .. }) => fields.push((next, v)),
            Some(Frame::List(items)) => items.push(v),
            None => self.result = Some(v),
        }
    }
}

impl Sink for Builder {
    fn open(&mut self, name: &'static str) {
        self.stack.push(Frame::Node {
            name,
            fields: Vec::new(),
            next: "",
        });
    }

    fn field_name(&mut self, name: &'static str) {
        if let Some(Frame::Node { next, .. }) = self.stack.last_mut() {
            *next = name;
        }
    }

    fn close(&mut self, loc: Option<&Loc>) {
        let Some(Frame::Node { name, fields, .. }) = self.stack.pop() else {
            return;
        };
        let Some(Value::Obj(class)) = super::node_class(name) else {
            self.missing.get_or_insert(name);
            self.emit(Value::None);
            return;
        };
        let node = crate::object::instance::Instance::new(class, None, None);
        for (k, v) in fields {
            node.set_attr(k, v);
        }
        if let Some(loc) = loc {
            node.set_attr("lineno", Value::Int(loc.lineno as i64));
            node.set_attr("col_offset", Value::Int(loc.col as i64));
            node.set_attr("end_lineno", Value::Int(loc.end_lineno as i64));
            node.set_attr("end_col_offset", Value::Int(loc.end_col as i64));
        }
        self.emit(Value::obj(NewObject::Instance(node)));
    }

    fn list_start(&mut self, len: usize) {
        self.stack.push(Frame::List(Vec::with_capacity(len)));
    }

    fn list_item(&mut self, _: usize) {}

    fn list_end(&mut self) {
        if let Some(Frame::List(items)) = self.stack.pop() {
            self.emit(new_list(items));
        }
    }

    fn none(&mut self) {
        self.emit(Value::None);
    }

    fn text(&mut self, s: &str) {
        self.emit(new_str(s));
    }

    fn int(&mut self, v: i64) {
        self.emit(Value::Int(v));
    }

    fn constant(&mut self, c: &Constant) {
        let v = match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::BigInt(b) => crate::protocol::ops::int_value((**b).clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Imaginary(f) => crate::types::complex::make(0.0, *f),
            Constant::Str(s) => Value::obj(crate::object::heap::NewObject::Str(
                crate::object::heap::PyStr::from_wtf8(s),
            )),
            Constant::Bytes(b) => crate::types::bytes::make(b.clone(), false),
            Constant::Ellipsis => crate::object::classes::ellipsis(),
        };
        self.emit(v);
    }

    fn skips_absent(&self) -> bool {
        false
    }
}

fn build(walk: impl FnOnce(&mut dyn Sink)) -> PyResult<Value> {
    let mut b = Builder {
        stack: Vec::new(),
        result: None,
        missing: None,
    };
    walk(&mut b);
    if let Some(name) = b.missing {
        return raise(
            ExcKind::SystemError,
            format!("_ast has no node class {name}"),
        );
    }
    Ok(b.result.unwrap_or(Value::None))
}

/// `compile(text, filename, mode, PyCF_ONLY_AST)`: the tree of `text`
/// for `mode` ("exec": Module, "eval": Expression, "single":
/// Interactive), or its SyntaxError.
pub fn parse_to_ast(vm: &mut Vm, text: &str, filename: &str, mode: &str) -> PyResult<Value> {
    let syntax_error = |vm: &mut Vm, e: crate::front::error::SyntaxError, text: &str| {
        crate::vm::eval_exec::syntax_error(vm, &e, filename, text)
    };
    let text = match crate::front::parser_text(text.as_bytes()) {
        Ok(t) => t,
        Err(e) => return Err(syntax_error(vm, e, text)),
    };
    match mode {
        "eval" => {
            let trimmed = text.trim_start_matches([' ', '\t']);
            let expr = crate::front::parser::parse_eval(trimmed)
                .map_err(|e| syntax_error(vm, e, trimmed))?;
            build(|s| {
                s.open("Expression");
                s.field_name("body");
                expr.walk(s);
                s.close(None);
            })
        }
        _ => {
            let module = crate::front::parser::parse_module(&text)
                .map_err(|e| syntax_error(vm, e, &text))?;
            if mode == "single" {
                build(|s| {
                    s.open("Interactive");
                    s.field("body", &module.body);
                    s.close(None);
                })
            } else {
                build(|s| crate::front::dump::walk_module(&module, s))
            }
        }
    }
}
