//! From datasets and options to a [`Chart`].

use std::collections::BTreeSet;

use super::palette::{self, lighten};
use super::scale::{value_axis, year_axis};
use super::*;
use crate::data::claim::{ClaimQuery, claim_check_against};
use crate::data::import::Imported;
use crate::data::nato::NatoData;
use crate::data::{
    Dataset, Definition, Edition, Measure, Observation, SourceId, SourceKind, countries,
    format_number,
};
use crate::model::ClaimUnit;

/// Why a chart cannot be drawn with these options.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ChartError {
    #[error("unknown country {0:?}")]
    UnknownCountry(String),
    #[error("no {measure} figures for {year}{}", if available.is_empty() { String::new() } else { format!(" (years with figures: {available})") })]
    NoFigures {
        measure: Measure,
        year: i32,
        available: String,
    },
    #[error("no {0} figures to plot")]
    Empty(Measure),
    #[error(
        "this chart compares NATO's figures with an imported file: import one first (--data FILE.csv)"
    )]
    NeedsImport,
    #[error("NATO's figures and {name} have no country and year in common")]
    NothingInCommon { name: String },
    #[error("no edition named {name:?} (known: {known})")]
    UnknownEdition { name: String, known: String },
}

/// Builds the chart that `options` describe. `imported` is the analyst's
/// file, needed by [`ChartKind::Compare`] and by [`Plotted::Imported`].
pub fn build(
    nato: &NatoData,
    imported: Option<&Imported>,
    options: &ChartOptions,
) -> Result<Chart, ChartError> {
    let ctx = Context::new(nato, imported, options)?;
    match options.kind {
        ChartKind::Bars => ctx.ranked(Measure::PctGdp),
        ChartKind::Equipment => ctx.ranked(Measure::EquipmentShare),
        ChartKind::Series => ctx.series(),
        ChartKind::Gap => ctx.gap(),
        ChartKind::Compare => ctx.compare(),
        ChartKind::Revisions => ctx.revisions(),
    }
}

struct Context<'a> {
    nato: &'a NatoData,
    imported: Option<&'a Imported>,
    options: &'a ChartOptions,
    /// The edition plotted and claims are checked against as "now".
    edition: &'a Edition,
    /// ISO3 codes of the chosen countries (empty: all).
    countries: Vec<&'static str>,
    highlight: BTreeSet<&'static str>,
}

/// Where the plotted figures come from: a dataset and its sources in order
/// of preference.
struct Plot<'a> {
    dataset: &'a Dataset,
    sources: Vec<SourceId>,
}

