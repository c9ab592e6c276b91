//! Curation in the real window: editing a version before taking it, undo
//! from the Edit menu keeping "N left" true, and the first-start question
//! for the analyst's name.

use std::path::{Path, PathBuf};

use dossier::model::Status;
use dossier::ui::{AppOptions, DossierApp};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

use super::{app, harness, press};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/agree/label_only_one")
        .join(format!("{name}.dossier"))
}

/// A copy of alice's project, open, curating against bob's copy. A copy:
/// a project open in another test at the same time would be locked.
fn curating() -> (
    egui_kittest::Harness<'static, DossierApp>,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let alice = dir.path().join("alice.dossier");
    std::fs::copy(fixture("alice"), &alice).unwrap();
    let mut h = harness(app(vec![alice]));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Curation").click();
    h.run_steps(4);
    {
        let app = h.state_mut();
        app.curation.compare_with(&app.state, fixture("bob"));
    }
    h.run_steps(3);
    h.get_by_label("7 left");
    (h, dir)
}

/// Replaces what a field holds: all of it selected, then typed over.
fn retype(h: &mut egui_kittest::Harness<'static, DossierApp>, field: &str, text: &str) {
    h.get_by_label(field).focus();
    h.run_steps(1);
    press(h, Key::A, Modifiers::COMMAND);
    h.get_by_label(field).type_text(text);
    h.run_steps(2);
}

fn menu_item(h: &mut egui_kittest::Harness<'static, DossierApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run_steps(3);
    h.get_by_label_contains(item).click();
    h.run_steps(3);
}

#[test]
fn the_curator_edits_a_version_before_taking_it_and_undo_from_the_menu_reopens_it() {
    let (mut h, _dir) = curating();
    let before = h.state().state.project().documents.clone();
    // Alice has "Jens Stoltenberg", bob "Stoltenberg": E edits bob's.
    press(&mut h, Key::E, Modifiers::NONE);
    h.get_by_label("Edited version");
    h.get_by_label("Edited words: “Stoltenberg”");
    // Shift+← five times takes the start back over "Jens ".
    for _ in 0..5 {
        press(&mut h, Key::ArrowLeft, Modifiers::SHIFT);
    }
    h.get_by_label("Edited words: “Jens Stoltenberg”");
    // → grows the end into the space after, ← takes it back.
    press(&mut h, Key::ArrowRight, Modifiers::NONE);
    press(&mut h, Key::ArrowLeft, Modifiers::NONE);
    // The label is typed: select all of it, then the new one.
    retype(&mut h, "Edited label", "NORP");
    // Enter ends the typing, Enter again confirms.
    press(&mut h, Key::Enter, Modifiers::NONE);
    press(&mut h, Key::Enter, Modifiers::NONE);
    h.get_by_label("6 left");
    let doc = &h.state().state.project().documents[0];
    let edited: Vec<(&str, &str)> = doc
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted && a.span.start == 0)
        .map(|a| (doc.slice(a.span), a.kind.label().unwrap_or_default()))
        .collect();
    assert_eq!(edited, [("Jens Stoltenberg", "NORP")]);

    // Edit ▸ Undo, not the keyboard: the disagreement is open again.
    menu_item(&mut h, "Edit", "Undo settle");
    h.get_by_label("7 left");
    assert_eq!(h.state().state.project().documents, before);
    // Edit ▸ Redo settles it again.
    menu_item(&mut h, "Edit", "Redo settle");
    h.get_by_label("6 left");
    // Take mine needs no edit; Undo from the menu then undoes the edit
    // before it, and both are open again.
    press(&mut h, Key::M, Modifiers::NONE);
    h.get_by_label("5 left");
    menu_item(&mut h, "Edit", "Undo settle");
    h.get_by_label("7 left");
    assert_eq!(h.state().state.project().documents, before);
}

#[test]
fn a_draft_that_is_not_sound_says_why_and_escape_cancels_it() {
    let (mut h, _dir) = curating();
    // To the claim: M (keep "Jens Stoltenberg"), M (Warsaw), then Shift+E
    // edits alice's claim.
    for _ in 0..2 {
        press(&mut h, Key::M, Modifiers::NONE);
    }
    h.get_by_label("5 left");
    press(&mut h, Key::E, Modifiers::SHIFT);
    retype(&mut h, "Edited value", "four");
    h.get_by_label("Confirm (Enter)").click();
    h.run_steps(2);
    h.get_by_label_contains("is not a number");
    h.get_by_label("5 left");
    retype(&mut h, "Edited value", "4.5");
    h.get_by_label("Confirm (Enter)").click();
    h.run_steps(2);
    h.get_by_label("4 left");
    let doc = &h.state().state.project().documents[0];
    let values: Vec<f64> = doc
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .filter_map(|a| match &a.kind {
            dossier::model::AnnotationKind::Claim { value, .. } => Some(*value),
            _ => None,
        })
        .collect();
    assert_eq!(values, [4.5]);
    // Escape leaves a draft without settling anything.
    press(&mut h, Key::E, Modifiers::NONE);
    h.get_by_label("Edited version");
    press(&mut h, Key::Escape, Modifiers::NONE);
    assert!(h.query_by_label("Edited version").is_none());
    h.get_by_label("4 left");
}

