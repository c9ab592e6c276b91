//! The spending chart beside the article. It draws the same `chart::Chart`
//! model that the SVG and PNG exports render, so the window and the files
//! show one figure.

use std::sync::Arc;

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, HLine, Line, LineStyle, Plot, PlotPoints, Points, VLine};

use super::command::UiCommand;
use super::state::{Action, AppState, InboxAction, Severity, ViewAction, WindowAction};
use crate::analyst::{claims_in, corpus_claims, countries_in, documents_mentioning};
use crate::chart::{self, Chart, ChartKind, ChartOptions, ClaimAt, ClaimInput, Orientation};
use crate::data;
use crate::model::{ClaimUnit, DocId, Rgb};

/// The chart panel's own state: what to draw, and the last figure built.
#[derive(Default)]
pub struct ChartPanel {
    /// The panel is shown beside the article.
    pub visible: bool,
    /// What the analyst chose to draw (the current article adds its
    /// countries and claims).
    pub options: ChartOptions,
    /// Countries the analyst focused by clicking them in the text.
    pub focus: Option<String>,
    /// The year the current document's claims chose for the bars (`None`:
    /// the latest), kept while the document is shown.
    auto_year: Option<(DocId, Option<i32>)>,
    cache: Option<(ChartOptions, u64, Result<Arc<Chart>, String>)>,
    /// What the chart reads from the current document, kept until the
    /// document or the project changes: the frame would otherwise walk
    /// every annotation of a long article twice.
    facts: Option<DocFacts>,
    /// The documents mentioning the clicked country, by project revision:
    /// finding them reads every annotation of the project.
    mentioning: Option<(String, u64, Vec<DocId>)>,
    /// The country whose bar was clicked, with the documents mentioning it.
    pub clicked_country: Option<String>,
    /// The analyst's own figures (a SIPRI or World Bank sheet, say), drawn
    /// against NATO's in the comparison chart.
    pub imported: Option<data::import::Imported>,
    /// Bumped on each import so cached figures are rebuilt.
    imported_generation: u64,
    /// NATO's editions with the workbooks the analyst imported; the bundled
    /// ones alone when `None`.
    pub nato: Option<Arc<data::nato::NatoData>>,
    /// Where imported workbooks are kept for the next launch.
    pub data_dir: Option<std::path::PathBuf>,
    /// Time series: draw every claim of the corpus for the shown countries,
    /// not only the current article's.
    pub corpus_claims: bool,
}

/// The current document's countries and claims, and each claim checked
/// against NATO's figure.
struct DocFacts {
    doc: Option<DocId>,
    revision: u64,
    countries: Vec<String>,
    claims: Vec<ClaimInput>,
    /// The line under the title for each checkable claim, and whether it
    /// is far enough off to be tinted.
    checks: Vec<(String, bool)>,
}

impl DocFacts {
    fn of(state: &AppState, nato: Option<&data::nato::NatoData>) -> Self {
        let doc = state.current_document();
        let claims = doc.map(claims_in).unwrap_or_default();
        let checks = match nato {
            Some(nato) => claims
                .iter()
                .map(|c| {
                    data::claim::claim_check(
                        nato,
                        &data::claim::ClaimQuery {
                            country: &c.country,
                            year: c.year,
                            value: c.value,
                            unit: ClaimUnit::PctGdp,
                            published: c.published.as_deref(),
                        },
                    )
                })
                .map(|check| {
                    let off = check
                        .main_figure()
                        .is_some_and(|f| f.difference.abs() >= 0.25);
                    (check.full_text(), off)
                })
                .collect(),
            None => Vec::new(),
        };
        Self {
            doc: state.view.current,
            revision: state.session.editor.revision(),
            countries: doc
                .map(|d| countries_in(state.project(), d))
                .unwrap_or_default(),
            claims,
            checks,
        }
    }
}

/// Claim lines shown before the rest scroll: a long article can hold
/// hundreds of claims, and the plot must keep its room.
const CLAIM_LINES_SHOWN: usize = 6;

fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

impl ChartPanel {
    /// Shown beside the article from the start: the analyst should see the
    /// numbers next to the text without asking.
    pub fn new() -> Self {
        Self {
            visible: true,
            ..Default::default()
        }
    }

    /// NATO's editions: the imported workbooks' with the bundled ones.
    pub fn nato(&self) -> Result<&data::nato::NatoData, String> {
        match &self.nato {
            Some(n) => Ok(n),
            None => data::nato::bundled().map_err(|e| e.to_string()),
        }
    }

    /// The options for the current document: its countries highlighted (and
    /// drawn as lines in a time series) and its claims marked.
    fn effective_options(&mut self, state: &AppState) -> ChartOptions {
        let mut o = self.options.clone();
        if state.current_document().is_some() {
            let facts = self.facts(state);
            o.highlight = facts.countries.clone();
            o.claims = facts.claims.clone();
        }

        o.year = self.shown_year(state);
        if let Some(f) = &self.focus
            && !o.highlight.contains(f)
        {
            o.highlight.insert(0, f.clone());
        }
        if o.kind == ChartKind::Series && o.countries.is_empty() {
            o.countries = o
                .highlight
                .iter()
                .filter(|c| {
                    self.nato()
                        .is_ok_and(|n| n.dataset.country_name(c).is_some())
                })
                .take(6)
                .cloned()
                .collect();
            if o.countries.is_empty() {
                o.countries = vec!["USA".into(), "POL".into(), "DEU".into()];
            }
        }
        if self.corpus_claims && o.kind == ChartKind::Series {
            o.claims = corpus_claims(state.project(), &o.countries);
        }
        o
    }

