//! Suggestions never get worse as the analyst works: the names a project
//! has learnt (every reference entity of the sample articles, accepted)
//! may add findings and fix labels, but never hide a claim, a quote or its
//! speaker. The command line (`dossier annotate --save` into such a
//! project) and the window share `workflow::open_paths`' path, so the test
//! runs through it.

use std::path::{Path, PathBuf};

use dossier::annotate::{Context, FindingKind, find};
use dossier::edit::Editor;
use dossier::model::{AnnotationKind, GazetteerEntry, Project};
use dossier::workflow;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// Every entity of the reference annotations, as learned names.
fn learned_names() -> Vec<GazetteerEntry> {
    let mut out: Vec<GazetteerEntry> = Vec::new();
    for e in std::fs::read_dir(root().join("reference")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for ent in v["entities"].as_array().unwrap() {
            let text = ent["text"].as_str().unwrap().to_owned();
            let label = ent["label"].as_str().unwrap().to_owned();
            if !out.iter().any(|g| g.text == text && g.label == label) {
                out.push(GazetteerEntry {
                    text,
                    label,
                    entity: None,
                });
            }
        }
    }
    assert!(out.len() > 100, "{} names", out.len());
    out
}

fn texts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [root().join("articles"), root().join("claims/articles")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Claims and quotes of a text, as comparable strings.
fn claims_and_quotes(text: &str, gazetteer: &[GazetteerEntry]) -> (Vec<String>, Vec<String>) {
    let mut claims = Vec::new();
    let mut quotes = Vec::new();
    for f in find(text, &Context { gazetteer }) {
        match f.kind {
            FindingKind::Claim {
                country,
                year,
                value,
                ..
            } => claims.push(format!(
                "{}..{} {country} {year:?} {value}",
                f.span.start, f.span.end
            )),
            FindingKind::Quote { speaker, .. } => quotes.push(format!(
                "{}..{} {:?}",
                f.span.start,
                f.span.end,
                speaker.map(|s| s.name)
            )),
            FindingKind::Entity { .. } => {}
        }
    }
    (claims, quotes)
}

#[test]
fn learned_names_never_hide_claims_quotes_or_speakers() {
    let learned = learned_names();
    let mut claims = 0;
    for path in texts() {
        let text = std::fs::read_to_string(&path).unwrap();
        let without = claims_and_quotes(&text, &[]);
        let with = claims_and_quotes(&text, &learned);
        assert_eq!(without, with, "{}", path.display());
        claims += without.0.len();
    }
    assert!(
        claims > 80,
        "only {claims} claims: the test would prove little"
    );
}

#[test]
fn a_plain_claim_about_a_learned_country_is_still_suggested() {
    let learned = vec![GazetteerEntry {
        text: "Poland".into(),
        label: "GPE".into(),
        entity: None,
    }];
    let text = "Poland would spend 4.7% of its GDP on defence in 2025, the minister said.";
    let (claims, _) = claims_and_quotes(text, &learned);
    assert_eq!(claims.len(), 1, "{claims:?}");
    // A learned name with another label fixes the label, and the country
    // behind it still makes the claim.
    let relabelled = vec![GazetteerEntry {
        text: "Poland".into(),
        label: "ORG".into(),
        entity: None,
    }];
    assert_eq!(claims_and_quotes(text, &relabelled).0, claims);
}

#[test]
fn annotate_into_a_project_with_learned_names_suggests_what_the_engine_finds() {
    let mut project = Project::default();
    project.gazetteer = learned_names();
    let mut editor = Editor::new(project);
    let paths = texts();
    workflow::open_paths(&mut editor, &paths, false);
    let project = editor.project();
    let mut compared = 0;
    for doc in &project.documents {
        let suggested: Vec<String> = doc
            .annotations()
            .iter()
            .filter_map(|a| match &a.kind {
                AnnotationKind::Claim {
                    country,
                    year,
                    value,
                    ..
                } => Some(format!(
                    "{}..{} {country} {year:?} {value}",
                    a.span.start, a.span.end
                )),
                _ => None,
            })
            .collect();
        let mut found = claims_and_quotes(doc.text(), &[]).0;
        let mut suggested = suggested;
        found.sort();
        suggested.sort();
        assert_eq!(suggested, found, "{:?}", doc.meta.title);
        compared += 1;
    }
    assert_eq!(compared, paths.len());
}
