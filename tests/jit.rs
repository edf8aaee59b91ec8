//! The JIT beyond program outputs: every code object of the test programs
//! translates and compiles for AArch64 as well as x86-64 (Cranelift
//! verifies the IR; nothing runs), and the tier is observable through
//! `--jit-stats` and `--jit-dump`.
#![cfg(feature = "jit")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, ConstValue};

fn programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for p in entries.flatten().map(|e| e.path()) {
        if p.is_dir() {
            programs(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn code_objects(code: &Arc<CodeObject>, out: &mut Vec<Arc<CodeObject>>) {
    out.push(code.clone());
    for k in &code.consts {
        if let ConstValue::Code(inner) = k {
            code_objects(inner, out);
        }
    }
}

#[test]
fn every_test_function_compiles_for_aarch64_and_x86_64() {
    let mut files = Vec::new();
    programs(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs"),
        &mut files,
    );
    programs(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs"),
        &mut files,
    );
    let layout = taipan::jit::layout();
    // Every inline path is on: the runtime measured each layout.
    assert!(layout.list_items_len.is_some(), "no list layout");
    assert!(layout.tuple_items_len.is_some(), "no tuple layout");
    assert!(layout.iter.is_some(), "no iterator layout");
    assert!(layout.instance.is_some(), "no instance layout");
    assert!(layout.globals.is_some(), "no globals layout");
    assert!(layout.builtins.is_some(), "no built-in functions layout");
    let (mut count, mut direct_entries) = (0, 0);
    for f in files {
        let bytes = std::fs::read(&f).expect("readable");
        let Ok((code, _)) = taipan::compiler::compile_source(&bytes, &f.to_string_lossy()) else {
            continue;
        };
        let mut all = Vec::new();
        code_objects(&code, &mut all);
        for c in all {
            // Code with handlers or cells stays interpreted, and says why.
            if let Some(reason) = taipan_jit::translate::not_compiled_reason(&c) {
                let err = taipan_jit::compile_for_triple(&c, &layout, "x86_64-unknown-linux-gnu")
                    .expect_err("not compiled");
                assert_eq!(err, reason);
                continue;
            }
            for triple in ["aarch64-unknown-linux-gnu", "x86_64-unknown-linux-gnu"] {
                let size = taipan_jit::compile_for_triple(&c, &layout, triple)
                    .unwrap_or_else(|e| panic!("{} in {}: {triple}: {e}", c.qualname, f.display()));
                assert!(size > 0);
                // Its direct entry too, when calls pass straight into it.
                if c.direct_argcount().is_some() {
                    let size = taipan_jit::compile_direct_entry_for_triple(&c, &layout, triple)
                        .unwrap_or_else(|e| {
                            panic!(
                                "{} in {}: {triple}: direct entry: {e}",
                                c.qualname,
                                f.display()
                            )
                        });
                    assert!(size > 0);
                    direct_entries += 1;
                }
            }
            count += 1;
        }
    }
    assert!(count > 100, "only {count} code objects");
    assert!(direct_entries > 100, "only {direct_entries} direct entries");
}

/// Runs `src` with `taipan ARGS`; each call has its own file (the tests
/// of this binary run in parallel).
fn run(args: &[&str], src: &str) -> (String, String) {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("taipan-jit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join(format!("prog{n}.py"));
    std::fs::write(&file, src).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .args(args)
        .arg(&file)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stats_name_compiled_functions_and_time() {
    let src = "def square(x):\n    return x * x\ntotal = 0\nfor i in range(10):\n    total += square(i)\nprint(total)\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-stats"], src);
    assert_eq!(out, "285\n");
    assert!(err.contains("2 functions compiled, 0 rejected"), "{err}");
    assert!(
        err.contains("compiled square") && err.contains("compiled <module>"),
        "{err}"
    );
    assert!(err.contains("compile time"), "{err}");
    // With a high threshold nothing gets hot.
    let (out, err) = run(&["--jit", "--jit-threshold", "1000000", "--jit-stats"], src);
    assert_eq!(out, "285\n");
    assert!(err.contains("0 functions compiled"), "{err}");
}

/// With a threshold above 0 (and no dump), hot functions are compiled
/// on the compile thread while the interpreter keeps running them; the
/// entry is installed when it is ready and the results do not change.
#[test]
fn hot_functions_compile_in_the_background() {
    let src = "import time\ndef square(x):\n    return x * x\ntotal = 0\n\
               start = time.monotonic()\nwhile time.monotonic() - start < 1.0:\n\
               \x20   for i in range(1000):\n        total += square(i) - square(i)\n\
               print(total, square(12))\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "20", "--jit-stats"], src);
    assert_eq!(out, "0 144\n", "{err}");
    assert!(err.contains("(in the background)"), "{err}");
    assert!(err.contains("compiled square"), "{err}");
    assert!(err.contains("0 still compiling"), "{err}");
}

/// Threads share the first thread's compiling tier: a function only a
/// second thread calls is compiled (there) and runs compiled.
#[test]
fn threads_other_than_the_first_run_compiled_code() {
    let src = "import threading\nresults = []\n\
               def work(n):\n    t = 0\n    for i in range(n):\n        t += i * i\n    return t\n\
               def run():\n    results.append(work(1000))\n\
               th = threading.Thread(target=run)\nth.start()\nth.join()\nprint(results)\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-stats"], src);
    assert_eq!(out, "[332833500]\n", "{err}");
    assert!(err.contains("compiled work"), "{err}");
    assert!(err.contains("compiled run"), "{err}");
}

/// A function with hundreds of locals compiles (compile time grows with
/// its length since locals are cached per block); a generated giant
/// with thousands stays in the interpreter, where it runs at once.
#[test]
fn functions_with_too_many_locals_stay_interpreted() {
    let mut src = String::new();
    for (name, n) in [("wide", 400), ("giant", 1500)] {
        src.push_str(&format!("def {name}(k):\n"));
        for i in 0..n {
            src.push_str(&format!("    v{i} = k + {i}\n"));
        }
        src.push_str(&format!("    return v0 + v{}\nprint({name}(1))\n", n - 1));
    }
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-stats"], &src);
    assert_eq!(out, "401\n1501\n");
    assert!(err.contains("compiled wide"), "{err}");
    assert!(
        err.contains("rejected giant: too many locals for its length to compile"),
        "{err}"
    );
}

#[test]
fn dump_shows_ir_and_machine_code() {
    let src = "def add(a, b):\n    return a + b\nprint(add(2, 3))\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-dump"], src);
    assert_eq!(out, "5\n");
    assert!(err.contains("=== jit: add"), "{err}");
    assert!(
        err.contains("sadd_overflow"),
        "the int fast path is in the IR: {err}"
    );
    assert!(err.contains("; machine code,"), "{err}");
    assert!(err.contains("; machine instructions"), "{err}");
}

