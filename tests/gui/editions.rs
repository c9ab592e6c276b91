//! NATO's editions in the window: the claims ledger, the chart's edition
//! selector and revisions, and a workbook imported as a new edition.

use dossier::model::{AnnotationKind, ClaimUnit, Status};
use dossier::ui::{Action, DossierApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{app, harness, sample};

/// Marks the seed's "approximately 4% ... in 2023" as an accepted claim for
/// Poland, as the analyst would.
fn accept_seed_claim(h: &mut Harness<'_, DossierApp>) -> dossier::model::AnnotationId {
    let doc = h.state().state.current_document().unwrap();
    let doc_id = doc.id;
    let text = doc.text();
    let start = text.find("approximately 4%").unwrap();
    let end = start + "approximately 4% of its GDP on defense in 2023".len();
    let project = h.state().state.project();
    let highest = project
        .documents
        .iter()
        .flat_map(|d| d.annotations())
        .map(|a| a.id.0)
        .max()
        .unwrap_or(0);
    let id = dossier::model::AnnotationId(highest + 1000);
    let claim = dossier::model::Annotation {
        id,
        span: dossier::text::Span::new(start, end),
        kind: AnnotationKind::Claim {
            evidence: None,
            country: "Poland".into(),
            iso3: Some("POL".into()),
            year: Some(2023),
            value: 4.0,
            unit: ClaimUnit::PctGdp,
        },
        origin: dossier::model::Origin::Manual,
        status: Status::Accepted,
    };
    h.state_mut()
        .dispatch(Action::Edit(dossier::ui::EditAction::Execute(
            dossier::edit::Command::AddAnnotations {
                doc: doc_id,
                annotations: vec![claim],
            },
        )));
    h.run_steps(2);
    id
}

#[test]
fn the_ledger_lists_claims_against_then_and_now_and_opens_the_article() {
    let mut h = harness(app(vec![
        sample("00_seed.txt"),
        sample("08_dod-mattis-salutes-poland-2pct.txt"),
    ]));
    let seed = h.state().state.project().documents[0].id;
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectDocument(seed)));
    h.run_steps(2);
    let id = accept_seed_claim(&mut h);
    // As View ▸ Claims ledger does (the View menu's theme icons have no
    // glyph in the test fonts).
    h.state_mut()
        .dispatch(Action::Window(dossier::ui::WindowAction::Run(
            dossier::ui::UiCommand::ToggleLedger,
        )));
    h.run_steps(3);
    assert!(h.state().ledger.open);
    // Accepted claims only: the seed's.
    h.get_by_label("1 of 1 claims");
    h.get_by_label("3.26");
    h.get_by_label("Jul 2026, core");
    // Suggestions too: the Mattis article's yearless "2 percent" takes
    // its date's year, 2017.
    h.get_by_label("Include suggested claims").click();
    h.run_steps(3);
    let app = h.state_mut();
    let nato = app.chart.nato().unwrap().clone();
    let rows = app.ledger.visible(&app.state, &nato);
    assert!(rows.len() >= 2, "{}", rows.len());
    let mattis = rows
        .iter()
        .find(|r| r.date.starts_with("2017"))
        .map(|r| r.cell(dossier::ledger::Column::YearBasis));
    // The sample's date lives in its metadata only when the reader found one.
    if let Some(basis) = mattis {
        assert_eq!(basis, "year taken from the article's date");
    }
    // Filter by country, sort by the difference.
    app.ledger.filter_column = Some(dossier::ledger::Column::Country);
    app.ledger.filter = "poland".into();
    app.ledger.sort = Some((dossier::ledger::Column::NowDifference, true));
    let rows = app.ledger.visible(&app.state, &nato);
    assert!(rows.iter().all(|r| r.country == "Poland"));
    assert!(rows.windows(2).all(|w| {
        dossier::ledger::compare(&w[0], &w[1], dossier::ledger::Column::NowDifference)
            != std::cmp::Ordering::Less
    }));
    app.ledger.filter.clear();
    app.ledger.filter_column = None;
    app.ledger.sort = None;
    app.ledger.include_suggested = false;
    h.run_steps(2);
    // Another article is open; clicking the claim's row opens the seed at it.
    let other = h.state().state.project().documents[1].id;
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectDocument(other)));
    h.run_steps(2);
    h.get(
        egui_kittest::kittest::By::new()
            .label_contains("U.S. and Poland strengthen")
            .role(egui::accesskit::Role::Link),
    )
    .click();
    h.run_steps(3);
    assert_eq!(h.state().state.view.current, Some(seed));
    assert_eq!(h.state().state.view.selected_annotation, Some(id));
}

