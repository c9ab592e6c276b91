//! Keeping unsaved work through crashes, kills and power cuts.
//!
//! Every running Dossier has a *session* in the recovery folder of the
//! user's data folder: a lock file it holds for as long as it runs, and a
//! recovery file that the autosaver rewrites (atomically) a few seconds after
//! each edit and removes once the work is saved. A session whose lock nobody
//! holds belongs to a process that ended without closing it (a crash, a
//! kill, a power cut); its recovery file is what the next launch offers to
//! restore.
//!
//! A recovery file is one JSON line of [`RecoveryHeader`] (what the offer
//! shows, read without parsing the rest) followed by the project in the
//! ordinary `.dossier` format.
//!
//! [`crash`] writes crash reports from a panic hook.

pub mod crash;

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::Project;
use crate::project;

const SCHEMA: &str = "dossier.recovery";
const VERSION: u32 = 1;

/// Why a recovery file could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    #[error("{path}: not a Dossier recovery file: {message}")]
    /// Not a recovery file, or a damaged one.
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    #[error("{path}: written by a newer Dossier (recovery format {found})")]
    /// A newer Dossier wrote it.
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its recovery format version.
        found: u32,
    },
    /// The project inside it could not be read.
    #[error(transparent)]
    Project(#[from] project::ProjectError),
}

/// An I/O error about `path`, for `map_err`.
fn io_error(path: &Path) -> impl FnOnce(io::Error) -> RecoveryError + '_ {
    move |source| RecoveryError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Where Dossier keeps its own files (recovery, crash reports):
/// `DOSSIER_DATA_DIR` when set (tests, portable installs), otherwise the
/// platform's per-user data folder.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOSSIER_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "windows") {
        std::env::var_os("LOCALAPPDATA")
            .or_else(|| std::env::var_os("APPDATA"))
            .map(|d| PathBuf::from(d).join("Dossier"))
    } else if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library/Application Support/Dossier"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home().map(|h| h.join(".local/share")))
            .map(|d| d.join("dossier"))
    }
}

/// What a recovery file holds, shown when the next launch offers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryHeader {
    /// Always `dossier.recovery`.
    pub schema: String,
    /// The recovery format's version.
    pub version: u32,
    /// Seconds since the Unix epoch.
    pub written_at: u64,
    /// The project file the work belongs to; `None` when it was never saved.
    pub project_path: Option<PathBuf>,
    /// The project's name (its file's, when it has one).
    pub project_name: String,
    /// How many documents the work holds.
    pub documents: usize,
    /// How many annotations, in all documents.
    pub annotations: usize,
    /// Edits since the last save, when known.
    pub unsaved_edits: Option<usize>,
    /// The most recent edit, as the Edit menu names it.
    pub last_edit: Option<String>,
    /// The editor's revision; a write never replaces a newer one.
    pub revision: u64,
}

impl RecoveryHeader {
    /// The header of the project's work now, at `revision`.
    pub fn new(project: &Project, project_path: Option<&Path>, revision: u64) -> Self {
        Self {
            schema: SCHEMA.into(),
            version: VERSION,
            written_at: now_secs(),
            project_path: project_path.map(Path::to_owned),
            project_name: match project_path {
                Some(p) => project::name_from_path(p),
                None => project.name.clone(),
            },
            documents: project.documents.len(),
            annotations: project
                .documents
                .iter()
                .map(|d| d.annotations().len())
                .sum(),
            unsaved_edits: None,
            last_edit: None,
            revision,
        }
    }

    /// One line for the restore offer.
    pub fn describe(&self) -> String {
        let place = match &self.project_path {
            Some(p) => p.display().to_string(),
            None => "never saved".into(),
        };
        let mut s = format!(
            "{} ({place}): {} document{}, {} annotation{}",
            self.project_name,
            self.documents,
            plural(self.documents),
            self.annotations,
            plural(self.annotations),
        );
        match self.unsaved_edits {
            Some(n) => s.push_str(&format!(", {n} unsaved edit{}", plural(n))),
            None => s.push_str(", unsaved edits"),
        }
        if let Some(e) = &self.last_edit {
            s.push_str(&format!(" (last: {e})"));
        }
        s.push_str(&format!("; autosaved {}", format_utc(self.written_at)));
        s
    }
}

