//! Writing the annotated corpus for other programs. One file per format;
//! every offset that leaves Dossier is converted here, from the internal
//! byte spans to the unit the format documents.

pub mod jsonl;

use crate::model::{Annotation, Document, Status};

/// Which annotations an export includes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only accepted annotations (not suggestions).
    pub accepted_only: bool,
    /// Only entity mentions with these labels (quotes and claims are kept).
    pub labels: Option<Vec<String>>,
}

impl Scope {
    pub fn includes(&self, a: &Annotation) -> bool {
        if a.status == Status::Rejected || (self.accepted_only && a.status != Status::Accepted) {
            return false;
        }
        match (&self.labels, a.kind.label()) {
            (Some(labels), Some(l)) => labels.iter().any(|x| x == l),
            _ => true,
        }
    }

    pub fn annotations<'d>(
        &'d self,
        doc: &'d Document,
    ) -> impl Iterator<Item = &'d Annotation> + 'd {
        doc.annotations().iter().filter(move |a| self.includes(a))
    }
}
