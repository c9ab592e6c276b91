//! The library: every document with its title, date and annotation counts,
//! filtered by a search box. Rows are laid out only when in view.

use egui::Ui;

use super::state::{Action, AppState};
use crate::model::{Document, Status};

#[derive(Default)]
pub struct LibraryPanel {
    pub filter: String,
    /// Indices of the documents matching the filter, kept until the filter
    /// or the project changes.
    cache: Option<(String, u64, Vec<usize>)>,
}

fn matches(doc: &Document, needle: &str) -> bool {
    needle.is_empty()
        || contains_ci(doc.title(), needle)
        || doc.meta.date.as_deref().is_some_and(|d| d.contains(needle))
        || doc
            .meta
            .outlet
            .as_deref()
            .is_some_and(|o| contains_ci(o, needle))
        || doc
            .meta
            .source_path
            .as_ref()
            .is_some_and(|p| contains_ci(&p.to_string_lossy(), needle))
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

impl LibraryPanel {
    pub fn show(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        ui.add_space(4.0);
        ui.heading("Library");
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text("title, date, outlet or file")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.add_space(4.0);
        let project = state.project();
        let rev = state.editor.revision();
        let stale = !matches!(&self.cache, Some((f, r, _)) if *f == self.filter && *r == rev);
        if stale {
            let needle = self.filter.trim().to_owned();
            let rows = project
                .documents
                .iter()
                .enumerate()
                .filter(|(_, d)| matches(d, &needle))
                .map(|(i, _)| i)
                .collect();
            self.cache = Some((self.filter.clone(), rev, rows));
        }
        let rows = &self.cache.as_ref().expect("filled above").2;
        ui.label(
            egui::RichText::new(format!(
                "{} of {} documents",
                rows.len(),
                project.documents.len()
            ))
            .small()
            .weak(),
        );
        ui.separator();
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 10.0;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for &i in &rows[range] {
                    let d = &project.documents[i];
                    let selected = state.current == Some(d.id);
                    let review = d.count_with_status(Status::Suggested);
                    let accepted = d.count_with_status(Status::Accepted);
                    let sub = format!(
                        "{}{}{accepted} accepted · {review} to review",
                        d.meta.date.as_deref().unwrap_or(""),
                        if d.meta.date.is_some() { "  ·  " } else { "" },
                    );
                    let r = ui
                        .add_sized(
                            [ui.available_width(), row_height - 4.0],
                            egui::Button::selectable(selected, format!("{}\n{sub}", d.title()))
                                .truncate(),
                        )
                        .on_hover_text(
                            d.meta
                                .source_path
                                .as_ref()
                                .map(|p| p.display().to_string())
                                .unwrap_or_else(|| d.title().to_owned()),
                        );
                    if r.clicked() {
                        actions.push(Action::SelectDocument(d.id));
                    }
                }
            });
    }
}
