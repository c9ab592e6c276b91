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
            DossierApp::new(vec![seed]),
        );
    for _ in 0..200 {
        h.run_steps(1);
        if !h.state().state.is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(4);
    h.snapshot("seed_article_with_suggestions_and_chart");
}
