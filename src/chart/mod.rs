//! Spending charts as plain data, and the files they are exported to.
//!
//! [`build`] turns the datasets, a [`ChartKind`] and [`ChartOptions`] into a
//! [`Chart`]: bars with their labels, values, estimate flags and highlights,
//! line series, target lines, deadline markers, claim markers, title, axis
//! labels, notes and the source line. The GUI draws that model with
//! egui_plot, and [`svg`], [`png`] and [`table`] write it to files, so the
//! window and the exported figure show the same thing.
//!
//! Coordinates are in data units: years on the time axis, percent on the
//! value axis. Bar charts list their categories top to bottom; a renderer
//! puts category `i` at row `i`.
//!
//! Drawing a chart elsewhere (the GUI's egui_plot code) takes, for
//! [`Orientation::HorizontalBars`]: each [`Category`]'s bars at
//! [`Chart::bar_slot`] with [`Chart::bar_style`] colours, the value text of
//! each [`Bar`], highlighted rows' labels in bold, [`TargetLine`]s as
//! vertical lines, [`ClaimMarker`]s with [`ClaimAt::Category`] as diamonds
//! at the claimed value; for [`Orientation::TimeSeries`]: each [`Line`]'s
//! [`Line::segments`] (dashed into estimates) and points (secondary ones as
//! open markers, not joined), [`TargetLine`]s as horizontal lines,
//! [`Deadline`]s as vertical ones and claims at [`ClaimAt::Year`]. Title,
//! subtitle, [`Chart::legend`], [`Chart::notes`] and [`Chart::source`] go
//! around the plot as text.

mod build;
pub mod font;
pub mod png;
mod scale;
pub mod svg;
pub mod table;

pub use build::{ChartError, build};

use crate::model::Rgb;

/// The kinds of chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Every ally's share of GDP for one year, ranked, with target lines.
    Bars,
    /// Shares of GDP over the years for chosen countries, with target lines
    /// and the 2035 deadline.
    Series,
    /// Every ally's equipment share for one year against the 20 % guideline.
    Equipment,
    /// For each ally, the gap to each target and the yearly increase needed
    /// to close it by the deadline.
    Gap,
    /// NATO's figures beside an imported file's, same countries and year.
    Compare,
    /// One or a few countries' shares of GDP as printed in each edition,
    /// side by side: how the estimates moved.
    Revisions,
}

impl ChartKind {
    /// Every kind, in the order the GUI offers them.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Bars,
        ChartKind::Series,
        ChartKind::Equipment,
        ChartKind::Gap,
        ChartKind::Compare,
        ChartKind::Revisions,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Bars => "bars",
            ChartKind::Series => "series",
            ChartKind::Equipment => "equipment",
            ChartKind::Gap => "gap",
            ChartKind::Compare => "compare",
            ChartKind::Revisions => "revisions",
        }
    }

    /// The kind named `s` on the command line (any case).
    pub fn parse(s: &str) -> Option<ChartKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
    }
}

/// Which dataset a bar or line chart plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Plotted {
    /// NATO's figures.
    #[default]
    Nato,
    /// The imported file's figures, against the same targets.
    Imported,
}

/// A spending claim to mark on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimInput {
    /// Name or ISO3 code.
    pub country: String,
    /// The year the claim is about; the article's year when `None`.
    pub year: Option<i32>,
    /// Percent of GDP.
    pub value: f64,
    /// The article's publication date, which picks the edition the claim is
    /// checked against at the time.
    pub published: Option<String>,
}

impl ClaimInput {
    /// The claim of a claim annotation, if it is a share of GDP (the only
    /// unit NATO's table can check).
    pub fn from_annotation(kind: &crate::model::AnnotationKind) -> Option<ClaimInput> {
        match kind {
            crate::model::AnnotationKind::Claim {
                country,
                iso3,
                year,
                value,
                unit: crate::model::ClaimUnit::PctGdp,
                ..
            } => Some(ClaimInput {
                country: iso3.clone().unwrap_or_else(|| country.clone()),
                year: *year,
                value: *value,
                published: None,
            }),
            _ => None,
        }
    }
}

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartOptions {
    /// What to draw.
    pub kind: ChartKind,
    /// The year of bar charts; the latest year with figures if `None`.
    pub year: Option<i32>,
    /// Countries (names or ISO3 codes): the lines of a series chart, a filter
    /// for bar charts (all allies when empty).
    pub countries: Vec<String>,
    /// Target lines in % of GDP to show, among the targets' values (2, 3.5,
    /// 5). Equipment charts always show the 20 % guideline.
    pub targets: Vec<f64>,
    /// Countries the article mentions, drawn emphasised.
    pub highlight: Vec<String>,
    /// Claims to mark and check against the plotted edition.
    pub claims: Vec<ClaimInput>,
    /// The edition plotted (an id, name, year or file name); the latest if
    /// `None`. Revisions charts show every edition.
    pub edition: Option<String>,
    /// Whose figures the bars or lines show.
    pub plotted: Plotted,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            kind: ChartKind::Bars,
            year: None,
            countries: Vec::new(),
            targets: vec![2.0, 3.5, 5.0],
            highlight: Vec::new(),
            claims: Vec::new(),
            edition: None,
            plotted: Plotted::Nato,
        }
    }
}

