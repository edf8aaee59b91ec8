//! [`Builder`]: the settings an embedded interpreter is made with.

use super::{Error, Interpreter, Result};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Where the standard library comes from.
#[derive(Default)]
enum Stdlib {
    /// As the `taipan` program finds it (`TAIPAN_STDLIB`, the
    /// `python3.11` on `PATH`, the usual places); none is fine.
    #[default]
    Find,
    /// This directory (checked to be a 3.11 library).
    Dir(PathBuf),
    /// No standard library: only the built-in and native modules, the
    /// host's and those on the search path.
    Without,
}

/// The settings of a new [`Interpreter`] (`Interpreter::builder()`).
///
/// ```
/// use std::time::Duration;
/// let mut py = taipan::embed::Interpreter::builder()
///     .no_stdlib()
///     .time_limit(Duration::from_millis(200))
///     .build()
///     .unwrap();
/// let err = py.run("while True:\n    pass\n").unwrap_err();
/// assert_eq!(err.type_name, "TimeoutError");
/// assert_eq!(err.exceeded, Some(taipan::embed::Exceeded::Time));
/// // The interpreter is still usable.
/// assert_eq!(py.eval("6 * 7").map(|o| format!("{o:?}")).unwrap(), "42");
/// ```
#[derive(Default)]
pub struct Builder {
    stdout: Option<Box<dyn Write>>,
    stderr: Option<Box<dyn Write>>,
    path: Vec<PathBuf>,
    stdlib: Stdlib,
    jit: Option<u32>,
    argv: Vec<String>,
    time_limit: Option<Duration>,
    memory_limit: Option<usize>,
}

impl Builder {
    /// Where `print` and `sys.stdout` write (default: the process's
    /// standard output).
    pub fn stdout(mut self, sink: impl Write + 'static) -> Builder {
        self.stdout = Some(Box::new(sink));
        self
    }

    /// Where `sys.stderr` writes (default: the process's standard
    /// error).
    pub fn stderr(mut self, sink: impl Write + 'static) -> Builder {
        self.stderr = Some(Box::new(sink));
        self
    }

    /// Adds a directory to the module search path (`sys.path`).
    pub fn path(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.path.push(dir.into());
        self
    }

    /// Uses the standard library in `dir` (CPython 3.11's `Lib/`).
    pub fn stdlib(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.stdlib = Stdlib::Dir(dir.into());
        self
    }

    /// Runs without the standard library (faster to start; only the
    /// built-in and native modules import).
    pub fn no_stdlib(mut self) -> Builder {
        self.stdlib = Stdlib::Without;
        self
    }

    /// Compiles functions to machine code once they are hot (on:
    /// after `threshold` calls or loop iterations / 16; the `taipan`
    /// program's default is 1000). A JIT-less build ignores it.
    pub fn jit(mut self, threshold: Option<u32>) -> Builder {
        self.jit = threshold;
        self
    }

    /// `sys.argv`.
    pub fn argv(mut self, argv: Vec<String>) -> Builder {
        self.argv = argv;
        self
    }

    /// The time each call from the host may take; past it the guest
    /// gets a `TimeoutError` (at a loop back edge or a call), and the
    /// host an error whose `exceeded` is `Some(Exceeded::Time)`.
    pub fn time_limit(mut self, limit: Duration) -> Builder {
        self.time_limit = Some(limit);
        self
    }

    /// The most memory the interpreter's thread may hold beyond what it
    /// held when the interpreter was made; past it the guest gets a
    /// `MemoryError`. Needs [`super::CountingAllocator`] as the
    /// program's global allocator (`build` says so otherwise).
    pub fn memory_limit(mut self, bytes: usize) -> Builder {
        self.memory_limit = Some(bytes);
        self
    }

    /// Makes the interpreter.
    pub fn build(self) -> Result<Interpreter> {
        if self.memory_limit.is_some() && !crate::object::memory::counting() {
            return Err(Error::new(
                "RuntimeError",
                "a memory limit needs taipan::embed::CountingAllocator as the #[global_allocator]",
            ));
        }
        let stdlib = match self.stdlib {
            Stdlib::Without => None,
            Stdlib::Dir(d) => crate::vm::stdlib_path::find(Some(&d), None)
                .map_err(|e| Error::new("ImportError", e))?,
            Stdlib::Find => {
                let path = std::env::var_os("PATH");
                let explicit = std::env::var_os("TAIPAN_STDLIB").map(PathBuf::from);
                crate::vm::stdlib_path::find(explicit.as_deref(), path.as_deref())
                    .map_err(|e| Error::new("ImportError", e))?
            }
        };
        let stdout = self
            .stdout
            .unwrap_or_else(|| Box::new(std::io::LineWriter::new(std::io::stdout())));
        let mut vm = Box::new(crate::vm::Vm::new(stdout, &crate::modules::NATIVES));
        vm.stderr = self.stderr;
        vm.path = self.path;
        if let Some(dir) = stdlib {
            vm.path.push(dir.clone());
            vm.stdlib = Some(dir);
        }
        vm.argv = if self.argv.is_empty() {
            vec![String::new()]
        } else {
            self.argv
        };
        if let Some(threshold) = self.jit {
            let config = crate::jit::JitConfig {
                threshold,
                stats: false,
                dump: false,
            };
            if let Ok(state) = crate::jit::JitState::new(config) {
                vm.jit = Some(crate::jit::tier(state));
            }
        }
        crate::modules::site::install(&mut vm);
        vm.limits.time = self.time_limit;
        vm.limits.memory = self.memory_limit;
        vm.limits.memory_base = crate::object::memory::held();
        Ok(Interpreter { vm })
    }
}
