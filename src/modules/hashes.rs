//! The hash modules CPython's `hashlib` uses when there is no OpenSSL:
//! `_md5`, `_sha1`, `_sha256` (sha224, sha256), `_sha512` (sha384,
//! sha512), `_sha3` (sha3_*, shake_*) and `_blake2` (blake2b, blake2s,
//! with `digest_size`), on the RustCrypto crates. Each hash object has
//! `update`, `digest`, `hexdigest`, `copy`, `name`, `digest_size` and
//! `block_size`, as CPython's.

use crate::object::args::{bind_args, receiver};
use crate::object::exceptions::{raise, ExcKind, PyResult};
use crate::object::heap::make_module;
use crate::object::heap::{as_str, new_str, type_name};
use crate::object::native::{method as m, property as prop, NativeData};
use crate::object::value::Value;
use crate::vm::Vm;
use sha2::digest::{DynDigest, ExtendableOutput, Update, VariableOutput, XofReader};
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, Value)];

/// A hash computation in progress.
#[derive(Clone)]
enum Hasher {
    Fixed(Box<dyn DynDigest>),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(blake2::Blake2bVar),
    Blake2s(blake2::Blake2sVar),
}

impl Hasher {
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Fixed(h) => h.update(data),
            Hasher::Shake128(h) => Update::update(h, data),
            Hasher::Shake256(h) => Update::update(h, data),
            Hasher::Blake2b(h) => Update::update(h, data),
            Hasher::Blake2s(h) => Update::update(h, data),
        }
    }

    /// The digest so far (`length` bytes for the shakes), leaving the
    /// state as it is.
    fn digest(&self, length: usize) -> Vec<u8> {
        match self.clone() {
            Hasher::Fixed(h) => h.finalize().to_vec(),
            Hasher::Shake128(h) => {
                let mut out = vec![0; length];
                h.finalize_xof().read(&mut out);
                out
            }
            Hasher::Shake256(h) => {
                let mut out = vec![0; length];
                h.finalize_xof().read(&mut out);
                out
            }
            Hasher::Blake2b(h) => {
                let mut out = vec![0; h.output_size()];
                let _ = h.finalize_variable(&mut out);
                out
            }
            Hasher::Blake2s(h) => {
                let mut out = vec![0; h.output_size()];
                let _ = h.finalize_variable(&mut out);
                out
            }
        }
    }
}

/// What one algorithm is: its name, sizes and how to start it.
#[derive(Clone, Copy)]
struct Algorithm {
    name: &'static str,
    digest_size: usize,
    block_size: usize,
}

/// The state of a hash object.
struct HashObj {
    algo: Algorithm,
    hasher: RefCell<Hasher>,
}

impl NativeData for HashObj {}

fn this<'a>(s: Option<&'a Value>, a: &'a [Value]) -> PyResult<(&'a HashObj, &'a [Value])> {
    let (r, rest) = receiver(s, a)?;
    match crate::object::native::data_of::<HashObj>(r) {
        Some(h) => Ok((h, rest)),
        None => raise(
            ExcKind::TypeError,
            format!("descriptor requires a hash object, not '{}'", type_name(r)),
        ),
    }
}

