//! The analyst's name through every export that can carry it, and back
//! through every importer: JSON Lines (`annotator`), CSV (a column), brat
//! (`annotator=` in the annotation's note), Label Studio (`completed_by`
//! and a region's `annotator`) and W3C Web Annotation (`creator`).

use dossier::edit::{Command, Editor};
use dossier::export::{self, Format, Scope};
use dossier::import::annotated::{corpus_command, import_annotated};
use dossier::model::{
    Annotation, AnnotationKind, ClaimUnit, DocId, Document, DocumentMeta, Origin, Project, Status,
};
use dossier::text::Span;
use serde_json::Value;

/// A name that is not ASCII, with a character outside the BMP.
const ZOE: &str = "Zoë Ørsted-Łukasiewicz 🛰️";
const BOB: &str = "bob";

const TEXT: &str = "Poland will spend 4.7% of GDP on defence in 2025, said Władysław Kosiniak-Kamysz: “We will.” NATO agreed.";

fn at(needle: &str) -> Span {
    let start = TEXT.find(needle).unwrap();
    Span::new(start, start + needle.len())
}

/// One article: Zoë accepted a country, a quote and a claim; bob made a
/// suggestion of his own; one engine suggestion is nobody's.
fn project() -> Project {
    let mut p = Project::new("attribution");
    let doc = p.fresh_doc_id();
    p.documents.push(Document::new(
        doc,
        DocumentMeta {
            title: "t".into(),
            external_id: Some("a1".into()),
            ..Default::default()
        },
        TEXT.into(),
    ));
    let mut editor = Editor::new(p);
    let add = |editor: &mut Editor, span: Span, kind: AnnotationKind, status: Status| {
        let id = editor.project_mut_for_ids().fresh_annotation_id();
        let annotation = Annotation {
            id,
            span,
            kind,
            origin: Origin::Manual,
            status,
        };
        editor
            .execute(Command::AddAnnotations {
                doc,
                annotations: vec![annotation],
            })
            .unwrap();
    };
    let entity = |label: &str| AnnotationKind::Entity {
        label: label.into(),
        entity: None,
    };
    add(&mut editor, at("NATO"), entity("ORG"), Status::Suggested);
    editor.set_annotator(Some(ZOE.into()));
    add(&mut editor, at("Poland"), entity("GPE"), Status::Accepted);
    let quote = AnnotationKind::Quote {
        speaker: None,
        speaker_span: Some(at("Władysław Kosiniak-Kamysz")),
        cue: Some("said".into()),
        source: None,
    };
    add(&mut editor, at("“We will.”"), quote, Status::Accepted);
    let (country, iso3) = ("Poland".to_owned(), Some("POL".to_owned()));
    let claim = AnnotationKind::Claim {
        country,
        iso3,
        year: Some(2025),
        value: 4.7,
        unit: ClaimUnit::PctGdp,
        evidence: None,
    };
    add(
        &mut editor,
        at("Poland will spend 4.7% of GDP on defence in 2025"),
        claim,
        Status::Accepted,
    );
    editor.set_annotator(Some(BOB.into()));
    add(
        &mut editor,
        at("Władysław Kosiniak-Kamysz"),
        entity("PERSON"),
        Status::Suggested,
    );
    editor.project().clone()
}

/// Each exported annotation's words, kind and analyst, in text order.
fn attributions(doc: &Document) -> Vec<(String, &'static str, Option<String>)> {
    let mut out: Vec<_> = doc
        .live_annotations()
        .map(|a| {
            (
                doc.slice(a.span).to_owned(),
                a.kind.kind_name(),
                doc.annotator(a.id).map(str::to_owned),
            )
        })
        .collect();
    out.sort();
    out
}

/// Exports `format` into a folder and imports it into a new project.
fn round_trip(p: &Project, format: Format) -> Project {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(match format.extension() {
        Some(ext) => format!("corpus.{ext}"),
        None => "corpus".into(),
    });
    let ids: Vec<DocId> = p.documents.iter().map(|d| d.id).collect();
    export::export(p, &ids, &Scope::default(), format, &out, &|_, _| true).unwrap();
    let corpus = import_annotated(&out, format).unwrap();
    assert!(corpus.issues.is_empty(), "{format:?}: {:?}", corpus.issues);
    let mut back = Editor::new(Project::new("back"));
    let command = corpus_command(back.project_mut_for_ids(), &corpus).unwrap();
    back.execute(command).unwrap();
    back.project().clone()
}

