//! [`Command`]: one change to a project, which returns its inverse when
//! applied, so that undo is applying the inverse.

use std::collections::HashSet;

use thiserror::Error;

use crate::model::{
    Annotation, AnnotationId, AnnotationKind, DocId, Document, Entity, EntityId, GazetteerEntry,
    Label, Project, Status,
};
use crate::text::Span;

/// Why a command cannot be applied; the project is then unchanged.
#[derive(Debug, Error, PartialEq)]
pub enum EditError {
    /// The command names a document the project does not have.
    #[error("no document with id {0}")]
    NoDocument(u64),
    /// The command names an annotation the document does not have.
    #[error("no annotation with id {0} in that document")]
    NoAnnotation(u64),
    /// The command names an entity the project does not have.
    #[error("no entity with id {0}")]
    NoEntity(u64),
    /// An entity still linked from annotations (its id, how many) cannot go.
    #[error("entity {0} is still linked from {1} annotation(s)")]
    EntityInUse(u64, usize),
    /// A span outside the text or not on character boundaries.
    #[error("span {start}..{end} does not fit the text of document {doc} ({len} bytes)")]
    BadSpan {
        /// The document's id.
        doc: u64,
        /// The span's first byte.
        start: usize,
        /// The byte after the span.
        end: usize,
        /// The text's length in bytes.
        len: usize,
    },
    /// An annotation must cover at least one character.
    #[error("an empty span cannot be annotated")]
    EmptySpan,
    /// A new document or annotation has an id already taken.
    #[error("id {0} is already in use")]
    DuplicateId(u64),
    /// Built-in labels are part of every project.
    #[error("a built-in label cannot be removed")]
    BuiltinLabel,
    /// The command names a label the project does not have.
    #[error("no label named {0}")]
    NoLabel(String),
}

/// One change to a project. Applying it returns the command that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Appends documents to the corpus.
    AddDocuments(Vec<Document>),
    /// Removes documents by id.
    RemoveDocuments(Vec<DocId>),
    /// Puts documents back where they were; the inverse of a removal.
    RestoreDocuments(Vec<(usize, Document)>),
    /// Adds annotations to a document.
    AddAnnotations {
        /// The document.
        doc: DocId,
        /// The annotations, ids included.
        annotations: Vec<Annotation>,
    },
    /// Removes annotations of a document by id.
    RemoveAnnotations {
        /// The document.
        doc: DocId,
        /// The annotations' ids.
        ids: Vec<AnnotationId>,
    },
    /// Replaces annotations by id (new label, span, speaker, status, …).
    UpdateAnnotations {
        /// The document.
        doc: DocId,
        /// The annotations, ids included.
        annotations: Vec<Annotation>,
    },
    /// Inserts or replaces an entity.
    PutEntity(Entity),
    /// Removes an entity no annotation links to.
    RemoveEntity(EntityId),
    /// Inserts or replaces a label.
    PutLabel(Label),
    /// Removes a label by name (not a built-in one).
    RemoveLabel(String),
    /// Replaces the gazetteer.
    SetGazetteer(Vec<GazetteerEntry>),
    /// Records who handled annotations (`None` forgets): the inverse puts
    /// the previous names back.
    SetAnnotators {
        /// The document.
        doc: DocId,
        /// Each annotation and who handled it.
        entries: Vec<(AnnotationId, Option<String>)>,
    },
    /// Several commands as one undo step.
    Batch {
        /// What the step does, for the Edit menu.
        description: String,
        /// The commands, applied in order.
        commands: Vec<Command>,
    },
}

impl Command {
    /// A batch that sets the status of some annotations of a document.
    pub fn set_status(
        project: &Project,
        doc: DocId,
        ids: &[AnnotationId],
        status: Status,
    ) -> Option<Command> {
        let d = project.document(doc)?;
        let annotations: Vec<Annotation> = ids
            .iter()
            .filter_map(|id| d.annotation(*id))
            .filter(|a| a.status != status)
            .map(|a| Annotation {
                status,
                ..a.clone()
            })
            .collect();
        (!annotations.is_empty()).then_some(Command::UpdateAnnotations { doc, annotations })
    }

