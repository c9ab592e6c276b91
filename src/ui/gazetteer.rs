//! The project's own gazetteer: names the analyst taught Dossier, suggested
//! wherever they occur. Editable here, and importable as a plain list.

use egui::{Context, Id};

use super::command::UiCommand;
use super::state::{Action, AppState, EditAction, WindowAction};
use crate::model::{GazetteerEntry, Project};

/// The gazetteer window's own state: whether it is shown, and the name
/// being added.
#[derive(Default)]
pub struct GazetteerWindow {
    /// The window is shown.
    pub open: bool,
    new_text: String,
    new_label: String,
}

impl GazetteerWindow {
    /// The label for names without one in an imported list: the one chosen
    /// in this window.
    pub fn list_label(&self) -> String {
        if self.new_label.is_empty() {
            crate::model::PERSON.into()
        } else {
            self.new_label.clone()
        }
    }

    /// The window: a row to add a name, the list import, and every name
    /// with a button to remove it.
    pub fn show(&mut self, ctx: &Context, state: &AppState, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        if self.new_label.is_empty() {
            self.new_label = crate::model::PERSON.into();
        }
        let mut open = self.open;
        egui::Window::new("Project gazetteer")
            .id(Id::unique("gazetteer_window"))
            .open(&mut open)
            .default_width(420.0)
            .show(ctx, |ui| {
                let project = state.project();
                ui.label(
                    egui::RichText::new(
                        "Names suggested in every document of the project. Adding or accepting an entity adds it here.",
                    )
                    .small()
                    .weak(),
                );
                ui.horizontal(|ui| self.add_row(ui, project, actions));
                if ui
                    .button("Import a list…")
                    .on_hover_text("A text file, one name a line, optionally a tab and a label")
                    .clicked()
                {
                    actions.push(Action::Window(WindowAction::Run(UiCommand::ImportNameList)));
                }
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| names(ui, project, actions));
            });
        self.open = open;
    }

    /// A name and its label, and the button that adds them (off while the
    /// name is empty or listed).
    fn add_row(&mut self, ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
        let l = ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut self.new_text).desired_width(180.0))
            .labelled_by(l.id);
        let l = ui.label("Label");
        egui::ComboBox::from_id_salt("gazetteer_label")
            .selected_text(self.new_label.as_str())
            .show_ui(ui, |ui| {
                for lab in project.labels.iter() {
                    ui.selectable_value(&mut self.new_label, lab.name.clone(), lab.name.as_str());
                }
            })
            .response
            .labelled_by(l.id);
        let name = self.new_text.trim();
        let listed = project
            .gazetteer
            .iter()
            .any(|g| g.text == name && g.label == self.new_label);
        if ui
            .add_enabled(!name.is_empty() && !listed, egui::Button::new("Add"))
            .clicked()
        {
            let mut entries = project.gazetteer.clone();
            entries.push(GazetteerEntry {
                text: name.to_owned(),
                label: self.new_label.clone(),
                entity: None,
            });
            actions.push(Action::Edit(EditAction::SetGazetteer(entries)));
            self.new_text.clear();
        }
    }
}

/// Every name of the gazetteer with its label and a Remove button.
fn names(ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
    if project.gazetteer.is_empty() {
        ui.label("No names yet.");
    }
    // Each name once, even in a project saved while names could be listed
    // twice; Remove takes every copy.
    let mut shown = std::collections::HashSet::new();
    for e in &project.gazetteer {
        if !shown.insert((e.text.as_str(), e.label.as_str())) {
            continue;
        }
        ui.horizontal(|ui| {
            super::theme::label_chip(ui, &project.labels, &e.label);
            ui.label(&e.text);
            if ui.small_button("Remove").clicked() {
                let mut entries = project.gazetteer.clone();
                entries.retain(|g| !(g.text == e.text && g.label == e.label));
                actions.push(Action::Edit(EditAction::SetGazetteer(entries)));
            }
        });
    }
}
