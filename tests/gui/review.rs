//! Selecting and annotating as an analyst does: whole words, keys that go
//! where the keyboard is, claims that know their country, review that moves
//! on, and edits named when they are undone.

use dossier::model::{AnnotationKind, Status};
use dossier::ui::{Action, DossierApp};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use super::{app, find_and_select, harness, press, sample};

fn last_notice(h: &Harness<'_, DossierApp>) -> String {
    h.state()
        .state
        .inbox
        .notices
        .last()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

fn selected_text(h: &Harness<'_, DossierApp>) -> String {
    let state = &h.state().state;
    let doc = state.current_document().expect("a document is open");
    state
        .view
        .selection
        .map(|s| doc.slice(s.span()).to_owned())
        .unwrap_or_default()
}

fn annotation_count(h: &Harness<'_, DossierApp>) -> usize {
    h.state()
        .state
        .current_document()
        .map_or(0, |d| d.annotations().len())
}

#[test]
fn a_drag_inside_a_word_takes_the_whole_word() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let para = h
        .get_by_label_contains("U.S. Assistant Secretary of War Daniel Zimmerman met")
        .rect();
    let y = para.min.y + 12.0;
    // From inside "Assistant" to inside it or the next word.
    h.drag_at(egui::pos2(para.min.x + 52.0, y));
    h.run_steps(1);
    h.hover_at(egui::pos2(para.min.x + 70.0, y));
    h.run_steps(1);
    h.drop_at(egui::pos2(para.min.x + 90.0, y));
    h.run_steps(2);
    let sel = h.state().state.view.selection.expect("the drag selected");
    let doc = h.state().state.current_document().unwrap();
    let text = doc.text();
    let span = sel.span();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    assert!(
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric),
        "whole words, not {:?}",
        doc.slice(span)
    );
    assert!(
        doc.slice(span).starts_with("Assistant"),
        "{:?}",
        doc.slice(span)
    );
}

#[test]
fn letter_keys_stay_in_the_library_filter() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    // A selection waiting for a label key.
    find_and_select(&mut h, "Daniel Zimmerman");
    assert!(h.state().state.view.selection.is_some());
    let before = annotation_count(&h);
    // The click and the first key in one frame, as when the window is busy:
    // the key must not reach the article before the filter has the
    // keyboard.
    h.get_by_label("Filter").click();
    h.key_press(Key::Num3);
    h.run_steps(2);
    assert_eq!(
        annotation_count(&h),
        before,
        "no annotation from the filter"
    );
    h.get_by_label("Filter").type_text("3");
    h.run_steps(1);
    press(&mut h, Key::Num3, Modifiers::NONE);
    press(&mut h, Key::J, Modifiers::NONE);
    assert_eq!(
        annotation_count(&h),
        before,
        "no annotation from the filter"
    );
    assert!(
        h.state().library.filter.contains('3'),
        "{:?}",
        h.state().library.filter
    );
    assert_eq!(
        h.state().state.view.selected_annotation,
        None,
        "J went to the filter"
    );
}

#[test]
fn keys_do_not_annotate_while_the_chart_has_the_keyboard() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let chart = h
        .state()
        .rects
        .chart
        .expect("the chart is beside the article at 1360");
    // Click the chart's blank toolbar space, then J: nothing is selected.
    h.get_by_label("Targets:").click();
    h.run_steps(2);
    assert!(chart.contains(h.get_by_label("Targets:").rect().center()));
    press(&mut h, Key::J, Modifiers::NONE);
    assert_eq!(h.state().state.view.selected_annotation, None);
    // Back in the article, J walks the annotations.
    h.get_by_label_contains("U.S. Assistant Secretary of War Daniel Zimmerman met")
        .click();
    h.run_steps(2);
    press(&mut h, Key::Escape, Modifiers::NONE);
    press(&mut h, Key::J, Modifiers::NONE);
    assert!(h.state().state.view.selected_annotation.is_some());
}

/// The claim marked by hand (the engine suggests others).
fn manual_claim(h: &Harness<'_, DossierApp>) -> (String, Option<String>) {
    let doc = h.state().state.current_document().unwrap();
    let claim = doc
        .annotations()
        .iter()
        .find(|a| a.is_claim() && a.origin == dossier::model::Origin::Manual)
        .expect("S marks a claim");
    let AnnotationKind::Claim { country, iso3, .. } = &claim.kind else {
        unreachable!()
    };
    (country.clone(), iso3.clone())
}

