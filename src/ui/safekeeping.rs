//! How the window keeps the analyst's work: saves on a worker thread,
//! autosave to the recovery file, the project lock, and the questions the
//! analyst answers when something is off (unsaved work from a crash, a
//! project open elsewhere, a damaged project file).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::model::Project;
use crate::project::{self, LockError, ProjectError, ProjectLock};
use crate::recovery::{Autosaver, Orphan, RecoveryHeader, RecoveryStore, crash};
use crate::workflow;

use super::state::{AppState, Severity};
use super::worker::Worker;

/// Autosave waits for this pause in the editing…
const AUTOSAVE_QUIET: Duration = Duration::from_secs(1);
/// …but never longer than this after the first unsaved edit.
const AUTOSAVE_MAX_DELAY: Duration = Duration::from_secs(4);

/// A question the analyst has to answer before going on.
pub enum Prompt {
    /// Work left by a Dossier that ended without saving it.
    Restore(Vec<Orphan>),
    /// The project to open is being edited in another window.
    Locked {
        /// The project, read and ready to show once the analyst chooses.
        prepared: Box<workflow::Prepared>,
        /// Who has it, in words.
        message: String,
    },
    /// A project file that could not be read, and its readable backup.
    Damaged(Box<workflow::DamagedProject>),
}

/// The analyst's answer to a [`Prompt`].
#[derive(Clone, Debug, PartialEq)]
pub enum PromptAnswer {
    /// Restore the i-th offered session.
    Restore(usize),
    /// Delete the i-th offered session.
    Discard(usize),
    /// Keep the offered sessions for the next launch.
    Later,
    /// Open the locked project without editing it.
    OpenReadOnly,
    /// Open the locked project as an unsaved copy.
    OpenCopy,
    /// Open the damaged project's readable backup.
    OpenBackup,
    /// Close the question and open nothing.
    Dismiss,
}

/// A save running on a worker thread.
pub struct SaveJob {
    path: PathBuf,
    /// The editor state it writes, marked saved when it succeeds.
    state: u64,
    worker: Worker<Result<(), ProjectError>>,
    lock: Option<ProjectLock>,
}

/// The autosave bookkeeping.
pub struct Safekeeping {
    /// The thread that writes recovery files; none without a data folder.
    pub autosaver: Option<Autosaver>,
    /// The revision, and whether it was unsaved, that the recovery file
    /// reflects (written, or cleared once saved).
    autosaved: (u64, bool),
    first_change: Option<Instant>,
    last_change: Instant,
    seen_revision: u64,
}

impl Safekeeping {
    pub fn new(autosaver: Option<Autosaver>) -> Self {
        Self {
            autosaver,
            autosaved: (0, false),
            first_change: None,
            last_change: Instant::now(),
            seen_revision: 0,
        }
    }
}

impl AppState {
    /// Starts the recovery session in `data_dir` and collects what the
    /// previous run left: unsaved work to offer, crash reports to mention.
    /// Returns whether there is work to offer. (The panic hook that writes
    /// the reports is process-wide; `run_native` installs it.)
    pub fn start_safekeeping(&mut self, data_dir: &Path) -> bool {
        let store = RecoveryStore::in_data_dir(data_dir);
        match store.start_session() {
            Ok(session) => {
                self.session.safekeeping = Safekeeping::new(Some(Autosaver::new(session)))
            }
            Err(e) => self.notify(
                Severity::Warning,
                format!("Autosave is off: {e}"),
                Vec::new(),
            ),
        }
        let crashes = crash::crash_dir(data_dir);
        for report in crash::unseen_reports(&crashes) {
            let summary = crash::summary(&report).unwrap_or_default();
            let shown = crash::mark_seen(&report).unwrap_or(report);
            self.notify(
                Severity::Warning,
                "Dossier stopped unexpectedly last time; a crash report was saved",
                vec![summary, shown.display().to_string()],
            );
        }
        let orphans = store.orphans();
        let offered = !orphans.is_empty();
        if offered {
            self.inbox.prompts.push(Prompt::Restore(orphans));
        }
        offered
    }

    /// Whether a save is being written.
    pub fn is_saving(&self) -> bool {
        self.session.save_job.is_some()
    }

