//! Work survives a process killed at any moment.
//!
//! Each round starts a child process (this test binary, running one of the
//! `#[ignore]`d children below) that saves a large project over and over,
//! kills it with SIGKILL (`Child::kill`) after a random delay, and checks
//! what is on disk: the project file must be whole and equal to one of the
//! versions the child was writing, never truncated or mixed, and its backup
//! must be readable too. The same for the autosave's recovery file.
//!
//! `DOSSIER_KILL_ROUNDS` sets the number of rounds (default 40 and 15, to
//! keep `cargo test` quick); the closing note of issue 6 reports a long run.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use dossier::edit::Command as Edit;
use dossier::model::{Annotation, AnnotationKind, Document, DocumentMeta, Origin, Project, Status};
use dossier::project;
use dossier::recovery::{Autosaver, RecoveryHeader, RecoveryStore};
use dossier::text::Span;

const CHILD_DIR: &str = "DOSSIER_KILL_TEST_DIR";

/// A project of `docs` articles with an entity on every name; `variant`
/// changes the name and which spans are accepted so that two versions of
/// the same size differ throughout.
fn large_project(variant: u32, docs: usize) -> Project {
    let mut p = Project::new(format!("Kill test — version {variant}"));
    let sentence = "“We will not be intimidated,” said Małgorzata Kidawa-Błońska in Kraków — \
                    Poland spends 4.1% of GDP on defence 🛡️. ";
    for i in 0..docs {
        let text = sentence.repeat(12);
        let id = p.fresh_doc_id();
        p.documents.push(Document::new(
            id,
            DocumentMeta {
                title: format!("Dispatch {i} (v{variant})"),
                ..Default::default()
            },
            text.clone(),
        ));
        let name = "Małgorzata Kidawa-Błońska";
        let annotations = text
            .match_indices(name)
            .map(|(start, _)| Annotation {
                id: p.fresh_annotation_id(),
                span: Span::new(start, start + name.len()),
                kind: AnnotationKind::Entity {
                    label: "PERSON".into(),
                    entity: None,
                },
                origin: Origin::Automatic,
                status: if (start as u32 + variant).is_multiple_of(2) {
                    Status::Accepted
                } else {
                    Status::Suggested
                },
            })
            .collect::<Vec<_>>();
        Edit::AddAnnotations {
            doc: id,
            annotations,
        }
        .apply(&mut p)
        .unwrap();
    }
    p
}

fn rounds(default: usize) -> usize {
    std::env::var("DOSSIER_KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// Starts `child` (a test in this binary) and waits for its `READY <ms>`
/// line: the time one write takes, to aim the kills.
fn spawn_child(child: &str, dir: &Path) -> (Child, u64) {
    let mut c = Command::new(std::env::current_exe().unwrap())
        .args([
            child,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = c.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let ms = loop {
        let line = lines
            .next()
            .expect("child ended before it was ready")
            .unwrap();
        // libtest prints the test's name on the same line.
        if let Some((_, ms)) = line.split_once("READY ") {
            break ms.trim().parse().unwrap();
        }
    };
    // Keep reading so that the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (c, ms)
}

/// A small deterministic generator for the kill delays.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_project_whole() {
    let versions = [large_project(1, 120), large_project(2, 120)];
    let mut rng = Lcg(0x5eed);
    let (mut old_or_new, mut leftovers) = ([0usize; 2], 0usize);
    let rounds = rounds(40);
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, ms) = spawn_child("kill_save::saver_child", dir.path());
        std::thread::sleep(Duration::from_micros(rng.below(ms * 3000)));
        child.kill().unwrap();
        child.wait().unwrap();

        let path = dir.path().join("work.dossier");
        let loaded = project::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: the project is damaged: {e}"));
        let which = versions
            .iter()
            .position(|v| *v == loaded)
            .unwrap_or_else(|| panic!("round {round}: the project is neither version"));
        old_or_new[which] += 1;
        let bak = project::backup_path(&path);
        if bak.exists() {
            let b = project::load(&bak)
                .unwrap_or_else(|e| panic!("round {round}: the backup is damaged: {e}"));
            assert!(versions.contains(&b), "round {round}: backup is neither");
        }
        leftovers += std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
    }
    eprintln!(
        "kill_save: {rounds} kills, project whole every time (version 1: {}, version 2: {}), {leftovers} temporary file(s) left by killed saves",
        old_or_new[0], old_or_new[1]
    );
}

/// The child: writes the two versions in turn, forever.
#[test]
#[ignore = "a child process of the kill test"]
fn saver_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let path = Path::new(&dir).join("work.dossier");
    let versions = [large_project(1, 120), large_project(2, 120)];
    let start = std::time::Instant::now();
    project::save(&versions[0], &path).unwrap();
    println!("READY {}", start.elapsed().as_millis().max(1));
    for i in 1.. {
        project::save(&versions[i % 2], &path).unwrap();
    }
}

#[test]
fn an_autosave_killed_at_any_moment_leaves_whole_work_to_restore() {
    let mut rng = Lcg(0xa5a5);
    let rounds = rounds(15);
    let mut restored = 0;
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, ms) = spawn_child("kill_save::autosave_child", dir.path());
        std::thread::sleep(Duration::from_micros(rng.below(ms * 3000)));
        child.kill().unwrap();
        child.wait().unwrap();

        let store = RecoveryStore::in_data_dir(dir.path());
        let orphans = store.orphans();
        assert_eq!(orphans.len(), 1, "round {round}: the work is offered");
        let o = &orphans[0];
        let p = o
            .load()
            .unwrap_or_else(|e| panic!("round {round}: recovery damaged: {e}"));
        assert_eq!(p.documents.len(), o.header.documents, "round {round}");
        assert_eq!(
            p,
            large_project(o.header.revision as u32, o.header.documents)
        );
        restored += 1;
    }
    eprintln!("kill_save: {rounds} autosaves killed, {restored} restored whole");
}

/// The child: an autosaver fed a new version of the work continuously.
#[test]
#[ignore = "a child process of the kill test"]
fn autosave_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let store = RecoveryStore::in_data_dir(Path::new(&dir));
    let session = store.start_session().unwrap();
    let start = std::time::Instant::now();
    let first = large_project(1, 60);
    session
        .write(&RecoveryHeader::new(&first, None, 1), &first)
        .unwrap();
    println!("READY {}", start.elapsed().as_millis().max(1));
    let saver = Autosaver::new(session);
    for revision in 2u64.. {
        // Sizes change with the revision so that a torn file cannot pass.
        let p = large_project(revision as u32, 40 + (revision as usize % 40));
        saver.submit(RecoveryHeader::new(&p, None, revision), p);
        std::thread::sleep(Duration::from_millis(5));
    }
}
