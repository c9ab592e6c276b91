//! A new edition from NATO's own Excel workbook (`def-exp-YYYY-en.xlsx`).
//!
//! NATO publishes each edition as a workbook with one sheet a table: Table 2
//! in million US dollars (a block at current prices, then one at constant
//! prices), Table 3 as shares of real GDP, Table 8a the equipment share of
//! defence expenditure. Each block is a header row of years, some marked
//! "e" for estimates, then one row an ally, then NATO's aggregates. The
//! layout moves a little between editions, so nothing is read from a fixed
//! cell: sheets are found by name, blocks by their row of years, allies by
//! name (a footnote mark such as "Poland*" or "Canada (a)" still reads), and
//! columns by their year, so an extra column or a shifted block still loads.
//!
//! A workbook that is not NATO's, a missing Table 3, text in a number cell,
//! a truncated or a password-protected file each give a [`WorkbookError`]
//! naming the file and, where there is one, the sheet and cell.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};

use super::edition::{Date, Definition, Edition};
use super::nato::{NatoData, source_edition};
use super::year::{parse_year, year_from_number};
use super::{Dataset, Measure, Observation, Source, SourceId, SourceKind, countries};

/// Why a workbook could not be read. Nothing already loaded is touched.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookError {
    /// The file as a whole: not a workbook, encrypted, not NATO's.
    #[error("{file}: {message}")]
    File {
        /// The file, as named to Dossier.
        file: String,
        /// What is wrong, in words.
        message: String,
    },
    /// A sheet cannot be read or has not NATO's layout.
    #[error("{file}, sheet {sheet:?}: {message}")]
    Sheet {
        /// The file, as named to Dossier.
        file: String,
        /// The worksheet.
        sheet: String,
        /// What is wrong, in words.
        message: String,
    },
    /// One cell holds what a figure cannot be.
    #[error("{file}, sheet {sheet:?}, cell {cell}: {message}")]
    Cell {
        /// The file, as named to Dossier.
        file: String,
        /// The worksheet.
        sheet: String,
        /// The cell, as Excel names it (B7).
        cell: String,
        /// What is wrong, in words.
        message: String,
    },
}

/// An edition read from a workbook: its description and its figures (one
/// source, [`SourceId`] 0 of `dataset`), ready for
/// [`NatoData::add_edition`].
#[derive(Clone, Debug)]
pub struct WorkbookEdition {
    /// The edition's description.
    pub edition: Edition,
    /// Its figures.
    pub dataset: Dataset,
    /// What was read: "Table 3 (% of GDP): 31 allies, 2014-2025".
    pub tables: Vec<String>,
}

/// The first bytes of an OLE compound file: what a password-protected
/// .xlsx is (an `EncryptedPackage` inside), and what an old .xls is.
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a NATO workbook from disk. `nato` supplies the publication date
/// when neither the file name nor the workbook gives one (the bundled
/// edition of the same year).
pub fn read_workbook(path: &Path, nato: &NatoData) -> Result<WorkbookEdition, WorkbookError> {
    let file = path.display().to_string();
    // NATO's workbooks are a few hundred kilobytes; the limit of every file
    // Dossier reads keeps a wrong pick from filling the memory.
    let bytes = crate::import::read_file_limited(
        path,
        crate::import::MAX_FILE_BYTES,
        "reads NATO workbooks",
    )
    .map_err(|e| WorkbookError::File {
        file: file.clone(),
        message: e.message,
    })?;
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| date_of_unix_days((d.as_secs() / 86_400) as i64));
    read_workbook_bytes(&bytes, path, modified, nato)
}

