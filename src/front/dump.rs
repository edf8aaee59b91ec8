//! `ast.dump(tree)` and `ast.dump(tree, include_attributes=True)`, byte for
//! byte: fields in `_fields` order, optional fields left out when absent,
//! values printed with Python's `repr`. The walk over the tree is one
//! [`Walk`] per node type feeding a [`Sink`]; the dump is one sink, the
//! `_ast` module's conversion to Python objects another.

use super::ast::*;
use crate::pyrepr::{repr_bytes, repr_float, repr_imaginary, repr_str};
use crate::wtf8::Wtf8Buf;

/// What a walk over the tree reports, in `ast.dump` order: a node opens,
/// its fields follow (a name, then the value), the node closes with its
/// location (None for nodes without one).
pub trait Sink {
    /// A node of class `name` begins.
    fn open(&mut self, name: &'static str);
    /// The next value is the field `name` of the open node.
    fn field_name(&mut self, name: &'static str);
    /// The open node ends.
    fn close(&mut self, loc: Option<&Loc>);
    /// A list of `len` items begins.
    fn list_start(&mut self, len: usize);
    /// Item `index` of the open list follows.
    fn list_item(&mut self, index: usize);
    /// The open list ends.
    fn list_end(&mut self);
    /// An absent optional value (`None`).
    fn none(&mut self);
    /// A string (identifier, type comment).
    fn text(&mut self, s: &str);
    /// An integer field (`level`, `conversion`, `simple`, `is_async`).
    fn int(&mut self, v: i64);
    /// The value of a `Constant` or `MatchSingleton`.
    fn constant(&mut self, c: &Constant);
    /// Whether absent optional fields are left out (the dump) rather
    /// than reported as None.
    fn skips_absent(&self) -> bool;
}

impl dyn Sink + '_ {
    /// Reports field `name` with `value`.
    pub fn field<T: Walk + ?Sized>(&mut self, name: &'static str, value: &T) {
        if value.is_absent() && self.skips_absent() {
            return;
        }
        self.field_name(name);
        value.walk(self);
    }

    /// A node without fields (`Load()`, `Add()`).
    fn unit(&mut self, name: &'static str) {
        self.open(name);
        self.close(None);
    }
}

/// Prints a module as `ast.dump` does.
pub fn dump_module(module: &Module, include_attributes: bool) -> String {
    let mut d = Dumper {
        out: String::with_capacity(module.body.len() * 256),
        attrs: include_attributes,
        first: true,
    };
    walk_module(module, &mut d);
    d.out
}

/// Walks a module (`Module(body, type_ignores)`).
pub fn walk_module(module: &Module, d: &mut dyn Sink) {
    d.open("Module");
    d.field("body", &module.body);
    d.field("type_ignores", &Vec::<Stmt>::new());
    d.close(None);
}

struct Dumper {
    out: String,
    attrs: bool,
    /// No field has been written yet in the node being printed.
    first: bool,
}

impl Dumper {
    fn sep(&mut self) {
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
    }
}

impl Sink for Dumper {
    fn open(&mut self, name: &'static str) {
        self.out.push_str(name);
        self.out.push('(');
        self.first = true;
    }

    fn field_name(&mut self, name: &'static str) {
        self.sep();
        self.out.push_str(name);
        self.out.push('=');
    }

    fn close(&mut self, loc: Option<&Loc>) {
        if let (true, Some(loc)) = (self.attrs, loc) {
            for (name, v) in [
                ("lineno", loc.lineno),
                ("col_offset", loc.col),
                ("end_lineno", loc.end_lineno),
                ("end_col_offset", loc.end_col),
            ] {
                self.sep();
                self.out.push_str(name);
                self.out.push('=');
                self.out.push_str(&v.to_string());
            }
        }
        self.out.push(')');
        self.first = false;
    }

    fn list_start(&mut self, _: usize) {
        self.out.push('[');
    }

    fn list_item(&mut self, index: usize) {
        if index > 0 {
            self.out.push_str(", ");
        }
    }

    fn list_end(&mut self) {
        self.out.push(']');
        self.first = false;
    }

    fn none(&mut self) {
        self.out.push_str("None");
    }

    fn text(&mut self, s: &str) {
        self.out.push_str(&repr_str(&Wtf8Buf::from_text(s)));
    }

    fn int(&mut self, v: i64) {
        self.out.push_str(&v.to_string());
    }

