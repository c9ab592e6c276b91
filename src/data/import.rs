//! Spending figures from the analyst's CSV files.
//!
//! Four layouts are recognised from the file itself:
//!
//! - **long**: a header with a country (or ISO3) column, a `year` column and
//!   a value column, one figure a row;
//! - **wide**: a header with a country column and one column a year;
//! - **World Bank**: the indicator download (`API_MS.MIL.XPND.GD.ZS_...csv`):
//!   four metadata rows, then `"Country Name","Country Code","Indicator
//!   Name","Indicator Code","1960",...`; aggregates (regions, income groups)
//!   have codes that are not countries and are skipped;
//! - **SIPRI**: a sheet of the SIPRI Military Expenditure Database saved as
//!   CSV: title rows, a header with `Country` and year columns, region
//!   headings without values, `..` or `xxx` for missing figures, and notes at
//!   the bottom.
//!
//! A row that cannot be read becomes a [`RowIssue`] with its line number and
//! the good rows still load. Shares given as fractions (SIPRI's 0.0383 for
//! 3.83 %) are turned into percentages and the import says so.

use std::collections::HashMap;
use std::path::Path;

use super::{Dataset, Measure, Observation, Source, SourceId, SourceKind, countries};

/// A file's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One figure a row: country, year, value.
    Long,
    /// One column a year.
    Wide,
    /// The World Bank's indicator download.
    WorldBank,
    /// A sheet of the SIPRI Military Expenditure Database.
    Sipri,
}

impl Layout {
    /// How citations and messages name the layout.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Long => "long (country, year, value)",
            Layout::Wide => "wide (one column a year)",
            Layout::WorldBank => "World Bank indicator",
            Layout::Sipri => "SIPRI sheet",
        }
    }
}

/// How to read values that may be fractions rather than percentages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scale {
    /// Percent measures whose values all look like fractions are multiplied
    /// by 100.
    #[default]
    Auto,
    /// Values are used as written.
    AsWritten,
    /// Values are fractions: multiply by 100.
    Fraction,
}

/// What the file holds and how to cite it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    /// What the figures measure.
    pub measure: Measure,
    /// Whether values are percentages or fractions.
    pub scale: Scale,
    /// The name in legends; the file name if empty.
    pub source_name: String,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            measure: Measure::PctGdp,
            scale: Scale::Auto,
            source_name: String::new(),
        }
    }
}

/// A row, or a cell of a row, that was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// 1-based line in the file.
    pub line: u64,
    /// What is wrong with it.
    pub message: String,
}

impl std::fmt::Display for RowIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The result of an import: the figures that loaded and what did not.
#[derive(Clone, Debug)]
pub struct Imported {
    /// One source, the file.
    pub dataset: Dataset,
    /// The file's source in `dataset`.
    pub source: SourceId,
    /// The layout recognised.
    pub layout: Layout,
    /// The rows and cells that were not loaded, by line.
    pub issues: Vec<RowIssue>,
    /// What the import decided on its own (skipped aggregates, scaling).
    pub notes: Vec<String>,
}

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file, as named to Dossier.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A NUL byte: a spreadsheet or another binary file.
    #[error("{0}: this looks like a binary file (a spreadsheet must be saved as CSV first)")]
    Binary(String),
    /// Larger than [`MAX_CSV_BYTES`].
    #[error(
        "{name}: the file is {:.1} MB; Dossier imports CSV data up to {} MB",
        *.len as f64 / 1e6,
        MAX_CSV_BYTES / 1024 / 1024
    )]
    TooLarge {
        /// The file, as named to Dossier.
        name: String,
        /// Its size in bytes.
        len: u64,
    },
    /// No cell holds anything.
    #[error("{0}: the file is empty")]
    Empty(String),
    /// No row names a country column and years.
    #[error(
        "{0}: no header row found: expected a country column with either a `year` column \
         or one column a year"
    )]
    NoHeader(String),
    /// A header, but not one figure under it.
    #[error("{name}: no figures could be read ({issues} problem row(s); the first: {first})")]
    NoValues {
        /// The file, as named to Dossier.
        name: String,
        /// How many rows could not be read.
        issues: usize,
        /// The first of them, in words.
        first: String,
    },
}

