//! Spending claims set against NATO's figures: the edition current at the
//! article's date, and the latest edition.

use dossier::data::claim::{ClaimQuery, YearBasis, claim_check, claim_check_against};
use dossier::data::edition::AtTime;
use dossier::data::{Date, nato};
use dossier::model::ClaimUnit;

fn query<'a>(
    country: &'a str,
    year: Option<i32>,
    value: f64,
    published: Option<&'a str>,
) -> ClaimQuery<'a> {
    ClaimQuery {
        country,
        year,
        value,
        unit: ClaimUnit::PctGdp,
        published,
    }
}

#[test]
fn the_seed_claim_without_an_article_date_is_set_against_the_latest_edition() {
    let d = nato::bundled().unwrap();
    // "Poland ... spending approximately 4% of its GDP on defense in 2023";
    // the seed article has no date.
    let check = claim_check(d, &query("Poland", Some(2023), 4.0, None));
    assert_eq!(check.iso3.as_deref(), Some("POL"));
    assert_eq!(check.year, Some(2023));
    assert_eq!(check.year_basis, YearBasis::Stated);
    assert_eq!(check.at_time_basis, AtTime::NoDate);
    assert!(check.at_time.is_none());
    let now = check.now.as_ref().unwrap();
    assert_eq!(
        (now.edition.as_str(), now.text.as_str()),
        ("Jul 2026", "3.26")
    );
    assert!(!now.estimate, "2023 is final in the 2026 edition");
    assert!((now.difference - 0.74).abs() < 1e-9);
    assert_eq!(
        check.sentence,
        "Poland 2023: claimed 4.0 %; NATO now (Jul 2026, core) 3.26 %"
    );
    assert!(
        check
            .notes
            .iter()
            .any(|n| n.contains("the article has no date")),
        "{:?}",
        check.notes
    );
    assert!(check.notes.iter().any(|n| n.contains("secondary")));
    // By code, the same answer.
    assert_eq!(claim_check(d, &query("pol", Some(2023), 4.0, None)), check);
}

#[test]
fn the_seed_claim_dated_1_october_2025_was_checked_against_the_august_2025_edition() {
    let d = nato::bundled().unwrap();
    let check = claim_check(d, &query("Poland", Some(2023), 4.0, Some("2025-10-01")));
    assert_eq!(check.published, Date::new(2025, 10, 1));
    let then = check.at_time.as_ref().unwrap();
    assert_eq!(
        (then.edition.as_str(), then.text.as_str()),
        ("Aug 2025", "3.27")
    );
    assert!((then.difference - 0.73).abs() < 1e-9);
    assert_eq!(check.now.as_ref().unwrap().text, "3.26");
    assert_eq!(
        check.sentence,
        "Poland 2023: claimed 4.0 %; NATO at the time (Aug 2025) 3.27 %; NATO now (Jul 2026, core) 3.26 %"
    );
}

#[test]
fn an_estimate_revised_between_editions_shows_both_figures() {
    let d = nato::bundled().unwrap();
    let check = claim_check(d, &query("Poland", Some(2025), 4.7, Some("1 October 2025")));
    assert_eq!(
        check.sentence,
        "Poland 2025: claimed 4.7 %; NATO at the time (Aug 2025, est.) 4.48 %; NATO now (Jul 2026, core, est.) 4.25 %"
    );
    assert_eq!(check.at_time.as_ref().unwrap().difference, 0.22);
    assert_eq!(check.now.as_ref().unwrap().difference, 0.45);
}

#[test]
fn the_edition_at_the_time_is_the_newest_published_before_the_article() {
    let d = nato::bundled().unwrap();
    let names: Vec<&str> = d.editions.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Jun 2024", "Aug 2025", "Jul 2026"]);
    let at = |date: &str| {
        let c = claim_check(d, &query("Poland", Some(2023), 4.0, Some(date)));
        (
            c.at_time_basis,
            c.at_time.map(|f| f.edition).unwrap_or_default(),
        )
    };
    assert_eq!(at("2024-12-01"), (AtTime::Current(0), "Jun 2024".into()));
    assert_eq!(at("2025-08-27"), (AtTime::Current(0), "Jun 2024".into()));
    assert_eq!(at("2025-08-28"), (AtTime::Current(1), "Aug 2025".into()));
    assert_eq!(at("2026-11-30"), (AtTime::Current(2), "Jul 2026".into()));
    // An article of 2022 predates every edition: the oldest, said so.
    let old = claim_check(d, &query("Poland", Some(2021), 2.0, Some("2022-05-18")));
    assert_eq!(old.at_time_basis, AtTime::OlderThanAll(0));
    assert_eq!(old.at_time.as_ref().unwrap().edition, "Jun 2024");
    assert!(
        old.notes
            .iter()
            .any(|n| n.contains("older than every edition") && n.contains("Jun 2024")),
        "{:?}",
        old.notes
    );
    // The same edition then and now is shown once.
    let same = claim_check(d, &query("Poland", Some(2023), 4.0, Some("2026-08-01")));
    assert_eq!(
        same.sentence,
        "Poland 2023: claimed 4.0 %; NATO at the time and now (Jul 2026, core) 3.26 %"
    );
}

