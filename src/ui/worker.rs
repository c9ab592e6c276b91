//! Work the window hands to a thread of its own (opening files, exporting,
//! saving) so that frames keep coming while it runs. The window polls it
//! once a frame and takes the result in when it is done; a panic on the
//! thread comes back as an error, never through the window.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

/// How far the work has got, written by the thread and read by the window;
/// the window's Cancel is read back by the thread.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress {
    /// Records `done` of `total`; `false` once the analyst cancelled. Made
    /// to be passed as the core's `progress` callbacks.
    pub fn report(&self, done: usize, total: usize) -> bool {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        !self.cancelled()
    }

    /// (done, total) as last reported.
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A thread doing one piece of work, and its progress.
pub struct Worker<T> {
    handle: JoinHandle<T>,
    progress: Arc<Progress>,
}

impl<T: Send + 'static> Worker<T> {
    /// Starts `work` on a thread named `name` (it shows in debuggers and
    /// crash reports).
    pub fn spawn(
        name: &str,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let progress = Arc::new(Progress::default());
        let theirs = progress.clone();
        let handle = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || work(&theirs))?;
        Ok(Self { handle, progress })
    }

    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The result, waiting for it if the work is still running; `None` if
    /// the thread panicked (the panic hook has reported it).
    pub fn join(self) -> Option<T> {
        self.handle.join().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_result_and_cancel_cross_threads() {
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let worker = Worker::spawn("test-worker", move |p| {
            let mut reached = 0;
            for i in 1..=1000 {
                if !p.report(i, 1000) {
                    break;
                }
                reached = i;
                if i == 10 {
                    wait.recv().unwrap();
                }
            }
            reached
        })
        .unwrap();
        while worker.progress().get() != (10, 1000) {
            std::thread::yield_now();
        }
        assert!(!worker.is_finished());
        worker.progress().cancel();
        go.send(()).unwrap();
        assert_eq!(
            worker.join(),
            Some(10),
            "stopped at the first report after Cancel"
        );
    }

    #[test]
    fn a_panicking_worker_gives_none() {
        let worker = Worker::spawn("test-panic", |_| -> u8 { panic!("deliberate") }).unwrap();
        assert_eq!(worker.join(), None);
    }
}
