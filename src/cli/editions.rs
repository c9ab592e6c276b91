//! The NATO editions a command works with: the bundled ones, the workbooks
//! kept in the data folder, and a workbook named on the command line.

use std::path::Path;

use anyhow::{Context, Result};

use crate::data::nato::{self, NatoData};
use crate::data::workbook;

/// Whether a command-line value names a workbook file rather than an edition.
pub fn is_workbook(value: &str) -> bool {
    Path::new(value)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xls"))
}

/// The editions, with `workbook` read and added when given; returns the
/// data and the id of the workbook's edition. Prints what the workbook holds
/// and how it differs from the bundled edition of the same year.
pub fn load(workbook_path: Option<&Path>) -> Result<(NatoData, Option<String>)> {
    let mut data = nato::bundled()
        .context("reading the bundled NATO figures")?
        .clone();
    if let Some(dir) = crate::recovery::data_dir() {
        for e in workbook::load_kept(&dir, &mut data) {
            eprintln!("dossier: kept edition not loaded: {e}");
        }
    }
    let Some(path) = workbook_path else {
        return Ok((data, None));
    };
    let read = workbook::read_workbook(path, &data)?;
    let id = read.edition.id.clone();
    eprintln!("dossier: {}: {}", path.display(), read.edition.describe());
    for t in &read.tables {
        eprintln!("dossier: {}: {t}", path.display());
    }
    data.add_edition(read.edition, &read.dataset);
    if let Some(new) = data.editions.iter().find(|e| e.id == id) {
        for d in workbook::differences(&data, new) {
            eprintln!("dossier: {}: {d}", path.display());
        }
    }
    Ok((data, Some(id)))
}