/// A copy of alice's project (`document_only_one`), open in a 900×600
/// window, curating against copies of bob's and carol's.
fn curating_against_two() -> (
    egui_kittest::Harness<'static, DossierApp>,
    tempfile::TempDir,
) {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agree/document_only_one");
    let dir = tempfile::tempdir().unwrap();
    let copy = |name: &str| {
        let to = dir.path().join(format!("{name}.dossier"));
        std::fs::copy(case.join(format!("{name}.dossier")), &to).unwrap();
        to
    };
    let (alice, bob, carol) = (copy("alice"), copy("bob"), copy("carol"));
    let mut h = harness(app(vec![alice]));
    h.set_size(egui::vec2(900.0, 600.0));
    h.run_steps(3);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Curation").click();
    h.run_steps(4);
    for other in [bob, carol] {
        let app = h.state_mut();
        app.curation.compare_with(&app.state, other);
    }
    h.run_steps(3);
    (h, dir)
}

/// Every labelled widget of the app lies inside the window (but for the
/// resize grips of floating windows, which straddle their edges by design).
fn assert_inside_the_window(h: &egui_kittest::Harness<'static, DossierApp>) {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(900.0, 600.0)).expand(1.0);
    let outside: Vec<String> = h
        .query_all_by(|n| {
            n.label()
                .is_some_and(|l| !l.trim().is_empty() && !l.starts_with("Resize window"))
        })
        .filter(|n| !window.contains_rect(n.rect()))
        .map(|n| format!("{:?} {:?}", n.accesskit_node().label(), n.rect()))
        .collect();
    assert!(outside.is_empty(), "outside 900×600: {outside:#?}");
}

/// The version of Lockheed Martin the gold layer holds.
fn lockheed_label(h: &egui_kittest::Harness<'static, DossierApp>) -> String {
    let doc = &h.state().state.project().documents[1];
    let labels: Vec<&str> = doc
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted && doc.slice(a.span) == "Lockheed Martin")
        .filter_map(|a| a.kind.label())
        .collect();
    assert_eq!(labels.len(), 1, "{labels:?}");
    labels[0].to_owned()
}

#[test]
fn curating_against_two_copies_shows_three_columns_and_key_2_takes_the_second_analysts() {
    let (mut h, _dir) = curating_against_two();
    // NATO, Poland, the Pentagon, Lockheed Martin, Raytheon, Germany.
    h.get_by_label("6 left");
    for column in ["Mine", "bob", "carol"] {
        h.get_by_label(column);
    }
    h.get_by_label("Take carol's (2)");
    assert_inside_the_window(&h);
    for _ in 0..3 {
        press(&mut h, Key::M, Modifiers::NONE);
    }
    h.get_by_label("3 left");
    // Lockheed Martin: alice and bob say ORG, carol PERSON.
    assert_eq!(h.query_all_by_label("“Lockheed Martin”").count(), 3);
    assert_inside_the_window(&h);
    press(&mut h, Key::Num2, Modifiers::NONE);
    h.get_by_label("2 left");
    assert_eq!(lockheed_label(&h), "PERSON");
    // Undo from the Edit menu opens it again, Redo settles it again.
    menu_item(&mut h, "Edit", "Undo take");
    h.get_by_label("3 left");
    assert_eq!(lockheed_label(&h), "ORG");
    menu_item(&mut h, "Edit", "Redo take");
    h.get_by_label("2 left");
    assert_eq!(lockheed_label(&h), "PERSON");
    // Backspace takes it back too.
    press(&mut h, Key::Backspace, Modifiers::NONE);
    h.get_by_label("3 left");
    assert_eq!(lockheed_label(&h), "ORG");
}

fn asking_app() -> DossierApp {
    DossierApp::with_options(
        Vec::new(),
        AppOptions {
            ask_name: true,
            ..Default::default()
        },
    )
}

#[test]
fn the_name_is_asked_once_at_first_start_and_not_now_does_not_ask_again() {
    // The tests' default does not ask.
    let h = harness(app(Vec::new()));
    assert!(h.query_by_label("Not now").is_none());
    drop(h);

    // "Not now", and an empty answer, leave the name unset and do not ask
    // again in the session.
    for button in ["Not now", "Save"] {
        let mut h = harness(asking_app());
        h.get_by_label(button).click();
        h.run_steps(3);
        assert_eq!(h.state().state.session.editor.annotator(), None, "{button}");
        h.run_steps(5);
        assert!(h.query_by_label("Not now").is_none(), "{button}");
    }

    // A name is kept, and recorded from then on.
    let mut h = harness(asking_app());
    h.get_by_label("Your name:").focus();
    h.run_steps(1);
    h.get_by_label("Your name:").type_text("Zoë Ørsted");
    h.run_steps(1);
    h.get_by_label("Save").click();
    h.run_steps(3);
    assert_eq!(
        h.state().state.session.editor.annotator(),
        Some("Zoë Ørsted")
    );
    assert_eq!(
        h.state().settings().annotator.as_deref(),
        Some("Zoë Ørsted")
    );
    assert!(h.query_by_label("Not now").is_none());
}

#[test]
fn a_known_name_is_not_asked_for() {
    let settings = dossier::ui::Settings {
        annotator: Some("alice".into()),
        ..Default::default()
    };
    let h = harness(DossierApp::with_options(
        Vec::new(),
        AppOptions {
            ask_name: true,
            settings,
            ..Default::default()
        },
    ));
    assert!(h.query_by_label("Not now").is_none());
}
