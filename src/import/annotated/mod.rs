//! Reading annotated corpora back: Dossier's JSON Lines, brat standoff and
//! Label Studio tasks, one file per format.
//!
//! An importer turns a file (or a brat folder) into an [`ImportedCorpus`](crate::import::annotated::ImportedCorpus):
//! documents with their annotations as byte spans, entities by name. An
//! annotation whose offsets do not fit its text, or whose recorded text is
//! not what the offsets cover, is left out and reported as an
//! [`ImportError`] with its file and line; the rest of the file still
//! loads. [`corpus_command`](crate::import::annotated::corpus_command) then makes the whole corpus one undoable
//! [`Command`](crate::edit::Command), every annotation with origin
//! [`Origin::Imported`](crate::model::Origin::Imported) unless
//! the source records who made it (another Dossier project does).

pub mod brat;
pub mod jsonl;
pub mod labelstudio;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::ImportError;
use crate::annotate::EntityRef;
use crate::edit::Command;
use crate::export::Format;
use crate::model::{
    Annotation, AnnotationKind, Document, DocumentMeta, Entity, EntityId, Label, Origin, Project,
    Rgb, Status,
};
use crate::text::{OffsetIndex, OffsetUnit, Span};

/// What an annotated file holds, before it joins a project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedCorpus {
    /// The documents read, in the order of the file.
    pub documents: Vec<ImportedDocument>,
    /// Annotations left out, and documents that could not be read.
    pub issues: Vec<ImportError>,
    /// How the source defines its labels (colour, key, description), when it
    /// does: a label the project lacks is added as defined here, else grey.
    pub labels: Vec<Label>,
}

/// One document read from an annotated file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedDocument {
    /// Its title and source, as far as the file says.
    pub meta: DocumentMeta,
    /// Its text, which the annotations' spans point into.
    pub text: String,
    /// Its annotations, checked against the text.
    pub annotations: Vec<ImportedAnnotation>,
}

/// One annotation read from an annotated file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedAnnotation {
    /// UTF-8 byte offsets into the document's text, checked.
    pub span: Span,
    /// What it says, entities by name.
    pub kind: ImportedKind,
    /// Accepted, or a suggestion (rejected where the format says so).
    pub status: Status,
    /// Who made it, when the source says (another Dossier project does);
    /// otherwise the annotation counts as [`Origin::Imported`].
    pub origin: Option<Origin>,
    /// The analyst who last handled it, when the source records one; it
    /// joins the document's annotator map.
    pub annotator: Option<String>,
}

/// An annotation whose entities are still names, not project ids: the same
/// shape as what the engine finds, so that both join a project the same way.
pub type ImportedKind = crate::annotate::FindingKind;

/// Reads an annotated file (a folder for brat) in one of the importable
/// formats. Fails only when nothing can be read; problems with single
/// documents or annotations are in [`ImportedCorpus::issues`].
pub fn import_annotated(path: &Path, format: Format) -> Result<ImportedCorpus, ImportError> {
    match format {
        Format::Jsonl => jsonl::read(path),
        Format::Brat => brat::read(path),
        Format::LabelStudio => labelstudio::read(path),
        other => Err(ImportError::new(
            path,
            format!(
                "Dossier cannot read {} files back; it reads JSON Lines, brat and Label Studio",
                other.name()
            ),
        )),
    }
}

/// The importable format a path most likely is: a folder is brat, `.jsonl`
/// is JSON Lines, `.json` is Label Studio.
pub fn guess_format(path: &Path) -> Option<Format> {
    if path.is_dir()
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ann"))
    {
        return Some(Format::Brat);
    }
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "jsonl" => Some(Format::Jsonl),
        "json" => Some(Format::LabelStudio),
        _ => None,
    }
}

