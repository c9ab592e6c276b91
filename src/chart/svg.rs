//! A [`Chart`] as an SVG figure: title, subtitle, legend, axes with ticks
//! and labels, bars (estimates lighter and hatched, highlighted countries in
//! the highlight colour with bold names), lines, target and deadline lines,
//! claim markers, notes and the source line.
//!
//! The layout measures text with the embedded font ([`super::font`]), so the
//! PNG rendered from this SVG has no clipped or overlapping labels.

use std::fmt::Write;

use super::font::{FAMILY, text_width};
use super::palette::{self, hex, lighten};
use super::{Chart, ClaimAt, LegendSymbol, Orientation};
use crate::model::Rgb;

/// Width of every figure, in CSS pixels.
pub const WIDTH: f64 = 960.0;
const MARGIN: f64 = 28.0;
const TITLE_SIZE: f64 = 21.0;
const SUBTITLE_SIZE: f64 = 13.5;
const LABEL_SIZE: f64 = 12.5;
const TICK_SIZE: f64 = 11.5;
const NOTE_SIZE: f64 = 11.0;
const LEGEND_SIZE: f64 = 12.0;

/// An SVG document and its size in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub svg: String,
    pub width: f64,
    pub height: f64,
}

/// Draws the chart.
pub fn render(chart: &Chart) -> Figure {
    let mut out = Canvas::default();
    let mut y = MARGIN + TITLE_SIZE;
    out.text(
        MARGIN,
        y,
        &chart.title,
        TITLE_SIZE,
        true,
        palette::TEXT,
        Anchor::Start,
    );
    y += 8.0;
    for line in wrap(&chart.subtitle, WIDTH - 2.0 * MARGIN, SUBTITLE_SIZE) {
        y += SUBTITLE_SIZE + 5.0;
        out.text(
            MARGIN,
            y,
            &line,
            SUBTITLE_SIZE,
            false,
            palette::MUTED,
            Anchor::Start,
        );
    }
    y += 14.0;
    y = legend(&mut out, chart, y);
    y += 14.0;
    y = match chart.orientation {
        Orientation::HorizontalBars => bars(&mut out, chart, y),
        Orientation::TimeSeries => series(&mut out, chart, y),
    };
    y += 10.0;
    for note in &chart.notes {
        for line in wrap(note, WIDTH - 2.0 * MARGIN, NOTE_SIZE) {
            y += NOTE_SIZE + 4.0;
            out.text(
                MARGIN,
                y,
                &line,
                NOTE_SIZE,
                false,
                palette::MUTED,
                Anchor::Start,
            );
        }
    }
    y += 6.0;
    for line in wrap(&chart.source, WIDTH - 2.0 * MARGIN, NOTE_SIZE) {
        y += NOTE_SIZE + 4.0;
        out.text(
            MARGIN,
            y,
            &line,
            NOTE_SIZE,
            false,
            palette::TEXT,
            Anchor::Start,
        );
    }
    let height = (y + MARGIN).ceil();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" viewBox="0 0 {w} {height}" font-family="{FAMILY}, 'Helvetica Neue', Arial, sans-serif">
<title>{title}</title>
<desc>{desc}</desc>
<defs>
"#,
        w = WIDTH,
        title = esc(&chart.title),
        desc = esc(&chart.source),
    );
    for c in &out.hatches {
        let _ = writeln!(
            svg,
            r#"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{light}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{dark}" stroke-width="2.2"/></pattern>"#,
            id = hatch_id(*c),
            light = hex(lighten(*c, super::ESTIMATE_LIGHTEN)),
            dark = hex(lighten(*c, 0.2)),
        );
    }
    svg.push_str("</defs>\n");
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    svg.push_str(&out.body);
    svg.push_str("</svg>\n");
    Figure {
        svg,
        width: WIDTH,
        height,
    }
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Default)]
struct Canvas {
    body: String,
    /// Colours that need a hatch pattern.
    hatches: Vec<Rgb>,
}

