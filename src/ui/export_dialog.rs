//! File ▸ Export Dataset…: pick a format, a scope and a destination; the
//! export runs on a worker thread with a progress bar and a cancel button, so
//! the window never freezes on a large corpus.

use std::path::PathBuf;

use egui::{Context, Id};

use super::state::{Action, AppState, InboxAction, Severity};
use super::worker::Worker;
use crate::export::{self, ExportError, ExportSummary, Format, Scope};
use crate::model::DocId;

/// Which documents an export covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocScope {
    /// The document shown.
    Current,
    /// Every document of the project.
    All,
}

/// An export under way.
struct Running {
    worker: Worker<Result<ExportSummary, ExportError>>,
    /// Documents to export, known before the first report.
    total: usize,
}

/// File ▸ Export Dataset…: the choices, kept while the window runs, and
/// the export under way.
pub struct ExportDialog {
    /// The dialog is shown.
    pub open: bool,
    /// The format to write.
    pub format: Format,
    /// Which documents to export.
    pub docs: DocScope,
    /// Only accepted annotations, not suggestions.
    pub accepted_only: bool,
    /// Entity labels to include; empty means all.
    pub labels: Vec<String>,
    /// The file (or, for brat, the folder) to write, as typed.
    pub destination: String,
    running: Option<Running>,
    /// A thread that could not be started, reported at the next poll.
    start_error: Option<String>,
    /// NATO's editions as the window has them (imported workbooks too),
    /// for the claims table; the bundled ones when `None`.
    pub nato: Option<std::sync::Arc<crate::data::nato::NatoData>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Jsonl,
            docs: DocScope::All,
            accepted_only: false,
            labels: Vec::new(),
            destination: String::new(),
            running: None,
            start_error: None,
            nato: None,
        }
    }
}

impl ExportDialog {
    /// The dialog, while it is open or an export runs: the form, or the
    /// progress of the export under way.
    pub fn show(&mut self, ctx: &Context, state: &AppState, actions: &mut Vec<Action>) {
        self.poll(ctx, actions);
        if !self.open {
            return;
        }
        let mut open = self.open;
        let screen = ctx.content_rect();
        let format_before = self.format;
        egui::Window::new("Export dataset")
            .id(Id::unique("export_dialog"))
            .open(&mut open)
            .collapsible(false)
            .default_width(480.0_f32.min(screen.width() - 24.0))
            // Never wider than the window, so that no check box is cut.
            .max_width(screen.width() - 24.0)
            .show(ctx, |ui| match &self.running {
                Some(r) => progress(ui, r),
                None => self.form(ui, state),
            });
        self.open = open || self.running.is_some();
        if self.format != format_before {
            self.destination = follow_format(&self.destination, self.format);
        }
    }

    /// The choices (format, documents, annotations, labels, destination)
    /// and the Export button.
    fn form(&mut self, ui: &mut egui::Ui, state: &AppState) {
        egui::Grid::new("export_grid")
            .num_columns(2)
            .show(ui, |ui| self.scope_rows(ui, state));
        // Below the grid, where they wrap at the window's width: in a grid
        // cell the row grew past the window's edge.
        ui.label("Labels");
        ui.horizontal_wrapped(|ui| self.label_choices(ui, state));
        egui::Grid::new("export_destination")
            .num_columns(2)
            .show(ui, |ui| self.destination_row(ui));
        ui.label(egui::RichText::new(format_note(self.format)).small().weak());
        ui.separator();
        let ready = !self.destination.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("Export")).clicked() {
            self.start(state);
        }
    }

    /// The format, which documents, and whether suggestions go too.
    fn scope_rows(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let l = ui.label("Format");
        egui::ComboBox::from_id_salt("export_format")
            .selected_text(self.format.name())
            .show_ui(ui, |ui| {
                for f in Format::ALL {
                    ui.selectable_value(&mut self.format, f, f.name());
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
        ui.label("Documents");
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.docs, DocScope::Current, "This document");
            ui.radio_value(
                &mut self.docs,
                DocScope::All,
                format!("All ({})", state.project().documents.len()),
            );
        });
        ui.end_row();
        ui.label("Annotations");
        ui.checkbox(
            &mut self.accepted_only,
            "Accepted only (leave suggestions out)",
        );
        ui.end_row();
    }

    /// A check box for each label of the project (none chosen: all).
    fn label_choices(&mut self, ui: &mut egui::Ui, state: &AppState) {
        for l in state.project().labels.iter() {
            let mut on = self.labels.is_empty() || self.labels.contains(&l.name);
            if ui.checkbox(&mut on, l.name.as_str()).changed() {
                if self.labels.is_empty() {
                    self.labels = state
                        .project()
                        .labels
                        .iter()
                        .map(|x| x.name.clone())
                        .collect();
                }
                if on {
                    self.labels.push(l.name.clone());
                } else {
                    self.labels.retain(|x| x != &l.name);
                }
            }
        }
    }

    /// Where to write: a file, or a folder for brat.
    fn destination_row(&mut self, ui: &mut egui::Ui) {
        let l = ui.label(if self.format.writes_folder() {
            "Destination folder"
        } else {
            "Destination file"
        });
        let width = (ui.available_width() - 90.0).clamp(120.0, 300.0);
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.destination).desired_width(width))
                .labelled_by(l.id);
            if ui.button("Browse…").clicked()
                && let Some(p) = browse(self.format)
            {
                self.destination = p.display().to_string();
            }
        });
        ui.end_row();
    }

    fn start(&mut self, state: &AppState) {
        let docs: Vec<DocId> = match self.docs {
            DocScope::Current => state.view.current.into_iter().collect(),
            DocScope::All => state.project().documents.iter().map(|d| d.id).collect(),
        };
        let all_labels =
            self.labels.is_empty() || self.labels.len() == state.project().labels.iter().count();
        let scope = Scope {
            accepted_only: self.accepted_only,
            labels: (!all_labels).then(|| self.labels.clone()),
        };
        let mut out = PathBuf::from(self.destination.trim());
        if !self.format.writes_folder()
            && out.extension().is_none()
            && let Some(ext) = self.format.extension()
        {
            out.set_extension(ext);
        }
        let project = state.project().clone();
        let format = self.format;
        let total = docs.len();
        let nato = self.nato.clone();
        let started = Worker::spawn("dossier-export", move |progress| {
            let official = |q: &crate::data::claim::ClaimQuery<'_>| match &nato {
                Some(n) => Some(crate::data::claim::claim_check(n, q)),
                None => crate::workflow::official_figure(q),
            };
            export::export_with_official(
                &project,
                &docs,
                &scope,
                format,
                &out,
                &official,
                &|n, of| progress.report(n, of),
            )
        });
        match started {
            Ok(worker) => self.running = Some(Running { worker, total }),
            Err(e) => {
                self.start_error = Some(format!("Could not start the export: {e}"));
            }
        }
    }

    fn poll(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        if let Some(e) = self.start_error.take() {
            actions.push(Action::Inbox(InboxAction::Notify(Severity::Error, e)));
        }
        let Some(r) = &self.running else { return };
        if !r.worker.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        let result = self.running.take().expect("checked").worker.join();
        match result {
            Some(Ok(summary)) => {
                let mut text = format!(
                    "Exported {} annotations of {} documents as {} to {}",
                    summary.annotations,
                    summary.documents,
                    self.format.name(),
                    summary
                        .files
                        .first()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                );
                if summary.files.len() > 1 {
                    text.push_str(&format!(" (+{} files)", summary.files.len() - 1));
                }
                actions.push(Action::Inbox(InboxAction::NotifyDetails(
                    Severity::Info,
                    text,
                    summary.notes,
                )));
                self.open = false;
            }
            Some(Err(e)) => actions.push(Action::Inbox(InboxAction::Notify(
                Severity::Error,
                format!("Export failed: {e}"),
            ))),
            None => actions.push(Action::Inbox(InboxAction::Notify(
                Severity::Error,
                "Export failed: the export thread stopped".into(),
            ))),
        }
    }
}

