//! The window holds together at every size and after every click: the real
//! app, driven headlessly from a small laptop to 4K and at 2× scale, through
//! the clicks that once broke it (a country focused from the text, a quote
//! and a claim selected, the export dialog opened). Panels never overlap,
//! every labelled control lies inside the window and inside its panel, and
//! the article's text never runs under the chart.

use dossier::model::AnnotationKind;
use dossier::ui::{Action, DossierApp};
use egui::accesskit;
use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use super::{app, press, sample, wait_until_open};

/// Logical window sizes and scales: the smallest window the app allows
/// (720×480 is its minimum), laptops, full HD, 4K, and full HD at 2×.
const SIZES: &[(f32, f32, f32)] = &[
    (800.0, 500.0, 1.0),
    (900.0, 600.0, 1.0),
    (1280.0, 800.0, 1.0),
    (1920.0, 1080.0, 1.0),
    (3840.0, 2160.0, 1.0),
    (960.0, 540.0, 2.0),
];

fn sized(w: f32, h: f32, ppp: f32) -> Harness<'static, DossierApp> {
    // SAFETY: as in `harness`: set before any thread of the test reads it.
    unsafe { std::env::set_var("DOSSIER_NO_NATIVE_DIALOG", "1") };
    let mut h = Harness::builder()
        .with_size([w, h])
        .with_pixels_per_point(ppp)
        .build_ui_state(
            |ui, app: &mut DossierApp| app.show(ui),
            app(vec![sample("00_seed.txt")]),
        );
    h.run_steps(3);
    wait_until_open(&mut h);
    h
}

/// Roles of the controls an analyst clicks or types into.
fn is_control(role: accesskit::Role) -> bool {
    use accesskit::Role;
    matches!(
        role,
        Role::Button
            | Role::CheckBox
            | Role::RadioButton
            | Role::TextInput
            | Role::ComboBox
            | Role::SpinButton
            | Role::Slider
            | Role::Tab
    )
}

/// Everything that must hold after any interaction, at any size.
fn check(h: &Harness<'_, DossierApp>, when: &str) {
    let rects = h.state().rects.clone();
    let window = rects.window;
    let problems = rects.problems();
    assert!(problems.is_empty(), "{when}: {problems:#?}");
    for name in ["menu", "status", "library", "inspector"] {
        assert!(
            rects.named().iter().any(|(n, _)| *n == name),
            "{when}: no {name} panel was drawn"
        );
    }
    assert!(
        rects.article.is_some() || rects.chart.is_some(),
        "{when}: neither the article nor the chart was drawn"
    );
    let panels = rects.named();
    let mut outside = Vec::new();
    for node in h.query_all_by(|n| n.label().is_some_and(|l| !l.trim().is_empty())) {
        let ak = node.accesskit_node();
        if !is_control(ak.role()) || ak.is_hidden() {
            continue;
        }
        let label = ak.label().unwrap_or_default();
        let r = node.rect();
        // Rows scrolled out of a list are laid out above or below it;
        // what is on screen, even in part, must be whole.
        if r.max.y <= window.min.y || r.min.y >= window.max.y {
            continue;
        }
        // Lists scroll: a row half out of view at a list's edge is cut
        // by the list, as it should be. Across, everything is whole.
        let across = |outer: Rect| outer.min.x - 1.0 <= r.min.x && r.max.x <= outer.max.x + 1.0;
        if !across(window) {
            outside.push(format!(
                "{label:?} {r:?} is not inside the window {window:?}"
            ));
            continue;
        }
        // Floating windows (the export dialog, menus) lie over the panels,
        // whole.
        if in_floating_window(h, r) {
            if !window.expand(1.0).contains_rect(r) {
                outside.push(format!("{label:?} {r:?} of a dialog is cut by the window"));
            }
            continue;
        }
        // Whole inside a panel: fine. Otherwise it is a row of a list
        // scrolled half out of view (the list cuts it, as it should), and
        // then it must lie across inside the panel whose column it is in.
        if panels.iter().any(|(_, p)| p.expand(1.0).contains_rect(r)) {
            continue;
        }
        let column = panels.iter().find(|(name, p)| {
            !matches!(*name, "menu" | "status") && p.x_range().contains(r.center().x)
        });
        match column {
            Some((name, p)) if !across(*p) => outside.push(format!(
                "{label:?} {r:?} runs out of the {name} panel {p:?}"
            )),
            None => outside.push(format!("{label:?} {r:?} is in no panel")),
            _ => {}
        }
    }
    assert!(outside.is_empty(), "{when}: {outside:#?}");
    // The article's paragraphs stay in the article's column: never under
    // the chart, never under the inspector.
    if let Some(article) = rects.article {
        for node in h.query_all_by(|n| n.role() == accesskit::Role::Label) {
            let r = node.rect();
            let is_paragraph = node
                .accesskit_node()
                .label()
                .is_some_and(|l| l.contains("Zimmerman") && l.len() > 80);
            if is_paragraph && (r.min.x < article.min.x - 1.0 || r.max.x > article.max.x + 1.0) {
                panic!("{when}: a paragraph {r:?} runs out of the article {article:?}");
            }
        }
    }
}

