//! `.dossier` files: round trips keep every span on the same characters,
//! saves are atomic with a backup, and files from a newer Dossier are
//! refused untouched.

use std::fs;

use dossier::edit::{Command, Editor};
use dossier::model::{
    Annotation, AnnotationId, AnnotationKind, ClaimEvidence, ClaimUnit, DocId, Document,
    DocumentMeta, Entity, Origin, Project, Status,
};
use dossier::project::{self, ProjectError};
use dossier::text::Span;

fn span_of(text: &str, needle: &str) -> Span {
    let s = text.find(needle).unwrap();
    Span::new(s, s + needle.len())
}

fn sample_project() -> Project {
    let text = "“Poland—NATO’s ally,” said Kościuszko 👩‍👩‍👧 in Łódź; spending 4% of GDP in 2023.\ne\u{301} done\n";
    let mut p = Project::new("offsets");
    let doc_id = p.fresh_doc_id();
    let doc = Document::new(
        doc_id,
        DocumentMeta {
            title: "t".into(),
            ..Default::default()
        },
        text.into(),
    );
    let person = Entity {
        id: p.fresh_entity_id(),
        name: "Tadeusz Kościuszko".into(),
        label: "PERSON".into(),
        aliases: vec!["Kościuszko".into()],
        iso3: None,
        role: Some("General".into()),
    };
    let mention = span_of(text, "Kościuszko");
    let anns = vec![
        Annotation {
            id: p.fresh_annotation_id(),
            span: mention,
            kind: AnnotationKind::Entity {
                label: "PERSON".into(),
                entity: Some(person.id),
            },
            origin: Origin::Manual,
            status: Status::Accepted,
        },
        Annotation {
            id: p.fresh_annotation_id(),
            span: span_of(text, "Łódź"),
            kind: AnnotationKind::Entity {
                label: "GPE".into(),
                entity: None,
            },
            origin: Origin::Automatic,
            status: Status::Suggested,
        },
        Annotation {
            id: p.fresh_annotation_id(),
            span: span_of(text, "“Poland—NATO’s ally,”"),
            kind: AnnotationKind::Quote {
                speaker: Some(person.id),
                speaker_span: Some(mention),
                cue: Some("said".into()),
                source: None,
            },
            origin: Origin::Manual,
            status: Status::Accepted,
        },
        Annotation {
            id: p.fresh_annotation_id(),
            span: span_of(text, "spending 4% of GDP in 2023"),
            kind: AnnotationKind::Claim {
                // Evidence spans go through the file in code points like
                // every other span (the text has diacritics and emoji).
                evidence: Some(ClaimEvidence {
                    predicate: Some(span_of(text, "spending")),
                    country_from: None,
                    value: Some(span_of(text, "4%")),
                    year: Some(span_of(text, "2023")),
                }),
                country: "Poland".into(),
                iso3: Some("POL".into()),
                year: Some(2023),
                value: 4.0,
                unit: ClaimUnit::PctGdp,
            },
            origin: Origin::Manual,
            status: Status::Rejected,
        },
        Annotation {
            id: p.fresh_annotation_id(),
            span: span_of(text, "e\u{301}"),
            kind: AnnotationKind::Entity {
                label: "MISC".into(),
                entity: None,
            },
            origin: Origin::Imported,
            status: Status::Accepted,
        },
    ];
    let mut e = Editor::new(p);
    e.execute(Command::PutEntity(person)).unwrap();
    e.execute(Command::AddDocuments(vec![doc])).unwrap();
    e.execute(Command::AddAnnotations {
        doc: doc_id,
        annotations: anns,
    })
    .unwrap();
    e.project().clone()
}

#[test]
fn round_trip_keeps_spans_on_the_same_characters() {
    let p = sample_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.dossier");
    project::save(&p, &path).unwrap();
    let back = project::load(&path).unwrap();
    assert_eq!(back, p);
    let d = &back.documents[0];
    let texts: Vec<&str> = d.annotations().iter().map(|a| d.slice(a.span)).collect();
    assert!(texts.contains(&"Łódź") && texts.contains(&"e\u{301}"));
    // On disk, offsets are code points.
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let lodz = json["documents"][0]["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["label"] == "GPE")
        .unwrap()
        .clone();
    let text = d.text();
    let cp_start = text[..text.find("Łódź").unwrap()].chars().count();
    assert_eq!(lodz["start"], cp_start);
    assert_eq!(lodz["end"], cp_start + 4);
    assert_eq!(json["schema"], project::SCHEMA);
    assert_eq!(json["version"], project::CURRENT_VERSION);
}

#[test]
fn saving_again_keeps_the_previous_version_as_backup() {
    let mut p = sample_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.dossier");
    project::save(&p, &path).unwrap();
    let first = fs::read(&path).unwrap();
    p.name = "renamed".into();
    project::save(&p, &path).unwrap();
    assert_eq!(fs::read(project::backup_path(&path)).unwrap(), first);
    assert_eq!(project::load(&path).unwrap().name, "renamed");
    let stray: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty());
}

