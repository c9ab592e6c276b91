//! Editions of NATO's *Defence Expenditure of NATO Countries*.
//!
//! NATO publishes the report once or twice a year and each edition revises
//! earlier years, above all the estimates: Poland's 2024 share of GDP was
//! 4.12 % (estimate) in June 2024, 3.79 % in August 2025 and 3.75 % in July
//! 2026. An edition is therefore a dimension of every figure: its name and
//! publication date, the prices its real shares are based on, what it counts
//! as defence expenditure (from 2026, "core defence expenditure", the basis
//! of the Hague 3.5 % commitment), which years are estimates and where the
//! figures came from.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use super::SourceId;

/// A calendar date, as far as articles and editions give one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Date {
    /// The date, if the month and day are in range (the day is not checked
    /// against the month's length).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }

    /// Reads a publication date as sources give it: ISO 8601 (`2025-10-01`,
    /// `2025-10-01T08:00:00Z`, `2025-10`), `2025/10/01`, or with the month
    /// in words (`1 October 2025`, `Oct. 1, 2025`). A missing day or month
    /// reads as the first. `None` when no year can be found.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let iso: Vec<&str> = text
            .split(['T', ' '])
            .next()
            .unwrap_or("")
            .split(['-', '/', '.'])
            .collect();
        if let Some(year) = iso
            .first()
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse().ok())
        {
            let part = |i: usize| iso.get(i).and_then(|p| p.parse::<u32>().ok());
            match (part(1), part(2)) {
                (Some(m), Some(d)) => return Date::new(year, m, d),
                (Some(m), None) if iso.len() == 2 => return Date::new(year, m, 1),
                (None, None) if iso.len() == 1 => return Date::new(year, 1, 1),
                _ => {}
            }
        }
        // Words: a four-digit year, a month name and at most one day number.
        let mut year = None;
        let mut month = None;
        let mut day = None;
        for token in text.split(|c: char| !c.is_alphanumeric()) {
            if token.is_empty() {
                continue;
            }
            if let Ok(n) = token.parse::<u32>() {
                if token.len() == 4 {
                    year = Some(n as i32);
                } else if n <= 31 {
                    day = day.or(Some(n));
                }
            } else {
                let lower = token.to_lowercase();
                if lower.len() >= 3
                    && let Some(i) = MONTHS.iter().position(|m| m.starts_with(&lower))
                {
                    month = month.or(Some(i as u32 + 1));
                }
            }
        }
        Date::new(year?, month.unwrap_or(1), day.unwrap_or(1))
    }

    /// "1 Oct 2025".
    pub fn long(&self) -> String {
        let month = MONTHS[(self.month as usize).saturating_sub(1).min(11)];
        format!("{} {} {}", self.day, title_case(&month[..3]), self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What an edition counts as defence expenditure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Definition {
    /// NATO's definition of defence expenditure (editions up to 2025).
    DefenceExpenditure,
    /// "Core defence expenditure", the measure of the Hague 3.5 %
    /// commitment, used from the 2026 edition.
    CoreDefenceExpenditure,
}

impl Definition {
    /// The definition's name, as NATO writes it.
    pub fn name(self) -> &'static str {
        match self {
            Definition::DefenceExpenditure => "defence expenditure",
            Definition::CoreDefenceExpenditure => "core defence expenditure",
        }
    }

    /// The short tag written beside figures ("core"); empty for the
    /// definition all earlier editions use.
    pub fn tag(self) -> &'static str {
        match self {
            Definition::DefenceExpenditure => "",
            Definition::CoreDefenceExpenditure => "core",
        }
    }
}