impl Plot<'_> {
    /// One figure per country for `year`, from the first source that has it.
    fn figures(&self, measure: Measure, year: i32) -> Vec<&Observation> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for &s in &self.sources {
            for o in self.dataset.for_year(s, measure, year) {
                if seen.insert(o.iso3.as_str()) {
                    out.push(o);
                }
            }
        }
        out
    }

    /// The latest year of the first source with figures of this measure.
    fn latest_year(&self, measure: Measure) -> Option<i32> {
        self.sources
            .iter()
            .find_map(|&s| self.dataset.years(s, measure).last().copied())
    }

    fn available_years(&self, measure: Measure) -> String {
        let years: BTreeSet<i32> = self
            .sources
            .iter()
            .flat_map(|&s| self.dataset.years(s, measure))
            .collect();
        match (years.first(), years.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        }
    }

    fn source_label(&self, o: &Observation) -> String {
        self.dataset
            .source(o.source)
            .map_or_else(String::new, |s| format!("{} ({})", s.name, s.edition))
    }

    fn citation(&self, used: &BTreeSet<SourceId>) -> String {
        used.iter()
            .filter_map(|&s| self.dataset.source(s))
            .map(|s| s.citation.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn resolve_all(names: &[String]) -> Result<Vec<&'static str>, ChartError> {
    let mut out = Vec::new();
    for n in names.iter().filter(|n| !n.trim().is_empty()) {
        let code = countries::iso3_of(n).ok_or_else(|| ChartError::UnknownCountry(n.clone()))?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

impl<'a> Context<'a> {
    fn new(
        nato: &'a NatoData,
        imported: Option<&'a Imported>,
        options: &'a ChartOptions,
    ) -> Result<Self, ChartError> {
        let edition = match &options.edition {
            None => nato.latest(),
            Some(name) => nato
                .edition(name)
                .ok_or_else(|| ChartError::UnknownEdition {
                    name: name.clone(),
                    known: nato.known_editions(),
                })?,
        };
        Ok(Self {
            nato,
            imported,
            options,
            edition,
            countries: resolve_all(&options.countries)?,
            highlight: resolve_all(&options.highlight)?.into_iter().collect(),
        })
    }

    fn nato_plot(&self) -> Plot<'a> {
        Plot {
            dataset: &self.nato.dataset,
            sources: vec![self.edition.source],
        }
    }

    fn imported_plot(&self) -> Result<Plot<'a>, ChartError> {
        let imported = self.imported.ok_or(ChartError::NeedsImport)?;
        Ok(Plot {
            dataset: &imported.dataset,
            sources: vec![imported.source],
        })
    }

    fn plot(&self) -> Result<Plot<'a>, ChartError> {
        match self.options.plotted {
            Plotted::Nato => Ok(self.nato_plot()),
            Plotted::Imported => self.imported_plot(),
        }
    }

    fn chosen(&self, iso3: &str) -> bool {
        self.countries.is_empty() || self.countries.contains(&iso3)
    }

    fn year_for(&self, plot: &Plot, measure: Measure) -> Result<i32, ChartError> {
        match self.options.year {
            Some(y) => Ok(y),
            None => plot.latest_year(measure).ok_or(ChartError::Empty(measure)),
        }
    }

    /// The target lines chosen in the options for a measure, one per value.
    fn target_lines(&self, measure: Measure) -> Vec<TargetLine> {
        let mut values: Vec<f64> = self
            .nato
            .targets
            .iter()
            .filter(|t| t.unit.measure() == measure)
            .filter(|t| {
                measure == Measure::EquipmentShare
                    || self.options.targets.iter().any(|v| same(*v, t.value))
            })
            .map(|t| t.value)
            .collect();
        values.sort_by(f64::total_cmp);
        values.dedup_by(|a, b| same(*a, *b));
        values
            .into_iter()
            .map(|value| {
                let group: Vec<_> = self
                    .nato
                    .targets
                    .iter()
                    .filter(|t| t.unit.measure() == measure && same(t.value, value))
                    .collect();
                let current: Vec<_> = group.iter().filter(|t| !t.is_superseded()).collect();
                let kind = group.iter().find_map(|t| {
                    ["core", "total", "related", "equipment"]
                        .into_iter()
                        .find(|k| t.id.split('_').any(|p| p == *k))
                });
                let deadline = current.iter().filter_map(|t| t.deadline).max();
                let summits: Vec<String> = group.iter().map(|t| t.summit()).collect();
                let mut label = format!("{} %", format_number(value, 0, 2));
                if let Some(k) = kind.filter(|k| *k != "equipment") {
                    label.push_str(&format!(" {k}"));
                }
                if let Some(d) = deadline {
                    label.push_str(&format!(" by {d}"));
                }
                label.push_str(&format!(" ({})", summits.join(", ")));
                let color = if measure == Measure::EquipmentShare || value <= 2.0 {
                    palette::TARGET_2
                } else if kind == Some("core") || value < 5.0 {
                    palette::TARGET_CORE
                } else {
                    palette::TARGET_TOTAL
                };
                TargetLine {
                    value,
                    label,
                    color,
                    deadline,
                    target_ids: group.iter().map(|t| t.id.clone()).collect(),
                }
            })
            .collect()
    }

    fn target_notes(&self, lines: &[TargetLine]) -> (Vec<String>, String) {
        let mut notes = Vec::new();
        if lines
            .iter()
            .any(|l| l.target_ids.iter().any(|id| id.contains("total")))
        {
            notes.push(
                "The 5 % pledge includes up to 1.5 % of GDP of defence- and security-related spending \
                 that NATO's defence-expenditure tables do not count; the figures compare with 2 % and 3.5 %."
                    .into(),
            );
        }
        let mut docs: Vec<String> = Vec::new();
        for id in lines.iter().flat_map(|l| &l.target_ids) {
            if let Some(t) = self.nato.targets.iter().find(|t| &t.id == id) {
                let doc = format!("{} ({})", t.document(), t.year_set);
                if !docs.contains(&doc) {
                    docs.push(doc);
                }
            }
        }
        let targets = if docs.is_empty() {
            String::new()
        } else {
            format!(" Targets: {}.", docs.join("; "))
        };
        (notes, targets)
    }

    fn claim_markers(
        &self,
        plot_year: Option<i32>,
        at: impl Fn(&str, Option<i32>) -> Option<ClaimAt>,
    ) -> (Vec<ClaimMarker>, Vec<String>) {
        let mut markers = Vec::new();
        let mut notes = Vec::new();
        for claim in &self.options.claims {
            let Some(iso3) = countries::iso3_of(&claim.country) else {
                notes.push(format!(
                    "Claim for {:?} not shown: unknown country.",
                    claim.country
                ));
                continue;
            };
            // A claim without a year takes the article's publication year;
            // without a date it has no year and is not drawn.
            let check = claim_check_against(
                self.nato,
                self.edition,
                &ClaimQuery {
                    country: iso3,
                    year: claim.year,
                    value: claim.value,
                    unit: ClaimUnit::PctGdp,
                    published: claim.published.as_deref(),
                },
            );
            let Some(year) = check.year else {
                notes.push(format!(
                    "Claim for {iso3} not shown: the claim gives no year and the article has no date."
                ));
                continue;
            };
            // A bar chart shows one year: a claim about another year would be
            // read against the wrong bars.
            if let Some(py) = plot_year
                && py != year
            {
                let which = if claim.year.is_some() {
                    format!("{iso3} {year}")
                } else {
                    format!("{iso3} (year taken from the article's date: {year})")
                };
                notes.push(format!(
                    "Claim for {which} not shown: the chart is for {py}."
                ));
                continue;
            }
            let Some(position) = at(iso3, Some(year)) else {
                notes.push(format!(
                    "Claim for {iso3} not shown: the country is not on the chart."
                ));
                continue;
            };
            let claimed = format_number(claim.value, 1, 2);
            markers.push(ClaimMarker {
                at: position,
                iso3: iso3.to_string(),
                claimed: claim.value,
                official: check.now.as_ref().map(|f| f.value),
                label: format!("claimed {claimed} %"),
                detail: check.full_text(),
                color: palette::CLAIM,
            });
        }
        (markers, notes)
    }

    /// The chosen countries' figures for a year, highest first (ties by
    /// name), or the years that do have figures.
    fn ranked_figures<'p>(
        &self,
        plot: &'p Plot<'_>,
        measure: Measure,
        year: i32,
    ) -> Result<Vec<&'p Observation>, ChartError> {
        let mut figures: Vec<&Observation> = plot
            .figures(measure, year)
            .into_iter()
            .filter(|o| self.chosen(&o.iso3))
            .collect();
        if figures.is_empty() {
            return Err(ChartError::NoFigures {
                measure,
                year,
                available: plot.available_years(measure),
            });
        }
        figures.sort_by(|a, b| {
            b.value
                .total_cmp(&a.value)
                .then_with(|| a.country.cmp(&b.country))
        });
        Ok(figures)
    }

    /// Ranked bars of one measure for one year.
    fn ranked(&self, measure: Measure) -> Result<Chart, ChartError> {
        let plot = self.plot()?;
        let year = self.year_for(&plot, measure)?;
        let figures = self.ranked_figures(&plot, measure, year)?;
        let imported = self.options.plotted == Plotted::Imported;
        let (color, highlight_color) = if imported {
            (palette::IMPORTED, palette::IMPORTED_HIGHLIGHT)
        } else {
            (palette::BAR, palette::BAR_HIGHLIGHT)
        };
        let series_name = match (imported, plot.dataset.sources().get(plot.sources[0].0)) {
            (_, Some(s)) => format!("{} ({})", s.name, s.edition),
            _ => "figure".into(),
        };
        let categories: Vec<Category> = figures
            .iter()
            .map(|o| Category {
                label: o.country.clone(),
                iso3: o.iso3.clone(),
                highlighted: self.highlight.contains(o.iso3.as_str()),
                bars: vec![Bar {
                    series: 0,
                    value: o.value,
                    text: o.text.clone(),
                    estimate: o.estimate,
                    secondary: kind_of(plot.dataset, o) == SourceKind::Secondary,
                }],
            })
            .collect();
        let targets = self.target_lines(measure);
        let (claims, mut notes) = if measure == Measure::PctGdp {
            self.claim_markers(Some(year), |iso3, _| {
                categories
                    .iter()
                    .position(|c| c.iso3 == iso3)
                    .map(ClaimAt::Category)
            })
        } else {
            (Vec::new(), Vec::new())
        };
        let max = figures
            .iter()
            .map(|o| o.value)
            .chain(targets.iter().map(|t| t.value))
            .chain(claims.iter().map(|c| c.claimed))
            .fold(0.0, f64::max);
        let min = figures.iter().map(|o| o.value).fold(0.0, f64::min);
        let value_axis = value_axis(&self.axis_label(measure, imported), min, max * 1.04, 6, "");
        let used: BTreeSet<SourceId> = figures.iter().map(|o| o.source).collect();
        let (target_notes, target_cite) = self.target_notes(&targets);
        notes.splice(0..0, target_notes);
        let estimates = figures.iter().filter(|o| o.estimate).count();
        if estimates > 0 {
            notes.insert(
                0,
                format!(
                    "Lighter, hatched bars are estimates ({estimates} of {}).",
                    figures.len()
                ),
            );
        }
        if !imported {
            notes.extend(self.edition_note());
        }
        let of_edition = if imported {
            String::new()
        } else {
            format!(" ({} edition)", self.edition.name)
        };
        let (title, subtitle) = match measure {
            Measure::EquipmentShare => {
                let target = targets.first().map_or(20.0, |t| t.value);
                let meeting = figures.iter().filter(|o| o.value >= target).count();
                (
                    format!("Equipment spending of NATO allies, {year}{of_edition}"),
                    format!(
                        "Major equipment and related R&D, % of defence expenditure; {meeting} of {} meet the {} % guideline",
                        figures.len(),
                        format_number(target, 0, 2)
                    ),
                )
            }
            _ => {
                let who = if imported { "" } else { " of NATO allies" };
                let meeting = figures.iter().filter(|o| o.value >= 2.0).count();
                (
                    format!("{}{who}, {year}{of_edition}", self.spending_name(imported)),
                    format!(
                        "% of GDP, ranked; {meeting} of {} at or above 2 %",
                        figures.len()
                    ),
                )
            }
        };
        let mut legend = vec![LegendEntry {
            label: series_name.clone(),
            color,
            symbol: LegendSymbol::Bar,
        }];
        if estimates > 0 {
            legend.push(LegendEntry {
                label: "estimate".into(),
                color,
                symbol: LegendSymbol::EstimateBar,
            });
        }
        if categories.iter().any(|c| c.highlighted) {
            legend.push(LegendEntry {
                label: "mentioned in the article".into(),
                color: highlight_color,
                symbol: LegendSymbol::Bar,
            });
        }
        push_overlay_legend(&mut legend, &targets, !claims.is_empty());
        let rows = figures
            .iter()
            .map(|o| row(o, &plot.source_label(o)))
            .collect();
        Ok(Chart {
            kind: self.options.kind,
            title,
            subtitle,
            orientation: Orientation::HorizontalBars,
            value_axis,
            time_axis: None,
            categories,
            bar_series: vec![BarSeries {
                name: series_name,
                color,
                highlight_color,
            }],
            lines: Vec::new(),
            targets,
            deadlines: Vec::new(),
            claims,
            legend,
            notes,
            source: format!("Source: {}.{target_cite}", plot.citation(&used)),
            rows,
        })
    }

    fn series(&self) -> Result<Chart, ChartError> {
        let measure = Measure::PctGdp;
        let plot = self.plot()?;
        let mut chosen: Vec<&str> = self.countries.clone();
        if chosen.is_empty() {
            chosen = self.highlight.iter().copied().collect();
        }
        if chosen.is_empty() {
            chosen = self.largest_spenders(5);
        }
        let main = plot.sources[0];
        let mut lines = Vec::new();
        let mut used = BTreeSet::new();
        let mut rows = Vec::new();
        for (i, iso3) in chosen.iter().enumerate() {
            let mut points = Vec::new();
            for &s in &plot.sources {
                for o in plot.dataset.series(s, measure, iso3) {
                    if points.iter().any(|p: &Point| p.year == o.year) {
                        continue;
                    }
                    used.insert(s);
                    rows.push(row(o, &plot.source_label(o)));
                    points.push(Point {
                        year: o.year,
                        value: o.value,
                        text: o.text.clone(),
                        estimate: o.estimate,
                        secondary: s != main,
                    });
                }
            }
            if points.is_empty() {
                continue;
            }
            points.sort_by_key(|p| p.year);
            let name = plot
                .dataset
                .country_name(iso3)
                .map_or_else(|| iso3.to_string(), str::to_string);
            lines.push(Line {
                name,
                iso3: iso3.to_string(),
                color: palette::LINES[i % palette::LINES.len()],
                highlighted: self.highlight.contains(iso3),
                points,
            });
        }
        if lines.is_empty() {
            return Err(ChartError::Empty(measure));
        }
        let first = lines
            .iter()
            .flat_map(|l| &l.points)
            .map(|p| p.year)
            .min()
            .unwrap_or(2014);
        let last = lines
            .iter()
            .flat_map(|l| &l.points)
            .map(|p| p.year)
            .max()
            .unwrap_or(first);
        let targets = self.target_lines(measure);
        let mut deadlines: Vec<Deadline> = Vec::new();
        for t in &targets {
            if let Some(d) = t.deadline.filter(|d| *d > last)
                && !deadlines.iter().any(|x| x.year == d)
            {
                let summits: BTreeSet<String> = t
                    .target_ids
                    .iter()
                    .filter_map(|id| self.nato.targets.iter().find(|x| &x.id == id))
                    .filter(|x| x.deadline == Some(d))
                    .map(|x| x.summit())
                    .collect();
                let summits: Vec<String> = summits.into_iter().collect();
                deadlines.push(Deadline {
                    year: d,
                    label: format!("{d}: deadline of {}", summits.join(", ")),
                    color: palette::DEADLINE,
                });
            }
        }
        let axis_last = deadlines
            .iter()
            .map(|d| d.year)
            .max()
            .unwrap_or(last)
            .max(last);
        let (claims, mut notes) = self.claim_markers(None, |iso3, year| {
            let line = lines.iter().find(|l| l.iso3 == iso3)?;
            let y = year.or_else(|| {
                line.points
                    .iter()
                    .filter(|p| !p.secondary)
                    .map(|p| p.year)
                    .max()
            })?;
            Some(ClaimAt::Year(y))
        });
        let max = highest_value(&lines, &targets, &claims);
        let (target_notes, target_cite) = self.target_notes(&targets);
        notes.splice(0..0, target_notes);
        let any_estimate = lines
            .iter()
            .flat_map(|l| &l.points)
            .any(|p| p.estimate && !p.secondary);
        let any_secondary = lines.iter().flat_map(|l| &l.points).any(|p| p.secondary);
        if any_estimate {
            notes.insert(0, "Dashed stretches lead to estimates.".into());
        }
        if any_secondary {
            notes.push(
                "Open markers: figures of another source, not joined to the line: editions revise earlier years."
                    .into(),
            );
        }
        let imported = self.options.plotted == Plotted::Imported;
        if !imported {
            notes.extend(self.edition_note());
        }
        let mut legend: Vec<LegendEntry> = lines
            .iter()
            .map(|l| LegendEntry {
                label: l.name.clone(),
                color: l.color,
                symbol: LegendSymbol::Line,
            })
            .collect();
        if any_estimate {
            legend.push(LegendEntry {
                label: "estimate".into(),
                color: palette::MUTED,
                symbol: LegendSymbol::DashedLine,
            });
        }
        if any_secondary {
            legend.push(LegendEntry {
                label: "another source".into(),
                color: palette::MUTED,
                symbol: LegendSymbol::OpenMarker,
            });
        }
        push_overlay_legend(&mut legend, &targets, !claims.is_empty());
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        Ok(Chart {
            kind: ChartKind::Series,
            title: if imported {
                format!("{}, {first}–{last}", self.spending_name(true))
            } else {
                format!(
                    "{}, {first}–{last} ({} edition)",
                    self.spending_name(false),
                    self.edition.name
                )
            },
            subtitle: format!("% of GDP: {}", names.join(", ")),
            orientation: Orientation::TimeSeries,
            value_axis: value_axis(&self.axis_label(measure, imported), 0.0, max * 1.06, 6, ""),
            time_axis: Some(year_axis("", first, axis_last)),
            categories: Vec::new(),
            bar_series: Vec::new(),
            lines,
            targets,
            deadlines,
            claims,
            legend,
            notes,
            source: format!("Source: {}.{target_cite}", plot.citation(&used)),
            rows,
        })
    }

    /// What the plotted edition counts: "Core defence expenditure" from the
    /// 2026 edition on; an imported file's figures are "Defence expenditure".
    fn spending_name(&self, imported: bool) -> &'static str {
        if !imported && self.edition.definition == Definition::CoreDefenceExpenditure {
            "Core defence expenditure"
        } else {
            "Defence expenditure"
        }
    }

    /// The value axis, naming the edition and its definition for NATO's
    /// figures: "Core defence expenditure, % of GDP (Jul 2026 edition)".
    fn axis_label(&self, measure: Measure, imported: bool) -> String {
        if imported {
            return measure.label().to_string();
        }
        let label = match (measure, self.edition.definition) {
            (Measure::PctGdp, Definition::CoreDefenceExpenditure) => {
                "Core defence expenditure, % of GDP"
            }
            (Measure::EquipmentShare, Definition::CoreDefenceExpenditure) => {
                "Equipment, % of core defence expenditure"
            }
            _ => measure.label(),
        };
        format!("{label} ({} edition)", self.edition.name)
    }

    /// What the reader must know about the plotted edition: its definition
    /// and prices, and that it is secondary.
    fn edition_note(&self) -> Option<String> {
        edition_note(self.edition)
    }

    /// Each chosen country's share of GDP as printed in each edition: a line
    /// per country and edition, the newest edition in full colour and older
    /// ones lighter, so an analyst sees how an estimate moved.
    fn revisions(&self) -> Result<Chart, ChartError> {
        let measure = Measure::PctGdp;
        let mut chosen: Vec<&str> = self.countries.clone();
        if chosen.is_empty() {
            chosen = self.highlight.iter().copied().take(3).collect();
        }
        if chosen.is_empty() {
            chosen = vec!["POL"];
        }
        let editions: Vec<&Edition> = self
            .nato
            .editions
            .iter()
            .filter(|e| !self.nato.dataset.years(e.source, measure).is_empty())
            .collect();
        let n = editions.len();
        let ds = &self.nato.dataset;
        let mut lines = Vec::new();
        let mut rows = Vec::new();
        let mut used = BTreeSet::new();
        for (ci, iso3) in chosen.iter().enumerate() {
            let base = palette::LINES[ci % palette::LINES.len()];
            let name = ds
                .country_name(iso3)
                .map_or_else(|| iso3.to_string(), str::to_string);
            for (k, e) in editions.iter().enumerate() {
                let series = ds.series(e.source, measure, iso3);
                if series.is_empty() {
                    continue;
                }
                used.insert(e.source);
                let label = format!("NATO ({})", nato_source_edition(ds, e));
                rows.extend(series.iter().map(|o| row(o, &label)));
                let age = (n - 1 - k) as f32 / (n.max(2) - 1) as f32;
                lines.push(Line {
                    name: format!("{name} ({})", e.tag(false)),
                    iso3: iso3.to_string(),
                    color: lighten(base, 0.55 * age),
                    highlighted: k + 1 == n,
                    points: series
                        .iter()
                        .map(|o| Point {
                            year: o.year,
                            value: o.value,
                            text: o.text.clone(),
                            estimate: o.estimate,
                            secondary: false,
                        })
                        .collect(),
                });
            }
        }
        if lines.is_empty() {
            return Err(ChartError::Empty(measure));
        }
        let years = lines.iter().flat_map(|l| &l.points).map(|p| p.year);
        let first = years.clone().min().unwrap_or(2014);
        let last = years.max().unwrap_or(first);
        let targets = self.target_lines(measure);
        let (claims, mut notes) = self.claim_markers(None, |iso3, year| {
            lines.iter().find(|l| l.iso3 == iso3)?;
            year.map(ClaimAt::Year)
        });
        let max = highest_value(&lines, &targets, &claims);
        let (target_notes, target_cite) = self.target_notes(&targets);
        notes.splice(0..0, target_notes);
        notes.insert(
            0,
            "Each line is one edition as printed; older editions are lighter, dashed stretches lead to estimates. \
             Editions differ in prices (2015 or 2021) and, from July 2026, count core defence expenditure only."
                .into(),
        );
        notes.extend(editions.iter().filter_map(|e| edition_note(e)));
        let mut legend: Vec<LegendEntry> = lines
            .iter()
            .map(|l| LegendEntry {
                label: l.name.clone(),
                color: l.color,
                symbol: LegendSymbol::Line,
            })
            .collect();
        legend.push(LegendEntry {
            label: "estimate".into(),
            color: palette::MUTED,
            symbol: LegendSymbol::DashedLine,
        });
        push_overlay_legend(&mut legend, &targets, !claims.is_empty());
        let countries: Vec<String> = chosen
            .iter()
            .map(|c| {
                ds.country_name(c)
                    .map_or_else(|| c.to_string(), str::to_string)
            })
            .collect();
        let edition_list: Vec<String> = editions
            .iter()
            .map(|e| {
                let mut s = e.tag(false);
                if let Some(base) = e.price_base {
                    s.push_str(&format!(", {base} prices"));
                }
                s
            })
            .collect();
        let plot = Plot {
            dataset: ds,
            sources: Vec::new(),
        };
        Ok(Chart {
            kind: ChartKind::Revisions,
            title: format!(
                "Revisions: {} as printed in each NATO edition",
                countries.join(", ")
            ),
            subtitle: format!("Defence expenditure, % of GDP; {}", edition_list.join("; ")),
            orientation: Orientation::TimeSeries,
            value_axis: value_axis(
                "Defence expenditure, % of GDP (core from the Jul 2026 edition)",
                0.0,
                max * 1.06,
                6,
                "",
            ),
            time_axis: Some(year_axis("", first, last)),
            categories: Vec::new(),
            bar_series: Vec::new(),
            lines,
            targets,
            deadlines: Vec::new(),
            claims,
            legend,
            notes,
            source: format!("Sources: {}.{target_cite}", plot.citation(&used)),
            rows,
        })
    }

    /// The allies with the largest budgets in US dollars in NATO's latest
    /// year: the default lines when none are chosen.
    fn largest_spenders(&self, n: usize) -> Vec<&'static str> {
        let ds = &self.nato.dataset;
        // The plotted edition, else the newest that has Table 2.
        let Some((source, year)) = std::iter::once(self.edition)
            .chain(self.nato.editions.iter().rev())
            .find_map(|e| {
                ds.years(e.source, Measure::UsdCurrent)
                    .last()
                    .map(|y| (e.source, *y))
            })
        else {
            return Vec::new();
        };
        let mut v = ds.for_year(source, Measure::UsdCurrent, year);
        v.sort_by(|a, b| b.value.total_cmp(&a.value));
        v.iter()
            .filter_map(|o| countries::by_iso3(&o.iso3))
            .map(|c| c.iso3)
            .take(n)
            .collect()
    }

    fn gap(&self) -> Result<Chart, ChartError> {
        let measure = Measure::PctGdp;
        let plot = self.plot()?;
        let year = self.year_for(&plot, measure)?;
        let figures = self.ranked_figures(&plot, measure, year)?;
        let targets = self.target_lines(measure);
        if targets.is_empty() {
            return Err(ChartError::Empty(measure));
        }
        let bar_series: Vec<BarSeries> = targets
            .iter()
            .map(|t| BarSeries {
                name: format!("gap to {}", t.label),
                color: lighten(t.color, 0.25),
                highlight_color: t.color,
            })
            .collect();
        let mut rows = Vec::new();
        let mut categories = Vec::new();
        for o in &figures {
            let source = plot.source_label(o);
            rows.push(row(o, &source));
            let mut bars = Vec::new();
            for (i, t) in targets.iter().enumerate() {
                let gap = (t.value - o.value).max(0.0);
                let tag = format_number(t.value, 0, 2).replace('.', "_");
                let gap_text = format!("{gap:.2}");
                let mut text = if gap <= 0.0 {
                    "met".to_string()
                } else {
                    format!("{gap_text} pp")
                };
                rows.push(computed_row(
                    o,
                    &gap_text,
                    &format!("pp_gap_to_{tag}pct"),
                    &source,
                ));
                if let Some(deadline) = t.deadline.filter(|d| *d > year) {
                    let per_year = gap / f64::from(deadline - year);
                    let per_year_text = format!("{per_year:.2}");
                    if gap > 0.0 {
                        text.push_str(&format!(", +{per_year_text}/yr"));
                    }
                    rows.push(computed_row(
                        o,
                        &per_year_text,
                        &format!("pp_per_year_to_{tag}pct_by_{deadline}"),
                        &source,
                    ));
                }
                bars.push(Bar {
                    series: i,
                    value: gap,
                    text,
                    // A gap is computed, not printed by the source: the note
                    // says which figures it starts from are estimates.
                    estimate: false,
                    secondary: kind_of(plot.dataset, o) == SourceKind::Secondary,
                });
            }
            categories.push(Category {
                label: o.country.clone(),
                iso3: o.iso3.clone(),
                highlighted: self.highlight.contains(o.iso3.as_str()),
                bars,
            });
        }
        let max = categories
            .iter()
            .flat_map(|c| &c.bars)
            .map(|b| b.value)
            .fold(0.0, f64::max);
        let used: BTreeSet<SourceId> = figures.iter().map(|o| o.source).collect();
        let (mut notes, target_cite) = self.target_notes(&targets);
        if self.options.plotted == Plotted::Nato {
            notes.extend(self.edition_note());
        }
        let deadlines: BTreeSet<i32> = targets
            .iter()
            .filter_map(|t| t.deadline)
            .filter(|d| *d > year)
            .collect();
        if let Some(d) = deadlines.iter().next() {
            notes.insert(
                0,
                format!(
                    "Gap in percentage points of GDP from the {year} figure; \"+x/yr\" is the yearly increase \
                     needed to reach the target by {d}, in equal steps from {year}."
                ),
            );
        }
        let estimated: Vec<&str> = figures
            .iter()
            .filter(|o| o.estimate)
            .map(|o| o.country.as_str())
            .collect();
        if estimated.len() == figures.len() {
            notes.push(format!(
                "All {year} figures the gaps start from are estimates."
            ));
        } else if !estimated.is_empty() {
            notes.push(format!(
                "The {year} figures are estimates for {}.",
                estimated.join(", ")
            ));
        }
        let mut legend: Vec<LegendEntry> = bar_series
            .iter()
            .map(|s| LegendEntry {
                label: s.name.clone(),
                color: s.color,
                symbol: LegendSymbol::Bar,
            })
            .collect();
        push_highlight_legend(&mut legend, &categories);
        let top = targets
            .last()
            .map(|t| format_number(t.value, 0, 2))
            .unwrap_or_default();
        let meeting_top = figures
            .iter()
            .filter(|o| targets.last().is_some_and(|t| o.value >= t.value))
            .count();
        Ok(Chart {
            kind: ChartKind::Gap,
            title: if self.options.plotted == Plotted::Imported {
                format!("Distance to NATO spending targets, {year}")
            } else {
                format!(
                    "Distance to NATO spending targets, {year} ({} edition)",
                    self.edition.name
                )
            },
            subtitle: format!(
                "Percentage points of GDP still to add; {meeting_top} of {} allies at or above {top} %",
                figures.len()
            ),
            orientation: Orientation::HorizontalBars,
            value_axis: value_axis("Gap, percentage points of GDP", 0.0, max * 1.04, 6, ""),
            time_axis: None,
            categories,
            bar_series,
            lines: Vec::new(),
            targets: Vec::new(),
            deadlines: Vec::new(),
            claims: Vec::new(),
            legend,
            notes,
            source: format!("Source: {}.{target_cite}", plot.citation(&used)),
            rows,
        })
    }

    fn compare(&self) -> Result<Chart, ChartError> {
        let imported = self.imported.ok_or(ChartError::NeedsImport)?;
        // What the file holds (its import options said so), compared with
        // NATO's table of the same measure.
        let measure = imported
            .dataset
            .observations()
            .first()
            .map_or(Measure::PctGdp, |o| o.measure);
        let nato = self.nato_plot();
        let other = self.imported_plot()?;
        let other_name = imported
            .dataset
            .source(imported.source)
            .map_or_else(|| "the file".into(), |s| s.name.clone());
        // The latest year both sources have a country for (or the chosen one).
        let common = |year: i32| -> Vec<(&Observation, &Observation)> {
            let theirs = other.figures(measure, year);
            let mut pairs: Vec<(&Observation, &Observation)> = nato
                .figures(measure, year)
                .into_iter()
                .filter(|o| self.chosen(&o.iso3))
                .filter_map(|o| theirs.iter().find(|t| t.iso3 == o.iso3).map(|t| (o, *t)))
                .collect();
            pairs.sort_by(|a, b| {
                b.0.value
                    .total_cmp(&a.0.value)
                    .then_with(|| a.0.country.cmp(&b.0.country))
            });
            pairs
        };
        let year = match self.options.year {
            Some(y) => y,
            None => {
                let years: BTreeSet<i32> = nato
                    .sources
                    .iter()
                    .flat_map(|&s| nato.dataset.years(s, measure))
                    .collect();
                years
                    .into_iter()
                    .rev()
                    .find(|&y| !common(y).is_empty())
                    .ok_or(ChartError::NothingInCommon {
                        name: other_name.clone(),
                    })?
            }
        };
        let pairs = common(year);
        if pairs.is_empty() {
            return Err(ChartError::NothingInCommon { name: other_name });
        }
        let nato_name = nato
            .dataset
            .source(pairs[0].0.source)
            .map_or_else(|| "NATO".into(), |s| format!("{} ({})", s.name, s.edition));
        let bar_series = vec![
            BarSeries {
                name: nato_name.clone(),
                color: palette::BAR,
                highlight_color: palette::BAR_HIGHLIGHT,
            },
            BarSeries {
                name: other_name.clone(),
                color: palette::IMPORTED,
                highlight_color: palette::IMPORTED_HIGHLIGHT,
            },
        ];
        let mut rows = Vec::new();
        let categories: Vec<Category> = pairs
            .iter()
            .map(|(n, t)| {
                rows.push(row(n, &nato.source_label(n)));
                rows.push(row(t, &other.source_label(t)));
                Category {
                    label: n.country.clone(),
                    iso3: n.iso3.clone(),
                    highlighted: self.highlight.contains(n.iso3.as_str()),
                    bars: [
                        (0, *n, kind_of(nato.dataset, n)),
                        (1, *t, SourceKind::Imported),
                    ]
                    .into_iter()
                    .map(|(series, o, kind)| Bar {
                        series,
                        value: o.value,
                        text: o.text.clone(),
                        estimate: o.estimate,
                        secondary: kind == SourceKind::Secondary,
                    })
                    .collect(),
                }
            })
            .collect();
        let targets = self.target_lines(measure);
        let (claims, mut notes) = self.claim_markers(Some(year), |iso3, _| {
            categories
                .iter()
                .position(|c| c.iso3 == iso3)
                .map(ClaimAt::Category)
        });
        let max = pairs
            .iter()
            .flat_map(|(a, b)| [a.value, b.value])
            .chain(targets.iter().map(|t| t.value))
            .chain(claims.iter().map(|c| c.claimed))
            .fold(0.0, f64::max);
        let mean_diff =
            pairs.iter().map(|(n, t)| t.value - n.value).sum::<f64>() / pairs.len() as f64;
        let (target_notes, target_cite) = self.target_notes(&targets);
        notes.splice(0..0, target_notes);
        let estimates = categories
            .iter()
            .flat_map(|c| &c.bars)
            .filter(|b| b.estimate)
            .count();
        if estimates > 0 {
            notes.insert(0, "Lighter, hatched bars are estimates.".into());
        }
        let mut legend: Vec<LegendEntry> = bar_series
            .iter()
            .map(|s| LegendEntry {
                label: s.name.clone(),
                color: s.color,
                symbol: LegendSymbol::Bar,
            })
            .collect();
        if estimates > 0 {
            legend.push(LegendEntry {
                label: "estimate".into(),
                color: palette::MUTED,
                symbol: LegendSymbol::EstimateBar,
            });
        }
        push_highlight_legend(&mut legend, &categories);
        push_overlay_legend(&mut legend, &targets, !claims.is_empty());
        let mut used_nato: BTreeSet<SourceId> = BTreeSet::new();
        used_nato.extend(pairs.iter().map(|p| p.0.source));
        let used_other: BTreeSet<SourceId> = pairs.iter().map(|p| p.1.source).collect();
        Ok(Chart {
            kind: ChartKind::Compare,
            title: format!(
                "{}: NATO and {other_name}, {year}",
                match measure {
                    Measure::PctGdp => "Defence expenditure",
                    Measure::EquipmentShare => "Equipment spending",
                    Measure::UsdCurrent | Measure::UsdConstant2015 | Measure::UsdConstant2021 =>
                        "Defence expenditure in US dollars",
                }
            ),
            subtitle: format!(
                "{} for the {} countries in both; {other_name} is {} {} {} on average",
                measure.label(),
                pairs.len(),
                format_number(mean_diff.abs(), 2, 2),
                if measure.is_percent() {
                    "pp"
                } else {
                    "million US$"
                },
                if mean_diff >= 0.0 { "higher" } else { "lower" }
            ),
            orientation: Orientation::HorizontalBars,
            value_axis: value_axis(measure.label(), 0.0, max * 1.04, 6, ""),
            time_axis: None,
            categories,
            bar_series,
            lines: Vec::new(),
            targets,
            deadlines: Vec::new(),
            claims,
            legend,
            notes,
            source: format!(
                "Sources: {}; {}.{target_cite}",
                nato.citation(&used_nato),
                other.citation(&used_other)
            ),
            rows,
        })
    }
}

