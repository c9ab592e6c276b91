//! The desktop window. Panels only draw [`state::AppState`] and return
//! [`state::Action`]s; the app applies them in one place.

mod agreement;
mod app;
mod article;
mod chart;
pub mod command;
mod curation;
mod dialogs;
mod editions;
mod export_dialog;
mod gazetteer;
mod inspector;
pub mod keymap;
mod layout;
mod ledger;
mod library;
mod menu;
mod name_prompt;
mod palette;
mod prompts;
mod safekeeping;
mod state;
mod status;
mod theme;
mod worker;

pub use app::{AppOptions, ChartSettings, DossierApp, SETTINGS_KEY, Settings};
pub use article::TextSelection;
pub use command::{Menu, Scope, UiCommand};
pub use keymap::{Binding, KeyClash, Keymap};
pub use layout::{CentralTab, Fold, PanelRects};
pub use safekeeping::{Prompt, PromptAnswer};
pub use state::{
    Action, AppState, EditAction, Inbox, InboxAction, Session, SessionAction, Severity, View,
    ViewAction, WindowAction,
};

use std::path::PathBuf;

/// The window and taskbar icon (`assets/icon/render.sh` renders it).
const WINDOW_ICON_PNG: &[u8] = include_bytes!("../../assets/icon/png/dossier-256.png");

/// Opens the window. `paths` are opened at start; with none, the bundled
/// sample articles are, so a new user sees a real article at once.
pub fn run_native(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    if let Some(data) = crate::recovery::data_dir() {
        crate::recovery::crash::install_panic_hook(crate::recovery::crash::crash_dir(&data));
    }
    // Compiled in, so decoding fails only if the asset itself is broken; the
    // window is still useful without its icon.
    let icon = eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG)
        .inspect_err(|e| eprintln!("dossier: window icon unreadable ({e})"))
        .ok()
        .map(std::sync::Arc::new);
    let make_options = |renderer| {
        let mut viewport = egui::ViewportBuilder::default()
            .with_title("Dossier")
            .with_app_id("dossier")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true);
        if let Some(icon) = &icon {
            viewport = viewport.with_icon(icon.clone());
        }
        eframe::NativeOptions {
            viewport,
            renderer,
            ..Default::default()
        }
    };
    let start = |renderer| {
        let paths = paths.clone();
        eframe::run_native(
            "Dossier",
            make_options(renderer),
            Box::new(move |cc| {
                let mut options = AppOptions::from_env();
                if let Some(settings) = cc
                    .storage
                    .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY))
                {
                    options.settings = settings;
                }
                Ok(Box::new(DossierApp::with_options(paths, options)))
            }),
        )
    };
    // wgpu is the default; machines without a working Vulkan, Metal or DX12
    // driver (virtual machines, old laptops) still get a window through
    // OpenGL.
    let forced_gl = std::env::var("DOSSIER_RENDERER").is_ok_and(|r| r.eq_ignore_ascii_case("glow"));
    if !forced_gl {
        match start(eframe::Renderer::Wgpu) {
            Ok(()) => return Ok(()),
            Err(e) => eprintln!("dossier: wgpu renderer unavailable ({e}); falling back to OpenGL"),
        }
    }
    start(eframe::Renderer::Glow).map_err(|e| anyhow::anyhow!("could not open a window: {e}"))
}