/// Whether `r` lies in a floating window (an `egui::Window`) rather than in
/// a panel: the export dialog's controls are inside its frame.
fn in_floating_window(h: &Harness<'_, DossierApp>, r: Rect) -> bool {
    h.query_all_by(|n| n.role() == accesskit::Role::Window)
        .any(|w| w.rect().expand(1.0).contains_rect(r))
}

fn annotation_of(
    h: &Harness<'_, DossierApp>,
    want: impl Fn(&AnnotationKind, &str) -> bool,
) -> dossier::model::AnnotationId {
    let doc = h
        .state()
        .state
        .current_document()
        .expect("a document is open");
    doc.annotations()
        .iter()
        .find(|a| a.is_live() && want(&a.kind, doc.slice(a.span)))
        .unwrap_or_else(|| panic!("no such annotation in {}", doc.title()))
        .id
}

/// The clicks of the issue, at one size, checking after each.
fn walk_through(w: f32, hgt: f32, ppp: f32) {
    let when = |what: &str| format!("{w}×{hgt} at {ppp}×, {what}");
    let mut h = sized(w, hgt, ppp);
    check(&h, &when("opened"));
    let opened_width = h.state().rects.inspector.map(|r| r.width());

    // Click "Washington", a country, in the text: the chart focuses it.
    let washington = annotation_of(&h, |k, t| {
        t == "Washington" && matches!(k, AnnotationKind::Entity { .. })
    });
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(washington),
        )));
    h.run_steps(3);
    assert_eq!(h.state().chart.focus.as_deref(), Some("USA"));
    check(&h, &when("Washington focused"));
    let inspector_width = h.state().rects.inspector.map(|r| r.width());
    assert_eq!(
        inspector_width,
        opened_width,
        "{}",
        when("selecting a country widened the inspector")
    );

    // A quote, then a claim, selected from the inspector's lists.
    let quote = annotation_of(&h, |k, _| matches!(k, AnnotationKind::Quote { .. }));
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(quote),
        )));
    h.run_steps(3);
    check(&h, &when("a quote selected"));
    let width = h.state().rects.inspector.map(|r| r.width());
    assert_eq!(
        width,
        inspector_width,
        "{}",
        when("selecting a quote widened the inspector")
    );

    let claim = annotation_of(&h, |k, _| matches!(k, AnnotationKind::Claim { .. }));
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(claim),
        )));
    h.run_steps(3);
    check(&h, &when("a claim selected"));
    let width = h.state().rects.inspector.map(|r| r.width());
    assert_eq!(
        width,
        inspector_width,
        "{}",
        when("selecting a claim widened the inspector")
    );

    // The export dialog, over everything, inside the window.
    h.state_mut()
        .dispatch(Action::Window(dossier::ui::WindowAction::Run(
            dossier::ui::UiCommand::ExportDataset,
        )));
    h.run_steps(3);
    check(&h, &when("the export dialog open"));
    for label in ["PERSON", "ORG", "GPE", "PERCENT"] {
        let r = h
            .get_by_role_and_label(accesskit::Role::CheckBox, label)
            .rect();
        assert!(
            h.state().rects.window.contains_rect(r),
            "{}: the {label} check box {r:?} is cut",
            when("export dialog")
        );
    }

    // The command palette, over everything, inside the window.
    h.state_mut().export.open = false;
    h.run_steps(2);
    press(&mut h, Key::P, Modifiers::COMMAND | Modifiers::SHIFT);
    h.run_steps(2);
    assert!(h.state().palette.open, "{}", when("Ctrl+Shift+P"));
    check(&h, &when("the command palette open"));
    let r = h.get_by_label("Command palette search").rect();
    assert!(
        h.state().rects.window.contains_rect(r),
        "{}: the palette's search {r:?} is cut",
        when("palette")
    );
    press(&mut h, Key::Escape, Modifiers::NONE);
    assert!(!h.state().palette.open);

    // Esc lets go of the country; the layout is as before.
    press(&mut h, Key::Escape, Modifiers::NONE);
    assert_eq!(
        h.state().chart.focus,
        None,
        "{}",
        when("Esc clears the focus")
    );
    check(&h, &when("after Esc"));
}

