//! Golden tests of `taipan --dis`: the disassembly of each program in
//! tests/dis/ must equal the committed NAME.dis (regenerate with
//! `cargo run -- --dis tests/dis/NAME.py > tests/dis/NAME.dis` after an
//! intended compiler change, and review the diff).

use std::path::Path;
use std::process::Command;

#[test]
fn dis_output_matches_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis");
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/dis")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for py in entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
    {
        let name = py
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
            .args(["--dis", &format!("tests/dis/{name}")])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("taipan runs");
        let want = std::fs::read_to_string(py.with_extension("dis")).expect("golden");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{name}");
        count += 1;
    }
    assert!(count >= 4);
}
