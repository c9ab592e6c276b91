//! Curation: walking the disagreements between the curator's project (the
//! one being edited, which becomes the gold layer) and one or more other
//! analysts' copies, and settling each with an ordinary [`Command`], so that
//! undo, saving and export work as for any edit.

use std::collections::HashMap;

use crate::edit::Command;
use crate::export::jsonl::text_sha256;
use crate::model::{Annotation, AnnotationKind, DocId, Document, Project, Status};

/// One place where the layers differ: an annotation only some of them have,
/// or overlapping ones of the same kind that say different things.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// The article, in the curator's project.
    pub doc: DocId,
    /// The article's title, for the window.
    pub title: String,
    /// The curator's version (accepted), if any.
    pub mine: Option<Annotation>,
    /// Each other analyst's name and version (accepted), in the order the
    /// layers were given; `None` where that analyst marked nothing there or
    /// does not have the article.
    pub others: Vec<(String, Option<Annotation>)>,
}

impl Disagreement {
    /// The first other analyst's version: with two layers, "theirs".
    pub fn theirs(&self) -> Option<&Annotation> {
        self.others.first().and_then(|(_, a)| a.as_ref())
    }
}

/// How a disagreement is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Keep the curator's version (or nothing, where only other analysts
    /// marked it).
    TakeMine,
    /// Replace the curator's version with the version of the other analyst
    /// at this index of [`Disagreement::others`].
    TakeOther(usize),
    /// None of them: the curator's version, if any, is rejected.
    RejectAll,
}

fn accepted(doc: &Document) -> impl Iterator<Item = &Annotation> {
    doc.annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted)
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

fn overlaps(a: &Annotation, b: &Annotation) -> bool {
    a.span.start < b.span.end && b.span.start < a.span.end
}

/// The disagreements between the curator's project and one other analyst's
/// copy: [`disagreements_among`] with a single other layer, named "theirs".
pub fn disagreements(mine: &Project, theirs: &Project) -> Vec<Disagreement> {
    disagreements_among(mine, &[("theirs", theirs)])
}

/// The disagreements between the curator's project and the other analysts'
/// copies (name, project), on the articles the curator and at least one
/// other analyst have (matched by text), in the curator's article order,
/// then by position in the text.
///
/// Only the layers that have an article have a say on it: an analyst
/// without the article disagrees with nobody there.
pub fn disagreements_among(mine: &Project, others: &[(&str, &Project)]) -> Vec<Disagreement> {
    let by_hash: Vec<HashMap<String, &Document>> = others
        .iter()
        .map(|(_, p)| {
            let mut docs = HashMap::new();
            for d in &p.documents {
                // A text twice in one project: the first copy stands.
                docs.entry(text_sha256(d.text())).or_insert(d);
            }
            docs
        })
        .collect();
    let mut out = Vec::new();
    for doc in &mine.documents {
        let hash = text_sha256(doc.text());
        // Layer 0 is the curator's; layer k + 1 the k-th other analyst's.
        let versions: Vec<Option<&Document>> = std::iter::once(Some(doc))
            .chain(by_hash.iter().map(|docs| docs.get(&hash).copied()))
            .collect();
        if versions.iter().skip(1).all(Option::is_none) {
            continue;
        }
        for row in disagreeing_rows(&versions) {
            let mut row = row.into_iter();
            out.push(Disagreement {
                doc: doc.id,
                title: doc.title().to_owned(),
                mine: row.next().flatten().cloned(),
                others: others
                    .iter()
                    .zip(row)
                    .map(|((name, _), a)| ((*name).to_owned(), a.cloned()))
                    .collect(),
            });
        }
    }
    out
}

