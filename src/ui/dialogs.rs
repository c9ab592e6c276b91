//! Dialogs and popups: native file dialogs with a typed-path fallback, the
//! find bar, the label menu, the unsaved-changes question.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Context, Id, Key, Pos2, Ui};

use super::command::{Menu, UiCommand, format_keys};
use super::keymap::Keymap;
use super::state::{
    Action, AppState, EditAction, InboxAction, SessionAction, Severity, ViewAction, WindowAction,
};
use crate::model::Status;

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    /// Write the chart; the extension says the format.
    ExportChart,
    /// An annotated dataset to add to the project.
    ImportAnnotated,
    /// A CSV of spending figures for the chart.
    ImportFigures,
    /// A plain list of names for the gazetteer.
    ImportNameList,
}

impl PathPurpose {
    /// The typed-path window's title.
    fn title(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open path",
            PathPurpose::SaveAs => "Save project as",
            PathPurpose::ExportChart => "Export chart",
            PathPurpose::ImportAnnotated => "Import annotations",
            PathPurpose::ImportFigures => "Import spending figures",
            PathPurpose::ImportNameList => "Import a list of names",
        }
    }

    /// What to type, as the field's label.
    fn what_to_type(self) -> &'static str {
        match self {
            PathPurpose::Open => "File, folder or .dossier project (several: separate with ;)",
            PathPurpose::SaveAs => "Project file (.dossier)",
            PathPurpose::ExportChart => "Chart file (.png, .svg or .csv)",
            PathPurpose::ImportAnnotated => "JSONL file, brat folder or Label Studio JSON",
            PathPurpose::ImportFigures => {
                "CSV file of figures (% of GDP), or NATO's .xlsx workbook"
            }
            PathPurpose::ImportNameList => {
                "Text file: one name a line, optionally a tab and a label"
            }
        }
    }

    /// The button that goes ahead.
    fn verb(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open",
            PathPurpose::SaveAs => "Save",
            PathPurpose::ExportChart => "Export",
            PathPurpose::ImportAnnotated
            | PathPurpose::ImportFigures
            | PathPurpose::ImportNameList => "Import",
        }
    }
}

/// The state of the dialogs and popups.
#[derive(Default)]
pub struct Dialogs {
    pub find_open: bool,
    pub focus_find: bool,
    pub find_query: String,
    /// Set while a find result is being shown, so the view scrolls to it.
    pub find_active: bool,
    pub label_menu_at: Option<Pos2>,
    pub typed_path: Option<(PathPurpose, String)>,
    pub typed_path_note: Option<String>,
    pub confirm_close: bool,
    pub allow_close: bool,
    /// Close the window once the save under way has succeeded.
    pub close_after_save: bool,
    pub show_notices: bool,
    pub show_shortcuts: bool,
    /// The label for names without one in an imported list.
    pub pending_list_label: String,
    /// Where the query occurs in the current document, by (query,
    /// document, project revision).
    find_matches: Option<((String, crate::model::DocId, u64), Vec<usize>)>,
}

/// Matches counted at most: a one-letter query in a long text would
/// otherwise count for a noticeable time on every key press.
const MATCHES_COUNTED: usize = 10_000;

/// A native dialog that comes back this fast with nothing was not shown:
/// no portal (as under Xvfb) or no dialog service. A person takes longer to
/// cancel.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(400);

impl Dialogs {
    pub fn is_modal_open(&self) -> bool {
        self.typed_path.is_some() || self.confirm_close || self.label_menu_at.is_some()
    }

    pub fn open_typed_path(&mut self, purpose: PathPurpose) {
        self.typed_path = Some((purpose, String::new()));
    }

    /// File ▸ Open Files…: the native dialog, or a typed path where there is
    /// none.
    pub fn request_open_files(&mut self) -> Option<Vec<PathBuf>> {
        let started = Instant::now();
        if native_dialogs_disabled() {
            return self.fallback_if_absent(None, started, PathPurpose::Open);
        }
        let picked = rfd::FileDialog::new()
            .set_title("Open articles or a project")
            .add_filter(
                "Articles and projects",
                &["txt", "md", "html", "htm", "json", "jsonl", "dossier"],
            )
            .pick_files();
        self.fallback_if_absent(picked, started, PathPurpose::Open)
    }

