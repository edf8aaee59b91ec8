//! Expressions back to source text, as CPython's `ast.unparse` (and its C
//! twin `Python/ast_unparse.c`) writes them: what an annotation becomes
//! under `from __future__ import annotations` (PEP 563). Covers the
//! expressions annotations are made of; the rest (lambdas, comprehensions,
//! f-strings, `yield`, `await`, `:=`) are reported as unsupported there.

use crate::front::ast::*;
use taipan_bytecode::pyrepr::{repr_bytes, repr_float, repr_imaginary, repr_str};

/// Binding strength, CPython's `PR_*` values.
const TUPLE: u8 = 0;
const TEST: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const CMP: u8 = 5;
const BOR: u8 = 6;
const BXOR: u8 = 7;
const BAND: u8 = 8;
const SHIFT: u8 = 9;
const ARITH: u8 = 10;
const TERM: u8 = 11;
const FACTOR: u8 = 12;
const POWER: u8 = 13;
const ATOM: u8 = 15;

/// The source text of `e`; Err with the kind of expression it cannot write.
pub fn unparse(e: &Expr) -> Result<String, &'static str> {
    let mut out = String::new();
    expr(e, TEST, &mut out)?;
    Ok(out)
}

fn wrap(
    out: &mut String,
    needs: bool,
    f: impl FnOnce(&mut String) -> Result<(), &'static str>,
) -> Result<(), &'static str> {
    if needs {
        out.push('(');
    }
    f(out)?;
    if needs {
        out.push(')');
    }
    Ok(())
}

fn binop(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => ("+", ARITH),
        Operator::Sub => ("-", ARITH),
        Operator::Mult => ("*", TERM),
        Operator::MatMult => ("@", TERM),
        Operator::Div => ("/", TERM),
        Operator::Mod => ("%", TERM),
        Operator::FloorDiv => ("//", TERM),
        Operator::Pow => ("**", POWER),
        Operator::LShift => ("<<", SHIFT),
        Operator::RShift => (">>", SHIFT),
        Operator::BitOr => ("|", BOR),
        Operator::BitXor => ("^", BXOR),
        Operator::BitAnd => ("&", BAND),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

fn seq(items: &[Expr], out: &mut String) -> Result<(), &'static str> {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(x, TEST, out)?;
    }
    Ok(())
}

fn expr(e: &Expr, level: u8, out: &mut String) -> Result<(), &'static str> {
    match &e.kind {
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::Constant { value, .. } => match value {
            Constant::None => out.push_str("None"),
            Constant::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            Constant::Int(i) => out.push_str(&i.to_string()),
            Constant::BigInt(b) => out.push_str(&b.to_string()),
            Constant::Float(f) => out.push_str(&repr_float(*f)),
            Constant::Imaginary(f) => out.push_str(&repr_imaginary(*f)),
            Constant::Str(s) => out.push_str(&repr_str(s)),
            Constant::Bytes(b) => out.push_str(&repr_bytes(b)),
            Constant::Ellipsis => out.push_str("..."),
        },
        ExprKind::Attribute { value, attr, .. } => {
            // `1 .real`: an int literal needs a space before the dot.
            let int = matches!(
                &value.kind,
                ExprKind::Constant {
                    value: Constant::Int(_) | Constant::BigInt(_),
                    ..
                }
            );
            expr(value, ATOM, out)?;
            out.push_str(if int { " ." } else { "." });
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(value, ATOM, out)?;
            out.push('[');
            match &slice.kind {
                ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                    seq(elts, out)?;
                    if elts.len() == 1 {
                        out.push(',');
                    }
                }
                _ => expr(slice, TUPLE, out)?,
            }
            out.push(']');
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(l, TEST, out)?;
            }
            out.push(':');
            if let Some(u) = upper {
                expr(u, TEST, out)?;
            }
            if let Some(s) = step {
                out.push(':');
                expr(s, TEST, out)?;
            }
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            expr(value, BOR, out)?;
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
            } else {
                wrap(out, level > TUPLE, |out| {
                    seq(elts, out)?;
                    if elts.len() == 1 {
                        out.push(',');
                    }
                    Ok(())
                })?;
            }
        }
        ExprKind::List { elts, .. } => {
            out.push('[');
            seq(elts, out)?;
            out.push(']');
        }
        ExprKind::Set { elts } => {
            out.push('{');
            seq(elts, out)?;
            out.push('}');
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(k, TEST, out)?;
                        out.push_str(": ");
                        expr(v, TEST, out)?;
                    }
                    None => {
                        out.push_str("**");
                        expr(v, BOR, out)?;
                    }
                }
            }
            out.push('}');
        }
        ExprKind::BinOp { left, op, right } => {
            let (sym, prec) = binop(*op);
            // `**` groups to the right, the others to the left.
            let (l, r) = if *op == Operator::Pow {
                (prec + 1, prec)
            } else {
                (prec, prec + 1)
            };
            wrap(out, level > prec, |out| {
                expr(left, l, out)?;
                out.push(' ');
                out.push_str(sym);
                out.push(' ');
                expr(right, r, out)
            })?;
        }
        ExprKind::UnaryOp { op, operand } => {
            let (sym, prec) = match op {
                UnaryOp::Invert => ("~", FACTOR),
                UnaryOp::Not => ("not ", NOT),
                UnaryOp::UAdd => ("+", FACTOR),
                UnaryOp::USub => ("-", FACTOR),
            };
            wrap(out, level > prec, |out| {
                out.push_str(sym);
                expr(operand, prec, out)
            })?;
        }
        ExprKind::BoolOp { op, values } => {
            let (sym, prec) = match op {
                BoolOp::And => (" and ", AND),
                BoolOp::Or => (" or ", OR),
            };
            wrap(out, level > prec, |out| {
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sym);
                    }
                    expr(v, prec + 1, out)?;
                }
                Ok(())
            })?;
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            wrap(out, level > CMP, |out| {
                expr(left, CMP + 1, out)?;
                for (op, c) in ops.iter().zip(comparators) {
                    out.push(' ');
                    out.push_str(cmpop(*op));
                    out.push(' ');
                    expr(c, CMP + 1, out)?;
                }
                Ok(())
            })?;
        }
        ExprKind::IfExp { test, body, orelse } => {
            wrap(out, level > TEST, |out| {
                expr(body, TEST + 1, out)?;
                out.push_str(" if ");
                expr(test, TEST + 1, out)?;
                out.push_str(" else ");
                expr(orelse, TEST, out)
            })?;
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            expr(func, ATOM, out)?;
            out.push('(');
            let mut first = true;
            for a in args {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                expr(a, TEST, out)?;
            }
            for k in keywords {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                match &k.arg {
                    Some(name) => {
                        out.push_str(name);
                        out.push('=');
                    }
                    None => out.push_str("**"),
                }
                expr(&k.value, TEST, out)?;
            }
            out.push(')');
        }
        ExprKind::Lambda { .. } => return Err("lambdas"),
        ExprKind::NamedExpr { .. } => return Err("assignment expressions"),
        ExprKind::ListComp { .. }
        | ExprKind::SetComp { .. }
        | ExprKind::DictComp { .. }
        | ExprKind::GeneratorExp { .. } => return Err("comprehensions"),
        ExprKind::Await { .. } | ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => {
            return Err("await and yield")
        }
        ExprKind::FormattedValue { .. } | ExprKind::JoinedStr { .. } => return Err("f-strings"),
    }
    Ok(())
}
