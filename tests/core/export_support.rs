//! Projects for the export and round-trip tests: the sample articles with
//! their hand-made reference annotations, and a small article whose text
//! exercises every offset pitfall.

use std::path::{Path, PathBuf};

use dossier::edit::Command;
use dossier::model::{
    Annotation, AnnotationKind, ClaimUnit, DocId, Document, DocumentMeta, Entity, EntityId, Origin,
    Project, Status,
};
use dossier::text::Span;
use serde_json::Value;

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// The sample articles with the reference annotations (accepted, manual);
/// speakers and claim countries become canonical entities.
pub fn reference_project() -> Project {
    let mut p = Project::new("reference");
    let mut refs: Vec<PathBuf> = std::fs::read_dir(sample_dir().join("reference"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    refs.sort();
    for r in refs {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&r).unwrap()).unwrap();
        let file = v["file"].as_str().unwrap();
        let article = sample_dir().join("articles").join(file);
        let text = std::fs::read_to_string(&article).unwrap();
        let meta = DocumentMeta {
            title: text.lines().next().unwrap_or_default().trim().to_owned(),
            source_path: Some(article.clone()),
            ..Default::default()
        };
        let id = p.fresh_doc_id();
        Command::AddDocuments(vec![Document::new(id, meta, text)])
            .apply(&mut p)
            .unwrap();
        let mut annotations = Vec::new();
        for e in v["entities"].as_array().unwrap() {
            let span = span_of(&p, id, e);
            let label = e["label"].as_str().unwrap().to_owned();
            let entity = if label == "PERSON" || label == "GPE" {
                Some(entity(&mut p, e["text"].as_str().unwrap(), &label, None))
            } else {
                None
            };
            annotations.push(ann(
                &mut p,
                span,
                AnnotationKind::Entity { label, entity },
                Status::Accepted,
            ));
        }
        for q in v["quotes"].as_array().unwrap() {
            let span = span_of(&p, id, q);
            let speaker = q["speaker"]
                .as_str()
                .map(|s| entity(&mut p, s, "PERSON", None));
            let speaker_span = match (q["speaker_start"].as_u64(), q["speaker_end"].as_u64()) {
                (Some(s), Some(e)) => p
                    .document(id)
                    .unwrap()
                    .span_from_chars(s as usize, e as usize),
                _ => None,
            };
            let kind = AnnotationKind::Quote {
                speaker,
                speaker_span,
                cue: None,
                source: None,
            };
            annotations.push(ann(&mut p, span, kind, Status::Accepted));
        }
        for c in v["claims"].as_array().unwrap() {
            let span = span_of(&p, id, c);
            let kind = AnnotationKind::Claim {
                evidence: None,
                country: c["country"].as_str().unwrap().to_owned(),
                iso3: None,
                year: c["year"].as_i64().map(|y| y as i32),
                value: c["value"].as_f64().unwrap(),
                unit: ClaimUnit::parse(c["unit"].as_str().unwrap()).unwrap(),
            };
            annotations.push(ann(&mut p, span, kind, Status::Accepted));
        }
        Command::AddAnnotations {
            doc: id,
            annotations,
        }
        .apply(&mut p)
        .unwrap();
    }
    p
}

fn span_of(p: &Project, doc: DocId, v: &Value) -> Span {
    let d = p.document(doc).unwrap();
    let s = d
        .span_from_chars(
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        )
        .unwrap();
    assert_eq!(d.slice(s), v["text"].as_str().unwrap(), "reference offsets");
    s
}

/// The entity with this name and label, created if new.
pub fn entity(p: &mut Project, name: &str, label: &str, iso3: Option<&str>) -> EntityId {
    // Case-insensitive, as the importers resolve names ("WASHINGTON" is Washington).
    if let Some(e) = p
        .entities
        .values()
        .find(|e| e.name.eq_ignore_ascii_case(name) && e.label == label)
    {
        return e.id;
    }
    let id = p.fresh_entity_id();
    Command::PutEntity(Entity {
        id,
        name: name.to_owned(),
        label: label.to_owned(),
        aliases: Vec::new(),
        iso3: iso3.map(str::to_owned),
        role: None,
    })
    .apply(p)
    .unwrap();
    id
}

pub fn ann(p: &mut Project, span: Span, kind: AnnotationKind, status: Status) -> Annotation {
    Annotation {
        id: p.fresh_annotation_id(),
        span,
        kind,
        origin: Origin::Manual,
        status,
    }
}

/// The byte span of the `n`-th (0-based) occurrence of `needle`.
pub fn find(text: &str, needle: &str, n: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n}"))
        .0;
    Span::new(start, start + needle.len())
}

/// A news paragraph with curly quotes, em dashes, diacritics, emoji with a
/// skin tone and a ZWJ family, a combining accent, and a quote over two
/// paragraphs.
pub const UNICODE_TEXT: &str = "Poland’s Kościuszko base 👍🏽 — “We are ready,” said Władysław Kosiniak-Kamysz.\n\
“Poland will spend 4.7% of GDP in 2025 — more than any ally 👨‍👩‍👧.\n\
That is our answer,” he added. Rene\u{301}e Dupont of NATO agreed.\n";

