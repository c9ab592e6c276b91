//! Corpus scale: whether annotation stays linear in a document's length, how
//! fast the whole `dossier annotate` process goes on all cores, and how much
//! memory a long stream takes.
//!
//!     cargo build --release --no-default-features --bin dossier
//!     cargo run --release --no-default-features --example scale_bench
//!     cargo run --release --no-default-features --example scale_bench -- --stream-mb 2048
//!     cargo run --release --no-default-features --example scale_bench -- --corpus-only
//!
//! Prints `name value unit` lines:
//!
//! - `engine_s_per_mb_<size>` and `annotate_s_per_mb_<size>`: seconds per MB
//!   for one article of 0.2, 2 and 20 MB, the engine alone (`find`) and the
//!   whole work of `dossier annotate` on it (findings joined to the
//!   document, the JSON line written); `annotate_per_mb_ratio_20_to_0.2` is
//!   the linearity figure (1 is perfectly linear; the bar is 1.5).
//! - `engine_mb_per_s_corpus`: the engine on one core over a 10 MB corpus of
//!   3 KB articles; `annotate_whole_mb_per_s_corpus`: all the work of
//!   `dossier annotate` on those articles, on one core, without reading
//!   files; `process_mb_per_s_corpus`: the `dossier` binary (beside
//!   this example in `target/release`) annotating the same corpus as a folder
//!   of files into `-o out.jsonl`, start to exit.
//! - `article_18mb_seconds` and `article_18mb_peak_rss_mb`: the binary on one
//!   18 MB single-line article.
//! - `stream_peak_rss_mb`: the binary's peak RSS for `dossier annotate -` on
//!   a JSON Lines stream of `--stream-mb` MB (default 256) piped in.

#[path = "support/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use dossier::annotate::{Context, find};
use dossier::export::{Scope, jsonl};
use dossier::import::Article;
use dossier::model::DocumentMeta;

const MB: f64 = 1024.0 * 1024.0;

fn main() {
    let stream_mb: usize = std::env::args()
        .skip_while(|a| a != "--stream-mb")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);

    // `--dump DIR` writes the inputs (the three articles, the corpus as a
    // folder and as JSON Lines) for timing another build of the binary.
    if let Some(dir) = std::env::args().skip_while(|a| a != "--dump").nth(1) {
        dump(Path::new(&dir));
        return;
    }

    // Warm the gazetteer automaton.
    let _ = find("NATO", &Context::default());

    let corpus_only = std::env::args().any(|a| a == "--corpus-only");
    let mut per_mb = Vec::new();
    for (name, bytes) in [("0.2mb", 200_000), ("2mb", 2_000_000), ("20mb", 20_000_000)] {
        if corpus_only {
            break;
        }
        let text = long_article(bytes);
        let mb = text.len() as f64 / MB;
        let t = Instant::now();
        let findings = find(&text, &Context::default()).len();
        let engine = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let line = annotate_line(text);
        let whole = t.elapsed().as_secs_f64();
        println!(
            "# {name}: {mb:.2} MB, {findings} findings, output {:.1} MB",
            line as f64 / MB
        );
        println!("engine_s_per_mb_{name} {:.4} s/MB", engine / mb);
        println!("annotate_s_per_mb_{name} {:.4} s/MB", whole / mb);
        per_mb.push(whole / mb);
    }
    if let [small, _, large] = per_mb[..] {
        println!("annotate_per_mb_ratio_20_to_0.2 {:.2} ratio", large / small);
    }

    let texts = corpus::articles(7, 10 * 1024 * 1024 / 3072, 3072);
    let run = corpus::annotate_all(&texts);
    println!("engine_mb_per_s_corpus {:.1} MB/s", run.mb_per_s());
    // The whole work of `dossier annotate` on each article (findings joined
    // to the document, the line written), on this one thread.
    let t = Instant::now();
    let out_bytes: usize = texts.iter().map(|t| annotate_line(t.clone())).sum();
    println!(
        "annotate_whole_mb_per_s_corpus {:.1} MB/s",
        run.megabytes / t.elapsed().as_secs_f64()
    );
    println!("# output {:.1} MB", out_bytes as f64 / MB);

    let Some(bin) = dossier_binary() else {
        println!(
            "# no target/release/dossier beside this example: build it for the process figures"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).expect("corpus folder");
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(folder.join(format!("{i:05}.txt")), t).expect("writing the corpus");
    }
    let out = dir.path().join("out.jsonl");
    // The corpus just written is still being written back to the disk; the
    // command's own fsync of its output would wait for that too.
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
    let (secs, _) = run_binary(
        &bin,
        &[path_arg(&folder), "-o".into(), path_arg(&out)],
        None,
    );
    println!("process_mb_per_s_corpus {:.1} MB/s", run.megabytes / secs);
    if corpus_only {
        return;
    }

    let big = dir.path().join("big.txt");
    let mut text = long_article(18 * 1024 * 1024).replace('\n', " ");
    text.push('\n');
    std::fs::write(&big, &text).expect("writing the 18 MB article");
    let (secs, rss) = run_binary(&bin, &[path_arg(&big), "-o".into(), path_arg(&out)], None);
    println!("article_18mb_seconds {secs:.2} s");
    println!("article_18mb_peak_rss_mb {:.0} MB", rss as f64 / 1024.0);

    let (secs, rss) = run_binary(&bin, &["-".into()], Some((stream_mb, &texts)));
    println!("# stream of {stream_mb} MB in {secs:.1} s");
    println!(
        "stream_mb_per_s {:.1} MB/s",
        stream_mb as f64 / secs.max(1e-9)
    );
    println!("stream_peak_rss_mb {:.0} MB", rss as f64 / 1024.0);
}

