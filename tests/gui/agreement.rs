//! The Agreement window over the agreement fixtures, as the analyst sees it.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;

use super::{app, harness, sample};

fn fixture(case: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/agree")
        .join(case)
        .join(format!("{name}.dossier"))
}

#[test]
fn the_agreement_window_shows_the_figures_and_the_heatmap_from_the_view_menu() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Agreement between analysts").click();
    h.run_steps(4);
    assert!(h.state().agreement.open);
    h.get_by_label("Choose projects…");
    // What choosing the two files does (the file dialog is the system's).
    h.state_mut().agreement.compare(vec![
        fixture("label_only_one", "alice"),
        fixture("label_only_one", "bob"),
    ]);
    h.run_steps(3);
    // Overall κ and α, as tests/core/agree.rs checks against the reference.
    h.get_by_label("0.767");
    h.get_by_label("0.769");
    // A label only alice used, and a heatmap cell per article (κ of "a").
    assert!(!h.query_all_by_label("NORP").collect::<Vec<_>>().is_empty());
    h.get_by_label("0.821");

    // One project is not a comparison: the window says so.
    h.state_mut()
        .agreement
        .compare(vec![fixture("label_only_one", "alice")]);
    h.run_steps(2);
    h.get_by_label_contains("at least two projects");
    // A file that does not read is named.
    h.state_mut().agreement.compare(vec![
        fixture("label_only_one", "alice"),
        fixture("label_only_one", "nobody"),
    ]);
    h.run_steps(2);
    h.get_by_label_contains("nobody.dossier");
}
