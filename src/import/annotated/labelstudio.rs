//! Label Studio tasks read back: a JSON array of tasks (Label Studio's own
//! JSON export, or [`crate::export::labelstudio`]'s), with `data.text` and
//! `labels` results in code points.
//!
//! The first annotation of a task that was not cancelled gives accepted
//! annotations; its first prediction gives suggestions. Per-region results
//! (`textarea`, `number`, `choices` with the region's `id`) fill in the
//! canonical entity, the speaker, the claim's fields; a `speaker` relation
//! from a `Quote` region gives the speaker's mention.
//!
//! The analyst of a region is its `labels` result's `annotator` (as Dossier
//! writes it), else the annotation's `completed_by` user: a name, else an
//! email; a bare user id names nobody.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::{
    ImportedAnnotation, ImportedCorpus, ImportedDocument, ImportedKind, checked_span, entity_ref,
};
use crate::export::labelstudio::{ANNOTATOR, CLAIM, QUOTE, SPEAKER_MENTION};
use crate::import::ImportError;
use crate::model::{ClaimUnit, DocumentMeta, Status};
use crate::text::{OffsetIndex, Span};

/// Reads a Label Studio tasks file.
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
    /// The analyst Dossier recorded on the region's `labels` result.
    annotator: Option<String>,
}

/// The document's fields besides its annotations.
fn meta_of(t: &Map<String, Value>, text: &str) -> DocumentMeta {
    let data = t.get("data").and_then(Value::as_object);
    let field = |k: &str| {
        data.and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let external_id = field("doc_id").or_else(|| {
        t.get("id")
            .map(|v| v.to_string().trim_matches('"').to_owned())
    });
    DocumentMeta {
        title: field("title").unwrap_or_else(|| crate::import::first_line_title(text)),
        date: field("date"),
        outlet: field("outlet"),
        url: field("url"),
        external_id,
        source_path: None,
    }
}

/// The first annotation that was not cancelled (several mean several
/// annotators: Dossier has one annotation layer, so one is taken, and the
/// user is told) and the first prediction.
fn chosen_sets(t: &Map<String, Value>, report: &mut dyn FnMut(String)) -> [Option<Value>; 2] {
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
        report(format!(
            "has {} annotations; only the first was imported",
            kept.len()
        ));
    }
    [
        kept.into_iter().next(),
        list("predictions").into_iter().next(),
    ]
}

/// The analyst of an annotation's `completed_by`: a user object's name
/// (first and last), else its email; a bare user id names nobody.
fn completed_by(set: &Value) -> Option<String> {
    let user = set.get("completed_by")?;
    if let Some(s) = user.as_str() {
        return Some(s.to_owned()).filter(|s| !s.trim().is_empty());
    }
    let part = |k: &str| {
        user.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
    };
    let name = format!("{} {}", part("first_name"), part("last_name"));
    [name.trim(), part("email")]
        .into_iter()
        .find(|n| !n.is_empty())
        .map(str::to_owned)
}

fn read_task(
    t: &Map<String, Value>,
    n: usize,
    path: &Path,
    line: usize,
    issues: &mut Vec<ImportError>,
) -> Option<ImportedDocument> {
    let Some(text) = t
        .get("data")
        .and_then(|d| d.get("text"))
        .and_then(Value::as_str)
    else {
        issues.push(ImportError::at_line(
            path,
            line,
            format!("task {n} has no data.text"),
        ));
        return None;
    };
    let index = OffsetIndex::new(text);
    let mut report =
        |m: String| issues.push(ImportError::at_line(path, line, format!("task {n}: {m}")));
    let [annotation, prediction] = chosen_sets(t, &mut report);
    let mut annotations = Vec::new();
    for (set, status) in [
        (annotation, Status::Accepted),
        (prediction, Status::Suggested),
    ] {
        let Some(set) = set else { continue };
        let Some(results) = set.get("result").and_then(Value::as_array) else {
            continue;
        };
        let source = Results {
            text,
            index: &index,
            status,
            annotator: completed_by(&set),
        };
        annotations.extend(source.read(results, &mut report));
    }
    Some(ImportedDocument {
        meta: meta_of(t, text),
        text: text.to_owned(),
        annotations,
    })
}

/// One annotation's (or prediction's) results and what they share.
struct Results<'a> {
    text: &'a str,
    index: &'a OffsetIndex,
    status: Status,
    /// The analyst of the whole annotation, for regions that name none.
    annotator: Option<String>,
}

