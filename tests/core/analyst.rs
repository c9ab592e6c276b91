//! The analyst's operations (`dossier::analyst`) without a window: each
//! returns the command the window and `dossier learn` run, here run and
//! undone through an `Editor` on sentences of the sample articles, with
//! their curly quotes, em dashes and diacritics, and emoji added.

use std::process::Command as Process;

use dossier::analyst::{self, NameListError, Operation, ReviewError};
use dossier::edit::{Command, Editor};
use dossier::model::{
    Annotation, AnnotationId, AnnotationKind, DocId, Document, DocumentMeta, Entity, EntityId,
    Origin, Project, Status,
};
use dossier::text::Span;

use crate::export_support::find as span_of;

/// From `sample-data/articles/00_seed.txt`, with emoji.
const SEED: &str = "U.S. Assistant Secretary of War Daniel Zimmerman met with Polish defense leaders in Warsaw on Monday 🤝, reinforcing a partnership that officials describe as increasingly vital to European security.\n\
“Assistant Secretary Zimmerman and Minister Zalewski discussed how to advance the bilateral defense relationship and shared commitment to operationalizing NATO’s 5% defense spending pledge,” according to a readout from the meeting.\n\
That said, the 5% defense spending target represents a significant increase from NATO’s current 2% benchmark — one that many alliance members still struggle to meet. Poland, however, already exceeds the current threshold, spending approximately 4% of its GDP on defense in 2023. 🇵🇱\n";

/// From `sample-data/claims/articles/11_dod-readout-hegseth-baltic-ministers.txt`
/// and the seed, with an emoji.
const BALTIC: &str = "On July 25, Secretary of Defense Pete Hegseth met with his Baltic counterparts, Minister Pevkur, Estonia; Minister Sprūds, Latvia; and Minister Šakalienė, Lithuania at the Pentagon 🏛️.\n\
“Mr. Zimmerman visited U.S. troops and thanked Poland for their outstanding host nation support,” the statement noted — underscoring the operational importance of the deployment.\n";

const SEED_DOC: DocId = DocId(1);
const BALTIC_DOC: DocId = DocId(2);

/// A project of the two articles, nothing annotated.
fn editor() -> Editor {
    let mut project = Project::new("analyst");
    let mut docs = Vec::new();
    for (title, text) in [("seed", SEED), ("baltic", BALTIC)] {
        let id = project.fresh_doc_id();
        let meta = DocumentMeta {
            title: title.into(),
            date: Some("2025-07-25".into()),
            ..Default::default()
        };
        docs.push(Document::new(id, meta, text.to_owned()));
    }
    let mut editor = Editor::new(project);
    editor.execute(Command::AddDocuments(docs)).unwrap();
    assert_eq!(editor.project().documents[0].id, SEED_DOC);
    editor
}

/// Adds an annotation as the engine would suggest it; returns its id.
fn suggest(editor: &mut Editor, doc: DocId, span: Span, kind: AnnotationKind) -> AnnotationId {
    let id = editor.project_mut_for_ids().fresh_annotation_id();
    let suggestion = Annotation {
        id,
        span,
        kind,
        origin: Origin::Automatic,
        status: Status::Suggested,
    };
    editor
        .execute(Command::AddAnnotations {
            doc,
            annotations: vec![suggestion],
        })
        .unwrap();
    id
}

/// Adds a canonical entity known also as `alias`; returns its id.
fn put_entity(
    editor: &mut Editor,
    label: &str,
    name: &str,
    alias: &str,
    iso3: Option<&str>,
) -> EntityId {
    let id = editor.project_mut_for_ids().fresh_entity_id();
    let entity = Entity {
        id,
        name: name.into(),
        label: label.into(),
        aliases: vec![alias.into()],
        iso3: iso3.map(str::to_owned),
        role: None,
    };
    editor.execute(Command::PutEntity(entity)).unwrap();
    id
}

fn entity(label: &str) -> AnnotationKind {
    AnnotationKind::Entity {
        label: label.into(),
        entity: None,
    }
}

