//! The analyst's work: documents, their annotations, the canonical entities
//! the annotations point at, and the label set.
//!
//! The model only holds data and answers questions about it. It is changed
//! through [`crate::edit::Command`] so that every change can be undone,
//! autosaved and marked dirty in one place.

mod annotation;
mod document;
mod entity;
mod label;
mod project;

pub use annotation::{
    Annotation, AnnotationId, AnnotationKind, ClaimEvidence, ClaimUnit, Origin, Status,
};
pub use document::{DocId, Document, DocumentMeta};
pub use entity::{Entity, EntityId};
pub use label::{
    BUILTIN_LABELS, BuiltinLabel, DATE, GPE, LOC, Label, LabelSet, MONEY, ORG, PERCENT, PERSON, Rgb,
};
pub use project::{GazetteerEntry, Project};
