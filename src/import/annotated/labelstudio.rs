//! Label Studio tasks read back: a JSON array of tasks (Label Studio's own
//! JSON export, or [`crate::export::labelstudio`]'s), with `data.text` and
//! `labels` results in code points.
//!
//! The first annotation of a task that was not cancelled gives accepted
//! annotations; its first prediction gives suggestions. Per-region results
//! (`textarea`, `number`, `choices` with the region's `id`) fill in the
//! canonical entity, the speaker, the claim's fields; a `speaker` relation
//! from a `Quote` region gives the speaker's mention.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::{
    ImportedAnnotation, ImportedCorpus, ImportedDocument, ImportedKind, checked_span, entity_ref,
};
use crate::export::labelstudio::{CLAIM, QUOTE, SPEAKER_MENTION};
use crate::import::ImportError;
use crate::model::{ClaimUnit, DocumentMeta, Status};
use crate::text::{OffsetIndex, Span};

pub fn read(path: &Path) -> Result<ImportedCorpus, ImportError> {
    let source = super::read_text_file(path)?;
    parse(&source, path)
}

/// Parses a tasks file; `path` is for the reports.
pub fn parse(source: &str, path: &Path) -> Result<ImportedCorpus, ImportError> {
    let value: Value = serde_json::from_str(source)
        .map_err(|e| ImportError::at_line(path, e.line(), format!("not valid JSON: {e}")))?;
    let (tasks, lines) = match value {
        Value::Array(tasks) => (tasks, element_lines(source)),
        task @ Value::Object(_) => (vec![task], vec![1]),
        _ => {
            return Err(ImportError::at_line(
                path,
                1,
                "expected a JSON array of Label Studio tasks",
            ));
        }
    };
    let mut corpus = ImportedCorpus::default();
    for (i, task) in tasks.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        match task.as_object() {
            Some(t) => {
                if let Some(d) = read_task(t, i + 1, path, line, &mut corpus.issues) {
                    corpus.documents.push(d);
                }
            }
            None => corpus.issues.push(ImportError::at_line(
                path,
                line,
                format!("task {} is not an object", i + 1),
            )),
        }
    }
    if corpus.documents.is_empty() && !corpus.issues.is_empty() {
        return Err(corpus.issues.remove(0));
    }
    Ok(corpus)
}

/// The line on which each element of the top-level array starts, found by a
/// scan that knows JSON strings; so that reports point into the file.
fn element_lines(source: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut line) = (0usize, 1usize);
    let (mut in_string, mut escaped) = (false, false);
    let mut expect_element = false;
    for c in source.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if expect_element && !c.is_whitespace() {
            if c != ']' {
                out.push(line);
            }
            expect_element = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 && c == '[' {
                    expect_element = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expect_element = true,
            _ => {}
        }
    }
    out
}

/// One region being assembled from its results.
#[derive(Default)]
struct Region {
    span: Option<Span>,
    label: Option<String>,
    fields: BTreeMap<String, String>,
    numbers: BTreeMap<String, f64>,
}

