//! The right panel: the selected annotation, editable, and the document's
//! entities (grouped by canonical entity), quotes and claims.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui::Ui;

use super::command::UiCommand;
use super::state::{Action, AppState, EditAction, ViewAction, WindowAction};
use super::theme;
use crate::edit::Command;
use crate::model::{
    Annotation, AnnotationId, AnnotationKind, ClaimEvidence, ClaimUnit, DocId, Document, Entity,
    EntityId, Project, Status,
};

/// The panel: the selected annotation to edit, then the document's
/// entities, quotes and claims, each a link to select it.
pub fn show(ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
    let Some(doc) = state.current_document() else {
        ui.label("No document");
        return;
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.strong("Annotation");
        match state.selected() {
            Some(a) => selected_annotation(ui, state.project(), doc, a, actions),
            None => {
                ui.label(
                    egui::RichText::new("Select text and press a label key (1–7), Q for a quote, S for a spending claim; click an annotation to edit it.")
                        .weak(),
                );
            }
        }
        ui.separator();
        let revision = state.session.editor.revision();
        entities(ui, state.project(), doc, revision, state.view.selected_annotation, actions);
        ui.separator();
        quotes(ui, state.project(), doc, state.view.selected_annotation, actions);
        ui.separator();
        claims(ui, doc, state.view.selected_annotation, actions);
    });
}

fn status_text(s: Status) -> &'static str {
    match s {
        Status::Suggested => "suggested",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    }
}

fn update(doc: &Document, a: &Annotation, kind: AnnotationKind) -> Action {
    Action::Edit(EditAction::Execute(Command::UpdateAnnotations {
        doc: doc.id,
        annotations: vec![Annotation {
            kind,
            status: Status::Accepted,
            ..a.clone()
        }],
    }))
}

/// The selected annotation: its text and standing, the review buttons, and
/// its fields to edit.
fn selected_annotation(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    annotation_header(ui, doc, a, actions);
    // Fields take the panel's width less their label's, never more: a wide
    // field or a long name once widened the panel over the chart.
    let field_width = (ui.available_width() - 90.0).max(60.0);
    let fields = Fields {
        project,
        doc,
        annotation: a,
        width: field_width,
    };
    match &a.kind {
        AnnotationKind::Entity { label, entity } => {
            fields.entity(ui, label, *entity, actions);
        }
        AnnotationKind::Quote { speaker, .. } => fields.quote(ui, *speaker, actions),
        AnnotationKind::Claim { .. } => fields.claim(ui, actions),
    }
}

/// The annotation's text, what it is and where, and the buttons to accept,
/// reject or delete it.
fn annotation_header(ui: &mut Ui, doc: &Document, a: &Annotation, actions: &mut Vec<Action>) {
    let (s, e) = doc.char_span(a.span);
    ui.add(
        egui::Label::new(egui::RichText::new(format!("“{}”", doc.slice(a.span))).strong()).wrap(),
    );
    ui.label(
        egui::RichText::new(format!(
            "{} · {} · {:?} · characters {s}–{e}",
            a.kind.kind_name(),
            status_text(a.status),
            a.origin
        ))
        .small()
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        if a.status != Status::Accepted && ui.button(UiCommand::Accept.caption(ui.ctx())).clicked()
        {
            actions.push(Action::Edit(EditAction::SetStatus(
                vec![a.id],
                Status::Accepted,
            )));
        }
        if a.status != Status::Rejected && ui.button(UiCommand::Reject.caption(ui.ctx())).clicked()
        {
            actions.push(Action::Edit(EditAction::SetStatus(
                vec![a.id],
                Status::Rejected,
            )));
        }
        if ui.button(UiCommand::Delete.caption(ui.ctx())).clicked() {
            actions.push(Action::Edit(EditAction::DeleteAnnotation(a.id)));
        }
    });
}

/// The editable fields of the selected annotation, each `width` wide.
struct Fields<'a> {
    project: &'a Project,
    doc: &'a Document,
    annotation: &'a Annotation,
    width: f32,
}

