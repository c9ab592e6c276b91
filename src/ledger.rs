//! The claims ledger: every spending claim in the corpus in one table, each
//! set against NATO's figure at the time the article was published and the
//! figure now (see [`crate::data::claim`]).
//!
//! The window's ledger, `dossier claims` and the claims table export
//! ([`crate::export::claims`]) all build their rows here, so the three show
//! the same columns and the same figures.

use std::cmp::Ordering;

use crate::data::claim::{ClaimCheck, ClaimQuery, claim_check_against};
use crate::data::nato::NatoData;
use crate::data::{Edition, format_number};
use crate::model::{Annotation, AnnotationId, AnnotationKind, DocId, Document, Project, Status};

/// Which claims the ledger lists and which edition is "now".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerOptions {
    /// Also the engine's suggestions, not only accepted claims.
    pub include_suggested: bool,
    /// The edition that stands for "NATO now" (an id, name, year or file
    /// name); the latest when `None`.
    pub now_edition: Option<String>,
}

/// One claim of the corpus and its check.
#[derive(Clone, Debug, PartialEq)]
pub struct LedgerRow {
    /// The document.
    pub doc: DocId,
    /// The claim annotation.
    pub annotation: AnnotationId,
    /// The document's key in exports (its source file's id, else its
    /// project id).
    pub document_key: String,
    /// The article's title.
    pub title: String,
    /// The article's date as the document gives it.
    pub date: String,
    /// The outlet that published it.
    pub outlet: String,
    /// Who said it, when the claim sits inside an attributed quote.
    pub speaker: Option<String>,
    /// The claim's text.
    pub text: String,
    /// Code-point offsets of the claim in the article.
    pub start: usize,
    /// The code point after the claim.
    pub end: usize,
    /// The country as the claim names it.
    pub country: String,
    /// Its ISO3 code, when known.
    pub iso3: Option<String>,
    /// Suggested, accepted or rejected.
    pub status: Status,
    /// `None` when the ledger was built without figures (the claims export
    /// with no official source).
    pub check: Option<ClaimCheck>,
    /// The claim's own fields, kept for the export when there is no check.
    pub claimed_year: Option<i32>,
    /// The claimed value.
    pub value: f64,
    /// The claimed value's unit.
    pub unit: crate::model::ClaimUnit,
}

/// Checks one claim; the ledger's source of figures.
pub type Checker<'a> = &'a dyn Fn(&ClaimQuery<'_>) -> Option<ClaimCheck>;

/// A checker against `nato`, with `now` as the latest figure.
pub fn checker<'a>(
    nato: &'a NatoData,
    now: &'a Edition,
) -> impl Fn(&ClaimQuery<'_>) -> Option<ClaimCheck> + 'a {
    move |q: &ClaimQuery<'_>| Some(claim_check_against(nato, now, q))
}

/// Why the ledger cannot be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("no edition named {name:?} (known: {known})")]
    /// The edition asked for is not among those known.
    UnknownEdition {
        /// The name asked for.
        name: String,
        /// The editions known, for the message.
        known: String,
    },
}

/// The edition `options` name as "now", or the latest.
pub fn now_edition<'a>(
    nato: &'a NatoData,
    options: &LedgerOptions,
) -> Result<&'a Edition, LedgerError> {
    match &options.now_edition {
        None => Ok(nato.latest()),
        Some(name) => nato
            .edition(name)
            .ok_or_else(|| LedgerError::UnknownEdition {
                name: name.clone(),
                known: nato.known_editions(),
            }),
    }
}

/// Every spending claim in the project, document by document in project
/// order, each checked against `nato`.
pub fn build(
    project: &Project,
    nato: &NatoData,
    options: &LedgerOptions,
) -> Result<Vec<LedgerRow>, LedgerError> {
    let now = now_edition(nato, options)?;
    let check = checker(nato, now);
    let include = |a: &Annotation| match a.status {
        Status::Accepted => true,
        Status::Suggested => options.include_suggested,
        Status::Rejected => false,
    };
    Ok(project
        .documents
        .iter()
        .flat_map(|d| document_rows(project, d, &include, &check))
        .collect())
}