/// The bytes of data to hash.
fn data_arg(v: &Value) -> PyResult<Vec<u8>> {
    if as_str(v).is_some() {
        return raise(ExcKind::TypeError, "Strings must be encoded before hashing");
    }
    match crate::types::bytes::bytes_of(v) {
        Some(b) => Ok(b),
        None => raise(
            ExcKind::TypeError,
            format!(
                "object supporting the buffer API required, not '{}'",
                type_name(v)
            ),
        ),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn length_arg(rest: &[Value], kw: Kw<'_>) -> PyResult<usize> {
    let a = bind_args("digest", &["length"], rest, kw)?;
    match a[0].as_ref().map(crate::protocol::ops::int_of) {
        Some(Some(crate::protocol::ops::IntVal::Small(n))) if n >= 0 => Ok(n as usize),
        Some(Some(_)) => raise(ExcKind::ValueError, "length must be non-negative"),
        _ => raise(
            ExcKind::TypeError,
            "digest() missing required argument 'length' (pos 1)",
        ),
    }
}

/// The class of hash objects of one module (`_sha256.SHA256Type`…).
fn hash_class(
    module: &'static str,
    class_name: &'static str,
    key: &'static str,
    xof: bool,
) -> Value {
    crate::object::builtin_types::kept_by_name(key, || {
        let mut attrs = vec![
            m("update", |_, s, a, _| {
                let (h, rest) = this(s, a)?;
                let Some(data) = rest.first() else {
                    return raise(
                        ExcKind::TypeError,
                        "update() takes exactly one argument (0 given)",
                    );
                };
                let data = data_arg(data)?;
                h.hasher.borrow_mut().update(&data);
                Ok(Value::None)
            }),
            m("copy", |_, s, a, _| {
                let (r, _) = receiver(s, a)?;
                let (h, _) = this(s, a)?;
                let class = crate::object::classes::type_value(r);
                let copy = HashObj {
                    algo: h.algo,
                    hasher: RefCell::new(h.hasher.borrow().clone()),
                };
                Ok(crate::object::native::new(class, copy))
            }),
            prop("name", |_, s, a, _| Ok(new_str(this(s, a)?.0.algo.name))),
            prop("digest_size", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.algo.digest_size as i64))
            }),
            prop("block_size", |_, s, a, _| {
                Ok(Value::Int(this(s, a)?.0.algo.block_size as i64))
            }),
        ];
        if xof {
            attrs.push(m("digest", |_, s, a, kw| {
                let (h, rest) = this(s, a)?;
                let n = length_arg(rest, kw)?;
                Ok(crate::types::bytes::make(
                    h.hasher.borrow().digest(n),
                    false,
                ))
            }));
            attrs.push(m("hexdigest", |_, s, a, kw| {
                let (h, rest) = this(s, a)?;
                let n = length_arg(rest, kw)?;
                Ok(new_str(hex(&h.hasher.borrow().digest(n))))
            }));
        } else {
            attrs.push(m("digest", |_, s, a, _| {
                let (h, _) = this(s, a)?;
                Ok(crate::types::bytes::make(
                    h.hasher.borrow().digest(0),
                    false,
                ))
            }));
            attrs.push(m("hexdigest", |_, s, a, _| {
                let (h, _) = this(s, a)?;
                Ok(new_str(hex(&h.hasher.borrow().digest(0))))
            }));
        }
        crate::object::native::class(module, class_name, attrs)
    })
}

/// A new hash object of `class` for `algo`, fed with the `string` (or
/// `data`) argument.
fn start(
    class: Value,
    algo: Algorithm,
    hasher: Hasher,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let mut data = args.first().cloned();
    for (k, v) in kw {
        match &**k {
            "string" | "data" => data = Some(v.clone()),
            "usedforsecurity" => {}
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("{}() got an unexpected keyword argument '{k}'", algo.name),
                )
            }
        }
    }
    let mut hasher = hasher;
    if let Some(d) = data.filter(|d| !matches!(d, Value::None)) {
        hasher.update(&data_arg(&d)?);
    }
    Ok(crate::object::native::new(
        class,
        HashObj {
            algo,
            hasher: RefCell::new(hasher),
        },
    ))
}

macro_rules! fixed {
    ($fname:ident, $module:literal, $class:literal, $name:literal, $ty:ty, $digest:expr, $block:expr) => {
        fn $fname(_: &mut Vm, _: Option<&Value>, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
            let algo = Algorithm {
                name: $name,
                digest_size: $digest,
                block_size: $block,
            };
            let class = hash_class($module, $class, concat!($module, ".", $class), false);
            start(
                class,
                algo,
                Hasher::Fixed(Box::new(<$ty>::default())),
                args,
                kw,
            )
        }
    };
}

fixed!(new_md5, "_md5", "md5", "md5", md5::Md5, 16, 64);
fixed!(new_sha1, "_sha1", "sha1", "sha1", sha1::Sha1, 20, 64);
fixed!(
    new_sha224,
    "_sha256",
    "SHA224Type",
    "sha224",
    sha2::Sha224,
    28,
    64
);
fixed!(
    new_sha256,
    "_sha256",
    "SHA256Type",
    "sha256",
    sha2::Sha256,
    32,
    64
);
fixed!(
    new_sha384,
    "_sha512",
    "SHA384Type",
    "sha384",
    sha2::Sha384,
    48,
    128
);
fixed!(
    new_sha512,
    "_sha512",
    "SHA512Type",
    "sha512",
    sha2::Sha512,
    64,
    128
);
fixed!(
    new_sha3_224,
    "_sha3",
    "sha3_224",
    "sha3_224",
    sha3::Sha3_224,
    28,
    144
);
fixed!(
    new_sha3_256,
    "_sha3",
    "sha3_256",
    "sha3_256",
    sha3::Sha3_256,
    32,
    136
);
fixed!(
    new_sha3_384,
    "_sha3",
    "sha3_384",
    "sha3_384",
    sha3::Sha3_384,
    48,
    104
);
fixed!(
    new_sha3_512,
    "_sha3",
    "sha3_512",
    "sha3_512",
    sha3::Sha3_512,
    64,
    72
);

