//! The GUI's state and the actions that change it. Panels read the state and
//! return [`Action`]s; [`AppState::apply`] is the one place they take effect,
//! and every change to the project goes through [`crate::edit::Command`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::worker::Worker;
use crate::annotate;
use crate::edit::{Command, Editor};
use crate::model::{
    Annotation, AnnotationId, AnnotationKind, ClaimUnit, DocId, Entity, GazetteerEntry, Origin,
    Project, Status,
};
use crate::project;
use crate::text::Span;
use crate::workflow;

use super::article::TextSelection;
use super::safekeeping::{Prompt, PromptAnswer, Safekeeping, SaveJob};

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A non-blocking message in the status bar and the notices list.
#[derive(Clone, Debug)]
pub struct Notice {
    pub severity: Severity,
    pub text: String,
    /// More lines shown on demand (one per failed file, say).
    pub details: Vec<String>,
    pub at: Instant,
}

/// Something the analyst asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command of the registry, from a key, a menu, a button or the
    /// palette; the window decides what it means.
    Run(super::command::UiCommand),
    OpenPaths(Vec<PathBuf>),
    OpenProject(PathBuf),
    SelectDocument(DocId),
    Select(Option<TextSelection>),
    SelectAnnotation(Option<AnnotationId>),
    /// Labels the current text selection (or relabels the selected entity).
    Label(String),
    MarkQuote,
    MarkClaim,
    Execute(Command),
    SetStatus(Vec<AnnotationId>, Status),
    /// Accept or reject every live suggestion like the selected annotation
    /// (same label, or same kind), in the current document.
    SetStatusAllLike(AnnotationId, Status),
    DeleteAnnotation(AnnotationId),
    NextAnnotation {
        forward: bool,
        suggestions_only: bool,
    },
    NextDocument {
        forward: bool,
    },
    Undo,
    Redo,
    Save,
    SaveAs(PathBuf),
    Notify(Severity, String),
    AddToGazetteer(AnnotationId),
    ToggleRejected,
    /// Bring a byte offset of the current document into view.
    Scroll(usize),
    /// Ask where to write the chart (`png`, `svg` or `csv`).
    ExportChartRequest(String),
    ExportChart(PathBuf),
    ToggleChart,
    OpenExportDialog,
    /// Ask for a CSV of spending figures to compare with NATO's.
    ImportFiguresRequest,
    ImportFigures(PathBuf),
    /// Ask for NATO's Excel workbook, read as a new edition.
    ImportWorkbookRequest,
    /// Show or hide the claims ledger.
    ToggleLedger,
    /// Show or hide the agreement between analysts.
    ToggleAgreement,
    /// Show or hide curation against another analyst's copy.
    ToggleCuration,
    SetGazetteer(Vec<GazetteerEntry>),
    /// Ask for a plain list of names; lines without a label take this one.
    ImportNameListRequest(String),
    ImportNameList(PathBuf, String),
    OpenGazetteer,
    CancelOpen,
    NotifyDetails(Severity, String, Vec<String>),
    /// Adds an annotated dataset (JSONL, brat folder, Label Studio) to the
    /// project.
    ImportAnnotated(PathBuf),
    /// The analyst's answer to the question on screen.
    Answer(PromptAnswer),
    /// Whether accepting or rejecting moves on to the next suggestion.
    SetAdvanceAfterReview(bool),
    /// The analyst's name, recorded on what they annotate from now on.
    SetAnnotator(String),
}

impl Action {
    /// Whether the action changes the project (refused while read-only).
    fn edits(&self) -> bool {
        matches!(
            self,
            Action::Label(_)
                | Action::MarkQuote
                | Action::MarkClaim
                | Action::Execute(_)
                | Action::SetStatus(..)
                | Action::SetStatusAllLike(..)
                | Action::DeleteAnnotation(_)
                | Action::Undo
                | Action::Redo
                | Action::AddToGazetteer(_)
                | Action::SetGazetteer(_)
                | Action::ImportNameList(..)
                | Action::ImportAnnotated(_)
        )
    }
}

/// The state of the window, free of any drawing.
/// Files being read and annotated on a worker thread.
pub struct OpenJob {
    worker: Worker<workflow::Prepared>,
    /// What it brings counts as saved (the bundled samples).
    clean_after: bool,
}

impl OpenJob {
    /// Whether the worker is done and its result waits for `poll_job`.
    pub fn is_finished(&self) -> bool {
        self.worker.is_finished()
    }
}

pub struct AppState {
    pub editor: Editor,
    pub job: Option<OpenJob>,
    pub project_path: Option<PathBuf>,
    pub current: Option<DocId>,
    pub selection: Option<TextSelection>,
    pub selected_annotation: Option<AnnotationId>,
    pub notices: Vec<Notice>,
    pub recent: Vec<PathBuf>,
    pub show_rejected: bool,
    /// The project is being edited in another window: look, don't touch.
    pub read_only: bool,
    /// This window's claim on its project file.
    pub lock: Option<crate::project::ProjectLock>,
    pub save_job: Option<SaveJob>,
    pub safekeeping: Safekeeping,
    /// Questions waiting for the analyst, first shown first.
    pub prompts: Vec<Prompt>,
    /// Accepting or rejecting the selected annotation moves on to the next
    /// suggestion, as review tools do.
    pub advance_after_review: bool,
    /// The paths of the open under way, to name the projects it merges.
    opening: Vec<PathBuf>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Project::new("Untitled"))
    }
}

