//! The library: every document with its title, date and annotation counts,
//! filtered by a search box (case-insensitive, in the title, date, outlet
//! and file name). Rows are laid out only when in view.

use egui::Ui;

use super::state::{Action, AppState, ViewAction};
use crate::model::{Document, Project, Status};

/// The library panel's own state: the filter and what it matched.
#[derive(Default)]
pub struct LibraryPanel {
    /// The search box's text.
    pub filter: String,
    /// Indices of the documents matching the filter, kept until the filter
    /// or the project changes.
    cache: Option<(String, u64, Vec<usize>)>,
    /// What the filter searches in each document, lower-cased once per
    /// project revision rather than once per document and key press.
    haystacks: Option<(u64, Vec<String>)>,
}

/// The searchable fields of a document, lower-cased, one a line (the filter
/// is one line, so a match never spans two fields).
fn haystack(doc: &Document) -> String {
    let mut h = doc.title().to_lowercase();
    for field in [doc.meta.date.as_deref(), doc.meta.outlet.as_deref()]
        .into_iter()
        .flatten()
    {
        h.push('\n');
        h.push_str(&field.to_lowercase());
    }
    if let Some(p) = &doc.meta.source_path {
        h.push('\n');
        h.push_str(&p.to_string_lossy().to_lowercase());
    }
    h
}

impl LibraryPanel {
    /// The filter box, the count of documents it lets through, and their
    /// rows; a row clicked shows its document.
    pub fn show(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text("title, date, outlet or file")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.add_space(4.0);
        let project = state.project();
        let rows = self.matching_rows(project, state.session.editor.revision());
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
                    if document_row(ui, d, state.view.current == Some(d.id), row_height).clicked() {
                        actions.push(Action::View(ViewAction::SelectDocument(d.id)));
                    }
                }
            });
    }

    /// The indices of the documents the filter lets through, worked out
    /// again only when the filter or the project (at revision `rev`)
    /// changed.
    fn matching_rows(&mut self, project: &Project, rev: u64) -> &[usize] {
        let stale = !matches!(&self.cache, Some((f, r, _)) if *f == self.filter && *r == rev);
        let needle = self.filter.trim().to_lowercase();
        if stale && needle.is_empty() {
            // No filter: every row, without building the search text.
            self.cache = Some((
                self.filter.clone(),
                rev,
                (0..project.documents.len()).collect(),
            ));
        } else if stale {
            if !matches!(&self.haystacks, Some((r, _)) if *r == rev) {
                self.haystacks = Some((rev, project.documents.iter().map(haystack).collect()));
            }
            let hay = &self.haystacks.as_ref().expect("filled above").1;
            // Typing one more letter only narrows the last result.
            let narrowing = self.cache.take().filter(|(f, r, _)| {
                *r == rev && needle.starts_with(f.trim().to_lowercase().as_str())
            });
            let rows = match narrowing {
                Some((_, _, rows)) => rows
                    .into_iter()
                    .filter(|&i| hay[i].contains(&needle))
                    .collect(),
                None => (0..hay.len())
                    .filter(|&i| hay[i].contains(&needle))
                    .collect(),
            };
            self.cache = Some((self.filter.clone(), rev, rows));
        }
        &self.cache.as_ref().expect("filled above").2
    }
}

/// A document's row, `height` tall: its title (the file on hover), and its
/// date and counts below; returns the title's response.
fn document_row(ui: &mut Ui, d: &Document, selected: bool, height: f32) -> egui::Response {
    let review = d.count_with_status(Status::Suggested);
    let accepted = d.count_with_status(Status::Accepted);
    let sub = format!(
        "{}{}{accepted} accepted · {review} to review",
        d.meta.date.as_deref().map(human_date).unwrap_or_default(),
        if d.meta.date.is_some() { "  ·  " } else { "" },
    );
    // Two widgets rather than one two-line button: a truncated button shows
    // only its first line.
    let line = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let r = ui
        .add_sized(
            [ui.available_width(), line],
            egui::Button::selectable(selected, d.title()).truncate(),
        )
        .on_hover_text(
            d.meta
                .source_path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| d.title().to_owned()),
        );
    ui.add_sized(
        [ui.available_width(), height - line - 4.0],
        egui::Label::new(egui::RichText::new(sub).small().weak()).truncate(),
    );
    r
}

/// A date as people write it: "20 Feb 2025" for the machine form
/// "2025-02-20T09:00:00Z" pages carry; anything else as it was written.
pub fn human_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = date.trim();
    let number = |range: std::ops::Range<usize>| {
        date.get(range)
            .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
    };
    let dash = |i: usize| date.as_bytes().get(i) == Some(&b'-');
    let (Some(year), true, Some(month)) = (number(0..4), dash(4), number(5..7)) else {
        return date.to_owned();
    };
    let Some(month_name) = month.checked_sub(1).and_then(|m| MONTHS.get(m as usize)) else {
        return date.to_owned();
    };
    match (dash(7), number(8..10)) {
        (true, Some(day)) if (1..=31).contains(&day) => format!("{day} {month_name} {year}"),
        _ if date.len() == 7 => format!("{month_name} {year}"),
        _ => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::human_date;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(human_date("2025-02-20T09:00:00Z"), "20 Feb 2025");
        assert_eq!(human_date("2024-06-07"), "7 Jun 2024");
        assert_eq!(human_date("2024-06"), "Jun 2024");
        assert_eq!(human_date("June 7, 2024"), "June 7, 2024");
        assert_eq!(human_date("2024-13-01"), "2024-13-01");
        assert_eq!(human_date("2024-1é"), "2024-1é");
        assert_eq!(human_date(""), "");
    }
}
