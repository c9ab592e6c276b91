//! The performance figures of issue 7, measured on a generated corpus.
//!
//!     cargo run --release --example perf            # full size (a few minutes)
//!     cargo run --release --example perf -- --quick # scaled down, < 30 s
//!     cargo run --release --example perf -- --only article  # one group:
//!         article, chart, library or data (import to export, memory)
//!
//! Prints one line per figure, `name value unit`, on stdout; what was
//! measured (corpus sizes, annotation counts) goes to stderr.
//!
//! Frame times are CPU time (of the UI thread, on Unix; wall time elsewhere)
//! of one egui pass of the real `DossierApp`
//! (layout of every panel) plus tessellation, driven headlessly through
//! `egui::Context::run_ui` in a 1360×860 window, as `tests/gui.rs` drives it.
//! GPU upload and painting are not included: they depend on the driver, not
//! on Dossier.

#[path = "support/corpus.rs"]
mod corpus;

use std::path::Path;
use std::time::{Duration, Instant};

use dossier::annotate;
use dossier::chart::ChartKind;
use dossier::data::Measure;
use dossier::edit::{Command, Editor};
use dossier::export::{self, Format, Scope};
use dossier::import;
use dossier::model::{DocId, Document, DocumentMeta, Project};
use dossier::project;
use dossier::ui::{AppState, DossierApp};
use dossier::workflow;
use egui::epaint::{ClippedShape, Shape};
use egui::{Event, Pos2, RawInput, Rect, vec2};

const WINDOW: [f32; 2] = [1360.0, 860.0];
/// Frames run before timing starts: fonts, the glyph atlas and first layouts.
const WARM_UP: usize = 3;

/// How big each benchmark is.
struct Scale {
    /// The long article of the article frame benchmark, and the annotations
    /// on it.
    article_bytes: usize,
    article_annotations: usize,
    article_frames: usize,
    /// The import corpus: documents of about `doc_bytes` each. The same
    /// documents fill the library and the saved project.
    docs: usize,
    doc_bytes: usize,
    library_frames: usize,
    chart_frames: usize,
}

impl Scale {
    fn full() -> Self {
        Self {
            article_bytes: 1024 * 1024,
            article_annotations: 10_000,
            article_frames: 400,
            docs: 10_000,
            doc_bytes: 3 * 1024,
            library_frames: 300,
            chart_frames: 200,
        }
    }

    fn quick() -> Self {
        Self {
            article_bytes: 128 * 1024,
            article_annotations: 1_250,
            article_frames: 60,
            docs: 1_000,
            doc_bytes: 3 * 1024,
            library_frames: 60,
            chart_frames: 40,
        }
    }
}

