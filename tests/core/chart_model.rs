//! The chart model of each kind: what the GUI and the files draw.

use std::path::PathBuf;

use dossier::chart::{
    self, ChartError, ChartKind, ChartOptions, ClaimAt, ClaimInput, LegendSymbol, Orientation,
    Plotted,
};
use dossier::data::import::{ImportOptions, Imported, import_file};
use dossier::data::nato::{self, NatoData};

fn nato() -> &'static NatoData {
    nato::bundled().unwrap()
}

/// The June 2024 edition's chart: the figures these tests know by heart.
fn options(kind: ChartKind) -> ChartOptions {
    ChartOptions {
        kind,
        edition: Some("2024".into()),
        ..Default::default()
    }
}

fn fixture(name: &str) -> Imported {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/spending")
        .join(name);
    import_file(&path, &ImportOptions::default()).unwrap()
}

#[test]
fn ranked_bars_of_every_ally() {
    let opts = ChartOptions {
        year: Some(2023),
        highlight: vec!["Poland".into(), "Germany".into()],
        claims: vec![ClaimInput {
            country: "Poland".into(),
            year: Some(2023),
            value: 4.0,
            published: None,
        }],
        ..options(ChartKind::Bars)
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    assert_eq!(c.orientation, Orientation::HorizontalBars);
    assert_eq!(c.categories.len(), 31);
    assert_eq!(
        c.title,
        "Defence expenditure of NATO allies, 2023 (Jun 2024 edition)"
    );
    assert!(c.value_axis.label.contains("Jun 2024 edition"));
    // Ranked, highest first.
    let values: Vec<f64> = c.categories.iter().map(|k| k.bars[0].value).collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]));
    let pol = c.categories.iter().position(|k| k.iso3 == "POL").unwrap();
    let bar = &c.categories[pol].bars[0];
    assert_eq!(
        (bar.text.as_str(), bar.estimate, bar.secondary),
        ("3.26", true, false)
    );
    assert!(c.categories[pol].highlighted);
    assert_eq!(c.categories.iter().filter(|k| k.highlighted).count(), 2);
    // Three target lines, 2 % / 3.5 % / 5 %, with the Hague deadline.
    let targets: Vec<f64> = c.targets.iter().map(|t| t.value).collect();
    assert_eq!(targets, vec![2.0, 3.5, 5.0]);
    assert_eq!(c.targets[1].deadline, Some(2035));
    assert!(
        c.targets[1].label.contains("3.5 % core by 2035"),
        "{}",
        c.targets[1].label
    );
    // The claim sits on Poland's row with the check's sentence.
    assert_eq!(c.claims.len(), 1);
    assert_eq!(c.claims[0].at, ClaimAt::Category(pol));
    assert_eq!(c.claims[0].official, Some(3.26));
    assert_eq!(
        c.claims[0].detail,
        "Poland 2023: claimed 4.0 %; NATO now (Jun 2024, est.) 3.26 % \
         (the article has no date, so there is no figure at the time)"
    );
    assert!(
        c.legend
            .iter()
            .any(|l| l.symbol == LegendSymbol::EstimateBar)
    );
    assert!(
        c.legend
            .iter()
            .any(|l| l.symbol == LegendSymbol::ClaimMarker)
    );
    assert!(
        c.source
            .contains("Defence Expenditure of NATO Countries (2014-2024)"),
        "{}",
        c.source
    );
    assert!(c.value_axis.max >= 5.0 && c.value_axis.min == 0.0);
    assert_eq!(c.rows.len(), 31);
    assert!(
        c.rows
            .iter()
            .all(|r| r.unit == "pct_gdp" && r.year == 2023 && r.estimate)
    );
}

