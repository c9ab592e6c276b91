//! brat standoff: a folder with `NAME.txt` and `NAME.ann` for every
//! document, plus `annotation.conf` and `visual.conf` so that brat opens the
//! folder as a collection (<https://brat.nlplab.org/standoff.html>,
//! <https://brat.nlplab.org/configuration.html>).
//!
//! Offsets are code points, end exclusive, as brat counts them. A text-bound
//! annotation may not cross a line break in brat, so a span over several
//! lines (a quote over paragraphs) is written with brat's discontinuous
//! syntax, one `start end` fragment a line joined by `;`, and the fragments'
//! texts joined by a space (brat's `DISCONT_SEP` in `server/src/annotation.py`).
//!
//! What the `.ann` files hold:
//! - `T` entity mentions, typed by label; quotes (`Quote`), claims
//!   (`Claim`);
//! - `R` `Speaker Arg1:T(quote) Arg2:T(mention)`: the mention of the
//!   speaker. When that mention is not itself exported, a `SpeakerMention`
//!   text-bound annotation stands in for it;
//! - `A` attributes: `Suggested` (a binary flag on suggestions), `ISO3`,
//!   and for claims `Year`, `Value`, `Unit`; their values are declared in
//!   `annotation.conf`;
//! - `#` `AnnotatorNotes` with `key=value` pairs separated by `; ` (a `;` or
//!   `\` inside a value is escaped with `\`): the canonical entity
//!   (`entity=`), a quote's `speaker=`, `cue=` and `source=`, a claim's
//!   `country=`, and the analyst who last handled it (`annotator=`). brat
//!   shows them as the annotation's note.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{ExportError, Fields, Scope, Tally, Tick};
use crate::model::{Annotation, Document, Project, Status};
use crate::text::Span;

/// The type of the stand-in mention of a speaker.
pub const SPEAKER_MENTION: &str = "SpeakerMention";
/// The type of a quote.
pub const QUOTE: &str = "Quote";
/// The type of a spending claim.
pub const CLAIM: &str = "Claim";
/// The relation from a quote to its speaker's mention.
pub const SPEAKER_RELATION: &str = "Speaker";
/// The note key of the analyst who last handled an annotation. brat's own
/// attribution is per document (its user log), not per annotation, so the
/// name goes into the annotation's note beside the canonical names.
pub const ANNOTATOR: &str = "annotator";

/// Sets of attribute values seen, for `annotation.conf`.
#[derive(Default)]
struct Seen {
    labels: BTreeSet<String>,
    iso3: BTreeSet<String>,
    years: BTreeSet<String>,
    values: BTreeSet<String>,
    speaker_mentions: bool,
}

/// The files of the collection: a `.txt` and an `.ann` a document, then the two configuration files.
pub(crate) fn render(
    project: &Project,
    docs: &[&Document],
    scope: &Scope,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    let mut files = Vec::new();
    let mut seen = Seen::default();
    for l in project.labels.iter() {
        seen.labels.insert(type_name(&l.name));
    }
    let mut names = BTreeSet::new();
    for (i, doc) in docs.iter().enumerate() {
        let name = unique_name(doc, &mut names);
        let ann = ann_file(project, doc, scope, &mut seen, tally);
        files.push((format!("{name}.txt"), doc.text().as_bytes().to_vec()));
        files.push((format!("{name}.ann"), ann.into_bytes()));
        tick(i + 1)?;
    }
    files.push((
        "annotation.conf".into(),
        annotation_conf(&seen).into_bytes(),
    ));
    files.push((
        "visual.conf".into(),
        visual_conf(project, &seen).into_bytes(),
    ));
    Ok(files)
}

/// A file name for a document: its source file's stem, else its key,
/// reduced to characters that are safe in every file system and URL (brat
/// serves documents by name), and made unique.
fn unique_name(doc: &Document, taken: &mut BTreeSet<String>) -> String {
    let base = doc
        .meta
        .source_path
        .as_deref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| super::document_key(doc));
    let mut clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    clean = clean.trim_matches(['.', '_']).to_owned();
    if clean.is_empty() || clean == "annotation" || clean == "visual" {
        clean = format!("doc-{}", doc.id.0);
    }
    let mut name = clean.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{clean}-{n}");
        n += 1;
    }
    name
}

