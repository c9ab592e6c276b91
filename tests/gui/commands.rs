//! The command registry drives the keys, the menus, the help window and
//! the palette: what one says, the others do.

use dossier::model::{Label, Rgb, Status};
use dossier::project::{self, ProjectLock};
use dossier::ui::{DossierApp, UiCommand};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{app, harness, press, sample, wait_until_open};

/// Whether the typed-path window (the stand-in for the native dialog in
/// tests) is asking where to save.
fn asks_where_to_save(h: &Harness<'_, DossierApp>) -> bool {
    h.state()
        .dialogs
        .typed_path
        .as_ref()
        .is_some_and(|(purpose, _)| format!("{purpose:?}") == "SaveAs")
}

/// A saved project over the seed article, written through the app.
fn saved_project(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("shared — Żagań.dossier");
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    h.state_mut().dispatch(dossier::ui::Action::Session(
        dossier::ui::SessionAction::SaveAs(path.clone()),
    ));
    wait_until_open(&mut h);
    assert!(path.exists());
    path
}

#[test]
fn save_and_ctrl_s_do_the_same_on_a_read_only_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let before = std::fs::read(&path).unwrap();
    let _other_window = ProjectLock::acquire(&path).unwrap();
    let mut h = harness(app(vec![path.clone()]));
    h.get_by_label("Open Read-Only").click();
    h.run_steps(3);
    assert!(h.state().state.session.read_only);

    press(&mut h, Key::S, Modifiers::COMMAND);
    assert!(asks_where_to_save(&h), "Ctrl+S asks where to save a copy");
    h.state_mut().dialogs.typed_path = None;
    h.run_steps(1);

    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Save Ctrl+S").click();
    h.run_steps(2);
    assert!(asks_where_to_save(&h), "File ▸ Save does the same");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}

#[test]
fn save_and_ctrl_s_both_save_a_project_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = harness(app(vec![path.clone()]));
    for by_menu in [false, true] {
        super::find_and_select(&mut h, "Daniel Zimmerman");
        press(&mut h, Key::Num1, Modifiers::NONE);
        assert!(h.state().state.session.editor.is_dirty());
        if by_menu {
            h.get_by_label("File").click();
            h.run_steps(2);
            h.get_by_label_contains("Save Ctrl+S").click();
            h.run_steps(2);
        } else {
            press(&mut h, Key::S, Modifiers::COMMAND);
        }
        wait_until_open(&mut h);
        assert!(!asks_where_to_save(&h));
        assert!(
            !h.state().state.session.editor.is_dirty(),
            "saved (menu: {by_menu})"
        );
    }
}

#[test]
fn a_label_key_that_clashes_with_a_command_loads_unset_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut project = project::load(&path).unwrap();
    project.labels.upsert(Label {
        name: "WEAPON".into(),
        color: Rgb(10, 20, 30),
        shortcut: Some('a'),
        description: "Weapon systems".into(),
        builtin: false,
    });
    project.labels.upsert(Label {
        name: "UNIT".into(),
        color: Rgb(30, 20, 10),
        shortcut: Some('u'),
        description: "Military units".into(),
        builtin: false,
    });
    project::save(&project, &path).unwrap();

    let mut h = harness(app(vec![path]));
    h.run_steps(2);
    let state = &h.state().state;
    assert_eq!(state.project().labels.get("WEAPON").unwrap().shortcut, None);
    assert_eq!(
        state.project().labels.get("UNIT").unwrap().shortcut,
        Some('u')
    );
    assert!(
        state
            .inbox
            .notices
            .iter()
            .any(|n| n.text.contains("WEAPON") && n.text.contains("Accept")),
        "the notice names the label and the command"
    );
    // A still accepts; U labels.
    let suggestion = state
        .current_document()
        .unwrap()
        .annotations()
        .iter()
        .find(|a| a.status == Status::Suggested)
        .unwrap()
        .id;
    h.state_mut().dispatch(dossier::ui::Action::View(
        dossier::ui::ViewAction::SelectAnnotation(Some(suggestion)),
    ));
    h.run_steps(1);
    press(&mut h, Key::A, Modifiers::NONE);
    assert_eq!(super::status_of(&h, suggestion), Status::Accepted);
    super::find_and_select(&mut h, "Daniel Zimmerman");
    press(&mut h, Key::U, Modifiers::NONE);
    assert!(
        super::entity_texts(h.state())
            .iter()
            .any(|(text, label, _)| text == "Daniel Zimmerman" && label == "UNIT"),
        "the label that kept its key applies with it"
    );
}

