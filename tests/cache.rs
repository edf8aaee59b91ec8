//! The compiled-code cache: reused when fresh, rebuilt when the source
//! changes, ignored and rewritten when truncated or corrupt, written
//! atomically (no temporary files left behind).

mod common;

use common::Rng;
use std::path::PathBuf;
use taipan::cache::{cache_path, load_with_origin, Origin};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taipan-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn fresh_cache_is_reused_and_equal() {
    let dir = scratch("fresh");
    let src = dir.join("helper.py");
    std::fs::write(&src, "def f(x):\n    return x * 2\nY = f(21)\n").expect("write");
    let (first, text, origin) = load_with_origin(&src, true).expect("compiles");
    assert_eq!(origin, Origin::Compiled);
    assert!(text.is_some());
    assert!(cache_path(&src).is_file(), "cache written");
    let (second, text, origin) = load_with_origin(&src, true).expect("loads");
    assert_eq!(origin, Origin::Cache);
    assert!(text.is_none());
    assert_eq!(
        *first, *second,
        "the cached code object is the compiled one"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("__pycache__"))
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
}

#[test]
fn stale_cache_is_rebuilt() {
    let dir = scratch("stale");
    let src = dir.join("m.py");
    std::fs::write(&src, "A = 1\n").expect("write");
    let (a, _, _) = load_with_origin(&src, true).expect("compiles");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&src, "A = 2\nB = 3\n").expect("rewrite");
    let (b, _, origin) = load_with_origin(&src, true).expect("recompiles");
    assert_eq!(origin, Origin::Compiled);
    assert_ne!(*a, *b);
    let (_, _, origin) = load_with_origin(&src, true).expect("loads");
    assert_eq!(origin, Origin::Cache);
}

#[test]
fn corrupt_or_truncated_cache_is_ignored_and_rewritten() {
    let dir = scratch("corrupt");
    let src = dir.join("m.py");
    std::fs::write(&src, "def g():\n    return [1, 2, 3]\n").expect("write");
    let (good, _, _) = load_with_origin(&src, true).expect("compiles");
    let cpath = cache_path(&src);
    let bytes = std::fs::read(&cpath).expect("cache");
    // Truncated at every length, then garbled bytes: never trusted.
    for cut in [0, 3, 8, 20, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&cpath, &bytes[..cut]).expect("truncate");
        let (code, _, origin) = load_with_origin(&src, true).expect("recompiles");
        assert_eq!(origin, Origin::Compiled, "truncated at {cut}");
        assert_eq!(*code, *good);
        assert_eq!(
            std::fs::read(&cpath).expect("rewritten"),
            bytes,
            "cache rewritten whole"
        );
    }
    // Any changed byte past the source stamp (the checksum's or the
    // code's) is caught by the checksum: the file is recompiled.
    for i in 28..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 0xA5;
        std::fs::write(&cpath, &bad).expect("garble");
        let (code, _, origin) = load_with_origin(&src, true).expect("recompiles");
        assert_eq!(origin, Origin::Compiled, "byte {i} changed");
        assert_eq!(*code, *good);
    }
}

