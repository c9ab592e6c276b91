//! W3C Web Annotation (<https://www.w3.org/TR/annotation-model/>), serialised
//! as JSON-LD with the model's context (<http://www.w3.org/ns/anno.jsonld>):
//! one `AnnotationCollection` whose `first` `AnnotationPage` embeds every
//! annotation (§5 of the model).
//!
//! Each annotation targets a `SpecificResource` of the document (its URL,
//! else `urn:dossier:document:KEY`) through two selectors that identify the
//! same text: a `TextPositionSelector` (`start`/`end` in code points, as §4.2.5
//! of the model asks, end exclusive) and a `TextQuoteSelector` (`exact` with
//! up to 32 code points of `prefix` and `suffix`), so a reader can re-anchor
//! an annotation on a copy of the text whose positions shifted.
//!
//! Bodies are `TextualBody`s: the label with purpose `tagging`; the
//! canonical entity with purpose `identifying`; a quote's speaker, cue and
//! source, a claim's country, year, value and unit with purpose
//! `describing`; a suggestion that is not yet accepted has an `assessing`
//! body `suggested`.

use serde_json::{Value, json};

use super::{ExportError, Scope, Tally, Tick, document_key, number_text};
use crate::model::{AnnotationKind, Document, Project, Status};
use crate::text::Span;

/// Code points of context kept on each side in a `TextQuoteSelector`.
pub const CONTEXT: usize = 32;

pub const CONTEXT_IRI: &str = "http://www.w3.org/ns/anno.jsonld";

pub(crate) fn render(
    project: &Project,
    docs: &[&Document],
    scope: &Scope,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut items = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        items.extend(annotations(project, doc, scope));
        tick(i + 1)?;
    }
    tally.annotations += items.len();
    let collection = json!({
        "@context": CONTEXT_IRI,
        "id": "urn:dossier:collection",
        "type": "AnnotationCollection",
        "label": project.name,
        "total": items.len(),
        "first": {
            "id": "urn:dossier:collection:page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut out =
        serde_json::to_vec_pretty(&collection).expect("writing JSON to memory cannot fail");
    out.push(b'\n');
    Ok(out)
}

fn body(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"})
}

/// The annotations of one document.
pub fn annotations(project: &Project, doc: &Document, scope: &Scope) -> Vec<Value> {
    let source = doc
        .meta
        .url
        .clone()
        .unwrap_or_else(|| format!("urn:dossier:document:{}", document_key(doc)));
    let mut out = Vec::new();
    for a in scope.annotations(doc) {
        let mut bodies = Vec::new();
        let motivation;
        match &a.kind {
            AnnotationKind::Entity { label, entity } => {
                bodies.push(body("tagging", label));
                match project.entity_name(*entity) {
                    Some(name) => {
                        bodies.push(body("identifying", name));
                        motivation = "identifying";
                    }
                    None => motivation = "tagging",
                }
            }
            AnnotationKind::Quote {
                speaker,
                cue,
                source,
                ..
            } => {
                bodies.push(body("tagging", "QUOTE"));
                if let Some(s) = project.entity_name(*speaker) {
                    bodies.push(body("describing", &format!("speaker: {s}")));
                }
                if let Some(c) = cue {
                    bodies.push(body("describing", &format!("cue: {c}")));
                }
                if let Some(s) = source {
                    bodies.push(body("describing", &format!("source: {s}")));
                }
                motivation = "describing";
            }
            AnnotationKind::Claim {
                country,
                iso3,
                year,
                value,
                unit,
                ..
            } => {
                bodies.push(body("tagging", "CLAIM"));
                bodies.push(body("describing", &format!("country: {country}")));
                if let Some(i) = iso3 {
                    bodies.push(body("describing", &format!("iso3: {i}")));
                }
                if let Some(y) = year {
                    bodies.push(body("describing", &format!("year: {y}")));
                }
                bodies.push(body(
                    "describing",
                    &format!("value: {}", number_text(*value)),
                ));
                bodies.push(body("describing", &format!("unit: {}", unit.as_str())));
                motivation = "describing";
            }
        }
        if a.status == Status::Suggested {
            bodies.push(body("assessing", "suggested"));
        }
        let (start, end) = doc.char_span(a.span);
        let (prefix, exact, suffix) = quote_context(doc.text(), a.span);
        out.push(json!({
            "id": format!("urn:dossier:annotation:{}", a.id.0),
            "type": "Annotation",
            "motivation": motivation,
            "body": bodies,
            "target": {
                "type": "SpecificResource",
                "source": source,
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                ],
            },
        }));
    }
    out
}

/// Up to [`CONTEXT`] code points before the span, the span, and up to
/// [`CONTEXT`] after.
pub fn quote_context(text: &str, span: Span) -> (&str, &str, &str) {
    let before = &text[..span.start];
    let p = before
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[span.end..];
    let s = after
        .char_indices()
        .nth(CONTEXT)
        .map_or(after.len(), |(i, _)| i);
    (&before[p..], span.slice(text), &after[..s])
}
