//! The bundled NATO tables: every value as printed, estimates marked, 31
//! allies, and the press-reported 2025 estimates kept apart.

use dossier::data::nato::{self, NatoData};
use dossier::data::{Measure, SourceKind};

fn data() -> &'static NatoData {
    nato::bundled().expect("bundled NATO data parses")
}

/// Reads a bundled CSV as the test's own reference: `(iso3, year, value text,
/// estimate, prices)` per row.
fn rows(file: &str) -> Vec<(String, i32, String, bool, Option<String>)> {
    let path = format!("{}/sample-data/nato/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let prices = col("prices");
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[col("iso3").unwrap()].to_string(),
                r[col("year").unwrap()].parse().unwrap(),
                r[3].to_string(),
                &r[col("estimate").unwrap()] == "true",
                prices.map(|p| r[p].to_string()),
            )
        })
        .collect()
}

#[test]
fn poland_2023_is_3_26_and_an_estimate() {
    let d = data();
    let obs = d.dataset.official("POL", 2023).unwrap();
    assert_eq!(obs.text, "3.26");
    assert!((obs.value - 3.26).abs() < 1e-12);
    assert!(obs.estimate);
    assert_eq!(obs.country, "Poland");
    assert_eq!(
        d.dataset.source(obs.source).unwrap().edition,
        "2024 edition"
    );
    // 2014 is a final figure.
    let first = d.dataset.official("pol", 2014).unwrap();
    assert_eq!(first.text, "1.88");
    assert!(!first.estimate);
}

#[test]
fn every_cell_matches_the_printed_table() {
    let d = data();
    for (file, measure_of) in [
        ("nato_defence_expenditure_pct_gdp.csv", None),
        ("nato_equipment_share.csv", Some(Measure::EquipmentShare)),
        ("nato_defence_expenditure_usd.csv", None),
    ] {
        let rows = rows(file);
        assert!(rows.len() >= 341, "{file}: {} rows", rows.len());
        for (iso3, year, text, estimate, prices) in rows {
            let measure = match (measure_of, prices.as_deref()) {
                (Some(m), _) => m,
                (None, Some("current")) => Measure::UsdCurrent,
                (None, Some("constant_2015")) => Measure::UsdConstant2015,
                (None, _) => Measure::PctGdp,
            };
            let obs = d
                .dataset
                .get(d.edition, measure, &iso3, year)
                .unwrap_or_else(|| panic!("{iso3} {year}"));
            assert_eq!(obs.text, text, "{file} {iso3} {year}");
            assert_eq!(obs.value, text.parse::<f64>().unwrap());
            assert_eq!(obs.estimate, estimate, "{file} {iso3} {year}");
            // NATO marks 2023 and 2024 as estimates, and only those.
            assert_eq!(obs.estimate, year >= 2023, "{file} {iso3} {year}");
        }
    }
}

#[test]
fn thirty_one_allies_every_year_and_no_iceland() {
    let d = data();
    let years = d.dataset.years(d.edition, Measure::PctGdp);
    assert_eq!(years, (2014..=2024).collect::<Vec<_>>());
    for y in years {
        assert_eq!(
            d.dataset.for_year(d.edition, Measure::PctGdp, y).len(),
            31,
            "{y}"
        );
        assert_eq!(
            d.dataset
                .for_year(d.edition, Measure::EquipmentShare, y)
                .len(),
            31,
            "{y}"
        );
    }
    let allies = d.dataset.countries(d.edition, Measure::PctGdp);
    assert_eq!(allies.len(), 31);
    assert!(!allies.contains(&"ISL"));
    assert!(d.dataset.official("ISL", 2024).is_none());
    assert!(allies.contains(&"FIN") && allies.contains(&"SWE"));
}

#[test]
fn nato_spellings_are_kept_for_display() {
    let d = data();
    assert_eq!(d.dataset.official("TUR", 2024).unwrap().country, "Türkiye");
    assert_eq!(
        d.dataset.official("SVK", 2024).unwrap().country,
        "Slovak Republic"
    );
    assert_eq!(d.dataset.official("SVK", 2024).unwrap().text, "2.00");
}

#[test]
fn spot_checks_against_the_press_reports_of_the_june_2024_release() {
    // NOTES.md: Poland 4.12, Estonia 3.43, US 3.38, Latvia 3.15, Greece 3.08.
    let d = data();
    for (iso3, text) in [
        ("POL", "4.12"),
        ("EST", "3.43"),
        ("USA", "3.38"),
        ("LVA", "3.15"),
        ("GRC", "3.08"),
    ] {
        assert_eq!(d.dataset.official(iso3, 2024).unwrap().text, text, "{iso3}");
    }
    // Graph 2, "Number of Allies meeting 2%": 23 in 2024e, 3 in 2014.
    let meeting = |y| {
        d.dataset
            .for_year(d.edition, Measure::PctGdp, y)
            .iter()
            .filter(|o| o.value >= 2.0)
            .count()
    };
    assert_eq!(meeting(2024), 23);
    assert_eq!(meeting(2014), 3);
}

#[test]
fn press_2025_estimates_are_secondary_and_separate() {
    let d = data();
    let press = d.dataset.source(d.press_2025).unwrap();
    assert_eq!(press.kind, SourceKind::Secondary);
    let rows = d.dataset.for_year(d.press_2025, Measure::PctGdp, 2025);
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|o| o.estimate));
    // Not mixed into the edition.
    assert!(
        d.dataset
            .get(d.edition, Measure::PctGdp, "POL", 2025)
            .is_none()
    );
    let pol = d.dataset.official("POL", 2025).unwrap();
    assert_eq!(pol.text, "4.48");
    assert_eq!(pol.source, d.press_2025);
    // No press figure for Germany in 2025.
    assert!(d.dataset.official("DEU", 2025).is_none());
}

#[test]
fn targets_with_their_deadlines() {
    let d = data();
    assert_eq!(d.targets.len(), 6);
    let by_id = |id: &str| d.targets.iter().find(|t| t.id == id).unwrap();
    let core = by_id("hague_2025_core_3_5pct");
    assert_eq!(
        (core.value, core.deadline, core.unit.measure()),
        (3.5, Some(2035), Measure::PctGdp)
    );
    assert_eq!(core.summit(), "The Hague 2025");
    assert_eq!(core.document(), "The Hague Summit Declaration");
    let total = by_id("hague_2025_total_5pct");
    assert_eq!(total.value, 5.0);
    let wales = by_id("wales_2014_gdp_2pct");
    assert_eq!(wales.summit(), "Wales 2014");
    assert!(wales.is_superseded());
    assert_eq!(
        by_id("wales_2014_equipment_20pct").unit.measure(),
        Measure::EquipmentShare
    );
}