/// A chart, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// What was drawn.
    pub kind: ChartKind,
    /// The heading, naming the year and edition.
    pub title: String,
    /// The line under the title: the unit and what the chart counts.
    pub subtitle: String,
    /// Bars run horizontally (categories down the side) or lines run along
    /// the time axis.
    pub orientation: Orientation,
    /// The value axis: horizontal for bar charts, vertical for series.
    pub value_axis: Axis,
    /// The year axis of series charts.
    pub time_axis: Option<Axis>,
    /// Bar rows, top to bottom.
    pub categories: Vec<Category>,
    /// The bar colours and their legend names.
    pub bar_series: Vec<BarSeries>,
    /// Series lines, one a country (or a country and edition).
    pub lines: Vec<Line>,
    /// Target lines across the plot.
    pub targets: Vec<TargetLine>,
    /// Vertical markers on the time axis (the 2035 deadline).
    pub deadlines: Vec<Deadline>,
    /// Claims marked at their claimed value.
    pub claims: Vec<ClaimMarker>,
    /// Legend entries, in order.
    pub legend: Vec<LegendEntry>,
    /// Footnotes (estimates, caveats).
    pub notes: Vec<String>,
    /// "Source: ..." line.
    pub source: String,
    /// The plotted figures, for the CSV export.
    pub rows: Vec<DataRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// How the chart runs.
pub enum Orientation {
    /// Bars run horizontally, a category a row.
    HorizontalBars,
    /// Lines run along the time axis.
    TimeSeries,
}

/// An axis: its label, range and ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The axis's name, with its unit.
    pub label: String,
    /// The value at the axis's start.
    pub min: f64,
    /// The value at the axis's end.
    pub max: f64,
    /// The labelled values, in order.
    pub ticks: Vec<Tick>,
}

#[derive(Clone, Debug, PartialEq)]
/// A labelled value on an axis.
pub struct Tick {
    /// Where the tick sits, in data units.
    pub value: f64,
    /// Its label ("2", "2024").
    pub label: String,
}

/// How much lighter an estimate's bar is than a final figure's (mixed with
/// white by this share).
pub const ESTIMATE_LIGHTEN: f32 = 0.62;

/// How to paint one bar; the SVG and the GUI both take it from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarStyle {
    /// The series colour (or the highlight colour): outline and hatching.
    pub color: Rgb,
    /// The fill: `color`, or a lighter shade for estimates.
    pub fill: Rgb,
    /// Estimates are hatched in the SVG; a GUI without patterns uses the
    /// lighter `fill` with a `color` outline.
    pub hatched: bool,
}

impl Chart {
    /// The style of bar `bar` of category `category`.
    pub fn bar_style(&self, category: usize, bar: usize) -> BarStyle {
        let cat = self.categories.get(category);
        let b = cat.and_then(|c| c.bars.get(bar));
        let series = b.and_then(|b| self.bar_series.get(b.series));
        let highlighted = cat.is_some_and(|c| c.highlighted);
        let color = match series {
            Some(s) if highlighted && self.bar_series.len() == 1 => s.highlight_color,
            Some(s) => s.color,
            None => palette::BAR,
        };
        let estimate = b.is_some_and(|b| b.estimate);
        let fill = if estimate {
            palette::lighten(color, ESTIMATE_LIGHTEN)
        } else {
            color
        };
        BarStyle {
            color,
            fill,
            hatched: estimate,
        }
    }

