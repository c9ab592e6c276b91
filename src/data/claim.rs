//! A spending claim set against NATO's figures: the edition that was current
//! when the article was published, and the latest one.
//!
//! An analyst asks two questions of a claim: was it right when it was made,
//! and is it right now? "Poland ... approximately 4% of its GDP on defense
//! in 2023", in an article of 1 October 2025, is set against the August 2025
//! edition (3.27 %, current then) and the July 2026 edition (3.26 %).
//!
//! The year compared is the claim's. A claim without a year is compared with
//! the article's publication year and says so; without a date either it is
//! not compared at all: comparing it with the latest year in the data would
//! set a 2017 "two percent" against a 2024 figure.
//!
//! Shares of GDP are compared with Table 3, amounts in US dollars with Table
//! 2 at current prices; other currencies are listed with the reason they are
//! not compared.

use super::edition::{AtTime, Date, Definition, Edition};
use super::nato::NatoData;
use super::{Measure, countries, format_number};
use crate::model::ClaimUnit;

/// A claim to check, with the publication date of the article it is in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClaimQuery<'a> {
    /// A name or an ISO3 code.
    pub country: &'a str,
    pub year: Option<i32>,
    /// Percent of GDP as the percent number, or an amount in the unit's
    /// currency (not millions).
    pub value: f64,
    pub unit: ClaimUnit,
    /// The article's publication date as the document gives it.
    pub published: Option<&'a str>,
}

/// Where the compared year comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearBasis {
    /// The claim names it.
    Stated,
    /// The claim names none; the article's publication year is used.
    FromArticleDate,
    /// Neither the claim nor the article gives a year: not compared.
    NotStated,
}

impl YearBasis {
    /// As written in the ledger and the claims table.
    pub fn as_str(self) -> &'static str {
        match self {
            YearBasis::Stated => "stated",
            YearBasis::FromArticleDate => "year taken from the article's date",
            YearBasis::NotStated => "year not stated",
        }
    }
}

/// One edition's figure for the claim.
#[derive(Clone, Debug, PartialEq)]
pub struct EditionFigure {
    /// The edition's id (`nato-2025`).
    pub edition_id: String,
    /// "Aug 2025".
    pub edition: String,
    /// As cited beside the value: "Jul 2026, core, est.".
    pub tag: String,
    pub definition: Definition,
    /// The edition is a third party's read of NATO's file.
    pub secondary: bool,
    /// Table 3 share of GDP, or Table 2 current US dollars (millions).
    pub measure: Measure,
    pub value: f64,
    /// As printed ("4.48", "29123").
    pub text: String,
    pub estimate: bool,
    /// Claimed minus official, in the measure's unit (percentage points, or
    /// million US dollars).
    pub difference: f64,
}

/// A claim and the figures it was checked against.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimCheck {
    pub iso3: Option<String>,
    /// The country as NATO spells it, else as the claim gives it.
    pub country: String,
    pub claimed: f64,
    pub unit: ClaimUnit,
    /// The year the claim names.
    pub claimed_year: Option<i32>,
    /// The year compared: the claim's, or the article's publication year.
    pub year: Option<i32>,
    pub year_basis: YearBasis,
    /// The article's date, when it could be read.
    pub published: Option<Date>,
    /// The edition current at the article's date and its figure.
    pub at_time: Option<EditionFigure>,
    pub at_time_basis: AtTime,
    /// The latest (or chosen) edition's figure.
    pub now: Option<EditionFigure>,
    /// "Poland 2025: claimed 4.7 %; NATO at the time (Aug 2025, est.) 4.48 %;
    /// NATO now (Jul 2026, core, est.) 4.25 %".
    pub sentence: String,
    /// Why something is missing or what to keep in mind: no date, the
    /// edition is older than the article, secondary editions, a currency not
    /// compared.
    pub notes: Vec<String>,
}

impl ClaimCheck {
    /// Whether any edition's figure was found.
    pub fn compared(&self) -> bool {
        self.at_time.is_some() || self.now.is_some()
    }

    /// The sentence and its notes, for a tooltip or a log line.
    pub fn full_text(&self) -> String {
        if self.notes.is_empty() {
            self.sentence.clone()
        } else {
            format!("{} ({})", self.sentence, self.notes.join("; "))
        }
    }

    /// The figure compared with when only one can be shown: now, else at
    /// the time.
    pub fn main_figure(&self) -> Option<&EditionFigure> {
        self.now.as_ref().or(self.at_time.as_ref())
    }
}

/// Checks a claim against the edition current at the article's date and
/// against the latest edition.
pub fn claim_check(nato: &NatoData, query: &ClaimQuery<'_>) -> ClaimCheck {
    claim_check_against(nato, nato.latest(), query)
}

