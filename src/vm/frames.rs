//! Running Python frames: a function's frame from its first instruction
//! to its return (`run_function`), and the loop that drives the hot loop
//! (`vm::eval_loop::step`) over a stack of frames, so that calls
//! from Python to Python do not recurse on the Rust stack, catching
//! exceptions through each code's exception table and building the
//! traceback as they unwind.

use crate::object::exceptions::{raise, ExcKind, PyErr, PyResult, TraceEntry};
use crate::object::heap::{Function, JitEntry, Object, RtCode};
use crate::object::state::with_stack;
use crate::object::value::{ObjRef, Value};
use crate::types::metaclass::frame_result;
use crate::vm::eval_loop::step;
use crate::vm::interp::Flow;
use crate::vm::{Ran, Vm};
use std::rc::Rc;
use taipan_bytecode::code::flags::{ASYNC_GENERATOR, COROUTINE, GENERATOR};

/// The compiled entry of `rt` and how to run it, when the compiling
/// tier is on and has compiled it (or compiles it now, as it became
/// hot).
#[inline]
fn compiled_entry(vm: &mut Vm, rt: &Rc<RtCode>) -> Option<(JitEntry, crate::vm::RunCompiled)> {
    let tier = vm.jit.as_ref()?;
    let run = tier.run;
    if let Some(e) = rt.jit_entry.get() {
        return Some((e, run));
    }
    let compile = tier.compile;
    compile(vm, rt).map(|e| (e, run))
}

/// Runs a function's code with its locals already bound in `slab`.
pub fn run_function(
    vm: &mut Vm,
    func: &Function,
    slab: crate::object::frame_slab::Slab,
) -> PyResult<Value> {
    let mut slab = std::mem::ManuallyDrop::new(slab);
    // SAFETY: the slab is handed over and not touched again.
    unsafe { run_function_taking(vm, func, &mut slab) }
}

/// [`run_function`] on a slab its caller keeps in place: a slab just
/// filled in, moved into the call, was copied with 16-byte loads right
/// after the 8-byte store of its length (a store-forwarding stall, a
/// tenth of a call from Rust); it is also dropped in place at the end
/// (`eval` leaves its length just stored).
///
/// # Safety
/// The slab is consumed (dropped, or moved into a generator): the
/// caller must neither use nor drop it afterwards.
pub(crate) unsafe fn run_function_taking(
    vm: &mut Vm,
    func: &Function,
    slab: &mut std::mem::ManuallyDrop<crate::object::frame_slab::Slab>,
) -> PyResult<Value> {
    if func.code.code.flags & (GENERATOR | COROUTINE | ASYNC_GENERATOR) != 0 {
        // SAFETY: taken once; the caller gives it up (above).
        let slab = unsafe { std::mem::ManuallyDrop::take(slab) };
        return Ok(crate::vm::generators::new_generator(vm, func, slab));
    }
    if vm.depth >= vm.recursion_limit {
        // SAFETY: as above.
        unsafe { std::mem::ManuallyDrop::drop(slab) };
        return recursion_error();
    }
    vm.depth += 1;
    let rt = func.code.clone();
    // Every frame slot exists (module and class bodies come with none,
    // and no block).
    if slab.capacity() == 0 {
        **slab = crate::vm::interp::new_frame(vm, &rt);
    }
    if slab.len() < rt.nlocals {
        slab.resize(rt.nlocals, Value::Unbound);
    }
    rt.calls.set(rt.calls.get().saturating_add(1));
    let result = match compiled_entry(vm, &rt) {
        Some((entry, run)) => with_stack(|| {
            let ran = run(vm, func, slab, entry, 0);
            finish_in_interpreter(vm, func, slab, ran)
        }),
        None => {
            let mut pc = 0usize;
            with_stack(|| eval(vm, func, &rt, slab, &mut pc, None))
        }
    };
    // SAFETY: the slab is not used after this, its only drop.
    unsafe { std::mem::ManuallyDrop::drop(slab) };
    vm.depth -= 1;
    result
}