/// What an edit can change: documents with their annotations, entities
/// and the gazetteer (ids drawn for an operation are not given back).
fn content(project: &Project) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        project.documents.clone(),
        project.entities.clone(),
        project.gazetteer.clone(),
    )
}

/// Runs the operation's command and checks it changed the project, that
/// undo puts the project back as it was and redo as it was after; leaves
/// the command done.
fn run_undo_redo(editor: &mut Editor, op: &Operation) {
    let before = content(editor.project());
    editor.execute(op.command.clone()).unwrap();
    let after = content(editor.project());
    assert_ne!(after, before, "{op:?} changed nothing");
    editor.undo().unwrap();
    assert_eq!(content(editor.project()), before, "undo of {op:?}");
    editor.redo().unwrap();
    assert_eq!(content(editor.project()), after, "redo of {op:?}");
}

/// The name of the operation's edit and its summary.
fn told(op: &Operation) -> (String, Option<&str>) {
    (op.command.describe(), op.summary.as_deref())
}

/// The live annotations of a document as `(text, label)`.
fn mentions(project: &Project, doc: DocId) -> Vec<(String, String, Status)> {
    let d = project.document(doc).unwrap();
    d.live_annotations()
        .map(|a| {
            let label = a.kind.label().unwrap_or(a.kind.kind_name()).to_owned();
            (d.slice(a.span).to_owned(), label, a.status)
        })
        .collect()
}

fn suggested(text: &str, label: &str) -> (String, String, Status) {
    (text.into(), label.into(), Status::Suggested)
}

#[test]
fn a_new_label_creates_its_entity_and_spreads_across_both_articles() {
    let mut editor = editor();
    let span = span_of(SEED, "Zimmerman", 1);
    let op = analyst::label_span(editor.project_mut_for_ids(), SEED_DOC, span, "PERSON").unwrap();
    let spread =
        "“Zimmerman” (PERSON) now suggested across the corpus (2 document(s) with new suggestions)";
    assert_eq!(told(&op), ("add PERSON “Zimmerman”".into(), Some(spread)));
    run_undo_redo(&mut editor, &op);
    let project = editor.project();
    let Command::Batch { commands, .. } = &op.command else {
        panic!("{op:?}")
    };
    let Some(Command::PutEntity(created)) = commands.first() else {
        panic!("no new entity: {commands:?}")
    };
    assert_eq!(
        (created.name.as_str(), created.label.as_str()),
        ("Zimmerman", "PERSON")
    );
    let labelled = project
        .document(SEED_DOC)
        .unwrap()
        .annotation(op.select.unwrap())
        .unwrap();
    assert_eq!(labelled.span, span);
    assert_eq!(labelled.status, Status::Accepted);
    assert_eq!(
        labelled.kind,
        AnnotationKind::Entity {
            label: "PERSON".into(),
            entity: Some(created.id)
        }
    );
    // The other mentions are suggested, linked to the same entity, and the
    // labelled one is not repeated.
    assert_eq!(project.entities.len(), 1, "{:?}", project.entities);
    for d in &project.documents {
        for a in d.live_annotations() {
            assert!(
                matches!(a.kind, AnnotationKind::Entity { entity: Some(e), .. } if e == created.id),
                "{a:?}"
            );
        }
    }
    assert_eq!(
        mentions(project, SEED_DOC),
        [
            suggested("Zimmerman", "PERSON"),
            ("Zimmerman".into(), "PERSON".into(), Status::Accepted),
        ]
    );
    assert_eq!(
        mentions(project, BALTIC_DOC),
        [suggested("Zimmerman", "PERSON")]
    );
    assert_eq!(project.gazetteer.len(), 1);
}

