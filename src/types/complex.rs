//! `complex`: construction (from numbers and strings), arithmetic with
//! ints, floats and complexes as CPython's `complexobject.c` does it
//! (Smith's division, `c_powi` for small integer exponents, polar form
//! otherwise), comparison, hashing, `abs`, the `real`/`imag` attributes
//! and `conjugate()`, and CPython's repr.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::ComplexObj;
use crate::object::heap::NewObject;
use crate::object::heap::{as_str, type_name, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, int_to_f64};
use taipan_bytecode::opcode::BinaryOp;

/// A complex value.
pub fn make(re: f64, im: f64) -> Value {
    Value::obj(NewObject::Complex { re, im })
}

/// The parts of a complex, float or int value; None for other values
/// and for an int too large for a float (see `try_parts`).
pub fn parts(v: &Value) -> Option<(f64, f64)> {
    try_parts(v).and_then(Result::ok)
}

/// The parts of a complex, float or int value, or the OverflowError of
/// an int too large for a float (CPython's `PyLong_AsDouble` in
/// `to_complex`); None for other values.
pub fn try_parts(v: &Value) -> Option<PyResult<(f64, f64)>> {
    match crate::object::instance::unwrap(v) {
        Value::Float(f) => Some(Ok((*f, 0.0))),
        Value::Obj(o) => match o.get() {
            Object::Complex(ComplexObj { re, im }) => Some(Ok((*re, *im))),
            _ => int_of(v).map(|i| int_to_f64(&i).map(|f| (f, 0.0))),
        },
        other => int_of(other).map(|i| int_to_f64(&i).map(|f| (f, 0.0))),
    }
}

/// Whether `v` is a complex value.
pub fn is_complex(v: &Value) -> bool {
    matches!(v.as_obj(), Some(Object::Complex(_)))
}

/// `repr(z)`: `2j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn repr(re: f64, im: f64) -> String {
    let fmt = |x: f64| {
        let s = taipan_bytecode::pyrepr::repr_float(x);
        match s.strip_suffix(".0") {
            Some(t) => t.to_string(),
            None => s,
        }
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", fmt(im));
    }
    let im_text = fmt(im);
    let sign = if im_text.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im_text}j)", fmt(re))
}

fn div(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    // Smith's algorithm, as CPython's _Py_c_quot.
    let (ar, ai) = a;
    let (br, bi) = b;
    let abs_br = br.abs();
    let abs_bi = bi.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return raise(ExcKind::ZeroDivisionError, "complex division by zero");
        }
        let ratio = bi / br;
        let denom = br + bi * ratio;
        Ok(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        Ok(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
    } else {
        Ok((f64::NAN, f64::NAN))
    }
}

fn mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn pow(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    // CPython: integer exponents of modest size by repeated squaring.
    if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let powu = |x: (f64, f64), mut n: u64| {
            let mut r = (1.0, 0.0);
            let mut p = x;
            let mut mask = 1u64;
            while mask > 0 && n >= mask {
                if n & mask != 0 {
                    r = mul(r, p);
                }
                mask <<= 1;
                p = mul(p, p);
            }
            let _ = &mut n;
            r
        };
        return if n > 0 {
            Ok(powu(a, n as u64))
        } else {
            let p = powu(a, (-n) as u64);
            div((1.0, 0.0), p).or_else(|_| {
                raise(
                    ExcKind::ZeroDivisionError,
                    "0.0 to a negative or complex power",
                )
            })
        };
    }
    if b == (0.0, 0.0) {
        return Ok((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return raise(
                ExcKind::ZeroDivisionError,
                "0.0 to a negative or complex power",
            );
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// A binary operator with a complex operand; None when neither operand is
/// complex (or the other is not a number).
pub fn binary_op(op: BinaryOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if !is_complex(a) && !is_complex(b) {
        return None;
    }
    let parts = (try_parts(a)?, try_parts(b)?);
    // Complex numbers have no `//`, `%`, shifts or bitwise operators:
    // those fail as unsupported before an operand is converted (an int
    // too large for a float is not the error: CPython finds no slot).
    match op {
        BinaryOp::Add
        | BinaryOp::Subtract
        | BinaryOp::Multiply
        | BinaryOp::TrueDivide
        | BinaryOp::Power => {}
        BinaryOp::FloorDivide | BinaryOp::Remainder => {
            return Some(raise(
                ExcKind::TypeError,
                format!(
                    "unsupported operand type(s) for {}: '{}' and '{}'",
                    op.symbol(),
                    type_name(a),
                    type_name(b)
                ),
            ))
        }
        _ => return None,
    }
    let (x, y) = match parts {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
    };
    let r = match op {
        BinaryOp::Add => Ok((x.0 + y.0, x.1 + y.1)),
        BinaryOp::Subtract => Ok((x.0 - y.0, x.1 - y.1)),
        BinaryOp::Multiply => Ok(mul(x, y)),
        BinaryOp::TrueDivide => div(x, y),
        BinaryOp::Power => pow(x, y).and_then(|(re, im)| {
            // CPython's `_Py_ADJUST_ERANGE2` after the power: an
            // infinite part is an overflow.
            if re.is_infinite() || im.is_infinite() {
                raise(ExcKind::OverflowError, "complex exponentiation")
            } else {
                Ok((re, im))
            }
        }),
        _ => return None,
    };
    Some(r.map(|(re, im)| make(re, im)))
}

/// `z == w` when either is complex; None otherwise.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    if !is_complex(a) && !is_complex(b) {
        return None;
    }
    match (parts(a), parts(b)) {
        (Some(x), Some(y)) => Some(x == y),
        _ => Some(false),
    }
}

/// `complex(real=0, imag=0)` or `complex(string)`.
pub fn construct(
    vm: &mut crate::vm::Vm,
    args: &[Value],
    kw: &[(std::rc::Rc<str>, Value)],
) -> PyResult<Value> {
    let mut real = args.first().cloned();
    let mut imag = args.get(1).cloned();
    if args.len() > 2 {
        return raise(
            ExcKind::TypeError,
            format!("complex() takes at most 2 arguments ({} given)", args.len()),
        );
    }
    for (k, v) in kw {
        match &**k {
            "real" => real = Some(v.clone()),
            "imag" => imag = Some(v.clone()),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("complex() got an unexpected keyword argument '{k}'"),
                )
            }
        }
    }
    if let Some(text) = real.as_ref().and_then(as_str) {
        if imag.is_some() {
            return raise(
                ExcKind::TypeError,
                "complex() can't take second arg if first is a string",
            );
        }
        return match parse(text) {
            Some((re, im)) => Ok(make(re, im)),
            None => raise(ExcKind::ValueError, "complex() arg is a malformed string"),
        };
    }
    let (mut rr, ri) = part(vm, &real, "first argument")?;
    let (mut ir, ii) = part(vm, &imag, "second argument")?;
    // As CPython's `complex_new`: a part is adjusted only by a complex
    // argument, so `complex(1.0, -0.0)` keeps its negative zero.
    if imag.as_ref().is_some_and(is_complex_like) {
        rr -= ii;
    }
    if imag.is_none() {
        ir = ri;
    } else if real.as_ref().is_some_and(is_complex_like) {
        ir += ri;
    }
    Ok(make(rr, ir))
}