#[test]
fn target_lines_are_toggled() {
    let opts = ChartOptions {
        targets: vec![3.5],
        ..options(ChartKind::Bars)
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    assert_eq!(c.targets.len(), 1);
    assert_eq!(c.targets[0].value, 3.5);
    // The caveat about 5 % only comes with the 5 % line.
    assert!(!c.notes.iter().any(|n| n.contains("1.5 %")));
    let none = chart::build(
        nato(),
        None,
        &ChartOptions {
            targets: vec![],
            ..options(ChartKind::Bars)
        },
    )
    .unwrap();
    assert!(none.targets.is_empty());
    let all = chart::build(nato(), None, &options(ChartKind::Bars)).unwrap();
    assert!(all.notes.iter().any(|n| n.contains("1.5 %")));
    // Default year: the edition's latest, 2024.
    assert!(
        all.title.ends_with("2024 (Jun 2024 edition)"),
        "{}",
        all.title
    );
}

#[test]
fn a_year_without_figures_is_an_error() {
    let opts = ChartOptions {
        year: Some(2010),
        ..options(ChartKind::Bars)
    };
    let err = chart::build(nato(), None, &opts).unwrap_err();
    assert!(matches!(err, ChartError::NoFigures { year: 2010, .. }));
    assert!(err.to_string().contains("2014-2024"), "{err}");
    let opts = ChartOptions {
        countries: vec!["Narnia".into()],
        ..options(ChartKind::Bars)
    };
    assert_eq!(
        chart::build(nato(), None, &opts).unwrap_err(),
        ChartError::UnknownCountry("Narnia".into())
    );
}

#[test]
fn the_latest_edition_by_default_named_with_its_definition() {
    let c = chart::build(nato(), None, &ChartOptions::default()).unwrap();
    assert_eq!(
        c.title,
        "Core defence expenditure of NATO allies, 2026 (Jul 2026 edition)"
    );
    assert_eq!(c.categories.len(), 31);
    assert!(c.categories.iter().all(|k| k.bars[0].estimate));
    assert_eq!(
        c.value_axis.label,
        "Core defence expenditure, % of GDP (Jul 2026 edition)"
    );
    assert!(
        c.notes.iter().any(
            |n| n.starts_with("Jul 2026 edition: core defence expenditure")
                && n.contains("secondary")
        ),
        "{:?}",
        c.notes
    );
    assert!(c.source.contains("(2014-2026)"), "{}", c.source);
    assert!(
        c.rows
            .iter()
            .all(|r| r.source == "NATO (Jul 2026 edition, core defence expenditure, secondary)")
    );
    // The August 2025 edition, by name, has no Slovenia-below-2 surprise:
    // its own 2025 estimates.
    let aug = chart::build(
        nato(),
        None,
        &ChartOptions {
            edition: Some("Aug 2025".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        aug.title,
        "Defence expenditure of NATO allies, 2025 (Aug 2025 edition)"
    );
    // Germany: no 2025 figure in that edition.
    assert_eq!(aug.categories.len(), 30);
    let unknown = ChartOptions {
        edition: Some("1999".into()),
        ..Default::default()
    };
    assert!(matches!(
        chart::build(nato(), None, &unknown),
        Err(ChartError::UnknownEdition { .. })
    ));
}

#[test]
fn revisions_show_each_edition_side_by_side() {
    let opts = ChartOptions {
        kind: ChartKind::Revisions,
        countries: vec!["Poland".into()],
        ..Default::default()
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    assert_eq!(c.kind, ChartKind::Revisions);
    let names: Vec<&str> = c.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Poland (Jun 2024)",
            "Poland (Aug 2025)",
            "Poland (Jul 2026, core)"
        ]
    );
    let at = |line: usize, year: i32| {
        c.lines[line]
            .points
            .iter()
            .find(|p| p.year == year)
            .map(|p| p.text.clone())
    };
    // Poland 2024 as printed in each edition: 4.12e, 3.79e, 3.75.
    assert_eq!(
        [at(0, 2024), at(1, 2024), at(2, 2024)],
        [
            Some("4.12".into()),
            Some("3.79".into()),
            Some("3.75".into())
        ]
    );
    assert_eq!(at(1, 2025).as_deref(), Some("4.48"));
    assert_eq!(at(2, 2025).as_deref(), Some("4.25"));
    // The newest edition is drawn in full colour, older ones lighter.
    assert!(c.lines[2].highlighted && !c.lines[0].highlighted);
    assert_ne!(c.lines[0].color, c.lines[2].color);
    assert!(c.title.starts_with("Revisions: Poland"));
    assert!(
        c.subtitle.contains("Jun 2024, 2015 prices"),
        "{}",
        c.subtitle
    );
    assert!(
        c.subtitle.contains("Jul 2026, core, 2021 prices"),
        "{}",
        c.subtitle
    );
    for edition in [
        "Jun 2024 edition",
        "Aug 2025 edition, secondary",
        "Jul 2026 edition, core defence expenditure, secondary",
    ] {
        assert!(
            c.rows
                .iter()
                .any(|r| r.source == format!("NATO ({edition})")),
            "{edition}"
        );
    }
    assert!(c.source.contains("(2014-2024)") && c.source.contains("(2014-2026)"));
}

#[test]
fn time_series_with_the_2035_deadline() {
    let opts = ChartOptions {
        countries: vec!["POL".into(), "United States".into(), "Türkiye".into()],
        highlight: vec!["POL".into()],
        claims: vec![ClaimInput {
            country: "POL".into(),
            year: Some(2023),
            value: 4.0,
            published: None,
        }],
        ..options(ChartKind::Series)
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    assert_eq!(c.orientation, Orientation::TimeSeries);
    assert_eq!(c.lines.len(), 3);
    let pol = &c.lines[0];
    assert_eq!((pol.name.as_str(), pol.highlighted), ("Poland", true));
    assert_eq!(pol.points.first().unwrap().year, 2014);
    let p2023 = pol.points.iter().find(|p| p.year == 2023).unwrap();
    assert_eq!(
        (p2023.text.as_str(), p2023.estimate, p2023.secondary),
        ("3.26", true, false)
    );
    // One edition's figures: no later year mixed in.
    assert_eq!(pol.points.last().unwrap().year, 2024);
    let segments = pol.segments();
    assert_eq!(segments.len(), 10);
    assert!(segments.iter().all(|s| pol.points[s.to].year <= 2024));
    assert_eq!(segments.iter().filter(|s| s.dashed).count(), 2);
    assert!(c.lines[2].points.iter().all(|p| p.year <= 2024));
    assert_eq!(c.deadlines.len(), 1);
    assert_eq!(c.deadlines[0].year, 2035);
    let time = c.time_axis.as_ref().unwrap();
    assert!(time.min < 2014.0 && time.max > 2035.0);
    assert_eq!(time.ticks.last().unwrap().label, "2035");
    assert_eq!(c.claims[0].at, ClaimAt::Year(2023));
    assert_eq!(c.rows.iter().filter(|r| r.iso3 == "POL").count(), 11);
}

#[test]
fn series_of_default_countries() {
    let opts = ChartOptions {
        targets: vec![2.0],
        ..options(ChartKind::Series)
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    // No country chosen: the five largest budgets in US dollars.
    assert_eq!(c.lines.len(), 5);
    assert_eq!(c.lines[0].iso3, "USA");
    assert!(c.lines.iter().flat_map(|l| &l.points).all(|p| !p.secondary));
    // The 2 % line has no deadline ahead: the axis ends with the data.
    assert!(c.deadlines.is_empty());
    assert!(c.time_axis.as_ref().unwrap().max < 2025.0);
}

#[test]
fn equipment_share_against_the_20_percent_guideline() {
    let opts = ChartOptions {
        year: Some(2024),
        highlight: vec!["DEU".into()],
        ..options(ChartKind::Equipment)
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    assert_eq!(c.categories.len(), 31);
    assert_eq!(c.targets.len(), 1);
    assert_eq!(c.targets[0].value, 20.0);
    assert!(c.title.starts_with("Equipment spending"));
    assert!(c.value_axis.label.contains("defence expenditure"));
    assert!(c.rows.iter().all(|r| r.unit == "pct_defence_expenditure"));
    let meeting = c
        .categories
        .iter()
        .filter(|k| k.bars[0].value >= 20.0)
        .count();
    assert!(
        c.subtitle.contains(&format!("{meeting} of 31")),
        "{}",
        c.subtitle
    );
}

#[test]
fn distance_to_each_target() {
    let opts = ChartOptions {
        countries: vec!["Poland".into(), "Spain".into()],
        ..options(ChartKind::Gap)
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    assert_eq!(c.bar_series.len(), 3);
    let [pol, esp] = [&c.categories[0], &c.categories[1]];
    assert_eq!((pol.iso3.as_str(), esp.iso3.as_str()), ("POL", "ESP"));
    // Poland 4.12 in 2024: meets 2 and 3.5, 0.88 short of 5 (0.08 a year to 2035).
    assert_eq!(pol.bars[0].value, 0.0);
    assert_eq!(pol.bars[0].text, "met");
    assert!((pol.bars[2].value - 0.88).abs() < 1e-9);
    assert_eq!(pol.bars[2].text, "0.88 pp, +0.08/yr");
    // Spain 1.28: 0.72 to 2 %, 2.22 to 3.5 % (0.20 a year).
    assert!((esp.bars[0].value - 0.72).abs() < 1e-9);
    assert_eq!(esp.bars[1].text, "2.22 pp, +0.20/yr");
    let unit = |u: &str| {
        c.rows
            .iter()
            .find(|r| r.iso3 == "ESP" && r.unit == u)
            .map(|r| r.value.clone())
    };
    assert_eq!(unit("pct_gdp").as_deref(), Some("1.28"));
    assert_eq!(unit("pp_gap_to_3_5pct").as_deref(), Some("2.22"));
    assert_eq!(
        unit("pp_per_year_to_3_5pct_by_2035").as_deref(),
        Some("0.20")
    );
    assert_eq!(unit("pp_per_year_to_5pct_by_2035").as_deref(), Some("0.34"));
    assert!(c.notes.iter().any(|n| n.contains("estimates")));
}

#[test]
fn two_sources_side_by_side() {
    let imported = fixture("worldbank.csv");
    let opts = ChartOptions {
        highlight: vec!["POL".into()],
        ..options(ChartKind::Compare)
    };
    let c = chart::build(nato(), Some(&imported), &opts).unwrap();
    // The latest year both have: 2023, for the five allies in the file,
    // ranked by NATO's figure (Poland 3.26 before the United States 3.23).
    assert!(c.title.ends_with("2023"), "{}", c.title);
    let codes: Vec<&str> = c.categories.iter().map(|k| k.iso3.as_str()).collect();
    assert_eq!(codes, vec!["POL", "USA", "SVK", "TUR", "CZE"]);
    let pol = &c.categories[0];
    assert_eq!(pol.bars[0].text, "3.26");
    assert_eq!(pol.bars[1].text, "3.79");
    assert_eq!(c.bar_series[1].name, "worldbank.csv");
    assert_eq!(c.rows.len(), 10);
    assert!(c.source.starts_with("Sources: NATO"));
    assert!(c.source.contains("worldbank.csv"));
    assert_eq!(c.title, "Defence expenditure: NATO and worldbank.csv, 2023");
    // Without a file there is nothing to compare.
    assert_eq!(
        chart::build(nato(), None, &opts).unwrap_err(),
        ChartError::NeedsImport
    );
}

#[test]
fn imported_figures_against_the_targets() {
    let imported = fixture("sipri_share_of_gdp.csv");
    let opts = ChartOptions {
        plotted: Plotted::Imported,
        year: Some(2023),
        ..options(ChartKind::Bars)
    };
    let c = chart::build(nato(), Some(&imported), &opts).unwrap();
    assert_eq!(c.categories[0].iso3, "DZA");
    assert!(
        c.categories
            .iter()
            .any(|k| k.iso3 == "POL" && k.bars[0].text == "3.833")
    );
    assert!(c.source.contains("sipri_share_of_gdp.csv"));
    assert_eq!(c.targets.len(), 3);
}

#[test]
fn a_claim_for_another_year_is_noted_not_drawn() {
    let opts = ChartOptions {
        year: Some(2024),
        claims: vec![
            ClaimInput {
                country: "Poland".into(),
                year: Some(2023),
                value: 4.0,
                published: None,
            },
            ClaimInput {
                country: "Germany".into(),
                year: None,
                value: 2.0,
                published: Some("2024-05-09".into()),
            },
        ],
        ..options(ChartKind::Bars)
    };
    let c = chart::build(nato(), None, &opts).unwrap();
    assert_eq!(c.claims.len(), 1);
    assert_eq!(c.claims[0].iso3, "DEU");
    assert!(
        c.notes
            .iter()
            .any(|n| n.contains("POL 2023") && n.contains("2024"))
    );
    // The claim without a year takes its article's year, 2024.
    assert_eq!(
        c.claims[0].detail,
        "Germany 2024 (year taken from the article's date): claimed 2.0 %; \
         NATO at the time and now (Jun 2024, est.) 2.12 % (the article (9 May 2024) is older than \
         every edition: at the time means the oldest, Jun 2024)"
    );
    // On the 2022 bars it would be read against the wrong year.
    let earlier = ChartOptions {
        year: Some(2022),
        ..opts
    };
    let earlier = chart::build(nato(), None, &earlier).unwrap();
    assert!(earlier.claims.iter().all(|c| c.iso3 != "DEU"));
    assert!(
        earlier
            .notes
            .iter()
            .any(|n| n.contains("DEU (year taken from the article's date: 2024)"))
    );
}

#[test]
fn compare_follows_the_measure_of_the_file() {
    let text = "Country,2022,2023\nPoland,30.1,31.2\nGermany,18.2,19.4\n";
    let import_options = dossier::data::import::ImportOptions {
        measure: dossier::data::Measure::EquipmentShare,
        ..Default::default()
    };
    let imported =
        dossier::data::import::import_str(text, "equipment.csv", &import_options).unwrap();
    let c = chart::build(nato(), Some(&imported), &options(ChartKind::Compare)).unwrap();
    assert_eq!(c.title, "Equipment spending: NATO and equipment.csv, 2023");
    assert_eq!(c.targets.len(), 1);
    assert_eq!(c.targets[0].value, 20.0);
    assert!(c.rows.iter().all(|r| r.unit == "pct_defence_expenditure"));
}

#[test]
fn claims_from_annotations() {
    use dossier::model::{AnnotationKind, ClaimUnit};
    let claim = AnnotationKind::Claim {
        evidence: None,
        country: "Poland".into(),
        iso3: Some("POL".into()),
        year: Some(2023),
        value: 4.0,
        unit: ClaimUnit::PctGdp,
    };
    let input = ClaimInput::from_annotation(&claim).unwrap();
    assert_eq!(
        (input.country.as_str(), input.year, input.value),
        ("POL", Some(2023), 4.0)
    );
    let usd = AnnotationKind::Claim {
        evidence: None,
        country: "Poland".into(),
        iso3: None,
        year: Some(2023),
        value: 31.6,
        unit: ClaimUnit::Usd,
    };
    assert_eq!(ClaimInput::from_annotation(&usd), None);
}