#[test]
fn a_label_links_to_the_canonical_entity_named_like_it() {
    let mut editor = editor();
    let id = put_entity(&mut editor, "PERSON", "Pawel Zalewski", "Zalewski", None);
    let span = span_of(SEED, "Zalewski", 0);
    let (linked, new) = analyst::entity_for(editor.project_mut_for_ids(), "PERSON", span, SEED_DOC);
    assert_eq!((linked, new), (id, None));
    let op = analyst::label_span(editor.project_mut_for_ids(), SEED_DOC, span, "PERSON").unwrap();
    let Command::Batch { commands, .. } = &op.command else {
        panic!("{op:?}")
    };
    assert!(
        !commands.iter().any(|c| matches!(c, Command::PutEntity(_))),
        "{commands:?}"
    );
    run_undo_redo(&mut editor, &op);
    let a = editor
        .project()
        .document(SEED_DOC)
        .unwrap()
        .annotation(op.select.unwrap())
        .unwrap();
    assert_eq!(
        a.kind,
        AnnotationKind::Entity {
            label: "PERSON".into(),
            entity: Some(id)
        }
    );
    // Under another label the name is another entity.
    let (other, new) = analyst::entity_for(editor.project_mut_for_ids(), "ORG", span, SEED_DOC);
    assert_ne!(other, id);
    assert_eq!(
        new.map(|e| (e.name, e.label)),
        Some(("Zalewski".into(), "ORG".into()))
    );
}

#[test]
fn relabelling_accepts_and_links_and_the_same_label_does_nothing() {
    let mut editor = editor();
    let span = span_of(BALTIC, "Šakalienė", 0);
    let id = suggest(&mut editor, BALTIC_DOC, span, entity("ORG"));
    assert_eq!(
        analyst::relabel(editor.project_mut_for_ids(), BALTIC_DOC, id, "ORG"),
        None
    );
    let op = analyst::relabel(editor.project_mut_for_ids(), BALTIC_DOC, id, "PERSON").unwrap();
    assert_eq!(op.command.describe(), "relabel “Šakalienė” as PERSON");
    assert_eq!(op.select, None);
    run_undo_redo(&mut editor, &op);
    let project = editor.project();
    let a = project
        .document(BALTIC_DOC)
        .unwrap()
        .annotation(id)
        .unwrap();
    assert_eq!(a.status, Status::Accepted);
    let AnnotationKind::Entity { label, entity } = &a.kind else {
        panic!("{a:?}")
    };
    assert_eq!(label, "PERSON");
    assert_eq!(project.entity_name(*entity), Some("Šakalienė"));
}

#[test]
fn a_quote_keeps_its_curly_marks_and_is_selected() {
    let mut editor = editor();
    let quote = SEED.lines().nth(1).unwrap();
    let quote = &quote[..quote.find(",”").unwrap() + ",”".len()];
    let span = span_of(SEED, quote, 0);
    let op = analyst::mark_quote(editor.project_mut_for_ids(), SEED_DOC, span).unwrap();
    assert_eq!(
        op.command.describe(),
        "add quote ““Assistant Secretary Zimmerman and Minis…”"
    );
    run_undo_redo(&mut editor, &op);
    let doc = editor.project().document(SEED_DOC).unwrap();
    let a = doc.annotation(op.select.unwrap()).unwrap();
    assert!(matches!(
        a.kind,
        AnnotationKind::Quote { speaker: None, .. }
    ));
    assert!(doc.slice(a.span).starts_with('“') && doc.slice(a.span).ends_with('”'));
    assert_eq!(
        analyst::mark_quote(editor.project_mut_for_ids(), DocId(99), span),
        None
    );
}

/// The claim `needle` of the seed article makes, as `mark_claim` fills it.
fn claim_of(editor: &mut Editor, needle: &str) -> AnnotationKind {
    let span = span_of(SEED, needle, 0);
    let op = analyst::mark_claim(editor.project_mut_for_ids(), SEED_DOC, span).unwrap();
    run_undo_redo(editor, &op);
    let Command::AddAnnotations { annotations, .. } = op.command else {
        panic!("{op:?}")
    };
    assert_eq!(Some(annotations[0].id), op.select);
    annotations[0].kind.clone()
}

fn claim(country: &str, iso3: Option<&str>, year: Option<i32>, value: f64) -> AnnotationKind {
    AnnotationKind::Claim {
        country: country.into(),
        iso3: iso3.map(str::to_owned),
        year,
        value,
        unit: dossier::model::ClaimUnit::PctGdp,
        evidence: None,
    }
}

