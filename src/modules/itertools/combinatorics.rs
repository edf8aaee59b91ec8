//! The combinatoric iterators: `product`, `permutations`, `combinations`
//! and `combinations_with_replacement`, on index vectors as CPython
//! computes them (same order, same pickled state).

use super::{collect, ctor_args, iterator_class, make, reduce_value, state_int, stop, this};
use crate::object::args::{arity, bind_args};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::{new_tuple, Object};
use crate::object::native::{method as m, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The state every combinatoric iterator has: its pool(s), indices,
/// the last result, and whether it is done.
struct Combo {
    /// One pool (permutations, combinations) or one per factor (product).
    pools: Vec<Vec<Value>>,
    r: usize,
    indices: RefCell<Vec<usize>>,
    cycles: RefCell<Vec<usize>>,
    result: RefCell<Option<Vec<Value>>>,
    stopped: Cell<bool>,
}

impl NativeData for Combo {
    fn traverse(&self, visit: &mut crate::object::gc::Visit<'_>) {
        for p in &self.pools {
            crate::object::gc::visit_values(p.iter(), visit);
        }
        if let Ok(r) = self.result.try_borrow() {
            if let Some(r) = r.as_ref() {
                crate::object::gc::visit_values(r.iter(), visit);
            }
        }
    }
}

impl Combo {
    fn new(
        pools: Vec<Vec<Value>>,
        r: usize,
        indices: Vec<usize>,
        cycles: Vec<usize>,
        stopped: bool,
    ) -> Combo {
        Combo {
            pools,
            r,
            indices: RefCell::new(indices),
            cycles: RefCell::new(cycles),
            result: RefCell::new(None),
            stopped: Cell::new(stopped),
        }
    }

    fn pool(&self) -> &[Value] {
        self.pools.first().map_or(&[], Vec::as_slice)
    }

    fn pool_tuple(&self) -> Value {
        new_tuple(self.pool().to_vec())
    }

    /// The result for the current indices, from one pool.
    /// (The indices are in range: the constructors and `__setstate__`
    /// make them so, and a state that cannot be stops the iterator.)
    fn pick(&self, n: usize) -> Vec<Value> {
        let pool = self.pool();
        self.indices
            .borrow()
            .iter()
            .take(n)
            .filter_map(|&i| pool.get(i).cloned())
            .collect()
    }

    /// Ends the iteration.
    fn finish(&self) -> PyResult<Value> {
        self.stopped.set(true);
        stop()
    }

    fn emit(&self, items: Vec<Value>) -> PyResult<Value> {
        *self.result.borrow_mut() = Some(items.clone());
        Ok(new_tuple(items))
    }

    fn indices_tuple(&self, n: usize) -> Value {
        new_tuple(
            self.indices.borrow()[..n]
                .iter()
                .map(|&i| Value::Int(i as i64))
                .collect(),
        )
    }
}

/// The indices of a `__setstate__` tuple of `len` ints, each clamped by
/// `clamp(position, index)`.
fn state_indices(
    vm: &mut Vm,
    state: &Value,
    len: usize,
    clamp: impl Fn(usize, i64) -> usize,
) -> PyResult<Vec<usize>> {
    let items = match state.as_obj() {
        Some(Object::Tuple(t)) if t.len() == len => t.clone(),
        _ => return raise(ExcKind::ValueError, "invalid arguments"),
    };
    let mut out = Vec::with_capacity(len);
    for (i, v) in items.iter().enumerate() {
        out.push(clamp(i, state_int(vm, v)?));
    }
    Ok(out)
}

/// `r`: a non-negative int (`None` for `default`).
fn r_arg(vm: &mut Vm, what: &str, v: &Option<Value>, default: Option<usize>) -> PyResult<usize> {
    match (v, default) {
        (None, Some(d)) | (Some(Value::None), Some(d)) => Ok(d),
        (None, None) => raise(
            ExcKind::TypeError,
            format!("{what}() missing required argument 'r' (pos 2)"),
        ),
        (Some(v), _) => {
            let r = state_int(vm, v)?;
            if r < 0 {
                return raise(ExcKind::ValueError, "r must be non-negative");
            }
            Ok(r as usize)
        }
    }
}

/// The `product` type.
pub fn product_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.product", || {
        iterator_class(
            "product",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "product")?;
                let mut repeat = 1i64;
                for (k, v) in kw {
                    if &**k != "repeat" {
                        return raise(
                            ExcKind::TypeError,
                            format!("product() got an unexpected keyword argument '{k}'"),
                        );
                    }
                    repeat = state_int(vm, v)?;
                }
                if repeat < 0 {
                    return raise(ExcKind::ValueError, "repeat argument cannot be negative");
                }
                let mut one = Vec::with_capacity(rest.len());
                for x in rest {
                    one.push(collect(vm, x)?);
                }
                let mut pools = Vec::new();
                for _ in 0..repeat {
                    pools.extend(one.iter().cloned());
                }
                let n = pools.len();
                Ok(make(
                    cls,
                    product_class(),
                    Combo::new(pools, n, vec![0; n], Vec::new(), false),
                ))
            },
            |_, s, a, _| {
                let (c, _, _) = this::<Combo>(s, a, "product")?;
                if c.stopped.get() {
                    return stop();
                }
                let started = c.result.borrow().is_some();
                if !started {
                    if c.pools.iter().any(Vec::is_empty) {
                        return c.finish();
                    }
                    let first = c.pools.iter().map(|p| p[0].clone()).collect();
                    return c.emit(first);
                }
                let mut indices = c.indices.borrow_mut();
                let mut i = c.pools.len();
                loop {
                    if i == 0 {
                        drop(indices);
                        return c.finish();
                    }
                    i -= 1;
                    indices[i] += 1;
                    if indices[i] == c.pools[i].len() {
                        indices[i] = 0;
                    } else {
                        break;
                    }
                }
                let items = c
                    .pools
                    .iter()
                    .zip(indices.iter())
                    .map(|(p, &j)| p[j].clone())
                    .collect();
                drop(indices);
                c.emit(items)
            },
            vec![
                m("__reduce__", |_, s, a, _| {
                    let (c, r, _) = this::<Combo>(s, a, "product")?;
                    let pools: Vec<Value> = c.pools.iter().map(|p| new_tuple(p.clone())).collect();
                    if c.stopped.get() {
                        return Ok(reduce_value(r, vec![new_tuple(Vec::new())], None));
                    }
                    if c.result.borrow().is_none() {
                        return Ok(reduce_value(r, pools, None));
                    }
                    let n = c.pools.len();
                    Ok(reduce_value(r, pools, Some(c.indices_tuple(n))))
                }),
                m("__setstate__", |vm, s, a, _| {
                    let (c, _, rest) = this::<Combo>(s, a, "product")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let n = c.pools.len();
                    if c.pools.iter().any(Vec::is_empty) {
                        c.stopped.set(true);
                        return Ok(Value::None);
                    }
                    let sizes: Vec<usize> = c.pools.iter().map(Vec::len).collect();
                    let idx = state_indices(vm, &rest[0], n, |i, x| {
                        x.clamp(0, sizes[i] as i64 - 1) as usize
                    })?;
                    let items = c
                        .pools
                        .iter()
                        .zip(idx.iter())
                        .map(|(p, &j)| p[j].clone())
                        .collect();
                    *c.indices.borrow_mut() = idx;
                    *c.result.borrow_mut() = Some(items);
                    Ok(Value::None)
                }),
            ],
        )
    })
}