/// [`claim_check`] with `now` as the edition that stands for "NATO now".
pub fn claim_check_against(nato: &NatoData, now: &Edition, query: &ClaimQuery<'_>) -> ClaimCheck {
    let iso3 = countries::iso3_of(query.country);
    let country = iso3
        .and_then(|c| nato.dataset.country_name(c))
        .or_else(|| iso3.and_then(countries::by_iso3).map(|c| c.name))
        .unwrap_or(query.country)
        .to_string();
    let published = query.published.and_then(Date::parse);
    let (year, year_basis) = match (query.year, published) {
        (Some(y), _) => (Some(y), YearBasis::Stated),
        (None, Some(d)) => (Some(d.year), YearBasis::FromArticleDate),
        (None, None) => (None, YearBasis::NotStated),
    };
    let at_time_basis = nato.current_at(published);
    let mut check = ClaimCheck {
        iso3: iso3.map(str::to_string),
        country,
        claimed: query.value,
        unit: query.unit,
        claimed_year: query.year,
        year,
        year_basis,
        published,
        at_time: None,
        at_time_basis,
        now: None,
        sentence: String::new(),
        notes: Vec::new(),
    };
    let claimed_text = claimed_text(query.value, query.unit);
    let head = match (year, year_basis) {
        (Some(y), YearBasis::FromArticleDate) => {
            format!("{} {y} (year taken from the article's date)", check.country)
        }
        (Some(y), _) => format!("{} {y}", check.country),
        (None, _) => format!("{}, year not stated", check.country),
    };
    check.sentence = format!("{head}: claimed {claimed_text}");
    let measure = match query.unit {
        ClaimUnit::PctGdp => Measure::PctGdp,
        ClaimUnit::Usd => Measure::UsdCurrent,
        ClaimUnit::Eur | ClaimUnit::Other => {
            check.notes.push(format!(
                "not compared: amounts in {} would need an exchange rate; NATO's tables are in US dollars and shares of GDP",
                match query.unit {
                    ClaimUnit::Eur => "euros",
                    _ => "this currency",
                }
            ));
            return check;
        }
    };
    if !query.value.is_finite() {
        check
            .notes
            .push("not compared: the claimed value is not a number".into());
        return check;
    }
    let Some(iso3) = iso3 else {
        check
            .notes
            .push("not compared: the country is not known".into());
        return check;
    };
    let Some(year) = year else {
        check
            .notes
            .push("not compared: the claim gives no year and the article has no date".into());
        return check;
    };
    // Dollar claims are amounts, NATO's Table 2 is in millions.
    let claimed = match measure {
        Measure::PctGdp => query.value,
        _ => query.value / 1e6,
    };
    let figure = |edition: &Edition| -> Option<EditionFigure> {
        let o = nato.figure(edition, measure, iso3, year)?;
        Some(EditionFigure {
            edition_id: edition.id.clone(),
            edition: edition.name.clone(),
            tag: edition.tag(o.estimate),
            definition: edition.definition,
            secondary: edition.secondary,
            measure,
            value: o.value,
            text: o.text.clone(),
            estimate: o.estimate,
            difference: round4(claimed - o.value),
        })
    };
    let missing = |edition: &Edition| -> String {
        if nato.dataset.years(edition.source, measure).is_empty() {
            format!(
                "the {} edition here has no {}",
                edition.name,
                match measure {
                    Measure::PctGdp => "Table 3 (share of GDP)",
                    _ => "Table 2 (US dollars)",
                }
            )
        } else {
            format!(
                "the {} edition has no figure for {} {year}",
                edition.name, check.country
            )
        }
    };
    let then_edition = at_time_basis.index().and_then(|i| nato.editions.get(i));
    check.now = figure(now);
    check.at_time = then_edition.and_then(figure);
    let unit = figure_unit(measure);
    let mut parts = vec![check.sentence.clone()];
    let same_edition = then_edition.is_some_and(|e| e.id == now.id);
    match (&check.at_time, &check.now) {
        (Some(_), Some(n)) if same_edition => {
            parts.push(format!(
                "NATO at the time and now ({}) {}{unit}",
                n.tag, n.text
            ));
        }
        (Some(t), Some(n)) if t.text == n.text && t.estimate == n.estimate => parts.push(format!(
            "NATO at the time ({}) and now ({}) {}{unit}",
            t.tag, n.tag, n.text
        )),
        (t, n) => {
            if let Some(t) = t {
                parts.push(format!("NATO at the time ({}) {}{unit}", t.tag, t.text));
            }
            if let Some(n) = n {
                parts.push(format!("NATO now ({}) {}{unit}", n.tag, n.text));
            }
        }
    }
    check.sentence = parts.join("; ");
    match at_time_basis {
        AtTime::NoDate => check
            .notes
            .push("the article has no date, so there is no figure at the time".into()),
        AtTime::OlderThanAll(_) => {
            if let (Some(d), Some(e)) = (published, then_edition) {
                check.notes.push(format!(
                    "the article ({}) is older than every edition: at the time means the oldest, {}",
                    d.long(),
                    e.name
                ));
            }
        }
        AtTime::Current(_) => {}
    }
    if let Some(e) = then_edition
        && check.at_time.is_none()
    {
        check.notes.push(format!("at the time: {}", missing(e)));
    }
    if check.now.is_none() {
        check.notes.push(format!("now: {}", missing(now)));
    }
    let mut secondary: Vec<&str> = Vec::new();
    for f in [&check.at_time, &check.now].into_iter().flatten() {
        if f.secondary && !secondary.contains(&f.edition.as_str()) {
            secondary.push(&f.edition);
        }
    }
    if !secondary.is_empty() {
        check.notes.push(format!(
            "{} edition{} secondary: a third party's machine read of NATO's Excel file",
            secondary.join(" and "),
            if secondary.len() > 1 { "s are" } else { " is" }
        ));
    }
    check
}

/// The claimed value as the sentence writes it: "4.7 %", "US$ 31,600 m".
fn claimed_text(value: f64, unit: ClaimUnit) -> String {
    match unit {
        ClaimUnit::PctGdp => format!("{} %", format_number(value, 1, 2)),
        ClaimUnit::Usd => format!("US$ {} m", format_number(value / 1e6, 0, 1)),
        ClaimUnit::Eur => format!("EUR {} m", format_number(value / 1e6, 0, 1)),
        ClaimUnit::Other => format_number(value, 0, 2),
    }
}

fn figure_unit(measure: Measure) -> &'static str {
    if measure.is_percent() {
        " %"
    } else {
        " million US$ (current prices)"
    }
}

/// Rounded to the precision of the published figures, so that 2.1 - 2.0
/// reads 0.1 and not 0.10000000000000009.
fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}
