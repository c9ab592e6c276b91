use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ProjectError;
use crate::model::{
    Annotation, AnnotationId, AnnotationKind, ClaimEvidence, ClaimUnit, DocId, Document,
    DocumentMeta, Entity, EntityId, GazetteerEntry, LabelSet, Origin, Project, Status,
};
use crate::text::Span;

/// The `schema` field of every project file.
pub const SCHEMA: &str = "dossier.project";
/// Bumped whenever a change would make an older Dossier misread the file.
pub const CURRENT_VERSION: u64 = 1;

/// The file as written: borrows the project, so saving copies no text.
#[derive(Serialize)]
struct ProjectFileOut<'a> {
    schema: &'static str,
    version: u64,
    name: &'a str,
    next_id: u64,
    labels: &'a LabelSet,
    entities: Vec<&'a Entity>,
    gazetteer: &'a [GazetteerEntry],
    documents: Vec<DocumentOut<'a>>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    id: DocId,
    #[serde(flatten)]
    meta: &'a DocumentMeta,
    text: &'a str,
    annotations: Vec<AnnotationOut<'a>>,
}

/// An annotation with code-point offsets.
#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: AnnotationId,
    start: usize,
    end: usize,
    #[serde(flatten)]
    kind: KindOut<'a>,
    origin: Origin,
    status: Status,
    /// Who last added, accepted, edited or rejected it; absent when unknown,
    /// so files without analysts read as they always did.
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum KindOut<'a> {
    Entity {
        label: &'a str,
        entity: Option<EntityId>,
    },
    Quote {
        speaker: Option<EntityId>,
        speaker_start: Option<usize>,
        speaker_end: Option<usize>,
        cue: Option<&'a str>,
        source: Option<&'a str>,
    },
    Claim {
        country: &'a str,
        iso3: Option<&'a str>,
        year: Option<i32>,
        value: f64,
        unit: ClaimUnit,
        #[serde(skip_serializing_if = "Option::is_none")]
        evidence: Option<EvidenceSpans>,
    },
}

/// A claim's evidence as code-point `[start, end]` pairs, like every span
/// in the file.
#[derive(Serialize, Deserialize, Default)]
struct EvidenceSpans {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    predicate: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country_from: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<[usize; 2]>,
}

/// The two fields that decide whether the rest can be read at all. Kept as
/// JSON values so that a wrong type reads as a wrong schema, not as a syntax
/// error; the other fields are skipped without being built.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    schema: Value,
    #[serde(default)]
    version: Value,
}

#[derive(Deserialize)]
struct ProjectFileIn {
    #[serde(default)]
    schema: Value,
    #[serde(default)]
    version: Value,
    name: String,
    next_id: u64,
    labels: LabelSet,
    entities: Vec<Entity>,
    #[serde(default)]
    gazetteer: Vec<GazetteerEntry>,
    documents: Vec<DocumentIn>,
}

#[derive(Deserialize)]
struct DocumentIn {
    id: DocId,
    #[serde(flatten)]
    meta: DocumentMeta,
    text: String,
    annotations: Vec<AnnotationIn>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindTag {
    Entity,
    Quote,
    Claim,
}

/// An annotation as read: the fields of every kind side by side, checked
/// against its `kind` afterwards. Serde's `flatten` with an internally
/// tagged enum (the shape written above) buffers every annotation into an
/// intermediate tree first, which made opening a large project several
/// times slower; this reads the same JSON straight into fields.
#[derive(Deserialize)]
struct AnnotationIn {
    id: AnnotationId,
    start: usize,
    end: usize,
    kind: KindTag,
    origin: Origin,
    status: Status,
    label: Option<String>,
    entity: Option<EntityId>,
    speaker: Option<EntityId>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    cue: Option<String>,
    source: Option<String>,
    country: Option<String>,
    iso3: Option<String>,
    year: Option<i32>,
    value: Option<f64>,
    unit: Option<ClaimUnit>,
    evidence: Option<EvidenceSpans>,
    #[serde(default)]
    annotator: Option<String>,
}

/// The project as JSON text, indented down to the annotations, which take
/// one line each: projects end up in version control, and a diff should
/// show one line per changed annotation. Fully indented, a large project
/// was twice the size, and writing and reading it took twice as long.
pub fn to_json(project: &Project) -> String {
    let mut out = Vec::with_capacity(project.documents.iter().map(|d| d.text().len() * 2).sum());
    write_json(project, &mut out);
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`to_json`], appended to `out`: the recovery file puts its header line
/// first and should not copy the project's text a second time.
pub(crate) fn write_json(project: &Project, out: &mut Vec<u8>) {
    let file = ProjectFileOut {
        schema: SCHEMA,
        version: CURRENT_VERSION,
        name: &project.name,
        next_id: project.next_id,
        labels: &project.labels,
        entities: project.entities.values().collect(),
        gazetteer: &project.gazetteer,
        documents: project.documents.iter().map(document_record).collect(),
    };
    let mut ser = serde_json::Serializer::with_formatter(out, LineFormatter::default());
    file.serialize(&mut ser)
        .expect("a project always serialises");
}

/// Containers nested deeper than this (the annotation objects inside a
/// document's list) are written on one line.
const INDENTED_DEPTH: usize = 4;

/// serde_json's pretty printer, down to [`INDENTED_DEPTH`].
#[derive(Default)]
struct LineFormatter {
    depth: usize,
    has_value: bool,
}

impl LineFormatter {
    /// Whether the current container is laid out over lines.
    fn indented(&self) -> bool {
        self.depth <= INDENTED_DEPTH
    }

