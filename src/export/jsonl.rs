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
    /// Who last handled it (absent when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
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
    /// Who last handled it (absent when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
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
    /// Who last handled it (absent when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
    country: &'a str,
    end: usize,
    /// Why the engine suggested it (absent for claims made by hand).
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceOut<'a>>,
    iso3: &'a Option<String>,
    origin: Origin,
    start: usize,
    status: Status,
    text: &'a str,
    unit: &'a str,
    value: f64,
    year: Option<i32>,
}

/// A claim's evidence; keys in alphabetical order like the rest of the line.
#[derive(Serialize)]
struct EvidenceOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    country_from: Option<PieceOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predicate: Option<PieceOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<PieceOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<PieceOut<'a>>,
}

#[derive(Serialize)]
struct PieceOut<'a> {
    end: usize,
    start: usize,
    text: &'a str,
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
        let annotator = doc.annotator(a.id);
        match &a.kind {
            AnnotationKind::Entity { label, entity } => entities.push(EntityOut {
                annotator,
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
                    annotator,
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
                evidence,
            } => claims.push(ClaimOut {
                annotator,
                country,
                end,
                evidence: evidence.map(|e| {
                    // Each piece as start/end (code points) and its words.
                    let piece = |s: Option<crate::text::Span>| {
                        s.filter(|s| s.end <= text.len()).map(|s| {
                            let (start, end) = cp(s);
                            PieceOut {
                                end,
                                start,
                                text: s.slice(text),
                            }
                        })
                    };
                    EvidenceOut {
                        country_from: piece(e.country_from),
                        predicate: piece(e.predicate),
                        value: piece(e.value),
                        year: piece(e.year),
                    }
                }),
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

/// A document's line without the value of its `id`, for a writer that
/// numbers the documents as it writes them while the lines are made
/// elsewhere (`dossier annotate` makes them on every core): written as
/// `before`, the id as a JSON string, then `after`, it is byte for byte
/// what [`write_document`] writes.
#[derive(Clone, Debug)]
pub struct LineWithoutId {
    pub before: Vec<u8>,
    pub after: Vec<u8>,
    /// The document's own id (`external_id`), if it has one.
    pub external_id: Option<String>,
}

impl LineWithoutId {
    pub fn write<W: Write + ?Sized>(&self, out: &mut W, id: &str) -> io::Result<()> {
        out.write_all(&self.before)?;
        serde_json::to_writer(&mut *out, id)?;
        out.write_all(&self.after)
    }
}

/// The fields before and after `id`, in the order [`Line`] writes them.
#[derive(Serialize)]
struct Head<'a> {
    claims: &'a [ClaimOut<'a>],
    date: &'a Option<String>,
    entities: &'a [EntityOut<'a>],
}

#[derive(Serialize)]
struct Tail<'a> {
    outlet: &'a Option<String>,
    path: &'a Option<std::borrow::Cow<'a, str>>,
    quotes: &'a [QuoteOut<'a>],
    text: &'a str,
    text_sha256: &'a str,
    title: &'a str,
    url: &'a Option<String>,
}

/// One document's line in two parts around its id; see [`LineWithoutId`].
pub fn line_without_id(project: &Project, doc: &Document, scope: &Scope) -> LineWithoutId {
    let l = line(project, doc, scope);
    let head = Head {
        claims: &l.claims,
        date: l.date,
        entities: &l.entities,
    };
    let tail = Tail {
        outlet: l.outlet,
        path: &l.path,
        quotes: &l.quotes,
        text: l.text,
        text_sha256: &l.text_sha256,
        title: l.title,
        url: l.url,
    };
    // A struct is written `{"k":v,...}`: the head without its `}`, the tail
    // without its `{`.
    let mut before = serde_json::to_vec(&head).unwrap_or_default();
    before.pop();
    before.extend_from_slice(b",\"id\":");
    let tail = serde_json::to_vec(&tail).unwrap_or_default();
    let mut after = Vec::with_capacity(tail.len() + 1);
    after.push(b',');
    after.extend_from_slice(tail.get(1..).unwrap_or_default());
    after.push(b'\n');
    LineWithoutId {
        before,
        after,
        external_id: doc.meta.external_id.clone(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, DocumentMeta};

    /// The two parts around the id make the same line as the whole.
    #[test]
    fn a_line_in_two_parts_is_the_whole_line() {
        let article = crate::import::Article {
            meta: DocumentMeta {
                title: "T".into(),
                ..Default::default()
            },
            text: "Poland will spend 4.1% of GDP, said Minister Kosiniak-Kamysz: “We will.”".into(),
        };
        for external in [None, Some("ext-1".to_owned())] {
            let mut article = article.clone();
            article.meta.external_id = external.clone();
            let mut p = crate::stream::annotate_article(article, 7, &[]);
            p.documents[0].id = DocId(7);
            let d = &p.documents[0];
            let mut whole = Vec::new();
            write_document(&mut whole, &p, d, &Scope::default()).unwrap();
            let parts = line_without_id(&p, d, &Scope::default());
            assert_eq!(parts.external_id, external);
            let mut joined = Vec::new();
            parts
                .write(&mut joined, &external.unwrap_or_else(|| "7".into()))
                .unwrap();
            assert_eq!(
                String::from_utf8(joined).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}
