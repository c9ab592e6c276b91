//! Reading articles from files and folders.
//!
//! Each format has its own file; [`read_paths`] dispatches on the extension,
//! walks folders, and keeps going when one file is bad: the batch report
//! carries the articles that were read and an error for each file that was
//! not.

pub mod annotated;
mod decode;
mod html;
mod json;
mod text;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use decode::{DecodeError, Decoded, decode};
pub use html::read_html;
pub use json::{read_json, read_jsonl};
pub use text::read_text;

use crate::model::DocumentMeta;

/// A file larger than this is refused: no news article is 50 MB of text, and
/// reading one would stall the window.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The extensions Dossier opens as articles.
pub const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "json", "jsonl"];

/// An article read from a file, before it joins a project.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub meta: DocumentMeta,
    pub text: String,
}

/// Why a file (or one record in it) could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ImportError {
    pub path: PathBuf,
    /// 1-based line of the problem, where one is known.
    pub line: Option<usize>,
    pub message: String,
}

impl ImportError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: None,
            message: message.into(),
        }
    }

    pub fn at_line(path: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: Some(line),
            message: message.into(),
        }
    }
}

/// What a batch import produced.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub articles: Vec<Article>,
    pub errors: Vec<ImportError>,
    /// Files in opened folders that are not articles, and links not followed.
    pub skipped: Vec<PathBuf>,
    /// `.dossier` projects among the paths: the caller opens or merges them.
    pub projects: Vec<PathBuf>,
}

impl ImportReport {
    pub fn merge(&mut self, other: ImportReport) {
        self.articles.extend(other.articles);
        self.errors.extend(other.errors);
        self.skipped.extend(other.skipped);
        self.projects.extend(other.projects);
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether a path names a file Dossier reads as articles.
pub fn is_article_path(path: &Path) -> bool {
    ARTICLE_EXTENSIONS.contains(&extension(path).as_str())
}

/// Reads files and folders (recursively). Paths that are projects are listed
/// in the report, not read.
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> ImportReport {
    let mut report = ImportReport::default();
    let mut visited_dirs = Vec::new();
    for p in paths {
        let p = p.as_ref();
        if p.is_dir() {
            walk_dir(p, &mut report, &mut visited_dirs);
        } else if extension(p) == "dossier" {
            report.projects.push(p.to_owned());
        } else {
            let (articles, errors) = read_file_lenient(p);
            report.articles.extend(articles);
            report.errors.extend(errors);
        }
    }
    report
}

fn walk_dir(dir: &Path, report: &mut ImportReport, visited: &mut Vec<PathBuf>) {
    // Canonical paths guard against symlink loops.
    let Ok(canonical) = dir.canonicalize() else {
        report
            .errors
            .push(ImportError::new(dir, "cannot resolve this folder"));
        return;
    };
    if visited.contains(&canonical) {
        report.skipped.push(dir.to_owned());
        return;
    }
    visited.push(canonical);
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            report.errors.push(ImportError::new(
                dir,
                format!("cannot list this folder: {e}"),
            ));
            return;
        }
    };
    // Stable order so that a folder opens the same way on every system.
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk_dir(&path, report, visited);
        } else if is_article_path(&path) {
            let (articles, errors) = read_file_lenient(&path);
            report.articles.extend(articles);
            report.errors.extend(errors);
        } else {
            report.skipped.push(path);
        }
    }
}

/// Reads one file by its extension. A JSON Lines file can yield articles and
/// errors at once; here a file with any bad record reports the good ones too
/// through `read_file_lenient`.
pub fn read_file(path: &Path) -> Result<Vec<Article>, Vec<ImportError>> {
    let (articles, errors) = read_file_lenient(path);
    if articles.is_empty() && !errors.is_empty() {
        Err(errors)
    } else {
        Ok(articles)
    }
}