/// The end of a call's compiled run (from its first instruction) on
/// `slab`: an exception that a handler of the frame catches, and an
/// entry compiled code refused, go on in the interpreter on the same
/// slab until the frame returns or raises; any other exception leaves
/// the frame with the traceback entry of its instruction.
pub(crate) fn finish_in_interpreter(
    vm: &mut Vm,
    func: &Function,
    slab: &mut crate::object::frame_slab::Slab,
    ran: Ran,
) -> PyResult<Value> {
    match ran {
        Ran::Returned(v) => Ok(v),
        Ran::Raised(e, at) if func.code.code.handler_at(at).is_none() => {
            Err(raised_at(vm, func, at, e))
        }
        Ran::Raised(e, at) => {
            // (`catch` takes the raising instruction as the one before
            // `pc`, adds its traceback entry and unwinds to the handler.)
            let mut pc = at + 2;
            let rt = func.code.clone();
            eval(vm, func, &rt, slab, &mut pc, Some(e))
        }
        Ran::NotEntered => {
            let mut pc = 0;
            let rt = func.code.clone();
            eval(vm, func, &rt, slab, &mut pc, None)
        }
        Ran::Exited(at) => {
            let mut pc = at;
            let rt = func.code.clone();
            eval(vm, func, &rt, slab, &mut pc, None)
        }
        Ran::Yielded(..) => raise(ExcKind::RuntimeError, "yield outside a generator frame"),
    }
}

/// Runs a generator's frame from `pc` until it yields, returns or
/// raises: in compiled code when its code has some (and no exception is
/// thrown in), else — or from an exception a handler of it catches, or a
/// resume point compiled code has no entry for — in the interpreter.
#[inline]
pub(crate) fn run_generator_frame(
    vm: &mut Vm,
    func: &Function,
    rt: &Rc<RtCode>,
    slab: &mut crate::object::frame_slab::Slab,
    pc: &mut usize,
    throw: Option<Box<PyErr>>,
) -> PyResult<FrameExit> {
    if throw.is_none() {
        if let Some((entry, run)) = compiled_entry(vm, rt) {
            match run(vm, func, slab, entry, *pc) {
                Ran::Returned(v) => return Ok(FrameExit::Return(v)),
                Ran::Yielded(v, next) => {
                    *pc = next;
                    return Ok(FrameExit::Yield(v));
                }
                // (`catch` adds the entry, and unwinds to a handler or
                // ends the frame.)
                Ran::Raised(e, at) => {
                    *pc = at + 2;
                    return eval_frame(vm, func, rt, slab, pc, Some(e));
                }
                Ran::Exited(at) => *pc = at,
                Ran::NotEntered => {}
            }
        }
    }
    eval_frame(vm, func, rt, slab, pc, throw)
}

/// The RecursionError of a call past `sys.getrecursionlimit()` (every
/// path that enters a Python frame checks `vm.depth` against it).
pub(crate) fn recursion_error<T>() -> PyResult<T> {
    raise(ExcKind::RecursionError, "maximum recursion depth exceeded")
}

/// Adds the traceback entry of the instruction at `at` of this code.
pub(crate) fn with_entry(mut err: Box<PyErr>, func: &Function, at: usize) -> Box<PyErr> {
    err.traceback.push(TraceEntry {
        code: func.code.clone(),
        globals: Value::Obj(func.globals.clone()),
        lasti: at,
    });
    err
}

/// Runs a frame in the interpreter from `pc` (raising `pending` at the
/// instruction before it first) to its return.
fn eval(
    vm: &mut Vm,
    func: &Function,
    rt: &Rc<RtCode>,
    slab: &mut crate::object::frame_slab::Slab,
    pc: &mut usize,
    pending: Option<Box<PyErr>>,
) -> PyResult<Value> {
    match eval_frame(vm, func, rt, slab, pc, pending)? {
        FrameExit::Return(v) => Ok(v),
        // Only generator code yields, and it runs through `eval_frame`.
        FrameExit::Yield(_) => raise(ExcKind::RuntimeError, "yield outside a generator frame"),
    }
}

