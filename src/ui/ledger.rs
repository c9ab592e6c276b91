//! The claims ledger window: every spending claim of the project against
//! NATO's figure at the article's date and now, sortable and filterable by
//! column. Clicking a row opens the article at the claim. The rows are
//! [`crate::ledger`]'s, the same as `dossier claims` writes.

use std::sync::Arc;

use egui::{Context, Id, RichText, Ui};

use super::state::{Action, AppState, ViewAction, WindowAction};
use crate::data::nato::NatoData;
use crate::ledger::{self, Column, LedgerOptions, LedgerRow};

/// The columns shown, in order, with their widths; the CSV has them all.
const SHOWN: [(Column, &str, f32); 15] = [
    (Column::Title, "Article", 240.0),
    (Column::Date, "Date", 84.0),
    (Column::Outlet, "Outlet", 110.0),
    (Column::Speaker, "Speaker", 130.0),
    (Column::Country, "Country", 90.0),
    (Column::Year, "Year", 44.0),
    (Column::ClaimedValue, "Claimed", 64.0),
    (Column::Unit, "Unit", 60.0),
    (Column::AtTimeValue, "At the time", 76.0),
    (Column::AtTimeEdition, "Edition then", 110.0),
    (Column::AtTimeDifference, "Diff. then", 70.0),
    (Column::NowValue, "Now", 60.0),
    (Column::NowEdition, "Edition now", 120.0),
    (Column::NowDifference, "Diff. now", 70.0),
    (Column::Notes, "Notes", 320.0),
];

/// What the shown rows depend on besides the rows themselves.
type ViewKey = (Option<Column>, String, Option<(Column, bool)>);

/// The ledger window's own state: the choices, and the rows built.
#[derive(Default)]
pub struct LedgerWindow {
    /// The window is shown.
    pub open: bool,
    /// Also the engine's suggested claims, not only accepted ones.
    pub include_suggested: bool,
    /// The column sorted by and whether descending.
    pub sort: Option<(Column, bool)>,
    /// The column filtered (any column when `None`) and the text.
    pub filter_column: Option<Column>,
    /// The text the filtered column must hold.
    pub filter: String,
    /// Rows by project revision, suggestion choice and editions loaded.
    cache: Option<(u64, bool, usize, Arc<Vec<LedgerRow>>)>,
    /// The indices of the rows shown, for the rows and view they were
    /// computed from: a large corpus is not filtered and sorted every frame.
    shown: Option<Shown>,
}

/// The rows shown of one set of rows, for one filter and sort.
struct Shown {
    rows: Arc<Vec<LedgerRow>>,
    key: ViewKey,
    indices: Arc<Vec<usize>>,
}

impl LedgerWindow {
    /// The rows for the project as it is, built again only after a change.
    pub fn rows(&mut self, state: &AppState, nato: &NatoData) -> Arc<Vec<LedgerRow>> {
        let key = (
            state.session.editor.revision(),
            self.include_suggested,
            nato.editions.len(),
        );
        if let Some((r, s, n, rows)) = &self.cache
            && (*r, *s, *n) == key
        {
            return rows.clone();
        }
        let options = LedgerOptions {
            include_suggested: self.include_suggested,
            now_edition: None,
        };
        let rows = Arc::new(ledger::build(state.project(), nato, &options).unwrap_or_default());
        self.cache = Some((key.0, key.1, key.2, rows.clone()));
        rows
    }