impl Fields<'_> {
    /// An entity mention's label and canonical entity, and the entity's
    /// own details.
    fn entity(
        &self,
        ui: &mut Ui,
        label: &str,
        entity: Option<EntityId>,
        actions: &mut Vec<Action>,
    ) {
        let (project, width) = (self.project, self.width);
        egui::Grid::new("entity_fields")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("Label");
                let mut chosen = label.to_owned();
                egui::ComboBox::from_id_salt("label_combo")
                    .width(width)
                    .truncate()
                    .selected_text(label)
                    .show_ui(ui, |ui| {
                        for lab in project.labels.iter() {
                            ui.selectable_value(&mut chosen, lab.name.clone(), lab.name.as_str());
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if chosen != label {
                    actions.push(Action::Edit(EditAction::Label(chosen)));
                }
                ui.end_row();
                let l = ui.label("Entity");
                let current = project.entity_name(entity).unwrap_or("(none)");
                let mut pick = entity;
                egui::ComboBox::from_id_salt("entity_combo")
                    .width(width)
                    .truncate()
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut pick, None, "(none)");
                        for e in project.entities.values().filter(|e| e.label == label) {
                            ui.selectable_value(&mut pick, Some(e.id), e.name.as_str());
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if pick != entity {
                    let kind = AnnotationKind::Entity {
                        label: label.to_owned(),
                        entity: pick,
                    };
                    actions.push(update(self.doc, self.annotation, kind));
                }
                ui.end_row();
            });
        if let Some(e) = entity.and_then(|id| project.entity(id)) {
            entity_details(ui, e, width, actions);
        }
    }

    /// A quote's speaker, chosen among the people the document mentions,
    /// and the mention, cue and source it was attributed by.
    fn quote(&self, ui: &mut Ui, speaker: Option<EntityId>, actions: &mut Vec<Action>) {
        let (project, doc, a) = (self.project, self.doc, self.annotation);
        let AnnotationKind::Quote {
            cue,
            source,
            speaker_span,
            ..
        } = &a.kind
        else {
            return;
        };
        egui::Grid::new("quote_fields")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("Speaker");
                let people = project.people_in(doc);
                let mut pick = speaker;
                egui::ComboBox::from_id_salt("speaker_combo")
                    .width(self.width)
                    .truncate()
                    .selected_text(
                        project
                            .entity_name(speaker)
                            .unwrap_or("(no person: a statement)"),
                    )
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut pick, None, "(no person: a statement)");
                        for (id, _) in &people {
                            ui.selectable_value(
                                &mut pick,
                                Some(*id),
                                project.entity_name(Some(*id)).unwrap_or("?"),
                            );
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if pick != speaker {
                    // The mention the attribution uses: the nearest mention
                    // of that person before the quote, else after it.
                    let mention = pick.and_then(|p| nearest_mention(doc, p, a));
                    let kind = AnnotationKind::Quote {
                        speaker: pick,
                        speaker_span: mention,
                        cue: cue.clone(),
                        source: source.clone(),
                    };
                    actions.push(update(doc, a, kind));
                }
                ui.end_row();
            });
        // Below the grid, wrapped: a grid cell grows with its text.
        let mention = speaker_span
            .map(|s| doc.slice(s).to_owned())
            .unwrap_or_else(|| "–".into());
        ui.add(egui::Label::new(format!("Mention: {mention}")).wrap());
        ui.add(egui::Label::new(format!("Cue: {}", cue.as_deref().unwrap_or("–"))).wrap());
        if let Some(src) = source {
            ui.add(egui::Label::new(format!("Source: {src}")).wrap());
        }
    }

    /// A claim's country, year, value and unit, typed into fields kept
    /// between frames and saved when a field loses focus (or the unit
    /// changes) and they read as a claim; what is wrong is said below.
    fn claim(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let (doc, a) = (self.doc, self.annotation);
        let AnnotationKind::Claim {
            country,
            year,
            value,
            unit,
            evidence,
            ..
        } = &a.kind
        else {
            return;
        };
        let id = ui.scope_id().with(("claim_edit", a.id));
        let mut buf: ClaimBuffer = ui.data_mut(|d| {
            d.get_temp(id).unwrap_or_else(|| ClaimBuffer {
                country: country.clone(),
                year: year.map(|y| y.to_string()).unwrap_or_default(),
                value: value.to_string(),
            })
        });
        let mut new_unit = *unit;
        let commit = egui::Grid::new("claim_fields")
            .num_columns(2)
            .show(ui, |ui| self.claim_grid(ui, &mut buf, &mut new_unit))
            .inner;
        if let Some(e) = evidence {
            evidence_lines(ui, doc, e);
        }
        let parsed_value = buf.value.trim().replace(',', "").parse::<f64>();
        let parsed_year = match buf.year.trim() {
            "" => Ok(None),
            y => y.parse::<i32>().map(Some),
        };
        if parsed_value.is_err() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "The value must be a number (4.0 for 4 %)",
            );
        }
        if parsed_year.is_err() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "The year must be a whole number, or empty",
            );
        }
        if (commit || new_unit != *unit)
            && let (Ok(v), Ok(y)) = (parsed_value, parsed_year)
        {
            let kind = self.edited_claim(&buf, y, v, new_unit);
            if kind != a.kind {
                actions.push(update(doc, a, kind));
            }
            ui.data_mut(|d| d.remove::<ClaimBuffer>(id));
        } else {
            ui.data_mut(|d| d.insert_temp(id, buf));
        }
    }

    /// The claim's fields in a grid; returns whether one lost focus (the
    /// analyst is done with it).
    fn claim_grid(&self, ui: &mut Ui, buf: &mut ClaimBuffer, unit: &mut ClaimUnit) -> bool {
        fn field(text: &mut String, width: f32) -> egui::TextEdit<'_> {
            egui::TextEdit::singleline(text).desired_width(width)
        }
        let mut commit = false;
        for (name, text) in [
            ("Country", &mut buf.country),
            ("Year", &mut buf.year),
            ("Value", &mut buf.value),
        ] {
            let l = ui.label(name);
            commit |= ui
                .add(field(text, self.width))
                .labelled_by(l.id)
                .lost_focus();
            ui.end_row();
        }
        let l = ui.label("Unit");
        let shown = *unit;
        egui::ComboBox::from_id_salt("unit_combo")
            .width(self.width)
            .truncate()
            .selected_text(shown.as_str())
            .show_ui(ui, |ui| {
                for u in ClaimUnit::ALL {
                    ui.selectable_value(unit, u, u.as_str());
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
        commit
    }

    /// The claim as edited: a country typed anew takes the ISO code of the
    /// country entity of that name; the evidence stays, so that why the
    /// engine suggested it stays visible after a fix.
    fn edited_claim(
        &self,
        buf: &ClaimBuffer,
        year: Option<i32>,
        value: f64,
        unit: ClaimUnit,
    ) -> AnnotationKind {
        let AnnotationKind::Claim {
            country,
            iso3,
            evidence,
            ..
        } = &self.annotation.kind
        else {
            return self.annotation.kind.clone();
        };
        let typed = buf.country.trim();
        let iso3 = if typed != country {
            self.project
                .find_entity(crate::model::GPE, typed)
                .and_then(|e| e.iso3.clone())
        } else {
            iso3.clone()
        };
        AnnotationKind::Claim {
            country: typed.to_owned(),
            iso3,
            year,
            value,
            unit,
            evidence: *evidence,
        }
    }
}

/// "country from: ‘Warsaw’ · predicate: ‘earmark’ · value: ‘4%’ · year:
/// ‘2023’": the words the engine relied on, so a wrong suggestion is wrong
/// for a visible reason.
fn evidence_lines(ui: &mut Ui, doc: &Document, e: &ClaimEvidence) {
    let text = doc.text();
    let words = |s: Option<crate::text::Span>| {
        s.filter(|s| {
            s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        })
        .map(|s| s.slice(text).to_owned())
    };
    let parts: Vec<String> = [
        ("country from", e.country_from),
        ("predicate", e.predicate),
        ("value", e.value),
        ("year", e.year),
    ]
    .into_iter()
    .filter_map(|(name, s)| words(s).map(|w| format!("{name}: ‘{w}’")))
    .collect();
    if !parts.is_empty() {
        ui.label(egui::RichText::new("Suggested because").small().strong());
        ui.add(egui::Label::new(egui::RichText::new(parts.join(" · ")).small()).wrap());
    }
}

#[derive(Clone, Default)]
struct ClaimBuffer {
    country: String,
    year: String,
    value: String,
}

fn entity_details(ui: &mut Ui, e: &Entity, field_width: f32, actions: &mut Vec<Action>) {
    let id = ui.scope_id().with(("entity_edit", e.id));
    let mut buf: (String, String) = ui.data_mut(|d| {
        d.get_temp(id)
            .unwrap_or_else(|| (e.name.clone(), e.role.clone().unwrap_or_default()))
    });
    let mut commit = false;
    egui::Grid::new("entity_details")
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label("Canonical name");
            commit |= ui
                .add(egui::TextEdit::singleline(&mut buf.0).desired_width(field_width))
                .labelled_by(l.id)
                .lost_focus();
            ui.end_row();
            if e.label == crate::model::PERSON {
                let l = ui.label("Role");
                commit |= ui
                    .add(egui::TextEdit::singleline(&mut buf.1).desired_width(field_width))
                    .labelled_by(l.id)
                    .lost_focus();
                ui.end_row();
            }
            if let Some(iso) = &e.iso3 {
                ui.label("ISO 3166");
                ui.label(iso);
                ui.end_row();
            }
        });
    if !e.aliases.is_empty() {
        ui.add(egui::Label::new(format!("Aliases: {}", e.aliases.join(", "))).wrap());
    }
    if commit {
        let role = buf.1.trim();
        let updated = Entity {
            name: buf.0.trim().to_owned(),
            role: (!role.is_empty()).then(|| role.to_owned()),
            ..e.clone()
        };
        if updated != *e && !updated.name.is_empty() {
            actions.push(Action::Edit(EditAction::Execute(Command::PutEntity(
                updated,
            ))));
        }
        ui.data_mut(|d| d.remove::<(String, String)>(id));
    } else {
        ui.data_mut(|d| d.insert_temp(id, buf));
    }
}