/// [`read_workbook`] on bytes already read; `path` names the file in
/// messages and in the edition.
pub fn read_workbook_bytes(
    bytes: &[u8],
    path: &Path,
    modified: Option<Date>,
    nato: &NatoData,
) -> Result<WorkbookEdition, WorkbookError> {
    let file = path.display().to_string();
    if bytes.starts_with(&COMPOUND_FILE) {
        return Err(WorkbookError::File {
            file,
            message: "is encrypted with a password (or is an old .xls file): open it in a spreadsheet program and save it as an unprotected .xlsx workbook".into(),
        });
    }
    let (names, sheets) = read_sheets(bytes, &file)?;
    let find = |key: &str| sheets.iter().find(|s| s.is_table(key));
    let Some(table3) = find("table3") else {
        return Err(WorkbookError::File {
            file,
            message: format!(
                "no sheet \"Table 3\" (defence expenditure as a share of GDP): this is not NATO's defence-expenditure workbook (sheets: {})",
                names.join(", ")
            ),
        });
    };
    let blocks3 = table3.blocks();
    let share =
        pick(&blocks3, &["share of real gdp", "% of gdp", "real gdp"], 0).ok_or_else(|| {
            WorkbookError::Sheet {
                file: file.clone(),
                sheet: table3.name.clone(),
                message: "no header row of years (2014, 2015, … 2024e): this is not NATO's layout"
                    .into(),
            }
        })?;
    let about = About::of(&sheets, share, path, modified, nato);
    let mut dataset = Dataset::new();
    let source = dataset.add_source(about.source());
    let mut tables = Vec::new();
    let mut read = Reading {
        source,
        dataset: &mut dataset,
        tables: &mut tables,
        file: &file,
    };
    read.block(table3, share, Measure::PctGdp, "Table 3 (% of GDP)")?;
    if let Some(sheet) = find("table2") {
        read.table2(sheet, about.price_base)?;
    }
    if let Some(sheet) = find("table8a") {
        read.table8a(sheet)?;
    }
    let citation = dataset
        .source(source)
        .map(|s| s.citation.clone())
        .unwrap_or_default();
    Ok(WorkbookEdition {
        edition: about.edition(source, citation, path),
        dataset,
        tables,
    })
}

/// What a workbook says about itself: its title, definition and price
/// base, its latest year and estimates, and when it was published.
struct About {
    id: String,
    name: String,
    title: String,
    file_name: String,
    published: Date,
    published_note: String,
    year: i32,
    price_base: Option<i32>,
    definition: Definition,
    estimate_years: Vec<i32>,
}

impl About {
    /// Reads it from the sheets' text, Table 3's years and the file's name
    /// and date.
    fn of(
        sheets: &[Sheet],
        share: &Block<'_>,
        path: &Path,
        modified: Option<Date>,
        nato: &NatoData,
    ) -> Self {
        let text: Vec<String> = sheets.iter().flat_map(|s| s.texts()).collect();
        let (definition, price_base) = definition_and_price_base(&text);
        let year = share.years.values().map(|(y, _)| *y).max().unwrap_or(0);
        let mut estimate_years: Vec<i32> = share
            .years
            .values()
            .filter(|(_, e)| *e)
            .map(|(y, _)| *y)
            .collect();
        estimate_years.sort_unstable();
        estimate_years.dedup();
        let file_name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let (published, published_note) = publication_date(&file_name, year, modified, nato);
        let title = text
            .iter()
            .find(|t| t.contains("Defence Expenditure of NATO Countries"))
            .map(|t| t.trim().to_string())
            .unwrap_or_else(|| format!("Defence Expenditure of NATO Countries (2014-{year})"));
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "workbook".into());
        Self {
            id: format!("file-{stem}"),
            name: format!("{} (xlsx)", month_year(published)),
            title,
            file_name,
            published,
            published_note,
            year,
            price_base,
            definition,
            estimate_years,
        }
    }

    /// The workbook as a source of figures, with its citation.
    fn source(&self) -> Source {
        Source {
            id: self.id.clone(),
            name: "NATO".into(),
            edition: format!(
                "{}, workbook {}",
                source_edition(&self.name, self.definition, false),
                self.file_name
            ),
            citation: format!(
                "NATO, {}, Excel workbook {} imported by the analyst{}",
                self.title,
                self.file_name,
                self.price_base
                    .map_or(String::new(), |b| format!("; {b} prices"))
            ),
            kind: SourceKind::Official,
        }
    }

    /// The workbook as an edition of NATO's figures.
    fn edition(self, source: SourceId, citation: String, path: &Path) -> Edition {
        Edition {
            id: self.id,
            name: self.name,
            title: self.title,
            published: self.published,
            published_note: self.published_note,
            year: self.year,
            price_base: self.price_base,
            definition: self.definition,
            estimate_years: self.estimate_years,
            secondary: false,
            citation,
            source,
            file: Some(path.to_path_buf()),
        }
    }
}

