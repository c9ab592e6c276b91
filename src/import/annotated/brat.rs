//! brat standoff read back: a folder of `NAME.txt` + `NAME.ann` pairs (or one
//! `.ann` file beside its `.txt`), as [`crate::export::brat`] writes them
//! and as brat itself saves them.
//!
//! Understood: `T` lines (discontinuous fragments included: the annotation
//! covers the first fragment's start to the last one's end), `A`/`M`
//! attributes (`Suggested`, `ISO3`, `Year`, `Value`, `Unit`), `#`
//! AnnotatorNotes with `key=value` pairs (or, from another tool, the note
//! as the canonical name; `annotator=` is the analyst who last handled
//! it), `N` normalisations (their text as the canonical
//! name) and `Speaker` relations. Other lines (events, equivalences, other
//! relations) are skipped and counted in one report per file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{ImportedAnnotation, ImportedCorpus, ImportedDocument, ImportedKind, entity_ref};
use crate::export::brat::{
    ANNOTATOR, CLAIM, QUOTE, SPEAKER_MENTION, SPEAKER_RELATION, parse_notes,
};
use crate::import::ImportError;
use crate::model::{ClaimUnit, DocumentMeta, Status};
use crate::text::{OffsetIndex, OffsetUnit, Span};

/// Reads a brat folder (or one `.ann` file beside its `.txt`); fails only
/// when no document in it reads.
pub fn read(path: &Path) -> Result<ImportedCorpus, ImportError> {
    let anns: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| ImportError::new(path, crate::import::io_message(&e)))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ann"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.with_extension("ann")]
    };
    if anns.is_empty() {
        return Err(ImportError::new(
            path,
            "no .ann files in this folder: not a brat collection",
        ));
    }
    let mut corpus = ImportedCorpus::default();
    for ann in anns {
        let txt = ann.with_extension("txt");
        let text = match super::read_text_file(&txt) {
            Ok(t) => t,
            Err(e) => {
                corpus.issues.push(e);
                continue;
            }
        };
        let ann_text = match super::read_text_file(&ann) {
            Ok(t) => t,
            Err(e) => {
                corpus.issues.push(e);
                continue;
            }
        };
        let stem = ann.file_stem().map(|s| s.to_string_lossy().into_owned());
        let meta = DocumentMeta {
            title: crate::import::first_line_title(&text),
            source_path: Some(txt.clone()),
            external_id: stem,
            ..Default::default()
        };
        let (annotations, issues) = parse_ann(&text, &ann_text, &ann);
        corpus.issues.extend(issues);
        corpus.documents.push(ImportedDocument {
            meta,
            text,
            annotations,
        });
    }
    if corpus.documents.is_empty() {
        return Err(corpus
            .issues
            .first()
            .cloned()
            .unwrap_or_else(|| ImportError::new(path, "no documents")));
    }
    Ok(corpus)
}

/// A text-bound annotation as read.
struct TextBound {
    ty: String,
    span: Span,
    line: usize,
}

/// The lines of an `.ann` file, sorted by kind, before they are joined
/// into annotations.
#[derive(Default)]
struct AnnLines {
    tbs: BTreeMap<String, TextBound>,
    /// The T ids in the order of the file.
    order: Vec<String>,
    attrs: BTreeMap<String, BTreeMap<String, String>>,
    notes: BTreeMap<String, String>,
    norms: BTreeMap<String, String>,
    /// A quote's T id to its speaker mention's.
    speakers: BTreeMap<String, String>,
    /// Lines of kinds Dossier does not read.
    skipped: usize,
}

