use std::path::PathBuf;
use std::time::Instant;

use egui::Ui;
use serde::{Deserialize, Serialize};

use super::agreement::AgreementWindow;
use super::article::{ArticleEvent, ArticleInput, ArticleView};
use super::chart::{self, ChartPanel};
use super::command::{Scope, UiCommand};
use super::curation::CurationWindow;
use super::dialogs::{Dialogs, PathPurpose};
use super::export_dialog::ExportDialog;
use super::gazetteer::GazetteerWindow;
use super::keymap::{Binding, Keymap};
use super::layout::{self, CentralTab, Fold, PanelRects};
use super::ledger::LedgerWindow;
use super::library::LibraryPanel;
use super::palette::{CommandPalette, PaletteEntry};
use super::state::{Action, AppState, EditAction, SessionAction, View, ViewAction, WindowAction};
use super::{inspector, menu, prompts, safekeeping, status};
use crate::model::Status;

/// The application: state, plus what only the window needs (layout caches,
/// dialogs, the library filter).
pub struct DossierApp {
    /// The open project, what is shown and selected, and the notices.
    pub state: AppState,
    /// The article's layout cache and scroll position.
    pub article: ArticleView,
    /// The library's filter.
    pub library: LibraryPanel,
    /// Popups, the find bar and the file dialogs.
    pub dialogs: Dialogs,
    /// The spending chart, its options and NATO's editions.
    pub chart: ChartPanel,
    /// File ▸ Export Dataset…
    pub export: ExportDialog,
    /// Edit ▸ Project Gazetteer…
    pub gazetteer: GazetteerWindow,
    /// View ▸ Claims ledger.
    pub ledger: LedgerWindow,
    /// View ▸ Agreement between analysts.
    pub agreement: AgreementWindow,
    /// View ▸ Curation.
    pub curation: CurationWindow,
    /// The first-start question for the analyst's name.
    pub name_prompt: super::name_prompt::NamePrompt,
    /// Whether the library is open, as the window's width suggests or as
    /// the analyst chose.
    pub library_fold: Fold,
    /// Whether the inspector is open, as the width suggests or as chosen.
    pub inspector_fold: Fold,
    /// What the central area shows while the chart has a tab of its own.
    pub tab: CentralTab,
    /// Where each panel was drawn on the last frame.
    pub rects: PanelRects,
    /// Whether the single-letter keys annotate: only while the article or
    /// the inspector has the keyboard (it was clicked last), never while
    /// the library, the chart or a text field has it.
    pub keys_annotate: bool,
    /// The registry's keys and the project's label keys.
    pub keymap: Keymap,
    /// Ctrl+Shift+P: every command by name.
    pub palette: CommandPalette,
    last_title: String,
    /// The window's context, for commands that talk to the window (quit,
    /// theme) when they run outside a frame's drawing.
    ctx: Option<egui::Context>,
}

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
    /// Projects opened lately, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether the spending chart is shown.
    pub show_chart: bool,
    /// Whether rejected suggestions are shown, struck through.
    pub show_rejected: bool,
    /// Accept and reject move on to the next suggestion.
    pub advance_after_review: bool,
    /// The library's fold.
    pub library: Fold,
    /// The inspector's fold.
    pub inspector: Fold,
    /// The chart's switches.
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

    /// The app with `paths` opened (none: the bundled samples, unless
    /// unsaved work is on offer), starting as `options` say.
    pub fn with_options(paths: Vec<PathBuf>, options: AppOptions) -> Self {
        let mut app = Self::empty();
        app.state.session.recent = options.settings.recent.clone();
        app.state.session.recent.retain(|p| p.exists());
        app.state.view.show_rejected = options.settings.show_rejected;
        app.state.view.advance_after_review = options.settings.advance_after_review;
        app.state
            .session
            .editor
            .set_annotator(options.settings.annotator.clone());
        app.name_prompt = super::name_prompt::NamePrompt::asking(
            options.ask_name,
            options.settings.annotator.as_deref(),
        );
        app.chart.visible = options.settings.show_chart;
        app.chart.data_dir = options.data_dir.clone();
        if let Some(notice) = app.chart.load_kept_editions() {
            app.dispatch(notice);
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
        app.chart.options.year = chart.year.filter(|y| crate::data::year::YEARS.contains(y));
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
            app.dispatch(Action::Session(SessionAction::OpenPaths(paths)));
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
            recent: self.state.session.recent.clone(),
            show_chart: self.chart.visible,
            show_rejected: self.state.view.show_rejected,
            advance_after_review: self.state.view.advance_after_review,
            library: self.library_fold,
            inspector: self.inspector_fold,
            chart: ChartSettings {
                kind: self.chart.options.kind.name().to_owned(),
                year: self.chart.options.year,
                targets: self.chart.options.targets.clone(),
                edition: self.chart.options.edition.clone(),
            },
            annotator: self.state.session.editor.annotator().map(str::to_owned),
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

    /// The app with nothing open and every panel in its default state.
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
            keymap: Keymap::default(),
            palette: CommandPalette::default(),
            last_title: String::new(),
            ctx: None,
        }
    }

    /// Draws one frame. Separate from `eframe::App` so that tests drive it
    /// with `egui_kittest` without a native window.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        let mut actions = Vec::new();
        self.before_drawing(&ctx, &mut actions);
        self.panels(ui, &mut actions);
        self.floating_windows(&ctx, &mut actions);
        let had_actions = !actions.is_empty();
        for a in actions {
            self.dispatch(a);
        }
        if had_actions {
            ctx.request_repaint();
        }
        self.after_drawing(&ctx);
    }

    /// What arrives between frames: dropped files, finished background
    /// work, and the keys pressed.
    fn before_drawing(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
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
            actions.push(Action::Session(SessionAction::OpenPaths(dropped)));
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
        self.follow_keyboard_home(ctx);
        // Before the article's keys, which are off while curating.
        self.curation.keys(ctx, &mut self.state, actions);
        self.refuse_key_clashes();
        self.keyboard(ctx, actions);
    }

    /// The menu and status bars, the side panels and the central area,
    /// each recording where it was drawn.
    fn panels(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        let mut rects = PanelRects {
            window: ctx.content_rect(),
            ..Default::default()
        };
        rects.menu = Some(
            egui::Panel::top("menu_bar")
                .show(ui, |ui| {
                    let commands = self.command_states(&ctx);
                    menu::menu_bar(ui, &self.state, &self.keymap, &commands, actions);
                })
                .response
                .rect,
        );
        rects.status = Some(
            egui::Panel::bottom("status_bar")
                .show(ui, |ui| {
                    status::status_bar(ui, &self.state, &mut self.dialogs, actions);
                })
                .response
                .rect,
        );
        self.side_panels(ui, &mut rects, actions);
        egui::CentralPanel::default_margins().show(ui, |ui| {
            self.central(ui, &mut rects, actions);
        });
        self.rects = rects;
    }

    /// Dialogs, the palette and the windows that float over the panels.
    fn floating_windows(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        self.dialogs.show(ctx, &self.state, &self.keymap, actions);
        if self.palette.open {
            let entries = self.palette_entries(ctx);
            if let Some(binding) = self.palette.show(ctx, &entries) {
                actions.push(binding_action(binding));
            }
        }
        self.export.nato = self.chart.nato.clone();
        self.export.show(ctx, &self.state, actions);
        self.gazetteer.show(ctx, &self.state, actions);
        let nato = self.chart.nato().ok();
        self.ledger.show(ctx, &self.state, nato, actions);
        self.agreement.show(ctx);
        self.curation.show(ctx, &mut self.state, actions);
        prompts::show(ctx, &self.state, actions);
        self.name_prompt.show(ctx, &self.state, actions);
    }

    /// Autosave, the window's title, and the question before closing.
    fn after_drawing(&mut self, ctx: &egui::Context) {
        if let Some(wait) = self.state.autosave_tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        let title = self.state.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
        self.handle_close_request(ctx);
    }

    /// Applies an action as a panel would send it: the one place actions
    /// are told apart, each kind going to the one function that handles
    /// all of its variants.
    pub fn dispatch(&mut self, action: Action) {
        let before = self.state.view.clone();
        match action {
            Action::Edit(edit) => self.state.apply_edit(edit),
            Action::Session(session) => self.state.apply_session(session),
            Action::View(view) => {
                // Choosing something in the article puts the analyst's
                // attention, and so the annotation keys, on it.
                if view.draws_attention() {
                    self.keys_annotate = true;
                }
                let reveal_match = view.selects_text() && self.dialogs.find_active;
                let reveal_selected = view.moves_selection();
                self.state.apply_view(view);
                if reveal_selected && let Some(a) = self.state.selected() {
                    self.article.scroll_to(a.span.start);
                }
                if reveal_match && let Some(s) = self.state.view.selection {
                    self.article.scroll_to(s.span().start);
                }
            }
            Action::Window(window) => self.apply_window(window),
            Action::Inbox(inbox) => self.state.apply_inbox(inbox),
        }
        self.follow_view(&before);
    }

    /// What the window itself does: commands, the chart's files, scrolling.
    fn apply_window(&mut self, action: WindowAction) {
        match action {
            WindowAction::Run(command) => self.run_command(command),
            WindowAction::ExportChart(path) => {
                let outcome = self.chart.export(&self.state, &path);
                self.dispatch(chart::export_notice(outcome));
            }
            WindowAction::ImportFigures(path) => {
                let notice = self.chart.import_figures(&path);
                self.dispatch(notice);
            }
            WindowAction::Scroll(offset) => self.article.scroll_to(offset),
        }
    }

    /// The chart follows the view: a focused country belongs to the article
    /// it was clicked in, and a country selected in the text is focused.
    fn follow_view(&mut self, before: &View) {
        let view = &self.state.view;
        if view.current != before.current {
            self.chart.focus = None;
        }
        if view.selected_annotation != before.selected_annotation
            && let Some(iso) = self.selected_country()
        {
            self.chart.focus = Some(iso);
        }
    }

    /// The ISO code of the selected annotation, if it is a country.
    fn selected_country(&self) -> Option<String> {
        let doc = self.state.current_document()?;
        let a = self.state.selected()?;
        if a.kind.label() != Some(crate::model::GPE) {
            return None;
        }
        let linked = match &a.kind {
            crate::model::AnnotationKind::Entity { entity, .. } => entity
                .and_then(|e| self.state.project().entity(e))
                .and_then(|e| e.iso3.clone()),
            _ => None,
        };
        linked.or_else(|| crate::data::countries::iso3_of(doc.slice(a.span)).map(str::to_owned))
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
            revision: self.state.session.editor.revision(),
            selection: self.state.view.selection,
            selected_annotation: self.state.view.selected_annotation,
            show_rejected: self.state.view.show_rejected,
        };
        for event in self.article.show(ui, &input) {
            match event {
                ArticleEvent::Select(sel) => actions.push(Action::View(ViewAction::Select(sel))),
                ArticleEvent::ClickAnnotation(id) => {
                    actions.push(Action::View(ViewAction::SelectAnnotation(Some(id))))
                }
                ArticleEvent::ClickNothing => {
                    actions.push(Action::View(ViewAction::Select(None)));
                    actions.push(Action::View(ViewAction::SelectAnnotation(None)));
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

    /// Gives each label the key it asks for unless a command or another
    /// label has it; a refused key is unset in the project (it is a key a
    /// file asked for, not an edit of the analyst's) with a notice naming
    /// the label. Runs whenever the labels change: on open, restore,
    /// import or undo.
    fn refuse_key_clashes(&mut self) {
        if self.keymap.is_for(&self.state.project().labels) {
            return;
        }
        let (_, clashes) = Keymap::new(&self.state.project().labels);
        let labels = &mut self.state.session.editor.project_mut_for_ids().labels;
        for clash in &clashes {
            if let Some(mut label) = labels.get(&clash.label).cloned() {
                label.shortcut = None;
                labels.upsert(label);
            }
        }
        self.keymap = Keymap::new(&self.state.project().labels).0;
        for clash in clashes {
            self.state
                .notify(super::state::Severity::Warning, clash.message(), Vec::new());
        }
    }

    /// Turns this frame's key presses into commands through the keymap.
    /// Each key works in its command's [`Scope`]: Ctrl+S always, Esc and
    /// Alt+↓ unless a text field or dialog has the keyboard, the letter
    /// keys only while the article or the inspector has it.
    fn keyboard(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let typing = ctx.egui_wants_keyboard_input();
        let blocked = typing
            || self.curation.open
            || self.palette.open
            || self.dialogs.is_modal_open()
            || !self.state.inbox.prompts.is_empty();
        let article_keys = !blocked && self.keys_annotate;
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            i.events.retain(|event| {
                let egui::Event::Key {
                    key,
                    pressed: true,
                    repeat,
                    modifiers,
                    ..
                } = event
                else {
                    return true;
                };
                let Some((binding, scope, repeats)) = self.keymap.lookup(*key, *modifiers) else {
                    return true;
                };
                let works = match scope {
                    Scope::Anywhere => true,
                    Scope::Window => !blocked,
                    Scope::Article => article_keys,
                };
                if !works || (*repeat && !repeats) {
                    return true;
                }
                fired.push(binding.clone());
                false
            });
        });
        actions.extend(fired.into_iter().map(binding_action));
    }

    /// What every command looks like now: enabled, checked, and its name
    /// (Undo names the edit it undoes). Menus and the palette draw this.
    pub fn command_states(&self, ctx: &egui::Context) -> Vec<menu::CommandState> {
        UiCommand::ALL
            .iter()
            .map(|&command| menu::CommandState {
                command,
                enabled: self.is_enabled(command),
                checked: self.is_checked(ctx, command),
                title: self.command_title(command),
            })
            .collect()
    }

    /// Whether `command` can run now.
    fn is_enabled(&self, command: UiCommand) -> bool {
        use UiCommand as C;
        let state = &self.state;
        let selected = state.view.selected_annotation.is_some();
        let has_text = state.view.selection.is_some_and(|s| s.anchor != s.head);
        match command {
            C::Undo => state.session.editor.can_undo(),
            C::Redo => state.session.editor.can_redo(),
            C::FindNext | C::FindPrevious => !self.dialogs.find_query.is_empty(),
            C::MarkQuote | C::MarkClaim => has_text,
            C::Accept => selected || self.dialogs.walking_matches(),
            C::AcceptAllLike | C::Reject | C::RejectAllLike | C::Delete | C::AddToGazetteer => {
                selected
            }
            C::NextAnnotation
            | C::PreviousAnnotation
            | C::NextSuggestion
            | C::PreviousSuggestion => state.view.current.is_some(),
            C::NextArticle | C::PreviousArticle => state.project().documents.len() > 1,
            C::OpenFiles
            | C::OpenProject
            | C::OpenFolder
            | C::OpenPath
            | C::ImportAnnotations
            | C::ImportWorkbook
            | C::ImportFigures
            | C::ImportNameList
            | C::ExportDataset
            | C::ExportChartPng
            | C::ExportChartSvg
            | C::ExportChartCsv
            | C::Save
            | C::SaveAs
            | C::Quit
            | C::Find
            | C::ProjectGazetteer
            | C::ToggleAdvanceAfterReview
            | C::SetYourName
            | C::ClearSelection
            | C::ToggleLibrary
            | C::ToggleInspector
            | C::ToggleChart
            | C::ToggleRejected
            | C::ToggleLedger
            | C::ToggleAgreement
            | C::ToggleCuration
            | C::ShowNotices
            | C::ThemeSystem
            | C::ThemeLight
            | C::ThemeDark
            | C::CommandPalette
            | C::KeyboardShortcuts => true,
        }
    }

    /// Whether a command that shows or chooses something is on now; `None`
    /// for commands that just act.
    fn is_checked(&self, ctx: &egui::Context, command: UiCommand) -> Option<bool> {
        use UiCommand as C;
        let width = self.rects.window.width();
        let theme = ctx.options(|o| o.theme_preference);
        Some(match command {
            C::ToggleAdvanceAfterReview => self.state.view.advance_after_review,
            C::ToggleLibrary => self.library_fold.is_open(width, layout::LIBRARY_FOLD_BELOW),
            C::ToggleInspector => self
                .inspector_fold
                .is_open(width, layout::INSPECTOR_FOLD_BELOW),
            C::ToggleChart => self.chart.visible,
            C::ToggleRejected => self.state.view.show_rejected,
            C::ToggleLedger => self.ledger.open,
            C::ToggleAgreement => self.agreement.open,
            C::ToggleCuration => self.curation.open,
            C::ThemeSystem => theme == egui::ThemePreference::System,
            C::ThemeLight => theme == egui::ThemePreference::Light,
            C::ThemeDark => theme == egui::ThemePreference::Dark,
            _ => return None,
        })
    }

    /// The command's name as the menu shows it now.
    fn command_title(&self, command: UiCommand) -> String {
        let editor = &self.state.session.editor;
        let described = match command {
            UiCommand::Undo => editor.undo_description(),
            UiCommand::Redo => editor.redo_description(),
            _ => None,
        };
        match described {
            Some(d) => format!("{} {d}", command.title()),
            None => command.title().to_owned(),
        }
    }

    /// Every command, then a "Label as …" line per label, for the palette.
    fn palette_entries(&self, ctx: &egui::Context) -> Vec<PaletteEntry> {
        let commands = self.command_states(ctx);
        let labels = self.state.project().labels.iter().map(|l| PaletteEntry {
            binding: Binding::Label(l.name.clone()),
            title: format!("Label as {}", l.name),
            section: "Label",
            keys: self
                .keymap
                .label_key(&l.name)
                .map(|k| ctx.format_shortcut(&k))
                .unwrap_or_default(),
            help: l.description.clone(),
            enabled: self
                .state
                .view
                .selection
                .is_some_and(|s| s.anchor != s.head)
                || self.state.view.selected_annotation.is_some(),
        });
        commands
            .into_iter()
            .map(|c| {
                let spec = c.command.spec();
                PaletteEntry {
                    binding: Binding::Command(c.command),
                    title: c.title,
                    section: spec.menu.title(),
                    keys: super::command::format_keys(ctx, c.command),
                    help: spec.help.to_owned(),
                    enabled: c.enabled,
                }
            })
            .chain(labels)
            .collect()
    }

    /// Runs a command of the registry: the one place each command's meaning
    /// is written, whether it came from a key, a menu, a button or the
    /// palette. A command that is not available now does nothing.
    pub fn run_command(&mut self, command: UiCommand) {
        use UiCommand as C;
        if !self.is_enabled(command) {
            return;
        }
        let selected = self.state.view.selected_annotation;
        let mut then = Vec::new();
        match command {
            C::OpenFiles => then.extend(
                self.dialogs
                    .request_open_files()
                    .map(|x| Action::Session(SessionAction::OpenPaths(x))),
            ),
            C::OpenProject => then.extend(
                self.dialogs
                    .request_open_project()
                    .map(|x| Action::Session(SessionAction::OpenProject(x))),
            ),
            C::OpenFolder => then.extend(
                self.dialogs
                    .request_open_folder()
                    .map(|x| Action::Session(SessionAction::OpenPaths(x))),
            ),
            C::OpenPath => self.dialogs.open_typed_path(PathPurpose::Open),
            C::ImportAnnotations => self.dialogs.open_typed_path(PathPurpose::ImportAnnotated),
            C::ImportWorkbook => then.extend(
                self.dialogs
                    .request_workbook_path()
                    .map(|x| Action::Window(WindowAction::ImportFigures(x))),
            ),
            C::ImportFigures => then.extend(
                self.dialogs
                    .request_figures_path()
                    .map(|x| Action::Window(WindowAction::ImportFigures(x))),
            ),
            C::ImportNameList => {
                self.dialogs.pending_list_label = self.gazetteer.list_label();
                self.dialogs.open_typed_path(PathPurpose::ImportNameList);
            }
            C::ExportDataset => self.export.open = true,
            C::ExportChartPng => then.extend(
                self.dialogs
                    .request_export_path("png")
                    .map(|x| Action::Window(WindowAction::ExportChart(x))),
            ),
            C::ExportChartSvg => then.extend(
                self.dialogs
                    .request_export_path("svg")
                    .map(|x| Action::Window(WindowAction::ExportChart(x))),
            ),
            C::ExportChartCsv => then.extend(
                self.dialogs
                    .request_export_path("csv")
                    .map(|x| Action::Window(WindowAction::ExportChart(x))),
            ),
            // Save and Ctrl+S are one command: a project that cannot be
            // saved in place (new, or read-only here) asks where to save a
            // copy.
            C::Save
                if self.state.session.project_path.is_some() && !self.state.session.read_only =>
            {
                then.push(Action::Session(SessionAction::Save))
            }
            C::Save | C::SaveAs => then.extend(
                self.dialogs
                    .request_save_as(&self.state)
                    .map(|x| Action::Session(SessionAction::SaveAs(x))),
            ),
            C::Quit => self.send_viewport(egui::ViewportCommand::Close),
            C::Undo => then.push(Action::Edit(EditAction::Undo)),
            C::Redo => then.push(Action::Edit(EditAction::Redo)),
            C::Find => {
                self.dialogs.find_open = true;
                self.dialogs.focus_find = true;
            }
            C::FindNext => then.extend(self.dialogs.step_match(&self.state, false)),
            C::FindPrevious => then.extend(self.dialogs.step_match(&self.state, true)),
            C::ProjectGazetteer => self.gazetteer.open = true,
            C::ToggleAdvanceAfterReview => then.push(Action::View(
                ViewAction::SetAdvanceAfterReview(!self.state.view.advance_after_review),
            )),
            C::SetYourName => self
                .name_prompt
                .change(self.state.session.editor.annotator()),
            C::MarkQuote => then.push(Action::Edit(EditAction::MarkQuote)),
            C::MarkClaim => then.push(Action::Edit(EditAction::MarkClaim)),
            // After Find, Enter goes on to the next match while nothing is
            // selected.
            C::Accept => match selected {
                Some(id) => then.push(Action::Edit(EditAction::SetStatus(
                    vec![id],
                    Status::Accepted,
                ))),
                None => then.extend(self.dialogs.step_match(&self.state, false)),
            },
            C::AcceptAllLike => then.extend(
                selected.map(|id| Action::Edit(EditAction::SetStatusAllLike(id, Status::Accepted))),
            ),
            C::Reject => then.extend(
                selected.map(|id| Action::Edit(EditAction::SetStatus(vec![id], Status::Rejected))),
            ),
            C::RejectAllLike => then.extend(
                selected.map(|id| Action::Edit(EditAction::SetStatusAllLike(id, Status::Rejected))),
            ),
            C::Delete => {
                then.extend(selected.map(|x| Action::Edit(EditAction::DeleteAnnotation(x))))
            }
            C::AddToGazetteer => {
                then.extend(selected.map(|x| Action::Edit(EditAction::AddToGazetteer(x))))
            }
            C::NextAnnotation => then.push(Action::View(ViewAction::NextAnnotation {
                forward: true,
                suggestions_only: false,
            })),
            C::PreviousAnnotation => then.push(Action::View(ViewAction::NextAnnotation {
                forward: false,
                suggestions_only: false,
            })),
            C::NextSuggestion => then.push(Action::View(ViewAction::NextAnnotation {
                forward: true,
                suggestions_only: true,
            })),
            C::PreviousSuggestion => then.push(Action::View(ViewAction::NextAnnotation {
                forward: false,
                suggestions_only: true,
            })),
            C::NextArticle => then.push(Action::View(ViewAction::NextDocument { forward: true })),
            C::PreviousArticle => {
                then.push(Action::View(ViewAction::NextDocument { forward: false }))
            }
            C::ClearSelection => {
                then.push(Action::View(ViewAction::Select(None)));
                then.push(Action::View(ViewAction::SelectAnnotation(None)));
                self.chart.focus = None;
            }
            C::ToggleLibrary => {
                let open = self
                    .library_fold
                    .is_open(self.rects.window.width(), layout::LIBRARY_FOLD_BELOW);
                self.library_fold = if open { Fold::Folded } else { Fold::Open };
            }
            C::ToggleInspector => {
                let open = self
                    .inspector_fold
                    .is_open(self.rects.window.width(), layout::INSPECTOR_FOLD_BELOW);
                self.inspector_fold = if open { Fold::Folded } else { Fold::Open };
            }
            C::ToggleChart => self.chart.visible = !self.chart.visible,
            C::ToggleRejected => then.push(Action::View(ViewAction::ToggleRejected)),
            C::ToggleLedger => self.ledger.open = !self.ledger.open,
            C::ToggleAgreement => self.agreement.open = !self.agreement.open,
            C::ToggleCuration => self.curation.open = !self.curation.open,
            C::ShowNotices => self.dialogs.show_notices = true,
            C::ThemeSystem => self.set_theme(egui::ThemePreference::System),
            C::ThemeLight => self.set_theme(egui::ThemePreference::Light),
            C::ThemeDark => self.set_theme(egui::ThemePreference::Dark),
            C::CommandPalette => self.palette.toggle(),
            C::KeyboardShortcuts => self.dialogs.show_shortcuts = true,
        }
        for action in then {
            self.dispatch(action);
        }
    }

    fn send_viewport(&self, command: egui::ViewportCommand) {
        if let Some(ctx) = &self.ctx {
            ctx.send_viewport_cmd(command);
        }
    }

    fn set_theme(&self, theme: egui::ThemePreference) {
        if let Some(ctx) = &self.ctx {
            ctx.set_theme(theme);
        }
    }

    /// Closing with unsaved work asks first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.state.session.editor.is_dirty()
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

/// The action of a key or palette choice.
fn binding_action(binding: Binding) -> Action {
    match binding {
        Binding::Command(command) => Action::Window(WindowAction::Run(command)),
        Binding::Label(label) => Action::Edit(EditAction::Label(label)),
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
