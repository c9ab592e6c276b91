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
    /// The year the claim names.
    pub year: Option<i32>,
    /// Percent of GDP as the percent number, or an amount in the unit's
    /// currency (not millions).
    pub value: f64,
    /// The unit of `value`.
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
    /// The definition of defence spending the edition follows.
    pub definition: Definition,
    /// The edition is a third party's read of NATO's file.
    pub secondary: bool,
    /// Table 3 share of GDP, or Table 2 current US dollars (millions).
    pub measure: Measure,
    /// NATO's figure, in the measure's unit.
    pub value: f64,
    /// As printed ("4.48", "29123").
    pub text: String,
    /// The edition marks the figure as an estimate.
    pub estimate: bool,
    /// Claimed minus official, in the measure's unit (percentage points, or
    /// million US dollars).
    pub difference: f64,
}

/// A claim and the figures it was checked against.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimCheck {
    /// The country's ISO3 code, when the name is known.
    pub iso3: Option<String>,
    /// The country as NATO spells it, else as the claim gives it.
    pub country: String,
    /// The claimed value, as the claim gives it.
    pub claimed: f64,
    /// The unit of `claimed`.
    pub unit: ClaimUnit,
    /// The year the claim names.
    pub claimed_year: Option<i32>,
    /// The year compared: the claim's, or the article's publication year.
    pub year: Option<i32>,
    /// Where `year` comes from.
    pub year_basis: YearBasis,
    /// The article's date, when it could be read.
    pub published: Option<Date>,
    /// The edition current at the article's date and its figure.
    pub at_time: Option<EditionFigure>,
    /// Which edition "at the time" is, and why.
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
    let mut check = unchecked(nato, query);
    let Some((measure, iso3, year)) = comparable(&mut check, query) else {
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
    let then_edition = check
        .at_time_basis
        .index()
        .and_then(|i| nato.editions.get(i));
    check.now = figure(now);
    check.at_time = then_edition.and_then(figure);
    let same_edition = then_edition.is_some_and(|e| e.id == now.id);
    check.sentence = compared_sentence(&check, same_edition, figure_unit(measure));
    let missing = |edition: &Edition| missing_figure(nato, edition, measure, &check.country, year);
    let mut notes = Vec::new();
    if let Some(note) = at_time_note(check.at_time_basis, check.published, then_edition) {
        notes.push(note);
    }
    if let Some(e) = then_edition
        && check.at_time.is_none()
    {
        notes.push(format!("at the time: {}", missing(e)));
    }
    if check.now.is_none() {
        notes.push(format!("now: {}", missing(now)));
    }
    check.notes.extend(notes);
    if let Some(note) = secondary_note(&check) {
        check.notes.push(note);
    }
    check
}

/// The check before any comparison: the country and year the claim is
/// about, and the sentence's head ("Poland 2023: claimed 4.1 %").
fn unchecked(nato: &NatoData, query: &ClaimQuery<'_>) -> ClaimCheck {
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
    let head = match (year, year_basis) {
        (Some(y), YearBasis::FromArticleDate) => {
            format!("{country} {y} (year taken from the article's date)")
        }
        (Some(y), _) => format!("{country} {y}"),
        (None, _) => format!("{country}, year not stated"),
    };
    ClaimCheck {
        iso3: iso3.map(str::to_string),
        sentence: format!("{head}: claimed {}", claimed_text(query.value, query.unit)),
        country,
        claimed: query.value,
        unit: query.unit,
        claimed_year: query.year,
        year,
        year_basis,
        published,
        at_time: None,
        at_time_basis: nato.current_at(published),
        now: None,
        notes: Vec::new(),
    }
}

/// What the claim is compared on: NATO's measure, the country's ISO3 and the
/// year. `None`, with a note saying why, when it cannot be compared.
fn comparable(
    check: &mut ClaimCheck,
    query: &ClaimQuery<'_>,
) -> Option<(Measure, &'static str, i32)> {
    let why_not = match (query.unit, &check.iso3, check.year) {
        (ClaimUnit::Eur, ..) => {
            "not compared: amounts in euros would need an exchange rate; NATO's tables are in US dollars and shares of GDP"
        }
        (ClaimUnit::Other, ..) => {
            "not compared: amounts in this currency would need an exchange rate; NATO's tables are in US dollars and shares of GDP"
        }
        _ if !query.value.is_finite() => "not compared: the claimed value is not a number",
        (_, None, _) => "not compared: the country is not known",
        (_, _, None) => "not compared: the claim gives no year and the article has no date",
        (unit, Some(iso3), Some(year)) => {
            let measure = match unit {
                ClaimUnit::PctGdp => Measure::PctGdp,
                _ => Measure::UsdCurrent,
            };
            return countries::by_iso3(iso3).map(|c| (measure, c.iso3, year));
        }
    };
    check.notes.push(why_not.into());
    None
}

/// The comparison sentence: the claim, then NATO's figure at the time and
/// now, said once when both are the same.
fn compared_sentence(check: &ClaimCheck, same_edition: bool, unit: &str) -> String {
    let mut parts = vec![check.sentence.clone()];
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
    parts.join("; ")
}

/// Why an edition has no figure to compare with.
fn missing_figure(
    nato: &NatoData,
    edition: &Edition,
    measure: Measure,
    country: &str,
    year: i32,
) -> String {
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
            "the {} edition has no figure for {country} {year}",
            edition.name
        )
    }
}

/// What "at the time" means when the article has no date or predates every
/// edition.
fn at_time_note(basis: AtTime, published: Option<Date>, then: Option<&Edition>) -> Option<String> {
    match basis {
        AtTime::NoDate => Some("the article has no date, so there is no figure at the time".into()),
        AtTime::OlderThanAll(_) => {
            let (d, e) = (published?, then?);
            Some(format!(
                "the article ({}) is older than every edition: at the time means the oldest, {}",
                d.long(),
                e.name
            ))
        }
        AtTime::Current(_) => None,
    }
}

/// A warning when a figure compared with comes from a secondary edition.
fn secondary_note(check: &ClaimCheck) -> Option<String> {
    let mut secondary: Vec<&str> = Vec::new();
    for f in [&check.at_time, &check.now].into_iter().flatten() {
        if f.secondary && !secondary.contains(&f.edition.as_str()) {
            secondary.push(&f.edition);
        }
    }
    (!secondary.is_empty()).then(|| {
        format!(
            "{} edition{} secondary: a third party's machine read of NATO's Excel file",
            secondary.join(" and "),
            if secondary.len() > 1 { "s are" } else { " is" }
        )
    })
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
