//! The built-in modules written in Rust (`builtins`, `sys`, `posix`,
//! `_io`, `_sre`, `_datetime`, `itertools`, `_collections`, …).
//! [`NATIVES`] is what an interpreter is made
//! with (`Vm::new`): how to fill `builtins`, make a native module by
//! name and run the `atexit` functions.

pub mod abc;
pub mod array;
pub mod ast;
pub mod async_builtins;
pub mod asyncio;
pub mod asyncio_task;
pub mod atexit;
pub mod binascii;
pub mod bisect;
pub mod builtins;
pub mod cmath;
pub mod codecs;
pub mod collections;
pub mod compile;
pub mod contextvars;
pub mod csv;
pub mod datetime;
pub mod epoll;
pub mod errno;
pub mod faulthandler;
pub mod fcntl;
pub mod functools;
pub mod gc;
pub mod hashes;
pub mod heapq;
pub mod imp;
pub mod introspect;
pub mod io;
pub mod itertools;
pub mod json;
pub mod locale;
pub mod marshal;
pub mod math;
pub mod math_more;
pub mod multiprocessing;
pub mod opcode;
pub mod operator;
pub mod posix;
pub mod posix_fs;
pub mod posix_process;
pub mod posix_system;
pub mod posix_terminal;
pub mod posixshmem;
pub mod queue;
pub mod random;
pub mod resource;
pub mod select;
pub mod signal;
pub mod signal_wait;
pub mod site;
pub mod socket;
pub mod socket_msg;
pub mod socket_names;
pub mod sre;
pub mod sre_match;
pub mod stat;
pub mod string_module;
pub mod struct_module;
pub mod sys;
pub mod termios;
pub mod thread;
pub mod time;
pub mod time_calendar;
pub mod tracemalloc;
pub mod typing_native;
pub mod unicodedata;
pub mod unraisable;
pub mod warnings;
pub mod weakref;
pub mod zlib;

use crate::object::exceptions::PyResult;
use crate::object::heap::Object;
use crate::object::value::Value;
use crate::vm::Vm;

/// The native library every interpreter is made with.
pub static NATIVES: crate::vm::Natives = crate::vm::Natives {
    install_builtins: builtins::install,
    module: builtin_module,
    at_exit: atexit::run,
    len: builtins::b_len,
    isinstance: introspect::b_isinstance,
    list_append: crate::types::list::m_append,
    report_unraisable: unraisable::report,
    warn: warnings::warn_from_native,
    thread_exit: json::forget_document,
};

/// The modules written in Rust (`sys.builtin_module_names`, and what
/// `importlib`'s BuiltinImporter finds through `_imp.is_builtin`).
pub const BUILTIN_MODULES: &[&str] = &[
    "_abc",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_codecs",
    "_collections",
    "_contextvars",
    "_csv",
    "_datetime",
    "_functools",
    "_heapq",
    "_imp",
    "_io",
    "_json",
    "_locale",
    "_md5",
    "_multiprocessing",
    "_opcode",
    "_operator",
    "_posixshmem",
    "_posixsubprocess",
    "_queue",
    "_random",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_socket",
    "_sre",
    "_stat",
    "_string",
    "_struct",
    "_thread",
    "_tracemalloc",
    "_typing",
    "_warnings",
    "_weakref",
    "array",
    "atexit",
    "binascii",
    "builtins",
    "cmath",
    "errno",
    "faulthandler",
    "fcntl",
    "gc",
    "itertools",
    "marshal",
    "math",
    "posix",
    "resource",
    "select",
    "sys",
    "termios",
    "time",
    "unicodedata",
    "zlib",
];

/// The native module `name`, made for this interpreter; None when there
/// is no such module.
pub fn builtin_module(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    if let Some(m) = crate::modules::hashes::module(name) {
        return Ok(Some(m));
    }
    Ok(Some(match name {
        "math" => crate::modules::math::module(),
        "cmath" => crate::modules::cmath::module(),
        "builtins" => crate::vm::eval_exec::builtins_module(vm),
        "sys" => {
            let sys = crate::modules::sys::sys_module(vm);
            // (`sys` is registered first: making stdin imports `_io`.)
            vm.set_module("sys", sys.clone());
            let stdin = crate::modules::sys::make_stdin(vm);
            if let Some(Object::Module(m)) = sys.as_obj() {
                if let Object::Dict(d) = m.dict.get() {
                    d.borrow_mut().set_str("stdin", stdin.clone());
                    d.borrow_mut().set_str("__stdin__", stdin);
                }
            }
            sys
        }
        "time" => crate::modules::time::time_module(),
        "gc" => crate::modules::gc::module(),
        "_weakref" => crate::modules::weakref::module(),

        "_random" => crate::modules::random::module(),
        "_sre" => crate::modules::sre::module(),
        "_codecs" => crate::modules::codecs::module(),
        "posix" => crate::modules::posix::module(),
        "_thread" => crate::modules::thread::module(),
        "errno" => crate::modules::errno::module(),
        "atexit" => crate::modules::atexit::module(),
        "_string" => crate::modules::string_module::module(),
        "_functools" => crate::modules::functools::module(),
        "_operator" => crate::modules::operator::module(),
        "_opcode" => crate::modules::opcode::module(),
        "_contextvars" => crate::modules::contextvars::module(),
        "_struct" => crate::modules::struct_module::module(),
        "array" => crate::modules::array::module(),
        "select" => crate::modules::select::module(),
        "_socket" => crate::modules::socket::module(),
        "_json" => crate::modules::json::module(),
        "_bisect" => crate::modules::bisect::module(),
        "_heapq" => crate::modules::heapq::module(),
        "_locale" => crate::modules::locale::module(),
        "fcntl" => crate::modules::fcntl::module(),
        "resource" => crate::modules::resource::module(),
        "_queue" => crate::modules::queue::module(),
        "_multiprocessing" => crate::modules::multiprocessing::module(),
        "termios" => crate::modules::termios::module(),
        "faulthandler" => crate::modules::faulthandler::module(),
        "_posixsubprocess" => crate::modules::posix_process::posixsubprocess_module(),
        "_posixshmem" => crate::modules::posixshmem::module(),
        "_io" => crate::modules::io::module(vm)?,
        "_asyncio" => crate::modules::asyncio::module(vm)?,
        "itertools" => crate::modules::itertools::module(),
        "_ast" => crate::modules::ast::module(),
        "_imp" => crate::modules::imp::module(),
        "binascii" => crate::modules::binascii::module(),
        "_csv" => crate::modules::csv::module(),
        "_abc" => crate::modules::abc::module(),
        "_stat" => crate::modules::stat::module(),
        "_typing" => crate::modules::typing_native::module(),
        "_collections" => crate::modules::collections::module(),
        "_datetime" => crate::modules::datetime::module(),
        "zlib" => crate::modules::zlib::module(),
        "unicodedata" => crate::modules::unicodedata::module(),
        "_signal" => crate::modules::signal::module(),
        "_warnings" => crate::modules::warnings::module(),
        "_tracemalloc" => crate::modules::tracemalloc::module(),
        "marshal" => crate::modules::marshal::module(),
        _ => return Ok(None),
    }))
}
