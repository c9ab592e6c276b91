//! The JSONL contract: one object a document, offsets in Unicode code points
//! into `text`, end exclusive. `dossier annotate` writes it, and the scorer
//! and other tools read it.

use std::io::{self, Write};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Scope;
use crate::model::{AnnotationKind, Document, Project};

/// The hex SHA-256 of a document's text, so consumers can check that their
/// copy of the text is the one the offsets point into.
pub fn text_sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The JSON object of one document.
pub fn document_json(project: &Project, doc: &Document, scope: &Scope) -> Value {
    let text = doc.text();
    let cp = |s: crate::text::Span| doc.char_span(s);
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    let mut claims = Vec::new();
    for a in scope.annotations(doc) {
        let (start, end) = cp(a.span);
        let surface = a.span.slice(text);
        match &a.kind {
            AnnotationKind::Entity { label, entity } => entities.push(json!({
                "start": start, "end": end, "text": surface, "label": label,
                "entity": project.entity_name(*entity),
                "iso3": entity.and_then(|e| project.entity(e)).and_then(|e| e.iso3.clone()),
                "origin": a.origin, "status": a.status,
            })),
            AnnotationKind::Quote {
                speaker,
                speaker_span,
                cue,
                source,
            } => {
                let sp = speaker_span.map(cp);
                quotes.push(json!({
                    "start": start, "end": end, "text": surface,
                    "speaker": project.entity_name(*speaker),
                    "speaker_start": sp.map(|s| s.0), "speaker_end": sp.map(|s| s.1),
                    "cue": cue, "source": source,
                    "origin": a.origin, "status": a.status,
                }))
            }
            AnnotationKind::Claim {
                country,
                iso3,
                year,
                value,
                unit,
                evidence,
            } => {
                let mut claim = json!({
                    "start": start, "end": end, "text": surface,
                    "country": country, "iso3": iso3, "year": year, "value": value, "unit": unit.as_str(),
                    "origin": a.origin, "status": a.status,
                });
                if let Some(e) = evidence {
                    // Each piece as start/end (code points) and its words.
                    let parts: serde_json::Map<String, serde_json::Value> = e
                        .parts()
                        .into_iter()
                        .filter_map(|(name, s)| {
                            let s = s?;
                            let (ps, pe) = cp(s);
                            Some((
                                name.to_owned(),
                                json!({"start": ps, "end": pe, "text": s.slice(text)}),
                            ))
                        })
                        .collect();
                    claim["evidence"] = serde_json::Value::Object(parts);
                }
                claims.push(claim)
            }
        }
    }
    let meta = &doc.meta;
    json!({
        "id": super::document_key(doc),
        "path": meta.source_path.as_ref().map(|p| p.display().to_string()),
        "title": meta.title,
        "date": meta.date,
        "outlet": meta.outlet,
        "url": meta.url,
        "text": text,
        "text_sha256": text_sha256(text),
        "entities": entities,
        "quotes": quotes,
        "claims": claims,
    })
}

/// Writes the documents, one JSON object a line.
pub fn write<'a, W: Write>(
    out: &mut W,
    project: &Project,
    docs: impl IntoIterator<Item = &'a Document>,
    scope: &Scope,
) -> io::Result<()> {
    for d in docs {
        serde_json::to_writer(&mut *out, &document_json(project, d, scope))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
