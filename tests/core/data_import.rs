//! CSV import: long, wide, World Bank and SIPRI layouts, bad rows with their
//! line numbers, and no panic on any input.

use std::path::PathBuf;

use dossier::data::Measure;
use dossier::data::import::{
    ImportError, ImportOptions, Imported, Layout, Scale, import_file, import_str,
};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/spending")
        .join(name)
}

fn import(name: &str) -> Imported {
    import_file(&fixture(name), &ImportOptions::default()).unwrap()
}

fn value(imp: &Imported, iso3: &str, year: i32) -> Option<(f64, String, bool)> {
    imp.dataset
        .get(imp.source, Measure::PctGdp, iso3, year)
        .map(|o| (o.value, o.text.clone(), o.estimate))
}

fn issue_lines(imp: &Imported) -> Vec<u64> {
    imp.issues.iter().map(|i| i.line).collect()
}

#[test]
fn long_layout_with_bad_rows() {
    let imp = import("long.csv");
    assert_eq!(imp.layout, Layout::Long);
    assert_eq!(value(&imp, "POL", 2023), Some((3.9, "3.9".into(), true)));
    assert_eq!(value(&imp, "POL", 2022).unwrap().0, 2.24);
    assert_eq!(value(&imp, "TUR", 2023).unwrap().0, 1.6);
    assert_eq!(value(&imp, "CZE", 2023).unwrap().0, 1.5);
    assert_eq!(value(&imp, "USA", 2023).unwrap().0, 3.2);
    assert_eq!(value(&imp, "SVK", 2023).unwrap().0, 2.0);
    // A decimal comma and a percent sign are read.
    assert_eq!(value(&imp, "FRA", 2023).unwrap().0, 1.9);
    assert_eq!(value(&imp, "ITA", 2023).unwrap().0, 1.5);
    // "n/a" is no figure, not an error.
    assert_eq!(value(&imp, "ESP", 2023), None);
    // Atlantis (line 9), a bad year (10), a bad value (14), a second Poland
    // 2023 (15).
    assert_eq!(issue_lines(&imp), vec![9, 10, 14, 15]);
    assert!(
        imp.issues[0].message.contains("Atlantis"),
        "{}",
        imp.issues[0]
    );
    assert!(imp.issues[1].message.contains("twenty-three"));
    assert!(imp.issues[2].message.contains("abc"));
    assert!(
        imp.issues[3].message.contains("line 3"),
        "{}",
        imp.issues[3]
    );
    assert_eq!(
        imp.issues[0].to_string(),
        format!("line 9: {}", imp.issues[0].message)
    );
    assert_eq!(imp.dataset.observations().len(), 9);
    assert!(imp.notes.is_empty());
}

#[test]
fn wide_layout_with_estimate_heading() {
    let imp = import("wide.csv");
    assert_eq!(imp.layout, Layout::Wide);
    assert_eq!(value(&imp, "GBR", 2021), Some((2.2, "2.2".into(), false)));
    // "2023e" marks the column as estimates.
    assert_eq!(value(&imp, "POL", 2023), Some((3.9, "3.9".into(), true)));
    assert_eq!(value(&imp, "MKD", 2022).unwrap().0, 1.6);
    assert_eq!(value(&imp, "TUR", 2023).unwrap().0, 1.6);
    assert_eq!(value(&imp, "KOR", 2021).unwrap().0, 2.8);
    // Mordor is unknown (line 8); Estonia's 2023 cell is not a number (line 9)
    // but its other years load.
    assert_eq!(issue_lines(&imp), vec![8, 9]);
    assert!(imp.issues[1].message.contains("2023"));
    assert_eq!(value(&imp, "EST", 2022).unwrap().0, 2.1);
    assert_eq!(value(&imp, "EST", 2023), None);
}

#[test]
fn world_bank_indicator_layout() {
    let imp = import("worldbank.csv");
    assert_eq!(imp.layout, Layout::WorldBank);
    assert_eq!(value(&imp, "POL", 2023).unwrap().0, 3.79);
    assert_eq!(value(&imp, "TUR", 2022).unwrap().0, 1.38);
    assert_eq!(value(&imp, "SVK", 2023).unwrap().0, 1.97);
    assert_eq!(value(&imp, "USA", 2021).unwrap().0, 3.46);
    // Aruba has no figures; regions and the world are not countries.
    assert!(
        imp.dataset
            .countries(imp.source, Measure::PctGdp)
            .iter()
            .all(|c| !["AFE", "EMU", "WLD", "ABW"].contains(c))
    );
    assert!(imp.issues.is_empty(), "{:?}", imp.issues);
    assert!(
        imp.notes.iter().any(|n| n.contains("skipped 3")),
        "{:?}",
        imp.notes
    );
}

