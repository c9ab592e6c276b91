//! `dossier export`: write projects or articles in another tool's format,
//! headless, through the same [`crate::export::export`] as the GUI.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::edit::Editor;
use crate::export::{self, Format, Scope};
use crate::workflow;

pub struct Args {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub output: PathBuf,
    pub accepted_only: bool,
    pub labels: Vec<String>,
}

/// Runs `dossier export`: the inputs in another tool's format.
pub fn run(args: Args) -> Result<i32> {
    let mut editor = Editor::new(crate::model::Project::new("export"));
    // The first project among the paths is opened as it is (its own
    // annotations); articles join it with automatic suggestions and further
    // projects with their own annotations, as when the GUI opens them, and
    // annotated corpora (Label Studio tasks, brat folders, annotated JSON
    // Lines, told by their content) with theirs, as Import Annotations adds
    // them.
    let options = workflow::PrepareOptions {
        annotated_by_content: true,
        keep_repeats: false,
        jsonl_as_articles: false,
    };
    let outcome = workflow::open_paths_with(&mut editor, &args.paths, true, options);
    for e in &outcome.errors {
        eprintln!("dossier: {e}");
    }
    let project = editor.project();
    if project.documents.is_empty() {
        bail!("nothing to export: no document could be read from the given paths");
    }
    let docs: Vec<_> = project.documents.iter().map(|d| d.id).collect();
    let scope = Scope {
        accepted_only: args.accepted_only,
        labels: (!args.labels.is_empty()).then(|| {
            args.labels
                .iter()
                .filter_map(|l| crate::model::LabelSet::normalise_name(l))
                .collect()
        }),
    };
    let summary = export::export_with_official(
        project,
        &docs,
        &scope,
        args.format,
        &args.output,
        &crate::workflow::official_figure,
        &|_, _| true,
    )
    .with_context(|| format!("exporting to {}", args.output.display()))?;
    eprintln!(
        "dossier: {} document(s), {} annotation(s) written as {} to {}",
        summary.documents,
        summary.annotations,
        args.format.name(),
        args.output.display()
    );
    for n in &summary.notes {
        eprintln!("dossier: note: {n}");
    }
    Ok(if outcome.errors.is_empty() { 0 } else { 1 })
}
