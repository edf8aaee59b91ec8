//! `cmath` (CPython's `Modules/cmathmodule.c`): the complex functions
//! with C99 Annex G's answers for infinities, NaNs and signed zeros (the
//! 7×7 special-value tables, indexed by the kinds of the real and
//! imaginary parts), CPython's formulas for accuracy near the branch
//! cuts and for large and subnormal arguments, and its errors:
//! `ValueError("math domain error")` where Annex G signals invalid or
//! divide-by-zero, `OverflowError("math range error")` on overflow.

use crate::object::args::arity;
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{builtin_fn, make_module, new_tuple, type_name, ComplexObj, Object};
use crate::object::value::Value;
use crate::types::complex::make as complex;
use crate::vm::Vm;
use std::f64::consts::{E, LN_2, PI};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A complex number: (real, imaginary).
#[derive(Clone, Copy)]
struct C {
    re: f64,
    im: f64,
}

const fn c(re: f64, im: f64) -> C {
    C { re, im }
}

/// What went wrong, as CPython's `errno` after a `c_*` function.
#[derive(Clone, Copy, PartialEq)]
enum Errno {
    Ok,
    /// Invalid or divide-by-zero: ValueError.
    Dom,
    /// Overflow: OverflowError.
    Range,
}

const LARGE: f64 = f64::MAX / 4.0;
const LN10: f64 = std::f64::consts::LN_10;
/// 2·⌊53/2⌋+1: scaling by 2**SCALE_UP makes a subnormal normal.
const SCALE_UP: i32 = 53;
const SCALE_DOWN: i32 = -(SCALE_UP + 1) / 2;

fn large_sqrt() -> f64 {
    LARGE.sqrt()
}

fn large_log() -> f64 {
    LARGE.ln()
}

extern "C" {
    /// The C library's `asinh`, which CPython calls: the Rust port in the
    /// `libm` crate and `f64::asinh` can differ from it in the last bit.
    #[link_name = "asinh"]
    fn libc_asinh(x: f64) -> f64;
}

fn c_asinh_real(x: f64) -> f64 {
    // SAFETY: `asinh` is a pure function of its argument in the C math
    // library every supported platform links (glibc's libm, libSystem).
    unsafe { libc_asinh(x) }
}

/// The seven kinds of double the tables are indexed by.
fn kind(d: f64) -> usize {
    if d.is_finite() {
        match (d != 0.0, d.is_sign_positive()) {
            (true, true) => 4,
            (true, false) => 1,
            (false, true) => 3,
            (false, false) => 2,
        }
    } else if d.is_nan() {
        6
    } else if d > 0.0 {
        5
    } else {
        0
    }
}

const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;
const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
/// A placeholder for table entries finite arguments never reach.
const U: f64 = -9.542631940771103e33;

type Table = [[C; 7]; 7];

#[rustfmt::skip]
static ACOS: Table = [
    [c(P34, INF), c(P, INF), c(P, INF), c(P, -INF), c(P, -INF), c(P34, -INF), c(N, INF)],
    [c(P12, INF), c(U, U), c(U, U), c(U, U), c(U, U), c(P12, -INF), c(N, N)],
    [c(P12, INF), c(U, U), c(P12, 0.), c(P12, -0.), c(U, U), c(P12, -INF), c(P12, N)],
    [c(P12, INF), c(U, U), c(P12, 0.), c(P12, -0.), c(U, U), c(P12, -INF), c(P12, N)],
    [c(P12, INF), c(U, U), c(U, U), c(U, U), c(U, U), c(P12, -INF), c(N, N)],
    [c(P14, INF), c(0., INF), c(0., INF), c(0., -INF), c(0., -INF), c(P14, -INF), c(N, INF)],
    [c(N, INF), c(N, N), c(N, N), c(N, N), c(N, N), c(N, -INF), c(N, N)],
];