#[test]
fn sipri_sheet_saved_as_csv() {
    let imp = import("sipri_share_of_gdp.csv");
    assert_eq!(imp.layout, Layout::Sipri);
    // SIPRI gives shares as fractions: 0.03833 becomes 3.833 %.
    let (v, text, _) = value(&imp, "POL", 2023).unwrap();
    assert!((v - 3.833).abs() < 1e-9, "{v}");
    assert_eq!(text, "3.833");
    assert!((value(&imp, "POL", 2022).unwrap().0 - 2.23).abs() < 1e-9);
    assert!(
        imp.notes.iter().any(|n| n.contains("fractions")),
        "{:?}",
        imp.notes
    );
    assert!(value(&imp, "TUR", 2023).is_some());
    assert!(value(&imp, "SVK", 2023).is_some());
    // ". ." and ".." are missing figures; "xxx" rows are skipped quietly.
    assert!(value(&imp, "XKX", 2019).is_some());
    assert_eq!(value(&imp, "XKX", 2021), None);
    // Lithuania 2023 "0.0q27" on line 21 is the only problem.
    assert_eq!(issue_lines(&imp), vec![21]);
    assert!(imp.issues[0].message.contains("0.0q27"));
    assert!(value(&imp, "LTU", 2022).is_some());
}

#[test]
fn scale_can_be_forced() {
    let options = ImportOptions {
        scale: Scale::AsWritten,
        ..Default::default()
    };
    let imp = import_file(&fixture("sipri_share_of_gdp.csv"), &options).unwrap();
    assert_eq!(value(&imp, "POL", 2023).unwrap().1, "0.03833");
    let text = "country,year,value\nPoland,2023,0.0326\nLatvia,2023,0.0227\n";
    let options = ImportOptions {
        scale: Scale::Fraction,
        ..Default::default()
    };
    let imp = import_str(text, "shares.csv", &options).unwrap();
    assert!((value(&imp, "POL", 2023).unwrap().0 - 3.26).abs() < 1e-9);
}

#[test]
fn semicolons_and_windows_1252() {
    let text = "Land;Country;2022;2023\nPolen;Poland;2,4;3,9\n";
    let imp = import_str(text, "semi.csv", &ImportOptions::default()).unwrap();
    assert_eq!(value(&imp, "POL", 2023).unwrap().0, 3.9);
    // "Türkiye" saved by Excel on Windows: ü is 0xFC.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cp1252.csv");
    std::fs::write(&path, b"Country,2023\r\nT\xfcrkiye,1.6\r\n").unwrap();
    let imp = import_file(&path, &ImportOptions::default()).unwrap();
    assert_eq!(value(&imp, "TUR", 2023).unwrap().0, 1.6);
}