pub fn unicode_project() -> (Project, DocId) {
    let mut p = Project::new("unicode");
    let id = p.fresh_doc_id();
    let meta = DocumentMeta {
        title: "Poland’s answer".into(),
        date: Some("2025-06-24".into()),
        outlet: Some("Test Wire".into()),
        url: Some("https://example.org/poland-answer".into()),
        external_id: Some("pl-answer".into()),
        ..Default::default()
    };
    Command::AddDocuments(vec![Document::new(id, meta, UNICODE_TEXT.to_owned())])
        .apply(&mut p)
        .unwrap();
    let t = UNICODE_TEXT;
    let poland = entity(&mut p, "Poland", "GPE", Some("POL"));
    let minister = entity(&mut p, "Władysław Kosiniak-Kamysz", "PERSON", None);
    let renee = entity(&mut p, "Renée Dupont", "PERSON", None);
    let mut a = Vec::new();
    a.push(ann(
        &mut p,
        find(t, "Poland", 0),
        AnnotationKind::Entity {
            label: "GPE".into(),
            entity: Some(poland),
        },
        Status::Accepted,
    ));
    a.push(ann(
        &mut p,
        find(t, "Kościuszko", 0),
        AnnotationKind::Entity {
            label: "LOC".into(),
            entity: None,
        },
        Status::Suggested,
    ));
    let speaker = find(t, "Władysław Kosiniak-Kamysz", 0);
    a.push(ann(
        &mut p,
        speaker,
        AnnotationKind::Entity {
            label: "PERSON".into(),
            entity: Some(minister),
        },
        Status::Accepted,
    ));
    a.push(ann(
        &mut p,
        find(t, "“We are ready,”", 0),
        AnnotationKind::Quote {
            speaker: Some(minister),
            speaker_span: Some(speaker),
            cue: Some("said".into()),
            source: None,
        },
        Status::Accepted,
    ));
    a.push(ann(
        &mut p,
        find(t, "Poland", 1),
        AnnotationKind::Entity {
            label: "GPE".into(),
            entity: Some(poland),
        },
        Status::Accepted,
    ));
    a.push(ann(
        &mut p,
        find(t, "4.7%", 0),
        AnnotationKind::Entity {
            label: "PERCENT".into(),
            entity: None,
        },
        Status::Suggested,
    ));
    a.push(ann(
        &mut p,
        find(t, "2025", 0),
        AnnotationKind::Entity {
            label: "DATE".into(),
            entity: None,
        },
        Status::Accepted,
    ));
    // Over a paragraph break: brat needs two fragments.
    let start = find(t, "“Poland will", 0).start;
    let end = find(t, "answer,”", 0).end;
    a.push(ann(
        &mut p,
        Span::new(start, end),
        AnnotationKind::Quote {
            speaker: Some(minister),
            speaker_span: None,
            cue: Some("added".into()),
            source: Some("a; \\ note".into()),
        },
        Status::Suggested,
    ));
    a.push(ann(
        &mut p,
        find(t, "Poland will spend 4.7% of GDP in 2025", 0),
        AnnotationKind::Claim {
            evidence: None,
            country: "Poland".into(),
            iso3: Some("POL".into()),
            year: Some(2025),
            value: 4.7,
            unit: ClaimUnit::PctGdp,
        },
        Status::Accepted,
    ));
    a.push(ann(
        &mut p,
        find(t, "Rene\u{301}e Dupont", 0),
        AnnotationKind::Entity {
            label: "PERSON".into(),
            entity: Some(renee),
        },
        Status::Accepted,
    ));
    a.push(ann(
        &mut p,
        find(t, "NATO", 0),
        AnnotationKind::Entity {
            label: "ORG".into(),
            entity: None,
        },
        Status::Accepted,
    ));
    Command::AddAnnotations {
        doc: id,
        annotations: a,
    }
    .apply(&mut p)
    .unwrap();
    (p, id)
}

/// What an annotation says, with entities by name: what a round trip must
/// keep (ids and origin are the importer's).
#[derive(Debug, PartialEq, Clone)]
pub struct Said {
    pub span: Span,
    pub what: String,
    pub status: Status,
}

pub fn said(p: &Project, d: &Document) -> Vec<Said> {
    let name = |e: Option<EntityId>| {
        e.and_then(|e| p.entity(e))
            .map(|e| format!("{}/{}/{:?}", e.name, e.label, e.iso3))
    };
    let speaker_name = |e: Option<EntityId>| p.entity_name(e).map(str::to_owned);
    let mut v: Vec<Said> = d
        .live_annotations()
        .map(|a| Said {
            span: a.span,
            what: match &a.kind {
                AnnotationKind::Entity { label, entity } => {
                    format!("entity {label} {:?}", name(*entity))
                }
                AnnotationKind::Quote {
                    speaker,
                    speaker_span,
                    cue,
                    source,
                } => {
                    format!(
                        "quote {:?} {:?} {cue:?} {source:?}",
                        speaker_name(*speaker),
                        speaker_span
                    )
                }
                AnnotationKind::Claim {
                    country,
                    iso3,
                    year,
                    value,
                    unit,
                    ..
                } => {
                    format!("claim {country} {iso3:?} {year:?} {value} {unit:?}")
                }
            },
            status: a.status,
        })
        .collect();
    v.sort_by_key(|a| (a.span, a.what.clone(), format!("{:?}", a.status)));
    v
}

/// Every document's text and what its annotations say, by position.
pub fn corpus_said(p: &Project) -> Vec<(String, Vec<Said>)> {
    p.documents
        .iter()
        .map(|d| (d.text().to_owned(), said(p, d)))
        .collect()
}

/// Imports a corpus into a fresh project through the one command.
pub fn into_project(corpus: &dossier::import::annotated::ImportedCorpus) -> Project {
    let mut p = Project::new("imported");
    let c = dossier::import::annotated::corpus_command(&mut p, corpus)
        .expect("a corpus with documents");
    c.apply(&mut p).expect("the import command applies");
    p
}

pub fn all_ids(p: &Project) -> Vec<DocId> {
    p.documents.iter().map(|d| d.id).collect()
}