/// The annotated format a path holds, judged by its content rather than its
/// name alone, for the command line: a folder with `.ann` files (or an
/// `.ann` file) is brat, a `.json` file of tasks with `data.text` is Label
/// Studio, and a `.jsonl` file whose first record has its `text` with
/// `entities`, `quotes` or `claims` is Dossier's JSON Lines. Anything else
/// (articles, projects) is `None`.
pub fn sniff(path: &Path) -> Option<Format> {
    use std::io::BufRead;
    if path.is_dir() {
        let has_ann = std::fs::read_dir(path)
            .ok()?
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "ann"));
        return has_ann.then_some(Format::Brat);
    }
    if super::special_file(path).is_some() {
        return None;
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "ann" => Some(Format::Brat),
        "json" => {
            let text = read_text_file(path).ok()?;
            let value: serde_json::Value = serde_json::from_str(&text).ok()?;
            let task = match &value {
                serde_json::Value::Array(tasks) => tasks.first()?,
                one => one,
            };
            task.get("data")?
                .get("text")?
                .is_string()
                .then_some(Format::LabelStudio)
        }
        "jsonl" => {
            let file = std::fs::File::open(path).ok()?;
            let mut reader = std::io::BufReader::new(file.take(MAX_ANNOTATED_BYTES));
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).ok()? == 0 {
                    return None;
                }
                if !line.trim().is_empty() {
                    break;
                }
            }
            let value: serde_json::Value =
                serde_json::from_str(line.trim_start_matches('\u{feff}')).ok()?;
            let annotated = value.get("text")?.is_string()
                && ["entities", "quotes", "claims"]
                    .iter()
                    .any(|k| value.get(*k).is_some_and(serde_json::Value::is_array));
            annotated.then_some(Format::Jsonl)
        }
        _ => None,
    }
}

/// A project's documents with their annotations (origins and reviews
/// kept) and its label definitions, as a corpus to join another project.
/// Its entities become names (with aliases, ISO code and role), matched
/// against the other project's like any import's: two entities of one
/// project under the same name and label become one.
pub fn corpus_of_project(project: &Project) -> ImportedCorpus {
    let reference = |id: Option<EntityId>| {
        let e = project.entity(id?)?;
        Some(EntityRef {
            id: None,
            name: e.name.clone(),
            label: e.label.clone(),
            iso3: e.iso3.clone(),
            role: e.role.clone(),
            aliases: e.aliases.clone(),
        })
    };
    let documents = project
        .documents
        .iter()
        .map(|d| ImportedDocument {
            meta: d.meta.clone(),
            text: d.text().to_owned(),
            annotations: d
                .annotations()
                .iter()
                .map(|a| ImportedAnnotation {
                    span: a.span,
                    kind: finding_of(&a.kind, &reference),
                    status: a.status,
                    origin: Some(a.origin),
                    annotator: d.annotator(a.id).map(str::to_owned),
                })
                .collect(),
        })
        .collect();
    ImportedCorpus {
        documents,
        issues: Vec::new(),
        labels: project.labels.iter().cloned().collect(),
    }
}

/// An annotation's kind with its entities as names (`reference`).
fn finding_of(
    kind: &AnnotationKind,
    reference: &dyn Fn(Option<EntityId>) -> Option<EntityRef>,
) -> ImportedKind {
    match kind.clone() {
        AnnotationKind::Entity { label, entity } => ImportedKind::Entity {
            label,
            entity: reference(entity),
        },
        AnnotationKind::Quote {
            speaker,
            speaker_span,
            cue,
            source,
        } => ImportedKind::Quote {
            speaker: reference(speaker),
            speaker_span,
            cue,
            source,
        },
        AnnotationKind::Claim {
            evidence,
            country,
            iso3: code,
            year,
            value: amount,
            unit,
        } => ImportedKind::Claim {
            value: amount,
            unit,
            iso3: code,
            country,
            year,
            evidence,
        },
    }
}

/// An imported kind with its entities as project ids (`resolve`, told
/// whether any label will do: a speaker's).
fn kind_of(
    kind: &ImportedKind,
    resolve: &mut dyn FnMut(&EntityRef, bool) -> EntityId,
) -> AnnotationKind {
    match kind.clone() {
        ImportedKind::Entity { label, entity } => AnnotationKind::Entity {
            label,
            entity: entity.map(|r| resolve(&r, false)),
        },
        ImportedKind::Quote {
            speaker,
            speaker_span,
            cue,
            source,
        } => AnnotationKind::Quote {
            speaker: speaker.map(|r| resolve(&r, true)),
            speaker_span,
            cue,
            source,
        },
        ImportedKind::Claim {
            evidence: why,
            country,
            iso3,
            year: in_year,
            value,
            unit,
        } => AnnotationKind::Claim {
            country,
            iso3,
            year: in_year,
            value,
            unit,
            evidence: why,
        },
    }
}

/// The largest annotated file (a JSON Lines or Label Studio corpus, a brat
/// `.ann` or `.txt`) that is imported: a corpus holds many articles, so the
/// limit is a multiple of the one for a single article.
pub const MAX_ANNOTATED_BYTES: u64 = super::MAX_FILE_BYTES * 4;