/// The `--jit-dump` section of the function `name`.
fn dump_of<'a>(err: &'a str, name: &str) -> &'a str {
    let start = err
        .find(&format!("=== jit: {name} "))
        .unwrap_or_else(|| panic!("{name} compiled: {err}"));
    let rest = &err[start + 1..];
    &err[start..start + 1 + rest.find("=== jit:").unwrap_or(rest.len())]
}

/// The translator reads the interpreter's type feedback: a function
/// compiled after it ran in the interpreter sees its specialised
/// instructions, and a float-only `+` gets no int fast path; compiled on
/// its first call it has no feedback and gets both.
#[test]
fn translator_reads_the_interpreters_type_feedback() {
    let src =
        "def add(a, b):\n    return a + b\nfor i in range(50):\n    x = add(1.5, 2.5)\nprint(x)\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "10", "--jit-dump"], src);
    assert_eq!(out, "4.0\n");
    let add = dump_of(&err, "add");
    assert!(
        add.contains("; type feedback: 1 specialised instructions"),
        "{add}"
    );
    assert!(
        !add.contains("sadd_overflow"),
        "no int path for a float site: {add}"
    );
    assert!(add.contains("fadd"), "{add}");
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-dump"], src);
    assert_eq!(out, "4.0\n");
    let add = dump_of(&err, "add");
    assert!(
        add.contains("; type feedback: 0 specialised instructions"),
        "{add}"
    );
    assert!(
        add.contains("sadd_overflow") && add.contains("fadd"),
        "{add}"
    );
}

/// Attribute loads, method loads and attribute stores compile to calls of
/// the `attr` helper (helper 9: the interpreter's inline caches), not to
/// single interpreter steps (helper 0).
#[test]
fn attribute_instructions_use_the_attr_helper() {
    let src = "class P:\n    def __init__(self):\n        self.x = 1\n    def m(self):\n        return 2\n\
               def get(o):\n    return o.x\n\
               def put(o, v):\n    o.y = v\n\
               def call(o):\n    return o.m()\n\
               p = P()\nput(p, 3)\nprint(get(p), p.y, call(p))\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-dump"], src);
    assert_eq!(out, "1 3 2\n");
    for name in ["get", "put", "call"] {
        let ir = dump_of(&err, name);
        assert!(ir.contains("= call fn9("), "{name}: {ir}");
        assert!(!ir.contains("call fn0("), "{name} steps: {ir}");
    }
}

