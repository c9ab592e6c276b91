//! A spending claim set against the official figure.
//!
//! "Poland ... spending approximately 4% of its GDP on defense in 2023" is
//! checked against NATO's share of GDP for Poland in 2023: 3.26 in the June
//! 2024 edition, an estimate. A claim without a year is compared with the
//! latest year of the official edition, and the sentence says so.

use super::{Dataset, SourceKind, countries, format_number};
use crate::model::ClaimUnit;

/// The official figure for a claim and how far the claim is from it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimCheck {
    pub iso3: String,
    /// The country as the official source spells it.
    pub country: String,
    pub claimed: f64,
    /// The year the claim names, if any.
    pub claimed_year: Option<i32>,
    /// The year compared: the claim's, or the latest official year.
    pub year: i32,
    pub official: f64,
    /// The official value as printed ("3.26").
    pub official_text: String,
    /// Claimed minus official, in percentage points.
    pub difference: f64,
    pub estimate: bool,
    /// The edition cited ("2024 edition").
    pub edition: String,
    /// The figure comes from press reports of the edition, not the edition.
    pub secondary: bool,
    /// One line for the analyst, e.g. "claimed 4.0 %, NATO 3.26 % (2024
    /// edition, estimate)".
    pub sentence: String,
}

/// Checks a claim that `country` (a name or an ISO3 code) spends `value` on
/// defence in `year`. Only shares of GDP can be checked: `None` for other
/// units, unknown countries, and country-years NATO has no figure for.
pub fn claim_check(
    data: &Dataset,
    country: &str,
    year: Option<i32>,
    value: f64,
    unit: ClaimUnit,
) -> Option<ClaimCheck> {
    if unit != ClaimUnit::PctGdp || !value.is_finite() {
        return None;
    }
    let iso3 = countries::iso3_of(country)?;
    let compared_year = match year {
        Some(y) => y,
        // The latest year of the official edition, not of the press reports:
        // a claim without a year usually describes the current state, which
        // the edition's latest estimate is the best primary figure for.
        None => latest_year_for(data, iso3)?,
    };
    let obs = data.official(iso3, compared_year)?;
    let source = data.source(obs.source)?;
    let secondary = source.kind == SourceKind::Secondary;
    let mut notes = vec![source.edition.clone()];
    if obs.estimate {
        notes.push("estimate".into());
    }
    let claimed_text = format_number(value, 1, 2);
    let year_part = if year.is_some() {
        String::new()
    } else {
        format!(" in {compared_year}, the latest year (the claim gives no year)")
    };
    let sentence = format!(
        "claimed {claimed_text} %, {} {} %{year_part} ({})",
        publisher(&source.name),
        obs.text,
        notes.join(", ")
    );
    Some(ClaimCheck {
        iso3: iso3.to_string(),
        country: obs.country.clone(),
        claimed: value,
        claimed_year: year,
        year: compared_year,
        official: obs.value,
        official_text: obs.text.clone(),
        difference: value - obs.value,
        estimate: obs.estimate,
        edition: source.edition.clone(),
        secondary,
        sentence,
    })
}

/// "NATO (press reports)" is cited as "NATO": the edition note says the rest.
fn publisher(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}

fn latest_year_for(data: &Dataset, iso3: &str) -> Option<i32> {
    [SourceKind::Official, SourceKind::Secondary]
        .into_iter()
        .find_map(|kind| {
            data.observations()
                .iter()
                .filter(|o| {
                    o.measure == super::Measure::PctGdp
                        && o.iso3 == iso3
                        && data.source(o.source).is_some_and(|s| s.kind == kind)
                })
                .map(|o| o.year)
                .max()
        })
}