#[rustfmt::skip]
static ACOSH: Table = [
    [c(INF, -P34), c(INF, -P), c(INF, -P), c(INF, P), c(INF, P), c(INF, P34), c(INF, N)],
    [c(INF, -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(0., -P12), c(0., P12), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(0., -P12), c(0., P12), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P14), c(INF, -0.), c(INF, -0.), c(INF, 0.), c(INF, 0.), c(INF, P14), c(INF, N)],
    [c(INF, N), c(N, N), c(N, N), c(N, N), c(N, N), c(INF, N), c(N, N)],
];

#[rustfmt::skip]
static ASINH: Table = [
    [c(-INF, -P14), c(-INF, -0.), c(-INF, -0.), c(-INF, 0.), c(-INF, 0.), c(-INF, P14), c(-INF, N)],
    [c(-INF, -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(-INF, P12), c(N, N)],
    [c(-INF, -P12), c(U, U), c(-0., -0.), c(-0., 0.), c(U, U), c(-INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P14), c(INF, -0.), c(INF, -0.), c(INF, 0.), c(INF, 0.), c(INF, P14), c(INF, N)],
    [c(INF, N), c(N, N), c(N, -0.), c(N, 0.), c(N, N), c(INF, N), c(N, N)],
];

#[rustfmt::skip]
static ATANH: Table = [
    [c(-0., -P12), c(-0., -P12), c(-0., -P12), c(-0., P12), c(-0., P12), c(-0., P12), c(-0., N)],
    [c(-0., -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(-0., P12), c(N, N)],
    [c(-0., -P12), c(U, U), c(-0., -0.), c(-0., 0.), c(U, U), c(-0., P12), c(-0., N)],
    [c(0., -P12), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(0., P12), c(0., N)],
    [c(0., -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(0., P12), c(N, N)],
    [c(0., -P12), c(0., -P12), c(0., -P12), c(0., P12), c(0., P12), c(0., P12), c(0., N)],
    [c(0., -P12), c(N, N), c(N, N), c(N, N), c(N, N), c(0., P12), c(N, N)],
];

#[rustfmt::skip]
static COSH: Table = [
    [c(INF, N), c(U, U), c(INF, 0.), c(INF, -0.), c(U, U), c(INF, N), c(INF, N)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(N, 0.), c(U, U), c(1., 0.), c(1., -0.), c(U, U), c(N, 0.), c(N, 0.)],
    [c(N, 0.), c(U, U), c(1., -0.), c(1., 0.), c(U, U), c(N, 0.), c(N, 0.)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(INF, N), c(U, U), c(INF, -0.), c(INF, 0.), c(U, U), c(INF, N), c(INF, N)],
    [c(N, N), c(N, N), c(N, 0.), c(N, 0.), c(N, N), c(N, N), c(N, N)],
];

#[rustfmt::skip]
static EXP: Table = [
    [c(0., 0.), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(0., 0.), c(0., 0.)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(N, N), c(U, U), c(1., -0.), c(1., 0.), c(U, U), c(N, N), c(N, N)],
    [c(N, N), c(U, U), c(1., -0.), c(1., 0.), c(U, U), c(N, N), c(N, N)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(INF, N), c(U, U), c(INF, -0.), c(INF, 0.), c(U, U), c(INF, N), c(INF, N)],
    [c(N, N), c(N, N), c(N, -0.), c(N, 0.), c(N, N), c(N, N), c(N, N)],
];

#[rustfmt::skip]
static LOG: Table = [
    [c(INF, -P34), c(INF, -P), c(INF, -P), c(INF, P), c(INF, P), c(INF, P34), c(INF, N)],
    [c(INF, -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(-INF, -P), c(-INF, P), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(-INF, -0.), c(-INF, 0.), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P12), c(U, U), c(U, U), c(U, U), c(U, U), c(INF, P12), c(N, N)],
    [c(INF, -P14), c(INF, -0.), c(INF, -0.), c(INF, 0.), c(INF, 0.), c(INF, P14), c(INF, N)],
    [c(INF, N), c(N, N), c(N, N), c(N, N), c(N, N), c(INF, N), c(N, N)],
];

#[rustfmt::skip]
static SINH: Table = [
    [c(INF, N), c(U, U), c(-INF, -0.), c(-INF, 0.), c(U, U), c(INF, N), c(INF, N)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(0., N), c(U, U), c(-0., -0.), c(-0., 0.), c(U, U), c(0., N), c(0., N)],
    [c(0., N), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(0., N), c(0., N)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(INF, N), c(U, U), c(INF, -0.), c(INF, 0.), c(U, U), c(INF, N), c(INF, N)],
    [c(N, N), c(N, N), c(N, -0.), c(N, 0.), c(N, N), c(N, N), c(N, N)],
];

#[rustfmt::skip]
static SQRT: Table = [
    [c(INF, -INF), c(0., -INF), c(0., -INF), c(0., INF), c(0., INF), c(INF, INF), c(N, INF)],
    [c(INF, -INF), c(U, U), c(U, U), c(U, U), c(U, U), c(INF, INF), c(N, N)],
    [c(INF, -INF), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(INF, INF), c(N, N)],
    [c(INF, -INF), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(INF, INF), c(N, N)],
    [c(INF, -INF), c(U, U), c(U, U), c(U, U), c(U, U), c(INF, INF), c(N, N)],
    [c(INF, -INF), c(INF, -0.), c(INF, -0.), c(INF, 0.), c(INF, 0.), c(INF, INF), c(INF, N)],
    [c(INF, -INF), c(N, N), c(N, N), c(N, N), c(N, N), c(INF, INF), c(N, N)],
];

#[rustfmt::skip]
static TANH: Table = [
    [c(-1., 0.), c(U, U), c(-1., -0.), c(-1., 0.), c(U, U), c(-1., 0.), c(-1., 0.)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(N, N), c(U, U), c(-0., -0.), c(-0., 0.), c(U, U), c(N, N), c(N, N)],
    [c(N, N), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(N, N), c(N, N)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(1., 0.), c(U, U), c(1., -0.), c(1., 0.), c(U, U), c(1., 0.), c(1., 0.)],
    [c(N, N), c(N, N), c(N, -0.), c(N, 0.), c(N, N), c(N, N), c(N, N)],
];

#[rustfmt::skip]
static RECT: Table = [
    [c(INF, N), c(U, U), c(-INF, 0.), c(-INF, -0.), c(U, U), c(INF, N), c(INF, N)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(0., 0.), c(U, U), c(-0., 0.), c(-0., -0.), c(U, U), c(0., 0.), c(0., 0.)],
    [c(0., 0.), c(U, U), c(0., -0.), c(0., 0.), c(U, U), c(0., 0.), c(0., 0.)],
    [c(N, N), c(U, U), c(U, U), c(U, U), c(U, U), c(N, N), c(N, N)],
    [c(INF, N), c(U, U), c(INF, -0.), c(INF, 0.), c(U, U), c(INF, N), c(INF, N)],
    [c(N, N), c(N, N), c(N, 0.), c(N, 0.), c(N, N), c(N, N), c(N, N)],
];

/// The table's answer for a non-finite `z`.
fn special(z: C, table: &Table) -> Option<(C, Errno)> {
    if z.re.is_finite() && z.im.is_finite() {
        return None;
    }
    Some((table[kind(z.re)][kind(z.im)], Errno::Ok))
}

fn neg(z: C) -> C {
    c(-z.re, -z.im)
}

fn c_sqrt(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &SQRT) {
        return r;
    }
    if z.re == 0.0 && z.im == 0.0 {
        return (c(0.0, z.im), Errno::Ok);
    }
    let mut ax = z.re.abs();
    let ay = z.im.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE && (ax > 0.0 || ay > 0.0) {
        // hypot(ax, ay) would be subnormal: scale up first.
        ax = libm::ldexp(ax, SCALE_UP);
        libm::ldexp(
            (ax + ax.hypot(libm::ldexp(ay, SCALE_UP))).sqrt(),
            SCALE_DOWN,
        )
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.re >= 0.0 {
        (c(s, d.copysign(z.im)), Errno::Ok)
    } else {
        (c(d, s.copysign(z.im)), Errno::Ok)
    }
}

fn c_acos(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ACOS) {
        return r;
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let re = z.im.abs().atan2(z.re);
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0;
        let im = if z.re < 0.0 {
            -l.copysign(z.im)
        } else {
            l.copysign(-z.im)
        };
        c(re, im)
    } else {
        let s1 = c_sqrt(c(1.0 - z.re, -z.im)).0;
        let s2 = c_sqrt(c(1.0 + z.re, z.im)).0;
        c(
            2.0 * s1.re.atan2(s2.re),
            c_asinh_real(s2.re * s1.im - s2.im * s1.re),
        )
    };
    (r, Errno::Ok)
}

fn c_acosh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ACOSH) {
        return r;
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        c(
            (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0,
            z.im.atan2(z.re),
        )
    } else {
        let s1 = c_sqrt(c(z.re - 1.0, z.im)).0;
        let s2 = c_sqrt(c(z.re + 1.0, z.im)).0;
        c(
            c_asinh_real(s1.re * s2.re + s1.im * s2.im),
            2.0 * s1.im.atan2(s2.re),
        )
    };
    (r, Errno::Ok)
}

fn c_asinh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ASINH) {
        return r;
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0;
        let re = if z.im >= 0.0 {
            l.copysign(z.re)
        } else {
            -l.copysign(-z.re)
        };
        c(re, z.im.atan2(z.re.abs()))
    } else {
        let s1 = c_sqrt(c(1.0 + z.im, -z.re)).0;
        let s2 = c_sqrt(c(1.0 - z.im, z.re)).0;
        c(
            c_asinh_real(s1.re * s2.im - s2.re * s1.im),
            z.im.atan2(s1.re * s2.re - s1.im * s2.im),
        )
    };
    (r, Errno::Ok)
}

