//! CPython's own syntax tests as a corpus: every snippet that test_syntax,
//! test_grammar, test_fstring, … feed to the compiler (extracted live by
//! tests/tools/cpython_syntax_corpus.py) must be accepted or rejected as
//! `ast.parse` does, with the error on the same line and the same message.
//! The few known differences are listed below with their reason.

use std::process::Command;

/// Snippets (by their first line) where Taipan is known to differ.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "\\",
        "a line holding only a backslash continuation is blank to the C tokenizer",
    ),
    (
        "# -*- coding: cp437 -*-",
        "the cp437 codec is not available",
    ),
    (
        "dict(a = i for i in range(10))",
        "'Maybe you meant '==' or ':='' hint not reproduced",
    ),
    (
        "X=None, Y=1j",
        "'Maybe you meant '==' or ':='' hint not reproduced",
    ),
    (
        "f'{**a}'",
        "'cannot use double starred expression here' not reproduced",
    ),
    (
        "f'{a $ b}'",
        "CPython reports the tokenizer error with an f-string prefix",
    ),
    (
        "f\"\"\"",
        "line of an error inside a multi-line f-string expression",
    ),
    ("\"\\", "an unclosed bracket after a continued string"),
];

fn records(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let nl = rest.iter().position(|&b| b == b'\n').expect("outcome line");
        let outcome = String::from_utf8_lossy(&rest[..nl]).into_owned();
        rest = &rest[nl + 1..];
        let nl = rest.iter().position(|&b| b == b'\n').expect("length line");
        let len: usize = String::from_utf8_lossy(&rest[..nl])
            .parse()
            .expect("length");
        rest = &rest[nl + 1..];
        out.push((outcome, rest[..len].to_vec()));
        rest = &rest[len + 1..];
    }
    out
}

#[test]
fn cpython_syntax_snippets_parse_like_cpython() {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/tools/cpython_syntax_corpus.py"
    );
    let out = Command::new("python3")
        .arg(script)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cases = records(&out.stdout);
    assert!(cases.len() > 500, "corpus too small: {}", cases.len());
    let results = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut mismatches = Vec::new();
            let mut known = 0;
            for (want, src) in &cases {
                let got = match taipan::front::parse_file(src) {
                    Ok(_) => "OK".to_string(),
                    Err((e, _)) => format!("ERR {} {}", e.lineno, e.msg),
                };
                if &got == want {
                    continue;
                }
                let first_line = String::from_utf8_lossy(src)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if KNOWN_DIFFERENCES
                    .iter()
                    .any(|(prefix, _)| first_line.starts_with(prefix))
                {
                    known += 1;
                    continue;
                }
                mismatches.push(format!(
                    "{:?}\n  cpython: {want}\n  taipan:  {got}",
                    String::from_utf8_lossy(src)
                ));
            }
            (cases.len(), known, mismatches)
        })
        .expect("spawn")
        .join()
        .expect("no panic");
    let (total, known, mismatches) = results;
    println!(
        "{total} snippets: {} identical, {known} known differences, {} mismatches",
        total - known - mismatches.len(),
        mismatches.len()
    );
    for m in &mismatches {
        println!("{m}");
    }
    assert!(mismatches.is_empty());
}
