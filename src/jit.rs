//! The runtime side of the JIT tier: the frame compiled code runs on, the
//! helper functions it calls, the layout facts it is given, and tiering
//! (counters, thresholds, statistics, dumps).
//!
//! Compiled code keeps the interpreter's frame layout: locals and the value
//! stack in the same slab. Its slow paths hand one instruction at a time
//! to the interpreter's `step` on that slab, so every opcode is supported
//! and behaviour cannot diverge from the interpreter's. Side exits that
//! resume the interpreter mid-function (deoptimisation) and entering hot
//! loops (OSR) reuse that layout: see docs/jit.md.

#[cfg(feature = "jit")]
use crate::object::exceptions::PyResult;
use crate::object::exceptions::{ExcKind, PyErr};
#[cfg(feature = "jit")]
use crate::object::heap::MethodDescrObj;
#[cfg(feature = "jit")]
use crate::object::heap::NewObject;
use crate::object::heap::{Function, JitEntry, RtCode};
use crate::object::value::Value;
#[cfg(feature = "jit")]
use crate::object::value::{tag, HeapObject};
use crate::vm::Vm;
use std::rc::Rc;
use std::time::Duration;

#[cfg(feature = "jit")]
mod calls;
mod tiering;
#[cfg(feature = "jit")]
use tiering::feedback_of;
use tiering::{note_exit, STATUS_EXITED};

/// The frame compiled code runs on. The first fields are read by compiled
/// code at the offsets given in its [`taipan_jit::Layout`]; the rest is
/// the helpers' business.
#[repr(C)]
pub struct JitFrame {
    /// Start of the slab: locals, then the value stack.
    pub slab: *mut Value,
    /// The code object's constants.
    pub consts: *const Value,
    /// The returned value.
    pub ret: Value,
    /// Stack values left in the slab when compiled code returns.
    pub depth: u64,
    /// Byte offset of the instruction the helpers last ran.
    pub pc: u64,
    /// Where compiled code starts: 0, or a loop header (OSR).
    pub start_pc: u64,
    /// The result of the `binary` helper, moved out by compiled code
    /// (raw words: the frame never owns it).
    pub scratch: [u64; 2],
    vm: *mut Vm,
    func: *const Function,
    vec: *mut crate::object::frame_slab::Slab,
    nlocals: usize,
    kwnames: Option<Rc<[Rc<str>]>>,
    err: Option<Box<PyErr>>,
    /// The lowest native stack address a direct call from this frame
    /// may run at (`state::stack_floor`; compiled code copies it into
    /// the frames of its direct calls, which run on the same stack).
    stack_floor: u64,
    /// The frame this one's compiled code is calling directly (its
    /// JitFrame on this frame's native stack), while it runs: the chain
    /// `sys._getframe` and tracebacks of running frames walk.
    callee: *const JitFrame,
}

/// The running frames of a compiled frame's chain of direct calls,
/// innermost first: each one's function and the instruction it is at.
///
/// # Safety
/// `frame` is a compiled frame that is running (its link is in the
/// interpreter's frame chain), so it and its callees are alive.
unsafe fn direct_call_chain(frame: *const u8) -> Vec<(*const Function, usize)> {
    let mut out = Vec::new();
    let mut f = frame.cast::<JitFrame>();
    while !f.is_null() {
        // SAFETY: as the caller promised; a callee link is cleared
        // before its frame ends.
        unsafe {
            out.push(((*f).func, (*f).pc as usize));
            f = (*f).callee;
        }
    }
    out.reverse();
    out
}

/// Tiering settings from the command line.
#[derive(Clone, Copy, Debug)]
pub struct JitConfig {
    /// Calls (or loop iterations / 16) before a code object is compiled.
    pub threshold: u32,
    /// Print statistics at exit.
    pub stats: bool,
    /// Print Cranelift IR and machine code of each compiled function.
    pub dump: bool,
}

/// The JIT and its statistics.
pub struct JitState {
    /// The JIT of this thread, made when it first compiles (with a
    /// compile thread, only `--jit-threshold 0`, a forked child or a
    /// function the compile thread cannot take compiles here: a run
    /// that never does pays neither its module nor its direct entries).
    #[cfg(feature = "jit")]
    jit: Option<taipan_jit::Jit>,
    #[cfg(feature = "jit")]
    helpers: taipan_jit::Helpers,
    pub config: JitConfig,
    /// Names of the functions compiled, with each one's compile time.
    pub compiled: Vec<(String, Duration)>,
    /// Functions rejected, with the reason.
    pub rejected: Vec<(String, String)>,
    /// Total translation and compilation time.
    pub compile_time: Duration,
    /// Attribute instructions compiled with a guarded inline path.
    pub guarded_attr_sites: usize,
    /// Exits of compiled code to the interpreter at blocks it was
    /// compiled without, and the recompilations they led to.
    pub exits: u64,
    pub recompiles: u64,
    /// Shapes compiled code compares instances' shapes with: kept alive
    /// as long as that code (for the whole run), so that no other shape
    /// can take the address.
    #[cfg(feature = "jit")]
    pinned_shapes: Vec<Rc<crate::object::shape::Shape>>,
    /// Values compiled code uses as constants (built-in types' methods),
    /// kept alive likewise.
    #[cfg(feature = "jit")]
    pinned_values: Vec<Value>,
    /// The compile thread, when functions are compiled in the background
    /// (`jit_background`: not with `--jit-threshold 0` or `--jit-dump`).
    #[cfg(feature = "jit")]
    background: Option<crate::jit_background::Background>,
}