/// Opens the workbook and reads every sheet: the sheet names (for messages)
/// and the sheets.
fn read_sheets(bytes: &[u8], file: &str) -> Result<(Vec<String>, Vec<Sheet>), WorkbookError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| WorkbookError::File {
        file: file.to_owned(),
        message: format!(
            "cannot be read as an Excel workbook: the file is truncated or damaged, or not .xlsx ({e})"
        ),
    })?;
    let names = book.sheet_names();
    let mut sheets = Vec::new();
    for name in &names {
        let range = book
            .worksheet_range(name)
            .map_err(|e| WorkbookError::Sheet {
                file: file.to_owned(),
                sheet: name.clone(),
                message: format!("cannot be read: {e}"),
            })?;
        sheets.push(Sheet::of(name, &range));
    }
    Ok((names, sheets))
}

/// What the workbook's text says about its figures: which definition of
/// defence spending they follow, and the price base of constant dollars.
fn definition_and_price_base(text: &[String]) -> (Definition, Option<i32>) {
    let definition = if text
        .iter()
        .any(|t| t.to_lowercase().contains("core defence expenditure"))
    {
        Definition::CoreDefenceExpenditure
    } else {
        Definition::DefenceExpenditure
    };
    let price_base = [2021, 2015].into_iter().find(|base| {
        text.iter().any(|t| {
            let t = t.to_lowercase();
            t.contains("prices") && t.contains(&base.to_string())
        })
    });
    (definition, price_base)
}

/// The optional tables read into the edition's dataset, each noted with
/// its count in `tables`.
struct Reading<'r> {
    source: SourceId,
    dataset: &'r mut Dataset,
    tables: &'r mut Vec<String>,
    file: &'r str,
}

impl Reading<'_> {
    /// Reads one block of figures and notes the table with its count.
    fn block(
        &mut self,
        sheet: &Sheet,
        block: &Block<'_>,
        measure: Measure,
        table: &str,
    ) -> Result<(), WorkbookError> {
        let ctx = Ctx {
            file: self.file.to_owned(),
            sheet: sheet.name.clone(),
        };
        let count = block.read(&ctx, measure, self.source, self.dataset)?;
        self.tables.push(format!("{table}: {count}"));
        Ok(())
    }

    /// Table 2: spending in current and in constant US dollars (the price
    /// base from the block's own label, else the workbook's).
    fn table2(&mut self, sheet: &Sheet, price_base: Option<i32>) -> Result<(), WorkbookError> {
        let blocks = sheet.blocks();
        if let Some(b) = pick(&blocks, &["current"], 0) {
            self.block(sheet, b, Measure::UsdCurrent, "Table 2 (current US$)")?;
        }
        if let Some(b) = pick(&blocks, &["constant"], 1) {
            let label_base = [2021, 2015]
                .into_iter()
                .find(|y| b.label.contains(&y.to_string()));
            let measure = match label_base.or(price_base) {
                Some(2015) => Measure::UsdConstant2015,
                _ => Measure::UsdConstant2021,
            };
            self.block(sheet, b, measure, &format!("Table 2 ({})", measure.label()))?;
        }
        Ok(())
    }

    /// Table 8a: the share of spending on equipment.
    fn table8a(&mut self, sheet: &Sheet) -> Result<(), WorkbookError> {
        let blocks = sheet.blocks();
        if let Some(b) = pick(&blocks, &["equipment"], 0) {
            self.block(
                sheet,
                b,
                Measure::EquipmentShare,
                "Table 8a (equipment share)",
            )?;
        }
        Ok(())
    }
}

/// When the edition came out: the `YYMMDD-` prefix NATO gives its files
/// (`250827-def-exp-en.xlsx`), else the bundled edition of the same year's
/// date, else the file's modification date, else the end of its last year.
fn publication_date(
    file_name: &str,
    year: i32,
    modified: Option<Date>,
    nato: &NatoData,
) -> (Date, String) {
    let prefix: String = file_name.chars().take(6).collect();
    if prefix.len() == 6
        && prefix.chars().all(|c| c.is_ascii_digit())
        && file_name[6..].starts_with('-')
    {
        let n = |r: std::ops::Range<usize>| prefix[r].parse::<u32>().unwrap_or(0);
        if let Some(d) = Date::new(2000 + n(0..2) as i32, n(2..4), n(4..6)) {
            return (d, format!("from the file name {file_name}"));
        }
    }
    if let Some(e) = nato
        .editions
        .iter()
        .find(|e| e.year == year && e.file.is_none())
    {
        return (
            e.published,
            format!(
                "the date of the bundled {} edition, which covers the same years",
                e.name
            ),
        );
    }
    if let Some(d) = modified {
        return (d, "the file's modification date".into());
    }
    (
        Date {
            year,
            month: 12,
            day: 31,
        },
        "unknown; taken as the end of the last year it covers".into(),
    )
}

