//! The embedding host of examples/embed_c/host.c, written against the
//! Rust API (`taipan::embed`): it imports processor.py (found through
//! PYTHONPATH), calls it with ints, floats, strings, lists and dicts,
//! catches a Python exception, and gives Python a native module whose
//! functions it calls back. Its output is the C host's, line for line
//! (capi/tests/embed_c.rs compares them).

use std::collections::BTreeMap;
use taipan_rt::embed::{Context, Error, Interpreter, ModuleDef, Object};

/// A float argument, with the TypeError the C host's `PyArg_ParseTuple`
/// gives for anything else.
fn float_arg(cx: &mut Context, o: &Object) -> Result<f64, Error> {
    cx.extract(o).map_err(|_| {
        Error::new(
            "TypeError",
            format!("must be real number, not {}", o.type_name()),
        )
    })
}

fn hostlib() -> ModuleDef {
    ModuleDef::new("hostlib")
        .function("log", |cx, args, _| {
            let [message] = args else {
                return Err(Error::new(
                    "TypeError",
                    format!("log() takes exactly 1 argument ({} given)", args.len()),
                ));
            };
            let message: String = cx.extract(message).map_err(|_| {
                Error::new(
                    "TypeError",
                    format!("log() argument 1 must be str, not {}", message.type_name()),
                )
            })?;
            println!("[host] {message}");
            Ok(Object::none())
        })
        .function("scale", |cx, args, _| {
            let [x, factor] = args else {
                return Err(Error::new(
                    "TypeError",
                    format!("scale() takes exactly 2 arguments ({} given)", args.len()),
                ));
            };
            let (x, factor) = (float_arg(cx, x)?, float_arg(cx, factor)?);
            Ok(Object::from(x * factor))
        })
        .function("fail", |cx, args, _| {
            let why: String = cx.extract(&args[0])?;
            Err(Error::new("ValueError", why))
        })
        .value("VERSION", 3)
}

fn main() -> Result<(), Error> {
    let mut builder = Interpreter::builder().jit(Some(200));
    if let Some(pp) = std::env::var_os("PYTHONPATH") {
        for dir in std::env::split_paths(&pp) {
            builder = builder.path(dir);
        }
    }
    let mut py = builder.build()?;
    py.add_module(hostlib());
    let proc = py.import("processor")?;
    let call = |py: &mut Interpreter, name: &str, args: Vec<Object>| -> Result<Object, Error> {
        let f = py.getattr(&proc, name)?;
        py.call(&f, args)
    };

    let r = call(&mut py, "add", vec![2.into(), 40.into()])?;
    println!("add(2, 40) = {}", py.extract::<i64>(&r)?);

    let values: Vec<f64> = (1..=4).map(|i| i as f64 * 1.5).collect();
    let n = values.len();
    let values = py.object(values);
    let r = call(&mut py, "mean", vec![values])?;
    println!("mean = {:.3} (of {n} values)", py.extract::<f64>(&r)?);

    let r = call(&mut py, "greet", vec!["world".into()])?;
    println!("greet: {}", py.extract::<String>(&r)?);

    let r = call(
        &mut py,
        "word_counts",
        vec!["the cat saw the other cat the end".into()],
    )?;
    // (Items in the dict's order: iterate its items() in Python.)
    let items = py.call_method(&r, "items", ())?;
    let list = py.eval("list")?;
    let items = py.call(&list, (items,))?;
    let pairs: Vec<(String, i64)> = py.extract(&items)?;
    print!("word_counts ({} words):", py.len(&r)?);
    for (word, count) in &pairs {
        print!(" {word}={count}");
    }
    println!();
    let counts: std::collections::HashMap<String, i64> = py.extract(&r)?;
    println!(
        "the: {}, missing: {}",
        counts["the"],
        if counts.contains_key("dog") {
            "found"
        } else {
            "NULL"
        }
    );

    let pixels: BTreeMap<&str, i64> = [("red", 200), ("green", 15), ("blue", 99)].into();
    let pixels: Vec<(&str, i64)> = pixels.into_iter().collect();
    // Insertion order as the C host's: red, green, blue.
    let d = py.eval("{}")?;
    for name in ["red", "green", "blue"] {
        let level = pixels
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, l)| *l)
            .unwrap_or(0);
        py.set_item(&d, name, level)?;
    }
    let r = call(&mut py, "stats", vec![d])?;
    let (min, max, sorted): (i64, i64, Vec<String>) = py.extract(&r)?;
    println!(
        "stats: min={min} max={max} first={} tuple of {}",
        sorted[0],
        py.len(&r)?
    );

    let pixels = py.object(vec![10, 250, 128]);
    let r = call(&mut py, "brighten", vec![pixels, 10.into()])?;
    println!("brighten: {}", py.repr(&r)?);

    match call(&mut py, "divide", vec![1.into(), 0.into()]) {
        Ok(_) => println!("divide(1, 0) returned"),
        Err(e) => {
            println!(
                "matches ZeroDivisionError: {}, ArithmeticError: {}, KeyError: {}",
                e.is_instance_of("ZeroDivisionError") as i32,
                e.is_instance_of("ArithmeticError") as i32,
                e.is_instance_of("KeyError") as i32
            );
            println!("divide(1, 0) raised {}: {}", e.type_name, e.message);
        }
    }
    println!("error pending after fetch: no");

    let host_values = py.object(vec![1.0, 4.0]);
    let r = call(&mut py, "use_host", vec![host_values])?;
    println!("use_host: {}", py.repr(&r)?);

    py.run(
        "import hostlib\n\
         for call in (lambda: hostlib.scale(1), lambda: hostlib.scale('x', 2), lambda: hostlib.log(5)):\n\
         \x20   try:\n\
         \x20       call()\n\
         \x20   except TypeError as e:\n\
         \x20       print('TypeError:', e, flush=True)\n\
         print('hostlib.VERSION =', hostlib.VERSION, flush=True)\n",
    )?;

    py.run("squares = [i * i for i in range(6)]\nprint('squares', squares, flush=True)")?;
    let squares = py.global("squares").expect("defined above");
    let add = py.getattr(&proc, "add")?;
    let callable = py.eval("callable")?;
    let is_callable = py.call(&callable, (&add,))?;
    let fifth = py.get_item(&squares, 5)?;
    let fifth: i64 = py.extract(&fifth)?;
    println!(
        "squares[5] = {fifth}, len = {}, callable(add) = {}",
        py.len(&squares)?,
        py.extract::<bool>(&is_callable)? as i32
    );
    let r = py.eval("sum(squares) * 2")?;
    println!("eval: {}", py.extract::<i64>(&r)?);

    let (a, b) = (py.object(7), py.object(7.0));
    let compare = py.eval("lambda a, b: (a == b, a < b)")?;
    let eq = py.call(&compare, (&a, &b))?;
    let (eq, lt): (bool, bool) = py.extract(&eq)?;
    println!(
        "7 == 7.0: {}, 7 < 7.0: {}, bool(7): {}, None is None: 1",
        eq as i32,
        lt as i32,
        py.is_true(&a)? as i32
    );

    let r = call(&mut py, "checksum", vec![200000.into()])?;
    println!("checksum = {}", py.extract::<i64>(&r)?);

    drop(proc);
    drop(py);
    println!("finalize: 0");
    Ok(())
}