/// The layout facts compiled code relies on.
#[cfg(feature = "jit")]
pub fn layout() -> taipan_jit::Layout {
    use std::mem::offset_of;
    let list = probe_list_layout();
    taipan_jit::Layout {
        frame_slab: offset_of!(JitFrame, slab) as i32,
        frame_consts: offset_of!(JitFrame, consts) as i32,
        frame_ret: offset_of!(JitFrame, ret) as i32,
        frame_depth: offset_of!(JitFrame, depth) as i32,
        frame_start_pc: offset_of!(JitFrame, start_pc) as i32,
        frame_pc: offset_of!(JitFrame, pc) as i32,
        frame_scratch: offset_of!(JitFrame, scratch) as i32,
        value_size: std::mem::size_of::<Value>() as i32,
        payload_offset: 8,
        refcount_offset: crate::object::value::REFCOUNT_OFFSET as i32,
        type_offset: crate::object::value::TYPE_OFFSET as i32,
        kind_offset: crate::object::value::KIND_OFFSET as i32,
        kind_list: crate::object::value::kind::LIST as i64,
        list_items_len: list.map(|p| p.items_len),
        kind_tuple: crate::object::kinds::kind::Tuple as i64,
        tuple_items_len: probe_tuple_layout(),
        kind_not_implemented: crate::object::kinds::kind::NotImplemented as i64,
        globals: crate::object::dict::measure_layout().and_then(|(flag, version)| {
            use crate::object::heap::GlobalHit;
            let off = |v: usize| i32::try_from(v).ok();
            Some(taipan_jit::GlobalsLayout {
                frame_func: off(std::mem::offset_of!(JitFrame, func))?,
                function_globals: off(std::mem::offset_of!(Function, globals))?,
                dict_borrow_flag: off(flag)?,
                dict_version: off(version)?,
                hit_size: off(GlobalHit::SIZE)?,
                hit_key: off(GlobalHit::KEY_OFFSET)?,
                hit_builtins_version: off(GlobalHit::BUILTINS_VERSION_OFFSET)?,
                hit_value: off(GlobalHit::VALUE_OFFSET)?,
            })
        }),
        instance: crate::object::instance::measure_layout().and_then(|m| {
            let off = |v: usize| i32::try_from(v).ok();
            Some(taipan_jit::InstanceLayout {
                kind: crate::object::value::kind::INSTANCE as i64,
                class_data: off(m.class_data)?,
                class_version: off(m.class_version)?,
                borrow_flag: off(m.borrow_flag)?,
                shape: off(m.shape)?,
                dict: off(m.dict)?,
                values_capacity: off(m.values_capacity)?,
                values_inline: off(m.values_inline)?,
                values_heap: off(m.values_heap)?,
                inline_capacity: m.inline_capacity as i64,
            })
        }),
        iter: crate::object::heap::measure_iter_layout().and_then(|m| {
            let off = |v: usize| i32::try_from(v).ok();
            Some(taipan_jit::IterLayout {
                kind: crate::object::kinds::kind::Iter as i64,
                borrow_flag: off(m.borrow_flag)?,
                state_tag: off(m.state_tag)?,
                tag_range: i64::try_from(m.tag_range).ok()?,
                tag_list: i64::try_from(m.tag_list).ok()?,
                range_next: off(m.range_next)?,
                range_stop: off(m.range_stop)?,
                range_step: off(m.range_step)?,
                list_list: off(m.list_list)?,
                list_index: off(m.list_index)?,
                tag_tuple: i64::try_from(m.tag_tuple).ok()?,
                tuple_tuple: off(m.tuple_tuple)?,
                tuple_index: off(m.tuple_index)?,
            })
        }),
        calls: calls::call_layout(),
        builtins: probe_builtins_layout(list),
        tag_none: tag::NONE as i64,
        tag_bool: tag::BOOL as i64,
        tag_int: tag::INT as i64,
        tag_float: tag::FLOAT as i64,
        tag_obj: tag::OBJ as i64,
        tag_unbound: tag::UNBOUND as i64,
        signals_pending: crate::vm::signals::pending_word() as i64,
    }
}

impl JitState {
    /// Starts the JIT tier.
    #[cfg(feature = "jit")]
    pub fn new(config: JitConfig) -> Result<JitState, String> {
        let helpers = taipan_jit::Helpers {
            step: taipan_jit_step as *const u8,
            truthy: taipan_jit_truthy as *const u8,
            for_iter: taipan_jit_for_iter as *const u8,
            free: taipan_jit_free as *const u8,
            binary: taipan_jit_binary as *const u8,
            set_item: taipan_jit_set_item as *const u8,
            load_global: taipan_jit_load_global as *const u8,
            call: calls::taipan_jit_call as *const u8,
            free_at: taipan_jit_free_at as *const u8,
            attr: taipan_jit_attr as *const u8,
            call_finish: calls::taipan_jit_call_finish as *const u8,
            build: taipan_jit_build as *const u8,
            pow: taipan_jit_pow as *const u8,
            call_native: calls::taipan_jit_call_native as *const u8,
        };
        let background = if config.threshold != 0 && !config.dump {
            Some(crate::jit_background::Background::start(layout(), helpers))
        } else {
            None
        };
        // (A host the JIT cannot target is reported now, not at the first
        // compilation.)
        taipan_jit::host_isa()?;
        Ok(JitState {
            jit: None,
            helpers,
            background,
            config,
            compiled: Vec::new(),
            rejected: Vec::new(),
            compile_time: Duration::ZERO,
            guarded_attr_sites: 0,
            exits: 0,
            recompiles: 0,
            pinned_shapes: Vec::new(),
            pinned_values: Vec::new(),
        })
    }

    /// Without the `jit` feature there is no JIT to start.
    #[cfg(not(feature = "jit"))]
    pub fn new(_config: JitConfig) -> Result<JitState, String> {
        Err("this Taipan was built without the JIT (feature `jit`)".into())
    }

    /// Functions sent to the compile thread and not back yet.
    fn pending(&self) -> usize {
        #[cfg(feature = "jit")]
        if let Some(b) = &self.background {
            return b.pending();
        }
        0
    }

    /// Whether functions are compiled on the compile thread.
    fn in_background(&self) -> bool {
        #[cfg(feature = "jit")]
        return self.background.is_some();
        #[cfg(not(feature = "jit"))]
        false
    }

    /// Installs what the compile thread has finished.
    #[cfg(feature = "jit")]
    fn install_finished(&mut self) {
        let Some(bg) = self.background.as_mut() else {
            return;
        };
        for (rt, done) in bg.finished() {
            match done.result {
                Ok((entry, direct, time, guarded)) => {
                    installed(self, &rt, entry as *const u8, direct, time, guarded);
                }
                Err(why) => rejected(self, &rt, why),
            }
        }
    }

    /// The `--jit-stats` report.
    pub fn report(&self) -> String {
        let mut out = format!(
            "jit: {} function{} compiled, {} rejected, {} still compiling, compile time {:.3} ms{}\n\
             jit: {} attribute instruction{} guarded inline from type feedback\n",
            self.compiled.len(),
            if self.compiled.len() == 1 { "" } else { "s" },
            self.rejected.len(),
            self.pending(),
            self.compile_time.as_secs_f64() * 1000.0,
            if self.in_background() {
                " (in the background)"
            } else {
                ""
            },
            self.guarded_attr_sites,
            if self.guarded_attr_sites == 1 {
                ""
            } else {
                "s"
            },
        );
        if self.exits > 0 {
            out.push_str(&format!(
                "jit: {} exit{} to the interpreter at blocks compiled out, {} recompilation{}\n",
                self.exits,
                if self.exits == 1 { "" } else { "s" },
                self.recompiles,
                if self.recompiles == 1 { "" } else { "s" },
            ));
        }
        for (name, time) in &self.compiled {
            out.push_str(&format!(
                "jit:   compiled {name} ({:.3} ms)\n",
                time.as_secs_f64() * 1000.0
            ));
        }
        for (name, why) in &self.rejected {
            out.push_str(&format!("jit:   rejected {name}: {why}\n"));
        }
        out
    }
}

/// The JIT state every thread of an interpreter shares: its threads
/// run the code any of them compiled, and compile through one Cranelift
/// module. (An `Rc`: only the thread holding the interpreter lock
/// touches it, as with every object.)
type Shared = Rc<std::cell::RefCell<JitState>>;

/// This tier as the interpreter holds it (`vm::Tier`).
pub fn tier(state: JitState) -> crate::vm::Tier {
    tier_of(Rc::new(std::cell::RefCell::new(state)))
}

fn tier_of(shared: Shared) -> crate::vm::Tier {
    crate::vm::Tier {
        state: Box::new(shared),
        compile: compile_if_hot,
        run: run_compiled,
        share: share_tier,
    }
}

/// The tier of a new thread of the interpreter: the same state.
fn share_tier(t: &crate::vm::Tier) -> Option<crate::vm::Tier> {
    t.state.downcast_ref::<Shared>().cloned().map(tier_of)
}

