//! The claims table: every spending claim with the official figure it can
//! be checked against, one CSV row a claim (UTF-8 with a byte-order mark and
//! RFC 4180 quoting, like [`super::csv`]).
//!
//! The official figures are percentages of GDP, so only `pct_gdp` claims
//! are compared; claims in currency are listed with the official columns
//! empty. `difference` is claimed minus official, in percentage points.

use super::{ExportError, OfficialLookup, Scope, Tally, Tick, document_key, number_text};
use crate::model::{AnnotationKind, ClaimUnit, Document};

pub const HEADER: [&str; 16] = [
    "document_id",
    "title",
    "date",
    "text",
    "start",
    "end",
    "country",
    "iso3",
    "year",
    "claimed_value",
    "unit",
    "official_value",
    "official_year",
    "difference",
    "source_edition",
    "status",
];

pub(crate) fn render(
    docs: &[&Document],
    scope: &Scope,
    official: OfficialLookup<'_>,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(super::csv::BOM.to_vec());
    let err = |e: ::csv::Error| ExportError::Render {
        format: "claims table",
        message: e.to_string(),
    };
    w.write_record(HEADER).map_err(err)?;
    let mut unmatched = 0;
    for (i, doc) in docs.iter().enumerate() {
        for row in rows(doc, scope, official) {
            if row[11].is_empty() {
                unmatched += 1;
            }
            w.write_record(&row).map_err(err)?;
            tally.annotations += 1;
        }
        tick(i + 1)?;
    }
    if unmatched > 0 {
        tally.notes.push(format!(
            "{unmatched} claim(s) without an official figure (not % of GDP, no ISO code, or no figure for that country)"
        ));
    }
    w.into_inner().map_err(|e| err(e.into_error().into()))
}

/// The rows of one document's claims, in [`HEADER`] order.
pub fn rows(doc: &Document, scope: &Scope, official: OfficialLookup<'_>) -> Vec<[String; 16]> {
    let mut out = Vec::new();
    for a in scope.annotations(doc) {
        let AnnotationKind::Claim {
            country,
            iso3,
            year,
            value,
            unit,
            ..
        } = &a.kind
        else {
            continue;
        };
        let figure = match (iso3, unit) {
            (Some(iso3), ClaimUnit::PctGdp) => official(iso3, *year),
            _ => None,
        };
        let (start, end) = doc.char_span(a.span);
        let mut r: [String; 16] = Default::default();
        r[0] = document_key(doc);
        r[1] = doc.title().to_owned();
        r[2] = doc.meta.date.clone().unwrap_or_default();
        r[3] = doc.slice(a.span).to_owned();
        r[4] = start.to_string();
        r[5] = end.to_string();
        r[6] = country.clone();
        r[7] = iso3.clone().unwrap_or_default();
        r[8] = year.map(|y| y.to_string()).unwrap_or_default();
        r[9] = number_text(*value);
        r[10] = unit.as_str().to_owned();
        if let Some(f) = figure {
            r[11] = number_text(f.value);
            r[12] = f.year.to_string();
            // Rounded to the precision of the published figures, so that
            // 2.1 - 2.0 reads 0.1 and not 0.10000000000000009.
            r[13] = number_text(((value - f.value) * 1e4).round() / 1e4);
            r[14] = f.label;
        }
        r[15] = super::csv::status_name(a.status).to_owned();
        out.push(r);
    }
    out
}
