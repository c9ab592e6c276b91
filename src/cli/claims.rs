//! `dossier claims`: the claims ledger of projects or articles as CSV, every
//! spending claim set against NATO's figure at the time and now.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::edit::Editor;
use crate::ledger::{self, LedgerOptions};
use crate::workflow;

/// The command line's ledger options, as parsed by clap.
#[derive(Debug, Clone, clap::Args)]
pub struct ClaimsArgs {
    /// .dossier projects, article files or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The edition that stands for "NATO now": 2024, 2025, 2026, a name
    /// ("Jul 2026") or NATO's Excel workbook (FILE.xlsx). Default: the latest.
    #[arg(long)]
    pub edition: Option<String>,
    /// Only accepted claims, not the engine's suggestions.
    #[arg(long)]
    pub accepted_only: bool,
    /// The CSV file to write.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// Runs `dossier claims`: the ledger of the inputs' claims as CSV.
pub fn run(args: ClaimsArgs) -> Result<i32> {
    let workbook = args
        .edition
        .as_deref()
        .filter(|e| super::editions::is_workbook(e))
        .map(PathBuf::from);
    let (nato, workbook_id) = super::editions::load(workbook.as_deref())?;
    let mut editor = Editor::new(crate::model::Project::new("claims"));
    let outcome = workflow::open_paths(&mut editor, &args.paths, true);
    for e in &outcome.errors {
        eprintln!("dossier: {e}");
    }
    let project = editor.project();
    if project.documents.is_empty() {
        bail!("no claims to list: no document could be read from the given paths");
    }
    let options = LedgerOptions {
        include_suggested: !args.accepted_only,
        now_edition: workbook_id.or(args.edition.clone()),
    };
    let rows = ledger::build(project, &nato, &options)?;
    let bytes = ledger::to_csv(&rows).context("writing the ledger")?;
    crate::project::write_atomically(&args.output, &bytes, false)
        .with_context(|| format!("writing {}", args.output.display()))?;
    let now = ledger::now_edition(&nato, &options)?;
    let compared = rows
        .iter()
        .filter(|r| r.check.as_ref().is_some_and(|c| c.compared()))
        .count();
    eprintln!(
        "dossier: {} claim(s) in {} document(s), {compared} compared; now = {}",
        rows.len(),
        project.documents.len(),
        now.describe()
    );
    // The checks as the window shows them; a large corpus is in the CSV.
    const SHOWN: usize = 20;
    for r in rows.iter().take(SHOWN) {
        if let Some(c) = &r.check {
            eprintln!("dossier: {}: {}", r.title, c.full_text());
        }
    }
    if rows.len() > SHOWN {
        eprintln!(
            "dossier: … and {} more claim(s), in {}",
            rows.len() - SHOWN,
            args.output.display()
        );
    }
    eprintln!("dossier: wrote {}", args.output.display());
    Ok(if outcome.errors.is_empty() { 0 } else { 1 })
}
