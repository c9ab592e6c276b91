//! Figures as SVG (well-formed, with title and source), PNG (decodes at the
//! expected size) and CSV, and the `dossier chart` command.

use std::process::Command;

use dossier::chart::{self, ChartKind, ChartOptions, ClaimInput, png, svg, table};
use dossier::data::nato;
use resvg::tiny_skia::Pixmap;

fn build(kind: ChartKind) -> chart::Chart {
    let opts = ChartOptions {
        kind,
        highlight: vec!["POL".into(), "SWE".into()],
        claims: vec![ClaimInput {
            country: "Poland".into(),
            year: Some(2024),
            value: 4.0,
            published: None,
        }],
        edition: Some("2024".into()),
        countries: if kind == ChartKind::Series {
            vec!["POL".into(), "SWE".into(), "DEU".into()]
        } else {
            vec![]
        },
        ..Default::default()
    };
    chart::build(nato::bundled().unwrap(), None, &opts).unwrap()
}

#[test]
fn svg_is_well_formed_and_carries_title_and_source() {
    for kind in [
        ChartKind::Bars,
        ChartKind::Series,
        ChartKind::Equipment,
        ChartKind::Gap,
    ] {
        let c = build(kind);
        let fig = svg::render(&c);
        let doc = roxmltree::Document::parse(&fig.svg).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("960"));
        assert_eq!(
            root.attribute("height").unwrap().parse::<f64>().unwrap(),
            fig.height
        );
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or("").to_string())
            .collect();
        assert!(texts.contains(&c.title), "{kind:?}");
        // The source line is wrapped: its first words open a text line.
        assert!(
            texts.iter().any(|t| t.starts_with("Source: NATO")),
            "{kind:?}"
        );
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some(c.title.as_str()));
        // Accented names survive escaping.
        if kind == ChartKind::Bars {
            assert!(texts.iter().any(|t| t == "Türkiye"));
            assert!(texts.iter().any(|t| t == "claimed 4.0 %"));
            assert!(
                fig.svg.contains("<pattern id=\"hatch-"),
                "estimates are hatched"
            );
        }
        // usvg reads it too, at the same size.
        let tree = resvg::usvg::Tree::from_str(&fig.svg, &resvg::usvg::Options::default()).unwrap();
        assert_eq!(tree.size().width(), 960.0);
    }
}

#[test]
fn png_decodes_with_the_expected_size() {
    let c = build(ChartKind::Bars);
    let fig = svg::render(&c);
    let bytes = png::render(&c, 2.0).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let image = Pixmap::decode_png(&bytes).unwrap();
    assert_eq!(image.width(), 1920);
    assert_eq!(image.height(), (fig.height * 2.0).ceil() as u32);
    // Text is drawn with the embedded font: the title row has dark pixels.
    let dark = image
        .pixels()
        .iter()
        .filter(|p| p.red() < 60 && p.green() < 60 && p.blue() < 60)
        .count();
    assert!(dark > 2000, "{dark} dark pixels");
    let small = png::render(&c, 1.0).unwrap();
    assert_eq!(Pixmap::decode_png(&small).unwrap().width(), 960);
}

#[test]
fn rendering_is_deterministic() {
    let c = build(ChartKind::Series);
    assert_eq!(png::render(&c, 1.0).unwrap(), png::render(&c, 1.0).unwrap());
}

#[test]
fn csv_of_the_plotted_figures() {
    let c = build(ChartKind::Bars);
    let text = table::to_string(&c);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "country", "iso3", "year", "value", "unit", "estimate", "source"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 31);
    let pol = rows.iter().find(|r| &r[1] == "POL").unwrap();
    assert_eq!(
        (&pol[0], &pol[2], &pol[3], &pol[4], &pol[5]),
        ("Poland", "2024", "4.12", "pct_gdp", "true")
    );
    assert_eq!(&pol[6], "NATO (Jun 2024 edition)");
    let tur = rows.iter().find(|r| &r[1] == "TUR").unwrap();
    assert_eq!(&tur[0], "Türkiye");
}

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