impl AppState {
    pub fn new(project: Project) -> Self {
        Self {
            editor: Editor::new(project),
            job: None,
            project_path: None,
            current: None,
            selection: None,
            selected_annotation: None,
            notices: Vec::new(),
            recent: Vec::new(),
            show_rejected: false,
            read_only: false,
            lock: None,
            save_job: None,
            safekeeping: Safekeeping::new(None),
            prompts: Vec::new(),
            advance_after_review: true,
            opening: Vec::new(),
        }
    }

    pub fn project(&self) -> &Project {
        self.editor.project()
    }

    pub fn notify(&mut self, severity: Severity, text: impl Into<String>, details: Vec<String>) {
        self.notices.push(Notice {
            severity,
            text: text.into(),
            details,
            at: Instant::now(),
        });
        if self.notices.len() > 50 {
            self.notices.remove(0);
        }
    }

    /// The window title: project name, and a mark when unsaved.
    pub fn title(&self) -> String {
        let name = match &self.project_path {
            Some(p) => project::name_from_path(p),
            None => self.project().name.clone(),
        };
        let dirty = if self.editor.is_dirty() { " •" } else { "" };
        let read_only = if self.read_only { " [read-only]" } else { "" };
        format!("{name}{dirty}{read_only} — Dossier")
    }

    pub fn current_document(&self) -> Option<&crate::model::Document> {
        self.current.and_then(|id| self.project().document(id))
    }

    pub fn selected(&self) -> Option<&Annotation> {
        let id = self.selected_annotation?;
        self.current_document()?.annotation(id)
    }

    fn execute(&mut self, command: Command) {
        if let Err(e) = self.editor.execute(command) {
            self.notify(
                Severity::Error,
                format!("That edit was refused: {e}"),
                Vec::new(),
            );
        }
    }

    /// Keeps the selection valid after undo, redo or deletion.
    /// Shows document `id` (none: an empty article pane), with nothing in
    /// it selected.
    pub(super) fn show_document(&mut self, id: Option<DocId>) {
        self.current = id;
        self.selection = None;
        self.selected_annotation = None;
    }

    fn fix_up(&mut self) {
        if self
            .current
            .is_some_and(|id| self.project().document(id).is_none())
        {
            self.current = self.project().documents.first().map(|d| d.id);
            self.selection = None;
        }
        if self.current.is_none() {
            self.current = self.project().documents.first().map(|d| d.id);
        }
        if self.selected_annotation.is_some() && self.selected().is_none() {
            self.selected_annotation = None;
        }
    }