/// Attribute instructions that ran in the interpreter before compilation
/// get guarded inline paths from its inline caches (type feedback), and
/// the AArch64 check covers those paths (`compile_for_triple` claims
/// feedback for every attribute instruction).
#[test]
fn warm_attribute_instructions_are_guarded_inline() {
    let src = "class P:\n    def __init__(self):\n        self.x = 1\n    def m(self):\n        return 2\n\
               def get(o):\n    return o.x\n\
               def put(o, v):\n    o.y = v\n\
               def call(o):\n    return o.m()\n\
               p = P()\nt = 0\n\
               for i in range(100):\n    put(p, i)\n    t += get(p) + call(p)\n\
               print(t, p.y)\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "50", "--jit-dump"], src);
    assert_eq!(out, "300 99\n");
    for name in ["get", "put", "call"] {
        let ir = dump_of(&err, name);
        assert!(
            ir.contains("specialised instructions, 1 attribute instructions guarded inline"),
            "{name}: {ir}"
        );
    }
    // Compiled on the first call, nothing was seen: no guard.
    let (_, err) = run(&["--jit", "--jit-threshold", "0", "--jit-dump"], src);
    assert!(dump_of(&err, "get").contains(", 0 attribute instructions guarded inline"));
}

/// `a + b` of two instances of one class whose `__add__` is a Python
/// function, warm in the interpreter (`BINARY_OP_INSTANCE`), calls the
/// method directly (its direct entry), with the check for a NotImplemented
/// answer (its kind word, 33) after it; compiled on the first call, with
/// no feedback, it takes the `binary` helper only.
#[test]
fn instance_operators_call_their_method_directly() {
    let src = "class V:\n    def __init__(self, x):\n        self.x = x\n\
               \x20   def __add__(self, o):\n        return self.x + o.x\n\
               def f(a, b):\n    return a + b\n\
               t = 0\nfor i in range(100):\n    t += f(V(i), V(1))\n\
               print(t)\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "50", "--jit-dump"], src);
    assert_eq!(out, "5050\n");
    let ir = dump_of(&err, "f");
    // The direct call: the one indirect call of the function (helpers are
    // called by name), to a direct entry (five arguments).
    let direct = ir
        .lines()
        .find(|l| l.contains("= call_indirect"))
        .unwrap_or_else(|| panic!("no direct call: {ir}"));
    assert_eq!(direct.matches(", ").count(), 5, "{direct}");
    assert!(ir.contains("= iconst.i16 33"), "{ir}");
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-dump"], src);
    assert_eq!(out, "5050\n");
    let ir = dump_of(&err, "f");
    assert!(!ir.contains("= iconst.i16 33"));
    assert!(!ir.contains("= call_indirect"));
}

/// `LOAD_GLOBAL` in compiled code reads the interpreter's global-name
/// cache inline (globals and built-ins alike).
#[test]
fn global_loads_are_inline() {
    let src = "K = 5\ndef f(x):\n    return len(x) + K\nprint(f('ab'))\n";
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-dump"], src);
    assert_eq!(out, "7\n");
    assert!(dump_of(&err, "f").contains(", 2 global loads inline"));
}

/// The name (`fnN`) under which a dumped function imports the helper
/// whose signature is `sig` (as the dump prints it).
fn import_with_signature<'a>(ir: &'a str, sig: &str) -> Option<&'a str> {
    let sig_name = ir
        .lines()
        .find(|l| l.trim_start().starts_with("sig") && l.contains(&format!("= {sig} ")))?
        .split_whitespace()
        .next()?;
    ir.lines()
        .find(|l| {
            l.trim_start().starts_with("fn") && l.trim_end().ends_with(&format!(" {sig_name}"))
        })?
        .split_whitespace()
        .next()
}

