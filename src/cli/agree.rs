//! `dossier agree`: how far analysts who annotated copies of the same
//! articles agree, from their project files.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::agree::{self, ReportFormat};

/// The arguments of `dossier agree`.
#[derive(Debug, Clone, clap::Args)]
pub struct AgreeArgs {
    /// Two or more .dossier projects, one an analyst; articles are matched
    /// by their text, whatever the file or article names.
    #[arg(required = true, num_args = 2..)]
    pub projects: Vec<PathBuf>,
    /// The report's format.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Where to write the report (standard output if absent).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Writes the report; the exit code is 0 (errors come back as `Err`).
pub fn run(args: AgreeArgs) -> Result<i32> {
    let layers = agree::load_layers(&args.projects)?;
    let report = agree::compute(&layers)?;
    let text = agree::render(&report, args.format);
    match &args.output {
        Some(path) => crate::project::write_atomically(path, text.as_bytes(), false)
            .with_context(|| format!("writing {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(text.as_bytes())
                .context("writing the report")?;
        }
    }
    Ok(0)
}
