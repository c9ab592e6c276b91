#![warn(missing_docs)]
//! Dossier: a workbench for analysts who follow defence and security news.
//!
//! This crate is the core that the desktop app, the command line and the
//! tests all drive. It has no GUI dependency; the egui front end lives in
//! [`ui`] behind the `gui` feature and only draws state and sends
//! [`edit::Command`]s. `docs/architecture.md` draws the modules and the
//! path of an edit, a suggestion, a save and a claim check.
//!
//! **Where a key becomes an annotation**, in two hops: the window's keymap
//! (`ui::keymap`, built from the command registry `ui::command`) turns a
//! label key into a label action; [`analyst::label_span`] turns that into
//! the [`edit::Command`] that adds the annotation, linked to its canonical
//! entity.
//!
//! - [`analyst`]: the analyst's operations (label, quote, claim, review,
//!   learn names) as commands, shared by the window and the command line;
//! - [`text`]: spans and offset conversion (bytes inside, code points and
//!   UTF-16 at the edges);
//! - [`model`]: documents, annotations, canonical entities, labels;
//! - [`edit`]: the command type, undo and redo;
//! - [`import`]: articles from text, Markdown, HTML, JSON and JSON Lines;
//! - [`annotate`]: automatic suggestions;
//! - [`agree`]: agreement between analysts who annotated the same articles;
//! - [`export`]: datasets for other tools;
//! - [`data`]: NATO spending figures, targets, imported spending tables;
//! - [`chart`]: spending charts as plain data, SVG, PNG and CSV;
//! - [`ledger`]: every spending claim against NATO's editions, then and now;
//! - [`project`]: `.dossier` files, saved atomically, and the lock that
//!   keeps two windows from editing one project;
//! - [`recovery`]: autosave, restore after a crash, crash reports;
//! - [`resources`]: the sample data installed beside the program;
//! - [`workflow`]: the steps the GUI and the command line share;
//! - [`stream`]: annotating a corpus as a stream, in order, on every core.

pub mod agree;
pub mod analyst;
pub mod annotate;
pub mod chart;
pub mod cli;
pub mod data;
pub mod edit;
pub mod export;
pub mod import;
pub mod ledger;
pub mod model;
pub mod project;
pub mod recovery;
pub mod resources;
pub mod stream;
pub mod text;
pub mod workflow;

#[cfg(feature = "gui")]
pub mod ui;

pub use resources::sample_articles_dir;