/// `__reduce__` of the one-pool iterators: the pool and `r`, and the
/// indices (and cycles, for permutations) once started.
fn reduce_one_pool(s: Option<&Value>, a: &[Value], with_cycles: bool) -> PyResult<Value> {
    let (c, r, _) = this::<Combo>(s, a, "combinations")?;
    let rv = Value::Int(c.r as i64);
    if c.result.borrow().is_none() {
        return Ok(reduce_value(r, vec![c.pool_tuple(), rv], None));
    }
    if c.stopped.get() {
        return Ok(reduce_value(r, vec![new_tuple(Vec::new()), rv], None));
    }
    let state = if with_cycles {
        let n = c.pool().len();
        let cycles = new_tuple(
            c.cycles
                .borrow()
                .iter()
                .map(|&x| Value::Int(x as i64))
                .collect(),
        );
        new_tuple(vec![c.indices_tuple(n), cycles])
    } else {
        c.indices_tuple(c.r)
    };
    Ok(reduce_value(r, vec![c.pool_tuple(), rv], Some(state)))
}

/// The `combinations` type.
pub fn combinations_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.combinations", || {
        iterator_class(
            "combinations",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "combinations")?;
                let args = bind_args("combinations", &["iterable", "r"], rest, kw)?;
                let Some(iterable) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "combinations() missing required argument 'iterable' (pos 1)",
                    );
                };
                let pool = collect(vm, iterable)?;
                let r = r_arg(vm, "combinations", &args[1], None)?;
                let n = pool.len();
                Ok(make(
                    cls,
                    combinations_class(),
                    Combo::new(vec![pool], r, (0..r).collect(), Vec::new(), r > n),
                ))
            },
            |_, s, a, _| {
                let (c, _, _) = this::<Combo>(s, a, "combinations")?;
                if c.stopped.get() {
                    return stop();
                }
                let (n, r) = (c.pool().len(), c.r);
                if c.result.borrow().is_none() {
                    return c.emit(c.pick(r));
                }
                {
                    let mut idx = c.indices.borrow_mut();
                    let mut i = r;
                    loop {
                        if i == 0 {
                            drop(idx);
                            return c.finish();
                        }
                        i -= 1;
                        if idx[i] != i + n - r {
                            break;
                        }
                    }
                    idx[i] += 1;
                    for j in i + 1..r {
                        idx[j] = idx[j - 1] + 1;
                    }
                }
                c.emit(c.pick(r))
            },
            vec![
                m("__reduce__", |_, s, a, _| reduce_one_pool(s, a, false)),
                m("__setstate__", |vm, s, a, _| {
                    let (c, _, rest) = this::<Combo>(s, a, "combinations")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let (n, r) = (c.pool().len() as i64, c.r as i64);
                    let idx = state_indices(vm, &rest[0], c.r, |i, x| {
                        x.min(i as i64 + n - r).max(0) as usize
                    })?;
                    if r > n || idx.iter().any(|&i| i >= c.pool().len()) {
                        c.stopped.set(true);
                        return Ok(Value::None);
                    }
                    *c.indices.borrow_mut() = idx;
                    *c.result.borrow_mut() = Some(c.pick(c.r));
                    Ok(Value::None)
                }),
            ],
        )
    })
}

