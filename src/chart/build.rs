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
    /// A country name or code that is not an ally's.
    #[error("unknown country {0:?}")]
    UnknownCountry(String),
    #[error("no {measure} figures for {year}{}", if available.is_empty() { String::new() } else { format!(" (years with figures: {available})") })]
    /// No figures for the year asked for.
    NoFigures {
        /// The measure plotted.
        measure: Measure,
        /// The year asked for.
        year: i32,
        /// The years that have figures ("2014-2025"), or empty.
        available: String,
    },
    /// The chosen countries have no figures of the measure.
    #[error("no {0} figures to plot")]
    Empty(Measure),
    #[error(
        "this chart compares NATO's figures with an imported file: import one first (--data FILE.csv)"
    )]
    /// The chart needs an imported file and there is none.
    NeedsImport,
    #[error("NATO's figures and {name} have no country and year in common")]
    /// NATO's figures and the file share no country and year.
    NothingInCommon {
        /// The file's name.
        name: String,
    },
    #[error("no edition named {name:?} (known: {known})")]
    /// The edition asked for is not among those known.
    UnknownEdition {
        /// The name asked for.
        name: String,
        /// The editions known, for the message.
        known: String,
    },
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

    /// The span of years with figures ("2014-2025"), for an error message.
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

    /// "NATO (Jul 2026 edition)": the source of a figure, for the CSV.
    fn source_label(&self, o: &Observation) -> String {
        self.dataset
            .source(o.source)
            .map_or_else(String::new, |s| format!("{} ({})", s.name, s.edition))
    }

    /// "Source: NATO (…).", then the targets' citation.
    fn source_line(&self, used: &BTreeSet<SourceId>, target_cite: &str) -> String {
        format!("Source: {}.{target_cite}", self.citation(used))
    }

    /// The citations of the sources used, in order.
    fn citation(&self, used: &BTreeSet<SourceId>) -> String {
        used.iter()
            .filter_map(|&s| self.dataset.source(s))
            .map(|s| s.citation.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// ISO3 codes of the names, each once, in order; blanks are skipped.
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
    /// Resolves the options' edition and countries; an unknown one is an
    /// error, not an empty chart.
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

    /// NATO's figures in the plotted edition.
    fn nato_plot(&self) -> Plot<'a> {
        Plot {
            dataset: &self.nato.dataset,
            sources: vec![self.edition.source],
        }
    }

    /// The imported file's figures.
    fn imported_plot(&self) -> Result<Plot<'a>, ChartError> {
        let imported = self.imported.ok_or(ChartError::NeedsImport)?;
        Ok(Plot {
            dataset: &imported.dataset,
            sources: vec![imported.source],
        })
    }

    /// The figures the options plot.
    fn plot(&self) -> Result<Plot<'a>, ChartError> {
        match self.options.plotted {
            Plotted::Nato => Ok(self.nato_plot()),
            Plotted::Imported => self.imported_plot(),
        }
    }

    /// Whether the country is among those chosen (all are when none is).
    fn chosen(&self, iso3: &str) -> bool {
        self.countries.is_empty() || self.countries.contains(&iso3)
    }

    /// The year chosen, else the latest with figures.
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

    /// The notes the target lines need, and their citation for the source line.
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

    /// A marker for each claim the chart can place (`at`), and a note for each it cannot, saying why.
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
        let series = ranked_series(&plot, imported);
        let categories: Vec<Category> = figures
            .iter()
            .map(|o| self.category(o, vec![observed_bar(0, o, is_secondary(plot.dataset, o))]))
            .collect();
        let targets = self.target_lines(measure);
        let (claims, notes) = if measure == Measure::PctGdp {
            self.category_claims(year, &categories)
        } else {
            (Vec::new(), Vec::new())
        };
        let max = highest(figures.iter().map(|o| o.value), &targets, &claims);
        let min = figures.iter().map(|o| o.value).fold(0.0, f64::min);
        let value_axis = value_axis(&self.axis_label(measure, imported), min, max * 1.04, 6, "");
        let used: BTreeSet<SourceId> = figures.iter().map(|o| o.source).collect();
        let (mut notes, target_cite) = self.with_target_notes(&targets, notes);
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
        let (title, subtitle) = self.ranked_titles(measure, year, &figures, &targets, imported);
        let mut legend = vec![legend_entry(&series.name, series.color, LegendSymbol::Bar)];
        if estimates > 0 {
            legend.push(legend_entry(
                "estimate",
                series.color,
                LegendSymbol::EstimateBar,
            ));
        }
        if categories.iter().any(|c| c.highlighted) {
            let color = series.highlight_color;
            legend.push(legend_entry(
                "mentioned in the article",
                color,
                LegendSymbol::Bar,
            ));
        }
        push_overlay_legend(&mut legend, &targets, !claims.is_empty());
        let rows = figures
            .iter()
            .map(|o| row(o, &plot.source_label(o)))
            .collect();
        Ok(Chart {
            title,
            subtitle,
            categories,
            bar_series: vec![series],
            targets,
            claims,
            legend,
            notes,
            source: plot.source_line(&used, &target_cite),
            rows,
            ..blank(self.options.kind, Orientation::HorizontalBars, value_axis)
        })
    }

    /// A ranked chart's title and subtitle, which counts the allies at or
    /// above the 2 % target (or the equipment guideline).
    fn ranked_titles(
        &self,
        measure: Measure,
        year: i32,
        figures: &[&Observation],
        targets: &[TargetLine],
        imported: bool,
    ) -> (String, String) {
        let of_edition = if imported {
            String::new()
        } else {
            format!(" ({} edition)", self.edition.name)
        };
        match measure {
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
        }
    }

    /// A bar row for a country's figure.
    fn category(&self, o: &Observation, bars: Vec<Bar>) -> Category {
        Category {
            label: o.country.clone(),
            iso3: o.iso3.clone(),
            highlighted: self.highlight.contains(o.iso3.as_str()),
            bars,
        }
    }

    /// The claim markers of a bar chart for `year`, each on its country's
    /// row, and the notes on claims not drawn.
    fn category_claims(
        &self,
        year: i32,
        categories: &[Category],
    ) -> (Vec<ClaimMarker>, Vec<String>) {
        self.claim_markers(Some(year), |iso3, _| {
            categories
                .iter()
                .position(|c| c.iso3 == iso3)
                .map(ClaimAt::Category)
        })
    }

    /// The notes on the target lines before `notes`, and the targets'
    /// citation for the source line.
    fn with_target_notes(
        &self,
        targets: &[TargetLine],
        notes: Vec<String>,
    ) -> (Vec<String>, String) {
        let (mut all, target_cite) = self.target_notes(targets);
        all.extend(notes);
        (all, target_cite)
    }

    /// A line per chosen country over the years, the plotted edition joined
    /// and other sources' figures as open markers.
    fn series(&self) -> Result<Chart, ChartError> {
        let measure = Measure::PctGdp;
        let plot = self.plot()?;
        let SeriesLines { lines, used, rows } = self.series_lines(&plot, measure);
        if lines.is_empty() {
            return Err(ChartError::Empty(measure));
        }
        let (first, last) = year_span(&lines);
        let targets = self.target_lines(measure);
        let deadlines = self.deadlines_after(&targets, last);
        let axis_last = deadlines
            .iter()
            .map(|d| d.year)
            .max()
            .unwrap_or(last)
            .max(last);
        // A claim without a year sits at the line's latest printed figure.
        let (claims, notes) = self.claim_markers(None, |iso3, year| {
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
        let max = highest(line_values(&lines), &targets, &claims);
        let (notes, target_cite) = self.with_target_notes(&targets, notes);
        let imported = self.options.plotted == Plotted::Imported;
        let (notes, legend) = self.series_notes_and_legend(&lines, notes, &targets, &claims);
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        let value_axis = value_axis(&self.axis_label(measure, imported), 0.0, max * 1.06, 6, "");
        Ok(Chart {
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
            time_axis: Some(year_axis("", first, axis_last)),
            lines,
            targets,
            deadlines,
            claims,
            legend,
            notes,
            source: plot.source_line(&used, &target_cite),
            rows,
            ..blank(ChartKind::Series, Orientation::TimeSeries, value_axis)
        })
    }

    /// A series chart's notes (after `notes`) and legend: estimates and
    /// other sources' figures are explained only when drawn.
    fn series_notes_and_legend(
        &self,
        lines: &[Line],
        mut notes: Vec<String>,
        targets: &[TargetLine],
        claims: &[ClaimMarker],
    ) -> (Vec<String>, Vec<LegendEntry>) {
        let points = || lines.iter().flat_map(|l| &l.points);
        let any_estimate = points().any(|p| p.estimate && !p.secondary);
        let any_secondary = points().any(|p| p.secondary);
        if any_estimate {
            notes.insert(0, "Dashed stretches lead to estimates.".into());
        }
        if any_secondary {
            notes.push(
                "Open markers: figures of another source, not joined to the line: editions revise earlier years."
                    .into(),
            );
        }
        if self.options.plotted != Plotted::Imported {
            notes.extend(self.edition_note());
        }
        let mut legend = line_legend(lines);
        if any_estimate {
            legend.push(estimate_line_entry());
        }
        if any_secondary {
            let symbol = LegendSymbol::OpenMarker;
            legend.push(legend_entry("another source", palette::MUTED, symbol));
        }
        push_overlay_legend(&mut legend, targets, !claims.is_empty());
        (notes, legend)
    }

    /// The countries a line chart draws: those chosen, else up to
    /// `mentioned` of those the article mentions, else `fallback()`.
    fn line_countries(
        &self,
        mentioned: usize,
        fallback: impl FnOnce() -> Vec<&'static str>,
    ) -> Vec<&'static str> {
        let mut chosen: Vec<&str> = self.countries.clone();
        if chosen.is_empty() {
            chosen = self.highlight.iter().copied().take(mentioned).collect();
        }
        if chosen.is_empty() {
            chosen = fallback();
        }
        chosen
    }

    /// A line per series country with figures: each year from the first
    /// source that has it, so the plotted edition wins and other sources
    /// fill in years it lacks.
    fn series_lines(&self, plot: &Plot, measure: Measure) -> SeriesLines {
        let main = plot.sources[0];
        let mut out = SeriesLines::default();
        // Without a choice, the five largest budgets.
        let countries = self.line_countries(usize::MAX, || self.largest_spenders(5));
        for (i, iso3) in countries.into_iter().enumerate() {
            let mut points = Vec::new();
            for &s in &plot.sources {
                for o in plot.dataset.series(s, measure, iso3) {
                    if points.iter().any(|p: &Point| p.year == o.year) {
                        continue;
                    }
                    out.used.insert(s);
                    out.rows.push(row(o, &plot.source_label(o)));
                    points.push(point(o, s != main));
                }
            }
            if points.is_empty() {
                continue;
            }
            points.sort_by_key(|p| p.year);
            out.lines.push(Line {
                name: country_name(plot.dataset, iso3),
                iso3: iso3.to_string(),
                color: palette::LINES[i % palette::LINES.len()],
                highlighted: self.highlight.contains(iso3),
                points,
            });
        }
        out
    }

    /// A vertical line for each target deadline after the last year drawn,
    /// named after the summits that set it.
    fn deadlines_after(&self, targets: &[TargetLine], last: i32) -> Vec<Deadline> {
        let mut deadlines: Vec<Deadline> = Vec::new();
        for t in targets {
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
        deadlines
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
        // Without a choice, three countries at most (each has a line per
        // edition), or Poland.
        let chosen = self.line_countries(3, || vec!["POL"]);
        let editions: Vec<&Edition> = self
            .nato
            .editions
            .iter()
            .filter(|e| !self.nato.dataset.years(e.source, measure).is_empty())
            .collect();
        let ds = &self.nato.dataset;
        let SeriesLines { lines, used, rows } = self.edition_lines(&chosen, &editions, measure);
        if lines.is_empty() {
            return Err(ChartError::Empty(measure));
        }
        let (first, last) = year_span(&lines);
        let targets = self.target_lines(measure);
        let (claims, notes) = self.claim_markers(None, |iso3, year| {
            lines.iter().find(|l| l.iso3 == iso3)?;
            year.map(ClaimAt::Year)
        });
        let max = highest(line_values(&lines), &targets, &claims);
        let (mut notes, target_cite) = self.with_target_notes(&targets, notes);
        notes.insert(
            0,
            "Each line is one edition as printed; older editions are lighter, dashed stretches lead to estimates. \
             Editions differ in prices (2015 or 2021) and, from July 2026, count core defence expenditure only."
                .into(),
        );
        notes.extend(editions.iter().filter_map(|e| edition_note(e)));
        let mut legend = line_legend(&lines);
        legend.push(estimate_line_entry());
        push_overlay_legend(&mut legend, &targets, !claims.is_empty());
        let countries: Vec<String> = chosen.iter().map(|c| country_name(ds, c)).collect();
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
        let value_axis = value_axis(
            "Defence expenditure, % of GDP (core from the Jul 2026 edition)",
            0.0,
            max * 1.06,
            6,
            "",
        );
        Ok(Chart {
            title: format!(
                "Revisions: {} as printed in each NATO edition",
                countries.join(", ")
            ),
            subtitle: format!("Defence expenditure, % of GDP; {}", edition_list.join("; ")),
            time_axis: Some(year_axis("", first, last)),
            lines,
            targets,
            claims,
            legend,
            notes,
            source: format!("Sources: {}.{target_cite}", plot.citation(&used)),
            rows,
            ..blank(ChartKind::Revisions, Orientation::TimeSeries, value_axis)
        })
    }

    /// A line per country and edition with figures, older editions lighter
    /// and the newest drawn emphasised.
    fn edition_lines(
        &self,
        chosen: &[&str],
        editions: &[&Edition],
        measure: Measure,
    ) -> SeriesLines {
        let n = editions.len();
        let ds = &self.nato.dataset;
        let mut out = SeriesLines::default();
        for (ci, iso3) in chosen.iter().enumerate() {
            let base = palette::LINES[ci % palette::LINES.len()];
            let name = country_name(ds, iso3);
            for (k, e) in editions.iter().enumerate() {
                let series = ds.series(e.source, measure, iso3);
                if series.is_empty() {
                    continue;
                }
                out.used.insert(e.source);
                let label = format!("NATO ({})", nato_source_edition(ds, e));
                out.rows.extend(series.iter().map(|o| row(o, &label)));
                let age = (n - 1 - k) as f32 / (n.max(2) - 1) as f32;
                out.lines.push(Line {
                    name: format!("{name} ({})", e.tag(false)),
                    iso3: iso3.to_string(),
                    color: lighten(base, 0.55 * age),
                    highlighted: k + 1 == n,
                    points: series.iter().map(|o| point(o, false)).collect(),
                });
            }
        }
        out
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

    /// For each country, how far its figure is below each target, with the
    /// yearly increase needed to reach a target by its deadline.
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
            let secondary = is_secondary(plot.dataset, o);
            let mut bars = Vec::new();
            for (i, t) in targets.iter().enumerate() {
                let gap = GapTo { target: t, year };
                bars.push(gap.bar(o, i, secondary, &source, &mut rows));
            }
            categories.push(self.category(o, bars));
        }
        let max = categories
            .iter()
            .flat_map(|c| &c.bars)
            .map(|b| b.value)
            .fold(0.0, f64::max);
        let used: BTreeSet<SourceId> = figures.iter().map(|o| o.source).collect();
        let (notes, target_cite) = self.gap_notes(&targets, &figures, year);
        let mut legend = bar_series_legend(&bar_series);
        push_highlight_legend(&mut legend, &categories);
        let top = targets
            .last()
            .map(|t| format_number(t.value, 0, 2))
            .unwrap_or_default();
        let meeting_top = figures
            .iter()
            .filter(|o| targets.last().is_some_and(|t| o.value >= t.value))
            .count();
        let value_axis = value_axis("Gap, percentage points of GDP", 0.0, max * 1.04, 6, "");
        Ok(Chart {
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
            categories,
            bar_series,
            legend,
            notes,
            source: plot.source_line(&used, &target_cite),
            rows,
            ..blank(ChartKind::Gap, Orientation::HorizontalBars, value_axis)
        })
    }

    /// A gap chart's notes: how the gap and the yearly step are counted,
    /// the targets, the edition, and which starting figures are estimates;
    /// and the targets' citation.
    fn gap_notes(
        &self,
        targets: &[TargetLine],
        figures: &[&Observation],
        year: i32,
    ) -> (Vec<String>, String) {
        let (mut notes, target_cite) = self.target_notes(targets);
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
        (notes, target_cite)
    }

    /// NATO's figures beside those of the imported file, a row per country
    /// both have, for the chosen year or the latest they share.
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
        let year = self.compare_year(&nato, &other, measure, &other_name)?;
        let pairs = self.common_figures(&nato, &other, measure, year);
        if pairs.is_empty() {
            return Err(ChartError::NothingInCommon { name: other_name });
        }
        let bar_series = compare_series(&nato, &pairs, &other_name);
        let mut rows = Vec::new();
        let mut categories = Vec::new();
        for (n, t) in &pairs {
            rows.push(row(n, &nato.source_label(n)));
            rows.push(row(t, &other.source_label(t)));
            let bars = vec![
                observed_bar(0, n, is_secondary(nato.dataset, n)),
                observed_bar(1, t, false),
            ];
            categories.push(self.category(n, bars));
        }
        let targets = self.target_lines(measure);
        let (claims, notes) = self.category_claims(year, &categories);
        let values = pairs.iter().flat_map(|(a, b)| [a.value, b.value]);
        let max = highest(values, &targets, &claims);
        let (mut notes, target_cite) = self.with_target_notes(&targets, notes);
        let estimates = categories
            .iter()
            .flat_map(|c| &c.bars)
            .filter(|b| b.estimate)
            .count();
        if estimates > 0 {
            notes.insert(0, "Lighter, hatched bars are estimates.".into());
        }
        let mut legend = bar_series_legend(&bar_series);
        if estimates > 0 {
            let symbol = LegendSymbol::EstimateBar;
            legend.push(legend_entry("estimate", palette::MUTED, symbol));
        }
        push_highlight_legend(&mut legend, &categories);
        push_overlay_legend(&mut legend, &targets, !claims.is_empty());
        let used_nato: BTreeSet<SourceId> = pairs.iter().map(|p| p.0.source).collect();
        let used_other: BTreeSet<SourceId> = pairs.iter().map(|p| p.1.source).collect();
        Ok(Chart {
            title: compare_title(measure, &other_name, year),
            subtitle: compare_subtitle(measure, &pairs, &other_name),
            categories,
            bar_series,
            targets,
            claims,
            legend,
            notes,
            source: format!(
                "Sources: {}; {}.{target_cite}",
                nato.citation(&used_nato),
                other.citation(&used_other)
            ),
            rows,
            ..blank(
                ChartKind::Compare,
                Orientation::HorizontalBars,
                value_axis(measure.label(), 0.0, max * 1.04, 6, ""),
            )
        })
    }

    /// The chosen year, else the latest year of NATO's figures that shares
    /// a chosen country with the file.
    fn compare_year(
        &self,
        nato: &Plot,
        other: &Plot,
        measure: Measure,
        other_name: &str,
    ) -> Result<i32, ChartError> {
        if let Some(y) = self.options.year {
            return Ok(y);
        }
        let years: BTreeSet<i32> = nato
            .sources
            .iter()
            .flat_map(|&s| nato.dataset.years(s, measure))
            .collect();
        years
            .into_iter()
            .rev()
            .find(|&y| !self.common_figures(nato, other, measure, y).is_empty())
            .ok_or(ChartError::NothingInCommon {
                name: other_name.to_string(),
            })
    }

    /// NATO's figure and the file's for each chosen country both have for
    /// `year`, NATO's highest first (ties by name).
    fn common_figures<'p>(
        &self,
        nato: &'p Plot,
        other: &'p Plot,
        measure: Measure,
        year: i32,
    ) -> Vec<(&'p Observation, &'p Observation)> {
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
    }
}

