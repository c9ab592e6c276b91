//! The steps that the GUI and the command line share, so that both do the
//! same thing with the same code: open inputs into a project, then suggest
//! annotations.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::annotate;
use crate::edit::{Command, Editor};
use crate::import::annotated::{self, ImportedCorpus};
use crate::import::{self, ImportError};
use crate::model::{DocId, Project};
use crate::project::{self, ProjectError};

/// What opening a set of paths did.
#[derive(Debug, Default)]
pub struct OpenOutcome {
    /// The documents added, in order.
    pub added: Vec<DocId>,
    /// What could not be read or added, as messages for the analyst.
    pub errors: Vec<String>,
    /// Files passed over (not articles Dossier reads).
    pub skipped: Vec<PathBuf>,
    /// The project file that was opened as the project, if any.
    pub opened_project: Option<PathBuf>,
    /// Documents of the project whose text was opened again: not added a
    /// second time.
    pub already_in: Vec<DocId>,
    /// Texts given twice in this open, added once.
    pub repeated: usize,
    /// The inputs not added for either reason, by file (or title).
    pub not_added: Vec<String>,
}

/// An input as a person names it: its file, or its title.
fn input_name(meta: &crate::model::DocumentMeta) -> String {
    match &meta.source_path {
        Some(p) => p.display().to_string(),
        None => meta.title.clone(),
    }
}

/// Whether a text opened is new.
enum Seen {
    /// Neither in the project nor given before.
    New,
    /// The project already holds it, as this document.
    InProject(DocId),
    /// Given earlier in the same open.
    Repeated,
}

/// For each of `texts`, in order, whether the project or an earlier one of
/// them already holds it; through a hash of each text, so that no text is
/// compared with every document.
fn seen_before<'t>(project: &Project, texts: impl Iterator<Item = &'t str>) -> Vec<Seen> {
    enum Known {
        Document(DocId),
        Text(usize),
    }
    let mut by_hash: HashMap<u64, Vec<Known>> = HashMap::new();
    for d in &project.documents {
        by_hash
            .entry(text_hash(d.text()))
            .or_default()
            .push(Known::Document(d.id));
    }
    let texts: Vec<&str> = texts.collect();
    let mut answers = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        let candidates = by_hash.entry(text_hash(text)).or_default();
        let answer = candidates.iter().find_map(|known| match *known {
            Known::Document(id) if project.document(id).is_some_and(|d| d.text() == *text) => {
                Some(Seen::InProject(id))
            }
            Known::Text(j) if texts[j] == *text => Some(Seen::Repeated),
            _ => None,
        });
        answers.push(answer.unwrap_or_else(|| {
            candidates.push(Known::Text(i));
            Seen::New
        }));
    }
    answers
}

/// A hash of the text, to find candidates for an equal text.
fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(text)
}

/// Everything opening a set of paths needs from the disk and the engine,
/// gathered without touching the project, so that it can run on a worker
/// thread while the window stays responsive.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The project to open in place of the current one, if any.
    pub project: Option<(PathBuf, Project)>,
    /// The project file as it was just before it was read. The window takes
    /// the project's lock only after reading (it may have to ask first);
    /// a file that changed in between is read again under the lock.
    pub project_stamp: Option<project::FileStamp>,
    /// Articles to add, each with what the engine found in it.
    pub articles: Vec<(import::Article, Vec<annotate::Finding>)>,
    /// Other projects among the paths: their documents join this project
    /// with the analyst's annotations, not as bare texts.
    pub other_projects: Vec<ImportedCorpus>,
    /// What could not be read, as messages for the analyst.
    pub errors: Vec<String>,
    /// Files passed over (not articles Dossier reads).
    pub skipped: Vec<PathBuf>,
    /// The analyst cancelled: nothing is to be added.
    pub cancelled: bool,
    /// The project that was to replace the current one but could not be
    /// read, with its readable backup if it has one.
    pub damaged: Option<DamagedProject>,
    /// Add every text, even one already in the project or given twice (the
    /// command line without `--save`: one output per input).
    pub keep_repeats: bool,
}

/// How [`prepare_with`] reads its paths, beyond what [`prepare`] does.
#[derive(Clone, Copy, Debug, Default)]
pub struct PrepareOptions {
    /// Paths named directly that hold annotated corpora (Label Studio
    /// tasks, brat folders, Dossier's JSON Lines with annotations, told by
    /// their content) join with their annotations, as File ▸ Import
    /// Annotations adds them, instead of as bare articles.
    pub annotated_by_content: bool,
    /// See [`Prepared::keep_repeats`].
    pub keep_repeats: bool,
    /// JSON Lines are read as articles (each record's text) even when they
    /// carry annotations: `dossier annotate` suggests, and a corpus with
    /// gold annotations (an evaluation set) must be annotated afresh, not
    /// given its own answers back.
    pub jsonl_as_articles: bool,
}

