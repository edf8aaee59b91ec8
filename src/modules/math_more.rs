//! The rest of the `math` module: special functions (erf, gamma, …),
//! float decomposition (frexp, ldexp, modf, ulp, nextafter), exact
//! summation (`fsum`, Shewchuk's algorithm as CPython's `math_fsum`),
//! integer combinatorics (comb, perm, lcm), `prod`, `dist`, `isclose`.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::builtin_fn;
use crate::object::heap::new_tuple;
use crate::object::value::Value;
use crate::protocol::ops::{int_of, int_value, IntVal};
use crate::protocol::to_vec;
use crate::types::number::real;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

use crate::modules::math::args_n as n_args;

fn result(x: f64, r: f64) -> PyResult<Value> {
    crate::modules::math::checked("", x, r)
}

macro_rules! unary {
    ($($fname:ident => $name:literal, $f:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
                n_args($name, args, kw, 1)?;
                let x = real(vm, &args[0])?;
                let f: fn(f64) -> f64 = $f;
                result(x, f(x))
            }
        )*
    };
}

unary! {
    m_log1p => "log1p", |x| if x <= -1.0 { f64::NAN } else { x.ln_1p() };
    m_expm1 => "expm1", f64::exp_m1;
    m_acosh => "acosh", f64::acosh;
    m_asinh => "asinh", f64::asinh;
    m_atanh => "atanh", |x| if x.abs() >= 1.0 { f64::NAN } else { x.atanh() };
    m_cbrt => "cbrt", f64::cbrt;
    m_exp2 => "exp2", f64::exp2;
    m_erf => "erf", libm::erf;
    m_erfc => "erfc", libm::erfc;
}

// ---- gamma and lgamma: CPython's Lanczos approximation (mathmodule.c) ----

#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
#[allow(clippy::excessive_precision)]
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

fn sinpi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// `math.gamma`; Err(true) is a domain error, Err(false) a range error.
fn tgamma(x: f64) -> Result<f64, bool> {
    use std::f64::consts::PI;
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 {
            Ok(x)
        } else {
            Err(true)
        };
    }
    if x == 0.0 {
        return Err(true);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(true);
        }
        if x <= 23.0 {
            let mut f = 1.0f64;
            for i in 2..(x as i64) {
                f *= i as f64;
            }
            return Ok(f);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() { Err(false) } else { Ok(r) };
    }
    if absx > 200.0 {
        return if x < 0.0 {
            Ok(0.0 / sinpi(x))
        } else {
            Err(false)
        };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let mut z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let s = y.powf(absx / 2.0 - 0.25);
            r /= s;
            r /= s;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let s = y.powf(absx / 2.0 - 0.25);
            r *= s;
            r *= s;
        }
    }
    if r.is_infinite() {
        return Err(false);
    }
    Ok(r)
}

/// `math.lgamma`; errors as [`tgamma`].
fn lgamma(x: f64) -> Result<f64, bool> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 { Err(true) } else { Ok(0.0) };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(false);
    }
    Ok(r)
}

fn gamma_result(r: Result<f64, bool>) -> PyResult<Value> {
    match r {
        Ok(v) => Ok(Value::Float(v)),
        Err(true) => raise(ExcKind::ValueError, "math domain error"),
        Err(false) => raise(ExcKind::OverflowError, "math range error"),
    }
}

fn m_gamma(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("gamma", args, kw, 1)?;
    gamma_result(tgamma(real(vm, &args[0])?))
}

fn m_lgamma(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("lgamma", args, kw, 1)?;
    gamma_result(lgamma(real(vm, &args[0])?))
}