/// Reads one file, returning the articles read and the errors met; a bad
/// record in a JSON Lines file does not stop the good ones.
pub fn read_file_lenient(path: &Path) -> (Vec<Article>, Vec<ImportError>) {
    match read_bytes(path) {
        Ok(bytes) => read_bytes_lenient(path, &bytes),
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// Reads a file's bytes already in memory, as [`read_file_lenient`] does
/// after reading the file: `path` chooses the format by its extension and
/// names the file in errors. Any bytes give articles or errors, never a
/// panic; the fuzz targets in `fuzz/` go through here.
pub fn read_bytes_lenient(path: &Path, bytes: &[u8]) -> (Vec<Article>, Vec<ImportError>) {
    if let Err(e) = check_size(path, bytes.len() as u64, MAX_FILE_BYTES, "opens articles") {
        return (Vec::new(), vec![e]);
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => return (Vec::new(), vec![ImportError::new(path, e.to_string())]),
    };
    let meta = DocumentMeta {
        source_path: Some(path.to_owned()),
        ..Default::default()
    };
    match extension(path).as_str() {
        "html" | "htm" => (vec![read_html(&decoded.text, meta)], Vec::new()),
        "json" => match read_json(&decoded.text, &meta) {
            Ok(a) => (a, Vec::new()),
            Err(e) => (Vec::new(), vec![e.into_import_error(path)]),
        },
        "jsonl" => {
            let (a, errs) = read_jsonl(&decoded.text, &meta);
            (
                a,
                errs.into_iter()
                    .map(|e| e.into_import_error(path))
                    .collect(),
            )
        }
        "md" | "markdown" => (vec![read_text(decoded.text, meta, true)], Vec::new()),
        "txt" => (vec![read_text(decoded.text, meta, false)], Vec::new()),
        other => (
            Vec::new(),
            vec![ImportError::new(
                path,
                format!(
                    "unsupported file type {:?} (Dossier opens {})",
                    other,
                    ARTICLE_EXTENSIONS.map(|e| format!(".{e}")).join(", ")
                ),
            )],
        ),
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    read_file_limited(path, MAX_FILE_BYTES, "opens articles")
}

/// A file's bytes, refused before anything is read when it is a folder or
/// larger than `limit`. `what` says what the limit is for ("opens
/// articles"), for the message.
pub(crate) fn read_file_limited(
    path: &Path,
    limit: u64,
    what: &str,
) -> Result<Vec<u8>, ImportError> {
    let md = std::fs::metadata(path).map_err(|e| ImportError::new(path, io_message(&e)))?;
    if md.is_dir() {
        return Err(ImportError::new(path, "is a folder, not a file"));
    }
    check_size(path, md.len(), limit, what)?;
    let bytes = read_at_most(path, limit).map_err(|e| ImportError::new(path, io_message(&e)))?;
    check_size(path, bytes.len() as u64, limit, what)?;
    Ok(bytes)
}

/// A file's bytes, but no more than one past `limit`, so that the caller
/// can refuse it: a pipe, a device or a file still growing says it is
/// empty and then goes on, so the size the file system reports is not
/// enough.
pub(crate) fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Refuses `len` bytes over `limit`; `what` as for [`read_file_limited`].
pub(crate) fn check_size(path: &Path, len: u64, limit: u64, what: &str) -> Result<(), ImportError> {
    if len <= limit {
        return Ok(());
    }
    Err(ImportError::new(
        path,
        format!(
            "the file is {:.1} MB; Dossier {what} up to {} MB",
            len as f64 / 1e6,
            limit / 1024 / 1024
        ),
    ))
}

/// An I/O error in words a user reads.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The first non-empty line, trimmed: the title of a plain-text article.
pub fn first_line_title(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_owned()
}

/// Turns read articles into documents of `project`, with fresh ids.
pub fn into_documents(
    project: &mut crate::model::Project,
    articles: Vec<Article>,
) -> Vec<crate::model::Document> {
    articles
        .into_iter()
        .map(|a| crate::model::Document::new(project.fresh_doc_id(), a.meta, a.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device or pipe reports a size of 0 and then never ends: the limit
    /// holds while reading, not only on the size the file system reports.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_endless_file_is_refused_at_the_limit() {
        let limit = 3 * 1024 * 1024;
        let e = read_file_limited(Path::new("/dev/zero"), limit, "opens articles").unwrap_err();
        assert!(e.to_string().contains("opens articles up to 3 MB"), "{e}");
    }
}
