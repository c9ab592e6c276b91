//! JSON Lines for spaCy: one object a document with `text`, `ents` and
//! `spans`, offsets in code points (Python `str` indices), end exclusive.
//!
//! - `ents`: entity mentions that do not overlap, longest first, as
//!   `Doc.ents` requires;
//! - `spans`: span groups as in `Doc.spans`: `sc` (every entity mention,
//!   overlapping ones included: the default key of spaCy's `SpanCategorizer`),
//!   `quote` and `claim`.
//!
//! - `tokens`: a tokenization of the whole text (Prodigy's layout: `text`,
//!   `start`, `end`, `id`, `ws`) that starts and ends a token at every span
//!   boundary.
//!
//! Each span is `{"start", "end", "label"}`, and `doc.char_span(start, end,
//! label=label)` gives it back on a `Doc(nlp.vocab, words=…, spaces=…)` built
//! from `tokens`, always. On `nlp.make_doc(text)` (spaCy's own tokenizer) it
//! does too, except where spaCy keeps a mention inside a longer token: its
//! English tokenizer does not split `U.S.-Polish` at the hyphen, so the
//! mention `U.S.` there has no span in strict mode (use
//! `alignment_mode="expand"`, or the tokens). `meta` carries the document's
//! id and title. `tests/tools/check_spacy.py` builds a `DocBin` from the file
//! the way a training script would.

use serde_json::{Value, json};

use super::{ExportError, Scope, Tally, Tick, document_key};
use crate::model::{AnnotationKind, Document, Project};
use crate::text::Span;

/// One JSON line a document.
pub(crate) fn render(
    _project: &Project,
    docs: &[&Document],
    scope: &Scope,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    let mut left_out = 0;
    for (i, doc) in docs.iter().enumerate() {
        let (v, written, overlapping) = document_json(doc, scope);
        tally.annotations += written;
        left_out += overlapping;
        serde_json::to_writer(&mut out, &v).expect("writing JSON to memory cannot fail");
        out.push(b'\n');
        tick(i + 1)?;
    }
    if left_out > 0 {
        tally.notes.push(format!(
            "{left_out} overlapping mention(s) are in spans.sc but not in ents (spaCy entities cannot overlap)"
        ));
    }
    Ok(out)
}

/// The object of one document, the number of annotations in it, and how many
/// mentions were kept out of `ents` because they overlap a longer one.
pub fn document_json(doc: &Document, scope: &Scope) -> (Value, usize, usize) {
    let span = |s: Span, label: &str| {
        let (start, end) = doc.char_span(s);
        json!({"start": start, "end": end, "label": label})
    };
    let (mut ents, mut sc, mut quotes, mut claims) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut taken: Vec<Span> = Vec::new();
    let mut overlapping = 0;
    let mut written = 0;
    for a in scope.annotations(doc) {
        written += 1;
        match &a.kind {
            AnnotationKind::Entity { label, .. } => {
                sc.push(span(a.span, label));
                if taken.iter().any(|t| t.overlaps(&a.span)) {
                    overlapping += 1;
                } else {
                    taken.push(a.span);
                    ents.push(span(a.span, label));
                }
            }
            AnnotationKind::Quote { .. } => quotes.push(span(a.span, "QUOTE")),
            AnnotationKind::Claim { .. } => claims.push(span(a.span, "CLAIM")),
        }
    }
    let mut boundaries: Vec<usize> = scope
        .annotations(doc)
        .flat_map(|a| [a.span.start, a.span.end])
        .collect();
    boundaries.sort_unstable();
    boundaries.dedup();
    let v = json!({
        "text": doc.text(),
        "tokens": tokens(doc, &boundaries),
        "ents": ents,
        "spans": {"sc": sc, "quote": quotes, "claim": claims},
        "meta": {"id": document_key(doc), "title": doc.title()},
    });
    (v, written, overlapping)
}

/// Tokens that cover the whole text as spaCy's `Doc(words, spaces)` needs:
/// a token followed by one space has `ws: true`; any other white space
/// (line breaks, runs of spaces) is a token of its own. Tokens are split at
/// every byte offset in `boundaries`.
pub fn tokens(doc: &Document, boundaries: &[usize]) -> Vec<Value> {
    let text = doc.text();
    let mut pieces: Vec<Span> = Vec::new();
    let mut at = 0;
    let push_gap = |pieces: &mut Vec<Span>, from: usize, to: usize| {
        if from < to {
            pieces.push(Span::new(from, to));
        }
    };
    for t in super::tokenize::sentences(text).into_iter().flatten() {
        push_gap(&mut pieces, at, t.span.start);
        pieces.push(t.span);
        at = t.span.end;
    }
    push_gap(&mut pieces, at, text.len());
    // Split at annotation boundaries.
    let mut split = Vec::with_capacity(pieces.len());
    for p in pieces {
        let mut start = p.start;
        let lo = boundaries.partition_point(|&b| b <= p.start);
        for &b in boundaries[lo..].iter().take_while(|&&b| b < p.end) {
            split.push(Span::new(start, b));
            start = b;
        }
        split.push(Span::new(start, p.end));
    }
    // One plain space after a word token is its trailing `ws`; every other
    // white-space piece stays a token (spaCy's own convention).
    let mut out: Vec<Value> = Vec::new();
    let mut i = 0;
    while i < split.len() {
        let s = split[i];
        let slice = s.slice(text);
        let (start, end) = doc.char_span(s);
        let next_is_space = split.get(i + 1).is_some_and(|n| n.slice(text) == " ")
            && !slice.chars().all(char::is_whitespace);
        out.push(json!({"text": slice, "start": start, "end": end, "id": out.len(), "ws": next_is_space}));
        i += if next_is_space { 2 } else { 1 };
    }
    out
}