    /// What the command does, for the Edit menu ("Undo add PERSON").
    pub fn describe(&self) -> String {
        match self {
            Command::AddDocuments(d) => plural("add", d.len(), "document"),
            Command::RemoveDocuments(d) => plural("remove", d.len(), "document"),
            Command::RestoreDocuments(d) => plural("restore", d.len(), "document"),
            Command::AddAnnotations { annotations, .. } => match annotations.as_slice() {
                [one] => format!("add {}", kind_text(&one.kind)),
                many => plural("add", many.len(), "annotation"),
            },
            Command::RemoveAnnotations { ids, .. } => plural("delete", ids.len(), "annotation"),
            Command::UpdateAnnotations { annotations, .. } => match annotations.as_slice() {
                [one] => format!("edit {}", kind_text(&one.kind)),
                many => plural("edit", many.len(), "annotation"),
            },
            Command::PutEntity(e) => format!("edit entity {}", e.name),
            Command::RemoveEntity(_) => "remove entity".into(),
            Command::PutLabel(l) => format!("edit label {}", l.name),
            Command::RemoveLabel(l) => format!("remove label {l}"),
            Command::SetGazetteer(_) => "edit gazetteer".into(),
            Command::SetAnnotators { entries, .. } => {
                plural("attribute", entries.len(), "annotation")
            }
            Command::Batch { description, .. } => description.clone(),
        }
    }

    /// Applies the command and returns its inverse. On error the project is
    /// unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Command, EditError> {
        match self {
            Command::AddDocuments(docs) => add_documents(project, docs),
            Command::RemoveDocuments(ids) => remove_documents(project, ids),
            Command::RestoreDocuments(docs) => Ok(restore_documents(project, docs)),
            Command::AddAnnotations { doc, annotations } => {
                add_annotations(project, doc, annotations)
            }
            Command::RemoveAnnotations { doc, ids } => remove_annotations(project, doc, ids),
            Command::UpdateAnnotations { doc, annotations } => {
                update_annotations(project, doc, annotations)
            }
            Command::PutEntity(e) => Ok(put_entity(project, e)),
            Command::RemoveEntity(id) => remove_entity(project, id),
            Command::PutLabel(label) => {
                let name = label.name.clone();
                Ok(match project.labels.upsert(label) {
                    Some(old) => Command::PutLabel(old),
                    None => Command::RemoveLabel(name),
                })
            }
            Command::RemoveLabel(name) => remove_label(project, name),
            Command::SetGazetteer(entries) => Ok(Command::SetGazetteer(std::mem::replace(
                &mut project.gazetteer,
                entries,
            ))),
            Command::SetAnnotators { doc, entries } => set_annotators(project, doc, entries),
            Command::Batch {
                description,
                commands,
            } => apply_batch(project, description, commands),
        }
    }
}

/// Appends documents whose ids are new and whose annotations fit their
/// text; the inverse removes them.
fn add_documents(project: &mut Project, docs: Vec<Document>) -> Result<Command, EditError> {
    // Once, not a lookup per document: new ids are past every existing
    // one, so each lookup would miss and fall back to a scan of the whole
    // project.
    let existing: HashSet<DocId> = project.documents.iter().map(|d| d.id).collect();
    for d in &docs {
        if existing.contains(&d.id) {
            return Err(EditError::DuplicateId(d.id.0));
        }
        for a in d.annotations() {
            check_span(d, a.span)?;
        }
    }
    for d in &docs {
        project.reserve_id(d.id.0);
        for a in d.annotations() {
            project.reserve_id(a.id.0);
        }
    }
    let ids = docs.iter().map(|d| d.id).collect();
    project.documents.extend(docs);
    Ok(Command::RemoveDocuments(ids))
}

/// Removes documents, all or none; the inverse puts each back at its place.
fn remove_documents(project: &mut Project, ids: Vec<DocId>) -> Result<Command, EditError> {
    for id in &ids {
        project
            .document_index(*id)
            .ok_or(EditError::NoDocument(id.0))?;
    }
    let mut removed = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(i) = project.document_index(id) {
            removed.push((i, project.documents.remove(i)));
        }
    }
    removed.reverse();
    Ok(Command::RestoreDocuments(removed))
}

