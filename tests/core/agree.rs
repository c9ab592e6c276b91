//! Agreement between analysts (`dossier::agree`) against the reference
//! implementations, and the annotator's name through editing, saving and
//! export.
//!
//! The expected κ and α in `tests/fixtures/agree/*/expected.json` were
//! computed by `tests/tools/agreement_reference.py` with scikit-learn's
//! `cohen_kappa_score` and the `krippendorff` package.

use std::path::{Path, PathBuf};

use dossier::agree::{self, Layer, Report};
use dossier::edit::{Command, Editor};
use dossier::model::{
    Annotation, AnnotationKind, DocId, Document, DocumentMeta, Origin, Project, Status,
};
use dossier::text::Span;
use serde_json::Value;

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/agree")
        .join(case)
}

fn layers(case: &str) -> Vec<Layer> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(case_dir(case))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "dossier"))
        .collect();
    paths.sort();
    agree::load_layers(&paths).unwrap()
}

fn expected(case: &str) -> Value {
    serde_json::from_slice(&std::fs::read(case_dir(case).join("expected.json")).unwrap()).unwrap()
}

fn assert_close(what: &str, ours: Option<f64>, reference: &Value) {
    match (ours, reference.as_f64()) {
        (None, None) => assert!(reference.is_null(), "{what}: {reference}"),
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: ours {x}, reference {y}"),
        (x, _) => panic!("{what}: ours {x:?}, reference {reference}"),
    }
}

fn assert_label(what: &str, figures: &agree::LabelAgreement, reference: &Value) {
    assert_close(&format!("{what} α"), figures.alpha, &reference["alpha"]);
    let kappas = reference["kappa"].as_object().unwrap();
    assert_eq!(kappas.len(), figures.pairs.len(), "{what}: pairs");
    for p in &figures.pairs {
        let key = format!("{}|{}", p.a, p.b);
        assert_close(&format!("{what} κ {key}"), p.kappa, &kappas[&key]);
    }
}

/// Every κ and α of the report equals the reference's.
fn check_against_reference(case: &str) -> Report {
    let layers = layers(case);
    // The reference cuts tokens at white space; Dossier's tokenizer must cut
    // the fixture texts the same way for the comparison to mean anything.
    for doc in layers.iter().flat_map(|l| &l.project.documents) {
        let ours: Vec<&str> = agree::token_spans(doc.text())
            .iter()
            .map(|s| s.slice(doc.text()))
            .collect();
        let words: Vec<&str> = doc.text().split_whitespace().collect();
        assert_eq!(ours, words, "{case}: tokens of {:?}", doc.title());
    }
    let report = agree::compute(&layers).unwrap();
    let reference = expected(case);
    assert_eq!(
        serde_json::to_value(&report.annotators).unwrap(),
        reference["annotators"]
    );
    assert_label(case, &report.entities, &reference["overall"]["(all)"]);
    let labels = reference["per_label"].as_object().unwrap();
    assert_eq!(labels.len(), report.entity_labels.len(), "{case}: labels");
    for l in &report.entity_labels {
        let name = l.label.as_deref().unwrap();
        assert_label(&format!("{case} {name}"), l, &labels[name]);
    }
    let docs = reference["per_document"].as_object().unwrap();
    assert_eq!(docs.len(), report.per_document.len());
    for d in &report.per_document {
        let reference = &docs[&d.text_sha256];
        assert_close(
            &format!("{case} {} α", d.title),
            d.alpha,
            &reference["alpha"],
        );
        for p in &d.pairs {
            let key = format!("{}|{}", p.a, p.b);
            assert_close(
                &format!("{case} {} κ {key}", d.title),
                p.kappa,
                &reference["kappa"][&key],
            );
        }
    }
    report
}

