//! CALL from compiled code (`taipan_jit_call`): Python callees get their
//! frame straight from the caller's slab and run compiled when they are,
//! built-ins are called in place, plain classes make their instances —
//! each as the interpreter's CALL does it — and everything else takes the
//! general call.

use super::*;

/// The value in slot `i` of a compiled frame's slab, by reference.
fn f_slot<'a>(slab: *mut Value, i: usize) -> &'a Value {
    // SAFETY: callers pass a slot of the live frame that holds a value.
    unsafe { &*slab.add(i) }
}

/// CALL with `argc` positional arguments for compiled code. The callable
/// and the arguments, flushed to the slab, are moved out of it; the result
/// takes the callable's slot. A Python callee that takes exactly these
/// arguments gets them moved straight into its own frame and runs its
/// compiled code if it has some.
pub(super) extern "C" fn taipan_jit_call(
    frame: *mut JitFrame,
    pc: u32,
    depth: u32,
    argc: u32,
) -> u32 {
    guarded(frame, 1, || call_helper(frame, pc, depth, argc))
}

fn call_helper(frame: *mut JitFrame, pc: u32, depth: u32, argc: u32) -> u32 {
    use crate::object::heap::Object;
    // SAFETY: compiled code passes its own live frame, with `depth` values
    // flushed above the locals, the last `argc + 1` being the callable and
    // its arguments, which it hands over to this call.
    let f = unsafe { &mut *frame };
    f.pc = pc as u64;
    let base = f.nlocals + depth as usize - argc as usize - 1;
    let slab_ptr = f.slab;
    // SAFETY: each slot in `base..=base + argc` is read exactly once, moving
    // the value out; compiled code no longer owns it after this call.
    let take = |i: usize| unsafe { read_stored_value(slab_ptr.add(i)) };
    let mut argc = argc as usize;
    let mut first = 1;
    // CALL's layout: [NULL, callable, args…] or [method, object, args…];
    // a NULL is dropped (it owns nothing) and the callable above it
    // called (the result still goes to `base`).
    let callable = if argc > 0 && matches!(f_slot(slab_ptr, base), Value::Unbound) {
        drop(take(base));
        first = 2;
        argc -= 1;
        take(base + 1)
    } else {
        take(base)
    };
    // SAFETY: the Vm outlives the compiled frame that calls this.
    let vm = unsafe { &mut *f.vm };
    // Built-in functions and methods take their arguments in place (a
    // slice of the slab), as in the interpreter's hot loop; signals are
    // looked at after they return, as CPython's CALL does (a lock wait's
    // caller sees `interrupt_main` there, not inside the next call).
    if let Some(r) = call_builtin_in_place(vm, &callable, slab_ptr, base, first, argc) {
        // SAFETY: the arguments were left in their slots for the call;
        // they are released here, once.
        unsafe {
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                slab_ptr.add(base + first),
                argc,
            ))
        };
        drop(callable);
        let r = signals_after_call(vm, r);
        return finish_call(f, base, r);
    }
    // Signals and resource limits are looked at before other calls, as
    // in the interpreter (a runaway that only calls is stopped here).
    if let Err(e) = crate::vm::signals::check(vm) {
        for k in first..first + argc {
            drop(take(base + k));
        }
        drop(callable);
        return finish_call(f, base, Err(e));
    }
    // A Python function whose parameters are exactly the arguments: they
    // move into its new frame in one copy, the other locals unbound; a
    // compiled one runs through `call_compiled`, anything else through
    // `run_function`.
    if let Some(Object::Function(func)) = callable.as_obj() {
        if func.code.simple_argcount == Some(argc) {
            let nlocals = func.code.nlocals;
            let mut slab = crate::vm::interp::new_frame(vm, &func.code);
            debug_assert!(argc <= nlocals && nlocals <= slab.capacity());
            // SAFETY: the new frame has room for its locals (`new_frame`),
            // of which the parameters are the first `argc`; the argument
            // slots are moved out of the caller's slab once (compiled code
            // no longer owns them).
            unsafe {
                move_values(slab_ptr.add(base + first), slab.as_mut_ptr(), argc);
                slab.set_len(argc);
            }
            crate::vm::frames::unbound_locals(&mut slab, nlocals);
            let result = match func.code.jit_entry.get() {
                Some(entry) if func.code.code.flags & CALL_NEEDS_RUN_FUNCTION == 0 => {
                    // The value returned goes straight to the callable's
                    // slot (moved out above).
                    // SAFETY: `base` is a slot of the caller's slab.
                    let r =
                        call_compiled(vm, func, entry, &mut slab, unsafe { slab_ptr.add(base) });
                    // (Dropped in place: a move would copy its words
                    // right after `set_len` wrote one, a stall.)
                    // SAFETY: the slab is not used again; `forget`
                    // below keeps it from being dropped twice.
                    unsafe { std::ptr::drop_in_place(&mut slab) };
                    std::mem::forget(slab);
                    match r {
                        None => {
                            drop(callable);
                            f.depth = (base - f.nlocals) as u64 + 1;
                            return 0;
                        }
                        Some(r) => r,
                    }
                }
                _ => crate::vm::frames::run_function(vm, func, slab),
            };
            drop(callable);
            return finish_call(f, base, result);
        }
    }
    // `C(args)` of a plain class with a Python `__init__`
    // (`classes::plain_init`): the instance is made here and `__init__`
    // runs with it and the arguments in its new frame, as the
    // interpreter's CALL_ALLOC_AND_ENTER_INIT does (instead of the general
    // call, which looks `__new__` and `__init__` up again and binds).
    if let (Value::Obj(class), Some(Object::Class(c))) = (&callable, callable.as_obj()) {
        if let Some(init) = crate::object::classes::plain_init(c, argc) {
            if let Some(Object::Function(initf)) = init.as_obj() {
                let inst = Value::obj(crate::object::heap::NewObject::Instance(
                    crate::object::instance::Instance::new(class.clone(), None, None),
                ));
                let mut frame = crate::vm::interp::new_frame(vm, &initf.code);
                frame.push(inst.clone());
                // SAFETY: the new frame has room for the instance and the
                // arguments (`argcount` ≤ `nlocals`, `new_frame`); the
                // argument slots are moved out of the caller's slab once.
                unsafe {
                    move_values(slab_ptr.add(base + first), frame.as_mut_ptr().add(1), argc);
                    frame.set_len(argc + 1);
                }
                if let Some(defaults) = initf.positional_defaults(argc + 1) {
                    frame.extend_from_slice(&defaults);
                }
                crate::vm::frames::unbound_locals(&mut frame, initf.code.nlocals);
                let returned = match initf.code.jit_entry.get() {
                    Some(entry) => {
                        let mut ret = std::mem::MaybeUninit::<Value>::uninit();
                        let r = call_compiled(vm, initf, entry, &mut frame, ret.as_mut_ptr());
                        drop(frame);
                        // SAFETY: no result (None) means the value was
                        // written to `ret`.
                        r.unwrap_or_else(|| Ok(unsafe { ret.assume_init() }))
                    }
                    None => crate::vm::frames::run_function(vm, initf, frame),
                };
                let result =
                    returned.and_then(|v| crate::types::metaclass::frame_result(Some(inst), v));
                drop(callable);
                return finish_call(f, base, result);
            }
        }
    }
    let args: Vec<Value> = (first..first + argc).map(|k| take(base + k)).collect();
    // SAFETY: the frame's function and locals live while its compiled
    // code runs.
    let func = unsafe { &*f.func };
    let locals = unsafe { std::slice::from_raw_parts(slab_ptr, f.nlocals) };
    let result = crate::vm::interp::call_in_frame(vm, func, locals, &callable, &args, &[]);
    drop(callable);
    let result = signals_after_call(vm, result);
    finish_call(f, base, result)
}