fn read_task(
    t: &Map<String, Value>,
    n: usize,
    path: &Path,
    line: usize,
    issues: &mut Vec<ImportError>,
) -> Option<ImportedDocument> {
    let data = t.get("data").and_then(Value::as_object);
    let Some(text) = data.and_then(|d| d.get("text")).and_then(Value::as_str) else {
        issues.push(ImportError::at_line(
            path,
            line,
            format!("task {n} has no data.text"),
        ));
        return None;
    };
    let field = |k: &str| {
        data.and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let external_id = field("doc_id").or_else(|| {
        t.get("id")
            .map(|v| v.to_string().trim_matches('"').to_owned())
    });
    let meta = DocumentMeta {
        title: field("title").unwrap_or_else(|| crate::import::first_line_title(text)),
        date: field("date"),
        outlet: field("outlet"),
        url: field("url"),
        external_id,
        source_path: None,
    };
    let index = OffsetIndex::new(text);
    let mut annotations = Vec::new();
    let list = |k: &str| {
        t.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let kept: Vec<Value> = list("annotations")
        .into_iter()
        .filter(|a| {
            !a.get("was_cancelled")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        })
        .collect();
    if kept.len() > 1 {
        // Several annotators: Dossier has one annotation layer, so one of
        // them is taken, and the user is told.
        issues.push(ImportError::at_line(
            path,
            line,
            format!(
                "task {n} has {} annotations; only the first was imported",
                kept.len()
            ),
        ));
    }
    let annotation = kept.into_iter().next();
    let prediction = list("predictions").into_iter().next();
    for (set, status) in [
        (annotation, Status::Accepted),
        (prediction, Status::Suggested),
    ] {
        let Some(results) = set
            .as_ref()
            .and_then(|s| s.get("result"))
            .and_then(Value::as_array)
        else {
            continue;
        };
        let mut report =
            |m: String| issues.push(ImportError::at_line(path, line, format!("task {n}: {m}")));
        annotations.extend(read_results(text, &index, results, status, &mut report));
    }
    Some(ImportedDocument {
        meta,
        text: text.to_owned(),
        annotations,
    })
}

fn read_results(
    text: &str,
    index: &OffsetIndex,
    results: &[Value],
    status: Status,
    report: &mut dyn FnMut(String),
) -> Vec<ImportedAnnotation> {
    let mut regions: BTreeMap<String, Region> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut relations: Vec<(String, String)> = Vec::new();
    for r in results {
        let Some(r) = r.as_object() else { continue };
        let ty = r.get("type").and_then(Value::as_str).unwrap_or_default();
        if ty == "relation" {
            let id = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_owned);
            if let (Some(from), Some(to)) = (id("from_id"), id("to_id")) {
                relations.push((from, to));
            }
            continue;
        }
        let Some(id) = r.get("id").and_then(Value::as_str) else {
            continue;
        };
        let value = r.get("value").and_then(Value::as_object);
        let from = r
            .get("from_name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let region = regions.entry(id.to_owned()).or_insert_with(|| {
            order.push(id.to_owned());
            Region::default()
        });
        let Some(value) = value else { continue };
        match ty {
            "labels" => {
                let (Some(start), Some(end)) = (
                    value.get("start").and_then(Value::as_u64),
                    value.get("end").and_then(Value::as_u64),
                ) else {
                    report(format!("region {id} has no start and end"));
                    continue;
                };
                // Other results of a region share its id, but only one
                // gives its span and label: a second is a duplicated id,
                // which would silently replace the first region.
                if region.span.is_some() || region.label.is_some() {
                    report(format!(
                        "region {id} is labelled twice; the first one was kept"
                    ));
                    continue;
                }
                let expected = value.get("text").and_then(Value::as_str);
                match checked_span(text, index, start as usize, end as usize, expected) {
                    Ok(span) => region.span = Some(span),
                    Err(m) => report(format!("region {id}: {m}")),
                }
                region.label = value
                    .get("labels")
                    .and_then(Value::as_array)
                    .and_then(|l| l.first())
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            "textarea" => {
                if let Some(t) = value.get("text").and_then(|t| match t {
                    Value::Array(a) => a.first().and_then(Value::as_str),
                    Value::String(s) => Some(s.as_str()),
                    _ => None,
                }) {
                    region.fields.insert(from.to_owned(), t.to_owned());
                }
            }
            "number" => {
                if let Some(x) = value.get("number").and_then(Value::as_f64) {
                    region.numbers.insert(from.to_owned(), x);
                }
            }
            "choices" => {
                if let Some(c) = value
                    .get("choices")
                    .and_then(Value::as_array)
                    .and_then(|c| c.first())
                    .and_then(Value::as_str)
                {
                    region.fields.insert(from.to_owned(), c.to_owned());
                }
            }
            other => report(format!(
                "region {id}: results of type {other:?} are not read"
            )),
        }
    }
    let speaker_of: BTreeMap<&str, &str> = relations
        .iter()
        .map(|(f, t)| (f.as_str(), t.as_str()))
        .collect();
    let mut out = Vec::new();
    for id in &order {
        let region = &regions[id];
        let (Some(span), Some(label)) = (region.span, region.label.as_deref()) else {
            continue;
        };
        let f = |k: &str| region.fields.get(k).cloned();
        let kind = match label {
            SPEAKER_MENTION => continue,
            QUOTE => ImportedKind::Quote {
                speaker: f("speaker").map(|n| entity_ref(&n, "PERSON", None)),
                speaker_span: speaker_of
                    .get(id.as_str())
                    .and_then(|m| regions.get(*m))
                    .and_then(|m| m.span),
                cue: f("cue"),
                source: f("source"),
            },
            CLAIM => {
                let (Some(country), Some(value)) = (f("country"), region.numbers.get("value"))
                else {
                    report(format!("region {id}: a Claim needs a country and a value"));
                    continue;
                };
                ImportedKind::Claim {
                    evidence: None,
                    country,
                    iso3: f("iso3"),
                    year: region.numbers.get("year").map(|y| *y as i32),
                    value: *value,
                    unit: f("unit")
                        .and_then(|u| ClaimUnit::parse(&u))
                        .unwrap_or(ClaimUnit::Other),
                }
            }
            label => ImportedKind::Entity {
                label: label.to_owned(),
                entity: f("entity").map(|n| entity_ref(&n, label, f("iso3").as_deref())),
            },
        };
        out.push(ImportedAnnotation {
            span,
            kind,
            status,
            origin: None,
        });
    }
    out
}
