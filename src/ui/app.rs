use std::path::PathBuf;
use std::time::Instant;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};
use serde::{Deserialize, Serialize};

use super::agreement::AgreementWindow;
use super::article::{ArticleEvent, ArticleInput, ArticleView};
use super::chart::{self, ChartPanel};
use super::curation::CurationWindow;
use super::dialogs::Dialogs;
use super::export_dialog::ExportDialog;
use super::gazetteer::GazetteerWindow;
use super::layout::{self, CentralTab, Fold, PanelRects};
use super::ledger::LedgerWindow;
use super::library::LibraryPanel;
use super::state::{Action, AppState};
use super::{inspector, menu, prompts, safekeeping, status};
use crate::model::Status;

/// The application: state, plus what only the window needs (layout caches,
/// dialogs, the library filter).
pub struct DossierApp {
    pub state: AppState,
    pub article: ArticleView,
    pub library: LibraryPanel,
    pub dialogs: Dialogs,
    pub chart: ChartPanel,
    pub export: ExportDialog,
    pub gazetteer: GazetteerWindow,
    pub ledger: LedgerWindow,
    pub agreement: AgreementWindow,
    pub curation: CurationWindow,
    /// The first-start question for the analyst's name.
    pub name_prompt: super::name_prompt::NamePrompt,
    /// Whether the library is open, as the window's width suggests or as
    /// the analyst chose.
    pub library_fold: Fold,
    pub inspector_fold: Fold,
    /// What the central area shows while the chart has a tab of its own.
    pub tab: CentralTab,
    /// Where each panel was drawn on the last frame.
    pub rects: PanelRects,
    /// Whether the single-letter keys annotate: only while the article or
    /// the inspector has the keyboard (it was clicked last), never while
    /// the library, the chart or a text field has it.
    pub keys_annotate: bool,
    last_title: String,
}

pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_ALT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const OPEN_PATH: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::L);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Ctrl+Q, or ⌘Q on macOS: quitting goes through the same unsaved-work
/// question as closing the window.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// What the app starts with besides the paths to open.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// Where recovery files and crash reports go (see
    /// [`crate::recovery::data_dir`]); `None` turns autosave off.
    pub data_dir: Option<PathBuf>,
    /// What the last run remembered.
    pub settings: Settings,
    /// Whether to ask for the analyst's name when the settings hold none
    /// (the real app does; tests do only when they ask).
    pub ask_name: bool,
}

impl AppOptions {
    /// The real app's: the user's data folder.
    pub fn from_env() -> Self {
        Self {
            data_dir: crate::recovery::data_dir(),
            settings: Settings::default(),
            ask_name: true,
        }
    }
}

/// What Dossier remembers between launches, in eframe's storage (the
/// platform's config folder). Window size and panel widths are kept by
/// eframe and egui themselves, the theme choice with egui's options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub show_chart: bool,
    pub show_rejected: bool,
    /// Accept and reject move on to the next suggestion.
    pub advance_after_review: bool,
    pub library: Fold,
    pub inspector: Fold,
    pub chart: ChartSettings,
    /// The analyst's name, recorded on every annotation they handle.
    pub annotator: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            show_chart: true,
            show_rejected: false,
            advance_after_review: true,
            library: Fold::Auto,
            inspector: Fold::Auto,
            chart: ChartSettings::default(),
            annotator: None,
        }
    }
}

/// The chart's switches as the analyst left them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartSettings {
    /// The kind's command-line name ("bars", "series"…).
    pub kind: String,
    /// The year chosen for bar charts; none: the article's, or the latest.
    pub year: Option<i32>,
    /// The target lines shown, in % of GDP.
    pub targets: Vec<f64>,
    /// The NATO edition chosen; none: the latest.
    pub edition: Option<String>,
}

impl Default for ChartSettings {
    fn default() -> Self {
        let options = crate::chart::ChartOptions::default();
        Self {
            kind: options.kind.name().to_owned(),
            year: options.year,
            targets: options.targets,
            edition: options.edition,
        }
    }
}