/// "Jul 2026 edition: core defence expenditure (the basis of the Hague 3.5 %
/// commitment), 2021 prices; secondary: ...", or nothing for the primary
/// edition of the usual definition.
fn edition_note(e: &Edition) -> Option<String> {
    let mut parts = Vec::new();
    if e.definition == Definition::CoreDefenceExpenditure {
        parts.push("core defence expenditure (the basis of the Hague 3.5 % commitment; not comparable with earlier editions)".to_string());
    }
    if let Some(base) = e.price_base {
        parts.push(format!("{base} prices"));
    }
    if e.secondary {
        parts.push("secondary: a third party's machine read of NATO's Excel file".into());
    }
    if let Some(f) = &e.file {
        parts.push(format!("imported from {}", f.display()));
    }
    (e.definition == Definition::CoreDefenceExpenditure || e.secondary || e.file.is_some())
        .then(|| format!("{} edition: {}.", e.name, parts.join("; ")))
}

/// How the dataset names an edition's source ("Jul 2026 edition, core
/// defence expenditure, secondary").
fn nato_source_edition(ds: &Dataset, e: &Edition) -> String {
    ds.source(e.source)
        .map_or_else(|| format!("{} edition", e.name), |s| s.edition.clone())
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn kind_of(ds: &Dataset, o: &Observation) -> SourceKind {
    ds.source(o.source).map_or(SourceKind::Imported, |s| s.kind)
}

/// Charts with several bars a row mark highlighted rows with a band.
fn push_highlight_legend(legend: &mut Vec<LegendEntry>, categories: &[Category]) {
    if categories.iter().any(|c| c.highlighted) {
        legend.push(LegendEntry {
            label: "mentioned in the article".into(),
            color: palette::HIGHLIGHT_BAND,
            symbol: LegendSymbol::Bar,
        });
    }
}

/// The target lines' entries, then the claim marker's when claims are drawn.
fn push_overlay_legend(legend: &mut Vec<LegendEntry>, targets: &[TargetLine], claims: bool) {
    push_target_legend(legend, targets);
    if claims {
        legend.push(LegendEntry {
            label: "claimed in the article".into(),
            color: palette::CLAIM,
            symbol: LegendSymbol::ClaimMarker,
        });
    }
}

fn push_target_legend(legend: &mut Vec<LegendEntry>, targets: &[TargetLine]) {
    legend.extend(targets.iter().map(|t| LegendEntry {
        label: t.label.clone(),
        color: t.color,
        symbol: LegendSymbol::TargetLine,
    }));
}

fn row(o: &Observation, source: &str) -> DataRow {
    DataRow {
        country: o.country.clone(),
        iso3: o.iso3.clone(),
        year: o.year,
        value: o.text.clone(),
        unit: o.measure.unit().into(),
        estimate: o.estimate,
        source: source.into(),
    }
}

fn computed_row(o: &Observation, value: &str, unit: &str, source: &str) -> DataRow {
    DataRow {
        country: o.country.clone(),
        iso3: o.iso3.clone(),
        year: o.year,
        value: value.into(),
        unit: unit.into(),
        estimate: o.estimate,
        source: format!("computed from {source}"),
    }
}

/// The highest value a series chart draws: its lines' points, its target
/// lines and its claim markers (the value axis reaches it).
fn highest_value(lines: &[Line], targets: &[TargetLine], claims: &[ClaimMarker]) -> f64 {
    lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.value))
        .chain(targets.iter().map(|t| t.value))
        .chain(claims.iter().map(|c| c.claimed))
        .fold(0.0, f64::max)
}
