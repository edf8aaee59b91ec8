//! python3's command line, as CPython 3.11 parses it (`Modules/main.c`,
//! `Python/getopt.c`): options first, short ones combinable (`-uc CMD`),
//! then what to run — a script, `-c CMD`, `-m MODULE`, `-` or nothing
//! (standard input) — and everything after that belongs to the program
//! (`sys.argv`). Taipan's own options (`--jit`, `--dis`, …) are long
//! options and likewise come before the program.

use taipan::jit::JitConfig;

/// What to run.
#[derive(Debug, PartialEq)]
pub enum Program {
    /// A script file.
    Script(String),
    /// `-c CMD`.
    Command(String),
    /// `-m MODULE`.
    Module(String),
    /// `-` or no program: the source comes from standard input.
    Stdin,
}

/// Everything the command line asked for.
#[derive(Debug)]
pub struct Options {
    pub program: Program,
    /// `sys.argv[1:]`.
    pub args: Vec<String>,
    pub tokens: bool,
    pub ast: bool,
    pub attributes: bool,
    pub dis: bool,
    /// `--adaptive` (with `--dis`): run the program, then print the
    /// instructions as the interpreter specialised them.
    pub adaptive: bool,
    pub jit: Option<JitConfig>,
    pub gc_stress: bool,
    /// `-u` / `PYTHONUNBUFFERED`: no output buffering.
    pub unbuffered: bool,
    /// `-B` / `PYTHONDONTWRITEBYTECODE`: no `__pycache__` writes.
    pub no_cache_writes: bool,
    /// `-q`: no banner at the interactive prompt.
    pub quiet: bool,
    /// `-i`: the interactive prompt after the program ran (with a
    /// terminal on standard input).
    pub inspect: bool,
    /// `--stdlib DIR` / `TAIPAN_STDLIB`: where CPython 3.11's `Lib/` is.
    pub stdlib: Option<std::path::PathBuf>,
    /// `sys.warnoptions`: `PYTHONWARNINGS`'s filters, then each `-W`'s.
    pub warnoptions: Vec<String>,
    /// `-E` / `-I`: the `PYTHON*` environment variables are ignored.
    pub ignore_environment: bool,
}

/// The outcome of parsing.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Options>),
    Help,
    Version,
    /// A usage error: the message (CPython exits with status 2).
    Error(String),
}

/// Calls (or loop iterations / 16) before a function is compiled by default.
pub const DEFAULT_JIT_THRESHOLD: u32 = 200;

/// `--help`.
pub const HELP: &str = "\
usage: taipan [option] ... [-c cmd | -m mod | file | -] [arg] ...
Taipan: a Python 3.11 implementation in Rust, with a Cranelift JIT.

