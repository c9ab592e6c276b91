//! CoNLL-2003 style named-entity data with IOB2 tags.
//!
//! One token a line, four space-separated columns as in the CoNLL-2003
//! English data: the token, two placeholder columns (`-X-`, where the shared
//! task had part-of-speech and chunk tags, which Dossier does not produce)
//! and the entity tag (`B-GPE`, `I-GPE`, `O`). Documents start with
//! `-DOCSTART- -X- -X- O` and a blank line; sentences end with a blank line.
//! The tag is in the last column, which is where spaCy's `convert -c ner`,
//! Hugging Face's `conll2003` loader and seqeval read it.
//!
//! Only entity mentions have a place in this format; quotes and claims are
//! counted in the summary's notes. Where mentions overlap, the longest wins.
//! A mention that starts or ends inside a token tags that whole token and is
//! reported as misaligned.

use super::tokenize::{Token, sentences};
use super::{ExportError, Scope, Tally, Tick};
use crate::model::{AnnotationKind, Document};
use crate::text::Span;

/// The line that starts every document in CoNLL-2003.
pub const DOCSTART: &str = "-DOCSTART- -X- -X- O";

/// The IOB2 token tags of every document.
pub(crate) fn render(
    docs: &[&Document],
    scope: &Scope,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut out = String::new();
    let (mut skipped_kinds, mut overlapping, mut misaligned) = (0, 0, Vec::new());
    for (i, doc) in docs.iter().enumerate() {
        let stats = write_document(&mut out, doc, scope);
        tally.annotations += stats.written;
        skipped_kinds += stats.not_entities;
        overlapping += stats.overlapping;
        misaligned.extend(stats.misaligned);
        tick(i + 1)?;
    }
    if skipped_kinds > 0 {
        tally.notes.push(format!(
            "{skipped_kinds} quote(s) and claim(s) left out: CoNLL carries entity tags only"
        ));
    }
    if overlapping > 0 {
        tally.notes.push(format!(
            "{overlapping} mention(s) inside or across a longer one left out: IOB tags cannot nest"
        ));
    }
    if !misaligned.is_empty() {
        let examples: Vec<String> = misaligned
            .iter()
            .take(5)
            .map(|m| format!("{m:?}"))
            .collect();
        tally.notes.push(format!(
            "{} mention(s) do not start or end on a token boundary ({}); whole tokens were tagged",
            misaligned.len(),
            examples.join(", ")
        ));
    }
    Ok(out.into_bytes())
}

#[derive(Default)]
struct DocStats {
    written: usize,
    not_entities: usize,
    overlapping: usize,
    misaligned: Vec<String>,
}

fn write_document(out: &mut String, doc: &Document, scope: &Scope) -> DocStats {
    let text = doc.text();
    let mut stats = DocStats::default();
    // Longest first among those starting at the same place (the document
    // order), so a kept mention is never replaced by one nested in it.
    let mut mentions: Vec<(Span, &str)> = Vec::new();
    for a in scope.annotations(doc) {
        match &a.kind {
            AnnotationKind::Entity { label, .. } => {
                if mentions.iter().any(|(s, _)| s.overlaps(&a.span)) {
                    stats.overlapping += 1;
                } else {
                    mentions.push((a.span, label));
                }
            }
            _ => stats.not_entities += 1,
        }
    }
    out.push_str(DOCSTART);
    out.push_str("\n\n");
    let sentences = sentences(text);
    let tokens: Vec<Token> = sentences.iter().flatten().copied().collect();
    for (span, _) in &mentions {
        let starts = tokens.iter().any(|t| t.span.start == span.start);
        let ends = tokens.iter().any(|t| t.span.end == span.end);
        if !starts || !ends {
            stats.misaligned.push(span.slice(text).to_owned());
        }
    }
    stats.written = mentions.len();
    for sentence in &sentences {
        // IOB2 has no tag that continues a mention into a new sentence.
        let mut inside: Option<Span> = None;
        for t in sentence {
            let hit = mentions.iter().find(|(s, _)| s.overlaps(&t.span));
            let tag = match hit {
                Some((s, label)) => {
                    let continuing = inside == Some(*s);
                    inside = Some(*s);
                    format!("{}-{label}", if continuing { 'I' } else { 'B' })
                }
                None => {
                    inside = None;
                    "O".to_owned()
                }
            };
            out.push_str(t.span.slice(text));
            out.push_str(" -X- -X- ");
            out.push_str(&tag);
            out.push('\n');
        }
        out.push('\n');
    }
    stats
}