fn m_frexp(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("frexp", args, kw, 1)?;
    let x = real(vm, &args[0])?;
    let (m, e) = libm::frexp(x);
    Ok(new_tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

fn m_ldexp(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("ldexp", args, kw, 2)?;
    let x = real(vm, &args[0])?;
    let e = match int_of(&args[1]) {
        Some(IntVal::Small(e)) => e.clamp(-100_000, 100_000) as i32,
        Some(IntVal::Big(b)) => {
            if b.is_negative() {
                -100_000
            } else {
                100_000
            }
        }
        None => {
            return raise(
                ExcKind::TypeError,
                "Expected an int as second argument to ldexp.",
            )
        }
    };
    result(x, libm::ldexp(x, e))
}

fn m_modf(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("modf", args, kw, 1)?;
    let x = real(vm, &args[0])?;
    if x.is_infinite() {
        return Ok(new_tuple(vec![
            Value::Float(0.0f64.copysign(x)),
            Value::Float(x),
        ]));
    }
    let (f, i) = libm::modf(x);
    Ok(new_tuple(vec![Value::Float(f), Value::Float(i)]))
}

fn m_nextafter(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("nextafter", args, kw, 2)?;
    Ok(Value::Float(libm::nextafter(
        real(vm, &args[0])?,
        real(vm, &args[1])?,
    )))
}

fn m_ulp(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("ulp", args, kw, 1)?;
    let x = real(vm, &args[0])?.abs();
    if x.is_nan() || x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let next = libm::nextafter(x, f64::INFINITY);
    if next.is_infinite() {
        let prev = libm::nextafter(x, 0.0);
        return Ok(Value::Float(x - prev));
    }
    Ok(Value::Float(next - x))
}

fn m_remainder(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("remainder", args, kw, 2)?;
    let (x, y) = (real(vm, &args[0])?, real(vm, &args[1])?);
    if x.is_infinite() || y == 0.0 {
        if x.is_nan() || y.is_nan() {
            return Ok(Value::Float(f64::NAN));
        }
        return raise(ExcKind::ValueError, "math domain error");
    }
    Ok(Value::Float(libm::remainder(x, y)))
}

/// `math.fsum`: Shewchuk's exactly rounded sum, as CPython's.
fn m_fsum(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("fsum", args, kw, 1)?;
    let items = to_vec(vm, &args[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in &items {
        let mut x = real(vm, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // An infinity or nan among the inputs, or an overflow.
                if xsave.is_finite() {
                    return raise(ExcKind::OverflowError, "intermediate overflow in fsum");
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return raise(ExcKind::ValueError, "-inf + inf in fsum");
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let v = &crate::protocol::index_value(vm, v)?;
    match int_of(v) {
        Some(IntVal::Small(i)) => Ok(BigInt::from(i)),
        Some(IntVal::Big(b)) => Ok(b.clone()),
        None => crate::protocol::ops::not_an_integer(v),
    }
}

fn m_lcm(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let mut acc = BigInt::one();
    if args.is_empty() {
        return Ok(Value::Int(1));
    }
    for a in args {
        let x = big(vm, a)?;
        if x.is_zero() {
            return Ok(Value::Int(0));
        }
        acc = acc.lcm(&x);
    }
    Ok(int_value(acc.abs()))
}

fn nonneg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    let x = big(vm, v)?;
    if x.is_negative() {
        return raise(
            ExcKind::ValueError,
            format!("{what} must be a non-negative integer"),
        );
    }
    Ok(x)
}

fn falling(n: &BigInt, k: u64) -> BigInt {
    let mut r = BigInt::one();
    let mut f = n.clone();
    for _ in 0..k {
        r *= &f;
        f -= 1;
    }
    r
}

fn m_comb(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("comb", args, kw, 2)?;
    let n = nonneg(vm, &args[0], "n")?;
    let k = nonneg(vm, &args[1], "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = num_traits::ToPrimitive::to_u64(&k) else {
        return raise(
            ExcKind::OverflowError,
            "min(n - k, k) must not exceed 9223372036854775807",
        );
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    Ok(int_value(r))
}

fn m_perm(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() || args.is_empty() || args.len() > 2 {
        return raise(
            ExcKind::TypeError,
            format!("perm expected at most 2 arguments, got {}", args.len()),
        );
    }
    let n = nonneg(vm, &args[0], "n")?;
    let k = match args.get(1).filter(|v| !matches!(v, Value::None)) {
        Some(k) => nonneg(vm, k, "k")?,
        None => n.clone(),
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = num_traits::ToPrimitive::to_u64(&k) else {
        return raise(
            ExcKind::OverflowError,
            "k must not exceed 9223372036854775807",
        );
    };
    Ok(int_value(falling(&n, k)))
}

fn m_prod(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if args.len() != 1 {
        return raise(
            ExcKind::TypeError,
            format!(
                "prod() takes exactly 1 positional argument ({} given)",
                args.len()
            ),
        );
    }
    let mut acc = Value::Int(1);
    for (k, v) in kw {
        if &**k == "start" {
            acc = v.clone();
        } else {
            return raise(
                ExcKind::TypeError,
                format!("prod() got an unexpected keyword argument '{k}'"),
            );
        }
    }
    for x in to_vec(vm, &args[0])? {
        acc = crate::protocol::binary_values(
            vm,
            taipan_bytecode::opcode::BinaryOp::Multiply,
            false,
            &acc,
            &x,
        )?;
    }
    Ok(acc)
}

fn m_dist(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    n_args("dist", args, kw, 2)?;
    let p = to_vec(vm, &args[0])?;
    let q = to_vec(vm, &args[1])?;
    if p.len() != q.len() {
        return raise(
            ExcKind::ValueError,
            "both points must have the same number of dimensions",
        );
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        diffs.push((real(vm, a)? - real(vm, b)?).abs());
    }
    Ok(Value::Float(norm(&diffs)))
}

/// The Euclidean norm, scaled against overflow.
pub fn norm(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if xs.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    match xs {
        [] => 0.0,
        [x] => x.abs(),
        [x, y] => x.hypot(*y),
        _ => {
            let max = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if max == 0.0 {
                return 0.0;
            }
            let s: f64 = xs.iter().map(|x| (x / max) * (x / max)).sum();
            max * s.sqrt()
        }
    }
}

fn m_isclose(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if args.len() != 2 {
        return raise(
            ExcKind::TypeError,
            format!(
                "isclose() takes exactly 2 positional arguments ({} given)",
                args.len()
            ),
        );
    }
    let (a, b) = (real(vm, &args[0])?, real(vm, &args[1])?);
    let mut rel = 1e-9;
    let mut abs_tol = 0.0;
    for (k, v) in kw {
        match &**k {
            "rel_tol" => rel = real(vm, v)?,
            "abs_tol" => abs_tol = real(vm, v)?,
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("isclose() got an unexpected keyword argument '{k}'"),
                )
            }
        }
    }
    if rel < 0.0 || abs_tol < 0.0 {
        return raise(ExcKind::ValueError, "tolerances must be non-negative");
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        (diff <= (rel * b).abs()) || (diff <= (rel * a).abs()) || diff <= abs_tol,
    ))
}

/// The functions this file adds to the `math` module.
pub fn attrs() -> Vec<(&'static str, Value)> {
    vec![
        ("log1p", builtin_fn("log1p", m_log1p)),
        ("expm1", builtin_fn("expm1", m_expm1)),
        ("acosh", builtin_fn("acosh", m_acosh)),
        ("asinh", builtin_fn("asinh", m_asinh)),
        ("atanh", builtin_fn("atanh", m_atanh)),
        ("cbrt", builtin_fn("cbrt", m_cbrt)),
        ("exp2", builtin_fn("exp2", m_exp2)),
        ("erf", builtin_fn("erf", m_erf)),
        ("erfc", builtin_fn("erfc", m_erfc)),
        ("gamma", builtin_fn("gamma", m_gamma)),
        ("lgamma", builtin_fn("lgamma", m_lgamma)),
        ("frexp", builtin_fn("frexp", m_frexp)),
        ("ldexp", builtin_fn("ldexp", m_ldexp)),
        ("modf", builtin_fn("modf", m_modf)),
        ("nextafter", builtin_fn("nextafter", m_nextafter)),
        ("ulp", builtin_fn("ulp", m_ulp)),
        ("remainder", builtin_fn("remainder", m_remainder)),
        ("fsum", builtin_fn("fsum", m_fsum)),
        ("lcm", builtin_fn("lcm", m_lcm)),
        ("comb", builtin_fn("comb", m_comb)),
        ("perm", builtin_fn("perm", m_perm)),
        ("prod", builtin_fn("prod", m_prod)),
        ("dist", builtin_fn("dist", m_dist)),
        ("isclose", builtin_fn("isclose", m_isclose)),
    ]
}
