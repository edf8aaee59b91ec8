//! Two interpreters in one thread keep their own collector and their own
//! pending finalizers (`object::state`): disabling the collector in one
//! leaves the other collecting, and `__del__` of an object runs in the
//! interpreter that made it, writing to that interpreter's output.

use std::io::Write;
use std::sync::{Arc, Mutex};
use taipan::vm::Vm;

/// An output sink the test can read afterwards.
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

fn run(vm: &mut Vm, source: &str) {
    let _entered = vm.enter();
    let (code, _) =
        taipan::compiler::compile_source(source.as_bytes(), "<test>").expect("compiles");
    if let Err(e) = vm.run_module(&code, "__main__") {
        panic!("{}", vm.format_exception(&e));
    }
}

#[test]
fn interpreters_keep_their_own_collector_and_finalizers() {
    let (out_a, out_b) = (Sink::default(), Sink::default());
    let mut a = Vm::new(Box::new(out_a.clone()), &taipan::modules::NATIVES);
    let mut b = Vm::new(Box::new(out_b.clone()), &taipan::modules::NATIVES);
    // The most recently made interpreter is current until another is
    // entered.
    assert!(b.is_current() && !a.is_current());

    run(
        &mut a,
        "import gc\ngc.disable()\nprint('a', gc.isenabled())\n",
    );
    run(&mut b, "import gc\nprint('b', gc.isenabled())\n");
    assert_eq!(out_a.text(), "a False\n");
    assert_eq!(out_b.text(), "b True\n");

    // A cycle with a finalizer made in `a`, collected there: its `__del__`
    // prints to a's output, not b's.
    run(
        &mut a,
        "import gc\nclass C:\n    def __del__(self):\n        print('del in a')\n\
         c = C()\nc.me = c\ndel c\nprint('collected', gc.collect() > 0)\n",
    );
    run(&mut b, "import gc\nprint('b again', gc.collect() >= 0)\n");
    assert_eq!(out_a.text(), "a False\ndel in a\ncollected True\n");
    assert_eq!(out_b.text(), "b True\nb again True\n");

    // Entering restores the previous interpreter afterwards.
    {
        let _in_a = a.enter();
        assert!(a.is_current());
    }
    assert!(b.is_current());
    drop(b);
    assert!(!a.is_current());
    run(&mut a, "import gc\nprint('a still', gc.isenabled())\n");
    assert_eq!(
        out_a.text(),
        "a False\ndel in a\ncollected True\na still False\n"
    );
}

#[test]
fn interpreters_have_their_own_type_objects() {
    let (out_a, out_b) = (Sink::default(), Sink::default());
    let mut a = Vm::new(Box::new(out_a.clone()), &taipan::modules::NATIVES);
    let mut b = Vm::new(Box::new(out_b.clone()), &taipan::modules::NATIVES);
    // Within an interpreter a built-in type is one object whenever it is
    // asked for (its ints' type, the name `int`, across runs); two
    // interpreters have two (`object::builtin_types::TypeTable`).
    run(
        &mut a,
        "import sys\nsys.int_id = id(int)\nprint(type(1) is int, isinstance(ValueError(), Exception), NotImplemented is NotImplemented)\n",
    );
    run(
        &mut b,
        "import sys\nsys.int_id = id(int)\nprint(type(1) is int, type(...) is type(Ellipsis))\n",
    );
    run(&mut a, "import sys\nprint(sys.int_id == id(int))\n");
    run(&mut b, "import sys\nprint(sys.int_id == id(int))\n");
    assert_eq!(out_a.text(), "True True True\nTrue\n");
    assert_eq!(out_b.text(), "True True\nTrue\n");
    let _a = a.enter();
    let int_a = taipan::object::classes::type_object(taipan::object::heap::TypeKind::Int);
    drop(_a);
    let _b = b.enter();
    let int_b = taipan::object::classes::type_object(taipan::object::heap::TypeKind::Int);
    assert!(!int_a.is(&int_b), "each interpreter makes its own `int`");
}

#[test]
fn a_weak_reference_dies_with_its_target_whichever_interpreter_frees_it() {
    let (out_a, out_b) = (Sink::default(), Sink::default());
    let mut a = Vm::new(Box::new(out_a.clone()), &taipan::modules::NATIVES);
    let b = Vm::new(Box::new(out_b.clone()), &taipan::modules::NATIVES);
    let module = {
        let _entered = a.enter();
        let (code, _) = taipan::compiler::compile_source(
            b"import _weakref, sys\nclass C: pass\no = C()\nsys.r = _weakref.ref(o)\n",
            "<test>",
        )
        .expect("compiles");
        match a.run_module(&code, "__main__") {
            Ok(m) => m,
            Err(e) => panic!("{}", a.format_exception(&e)),
        }
    };
    // The target's last reference goes while `b` is current: the weak
    // reference `a` made is still found and cleared (the index is the
    // process's, not an interpreter's).
    {
        let _in_b = b.enter();
        let Some(taipan::object::heap::Object::Module(m)) = module.as_obj() else {
            panic!("a module");
        };
        let taipan::object::heap::Object::Dict(d) = m.dict.get() else {
            panic!("a namespace dict");
        };
        let gone = d.borrow_mut().remove(&taipan::object::heap::new_str("o"));
        assert!(matches!(gone, Ok(Some(_))));
    }
    run(&mut a, "import sys\nprint(sys.r() is None)\n");
    assert_eq!(out_a.text(), "True\n");
}
