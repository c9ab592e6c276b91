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
use super::{Axis, Chart, ClaimAt, LegendSymbol, Orientation, Tick};
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
/// Size of the line names at the right end of a series chart.
const LINE_NAME_SIZE: f64 = 11.0;

/// An SVG document and its size in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The whole SVG document, XML declaration included.
    pub svg: String,
    /// Width in CSS pixels (always [`WIDTH`]).
    pub width: f64,
    /// Height in CSS pixels: as tall as the content needs.
    pub height: f64,
}

/// Draws the chart: heading and legend, the plot, then notes and source,
/// each below the last.
pub fn render(chart: &Chart) -> Figure {
    let mut out = Canvas::default();
    let y = heading(&mut out, chart);
    let y = match chart.orientation {
        Orientation::HorizontalBars => bars(&mut out, chart, y),
        Orientation::TimeSeries => series(&mut out, chart, y),
    };
    let y = footer(&mut out, chart, y + 10.0);
    let height = (y + MARGIN).ceil();
    Figure {
        svg: document(chart, &out, height),
        width: WIDTH,
        height,
    }
}

/// Title, wrapped subtitle and legend; returns the y where the plot starts.
fn heading(out: &mut Canvas, chart: &Chart) -> f64 {
    let mut y = MARGIN + TITLE_SIZE;
    let title = TextStyle::new(TITLE_SIZE, palette::TEXT).bold(true);
    out.text(MARGIN, y, &chart.title, title);
    y += 8.0;
    let subtitle = TextStyle::new(SUBTITLE_SIZE, palette::MUTED);
    y = paragraph(out, y, &chart.subtitle, subtitle, 5.0);
    y += 14.0;
    y = legend(out, chart, y);
    y + 14.0
}

/// The notes, then the source line, below the plot; returns the y of the
/// last line's baseline.
fn footer(out: &mut Canvas, chart: &Chart, top: f64) -> f64 {
    let mut y = top;
    for note in &chart.notes {
        y = paragraph(out, y, note, TextStyle::new(NOTE_SIZE, palette::MUTED), 4.0);
    }
    y += 6.0;
    let source = TextStyle::new(NOTE_SIZE, palette::TEXT);
    paragraph(out, y, &chart.source, source, 4.0)
}

/// Text wrapped to the page width, a line every `style.size + leading`
/// pixels below `y`; returns the last line's baseline.
fn paragraph(out: &mut Canvas, mut y: f64, text: &str, style: TextStyle, leading: f64) -> f64 {
    for line in wrap(text, WIDTH - 2.0 * MARGIN, style.size) {
        y += style.size + leading;
        out.text(MARGIN, y, &line, style);
    }
    y
}

/// The SVG document around the drawn body: its size, title and description
/// for screen readers, and the hatch patterns the estimate bars use.
fn document(chart: &Chart, out: &Canvas, height: f64) -> String {
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
    svg
}

/// Which end of a text stands at its x.
#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// How a run of text is set: size, weight, colour and anchor.
#[derive(Clone, Copy)]
struct TextStyle {
    size: f64,
    bold: bool,
    color: Rgb,
    anchor: Anchor,
}

impl TextStyle {
    /// Regular weight, starting at x.
    fn new(size: f64, color: Rgb) -> Self {
        Self {
            size,
            bold: false,
            color,
            anchor: Anchor::Start,
        }
    }

    /// The same, bold when `bold` is true.
    fn bold(self, bold: bool) -> Self {
        Self { bold, ..self }
    }

    /// The same with another anchor.
    fn anchored(self, anchor: Anchor) -> Self {
        Self { anchor, ..self }
    }
}

/// The SVG body drawn so far and the hatch patterns it refers to.
#[derive(Default)]
struct Canvas {
    body: String,
    /// Colours that need a hatch pattern.
    hatches: Vec<Rgb>,
}

