//! The `taipan` command line: runs a Python script, or shows one stage of
//! the pipeline (`--tokens`, `--ast`, `--dis`).

use clap::{Arg, ArgAction, Command};
use std::io::Write;
use std::process::ExitCode;

fn cli() -> Command {
    Command::new("taipan")
        .about("Taipan: a Python 3 implementation in Rust")
        .arg(
            Arg::new("tokens")
                .long("tokens")
                .action(ArgAction::SetTrue)
                .help("print the tokens, as `python3 -m tokenize FILE`"),
        )
        .arg(
            Arg::new("ast")
                .long("ast")
                .action(ArgAction::SetTrue)
                .help("print the syntax tree, as `ast.dump(ast.parse(src))`"),
        )
        .arg(
            Arg::new("attributes")
                .long("attributes")
                .action(ArgAction::SetTrue)
                .help("with --ast: include positions (include_attributes=True)"),
        )
        .arg(
            Arg::new("dis")
                .long("dis")
                .action(ArgAction::SetTrue)
                .help("print the bytecode, as `python3 -m dis FILE`"),
        )
        .arg(
            Arg::new("jit")
                .long("jit")
                .action(ArgAction::SetTrue)
                .help("compile hot functions to native code with Cranelift"),
        )
        .arg(
            Arg::new("no-jit")
                .long("no-jit")
                .action(ArgAction::SetTrue)
                .overrides_with("jit")
                .help("interpret only (the default)"),
        )
        .arg(
            Arg::new("jit-threshold")
                .long("jit-threshold")
                .value_name("N")
                .value_parser(clap::value_parser!(u32))
                .help("calls before a function is compiled (0: on its first call)"),
        )
        .arg(
            Arg::new("jit-stats")
                .long("jit-stats")
                .action(ArgAction::SetTrue)
                .help("print JIT statistics at exit"),
        )
        .arg(
            Arg::new("jit-dump")
                .long("jit-dump")
                .action(ArgAction::SetTrue)
                .help("print the Cranelift IR and machine code of compiled functions"),
        )
        .arg(
            Arg::new("gc-stress")
                .long("gc-stress")
                .action(ArgAction::SetTrue)
                .help("run the cycle collector every few allocations (for testing it)"),
        )
        .arg(
            Arg::new("file")
                .required(true)
                .help("the Python source file"),
        )
        .arg(
            Arg::new("args")
                .num_args(0..)
                .trailing_var_arg(true)
                .allow_hyphen_values(true)
                .help("arguments for the script"),
        )
}

/// What the command line asked for.
struct Request {
    bytes: Vec<u8>,
    path: String,
    tokens: bool,
    ast: bool,
    attributes: bool,
    dis: bool,
    jit: Option<taipan::runtime::jit::JitConfig>,
    /// `--gc-stress`.
    gc_stress: bool,
    /// `sys.argv[1:]`.
    args: Vec<String>,
}

/// Calls (or loop iterations / 16) before a function is compiled by default.
const DEFAULT_JIT_THRESHOLD: u32 = 200;

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let Some(path) = matches.get_one::<String>("file").cloned() else {
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            let abs = std::path::absolute(&path)
                .map(|p| p.display().to_string())
                .unwrap_or(path.clone());
            eprintln!(
                "taipan: can't open file '{abs}': [Errno {}] {}",
                e.raw_os_error().unwrap_or(0),
                io_reason(&e)
            );
            return ExitCode::from(2);
        }
    };
    let req = Request {
        bytes,
        path,
        tokens: matches.get_flag("tokens"),
        ast: matches.get_flag("ast"),
        attributes: matches.get_flag("attributes"),
        dis: matches.get_flag("dis"),
        gc_stress: matches.get_flag("gc-stress"),
        args: matches
            .get_many::<String>("args")
            .map(|a| a.cloned().collect())
            .unwrap_or_default(),
        jit: (matches.get_flag("jit") && !matches.get_flag("no-jit")).then(|| {
            taipan::runtime::jit::JitConfig {
                threshold: matches
                    .get_one::<u32>("jit-threshold")
                    .copied()
                    .unwrap_or(DEFAULT_JIT_THRESHOLD),
                stats: matches.get_flag("jit-stats"),
                dump: matches.get_flag("jit-dump"),
            }
        }),
    };
    // The interpreter and parser recurse; give them a generous stack.
    let worker = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || run(&req));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
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
    if req.gc_stress {
        taipan::runtime::gc::set_stress(true);
    }
    let mut stdout = std::io::stdout().lock();
    if req.tokens {
        let (out, err) = taipan::front::dump_tokens(bytes, path);
        let _ = stdout.write_all(out.as_bytes());
        if let Some(err) = err {
            let _ = stdout.flush();
            eprint!("{err}");
            return 1;
        }
        return 0;
    }
    if req.ast {
        return match taipan::front::dump_ast(bytes, path, req.attributes) {
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
    // As CPython does for `__main__`, the script is known by its absolute path.
    let abs_path = std::path::absolute(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string());
    let path = if req.dis { path } else { abs_path.as_str() };
    let (code, text) = match taipan::compiler::compile_source(bytes, path) {
        Ok(c) => c,
        Err((err, text)) => {
            eprint!("{}", err.render(path, &text));
            return 1;
        }
    };
    if req.dis {
        print!("{}", taipan_bytecode::dis::disassemble_recursive(&code));
        return 0;
    }
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let mut vm = taipan::runtime::Vm::new(Box::new(out));
    vm.register_source(path, &text);
    vm.argv = std::iter::once(req.path.clone())
        .chain(req.args.iter().cloned())
        .collect();
    let dir = std::path::Path::new(path).parent().map(|p| {
        if p.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            p
        }
    });
    vm.path
        .push(dir.unwrap_or(std::path::Path::new(".")).to_path_buf());
    if let Some(config) = req.jit {
        match taipan::runtime::jit::JitState::new(config) {
            Ok(state) => vm.jit = Some(state),
            Err(e) => {
                eprintln!("taipan: cannot start the JIT: {e}");
                return 2;
            }
        }
    }
    let result = vm.run_module(&code, "__main__");
    let _ = vm.stdout.flush();
    if let Some(state) = &vm.jit {
        if state.config.stats {
            eprint!("{}", state.report());
        }
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
                1
            }
        },
    };
    vm.finalize();
    status
}