fn dump(dir: &Path) {
    let corpus_dir = dir.join("corpus");
    std::fs::create_dir_all(&corpus_dir).expect("creating the folder");
    for (name, bytes) in [("0.2mb", 200_000), ("2mb", 2_000_000), ("20mb", 20_000_000)] {
        std::fs::write(dir.join(format!("article_{name}.txt")), long_article(bytes))
            .expect("writing an article");
    }
    let mut big = long_article(18 * 1024 * 1024).replace('\n', " ");
    big.push('\n');
    std::fs::write(dir.join("article_18mb_one_line.txt"), big).expect("writing an article");
    let texts = corpus::articles(7, 10 * 1024 * 1024 / 3072, 3072);
    let mut jsonl = String::new();
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(corpus_dir.join(format!("{i:05}.txt")), t).expect("writing the corpus");
        jsonl.push_str(&serde_json::json!({"id": format!("a{i}"), "text": t}).to_string());
        jsonl.push('\n');
    }
    std::fs::write(dir.join("corpus.jsonl"), jsonl).expect("writing the corpus");
}

/// One article of about `bytes` bytes, as the generated corpus writes them.
fn long_article(bytes: usize) -> String {
    let mut rng = corpus::Rng::new(11);
    corpus::article(&mut rng, bytes, corpus::Density::News)
}

/// The work `dossier annotate` does for one article after reading it; the
/// length of its output line.
fn annotate_line(text: String) -> usize {
    let article = Article {
        meta: DocumentMeta::default(),
        text,
    };
    let project = dossier::stream::annotate_article(article, 1, &[]);
    let mut out = Vec::new();
    jsonl::write_document(&mut out, &project, &project.documents[0], &Scope::default())
        .expect("writing to memory");
    out.len()
}

fn dossier_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe.parent()?.parent()?.join("dossier");
    bin.is_file().then_some(bin)
}

fn path_arg(p: &Path) -> String {
    p.display().to_string()
}

/// Runs `dossier annotate ARGS`, feeding it `stream` (MB of JSON Lines made
/// from the corpus's articles) when given; wall seconds and peak RSS (KB).
fn run_binary(bin: &Path, args: &[String], stream: Option<(usize, &[String])>) -> (f64, i64) {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .arg("annotate")
        .args(args)
        .stdin(if stream.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .spawn()
        .expect("running dossier");
    let watcher = watch_peak_rss(child.id());
    if let Some((mb, texts)) = stream {
        let mut stdin = std::io::BufWriter::new(child.stdin.take().expect("piped"));
        let records: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut r = serde_json::json!({"id": format!("a{i}"), "text": t}).to_string();
                r.push('\n');
                r
            })
            .collect();
        let mut written = 0usize;
        'outer: loop {
            for r in &records {
                if written >= mb * 1024 * 1024 {
                    break 'outer;
                }
                stdin.write_all(r.as_bytes()).expect("feeding dossier");
                written += r.len();
            }
        }
        drop(stdin);
    }
    let status = child.wait().expect("waiting for dossier");
    let secs = start.elapsed().as_secs_f64();
    let rss = watcher.join().expect("the RSS watcher");
    assert!(
        status.success(),
        "dossier annotate {args:?} failed: {status}"
    );
    (secs, rss)
}

/// The child's peak RSS in KB, from `VmHWM` in `/proc/PID/status`, read
/// every 20 ms until the process is gone (0 where there is no `/proc`).
/// The rusage of a waited-for child counts this process's own RSS at the
/// fork before the exec, so it says nothing about a small child of a large
/// parent.
fn watch_peak_rss(pid: u32) -> std::thread::JoinHandle<i64> {
    std::thread::spawn(move || {
        let path = format!("/proc/{pid}/status");
        let mut peak = 0;
        while let Ok(status) = std::fs::read_to_string(&path) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok());
            match hwm {
                Some(kb) => peak = peak.max(kb),
                // A zombie has no memory left to report.
                None => break,
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        peak
    })
}