#[test]
fn a_claim_is_prefilled_from_its_sentence_and_never_the_one_before() {
    let mut editor = editor();
    // The country is named but not tagged.
    assert_eq!(
        claim_of(
            &mut editor,
            "Poland, however, already exceeds the current threshold, spending approximately 4% of its GDP on defense in 2023."
        ),
        claim("Poland", Some("POL"), Some(2023), 4.0)
    );
    assert_eq!(
        claim_of(
            &mut editor,
            "spending approximately 4% of its GDP on defense in 2023"
        ),
        claim("Poland", Some("POL"), Some(2023), 4.0)
    );
    // No country in the sentence of the 5% target: none from the sentences
    // around it (Poland after the full stop, Warsaw before).
    assert_eq!(
        claim_of(
            &mut editor,
            "the 5% defense spending target represents a significant increase from NATO’s current 2% benchmark — one"
        ),
        claim("", None, None, 5.0)
    );
    // A tagged country gives its canonical entity's name and code.
    let id = put_entity(
        &mut editor,
        "GPE",
        "Republic of Poland",
        "Poland",
        Some("POL"),
    );
    let tag = suggest(
        &mut editor,
        SEED_DOC,
        span_of(SEED, "Poland", 0),
        AnnotationKind::Entity {
            label: "GPE".into(),
            entity: Some(id),
        },
    );
    assert_eq!(
        claim_of(
            &mut editor,
            "approximately 4% of its GDP on defense in 2023. 🇵🇱"
        ),
        claim("Republic of Poland", Some("POL"), Some(2023), 4.0)
    );
    let doc = editor.project().document(SEED_DOC).unwrap();
    assert!(doc.annotation(tag).is_some());
}

#[test]
fn accepting_a_name_teaches_it_to_the_other_article_in_one_step() {
    let mut editor = editor();
    let poland = suggest(
        &mut editor,
        SEED_DOC,
        span_of(SEED, "Poland", 0),
        entity("GPE"),
    );
    let op = analyst::set_status(
        editor.project_mut_for_ids(),
        SEED_DOC,
        &[poland],
        Status::Accepted,
    )
    .unwrap();
    let spread =
        "“Poland” (GPE) now suggested across the corpus (1 document(s) with new suggestions)";
    assert_eq!(told(&op), ("accept GPE “Poland”".into(), Some(spread)));
    run_undo_redo(&mut editor, &op);
    assert_eq!(
        mentions(editor.project(), BALTIC_DOC),
        [suggested("Poland", "GPE")]
    );
    assert_eq!(
        mentions(editor.project(), SEED_DOC),
        [("Poland".into(), "GPE".into(), Status::Accepted)]
    );
    // Accepted again after a reject, the name is not listed twice.
    let reject = analyst::set_status(
        editor.project_mut_for_ids(),
        SEED_DOC,
        &[poland],
        Status::Rejected,
    )
    .unwrap();
    assert_eq!(reject.summary, None);
    editor.execute(reject.command).unwrap();
    let again = analyst::set_status(
        editor.project_mut_for_ids(),
        SEED_DOC,
        &[poland],
        Status::Accepted,
    )
    .unwrap();
    editor.execute(again.command).unwrap();
    assert_eq!(editor.project().gazetteer.len(), 1);
    // Nothing to change: no operation.
    assert_eq!(
        analyst::set_status(
            editor.project_mut_for_ids(),
            SEED_DOC,
            &[poland],
            Status::Accepted
        ),
        None
    );
}

