//! Signals as CPython handles them: the C handler only records the signal
//! in a pending mask (and writes its number to the `set_wakeup_fd`
//! descriptor); the interpreter looks at the mask at loop back-edges and
//! before calls and runs the Python handlers there. SIGINT's default
//! handler raises `KeyboardInterrupt`, so `finally` blocks run and
//! buffered output is flushed. Compiled loops that make no calls do not
//! look (issue 15 adds the check to compiled code).

use crate::object::exceptions::{ExcKind, PyErr, PyResult};
use crate::object::value::Value;
use crate::vm::Vm;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

/// One bit per signal number (1–63) received and not yet handled.
static PENDING: AtomicU64 = AtomicU64::new(0);

/// The thread whose interpreter handles signals (as CPython's main
/// thread): the one that installed a handler last. Other interpreters in
/// the process (an embedding host's, a test harness's) leave the pending
/// signals alone.
static OWNER: AtomicU64 = AtomicU64::new(0);

fn this_thread() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// Whether the calling thread is the one that runs signal handlers.
pub fn handles_signals() -> bool {
    OWNER.load(Ordering::Relaxed) == this_thread()
}

/// Whether this thread may set Python signal handlers: the one that
/// runs them (or any, before one does).
pub fn may_set_handlers() -> bool {
    let owner = OWNER.load(Ordering::Relaxed);
    owner == 0 || owner == this_thread()
}

/// Records signal `signum` as received (`_thread.interrupt_main`,
/// `signal.raise_signal` without a real signal).
pub fn trip(signum: i32) {
    if (1..64).contains(&signum) {
        PENDING.fetch_or(1 << signum, Ordering::Relaxed);
    }
}

/// How many signals the C handler has caught: a lock wait looks at the
/// pending handlers only when a real signal arrived (CPython's waits are
/// interrupted by EINTR, which a tripped signal — `interrupt_main` —
/// does not cause; it is handled at the next instruction boundary).
static DELIVERED: AtomicU64 = AtomicU64::new(0);

/// A mark for [`interrupts_wait`]: the signals caught so far.
pub fn delivered() -> u64 {
    DELIVERED.load(Ordering::Relaxed)
}

/// Whether a wait that began at `mark` should stop to run handlers: a
/// real signal was caught since (the mark moves past it), or
/// `faulthandler` asks for a dump.
pub fn interrupts_wait(mark: &mut u64) -> bool {
    let now = delivered();
    let caught = now != *mark;
    *mark = now;
    caught || PENDING.load(Ordering::Relaxed) & DUMP_BIT != 0
}

/// The descriptor `signal.set_wakeup_fd` named (-1: none).
pub static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(signum: libc::c_int) {
    // Only atomic operations and write(2): all a signal handler may do.
    if (1..64).contains(&signum) {
        PENDING.fetch_or(1 << signum, Ordering::Relaxed);
    }
    DELIVERED.fetch_add(1, Ordering::Relaxed);
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = signum as u8;
        // SAFETY: write(2) is async-signal-safe; `byte` lives across it.
        unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
    }
}

/// Blocks every signal in the calling thread: a helper thread (a
/// watchdog) never takes a signal meant for the interpreter's threads,
/// as CPython's faulthandler watchdog does.
pub fn block_all_in_this_thread() {
    // SAFETY: `all` is filled by sigfillset before use; the call changes
    // only this thread's mask.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
}

/// Whether signal `signum` is pointed at the recording handler (not left
/// at SIG_DFL or SIG_IGN): `_thread.interrupt_main` does nothing for the
/// others, as in CPython.
pub fn caught(signum: i32) -> bool {
    // SAFETY: sigaction with a null new action only reads the current
    // one into `old`, a valid out-pointer.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let r = unsafe { libc::sigaction(signum, std::ptr::null(), &mut old) };
    let handler: extern "C" fn(libc::c_int) = on_signal;
    r == 0 && old.sa_sigaction == handler as libc::sighandler_t
}

/// Points signal `signum` at the recording handler; this thread's
/// interpreter handles the signals from now on.
pub fn catch(signum: i32) -> bool {
    OWNER.store(this_thread(), Ordering::Relaxed);
    // (A new interpreter of an embedding host handles signals again.)
    FINALIZING.store(false, Ordering::Relaxed);
    let handler: extern "C" fn(libc::c_int) = on_signal;
    // SAFETY: an all-zero sigaction is a valid "no flags, empty mask".
    let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
    action.sa_sigaction = handler as libc::sighandler_t;
    // Without SA_RESTART, as CPython's `PyOS_setsig`: a blocking system
    // call fails with EINTR, so its caller runs the handler (PEP 475) —
    // a read that waits for input still answers Ctrl-C.
    // (`signal.siginterrupt(signum, False)` asks for restarts.)
    action.sa_flags = libc::SA_ONSTACK;
    // SAFETY: the handler only does async-signal-safe work and lives for
    // the whole program; `action` is valid for the call.
    unsafe { libc::sigaction(signum, &action, std::ptr::null_mut()) == 0 }
}