/// A label as a brat type, in brat's storage form: every character outside
/// `[A-Za-z0-9_-]` becomes `_` (brat's `normalize_to_storage_form` in
/// `server/src/projectconfig.py` does the same to the configuration, so the
/// `.ann` files must already use that form).
pub fn type_name(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// An attribute value as brat takes it: one token.
fn attr_value(v: &str) -> String {
    v.split_whitespace().collect::<Vec<_>>().join("_")
}

/// The code-point fragments of a span, split at line breaks, and their texts
/// joined by a space (brat's text field for a discontinuous annotation).
pub fn fragments(doc: &Document, span: Span) -> (Vec<(usize, usize)>, String) {
    let text = doc.text();
    let mut frags = Vec::new();
    let mut texts = Vec::new();
    let mut start = span.start;
    let slice = span.slice(text);
    let mut push = |s: usize, e: usize| {
        if e > s {
            frags.push(doc.char_span(Span::new(s, e)));
            texts.push(&text[s..e]);
        }
    };
    for (i, c) in slice.char_indices() {
        if c == '\n' || c == '\r' {
            push(start, span.start + i);
            start = span.start + i + c.len_utf8();
        }
    }
    push(start, span.end);
    (frags, texts.join(" "))
}

/// Escapes a note value: `\` and `;` get a backslash; line breaks, which
/// would end the line, become spaces.
pub fn escape_note(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Parses `key=value; key=value` notes (see [`escape_note`]).
pub fn parse_notes(notes: &str) -> BTreeMap<String, String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = notes.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cur.extend(chars.next()),
            ';' => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    parts
        .into_iter()
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

fn notes_text(pairs: &[(&str, Option<&str>)]) -> Option<String> {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", escape_note(v)))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// One `.ann` file being written: the lines so far, the last id of each
/// kind of line, and the T id of each exported entity mention by span, for
/// the speaker relations.
struct AnnWriter<'d> {
    doc: &'d Document,
    out: String,
    t: usize,
    a: usize,
    r: usize,
    n: usize,
    mention_ids: BTreeMap<(usize, usize), usize>,
    /// Each quote's T id and its speaker's mention, for the relations
    /// written last.
    quotes: Vec<(usize, Span)>,
}

impl<'d> AnnWriter<'d> {
    fn new(doc: &'d Document) -> Self {
        Self {
            doc,
            out: String::new(),
            t: 0,
            a: 0,
            r: 0,
            n: 0,
            mention_ids: BTreeMap::new(),
            quotes: Vec::new(),
        }
    }

    /// A `T` line; `None` when the span holds only line breaks.
    fn text_bound(&mut self, ty: &str, span: Span) -> Option<usize> {
        let (frags, text) = fragments(self.doc, span);
        if frags.is_empty() {
            return None;
        }
        self.t += 1;
        let offsets: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let _ = writeln!(self.out, "T{}\t{ty} {}\t{text}", self.t, offsets.join(";"));
        Some(self.t)
    }

    /// An `A` line: a binary flag without a value.
    fn attr(&mut self, name: &str, t: usize, value: Option<&str>) {
        self.a += 1;
        match value {
            Some(v) => writeln!(self.out, "A{}\t{name} T{t} {v}", self.a),
            None => writeln!(self.out, "A{}\t{name} T{t}", self.a),
        }
        .unwrap_or_default();
    }

    /// An attribute whose values `annotation.conf` must list.
    fn listed_attr(&mut self, name: &str, t: usize, value: &str, values: &mut BTreeSet<String>) {
        let v = attr_value(value);
        values.insert(v.clone());
        self.attr(name, t, Some(&v));
    }

    fn note(&mut self, t: usize, pairs: &[(&str, Option<&str>)]) {
        if let Some(text) = notes_text(pairs) {
            self.n += 1;
            let _ = writeln!(self.out, "#{}\tAnnotatorNotes T{t}\t{text}", self.n);
        }
    }

    /// The lines of one annotation; `false` when it could not be written.
    fn annotation(&mut self, a: &Annotation, f: &Fields<'_>, seen: &mut Seen) -> bool {
        let ty = type_name(f.tag(a, QUOTE, CLAIM));
        let Some(t) = self.text_bound(&ty, a.span) else {
            return false;
        };
        if a.status == Status::Suggested {
            self.attr("Suggested", t, None);
        }
        if let Some(iso3) = f.iso3 {
            self.listed_attr("ISO3", t, iso3, &mut seen.iso3);
        }
        if let Some(y) = f.year {
            self.listed_attr("Year", t, &y.to_string(), &mut seen.years);
        }
        if let Some(v) = f.value_text() {
            self.listed_attr("Value", t, &v, &mut seen.values);
        }
        if let Some(unit) = f.unit_text() {
            self.attr("Unit", t, Some(unit));
        }
        if a.is_entity() {
            seen.labels.insert(ty);
            self.mention_ids
                .entry((a.span.start, a.span.end))
                .or_insert(t);
        }
        if let Some(s) = f.speaker_span {
            self.quotes.push((t, s));
        }
        self.note(
            t,
            &[
                ("entity", f.entity),
                ("speaker", f.speaker),
                ("cue", f.cue),
                ("source", f.source),
                ("country", f.country),
                (ANNOTATOR, f.annotator),
            ],
        );
        true
    }

    /// The speaker relations, once every mention has its id.
    fn relations(&mut self, seen: &mut Seen) {
        for (q, s) in std::mem::take(&mut self.quotes) {
            let m = match self.mention_ids.get(&(s.start, s.end)) {
                Some(m) => *m,
                None => {
                    seen.speaker_mentions = true;
                    let Some(m) = self.text_bound(SPEAKER_MENTION, s) else {
                        continue;
                    };
                    self.mention_ids.insert((s.start, s.end), m);
                    m
                }
            };
            self.r += 1;
            let _ = writeln!(
                self.out,
                "R{}\t{SPEAKER_RELATION} Arg1:T{q} Arg2:T{m}",
                self.r
            );
        }
    }
}

fn ann_file(
    project: &Project,
    doc: &Document,
    scope: &Scope,
    seen: &mut Seen,
    tally: &mut Tally,
) -> String {
    let mut w = AnnWriter::new(doc);
    for a in scope.annotations(doc) {
        if w.annotation(a, &Fields::of(project, doc, a), seen) {
            tally.annotations += 1;
        } else {
            tally.notes.push(format!(
                "{}: a {} of line breaks only was left out",
                doc.title(),
                a.kind.kind_name()
            ));
        }
    }
    w.relations(seen);
    w.out
}

fn annotation_conf(seen: &Seen) -> String {
    let mut c = String::from(
        "# Written by Dossier. See https://brat.nlplab.org/configuration.html\n[entities]\n",
    );
    for l in &seen.labels {
        let _ = writeln!(c, "{l}");
    }
    let _ = writeln!(c, "{QUOTE}\n{CLAIM}");
    if seen.speaker_mentions {
        let _ = writeln!(c, "{SPEAKER_MENTION}");
    }
    c.push_str("\n[relations]\n");
    let _ = writeln!(c, "{SPEAKER_RELATION}\tArg1:{QUOTE}, Arg2:<ENTITY>");
    // Quotes contain mentions and claims contain amounts: allow any overlap.
    c.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    c.push_str("\n[events]\n\n[attributes]\n");
    c.push_str("Suggested\tArg:<ENTITY>\n");
    let values = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join("|");
    if !seen.iso3.is_empty() {
        let _ = writeln!(c, "ISO3\tArg:<ENTITY>, Value:{}", values(&seen.iso3));
    }
    if !seen.years.is_empty() {
        let _ = writeln!(c, "Year\tArg:{CLAIM}, Value:{}", values(&seen.years));
    }
    if !seen.values.is_empty() {
        let _ = writeln!(c, "Value\tArg:{CLAIM}, Value:{}", values(&seen.values));
    }
    let units: Vec<&str> = crate::model::ClaimUnit::ALL
        .iter()
        .map(|u| u.as_str())
        .collect();
    let _ = writeln!(c, "Unit\tArg:{CLAIM}, Value:{}", units.join("|"));
    c
}

fn visual_conf(project: &Project, seen: &Seen) -> String {
    let mut c = String::from(
        "# Written by Dossier. See https://brat.nlplab.org/configuration.html\n[labels]\n",
    );
    for l in &seen.labels {
        let _ = writeln!(c, "{l} | {l}");
    }
    let _ = writeln!(c, "{QUOTE} | Quote | Q\n{CLAIM} | Claim | C");
    if seen.speaker_mentions {
        let _ = writeln!(c, "{SPEAKER_MENTION} | Speaker mention | Spk");
    }
    let _ = writeln!(c, "{SPEAKER_RELATION} | Speaker");
    c.push_str("\n[drawing]\n");
    for l in &seen.labels {
        let crate::model::Rgb(r, g, b) = project.labels.color(l);
        let _ = writeln!(c, "{l}\tbgColor:#{r:02x}{g:02x}{b:02x}");
    }
    let _ = writeln!(c, "{QUOTE}\tbgColor:#f0e442\n{CLAIM}\tbgColor:#e69f00");
    let _ = writeln!(c, "{SPEAKER_RELATION}\tcolor:#0072b2, arrowHead:triangle-5");
    let _ = writeln!(c, "Suggested\tglyph:?, dashArray:3-3");
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_escape_and_parse_back() {
        let text = notes_text(&[
            ("speaker", Some("Zoë; O\\Brien")),
            ("cue", None),
            ("source", Some("a\nb")),
        ]);
        let text = text.unwrap();
        assert_eq!(text, "speaker=Zoë\\; O\\\\Brien; source=a b");
        let back = parse_notes(&text);
        assert_eq!(back["speaker"], "Zoë; O\\Brien");
        assert_eq!(back["source"], "a b");
        assert!(
            parse_notes("Barack Obama").is_empty(),
            "free text is not key=value"
        );
    }

    #[test]
    fn types_use_brat_storage_form() {
        assert_eq!(type_name("PERSON"), "PERSON");
        assert_eq!(type_name("WEAPON SYSTEM"), "WEAPON_SYSTEM");
        assert_eq!(type_name("FÜHRUNG"), "F_HRUNG");
    }
}
