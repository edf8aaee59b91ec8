//! The `taipan` command line: runs a Python script, or shows one stage of
//! the pipeline (`--tokens`, `--ast`, `--dis`).

mod cli;
mod repl;
mod repl_complete;

use cli::{Options, Parsed, Program};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// mimalloc (`allocator`), set here, in the program, so that programs
/// embedding the library keep their own allocator.
#[global_allocator]
static ALLOCATOR: taipan::object::allocator::Allocator = taipan::object::allocator::Allocator;

/// Sets mimalloc's options before the program's first allocation: a
/// constructor (`.init_array`) runs before Rust's runtime starts.
#[used]
#[link_section = ".init_array"]
static ALLOCATOR_OPTIONS: extern "C" fn() = {
    extern "C" fn set() {
        taipan::object::allocator::without_huge_pages();
    }
    set
};

/// What to run, read and named.
struct Request {
    /// The source bytes.
    bytes: Vec<u8>,
    /// The file name tracebacks and `__file__` show (`<string>` for
    /// `-c`, `<stdin>`).
    path: String,
    /// `sys.path[0]`: the script's directory, or the current one.
    dir: std::path::PathBuf,
    /// `sys.argv`.
    argv: Vec<String>,
    /// `__package__` of `__main__` for `-m` (its relative imports).
    package: Option<String>,
    /// No program: the interactive prompt (a terminal on standard input).
    interactive: bool,
    options: Options,
}

