//! Keeping the work, through the real window: autosave, a panic in a frame,
//! the restore offer at the next launch, a project open in two windows, a
//! damaged project with its backup, settings kept between launches.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use dossier::model::Origin;
use dossier::project::{self, ProjectLock};
use dossier::ui::{AppOptions, DossierApp, SETTINGS_KEY, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{app, find_and_select, harness, press, sample, wait_until_open};

fn manual_count(app: &DossierApp) -> usize {
    app.state
        .project()
        .documents
        .iter()
        .flat_map(|d| d.annotations())
        .filter(|a| a.origin == Origin::Manual)
        .count()
}

fn with_data_dir(paths: Vec<PathBuf>, data: &Path) -> DossierApp {
    DossierApp::with_options(
        paths,
        AppOptions {
            data_dir: Some(data.to_owned()),
            ..Default::default()
        },
    )
}

fn recovery_files(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("recovery"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "recovery"))
                .collect()
        })
        .unwrap_or_default()
}

/// File > Save As… with `path` typed, and the save (on its worker thread)
/// finished.
fn save_as(h: &mut Harness<'_, DossierApp>, path: &Path) {
    h.state_mut().dispatch(dossier::ui::Action::Session(
        dossier::ui::SessionAction::SaveAs(path.to_owned()),
    ));
    wait_until_open(h);
}

/// Labels “Daniel Zimmerman” PERSON through the find bar and key 1.
fn make_an_edit(h: &mut Harness<'_, DossierApp>) {
    find_and_select(h, "Daniel Zimmerman");
    press(h, Key::Num1, Modifiers::NONE);
}

#[test]
fn autosave_writes_edits_within_seconds_and_forgets_them_once_saved() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(with_data_dir(vec![sample("00_seed.txt")], data.path()));
    // Opening a file into a new project is unsaved work too; save it first
    // so that what follows is one edit.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes.dossier");
    save_as(&mut h, &target);
    h.state_mut()
        .state
        .autosave_tick(Instant::now() + Duration::from_secs(60));
    finish_autosave(&mut h);
    assert!(
        recovery_files(data.path()).is_empty(),
        "saved: nothing to recover"
    );

    make_an_edit(&mut h);
    assert_eq!(manual_count(h.state()), 1);
    let now = Instant::now();
    let wait = h.state_mut().state.autosave_tick(now);
    assert!(
        wait.is_some_and(|w| w <= Duration::from_secs(4)),
        "written within a few seconds, not at once: {wait:?}"
    );
    // A few seconds later (the tick is what the window calls every frame).
    assert_eq!(
        h.state_mut()
            .state
            .autosave_tick(now + Duration::from_secs(5)),
        None
    );
    finish_autosave(&mut h);
    let files = recovery_files(data.path());
    assert_eq!(files.len(), 1);
    let (header, recovered) = dossier::recovery::read(&files[0]).unwrap();
    assert_eq!(&recovered, h.state().state.project(), "the edit is in it");
    assert_eq!(header.project_path.as_deref(), Some(target.as_path()));
    assert_eq!(header.unsaved_edits, Some(1));

    press(&mut h, Key::S, Modifiers::COMMAND);
    wait_until_open(&mut h);
    assert!(!h.state().state.session.editor.is_dirty());
    h.state_mut()
        .state
        .autosave_tick(Instant::now() + Duration::from_secs(60));
    finish_autosave(&mut h);
    assert!(
        recovery_files(data.path()).is_empty(),
        "saved work needs no recovery file"
    );
    assert_eq!(project::load(&target).unwrap(), *h.state().state.project());
}

/// Lets the autosave thread write what it was given; later snapshots are
/// then written at once, on the calling thread.
fn finish_autosave(h: &mut Harness<'_, DossierApp>) {
    if let Some(a) = h.state_mut().state.session.safekeeping.autosaver.as_mut() {
        a.finish();
    }
}

static PANIC_NOW: AtomicBool = AtomicBool::new(false);

