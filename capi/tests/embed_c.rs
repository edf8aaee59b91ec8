//! The proof of the C API (issue 13): examples/embed_c/host.c, a host
//! written for CPython's `Python.h`, is compiled unchanged against
//! CPython (`python3-config --embed`) and against Taipan
//! (`include/`, `libtaipan.so`); both programs must print the same.
//! The Rust twin, examples/embed_rust, must print it too.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The directory of this profile's build products (`target/release`):
/// this test runs from its `deps/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/PROFILE")
        .to_path_buf()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// CPython's flags for an embedding host: `python3-config --embed`.
fn cpython_flags() -> (Vec<String>, Vec<String>) {
    let config = ["python3.11-config", "python3-config"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--includes")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("python3-config (Debian: apt-get install libpython3.11-dev python3-dev)");
    let words = |args: &[&str]| -> Vec<String> {
        run(Command::new(config).args(args))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let mut ldflags = words(&["--ldflags", "--embed"]);
    // Run against the library it linked with, wherever that is.
    let dirs: Vec<String> = ldflags
        .iter()
        .filter_map(|f| f.strip_prefix("-L").map(|d| format!("-Wl,-rpath,{d}")))
        .collect();
    ldflags.extend(dirs);
    (words(&["--includes"]), ldflags)
}

/// Builds `libtaipan.so` and the Rust host with this test's profile
/// (`cargo test` builds neither: a cdylib is not linked into tests, and
/// examples are built only by an unfiltered run). Cargo holds no lock
/// while tests run, and an up-to-date build is a no-op.
fn build_library() {
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        let profile = if profile_dir().ends_with("release") {
            "release"
        } else {
            "test"
        };
        run(Command::new(env!("CARGO"))
            .args([
                "build",
                "-p",
                "taipan-capi",
                "--lib",
                "--example",
                "embed_rust",
            ])
            .args(["--profile", profile])
            .current_dir(root()));
    });
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taipan-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Compiles `source` against CPython and against Taipan, into `dir`.
fn build_both(source: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    build_library();
    let lib_dir = profile_dir();
    assert!(
        lib_dir.join("libtaipan.so").exists(),
        "libtaipan.so not built in {}",
        lib_dir.display()
    );
    let (includes, ldflags) = cpython_flags();
    let cpython = dir.join("host_cpython");
    run(Command::new("cc")
        .arg(source)
        .args(&includes)
        .arg("-o")
        .arg(&cpython)
        .args(&ldflags));
    let taipan = dir.join("host_taipan");
    run(Command::new("cc")
        .arg(source)
        .arg("-I")
        .arg(root().join("include"))
        .arg("-o")
        .arg(&taipan)
        .arg("-L")
        .arg(&lib_dir)
        .arg("-ltaipan")
        .arg(format!("-Wl,-rpath,{}", lib_dir.display())));
    (cpython, taipan)
}

/// Runs a host with processor.py on its path.
fn host(exe: &Path, dir: &Path) -> String {
    run(Command::new(exe)
        .env("PYTHONPATH", root().join("examples/embed_c"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(dir))
}

#[test]
fn the_c_host_prints_the_same_on_cpython_and_taipan_and_so_does_the_rust_host() {
    let dir = scratch("embed-c");
    let (c_exe, t_exe) = build_both(&root().join("examples/embed_c/host.c"), &dir);
    let (cpython, taipan) = (host(&c_exe, &dir), host(&t_exe, &dir));
    let lib_dir = profile_dir();
    let rust = lib_dir.join("examples/embed_rust");
    if !rust.exists() {
        // (`cargo test` builds the examples; a filtered run may not.)
        run(Command::new(env!("CARGO"))
            .args(["build", "-p", "taipan-capi", "--example", "embed_rust"])
            .args(if lib_dir.ends_with("release") {
                &["--release"][..]
            } else {
                &[][..]
            })
            .current_dir(root()));
    }
    let rust = host(&rust, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(cpython.contains("add(2, 40) = 42"), "{cpython}");
    assert!(cpython.ends_with("finalize: 0\n"), "{cpython}");
    assert_eq!(taipan, cpython, "the C host on Taipan differs from CPython");
    assert_eq!(
        rust, cpython,
        "the Rust host differs from the C host on CPython"
    );
}

#[test]
fn reference_counts_formats_and_errors_behave_as_in_cpython() {
    let dir = scratch("api-checks");
    let (c_exe, t_exe) = build_both(&root().join("capi/tests/api_checks.c"), &dir);
    let (cpython, taipan) = (host(&c_exe, &dir), host(&t_exe, &dir));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(cpython.contains("x: 42"), "{cpython}");
    assert_eq!(
        taipan, cpython,
        "api_checks.c on Taipan differs from CPython"
    );
}

#[test]
fn host_threads_call_in_under_the_interpreter_lock_as_on_cpython() {
    let dir = scratch("threads-host");
    let (c_exe, t_exe) = build_both(&root().join("capi/tests/threads_host.c"), &dir);
    let (cpython, taipan) = (host(&c_exe, &dir), host(&t_exe, &dir));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        cpython.contains("calls per thread: [(0, 500), (1, 500), (2, 500), (3, 500)]"),
        "{cpython}"
    );
    assert_eq!(
        taipan, cpython,
        "threads_host.c on Taipan differs from CPython"
    );
}