    /// The indices into [`Self::rows`] of the rows shown: filtered, then
    /// sorted.
    fn shown_indices(&mut self, rows: &Arc<Vec<LedgerRow>>) -> Arc<Vec<usize>> {
        let key: ViewKey = (self.filter_column, self.filter.clone(), self.sort);
        if let Some(shown) = &self.shown
            && Arc::ptr_eq(&shown.rows, rows)
            && shown.key == key
        {
            return shown.indices.clone();
        }
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| match self.filter_column {
                Some(c) => ledger::matches(&rows[i], c, &self.filter),
                None => SHOWN
                    .iter()
                    .any(|(c, _, _)| ledger::matches(&rows[i], *c, &self.filter)),
            })
            .collect();
        if let Some((column, descending)) = self.sort {
            shown.sort_by(|&a, &b| {
                let o = ledger::compare(&rows[a], &rows[b], column);
                if descending { o.reverse() } else { o }
            });
        }
        let indices = Arc::new(shown);
        self.shown = Some(Shown {
            rows: rows.clone(),
            key,
            indices: indices.clone(),
        });
        indices
    }

    /// The rows shown: filtered, then sorted.
    pub fn visible(&mut self, state: &AppState, nato: &NatoData) -> Vec<LedgerRow> {
        let rows = self.rows(state, nato);
        let shown = self.shown_indices(&rows);
        shown.iter().map(|&i| rows[i].clone()).collect()
    }

    /// The window, while open; a sentence instead of the table when NATO's
    /// figures could not be read.
    pub fn show(
        &mut self,
        ctx: &Context,
        state: &AppState,
        nato: Option<&NatoData>,
        actions: &mut Vec<Action>,
    ) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Claims ledger")
            .id(Id::unique("claims_ledger_window"))
            .open(&mut open)
            .default_width(900.0)
            .default_height(420.0)
            .show(ctx, |ui| match nato {
                Some(nato) => self.contents(ui, state, nato, actions),
                None => {
                    ui.label("NATO's figures could not be read.");
                }
            });
        self.open = open;
    }

    /// The window's contents: the filter, the edition that stands for
    /// "now", the count, and the table.
    fn contents(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        nato: &NatoData,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal_wrapped(|ui| self.filter_row(ui));
        let now = nato.latest();
        ui.label(
            RichText::new(format!("NATO now: {}", now.describe()))
                .small()
                .weak(),
        );
        let rows = self.rows(state, nato);
        let shown = self.shown_indices(&rows);
        ui.label(format!("{} of {} claims", shown.len(), rows.len()));
        ui.separator();
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::horizontal()
            .id_salt("ledger_columns")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal(|ui| self.headers(ui, row_height));
                // Only the rows in view are laid out: a corpus can hold
                // thousands of claims.
                egui::ScrollArea::vertical()
                    .id_salt("ledger_rows")
                    .auto_shrink([false, false])
                    .show_rows(ui, row_height, shown.len(), |ui, range| {
                        for &i in &shown[range] {
                            let row = &rows[i];
                            ui.horizontal(|ui| {
                                for (column, _, width) in SHOWN {
                                    cell(ui, state, row, column, [width, row_height], actions);
                                }
                            });
                        }
                    });
            });
    }

    /// Whether suggestions count, and the filter: a column (or any) and
    /// the text.
    fn filter_row(&mut self, ui: &mut Ui) {
        ui.checkbox(&mut self.include_suggested, "Include suggested claims");
        let l = ui.label("Filter");
        egui::ComboBox::from_id_salt("ledger_filter_column")
            .selected_text(
                self.filter_column
                    .and_then(|c| SHOWN.iter().find(|(s, _, _)| *s == c))
                    .map_or("any column", |(_, name, _)| name),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.filter_column, None, "any column");
                for (c, name, _) in SHOWN {
                    ui.selectable_value(&mut self.filter_column, Some(c), name);
                }
            })
            .response
            .labelled_by(l.id);
        ui.add(egui::TextEdit::singleline(&mut self.filter).desired_width(160.0))
            .labelled_by(l.id);
    }

    /// The column headers, each a button that sorts by it (again:
    /// descending), the sorted one marked.
    fn headers(&mut self, ui: &mut Ui, row_height: f32) {
        for (column, name, width) in SHOWN {
            let marker = match self.sort {
                Some((c, true)) if c == column => " ▼",
                Some((c, false)) if c == column => " ▲",
                _ => "",
            };
            let header =
                egui::Button::new(RichText::new(format!("{name}{marker}")).strong()).frame(false);
            let mut clicked = false;
            fixed(ui, [width, row_height], |ui| {
                clicked = ui
                    .add(header)
                    .on_hover_text(format!("Sort by {}", name.to_lowercase()))
                    .clicked();
            });
            if clicked {
                self.sort = match self.sort {
                    Some((c, false)) if c == column => Some((column, true)),
                    _ => Some((column, false)),
                };
            }
        }
    }
}

/// One cell: the article's title opens it at the claim; long text is cut
/// and shown whole on hover.
fn cell(
    ui: &mut Ui,
    state: &AppState,
    row: &LedgerRow,
    column: Column,
    size: [f32; 2],
    actions: &mut Vec<Action>,
) {
    let text = row.cell(column);
    fixed(ui, size, |ui| match column {
        Column::Title => {
            let title = if text.is_empty() {
                "(untitled)".to_string()
            } else {
                text
            };
            let r = ui
                .add(egui::Link::new(shorten(&title, 30)))
                .on_hover_text(format!(
                    "{title}\n\n{}\n\n{}",
                    row.text,
                    row.cell(Column::Check)
                ));
            if r.clicked() {
                open_at_claim(state, row, actions);
            }
        }
        _ => {
            let r = ui.add(egui::Label::new(text.clone()).truncate());
            if !text.is_empty() && column == Column::Notes {
                r.on_hover_text(text);
            }
        }
    });
}

/// Lays out `add` in a box of exactly `size`, left-aligned, so that the
/// columns of every row line up.
fn fixed(ui: &mut Ui, size: [f32; 2], add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(size[0], size[1]),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(size[0]);
            add(ui);
        },
    );
}

/// Opens the row's article with its claim selected and in view.
pub fn open_at_claim(state: &AppState, row: &LedgerRow, actions: &mut Vec<Action>) {
    actions.push(Action::View(ViewAction::SelectDocument(row.doc)));
    actions.push(Action::View(ViewAction::SelectAnnotation(Some(
        row.annotation,
    ))));
    if let Some(a) = state
        .project()
        .document(row.doc)
        .and_then(|d| d.annotation(row.annotation))
    {
        actions.push(Action::Window(WindowAction::Scroll(a.span.start)));
    }
}

/// `text` cut to `max` characters, an ellipsis marking the cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
