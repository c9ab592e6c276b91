//! `dossier annotate`: the JSONL contract, headless.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::edit::Editor;
use crate::export::{self, Scope};
use crate::project;
use crate::workflow;

pub fn run(paths: Vec<PathBuf>, output: Option<PathBuf>, save: Option<PathBuf>) -> Result<i32> {
    // Held until the project is written: a window editing the same project
    // would otherwise overwrite this run's work, or this run the window's.
    let _lock = match &save {
        Some(p) => Some(project::ProjectLock::acquire(p).map_err(|e| {
            anyhow::anyhow!("{e}; close it there first, or save to another project")
        })?),
        None => None,
    };
    let base = match &save {
        Some(p) => workflow::load_or_new(p)?,
        None => crate::model::Project::new("annotate"),
    };
    let mut editor = Editor::new(base);
    // Without --save, a project among the inputs is read with its own
    // annotations (the analyst's work, not fresh suggestions).
    let outcome = workflow::open_paths(&mut editor, &paths, save.is_none());
    for e in &outcome.errors {
        eprintln!("dossier: {e}");
    }
    let project = editor.project();
    // Documents of the inputs: an opened project's, then the articles. With
    // --save, the project's earlier documents are not repeated, except those
    // whose text was given again (they are not added twice, but they are
    // among the inputs).
    let from_project: Vec<_> = match &outcome.opened_project {
        Some(_) => {
            let added: std::collections::HashSet<_> = outcome.added.iter().collect();
            project
                .documents
                .iter()
                .map(|d| d.id)
                .filter(|id| !added.contains(id))
                .collect()
        }
        None => outcome.already_in.clone(),
    };
    let docs = from_project
        .iter()
        .chain(&outcome.added)
        .filter_map(|id| project.document(*id));
    let scope = Scope::default();
    match &output {
        Some(path) => {
            let mut buf = Vec::new();
            export::jsonl::write(&mut buf, project, docs, &scope)?;
            project::write_atomically(path, &buf, false)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            export::jsonl::write(&mut out, project, docs, &scope)?;
            out.flush()?;
        }
    }
    if let Some(path) = &save {
        project::save(project, path)?;
        eprintln!(
            "dossier: {} document(s) added to {} ({} in all{})",
            outcome.added.len(),
            path.display(),
            project.documents.len(),
            match outcome.already_in.len() {
                0 => String::new(),
                n => format!("; {n} already there, not added again"),
            }
        );
    }
    Ok(if outcome.errors.is_empty() { 0 } else { 1 })
}
