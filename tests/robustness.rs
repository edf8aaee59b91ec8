//! Robustness: truncated and garbled versions of real source files go
//! through the whole front end (tokens and AST) and must come back as a
//! tree or a SyntaxError — never a panic or a stack overflow.

mod common;

use common::Rng;
use std::path::PathBuf;

fn stdlib_sample() -> Vec<PathBuf> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .expect("python3 runs");
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let names = [
        "ast.py",
        "dataclasses.py",
        "typing.py",
        "argparse.py",
        "tokenize.py",
        "test/test_grammar.py",
        "test/test_fstring.py",
        "test/test_patma.py",
        "test/test_syntax.py",
    ];
    names
        .iter()
        .map(|n| root.join(n))
        .filter(|p| p.exists())
        .collect()
}

fn exercise(bytes: &[u8]) {
    let _ = taipan::front::dump_tokens(bytes, "garbled.py");
    match taipan::front::parse_file(bytes) {
        Ok(module) => {
            let _ = taipan::front::dump::dump_module(&module, true);
        }
        Err((err, text)) => {
            assert!(!err.msg.is_empty());
            let _ = err.render("garbled.py", &text);
        }
    }
}

#[test]
fn truncated_and_garbled_sources_never_panic() {
    let files = stdlib_sample();
    assert!(!files.is_empty());
    let worker = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
            let noise: &[&[u8]] = &[
                b"(", b")", b"[", b"]", b"{", b"}", b":", b"\n", b"    ", b"\t", b"'", b"\"\"\"",
                b"f'{", b"\\", b"lambda", b"*", b"**", b"=", b":=", b"\xff", b"\xc3", b"#", b"0x",
                b"1e", b"match ", b"case ",
            ];
            let mut cases = 0;
            for path in files {
                let src = std::fs::read(&path).expect("readable");
                // Truncations at many points.
                for k in 1..40 {
                    exercise(&src[..src.len() * k / 40]);
                    cases += 1;
                }
                // Random splices of noise, deletions and byte flips.
                for _ in 0..60 {
                    let mut s = src.clone();
                    for _ in 0..1 + rng.below(4) {
                        let at = rng.below(s.len());
                        match rng.below(3) {
                            0 => {
                                let n = noise[rng.below(noise.len())];
                                s.splice(at..at, n.iter().copied());
                            }
                            1 => {
                                let end = (at + rng.below(20)).min(s.len());
                                s.drain(at..end);
                            }
                            _ => {
                                if let Some(b) = s.get_mut(at) {
                                    *b = rng.next() as u8;
                                }
                            }
                        }
                    }
                    exercise(&s);
                    cases += 1;
                }
            }
            // Pathological nesting must be a SyntaxError, not a crash.
            for deep in [
                b"(".repeat(10_000),
                b"-".repeat(100_000),
                b"not ".repeat(50_000),
                b"[".repeat(300),
            ] {
                let mut s = b"x = ".to_vec();
                s.extend_from_slice(&deep);
                s.extend_from_slice(b"1\n");
                exercise(&s);
                cases += 1;
            }
            cases
        })
        .expect("spawn");
    let cases = worker.join().expect("no panic in the front end");
    assert!(cases > 500, "ran {cases} cases");
}
