//! Defence-spending datasets: NATO's published figures, the spending targets,
//! and figures the analyst imports from CSV files.
//!
//! A [`Dataset`] holds observations from several [`Source`]s at once (NATO's
//! June 2024, August 2025 and July 2026 editions, an imported SIPRI
//! sheet), each observation keeping the text the source printed ("3.26") so
//! that what is displayed is what the table says.
//!
//! - [`nato`]: the bundled NATO tables and targets, compiled into the program;
//! - [`edition`]: NATO's editions, their dates, definitions and provenance;
//! - [`workbook`]: a new edition from NATO's Excel workbook;
//! - [`import`]: CSV files in long, wide, World Bank and SIPRI layouts;
//! - [`countries`]: country names and ISO3 codes;
//! - [`claim`]: a spending claim set against the official figure.

pub mod claim;
pub mod countries;
pub mod edition;
pub mod import;
pub mod nato;
pub mod workbook;
pub mod year;

use std::collections::HashMap;
use std::fmt;

pub use claim::{ClaimCheck, claim_check};
pub use edition::{Date, Definition, Edition};
pub use nato::{Target, TargetUnit};

/// What an observation measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// Defence expenditure as a percent of GDP (NATO Table 3).
    PctGdp,
    /// Equipment expenditure as a percent of defence expenditure (Table 8a).
    EquipmentShare,
    /// Million US dollars at current prices and exchange rates (Table 2).
    UsdCurrent,
    /// Million US dollars at constant 2015 prices and exchange rates (the
    /// June 2024 edition).
    UsdConstant2015,
    /// Million US dollars at constant 2021 prices and exchange rates (the
    /// editions from 2025).
    UsdConstant2021,
}

impl Measure {
    /// Every measure, in the order menus list them.
    pub const ALL: [Measure; 5] = [
        Measure::PctGdp,
        Measure::EquipmentShare,
        Measure::UsdCurrent,
        Measure::UsdConstant2015,
        Measure::UsdConstant2021,
    ];

    /// The unit name written in exported CSV files.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::PctGdp => "pct_gdp",
            Measure::EquipmentShare => "pct_defence_expenditure",
            Measure::UsdCurrent => "usd_million_current",
            Measure::UsdConstant2015 => "usd_million_constant_2015",
            Measure::UsdConstant2021 => "usd_million_constant_2021",
        }
    }

    /// Axis label.
    pub fn label(self) -> &'static str {
        match self {
            Measure::PctGdp => "Defence expenditure, % of GDP",
            Measure::EquipmentShare => "Equipment, % of defence expenditure",
            Measure::UsdCurrent => "Million US$, current prices",
            Measure::UsdConstant2015 => "Million US$, constant 2015 prices",
            Measure::UsdConstant2021 => "Million US$, constant 2021 prices",
        }
    }

    /// Whether values are percentages (shown with a "%" sign).
    pub fn is_percent(self) -> bool {
        matches!(self, Measure::PctGdp | Measure::EquipmentShare)
    }

    /// Parses a unit name or a usual short form (`pct_gdp`, `equipment`, `usd`).
    pub fn parse(s: &str) -> Option<Measure> {
        let s = s.trim().to_ascii_lowercase();
        Measure::ALL
            .into_iter()
            .find(|m| m.unit() == s)
            .or(match s.as_str() {
                "gdp" | "pct" | "percent_of_gdp" | "share_of_gdp" => Some(Measure::PctGdp),
                "equipment" | "percent_of_defence_expenditure" => Some(Measure::EquipmentShare),
                "usd" | "usd_current" => Some(Measure::UsdCurrent),
                "usd_constant" | "usd_constant_2015" => Some(Measure::UsdConstant2015),
                "usd_constant_2021" => Some(Measure::UsdConstant2021),
                _ => None,
            })
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.unit())
    }
}

/// How far a source can be trusted as "the official figure".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// Read from the publisher's own document.
    Official,
    /// The publisher's figures as read by others (a third party's machine
    /// read of NATO's Excel file).
    Secondary,
    /// A file the analyst imported.
    Imported,
}

/// Where a set of observations comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Short identifier, unique within a dataset (`nato-2024`).
    pub id: String,
    /// Publisher or file name, as shown in legends ("NATO").
    pub name: String,
    /// The edition in a few words, as claim checks cite it ("2024 edition").
    pub edition: String,
    /// Full citation for source lines and exports.
    pub citation: String,
    /// Official, secondary or imported.
    pub kind: SourceKind,
}

/// Index of a source in its [`Dataset`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub usize);

/// One figure: a country's value for a year.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// Where the figure comes from.
    pub source: SourceId,
    /// What the figure measures.
    pub measure: Measure,
    /// ISO 3166-1 alpha-3, upper case.
    pub iso3: String,
    /// The country's name as the source spells it.
    pub country: String,
    /// The year the figure is for.
    pub year: i32,
    /// The figure, in the measure's unit.
    pub value: f64,
    /// The value as printed ("3.26", "1,234" becomes "1234"); displayed
    /// instead of a re-formatted float so decimals match the source.
    pub text: String,
    /// The source marks the figure as an estimate ("2023e").
    pub estimate: bool,
}

/// Why a dataset could not be built.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DataError {
    /// A row of a bundled file is wrong.
    #[error("{file}, line {line}: {message}")]
    Row {
        /// The file, as named to Dossier.
        file: String,
        /// The line, counted from 1.
        line: u64,
        /// What is wrong, in words.
        message: String,
    },
    /// A bundled file is wrong as a whole.
    #[error("{file}: {message}")]
    File {
        /// The file, as named to Dossier.
        file: String,
        /// What is wrong, in words.
        message: String,
    },
    /// Two values for one source, measure, country and year.
    #[error("{iso3} {year} {measure} appears twice in source {source_name}")]
    Duplicate {
        /// The source the figures came from.
        source_name: String,
        /// What the figures measure.
        measure: Measure,
        /// The country.
        iso3: String,
        /// The year.
        year: i32,
    },
}