#[test]
fn files_that_cannot_be_imported() {
    let opts = ImportOptions::default();
    assert!(matches!(
        import_str("", "empty.csv", &opts),
        Err(ImportError::Empty(_))
    ));
    assert!(matches!(
        import_str("a,b\n1,2\n", "x.csv", &opts),
        Err(ImportError::NoHeader(_))
    ));
    let err = import_str("country,year,value\nAtlantis,2023,1\n", "x.csv", &opts).unwrap_err();
    assert!(err.to_string().contains("line 2"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.csv");
    std::fs::write(&path, b"PK\x03\x04\x00\x00binary").unwrap();
    assert!(matches!(
        import_file(&path, &opts),
        Err(ImportError::Binary(_))
    ));
    assert!(matches!(
        import_file(&dir.path().join("missing.csv"), &opts),
        Err(ImportError::Io { .. })
    ));
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = import_str(&text, "fuzz.csv", &ImportOptions::default());
    }

    #[test]
    fn never_panics_on_csv_like_text(
        rows in proptest::collection::vec(
            proptest::collection::vec(prop_oneof!["Poland", "2023", "3.26", "..", "xxx", "", "\"a,b\"", "country", "year", "1e309", "-0", "2023e", "Türkiye"], 0..6),
            0..8)
    ) {
        let text: String = rows.iter().map(|r| r.join(",") + "\n").collect();
        let _ = import_str(&text, "fuzz.csv", &ImportOptions::default());
        let header = format!("country,year,value\n{text}");
        let _ = import_str(&header, "fuzz.csv", &ImportOptions::default());
    }
}

#[test]
fn a_dataset_holds_several_sources() {
    use dossier::data::nato;
    let mut all = nato::bundled().unwrap().dataset.clone();
    let sources = all.sources().len();
    let imported = import("worldbank.csv");
    all.merge(&imported.dataset);
    assert_eq!(all.sources().len(), sources + 1);
    let id = all.source_by_id("import:worldbank.csv").unwrap();
    assert_eq!(
        all.get(id, Measure::PctGdp, "POL", 2023).unwrap().text,
        "3.79"
    );
    // The official figure is still NATO's: imported files never count.
    assert_eq!(all.official("POL", 2023).unwrap().text, "3.26");
    // A second figure for the same source, country and year is refused.
    let mut again = all.get(id, Measure::PctGdp, "POL", 2023).unwrap().clone();
    again.value = 9.9;
    assert!(all.push(again).is_err());
}

#[test]
fn numbers_are_formatted_without_noise() {
    use dossier::data::format_number;
    assert_eq!(format_number(4.0, 1, 2), "4.0");
    assert_eq!(format_number(3.26, 1, 2), "3.26");
    assert_eq!(format_number(2.0, 0, 2), "2");
    assert_eq!(format_number(3.5, 0, 2), "3.5");
    assert_eq!(format_number(-0.001, 0, 2), "0");
}

#[test]
fn exported_chart_figures_import_back() {
    use dossier::chart::{self, ChartOptions, table};
    use dossier::data::nato;
    let nato = nato::bundled().unwrap();
    let c = chart::build(
        nato,
        None,
        &ChartOptions {
            year: Some(2023),
            ..Default::default()
        },
    )
    .unwrap();
    let imp = import_str(
        &table::to_string(&c),
        "export.csv",
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imp.layout, Layout::Long);
    assert!(imp.issues.is_empty(), "{:?}", imp.issues);
    assert_eq!(imp.dataset.observations().len(), 31);
    for o in imp.dataset.observations() {
        let official = nato
            .figure(nato.latest(), dossier::data::Measure::PctGdp, &o.iso3, 2023)
            .unwrap();
        assert_eq!(
            (&o.text, o.estimate),
            (&official.text, official.estimate),
            "{}",
            o.iso3
        );
    }
}

#[test]
fn the_bundled_table_imports_as_a_file() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/nato/nato_defence_expenditure_pct_gdp.csv");
    let imp = import_file(&path, &ImportOptions::default()).unwrap();
    assert!(imp.issues.is_empty(), "{:?}", imp.issues);
    assert_eq!(imp.dataset.observations().len(), 341);
    assert_eq!(value(&imp, "POL", 2023), Some((3.26, "3.26".into(), true)));
}

#[test]
fn utf8_with_a_byte_order_mark_and_windows_1252_decode_alike() {
    // The same table as UTF-8 with a byte-order mark, and as Excel saves it
    // on Windows (Windows-1252: ü 0xFC, ô 0xF4, ’ 0x92).
    let utf8_bom = "\u{feff}Country,2023\r\nTürkiye,1.6\r\nCôte d’Ivoire,0.9\r\n".as_bytes();
    let windows_1252: &[u8] = b"Country,2023\r\nT\xfcrkiye,1.6\r\nC\xf4te d\x92Ivoire,0.9\r\n";
    let dir = tempfile::tempdir().unwrap();
    for (file, bytes) in [("bom.csv", utf8_bom), ("cp1252.csv", windows_1252)] {
        let path = dir.path().join(file);
        std::fs::write(&path, bytes).unwrap();
        let imp = import_file(&path, &ImportOptions::default()).unwrap();
        assert_eq!(value(&imp, "TUR", 2023).unwrap().0, 1.6, "{file}");
        assert_eq!(value(&imp, "CIV", 2023).unwrap().0, 0.9, "{file}");
        assert!(imp.issues.is_empty(), "{file}: {:?}", imp.issues);
    }
}
