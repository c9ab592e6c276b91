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
//! body `suggested`. The analyst who last handled an annotation is its
//! `creator`, a `Person` with a `name` (§3.3.1 of the model).

use serde_json::{Value, json};

use super::{ExportError, Fields, Scope, Tally, Tick, document_key};
use crate::model::{Annotation, Document, Project, Status};
use crate::text::Span;

/// Code points of context kept on each side in a `TextQuoteSelector`.
pub const CONTEXT: usize = 32;

/// The JSON-LD context of the Web Annotation data model.
pub const CONTEXT_IRI: &str = "http://www.w3.org/ns/anno.jsonld";

/// The annotation collection of every document, as pretty JSON-LD.
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

/// The bodies of an annotation and its motivation: the label (or `QUOTE`,
/// `CLAIM`) tags it; a canonical entity identifies it; the other fields
/// describe it.
fn bodies(a: &Annotation, f: &Fields<'_>) -> (Vec<Value>, &'static str) {
    let mut bodies = vec![body("tagging", f.tag(a, "QUOTE", "CLAIM"))];
    if let Some(name) = f.entity {
        bodies.push(body("identifying", name));
    }
    let year = f.year.map(|y| y.to_string());
    let value = f.value_text();
    let described = [
        ("speaker", f.speaker),
        ("cue", f.cue),
        ("source", f.source),
        ("country", f.country),
        ("iso3", f.iso3.filter(|_| !a.is_entity())),
        ("year", year.as_deref()),
        ("value", value.as_deref()),
        ("unit", f.unit_text()),
    ];
    for (key, v) in described {
        if let Some(v) = v {
            bodies.push(body("describing", &format!("{key}: {v}")));
        }
    }
    let motivation = match (a.is_entity(), f.entity) {
        (true, Some(_)) => "identifying",
        (true, None) => "tagging",
        (false, _) => "describing",
    };
    if a.status == Status::Suggested {
        bodies.push(body("assessing", "suggested"));
    }
    (bodies, motivation)
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
        let f = Fields::of(project, doc, a);
        let (bodies, motivation) = bodies(a, &f);
        let (start, end) = doc.char_span(a.span);
        let (prefix, exact, suffix) = quote_context(doc.text(), a.span);
        let mut item = json!({
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
        });
        // The model's own attribution (§3.3.1): the agent who made it.
        if let Some(name) = f.annotator {
            item["creator"] = json!({"type": "Person", "name": name});
        }
        out.push(item);
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