/// How a frame stopped running.
pub enum FrameExit {
    /// It returned this value.
    Return(Value),
    /// A generator's frame yielded this value; it resumes at `pc`.
    Yield(Value),
}

/// A frame the eval loop runs for a call, above the frame `eval_frame`
/// was entered with (`vm::eval_loop::step` pushes and pops them).
pub(crate) struct PyFrame {
    /// The function called (an `Object::Function`), alive while its frame
    /// runs.
    pub callee: ObjRef,
    /// That function (inside `callee`'s object, which does not move).
    pub func: *const Function,
    /// Its locals and value stack.
    pub slab: crate::object::frame_slab::Slab,
    pub pc: usize,
    pub kwnames: Option<Rc<[Rc<str>]>>,
    /// For the `__init__` frame of `C(args)`: the instance, which is the
    /// call's result once `__init__` returns None.
    pub init_self: Option<Value>,
}

/// Pushes a new frame for `callee` (whose function is `func`) on the
/// frame stack, writing its fields one by one into the stack's next
/// element. (`Vec::push` of a struct literal builds the 80-byte frame on
/// the Rust stack and copies it in 16-byte pieces, whose loads wait on
/// the narrower stores before them: a store-forwarding stall on every
/// Python call.)
#[inline(always)]
pub(crate) fn push_frame(
    frames: &mut Vec<PyFrame>,
    callee: ObjRef,
    func: *const Function,
    slab: crate::object::frame_slab::Slab,
    init_self: Option<Value>,
) {
    frames.reserve(1);
    let len = frames.len();
    // SAFETY: `reserve` made room for one more element at `len`; every
    // field is written before `set_len` makes the element visible.
    unsafe {
        let f = frames.as_mut_ptr().add(len);
        std::ptr::addr_of_mut!((*f).callee).write(callee);
        std::ptr::addr_of_mut!((*f).func).write(func);
        std::ptr::addr_of_mut!((*f).slab).write(slab);
        std::ptr::addr_of_mut!((*f).pc).write(0);
        std::ptr::addr_of_mut!((*f).kwnames).write(None);
        std::ptr::addr_of_mut!((*f).init_self).write(init_self);
        frames.set_len(len + 1);
    }
}

/// What a popped frame leaves its caller: its slab (to give back) and,
/// for an `__init__` frame, the instance.
pub(crate) struct Finished {
    pub slab: crate::object::frame_slab::Slab,
    pub init_self: Option<Value>,
}

/// Pops the top frame, reading only the fields its caller needs, one by
/// one (see `push_frame` for why not `Vec::pop`); the rest are dropped.
#[inline(always)]
pub(crate) fn pop_frame(frames: &mut Vec<PyFrame>) -> Option<Finished> {
    let len = frames.len().checked_sub(1)?;
    // SAFETY: the element at `len` is initialised; `set_len` first makes
    // the stack forget it, so each field is read (moved out) exactly once.
    unsafe {
        frames.set_len(len);
        let f = frames.as_mut_ptr().add(len);
        drop(std::ptr::addr_of!((*f).callee).read());
        drop(std::ptr::addr_of!((*f).kwnames).read());
        Some(Finished {
            slab: std::ptr::addr_of!((*f).slab).read(),
            init_self: std::ptr::addr_of!((*f).init_self).read(),
        })
    }
}