#[test]
fn a_claim_takes_its_country_from_its_sentence() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    find_and_select(
        &mut h,
        "spending approximately 4% of its GDP on defense in 2023",
    );
    press(&mut h, Key::S, Modifiers::NONE);
    // "Poland, however, already exceeds…, spending approximately 4%…".
    assert_eq!(manual_claim(&h), ("Poland".into(), Some("POL".into())));
}

#[test]
fn a_claim_never_takes_a_country_from_another_sentence() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    // A sentence naming no country, after one ending "…peace for Ukraine".
    find_and_select(&mut h, "the 5% defense spending target represents");
    press(&mut h, Key::S, Modifiers::NONE);
    assert_eq!(manual_claim(&h), (String::new(), None));
}

#[test]
fn typing_a_claims_year_does_not_move_the_charts_year() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let shown = |h: &mut Harness<'_, DossierApp>| {
        let app = h.state_mut();
        app.chart.chart(&app.state).map(|c| c.title.clone())
    };
    let before = shown(&mut h).expect("a chart");
    // The first dated claim of the article, the one the chart took its
    // year from.
    let doc = h.state().state.current_document().unwrap();
    let claim = doc
        .annotations()
        .iter()
        .find(|a| matches!(a.kind, AnnotationKind::Claim { year: Some(_), .. }))
        .expect("the seed has a dated claim")
        .id;
    let AnnotationKind::Claim {
        year: Some(year), ..
    } = doc.annotation(claim).unwrap().kind
    else {
        unreachable!()
    };
    assert!(before.contains(&year.to_string()), "{before}");
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(claim),
        )));
    h.run_steps(2);
    // The analyst corrects the claim's year in the inspector.
    let field = (egui::accesskit::Role::TextInput, "Year");
    h.get_by_role_and_label(field.0, field.1).focus();
    h.run_steps(1);
    press(&mut h, Key::A, Modifiers::COMMAND);
    h.get_by_role_and_label(field.0, field.1).type_text("2019");
    h.run_steps(1);
    press(&mut h, Key::Tab, Modifiers::NONE);
    let doc = h.state().state.current_document().unwrap();
    assert!(
        matches!(
            doc.annotation(claim).unwrap().kind,
            AnnotationKind::Claim {
                year: Some(2019),
                ..
            }
        ),
        "the edit went in"
    );
    assert_eq!(
        shown(&mut h).expect("a chart"),
        before,
        "the chart kept its year"
    );
}

#[test]
fn accepting_moves_on_to_the_next_suggestion_and_undo_names_the_edit() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    assert!(h.state().state.view.advance_after_review, "on by default");
    press(&mut h, Key::N, Modifiers::NONE);
    let first = h
        .state()
        .state
        .view
        .selected_annotation
        .expect("N selects the first suggestion");
    let doc = h.state().state.current_document().unwrap();
    let a = doc.annotation(first).unwrap();
    let what = format!(
        "accept {} “{}”",
        a.kind.label().unwrap_or(a.kind.kind_name()),
        doc.slice(a.span)
    );
    press(&mut h, Key::A, Modifiers::NONE);
    let doc = h.state().state.current_document().unwrap();
    assert_eq!(doc.annotation(first).unwrap().status, Status::Accepted);
    let next = h.state().state.view.selected_annotation.expect("moved on");
    assert_ne!(next, first);
    assert_eq!(doc.annotation(next).unwrap().status, Status::Suggested);

    press(&mut h, Key::Z, Modifiers::COMMAND);
    assert_eq!(last_notice(&h), format!("Undo: {what}"));
    press(&mut h, Key::Z, Modifiers::COMMAND | Modifiers::SHIFT);
    assert_eq!(last_notice(&h), format!("Redo: {what}"));
}

#[test]
fn accepting_all_like_it_says_what_it_did() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let doc = h.state().state.current_document().unwrap();
    let gpe = doc
        .annotations()
        .iter()
        .find(|a| a.status == Status::Suggested && a.kind.label() == Some("GPE"))
        .expect("a GPE suggestion")
        .id;
    let n = doc
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Suggested && a.kind.label() == Some("GPE"))
        .count();
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(gpe),
        )));
    h.run_steps(1);
    press(&mut h, Key::A, Modifiers::SHIFT);
    let s = if n == 1 { "" } else { "s" };
    assert!(
        last_notice(&h).starts_with(&format!("Accepted {n} GPE suggestion{s}")),
        "{}",
        last_notice(&h)
    );
}

