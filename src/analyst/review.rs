//! Reviewing suggestions: accepting or rejecting one, or every one like it.
//! A name accepted is learnt, as one the analyst labels is.

use thiserror::Error;

use super::learn::{self, Taught};
use super::{Operation, describe_annotation};
use crate::edit::Command;
use crate::model::{AnnotationId, AnnotationKind, DocId, Project, Status};

/// Why a review of every suggestion like one did nothing.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ReviewError {
    /// The annotation is not in the document (it was deleted meanwhile).
    #[error("annotation {0} is not in this article")]
    NoAnnotation(u64),
    /// Every suggestion of that label was reviewed already.
    #[error("No {0} suggestions left to review in this article")]
    NoneLeft(String),
}

/// Gives the annotations `ids` of `doc` the status `status`. Accepted
/// entity mentions teach the project their names, suggested across the
/// corpus in the same undo step. `None` when none of them changes.
pub fn set_status(
    project: &mut Project,
    doc: DocId,
    ids: &[AnnotationId],
    status: Status,
) -> Option<Operation> {
    let set = Command::set_status(project, doc, ids, status)?;
    let description = match ids {
        [one] => describe_annotation(project, doc, verb(status), *one),
        _ => set.describe(),
    };
    let mut commands = vec![set];
    let mut summary = None;
    if status == Status::Accepted {
        let taught = accepted_names(project, doc, ids);
        let spread = learn::teach(project, &taught);
        commands.extend(spread.commands);
        summary = spread.summary;
    }
    Some(Operation {
        summary,
        ..Operation::batch(description, commands)
    })
}

/// The entity mentions among `ids`, as names to learn.
fn accepted_names(project: &Project, doc: DocId, ids: &[AnnotationId]) -> Vec<Taught> {
    let Some(d) = project.document(doc) else {
        return Vec::new();
    };
    ids.iter()
        .filter_map(|id| d.annotation(*id))
        .filter_map(|a| match &a.kind {
            AnnotationKind::Entity { label, entity } => Some(Taught {
                doc,
                span: a.span,
                label: label.clone(),
                entity: *entity,
            }),
            _ => None,
        })
        .collect()
}

/// "accept" or "reject": the verb of a review, for the names of edits.
fn verb(status: Status) -> &'static str {
    if status == Status::Accepted {
        "accept"
    } else {
        "reject"
    }
}

/// Accepts or rejects every suggestion of `doc` like annotation `id` (the
/// same kind and label) in one undo step, and says how many.
pub fn set_status_all_like(
    project: &Project,
    doc: DocId,
    id: AnnotationId,
    status: Status,
) -> Result<Operation, ReviewError> {
    let d = project.document(doc);
    let model = d
        .and_then(|d| d.annotation(id))
        .ok_or(ReviewError::NoAnnotation(id.0))?;
    let what = model.kind.label().unwrap_or(model.kind.kind_name());
    let ids: Vec<AnnotationId> = d
        .map(|d| d.annotations())
        .unwrap_or_default()
        .iter()
        .filter(|a| {
            a.status == Status::Suggested
                && std::mem::discriminant(&a.kind) == std::mem::discriminant(&model.kind)
                && a.kind.label() == model.kind.label()
        })
        .map(|a| a.id)
        .collect();
    let set = Command::set_status(project, doc, &ids, status)
        .ok_or_else(|| ReviewError::NoneLeft(what.to_owned()))?;
    let n = ids.len();
    let verb = verb(status);
    let s = if n == 1 { "" } else { "s" };
    let description = format!("{verb} {n} {what} suggestion{s}");
    // Many annotations changed at once: say how many, and how to take it
    // back.
    let summary = format!(
        "{}ed {n} {what} suggestion{s} (Ctrl+Z undoes)",
        capitalised(verb)
    );
    Ok(Operation {
        summary: Some(summary),
        ..Operation::batch(description, vec![set])
    })
}

/// `word` with its first letter in capitals.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