#[test]
fn a_panic_keeps_the_work_and_the_next_launch_offers_it_back() {
    let data = tempfile::tempdir().unwrap();
    // As `run_native` does; no other test in this binary installs it.
    dossier::recovery::crash::install_panic_hook(dossier::recovery::crash::crash_dir(data.path()));
    let mut h = Harness::builder()
        .with_size([1360.0, 860.0])
        .build_ui_state(
            |ui, app: &mut DossierApp| {
                // The same guard `eframe::App::ui` puts around every frame.
                app.guarded(|app| {
                    app.show(ui);
                    if PANIC_NOW.load(Ordering::SeqCst) {
                        panic!("simulated failure in a frame — “Łódź” 🚀");
                    }
                })
            },
            with_data_dir(vec![sample("00_seed.txt")], data.path()),
        );
    h.run_steps(3);
    wait_until_open(&mut h);
    make_an_edit(&mut h);
    let edited = h.state().state.project().clone();
    assert_eq!(manual_count(h.state()), 1);

    PANIC_NOW.store(true, Ordering::SeqCst);
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| h.run_steps(1)));
    PANIC_NOW.store(false, Ordering::SeqCst);
    assert!(crashed.is_err(), "the frame panicked");
    // The process would end here; what it leaves behind is the files.
    drop(h);
    assert_eq!(recovery_files(data.path()).len(), 1);
    let reports: Vec<_> = std::fs::read_dir(data.path().join("crashes"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(reports.len(), 1, "a crash report");
    let report = std::fs::read_to_string(reports[0].path()).unwrap();
    assert!(report.contains("simulated failure in a frame — “Łódź” 🚀"));
    assert!(report.contains("backtrace"));

    // The next launch: the work is offered, with what it is.
    let mut h = harness(with_data_dir(Vec::new(), data.path()));
    h.get_by_label_contains("Restore unsaved work?");
    // The article was opened into a new project, never saved.
    h.get_by_label_contains("never saved): 1 document");
    assert!(
        h.state()
            .state
            .inbox
            .notices
            .iter()
            .any(|n| n.text.contains("crash report")),
        "the crash report is mentioned"
    );
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(h.state().state.project().documents, edited.documents);
    assert_eq!(manual_count(h.state()), 1);
    assert!(
        h.state().state.session.editor.is_dirty(),
        "restored, not yet saved"
    );
    assert!(h.query_by_label_contains("Restore unsaved work?").is_none());
    // Restored work is in this session's recovery file, not lost if this
    // window crashes too; the old one is gone.
    assert_eq!(recovery_files(data.path()).len(), 1);
    drop(h);

    // A third launch offers it again (the second never saved), and Discard
    // removes it for good.
    let mut h = harness(with_data_dir(Vec::new(), data.path()));
    h.get_by_label("Discard").click();
    h.run_steps(3);
    assert!(recovery_files(data.path()).is_empty());
    assert!(h.query_by_label_contains("Restore unsaved work?").is_none());
}

#[test]
fn a_project_open_in_another_window_opens_read_only_or_as_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared — Żagań.dossier");
    {
        let mut h = harness(app(vec![sample("00_seed.txt")]));
        save_as(&mut h, &path);
        assert!(path.exists());
    }
    let before = std::fs::read(&path).unwrap();
    // Another window has it.
    let other = ProjectLock::acquire(&path).unwrap();

    let mut h = harness(app(vec![path.clone()]));
    h.get_by_label_contains("is open in another Dossier window");
    h.get_by_label("Open Read-Only").click();
    h.run_steps(3);
    let state = &h.state().state;
    assert!(state.session.read_only);
    assert!(state.title().contains("[read-only]"), "{}", state.title());
    assert_eq!(state.session.project_path.as_deref(), Some(path.as_path()));
    make_an_edit(&mut h);
    assert_eq!(manual_count(h.state()), 0, "no edit while read-only");
    press(&mut h, Key::S, Modifiers::COMMAND);
    wait_until_open(&mut h);
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    drop(h);

    let mut h = harness(app(vec![path.clone()]));
    h.get_by_label("Open as Copy").click();
    h.run_steps(3);
    assert!(!h.state().state.session.read_only);
    assert_eq!(h.state().state.session.project_path, None);
    assert!(h.state().state.session.editor.is_dirty());
    make_an_edit(&mut h);
    assert_eq!(manual_count(h.state()), 1, "a copy can be edited");
    // Saving the copy over the original is refused while it is locked.
    save_as(&mut h, &path);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        h.state()
            .state
            .inbox
            .notices
            .iter()
            .any(|n| n.text.contains("open in another Dossier window")),
    );
    drop(other);
}

/// A project of these sample articles, as another window would save it.
fn project_of(names: &[&str]) -> dossier::model::Project {
    let mut editor = dossier::edit::Editor::new(dossier::model::Project::new("brief"));
    let paths: Vec<PathBuf> = names.iter().map(|n| sample(n)).collect();
    dossier::workflow::open_paths(&mut editor, &paths, false);
    editor.project().clone()
}