    /// Where bar `bar` of a row sits, in row units: the offset of its centre
    /// from the row's centre (downwards positive) and its thickness. Rows are
    /// one unit apart, so an egui_plot horizontal bar of category `i` goes at
    /// `-(i as f64) - offset` with width `thickness`, as the SVG draws it.
    pub fn bar_slot(&self, bar: usize) -> (f64, f64) {
        let n = self.bar_series.len().max(1) as f64;
        let thickness = 0.8 / n;
        let offset = -0.4 + thickness * (bar as f64 + 0.5);
        (offset, thickness * 0.9)
    }
}

/// A row of a bar chart: a country and its bars.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// The country's name as the source spells it.
    pub label: String,
    /// The country's ISO3 code.
    pub iso3: String,
    /// The article mentions the country.
    pub highlighted: bool,
    /// One bar per bar series, in series order.
    pub bars: Vec<Bar>,
}

#[derive(Clone, Debug, PartialEq)]
/// One bar of a row.
pub struct Bar {
    /// Index into [`Chart::bar_series`].
    pub series: usize,
    /// Its length, in the value axis's unit.
    pub value: f64,
    /// The value label drawn at the bar's end ("3.26", "met").
    pub text: String,
    /// The source marks the figure as an estimate: drawn lighter and hatched.
    pub estimate: bool,
    /// From a secondary source (a third party's read of NATO's file).
    pub secondary: bool,
}

#[derive(Clone, Debug, PartialEq)]
/// A series of bars: one bar in every row, one colour, one legend entry.
pub struct BarSeries {
    /// The legend name ("NATO (Jul 2026 edition)").
    pub name: String,
    /// The bars' colour.
    pub color: Rgb,
    /// The colour of highlighted countries' bars when the chart has a single
    /// series; with several, highlighted rows get a
    /// [`palette::HIGHLIGHT_BAND`] background instead.
    pub highlight_color: Rgb,
}

/// A country's line over the years.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The name drawn at the line's end and in the legend.
    pub name: String,
    /// The country's ISO3 code.
    pub iso3: String,
    /// The line's colour.
    pub color: Rgb,
    /// Drawn thicker and on top (the article mentions the country, or the newest edition).
    pub highlighted: bool,
    /// By year.
    pub points: Vec<Point>,
}

#[derive(Clone, Debug, PartialEq)]
/// One year's figure on a line.
pub struct Point {
    /// The year the figure is for.
    pub year: i32,
    /// The figure.
    pub value: f64,
    /// The figure as the source prints it.
    pub text: String,
    /// The source marks it as an estimate: the stretch into it is dashed.
    pub estimate: bool,
    /// From another source than the line's: drawn as an open marker, not
    /// joined to the line, because editions revise earlier years.
    pub secondary: bool,
}

/// A stretch of a line between two points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Index of the earlier point in [`Line::points`].
    pub from: usize,
    /// Index of the later point.
    pub to: usize,
    /// The later point is an estimate.
    pub dashed: bool,
}

impl Line {
    /// Highlighted countries' lines are drawn thicker.
    pub fn stroke_width(&self) -> f64 {
        if self.highlighted { 3.4 } else { 2.2 }
    }

    /// The stretches to draw: consecutive years of primary figures, dashed
    /// where they run into an estimate.
    pub fn segments(&self) -> Vec<Segment> {
        self.points
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w[1].year == w[0].year + 1 && !w[0].secondary && !w[1].secondary)
            .map(|(i, w)| Segment {
                from: i,
                to: i + 1,
                dashed: w[1].estimate,
            })
            .collect()
    }
}

/// A horizontal (series) or vertical (bars) line at a target value.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetLine {
    /// The target, in the value axis's unit.
    pub value: f64,
    /// "3.5 % core, by 2035 (The Hague 2025)".
    pub label: String,
    /// The line's colour: grey for 2 %, red for core, purple for the total.
    pub color: Rgb,
    /// The year the target is to be met by, if it has one.
    pub deadline: Option<i32>,
    /// Ids in targets.json.
    pub target_ids: Vec<String>,
}

/// A year marked on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    /// The deadline's year.
    pub year: i32,
    /// "2035: deadline of The Hague 2025".
    pub label: String,
    /// The line's colour.
    pub color: Rgb,
}

/// Where a claim is marked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ClaimAt {
    /// On the row of this category (bar charts).
    Category(usize),
    /// At this year (series).
    Year(i32),
}

