//! NATO's defence-expenditure tables and spending targets, compiled into the
//! program from `sample-data/nato/` (provenance in `NOTES.md` there).
//!
//! Three editions of *Defence Expenditure of NATO Countries* are bundled,
//! each described in `editions.json` (see [`super::edition`]): June 2024,
//! read from NATO's PDF (Table 3 share of real GDP, Table 8a equipment share,
//! Table 2 US dollars); August 2025 (Table 3 only) and July 2026 (Tables 2, 3
//! and 8a, core defence expenditure), both secondary: third parties' machine
//! reads of NATO's Excel files. Each edition is a source of its own, never
//! mixed into another's series. Iceland, which has no armed forces, has no
//! rows.

use std::sync::OnceLock;

use serde::Deserialize;

use super::edition::{self, AtTime, Date, Definition, Edition};
use super::{DataError, Dataset, Measure, Observation, Source, SourceId, SourceKind};

const EDITIONS: &str = include_str!("../../sample-data/nato/editions.json");
const TARGETS: &str = include_str!("../../sample-data/nato/targets.json");
/// The table files `editions.json` names, by their path under
/// `sample-data/nato/`.
const TABLES: [(&str, &str); 7] = [
    (
        "nato_defence_expenditure_pct_gdp.csv",
        include_str!("../../sample-data/nato/nato_defence_expenditure_pct_gdp.csv"),
    ),
    (
        "nato_equipment_share.csv",
        include_str!("../../sample-data/nato/nato_equipment_share.csv"),
    ),
    (
        "nato_defence_expenditure_usd.csv",
        include_str!("../../sample-data/nato/nato_defence_expenditure_usd.csv"),
    ),
    (
        "editions/2025_pct_gdp.csv",
        include_str!("../../sample-data/nato/editions/2025_pct_gdp.csv"),
    ),
    (
        "editions/2026_pct_gdp.csv",
        include_str!("../../sample-data/nato/editions/2026_pct_gdp.csv"),
    ),
    (
        "editions/2026_equipment_share.csv",
        include_str!("../../sample-data/nato/editions/2026_equipment_share.csv"),
    ),
    (
        "editions/2026_usd.csv",
        include_str!("../../sample-data/nato/editions/2026_usd.csv"),
    ),
];

/// Source id of the June 2024 edition, the one read from NATO's PDF.
pub const EDITION_2024: &str = "nato-2024";

/// The NATO figures and targets: every edition, oldest first.
#[derive(Debug, Clone)]
pub struct NatoData {
    /// The figures of every edition, one [`Source`] an edition.
    pub dataset: Dataset,
    /// Oldest first by publication date (an imported workbook after a
    /// bundled edition of the same date).
    pub editions: Vec<Edition>,
    /// NATO's spending guidelines and pledges.
    pub targets: Vec<Target>,
}

impl NatoData {
    /// The newest edition: what "NATO now" means.
    pub fn latest(&self) -> &Edition {
        self.editions
            .last()
            .expect("the bundled data has at least one edition")
    }

    /// The edition `query` names (id, "Jul 2026", "2026", file name); the
    /// newest of several.
    pub fn edition(&self, query: &str) -> Option<&Edition> {
        self.editions.iter().rev().find(|e| e.is_named(query))
    }