    /// Bars show one year: unless the analyst chose one, the year the
    /// article's claims talk about, so that they can be drawn. That year is
    /// taken once per document: typing a claim's year in the inspector must
    /// not move the chart behind the analyst's back.
    fn shown_year(&mut self, state: &AppState) -> Option<i32> {
        if let Some(year) = self.options.year {
            return Some(year);
        }
        let doc = state.current_document()?.id;
        if let Some((d, year)) = self.auto_year
            && d == doc
        {
            return year;
        }
        let year = self.facts(state).claims.iter().find_map(|c| c.year);
        // Until the article has a dated claim, the latest year is shown and
        // the first dated claim may still choose.
        if year.is_some() {
            self.auto_year = Some((doc, year));
        }
        year
    }

    /// The current document's facts, read again only after a change.
    fn facts(&mut self, state: &AppState) -> &DocFacts {
        let fresh = self.facts.as_ref().is_some_and(|f| {
            f.doc == state.view.current && f.revision == state.session.editor.revision()
        });
        if !fresh {
            let facts = DocFacts::of(state, self.nato().ok());
            self.facts = Some(facts);
        }
        self.facts.as_ref().expect("filled above")
    }

    /// The figure for the current state, rebuilt only when its inputs change.
    pub fn chart(&mut self, state: &AppState) -> Result<Arc<Chart>, String> {
        let options = self.effective_options(state);
        if let Some((o, generation, c)) = &self.cache
            && *o == options
            && *generation == self.imported_generation
        {
            return c.clone();
        }
        let built = self.nato().and_then(|nato| {
            chart::build(nato, self.imported.as_ref(), &options)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        });
        self.cache = Some((options, self.imported_generation, built.clone()));
        built
    }

    /// Reads NATO's Excel workbook as an edition of its own, keeps it in
    /// the data folder for the next launch and shows it; what is loaded is
    /// untouched when the workbook cannot be read.
    pub fn import_workbook(&mut self, path: &std::path::Path) -> Action {
        let current = match self.nato() {
            Ok(n) => n.clone(),
            Err(e) => return Action::Inbox(InboxAction::Notify(Severity::Error, e)),
        };
        super::editions::import_workbook(self, current, path)
    }

    /// Loads the workbooks kept in the data folder (at launch).
    pub fn load_kept_editions(&mut self) -> Option<Action> {
        super::editions::load_kept(self)
    }

    /// Loads the analyst's own figures; returns what to tell them.
    pub fn import_figures(&mut self, path: &std::path::Path) -> Action {
        if super::editions::is_workbook(path) {
            return self.import_workbook(path);
        }
        let options = data::import::ImportOptions::default();
        match data::import::import_file(path, &options) {
            Ok(imported) => {
                let issues: Vec<String> = imported
                    .issues
                    .iter()
                    .map(|i| format!("{}: {i}", path.display()))
                    .chain(imported.notes.iter().cloned())
                    .collect();
                let rows = imported.dataset.observations().len();
                let bad = imported.issues.len();
                let layout = imported.layout.name();
                self.imported = Some(imported);
                self.imported_generation += 1;
                self.options.kind = ChartKind::Compare;
                let mut text = format!(
                    "Loaded {rows} figures from {} ({layout} layout)",
                    path.display()
                );
                if bad > 0 {
                    text.push_str(&format!("; {bad} row(s) could not be read (see Notices)"));
                }
                Action::Inbox(InboxAction::NotifyDetails(
                    if bad > 0 {
                        Severity::Warning
                    } else {
                        Severity::Info
                    },
                    text,
                    issues,
                ))
            }
            Err(e) => Action::Inbox(InboxAction::Notify(
                Severity::Error,
                format!("Could not import figures: {e}"),
            )),
        }
    }

    /// The panel: its controls, the claims checked, the legend, the plot,
    /// and the documents mentioning a clicked country.
    pub fn show(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        self.controls(ui, actions, state);
        ui.separator();
        let chart = match self.chart(state) {
            Ok(c) => c,
            Err(why) => {
                self.empty_state(ui, state, &why);
                return;
            }
        };
        ui.label(egui::RichText::new(&chart.title).strong());
        if !chart.subtitle.is_empty() {
            ui.label(egui::RichText::new(&chart.subtitle).small());
        }
        self.claim_checks(ui, state);
        for n in &chart.notes {
            ui.label(egui::RichText::new(n).small().weak());
        }
        // The figure's legend above the plot, wrapped: drawn inside the
        // plot (egui_plot's own), it covered bars and country names.
        legend(ui, &chart.legend);
        let list_height = if self.clicked_country.is_some() {
            120.0
        } else {
            0.0
        };
        let plot_height = (ui.available_height() - 40.0 - list_height).max(160.0);
        let clicked = draw(ui, &chart, plot_height);
        if let Some(iso3) = clicked {
            self.clicked_country = Some(iso3);
        }
        ui.label(egui::RichText::new(&chart.source).small().weak());
        if let Some(iso3) = self.clicked_country.clone() {
            self.documents_mentioning(ui, state, actions, &iso3, list_height);
        }
    }