#[test]
fn find_enter_goes_to_the_next_match_and_counts_them() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let text = h
        .state()
        .state
        .current_document()
        .unwrap()
        .text()
        .to_owned();
    let total = text.to_lowercase().matches("poland").count();
    assert!(total >= 3);
    find_and_select(&mut h, "Poland");
    let first = h.state().state.view.selection.unwrap().span();
    h.get_by_label(&format!("1 of {total}"));
    // Enter again: the next match, not an accepted annotation.
    press(&mut h, Key::Enter, Modifiers::NONE);
    let second = h.state().state.view.selection.unwrap().span();
    assert!(second.start > first.start, "{first:?} then {second:?}");
    assert_eq!(selected_text(&h).to_lowercase(), "poland");
    h.get_by_label(&format!("2 of {total}"));
    press(&mut h, Key::Enter, Modifiers::SHIFT);
    assert_eq!(h.state().state.view.selection.unwrap().span(), first);
    // A label key still annotates the match.
    press(&mut h, Key::Num3, Modifiers::NONE);
    assert!(h.state().state.view.selected_annotation.is_some());
}

#[test]
fn the_gazetteer_lists_a_name_once_however_often_it_is_taught() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    // Tagged by hand, "Warsaw" is learnt; accepting its other mention
    // teaches the same name again.
    find_and_select(&mut h, "Warsaw");
    let first = h.state().state.view.selection.unwrap().span();
    press(&mut h, Key::Num3, Modifiers::NONE);
    let doc = h.state().state.current_document().unwrap();
    let other = doc
        .annotations()
        .iter()
        .find(|a| doc.slice(a.span) == "Warsaw" && a.span != first && a.status == Status::Suggested)
        .expect("the other Warsaw is suggested")
        .id;
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(other),
        )));
    press(&mut h, Key::A, Modifiers::NONE);
    let g = &h.state().state.project().gazetteer;
    let warsaw = g
        .iter()
        .filter(|e| e.text == "Warsaw" && e.label == "GPE")
        .count();
    assert_eq!(warsaw, 1, "{g:?}");
}

#[test]
fn an_empty_chart_says_so_in_words_and_offers_a_way_back() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    {
        let chart = &mut h.state_mut().chart;
        // NATO's August 2025 edition has no equipment table (Table 8a).
        chart.options.kind = dossier::chart::ChartKind::Equipment;
        chart.options.edition = Some("nato-2025".into());
    }
    h.run_steps(3);
    h.get_by_label("Nothing to draw");
    h.get_by_label_contains("equipment (% of defence expenditure)");
    h.get_by_label("Show the latest edition").click();
    h.run_steps(3);
    let app = h.state_mut();
    let chart = app
        .chart
        .chart(&app.state)
        .expect("the latest edition draws");
    assert!(!chart.rows.is_empty());
}

#[test]
fn the_view_menu_says_what_is_on() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    h.get_by_label("View").click();
    h.run_steps(2);
    use egui::accesskit::{Role, Toggled};
    let chart = h.get_by_role_and_label(Role::CheckBox, "Spending chart");
    assert_eq!(chart.accesskit_node().toggled(), Some(Toggled::True));
    for theme in ["Follow the system theme", "Light theme", "Dark theme"] {
        h.get_by_role_and_label(Role::RadioButton, theme);
    }
    h.get_by_role_and_label(Role::CheckBox, "Spending chart")
        .click();
    h.run_steps(2);
    assert!(!h.state().chart.visible);
}

#[test]
fn a_suggested_claim_says_why_in_the_inspector() {
    let mut h = harness(app(vec![sample("00_seed.txt")]));
    let claim = {
        let doc = h.state().state.current_document().unwrap();
        doc.annotations()
            .iter()
            .find(|a| matches!(a.kind, AnnotationKind::Claim { .. }))
            .expect("the seed's claim is suggested")
            .id
    };
    h.state_mut()
        .dispatch(Action::View(dossier::ui::ViewAction::SelectAnnotation(
            Some(claim),
        )));
    h.run_steps(3);
    h.get_by_label("Suggested because");
    // "Poland is spending approximately 4% of its GDP on defense in 2023":
    // the predicate, the possessive the country came from, value and year.
    h.get_by_label_contains(
        "country from: ‘its’ · predicate: ‘spending’ · value: ‘4%’ · year: ‘2023’",
    );
}
