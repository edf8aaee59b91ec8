//! Checking the arguments of built-in functions, with CPython's
//! messages: how many positional arguments, and no keyword arguments
//! where a function takes none.

use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::value::Value;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// TypeError unless `kw` is empty (a built-in without keyword
/// parameters, whose error names no keyword, as CPython's). Inline: the
/// check is one comparison; the error is built out of line.
#[inline]
pub fn no_kwargs(name: &str, kw: Kw<'_>) -> PyResult<()> {
    match kw.first() {
        Some(_) => takes_no_keywords(name),
        None => Ok(()),
    }
}

#[cold]
#[inline(never)]
fn takes_no_keywords(name: &str) -> PyResult<()> {
    raise(
        ExcKind::TypeError,
        format!("{name}() takes no keyword arguments"),
    )
}

/// TypeError unless `min <= args.len() <= max`, with CPython's message.
/// Inline, with the error built out of line.
#[inline]
pub fn arity(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        return arity_error(name, args, min, max);
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn arity_error(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    {
        let msg = if max == 0 {
            // CPython's message for its no-argument (METH_NOARGS) ones.
            format!("{name}() takes no arguments ({} given)", args.len())
        } else if min == max && min == 1 {
            // CPython's message for its one-argument (METH_O) functions.
            format!("{name}() takes exactly one argument ({} given)", args.len())
        } else if min == max {
            format!(
                "{name}() takes exactly {} argument{} ({} given)",
                min,
                if min == 1 { "" } else { "s" },
                args.len()
            )
        } else if args.len() < min {
            format!(
                "{name} expected at least {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                args.len()
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {}",
                if max == 1 { "" } else { "s" },
                args.len()
            )
        };
        raise(ExcKind::TypeError, msg)
    }
}

/// TypeError unless `min <= args.len() <= max`, with the message of
/// CPython's `PyArg_ParseTuple` (`find() takes at most 3 arguments (4
/// given)`), which the functions it parses report.
#[inline]
pub fn parse_tuple_arity(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        let (bound, n) = if args.len() < min {
            ("least", min)
        } else {
            ("most", max)
        };
        let plural = if n == 1 { "" } else { "s" };
        return raise(
            ExcKind::TypeError,
            format!(
                "{name}() takes at {bound} {n} argument{plural} ({} given)",
                args.len()
            ),
        );
    }
    Ok(())
}

/// Positional and keyword arguments matched to `names`, with defaults
/// None (what CPython's argument clinic does for
/// functions whose parameters are all optional or checked after).
pub(crate) fn bind_args(
    what: &str,
    names: &[&str],
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Vec<Option<Value>>> {
    if args.len() > names.len() {
        return raise(
            ExcKind::TypeError,
            format!(
                "{what}() takes at most {} argument{} ({} given)",
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                args.len()
            ),
        );
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, a) in out.iter_mut().zip(args) {
        *slot = Some(a.clone());
    }
    for (k, v) in kw {
        match names.iter().position(|n| *n == &**k) {
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(_) => {
                return raise(
                    ExcKind::TypeError,
                    format!("argument for {what}() given by name ('{k}') and position"),
                )
            }
            None => {
                return raise(
                    ExcKind::TypeError,
                    format!("{what}() got an unexpected keyword argument '{k}'"),
                )
            }
        }
    }
    Ok(out)
}

/// The receiver of a native method (bound, or the first argument of an
/// unbound call) and the other arguments.
pub(crate) fn receiver<'a>(
    s: Option<&'a Value>,
    args: &'a [Value],
) -> PyResult<(&'a Value, &'a [Value])> {
    match (s, args.split_first()) {
        (Some(r), _) => Ok((r, args)),
        (None, Some((r, rest))) => Ok((r, rest)),
        (None, None) => raise(ExcKind::TypeError, "method needs an object"),
    }
}

/// Splits call arguments into positional ones and `(name, value)` keyword
/// pairs, the shape built-ins take.
pub fn split_keywords<'a>(
    args: &'a [Value],
    kwnames: &[Rc<str>],
) -> (&'a [Value], Vec<(Rc<str>, Value)>) {
    if kwnames.is_empty() {
        return (args, Vec::new());
    }
    let npos = args.len() - kwnames.len();
    let kw = kwnames
        .iter()
        .cloned()
        .zip(args[npos..].iter().cloned())
        .collect();
    (&args[..npos], kw)
}
