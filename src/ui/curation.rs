//! The Curation window: the disagreements between the open project (the
//! curator's, which becomes the gold layer) and another analyst's copy, one
//! at a time, side by side; each is settled from the keyboard with an
//! ordinary edit, so that undo, saving and export work as always. The
//! curator takes one version (M, T), rejects both (X), or edits one (E for
//! the other analyst's, Shift+E for their own: its span with the arrow keys,
//! its label or fields in the form) and confirms it with Enter.
//!
//! "N left" follows the project's history, not only the window's keys: an
//! Undo from the Edit menu that takes back a curation edit opens that
//! disagreement again, and Redo settles it again.
//!
//! One other analyst at a time: a disagreement pairs the gold layer with one
//! other version. With three or more analysts the curator curates against
//! each copy in turn (Compare with project… again), the gold layer carrying
//! what was settled before.

use std::path::PathBuf;

use egui::{Context, Id, Key, Modifiers, RichText, Ui};

use super::state::{Action, AppState, EditAction};
use crate::agree::curate::{self, Decision, Disagreement};
use crate::edit::Command;
use crate::model::{Annotation, AnnotationKind, ClaimUnit, Document, Project};

/// The curation window's state.
#[derive(Default)]
pub struct CurationWindow {
    /// Whether the window is shown.
    pub open: bool,
    /// The other analyst's project.
    pub other: Option<(PathBuf, Project)>,
    /// The disagreements found when curation started, in reading order.
    pub queue: Vec<Disagreement>,
    /// How many are settled.
    pub position: usize,
    /// One entry for each settled disagreement, in order.
    settled: Vec<Settled>,
    /// Settled ones undone from the Edit menu, most recent last, so that
    /// Redo settles them again.
    undone: Vec<Settled>,
    /// The version being edited before it is confirmed.
    pub draft: Option<Draft>,
    /// Why the other project could not be read.
    pub error: Option<String>,
}

/// How a disagreement was settled, as far as undo is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Settled {
    /// The project's state (see [`crate::edit::Editor::state_id`]) before
    /// the edit that settled it; `None` when it needed no edit.
    before: Option<u64>,
    /// The state the edit led to, once seen.
    after: Option<u64>,
}

/// An analyst's version being changed by the curator before it is
/// confirmed: its span in code points and its fields as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The kind it started from (entity ids already dropped where it came
    /// from the other project).
    pub kind: AnnotationKind,
    /// Code-point offsets into the article.
    pub start: usize,
    /// Code-point offsets into the article, end exclusive.
    pub end: usize,
    /// An entity's label.
    pub label: String,
    /// A claim's country, year, value and unit as typed.
    pub country: String,
    /// A claim's year as typed (empty: none).
    pub year: String,
    /// A claim's value as typed.
    pub value: String,
    /// A claim's unit.
    pub unit: ClaimUnit,
    /// A quote's cue and source as typed (empty: none).
    pub cue: String,
    /// A quote's non-person source as typed (empty: none).
    pub source: String,
    /// What is wrong with the draft, after a confirmation failed.
    pub problem: Option<String>,
}

impl Draft {
    /// A draft of `a`, with `kind` (the curator's own form of its kind).
    fn of(doc: &Document, a: &Annotation, kind: AnnotationKind) -> Self {
        let (start, end) = doc.char_span(a.span);
        let mut d = Draft {
            kind: kind.clone(),
            start,
            end,
            label: String::new(),
            country: String::new(),
            year: String::new(),
            value: String::new(),
            unit: ClaimUnit::Other,
            cue: String::new(),
            source: String::new(),
            problem: None,
        };
        match kind {
            AnnotationKind::Entity { label, .. } => d.label = label,
            AnnotationKind::Quote { cue, source, .. } => {
                d.cue = cue.unwrap_or_default();
                d.source = source.unwrap_or_default();
            }
            AnnotationKind::Claim {
                country,
                year,
                value,
                unit,
                ..
            } => {
                d.country = country;
                d.year = year.map(|y| y.to_string()).unwrap_or_default();
                d.value = crate::export::number_text(value);
                d.unit = unit;
            }
        }
        d
    }