/// Observations from one or more sources, indexed by source, measure,
/// country and year.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    sources: Vec<Source>,
    observations: Vec<Observation>,
    index: HashMap<(SourceId, Measure, String, i32), usize>,
}

impl Dataset {
    /// An empty dataset.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a source; its observations are pushed with the id returned.
    pub fn add_source(&mut self, source: Source) -> SourceId {
        self.sources.push(source);
        SourceId(self.sources.len() - 1)
    }

    /// Every source, in the order added.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source with this index.
    pub fn source(&self, id: SourceId) -> Option<&Source> {
        self.sources.get(id.0)
    }

    /// The source whose [`Source::id`] is `id`.
    pub fn source_by_id(&self, id: &str) -> Option<SourceId> {
        self.sources.iter().position(|s| s.id == id).map(SourceId)
    }

    /// Every observation, in the order added.
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// Whether there is no observation.
    pub fn is_empty(&self) -> bool {
        self.observations.is_empty()
    }

    /// Adds an observation; a second value for the same source, measure,
    /// country and year is refused.
    pub fn push(&mut self, obs: Observation) -> Result<(), DataError> {
        let key = (obs.source, obs.measure, obs.iso3.clone(), obs.year);
        if self.index.contains_key(&key) {
            return Err(DataError::Duplicate {
                source_name: self
                    .source(obs.source)
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
                measure: obs.measure,
                iso3: obs.iso3,
                year: obs.year,
            });
        }
        self.index.insert(key, self.observations.len());
        self.observations.push(obs);
        Ok(())
    }

    /// Adds every source and observation of `other`.
    pub fn merge(&mut self, other: &Dataset) {
        let offset = self.sources.len();
        self.sources.extend(other.sources.iter().cloned());
        for obs in &other.observations {
            let mut obs = obs.clone();
            obs.source = SourceId(obs.source.0 + offset);
            // Keys cannot collide: the source ids are new.
            let _ = self.push(obs);
        }
    }

    /// The observation of one source.
    pub fn get(
        &self,
        source: SourceId,
        measure: Measure,
        iso3: &str,
        year: i32,
    ) -> Option<&Observation> {
        let key = (source, measure, iso3.to_ascii_uppercase(), year);
        self.index.get(&key).map(|&i| &self.observations[i])
    }

    /// The best figure from the publisher: an official source first, then a
    /// secondary one; imported files never count.
    pub fn best(&self, measure: Measure, iso3: &str, year: i32) -> Option<&Observation> {
        [SourceKind::Official, SourceKind::Secondary]
            .into_iter()
            .find_map(|kind| {
                self.sources
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.kind == kind)
                    .find_map(|(i, _)| self.get(SourceId(i), measure, iso3, year))
            })
    }

    /// The defence expenditure as a share of GDP from the first source that
    /// has it (NATO's primary June 2024 edition before the secondary ones).
    /// Claims are checked edition by edition instead, see [`claim`].
    pub fn official(&self, iso3: &str, year: i32) -> Option<&Observation> {
        self.best(Measure::PctGdp, iso3, year)
    }

    /// The latest year with a figure of this measure from a source of `kind`.
    pub fn latest_year(&self, measure: Measure, kind: SourceKind) -> Option<i32> {
        self.observations
            .iter()
            .filter(|o| o.measure == measure && self.sources[o.source.0].kind == kind)
            .map(|o| o.year)
            .max()
    }

    /// Every figure of one source and measure for one year.
    pub fn for_year(&self, source: SourceId, measure: Measure, year: i32) -> Vec<&Observation> {
        self.observations
            .iter()
            .filter(|o| o.source == source && o.measure == measure && o.year == year)
            .collect()
    }

    /// One country's figures from one source, by year.
    pub fn series(&self, source: SourceId, measure: Measure, iso3: &str) -> Vec<&Observation> {
        let mut v: Vec<&Observation> = self
            .observations
            .iter()
            .filter(|o| {
                o.source == source && o.measure == measure && o.iso3.eq_ignore_ascii_case(iso3)
            })
            .collect();
        v.sort_by_key(|o| o.year);
        v
    }

    /// The years one source has for a measure, ascending.
    pub fn years(&self, source: SourceId, measure: Measure) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .observations
            .iter()
            .filter(|o| o.source == source && o.measure == measure)
            .map(|o| o.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The country codes one source has for a measure, sorted.
    pub fn countries(&self, source: SourceId, measure: Measure) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .observations
            .iter()
            .filter(|o| o.source == source && o.measure == measure)
            .map(|o| o.iso3.as_str())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The source's spelling of a country's name, if it has one.
    pub fn country_name(&self, iso3: &str) -> Option<&str> {
        self.observations
            .iter()
            .find(|o| o.iso3.eq_ignore_ascii_case(iso3))
            .map(|o| o.country.as_str())
    }
}

/// Formats a number with at most `max_decimals` decimals, without trailing
/// zeros but with at least `min_decimals` ("4.0", "3.26", "2").
pub fn format_number(value: f64, min_decimals: usize, max_decimals: usize) -> String {
    let mut s = format!("{value:.max_decimals$}");
    if s.contains('.') {
        let keep = s
            .find('.')
            .map(|dot| dot + 1 + min_decimals)
            .unwrap_or(s.len());
        while s.len() > keep && s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    // "-0.00" rounds a tiny negative number: no sign on zero.
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s.remove(0);
    }
    s
}