/// A call's result once pending signals have been handled after it, as
/// the interpreter's CALL does: a handler's exception replaces it.
#[inline(always)]
fn signals_after_call(vm: &mut Vm, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Ok(v) if crate::vm::signals::any_pending() => match crate::vm::signals::check(vm) {
            Ok(()) => Ok(v),
            Err(e) => {
                drop(v);
                Err(e)
            }
        },
        r => r,
    }
}

/// Moves `n` values from `src`, where compiled code stored them, to
/// `dst` (non-overlapping), word by word ([`read_stored_value`]).
///
/// # Safety
/// As `std::ptr::copy_nonoverlapping`.
#[inline(always)]
unsafe fn move_values(src: *const Value, dst: *mut Value, n: usize) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        for i in 0..n {
            std::ptr::write(dst.add(i), read_stored_value(src.add(i)));
        }
    }
}

/// Code flags whose functions a call does not simply run (a call of a
/// generator or coroutine function makes its object): `run_function`.
const CALL_NEEDS_RUN_FUNCTION: u32 = taipan_bytecode::code::flags::GENERATOR
    | taipan_bytecode::code::flags::COROUTINE
    | taipan_bytecode::code::flags::ASYNC_GENERATOR;

/// A call from compiled code of a compiled Python function whose frame
/// `slab` holds its locals (the caller drops it): what `run_function` does for it, without its
/// general cases. The native stack is checked (and grown) every fourth
/// level, not at every call: compiled frames and the helpers between
/// them take a few hundred bytes each, far less than the red zone
/// `with_stack` keeps.
#[inline(always)]
fn call_compiled(
    vm: &mut Vm,
    func: &Function,
    entry: JitEntry,
    slab: &mut crate::object::frame_slab::Slab,
    ret: *mut Value,
) -> Option<PyResult<Value>> {
    if vm.depth >= vm.recursion_limit {
        return Some(crate::vm::frames::recursion_error());
    }
    vm.depth += 1;
    let mut end = RunEnd::default();
    let status = if vm.depth.is_multiple_of(4) {
        crate::object::state::with_stack(|| {
            run_compiled_on(vm, func, slab, entry, 0, ret, &mut end)
        })
    } else {
        run_compiled_on(vm, func, slab, entry, 0, ret, &mut end)
    };
    let r = if status == 0 {
        None
    } else {
        let ran = end.ran(status);
        Some(crate::object::state::with_stack(|| {
            crate::vm::frames::finish_in_interpreter(vm, func, slab, ran)
        }))
    };
    vm.depth -= 1;
    r
}

