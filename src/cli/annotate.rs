//! `dossier annotate`: the JSONL contract, headless.
//!
//! Articles are annotated as a stream ([`crate::stream`]): read on one
//! thread, annotated on every core, each line written straight to a
//! buffered writer in input order. Every input article gives one line, each
//! from its own document, so the lines do not depend on what else is in the
//! run. With `--save`, or with projects or annotated corpora among the
//! inputs, the inputs are opened into one project as the window opens them
//! (texts already in the project are not added again) and written from it.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::edit::Editor;
use crate::export::{self, Scope};
use crate::import::{self, Article, ImportError};
use crate::model::{DocId, DocumentMeta, Project};
use crate::workflow::{self, PrepareOptions};
use crate::{project, stream};

/// What `dossier annotate` was asked to do.
pub struct Args {
    /// Files and folders to annotate, or `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// Where the JSON lines go; standard output when `None`.
    pub output: Option<PathBuf>,
    /// The project the inputs are opened into and saved to.
    pub save: Option<PathBuf>,
    /// Standard input holds plain-text articles, one a line, not JSON.
    pub lines: bool,
    /// The number of the first line of standard input (ids of records
    /// without their own).
    pub first_line: u64,
}

/// The longest line read from standard input: the limit of an article file.
const MAX_LINE_BYTES: usize = import::MAX_FILE_BYTES as usize;

/// Runs `dossier annotate`: standard input as a stream, files and folders
/// as a stream, or the inputs opened into one project; the exit code is 1
/// when an input could not be read.
pub fn run(args: Args) -> Result<i32> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin {
        if args.paths.len() > 1 {
            bail!("`-` (standard input) is read alone; give files and folders in another run");
        }
        if args.save.is_some() {
            bail!(
                "--save takes files and folders; standard input (`-`) is annotated as a stream without it"
            );
        }
        return run_stdin(&args);
    }
    if args.lines {
        bail!("--lines is for standard input (`-`)");
    }
    if args.first_line != 1 {
        bail!("--first-line is for standard input (`-`)");
    }
    // Without --save, JSON Lines are articles to suggest on (an evaluation
    // set's gold claims must not come back as the answer); Label Studio
    // tasks and brat folders cannot be read as articles, so they are read
    // with their annotations.
    let whole_project = args.save.is_some()
        || args.paths.iter().any(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("dossier"))
                || import::annotated::sniff(p).is_some_and(|f| f != crate::export::Format::Jsonl)
        });
    if whole_project {
        run_project(args)
    } else {
        run_files(&args)
    }
}

/// Writes to `output` (atomically) or to standard output through one
/// buffered writer. On standard output, `write` is told to flush whenever
/// it waits, so that a reader of the stream sees every line at once.
fn with_output(
    output: &Option<PathBuf>,
    write: &mut dyn FnMut(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<()> {
    let result = match output {
        Some(path) => project::write_atomically_with(path, false, &mut |w| write(w, false))
            .with_context(|| format!("writing {}", path.display())),
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::with_capacity(1 << 18, stdout.lock());
            write(&mut out, true)
                .and_then(|()| out.flush())
                .context("writing to standard output")
        }
    };
    // A reader that stopped early (`| head`) is not an error.
    match result {
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// `dossier annotate -`: one JSON line out per record in, in order.
fn run_stdin(args: &Args) -> Result<i32> {
    let lines = args.lines;
    let first = args.first_line;
    let input = LineReader::new(io::BufReader::with_capacity(1 << 16, io::stdin()));
    // Lines go to the engine in batches of those already read (never
    // waiting for more), so that short records do not cost a hand-over
    // between threads each, and a slow stream still flows line by line.
    let mut no = first;
    let records = Batches(input).map(move |batch| {
        batch
            .into_iter()
            .map(|line| {
                no = no.saturating_add(1);
                (no - 1, line)
            })
            .collect::<Vec<_>>()
    });
    let work = |batch: Vec<(u64, Result<Vec<u8>, String>)>| {
        batch
            .into_iter()
            .map(|(no, line)| {
                let result = std::panic::catch_unwind(|| annotate_record(no, line, lines))
                    .unwrap_or_else(|_| {
                        Err("internal error: the engine failed on this record".into())
                    });
                (no, result)
            })
            .collect::<Vec<_>>()
    };
    let mut bad = 0usize;
    let mut records = Some(records);
    with_output(&args.output, &mut |out, flush| {
        let Some(records) = records.take() else {
            return Ok(());
        };
        stream_to(out, flush, records, work, &mut |out, batch| {
            for (no, result) in batch {
                match result {
                    Ok(Some(line)) => out.write_all(&line)?,
                    Ok(None) => {}
                    Err(message) => {
                        bad += 1;
                        eprintln!("dossier: line {no}: {message}");
                    }
                }
            }
            Ok(())
        })
    })?;
    Ok(if bad == 0 { 0 } else { 1 })
}

/// One line of standard input as its output line; `None` for a blank line.
/// The document's id is the record's own, or else its line number.
fn annotate_record(
    no: u64,
    line: Result<Vec<u8>, String>,
    plain: bool,
) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = line?;
    if no == 1 && bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let meta = DocumentMeta::default();
    let article = if plain {
        let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())?;
        import::read_text(text, meta, false)
    } else {
        article_of_json(&bytes, &meta)?
    };
    let project = stream::annotate_article(article, no, &[]);
    let mut out = Vec::with_capacity(2 * project.documents[0].text().len() + 256);
    export::jsonl::write_document(&mut out, &project, &project.documents[0], &Scope::default())
        .map_err(|e| e.to_string())?;
    Ok(Some(out))
}

/// A JSON Lines record as an article, as a `.jsonl` file's records are read.
fn article_of_json(bytes: &[u8], meta: &DocumentMeta) -> Result<Article, String> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(o)) => import::article_from_object(&o, meta),
        Ok(_) => Err("expected a JSON object".to_owned()),
        Err(e) => Err(format!("not valid JSON: {e}")),
    }
}