/// Some command-line argument was not UTF-8 (see `Vm::argv_surrogates`).
static ARGV_SURROGATES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn main() -> ExitCode {
    // An argument that is not UTF-8 reaches `sys.argv` as CPython gives it:
    // its undecodable bytes as surrogates (`surrogateescape`).
    let mut undecodable = false;
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string().unwrap_or_else(|os| {
                use std::os::unix::ffi::OsStrExt;
                undecodable = true;
                taipan::types::text_codecs::fs_decode(os.as_bytes()).text
            })
        })
        .collect();
    ARGV_SURROGATES.store(undecodable, std::sync::atomic::Ordering::Relaxed);
    let options = match cli::parse(&args, &|k| std::env::var(k).ok()) {
        Parsed::Run(o) => *o,
        Parsed::Help => {
            print!("{}", cli::HELP);
            return ExitCode::SUCCESS;
        }
        Parsed::Version => {
            println!("Python 3.11 (Taipan {})", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Parsed::Error(msg) => {
            eprintln!("{msg}\nusage: taipan [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `taipan -h' for more information.");
            return ExitCode::from(2);
        }
    };
    let req = match request(options) {
        Ok(r) => r,
        Err(code) => return ExitCode::from(code),
    };
    // The parser and compiler recurse; give them a generous stack (Python
    // calls grow theirs by segments as they nest). Under an address-space
    // limit (`ulimit -v`) that much may not be had: smaller stacks then,
    // so the program still runs (and meets MemoryError where CPython
    // would).
    let req = std::sync::Arc::new(req);
    for size in [1 << 30, 1 << 28, 1 << 26, 1 << 24] {
        let req = std::sync::Arc::clone(&req);
        let worker = std::thread::Builder::new()
            .stack_size(size)
            .spawn(move || run(&req));
        if let Ok(handle) = worker {
            // Signals go to the interpreter's thread (it was started with
            // this thread's mask): a signal the program sends itself is
            // then delivered before `os.kill` returns, as in CPython.
            taipan::vm::signals::block_all_in_this_thread();
            return match handle.join() {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::from(70),
            };
        }
    }
    eprintln!("taipan: cannot start the interpreter thread");
    ExitCode::from(70)
}

/// Reads the program the options name; the exit status on failure (the
/// message printed).
fn request(options: Options) -> Result<Request, u8> {
    let cwd = std::path::PathBuf::from(".");
    let mut argv = options.args.clone();
    let mut package = None;
    let (bytes, path, dir) = match &options.program {
        // A directory with a `__main__.py` runs it, the directory first on
        // `sys.path` and its name in `sys.argv[0]`, as CPython does.
        Program::Script(path) if std::path::Path::new(path).is_dir() => {
            let main = std::path::Path::new(path).join("__main__.py");
            let bytes = std::fs::read(&main).map_err(|_| {
                eprintln!("taipan: can't find '__main__' module in '{path}'");
                1u8
            })?;
            argv.insert(0, path.clone());
            let dir = std::path::absolute(path).unwrap_or_else(|_| path.into());
            (bytes, main.display().to_string(), dir)
        }
        Program::Script(path) => {
            let bytes = std::fs::read(path).map_err(|e| {
                let abs = std::path::absolute(path)
                    .map(|p| p.display().to_string())
                    .unwrap_or(path.clone());
                eprintln!(
                    "taipan: can't open file '{abs}': [Errno {}] {}",
                    e.raw_os_error().unwrap_or(0),
                    io_reason(&e)
                );
                2u8
            })?;
            argv.insert(0, path.clone());
            // `sys.path[0]`: the script's directory, absolute (so imported
            // modules are known by absolute paths too, as in CPython).
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.into());
            let dir = match abs.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => cwd,
            };
            (bytes, path.clone(), dir)
        }
        Program::Command(cmd) => {
            argv.insert(0, "-c".into());
            (cmd.clone().into_bytes(), "<string>".to_string(), cwd)
        }
        Program::Module(name) => {
            // As CPython's runpy: the whole path, the library included.
            let mut dirs = python_path(&cwd, options.ignore_environment);
            let path_var = std::env::var_os("PATH");
            if let Ok(Some(lib)) =
                taipan::vm::stdlib_path::find(options.stdlib.as_deref(), path_var.as_deref())
            {
                dirs.push(lib);
            }
            let Some(file) = find_module(name, &dirs) else {
                eprintln!("taipan: No module named {name}");
                return Err(1);
            };
            let bytes = std::fs::read(&file).map_err(|e| {
                eprintln!("taipan: can't read {}: {}", file.display(), io_reason(&e));
                1u8
            })?;
            package = Some(if file.ends_with("__main__.py") {
                name.clone()
            } else {
                name.rsplit_once('.')
                    .map(|(p, _)| p.to_string())
                    .unwrap_or_default()
            });
            let abs = std::path::absolute(&file).unwrap_or(file);
            argv.insert(0, abs.display().to_string());
            (bytes, abs.display().to_string(), cwd)
        }
        Program::Stdin => {
            let mut stdin = std::io::stdin();
            if argv.is_empty() {
                argv.push(String::new());
            }
            // (`-i`: the prompt over whatever standard input is, as
            // CPython's `python3 -i < commands`.)
            if stdin.is_terminal() || options.inspect {
                return Ok(Request {
                    bytes: Vec::new(),
                    path: "<stdin>".to_string(),
                    dir: cwd,
                    argv,
                    package: None,
                    interactive: true,
                    options,
                });
            }
            let mut bytes = Vec::new();
            if let Err(e) = stdin.read_to_end(&mut bytes) {
                eprintln!("taipan: can't read standard input: {e}");
                return Err(1);
            }
            (bytes, "<stdin>".to_string(), cwd)
        }
    };
    Ok(Request {
        bytes,
        path,
        dir,
        argv,
        package,
        interactive: false,
        options,
    })
}

/// The directories `-m` searches: the current one, then `PYTHONPATH`
/// (unless `-E`).
fn python_path(cwd: &std::path::Path, ignore_environment: bool) -> Vec<std::path::PathBuf> {
    let mut dirs = vec![cwd.to_path_buf()];
    if let Some(pp) = std::env::var_os("PYTHONPATH").filter(|_| !ignore_environment) {
        dirs.extend(std::env::split_paths(&pp).filter(|p| !p.as_os_str().is_empty()));
    }
    dirs
}