impl Canvas {
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        bold: bool,
        color: Rgb,
        anchor: Anchor,
    ) {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}"{weight}{anchor} fill="{}">{}</text>"#,
            hex(color),
            esc(text)
        );
    }

    /// Text with a white outline under it, readable over grid and target lines.
    #[allow(clippy::too_many_arguments)]
    fn halo_text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        bold: bool,
        color: Rgb,
        anchor: Anchor,
    ) {
        let before = self.body.len();
        self.text(x, y, text, size, bold, color, anchor);
        let added = self.body.split_off(before);
        self.body.push_str(&added.replacen("<text ", r#"<text stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke" "#, 1));
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{fill}"/>"#,
            w.max(0.0)
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        color: Rgb,
        width: f64,
        dash: Option<&str>,
    ) {
        let dash = dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{}" stroke-width="{width}"{dash}/>"#,
            hex(color)
        );
    }

    fn hatch(&mut self, color: Rgb) -> String {
        if !self.hatches.contains(&color) {
            self.hatches.push(color);
        }
        format!("url(#{})", hatch_id(color))
    }

    fn diamond(&mut self, x: f64, y: f64, r: f64, color: Rgb) {
        let _ = writeln!(
            self.body,
            r#"<path d="M{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} Z" fill="{}" stroke="white" stroke-width="1.2"/>"#,
            x - r,
            y - r,
            x + r,
            y + r,
            hex(color)
        );
    }

    fn circle(&mut self, x: f64, y: f64, r: f64, fill: &str, stroke: Rgb, width: f64) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{fill}" stroke="{}" stroke-width="{width}"/>"#,
            hex(stroke)
        );
    }

    /// A small sample of a legend symbol in a 22 × 12 box at (x, y-top).
    fn symbol(&mut self, x: f64, y: f64, symbol: LegendSymbol, color: Rgb) {
        match symbol {
            LegendSymbol::Bar => self.rect(x, y, 22.0, 12.0, &hex(color)),
            LegendSymbol::EstimateBar => {
                let fill = self.hatch(color);
                self.rect(x, y, 22.0, 12.0, &fill);
            }
            LegendSymbol::Line => self.line(x, y + 6.0, x + 22.0, y + 6.0, color, 2.5, None),
            LegendSymbol::DashedLine => {
                self.line(x, y + 6.0, x + 22.0, y + 6.0, color, 2.0, Some("4 3"))
            }
            LegendSymbol::TargetLine => {
                self.line(x, y + 6.0, x + 22.0, y + 6.0, color, 1.6, Some("6 3"))
            }
            LegendSymbol::OpenMarker => self.circle(x + 11.0, y + 6.0, 4.0, "white", color, 2.0),
            LegendSymbol::ClaimMarker => self.diamond(x + 11.0, y + 6.0, 6.0, color),
        }
    }
}