impl Prepared {
    /// Whether applying it adds documents to the project (articles, or the
    /// documents of other projects).
    pub fn adds_documents(&self) -> bool {
        !self.articles.is_empty() || self.other_projects.iter().any(|c| !c.documents.is_empty())
    }
}

/// A project file that could not be read. It is left as it is; the backup,
/// if readable, is offered instead.
#[derive(Debug)]
pub struct DamagedProject {
    /// The project file.
    pub path: PathBuf,
    /// Why it could not be read.
    pub error: String,
    /// The backup file, its project, and when it was written.
    pub backup: Option<(PathBuf, Project, Option<u64>)>,
}

/// Reads `paths` and runs the engine on every article. `gazetteer` is the
/// project's own (the opened project's, when one replaces it).
/// `progress(done, total)` is called after each article; returning `false`
/// cancels, and nothing will be added.
pub fn prepare(
    paths: &[PathBuf],
    gazetteer: &[crate::model::GazetteerEntry],
    replace_with_project: bool,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Prepared {
    prepare_with(
        paths,
        gazetteer,
        replace_with_project,
        PrepareOptions::default(),
        progress,
    )
}

/// [`prepare`] with [`PrepareOptions`].
pub fn prepare_with(
    paths: &[PathBuf],
    gazetteer: &[crate::model::GazetteerEntry],
    replace_with_project: bool,
    options: PrepareOptions,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Prepared {
    let annotated = if options.annotated_by_content {
        read_annotated(paths, options)
    } else {
        AnnotatedInputs {
            other_paths: paths.to_vec(),
            ..Default::default()
        }
    };
    let report = import::read_paths(&annotated.other_paths);
    let mut prepared = Prepared {
        errors: report.errors.iter().map(ImportError::to_string).collect(),
        skipped: report.skipped,
        keep_repeats: options.keep_repeats,
        ..Default::default()
    };
    prepared.errors.extend(annotated.errors);
    let mut projects = report.projects.iter();
    if replace_with_project && let Some(first) = projects.next() {
        prepared.open_project(first);
    }
    for p in projects {
        match project::load(p) {
            Ok(other) => prepared
                .other_projects
                .push(annotated::corpus_of_project(&other)),
            Err(e) => prepared.errors.push(e.to_string()),
        }
    }
    prepared.other_projects.extend(annotated.corpora);
    let articles = report.articles;
    let gazetteer = match &prepared.project {
        Some((_, p)) => p.gazetteer.clone(),
        None => gazetteer.to_vec(),
    };
    let ctx = annotate::Context {
        gazetteer: &gazetteer,
    };
    match find_in_all(&articles, &ctx, progress) {
        Some(findings) => prepared.articles = articles.into_iter().zip(findings).collect(),
        None => {
            prepared.cancelled = true;
            prepared.other_projects.clear();
        }
    }
    prepared
}

/// The paths sorted by content: annotated corpora read with their
/// annotations, and every other path left for the article reader.
#[derive(Default)]
struct AnnotatedInputs {
    corpora: Vec<ImportedCorpus>,
    /// What reading the corpora went wrong with, as messages.
    errors: Vec<String>,
    other_paths: Vec<PathBuf>,
}

/// Reads the paths that hold annotated corpora (told by their content) and
/// passes the others on; JSON Lines stay articles when the options say so.
fn read_annotated(paths: &[PathBuf], options: PrepareOptions) -> AnnotatedInputs {
    let mut inputs = AnnotatedInputs::default();
    for p in paths {
        let format = annotated::sniff(p)
            .filter(|f| !(options.jsonl_as_articles && *f == crate::export::Format::Jsonl));
        let Some(format) = format else {
            inputs.other_paths.push(p.clone());
            continue;
        };
        match annotated::import_annotated(p, format) {
            Ok(corpus) => {
                let issues = corpus.issues.iter().map(ImportError::to_string);
                inputs.errors.extend(issues);
                inputs.corpora.push(corpus);
            }
            Err(e) => inputs.errors.push(e.to_string()),
        }
    }
    inputs
}

impl Prepared {
    /// Reads the project that replaces the current one; one that cannot be
    /// read is recorded as damaged, with its readable backup if any.
    fn open_project(&mut self, path: &Path) {
        self.project_stamp = project::FileStamp::of(path);
        match project::load(path) {
            Ok(p) => self.project = Some((path.to_path_buf(), p)),
            Err(e) => {
                let backup = project::readable_backup(path);
                let mut error = e.to_string();
                if let Some((bak, _, modified)) = &backup {
                    error.push_str(&format!(
                        " A readable backup{} is at {}.",
                        modified
                            .map(|m| format!(" from {}", crate::recovery::format_utc(m)))
                            .unwrap_or_default(),
                        bak.display()
                    ));
                }
                self.errors.push(error.clone());
                self.damaged = Some(DamagedProject {
                    path: path.to_path_buf(),
                    error,
                    backup,
                });
            }
        }
    }
}

/// Runs the engine on every article, on every core: the calling thread
/// takes its share and reports `progress` after each of its articles with
/// the count done by all. `None` when `progress` cancels.
fn find_in_all(
    articles: &[import::Article],
    ctx: &annotate::Context<'_>,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Option<Vec<Vec<annotate::Finding>>> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    type Found = Vec<(usize, Vec<annotate::Finding>)>;
    let total = articles.len();
    // Below this a thread costs more than it saves.
    const PER_THREAD: usize = 8;
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(total.div_ceil(PER_THREAD))
        .max(1);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let cancelled = AtomicBool::new(false);
    // Takes the next article until none is left; `go_on(done)` after each.
    let work = |go_on: &dyn Fn(usize) -> bool| -> Found {
        let mut found = Vec::new();
        while !cancelled.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(article) = articles.get(i) else {
                break;
            };
            found.push((i, annotate::find(&article.text, ctx)));
            if !go_on(done.fetch_add(1, Ordering::Relaxed) + 1) {
                cancelled.store(true, Ordering::Relaxed);
            }
        }
        found
    };
    let mut found: Found = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|_| scope.spawn(|| work(&|_| true)))
            .collect();
        let mut found = work(&|n| progress(n, total));
        for h in helpers {
            // A panic in the engine stops the open, as on one thread.
            found.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        found
    });
    // The helpers may finish after the caller's last report.
    if cancelled.load(Ordering::Relaxed) || (total > 0 && !progress(total, total)) {
        return None;
    }
    found.sort_unstable_by_key(|(i, _)| *i);
    Some(found.into_iter().map(|(_, f)| f).collect())
}