/// One article's annotations lined up across the layers: each row holds at
/// most one annotation per layer (indexed like `versions`), and only the
/// rows where the layers that have the article do not all agree are kept,
/// ordered by where they start (the curator's first on a tie).
fn disagreeing_rows<'a>(versions: &[Option<&'a Document>]) -> Vec<Vec<Option<&'a Annotation>>> {
    let present: Vec<bool> = versions.iter().map(Option::is_some).collect();
    let mut all: Vec<(usize, &Annotation)> = versions
        .iter()
        .enumerate()
        .filter_map(|(layer, d)| d.map(|d| (layer, d)))
        .flat_map(|(layer, d)| accepted(d).map(move |a| (layer, a)))
        .collect();
    // Sorted by kind, then start: overlapping annotations of one kind end up
    // next to each other, so each run of them is lined up on its own.
    all.sort_by(|(la, a), (lb, b)| {
        (a.kind.kind_name(), a.span.start, la).cmp(&(b.kind.kind_name(), b.span.start, lb))
    });
    let mut rows = Vec::new();
    let mut run: Vec<(usize, &Annotation)> = Vec::new();
    let mut run_end = 0;
    for (layer, a) in all {
        let joins = run.last().is_some_and(|(_, last)| {
            last.kind.kind_name() == a.kind.kind_name() && a.span.start < run_end
        });
        if !joins {
            rows.extend(line_up(&run, &present));
            run.clear();
            run_end = 0;
        }
        run_end = run_end.max(a.span.end);
        run.push((layer, a));
    }
    rows.extend(line_up(&run, &present));
    rows.sort_by_key(|row: &Vec<Option<&Annotation>>| {
        let start = row.iter().flatten().map(|a| a.span.start).min();
        (start, row[0].is_none())
    });
    rows
}

/// Lines up one run of overlapping annotations of one kind: first the ones
/// that agree share a row; a row every present layer shares is agreement
/// and dropped; the rest are merged, in order, with an earlier row they
/// overlap whose layers they do not have. A run is a handful of
/// annotations, so comparing within it is cheap.
fn line_up<'a>(
    run: &[(usize, &'a Annotation)],
    present: &[bool],
) -> Vec<Vec<Option<&'a Annotation>>> {
    let mut rows: Vec<Vec<Option<&Annotation>>> = Vec::new();
    for &(layer, a) in run {
        let same = rows.iter_mut().find(|row| {
            row[layer].is_none() && row.iter().flatten().next().is_some_and(|b| agrees(a, b))
        });
        match same {
            Some(row) => row[layer] = Some(a),
            None => {
                let mut row = vec![None; present.len()];
                row[layer] = Some(a);
                rows.push(row);
            }
        }
    }
    let complete =
        |row: &Vec<Option<&Annotation>>| row.iter().zip(present).all(|(a, p)| a.is_some() == *p);
    rows.retain(|row| !complete(row));
    let mut merged: Vec<Vec<Option<&Annotation>>> = Vec::new();
    for row in rows {
        let partner = merged.iter_mut().find(|m| {
            m.iter().zip(&row).all(|(x, y)| x.is_none() || y.is_none())
                && m.iter()
                    .flatten()
                    .any(|x| row.iter().flatten().any(|y| overlaps(x, y)))
        });
        match partner {
            Some(m) => {
                for (x, y) in m.iter_mut().zip(row) {
                    *x = x.or(y);
                }
            }
            None => merged.push(row),
        }
    }
    merged
}

/// The edit that settles a disagreement in the curator's project; `None`
/// when the project already says what was decided.
pub fn settle(project: &mut Project, d: &Disagreement, decision: Decision) -> Option<Command> {
    match decision {
        Decision::TakeMine => None,
        Decision::RejectAll => {
            let mine = d.mine.as_ref()?;
            Command::set_status(project, d.doc, &[mine.id], Status::Rejected)
        }
        Decision::TakeOther(k) => {
            let theirs = d.others.get(k)?.1.as_ref()?;
            let kind = own_kind(&theirs.kind);
            Some(replace(
                project,
                d,
                kind,
                theirs.span,
                "take another analyst's annotation",
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

/// A kind of another analyst's project made fit for the curator's: the
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
