//! The claims table: every spending claim with NATO's figure at the time the
//! article was published and now, one CSV row a claim (UTF-8 with a
//! byte-order mark and RFC 4180 quoting, like [`super::csv`]). The rows and
//! columns are the claims ledger's ([`crate::ledger`]).
//!
//! Shares of GDP are compared with Table 3, US dollar amounts with Table 2
//! at current prices; other currencies are listed with the figures empty
//! and a note saying why. Differences are claimed minus official, in
//! percentage points or million US dollars.

use super::{ExportError, OfficialLookup, Scope, Tally, Tick};
use crate::ledger;
use crate::model::{Document, Project};

pub use crate::ledger::HEADER;

/// The claims table of every document, official figures from `official`.
pub(crate) fn render(
    project: &Project,
    docs: &[&Document],
    scope: &Scope,
    official: OfficialLookup<'_>,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut rows = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        rows.extend(ledger::document_rows(
            project,
            doc,
            &|a| scope.includes(a),
            official,
        ));
        tick(i + 1)?;
    }
    tally.annotations += rows.len();
    let unmatched = rows
        .iter()
        .filter(|r| !r.check.as_ref().is_some_and(|c| c.compared()))
        .count();
    if unmatched > 0 {
        tally.notes.push(format!(
            "{unmatched} claim(s) without an official figure (see the notes column: no year, a currency other than US dollars, or no figure for that country and year)"
        ));
    }
    ledger::to_csv(&rows).map_err(|e| ExportError::Render {
        format: "claims table",
        message: e.to_string(),
    })
}
