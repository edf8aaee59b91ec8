//! Memory ceilings for embedded interpreters: an allocator that counts
//! the bytes each thread holds, and the ceiling the thread's interpreter
//! may not pass.
//!
//! A library cannot choose its host's allocator, so the count is kept by
//! [`CountingAllocator`], which a host that wants memory limits installs
//! as its `#[global_allocator]` (`libtaipan.so`, the C API, does so
//! itself). An allocation never fails because of the ceiling — Rust code
//! cannot recover from a failed allocation — it sets the interpreter's
//! "look now" flag instead, and the interpreter raises `MemoryError` at
//! its next check (a loop back edge or a call, in both tiers). Requests
//! that are large on their own (`[0] * n`, `bytes(n)`) are refused
//! before they are made ([`would_exceed`], through
//! `protocol::ops::fits_in_memory`).

use super::allocator::Allocator as Inner;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

thread_local! {
    /// Bytes this thread holds (allocated minus freed, through the
    /// counting allocator).
    static HELD: Cell<isize> = const { Cell::new(0) };
    /// The count past which this thread's interpreter must stop
    /// (`isize::MAX`: no ceiling).
    static CEILING: Cell<isize> = const { Cell::new(isize::MAX) };
    /// Whether a request was refused for the ceiling since the last
    /// [`clear_refused`].
    static REFUSED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the counting allocator is the process's allocator (it has
/// served an allocation).
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Whether counting has started (the first interpreter with a memory
/// limit starts it): until then the allocator is mimalloc and nothing
/// more (no thread-local access on each allocation).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The hook the allocator calls when a thread passes its ceiling (it
/// sets the interpreter's pending-work flag: `vm::limits`).
static OVER_CEILING: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// mimalloc (`object::allocator`), counting each thread's bytes once a
/// memory limit is in use.
pub struct CountingAllocator;

#[inline]
fn add(delta: isize) {
    if !ACTIVE.load(Ordering::Relaxed) {
        return;
    }
    let _ = HELD.try_with(|h| {
        let now = h.get().wrapping_add(delta);
        h.set(now);
        if delta > 0 && now > CEILING.try_with(Cell::get).unwrap_or(isize::MAX) {
            if let Some(hook) = OVER_CEILING.get() {
                hook();
            }
        }
    });
}

// SAFETY: every request goes to mimalloc unchanged; the
// counting only reads and writes thread-local cells.
unsafe impl GlobalAlloc for CountingAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { Inner.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { Inner.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { Inner.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { Inner.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}

impl CountingAllocator {
    /// Records that this allocator is in use (the first call through
    /// [`held`] after any allocation finds it so).
    fn note_installed() {
        if !INSTALLED.load(Ordering::Relaxed) {
            // An allocation through the global allocator: if it is this
            // one, the count moves.
            let before = HELD.with(Cell::get);
            let probe = std::hint::black_box(Box::new(std::hint::black_box([0u8; 64])));
            let moved = HELD.with(Cell::get) != before;
            drop(probe);
            if moved {
                INSTALLED.store(true, Ordering::Relaxed);
            }
        }
    }
}

/// Starts counting, and tells whether the process allocates through
/// [`CountingAllocator`] (memory ceilings work only then). The count
/// covers what a thread allocates and frees from then on.
pub fn counting() -> bool {
    ACTIVE.store(true, Ordering::Relaxed);
    CountingAllocator::note_installed();
    INSTALLED.load(Ordering::Relaxed)
}

/// Bytes this thread holds now.
pub fn held() -> isize {
    HELD.with(Cell::get)
}

/// Sets this thread's ceiling (`isize::MAX`: none); returns the one
/// before.
pub fn set_ceiling(ceiling: isize) -> isize {
    CEILING.with(|c| c.replace(ceiling))
}

/// This thread's ceiling.
pub fn ceiling() -> isize {
    CEILING.with(Cell::get)
}

/// Names what the allocator calls when a thread passes its ceiling.
pub fn on_over_ceiling(hook: fn()) {
    let _ = OVER_CEILING.set(hook);
}

/// Whether `bytes` more would take this thread past its ceiling.
#[inline]
pub fn would_exceed(bytes: usize) -> bool {
    // (No memory limit anywhere: no thread-local look-up either.)
    if !ACTIVE.load(Ordering::Relaxed) {
        return false;
    }
    let ceiling = ceiling();
    let over = ceiling != isize::MAX
        && held().saturating_add(bytes.min(isize::MAX as usize) as isize) > ceiling;
    if over {
        REFUSED.with(|r| r.set(true));
    }
    over
}

/// Whether a request was refused for the ceiling since the last
/// [`clear_refused`].
pub fn refused() -> bool {
    REFUSED.with(Cell::get)
}

/// Forgets refusals (a new call from the host starts).
pub fn clear_refused() {
    REFUSED.with(|r| r.set(false));
}
