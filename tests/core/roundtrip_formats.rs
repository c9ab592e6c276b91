//! Export then import gives back the same annotations, for every format
//! Dossier reads back (JSON Lines, brat, Label Studio): on the sample
//! articles with their reference annotations, on a text full of offset
//! pitfalls, and on generated texts (proptest).

use crate::export_support::*;
use dossier::edit::Command;
use dossier::export::{self, Format, Scope};
use dossier::import::annotated::{self, import_annotated};
use dossier::model::{AnnotationKind, ClaimUnit, Document, DocumentMeta, Origin, Project, Status};
use dossier::text::Span;
use proptest::prelude::*;

const IMPORTABLE: [Format; 3] = [Format::Jsonl, Format::Brat, Format::LabelStudio];

fn out_path(dir: &std::path::Path, f: Format) -> std::path::PathBuf {
    match f.extension() {
        Some(ext) => dir.join(format!("out.{ext}")),
        None => dir.join("out"),
    }
}

/// Exports the whole project, imports it back into a new project.
fn round_trip(p: &Project, f: Format) -> (Project, annotated::ImportedCorpus) {
    let dir = tempfile::tempdir().unwrap();
    let out = out_path(dir.path(), f);
    export::export(p, &all_ids(p), &Scope::default(), f, &out, &|_, _| true).unwrap();
    let corpus = import_annotated(&out, f).unwrap();
    (into_project(&corpus), corpus)
}

#[test]
fn every_importable_format_is_marked_so() {
    let importable: Vec<Format> = Format::ALL.into_iter().filter(|f| f.importable()).collect();
    assert_eq!(importable, IMPORTABLE);
}

#[test]
fn unicode_article_survives_each_round_trip() {
    let (p, _) = unicode_project();
    let before = corpus_said(&p);
    for f in IMPORTABLE {
        let (back, corpus) = round_trip(&p, f);
        assert!(corpus.issues.is_empty(), "{f:?}: {:?}", corpus.issues);
        assert_eq!(corpus_said(&back), before, "{f:?}");
        let d = &back.documents[0];
        assert!(
            d.annotations().iter().all(|a| a.origin == Origin::Imported),
            "{f:?}"
        );
        assert_eq!(
            d.annotations().len(),
            p.documents[0].annotations().len(),
            "{f:?}"
        );
    }
}

#[test]
fn jsonl_and_label_studio_keep_document_metadata() {
    let (p, _) = unicode_project();
    for f in [Format::Jsonl, Format::LabelStudio] {
        let (back, _) = round_trip(&p, f);
        let m = &back.documents[0].meta;
        assert_eq!(m.title, "Poland’s answer", "{f:?}");
        assert_eq!(m.external_id.as_deref(), Some("pl-answer"), "{f:?}");
        assert_eq!(m.date.as_deref(), Some("2025-06-24"), "{f:?}");
        assert_eq!(
            m.url.as_deref(),
            Some("https://example.org/poland-answer"),
            "{f:?}"
        );
    }
}

#[test]
fn sample_articles_with_reference_annotations_survive_each_round_trip() {
    let p = reference_project();
    let before = corpus_said(&p);
    let n: usize = before.iter().map(|(_, s)| s.len()).sum();
    assert!(n > 350, "the reference has {n} annotations");
    for f in IMPORTABLE {
        let (back, corpus) = round_trip(&p, f);
        assert!(corpus.issues.is_empty(), "{f:?}: {:?}", corpus.issues);
        let after = corpus_said(&back);
        assert_eq!(after.len(), before.len());
        for ((t1, a1), (t2, a2)) in after.iter().zip(&before) {
            assert_eq!(t1, t2, "{f:?}");
            for (x, y) in a1.iter().zip(a2) {
                assert_eq!(x, y, "{f:?}");
            }
            assert_eq!(a1.len(), a2.len(), "{f:?}");
        }
    }
}

#[test]
fn entities_are_shared_not_duplicated_on_import() {
    let (p, _) = unicode_project();
    for f in IMPORTABLE {
        let (back, _) = round_trip(&p, f);
        let mut names: Vec<&str> = back.entities.values().map(|e| e.name.as_str()).collect();
        names.sort();
        assert_eq!(
            names,
            ["Poland", "Renée Dupont", "Władysław Kosiniak-Kamysz"],
            "{f:?}"
        );
        let poland = back.entities.values().find(|e| e.name == "Poland").unwrap();
        assert_eq!(poland.iso3.as_deref(), Some("POL"), "{f:?}");
    }
}