/// Reads a whole text file as UTF-8 (a byte-order mark is dropped), with
/// the size limit that applies to annotated files.
pub(crate) fn read_text_file(path: &Path) -> Result<String, ImportError> {
    let bytes = super::read_file_limited(path, MAX_ANNOTATED_BYTES, ANNOTATED_LIMIT_IS_FOR)?;
    text_from_bytes(path, bytes)
}

const ANNOTATED_LIMIT_IS_FOR: &str = "imports annotated files";

/// An annotated file's bytes as text: UTF-8 only (offsets in these formats
/// count the characters of the exact text, so a guessed encoding would
/// shift them), a byte-order mark dropped. `path` names the file in errors.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, ImportError> {
    super::check_size(
        path,
        bytes.len() as u64,
        MAX_ANNOTATED_BYTES,
        ANNOTATED_LIMIT_IS_FOR,
    )?;
    let text =
        String::from_utf8(bytes).map_err(|e| ImportError::new(path, format!("not UTF-8: {e}")))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// Checks code-point offsets against a text and, where the file recorded
/// it, the covered text. `Err` says what is wrong, for the report.
pub(crate) fn checked_span(
    text: &str,
    index: &OffsetIndex,
    start: usize,
    end: usize,
    expected: Option<&str>,
) -> Result<Span, String> {
    let len = index.len_in(OffsetUnit::CodePoint);
    let (Some(s), Some(e)) = (
        index.to_byte(text, start, OffsetUnit::CodePoint),
        index.to_byte(text, end, OffsetUnit::CodePoint),
    ) else {
        return Err(format!(
            "offsets {start}..{end} are past the end of the text ({len} characters)"
        ));
    };
    if s >= e {
        return Err(format!("offsets {start}..{end} are empty or reversed"));
    }
    let span = Span::new(s, e);
    if let Some(expected) = expected
        && span.slice(text) != expected
    {
        return Err(format!(
            "offsets {start}..{end} cover {:?}, but the file says {:?}",
            span.slice(text),
            expected
        ));
    }
    Ok(span)
}

/// Parses a status name; anything unknown counts as a suggestion so that it
/// is reviewed.
pub(crate) fn status_from(name: Option<&str>) -> Status {
    match name.map(str::trim) {
        Some("accepted") => Status::Accepted,
        Some("rejected") => Status::Rejected,
        _ => Status::Suggested,
    }
}

pub(crate) fn entity_ref(name: &str, label: &str, iso3: Option<&str>) -> EntityRef {
    EntityRef {
        id: None,
        name: name.to_owned(),
        label: label.to_owned(),
        iso3: iso3.filter(|s| !s.is_empty()).map(str::to_owned),
        ..Default::default()
    }
}

/// The canonical entities an import names, looked up by name and alias
/// (ignoring ASCII case, as `Entity::is_named` does) among the project's
/// and the ones the import adds, in their order: a corpus names the same
/// few hundred entities hundreds of thousands of times, and a scan of every
/// entity per name would be quadratic.
struct EntityResolver {
    by_name: HashMap<String, (Vec<EntityId>, Vec<usize>)>,
    new_entities: Vec<Entity>,
}

impl EntityResolver {
    fn new(project: &Project) -> Self {
        let mut by_name: HashMap<String, (Vec<EntityId>, Vec<usize>)> = HashMap::new();
        for e in project.entities.values() {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let ids = &mut by_name.entry(name.to_ascii_lowercase()).or_default().0;
                if ids.last() != Some(&e.id) {
                    ids.push(e.id);
                }
            }
        }
        Self {
            by_name,
            new_entities: Vec::new(),
        }
    }

    /// The entity a reference names: an existing one with that name under
    /// the same label (or, for a speaker, `any_label`) and no other ISO
    /// code, else a new one. A speaker is looked up under any label because
    /// formats that name the speaker do not say whether it was filed as a
    /// PERSON or an ORG.
    fn resolve(&mut self, project: &mut Project, r: &EntityRef, any_label: bool) -> EntityId {
        let key = r.name.to_ascii_lowercase();
        if let Some((in_project, in_new)) = self.by_name.get(&key) {
            let same_place = |e: &Entity| r.iso3.is_none() || e.iso3.is_none() || e.iso3 == r.iso3;
            let exact = |e: &Entity| e.label == r.label && same_place(e);
            let loose = |e: &Entity| any_label && same_place(e);
            for pred in [&exact as &dyn Fn(&Entity) -> bool, &loose] {
                if let Some(&i) = in_new.iter().find(|&&i| pred(&self.new_entities[i])) {
                    return self.new_entities[i].id;
                }
                if let Some(&id) = in_project.iter().find(|id| pred(&project.entities[id])) {
                    return id;
                }
            }
        }
        let id = project.fresh_entity_id();
        let index = self.new_entities.len();
        self.by_name.entry(key).or_default().1.push(index);
        for alias in &r.aliases {
            let in_new = &mut self
                .by_name
                .entry(alias.to_ascii_lowercase())
                .or_default()
                .1;
            if in_new.last() != Some(&index) {
                in_new.push(index);
            }
        }
        self.new_entities.push(Entity {
            id,
            name: r.name.clone(),
            label: r.label.clone(),
            aliases: r.aliases.clone(),
            iso3: r.iso3.clone(),
            role: r.role.clone(),
        });
        id
    }
}