/// The file `-m NAME` runs: `a/b.py`, or `a/b/__main__.py` for a package.
fn find_module(name: &str, dirs: &[std::path::PathBuf]) -> Option<std::path::PathBuf> {
    let rel: std::path::PathBuf = name.split('.').collect();
    dirs.iter().find_map(|d| {
        let base = d.join(&rel);
        let file = base.with_extension("py");
        if file.is_file() {
            return Some(file);
        }
        let main = base.join("__main__.py");
        main.is_file().then_some(main)
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

fn run(req: &Request) -> u8 {
    let (bytes, path) = (&req.bytes[..], req.path.as_str());
    let o = &req.options;
    if o.gc_stress {
        taipan::object::gc::set_stress(true);
    }
    let mut stdout = std::io::stdout().lock();
    if o.tokens {
        let (out, err) = taipan::front::dump_tokens(bytes, path);
        let _ = stdout.write_all(out.as_bytes());
        if let Some(err) = err {
            let _ = stdout.flush();
            eprint!("{err}");
            return 1;
        }
        return 0;
    }
    if o.ast {
        return match taipan::front::dump_ast(bytes, path, o.attributes) {
            Ok(dump) => {
                let _ = writeln!(stdout, "{dump}");
                0
            }
            Err(rendered) => {
                eprint!("{rendered}");
                1
            }
        };
    }
    drop(stdout);
    // As CPython does for `__main__`, a script is known by its absolute
    // path (`<string>` and `<stdin>` stay as they are).
    let abs_path = match &o.program {
        Program::Script(_) => std::path::absolute(path)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| path.to_string()),
        _ => path.to_string(),
    };
    let path = if o.dis { path } else { abs_path.as_str() };
    let (code, text) = match taipan::compiler::compile_source(bytes, path) {
        Ok(c) => c,
        Err((err, text)) => {
            eprint!("{}", err.render(path, &text));
            return 1;
        }
    };
    // Issued once the interpreter (and its warning filters) exists.
    let compile_warnings = taipan::front::warnings::take();
    if o.dis && !o.adaptive {
        print!("{}", taipan_bytecode::dis::disassemble_recursive(&code));
        return 0;
    }
    let out: Box<dyn Write> = Box::new(taipan::types::stream::StdoutWriter::new(o.unbuffered));
    let mut vm = taipan::vm::Vm::new(out, &taipan::modules::NATIVES);
    taipan::vm::signals::install();
    // Tracebacks quote files; CPython shows no source for `-c` and stdin.
    if matches!(o.program, Program::Script(_) | Program::Module(_)) {
        vm.register_source(path, &text);
    }
    vm.argv = req.argv.clone();
    vm.argv_surrogates = ARGV_SURROGATES.load(std::sync::atomic::Ordering::Relaxed);
    vm.warnoptions = o.warnoptions.clone();
    vm.path.push(req.dir.clone());
    if let Some(pp) = std::env::var_os("PYTHONPATH").filter(|_| !o.ignore_environment) {
        vm.path
            .extend(std::env::split_paths(&pp).filter(|p| !p.as_os_str().is_empty()));
    }
    match taipan::vm::stdlib_path::find(o.stdlib.as_deref(), std::env::var_os("PATH").as_deref()) {
        Ok(Some(dir)) => {
            vm.path.push(dir.clone());
            vm.stdlib = Some(dir);
        }
        Ok(None) => {}
        Err(e) => {
            eprintln!("taipan: {e}");
            return 2;
        }
    }
    if o.no_cache_writes {
        vm.write_cache = false;
    }
    taipan::modules::site::install(&mut vm);
    if let Some(config) = o.jit {
        match taipan::jit::JitState::new(config) {
            Ok(state) => vm.jit = Some(taipan::jit::tier(state)),
            Err(e) => {
                eprintln!("taipan: cannot start the JIT: {e}");
                return 2;
            }
        }
    }
    // As CPython: with warning options, `warnings` is imported at start
    // so that they become its filters.
    if !vm.warnoptions.is_empty() && vm.stdlib.is_some() {
        if let Err(err) = taipan::vm::imports::import_dotted(&mut vm, "warnings") {
            eprint!("{}", vm.format_exception(&err));
            return 1;
        }
    }
    if let Err(err) =
        taipan::vm::eval_exec::issue_compile_warnings(&mut vm, compile_warnings, path, &text)
    {
        eprint!("{}", vm.format_exception(&err));
        return 1;
    }
    if req.interactive {
        let status = match repl::run(&mut vm, None, !o.quiet) {
            Ok(()) => 0,
            Err(err) => vm.exit_status(&err).unwrap_or(1),
        };
        let _ = vm.stdout.flush();
        vm.finalize();
        return status;
    }
    let result = match &req.package {
        Some(p) => vm.run_module_with(
            &code,
            "__main__",
            &[("__package__", taipan::object::heap::new_str(p.as_str()))],
        ),
        None => vm.run_module(&code, "__main__"),
    };
    // `-i`: the prompt, in the program's namespace, whatever the program
    // did (its exception, `SystemExit` included, is reported first).
    if o.inspect {
        let module = match result {
            Ok(module) => Some(module),
            Err(err) => {
                let _ = vm.stdout.flush();
                let text = vm.format_exception(&err);
                eprint!("{text}");
                vm.module("__main__")
            }
        };
        let globals = module.and_then(|m| match m.as_obj() {
            Some(taipan::object::heap::Object::Module(m)) => Some(m.dict.clone()),
            _ => None,
        });
        let status = match repl::run(&mut vm, globals, false) {
            Ok(()) => 0,
            Err(err) => vm.exit_status(&err).unwrap_or(1),
        };
        let _ = vm.stdout.flush();
        vm.finalize();
        return status;
    }
    // Output still buffered that cannot be written: CPython's report at
    // shutdown, and its exit status 120, unless the program failed
    // already.
    let flush_failed = match vm.stdout.flush() {
        Err(e) if result.is_ok() => {
            let err = taipan::types::stream::stream_error(&e);
            eprint!(
                "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\n{}",
                vm.format_exception(&err)
            );
            true
        }
        _ => false,
    };
    if let Some(report) = taipan::jit::stats_report(&vm) {
        eprint!("{report}");
    }
    let status = match result {
        // The module goes before finalization, which frees what it held.
        Ok(module) => {
            drop(module);
            0
        }
        Err(err) => match vm.exit_status(&err) {
            Some(code) => code,
            None => {
                let text = vm.format_exception(&err);
                eprint!("{text}");
                // Ended by Ctrl-C: the status a shell gives SIGINT.
                if err.kind() == taipan::object::exceptions::ExcKind::KeyboardInterrupt {
                    SIGINT_STATUS
                } else {
                    1
                }
            }
        },
    };
    if o.dis && o.adaptive {
        if let Some(rt) = vm.main_code.take() {
            let text = taipan::vm::specialize::disassemble_adaptive(&rt);
            let _ = vm.stdout.write_all(text.as_bytes());
            let _ = vm.stdout.flush();
        }
    }
    vm.finalize();
    if flush_failed {
        120
    } else if status == SIGINT_STATUS {
        exit_by_sigint()
    } else {
        status
    }
}

/// The status of a program ended by an uncaught KeyboardInterrupt, which
/// [`exit_by_sigint`] turns into death by SIGINT.
const SIGINT_STATUS: u8 = 130;

/// Ends the process by SIGINT with its default action, so that the
/// parent (a shell, `subprocess`) sees "killed by SIGINT" as CPython's
/// `exit_sigint` makes it; the shell's status for it (130) if that fails.
fn exit_by_sigint() -> u8 {
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let _ = std::io::Write::flush(&mut std::io::stderr());
    // SAFETY: restoring SIGINT's default action, then sending it to this
    // process, which ends it.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
    SIGINT_STATUS
}