    pub fn apply(&mut self, action: Action) {
        if self.read_only && action.edits() {
            self.notify(
                Severity::Warning,
                "This project is open read-only (it is being edited in another window). File > Save As… makes a copy you can edit.",
                Vec::new(),
            );
            return;
        }
        match action {
            Action::OpenPaths(paths) => self.open_paths(&paths),
            Action::OpenProject(path) => self.open_paths(&[path]),
            Action::SelectDocument(id) => {
                if self.current != Some(id) {
                    self.show_document(Some(id));
                }
            }
            Action::Select(sel) => {
                self.selection = sel;
                if sel.is_some_and(|s| s.anchor != s.head) {
                    self.selected_annotation = None;
                }
            }
            Action::SelectAnnotation(id) => {
                self.selected_annotation = id;
                if id.is_some() {
                    self.selection = None;
                }
            }
            Action::Label(label) => self.label_selection(&label),
            Action::MarkQuote => self.mark_quote(),
            Action::MarkClaim => self.mark_claim(),
            Action::Execute(c) => self.execute(c),
            Action::SetStatus(ids, status) => {
                if let Some(doc) = self.current
                    && let Some(c) = Command::set_status(self.project(), doc, &ids, status)
                {
                    let mut commands = vec![c];
                    if status == Status::Accepted {
                        let taught: Vec<_> = ids
                            .iter()
                            .filter_map(|id| self.current_document()?.annotation(*id))
                            .filter_map(|a| match &a.kind {
                                AnnotationKind::Entity { label, entity } => {
                                    Some((a.span, label.clone(), *entity))
                                }
                                _ => None,
                            })
                            .collect();
                        for (span, label, entity) in taught {
                            commands.extend(self.learn_commands(doc, span, &label, entity));
                        }
                    }
                    let description = match ids.as_slice() {
                        [one] => self.describe_annotation(
                            if status == Status::Accepted {
                                "accept"
                            } else {
                                "reject"
                            },
                            *one,
                        ),
                        _ => commands[0].describe(),
                    };
                    self.execute(Command::Batch {
                        description,
                        commands,
                    });
                    if self.advance_after_review
                        && ids.len() == 1
                        && self.selected_annotation == ids.first().copied()
                    {
                        self.next_annotation(true, true);
                    }
                }
            }
            Action::SetStatusAllLike(id, status) => self.set_status_all_like(id, status),
            Action::DeleteAnnotation(id) => {
                if let Some(doc) = self.current {
                    let next = self.neighbour(id, true);
                    let description = self.describe_annotation("delete", id);
                    self.execute(Command::Batch {
                        description,
                        commands: vec![Command::RemoveAnnotations { doc, ids: vec![id] }],
                    });
                    self.selected_annotation = next;
                }
            }
            Action::NextAnnotation {
                forward,
                suggestions_only,
            } => self.next_annotation(forward, suggestions_only),
            Action::NextDocument { forward } => {
                let docs = &self.project().documents;
                if docs.is_empty() {
                    return;
                }
                let i = self.current.and_then(|c| self.project().document_index(c));
                let n = docs.len();
                let j = match (i, forward) {
                    (None, _) => 0,
                    (Some(i), true) => (i + 1).min(n - 1),
                    (Some(i), false) => i.saturating_sub(1),
                };
                let id = docs[j].id;
                self.apply(Action::SelectDocument(id));
            }
            Action::Undo => {
                if let Some(d) = self.editor.undo() {
                    self.notify(Severity::Info, format!("Undo: {d}"), Vec::new());
                }
            }
            Action::Redo => {
                if let Some(d) = self.editor.redo() {
                    self.notify(Severity::Info, format!("Redo: {d}"), Vec::new());
                }
            }
            Action::Save if self.read_only => self.notify(
                Severity::Warning,
                "Read-only: use File > Save As… to save a copy",
                Vec::new(),
            ),
            Action::Save => match self.project_path.clone() {
                Some(p) => self.start_save(&p),
                None => self.notify(
                    Severity::Warning,
                    "Choose where to save the project (File > Save As…)",
                    Vec::new(),
                ),
            },
            Action::SaveAs(p) => {
                let p = with_dossier_extension(p);
                self.start_save(&p);
            }
            Action::Notify(s, t) => self.notify(s, t, Vec::new()),
            Action::AddToGazetteer(id) => self.learn(id),
            Action::ToggleRejected => self.show_rejected = !self.show_rejected,
            // Handled by the window, which owns the scroll position.
            Action::Run(_)
            | Action::Scroll(_)
            | Action::ExportChartRequest(_)
            | Action::ExportChart(_)
            | Action::ToggleChart
            | Action::OpenExportDialog
            | Action::ImportFiguresRequest
            | Action::ImportFigures(_)
            | Action::ImportWorkbookRequest
            | Action::ToggleLedger
            | Action::ToggleAgreement
            | Action::ToggleCuration
            | Action::ImportNameListRequest(_)
            | Action::OpenGazetteer => {}
            Action::SetGazetteer(entries) => self.set_gazetteer(entries),
            Action::CancelOpen => self.cancel_job(),
            Action::ImportNameList(path, label) => self.import_name_list(&path, &label),
            Action::NotifyDetails(s, t, d) => self.notify(s, t, d),
            Action::ImportAnnotated(path) => self.import_annotated(&path),
            Action::Answer(answer) => self.answer_prompt(answer),
            Action::SetAdvanceAfterReview(on) => self.advance_after_review = on,
            Action::SetAnnotator(name) => self.editor.set_annotator(Some(name)),
        }
        self.fix_up();
    }

    fn import_annotated(&mut self, path: &Path) {
        use crate::import::annotated;
        let Some(format) = annotated::guess_format(path) else {
            self.notify(
                Severity::Error,
                format!("{}: not an annotated dataset Dossier reads (JSONL, a brat folder, Label Studio JSON)", path.display()),
                Vec::new(),
            );
            return;
        };
        match annotated::import_annotated(path, format) {
            Ok(corpus) => {
                let issues: Vec<String> = corpus.issues.iter().map(|e| e.to_string()).collect();
                let n = corpus.documents.len();
                if let Some(c) =
                    annotated::corpus_command(self.editor.project_mut_for_ids(), &corpus)
                {
                    let before = self.project().documents.len();
                    self.execute(c);
                    if self.current.is_none() || before == 0 {
                        self.current = self.project().documents.get(before).map(|d| d.id);
                    }
                }
                let severity = if issues.is_empty() {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                let mut text = format!(
                    "Imported {n} document(s) from {} ({})",
                    path.display(),
                    format.name()
                );
                if !issues.is_empty() {
                    text.push_str(&format!(
                        "; {} annotation(s) did not match the text and were left out",
                        issues.len()
                    ));
                }
                self.notify(severity, text, issues);
            }
            Err(e) => self.notify(
                Severity::Error,
                format!("Could not import: {e}"),
                Vec::new(),
            ),
        }
    }

    pub fn remember_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(10);
    }

