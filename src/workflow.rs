//! The steps that the GUI and the command line share, so that both do the
//! same thing with the same code: open inputs into a project, then suggest
//! annotations.

use std::path::{Path, PathBuf};

use crate::annotate;
use crate::edit::{Command, Editor};
use crate::import::{self, ImportError, ImportReport};
use crate::model::{DocId, Project};
use crate::project::{self, ProjectError};

/// What opening a set of paths did.
#[derive(Debug, Default)]
pub struct OpenOutcome {
    pub added: Vec<DocId>,
    pub errors: Vec<String>,
    pub skipped: Vec<PathBuf>,
    /// The project file that was opened as the project, if any.
    pub opened_project: Option<PathBuf>,
}

/// Opens `paths` into the editor as one undo step: articles are read and
/// added (with suggestions); a `.dossier` path among them replaces the
/// project first when `replace_with_project` is set (the first one), and the
/// documents of any other project are added.
pub fn open_paths(
    editor: &mut Editor,
    paths: &[PathBuf],
    replace_with_project: bool,
) -> OpenOutcome {
    let report = import::read_paths(paths);
    let mut outcome = OpenOutcome::default();
    let mut projects = report.projects.iter();
    if replace_with_project && let Some(first) = projects.next() {
        match project::load(first) {
            Ok(p) => {
                editor.replace_project(p, true);
                outcome.opened_project = Some(first.clone());
            }
            Err(e) => outcome.errors.push(e.to_string()),
        }
    }
    let mut extra_docs = Vec::new();
    for p in projects {
        match project::load(p) {
            Ok(other) => extra_docs.extend(other.documents.into_iter().map(|d| import::Article {
                meta: d.meta.clone(),
                text: d.text().to_owned(),
            })),
            Err(e) => outcome.errors.push(e.to_string()),
        }
    }
    add_report(editor, report_with(report, extra_docs), &mut outcome);
    outcome
}

fn report_with(mut report: ImportReport, extra: Vec<import::Article>) -> ImportReport {
    report.articles.extend(extra);
    report
}

/// Adds an import report's articles, and their suggestions, as one step.
pub fn add_report(editor: &mut Editor, report: ImportReport, outcome: &mut OpenOutcome) {
    outcome
        .errors
        .extend(report.errors.iter().map(ImportError::to_string));
    outcome.skipped.extend(report.skipped);
    if report.articles.is_empty() {
        return;
    }
    let n = report.articles.len();
    let docs = import::into_documents(editor.project_mut_for_ids(), report.articles);
    let ids: Vec<DocId> = docs.iter().map(|d| d.id).collect();
    // Suggestions are computed on a scratch copy so that the whole open is
    // one undo step: documents and their suggestions together.
    let mut scratch = Project::new("scratch");
    scratch.entities = editor.project().entities.clone();
    scratch.gazetteer = editor.project().gazetteer.clone();
    scratch.next_id = editor.project().next_id;
    let mut commands = vec![Command::AddDocuments(docs)];
    let add = commands[0].clone().apply(&mut scratch).ok();
    if add.is_some() {
        for id in &ids {
            if let Some(c) = annotate::suggest(&mut scratch, *id)
                && c.clone().apply(&mut scratch).is_ok()
            {
                commands.push(c);
            }
        }
    }
    editor.project_mut_for_ids().next_id = scratch.next_id;
    let description = if n == 1 {
        "open 1 article".to_owned()
    } else {
        format!("open {n} articles")
    };
    match editor.execute(Command::Batch {
        description,
        commands,
    }) {
        Ok(()) => outcome.added.extend(ids),
        Err(e) => outcome
            .errors
            .push(format!("could not add the articles: {e}")),
    }
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

/// The official figure a spending claim is compared with: NATO's share of
/// GDP for the country and year (the latest year when the claim has none),
/// from the bundled tables. The GUI's chart, the claims table and the command
/// line all use this one lookup.
pub fn official_figure(iso3: &str, year: Option<i32>) -> Option<crate::export::OfficialFigure> {
    let nato = crate::data::nato::bundled().ok()?;
    // The claimed value does not change the official one; any number will do.
    let check = crate::data::claim::claim_check(
        &nato.dataset,
        iso3,
        year,
        0.0,
        crate::model::ClaimUnit::PctGdp,
    )?;
    let mut label = format!("NATO {}", check.edition);
    if check.estimate {
        label.push_str(", estimate");
    }
    if check.secondary {
        label.push_str(", press-reported");
    }
    Some(crate::export::OfficialFigure {
        value: check.official,
        year: check.year,
        label,
    })
}