    fn constant(&mut self, c: &Constant) {
        let text = match c {
            Constant::None => "None".to_string(),
            Constant::Bool(true) => "True".to_string(),
            Constant::Bool(false) => "False".to_string(),
            Constant::Int(v) => v.to_string(),
            Constant::BigInt(v) => v.to_string(),
            Constant::Float(v) => repr_float(*v),
            Constant::Imaginary(v) => repr_imaginary(*v),
            Constant::Str(s) => repr_str(s),
            Constant::Bytes(b) => repr_bytes(b),
            Constant::Ellipsis => "Ellipsis".to_string(),
        };
        self.out.push_str(&text);
    }

    fn skips_absent(&self) -> bool {
        true
    }
}

/// A part of the tree that reports itself to a [`Sink`].
pub trait Walk {
    fn walk(&self, d: &mut dyn Sink);
    /// An optional field holding `None` (left out of a dump).
    fn is_absent(&self) -> bool {
        false
    }
}

impl<T: Walk> Walk for Vec<T> {
    fn walk(&self, d: &mut dyn Sink) {
        d.list_start(self.len());
        for (i, item) in self.iter().enumerate() {
            d.list_item(i);
            item.walk(d);
        }
        d.list_end();
    }
}

impl<T: Walk> Walk for Option<T> {
    fn walk(&self, d: &mut dyn Sink) {
        match self {
            Some(v) => v.walk(d),
            None => d.none(),
        }
    }
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: Walk> Walk for Box<T> {
    fn walk(&self, d: &mut dyn Sink) {
        (**self).walk(d)
    }
}

impl Walk for String {
    fn walk(&self, d: &mut dyn Sink) {
        d.text(self);
    }
}

impl Walk for bool {
    fn walk(&self, d: &mut dyn Sink) {
        d.int(*self as i64);
    }
}

impl Walk for i32 {
    fn walk(&self, d: &mut dyn Sink) {
        d.int(*self as i64);
    }
}

impl Walk for u32 {
    fn walk(&self, d: &mut dyn Sink) {
        d.int(*self as i64);
    }
}

impl Walk for Constant {
    fn walk(&self, d: &mut dyn Sink) {
        d.constant(self);
    }
}

macro_rules! unit_enum {
    ($($ty:ty { $($variant:ident),* }),*) => {$(
        impl Walk for $ty {
            fn walk(&self, d: &mut dyn Sink) {
                d.unit(match self { $(<$ty>::$variant => stringify!($variant),)* });
            }
        }
    )*};
}
unit_enum!(
    Ctx { Load, Store, Del },
    BoolOp { And, Or },
    Operator {
        Add,
        Sub,
        Mult,
        MatMult,
        Div,
        Mod,
        Pow,
        LShift,
        RShift,
        BitOr,
        BitXor,
        BitAnd,
        FloorDiv
    },
    UnaryOp {
        Invert,
        Not,
        UAdd,
        USub
    },
    CmpOp {
        Eq,
        NotEq,
        Lt,
        LtE,
        Gt,
        GtE,
        Is,
        IsNot,
        In,
        NotIn
    }
);

/// `node!(d, "Name", loc; field = value, ...)` prints one node.
macro_rules! node {
    ($d:expr, $name:literal, $loc:expr; $($field:literal = $value:expr),* $(,)?) => {{
        $d.open($name);
        $($d.field($field, $value);)*
        $d.close($loc);
    }};
}

impl Walk for Stmt {
    fn walk(&self, d: &mut dyn Sink) {
        let loc = Some(&self.loc);
        match &self.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                let name = if matches!(self.kind, StmtKind::FunctionDef(_)) {
                    "FunctionDef"
                } else {
                    "AsyncFunctionDef"
                };
                d.open(name);
                d.field("name", &f.name);
                d.field("args", &f.args);
                d.field("body", &f.body);
                d.field("decorator_list", &f.decorator_list);
                d.field("returns", &f.returns);
                d.field("type_comment", &f.type_comment);
                d.close(loc);
            }
            StmtKind::ClassDef(c) => {
                node!(d, "ClassDef", loc; "name" = &c.name, "bases" = &c.bases,
                "keywords" = &c.keywords, "body" = &c.body, "decorator_list" = &c.decorator_list)
            }
            StmtKind::Return { value } => node!(d, "Return", loc; "value" = value),
            StmtKind::Delete { targets } => node!(d, "Delete", loc; "targets" = targets),
            StmtKind::Assign {
                targets,
                value,
                type_comment,
            } => node!(d, "Assign", loc;
                "targets" = targets, "value" = value, "type_comment" = type_comment),
            StmtKind::AugAssign { target, op, value } => node!(d, "AugAssign", loc;
                "target" = target, "op" = op, "value" = value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => node!(d, "AnnAssign", loc;
                "target" = target, "annotation" = annotation, "value" = value, "simple" = simple),
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                let name = if matches!(self.kind, StmtKind::For(_)) {
                    "For"
                } else {
                    "AsyncFor"
                };
                d.open(name);
                d.field("target", &f.target);
                d.field("iter", &f.iter);
                d.field("body", &f.body);
                d.field("orelse", &f.orelse);
                d.field("type_comment", &f.type_comment);
                d.close(loc);
            }
            StmtKind::While { test, body, orelse } => node!(d, "While", loc;
                "test" = test, "body" = body, "orelse" = orelse),
            StmtKind::If { test, body, orelse } => node!(d, "If", loc;
                "test" = test, "body" = body, "orelse" = orelse),
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                let name = if matches!(self.kind, StmtKind::With(_)) {
                    "With"
                } else {
                    "AsyncWith"
                };
                d.open(name);
                d.field("items", &w.items);
                d.field("body", &w.body);
                d.field("type_comment", &w.type_comment);
                d.close(loc);
            }
            StmtKind::Match { subject, cases } => {
                node!(d, "Match", loc; "subject" = subject, "cases" = cases)
            }
            StmtKind::Raise { exc, cause } => node!(d, "Raise", loc; "exc" = exc, "cause" = cause),
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                let name = if matches!(self.kind, StmtKind::Try(_)) {
                    "Try"
                } else {
                    "TryStar"
                };
                d.open(name);
                d.field("body", &t.body);
                d.field("handlers", &t.handlers);
                d.field("orelse", &t.orelse);
                d.field("finalbody", &t.finalbody);
                d.close(loc);
            }
            StmtKind::Assert { test, msg } => node!(d, "Assert", loc; "test" = test, "msg" = msg),
            StmtKind::Import { names } => node!(d, "Import", loc; "names" = names),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => node!(d, "ImportFrom", loc;
                "module" = module, "names" = names, "level" = level),
            StmtKind::Global { names } => node!(d, "Global", loc; "names" = names),
            StmtKind::Nonlocal { names } => node!(d, "Nonlocal", loc; "names" = names),
            StmtKind::Expr { value } => node!(d, "Expr", loc; "value" = value),
            StmtKind::Pass => node!(d, "Pass", loc;),
            StmtKind::Break => node!(d, "Break", loc;),
            StmtKind::Continue => node!(d, "Continue", loc;),
        }
    }
}

