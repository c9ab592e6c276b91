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

use super::{ExportError, Tally, Tick, document_key, number_text};
use crate::model::{AnnotationKind, Document, Origin, Project, Status};
use crate::text::OffsetUnit;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

pub const HEADER: [&str; 24] = [
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
];

pub(crate) fn origin_name(o: Origin) -> &'static str {
    match o {
        Origin::Manual => "manual",
        Origin::Automatic => "automatic",
        Origin::Imported => "imported",
    }
}

pub(crate) fn status_name(s: Status) -> &'static str {
    match s {
        Status::Suggested => "suggested",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    }
}

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
pub fn rows(project: &Project, doc: &Document, scope: &super::Scope) -> Vec<[String; 24]> {
    let text = doc.text();
    let offs = doc.offsets();
    let at = |byte: usize, unit: OffsetUnit| offs.from_byte(text, byte, unit).to_string();
    let opt = |s: Option<&str>| s.unwrap_or_default().to_owned();
    let key = document_key(doc);
    let mut out = Vec::new();
    for a in scope.annotations(doc) {
        let mut r: [String; 24] = Default::default();
        r[0] = key.clone();
        r[1] = doc.title().to_owned();
        r[2] = a.kind.kind_name().to_owned();
        r[4] = a.span.slice(text).to_owned();
        r[5] = at(a.span.start, OffsetUnit::CodePoint);
        r[6] = at(a.span.end, OffsetUnit::CodePoint);
        r[7] = a.span.start.to_string();
        r[8] = a.span.end.to_string();
        r[9] = at(a.span.start, OffsetUnit::Utf16);
        r[10] = at(a.span.end, OffsetUnit::Utf16);
        match &a.kind {
            AnnotationKind::Entity { label, entity } => {
                r[3] = label.clone();
                r[11] = opt(project.entity_name(*entity));
                r[12] = opt(entity
                    .and_then(|e| project.entity(e))
                    .and_then(|e| e.iso3.as_deref()));
            }
            AnnotationKind::Quote {
                speaker,
                speaker_span,
                cue,
                source,
            } => {
                r[3] = "QUOTE".into();
                r[13] = opt(project.entity_name(*speaker));
                if let Some(s) = speaker_span {
                    r[14] = at(s.start, OffsetUnit::CodePoint);
                    r[15] = at(s.end, OffsetUnit::CodePoint);
                }
                r[16] = opt(cue.as_deref());
                r[17] = opt(source.as_deref());
            }
            AnnotationKind::Claim {
                country,
                iso3,
                year,
                value,
                unit,
                ..
            } => {
                r[3] = "CLAIM".into();
                r[12] = opt(iso3.as_deref());
                r[18] = country.clone();
                r[19] = year.map(|y| y.to_string()).unwrap_or_default();
                r[20] = number_text(*value);
                r[21] = unit.as_str().to_owned();
            }
        }
        r[22] = origin_name(a.origin).to_owned();
        r[23] = status_name(a.status).to_owned();
        out.push(r);
    }
    out
}