    pub fn request_open_project(&mut self) -> Option<PathBuf> {
        let started = Instant::now();
        if native_dialogs_disabled() {
            return self.fallback_if_absent(None, started, PathPurpose::Open);
        }
        let picked = rfd::FileDialog::new()
            .set_title("Open a project")
            .add_filter("Dossier project", &["dossier"])
            .pick_file();
        self.fallback_if_absent(picked.map(|p| vec![p]), started, PathPurpose::Open)
            .and_then(|mut v| v.pop())
    }

    pub fn request_open_folder(&mut self) -> Option<Vec<PathBuf>> {
        let started = Instant::now();
        if native_dialogs_disabled() {
            return self.fallback_if_absent(None, started, PathPurpose::Open);
        }
        let picked = rfd::FileDialog::new()
            .set_title("Open a folder of articles")
            .pick_folders();
        self.fallback_if_absent(picked, started, PathPurpose::Open)
    }

    pub fn request_save_as(&mut self, state: &AppState) -> Option<PathBuf> {
        let started = Instant::now();
        if native_dialogs_disabled() {
            return self.fallback_if_absent(None, started, PathPurpose::SaveAs);
        }
        let name = format!("{}.dossier", state.project().name);
        let picked = rfd::FileDialog::new()
            .set_title("Save project as")
            .set_file_name(name)
            .add_filter("Dossier project", &["dossier"])
            .save_file();
        self.fallback_if_absent(picked.map(|p| vec![p]), started, PathPurpose::SaveAs)
            .and_then(|mut v| v.pop())
    }

    /// Where to write the chart as `ext` (png, svg, csv).
    pub fn request_export_path(&mut self, ext: &str) -> Option<PathBuf> {
        let started = Instant::now();
        if native_dialogs_disabled() {
            return self.fallback_if_absent(None, started, PathPurpose::ExportChart);
        }
        let picked = rfd::FileDialog::new()
            .set_title("Export chart")
            .set_file_name(format!("spending-chart.{ext}"))
            .add_filter(ext.to_ascii_uppercase(), &[ext])
            .save_file();
        self.fallback_if_absent(picked.map(|p| vec![p]), started, PathPurpose::ExportChart)
            .and_then(|mut v| v.pop())
    }

    /// A CSV of spending figures: the native dialog, else a typed path.
    pub fn request_figures_path(&mut self) -> Option<PathBuf> {
        let started = Instant::now();
        if native_dialogs_disabled() {
            return self.fallback_if_absent(None, started, PathPurpose::ImportFigures);
        }
        let picked = rfd::FileDialog::new()
            .set_title("Import spending figures")
            .add_filter("CSV", &["csv", "txt"])
            .pick_file();
        self.fallback_if_absent(picked.map(|p| vec![p]), started, PathPurpose::ImportFigures)
            .and_then(|mut v| v.pop())
    }

    /// NATO's Excel workbook; a typed path goes the way of figures, which
    /// reads a `.xlsx` as an edition.
    pub fn request_workbook_path(&mut self) -> Option<PathBuf> {
        let started = Instant::now();
        if native_dialogs_disabled() {
            return self.fallback_if_absent(None, started, PathPurpose::ImportFigures);
        }
        let picked = rfd::FileDialog::new()
            .set_title("Import NATO workbook")
            .add_filter("Excel workbook", &["xlsx"])
            .pick_file();
        self.fallback_if_absent(picked.map(|p| vec![p]), started, PathPurpose::ImportFigures)
            .and_then(|mut v| v.pop())
    }

    fn fallback_if_absent<T>(
        &mut self,
        picked: Option<T>,
        started: Instant,
        purpose: PathPurpose,
    ) -> Option<T> {
        if picked.is_none() && started.elapsed() < NO_DIALOG_THRESHOLD {
            self.typed_path_note =
                Some("No file dialog is available on this system: type a path instead.".into());
            self.open_typed_path(purpose);
        }
        picked
    }

