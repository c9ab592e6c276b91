//! Pixel snapshots of the real window, rendered with wgpu. They need a GPU or
//! Mesa's software Vulkan (`mesa-vulkan-drivers`), so they run only with
//! `--features wgpu-snapshots`, which `.ci/run` enables after installing it.
//! `UPDATE_SNAPSHOTS=1` rewrites the reference images in `tests/snapshots/`.
#![cfg(feature = "wgpu-snapshots")]

use std::path::Path;

use dossier::ui::DossierApp;
use egui_kittest::Harness;

#[test]
fn seed_article_with_suggestions_and_chart() {
    // SAFETY: set before the app reads it; no other thread reads it yet.
    unsafe { std::env::set_var("DOSSIER_NO_NATIVE_DIALOG", "1") };
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles/00_seed.txt");
    let mut h = Harness::builder()
        .with_size([1360.0, 860.0])
        .wgpu()
        .build_ui_state(
            |ui, app: &mut DossierApp| app.show(ui),
            // No data folder: a recovery session or a kept workbook left by
            // a real run on this machine must not change the picture.
            DossierApp::with_options(vec![seed], dossier::ui::AppOptions::default()),
        );
    // Opening runs on a worker thread; on a loaded machine it takes a while.
    for _ in 0..1000 {
        h.run_steps(1);
        if !h.state().state.is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(4);
    h.snapshot("seed_article_with_suggestions_and_chart");
}

/// The seed article at `size`, with "Washington" focused from the text
/// (the click that once drew the chart over the article).
fn focused_window(name: &str, size: [f32; 2]) {
    // SAFETY: as above.
    unsafe { std::env::set_var("DOSSIER_NO_NATIVE_DIALOG", "1") };
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles/00_seed.txt");
    let mut h = Harness::builder().with_size(size).wgpu().build_ui_state(
        |ui, app: &mut DossierApp| app.show(ui),
        DossierApp::with_options(vec![seed], dossier::ui::AppOptions::default()),
    );
    // Opening runs on a worker thread; on a loaded machine it takes a while.
    for _ in 0..1000 {
        h.run_steps(1);
        if !h.state().state.is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let washington = {
        let doc = h
            .state()
            .state
            .current_document()
            .expect("the seed is open");
        doc.annotations()
            .iter()
            .find(|a| doc.slice(a.span) == "Washington")
            .expect("Washington is suggested")
            .id
    };
    h.state_mut().dispatch(dossier::ui::Action::View(
        dossier::ui::ViewAction::SelectAnnotation(Some(washington)),
    ));
    h.run_steps(4);
    h.snapshot(name);
}

/// A small laptop: the library folded, the chart in its tab.
#[test]
fn small_window_after_focusing_a_country() {
    focused_window("window_900x600_focused", [900.0, 600.0]);
}

/// Full HD: every panel open, the chart beside the article.
#[test]
fn large_window_after_focusing_a_country() {
    focused_window("window_1920x1080_focused", [1920.0, 1080.0]);
}