fn c_asin(z: C) -> (C, Errno) {
    let (s, e) = c_asinh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

fn c_atanh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ATANH) {
        return r;
    }
    if z.re < 0.0 {
        let (r, e) = c_atanh(neg(z));
        return (neg(r), e);
    }
    let ay = z.im.abs();
    if z.re > large_sqrt() || ay > large_sqrt() {
        // atanh(z) ~ 1/z ± iπ/2 for large z.
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        (
            c(z.re / 4.0 / h / h, -(PI / 2.0).copysign(-z.im)),
            Errno::Ok,
        )
    } else if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            (c(INF, z.im), Errno::Dom)
        } else {
            let re = -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln();
            (c(re, (2.0f64.atan2(-ay) / 2.0).copysign(z.im)), Errno::Ok)
        }
    } else {
        let re = (4.0 * z.re / ((1.0 - z.re) * (1.0 - z.re) + ay * ay)).ln_1p() / 4.0;
        let im = -(-2.0 * z.im).atan2((1.0 - z.re) * (1.0 + z.re) - ay * ay) / 2.0;
        (c(re, im), Errno::Ok)
    }
}

fn c_atan(z: C) -> (C, Errno) {
    let (s, e) = c_atanh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

/// `cosh`, `sinh` and `exp` share their treatment of an infinite real
/// part with a finite nonzero imaginary one.
fn c_cosh(z: C) -> (C, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                c(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                c(INF.copysign(z.im.cos()), -INF.copysign(z.im.sin()))
            }
        } else {
            COSH[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && !z.re.is_nan() {
            Errno::Dom
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re.abs() > large_log() {
        let x = z.re - 1f64.copysign(z.re);
        c(z.im.cos() * x.cosh() * E, z.im.sin() * x.sinh() * E)
    } else {
        c(z.im.cos() * z.re.cosh(), z.im.sin() * z.re.sinh())
    };
    overflow_check(r)
}

fn overflow_check(r: C) -> (C, Errno) {
    if r.re.is_infinite() || r.im.is_infinite() {
        (r, Errno::Range)
    } else {
        (r, Errno::Ok)
    }
}

fn c_cos(z: C) -> (C, Errno) {
    c_cosh(c(-z.im, z.re))
}

fn c_sinh(z: C) -> (C, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                c(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                c(-INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            }
        } else {
            SINH[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && !z.re.is_nan() {
            Errno::Dom
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re.abs() > large_log() {
        let x = z.re - 1f64.copysign(z.re);
        c(z.im.cos() * x.sinh() * E, z.im.sin() * x.cosh() * E)
    } else {
        c(z.im.cos() * z.re.sinh(), z.im.sin() * z.re.cosh())
    };
    overflow_check(r)
}

fn c_sin(z: C) -> (C, Errno) {
    let (s, e) = c_sinh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

fn c_tanh(z: C) -> (C, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let im = 0f64.copysign(2.0 * z.im.sin() * z.im.cos());
            c(if z.re > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            TANH[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && z.re.is_finite() {
            Errno::Dom
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re.abs() > large_log() {
        c(
            1f64.copysign(z.re),
            4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
        )
    } else {
        let tx = z.re.tanh();
        let ty = z.im.tan();
        let cx = 1.0 / z.re.cosh();
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        c(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, Errno::Ok)
}

fn c_tan(z: C) -> (C, Errno) {
    let (s, e) = c_tanh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

fn c_exp(z: C) -> (C, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                c(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                c(0f64.copysign(z.im.cos()), 0f64.copysign(z.im.sin()))
            }
        } else {
            EXP[kind(z.re)][kind(z.im)]
        };
        let e = if z.im.is_infinite() && (z.re.is_finite() || z.re == INF) {
            Errno::Dom
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re > large_log() {
        let l = (z.re - 1.0).exp();
        c(l * z.im.cos() * E, l * z.im.sin() * E)
    } else {
        let l = z.re.exp();
        c(l * z.im.cos(), l * z.im.sin())
    };
    overflow_check(r)
}

fn c_log(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &LOG) {
        return r;
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let re = if ax > LARGE || ay > LARGE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            // hypot(ax, ay) would be subnormal: scale up first.
            libm::ldexp(ax, 53).hypot(libm::ldexp(ay, 53)).ln() - 53.0 * LN_2
        } else {
            return (c(-INF, z.im.atan2(z.re)), Errno::Dom);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    (c(re, z.im.atan2(z.re)), Errno::Ok)
}

fn c_log10(z: C) -> (C, Errno) {
    let (r, e) = c_log(z);
    (c(r.re / LN10, r.im / LN10), e)
}

/// `atan2` of the parts, with C99's answers for infinities and NaNs.
fn phase_of(z: C) -> f64 {
    if z.re.is_nan() || z.im.is_nan() {
        return N;
    }
    if z.im.is_infinite() {
        if z.re.is_infinite() {
            return if z.re.is_sign_positive() {
                (0.25 * PI).copysign(z.im)
            } else {
                (0.75 * PI).copysign(z.im)
            };
        }
        return (0.5 * PI).copysign(z.im);
    }
    if z.re.is_infinite() || z.im == 0.0 {
        return if z.re.is_sign_positive() {
            0f64.copysign(z.im)
        } else {
            PI.copysign(z.im)
        };
    }
    z.im.atan2(z.re)
}

/// CPython's `_Py_c_abs`: hypot, with NaN only when no part is infinite,
/// and overflow reported.
fn abs_of(z: C) -> (f64, Errno) {
    if !z.re.is_finite() || !z.im.is_finite() {
        if z.re.is_infinite() || z.im.is_infinite() {
            return (INF, Errno::Ok);
        }
        return (N, Errno::Ok);
    }
    let r = z.re.hypot(z.im);
    if r.is_infinite() {
        (r, Errno::Range)
    } else {
        (r, Errno::Ok)
    }
}

/// CPython's complex division (`_Py_c_quot`, Smith's method), for
/// `log(x, base)`.
fn quot(a: C, b: C) -> (C, Errno) {
    let abs_breal = b.re.abs();
    let abs_bimag = b.im.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return (c(0.0, 0.0), Errno::Dom);
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        (
            c((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom),
            Errno::Ok,
        )
    } else if abs_bimag >= abs_breal {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        (
            c((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom),
            Errno::Ok,
        )
    } else {
        (c(N, N), Errno::Ok)
    }
}

fn finish(r: C, e: Errno) -> PyResult<Value> {
    match e {
        Errno::Ok => Ok(complex(r.re, r.im)),
        Errno::Dom => raise(ExcKind::ValueError, "math domain error"),
        Errno::Range => raise(ExcKind::OverflowError, "math range error"),
    }
}

/// An argument as a complex number, as CPython's `PyComplex_AsCComplex`:
/// a complex, else the object's `__complex__`, else its real value.
fn complex_arg(vm: &mut Vm, v: &Value) -> PyResult<C> {
    if let Some(Object::Complex(ComplexObj { re, im })) =
        crate::object::instance::unwrap(v).as_obj()
    {
        return Ok(c(*re, *im));
    }
    if crate::object::classes::has_dunders(v) {
        if let Some((re, im)) = crate::types::complex::via_dunder(vm, v)? {
            return Ok(c(re, im));
        }
    }
    if crate::object::heap::as_str(v).is_some() || matches!(v, Value::None) {
        return raise(
            ExcKind::TypeError,
            format!("must be real number, not {}", type_name(v)),
        );
    }
    Ok(c(crate::types::number::real(vm, v)?, 0.0))
}

fn one_arg(name: &str, args: &[Value], kw: Kw<'_>) -> PyResult<()> {
    crate::modules::math::args_n(name, args, kw, 1)
}

macro_rules! unary {
    ($($fname:ident => $name:literal, $f:ident;)*) => {
        $(
            fn $fname(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
                one_arg($name, args, kw)?;
                let z = complex_arg(vm, &args[0])?;
                let (r, e) = $f(z);
                finish(r, e)
            }
        )*
    };
}

unary! {
    m_acos => "acos", c_acos;
    m_acosh => "acosh", c_acosh;
    m_asin => "asin", c_asin;
    m_asinh => "asinh", c_asinh;
    m_atan => "atan", c_atan;
    m_atanh => "atanh", c_atanh;
    m_cos => "cos", c_cos;
    m_cosh => "cosh", c_cosh;
    m_exp => "exp", c_exp;
    m_log10 => "log10", c_log10;
    m_sin => "sin", c_sin;
    m_sinh => "sinh", c_sinh;
    m_sqrt => "sqrt", c_sqrt;
    m_tan => "tan", c_tan;
    m_tanh => "tanh", c_tanh;
}

fn m_log(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::object::args::no_kwargs("log", kw)?;
    arity("log", args, 1, 2)?;
    let x = complex_arg(vm, &args[0])?;
    let (mut r, mut e) = c_log(x);
    if let Some(base) = args.get(1) {
        let y = complex_arg(vm, base)?;
        let (ly, ey) = c_log(y);
        let (q, eq) = quot(r, ly);
        r = q;
        // As CPython's: the base's logarithm sets errno anew, and the
        // division only on a zero divisor.
        e = if eq == Errno::Ok { ey } else { eq };
    }
    finish(r, e)
}

fn m_phase(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one_arg("phase", args, kw)?;
    let z = complex_arg(vm, &args[0])?;
    Ok(Value::Float(phase_of(z)))
}

fn m_polar(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one_arg("polar", args, kw)?;
    let z = complex_arg(vm, &args[0])?;
    let phi = phase_of(z);
    match abs_of(z) {
        (r, Errno::Ok) => Ok(new_tuple(vec![Value::Float(r), Value::Float(phi)])),
        _ => raise(ExcKind::OverflowError, "math range error"),
    }
}

fn m_rect(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::modules::math::args_n("rect", args, kw, 2)?;
    let r = crate::types::number::real(vm, &args[0])?;
    let phi = crate::types::number::real(vm, &args[1])?;
    if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            if r > 0.0 {
                c(INF.copysign(phi.cos()), INF.copysign(phi.sin()))
            } else {
                c(-INF.copysign(phi.cos()), -INF.copysign(phi.sin()))
            }
        } else {
            RECT[kind(r)][kind(phi)]
        };
        let e = if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            Errno::Dom
        } else {
            Errno::Ok
        };
        return finish(z, e);
    }
    if phi == 0.0 {
        return finish(c(r, r * phi), Errno::Ok);
    }
    finish(c(r * phi.cos(), r * phi.sin()), Errno::Ok)
}

fn predicate(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
    f: fn(C) -> bool,
) -> PyResult<Value> {
    one_arg(name, args, kw)?;
    let z = complex_arg(vm, &args[0])?;
    Ok(Value::Bool(f(z)))
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
    let (mut rel_tol, mut abs_tol) = (1e-9, 0.0);
    for (k, v) in kw {
        match &**k {
            "rel_tol" => rel_tol = crate::types::number::real(vm, v)?,
            "abs_tol" => abs_tol = crate::types::number::real(vm, v)?,
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("isclose() got an unexpected keyword argument '{k}'"),
                )
            }
        }
    }
    let a = complex_arg(vm, &args[0])?;
    let b = complex_arg(vm, &args[1])?;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return raise(ExcKind::ValueError, "tolerances must be non-negative");
    }
    if a.re == b.re && a.im == b.im {
        return Ok(Value::Bool(true));
    }
    if a.re.is_infinite() || a.im.is_infinite() || b.re.is_infinite() || b.im.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = abs_of(c(a.re - b.re, a.im - b.im)).0;
    let close = diff <= rel_tol * abs_of(b).0 || diff <= rel_tol * abs_of(a).0 || diff <= abs_tol;
    Ok(Value::Bool(close))
}

/// The `cmath` module.
pub fn module() -> Value {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| (n, builtin_fn(n, func));
    make_module(
        "cmath",
        vec![
            f("acos", m_acos),
            f("acosh", m_acosh),
            f("asin", m_asin),
            f("asinh", m_asinh),
            f("atan", m_atan),
            f("atanh", m_atanh),
            f("cos", m_cos),
            f("cosh", m_cosh),
            f("exp", m_exp),
            f("isclose", m_isclose),
            f("isfinite", |vm, _, a, kw| {
                predicate(vm, "isfinite", a, kw, |z| {
                    z.re.is_finite() && z.im.is_finite()
                })
            }),
            f("isinf", |vm, _, a, kw| {
                predicate(vm, "isinf", a, kw, |z| {
                    z.re.is_infinite() || z.im.is_infinite()
                })
            }),
            f("isnan", |vm, _, a, kw| {
                predicate(vm, "isnan", a, kw, |z| z.re.is_nan() || z.im.is_nan())
            }),
            f("log", m_log),
            f("log10", m_log10),
            f("phase", m_phase),
            f("polar", m_polar),
            f("rect", m_rect),
            f("sin", m_sin),
            f("sinh", m_sinh),
            f("sqrt", m_sqrt),
            f("tan", m_tan),
            f("tanh", m_tanh),
            ("pi", Value::Float(PI)),
            ("e", Value::Float(E)),
            ("tau", Value::Float(std::f64::consts::TAU)),
            ("inf", Value::Float(INF)),
            ("infj", complex(0.0, INF)),
            ("nan", Value::Float(N)),
            ("nanj", complex(0.0, N)),
        ],
    )
}