    /// Every claim of the article against the official figure, whatever
    /// the chart shows; those far off tinted, and a long list scrolled.
    fn claim_checks(&mut self, ui: &mut Ui, state: &AppState) {
        let checks = &self.facts(state).checks;
        let show = |ui: &mut Ui, (line, off): &(String, bool)| {
            let tint = if *off {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.label(egui::RichText::new(line).color(tint).strong());
        };
        if checks.len() <= CLAIM_LINES_SHOWN {
            checks.iter().for_each(|c| show(ui, c));
        } else {
            let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
            egui::ScrollArea::vertical()
                .id_salt("claim_checks")
                .max_height(row * CLAIM_LINES_SHOWN as f32)
                .auto_shrink([false, true])
                .show_rows(ui, row, checks.len(), |ui, range| {
                    checks[range].iter().for_each(|c| show(ui, c));
                });
        }
    }

    /// The documents mentioning the country whose bar was clicked, each a
    /// link to it, in a list `height` points tall.
    fn documents_mentioning(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        actions: &mut Vec<Action>,
        iso3: &str,
        height: f32,
    ) {
        let name = self
            .nato()
            .ok()
            .and_then(|n| n.dataset.country_name(iso3).map(str::to_owned))
            .unwrap_or_else(|| iso3.to_owned());
        let rev = state.session.editor.revision();
        if !matches!(&self.mentioning, Some((c, r, _)) if *c == iso3 && *r == rev) {
            let docs = documents_mentioning(state.project(), iso3);
            self.mentioning = Some((iso3.to_owned(), rev, docs));
        }
        let docs = self.mentioning.as_ref().expect("filled above").2.clone();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(format!("Documents mentioning {name}: {}", docs.len()))
                    .strong(),
            );
            if ui.small_button("Close").clicked() {
                self.clicked_country = None;
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("country_docs")
            .max_height(height)
            .show(ui, |ui| {
                for id in docs {
                    if let Some(d) = state.project().document(id)
                        && ui
                            .selectable_label(state.view.current == Some(id), d.title())
                            .clicked()
                    {
                        actions.push(Action::View(ViewAction::SelectDocument(id)));
                    }
                }
            });
    }

    /// What shows instead of a figure when the options select none: a
    /// sentence, not an error, and the way back to a year with figures.
    fn empty_state(&mut self, ui: &mut Ui, state: &AppState, why: &str) {
        ui.add_space(12.0);
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("Nothing to draw").strong());
            // The figures' names as people say them, not their file names
            // ("pct_defence_expenditure").
            let mut sentence = why.to_owned();
            for measure in data::Measure::ALL {
                let words = match measure {
                    data::Measure::PctGdp => "defence expenditure (% of GDP)",
                    data::Measure::EquipmentShare => "equipment (% of defence expenditure)",
                    data::Measure::UsdCurrent => "defence expenditure (current US$)",
                    data::Measure::UsdConstant2015 => "defence expenditure (constant 2015 US$)",
                    data::Measure::UsdConstant2021 => "defence expenditure (constant 2021 US$)",
                };
                sentence = sentence.replace(&measure.to_string(), words);
            }
            if let Some(first) = sentence.get(..1) {
                sentence.replace_range(..1, &first.to_uppercase());
            }
            ui.label(format!("{sentence}."));
            // An older edition may lack a table altogether (the August 2025
            // edition has no equipment shares): the way back is the latest.
            if self.options.edition.is_some() {
                if ui.button("Show the latest edition").clicked() {
                    self.options.edition = None;
                }
            } else if self.shown_year(state).is_some()
                && ui.button("Show the latest year with figures").clicked()
            {
                self.options.year = None;
                self.auto_year = state.view.current.map(|d| (d, None));
            }
        });
    }

    fn controls(&mut self, ui: &mut Ui, actions: &mut Vec<Action>, state: &AppState) {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Chart");
            egui::ComboBox::from_id_salt("chart_kind")
                .selected_text(kind_text(self.options.kind))
                .show_ui(ui, |ui| {
                    for k in ChartKind::ALL {
                        if k == ChartKind::Compare && self.imported.is_none() {
                            continue;
                        }
                        ui.selectable_value(&mut self.options.kind, k, kind_text(k));
                    }
                })
                .response
                .labelled_by(l.id);
            if matches!(
                self.options.kind,
                ChartKind::Bars | ChartKind::Equipment | ChartKind::Gap | ChartKind::Compare
            ) {
                let l = ui.label("Year");
                let shown = self.shown_year(state);
                let mut year = shown.unwrap_or(2024);
                let last = self.nato().map_or(2026, |n| n.latest().year);
                let r = ui
                    .add(egui::DragValue::new(&mut year).range(2014..=last))
                    .labelled_by(l.id);
                if r.changed() {
                    self.options.year = Some(year);
                }
            }
            super::editions::edition_selector(self, ui);
        });
        if self.options.kind != ChartKind::Equipment {
            ui.horizontal_wrapped(|ui| {
                ui.label("Targets:");
                for (v, text) in [(2.0, "2 %"), (3.5, "3.5 % core"), (5.0, "5 % total")] {
                    let mut on = self.options.targets.contains(&v);
                    if ui.checkbox(&mut on, text).changed() {
                        if on {
                            self.options.targets.push(v);
                        } else {
                            self.options.targets.retain(|t| *t != v);
                        }
                    }
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Import figures…")
                .on_hover_text("Your own CSV: long or wide form, World Bank or SIPRI layout")
                .clicked()
            {
                actions.push(Action::Window(WindowAction::Run(UiCommand::ImportFigures)));
            }
            for (label, command) in [
                ("Export PNG…", UiCommand::ExportChartPng),
                ("Export SVG…", UiCommand::ExportChartSvg),
                ("Export data CSV…", UiCommand::ExportChartCsv),
            ] {
                if ui
                    .button(label)
                    .on_hover_text(command.spec().help)
                    .clicked()
                {
                    actions.push(Action::Window(WindowAction::Run(command)));
                }
            }
        });
        // On a row of its own, wrapped: a long country name once widened
        // the toolbar, and with it the panel, over the article.
        if let Some(iso3) = self.focus.clone() {
            ui.horizontal_wrapped(|ui| {
                ui.add(egui::Label::new(format!("Focus: {}", country_name(&iso3))).truncate());
                if ui
                    .small_button("Clear focus")
                    .on_hover_text("Stop highlighting the country clicked in the text (Esc)")
                    .clicked()
                {
                    self.focus = None;
                }
            });
        }
    }

    /// Writes the current figure to `path` as PNG, SVG or CSV (by extension).
    pub fn export(&mut self, state: &AppState, path: &std::path::Path) -> Result<String, String> {
        let chart = self.chart(state)?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let bytes = match ext.as_str() {
            "svg" => chart::svg::render(&chart).svg.into_bytes(),
            "png" => chart::png::render(&chart, 2.0).map_err(|e| e.to_string())?,
            "csv" => chart::table::to_string(&chart).into_bytes(),
            other => {
                return Err(format!(
                    "unknown chart format “.{other}” (use .png, .svg or .csv)"
                ));
            }
        };
        crate::project::write_atomically(path, &bytes, false)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(format!("Chart written to {}", path.display()))
    }
}

