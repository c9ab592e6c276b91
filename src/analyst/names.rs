//! Reading a list of names (one a line, optionally with a label) and
//! teaching them to the project, suggested across the corpus.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{Operation, learn};
use crate::annotate;
use crate::model::{GazetteerEntry, Project};

/// A name list that could not be read, or one of its lines that was
/// skipped; each names the file (and the line).
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum NameListError {
    /// The file could not be read or decoded.
    #[error("{}: {message}", path.display())]
    Unreadable {
        /// The list's file.
        path: PathBuf,
        /// Why it could not be read.
        message: String,
    },
    /// A line of the list that gives no usable name (the rest still load).
    #[error("{}:{line}: {message}", path.display())]
    BadLine {
        /// The list's file.
        path: PathBuf,
        /// The line's number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// A name list read from a file: its names, and the lines skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct NameList {
    /// The file the list came from.
    pub path: PathBuf,
    /// The names, each with its label, in the order of the file.
    pub entries: Vec<GazetteerEntry>,
    /// The lines skipped, each a [`NameListError::BadLine`].
    pub skipped: Vec<NameListError>,
}

/// What teaching a name list does.
#[derive(Clone, Debug, PartialEq)]
pub struct NamesAdded {
    /// The edit that adds the new names and suggests them; `None` when the
    /// gazetteer had every name already.
    pub operation: Option<Operation>,
    /// How many names were new to the gazetteer.
    pub added: usize,
    /// "Added 3 name(s) from names.txt to the gazetteer; 1 line(s)
    /// skipped".
    pub summary: String,
}

/// Reads the name list at `path`: one name a line, optionally followed by
/// a tab (or `;`) and a label of the project; lines without a label take
/// `default_label`. Bad lines are skipped and reported with their file and
/// line; only a file that cannot be read at all is an error.
pub fn read_name_list(
    project: &Project,
    path: &Path,
    default_label: &str,
) -> Result<NameList, NameListError> {
    let unreadable = |message: String| NameListError::Unreadable {
        path: path.to_owned(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| unreadable(crate::import::io_message(&e)))?;
    let text = crate::import::decode(&bytes)
        .map_err(|e| unreadable(e.to_string()))?
        .text;
    let labels: Vec<&str> = project.labels.iter().map(|l| l.name.as_str()).collect();
    let (entries, issues) = annotate::parse_name_list(&text, default_label, &labels);
    let skipped = issues
        .into_iter()
        .map(|i| NameListError::BadLine {
            path: path.to_owned(),
            line: i.line,
            message: i.message,
        })
        .collect();
    Ok(NameList {
        path: path.to_owned(),
        entries,
        skipped,
    })
}

/// Adds the names of `list` the gazetteer does not have yet, and suggests
/// them across the corpus, in one undo step.
pub fn add_names(project: &mut Project, list: &NameList) -> NamesAdded {
    let mut all = project.gazetteer.clone();
    // A set of the names listed so far: a long list against a long
    // gazetteer would otherwise compare every pair.
    let mut listed: HashSet<(String, String)> = all
        .iter()
        .map(|g| (g.text.clone(), g.label.clone()))
        .collect();
    for e in &list.entries {
        if listed.insert((e.text.clone(), e.label.clone())) {
            all.push(e.clone());
        }
    }
    let added = all.len() - project.gazetteer.len();
    let operation = learn::set_gazetteer(project, all);
    let summary = format!(
        "Added {added} name(s) from {} to the gazetteer; {} line(s) skipped",
        list.path.display(),
        list.skipped.len()
    );
    NamesAdded {
        operation,
        added,
        summary,
    }
}
