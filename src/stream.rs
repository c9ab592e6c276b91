//! Annotating a corpus as a stream: articles in, one JSON line out per
//! article, in input order, on every core, in bounded memory.
//!
//! [`ordered_map`] is the machinery: one thread reads the inputs, the
//! others run the engine, and the caller's thread hands the results on in
//! the order the inputs came, with at most a window of inputs in flight.
//! [`annotate_article`] is the work of one article: the engine's findings,
//! joined to the document as [`crate::annotate::suggest`] joins them, in a
//! project of its own, so that what an article gives depends on nothing
//! else in the stream (a corpus split among processes or machines gives the
//! same lines as one process).

use std::collections::BTreeMap;
use std::io;
use std::sync::{Mutex, mpsc};

use crate::annotate;
use crate::import::Article;
use crate::model::{DocId, Document, GazetteerEntry, Project};

/// How many threads [`ordered_map`] runs the work on: one per core.
pub fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Runs `work` on every input on `threads` threads and hands each result to
/// `sink` (as `Some`) in the order of the inputs. `inputs` is read on a
/// thread of its own, never more than `window` inputs ahead of the last
/// result handed on, so memory stays bounded however long the stream.
/// Whenever no result is ready, `sink(None)` is called before waiting (to
/// flush what was written, so that a consumer of a slow stream sees each
/// line as soon as it can).
///
/// The first error of `sink` stops the run and is returned; the
/// inputs not yet read are left unread. A panic in `work` stops it too, as
/// an error (callers that must go on catch panics in `work` themselves).
pub fn ordered_map<T, R, I, F>(
    inputs: I,
    threads: usize,
    window: usize,
    work: F,
    sink: &mut dyn FnMut(Option<R>) -> io::Result<()>,
) -> io::Result<()>
where
    T: Send,
    R: Send,
    I: Iterator<Item = T> + Send,
    F: Fn(T) -> R + Sync,
{
    let threads = threads.max(1);
    let window = window.max(threads);
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, T)>(threads);
    let job_rx = Mutex::new(job_rx);
    // A panic in the work comes back as its message, so that the run stops
    // instead of waiting for a result that will never come.
    let (result_tx, result_rx) = mpsc::channel::<(usize, Result<R, String>)>();
    // One credit per input that may be in flight; the reader takes one
    // before each input, the sink gives it back when the result is out.
    let (credit_tx, credit_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = credit_tx.try_send(());
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (i, input) in inputs.enumerate() {
                if credit_rx.recv().is_err() || job_tx.send((i, input)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let result_tx = result_tx.clone();
            let (job_rx, work) = (&job_rx, &work);
            scope.spawn(move || run_jobs(job_rx, work, result_tx));
        }
        drop(result_tx);
        let result = hand_on_in_order(&result_rx, &credit_tx, sink);
        // Stops the reader (no more credits) and the workers (nobody to
        // send results to) when the sink failed.
        drop(credit_tx);
        drop(result_rx);
        result
    })
}

/// A worker: takes jobs until there are none, sending each result (or its
/// panic's message) back with the input's number.
fn run_jobs<T, R, F>(
    job_rx: &Mutex<mpsc::Receiver<(usize, T)>>,
    work: &F,
    result_tx: mpsc::Sender<(usize, Result<R, String>)>,
) where
    F: Fn(T) -> R,
{
    loop {
        // The lock is held only while waiting for the next job.
        let job = match job_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => break,
        };
        let Ok((i, input)) = job else { break };
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(input)))
            .map_err(|p| panic_message(p.as_ref()));
        if result_tx.send((i, r)).is_err() {
            break;
        }
    }
}

/// Hands the results to `sink` in input order as they come, giving a credit
/// back to the reader for each one handed on; `sink(None)` before each
/// wait. Stops at the first error of `sink` or of the work.
fn hand_on_in_order<R>(
    result_rx: &mpsc::Receiver<(usize, Result<R, String>)>,
    credit_tx: &mpsc::SyncSender<()>,
    sink: &mut dyn FnMut(Option<R>) -> io::Result<()>,
) -> io::Result<()> {
    let mut pending: BTreeMap<usize, R> = BTreeMap::new();
    let mut next = 0;
    loop {
        let (i, r) = match result_rx.try_recv() {
            Ok(x) => x,
            Err(mpsc::TryRecvError::Empty) => {
                sink(None)?;
                match result_rx.recv() {
                    Ok(x) => x,
                    Err(_) => break,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        pending.insert(
            i,
            r.map_err(|m| io::Error::other(format!("internal error: {m}")))?,
        );
        while let Some(r) = pending.remove(&next) {
            sink(Some(r))?;
            next += 1;
            let _ = credit_tx.try_send(());
        }
    }
    sink(None)
}

/// The message a panic carried, for the error that stops the run.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

/// One article annotated in a project of its own: the document (with id
/// `id`), its suggestions, and the entities they name.
pub fn annotate_article(article: Article, id: u64, gazetteer: &[GazetteerEntry]) -> Project {
    let mut project = Project::new("annotate");
    project.gazetteer = gazetteer.to_vec();
    let findings = annotate::find(
        &article.text,
        &annotate::Context {
            gazetteer: &project.gazetteer,
        },
    );
    let doc = DocId(id);
    project
        .documents
        .push(Document::new(doc, article.meta, article.text));
    project.reserve_id(id);
    if let Some(c) = annotate::findings_command(&mut project, doc, findings) {
        // Built for this project a moment ago: it applies.
        let _ = c.apply(&mut project);
    }
    project
}
