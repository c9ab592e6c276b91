use egui::Ui;

use super::app::{FIND, OPEN, OPEN_PATH, QUIT, REDO, SAVE, SAVE_AS, UNDO};
use super::dialogs::{Dialogs, PathPurpose};
use super::state::{Action, AppState};

pub fn menu_bar(
    ui: &mut Ui,
    state: &AppState,
    dialogs: &mut Dialogs,
    chart_visible: bool,
    actions: &mut Vec<Action>,
) {
    let ctx = ui.ctx().clone();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("Open Files…").shortcut_text(ctx.format_shortcut(&OPEN)))
                .clicked()
                && let Some(paths) = dialogs.request_open_files()
            {
                actions.push(Action::OpenPaths(paths));
            }
            if ui.button("Open Project…").clicked()
                && let Some(p) = dialogs.request_open_project()
            {
                actions.push(Action::OpenProject(p));
            }
            if ui.button("Open Folder…").clicked()
                && let Some(paths) = dialogs.request_open_folder()
            {
                actions.push(Action::OpenPaths(paths));
            }
            if ui
                .add(egui::Button::new("Open Path…").shortcut_text(ctx.format_shortcut(&OPEN_PATH)))
                .clicked()
            {
                dialogs.open_typed_path(PathPurpose::Open);
            }
            ui.menu_button("Open Recent", |ui| {
                if state.recent.is_empty() {
                    ui.label("No recent projects");
                }
                for p in &state.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        actions.push(Action::OpenProject(p.clone()));
                    }
                }
            });
            ui.separator();
            if ui
                .button("Import Annotations…")
                .on_hover_text("JSONL, a brat folder or Label Studio JSON")
                .clicked()
            {
                dialogs.open_typed_path(PathPurpose::ImportAnnotated);
            }
            if ui
                .button("Import NATO Workbook…")
                .on_hover_text("NATO's def-exp-YYYY-en.xlsx, read as a new edition")
                .clicked()
            {
                actions.push(Action::ImportWorkbookRequest);
            }
            if ui.button("Export Dataset…").clicked() {
                actions.push(Action::OpenExportDialog);
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Save").shortcut_text(ctx.format_shortcut(&SAVE)))
                .clicked()
            {
                if state.project_path.is_some() {
                    actions.push(Action::Save);
                } else if let Some(p) = dialogs.request_save_as(state) {
                    actions.push(Action::SaveAs(p));
                }
            }
            if ui
                .add(egui::Button::new("Save As…").shortcut_text(ctx.format_shortcut(&SAVE_AS)))
                .clicked()
                && let Some(p) = dialogs.request_save_as(state)
            {
                actions.push(Action::SaveAs(p));
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Quit").shortcut_text(ctx.format_shortcut(&QUIT)))
                .clicked()
            {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = match state.editor.undo_description() {
                Some(d) => format!("Undo {d}"),
                None => "Undo".into(),
            };
            if ui
                .add_enabled(
                    state.editor.can_undo(),
                    egui::Button::new(undo).shortcut_text(ctx.format_shortcut(&UNDO)),
                )
                .clicked()
            {
                actions.push(Action::Undo);
            }
            let redo = match state.editor.redo_description() {
                Some(d) => format!("Redo {d}"),
                None => "Redo".into(),
            };
            if ui
                .add_enabled(
                    state.editor.can_redo(),
                    egui::Button::new(redo).shortcut_text(ctx.format_shortcut(&REDO)),
                )
                .clicked()
            {
                actions.push(Action::Redo);
            }
            ui.separator();
            let mut advance = state.advance_after_review;
            if ui
                .checkbox(
                    &mut advance,
                    "After accept or reject, go to the next suggestion",
                )
                .changed()
            {
                actions.push(Action::SetAdvanceAfterReview(advance));
            }
            ui.horizontal(|ui| {
                let mut name = state.editor.annotator().unwrap_or_default().to_owned();
                let label = ui.label("Your name:");
                let field = egui::TextEdit::singleline(&mut name)
                    .hint_text("recorded on your annotations")
                    .desired_width(160.0);
                if ui.add(field).labelled_by(label.id).changed() {
                    actions.push(Action::SetAnnotator(name));
                }
            });
            ui.separator();
            if ui.button("Project Gazetteer…").clicked() {
                actions.push(Action::OpenGazetteer);
            }
            if ui
                .add(egui::Button::new("Find…").shortcut_text(ctx.format_shortcut(&FIND)))
                .clicked()
            {
                dialogs.find_open = true;
                dialogs.focus_find = true;
            }
        });
        ui.menu_button("View", |ui| {
            let mut show_rejected = state.show_rejected;
            if ui
                .checkbox(&mut show_rejected, "Show rejected suggestions")
                .changed()
            {
                actions.push(Action::ToggleRejected);
            }
            // A check box, so that the menu says whether the chart is on.
            let mut chart_on = chart_visible;
            if ui.checkbox(&mut chart_on, "Spending chart").changed() {
                actions.push(Action::ToggleChart);
            }
            if ui.button("Claims ledger").clicked() {
                actions.push(Action::ToggleLedger);
            }
            if ui.button("Agreement between analysts").clicked() {
                actions.push(Action::ToggleAgreement);
            }
            if ui.button("Curation").clicked() {
                actions.push(Action::ToggleCuration);
            }
            if ui.button("Notices").clicked() {
                dialogs.show_notices = true;
            }
            ui.separator();
            theme_choices(ui);
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                dialogs.show_shortcuts = true;
            }
        });
    });
}

/// The theme as three radio items, one of them chosen: egui's own icon
/// buttons do not say which is on, nor what they are to a screen reader.
fn theme_choices(ui: &mut Ui) {
    let mut preference = ui.options(|o| o.theme_preference);
    let before = preference;
    for (choice, text) in [
        (egui::ThemePreference::System, "Follow the system theme"),
        (egui::ThemePreference::Light, "Light theme"),
        (egui::ThemePreference::Dark, "Dark theme"),
    ] {
        ui.radio_value(&mut preference, choice, text);
    }
    if preference != before {
        ui.ctx().set_theme(preference);
    }
}
