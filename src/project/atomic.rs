use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// `NAME.EXT.bak` beside `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".bak");
    path.with_file_name(name)
}

/// A temporary name no other writer uses: the process id tells processes
/// apart, the counter the threads of one process (the autosaver and a save
/// running together).
fn temp_path(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(format!(".{}-{n}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the
/// old file or the new one, whole: the data goes to a temporary file in the
/// same folder, is flushed to disk, and is renamed over the target (an atomic
/// operation on every supported file system). With `keep_backup`, the old
/// file is first linked (or copied) to its `.bak` name.
///
/// Through a symbolic link, the file it points to is replaced and the link
/// kept. A target that is not a regular file (`/dev/null`, a named pipe, a
/// terminal) is written to in place: there is nothing to replace, and a
/// rename would put a plain file where the device was.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    write_atomically_with(path, keep_backup, &mut |w| w.write_all(bytes))
}

/// [`write_atomically`] for output written as it is made: `write` gets a
/// buffered writer (to the temporary file, or in place for a device), so a
/// large output never has to be held in memory whole.
pub fn write_atomically_with(
    path: &Path,
    keep_backup: bool,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if writes_in_place(path) {
        // Appending: `-o /dev/stdout` with stdout redirected to a file must
        // neither replace that file nor overwrite what is already in it.
        let f = fs::OpenOptions::new().append(true).open(path)?;
        let mut out = io::BufWriter::with_capacity(1 << 18, f);
        write(&mut out)?;
        return out.flush();
    }
    let resolved = resolve_link(path);
    let path = resolved.as_path();
    let dir = folder_of(path);
    fs::create_dir_all(dir)?;
    let tmp = temp_path(path);
    let result = (|| {
        let mut out = io::BufWriter::with_capacity(1 << 18, File::create(&tmp)?);
        write(&mut out)?;
        let f = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        f.sync_all()?;
        drop(f);
        if keep_backup && path.exists() {
            let bak = backup_path(path);
            let _ = fs::remove_file(&bak);
            if fs::hard_link(path, &bak).is_err() {
                fs::copy(path, &bak)?;
            }
        }
        fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The folder a file is in; `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The file a path names: through symbolic links (relative or not), the
/// file they point to, so that its backup, temporary files and lock sit
/// beside it and two names for one project share one lock. A link to a
/// file not written yet names where that file will be. Anything that is not
/// a link, or a chain that does not end in an existing folder, is returned
/// as given.
pub fn resolve_link(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    // As many hops as the kernel follows before giving up (ELOOP).
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {}
            Ok(_) if current == path => return current,
            // The end of a chain: name it by its real folder.
            _ => {
                let Some(name) = current.file_name() else {
                    return path.to_owned();
                };
                let dir = folder_of(&current);
                return fs::canonicalize(dir).map_or_else(|_| path.to_owned(), |d| d.join(name));
            }
        }
        let Ok(target) = fs::read_link(&current) else {
            return path.to_owned();
        };
        current = match current.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    path.to_owned()
}

/// Whether `path` is a device, a pipe or a terminal rather than a file:
/// there is nothing to replace, and a rename would put a plain file where
/// the device was. On Unix, anything named under `/dev` or `/proc` counts
/// (`/dev/stdout` is a link to whatever standard output is, a file
/// included).
fn writes_in_place(path: &Path) -> bool {
    if cfg!(unix) && (path.starts_with("/dev") || path.starts_with("/proc")) {
        return true;
    }
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Temporary files of this target that a killed process left behind. One
/// still being written changes every few milliseconds, so anything untouched
/// for ten minutes is debris.
pub fn remove_stale_temps(path: &Path) {
    let Some(name) = path.file_name() else {
        return;
    };
    let dir = folder_of(path);
    let prefix = format!("{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let is_ours = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit() || c == '-'));
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 600);
        if is_ours && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes the rename durable. Only meaningful (and possible) on Unix.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_keeps_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.dossier");
        write_atomically(&p, b"one", true).unwrap();
        assert!(!backup_path(&p).exists());
        write_atomically(&p, b"two", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&p)).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real — Łódź.dossier");
        let link = dir.path().join("link.dossier");
        fs::write(&real, b"one").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"two", true).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&real)).unwrap(), b"one");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_to_not_replaced() {
        use std::io::Read;
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.jsonl");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                File::open(fifo).unwrap().read_to_end(&mut got).unwrap();
                got
            })
        };
        write_atomically(&fifo, b"{\"id\":1}\n", false).unwrap();
        // Checked before joining: had the pipe been renamed over, the reader
        // would wait on it forever.
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"{\"id\":1}\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file or backup: {names:?}");
    }

    #[test]
    fn debris_of_killed_saves_is_removed_but_not_fresh_or_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.dossier");
        let old = dir.path().join("a.dossier.4242-0.tmp");
        let fresh = dir.path().join("a.dossier.4343-1.tmp");
        let foreign = dir.path().join("a.dossier.notes.tmp");
        for f in [&old, &fresh, &foreign] {
            fs::write(f, b"partial").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for f in [&old, &foreign] {
            File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        remove_stale_temps(&p);
        assert!(!old.exists());
        assert!(fresh.exists(), "may be a save under way");
        assert!(foreign.exists(), "not a name Dossier makes");
    }
}