/// A claimed value beside the official one.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimMarker {
    /// Where the marker goes.
    pub at: ClaimAt,
    /// The country the claim is about.
    pub iso3: String,
    /// The claimed value (% of GDP).
    pub claimed: f64,
    /// The plotted edition's figure for the same country and year, if any.
    pub official: Option<f64>,
    /// Short label drawn next to the marker ("claimed 4.0 %").
    pub label: String,
    /// The claim check's sentence, for tooltips.
    pub detail: String,
    /// The marker's colour.
    pub color: Rgb,
}

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// What the symbol stands for.
    pub label: String,
    /// The symbol's colour.
    pub color: Rgb,
    /// The sample drawn before the label.
    pub symbol: LegendSymbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// The sample a legend entry draws.
pub enum LegendSymbol {
    /// A filled bar.
    Bar,
    /// A lighter, hatched bar.
    EstimateBar,
    /// A solid line.
    Line,
    /// A dashed line (estimates).
    DashedLine,
    /// A target or deadline line.
    TargetLine,
    /// An open circle (another source's figure).
    OpenMarker,
    /// A diamond (a claim).
    ClaimMarker,
}

/// One plotted figure, as the CSV export writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct DataRow {
    /// The country's name as the source spells it.
    pub country: String,
    /// The country's ISO3 code.
    pub iso3: String,
    /// The year the figure is for.
    pub year: i32,
    /// The value as printed by the source, or as computed.
    pub value: String,
    /// The unit ("pct_gdp", "pp_gap_to_2pct").
    pub unit: String,
    /// The source marks the figure (or the one it is computed from) as an estimate.
    pub estimate: bool,
    /// The source and edition, or "computed from" them.
    pub source: String,
}

/// Colours shared by every renderer.
pub mod palette {
    use crate::model::Rgb;

    /// NATO's bars.
    pub const BAR: Rgb = Rgb(0x3b, 0x6e, 0xa8);
    /// NATO's bars of countries the article mentions.
    pub const BAR_HIGHLIGHT: Rgb = Rgb(0xe0, 0x7a, 0x1f);
    /// The imported file's bars.
    pub const IMPORTED: Rgb = Rgb(0x8c, 0x9c, 0x3a);
    /// The imported file's bars of countries the article mentions.
    pub const IMPORTED_HIGHLIGHT: Rgb = Rgb(0x5e, 0x6b, 0x1c);
    /// The 2 % target and the equipment guideline.
    pub const TARGET_2: Rgb = Rgb(0x4d, 0x4d, 0x4d);
    /// The 3.5 % core target.
    pub const TARGET_CORE: Rgb = Rgb(0xc0, 0x39, 0x2b);
    /// The 5 % total target.
    pub const TARGET_TOTAL: Rgb = Rgb(0x7b, 0x2d, 0x8e);
    /// Deadline lines.
    pub const DEADLINE: Rgb = Rgb(0x7b, 0x2d, 0x8e);
    /// Claim markers.
    pub const CLAIM: Rgb = Rgb(0x11, 0x11, 0x11);
    /// Titles, labels and the source line.
    pub const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);
    /// Ticks, notes and legend samples that stand for no series.
    pub const MUTED: Rgb = Rgb(0x6b, 0x6b, 0x6b);
    /// The row background of highlighted countries in charts with more
    /// than one bar a row, where a bar colour would mean another series.
    pub const HIGHLIGHT_BAND: Rgb = Rgb(0xfc, 0xeb, 0xd6);
    /// Grid lines.
    pub const GRID: Rgb = Rgb(0xe3, 0xe3, 0xe3);
    /// Lines of a series chart (Tableau 10, colour-blind aware).
    pub const LINES: [Rgb; 10] = [
        Rgb(0x4e, 0x79, 0xa7),
        Rgb(0xf2, 0x8e, 0x2b),
        Rgb(0xe1, 0x57, 0x59),
        Rgb(0x59, 0xa1, 0x4f),
        Rgb(0xb0, 0x7a, 0xa1),
        Rgb(0x76, 0xb7, 0xb2),
        Rgb(0xed, 0xc9, 0x48),
        Rgb(0x9c, 0x75, 0x5f),
        Rgb(0xff, 0x9d, 0xa7),
        Rgb(0xba, 0xb0, 0xac),
    ];

    /// A colour mixed with white: `amount` 0 keeps it, 1 gives white.
    pub fn lighten(c: Rgb, amount: f32) -> Rgb {
        let mix = |v: u8| (v as f32 + (255.0 - v as f32) * amount.clamp(0.0, 1.0)).round() as u8;
        Rgb(mix(c.0), mix(c.1), mix(c.2))
    }

    /// `#rrggbb`.
    pub fn hex(c: Rgb) -> String {
        format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
    }
}