fn nearest_mention(
    doc: &Document,
    person: EntityId,
    quote: &Annotation,
) -> Option<crate::text::Span> {
    let mentions: Vec<&Annotation> = doc
        .live_annotations()
        .filter(
            |m| matches!(&m.kind, AnnotationKind::Entity { entity: Some(e), .. } if *e == person),
        )
        .filter(|m| !quote.span.contains(&m.span))
        .collect();
    mentions
        .iter()
        .rev()
        .find(|m| m.span.end <= quote.span.start)
        .or_else(|| mentions.iter().find(|m| m.span.start >= quote.span.end))
        .map(|m| m.span)
}

/// Live entity mentions grouped by label and canonical entity (or surface
/// text when unlinked): each mention's id and start.
type Groups = Vec<((String, String), Vec<(AnnotationId, usize)>)>;

fn entities(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    revision: u64,
    selected: Option<AnnotationId>,
    actions: &mut Vec<Action>,
) {
    // Grouping thousands of mentions every frame cost more than drawing the
    // article; the groups are kept in egui's memory until the document or
    // the project changes.
    let key = ui.make_persistent_id("entity_groups");
    let cached: Option<(DocId, u64, Arc<Groups>)> = ui.data(|d| d.get_temp(key));
    let groups = match cached {
        Some((d, r, g)) if d == doc.id && r == revision => g,
        _ => {
            let mut map: BTreeMap<(String, String), Vec<(AnnotationId, usize)>> = BTreeMap::new();
            for a in doc.live_annotations() {
                if let AnnotationKind::Entity { label, entity } = &a.kind {
                    let name = project
                        .entity_name(*entity)
                        .map(str::to_owned)
                        .unwrap_or_else(|| doc.slice(a.span).to_owned());
                    map.entry((label.clone(), name))
                        .or_default()
                        .push((a.id, a.span.start));
                }
            }
            let g: Arc<Groups> = Arc::new(map.into_iter().collect());
            ui.data_mut(|d| d.insert_temp(key, (doc.id, revision, g.clone())));
            g
        }
    };
    egui::CollapsingHeader::new(format!("Entities ({})", groups.len()))
        .default_open(true)
        .show(ui, |ui| {
            culled_rows(
                ui,
                ui.make_persistent_id("entities"),
                groups.len(),
                |ui, i, _| {
                    let ((label, name), mentions) = &groups[i];
                    ui.horizontal(|ui| {
                        theme::label_chip(ui, &project.labels, label);
                        let is_sel = mentions.iter().any(|m| Some(m.0) == selected);
                        let r = ui.add(
                            egui::Button::selectable(
                                is_sel,
                                format!("{name}  ×{}", mentions.len()),
                            )
                            .truncate(),
                        );
                        if r.clicked() {
                            // Cycle through the mentions of the entity.
                            let next = mentions
                                .iter()
                                .position(|m| Some(m.0) == selected)
                                .map_or(0, |i| (i + 1) % mentions.len());
                            actions.push(Action::View(ViewAction::SelectAnnotation(Some(
                                mentions[next].0,
                            ))));
                            actions.push(Action::Window(WindowAction::Scroll(mentions[next].1)));
                        }
                    });
                },
            );
        });
}