impl Canvas {
    /// Text at (x, baseline y).
    fn text(&mut self, x: f64, y: f64, text: &str, style: TextStyle) {
        let anchor = match style.anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let weight = if style.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{}"{weight}{anchor} fill="{}">{}</text>"#,
            style.size,
            hex(style.color),
            esc(text)
        );
    }

    /// Text with a white outline under it, readable over grid and target lines.
    fn halo_text(&mut self, x: f64, y: f64, text: &str, style: TextStyle) {
        let before = self.body.len();
        self.text(x, y, text, style);
        let added = self.body.split_off(before);
        self.body.push_str(&added.replacen("<text ", r#"<text stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke" "#, 1));
    }

    /// A filled rectangle; a negative width draws nothing.
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{fill}"/>"#,
            w.max(0.0)
        );
    }

    #[allow(clippy::too_many_arguments)]
    /// A straight line, dashed when `dash` is given.
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

    /// The fill of a hatched bar in `color`, defining its pattern once.
    fn hatch(&mut self, color: Rgb) -> String {
        if !self.hatches.contains(&color) {
            self.hatches.push(color);
        }
        format!("url(#{})", hatch_id(color))
    }

    /// A claim marker centred at (x, y).
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

    /// A point marker.
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

/// The id of the hatch pattern of a colour.
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
        let style = TextStyle::new(LEGEND_SIZE, palette::TEXT);
        out.text(x + 28.0, y + 10.5, &entry.label, style);
        x += w;
    }
    y + row_height - 4.0
}

/// A target line's tag: "3.5 %".
fn target_tag(value: f64) -> String {
    format!("{} %", crate::data::format_number(value, 0, 2))
}

/// Tick marks and their labels under a horizontal axis at `bottom`, each
/// tick at `x_of(tick.value)`.
fn ticks_below(out: &mut Canvas, ticks: &[Tick], x_of: impl Fn(f64) -> f64, bottom: f64) {
    let style = TextStyle::new(TICK_SIZE, palette::MUTED).anchored(Anchor::Middle);
    for t in ticks {
        let x = x_of(t.value);
        out.line(x, bottom, x, bottom + 4.0, palette::MUTED, 1.0, None);
        out.text(x, bottom + 17.0, &t.label, style);
    }
}

/// The name of a horizontal axis, centred under its tick labels.
fn axis_title_below(out: &mut Canvas, left: f64, right: f64, bottom: f64, title: &str) {
    let style = TextStyle::new(LABEL_SIZE, palette::TEXT).anchored(Anchor::Middle);
    out.text((left + right) / 2.0, bottom + 36.0, title, style);
}

/// Where a bar chart's rows and value scale sit on the page.
struct BarLayout<'a> {
    axis: &'a Axis,
    /// Bar series a row: one bar each.
    n_series: usize,
    bar_h: f64,
    row_h: f64,
    /// The x of the value axis's minimum and maximum.
    left: f64,
    right: f64,
    plot_top: f64,
    plot_bottom: f64,
}

impl<'a> BarLayout<'a> {
    /// Leaves room left of the plot for the longest category label and right
    /// of it for the longest value text and claim label.
    fn new(chart: &'a Chart, top: f64) -> Self {
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
        // Room above the first row for the target tags.
        let plot_top = top + if chart.targets.is_empty() { 0.0 } else { 18.0 };
        Self {
            axis: &chart.value_axis,
            n_series,
            bar_h,
            row_h,
            left: MARGIN + label_w + 10.0,
            right: WIDTH - MARGIN - value_w - 8.0 - claim_w,
            plot_top,
            plot_bottom: plot_top + row_h * chart.categories.len() as f64,
        }
    }

    /// The x of a value.
    fn x(&self, value: f64) -> f64 {
        let span = (self.axis.max - self.axis.min).max(f64::EPSILON);
        self.left + (value - self.axis.min) / span * (self.right - self.left)
    }