fn month_year(d: Date) -> String {
    let long = d.long();
    long.split_once(' ')
        .map_or(long.clone(), |(_, rest)| rest.to_string())
}

/// The civil date of a count of days since 1970-01-01.
fn date_of_unix_days(days: i64) -> Date {
    // Howard Hinnant's days_from_civil, inverted.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// Where a cell error is reported.
struct Ctx {
    file: String,
    sheet: String,
}

impl Ctx {
    fn cell(&self, row: u32, col: u32, message: String) -> WorkbookError {
        WorkbookError::Cell {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: cell_name(row, col),
            message,
        }
    }
}

/// "C5" for row 4, column 2 (both from 0).
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A sheet's cells by absolute position.
struct Sheet {
    name: String,
    /// Rows by absolute index, each with (absolute column, cell).
    rows: Vec<(u32, Vec<(u32, Data)>)>,
}

impl Sheet {
    fn of(name: &str, range: &calamine::Range<Data>) -> Sheet {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let cells = row
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| !matches!(d, Data::Empty))
                    .map(|(j, d)| (c0 + j as u32, d.clone()))
                    .collect();
                (r0 + i as u32, cells)
            })
            .collect();
        Sheet {
            name: name.to_string(),
            rows,
        }
    }

    fn texts(&self) -> impl Iterator<Item = String> + '_ {
        self.rows
            .iter()
            .flat_map(|(_, cells)| cells.iter())
            .filter_map(|(_, d)| match d {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
    }

    /// Whether the sheet is the table `key` names (`table3`, `table8a`):
    /// by its name, or by a title in its first rows ("TABLE 3: Defence
    /// expenditure as a share of GDP").
    fn is_table(&self, key: &str) -> bool {
        let matches = |text: &str| {
            let norm: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_' && *c != '.')
                .flat_map(char::to_lowercase)
                .collect();
            norm.strip_prefix(key)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
        };
        matches(&self.name)
            || self
                .rows
                .iter()
                .take(4)
                .flat_map(|(_, cells)| cells.iter().take(2))
                .any(|(_, d)| matches!(d, Data::String(s) if matches(s)))
    }

    /// The blocks of the sheet: each header row of years and the rows under
    /// it, up to the next header. A header row whose years start again
    /// ("2014 … 2025, 2014 … 2025") holds blocks side by side.
    fn blocks(&self) -> Vec<Block<'_>> {
        let headers: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, (_, cells))| {
                cells.iter().filter(|(_, d)| year_of(d).is_some()).count() >= 3
            })
            .map(|(i, _)| i)
            .collect();
        let mut blocks = Vec::new();
        for (k, &h) in headers.iter().enumerate() {
            let end = headers.get(k + 1).copied().unwrap_or(self.rows.len());
            let (row, cells) = &self.rows[h];
            // Runs of rising years, one a block.
            let mut groups: Vec<BTreeMap<u32, (i32, bool)>> = Vec::new();
            for (c, (year, estimate)) in cells
                .iter()
                .filter_map(|(c, d)| year_of(d).map(|y| (*c, y)))
            {
                match groups.last_mut() {
                    Some(g) if g.values().next_back().is_some_and(|(y, _)| *y < year) => {
                        g.insert(c, (year, estimate));
                    }
                    _ => groups.push(BTreeMap::from([(c, (year, estimate))])),
                }
            }
            // The block's title: text in the header row and the rows just
            // above it (since the previous block), over its own columns.
            let from = if k == 0 {
                h.saturating_sub(3)
            } else {
                headers[k - 1] + 1
            };
            let start = from.max(h.saturating_sub(3));
            let mut lo = 0;
            for years in groups.into_iter().filter(|g| g.len() >= 3) {
                let hi = years.keys().next_back().copied().unwrap_or(lo);
                let label: String = self.rows[start..=h]
                    .iter()
                    .flat_map(|(_, cells)| cells.iter())
                    .filter(|(c, _)| (lo..=hi).contains(c))
                    .filter_map(|(_, d)| match d {
                        Data::String(s) if year_of(d).is_none() => Some(s.to_lowercase()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                lo = hi + 1;
                blocks.push(Block {
                    header_row: *row,
                    years,
                    label,
                    rows: &self.rows[h + 1..end],
                });
            }
        }
        blocks
    }
}

/// The block whose title contains one of `words`, else the `nth` block.
fn pick<'a, 'b>(blocks: &'a [Block<'b>], words: &[&str], nth: usize) -> Option<&'a Block<'b>> {
    blocks
        .iter()
        .find(|b| words.iter().any(|w| b.label.contains(w)))
        .or_else(|| blocks.get(nth))
}