#[test]
fn importing_into_a_project_is_one_undoable_step_reusing_its_entities() {
    let (p, _) = unicode_project();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.jsonl");
    export::export(
        &p,
        &all_ids(&p),
        &Scope::default(),
        Format::Jsonl,
        &out,
        &|_, _| true,
    )
    .unwrap();
    let corpus = import_annotated(&out, Format::Jsonl).unwrap();
    let mut editor = dossier::edit::Editor::new(p.clone());
    let cmd = annotated::corpus_command(editor.project_mut_for_ids(), &corpus).unwrap();
    editor.execute(cmd).unwrap();
    assert_eq!(editor.project().documents.len(), 2);
    assert_eq!(
        editor.project().entities.len(),
        p.entities.len(),
        "the project's entities are reused"
    );
    editor.undo();
    assert_eq!(editor.project().documents.len(), 1);
}

#[test]
fn imported_names_join_the_projects_entities_by_name_alias_and_label() {
    use dossier::annotate::{EntityRef, FindingKind};
    use dossier::import::annotated::{ImportedAnnotation, ImportedCorpus, ImportedDocument};
    use dossier::model::Entity;

    let mut p = Project::new("register");
    let put = |p: &mut Project, name: &str, label: &str, aliases: &[&str], iso3: Option<&str>| {
        let id = p.fresh_entity_id();
        p.entities.insert(
            id,
            Entity {
                id,
                name: name.into(),
                label: label.into(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                iso3: iso3.map(str::to_owned),
                role: None,
            },
        );
        id
    };
    let usa = put(
        &mut p,
        "United States",
        "GPE",
        &["U.S.", "Washington"],
        Some("USA"),
    );
    let georgia = put(&mut p, "Georgia", "GPE", &[], Some("GEO"));
    let nato_org = put(&mut p, "NATO", "ORG", &[], None);

    let text = "WASHINGTON and u.s. — Georgia, Żaneta, ŻANETA, NATO: “Yes,” said NATO.";
    let at = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let entity = |surface: &str, name: &str, label: &str, iso3: Option<&str>| ImportedAnnotation {
        span: at(surface),
        kind: FindingKind::Entity {
            label: label.into(),
            entity: Some(EntityRef {
                id: None,
                name: name.into(),
                label: label.into(),
                iso3: iso3.map(str::to_owned),
                role: None,
                aliases: Vec::new(),
            }),
        },
        status: Status::Accepted,
        origin: None,
        annotator: None,
    };
    let quote = ImportedAnnotation {
        span: at("“Yes,”"),
        kind: FindingKind::Quote {
            // Filed as an ORG in the project; the format does not say.
            speaker: Some(EntityRef {
                id: None,
                name: "nato".into(),
                label: "PERSON".into(),
                iso3: None,
                role: None,
                aliases: Vec::new(),
            }),
            speaker_span: Some(Span::new(at("NATO.").start, at("NATO.").end - 1)),
            cue: Some("said".into()),
            source: None,
        },
        status: Status::Accepted,
        origin: None,
        annotator: None,
    };
    let corpus = ImportedCorpus {
        documents: vec![ImportedDocument {
            meta: DocumentMeta::default(),
            text: text.into(),
            annotations: vec![
                // By an alias, in another case.
                entity("WASHINGTON", "WASHINGTON", "GPE", None),
                entity("u.s.", "u.s.", "GPE", Some("USA")),
                // The same name for another country is another entity.
                entity("Georgia", "Georgia", "GPE", Some("USA")),
                // A new name, twice: one new entity.
                entity("Żaneta", "Żaneta", "PERSON", None),
                entity("ŻANETA", "Żaneta", "PERSON", None),
                entity("NATO:", "NATO", "ORG", None),
                quote,
            ],
        }],
        ..Default::default()
    };
    let mut editor = dossier::edit::Editor::new(p.clone());
    let cmd = annotated::corpus_command(editor.project_mut_for_ids(), &corpus).unwrap();
    editor.execute(cmd).unwrap();
    let project = editor.project();
    let doc = project.documents.last().unwrap();
    let linked: Vec<_> = doc
        .annotations()
        .iter()
        .map(|a| match &a.kind {
            AnnotationKind::Entity { entity, .. } => entity.unwrap(),
            AnnotationKind::Quote { speaker, .. } => speaker.unwrap(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(linked.len(), 7);
    assert_eq!(&linked[..2], [usa, usa]);
    assert_ne!(linked[2], georgia, "Georgia the US state is not GEO");
    assert!(!p.entities.contains_key(&linked[2]));
    assert_eq!(linked[3], linked[4], "one new entity for one new name");
    assert!(!p.entities.contains_key(&linked[3]));
    assert_eq!(
        &linked[5..],
        [nato_org, nato_org],
        "a speaker matches under any label"
    );
    assert_eq!(project.entities.len(), p.entities.len() + 2);
}

// ---- spans that do not match are reported, not fatal --------------------

#[test]
fn jsonl_reports_mismatched_spans_with_line_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    let good = r#"{"id":"a","text":"Poland’s army — “ready”.","entities":[{"start":0,"end":6,"text":"Poland","label":"GPE"}]}"#;
    let bad = r#"{"id":"b","text":"Zoë met Renée.","entities":[{"start":0,"end":3,"text":"Zoë","label":"PERSON"},{"start":8,"end":13,"text":"Renee","label":"PERSON"},{"start":40,"end":44,"text":"x","label":"ORG"}]}"#;
    std::fs::write(&path, format!("{good}\n{bad}\nnot json\n")).unwrap();
    let corpus = import_annotated(&path, Format::Jsonl).unwrap();
    assert_eq!(corpus.documents.len(), 2);
    assert_eq!(
        corpus.documents[1].annotations.len(),
        1,
        "the matching one is kept"
    );
    let lines: Vec<Option<usize>> = corpus.issues.iter().map(|e| e.line).collect();
    assert_eq!(lines, [Some(2), Some(2), Some(3)]);
    let msg = corpus.issues[0].to_string();
    assert!(
        msg.contains("bad.jsonl:2") && msg.contains("\"Renée\"") && msg.contains("\"Renee\""),
        "{msg}"
    );
    assert!(
        corpus.issues[1].message.contains("past the end"),
        "{}",
        corpus.issues[1]
    );
}

#[test]
fn brat_reports_mismatched_spans_with_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Kościuszko 👍🏽 Poland\nWarsaw").unwrap();
    std::fs::write(
        dir.path().join("a.ann"),
        "T1\tLOC 0 10\tKościuszko\nT2\tGPE 14 20\tPoland\nT3\tGPE 13 19\tPoland\nT4\tGPE 14 20;21 27\tPoland Warsaw\nE1\tEvent:T1\n",
    )
    .unwrap();
    let corpus = import_annotated(dir.path(), Format::Brat).unwrap();
    let d = &corpus.documents[0];
    assert_eq!(d.annotations.len(), 3, "T3 is off by one code point");
    assert_eq!(d.annotations[2].span.slice(&d.text), "Poland\nWarsaw");
    assert_eq!(corpus.issues.len(), 2, "{:?}", corpus.issues);
    assert_eq!(corpus.issues[0].line, Some(3));
    assert!(corpus.issues[0].path.ends_with("a.ann"));
    assert!(
        corpus.issues[1].message.contains("1 line(s)"),
        "{}",
        corpus.issues[1]
    );
}

#[test]
fn label_studio_reports_mismatched_regions_with_the_task_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    // UTF-16 offsets, as Label Studio before 1.6 wrote them: one too far
    // after the emoji.
    let tasks = r#"[
{"data":{"text":"👍🏽 Poland"},"annotations":[{"result":[
  {"id":"r1","from_name":"label","to_name":"text","type":"labels","value":{"start":3,"end":9,"text":"Poland","labels":["GPE"]}}]}]},
{"data":{"text":"👍🏽 Poland"},"annotations":[{"result":[
  {"id":"r1","from_name":"label","to_name":"text","type":"labels","value":{"start":5,"end":11,"text":"Poland","labels":["GPE"]}}]}]}
]"#;
    std::fs::write(&path, tasks).unwrap();
    let corpus = import_annotated(&path, Format::LabelStudio).unwrap();
    assert_eq!(corpus.documents[0].annotations.len(), 1);
    assert_eq!(corpus.documents[1].annotations.len(), 0);
    assert_eq!(corpus.issues.len(), 1);
    assert_eq!(corpus.issues[0].line, Some(4));
    assert!(
        corpus.issues[0].message.contains("task 2"),
        "{}",
        corpus.issues[0]
    );
}

