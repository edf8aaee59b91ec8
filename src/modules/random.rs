//! `random`: CPython's Mersenne Twister (`_randommodule.c`) and the
//! algorithms of `Lib/random.py` on top of it, so that a seeded program
//! draws exactly the numbers CPython 3.11 draws.

use crate::modules::builtins::{builtin_fn, make_module, to_f64, to_vec};
use crate::object::args::arity;
use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult};
use crate::object::heap::{as_str, new_list, Object};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, int_value, IntVal};
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

const N: usize = 624;
const M: usize = 397;

/// The generator state: MT19937 plus `gauss`'s spare value.
pub struct MersenneTwister {
    state: [u32; N],
    index: usize,
    gauss_next: Option<f64>,
}

impl MersenneTwister {
    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1812433253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        for _ in 0..N.max(klen) {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ ((prev ^ (prev >> 30)).wrapping_mul(1664525)))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ ((prev ^ (prev >> 30)).wrapping_mul(1566083941)))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(k + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[k] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = (self.genrand_u32() >> 5) as f64;
        let b = (self.genrand_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    /// `getrandbits(k)`.
    pub fn getrandbits(&mut self, k: u64) -> BigInt {
        if k == 0 {
            return BigInt::zero();
        }
        if k <= 32 {
            return BigInt::from(self.genrand_u32() >> (32 - k));
        }
        let words = (k - 1) / 32 + 1;
        let mut digits = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &digits)
    }

    /// `_randbelow(n)` for n > 0.
    fn randbelow(&mut self, n: &BigInt) -> BigInt {
        let k = n.bits();
        let mut r = self.getrandbits(k);
        while &r >= n {
            r = self.getrandbits(k);
        }
        r
    }

    /// Seeds from an int the way `random.seed(n)` does.
    fn seed_int(&mut self, n: &BigInt) {
        let (_, mut words) = n.abs().to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        self.init_by_array(&words);
        self.gauss_next = None;
    }
}

impl Default for MersenneTwister {
    fn default() -> Self {
        let mut mt = MersenneTwister {
            state: [0; N],
            index: N,
            gauss_next: None,
        };
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let seed = BigInt::from(t.as_nanos()) ^ BigInt::from(std::process::id());
        mt.seed_int(&seed);
        mt
    }
}

/// `random`, made when first imported.
pub fn module() -> Value {
    make_module(
        "random",
        vec![
            ("seed", builtin_fn("seed", r_seed)),
            ("random", builtin_fn("random", r_random)),
            ("getrandbits", builtin_fn("getrandbits", r_getrandbits)),
            ("randrange", builtin_fn("randrange", r_randrange)),
            ("randint", builtin_fn("randint", r_randint)),
            ("choice", builtin_fn("choice", r_choice)),
            ("choices", builtin_fn("choices", r_choices)),
            ("shuffle", builtin_fn("shuffle", r_shuffle)),
            ("sample", builtin_fn("sample", r_sample)),
            ("uniform", builtin_fn("uniform", r_uniform)),
            ("gauss", builtin_fn("gauss", r_gauss)),
        ],
    )
}

fn big_arg(v: &Value, what: &str) -> PyResult<BigInt> {
    match int_of(v) {
        Some(IntVal::Small(i)) => Ok(BigInt::from(i)),
        Some(IntVal::Big(b)) => Ok(b.clone()),
        None => match v {
            Value::Float(f) if f.fract() == 0.0 && what == "seed" => {
                Ok(num_traits::FromPrimitive::from_f64(*f).unwrap_or_default())
            }
            _ => crate::protocol::ops::not_an_integer(v),
        },
    }
}

fn r_seed(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = args
        .first()
        .or_else(|| kw.iter().find(|(k, _)| &**k == "a").map(|(_, v)| v))
        .cloned()
        .unwrap_or_default();
    match &a {
        Value::None => vm.random = MersenneTwister::default(),
        Value::Float(f) => {
            // random.seed(float) hashes the float (version 2 semantics).
            let h = crate::object::dict::hash_value(&Value::Float(*f))?;
            vm.random.seed_int(&BigInt::from(h));
        }
        v if as_str(v).is_some() => {
            // Version 2: the str's UTF-8 bytes followed by their SHA-512.
            use sha2::{Digest, Sha512};
            let bytes = as_str(v).unwrap_or_default().as_bytes().to_vec();
            let mut all = bytes.clone();
            all.extend_from_slice(&Sha512::digest(&bytes));
            vm.random.seed_int(&BigInt::from_bytes_be(Sign::Plus, &all));
        }
        v => {
            let n = big_arg(v, "seed")?;
            vm.random.seed_int(&n);
        }
    }
    Ok(Value::None)
}

