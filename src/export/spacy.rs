//! JSON Lines for spaCy: one object a document with `text`, `ents` and
//! `spans`, offsets in code points (Python `str` indices), end exclusive.
//!
//! - `ents`: entity mentions that do not overlap, longest first, as
//!   `Doc.ents` requires;
//! - `spans`: span groups as in `Doc.spans`: `sc` (every entity mention,
//!   overlapping ones included: the default key of spaCy's `SpanCategorizer`),
//!   `quote` and `claim`.
//!
//! Each span is `{"start", "end", "label"}` and `doc.char_span(start, end,
//! label=label)` on `nlp.make_doc(text)` gives the span; `meta` carries the
//! document's id and title. `tests/tools/check_spacy.py` builds a `DocBin`
//! from the file the way a training script would.

use serde_json::{Value, json};

use super::{ExportError, Scope, Tally, Tick, document_key};
use crate::model::{AnnotationKind, Document, Project};
use crate::text::Span;

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
    let (mut ents, mut sc, mut quotes, mut claims) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
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
    let v = json!({
        "text": doc.text(),
        "ents": ents,
        "spans": {"sc": sc, "quote": quotes, "claim": claims},
        "meta": {"id": document_key(doc), "title": doc.title()},
    });
    (v, written, overlapping)
}
