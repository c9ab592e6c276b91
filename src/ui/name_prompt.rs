//! The first-start question for the analyst's name, which goes on every
//! annotation they handle: asked once, when the settings hold no name, in a
//! small window that does not block the work. "Not now" closes it for the
//! session; an empty answer leaves the name unset. Edit ▸ Your Name… opens
//! the same window to change it later.

use egui::{Context, Id, Key, RichText};

use super::state::{Action, AppState, SessionAction};

/// The name question's state.
#[derive(Debug, Default)]
pub struct NamePrompt {
    /// Whether it is still to be answered this session.
    pub open: bool,
    /// The name as typed so far.
    pub draft: String,
    /// Opened to change a name already set (Edit ▸ Your Name…), not to ask
    /// for the first one.
    pub changing: bool,
}

impl NamePrompt {
    /// A prompt that asks only when `ask` and no name is known yet.
    pub fn asking(ask: bool, known: Option<&str>) -> Self {
        Self {
            open: ask && known.is_none_or(|n| n.trim().is_empty()),
            draft: String::new(),
            changing: false,
        }
    }

    /// Opens the window to change the name, filled with the one recorded.
    pub fn change(&mut self, known: Option<&str>) {
        self.open = true;
        self.changing = true;
        self.draft = known.unwrap_or_default().to_owned();
    }

    /// Draws the question while it is open; answering or dismissing it
    /// closes it for the session.
    pub fn show(&mut self, ctx: &Context, state: &AppState, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        // A name set meanwhile answers the first-start question.
        if !self.changing && state.session.editor.annotator().is_some() {
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
                if !self.changing {
                    ui.label(
                        RichText::new("You can change it later: Edit > Your Name…")
                            .small()
                            .weak(),
                    );
                }
                let label = ui.label("Your name:");
                let field = ui
                    .text_edit_singleline(&mut self.draft)
                    .labelled_by(label.id);
                if self.changing && !field.has_focus() && !field.lost_focus() {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() || entered {
                        answer = Some(self.draft.trim().to_owned());
                    }
                    let dismiss = if self.changing { "Cancel" } else { "Not now" };
                    dismissed = ui.button(dismiss).clicked()
                        || (self.changing && ui.input(|i| i.key_pressed(Key::Escape)));
                });
            });
        if let Some(name) = answer {
            // Changing to nothing clears the name; a first empty answer
            // just leaves it unset.
            if !name.is_empty() || self.changing {
                actions.push(Action::Session(SessionAction::SetAnnotator(name)));
            }
            self.open = false;
            self.changing = false;
        }
        if dismissed {
            self.open = false;
            self.changing = false;
        }
    }
}
