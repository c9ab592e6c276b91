//! Integration tests of the headless core (and the `dossier` command line).
//!
//! One test binary rather than one per file: every integration test binary
//! links the whole crate, and a dozen of them cost minutes of linking and
//! gigabytes of disk on CI for no benefit.

mod export_support;

mod agree;
mod analyst;
mod annotate_reference;
mod annotate_robust;
mod annotate_rules;
mod attribution;
mod chart_export;
mod chart_model;
mod claims_quality;
mod cli;
mod corpus_scale;
mod data_claim;
mod data_countries;
mod data_import;
mod data_nato;
mod export_formats;
mod export_spacy;
mod hostile_input;
mod import;
mod kill_save;
mod learned_names;
mod ledger;
mod project_file;
mod roundtrip_formats;
mod workbook;
mod workflow;
