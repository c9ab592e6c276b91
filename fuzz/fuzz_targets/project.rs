//! Any bytes as a `.dossier` project: a project or an error naming the
//! file, never a panic; a project that loads has every span inside its
//! text and saves and loads back unchanged.
#![no_main]

use dossier_fuzz::{check_project, fake_path};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = fake_path("dossier");
    match dossier::project::from_json(data, &path) {
        Ok(project) => check_project(&project),
        Err(e) => assert!(
            e.to_string().starts_with(&path.display().to_string()),
            "{e}"
        ),
    }
});
