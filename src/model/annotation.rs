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
    /// Made by the analyst.
    Manual,
    /// Suggested by the annotation engine.
    Automatic,
    /// Read from another tool's file (JSONL, brat, Label Studio).
    Imported,
}

impl Origin {
    /// The name used in every export (`manual`, `automatic`, `imported`).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Manual => "manual",
            Origin::Automatic => "automatic",
            Origin::Imported => "imported",
        }
    }
}

/// Where an annotation stands in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proposed, not yet reviewed.
    Suggested,
    /// Confirmed by the analyst.
    Accepted,
    /// Kept, not deleted, so that annotating the document again does not
    /// suggest it once more.
    Rejected,
}

impl Status {
    /// The name used in every export (`suggested`, `accepted`, `rejected`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Suggested => "suggested",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }
}

/// The unit of a spending claim's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimUnit {
    /// Percent of GDP, as the percent number (4.0 for 4 %).
    PctGdp,
    /// US dollars, as the full amount.
    Usd,
    /// Euros, as the full amount.
    Eur,
    /// Another currency.
    Other,
}

impl ClaimUnit {
    /// Every unit, in the order menus list them.
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

    /// The unit of an export name (any case; see [`ClaimUnit::as_str`]).
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
        /// The label name (`PERSON`, `ORG`, … or one the analyst defined).
        label: String,
        /// The canonical entity the mention resolves to.
        entity: Option<EntityId>,
    },
    /// A direct quotation, quotation marks included.
    Quote {
        /// The canonical entity of the person quoted.
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
        /// Why the engine found it (absent for claims made by hand).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        evidence: Option<ClaimEvidence>,
        /// Common English short name ("Poland").
        country: String,
        /// ISO 3166-1 alpha-3 code of the country, when known.
        iso3: Option<String>,
        /// The year the level is for, when the text gives one.
        year: Option<i32>,
        /// The level, in `unit` (4.0 for 4 % of GDP).
        value: f64,
        /// The unit of `value`.
        unit: ClaimUnit,
    },
}

/// Why a claim was suggested: the words each step of the engine relied on,
/// so that a wrong claim is wrong for a visible reason ("country from:
/// 'Warsaw's'; predicate: 'earmark'").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimEvidence {
    /// The spending or level predicate ("earmark", "commitment", "reach").
    pub predicate: Option<Span>,
    /// What the country was taken from: a name, a possessive, a demonym, an
    /// institution standing for its country, or a pronoun ("our", "it").
    pub country_from: Option<Span>,
    /// The value's words ("4%" in "approximately 4%").
    pub value: Option<Span>,
    /// The year's words ("2023", "FY2025", "2023/24").
    pub year: Option<Span>,
}

impl ClaimEvidence {
    /// Each piece of evidence with its name, in reading order of the steps.
    pub fn parts(&self) -> [(&'static str, Option<Span>); 4] {
        [
            ("predicate", self.predicate),
            ("country_from", self.country_from),
            ("value", self.value),
            ("year", self.year),
        ]
    }
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

    /// The label of an entity mention; `None` for quotes and claims.
    pub fn label(&self) -> Option<&str> {
        match self {
            AnnotationKind::Entity { label, .. } => Some(label),
            _ => None,
        }
    }
}

/// One annotation: a span of a document and what it says about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique within the project.
    pub id: AnnotationId,
    /// Byte range in the document's text.
    pub span: Span,
    /// What the annotation says.
    #[serde(flatten)]
    pub kind: AnnotationKind,
    /// Who made it.
    pub origin: Origin,
    /// Where it stands in review.
    pub status: Status,
}

impl Annotation {
    /// Whether it is an entity mention.
    pub fn is_entity(&self) -> bool {
        matches!(self.kind, AnnotationKind::Entity { .. })
    }

    /// Whether it is a quotation.
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, AnnotationKind::Quote { .. })
    }

    /// Whether it is a spending claim.
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
                        evidence: ea,
                        year: ya,
                        value: va,
                    },
                    AnnotationKind::Claim {
                        iso3: b,
                        country: cb,
                        unit: ub,
                        evidence: eb,
                        year: yb,
                        value: vb,
                    },
                ) => {
                    let same_country = a.is_some() && a == b || ca == cb;
                    // One span can hold several claims: a range ("between
                    // 4.5% and 5%"), a list of years ("In 1943 and 1944"),
                    // a conversion. The engine's evidence tells them apart
                    // even after the analyst edited the fields; without
                    // evidence the fields do.
                    let same_reading = match (ea.and_then(|e| e.value), eb.and_then(|e| e.value)) {
                        (Some(x), Some(y)) => {
                            x == y && ea.and_then(|e| e.year) == eb.and_then(|e| e.year)
                        }
                        _ => ya == yb && (va - vb).abs() < 1e-9,
                    };
                    ua == ub && same_country && same_reading
                }
                _ => false,
            }
    }
}
