//! Dossier's JSON Lines contract read back (see [`crate::export::jsonl`]):
//! one document a line with its `text`, `entities`, `quotes` and `claims`,
//! offsets in code points. Each annotation's `text` is checked against what
//! its offsets cover; its `annotator`, when present, is kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{
    ImportedAnnotation, ImportedCorpus, ImportedDocument, ImportedKind, checked_span, entity_ref,
    status_from,
};
use crate::export::jsonl::text_sha256;
use crate::import::ImportError;
use crate::model::{ClaimUnit, DocumentMeta};
use crate::text::{OffsetIndex, Span};

/// Reads a JSON Lines file; fails only when no document in it reads.
pub fn read(path: &Path) -> Result<ImportedCorpus, ImportError> {
    let text = super::read_text_file(path)?;
    let corpus = parse(&text, path);
    if corpus.documents.is_empty() && !corpus.issues.is_empty() {
        return Err(corpus.issues[0].clone());
    }
    Ok(corpus)
}

/// Parses the lines of a JSON Lines file; `path` is for the reports.
pub fn parse(source: &str, path: &Path) -> ImportedCorpus {
    let mut corpus = ImportedCorpus::default();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    for (n, line) in source.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                corpus.issues.push(ImportError::at_line(
                    path,
                    line_no,
                    format!("not valid JSON: {e}"),
                ));
                continue;
            }
        };
        let Value::Object(o) = value else {
            corpus.issues.push(ImportError::at_line(
                path,
                line_no,
                "expected one JSON object a line",
            ));
            continue;
        };
        let Some(d) = document(&o, path, line_no, &mut corpus.issues) else {
            continue;
        };
        // Both records are kept (each gets a fresh id in the project), but
        // a repeated id usually means a record was appended twice: say so.
        if let Some(id) = &d.meta.external_id {
            if let Some(first) = first_line_of.get(id) {
                corpus.issues.push(ImportError::at_line(
                    path,
                    line_no,
                    format!(
                        "document id {id:?} was already used on line {first}; both were imported"
                    ),
                ));
            } else {
                first_line_of.insert(id.clone(), line_no);
            }
        }
        corpus.documents.push(d);
    }
    corpus
}

fn str_field<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key).and_then(Value::as_str)
}

fn usize_field(o: &Map<String, Value>, key: &str) -> Option<usize> {
    o.get(key).and_then(Value::as_u64).map(|v| v as usize)
}

/// The document's fields besides its annotations; `None` with the reason
/// reported when it has no text.
fn meta_of<'a>(
    o: &'a Map<String, Value>,
    path: &Path,
    line: usize,
    issues: &mut Vec<ImportError>,
) -> Option<(&'a str, DocumentMeta)> {
    let Some(text) = str_field(o, "text") else {
        issues.push(ImportError::at_line(
            path,
            line,
            "the record has no \"text\"",
        ));
        return None;
    };
    if let Some(sha) = str_field(o, "text_sha256")
        && !sha.eq_ignore_ascii_case(&text_sha256(text))
    {
        issues.push(ImportError::at_line(
            path,
            line,
            "text_sha256 does not match the text: the text was changed after export; offsets are checked one by one",
        ));
    }
    let id = match o.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let meta = DocumentMeta {
        title: str_field(o, "title")
            .map(str::to_owned)
            .unwrap_or_else(|| crate::import::first_line_title(text)),
        source_path: str_field(o, "path").map(PathBuf::from),
        date: str_field(o, "date").map(str::to_owned),
        outlet: str_field(o, "outlet").map(str::to_owned),
        url: str_field(o, "url").map(str::to_owned),
        external_id: id,
    };
    Some((text, meta))
}

/// The text an annotation record's offsets point into.
struct Text<'a> {
    text: &'a str,
    index: OffsetIndex,
}

