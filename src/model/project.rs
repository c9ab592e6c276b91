use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Annotation, AnnotationId, DocId, Document, Entity, EntityId, LabelSet};

/// A name the analyst taught the project ("annotate once, everywhere"): it is
/// suggested wherever it occurs in the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazetteerEntry {
    /// The name as the analyst marked it.
    pub text: String,
    /// The label it gets wherever it occurs.
    pub label: String,
    /// The canonical entity its mentions resolve to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
}

/// Everything that is saved in a `.dossier` file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    /// The project's name, shown in the title bar.
    pub name: String,
    /// The articles, in the order they were added.
    pub documents: Vec<Document>,
    /// The canonical entities mentions resolve to.
    pub entities: BTreeMap<EntityId, Entity>,
    /// The labels the project uses.
    pub labels: LabelSet,
    /// Names the analyst taught the project.
    pub gazetteer: Vec<GazetteerEntry>,
    pub(crate) next_id: u64,
}

impl Project {
    /// An empty project called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            next_id: 1,
            ..Default::default()
        }
    }

    /// The largest id a project holds. Project files and exports carry ids
    /// as JSON numbers, which JavaScript and float-based readers keep exact
    /// only up to 2^53; a file with larger ones is refused on loading, so
    /// that counting up from here can never wrap.
    pub const MAX_ID: u64 = 1 << 53;

    /// A fresh id, unique among documents, annotations and entities of this
    /// project. Ids are never reused, so an undone deletion gets its own back.
    pub fn fresh_id(&mut self) -> u64 {
        self.next_id = self.next_id.max(1);
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// A fresh document id (see [`Self::fresh_id`]).
    pub fn fresh_doc_id(&mut self) -> DocId {
        DocId(self.fresh_id())
    }

    /// A fresh annotation id (see [`Self::fresh_id`]).
    pub fn fresh_annotation_id(&mut self) -> AnnotationId {
        AnnotationId(self.fresh_id())
    }

    /// A fresh entity id (see [`Self::fresh_id`]).
    pub fn fresh_entity_id(&mut self) -> EntityId {
        EntityId(self.fresh_id())
    }

    /// Makes sure `id` is never handed out again; for one thing added with
    /// an id of its own, where [`Self::reserve_ids_in_use`] would scan the
    /// whole project.
    pub(crate) fn reserve_id(&mut self, id: u64) {
        self.next_id = self.next_id.max(id.saturating_add(1));
    }

    /// Makes sure `next_id` is past every id in use; for projects assembled
    /// from files.
    pub(crate) fn reserve_ids_in_use(&mut self) {
        let max_doc = self.documents.iter().map(|d| d.id.0).max().unwrap_or(0);
        let max_ann = self
            .documents
            .iter()
            .flat_map(|d| d.annotations().iter().map(|a| a.id.0))
            .max()
            .unwrap_or(0);
        let max_ent = self.entities.keys().map(|e| e.0).max().unwrap_or(0);
        self.reserve_id(max_doc.max(max_ann).max(max_ent));
    }

    /// The document with this id.
    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.document_index(id).map(|i| &self.documents[i])
    }

    pub(crate) fn document_mut(&mut self, id: DocId) -> Option<&mut Document> {
        self.document_index(id).map(|i| &mut self.documents[i])
    }

    /// Where the document with this id is in [`Self::documents`].
    pub fn document_index(&self, id: DocId) -> Option<usize> {
        // Documents are usually in id order (ids grow, opened documents are
        // appended), so a binary search finds them in a large project; its
        // answer is checked, and a scan covers any other order.
        match self.documents.binary_search_by_key(&id, |d| d.id) {
            Ok(i) => Some(i),
            Err(_) => self.documents.iter().position(|d| d.id == id),
        }
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(&id)
    }

    /// The entity's canonical name, for display and export.
    pub fn entity_name(&self, id: Option<EntityId>) -> Option<&str> {
        id.and_then(|id| self.entities.get(&id))
            .map(|e| e.name.as_str())
    }

    /// Finds the canonical entity a surface string names under a label.
    pub fn find_entity(&self, label: &str, surface: &str) -> Option<&Entity> {
        self.entities
            .values()
            .find(|e| e.label == label && e.is_named(surface))
    }

    /// The people mentioned (live PERSON mentions linked to an entity) in a
    /// document, each once, in order of first mention: the candidates for a
    /// quote's speaker.
    pub fn people_in<'d>(&self, doc: &'d Document) -> Vec<(EntityId, &'d Annotation)> {
        let mut seen = Vec::new();
        for a in doc.live_annotations() {
            if let super::AnnotationKind::Entity {
                label,
                entity: Some(e),
            } = &a.kind
                && label == super::label::PERSON
                && !seen.iter().any(|(id, _)| id == e)
            {
                seen.push((*e, a));
            }
        }
        seen
    }

    /// Total number of live annotations in the corpus.
    pub fn live_annotation_count(&self) -> usize {
        self.documents
            .iter()
            .map(|d| d.live_annotations().count())
            .sum()
    }
}