/// `signal.siginterrupt(signum, flag)`: whether a system call that
/// signal `signum` interrupts fails with EINTR (true) or is restarted.
pub fn set_interrupts(signum: i32, flag: bool) -> std::io::Result<()> {
    // SAFETY: reading the current action into `action`, a valid
    // out-pointer, then setting it back with one flag changed.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signum, std::ptr::null(), &mut action);
        if flag {
            action.sa_flags &= !libc::SA_RESTART;
        } else {
            action.sa_flags |= libc::SA_RESTART;
        }
        if libc::sigaction(signum, &action, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Installs the SIGINT handler (the command line does; an embedding host
/// keeps its own), unless SIGINT is ignored (a background job), which
/// CPython leaves as it is.
pub fn install() {
    // SAFETY: reading and, when it was "ignore", restoring SIGINT's
    // disposition.
    unsafe {
        let previous = libc::signal(libc::SIGINT, libc::SIG_IGN);
        if previous != libc::SIG_IGN {
            catch(libc::SIGINT);
        }
    }
}

/// The address of the pending-signals word, which compiled code reads
/// at loop back edges (`taipan_jit::Layout::signals_pending`).
pub fn pending_word() -> *const u64 {
    PENDING.as_ptr()
}

/// Bit 0 of the pending word (no signal has number 0): an interpreter's
/// resource limits want a look (`vm::limits`).
const LIMITS_BIT: u64 = 1;

/// Bit 32 of the pending word (glibc reserves signal 32, so no handler
/// records it): a thread waits for the interpreter lock, and the holder
/// should answer at its next check (`vm::threads`).
const GIL_BIT: u64 = 1 << 32;

/// Bit 33 of the pending word (also reserved by glibc): `faulthandler`'s
/// watchdog asks the thread that handles signals to write its frames.
const DUMP_BIT: u64 = 1 << 33;

/// The descriptor a dump was asked on (-1: none asked).
static DUMP_FD: AtomicI32 = AtomicI32::new(-1);

/// Set when the asked-for dump has been written.
static DUMPED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks the thread that handles signals to write its traceback to `fd`
/// at its next check (`faulthandler`'s watchdog).
pub fn request_dump(fd: i32) {
    DUMPED.store(false, Ordering::Relaxed);
    DUMP_FD.store(fd, Ordering::Relaxed);
    PENDING.fetch_or(DUMP_BIT, Ordering::Relaxed);
}

/// Whether the dump asked by [`request_dump`] has been written.
pub fn dump_written() -> bool {
    DUMPED.load(Ordering::Relaxed)
}

/// Writes the asked-for dump (at a check in the thread that handles
/// signals).
fn write_dump(vm: &Vm) {
    let fd = DUMP_FD.swap(-1, Ordering::Relaxed);
    if fd < 0 {
        return;
    }
    write_fd(fd, super::frames::fault_traceback(vm, false).as_bytes());
    DUMPED.store(true, Ordering::Relaxed);
}

/// Writes all of `bytes` to `fd` with write(2) only (async-signal-safe:
/// `faulthandler` writes from signal handlers and its watchdog).
pub fn write_fd(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: a valid buffer of that length.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

/// Asks the holder of an interpreter lock to let it go at its next
/// check (a thread that waited a switch interval for it calls this).
pub fn request_gil_drop() {
    PENDING.fetch_or(GIL_BIT, Ordering::Relaxed);
}

/// In the child of a `fork`: no thread waits for the interpreter lock,
/// and the forking thread is the one that runs signal handlers (CPython
/// makes it the main thread).
pub fn after_fork_child() {
    PENDING.fetch_and(!GIL_BIT, Ordering::Relaxed);
    if OWNER.load(Ordering::Relaxed) != 0 {
        OWNER.store(this_thread(), Ordering::Relaxed);
    }
}

/// Asks every interpreter to look at its resource limits at its next
/// check (the limits' watchdog and the counting allocator call this).
pub fn request_check() {
    PENDING.fetch_or(LIMITS_BIT, Ordering::Relaxed);
}

/// Whether anything waits for [`check`] (one relaxed load).
#[inline]
pub fn any_pending() -> bool {
    PENDING.load(Ordering::Relaxed) != 0
}

/// Runs the handlers of the signals received since the last look (the
/// default SIGINT handler raises `KeyboardInterrupt`), and raises the
/// exception of a spent resource budget.
#[inline]
pub fn check(vm: &mut Vm) -> PyResult<()> {
    if PENDING.load(Ordering::Relaxed) == 0 {
        return Ok(());
    }
    check_pending(vm)
}

#[inline(never)]
fn check_pending(vm: &mut Vm) -> PyResult<()> {
    if PENDING.load(Ordering::Relaxed) & LIMITS_BIT != 0 {
        // (Every armed interpreter's watchdog tick sets it again.)
        PENDING.fetch_and(!LIMITS_BIT, Ordering::Relaxed);
        vm.limits.check()?;
    }
    // Signals first, then a request to hand the interpreter lock over
    // (CPython's order): a signal that arrives while another thread holds
    // the lock is handled at this thread's next look, not as soon as it
    // has the lock back — which was the check point right before a
    // `finally` re-acquires a lock (`Condition.wait`), leaving it
    // released. A handler that raises leaves the request pending.
    if PENDING.load(Ordering::Relaxed) & !(GIL_BIT | LIMITS_BIT) != 0
        && OWNER.load(Ordering::Relaxed) == this_thread()
    {
        if PENDING.load(Ordering::Relaxed) & DUMP_BIT != 0 {
            PENDING.fetch_and(!DUMP_BIT, Ordering::Relaxed);
            write_dump(vm);
        }
        run_pending(vm)?;
    }
    if PENDING.load(Ordering::Relaxed) & GIL_BIT != 0 {
        // (A waiter of another interpreter asks again after its next
        // interval.)
        PENDING.fetch_and(!GIL_BIT, Ordering::Relaxed);
        super::threads::answer_drop_request(vm);
    }
    Ok(())
}

#[inline(never)]
fn run_pending(vm: &mut Vm) -> PyResult<()> {
    // (The lock hand-over request and the limits' tick stay pending.)
    let kept = GIL_BIT | LIMITS_BIT;
    let mask = PENDING.fetch_and(kept, Ordering::Relaxed) & !kept;
    for signum in 1..64 {
        if mask & (1 << signum) == 0 {
            continue;
        }
        match vm.signal_handlers.get(&signum).cloned() {
            Some(handler) if !is_default_int_handler(&handler) => {
                if let Err(e) = crate::protocol::call(
                    vm,
                    &handler,
                    &[Value::Int(signum as i64), Value::None],
                    &[],
                ) {
                    // The other signals stay pending for the next look.
                    PENDING.fetch_or(mask & !((2u64 << signum) - 1), Ordering::Relaxed);
                    return Err(e);
                }
            }
            // `default_int_handler` (SIGINT's at start, or set for any
            // signal) raises KeyboardInterrupt.
            Some(_) | None
                if (signum == libc::SIGINT && !finalizing())
                    || vm.signal_handlers.contains_key(&signum) =>
            {
                PENDING.fetch_or(mask & !((2u64 << signum) - 1), Ordering::Relaxed);
                return Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new()));
            }
            // Tripped, but its Python handler is gone (reset meanwhile,
            // or the interpreter is finalizing): reported, not raised,
            // as CPython does.
            _ => {
                let e = PyErr::new(
                    ExcKind::OSError,
                    format!("Signal {signum} ignored due to race condition"),
                );
                crate::object::pending::report_unraisable(vm, &Value::None, &e);
            }
        }
    }
    Ok(())
}

/// Set once the interpreter that handles signals has begun to finalize.
static FINALIZING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether signal handling is finalized (`_thread.interrupt_main` then
/// trips signals that no handler will take: CPython's cleared table).
pub fn finalizing() -> bool {
    FINALIZING.load(Ordering::Relaxed)
}

/// At finalization, after `atexit` (CPython's `_PySignal_Fini`): every
/// signal with a Python handler goes back to SIG_DFL, the handlers are
/// dropped and nothing stays pending.
pub fn finalize(vm: &mut Vm) {
    if !handles_signals() {
        return;
    }
    FINALIZING.store(true, Ordering::Relaxed);
    let mut caught_by_us: Vec<i32> = vm.signal_handlers.keys().copied().collect();
    if caught(libc::SIGINT) {
        caught_by_us.push(libc::SIGINT);
    }
    for signum in caught_by_us {
        // SAFETY: restoring a standard disposition.
        unsafe { libc::signal(signum, libc::SIG_DFL) };
    }
    vm.signal_handlers.clear();
    PENDING.fetch_and(LIMITS_BIT | GIL_BIT, Ordering::Relaxed);
}

fn is_default_int_handler(v: &Value) -> bool {
    matches!(v.as_obj(), Some(crate::object::heap::Object::Builtin(b)) if b.name == "default_int_handler")
}
