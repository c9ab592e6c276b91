//! Automatic annotation: the engine finds entities, quotes and claims in a
//! text ([`find`]); [`suggest`] turns those findings into one undoable
//! command that adds them to a document as suggestions, linking mentions to
//! the project's canonical entities and never repeating what the analyst
//! already accepted, edited or rejected.

#![warn(missing_docs)]

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
use std::collections::{HashMap, HashSet};

/// A canonical entity as the engine knows it, before it has a project id.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EntityRef {
    /// The project entity this is known to be (from the project's gazetteer).
    pub id: Option<EntityId>,
    /// The canonical name ("Lloyd J. Austin III", "Poland").
    pub name: String,
    /// The entity label ("PERSON", "GPE", "ORG").
    pub label: String,
    /// The country code, for countries.
    pub iso3: Option<String>,
    /// The person's role or title, when the text or the gazetteer says.
    pub role: Option<String>,
    /// Other names of the entity, carried only by its first mention in a
    /// text (they matter only when the project entity is created).
    pub aliases: Vec<String>,
}

/// Something the engine found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Where in the text, as byte offsets.
    pub span: Span,
    /// What was found there.
    pub kind: FindingKind,
}

/// What a [`Finding`] is.
#[derive(Clone, Debug, PartialEq)]
pub enum FindingKind {
    /// A mention of an entity.
    Entity {
        /// The entity label ("PERSON", "GPE", "ORG", "DATE", "MONEY", …).
        label: String,
        /// The canonical entity mentioned, when the engine knows it.
        entity: Option<EntityRef>,
    },
    /// A quotation.
    Quote {
        /// Who said it, when the engine could tell.
        speaker: Option<EntityRef>,
        /// The mention of the speaker the attribution rests on.
        speaker_span: Option<Span>,
        /// The speech verb ("said", "according to").
        cue: Option<String>,
        /// A non-person source ("readout", "the White House").
        source: Option<String>,
    },
    /// A statement of one country's defence-spending level.
    Claim {
        /// The country's common English short name ("Poland").
        country: String,
        /// The country's ISO 3166 alpha-3 code.
        iso3: Option<String>,
        /// The calendar year of the level, when the text ties one to it.
        year: Option<i32>,
        /// The level: percent of GDP or an amount in full units.
        value: f64,
        /// What `value` is measured in.
        unit: ClaimUnit,
        /// The words the engine relied on.
        evidence: Option<ClaimEvidence>,
    },
}

/// What the engine may use besides the text: the project's own gazetteer.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// Names the analyst taught, each with its label and entity.
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
///
/// Linear in the findings and the document's annotations: a finding is
/// compared only with the annotations on its own span (found by binary
/// search and through a map), and its entity is looked up by name, alias and
/// ISO code rather than against every entity.
pub fn findings_command(
    project: &mut Project,
    doc: DocId,
    findings: Vec<Finding>,
) -> Option<Command> {
    findings_command_with(project, doc, findings, &mut Resolver::default())
}

/// The project's entities indexed for [`findings_command_with`], kept from
/// one document to the next: building the index for every document of a
/// large open would cost the whole project each time.
///
/// Use one resolver for a series of calls on one project, applying each
/// returned command before the next call (entities the command adds are
/// then the project's); an entity indexed but not in the project is
/// ignored.
#[derive(Default)]
pub struct Resolver {
    index: EntityIndex,
    ready: bool,
}