fn figure(name: &str, value: f64, unit: &str) {
    println!("{name} {value:.3} {unit}");
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = args.as_slice()
        && flag == "--rss-of"
    {
        return rss_of(Path::new(path));
    }
    let quick = args.iter().any(|a| a == "--quick");
    // `--only article|library|chart|data`: one group, for profiling.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str);
    let run = |group: &str| only.is_none_or(|o| o == group);
    let scale = if quick { Scale::quick() } else { Scale::full() };
    // SAFETY: set before any other thread exists.
    unsafe { std::env::set_var("DOSSIER_NO_NATIVE_DIALOG", "1") };
    let dir = tempfile::tempdir()?;

    if run("article") {
        let frames = frame_article(&scale);
        report_frames("frame_article", &frames);
    }
    if run("chart") {
        let frames = frame_chart(&scale);
        report_frames("frame_chart", &frames);
    }
    if !run("data") && !run("library") {
        return Ok(());
    }

    // The import corpus, written as plain-text files.
    let texts = corpus::articles(42, scale.docs, scale.doc_bytes);
    let corpus_bytes: usize = texts.iter().map(String::len).sum();
    let articles_dir = dir.path().join("articles");
    std::fs::create_dir(&articles_dir)?;
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(articles_dir.join(format!("{i:05}.txt")), t)?;
    }
    eprintln!(
        "corpus: {} articles, {:.1} MB",
        texts.len(),
        mb(corpus_bytes)
    );

    let start = Instant::now();
    let report = import::read_paths(&[&articles_dir]);
    let secs = start.elapsed().as_secs_f64();
    anyhow::ensure!(
        report.articles.len() == texts.len() && report.errors.is_empty(),
        "import read {} of {} articles, {} errors",
        report.articles.len(),
        texts.len(),
        report.errors.len()
    );
    figure("import_mb_per_s", mb(corpus_bytes) / secs, "MB/s");
    figure("import_docs_per_s", texts.len() as f64 / secs, "docs/s");
    drop(report);

    let annotated = corpus::annotate_all(&texts);
    eprintln!("annotate: {} findings", annotated.findings);
    figure("annotate_mb_per_s", annotated.mb_per_s(), "MB/s");
    drop(texts);

    // The workflow of File > Open on the folder, then File > Save.
    let project_path = dir.path().join("corpus.dossier");
    let start = Instant::now();
    let mut editor = Editor::new(Project::new("corpus"));
    let outcome = workflow::open_paths(&mut editor, std::slice::from_ref(&articles_dir), false);
    let opened = start.elapsed();
    project::save(editor.project(), &project_path)?;
    let total = start.elapsed();
    anyhow::ensure!(
        outcome.added.len() == scale.docs && outcome.errors.is_empty(),
        "opened {} of {} articles: {:?}",
        outcome.added.len(),
        scale.docs,
        outcome.errors.first()
    );
    let annotations: usize = editor
        .project()
        .documents
        .iter()
        .map(|d| d.annotations().len())
        .sum();
    eprintln!(
        "project: {} documents, {annotations} annotations, {:.1} MB on disk; open + annotate {:.2} s",
        editor.project().documents.len(),
        mb(std::fs::metadata(&project_path)?.len() as usize),
        opened.as_secs_f64()
    );
    figure("open_annotate_save_s", total.as_secs_f64(), "s");

    let project = editor.project().clone();
    drop(editor);
    let start = Instant::now();
    project::save(&project, &dir.path().join("again.dossier"))?;
    figure("project_save_s", start.elapsed().as_secs_f64(), "s");
    let start = Instant::now();
    let reopened = project::load(&project_path)?;
    figure("project_open_s", start.elapsed().as_secs_f64(), "s");
    anyhow::ensure!(reopened == project, "the reopened project differs");
    drop(reopened);

    let ids: Vec<DocId> = project.documents.iter().map(|d| d.id).collect();
    let out = dir.path().join("corpus.jsonl");
    let start = Instant::now();
    export::export(
        &project,
        &ids,
        &Scope::default(),
        Format::Jsonl,
        &out,
        &|_, _| true,
    )?;
    let secs = start.elapsed().as_secs_f64();
    let written = std::fs::metadata(&out)?.len() as usize;
    eprintln!("export: {:.1} MB of JSON Lines", mb(written));
    figure("export_jsonl_mb_per_s", mb(written) / secs, "MB/s");

    // File > Import annotated… of that export into an empty project: the
    // whole corpus becomes one undoable command, its entities matched by name.
    let start = Instant::now();
    let corpus = import::annotated::import_annotated(&out, Format::Jsonl)?;
    let mut into = Project::new("imported");
    let command = import::annotated::corpus_command(&mut into, &corpus)
        .ok_or_else(|| anyhow::anyhow!("the export read back empty"))?;
    let mut editor = Editor::new(into);
    editor.execute(command)?;
    let secs = start.elapsed().as_secs_f64();
    let imported = editor.project();
    anyhow::ensure!(
        imported.documents.len() == project.documents.len(),
        "read back {} of {} documents",
        imported.documents.len(),
        project.documents.len()
    );
    eprintln!(
        "import annotated: {} documents, {} annotations, {} entities (exported {})",
        imported.documents.len(),
        imported
            .documents
            .iter()
            .map(|d| d.annotations().len())
            .sum::<usize>(),
        imported.entities.len(),
        project.entities.len()
    );
    figure(
        "import_annotated_docs_per_s",
        imported.documents.len() as f64 / secs,
        "docs/s",
    );
    drop(editor);
    let start = Instant::now();
    let (docs, entities) = import_many_entities(scale.docs);
    figure(
        "import_many_entities_s",
        start.elapsed().as_secs_f64(),
        &format!("s ({docs} documents naming {entities} entities)"),
    );

    if run("library") {
        let frames = frame_library(&scale, project);
        report_frames("frame_library", &frames);
    }

    // Peak memory in a fresh process, so that the benchmarks above do not
    // count.
    if !run("data") {
        return Ok(());
    }
    if cfg!(target_os = "linux") {
        let out = std::process::Command::new(std::env::current_exe()?)
            .arg("--rss-of")
            .arg(&project_path)
            .output()?;
        anyhow::ensure!(
            out.status.success(),
            "the memory probe failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        print!("{}", String::from_utf8_lossy(&out.stdout));
    } else {
        eprintln!("peak_rss_mb: skipped (VmHWM is read from /proc, Linux only)");
    }
    Ok(())
}

