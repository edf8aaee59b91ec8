//! Resource limits for untrusted code (issue 13): a time budget per call
//! from the host and a memory ceiling per interpreter. Neither costs the
//! hot paths anything: both are noticed through the flag the interpreter
//! already reads at loop back edges and before calls, in both tiers (the
//! pending-signals word, `vm::signals`, bit 0). A watchdog thread sets
//! the bit every [`TICK`] while some interpreter has a deadline; the
//! counting allocator sets it when a thread passes its ceiling
//! (`object::memory`). The check then raises `TimeoutError` or
//! `MemoryError` in the guest, which may catch it; the next check raises
//! it again while the budget stays spent, so the host's call ends with
//! the error.

use crate::object::exceptions::{ExcKind, PyErr, PyResult};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How often the watchdog asks armed interpreters to look at the clock.
pub const TICK: Duration = Duration::from_millis(2);

/// An interpreter's limits and the state of the current budget.
#[derive(Default)]
pub struct Limits {
    /// The time each call from the host may take.
    pub time: Option<Duration>,
    /// When the current call from the host must end.
    pub deadline: Option<Instant>,
    /// The most bytes the interpreter's thread may hold beyond
    /// [`Limits::memory_base`].
    pub memory: Option<usize>,
    /// What the thread held when the interpreter was made.
    pub memory_base: isize,
}

/// Which limit ended a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exceeded {
    /// The time budget.
    Time,
    /// The memory ceiling.
    Memory,
}

/// Interpreters with a deadline now (the watchdog sleeps when none).
static ARMED: AtomicUsize = AtomicUsize::new(0);

/// The watchdog thread, started on first use.
static WATCHDOG: std::sync::OnceLock<std::thread::Thread> = std::sync::OnceLock::new();

fn watchdog() -> &'static std::thread::Thread {
    WATCHDOG.get_or_init(|| {
        let spawned = std::thread::Builder::new()
            .name("taipan-watchdog".into())
            .spawn(|| {
                super::signals::block_all_in_this_thread();
                loop {
                    if ARMED.load(Ordering::Acquire) > 0 {
                        super::signals::request_check();
                        std::thread::sleep(TICK);
                    } else {
                        std::thread::park();
                    }
                }
            });
        match spawned {
            Ok(handle) => handle.thread().clone(),
            // No thread to be had: deadlines are checked only when
            // something else sets the flag (a ceiling, a signal).
            Err(_) => std::thread::current(),
        }
    })
}

/// A call from the host in progress: its deadline armed until dropped.
pub struct Budget {
    armed: bool,
    /// The thread's ceiling before this call (None: this interpreter has
    /// no memory limit, and the ceiling was not touched).
    ceiling: Option<isize>,
}

impl Limits {
    /// Starts a call from the host: arms the deadline and this thread's
    /// memory ceiling (both undone when the returned budget is dropped).
    pub fn start(&mut self) -> Budget {
        // (Without a memory limit, no thread-local is touched.)
        let ceiling = self.memory.map(|m| {
            crate::object::memory::on_over_ceiling(super::signals::request_check);
            crate::object::memory::clear_refused();
            crate::object::memory::set_ceiling(
                self.memory_base
                    .saturating_add(m.min(isize::MAX as usize) as isize),
            )
        });
        let armed = match self.time {
            Some(t) => {
                self.deadline = Some(Instant::now() + t);
                ARMED.fetch_add(1, Ordering::AcqRel);
                watchdog().unpark();
                true
            }
            None => false,
        };
        Budget { armed, ceiling }
    }

    /// Raises the exception of a spent budget, if one is.
    pub fn check(&self) -> PyResult<()> {
        match self.spent(false) {
            None => Ok(()),
            Some(Exceeded::Time) => Err(PyErr::new(
                ExcKind::TimeoutError,
                format!("time limit of {:?} exceeded", self.time.unwrap_or_default()),
            )),
            Some(Exceeded::Memory) => Err(PyErr::new(
                ExcKind::MemoryError,
                format!(
                    "memory limit of {} bytes exceeded",
                    self.memory.unwrap_or_default()
                ),
            )),
        }
    }

    /// Which budget is spent or was hit in this call from the host (a
    /// request refused for the memory ceiling counts), if one is.
    pub fn exceeded(&self) -> Option<Exceeded> {
        self.spent(true)
    }

    /// Which budget is spent (`refusals`: or a request was refused for
    /// the ceiling).
    fn spent(&self, refusals: bool) -> Option<Exceeded> {
        if let Some(m) = self.memory {
            let used = crate::object::memory::held().saturating_sub(self.memory_base);
            if used > m.min(isize::MAX as usize) as isize
                || (refusals && crate::object::memory::refused())
            {
                return Some(Exceeded::Memory);
            }
        }
        match self.deadline {
            Some(d) if Instant::now() >= d => Some(Exceeded::Time),
            _ => None,
        }
    }
}

impl Budget {
    /// Ends the call: disarms the deadline, restores the ceiling.
    pub fn finish(self, limits: &mut Limits) {
        limits.deadline = None;
        drop(self);
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        if self.armed {
            ARMED.fetch_sub(1, Ordering::AcqRel);
        }
        if let Some(c) = self.ceiling {
            crate::object::memory::set_ceiling(c);
        }
    }
}
