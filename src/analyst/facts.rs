//! What an article holds for the spending chart: the countries it
//! mentions and the claims it makes, and the same across the corpus.

use crate::chart::ClaimInput;
use crate::data;
use crate::model::{AnnotationKind, ClaimUnit, DocId, Document, Project};

/// Countries (ISO3 where known, else the name) the document mentions.
pub fn countries_in(project: &Project, doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in doc.live_annotations() {
        if let AnnotationKind::Entity { label, entity } = &a.kind
            && label == crate::model::GPE
        {
            let key = entity
                .and_then(|e| project.entity(e))
                .and_then(|e| e.iso3.clone())
                .or_else(|| data::countries::iso3_of(doc.slice(a.span)).map(str::to_owned));
            if let Some(k) = key
                && !out.contains(&k)
            {
                out.push(k);
            }
        }
    }
    out
}

/// The document's spending claims as shares of GDP, for the overlay.
pub fn claims_in(doc: &Document) -> Vec<ClaimInput> {
    doc.live_annotations()
        .filter_map(|a| match &a.kind {
            AnnotationKind::Claim {
                country,
                iso3,
                year,
                value,
                unit: ClaimUnit::PctGdp,
                ..
            } => Some(ClaimInput {
                country: iso3.clone().unwrap_or_else(|| country.clone()),
                year: *year,
                value: *value,
                published: doc.meta.date.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// Every article's claims about `countries` (names or ISO3 codes), each
/// with its article's date: the corpus drawn against NATO's line.
pub fn corpus_claims(project: &Project, countries: &[String]) -> Vec<ClaimInput> {
    let shown: Vec<&str> = countries
        .iter()
        .filter_map(|c| data::countries::iso3_of(c))
        .collect();
    project
        .documents
        .iter()
        .flat_map(claims_in)
        .filter(|c| data::countries::iso3_of(&c.country).is_some_and(|i| shown.contains(&i)))
        .collect()
}

/// Documents whose live GPE mentions include the country.
pub fn documents_mentioning(project: &Project, iso3: &str) -> Vec<DocId> {
    project
        .documents
        .iter()
        .filter(|d| countries_in(project, d).iter().any(|c| c == iso3))
        .map(|d| d.id)
        .collect()
}
