//! Colours of annotations, from the label set's GUI-free colours.

use egui::Color32;

use crate::model::{LabelSet, Rgb, Status};

/// Spending claims are underlined in one colour whatever the label palette.
pub const CLAIM: Color32 = Color32::from_rgb(200, 30, 45);

pub fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

pub fn label_color(labels: &LabelSet, name: &str) -> Color32 {
    rgb(labels.color(name))
}

/// Accepted annotations get a clear tint; suggestions a faint one, so the
/// analyst sees at a glance what still needs review.
pub fn entity_background(c: Color32, status: Status, dark: bool) -> Color32 {
    let alpha = match (status, dark) {
        (Status::Accepted, false) => 0.30,
        (Status::Accepted, true) => 0.45,
        (Status::Suggested, false) => 0.12,
        (Status::Suggested, true) => 0.20,
        (Status::Rejected, _) => 0.06,
    };
    c.gamma_multiply(alpha)
}

pub fn quote_text(dark: bool, status: Status) -> Color32 {
    match (dark, status) {
        (_, Status::Rejected) => Color32::GRAY,
        (false, Status::Suggested) => Color32::from_rgb(70, 90, 120),
        (false, _) => Color32::from_rgb(20, 60, 120),
        (true, Status::Suggested) => Color32::from_rgb(160, 180, 205),
        (true, _) => Color32::from_rgb(150, 195, 255),
    }
}

/// A small coloured chip for a label name.
pub fn label_chip(ui: &mut egui::Ui, labels: &LabelSet, name: &str) -> egui::Response {
    let c = label_color(labels, name);
    let text = egui::RichText::new(name)
        .small()
        .strong()
        .color(Color32::WHITE)
        .background_color(c);
    ui.label(text)
}