/// The two bar series of a comparison: NATO's edition, then the file.
fn compare_series(
    nato: &Plot,
    pairs: &[(&Observation, &Observation)],
    other_name: &str,
) -> Vec<BarSeries> {
    let nato_name = nato
        .dataset
        .source(pairs[0].0.source)
        .map_or_else(|| "NATO".into(), |s| format!("{} ({})", s.name, s.edition));
    vec![
        BarSeries {
            name: nato_name,
            color: palette::BAR,
            highlight_color: palette::BAR_HIGHLIGHT,
        },
        BarSeries {
            name: other_name.to_string(),
            color: palette::IMPORTED,
            highlight_color: palette::IMPORTED_HIGHLIGHT,
        },
    ]
}

/// "Defence expenditure: NATO and SIPRI, 2023".
fn compare_title(measure: Measure, other_name: &str, year: i32) -> String {
    format!(
        "{}: NATO and {other_name}, {year}",
        match measure {
            Measure::PctGdp => "Defence expenditure",
            Measure::EquipmentShare => "Equipment spending",
            Measure::UsdCurrent | Measure::UsdConstant2015 | Measure::UsdConstant2021 =>
                "Defence expenditure in US dollars",
        }
    )
}

/// How many countries both sources have, and how far the file's figures
/// are from NATO's on average.
fn compare_subtitle(
    measure: Measure,
    pairs: &[(&Observation, &Observation)],
    other_name: &str,
) -> String {
    let mean_diff = pairs.iter().map(|(n, t)| t.value - n.value).sum::<f64>() / pairs.len() as f64;
    format!(
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
    )
}

