//! The spaCy export read by spaCy itself: every span must come back from
//! `Doc.char_span` (strict alignment). Runs `tests/tools/check_spacy.py`
//! with the Python named by `DOSSIER_SPACY_PYTHON` (or `python3`) when that
//! Python has spaCy; otherwise the test says so and passes, so that CI
//! without spaCy stays green. Set `DOSSIER_REQUIRE_SPACY=1` to make a
//! missing spaCy a failure.

use std::process::Command;

use crate::export_support::*;
use dossier::export::{self, Format, Scope};

fn python() -> Option<String> {
    let py = std::env::var("DOSSIER_SPACY_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&py)
        .args(["-c", "import spacy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("DOSSIER_REQUIRE_SPACY").is_some() {
        panic!("DOSSIER_REQUIRE_SPACY is set but {py} cannot import spacy");
    }
    ok.then_some(py)
}

fn check(p: &dossier::model::Project) -> Option<String> {
    let py = python()?;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.jsonl");
    export::export(
        p,
        &all_ids(p),
        &Scope::default(),
        Format::Spacy,
        &out,
        &|_, _| true,
    )
    .unwrap();
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/check_spacy.py");
    let o = Command::new(py)
        .arg(script)
        .arg(&out)
        .arg(dir.path().join("corpus.spacy"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.path().join("corpus.spacy").is_file());
    Some(stdout)
}

#[test]
fn spacy_accepts_every_span_of_the_reference_corpus() {
    match check(&reference_project()) {
        Some(summary) => {
            eprintln!("{summary}");
            assert!(summary.contains("9 documents"), "{summary}");
        }
        None => eprintln!("spaCy is not installed: the spaCy check was skipped"),
    }
}

#[test]
fn spacy_accepts_every_span_of_the_unicode_article() {
    match check(&unicode_project().0) {
        Some(summary) => eprintln!("{summary}"),
        None => eprintln!("spaCy is not installed: the spaCy check was skipped"),
    }
}