#[test]
fn a_claim_without_a_year_takes_the_article_year_or_is_not_compared() {
    let d = nato::bundled().unwrap();
    // Mattis, 5 May 2017: "Poland ... 2 percent" (no year).
    let check = claim_check(d, &query("Poland", None, 2.0, Some("2017-05-05")));
    assert_eq!(check.year, Some(2017));
    assert_eq!(check.year_basis, YearBasis::FromArticleDate);
    assert_eq!(check.at_time.as_ref().unwrap().text, "1.89");
    assert_eq!(check.now.as_ref().unwrap().text, "1.88");
    assert!(
        check
            .sentence
            .starts_with("Poland 2017 (year taken from the article's date): claimed 2.0 %"),
        "{}",
        check.sentence
    );
    // Without a date: listed, never set against the latest year.
    let undated = claim_check(d, &query("Germany", None, 2.0, None));
    assert_eq!(undated.year, None);
    assert_eq!(undated.year_basis, YearBasis::NotStated);
    assert!(!undated.compared());
    assert_eq!(undated.sentence, "Germany, year not stated: claimed 2.0 %");
    assert!(undated.notes[0].starts_with("not compared"));
}

#[test]
fn dollar_amounts_use_table_2_and_other_currencies_say_why_not() {
    let d = nato::bundled().unwrap();
    let usd = claim_check(
        d,
        &ClaimQuery {
            country: "Poland",
            year: Some(2023),
            value: 31.6e9,
            unit: ClaimUnit::Usd,
            published: Some("2025-10-01"),
        },
    );
    let now = usd.now.as_ref().unwrap();
    assert_eq!(now.measure, dossier::data::Measure::UsdCurrent);
    assert_eq!(now.text, "26475");
    assert_eq!(now.difference, 31_600.0 - 26_475.0);
    // The August 2025 edition here has no Table 2: said, not guessed.
    assert!(usd.at_time.is_none());
    assert!(
        usd.notes
            .iter()
            .any(|n| n.contains("Aug 2025 edition here has no Table 2")),
        "{:?}",
        usd.notes
    );
    let eur = claim_check(
        d,
        &ClaimQuery {
            country: "Poland",
            year: Some(2023),
            value: 30e9,
            unit: ClaimUnit::Eur,
            published: None,
        },
    );
    assert!(!eur.compared());
    assert!(eur.notes[0].contains("exchange rate"), "{:?}", eur.notes);
}

#[test]
fn unknown_countries_and_missing_years_are_explained() {
    let d = nato::bundled().unwrap();
    let iceland = claim_check(d, &query("Iceland", Some(2023), 0.1, None));
    assert!(!iceland.compared());
    assert!(
        iceland
            .notes
            .iter()
            .any(|n| n.contains("no figure for Iceland 2023"))
    );
    let atlantis = claim_check(d, &query("Atlantis", Some(2023), 2.0, None));
    assert!(!atlantis.compared());
    assert!(atlantis.notes[0].contains("not known"));
    let sweden_2035 = claim_check(d, &query("Sweden", Some(2035), 5.0, None));
    assert!(sweden_2035.now.is_none());
    // Against a chosen edition as "now".
    let june = d.edition("2024").unwrap();
    let c = claim_check_against(d, june, &query("Poland", Some(2023), 4.0, None));
    assert_eq!(c.now.as_ref().unwrap().tag, "Jun 2024, est.");
}

#[test]
fn publication_dates_read_in_the_usual_forms() {
    let d = |y, m, day| Date::new(y, m, day);
    assert_eq!(Date::parse("2025-10-01"), d(2025, 10, 1));
    assert_eq!(Date::parse("2025-10-01T08:30:00Z"), d(2025, 10, 1));
    assert_eq!(Date::parse("2025/10/01"), d(2025, 10, 1));
    assert_eq!(Date::parse("2025-10"), d(2025, 10, 1));
    assert_eq!(Date::parse("1 October 2025"), d(2025, 10, 1));
    assert_eq!(Date::parse("Oct. 1, 2025"), d(2025, 10, 1));
    assert_eq!(Date::parse("unknown"), None);
    assert_eq!(Date::parse(""), None);
}
