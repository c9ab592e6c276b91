//! Curation: walking the disagreements between the curator's project (the
//! one being edited, which becomes the gold layer) and another analyst's
//! copy, and settling each with an ordinary [`Command`], so that undo,
//! saving and export work as for any edit.

use crate::edit::Command;
use crate::export::jsonl::text_sha256;
use crate::model::{Annotation, AnnotationKind, DocId, Project, Status};

/// One place where the two layers differ: an annotation only one of them
/// has, or two overlapping ones that say different things.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// The article, in the curator's project.
    pub doc: DocId,
    /// The article's title, for the window.
    pub title: String,
    /// The curator's version (accepted), if any.
    pub mine: Option<Annotation>,
    /// The other analyst's version (accepted), if any.
    pub theirs: Option<Annotation>,
}

/// How a disagreement is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Keep the curator's version (or nothing, where only the other
    /// analyst marked it).
    TakeMine,
    /// Replace the curator's version with the other analyst's.
    TakeTheirs,
    /// Neither: the curator's version, if any, is rejected.
    RejectBoth,
}

fn accepted(doc: &crate::model::Document) -> Vec<&Annotation> {
    doc.annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .collect()
}

/// Whether two annotations say the same thing. Quotes also need the same
/// attribution: the speaker's words or the named source (entity ids differ
/// between projects).
fn agrees(a: &Annotation, b: &Annotation) -> bool {
    a.same_finding(b)
        && match (&a.kind, &b.kind) {
            (
                AnnotationKind::Quote {
                    speaker_span: sa,
                    source: oa,
                    ..
                },
                AnnotationKind::Quote {
                    speaker_span: sb,
                    source: ob,
                    ..
                },
            ) => sa == sb && oa == ob,
            _ => true,
        }
}

fn same_kind(a: &Annotation, b: &Annotation) -> bool {
    a.kind.kind_name() == b.kind.kind_name()
}

/// The disagreements on the articles both projects have (matched by text),
/// in the curator's article order, then by position in the text.
pub fn disagreements(mine: &Project, theirs: &Project) -> Vec<Disagreement> {
    let by_hash: std::collections::HashMap<String, &crate::model::Document> = theirs
        .documents
        .iter()
        .map(|d| (text_sha256(d.text()), d))
        .collect();
    let mut out = Vec::new();
    for doc in &mine.documents {
        let Some(other) = by_hash.get(&text_sha256(doc.text())) else {
            continue;
        };
        let a = accepted(doc);
        let b = accepted(other);
        let only_a: Vec<&Annotation> = a
            .iter()
            .copied()
            .filter(|x| !b.iter().any(|y| agrees(x, y)))
            .collect();
        let mut only_b: Vec<Option<&Annotation>> = b
            .iter()
            .copied()
            .filter(|y| !a.iter().any(|x| agrees(x, y)))
            .map(Some)
            .collect();
        let mut found = Vec::new();
        for x in only_a {
            let partner = only_b.iter_mut().find(|y| {
                y.is_some_and(|y| {
                    same_kind(x, y) && x.span.start < y.span.end && y.span.start < x.span.end
                })
            });
            found.push((
                x.span.start,
                Some(x.clone()),
                partner.and_then(Option::take).cloned(),
            ));
        }
        found.extend(
            only_b
                .into_iter()
                .flatten()
                .map(|y| (y.span.start, None, Some(y.clone()))),
        );
        found.sort_by_key(|(start, _, _)| *start);
        out.extend(found.into_iter().map(|(_, m, t)| Disagreement {
            doc: doc.id,
            title: doc.title().to_owned(),
            mine: m,
            theirs: t,
        }));
    }
    out
}

/// The edit that settles a disagreement in the curator's project; `None`
/// when the project already says what was decided.
pub fn settle(project: &mut Project, d: &Disagreement, decision: Decision) -> Option<Command> {
    match decision {
        Decision::TakeMine => None,
        Decision::RejectBoth => {
            let mine = d.mine.as_ref()?;
            Command::set_status(project, d.doc, &[mine.id], Status::Rejected)
        }
        Decision::TakeTheirs => {
            let theirs = d.theirs.as_ref()?;
            let kind = own_kind(&theirs.kind);
            Some(replace(
                project,
                d,
                kind,
                theirs.span,
                "take the other analyst's annotation",
            ))
        }
    }
}

/// The edit that settles a disagreement with the curator's own version:
/// one analyst's annotation changed (its span, label or fields) before it
/// was confirmed. `None` when the span does not fit the article or is
/// empty.
pub fn settle_edited(
    project: &mut Project,
    d: &Disagreement,
    kind: AnnotationKind,
    span: crate::text::Span,
) -> Option<Command> {
    let doc = project.document(d.doc)?;
    crate::text::Span::checked(span.start, span.end, doc.text()).filter(|s| !s.is_empty())?;
    Some(replace(
        project,
        d,
        kind,
        span,
        "settle with an edited annotation",
    ))
}

/// A kind of the other analyst's project made fit for the curator's: the
/// other project's canonical entities are not this one's, so they are left
/// to be chosen again.
pub fn own_kind(kind: &AnnotationKind) -> AnnotationKind {
    match kind.clone() {
        AnnotationKind::Entity { label, .. } => AnnotationKind::Entity {
            label,
            entity: None,
        },
        AnnotationKind::Quote {
            speaker_span,
            cue,
            source,
            ..
        } => AnnotationKind::Quote {
            speaker: None,
            speaker_span,
            cue,
            source,
        },
        claim => claim,
    }
}

/// Replaces the curator's version (if any) with an accepted annotation made
/// by hand, in one undo step.
fn replace(
    project: &mut Project,
    d: &Disagreement,
    kind: AnnotationKind,
    span: crate::text::Span,
    description: &str,
) -> Command {
    let mut commands = Vec::new();
    if let Some(mine) = &d.mine {
        commands.push(Command::RemoveAnnotations {
            doc: d.doc,
            ids: vec![mine.id],
        });
    }
    commands.push(Command::AddAnnotations {
        doc: d.doc,
        annotations: vec![Annotation {
            id: project.fresh_annotation_id(),
            span,
            kind,
            origin: crate::model::Origin::Manual,
            status: Status::Accepted,
        }],
    });
    Command::Batch {
        description: description.into(),
        commands,
    }
}