/// Imports a CSV file.
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let io = |source| ImportError::Io {
        path: path.display().to_string(),
        source,
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // Checked before reading, so that a huge file is refused at once.
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_CSV_BYTES {
        return Err(ImportError::TooLarge { name, len });
    }
    // `import_bytes` refuses what went past the limit while reading.
    let bytes = crate::import::read_at_most(path, MAX_CSV_BYTES).map_err(io)?;
    import_bytes(&bytes, &name, options)
}

/// The largest CSV file that is imported: the biggest real source (SIPRI's
/// whole database as CSV) is a few megabytes.
pub const MAX_CSV_BYTES: u64 = crate::import::MAX_FILE_BYTES;

/// Imports a CSV file's bytes (any encoding [`import_file`] accepts); `name`
/// identifies the file in messages and legends. Any bytes give figures or
/// an error, never a panic; the fuzz target in `fuzz/` goes through here.
pub fn import_bytes(
    bytes: &[u8],
    name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > MAX_CSV_BYTES {
        return Err(ImportError::TooLarge {
            name: name.into(),
            len: bytes.len() as u64,
        });
    }
    // The one byte decoder of the crate: a byte-order mark decides, then
    // UTF-8, then the legacy encoding chardetng recognises (Windows-1252 for
    // what Excel saves as "CSV" on Windows). A NUL byte means a binary file,
    // such as an .xlsx renamed .csv.
    let decoded = crate::import::decode(bytes).map_err(|_| ImportError::Binary(name.into()))?;
    import_str(&decoded.text, name, options)
}

/// Imports CSV text; `name` identifies the file in messages and legends.
pub fn import_str(
    text: &str,
    name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = read_rows(text);
    if rows.iter().all(|r| r.cells.iter().all(|c| c.is_empty())) {
        return Err(ImportError::Empty(name.into()));
    }
    let header = find_header(&rows).ok_or_else(|| ImportError::NoHeader(name.into()))?;
    let layout = header.layout();
    let mut ctx = Reader::read(&rows, &header);
    let scale = ctx.scale(options);
    let mut dataset = Dataset::new();
    let source = dataset.add_source(imported_source(name, options, layout));
    ctx.push_values(&mut dataset, source, options.measure, scale);
    ctx.issues.sort_by_key(|i| i.line);
    if dataset.is_empty() {
        return Err(ImportError::NoValues {
            name: name.into(),
            issues: ctx.issues.len(),
            first: ctx
                .issues
                .first()
                .map_or_else(|| "no data rows".into(), |i| i.to_string()),
        });
    }
    Ok(Imported {
        dataset,
        source,
        layout,
        issues: ctx.issues,
        notes: ctx.notes,
    })
}

/// The source an imported file becomes: named as the analyst asked (the
/// file name otherwise) and cited with the file and its layout.
fn imported_source(name: &str, options: &ImportOptions, layout: Layout) -> Source {
    let source_name = if options.source_name.trim().is_empty() {
        name.to_string()
    } else {
        options.source_name.clone()
    };
    let citation = if source_name == name {
        format!("{name} (imported, {} layout)", layout.name())
    } else {
        format!(
            "{source_name} (imported from {name}, {} layout)",
            layout.name()
        )
    };
    Source {
        id: format!("import:{name}"),
        name: source_name,
        edition: "imported".into(),
        citation,
        kind: SourceKind::Imported,
    }
}

