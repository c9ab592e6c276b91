//! Reading articles from files and folders.
//!
//! Each format has its own file; [`read_paths`] dispatches on the extension,
//! walks folders, and keeps going when one file is bad: the batch report
//! carries the articles that were read and an error for each file that was
//! not.

/// Annotated datasets from other tools (JSONL, brat, Label Studio).
pub mod annotated;
mod decode;
mod html;
mod html_tokens;
mod json;
mod text;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use decode::{DecodeError, Decoded, decode};
pub use html::read_html;
pub use json::{article_from_object, read_json, read_jsonl};
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
    /// Title, date, outlet and where it came from.
    pub meta: DocumentMeta,
    /// The article's text, as the document will hold it.
    pub text: String,
}

/// Why a file (or one record in it) could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ImportError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the problem, where one is known.
    pub line: Option<usize>,
    /// What is wrong, for the analyst.
    pub message: String,
}

impl ImportError {
    /// A problem with the whole file.
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: None,
            message: message.into(),
        }
    }

    /// A problem on one line of the file.
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
    /// The articles read, in the order of the files.
    pub articles: Vec<Article>,
    /// One error for each file or record that could not be read.
    pub errors: Vec<ImportError>,
    /// Files in opened folders that are not articles, and links not followed.
    pub skipped: Vec<PathBuf>,
    /// `.dossier` projects among the paths: the caller opens or merges them.
    pub projects: Vec<PathBuf>,
}

impl ImportReport {
    /// Appends another batch's results to this one.
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

/// What a set of paths holds, listed but not read: the article files in
/// the order they are read (folders walked recursively, sorted), projects,
/// and what was skipped or could not be listed.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// The article files, in reading order.
    pub files: Vec<PathBuf>,
    /// `.dossier` projects among the paths.
    pub projects: Vec<PathBuf>,
    /// Files that are not articles, and links not followed.
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be listed.
    pub errors: Vec<ImportError>,
}

/// Lists files and folders (recursively) without reading them. A named pipe,
/// socket or device inside a folder is skipped (reading one would block or
/// never end); named directly it is refused with an error.
pub fn list_paths<P: AsRef<Path>>(paths: &[P]) -> Listing {
    let mut listing = Listing::default();
    let mut visited_dirs = Vec::new();
    for p in paths {
        let p = p.as_ref();
        if p.is_dir() {
            walk_dir(p, &mut listing, &mut visited_dirs);
        } else if let Some(kind) = special_file(p) {
            listing.errors.push(ImportError::new(p, refusal(kind)));
        } else if extension(p) == "dossier" {
            listing.projects.push(p.to_owned());
        } else {
            listing.files.push(p.to_owned());
        }
    }
    listing
}

/// Reads files and folders (recursively). Paths that are projects are listed
/// in the report, not read.
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> ImportReport {
    let listing = list_paths(paths);
    let mut report = ImportReport {
        errors: listing.errors,
        skipped: listing.skipped,
        projects: listing.projects,
        ..Default::default()
    };
    for path in &listing.files {
        let (articles, errors) = read_file_lenient(path);
        report.articles.extend(articles);
        report.errors.extend(errors);
    }
    report
}

/// What kind of file other than a regular file or a folder `path` is (through
/// symbolic links): "a named pipe", "a socket", "a device"; `None` for a
/// file, a folder, or a path that does not exist.
pub fn special_file(path: &Path) -> Option<&'static str> {
    special_kind(std::fs::metadata(path).ok()?.file_type())
}

fn special_kind(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

fn refusal(kind: &str) -> String {
    format!(
        "is {kind}, not a file; Dossier reads only regular files (to annotate a stream, pipe it to `dossier annotate -`)"
    )
}

fn walk_dir(dir: &Path, report: &mut Listing, visited: &mut Vec<PathBuf>) {
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
    // With the type of each entry, known from the listing itself on most
    // systems; a link is followed (one more look-up).
    let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| {
                let e = e.ok()?;
                let t = e.file_type().ok().filter(|t| !t.is_symlink());
                Some((e.path(), t))
            })
            .collect(),
        Err(e) => {
            report.errors.push(ImportError::new(
                dir,
                format!("cannot list this folder: {e}"),
            ));
            return;
        }
    };
    // Stable order so that a folder opens the same way on every system.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let file_type = file_type.or_else(|| std::fs::metadata(&path).ok().map(|m| m.file_type()));
        if file_type.is_some_and(|t| t.is_dir()) {
            walk_dir(&path, report, visited);
        } else if is_article_path(&path) && file_type.is_none_or(|t| special_kind(t).is_none()) {
            report.files.push(path);
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
    if let Some(kind) = special_kind(md.file_type()) {
        return Err(ImportError::new(path, refusal(kind)));
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

    /// A device or pipe reports a size of 0 and then never ends (or never
    /// starts): it is refused before anything is read.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_refused_before_reading() {
        let limit = 3 * 1024 * 1024;
        let e = read_file_limited(Path::new("/dev/zero"), limit, "opens articles").unwrap_err();
        assert!(e.to_string().contains("is a device, not a file"), "{e}");
    }

    /// A file that says it is empty and then goes on (as files under /proc
    /// do) is still cut at the limit while reading.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_longer_than_it_says_is_cut_at_the_limit() {
        let bytes = read_at_most(Path::new("/proc/self/maps"), 10).unwrap();
        assert!(bytes.len() <= 11);
    }
}