/// The lines of a series or revisions chart, with the CSV rows of their
/// figures and the sources those came from.
#[derive(Default)]
struct SeriesLines {
    lines: Vec<Line>,
    used: BTreeSet<SourceId>,
    rows: Vec<DataRow>,
}

/// One country's gap to one target in the chart's year.
struct GapTo<'t> {
    target: &'t TargetLine,
    year: i32,
}

impl GapTo<'_> {
    /// The bar of `o`'s gap ("met" when none), "+x/yr" when the target has a
    /// deadline after the year; pushes the computed figures to `rows`.
    fn bar(
        &self,
        o: &Observation,
        series: usize,
        secondary: bool,
        source: &str,
        rows: &mut Vec<DataRow>,
    ) -> Bar {
        let (t, year) = (self.target, self.year);
        let gap = (t.value - o.value).max(0.0);
        let tag = format_number(t.value, 0, 2).replace('.', "_");
        let gap_text = format!("{gap:.2}");
        let mut text = if gap <= 0.0 {
            "met".to_string()
        } else {
            format!("{gap_text} pp")
        };
        let unit = format!("pp_gap_to_{tag}pct");
        rows.push(computed_row(o, &gap_text, &unit, source));
        if let Some(deadline) = t.deadline.filter(|d| *d > year) {
            let per_year = gap / f64::from(deadline - year);
            let per_year_text = format!("{per_year:.2}");
            if gap > 0.0 {
                text.push_str(&format!(", +{per_year_text}/yr"));
            }
            let unit = format!("pp_per_year_to_{tag}pct_by_{deadline}");
            rows.push(computed_row(o, &per_year_text, &unit, source));
        }
        Bar {
            series,
            value: gap,
            text,
            // A gap is computed, not printed by the source: the note
            // says which figures it starts from are estimates.
            estimate: false,
            secondary,
        }
    }
}

