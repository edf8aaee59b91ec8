//! The `taipan` command line: shows each stage of the pipeline on a file.

use clap::{Arg, ArgAction, Command};
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
            Arg::new("file")
                .required(true)
                .help("the Python source file"),
        )
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let Some(path) = matches.get_one::<String>("file") else {
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "taipan: can't open file '{path}': [Errno {}] {e}",
                e.raw_os_error().unwrap_or(0)
            );
            return ExitCode::from(2);
        }
    };
    // The parser recurses; give it a generous stack of its own.
    let tokens = matches.get_flag("tokens");
    let attributes = matches.get_flag("attributes");
    let ast = matches.get_flag("ast");
    let dis = matches.get_flag("dis");
    let path = path.clone();
    let worker = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            if dis {
                return run_dis(&bytes, &path);
            }
            run(&bytes, &path, tokens, ast, attributes)
        });
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
}

fn run(bytes: &[u8], path: &str, tokens: bool, ast: bool, attributes: bool) -> u8 {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if tokens {
        let (out, err) = taipan::front::dump_tokens(bytes, path);
        let _ = stdout.write_all(out.as_bytes());
        if let Some(err) = err {
            let _ = stdout.flush();
            eprint!("{err}");
            return 1;
        }
        return 0;
    }
    let result = taipan::front::dump_ast(bytes, path, attributes);
    match result {
        Ok(dump) if ast => {
            let _ = writeln!(stdout, "{dump}");
            0
        }
        Ok(_) => {
            eprintln!("taipan: running programs arrives with the compiler; use --tokens or --ast");
            2
        }
        Err(rendered) => {
            eprint!("{rendered}");
            1
        }
    }
}

fn run_dis(bytes: &[u8], path: &str) -> u8 {
    match taipan::compiler::compile_source(bytes, path) {
        Ok((code, _)) => {
            print!("{}", taipan_bytecode::dis::disassemble_recursive(&code));
            0
        }
        Err((err, text)) => {
            eprint!("{}", err.render(path, &text));
            1
        }
    }
}