    /// Writes the project to `path` on a worker thread. The lock on `path`
    /// is taken first (a new path) or kept (the project's own).
    pub(super) fn start_save(&mut self, path: &Path) {
        if self.session.save_job.is_some() {
            self.notify(
                Severity::Info,
                "Still saving; try again in a moment",
                Vec::new(),
            );
            return;
        }
        let same_file = self
            .session
            .lock
            .as_ref()
            .is_some_and(|l| l.project() == path);
        let lock = if same_file {
            None
        } else {
            match ProjectLock::acquire(path) {
                Ok(l) => Some(l),
                Err(e) => {
                    self.notify(Severity::Error, format!("Could not save: {e}"), Vec::new());
                    return;
                }
            }
        };
        let mut snapshot = self.project().clone();
        // The file's name is the project's: a name from before Save As
        // ("Untitled (recovered)") must not be written into the new file.
        snapshot.name = project::name_from_path(path);
        let target = path.to_owned();
        match Worker::spawn("dossier-save", move |_| project::save(&snapshot, &target)) {
            Ok(worker) => {
                self.session.save_job = Some(SaveJob {
                    path: path.to_owned(),
                    state: self.session.editor.state_id(),
                    worker,
                    lock,
                })
            }
            Err(e) => self.notify(Severity::Error, format!("Could not save: {e}"), Vec::new()),
        }
    }

    /// Takes in a finished save; returns `Some(succeeded)` when one ended.
    pub fn poll_save(&mut self) -> Option<bool> {
        if !self
            .session
            .save_job
            .as_ref()
            .is_some_and(|j| j.worker.is_finished())
        {
            return None;
        }
        self.wait_for_save()
    }

    /// Waits for the save under way, if any (the window is closing), and
    /// takes it in.
    pub fn wait_for_save(&mut self) -> Option<bool> {
        let job = self.session.save_job.take()?;
        let result = job.worker.join().unwrap_or_else(|| {
            Err(ProjectError::Invalid {
                path: job.path.clone(),
                message: "the save thread stopped".into(),
            })
        });
        Some(self.finish_save(job.path, job.state, job.lock, result))
    }

    fn finish_save(
        &mut self,
        path: PathBuf,
        state: u64,
        lock: Option<ProjectLock>,
        result: Result<(), ProjectError>,
    ) -> bool {
        match result {
            Ok(()) => {
                self.session.editor.mark_saved_state(state);
                if lock.is_some() {
                    // Saved under a new name: that file is ours now, the
                    // old one is free again.
                    self.session.lock = lock;
                }
                self.session.project_path = Some(path.clone());
                // As written into the file (see `start_save`); the name is
                // the file's, not an edit to undo.
                self.session.editor.project_mut_for_ids().name = project::name_from_path(&path);
                self.session.read_only = false;
                self.remember_recent(&path);
                self.notify(
                    Severity::Info,
                    format!("Saved {}", path.display()),
                    Vec::new(),
                );
                true
            }
            Err(e) => {
                self.notify(Severity::Error, format!("Could not save: {e}"), Vec::new());
                false
            }
        }
    }

    /// Sends the work to the recovery file when it is due; returns how long
    /// until the next check is needed, if one is.
    pub fn autosave_tick(&mut self, now: Instant) -> Option<Duration> {
        let error = self.session.safekeeping.autosaver.as_ref()?.take_error();
        if let Some(e) = error {
            self.notify(
                Severity::Warning,
                format!("Autosave could not write the recovery file: {e}"),
                Vec::new(),
            );
        }
        let revision = self.session.editor.revision();
        let dirty = self.session.editor.is_dirty();
        let keeping = &mut self.session.safekeeping;
        if revision != keeping.seen_revision {
            keeping.seen_revision = revision;
            keeping.last_change = now;
            keeping.first_change.get_or_insert(now);
        }
        if (revision, dirty) == keeping.autosaved {
            keeping.first_change = None;
            return None;
        }
        if !dirty {
            // Saved, or undone back to the saved state: nothing to recover.
            if let Some(a) = &keeping.autosaver {
                a.clear();
            }
            keeping.autosaved = (revision, dirty);
            keeping.first_change = None;
            return None;
        }
        let first = keeping.first_change.unwrap_or(now);
        let due = (keeping.last_change + AUTOSAVE_QUIET).min(first + AUTOSAVE_MAX_DELAY);
        if now < due {
            return Some(due - now);
        }
        keeping.autosaved = (revision, dirty);
        keeping.first_change = None;
        let (header, snapshot) = (self.recovery_header(), self.project().clone());
        if let Some(a) = &self.session.safekeeping.autosaver {
            a.submit(header, snapshot);
        }
        None
    }

    fn recovery_header(&self) -> RecoveryHeader {
        let mut header = RecoveryHeader::new(
            self.project(),
            self.session.project_path.as_deref(),
            self.session.editor.revision(),
        );
        header.unsaved_edits = self.session.editor.edits_since_save();
        header.last_edit = self.session.editor.undo_description().map(str::to_owned);
        header
    }

