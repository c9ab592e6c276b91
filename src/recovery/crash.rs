//! Crash reports. A panic hook writes what happened (message, place,
//! backtrace, version, system) to the crash folder before the process goes
//! on to unwind or abort; the next launch lists the reports it has not
//! shown yet. The unsaved work itself is written by the GUI, which catches
//! the unwinding frame while it still has the project (see `ui::app`).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static CRASH_DIR: OnceLock<PathBuf> = OnceLock::new();

/// The crash folder under a data folder.
pub fn crash_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("crashes")
}

/// Installs the hook that writes reports to `dir`, in front of the current
/// hook (which still prints the panic to stderr). Only the first call in a
/// process installs it.
pub fn install_panic_hook(dir: PathBuf) {
    if CRASH_DIR.set(dir).is_err() {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(dir) = CRASH_DIR.get() {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            let place = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let backtrace = std::backtrace::Backtrace::force_capture().to_string();
            // A failure to write the report must not hide the panic itself.
            let _ = write_report(dir, &message, &place, &backtrace);
        }
        previous(info);
    }));
}

/// Writes one report; returns its path.
pub fn write_report(
    dir: &Path,
    message: &str,
    place: &str,
    backtrace: &str,
) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let now = super::now_secs();
    let thread = std::thread::current();
    let mut text = String::new();
    let _ = writeln!(text, "Dossier crash report");
    let _ = writeln!(text, "time: {}", super::format_utc(now));
    let _ = writeln!(text, "version: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(
        text,
        "system: {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let _ = writeln!(text, "thread: {}", thread.name().unwrap_or("unnamed"));
    let _ = writeln!(text, "panicked at: {place}");
    let _ = writeln!(text, "message: {message}");
    let _ = writeln!(text, "\nbacktrace:\n{backtrace}");
    let path = dir.join(format!("crash-{now}-{}.txt", std::process::id()));
    crate::project::write_atomically(&path, text.as_bytes(), false)?;
    Ok(path)
}

/// Reports not shown yet, oldest first.
pub fn unseen_reports(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with("crash-") && n.ends_with(".txt") && !n.ends_with(".seen.txt")
            })
        })
        .collect();
    found.sort();
    found
}

/// Marks a report as shown (it stays on disk as `….seen.txt`); returns the
/// new path.
pub fn mark_seen(report: &Path) -> io::Result<PathBuf> {
    let seen = report.with_extension("seen.txt");
    fs::rename(report, &seen)?;
    Ok(seen)
}

/// The first line of a report worth showing: the panic message.
pub fn summary(report: &Path) -> Option<String> {
    let text = fs::read_to_string(report).ok()?;
    let time = text.lines().find_map(|l| l.strip_prefix("time: "))?;
    let message = text.lines().find_map(|l| l.strip_prefix("message: "))?;
    Some(format!("{time}: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_written_listed_and_marked_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_report(
            dir.path(),
            "index out of range — “é”",
            "src/x.rs:1:2",
            "0: main",
        )
        .unwrap();
        assert_eq!(unseen_reports(dir.path()), vec![path.clone()]);
        let s = summary(&path).unwrap();
        assert!(s.ends_with("index out of range — “é”"), "{s}");
        let seen = mark_seen(&path).unwrap();
        assert!(seen.exists());
        assert!(unseen_reports(dir.path()).is_empty());
    }
}