#[test]
fn accepting_several_names_at_once_teaches_every_one() {
    let mut editor = editor();
    let ids: Vec<AnnotationId> = ["Pevkur", "Sprūds", "Šakalienė"]
        .into_iter()
        .map(|name| {
            suggest(
                &mut editor,
                BALTIC_DOC,
                span_of(BALTIC, name, 0),
                entity("PERSON"),
            )
        })
        .collect();
    let op = analyst::set_status(
        editor.project_mut_for_ids(),
        BALTIC_DOC,
        &ids,
        Status::Accepted,
    )
    .unwrap();
    assert_eq!(op.command.describe(), "edit 3 annotations");
    run_undo_redo(&mut editor, &op);
    let learnt: Vec<&str> = editor
        .project()
        .gazetteer
        .iter()
        .map(|g| g.text.as_str())
        .collect();
    assert_eq!(learnt, ["Pevkur", "Sprūds", "Šakalienė"]);
}

#[test]
fn learning_a_mention_spreads_it_and_the_gazetteer_can_be_edited_back() {
    let mut editor = editor();
    let span = span_of(BALTIC, "Zimmerman", 0);
    let id = suggest(&mut editor, BALTIC_DOC, span, entity("PERSON"));
    let op = analyst::learn_annotation(editor.project_mut_for_ids(), BALTIC_DOC, id).unwrap();
    assert_eq!(op.command.describe(), "add “Zimmerman” to the gazetteer");
    run_undo_redo(&mut editor, &op);
    assert_eq!(
        mentions(editor.project(), SEED_DOC),
        [
            suggested("Zimmerman", "PERSON"),
            suggested("Zimmerman", "PERSON")
        ]
    );
    // Learnt already: nothing more to do.
    assert_eq!(
        analyst::learn_annotation(editor.project_mut_for_ids(), BALTIC_DOC, id),
        None
    );
    // The analyst empties the list: no new name, nothing suggested.
    let op = analyst::set_gazetteer(editor.project_mut_for_ids(), Vec::new()).unwrap();
    assert_eq!(told(&op), ("edit gazetteer".into(), None));
    run_undo_redo(&mut editor, &op);
    let same = editor.project().gazetteer.clone();
    assert_eq!(
        analyst::set_gazetteer(editor.project_mut_for_ids(), same),
        None
    );
}

#[test]
fn every_suggestion_like_one_is_reviewed_at_once_and_then_none_is_left() {
    let mut editor = editor();
    let mut gpe = Vec::new();
    for country in ["Estonia", "Latvia", "Lithuania"] {
        gpe.push(suggest(
            &mut editor,
            BALTIC_DOC,
            span_of(BALTIC, country, 0),
            entity("GPE"),
        ));
    }
    suggest(
        &mut editor,
        BALTIC_DOC,
        span_of(BALTIC, "Pete Hegseth", 0),
        entity("PERSON"),
    );
    let op = analyst::set_status_all_like(editor.project(), BALTIC_DOC, gpe[1], Status::Accepted)
        .unwrap();
    assert_eq!(
        told(&op),
        (
            "accept 3 GPE suggestions".into(),
            Some("Accepted 3 GPE suggestions (Ctrl+Z undoes)")
        )
    );
    run_undo_redo(&mut editor, &op);
    let statuses: Vec<Status> = mentions(editor.project(), BALTIC_DOC)
        .into_iter()
        .map(|m| m.2)
        .collect();
    assert_eq!(
        statuses,
        [
            Status::Suggested,
            Status::Accepted,
            Status::Accepted,
            Status::Accepted
        ]
    );
    let none = analyst::set_status_all_like(editor.project(), BALTIC_DOC, gpe[0], Status::Rejected);
    assert_eq!(none, Err(ReviewError::NoneLeft("GPE".into())));
    assert_eq!(
        none.unwrap_err().to_string(),
        "No GPE suggestions left to review in this article"
    );
    assert_eq!(
        analyst::set_status_all_like(
            editor.project(),
            BALTIC_DOC,
            AnnotationId(999),
            Status::Accepted
        ),
        Err(ReviewError::NoAnnotation(999))
    );
}

/// A name list with a label, a name without one, two bad lines and a
/// comment.
const NAMES: &str =
    "# Baltic ministers\nPete Hegseth\tPERSON\nŠakalienė\n\tPERSON\nPevkur;SHIP\nSprūds ; person\n";