/// "s" unless `n` is one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub(crate) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `2026-11-28 06:05:09 UTC`. Written here rather than pulling in a date
/// crate for one format.
pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The recovery folder.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    /// The store under a data folder (see [`data_dir`]).
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("recovery"),
        }
    }

    #[cfg(test)]
    /// The folder of recovery files.
    fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts this process's session: creates and locks its lock file.
    pub fn start_session(&self) -> Result<RecoverySession, RecoveryError> {
        fs::create_dir_all(&self.dir).map_err(io_error(&self.dir))?;
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let id = format!("{stamp}-{}", std::process::id());
        let lock_path = self.dir.join(format!("{id}.lock"));
        let lock = File::create(&lock_path).map_err(io_error(&lock_path))?;
        lock.lock().map_err(io_error(&lock_path))?;
        Ok(RecoverySession {
            inner: Arc::new(SessionFiles {
                recovery_path: self.dir.join(format!("{id}.recovery")),
                lock_path,
                _lock: lock,
                written: Mutex::new(None),
            }),
        })
    }

    /// Sessions left behind by processes that ended without closing them,
    /// newest first. Each is locked by this process while it is offered, so
    /// that two new windows do not both restore it. Stale lock files with
    /// nothing to restore are removed on the way.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "lock") {
                continue;
            }
            let Ok(lock) = fs::OpenOptions::new().write(true).open(&path) else {
                continue;
            };
            if lock.try_lock().is_err() {
                continue; // a live Dossier, maybe this one
            }
            let recovery_path = path.with_extension("recovery");
            match read_header(&recovery_path) {
                Ok(header) => found.push(Orphan {
                    header,
                    recovery_path,
                    lock_path: path,
                    _lock: lock,
                }),
                Err(RecoveryError::Io { source, .. })
                    if source.kind() == io::ErrorKind::NotFound =>
                {
                    // Ended with nothing unsaved.
                    let _ = fs::remove_file(&path);
                }
                // A newer Dossier's work: left as it is for that Dossier.
                Err(RecoveryError::NewerVersion { .. }) => {}
                Err(_) => {
                    // Unreadable: keep it for a human to look at, but stop
                    // offering it (renaming frees the session name).
                    let _ = fs::rename(&recovery_path, recovery_path.with_extension("damaged"));
                    let _ = fs::remove_file(&path);
                }
            }
        }
        found.sort_by_key(|o| std::cmp::Reverse(o.header.written_at));
        found
    }
}

/// Reads the header line of a recovery file.
fn read_header(path: &Path) -> Result<RecoveryHeader, RecoveryError> {
    let file = File::open(path).map_err(io_error(path))?;
    let mut line = Vec::new();
    // The header is small; a file without a newline in its first 64 KiB is
    // not a recovery file.
    BufReader::new(file.take(64 * 1024))
        .read_until(b'\n', &mut line)
        .map_err(io_error(path))?;
    parse_header(&line, path)
}