#[test]
fn a_project_saved_elsewhere_while_it_was_being_read_is_read_again_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.dossier");
    project::save(&project_of(&["00_seed.txt"]), &path).unwrap();

    // Another window has the project while this one reads it...
    let other = ProjectLock::acquire(&path).unwrap();
    let mut app = app(vec![path.clone()]);
    let start = Instant::now();
    while !app.state.session.job.as_ref().unwrap().is_finished() {
        assert!(start.elapsed() < Duration::from_secs(30), "reading stalled");
        std::thread::sleep(Duration::from_millis(5));
    }
    // ...then saves a second article into it and closes.
    let two = project_of(&["00_seed.txt", "08_dod-mattis-salutes-poland-2pct.txt"]);
    assert_eq!(two.documents.len(), 2);
    project::save(&two, &path).unwrap();
    drop(other);

    assert!(app.state.poll_job());
    let state = &app.state;
    assert!(!state.session.read_only);
    assert!(
        state.session.lock.is_some(),
        "this window holds the lock now"
    );
    assert_eq!(
        state.project().documents.len(),
        2,
        "what is edited is what is on disk under the lock, not the earlier read"
    );
}

#[test]
fn read_only_shows_what_the_other_window_saved_while_the_analyst_chose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.dossier");
    project::save(&project_of(&["00_seed.txt"]), &path).unwrap();
    let other = ProjectLock::acquire(&path).unwrap();
    let mut h = harness(app(vec![path.clone()]));
    h.get_by_label_contains("is open in another Dossier window");
    // The other window saves a second article before the answer.
    project::save(
        &project_of(&["00_seed.txt", "08_dod-mattis-salutes-poland-2pct.txt"]),
        &path,
    )
    .unwrap();
    h.get_by_label("Open Read-Only").click();
    h.run_steps(3);
    assert!(h.state().state.session.read_only);
    assert_eq!(h.state().state.project().documents.len(), 2);
    drop(other);
}

#[test]
fn a_damaged_project_is_left_untouched_and_its_backup_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.dossier");
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    save_as(&mut h, &path);
    make_an_edit(&mut h);
    press(&mut h, Key::S, Modifiers::COMMAND);
    wait_until_open(&mut h);
    let saved = h.state().state.project().clone();
    drop(h);
    assert!(project::backup_path(&path).exists());
    // Cut short, as by a disk that filled up under another program.
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let damaged = std::fs::read(&path).unwrap();

    let mut h = harness(app(vec![path.clone()]));
    h.get_by_label_contains("The project could not be opened");
    assert!(h.query_all_by_label_contains("brief.dossier:").count() >= 1);
    h.get_by_label("Open the Backup").click();
    h.run_steps(3);
    let state = &h.state().state;
    assert_eq!(state.session.project_path, None, "opened as a copy");
    assert_eq!(state.project().documents.len(), saved.documents.len());
    assert_eq!(manual_count(h.state()), 0, "the backup is the save before");
    assert_eq!(std::fs::read(&path).unwrap(), damaged, "left untouched");
}

/// eframe's storage as a map, to check what the app hands it.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn recent_projects_and_view_settings_persist_between_launches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.dossier");
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    save_as(&mut h, &path);
    h.state_mut()
        .dispatch(dossier::ui::Action::Window(dossier::ui::WindowAction::Run(
            dossier::ui::UiCommand::ToggleChart,
        )));
    h.state_mut().dispatch(dossier::ui::Action::View(
        dossier::ui::ViewAction::ToggleRejected,
    ));
    h.run_steps(2);
    // What the next launch reads back (`run_native` does the same).
    let (settings, h) = relaunch(h);
    assert_eq!(settings.recent, vec![path.clone()]);
    assert_eq!(h.state().state.session.recent, vec![path.clone()]);
    assert!(!h.state().chart.visible);
    assert!(h.state().state.view.show_rejected);
    // And the File menu offers it.
    let mut h = h;
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open Recent").hover();
    h.run_steps(2);
    h.get_by_label_contains("kept.dossier");
}

#[test]
fn the_analysts_name_goes_on_their_edits_and_is_remembered_between_launches() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label("Your Name…").click();
    h.run_steps(4);
    assert!(h.state().name_prompt.open, "the name window is open");
    h.get_by_label("Your name:").type_text("Alice Analyst");
    h.run_steps(1);
    press(&mut h, Key::Enter, Modifiers::NONE);
    assert_eq!(
        h.state().state.session.editor.annotator(),
        Some("Alice Analyst")
    );
    assert!(
        !h.state().name_prompt.open,
        "Enter keeps the name and closes"
    );
    make_an_edit(&mut h);
    let doc = h.state().state.current_document().unwrap();
    let mine: Vec<_> = doc
        .annotations()
        .iter()
        .filter(|a| a.origin == Origin::Manual)
        .map(|a| doc.annotator(a.id))
        .collect();
    assert_eq!(mine, [Some("Alice Analyst")]);
    let (_, h) = relaunch(h);
    assert_eq!(
        h.state().state.session.editor.annotator(),
        Some("Alice Analyst")
    );
}