#[test]
fn a_name_list_teaches_its_names_and_names_the_file_and_line_of_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ministers.txt");
    std::fs::write(&path, NAMES).unwrap();
    let mut editor = editor();
    let list = analyst::read_name_list(editor.project(), &path, "PERSON").unwrap();
    let names: Vec<(&str, &str)> = list
        .entries
        .iter()
        .map(|e| (e.text.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Pete Hegseth", "PERSON"),
            ("Šakalienė", "PERSON"),
            ("Sprūds", "PERSON")
        ]
    );
    let skipped: Vec<String> = list.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].starts_with(&format!("{}:4: ", path.display())),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with(&format!("{}:5: ", path.display())),
        "{skipped:?}"
    );
    let added = analyst::add_names(editor.project_mut_for_ids(), &list);
    assert_eq!(added.added, 3);
    assert_eq!(
        added.summary,
        format!(
            "Added 3 name(s) from {} to the gazetteer; 2 line(s) skipped",
            path.display()
        )
    );
    let op = added.operation.unwrap();
    run_undo_redo(&mut editor, &op);
    assert_eq!(
        mentions(editor.project(), BALTIC_DOC),
        [
            suggested("Pete Hegseth", "PERSON"),
            suggested("Sprūds", "PERSON"),
            suggested("Šakalienė", "PERSON"),
        ]
    );
    // Read again, the list adds nothing.
    let again = analyst::add_names(editor.project_mut_for_ids(), &list);
    assert_eq!((again.added, again.operation), (0, None));
    let missing = dir.path().join("missing.txt");
    match analyst::read_name_list(editor.project(), &missing, "PERSON") {
        Err(e @ NameListError::Unreadable { .. }) => {
            assert!(
                e.to_string()
                    .starts_with(&format!("{}: ", missing.display())),
                "{e}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_articles_countries_and_claims_are_read_for_the_chart() {
    let mut editor = editor();
    for country in ["Estonia", "Latvia", "Lithuania"] {
        suggest(
            &mut editor,
            BALTIC_DOC,
            span_of(BALTIC, country, 0),
            entity("GPE"),
        );
    }
    let span = span_of(
        SEED,
        "spending approximately 4% of its GDP on defense in 2023",
        0,
    );
    let op = analyst::mark_claim(editor.project_mut_for_ids(), SEED_DOC, span).unwrap();
    editor.execute(op.command).unwrap();
    let project = editor.project();
    let baltic = project.document(BALTIC_DOC).unwrap();
    assert_eq!(
        analyst::countries_in(project, baltic),
        ["EST", "LVA", "LTU"]
    );
    assert_eq!(analyst::documents_mentioning(project, "LVA"), [BALTIC_DOC]);
    let claims = analyst::claims_in(project.document(SEED_DOC).unwrap());
    assert_eq!(claims.len(), 1);
    assert_eq!(
        (
            claims[0].country.as_str(),
            claims[0].year,
            claims[0].value,
            claims[0].published.as_deref()
        ),
        ("POL", Some(2023), 4.0, Some("2025-07-25"))
    );
    assert_eq!(analyst::corpus_claims(project, &["Poland".into()]), claims);
    assert!(analyst::corpus_claims(project, &["EST".into()]).is_empty());
}

#[test]
fn dossier_learn_teaches_a_saved_project_on_the_same_path() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("baltic.dossier");
    let list = dir.path().join("ministers.txt");
    std::fs::write(&list, NAMES).unwrap();
    dossier::project::save(editor().project(), &project_path).unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("learn")
        .arg(&project_path)
        .arg("--names")
        .arg(&list)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Lines were skipped: said with file and line, and the exit code says so.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:4: ", list.display())),
        "{stderr}"
    );
    assert!(stderr.contains("Added 3 name(s)"), "{stderr}");
    let saved = dossier::project::load(&project_path).unwrap();
    assert_eq!(saved.gazetteer.len(), 3);
    assert_eq!(
        mentions(&saved, BALTIC_DOC),
        [
            suggested("Pete Hegseth", "PERSON"),
            suggested("Sprūds", "PERSON"),
            suggested("Šakalienė", "PERSON"),
        ]
    );
}