    /// The top of row `i`.
    fn row_top(&self, i: usize) -> f64 {
        self.plot_top + self.row_h * i as f64
    }
}

/// Horizontal bars, one row a category; returns the y below the axis label.
fn bars(out: &mut Canvas, chart: &Chart, top: f64) -> f64 {
    let layout = BarLayout::new(chart, top);
    if layout.n_series > 1 {
        highlight_bands(out, chart, &layout);
    }
    bar_grid_and_targets(out, chart, &layout);
    for i in 0..chart.categories.len() {
        let row_right = bar_row(out, chart, &layout, i);
        row_claims(out, chart, &layout, i, row_right);
    }
    let (left, right, bottom) = (layout.left, layout.right, layout.plot_bottom);
    out.line(left, bottom, right, bottom, palette::MUTED, 1.0, None);
    ticks_below(out, &layout.axis.ticks, |v| layout.x(v), bottom);
    axis_title_below(out, left, right, bottom, &layout.axis.label);
    bottom + 40.0
}

/// With several bars a row, colour can't mark the highlighted countries: a
/// band behind their rows does.
fn highlight_bands(out: &mut Canvas, chart: &Chart, layout: &BarLayout) {
    let band = hex(palette::HIGHLIGHT_BAND);
    for (i, _) in chart
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.highlighted)
    {
        let width = layout.right - MARGIN + 6.0;
        out.rect(MARGIN - 6.0, layout.row_top(i), width, layout.row_h, &band);
    }
}

/// The grid, then the target lines with their tags above the first row;
/// both under the bars, whose gaps between rows show where each line runs.
fn bar_grid_and_targets(out: &mut Canvas, chart: &Chart, layout: &BarLayout) {
    let (top, bottom) = (layout.plot_top, layout.plot_bottom);
    for t in &layout.axis.ticks {
        let x = layout.x(t.value);
        out.line(x, top, x, bottom, palette::GRID, 1.0, None);
    }
    for t in &chart.targets {
        let x = layout.x(t.value);
        out.line(x, top - 4.0, x, bottom, t.color, 1.6, Some("6 3"));
        let style = TextStyle::new(TICK_SIZE, t.color)
            .bold(true)
            .anchored(Anchor::Middle);
        out.text(x, top - 8.0, &target_tag(t.value), style);
    }
}

/// Row `i`: its label and its bars with their value texts; returns the x
/// where the rightmost value text ends.
fn bar_row(out: &mut Canvas, chart: &Chart, layout: &BarLayout, i: usize) -> f64 {
    let cat = &chart.categories[i];
    let row_top = layout.row_top(i);
    let label = TextStyle::new(LABEL_SIZE, palette::TEXT)
        .bold(cat.highlighted)
        .anchored(Anchor::End);
    out.text(
        layout.left - 8.0,
        row_top + layout.row_h / 2.0 + 4.5,
        &cat.label,
        label,
    );
    let bar_h = layout.bar_h;
    let text_size = if layout.n_series == 1 {
        TICK_SIZE
    } else {
        10.5
    };
    let mut row_right: f64 = 0.0;
    for (j, bar) in cat.bars.iter().enumerate() {
        let style = chart.bar_style(i, j);
        let color = style.color;
        let y = row_top + 4.0 + bar_h * j as f64;
        let (x0, x1) = (layout.x(bar.value.min(0.0)), layout.x(bar.value.max(0.0)));
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
        // A bar of zero length ("met") says less than one with a value.
        let text_color = if bar.value == 0.0 {
            palette::MUTED
        } else {
            palette::TEXT
        };
        let value = TextStyle::new(text_size, text_color).bold(cat.highlighted);
        out.halo_text(x1 + 4.0, y + bar_h / 2.0 + 3.5, &bar.text, value);
        row_right = row_right.max(x1 + 4.0 + text_width(&bar.text, text_size, cat.highlighted));
    }
    row_right
}

