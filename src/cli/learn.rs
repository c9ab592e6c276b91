//! `dossier learn`: teach a project a list of names, suggested wherever
//! they occur in its articles, as the window's Gazetteer > Import names
//! does (the same [`crate::analyst`] operation).

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::analyst;
use crate::edit::Editor;
use crate::project;

/// The command line's name-list options, as parsed by clap.
#[derive(Debug, Clone, clap::Args)]
pub struct LearnArgs {
    /// The .dossier project to teach, saved in place.
    pub project: PathBuf,
    /// The list of names: one a line, optionally followed by a tab (or `;`)
    /// and a label (`Pete Hegseth<TAB>PERSON`); `#` starts a comment.
    #[arg(long, value_name = "LIST")]
    pub names: PathBuf,
    /// The label of names listed without one.
    #[arg(long, default_value = crate::model::PERSON)]
    pub label: String,
}

/// Teaches the project the names and saves it; exits with 1 when lines of
/// the list were skipped (the rest is learnt and saved).
pub fn run(args: LearnArgs) -> Result<i32> {
    // Held until the project is written: a window editing the same project
    // would otherwise overwrite this run's work, or this run the window's.
    let _lock = project::ProjectLock::acquire(&args.project)
        .map_err(|e| anyhow::anyhow!("{e}; close it there first"))?;
    let loaded = project::load(&args.project)
        .with_context(|| format!("reading {}", args.project.display()))?;
    let mut editor = Editor::new(loaded);
    let list = analyst::read_name_list(editor.project(), &args.names, &args.label)?;
    for skipped in &list.skipped {
        eprintln!("dossier: {skipped}");
    }
    let names = analyst::add_names(editor.project_mut_for_ids(), &list);
    if let Some(op) = names.operation {
        editor.execute(op.command)?;
        project::save(editor.project(), &args.project)?;
        if let Some(summary) = op.summary {
            eprintln!("dossier: {summary}");
        }
    }
    eprintln!("dossier: {}", names.summary);
    Ok(if list.skipped.is_empty() { 0 } else { 1 })
}