#[test]
fn unreadable_input_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        import_annotated(dir.path(), Format::Brat).is_err(),
        "empty folder"
    );
    let p = dir.path().join("x.json");
    std::fs::write(&p, "{ nope").unwrap();
    assert_eq!(
        import_annotated(&p, Format::LabelStudio).unwrap_err().line,
        Some(1)
    );
    assert!(
        import_annotated(&p, Format::Conll).is_err(),
        "not importable"
    );
    assert!(import_annotated(&dir.path().join("missing.jsonl"), Format::Jsonl).is_err());
}

// ---- property tests ------------------------------------------------------

/// Words and marks news text is made of, with every offset pitfall.
const PIECES: [&str; 20] = [
    "Poland",
    "Kościuszko",
    "U.S.",
    "“We",
    "ready,”",
    "—",
    "4.7%",
    "👍🏽",
    "👨‍👩‍👧",
    "Rene\u{301}e",
    "Zoë",
    "naïve",
    "Ørsted",
    "2025",
    "’s",
    "🇵🇱",
    "defence",
    "e\u{301}\u{302}",
    "Łódź",
    "…",
];
const SEPARATORS: [&str; 5] = [" ", " ", "\n", "\n\n", "\r\n"];
const LABELS: [&str; 4] = ["PERSON", "GPE", "ORG", "CUSTOM_LABEL"];
const NAMES: [&str; 4] = ["Renée Dupont", "Zoë; O\\Brien", "Władysław", "Poland"];