/// [`findings_command`] with a [`Resolver`] kept across documents.
pub fn findings_command_with(
    project: &mut Project,
    doc: DocId,
    findings: Vec<Finding>,
    resolver: &mut Resolver,
) -> Option<Command> {
    // Found once: a search by id per finding made suggesting for a large
    // project quadratic.
    let index = project.document_index(doc)?;
    if links_entities(&findings) {
        resolver.prepare(project);
    }
    let mut entities = NewEntities {
        index: &mut resolver.index,
        position: HashMap::new(),
    };
    let mut new_entities: Vec<Entity> = Vec::new();
    let mut annotations: Vec<Annotation> = Vec::new();
    // The kept annotations by span, for the same-finding test.
    let mut by_span: HashMap<Span, Vec<usize>> = HashMap::new();
    for f in findings {
        let mut resolve_ref = |r| resolve(project, &mut entities, &mut new_entities, r);
        let kind = annotation_kind(f.kind, &mut resolve_ref);
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
        let known = d
            .annotations_starting_in(f.span.start..f.span.start + 1)
            .iter()
            .any(|a| a.same_finding(&candidate))
            || by_span
                .get(&f.span)
                .is_some_and(|ks| ks.iter().any(|&k| annotations[k].same_finding(&candidate)));
        if !known {
            by_span.entry(f.span).or_default().push(annotations.len());
            annotations.push(candidate);
        }
    }
    keep_linked(&mut new_entities, &annotations);
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

/// Whether any finding links to a canonical entity: only then is the
/// project's entity index worth building.
fn links_entities(findings: &[Finding]) -> bool {
    findings.iter().any(|f| {
        matches!(
            f.kind,
            FindingKind::Entity {
                entity: Some(_),
                ..
            } | FindingKind::Quote {
                speaker: Some(_),
                ..
            }
        )
    })
}

impl Resolver {
    /// Indexes the project's entities, the first time it is needed.
    fn prepare(&mut self, project: &Project) {
        if self.ready {
            return;
        }
        for e in project.entities.values() {
            self.index.add(e);
        }
        self.ready = true;
    }
}

/// The annotation a finding becomes, with its entity references resolved
/// to project entities by `resolve`.
fn annotation_kind(
    kind: FindingKind,
    resolve: &mut impl FnMut(EntityRef) -> EntityId,
) -> AnnotationKind {
    match kind {
        FindingKind::Entity { label, entity } => AnnotationKind::Entity {
            label,
            entity: entity.map(resolve),
        },
        FindingKind::Quote {
            speaker,
            speaker_span,
            cue,
            source,
        } => AnnotationKind::Quote {
            speaker: speaker.map(resolve),
            speaker_span,
            cue,
            source,
        },
        FindingKind::Claim {
            value,
            unit,
            country,
            iso3,
            year,
            evidence,
        } => AnnotationKind::Claim {
            country,
            iso3,
            year,
            evidence,
            value,
            unit,
        },
    }
}

/// Drops the new entities that no kept annotation links to.
fn keep_linked(new_entities: &mut Vec<Entity>, annotations: &[Annotation]) {
    let linked: HashSet<EntityId> = annotations
        .iter()
        .filter_map(|a| match &a.kind {
            AnnotationKind::Entity { entity, .. } => *entity,
            AnnotationKind::Quote { speaker, .. } => *speaker,
            _ => None,
        })
        .collect();
    new_entities.retain(|e| linked.contains(&e.id));
}

/// Entities by label and by lower-cased name or alias, and by label and ISO
/// code, so that resolving a finding looks at the few entities that can
/// match instead of every entity.
#[derive(Default)]
struct EntityIndex {
    by_name: HashMap<String, HashMap<String, Vec<EntityId>>>,
    by_iso3: HashMap<String, HashMap<String, Vec<EntityId>>>,
}

impl EntityIndex {
    /// Indexes an entity by its names and ISO code.
    fn add(&mut self, e: &Entity) {
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            self.add_name(&e.label, name, e.id);
        }
        if let Some(iso3) = &e.iso3 {
            push_new(
                self.by_iso3
                    .entry(e.label.clone())
                    .or_default()
                    .entry(iso3.clone())
                    .or_default(),
                e.id,
            );
        }
    }

    /// Indexes `id` under `name` (lower-cased) for `label`.
    fn add_name(&mut self, label: &str, name: &str, id: EntityId) {
        let names = match self.by_name.get_mut(label) {
            Some(n) => n,
            None => self.by_name.entry(label.to_owned()).or_default(),
        };
        push_new(names.entry(name.to_ascii_lowercase()).or_default(), id);
    }

    /// Every indexed entity that may match `r` (a superset: the caller
    /// checks each), in no particular order.
    fn candidates<'a>(&'a self, r: &'a EntityRef) -> impl Iterator<Item = EntityId> + 'a {
        let names = self.by_name.get(r.label.as_str());
        let iso3 = r
            .iso3
            .as_ref()
            .and_then(|c| self.by_iso3.get(r.label.as_str())?.get(c.as_str()));
        std::iter::once(&r.name)
            .chain(&r.aliases)
            .filter_map(move |n| names?.get(&n.to_ascii_lowercase()))
            .chain(iso3)
            .flatten()
            .copied()
    }
}

/// The index with the entities one call makes, by their place in its list.
struct NewEntities<'a> {
    index: &'a mut EntityIndex,
    position: HashMap<EntityId, usize>,
}

/// Pushes `x` unless `v` already holds it.
fn push_new<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// The id of the project's entity for `r`, creating one (collected in `new`)
/// when none matches by name, alias or ISO code. The first match is kept as
/// a scan would find it: the project's entities in id order, then the new
/// ones in the order they were made.
fn resolve(
    project: &mut Project,
    index: &mut NewEntities<'_>,
    new: &mut Vec<Entity>,
    r: EntityRef,
) -> EntityId {
    if let Some(id) = r.id.filter(|id| project.entities.contains_key(id)) {
        return id;
    }
    let matches = |e: &Entity| {
        e.label == r.label
            && (r.iso3.is_some() && e.iso3 == r.iso3
                || e.is_named(&r.name)
                || r.aliases.iter().any(|a| e.is_named(a)))
    };
    // The project's entities first (in id order), then the new ones (in
    // the order they were made).
    let found = index
        .index
        .candidates(&r)
        .filter_map(|id| match index.position.get(&id) {
            Some(&k) => new
                .get(k)
                .is_some_and(&matches)
                .then_some((1, k as u64, id)),
            None => project
                .entities
                .get(&id)
                .is_some_and(&matches)
                .then_some((0, id.0, id)),
        })
        .min();
    match found {
        Some((0, _, id)) => return id,
        Some((_, k, id)) => {
            let e = &mut new[k as usize];
            for a in r.aliases {
                if !e.is_named(&a) {
                    index.index.add_name(&e.label, &a, id);
                    e.aliases.push(a);
                }
            }
            return id;
        }
        None => {}
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
    index.index.add(&entity);
    index.position.insert(id, new.len());
    new.push(entity);
    id
}