/// The end of [`taipan_jit_call`]: the result goes where the callable was
/// (whose slot was moved out), or the error to the frame.
#[inline(always)]
fn finish_call(f: &mut JitFrame, base: usize, result: PyResult<Value>) -> u32 {
    match result {
        Ok(v) => {
            // SAFETY: the callable's slot was moved out by the caller.
            unsafe { std::ptr::write(f.slab.add(base), v) };
            f.depth = (base - f.nlocals) as u64 + 1;
            0
        }
        Err(e) => {
            f.err = Some(e);
            f.depth = (base - f.nlocals) as u64;
            1
        }
    }
}

/// A call of a built-in type's method (or a native type's) that compiled
/// code identified by the method object (`AttrSeen::TypeMethod::call`):
/// `func` is the method's built-in function, `vals` the call's `n + 1`
/// values in the slab — the method, the receiver, `n - 1` arguments —,
/// all taken; the result replaces the method. As the interpreter's
/// `CALL_NO_KW_METHOD_DESCRIPTOR_FAST`, a native type's method needs a
/// native receiver: any other goes through the `call` helper.
pub(super) extern "C" fn taipan_jit_call_native(
    frame: *mut JitFrame,
    func: usize,
    vals: *mut Value,
    n: u32,
    pc: u32,
) -> u32 {
    guarded(frame, 1, || call_native(frame, func, vals, n as usize, pc))
}

fn call_native(frame: *mut JitFrame, func: usize, vals: *mut Value, n: usize, pc: u32) -> u32 {
    use crate::object::heap::{BuiltinFn, Object};
    // SAFETY: compiled code passes its own live frame and the address of
    // the call's values in its slab, which it hands over to this call.
    let f = unsafe { &mut *frame };
    // SAFETY: `vals` points into the frame's slab (above).
    let base = unsafe { vals.offset_from(f.slab) } as usize;
    let (method, receiver) = (f_slot(f.slab, base), f_slot(f.slab, base + 1));
    let in_place = match method.as_obj() {
        Some(Object::MethodDescr(_)) => true,
        Some(Object::Builtin(_)) => matches!(receiver.as_obj(), Some(Object::Native(_))),
        _ => false,
    };
    if !in_place || func == 0 {
        let depth = base - f.nlocals + n + 1;
        return call_helper(frame, pc, depth as u32, n as u32);
    }
    f.pc = pc as u64;
    // SAFETY: `func` is the address of the method's `BuiltinFn`, which
    // the runtime recorded in the feedback this code was compiled from
    // (`attr_cache`); the method object compiled code compared with
    // holds that function.
    let func = unsafe { std::mem::transmute::<usize, BuiltinFn>(func) };
    // SAFETY: the Vm outlives the compiled frame that calls this.
    let vm = unsafe { &mut *f.vm };
    if crate::object::pending::any() {
        crate::object::pending::run(vm);
    }
    let r = {
        // SAFETY: the receiver and its `n - 1` arguments follow the method.
        let args = unsafe { std::slice::from_raw_parts(f.slab.add(base + 2), n - 1) };
        func(vm, Some(receiver), args, &[])
    };
    // SAFETY: the values were left in their slots for the call; they are
    // released here, once, the method (moved out word by word: compiled
    // code just stored it) last.
    unsafe {
        std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(f.slab.add(base + 1), n));
        drop(read_stored_value(f.slab.add(base)));
    }
    let r = signals_after_call(vm, r);
    finish_call(f, base, r)
}