impl AnnLines {
    /// Reads every line; what does not parse is reported in `issues`.
    fn read(text: &str, ann: &str, path: &Path, issues: &mut Vec<ImportError>) -> Self {
        let index = OffsetIndex::new(text);
        let mut lines = AnnLines::default();
        for (n, line) in ann.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.splitn(3, '\t');
            let id = fields.next().unwrap_or_default();
            let body = fields.next().unwrap_or_default();
            let tail = fields.next();
            if let Err(m) = lines.line(text, &index, id, body, tail, n + 1) {
                issues.push(ImportError::at_line(path, n + 1, format!("{id}: {m}")));
            }
        }
        lines
    }

    /// Files one line by its id's first letter.
    fn line(
        &mut self,
        text: &str,
        index: &OffsetIndex,
        id: &str,
        body: &str,
        tail: Option<&str>,
        line_no: usize,
    ) -> Result<(), String> {
        let target = |body: &str| body.split_whitespace().nth(1).map(str::to_owned);
        match id.chars().next() {
            // A repeated id would otherwise replace the first annotation
            // and import the second twice (both entries of `order` find it).
            Some('T') if self.tbs.contains_key(id) => {
                return Err("this id is used twice; the first one was kept".into());
            }
            Some('T') => {
                let (ty, span) = text_bound(text, index, body, tail)?;
                self.order.push(id.to_owned());
                let tb = TextBound {
                    ty,
                    span,
                    line: line_no,
                };
                self.tbs.insert(id.to_owned(), tb);
            }
            Some('A' | 'M') => {
                let mut parts = body.split_whitespace();
                let (Some(name), Some(target)) = (parts.next(), parts.next()) else {
                    return Err("an attribute needs a name and a target".into());
                };
                let value = parts.next().unwrap_or("true").to_owned();
                self.attrs
                    .entry(target.to_owned())
                    .or_default()
                    .insert(name.to_owned(), value);
            }
            Some('#') => {
                if let Some(target) = target(body) {
                    self.notes
                        .insert(target, tail.unwrap_or_default().to_owned());
                }
            }
            Some('N') => {
                if let Some(target) = target(body)
                    && let Some(name) = tail.filter(|t| !t.trim().is_empty())
                {
                    self.norms.insert(target, name.trim().to_owned());
                }
            }
            Some('R') if body.split_whitespace().next() == Some(SPEAKER_RELATION) => {
                let arg = |k: &str| {
                    body.split_whitespace()
                        .find_map(|p| p.strip_prefix(k))
                        .map(str::to_owned)
                };
                let (Some(q), Some(m)) = (arg("Arg1:"), arg("Arg2:")) else {
                    return Err("a Speaker relation needs Arg1 and Arg2".into());
                };
                self.speakers.insert(q, m);
            }
            _ => self.skipped += 1,
        }
        Ok(())
    }

    /// The annotation of one T id; `Ok(None)` for a speaker's stand-in
    /// mention, `Err` for a claim without its value or country.
    fn annotation(&self, id: &str) -> Result<Option<ImportedAnnotation>, String> {
        let tb = &self.tbs[id];
        let empty = BTreeMap::new();
        let a = self.attrs.get(id).unwrap_or(&empty);
        let note = self.notes.get(id).map(String::as_str).unwrap_or_default();
        let kv = parse_notes(note);
        // A note from another tool is free text: the canonical name.
        let note_name = (kv.is_empty() && !note.trim().is_empty()).then(|| note.trim().to_owned());
        let iso3 = a.get("ISO3").cloned();
        let kind = match tb.ty.as_str() {
            SPEAKER_MENTION => return Ok(None),
            QUOTE => ImportedKind::Quote {
                speaker: kv
                    .get("speaker")
                    .map(|n| entity_ref(n, crate::model::PERSON, None)),
                speaker_span: self
                    .speakers
                    .get(id)
                    .and_then(|m| self.tbs.get(m))
                    .map(|m| m.span),
                cue: kv.get("cue").cloned(),
                source: kv.get("source").cloned(),
            },
            CLAIM => {
                let value = a.get("Value").and_then(|v| v.parse::<f64>().ok());
                let country = kv.get("country").cloned().or(note_name).or(iso3.clone());
                let (Some(value), Some(country)) = (value, country) else {
                    return Err(format!(
                        "{id}: a Claim needs a Value attribute and a country note"
                    ));
                };
                ImportedKind::Claim {
                    evidence: None,
                    country,
                    iso3,
                    year: a.get("Year").and_then(|y| y.parse().ok()),
                    value,
                    unit: a
                        .get("Unit")
                        .and_then(|u| ClaimUnit::parse(u))
                        .unwrap_or(ClaimUnit::Other),
                }
            }
            label => {
                let name = kv
                    .get("entity")
                    .cloned()
                    .or(note_name)
                    .or_else(|| self.norms.get(id).cloned());
                ImportedKind::Entity {
                    label: label.to_owned(),
                    entity: name.map(|n| entity_ref(&n, label, iso3.as_deref())),
                }
            }
        };
        Ok(Some(ImportedAnnotation {
            span: tb.span,
            kind,
            status: if a.contains_key("Suggested") {
                Status::Suggested
            } else {
                Status::Accepted
            },
            origin: None,
            annotator: kv.get(ANNOTATOR).cloned(),
        }))
    }
}

/// Parses one `.ann` file against its text; `path` is for the reports.
pub fn parse_ann(
    text: &str,
    ann: &str,
    path: &Path,
) -> (Vec<ImportedAnnotation>, Vec<ImportError>) {
    let mut issues = Vec::new();
    let lines = AnnLines::read(text, ann, path, &mut issues);
    if lines.skipped > 0 {
        issues.push(ImportError::new(
            path,
            format!(
                "{} line(s) of kinds Dossier does not use (events, equivalences, other relations) skipped",
                lines.skipped
            ),
        ));
    }
    let mut out = Vec::new();
    for id in &lines.order {
        match lines.annotation(id) {
            Ok(a) => out.extend(a),
            Err(m) => issues.push(ImportError::at_line(path, lines.tbs[id].line, m)),
        }
    }
    (out, issues)
}

/// Parses `TYPE start end[;start end...]` and checks the text field.
fn text_bound(
    text: &str,
    index: &OffsetIndex,
    body: &str,
    tail: Option<&str>,
) -> Result<(String, Span), String> {
    let (ty, offsets) = body
        .split_once(' ')
        .ok_or("a text-bound annotation needs a type and offsets")?;
    let mut frags = Vec::new();
    for f in offsets.split(';') {
        let mut p = f.split_whitespace();
        let (Some(s), Some(e), None) = (p.next(), p.next(), p.next()) else {
            return Err(format!("bad offsets {offsets:?}"));
        };
        let (Ok(s), Ok(e)) = (s.parse::<usize>(), e.parse::<usize>()) else {
            return Err(format!("bad offsets {offsets:?}"));
        };
        let (Some(bs), Some(be)) = (
            index.to_byte(text, s, OffsetUnit::CodePoint),
            index.to_byte(text, e, OffsetUnit::CodePoint),
        ) else {
            return Err(format!(
                "offsets {s} {e} are past the end of the text ({} characters)",
                index.len_in(OffsetUnit::CodePoint)
            ));
        };
        if bs >= be {
            return Err(format!("offsets {s} {e} are empty or reversed"));
        }
        frags.push(Span::new(bs, be));
    }
    let covered: Vec<&str> = frags.iter().map(|f| f.slice(text)).collect();
    let covered = covered.join(" ");
    if let Some(t) = tail
        && t != covered
    {
        return Err(format!(
            "offsets {offsets} cover {covered:?}, but the file says {t:?}"
        ));
    }
    let start = frags.iter().map(|f| f.start).min().unwrap_or(0);
    let end = frags.iter().map(|f| f.end).max().unwrap_or(0);
    Ok((ty.to_owned(), Span::new(start, end)))
}
