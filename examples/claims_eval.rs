//! Claim extraction scored against the bundled claims data
//! (`sample-data/claims`: real texts and the challenge set by phenomenon),
//! overall, on the development two thirds and on the held-out third
//! (every third article file in name order, every third challenge line,
//! set aside before the rules were written), and per phenomenon.
//!
//!     cargo run --release --no-default-features --example claims_eval [-- --errors]
//!
//! Prints `name value unit` lines.

use std::path::Path;

use dossier::annotate::eval::{Counts, evaluate, load_articles, load_challenge};

fn print(name: &str, c: &Counts) {
    println!("claims_{name}_precision {:.3} ratio", c.precision());
    println!("claims_{name}_recall {:.3} ratio", c.recall());
    println!("claims_{name}_f1 {:.3} ratio", c.f1());
}

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/claims");
    let challenge = load_challenge(&root.join("challenge.jsonl"))?;
    let articles = load_articles(&root.join("articles"))?;
    let all: Vec<_> = challenge.iter().chain(&articles).cloned().collect();
    let r = evaluate(&all);
    print("all", &r.overall);
    print("development", &r.development);
    print("held_out", &r.held_out);
    let a = evaluate(&articles);
    print("articles", &a.overall);
    print("articles_held_out", &a.held_out);
    let c = evaluate(&challenge);
    print("challenge", &c.overall);
    print("challenge_held_out", &c.held_out);
    for (group, counts) in &c.by_group {
        println!("claims_phenomenon_{group}_f1 {:.3} ratio", counts.f1());
    }
    if std::env::args().any(|a| a == "--errors") {
        for (id, counts) in &r.errors {
            eprintln!("{id}: {counts:?}");
        }
    }
    Ok(())
}
