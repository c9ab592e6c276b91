//! `dossier annotate`: the JSONL contract, headless.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::edit::Editor;
use crate::export::{self, Scope};
use crate::project;
use crate::workflow;

pub fn run(paths: Vec<PathBuf>, output: Option<PathBuf>, save: Option<PathBuf>) -> Result<i32> {
    let base = match &save {
        Some(p) => workflow::load_or_new(p)?,
        None => crate::model::Project::new("annotate"),
    };
    let mut editor = Editor::new(base);
    let outcome = workflow::open_paths(&mut editor, &paths, false);
    for e in &outcome.errors {
        eprintln!("dossier: {e}");
    }
    let project = editor.project();
    // Documents of the inputs, in input order; with --save, the project's
    // earlier documents are not repeated on the output.
    let docs = outcome.added.iter().filter_map(|id| project.document(*id));
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
            "dossier: {} document(s) added to {} ({} in all)",
            outcome.added.len(),
            path.display(),
            project.documents.len()
        );
    }
    Ok(if outcome.errors.is_empty() { 0 } else { 1 })
}