#[test]
fn full_agreement_matches_the_reference_and_is_perfect() {
    let r = check_against_reference("full_agreement");
    assert_eq!(r.entities.alpha, Some(1.0));
    let pair = &r.entities.pairs[0];
    assert_eq!((pair.f1_exact, pair.f1_overlap), (Some(1.0), Some(1.0)));
    // The rejected DATE on one side does not count: no such label at all.
    assert!(
        r.entity_labels
            .iter()
            .all(|l| l.label.as_deref() != Some("DATE"))
    );
    let q = &r.quotes[0];
    assert_eq!(
        (q.spans.both_marked, q.speaker, q.spans.f1_exact),
        (1, Some(1.0), Some(1.0))
    );
    let c = &r.claims[0];
    assert_eq!(c.spans.both_marked, 1);
    assert_eq!([c.country, c.year, c.value, c.unit], [Some(1.0); 4]);
    assert!(r.partial_documents.is_empty());
}

#[test]
fn no_overlap_matches_the_reference_and_no_span_agrees() {
    let r = check_against_reference("no_overlap");
    let pair = &r.entities.pairs[0];
    assert_eq!((pair.f1_exact, pair.f1_overlap), (Some(0.0), Some(0.0)));
    assert!(pair.kappa.unwrap() < 0.0, "{:?}", pair.kappa);
    // Neither marked a quote or a claim: nothing to score.
    assert_eq!(r.quotes[0].spans.f1_exact, None);
    assert_eq!(
        (r.claims[0].spans.f1_exact, r.claims[0].country),
        (None, None)
    );
}

