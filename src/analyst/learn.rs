//! "Annotate once, everywhere": a name the analyst labels or accepts joins
//! the project's gazetteer and is suggested wherever it occurs in the
//! corpus, in the same undo step as the edit that taught it.

use super::Operation;
use crate::annotate;
use crate::edit::Command;
use crate::model::{AnnotationId, AnnotationKind, DocId, EntityId, GazetteerEntry, Project};
use crate::text::Span;

/// An entity mention that teaches the project its name.
#[derive(Clone, Debug)]
pub(super) struct Taught {
    /// The document of the mention.
    pub doc: DocId,
    /// The mention, whose text is the name.
    pub span: Span,
    /// The name's label.
    pub label: String,
    /// The canonical entity the name stands for, if any.
    pub entity: Option<EntityId>,
}

/// The commands that spread names across the corpus, and what to say
/// about it.
#[derive(Debug, Default)]
pub(super) struct Spread {
    /// The new gazetteer, then the suggestions of each document.
    pub commands: Vec<Command>,
    /// The names now suggested and in how many documents; `None` when
    /// none was.
    pub summary: Option<String>,
}

/// Whether the gazetteer lists `text` under `label`.
fn listed(gazetteer: &[GazetteerEntry], text: &str, label: &str) -> bool {
    gazetteer.iter().any(|g| g.text == text && g.label == label)
}

/// Teaches the names of `taught` (those the gazetteer does not have yet)
/// and suggests them across the corpus; the taught mentions themselves are
/// not suggested again.
pub(super) fn teach(project: &mut Project, taught: &[Taught]) -> Spread {
    let mut gazetteer = project.gazetteer.clone();
    for t in taught {
        let Some(text) = project.document(t.doc).map(|d| d.slice(t.span)) else {
            continue;
        };
        // A name the gazetteer has is not added again: accepting a second
        // mention once listed the name twice.
        if text.trim().is_empty() || listed(&gazetteer, text, &t.label) {
            continue;
        }
        gazetteer.push(GazetteerEntry {
            text: text.to_owned(),
            label: t.label.clone(),
            entity: t.entity,
        });
    }
    if gazetteer.len() == project.gazetteer.len() {
        return Spread::default();
    }
    let spans: Vec<(DocId, Span)> = taught.iter().map(|t| (t.doc, t.span)).collect();
    spread(project, gazetteer, &spans)
}

/// The commands that make `entries` the project's gazetteer and suggest
/// the names it did not have before across the corpus (only those: the
/// rest was annotated already). `taught` is left out of the suggestions:
/// those are the annotations that taught the names.
pub(super) fn spread(
    project: &mut Project,
    entries: Vec<GazetteerEntry>,
    taught: &[(DocId, Span)],
) -> Spread {
    let added: Vec<GazetteerEntry> = entries
        .iter()
        .filter(|e| !listed(&project.gazetteer, &e.text, &e.label))
        .cloned()
        .collect();
    if added.is_empty() && entries.len() == project.gazetteer.len() {
        return Spread::default();
    }
    let mut commands = vec![Command::SetGazetteer(entries)];
    let mut suggested_docs = 0;
    if !added.is_empty() {
        let ids: Vec<DocId> = project.documents.iter().map(|d| d.id).collect();
        for doc in ids {
            let Some(text) = project.document(doc).map(|d| d.text()) else {
                continue;
            };
            let findings = annotate::find_learned(text, &added)
                .into_iter()
                .filter(|f| !taught.contains(&(doc, f.span)))
                .collect();
            if let Some(c) = annotate::findings_command(project, doc, findings) {
                suggested_docs += 1;
                commands.push(c);
            }
        }
    }
    let summary = (suggested_docs > 0).then(|| spread_summary(&added, suggested_docs));
    Spread { commands, summary }
}

/// "“Daniel Zimmerman” (PERSON) now suggested across the corpus (2
/// document(s) with new suggestions)".
fn spread_summary(added: &[GazetteerEntry], suggested_docs: usize) -> String {
    let names: Vec<String> = added
        .iter()
        .take(3)
        .map(|e| format!("“{}” ({})", e.text, e.label))
        .collect();
    let more = match added.len() {
        0..=3 => String::new(),
        n => format!(" and {} more", n - 3),
    };
    format!(
        "{}{more} now suggested across the corpus ({suggested_docs} document(s) with new suggestions)",
        names.join(", ")
    )
}

/// Adds the entity mention `id` of `doc` to the gazetteer as its own step,
/// and suggests its name across the corpus. `None` when it is not an
/// entity mention or the gazetteer has its name already.
pub fn learn_annotation(project: &mut Project, doc: DocId, id: AnnotationId) -> Option<Operation> {
    let a = project.document(doc)?.annotation(id)?;
    let AnnotationKind::Entity { label, entity } = &a.kind else {
        return None;
    };
    let taught = Taught {
        doc,
        span: a.span,
        label: label.clone(),
        entity: *entity,
    };
    let spread = teach(project, std::slice::from_ref(&taught));
    if spread.commands.is_empty() {
        return None;
    }
    let name = project
        .document(doc)
        .map(|d| d.slice(taught.span))
        .unwrap_or("");
    let description = format!("add “{name}” to the gazetteer");
    Some(Operation {
        summary: spread.summary,
        ..Operation::batch(description, spread.commands)
    })
}

/// Makes `entries` the project's gazetteer (the analyst's edit of the
/// list) and suggests the new names across the corpus. `None` when the
/// list is unchanged.
pub fn set_gazetteer(project: &mut Project, entries: Vec<GazetteerEntry>) -> Option<Operation> {
    let spread = spread(project, entries, &[]);
    if spread.commands.is_empty() {
        return None;
    }
    Some(Operation {
        summary: spread.summary,
        ..Operation::batch("edit gazetteer".into(), spread.commands)
    })
}