impl Walk for Expr {
    fn walk(&self, d: &mut dyn Sink) {
        let loc = Some(&self.loc);
        match &self.kind {
            ExprKind::BoolOp { op, values } => {
                node!(d, "BoolOp", loc; "op" = op, "values" = values)
            }
            ExprKind::NamedExpr { target, value } => {
                node!(d, "NamedExpr", loc; "target" = target, "value" = value)
            }
            ExprKind::BinOp { left, op, right } => {
                node!(d, "BinOp", loc; "left" = left, "op" = op, "right" = right)
            }
            ExprKind::UnaryOp { op, operand } => {
                node!(d, "UnaryOp", loc; "op" = op, "operand" = operand)
            }
            ExprKind::Lambda { args, body } => {
                node!(d, "Lambda", loc; "args" = args, "body" = body)
            }
            ExprKind::IfExp { test, body, orelse } => node!(d, "IfExp", loc;
                "test" = test, "body" = body, "orelse" = orelse),
            ExprKind::Dict { keys, values } => {
                node!(d, "Dict", loc; "keys" = keys, "values" = values)
            }
            ExprKind::Set { elts } => node!(d, "Set", loc; "elts" = elts),
            ExprKind::ListComp { elt, generators } => {
                node!(d, "ListComp", loc; "elt" = elt, "generators" = generators)
            }
            ExprKind::SetComp { elt, generators } => {
                node!(d, "SetComp", loc; "elt" = elt, "generators" = generators)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => node!(d, "DictComp", loc;
                "key" = key, "value" = value, "generators" = generators),
            ExprKind::GeneratorExp { elt, generators } => node!(d, "GeneratorExp", loc;
                "elt" = elt, "generators" = generators),
            ExprKind::Await { value } => node!(d, "Await", loc; "value" = value),
            ExprKind::Yield { value } => node!(d, "Yield", loc; "value" = value),
            ExprKind::YieldFrom { value } => node!(d, "YieldFrom", loc; "value" = value),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => node!(d, "Compare", loc;
                "left" = left, "ops" = ops, "comparators" = comparators),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => node!(d, "Call", loc;
                "func" = func, "args" = args, "keywords" = keywords),
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => node!(d, "FormattedValue", loc;
                "value" = value, "conversion" = conversion, "format_spec" = format_spec),
            ExprKind::JoinedStr { values } => node!(d, "JoinedStr", loc; "values" = values),
            ExprKind::Constant { value, kind } => {
                node!(d, "Constant", loc; "value" = value, "kind" = kind)
            }
            ExprKind::Attribute { value, attr, ctx } => node!(d, "Attribute", loc;
                "value" = value, "attr" = attr, "ctx" = ctx),
            ExprKind::Subscript { value, slice, ctx } => node!(d, "Subscript", loc;
                "value" = value, "slice" = slice, "ctx" = ctx),
            ExprKind::Starred { value, ctx } => {
                node!(d, "Starred", loc; "value" = value, "ctx" = ctx)
            }
            ExprKind::Name { id, ctx } => node!(d, "Name", loc; "id" = id, "ctx" = ctx),
            ExprKind::List { elts, ctx } => node!(d, "List", loc; "elts" = elts, "ctx" = ctx),
            ExprKind::Tuple { elts, ctx } => node!(d, "Tuple", loc; "elts" = elts, "ctx" = ctx),
            ExprKind::Slice { lower, upper, step } => node!(d, "Slice", loc;
                "lower" = lower, "upper" = upper, "step" = step),
        }
    }
}

impl Walk for Comprehension {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "comprehension", None; "target" = &self.target, "iter" = &self.iter,
            "ifs" = &self.ifs, "is_async" = &self.is_async);
    }
}

