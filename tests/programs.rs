//! Differential tests: every program under tests/programs runs with
//! `taipan` and must print exactly what CPython 3.11 printed (stdout,
//! stderr with its traceback, exit code), as committed beside it by
//! tests/tools/gen_program_outputs.py.
//!
//! Each program runs in every execution mode the binary has; the modes
//! must all agree with CPython.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The execution modes every program runs in: the interpreter, and the
/// JIT compiling every function on its first call, and the default tiering
/// (hot functions compiled, hot loops entered through OSR), and both
/// tiers with the cycle collector running every few allocations (no
/// reachable object may ever be freed by it, whatever compiled code
/// holds).
const MODES: &[&[&str]] = &[
    &[],
    &["--jit", "--jit-threshold", "0"],
    &["--jit"],
    &["--gc-stress"],
    &["--gc-stress", "--jit", "--jit-threshold", "0"],
];

fn programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.is_dir() && name != "__pycache__" {
            programs(&p, out);
        } else if name.ends_with(".py") && !name.starts_with('_') {
            out.push(p);
        }
    }
}

fn check(program: &Path) -> Vec<String> {
    let rel = program
        .strip_prefix(ROOT)
        .unwrap_or(program)
        .to_string_lossy()
        .into_owned();
    let stem = program.with_extension("");
    let root_prefix = format!("{ROOT}/");
    let read = |ext: &str| {
        std::fs::read(stem.with_extension(ext)).ok().map(|b| {
            String::from_utf8_lossy(&b)
                .replace("<ROOT>/", &root_prefix)
                .into_bytes()
        })
    };
    let want_out = read("out").unwrap_or_default();
    let want_err = read("err").unwrap_or_default();
    let want_exit: i32 = match read("exit") {
        Some(b) => String::from_utf8_lossy(&b).trim().parse().unwrap_or(-1),
        None => i32::from(!want_err.is_empty()),
    };
    let mut failures = Vec::new();
    for mode in MODES {
        let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
            .args(*mode)
            .arg(&rel)
            .current_dir(ROOT)
            .output()
            .expect("taipan runs");
        let code = out.status.code().unwrap_or(-1);
        if out.stdout != want_out || out.stderr != want_err || code != want_exit {
            failures.push(format!(
                "{rel} {mode:?}: exit {code} (want {want_exit})\n--- stdout\n{}--- want\n{}--- stderr\n{}--- want\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&want_out),
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&want_err)
            ));
        }
    }
    failures
}

#[test]
fn programs_match_cpython() {
    let mut all = Vec::new();
    programs(&Path::new(ROOT).join("tests/programs"), &mut all);
    assert!(
        all.len() >= 80,
        "expected at least 80 programs, found {}",
        all.len()
    );
    let workers = 4;
    let chunks: Vec<Vec<PathBuf>> = (0..workers)
        .map(|w| all.iter().skip(w).step_by(workers).cloned().collect())
        .collect();
    let handles: Vec<_> = chunks
        .into_iter()
        .map(|c| std::thread::spawn(move || c.iter().flat_map(|p| check(p)).collect::<Vec<_>>()))
        .collect();
    let failures: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("worker"))
        .collect();
    println!(
        "{} programs x {} modes: {} failures",
        all.len(),
        MODES.len(),
        failures.len()
    );
    for f in &failures {
        println!("{f}");
    }
    assert!(failures.is_empty());
}