impl Header {
    /// The layout the header shows.
    fn layout(&self) -> Layout {
        match &self.shape {
            Shape::Long { .. } => Layout::Long,
            Shape::Wide { .. } if self.world_bank => Layout::WorldBank,
            Shape::Wide { .. } if self.row > 0 => Layout::Sipri,
            Shape::Wide { .. } => Layout::Wide,
        }
    }
}

impl Reader {
    /// Reads the figures under `header`; rows the CSV reader refused are
    /// issues already.
    fn read(rows: &[Row], header: &Header) -> Reader {
        let mut ctx = Reader {
            issues: Vec::new(),
            notes: Vec::new(),
            values: Vec::new(),
        };
        for (line, message) in rows
            .iter()
            .filter_map(|r| r.error.clone().map(|m| (r.line, m)))
        {
            ctx.issues.push(RowIssue { line, message });
        }
        let body = &rows[header.row + 1..];
        match &header.shape {
            Shape::Long {
                country,
                iso3,
                year,
                value,
                estimate,
            } => ctx.read_long(body, *country, *iso3, *year, *value, *estimate),
            Shape::Wide {
                country,
                iso3,
                years,
            } => ctx.read_wide(body, *country, *iso3, years, header.world_bank),
        }
        ctx
    }

    /// The factor the values are multiplied by: 100 for fractions, as the
    /// options say or (for `Auto`) as the values look; a guess is noted.
    fn scale(&mut self, options: &ImportOptions) -> f64 {
        match options.scale {
            Scale::AsWritten => 1.0,
            Scale::Fraction => 100.0,
            Scale::Auto if options.measure.is_percent() && looks_like_fractions(&self.values) => {
                self.notes.push(format!(
                    "values read as fractions and multiplied by 100 (the largest is {})",
                    self.values.iter().map(|v| v.value).fold(f64::MIN, f64::max)
                ));
                100.0
            }
            Scale::Auto => 1.0,
        }
    }

    /// Moves the values into `dataset`, scaled; a second value for the same
    /// country and year is an issue, the first one stays.
    fn push_values(
        &mut self,
        dataset: &mut Dataset,
        source: SourceId,
        measure: Measure,
        scale: f64,
    ) {
        let mut first_line: HashMap<(&'static str, i32), u64> = HashMap::new();
        for v in std::mem::take(&mut self.values) {
            if let Some(first) = first_line.get(&(v.iso3, v.year)) {
                self.issues.push(RowIssue {
                    line: v.line,
                    message: format!(
                        "a second value for {} {} (the first is on line {first}); ignored",
                        v.iso3, v.year
                    ),
                });
                continue;
            }
            first_line.insert((v.iso3, v.year), v.line);
            let (value, text) = if scale == 1.0 {
                (v.value, v.text)
            } else {
                // Keep the printed precision: 0.0150 becomes 1.50, 0.03833 3.833.
                let decimals = v
                    .text
                    .split_once('.')
                    .map_or(0, |(_, f)| f.len())
                    .saturating_sub(2);
                let scaled = v.value * scale;
                (scaled, format!("{scaled:.decimals$}"))
            };
            let country = countries::by_iso3(v.iso3)
                .map_or(v.iso3, |c| c.name)
                .to_string();
            // Cannot fail: duplicates were filtered above.
            let _ = dataset.push(Observation {
                source,
                measure,
                iso3: v.iso3.to_string(),
                country,
                year: v.year,
                value,
                text,
                estimate: v.estimate,
            });
        }
    }
}

struct Row {
    line: u64,
    cells: Vec<String>,
    error: Option<String>,
}

fn read_rows(text: &str) -> Vec<Row> {
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => rows.push(Row {
                line: record.position().map_or(0, |p| p.line()),
                cells: record.iter().map(|c| c.trim().to_string()).collect(),
                error: None,
            }),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rows.push(Row {
                    line,
                    cells: Vec::new(),
                    error: Some(format!("not valid CSV: {e}")),
                });
                // A reader error other than bad UTF-8 cannot be resumed.
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    rows
}

/// Semicolon-separated files come from spreadsheets in locales that write
/// decimal commas; a file is read as such when its first lines have more
/// semicolons than commas.
fn sniff_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(10).collect();
    let semi = head.matches(';').count();
    let comma = head.matches(',').count();
    if semi > comma { b';' } else { b',' }
}