impl Walk for ExceptHandler {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "ExceptHandler", Some(&self.loc); "type" = &self.type_, "name" = &self.name, "body" = &self.body);
    }
}

impl Walk for Arguments {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "arguments", None; "posonlyargs" = &self.posonlyargs, "args" = &self.args,
            "vararg" = &self.vararg, "kwonlyargs" = &self.kwonlyargs, "kw_defaults" = &self.kw_defaults,
            "kwarg" = &self.kwarg, "defaults" = &self.defaults);
    }
}

impl Walk for Arg {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "arg", Some(&self.loc); "arg" = &self.arg, "annotation" = &self.annotation,
            "type_comment" = &self.type_comment);
    }
}

impl Walk for Keyword {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "keyword", Some(&self.loc); "arg" = &self.arg, "value" = &self.value);
    }
}

impl Walk for Alias {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "alias", Some(&self.loc); "name" = &self.name, "asname" = &self.asname);
    }
}

impl Walk for WithItem {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "withitem", None; "context_expr" = &self.context_expr, "optional_vars" = &self.optional_vars);
    }
}

impl Walk for MatchCase {
    fn walk(&self, d: &mut dyn Sink) {
        node!(d, "match_case", None; "pattern" = &self.pattern, "guard" = &self.guard, "body" = &self.body);
    }
}

impl Walk for Pattern {
    fn walk(&self, d: &mut dyn Sink) {
        let loc = Some(&self.loc);
        match &self.kind {
            PatternKind::MatchValue { value } => node!(d, "MatchValue", loc; "value" = value),
            PatternKind::MatchSingleton { value } => {
                node!(d, "MatchSingleton", loc; "value" = value)
            }
            PatternKind::MatchSequence { patterns } => {
                node!(d, "MatchSequence", loc; "patterns" = patterns)
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => node!(d, "MatchMapping", loc;
                "keys" = keys, "patterns" = patterns, "rest" = rest),
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => node!(d, "MatchClass", loc;
                "cls" = cls, "patterns" = patterns, "kwd_attrs" = kwd_attrs, "kwd_patterns" = kwd_patterns),
            PatternKind::MatchStar { name } => node!(d, "MatchStar", loc; "name" = name),
            PatternKind::MatchAs { pattern, name } => {
                node!(d, "MatchAs", loc; "pattern" = pattern, "name" = name)
            }
            PatternKind::MatchOr { patterns } => node!(d, "MatchOr", loc; "patterns" = patterns),
        }
    }
}
