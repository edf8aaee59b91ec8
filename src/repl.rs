//! The interactive prompt: what `taipan` runs with no script and a
//! terminal on standard input, as CPython's REPL. Lines are read with
//! line editing and history (rustyline); a statement is complete when it
//! parses and, for a compound statement, when a blank line ends it; it is
//! compiled in the prompt's mode (`compile(..., "single")`: expression
//! statements show their values through `sys.displayhook`) and runs in
//! one `__main__` module (with `-i`, the program's, after it ran). An
//! exception prints its traceback and the
//! session goes on; `SystemExit` and end of input (Ctrl-D) end it; Ctrl-C
//! drops the line being typed. When standard input is no terminal
//! (`taipan -i < commands`), lines are read from it as they come, the
//! prompts written to standard error, as CPython does.

use rustyline::error::ReadlineError;
use std::io::{IsTerminal, Write};
use taipan::object::exceptions::{ExcKind, PyErr};
use taipan::object::heap::{new_str, Object};
use taipan::object::value::Value;
use taipan::vm::Vm;

/// Runs the prompt until end of input; the `SystemExit` that ended it
/// otherwise (for the caller's exit status).
/// `globals`: the namespace to run in (`-i`: the program's `__main__`),
/// else a new `__main__`; `banner`: whether to print the banner.
pub fn run(
    vm: &mut Vm,
    globals: Option<taipan::object::value::ObjRef>,
    banner: bool,
) -> Result<(), Box<PyErr>> {
    let globals = match globals {
        Some(g) => g,
        None => main_module(vm)?,
    };
    set_prompts(vm);
    if banner {
        eprintln!(
        "Python 3.11 (Taipan {}) on {}\nType \"exit()\" or press Ctrl-D (end of input) to leave.",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS
        );
    }
    let mut input = if std::io::stdin().is_terminal() {
        // Completion lists as readline's: the common part first, then
        // the candidates on a second Tab.
        let config = rustyline::Config::builder()
            .completion_type(rustyline::CompletionType::List)
            .auto_add_history(false)
            .build();
        let Ok(mut editor) = Editor::with_config(config) else {
            eprintln!("taipan: cannot read from the terminal");
            return Ok(());
        };
        editor.set_helper(Some(crate::repl_complete::Completion::new(globals.clone())));
        // CPython's `site` keeps the prompt's history in ~/.python_history.
        let history =
            std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".python_history"));
        if let Some(path) = &history {
            let _ = editor.load_history(path);
        }
        Input::Terminal(Box::new(editor), history)
    } else {
        Input::Piped
    };
    let result = session(vm, &globals, &mut input);
    if let Input::Terminal(editor, Some(path)) = &mut input {
        let _ = editor.save_history(path);
    }
    result
}

type Editor = rustyline::Editor<crate::repl_complete::Completion, rustyline::history::FileHistory>;

/// Reads and runs statements until end of input or `SystemExit`.
fn session(
    vm: &mut Vm,
    globals: &taipan::object::value::ObjRef,
    input: &mut Input,
) -> Result<(), Box<PyErr>> {
    let mut buffer = String::new();
    loop {
        let _ = vm.stdout.flush();
        let prompt = prompt(vm, if buffer.is_empty() { "ps1" } else { "ps2" });
        let line = match input.read_line(vm, &prompt) {
            Ok(line) => Some(line),
            Err(ReadlineError::Interrupted) => {
                // As CPython: the line is dropped, the prompt starts over.
                eprintln!("KeyboardInterrupt");
                buffer.clear();
                continue;
            }
            // End of input with a statement begun: it is compiled as it
            // is (CPython reports what it lacks), then the end is met
            // again at the next prompt.
            Err(_) if !buffer.is_empty() => None,
            // End of input (Ctrl-D), or a terminal that went away.
            Err(_) => return Ok(()),
        };
        if let Some(line) = line {
            if buffer.is_empty() && line.trim().is_empty() {
                continue;
            }
            buffer.push_str(&line);
            buffer.push('\n');
            if !complete(&buffer, &line) {
                continue;
            }
        }
        let source = std::mem::take(&mut buffer);
        let code = match taipan::compiler::compile_interactive_source(&source, "<stdin>") {
            Ok((code, text)) => {
                let warnings = taipan::front::warnings::take();
                taipan::vm::eval_exec::issue_compile_warnings(vm, warnings, "<stdin>", &text)
                    .map(|()| code)
            }
            Err((err, text)) => {
                let _ = vm.stdout.flush();
                eprint!("{}", err.render("<stdin>", &text));
                continue;
            }
        };
        if let Err(err) = code.and_then(|code| vm.exec_module_code(&code, globals.clone())) {
            if err.kind() == ExcKind::SystemExit {
                return Err(err);
            }
            let _ = vm.stdout.flush();
            let text = vm.format_exception(&err);
            eprint!("{text}");
        }
    }
}

/// Where the prompt reads its lines: a terminal, with line editing and
/// history, or any other standard input, line by line.
enum Input {
    /// The editor and the history file.
    Terminal(Box<Editor>, Option<std::path::PathBuf>),
    /// Lines come from `sys.stdin.readline()`, so that `input()` in the
    /// statements read takes the next line of the same stream (the lines
    /// after it stay for the prompt).
    Piped,
}