/// The memory probe: opens the project into the app state, draws a few
/// frames, and prints the high-water mark of the resident set.
fn rss_of(path: &Path) -> anyhow::Result<()> {
    let project = project::load(path)?;
    let mut app = app_with(project);
    let mut driver = Driver::new();
    for _ in 0..5 {
        driver.frame(&mut app, Vec::new());
    }
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no VmHWM in /proc/self/status"))?;
    figure("peak_rss_mb", kb / 1024.0, "MB");
    Ok(())
}

/// The app showing `project`, its first document open, as after File > Open
/// Project.
fn app_with(project: Project) -> DossierApp {
    let first = project.documents.first().map(|d| d.id);
    let mut app = DossierApp::empty();
    app.state = AppState::new(project);
    app.state.view.current = first;
    app
}

/// One headless window.
struct Driver {
    ctx: egui::Context,
    time: f64,
}

/// What a frame drew and how long it took.
struct Frame {
    cpu: Duration,
    shapes: Vec<ClippedShape>,
}

impl Driver {
    fn new() -> Self {
        Self {
            ctx: egui::Context::default(),
            time: 0.0,
        }
    }

    /// One pass of the app plus tessellation, timed together.
    fn frame(&mut self, app: &mut DossierApp, events: Vec<Event>) -> Frame {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW.into())),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let start = thread_cpu_time();
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        let shapes = output.shapes.clone();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let cpu = thread_cpu_time().saturating_sub(start);
        std::hint::black_box(primitives);
        Frame { cpu, shapes }
    }
}