fn new_shake(args: &[Value], kw: Kw<'_>, wide: bool) -> PyResult<Value> {
    let (name, block) = if wide {
        ("shake_256", 136)
    } else {
        ("shake_128", 168)
    };
    let algo = Algorithm {
        name,
        digest_size: 0,
        block_size: block,
    };
    let key = if wide {
        "_sha3.shake_256"
    } else {
        "_sha3.shake_128"
    };
    let class = hash_class("_sha3", name, key, true);
    let hasher = if wide {
        Hasher::Shake256(Default::default())
    } else {
        Hasher::Shake128(Default::default())
    };
    start(class, algo, hasher, args, kw)
}

/// `blake2b(data=b'', *, digest_size=64, key=b'', salt=b'', person=b'',
/// …)` and `blake2s`: the digest size is honoured; keyed, salted and
/// personalised hashing is not implemented and says so.
fn new_blake2(args: &[Value], kw: Kw<'_>, wide: bool) -> PyResult<Value> {
    let (name, max, block) = if wide {
        ("blake2b", 64, 128)
    } else {
        ("blake2s", 32, 64)
    };
    let mut size = max;
    let mut rest_kw = Vec::new();
    for (k, v) in kw {
        match &**k {
            "digest_size" => {
                size = match crate::protocol::ops::int_of(v) {
                    Some(crate::protocol::ops::IntVal::Small(n))
                        if (1..=max as i64).contains(&n) =>
                    {
                        n as usize
                    }
                    _ => {
                        return raise(
                            ExcKind::ValueError,
                            format!("digest_size must be between 1 and {max} bytes"),
                        )
                    }
                }
            }
            "key" | "salt" | "person" => {
                if crate::types::bytes::bytes_of(v).is_some_and(|b| !b.is_empty()) {
                    return raise(
                        ExcKind::NotImplementedError,
                        format!("{name}() with a {k}: keyed, salted and personalised BLAKE2 are not implemented in Taipan"),
                    );
                }
            }
            "fanout" | "depth" | "leaf_size" | "node_offset" | "node_depth" | "inner_size"
            | "last_node" => {}
            _ => rest_kw.push((k.clone(), v.clone())),
        }
    }
    let algo = Algorithm {
        name,
        digest_size: size,
        block_size: block,
    };
    let key = if wide {
        "_blake2.blake2b"
    } else {
        "_blake2.blake2s"
    };
    let class = hash_class("_blake2", name, key, false);
    let hasher = if wide {
        blake2::Blake2bVar::new(size).map(Hasher::Blake2b)
    } else {
        blake2::Blake2sVar::new(size).map(Hasher::Blake2s)
    };
    let Ok(hasher) = hasher else {
        return raise(ExcKind::ValueError, "invalid digest size");
    };
    start(class, algo, hasher, args, &rest_kw)
}

/// The hash module `name`, if it is one of these.
pub fn module(name: &str) -> Option<Value> {
    let f = |n: &'static str, func: crate::object::heap::BuiltinFn| {
        (n, crate::object::heap::builtin_fn(n, func))
    };
    let attrs = match name {
        "_md5" => vec![f("md5", new_md5)],
        "_sha1" => vec![f("sha1", new_sha1)],
        "_sha256" => vec![f("sha224", new_sha224), f("sha256", new_sha256)],
        "_sha512" => vec![f("sha384", new_sha384), f("sha512", new_sha512)],
        "_sha3" => vec![
            f("sha3_224", new_sha3_224),
            f("sha3_256", new_sha3_256),
            f("sha3_384", new_sha3_384),
            f("sha3_512", new_sha3_512),
            f("shake_128", |_, _, a, kw| new_shake(a, kw, false)),
            f("shake_256", |_, _, a, kw| new_shake(a, kw, true)),
        ],
        "_blake2" => vec![
            f("blake2b", |_, _, a, kw| new_blake2(a, kw, true)),
            f("blake2s", |_, _, a, kw| new_blake2(a, kw, false)),
            ("BLAKE2B_MAX_DIGEST_SIZE", Value::Int(64)),
            ("BLAKE2B_MAX_KEY_SIZE", Value::Int(64)),
            ("BLAKE2B_PERSON_SIZE", Value::Int(16)),
            ("BLAKE2B_SALT_SIZE", Value::Int(16)),
            ("BLAKE2S_MAX_DIGEST_SIZE", Value::Int(32)),
            ("BLAKE2S_MAX_KEY_SIZE", Value::Int(32)),
            ("BLAKE2S_PERSON_SIZE", Value::Int(8)),
            ("BLAKE2S_SALT_SIZE", Value::Int(8)),
        ],
        _ => return None,
    };
    Some(make_module(name, attrs))
}