/// The header line of a recovery file, refused when it is another file's or a newer Dossier's.
fn parse_header(line: &[u8], path: &Path) -> Result<RecoveryHeader, RecoveryError> {
    let header: RecoveryHeader =
        serde_json::from_slice(line.trim_ascii_end()).map_err(|e| RecoveryError::Invalid {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
    if header.schema != SCHEMA {
        return Err(RecoveryError::Invalid {
            path: path.to_owned(),
            message: format!("schema {:?}", header.schema),
        });
    }
    if header.version > VERSION {
        return Err(RecoveryError::NewerVersion {
            path: path.to_owned(),
            found: header.version,
        });
    }
    Ok(header)
}

/// Reads a whole recovery file: header and project from one read.
pub fn read(path: &Path) -> Result<(RecoveryHeader, Project), RecoveryError> {
    let bytes = fs::read(path).map_err(io_error(path))?;
    let newline = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| RecoveryError::Invalid {
            path: path.to_owned(),
            message: "no header line".into(),
        })?;
    let header = parse_header(&bytes[..newline], path)?;
    let project = project::from_json(&bytes[newline + 1..], path)?;
    Ok((header, project))
}

/// Unsaved work left by a process that ended without closing its session.
#[derive(Debug)]
pub struct Orphan {
    /// What the file says it holds.
    pub header: RecoveryHeader,
    recovery_path: PathBuf,
    lock_path: PathBuf,
    _lock: File,
}

impl Orphan {
    /// Reads the work it holds.
    pub fn load(&self) -> Result<Project, RecoveryError> {
        read(&self.recovery_path).map(|(_, p)| p)
    }

    /// Deletes it: after it was restored (the restoring session now keeps
    /// the work) or when the analyst declines it.
    pub fn discard(self) -> io::Result<()> {
        let Orphan {
            recovery_path,
            lock_path,
            _lock,
            ..
        } = self;
        fs::remove_file(&recovery_path)?;
        // Windows cannot delete a file that is open.
        drop(_lock);
        let _ = fs::remove_file(&lock_path);
        Ok(())
    }
}

/// The running process's recovery files. Cloning shares them.
#[derive(Clone, Debug)]
pub struct RecoverySession {
    inner: Arc<SessionFiles>,
}

#[derive(Debug)]
struct SessionFiles {
    recovery_path: PathBuf,
    lock_path: PathBuf,
    _lock: File,
    /// The revision last written; `None` after a clear. The mutex also
    /// keeps a write from the panic path and one from the autosaver apart.
    written: Mutex<Option<u64>>,
}

impl RecoverySession {
    /// The session's recovery file.
    pub fn recovery_path(&self) -> &Path {
        &self.inner.recovery_path
    }

    /// Writes the work unless a newer revision is already on disk. Returns
    /// whether it wrote.
    pub fn write(&self, header: &RecoveryHeader, project: &Project) -> io::Result<bool> {
        let mut written = self.inner.written.lock().unwrap_or_else(|e| e.into_inner());
        if written.is_some_and(|r| r > header.revision) {
            return Ok(false);
        }
        let mut bytes = serde_json::to_vec(header).map_err(io::Error::other)?;
        bytes.push(b'\n');
        project::write_json(project, &mut bytes);
        project::write_atomically(&self.inner.recovery_path, &bytes, false)?;
        *written = Some(header.revision);
        Ok(true)
    }

    /// Removes the recovery file: the work is saved (or there is none).
    pub fn clear(&self) -> io::Result<()> {
        let mut written = self.inner.written.lock().unwrap_or_else(|e| e.into_inner());
        *written = None;
        match fs::remove_file(&self.inner.recovery_path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Ends the session on a normal exit: nothing is left to recover. Not a
    /// `Drop`, because unwinding from a panic drops everything too, and then
    /// the recovery file is exactly what must stay.
    pub fn close(&self) -> io::Result<()> {
        self.clear()?;
        let _ = fs::remove_file(&self.inner.lock_path);
        Ok(())
    }
}

enum AutosaveJob {
    Write(Box<(RecoveryHeader, Project)>),
    Clear,
}

/// Writes recovery snapshots on a thread of its own so that a large project
/// never stalls a frame. Snapshots that queue up while one is being written
/// collapse into the newest.
pub struct Autosaver {
    session: RecoverySession,
    jobs: Option<Sender<AutosaveJob>>,
    last_error: Arc<Mutex<Option<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// Starts the writer thread for the session.
    pub fn new(session: RecoverySession) -> Self {
        let (tx, rx) = mpsc::channel();
        let last_error = Arc::new(Mutex::new(None));
        let worker = session.clone();
        let errors = last_error.clone();
        let thread = std::thread::Builder::new()
            .name("dossier-autosave".into())
            .spawn(move || autosave_loop(&worker, &rx, &errors))
            .ok();
        Self {
            session,
            jobs: thread.is_some().then_some(tx),
            last_error,
            thread,
        }
    }

    /// The session it writes for.
    pub fn session(&self) -> &RecoverySession {
        &self.session
    }

    /// Queues a snapshot (a cheap clone of the project; see
    /// [`crate::model::Document`]).
    pub fn submit(&self, header: RecoveryHeader, project: Project) {
        let job = AutosaveJob::Write(Box::new((header, project)));
        let job = match &self.jobs {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        // No thread (any more): write here rather than not at all.
        if let AutosaveJob::Write(b) = job
            && let Err(e) = self.session.write(&b.0, &b.1)
        {
            self.set_error(e);
        }
    }

    /// Removes the recovery file (the work is saved or discarded).
    pub fn clear(&self) {
        match &self.jobs {
            Some(tx) if tx.send(AutosaveJob::Clear).is_ok() => {}
            _ => {
                if let Err(e) = self.session.clear() {
                    self.set_error(e);
                }
            }
        }
    }

    /// The last write error, once: the GUI turns it into a notice.
    pub fn take_error(&self) -> Option<String> {
        self.last_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }

    /// Keeps the failure for [`Autosaver::take_error`].
    fn set_error(&self, e: io::Error) {
        record_error(&self.last_error, &self.session, e);
    }

    /// Waits until every queued job is written (normal exit, tests).
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The writer thread: only the newest queued job is done, older ones are skipped.
fn autosave_loop(
    session: &RecoverySession,
    jobs: &Receiver<AutosaveJob>,
    errors: &Mutex<Option<String>>,
) {
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let result = match job {
            AutosaveJob::Write(b) => session.write(&b.0, &b.1).map(drop),
            AutosaveJob::Clear => session.clear(),
        };
        if let Err(e) = result {
            record_error(errors, session, e);
        }
    }
}

/// Keeps the last autosave failure for the window to report.
fn record_error(errors: &Mutex<Option<String>>, session: &RecoverySession, e: io::Error) {
    *errors.lock().unwrap_or_else(|e| e.into_inner()) =
        Some(format!("{}: {e}", session.recovery_path().display()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, DocumentMeta};

    fn project(n: usize) -> Project {
        let mut p = Project::new("Field notes");
        for i in 0..n {
            let id = p.fresh_doc_id();
            p.documents.push(Document::new(
                id,
                DocumentMeta {
                    title: format!("Dispatch {i}"),
                    ..Default::default()
                },
                format!("Kraków — “Shields up,” said Zoë {i} 🚀"),
            ));
        }
        p
    }

    #[test]
    fn dates_format_as_utc() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(1_795_838_709), "2026-11-28 04:05:09 UTC");
    }

    #[test]
    fn a_live_session_is_not_an_orphan_and_a_closed_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_data_dir(dir.path());
        let session = store.start_session().unwrap();
        let p = project(2);
        session
            .write(&RecoveryHeader::new(&p, None, 3), &p)
            .unwrap();
        assert!(store.orphans().is_empty(), "its lock is held");
        session.close().unwrap();
        assert!(store.orphans().is_empty());
        assert_eq!(fs::read_dir(store.dir()).unwrap().count(), 0);
    }

    #[test]
    fn work_of_an_ended_session_is_offered_whole_and_discarded_on_request() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_data_dir(dir.path());
        let p = project(3);
        {
            let session = store.start_session().unwrap();
            let mut h = RecoveryHeader::new(&p, Some(Path::new("/tmp/notes.dossier")), 7);
            h.unsaved_edits = Some(4);
            h.last_edit = Some("label “Zoë” PERSON".into());
            session.write(&h, &p).unwrap();
            // Dropped without close(): what a crash leaves.
        }
        let orphans = store.orphans();
        assert_eq!(orphans.len(), 1);
        let o = &orphans[0];
        assert_eq!(o.header.project_name, "notes");
        assert_eq!(o.header.documents, 3);
        let text = o.header.describe();
        assert!(text.contains("3 documents"), "{text}");
        assert!(text.contains("4 unsaved edits"), "{text}");
        assert_eq!(o.load().unwrap(), p);
        // While this process holds it, it is not offered again.
        assert!(store.orphans().is_empty());
        orphans.into_iter().next().unwrap().discard().unwrap();
        assert!(store.orphans().is_empty());
    }

    #[test]
    fn an_older_snapshot_never_replaces_a_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_data_dir(dir.path());
        let session = store.start_session().unwrap();
        let (old, new) = (project(1), project(2));
        assert!(
            session
                .write(&RecoveryHeader::new(&new, None, 9), &new)
                .unwrap()
        );
        assert!(
            !session
                .write(&RecoveryHeader::new(&old, None, 8), &old)
                .unwrap()
        );
        assert_eq!(read(session.recovery_path()).unwrap().1, new);
    }

    #[test]
    fn the_autosaver_writes_the_newest_snapshot_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_data_dir(dir.path());
        let mut saver = Autosaver::new(store.start_session().unwrap());
        for n in 1..=5 {
            let p = project(n);
            saver.submit(RecoveryHeader::new(&p, None, n as u64), p);
        }
        saver.finish();
        let path = saver.session().recovery_path().to_owned();
        assert_eq!(read(&path).unwrap().1.documents.len(), 5);
        assert!(saver.take_error().is_none());
        let saver = Autosaver::new(saver.session().clone());
        saver.clear();
        drop(saver);
        assert!(!path.exists());
    }

    #[test]
    fn a_damaged_recovery_file_is_set_aside_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_data_dir(dir.path());
        {
            let session = store.start_session().unwrap();
            fs::write(session.recovery_path(), b"\x00\x01garbage").unwrap();
        }
        assert!(store.orphans().is_empty());
        let names: Vec<String> = fs::read_dir(store.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().any(|n| n.ends_with(".damaged")), "{names:?}");
    }
}