/// The rows of one document's claims that `include` keeps.
pub fn document_rows(
    project: &Project,
    doc: &Document,
    include: &dyn Fn(&Annotation) -> bool,
    check: Checker<'_>,
) -> Vec<LedgerRow> {
    let quotes: Vec<&Annotation> = doc.live_annotations().filter(|a| a.is_quote()).collect();
    doc.annotations()
        .iter()
        .filter(|a| include(a))
        .filter_map(|a| {
            let AnnotationKind::Claim {
                country,
                iso3,
                year,
                value,
                unit,
                ..
            } = &a.kind
            else {
                return None;
            };
            // The innermost quote that holds the whole claim.
            let speaker = quotes
                .iter()
                .filter(|q| q.span.start <= a.span.start && a.span.end <= q.span.end)
                .min_by_key(|q| q.span.len())
                .and_then(|q| match &q.kind {
                    AnnotationKind::Quote {
                        speaker, source, ..
                    } => project
                        .entity_name(*speaker)
                        .map(str::to_string)
                        .or_else(|| source.clone()),
                    _ => None,
                });
            let query = ClaimQuery {
                country: iso3.as_deref().unwrap_or(country),
                year: *year,
                value: *value,
                unit: *unit,
                published: doc.meta.date.as_deref(),
            };
            let (start, end) = doc.char_span(a.span);
            Some(LedgerRow {
                doc: doc.id,
                annotation: a.id,
                document_key: crate::export::document_key(doc),
                title: doc.title().to_owned(),
                date: doc.meta.date.clone().unwrap_or_default(),
                outlet: doc.meta.outlet.clone().unwrap_or_default(),
                speaker,
                text: doc.slice(a.span).to_owned(),
                start,
                end,
                country: country.clone(),
                iso3: iso3.clone(),
                status: a.status,
                check: check(&query),
                claimed_year: *year,
                value: *value,
                unit: *unit,
            })
        })
        .collect()
}

/// The ledger's columns, in the order of [`HEADER`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// The document's key.
    DocumentId,
    /// The article's title.
    Title,
    /// The article's date.
    Date,
    /// The outlet.
    Outlet,
    /// Who said it, inside a quote.
    Speaker,
    /// The claim's text.
    Text,
    /// The claim's first code point.
    Start,
    /// The code point after the claim.
    End,
    /// The country as the claim names it.
    Country,
    /// The country's ISO3 code.
    Iso3,
    /// The year the claim is about.
    Year,
    /// Where the year came from (the claim, or the article's date).
    YearBasis,
    /// The claimed value.
    ClaimedValue,
    /// The claimed value's unit.
    Unit,
    /// The official figure at the article's date.
    AtTimeValue,
    /// The edition current at the article's date.
    AtTimeEdition,
    /// Claimed minus the figure at the time.
    AtTimeDifference,
    /// The official figure now.
    NowValue,
    /// The edition checked against now.
    NowEdition,
    /// Claimed minus the figure now.
    NowDifference,
    /// The official figures' unit.
    OfficialUnit,
    /// The check's sentence.
    Check,
    /// Caveats (estimates, revisions, definitions).
    Notes,
    /// The annotation's status.
    Status,
}

impl Column {
    /// Every column, in the order of [`HEADER`].
    pub const ALL: [Column; 24] = [
        Column::DocumentId,
        Column::Title,
        Column::Date,
        Column::Outlet,
        Column::Speaker,
        Column::Text,
        Column::Start,
        Column::End,
        Column::Country,
        Column::Iso3,
        Column::Year,
        Column::YearBasis,
        Column::ClaimedValue,
        Column::Unit,
        Column::AtTimeValue,
        Column::AtTimeEdition,
        Column::AtTimeDifference,
        Column::NowValue,
        Column::NowEdition,
        Column::NowDifference,
        Column::OfficialUnit,
        Column::Check,
        Column::Notes,
        Column::Status,
    ];

    /// The CSV header name.
    pub fn name(self) -> &'static str {
        HEADER[self as usize]
    }

    /// Whether the column holds numbers (sorted as numbers).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Column::Start
                | Column::End
                | Column::Year
                | Column::ClaimedValue
                | Column::AtTimeValue
                | Column::AtTimeDifference
                | Column::NowValue
                | Column::NowDifference
        )
    }
}

