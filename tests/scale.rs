//! Programs at the sizes and depths CPython handles, which once hit
//! quadratic or cubic paths (issue 16's cliffs): huge displays, deeply
//! nested lambdas, long `elif` chains, unwinding through many frames
//! that catch and re-raise, deep recursion under a raised recursion
//! limit. Each program is generated here and run by the binary in both
//! tiers; the expected output is computed here, independently of Taipan.
//! Nothing is timed (the machine is shared): a regression shows as a
//! test run that no longer finishes in CI's time.

use std::process::Command;

/// Runs `source` as a script with `args` before it; (stdout, stderr, exit code).
fn run(source: &str, args: &[&str]) -> (String, String, i32) {
    let dir = std::env::temp_dir().join(format!("taipan-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("p{n}.py"));
    std::fs::write(&path, source).expect("write program");
    let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .args(args)
        .arg(&path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("taipan runs");
    let _ = std::fs::remove_file(&path);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Runs in the interpreter and with every function compiled on its first
/// call; both must print `want` and succeed.
fn both_tiers(source: &str, want: &str) {
    for args in [&[][..], &["--jit", "--jit-threshold", "0"][..]] {
        let (out, err, code) = run(source, args);
        assert_eq!((out.as_str(), code), (want, 0), "{args:?}: {err}");
    }
}

#[test]
fn huge_displays_compile_in_linear_time() {
    let n = 200_000u64;
    let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    let pairs: Vec<String> = (0..n / 2).map(|i| format!("{i}: 'v{i}'")).collect();
    let src = format!(
        "x = [{}]\nd = {{{}}}\nprint(len(x), sum(x), len(d), d[{}])\n",
        items.join(", "),
        pairs.join(", "),
        n / 2 - 1
    );
    let want = format!("{n} {} {} v{}\n", n * (n - 1) / 2, n / 2, n / 2 - 1);
    both_tiers(&src, &want);
}

#[test]
fn a_display_of_thousands_of_names_stays_in_the_interpreter_under_the_jit() {
    let n = 5_000u64;
    let mut src = String::new();
    for i in 0..n {
        src.push_str(&format!("a{i} = {i}\n"));
    }
    let names: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
    src.push_str(&format!(
        "def f():\n    return [{}]\nprint(sum(f()))\n",
        names.join(", ")
    ));
    both_tiers(&src, &format!("{}\n", n * (n - 1) / 2));
}

#[test]
fn deeply_nested_lambdas_and_long_elif_chains_compile() {
    let depth = 2_500;
    let src = format!(
        "f = {}7\nfor _ in range({depth}):\n    f = f()\nprint(f)\n",
        "lambda: ".repeat(depth)
    );
    both_tiers(&src, "7\n");
    let branches = 1_000;
    let mut src = String::from("def pick(x):\n    if x == 0:\n        return 0\n");
    for i in 1..branches {
        src.push_str(&format!("    elif x == {i}:\n        return {}\n", i * 2));
    }
    src.push_str("    return -1\nprint(pick(999), pick(500), pick(5000))\n");
    both_tiers(&src, "1998 1000 -1\n");
}

#[test]
fn nesting_beyond_the_limits_is_refused_as_cpython_refuses_it() {
    let parens = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
    let (_, err, code) = run(&parens, &[]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with("SyntaxError: too many nested parentheses\n"),
        "{err}"
    );
    let (out, _, code) = run(
        &format!("x = {}1{}\nprint(x)\n", "(".repeat(199), ")".repeat(199)),
        &[],
    );
    assert_eq!((out.as_str(), code), ("1\n", 0));
    let lambdas = format!("f = {}1\n", "lambda: ".repeat(4_000));
    let (_, err, code) = run(&lambdas, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "RecursionError: maximum recursion depth exceeded during compilation\n"
    );
}

#[test]
fn unwinding_through_many_handlers_is_linear() {
    let src = "import sys\nsys.setrecursionlimit(100000)\n\
               def f(n):\n    if n == 0:\n        raise ValueError('bottom')\n\
               \x20   try:\n        f(n - 1)\n    finally:\n        pass\n\
               try:\n    f(60000)\nexcept ValueError as e:\n    print('caught', e)\n";
    both_tiers(src, "caught bottom\n");
}

#[test]
fn a_raised_recursion_limit_is_honoured() {
    let src = "import sys\nsys.setrecursionlimit(10**6)\nprint(sys.getrecursionlimit())\n\
               def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n\
               print(depth(150000))\n";
    both_tiers(src, "1000000\n150000\n");
}
