//! The Rust embedding API (`taipan::embed`, docs/embedding.md): running
//! source, importing, calling with positional and keyword arguments,
//! conversions both ways, exceptions as errors with their tracebacks,
//! host functions and modules, several interpreters, and the resource
//! limits (time in both tiers, memory through the counting allocator
//! this test program installs).

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use taipan::embed::{Bytes, Error, Exceeded, Interpreter, ModuleDef, Object};

#[global_allocator]
static ALLOCATOR: taipan::embed::CountingAllocator = taipan::embed::CountingAllocator;

/// An output sink the test reads afterwards.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

fn interpreter(out: &Sink) -> Interpreter {
    Interpreter::builder()
        .no_stdlib()
        .stdout(out.clone())
        .stderr(out.clone())
        .build()
        .expect("interpreter")
}

#[test]
fn runs_source_and_calls_functions_with_rust_values() {
    let out = Sink::default();
    let mut py = interpreter(&out);
    py.run(
        "def describe(name, n, ratio, items, table, flag=False, *, sep=', '):\n\
         \x20   keys = sorted(table)\n\
         \x20   return f'{name}: {n + 1} {ratio * 2} {sep.join(map(str, items))} {keys} {flag}'\n\
         print('hello from python')\n",
    )
    .unwrap();
    py.flush();
    assert_eq!(out.text(), "hello from python\n");
    let f = py.global("describe").unwrap();
    let table: HashMap<String, i64> = [("b".to_string(), 2), ("a".to_string(), 1)].into();
    let r = py
        .call_kw(
            &f,
            ("widget", 41, 1.25, vec![1, 2, 3], table),
            &[("sep", Object::from("-")), ("flag", Object::from(true))],
        )
        .unwrap();
    assert_eq!(
        py.extract::<String>(&r).unwrap(),
        "widget: 42 2.5 1-2-3 ['a', 'b'] True"
    );
}

#[test]
fn converts_values_both_ways() {
    let out = Sink::default();
    let mut py = interpreter(&out);
    // Python computes each result from what Rust gave it.
    py.run(
        "def echo(x):\n    return x\n\
         def info(x):\n    return (type(x).__name__, repr(x))\n",
    )
    .unwrap();
    let echo = py.global("echo").unwrap();
    let info = py.global("info").unwrap();
    let cases: Vec<(Object, &str, &str)> = vec![
        (py.object(()), "NoneType", "None"),
        (py.object(true), "bool", "True"),
        (py.object(-7i64), "int", "-7"),
        (py.object(u64::MAX), "int", "18446744073709551615"),
        (
            py.object(i128::MIN),
            "int",
            "-170141183460469231731687303715884105728",
        ),
        (py.object(0.1f64), "float", "0.1"),
        (py.object("héllo"), "str", "'héllo'"),
        (py.object(Bytes(b"a\x00b".to_vec())), "bytes", "b'a\\x00b'"),
        (py.object(vec![1, 2]), "list", "[1, 2]"),
        (py.object((1, "x", 2.5)), "tuple", "(1, 'x', 2.5)"),
    ];
    for (obj, ty, repr) in cases {
        let r = py.call(&info, (&obj,)).unwrap();
        let (t, rp): (String, String) = py.extract(&r).unwrap();
        assert_eq!((t.as_str(), rp.as_str()), (ty, repr));
    }
    let big = py.eval("2 ** 100 + 1").unwrap();
    assert_eq!(
        py.extract::<num_bigint::BigInt>(&big).unwrap().to_string(),
        "1267650600228229401496703205377"
    );
    let err = py.extract::<i64>(&big).unwrap_err();
    assert_eq!(err.type_name, "OverflowError");
    let d = py.eval("{'x': [1.5, 2.5], 'y': []}").unwrap();
    let map: HashMap<String, Vec<f64>> = py.extract(&d).unwrap();
    assert_eq!(map["x"], vec![1.5, 2.5]);
    assert!(map["y"].is_empty());
    let r = py.call(&echo, (Bytes(vec![1, 2, 255]),)).unwrap();
    assert_eq!(py.extract::<Bytes>(&r).unwrap(), Bytes(vec![1, 2, 255]));
    let err = py.extract::<String>(&r).unwrap_err();
    assert_eq!(err.to_string(), "TypeError: expected str, got bytes");
    assert_eq!(i64::try_from(&py.eval("40 + 2").unwrap()).unwrap(), 42);
}

