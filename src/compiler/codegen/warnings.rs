//! The compiler's `SyntaxWarning`s: code that is valid but cannot be what
//! was meant (CPython's `check_compare`, `check_caller`,
//! `check_subscripter`, `check_index` and the assert check). Each is
//! recorded in `front::warnings` at the place CPython reports it.

use crate::front::ast::{CmpOp, Constant, Expr, ExprKind, Loc, UnaryOp};
use crate::front::warnings::{warn, WarningKind};

fn syntax_warning(loc: Loc, msg: &str) {
    warn(WarningKind::Syntax, super::error_at(loc, msg));
}

/// The type of a literal, as CPython's `infer_type` names it after its
/// AST optimiser has folded constants (`-1`, `(1, 2)`); None when the
/// expression's type is not known at compile time.
fn inferred_type(e: &Expr) -> Option<&'static str> {
    Some(match &e.kind {
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::List { .. } | ExprKind::ListComp { .. } => "list",
        ExprKind::Dict { .. } | ExprKind::DictComp { .. } => "dict",
        ExprKind::Set { .. } | ExprKind::SetComp { .. } => "set",
        ExprKind::GeneratorExp { .. } => "generator",
        ExprKind::Lambda { .. } => "function",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "str",
        _ => return constant_type(e),
    })
}

/// The type of an expression the AST optimiser folds to a constant.
fn constant_type(e: &Expr) -> Option<&'static str> {
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(match value {
            Constant::None => "NoneType",
            Constant::Bool(_) => "bool",
            Constant::Int(_) | Constant::BigInt(_) => "int",
            Constant::Float(_) => "float",
            Constant::Imaginary(_) => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Ellipsis => "ellipsis",
        }),
        ExprKind::UnaryOp {
            op: UnaryOp::USub | UnaryOp::UAdd,
            operand,
        } => match constant_type(operand)? {
            t @ ("int" | "float" | "complex") => Some(t),
            "bool" => Some("int"),
            _ => None,
        },
        ExprKind::BinOp { left, right, .. } => {
            let (l, r) = (constant_type(left)?, constant_type(right)?);
            let rank = |t| {
                ["bool", "int", "float", "complex"]
                    .iter()
                    .position(|n| *n == t)
            };
            let top = rank(l)?.max(rank(r)?).max(1);
            Some(["bool", "int", "float", "complex"][top])
        }
        ExprKind::Tuple { elts, .. } => {
            for x in elts {
                constant_type(x)?;
            }
            Some("tuple")
        }
        _ => None,
    }
}

/// Whether `e` may be an operand of `is`: anything but a literal other
/// than None, True, False and `...`.
fn is_arg_ok(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant { value, .. } => matches!(
            value,
            Constant::None | Constant::Bool(_) | Constant::Ellipsis
        ),
        _ => constant_type(e).is_none(),
    }
}

/// `x is 1`: "\"is\" with a literal".
pub(super) fn check_compare(left: &Expr, ops: &[CmpOp], comparators: &[Expr], loc: Loc) {
    let mut left_ok = is_arg_ok(left);
    for (op, right) in ops.iter().zip(comparators) {
        let right_ok = is_arg_ok(right);
        if matches!(op, CmpOp::Is | CmpOp::IsNot) && !(left_ok && right_ok) {
            let msg = if matches!(op, CmpOp::Is) {
                "\"is\" with a literal. Did you mean \"==\"?"
            } else {
                "\"is not\" with a literal. Did you mean \"!=\"?"
            };
            syntax_warning(loc, msg);
            return;
        }
        left_ok = right_ok;
    }
}

/// `(1, 2) (3, 4)`: a literal called.
pub(super) fn check_caller(func: &Expr, loc: Loc) {
    let callable_literal = matches!(
        func.kind,
        ExprKind::Constant { .. }
            | ExprKind::Tuple { .. }
            | ExprKind::List { .. }
            | ExprKind::ListComp { .. }
            | ExprKind::Dict { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::Set { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::JoinedStr { .. }
            | ExprKind::FormattedValue { .. }
    ) || constant_type(func).is_some();
    if let Some(t) = inferred_type(func).filter(|_| callable_literal) {
        syntax_warning(
            loc,
            &format!("'{t}' object is not callable; perhaps you missed a comma?"),
        );
    }
}

/// `[1, 2] [3]` reads as a subscript: a literal that cannot be
/// subscripted, or a sequence literal indexed by a non-integer literal.
pub(super) fn check_subscript(value: &Expr, slice: &Expr, loc: Loc) {
    let unsubscriptable = match &value.kind {
        ExprKind::Set { .. }
        | ExprKind::SetComp { .. }
        | ExprKind::GeneratorExp { .. }
        | ExprKind::Lambda { .. } => true,
        _ => matches!(
            constant_type(value),
            Some("NoneType" | "ellipsis" | "bool" | "int" | "float" | "complex")
        ),
    };
    if unsubscriptable {
        if let Some(t) = inferred_type(value) {
            syntax_warning(
                loc,
                &format!("'{t}' object is not subscriptable; perhaps you missed a comma?"),
            );
        }
        return;
    }
    let Some(index) = inferred_type(slice) else {
        return;
    };
    if matches!(index, "int" | "bool") || matches!(slice.kind, ExprKind::Slice { .. }) {
        return;
    }
    let sequence = match &value.kind {
        ExprKind::Tuple { .. }
        | ExprKind::List { .. }
        | ExprKind::ListComp { .. }
        | ExprKind::JoinedStr { .. }
        | ExprKind::FormattedValue { .. } => true,
        _ => matches!(constant_type(value), Some("str" | "bytes" | "tuple")),
    };
    if let (true, Some(t)) = (sequence, inferred_type(value)) {
        syntax_warning(
            loc,
            &format!(
                "{t} indices must be integers or slices, not {index}; perhaps you missed a comma?"
            ),
        );
    }
}

/// `assert (test, "message")`: a non-empty tuple is always true.
pub(super) fn check_assert(test: &Expr, loc: Loc) {
    if matches!(&test.kind, ExprKind::Tuple { elts, .. } if !elts.is_empty()) {
        syntax_warning(loc, "assertion is always true, perhaps remove parentheses?");
    }
}