/// The destination typed for one format, made to fit another: the new
/// format's extension, or no extension for a format that writes a folder.
fn follow_format(destination: &str, format: Format) -> String {
    let trimmed = destination.trim();
    if trimmed.is_empty() {
        return destination.to_owned();
    }
    let mut path = PathBuf::from(trimmed);
    let known = |ext: &str| {
        Format::ALL
            .iter()
            .filter_map(|f| f.extension())
            .any(|e| e.eq_ignore_ascii_case(ext))
    };
    let has_known_ext = path.extension().and_then(|e| e.to_str()).is_some_and(known);
    if format.writes_folder() {
        if has_known_ext {
            path.set_extension("");
        }
    } else if let Some(ext) = format.extension()
        && (has_known_ext || path.extension().is_none())
    {
        path.set_extension(ext);
    }
    path.display().to_string()
}

fn browse(format: Format) -> Option<PathBuf> {
    if std::env::var_os("DOSSIER_NO_NATIVE_DIALOG").is_some_and(|v| v != "0") {
        return None;
    }
    let d = rfd::FileDialog::new().set_title("Export to");
    if format.writes_folder() {
        d.pick_folder()
    } else {
        let ext = format.extension().unwrap_or("txt");
        d.add_filter(format.name(), &[ext])
            .set_file_name(format!("dossier-export.{ext}"))
            .save_file()
    }
}

fn format_note(format: Format) -> &'static str {
    match format {
        Format::Jsonl => "One JSON object a document; offsets in code points. Re-importable.",
        Format::Csv => {
            "One row an annotation, offsets in code points, UTF-8 bytes and UTF-16 units."
        }
        Format::Brat => {
            "A folder: .txt and .ann a document, plus annotation.conf for brat. Re-importable."
        }
        Format::Conll => "CoNLL-2003 IOB2 tokens; quotes and claims are not part of the format.",
        Format::Spacy => "JSONL with text and ents/spans for spaCy's Doc.char_span.",
        Format::LabelStudio => {
            "Label Studio tasks plus a labelling config beside the file. Re-importable."
        }
        Format::WebAnno => "W3C Web Annotation JSON-LD with position and quote selectors.",
        Format::Claims => "Every spending claim with the official NATO figure and the difference.",
    }
}

/// The export under way: how far it is, and a button to stop it.
fn progress(ui: &mut egui::Ui, r: &Running) {
    let (done, _) = r.worker.progress().get();
    ui.label(format!("Exporting {done} of {} documents…", r.total));
    ui.add(egui::ProgressBar::new(done as f32 / r.total.max(1) as f32).show_percentage());
    if ui.button("Cancel").clicked() {
        r.worker.progress().cancel();
    }
    ui.ctx().request_repaint();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_destination_follows_the_format() {
        assert_eq!(
            follow_format("out/corpus.jsonl", Format::Csv),
            "out/corpus.csv"
        );
        assert_eq!(follow_format("out/corpus.csv", Format::Brat), "out/corpus");
        assert_eq!(
            follow_format("out/corpus", Format::Jsonl),
            "out/corpus.jsonl"
        );
        // An extension of the analyst's own is kept for a folder.
        assert_eq!(follow_format("out/v1.2", Format::Brat), "out/v1.2");
        assert_eq!(follow_format("", Format::Csv), "");
    }
}