enum Shape {
    Long {
        country: Option<usize>,
        iso3: Option<usize>,
        year: usize,
        value: usize,
        estimate: Option<usize>,
    },
    Wide {
        country: Option<usize>,
        iso3: Option<usize>,
        years: Vec<(usize, i32, bool)>,
    },
}

struct Header {
    row: usize,
    world_bank: bool,
    shape: Shape,
}

/// Headings of the country-name column (matched as [`countries::normalise`]d).
const COUNTRY_HEADINGS: &[&str] = &[
    "country",
    "country name",
    "countries",
    "name",
    "state",
    "economy",
    "country or territory",
];
/// Headings of the ISO3 code column.
const ISO3_HEADINGS: &[&str] = &[
    "iso3",
    "iso",
    "iso 3",
    "iso code",
    "country code",
    "code",
    "iso3 code",
    "alpha 3",
];
/// Headings of the year column of a long table.
const YEAR_HEADINGS: &[&str] = &["year", "yr", "period", "time"];
/// Headings of a long table's column that marks estimates.
const ESTIMATE_HEADINGS: &[&str] = &["estimate", "est", "estimated", "is estimate"];
/// Headings of a long table's value column.
const VALUE_HEADINGS: &[&str] = &[
    "value",
    "pct gdp",
    "share of gdp",
    "percent",
    "pct",
    "amount",
    "spending",
    "expenditure",
];
/// Headings of metadata columns, never taken for the value column.
const METADATA_HEADINGS: &[&str] = &["source", "notes", "note", "unit", "prices", "flag"];

/// The header is the first row (among the first 40) that names a country
/// column and either a year column or year columns. Rows above it are titles.
fn find_header(rows: &[Row]) -> Option<Header> {
    for (i, row) in rows.iter().enumerate().take(40) {
        let keys: Vec<String> = row.cells.iter().map(|c| countries::normalise(c)).collect();
        let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
        let country = find(COUNTRY_HEADINGS);
        let iso3 = find(ISO3_HEADINGS);
        if country.is_none() && iso3.is_none() {
            continue;
        }
        let world_bank =
            keys.iter().any(|k| k == "indicator name") && keys.iter().any(|k| k == "country code");
        let shape = match find(YEAR_HEADINGS) {
            // A long table without a value column is not read at all.
            Some(year) => long_shape(&keys, country, iso3, year)?,
            None => match wide_shape(row, country, iso3) {
                Some(shape) => shape,
                None => continue,
            },
        };
        return Some(Header {
            row: i,
            world_bank,
            shape,
        });
    }
    None
}

/// A long table's columns, given the header's normalised `keys`: the value
/// column is named, or else the first column that is not metadata.
fn long_shape(
    keys: &[String],
    country: Option<usize>,
    iso3: Option<usize>,
    year: usize,
) -> Option<Shape> {
    let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
    let taken = [country, iso3, Some(year)];
    let estimate = find(ESTIMATE_HEADINGS);
    let value = find(VALUE_HEADINGS).or_else(|| {
        (0..keys.len()).find(|&c| {
            !taken.contains(&Some(c))
                && Some(c) != estimate
                && !METADATA_HEADINGS.contains(&keys[c].as_str())
        })
    })?;
    Some(Shape::Long {
        country,
        iso3,
        year,
        value,
        estimate,
    })
}

