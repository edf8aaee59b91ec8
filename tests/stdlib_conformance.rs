//! Front-end conformance on real code: every .py file of CPython's own
//! standard library must tokenize exactly as `python3 -m tokenize` does and
//! parse to exactly the tree `ast.dump(..., include_attributes=True)` shows,
//! or fail with a SyntaxError on the same line where CPython fails.
//!
//! CPython computes the reference (tests/tools/stdlib_reference.py) in the
//! same run; files listed in docs/conformance.md as exceptions are reported
//! but tolerated.

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn sha(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Our answer for one file: tokens hash, and `AST:hash` or `ERR:line`.
fn ours(path: &Path) -> (String, String) {
    let bytes = std::fs::read(path).expect("readable stdlib file");
    let name = path.to_string_lossy();
    let (out, err) = taipan::front::dump_tokens(&bytes, &name);
    let tokens = sha(&(out + err.as_deref().unwrap_or("")));
    let ast = match taipan::front::parse_file(&bytes) {
        Ok(module) => format!(
            "AST:{}",
            sha(&taipan::front::dump::dump_module(&module, true))
        ),
        Err((e, _)) => format!("ERR:{}", e.lineno),
    };
    (tokens, ast)
}

/// Files docs/conformance.md lists as known exceptions (lines "- `path`").
fn documented_exceptions() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/conformance.md"))
        .unwrap_or_default();
    doc.lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn stdlib_tokens_and_ast_match_cpython() {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/tools/stdlib_reference.py"
    );
    let output = Command::new("python3")
        .arg(script)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "reference script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8 reference");
    let mut lines = stdout.lines();
    let root = lines
        .next()
        .and_then(|l| l.strip_prefix("ROOT\t"))
        .expect("ROOT line")
        .to_string();
    let entries: Vec<(String, String, String)> = lines
        .map(|l| {
            let mut parts = l.split('\t');
            let rel = parts.next().unwrap_or_default().to_string();
            let tok = parts.next().unwrap_or_default().to_string();
            let ast = parts.next().unwrap_or_default().to_string();
            (rel, tok, ast)
        })
        .collect();
    assert!(
        entries.len() > 1000,
        "expected the whole stdlib, got {} files",
        entries.len()
    );

    // Two workers with large stacks: deeply nested test files recurse deeply.
    let workers = 2;
    let chunks: Vec<Vec<(String, String, String)>> = (0..workers)
        .map(|w| entries.iter().skip(w).step_by(workers).cloned().collect())
        .collect();
    let handles: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let root = root.clone();
            std::thread::Builder::new()
                .stack_size(512 << 20)
                .spawn(move || {
                    let mut failures = Vec::new();
                    for (rel, tok, ast) in chunk {
                        let (our_tok, our_ast) = ours(&Path::new(&root).join(&rel));
                        if our_tok != tok {
                            failures.push((rel.clone(), "tokens".to_string()));
                        }
                        if our_ast != ast {
                            failures.push((
                                rel,
                                format!(
                                    "ast: cpython {} / taipan {}",
                                    short(&ast),
                                    short(&our_ast)
                                ),
                            ));
                        }
                    }
                    failures
                })
                .expect("spawn worker")
        })
        .collect();
    let mut failures: Vec<(String, String)> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("worker"))
        .collect();
    failures.sort();
    let exceptions = documented_exceptions();
    let unexpected: Vec<_> = failures
        .iter()
        .filter(|(rel, _)| !exceptions.contains(rel))
        .collect();
    let failed_files: BTreeSet<_> = failures.iter().map(|(r, _)| r).collect();
    println!(
        "stdlib conformance: {} files, {} identical in tokens and AST, {} documented exceptions",
        entries.len(),
        entries.len() - failed_files.len(),
        exceptions.len()
    );
    for (rel, what) in &unexpected {
        println!("MISMATCH {rel}: {what}");
    }
    assert!(
        unexpected.is_empty(),
        "{} undocumented mismatches (listed above)",
        unexpected.len()
    );
}

fn short(s: &str) -> &str {
    &s[..s.len().min(16)]
}