/// The `combinations_with_replacement` type.
pub fn cwr_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.combinations_with_replacement", || {
        iterator_class(
            "combinations_with_replacement",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "combinations_with_replacement")?;
                let args = bind_args(
                    "combinations_with_replacement",
                    &["iterable", "r"],
                    rest,
                    kw,
                )?;
                let Some(iterable) = &args[0] else {
                    return raise(ExcKind::TypeError, "combinations_with_replacement() missing required argument 'iterable' (pos 1)");
                };
                let pool = collect(vm, iterable)?;
                let r = r_arg(vm, "combinations_with_replacement", &args[1], None)?;
                let stopped = pool.is_empty() && r > 0;
                Ok(make(
                    cls,
                    cwr_class(),
                    Combo::new(vec![pool], r, vec![0; r], Vec::new(), stopped),
                ))
            },
            |_, s, a, _| {
                let (c, _, _) = this::<Combo>(s, a, "combinations_with_replacement")?;
                if c.stopped.get() {
                    return stop();
                }
                let (n, r) = (c.pool().len(), c.r);
                if c.result.borrow().is_none() {
                    return c.emit(c.pick(r));
                }
                {
                    let mut idx = c.indices.borrow_mut();
                    let mut i = r;
                    loop {
                        if i == 0 {
                            drop(idx);
                            return c.finish();
                        }
                        i -= 1;
                        if idx[i] != n - 1 {
                            break;
                        }
                    }
                    let v = idx[i] + 1;
                    for slot in idx[i..r].iter_mut() {
                        *slot = v;
                    }
                }
                c.emit(c.pick(r))
            },
            vec![
                m("__reduce__", |_, s, a, _| reduce_one_pool(s, a, false)),
                m("__setstate__", |vm, s, a, _| {
                    let (c, _, rest) = this::<Combo>(s, a, "combinations_with_replacement")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let n = c.pool().len() as i64;
                    let idx =
                        state_indices(vm, &rest[0], c.r, |_, x| x.min(n - 1).max(0) as usize)?;
                    if n == 0 {
                        c.stopped.set(true);
                        return Ok(Value::None);
                    }
                    *c.indices.borrow_mut() = idx;
                    *c.result.borrow_mut() = Some(c.pick(c.r));
                    Ok(Value::None)
                }),
            ],
        )
    })
}

