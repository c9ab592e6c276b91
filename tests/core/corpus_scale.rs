//! Corpus scale: linear passes over long documents, `dossier annotate` as a
//! stream and on every core, one output per input, special files, and the
//! annotated formats on the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dossier::export::{Scope, jsonl};
use dossier::import::Article;
use dossier::model::DocumentMeta;
use serde_json::Value;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/articles")
        .join(name)
}

fn seed_text() -> String {
    std::fs::read_to_string(sample("00_seed.txt")).unwrap()
}

/// The sample articles one after another until `bytes` long: a report or a
/// transcript pasted as one article.
fn long_text(bytes: usize) -> String {
    let mut texts: Vec<PathBuf> = std::fs::read_dir(sample(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let texts: Vec<String> = texts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut out = String::new();
    for t in texts.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// What `dossier annotate` does with one article, in this process.
fn annotate_whole(text: &str) -> usize {
    let article = Article {
        meta: DocumentMeta::default(),
        text: text.to_owned(),
    };
    let project = dossier::stream::annotate_article(article, 1, &[]);
    let mut out = Vec::new();
    jsonl::write_document(&mut out, &project, &project.documents[0], &Scope::default()).unwrap();
    out.len()
}

/// CPU time of this thread: other processes and tests running at the same
/// time do not count (wall time on a loaded machine did).
#[cfg(unix)]
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the struct it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

#[cfg(not(unix))]
fn thread_cpu() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

fn timed(f: impl Fn()) -> Duration {
    let t = thread_cpu();
    f();
    thread_cpu().saturating_sub(t)
}

/// Every pass is linear: eight times the text takes about eight times as
/// long, far from the 64 of a quadratic pass. Timed in CPU time of this
/// thread, the least of three interleaved runs each; the ceiling (20) is
/// generous for a debug build on a loaded machine. Before the fix this
/// ratio was over 50.
#[test]
fn annotation_time_grows_linearly_with_the_length_of_an_article() {
    let small = long_text(60_000);
    let large = long_text(8 * 60_000);
    annotate_whole(&small);
    let (mut t1, mut t8) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        t1 = t1.min(timed(|| {
            annotate_whole(&small);
        }));
        t8 = t8.min(timed(|| {
            annotate_whole(&large);
        }));
    }
    let ratio = t8.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    assert!(
        ratio < 20.0,
        "8× the text took {ratio:.1}× as long ({t1:?} → {t8:?})"
    );
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = dossier()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn lines_of(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn standard_input_gives_one_line_per_record_in_order_and_goes_on_after_a_bad_one() {
    let seed = seed_text();
    let mut input = String::new();
    let mut texts = Vec::new();
    for i in 0..40 {
        // The same text several times, each its own record.
        let text = if i % 4 == 0 {
            seed.clone()
        } else {
            format!(
                "Poland will spend {i}.5% of GDP on defence in 2026, said Minister Kosiniak-Kamysz."
            )
        };
        let record = if i % 2 == 0 {
            serde_json::json!({"id": format!("r{i}"), "text": text})
        } else {
            serde_json::json!({"text": text, "title": "untitled"})
        };
        input.push_str(&record.to_string());
        input.push('\n');
        texts.push(text);
        if i == 10 {
            input.push_str("{\"text\": broken\n");
            input.push_str("[1, 2]\n");
            input.push('\n');
        }
    }
    let out = run_with_stdin(&["annotate", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 12: not valid JSON"), "{stderr}");
    assert!(
        stderr.contains("line 13: expected a JSON object"),
        "{stderr}"
    );
    let lines = lines_of(&out.stdout);
    assert_eq!(lines.len(), 40);
    for (i, (line, text)) in lines.iter().zip(&texts).enumerate() {
        assert_eq!(line["text"], text.as_str(), "record {i}");
        // Its own id, or its line number.
        let line_no = if i <= 10 { i + 1 } else { i + 4 };
        let id = if i % 2 == 0 {
            format!("r{i}")
        } else {
            line_no.to_string()
        };
        assert_eq!(line["id"], id.as_str());
        assert!(line["path"].is_null());
    }
    // Identical texts give identical annotations.
    assert_eq!(lines[0]["entities"], lines[4]["entities"]);
    assert!(!lines[0]["entities"].as_array().unwrap().is_empty());

    // The same records from a later line of a larger stream (as one Spark
    // partition gives them): ids and messages name lines of that stream.
    let out = run_with_stdin(&["annotate", "-", "--first-line", "101"], input.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 112: not valid JSON"), "{stderr}");
    assert_eq!(lines_of(&out.stdout)[1]["id"], "102");
}

#[test]
fn standard_input_as_plain_lines() {
    let input = "Poland will spend 4.1% of GDP on defence, said Minister Kosiniak-Kamysz.\n\
                 \n\
                 NATO allies met in Brussels on Tuesday.\r\n";
    let out = run_with_stdin(&["annotate", "-", "--lines"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = lines_of(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["text"], "NATO allies met in Brussels on Tuesday.");
    assert_eq!(lines[1]["id"], "3");
    assert!(!lines[0]["claims"].as_array().unwrap().is_empty());
}

/// Each line is written as soon as its record is done, not when the input
/// ends: a consumer of the stream sees it at once.
#[test]
fn standard_input_is_a_filter_that_flushes_every_record() {
    use std::io::{BufRead, BufReader};
    let mut child = dossier()
        .args(["annotate", "-", "--lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for i in 0..3 {
        writeln!(stdin, "Poland will spend {i}.2% of GDP on defence.").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], (i + 1).to_string());
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn every_input_gives_a_line_without_save_and_a_repeat_is_named_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    let seed = seed_text();
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(folder.join(name), &seed).unwrap();
    }
    std::fs::write(folder.join("d.txt"), "NATO allies met in Brussels.").unwrap();
    let out = dossier().arg("annotate").arg(&folder).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = lines_of(&out.stdout);
    assert_eq!(lines.len(), 4);
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert!(
        paths[0].ends_with("a.txt") && paths[3].ends_with("d.txt"),
        "{paths:?}"
    );
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert_eq!(lines[0]["entities"], lines[2]["entities"]);

    // With --save the repeats are not added again, and are named.
    let project = dir.path().join("p.dossier");
    let out = dossier()
        .arg("annotate")
        .arg(&folder)
        .arg("--save")
        .arg(&project)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 given twice, added once"), "{stderr}");
    let out = dossier()
        .arg("annotate")
        .arg(folder.join("b.txt"))
        .arg("--save")
        .arg(&project)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b.txt: its text is already in") && stderr.contains("not added again"),
        "{stderr}"
    );
}

/// The order of the output is the order of the input, however the work is
/// shared among the cores; and each article gives what it gives alone.
#[test]
fn a_folder_comes_out_in_order_and_each_line_as_its_article_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..30 {
        let text = if i % 7 == 3 {
            long_text(20_000)
        } else {
            format!(
                "Article {i}. Germany will spend {i}.1% of GDP on defence, said Boris Pistorius.\n"
            )
        };
        let p = dir.path().join(format!("{i:03}.txt"));
        std::fs::write(&p, &text).unwrap();
        expected.push((p, text));
    }
    let out = dossier().arg("annotate").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let lines = lines_of(&out.stdout);
    assert_eq!(lines.len(), expected.len());
    for (line, (_, text)) in lines.iter().zip(&expected) {
        assert_eq!(line["text"], text.as_str());
    }
    let alone = dossier()
        .arg("annotate")
        .arg(&expected[3].0)
        .output()
        .unwrap();
    let alone = lines_of(&alone.stdout);
    assert_eq!(alone[0]["entities"], lines[3]["entities"]);
    assert_eq!(alone[0]["quotes"], lines[3]["quotes"]);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_and_skipped_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads the path it is given.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    std::fs::write(dir.path().join("a.txt"), seed_text()).unwrap();

    let start = Instant::now();
    let out = dossier().arg("annotate").arg(&fifo).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is a named pipe, not a file"), "{stderr}");

    let out = dossier().arg("annotate").arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(lines_of(&out.stdout).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pipe.txt: skipped: a named pipe"),
        "{stderr}"
    );
    let report = dossier::import::read_paths(&[dir.path()]);
    assert_eq!(report.articles.len(), 1);
    assert_eq!(report.skipped, [fifo]);
    // Nothing waited for a writer that never comes.
    assert!(start.elapsed() < Duration::from_secs(60));
}

/// The command line reads the annotated formats as File ▸ Import
/// Annotations does: by content, with their annotations. Each export is
/// cut down to its first entity, so that reading it back (one entity) is
/// told apart from annotating its text afresh (dozens).
#[test]
fn export_and_annotate_save_read_annotated_corpora() {
    let dir = tempfile::tempdir().unwrap();
    let article = sample("00_seed.txt");
    let tasks = dir.path().join("tasks.json");
    let brat = dir.path().join("brat");
    let annotated = dir.path().join("annotated.jsonl");
    for (format, out) in [
        ("labelstudio", &tasks),
        ("brat", &brat),
        ("jsonl", &annotated),
    ] {
        let o = dossier()
            .arg("export")
            .arg(&article)
            .args(["--format", format, "-o"])
            .arg(out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let mut reference = lines_of(&std::fs::read(&annotated).unwrap()).remove(0);
    let first = reference["entities"][0].clone();
    let want = (
        first["start"].as_u64().unwrap(),
        first["end"].as_u64().unwrap(),
        first["label"].as_str().unwrap().to_owned(),
    );
    // Only the first entity in each.
    reference["entities"] = serde_json::json!([first]);
    reference["quotes"] = serde_json::json!([]);
    reference["claims"] = serde_json::json!([]);
    std::fs::write(&annotated, format!("{reference}\n")).unwrap();
    let mut ls: Value = serde_json::from_slice(&std::fs::read(&tasks).unwrap()).unwrap();
    let results = ls[0]["predictions"][0]["result"].as_array_mut().unwrap();
    let keep = results
        .iter()
        .find(|r| r["type"] == "labels")
        .unwrap()
        .clone();
    *results = vec![keep];
    std::fs::write(&tasks, ls.to_string()).unwrap();
    let ann = std::fs::read_dir(&brat)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ann"))
        .unwrap();
    let first_t = std::fs::read_to_string(&ann)
        .unwrap()
        .lines()
        .find(|l| l.starts_with('T'))
        .unwrap()
        .to_owned();
    std::fs::write(&ann, format!("{first_t}\n")).unwrap();

    let entities = |v: &Value| -> Vec<(u64, u64, String)> {
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["start"].as_u64().unwrap(),
                    e["end"].as_u64().unwrap(),
                    e["label"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    for input in [&tasks, &brat, &annotated] {
        let out = dir.path().join("again.jsonl");
        let o = dossier()
            .arg("export")
            .arg(input)
            .args(["--format", "jsonl", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{}: {}",
            input.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let got = lines_of(&std::fs::read(&out).unwrap());
        assert_eq!(got.len(), 1, "{}", input.display());
        assert_eq!(
            entities(&got[0]),
            std::slice::from_ref(&want),
            "{}",
            input.display()
        );
    }
    // annotate --save adds the tasks with their annotations.
    let project = dir.path().join("p.dossier");
    let o = dossier()
        .arg("annotate")
        .arg(&tasks)
        .arg("--save")
        .arg(&project)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = lines_of(&o.stdout);
    assert_eq!(entities(&got[0]), [want]);
    let p = dossier::project::load(&project).unwrap();
    assert_eq!(p.documents.len(), 1);
    assert_eq!(p.documents[0].annotations().len(), 1);
}

#[test]
fn ordered_map_keeps_the_order_and_stops_at_a_failing_sink() {
    let mut seen = Vec::new();
    dossier::stream::ordered_map(
        0..500u64,
        4,
        6,
        |i| {
            // Later items often finish first.
            std::thread::sleep(Duration::from_micros((i * 7919) % 500));
            i * 2
        },
        &mut |r| {
            seen.extend(r);
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());

    let mut n = 0;
    let e = dossier::stream::ordered_map(0..u64::MAX, 2, 4, |i| i, &mut |r| {
        n += usize::from(r.is_some());
        if n == 10 {
            Err(std::io::Error::other("reader went away"))
        } else {
            Ok(())
        }
    })
    .unwrap_err();
    assert_eq!(e.to_string(), "reader went away");
}

#[test]
fn standard_input_is_read_alone_and_without_save() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.dossier");
    for (args, message) in [
        (
            vec!["annotate", "-", "--save", project.to_str().unwrap()],
            "--save takes files and folders",
        ),
        (
            vec!["annotate", "-", sample("00_seed.txt").to_str().unwrap()],
            "is read alone",
        ),
        (
            vec![
                "annotate",
                sample("00_seed.txt").to_str().unwrap(),
                "--lines",
            ],
            "--lines is for standard input",
        ),
    ] {
        let out = run_with_stdin(&args, b"{\"text\": \"NATO\"}\n");
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
    assert!(!project.exists());
}

/// A page nested 100,000 `<div>`s deep (the tree builder took 53 s) opens
/// from the command line at once, with its text.
#[test]
fn a_deeply_nested_page_is_annotated_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(100_000));
    html.push_str("NATO allies met in Brussels.</body></html>");
    std::fs::write(&page, html).unwrap();
    let start = Instant::now();
    let out = dossier().arg("annotate").arg(&page).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = lines_of(&out.stdout);
    assert_eq!(lines[0]["text"], "NATO allies met in Brussels.\n");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn annotate_suggests_afresh_on_json_lines_that_carry_gold_claims() {
    // An evaluation set: the record's claims are the answer, not input.
    // The claim stated is Poland's; the gold line deliberately says
    // Germany, so an echo of the gold would show.
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.jsonl");
    let record = serde_json::json!({
        "id": "pln-x",
        "text": "Poland spent 4.12% of its gross domestic product on defence in 2024.",
        "claims": [{"start": 7, "end": 60, "country": "Germany", "iso3": "DEU", "year": 2024, "value": 9.9, "unit": "pct_gdp"}]
    });
    std::fs::write(&set, format!("{record}\n")).unwrap();
    let o = dossier().arg("annotate").arg(&set).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = lines_of(&o.stdout);
    assert_eq!(got.len(), 1);
    let claims = got[0]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["country"], "Poland");
    assert_eq!(claims[0]["origin"], "automatic");
    // The evidence says why: the predicate and the year, as words.
    assert_eq!(claims[0]["evidence"]["predicate"]["text"], "spent");
    assert_eq!(claims[0]["evidence"]["year"]["text"], "2024");
    assert_eq!(claims[0]["evidence"]["country_from"]["text"], "its");
}