    /// Opens a container one level deeper.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    /// Closes a container, on a line of its own when it was indented and not empty.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, mark: &[u8]) -> std::io::Result<()> {
        let indented = self.indented();
        self.depth -= 1;
        if indented && self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(mark)
    }

    /// What goes before a value or key: a new line when indented, else ", ".
    fn separate<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if self.indented() {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            self.indent(w)
        } else {
            w.write_all(if first { b"" } else { b", " })
        }
    }

    /// Two spaces a level.
    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for LineFormatter {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.separate(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.separate(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end_array_value(w)
    }
}

/// A document as written: its annotations' spans in code points.
fn document_record(d: &Document) -> DocumentOut<'_> {
    let chars = |s: Span| d.char_span(s);
    DocumentOut {
        id: d.id,
        meta: &d.meta,
        text: d.text(),
        annotations: d
            .annotations()
            .iter()
            .map(|a| {
                let (start, end) = chars(a.span);
                let kind = match &a.kind {
                    AnnotationKind::Entity { label, entity } => KindOut::Entity {
                        label,
                        entity: *entity,
                    },
                    AnnotationKind::Quote {
                        speaker,
                        speaker_span,
                        cue,
                        source,
                    } => {
                        let sp = speaker_span.map(chars);
                        KindOut::Quote {
                            speaker: *speaker,
                            speaker_start: sp.map(|s| s.0),
                            speaker_end: sp.map(|s| s.1),
                            cue: cue.as_deref(),
                            source: source.as_deref(),
                        }
                    }
                    AnnotationKind::Claim {
                        country,
                        iso3,
                        year,
                        value,
                        unit,
                        evidence,
                    } => KindOut::Claim {
                        country,
                        iso3: iso3.as_deref(),
                        year: *year,
                        value: *value,
                        unit: *unit,
                        evidence: evidence.map(|e| {
                            let pair = |s: Option<Span>| {
                                s.map(|s| {
                                    let (a, b) = chars(s);
                                    [a, b]
                                })
                            };
                            EvidenceSpans {
                                predicate: pair(e.predicate),
                                country_from: pair(e.country_from),
                                value: pair(e.value),
                                year: pair(e.year),
                            }
                        }),
                    },
                };
                AnnotationOut {
                    id: a.id,
                    start,
                    end,
                    kind,
                    origin: a.origin,
                    status: a.status,
                    annotator: d.annotator(a.id),
                }
            })
            .collect(),
    }
}

/// Reads a project from JSON bytes; `path` only names the file in errors.
/// The schema and version are checked before any of the content is used, so
/// that a newer file is never half-read.
pub fn from_json(bytes: &[u8], path: &Path) -> Result<Project, ProjectError> {
    let file = parse_checked(bytes, path)?;
    let reader = Reader { path };
    if file.next_id > Project::MAX_ID + 1 {
        return Err(reader.too_large("the next", file.next_id));
    }
    let mut project = Project::new(file.name);
    project.labels = file.labels;
    project.gazetteer = file.gazetteer;
    project.next_id = file.next_id;
    project.entities = reader.entities(file.entities)?;
    let mut seen_docs = HashSet::new();
    let mut seen_annotations = HashSet::new();
    for record in file.documents {
        if record.id.0 > Project::MAX_ID {
            return Err(reader.too_large("document", record.id.0));
        }
        if !seen_docs.insert(record.id) {
            let message = format!("document id {} is used twice", record.id.0);
            return Err(reader.invalid(message));
        }
        let doc = reader.document(record, &mut seen_annotations)?;
        project.documents.push(doc);
    }
    project.reserve_ids_in_use();
    Ok(project)
}

/// Parses the file after checking its schema and version.
///
/// One pass when the file reads; when it does not, the header alone says
/// whether it is another program's file or a newer Dossier's, which
/// matters more to the analyst than where the parser stopped. Errors
/// carry the line and column of the offending field.
fn parse_checked(bytes: &[u8], path: &Path) -> Result<ProjectFileIn, ProjectError> {
    let syntax = |e: serde_json::Error| ProjectError::Syntax {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let parsed: Result<ProjectFileIn, _> = serde_json::from_slice(bytes);
    let (schema, version) = match &parsed {
        Ok(file) => (file.schema.clone(), file.version.clone()),
        Err(_) => {
            let header: Header = serde_json::from_slice(bytes).map_err(syntax)?;
            (header.schema, header.version)
        }
    };
    let schema = schema.as_str().unwrap_or("").to_owned();
    if schema != SCHEMA {
        return Err(ProjectError::WrongSchema {
            path: path.to_owned(),
            found: schema,
        });
    }
    let version = version.as_u64().unwrap_or(0);
    if version > CURRENT_VERSION {
        return Err(ProjectError::NewerVersion {
            path: path.to_owned(),
            found: version,
        });
    }
    parsed.map_err(syntax)
}

/// Builds the project's parts from a parsed file, refusing ids out of range
/// or used twice and spans that do not fit their text; errors name the file.
struct Reader<'p> {
    path: &'p Path,
}