/// A country's name in NATO's tables, else its code.
fn country_name(iso3: &str) -> String {
    data::nato::bundled()
        .ok()
        .and_then(|n| n.dataset.country_name(iso3).map(str::to_owned))
        .unwrap_or_else(|| iso3.to_owned())
}

fn kind_text(k: ChartKind) -> &'static str {
    match k {
        ChartKind::Bars => "Allies ranked (% of GDP)",
        ChartKind::Series => "Time series",
        ChartKind::Equipment => "Equipment share (20 % guideline)",
        ChartKind::Gap => "Distance to target",
        ChartKind::Compare => "NATO against imported figures",
        ChartKind::Revisions => "Revisions across editions",
    }
}

/// The thinnest grid spacing egui_plot draws (its default, set explicitly
/// because [`readable_steps`] derives pixels from it).
const GRID_MIN_PX: f32 = 8.0;

/// How far apart labelled marks are, at least: where egui_plot draws the
/// labels of each axis at full strength (numbers are wider than tall).
const X_LABEL_PX: f64 = 80.0;
const Y_LABEL_PX: f64 = 30.0;
/// The height a country's name needs on the category axis.
const ROW_LABEL_PX: f64 = 15.0;

/// egui_plot's default grid steps are powers of ten, and it labels a step
/// only when its marks are far enough apart (on the x axis 60 px, fully from
/// 80 px): a 300 px axis from 0 to 6 % of GDP showed "0" alone, and twelve
/// years none. Steps of 1, 2 or 5 times a power of ten, the labelled one
/// `label_px` apart or more, with fainter lines between, keep the axis
/// readable at any size. No step is finer than `finest` (1 for years; 0 for
/// none).
fn readable_steps(
    input: egui_plot::GridInput,
    finest: f64,
    label_px: f64,
) -> Vec<egui_plot::GridMark> {
    let per_px = input.base_step_size / f64::from(GRID_MIN_PX);
    let (lo, hi) = input.bounds;
    if !(per_px.is_finite() && per_px > 0.0 && lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    let want = (per_px * label_px).max(finest);
    let power = 10f64.powf(want.log10().floor());
    let mantissa = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| m * power >= want * (1.0 - 1e-9))
        .unwrap_or(10.0);
    let major = mantissa * power;
    // A major step splits into 4 (2 → 0.5) or 5 (1 → 0.2, 5 → 1) minor ones.
    let parts: i64 = match if mantissa == 2.0 { 4 } else { 5 } {
        p if major / p as f64 >= finest => p,
        _ => 1,
    };
    let minor = major / parts as f64;
    let first = (lo / minor).ceil() as i64;
    let last = (hi / minor).floor() as i64;
    if last < first || last.saturating_sub(first) > 10_000 {
        return Vec::new();
    }
    (first..=last)
        .map(|i| {
            if i % parts == 0 {
                // Computed from the major step, so that labels read "1.5",
                // not "1.5000000000000002".
                egui_plot::GridMark {
                    value: (i / parts) as f64 * major,
                    step_size: major,
                }
            } else {
                egui_plot::GridMark {
                    value: i as f64 * minor,
                    step_size: minor,
                }
            }
        })
        .collect()
}