/// The `permutations` type.
pub fn permutations_class() -> Value {
    crate::object::builtin_types::kept_by_name("itertools.permutations", || {
        iterator_class(
            "permutations",
            |vm, _, a, kw| {
                let (cls, rest) = ctor_args(a, "permutations")?;
                let args = bind_args("permutations", &["iterable", "r"], rest, kw)?;
                let Some(iterable) = &args[0] else {
                    return raise(
                        ExcKind::TypeError,
                        "permutations() missing required argument 'iterable' (pos 1)",
                    );
                };
                let pool = collect(vm, iterable)?;
                let n = pool.len();
                let r = r_arg(vm, "permutations", &args[1], Some(n))?;
                let cycles = (0..r.min(n)).map(|i| n - i).collect();
                Ok(make(
                    cls,
                    permutations_class(),
                    Combo::new(vec![pool], r, (0..n).collect(), cycles, r > n),
                ))
            },
            |_, s, a, _| {
                let (c, _, _) = this::<Combo>(s, a, "permutations")?;
                if c.stopped.get() {
                    return stop();
                }
                let (n, r) = (c.pool().len(), c.r);
                if c.result.borrow().is_none() {
                    return c.emit(c.pick(r));
                }
                if n == 0 {
                    return c.finish();
                }
                let advanced = {
                    let mut idx = c.indices.borrow_mut();
                    let mut cycles = c.cycles.borrow_mut();
                    let mut done = true;
                    for i in (0..r).rev() {
                        cycles[i] -= 1;
                        if cycles[i] == 0 {
                            let first = idx[i];
                            for j in i..n - 1 {
                                idx[j] = idx[j + 1];
                            }
                            idx[n - 1] = first;
                            cycles[i] = n - i;
                        } else {
                            let j = cycles[i];
                            idx.swap(i, n - j);
                            done = false;
                            break;
                        }
                    }
                    !done
                };
                if !advanced {
                    return c.finish();
                }
                c.emit(c.pick(r))
            },
            vec![
                m("__reduce__", |_, s, a, _| reduce_one_pool(s, a, true)),
                m("__setstate__", |vm, s, a, _| {
                    let (c, _, rest) = this::<Combo>(s, a, "permutations")?;
                    arity("__setstate__", rest, 1, 1)?;
                    let items = match rest[0].as_obj() {
                        Some(Object::Tuple(t)) if t.len() == 2 => t.clone(),
                        _ => {
                            return raise(ExcKind::TypeError, "state is not a tuple of two tuples")
                        }
                    };
                    let n = c.pool().len() as i64;
                    let idx = state_indices(vm, &items[0], n as usize, |_, x| {
                        x.min(n - 1).max(0) as usize
                    })?;
                    let cycles = state_indices(vm, &items[1], c.r, |i, x| {
                        x.min(n - i as i64).max(1) as usize
                    })?;
                    if c.r as i64 > n {
                        c.stopped.set(true);
                        return Ok(Value::None);
                    }
                    *c.indices.borrow_mut() = idx;
                    *c.cycles.borrow_mut() = cycles;
                    *c.result.borrow_mut() = Some(c.pick(c.r));
                    Ok(Value::None)
                }),
            ],
        )
    })
}
