//! One writer per project. A Dossier that opens a project for editing holds
//! an operating-system lock on a small file beside it (`.NAME.dossier.lock`)
//! until it closes the project. The lock is the operating system's, so a
//! crashed or killed process cannot leave a stale one behind; the file's
//! text only says who holds it, for the message the second window shows.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a project could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{project} is open in another Dossier window{holder}")]
    /// Another window (or process) holds the lock.
    Held {
        /// The project.
        project: PathBuf,
        /// Who holds it.
        holder: Holder,
    },
    #[error("{path}: could not lock the project: {source}")]
    /// The lock file could not be made or read.
    Io {
        /// The lock file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
}

/// Who holds a lock, as far as its file says (Windows does not let other
/// processes read a locked file, so it may say nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holder {
    /// The holding process.
    pub pid: Option<u32>,
    /// The machine it runs on.
    pub host: Option<String>,
    /// Seconds since the Unix epoch.
    pub since: Option<u64>,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(pid) = self.pid {
            write!(f, " (process {pid}")?;
            if let Some(h) = &self.host {
                write!(f, " on {h}")?;
            }
            if let Some(s) = self.since {
                write!(f, ", since {}", crate::recovery::format_utc(s))?;
            }
            write!(f, ")")?;
        }
        Ok(())
    }
}

/// The lock on one project, released (and its file removed) when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    project: PathBuf,
    lock_path: PathBuf,
    file: Option<File>,
}

/// `.NAME.dossier.lock` beside the project: hidden on Unix, next to the
/// file it guards on every system (the file a link points to, so that a
/// project opened under two names has one lock).
pub fn lock_path(project: &Path) -> PathBuf {
    let project = super::resolve_link(project);
    let mut name = std::ffi::OsString::from(".");
    name.push(project.file_name().unwrap_or_default());
    name.push(".lock");
    project.with_file_name(name)
}

impl ProjectLock {
    /// Takes the lock, or says who has it.
    pub fn acquire(project: &Path) -> Result<Self, LockError> {
        let lock_path = lock_path(project);
        let io_err = |source| LockError::Io {
            path: lock_path.clone(),
            source,
        };
        // The holder removes the file when it lets go. Between our open and
        // our lock, that can happen, leaving us locking a file no longer in
        // the folder while a third process creates a new one; so after
        // locking, check that the file is still the one at the path.
        for _ in 0..8 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&lock_path)
                .map_err(io_err)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(LockError::Held {
                        project: project.to_owned(),
                        holder: read_holder(&mut file),
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(io_err(e)),
            }
            if !still_at_path(&file, &lock_path) {
                continue;
            }
            // Who we are, for the other window's message; best effort.
            let _ = file.set_len(0).and_then(|()| {
                write!(
                    file,
                    "{} {} {}",
                    std::process::id(),
                    host_name().unwrap_or_else(|| "-".into()),
                    crate::recovery::now_secs()
                )
            });
            let _ = file.sync_all();
            return Ok(Self {
                project: project.to_owned(),
                lock_path,
                file: Some(file),
            });
        }
        Err(io_err(io::Error::other(
            "the lock file kept changing; is another program replacing it?",
        )))
    }

    /// The project the lock is for.
    pub fn project(&self) -> &Path {
        &self.project
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Remove first, then unlock: whoever opens the path next either
        // finds no file or waits for our unlock and then sees it is gone.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.lock_path);
        let file = self.file.take();
        drop(file);
        // Windows refuses to delete an open file; now it is closed.
        #[cfg(not(unix))]
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// Who the lock file says holds it: "pid host since", any part may be missing.
fn read_holder(file: &mut File) -> Holder {
    let mut text = String::new();
    if file.take(256).read_to_string(&mut text).is_err() {
        return Holder::default();
    }
    let mut parts = text.split_whitespace();
    Holder {
        pid: parts.next().and_then(|p| p.parse().ok()),
        host: parts.next().filter(|h| *h != "-").map(str::to_owned),
        since: parts.next().and_then(|s| s.parse().ok()),
    }
}

/// Whether the open lock file is still the one at `path` (not removed or
/// replaced meanwhile).
#[cfg(unix)]
fn still_at_path(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at_path(_file: &File, _path: &Path) -> bool {
    // Windows does not delete a file another process has open, so the file
    // we opened is the one at the path.
    true
}

/// This machine's name, for the lock file, so that a refusal can say
/// where the project is open; `None` when it cannot be told.
fn host_name() -> Option<String> {
    let name = std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())?;
    let name = name.trim();
    (!name.is_empty() && !name.contains(char::is_whitespace)).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_project_is_refused_and_says_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("Baltic notes — Žemaitija.dossier");
        let first = ProjectLock::acquire(&project).unwrap();
        match ProjectLock::acquire(&project) {
            Err(LockError::Held { holder, .. }) => {
                if cfg!(unix) {
                    assert_eq!(holder.pid, Some(std::process::id()));
                    assert!(holder.since.is_some());
                }
            }
            other => panic!("expected Held, got {other:?}"),
        }
        let message = ProjectLock::acquire(&project).unwrap_err().to_string();
        assert!(
            message.contains("is open in another Dossier window"),
            "{message}"
        );
        drop(first);
        assert!(!lock_path(&project).exists(), "the lock file is removed");
        let again = ProjectLock::acquire(&project).unwrap();
        assert_eq!(again.project(), project);
    }

    #[test]
    fn a_lock_file_left_behind_is_not_a_lock() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("a.dossier");
        fs::write(lock_path(&project), "4242 elsewhere 1").unwrap();
        assert!(ProjectLock::acquire(&project).is_ok());
    }
}