/// Runs a frame from `pc` until it returns or yields. `pending` is an
/// error to raise at `pc - 2` first (`generator.throw`).
///
/// Python-to-Python calls the eval loop meets (`Flow::Call`) do not
/// recurse: their frames go on a stack here and run in this same loop,
/// and a return or an uncaught exception pops back to the caller, as
/// CPython 3.11's `_PyEval_EvalFrameDefault` does with its
/// `_PyInterpreterFrame`s. The frame `eval_frame` was entered with is
/// the bottom of that stack; only it can yield.
pub(crate) fn eval_frame(
    vm: &mut Vm,
    func: &Function,
    rt: &Rc<RtCode>,
    slab: &mut crate::object::frame_slab::Slab,
    pc: &mut usize,
    pending: Option<Box<PyErr>>,
) -> PyResult<FrameExit> {
    let mut frames: Vec<PyFrame> = Vec::new();
    // (The chain reads these only while this run is suspended in a call.)
    vm.frame_chain.push(ChainLink {
        func,
        slab: &*slab,
        pc: PcPlace::Interpreter(&*pc),
        pushed: &frames,
    });
    let r = eval_frames(vm, func, rt, slab, pc, pending, &mut frames);
    vm.frame_chain.pop();
    r
}

/// One run of the eval loop (or of compiled code) in the chain of
/// running frames: its bottom frame's function, locals and position, and
/// the frames it pushed above it. The pointers are valid while the run
/// lasts (its link is removed before it returns).
pub(crate) struct ChainLink {
    pub func: *const Function,
    pub slab: *const crate::object::frame_slab::Slab,
    pub pc: PcPlace,
    /// The interpreter's frame stack above the bottom frame (null for
    /// compiled code).
    pub pushed: *const Vec<PyFrame>,
}

/// Where a running frame's position is kept.
#[derive(Clone, Copy)]
pub(crate) enum PcPlace {
    /// The interpreter's (synchronised before every call).
    Interpreter(*const usize),
    /// Compiled code's (its frame's, set before every helper call and
    /// direct call), with the frames it calls directly above it: the
    /// tier gives its frame and the function that lists that chain,
    /// innermost first (the JIT sits above this layer).
    Compiled(*const u8, CompiledChain),
}

/// Lists a compiled frame's chain of running frames (see
/// [`PcPlace::Compiled`]): each one's function and instruction offset,
/// innermost first.
///
/// # Safety
/// Called only with the frame of a link in the chain, while it runs.
pub(crate) type CompiledChain = unsafe fn(*const u8) -> Vec<(*const Function, usize)>;

/// The running frames, innermost first: each frame's function, its
/// locals (those of compiled frames are not read) and the offset of the
/// instruction it is running (`sys._getframe`).
pub(crate) fn live_frames(vm: &Vm) -> Vec<(&Function, Option<&[Value]>, usize)> {
    let mut out = Vec::new();
    for link in vm.frame_chain.iter().rev() {
        // SAFETY: a link's pointers are valid while it is in the chain
        // (see `ChainLink`); the frames they name are not running while
        // the caller (a built-in called from one of them) reads them.
        unsafe {
            if !link.pushed.is_null() {
                for f in (*link.pushed).iter().rev() {
                    // (A frame's saved position is the instruction after
                    // the call it is in.)
                    out.push((&*f.func, Some(&f.slab[..]), f.pc.saturating_sub(2)));
                }
            }
            match link.pc {
                PcPlace::Interpreter(pc) => out.push((
                    &*link.func,
                    Some((&*link.slab).as_slice()),
                    (*pc).saturating_sub(2),
                )),
                // (Compiled code records the instruction itself; the
                // chain starts at the frame the link ran, `link.func`'s.)
                PcPlace::Compiled(frame, chain) => {
                    for (func, pc) in chain(frame) {
                        out.push((&*func, None, pc));
                    }
                }
            }
        }
    }
    out
}

