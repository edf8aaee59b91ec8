//! The `math` module.

use crate::modules::builtins::small_int;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::make_module;
use crate::object::value::Value;
use crate::protocol::ops::{int_of, int_value, IntVal};
use crate::types::number::real;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

pub(crate) fn args_n(name: &str, args: &[Value], kw: Kw<'_>, n: usize) -> PyResult<()> {
    if let Some((k, _)) = kw.first() {
        return raise(
            ExcKind::TypeError,
            format!("{name}() takes no keyword arguments (got '{k}')"),
        );
    }
    if args.len() != n {
        let msg = if n == 1 {
            format!(
                "math.{name}() takes exactly one argument ({} given)",
                args.len()
            )
        } else {
            format!("{name} expected {n} arguments, got {}", args.len())
        };
        return raise(ExcKind::TypeError, msg);
    }
    Ok(())
}

fn domain() -> PyResult<Value> {
    raise(ExcKind::ValueError, "math domain error")
}

pub(crate) fn checked(name: &str, x: f64, r: f64) -> PyResult<Value> {
    let _ = name;
    if r.is_nan() && !x.is_nan() {
        return domain();
    }
    if r.is_infinite() && x.is_finite() {
        return raise(ExcKind::OverflowError, "math range error");
    }
    Ok(Value::Float(r))
}

macro_rules! unary_float {
    ($($fname:ident => $name:literal, $f:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
                args_n($name, args, kw, 1)?;
                let x = real(vm, &args[0])?;
                let f: fn(f64) -> f64 = $f;
                checked($name, x, f(x))
            }
        )*
    };
}

unary_float! {
    m_sin => "sin", f64::sin;
    m_cos => "cos", f64::cos;
    m_tan => "tan", f64::tan;
    m_asin => "asin", f64::asin;
    m_acos => "acos", f64::acos;
    m_atan => "atan", f64::atan;
    m_sinh => "sinh", f64::sinh;
    m_cosh => "cosh", f64::cosh;
    m_tanh => "tanh", f64::tanh;
    m_exp => "exp", f64::exp;
    m_fabs => "fabs", f64::abs;
    m_degrees => "degrees", f64::to_degrees;
    m_radians => "radians", f64::to_radians;
}

fn m_sqrt(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("sqrt", args, kw, 1)?;
    let x = real(vm, &args[0])?;
    if x < 0.0 {
        return domain();
    }
    Ok(Value::Float(x.sqrt()))
}

fn log_of(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    log_in(vm, v, f64::ln, std::f64::consts::LN_2)
}

/// A logarithm (`log` = ln, log2, log10 with `ln2` its value at 2) of an
/// int or float; huge ints as `log(b / 2**k) + k log(2)`, as CPython's
/// `loghelper`, so they need not fit in a float.
fn log_in(vm: &mut Vm, v: &Value, log: fn(f64) -> f64, log_2: f64) -> PyResult<f64> {
    if let Some(IntVal::Big(b)) = int_of(v) {
        if !b.is_positive() {
            return domain().map(|_| 0.0);
        }
        let k = b.bits().saturating_sub(60);
        let top: BigInt = b >> k as usize;
        let t = num_traits::ToPrimitive::to_f64(&top).unwrap_or(f64::MAX);
        return Ok(log(t) + k as f64 * log_2);
    }
    let x = real(vm, v)?;
    if x <= 0.0 {
        return domain().map(|_| 0.0);
    }
    Ok(log(x))
}

fn m_log(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() || args.is_empty() || args.len() > 2 {
        return raise(
            ExcKind::TypeError,
            format!("log expected 1 or 2 arguments, got {}", args.len()),
        );
    }
    let num = log_of(vm, &args[0])?;
    if args.len() == 2 {
        let den = log_of(vm, &args[1])?;
        if den == 0.0 {
            return raise(ExcKind::ZeroDivisionError, "float division by zero");
        }
        return Ok(Value::Float(num / den));
    }
    Ok(Value::Float(num))
}

fn m_log2(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("log2", args, kw, 1)?;
    Ok(Value::Float(log_in(vm, &args[0], f64::log2, 1.0)?))
}

fn m_log10(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("log10", args, kw, 1)?;
    Ok(Value::Float(log_in(
        vm,
        &args[0],
        f64::log10,
        std::f64::consts::LOG10_2,
    )?))
}

/// `floor`/`ceil`/`trunc`: an int or float rounded; another object by
/// its `__floor__`/`__ceil__`/`__trunc__`, else (not for `trunc`) its
/// real value rounded.
fn round_with(vm: &mut Vm, v: &Value, dunder: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let plain =
        matches!(crate::object::instance::unwrap(v), Value::Float(_)) || int_of(v).is_some();
    if !plain {
        if let Some(r) = crate::object::classes::call_special(vm, v, dunder, &[])? {
            return Ok(r);
        }
        if dunder == "__trunc__" {
            return raise(
                ExcKind::TypeError,
                format!(
                    "type {} doesn't define __trunc__ method",
                    crate::object::heap::type_name(v)
                ),
            );
        }
        let x = real(vm, v)?;
        return crate::types::number::round_to_int(&Value::Float(x), f);
    }
    crate::types::number::round_to_int(v, f)
}

pub(crate) fn m_floor(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    args_n("floor", args, kw, 1)?;
    round_with(vm, &args[0], "__floor__", f64::floor)
}

pub(crate) fn m_ceil(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    args_n("ceil", args, kw, 1)?;
    round_with(vm, &args[0], "__ceil__", f64::ceil)
}