fn shared(vm: &Vm) -> Option<Shared> {
    vm.jit.as_ref()?.state.downcast_ref::<Shared>().cloned()
}

/// The `--jit-stats` report, when the JIT is on and asked to report.
pub fn stats_report(vm: &Vm) -> Option<String> {
    let s = shared(vm)?;
    let state = s.borrow();
    state.config.stats.then(|| state.report())
}

/// The compiled entry of `rt` (not compiled yet), compiling it first if
/// it just became hot.
fn compile_if_hot(vm: &mut Vm, rt: &Rc<RtCode>) -> Option<JitEntry> {
    if rt.jit_failed.get() {
        return None;
    }
    let builtins = vm.builtins.addr() as u64;
    let shared: &Shared = vm.jit.as_ref()?.state.downcast_ref()?;
    // (Compiling runs no Python code: nothing borrows it meanwhile.)
    let mut guard = shared.try_borrow_mut().ok()?;
    let state: &mut JitState = &mut guard;
    let hotness = rt.calls.get().saturating_add(rt.backedges.get() / 16);
    if state.config.threshold != 0 && hotness < state.config.threshold {
        return None;
    }
    #[cfg(feature = "jit")]
    if state.background.is_some() {
        // Finished ones first: this may be one of them.
        state.install_finished();
        if let Some(e) = rt.jit_entry.get() {
            return Some(e);
        }
        let bg = state.background.as_mut()?;
        if rt.jit_failed.get() || bg.is_waiting(rt) {
            return None;
        }
        // (A forked child has no compile thread: it compiles on the spot.)
        if bg.usable() {
            let feedback = feedback_of(state, rt, builtins);
            if let Some(bg) = state.background.as_mut() {
                bg.send(rt, feedback);
            }
            return None;
        }
    }
    compile(state, rt, builtins)
}

/// Makes `entry` (compiled code for `rt`) the code's entry, and
/// `direct` (0: none) its direct entry.
#[cfg(feature = "jit")]
fn installed(
    state: &mut JitState,
    rt: &RtCode,
    entry: *const u8,
    direct: usize,
    time: Duration,
    guarded: usize,
) -> JitEntry {
    state.compile_time += time;
    state.guarded_attr_sites += guarded;
    state.compiled.push((rt.code.qualname.clone(), time));
    // SAFETY: the JIT produced this function with the signature of
    // `JitEntry` (`translate::entry_signature`), and the module that owns
    // its code lives as long as the Vm.
    let entry: JitEntry = unsafe { std::mem::transmute::<*const u8, JitEntry>(entry) };
    rt.jit_entry.set(Some(entry));
    rt.direct_entry.set(direct);
    // (New code: its exits count afresh, and it may have the loops the
    // old code refused.)
    rt.jit_exit_count.set(0);
    rt.osr_refused.set(usize::MAX);
    entry
}

/// Records that `rt` will not be compiled.
#[cfg(feature = "jit")]
fn rejected(state: &mut JitState, rt: &RtCode, why: String) {
    state.rejected.push((rt.code.qualname.clone(), why));
    rt.jit_failed.set(true);
}

/// Compiles `rt` with the interpreter's feedback, now.
#[cfg(feature = "jit")]
fn compile(state: &mut JitState, rt: &Rc<RtCode>, builtins: u64) -> Option<JitEntry> {
    let feedback = feedback_of(state, rt, builtins);
    if state.jit.is_none() {
        match taipan_jit::Jit::new(layout(), state.helpers) {
            Ok(jit) => state.jit = Some(jit),
            Err(why) => {
                rejected(state, rt, why);
                return None;
            }
        }
    }
    let jit = state.jit.as_mut()?;
    match jit.compile(&rt.code, &feedback, state.config.dump) {
        Ok(c) => {
            if state.config.dump {
                let mut text = format!(
                    "=== jit: {} ({}:{}) ===\n; type feedback: {} specialised instructions, {} attribute instructions guarded inline, {} global loads inline{}\n",
                    rt.code.qualname,
                    rt.code.filename,
                    rt.code.firstlineno,
                    feedback.specialized_count(),
                    c.guarded_attr_sites,
                    c.inline_global_loads,
                    match feedback.reach_from() {
                        Some(at) => format!(", compiled from offset {at} on"),
                        None => String::new(),
                    }
                );
                if let Some(ir) = &c.ir {
                    text.push_str(ir);
                }
                if let Some(asm) = &c.disassembly {
                    text.push_str("; machine instructions\n");
                    text.push_str(asm);
                }
                if let Some(mc) = &c.machine_code {
                    text.push_str(&format!("; machine code, {} bytes\n", mc.len()));
                    for (i, chunk) in mc.chunks(16).enumerate() {
                        let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
                        text.push_str(&format!("{:06x}  {}\n", i * 16, hex.join(" ")));
                    }
                }
                eprint!("{text}");
            }
            Some(installed(
                state,
                rt,
                c.entry,
                c.direct_entry.map_or(0, |d| d as usize),
                c.compile_time,
                c.guarded_attr_sites,
            ))
        }
        Err(why) => {
            rejected(state, rt, why);
            None
        }
    }
}

#[cfg(not(feature = "jit"))]
fn compile(_state: &mut JitState, rt: &Rc<RtCode>, _builtins: u64) -> Option<JitEntry> {
    rt.jit_failed.set(true);
    None
}

/// Runs compiled code on a frame whose parameters are bound in `slab`.
/// Returns the result and the offset of the instruction that raised.
///
/// `start_pc` is 0, or the loop header where an interpreted frame enters
/// compiled code (OSR) with its stack values in the slab.
pub fn run_compiled(
    vm: &mut Vm,
    func: &Function,
    slab: &mut crate::object::frame_slab::Slab,
    entry: JitEntry,
    start_pc: usize,
) -> crate::vm::Ran {
    let mut ret = std::mem::MaybeUninit::<Value>::uninit();
    let mut end = RunEnd::default();
    match run_compiled_on(vm, func, slab, entry, start_pc, ret.as_mut_ptr(), &mut end) {
        // SAFETY: statuses 0 and 3 wrote the value.
        0 => crate::vm::Ran::Returned(unsafe { ret.assume_init() }),
        3 => crate::vm::Ran::Yielded(unsafe { ret.assume_init() }, end.at),
        status => end.ran(status),
    }
}

