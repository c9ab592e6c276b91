//! `dossier annotate`, run as a user runs it.

use std::path::Path;
use std::process::Command;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn seed() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles/00_seed.txt")
}

#[test]
fn annotate_writes_the_jsonl_contract() {
    let out = dossier().arg("annotate").arg(seed()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let text = std::fs::read_to_string(seed()).unwrap();
    assert_eq!(v["text"], text.as_str());
    assert_eq!(
        v["title"],
        "U.S. and Poland strengthen defense ties amid NATO spending push"
    );
    assert_eq!(v["text_sha256"].as_str().unwrap().len(), 64);
    for key in ["id", "path", "entities", "quotes", "claims"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    // Every offset is a code point offset into `text`.
    let chars: Vec<char> = text.chars().collect();
    for e in v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["quotes"].as_array().unwrap())
    {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..t].iter().collect::<String>(),
            e["text"].as_str().unwrap()
        );
    }
}

#[test]
fn annotate_save_adds_to_a_project_and_bad_inputs_fail_loudly() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("work.dossier");
    let missing = dir.path().join("missing.txt");
    let out_file = dir.path().join("out.jsonl");
    let out = dossier()
        .arg("annotate")
        .arg(&missing)
        .arg(seed())
        .arg("-o")
        .arg(&out_file)
        .arg("--save")
        .arg(&project)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad input makes the exit status non-zero"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("missing.txt") && stderr.contains("no such file"),
        "{stderr}"
    );
    // The good input is still written and saved.
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap().lines().count(),
        1
    );
    let p = dossier::project::load(&project).unwrap();
    assert_eq!(p.documents.len(), 1);
    // A second run adds to the same project.
    let out = annotate_save(&other_article(), &project);
    assert!(out.status.success());
    assert_eq!(dossier::project::load(&project).unwrap().documents.len(), 2);
    assert!(dossier::project::backup_path(&project).exists());
    // The same article again is not added twice; its line still comes out.
    let out = annotate_save(&seed(), &project);
    assert!(out.status.success());
    assert_eq!(dossier::project::load(&project).unwrap().documents.len(), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 already there"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("U.S. and Poland strengthen defense ties"));
}

/// `dossier annotate ARTICLE --save PROJECT`, run to the end.
fn annotate_save(article: &Path, project: &Path) -> std::process::Output {
    dossier()
        .arg("annotate")
        .arg(article)
        .arg("--save")
        .arg(project)
        .output()
        .unwrap()
}

fn other_article() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/articles/08_dod-mattis-salutes-poland-2pct.txt")
}

#[test]
fn annotate_reads_a_project_as_input() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.dossier");
    assert!(
        dossier()
            .arg("annotate")
            .arg(seed())
            .arg("--save")
            .arg(&project)
            .output()
            .unwrap()
            .status
            .success()
    );
    // The analyst's own work in the project is what comes out.
    let mut p = dossier::project::load(&project).unwrap();
    let doc = p.documents[0].id;
    let first = p.documents[0].annotations()[0].clone();
    let accepted = dossier::model::Annotation {
        status: dossier::model::Status::Accepted,
        ..first
    };
    let mut editor = dossier::edit::Editor::new(p.clone());
    editor
        .execute(dossier::edit::Command::UpdateAnnotations {
            doc,
            annotations: vec![accepted],
        })
        .unwrap();
    p = editor.project().clone();
    dossier::project::save(&p, &project).unwrap();
    let out = dossier()
        .arg("annotate")
        .arg(&project)
        .arg(other_article())
        .arg(seed())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Without --save every input gives its line: the project's document,
    // the new article, and the seed again as an article of its own (its
    // text is the project's document's, but it is an input too).
    assert_eq!(
        lines.len(),
        3,
        "the project's document, the new article, the seed"
    );
    assert_eq!(
        lines[1]["title"],
        "Mattis Salutes Poland for Its Support of NATO"
    );
    assert_eq!(lines[2]["text"], lines[0]["text"]);
    assert_ne!(lines[2]["id"], lines[0]["id"]);
    let statuses: Vec<&str> = lines[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"accepted"),
        "the project's annotations, not fresh suggestions"
    );
}

#[test]
fn annotate_save_refuses_a_project_another_window_is_editing() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("shared.dossier");
    let first = dossier()
        .args(["annotate", "--save"])
        .arg(&project)
        .arg(seed())
        .output()
        .unwrap();
    assert!(first.status.success());
    let before = std::fs::read(&project).unwrap();

    let window = dossier::project::ProjectLock::acquire(&project).unwrap();
    let out = dossier()
        .args(["annotate", "--save"])
        .arg(&project)
        .arg(seed())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("shared.dossier is open in another Dossier window"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), before, "left untouched");
    drop(window);
    assert!(
        dossier()
            .args(["annotate", "--save"])
            .arg(&project)
            .arg(seed())
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[test]
fn a_damaged_project_is_reported_with_its_line_and_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("brief.dossier");
    for _ in 0..2 {
        let ok = dossier()
            .args(["annotate", "--save"])
            .arg(&project)
            .arg(seed())
            .output()
            .unwrap();
        assert!(ok.status.success());
    }
    let bytes = std::fs::read(&project).unwrap();
    let cut = &bytes[..bytes.len() * 2 / 3];
    std::fs::write(&project, cut).unwrap();
    let out = dossier().arg("annotate").arg(&project).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let line = cut.iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(
        stderr.contains(&format!("brief.dossier:{line}:")),
        "names the file and line {line}: {stderr}"
    );
    assert!(stderr.contains("A readable backup"), "{stderr}");
    assert!(stderr.contains("brief.dossier.bak"), "{stderr}");
    assert_eq!(std::fs::read(&project).unwrap(), cut, "left untouched");
}

/// `-o /dev/stdout` with standard output appended to a log: the run's JSON
/// joins the log; the log is neither replaced nor overwritten from its
/// start (the output used to be renamed over whatever /dev/stdout named).
#[cfg(target_os = "linux")]
#[test]
fn output_to_dev_stdout_appends_to_where_stdout_goes() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("run.log");
    std::fs::write(&log, "before\n").unwrap();
    let stdout = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let status = dossier()
        .arg("annotate")
        .arg(seed())
        .arg("-o")
        .arg("/dev/stdout")
        .stdout(stdout)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("before"));
    let v: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert!(v["entities"].as_array().is_some_and(|e| !e.is_empty()));
    assert_eq!(lines.next(), None);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "no temporary file or backup beside the log");
}
