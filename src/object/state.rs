//! Per-interpreter runtime state: the cycle collector's list of tracked
//! objects and settings (`gc.disable()` in one interpreter leaves another
//! alone) and the queue of finalizers and weak-reference callbacks (which
//! must run in the interpreter whose objects died). Each `Vm` owns one;
//! the interpreter running code is the *current* one, a thread-local
//! pointer that `Vm::new` and `Vm::enter` set. Code that runs with no
//! interpreter (tests of the value layer) uses a per-thread fallback.
//!
//! An object is tracked in the list of the interpreter current when it
//! was made; the collector and `untrack` check that an object's recorded
//! place is really in their list, so an object that outlives its
//! interpreter, or the built-in type objects (shared by the interpreters
//! of a thread, never freed), are simply not theirs.

use crate::object::gc::Collector;
use crate::object::pending::Queue;
use std::cell::Cell;

/// What one interpreter keeps apart from every other.
pub struct InterpState {
    /// The cycle collector's tracked objects and settings.
    pub(crate) gc: Collector,
    /// Finalizers and weak-reference callbacks waiting to run.
    pub(crate) pending: Queue,
    /// `sys.get_int_max_str_digits()`: the most digits an int may have
    /// in a decimal conversion (0: no limit).
    pub int_max_str_digits: Cell<usize>,
    /// The built-in type objects and the singletons.
    pub(crate) types: crate::object::builtin_types::TypeTable,
    /// Interned names (`object::intern`).
    pub(crate) interned: crate::object::intern::Interned,
    /// The global interpreter lock its threads share (`object::gil`).
    pub gil: std::sync::Arc<crate::object::gil::Gil>,
}

/// CPython's default recursion limit.
pub const DEFAULT_RECURSION_LIMIT: u32 = 1000;

/// CPython 3.11's default limit on decimal int conversions (CVE-2020-10735).
pub const DEFAULT_INT_MAX_STR_DIGITS: usize = 4300;

/// The current interpreter's limit on decimal int conversions.
pub fn int_max_str_digits() -> usize {
    try_with(|s| s.int_max_str_digits.get()).unwrap_or(DEFAULT_INT_MAX_STR_DIGITS)
}

impl InterpState {
    fn new() -> InterpState {
        InterpState {
            gc: Collector::new(),
            pending: Queue::new(),
            int_max_str_digits: Cell::new(DEFAULT_INT_MAX_STR_DIGITS),
            types: Default::default(),
            interned: Default::default(),
            gil: Default::default(),
        }
    }
}