fn eval_frames(
    vm: &mut Vm,
    func: &Function,
    rt: &Rc<RtCode>,
    slab: &mut crate::object::frame_slab::Slab,
    pc: &mut usize,
    mut pending: Option<Box<PyErr>>,
    frames: &mut Vec<PyFrame>,
) -> PyResult<FrameExit> {
    let mut kwnames: Option<Rc<[Rc<str>]>> = None;
    loop {
        let mut outcome = match pending.take() {
            Some(e) => Err(e),
            None => step::<false>(vm, func, rt, slab, pc, &mut kwnames, frames),
        };
        if let Ok(Flow::LoopHot) = outcome {
            // On-stack replacement: the loop header just jumped to
            // continues in compiled code on this very frame, which runs
            // to its end — or to an exception, which this loop then
            // catches for the frame as if it had raised it here (its
            // position set to the instruction that raised), and whose
            // handler the frame runs in the interpreter.
            let (frame_pc, ran) = match frames.last_mut() {
                None => {
                    let start = *pc;
                    rt.resume_hint.set(start);
                    let ran = compiled_entry(vm, rt)
                        .map(|(entry, run)| run(vm, func, slab, entry, start));
                    if let Some(Ran::NotEntered) = ran {
                        rt.osr_refused.set(start);
                    }
                    (&mut *pc, ran)
                }
                Some(top) => {
                    // SAFETY: `callee` keeps the function alive.
                    let f = unsafe { &*top.func };
                    f.code.resume_hint.set(top.pc);
                    let ran = compiled_entry(vm, &f.code)
                        .map(|(entry, run)| run(vm, f, &mut top.slab, entry, top.pc));
                    if let Some(Ran::NotEntered) = ran {
                        f.code.osr_refused.set(top.pc);
                    }
                    (&mut top.pc, ran)
                }
            };
            outcome = match ran {
                Some(Ran::Returned(v)) => Ok(Flow::Return(v)),
                Some(Ran::Raised(e, at)) => {
                    *frame_pc = at + 2;
                    Err(e)
                }
                // (Only the bottom frame is a generator's.)
                Some(Ran::Yielded(v, next)) => {
                    *frame_pc = next;
                    Ok(Flow::Yield(v))
                }
                Some(Ran::Exited(at)) => {
                    *frame_pc = at;
                    Ok(Flow::Next)
                }
                Some(Ran::NotEntered) | None => Ok(Flow::Next),
            };
        }
        match outcome {
            Ok(Flow::Next | Flow::LoopHot) => {}
            Ok(Flow::Call(callee, frame)) => {
                let Object::Function(f) = callee.get() else {
                    pending = Some(PyErr::new(ExcKind::SystemError, "call of a non-function"));
                    continue;
                };
                let result = if f.code.code.flags & (GENERATOR | COROUTINE | ASYNC_GENERATOR) != 0 {
                    Ok(crate::vm::generators::new_generator(vm, f, frame))
                } else if vm.depth >= vm.recursion_limit {
                    drop(frame);
                    recursion_error()
                } else {
                    let rt = f.code.clone();
                    rt.calls.set(rt.calls.get().saturating_add(1));
                    match compiled_entry(vm, &rt) {
                        // Compiled code runs on the Rust stack.
                        Some((entry, run)) => {
                            vm.depth += 1;
                            let mut frame = frame;
                            match with_stack(|| run(vm, f, &mut frame, entry, 0)) {
                                Ran::Returned(v) => {
                                    drop(frame);
                                    vm.depth -= 1;
                                    Ok(v)
                                }
                                Ran::Raised(e, at) if f.code.code.handler_at(at).is_none() => {
                                    let e = raised_at(vm, f, at, e);
                                    drop(frame);
                                    vm.depth -= 1;
                                    Err(e)
                                }
                                // (Generator functions make their object
                                // above; their code never runs here.)
                                Ran::Yielded(..) => {
                                    drop(frame);
                                    vm.depth -= 1;
                                    raise(ExcKind::RuntimeError, "yield outside a generator frame")
                                }
                                // A handler catches it: the frame goes on
                                // in this loop, at the handler.
                                Ran::Raised(e, at) => {
                                    let func: *const Function = f;
                                    push_frame(frames, callee, func, frame, None);
                                    if let Some(top) = frames.last_mut() {
                                        top.pc = at + 2;
                                    }
                                    pending = Some(e);
                                    continue;
                                }
                                Ran::NotEntered => {
                                    let func: *const Function = f;
                                    push_frame(frames, callee, func, frame, None);
                                    continue;
                                }
                                // Left at a block it has no code for:
                                // the frame goes on in this loop there.
                                Ran::Exited(at) => {
                                    let func: *const Function = f;
                                    push_frame(frames, callee, func, frame, None);
                                    if let Some(top) = frames.last_mut() {
                                        top.pc = at;
                                    }
                                    continue;
                                }
                            }
                        }
                        None => {
                            vm.depth += 1;
                            let func: *const Function = f;
                            push_frame(frames, callee, func, frame, None);
                            continue;
                        }
                    }
                };
                match result {
                    Ok(v) => match frames.last_mut() {
                        Some(top) => top.slab.push(v),
                        None => slab.push(v),
                    },
                    Err(e) => pending = Some(e),
                }
            }
            Ok(Flow::Return(v)) => match pop_frame(frames) {
                None => return Ok(FrameExit::Return(v)),
                Some(done) => {
                    vm.depth -= 1;
                    drop(done.slab);
                    match frame_result(done.init_self, v) {
                        Ok(v) => match frames.last_mut() {
                            Some(top) => top.slab.push(v),
                            None => slab.push(v),
                        },
                        Err(e) => pending = Some(e),
                    }
                }
            },
            Ok(Flow::Yield(v)) => {
                if frames.is_empty() {
                    return Ok(FrameExit::Yield(v));
                }
                // Only generator code yields, and it is never pushed here.
                pending = Some(PyErr::new(
                    ExcKind::RuntimeError,
                    "yield outside a generator frame",
                ));
            }
            Err(err) => {
                let unhandled = match frames.last_mut() {
                    None => catch(vm, func, slab, pc, &mut kwnames, err),
                    Some(top) => {
                        // SAFETY: `callee` keeps the function alive.
                        let f = unsafe { &*top.func };
                        catch(vm, f, &mut top.slab, &mut top.pc, &mut top.kwnames, err)
                    }
                };
                if let Err(err) = unhandled {
                    // The frame ends; its caller gets the exception at the
                    // call.
                    match pop_frame(frames) {
                        None => return Err(err),
                        Some(done) => {
                            vm.depth -= 1;
                            drop(done.slab);
                            pending = Some(err);
                        }
                    }
                }
            }
        }
    }
}