    /// The editions' names for a message ("2024 (Jun 2024), 2025 (Aug
    /// 2025), …"): what an unknown edition name could have been.
    pub fn known_editions(&self) -> String {
        self.editions
            .iter()
            .map(|e| format!("{} ({})", e.year, e.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The index of the edition whose figures are `source`.
    pub fn edition_of(&self, source: SourceId) -> Option<&Edition> {
        self.editions.iter().find(|e| e.source == source)
    }

    /// The edition that was current on `date` (see [`edition::current_at`]).
    pub fn current_at(&self, date: Option<Date>) -> AtTime {
        edition::current_at(&self.editions, date)
    }

    /// The figure one edition prints for a country and year.
    pub fn figure(
        &self,
        edition: &Edition,
        measure: Measure,
        iso3: &str,
        year: i32,
    ) -> Option<&Observation> {
        self.dataset.get(edition.source, measure, iso3, year)
    }

    /// Adds an edition read from elsewhere (an imported workbook): its
    /// figures join the dataset under a source of their own, and it takes its
    /// place among the editions by publication date.
    pub fn add_edition(&mut self, mut edition: Edition, figures: &Dataset) {
        let offset = self.dataset.sources().len();
        self.dataset.merge(figures);
        edition.source = SourceId(offset + edition.source.0);
        let at = self
            .editions
            .partition_point(|e| e.published <= edition.published);
        self.editions.insert(at, edition);
    }
}

/// The bundled data, parsed once.
pub fn bundled() -> Result<&'static NatoData, DataError> {
    static DATA: OnceLock<Result<NatoData, DataError>> = OnceLock::new();
    DATA.get_or_init(load).as_ref().map_err(Clone::clone)
}

/// How `editions.json` describes an edition.
#[derive(Deserialize)]
struct EditionEntry {
    id: String,
    name: String,
    title: String,
    published: String,
    published_note: String,
    price_base: i32,
    definition: Definition,
    estimate_years: Vec<i32>,
    secondary: bool,
    citation: String,
    tables: Vec<String>,
}

#[derive(Deserialize)]
struct EditionsFile {
    editions: Vec<EditionEntry>,
}

/// Parses the bundled files (use [`bundled`] to parse them only once).
pub fn load() -> Result<NatoData, DataError> {
    let file_err = |file: &str, message: String| DataError::File {
        file: file.into(),
        message,
    };
    let entries: EditionsFile =
        serde_json::from_str(EDITIONS).map_err(|e| file_err("editions.json", e.to_string()))?;
    let mut dataset = Dataset::new();
    let mut editions = Vec::new();
    for entry in entries.editions {
        let published = Date::parse(&entry.published).ok_or_else(|| {
            file_err(
                "editions.json",
                format!("{}: bad date {:?}", entry.id, entry.published),
            )
        })?;
        let source = dataset.add_source(Source {
            id: entry.id.clone(),
            name: "NATO".into(),
            edition: source_edition(&entry.name, entry.definition, entry.secondary),
            citation: entry.citation.clone(),
            kind: if entry.secondary {
                SourceKind::Secondary
            } else {
                SourceKind::Official
            },
        });
        for table in &entry.tables {
            let text = TABLES
                .iter()
                .find(|(name, _)| name == table)
                .map(|(_, text)| *text)
                .ok_or_else(|| file_err(table, "not bundled".into()))?;
            read_table(&mut dataset, source, table, text)?;
        }
        let year = dataset
            .years(source, Measure::PctGdp)
            .last()
            .copied()
            .unwrap_or(published.year);
        editions.push(Edition {
            id: entry.id,
            name: entry.name,
            title: entry.title,
            published,
            published_note: entry.published_note,
            year,
            price_base: Some(entry.price_base),
            definition: entry.definition,
            estimate_years: entry.estimate_years,
            secondary: entry.secondary,
            citation: entry.citation,
            source,
            file: None,
        });
    }
    editions.sort_by_key(|e| e.published);
    let targets = parse_targets(TARGETS)?;
    Ok(NatoData {
        dataset,
        editions,
        targets,
    })
}

/// How a source line and a CSV row name an edition: "Jul 2026 edition,
/// core defence expenditure, secondary".
pub fn source_edition(name: &str, definition: Definition, secondary: bool) -> String {
    let mut s = format!("{name} edition");
    if definition == Definition::CoreDefenceExpenditure {
        s.push_str(", core defence expenditure");
    }
    if secondary {
        s.push_str(", secondary");
    }
    s
}

/// Reads one of the bundled tables:
/// `country,iso3,year,<value>[,prices],estimate,source`. What the value
/// measures follows from its column's name and the `prices` column.
fn read_table(
    dataset: &mut Dataset,
    source: SourceId,
    file: &str,
    text: &str,
) -> Result<(), DataError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let file_err = |message: String| DataError::File {
        file: file.into(),
        message,
    };
    let headers = reader
        .headers()
        .map_err(|e| file_err(e.to_string()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c_country), Some(c_iso3), Some(c_year), Some(c_est)) =
        (col("country"), col("iso3"), col("year"), col("estimate"))
    else {
        return Err(file_err(
            "missing one of the columns country, iso3, year, estimate".into(),
        ));
    };
    // The value column is the fourth; its name says what it holds.
    let c_value = 3;
    let value_column = headers.get(c_value).unwrap_or("").to_string();
    let c_prices = col("prices");
    for record in reader.records() {
        let record = record.map_err(|e| file_err(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let row_err = |message: String| DataError::Row {
            file: file.into(),
            line,
            message,
        };
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let measure = match (value_column.as_str(), c_prices.map(field)) {
            ("pct_gdp", _) => Some(Measure::PctGdp),
            ("equipment_pct_of_defence_exp", _) => Some(Measure::EquipmentShare),
            ("usd_million", Some("current")) => Some(Measure::UsdCurrent),
            ("usd_million", Some("constant_2015")) => Some(Measure::UsdConstant2015),
            ("usd_million", Some("constant_2021")) => Some(Measure::UsdConstant2021),
            _ => None,
        }
        .ok_or_else(|| {
            row_err(format!(
                "unknown value column {value_column:?} or price basis"
            ))
        })?;
        let year: i32 = field(c_year)
            .parse()
            .map_err(|_| row_err(format!("bad year {:?}", field(c_year))))?;
        let text = field(c_value).to_string();
        let value: f64 = text
            .parse()
            .map_err(|_| row_err(format!("bad value {text:?}")))?;
        let estimate = match field(c_est) {
            "true" => true,
            "false" => false,
            other => return Err(row_err(format!("bad estimate flag {other:?}"))),
        };
        dataset.push(Observation {
            source,
            measure,
            iso3: field(c_iso3).to_ascii_uppercase(),
            country: field(c_country).to_string(),
            year,
            value,
            text,
            estimate,
        })?;
    }
    Ok(())
}

/// What a target's value is a share of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetUnit {
    /// Percent of GDP.
    PercentOfGdp,
    /// Percent of defence expenditure (the equipment guideline).
    PercentOfDefenceExpenditure,
}

impl TargetUnit {
    /// The measure the target applies to.
    pub fn measure(self) -> Measure {
        match self {
            TargetUnit::PercentOfGdp => Measure::PctGdp,
            TargetUnit::PercentOfDefenceExpenditure => Measure::EquipmentShare,
        }
    }
}

/// A NATO spending guideline or pledge, from `targets.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Target {
    /// Unique id (`wales_2014_gdp_2pct`).
    pub id: String,
    /// How the target is known ("Wales pledge: 2 % of GDP").
    pub name: String,
    /// The level, in `unit`.
    pub value: f64,
    /// What the level is a share of.
    pub unit: TargetUnit,
    /// `at_least` or `up_to`.
    pub comparison: String,
    /// The year the target was agreed.
    pub year_set: i32,
    /// The year by which the target is to be met.
    pub deadline: Option<i32>,
    /// Whether it still stands, in NATO's words ("superseded by Hague 2025
    /// for the long-term level").
    pub status: String,
    /// The document that set it.
    pub citation: TargetCitation,
}

/// Where a target was set.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TargetCitation {
    /// The document's title, as cited.
    pub document: String,
}

