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

#[test]
fn curation_walks_the_disagreements_with_the_keyboard_and_undoes() {
    use dossier::model::Status;
    use egui::{Key, Modifiers};
    let mut h = harness(app(vec![fixture("label_only_one", "alice")]));
    super::wait_until_open(&mut h);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Curation").click();
    h.run_steps(4);
    h.get_by_label("Compare with project…");
    // What choosing bob's copy does (the file dialog is the system's).
    let bob = fixture("label_only_one", "bob");
    {
        let app = h.state_mut();
        app.curation.compare_with(&app.state, bob);
    }
    h.run_steps(3);
    h.get_by_label("7 left");
    h.get_by_label("“Jens Stoltenberg”");
    h.get_by_label("“Stoltenberg”");
    let before = h.state().state.project().documents.clone();
    // M keeps mine; T takes bob's "Warsaw" LOC; X rejects the claim.
    for key in [Key::M, Key::T, Key::X] {
        h.key_press_modifiers(Modifiers::NONE, key);
        h.run_steps(2);
    }
    h.get_by_label("4 left");
    let doc = &h.state().state.project().documents[0];
    let labels: Vec<&str> = doc
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .filter_map(|a| a.kind.label())
        .collect();
    assert!(
        labels.contains(&"LOC") && !labels.contains(&"GPE"),
        "{labels:?}"
    );
    assert!(
        doc.annotations()
            .iter()
            .any(|a| a.is_claim() && a.status == Status::Rejected)
    );
    // Backspace twice: the rejection and the take are undone.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::NONE, Key::Backspace);
        h.run_steps(2);
    }
    h.get_by_label("6 left");
    assert_eq!(h.state().state.project().documents, before);
    // Undo while curating goes back too, so the count stays true.
    h.key_press_modifiers(Modifiers::NONE, Key::T);
    h.run_steps(2);
    h.get_by_label("5 left");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    h.get_by_label("6 left");
    assert_eq!(h.state().state.project().documents, before);
}