/// [`run_compiled`], inlined where compiled functions call each other:
/// runs compiled code on `slab` and returns its status (0 returned, 1
/// raised, 2 not entered), with the returned value moved to `ret` and an
/// error and its instruction's offset to `end`.
///
/// The slab is its caller's (dropped after) and taken by reference, and
/// the value is moved word by word, which matters for speed: moved whole,
/// the slab's four words and the value's two were copied with 16-byte
/// loads right after 8-byte stores of their parts, store-forwarding
/// stalls that were a quarter of fib's run.
#[inline(always)]
fn run_compiled_on(
    vm: &mut Vm,
    func: &Function,
    slab: &mut crate::object::frame_slab::Slab,
    entry: JitEntry,
    start_pc: usize,
    ret: *mut Value,
    end: &mut RunEnd,
) -> u32 {
    let code = &func.code.code;
    let nlocals = func.code.nlocals;
    slab.reserve(code.stacksize as usize + 1);
    let entered_len = slab.len();
    #[allow(clippy::uninit_vec)] // shrinking: no uninitialised value becomes visible
    // Stack values of an OSR entry stay in place, owned by compiled code
    // from here on, as it expects: the Vec counts only the locals.
    // SAFETY: shrinking the length leaks nothing; compiled code reloads
    // these values from the slab at the loop header.
    unsafe {
        slab.set_len(nlocals)
    };
    // (Dropped field by field below: the glue of a whole `JitFrame` drop
    // cost ~30 instructions a call, for fields that are empty by then.)
    let mut frame = std::mem::ManuallyDrop::new(JitFrame {
        slab: slab.as_mut_ptr(),
        consts: func.code.consts.as_ptr(),
        ret: Value::None,
        depth: 0,
        pc: start_pc as u64,
        start_pc: start_pc as u64,
        scratch: [0, 0],
        vm: vm as *mut Vm,
        func: func as *const Function,
        vec: slab as *mut crate::object::frame_slab::Slab,
        nlocals,
        kwnames: None,
        err: None,
        stack_floor: crate::object::state::stack_floor() as u64,
        callee: std::ptr::null(),
    });
    // SAFETY: `entry` was compiled for this code object's layout; the frame
    // lives for the call, the slab has capacity for locals plus
    // `stacksize` values so the pointers in the frame stay valid, and the
    // helpers are the only code touching `vm` and the slab meanwhile.
    vm.frame_chain.push(crate::vm::frames::ChainLink {
        func,
        slab: std::ptr::null(),
        pc: crate::vm::frames::PcPlace::Compiled(
            (&*frame as *const JitFrame).cast(),
            direct_call_chain,
        ),
        pushed: std::ptr::null(),
    });
    let status = unsafe { entry((&mut *frame as *mut JitFrame).cast()) };
    vm.frame_chain.pop();
    // SAFETY: compiled code and helpers leave exactly `depth` initialised,
    // owned values above the locals; the Vec takes them back to drop them.
    // Not entered, compiled code touched nothing: the OSR entry's stack
    // values are still where they were.
    unsafe {
        slab.set_len(if status == 2 {
            entered_len
        } else {
            nlocals + frame.depth as usize
        })
    };
    // Every field that owns something is emptied here, so forgetting the
    // frame leaks nothing.
    if frame.kwnames.is_some() {
        drop(frame.kwnames.take());
    }
    if status == 0 || status == 3 {
        // SAFETY: compiled code stored the value it returned (or yielded)
        // in `ret`, which owned nothing before; it moves to the caller's.
        unsafe { write_value(ret, read_stored_value(&frame.ret)) };
        if frame.err.is_some() {
            drop(frame.err.take());
        }
        // (A yield's resume offset.)
        end.at = frame.pc as usize;
    } else {
        // (`ret` was never set: it holds None, which owns nothing.)
        end.at = frame.pc as usize;
        end.err = frame.err.take();
        if status == STATUS_EXITED {
            if end.at == start_pc && start_pc != 0 {
                // Entered at a loop header it has no code for: the
                // interpreter offers this loop again only every 64th
                // back-edge (as for a refused entry) until new code is
                // installed.
                func.code.osr_refused.set(start_pc);
            }
            note_exit(vm, &func.code, end.at);
        }
    }
    status
}

/// Where [`run_compiled_on`] leaves an exception: the error (None only
/// from a bug in compiled code) and the offset of the instruction.
#[derive(Default)]
struct RunEnd {
    at: usize,
    err: Option<Box<PyErr>>,
}

impl RunEnd {
    /// How a run that did not return (nor yield: only a generator's
    /// frame yields, and calls from compiled code run none) ended.
    fn ran(self, status: u32) -> crate::vm::Ran {
        if status == 2 {
            return crate::vm::Ran::NotEntered;
        }
        if status == STATUS_EXITED {
            return crate::vm::Ran::Exited(self.at);
        }
        let err = self.err.unwrap_or_else(|| {
            PyErr::new(
                ExcKind::RuntimeError,
                "compiled code failed without an exception",
            )
        });
        crate::vm::Ran::Raised(err, self.at)
    }
}

/// Writes a value with one 16-byte store on x86-64 (word by word
/// elsewhere), whatever registers it is in: loads of either of its words
/// (compiled code's) and of the whole value (Rust's moves of it) then
/// take their data straight from the store. Two 8-byte stores followed
/// by a 16-byte load of the value — a `Ran` or `FrameExit` moved on —
/// stall until the stores retire (see [`read_stored_value`]).
///
/// # Safety
/// As `std::ptr::write`.
#[inline(always)]
unsafe fn write_value(dst: *mut Value, v: Value) {
    // SAFETY: `Value` is two words (value.rs); the caller guarantees
    // `dst` is valid for a write of one.
    unsafe {
        let w = std::mem::transmute::<Value, [u64; 2]>(v);
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{__m128i, _mm_set_epi64x, _mm_storeu_si128};
            // (SSE2 is part of x86-64.)
            _mm_storeu_si128(
                dst.cast::<__m128i>(),
                _mm_set_epi64x(w[1] as i64, w[0] as i64),
            );
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let d = dst.cast::<u64>();
            std::ptr::write_volatile(d, w[0]);
            std::ptr::write_volatile(d.add(1), w[1]);
        }
    }
}

/// Runs a helper's body for compiled code, which cannot unwind: a Rust
/// panic (a bug in Taipan) becomes a `SystemError` on the frame and the
/// helper's failure status, so it surfaces as a Python exception instead
/// of aborting the process.
#[cfg(feature = "jit")]
fn guarded(frame: *mut JitFrame, failed: u32, body: impl FnOnce() -> u32) -> u32 {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(status) => status,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            // SAFETY: compiled code passes its own live frame. A step
            // interrupted with the frame's values lent to the interpreter's
            // vector takes them back (they stay in place, owned by the
            // compiled code again, as after a normal step).
            let f = unsafe { &mut *frame };
            if !f.vec.is_null() {
                let vec = unsafe { &mut *f.vec };
                if vec.len() > f.nlocals {
                    f.depth = (vec.len() - f.nlocals) as u64;
                    unsafe { vec.set_len(f.nlocals) };
                }
            }
            f.err = Some(PyErr::new(
                ExcKind::SystemError,
                format!("internal error in compiled code: {what}"),
            ));
            failed
        }
    }
}

/// Runs one instruction in the interpreter on the compiled frame's slab.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_step(frame: *mut JitFrame, pc: u32, depth: u32) -> u32 {
    guarded(frame, 1, || step_helper(frame, pc, depth))
}

