//! `_random`: CPython's Mersenne Twister (`_randommodule.c`) as the
//! native type `_random.Random`, which CPython's `Lib/random.py` derives
//! from; seeded the same way, it draws exactly the numbers CPython 3.11
//! draws.

use crate::object::args::{arity, receiver};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::make_module;
use crate::object::heap::{new_tuple, type_name, Object};
use crate::object::native::{constructor, method as m, NativeData};
use crate::object::value::Value;
use crate::protocol::ops::{int_of, int_value, IntVal};
use crate::protocol::to_vec;
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};
use std::cell::RefCell;

const N: usize = 624;
const M: usize = 397;

/// The generator state: MT19937.
pub struct MersenneTwister {
    state: [u32; N],
    index: usize,
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

    /// Seeds from an int the way `random.seed(n)` does.
    fn seed_int(&mut self, n: &BigInt) {
        let (_, mut words) = n.abs().to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        self.init_by_array(&words);
    }
}

impl Default for MersenneTwister {
    fn default() -> Self {
        let mut mt = MersenneTwister {
            state: [0; N],
            index: N,
        };
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let seed = BigInt::from(t.as_nanos()) ^ BigInt::from(std::process::id());
        mt.seed_int(&seed);
        mt
    }
}

/// The state of a `_random.Random`.
struct Generator(RefCell<MersenneTwister>);

impl NativeData for Generator {}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a Generator, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    match crate::object::native::data_of::<Generator>(r) {
        Some(g) => Ok((g, rest)),
        None => raise(
            ExcKind::TypeError,
            format!(
                "descriptor requires a '_random.Random' object but received a '{}'",
                type_name(r)
            ),
        ),
    }
}

/// `_random.Random`.
fn random_class() -> Value {
    crate::object::builtin_types::kept_by_name("_random.Random", || {
        let attrs = vec![
            constructor(|vm, _, a, kw| {
                let Some((cls, rest)) = a.split_first() else {
                    return raise(ExcKind::TypeError, "Random.__new__(): not enough arguments");
                };
                let is_exact = cls.is(&random_class());
                if is_exact && !kw.is_empty() {
                    return raise(ExcKind::TypeError, "Random() takes no keyword arguments");
                }
                if rest.len() > 1 {
                    return raise(
                        ExcKind::TypeError,
                        format!("Random() expected at most 1 argument, got {}", rest.len()),
                    );
                }
                let g = Generator(RefCell::new(MersenneTwister::default()));
                if let Some(seed) = rest.first() {
                    seed_with(vm, &g, seed)?;
                }
                Ok(crate::object::native::new_instance(cls, random_class(), g))
            }),
            m("random", |_, s, a, _| {
                let (g, rest) = this(s, a)?;
                arity("random", rest, 0, 0)?;
                Ok(Value::Float(g.0.borrow_mut().random()))
            }),
            m("seed", |vm, s, a, _| {
                let (g, rest) = this(s, a)?;
                arity("seed", rest, 0, 1)?;
                seed_with(vm, g, rest.first().unwrap_or(&Value::None))?;
                Ok(Value::None)
            }),
            m("getrandbits", |_, s, a, _| {
                let (g, rest) = this(s, a)?;
                arity("getrandbits", rest, 1, 1)?;
                let k = match int_of(&rest[0]) {
                    Some(IntVal::Small(k)) => k,
                    Some(IntVal::Big(_)) => {
                        return raise(
                            ExcKind::OverflowError,
                            "Python int too large to convert to C int",
                        )
                    }
                    None => return crate::protocol::ops::not_an_integer(&rest[0]),
                };
                if k < 0 {
                    return raise(ExcKind::ValueError, "number of bits must be non-negative");
                }
                Ok(int_value(g.0.borrow_mut().getrandbits(k as u64)))
            }),
            m("getstate", |_, s, a, _| {
                let (g, _) = this(s, a)?;
                let mt = g.0.borrow();
                let mut items: Vec<Value> =
                    mt.state.iter().map(|&w| Value::Int(w as i64)).collect();
                items.push(Value::Int(mt.index as i64));
                Ok(new_tuple(items))
            }),
            m("setstate", |vm, s, a, _| {
                let (g, rest) = this(s, a)?;
                arity("setstate", rest, 1, 1)?;
                let Some(Object::Tuple(_)) = rest[0].as_obj() else {
                    return raise(ExcKind::TypeError, "state vector must be a tuple");
                };
                let items = to_vec(vm, &rest[0])?;
                if items.len() != N + 1 {
                    return raise(ExcKind::ValueError, "state vector is the wrong size");
                }
                let mut state = [0u32; N];
                for (slot, v) in state.iter_mut().zip(&items) {
                    *slot = match int_of(v) {
                        Some(IntVal::Small(w)) if (0..=u32::MAX as i64).contains(&w) => w as u32,
                        Some(_) => {
                            return raise(
                                ExcKind::OverflowError,
                                "Python int too large to convert to C unsigned long",
                            )
                        }
                        None => return crate::protocol::ops::not_an_integer(v),
                    };
                }
                let index = match int_of(&items[N]) {
                    Some(IntVal::Small(i)) if (0..=N as i64).contains(&i) => i as usize,
                    _ => return raise(ExcKind::ValueError, "invalid state"),
                };
                let mut mt = g.0.borrow_mut();
                mt.state = state;
                mt.index = index;
                Ok(Value::None)
            }),
        ];
        crate::object::native::class("_random", "Random", attrs)
    })
}

/// `seed(n)` as `_randommodule.c` does it: None from the clock and the
/// process, an int by its absolute value, anything else by its hash
/// (random.py turns str and bytes into ints before).
fn seed_with(vm: &mut Vm, g: &Generator, a: &Value) -> PyResult<()> {
    let n = match a {
        Value::None => {
            *g.0.borrow_mut() = MersenneTwister::default();
            return Ok(());
        }
        v => match int_of(v) {
            Some(IntVal::Small(i)) => BigInt::from(i),
            Some(IntVal::Big(b)) => b.clone(),
            None => BigInt::from(crate::protocol::hash(vm, v)?),
        },
    };
    g.0.borrow_mut().seed_int(&n);
    Ok(())
}

/// The `_random` module.
pub fn module() -> Value {
    make_module("_random", vec![("Random", random_class())])
}