/// A header row of years and the rows under it.
struct Block<'s> {
    header_row: u32,
    /// Column → (year, estimate).
    years: BTreeMap<u32, (i32, bool)>,
    /// The title above it, lower case.
    label: String,
    rows: &'s [(u32, Vec<(u32, Data)>)],
}

impl Block<'_> {
    /// Reads each ally's row into `dataset`; returns "31 allies, 2014-2025".
    fn read(
        &self,
        ctx: &Ctx,
        measure: Measure,
        source: SourceId,
        dataset: &mut Dataset,
    ) -> Result<String, WorkbookError> {
        let first_year_col = self.years.keys().next().copied().unwrap_or(0);
        let decimals = if measure.is_percent() { 2 } else { 0 };
        let mut allies = 0;
        let mut seen = std::collections::HashSet::new();
        for (row, cells) in self.rows {
            let Some(name) = cells.iter().find_map(|(c, d)| match d {
                Data::String(s) if *c < first_year_col => Some(s.as_str()),
                _ => None,
            }) else {
                continue;
            };
            let clean = ally_name(name);
            // NATO's aggregates and notes under the table are not allies.
            let lower = clean.to_lowercase();
            if lower.starts_with("nato")
                || lower.contains("europe and canada")
                || lower.contains("total")
            {
                continue;
            }
            let Some(iso3) = countries::iso3_of(&clean) else {
                continue;
            };
            if !seen.insert(iso3) {
                // A second row for an ally already read: the first counts.
                continue;
            }
            allies += 1;
            for (col, (year, estimate)) in &self.years {
                let Some((_, cell)) = cells.iter().find(|(c, _)| c == col) else {
                    continue;
                };
                let Some(value) = number_of(cell).map_err(|m| ctx.cell(*row, *col, m))? else {
                    continue;
                };
                let value = round_to(value, decimals);
                let _ = dataset.push(Observation {
                    source,
                    measure,
                    iso3: iso3.to_string(),
                    country: clean.clone(),
                    year: *year,
                    value,
                    text: format!("{value:.decimals$}"),
                    estimate: *estimate,
                });
            }
        }
        if allies == 0 {
            let col = self.years.keys().next().copied().unwrap_or(0);
            return Err(ctx.cell(
                self.header_row,
                col,
                "no ally found under this header row of years: this is not NATO's layout".into(),
            ));
        }
        let years: Vec<i32> = self.years.values().map(|(y, _)| *y).collect();
        Ok(format!(
            "{allies} allies, {}-{}",
            years.iter().min().unwrap_or(&0),
            years.iter().max().unwrap_or(&0)
        ))
    }
}