Options (as python3's):
-c cmd : program passed in as string (terminates option list)
-m mod : run library module as a script (terminates option list)
-u     : unbuffered stdout and stderr
-B     : don't write .pyc files on import
-q     : don't print the version message on interactive startup
-i     : inspect interactively after running the program
-h     : print this help message and exit (also -? or --help)
-V     : print the version number and exit (also --version)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-I     : isolate Python from the user's environment (here: as -E)
-W arg : warning control; arg is action:message:category:module:lineno
         also PYTHONWARNINGS=arg
-O -OO -s -S -R -b -d -v -x, -X opt, --check-hash-based-pycs mode:
         accepted and ignored (they have no meaning in Taipan yet)
file   : program read from script file
-      : program read from stdin (default; with a terminal there, the
         interactive prompt)
arg ...: arguments passed to program in sys.argv[1:]

Taipan's options (before the program):
--jit               compile hot functions to native code with Cranelift
--no-jit            interpret only (the default)
--jit-threshold N   calls before a function is compiled (0: on its first call)
--jit-stats         print JIT statistics at exit
--jit-dump          print the Cranelift IR and machine code of compiled functions
--gc-stress         run the cycle collector every few allocations (for testing it)
--tokens            print the tokens, as `python3 -m tokenize FILE`
--ast               print the syntax tree, as `ast.dump(ast.parse(src))`
--attributes        with --ast: include positions (include_attributes=True)
--dis               print the bytecode, as `python3 -m dis FILE`
--adaptive          with --dis: run the program first, then print the bytecode
                    as the interpreter specialised it (dis's adaptive=True)
--stdlib DIR        CPython 3.11's standard library (Lib/) to run on

Environment: PYTHONPATH (added to sys.path), PYTHONUNBUFFERED (as -u),
PYTHONDONTWRITEBYTECODE (as -B), TAIPAN_STDLIB (as --stdlib; else the
library beside python3.11 on PATH, then the usual install locations).
";

/// Parses the arguments after the program name; `env` reads environment
/// variables (so tests can give their own).
pub fn parse(args: &[String], env: &dyn Fn(&str) -> Option<String>) -> Parsed {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let mut o = Options {
        program: Program::Stdin,
        args: Vec::new(),
        tokens: false,
        ast: false,
        attributes: false,
        dis: false,
        adaptive: false,
        jit: None,
        gc_stress: false,
        unbuffered: set("PYTHONUNBUFFERED"),
        no_cache_writes: set("PYTHONDONTWRITEBYTECODE"),
        quiet: false,
        inspect: false,
        stdlib: env("TAIPAN_STDLIB")
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from),
        warnoptions: env("PYTHONWARNINGS")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
        ignore_environment: false,
    };
    let from_env = o.warnoptions.len();
    // Whether -u and -B were given (-E then drops only what the
    // environment set).
    let (mut u_flag, mut b_flag) = (false, false);
    let (mut jit, mut threshold, mut stats, mut dump) = (false, None, false, false);
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            // The end of the options: what follows is the program.
            if let Some(next) = args.get(i) {
                name_program(&mut o, next, &args[i + 1..]);
                return finish(o, jit, threshold, stats, dump);
            }
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let mut value = || -> Result<String, String> {
                if let Some(v) = &inline {
                    return Ok(v.clone());
                }
                let v = args
                    .get(i)
                    .cloned()
                    .ok_or_else(|| format!("Argument expected for the --{name} option"))?;
                i += 1;
                Ok(v)
            };
            match name {
                "help" => return Parsed::Help,
                "version" => return Parsed::Version,
                "tokens" => o.tokens = true,
                "ast" => o.ast = true,
                "attributes" => o.attributes = true,
                "dis" => o.dis = true,
                "adaptive" => o.adaptive = true,
                "jit" => jit = true,
                "no-jit" => jit = false,
                "jit-stats" => stats = true,
                "jit-dump" => dump = true,
                "gc-stress" => o.gc_stress = true,
                "jit-threshold" => match value().map(|v| v.parse::<u32>()) {
                    Ok(Ok(n)) => threshold = Some(n),
                    Ok(Err(_)) => return Parsed::Error("--jit-threshold takes a number".into()),
                    Err(e) => return Parsed::Error(e),
                },
                "stdlib" => match value() {
                    Ok(v) => o.stdlib = Some(v.into()),
                    Err(e) => return Parsed::Error(e),
                },
                "check-hash-based-pycs" => {
                    if let Err(e) = value() {
                        return Parsed::Error(e);
                    }
                }
                _ => return Parsed::Error(format!("unknown option --{name}")),
            }
            continue;
        }
        if arg == "-" || !arg.starts_with('-') {
            name_program(&mut o, arg, &args[i..]);
            return finish(o, jit, threshold, stats, dump);
        }
        // A group of short options (`-uBc CMD`).
        let letters: Vec<char> = arg[1..].chars().collect();
        let mut k = 0;
        while k < letters.len() {
            let c = letters[k];
            k += 1;
            // The option's argument: the rest of this word, or the next.
            let mut take_value = |what: &str| -> Result<String, String> {
                let rest: String = letters[k..].iter().collect();
                k = letters.len();
                if !rest.is_empty() {
                    return Ok(rest);
                }
                let v = args
                    .get(i)
                    .cloned()
                    .ok_or_else(|| format!("Argument expected for the -{what} option"))?;
                i += 1;
                Ok(v)
            };
            match c {
                'c' | 'm' => {
                    let v = match take_value(&c.to_string()) {
                        Ok(v) => v,
                        Err(e) => return Parsed::Error(e),
                    };
                    o.program = if c == 'c' {
                        Program::Command(v)
                    } else {
                        Program::Module(v)
                    };
                    o.args = args[i..].to_vec();
                    return finish(o, jit, threshold, stats, dump);
                }
                'W' => match take_value("W") {
                    Ok(v) => o.warnoptions.push(v),
                    Err(e) => return Parsed::Error(e),
                },
                'X' => {
                    if let Err(e) = take_value("X") {
                        return Parsed::Error(e);
                    }
                }
                'E' | 'I' => {
                    if !o.ignore_environment {
                        o.ignore_environment = true;
                        o.warnoptions.drain(..from_env);
                        o.unbuffered = u_flag;
                        o.no_cache_writes = b_flag;
                    }
                }
                'h' | '?' => return Parsed::Help,
                'V' => return Parsed::Version,
                'u' => (o.unbuffered, u_flag) = (true, true),
                'B' => (o.no_cache_writes, b_flag) = (true, true),
                'q' => o.quiet = true,
                'i' => o.inspect = true,
                'O' | 's' | 'S' | 'R' | 'b' | 'd' | 'v' | 'x' => {}
                _ => return Parsed::Error(format!("Unknown option: -{c}")),
            }
        }
    }
    // No program on the command line: standard input (everything after
    // `--` is its arguments).
    o.args = args[i..].to_vec();
    finish(o, jit, threshold, stats, dump)
}