    /// The kind the draft now says, or what is wrong with it.
    fn kind(&self) -> Result<AnnotationKind, String> {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(match self.kind.clone() {
            AnnotationKind::Entity { entity, .. } => AnnotationKind::Entity {
                label: text(&self.label).ok_or("the label is empty")?,
                entity,
            },
            AnnotationKind::Quote {
                speaker,
                speaker_span,
                ..
            } => AnnotationKind::Quote {
                speaker,
                speaker_span,
                cue: text(&self.cue),
                source: text(&self.source),
            },
            AnnotationKind::Claim { iso3, evidence, .. } => AnnotationKind::Claim {
                evidence,
                country: text(&self.country).ok_or("the country is empty")?,
                iso3,
                year: match text(&self.year) {
                    None => None,
                    Some(y) => Some(y.parse().map_err(|_| format!("{y:?} is not a year"))?),
                },
                value: self
                    .value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("{:?} is not a number", self.value.trim()))?,
                unit: self.unit,
            },
        })
    }

    /// Moves the start (`start == true`) or the end by one character,
    /// keeping at least one character between them.
    fn nudge(&mut self, start: bool, forward: bool, chars: usize) {
        let (lo, hi) = if start {
            (0, self.end.saturating_sub(1))
        } else {
            (self.start + 1, chars)
        };
        let at = if start {
            &mut self.start
        } else {
            &mut self.end
        };
        *at = if forward {
            *at + 1
        } else {
            at.saturating_sub(1)
        }
        .clamp(lo, hi.max(lo));
    }
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
        self.settled.clear();
        self.undone.clear();
        self.draft = None;
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
        self.settled_by(state, command, actions);
    }

    /// Records the current disagreement as settled by `command` (none: it
    /// needed no edit), which goes out as an action.
    fn settled_by(
        &mut self,
        state: &AppState,
        command: Option<Command>,
        actions: &mut Vec<Action>,
    ) {
        self.settled.push(Settled {
            before: command.is_some().then(|| state.session.editor.state_id()),
            after: None,
        });
        self.undone.clear();
        self.draft = None;
        actions.extend(command.map(|x| Action::Edit(EditAction::Execute(x))));
        self.position += 1;
    }

    /// Starts editing a version of the current disagreement: the other
    /// analyst's (`theirs`) or the curator's, or whichever there is.
    pub fn edit(&mut self, state: &AppState, theirs: bool) {
        let Some(d) = self.queue.get(self.position) else {
            return;
        };
        let Some(doc) = state.project().document(d.doc) else {
            return;
        };
        let (first, second) = if theirs {
            (d.theirs.as_ref(), d.mine.as_ref())
        } else {
            (d.mine.as_ref(), d.theirs.as_ref())
        };
        let Some(a) = first.or(second) else {
            return;
        };
        // Only the other analyst's entities need choosing again.
        let from_theirs = d.theirs.as_ref().is_some_and(|t| std::ptr::eq(t, a));
        let kind = if from_theirs {
            curate::own_kind(&a.kind)
        } else {
            a.kind.clone()
        };
        self.draft = Some(Draft::of(doc, a, kind));
    }

    /// Settles the current disagreement with the draft, if it is sound;
    /// otherwise the draft says what is wrong.
    pub fn confirm_edit(&mut self, state: &mut AppState, actions: &mut Vec<Action>) {
        let (Some(d), Some(draft)) = (self.queue.get(self.position), self.draft.as_mut()) else {
            return;
        };
        let span = state
            .project()
            .document(d.doc)
            .and_then(|doc| doc.span_from_chars(draft.start, draft.end));
        let result = draft.kind().and_then(|kind| {
            let span = span.ok_or("the span does not fit the article")?;
            curate::settle_edited(state.session.editor.project_mut_for_ids(), d, kind, span)
                .ok_or_else(|| "the span is empty".to_owned())
        });
        match result {
            Ok(command) => self.settled_by(state, Some(command), actions),
            Err(problem) => draft.problem = Some(problem),
        }
    }

    /// Goes back to the last settled disagreement, undoing its edit.
    pub fn back(&mut self, actions: &mut Vec<Action>) {
        self.draft = None;
        if let Some(settled) = self.settled.pop() {
            self.position -= 1;
            if settled.before.is_some() {
                actions.push(Action::Edit(EditAction::Undo));
                self.undone.push(settled);
            }
        }
    }

    /// Follows undo and redo made elsewhere (the Edit menu): when the
    /// project is back at the state before the last curation edit, that
    /// disagreement (and the ones settled without an edit after it) is open
    /// again; when Redo brings back the state an undone one led to, it is
    /// settled again. So "N left" stays true however the edit was undone.
    pub fn follow_history(&mut self, state: &AppState) {
        let now = state.session.editor.state_id();
        if let Some(last) = self.settled.last_mut()
            && last.before.is_some_and(|b| b != now)
            && last.after.is_none()
        {
            last.after = Some(now);
        }
        if let Some(i) = self.settled.iter().rposition(|s| s.before.is_some())
            && self.settled[i].before == Some(now)
        {
            let reopened = self.settled.len() - i;
            self.position -= reopened;
            self.undone.push(self.settled[i]);
            self.settled.truncate(i);
            self.draft = None;
        } else if let Some(redone) = self.undone.last().copied()
            && redone.after == Some(now)
            && self.position < self.queue.len()
        {
            self.undone.pop();
            self.settled.push(redone);
            self.position += 1;
        }
    }

    /// The window's keys, read before the article's (which are off while
    /// curating): M takes mine, T theirs, X rejects both, E edits theirs
    /// (Shift+E mine), Backspace goes back. Undo does what Backspace does
    /// while curating, so that the count of what is left stays true. While
    /// editing: Enter confirms, Escape cancels, ←/→ move the end and
    /// Shift+←/→ the start by a character.
    pub fn keys(&mut self, ctx: &Context, state: &mut AppState, actions: &mut Vec<Action>) {
        if self.other.is_none() {
            return;
        }
        self.follow_history(state);
        if !self.open {
            return;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&super::command::UNDO_KEY)) {
            self.back(actions);
            return;
        }
        if self.draft.is_some() {
            self.draft_keys(ctx, state, actions);
            return;
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let pressed = |m, key| ctx.input_mut(|i| i.consume_key(m, key));
        if pressed(Modifiers::NONE, Key::M) {
            self.decide(state, Decision::TakeMine, actions);
        } else if pressed(Modifiers::NONE, Key::T) {
            self.decide(state, Decision::TakeTheirs, actions);
        } else if pressed(Modifiers::NONE, Key::X) {
            self.decide(state, Decision::RejectBoth, actions);
        } else if pressed(Modifiers::SHIFT, Key::E) {
            self.edit(state, false);
        } else if pressed(Modifiers::NONE, Key::E) {
            self.edit(state, true);
        } else if pressed(Modifiers::NONE, Key::Backspace) {
            self.back(actions);
        }
    }

    fn draft_keys(&mut self, ctx: &Context, state: &mut AppState, actions: &mut Vec<Action>) {
        // A field being typed in has Enter and Escape first: they end the
        // typing.
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.draft = None;
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)) {
            self.confirm_edit(state, actions);
            return;
        }
        let chars = self
            .queue
            .get(self.position)
            .and_then(|d| state.project().document(d.doc))
            .map_or(0, |doc| doc.text().chars().count());
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        // Shift first: a key without it matches a press with Shift too.
        for (m, key, start, forward) in [
            (Modifiers::SHIFT, Key::ArrowLeft, true, false),
            (Modifiers::SHIFT, Key::ArrowRight, true, true),
            (Modifiers::NONE, Key::ArrowLeft, false, false),
            (Modifiers::NONE, Key::ArrowRight, false, true),
        ] {
            if ctx.input_mut(|i| i.consume_key(m, key)) {
                draft.nudge(start, forward, chars);
            }
        }
    }

    /// Draws the window while it is open.
    pub fn show(&mut self, ctx: &Context, state: &mut AppState, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Curation")
            .id(Id::unique("curation_window"))
            .open(&mut open)
            // Below the menu bar, which it must not cover (Edit ▸ Undo).
            .default_pos(egui::pos2(360.0, 120.0))
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
        if self.draft.is_some() {
            self.draft_form(ui, state, mine_doc.as_ref(), actions);
            return;
        }
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
            if ui.button("Edit theirs (E)").clicked() {
                self.edit(state, true);
            }
            if ui.button("Edit mine (Shift+E)").clicked() {
                self.edit(state, false);
            }
            if ui.button("Back (Backspace)").clicked() {
                self.back(actions);
            }
        });
    }

    /// The version being edited: its words, its span and its fields.
    fn draft_form(
        &mut self,
        ui: &mut Ui,
        state: &mut AppState,
        doc: Option<&Document>,
        actions: &mut Vec<Action>,
    ) {
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        ui.separator();
        ui.label(RichText::new("Edited version").strong());
        let words = doc
            .and_then(|doc| {
                doc.span_from_chars(draft.start, draft.end)
                    .map(|s| doc.slice(s))
            })
            .unwrap_or("(outside the article)");
        ui.label(format!("Edited words: “{words}”"));
        ui.label(
            RichText::new(
                "Left/Right move the end, Shift+Left/Right the start; Enter confirms, Esc cancels",
            )
            .small()
            .weak(),
        );
        egui::Grid::new("curation_draft")
            .num_columns(2)
            .show(ui, |ui| {
                let field = |ui: &mut Ui, name: &str, value: &mut String| {
                    let l = ui.label(name);
                    ui.text_edit_singleline(value).labelled_by(l.id);
                    ui.end_row();
                };
                match &draft.kind {
                    AnnotationKind::Entity { .. } => field(ui, "Edited label", &mut draft.label),
                    AnnotationKind::Quote { .. } => {
                        field(ui, "Edited cue", &mut draft.cue);
                        field(ui, "Edited source", &mut draft.source);
                    }
                    AnnotationKind::Claim { .. } => {
                        field(ui, "Edited country", &mut draft.country);
                        field(ui, "Edited year", &mut draft.year);
                        field(ui, "Edited value", &mut draft.value);
                        ui.label("Edited unit");
                        ui.horizontal(|ui| {
                            for u in ClaimUnit::ALL {
                                ui.selectable_value(&mut draft.unit, u, u.as_str());
                            }
                        });
                        ui.end_row();
                    }
                }
            });
        if let Some(p) = &draft.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        ui.horizontal(|ui| {
            if ui.button("Confirm (Enter)").clicked() {
                self.confirm_edit(state, actions);
            }
            if ui.button("Cancel (Esc)").clicked() {
                self.draft = None;
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