/// A value axis label with as many decimals as its step needs: egui_plot's
/// own formatter takes them from the axis range and printed the marks of a
/// 0.5 step on a 0–6.5 % axis as "0, 0, 1, 1, 2, 2".
fn step_label(mark: egui_plot::GridMark) -> String {
    let decimals = (-mark.step_size.log10().floor()).clamp(0.0, 3.0) as usize;
    let text = format!("{:.*}", decimals, mark.value);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    // "-0" for a value a hair below zero.
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// Draws the figure; returns the ISO3 of a clicked bar.
fn draw(ui: &mut Ui, chart: &Chart, height: f32) -> Option<String> {
    let horizontal = chart.orientation == Orientation::HorizontalBars;
    let n = chart.categories.len();
    let plot = configured_plot(ui, chart, height);
    // The figure's claim colour is near-black, for exported figures on
    // white; on a dark plot it would vanish.
    let (dark, strong) = (ui.visuals().dark_mode, ui.visuals().strong_text_color());
    let claim_color = move |c: Rgb| if dark { strong } else { color(c) };
    let response = plot.show(ui, |p| {
        plot_bars(p, chart);
        plot_lines(p, chart);
        plot_targets_and_deadlines(p, chart);
        plot_claims(p, chart, &claim_color);
        let at = p.pointer_coordinate();
        (p.response().clicked().then_some(at).flatten(), at)
    });
    let (clicked, hovered) = response.inner;
    if !horizontal || n == 0 {
        return None;
    }
    let category_at = |point: egui_plot::PlotPoint| {
        let i = n as f64 - 1.0 - point.y.round();
        (i >= 0.0)
            .then(|| chart.categories.get(i as usize))
            .flatten()
    };
    // The hovered row's figures in a tooltip, which egui keeps on screen.
    if let Some(c) = hovered.and_then(category_at)
        && response.response.hovered()
    {
        category_tooltip(&response.response, chart, c);
    }
    clicked.and_then(category_at).map(|c| c.iso3.clone())
}

/// The plot of `chart` with its axes named, spaced and labelled: countries
/// down the side of horizontal bars, years along a time series.
fn configured_plot(ui: &Ui, chart: &Chart, height: f32) -> Plot<'static> {
    let horizontal = chart.orientation == Orientation::HorizontalBars;
    let axis_width = if horizontal {
        category_axis_width(ui, chart)
    } else {
        0.0
    };
    let plot = Plot::new(("spending_chart", chart.kind.name()))
        .height(height)
        .y_axis_min_width(axis_width)
        .allow_scroll(false)
        .grid_spacing(egui::Rangef::new(GRID_MIN_PX, 300.0))
        .x_axis_label(if horizontal {
            chart.value_axis.label.clone()
        } else {
            "Year".to_owned()
        })
        .y_axis_label(if horizontal {
            String::new()
        } else {
            chart.value_axis.label.clone()
        });
    if horizontal {
        category_axes(plot, chart)
    } else {
        time_axes(plot, chart)
    }
}

/// The width of the widest country name, and a margin.
///
/// egui_plot widens its y axis to the widest label only on the next frame,
/// and keeps the width it had; measured here, every name is whole from the
/// start ("United States", not "tes").
fn category_axis_width(ui: &Ui, chart: &Chart) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    chart
        .categories
        .iter()
        .map(|c| {
            ui.painter()
                .layout_no_wrap(c.label.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0, f32::max)
        + 12.0
}

/// Horizontal bars: a country's name beside its row, values along the
/// bottom.
fn category_axes<'a>(plot: Plot<'a>, chart: &Chart) -> Plot<'a> {
    let categories: Vec<String> = chart.categories.iter().map(|c| c.label.clone()).collect();
    let n = categories.len();
    let highlighted: Vec<i64> = chart
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.highlighted)
        .map(|(i, _)| i as i64)
        .collect();
    plot.y_axis_formatter(move |mark, _| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
            categories[n - 1 - i as usize].clone()
        } else {
            String::new()
        }
    })
    .y_grid_spacer(move |input| row_marks(&input, n, &highlighted))
    .show_grid([true, false])
    .x_grid_spacer(|input| readable_steps(input, 0.0, X_LABEL_PX))
    .x_axis_formatter(|mark, _| step_label(mark))
    .include_x(chart.value_axis.min)
    .include_x(chart.value_axis.max)
    .include_y(-0.6)
    .include_y(n as f64 - 0.4)
}

