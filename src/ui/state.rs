//! The GUI's state and the actions that change it. Panels read the state and
//! return [`Action`]s; [`AppState::apply`] is the one place they take effect,
//! and every change to the project goes through [`crate::edit::Command`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::worker::Worker;
use crate::analyst;
use crate::edit::{Command, Editor};
use crate::model::{Annotation, AnnotationId, DocId, GazetteerEntry, Project, Status};
use crate::project;
use crate::text::Span;
use crate::workflow;

use super::article::TextSelection;
use super::safekeeping::{Prompt, PromptAnswer, Safekeeping, SaveJob};

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Something done, for the record.
    Info,
    /// Something done only in part, or refused for a reason the analyst
    /// can change.
    Warning,
    /// Something that failed.
    Error,
}

/// A non-blocking message in the status bar and the notices list.
#[derive(Clone, Debug)]
pub struct Notice {
    /// How serious it is.
    pub severity: Severity,
    /// The message, one line.
    pub text: String,
    /// More lines shown on demand (one per failed file, say).
    pub details: Vec<String>,
    /// When it was given.
    pub at: Instant,
}

/// Something the analyst asked for, by what it changes. Panels return
/// actions; `DossierApp::dispatch` matches this enum once and hands each
/// part to the one function that matches it exhaustively.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Changes the project through [`Command`]s; refused while read-only.
    Edit(EditAction),
    /// Opens and saves: the session's files and background jobs.
    Session(SessionAction),
    /// What is shown and selected.
    View(ViewAction),
    /// The window's panels, dialogs and commands; the app handles these.
    Window(WindowAction),
    /// Notices, and answers to the questions on screen.
    Inbox(InboxAction),
}

/// An action that changes the project, one undo step each.
#[derive(Clone, Debug, PartialEq)]
pub enum EditAction {
    /// Labels the current text selection (or relabels the selected entity).
    Label(String),
    /// Marks the text selection as a quotation.
    MarkQuote,
    /// Marks the text selection as a spending claim, its fields pre-filled.
    MarkClaim,
    /// Run an edit as it is.
    Execute(Command),
    /// Accept or reject annotations of the current document; accepted
    /// names are learnt.
    SetStatus(Vec<AnnotationId>, Status),
    /// Accept or reject every live suggestion like the selected annotation
    /// (same label, or same kind), in the current document.
    SetStatusAllLike(AnnotationId, Status),
    /// Delete an annotation of the current document, selecting the next.
    DeleteAnnotation(AnnotationId),
    /// Undo the last edit.
    Undo,
    /// Redo the last edit undone.
    Redo,
    /// Teach the project an entity mention's name, suggested across the
    /// corpus.
    AddToGazetteer(AnnotationId),
    /// Make this the project's gazetteer; new names are suggested across
    /// the corpus.
    SetGazetteer(Vec<GazetteerEntry>),
    /// Teach the project the names listed in this file; lines without a
    /// label take the given one.
    ImportNameList(PathBuf, String),
    /// Adds an annotated dataset (JSONL, brat folder, Label Studio) to the
    /// project.
    ImportAnnotated(PathBuf),
}

/// An action on the session: which project is open, and saving it.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionAction {
    /// Open articles, folders or projects (see [`AppState::open_paths`]).
    OpenPaths(Vec<PathBuf>),
    /// Open a `.dossier` project.
    OpenProject(PathBuf),
    /// Stop the open under way; nothing of it is added.
    CancelOpen,
    /// Save the project where it was opened or saved.
    Save,
    /// Save the project to a new file (`.dossier` added when missing).
    SaveAs(PathBuf),
    /// The analyst's name, recorded on what they annotate from now on
    /// (empty: none).
    SetAnnotator(String),
}