#[cfg(feature = "jit")]
fn step_helper(frame: *mut JitFrame, pc: u32, depth: u32) -> u32 {
    // SAFETY: compiled code passes its own live frame; `vec`, `vm` and
    // `func` point to the objects `run_compiled` set up for this call, and
    // `depth` values above the locals were flushed to the slab.
    let f = unsafe { &mut *frame };
    let vec = unsafe { &mut *f.vec };
    unsafe { vec.set_len(f.nlocals + depth as usize) };
    f.pc = pc as u64;
    let vm = unsafe { &mut *f.vm };
    let func = unsafe { &*f.func };
    let mut pcu = pc as usize;
    let status = match crate::vm::eval_loop::step::<true>(
        vm,
        func,
        &func.code,
        vec,
        &mut pcu,
        &mut f.kwnames,
        // (Single steps run calls themselves: no frame is pushed.)
        &mut Vec::new(),
    ) {
        Ok(crate::vm::interp::Flow::Next | crate::vm::interp::Flow::LoopHot) => 0,
        Ok(crate::vm::interp::Flow::Return(v)) => {
            f.ret = v;
            2
        }
        // (The single-step loop runs calls itself; were one handed
        // back, it runs here, on the Rust stack as compiled calls do.)
        Ok(crate::vm::interp::Flow::Call(callee, frame)) => {
            let result = match callee.get() {
                crate::object::heap::Object::Function(g) => {
                    crate::vm::frames::run_function(vm, g, frame)
                }
                _ => Err(PyErr::new(ExcKind::SystemError, "call of a non-function")),
            };
            match result {
                Ok(v) => {
                    vec.push(v);
                    0
                }
                Err(e) => {
                    f.err = Some(e);
                    1
                }
            }
        }
        Ok(crate::vm::interp::Flow::Yield(_)) => {
            // (YIELD_VALUE is compiled, never run as a step.)
            f.err = Some(PyErr::new(ExcKind::RuntimeError, "yield in compiled code"));
            1
        }
        Err(e) => {
            f.err = Some(e);
            1
        }
    };
    f.depth = (vec.len() - f.nlocals) as u64;
    // SAFETY: the values above the locals stay in place, owned by the
    // compiled code again (it reloads them), so the Vec must not drop them.
    unsafe { vec.set_len(f.nlocals) };
    status
}

/// The truth of the value at stack position `depth - 1`; pops it if asked.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_truthy(frame: *mut JitFrame, depth: u32, pop: u32) -> u32 {
    guarded(frame, 2, || truthy_helper(frame, depth, pop))
}

#[cfg(feature = "jit")]
fn truthy_helper(frame: *mut JitFrame, depth: u32, pop: u32) -> u32 {
    // SAFETY: as in `taipan_jit_step`; slot `depth - 1` holds a value the
    // compiled code flushed there.
    let f = unsafe { &mut *frame };
    let slot = unsafe { f.slab.add(f.nlocals + depth as usize - 1) };
    // SAFETY: the Vm outlives the compiled frame that calls this.
    let vm = unsafe { &mut *f.vm };
    let truth = crate::protocol::truthy(vm, unsafe { &*slot });
    if pop != 0 {
        // SAFETY: the compiled code hands this value over to be dropped.
        drop(unsafe { std::ptr::read(slot) });
    }
    match truth {
        Ok(t) => t as u32,
        Err(e) => {
            f.err = Some(e);
            2
        }
    }
}

/// FOR_ITER: pushes the next item (0), or pops the exhausted iterator (1).
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_for_iter(frame: *mut JitFrame, depth: u32) -> u32 {
    guarded(frame, 2, || for_iter_helper(frame, depth))
}

#[cfg(feature = "jit")]
fn for_iter_helper(frame: *mut JitFrame, depth: u32) -> u32 {
    // SAFETY: as in `taipan_jit_step`; the iterator is at `depth - 1` and
    // slot `depth` is free capacity within the stack size.
    let f = unsafe { &mut *frame };
    let top = unsafe { f.slab.add(f.nlocals + depth as usize - 1) };
    // SAFETY: the Vm outlives the compiled frame that calls this.
    let vm = unsafe { &mut *f.vm };
    let next = crate::protocol::iter_next(vm, unsafe { &*top });
    match &next {
        Ok(Some(v)) => {
            // Moved out word by word (`iter_next` may have written its
            // result's words one at a time: a whole-value load would wait
            // for those stores, see `write_value`), then `next` is
            // forgotten: the value was all it owned.
            // SAFETY: slot `depth` is free; `v` is read once.
            unsafe { write_value(top.add(1), read_stored_value(v)) };
            std::mem::forget(next);
            0
        }
        Ok(None) => {
            drop(unsafe { std::ptr::read(top) });
            1
        }
        Err(_) => {
            f.err = next.err();
            f.depth = depth as u64;
            2
        }
    }
}

/// Frees an object whose count compiled code brought to zero.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_free(obj: *mut HeapObject) {
    // SAFETY: compiled code calls this exactly when its decrement took the
    // count to zero, so no reference remains.
    let freed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| unsafe {
        crate::object::value::free_object(obj)
    }));
    // A panic (a bug) while freeing leaves the rest of the object leaked
    // rather than unwinding into compiled code, which cannot unwind.
    drop(freed);
}

/// Frees an object compiled code dropped at POP_TOP of instruction `pc`
/// (see [`taipan_jit::Helpers::free_at`]), then runs the finalizers that
/// queued, with the frame at that instruction.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_free_at(frame: *mut JitFrame, obj: *mut HeapObject, pc: u32) {
    taipan_jit_free(obj);
    if crate::object::pending::any() {
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // SAFETY: compiled code passes its own live frame, whose `vm`
            // outlives it; the values it holds are its own (finalizers
            // cannot free them), as across a call.
            let f = unsafe { &mut *frame };
            f.pc = u64::from(pc);
            crate::object::pending::run(unsafe { &mut *f.vm });
        }));
        // (A panic — a bug — stops here: compiled code cannot unwind.)
        drop(ran);
    }
}

/// A two-operand operation on values compiled code lends (see
/// [`taipan_jit::Helpers::binary`]); the result is moved to `scratch`.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_binary(
    frame: *mut JitFrame,
    kind: u32,
    at: u64,
    ap: u64,
    bt: u64,
    bp: u64,
) -> u32 {
    guarded(frame, 1, || binary_helper(frame, kind, at, ap, bt, bp))
}