/// The rows of `n` categories that get a name: one mark per country, so
/// that every bar is named, where the rows are tall enough for a name each;
/// in a short plot every few rows from the top and the `highlighted` ones
/// (counted from the top), since names written over each other name
/// nothing.
fn row_marks(
    input: &egui_plot::GridInput,
    n: usize,
    highlighted: &[i64],
) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = input.bounds;
    let points_per_row = f64::from(GRID_MIN_PX) / input.base_step_size;
    let every = if points_per_row.is_finite() && points_per_row > 0.0 {
        (ROW_LABEL_PX / points_per_row).ceil().clamp(1.0, 1e6) as i64
    } else {
        1
    };
    // Highlighted rows first, none within `every` rows of another; then
    // every few rows, clear of those.
    let mut named: Vec<i64> = Vec::new();
    for &h in highlighted {
        if named.iter().all(|m| (m - h).abs() >= every) {
            named.push(h);
        }
    }
    let near_highlight = |row: i64| named.iter().any(|m| (m - row).abs() < every && *m != row);
    ((lo.ceil().max(0.0) as i64)..=(hi.floor() as i64))
        .filter(|v| {
            let from_top = n as i64 - 1 - v;
            named.contains(&from_top) || (from_top % every == 0 && !near_highlight(from_top))
        })
        // egui_plot fades labels whose step looks small on screen; a larger
        // nominal step keeps every name shown.
        .map(|v| egui_plot::GridMark {
            value: v as f64,
            step_size: 10.0,
        })
        .collect()
}

/// A time series: whole years along the bottom, values up the side.
fn time_axes<'a>(plot: Plot<'a>, chart: &Chart) -> Plot<'a> {
    let mut plot = plot
        .x_grid_spacer(|input| readable_steps(input, 1.0, X_LABEL_PX))
        .y_grid_spacer(|input| readable_steps(input, 0.0, Y_LABEL_PX))
        .y_axis_formatter(|mark, _| step_label(mark))
        .include_y(chart.value_axis.min)
        .include_y(chart.value_axis.max);
    if let Some(t) = &chart.time_axis {
        plot = plot.include_x(t.min).include_x(t.max);
    }
    plot
}

/// The plot row of category `i`: category 0 at the top, as in the figure.
fn row_of(chart: &Chart, i: usize) -> f64 {
    (chart.categories.len() - 1 - i) as f64
}

/// Each bar series side by side in its category's row; estimates paler
/// and outlined.
fn plot_bars(p: &mut egui_plot::PlotUi<'_>, chart: &Chart) {
    let horizontal = chart.orientation == Orientation::HorizontalBars;
    for (s, series) in chart.bar_series.iter().enumerate() {
        let k = chart.bar_series.len().max(1) as f64;
        let width = 0.8 / k;
        let offset = (s as f64 - (k - 1.0) / 2.0) * width;
        let bars: Vec<Bar> = chart
            .categories
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                c.bars
                    .iter()
                    .filter(|b| b.series == s)
                    .map(move |b| (i, c, b))
            })
            .map(|(i, c, b)| {
                let base = if c.highlighted {
                    series.highlight_color
                } else {
                    series.color
                };
                let fill = if b.estimate {
                    color(base).gamma_multiply(0.55)
                } else {
                    color(base)
                };
                let mut bar = Bar::new(row_of(chart, i) + offset, b.value)
                    .width(width * 0.95)
                    .fill(fill)
                    .name(format!(
                        "{}: {}{}",
                        c.label,
                        b.text,
                        if b.estimate { " (estimate)" } else { "" }
                    ));
                if b.estimate {
                    bar = bar.stroke(egui::Stroke::new(1.0, color(base)));
                }
                bar
            })
            .collect();
        let mut bc = BarChart::new(series.name.clone(), bars)
            .color(color(series.color))
            // The bar's own text, drawn by egui_plot at the bar's end, ran
            // off the panel for the longest bars; a tooltip says it
            // instead.
            .element_formatter(Box::new(|_, _| String::new()));
        if horizontal {
            bc = bc.horizontal();
        }
        p.bar_chart(bc);
    }
}

/// Each country's line (dashed where it bridges a gap), its NATO points
/// filled and the press's open.
fn plot_lines(p: &mut egui_plot::PlotUi<'_>, chart: &Chart) {
    for line in &chart.lines {
        for seg in line.segments() {
            let pts: PlotPoints = line.points[seg.from..=seg.to]
                .iter()
                .map(|pt| [pt.year as f64, pt.value])
                .collect();
            let mut l = Line::new(line.name.clone(), pts)
                .color(color(line.color))
                .width(if line.highlighted { 3.0 } else { 1.8 });
            if seg.dashed {
                l = l.style(LineStyle::Dashed { length: 6.0 });
            }
            p.line(l);
        }
        let pts: PlotPoints = line
            .points
            .iter()
            .filter(|pt| !pt.secondary)
            .map(|pt| [pt.year as f64, pt.value])
            .collect();
        p.points(
            Points::new(line.name.clone(), pts)
                .color(color(line.color))
                .radius(2.5),
        );
        // Figures from the press, open as in the figure and its legend:
        // told apart from NATO's own points and from the claims.
        let press: Vec<[f64; 2]> = line
            .points
            .iter()
            .filter(|pt| pt.secondary)
            .map(|pt| [pt.year as f64, pt.value])
            .collect();
        if !press.is_empty() {
            p.points(
                Points::new(format!("{} (press reports)", line.name), press)
                    .shape(egui_plot::MarkerShape::Circle)
                    .filled(false)
                    .color(color(line.color))
                    .radius(4.5),
            );
        }
    }
}