/// The interpreter's in-place calls of built-ins (`eval_loop`'s CALL)
/// for a call whose arguments are in the slab at `base + first ..`:
/// CALL's first slot is a NULL (`first == 2`) or LOAD_METHOD's method
/// with its object (`first == 1`, the object being `args[0]`). A
/// method descriptor or a native type's method LOAD_METHOD found is
/// called with the object as its receiver, as the interpreter does.
fn call_builtin_in_place(
    vm: &mut Vm,
    callable: &Value,
    slab: *mut Value,
    base: usize,
    first: usize,
    argc: usize,
) -> Option<PyResult<Value>> {
    use crate::object::heap::Object;
    // SAFETY: the caller's slots `base + first ..` hold `argc` values.
    let args = unsafe { std::slice::from_raw_parts(slab.add(base + first), argc) };
    let method = first == 1;
    match (callable.as_obj(), args.first()) {
        (Some(Object::MethodDescr(MethodDescrObj { builtin, .. })), Some(r)) if method => {
            if crate::object::pending::any() {
                crate::object::pending::run(vm);
            }
            Some((builtin.func)(vm, Some(r), &args[1..], &[]))
        }
        (Some(Object::Builtin(b)), Some(r))
            if method
                && matches!(r.as_obj(), Some(Object::Native(_)))
                && !crate::vm::eval_exec::reads_frame(b.func) =>
        {
            if crate::object::pending::any() {
                crate::object::pending::run(vm);
            }
            Some((b.func)(vm, Some(r), &args[1..], &[]))
        }
        (Some(Object::MethodDescr(_) | Object::Builtin(_)), _) if method => None,
        _ => crate::vm::interp::call_builtin_fast(vm, callable, None, args),
    }
}

/// The layout facts of direct calls between compiled functions
/// ([`taipan_jit::CallLayout`]); `None` (every call through the `call`
/// helper) when a reference-counted box's value does not start where it
/// is measured to, for a code object as for the probe.
pub(super) fn call_layout() -> Option<taipan_jit::CallLayout> {
    use crate::object::frame_slab::jit_layout;
    use std::mem::{align_of, offset_of, size_of};
    // Where an `Rc`'s pointer points from its value: measured on an
    // `Rc<u64>`, which has a code object's alignment, so the box's
    // counts take the same room before the value.
    if size_of::<Rc<RtCode>>() != size_of::<usize>() || align_of::<RtCode>() != align_of::<u64>() {
        return None;
    }
    let probe: Rc<u64> = Rc::new(0);
    // SAFETY: an `Rc` is one pointer (checked above): its bits are read,
    // not used.
    let word = unsafe { std::mem::transmute_copy::<Rc<u64>, usize>(&probe) };
    let rc_value = (Rc::as_ptr(&probe) as usize).checked_sub(word)?;
    let off = |v: usize| i32::try_from(v).ok();
    let s = jit_layout();
    let function_payload = crate::object::kinds::function_payload_offset();
    Some(taipan_jit::CallLayout {
        frame_vm: off(offset_of!(JitFrame, vm))?,
        frame_func: off(offset_of!(JitFrame, func))?,
        frame_vec: off(offset_of!(JitFrame, vec))?,
        frame_nlocals: off(offset_of!(JitFrame, nlocals))?,
        frame_kwnames: off(offset_of!(JitFrame, kwnames))?,
        frame_err: off(offset_of!(JitFrame, err))?,
        frame_stack_floor: off(offset_of!(JitFrame, stack_floor))?,
        frame_callee: off(offset_of!(JitFrame, callee))?,
        frame_size: u32::try_from(size_of::<JitFrame>()).ok()?,
        vm_depth: off(offset_of!(Vm, depth))?,
        vm_recursion_limit: off(offset_of!(Vm, recursion_limit))?,
        vm_data_stack: off(offset_of!(Vm, data_stack))?,
        ds_top: off(s.ds_top)?,
        ds_limit: off(s.ds_limit)?,
        ds_last: off(s.ds_last)?,
        ds_current: off(s.ds_current)?,
        ds_dead: off(s.ds_dead)?,
        header_prev: off(s.header_prev)?,
        header_chunk: off(s.header_chunk)?,
        header_dead: off(s.header_dead)?,
        header_bytes: s.header_bytes as i64,
        slab_block: off(s.slab_block)?,
        slab_len: off(s.slab_len)?,
        slab_cap: off(s.slab_cap)?,
        slab_home: off(s.slab_home)?,
        slab_size: u32::try_from(s.slab_size).ok()?,
        kind_function: crate::object::kinds::kind::Function as i64,
        function_payload: off(function_payload)?,
        function_code: off(function_payload + offset_of!(Function, code))?,
        rc_value: off(rc_value)?,
        code_direct_argc: off(offset_of!(RtCode, direct_argc))?,
        code_frame_cap: off(offset_of!(RtCode, frame_cap))?,
        code_consts: off(offset_of!(RtCode, consts_ptr))?,
        code_jit_entry: off(offset_of!(RtCode, jit_entry))?,
        code_direct_entry: off(offset_of!(RtCode, direct_entry))?,
    })
}

