//! The Curation window: the disagreements between the open project (the
//! curator's, which becomes the gold layer) and one or more other analysts'
//! copies, one at a time, every version in its own column; each is settled
//! from the keyboard with an ordinary edit, so that undo, saving and export
//! work as always. The curator takes one version (M for their own, 1–9 for
//! the other analysts' in column order, T for the first), rejects all (X),
//! or edits one (E for the first other analyst's, Shift+E for their own: its
//! span with the arrow keys, its label or fields in the form) and confirms
//! it with Enter.
//!
//! "N left" follows the project's history, not only the window's keys: an
//! Undo from the Edit menu that takes back a curation edit opens that
//! disagreement again, and Redo settles it again.
//!
//! Each "Compare with project…" adds a copy; the walk then starts again
//! over the disagreements between the gold layer as it now stands (what
//! was settled so far stays in it) and every copy added.

use std::path::PathBuf;

use egui::{Context, Id, Key, Modifiers, RichText, Ui};

use super::state::{Action, AppState, EditAction};
use crate::agree::Layer;
use crate::agree::curate::{self, Decision, Disagreement};
use crate::edit::Command;
use crate::model::{Annotation, AnnotationKind, ClaimUnit, Document};

/// How wide each analyst's column is; a column that does not fit beside the
/// others goes below them.
const COLUMN_WIDTH: f32 = 200.0;

/// The digit keys that take the k-th other analyst's version.
const ANALYST_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// The curation window's state.
#[derive(Default)]
pub struct CurationWindow {
    /// Whether the window is shown.
    pub open: bool,
    /// The files of the other analysts' copies, in the order they were
    /// added.
    pub paths: Vec<PathBuf>,
    /// The other analysts' copies, named after their files.
    pub others: Vec<Layer>,
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
    /// Why the last copy could not be read.
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
    /// Adds another analyst's copy and starts the walk again over the
    /// disagreements between the open project and every copy added. A copy
    /// that does not read leaves the walk as it was, and says why.
    pub fn compare_with(&mut self, state: &AppState, other: PathBuf) {
        self.open = true;
        let mut paths = self.paths.clone();
        paths.push(other);
        match crate::agree::load_layers(&paths) {
            Ok(layers) => {
                self.paths = paths;
                self.others = layers;
                self.error = None;
            }
            Err(e) => {
                self.error = Some(e.to_string());
                return;
            }
        }
        let others: Vec<(&str, &crate::model::Project)> = self
            .others
            .iter()
            .map(|l| (l.name.as_str(), &l.project))
            .collect();
        self.queue = curate::disagreements_among(state.project(), &others);
        self.position = 0;
        self.settled.clear();
        self.undone.clear();
        self.draft = None;
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

    /// Starts editing a version of the current disagreement: the first other
    /// analyst's that has one (`theirs`) or the curator's, or whichever
    /// there is.
    pub fn edit(&mut self, state: &AppState, theirs: bool) {
        let Some(d) = self.queue.get(self.position) else {
            return;
        };
        let Some(doc) = state.project().document(d.doc) else {
            return;
        };
        let other = d.others.iter().find_map(|(_, a)| a.as_ref());
        let (first, second) = if theirs {
            (other, d.mine.as_ref())
        } else {
            (d.mine.as_ref(), other)
        };
        let Some(a) = first.or(second) else {
            return;
        };
        // Only other analysts' entities need choosing again.
        let from_mine = d.mine.as_ref().is_some_and(|m| std::ptr::eq(m, a));
        let kind = if from_mine {
            a.kind.clone()
        } else {
            curate::own_kind(&a.kind)
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
    /// curating): M takes mine, 1–9 the k-th other analyst's version (T the
    /// first's), X rejects all, E edits the first other analyst's (Shift+E
    /// mine), Backspace goes back. Undo does what Backspace does
    /// while curating, so that the count of what is left stays true. While
    /// editing: Enter confirms, Escape cancels, ←/→ move the end and
    /// Shift+←/→ the start by a character.
    pub fn keys(&mut self, ctx: &Context, state: &mut AppState, actions: &mut Vec<Action>) {
        if self.others.is_empty() {
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
        let analyst = ANALYST_KEYS
            .iter()
            .take(self.others.len())
            .position(|&key| pressed(Modifiers::NONE, key));
        if let Some(k) = analyst {
            self.decide(state, Decision::TakeOther(k), actions);
        } else if pressed(Modifiers::NONE, Key::M) {
            self.decide(state, Decision::TakeMine, actions);
        } else if pressed(Modifiers::NONE, Key::T) {
            self.decide(state, Decision::TakeOther(0), actions);
        } else if pressed(Modifiers::NONE, Key::X) {
            self.decide(state, Decision::RejectAll, actions);
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
        ui.horizontal_wrapped(|ui| {
            if ui.button("Compare with project…").clicked()
                && let Some(paths) = rfd::FileDialog::new()
                    .add_filter("Dossier project", &["dossier"])
                    .pick_files()
            {
                for path in paths {
                    self.compare_with(state, path);
                }
            }
            if !self.others.is_empty() {
                let names: Vec<&str> = self.others.iter().map(|l| l.name.as_str()).collect();
                ui.label(format!("against {}", names.join(", ")));
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if self.others.is_empty() {
            ui.label("Choose other analysts' copies of this project.");
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
        versions(ui, mine_doc.as_ref(), &d);
        if self.draft.is_some() {
            self.draft_form(ui, state, mine_doc.as_ref(), actions);
            return;
        }
        self.decision_buttons(ui, state, &d, actions);
    }

    /// A button for each decision, with its key.
    fn decision_buttons(
        &mut self,
        ui: &mut Ui,
        state: &mut AppState,
        d: &Disagreement,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal_wrapped(|ui| {
            if ui.button("Take mine (M)").clicked() {
                self.decide(state, Decision::TakeMine, actions);
            }
            for (k, (name, _)) in d.others.iter().enumerate().take(ANALYST_KEYS.len()) {
                let text = if k == 0 {
                    format!("Take {name}'s (1 or T)")
                } else {
                    format!("Take {name}'s ({})", k + 1)
                };
                if ui.button(text).clicked() {
                    self.decide(state, Decision::TakeOther(k), actions);
                }
            }
            if ui.button("Reject all (X)").clicked() {
                self.decide(state, Decision::RejectAll, actions);
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

/// Every analyst's version side by side, each in a column headed by its
/// name; columns that do not fit beside the others wrap below them.
fn versions(ui: &mut Ui, doc: Option<&Document>, d: &Disagreement) {
    let columns = std::iter::once(("Mine", d.mine.as_ref()))
        .chain(d.others.iter().map(|(name, a)| (name.as_str(), a.as_ref())));
    ui.horizontal_wrapped(|ui| {
        for (name, a) in columns {
            ui.allocate_ui(egui::vec2(COLUMN_WIDTH, 0.0), |ui| {
                ui.vertical(|ui| {
                    ui.set_width(COLUMN_WIDTH);
                    ui.label(RichText::new(name).strong());
                    describe(ui, doc, a);
                });
            });
        }
    });
}

/// An annotation's words and what it says; the text is the same in every
/// project, so the curator's copy of the article serves for all.
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