/// A wide table's columns: every cell of the header row that is a year.
fn wide_shape(row: &Row, country: Option<usize>, iso3: Option<usize>) -> Option<Shape> {
    let years: Vec<(usize, i32, bool)> = row
        .cells
        .iter()
        .enumerate()
        .filter_map(|(c, cell)| parse_year_heading(cell).map(|(y, e)| (c, y, e)))
        .collect();
    (!years.is_empty()).then_some(Shape::Wide {
        country,
        iso3,
        years,
    })
}

/// "2023", "2023e", "2023 e", "2023*": a year, and whether the heading marks
/// the column as estimates.
fn parse_year_heading(cell: &str) -> Option<(i32, bool)> {
    let cell = cell.trim().trim_end_matches('*');
    let digits_end = cell
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(cell.len());
    let (digits, rest) = cell.split_at(digits_end);
    let year = super::year::parse_year(digits)?;
    let rest = rest.trim();
    let rest = rest.strip_suffix(".0").unwrap_or(rest);
    match rest.to_ascii_lowercase().as_str() {
        "" => Some((year, false)),
        "e" | "(e)" | "est" | "est." => Some((year, true)),
        _ => None,
    }
}

struct Value {
    line: u64,
    iso3: &'static str,
    year: i32,
    value: f64,
    text: String,
    estimate: bool,
}

struct Reader {
    issues: Vec<RowIssue>,
    notes: Vec<String>,
    values: Vec<Value>,
}

/// A cell's figure: `Ok(None)` for the usual "no figure" markers.
enum Cell {
    Missing,
    Number {
        value: f64,
        text: String,
        estimate: bool,
    },
    Bad,
}

fn parse_cell(cell: &str) -> Cell {
    let s = cell.trim();
    let lower = s.to_ascii_lowercase();
    if s.is_empty()
        || matches!(
            lower.as_str(),
            ".." | "..." | "xxx" | "-" | "–" | "—" | "n/a" | "na" | "nan" | ". ."
        )
    {
        return Cell::Missing;
    }
    let (body, estimate) = match s.strip_suffix(['e', 'E']) {
        Some(rest) if rest.trim_end().ends_with(|c: char| c.is_ascii_digit()) => {
            (rest.trim_end(), true)
        }
        _ => (s, false),
    };
    let body = body.trim_end_matches('%').trim();
    // "1,234" and "1 234" are thousands; a lone comma with one to two digits
    // after it ("3,26") is a decimal comma.
    let cleaned: String = if body.contains('.') {
        body.replace([',', ' ', '\u{a0}'], "")
    } else if let Some((int, frac)) = body.split_once(',')
        && !frac.contains(',')
        && frac.len() != 3
    {
        format!("{int}.{frac}")
    } else {
        body.replace([',', ' ', '\u{a0}'], "")
    };
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Cell::Number {
            value: v,
            text: cleaned,
            estimate,
        },
        _ => Cell::Bad,
    }
}

fn parse_estimate(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "e" | "est" | "estimate" => Some(true),
        "false" | "no" | "n" | "0" | "" => Some(false),
        _ => None,
    }
}

impl Reader {
    fn issue(&mut self, line: u64, message: String) {
        self.issues.push(RowIssue { line, message });
    }

