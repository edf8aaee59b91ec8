//! The global interpreter lock, as CPython 3.11's `Python/ceval_gil.h`
//! has it: Python threads of one interpreter run on real OS threads, and
//! only the thread holding the lock touches objects (reference counts
//! are plain integers, `RefCell`s are unsynchronised). The holder lets
//! go around blocking calls ([`Gil::blocking`]: sleeps, lock waits, I/O,
//! `select`) and when another thread has waited a switch interval for
//! it: the waiter sets the drop request and the eval breaker bit
//! (`vm::signals`), and the holder gives the lock up at its next check
//! (loop back edges and calls, in both tiers) and waits until a waiter
//! has taken it, so the lock really changes hands (CPython's
//! `FORCE_SWITCHING`).
//!
//! Each interpreter has its own lock (`object::state`); an interpreter
//! with one thread never waits on it: [`Gil::threaded`] is false until a
//! second thread starts, and releases cost nothing until then.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// CPython's default switch interval (`sys.getswitchinterval()`), 5 ms.
const DEFAULT_INTERVAL_NS: u64 = 5_000_000;

/// Who holds the lock and how often it changed hands.
struct Holding {
    /// Whether some thread holds the lock.
    locked: bool,
    /// How many times the lock was taken (a forced switch waits for
    /// this to move).
    switches: u64,
}

/// One interpreter's global interpreter lock.
pub struct Gil {
    holding: Mutex<Holding>,
    /// Signalled when the lock is let go.
    released: Condvar,
    /// Signalled when a thread takes the lock.
    taken: Condvar,
    /// A waiter asks the holder to let go.
    drop_request: AtomicBool,
    /// Python threads started and not finished (besides the first).
    others: AtomicUsize,
    /// `sys.setswitchinterval`, in nanoseconds.
    interval_ns: AtomicU64,
    /// The interpreter is being finalized: the lock is never handed on
    /// again (daemon threads that wait for it wait for ever, as in
    /// CPython, where they exit when they try to take it).
    finalizing: AtomicBool,
}

impl Default for Gil {
    fn default() -> Self {
        Gil {
            // The interpreter's first thread holds it from the start.
            holding: Mutex::new(Holding {
                locked: true,
                switches: 0,
            }),
            released: Condvar::new(),
            taken: Condvar::new(),
            drop_request: AtomicBool::new(false),
            others: AtomicUsize::new(0),
            interval_ns: AtomicU64::new(DEFAULT_INTERVAL_NS),
            finalizing: AtomicBool::new(false),
        }
    }
}