/// The claims about row `i`: a diamond at the claimed value and its label
/// right of both the diamond and the row's value texts.
fn row_claims(out: &mut Canvas, chart: &Chart, layout: &BarLayout, i: usize, row_right: f64) {
    for claim in chart.claims.iter().filter(|c| c.at == ClaimAt::Category(i)) {
        let x = layout.x(claim.claimed);
        let cy = layout.row_top(i) + layout.row_h / 2.0;
        out.diamond(x, cy, 6.0, claim.color);
        let style = TextStyle::new(TICK_SIZE, claim.color).bold(true);
        out.halo_text(x.max(row_right) + 9.0, cy + 4.0, &claim.label, style);
    }
}

/// Where a series chart's plot sits on the page and how years and values
/// map onto it.
struct SeriesLayout<'a> {
    time: &'a Axis,
    values: &'a Axis,
    left: f64,
    right: f64,
    plot_top: f64,
    plot_bottom: f64,
}

impl<'a> SeriesLayout<'a> {
    /// Leaves room left of the plot for the tick labels and the rotated
    /// axis name, and right of it for target tags and line names.
    fn new(chart: &'a Chart, time: &'a Axis, top: f64) -> Self {
        let values = &chart.value_axis;
        let tick_w = values
            .ticks
            .iter()
            .map(|t| text_width(&t.label, TICK_SIZE, false))
            .fold(0.0, f64::max);
        let target_w = chart
            .targets
            .iter()
            .map(|t| text_width(&target_tag(t.value), TICK_SIZE, true))
            .fold(0.0, f64::max);
        // Without a deadline the last year is at the right edge: the line names
        // need room beyond it.
        let names_w = if chart.deadlines.is_empty() {
            chart
                .lines
                .iter()
                .map(|l| text_width(&l.name, LINE_NAME_SIZE, l.highlighted) + 10.0)
                .fold(0.0, f64::max)
        } else {
            0.0
        };
        let plot_top = top + 10.0;
        Self {
            time,
            values,
            left: MARGIN + 22.0 + tick_w + 8.0,
            right: WIDTH - MARGIN - target_w.max(names_w) - 8.0,
            plot_top,
            plot_bottom: plot_top + 400.0,
        }
    }

    /// The x of a year.
    fn x(&self, year: f64) -> f64 {
        let span = (self.time.max - self.time.min).max(f64::EPSILON);
        self.left + (year - self.time.min) / span * (self.right - self.left)
    }

    /// The y of a value.
    fn y(&self, value: f64) -> f64 {
        let span = (self.values.max - self.values.min).max(f64::EPSILON);
        self.plot_bottom - (value - self.values.min) / span * (self.plot_bottom - self.plot_top)
    }
}

/// Lines over the years; returns the y below the time axis.
fn series(out: &mut Canvas, chart: &Chart, top: f64) -> f64 {
    let Some(time) = &chart.time_axis else {
        return top;
    };
    let layout = SeriesLayout::new(chart, time, top);
    series_axes(out, &layout);
    series_targets_and_deadlines(out, chart, &layout);
    // Highlighted lines last, so they are on top.
    let mut order: Vec<&super::Line> = chart.lines.iter().collect();
    order.sort_by_key(|l| l.highlighted);
    for line in order {
        draw_line(out, line, &layout);
    }
    line_names(out, chart, &layout);
    for claim in &chart.claims {
        if let ClaimAt::Year(year) = claim.at {
            let (x, y) = (layout.x(f64::from(year)), layout.y(claim.claimed));
            out.diamond(x, y, 6.5, claim.color);
            let style = TextStyle::new(TICK_SIZE, claim.color)
                .bold(true)
                .anchored(Anchor::End);
            out.halo_text(x - 10.0, y + 4.0, &claim.label, style);
        }
    }
    let (left, right, bottom) = (layout.left, layout.right, layout.plot_bottom);
    if time.label.is_empty() {
        bottom + 22.0
    } else {
        axis_title_below(out, left, right, bottom, &time.label);
        bottom + 40.0
    }
}

