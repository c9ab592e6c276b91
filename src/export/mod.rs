//! Writing the annotated corpus for other programs. One file per format;
//! every offset that leaves Dossier is converted here, from the internal
//! byte spans to the unit the format documents.
//!
//! [`export`] is the one entry point the GUI and `dossier export` share: it
//! renders every document in memory, reporting progress and honouring a
//! cancel between documents, and only then writes the output (atomically for
//! a file; file by file into a folder for brat). A cancelled or failed
//! export therefore never leaves a half-written file behind.

pub mod brat;
pub mod claims;
pub mod conll;
pub mod csv;
pub mod jsonl;
pub mod labelstudio;
pub mod spacy;
pub mod tokenize;
pub mod webanno;

use std::path::{Path, PathBuf};

use crate::model::{
    Annotation, AnnotationKind, ClaimEvidence, ClaimUnit, DocId, Document, Project, Status,
};
use crate::text::Span;

/// Which annotations an export includes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only accepted annotations (not suggestions).
    pub accepted_only: bool,
    /// Only entity mentions with these labels (quotes and claims are kept).
    pub labels: Option<Vec<String>>,
}

impl Scope {
    /// Whether an annotation is exported.
    pub fn includes(&self, a: &Annotation) -> bool {
        if a.status == Status::Rejected || (self.accepted_only && a.status != Status::Accepted) {
            return false;
        }
        match (&self.labels, a.kind.label()) {
            (Some(labels), Some(l)) => labels.iter().any(|x| x == l),
            _ => true,
        }
    }

    /// The annotations of a document that are exported, in order.
    pub fn annotations<'d>(
        &'d self,
        doc: &'d Document,
    ) -> impl Iterator<Item = &'d Annotation> + 'd {
        doc.annotations().iter().filter(move |a| self.includes(a))
    }
}

/// The formats Dossier writes, and reads back where [`Format::importable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// The `dossier annotate` contract: one JSON object a document.
    Jsonl,
    /// One row an annotation, offsets in three units.
    Csv,
    /// brat standoff: a `.txt` and `.ann` a document plus the brat configuration.
    Brat,
    /// CoNLL-2003 style IOB2 token tags (entities only).
    Conll,
    /// JSON Lines for spaCy: `text`, `ents` and `spans`.
    Spacy,
    /// Label Studio tasks with annotations and predictions.
    #[value(name = "labelstudio")]
    LabelStudio,
    /// W3C Web Annotation (JSON-LD AnnotationCollection).
    #[value(name = "webanno")]
    WebAnno,
    /// Spending claims against official figures (CSV).
    Claims,
}

impl Format {
    /// Every format, in the order the export dialog lists them.
    pub const ALL: [Format; 8] = [
        Format::Jsonl,
        Format::Csv,
        Format::Brat,
        Format::Conll,
        Format::Spacy,
        Format::LabelStudio,
        Format::WebAnno,
        Format::Claims,
    ];

    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "JSON Lines (Dossier)",
            Format::Csv => "CSV (one row per annotation)",
            Format::Brat => "brat standoff",
            Format::Conll => "CoNLL-2003 (IOB2)",
            Format::Spacy => "spaCy (JSON Lines)",
            Format::LabelStudio => "Label Studio (JSON)",
            Format::WebAnno => "W3C Web Annotation (JSON-LD)",
            Format::Claims => "Claims table (CSV)",
        }
    }

    /// The extension of the output file, without the dot; `None` for a
    /// format that writes a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Jsonl | Format::Spacy => Some("jsonl"),
            Format::Csv | Format::Claims => Some("csv"),
            Format::Brat => None,
            Format::Conll => Some("conll"),
            Format::LabelStudio => Some("json"),
            Format::WebAnno => Some("jsonld"),
        }
    }

    /// Whether the output is a folder (brat) rather than one file.
    pub fn writes_folder(self) -> bool {
        self.extension().is_none()
    }

    /// Whether [`crate::import::annotated::import_annotated`] reads it back.
    pub fn importable(self) -> bool {
        matches!(self, Format::Jsonl | Format::Brat | Format::LabelStudio)
    }
}

/// Checks a spending claim against official figures, for the claims table:
/// [`crate::workflow::official_figure`] against NATO's editions.
pub type OfficialLookup<'a> = crate::ledger::Checker<'a>;