/// An exception raised by the instruction before `*pc` of a frame: its
/// traceback entry added (and its context set), then the frame's handler
/// made to run; the exception back when the frame has no handler there.
fn catch(
    vm: &mut Vm,
    func: &Function,
    slab: &mut crate::object::frame_slab::Slab,
    pc: &mut usize,
    kwnames: &mut Option<Rc<[Rc<str>]>>,
    err: Box<PyErr>,
) -> Result<(), Box<PyErr>> {
    // The instruction that raised (the loop has moved past it).
    let at = pc.saturating_sub(2);
    let err = raised_at(vm, func, at, err);
    let Some(h) = func.code.code.handler_at(at).copied() else {
        return Err(err);
    };
    slab.truncate(func.code.code.nlocals() + h.depth as usize);
    if h.lasti {
        slab.push(Value::Int(at as i64));
    }
    slab.push((*err).into_caught());
    *kwnames = None;
    *pc = h.target as usize;
    Ok(())
}

/// An exception raised by the instruction at `at` of `func`'s code, as
/// it leaves that instruction (caught there or not): its traceback entry
/// added, unless it is re-raised there (RERAISE, a bare `raise`: the
/// frame's entry is not added), and the exception being handled made
/// its context. The interpreter's `catch` and the end of a compiled run
/// that raised where no handler of the code catches both go through it
/// (the latter added the entry alone: a bare `raise` in a compiled
/// function then had its own line in the traceback and lost its
/// caller's).
fn raised_at(vm: &Vm, func: &Function, at: usize, mut err: Box<PyErr>) -> Box<PyErr> {
    if err.reraised {
        // This frame's entry is in the traceback already.
        err.reraised = false;
    } else {
        err = with_entry(err, func, at);
        // Raised while handling another exception: that one is its
        // context.
        if !matches!(vm.exc_info, Value::None) && !vm.exc_info.is(&err.exc) {
            if let Some(s) = crate::object::exceptions::exc_state(&err.exc) {
                let mut ctx = s.context.borrow_mut();
                if ctx.is_none() {
                    *ctx = Some(vm.exc_info.clone());
                }
            }
        }
    }
    err
}