#[test]
fn a_focused_country_goes_with_its_article() {
    let mut h = super::harness(app(vec![
        sample("00_seed.txt"),
        sample("08_dod-mattis-salutes-poland-2pct.txt"),
    ]));
    let washington = annotation_of(&h, |k, t| {
        t == "Washington" && matches!(k, AnnotationKind::Entity { .. })
    });
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(washington),
        )));
    h.run_steps(2);
    assert_eq!(h.state().chart.focus.as_deref(), Some("USA"));
    press(&mut h, Key::ArrowDown, Modifiers::ALT);
    assert_eq!(h.state().chart.focus, None, "the next article has its own");
    check(&h, "1360×860, next article");
}

#[test]
fn panels_never_overlap_at_any_size_after_the_clicks_that_broke_them() {
    for &(w, h, ppp) in SIZES {
        walk_through(w, h, ppp);
    }
}

#[test]
fn the_chart_gets_a_tab_of_its_own_in_a_narrow_window_and_comes_back_when_wide() {
    let mut h = sized(900.0, 600.0, 1.0);
    // Too narrow for the article and the chart side by side.
    assert!(
        h.state().rects.chart.is_none(),
        "the chart waits in its tab"
    );
    h.get_by_role_and_label(accesskit::Role::Button, "Chart")
        .click();
    h.run_steps(3);
    let chart = h.state().rects.chart.expect("the chart's tab shows it");
    assert!(h.state().rects.article.is_none());
    assert!(chart.width() > 300.0, "{chart:?}");
    check(&h, "900×600, chart tab");
    // Widened: side by side again.
    h.set_size(egui::vec2(1920.0, 1080.0));
    h.run_steps(4);
    assert!(h.state().rects.chart.is_some() && h.state().rects.article.is_some());
    check(&h, "widened to 1920×1080");
    // And narrowed again: the panels give way, nothing overlaps.
    h.set_size(egui::vec2(800.0, 500.0));
    h.run_steps(4);
    check(&h, "narrowed to 800×500");
}

#[test]
fn folded_side_panels_open_from_their_strip() {
    let mut h = sized(900.0, 600.0, 1.0);
    let library = h.state().rects.library.expect("drawn");
    assert!(library.width() < 40.0, "folded at 900 wide: {library:?}");
    h.get_by_label("Show the library").click();
    h.run_steps(3);
    let library = h.state().rects.library.expect("drawn");
    assert!(library.width() >= 100.0, "opened: {library:?}");
    check(&h, "900×600, library opened");
    h.get_by_label("Fold the library").click();
    h.run_steps(3);
    assert!(h.state().rects.library.expect("drawn").width() < 40.0);
}