impl Results<'_> {
    fn read(&self, results: &[Value], report: &mut dyn FnMut(String)) -> Vec<ImportedAnnotation> {
        let mut regions: BTreeMap<String, Region> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut speaker_of: BTreeMap<String, String> = BTreeMap::new();
        for r in results.iter().filter_map(Value::as_object) {
            let ty = r.get("type").and_then(Value::as_str).unwrap_or_default();
            if ty == "relation" {
                let id = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_owned);
                if let (Some(from), Some(to)) = (id("from_id"), id("to_id")) {
                    speaker_of.insert(from, to);
                }
                continue;
            }
            let Some(id) = r.get("id").and_then(Value::as_str) else {
                continue;
            };
            let region = regions.entry(id.to_owned()).or_insert_with(|| {
                order.push(id.to_owned());
                Region::default()
            });
            if let Err(m) = self.result(region, r, ty) {
                report(format!("region {id}{m}"));
            }
        }
        let mut out = Vec::new();
        for id in &order {
            match self.annotation(id, &regions, &speaker_of) {
                Ok(a) => out.extend(a),
                Err(m) => report(format!("region {id}: {m}")),
            }
        }
        out
    }

    /// Adds one result to its region; `Err` says what is wrong, after the
    /// region's id.
    fn result(&self, region: &mut Region, r: &Map<String, Value>, ty: &str) -> Result<(), String> {
        let Some(value) = r.get("value").and_then(Value::as_object) else {
            return Ok(());
        };
        let from = r
            .get("from_name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        match ty {
            "labels" => return self.labels(region, r, value),
            "textarea" => {
                if let Some(t) = value.get("text").and_then(|t| match t {
                    Value::Array(a) => a.first().and_then(Value::as_str),
                    Value::String(s) => Some(s.as_str()),
                    _ => None,
                }) {
                    region.fields.insert(from, t.to_owned());
                }
            }
            "number" => {
                if let Some(x) = value.get("number").and_then(Value::as_f64) {
                    region.numbers.insert(from, x);
                }
            }
            "choices" => {
                if let Some(c) = value
                    .get("choices")
                    .and_then(Value::as_array)
                    .and_then(|c| c.first())
                    .and_then(Value::as_str)
                {
                    region.fields.insert(from, c.to_owned());
                }
            }
            other => return Err(format!(": results of type {other:?} are not read")),
        }
        Ok(())
    }

    /// A `labels` result: the region's span, label and analyst.
    fn labels(
        &self,
        region: &mut Region,
        r: &Map<String, Value>,
        value: &Map<String, Value>,
    ) -> Result<(), String> {
        let (Some(start), Some(end)) = (
            value.get("start").and_then(Value::as_u64),
            value.get("end").and_then(Value::as_u64),
        ) else {
            return Err(" has no start and end".into());
        };
        // Other results of a region share its id, but only one gives its
        // span and label: a second is a duplicated id, which would silently
        // replace the first region.
        if region.span.is_some() || region.label.is_some() {
            return Err(" is labelled twice; the first one was kept".into());
        }
        region.label = value
            .get("labels")
            .and_then(Value::as_array)
            .and_then(|l| l.first())
            .and_then(Value::as_str)
            .map(str::to_owned);
        region.annotator = r.get(ANNOTATOR).and_then(Value::as_str).map(str::to_owned);
        let expected = value.get("text").and_then(Value::as_str);
        let span = checked_span(
            self.text,
            self.index,
            start as usize,
            end as usize,
            expected,
        )
        .map_err(|m| format!(": {m}"))?;
        region.span = Some(span);
        Ok(())
    }

    /// The annotation of a finished region; `Ok(None)` for one without a
    /// span or label, or a speaker's stand-in mention.
    fn annotation(
        &self,
        id: &str,
        regions: &BTreeMap<String, Region>,
        speaker_of: &BTreeMap<String, String>,
    ) -> Result<Option<ImportedAnnotation>, String> {
        let region = &regions[id];
        let (Some(span), Some(label)) = (region.span, region.label.as_deref()) else {
            return Ok(None);
        };
        let f = |k: &str| region.fields.get(k).cloned();
        let kind = match label {
            SPEAKER_MENTION => return Ok(None),
            QUOTE => ImportedKind::Quote {
                speaker: f("speaker").map(|n| entity_ref(&n, crate::model::PERSON, None)),
                speaker_span: speaker_of
                    .get(id)
                    .and_then(|m| regions.get(m))
                    .and_then(|m| m.span),
                cue: f("cue"),
                source: f("source"),
            },
            CLAIM => {
                let (Some(country), Some(value)) = (f("country"), region.numbers.get("value"))
                else {
                    return Err("a Claim needs a country and a value".into());
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
        Ok(Some(ImportedAnnotation {
            span,
            kind,
            status: self.status,
            origin: None,
            annotator: region.annotator.clone().or_else(|| self.annotator.clone()),
        }))
    }
}
