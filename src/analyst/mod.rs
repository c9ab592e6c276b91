//! The analyst's operations: labelling a mention, marking a quote or a
//! spending claim, reviewing suggestions, teaching the project names that
//! then spread across the corpus, and reading the facts an article holds.
//!
//! Each operation reads the project and returns an [`Operation`]: the
//! [`Command`] that does it (one undo step), what to tell the analyst, and
//! what to select after. Nothing here changes the project's content; the
//! window and the command line run the command through their
//! [`crate::edit::Editor`], so both share one code path and the tests drive
//! it without a window. Operations take `&mut Project` only to draw fresh
//! ids for what they add.

mod claim;
mod facts;
mod label;
mod learn;
mod names;
mod review;

pub use claim::{claim_fields, mark_claim};
pub use facts::{claims_in, corpus_claims, countries_in, documents_mentioning};
pub use label::{entity_for, label_span, mark_quote, relabel};
pub use learn::{learn_annotation, set_gazetteer};
pub use names::{NameList, NameListError, NamesAdded, add_names, read_name_list};
pub use review::{ReviewError, set_status, set_status_all_like};

use crate::edit::Command;
use crate::model::{AnnotationId, DocId, Project};
use crate::text::Span;

/// One operation of the analyst, worked out but not yet done.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The edit, one undo step; its description names it in the Edit menu.
    pub command: Command,
    /// What to tell the analyst beyond the edit's name (the names now
    /// suggested across the corpus, say); `None` when the name says it all.
    pub summary: Option<String>,
    /// The annotation to select once the edit is done; `None` leaves the
    /// selection as it is.
    pub select: Option<AnnotationId>,
}

impl Operation {
    /// An operation of `commands` run as one undo step named `description`.
    fn batch(description: String, commands: Vec<Command>) -> Self {
        Self {
            command: Command::Batch {
                description,
                commands,
            },
            summary: None,
            select: None,
        }
    }
}

/// `“text”` of a span, cut to a readable length, for the names of edits.
pub fn quoted(project: &Project, doc: DocId, span: Span) -> String {
    let text = project.document(doc).map(|d| d.slice(span)).unwrap_or("");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("“{short}”")
}

/// "accept PERSON “Daniel Zimmerman”": an edit of one annotation of `doc`,
/// named for the Edit menu and undo notices.
pub fn describe_annotation(project: &Project, doc: DocId, verb: &str, id: AnnotationId) -> String {
    let Some(a) = project.document(doc).and_then(|d| d.annotation(id)) else {
        return verb.to_owned();
    };
    let what = a.kind.label().unwrap_or(a.kind.kind_name());
    format!("{verb} {what} {}", quoted(project, doc, a.span))
}