/// The value grid with its labels, the year ticks, the time axis and the
/// value axis's name rotated along the left edge.
fn series_axes(out: &mut Canvas, layout: &SeriesLayout) {
    let (left, right, bottom) = (layout.left, layout.right, layout.plot_bottom);
    let value_label = TextStyle::new(TICK_SIZE, palette::MUTED).anchored(Anchor::End);
    for t in &layout.values.ticks {
        let y = layout.y(t.value);
        out.line(left, y, right, y, palette::GRID, 1.0, None);
        out.text(left - 6.0, y + 4.0, &t.label, value_label);
    }
    ticks_below(out, &layout.time.ticks, |year| layout.x(year), bottom);
    out.line(left, bottom, right, bottom, palette::MUTED, 1.0, None);
    let _ = writeln!(
        out.body,
        r#"<text transform="translate({:.1} {:.1}) rotate(-90)" font-size="{LABEL_SIZE}" text-anchor="middle" fill="{}">{}</text>"#,
        MARGIN + 10.0,
        (layout.plot_top + bottom) / 2.0,
        hex(palette::TEXT),
        esc(&layout.values.label)
    );
}

/// Target lines across the plot with their tags at the right, and the
/// deadlines as vertical lines named at the top.
fn series_targets_and_deadlines(out: &mut Canvas, chart: &Chart, layout: &SeriesLayout) {
    let (left, right) = (layout.left, layout.right);
    for t in &chart.targets {
        let y = layout.y(t.value);
        out.line(left, y, right, y, t.color, 1.6, Some("6 3"));
        let style = TextStyle::new(TICK_SIZE, t.color).bold(true);
        out.text(right + 6.0, y + 4.0, &target_tag(t.value), style);
    }
    let (top, bottom) = (layout.plot_top, layout.plot_bottom);
    for d in &chart.deadlines {
        let x = layout.x(f64::from(d.year));
        out.line(x, top, x, bottom, d.color, 1.6, Some("2 3"));
        let style = TextStyle::new(TICK_SIZE, d.color)
            .bold(true)
            .anchored(Anchor::End);
        out.text(x - 6.0, top + 12.0, &d.label, style);
    }
}

/// One line: its segments (dashed towards estimates), its points filled and
/// other sources' points open.
fn draw_line(out: &mut Canvas, line: &super::Line, layout: &SeriesLayout) {
    let width = line.stroke_width();
    let at = |p: &super::Point| (layout.x(f64::from(p.year)), layout.y(p.value));
    for seg in line.segments() {
        let ((x1, y1), (x2, y2)) = (at(&line.points[seg.from]), at(&line.points[seg.to]));
        let dash = seg.dashed.then_some("5 4");
        out.line(x1, y1, x2, y2, line.color, width, dash);
    }
    let radius = if line.highlighted { 3.6 } else { 2.8 };
    for p in &line.points {
        let (x, y) = at(p);
        if p.secondary {
            out.circle(x, y, 4.5, "white", line.color, 2.2);
        } else {
            out.circle(x, y, radius, &hex(line.color), line.color, 0.0);
        }
    }
}

/// Each line's name right of the last year drawn, at the height of its
/// last primary point, nudged apart so that close lines stay readable.
fn line_names(out: &mut Canvas, chart: &Chart, layout: &SeriesLayout) {
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
                .map(|p| (layout.y(p.value) + 4.0, l))
        })
        .collect();
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    for i in 1..labels.len() {
        labels[i].0 = labels[i].0.max(labels[i - 1].0 + 13.0);
    }
    let label_x = layout.x(f64::from(last_year)) + 9.0;
    for (y, line) in labels {
        let style = TextStyle::new(LINE_NAME_SIZE, line.color).bold(line.highlighted);
        out.halo_text(label_x, y, &line.name, style);
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