fn quotes(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    selected: Option<AnnotationId>,
    actions: &mut Vec<Action>,
) {
    let list: Vec<&Annotation> = doc.live_annotations().filter(|a| a.is_quote()).collect();
    egui::CollapsingHeader::new(format!("Quotes ({})", list.len()))
        .default_open(true)
        .show(ui, |ui| {
            culled_rows(
                ui,
                ui.make_persistent_id("quotes"),
                list.len(),
                |ui, i, one_line| {
                    let a = list[i];
                    let AnnotationKind::Quote {
                        speaker, source, ..
                    } = &a.kind
                    else {
                        return;
                    };
                    let who = project
                        .entity_name(*speaker)
                        .map(str::to_owned)
                        .or_else(|| source.clone())
                        .unwrap_or_else(|| "unattributed".into());
                    let text: String = doc.slice(a.span).chars().take(90).collect();
                    let r = row_label(
                        ui,
                        Some(a.id) == selected,
                        format!("{who}: {text}…"),
                        one_line,
                    );
                    if r.clicked() {
                        actions.push(Action::View(ViewAction::SelectAnnotation(Some(a.id))));
                        actions.push(Action::Window(WindowAction::Scroll(a.span.start)));
                    }
                },
            );
        });
}

fn claims(ui: &mut Ui, doc: &Document, selected: Option<AnnotationId>, actions: &mut Vec<Action>) {
    let list: Vec<&Annotation> = doc.live_annotations().filter(|a| a.is_claim()).collect();
    egui::CollapsingHeader::new(format!("Spending claims ({})", list.len()))
        .default_open(true)
        .show(ui, |ui| {
            culled_rows(
                ui,
                ui.make_persistent_id("claims"),
                list.len(),
                |ui, i, one_line| {
                    let a = list[i];
                    let AnnotationKind::Claim {
                        country,
                        year,
                        value,
                        unit,
                        ..
                    } = &a.kind
                    else {
                        return;
                    };
                    let year = year
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "year not stated".into());
                    let v = match unit {
                        ClaimUnit::PctGdp => format!("{value} % of GDP"),
                        u => format!("{value} {}", u.as_str()),
                    };
                    let r = row_label(
                        ui,
                        Some(a.id) == selected,
                        format!("{country}, {year}: {v}"),
                        one_line,
                    );
                    if r.clicked() {
                        actions.push(Action::View(ViewAction::SelectAnnotation(Some(a.id))));
                        actions.push(Action::Window(WindowAction::Scroll(a.span.start)));
                    }
                },
            );
        });
}

