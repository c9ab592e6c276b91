//! NATO's editions in the window: the chart's edition selector, and a new
//! edition from NATO's Excel workbook (File ▸ Import NATO Workbook…), kept
//! in the data folder so that the next launch has it.

use std::path::Path;
use std::sync::Arc;

use egui::Ui;

use super::chart::ChartPanel;
use super::state::{Action, InboxAction, Severity};
use crate::chart::ChartKind;
use crate::data::nato::NatoData;
use crate::data::workbook;

/// Whether a path is an Excel workbook (read as a NATO edition, not as a
/// CSV of figures).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xls"))
}

/// The edition combo box: the latest by default, every loaded edition with
/// its definition and a "secondary" mark where it is one.
pub fn edition_selector(panel: &mut ChartPanel, ui: &mut Ui) {
    if panel.options.kind == ChartKind::Revisions {
        return;
    }
    let Ok(nato) = panel.nato() else {
        return;
    };
    let label = |e: &crate::data::Edition| {
        let mut s = e.tag(false);
        if e.secondary {
            s.push_str(" (secondary)");
        }
        s
    };
    let latest = format!("Latest: {}", label(nato.latest()));
    let choices: Vec<(String, String, String)> = nato
        .editions
        .iter()
        .rev()
        .map(|e| (e.id.clone(), label(e), e.describe()))
        .collect();
    let selected = panel
        .options
        .edition
        .as_ref()
        .and_then(|id| choices.iter().find(|(i, _, _)| i == id))
        .map_or(latest.clone(), |(_, l, _)| l.clone());
    let l = ui.label("Edition");
    egui::ComboBox::from_id_salt("chart_edition")
        .selected_text(selected)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut panel.options.edition, None, latest);
            for (id, text, describe) in choices {
                ui.selectable_value(&mut panel.options.edition, Some(id), text)
                    .on_hover_text(describe);
            }
        })
        .response
        .labelled_by(l.id);
    if matches!(panel.options.kind, ChartKind::Series) {
        ui.checkbox(&mut panel.corpus_claims, "Claims of all articles");
    }
}

/// Reads `path` into a copy of `current`; on success the chart shows the
/// new edition and the workbook is kept in the data folder.
pub fn import_workbook(panel: &mut ChartPanel, mut current: NatoData, path: &Path) -> Action {
    let read = match workbook::read_workbook(path, &current) {
        Ok(r) => r,
        Err(e) => {
            return Action::Inbox(InboxAction::Notify(
                Severity::Error,
                format!("Could not import the NATO workbook: {e}. Nothing was changed."),
            ));
        }
    };
    let id = read.edition.id.clone();
    let describe = read.edition.describe();
    let mut details = read.tables.clone();
    current.add_edition(read.edition, &read.dataset);
    if let Some(new) = current.editions.iter().find(|e| e.id == id) {
        details.extend(
            workbook::differences(&current, new)
                .iter()
                .map(|d| d.to_string()),
        );
    }
    let mut text = format!("Loaded {describe}");
    match panel.data_dir.as_deref().map(|d| workbook::keep(d, path)) {
        Some(Ok(kept)) => details.push(format!("kept as {} for the next launch", kept.display())),
        Some(Err(e)) => details.push(format!("could not keep a copy in the data folder: {e}")),
        None => {}
    }
    if let Some(summary) = details.iter().find(|d| d.contains("cells differ")) {
        text.push_str(&format!("; {summary}"));
    }
    panel.nato = Some(Arc::new(current));
    panel.options.edition = Some(id);
    Action::Inbox(InboxAction::NotifyDetails(Severity::Info, text, details))
}

/// Adds the workbooks kept in the data folder; a notice for those that no
/// longer read.
pub fn load_kept(panel: &mut ChartPanel) -> Option<Action> {
    let dir = panel.data_dir.clone()?;
    if !workbook::editions_dir(&dir).is_dir() {
        return None;
    }
    let mut nato = panel.nato().ok()?.clone();
    let before = nato.editions.len();
    let errors = workbook::load_kept(&dir, &mut nato);
    if nato.editions.len() > before {
        panel.nato = Some(Arc::new(nato));
    }
    (!errors.is_empty()).then(|| {
        Action::Inbox(InboxAction::NotifyDetails(
            Severity::Warning,
            format!("{} kept NATO workbook(s) could not be read", errors.len()),
            errors.iter().map(ToString::to_string).collect(),
        ))
    })
}