impl Text<'_> {
    /// The record's `start`..`end`, checked against its `text`.
    fn span_of(&self, a: &Map<String, Value>) -> Result<Span, String> {
        let (Some(start), Some(end)) = (usize_field(a, "start"), usize_field(a, "end")) else {
            return Err("no start and end".into());
        };
        checked_span(self.text, &self.index, start, end, str_field(a, "text"))
    }

    /// An entity record's kind.
    fn entity(&self, a: &Map<String, Value>) -> Result<ImportedKind, String> {
        let label = str_field(a, "label")
            .filter(|l| !l.is_empty())
            .ok_or("no label")?;
        Ok(ImportedKind::Entity {
            label: label.to_owned(),
            entity: str_field(a, "entity").map(|n| entity_ref(n, label, str_field(a, "iso3"))),
        })
    }

    /// A quote record's kind; a speaker mention that does not fit the text
    /// is reported and left out.
    fn quote(&self, a: &Map<String, Value>, report: &mut dyn FnMut(String)) -> ImportedKind {
        let speaker_span = match (
            usize_field(a, "speaker_start"),
            usize_field(a, "speaker_end"),
        ) {
            (Some(s), Some(e)) => checked_span(self.text, &self.index, s, e, None)
                .map_err(|m| report(format!("speaker {m}")))
                .ok(),
            _ => None,
        };
        ImportedKind::Quote {
            speaker: str_field(a, "speaker").map(|n| entity_ref(n, crate::model::PERSON, None)),
            speaker_span,
            cue: str_field(a, "cue").map(str::to_owned),
            source: str_field(a, "source").map(str::to_owned),
        }
    }

    /// A claim record's kind.
    fn claim(&self, a: &Map<String, Value>) -> Result<ImportedKind, String> {
        let (Some(country), Some(value)) = (
            str_field(a, "country"),
            a.get("value").and_then(Value::as_f64),
        ) else {
            return Err("a claim needs a country and a value".into());
        };
        Ok(ImportedKind::Claim {
            evidence: None,
            country: country.to_owned(),
            iso3: str_field(a, "iso3").map(str::to_owned),
            year: a
                .get("year")
                .and_then(Value::as_i64)
                .and_then(|y| i32::try_from(y).ok()),
            value,
            unit: str_field(a, "unit")
                .and_then(ClaimUnit::parse)
                .unwrap_or(ClaimUnit::Other),
        })
    }

    /// One annotation record of the list `key`.
    fn annotation(
        &self,
        key: &str,
        item: &Value,
        report: &mut dyn FnMut(String),
    ) -> Result<ImportedAnnotation, String> {
        let a = item.as_object().ok_or("not an object")?;
        let span = self.span_of(a)?;
        let kind = match key {
            "entities" => self.entity(a)?,
            "quotes" => self.quote(a, report),
            _ => self.claim(a)?,
        };
        Ok(ImportedAnnotation {
            span,
            kind,
            status: status_from(str_field(a, "status")),
            origin: None,
            annotator: str_field(a, "annotator").map(str::to_owned),
        })
    }
}

fn document(
    o: &Map<String, Value>,
    path: &Path,
    line: usize,
    issues: &mut Vec<ImportError>,
) -> Option<ImportedDocument> {
    let (text, meta) = meta_of(o, path, line, issues)?;
    let source = Text {
        text,
        index: OffsetIndex::new(text),
    };
    let mut annotations = Vec::new();
    for (what, key) in [
        ("entity", "entities"),
        ("quote", "quotes"),
        ("claim", "claims"),
    ] {
        let items = o
            .get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            let mut report = |message: String| {
                issues.push(ImportError::at_line(
                    path,
                    line,
                    format!("{what} {}: {message}", i + 1),
                ));
            };
            match source.annotation(key, item, &mut report) {
                Ok(a) => annotations.push(a),
                Err(m) => report(m),
            }
        }
    }
    Some(ImportedDocument {
        meta,
        text: text.to_owned(),
        annotations,
    })
}
