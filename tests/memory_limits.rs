//! Running out of memory is a Python MemoryError, not an abort: programs
//! run under an address-space limit (`ulimit -v`, 1 GiB here) and ask
//! for more than that in the ways programs do — repeating a sequence,
//! growing a list by `append`, a comprehension, `list(range(...))`,
//! `bytes(n)` — and catch the MemoryError. Asking for more than the
//! machine has at all (`[1] * 10**10`) is one too. Both tiers.

use std::os::unix::process::CommandExt;
use std::process::Command;

/// Runs `source` under a 1 GiB address-space limit; (stdout, stderr, code).
fn run_limited(source: &str, args: &[&str]) -> (String, String, i32) {
    let dir = std::env::temp_dir().join(format!("taipan-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("m{n}.py"));
    std::fs::write(&path, source).expect("write program");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taipan"));
    cmd.args(args)
        .arg(&path)
        .env("PYTHONDONTWRITEBYTECODE", "1");
    // SAFETY: only `setrlimit` runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().expect("taipan runs");
    let _ = std::fs::remove_file(&path);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn running_out_of_memory_raises_memory_error() {
    let cases = [
        "x = [0] * 10**8",
        "x = (0,) * 10**8",
        "x = 'ab' * 10**9",
        "x = [1] * 10**10",
        "x = []\nfor i in range(10**8):\n    x.append(i)",
        "x = [i for i in range(10**8)]",
        "x = list(range(10**8))",
        "x = bytes(2 * 10**9)",
        "x = []\nx.extend(range(10**8))",
    ];
    for case in cases {
        let body = case.replace('\n', "\n    ");
        let source = format!(
            "try:\n    {body}\n    print('no error')\nexcept MemoryError:\n    x = None\n    print('MemoryError')\nprint('after', sum(range(10)))\n"
        );
        for args in [&[][..], &["--jit", "--jit-threshold", "0"][..]] {
            let (out, err, code) = run_limited(&source, args);
            assert_eq!(
                (out.as_str(), code),
                ("MemoryError\nafter 45\n", 0),
                "{case:?} {args:?}: {err}"
            );
        }
    }
}
