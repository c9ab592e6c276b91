//! A [`Chart`] as a PNG: the SVG of [`super::svg`] rendered by resvg with the
//! embedded font only, so the picture is the same on every machine.

use resvg::{tiny_skia, usvg};

use super::{Chart, font, svg};

/// Why the PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the chart's SVG could not be read back: {0}")]
    /// The SVG did not parse.
    Svg(#[from] usvg::Error),
    #[error("the image would be {0} × {1} pixels, which is too large or empty")]
    /// Width and height out of range.
    Size(u32, u32),
    #[error("PNG encoding failed: {0}")]
    /// The encoder's message.
    Encode(String),
}

/// Renders the chart at `scale` device pixels per CSS pixel (2 suits print
/// and high-density screens).
pub fn render(chart: &Chart, scale: f32) -> Result<Vec<u8>, PngError> {
    render_svg(&svg::render(chart).svg, scale)
}

/// Renders an SVG document with the embedded font.
pub fn render_svg(svg_text: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options {
        fontdb: font::database(),
        font_family: font::FAMILY.into(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg_text, &options)?;
    let size = tree.size();
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    // 16k pixels a side is far beyond any chart and keeps memory bounded.
    if w == 0 || h == 0 || w > 16_384 || h > 16_384 {
        return Err(PngError::Size(w, h));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::Size(w, h))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
