//! Throughput of the annotation engine on one core, without the GUI.
//!
//! Annotates about 10 MB of generated news articles (the corpus of the
//! `perf` example, see `support/corpus.rs`) article by article with
//! `annotate::find`, and prints `annotate_mb_per_s <value> MB/s`. The `perf`
//! example reports the same figure among the others; this one builds and
//! runs with `--no-default-features`.
//!
//!     cargo run --release --no-default-features --example annotate_bench

#[path = "support/corpus.rs"]
mod corpus;

/// Articles of about 3 KB, as in the `perf` import corpus.
const ARTICLE_BYTES: usize = 3 * 1024;
const TARGET_BYTES: usize = 10 * 1024 * 1024;

fn main() {
    let texts = corpus::articles(7, TARGET_BYTES / ARTICLE_BYTES, ARTICLE_BYTES);
    let run = corpus::annotate_all(&texts);
    println!(
        "corpus {:.1} MB in {} documents, {} findings, {:.2} s",
        run.megabytes,
        texts.len(),
        run.findings,
        run.seconds
    );
    println!("annotate_mb_per_s {:.1} MB/s", run.mb_per_s());
}
