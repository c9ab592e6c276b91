use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ProjectError;
use crate::model::{
    Annotation, AnnotationId, AnnotationKind, ClaimUnit, DocId, Document, DocumentMeta, Entity,
    EntityId, GazetteerEntry, LabelSet, Origin, Project, Status,
};
use crate::text::Span;

pub const SCHEMA: &str = "dossier.project";
/// Bumped whenever a change would make an older Dossier misread the file.
pub const CURRENT_VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
struct ProjectFile {
    schema: String,
    version: u64,
    name: String,
    next_id: u64,
    labels: LabelSet,
    entities: Vec<Entity>,
    #[serde(default)]
    gazetteer: Vec<GazetteerEntry>,
    documents: Vec<DocumentRecord>,
}

#[derive(Serialize, Deserialize)]
struct DocumentRecord {
    id: DocId,
    #[serde(flatten)]
    meta: DocumentMeta,
    text: String,
    annotations: Vec<AnnotationRecord>,
}

/// An annotation with code-point offsets.
#[derive(Serialize, Deserialize)]
struct AnnotationRecord {
    id: AnnotationId,
    start: usize,
    end: usize,
    #[serde(flatten)]
    kind: KindRecord,
    origin: Origin,
    status: Status,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum KindRecord {
    Entity {
        label: String,
        entity: Option<EntityId>,
    },
    Quote {
        speaker: Option<EntityId>,
        speaker_start: Option<usize>,
        speaker_end: Option<usize>,
        cue: Option<String>,
        source: Option<String>,
    },
    Claim {
        country: String,
        iso3: Option<String>,
        year: Option<i32>,
        value: f64,
        unit: ClaimUnit,
    },
}

/// The project as JSON text (pretty-printed: projects end up in version
/// control and diffs should be readable).
pub fn to_json(project: &Project) -> String {
    let file = ProjectFile {
        schema: SCHEMA.into(),
        version: CURRENT_VERSION,
        name: project.name.clone(),
        next_id: project.next_id,
        labels: project.labels.clone(),
        entities: project.entities.values().cloned().collect(),
        gazetteer: project.gazetteer.clone(),
        documents: project.documents.iter().map(document_record).collect(),
    };
    serde_json::to_string_pretty(&file).expect("a project always serialises")
}

fn document_record(d: &Document) -> DocumentRecord {
    let chars = |s: Span| d.char_span(s);
    DocumentRecord {
        id: d.id,
        meta: d.meta.clone(),
        text: d.text().to_owned(),
        annotations: d
            .annotations()
            .iter()
            .map(|a| {
                let (start, end) = chars(a.span);
                let kind = match &a.kind {
                    AnnotationKind::Entity { label, entity } => KindRecord::Entity {
                        label: label.clone(),
                        entity: *entity,
                    },
                    AnnotationKind::Quote {
                        speaker,
                        speaker_span,
                        cue,
                        source,
                    } => {
                        let sp = speaker_span.map(chars);
                        KindRecord::Quote {
                            speaker: *speaker,
                            speaker_start: sp.map(|s| s.0),
                            speaker_end: sp.map(|s| s.1),
                            cue: cue.clone(),
                            source: source.clone(),
                        }
                    }
                    AnnotationKind::Claim {
                        country,
                        iso3,
                        year,
                        value,
                        unit,
                    } => KindRecord::Claim {
                        country: country.clone(),
                        iso3: iso3.clone(),
                        year: *year,
                        value: *value,
                        unit: *unit,
                    },
                };
                AnnotationRecord {
                    id: a.id,
                    start,
                    end,
                    kind,
                    origin: a.origin,
                    status: a.status,
                }
            })
            .collect(),
    }
}

/// Reads a project from JSON bytes; `path` only names the file in errors.
/// The version is checked before anything else so that a newer file is never
/// half-read.
pub fn from_json(bytes: &[u8], path: &Path) -> Result<Project, ProjectError> {
    let syntax = |e: serde_json::Error| ProjectError::Syntax {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let value: Value = serde_json::from_slice(bytes).map_err(syntax)?;
    let schema = value
        .get("schema")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if schema != SCHEMA {
        return Err(ProjectError::WrongSchema {
            path: path.to_owned(),
            found: schema,
        });
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > CURRENT_VERSION {
        return Err(ProjectError::NewerVersion {
            path: path.to_owned(),
            found: version,
        });
    }
    // Parsed again from the text, not from `value`, so that errors carry the
    // line and column of the offending field.
    let file: ProjectFile = serde_json::from_slice(bytes).map_err(syntax)?;
    let invalid = |message: String| ProjectError::Invalid {
        path: path.to_owned(),
        message,
    };
    let mut project = Project::new(file.name);
    project.labels = file.labels;
    project.gazetteer = file.gazetteer;
    project.next_id = file.next_id;
    let mut entities = BTreeMap::new();
    for e in file.entities {
        if entities.insert(e.id, e).is_some() {
            return Err(invalid("two entities share one id".into()));
        }
    }
    project.entities = entities;
    let mut seen_docs = std::collections::HashSet::new();
    let mut seen_anns = std::collections::HashSet::new();
    for rec in file.documents {
        if !seen_docs.insert(rec.id) {
            return Err(invalid(format!("document id {} is used twice", rec.id.0)));
        }
        let mut doc = Document::new(rec.id, rec.meta, rec.text);
        for a in rec.annotations {
            let where_ = || {
                format!(
                    "document {} ({:?}), annotation {}",
                    rec.id.0,
                    doc.title(),
                    a.id.0
                )
            };
            if !seen_anns.insert(a.id) {
                return Err(invalid(format!("{}: id used twice", where_())));
            }
            let span = doc.span_from_chars(a.start, a.end).ok_or_else(|| {
                invalid(format!(
                    "{}: span {}..{} does not fit the text",
                    where_(),
                    a.start,
                    a.end
                ))
            })?;
            let kind = match a.kind {
                KindRecord::Entity { label, entity } => AnnotationKind::Entity { label, entity },
                KindRecord::Quote {
                    speaker,
                    speaker_start,
                    speaker_end,
                    cue,
                    source,
                } => {
                    let speaker_span = match (speaker_start, speaker_end) {
                        (Some(s), Some(e)) => Some(doc.span_from_chars(s, e).ok_or_else(|| {
                            invalid(format!(
                                "{}: speaker span {s}..{e} does not fit the text",
                                where_()
                            ))
                        })?),
                        _ => None,
                    };
                    AnnotationKind::Quote {
                        speaker,
                        speaker_span,
                        cue,
                        source,
                    }
                }
                KindRecord::Claim {
                    country,
                    iso3,
                    year,
                    value,
                    unit,
                } => AnnotationKind::Claim {
                    country,
                    iso3,
                    year,
                    value,
                    unit,
                },
            };
            doc.insert_annotation(Annotation {
                id: a.id,
                span,
                kind,
                origin: a.origin,
                status: a.status,
            });
        }
        project.documents.push(doc);
    }
    project.reserve_ids_in_use();
    Ok(project)
}