/// A poisoned mutex only means a thread panicked while holding it; the
/// state it guards (two plain fields) is still consistent.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Gil {
    /// Whether other Python threads exist, so the lock must really be
    /// let go around blocking calls.
    #[inline]
    pub fn threaded(&self) -> bool {
        self.others.load(Ordering::Relaxed) != 0
    }

    /// How many Python threads run besides the first (`_thread._count`).
    pub fn other_threads(&self) -> usize {
        self.others.load(Ordering::Relaxed)
    }

    /// A thread is about to start (counted before it exists, so the
    /// starting thread already lets go around its blocking calls).
    pub fn thread_starting(&self) {
        self.others.fetch_add(1, Ordering::Relaxed);
    }

    /// A thread has finished (it still holds the lock, and lets go next).
    pub fn thread_finished(&self) {
        self.others.fetch_sub(1, Ordering::Relaxed);
    }

    /// In the child of a `fork`: only the forking thread (which holds
    /// the lock) exists there, as CPython's `_PyEval_ReInitThreads`
    /// makes it. No other thread waits, so the lock is never let go
    /// again until the child starts a thread.
    pub fn after_fork_child(&self) {
        self.others.store(0, Ordering::Relaxed);
        self.drop_request.store(false, Ordering::Relaxed);
    }

    /// `sys.getswitchinterval()` in seconds.
    pub fn interval(&self) -> f64 {
        self.interval_ns.load(Ordering::Relaxed) as f64 / 1e9
    }

    /// `sys.setswitchinterval(seconds)` (already checked positive).
    pub fn set_interval(&self, seconds: f64) {
        let ns = (seconds * 1e9).clamp(1_000.0, 1e15) as u64;
        self.interval_ns.store(ns, Ordering::Relaxed);
    }

    /// The interpreter is ending: the holder keeps the lock for good.
    pub fn finalize(&self) {
        self.finalizing.store(true, Ordering::Relaxed);
    }

    /// Takes the lock, waiting for it; a waiter that has waited a whole
    /// interval asks the holder to let go (`request_drop`, which sets
    /// the eval breaker so the holder looks).
    pub fn acquire(&self, request_drop: fn()) {
        let mut h = lock(&self.holding);
        while h.locked || self.finalizing.load(Ordering::Relaxed) {
            let interval = Duration::from_nanos(self.interval_ns.load(Ordering::Relaxed));
            let switches = h.switches;
            let (guard, timeout) = self
                .released
                .wait_timeout(h, interval)
                .unwrap_or_else(|p| p.into_inner());
            h = guard;
            if timeout.timed_out() && h.locked && h.switches == switches {
                self.drop_request.store(true, Ordering::Relaxed);
                request_drop();
            }
        }
        h.locked = true;
        h.switches = h.switches.wrapping_add(1);
        self.drop_request.store(false, Ordering::Relaxed);
        self.taken.notify_all();
    }

    /// Lets the lock go (the caller holds it).
    pub fn release(&self) {
        let mut h = lock(&self.holding);
        h.locked = false;
        self.released.notify_one();
    }

    /// Whether a waiter asked the holder to let go.
    #[inline]
    pub fn drop_requested(&self) -> bool {
        self.drop_request.load(Ordering::Relaxed)
    }

    /// Gives the lock to a waiting thread and takes it back after it (the
    /// holder's answer to a drop request).
    pub fn switch(&self, request_drop: fn()) {
        if self.finalizing.load(Ordering::Relaxed) {
            return;
        }
        {
            let mut h = lock(&self.holding);
            let switches = h.switches;
            h.locked = false;
            self.released.notify_one();
            // Until someone took it (or a moment passed: the waiter may
            // have given up on a timeout meanwhile).
            let deadline = Duration::from_nanos(self.interval_ns.load(Ordering::Relaxed));
            while h.switches == switches {
                let (guard, timeout) = self
                    .taken
                    .wait_timeout(h, deadline)
                    .unwrap_or_else(|p| p.into_inner());
                h = guard;
                if timeout.timed_out() {
                    break;
                }
            }
        }
        self.acquire(request_drop);
    }

    /// Runs `f` (a blocking call that touches no object) with the lock
    /// let go, when other threads could use it.
    pub fn blocking<R>(&self, request_drop: fn(), f: impl FnOnce() -> R) -> R {
        if !self.threaded() || self.finalizing.load(Ordering::Relaxed) {
            return f();
        }
        self.release();
        let r = f();
        self.acquire(request_drop);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn no_request() {}

    #[test]
    fn the_lock_passes_between_threads_and_excludes() {
        let gil = Arc::new(Gil::default());
        gil.thread_starting();
        let counter = Arc::new(AtomicU64::new(0));
        let inside = Arc::new(AtomicBool::new(false));
        let worker = {
            let (gil, counter, inside) = (gil.clone(), counter.clone(), inside.clone());
            std::thread::spawn(move || {
                gil.acquire(no_request);
                for _ in 0..1000 {
                    assert!(!inside.swap(true, Ordering::SeqCst));
                    counter.fetch_add(1, Ordering::SeqCst);
                    inside.store(false, Ordering::SeqCst);
                    if gil.drop_requested() {
                        gil.switch(no_request);
                    }
                }
                gil.thread_finished();
                gil.release();
            })
        };
        // The first thread holds the lock; it lets go in a blocking call.
        for _ in 0..1000 {
            assert!(!inside.swap(true, Ordering::SeqCst));
            counter.fetch_add(1, Ordering::SeqCst);
            inside.store(false, Ordering::SeqCst);
            gil.blocking(no_request, std::thread::yield_now);
        }
        while gil.threaded() {
            gil.blocking(no_request, || std::thread::sleep(Duration::from_millis(1)));
        }
        worker.join().unwrap();
        assert_eq!(counter.load(Ordering::SeqCst), 2000);
    }
}