/// The commands that add the labels an import uses and the project lacks:
/// as the corpus defines them, else grey.
fn label_commands(
    project: &Project,
    corpus: &ImportedCorpus,
    new_labels: Vec<String>,
) -> Vec<Command> {
    let mut keys_taken: Vec<char> = project.labels.iter().filter_map(|l| l.shortcut).collect();
    new_labels
        .into_iter()
        .map(|name| {
            let label = match corpus.labels.iter().find(|l| l.name == name) {
                Some(defined) => Label {
                    // A key the project already uses stays with its label.
                    shortcut: defined.shortcut.filter(|k| !keys_taken.contains(k)),
                    builtin: false,
                    ..defined.clone()
                },
                None => Label {
                    name,
                    color: Rgb(128, 128, 128),
                    shortcut: None,
                    description: "Imported".into(),
                    builtin: false,
                },
            };
            keys_taken.extend(label.shortcut);
            Command::PutLabel(label)
        })
        .collect()
}

/// One imported document as a project document, its annotations with ids
/// from `project` and their analysts in its annotator map; the labels it
/// uses that the project lacks are added to `new_labels`.
fn project_document(
    project: &mut Project,
    entities: &mut EntityResolver,
    new_labels: &mut Vec<String>,
    d: &ImportedDocument,
) -> Document {
    let mut doc = Document::new(project.fresh_doc_id(), d.meta.clone(), d.text.clone());
    for a in &d.annotations {
        if let ImportedKind::Entity { label, .. } = &a.kind
            && project.labels.get(label).is_none()
            && !new_labels.contains(label)
        {
            new_labels.push(label.clone());
        }
        let kind = kind_of(&a.kind, &mut |r, any_label| {
            entities.resolve(project, r, any_label)
        });
        if Span::checked(a.span.start, a.span.end, doc.text()).is_none() || a.span.is_empty() {
            continue;
        }
        let id = project.fresh_annotation_id();
        doc.insert_annotation(Annotation {
            id,
            span: a.span,
            kind,
            origin: a.origin.unwrap_or(Origin::Imported),
            status: a.status,
        });
        if let Some(name) = a
            .annotator
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            doc.set_annotator(id, Some(name.to_owned()));
        }
    }
    doc
}

/// The one command that adds an imported corpus to a project: its new
/// labels, the canonical entities its annotations name (reusing the
/// project's own where the name or an alias matches under the same label,
/// or any label for a speaker, and the ISO codes do not differ), and the
/// documents with their annotations, with origin `Imported` where the
/// corpus records none, and their analysts where it records them.
/// Returns `None` for an empty corpus. Ids are taken from `project`.
pub fn corpus_command(project: &mut Project, corpus: &ImportedCorpus) -> Option<Command> {
    if corpus.documents.is_empty() {
        return None;
    }
    let mut entities = EntityResolver::new(project);
    let mut new_labels: Vec<String> = Vec::new();
    let docs: Vec<Document> = corpus
        .documents
        .iter()
        .map(|d| project_document(project, &mut entities, &mut new_labels, d))
        .collect();
    let n = docs.len();
    let mut commands = label_commands(project, corpus, new_labels);
    commands.extend(entities.new_entities.into_iter().map(Command::PutEntity));
    commands.push(Command::AddDocuments(docs));
    Some(Command::Batch {
        description: if n == 1 {
            "import 1 annotated document".into()
        } else {
            format!("import {n} annotated documents")
        },
        commands,
    })
}
