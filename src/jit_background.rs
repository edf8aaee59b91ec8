//! Background compilation: hot functions are compiled on a thread of
//! their own while the interpreter goes on running them, so compile time
//! stops adding to run time (issue 14: compile ≤ 5% of run time).
//!
//! Translation and code generation read only the code object (shared,
//! immutable) and a snapshot of the interpreter's type feedback taken on
//! the interpreter's thread (plain numbers and addresses of objects the
//! JIT state keeps alive), never a Python object, so the compile thread
//! needs no interpreter lock. It has its own Cranelift module; the entry
//! points it sends back are installed by the interpreter's thread the next
//! time it asks for a compiled entry. The code objects waiting are kept
//! alive until then (their global-name caches are addressed by the code).
//!
//! Compilation stays synchronous where determinism matters: with
//! `--jit-threshold 0` (every function compiled on its first call, as the
//! differential tests run it), with `--jit-dump`, and in a forked child
//! (which has no compile thread).

use crate::object::heap::RtCode;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::Duration;
use taipan_bytecode::code::CodeObject;
use taipan_bytecode::feedback::Feedback;

/// A function to compile.
struct Job {
    key: usize,
    code: Arc<CodeObject>,
    feedback: Feedback,
}

/// What compiling it gave: the entry address, the direct entry's (0:
/// none), the time it took and the attribute instructions guarded
/// inline; or why it was rejected.
pub struct Done {
    pub key: usize,
    pub result: Result<(usize, usize, Duration, usize), String>,
}

/// The helper addresses, sent to the compile thread once.
struct SendHelpers(taipan_jit::Helpers);

// SAFETY: the addresses are of `extern "C"` functions of this program;
// the compile thread only writes them into the code it generates.
unsafe impl Send for SendHelpers {}

/// The compile thread's end of the work: jobs in, results out.
pub struct Background {
    /// The channels to the compile thread, once it runs: it is started
    /// when the first function is sent (a run in which nothing gets hot
    /// pays for no thread and no second JIT module).
    channels: Option<(Sender<Job>, Receiver<Done>)>,
    /// What the thread is started with.
    layout: taipan_jit::Layout,
    helpers: taipan_jit::Helpers,
    /// Code objects sent and not installed yet, by address.
    waiting: HashMap<usize, Rc<RtCode>>,
    /// The process the thread runs in (a forked child has none).
    pid: u32,
}

impl Background {
    /// The compile thread's end, for code of this process; the thread
    /// itself starts with the first function sent.
    pub fn start(layout: taipan_jit::Layout, helpers: taipan_jit::Helpers) -> Background {
        Background {
            channels: None,
            layout,
            helpers,
            waiting: HashMap::new(),
            pid: std::process::id(),
        }
    }

    /// Starts the compile thread; None if it cannot be started.
    fn spawn(
        layout: taipan_jit::Layout,
        helpers: taipan_jit::Helpers,
    ) -> Option<(Sender<Job>, Receiver<Done>)> {
        let (jobs, job_rx) = channel::<Job>();
        let (done_tx, done) = channel::<Done>();
        let helpers = SendHelpers(helpers);
        std::thread::Builder::new()
            .name("taipan-jit".into())
            .spawn(move || {
                // Signals are for the interpreter's threads.
                crate::vm::signals::block_all_in_this_thread();
                let helpers = helpers;
                let mut jit = match taipan_jit::Jit::new(layout, helpers.0) {
                    Ok(j) => j,
                    Err(why) => {
                        while let Ok(job) = job_rx.recv() {
                            let _ = done_tx.send(Done {
                                key: job.key,
                                result: Err(why.clone()),
                            });
                        }
                        return;
                    }
                };
                while let Ok(job) = job_rx.recv() {
                    let result = jit.compile(&job.code, &job.feedback, false).map(|c| {
                        (
                            c.entry as usize,
                            c.direct_entry.map_or(0, |d| d as usize),
                            c.compile_time,
                            c.guarded_attr_sites,
                        )
                    });
                    if done_tx
                        .send(Done {
                            key: job.key,
                            result,
                        })
                        .is_err()
                    {
                        break;
                    }
                }
                // (The module's code stays mapped: no compiled code runs
                // after the interpreter that installed it is gone.)
            })
            .ok()?;
        Some((jobs, done))
    }

    /// Whether functions can go to the compile thread: this process has
    /// it (not a forked child) or can start it now.
    pub fn usable(&mut self) -> bool {
        if self.pid != std::process::id() {
            return false;
        }
        if self.channels.is_none() {
            self.channels = Self::spawn(self.layout, self.helpers);
        }
        self.channels.is_some()
    }

    /// Whether `rt` was sent and is not back yet.
    pub fn is_waiting(&self, rt: &Rc<RtCode>) -> bool {
        self.waiting.contains_key(&(Rc::as_ptr(rt) as usize))
    }

    /// How many functions are being compiled.
    pub fn pending(&self) -> usize {
        self.waiting.len()
    }

    /// Sends `rt` to be compiled with `feedback`.
    pub fn send(&mut self, rt: &Rc<RtCode>, feedback: Feedback) {
        let Some((jobs, _)) = &self.channels else {
            return;
        };
        let key = Rc::as_ptr(rt) as usize;
        let job = Job {
            key,
            code: rt.code.clone(),
            feedback,
        };
        if jobs.send(job).is_ok() {
            self.waiting.insert(key, rt.clone());
        }
    }

    /// The functions compiled since the last look, with their results.
    pub fn finished(&mut self) -> Vec<(Rc<RtCode>, Done)> {
        let mut out = Vec::new();
        let Some((_, done_rx)) = &self.channels else {
            return out;
        };
        while let Ok(done) = done_rx.try_recv() {
            if let Some(rt) = self.waiting.remove(&done.key) {
                out.push((rt, done));
            }
        }
        out
    }
}