/// Lines of a reader without their line ends, each at most
/// [`MAX_LINE_BYTES`]: a longer line is skipped (read past, not kept) and
/// given as an error, and so is a read error, after which the input ends.
struct LineReader<R> {
    reader: R,
    done: bool,
}

impl<R: BufRead> LineReader<R> {
    fn new(reader: R) -> Self {
        Self {
            reader,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for LineReader<R> {
    type Item = Result<Vec<u8>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        let mut too_long = false;
        let mut any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(format!("cannot read standard input: {e}")));
                }
            };
            if buf.is_empty() {
                self.done = true;
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let (chunk, ended) = match memchr(b'\n', buf) {
                Some(i) => (&buf[..i], Some(i + 1)),
                None => (buf, None),
            };
            if !too_long {
                if line.len() + chunk.len() > MAX_LINE_BYTES {
                    too_long = true;
                    line = Vec::new();
                } else {
                    line.extend_from_slice(chunk);
                }
            }
            let used = ended.unwrap_or(buf.len());
            self.reader.consume(used);
            if ended.is_some() {
                break;
            }
        }
        if too_long {
            return Some(Err(format!(
                "the line is longer than {} MB; an article is at most that",
                MAX_LINE_BYTES / 1024 / 1024
            )));
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Some(Ok(line))
    }
}

/// The most input bytes in one batch handed to a worker.
const BATCH_BYTES: usize = 256 * 1024;

/// Lines in batches: the next line (waiting for it if need be), then the
/// lines already complete in the reader's buffer, up to [`BATCH_BYTES`].
struct Batches<R>(LineReader<R>);

impl<R: io::Read> Iterator for Batches<io::BufReader<R>> {
    type Item = Vec<Result<Vec<u8>, String>>;

    fn next(&mut self) -> Option<Self::Item> {
        let first = self.0.next()?;
        let mut bytes = first.as_ref().map_or(0, Vec::len);
        let mut batch = vec![first];
        while bytes < BATCH_BYTES && !self.0.done && memchr(b'\n', self.0.reader.buffer()).is_some()
        {
            let Some(line) = self.0.next() else { break };
            bytes += line.as_ref().map_or(0, Vec::len);
            batch.push(line);
        }
        Some(batch)
    }
}

/// The first `b` in `haystack`.
fn memchr(b: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&x| x == b)
}

/// What the reading thread hands to the engine: a record of a JSON Lines
/// file, a whole file of another kind, or a file that could not be read.
enum Unit {
    Record {
        path: Arc<Path>,
        line: usize,
        text: String,
    },
    File {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    Failed(ImportError),
}

/// The units of one file, read from disk.
fn units_of(path: PathBuf) -> Vec<Unit> {
    let bytes = match import::read_file_limited(&path, import::MAX_FILE_BYTES, "opens articles") {
        Ok(b) => b,
        Err(e) => return vec![Unit::Failed(e)],
    };
    let jsonl = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    if !jsonl {
        return vec![Unit::File { path, bytes }];
    }
    let text = match import::decode(&bytes) {
        Ok(d) => d.text,
        Err(e) => return vec![Unit::Failed(ImportError::new(&path, e.to_string()))],
    };
    drop(bytes);
    let path: Arc<Path> = path.into();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| Unit::Record {
            path: path.clone(),
            line: n + 1,
            text: l.to_owned(),
        })
        .collect()
}

