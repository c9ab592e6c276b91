//! `.dossier` project files: one JSON document with a schema name and a
//! version, written atomically with the previous version kept as a backup.
//!
//! Spans are written in Unicode code points, like every other file Dossier
//! writes; the conversion to the internal byte offsets happens here.

mod atomic;
mod format;
mod lock;

pub use atomic::{
    backup_path, remove_stale_temps, resolve_link, write_atomically, write_atomically_with,
};
pub(crate) use format::write_json;
pub use format::{CURRENT_VERSION, SCHEMA, from_json, to_json};
pub use lock::{Holder, LockError, ProjectLock};

use std::path::{Path, PathBuf};

use crate::model::Project;

/// Why a project could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a valid Dossier project: {message}")]
    /// The file is not valid JSON of a project.
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where the parser stopped: line and column.
        line: usize,
        /// The column on that line.
        column: usize,
        /// The parser's message.
        message: String,
    },
    #[error("{path}: not a Dossier project (schema {found:?}, expected {SCHEMA:?})")]
    /// Another program's JSON.
    WrongSchema {
        /// The file.
        path: PathBuf,
        /// The schema it names.
        found: String,
    },
    #[error(
        "{path}: this project was saved by a newer Dossier (file format version {found}; this Dossier reads up to {CURRENT_VERSION}). It was left untouched; open it with a newer Dossier."
    )]
    /// A newer Dossier wrote it; reading it could lose what it added.
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its format version.
        found: u64,
    },
    #[error(
        "{path}: the file is {:.1} MB; Dossier opens projects up to {} MB",
        *.len as f64 / 1e6,
        MAX_PROJECT_BYTES / 1024 / 1024
    )]
    /// Larger than Dossier opens.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        len: u64,
    },
    #[error("{path}: {message}")]
    /// The JSON reads but its content is inconsistent (ids, spans).
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        message: String,
    },
}

/// Reads a project file.
pub fn load(path: &Path) -> Result<Project, ProjectError> {
    let io = |source| ProjectError::Io {
        path: path.to_owned(),
        source,
    };
    // Checked before reading, so that a huge file is refused at once.
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_PROJECT_BYTES {
        return Err(ProjectError::TooLarge {
            path: path.to_owned(),
            len,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    from_json(&bytes, path)
}

/// The largest project file that is opened. Parsing takes a few times the
/// file's size in memory; a project of a thousand long articles is well
/// under this.
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

/// Writes a project file atomically; the previous file, if any, is kept as
/// `NAME.dossier.bak`.
pub fn save(project: &Project, path: &Path) -> Result<(), ProjectError> {
    let json = to_json(project);
    write_atomically(path, json.as_bytes(), true).map_err(|source| ProjectError::Io {
        path: path.to_owned(),
        source,
    })?;
    // Only on project saves, not on every autosave: it reads the folder.
    remove_stale_temps(&resolve_link(path));
    Ok(())
}

/// The backup of a project that could not be read, when there is one that
/// can: the project loaded from it and when it was written (seconds since
/// the Unix epoch). The damaged file is not touched.
pub fn readable_backup(path: &Path) -> Option<(PathBuf, Project, Option<u64>)> {
    let bak = backup_path(&resolve_link(path));
    let modified = std::fs::metadata(&bak)
        .ok()?
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs());
    let project = load(&bak).ok()?;
    Some((bak, project, modified))
}

/// What a file looked like on disk when it was read: enough to tell that it
/// was replaced or rewritten since, without reading it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Saves replace the file by renaming, so a new file is a new inode even
    /// when size and time happen to match.
    #[cfg(unix)]
    inode: u64,
}

impl FileStamp {
    /// The stamp of `path` now; `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&meta),
        })
    }
}

/// A project name from its file name.
pub fn name_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".into())
}
