//! The Agreement window: two or more analysts' copies of a project compared
//! (the figures of `dossier agree`), with a per-article heatmap that shows
//! where they disagree.

use std::path::PathBuf;

use egui::{Color32, Context, Id, RichText, Ui};

use crate::agree::{self, LabelAgreement, Report};

/// The agreement window's state.
#[derive(Default)]
pub struct AgreementWindow {
    /// Whether the window is shown.
    pub open: bool,
    /// The projects compared, one an analyst.
    pub projects: Vec<PathBuf>,
    /// The figures, or why they could not be computed (a file that does not
    /// read is named in the message).
    pub report: Option<Result<Report, String>>,
}

impl AgreementWindow {
    /// Reads the projects and computes the figures. On the UI thread: the
    /// projects are copies of one the window already holds, read in the
    /// time of an open.
    pub fn compare(&mut self, projects: Vec<PathBuf>) {
        self.report = Some(
            agree::load_layers(&projects)
                .and_then(|layers| agree::compute(&layers))
                .map_err(|e| e.to_string()),
        );
        self.projects = projects;
    }

    /// Draws the window while it is open.
    pub fn show(&mut self, ctx: &Context) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Agreement between analysts")
            .id(Id::unique("agreement_window"))
            .open(&mut open)
            .default_width(760.0)
            .default_height(480.0)
            .show(ctx, |ui| self.contents(ui));
        self.open = open;
    }

    fn contents(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if ui.button("Choose projects…").clicked()
                && let Some(paths) = rfd::FileDialog::new()
                    .add_filter("Dossier project", &["dossier"])
                    .pick_files()
            {
                self.compare(paths);
            }
            ui.label(format!("{} project(s)", self.projects.len()));
        });
        ui.separator();
        match &self.report {
            None => {
                ui.label("Choose two or more copies of a project, one an analyst.");
            }
            Some(Err(message)) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
            Some(Ok(report)) => {
                egui::ScrollArea::vertical().show(ui, |ui| show_report(ui, report));
            }
        }
    }
}

fn fig(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{v:.3}"))
}

fn show_report(ui: &mut Ui, r: &Report) {
    ui.label(format!(
        "{} article(s); analysts: {}. Only accepted annotations count.",
        r.documents,
        r.annotators.join(", ")
    ));
    ui.heading("Entities");
    egui::Grid::new("agreement_entities")
        .striped(true)
        .show(ui, |ui| {
            for h in ["label", "α", "pair", "F1 exact", "F1 overlap", "κ"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for l in std::iter::once(&r.entities).chain(&r.entity_labels) {
                label_rows(ui, l);
            }
        });
    ui.heading("Quotes and claims");
    egui::Grid::new("agreement_quotes_claims")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "pair",
                "quotes F1",
                "same speaker",
                "claims F1",
                "country",
                "year",
                "value",
                "unit",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (q, c) in r.quotes.iter().zip(&r.claims) {
                ui.label(format!("{} – {}", q.spans.a, q.spans.b));
                for x in [
                    q.spans.f1_exact,
                    q.speaker,
                    c.spans.f1_exact,
                    c.country,
                    c.year,
                    c.value,
                    c.unit,
                ] {
                    ui.label(fig(x));
                }
                ui.end_row();
            }
        });
    ui.heading("Per article (entity κ; α for all)");
    heatmap(ui, r);
}

fn label_rows(ui: &mut Ui, l: &LabelAgreement) {
    for p in &l.pairs {
        ui.label(l.label.as_deref().unwrap_or("(all)"));
        ui.label(fig(l.alpha));
        ui.label(format!("{} – {}", p.a, p.b));
        ui.label(fig(p.f1_exact));
        ui.label(fig(p.f1_overlap));
        ui.label(fig(p.kappa));
        ui.end_row();
    }
}

/// Red at no agreement (or worse than chance), green at full; grey where
/// the figure is undefined.
fn heat(x: Option<f64>) -> Color32 {
    match x {
        None => Color32::from_gray(110),
        Some(v) => {
            let t = v.clamp(0.0, 1.0) as f32;
            Color32::from_rgb(
                (200.0 * (1.0 - t) + 40.0 * t) as u8,
                (60.0 * (1.0 - t) + 160.0 * t) as u8,
                60,
            )
        }
    }
}

fn heatmap(ui: &mut Ui, r: &Report) {
    let Some(first) = r.per_document.first() else {
        return;
    };
    egui::Grid::new("agreement_heatmap").show(ui, |ui| {
        ui.label(RichText::new("article").strong());
        ui.label(RichText::new("α").strong());
        for p in &first.pairs {
            ui.label(RichText::new(format!("{} – {}", p.a, p.b)).strong());
        }
        ui.end_row();
        for d in &r.per_document {
            ui.label(&d.title).on_hover_text(format!(
                "{}\nanalysts: {}",
                d.text_sha256,
                d.annotators.join(", ")
            ));
            cell(ui, d.alpha);
            for p in &d.pairs {
                cell(ui, p.kappa);
            }
            ui.end_row();
        }
    });
}

fn cell(ui: &mut Ui, x: Option<f64>) {
    let text = RichText::new(fig(x))
        .color(Color32::WHITE)
        .background_color(heat(x));
    ui.label(text);
}