/// Inserts documents at their former places, lowest first so each index
/// means what it did before the removal.
fn restore_documents(project: &mut Project, mut docs: Vec<(usize, Document)>) -> Command {
    let ids = docs.iter().map(|(_, d)| d.id).collect();
    docs.sort_by_key(|(i, _)| *i);
    for (i, d) in docs {
        let at = i.min(project.documents.len());
        project.documents.insert(at, d);
    }
    Command::RemoveDocuments(ids)
}

/// Adds annotations with new ids and non-empty spans that fit the text.
fn add_annotations(
    project: &mut Project,
    doc: DocId,
    annotations: Vec<Annotation>,
) -> Result<Command, EditError> {
    let d = document(project, doc)?;
    // The ids already on the document, once: a search per added
    // annotation made suggesting on a long text quadratic.
    let taken = annotation_ids(d);
    for a in &annotations {
        check_annotation_span(d, a.span)?;
        if taken.contains(&a.id) {
            return Err(EditError::DuplicateId(a.id.0));
        }
    }
    let ids: Vec<AnnotationId> = annotations.iter().map(|a| a.id).collect();
    let d = project.document_mut(doc).expect("checked above");
    d.insert_annotations(annotations);
    // Only the added ids can pass `next_id`; scanning the whole
    // project here made opening ten thousand articles quadratic.
    if let Some(max) = ids.iter().map(|i| i.0).max() {
        project.reserve_id(max);
    }
    Ok(Command::RemoveAnnotations { doc, ids })
}

/// Removes annotations, all or none; the inverse adds them back.
fn remove_annotations(
    project: &mut Project,
    doc: DocId,
    ids: Vec<AnnotationId>,
) -> Result<Command, EditError> {
    let d = document(project, doc)?;
    let present = annotation_ids(d);
    if let Some(id) = ids.iter().find(|id| !present.contains(id)) {
        return Err(EditError::NoAnnotation(id.0));
    }
    let d = project.document_mut(doc).expect("checked above");
    let removed = d.remove_annotations(&ids);
    Ok(Command::AddAnnotations {
        doc,
        annotations: removed,
    })
}

/// Replaces existing annotations by id; the inverse holds the old ones.
fn update_annotations(
    project: &mut Project,
    doc: DocId,
    annotations: Vec<Annotation>,
) -> Result<Command, EditError> {
    let d = document(project, doc)?;
    for a in &annotations {
        d.annotation(a.id).ok_or(EditError::NoAnnotation(a.id.0))?;
        check_annotation_span(d, a.span)?;
    }
    let d = project.document_mut(doc).expect("checked above");
    let old = annotations
        .into_iter()
        .filter_map(|a| d.replace_annotation(a))
        .collect();
    Ok(Command::UpdateAnnotations {
        doc,
        annotations: old,
    })
}

/// Inserts or replaces an entity; the inverse restores the old one or
/// removes the new.
fn put_entity(project: &mut Project, e: Entity) -> Command {
    let id = e.id;
    let inverse = match project.entities.insert(id, e) {
        Some(old) => Command::PutEntity(old),
        None => Command::RemoveEntity(id),
    };
    project.reserve_id(id.0);
    inverse
}

/// Removes an entity no annotation links to any more.
fn remove_entity(project: &mut Project, id: EntityId) -> Result<Command, EditError> {
    let uses = entity_uses(project, id);
    if uses > 0 {
        return Err(EditError::EntityInUse(id.0, uses));
    }
    let old = project
        .entities
        .remove(&id)
        .ok_or(EditError::NoEntity(id.0))?;
    Ok(Command::PutEntity(old))
}

/// Removes a label the analyst added; built-in labels stay.
fn remove_label(project: &mut Project, name: String) -> Result<Command, EditError> {
    match project.labels.get(&name) {
        None => Err(EditError::NoLabel(name)),
        Some(l) if l.builtin => Err(EditError::BuiltinLabel),
        Some(_) => Ok(Command::PutLabel(
            project.labels.remove(&name).expect("present"),
        )),
    }
}