impl Input {
    /// The next line (without its end), after showing `prompt`; an error
    /// at the end of input. A piped input gets the prompt on standard
    /// error, and at its end a line break there, as CPython writes them.
    fn read_line(&mut self, vm: &mut Vm, prompt: &str) -> Result<String, ReadlineError> {
        match self {
            Input::Terminal(editor, _) => {
                if let Some(h) = editor.helper() {
                    h.lend(vm);
                }
                let line = editor.readline(prompt);
                if let Some(h) = editor.helper() {
                    h.take_back();
                }
                let line = line?;
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                Ok(line)
            }
            Input::Piped => {
                let mut err = std::io::stderr();
                let _ = err.write_all(prompt.as_bytes());
                let _ = err.flush();
                match stdin_line(vm) {
                    Some(mut line) if !line.is_empty() => {
                        if line.ends_with('\n') {
                            line.pop();
                        }
                        Ok(line)
                    }
                    _ => {
                        let _ = err.write_all(b"\n");
                        Err(ReadlineError::Eof)
                    }
                }
            }
        }
    }
}

/// The next line of `sys.stdin` (with its end; empty at the end of
/// input), or None when it cannot be read (no `sys.stdin`, a read error,
/// a line that is not a str).
fn stdin_line(vm: &mut Vm) -> Option<String> {
    let sys = taipan::protocol::import(vm, "sys").ok()?;
    let stdin = taipan::protocol::getattr(vm, &sys, "stdin").ok()?;
    let readline = taipan::protocol::getattr(vm, &stdin, "readline").ok()?;
    let line = taipan::protocol::call(vm, &readline, &[], &[]).ok()?;
    taipan::object::heap::as_str(&line).map(str::to_string)
}

/// Whether `buffer` (ending with `line`) is a whole statement to run: it
/// parses and is no compound statement still open (those end at a blank
/// line), or it has an error that more lines cannot mend.
fn complete(buffer: &str, line: &str) -> bool {
    let blank = line.trim().is_empty();
    match taipan::front::parser::parse_module(buffer) {
        Ok(module) => blank || !module.body.first().is_some_and(|s| s.kind.is_compound()),
        // A decorator waits for its function or class.
        Err(_) if !blank && buffer.trim_start().starts_with('@') => false,
        Err(e) => match incomplete(&e.msg) {
            // An open bracket or string goes on over blank lines.
            Some(Open::Bracket) => false,
            // A block header still waiting for its body (the error is at
            // the end of the input): a blank line ends the wait with the
            // error, as in CPython; a line that is no body is the error.
            Some(Open::Block) => blank || !ends_with_colon(line.trim()),
            None => true,
        },
    }
}

/// What more input could complete.
enum Open {
    Bracket,
    Block,
}

/// Whether a syntax error's message says the input stopped early.
fn incomplete(msg: &str) -> Option<Open> {
    if msg.contains("was never closed")
        || msg.starts_with("unterminated triple-quoted string")
        || msg.starts_with("unexpected EOF")
    {
        Some(Open::Bracket)
    } else if msg.starts_with("expected an indented block") {
        Some(Open::Block)
    } else {
        None
    }
}

/// Whether a line of code ends with `:` (a compound statement's header),
/// a trailing comment aside.
fn ends_with_colon(line: &str) -> bool {
    let code = match line.find('#') {
        // (A `#` inside a string literal is rare on a header line; such a
        // line then reads as not opening a block, and a blank line is not
        // needed to run it.)
        Some(i) => &line[..i],
        None => line,
    };
    code.trim_end().ends_with(':')
}

/// The `__main__` module the prompt's statements run in, as CPython's:
/// `__name__`, `__doc__`, `__package__`, `__loader__`, `__spec__`, and
/// no `__file__`.
fn main_module(vm: &mut Vm) -> Result<taipan::object::value::ObjRef, Box<PyErr>> {
    let (code, _) = taipan::compiler::compile_interactive_source("", "<stdin>")
        .map_err(|(e, _)| PyErr::new(ExcKind::SystemError, e.msg))?;
    let module = vm.run_module_with(&code, "__main__", &[("__package__", Value::None)])?;
    match module.as_obj() {
        Some(Object::Module(m)) => {
            if let Object::Dict(d) = m.dict.get() {
                let _ = d.borrow_mut().remove(&new_str("__file__"));
            }
            Ok(m.dict.clone())
        }
        _ => Err(PyErr::new(ExcKind::SystemError, "no __main__ module")),
    }
}

/// `sys.ps1` and `sys.ps2`, which only the interactive prompt defines.
fn set_prompts(vm: &mut Vm) {
    let sys = taipan::vm::imports::import_dotted(vm, "sys").ok();
    if let Some(Object::Module(m)) = sys.as_ref().and_then(Value::as_obj) {
        if let Object::Dict(d) = m.dict.get() {
            let mut d = d.borrow_mut();
            d.set_str("ps1", new_str(">>> "));
            d.set_str("ps2", new_str("... "));
        }
    }
}

/// The prompt `sys.<name>` gives (its `str`, as CPython shows it).
fn prompt(vm: &mut Vm, name: &str) -> String {
    let sys = taipan::vm::imports::import_dotted(vm, "sys").ok();
    let value = match sys.as_ref().and_then(Value::as_obj) {
        Some(Object::Module(m)) => match m.dict.get() {
            Object::Dict(d) => d.borrow().get_str(name),
            _ => None,
        },
        _ => None,
    };
    match value {
        Some(v) => taipan::protocol::repr::str_of(vm, &v).unwrap_or_default(),
        None => String::new(),
    }
}