/// Whether a `complex()` argument counts as complex there (a complex, a
/// subclass's instance, or an object with `__complex__`).
fn is_complex_like(v: &Value) -> bool {
    matches!(
        crate::object::instance::unwrap(v).as_obj(),
        Some(Object::Complex(_))
    ) || (crate::object::classes::has_dunders(v)
        && crate::object::classes::lookup(&crate::object::classes::type_value(v), "__complex__")
            .is_some())
}

/// One argument of `complex()` as its real and imaginary parts: a
/// number, else an object's `__complex__` (a complex), else its real
/// value (`__float__`, `__index__`).
fn part(vm: &mut crate::vm::Vm, v: &Option<Value>, which: &str) -> PyResult<(f64, f64)> {
    let Some(v) = v else {
        return Ok((0.0, 0.0));
    };
    if as_str(v).is_some() {
        return raise(ExcKind::TypeError, "complex() second arg can't be a string");
    }
    if let Some(p) = try_parts(v) {
        return p;
    }
    let bad = || {
        raise(
            ExcKind::TypeError,
            format!("complex() {which} must be a number, not '{}'", type_name(v)),
        )
    };
    if !crate::object::classes::has_dunders(v) {
        return bad();
    }
    if let Some(parts) = via_dunder(vm, v)? {
        return Ok(parts);
    }
    let has_real = ["__float__", "__index__"].iter().any(|n| {
        crate::object::classes::lookup(&crate::object::classes::type_value(v), n).is_some()
    });
    if !has_real {
        return bad();
    }
    Ok((crate::types::number::real(vm, v)?, 0.0))
}

/// The parts an object's `__complex__` gives (None when its type has
/// none), with CPython's TypeError when it returns something else.
pub fn via_dunder(vm: &mut crate::vm::Vm, v: &Value) -> PyResult<Option<(f64, f64)>> {
    match crate::object::classes::call_special(vm, v, "__complex__", &[])? {
        None => Ok(None),
        Some(c) => match c.as_obj() {
            Some(Object::Complex(ComplexObj { re, im })) => Ok(Some((*re, *im))),
            _ => raise(
                ExcKind::TypeError,
                format!("__complex__ returned non-complex (type {})", type_name(&c)),
            ),
        },
    }
}

/// Parses `1+2j`, `-3.5j`, `(1-1e3j)`, `inf`, `nanj` as CPython does.
fn parse(text: &str) -> Option<(f64, f64)> {
    let text = crate::types::number::ascii_digits(text);
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        s = inner.trim();
    }
    if s.is_empty() {
        return None;
    }
    let num = |t: &str| -> Option<f64> {
        if t.is_empty() || t.contains(taipan_bytecode::unichar::is_space) {
            return None;
        }
        crate::types::number::parse_float(t)
    };
    if let Some(body) = s.strip_suffix(['j', 'J']) {
        // Split at the last sign that is not part of an exponent.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        return match split {
            Some(i) => {
                let re = num(&body[..i])?;
                let im_text = &body[i..];
                let im = match im_text {
                    "+" => 1.0,
                    "-" => -1.0,
                    t => num(t)?,
                };
                Some((re, im))
            }
            None => {
                let im = match body {
                    "" | "+" => 1.0,
                    "-" => -1.0,
                    t => num(t)?,
                };
                Some((0.0, im))
            }
        };
    }
    num(s).map(|re| (re, 0.0))
}
