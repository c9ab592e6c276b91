//! The JSONL contract: one object a document, offsets in Unicode code points
//! into `text`, end exclusive. `dossier annotate` writes it, and the scorer
//! and other tools read it.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{Fields, Scope};
use crate::model::{Annotation, AnnotationKind, ClaimEvidence, Document, Origin, Project, Status};
use crate::text::Span;

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
    cue: Option<&'a str>,
    end: usize,
    origin: Origin,
    source: Option<&'a str>,
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
    iso3: Option<&'a str>,
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

/// What every kind of annotation writes besides its own fields.
struct Common<'a> {
    annotator: Option<&'a str>,
    start: usize,
    end: usize,
    origin: Origin,
    status: Status,
    text: &'a str,
}

fn common<'a>(doc: &'a Document, a: &Annotation, f: &Fields<'a>) -> Common<'a> {
    let (start, end) = doc.char_span(a.span);
    Common {
        annotator: f.annotator,
        start,
        end,
        origin: a.origin,
        status: a.status,
        text: a.span.slice(doc.text()),
    }
}

fn entity_out<'a>(c: Common<'a>, f: &Fields<'a>) -> EntityOut<'a> {
    EntityOut {
        annotator: c.annotator,
        end: c.end,
        entity: f.entity,
        iso3: f.iso3,
        label: f.label.unwrap_or_default(),
        origin: c.origin,
        start: c.start,
        status: c.status,
        text: c.text,
    }
}

fn quote_out<'a>(doc: &Document, c: Common<'a>, f: &Fields<'a>) -> QuoteOut<'a> {
    let sp = f.speaker_span.map(|s| doc.char_span(s));
    QuoteOut {
        annotator: c.annotator,
        cue: f.cue,
        end: c.end,
        origin: c.origin,
        source: f.source,
        speaker: f.speaker,
        speaker_end: sp.map(|s| s.1),
        speaker_start: sp.map(|s| s.0),
        start: c.start,
        status: c.status,
        text: c.text,
    }
}

fn claim_out<'a>(doc: &'a Document, c: Common<'a>, f: &Fields<'a>) -> ClaimOut<'a> {
    ClaimOut {
        annotator: c.annotator,
        country: f.country.unwrap_or_default(),
        end: c.end,
        evidence: f.evidence.map(|e| evidence_out(doc, e)),
        iso3: f.iso3,
        origin: c.origin,
        start: c.start,
        status: c.status,
        text: c.text,
        unit: f.unit_text().unwrap_or_default(),
        value: f.value.unwrap_or_default(),
        year: f.year,
    }
}

/// Each piece of a claim's evidence as start/end (code points) and its words.
fn evidence_out(doc: &Document, e: ClaimEvidence) -> EvidenceOut<'_> {
    let text = doc.text();
    let piece = |s: Option<Span>| {
        s.filter(|s| s.end <= text.len()).map(|s| {
            let (start, end) = doc.char_span(s);
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
}

fn line<'a>(project: &'a Project, doc: &'a Document, scope: &'a Scope) -> Line<'a> {
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    let mut claims = Vec::new();
    for a in scope.annotations(doc) {
        let f = Fields::of(project, doc, a);
        let c = common(doc, a, &f);
        match &a.kind {
            AnnotationKind::Entity { .. } => entities.push(entity_out(c, &f)),
            AnnotationKind::Quote { .. } => quotes.push(quote_out(doc, c, &f)),
            AnnotationKind::Claim { .. } => claims.push(claim_out(doc, c, &f)),
        }
    }
    let meta = &doc.meta;
    let text = doc.text();
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
    /// The line up to the id's value.
    pub before: Vec<u8>,
    /// The line after the id's value, newline included.
    pub after: Vec<u8>,
    /// The document's own id (`external_id`), if it has one.
    pub external_id: Option<String>,
}

impl LineWithoutId {
    /// Writes the line with `id` as the document's id.
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
