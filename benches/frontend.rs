//! Front-end benchmark: tokenize + parse every .py file of CPython's
//! standard library with Taipan, and time CPython's own parser
//! (`compile(src, path, "exec", ast.PyCF_ONLY_AST)`) on the same files in
//! the same run. Both read the sources into memory first and report the
//! best of three rounds. Run: `cargo bench --bench frontend`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn stdlib_files() -> Vec<PathBuf> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .expect("python3 runs");
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "site-packages") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "py") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn time_cpython(files: &[PathBuf], rounds: u32) -> f64 {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/frontend_cpython.py");
    let mut child = Command::new("python3")
        .arg(script)
        .arg(rounds.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for f in files {
            let _ = writeln!(stdin, "{}", f.display());
        }
    }
    let out = child.wait_with_output().expect("python3 finishes");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("seconds")
}

fn main() {
    let files = stdlib_files();
    let sources: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("readable"))
        .collect();
    let bytes: usize = sources.iter().map(Vec::len).sum();
    let rounds = 3;
    let taipan = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut best = f64::MAX;
            let mut nodes_ok = 0;
            for _ in 0..rounds {
                let t = Instant::now();
                nodes_ok = 0;
                for src in &sources {
                    if taipan::front::parse_file(src).is_ok() {
                        nodes_ok += 1;
                    }
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            (best, nodes_ok)
        })
        .expect("spawn")
        .join()
        .expect("no panic");
    let cpython = time_cpython(&files, rounds);
    println!(
        "front end: tokenize + parse {} stdlib files ({:.1} MB), best of {rounds}",
        files.len(),
        bytes as f64 / 1e6
    );
    println!("  taipan  {:8.3} s  ({} parsed)", taipan.0, taipan.1);
    println!(
        "  cpython {:8.3} s  (compile(..., ast.PyCF_ONLY_AST))",
        cpython
    );
    println!(
        "  ratio   {:8.2}x  (CPython time / Taipan time; >1 means Taipan is faster)",
        cpython / taipan.0
    );
}