impl Reader<'_> {
    /// The file reads but its content is inconsistent.
    fn invalid(&self, message: String) -> ProjectError {
        ProjectError::Invalid {
            path: self.path.to_owned(),
            message,
        }
    }

    /// An id beyond [`Project::MAX_ID`].
    fn too_large(&self, what: &str, id: u64) -> ProjectError {
        self.invalid(format!(
            "{what} id {id} is larger than Dossier allows ({})",
            Project::MAX_ID
        ))
    }

    /// The entities by id, each id in range and used once.
    fn entities(&self, list: Vec<Entity>) -> Result<BTreeMap<EntityId, Entity>, ProjectError> {
        let mut entities = BTreeMap::new();
        for e in list {
            if e.id.0 > Project::MAX_ID {
                return Err(self.too_large("entity", e.id.0));
            }
            if entities.insert(e.id, e).is_some() {
                return Err(self.invalid("two entities share one id".into()));
            }
        }
        Ok(entities)
    }

    /// A document with its annotations, whose ids must be new across the
    /// whole project (`seen` holds those read so far).
    fn document(
        &self,
        record: DocumentIn,
        seen: &mut HashSet<AnnotationId>,
    ) -> Result<Document, ProjectError> {
        let mut doc = Document::new(record.id, record.meta, record.text);
        for mut a in record.annotations {
            if a.id.0 > Project::MAX_ID {
                return Err(self.too_large("annotation", a.id.0));
            }
            if !seen.insert(a.id) {
                return Err(self.invalid(format!("{}: id used twice", place(&doc, a.id))));
            }
            let span = doc.span_from_chars(a.start, a.end).ok_or_else(|| {
                self.invalid(format!(
                    "{}: span {}..{} does not fit the text",
                    place(&doc, a.id),
                    a.start,
                    a.end
                ))
            })?;
            let (id, origin, status) = (a.id, a.origin, a.status);
            let annotator = a.annotator.take();
            let kind = self.annotation_kind(&doc, a)?;
            if let Some(name) = annotator {
                doc.set_annotator(id, Some(name));
            }
            doc.insert_annotation(Annotation {
                id,
                span,
                kind,
                origin,
                status,
            });
        }
        Ok(doc)
    }

    /// The annotation's kind from the fields its `kind` tag needs, each
    /// required one present and its speaker span inside the text.
    fn annotation_kind(
        &self,
        doc: &Document,
        a: AnnotationIn,
    ) -> Result<AnnotationKind, ProjectError> {
        let missing = |field: &str| self.invalid(format!("{}: no “{field}”", place(doc, a.id)));
        Ok(match a.kind {
            KindTag::Entity => AnnotationKind::Entity {
                label: a.label.ok_or_else(|| missing("label"))?,
                entity: a.entity,
            },
            KindTag::Quote => {
                let speaker_span = match (a.speaker_start, a.speaker_end) {
                    (Some(s), Some(e)) => Some(doc.span_from_chars(s, e).ok_or_else(|| {
                        self.invalid(format!(
                            "{}: speaker span {s}..{e} does not fit the text",
                            place(doc, a.id)
                        ))
                    })?),
                    _ => None,
                };
                AnnotationKind::Quote {
                    speaker: a.speaker,
                    speaker_span,
                    cue: a.cue,
                    source: a.source,
                }
            }
            KindTag::Claim => AnnotationKind::Claim {
                // Evidence is advisory: a pair that does not fit the
                // text is dropped rather than refusing the project.
                evidence: a.evidence.map(|e| {
                    let span =
                        |p: Option<[usize; 2]>| p.and_then(|[s, e]| doc.span_from_chars(s, e));
                    ClaimEvidence {
                        predicate: span(e.predicate),
                        country_from: span(e.country_from),
                        value: span(e.value),
                        year: span(e.year),
                    }
                }),
                country: a.country.ok_or_else(|| missing("country"))?,
                iso3: a.iso3,
                year: a.year,
                value: a.value.ok_or_else(|| missing("value"))?,
                unit: a.unit.ok_or_else(|| missing("unit"))?,
            },
        })
    }
}

/// Where an annotation is, for errors: "document 3 ("Title"), annotation 7".
fn place(doc: &Document, id: AnnotationId) -> String {
    format!(
        "document {} ({:?}), annotation {}",
        doc.id.0,
        doc.title(),
        id.0
    )
}