fn r_random(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("random", args, 0, 0)?;
    Ok(Value::Float(vm.random.random()))
}

fn r_getrandbits(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("getrandbits", args, 1, 1)?;
    let k = big_arg(&args[0], "k")?;
    if k.is_negative() {
        return raise(ExcKind::ValueError, "number of bits must be non-negative");
    }
    Ok(int_value(vm.random.getrandbits(k.to_u64().unwrap_or(0))))
}

/// `randrange(start, stop=None, step=1)`, as random.py computes it.
fn randrange(
    vm: &mut Vm,
    start: &BigInt,
    stop: Option<&BigInt>,
    step: &BigInt,
) -> PyResult<BigInt> {
    let Some(stop) = stop else {
        if !step.is_zero() && step != &BigInt::from(1) {
            return raise(ExcKind::TypeError, "Missing a non-None stop argument");
        }
        if start.is_positive() {
            return Ok(vm.random.randbelow(start));
        }
        return raise(ExcKind::ValueError, "empty range for randrange()");
    };
    let width = stop - start;
    if step == &BigInt::from(1) {
        if width.is_positive() {
            return Ok(start + vm.random.randbelow(&width));
        }
        return raise(
            ExcKind::ValueError,
            format!("empty range for randrange() ({start}, {stop}, {width})"),
        );
    }
    let one = BigInt::from(1);
    let n: BigInt = if step.is_positive() {
        num_integer::Integer::div_floor(&(&width + step - &one), step)
    } else if step.is_negative() {
        num_integer::Integer::div_floor(&(&width + step + &one), step)
    } else {
        return raise(ExcKind::ValueError, "zero step for randrange()");
    };
    if !n.is_positive() {
        return raise(ExcKind::ValueError, "empty range for randrange()");
    }
    Ok(start + step * vm.random.randbelow(&n))
}

fn r_randrange(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("randrange", args, 1, 3)?;
    let start = big_arg(&args[0], "start")?;
    let stop = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(big_arg(v, "stop")?),
    };
    let step = match args.get(2) {
        None => BigInt::from(1),
        Some(v) => big_arg(v, "step")?,
    };
    Ok(int_value(randrange(vm, &start, stop.as_ref(), &step)?))
}

fn r_randint(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("randint", args, 2, 2)?;
    let a = big_arg(&args[0], "a")?;
    let b = big_arg(&args[1], "b")? + 1;
    Ok(int_value(randrange(vm, &a, Some(&b), &BigInt::from(1))?))
}

fn below(vm: &mut Vm, n: usize) -> usize {
    vm.random
        .randbelow(&BigInt::from(n))
        .to_usize()
        .unwrap_or(0)
}

fn r_choice(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("choice", args, 1, 1)?;
    let n = crate::protocol::len(vm, &args[0])?;
    if n == 0 {
        return raise(ExcKind::IndexError, "Cannot choose from an empty sequence");
    }
    let i = below(vm, n);
    crate::protocol::getitem(vm, &args[0], &Value::Int(i as i64))
}

fn r_shuffle(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("shuffle", args, 1, 1)?;
    let Some(Object::List(l)) = args[0].as_obj() else {
        let n = crate::protocol::len(vm, &args[0])?;
        for i in (1..n).rev() {
            let j = below(vm, i + 1);
            let (a, b) = (Value::Int(i as i64), Value::Int(j as i64));
            let x = crate::protocol::getitem(vm, &args[0], &a)?;
            let y = crate::protocol::getitem(vm, &args[0], &b)?;
            crate::protocol::setitem(vm, &args[0], &a, y)?;
            crate::protocol::setitem(vm, &args[0], &b, x)?;
        }
        return Ok(Value::None);
    };
    let n = l.borrow().len();
    for i in (1..n).rev() {
        let j = below(vm, i + 1);
        let mut items = l.borrow_mut();
        if i < items.len() && j < items.len() {
            items.swap(i, j);
        }
    }
    Ok(Value::None)
}