#[test]
fn the_palette_lists_every_command_and_runs_the_one_chosen() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    for &command in UiCommand::ALL {
        press(&mut h, Key::P, Modifiers::COMMAND | Modifiers::SHIFT);
        assert!(h.state().palette.open, "Ctrl+Shift+P opens the palette");
        h.get_by_label("Command palette search")
            .type_text(command.title());
        h.run_steps(2);
        let row = format!("{}: {}", command.spec().menu.title(), command.title());
        assert!(
            !h.query_all_by_label_contains(&row)
                .collect::<Vec<_>>()
                .is_empty(),
            "{row} is in the palette"
        );
        press(&mut h, Key::Escape, Modifiers::NONE);
        assert!(!h.state().palette.open, "Esc closes it");
    }
    // Labels are there too.
    press(&mut h, Key::P, Modifiers::COMMAND | Modifiers::SHIFT);
    h.get_by_label("Command palette search")
        .type_text("label as gpe");
    h.run_steps(2);
    h.get_by_label_contains("Label: Label as GPE");
    press(&mut h, Key::Escape, Modifiers::NONE);

    // Typing part of a name and Enter runs the best match.
    assert!(!h.state().ledger.open);
    press(&mut h, Key::P, Modifiers::COMMAND | Modifiers::SHIFT);
    h.get_by_label("Command palette search").type_text("ledger");
    h.run_steps(2);
    press(&mut h, Key::Enter, Modifiers::NONE);
    h.run_steps(2);
    assert!(h.state().ledger.open, "the ledger opened");
    assert!(!h.state().palette.open);
}

#[test]
fn the_help_window_lists_every_key_of_the_registry_and_the_labels() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    press(&mut h, Key::F1, Modifiers::NONE);
    h.run_steps(3);
    for &command in UiCommand::ALL {
        if command.spec().keys.is_empty() {
            continue;
        }
        h.get_by_label(command.spec().help);
    }
    h.get_by_label("Label the selection GPE (or relabel the selected entity)");
}

#[test]
fn menus_and_buttons_name_the_keys_the_keymap_has() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    h.get_by_label("Annotate").click();
    h.run_steps(2);
    h.get_by_label("Accept A");
    h.get_by_label("Next suggestion N");
    h.get_by_label("Previous article Alt+Up");
    h.get_by_label("Label Selection As").hover();
    h.run_steps(2);
    h.get_by_label("GPE 3");
    press(&mut h, Key::Escape, Modifiers::NONE);
    // The inspector's buttons repeat the registry's keys.
    let suggestion = h.state().state.current_document().unwrap().annotations()[0].id;
    h.state_mut().dispatch(dossier::ui::Action::View(
        dossier::ui::ViewAction::SelectAnnotation(Some(suggestion)),
    ));
    h.run_steps(2);
    h.get_by_label("Accept  (A)");
    h.get_by_label("Reject  (R)");
}

/// Closing the palette gives the keyboard back: F1 works at once.
#[test]
fn keys_work_again_once_the_palette_is_closed() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    press(&mut h, Key::P, Modifiers::COMMAND | Modifiers::SHIFT);
    h.get_by_label("Command palette search").type_text("acc");
    h.run_steps(2);
    press(&mut h, Key::Escape, Modifiers::NONE);
    h.run_steps(2);
    press(&mut h, Key::F1, Modifiers::NONE);
    h.run_steps(2);
    assert!(
        h.state().dialogs.show_shortcuts,
        "F1 opened the help window"
    );
}
