//! The bundled NATO tables: every value as printed, estimates marked, 31
//! allies, and the three editions kept apart, each with its provenance.

use dossier::data::nato::{self, NatoData};
use dossier::data::{Definition, Measure, SourceId, SourceKind};

fn data() -> &'static NatoData {
    nato::bundled().expect("bundled NATO data parses")
}

/// The June 2024 edition's figures.
fn june(d: &NatoData) -> SourceId {
    d.edition(nato::EDITION_2024).unwrap().source
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
        "Jun 2024 edition"
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
                .get(june(d), measure, &iso3, year)
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
    let years = d.dataset.years(june(d), Measure::PctGdp);
    assert_eq!(years, (2014..=2024).collect::<Vec<_>>());
    for y in years {
        assert_eq!(
            d.dataset.for_year(june(d), Measure::PctGdp, y).len(),
            31,
            "{y}"
        );
        assert_eq!(
            d.dataset
                .for_year(june(d), Measure::EquipmentShare, y)
                .len(),
            31,
            "{y}"
        );
    }
    let allies = d.dataset.countries(june(d), Measure::PctGdp);
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
            .for_year(june(d), Measure::PctGdp, y)
            .iter()
            .filter(|o| o.value >= 2.0)
            .count()
    };
    assert_eq!(meeting(2024), 23);
    assert_eq!(meeting(2014), 3);
}

#[test]
fn three_editions_with_their_dates_definitions_and_provenance() {
    let d = data();
    type Described<'a> = (&'a str, String, i32, Option<i32>, Definition, bool);
    let e: Vec<Described> = d
        .editions
        .iter()
        .map(|e| {
            (
                e.name.as_str(),
                e.published.to_string(),
                e.year,
                e.price_base,
                e.definition,
                e.secondary,
            )
        })
        .collect();
    assert_eq!(
        e,
        [
            (
                "Jun 2024",
                "2024-06-17".into(),
                2024,
                Some(2015),
                Definition::DefenceExpenditure,
                false
            ),
            (
                "Aug 2025",
                "2025-08-28".into(),
                2025,
                Some(2021),
                Definition::DefenceExpenditure,
                true
            ),
            (
                "Jul 2026",
                "2026-07-10".into(),
                2026,
                Some(2021),
                Definition::CoreDefenceExpenditure,
                true
            ),
        ]
    );
    assert_eq!(d.latest().name, "Jul 2026");
    assert_eq!(d.editions[2].estimate_years, [2025, 2026]);
    for e in &d.editions[1..] {
        let source = d.dataset.source(e.source).unwrap();
        assert_eq!(source.kind, SourceKind::Secondary);
        assert!(source.edition.ends_with("secondary"), "{}", source.edition);
        assert!(e.citation.contains("SECONDARY"));
        assert!(e.describe().contains("secondary"), "{}", e.describe());
    }
    assert!(d.latest().describe().contains("core defence expenditure"));
    // Each edition is its own source: the 2024 estimate of Poland as printed
    // in each, never mixed.
    let pol_2024: Vec<String> = d
        .editions
        .iter()
        .map(|e| {
            d.figure(e, Measure::PctGdp, "POL", 2024)
                .unwrap()
                .text
                .clone()
        })
        .collect();
    assert_eq!(pol_2024, ["4.12", "3.79", "3.75"]);
    assert!(
        d.figure(&d.editions[0], Measure::PctGdp, "POL", 2025)
            .is_none()
    );
    // The 2025 edition printed no figure for Germany 2025.
    assert!(
        d.figure(&d.editions[1], Measure::PctGdp, "DEU", 2025)
            .is_none()
    );
    assert_eq!(
        d.figure(&d.editions[2], Measure::PctGdp, "DEU", 2025)
            .unwrap()
            .text,
        "2.22"
    );
    // The 2026 edition has Table 2 at constant 2021 prices and Table 8a.
    let jul = &d.editions[2];
    assert_eq!(
        d.dataset
            .for_year(jul.source, Measure::UsdConstant2021, 2026)
            .len(),
        31
    );
    assert_eq!(
        d.dataset
            .for_year(jul.source, Measure::EquipmentShare, 2014)
            .len(),
        31
    );
}

#[test]
fn the_later_editions_load_every_row_as_printed() {
    let d = data();
    for (file, edition) in [
        ("editions/2025_pct_gdp.csv", 1),
        ("editions/2026_pct_gdp.csv", 2),
        ("editions/2026_equipment_share.csv", 2),
        ("editions/2026_usd.csv", 2),
    ] {
        let source = d.editions[edition].source;
        let rows = rows(file);
        assert!(rows.len() >= 371, "{file}: {} rows", rows.len());
        for (iso3, year, text, estimate, prices) in rows {
            let measure = match (file.contains("equipment"), prices.as_deref()) {
                (true, _) => Measure::EquipmentShare,
                (_, Some("current")) => Measure::UsdCurrent,
                (_, Some("constant_2021")) => Measure::UsdConstant2021,
                _ => Measure::PctGdp,
            };
            let obs = d
                .dataset
                .get(source, measure, &iso3, year)
                .unwrap_or_else(|| panic!("{file} {iso3} {year}"));
            assert_eq!(
                (&obs.text, obs.estimate),
                (&text, estimate),
                "{file} {iso3} {year}"
            );
        }
    }
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
