//! The real app, driven headlessly through AccessKit with egui_kittest: open
//! an article, select text, annotate with a key, undo, redo, save, reopen.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use dossier::model::{AnnotationKind, Status};
use dossier::ui::{Action, AppOptions, DossierApp};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod agreement;
mod commands;
mod curation;
mod editions;
mod layout;
mod review;
mod safekeeping;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/articles")
        .join(name)
}

/// The app as it starts for real, but with autosave off: the tests that
/// need a data folder give it one of their own (see `safekeeping`).
fn app(paths: Vec<PathBuf>) -> DossierApp {
    DossierApp::with_options(paths, AppOptions::default())
}

fn harness(app: DossierApp) -> Harness<'static, DossierApp> {
    // SAFETY: set before any thread of the test reads it; every test sets
    // the same value.
    unsafe { std::env::set_var("DOSSIER_NO_NATIVE_DIALOG", "1") };
    let mut h = Harness::builder()
        .with_size([1360.0, 860.0])
        .build_ui_state(|ui, app: &mut DossierApp| app.show(ui), app);
    h.run_steps(3);
    wait_until_open(&mut h);
    h
}

/// Opening runs on a worker thread; step the window until it is in.
fn wait_until_open(h: &mut Harness<'_, DossierApp>) {
    for _ in 0..500 {
        if !h.state().state.is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
    assert!(!h.state().state.is_busy(), "opening did not finish");
    h.run_steps(2);
}

fn press(h: &mut Harness<'_, DossierApp>, key: Key, modifiers: Modifiers) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

fn find_and_select(h: &mut Harness<'_, DossierApp>, text: &str) {
    press(h, Key::F, Modifiers::COMMAND);
    h.get_by_label("Find:").focus();
    h.run_steps(1);
    // Clear what an earlier search left.
    h.state_mut().dialogs.find_query.clear();
    h.get_by_label("Find:").type_text(text);
    h.run_steps(1);
    press(h, Key::Enter, Modifiers::NONE);
}

fn status_of(h: &Harness<'_, DossierApp>, id: dossier::model::AnnotationId) -> Status {
    let doc = h
        .state()
        .state
        .current_document()
        .expect("a document is open");
    doc.annotation(id).expect("the annotation exists").status
}

fn entity_texts(app: &DossierApp) -> Vec<(String, String, Status)> {
    let doc = app.state.current_document().expect("a document is open");
    doc.annotations()
        .iter()
        .filter_map(|a| match &a.kind {
            AnnotationKind::Entity { label, .. } => {
                Some((doc.slice(a.span).to_owned(), label.clone(), a.status))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn opens_the_sample_and_shows_the_article() {
    let h = harness(app(vec![sample("00_seed.txt")]));
    h.get_by_label_contains(
        "U.S. Assistant Secretary of War Daniel Zimmerman met with Polish defense leaders",
    );
    // The library lists the article by its title.
    let title_nodes = h
        .query_all_by_label_contains("U.S. and Poland strengthen defense ties")
        .count();
    assert_eq!(
        title_nodes, 2,
        "the heading of the article and its row in the library"
    );
    assert!(h.state().state.title().starts_with("Untitled"));
}

#[test]
fn annotate_with_a_key_then_undo_redo_save_and_reopen() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let manual = |app: &DossierApp| {
        entity_texts(app)
            .into_iter()
            .filter(|(t, l, s)| t == "Daniel Zimmerman" && l == "PERSON" && *s == Status::Accepted)
            .count()
    };
    assert_eq!(manual(h.state()), 0);

    find_and_select(&mut h, "Daniel Zimmerman");
    let sel = h
        .state()
        .state
        .view
        .selection
        .expect("find selects the match");
    let doc = h.state().state.current_document().unwrap();
    assert_eq!(doc.slice(sel.span()), "Daniel Zimmerman");

    press(&mut h, Key::Num1, Modifiers::NONE);
    assert_eq!(manual(h.state()), 1, "key 1 labels the selection PERSON");
    let project = h.state().state.project();
    let person = project
        .find_entity("PERSON", "Daniel Zimmerman")
        .expect("a canonical entity was made");
    assert_eq!(person.name, "Daniel Zimmerman");
    // The inspector shows it, the entity list groups it.
    h.get_by_label_contains("Daniel Zimmerman  ×");
    assert!(h.state().state.session.editor.is_dirty());
    assert!(
        h.state().state.title().contains('•'),
        "unsaved mark in the title"
    );

    press(&mut h, Key::Z, Modifiers::COMMAND);
    assert_eq!(manual(h.state()), 0, "undo removes it");
    press(&mut h, Key::Z, Modifiers::COMMAND | Modifiers::SHIFT);
    assert_eq!(manual(h.state()), 1, "redo brings it back");
    press(&mut h, Key::Z, Modifiers::COMMAND);
    press(&mut h, Key::Y, Modifiers::COMMAND);
    assert_eq!(manual(h.state()), 1, "Ctrl+Y redoes too");

    // A quote, by selection and Q.
    find_and_select(&mut h, "“Poland continues to demonstrate");
    let sel = h.state().state.view.selection.unwrap();
    let text = h
        .state()
        .state
        .current_document()
        .unwrap()
        .text()
        .to_owned();
    let end = text[sel.span().start..].find("” Zimmerman").unwrap() + sel.span().start + "”".len();
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::Select(Some(
            dossier::ui::TextSelection { head: end, ..sel },
        ))));
    h.run_steps(1);
    press(&mut h, Key::Q, Modifiers::NONE);
    let quotes = h
        .state()
        .state
        .current_document()
        .unwrap()
        .annotations()
        .iter()
        .filter(|a| a.is_quote())
        .count();
    assert!(quotes >= 1);

    // Save through the typed-path dialog (no native dialog in tests).
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("seed.dossier");
    press(&mut h, Key::S, Modifiers::COMMAND);
    h.get_by_label("Project file (.dossier)")
        .type_text(&target.display().to_string());
    h.run_steps(1);
    h.get_by_label("Save").click();
    h.run_steps(1);
    // Saving runs on a worker thread, like opening.
    wait_until_open(&mut h);
    assert!(target.exists(), "saved to {}", target.display());
    assert!(!h.state().state.session.editor.is_dirty());
    assert!(!h.state().state.title().contains('•'));

    // Reopen in a fresh window: the work is there. (The first window has
    // to close first; while it has the project, a second gets it read-only.)
    drop(h);
    let h2 = harness(app(vec![target.clone()]));
    assert_eq!(manual(h2.state()), 1);
    let q2 = h2
        .state()
        .state
        .current_document()
        .unwrap()
        .annotations()
        .iter()
        .filter(|a| a.is_quote())
        .count();
    assert_eq!(q2, quotes);
    assert_eq!(
        h2.state().state.session.project_path.as_deref(),
        Some(target.as_path())
    );
}

#[test]
fn mouse_drag_selects_text_and_a_label_key_annotates_it() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let para = h
        .get_by_label_contains("U.S. Assistant Secretary of War Daniel Zimmerman met")
        .rect();
    // Drag over the first word of the paragraph ("U.S.").
    let y = para.min.y + 12.0;
    h.drag_at(egui::pos2(para.min.x + 1.0, y));
    h.run_steps(1);
    h.hover_at(egui::pos2(para.min.x + 18.0, y));
    h.run_steps(1);
    h.drop_at(egui::pos2(para.min.x + 30.0, y));
    h.run_steps(2);
    let sel = h
        .state()
        .state
        .view
        .selection
        .expect("the drag made a selection");
    let doc = h.state().state.current_document().unwrap();
    let chosen = doc.slice(sel.span()).to_owned();
    assert!(
        !chosen.is_empty() && "U.S. Assistant".starts_with(chosen.trim()),
        "selected {chosen:?}"
    );
    press(&mut h, Key::Num3, Modifiers::NONE);
    let gpe: Vec<_> = entity_texts(h.state())
        .into_iter()
        .filter(|(_, l, s)| l == "GPE" && *s == Status::Accepted)
        .collect();
    assert_eq!(gpe.len(), 1, "{gpe:?}");
}

#[test]
fn a_bad_file_gets_a_notice_and_the_rest_opens() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let h = harness(app(vec![bad.clone(), sample("00_seed.txt")]));
    assert_eq!(h.state().state.project().documents.len(), 1);
    let notice = h
        .state()
        .state
        .inbox
        .notices
        .iter()
        .find(|n| n.text.contains("broken.json"))
        .expect("a notice names the file");
    assert!(notice.text.contains("could not be opened"));
}

#[test]
fn keyboard_review_accepts_and_rejects() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    // Two manual annotations to walk through with J/K.
    find_and_select(&mut h, "Warsaw");
    press(&mut h, Key::Num3, Modifiers::NONE);
    find_and_select(&mut h, "Monday");
    press(&mut h, Key::Num5, Modifiers::NONE);
    press(&mut h, Key::Escape, Modifiers::NONE);
    assert!(h.state().state.view.selected_annotation.is_none());
    // Reviewing one annotation in place (the setting that moves on to the
    // next suggestion is tested on its own).
    h.state_mut().dispatch(Action::View(
        dossier::ui::ViewAction::SetAdvanceAfterReview(false),
    ));
    press(&mut h, Key::J, Modifiers::NONE);
    let first = h
        .state()
        .state
        .view
        .selected_annotation
        .expect("J selects the first annotation");
    press(&mut h, Key::R, Modifiers::NONE);
    let status = status_of(&h, first);
    assert_eq!(status, Status::Rejected);
    press(&mut h, Key::A, Modifiers::NONE);
    let status = status_of(&h, first);
    assert_eq!(status, Status::Accepted);
    press(&mut h, Key::Delete, Modifiers::NONE);
    assert!(
        h.state()
            .state
            .current_document()
            .unwrap()
            .annotation(first)
            .is_none()
    );
}

