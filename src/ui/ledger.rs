//! The claims ledger window: every spending claim of the project against
//! NATO's figure at the article's date and now, sortable and filterable by
//! column. Clicking a row opens the article at the claim. The rows are
//! [`crate::ledger`]'s, the same as `dossier claims` writes.

use std::sync::Arc;

use egui::{Context, Id, RichText, Ui};

use super::state::{Action, AppState};
use crate::data::nato::NatoData;
use crate::ledger::{self, Column, LedgerOptions, LedgerRow};

/// The columns shown, in order; the CSV has them all.
const SHOWN: [(Column, &str); 14] = [
    (Column::Title, "Article"),
    (Column::Date, "Date"),
    (Column::Outlet, "Outlet"),
    (Column::Speaker, "Speaker"),
    (Column::Country, "Country"),
    (Column::Year, "Year"),
    (Column::ClaimedValue, "Claimed"),
    (Column::Unit, "Unit"),
    (Column::AtTimeValue, "At the time"),
    (Column::AtTimeEdition, "Edition then"),
    (Column::NowValue, "Now"),
    (Column::NowEdition, "Edition now"),
    (Column::NowDifference, "Difference"),
    (Column::Notes, "Notes"),
];

#[derive(Default)]
pub struct LedgerWindow {
    pub open: bool,
    pub include_suggested: bool,
    /// The column sorted by and whether descending.
    pub sort: Option<(Column, bool)>,
    /// The column filtered (any column when `None`) and the text.
    pub filter_column: Option<Column>,
    pub filter: String,
    /// Rows by project revision, suggestion choice and editions loaded.
    cache: Option<(u64, bool, usize, Arc<Vec<LedgerRow>>)>,
}

impl LedgerWindow {
    /// The rows for the project as it is, built again only after a change.
    pub fn rows(&mut self, state: &AppState, nato: &NatoData) -> Arc<Vec<LedgerRow>> {
        let key = (
            state.editor.revision(),
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

    /// The rows shown: filtered, then sorted.
    pub fn visible(&mut self, state: &AppState, nato: &NatoData) -> Vec<LedgerRow> {
        let rows = self.rows(state, nato);
        let mut shown: Vec<LedgerRow> = rows
            .iter()
            .filter(|r| match self.filter_column {
                Some(c) => ledger::matches(r, c, &self.filter),
                None => SHOWN
                    .iter()
                    .any(|(c, _)| ledger::matches(r, *c, &self.filter)),
            })
            .cloned()
            .collect();
        if let Some((column, descending)) = self.sort {
            shown.sort_by(|a, b| {
                let o = ledger::compare(a, b, column);
                if descending { o.reverse() } else { o }
            });
        }
        shown
    }

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

    fn contents(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        nato: &NatoData,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.include_suggested, "Include suggested claims");
            let l = ui.label("Filter");
            egui::ComboBox::from_id_salt("ledger_filter_column")
                .selected_text(
                    self.filter_column
                        .and_then(|c| SHOWN.iter().find(|(s, _)| *s == c))
                        .map_or("any column", |(_, name)| name),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter_column, None, "any column");
                    for (c, name) in SHOWN {
                        ui.selectable_value(&mut self.filter_column, Some(c), name);
                    }
                })
                .response
                .labelled_by(l.id);
            ui.add(egui::TextEdit::singleline(&mut self.filter).desired_width(160.0))
                .labelled_by(l.id);
        });
        let now = nato.latest();
        ui.label(
            RichText::new(format!("NATO now: {}", now.describe()))
                .small()
                .weak(),
        );
        let rows = self.visible(state, nato);
        let total = self.rows(state, nato).len();
        ui.label(format!("{} of {total} claims", rows.len()));
        ui.separator();
        egui::ScrollArea::both()
            .id_salt("ledger_rows")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("ledger_grid")
                    .striped(true)
                    .num_columns(SHOWN.len())
                    .show(ui, |ui| {
                        for (column, name) in SHOWN {
                            let marker = match self.sort {
                                Some((c, true)) if c == column => " ▼",
                                Some((c, false)) if c == column => " ▲",
                                _ => "",
                            };
                            if ui
                                .button(RichText::new(format!("{name}{marker}")).strong())
                                .on_hover_text(format!("Sort by {}", name.to_lowercase()))
                                .clicked()
                            {
                                self.sort = match self.sort {
                                    Some((c, false)) if c == column => Some((column, true)),
                                    _ => Some((column, false)),
                                };
                            }
                        }
                        ui.end_row();
                        for row in &rows {
                            for (column, _) in SHOWN {
                                let text = row.cell(column);
                                match column {
                                    Column::Title => {
                                        let title = if text.is_empty() {
                                            "(untitled)".into()
                                        } else {
                                            text
                                        };
                                        let r = ui.link(shorten(&title, 48)).on_hover_text(
                                            format!("{}\n\n{}", row.text, row.cell(Column::Check)),
                                        );
                                        if r.clicked() {
                                            open_at_claim(state, row, actions);
                                        }
                                    }
                                    Column::Notes => {
                                        ui.label(shorten(&text, 60)).on_hover_text(text);
                                    }
                                    _ => {
                                        ui.label(text);
                                    }
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
    }
}

/// Opens the row's article with its claim selected and in view.
pub fn open_at_claim(state: &AppState, row: &LedgerRow, actions: &mut Vec<Action>) {
    actions.push(Action::SelectDocument(row.doc));
    actions.push(Action::SelectAnnotation(Some(row.annotation)));
    if let Some(a) = state
        .project()
        .document(row.doc)
        .and_then(|d| d.annotation(row.annotation))
    {
        actions.push(Action::Scroll(a.span.start));
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