/// Units in batches of up to [`BATCH_BYTES`] of input (a unit larger than
/// that alone), so that short articles do not cost a hand-over between
/// threads each.
fn batched(units: impl Iterator<Item = Unit>) -> impl Iterator<Item = Vec<Unit>> {
    let mut units = units.peekable();
    std::iter::from_fn(move || {
        let mut batch = vec![units.next()?];
        let mut bytes = batch[0].len();
        while let Some(next) = units.peek() {
            if bytes + next.len() > BATCH_BYTES {
                break;
            }
            bytes += next.len();
            batch.extend(units.next());
        }
        Some(batch)
    })
}

impl Unit {
    fn len(&self) -> usize {
        match self {
            Unit::Record { text, .. } => text.len(),
            Unit::File { bytes, .. } => bytes.len(),
            Unit::Failed(_) => 0,
        }
    }
}

/// The articles of a unit, each annotated in a project of its own and made
/// into its line, all but the id, which the writer gives.
fn annotate_unit(unit: Unit) -> Vec<Result<export::jsonl::LineWithoutId, ImportError>> {
    let articles: Vec<Result<Article, ImportError>> = match unit {
        Unit::Record { path, line, text } => {
            let meta = DocumentMeta {
                source_path: Some(path.to_path_buf()),
                ..Default::default()
            };
            vec![
                article_of_json(text.as_bytes(), &meta)
                    .map_err(|m| ImportError::at_line(&path, line, m)),
            ]
        }
        Unit::File { path, bytes } => {
            let (articles, errors) = import::read_bytes_lenient(&path, &bytes);
            articles
                .into_iter()
                .map(Ok)
                .chain(errors.into_iter().map(Err))
                .collect()
        }
        Unit::Failed(e) => vec![Err(e)],
    };
    articles
        .into_iter()
        .map(|a| {
            let a = a?;
            let path = a.meta.source_path.clone();
            std::panic::catch_unwind(|| {
                let p = stream::annotate_article(a, 0, &[]);
                export::jsonl::line_without_id(&p, &p.documents[0], &Scope::default())
            })
            .map_err(|_| {
                ImportError::new(
                    path.as_deref().unwrap_or(Path::new("-")),
                    "internal error: the engine failed on this article",
                )
            })
        })
        .collect()
}

/// Articles from files and folders, as a stream: one line each, numbered
/// as the articles come.
fn run_files(args: &Args) -> Result<i32> {
    let listing = import::list_paths(&args.paths);
    let mut errors = listing.errors.len();
    for e in &listing.errors {
        eprintln!("dossier: {e}");
    }
    report_special_files(&listing.skipped);
    let mut units = Some(batched(listing.files.into_iter().flat_map(units_of)));
    let mut ordinal = 0u64;
    with_output(&args.output, &mut |out, flush| {
        let Some(units) = units.take() else {
            return Ok(());
        };
        let work = |batch: Vec<Unit>| -> Vec<Result<export::jsonl::LineWithoutId, ImportError>> {
            batch.into_iter().flat_map(annotate_unit).collect()
        };
        stream_to(out, flush, units, work, &mut |out, results| {
            for r in results {
                match r {
                    Ok::<export::jsonl::LineWithoutId, ImportError>(line) => {
                        ordinal += 1;
                        match &line.external_id {
                            Some(id) => line.write(out, id)?,
                            None => line.write(out, &ordinal.to_string())?,
                        }
                    }
                    Err(e) => {
                        errors += 1;
                        eprintln!("dossier: {e}");
                    }
                }
            }
            Ok(())
        })
    })?;
    if ordinal == 0 && errors == 0 {
        eprintln!("dossier: no article in the given paths");
    }
    Ok(if errors == 0 { 0 } else { 1 })
}

/// With `--save`, or projects or annotated corpora among the inputs: the
/// inputs opened into one project, as the window opens them.
fn run_project(args: Args) -> Result<i32> {
    let Args {
        paths,
        output,
        save,
        ..
    } = args;
    // Held until the project is written: a window editing the same project
    // would otherwise overwrite this run's work, or this run the window's.
    let _lock = match &save {
        Some(p) => Some(project::ProjectLock::acquire(p).map_err(|e| {
            anyhow::anyhow!("{e}; close it there first, or save to another project")
        })?),
        None => None,
    };
    let base = match &save {
        Some(p) => workflow::load_or_new(p)?,
        None => Project::new("annotate"),
    };
    let mut editor = Editor::new(base);
    // Without --save, a project among the inputs is read with its own
    // annotations (the analyst's work, not fresh suggestions), and every
    // input gives its line, repeated texts included.
    let options = PrepareOptions {
        annotated_by_content: true,
        keep_repeats: save.is_none(),
        jsonl_as_articles: save.is_none(),
    };
    let outcome = workflow::open_paths_with(&mut editor, &paths, save.is_none(), options);
    for e in &outcome.errors {
        eprintln!("dossier: {e}");
    }
    report_special_files(&outcome.skipped);
    let project = editor.project();
    let from_project = earlier_inputs(project, &outcome);
    let scope = Scope::default();
    with_output(&output, &mut |out, _| {
        let docs = from_project
            .iter()
            .chain(&outcome.added)
            .filter_map(|id| project.document(*id));
        export::jsonl::write(out, project, docs, &scope)
    })?;
    if let Some(path) = &save {
        project::save(project, path)?;
        report_saved(project, path, &outcome);
    }
    Ok(if outcome.errors.is_empty() { 0 } else { 1 })
}