/// A chart with nothing drawn yet but its kind, orientation and value axis:
/// each builder fills in what it draws.
fn blank(kind: ChartKind, orientation: Orientation, value_axis: Axis) -> Chart {
    Chart {
        kind,
        title: String::new(),
        subtitle: String::new(),
        orientation,
        value_axis,
        time_axis: None,
        categories: Vec::new(),
        bar_series: Vec::new(),
        lines: Vec::new(),
        targets: Vec::new(),
        deadlines: Vec::new(),
        claims: Vec::new(),
        legend: Vec::new(),
        notes: Vec::new(),
        source: String::new(),
        rows: Vec::new(),
    }
}

/// The single bar series of a ranked chart, named after its source.
fn ranked_series(plot: &Plot, imported: bool) -> BarSeries {
    let (color, highlight_color) = if imported {
        (palette::IMPORTED, palette::IMPORTED_HIGHLIGHT)
    } else {
        (palette::BAR, palette::BAR_HIGHLIGHT)
    };
    let name = plot.dataset.sources().get(plot.sources[0].0).map_or_else(
        || "figure".into(),
        |s| format!("{} ({})", s.name, s.edition),
    );
    BarSeries {
        name,
        color,
        highlight_color,
    }
}

/// A bar of bar series `series` showing a figure as printed.
fn observed_bar(series: usize, o: &Observation, secondary: bool) -> Bar {
    Bar {
        series,
        value: o.value,
        text: o.text.clone(),
        estimate: o.estimate,
        secondary,
    }
}