/// The columns of the ledger and of the claims table export.
pub const HEADER: [&str; 24] = [
    "document_id",
    "title",
    "date",
    "outlet",
    "speaker",
    "text",
    "start",
    "end",
    "country",
    "iso3",
    "year",
    "year_basis",
    "claimed_value",
    "unit",
    "at_time_value",
    "at_time_edition",
    "at_time_difference",
    "now_value",
    "now_edition",
    "now_difference",
    "official_unit",
    "check",
    "notes",
    "status",
];

impl LedgerRow {
    /// One cell as written in the CSV and shown in the window.
    pub fn cell(&self, column: Column) -> String {
        let check = self.check.as_ref();
        let at = check.and_then(|c| c.at_time.as_ref());
        let now = check.and_then(|c| c.now.as_ref());
        match column {
            Column::DocumentId => self.document_key.clone(),
            Column::Title => self.title.clone(),
            Column::Date => self.date.clone(),
            Column::Outlet => self.outlet.clone(),
            Column::Speaker => self.speaker.clone().unwrap_or_default(),
            Column::Text => self.text.clone(),
            Column::Start => self.start.to_string(),
            Column::End => self.end.to_string(),
            Column::Country => self.country.clone(),
            Column::Iso3 => self.iso3.clone().unwrap_or_default(),
            Column::Year => check
                .and_then(|c| c.year)
                .or(self.claimed_year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            Column::YearBasis => check
                .map(|c| c.year_basis.as_str().to_string())
                .unwrap_or_else(|| {
                    if self.claimed_year.is_some() {
                        "stated".into()
                    } else {
                        String::new()
                    }
                }),
            Column::ClaimedValue => number_text(self.value),
            Column::Unit => self.unit.as_str().to_owned(),
            Column::AtTimeValue => at.map(|f| f.text.clone()).unwrap_or_default(),
            Column::AtTimeEdition => at.map(|f| f.tag.clone()).unwrap_or_default(),
            Column::AtTimeDifference => at.map(|f| number_text(f.difference)).unwrap_or_default(),
            Column::NowValue => now.map(|f| f.text.clone()).unwrap_or_default(),
            Column::NowEdition => now.map(|f| f.tag.clone()).unwrap_or_default(),
            Column::NowDifference => now.map(|f| number_text(f.difference)).unwrap_or_default(),
            Column::OfficialUnit => now
                .or(at)
                .map(|f| f.measure.unit().to_string())
                .unwrap_or_default(),
            Column::Check => check.map(|c| c.sentence.clone()).unwrap_or_default(),
            Column::Notes => check.map(|c| c.notes.join("; ")).unwrap_or_default(),
            Column::Status => crate::export::csv::status_name(self.status).to_owned(),
        }
    }

    /// Every cell, in [`HEADER`] order.
    pub fn cells(&self) -> Vec<String> {
        Column::ALL.iter().map(|c| self.cell(*c)).collect()
    }
}

/// Orders two rows by a column: numbers as numbers (empty cells last),
/// text case-insensitively.
pub fn compare(a: &LedgerRow, b: &LedgerRow, column: Column) -> Ordering {
    let (x, y) = (a.cell(column), b.cell(column));
    if column.numeric() {
        match (x.parse::<f64>().ok(), y.parse::<f64>().ok()) {
            (Some(p), Some(q)) => p.total_cmp(&q),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    } else {
        x.to_lowercase().cmp(&y.to_lowercase())
    }
}

/// Whether a row's cell in `column` contains `needle` (case-insensitive).
pub fn matches(row: &LedgerRow, column: Column, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty() || row.cell(column).to_lowercase().contains(&needle)
}

/// The ledger as CSV: UTF-8 with a byte-order mark, CRLF, [`HEADER`] first.
pub fn to_csv(rows: &[LedgerRow]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(crate::export::csv::BOM.to_vec());
    w.write_record(HEADER)?;
    for row in rows {
        w.write_record(row.cells())?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Rust's shortest round-trip form of a number, without a useless `.0`
/// and without float noise past four decimals.
fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format_number(v, 0, 4)
    }
}
