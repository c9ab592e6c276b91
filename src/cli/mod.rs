//! The command line: `dossier [PATH...]` opens the app; the subcommands run
//! headless on the same code paths as the GUI.

mod agree;
mod annotate;
mod chart;
mod claims;
mod editions;
mod export;
mod learn;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// The command line: a subcommand, or paths to open in the app.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "A workbench for analysts who follow defence and security news"
)]
pub struct Cli {
    /// What to do; none opens the app.
    #[command(subcommand)]
    pub command: Option<Commands>,
    /// Articles, folders or a .dossier project to open in the app.
    pub paths: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Read articles (and projects), suggest annotations, and write them as
    /// JSON Lines (one object a document, code-point offsets), one line per
    /// article in input order, on every core. `-` reads JSON Lines (or, with
    /// --lines, plain text, one article a line) from standard input and
    /// writes each record's line as soon as it is ready: a Unix filter.
    Annotate {
        /// Article files, folders or .dossier projects; or `-` for standard
        /// input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the JSON Lines (standard output if absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Add the articles and their annotations to this project (created if
        /// missing), saved atomically. Texts already in it are not added
        /// again.
        #[arg(long)]
        save: Option<PathBuf>,
        /// With `-`: standard input is plain text, one article a line.
        #[arg(long)]
        lines: bool,
        /// With `-`: the number of the first input line (default 1), for a
        /// slice of a larger stream: error messages and the ids of records
        /// without one name lines of the whole stream.
        #[arg(long, value_name = "N", default_value_t = 1)]
        first_line: u64,
    },
    /// Agreement between analysts: two or more projects over the same
    /// articles, as Markdown, CSV or JSON (entity F1, Cohen's κ and
    /// Krippendorff's α on tokens; quote speakers; claim fields).
    Agree(Box<agree::AgreeArgs>),
    /// Draw a defence-spending chart (NATO figures against the targets) as
    /// SVG or PNG, optionally with the plotted figures as CSV.
    Chart(Box<chart::ChartArgs>),
    /// The claims ledger as CSV: every spending claim of the projects or
    /// articles against NATO's figure at the article's date and now.
    Claims(Box<claims::ClaimsArgs>),
    /// Teach a project a list of names (one a line, optionally with a label),
    /// suggested wherever they occur in its articles; saved in place.
    Learn(Box<learn::LearnArgs>),
    /// Write projects or articles (with their automatic suggestions) in the
    /// format of another tool: a file, or a folder for brat.
    Export {
        /// .dossier projects, article files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The format to write.
        #[arg(short, long, value_enum)]
        format: crate::export::Format,
        /// The file (or, for brat, the folder) to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Only accepted annotations, not suggestions.
        #[arg(long)]
        accepted_only: bool,
        /// Only entity mentions with these labels (repeatable); quotes and
        /// claims are kept.
        #[arg(long = "label", value_name = "LABEL")]
        labels: Vec<String>,
    },
}

/// Runs a headless subcommand; returns the process exit code.
pub fn run(command: Commands) -> Result<i32> {
    match command {
        Commands::Annotate {
            paths,
            output,
            save,
            lines,
            first_line,
        } => annotate::run(annotate::Args {
            paths,
            output,
            save,
            lines,
            first_line,
        }),
        Commands::Agree(args) => agree::run(*args),
        Commands::Chart(args) => chart::run(*args),
        Commands::Claims(args) => claims::run(*args),
        Commands::Learn(args) => learn::run(*args),
        Commands::Export {
            paths,
            format,
            output,
            accepted_only,
            labels,
        } => export::run(export::Args {
            paths,
            format,
            output,
            accepted_only,
            labels,
        }),
    }
}