/// An action on what is shown and selected.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewAction {
    /// Show a document, nothing in it selected.
    SelectDocument(DocId),
    /// Select text (a non-empty selection drops the selected annotation).
    Select(Option<TextSelection>),
    /// Select an annotation of the current document, or none.
    SelectAnnotation(Option<AnnotationId>),
    /// Select the next (or previous) annotation in text order.
    NextAnnotation {
        /// Onwards, else back.
        forward: bool,
        /// Only suggestions still to review.
        suggestions_only: bool,
    },
    /// Show the next (or previous) document of the library.
    NextDocument {
        /// Onwards, else back.
        forward: bool,
    },
    /// Show or hide rejected suggestions.
    ToggleRejected,
    /// Whether accepting or rejecting moves on to the next suggestion.
    SetAdvanceAfterReview(bool),
}

impl ViewAction {
    /// Whether the action chooses something in the article (text, an
    /// annotation, an article), which hands it the annotation keys.
    pub fn draws_attention(&self) -> bool {
        matches!(
            self,
            ViewAction::Select(Some(_))
                | ViewAction::SelectAnnotation(Some(_))
                | ViewAction::SelectDocument(_)
        )
    }

    /// Whether the action selects text (a find result, say).
    pub fn selects_text(&self) -> bool {
        matches!(self, ViewAction::Select(_))
    }

    /// Whether the action moves the selection to another annotation, which
    /// the article then brings into view.
    pub fn moves_selection(&self) -> bool {
        matches!(self, ViewAction::NextAnnotation { .. })
    }
}

/// An action on the window's own panels and dialogs.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowAction {
    /// A command of the registry, from a key, a menu, a button or the
    /// palette; `DossierApp::run_command` says what it means.
    Run(super::command::UiCommand),
    /// Write the chart to this file (the format by its extension).
    ExportChart(PathBuf),
    /// Read this CSV of spending figures, or NATO workbook.
    ImportFigures(PathBuf),
    /// Bring a byte offset of the current document into view (the
    /// article's scroll position is the window's).
    Scroll(usize),
}

/// An action on the inbox of notices and questions.
#[derive(Clone, Debug, PartialEq)]
pub enum InboxAction {
    /// Show a notice.
    Notify(Severity, String),
    /// Show a notice with more lines on demand.
    NotifyDetails(Severity, String, Vec<String>),
    /// The analyst's answer to the question on screen.
    Answer(PromptAnswer),
}

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

/// The state of the window, free of any drawing.
pub struct AppState {
    /// The open project and what keeps it: file, lock, background jobs,
    /// autosave.
    pub session: Session,
    /// What is shown and selected.
    pub view: View,
    /// What waits for the analyst to read or answer.
    pub inbox: Inbox,
}

/// The open project with its file, its lock and the work done for it in
/// the background.
pub struct Session {
    /// The project, with its undo history.
    pub editor: Editor,
    /// The open under way, if any.
    pub job: Option<OpenJob>,
    /// Where the project was opened from or last saved to.
    pub project_path: Option<PathBuf>,
    /// The project is being edited in another window: look, don't touch.
    pub read_only: bool,
    /// This window's claim on its project file.
    pub lock: Option<crate::project::ProjectLock>,
    /// The save under way, if any.
    pub save_job: Option<SaveJob>,
    /// Autosave and the recovery of unsaved work.
    pub safekeeping: Safekeeping,
    /// Projects opened lately, latest first (at most 10).
    pub recent: Vec<PathBuf>,
    /// The paths of the open under way, to name the projects it merges.
    pub(super) opening: Vec<PathBuf>,
}

/// What the window shows and what is selected in it.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The document shown.
    pub current: Option<DocId>,
    /// The text selected in the document shown.
    pub selection: Option<TextSelection>,
    /// The annotation selected in the document shown.
    pub selected_annotation: Option<AnnotationId>,
    /// Rejected suggestions are shown, struck through.
    pub show_rejected: bool,
    /// Accepting or rejecting the selected annotation moves on to the next
    /// suggestion, as review tools do.
    pub advance_after_review: bool,
}

/// Messages and questions for the analyst.
#[derive(Default)]
pub struct Inbox {
    /// The latest notices, oldest first (at most 50).
    pub notices: Vec<Notice>,
    /// Questions waiting for the analyst, first shown first.
    pub prompts: Vec<Prompt>,
}

impl Inbox {
    /// Notices kept; the oldest go beyond this.
    const KEPT: usize = 50;