/// Adds what [`prepare`] gathered to the editor: the project it opened
/// replaces the current one, then the articles and their suggestions join
/// as one undo step.
pub fn apply_prepared(editor: &mut Editor, prepared: Prepared) -> OpenOutcome {
    let mut outcome = OpenOutcome {
        errors: prepared.errors,
        skipped: prepared.skipped,
        ..Default::default()
    };
    if let Some((path, p)) = prepared.project {
        editor.replace_project(p, true);
        outcome.opened_project = Some(path);
    }
    let mut articles = prepared.articles;
    let mut other_projects = prepared.other_projects;
    if !prepared.keep_repeats {
        drop_repeats(
            editor.project(),
            &mut articles,
            &mut other_projects,
            &mut outcome,
        );
    }
    // Nothing to add is no edit: no empty undo step, redo kept.
    if articles.is_empty() && other_projects.iter().all(|c| c.documents.is_empty()) {
        return outcome;
    }
    let (articles, findings): (Vec<_>, Vec<_>) = articles.into_iter().unzip();
    let docs = import::into_documents(editor.project_mut_for_ids(), articles);
    // Suggestions are resolved on a scratch project holding only the new
    // documents, so that the whole open is one undo step: documents and
    // their suggestions together.
    let mut scratch = scratch_beside(editor.project());
    let commands = open_commands(&mut scratch, docs, findings, &other_projects);
    editor.project_mut_for_ids().next_id = scratch.next_id;
    let added: Vec<DocId> = scratch.documents.iter().map(|d| d.id).collect();
    let n = added.len();
    let description = if n == 1 {
        "open 1 article".to_owned()
    } else {
        format!("open {n} articles")
    };
    match editor.execute(Command::Batch {
        description,
        commands,
    }) {
        Ok(()) => outcome.added.extend(added),
        Err(e) => outcome
            .errors
            .push(format!("could not add the articles: {e}")),
    }
    outcome
}