#[test]
fn the_analyst_survives_each_format_that_reads_back() {
    let p = project();
    let expected = attributions(&p.documents[0]);
    assert_eq!(
        expected
            .iter()
            .filter(|(_, _, a)| a.as_deref() == Some(ZOE))
            .count(),
        3
    );
    assert!(expected.iter().any(|(_, _, a)| a.as_deref() == Some(BOB)));
    assert!(expected.iter().any(|(_, _, a)| a.is_none()));
    for format in [Format::Jsonl, Format::Brat, Format::LabelStudio] {
        let back = round_trip(&p, format);
        // brat keeps no speaker mention that is also exported as a PERSON
        // apart, so compare what each format keeps: every annotation here.
        assert_eq!(attributions(&back.documents[0]), expected, "{format:?}");
    }
}

#[test]
fn csv_web_annotation_and_label_studio_say_who_annotated() {
    let p = project();
    let docs: Vec<&Document> = p.documents.iter().collect();
    let render = |format| {
        let files = export::render_to_memory(
            &p,
            &docs,
            &Scope::default(),
            format,
            &export::no_official_figures,
        )
        .unwrap();
        String::from_utf8(files[0].1.clone()).unwrap()
    };
    // CSV: the last column.
    let csv = render(Format::Csv);
    let mut reader = ::csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().next_back(), Some("annotator"));
    let col = header.iter().position(|h| h == "annotator").unwrap();
    let text = header.iter().position(|h| h == "text").unwrap();
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[text].to_owned(), r[col].to_owned())
        })
        .collect();
    assert!(rows.contains(&("Poland".into(), ZOE.into())), "{rows:?}");
    assert!(rows.contains(&("NATO".into(), String::new())), "{rows:?}");
    // Web Annotation: the model's `creator`.
    let web: Value = serde_json::from_str(&render(Format::WebAnno)).unwrap();
    let creators: Vec<Option<&str>> = web["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["creator"]["name"].as_str())
        .collect();
    assert_eq!(creators.iter().filter(|c| **c == Some(ZOE)).count(), 3);
    assert!(creators.contains(&Some(BOB)) && creators.contains(&None));
    // Label Studio: every accepted annotation is Zoë's, so the annotation
    // is hers as Label Studio records it.
    let tasks: Value = serde_json::from_str(&render(Format::LabelStudio)).unwrap();
    assert_eq!(
        tasks[0]["annotations"][0]["completed_by"]["first_name"],
        ZOE
    );
    assert!(tasks[0]["predictions"][0].get("completed_by").is_none());
}

#[test]
fn a_label_studio_annotation_by_a_user_names_its_regions() {
    // As Label Studio exports it: the user object, no per-region name.
    let task = serde_json::json!([{
        "id": 7,
        "data": {"text": "Poland spends."},
        "annotations": [{
            "completed_by": {"id": 3, "email": "zoe@example.org", "first_name": "Zoë", "last_name": "Ørsted"},
            "result": [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
                        "value": {"start": 0, "end": 6, "text": "Poland", "labels": ["GPE"]}}],
        }],
    }]);
    let by_email = serde_json::json!([{
        "data": {"text": "Poland spends."},
        "annotations": [{
            "completed_by": {"id": 3, "email": "zoe@example.org"},
            "result": task[0]["annotations"][0]["result"].clone(),
        }],
    }]);
    let by_id = serde_json::json!([{
        "data": {"text": "Poland spends."},
        "annotations": [{"completed_by": 3, "result": task[0]["annotations"][0]["result"].clone()}],
    }]);
    let path = std::path::Path::new("t.json");
    let name = |v: &Value| {
        let corpus = dossier::import::annotated::labelstudio::parse(&v.to_string(), path).unwrap();
        corpus.documents[0].annotations[0].annotator.clone()
    };
    assert_eq!(name(&task).as_deref(), Some("Zoë Ørsted"));
    assert_eq!(name(&by_email).as_deref(), Some("zoe@example.org"));
    // A bare user id names nobody Dossier knows.
    assert_eq!(name(&by_id), None);
}