/// The targets as dashed lines across the values, the deadlines as dotted
/// lines at their years.
fn plot_targets_and_deadlines(p: &mut egui_plot::PlotUi<'_>, chart: &Chart) {
    let horizontal = chart.orientation == Orientation::HorizontalBars;
    for t in &chart.targets {
        let style = LineStyle::Dashed { length: 8.0 };
        if horizontal {
            p.vline(
                VLine::new(t.label.clone(), t.value)
                    .color(color(t.color))
                    .style(style)
                    .width(1.5),
            );
        } else {
            p.hline(
                HLine::new(t.label.clone(), t.value)
                    .color(color(t.color))
                    .style(style)
                    .width(1.5),
            );
        }
    }
    for d in &chart.deadlines {
        p.vline(
            VLine::new(d.label.clone(), d.year as f64)
                .color(color(d.color))
                .style(LineStyle::Dotted { spacing: 6.0 }),
        );
    }
}

/// The article's claims as diamonds, each named in the legend.
fn plot_claims(p: &mut egui_plot::PlotUi<'_>, chart: &Chart, claim_color: &dyn Fn(Rgb) -> Color32) {
    for m in &chart.claims {
        let (at, name) = match m.at {
            ClaimAt::Category(i) => (
                [m.claimed, row_of(chart, i)],
                format!("{}: {}", m.iso3, m.label),
            ),
            // Two claims of one country in a time series are told apart by
            // their year (with one name, egui_plot made them one legend
            // entry).
            ClaimAt::Year(y) => (
                [y as f64, m.claimed],
                format!("{} {y}: {}", m.iso3, m.label),
            ),
        };
        p.points(
            // The legend names the point; the full check (with the official
            // figure and its edition) is listed above the plot.
            Points::new(name, vec![at])
                .shape(egui_plot::MarkerShape::Diamond)
                .radius(7.0)
                .color(claim_color(m.color))
                .filled(true),
        );
    }
}

/// The figures of the hovered category, each with its series.
fn category_tooltip(response: &egui::Response, chart: &Chart, c: &crate::chart::Category) {
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.strong(&c.label);
        for b in &c.bars {
            let series = chart
                .bar_series
                .get(b.series)
                .map_or("", |s| s.name.as_str());
            let estimate = if b.estimate { " (estimate)" } else { "" };
            ui.label(format!("{series}: {}{estimate}", b.text));
        }
    });
}

/// The legend as a wrapped row of swatches and names. Each entry is one
/// widget, so that the row wraps between entries (a swatch and its name
/// laid out as two would run past the panel's edge).
fn legend(ui: &mut Ui, entries: &[crate::chart::LegendEntry]) {
    use crate::chart::LegendSymbol;
    const SWATCH: egui::Vec2 = egui::vec2(18.0, 12.0);
    const GAP: f32 = 4.0;
    let (dark, strong) = (ui.visuals().dark_mode, ui.visuals().strong_text_color());
    let text_color = ui.visuals().text_color();
    let font = egui::TextStyle::Small.resolve(ui.style());
    let wrap_at = (ui.available_width() - SWATCH.x - GAP).max(40.0);
    ui.horizontal_wrapped(|ui| {
        for entry in entries {
            let galley =
                ui.painter()
                    .layout(entry.label.clone(), font.clone(), text_color, wrap_at);
            let size = egui::vec2(
                SWATCH.x + GAP + galley.size().x,
                SWATCH.y.max(galley.size().y),
            );
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, true, entry.label.as_str())
            });
            let swatch = egui::Rect::from_min_size(
                egui::pos2(rect.left(), rect.center().y - SWATCH.y / 2.0),
                SWATCH,
            );
            let c = match entry.symbol {
                // As the markers on the plot: near-black vanishes on dark.
                LegendSymbol::ClaimMarker if dark => strong,
                _ => color(entry.color),
            };
            let painter = ui.painter();
            paint_symbol(painter, entry.symbol, swatch, c);
            painter.galley(
                egui::pos2(
                    swatch.right() + GAP,
                    rect.center().y - galley.size().y / 2.0,
                ),
                galley,
                text_color,
            );
        }
    });
}