    /// Opens files, folders or a project. A project replaces the current one
    /// only when the current one has no unsaved work; otherwise its
    /// documents are added.
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        if self.job.is_some() {
            self.notify(
                Severity::Warning,
                "Still opening the previous files; try again when they are in",
                Vec::new(),
            );
            return;
        }
        let replace = !self.editor.is_dirty() || self.project().documents.is_empty();
        let gazetteer = self.project().gazetteer.clone();
        let paths = paths.to_vec();
        self.opening = paths.clone();
        match Worker::spawn("dossier-open", move |progress| {
            workflow::prepare(&paths, &gazetteer, replace, &|n, of| progress.report(n, of))
        }) {
            Ok(worker) => {
                self.job = Some(OpenJob {
                    worker,
                    clean_after: false,
                })
            }
            Err(e) => self.notify(
                Severity::Error,
                format!("Could not start opening: {e}"),
                Vec::new(),
            ),
        }
    }

    /// Whether files are being opened or the project saved in the
    /// background.
    pub fn is_busy(&self) -> bool {
        self.job.is_some() || self.is_saving()
    }

    /// `(done, total)` of the open under way.
    pub fn job_progress(&self) -> Option<(usize, usize)> {
        self.job.as_ref().map(|j| j.worker.progress().get())
    }

    pub fn cancel_job(&mut self) {
        if let Some(j) = &self.job {
            j.worker.progress().cancel();
        }
    }

    /// Treat what the open under way brings as saved (the bundled samples).
    pub fn mark_clean_after_open(&mut self) {
        if let Some(j) = &mut self.job {
            j.clean_after = true;
        }
    }

    /// Takes in a finished open; returns whether one finished.
    pub fn poll_job(&mut self) -> bool {
        let finished = self.job.as_ref().is_some_and(OpenJob::is_finished);
        if !finished {
            return false;
        }
        let job = self.job.take().expect("checked above");
        match job.worker.join() {
            Some(prepared) if prepared.cancelled => {
                self.notify(
                    Severity::Warning,
                    "Opening was cancelled; nothing was added",
                    Vec::new(),
                );
            }
            Some(mut prepared) => {
                if let Some(damaged) = prepared.damaged.take()
                    && damaged.backup.is_some()
                {
                    self.prompts.push(Prompt::Damaged(Box::new(damaged)));
                }
                if self.read_only && prepared.project.is_none() && prepared.adds_documents() {
                    self.notify(
                        Severity::Warning,
                        "Not added: this project is open read-only. Save As… a copy first.",
                        Vec::new(),
                    );
                    prepared.articles.clear();
                    prepared.other_projects.clear();
                }
                if let Some(prepared) = self.lock_or_ask(prepared) {
                    self.finish_open(prepared);
                    if job.clean_after && self.project_path.is_none() {
                        self.editor.mark_saved();
                    }
                }
            }
            None => self.notify(
                Severity::Error,
                "Opening failed: the worker thread stopped",
                Vec::new(),
            ),
        }
        self.fix_up();
        true
    }

    pub(super) fn finish_open(&mut self, prepared: workflow::Prepared) {
        let before = self.project().documents.len();
        let merging = !prepared.other_projects.is_empty();
        let opened_project = prepared.project.as_ref().map(|(p, _)| p.clone());
        let mut outcome = workflow::apply_prepared(&mut self.editor, prepared);
        if merging {
            self.merge_notice(&outcome, opened_project.as_deref());
            // Said once, in the merge notice.
            outcome.already_in.clear();
            outcome.repeated = 0;
            outcome.added.clear();
        }
        self.finish_open_notices(outcome, before);
    }

    /// "Merged p2.dossier: 4 documents, 87 annotations; 2 texts already
    /// open": what opening a project into the open one brought.
    fn merge_notice(&mut self, outcome: &workflow::OpenOutcome, opened: Option<&Path>) {
        let names: Vec<String> = self
            .opening
            .iter()
            .filter(|p| {
                p.extension().is_some_and(|e| e == "dossier") && Some(p.as_path()) != opened
            })
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string())
            })
            .collect();
        let docs = outcome.added.len();
        let annotations: usize = outcome
            .added
            .iter()
            .filter_map(|id| self.project().document(*id))
            .map(|d| d.annotations().len())
            .sum();
        let again = outcome.already_in.len() + outcome.repeated;
        let what = if names.is_empty() {
            "another project".to_owned()
        } else {
            names.join(", ")
        };
        let mut text = format!(
            "Merged {what}: {docs} document{}, {annotations} annotation{}",
            if docs == 1 { "" } else { "s" },
            if annotations == 1 { "" } else { "s" }
        );
        if again > 0 {
            text.push_str(&format!(
                "; {again} text{} already open",
                if again == 1 { " was" } else { "s were" }
            ));
        }
        if let Some(first) = outcome.added.first().or(outcome.already_in.first()) {
            self.show_document(Some(*first));
        }
        self.notify(Severity::Info, text, Vec::new());
    }

    fn finish_open_notices(&mut self, outcome: workflow::OpenOutcome, before: usize) {
        if let Some(p) = &outcome.opened_project {
            self.project_path = Some(p.clone());
            self.remember_recent(p);
            self.show_document(None);
            self.notify(
                Severity::Info,
                format!(
                    "Opened project {} ({} documents)",
                    p.display(),
                    self.project().documents.len()
                ),
                Vec::new(),
            );
        }
        if let Some(first) = outcome.added.first() {
            self.show_document(Some(*first));
            let n = outcome.added.len();
            self.notify(
                Severity::Info,
                format!("Opened {n} article{}", if n == 1 { "" } else { "s" }),
                Vec::new(),
            );
        }
        let again = outcome.already_in.len() + outcome.repeated;
        if again > 0 {
            if outcome.added.is_empty()
                && let Some(first) = outcome.already_in.first()
            {
                self.show_document(Some(*first));
            }
            self.notify(
                Severity::Info,
                format!(
                    "{again} document{} already open, not added again",
                    if again == 1 { " was" } else { "s were" }
                ),
                Vec::new(),
            );
        }
        if !outcome.errors.is_empty() {
            let n = outcome.errors.len();
            self.notify(
                Severity::Error,
                format!(
                    "{n} file{} could not be opened: {}",
                    if n == 1 { "" } else { "s" },
                    outcome.errors[0]
                ),
                outcome.errors.clone(),
            );
        }
        if !outcome.skipped.is_empty() {
            self.notify(
                Severity::Warning,
                format!(
                    "Skipped {} file(s) that are not articles",
                    outcome.skipped.len()
                ),
                outcome
                    .skipped
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect(),
            );
        }
        if before == 0 && self.current.is_none() {
            self.current = self.project().documents.first().map(|d| d.id);
        }
    }

    /// The trimmed, non-empty span of the current text selection.
    fn selection_span(&self) -> Option<(DocId, Span)> {
        let sel = self.selection?;
        let doc = self.project().document(sel.doc)?;
        let span = sel.span().trimmed(doc.text());
        (!span.is_empty()).then_some((sel.doc, span))
    }

    fn label_selection(&mut self, label: &str) {
        // With no selection, the key relabels the selected entity.
        let Some((doc_id, span)) = self.selection_span() else {
            if let Some(a) = self.selected().cloned()
                && let AnnotationKind::Entity { label: old, .. } = &a.kind
                && old != label
                && let Some(doc) = self.current
            {
                let entity = self.entity_for(label, a.span, doc);
                let mut commands = entity
                    .1
                    .into_iter()
                    .map(Command::PutEntity)
                    .collect::<Vec<_>>();
                commands.push(Command::UpdateAnnotations {
                    doc,
                    annotations: vec![Annotation {
                        kind: AnnotationKind::Entity {
                            label: label.to_owned(),
                            entity: Some(entity.0),
                        },
                        status: Status::Accepted,
                        ..a
                    }],
                });
                let description = format!("relabel {} as {label}", self.quoted(doc, a.span));
                self.execute(Command::Batch {
                    description,
                    commands,
                });
            }
            return;
        };
        let (entity, new_entity) = self.entity_for(label, span, doc_id);
        let id = self.editor.project_mut_for_ids().fresh_annotation_id();
        let mut commands: Vec<Command> = new_entity.into_iter().map(Command::PutEntity).collect();
        commands.push(Command::AddAnnotations {
            doc: doc_id,
            annotations: vec![Annotation {
                id,
                span,
                kind: AnnotationKind::Entity {
                    label: label.to_owned(),
                    entity: Some(entity),
                },
                origin: Origin::Manual,
                status: Status::Accepted,
            }],
        });
        commands.extend(self.learn_commands(doc_id, span, label, Some(entity)));
        let description = format!("add {label} {}", self.quoted(doc_id, span));
        self.execute(Command::Batch {
            description,
            commands,
        });
        self.selection = None;
        self.selected_annotation = Some(id);
    }

    /// The canonical entity a mention links to: an existing one named like
    /// the mention, or a new one (returned for the caller to add).
    fn entity_for(
        &mut self,
        label: &str,
        span: Span,
        doc: DocId,
    ) -> (crate::model::EntityId, Option<Entity>) {
        let surface = self
            .project()
            .document(doc)
            .map(|d| d.slice(span).to_owned())
            .unwrap_or_default();
        let surface = surface.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(e) = self.project().find_entity(label, &surface) {
            return (e.id, None);
        }
        let id = self.editor.project_mut_for_ids().fresh_entity_id();
        (
            id,
            Some(Entity {
                id,
                name: surface,
                label: label.to_owned(),
                aliases: Vec::new(),
                iso3: None,
                role: None,
            }),
        )
    }

    fn mark_quote(&mut self) {
        let Some((doc, span)) = self.selection_span() else {
            self.notify(
                Severity::Warning,
                "Select the quotation first, marks included",
                Vec::new(),
            );
            return;
        };
        let id = self.editor.project_mut_for_ids().fresh_annotation_id();
        let description = format!("add quote {}", self.quoted(doc, span));
        self.execute(Command::Batch {
            description,
            commands: vec![Command::AddAnnotations {
                doc,
                annotations: vec![Annotation {
                    id,
                    span,
                    kind: AnnotationKind::Quote {
                        speaker: None,
                        speaker_span: None,
                        cue: None,
                        source: None,
                    },
                    origin: Origin::Manual,
                    status: Status::Accepted,
                }],
            }],
        });
        self.selection = None;
        self.selected_annotation = Some(id);
    }

    fn mark_claim(&mut self) {
        let Some((doc_id, span)) = self.selection_span() else {
            self.notify(
                Severity::Warning,
                "Select the spending statement first",
                Vec::new(),
            );
            return;
        };
        // Pre-fill from what the selection holds: a percentage and a year.
        let doc = self
            .project()
            .document(doc_id)
            .expect("selection is in a document");
        let text = doc.slice(span);
        let value = first_number_before(text, '%').unwrap_or(0.0);
        let year = text
            .split(|c: char| !c.is_ascii_digit())
            .find_map(crate::data::year::parse_year);
        let country = claim_country(self.project(), doc, span).unwrap_or_default();
        let iso3 = self
            .project()
            .find_entity("GPE", &country)
            .and_then(|e| e.iso3.clone())
            .or_else(|| crate::data::countries::iso3_of(&country).map(str::to_owned));
        let id = self.editor.project_mut_for_ids().fresh_annotation_id();
        self.execute(Command::AddAnnotations {
            doc: doc_id,
            annotations: vec![Annotation {
                id,
                span,
                kind: AnnotationKind::Claim {
                    country,
                    iso3,
                    year,
                    value,
                    unit: ClaimUnit::PctGdp,
                    evidence: None,
                },
                origin: Origin::Manual,
                status: Status::Accepted,
            }],
        });
        self.selection = None;
        self.selected_annotation = Some(id);
    }

    fn set_status_all_like(&mut self, id: AnnotationId, status: Status) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let Some(model) = doc.annotation(id) else {
            return;
        };
        let ids: Vec<AnnotationId> = doc
            .annotations()
            .iter()
            .filter(|a| {
                a.status == Status::Suggested
                    && std::mem::discriminant(&a.kind) == std::mem::discriminant(&model.kind)
                    && a.kind.label() == model.kind.label()
            })
            .map(|a| a.id)
            .collect();
        let doc_id = doc.id;
        if let Some(c) = Command::set_status(self.project(), doc_id, &ids, status) {
            let n = ids.len();
            let what = model
                .kind
                .label()
                .unwrap_or(model.kind.kind_name())
                .to_owned();
            let verb = if status == Status::Accepted {
                "accept"
            } else {
                "reject"
            };
            let s = if n == 1 { "" } else { "s" };
            self.execute(Command::Batch {
                description: format!("{verb} {n} {what} suggestion{s}"),
                commands: vec![c],
            });
            // Many annotations changed at once: say how many, and how to
            // take it back.
            self.notify(
                Severity::Info,
                format!(
                    "{}ed {n} {what} suggestion{s} (Ctrl+Z undoes)",
                    capitalised(verb)
                ),
                Vec::new(),
            );
        } else {
            self.notify(
                Severity::Info,
                format!(
                    "No {} suggestions left to review in this article",
                    model.kind.label().unwrap_or(model.kind.kind_name())
                ),
                Vec::new(),
            );
        }
    }

    /// `“text”` of a span, cut to a readable length, for the names of edits.
    fn quoted(&self, doc: DocId, span: Span) -> String {
        let text = self
            .project()
            .document(doc)
            .map(|d| d.slice(span))
            .unwrap_or("");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short: String = text.chars().take(40).collect();
        if short.len() < text.len() {
            short.push('…');
        }
        format!("“{short}”")
    }

    /// "accept PERSON “Daniel Zimmerman”": an edit of one annotation of the
    /// current document, named for the Edit menu and undo notices.
    fn describe_annotation(&self, verb: &str, id: AnnotationId) -> String {
        let Some(doc) = self.current_document() else {
            return verb.to_owned();
        };
        let Some(a) = doc.annotation(id) else {
            return verb.to_owned();
        };
        let what = a.kind.label().unwrap_or(a.kind.kind_name());
        format!("{verb} {what} {}", self.quoted(doc.id, a.span))
    }

    /// The next (or previous) annotation after the selected one, in text
    /// order.
    fn neighbour(&self, from: AnnotationId, forward: bool) -> Option<AnnotationId> {
        let doc = self.current_document()?;
        let list: Vec<&Annotation> = doc
            .annotations()
            .iter()
            .filter(|a| self.show_rejected || a.is_live())
            .collect();
        let i = list.iter().position(|a| a.id == from)?;
        let j = if forward { i + 1 } else { i.checked_sub(1)? };
        list.get(j)
            .or_else(|| {
                if forward {
                    i.checked_sub(1).and_then(|k| list.get(k))
                } else {
                    None
                }
            })
            .map(|a| a.id)
    }

    fn next_annotation(&mut self, forward: bool, suggestions_only: bool) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let anchor = self
            .selected()
            .map(|a| (a.span.start, a.id))
            .or_else(|| self.selection.map(|s| (s.span().start, AnnotationId(0))));
        let list: Vec<&Annotation> = doc
            .annotations()
            .iter()
            .filter(|a| {
                (self.show_rejected || a.is_live())
                    && (!suggestions_only || a.status == Status::Suggested)
            })
            .collect();
        let pick = match (anchor, forward) {
            (None, true) => list.first(),
            (None, false) => list.last(),
            (Some(at), true) => list
                .iter()
                .find(|a| (a.span.start, a.id) > at)
                .or(list.first()),
            (Some(at), false) => list
                .iter()
                .rev()
                .find(|a| (a.span.start, a.id) < at)
                .or(list.last()),
        };
        if let Some(a) = pick {
            self.selected_annotation = Some(a.id);
            self.selection = None;
        }
    }

    /// "Annotate once, everywhere": an entity the analyst added or accepted
    /// joins the project's gazetteer, and is suggested in every document.
    /// Returns the commands to run in the same undo step as the edit that
    /// taught it; `taught` is the annotation itself, not suggested again.
    fn learn_commands(
        &mut self,
        doc: DocId,
        taught: Span,
        label: &str,
        entity: Option<crate::model::EntityId>,
    ) -> Vec<Command> {
        let Some(d) = self.project().document(doc) else {
            return Vec::new();
        };
        let text = d.slice(taught).to_owned();
        if text.trim().is_empty() {
            return Vec::new();
        }
        // A name the gazetteer has is not added again: accepting a second
        // mention once listed the name twice.
        if self
            .project()
            .gazetteer
            .iter()
            .any(|g| g.text == text && g.label == label)
        {
            return Vec::new();
        }
        let mut gazetteer = self.project().gazetteer.clone();
        gazetteer.push(GazetteerEntry {
            text,
            label: label.to_owned(),
            entity,
        });
        self.gazetteer_commands(gazetteer, Some((doc, taught)))
    }

    /// The commands that make `entries` the project's gazetteer and suggest
    /// the names it did not have before across the corpus (only those: the
    /// rest was annotated already). `taught` is left out of the suggestions:
    /// it is the annotation that taught the name.
    fn gazetteer_commands(
        &mut self,
        entries: Vec<GazetteerEntry>,
        taught: Option<(DocId, Span)>,
    ) -> Vec<Command> {
        let added: Vec<GazetteerEntry> = entries
            .iter()
            .filter(|e| {
                !self
                    .project()
                    .gazetteer
                    .iter()
                    .any(|g| g.text == e.text && g.label == e.label)
            })
            .cloned()
            .collect();
        if added.is_empty() && entries.len() == self.project().gazetteer.len() {
            return Vec::new();
        }
        let mut commands = vec![Command::SetGazetteer(entries)];
        let ids: Vec<DocId> = self.project().documents.iter().map(|d| d.id).collect();
        let mut suggested_docs = 0;
        for d in ids {
            if added.is_empty() {
                break;
            }
            let project = self.editor.project_mut_for_ids();
            let Some(text) = project.document(d).map(|d| d.text()) else {
                continue;
            };
            let findings = annotate::find_learned(text, &added)
                .into_iter()
                .filter(|f| taught != Some((d, f.span)))
                .collect();
            if let Some(c) = annotate::findings_command(project, d, findings) {
                suggested_docs += 1;
                commands.push(c);
            }
        }
        if suggested_docs > 0 {
            let names: Vec<String> = added
                .iter()
                .take(3)
                .map(|e| format!("“{}” ({})", e.text, e.label))
                .collect();
            self.notify(
                Severity::Info,
                format!(
                    "{}{} now suggested across the corpus ({suggested_docs} document(s) with new suggestions)",
                    names.join(", "),
                    if added.len() > 3 { format!(" and {} more", added.len() - 3) } else { String::new() }
                ),
                Vec::new(),
            );
        }
        commands
    }

    fn set_gazetteer(&mut self, entries: Vec<GazetteerEntry>) {
        let commands = self.gazetteer_commands(entries, None);
        if !commands.is_empty() {
            self.execute(Command::Batch {
                description: "edit gazetteer".into(),
                commands,
            });
        }
    }

    fn import_name_list(&mut self, path: &Path, default_label: &str) {
        let text = match std::fs::read(path)
            .map_err(|e| crate::import::io_message(&e))
            .and_then(|b| crate::import::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(d) => d.text,
            Err(e) => {
                self.notify(
                    Severity::Error,
                    format!("{}: {e}", path.display()),
                    Vec::new(),
                );
                return;
            }
        };
        let labels: Vec<String> = self
            .project()
            .labels
            .iter()
            .map(|l| l.name.clone())
            .collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let (entries, issues) = annotate::parse_name_list(&text, default_label, &label_refs);
        let mut all = self.project().gazetteer.clone();
        let before = all.len();
        for e in entries {
            if !all.iter().any(|g| g.text == e.text && g.label == e.label) {
                all.push(e);
            }
        }
        let added = all.len() - before;
        self.set_gazetteer(all);
        let details: Vec<String> = issues
            .iter()
            .map(|i| format!("{}:{}: {}", path.display(), i.line, i.message))
            .collect();
        let severity = if details.is_empty() {
            Severity::Info
        } else {
            Severity::Warning
        };
        self.notify(
            severity,
            format!(
                "Added {added} name(s) from {} to the gazetteer; {} line(s) skipped",
                path.display(),
                details.len()
            ),
            details,
        );
    }

    /// Adds the selected or given entity to the gazetteer as its own step.
    fn learn(&mut self, id: AnnotationId) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let Some(a) = doc.annotation(id) else { return };
        let AnnotationKind::Entity { label, entity } = a.kind.clone() else {
            return;
        };
        let (doc_id, span) = (doc.id, a.span);
        let commands = self.learn_commands(doc_id, span, &label, entity);
        if !commands.is_empty() {
            self.execute(Command::Batch {
                description: format!(
                    "add “{}” to the gazetteer",
                    self.project()
                        .document(doc_id)
                        .map(|d| d.slice(span))
                        .unwrap_or("")
                ),
                commands,
            });
        }
    }
}

