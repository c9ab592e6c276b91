//! Opening a folder the way the window and `dossier annotate` do: every
//! article read and run through the engine (on all cores), in the folder's
//! order, with progress reported and a cancel that adds nothing.

use std::cell::RefCell;

use dossier::annotate::{Context, find};
use dossier::workflow;

fn folder_of_articles(n: usize) -> tempfile::TempDir {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles");
    let mut texts: Vec<String> = std::fs::read_dir(samples)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    texts.sort();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let body = &texts[i % texts.len()];
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Article {i} — “Żagań” 👍🏽\n\n{body}"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn every_article_is_annotated_in_order_with_progress() {
    let dir = folder_of_articles(45);
    let reports = RefCell::new(Vec::new());
    let prepared = workflow::prepare(&[dir.path().to_owned()], &[], true, &|n, total| {
        reports.borrow_mut().push((n, total));
        true
    });
    assert!(!prepared.cancelled);
    assert!(prepared.errors.is_empty(), "{:?}", prepared.errors);
    assert_eq!(prepared.articles.len(), 45);
    for (i, (article, findings)) in prepared.articles.iter().enumerate() {
        assert!(
            article.text.starts_with(&format!("Article {i} —")),
            "article {i} is in its place"
        );
        assert_eq!(
            findings,
            &find(&article.text, &Context::default()),
            "article {i} has its own findings"
        );
    }
    let reports = reports.into_inner();
    assert!(
        reports
            .iter()
            .all(|&(n, total)| total == 45 && (1..=45).contains(&n))
    );
    assert!(
        reports.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back: {reports:?}"
    );
    assert_eq!(reports.last(), Some(&(45, 45)));
}

#[test]
fn a_cancelled_open_adds_nothing() {
    let dir = folder_of_articles(60);
    let reports = std::cell::Cell::new(0);
    let prepared = workflow::prepare(&[dir.path().to_owned()], &[], true, &|n, _| {
        reports.set(reports.get() + 1);
        n < 5
    });
    assert!(prepared.cancelled);
    assert!(prepared.articles.is_empty());
    assert!(
        reports.get() <= 5,
        "the open stopped at the Cancel, not at the end ({} reports)",
        reports.get()
    );
}

fn sample(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/articles")
        .join(name)
}

/// Each annotation as (span, status, kind, label, linked entity's name,
/// label, role and aliases): what must survive moving between projects.
type Row = (
    dossier::text::Span,
    dossier::model::Status,
    &'static str,
    Option<String>,
    Option<(String, String, Option<String>, Vec<String>)>,
);

fn rows(project: &dossier::model::Project, doc: &dossier::model::Document) -> Vec<Row> {
    use dossier::model::AnnotationKind;
    doc.annotations()
        .iter()
        .map(|a| {
            let linked = match &a.kind {
                AnnotationKind::Entity { entity, .. } => *entity,
                AnnotationKind::Quote { speaker, .. } => *speaker,
                AnnotationKind::Claim { .. } => None,
            };
            let entity = linked.and_then(|id| project.entity(id)).map(|e| {
                (
                    e.name.clone(),
                    e.label.clone(),
                    e.role.clone(),
                    e.aliases.clone(),
                )
            });
            (
                a.span,
                a.status,
                a.kind.kind_name(),
                a.kind.label().map(str::to_owned),
                entity,
            )
        })
        .collect()
}