    /// Writes the recovery file now, on this thread: the frame panicked and
    /// the process is about to end. Returns where it wrote.
    pub fn write_recovery_now(&self) -> Option<PathBuf> {
        let autosaver = self.session.safekeeping.autosaver.as_ref()?;
        if !self.session.editor.is_dirty() {
            return None;
        }
        let session = autosaver.session();
        session
            .write(&self.recovery_header(), self.project())
            .ok()
            .map(|_| session.recovery_path().to_owned())
    }

    /// The window is closing normally: finish writing, and end the session
    /// (the analyst saved or chose not to).
    pub fn shut_down(&mut self) {
        self.wait_for_save();
        if let Some(mut autosaver) = self.session.safekeeping.autosaver.take() {
            autosaver.finish();
            if let Err(e) = autosaver.session().close() {
                eprintln!("dossier: could not remove the recovery file: {e}");
            }
        }
        self.session.lock = None;
    }

    /// Takes the lock for a project about to be opened; on conflict the open
    /// waits for the analyst (read-only, copy, or cancel).
    pub(super) fn lock_or_ask(
        &mut self,
        prepared: workflow::Prepared,
    ) -> Option<workflow::Prepared> {
        let Some((path, _)) = &prepared.project else {
            return Some(prepared);
        };
        if self
            .session
            .lock
            .as_ref()
            .is_some_and(|l| l.project() == path.as_path())
        {
            return Some(prepared);
        }
        match ProjectLock::acquire(path) {
            Ok(lock) => {
                let prepared = self.reread_if_changed(prepared)?;
                self.session.lock = Some(lock);
                self.session.read_only = false;
                Some(prepared)
            }
            Err(e @ LockError::Held { .. }) => {
                self.inbox.prompts.push(Prompt::Locked {
                    prepared: Box::new(prepared),
                    message: e.to_string(),
                });
                None
            }
            Err(e) => {
                // A folder where no lock file can be made (read-only media):
                // open it, but nothing can be saved there anyway.
                self.notify(
                    Severity::Warning,
                    format!("{e}; opened read-only"),
                    Vec::new(),
                );
                self.session.lock = None;
                self.session.read_only = true;
                Some(prepared)
            }
        }
    }

    /// The project was read before its lock was taken; another window may
    /// have saved it in between and let go. Under the lock, what is on disk
    /// now is what gets edited. `None` (with a notice) when it no longer
    /// reads.
    fn reread_if_changed(
        &mut self,
        mut prepared: workflow::Prepared,
    ) -> Option<workflow::Prepared> {
        let (path, project) = prepared.project.as_mut()?;
        let now = project::FileStamp::of(path);
        if now.is_some() && now == prepared.project_stamp {
            return Some(prepared);
        }
        match project::load(path) {
            Ok(fresh) => {
                *project = fresh;
                prepared.project_stamp = now;
                Some(prepared)
            }
            Err(e) => {
                self.notify(
                    Severity::Error,
                    format!("The project changed while it was being opened: {e}"),
                    Vec::new(),
                );
                None
            }
        }
    }

    /// Applies the analyst's answer to the first open question.
    pub fn answer_prompt(&mut self, answer: PromptAnswer) {
        if self.inbox.prompts.is_empty() {
            return;
        }
        match (self.inbox.prompts.remove(0), answer) {
            (Prompt::Restore(mut orphans), PromptAnswer::Restore(i)) if i < orphans.len() => {
                let orphan = orphans.remove(i);
                self.restore(orphan);
                self.keep_offering(orphans);
            }
            (Prompt::Restore(mut orphans), PromptAnswer::Discard(i)) if i < orphans.len() => {
                let orphan = orphans.remove(i);
                let what = orphan.header.project_name.clone();
                match orphan.discard() {
                    Ok(()) => self.notify(
                        Severity::Info,
                        format!("Discarded the unsaved work of “{what}”"),
                        Vec::new(),
                    ),
                    Err(e) => self.notify(
                        Severity::Warning,
                        format!("Could not delete the recovery file: {e}"),
                        Vec::new(),
                    ),
                }
                self.keep_offering(orphans);
            }
            (Prompt::Locked { prepared, .. }, PromptAnswer::OpenReadOnly) => {
                self.finish_open_unlocked(*prepared, false);
            }
            (Prompt::Locked { prepared, .. }, PromptAnswer::OpenCopy) => {
                self.finish_open_unlocked(*prepared, true);
            }
            (Prompt::Damaged(damaged), PromptAnswer::OpenBackup) => {
                let damaged = *damaged;
                if let Some((bak, project, _)) = damaged.backup {
                    self.open_as_copy(project, "backup");
                    self.notify(
                        Severity::Info,
                        format!(
                            "Opened the backup {} as an unsaved copy; {} was left as it is. Save As to keep it.",
                            bak.display(),
                            damaged.path.display()
                        ),
                        Vec::new(),
                    );
                }
            }
            // Later, Dismiss, Cancel: the question goes; offered work stays
            // on disk for the next launch.
            (_, PromptAnswer::Dismiss | PromptAnswer::Later) => {}
            // An answer that does not fit the question: ask again.
            (prompt, _) => self.inbox.prompts.insert(0, prompt),
        }
    }

