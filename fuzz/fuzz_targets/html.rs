//! Any bytes read as a `.html` article file: articles or errors naming the
//! file, never a panic; what is read goes through the engine and a project.
#![no_main]

use dossier_fuzz::{check_articles, fake_path};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = fake_path("html");
    let (articles, errors) = dossier::import::read_bytes_lenient(&path, data);
    for e in &errors {
        assert_eq!(e.path, path, "an error that does not name the file: {e}");
    }
    check_articles(articles);
});