    /// The country of a row, from its ISO3 column or its name column.
    fn country_of(
        &self,
        row: &Row,
        country: Option<usize>,
        iso3: Option<usize>,
    ) -> Result<&'static str, String> {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.cells.get(c))
                .map(String::as_str)
                .unwrap_or("")
        };
        if let Some(c) = countries::by_iso3(cell(iso3)) {
            return Ok(c.iso3);
        }
        let name = cell(country);
        if let Some(c) = countries::resolve(name) {
            return Ok(c.iso3);
        }
        if !cell(iso3).is_empty() {
            Err(format!("unknown country code {:?}", cell(iso3)))
        } else if name.is_empty() {
            Err("no country".into())
        } else {
            Err(format!("unknown country {name:?}"))
        }
    }

    fn read_long(
        &mut self,
        body: &[Row],
        country: Option<usize>,
        iso3: Option<usize>,
        year: usize,
        value: usize,
        estimate: Option<usize>,
    ) {
        for row in body
            .iter()
            .filter(|r| r.error.is_none() && r.cells.iter().any(|c| !c.is_empty()))
        {
            let code = match self.country_of(row, country, iso3) {
                Ok(c) => c,
                Err(m) => {
                    self.issue(row.line, m);
                    continue;
                }
            };
            let year_cell = row.cells.get(year).map(String::as_str).unwrap_or("");
            let Some((y, year_estimate)) = parse_year_heading(year_cell) else {
                self.issue(row.line, format!("bad year {year_cell:?}"));
                continue;
            };
            let value_cell = row.cells.get(value).map(String::as_str).unwrap_or("");
            let (v, text, value_estimate) = match parse_cell(value_cell) {
                Cell::Number {
                    value,
                    text,
                    estimate,
                } => (value, text, estimate),
                Cell::Missing => continue,
                Cell::Bad => {
                    self.issue(row.line, format!("{value_cell:?} is not a number"));
                    continue;
                }
            };
            let flagged = match estimate.map(|c| row.cells.get(c).map(String::as_str).unwrap_or(""))
            {
                None => false,
                Some(cell) => match parse_estimate(cell) {
                    Some(b) => b,
                    None => {
                        self.issue(
                            row.line,
                            format!("estimate flag {cell:?} is not true or false; read as false"),
                        );
                        false
                    }
                },
            };
            self.values.push(Value {
                line: row.line,
                iso3: code,
                year: y,
                value: v,
                text,
                estimate: flagged || year_estimate || value_estimate,
            });
        }
    }

    fn read_wide(
        &mut self,
        body: &[Row],
        country: Option<usize>,
        iso3: Option<usize>,
        years: &[(usize, i32, bool)],
        world_bank: bool,
    ) {
        let mut aggregates = 0;
        for row in body.iter().filter(|r| r.error.is_none()) {
            let cells: Vec<(i32, bool, Cell, &str)> = years
                .iter()
                .map(|&(c, y, e)| {
                    let cell = row.cells.get(c).map(String::as_str).unwrap_or("");
                    (y, e, parse_cell(cell), cell)
                })
                .collect();
            let has_figures = cells.iter().any(|(_, _, c, _)| !matches!(c, Cell::Missing));
            let code = match self.country_of(row, country, iso3) {
                Ok(c) => c,
                // Region headings, blank lines and notes have no figures.
                Err(_) if !has_figures => continue,
                Err(_) if world_bank => {
                    // Regions and income groups ("EUU", "HIC") are not
                    // countries and are expected in this layout.
                    aggregates += 1;
                    continue;
                }
                Err(m) => {
                    self.issue(row.line, m);
                    continue;
                }
            };
            for (year, heading_estimate, cell, raw) in cells {
                match cell {
                    Cell::Missing => {}
                    Cell::Bad => self.issue(row.line, format!("{year}: {raw:?} is not a number")),
                    Cell::Number {
                        value,
                        text,
                        estimate,
                    } => self.values.push(Value {
                        line: row.line,
                        iso3: code,
                        year,
                        value,
                        text,
                        estimate: estimate || heading_estimate,
                    }),
                }
            }
        }
        if aggregates > 0 {
            self.notes.push(format!(
                "skipped {aggregates} row(s) of regions and income groups"
            ));
        }
    }
}

/// Shares written as fractions: every value below 1 and most of them below
/// 0.1. Percent-of-GDP figures for most countries are above 1, while
/// fractions stay below 0.1 for all but countries at war.
fn looks_like_fractions(values: &[Value]) -> bool {
    if values.is_empty() || values.iter().any(|v| v.value >= 1.0 || v.value < 0.0) {
        return false;
    }
    let mut sorted: Vec<f64> = values.iter().map(|v| v.value).collect();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2] < 0.1
}