/// A legend entry's symbol, as the plot draws it, in `swatch`.
fn paint_symbol(
    painter: &egui::Painter,
    symbol: crate::chart::LegendSymbol,
    swatch: egui::Rect,
    c: Color32,
) {
    use crate::chart::LegendSymbol;
    let (left, right) = (swatch.left_center(), swatch.right_center());
    match symbol {
        LegendSymbol::Bar => {
            painter.rect_filled(swatch.shrink2(egui::vec2(1.0, 2.0)), 1.0, c);
        }
        LegendSymbol::EstimateBar => {
            let r = swatch.shrink2(egui::vec2(1.0, 2.0));
            painter.rect_filled(r, 1.0, c.gamma_multiply(0.55));
            painter.rect_stroke(r, 1.0, egui::Stroke::new(1.0, c), egui::StrokeKind::Inside);
        }
        LegendSymbol::Line => {
            painter.line_segment([left, right], egui::Stroke::new(2.5, c));
        }
        LegendSymbol::DashedLine | LegendSymbol::TargetLine => {
            painter.extend(egui::Shape::dashed_line(
                &[left, right],
                egui::Stroke::new(1.5, c),
                4.0,
                3.0,
            ));
        }
        LegendSymbol::OpenMarker => {
            painter.circle_stroke(swatch.center(), 4.0, egui::Stroke::new(1.5, c));
        }
        LegendSymbol::ClaimMarker => {
            let m = swatch.center();
            painter.add(egui::Shape::convex_polygon(
                vec![
                    m + egui::vec2(0.0, -5.0),
                    m + egui::vec2(5.0, 0.0),
                    m + egui::vec2(0.0, 5.0),
                    m + egui::vec2(-5.0, 0.0),
                ],
                c,
                egui::Stroke::NONE,
            ));
        }
    }
}

/// Reports an export's outcome as a notice.
pub fn export_notice(result: Result<String, String>) -> Action {
    match result {
        Ok(m) => Action::Inbox(InboxAction::Notify(Severity::Info, m)),
        Err(e) => Action::Inbox(InboxAction::Notify(
            Severity::Error,
            format!("Could not export the chart: {e}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks for `bounds` drawn `px` wide, as egui_plot asks for them.
    fn marks(bounds: (f64, f64), px: f64, finest: f64) -> (Vec<f64>, Vec<f64>) {
        marks_labelled(bounds, px, finest, X_LABEL_PX)
    }

    fn marks_labelled(
        bounds: (f64, f64),
        px: f64,
        finest: f64,
        label_px: f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let input = egui_plot::GridInput {
            bounds,
            base_step_size: (bounds.1 - bounds.0) / px * f64::from(GRID_MIN_PX),
        };
        let all = readable_steps(input, finest, label_px);
        let largest = all.iter().map(|m| m.step_size).fold(0.0, f64::max);
        let (major, minor): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|m| m.step_size == largest);
        (
            major.into_iter().map(|m| m.value).collect(),
            minor.into_iter().map(|m| m.value).collect(),
        )
    }

    #[test]
    fn percent_axes_are_labelled_every_few_points() {
        // The bar chart's value axis: 0–6.5 % of GDP in 300 px.
        let (major, minor) = marks((0.0, 6.5), 300.0, 0.0);
        assert_eq!(major, [0.0, 2.0, 4.0, 6.0]);
        assert_eq!(minor.len(), 10, "{minor:?}");
        assert!(minor.contains(&0.5) && minor.contains(&6.5));
        // Wider, finer: a label per point, and exact values ("1.5", never
        // "1.5000000000000002").
        let (major, _) = marks((0.0, 4.0), 700.0, 0.0);
        assert_eq!(major, [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]);
    }

    #[test]
    fn a_short_value_axis_keeps_a_label_every_point_or_two() {
        // The time series' y axis, 0–6.5 % in 160 px.
        let (major, _) = marks_labelled((0.0, 6.5), 160.0, 0.0, Y_LABEL_PX);
        assert_eq!(major, [0.0, 2.0, 4.0, 6.0]);
        let (major, _) = marks_labelled((0.0, 6.5), 200.0, 0.0, Y_LABEL_PX);
        assert_eq!(major, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    }

    #[test]
    fn value_labels_carry_the_decimals_their_step_needs() {
        let label =
            |value: f64, step_size: f64| step_label(egui_plot::GridMark { value, step_size });
        assert_eq!(label(1.5, 0.5), "1.5");
        assert_eq!(label(2.0, 0.5), "2");
        assert_eq!(label(4.0, 2.0), "4");
        assert_eq!(label(0.30000000000000004, 0.1), "0.3");
        assert_eq!(label(-1e-12, 0.5), "0");
        assert_eq!(label(20.0, 10.0), "20");
    }

    #[test]
    fn year_axes_step_in_whole_years() {
        let (major, minor) = marks((2013.5, 2035.5), 400.0, 1.0);
        assert_eq!(major, [2015.0, 2020.0, 2025.0, 2030.0, 2035.0]);
        assert!(minor.iter().all(|y| y.fract() == 0.0), "{minor:?}");
        // Very wide: one label a year, nothing in between.
        let (major, minor) = marks((2014.0, 2025.0), 2000.0, 1.0);
        assert_eq!(major.len(), 12);
        assert!(minor.is_empty(), "{minor:?}");
    }

    #[test]
    fn degenerate_ranges_give_no_marks() {
        for (bounds, base) in [
            ((0.0, 1.0), 0.0),
            ((0.0, 1.0), f64::NAN),
            ((f64::NEG_INFINITY, 1.0), 0.1),
            ((0.0, 1e300), 1e-300),
        ] {
            let input = egui_plot::GridInput {
                bounds,
                base_step_size: base,
            };
            assert!(
                readable_steps(input, 0.0, X_LABEL_PX).is_empty(),
                "{bounds:?} {base}"
            );
        }
    }
}