/// Fills a new frame's slots from its arguments up to `nlocals` with
/// Unbound (its other locals), in place: a loop of two-word stores where
/// there is room (`interp::new_frame` made it), else `Vec::resize`.
#[inline(always)]
pub(crate) fn unbound_locals(frame: &mut crate::object::frame_slab::Slab, nlocals: usize) {
    let len = frame.len();
    if len >= nlocals {
        return;
    }
    if frame.capacity() < nlocals {
        frame.resize(nlocals, Value::Unbound);
        return;
    }
    let p = frame.as_mut_ptr();
    for i in len..nlocals {
        // SAFETY: `i` is below the capacity; the slot is past the length,
        // so nothing is overwritten without being dropped.
        unsafe { p.add(i).write(Value::Unbound) };
    }
    // SAFETY: the slots up to `nlocals` are now initialised.
    unsafe { frame.set_len(nlocals) };
}

/// Gives `slab` room for `need` values (the locals plus the deepest
/// stack), so the hot loop's raw pushes stay inside its allocation.
#[inline]
pub(crate) fn ensure_room(slab: &mut crate::object::frame_slab::Slab, need: usize) {
    if slab.capacity() < need {
        slab.reserve(need.saturating_sub(slab.len()));
    }
}

/// Moves `n` values from `src` to `dst` (a call's arguments into the
/// callee's frame): a call has few, and a loop of two-word moves costs
/// less than calling `memcpy` for them.
///
/// # Safety
/// `src` must hold `n` initialised values that the caller stops owning,
/// and `dst` must have room for `n` values not overlapping them.
#[inline(always)]
pub(crate) unsafe fn move_values(src: *const Value, dst: *mut Value, n: usize) {
    if n > 4 {
        // SAFETY: as the caller promised.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, n) };
        return;
    }
    for i in 0..n {
        // SAFETY: `i < n`, inside both ranges.
        unsafe { dst.add(i).write(src.add(i).read()) };
    }
}

/// CPython's limit on the frames one `faulthandler` dump shows.
const FAULT_MAX_DEPTH: usize = 100;

/// The calling thread's frames as `faulthandler` writes them, innermost
/// first (`current`: written by the thread itself, "Current thread"; for
/// the watchdog's request, "Thread", as CPython words them).
pub(crate) fn fault_traceback(vm: &Vm, current: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    // SAFETY: pthread_self has no preconditions.
    let me = unsafe { libc::pthread_self() } as u64;
    let what = if current { "Current thread" } else { "Thread" };
    let _ = writeln!(out, "{what} {me:#018x} (most recent call first):");
    let frames = live_frames(vm);
    if frames.is_empty() {
        out.push_str("  <no Python frame>\n");
    }
    for (i, (func, _, pc)) in frames.iter().enumerate() {
        if i == FAULT_MAX_DEPTH {
            out.push_str("  ...\n");
            break;
        }
        let code = &func.code.code;
        let at = (*pc).min(code.code.len().saturating_sub(2));
        let _ = writeln!(
            out,
            "  File \"{}\", line {} in {}",
            code.filename,
            code.position_at(at).lineno,
            code.name
        );
    }
    out
}
