//! The calls the hot loop (`vm::eval_loop`) makes itself, shared by
//! `CALL` and its specialised forms: a Python function
//! on the frame stack, a built-in function or method with its arguments
//! passed in place, a plain class's instance made and its `__init__`
//! entered, `type(x)`. Each evaluates to the call's result (`Some`), or
//! pushes a frame and goes on in it; `finish_call!` then pops the
//! callable and pushes the result.
//!
//! Macros because they continue the hot loop's own loops and use its
//! stack macros (`push!`, `pop!`, `peek!`, `sync!`, `bail!`,
//! `push_frame!`); the loop's locals they use (the interpreter, the stack
//! pointer, whether it single-steps) are passed in by name.

// CALL's stack: `$slots` values from the top (its argument plus two):
// [NULL, callable, args…], or [method, object, args…] after LOAD_METHOD
// (and in the method-shaped calls the compiler makes: decorators,
// `__exit__`), the object then the first argument. The callable is
// always `nargs + 1` deep, `nargs` counting the object.
//
// A Python function `$f` whose parameters are the top `$nargs` values
// (they move from this stack into its frame) and, for the missing last
// ones, its defaults.
//
// With `$bound` (a bound method's receiver and function, the callable on
// the stack being the bound method), the receiver is the first
// parameter, before the arguments.
macro_rules! call_py {
    ($decode:lifetime, $f:expr, $slots:expr, $nargs:expr; $vm:ident, $sp:ident, $single:ident) => {
        call_py!($decode, $f, $slots, $nargs, None; $vm, $sp, $single)
    };
    ($decode:lifetime, $f:expr, $slots:expr, $nargs:expr, $bound:expr;
     $vm:ident, $sp:ident, $single:ident) => {{
        let f: &crate::object::heap::Function = $f;
        let (slots, nargs): (usize, usize) = ($slots, $nargs);
        let bound: Option<(Value, crate::object::value::ObjRef)> = $bound;
        let first = usize::from(bound.is_some());
        if $single {
            sync!();
            if crate::object::pending::any() {
                crate::object::pending::run($vm);
            }
            if let Err(e) = crate::vm::signals::check($vm) {
                bail!(e);
            }
        }
        let mut frame = crate::vm::interp::new_frame($vm, &f.code);
        // SAFETY: the top `nargs` values move to the new frame, which
        // has room for them (at least `argcount` ≤ `nlocals` slots);
        // this stack stops owning them.
        // (A bound method's receiver first: `new_frame` made room for
        // every parameter.)
        unsafe {
            $sp = $sp.sub(nargs);
            if let Some((receiver, _)) = &bound {
                frame.as_mut_ptr().write(receiver.clone());
            }
            move_values($sp, frame.as_mut_ptr().add(first), nargs);
            frame.set_len(nargs + first);
        }
        // (Calls with every positional argument, the common case,
        // borrow no defaults.)
        if f.code.simple_argcount.is_some_and(|argc| argc > nargs + first) {
            if let Some(defaults) = f.positional_defaults(nargs + first) {
                frame.extend_from_slice(&defaults);
            }
        }
        unbound_locals(&mut frame, f.code.nlocals);
        if !$single {
            // The callable (and the NULL under it) go too; the callee's
            // frame goes on the frame stack and runs in this loop
            // (calls do not recurse on the Rust stack).
            let fptr: *const crate::object::heap::Function = f;
            let callee = pop!();
            // (The NULL owns nothing.)
            $sp = $sp.wrapping_sub(slots - nargs - 1);
            let Value::Obj(callee) = callee else {
                // (`callable` is a function object.)
                bail!(crate::object::exceptions::PyErr::new(
                    crate::object::exceptions::ExcKind::SystemError,
                    "call of a non-object",
                ));
            };
            // (For a bound method, its function: the frame's callee.)
            let callee = match bound {
                Some((_, func)) => {
                    drop(callee);
                    func
                }
                None => callee,
            };
            sync!();
            // (Checked once the caller's frame is synchronised: the
            // queued actions and signal handlers may run Python code.
            // On an error the new frame, with the arguments, is
            // released here.)
            if crate::object::pending::any() {
                crate::object::pending::run($vm);
            }
            if let Err(e) = crate::vm::signals::check($vm) {
                bail!(e);
            }
            // SAFETY: `callee` keeps the function alive.
            let rtc = unsafe { &(*fptr).code };
            if $vm.jit.is_some()
                || $vm.depth >= $vm.recursion_limit
                || rtc.code.flags & (GENERATOR | COROUTINE | ASYNC_GENERATOR) != 0
            {
                // Compiled code, a RecursionError or a new generator:
                // `frames::eval_frame`.
                return Ok(Flow::Call(callee, frame));
            }
            push_frame!($decode, callee, fptr, frame, None);
        }
        sync!();
        Some(crate::vm::frames::run_function($vm, f, frame))
    }};
}
// A built-in function with the top `$n` values as its positional
// arguments, passed in place, as a slice of the stack.
macro_rules! call_builtin {
    ($func:expr, $n:expr; $vm:ident, $sp:ident, $single:ident) => {{
        let (f, n) = ($func, $n);
        // (Synchronised so that what the call runs sees this frame as
        // it is; nothing it runs touches this frame's slab, so `base`
        // stays valid.)
        sync!();
        if crate::object::pending::any() {
            crate::object::pending::run($vm);
        }
        // SAFETY: the `n` arguments are the top `n` values.
        let args = unsafe { std::slice::from_raw_parts($sp.sub(n), n) };
        let r = f($vm, None, args, &[]);
        // SAFETY: the arguments are values the stack owns; they are
        // released here.
        unsafe {
            $sp = $sp.sub(n);
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut($sp, n));
        }
        Some(r)
    }};
}
// A built-in type's method with the receiver and `$n` arguments on
// top of the stack (LOAD_METHOD checked the receiver's type).
macro_rules! call_descriptor {
    ($func:expr, $n:expr; $vm:ident, $sp:ident, $single:ident) => {{
        let (f, n) = ($func, $n);
        sync!();
        if crate::object::pending::any() {
            crate::object::pending::run($vm);
        }
        // SAFETY: self and the `n` arguments are the top `n + 1`
        // values.
        let (receiver, args) =
            unsafe { (&*$sp.sub(n + 1), std::slice::from_raw_parts($sp.sub(n), n)) };
        let r = f($vm, Some(receiver), args, &[]);
        // SAFETY: as for built-in functions.
        unsafe {
            $sp = $sp.sub(n + 1);
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut($sp, n + 1));
        }
        Some(r)
    }};
}
// `C(args)` of a plain class `$c` (no metaclass, object's `__new__`)
// whose `__init__` is a Python function taking the instance and the
// top `$nargs` values: the instance is made here and `__init__` runs
// on the frame stack; its return gives the instance. None (nothing
// done) when the class is not such a class.
macro_rules! alloc_and_enter_init {
    ($decode:lifetime, $c:expr, $nargs:expr; $vm:ident, $sp:ident, $single:ident) => {{
        let nargs: usize = $nargs;
        match crate::object::classes::plain_init($c, nargs) {
            Some(init) => {
                sync!();
                if crate::object::pending::any() {
                    crate::object::pending::run($vm);
                }
                if let Err(e) = crate::vm::signals::check($vm) {
                    bail!(e);
                }
                let Value::Obj(class) = peek!(nargs + 1) else {
                    bail!(crate::object::exceptions::PyErr::new(
                        crate::object::exceptions::ExcKind::SystemError,
                        "call of a non-object",
                    ));
                };
                let (Value::Obj(init), Some(Object::Function(f))) = (&init, init.as_obj()) else {
                    bail!(crate::object::exceptions::PyErr::new(
                        crate::object::exceptions::ExcKind::SystemError,
                        "__init__ is not a function",
                    ));
                };
                let fptr: *const crate::object::heap::Function = f;
                let inst = Value::obj(NewObject::Instance(crate::object::instance::Instance::new(
                    class.clone(),
                    None,
                    None,
                )));
                let mut frame = crate::vm::interp::new_frame($vm, &f.code);
                frame.push(inst.clone());
                // SAFETY: as for a function's frame; the frame has room
                // for self and the arguments (`argcount` ≤ `nlocals`).
                unsafe {
                    $sp = $sp.sub(nargs);
                    std::ptr::copy_nonoverlapping($sp, frame.as_mut_ptr().add(1), nargs);
                    frame.set_len(nargs + 1);
                }
                if let Some(defaults) = f.positional_defaults(nargs + 1) {
                    frame.extend_from_slice(&defaults);
                }
                unbound_locals(&mut frame, f.code.nlocals);
                let callee = init.clone();
                // The class (kept alive by the instance), and the NULL
                // under it, which owns nothing.
                drop(pop!());
                $sp = $sp.wrapping_sub(1);
                sync!();
                push_frame!($decode, callee, fptr, frame, Some(inst));
            }
            None => None::<PyResult<Value>>,
        }
    }};
}
// `type(x)`: the argument's type (the callable below it).
macro_rules! call_type_1 {
    (; $vm:ident, $sp:ident, $single:ident) => {{
        let t = $vm.type_value(peek!(1));
        drop(pop!());
        Some(Ok(t))
    }};
}
// After a call the hot loop made (its arguments consumed): the callable
// (and the NULL under it) popped, the result pushed or raised; whether
// the call was made (`None`: left to `slow_op`).
macro_rules! finish_call {
    ($result:expr, $slots:expr, $nargs:expr; $vm:ident, $sp:ident, $single:ident) => {
        match $result {
            Some(r) => {
                drop(pop!());
                // (The NULL owns nothing.)
                $sp = $sp.wrapping_sub($slots - $nargs - 1);
                match r {
                    Ok(v) => {
                        push_result!(v);
                        // Signals are looked at after a call returns, as
                        // CPython's CALL does: a lock wait's caller sees
                        // `interrupt_main` there, not inside the next call.
                        if crate::vm::signals::any_pending() {
                            sync!();
                            if let Err(e) = crate::vm::signals::check($vm) {
                                bail!(e);
                            }
                        }
                        true
                    }
                    Err(e) => bail!(e),
                }
            }
            None => false,
        }
    };
}

pub(crate) use {
    alloc_and_enter_init, call_builtin, call_descriptor, call_py, call_type_1, finish_call,
};
