//! The figure font: Inter (SIL Open Font License 1.1, see
//! `assets/fonts/OFL.txt`), compiled into the program so that PNG text
//! renders the same on every machine and text can be measured for layout.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// Inter Regular.
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
/// Inter Bold.
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-Bold.otf");
/// The family name the SVG asks for first.
pub const FAMILY: &str = "Inter";

/// A font database holding only the embedded faces, with every generic
/// family pointing at Inter.
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

struct Metrics {
    units_per_em: f64,
    /// Advance widths of the code points below U+0400 (Latin and Greek),
    /// which is what country names, numbers and labels use.
    advances: Vec<f64>,
    fallback: f64,
}

fn metrics(bold: bool) -> Option<&'static Metrics> {
    static REG: OnceLock<Option<Metrics>> = OnceLock::new();
    static BLD: OnceLock<Option<Metrics>> = OnceLock::new();
    let (cell, data) = if bold { (&BLD, BOLD) } else { (&REG, REGULAR) };
    cell.get_or_init(|| {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let advance = |c: char| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map(f64::from)
        };
        let fallback = advance('n').unwrap_or(f64::from(face.units_per_em()) * 0.55);
        let advances = (0u32..0x400)
            .map(|u| char::from_u32(u).and_then(advance).unwrap_or(fallback))
            .collect();
        Some(Metrics {
            units_per_em: f64::from(face.units_per_em()),
            advances,
            fallback,
        })
    })
    .as_ref()
}

/// The width of `text` set in Inter at `size` pixels (kerning ignored, which
/// errs a little wide).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let Some(m) = metrics(bold) else {
        return text.chars().count() as f64 * size * 0.56;
    };
    let units: f64 = text
        .chars()
        .map(|c| m.advances.get(c as usize).copied().unwrap_or(m.fallback))
        .sum();
    units / m.units_per_em * size
}
