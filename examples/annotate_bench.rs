//! Throughput of the annotation engine on one core.
//!
//! Builds a corpus of at least 10 MB from the sample articles, varied so
//! that no two copies are identical (names, numbers and paragraph order
//! change), annotates it article by article with `annotate::find`, and
//! prints `annotate_mb_per_s <value> MB/s`.
//!
//!     cargo run --release --no-default-features --example annotate_bench

use std::path::Path;
use std::time::Instant;

use dossier::annotate::{Context, find};

const TARGET_BYTES: usize = 10 * 1024 * 1024;

fn load_articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// A variant of `text`: paragraphs rotated, some names and numbers swapped,
/// so the corpus is not one article repeated.
fn vary(text: &str, n: usize) -> String {
    const SWAPS: [(&str, &str); 6] = [
        ("Poland", "Estonia"),
        ("Germany", "Norway"),
        ("Sweden", "Denmark"),
        ("2%", "2.5%"),
        ("Austin", "Hegseth"),
        ("Monday", "Friday"),
    ];
    let mut paras: Vec<&str> = text.lines().collect();
    if paras.len() > 2 {
        let k = n % (paras.len() - 1);
        paras[1..].rotate_left(k);
    }
    let mut out = paras.join("\n");
    let (from, to) = SWAPS[n % SWAPS.len()];
    out = out.replace(from, to);
    out.push_str(&format!(
        "\nFiled {} {} — item {n}.\n",
        ["Monday", "June 3, 2024", "last year"][n % 3],
        n % 97
    ));
    out
}

fn main() {
    let articles = load_articles();
    if articles.is_empty() {
        eprintln!("annotate_bench: no sample articles found");
        std::process::exit(1);
    }
    let mut corpus = Vec::new();
    let mut bytes = 0;
    let mut n = 0;
    while bytes < TARGET_BYTES {
        let t = vary(&articles[n % articles.len()], n / articles.len());
        bytes += t.len();
        corpus.push(t);
        n += 1;
    }
    let ctx = Context::default();
    // Warm up the gazetteer automaton outside the timing.
    let _ = find(&corpus[0], &ctx);
    let start = Instant::now();
    let mut findings = 0;
    for t in &corpus {
        findings += find(t, &ctx).len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "corpus {mb:.1} MB in {} documents, {findings} findings, {secs:.2} s",
        corpus.len()
    );
    println!("annotate_mb_per_s {:.1} MB/s", mb / secs);
}