#[test]
fn a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.dossier");
    let body = format!(
        r#"{{"schema":"{}","version":{},"name":"x","documents":[],"whatever":"new"}}"#,
        project::SCHEMA,
        project::CURRENT_VERSION + 1
    );
    fs::write(&path, &body).unwrap();
    let err = project::load(&path).unwrap_err();
    assert!(matches!(err, ProjectError::NewerVersion { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("future.dossier") && msg.contains("newer Dossier"),
        "{msg}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), body);
}

#[test]
fn damaged_and_foreign_files_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("damaged.dossier");
    let full = project::to_json(&sample_project());
    fs::write(&damaged, &full[..full.len() / 2]).unwrap();
    let msg = project::load(&damaged).unwrap_err().to_string();
    assert!(
        msg.contains("damaged.dossier:") && msg.contains("not a valid Dossier project"),
        "{msg}"
    );

    let foreign = dir.path().join("other.dossier");
    fs::write(&foreign, r#"{"hello":"world"}"#).unwrap();
    let msg = project::load(&foreign).unwrap_err().to_string();
    assert!(msg.contains("not a Dossier project"), "{msg}");

    let bad_span = dir.path().join("span.dossier");
    let mut v: serde_json::Value = serde_json::from_str(&full).unwrap();
    v["documents"][0]["annotations"][0]["end"] = serde_json::json!(100_000);
    fs::write(&bad_span, v.to_string()).unwrap();
    let msg = project::load(&bad_span).unwrap_err().to_string();
    assert!(msg.contains("does not fit the text"), "{msg}");
}

#[test]
fn ids_past_two_to_the_53_are_refused_not_wrapped() {
    let dir = tempfile::tempdir().unwrap();
    let full: serde_json::Value =
        serde_json::from_str(&project::to_json(&sample_project())).unwrap();
    let edit = |name: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = full.clone();
        f(&mut v);
        let path = dir.path().join(name);
        fs::write(&path, v.to_string()).unwrap();
        project::load(&path)
    };
    let huge = serde_json::json!(u64::MAX);
    for (name, what, f) in [
        (
            "next.dossier",
            "the next id",
            &(|v: &mut serde_json::Value| v["next_id"] = huge.clone())
                as &dyn Fn(&mut serde_json::Value),
        ),
        (
            "doc.dossier",
            "document id",
            &|v: &mut serde_json::Value| v["documents"][0]["id"] = huge.clone(),
        ),
        (
            "ann.dossier",
            "annotation id",
            &|v: &mut serde_json::Value| v["documents"][0]["annotations"][0]["id"] = huge.clone(),
        ),
    ] {
        let msg = edit(name, f).unwrap_err().to_string();
        assert!(
            msg.contains(name) && msg.contains(what) && msg.contains("larger than"),
            "{msg}"
        );
    }
    // The largest allowed id loads, and new ids count on from it.
    let mut p = edit("max.dossier", &|v| {
        v["documents"][0]["annotations"][0]["id"] = serde_json::json!(Project::MAX_ID)
    })
    .unwrap();
    assert_eq!(p.fresh_id(), Project::MAX_ID + 1);
}

/// A project saved and opened through a (relative) symbolic link: the link
/// stays a link, and the backup, the lock and the temporary files belong to
/// the file it points to, so that its two names are one project.
#[cfg(unix)]
#[test]
fn a_project_behind_a_link_is_one_project() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("work")).unwrap();
    let real = dir.path().join("work/brief — Łódź.dossier");
    let link = dir.path().join("brief.dossier");
    std::os::unix::fs::symlink("work/brief — Łódź.dossier", &link).unwrap();
    let mut p = sample_project();
    project::save(&p, &link).unwrap();
    p.name = "second".into();
    project::save(&p, &link).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(project::load(&real).unwrap().name, "second");
    // The backup is found under either name.
    let (bak, old, _) = project::readable_backup(&link).unwrap();
    assert_eq!(bak, project::backup_path(&real.canonicalize().unwrap()));
    assert_eq!(old.name, sample_project().name);
    // One lock for both names.
    let held = project::ProjectLock::acquire(&link).unwrap();
    assert!(matches!(
        project::ProjectLock::acquire(&real),
        Err(project::LockError::Held { .. })
    ));
    drop(held);
    assert!(project::ProjectLock::acquire(&real).is_ok());
}

#[test]
fn undo_and_redo_restore_exact_states_and_dirty_flag() {
    let p = sample_project();
    let mut e = Editor::new(p.clone());
    let doc = DocId(p.documents[0].id.0);
    let first = p.documents[0].annotations()[0].clone();
    e.execute(Command::RemoveAnnotations {
        doc,
        ids: vec![first.id],
    })
    .unwrap();
    assert!(e.is_dirty());
    e.execute(Command::UpdateAnnotations {
        doc,
        annotations: vec![Annotation {
            status: Status::Accepted,
            ..p.documents[0].annotations()[1].clone()
        }],
    })
    .unwrap();
    e.undo();
    e.undo();
    assert_eq!(e.project(), &p);
    assert!(!e.is_dirty(), "back at the saved state");
    e.redo();
    assert!(e.project().documents[0].annotation(first.id).is_none());
    // A bad span is refused and changes nothing.
    let before = e.project().clone();
    let err = e.execute(Command::AddAnnotations {
        doc,
        annotations: vec![Annotation {
            id: AnnotationId(999),
            span: Span::new(1, 2),
            ..first.clone()
        }],
    });
    assert!(err.is_err(), "offset 1 is inside the opening curly quote");
    assert_eq!(e.project(), &before);
}