/// The country a claim is about: a country tagged in the selection (the
/// last before the figure), else the nearest one tagged in its sentence.
/// Never one from another sentence: a claim once took "Ukraine" from the
/// paragraph before.
fn claim_country(project: &Project, doc: &crate::model::Document, span: Span) -> Option<String> {
    let sentence = sentence_around(doc.text(), span);
    let name = |a: &Annotation| {
        let canonical = match &a.kind {
            AnnotationKind::Entity { entity, .. } => project.entity_name(*entity),
            _ => None,
        };
        canonical.unwrap_or(a.span.slice(doc.text())).to_owned()
    };
    let countries: Vec<&Annotation> = doc
        .live_annotations()
        .filter(|a| a.kind.label() == Some("GPE") && sentence.contains(&a.span))
        .collect();
    let figure = doc.text()[span.start..span.end]
        .find('%')
        .map_or(span.end, |i| span.start + i);
    let inside = countries.iter().filter(|a| span.contains(&a.span));
    inside
        .clone()
        .rfind(|a| a.span.end <= figure)
        .or_else(|| inside.clone().next())
        .or_else(|| {
            countries.iter().min_by_key(|a| {
                if a.span.end <= span.start {
                    span.start - a.span.end
                } else {
                    a.span.start.saturating_sub(span.end)
                }
            })
        })
        .map(|a| name(a))
        .or_else(|| named_country(doc.text(), span, sentence))
}

