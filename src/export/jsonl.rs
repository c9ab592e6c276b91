//! The JSONL contract: one object a document, offsets in Unicode code points
//! into `text`, end exclusive. `dossier annotate` writes it, and the scorer
//! and other tools read it.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Scope;
use crate::model::{AnnotationKind, Document, Origin, Project, Status};

/// The hex SHA-256 of a document's text, so consumers can check that their
/// copy of the text is the one the offsets point into.
pub fn text_sha256(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

// The line of one document, serialised straight from borrowed fields: no
// `serde_json::Value` tree per line. The fields are declared in the
// alphabetical order that a `Value` object (a sorted map) writes them in, so
// the output is byte for byte what it always was.

#[derive(Serialize)]
struct Line<'a> {
    claims: Vec<ClaimOut<'a>>,
    date: &'a Option<String>,
    entities: Vec<EntityOut<'a>>,
    id: String,
    outlet: &'a Option<String>,
    path: Option<std::borrow::Cow<'a, str>>,
    quotes: Vec<QuoteOut<'a>>,
    text: &'a str,
    text_sha256: String,
    title: &'a str,
    url: &'a Option<String>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    end: usize,
    entity: Option<&'a str>,
    iso3: Option<&'a str>,
    label: &'a str,
    origin: Origin,
    start: usize,
    status: Status,
    text: &'a str,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    cue: &'a Option<String>,
    end: usize,
    origin: Origin,
    source: &'a Option<String>,
    speaker: Option<&'a str>,
    speaker_end: Option<usize>,
    speaker_start: Option<usize>,
    start: usize,
    status: Status,
    text: &'a str,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    country: &'a str,
    end: usize,
    iso3: &'a Option<String>,
    origin: Origin,
    start: usize,
    status: Status,
    text: &'a str,
    unit: &'a str,
    value: f64,
    year: Option<i32>,
}

fn line<'a>(project: &'a Project, doc: &'a Document, scope: &'a Scope) -> Line<'a> {
    let text = doc.text();
    let cp = |s: crate::text::Span| doc.char_span(s);
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    let mut claims = Vec::new();
    for a in scope.annotations(doc) {
        let (start, end) = cp(a.span);
        let surface = a.span.slice(text);
        match &a.kind {
            AnnotationKind::Entity { label, entity } => entities.push(EntityOut {
                end,
                entity: project.entity_name(*entity),
                iso3: entity
                    .and_then(|e| project.entity(e))
                    .and_then(|e| e.iso3.as_deref()),
                label,
                origin: a.origin,
                start,
                status: a.status,
                text: surface,
            }),
            AnnotationKind::Quote {
                speaker,
                speaker_span,
                cue,
                source,
            } => {
                let sp = speaker_span.map(cp);
                quotes.push(QuoteOut {
                    cue,
                    end,
                    origin: a.origin,
                    source,
                    speaker: project.entity_name(*speaker),
                    speaker_end: sp.map(|s| s.1),
                    speaker_start: sp.map(|s| s.0),
                    start,
                    status: a.status,
                    text: surface,
                })
            }
            AnnotationKind::Claim {
                country,
                iso3,
                year,
                value,
                unit,
            } => claims.push(ClaimOut {
                country,
                end,
                iso3,
                origin: a.origin,
                start,
                status: a.status,
                text: surface,
                unit: unit.as_str(),
                value: *value,
                year: *year,
            }),
        }
    }
    let meta = &doc.meta;
    Line {
        claims,
        date: &meta.date,
        entities,
        id: super::document_key(doc),
        outlet: &meta.outlet,
        path: meta.source_path.as_ref().map(|p| p.to_string_lossy()),
        quotes,
        text,
        text_sha256: text_sha256(text),
        title: &meta.title,
        url: &meta.url,
    }
}

/// The JSON object of one document.
pub fn document_json(project: &Project, doc: &Document, scope: &Scope) -> Value {
    serde_json::to_value(line(project, doc, scope)).unwrap_or(Value::Null)
}

/// Writes one document's line (its JSON object and a newline).
pub fn write_document<W: Write + ?Sized>(
    out: &mut W,
    project: &Project,
    doc: &Document,
    scope: &Scope,
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &line(project, doc, scope))?;
    out.write_all(b"\n")
}

/// Writes the documents, one JSON object a line.
pub fn write<'a, W: Write + ?Sized>(
    out: &mut W,
    project: &Project,
    docs: impl IntoIterator<Item = &'a Document>,
    scope: &Scope,
) -> io::Result<()> {
    for d in docs {
        write_document(out, project, d, scope)?;
    }
    Ok(())
}