/// CPU time used by this thread so far: a frame's cost without the time the
/// thread waited for a core (the benchmark machine is shared).
#[cfg(unix)]
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    assert!(
        ok,
        "CLOCK_THREAD_CPUTIME_ID is available on every Unix we build for"
    );
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Elsewhere, wall-clock time since the first call.
#[cfg(not(unix))]
fn thread_cpu_time() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The texts drawn inside `area`, top to bottom.
fn texts_in(shapes: &[ClippedShape], area: Rect) -> Vec<String> {
    fn walk(shape: &Shape, area: Rect, out: &mut Vec<(f32, String)>) {
        match shape {
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, area, out)),
            Shape::Text(t) if area.contains(t.pos) && !t.galley.job.text.trim().is_empty() => {
                out.push((t.pos.y, t.galley.job.text.clone()))
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for s in shapes {
        if s.clip_rect.intersects(area) {
            walk(&s.shape, area, &mut out);
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, t)| t).collect()
}

fn report_frames(name: &str, frames: &[Duration]) {
    let mut ms: Vec<f64> = frames.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    figure(&format!("{name}_p50_ms"), at(0.5), "ms");
    figure(&format!("{name}_p95_ms"), at(0.95), "ms");
    figure(&format!("{name}_max_ms"), at(1.0), "ms");
}

/// The article frame benchmark: a long article with many annotations,
/// scrolled from top to bottom a screenful at a time.
fn frame_article(scale: &Scale) -> Vec<Duration> {
    let mut rng = corpus::Rng::new(1);
    let text = corpus::article(&mut rng, scale.article_bytes, corpus::Density::Briefing);
    let findings = annotate::find(&text, &annotate::Context::default());
    // Every k-th finding, so that the annotations spread over the whole text.
    let step = (findings.len() / scale.article_annotations).max(1);
    let chosen: Vec<_> = findings
        .into_iter()
        .step_by(step)
        .take(scale.article_annotations)
        .collect();
    let mut project = Project::new("article");
    let id = project.fresh_doc_id();
    let meta = DocumentMeta {
        title: dossier::import::first_line_title(&text),
        ..Default::default()
    };
    let len = text.len();
    Command::AddDocuments(vec![Document::new(id, meta, text)])
        .apply(&mut project)
        .expect("a new document is accepted");
    if let Some(c) = annotate::findings_command(&mut project, id, chosen) {
        c.apply(&mut project).expect("fresh findings apply");
    }
    let doc = project.document(id).expect("added above");
    let last_paragraph = doc
        .text()
        .trim_end()
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .to_owned();
    eprintln!(
        "article: {:.2} MB, {} annotations",
        mb(len),
        doc.annotations().len()
    );
    let mut app = app_with(project);
    let mut driver = Driver::new();
    for _ in 0..WARM_UP {
        driver.frame(&mut app, Vec::new());
    }
    // The central column: right of the library, left of the inspector.
    let central = Rect::from_min_max(Pos2::new(270.0, 30.0), Pos2::new(1030.0, 830.0));
    let mut times = Vec::new();
    let mut firsts = std::collections::HashSet::new();
    let mut last_seen = Vec::new();
    for i in 0..=scale.article_frames {
        let byte = len * i / scale.article_frames;
        app.dispatch(dossier::ui::Action::Window(
            dossier::ui::WindowAction::Scroll(byte),
        ));
        let f = driver.frame(&mut app, Vec::new());
        times.push(f.cpu);
        let seen: Vec<String> = texts_in(&f.shapes, central)
            .into_iter()
            .filter(|t| t.len() > 80)
            .collect();
        if let Some(first) = seen.first() {
            firsts.insert(first.clone());
        }
        last_seen = seen;
    }
    assert!(
        firsts.len() > scale.article_frames / 2,
        "the article did not scroll: {} distinct first paragraphs in {} frames",
        firsts.len(),
        scale.article_frames
    );
    assert!(
        last_seen.contains(&last_paragraph),
        "the last frame does not show the end of the article"
    );
    times
}

/// The library benchmark: the corpus project, a filter typed one key at a
/// time, then the filtered list scrolled with the mouse wheel.
fn frame_library(scale: &Scale, project: Project) -> Vec<Duration> {
    let mut app = app_with(project);
    let mut driver = Driver::new();
    for _ in 0..WARM_UP {
        driver.frame(&mut app, Vec::new());
    }
    let library = Rect::from_min_max(Pos2::new(0.0, 120.0), Pos2::new(250.0, 830.0));
    let mut times = Vec::new();
    // Typing: the text field reads the filter each frame, as it would after
    // a key press.
    for c in "poland".chars() {
        app.library.filter.push(c);
        times.push(driver.frame(&mut app, Vec::new()).cpu);
    }
    let column = Rect::from_min_max(Pos2::ZERO, Pos2::new(250.0, 860.0));
    let shown = texts_in(&driver.frame(&mut app, Vec::new()).shapes, column);
    let total = app.state.project().documents.len();
    let count = shown
        .iter()
        .find(|t| t.ends_with(&format!(" of {total} documents")))
        .unwrap_or_else(|| panic!("the library shows no document count: {shown:?}"));
    eprintln!("library: “poland” keeps {count}");
    let before = texts_in(&driver.frame(&mut app, Vec::new()).shapes, library);
    let mut tops = std::collections::HashSet::new();
    let wheel = Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, -120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    };
    let pointer = Event::PointerMoved(library.center());
    while times.len() < scale.library_frames {
        let f = driver.frame(&mut app, vec![pointer.clone(), wheel.clone()]);
        times.push(f.cpu);
        if let Some(t) = texts_in(&f.shapes, library).first() {
            tops.insert(t.clone());
        }
    }
    let after = texts_in(&driver.frame(&mut app, Vec::new()).shapes, library);
    assert!(
        tops.len() > 10 && before != after,
        "the library did not scroll ({} distinct top rows)",
        tops.len()
    );
    times
}

