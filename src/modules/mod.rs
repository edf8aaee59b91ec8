//! The built-in modules written in Rust (`builtins`, `sys`, `time`, `math`,
//! `random`, `gc`, `_weakref`), and `pylib/`: modules written in
//! Python that are compiled into the binary.

pub mod ast;
pub mod atexit;
pub mod binascii;
pub mod builtins;
pub mod codecs;
pub mod contextvars;
pub mod csv;
pub mod errno;
pub mod functools;
pub mod gc;
pub mod hashes;
pub mod imp;
pub mod introspect;
pub mod io;
pub mod marshal;
pub mod math;
pub mod math_more;
pub mod posix;
pub mod posix_terminal;
pub mod random;
pub mod signal;
pub mod sre;
pub mod sre_match;
pub mod string_module;
pub mod struct_module;
pub mod sys;
pub mod thread;
pub mod time;
pub mod time_calendar;
pub mod weakref;
pub mod zlib;