#[test]
fn the_chart_sits_beside_the_article_and_sets_claims_against_nato() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    assert!(h.state().chart.visible);
    // The latest edition by default, named with its definition.
    h.get_by_label_contains("Core defence expenditure of NATO allies");
    h.get_by_label_contains("(Jul 2026 edition)");
    // Mark the seed's spending claim by hand: Poland, 2023, 4 %.
    find_and_select(&mut h, "Poland, however");
    find_and_select(
        &mut h,
        "spending approximately 4% of its GDP on defense in 2023",
    );
    press(&mut h, Key::S, Modifiers::NONE);
    let doc = h.state().state.current_document().unwrap();
    let claim = doc
        .annotations()
        .iter()
        .find(|a| a.is_claim())
        .expect("S marks a claim");
    match &claim.kind {
        AnnotationKind::Claim { year, value, .. } => {
            assert_eq!(*year, Some(2023));
            assert_eq!(*value, 4.0);
        }
        _ => unreachable!(),
    }
    // The country is filled in from the GPE before it, once tagged.
    let id = claim.id;
    let doc_id = doc.id;
    let mut updated = claim.clone();
    if let AnnotationKind::Claim { country, iso3, .. } = &mut updated.kind {
        *country = "Poland".into();
        *iso3 = Some("POL".into());
    }
    h.state_mut()
        .dispatch(Action::Edit(dossier::ui::EditAction::Execute(
            dossier::edit::Command::UpdateAnnotations {
                doc: doc_id,
                annotations: vec![updated],
            },
        )));
    h.run_steps(2);
    assert!(
        h.state()
            .state
            .current_document()
            .unwrap()
            .annotation(id)
            .is_some()
    );
    let shown = h
        .query_all_by_label_contains("Poland 2023: claimed 4.0 %; NATO now (Jul 2026, core) 3.26 %")
        .count();
    assert!(shown >= 1, "the claim check is shown beside the chart");

    // Switch the chart kind; the article keeps its place.
    let app = h.state_mut();
    let chart = app.chart.chart(&app.state).unwrap();
    assert!(
        chart
            .claims
            .iter()
            .any(|m| m.iso3 == "POL" && m.official == Some(3.26))
    );

    // Export the figure through the typed-path fallback.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("fig.svg");
    h.get_by_label("Export SVG…").click();
    h.run_steps(2);
    assert!(
        h.state().dialogs.typed_path.is_some(),
        "no native dialog in tests: a path is typed"
    );
    h.run_steps(2);
    h.get_by_label("Chart file (.png, .svg or .csv)")
        .type_text(&svg.display().to_string());
    h.run_steps(1);
    h.get_by_label("Export").click();
    h.run_steps(3);
    let text = std::fs::read_to_string(&svg).expect("the SVG was written");
    assert!(text.contains("<svg") && text.contains("NATO"));
}

