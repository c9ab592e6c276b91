//! The claims ledger: every claim of a project against NATO then and now,
//! and `dossier claims`.

use std::process::Command as Process;

use crate::export_support::*;
use dossier::data::nato;
use dossier::ledger::{self, Column, LedgerOptions};
use dossier::model::{AnnotationKind, ClaimUnit, Status};

fn cell(row: &ledger::LedgerRow, c: Column) -> String {
    row.cell(c)
}

#[test]
fn every_claim_of_a_project_with_its_figures_then_and_now() {
    let mut p = reference_project();
    let d = nato::bundled().unwrap();
    let rows = ledger::build(&p, d, &LedgerOptions::default()).unwrap();
    // The five accepted claims of the reference articles; none is dated.
    assert_eq!(rows.len(), 5);
    // The seed's "approximately 4% ... in 2023": NATO now, no date.
    let seed = rows.iter().find(|r| r.claimed_year == Some(2023)).unwrap();
    assert_eq!(cell(seed, Column::Country), "Poland");
    assert_eq!(cell(seed, Column::NowValue), "3.26");
    assert_eq!(cell(seed, Column::AtTimeValue), "");
    assert!(cell(seed, Column::Notes).contains("the article has no date"));
    let germany = rows.iter().find(|r| r.country == "Germany").unwrap();
    assert_eq!(cell(germany, Column::Year), "");
    assert_eq!(cell(germany, Column::YearBasis), "year not stated");
    assert_eq!(cell(germany, Column::NowValue), "", "never the latest year");
    assert!(cell(germany, Column::Notes).starts_with("not compared"));
    // The Mattis article of 5 May 2017: "2 percent" takes 2017.
    let mattis = p
        .documents
        .iter()
        .position(|doc| doc.title().contains("Mattis"))
        .unwrap();
    p.documents[mattis].meta.date = Some("2017-05-05".into());
    p.documents[mattis].meta.outlet = Some("DoD News".into());
    let mattis_id = p.documents[mattis].id;
    let rows = ledger::build(&p, d, &LedgerOptions::default()).unwrap();
    let poland = rows.iter().find(|r| r.doc == mattis_id).unwrap();
    assert_eq!(cell(poland, Column::Year), "2017");
    assert_eq!(
        cell(poland, Column::YearBasis),
        "year taken from the article's date"
    );
    assert_eq!(cell(poland, Column::Outlet), "DoD News");
    assert_eq!(cell(poland, Column::AtTimeValue), "1.89");
    assert_eq!(cell(poland, Column::AtTimeEdition), "Jun 2024");
    assert_eq!(cell(poland, Column::AtTimeDifference), "0.11");
    assert_eq!(cell(poland, Column::NowValue), "1.88");
    assert_eq!(cell(poland, Column::NowEdition), "Jul 2026, core");
    assert!(cell(poland, Column::Notes).contains("older than every edition"));
    // Filter and sort by column.
    let mut sorted: Vec<_> = rows
        .iter()
        .filter(|r| ledger::matches(r, Column::Unit, "pct"))
        .cloned()
        .collect();
    sorted.sort_by(|a, b| ledger::compare(a, b, Column::ClaimedValue));
    let values: Vec<String> = sorted
        .iter()
        .map(|r| cell(r, Column::ClaimedValue))
        .collect();
    assert_eq!(values, ["2", "2", "2", "4", "5"]);
    assert!(ledger::matches(&rows[0], Column::Title, ""));
    assert!(!ledger::matches(poland, Column::Country, "sweden"));
    // Another edition as "now".
    let june = LedgerOptions {
        now_edition: Some("2024".into()),
        ..Default::default()
    };
    let rows = ledger::build(&p, d, &june).unwrap();
    let poland = rows.iter().find(|r| r.doc == mattis_id).unwrap();
    assert_eq!(cell(poland, Column::NowEdition), "Jun 2024");
    let unknown = LedgerOptions {
        now_edition: Some("1999".into()),
        ..Default::default()
    };
    let err = ledger::build(&p, d, &unknown).unwrap_err().to_string();
    assert!(err.contains("2026 (Jul 2026)"), "{err}");
}

#[test]
fn speakers_suggestions_and_the_csv() {
    let (mut p, id) = unicode_project();
    let d = nato::bundled().unwrap();
    let text = p.document(id).unwrap().text().to_owned();
    let span = find(&text, "more than any ally", 0);
    let suggested = ann(
        &mut p,
        span,
        AnnotationKind::Claim {
            evidence: None,
            country: "Estonia".into(),
            iso3: Some("EST".into()),
            year: Some(2025),
            value: 3.0,
            unit: ClaimUnit::PctGdp,
        },
        Status::Suggested,
    );
    dossier::edit::Command::AddAnnotations {
        doc: id,
        annotations: vec![suggested],
    }
    .apply(&mut p)
    .unwrap();
    let accepted = ledger::build(&p, d, &LedgerOptions::default()).unwrap();
    assert_eq!(accepted.len(), 1);
    assert_eq!(
        accepted[0].speaker.as_deref(),
        Some("Władysław Kosiniak-Kamysz")
    );
    let all = ledger::build(
        &p,
        d,
        &LedgerOptions {
            include_suggested: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(all.len(), 2);
    let est = all.iter().find(|r| r.country == "Estonia").unwrap();
    assert_eq!(est.status, Status::Suggested);
    assert_eq!(cell(est, Column::NowValue), "3.93");
    let csv = String::from_utf8(ledger::to_csv(&all).unwrap()).unwrap();
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ledger::HEADER
    );
    assert_eq!(r.records().count(), 2);
}

fn dossier() -> Process {
    let mut c = Process::new(env!("CARGO_BIN_EXE_dossier"));
    // No workbook a developer imported may change the figures.
    c.env(
        "DOSSIER_DATA_DIR",
        std::env::temp_dir().join("dossier-ledger-test-none"),
    );
    c
}

#[test]
fn dossier_claims_writes_the_ledger_of_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let seed = sample_dir().join("articles/00_seed.txt");
    let out = dir.path().join("ledger.csv");
    let run = dossier()
        .arg("claims")
        .arg(&seed)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("Poland 2023: claimed 4.0 %; NATO now (Jul 2026, core) 3.26 %"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let poland = rows
        .iter()
        .find(|r| &r[col("iso3")] == "POL" && &r[col("year")] == "2023")
        .expect("the seed's Poland claim");
    assert_eq!(&poland[col("claimed_value")], "4");
    assert_eq!(&poland[col("at_time_value")], "");
    assert_eq!(&poland[col("now_value")], "3.26");
    assert_eq!(&poland[col("now_edition")], "Jul 2026, core");
    assert!(poland[col("notes")].contains("the article has no date"));
    // Against the June 2024 edition as "now".
    let run = dossier()
        .arg("claims")
        .arg(&seed)
        .args(["--edition", "2024", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Jun 2024, est.")
    );
    let run = dossier()
        .arg("claims")
        .arg(&seed)
        .args(["--edition", "1999", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("no edition named \"1999\""));
}