#[cfg(feature = "jit")]
fn binary_helper(frame: *mut JitFrame, kind: u32, at: u64, ap: u64, bt: u64, bp: u64) -> u32 {
    use std::mem::ManuallyDrop;
    use taipan_bytecode::opcode::CompareOp;
    // SAFETY: the words are a live value's tag and payload, lent by
    // compiled code, which still owns them: ManuallyDrop keeps this
    // borrowed view from releasing them.
    let a = ManuallyDrop::new(unsafe { std::mem::transmute::<[u64; 2], Value>([at, ap]) });
    let b = ManuallyDrop::new(unsafe { std::mem::transmute::<[u64; 2], Value>([bt, bp]) });
    // SAFETY: compiled code passes its own live frame.
    let f = unsafe { &mut *frame };
    // SAFETY: the Vm outlives the compiled frame that calls this.
    let vm = unsafe { &mut *f.vm };
    use taipan_jit::translate as t;
    let result = match kind {
        t::BINARY_KIND_SUBSCR => {
            use crate::object::heap::Object;
            // A dict with a str or int key that is there (the
            // interpreter's BINARY_SUBSCR_DICT); anything else, a missing
            // key included, the protocol's way.
            let found = match a.as_obj() {
                Some(Object::Dict(d)) => d
                    .try_borrow()
                    .ok()
                    .and_then(|map| map.get_simple(&b).flatten()),
                _ => None,
            };
            match found {
                Some(v) => Ok(v),
                None => crate::protocol::getitem(vm, &a, &b),
            }
        }
        t::BINARY_KIND_SLICE => Ok(Value::obj(crate::object::heap::NewObject::Slice {
            start: (*a).clone(),
            stop: (*b).clone(),
            step: Value::None,
        })),
        t::BINARY_KIND_PAIR => Ok(crate::object::heap::new_tuple(vec![
            (*a).clone(),
            (*b).clone(),
        ])),
        t::BINARY_KIND_GET_ITER => crate::protocol::get_iter(vm, &a),
        t::BINARY_KIND_LEN => crate::protocol::len(vm, &a).map(|n| Value::Int(n as i64)),
        t::BINARY_KIND_CONTAINS | t::BINARY_KIND_NOT_CONTAINS => {
            crate::protocol::contains(vm, &b, &a)
                .map(|found| Value::Bool(found != (kind == t::BINARY_KIND_NOT_CONTAINS)))
        }
        k if (t::BINARY_KIND_FORMAT..t::BINARY_KIND_FORMAT + 8).contains(&k) => {
            let arg = k - t::BINARY_KIND_FORMAT;
            let spec = (arg & 4 != 0).then_some(&*b);
            crate::vm::interp::format_value(vm, arg, (*a).clone(), spec)
        }
        k if (t::BINARY_KIND_UNANSWERED..t::BINARY_KIND_UNANSWERED + 100).contains(&k) => {
            match taipan_bytecode::opcode::BinaryOp::from_arg(k - t::BINARY_KIND_UNANSWERED) {
                Some((op, inplace)) => crate::protocol::unanswered_binary(vm, op, inplace, &a, &b),
                None => Err(PyErr::new(ExcKind::RuntimeError, "bad binary kind")),
            }
        }
        k if k >= t::BINARY_KIND_COMPARE => match CompareOp::from_arg(k - t::BINARY_KIND_COMPARE) {
            Some(op) => crate::protocol::compare(vm, op, &a, &b),
            None => Err(PyErr::new(ExcKind::RuntimeError, "bad comparison kind")),
        },
        _ => crate::protocol::binary(vm, kind, &a, &b),
    };
    match result {
        Ok(v) => {
            // SAFETY: ownership of the result moves to compiled code,
            // which loads these two words right after the call.
            f.scratch = unsafe { std::mem::transmute::<Value, [u64; 2]>(v) };
            0
        }
        Err(e) => {
            f.err = Some(e);
            1
        }
    }
}

/// A float power for compiled code (see [`taipan_jit::Helpers::pow`]):
/// the same `powf` the runtime's `float ** float` computes.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}

/// BUILD_TUPLE, BUILD_LIST and BUILD_STRING for compiled code: the `n`
/// values below `depth` in the slab (flushed there) become the new
/// object, in the frame's scratch value.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_build(frame: *mut JitFrame, kind: u32, depth: u32, n: u32) -> u32 {
    guarded(frame, 1, || {
        // SAFETY: compiled code passes its own live frame, with `depth`
        // values flushed above the locals, the top `n` of which it hands
        // over: each is moved out once.
        let f = unsafe { &mut *frame };
        let base = f.nlocals + depth as usize - n as usize;
        if kind == taipan_jit::BUILD_STRING {
            // A str: joined where the parts are, which are then released.
            // SAFETY: the `n` values at `base` are initialised and handed
            // over (above).
            let parts = unsafe { std::slice::from_raw_parts_mut(f.slab.add(base), n as usize) };
            let strs = parts.iter().filter_map(crate::object::heap::as_pystr);
            let joined = crate::types::string_surrogates::concat_parts(strs, None);
            // SAFETY: each handed-over part is dropped once, after the join.
            unsafe { std::ptr::drop_in_place(parts) };
            let v = Value::obj(NewObject::Str(joined));
            // SAFETY: as below.
            f.scratch = unsafe { std::mem::transmute::<Value, [u64; 2]>(v) };
            return 0;
        }
        let items: Vec<Value> = (0..n as usize)
            .map(|k| unsafe { read_stored_value(f.slab.add(base + k)) })
            .collect();
        let v = match kind {
            taipan_jit::BUILD_TUPLE => crate::object::heap::new_tuple(items),
            _ => crate::object::heap::new_list(items),
        };
        // SAFETY: ownership of the result moves to compiled code, which
        // loads these two words right after the call.
        f.scratch = unsafe { std::mem::transmute::<Value, [u64; 2]>(v) };
        0
    })
}

/// `container[index] = value` for compiled code: takes the value, borrows
/// the container and the index.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_set_item(
    frame: *mut JitFrame,
    ct: u64,
    cp: u64,
    it: u64,
    ip: u64,
    vt: u64,
    vp: u64,
) -> u32 {
    guarded(frame, 1, || set_item_helper(frame, ct, cp, it, ip, vt, vp))
}

#[cfg(feature = "jit")]
fn set_item_helper(
    frame: *mut JitFrame,
    ct: u64,
    cp: u64,
    it: u64,
    ip: u64,
    vt: u64,
    vp: u64,
) -> u32 {
    use std::mem::ManuallyDrop;
    // SAFETY: the words are live values lent (container, index) or given
    // (value) by compiled code; see `taipan_jit_binary`.
    let c = ManuallyDrop::new(unsafe { std::mem::transmute::<[u64; 2], Value>([ct, cp]) });
    let i = ManuallyDrop::new(unsafe { std::mem::transmute::<[u64; 2], Value>([it, ip]) });
    let v = unsafe { std::mem::transmute::<[u64; 2], Value>([vt, vp]) };
    // A dict with a str or int key (the interpreter's STORE_SUBSCR_DICT):
    // straight into its table, the value replaced released after the
    // dict's borrow ended.
    if let (Some(crate::object::heap::Object::Dict(d)), k) = (c.as_obj(), &*i) {
        if crate::object::dict::Dict::is_simple_key(k) {
            if let Ok(mut map) = d.try_borrow_mut() {
                let stored = map.insert((*k).clone(), v);
                drop(map);
                return match stored {
                    Ok(old) => {
                        drop(old);
                        0
                    }
                    Err(e) => {
                        // SAFETY: compiled code passes its own live frame.
                        unsafe { (*frame).err = Some(e) };
                        1
                    }
                };
            }
        }
    }
    // SAFETY: compiled code passes its own live frame; the Vm outlives it.
    let vm = unsafe { &mut *(*frame).vm };
    match crate::protocol::setitem(vm, &c, &i, v) {
        Ok(()) => 0,
        Err(e) => {
            // SAFETY: compiled code passes its own live frame.
            unsafe { (*frame).err = Some(e) };
            1
        }
    }
}

/// LOAD_GLOBAL / LOAD_NAME for compiled code: the value of
/// `co_names[index]` from the globals, then the builtins, moved to the
/// frame's scratch value.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_load_global(frame: *mut JitFrame, index: u32) -> u32 {
    guarded(frame, 1, || load_global_helper(frame, index))
}

