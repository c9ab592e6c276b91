//! Automatic annotation: the engine finds entities, quotes and claims in a
//! text ([`find`]); [`suggest`] turns those findings into one undoable
//! command that adds them to a document as suggestions, linking mentions to
//! the project's canonical entities and never repeating what the analyst
//! already accepted, edited or rejected.

mod engine;
pub mod eval;
mod learned;

pub use engine::find;
pub use learned::{ListIssue, find_learned, parse_name_list};

use crate::edit::Command;
use crate::model::{
    Annotation, AnnotationKind, ClaimEvidence, ClaimUnit, DocId, Entity, EntityId, GazetteerEntry,
    Origin, Project, Status,
};
use crate::text::Span;

/// A canonical entity as the engine knows it, before it has a project id.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EntityRef {
    /// The project entity this is known to be (from the project's gazetteer).
    pub id: Option<EntityId>,
    pub name: String,
    pub label: String,
    pub iso3: Option<String>,
    pub role: Option<String>,
    pub aliases: Vec<String>,
}

/// Something the engine found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub span: Span,
    pub kind: FindingKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FindingKind {
    Entity {
        label: String,
        entity: Option<EntityRef>,
    },
    Quote {
        speaker: Option<EntityRef>,
        speaker_span: Option<Span>,
        cue: Option<String>,
        source: Option<String>,
    },
    Claim {
        /// The words the engine relied on.
        evidence: Option<ClaimEvidence>,
        country: String,
        iso3: Option<String>,
        year: Option<i32>,
        value: f64,
        unit: ClaimUnit,
    },
}

/// What the engine may use besides the text: the project's own gazetteer.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    pub gazetteer: &'a [GazetteerEntry],
}

/// The command that adds the engine's findings for one document as
/// suggestions, or `None` when there is nothing new. Findings that repeat an
/// annotation already on the document (in any status) are dropped, so a
/// rejected suggestion stays rejected when the document is annotated again.
pub fn suggest(project: &mut Project, doc: DocId) -> Option<Command> {
    let d = project.document(doc)?;
    let findings = find(
        d.text(),
        &Context {
            gazetteer: &project.gazetteer,
        },
    );
    findings_command(project, doc, findings)
}

/// Resolves findings against the project's entities and builds the command.
pub fn findings_command(
    project: &mut Project,
    doc: DocId,
    findings: Vec<Finding>,
) -> Option<Command> {
    // Found once: a search by id per finding made suggesting for a large
    // project quadratic.
    let index = project.document_index(doc)?;
    let mut new_entities: Vec<Entity> = Vec::new();
    let mut annotations = Vec::new();
    for f in findings {
        let kind = match f.kind {
            FindingKind::Entity { label, entity } => {
                let entity = entity.map(|r| resolve(project, &mut new_entities, r));
                AnnotationKind::Entity { label, entity }
            }
            FindingKind::Quote {
                speaker,
                speaker_span,
                cue,
                source,
            } => AnnotationKind::Quote {
                speaker: speaker.map(|r| resolve(project, &mut new_entities, r)),
                speaker_span,
                cue,
                source,
            },
            FindingKind::Claim {
                evidence,
                country,
                iso3,
                year,
                value,
                unit,
            } => AnnotationKind::Claim {
                evidence,
                country,
                iso3,
                year,
                value,
                unit,
            },
        };
        let candidate = Annotation {
            id: project.fresh_annotation_id(),
            span: f.span,
            kind,
            origin: Origin::Automatic,
            status: Status::Suggested,
        };
        let d = &project.documents[index];
        if Span::checked(f.span.start, f.span.end, d.text()).is_none() || f.span.is_empty() {
            continue;
        }
        let known = d.annotations().iter().any(|a| a.same_finding(&candidate))
            || annotations
                .iter()
                .any(|a: &Annotation| a.same_finding(&candidate));
        if !known {
            annotations.push(candidate);
        }
    }
    // Entities that no kept annotation links to are not added.
    new_entities.retain(|e| {
        annotations.iter().any(|a| match &a.kind {
            AnnotationKind::Entity { entity, .. } => *entity == Some(e.id),
            AnnotationKind::Quote { speaker, .. } => *speaker == Some(e.id),
            _ => false,
        })
    });
    if annotations.is_empty() {
        return None;
    }
    let n = annotations.len();
    let mut commands: Vec<Command> = new_entities.into_iter().map(Command::PutEntity).collect();
    commands.push(Command::AddAnnotations { doc, annotations });
    Some(Command::Batch {
        description: format!("suggest {n} annotations"),
        commands,
    })
}

/// The id of the project's entity for `r`, creating one (collected in `new`)
/// when none matches by name, alias or ISO code.
fn resolve(project: &mut Project, new: &mut Vec<Entity>, r: EntityRef) -> EntityId {
    if let Some(id) = r.id.filter(|id| project.entities.contains_key(id)) {
        return id;
    }
    let matches = |e: &Entity| {
        e.label == r.label
            && (r.iso3.is_some() && e.iso3 == r.iso3
                || e.is_named(&r.name)
                || r.aliases.iter().any(|a| e.is_named(a)))
    };
    if let Some(e) = project.entities.values().find(|e| matches(e)) {
        return e.id;
    }
    if let Some(e) = new.iter_mut().find(|e| matches(e)) {
        r.aliases.into_iter().for_each(|a| e.add_alias(a));
        return e.id;
    }
    let id = project.fresh_entity_id();
    let mut entity = Entity {
        id,
        name: r.name,
        label: r.label,
        aliases: Vec::with_capacity(r.aliases.len()),
        iso3: r.iso3,
        role: r.role,
    };
    r.aliases.into_iter().for_each(|a| entity.add_alias(a));
    new.push(entity);
    id
}
