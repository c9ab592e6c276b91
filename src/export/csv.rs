//! One row an annotation, for spreadsheets and pandas.
//!
//! Offsets are given three times because the readers of a CSV count
//! differently: code points (Python `str`, the unit of every other Dossier
//! export), UTF-8 bytes (Rust, Go, `bytes` slices) and UTF-16 code units
//! (JavaScript, Excel formulas, Java). All are end-exclusive.
//!
//! The file is UTF-8 with RFC 4180 quoting and CRLF line ends, and starts
//! with a byte-order mark: Excel only reads a CSV as UTF-8 when it has one
//! (without it “curly quotes”, em dashes and diacritics come out as
//! mojibake), while pandas' `read_csv` and LibreOffice skip it. Python's own
//! `csv` module should open it with `encoding="utf-8-sig"`.
//!
//! The last column, `annotator`, is the analyst who last handled the
//! annotation (empty when unknown).

use super::{ExportError, Fields, Tally, Tick, document_key};
use crate::model::{Annotation, Document, Project, Status};
use crate::text::OffsetUnit;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// How many columns a row has.
pub const COLUMNS: usize = 25;

/// The column names, in order. `annotator` is the analyst who last handled
/// the annotation (empty when unknown).
pub const HEADER: [&str; COLUMNS] = [
    "document_id",
    "title",
    "kind",
    "label",
    "text",
    "start",
    "end",
    "start_utf8",
    "end_utf8",
    "start_utf16",
    "end_utf16",
    "entity",
    "iso3",
    "speaker",
    "speaker_start",
    "speaker_end",
    "cue",
    "source",
    "country",
    "year",
    "value",
    "unit",
    "origin",
    "status",
    "annotator",
];

/// A status's name in the table; the claims ledger's table uses it too.
pub(crate) fn status_name(s: Status) -> &'static str {
    s.as_str()
}

/// The whole table, byte-order mark and header included.
pub(crate) fn render(
    project: &Project,
    docs: &[&Document],
    scope: &super::Scope,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(HEADER).map_err(csv_error)?;
    for (i, doc) in docs.iter().enumerate() {
        for row in rows(project, doc, scope) {
            w.write_record(&row).map_err(csv_error)?;
            tally.annotations += 1;
        }
        tick(i + 1)?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error().into()))
}

fn csv_error(e: ::csv::Error) -> ExportError {
    ExportError::Render {
        format: "CSV",
        message: e.to_string(),
    }
}

/// The rows of one document, as strings in [`HEADER`] order.
pub fn rows(project: &Project, doc: &Document, scope: &super::Scope) -> Vec<[String; COLUMNS]> {
    let key = document_key(doc);
    scope
        .annotations(doc)
        .map(|a| row(doc, a, &Fields::of(project, doc, a), &key))
        .collect()
}

/// One annotation's row.
fn row(doc: &Document, a: &Annotation, f: &Fields<'_>, key: &str) -> [String; COLUMNS] {
    let text = doc.text();
    let offs = doc.offsets();
    let at = |byte: usize, unit: OffsetUnit| offs.from_byte(text, byte, unit).to_string();
    let opt = |s: Option<&str>| s.unwrap_or_default().to_owned();
    let speaker_at = |end: bool| {
        f.speaker_span
            .map(|s| at(if end { s.end } else { s.start }, OffsetUnit::CodePoint))
            .unwrap_or_default()
    };
    [
        key.to_owned(),
        doc.title().to_owned(),
        a.kind.kind_name().to_owned(),
        f.tag(a, "QUOTE", "CLAIM").to_owned(),
        a.span.slice(text).to_owned(),
        at(a.span.start, OffsetUnit::CodePoint),
        at(a.span.end, OffsetUnit::CodePoint),
        a.span.start.to_string(),
        a.span.end.to_string(),
        at(a.span.start, OffsetUnit::Utf16),
        at(a.span.end, OffsetUnit::Utf16),
        opt(f.entity),
        opt(f.iso3),
        opt(f.speaker),
        speaker_at(false),
        speaker_at(true),
        opt(f.cue),
        opt(f.source),
        opt(f.country),
        f.year.map(|y| y.to_string()).unwrap_or_default(),
        f.value_text().unwrap_or_default(),
        opt(f.unit_text()),
        a.origin.as_str().to_owned(),
        a.status.as_str().to_owned(),
        opt(f.annotator),
    ]
}