/// A point of a line showing a figure as printed.
fn point(o: &Observation, secondary: bool) -> Point {
    Point {
        year: o.year,
        value: o.value,
        text: o.text.clone(),
        estimate: o.estimate,
        secondary,
    }
}

/// The country's name in the dataset, else its ISO3 code.
fn country_name(ds: &Dataset, iso3: &str) -> String {
    ds.country_name(iso3)
        .map_or_else(|| iso3.to_string(), str::to_string)
}

/// The first and last year the lines draw.
fn year_span(lines: &[Line]) -> (i32, i32) {
    let years = lines.iter().flat_map(|l| &l.points).map(|p| p.year);
    let first = years.clone().min().unwrap_or(2014);
    (first, years.max().unwrap_or(first))
}

/// Every value the lines draw.
fn line_values(lines: &[Line]) -> impl Iterator<Item = f64> + '_ {
    lines.iter().flat_map(|l| l.points.iter().map(|p| p.value))
}

/// A legend entry.
fn legend_entry(label: &str, color: Rgb, symbol: LegendSymbol) -> LegendEntry {
    LegendEntry {
        label: label.to_string(),
        color,
        symbol,
    }
}

/// An entry per line, in its colour.
fn line_legend(lines: &[Line]) -> Vec<LegendEntry> {
    lines
        .iter()
        .map(|l| legend_entry(&l.name, l.color, LegendSymbol::Line))
        .collect()
}