/// A method of a built-in type called at a warm site (`s.strip()`,
/// `d.get(k, 0)`) is called through the `call_native` helper — the
/// method's function, known from the interpreter's cache, called on the
/// values in place — and compiled on the first call (no feedback),
/// through the `call` helper only.
#[test]
fn warm_builtin_method_calls_go_to_the_method() {
    let src = "def f(words, d):\n    for w in words:\n        d[w] = d.get(w.strip(), 0) + 1\n    return d\n\
               for i in range(100):\n    r = f([' a', 'b '], {})\n\
               print(sorted(r.items()))\n";
    let native = "(i64, i64, i64, i32, i32) -> i32";
    let (out, err) = run(&["--jit", "--jit-threshold", "50", "--jit-dump"], src);
    assert_eq!(out, "[(' a', 1), ('b ', 1)]\n");
    let ir = dump_of(&err, "f");
    let helper = import_with_signature(ir, native).unwrap_or_else(|| panic!("{ir}"));
    assert_eq!(ir.matches(&format!("= call {helper}(")).count(), 2, "{ir}");
    let (out, err) = run(&["--jit", "--jit-threshold", "0", "--jit-dump"], src);
    assert_eq!(out, "[(' a', 1), ('b ', 1)]\n");
    let ir = dump_of(&err, "f");
    let helper = import_with_signature(ir, native).unwrap_or_else(|| panic!("{ir}"));
    assert!(!ir.contains(&format!("= call {helper}(")), "{ir}");
}

/// Blocks the interpreter had not run when a large function was compiled
/// are compiled as exits to it (compiled code leaves the frame there, the
/// interpreter goes on with its values), and after a few exits the
/// function is compiled again: `jitloops/block_exits.py`, compiled
/// synchronously (`--jit-dump`) once warm, gives CPython's output, and
/// the statistics count the exits and recompilations. (The program test
/// runs it in every mode, where the background compiler's timing
/// decides how many exits happen.)
#[test]
fn unrun_blocks_exit_to_the_interpreter_and_are_compiled_later() {
    let root = env!("CARGO_MANIFEST_DIR");
    let rel = "tests/programs/jitloops/block_exits.py";
    let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .args(["--jit", "--jit-threshold", "2", "--jit-dump", "--jit-stats"])
        .arg(rel)
        .current_dir(root)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).replace(root, "<ROOT>");
    let want =
        std::fs::read_to_string(Path::new(root).join("tests/programs/jitloops/block_exits.out"))
            .expect("expected output");
    assert_eq!(stdout, want);
    let err = String::from_utf8_lossy(&out.stderr);
    let stats = err
        .lines()
        .find(|l| l.contains("exits to the interpreter at blocks compiled out"))
        .unwrap_or_else(|| panic!("no exits counted"));
    let numbers: Vec<u64> = stats
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        numbers.len() == 2 && numbers[0] > 0 && numbers[1] > 0,
        "{stats}"
    );
    // `phases` was compiled more than once, its first code with exits.
    assert!(err.matches("=== jit: phases (").count() >= 2, "{stats}");
    // (An exit: the status, 5, returned.)
    let first = dump_of(&err, "phases");
    let exits = first
        .lines()
        .filter_map(|l| l.trim().strip_suffix(" = iconst.i32 5"))
        .filter(|v| first.contains(&format!("return {v} ")))
        .count();
    assert!(exits > 0, "{first}");
}

/// A large function run once is compiled, when a loop of it gets hot,
/// from that loop on: the phase before it (whose multiplier, 7777777,
/// is 0x76adf1) is left out of the first code, the hot loop's (5555555,
/// 0x54c563) is in it; the output is CPython's all the same, including
/// the second call, which enters that code at the top.
#[test]
fn code_run_once_is_compiled_from_where_its_frame_goes_on() {
    let root = env!("CARGO_MANIFEST_DIR");
    let rel = "tests/programs/jitloops/run_once_phases.py";
    let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .args(["--jit", "--jit-threshold", "2", "--jit-dump"])
        .arg(rel)
        .current_dir(root)
        .output()
        .expect("runs");
    let want = std::fs::read_to_string(
        Path::new(root).join("tests/programs/jitloops/run_once_phases.out"),
    )
    .expect("expected output");
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    let err = String::from_utf8_lossy(&out.stderr);
    let first = dump_of(&err, "main");
    assert!(first.contains("0x0054_c563"), "{first}");
    assert!(!first.contains("0x0076_adf1"), "{first}");
    // Compiled again later (exits at the phases after the loop), the
    // last time whole.
    assert!(err.matches("=== jit: main (").count() >= 2);
    assert!(err.contains("0x0076_adf1"));
}
