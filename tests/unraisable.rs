//! Exceptions nothing can catch — raised by `__del__` or a weak-reference
//! callback — are printed as CPython prints them and the program goes
//! on. The report names the function with its address, so this compares
//! Taipan's output with CPython's run live, addresses blanked, in every
//! execution mode.

use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `0x` followed by hex digits becomes `0xADDR`.
fn blank_addresses(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        out.push_str("0xADDR");
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

fn run(cmd: &str, args: &[&str]) -> (String, String) {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        blank_addresses(&String::from_utf8_lossy(&out.stderr)),
    )
}

#[test]
fn unraisable_exceptions_are_reported_as_cpython_does() {
    let program = "tests/unraisable/del_raises.py";
    let want = run("python3", &[program]);
    assert!(want.1.contains("Exception ignored in"), "{}", want.1);
    for mode in [
        &[][..],
        &["--jit", "--jit-threshold", "0"][..],
        &["--gc-stress"][..],
    ] {
        let mut args = mode.to_vec();
        args.push(program);
        let got = run(env!("CARGO_BIN_EXE_taipan"), &args);
        assert_eq!(got, want, "mode {mode:?}");
    }
}
