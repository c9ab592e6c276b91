//! The Curation window: the disagreements between the open project (the
//! curator's, which becomes the gold layer) and another analyst's copy, one
//! at a time, side by side; each is settled from the keyboard with an
//! ordinary edit, so that undo, saving and export work as always.

use std::path::PathBuf;

use egui::{Context, Id, Key, Modifiers, RichText, Ui};

use super::state::{Action, AppState, EditAction};
use crate::agree::curate::{self, Decision, Disagreement};
use crate::model::{Annotation, AnnotationKind, Document, Project};

#[derive(Default)]
pub struct CurationWindow {
    pub open: bool,
    /// The other analyst's project.
    pub other: Option<(PathBuf, Project)>,
    /// The disagreements found when curation started, in reading order.
    pub queue: Vec<Disagreement>,
    /// How many are settled.
    pub position: usize,
    /// For each settled one, whether it edited the project (and so whether
    /// going back undoes an edit).
    edited: Vec<bool>,
    pub error: Option<String>,
}

impl CurationWindow {
    /// Starts curating the open project against `other`.
    pub fn start(&mut self, state: &AppState, other: PathBuf) {
        match crate::project::load(&other) {
            Ok(project) => {
                self.queue = curate::disagreements(state.project(), &project);
                self.other = Some((other, project));
                self.error = None;
            }
            Err(e) => {
                self.queue.clear();
                self.other = None;
                self.error = Some(e.to_string());
            }
        }
        self.position = 0;
        self.edited.clear();
        self.open = true;
    }

    /// Disagreements not yet settled.
    pub fn left(&self) -> usize {
        self.queue.len() - self.position
    }

    /// Settles the current disagreement.
    pub fn decide(&mut self, state: &mut AppState, decision: Decision, actions: &mut Vec<Action>) {
        let Some(d) = self.queue.get(self.position) else {
            return;
        };
        let command = curate::settle(state.session.editor.project_mut_for_ids(), d, decision);
        self.edited.push(command.is_some());
        actions.extend(command.map(|x| Action::Edit(EditAction::Execute(x))));
        self.position += 1;
    }

    /// Goes back to the last settled disagreement, undoing its edit.
    pub fn back(&mut self, actions: &mut Vec<Action>) {
        if let Some(edited) = self.edited.pop() {
            self.position -= 1;
            if edited {
                actions.push(Action::Edit(EditAction::Undo));
            }
        }
    }

    /// The window's keys, read before the article's (which are off while
    /// curating): M takes mine, T theirs, X rejects both, Backspace goes
    /// back. Undo does what Backspace does while curating, so that the
    /// count of what is left stays true.
    pub fn keys(&mut self, ctx: &Context, state: &mut AppState, actions: &mut Vec<Action>) {
        if !self.open || self.other.is_none() {
            return;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&super::command::UNDO_KEY)) {
            self.back(actions);
            return;
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::M) {
            self.decide(state, Decision::TakeMine, actions);
        } else if pressed(Key::T) {
            self.decide(state, Decision::TakeTheirs, actions);
        } else if pressed(Key::X) {
            self.decide(state, Decision::RejectBoth, actions);
        } else if pressed(Key::Backspace) {
            self.back(actions);
        }
    }

    pub fn show(&mut self, ctx: &Context, state: &mut AppState, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Curation")
            .id(Id::unique("curation_window"))
            .open(&mut open)
            .default_width(640.0)
            .show(ctx, |ui| self.contents(ui, state, actions));
        self.open = open;
    }

    fn contents(&mut self, ui: &mut Ui, state: &mut AppState, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            if ui.button("Compare with project…").clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .add_filter("Dossier project", &["dossier"])
                    .pick_file()
            {
                self.start(state, path);
            }
            if let Some((path, _)) = &self.other {
                ui.label(format!("against {}", path.display()));
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        if self.other.is_none() {
            ui.label("Choose another analyst's copy of this project.");
            return;
        }
        ui.label(RichText::new(format!("{} left", self.left())).strong());
        let Some(d) = self.queue.get(self.position).cloned() else {
            ui.label("Every disagreement is settled. Save the project to keep the gold version.");
            if ui.button("Back (Backspace)").clicked() {
                self.back(actions);
            }
            return;
        };
        let mine_doc = state.project().document(d.doc).cloned();
        ui.label(format!("Article: {}", d.title));
        ui.columns(2, |cols| {
            cols[0].label(RichText::new("Mine").strong());
            describe(&mut cols[0], mine_doc.as_ref(), d.mine.as_ref());
            cols[1].label(RichText::new("Theirs").strong());
            describe(&mut cols[1], mine_doc.as_ref(), d.theirs.as_ref());
        });
        ui.horizontal(|ui| {
            if ui.button("Take mine (M)").clicked() {
                self.decide(state, Decision::TakeMine, actions);
            }
            if ui.button("Take theirs (T)").clicked() {
                self.decide(state, Decision::TakeTheirs, actions);
            }
            if ui.button("Reject both (X)").clicked() {
                self.decide(state, Decision::RejectBoth, actions);
            }
            if ui.button("Back (Backspace)").clicked() {
                self.back(actions);
            }
        });
    }
}

/// An annotation's words and what it says; the text is the same in both
/// projects, so the curator's copy of the article serves for both.
fn describe(ui: &mut Ui, doc: Option<&Document>, a: Option<&Annotation>) {
    let (Some(doc), Some(a)) = (doc, a) else {
        ui.label("(nothing marked)");
        return;
    };
    ui.label(format!("“{}”", doc.slice(a.span)));
    let what = match &a.kind {
        AnnotationKind::Entity { label, .. } => label.clone(),
        AnnotationKind::Quote {
            speaker_span,
            source,
            ..
        } => format!(
            "quote, speaker: {}",
            speaker_span
                .map(|s| doc.slice(s).to_owned())
                .or_else(|| source.clone())
                .unwrap_or_else(|| "none".into())
        ),
        AnnotationKind::Claim {
            country,
            year,
            value,
            unit,
            ..
        } => format!(
            "claim: {country}, {}, {value} {}",
            year.map_or_else(|| "no year".into(), |y| y.to_string()),
            unit.as_str()
        ),
    };
    ui.label(what);
}