#[test]
fn export_dialog_writes_a_dataset_in_the_background() {
    let mut h = harness(app(vec![
        sample("00_seed.txt"),
        sample("05_nato-romania-can-count-on-nato.txt"),
    ]));
    find_and_select(&mut h, "Daniel Zimmerman");
    press(&mut h, Key::Num1, Modifiers::NONE);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.jsonl");
    h.state_mut()
        .dispatch(Action::Inbox(dossier::ui::InboxAction::Notify(
            dossier::ui::Severity::Info,
            "test".into(),
        )));
    h.state_mut().export.open = true;
    h.run_steps(2);
    h.get_by_label("Destination file").focus();
    h.run_steps(1);
    h.get_by_label("Destination file")
        .type_text(&out.display().to_string());
    h.run_steps(1);
    h.get_by_label("Export").click();
    for _ in 0..200 {
        h.run_steps(1);
        if out.exists() && !h.state().export.open {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let notices: Vec<String> = h
        .state()
        .state
        .inbox
        .notices
        .iter()
        .map(|n| n.text.clone())
        .collect();
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "not exported ({e}): {notices:?}, dialog: {:?}",
            h.state().export.destination
        )
    });
    assert_eq!(text.lines().count(), 2, "all documents");
    assert!(text.contains("\"Daniel Zimmerman\""));
    assert!(
        h.state()
            .state
            .inbox
            .notices
            .iter()
            .any(|n| n.text.starts_with("Exported"))
    );
}

