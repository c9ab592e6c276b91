use serde::{Deserialize, Serialize};

use super::EntityId;
use crate::text::Span;

/// Identifies an annotation within a project (unique across documents).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub u64);

/// Who made an annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Manual,
    Automatic,
    /// Read from another tool's file (JSONL, brat, Label Studio).
    Imported,
}

/// Where an annotation stands in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Suggested,
    Accepted,
    /// Kept, not deleted, so that annotating the document again does not
    /// suggest it once more.
    Rejected,
}

/// The unit of a spending claim's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimUnit {
    /// Percent of GDP, as the percent number (4.0 for 4 %).
    PctGdp,
    Usd,
    Eur,
    Other,
}

impl ClaimUnit {
    pub const ALL: [ClaimUnit; 4] = [
        ClaimUnit::PctGdp,
        ClaimUnit::Usd,
        ClaimUnit::Eur,
        ClaimUnit::Other,
    ];

    /// The name used in every export (`pct_gdp`, `usd`, `eur`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimUnit::PctGdp => "pct_gdp",
            ClaimUnit::Usd => "usd",
            ClaimUnit::Eur => "eur",
            ClaimUnit::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|u| u.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What an annotation says about its span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnnotationKind {
    /// A mention of a named thing.
    Entity {
        label: String,
        /// The canonical entity the mention resolves to.
        entity: Option<EntityId>,
    },
    /// A direct quotation, quotation marks included.
    Quote {
        speaker: Option<EntityId>,
        /// The mention of the speaker the attribution uses.
        speaker_span: Option<Span>,
        /// The attribution's verb or phrase ("said", "according to").
        cue: Option<String>,
        /// A non-person source ("a readout from the meeting").
        source: Option<String>,
    },
    /// A statement of one country's defence-spending level.
    Claim {
        /// Common English short name ("Poland").
        country: String,
        iso3: Option<String>,
        year: Option<i32>,
        value: f64,
        unit: ClaimUnit,
    },
}

impl AnnotationKind {
    /// Short name of the kind: `entity`, `quote`, `claim`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            AnnotationKind::Entity { .. } => "entity",
            AnnotationKind::Quote { .. } => "quote",
            AnnotationKind::Claim { .. } => "claim",
        }
    }

    pub fn label(&self) -> Option<&str> {
        match self {
            AnnotationKind::Entity { label, .. } => Some(label),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub span: Span,
    #[serde(flatten)]
    pub kind: AnnotationKind,
    pub origin: Origin,
    pub status: Status,
}

impl Annotation {
    pub fn is_entity(&self) -> bool {
        matches!(self.kind, AnnotationKind::Entity { .. })
    }

    pub fn is_quote(&self) -> bool {
        matches!(self.kind, AnnotationKind::Quote { .. })
    }

    pub fn is_claim(&self) -> bool {
        matches!(self.kind, AnnotationKind::Claim { .. })
    }

    /// Whether it counts as part of the document's annotation: accepted, or
    /// still a suggestion. Rejected ones are kept only as memory.
    pub fn is_live(&self) -> bool {
        self.status != Status::Rejected
    }

    /// Whether another annotation says the same thing about the same text,
    /// whoever made it: used to keep re-annotation from duplicating work.
    pub fn same_finding(&self, other: &Annotation) -> bool {
        self.span == other.span
            && match (&self.kind, &other.kind) {
                (
                    AnnotationKind::Entity { label: a, .. },
                    AnnotationKind::Entity { label: b, .. },
                ) => a == b,
                (AnnotationKind::Quote { .. }, AnnotationKind::Quote { .. }) => true,
                (
                    AnnotationKind::Claim {
                        iso3: a,
                        country: ca,
                        unit: ua,
                        ..
                    },
                    AnnotationKind::Claim {
                        iso3: b,
                        country: cb,
                        unit: ub,
                        ..
                    },
                ) => ua == ub && (a.is_some() && a == b || ca == cb),
                _ => false,
            }
    }
}