/// Documents of the inputs that were in the project before this run: an
/// opened project's, written before the articles. With --save, the
/// project's earlier documents are not repeated, except those whose text
/// was given again (they are not added twice, but they are among the
/// inputs).
fn earlier_inputs(project: &Project, outcome: &workflow::OpenOutcome) -> Vec<DocId> {
    match &outcome.opened_project {
        Some(_) => {
            let added: HashSet<_> = outcome.added.iter().collect();
            project
                .documents
                .iter()
                .map(|d| d.id)
                .filter(|id| !added.contains(id))
                .collect()
        }
        None => outcome.already_in.clone(),
    }
}

/// Tells the analyst what `--save` added and what it did not add again.
fn report_saved(project: &Project, path: &Path, outcome: &workflow::OpenOutcome) {
    for name in &outcome.not_added {
        eprintln!(
            "dossier: {name}: its text is already in {}, not added again",
            path.display()
        );
    }
    eprintln!(
        "dossier: {} document(s) added to {} ({} in all{}{})",
        outcome.added.len(),
        path.display(),
        project.documents.len(),
        match outcome.already_in.len() {
            0 => String::new(),
            n => format!("; {n} already there, not added again"),
        },
        match outcome.repeated {
            0 => String::new(),
            n => format!("; {n} given twice, added once"),
        }
    );
}

/// Names the special files (devices, pipes, sockets) passed over: an
/// analyst who named one expects to hear why nothing came of it.
fn report_special_files(skipped: &[PathBuf]) {
    for p in skipped {
        if let Some(kind) = import::special_file(p) {
            eprintln!("dossier: {}: skipped: {kind}, not a file", p.display());
        }
    }
}

/// Runs `work` over `inputs` on every core ([`stream::ordered_map`]) and
/// hands each result to `each` in input order; while waiting, flushes `out`
/// when `flush` says so.
fn stream_to<T, R>(
    out: &mut dyn Write,
    flush: bool,
    inputs: impl Iterator<Item = T> + Send,
    work: impl Fn(T) -> R + Sync,
    each: &mut dyn FnMut(&mut dyn Write, R) -> io::Result<()>,
) -> io::Result<()>
where
    T: Send,
    R: Send,
{
    let threads = stream::worker_threads();
    stream::ordered_map(
        inputs,
        threads,
        2 * threads + 2,
        work,
        &mut |result| match result {
            Some(r) => each(out, r),
            None if flush => out.flush(),
            None => Ok(()),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(input: &[u8]) -> Vec<Result<Vec<u8>, String>> {
        LineReader::new(io::BufReader::with_capacity(4, input)).collect()
    }

    #[test]
    fn lines_without_their_ends() {
        let got = lines_of(b"a\r\nbb\n\nccc");
        let want: Vec<Result<Vec<u8>, String>> = vec![
            Ok(b"a".to_vec()),
            Ok(b"bb".to_vec()),
            Ok(Vec::new()),
            Ok(b"ccc".to_vec()),
        ];
        assert_eq!(got, want);
        assert!(lines_of(b"").is_empty());
        assert_eq!(lines_of(b"x\n").len(), 1);
    }

    #[test]
    fn a_bad_record_is_an_error_and_a_blank_line_nothing() {
        assert_eq!(annotate_record(3, Ok(b"  ".to_vec()), false), Ok(None));
        let e = annotate_record(4, Ok(b"{\"title\":1}".to_vec()), false).unwrap_err();
        assert!(e.contains("no text field"), "{e}");
        let e = annotate_record(5, Ok(b"{not json".to_vec()), false).unwrap_err();
        assert!(e.starts_with("not valid JSON"), "{e}");
        let line = annotate_record(7, Ok(b"NATO met in Brussels.".to_vec()), true)
            .unwrap()
            .unwrap();
        let v: Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(v["id"], "7");
        assert_eq!(line.last(), Some(&b'\n'));
    }
}