/// A country named in the text though not tagged: in the selection (the
/// last before the figure), else the nearest in the sentence. Names of one
/// to three capitalised words, matched by name or alias, never by a
/// three-letter code ("And" is not Andorra).
fn named_country(text: &str, span: Span, sentence: Span) -> Option<String> {
    use crate::data::countries;
    let words: Vec<(usize, usize)> = {
        let part = &text[sentence.start..sentence.end];
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in part.char_indices() {
            let in_word = c.is_alphabetic() || c == '.' || c == '-';
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((sentence.start + s, sentence.start + i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((sentence.start + s, sentence.end));
        }
        out
    };
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for i in 0..words.len() {
        for n in (1..=3).rev() {
            let Some(&(_, end)) = words.get(i + n - 1) else {
                continue;
            };
            let start = words[i].0;
            let candidate = text[start..end].trim_end_matches('.');
            if !candidate.starts_with(char::is_uppercase) {
                continue;
            }
            let key = countries::normalise(candidate);
            if let Some(c) = countries::resolve(candidate).filter(|c| {
                countries::normalise(c.name) == key
                    || c.aliases.iter().any(|a| countries::normalise(a) == key)
            }) {
                found.push((start, end, c.name));
                break;
            }
        }
    }
    let figure = text[span.start..span.end]
        .find('%')
        .map_or(span.end, |i| span.start + i);
    let inside = found
        .iter()
        .filter(|(s, e, _)| span.start <= *s && *e <= span.end);
    inside
        .clone()
        .rfind(|(_, e, _)| *e <= figure)
        .or_else(|| inside.clone().next())
        .or_else(|| {
            found.iter().min_by_key(|(s, e, _)| {
                if *e <= span.start {
                    span.start - e
                } else {
                    s.saturating_sub(span.end)
                }
            })
        })
        .map(|(_, _, name)| (*name).to_owned())
}

/// The sentence (or sentences) holding `span`: from after the full stop,
/// question or exclamation mark, or line break before it, to the one after.
fn sentence_around(text: &str, span: Span) -> Span {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let head = &text[..span.start];
    let mut start = 0;
    for (i, c) in head.char_indices().rev() {
        // A full stop ends a sentence only before a space: not in "U.S." or
        // "4.5".
        let after = head[i + c.len_utf8()..].chars().next();
        if c == '\n' || (is_end(c) && after.is_some_and(char::is_whitespace)) {
            start = i + c.len_utf8();
            break;
        }
    }
    let tail = &text[span.end..];
    let mut end = text.len();
    for (i, c) in tail.char_indices() {
        let after = tail[i + c.len_utf8()..].chars().next();
        if c == '\n' || (is_end(c) && after.is_none_or(char::is_whitespace)) {
            end = span.end + i;
            break;
        }
    }
    Span::new(start, end)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn with_dossier_extension(p: PathBuf) -> PathBuf {
    if p.extension().is_some_and(|e| e == "dossier") {
        p
    } else {
        p.with_extension("dossier")
    }
}

/// The number just before the first `mark` ("4" in "approximately 4%").
fn first_number_before(text: &str, mark: char) -> Option<f64> {
    let i = text.find(mark)?;
    let head = text[..i].trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(b, _)| b)?;
    head[start..].parse().ok()
}