pub(crate) fn m_trunc(
    vm: &mut Vm,
    _: Option<&Value>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    args_n("trunc", args, kw, 1)?;
    round_with(vm, &args[0], "__trunc__", f64::trunc)
}

fn m_pow(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("pow", args, kw, 2)?;
    let (x, y) = (real(vm, &args[0])?, real(vm, &args[1])?);
    if x == 0.0 && y < 0.0 {
        return domain();
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return domain();
    }
    checked("pow", x, x.powf(y))
}

fn m_atan2(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("atan2", args, kw, 2)?;
    Ok(Value::Float(real(vm, &args[0])?.atan2(real(vm, &args[1])?)))
}

fn m_hypot(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return raise(ExcKind::TypeError, "hypot() takes no keyword arguments");
    }
    let mut acc = 0.0f64;
    for a in args {
        acc = acc.hypot(real(vm, a)?);
    }
    Ok(Value::Float(acc))
}

fn m_copysign(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("copysign", args, kw, 2)?;
    Ok(Value::Float(
        real(vm, &args[0])?.copysign(real(vm, &args[1])?),
    ))
}

fn m_fmod(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("fmod", args, kw, 2)?;
    let (x, y) = (real(vm, &args[0])?, real(vm, &args[1])?);
    if y == 0.0 && !x.is_nan() {
        return domain();
    }
    Ok(Value::Float(x % y))
}

fn pred(
    vm: &mut Vm,
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    f: fn(f64) -> bool,
) -> PyResult<Value> {
    args_n(name, args, kw, 1)?;
    Ok(Value::Bool(f(real(vm, &args[0])?)))
}

fn m_isnan(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pred(vm, a, kw, "isnan", f64::is_nan)
}

fn m_isinf(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pred(vm, a, kw, "isinf", f64::is_infinite)
}

fn m_isfinite(vm: &mut Vm, _: Option<&Value>, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    pred(vm, a, kw, "isfinite", f64::is_finite)
}

fn int_arg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<BigInt> {
    let v = &crate::protocol::index_value(vm, v)?;
    match int_of(v) {
        Some(i) => Ok(i.to_big()),
        None => match v {
            Value::Float(_) if fname == "factorial" => raise(
                ExcKind::TypeError,
                "'float' object cannot be interpreted as an integer",
            ),
            _ => crate::protocol::ops::not_an_integer(v),
        },
    }
}

fn m_factorial(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("factorial", args, kw, 1)?;
    let n = int_arg(vm, &args[0], "factorial")?;
    if n.is_negative() {
        return raise(
            ExcKind::ValueError,
            "factorial() not defined for negative values",
        );
    }
    let Some(n) = small_int(&int_value(n)).filter(|&n| n <= 100_000) else {
        return raise(
            ExcKind::OverflowError,
            "factorial() argument should not exceed 100000",
        );
    };
    let mut acc = BigInt::one();
    for k in 2..=n {
        acc *= k;
    }
    Ok(int_value(acc))
}

fn m_gcd(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return raise(ExcKind::TypeError, "gcd() takes no keyword arguments");
    }
    let mut acc = BigInt::zero();
    for a in args {
        acc = acc.gcd(&int_arg(vm, a, "gcd")?);
    }
    Ok(int_value(acc))
}

fn m_isqrt(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    args_n("isqrt", args, kw, 1)?;
    let n = int_arg(vm, &args[0], "isqrt")?;
    if n.is_negative() {
        return raise(ExcKind::ValueError, "isqrt() argument must be nonnegative");
    }
    Ok(int_value(n.sqrt()))
}

/// Builds the `math` module.
pub fn module() -> Value {
    let mut attrs = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
        ("sqrt", builtin_fn("sqrt", m_sqrt)),
        ("sin", builtin_fn("sin", m_sin)),
        ("cos", builtin_fn("cos", m_cos)),
        ("tan", builtin_fn("tan", m_tan)),
        ("asin", builtin_fn("asin", m_asin)),
        ("acos", builtin_fn("acos", m_acos)),
        ("atan", builtin_fn("atan", m_atan)),
        ("atan2", builtin_fn("atan2", m_atan2)),
        ("sinh", builtin_fn("sinh", m_sinh)),
        ("cosh", builtin_fn("cosh", m_cosh)),
        ("tanh", builtin_fn("tanh", m_tanh)),
        ("exp", builtin_fn("exp", m_exp)),
        ("log", builtin_fn("log", m_log)),
        ("log2", builtin_fn("log2", m_log2)),
        ("log10", builtin_fn("log10", m_log10)),
        ("pow", builtin_fn("pow", m_pow)),
        ("fabs", builtin_fn("fabs", m_fabs)),
        ("floor", builtin_fn("floor", m_floor)),
        ("ceil", builtin_fn("ceil", m_ceil)),
        ("trunc", builtin_fn("trunc", m_trunc)),
        ("hypot", builtin_fn("hypot", m_hypot)),
        ("copysign", builtin_fn("copysign", m_copysign)),
        ("fmod", builtin_fn("fmod", m_fmod)),
        ("degrees", builtin_fn("degrees", m_degrees)),
        ("radians", builtin_fn("radians", m_radians)),
        ("isnan", builtin_fn("isnan", m_isnan)),
        ("isinf", builtin_fn("isinf", m_isinf)),
        ("isfinite", builtin_fn("isfinite", m_isfinite)),
        ("factorial", builtin_fn("factorial", m_factorial)),
        ("gcd", builtin_fn("gcd", m_gcd)),
        ("isqrt", builtin_fn("isqrt", m_isqrt)),
    ];
    attrs.extend(crate::modules::math_more::attrs());
    make_module("math", attrs)
}