    /// Adds a notice; the oldest go beyond 50.
    pub fn notify(&mut self, severity: Severity, text: impl Into<String>, details: Vec<String>) {
        self.notices.push(Notice {
            severity,
            text: text.into(),
            details,
            at: Instant::now(),
        });
        if self.notices.len() > Self::KEPT {
            self.notices.remove(0);
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Project::new("Untitled"))
    }
}

impl AppState {
    /// A window on `project`, nothing shown yet.
    pub fn new(project: Project) -> Self {
        Self {
            session: Session {
                editor: Editor::new(project),
                job: None,
                project_path: None,
                read_only: false,
                lock: None,
                save_job: None,
                safekeeping: Safekeeping::new(None),
                recent: Vec::new(),
                opening: Vec::new(),
            },
            view: View {
                current: None,
                selection: None,
                selected_annotation: None,
                show_rejected: false,
                advance_after_review: true,
            },
            inbox: Inbox::default(),
        }
    }

    /// The project as it stands.
    pub fn project(&self) -> &Project {
        self.session.editor.project()
    }

    /// Adds a notice to the inbox.
    pub fn notify(&mut self, severity: Severity, text: impl Into<String>, details: Vec<String>) {
        self.inbox.notify(severity, text, details);
    }

    /// The window title: project name, and a mark when unsaved.
    pub fn title(&self) -> String {
        let name = match &self.session.project_path {
            Some(p) => project::name_from_path(p),
            None => self.project().name.clone(),
        };
        let dirty = if self.session.editor.is_dirty() {
            " •"
        } else {
            ""
        };
        let read_only = if self.session.read_only {
            " [read-only]"
        } else {
            ""
        };
        format!("{name}{dirty}{read_only} — Dossier")
    }

    /// The document shown.
    pub fn current_document(&self) -> Option<&crate::model::Document> {
        self.view.current.and_then(|id| self.project().document(id))
    }

    /// The annotation selected in the document shown.
    pub fn selected(&self) -> Option<&Annotation> {
        let id = self.view.selected_annotation?;
        self.current_document()?.annotation(id)
    }

    /// Runs `command` as one undo step; says so when it is refused, and
    /// returns whether it was done.
    fn execute(&mut self, command: Command) -> bool {
        match self.session.editor.execute(command) {
            Ok(()) => true,
            Err(e) => {
                self.notify(
                    Severity::Error,
                    format!("That edit was refused: {e}"),
                    Vec::new(),
                );
                false
            }
        }
    }

    /// Shows document `id` (none: an empty article pane), with nothing in
    /// it selected.
    pub(super) fn show_document(&mut self, id: Option<DocId>) {
        self.view.current = id;
        self.view.selection = None;
        self.view.selected_annotation = None;
    }

    /// Keeps the selection valid after undo, redo or deletion.
    fn fix_up(&mut self) {
        if self
            .view
            .current
            .is_some_and(|id| self.project().document(id).is_none())
        {
            self.view.current = self.project().documents.first().map(|d| d.id);
            self.view.selection = None;
        }
        if self.view.current.is_none() {
            self.view.current = self.project().documents.first().map(|d| d.id);
        }
        if self.view.selected_annotation.is_some() && self.selected().is_none() {
            self.view.selected_annotation = None;
        }
    }

