use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Annotation, AnnotationId};
use crate::text::{OffsetIndex, Span};

/// Identifies a document within a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub u64);

/// What is known about a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// The headline, or the file name when there is none.
    pub title: String,
    /// The file it was read from.
    pub source_path: Option<PathBuf>,
    /// As given by the source, ISO 8601 where it was.
    pub date: Option<String>,
    /// The publication ("Reuters", "Defense News").
    pub outlet: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// The key of the document in the file it came from (`id` of a JSON
    /// record), kept so that exports can refer back to it.
    pub external_id: Option<String>,
}

/// An article: its text, which never changes once imported, and the
/// annotations on it, kept sorted by span.
///
/// Cloning is cheap: the text and its offset index are shared, and the
/// annotations are copied only when one side changes them. The autosave
/// snapshot of a 10,000-document project is a clone taken on the UI thread
/// between two frames, so it must cost pointers, not megabytes.
#[derive(Clone, Debug)]
pub struct Document {
    /// Unique within the project.
    pub id: DocId,
    /// Title, date, outlet and where it came from.
    pub meta: DocumentMeta,
    text: Arc<str>,
    offsets: Arc<OffsetIndex>,
    annotations: Arc<Vec<Annotation>>,
    /// Who last added, accepted, edited or rejected each annotation. A side
    /// map rather than a field of [`Annotation`], so that the engines that
    /// build annotations need not know about analysts; an entry may outlive
    /// its annotation (undoing a deletion brings both back together).
    annotators: Arc<std::collections::BTreeMap<AnnotationId, String>>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.meta == other.meta
            && self.text == other.text
            && self.annotations == other.annotations
            && self.annotators == other.annotators
    }
}

impl Document {
    /// A document without annotations.
    pub fn new(id: DocId, meta: DocumentMeta, text: String) -> Self {
        let offsets = Arc::new(OffsetIndex::new(&text));
        Self {
            id,
            meta,
            text: text.into(),
            offsets,
            annotations: Arc::default(),
            annotators: Arc::default(),
        }
    }

    /// The analyst who last added, accepted, edited or rejected an
    /// annotation, when known.
    pub fn annotator(&self, id: AnnotationId) -> Option<&str> {
        self.annotators.get(&id).map(String::as_str)
    }

    /// Records (or, with `None`, forgets) who last handled an annotation;
    /// returns the previous name.
    pub fn set_annotator(&mut self, id: AnnotationId, name: Option<String>) -> Option<String> {
        let map = Arc::make_mut(&mut self.annotators);
        match name {
            Some(n) => map.insert(id, n),
            None => map.remove(&id),
        }
    }

    /// The full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Converts the text's byte offsets to code points and UTF-16 units.
    pub fn offsets(&self) -> &OffsetIndex {
        &self.offsets
    }

    /// The title to show: the metadata's, else the file name.
    pub fn title(&self) -> &str {
        &self.meta.title
    }

    /// All annotations, rejected ones included, ordered by start then by
    /// longest first.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Accepted and suggested annotations.
    pub fn live_annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().filter(|a| a.is_live())
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The covered text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// A span's code-point offsets, as every export and the GUI show them.
    pub fn char_span(&self, span: Span) -> (usize, usize) {
        (
            self.offsets.char_of_byte(&self.text, span.start),
            self.offsets.char_of_byte(&self.text, span.end),
        )
    }

    /// The byte span of code-point offsets, checked against the text.
    pub fn span_from_chars(&self, start: usize, end: usize) -> Option<Span> {
        let s = self.offsets.byte_of_char(&self.text, start)?;
        let e = self.offsets.byte_of_char(&self.text, end)?;
        (s <= e).then_some(Span::new(s, e))
    }

    /// Inserts keeping the order; the caller has checked the span.
    pub(crate) fn insert_annotation(&mut self, annotation: Annotation) {
        let key = sort_key(&annotation);
        let at = self.annotations.partition_point(|a| sort_key(a) <= key);
        Arc::make_mut(&mut self.annotations).insert(at, annotation);
    }

    /// Inserts many annotations at once: appended and sorted again (a
    /// stable merge of two sorted runs), where one insertion each would move
    /// the tail of the list every time.
    pub(crate) fn insert_annotations(&mut self, annotations: Vec<Annotation>) {
        if annotations.len() < 8 {
            annotations
                .into_iter()
                .for_each(|a| self.insert_annotation(a));
            return;
        }
        let list = Arc::make_mut(&mut self.annotations);
        list.extend(annotations);
        list.sort_by_key(sort_key);
    }

    pub(crate) fn remove_annotation(&mut self, id: AnnotationId) -> Option<Annotation> {
        let i = self.annotations.iter().position(|a| a.id == id)?;
        Some(Arc::make_mut(&mut self.annotations).remove(i))
    }

    /// Removes annotations by id in one pass over the list; returns them in
    /// the order of `ids` (an id given twice or not present is skipped).
    pub(crate) fn remove_annotations(&mut self, ids: &[AnnotationId]) -> Vec<Annotation> {
        if ids.len() < 8 {
            return ids
                .iter()
                .filter_map(|id| self.remove_annotation(*id))
                .collect();
        }
        let wanted: std::collections::HashSet<AnnotationId> = ids.iter().copied().collect();
        let mut taken: std::collections::HashMap<AnnotationId, Annotation> =
            Arc::make_mut(&mut self.annotations)
                .extract_if(.., |a| wanted.contains(&a.id))
                .map(|a| (a.id, a))
                .collect();
        ids.iter().filter_map(|id| taken.remove(id)).collect()
    }

    /// Replaces an annotation by id, keeping the order; returns the old one.
    pub(crate) fn replace_annotation(&mut self, annotation: Annotation) -> Option<Annotation> {
        let old = self.remove_annotation(annotation.id)?;
        self.insert_annotation(annotation);
        Some(old)
    }

    /// The live annotations that cover a byte offset, innermost first.
    pub fn annotations_at(&self, byte: usize) -> Vec<&Annotation> {
        let mut hits: Vec<&Annotation> = self
            .live_annotations()
            .filter(|a| a.span.contains_byte(byte))
            .collect();
        hits.sort_by_key(|a| a.span.len());
        hits
    }

    /// The annotations whose spans start within `range`, using the order.
    pub fn annotations_starting_in(&self, range: std::ops::Range<usize>) -> &[Annotation] {
        let lo = self
            .annotations
            .partition_point(|a| a.span.start < range.start);
        let hi = self
            .annotations
            .partition_point(|a| a.span.start < range.end);
        &self.annotations[lo..hi]
    }

    /// How many live annotations satisfy `pred`.
    pub fn count_live(&self, pred: impl Fn(&Annotation) -> bool) -> usize {
        self.live_annotations().filter(|a| pred(a)).count()
    }

    /// How many annotations have `status`.
    pub fn count_with_status(&self, status: super::Status) -> usize {
        self.annotations
            .iter()
            .filter(|a| a.status == status)
            .count()
    }
}

fn sort_key(a: &Annotation) -> (usize, std::cmp::Reverse<usize>, AnnotationId) {
    (a.span.start, std::cmp::Reverse(a.span.end), a.id)
}
