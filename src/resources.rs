//! Files that ship beside the program rather than inside it.
//!
//! The sample articles the window opens on first start are too many and too
//! likely to be replaced by a user's own to embed in the binary, so each
//! package installs them as a resource, and every package format puts
//! resources somewhere else relative to the executable:
//!
//! | package            | executable                           | sample data                                  |
//! |--------------------|--------------------------------------|----------------------------------------------|
//! | Windows installer  | `<dir>\dossier.exe`                  | `<dir>\sample-data`                          |
//! | macOS `.app`       | `Dossier.app/Contents/MacOS/dossier` | `Dossier.app/Contents/Resources/sample-data` |
//! | `.deb`, AppImage   | `<root>/usr/bin/dossier`             | `<root>/usr/lib/dossier/sample-data`         |
//! | distribution build | `/usr/bin/dossier`                   | `/usr/share/dossier/sample-data`             |
//!
//! (The first three are where cargo-packager copies `resources`, see the
//! `[package.metadata.packager]` table in `Cargo.toml`.) A binary run from its
//! source tree with `cargo run` falls back to the checkout's `sample-data`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Overrides every other location; points at a `sample-data` directory.
pub const SAMPLE_DATA_ENV: &str = "DOSSIER_SAMPLE_DATA";

/// The directory of bundled sample articles, if this installation has one.
///
/// Looks in `$DOSSIER_SAMPLE_DATA`, then where each package format installs
/// resources relative to the running executable, then the source checkout
/// this binary was built from.
pub fn sample_articles_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok();
    first_articles_dir(sample_data_candidates(
        std::env::var_os(SAMPLE_DATA_ENV),
        exe.as_deref(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    ))
}

/// The `articles` directory of the first candidate that has one.
fn first_articles_dir(sample_data_dirs: Vec<PathBuf>) -> Option<PathBuf> {
    sample_data_dirs
        .into_iter()
        .map(|dir| dir.join("articles"))
        .find(|dir| dir.is_dir())
}

/// The `sample-data` directories to try, most specific first.
///
/// The installed copies come before the source checkout so that a binary
/// installed on the machine it was built on still uses its own resources.
fn sample_data_candidates(
    env_override: Option<OsString>,
    exe: Option<&Path>,
    source_tree: &Path,
) -> Vec<PathBuf> {
    let mut candidates: Vec<PathBuf> = env_override.map(PathBuf::from).into_iter().collect();
    if let Some(exe_dir) = exe.and_then(Path::parent) {
        candidates.push(exe_dir.join("sample-data"));
        if let Some(prefix) = exe_dir.parent() {
            candidates.push(prefix.join("Resources").join("sample-data"));
            candidates.push(prefix.join("lib").join("dossier").join("sample-data"));
            candidates.push(prefix.join("share").join("dossier").join("sample-data"));
        }
    }
    candidates.push(PathBuf::from("/usr/share/dossier/sample-data"));
    candidates.push(source_tree.join("sample-data"));
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Lays out an installation: the executable at `exe` and one sample
    /// article under `data`, both relative to a fresh root.
    fn install(exe: &str, data: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let exe = root.path().join(exe);
        fs::create_dir_all(exe.parent().unwrap()).unwrap();
        fs::write(&exe, b"").unwrap();
        let articles = root.path().join(data).join("articles");
        fs::create_dir_all(&articles).unwrap();
        fs::write(
            articles.join("seed.txt"),
            "Poland is spending approximately 4% of its GDP on defense in 2023 — NATO’s highest share.",
        )
        .unwrap();
        (root, exe, articles)
    }

    /// The first candidate that has an `articles` directory, as
    /// [`sample_articles_dir`] picks it, with a source tree that has none.
    fn resolve(exe: &Path, env: Option<&Path>) -> Option<PathBuf> {
        let empty_checkout = tempfile::tempdir().unwrap();
        first_articles_dir(sample_data_candidates(
            env.map(Into::into),
            Some(exe),
            empty_checkout.path(),
        ))
    }

    #[test]
    fn windows_installer_keeps_samples_next_to_the_exe() {
        let (_root, exe, articles) = install("Dossier/dossier.exe", "Dossier/sample-data");
        assert_eq!(resolve(&exe, None), Some(articles));
    }

    #[test]
    fn macos_bundle_keeps_samples_in_resources() {
        let (_root, exe, articles) = install(
            "Dossier.app/Contents/MacOS/dossier",
            "Dossier.app/Contents/Resources/sample-data",
        );
        assert_eq!(resolve(&exe, None), Some(articles));
    }

    #[test]
    fn deb_and_appimage_keep_samples_under_usr_lib() {
        let (_root, exe, articles) = install("usr/bin/dossier", "usr/lib/dossier/sample-data");
        assert_eq!(resolve(&exe, None), Some(articles));
    }

    #[test]
    fn environment_variable_wins_over_an_installed_copy() {
        let (root, exe, _installed) = install("usr/bin/dossier", "usr/lib/dossier/sample-data");
        let custom = root.path().join("Ünïcode samples 📰");
        fs::create_dir_all(custom.join("articles")).unwrap();
        assert_eq!(resolve(&exe, Some(&custom)), Some(custom.join("articles")));
    }

    #[test]
    fn installed_copy_wins_over_the_source_checkout() {
        let (_root, exe, articles) = install("usr/bin/dossier", "usr/lib/dossier/sample-data");
        let checkout = tempfile::tempdir().unwrap();
        fs::create_dir_all(checkout.path().join("sample-data/articles")).unwrap();
        let found = first_articles_dir(sample_data_candidates(None, Some(&exe), checkout.path()));
        assert_eq!(found, Some(articles));
    }

    #[test]
    fn no_installed_copy_falls_back_to_the_source_checkout() {
        let root = tempfile::tempdir().unwrap();
        let exe = root.path().join("target/release/dossier");
        let candidates = sample_data_candidates(None, Some(&exe), Path::new("/src/dossier"));
        assert_eq!(
            candidates.last(),
            Some(&PathBuf::from("/src/dossier/sample-data"))
        );
    }
}