impl Target {
    /// Whether a later commitment replaced it as the headline target.
    pub fn is_superseded(&self) -> bool {
        self.status.starts_with("superseded")
    }

    /// The place and year of the summit that set it ("Wales 2014", "The
    /// Hague 2025"), from the name's prefix before a colon.
    pub fn summit(&self) -> String {
        let head = self.name.split(':').next().unwrap_or(&self.name);
        // "Wales Defence Investment Pledge" names the pledge, not the year.
        let place = head.split(" Defence").next().unwrap_or(head).trim();
        if place.chars().any(|c| c.is_ascii_digit()) {
            place.to_string()
        } else {
            format!("{place} {}", self.year_set)
        }
    }

    /// The document that set it, without paragraph details ("Wales Summit
    /// Declaration").
    pub fn document(&self) -> &str {
        let doc = &self.citation.document;
        doc.split(',').next().unwrap_or(doc).trim()
    }
}

#[derive(Deserialize)]
struct TargetsFile {
    targets: Vec<Target>,
}

fn parse_targets(text: &str) -> Result<Vec<Target>, DataError> {
    serde_json::from_str::<TargetsFile>(text)
        .map(|f| f.targets)
        .map_err(|e| DataError::File {
            file: "targets.json".into(),
            message: e.to_string(),
        })
}