#[test]
fn a_label_only_one_analyst_uses_matches_the_reference() {
    let r = check_against_reference("label_only_one");
    let norp = r
        .entity_labels
        .iter()
        .find(|l| l.label.as_deref() == Some("NORP"))
        .unwrap();
    assert_eq!(norp.pairs[0].f1_exact, Some(0.0));
    let person = r
        .entity_labels
        .iter()
        .find(|l| l.label.as_deref() == Some("PERSON"))
        .unwrap();
    // Three mentions each; "Jens Stoltenberg" against "Stoltenberg"
    // overlaps but is not exact.
    assert!((person.pairs[0].f1_exact.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(person.pairs[0].f1_overlap, Some(1.0));
    // Same claim span, a different year; same quote, another speaker.
    let c = &r.claims[0];
    assert_eq!(
        (c.spans.both_marked, c.country, c.year, c.value, c.unit),
        (1, Some(1.0), Some(0.0), Some(1.0), Some(1.0))
    );
    assert_eq!(
        (r.quotes[0].spans.both_marked, r.quotes[0].speaker),
        (1, Some(0.0))
    );
}

#[test]
fn a_document_only_one_analyst_has_matches_the_reference() {
    let r = check_against_reference("document_only_one");
    assert_eq!(r.annotators, ["alice", "bob", "carol"]);
    assert_eq!(r.documents, 3);
    // "a" lacks carol; "c" is alice's alone: no pair, no α.
    assert_eq!(r.partial_documents.len(), 2);
    let lone = r.per_document.iter().find(|d| d.title == "c").unwrap();
    assert_eq!(lone.annotators, ["alice"]);
    assert_eq!(lone.alpha, None);
    assert!(
        lone.pairs
            .iter()
            .all(|p| p.kappa.is_none() && p.f1_exact.is_none())
    );
}

#[test]
fn agree_on_the_command_line_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_dir("label_only_one");
    for (format, check) in [
        ("md", "| (all) |"),
        ("csv", "section,label,a,b,article,metric,value"),
        ("json", "\"entity_labels\""),
    ] {
        let out = dir.path().join(format!("report.{format}"));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("agree")
            .arg(case.join("alice.dossier"))
            .arg(case.join("bob.dossier"))
            .args(["--format", format, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(check), "{format}: {text}");
    }
    // One project is not a comparison; a missing file is named.
    let one = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("agree")
        .arg(case.join("alice.dossier"))
        .output()
        .unwrap();
    assert!(!one.status.success());
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("agree")
        .arg(case.join("alice.dossier"))
        .arg(dir.path().join("nobody.dossier"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nobody.dossier"));
}

fn one_document_project() -> Project {
    let mut p = Project::new("attribution");
    let id = p.fresh_doc_id();
    assert_eq!(id, DocId(1));
    let doc = Document::new(
        id,
        DocumentMeta {
            title: "t".into(),
            ..Default::default()
        },
        "Poland and NATO".into(),
    );
    p.documents.push(doc);
    p
}

#[test]
fn the_annotator_is_recorded_on_add_and_accept_undone_saved_and_exported() {
    let mut editor = Editor::new(one_document_project());
    let id = editor.project_mut_for_ids().fresh_annotation_id();
    let suggestion = Annotation {
        id,
        span: Span::new(0, 6),
        kind: AnnotationKind::Entity {
            label: "GPE".into(),
            entity: None,
        },
        origin: Origin::Automatic,
        status: Status::Suggested,
    };
    editor.set_annotator(Some("  alice ".into()));
    // The engine's suggestion is nobody's.
    editor
        .execute(Command::AddAnnotations {
            doc: DocId(1),
            annotations: vec![suggestion],
        })
        .unwrap();
    let doc = |e: &Editor| e.project().documents[0].clone();
    assert_eq!(doc(&editor).annotator(id), None);
    // Accepting it is alice's.
    let accept = Command::set_status(editor.project(), DocId(1), &[id], Status::Accepted).unwrap();
    editor.execute(accept).unwrap();
    assert_eq!(doc(&editor).annotator(id), Some("alice"));
    // Bob rejects it; undo gives it back to alice, redo to bob.
    editor.set_annotator(Some("bob".into()));
    let reject = Command::set_status(editor.project(), DocId(1), &[id], Status::Rejected).unwrap();
    editor.execute(reject).unwrap();
    assert_eq!(doc(&editor).annotator(id), Some("bob"));
    editor.undo();
    assert_eq!(doc(&editor).annotator(id), Some("alice"));
    editor.redo();
    assert_eq!(doc(&editor).annotator(id), Some("bob"));
    // A mention added by hand is the analyst's.
    let manual_id = editor.project_mut_for_ids().fresh_annotation_id();
    editor
        .execute(Command::AddAnnotations {
            doc: DocId(1),
            annotations: vec![Annotation {
                id: manual_id,
                span: Span::new(11, 15),
                kind: AnnotationKind::Entity {
                    label: "ORG".into(),
                    entity: None,
                },
                origin: Origin::Manual,
                status: Status::Accepted,
            }],
        })
        .unwrap();

    // Through the project file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.dossier");
    dossier::project::save(editor.project(), &path).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"annotator\": \"bob\""), "{saved}");
    let back = dossier::project::load(&path).unwrap();
    assert_eq!(back.documents[0].annotator(id), Some("bob"));
    assert_eq!(back.documents[0].annotator(manual_id), Some("bob"));
    assert_eq!(back, *editor.project());

    // Through JSON Lines.
    let mut out = Vec::new();
    dossier::export::jsonl::write(
        &mut out,
        &back,
        &back.documents,
        &dossier::export::Scope::default(),
    )
    .unwrap();
    let line: Value = serde_json::from_slice(&out).unwrap();
    let names: Vec<&str> = line["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["annotator"].as_str().unwrap())
        .collect();
    // The rejected mention is not exported; the one added by hand is bob's.
    assert_eq!(names, ["bob"]);
}

#[test]
fn a_project_without_annotators_saves_without_the_field() {
    let mut editor = Editor::new(one_document_project());
    let id = editor.project_mut_for_ids().fresh_annotation_id();
    editor
        .execute(Command::AddAnnotations {
            doc: DocId(1),
            annotations: vec![Annotation {
                id,
                span: Span::new(0, 6),
                kind: AnnotationKind::Entity {
                    label: "GPE".into(),
                    entity: None,
                },
                origin: Origin::Manual,
                status: Status::Accepted,
            }],
        })
        .unwrap();
    let json = dossier::project::to_json(editor.project());
    assert!(!json.contains("annotator"));
}

#[test]
fn curation_walks_the_disagreements_and_settles_them_with_undoable_edits() {
    use dossier::agree::curate::{self, Decision};
    let layers = layers("label_only_one");
    let (alice, bob) = (&layers[0].project, &layers[1].project);
    let all = curate::disagreements(alice, bob);
    // Article a: Jens Stoltenberg/Stoltenberg, Warsaw GPE/LOC, the claim's
    // year, Poland (bob's only); c: Ukrainian (alice's only); d: Brussels
    // (bob's only), the quote's speaker.
    let summary: Vec<(Option<String>, Option<String>)> = all
        .iter()
        .map(|d| {
            let text = |a: &Option<Annotation>| {
                a.as_ref().map(|a| {
                    let doc = alice.document(d.doc).unwrap();
                    format!(
                        "{} {}",
                        doc.slice(a.span),
                        a.kind.label().unwrap_or(a.kind.kind_name())
                    )
                })
            };
            (text(&d.mine), text(&d.theirs().cloned()))
        })
        .collect();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        summary,
        [
            (s("Jens Stoltenberg PERSON"), s("Stoltenberg PERSON")),
            (s("Warsaw GPE"), s("Warsaw LOC")),
            (
                s("Poland will spend 4 % of GDP in 2025 claim"),
                s("Poland will spend 4 % of GDP in 2025 claim")
            ),
            (None, s("Poland GPE")),
            (s("Ukrainian NORP"), None),
            (None, s("Brussels GPE")),
            (
                s("\" we must spend more \" quote"),
                s("\" we must spend more \" quote")
            ),
        ]
    );
    let mut editor = Editor::new(alice.clone());
    editor.set_annotator(Some("curator".into()));
    let decisions = [
        Decision::TakeMine,
        Decision::TakeOther(0),
        Decision::TakeOther(0),
        Decision::TakeOther(0),
        Decision::RejectAll,
        Decision::RejectAll,
        Decision::TakeMine,
    ];
    let mut edits = 0;
    for (d, decision) in all.iter().zip(decisions) {
        if let Some(c) = curate::settle(editor.project_mut_for_ids(), d, decision) {
            editor.execute(c).unwrap();
            edits += 1;
        }
    }
    assert_eq!(edits, 4);
    // Left: Stoltenberg and the quote's speaker (mine kept), and Brussels,
    // which bob still has (rejecting both leaves nothing of mine to reject).
    let left = curate::disagreements(editor.project(), bob);
    assert_eq!(left.len(), 3, "{left:#?}");
    assert!(
        left.iter()
            .any(|d| d.mine.as_ref().is_some_and(|m| m.is_quote()))
    );
    // The gold layer now agrees with bob on Warsaw, the claim and Poland; the
    // taken annotations are the curator's.
    let doc = &editor.project().documents[0];
    let warsaw = doc
        .annotations()
        .iter()
        .find(|a| a.kind.label() == Some("LOC"))
        .unwrap();
    assert_eq!(doc.annotator(warsaw.id), Some("curator"));
    // Undo takes every step back (ids handed out stay used).
    for _ in 0..edits {
        editor.undo().unwrap();
    }
    assert_eq!(editor.project().documents, alice.documents);
}

/// Each disagreement as its article's title and every layer's version
/// ("words LABEL", or "-" where that layer has nothing there).
fn curation_summary(
    mine: &Project,
    all: &[dossier::agree::curate::Disagreement],
) -> Vec<(String, Vec<String>)> {
    all.iter()
        .map(|d| {
            let doc = mine.document(d.doc).unwrap();
            let text = |a: Option<&Annotation>| {
                a.map_or("-".to_owned(), |a| {
                    format!(
                        "{} {}",
                        doc.slice(a.span),
                        a.kind.label().unwrap_or_default()
                    )
                })
            };
            let versions = std::iter::once(text(d.mine.as_ref()))
                .chain(d.others.iter().map(|(_, a)| text(a.as_ref())))
                .collect();
            (d.title.clone(), versions)
        })
        .collect()
}

fn others_of(layers: &[Layer], names: &[&str]) -> Vec<(String, Project)> {
    names
        .iter()
        .map(|n| {
            let l = layers.iter().find(|l| l.name == *n).unwrap();
            (l.name.clone(), l.project.clone())
        })
        .collect()
}

fn among(
    mine: &Project,
    others: &[(String, Project)],
) -> Vec<dossier::agree::curate::Disagreement> {
    let others: Vec<(&str, &Project)> = others.iter().map(|(n, p)| (n.as_str(), p)).collect();
    dossier::agree::curate::disagreements_among(mine, &others)
}

#[test]
fn curation_among_three_layers_where_all_agree_finds_nothing() {
    let layers = layers("full_agreement");
    let others = others_of(&layers, &["bob", "alice"]);
    assert_eq!(among(&layers[0].project, &others), []);
}

#[test]
fn curation_among_three_layers_lines_up_every_analysts_version() {
    let layers = layers("document_only_one");
    let alice = &layers[0].project;
    let all = among(alice, &others_of(&layers, &["bob", "carol"]));
    assert!(all.iter().all(|d| {
        d.others
            .iter()
            .map(|(n, _)| n.as_str())
            .eq(["bob", "carol"])
    }));
    let v = |t: &str, xs: [&str; 3]| (t.to_owned(), xs.map(str::to_owned).to_vec());
    assert_eq!(
        curation_summary(alice, &all),
        [
            // Article a only bob of the others has: carol has no say there.
            // NATO is alice's alone.
            v("a", ["NATO ORG", "-", "-"]),
            v("a", ["Poland GPE", "Poland ORG", "-"]),
            // Article b: bob lacks the Pentagon; Congress, on which all
            // three agree, is no disagreement; on Lockheed Martin two of
            // three agree; carol lacks Raytheon and Germany.
            v("b", ["Pentagon ORG", "-", "Pentagon ORG"]),
            v(
                "b",
                [
                    "Lockheed Martin ORG",
                    "Lockheed Martin ORG",
                    "Lockheed Martin PERSON"
                ]
            ),
            v("b", ["Raytheon ORG", "Raytheon ORG", "-"]),
            v("b", ["Germany GPE", "Germany GPE", "-"]),
        ]
    );
}

#[test]
fn curation_among_three_layers_finds_what_one_other_analyst_alone_marked_and_takes_it() {
    use dossier::agree::curate::{self, Decision};
    let layers = layers("document_only_one");
    let bob = &layers[1].project;
    let others = others_of(&layers, &["alice", "carol"]);
    let all = among(bob, &others);
    let v = |t: &str, xs: [&str; 3]| (t.to_owned(), xs.map(str::to_owned).to_vec());
    let summary = curation_summary(bob, &all);
    // Alice alone marked NATO; only alice and carol the Pentagon.
    assert!(
        summary.contains(&v("a", ["-", "NATO ORG", "-"])),
        "{summary:#?}"
    );
    assert!(summary.contains(&v("b", ["-", "Pentagon ORG", "Pentagon ORG"])));
    // Taking carol's Lockheed Martin (the second other analyst's) replaces
    // bob's ORG with her PERSON, in one undoable edit.
    let lockheed = all
        .iter()
        .find(|d| d.mine.as_ref().is_some_and(|m| m.span.start == 49))
        .unwrap();
    let mut editor = Editor::new(bob.clone());
    let command = curate::settle(
        editor.project_mut_for_ids(),
        lockheed,
        Decision::TakeOther(1),
    );
    editor.execute(command.unwrap()).unwrap();
    let doc = editor.project().document(lockheed.doc).unwrap();
    let at_49: Vec<&str> = doc
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted && a.span.start == 49)
        .filter_map(|a| a.kind.label())
        .collect();
    assert_eq!(at_49, ["PERSON"]);
    // Alice still says ORG: the place stays a disagreement, now with the
    // gold layer on carol's side.
    let left = curation_summary(editor.project(), &among(editor.project(), &others));
    assert!(left.contains(&v(
        "b",
        [
            "Lockheed Martin PERSON",
            "Lockheed Martin ORG",
            "Lockheed Martin PERSON"
        ]
    )));
    editor.undo().unwrap();
    assert_eq!(editor.project().documents, bob.documents);
}