/// Leaves out each text already in the project, or met earlier in this
/// open, and notes it in `outcome`: opening a folder a second time must not
/// double the corpus, nor two overlapping projects their common documents.
fn drop_repeats(
    project: &Project,
    articles: &mut Vec<(import::Article, Vec<annotate::Finding>)>,
    other_projects: &mut [ImportedCorpus],
    outcome: &mut OpenOutcome,
) {
    let texts = articles.iter().map(|(a, _)| a.text.as_str()).chain(
        other_projects
            .iter()
            .flat_map(|c| c.documents.iter().map(|d| d.text.as_str())),
    );
    let mut seen = seen_before(project, texts).into_iter();
    let mut keep =
        |meta: &crate::model::DocumentMeta| match seen.next().expect("one answer per text") {
            Seen::New => true,
            Seen::InProject(id) => {
                outcome.already_in.push(id);
                outcome.not_added.push(input_name(meta));
                false
            }
            Seen::Repeated => {
                outcome.repeated += 1;
                outcome.not_added.push(input_name(meta));
                false
            }
        };
    articles.retain(|(a, _)| keep(&a.meta));
    for corpus in other_projects {
        corpus.documents.retain(|d| keep(&d.meta));
    }
}

/// An empty project with the project's entities, labels, gazetteer and next
/// id. The project's own labels, so that an import adds only the ones it
/// lacks (in grey) and leaves the analyst's colours and keys alone.
fn scratch_beside(project: &Project) -> Project {
    let mut scratch = Project::new("scratch");
    scratch.entities = project.entities.clone();
    scratch.labels = project.labels.clone();
    scratch.gazetteer = project.gazetteer.clone();
    scratch.next_id = project.next_id;
    scratch
}

/// The commands of one open, each applied to `scratch` as it is made: the
/// new documents, each one's suggestions, then each other project's
/// documents with their annotations. A command that does not apply is
/// left out.
fn open_commands(
    scratch: &mut Project,
    docs: Vec<crate::model::Document>,
    findings: Vec<Vec<annotate::Finding>>,
    other_projects: &[ImportedCorpus],
) -> Vec<Command> {
    let ids: Vec<DocId> = docs.iter().map(|d| d.id).collect();
    let mut commands = vec![Command::AddDocuments(docs)];
    if commands[0].clone().apply(scratch).is_ok() {
        // One index of the entities for the whole open, not one per article.
        let mut resolver = annotate::Resolver::default();
        for (id, found) in ids.iter().zip(findings) {
            if let Some(c) = annotate::findings_command_with(scratch, *id, found, &mut resolver)
                && c.clone().apply(scratch).is_ok()
            {
                commands.push(c);
            }
        }
    }
    for corpus in other_projects {
        if let Some(c) = annotated::corpus_command(scratch, corpus)
            && c.clone().apply(scratch).is_ok()
        {
            commands.push(c);
        }
    }
    commands
}

/// Opens `paths` into the editor as one undo step, on this thread: articles
/// are read and added with their suggestions; with `replace_with_project`,
/// the first `.dossier` among them replaces the project, and the documents
/// of any other project are added.
pub fn open_paths(
    editor: &mut Editor,
    paths: &[PathBuf],
    replace_with_project: bool,
) -> OpenOutcome {
    open_paths_with(
        editor,
        paths,
        replace_with_project,
        PrepareOptions::default(),
    )
}

/// [`open_paths`] with [`PrepareOptions`].
pub fn open_paths_with(
    editor: &mut Editor,
    paths: &[PathBuf],
    replace_with_project: bool,
    options: PrepareOptions,
) -> OpenOutcome {
    let gazetteer = editor.project().gazetteer.clone();
    let prepared = prepare_with(paths, &gazetteer, replace_with_project, options, &|_, _| {
        true
    });
    apply_prepared(editor, prepared)
}

/// Loads a project, or starts an empty one named after the path when the
/// file does not exist yet.
pub fn load_or_new(path: &Path) -> Result<Project, ProjectError> {
    if path.exists() {
        project::load(path)
    } else {
        let mut p = Project::new(project::name_from_path(path));
        p.next_id = 1;
        Ok(p)
    }
}

/// The official figures a spending claim is compared with: NATO's edition
/// current at the article's date and the latest bundled edition (see
/// [`crate::data::claim`]). The GUI's chart, the claims table and the
/// command line all use this one lookup.
pub fn official_figure(
    query: &crate::data::claim::ClaimQuery<'_>,
) -> Option<crate::data::ClaimCheck> {
    let nato = crate::data::nato::bundled().ok()?;
    Some(crate::data::claim::claim_check(nato, query))
}