#[test]
fn another_project_joins_with_its_annotations_and_entities() {
    use dossier::edit::{Command, Editor};
    use dossier::model::{Project, Status};

    let dir = tempfile::tempdir().unwrap();
    // Project A: the seed article, its suggestions reviewed in part.
    let mut a = Editor::new(Project::new("a"));
    workflow::open_paths(&mut a, &[sample("00_seed.txt")], false);
    let doc = &a.project().documents[0];
    let ids: Vec<_> = doc.annotations().iter().map(|x| x.id).collect();
    assert!(ids.len() > 10, "the engine found things");
    let doc = doc.id;
    for (some, status) in [
        (&ids[..4], Status::Accepted),
        (&ids[4..6], Status::Rejected),
    ] {
        let review = Command::set_status(a.project(), doc, some, status).unwrap();
        a.execute(review).unwrap();
    }
    // An analyst's own label, with a colour and a key, on a hand-made
    // annotation.
    let weapon = dossier::model::Label {
        name: "WEAPON".into(),
        color: dossier::model::Rgb(200, 30, 30),
        shortcut: Some('w'),
        description: "Weapon systems".into(),
        builtin: false,
    };
    a.execute(Command::PutLabel(weapon.clone())).unwrap();
    let text = a.project().documents[0].text().to_owned();
    let at = text.find("defense").unwrap();
    let id = a.project_mut_for_ids().fresh_annotation_id();
    a.execute(Command::AddAnnotations {
        doc,
        annotations: vec![dossier::model::Annotation {
            id,
            span: dossier::text::Span::new(at, at + "defense".len()),
            kind: dossier::model::AnnotationKind::Entity {
                label: "WEAPON".into(),
                entity: None,
            },
            origin: dossier::model::Origin::Manual,
            status: Status::Accepted,
        }],
    })
    .unwrap();
    let a = a.project().clone();
    let a_path = dir.path().join("a — Łódź.dossier");
    dossier::project::save(&a, &a_path).unwrap();

    // Project B: another article about Poland.
    let mut b = Editor::new(Project::new("b"));
    workflow::open_paths(
        &mut b,
        &[sample("08_dod-mattis-salutes-poland-2pct.txt")],
        false,
    );
    let before = b.project().clone();

    let outcome = workflow::open_paths(&mut b, &[a_path], false);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.added.len(), 1);
    let project = b.project();
    assert_eq!(project.documents.len(), 2);
    let joined = project.document(outcome.added[0]).unwrap();
    assert_eq!(joined.text(), a.documents[0].text());
    assert_eq!(
        rows(project, joined),
        rows(&a, &a.documents[0]),
        "spans, statuses, labels and entities (with roles and aliases) carried over"
    );
    // Who made each annotation, and the analyst's label as defined.
    let origins = |d: &dossier::model::Document| -> Vec<_> {
        d.annotations().iter().map(|x| (x.span, x.origin)).collect()
    };
    assert_eq!(origins(joined), origins(&a.documents[0]));
    assert_eq!(project.labels.get("WEAPON"), Some(&weapon));
    // Entities both projects name are one entity.
    let polands = project
        .entities
        .values()
        .filter(|e| e.label == "GPE" && e.name == "Poland")
        .count();
    assert_eq!(polands, 1);
    for e in project.entities.values() {
        let mut names: Vec<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|n| n.to_ascii_lowercase())
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), e.aliases.len() + 1, "{e:?} repeats a name");
    }
    // One undo step takes it all back.
    b.undo();
    assert_eq!(b.project().documents, before.documents);
    assert_eq!(b.project().entities, before.entities);
}

#[test]
fn an_empty_project_opened_into_this_one_is_no_edit() {
    use dossier::edit::Editor;
    use dossier::model::Project;

    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.dossier");
    dossier::project::save(&Project::new("empty"), &empty).unwrap();
    let mut editor = Editor::new(Project::new("b"));
    workflow::open_paths(&mut editor, &[sample("00_seed.txt")], false);
    workflow::open_paths(
        &mut editor,
        &[sample("08_dod-mattis-salutes-poland-2pct.txt")],
        false,
    );
    editor.undo();
    let revision = editor.revision();
    let outcome = workflow::open_paths(&mut editor, &[empty], false);
    assert!(outcome.added.is_empty() && outcome.errors.is_empty());
    assert_eq!(editor.revision(), revision, "nothing was executed");
    assert!(editor.can_redo(), "redo survives");
    assert_eq!(editor.undo_description(), Some("open 1 article"));
}

#[test]
fn what_is_already_open_is_not_added_twice() {
    use dossier::edit::Editor;
    use dossier::model::Project;

    let dir = folder_of_articles(12);
    let folder = dir.path().to_owned();
    let mut editor = Editor::new(Project::new("corpus"));
    let first = workflow::open_paths(&mut editor, std::slice::from_ref(&folder), false);
    // The folder has each of the nine samples once, three of them twice
    // over with another first line: twelve texts, all different.
    assert_eq!(first.added.len(), 12);
    let revision = editor.revision();
    // The same folder again, plus one of its files named a second time.
    let again = workflow::open_paths(
        &mut editor,
        &[folder.clone(), folder.join("003.txt")],
        false,
    );
    assert!(again.added.is_empty());
    assert_eq!(
        again.already_in.len(),
        13,
        "each file as often as it was given"
    );
    assert_eq!(editor.project().documents.len(), 12);
    assert_eq!(editor.revision(), revision, "no edit");
    // One text twice in one open is added once.
    let mut fresh = Editor::new(Project::new("fresh"));
    let twice = workflow::open_paths(
        &mut fresh,
        &[sample("00_seed.txt"), sample("00_seed.txt")],
        false,
    );
    assert_eq!((twice.added.len(), twice.repeated), (1, 1));

    // A project sharing documents with this one brings only the others.
    let mut other = Editor::new(Project::new("other"));
    workflow::open_paths(
        &mut other,
        &[folder.join("000.txt"), sample("00_seed.txt")],
        false,
    );
    let other_path = tempfile::tempdir().unwrap();
    let other_file = other_path.path().join("other.dossier");
    dossier::project::save(other.project(), &other_file).unwrap();
    let merged = workflow::open_paths(&mut editor, &[other_file], false);
    assert_eq!(merged.added.len(), 1, "the seed, which the folder lacks");
    assert_eq!(merged.already_in.len(), 1);
    assert_eq!(editor.project().documents.len(), 13);
}