fn build(pieces: &[(usize, usize)], anns: &[(usize, usize, u8, u8, bool)]) -> Project {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (i, (w, s)) in pieces.iter().enumerate() {
        if i > 0 {
            text.push_str(SEPARATORS[*s]);
        }
        let start = text.len();
        text.push_str(PIECES[*w]);
        spans.push(Span::new(start, text.len()));
    }
    let mut p = Project::new("prop");
    let id = p.fresh_doc_id();
    Command::AddDocuments(vec![Document::new(
        id,
        DocumentMeta {
            title: "t".into(),
            ..Default::default()
        },
        text,
    )])
    .apply(&mut p)
    .unwrap();
    let mut out = Vec::new();
    for &(at, len, kind, pick, accepted) in anns {
        let a = at % spans.len();
        let b = (a + len).min(spans.len() - 1);
        let span = Span::new(spans[a].start, spans[b].end);
        let status = if accepted {
            Status::Accepted
        } else {
            Status::Suggested
        };
        let pick = pick as usize;
        let kind = match kind % 3 {
            0 => {
                let label = LABELS[pick % LABELS.len()];
                let entity = (!pick.is_multiple_of(3))
                    .then(|| entity(&mut p, NAMES[pick % NAMES.len()], label, None));
                AnnotationKind::Entity {
                    label: label.into(),
                    entity,
                }
            }
            1 => AnnotationKind::Quote {
                speaker: (pick.is_multiple_of(2))
                    .then(|| entity(&mut p, NAMES[pick % NAMES.len()], "PERSON", None)),
                speaker_span: (pick.is_multiple_of(3)).then(|| spans[(a + pick) % spans.len()]),
                cue: (pick.is_multiple_of(4)).then(|| "said".to_owned()),
                source: None,
            },
            _ => AnnotationKind::Claim {
                evidence: None,
                country: NAMES[pick % NAMES.len()].into(),
                iso3: (pick.is_multiple_of(2)).then(|| "POL".to_owned()),
                year: (!pick.is_multiple_of(3)).then_some(2020 + pick as i32),
                value: pick as f64 / 4.0,
                unit: ClaimUnit::ALL[pick % 4],
            },
        };
        out.push(ann(&mut p, span, kind, status));
    }
    Command::AddAnnotations {
        doc: id,
        annotations: out,
    }
    .apply(&mut p)
    .unwrap();
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_annotated_text_round_trips(
        pieces in prop::collection::vec((0..PIECES.len(), 0..SEPARATORS.len()), 1..40),
        anns in prop::collection::vec((0usize..40, 0usize..4, any::<u8>(), any::<u8>(), any::<bool>()), 0..12),
    ) {
        let p = build(&pieces, &anns);
        let before = corpus_said(&p);
        for f in IMPORTABLE {
            let (back, corpus) = round_trip(&p, f);
            prop_assert!(corpus.issues.is_empty(), "{:?}: {:?}", f, corpus.issues);
            prop_assert_eq!(&corpus_said(&back), &before, "{:?}", f);
        }
    }
}