#[test]
fn imported_module_uses_the_cache() {
    let dir = scratch("import");
    std::fs::write(dir.join("helper.py"), "VALUE = 6 * 7\n").expect("write");
    std::fs::write(dir.join("main.py"), "import helper\nprint(helper.VALUE)\n").expect("write");
    for _ in 0..2 {
        // (PYTHONDONTWRITEBYTECODE, as python3's, would turn writing off.)
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_taipan"))
            .arg(dir.join("main.py"))
            .env_remove("PYTHONDONTWRITEBYTECODE")
            .output()
            .expect("runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    }
    assert!(cache_path(&dir.join("helper.py")).is_file());
}

/// `-B` (no writes) still reads a fresh cache file, and writes none.
#[test]
fn not_writing_still_reads_the_cache() {
    let dir = scratch("nowrite");
    let src = dir.join("m.py");
    std::fs::write(&src, "X = 1\n").expect("write");
    let (_, _, origin) = load_with_origin(&src, false).expect("compiles");
    assert_eq!(origin, Origin::Compiled);
    assert!(!cache_path(&src).exists(), "no cache file written");
    load_with_origin(&src, true).expect("compiles and writes");
    let (_, _, origin) = load_with_origin(&src, false).expect("loads");
    assert_eq!(origin, Origin::Cache);
}

/// A module whose `__pycache__` cannot be written (here a plain file
/// stands where the directory would go) is cached in the per-user cache
/// directory, under the source's absolute path, and read from there.
#[test]
fn unwritable_pycache_falls_back_to_the_user_cache() {
    let dir = scratch("fallback");
    std::fs::write(dir.join("helper.py"), "VALUE = 6 * 7\n").expect("write");
    std::fs::write(dir.join("main.py"), "import helper\nprint(helper.VALUE)\n").expect("write");
    std::fs::write(dir.join("__pycache__"), "not a directory").expect("write");
    let xdg = dir.join("xdg");
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_taipan"))
            .arg(dir.join("main.py"))
            .env("XDG_CACHE_HOME", &xdg)
            .env_remove("PYTHONDONTWRITEBYTECODE")
            .output()
            .expect("runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    };
    run();
    let relative: PathBuf = std::path::absolute(&dir)
        .expect("absolute")
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    let cached = xdg.join("taipan").join(relative).join(
        cache_path(std::path::Path::new("helper.py"))
            .file_name()
            .expect("a name"),
    );
    let first = std::fs::metadata(&cached).expect("the fallback cache file exists");
    run();
    // Read, not rewritten, the second time.
    let second = std::fs::metadata(&cached).expect("still there");
    assert_eq!(first.modified().ok(), second.modified().ok());
}

/// Fuzzing the decoder behind the checksum: cache files of real programs
/// with bytes flipped, inserted, deleted and ranges copied over, then the
/// checksum made right again, so the damaged code reaches the decoder and
/// the verifier. Either may reject it; neither may panic. 400 damaged
/// bodies per program by default; with `TAIPAN_FUZZ_SECONDS=N` it goes
/// on for N seconds (`tools/fuzz.py` explains the other fuzz targets).
#[test]
fn damaged_cache_bodies_are_rejected_without_panicking() {
    let deadline = std::env::var("TAIPAN_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(|s| std::time::Instant::now() + std::time::Duration::from_secs(s));
    use taipan_bytecode::marshal::{self, BODY_OFFSET};
    let sources: Vec<std::path::PathBuf> = std::fs::read_dir("tests/programs/functions")
        .expect("programs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .take(12)
        .collect();
    assert!(!sources.is_empty());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut decoded = 0;
    let mut tried = 0u64;
    let rounds = std::iter::repeat(())
        .take_while(|_| deadline.is_some_and(|d| std::time::Instant::now() < d));
    for path in sources.iter().chain(rounds.flat_map(|_| sources.iter())) {
        let text = std::fs::read(path).expect("source");
        let Ok((code, _)) = taipan::compiler::compile_source(&text, "fuzz.py") else {
            continue;
        };
        let stamp = marshal::SourceStamp {
            mtime_ns: 1,
            size: 2,
        };
        let good = marshal::dump(&code, stamp);
        for _ in 0..400 {
            tried += 1;
            let mut body = good[BODY_OFFSET..].to_vec();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(body.len());
                match rng.below(4) {
                    0 => body[at] ^= 1 << rng.below(8),
                    1 => body.insert(at, rng.next() as u8),
                    2 if body.len() > 1 => {
                        body.remove(at);
                    }
                    _ => {
                        let from = rng.below(body.len());
                        let n = rng.below(16).min(body.len() - from.max(at));
                        body.copy_within(from..from + n, at);
                    }
                }
            }
            let mut file = good[..BODY_OFFSET - 8].to_vec();
            file.extend_from_slice(&marshal::checksum(&body).to_le_bytes());
            file.extend_from_slice(&body);
            if let Ok((_, code)) = marshal::load(&file) {
                decoded += 1;
                let _ = taipan_bytecode::verify::verify(&code);
            }
        }
    }
    // Some damaged bodies still decode (and then meet the verifier).
    assert!(decoded > 0);
    if deadline.is_some() {
        println!("{tried} damaged cache bodies, {decoded} decoded, none panicked");
    }
}