#[test]
fn gazetteer_list_import_suggests_names_across_the_corpus_in_one_undo_step() {
    let mut h = harness(app(vec![
        sample("00_seed.txt"),
        sample("08_dod-mattis-salutes-poland-2pct.txt"),
    ]));
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("names.txt");
    std::fs::write(
        &list,
        "# taught by hand\nhost nation support\tORG\nmodel ally\nBADLINE\tNOPE\n",
    )
    .unwrap();
    let count = |app: &DossierApp, text: &str| {
        app.state
            .project()
            .documents
            .iter()
            .flat_map(|d| d.annotations().iter().map(move |a| d.slice(a.span)))
            .filter(|t| *t == text)
            .count()
    };
    assert_eq!(count(h.state(), "model ally"), 0);
    h.state_mut().gazetteer.open = true;
    h.run_steps(2);
    h.get_by_label("Import a list…").click();
    h.run_steps(3);
    h.get_by_label("Text file: one name a line, optionally a tab and a label")
        .type_text(&list.display().to_string());
    h.run_steps(1);
    h.get_by_label("Import").click();
    h.run_steps(3);
    let g = &h.state().state.project().gazetteer;
    assert_eq!(g.len(), 2, "{g:?}");
    assert!(
        g.iter()
            .any(|e| e.text == "model ally" && e.label == "PERSON"),
        "default label of the window"
    );
    assert_eq!(
        count(h.state(), "model ally"),
        2,
        "suggested wherever it occurs"
    );
    let warn = h
        .state()
        .state
        .inbox
        .notices
        .iter()
        .find(|n| n.text.contains("gazetteer"))
        .unwrap();
    assert!(
        warn.details.iter().any(|d| d.contains("names.txt:4")),
        "{:?}",
        warn.details
    );
    // One undo step takes the list and its suggestions back.
    press(&mut h, Key::Z, Modifiers::COMMAND);
    assert!(h.state().state.project().gazetteer.is_empty());
    assert_eq!(count(h.state(), "model ally"), 0);
}