    /// Applies an edit of the project; refused, with a notice, while the
    /// project is read-only here.
    pub fn apply_edit(&mut self, action: EditAction) {
        if self.session.read_only {
            self.notify(
                Severity::Warning,
                "This project is open read-only (it is being edited in another window). File > Save As… makes a copy you can edit.",
                Vec::new(),
            );
            return;
        }
        match action {
            EditAction::Label(label) => self.label_selection(&label),
            EditAction::MarkQuote => self.mark_quote(),
            EditAction::MarkClaim => self.mark_claim(),
            EditAction::Execute(c) => {
                self.execute(c);
            }
            EditAction::SetStatus(ids, status) => self.set_status(&ids, status),
            EditAction::SetStatusAllLike(id, status) => self.set_status_all_like(id, status),
            EditAction::DeleteAnnotation(id) => self.delete_annotation(id),
            EditAction::Undo => {
                if let Some(d) = self.session.editor.undo() {
                    self.notify(Severity::Info, format!("Undo: {d}"), Vec::new());
                }
            }
            EditAction::Redo => {
                if let Some(d) = self.session.editor.redo() {
                    self.notify(Severity::Info, format!("Redo: {d}"), Vec::new());
                }
            }
            EditAction::AddToGazetteer(id) => {
                if let Some(doc) = self.view.current
                    && let Some(op) = analyst::learn_annotation(
                        self.session.editor.project_mut_for_ids(),
                        doc,
                        id,
                    )
                {
                    self.run(op);
                }
            }
            EditAction::SetGazetteer(entries) => {
                if let Some(op) =
                    analyst::set_gazetteer(self.session.editor.project_mut_for_ids(), entries)
                {
                    self.run(op);
                }
            }
            EditAction::ImportNameList(path, label) => self.import_name_list(&path, &label),
            EditAction::ImportAnnotated(path) => self.import_annotated(&path),
        }
        self.fix_up();
    }

    /// Opens, saves and cancels.
    pub fn apply_session(&mut self, action: SessionAction) {
        match action {
            SessionAction::OpenPaths(paths) => self.open_paths(&paths),
            SessionAction::OpenProject(path) => self.open_paths(&[path]),
            SessionAction::CancelOpen => self.cancel_job(),
            SessionAction::Save if self.session.read_only => self.notify(
                Severity::Warning,
                "Read-only: use File > Save As… to save a copy",
                Vec::new(),
            ),
            SessionAction::Save => match self.session.project_path.clone() {
                Some(p) => self.start_save(&p),
                None => self.notify(
                    Severity::Warning,
                    "Choose where to save the project (File > Save As…)",
                    Vec::new(),
                ),
            },
            SessionAction::SaveAs(p) => {
                let p = with_dossier_extension(p);
                self.start_save(&p);
            }
            SessionAction::SetAnnotator(name) => {
                let name = name.trim();
                let name = (!name.is_empty()).then(|| name.to_owned());
                self.session.editor.set_annotator(name);
            }
        }
        self.fix_up();
    }

    /// Changes what is shown and selected.
    pub fn apply_view(&mut self, action: ViewAction) {
        match action {
            ViewAction::SelectDocument(id) => {
                if self.view.current != Some(id) {
                    self.show_document(Some(id));
                }
            }
            ViewAction::Select(sel) => {
                self.view.selection = sel;
                if sel.is_some_and(|s| s.anchor != s.head) {
                    self.view.selected_annotation = None;
                }
            }
            ViewAction::SelectAnnotation(id) => {
                self.view.selected_annotation = id;
                if id.is_some() {
                    self.view.selection = None;
                }
            }
            ViewAction::NextAnnotation {
                forward,
                suggestions_only,
            } => self.next_annotation(forward, suggestions_only),
            ViewAction::NextDocument { forward } => self.next_document(forward),
            ViewAction::ToggleRejected => self.view.show_rejected = !self.view.show_rejected,
            ViewAction::SetAdvanceAfterReview(on) => self.view.advance_after_review = on,
        }
        self.fix_up();
    }

    /// Notices and answers.
    pub fn apply_inbox(&mut self, action: InboxAction) {
        match action {
            InboxAction::Notify(s, t) => self.notify(s, t, Vec::new()),
            InboxAction::NotifyDetails(s, t, d) => self.notify(s, t, d),
            InboxAction::Answer(answer) => self.answer_prompt(answer),
        }
        self.fix_up();
    }

    /// Accepts or rejects `ids` of the current document (accepted names are
    /// learnt), then moves on to the next suggestion if the analyst wants.
    fn set_status(&mut self, ids: &[AnnotationId], status: Status) {
        if let Some(doc) = self.view.current
            && let Some(op) =
                analyst::set_status(self.session.editor.project_mut_for_ids(), doc, ids, status)
        {
            self.run(op);
            if self.view.advance_after_review
                && ids.len() == 1
                && self.view.selected_annotation == ids.first().copied()
            {
                self.next_annotation(true, true);
            }
        }
    }