/// A year in a header cell: 2014, 2014.0, "2014", "2024e", "2024 e".
fn year_of(d: &Data) -> Option<(i32, bool)> {
    match d {
        Data::Int(i) => year_from_number(*i as f64).map(|y| (y, false)),
        Data::Float(f) => year_from_number(*f).map(|y| (y, false)),
        Data::String(s) => {
            let t = s.trim();
            let (digits, rest) =
                t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
            let rest = rest.trim();
            let estimate = matches!(rest, "e" | "E" | "e)" | "(e)");
            if rest.is_empty() || estimate {
                parse_year(digits).map(|y| (y, estimate))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A figure cell: a number, or a number written as text; `None` for a
/// cell NATO leaves blank or marks as missing ("-", "n.a.", ".."); an error
/// for any other text.
fn number_of(d: &Data) -> Result<Option<f64>, String> {
    match d {
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::Float(f) if f.is_finite() => Ok(Some(*f)),
        Data::Empty => Ok(None),
        Data::String(s) => {
            let t = s.trim();
            if matches!(
                t,
                "" | "-" | "–" | "—" | ".." | "..." | "…" | "n.a." | "na" | "n/a" | "N/A"
            ) {
                return Ok(None);
            }
            let cleaned: String = t
                .chars()
                .filter(|c| *c != ',' && !c.is_whitespace())
                .collect();
            cleaned
                .parse::<f64>()
                .map(Some)
                .map_err(|_| format!("text {t:?} where a number was expected"))
        }
        Data::Error(e) => Err(format!("the cell holds the error {e}")),
        other => Err(format!("{other:?} where a number was expected")),
    }
}

/// An ally's name without footnote marks: "Poland*", "Canada (a)",
/// "Türkiye ¹", "United States 2".
fn ally_name(name: &str) -> String {
    let mut s = name.trim().to_string();
    loop {
        let before = s.len();
        s = s
            .trim_end_matches(|c: char| {
                c == '*' || c.is_ascii_digit() || "¹²³⁴⁵⁶⁷⁸⁹⁰†‡".contains(c) || c.is_whitespace()
            })
            .to_string();
        if s.ends_with(')')
            && let Some(open) = s.rfind('(')
            && s.len() - open <= 4
        {
            s.truncate(open);
        }
        if s.len() == before {
            return s;
        }
    }
}

fn round_to(v: f64, decimals: usize) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (v * f).round() / f
}

/// How an imported edition differs from a bundled one, table by table.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// The table compared.
    pub measure: Measure,
    /// The edition compared with ("Aug 2025").
    pub against: String,
    /// Cells both editions have.
    pub compared: usize,
    /// Cells whose printed values differ.
    pub differing: usize,
    /// The largest difference: country, year, new minus bundled.
    pub largest: Option<(String, i32, f64)>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} against the bundled {} edition: {} of {} cells differ",
            self.measure.label(),
            self.against,
            self.differing,
            self.compared
        )?;
        if let Some((country, year, d)) = &self.largest {
            let decimals = if self.measure.is_percent() { 2 } else { 0 };
            write!(f, ", largest {country} {year} {d:+.decimals$}")?;
        }
        Ok(())
    }
}

/// Compares `new` with the bundled edition of the same year, table by
/// table; empty when there is no such edition.
pub fn differences(nato: &NatoData, new: &Edition) -> Vec<Difference> {
    let Some(base) = nato
        .editions
        .iter()
        .find(|e| e.year == new.year && e.file.is_none() && e.id != new.id)
    else {
        return Vec::new();
    };
    let ds = &nato.dataset;
    let mut out = Vec::new();
    for measure in Measure::ALL {
        let mut diff = Difference {
            measure,
            against: base.name.clone(),
            compared: 0,
            differing: 0,
            largest: None,
        };
        for o in ds
            .observations()
            .iter()
            .filter(|o| o.source == new.source && o.measure == measure)
        {
            let Some(b) = ds.get(base.source, measure, &o.iso3, o.year) else {
                continue;
            };
            diff.compared += 1;
            if o.text != b.text {
                diff.differing += 1;
                let d = o.value - b.value;
                if diff
                    .largest
                    .as_ref()
                    .is_none_or(|(_, _, l)| d.abs() > l.abs())
                {
                    diff.largest = Some((b.country.clone(), o.year, d));
                }
            }
        }
        if diff.compared > 0 {
            out.push(diff);
        }
    }
    out
}

/// The folder under the data folder where imported workbooks are kept.
pub fn editions_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("nato-editions")
}

/// Copies a workbook that read well into the data folder, so that the next
/// launch loads it again; returns where it went.
pub fn keep(data_dir: &Path, workbook: &Path) -> std::io::Result<PathBuf> {
    let dir = editions_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    let name = workbook
        .file_name()
        .ok_or_else(|| std::io::Error::other("the workbook path has no file name"))?;
    let to = dir.join(name);
    if to != workbook {
        let bytes = std::fs::read(workbook)?;
        crate::project::write_atomically(&to, &bytes, false)?;
    }
    Ok(to)
}

/// Adds every workbook kept in the data folder to `nato`; the ones that no
/// longer read are returned as errors and left out.
pub fn load_kept(data_dir: &Path, nato: &mut NatoData) -> Vec<WorkbookError> {
    let Ok(entries) = std::fs::read_dir(editions_dir(data_dir)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        })
        .collect();
    paths.sort();
    let mut errors = Vec::new();
    for p in paths {
        match read_workbook(&p, nato) {
            Ok(w) => nato.add_edition(w.edition, &w.dataset),
            Err(e) => errors.push(e),
        }
    }
    errors
}