    fn keep_offering(&mut self, orphans: Vec<Orphan>) {
        if !orphans.is_empty() {
            self.inbox.prompts.insert(0, Prompt::Restore(orphans));
        }
    }

    fn restore(&mut self, orphan: Orphan) {
        let project = match orphan.load() {
            Ok(p) => p,
            Err(e) => {
                self.notify(
                    Severity::Error,
                    format!("Could not restore: {e}"),
                    Vec::new(),
                );
                return;
            }
        };
        let header = orphan.header.clone();
        let n = project.documents.len();
        let mut project = project;
        match header.project_path.as_deref() {
            // Back in its file, under the file's name: Save writes there.
            Some(path) => match ProjectLock::acquire(path) {
                Ok(lock) => {
                    project.name = project::name_from_path(path);
                    self.adopt(project, Some((path.to_owned(), lock)))
                }
                // Its project is open in another window now: restore beside
                // it rather than over it, named after it.
                Err(_) => {
                    project.name = project::name_from_path(path);
                    self.open_as_copy(project, "recovered")
                }
            },
            None => self.adopt(project, None),
        }
        // Written again by this session's autosave at once, then deleted:
        // the work is never only in memory.
        self.session.safekeeping.autosaved = (u64::MAX, true);
        let recovery = self.write_recovery_now();
        if recovery.is_some() {
            let _ = orphan.discard();
        }
        self.notify(
            Severity::Info,
            format!(
                "Restored the unsaved work of “{}” ({n} documents). Save to keep it.",
                header.project_name
            ),
            Vec::new(),
        );
    }

    fn open_as_copy(&mut self, mut project: Project, what: &str) {
        project.name = format!("{} ({what})", project.name);
        self.adopt(project, None);
    }

    /// Makes `project` the one being edited, unsaved: in its file, whose
    /// lock is held, or in none yet.
    fn adopt(&mut self, project: Project, file: Option<(PathBuf, ProjectLock)>) {
        self.session.editor.replace_project(project, false);
        (self.session.project_path, self.session.lock) = file.unzip();
        self.session.read_only = false;
        self.reset_view();
    }

    fn finish_open_unlocked(&mut self, prepared: workflow::Prepared, copy: bool) {
        // The other window may have saved while the analyst was choosing.
        let Some(mut prepared) = self.reread_if_changed(prepared) else {
            return;
        };
        let Some((path, _)) = prepared.project.as_ref() else {
            return;
        };
        let path = path.clone();
        if copy && let Some((_, p)) = prepared.project.as_mut() {
            p.name = format!("{} (copy)", project::name_from_path(&path));
        }
        self.session.lock = None;
        self.finish_open(prepared);
        if copy {
            self.session.project_path = None;
            self.session.read_only = false;
            // A copy exists only in memory until it is saved.
            self.session.editor.mark_unsaved();
            self.notify(
                Severity::Info,
                format!(
                    "Opened a copy of {}; Save As to keep it under another name",
                    path.display()
                ),
                Vec::new(),
            );
        } else {
            self.session.read_only = true;
            self.notify(
                Severity::Info,
                format!(
                    "Opened {} read-only: it is being edited in another window",
                    path.display()
                ),
                Vec::new(),
            );
        }
    }

    pub(super) fn reset_view(&mut self) {
        self.show_document(self.project().documents.first().map(|d| d.id));
    }
}

/// The text of a crash note the frame guard shows on stderr.
pub fn recovery_note(path: Option<&Path>) -> String {
    match path {
        Some(p) => format!(
            "dossier: the unsaved work was written to {}; the next launch offers to restore it",
            p.display()
        ),
        None => "dossier: there was no unsaved work to keep".into(),
    }
}