#[cfg(feature = "jit")]
fn load_global_helper(frame: *mut JitFrame, index: u32) -> u32 {
    // SAFETY: compiled code passes its own live frame, whose `vm` and
    // `func` point to the objects `run_compiled` set up.
    let f = unsafe { &mut *frame };
    let vm = unsafe { &*f.vm };
    let func = unsafe { &*f.func };
    match crate::vm::interp::load_global(vm, func, index as usize) {
        Ok(v) => {
            // SAFETY: ownership moves to compiled code, which loads the
            // two words right after the call.
            f.scratch = unsafe { std::mem::transmute::<Value, [u64; 2]>(v) };
            0
        }
        Err(e) => {
            f.err = Some(e);
            1
        }
    }
}

/// LOAD_ATTR, LOAD_METHOD and STORE_ATTR for compiled code
/// ([`taipan_jit::Helpers::attr`]): the inline cache of the instruction
/// at `pc` first, as the interpreter's generic arms try it, then the full
/// lookup or store, which teaches the cache as `slow_op` does.
#[cfg(feature = "jit")]
extern "C" fn taipan_jit_attr(
    frame: *mut JitFrame,
    pc: u32,
    kind_name: u32,
    ot: u64,
    op: u64,
    vt: u64,
    vp: u64,
) -> u32 {
    guarded(frame, 1, || {
        attr_helper(frame, pc, kind_name, [ot, op], [vt, vp])
    })
}

#[cfg(feature = "jit")]
fn attr_helper(frame: *mut JitFrame, pc: u32, kind_name: u32, o: [u64; 2], v: [u64; 2]) -> u32 {
    use std::mem::ManuallyDrop;
    // SAFETY: compiled code passes its own live frame, whose `vm` and
    // `func` point to the objects `run_compiled` set up.
    let f = unsafe { &mut *frame };
    // (Python code run from here — a property, `__getattr__`,
    // `__setattr__` — sees this instruction as the frame's current one.)
    f.pc = pc as u64;
    let vm = unsafe { &mut *f.vm };
    let func = unsafe { &*f.func };
    let rt = &func.code;
    let at = pc as usize;
    // SAFETY: the words are a live value lent by compiled code.
    let obj = ManuallyDrop::new(unsafe { std::mem::transmute::<[u64; 2], Value>(o) });
    let (kind, name_index) = (kind_name >> 24, (kind_name & 0xFF_FFFF) as usize);
    let Some(name) = rt.names.get(name_index) else {
        f.err = Some(PyErr::new(
            ExcKind::SystemError,
            "attribute name out of range",
        ));
        return 1;
    };
    let mut put = |r: PyResult<Value>, ok: u32| match r {
        Ok(v) => {
            // SAFETY: ownership moves to compiled code, which loads the
            // two words right after the call.
            f.scratch = unsafe { std::mem::transmute::<Value, [u64; 2]>(v) };
            ok
        }
        Err(e) => {
            f.err = Some(e);
            1
        }
    };
    match kind {
        taipan_jit::ATTR_LOAD => {
            if let Some(v) = rt.attr_caches.load(&obj, at) {
                return put(Ok(v), 0);
            }
            let r = crate::protocol::getattr(vm, &obj, name);
            if r.is_ok() {
                rt.attr_caches.learn_load(&obj, at, name);
            }
            put(r, 0)
        }
        taipan_jit::ATTR_METHOD => {
            if let Some(m) = rt.attr_caches.load_method(&obj, at) {
                return put(Ok(m), 2);
            }
            match crate::vm::attr_cache::load_method(vm, &obj, name) {
                Ok((m, is_method)) => {
                    rt.attr_caches.learn_load(&obj, at, name);
                    if is_method {
                        rt.attr_caches.learn_builtin_method(&obj, at, &m);
                    }
                    put(Ok(m), if is_method { 2 } else { 0 })
                }
                Err(e) => put(Err(e), 0),
            }
        }
        _ => {
            // SAFETY: the value's ownership moves to this helper.
            let value = unsafe { std::mem::transmute::<[u64; 2], Value>(v) };
            let Err(value) = rt.attr_caches.store(&obj, at, value) else {
                return 0;
            };
            let before = crate::object::payloads::AttrCaches::before_store(&obj, name);
            match crate::object::classes::setattr(vm, &obj, name, Some(value)) {
                Ok(()) => {
                    if let Some(before) = before {
                        rt.attr_caches.learn_store(&obj, at, name, before);
                    }
                    0
                }
                Err(e) => put(Err(e), 0),
            }
        }
    }
}

/// What a probe list showed of a list object's layout (byte offsets
/// from the object). `Vec`'s field order is not specified, so it is
/// measured on a list built for the purpose instead of assumed.
#[cfg(feature = "jit")]
#[derive(Clone, Copy)]
struct ListProbe {
    /// The element pointer and the length (the inline list paths).
    items_len: (i32, i32),
    /// The capacity and the `RefCell`'s borrow flag, when those were
    /// established too (the inline `list.append`).
    capacity_flag: Option<(usize, usize)>,
}

/// Measures a list object's layout on a probe list (`None`: no list fast
/// path): the element pointer and length told apart by their values
/// (`vec_words_at`), the capacity as the vector's remaining word, the
/// borrow flag as the word beside the vector that reads -1 while the
/// list is borrowed mutably and 0 otherwise.
#[cfg(feature = "jit")]
fn probe_list_layout() -> Option<ListProbe> {
    use crate::object::heap::Object;
    use std::cell::RefCell;
    let (items, data) = probe_items()?;
    let list = crate::object::value::ObjRef::new(NewObject::List(RefCell::new(items)));
    let Object::List(cell) = list.get() else {
        return None;
    };
    let base = list.addr();
    let items_len = vec_words_at(base, cell.as_ptr() as usize, data)?;
    let word = |at: usize| -> u64 {
        // SAFETY: `at` is one of the words of the live list object's
        // `RefCell` (its vector's three, or the flag beside them).
        unsafe { std::ptr::read_volatile((base + at) as *const u64) }
    };
    let capacity_flag = (|| {
        let vec_at = (cell.as_ptr() as usize).checked_sub(base)?;
        let capacity = (0..3)
            .map(|k| vec_at + 8 * k)
            .find(|&at| at as i32 != items_len.0 && at as i32 != items_len.1)?;
        if word(capacity) != 5 {
            return None;
        }
        let cell_at = (cell as *const RefCell<Vec<Value>> as usize).checked_sub(base)?;
        let flag = match vec_at - cell_at {
            8 => cell_at,
            0 => cell_at + std::mem::size_of::<Vec<Value>>(),
            _ => return None,
        };
        if word(flag) != 0 {
            return None;
        }
        let borrowed = cell.borrow_mut();
        let seen = word(flag);
        drop(borrowed);
        (seen == u64::MAX && word(flag) == 0).then_some((capacity, flag))
    })();
    Some(ListProbe {
        items_len,
        capacity_flag,
    })
}

/// Where a tuple object keeps its element pointer and its length (byte
/// offsets from the object), measured on a probe tuple as for lists.
#[cfg(feature = "jit")]
fn probe_tuple_layout() -> Option<(i32, i32)> {
    use crate::object::heap::Object;
    let (items, data) = probe_items()?;
    let tuple = crate::object::value::ObjRef::new(NewObject::Tuple(items));
    let Object::Tuple(vec) = tuple.get() else {
        return None;
    };
    vec_words_at(tuple.addr(), vec as *const Vec<Value> as usize, data)
}