#[test]
fn the_charts_switches_are_remembered_between_launches() {
    use dossier::chart::ChartKind;
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    {
        let chart = &mut h.state_mut().chart;
        chart.options.kind = ChartKind::Equipment;
        chart.options.year = Some(2022);
        chart.options.targets = vec![2.0];
    }
    // And a panel folded.
    h.get_by_label("Fold the library").click();
    h.run_steps(2);
    let (_, h) = relaunch(h);
    assert_eq!(h.state().library_fold, dossier::ui::Fold::Folded);
    let options = &h.state().chart.options;
    assert_eq!(options.kind, ChartKind::Equipment);
    assert_eq!(options.year, Some(2022));
    assert_eq!(options.targets, vec![2.0]);
}

/// Closes the window as eframe does (its settings saved) and starts it
/// again with nothing to open: the settings written and the new window.
fn relaunch(mut h: Harness<'static, DossierApp>) -> (Settings, Harness<'static, DossierApp>) {
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    drop(h);
    let settings: Settings = eframe::get_value(&storage, SETTINGS_KEY).unwrap();
    let options = AppOptions {
        settings: settings.clone(),
        ..Default::default()
    };
    (
        settings,
        harness(DossierApp::with_options(Vec::new(), options)),
    )
}

/// A project saved at `path`, edited, and left with its edit only in the
/// recovery file, as a crash leaves it.
fn crashed_after_an_edit(data: &Path, path: &Path) {
    let mut h = harness(with_data_dir(vec![sample("00_seed.txt")], data));
    save_as(&mut h, path);
    make_an_edit(&mut h);
    h.state_mut()
        .state
        .autosave_tick(Instant::now() + Duration::from_secs(60));
    finish_autosave(&mut h);
    let recovery = recovery_files(data);
    assert_eq!(recovery.len(), 1);
    let kept = std::fs::read(&recovery[0]).unwrap();
    drop(h);
    // A crashed process does not tidy up; put back what closing removed.
    if recovery_files(data).is_empty() {
        std::fs::write(&recovery[0], kept).unwrap();
    }
}

#[test]
fn restored_work_keeps_its_project_file_and_name() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.dossier");
    crashed_after_an_edit(data.path(), &path);

    let mut h = harness(with_data_dir(Vec::new(), data.path()));
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(manual_count(h.state()), 1);
    let state = &h.state().state;
    assert_eq!(state.session.project_path.as_deref(), Some(path.as_path()));
    assert!(state.title().starts_with("brief"), "{}", state.title());
    assert_eq!(state.project().name, "brief");
    // Ctrl+S writes the file, no question asked, under its name.
    press(&mut h, Key::S, Modifiers::COMMAND);
    wait_until_open(&mut h);
    assert!(h.state().dialogs.typed_path.is_none(), "no path asked for");
    assert!(!h.state().state.session.editor.is_dirty());
    assert_eq!(project::load(&path).unwrap().name, "brief");
}

#[test]
fn work_restored_beside_a_file_open_elsewhere_is_named_after_it() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.dossier");
    crashed_after_an_edit(data.path(), &path);
    // Another window has the project now.
    let other = ProjectLock::acquire(&path).unwrap();
    let mut h = harness(with_data_dir(Vec::new(), data.path()));
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(h.state().state.session.project_path, None);
    assert_eq!(h.state().state.project().name, "brief (recovered)");
    drop(other);
    // Saved elsewhere, the file carries its own name, not the old one.
    let copy = dir.path().join("brief-2.dossier");
    save_as(&mut h, &copy);
    assert_eq!(project::load(&copy).unwrap().name, "brief-2");
    assert!(h.state().state.title().starts_with("brief-2"));
}

#[test]
fn opening_a_second_project_says_what_was_merged() {
    let dir = tempfile::tempdir().unwrap();
    let p2 = dir.path().join("p2.dossier");
    project::save(
        &project_of(&["05_nato-romania-can-count-on-nato.txt", "00_seed.txt"]),
        &p2,
    )
    .unwrap();
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    // Unsaved work: the second project joins this one.
    make_an_edit(&mut h);
    h.state_mut().dispatch(dossier::ui::Action::Session(
        dossier::ui::SessionAction::OpenPaths(vec![p2.clone()]),
    ));
    wait_until_open(&mut h);
    let notice = h
        .state()
        .state
        .inbox
        .notices
        .iter()
        .rev()
        .find(|n| n.text.starts_with("Merged"))
        .map(|n| n.text.clone())
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                h.state()
                    .state
                    .inbox
                    .notices
                    .iter()
                    .map(|n| &n.text)
                    .collect::<Vec<_>>()
            )
        });
    assert!(
        notice.starts_with("Merged p2.dossier: 1 document, ")
            && notice.ends_with("; 1 text was already open"),
        "{notice}"
    );
}