fn hatch_id(c: Rgb) -> String {
    format!("hatch-{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The legend, entries flowing left to right and wrapping; returns the y
/// below it.
fn legend(out: &mut Canvas, chart: &Chart, top: f64) -> f64 {
    if chart.legend.is_empty() {
        return top;
    }
    let row_height = 20.0;
    let (mut x, mut y) = (MARGIN, top);
    for entry in &chart.legend {
        let w = 22.0 + 6.0 + text_width(&entry.label, LEGEND_SIZE, false) + 18.0;
        if x + w > WIDTH - MARGIN && x > MARGIN {
            x = MARGIN;
            y += row_height;
        }
        out.symbol(x, y, entry.symbol, entry.color);
        out.text(
            x + 28.0,
            y + 10.5,
            &entry.label,
            LEGEND_SIZE,
            false,
            palette::TEXT,
            Anchor::Start,
        );
        x += w;
    }
    y + row_height - 4.0
}

/// Horizontal bars, one row a category; returns the y below the axis label.
fn bars(out: &mut Canvas, chart: &Chart, top: f64) -> f64 {
    let n_series = chart.bar_series.len().max(1);
    let bar_h = if n_series == 1 { 15.0 } else { 13.0 };
    let row_h = bar_h * n_series as f64 + 8.0;
    let label_w = chart
        .categories
        .iter()
        .map(|c| text_width(&c.label, LABEL_SIZE, c.highlighted))
        .fold(0.0, f64::max);
    let value_w = chart
        .categories
        .iter()
        .flat_map(|c| &c.bars)
        .map(|b| text_width(&b.text, TICK_SIZE, false))
        .fold(0.0, f64::max);
    let claim_w = chart
        .claims
        .iter()
        .map(|c| text_width(&c.label, TICK_SIZE, true) + 16.0)
        .fold(0.0, f64::max);
    let left = MARGIN + label_w + 10.0;
    let right = WIDTH - MARGIN - value_w - 8.0 - claim_w;
    let axis = &chart.value_axis;
    let span = (axis.max - axis.min).max(f64::EPSILON);
    let sx = |v: f64| left + (v - axis.min) / span * (right - left);
    // Room above the first row for the target tags.
    let plot_top = top + if chart.targets.is_empty() { 0.0 } else { 18.0 };
    let plot_bottom = plot_top + row_h * chart.categories.len() as f64;
    if n_series > 1 {
        for (i, _) in chart
            .categories
            .iter()
            .enumerate()
            .filter(|(_, c)| c.highlighted)
        {
            let band = hex(palette::HIGHLIGHT_BAND);
            out.rect(
                MARGIN - 6.0,
                plot_top + row_h * i as f64,
                right - MARGIN + 6.0,
                row_h,
                &band,
            );
        }
    }
    for t in &axis.ticks {
        out.line(
            sx(t.value),
            plot_top,
            sx(t.value),
            plot_bottom,
            palette::GRID,
            1.0,
            None,
        );
    }
    // Target lines under the bars and their labels, which stay readable;
    // the gaps between rows show where each line runs.
    for t in &chart.targets {
        let x = sx(t.value);
        out.line(x, plot_top - 4.0, x, plot_bottom, t.color, 1.6, Some("6 3"));
        let tag = format!("{} %", crate::data::format_number(t.value, 0, 2));
        out.text(
            x,
            plot_top - 8.0,
            &tag,
            TICK_SIZE,
            true,
            t.color,
            Anchor::Middle,
        );
    }
    for (i, cat) in chart.categories.iter().enumerate() {
        let row_top = plot_top + row_h * i as f64;
        out.text(
            left - 8.0,
            row_top + row_h / 2.0 + 4.5,
            &cat.label,
            LABEL_SIZE,
            cat.highlighted,
            palette::TEXT,
            Anchor::End,
        );
        let mut row_right: f64 = 0.0;
        for (j, bar) in cat.bars.iter().enumerate() {
            let style = chart.bar_style(i, j);
            let color = style.color;
            let y = row_top + 4.0 + bar_h * j as f64;
            let (x0, x1) = (sx(bar.value.min(0.0)), sx(bar.value.max(0.0)));
            let fill = if style.hatched {
                out.hatch(color)
            } else {
                hex(style.fill)
            };
            out.rect(x0, y, x1 - x0, bar_h - 1.5, &fill);
            if style.hatched {
                // An outline keeps the lighter bar's end visible.
                let _ = writeln!(
                    out.body,
                    r#"<rect x="{x0:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{}" stroke-width="0.8"/>"#,
                    (x1 - x0).max(0.0),
                    bar_h - 1.5,
                    hex(color)
                );
            }
            let text_size = if n_series == 1 { TICK_SIZE } else { 10.5 };
            // A bar of zero length ("met") says less than one with a value.
            let text_color = if bar.value == 0.0 {
                palette::MUTED
            } else {
                palette::TEXT
            };
            out.halo_text(
                x1 + 4.0,
                y + bar_h / 2.0 + 3.5,
                &bar.text,
                text_size,
                cat.highlighted,
                text_color,
                Anchor::Start,
            );
            row_right = row_right.max(x1 + 4.0 + text_width(&bar.text, text_size, cat.highlighted));
        }
        for claim in chart.claims.iter().filter(|c| c.at == ClaimAt::Category(i)) {
            let x = sx(claim.claimed);
            let cy = row_top + row_h / 2.0;
            out.diamond(x, cy, 6.0, claim.color);
            let label_x = x.max(row_right) + 9.0;
            out.halo_text(
                label_x,
                cy + 4.0,
                &claim.label,
                TICK_SIZE,
                true,
                claim.color,
                Anchor::Start,
            );
        }
    }
    out.line(
        left,
        plot_bottom,
        right,
        plot_bottom,
        palette::MUTED,
        1.0,
        None,
    );
    for t in &axis.ticks {
        out.line(
            sx(t.value),
            plot_bottom,
            sx(t.value),
            plot_bottom + 4.0,
            palette::MUTED,
            1.0,
            None,
        );
        out.text(
            sx(t.value),
            plot_bottom + 17.0,
            &t.label,
            TICK_SIZE,
            false,
            palette::MUTED,
            Anchor::Middle,
        );
    }
    out.text(
        (left + right) / 2.0,
        plot_bottom + 36.0,
        &axis.label,
        LABEL_SIZE,
        false,
        palette::TEXT,
        Anchor::Middle,
    );
    plot_bottom + 40.0
}

/// Lines over the years; returns the y below the time axis.
fn series(out: &mut Canvas, chart: &Chart, top: f64) -> f64 {
    let Some(time) = &chart.time_axis else {
        return top;
    };
    let axis = &chart.value_axis;
    let tick_w = axis
        .ticks
        .iter()
        .map(|t| text_width(&t.label, TICK_SIZE, false))
        .fold(0.0, f64::max);
    let left = MARGIN + 22.0 + tick_w + 8.0;
    let target_w = chart
        .targets
        .iter()
        .map(|t| {
            text_width(
                &format!("{} %", crate::data::format_number(t.value, 0, 2)),
                TICK_SIZE,
                true,
            )
        })
        .fold(0.0, f64::max);
    // Without a deadline the last year is at the right edge: the line names
    // need room beyond it.
    let names_w = if chart.deadlines.is_empty() {
        chart
            .lines
            .iter()
            .map(|l| text_width(&l.name, 11.0, l.highlighted) + 10.0)
            .fold(0.0, f64::max)
    } else {
        0.0
    };
    let right = WIDTH - MARGIN - target_w.max(names_w) - 8.0;
    let plot_top = top + 10.0;
    let plot_bottom = plot_top + 400.0;
    let sx = |year: f64| {
        left + (year - time.min) / (time.max - time.min).max(f64::EPSILON) * (right - left)
    };
    let sy = |v: f64| {
        plot_bottom
            - (v - axis.min) / (axis.max - axis.min).max(f64::EPSILON) * (plot_bottom - plot_top)
    };
    for t in &axis.ticks {
        let y = sy(t.value);
        out.line(left, y, right, y, palette::GRID, 1.0, None);
        out.text(
            left - 6.0,
            y + 4.0,
            &t.label,
            TICK_SIZE,
            false,
            palette::MUTED,
            Anchor::End,
        );
    }
    for t in &time.ticks {
        let x = sx(t.value);
        out.line(
            x,
            plot_bottom,
            x,
            plot_bottom + 4.0,
            palette::MUTED,
            1.0,
            None,
        );
        out.text(
            x,
            plot_bottom + 17.0,
            &t.label,
            TICK_SIZE,
            false,
            palette::MUTED,
            Anchor::Middle,
        );
    }
    out.line(
        left,
        plot_bottom,
        right,
        plot_bottom,
        palette::MUTED,
        1.0,
        None,
    );
    // The value axis label, rotated along the left edge.
    let _ = writeln!(
        out.body,
        r#"<text transform="translate({:.1} {:.1}) rotate(-90)" font-size="{LABEL_SIZE}" text-anchor="middle" fill="{}">{}</text>"#,
        MARGIN + 10.0,
        (plot_top + plot_bottom) / 2.0,
        hex(palette::TEXT),
        esc(&axis.label)
    );
    for t in &chart.targets {
        let y = sy(t.value);
        out.line(left, y, right, y, t.color, 1.6, Some("6 3"));
        let tag = format!("{} %", crate::data::format_number(t.value, 0, 2));
        out.text(
            right + 6.0,
            y + 4.0,
            &tag,
            TICK_SIZE,
            true,
            t.color,
            Anchor::Start,
        );
    }
    for d in &chart.deadlines {
        let x = sx(f64::from(d.year));
        out.line(x, plot_top, x, plot_bottom, d.color, 1.6, Some("2 3"));
        out.text(
            x - 6.0,
            plot_top + 12.0,
            &d.label,
            TICK_SIZE,
            true,
            d.color,
            Anchor::End,
        );
    }
    // Highlighted lines last, so they are on top.
    let mut order: Vec<&super::Line> = chart.lines.iter().collect();
    order.sort_by_key(|l| l.highlighted);
    for line in order {
        let width = line.stroke_width();
        for seg in line.segments() {
            let (a, b) = (&line.points[seg.from], &line.points[seg.to]);
            out.line(
                sx(f64::from(a.year)),
                sy(a.value),
                sx(f64::from(b.year)),
                sy(b.value),
                line.color,
                width,
                seg.dashed.then_some("5 4"),
            );
        }
        for p in &line.points {
            let (x, y) = (sx(f64::from(p.year)), sy(p.value));
            if p.secondary {
                out.circle(x, y, 4.5, "white", line.color, 2.2);
            } else {
                out.circle(
                    x,
                    y,
                    if line.highlighted { 3.6 } else { 2.8 },
                    &hex(line.color),
                    line.color,
                    0.0,
                );
            }
        }
    }
    // Each line's name right of the last year drawn, at the height of its
    // last primary point, nudged apart so that close lines stay readable.
    let last_year = chart
        .lines
        .iter()
        .flat_map(|l| &l.points)
        .map(|p| p.year)
        .max()
        .unwrap_or(0);
    let mut labels: Vec<(f64, &super::Line)> = chart
        .lines
        .iter()
        .filter_map(|l| {
            l.points
                .iter()
                .rev()
                .find(|p| !p.secondary)
                .map(|p| (sy(p.value) + 4.0, l))
        })
        .collect();
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    for i in 1..labels.len() {
        labels[i].0 = labels[i].0.max(labels[i - 1].0 + 13.0);
    }
    let label_x = sx(f64::from(last_year)) + 9.0;
    for (y, line) in labels {
        out.halo_text(
            label_x,
            y,
            &line.name,
            11.0,
            line.highlighted,
            line.color,
            Anchor::Start,
        );
    }
    for claim in &chart.claims {
        if let ClaimAt::Year(year) = claim.at {
            let (x, y) = (sx(f64::from(year)), sy(claim.claimed));
            out.diamond(x, y, 6.5, claim.color);
            out.halo_text(
                x - 10.0,
                y + 4.0,
                &claim.label,
                TICK_SIZE,
                true,
                claim.color,
                Anchor::End,
            );
        }
    }
    if !time.label.is_empty() {
        out.text(
            (left + right) / 2.0,
            plot_bottom + 36.0,
            &time.label,
            LABEL_SIZE,
            false,
            palette::TEXT,
            Anchor::Middle,
        );
        plot_bottom + 40.0
    } else {
        plot_bottom + 22.0
    }
}

/// Greedy word wrap to a width in pixels.
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size, false) > width && !current.is_empty() {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
