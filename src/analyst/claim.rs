//! Marking a spending claim, its fields pre-filled from what the
//! selection says: the share of GDP, the year and the country.

use super::Operation;
use crate::edit::Command;
use crate::model::{
    Annotation, AnnotationKind, ClaimUnit, DocId, Document, Origin, Project, Status,
};
use crate::text::Span;

/// Marks `span` of `doc` as a spending claim, accepted, its fields
/// pre-filled by [`claim_fields`]. `None` when `doc` is not in the project.
pub fn mark_claim(project: &mut Project, doc: DocId, span: Span) -> Option<Operation> {
    let kind = claim_fields(project, project.document(doc)?, span);
    let id = project.fresh_annotation_id();
    let claim = Annotation {
        id,
        span,
        kind,
        origin: Origin::Manual,
        status: Status::Accepted,
    };
    Some(Operation {
        command: Command::AddAnnotations {
            doc,
            annotations: vec![claim],
        },
        summary: None,
        select: Some(id),
    })
}

/// The claim `span` of `doc` makes, as far as its words tell: the number
/// before the first `%` as a share of GDP (0 without one), the first year
/// (as [`crate::data::year::parse_year`] reads years), and the country (tagged, else named, in its sentence) with its ISO
/// code when known.
pub fn claim_fields(project: &Project, doc: &Document, span: Span) -> AnnotationKind {
    let text = doc.slice(span);
    let value = first_number_before(text, '%').unwrap_or(0.0);
    let year = text
        .split(|c: char| !c.is_ascii_digit())
        .find_map(crate::data::year::parse_year);
    let country = claim_country(project, doc, span).unwrap_or_default();
    let iso3 = project
        .find_entity(crate::model::GPE, &country)
        .and_then(|e| e.iso3.clone())
        .or_else(|| crate::data::countries::iso3_of(&country).map(str::to_owned));
    // A share of GDP: the unit the chart and the ledger check.
    AnnotationKind::Claim {
        unit: ClaimUnit::PctGdp,
        value,
        year,
        country,
        iso3,
        evidence: None,
    }
}

/// The country a claim is about: a country tagged in the selection (the
/// last before the figure), else the nearest one tagged in its sentence.
/// Never one from another sentence: a claim once took "Ukraine" from the
/// paragraph before.
fn claim_country(project: &Project, doc: &Document, span: Span) -> Option<String> {
    let sentence = sentence_around(doc.text(), span);
    let name = |a: &Annotation| {
        let canonical = match &a.kind {
            AnnotationKind::Entity { entity, .. } => project.entity_name(*entity),
            _ => None,
        };
        canonical.unwrap_or(a.span.slice(doc.text())).to_owned()
    };
    let countries: Vec<&Annotation> = doc
        .live_annotations()
        .filter(|a| a.kind.label() == Some(crate::model::GPE) && sentence.contains(&a.span))
        .collect();
    let figure = doc.text()[span.start..span.end]
        .find('%')
        .map_or(span.end, |i| span.start + i);
    let inside = countries.iter().filter(|a| span.contains(&a.span));
    inside
        .clone()
        .rfind(|a| a.span.end <= figure)
        .or_else(|| inside.clone().next())
        .or_else(|| {
            countries.iter().min_by_key(|a| {
                if a.span.end <= span.start {
                    span.start - a.span.end
                } else {
                    a.span.start.saturating_sub(span.end)
                }
            })
        })
        .map(|a| name(a))
        .or_else(|| named_country(doc.text(), span, sentence))
}

/// A country named in the text though not tagged: in the selection (the
/// last before the figure), else the nearest in the sentence. Names of one
/// to three capitalised words, matched by name or alias, never by a
/// three-letter code ("And" is not Andorra).
fn named_country(text: &str, span: Span, sentence: Span) -> Option<String> {
    use crate::data::countries;
    let words: Vec<(usize, usize)> = {
        let part = &text[sentence.start..sentence.end];
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in part.char_indices() {
            let in_word = c.is_alphabetic() || c == '.' || c == '-';
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((sentence.start + s, sentence.start + i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((sentence.start + s, sentence.end));
        }
        out
    };
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for i in 0..words.len() {
        for n in (1..=3).rev() {
            let Some(&(_, end)) = words.get(i + n - 1) else {
                continue;
            };
            let start = words[i].0;
            let candidate = text[start..end].trim_end_matches('.');
            if !candidate.starts_with(char::is_uppercase) {
                continue;
            }
            let key = countries::normalise(candidate);
            if let Some(c) = countries::resolve(candidate).filter(|c| {
                countries::normalise(c.name) == key
                    || c.aliases.iter().any(|a| countries::normalise(a) == key)
            }) {
                found.push((start, end, c.name));
                break;
            }
        }
    }
    let figure = text[span.start..span.end]
        .find('%')
        .map_or(span.end, |i| span.start + i);
    let inside = found
        .iter()
        .filter(|(s, e, _)| span.start <= *s && *e <= span.end);
    inside
        .clone()
        .rfind(|(_, e, _)| *e <= figure)
        .or_else(|| inside.clone().next())
        .or_else(|| {
            found.iter().min_by_key(|(s, e, _)| {
                if *e <= span.start {
                    span.start - e
                } else {
                    s.saturating_sub(span.end)
                }
            })
        })
        .map(|(_, _, name)| (*name).to_owned())
}

/// The sentence (or sentences) holding `span`: from after the full stop,
/// question or exclamation mark, or line break before it, to the one after.
fn sentence_around(text: &str, span: Span) -> Span {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let head = &text[..span.start];
    let mut start = 0;
    for (i, c) in head.char_indices().rev() {
        // A full stop ends a sentence only before a space: not in "U.S." or
        // "4.5".
        let after = head[i + c.len_utf8()..].chars().next();
        if c == '\n' || (is_end(c) && after.is_some_and(char::is_whitespace)) {
            start = i + c.len_utf8();
            break;
        }
    }
    let tail = &text[span.end..];
    let mut end = text.len();
    for (i, c) in tail.char_indices() {
        let after = tail[i + c.len_utf8()..].chars().next();
        if c == '\n' || (is_end(c) && after.is_none_or(char::is_whitespace)) {
            end = span.end + i;
            break;
        }
    }
    Span::new(start, end)
}

/// The number just before the first `mark` ("4" in "approximately 4%").
fn first_number_before(text: &str, mark: char) -> Option<f64> {
    let i = text.find(mark)?;
    let head = text[..i].trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(b, _)| b)?;
    head[start..].parse().ok()
}
