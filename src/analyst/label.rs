//! Labelling a mention (linked to a canonical entity, and learnt) and
//! marking a quotation.

use super::{Operation, learn, quoted};
use crate::edit::Command;
use crate::model::{
    Annotation, AnnotationId, AnnotationKind, DocId, Entity, EntityId, Origin, Project, Status,
};
use crate::text::Span;

/// The canonical entity a mention of `span` labelled `label` links to: an
/// existing one named like the mention (whitespace folded), or a new one,
/// returned for the caller to add with [`Command::PutEntity`].
pub fn entity_for(
    project: &mut Project,
    label: &str,
    span: Span,
    doc: DocId,
) -> (EntityId, Option<Entity>) {
    let surface = project
        .document(doc)
        .map(|d| d.slice(span))
        .unwrap_or_default();
    let surface = surface.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(e) = project.find_entity(label, &surface) {
        return (e.id, None);
    }
    let id = project.fresh_entity_id();
    let entity = Entity {
        id,
        name: surface,
        label: label.to_owned(),
        aliases: Vec::new(),
        iso3: None,
        role: None,
    };
    (id, Some(entity))
}

/// Labels `span` of `doc` as a `label` mention, accepted, linked to its
/// canonical entity, and teaches the name so that it is suggested across
/// the corpus, in one undo step. `None` when `doc` is not in the project.
pub fn label_span(project: &mut Project, doc: DocId, span: Span, label: &str) -> Option<Operation> {
    project.document(doc)?;
    let (entity, new_entity) = entity_for(project, label, span, doc);
    let id = project.fresh_annotation_id();
    let mut commands: Vec<Command> = new_entity.iter().cloned().map(Command::PutEntity).collect();
    commands.push(Command::AddAnnotations {
        doc,
        annotations: vec![Annotation {
            id,
            span,
            kind: AnnotationKind::Entity {
                label: label.to_owned(),
                entity: Some(entity),
            },
            origin: Origin::Manual,
            status: Status::Accepted,
        }],
    });
    let taught = learn::Taught {
        doc,
        span,
        label: label.to_owned(),
        entity: Some(entity),
    };
    // The suggestions across the corpus link to the new entity: it is in
    // the project while they are worked out (and first in the batch when
    // run); otherwise every document with the name made an entity of its
    // own.
    if let Some(e) = &new_entity {
        project.entities.insert(e.id, e.clone());
    }
    let spread = learn::teach(project, &[taught]);
    if let Some(e) = &new_entity {
        project.entities.remove(&e.id);
    }
    commands.extend(spread.commands);
    let description = format!("add {label} {}", quoted(project, doc, span));
    Some(Operation {
        summary: spread.summary,
        select: Some(id),
        ..Operation::batch(description, commands)
    })
}

/// Gives the entity mention `id` of `doc` the label `label`, accepted and
/// linked to the canonical entity of that label. `None` when it is not an
/// entity mention or already has that label.
pub fn relabel(
    project: &mut Project,
    doc: DocId,
    id: AnnotationId,
    label: &str,
) -> Option<Operation> {
    let a = project.document(doc)?.annotation(id)?.clone();
    let AnnotationKind::Entity { label: old, .. } = &a.kind else {
        return None;
    };
    if old == label {
        return None;
    }
    let (entity, new_entity) = entity_for(project, label, a.span, doc);
    let mut commands: Vec<Command> = new_entity.into_iter().map(Command::PutEntity).collect();
    let description = format!("relabel {} as {label}", quoted(project, doc, a.span));
    commands.push(Command::UpdateAnnotations {
        doc,
        annotations: vec![Annotation {
            kind: AnnotationKind::Entity {
                label: label.to_owned(),
                entity: Some(entity),
            },
            status: Status::Accepted,
            ..a
        }],
    });
    Some(Operation::batch(description, commands))
}

/// Marks `span` of `doc` as a quotation, accepted, its speaker left for the
/// analyst to name. `None` when `doc` is not in the project.
pub fn mark_quote(project: &mut Project, doc: DocId, span: Span) -> Option<Operation> {
    project.document(doc)?;
    let id = project.fresh_annotation_id();
    let description = format!("add quote {}", quoted(project, doc, span));
    let quote = Annotation {
        id,
        span,
        kind: AnnotationKind::Quote {
            speaker: None,
            speaker_span: None,
            cue: None,
            source: None,
        },
        origin: Origin::Manual,
        status: Status::Accepted,
    };
    let add = Command::AddAnnotations {
        doc,
        annotations: vec![quote],
    };
    Some(Operation {
        select: Some(id),
        ..Operation::batch(description, vec![add])
    })
}
