//! The first-start question for the analyst's name, which goes on every
//! annotation they handle: asked once, when the settings hold no name, in a
//! small window that does not block the work. "Not now" closes it for the
//! session; an empty answer leaves the name unset. Edit ▸ "Your name:"
//! changes it later.

use egui::{Context, Id, Key, RichText};

use super::state::{Action, AppState};

/// The name question's state.
#[derive(Debug, Default)]
pub struct NamePrompt {
    /// Whether it is still to be answered this session.
    pub open: bool,
    /// The name as typed so far.
    pub draft: String,
}

impl NamePrompt {
    /// A prompt that asks only when `ask` and no name is known yet.
    pub fn asking(ask: bool, known: Option<&str>) -> Self {
        Self {
            open: ask && known.is_none_or(|n| n.trim().is_empty()),
            draft: String::new(),
        }
    }

    /// Draws the question while it is open; answering or dismissing it
    /// closes it for the session.
    pub fn show(&mut self, ctx: &Context, state: &AppState, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        // A name set meanwhile (the Edit menu's "Your name:") answers the question.
        if state.editor.annotator().is_some() {
            self.open = false;
            return;
        }
        let mut answer = None;
        let mut dismissed = false;
        egui::Window::new("Your name")
            .id(Id::unique("name_prompt"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0])
            .show(ctx, |ui| {
                ui.label("Dossier records who added, accepted, edited or rejected each annotation, for agreement between analysts.");
                ui.label(RichText::new("You can change it later in the Edit menu.").small().weak());
                let label = ui.label("Your name:");
                let field = ui
                    .text_edit_singleline(&mut self.draft)
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() || entered {
                        answer = Some(self.draft.trim().to_owned());
                    }
                    dismissed = ui.button("Not now").clicked();
                });
            });
        if let Some(name) = answer {
            if !name.is_empty() {
                actions.push(Action::SetAnnotator(name));
            }
            self.open = false;
        }
        if dismissed {
            self.open = false;
        }
    }
}