thread_local! {
    /// The current interpreter's state (null: none, use [`FALLBACK`]).
    static CURRENT: Cell<*const InterpState> = const { Cell::new(std::ptr::null()) };
    /// The state of code that runs outside any interpreter.
    static FALLBACK: InterpState = InterpState::new();
    /// The states whose owners are alive (so a pointer to one may be
    /// made current again).
    static LIVE: std::cell::RefCell<Vec<*const InterpState>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with the current interpreter's state; None at thread exit,
/// when the fallback state is gone.
#[inline]
pub fn try_with<R>(f: impl FnOnce(&InterpState) -> R) -> Option<R> {
    let p = CURRENT.with(Cell::get);
    if p.is_null() {
        FALLBACK.try_with(|s| f(s)).ok()
    } else {
        // SAFETY: a state is current only while its owner is alive: the
        // owner resets the pointer before the state is freed.
        Some(f(unsafe { &*p }))
    }
}

/// [`try_with`] for the common case (not at thread exit): a load of the
/// current state's pointer inline, the fallback state out of line.
#[inline(always)]
pub fn with<R>(f: impl FnOnce(&InterpState) -> R) -> R {
    let p = CURRENT.with(Cell::get);
    if p.is_null() {
        with_fallback(f)
    } else {
        // SAFETY: as in `try_with`.
        f(unsafe { &*p })
    }
}

/// [`with`] when no interpreter is current.
#[cold]
#[inline(never)]
fn with_fallback<R>(f: impl FnOnce(&InterpState) -> R) -> R {
    FALLBACK.with(|s| f(s))
}

/// The state a `Vm` owns (at a fixed address, so it can be current
/// while the `Vm` moves), or, for the `Vm` of a thread the program
/// started, shares with the interpreter's first `Vm`.
pub struct OwnedState(StateRef);

enum StateRef {
    Owned(Box<InterpState>),
    /// Another `Vm`'s state, which outlives this one: a thread's `Vm` is
    /// dropped while the thread holds the interpreter lock, and the first
    /// `Vm` keeps the lock for good once it is finalized.
    Shared(*const InterpState),
}

impl OwnedState {
    /// A new state, made current.
    pub fn new_current() -> OwnedState {
        let state = OwnedState(StateRef::Owned(Box::new(InterpState::new())));
        LIVE.with(|l| l.borrow_mut().push(state.as_ptr()));
        state.make_current();
        state
    }

    /// This state seen from a new thread: shared, not owned.
    pub fn share(&self) -> OwnedState {
        OwnedState(StateRef::Shared(self.as_ptr()))
    }

    fn as_ptr(&self) -> *const InterpState {
        match &self.0 {
            StateRef::Owned(b) => &**b,
            StateRef::Shared(p) => *p,
        }
    }

    /// The state itself.
    pub fn get(&self) -> &InterpState {
        // SAFETY: an owned state lives in its box; a shared one outlives
        // this handle (see `StateRef::Shared`).
        unsafe { &*self.as_ptr() }
    }

    /// Makes this state current; returns the one that was.
    pub fn make_current(&self) -> *const InterpState {
        CURRENT.with(|c| c.replace(self.as_ptr()))
    }

    /// Whether this state is the current one.
    pub fn is_current(&self) -> bool {
        std::ptr::eq(CURRENT.with(Cell::get), self.as_ptr())
    }
}

impl Drop for OwnedState {
    fn drop(&mut self) {
        let StateRef::Owned(owned) = &self.0 else {
            return;
        };
        // Whatever is still queued is let go while this state is current
        // (so those objects leave its list); then it stops being current.
        let previous = self.make_current();
        drop(owned.pending.take_all());
        let me = self.as_ptr();
        let _ = LIVE.try_with(|l| l.borrow_mut().retain(|p| *p != me));
        CURRENT.with(|c| {
            c.set(if previous == me {
                std::ptr::null()
            } else {
                previous
            })
        });
    }
}

/// Makes a state current again when dropped ([`crate::vm::Vm::enter`]).
pub struct Entered {
    previous: *const InterpState,
}

impl Entered {
    /// Records `previous` as the state to go back to.
    pub fn new(previous: *const InterpState) -> Entered {
        Entered { previous }
    }
}

impl Drop for Entered {
    fn drop(&mut self) {
        // The previous state, unless its owner is gone meanwhile.
        let alive = LIVE
            .try_with(|l| l.borrow().contains(&self.previous))
            .unwrap_or(false);
        let back = if alive {
            self.previous
        } else {
            std::ptr::null()
        };
        CURRENT.with(|c| c.set(back));
    }
}

/// Runs `f` (which runs a Python frame) with enough stack: when less than
/// a red zone is left, on a new stack segment. Python recursion is
/// bounded by the recursion limit, not by the Rust stack, as in CPython
/// 3.11 whose Python-to-Python calls use no C stack.
#[inline]
pub fn with_stack<R>(f: impl FnOnce() -> R) -> R {
    // (Unknown bounds grow at once, as `stacker::maybe_grow` does: the
    // new segment's are known. The floor is cached per segment, so the
    // common case is a thread-local read and a compare, not stacker's
    // `remaining_stack` call on every Python call.)
    let here = 0u8;
    if std::ptr::addr_of!(here) as usize >= stack_floor() {
        return f();
    }
    stacker::grow(SEGMENT, || {
        // The new segment has a floor of its own, found when first asked
        // for; the old one's is back when the segment is left (a guard,
        // so that a panic unwinding through here restores it too).
        let _back = FloorRestore(STACK_FLOOR.replace(0));
        f()
    })
}

/// The stack left below which [`with_stack`] moves to a new segment.
const RED_ZONE: usize = 1 << 20;
/// The size of a new stack segment.
const SEGMENT: usize = 64 << 20;

thread_local! {
    /// The lowest stack address (plus the red zone) the current stack
    /// segment lets a frame reach without [`with_stack`] growing it; 0
    /// when not known yet.
    static STACK_FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// Puts a segment's stack floor back when a grown segment is left.
struct FloorRestore(usize);

impl Drop for FloorRestore {
    fn drop(&mut self) {
        STACK_FLOOR.with(|f| f.set(self.0));
    }
}

/// The address above which the native stack pointer must stay for code
/// to call deeper without [`with_stack`]: compiled code's direct calls
/// compare their frame's address with it and take the runtime's call
/// path (which grows the stack) below it. `usize::MAX` when the stack's
/// bounds are unknown (every call then takes that path).
#[inline]
pub fn stack_floor() -> usize {
    let known = STACK_FLOOR.with(Cell::get);
    if known != 0 {
        return known;
    }
    let here = 0u8;
    let sp = std::ptr::addr_of!(here) as usize;
    let floor = match stacker::remaining_stack() {
        Some(left) => sp.saturating_sub(left).saturating_add(RED_ZONE),
        None => usize::MAX,
    };
    STACK_FLOOR.with(|f| f.set(floor));
    floor
}