#[test]
fn python_exceptions_become_errors_with_tracebacks() {
    let out = Sink::default();
    let mut py = interpreter(&out);
    py.run("def parse(s):\n    return int(s)\n").unwrap();
    let parse = py.global("parse").unwrap();
    let err = py.call(&parse, ("12x",)).unwrap_err();
    assert_eq!(err.type_name, "ValueError");
    assert_eq!(err.message, "invalid literal for int() with base 10: '12x'");
    assert!(err.is_instance_of("Exception"));
    assert!(err
        .traceback
        .starts_with("Traceback (most recent call last):\n"));
    assert!(
        err.traceback.contains("line 2, in parse"),
        "{}",
        err.traceback
    );
    assert!(err
        .traceback
        .ends_with("ValueError: invalid literal for int() with base 10: '12x'\n"));
    // A syntax error in run().
    let err = py.run("x = (1,\n").unwrap_err();
    assert_eq!(err.type_name, "SyntaxError");
    // The interpreter goes on.
    let two = py.eval("1 + 1").unwrap();
    assert_eq!(py.extract::<i64>(&two).unwrap(), 2);
}

#[test]
fn host_functions_and_modules_are_called_from_python() {
    let out = Sink::default();
    let mut py = interpreter(&out);
    let calls = Arc::new(Mutex::new(Vec::new()));
    let seen = calls.clone();
    let module = ModuleDef::new("host")
        .function("scale", move |cx, args, kw| {
            let x: f64 = cx.extract(&args[0])?;
            let mut factor = 2.0;
            for (k, v) in kw {
                if &**k == "by" {
                    factor = cx.extract(v)?;
                }
            }
            seen.lock().unwrap().push(x);
            Ok(Object::from(x * factor))
        })
        .function("fail", |_, _, _| Err(Error::new("KeyError", "missing")))
        .function("apply", |cx, args, _| {
            // Calls back into Python.
            cx.call(&args[0], (&args[1],))
        })
        .value("NAME", "the host");
    py.add_module(module);
    py.run(
        "import host\n\
         print(host.scale(1.5), host.scale(2, by=10), host.NAME)\n\
         try:\n    host.fail()\nexcept KeyError as e:\n    print('caught', repr(e))\n\
         print(host.apply(lambda v: v * 3, 'ab'))\n\
         print(host.scale)\n",
    )
    .unwrap();
    py.flush();
    assert_eq!(
        out.text(),
        "3.0 20.0 the host\ncaught KeyError('missing')\nababab\n<built-in function scale>\n"
    );
    assert_eq!(*calls.lock().unwrap(), vec![1.5, 2.0]);
    // A host error not caught in Python comes back to the host.
    let err = py.run("import host\nhost.fail()").unwrap_err();
    assert_eq!(err.type_name, "KeyError");
    let f = py.function("twice", |cx, args, _| {
        let s: String = cx.extract(&args[0])?;
        Ok(Object::from(s.repeat(2).as_str()))
    });
    py.set_global("twice", f).unwrap();
    let r = py.eval("twice('na')").unwrap();
    assert_eq!(py.extract::<String>(&r).unwrap(), "nana");
}

#[test]
fn interpreters_are_independent() {
    let (a_out, b_out) = (Sink::default(), Sink::default());
    let mut a = interpreter(&a_out);
    let mut b = interpreter(&b_out);
    a.run("x = 'a'\nimport sys\nsys.flag = 1").unwrap();
    b.run("x = 'b'").unwrap();
    a.run("print(x)").unwrap();
    b.run("import sys\nprint(x, hasattr(sys, 'flag'))").unwrap();
    a.flush();
    b.flush();
    assert_eq!(a_out.text(), "a\n");
    assert_eq!(b_out.text(), "b False\n");
    drop(a);
    b.run("print('still here')").unwrap();
    b.flush();
    assert_eq!(b_out.text(), "b False\nstill here\n");
}