#[test]
fn command_line_writes_the_same_figure() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("poland.svg");
    let csv_out = dir.path().join("poland.csv");
    let status = dossier()
        .args([
            "chart",
            "--kind",
            "bars",
            "--year",
            "2023",
            "--highlight",
            "POL",
            "--claim",
            "POL:2023:4.0",
        ])
        .arg("-o")
        .arg(&out)
        .arg("--data-out")
        .arg(&csv_out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(
        String::from_utf8_lossy(&status.stderr)
            .contains("claim POL: Poland 2023: claimed 4.0 %; NATO now (Jul 2026, core) 3.26 %")
    );
    let opts = ChartOptions {
        year: Some(2023),
        highlight: vec!["POL".into()],
        claims: vec![ClaimInput {
            country: "POL".into(),
            year: Some(2023),
            value: 4.0,
            published: None,
        }],
        ..Default::default()
    };
    let expected = chart::build(nato::bundled().unwrap(), None, &opts).unwrap();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        svg::render(&expected).svg
    );
    assert_eq!(
        std::fs::read_to_string(&csv_out).unwrap(),
        table::to_string(&expected)
    );

    let png_out = dir.path().join("series.png");
    let status = dossier()
        .args([
            "chart",
            "--kind",
            "series",
            "--countries",
            "POL,USA",
            "--targets",
            "2,3.5",
            "--scale",
            "1",
        ])
        .arg("-o")
        .arg(&png_out)
        .status()
        .unwrap();
    assert!(status.success());
    let image = Pixmap::decode_png(&std::fs::read(&png_out).unwrap()).unwrap();
    assert_eq!(image.width(), 960);
}

#[test]
fn command_line_compares_an_imported_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("compare.svg");
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/spending/long.csv"
    );
    let output = dossier()
        .args(["chart", "--data", data, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The bad rows are reported with their lines; the good ones are plotted.
    assert!(
        stderr.contains("line 9: unknown country \"Atlantis\""),
        "{stderr}"
    );
    let svg_text = std::fs::read_to_string(&out).unwrap();
    assert!(svg_text.contains("Defence expenditure: NATO and long.csv, 2023"));

    // A SIPRI sheet under its own name, its figures plotted against the
    // targets; "&" in the name is escaped in the SVG.
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/spending/sipri_share_of_gdp.csv"
    );
    let out = dir.path().join("sipri.svg");
    let output = dossier()
        .args([
            "chart",
            "--data",
            data,
            "--data-name",
            "SIPRI & co",
            "--plot-data",
            "--year",
            "2023",
        ])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg_text = std::fs::read_to_string(&out).unwrap();
    roxmltree::Document::parse(&svg_text).unwrap();
    assert!(svg_text.contains("SIPRI &amp; co"));
    assert!(svg_text.contains(">3.833<"));
}

#[test]
fn command_line_errors_exit_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["chart", "--year", "1999"],
        vec!["chart", "--countries", "Narnia"],
        vec!["chart", "--kind", "compare"],
        vec!["chart", "--targets", "two"],
        vec!["chart", "--claim", "Poland"],
    ] {
        let output = dossier()
            .args(&args)
            .arg("-o")
            .arg(dir.path().join("x.svg"))
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).starts_with("dossier: "),
            "{args:?}"
        );
    }
    let output = dossier()
        .args(["chart", "-o"])
        .arg(dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(!dir.path().join("x.svg").exists());
}

#[test]
fn command_line_charts_an_edition_and_the_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], out: &str| {
        let o = dossier()
            .env("DOSSIER_DATA_DIR", dir.path().join("data"))
            .args(args)
            .arg("-o")
            .arg(dir.path().join(out))
            .arg("--data-out")
            .arg(dir.path().join(format!("{out}.csv")))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (
            std::fs::read_to_string(dir.path().join(out)).unwrap(),
            std::fs::read_to_string(dir.path().join(format!("{out}.csv"))).unwrap(),
        )
    };
    let (svg, csv) = run(&["chart", "--kind", "bars", "--edition", "2025"], "aug.svg");
    assert!(svg.contains("Defence expenditure of NATO allies, 2025 (Aug 2025 edition)"));
    assert!(csv.contains("\"NATO (Aug 2025 edition, secondary)\""));
    let (svg, csv) = run(
        &["chart", "--kind", "revisions", "--countries", "POL"],
        "rev.svg",
    );
    assert!(svg.contains("Revisions: Poland as printed in each NATO edition"));
    // Poland 2024 as each edition printed it, each row naming its edition.
    for line in [
        "Poland,POL,2024,4.12,pct_gdp,true,NATO (Jun 2024 edition)",
        "Poland,POL,2024,3.79,pct_gdp,true,\"NATO (Aug 2025 edition, secondary)\"",
        "Poland,POL,2024,3.75,pct_gdp,false,\"NATO (Jul 2026 edition, core defence expenditure, secondary)\"",
    ] {
        assert!(csv.contains(line), "{line}\n{csv}");
    }
}