/// A selectable row: wrapped, or cut to one line so that the rows of a
/// culled list all have the same height.
fn row_label(ui: &mut Ui, selected: bool, text: String, one_line: bool) -> egui::Response {
    if one_line {
        ui.add(egui::Button::selectable(selected, text).truncate())
    } else {
        ui.add(egui::Button::selectable(selected, text).wrap())
    }
}

/// Lists longer than this draw only the rows in view.
const CULL_ABOVE: usize = 150;

/// Draws `n` rows of one height, only those in view; the rows above and
/// below are blank space of the same height. A long article has thousands
/// of mentions, quotes and claims, and laying them all out every frame
/// cost more than the article itself. The row height is measured on the
/// rows drawn and kept for the next frame.
///
/// Short lists, those of any ordinary article, are drawn whole (every row
/// stays reachable by screen readers and GUI tests), and `row` is told
/// whether it must keep to one line.
fn culled_rows(ui: &mut Ui, id: egui::Id, n: usize, mut row: impl FnMut(&mut Ui, usize, bool)) {
    if n <= CULL_ABOVE {
        for i in 0..n {
            row(ui, i, false);
        }
        return;
    }
    let guess = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let stride: f32 = ui.data(|d| d.get_temp(id)).unwrap_or(guess);
    let top = ui.cursor().min.y;
    let clip = ui.clip_rect();
    let first = (((clip.min.y - top) / stride).floor().max(0.0) as usize).min(n);
    let last = (((clip.max.y - top) / stride).ceil().max(0.0) as usize + 1).clamp(first, n);
    if first > 0 {
        ui.add_space(first as f32 * stride);
    }
    let start = ui.cursor().min.y;
    for i in first..last {
        row(ui, i, true);
    }
    if last > first {
        let measured = (ui.cursor().min.y - start) / (last - first) as f32;
        if (measured - stride).abs() > 0.5 {
            ui.data_mut(|d| d.insert_temp(id, measured));
            ui.ctx().request_repaint();
        }
    }
    if last < n {
        ui.add_space((n - last) as f32 * stride);
    }
}