/// An entry per bar series, in its colour.
fn bar_series_legend(series: &[BarSeries]) -> Vec<LegendEntry> {
    series
        .iter()
        .map(|s| legend_entry(&s.name, s.color, LegendSymbol::Bar))
        .collect()
}

/// The entry for the dashed stretches that lead to estimates.
fn estimate_line_entry() -> LegendEntry {
    legend_entry("estimate", palette::MUTED, LegendSymbol::DashedLine)
}

/// Whether the figure comes from a secondary source (drawn apart).
fn is_secondary(ds: &Dataset, o: &Observation) -> bool {
    kind_of(ds, o) == SourceKind::Secondary
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

/// Two target values are the same.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The kind of the figure's source (imported when unknown).
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

/// An entry per target line.
fn push_target_legend(legend: &mut Vec<LegendEntry>, targets: &[TargetLine]) {
    legend.extend(targets.iter().map(|t| LegendEntry {
        label: t.label.clone(),
        color: t.color,
        symbol: LegendSymbol::TargetLine,
    }));
}

/// A figure as printed, for the CSV.
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

/// A figure computed from `o` (a gap), for the CSV.
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

/// The highest value a chart draws: its figures, its target lines and its
/// claim markers (the value axis reaches it).
fn highest(
    values: impl Iterator<Item = f64>,
    targets: &[TargetLine],
    claims: &[ClaimMarker],
) -> f64 {
    values
        .chain(targets.iter().map(|t| t.value))
        .chain(claims.iter().map(|c| c.claimed))
        .fold(0.0, f64::max)
}