    /// Deletes an annotation of the current document, selecting the next.
    fn delete_annotation(&mut self, id: AnnotationId) {
        if let Some(doc) = self.view.current {
            let next = self.neighbour(id, true);
            let description = analyst::describe_annotation(self.project(), doc, "delete", id);
            self.execute(Command::Batch {
                description,
                commands: vec![Command::RemoveAnnotations { doc, ids: vec![id] }],
            });
            self.view.selected_annotation = next;
        }
    }

    /// Shows the next (or previous) document of the library, staying at
    /// the ends.
    fn next_document(&mut self, forward: bool) {
        let docs = &self.project().documents;
        if docs.is_empty() {
            return;
        }
        let i = self
            .view
            .current
            .and_then(|c| self.project().document_index(c));
        let n = docs.len();
        let j = match (i, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(n - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        let id = docs[j].id;
        if self.view.current != Some(id) {
            self.show_document(Some(id));
        }
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
                    annotated::corpus_command(self.session.editor.project_mut_for_ids(), &corpus)
                {
                    let before = self.project().documents.len();
                    self.execute(c);
                    if self.view.current.is_none() || before == 0 {
                        self.view.current = self.project().documents.get(before).map(|d| d.id);
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

    /// Puts `path` first among the recent projects.
    pub fn remember_recent(&mut self, path: &Path) {
        self.session.recent.retain(|p| p != path);
        self.session.recent.insert(0, path.to_owned());
        self.session.recent.truncate(10);
    }

    /// Opens files, folders or a project. A project replaces the current one
    /// only when the current one has no unsaved work; otherwise its
    /// documents are added.
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        if self.session.job.is_some() {
            self.notify(
                Severity::Warning,
                "Still opening the previous files; try again when they are in",
                Vec::new(),
            );
            return;
        }
        let replace = !self.session.editor.is_dirty() || self.project().documents.is_empty();
        let gazetteer = self.project().gazetteer.clone();
        let paths = paths.to_vec();
        self.session.opening = paths.clone();
        match Worker::spawn("dossier-open", move |progress| {
            workflow::prepare(&paths, &gazetteer, replace, &|n, of| progress.report(n, of))
        }) {
            Ok(worker) => {
                self.session.job = Some(OpenJob {
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
        self.session.job.is_some() || self.is_saving()
    }

    /// `(done, total)` of the open under way.
    pub fn job_progress(&self) -> Option<(usize, usize)> {
        self.session.job.as_ref().map(|j| j.worker.progress().get())
    }

    /// Asks the open under way to stop.
    pub fn cancel_job(&mut self) {
        if let Some(j) = &self.session.job {
            j.worker.progress().cancel();
        }
    }

    /// Treat what the open under way brings as saved (the bundled samples).
    pub fn mark_clean_after_open(&mut self) {
        if let Some(j) = &mut self.session.job {
            j.clean_after = true;
        }
    }

    /// Takes in a finished open; returns whether one finished.
    pub fn poll_job(&mut self) -> bool {
        let finished = self.session.job.as_ref().is_some_and(OpenJob::is_finished);
        if !finished {
            return false;
        }
        let job = self.session.job.take().expect("checked above");
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
                    self.inbox.prompts.push(Prompt::Damaged(Box::new(damaged)));
                }
                if self.session.read_only && prepared.project.is_none() && prepared.adds_documents()
                {
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
                    if job.clean_after && self.session.project_path.is_none() {
                        self.session.editor.mark_saved();
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
        let mut outcome = workflow::apply_prepared(&mut self.session.editor, prepared);
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
            .session
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
            self.session.project_path = Some(p.clone());
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
        if before == 0 && self.view.current.is_none() {
            self.view.current = self.project().documents.first().map(|d| d.id);
        }
    }

    /// The trimmed, non-empty span of the current text selection.
    fn selection_span(&self) -> Option<(DocId, Span)> {
        let sel = self.view.selection?;
        let doc = self.project().document(sel.doc)?;
        let span = sel.span().trimmed(doc.text());
        (!span.is_empty()).then_some((sel.doc, span))
    }

    /// Labels the text selection, or with none relabels the selected
    /// entity mention.
    fn label_selection(&mut self, label: &str) {
        let op = match self.selection_span() {
            Some((doc, span)) => {
                analyst::label_span(self.session.editor.project_mut_for_ids(), doc, span, label)
            }
            None => match (self.view.current, self.view.selected_annotation) {
                (Some(doc), Some(id)) => {
                    analyst::relabel(self.session.editor.project_mut_for_ids(), doc, id, label)
                }
                _ => None,
            },
        };
        if let Some(op) = op {
            self.run(op);
        }
    }

    /// Marks the text selection as a quotation, or asks for one.
    fn mark_quote(&mut self) {
        let Some((doc, span)) = self.selection_span() else {
            self.notify(
                Severity::Warning,
                "Select the quotation first, marks included",
                Vec::new(),
            );
            return;
        };
        if let Some(op) = analyst::mark_quote(self.session.editor.project_mut_for_ids(), doc, span)
        {
            self.run(op);
        }
    }

    /// Marks the text selection as a spending claim, or asks for one.
    fn mark_claim(&mut self) {
        let Some((doc, span)) = self.selection_span() else {
            self.notify(
                Severity::Warning,
                "Select the spending statement first",
                Vec::new(),
            );
            return;
        };
        if let Some(op) = analyst::mark_claim(self.session.editor.project_mut_for_ids(), doc, span)
        {
            self.run(op);
        }
    }

    fn set_status_all_like(&mut self, id: AnnotationId, status: Status) {
        let Some(doc) = self.view.current else {
            return;
        };
        match analyst::set_status_all_like(self.project(), doc, id, status) {
            Ok(op) => self.run(op),
            Err(e @ analyst::ReviewError::NoneLeft(_)) => {
                self.notify(Severity::Info, e.to_string(), Vec::new());
            }
            // Deleted meanwhile: nothing to review.
            Err(analyst::ReviewError::NoAnnotation(_)) => {}
        }
    }

    /// Does an analyst's operation: runs its command, tells its summary
    /// and selects what it asks for.
    fn run(&mut self, op: analyst::Operation) {
        if !self.execute(op.command) {
            return;
        }
        if let Some(summary) = op.summary {
            self.notify(Severity::Info, summary, Vec::new());
        }
        if let Some(id) = op.select {
            self.view.selection = None;
            self.view.selected_annotation = Some(id);
        }
    }

    /// The next (or previous) annotation after the selected one, in text
    /// order.
    fn neighbour(&self, from: AnnotationId, forward: bool) -> Option<AnnotationId> {
        let doc = self.current_document()?;
        let list: Vec<&Annotation> = doc
            .annotations()
            .iter()
            .filter(|a| self.view.show_rejected || a.is_live())
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
        let anchor = self.selected().map(|a| (a.span.start, a.id)).or_else(|| {
            self.view
                .selection
                .map(|s| (s.span().start, AnnotationId(0)))
        });
        let list: Vec<&Annotation> = doc
            .annotations()
            .iter()
            .filter(|a| {
                (self.view.show_rejected || a.is_live())
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
            self.view.selected_annotation = Some(a.id);
            self.view.selection = None;
        }
    }

    /// Teaches the project the names listed in the file at `path`, and
    /// says how many were new and which lines were skipped.
    fn import_name_list(&mut self, path: &Path, default_label: &str) {
        let list = match analyst::read_name_list(self.project(), path, default_label) {
            Ok(list) => list,
            Err(e) => {
                self.notify(Severity::Error, e.to_string(), Vec::new());
                return;
            }
        };
        let names = analyst::add_names(self.session.editor.project_mut_for_ids(), &list);
        if let Some(op) = names.operation {
            self.run(op);
        }
        let details: Vec<String> = list.skipped.iter().map(ToString::to_string).collect();
        let severity = if details.is_empty() {
            Severity::Info
        } else {
            Severity::Warning
        };
        self.notify(severity, names.summary, details);
    }
}

fn with_dossier_extension(p: PathBuf) -> PathBuf {
    if p.extension().is_some_and(|e| e == "dossier") {
        p
    } else {
        p.with_extension("dossier")
    }
}
