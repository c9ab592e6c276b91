//! What every fuzz target checks after an import succeeds: not only "no
//! panic" but the invariants the app relies on. Spans lie inside their
//! document's text, on `char` boundaries, and are not empty; an imported
//! article goes through the annotation engine as `workflow::prepare` runs
//! it; and whatever was imported can be saved as a project and read back
//! unchanged, which runs the project file's own span validation.

use std::path::Path;

use dossier::annotate::{self, Context, Finding, FindingKind};
use dossier::edit::Command;
use dossier::import::Article;
use dossier::import::annotated::{ImportedCorpus, corpus_command};
use dossier::model::{AnnotationKind, Document, Project};
use dossier::project;
use dossier::text::Span;

/// The path the targets pretend to read; errors must name it.
pub fn fake_path(ext: &str) -> std::path::PathBuf {
    Path::new("fuzz").join(format!("input.{ext}"))
}

/// Splits a target's input at its first 0xFF byte (never part of UTF-8, so
/// it cannot occur inside either part when the fuzzer keeps them valid):
/// an article text and the annotations that point into it.
pub fn split(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = data.iter().position(|&b| b == 0xFF)?;
    Some((&data[..at], &data[at + 1..]))
}

/// A span inside `text`, on `char` boundaries, and (unless it comes from a
/// project file, whose own check allows an empty one) not empty.
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert_fits(text, span, what);
    assert!(!span.is_empty(), "{what}: empty span {span:?}");
}

fn assert_fits(text: &str, span: Span, what: &str) {
    assert!(
        Span::checked(span.start, span.end, text).is_some(),
        "{what}: span {span:?} does not fit a text of {} bytes",
        text.len()
    );
}

fn assert_finding(text: &str, f: &Finding) {
    assert_span(text, f.span, "finding");
    match &f.kind {
        FindingKind::Quote {
            speaker_span: Some(s),
            ..
        } => assert_span(text, *s, "speaker"),
        FindingKind::Claim { value, .. } => assert!(value.is_finite(), "claim value {value}"),
        _ => {}
    }
}

/// Every annotation of every document fits its text, and the project
/// survives a save and a load unchanged.
pub fn check_project(project: &Project) {
    for d in &project.documents {
        for a in d.annotations() {
            assert_fits(d.text(), a.span, "annotation");
            if let AnnotationKind::Quote {
                speaker_span: Some(s),
                ..
            } = &a.kind
            {
                assert_fits(d.text(), *s, "speaker");
            }
        }
    }
    let json = project::to_json(project);
    let back = project::from_json(json.as_bytes(), &fake_path("dossier"))
        .unwrap_or_else(|e| panic!("a project Dossier wrote does not load: {e}"));
    assert_eq!(&back, project, "the project changed in a save and load");
}

/// Articles as the app opens them: the engine runs on each, its findings
/// must fit the text, and the articles with their suggestions must make a
/// project that saves and loads.
pub fn check_articles(articles: Vec<Article>) {
    let mut project = Project::new("fuzz");
    let ctx = Context::default();
    for a in articles {
        assert!(!a.meta.title.is_empty(), "an article without a title");
        let findings = annotate::find(&a.text, &ctx);
        for f in &findings {
            assert_finding(&a.text, f);
        }
        let id = project.fresh_doc_id();
        Command::AddDocuments(vec![Document::new(id, a.meta, a.text)])
            .apply(&mut project)
            .expect("adding a document");
        if let Some(cmd) = annotate::findings_command(&mut project, id, findings) {
            cmd.apply(&mut project).expect("adding suggestions");
        }
    }
    check_project(&project);
}

/// An annotated corpus: its spans fit, and it joins a project (the one
/// command the app runs) that saves and loads.
pub fn check_corpus(corpus: &ImportedCorpus) {
    for d in &corpus.documents {
        for a in &d.annotations {
            assert_span(&d.text, a.span, "imported annotation");
            assert_finding(
                &d.text,
                &Finding {
                    span: a.span,
                    kind: a.kind.clone(),
                },
            );
        }
    }
    let mut project = Project::new("fuzz");
    let before = corpus
        .documents
        .iter()
        .map(|d| d.annotations.len())
        .sum::<usize>();
    if let Some(cmd) = corpus_command(&mut project, corpus) {
        cmd.apply(&mut project)
            .expect("applying an imported corpus");
    }
    let after: usize = project
        .documents
        .iter()
        .map(|d| d.annotations().len())
        .sum();
    assert_eq!(after, before, "annotations were lost joining the project");
    check_project(&project);
}