fn r_sample(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let k_val = args
        .get(1)
        .or_else(|| kw.iter().find(|(k, _)| &**k == "k").map(|(_, v)| v));
    let (Some(pop), Some(k_val)) = (args.first(), k_val) else {
        return raise(ExcKind::TypeError, "sample() missing required argument 'k'");
    };
    if matches!(pop.as_obj(), Some(Object::Set(_) | Object::Dict(_))) {
        return raise(
            ExcKind::TypeError,
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        );
    }
    let population = to_vec(vm, pop)?;
    let n = population.len();
    let k = match int_of(k_val) {
        Some(IntVal::Small(k)) if k >= 0 => k as usize,
        Some(_) => {
            return raise(
                ExcKind::ValueError,
                "Sample larger than population or is negative",
            )
        }
        None => return raise(ExcKind::TypeError, "k must be an integer"),
    };
    if k > n {
        return raise(
            ExcKind::ValueError,
            "Sample larger than population or is negative",
        );
    }
    let mut setsize = 21usize;
    if k > 5 {
        let e = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.pow(e.ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = population;
        for i in 0..k {
            let j = below(vm, n - i);
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = below(vm, n);
            while selected.contains(&j) {
                j = below(vm, n);
            }
            selected.insert(j);
            result.push(population[j].clone());
        }
    }
    Ok(new_list(result))
}

fn r_choices(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(pop) = args.first() else {
        return raise(
            ExcKind::TypeError,
            "choices() missing required argument 'population'",
        );
    };
    let population = to_vec(vm, pop)?;
    let n = population.len();
    let mut weights = args.get(1).cloned();
    let mut cum = None;
    let mut k = 1usize;
    for (name, v) in kw {
        match &**name {
            "weights" => weights = Some(v.clone()),
            "cum_weights" => cum = Some(v.clone()),
            "k" => {
                k = match int_of(v) {
                    Some(IntVal::Small(x)) if x >= 0 => x as usize,
                    _ => return raise(ExcKind::TypeError, "k must be a non-negative integer"),
                }
            }
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("choices() got an unexpected keyword argument '{name}'"),
                )
            }
        }
    }
    let weights = weights.filter(|w| !matches!(w, Value::None));
    let cum = cum.filter(|w| !matches!(w, Value::None));
    if weights.is_none() && cum.is_none() {
        let mut out = Vec::with_capacity(k);
        for _ in 0..k {
            let i = (vm.random.random() * n as f64).floor() as usize;
            out.push(population.get(i).cloned().ok_or_else(|| {
                PyErr::new(ExcKind::IndexError, "Cannot choose from an empty sequence")
            })?);
        }
        return Ok(new_list(out));
    }
    let cum_weights: Vec<f64> = match (weights, cum) {
        (Some(_), Some(_)) => {
            return raise(
                ExcKind::TypeError,
                "Cannot specify both weights and cumulative weights",
            )
        }
        (Some(w), None) => {
            let mut acc = 0.0;
            let mut out = Vec::new();
            for x in to_vec(vm, &w)? {
                acc += to_f64(&x)?;
                out.push(acc);
            }
            out
        }
        (None, Some(c)) => to_vec(vm, &c)?
            .iter()
            .map(to_f64)
            .collect::<PyResult<_>>()?,
        (None, None) => Vec::new(),
    };
    if cum_weights.len() != n {
        return raise(
            ExcKind::ValueError,
            "The number of weights does not match the population",
        );
    }
    let Some(&total) = cum_weights.last() else {
        return raise(
            ExcKind::IndexError,
            "Cannot choose from an empty population",
        );
    };
    if total <= 0.0 || !total.is_finite() {
        return raise(
            ExcKind::ValueError,
            "Total of weights must be greater than zero",
        );
    }
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = vm.random.random() * total;
        // bisect_right(cum_weights, x, 0, n - 1)
        let (mut lo, mut hi) = (0usize, n - 1);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if x < cum_weights[mid] {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        out.push(population[lo].clone());
    }
    Ok(new_list(out))
}

fn r_uniform(vm: &mut Vm, _: Option<&Value>, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    arity("uniform", args, 2, 2)?;
    let (a, b) = (to_f64(&args[0])?, to_f64(&args[1])?);
    Ok(Value::Float(a + (b - a) * vm.random.random()))
}

fn r_gauss(vm: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut mu = args.first().map(to_f64).transpose()?.unwrap_or(0.0);
    let mut sigma = args.get(1).map(to_f64).transpose()?.unwrap_or(1.0);
    for (k, v) in kw {
        match &**k {
            "mu" => mu = to_f64(v)?,
            "sigma" => sigma = to_f64(v)?,
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("gauss() got an unexpected keyword argument '{k}'"),
                )
            }
        }
    }
    let z = match vm.random.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = vm.random.random() * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - vm.random.random()).ln()).sqrt();
            vm.random.gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::Float(mu + z * sigma))
}
