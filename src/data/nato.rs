//! NATO's defence-expenditure tables and spending targets, compiled into the
//! program from `sample-data/nato/` (provenance in `NOTES.md` there).
//!
//! The main tables are the June 2024 edition, *Defence Expenditure of NATO
//! Countries (2014-2024)*: Table 3 (share of real GDP), Table 8a (equipment
//! share) and Table 2 (US dollars). 2023 and 2024 are NATO's estimates. The
//! eight 2025 estimates of the August 2025 edition are only known from press
//! reports and are kept as a separate, secondary source. Iceland, which has
//! no armed forces, has no rows.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{DataError, Dataset, Measure, Observation, Source, SourceId, SourceKind};

const PCT_GDP: &str = include_str!("../../sample-data/nato/nato_defence_expenditure_pct_gdp.csv");
const EQUIPMENT: &str = include_str!("../../sample-data/nato/nato_equipment_share.csv");
const USD: &str = include_str!("../../sample-data/nato/nato_defence_expenditure_usd.csv");
const PRESS_2025: &str =
    include_str!("../../sample-data/nato/nato_defence_expenditure_pct_gdp_2025e_press.csv");
const TARGETS: &str = include_str!("../../sample-data/nato/targets.json");

/// Source id of the June 2024 edition.
pub const EDITION_2024: &str = "nato-2024";
/// Source id of the press-reported 2025 estimates.
pub const PRESS_2025_ID: &str = "nato-2025-press";

/// The bundled NATO figures and targets.
#[derive(Debug, Clone)]
pub struct NatoData {
    pub dataset: Dataset,
    /// The June 2024 edition.
    pub edition: SourceId,
    /// The 2025 estimates reported by the press.
    pub press_2025: SourceId,
    pub targets: Vec<Target>,
}

/// The bundled data, parsed once.
pub fn bundled() -> Result<&'static NatoData, DataError> {
    static DATA: OnceLock<Result<NatoData, DataError>> = OnceLock::new();
    DATA.get_or_init(load).as_ref().map_err(Clone::clone)
}

/// Parses the bundled files (use [`bundled`] to parse them only once).
pub fn load() -> Result<NatoData, DataError> {
    let mut dataset = Dataset::new();
    let edition = dataset.add_source(Source {
        id: EDITION_2024.into(),
        name: "NATO".into(),
        edition: "2024 edition".into(),
        citation: "NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024 \
                   (cut-off 12 June 2024); 2023 and 2024 are estimates"
            .into(),
        kind: SourceKind::Official,
    });
    let press_2025 = dataset.add_source(Source {
        id: PRESS_2025_ID.into(),
        name: "NATO (press reports)".into(),
        edition: "2025 edition, press reports".into(),
        citation: "NATO, Defence Expenditure of NATO Countries (2014-2025), 28 August 2025, \
                   as reported by at least two news outlets (secondary)"
            .into(),
        kind: SourceKind::Secondary,
    });
    read_table(
        &mut dataset,
        edition,
        "nato_defence_expenditure_pct_gdp.csv",
        PCT_GDP,
        |_| Some(Measure::PctGdp),
    )?;
    read_table(
        &mut dataset,
        edition,
        "nato_equipment_share.csv",
        EQUIPMENT,
        |_| Some(Measure::EquipmentShare),
    )?;
    read_table(
        &mut dataset,
        edition,
        "nato_defence_expenditure_usd.csv",
        USD,
        |prices| match prices {
            Some("current") => Some(Measure::UsdCurrent),
            Some("constant_2015") => Some(Measure::UsdConstant2015),
            _ => None,
        },
    )?;
    read_table(
        &mut dataset,
        press_2025,
        "nato_defence_expenditure_pct_gdp_2025e_press.csv",
        PRESS_2025,
        |_| Some(Measure::PctGdp),
    )?;
    let targets = parse_targets(TARGETS)?;
    Ok(NatoData {
        dataset,
        edition,
        press_2025,
        targets,
    })
}

/// Reads one of the bundled tables: `country,iso3,year,<value>[,prices],estimate,source`.
fn read_table(
    dataset: &mut Dataset,
    source: SourceId,
    file: &str,
    text: &str,
    measure_of: impl Fn(Option<&str>) -> Option<Measure>,
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
        let measure =
            measure_of(c_prices.map(field)).ok_or_else(|| row_err("unknown price basis".into()))?;
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
    PercentOfGdp,
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
    pub id: String,
    pub name: String,
    pub value: f64,
    pub unit: TargetUnit,
    /// `at_least` or `up_to`.
    pub comparison: String,
    pub year_set: i32,
    /// The year by which the target is to be met.
    pub deadline: Option<i32>,
    pub status: String,
    pub citation: TargetCitation,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TargetCitation {
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
