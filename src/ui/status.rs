use egui::Ui;

use super::dialogs::Dialogs;
use super::state::{Action, AppState, SessionAction, Severity};
use crate::model::Status;

/// Counts for the current document and the latest notice.
pub fn status_bar(ui: &mut Ui, state: &AppState, dialogs: &mut Dialogs, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if let Some((done, total)) = state.job_progress() {
            if total == 0 {
                ui.spinner();
                ui.label("Reading files…");
            } else {
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .desired_width(160.0)
                        .text(format!("Annotating {done} of {total}")),
                );
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::Session(SessionAction::CancelOpen));
            }
            ui.separator();
        }
        let p = state.project();
        let n = p.documents.len();
        ui.label(format!("{n} document{}", if n == 1 { "" } else { "s" }));
        if let Some(d) = state.current_document() {
            ui.separator();
            let suggested = d.count_with_status(Status::Suggested);
            let accepted = d.count_with_status(Status::Accepted);
            ui.label(format!("{accepted} accepted, {suggested} to review"));
            if let Some(sel) = state
                .view
                .selection
                .filter(|s| s.doc == d.id && s.anchor != s.head)
            {
                let (a, b) = d.char_span(sel.span());
                ui.separator();
                ui.label(format!("selection {a}–{b} ({} characters)", b - a));
            } else if let Some(a) = state.selected() {
                let (s, e) = d.char_span(a.span);
                ui.separator();
                ui.label(format!(
                    "{} {s}–{e}",
                    a.kind.label().unwrap_or(a.kind.kind_name())
                ));
            }
        }
        ui.separator();
        ui.label(if state.session.editor.is_dirty() {
            "unsaved changes"
        } else {
            "saved"
        });
        if let Some(n) = state.inbox.notices.last() {
            ui.separator();
            let color = match n.severity {
                Severity::Info => ui.visuals().weak_text_color(),
                Severity::Warning => ui.visuals().warn_fg_color,
                Severity::Error => ui.visuals().error_fg_color,
            };
            let r = ui.add(
                egui::Label::new(egui::RichText::new(&n.text).color(color))
                    .truncate()
                    .sense(egui::Sense::click()),
            );
            if r.on_hover_text("Show all notices").clicked() {
                dialogs.show_notices = true;
            }
        }
    });
}