/// A lookup that knows no figures: the claims table then lists the claims
/// with empty official columns.
pub fn no_official_figures(
    _claim: &crate::data::claim::ClaimQuery<'_>,
) -> Option<crate::data::ClaimCheck> {
    None
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Documents written.
    pub documents: usize,
    /// Annotations written (a quote and its speaker relation count once).
    pub annotations: usize,
    /// Every file written, in order.
    pub files: Vec<PathBuf>,
    /// What the format could not carry ("12 quotes are not part of CoNLL"),
    /// for the user to read.
    pub notes: Vec<String>,
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A document asked for is not in the project.
    #[error("no document with id {0} in the project")]
    NoDocument(u64),
    /// The user cancelled.
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
    /// Writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The output path cannot be used (a file where a folder goes).
    #[error("{path}: {message}")]
    Output {
        /// The path given.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Rendering failed before anything was written (a bug, reported
    /// rather than a panic).
    #[error("could not write the {format}: {message}")]
    Render {
        /// The format's name.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
}

impl ExportError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        ExportError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// What one format made of the corpus, before anything is written.
pub(crate) enum Rendered {
    File(Vec<u8>),
    /// A file and the labelling configuration that goes beside it.
    FileWithConfig(Vec<u8>, Vec<u8>),
    /// Relative file names and their contents.
    Folder(Vec<(String, Vec<u8>)>),
}

/// Called after each document with the number done; an error cancels.
pub(crate) type Tick<'a> = dyn FnMut(usize) -> Result<(), ExportError> + 'a;

/// Collects what the renderers count and report.
#[derive(Default)]
pub(crate) struct Tally {
    pub annotations: usize,
    pub notes: Vec<String>,
}

/// Exports documents of a project; `docs` in the order wanted. See
/// [`export_with_official`] for the claims table with official figures.
///
/// `progress(done, total)` is called after each document; returning `false`
/// cancels the export before anything is written.
pub fn export(
    project: &Project,
    docs: &[DocId],
    scope: &Scope,
    format: Format,
    out_path: &Path,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Result<ExportSummary, ExportError> {
    export_with_official(
        project,
        docs,
        scope,
        format,
        out_path,
        &no_official_figures,
        progress,
    )
}

/// [`export`] with the source of official figures the claims table compares
/// with (other formats ignore it).
pub fn export_with_official(
    project: &Project,
    docs: &[DocId],
    scope: &Scope,
    format: Format,
    out_path: &Path,
    official: OfficialLookup<'_>,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Result<ExportSummary, ExportError> {
    let docs: Vec<&Document> = docs
        .iter()
        .map(|id| project.document(*id).ok_or(ExportError::NoDocument(id.0)))
        .collect::<Result<_, _>>()?;
    let mut tally = Tally::default();
    let rendered = render(
        project, &docs, scope, format, official, &mut tally, progress,
    )?;
    let mut files = Vec::new();
    match rendered {
        Rendered::File(bytes) => {
            crate::project::write_atomically(out_path, &bytes, false)
                .map_err(|e| ExportError::io(out_path, e))?;
            files.push(out_path.to_owned());
        }
        Rendered::FileWithConfig(bytes, config) => {
            let config_path = config_path(out_path);
            crate::project::write_atomically(out_path, &bytes, false)
                .map_err(|e| ExportError::io(out_path, e))?;
            crate::project::write_atomically(&config_path, &config, false)
                .map_err(|e| ExportError::io(&config_path, e))?;
            files.push(out_path.to_owned());
            files.push(config_path);
        }
        Rendered::Folder(entries) => {
            if out_path.exists() && !out_path.is_dir() {
                return Err(ExportError::Output {
                    path: out_path.to_owned(),
                    message: "is a file; brat writes a folder".into(),
                });
            }
            std::fs::create_dir_all(out_path).map_err(|e| ExportError::io(out_path, e))?;
            for (name, bytes) in entries {
                let path = out_path.join(name);
                crate::project::write_atomically(&path, &bytes, false)
                    .map_err(|e| ExportError::io(&path, e))?;
                files.push(path);
            }
        }
    }
    Ok(ExportSummary {
        documents: docs.len(),
        annotations: tally.annotations,
        files,
        notes: tally.notes,
    })
}

/// Renders the corpus in memory; the same bytes [`export`] writes.
pub(crate) fn render(
    project: &Project,
    docs: &[&Document],
    scope: &Scope,
    format: Format,
    official: OfficialLookup<'_>,
    tally: &mut Tally,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Result<Rendered, ExportError> {
    let total = docs.len();
    let mut tick = |done: usize| {
        if progress(done, total) {
            Ok(())
        } else {
            Err(ExportError::Cancelled)
        }
    };
    Ok(match format {
        Format::Jsonl => {
            let mut out = Vec::new();
            for (i, d) in docs.iter().enumerate() {
                tally.annotations += scope.annotations(d).count();
                jsonl::write_document(&mut out, project, d, scope)
                    .expect("writing JSON to memory cannot fail");
                tick(i + 1)?;
            }
            Rendered::File(out)
        }
        Format::Csv => Rendered::File(csv::render(project, docs, scope, tally, &mut tick)?),
        Format::Brat => Rendered::Folder(brat::render(project, docs, scope, tally, &mut tick)?),
        Format::Conll => Rendered::File(conll::render(docs, scope, tally, &mut tick)?),
        Format::Spacy => Rendered::File(spacy::render(project, docs, scope, tally, &mut tick)?),
        Format::LabelStudio => {
            let (tasks, config) = labelstudio::render(project, docs, scope, tally, &mut tick)?;
            Rendered::FileWithConfig(tasks, config.into_bytes())
        }
        Format::WebAnno => Rendered::File(webanno::render(project, docs, scope, tally, &mut tick)?),
        Format::Claims => Rendered::File(claims::render(
            project, docs, scope, official, tally, &mut tick,
        )?),
    })
}

/// Renders one format to bytes without writing: for previews and tests. A
/// folder format comes back as its files.
pub fn render_to_memory(
    project: &Project,
    docs: &[&Document],
    scope: &Scope,
    format: Format,
    official: OfficialLookup<'_>,
) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    let mut tally = Tally::default();
    Ok(
        match render(
            project,
            docs,
            scope,
            format,
            official,
            &mut tally,
            &|_, _| true,
        )? {
            Rendered::File(bytes) => vec![(String::new(), bytes)],
            Rendered::FileWithConfig(bytes, config) => {
                vec![(String::new(), bytes), ("config.xml".into(), config)]
            }
            Rendered::Folder(files) => files,
        },
    )
}

/// Where the labelling configuration of a Label Studio export goes:
/// `tasks.json` gets `tasks.config.xml` beside it.
pub fn config_path(out_path: &Path) -> PathBuf {
    out_path.with_extension("config.xml")
}

/// The identifier of a document in exports: the key it had in its source
/// file, else its project id.
pub fn document_key(doc: &Document) -> String {
    doc.meta
        .external_id
        .clone()
        .unwrap_or_else(|| doc.id.0.to_string())
}

/// Everything an annotation says, flattened into the fields the exports
/// write: read from the annotation in this one place, so that every format
/// names the canonical entity, the ISO code, the speaker and the claim's
/// values the same way. A field the annotation's kind does not have is
/// `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fields<'a> {
    /// An entity mention's label.
    pub label: Option<&'a str>,
    /// The canonical entity's name (entities).
    pub entity: Option<&'a str>,
    /// The ISO 3166 alpha-3 code: the canonical entity's, or the claim's.
    pub iso3: Option<&'a str>,
    /// The speaker's canonical name (quotes).
    pub speaker: Option<&'a str>,
    /// The mention of the speaker the attribution uses (quotes).
    pub speaker_span: Option<Span>,
    /// The attribution's verb or phrase (quotes).
    pub cue: Option<&'a str>,
    /// A non-person source (quotes).
    pub source: Option<&'a str>,
    /// The claim's country.
    pub country: Option<&'a str>,
    /// The claim's year.
    pub year: Option<i32>,
    /// The claim's value.
    pub value: Option<f64>,
    /// The unit of the claim's value.
    pub unit: Option<ClaimUnit>,
    /// Why the engine suggested the claim.
    pub evidence: Option<ClaimEvidence>,
    /// The analyst who last handled the annotation, when known.
    pub annotator: Option<&'a str>,
}

impl<'a> Fields<'a> {
    /// The fields of an annotation of `doc`, canonical entities looked up
    /// in `project`.
    pub fn of(project: &'a Project, doc: &'a Document, a: &'a Annotation) -> Self {
        let annotator = doc.annotator(a.id);
        match &a.kind {
            AnnotationKind::Entity { label, entity } => {
                let e = entity.and_then(|e| project.entity(e));
                Fields {
                    label: Some(label),
                    entity: e.map(|e| e.name.as_str()),
                    iso3: e.and_then(|e| e.iso3.as_deref()),
                    annotator,
                    ..Fields::default()
                }
            }
            AnnotationKind::Quote {
                speaker,
                speaker_span,
                cue,
                source,
            } => Fields {
                speaker: project.entity_name(*speaker),
                speaker_span: *speaker_span,
                cue: cue.as_deref(),
                source: source.as_deref(),
                annotator,
                ..Fields::default()
            },
            AnnotationKind::Claim {
                evidence,
                country: name,
                iso3,
                year,
                value,
                unit: in_unit,
            } => Fields {
                iso3: iso3.as_deref(),
                country: Some(name),
                year: *year,
                value: Some(*value),
                unit: Some(*in_unit),
                evidence: *evidence,
                annotator,
                ..Fields::default()
            },
        }
    }

    /// The type a format gives the annotation: an entity's label, else the
    /// format's own name for a quote or a claim.
    pub fn tag(&self, a: &Annotation, quote: &'a str, claim: &'a str) -> &'a str {
        match (&a.kind, self.label) {
            (AnnotationKind::Quote { .. }, _) => quote,
            (AnnotationKind::Claim { .. }, _) => claim,
            (_, label) => label.unwrap_or_default(),
        }
    }

    /// The claim's value in its shortest form ("4.1", "2000000").
    pub fn value_text(&self) -> Option<String> {
        self.value.map(number_text)
    }

    /// The claim's unit as exports name it.
    pub fn unit_text(&self) -> Option<&'static str> {
        self.unit.map(ClaimUnit::as_str)
    }
}

/// Rust's shortest round-trip form of a number, without a useless `.0`.
pub(crate) fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