/// The program named on the command line (a script, or `-` for standard
/// input) and the arguments after it (`sys.argv[1:]`; `-` is `argv[0]`).
fn name_program(o: &mut Options, name: &str, rest: &[String]) {
    o.args = rest.to_vec();
    o.program = if name == "-" {
        o.args.insert(0, "-".into());
        Program::Stdin
    } else {
        Program::Script(name.to_string())
    };
}

fn finish(mut o: Options, jit: bool, threshold: Option<u32>, stats: bool, dump: bool) -> Parsed {
    o.jit = jit.then(|| JitConfig {
        threshold: threshold.unwrap_or(DEFAULT_JIT_THRESHOLD),
        stats,
        dump,
    });
    Parsed::Run(Box::new(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Options {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&args, &|_| None) {
            Parsed::Run(o) => *o,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn program_and_its_arguments() {
        let o = run(&["--jit", "tool.py", "--jit", "-h"]);
        assert_eq!(o.program, Program::Script("tool.py".into()));
        assert_eq!(o.args, ["--jit", "-h"]);
        assert!(o.jit.is_some());
        let o = run(&["-uc", "print(1)", "a"]);
        assert_eq!(o.program, Program::Command("print(1)".into()));
        assert_eq!(o.args, ["a"]);
        assert!(o.unbuffered);
        let o = run(&["-B", "-m", "json.tool", "x"]);
        assert_eq!(o.program, Program::Module("json.tool".into()));
        assert!(o.no_cache_writes);
        let o = run(&["-mjson"]);
        assert_eq!(o.program, Program::Module("json".into()));
        let o = run(&["-"]);
        assert_eq!((o.program, o.args), (Program::Stdin, vec!["-".to_string()]));
        let o = run(&["-W", "ignore", "-X", "dev", "-E", "-Werror", "s.py"]);
        assert_eq!(o.program, Program::Script("s.py".into()));
        assert_eq!(o.warnoptions, ["ignore", "error"]);
        assert!(o.ignore_environment);
        let o = run(&["--", "-c", "x"]);
        assert_eq!(
            (o.program, o.args),
            (Program::Script("-c".into()), vec!["x".to_string()])
        );
        let o = run(&["--jit-threshold=0", "--jit", "s.py"]);
        assert_eq!(o.jit.map(|j| j.threshold), Some(0));
        let o = run(&["--stdlib", "/opt/lib/python3.11", "s.py"]);
        assert_eq!(o.stdlib, Some("/opt/lib/python3.11".into()));
        let args = vec!["s.py".to_string()];
        let env = |k: &str| (k == "TAIPAN_STDLIB").then(|| "/x/Lib".to_string());
        let Parsed::Run(o) = parse(&args, &env) else {
            panic!("s.py runs")
        };
        assert_eq!(o.stdlib, Some("/x/Lib".into()));
    }

    #[test]
    fn help_version_and_errors() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(matches!(parse(&args(&["-V"]), &|_| None), Parsed::Version));
        assert!(matches!(
            parse(&args(&["-h", "x.py"]), &|_| None),
            Parsed::Help
        ));
        assert!(matches!(parse(&args(&["-c"]), &|_| None), Parsed::Error(_)));
        assert!(matches!(parse(&args(&["-Z"]), &|_| None), Parsed::Error(_)));
        let env = |k: &str| (k == "PYTHONUNBUFFERED").then(|| "1".to_string());
        match parse(&args(&["s.py"]), &env) {
            Parsed::Run(o) => assert!(o.unbuffered),
            other => panic!("{other:?}"),
        }
    }
}