/// One edition of NATO's report, as loaded into a [`super::Dataset`].
#[derive(Clone, Debug, PartialEq)]
pub struct Edition {
    /// Unique id (`nato-2026`; `nato-2025-file` for an imported workbook).
    pub id: String,
    /// Month and year of publication, as cited ("Jul 2026").
    pub name: String,
    /// "Defence Expenditure of NATO Countries (2014-2026)".
    pub title: String,
    /// When it was published.
    pub published: Date,
    /// How the publication date is known.
    pub published_note: String,
    /// The last year the edition covers (2026 for 2014-2026).
    pub year: i32,
    /// The prices its real shares and constant dollars are based on (2015,
    /// 2021); `None` when the workbook did not say.
    pub price_base: Option<i32>,
    /// The definition of defence spending it follows.
    pub definition: Definition,
    /// The years it marks as estimates ("2025e").
    pub estimate_years: Vec<i32>,
    /// Not read from NATO's own document by Dossier's maintainers or the
    /// analyst, but from a third party's read of it.
    pub secondary: bool,
    /// Full citation, for source lines and exports.
    pub citation: String,
    /// Its figures in the dataset.
    pub source: SourceId,
    /// The workbook the analyst imported it from.
    pub file: Option<PathBuf>,
}

impl Edition {
    /// How a figure of this edition is cited next to its value: "Aug 2025,
    /// est." or "Jul 2026, core, est.".
    pub fn tag(&self, estimate: bool) -> String {
        let mut parts = vec![self.name.clone()];
        if !self.definition.tag().is_empty() {
            parts.push(self.definition.tag().into());
        }
        if estimate {
            parts.push("est.".into());
        }
        parts.join(", ")
    }

    /// One line on what the edition is: "Jul 2026 edition (published 10 Jul
    /// 2026; core defence expenditure; 2021 prices; 2025-2026 estimates;
    /// secondary: machine read of NATO's Excel file)".
    pub fn describe(&self) -> String {
        let mut parts = vec![
            format!("published {}", self.published.long()),
            self.definition.name().to_string(),
        ];
        if let Some(base) = self.price_base {
            parts.push(format!("{base} prices"));
        }
        match (self.estimate_years.first(), self.estimate_years.last()) {
            (Some(a), Some(b)) if a != b => parts.push(format!("{a}-{b} estimates")),
            (Some(a), _) => parts.push(format!("{a} estimates")),
            _ => {}
        }
        if self.secondary {
            parts.push("secondary: a third party's machine read of NATO's Excel file".into());
        }
        if let Some(file) = &self.file {
            parts.push(format!("imported from {}", file.display()));
        }
        format!("{} edition ({})", self.name, parts.join("; "))
    }

    /// Whether `query` names this edition: its id, its name, the last year
    /// it covers (`2026`) or its file name.
    pub fn is_named(&self, query: &str) -> bool {
        let q = query.trim();
        self.id.eq_ignore_ascii_case(q)
            || self.name.eq_ignore_ascii_case(q)
            || self.year.to_string() == q
            || self
                .file
                .as_ref()
                .and_then(|f| f.file_name())
                .is_some_and(|f| f.to_string_lossy().eq_ignore_ascii_case(q))
    }
}

/// Which edition was current when an article was published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtTime {
    /// The newest edition published on or before the article's date.
    Current(usize),
    /// The article is older than every edition: the oldest one, said so.
    OlderThanAll(usize),
    /// The article has no date.
    NoDate,
}

impl AtTime {
    /// The index of the edition, if any.
    pub fn index(self) -> Option<usize> {
        match self {
            AtTime::Current(i) | AtTime::OlderThanAll(i) => Some(i),
            AtTime::NoDate => None,
        }
    }
}

/// The edition of `editions` (oldest first) that was current on `date`.
pub fn current_at(editions: &[Edition], date: Option<Date>) -> AtTime {
    let Some(date) = date else {
        return AtTime::NoDate;
    };
    let newest = editions
        .iter()
        .enumerate()
        .filter(|(_, e)| e.published <= date)
        .max_by_key(|(i, e)| (e.published, *i))
        .map(|(i, _)| i);
    match newest {
        Some(i) => AtTime::Current(i),
        None => editions
            .iter()
            .enumerate()
            .min_by_key(|(i, e)| (e.published, *i))
            .map_or(AtTime::NoDate, |(i, _)| AtTime::OlderThanAll(i)),
    }
}