/// Where a built-in function object keeps its function and a str object
/// its character count, measured on a probe of each (`None`: `len` and
/// `isinstance` are not run inline).
#[cfg(feature = "jit")]
fn probe_builtins_layout(list: Option<ListProbe>) -> Option<taipan_jit::BuiltinsLayout> {
    use crate::object::heap::{Builtin, BuiltinFn, Object, PyStr};
    use crate::object::value::ObjRef;
    // (The functions the interpreter's CALL specialises to.)
    let len: BuiltinFn = crate::modules::NATIVES.len;
    let isinstance: BuiltinFn = crate::modules::NATIVES.isinstance;
    let builtin = ObjRef::new(NewObject::Builtin(Builtin {
        name: "len",
        func: len,
    }));
    let Object::Builtin(b) = builtin.get() else {
        return None;
    };
    let func_at = (&b.func as *const BuiltinFn as usize).checked_sub(builtin.addr())?;
    // (Three characters in six bytes: the count is no other word's value.)
    let text = ObjRef::new(NewObject::Str(PyStr::new("\u{e9}\u{20ac}x".to_string())));
    let Object::Str(s) = text.get() else {
        return None;
    };
    let chars_at = (s as *const PyStr as usize).checked_sub(text.addr())? + PyStr::META_OFFSET;
    // SAFETY: `chars_at` is the offset of the str's count word inside the
    // live object `text`.
    let word = unsafe { std::ptr::read((text.addr() + chars_at) as *const usize) };
    if word & PyStr::CHARS_MASK != 3 {
        return None;
    }
    let append: BuiltinFn = crate::modules::NATIVES.list_append;
    let descr = ObjRef::new(NewObject::MethodDescr {
        owner: crate::object::heap::TypeKind::List,
        builtin: Builtin {
            name: "append",
            func: append,
        },
        wrapper: false,
    });
    let Object::MethodDescr(d) = descr.get() else {
        return None;
    };
    let descr_func = (&d.builtin.func as *const BuiltinFn as usize).checked_sub(descr.addr())?;
    let (list_capacity, list_borrow_flag) = list?.capacity_flag?;
    let off = |v: usize| i32::try_from(v).ok();
    Some(taipan_jit::BuiltinsLayout {
        kind_builtin: crate::object::kinds::kind::Builtin as i64,
        builtin_func: off(func_at)?,
        len: len as usize as u64,
        isinstance: isinstance as usize as u64,
        kind_str: crate::object::kinds::kind::Str as i64,
        str_chars: off(chars_at)?,
        str_chars_mask: PyStr::CHARS_MASK as i64,
        kind_method_descr: crate::object::kinds::kind::MethodDescr as i64,
        descr_func: off(descr_func)?,
        list_append: append as usize as u64,
        list_capacity: off(list_capacity)?,
        list_borrow_flag: off(list_borrow_flag)?,
    })
}

/// A probe vector of two items with room for five, and its buffer's
/// address; None if a `Vec` is not three words.
#[cfg(feature = "jit")]
fn probe_items() -> Option<(Vec<Value>, u64)> {
    if std::mem::size_of::<Vec<Value>>() != 3 * 8 {
        return None;
    }
    let mut items: Vec<Value> = Vec::with_capacity(5);
    items.push(Value::Int(1));
    items.push(Value::Int(2));
    let data = items.as_ptr() as u64;
    Some((items, data))
}

/// The offsets from the object at `base` of the buffer pointer and the
/// length of the probe vector (`probe_items`, buffer `data`) it holds at
/// `vec_addr`, told apart by their values.
#[cfg(feature = "jit")]
fn vec_words_at(base: usize, vec_addr: usize, data: u64) -> Option<(i32, i32)> {
    // SAFETY: callers pass the address of a live `Vec<Value>` inside the
    // live object at `base`: three initialised words (buffer pointer,
    // capacity, length in some order).
    let words: [u64; 3] = unsafe { std::ptr::read(vec_addr as *const [u64; 3]) };
    let find = |v: u64| -> Option<usize> {
        let mut hits = words.iter().enumerate().filter(|(_, &w)| w == v);
        let first = hits.next()?.0;
        hits.next().is_none().then_some(first)
    };
    let (ptr_at, len_at) = (find(data)?, find(2)?);
    find(5)?;
    let vec_off = vec_addr.checked_sub(base)?;
    Some(((vec_off + ptr_at * 8) as i32, (vec_off + len_at * 8) as i32))
}

/// Reads (moves out) a value compiled code has just stored, word by
/// word. Compiled code stores a value's tag and payload with two 8-byte
/// stores; the 16-byte load a plain `ptr::read` compiles to cannot take
/// its data from them while they are in flight (a store-forwarding stall
/// of a dozen cycles, a fifth of fib's run in the call helper). Two
/// 8-byte loads, kept apart by `read_volatile`, each take theirs.
///
/// # Safety
/// As `std::ptr::read`.
#[inline(always)]
unsafe fn read_stored_value(p: *const Value) -> Value {
    let words = p.cast::<u64>();
    // SAFETY: `p` points to an initialised, aligned value (the caller's
    // guarantee), whose 16 bytes are these two words (`Value` is
    // `repr(C, u64)`, 16 bytes: checked in value.rs).
    unsafe {
        let w = [
            std::ptr::read_volatile(words),
            std::ptr::read_volatile(words.add(1)),
        ];
        std::mem::transmute::<[u64; 2], Value>(w)
    }
}

#[cfg(all(test, feature = "jit"))]
mod tests {
    use super::*;

    /// A panic in a helper's body comes back as the helper's failure
    /// status with a SystemError on the frame, and the values a step had
    /// lent to the interpreter's vector are handed back to compiled code.
    #[test]
    fn a_panicking_helper_reports_a_system_error() {
        let mut vec = crate::object::frame_slab::Slab::with_heap_capacity(4);
        vec.push(Value::Int(1));
        let mut frame = JitFrame {
            slab: vec.as_mut_ptr(),
            consts: std::ptr::null(),
            ret: Value::None,
            depth: 0,
            pc: 0,
            start_pc: 0,
            scratch: [0; 2],
            vm: std::ptr::null_mut(),
            func: std::ptr::null(),
            vec: &mut vec,
            nlocals: 1,
            kwnames: None,
            err: None,
            stack_floor: u64::MAX,
            callee: std::ptr::null(),
        };
        let vec_ptr = frame.vec;
        let status = guarded(&mut frame, 7, || {
            // SAFETY: the vector has capacity for the pushed value.
            unsafe { (*vec_ptr).push(Value::Int(2)) };
            panic!("deliberate")
        });
        assert_eq!(status, 7);
        assert_eq!(frame.depth, 1);
        let err = frame.err.take().expect("an error on the frame");
        assert!(crate::object::exceptions::err_matches(
            &err,
            ExcKind::SystemError
        ));
        // The value above the locals is the compiled code's again.
        assert_eq!(vec.len(), 1);
        // SAFETY: the slot holds the value pushed above, owned here now.
        drop(unsafe { std::ptr::read(vec.as_ptr().add(1)) });
    }
}