#[test]
fn imported_figures_are_compared_with_nato_and_bad_rows_reported() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("mine.csv");
    std::fs::write(
        &csv,
        "country,year,value\nPoland,2023,3.9\nCzech Republic,2023,1.5\nTurkey,2023,abc\n",
    )
    .unwrap();
    h.state_mut()
        .dispatch(Action::Window(dossier::ui::WindowAction::ImportFigures(
            csv.clone(),
        )));
    h.run_steps(2);
    let app = h.state_mut();
    assert!(app.chart.imported.is_some());
    let chart = app
        .chart
        .chart(&app.state)
        .expect("the comparison chart builds");
    assert!(
        chart.rows.iter().any(|r| r.iso3 == "CZE"),
        "Czech Republic matched to CZE"
    );
    let notice = app.state.inbox.notices.last().unwrap();
    assert!(
        notice.text.contains("1 row(s) could not be read"),
        "{}",
        notice.text
    );
    assert!(
        notice.details.iter().any(|d| d.contains("line 4")),
        "{:?}",
        notice.details
    );
}

#[test]
fn a_large_folder_opens_in_the_background_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(sample("00_seed.txt")).unwrap();
    for i in 0..400 {
        // Each a text of its own: the same text twice is one document.
        std::fs::write(
            dir.path().join(format!("a{i:03}.txt")),
            format!("Report {i}\n{seed}"),
        )
        .unwrap();
    }
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    h.state_mut()
        .dispatch(Action::Session(dossier::ui::SessionAction::OpenPaths(
            vec![dir.path().to_owned()],
        )));
    h.run_steps(1);
    assert!(
        h.state().state.is_busy(),
        "the open runs on a worker thread"
    );
    // The window keeps drawing frames while it runs.
    h.run_steps(3);
    h.state_mut()
        .dispatch(Action::Session(dossier::ui::SessionAction::CancelOpen));
    wait_until_open(&mut h);
    let docs = h.state().state.project().documents.len();
    if h.state()
        .state
        .inbox
        .notices
        .iter()
        .any(|n| n.text.contains("cancelled"))
    {
        assert_eq!(docs, 1, "a cancelled open adds nothing");
    } else {
        // The machine was fast enough to finish first.
        assert_eq!(docs, 401);
    }
    // Opening again, to the end, brings them all in.
    h.state_mut()
        .dispatch(Action::Session(dossier::ui::SessionAction::OpenPaths(
            vec![dir.path().to_owned()],
        )));
    wait_until_open(&mut h);
    assert!(h.state().state.project().documents.len() >= 401);
}

#[test]
fn opening_an_open_article_again_says_so_and_adds_nothing() {
    let mut h = harness(app(vec![
        sample("00_seed.txt"),
        sample("08_dod-mattis-salutes-poland-2pct.txt"),
    ]));
    wait_until_open(&mut h);
    let first = h.state().state.project().documents[0].id;
    assert_ne!(h.state().state.view.current, None);
    h.state_mut()
        .dispatch(Action::Session(dossier::ui::SessionAction::OpenPaths(
            vec![sample("00_seed.txt")],
        )));
    wait_until_open(&mut h);
    h.run_steps(2);
    assert_eq!(h.state().state.project().documents.len(), 2);
    assert_eq!(
        h.state().state.view.current,
        Some(first),
        "the article already open is shown"
    );
    h.get_by_label_contains("1 document was already open, not added again");
}