#[test]
fn the_chart_offers_editions_and_revisions() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    h.get_by_label("Edition").click();
    h.run_steps(2);
    h.get_by_label("Aug 2025 (secondary)").click();
    h.run_steps(3);
    h.get_by_label_contains("(Aug 2025 edition)");
    let app = h.state_mut();
    app.chart.options.kind = dossier::chart::ChartKind::Revisions;
    app.chart.options.countries = vec!["POL".into()];
    h.run_steps(3);
    h.get_by_label_contains("Revisions: Poland as printed in each NATO edition");
    // A time series with every article's claims about the shown countries.
    accept_seed_claim(&mut h);
    let app = h.state_mut();
    app.chart.options.kind = dossier::chart::ChartKind::Series;
    app.chart.options.edition = None;
    app.chart.corpus_claims = true;
    let chart = app.chart.chart(&app.state).unwrap();
    assert!(
        chart
            .claims
            .iter()
            .any(|m| m.iso3 == "POL" && m.at == dossier::chart::ClaimAt::Year(2023)),
        "{:?}",
        chart.claims
    );
    h.run_steps(2);
    h.get_by_label("Claims of all articles");
}

fn workbook_bytes() -> Vec<u8> {
    // A small workbook in NATO's layout: Table 3 with two allies.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Table 3").unwrap();
    ws.write_string(0, 0, "Share of real GDP (%), based on 2021 prices")
        .unwrap();
    ws.write_string(1, 0, "Country").unwrap();
    for (i, y) in (2024..=2027).enumerate() {
        let col = 1 + i as u16;
        if y >= 2026 {
            ws.write_string(1, col, format!("{y}e")).unwrap();
        } else {
            ws.write_number(1, col, f64::from(y)).unwrap();
        }
    }
    for (r, (name, base)) in [("Poland*", 3.7), ("Estonia", 3.4)].into_iter().enumerate() {
        ws.write_string(2 + r as u32, 0, name).unwrap();
        for i in 0..4 {
            ws.write_number(2 + r as u32, 1 + i, base + f64::from(i) * 0.3)
                .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_nato_workbook_becomes_the_latest_edition_and_a_bad_one_changes_nothing() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.xlsx");
    std::fs::write(&bad, b"not a workbook").unwrap();
    h.state_mut()
        .dispatch(Action::Window(dossier::ui::WindowAction::ImportFigures(
            bad,
        )));
    h.run_steps(2);
    assert_eq!(
        h.state().chart.nato().unwrap().editions.len(),
        3,
        "nothing lost"
    );
    assert!(
        h.state()
            .state
            .inbox
            .notices
            .iter()
            .any(|n| n.text.contains("broken.xlsx")),
        "the error names the file"
    );
    let good = dir.path().join("def-exp-2027-en.xlsx");
    std::fs::write(&good, workbook_bytes()).unwrap();
    // File ▸ Import NATO Workbook…; without a file dialog, a typed path.
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import NATO Workbook…").click();
    h.run_steps(2);
    assert!(
        h.state().dialogs.typed_path.is_some(),
        "no native dialog in tests: a path is typed"
    );
    h.run_steps(2);
    h.get_by_label("CSV file of figures (% of GDP), or NATO's .xlsx workbook")
        .type_text(&good.display().to_string());
    h.run_steps(1);
    h.get_by_label("Import").click();
    h.run_steps(3);
    let nato = h.state().chart.nato().unwrap().clone();
    assert_eq!(nato.editions.len(), 4);
    assert_eq!(nato.latest().year, 2027);
    // The chart shows the new edition (at a year it has).
    h.state_mut().chart.options.year = Some(2026);
    h.run_steps(3);
    h.get_by_label_contains("(xlsx) edition)");
}