/// Sets who handled annotations; the inverse names the previous analysts.
fn set_annotators(
    project: &mut Project,
    doc: DocId,
    entries: Vec<(AnnotationId, Option<String>)>,
) -> Result<Command, EditError> {
    let d = project
        .document_mut(doc)
        .ok_or(EditError::NoDocument(doc.0))?;
    let mut old: Vec<(AnnotationId, Option<String>)> = entries
        .into_iter()
        .map(|(id, name)| (id, d.set_annotator(id, name)))
        .collect();
    // Restored in reverse, so an id listed twice ends as it began.
    old.reverse();
    Ok(Command::SetAnnotators { doc, entries: old })
}

/// Applies the commands in order; when one fails, undoes those applied so
/// the batch is one step that happens whole or not at all.
fn apply_batch(
    project: &mut Project,
    description: String,
    commands: Vec<Command>,
) -> Result<Command, EditError> {
    let mut inverses = Vec::with_capacity(commands.len());
    for c in commands {
        match c.apply(project) {
            Ok(inv) => inverses.push(inv),
            Err(e) => {
                for inv in inverses.into_iter().rev() {
                    inv.apply(project)
                        .expect("an inverse applies to the state it came from");
                }
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(Command::Batch {
        description,
        commands: inverses,
    })
}

impl Command {
    /// The annotations this command attributes to the analyst who runs it:
    /// those added by hand, and every one edited, accepted or rejected. The
    /// engine's new suggestions and imported annotations are nobody's yet.
    pub fn handled_annotations(&self) -> Vec<(DocId, AnnotationId)> {
        let mut out = Vec::new();
        self.collect_handled(&mut out);
        out
    }

    /// Pushes the handled annotations, a batch's commands in order.
    fn collect_handled(&self, out: &mut Vec<(DocId, AnnotationId)>) {
        match self {
            Command::AddAnnotations { doc, annotations } => out.extend(
                annotations
                    .iter()
                    .filter(|a| a.origin == crate::model::Origin::Manual)
                    .map(|a| (*doc, a.id)),
            ),
            Command::UpdateAnnotations { doc, annotations } => {
                out.extend(annotations.iter().map(|a| (*doc, a.id)))
            }
            Command::Batch { commands, .. } => commands.iter().for_each(|c| c.collect_handled(out)),
            _ => {}
        }
    }
}

/// The document `doc` of the project.
fn document(project: &Project, doc: DocId) -> Result<&Document, EditError> {
    project.document(doc).ok_or(EditError::NoDocument(doc.0))
}

/// The ids of the document's annotations, for lookups in one pass.
fn annotation_ids(d: &Document) -> HashSet<AnnotationId> {
    d.annotations().iter().map(|a| a.id).collect()
}

/// A span must lie inside the document's text, on character boundaries.
fn check_span(d: &Document, span: Span) -> Result<(), EditError> {
    Span::checked(span.start, span.end, d.text())
        .map(|_| ())
        .ok_or(EditError::BadSpan {
            doc: d.id.0,
            start: span.start,
            end: span.end,
            len: d.text().len(),
        })
}

/// An annotation's span must also be non-empty.
fn check_annotation_span(d: &Document, span: Span) -> Result<(), EditError> {
    check_span(d, span)?;
    if span.is_empty() {
        return Err(EditError::EmptySpan);
    }
    Ok(())
}

/// How many annotations link to the entity (as entity or speaker).
fn entity_uses(project: &Project, id: EntityId) -> usize {
    project
        .documents
        .iter()
        .flat_map(|d| d.annotations())
        .filter(|a| match &a.kind {
            AnnotationKind::Entity { entity, .. } => *entity == Some(id),
            AnnotationKind::Quote { speaker, .. } => *speaker == Some(id),
            AnnotationKind::Claim { .. } => false,
        })
        .count()
}

/// "add document", "add 3 documents".
fn plural(verb: &str, n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{verb} {noun}")
    } else {
        format!("{verb} {n} {noun}s")
    }
}

/// An annotation's kind as the Edit menu names it: its label, "quote" or
/// "claim".
fn kind_text(kind: &AnnotationKind) -> String {
    match kind {
        AnnotationKind::Entity { label, .. } => label.clone(),
        AnnotationKind::Quote { .. } => "quote".into(),
        AnnotationKind::Claim { .. } => "claim".into(),
    }
}