#[test]
fn imports_modules_from_the_search_path() {
    let dir = std::env::temp_dir().join(format!("taipan-embed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("processor.py"),
        "def brighten(pixels, amount):\n    return [min(255, p + amount) for p in pixels]\n",
    )
    .unwrap();
    let out = Sink::default();
    let mut py = Interpreter::builder()
        .no_stdlib()
        .path(&dir)
        .stdout(out.clone())
        .build()
        .unwrap();
    let m = py.import("processor").unwrap();
    let f = py.getattr(&m, "brighten").unwrap();
    let r = py.call(&f, (vec![10, 250, 128], 10)).unwrap();
    assert_eq!(py.extract::<Vec<u8>>(&r).unwrap(), vec![20, 255, 138]);
    let err = py.import("no_such_module").unwrap_err();
    assert_eq!(err.type_name, "ModuleNotFoundError");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn time_limit_stops_runaway_code_in_both_tiers() {
    for jit in [None, Some(1)] {
        let out = Sink::default();
        let mut py = Interpreter::builder()
            .no_stdlib()
            .stdout(out.clone())
            .jit(jit)
            .time_limit(Duration::from_millis(100))
            .build()
            .unwrap();
        py.run(
            "def spin():\n    n = 0\n    while True:\n        n += 1\n\
             def calls(n):\n    if n:\n        calls(n - 1)\n        calls(n - 1)\n",
        )
        .unwrap();
        // Runaway calls without a loop: the check before calls stops them.
        let calls = py.global("calls").unwrap();
        let err = py.call(&calls, (60,)).unwrap_err();
        assert_eq!(err.exceeded, Some(Exceeded::Time), "{err}");
        let spin = py.global("spin").unwrap();
        let start = std::time::Instant::now();
        let err = py.call(&spin, ()).unwrap_err();
        assert_eq!(err.type_name, "TimeoutError", "{err}");
        assert_eq!(err.exceeded, Some(Exceeded::Time));
        assert!(start.elapsed() < Duration::from_secs(5));
        // The guest may catch it; the budget stays spent, so the call
        // still ends.
        let err = py
            .run("try:\n    spin()\nexcept TimeoutError:\n    print('caught')\n    spin()\n")
            .unwrap_err();
        assert_eq!(err.exceeded, Some(Exceeded::Time));
        py.flush();
        assert_eq!(out.text(), "caught\n");
        // A new call from the host has a new budget.
        let sum = py.eval("sum(range(1000))").unwrap();
        assert_eq!(py.extract::<i64>(&sum).unwrap(), 499500);
    }
}

#[test]
fn memory_limit_raises_memory_error_and_recovers() {
    let out = Sink::default();
    let mut py = Interpreter::builder()
        .no_stdlib()
        .stdout(out.clone())
        .memory_limit(64 << 20)
        .build()
        .unwrap();
    // Growing a list past the ceiling, element by element.
    let err = py
        .run("x = []\nwhile True:\n    x.append([0] * 100)\n")
        .unwrap_err();
    assert_eq!(err.type_name, "MemoryError", "{err}");
    assert_eq!(err.exceeded, Some(Exceeded::Memory));
    py.run("x = None").unwrap();
    // One request larger than the ceiling is refused before it is made.
    let err = py.run("y = bytes(200 * 2**20)").unwrap_err();
    assert_eq!(err.type_name, "MemoryError");
    // Caught in the guest, then the interpreter goes on.
    py.run(
        "try:\n    z = [0] * (100 * 2**20)\nexcept MemoryError:\n    print('too big')\n\
         print(len([0] * 1000))\n",
    )
    .unwrap();
    py.flush();
    assert_eq!(out.text(), "too big\n1000\n");
}