/// The key of [`Settings`] in eframe's storage.
pub const SETTINGS_KEY: &str = "dossier.settings";

impl DossierApp {
    /// The app with `paths` opened; with none, the bundled samples. Autosave
    /// and crash recovery use the user's data folder.
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self::with_options(paths, AppOptions::from_env())
    }

    pub fn with_options(paths: Vec<PathBuf>, options: AppOptions) -> Self {
        let mut app = Self::empty();
        app.state.recent = options.settings.recent.clone();
        app.state.recent.retain(|p| p.exists());
        app.state.show_rejected = options.settings.show_rejected;
        app.state.advance_after_review = options.settings.advance_after_review;
        app.state
            .editor
            .set_annotator(options.settings.annotator.clone());
        app.name_prompt = super::name_prompt::NamePrompt::asking(
            options.ask_name,
            options.settings.annotator.as_deref(),
        );
        app.chart.visible = options.settings.show_chart;
        app.chart.data_dir = options.data_dir.clone();
        if let Some(notice) = app.chart.load_kept_editions() {
            app.state.apply(notice);
        }
        app.library_fold = options.settings.library;
        app.inspector_fold = options.settings.inspector;
        let chart = &options.settings.chart;
        // A kind this version does not know (or one that needs an imported
        // file, gone with the last session) falls back to the default.
        if let Some(kind) = crate::chart::ChartKind::parse(&chart.kind)
            && kind != crate::chart::ChartKind::Compare
        {
            app.chart.options.kind = kind;
        }
        app.chart.options.year = chart.year.filter(|y| (1949..=2100).contains(y));
        app.chart.options.targets = chart
            .targets
            .iter()
            .copied()
            .filter(|t| t.is_finite())
            .collect();
        // An edition that is no longer there (an imported workbook since
        // removed) gives way to the latest.
        app.chart.options.edition = chart
            .edition
            .clone()
            .filter(|id| app.chart.nato().is_ok_and(|n| n.edition(id).is_some()));
        let offered = options
            .data_dir
            .as_deref()
            .is_some_and(|d| app.state.start_safekeeping(d));
        // With unsaved work on offer, the samples would only be in the way.
        let samples = paths.is_empty() && !offered;
        let paths = if samples {
            crate::sample_articles_dir().into_iter().collect()
        } else {
            paths
        };
        if !paths.is_empty() {
            app.state.apply(Action::OpenPaths(paths));
            // Opening the samples is not an edit the analyst needs to save.
            if samples {
                app.state.mark_clean_after_open();
            }
        }
        app
    }

    /// What to remember for the next launch.
    pub fn settings(&self) -> Settings {
        Settings {
            recent: self.state.recent.clone(),
            show_chart: self.chart.visible,
            show_rejected: self.state.show_rejected,
            advance_after_review: self.state.advance_after_review,
            library: self.library_fold,
            inspector: self.inspector_fold,
            chart: ChartSettings {
                kind: self.chart.options.kind.name().to_owned(),
                year: self.chart.options.year,
                targets: self.chart.options.targets.clone(),
                edition: self.chart.options.edition.clone(),
            },
            annotator: self.state.editor.annotator().map(str::to_owned),
        }
    }

    /// Runs `frame` (a frame of the window) so that a panic in it first
    /// writes the unsaved work to the recovery file, then goes on to end the
    /// process as it would have. The panic hook has written the crash
    /// report by then.
    pub fn guarded<R>(&mut self, frame: impl FnOnce(&mut Self) -> R) -> R {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| frame(self))) {
            Ok(r) => r,
            Err(panic) => {
                let written = self.state.write_recovery_now();
                eprintln!("{}", safekeeping::recovery_note(written.as_deref()));
                std::panic::resume_unwind(panic)
            }
        }
    }

    pub fn empty() -> Self {
        Self {
            state: AppState::default(),
            article: ArticleView::default(),
            library: LibraryPanel::default(),
            dialogs: Dialogs::default(),
            chart: ChartPanel::new(),
            export: ExportDialog::default(),
            gazetteer: GazetteerWindow::default(),
            ledger: LedgerWindow::default(),
            agreement: AgreementWindow::default(),
            curation: CurationWindow::default(),
            name_prompt: Default::default(),
            library_fold: Fold::Auto,
            inspector_fold: Fold::Auto,
            tab: CentralTab::Article,
            rects: PanelRects::default(),
            keys_annotate: true,
            last_title: String::new(),
        }
    }

    /// Draws one frame. Separate from `eframe::App` so that tests drive it
    /// with `egui_kittest` without a native window.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();

        // Files dropped on the window open like files on the command line.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            actions.push(Action::OpenPaths(dropped));
        }
        self.state.poll_job();
        match self.state.poll_save() {
            Some(true) if self.dialogs.close_after_save => {
                self.dialogs.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(false) => self.dialogs.close_after_save = false,
            _ => {}
        }
        if self.state.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        self.follow_keyboard_home(&ctx);
        // Before the article's keys, which are off while curating.
        self.curation.keys(&ctx, &mut self.state, &mut actions);
        self.global_shortcuts(&ctx, &mut actions);

        let mut rects = PanelRects {
            window: ctx.content_rect(),
            ..Default::default()
        };
        rects.menu = Some(
            egui::Panel::top("menu_bar")
                .show(ui, |ui| {
                    menu::menu_bar(
                        ui,
                        &self.state,
                        &mut self.dialogs,
                        self.chart.visible,
                        &mut actions,
                    );
                })
                .response
                .rect,
        );
        rects.status = Some(
            egui::Panel::bottom("status_bar")
                .show(ui, |ui| {
                    status::status_bar(ui, &self.state, &mut self.dialogs, &mut actions);
                })
                .response
                .rect,
        );
        self.side_panels(ui, &mut rects, &mut actions);
        egui::CentralPanel::default_margins().show(ui, |ui| {
            self.central(ui, &mut rects, &mut actions);
        });
        self.rects = rects;

        self.dialogs.show(&ctx, &self.state, &mut actions);
        self.export.nato = self.chart.nato.clone();
        self.export.show(&ctx, &self.state, &mut actions);
        self.gazetteer.show(&ctx, &self.state, &mut actions);
        let nato = self.chart.nato().ok();
        self.ledger.show(&ctx, &self.state, nato, &mut actions);
        self.agreement.show(&ctx);
        self.curation.show(&ctx, &mut self.state, &mut actions);
        prompts::show(&ctx, &self.state, &mut actions);
        self.name_prompt.show(&ctx, &self.state, &mut actions);
        let had_actions = !actions.is_empty();
        for a in actions {
            self.dispatch(a);
        }
        if had_actions {
            ctx.request_repaint();
        }
        if let Some(wait) = self.state.autosave_tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        let title = self.state.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
        self.handle_close_request(&ctx);
    }

    /// Applies an action as a panel would send it; the one place actions
    /// take effect.
    pub fn dispatch(&mut self, action: Action) {
        match action {
            Action::Scroll(b) => {
                self.article.scroll_to(b);
                return;
            }
            Action::ImportFiguresRequest => {
                if let Some(p) = self.dialogs.request_figures_path() {
                    self.dispatch(Action::ImportFigures(p));
                }
                return;
            }
            Action::ImportWorkbookRequest => {
                if let Some(p) = self.dialogs.request_workbook_path() {
                    self.dispatch(Action::ImportFigures(p));
                }
                return;
            }
            Action::ToggleLedger => {
                self.ledger.open = !self.ledger.open;
                return;
            }
            Action::ToggleAgreement => {
                self.agreement.open = !self.agreement.open;
                return;
            }
            Action::ToggleCuration => {
                self.curation.open = !self.curation.open;
                return;
            }
            Action::ImportFigures(path) => {
                let notice = self.chart.import_figures(&path);
                self.state.apply(notice);
                return;
            }
            Action::OpenGazetteer => {
                self.gazetteer.open = true;
                return;
            }
            Action::ImportNameListRequest(label) => {
                self.dialogs.pending_list_label = label;
                self.dialogs
                    .open_typed_path(super::dialogs::PathPurpose::ImportNameList);
                return;
            }
            Action::OpenExportDialog => {
                self.export.open = true;
                return;
            }
            Action::ToggleChart => {
                self.chart.visible = !self.chart.visible;
                return;
            }
            Action::ExportChartRequest(ext) => {
                if let Some(p) = self.dialogs.request_export_path(&ext) {
                    self.dispatch(Action::ExportChart(p));
                }
                return;
            }
            Action::ExportChart(path) => {
                let outcome = self.chart.export(&self.state, &path);
                self.state.apply(chart::export_notice(outcome));
                return;
            }
            Action::SelectAnnotation(Some(id)) => {
                // A country clicked in the text is focused in the chart.
                if let Some(doc) = self.state.current_document()
                    && let Some(a) = doc.annotation(id)
                    && a.kind.label() == Some("GPE")
                {
                    let iso = match &a.kind {
                        crate::model::AnnotationKind::Entity { entity, .. } => entity
                            .and_then(|e| self.state.project().entity(e))
                            .and_then(|e| e.iso3.clone()),
                        _ => None,
                    }
                    .or_else(|| {
                        crate::data::countries::iso3_of(doc.slice(a.span)).map(str::to_owned)
                    });
                    if iso.is_some() {
                        self.chart.focus = iso;
                    }
                }
            }
            _ => {}
        }
        let before = self.state.current;
        // Selecting text or an annotation, or choosing an article, puts the
        // analyst's attention, and so the annotation keys, on the article.
        if matches!(
            action,
            Action::Select(Some(_)) | Action::SelectAnnotation(Some(_)) | Action::SelectDocument(_)
        ) {
            self.keys_annotate = true;
        }
        let scroll = matches!(action, Action::NextAnnotation { .. });
        let reveal = matches!(action, Action::Select(_)) && self.dialogs.find_active;
        self.state.apply(action);
        if scroll && let Some(a) = self.state.selected() {
            self.article.scroll_to(a.span.start);
        }
        if reveal && let Some(s) = self.state.selection {
            self.article.scroll_to(s.span().start);
        }
        // A focused country belongs to the article it was clicked in.
        if self.state.current != before {
            self.chart.focus = None;
        }
    }

    /// The library on the left and the inspector on the right, each open
    /// within widths that leave the article its column, or folded to a
    /// strip that opens it again.
    fn side_panels(&mut self, ui: &mut Ui, rects: &mut PanelRects, actions: &mut Vec<Action>) {
        let width = ui.available_width();
        let library_open = self.library_fold.is_open(width, layout::LIBRARY_FOLD_BELOW);
        let inspector_open = self
            .inspector_fold
            .is_open(width, layout::INSPECTOR_FOLD_BELOW);
        let inspector_room = if inspector_open {
            layout::INSPECTOR_MIN_WIDTH
        } else {
            layout::STRIP_WIDTH
        };
        let library = if library_open {
            let max = layout::side_max(layout::LIBRARY_MAX_WIDTH, width, inspector_room);
            egui::Panel::left("library")
                .resizable(true)
                .default_size(layout::LIBRARY_DEFAULT_WIDTH)
                .min_size(layout::LIBRARY_MIN_WIDTH)
                .max_size(max)
                .show(ui, |ui| {
                    if panel_header(ui, "Library", "Fold the library", "«") {
                        self.library_fold = Fold::Folded;
                    }
                    layout::contained(ui, |ui| self.library.show(ui, &self.state, actions));
                })
        } else {
            egui::Panel::left("library_strip")
                .exact_size(layout::STRIP_WIDTH)
                .resizable(false)
                .show(ui, |ui| {
                    if fold_strip(ui, "Library  ›", "Show the library") {
                        self.library_fold = Fold::Open;
                    }
                })
        };
        rects.library = Some(library.response.rect);
        let width = ui.available_width();
        let inspector = if inspector_open {
            let max = layout::side_max(layout::INSPECTOR_MAX_WIDTH, width, 0.0);
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(layout::INSPECTOR_DEFAULT_WIDTH)
                .min_size(layout::INSPECTOR_MIN_WIDTH)
                .max_size(max)
                .show(ui, |ui| {
                    if panel_header(ui, "Inspector", "Fold the inspector", "»") {
                        self.inspector_fold = Fold::Folded;
                    }
                    layout::contained(ui, |ui| inspector::show(ui, &self.state, actions));
                })
        } else {
            egui::Panel::right("inspector_strip")
                .exact_size(layout::STRIP_WIDTH)
                .resizable(false)
                .show(ui, |ui| {
                    if fold_strip(ui, "‹  Inspector", "Show the inspector") {
                        self.inspector_fold = Fold::Open;
                    }
                })
        };
        rects.inspector = Some(inspector.response.rect);
    }

    fn central(&mut self, ui: &mut Ui, rects: &mut PanelRects, actions: &mut Vec<Action>) {
        let width = ui.available_width();
        let whole = ui.available_rect_before_wrap();
        let beside = self.chart.visible && layout::chart_fits_beside(width);
        let tabbed = self.chart.visible && !beside;
        if tabbed {
            ui.horizontal_wrapped(|ui| {
                ui.selectable_value(&mut self.tab, CentralTab::Article, "Article");
                ui.selectable_value(&mut self.tab, CentralTab::Chart, "Chart");
                ui.label(
                    egui::RichText::new("(the window is too narrow for both side by side)")
                        .small()
                        .weak(),
                );
            });
            ui.separator();
        } else {
            self.tab = CentralTab::Article;
        }
        if tabbed && self.tab == CentralTab::Chart {
            rects.chart = Some(whole);
            layout::contained(ui, |ui| self.chart.show(ui, &self.state, actions));
            return;
        }
        if beside {
            let width = ui.available_width();
            let chart = egui::Panel::right("chart_panel")
                .resizable(true)
                .default_size(width * 0.42)
                .min_size(layout::chart_min(width))
                // The article keeps at least a readable column.
                .max_size(layout::chart_max(width))
                .show(ui, |ui| {
                    layout::contained(ui, |ui| self.chart.show(ui, &self.state, actions));
                });
            rects.chart = Some(chart.response.rect);
        }
        // The article's column: with the tab row above it when tabbed.
        let mut article = ui.available_rect_before_wrap();
        if tabbed {
            article.min.y = whole.min.y;
        }
        rects.article = Some(article);
        // Above the article only, not the chart: the find bar is about the
        // text.
        if self.dialogs.find_open {
            self.dialogs.find_bar(ui, &self.state, actions);
            ui.separator();
        }
        let Some(doc) = self.state.current_document() else {
            ui.centered_and_justified(|ui| {
                ui.label("No article open. Use File > Open Files…, drop files on the window, or File > Open Path… to type one.");
            });
            return;
        };
        let input = ArticleInput {
            doc,
            labels: &self.state.project().labels,
            revision: self.state.editor.revision(),
            selection: self.state.selection,
            selected_annotation: self.state.selected_annotation,
            show_rejected: self.state.show_rejected,
        };
        for event in self.article.show(ui, &input) {
            match event {
                ArticleEvent::Select(sel) => actions.push(Action::Select(sel)),
                ArticleEvent::ClickAnnotation(id) => {
                    actions.push(Action::SelectAnnotation(Some(id)))
                }
                ArticleEvent::ClickNothing => {
                    actions.push(Action::Select(None));
                    actions.push(Action::SelectAnnotation(None));
                }
                ArticleEvent::ContextMenu => {
                    self.dialogs.label_menu_at = ui.ctx().pointer_latest_pos();
                }
            }
        }
    }

    /// A click hands the keyboard to the panel clicked: the annotation keys
    /// to the article and the inspector, nothing to the library and the
    /// chart. Clicks in the bars, floating windows and menus change nothing.
    fn follow_keyboard_home(&mut self, ctx: &egui::Context) {
        let Some(at) = ctx.input(|i| {
            i.pointer
                .primary_pressed()
                .then(|| i.pointer.press_origin())
                .flatten()
        }) else {
            return;
        };
        if ctx
            .layer_id_at(at)
            .is_some_and(|l| l.order != egui::Order::Background)
        {
            return;
        }
        let r = &self.rects;
        let inside = |rect: Option<egui::Rect>| rect.is_some_and(|rect| rect.contains(at));
        if inside(r.article) || inside(r.inspector) {
            self.keys_annotate = true;
        } else if inside(r.library) || inside(r.chart) {
            self.keys_annotate = false;
        }
        // The menu and status bars pass the keyboard on: after Edit ▸ Undo
        // the keys still annotate.
    }

    /// Keys that work anywhere, and the annotation keys that work while the
    /// article or the inspector has the keyboard and no text field has it.
    fn global_shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let (mut quit, mut save, mut save_as, mut open) = (false, false, false, false);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_ALT) {
                actions.push(Action::Redo);
            }
            if i.consume_shortcut(&UNDO) {
                actions.push(Action::Undo);
            }
            save_as |= i.consume_shortcut(&SAVE_AS);
            save |= i.consume_shortcut(&SAVE);
            open |= i.consume_shortcut(&OPEN);
            if i.consume_shortcut(&OPEN_PATH) {
                self.dialogs
                    .open_typed_path(super::dialogs::PathPurpose::Open);
            }
            quit |= i.consume_shortcut(&QUIT);
            if i.consume_shortcut(&FIND) {
                self.dialogs.find_open = true;
                self.dialogs.focus_find = true;
            }
        });
        // Not inside `input_mut`: the context is locked there, and a native
        // file dialog blocks until the analyst answers.
        if quit {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if save && self.state.project_path.is_some() && !self.state.read_only {
            actions.push(Action::Save);
        } else if (save || save_as)
            && let Some(p) = self.dialogs.request_save_as(&self.state)
        {
            actions.push(Action::SaveAs(p));
        }
        if open && let Some(paths) = self.dialogs.request_open_files() {
            actions.push(Action::OpenPaths(paths));
        }
        if ctx.egui_wants_keyboard_input()
            || self.curation.open
            || self.dialogs.is_modal_open()
            || !self.state.prompts.is_empty()
        {
            return;
        }
        if !self.keys_annotate {
            // Esc and the article keys still work from anywhere.
            ctx.input_mut(|i| {
                if i.consume_key(Modifiers::NONE, Key::Escape) {
                    actions.push(Action::Select(None));
                    actions.push(Action::SelectAnnotation(None));
                    self.chart.focus = None;
                }
                if i.consume_key(Modifiers::ALT, Key::ArrowDown) {
                    actions.push(Action::NextDocument { forward: true });
                }
                if i.consume_key(Modifiers::ALT, Key::ArrowUp) {
                    actions.push(Action::NextDocument { forward: false });
                }
            });
            return;
        }
        let selected = self.state.selected_annotation;
        let mut escape = false;
        // After Find, Enter goes on to the next match (and a label key
        // annotates the one selected).
        let walking_matches = self.dialogs.walking_matches();
        let (mut next_match, mut previous_match) = (false, false);
        let labels: Vec<(char, String)> = self
            .state
            .project()
            .labels
            .iter()
            .filter_map(|l| l.shortcut.map(|k| (k, l.name.clone())))
            .collect();
        ctx.input_mut(|i| {
            // Physical key presses rather than typed text: they arrive the
            // same way from every platform, keyboard layout and test driver.
            let pressed: Vec<(char, Modifiers)> = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        repeat: false,
                        modifiers,
                        ..
                    } => key_char(*key).map(|c| (c, *modifiers)),
                    _ => None,
                })
                .collect();
            for (c, modifiers) in pressed {
                if modifiers.command || modifiers.alt || modifiers.ctrl {
                    continue;
                }
                let c = if modifiers.shift {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                if let Some((_, label)) = labels.iter().find(|(k, _)| k.eq_ignore_ascii_case(&c)) {
                    actions.push(Action::Label(label.clone()));
                    continue;
                }
                match c {
                    'q' | 'Q' => actions.push(Action::MarkQuote),
                    's' | 'S' => actions.push(Action::MarkClaim),
                    'a' => actions
                        .extend(selected.map(|id| Action::SetStatus(vec![id], Status::Accepted))),
                    'A' => actions
                        .extend(selected.map(|id| Action::SetStatusAllLike(id, Status::Accepted))),
                    'r' | 'x' => actions
                        .extend(selected.map(|id| Action::SetStatus(vec![id], Status::Rejected))),
                    'R' | 'X' => actions
                        .extend(selected.map(|id| Action::SetStatusAllLike(id, Status::Rejected))),
                    'j' => actions.push(Action::NextAnnotation {
                        forward: true,
                        suggestions_only: false,
                    }),
                    'k' => actions.push(Action::NextAnnotation {
                        forward: false,
                        suggestions_only: false,
                    }),
                    'n' => actions.push(Action::NextAnnotation {
                        forward: true,
                        suggestions_only: true,
                    }),
                    'N' => actions.push(Action::NextAnnotation {
                        forward: false,
                        suggestions_only: true,
                    }),
                    'g' => actions.extend(selected.map(Action::AddToGazetteer)),
                    _ => {}
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Delete)
                || i.consume_key(Modifiers::NONE, Key::Backspace)
            {
                actions.extend(selected.map(Action::DeleteAnnotation));
            }
            // Shift+Enter first: the plain Enter below would take it too.
            if walking_matches && selected.is_none() && i.consume_key(Modifiers::SHIFT, Key::Enter)
            {
                previous_match = true;
            }
            if i.consume_key(Modifiers::NONE, Key::Enter) {
                match selected {
                    Some(id) => actions.push(Action::SetStatus(vec![id], Status::Accepted)),
                    None => next_match = walking_matches,
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                actions.push(Action::Select(None));
                actions.push(Action::SelectAnnotation(None));
                escape = true;
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowDown) {
                actions.push(Action::NextDocument { forward: true });
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowUp) {
                actions.push(Action::NextDocument { forward: false });
            }
        });
        if next_match || previous_match {
            actions.extend(self.dialogs.step_match(&self.state, previous_match));
        }
        // Esc lets go of everything clicked, the chart's focus too.
        if escape {
            self.chart.focus = None;
        }
    }

    /// Closing with unsaved work asks first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.state.editor.is_dirty()
            && !self.dialogs.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.confirm_close = true;
        }
    }
}