/// The chart benchmark: every ally's share of GDP over every year, with the
/// three target lines, beside an empty article view.
fn frame_chart(scale: &Scale) -> Vec<Duration> {
    let nato = dossier::data::nato::bundled().expect("the bundled NATO figures load");
    let allies: Vec<String> = nato
        .dataset
        .countries(nato.latest().source, Measure::PctGdp)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let mut app = DossierApp::empty();
    app.chart.visible = true;
    app.chart.options.kind = ChartKind::Series;
    app.chart.options.countries = allies.clone();
    app.chart.options.targets = vec![2.0, 3.5, 5.0];
    let mut driver = Driver::new();
    for _ in 0..WARM_UP {
        driver.frame(&mut app, Vec::new());
    }
    // Hover over the plot so that it draws its tooltip and crosshair, as it
    // does under the analyst's pointer.
    let mut times = Vec::new();
    for i in 0..scale.chart_frames {
        let x = 900.0 + (i % 100) as f32 * 3.0;
        let f = driver.frame(&mut app, vec![Event::PointerMoved(Pos2::new(x, 500.0))]);
        times.push(f.cpu);
    }
    let chart = app.chart.chart(&app.state).expect("the chart builds");
    eprintln!(
        "chart: {} lines of {} allies, {} target lines",
        chart.lines.len(),
        allies.len(),
        chart.targets.len()
    );
    assert!(chart.lines.len() >= allies.len() / 2 && chart.targets.len() == 3);
    times
}

/// A corpus that names a new entity in almost every mention (a people
/// register, a sanctions list): joining it to a project matches each name
/// against every entity seen so far unless the names are indexed. Returns
/// the documents and entities of the result.
fn import_many_entities(docs: usize) -> (usize, usize) {
    use dossier::annotate::{EntityRef, FindingKind};
    use dossier::import::annotated::{ImportedAnnotation, ImportedCorpus, ImportedDocument};
    use dossier::model::Status;
    use dossier::text::Span;
    const MENTIONS: usize = 10;
    // Nine in ten mentions name someone new; the rest repeat a name.
    let people = (docs * MENTIONS * 9 / 10).max(1);
    let documents = (0..docs)
        .map(|d| {
            let names: Vec<String> = (0..MENTIONS)
                .map(|m| format!("Person {}", (d * MENTIONS + m) % people))
                .collect();
            let text = names.join(" met ");
            let mut at = 0;
            let annotations = names
                .iter()
                .map(|name| {
                    let start = text[at..].find(name.as_str()).expect("in the text") + at;
                    at = start + name.len();
                    ImportedAnnotation {
                        span: Span::new(start, at),
                        kind: FindingKind::Entity {
                            label: "PERSON".into(),
                            entity: Some(EntityRef {
                                id: None,
                                name: name.clone(),
                                label: "PERSON".into(),
                                iso3: None,
                                role: None,
                                aliases: Vec::new(),
                            }),
                        },
                        status: Status::Accepted,
                        origin: None,
                        annotator: None,
                    }
                })
                .collect();
            ImportedDocument {
                meta: Default::default(),
                text,
                annotations,
            }
        })
        .collect();
    let corpus = ImportedCorpus {
        documents,
        ..Default::default()
    };
    let mut project = Project::new("register");
    let t = Instant::now();
    let command = dossier::import::annotated::corpus_command(&mut project, &corpus)
        .expect("a corpus with documents");
    eprintln!("  command built in {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut editor = Editor::new(project);
    editor.execute(command).expect("the import applies");
    eprintln!("  applied in {:.3} s", t.elapsed().as_secs_f64());
    (
        editor.project().documents.len(),
        editor.project().entities.len(),
    )
}