    /// The find bar: type, press Enter to select the next occurrence (and
    /// Enter again for the one after), then a label key to annotate it. The
    /// bar counts the matches and says which one is selected ("3 of 7").
    pub fn find_bar(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Find:");
            // Room for the buttons and the count beside it, in a narrow
            // window too.
            let width = (ui.available_width() - 340.0).clamp(80.0, 320.0);
            let edit = egui::TextEdit::singleline(&mut self.find_query)
                .hint_text("text in the article; Enter selects the next match")
                .desired_width(width);
            let r = ui.add(edit).labelled_by(label.id);
            if self.focus_find {
                r.request_focus();
                self.focus_find = false;
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let backward = ui.input(|i| i.modifiers.shift);
            let previous = ui
                .button("Previous")
                .on_hover_text("Select the previous match (Shift+Enter)")
                .clicked();
            let next = ui
                .button("Next")
                .on_hover_text("Select the next match (Enter)")
                .clicked();
            if enter || next || previous {
                actions.extend(self.step_match(state, previous || (enter && backward)));
            }
            let count = self.match_count(state);
            if let Some(text) = count {
                ui.label(text);
            }
            if ui
                .button("Close")
                .on_hover_text("Close the find bar")
                .clicked()
            {
                self.find_open = false;
            }
        });
    }

    /// Whether Enter, with no annotation selected, goes on to the next
    /// match: a match is selected and the find bar is open.
    pub fn walking_matches(&self) -> bool {
        self.find_open && self.find_active && !self.find_query.is_empty()
    }

    /// Selects the next (or previous) match, or says there is none.
    pub fn step_match(&mut self, state: &AppState, backward: bool) -> Option<Action> {
        if self.find_query.is_empty() {
            return None;
        }
        Some(match find_step(state, &self.find_query, backward) {
            Some(sel) => {
                self.find_active = true;
                Action::View(ViewAction::Select(Some(sel)))
            }
            None => Action::Inbox(InboxAction::Notify(
                Severity::Warning,
                format!("“{}” not found", self.find_query),
            )),
        })
    }

    /// "3 of 7" while a match is selected, "7 matches" otherwise, "no
    /// matches" when there are none; counted again only when the query,
    /// the document or the project changes.
    fn match_count(&mut self, state: &AppState) -> Option<String> {
        let doc = state.current_document()?;
        if self.find_query.is_empty() {
            return None;
        }
        let key = (
            self.find_query.clone(),
            doc.id,
            state.session.editor.revision(),
        );
        if self.find_matches.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = find_all(doc.text(), &self.find_query);
            self.find_matches = Some((key, found));
        }
        let matches = &self.find_matches.as_ref().expect("filled above").1;
        let at = state
            .view
            .selection
            .filter(|s| s.doc == doc.id)
            .and_then(|s| matches.binary_search(&s.span().start).ok());
        Some(match (at, matches.len()) {
            (_, 0) => "no matches".to_owned(),
            (Some(i), n) => format!("{} of {n}", i + 1),
            (None, 1) => "1 match".to_owned(),
            (None, n) if n >= MATCHES_COUNTED => format!("{n}+ matches"),
            (None, n) => format!("{n} matches"),
        })
    }

    /// Popups and windows that float over the panels.
    pub fn show(
        &mut self,
        ctx: &Context,
        state: &AppState,
        keymap: &Keymap,
        actions: &mut Vec<Action>,
    ) {
        self.find_active = self.find_active && self.find_open;
        self.label_menu(ctx, state, keymap, actions);
        self.typed_path_window(ctx, actions);
        self.confirm_close_window(ctx, state, actions);
        self.notices_window(ctx, state);
        self.shortcuts_window(ctx, state, keymap);
    }

    fn label_menu(
        &mut self,
        ctx: &Context,
        state: &AppState,
        keymap: &Keymap,
        actions: &mut Vec<Action>,
    ) {
        let Some(pos) = self.label_menu_at else {
            return;
        };
        let mut close = false;
        let area = egui::Area::new(Id::unique("label_menu"))
            .order(egui::Order::Foreground)
            .fixed_pos(pos)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(180.0);
                    let has_selection = state.view.selection.is_some_and(|s| s.anchor != s.head);
                    let selected = state.selected();
                    if !has_selection && selected.is_none() {
                        ui.label("Select text first");
                    }
                    for l in state.project().labels.iter() {
                        let key = keymap
                            .label_key(&l.name)
                            .map(|k| format!("  ({})", ctx.format_shortcut(&k)))
                            .unwrap_or_default();
                        if ui.button(format!("{}{key}", l.name)).clicked() {
                            actions.push(Action::Edit(EditAction::Label(l.name.clone())));
                            close = true;
                        }
                    }
                    ui.separator();
                    let mut command_button = |ui: &mut Ui, command: UiCommand| {
                        if ui.button(command.caption(ctx)).clicked() {
                            actions.push(Action::Window(WindowAction::Run(command)));
                            close = true;
                        }
                    };
                    command_button(ui, UiCommand::MarkQuote);
                    command_button(ui, UiCommand::MarkClaim);
                    if let Some(a) = selected {
                        ui.separator();
                        if a.status != Status::Accepted {
                            command_button(ui, UiCommand::Accept);
                        }
                        if a.status != Status::Rejected {
                            command_button(ui, UiCommand::Reject);
                        }
                        command_button(ui, UiCommand::Delete);
                    }
                });
            });
        let clicked_outside = ctx.input(|i| i.pointer.any_pressed())
            && !ctx
                .pointer_latest_pos()
                .is_some_and(|p| area.response.rect.contains(p));
        if close || clicked_outside || ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.label_menu_at = None;
        }
    }

    /// The typed path that stands in for a native file dialog.
    fn typed_path_window(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        let Some((purpose, mut text)) = self.typed_path.take() else {
            return;
        };
        let mut keep = true;
        egui::Window::new(purpose.title())
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                if let Some(note) = &self.typed_path_note {
                    ui.label(note);
                }
                let label = ui.label(purpose.what_to_type());
                let r = ui
                    .add(egui::TextEdit::singleline(&mut text).desired_width(460.0))
                    .labelled_by(label.id);
                if !r.has_focus() && !r.lost_focus() {
                    r.request_focus();
                }
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    let ok = ui.button(purpose.verb()).clicked();
                    if (ok || enter) && !text.trim().is_empty() {
                        actions.extend(self.typed_path_actions(purpose, &text));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        keep = false;
                        self.close_after_save = false;
                    }
                });
            });
        if keep {
            self.typed_path = Some((purpose, text));
        } else {
            self.typed_path_note = None;
        }
    }

    /// What a typed path asks for: one action per path (several are
    /// separated with `;`), or one for the first where only one makes sense.
    fn typed_path_actions(&self, purpose: PathPurpose, text: &str) -> Vec<Action> {
        let paths = text
            .split(';')
            .map(|p| expand_home(p.trim()))
            .filter(|p| !p.as_os_str().is_empty());
        match purpose {
            PathPurpose::Open => vec![Action::Session(SessionAction::OpenPaths(paths.collect()))],
            PathPurpose::SaveAs => paths
                .take(1)
                .map(|x| Action::Session(SessionAction::SaveAs(x)))
                .collect(),
            PathPurpose::ExportChart => paths
                .take(1)
                .map(|x| Action::Window(WindowAction::ExportChart(x)))
                .collect(),
            PathPurpose::ImportAnnotated => paths
                .map(|x| Action::Edit(EditAction::ImportAnnotated(x)))
                .collect(),
            PathPurpose::ImportFigures => paths
                .take(1)
                .map(|x| Action::Window(WindowAction::ImportFigures(x)))
                .collect(),
            PathPurpose::ImportNameList => paths
                .map(|p| {
                    Action::Edit(EditAction::ImportNameList(
                        p,
                        self.pending_list_label.clone(),
                    ))
                })
                .collect(),
        }
    }

    fn confirm_close_window(&mut self, ctx: &Context, state: &AppState, actions: &mut Vec<Action>) {
        if !self.confirm_close {
            return;
        }
        egui::Modal::new(Id::unique("confirm_close")).show(ctx, |ui| {
            ui.heading("Save changes before closing?");
            ui.label(format!("“{}” has unsaved changes.", state.project().name));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    self.confirm_close = false;
                    // The window closes when the save has succeeded (it
                    // runs on a worker thread); a failed save keeps it open.
                    self.close_after_save = true;
                    if state.session.project_path.is_some() && !state.session.read_only {
                        actions.push(Action::Session(SessionAction::Save));
                    } else if let Some(p) = self.request_save_as(state) {
                        actions.push(Action::Session(SessionAction::SaveAs(p)));
                    } else if self.typed_path.is_none() {
                        self.close_after_save = false; // the dialog was cancelled
                    }
                }
                if ui.button("Don’t save").clicked() {
                    self.allow_close = true;
                    self.confirm_close = false;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
                if ui.button("Cancel").clicked() {
                    self.confirm_close = false;
                }
            });
        });
    }

    fn notices_window(&mut self, ctx: &Context, state: &AppState) {
        let mut open = self.show_notices;
        egui::Window::new("Notices")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(400.0)
                    .show(ui, |ui| {
                        for n in state.inbox.notices.iter().rev() {
                            let color = match n.severity {
                                Severity::Info => ui.visuals().text_color(),
                                Severity::Warning => ui.visuals().warn_fg_color,
                                Severity::Error => ui.visuals().error_fg_color,
                            };
                            ui.colored_label(color, &n.text);
                            for d in &n.details {
                                ui.label(egui::RichText::new(format!("  {d}")).small().monospace());
                            }
                        }
                    });
            });
        self.show_notices = open;
    }

    /// Help ▸ Keyboard Shortcuts: every command with keys, menu by menu,
    /// and the project's label keys, all from the registry and the keymap.
    fn shortcuts_window(&mut self, ctx: &Context, state: &AppState, keymap: &Keymap) {
        let mut open = self.show_shortcuts;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .vscroll(true)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in shortcut_rows(ctx, state, keymap) {
                        ui.monospace(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        self.show_shortcuts = open;
    }
}

/// The rows of the help window: each label's key, each command with keys
/// in menu order, then what the mouse does.
pub fn shortcut_rows(ctx: &Context, state: &AppState, keymap: &Keymap) -> Vec<(String, String)> {
    let labels = state.project().labels.iter().filter_map(|l| {
        let key = keymap.label_key(&l.name)?;
        Some((
            ctx.format_shortcut(&key),
            format!(
                "Label the selection {} (or relabel the selected entity)",
                l.name
            ),
        ))
    });
    let commands = Menu::ALL.iter().flat_map(|&menu| {
        UiCommand::in_menu(menu)
            .filter(|c| !c.spec().keys.is_empty())
            .map(|c| (format_keys(ctx, c), c.spec().help.to_owned()))
    });
    let mouse = [
        ("Drag", "Select whole words"),
        ("Alt+drag", "Select inside words"),
        ("Right click", "Label, mark or review the selection"),
    ]
    .map(|(k, what)| (k.to_owned(), what.to_owned()));
    labels.chain(commands).chain(mouse).collect()
}

/// `DOSSIER_NO_NATIVE_DIALOG=1` always asks for a typed path: for systems
/// whose portal hangs, and for tests.
fn native_dialogs_disabled() -> bool {
    std::env::var_os("DOSSIER_NO_NATIVE_DIALOG").is_some_and(|v| v != "0")
}

/// The next occurrence of `query` after the selection (or the top), or
/// the previous one before it, wrapping around; case-insensitive for ASCII
/// letters.
fn find_step(
    state: &AppState,
    query: &str,
    backward: bool,
) -> Option<super::article::TextSelection> {
    let doc = state.current_document()?;
    let text = doc.text();
    let current = state
        .view
        .selection
        .filter(|s| s.doc == doc.id)
        .map(|s| s.span())
        .or_else(|| state.selected().map(|a| a.span));
    let found = if backward {
        let all = find_all(text, query);
        let before = current.map_or(usize::MAX, |s| s.start);
        all.iter()
            .rev()
            .find(|&&m| m < before)
            .or(all.last())
            .copied()?
    } else {
        let from = current.map_or(0, |s| s.end);
        find_ci(text, query, from).or_else(|| find_ci(text, query, 0))?
    };
    Some(super::article::TextSelection {
        doc: doc.id,
        anchor: found,
        head: found + query.len(),
        inside_words: true,
    })
}

/// Every occurrence of `query`, in order, up to [`MATCHES_COUNTED`].
fn find_all(text: &str, query: &str) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    text.to_ascii_lowercase()
        .match_indices(&query.to_ascii_lowercase())
        .map(|(at, _)| at)
        .take(MATCHES_COUNTED)
        .collect()
}

/// The first occurrence of `query` at or after byte `from`, ignoring the
/// case of ASCII letters (lower-casing them keeps every byte offset).
fn find_ci(text: &str, query: &str, from: usize) -> Option<usize> {
    if query.is_empty() {
        return None;
    }
    let hay = text.get(from..)?;
    hay.to_ascii_lowercase()
        .find(&query.to_ascii_lowercase())
        .map(|i| from + i)
}

fn expand_home(p: &str) -> PathBuf {
    let p = p.trim_matches('"');
    if let Some(rest) = p.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_found_in_order_whatever_their_case() {
        let text = "Poland and poland, POLAND — Polen";
        assert_eq!(find_all(text, "poland"), [0, 11, 19]);
        assert_eq!(find_ci(text, "POLAND", 1), Some(11));
        assert_eq!(find_ci(text, "", 0), None);
        assert_eq!(find_ci(text, "x", 999), None);
        // After a multi-byte character, offsets stay on its boundaries.
        assert_eq!(find_all("é é", "é"), [0, 3]);
    }
}