/// The end of a direct call that compiled code does not finish itself
/// ([`taipan_jit::Helpers::call_finish`]): `callee` is the frame of the
/// call that just ended (on the caller's native stack, its slab's block
/// carved by compiled code), `status` what its code returned — or 4:
/// it returned, compiled code took its value and released its locals,
/// and only the block is left to give back.
pub(super) extern "C" fn taipan_jit_call_finish(
    frame: *mut JitFrame,
    callee: *mut JitFrame,
    status: u32,
) -> u32 {
    guarded(frame, 1, || call_finish(frame, callee, status))
}

fn call_finish(frame: *mut JitFrame, callee: *mut JitFrame, status: u32) -> u32 {
    // SAFETY: compiled code passes its own live frame and the frame of
    // the direct call it just made, whose slab (`vec`) it set up as
    // `run_compiled_on` does and which nothing else refers to now.
    let (f, c) = unsafe { (&mut *frame, &mut *callee) };
    // SAFETY: as above.
    let slab = unsafe { &mut *c.vec };
    if status == 4 {
        // SAFETY: compiled code released the locals; the block is given
        // back by dropping the emptied slab (once: it is not used again).
        unsafe {
            slab.set_len(0);
            std::ptr::drop_in_place(slab);
        }
        return 0;
    }
    // What `run_compiled_on` and `call_compiled` do once the code
    // returned.
    // SAFETY: compiled code leaves exactly `depth` owned values above the
    // locals (as in `run_compiled_on`).
    unsafe { slab.set_len(c.nlocals + c.depth as usize) };
    drop(c.kwnames.take());
    let result = if status == 0 {
        drop(c.err.take());
        // SAFETY: compiled code stored the value it returned in `ret`.
        Ok(unsafe { read_stored_value(&c.ret) })
    } else {
        // SAFETY: the Vm and the function outlive the call.
        let (vm, func) = unsafe { (&mut *f.vm, &*c.func) };
        let end = RunEnd {
            at: c.pc as usize,
            err: c.err.take(),
        };
        if status == STATUS_EXITED {
            note_exit(vm, &func.code, end.at);
        }
        crate::object::state::with_stack(|| {
            crate::vm::frames::finish_in_interpreter(vm, func, slab, end.ran(status))
        })
    };
    // SAFETY: the slab ends here (compiled code never touches it again).
    unsafe { std::ptr::drop_in_place(slab) };
    match result {
        Ok(v) => {
            // SAFETY: `Value` is two words; the scratch slot owns nothing
            // (compiled code moves the result out at once).
            f.scratch = unsafe { std::mem::transmute::<Value, [u64; 2]>(v) };
            0
        }
        Err(e) => {
            f.err = Some(e);
            1
        }
    }
}