/// A side panel's title with the button that folds it; returns whether
/// the button was clicked.
fn panel_header(ui: &mut Ui, title: &str, hint: &str, arrow: &str) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.heading(title);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let r = ui.small_button(arrow).on_hover_text(hint);
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, hint));
            clicked = r.clicked();
        });
    });
    clicked
}

/// A folded side panel: its title down the strip, as on a book's spine; a
/// click anywhere on it opens the panel. Returns whether it was clicked.
fn fold_strip(ui: &mut Ui, text: &str, hint: &str) -> bool {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, hint));
    let visuals = ui.style().interact(&response);
    if response.hovered() {
        ui.painter().rect_filled(rect, 2.0, visuals.weak_bg_fill);
    }
    let color = visuals.text_color();
    let font = egui::TextStyle::Button.resolve(ui.style());
    let galley = ui.painter().layout_no_wrap(text.to_owned(), font, color);
    // Rotated a quarter turn clockwise: the text's top faces the right, so
    // its height is centred across the strip.
    let at = egui::pos2(rect.center().x + galley.size().y / 2.0, rect.top() + 8.0);
    ui.painter().add(
        egui::epaint::TextShape::new(at, galley, color).with_angle(std::f32::consts::FRAC_PI_2),
    );
    response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(hint)
        .clicked()
}

/// The character of a letter or digit key, lower case.
fn key_char(key: Key) -> Option<char> {
    let name = key.name();
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.guarded(|app| app.show(ui));
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.state.shut_down();
    }
}
