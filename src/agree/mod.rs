//! Agreement between analysts who annotated the same articles in separate
//! projects: each project is one annotator's layer, and documents are
//! matched by the hash of their text, whatever their titles or ids.
//!
//! Only accepted annotations count: suggestions nobody reviewed are not an
//! analyst's judgement.

pub mod curate;
pub mod metrics;
mod report;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use crate::export::jsonl::text_sha256;
use crate::export::tokenize::sentences;
use crate::model::{Annotation, AnnotationKind, Document, Project, Status};
use crate::project::ProjectError;
use crate::text::Span;

pub use report::{ReportFormat, render};

/// Why agreement could not be computed.
#[derive(Debug, Error)]
pub enum AgreeError {
    /// Fewer than two projects were given.
    #[error("agreement needs at least two projects, got {0}")]
    TooFewLayers(usize),
    /// A project did not read.
    #[error(transparent)]
    Project(#[from] ProjectError),
}

/// One analyst's project.
#[derive(Clone, Debug)]
pub struct Layer {
    /// The name shown in tables: the file's stem, made unique.
    pub name: String,
    /// The analyst's project.
    pub project: Project,
}

/// Reads projects as layers, named after their files.
pub fn load_layers(paths: &[PathBuf]) -> Result<Vec<Layer>, AgreeError> {
    let mut layers = Vec::with_capacity(paths.len());
    for path in paths {
        let project = crate::project::load(path)?;
        layers.push(Layer {
            name: layer_name(path),
            project,
        });
    }
    make_names_unique(&mut layers);
    Ok(layers)
}

fn layer_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn make_names_unique(layers: &mut [Layer]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for layer in layers.iter_mut() {
        let count = seen.entry(layer.name.clone()).or_default();
        *count += 1;
        if *count > 1 {
            layer.name = format!("{} ({})", layer.name, count);
        }
    }
}

/// One article of the shared corpus with each layer's version of it.
#[derive(Clone, Debug)]
pub struct CorpusDocument<'a> {
    /// The hash of the article's text, which matches it across projects.
    pub text_sha256: String,
    /// The article's title in the first project that has it.
    pub title: String,
    /// The article's text.
    pub text: &'a str,
    /// Indexed like the layers; `None` where that analyst lacks the article.
    pub versions: Vec<Option<&'a Document>>,
}

/// The union of the layers' articles, in the order they first appear.
pub fn corpus(layers: &[Layer]) -> Vec<CorpusDocument<'_>> {
    let mut out: Vec<CorpusDocument<'_>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, layer) in layers.iter().enumerate() {
        for doc in &layer.project.documents {
            let hash = text_sha256(doc.text());
            let at = *index.entry(hash.clone()).or_insert_with(|| {
                out.push(CorpusDocument {
                    text_sha256: hash,
                    title: doc.title().to_owned(),
                    text: doc.text(),
                    versions: vec![None; layers.len()],
                });
                out.len() - 1
            });
            // A text twice in one project: the first copy stands.
            out[at].versions[i].get_or_insert(doc);
        }
    }
    out
}

/// Agreement of two analysts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAgreement {
    /// The first analyst's name.
    pub a: String,
    /// The second analyst's name.
    pub b: String,
    /// F1 of one analyst's spans against the other's, counting a span only
    /// when both boundaries (and the label) are the same.
    pub f1_exact: Option<f64>,
    /// The same, counting spans that overlap (with the same label).
    pub f1_overlap: Option<f64>,
    /// Cohen's κ on token labels (entities only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kappa: Option<f64>,
}

/// Entity agreement for one label, or for all of them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelAgreement {
    /// The label; `None` for all labels together.
    pub label: Option<String>,
    /// Krippendorff's α (nominal) on token labels, over every analyst.
    pub alpha: Option<f64>,
    /// Each pair of analysts.
    pub pairs: Vec<PairAgreement>,
}

/// How far two analysts' spans of one kind (quotes, claims) agree.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanAgreement {
    /// The first analyst's name.
    pub a: String,
    /// The second analyst's name.
    pub b: String,
    /// F1 of one analyst's spans against the other's, same start and end.
    pub f1_exact: Option<f64>,
    /// F1 of one analyst's spans against the other's, overlapping.
    pub f1_overlap: Option<f64>,
    /// Spans both marked (overlapping, one to one).
    pub both_marked: usize,
}

/// Quotes of two analysts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteAgreement {
    /// The quotes' spans.
    #[serde(flatten)]
    pub spans: SpanAgreement,
    /// The share of those both marked whose speaker is the same.
    pub speaker: Option<f64>,
}

/// Spending claims of two analysts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimAgreement {
    /// The claims' spans.
    #[serde(flatten)]
    pub spans: SpanAgreement,
    /// The share of those both marked agreeing on the country.
    pub country: Option<f64>,
    /// The share of those agreeing on the year.
    pub year: Option<f64>,
    /// The share of those agreeing on the value.
    pub value: Option<f64>,
    /// The share of those agreeing on the unit.
    pub unit: Option<f64>,
}

/// Entity agreement on one article, for the heatmap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentAgreement {
    /// The article's title.
    pub title: String,
    /// The hash of the article's text.
    pub text_sha256: String,
    /// The analysts who have the article.
    pub annotators: Vec<String>,
    /// Krippendorff's α over every analyst who has the article.
    pub alpha: Option<f64>,
    /// Each pair of analysts who have the article.
    pub pairs: Vec<PairAgreement>,
}

/// Everything `dossier agree` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The analysts, in the order of the projects given.
    pub annotators: Vec<String>,
    /// Articles in the corpus (the union of the projects).
    pub documents: usize,
    /// Articles some analyst lacks: they count only among those who have
    /// them (α treats the others as missing; pairs skip them).
    pub partial_documents: Vec<DocumentAgreement>,
    /// Entities, all labels together.
    pub entities: LabelAgreement,
    /// Entities, one label at a time.
    pub entity_labels: Vec<LabelAgreement>,
    /// Quotes, a pair of analysts at a time.
    pub quotes: Vec<QuoteAgreement>,
    /// Spending claims, a pair of analysts at a time.
    pub claims: Vec<ClaimAgreement>,
    /// Entity agreement article by article, for the heatmap.
    pub per_document: Vec<DocumentAgreement>,
}

/// The label of the accepted entity covering each token, `O` outside any.
/// Where mentions overlap, the first (earliest, then longest) wins.
pub fn token_labels(doc: &Document) -> Vec<String> {
    let entities: Vec<&Annotation> = accepted(doc).filter(|a| a.is_entity()).collect();
    token_spans(doc.text())
        .into_iter()
        .map(|t| {
            entities
                .iter()
                .find(|a| overlaps(a.span, t))
                .and_then(|a| a.kind.label())
                .unwrap_or(OUTSIDE)
                .to_owned()
        })
        .collect()
}

/// The tag of tokens outside every entity.
pub const OUTSIDE: &str = "O";

/// The tokens of a text, as the token-based exports cut it.
pub fn token_spans(text: &str) -> Vec<Span> {
    sentences(text)
        .into_iter()
        .flatten()
        .map(|t| t.span)
        .collect()
}

fn accepted(doc: &Document) -> impl Iterator<Item = &Annotation> {
    doc.annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted)
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Computes every figure of the report.
pub fn compute(layers: &[Layer]) -> Result<Report, AgreeError> {
    if layers.len() < 2 {
        return Err(AgreeError::TooFewLayers(layers.len()));
    }
    let names: Vec<String> = layers.iter().map(|l| l.name.clone()).collect();
    let docs = corpus(layers);
    // Token labels of every version, computed once.
    let tokens: Vec<Vec<Option<Vec<String>>>> = docs
        .iter()
        .map(|d| d.versions.iter().map(|v| v.map(token_labels)).collect())
        .collect();
    let labels: BTreeSet<String> = layers
        .iter()
        .flat_map(|l| &l.project.documents)
        .flat_map(accepted)
        .filter_map(|a| a.kind.label().map(str::to_owned))
        .collect();
    let all_docs: Vec<usize> = (0..docs.len()).collect();
    let entities = label_agreement(&names, &docs, &tokens, &all_docs, None);
    let entity_labels = labels
        .iter()
        .map(|l| label_agreement(&names, &docs, &tokens, &all_docs, Some(l)))
        .collect();
    let per_document: Vec<DocumentAgreement> = (0..docs.len())
        .map(|i| {
            let overall = label_agreement(&names, &docs, &tokens, &[i], None);
            DocumentAgreement {
                title: docs[i].title.clone(),
                text_sha256: docs[i].text_sha256.clone(),
                annotators: docs[i]
                    .versions
                    .iter()
                    .zip(&names)
                    .filter(|(v, _)| v.is_some())
                    .map(|(_, n)| n.clone())
                    .collect(),
                alpha: overall.alpha,
                pairs: overall.pairs,
            }
        })
        .collect();
    let partial_documents = per_document
        .iter()
        .filter(|d| d.annotators.len() < names.len())
        .cloned()
        .collect();
    let mut quotes = Vec::new();
    let mut claims = Vec::new();
    for (a, b) in pairs(names.len()) {
        let shared = shared_versions(&docs, a, b);
        quotes.push(quote_agreement(&names, a, b, &shared, layers));
        claims.push(claim_agreement(&names, a, b, &shared));
    }
    Ok(Report {
        annotators: names,
        documents: docs.len(),
        partial_documents,
        entities,
        entity_labels,
        quotes,
        claims,
        per_document,
    })
}

fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |a| (a + 1..n).map(move |b| (a, b)))
}

/// The versions of the articles both analysts have.
fn shared_versions<'a>(
    docs: &[CorpusDocument<'a>],
    a: usize,
    b: usize,
) -> Vec<(&'a Document, &'a Document)> {
    docs.iter()
        .filter_map(|d| Some((d.versions[a]?, d.versions[b]?)))
        .collect()
}

/// Entity agreement over the articles `which`, for one label (tokens and
/// spans of other labels count as outside it) or for all.
fn label_agreement(
    names: &[String],
    docs: &[CorpusDocument<'_>],
    tokens: &[Vec<Option<Vec<String>>>],
    which: &[usize],
    label: Option<&str>,
) -> LabelAgreement {
    let mut codes: HashMap<String, u32> = HashMap::new();
    let mut code = |l: &str| -> u32 {
        let value = match label {
            None => l,
            Some(wanted) if l == wanted => wanted,
            Some(_) => OUTSIDE,
        };
        let next = codes.len() as u32;
        *codes.entry(value.to_owned()).or_insert(next)
    };
    // One unit per token; a rater's value is missing where they lack the
    // article.
    let mut units: Vec<Vec<Option<u32>>> = Vec::new();
    for &i in which {
        let versions = &tokens[i];
        let count = versions.iter().flatten().map(Vec::len).next().unwrap_or(0);
        for t in 0..count {
            units.push(
                versions
                    .iter()
                    .map(|v| v.as_ref().map(|labels| code(&labels[t])))
                    .collect(),
            );
        }
    }
    let alpha = metrics::krippendorff_alpha_nominal(&units);
    let pair_figures = pairs(names.len())
        .map(|(a, b)| {
            let (ra, rb): (Vec<u32>, Vec<u32>) =
                units.iter().filter_map(|u| Some((u[a]?, u[b]?))).unzip();
            let (exact, overlap) = span_f1(which.iter().filter_map(|&i| {
                let d = &docs[i];
                Some((
                    entity_spans(d.versions[a]?, label),
                    entity_spans(d.versions[b]?, label),
                ))
            }));
            PairAgreement {
                a: names[a].clone(),
                b: names[b].clone(),
                f1_exact: exact,
                f1_overlap: overlap,
                kappa: metrics::cohen_kappa(&ra, &rb),
            }
        })
        .collect();
    LabelAgreement {
        label: label.map(str::to_owned),
        alpha,
        pairs: pair_figures,
    }
}

/// Accepted entity spans with their labels (only `label`'s, when given).
fn entity_spans(doc: &Document, label: Option<&str>) -> Vec<(Span, String)> {
    accepted(doc)
        .filter_map(|a| a.kind.label().map(|l| (a.span, l)))
        .filter(|(_, l)| label.is_none_or(|w| w == *l))
        .map(|(s, l)| (s, l.to_owned()))
        .collect()
}

/// Exact and overlapping F1 of labelled spans, summed over articles.
fn span_f1<K: PartialEq>(
    per_doc: impl Iterator<Item = (Vec<(Span, K)>, Vec<(Span, K)>)>,
) -> (Option<f64>, Option<f64>) {
    let (mut total_a, mut total_b) = (0, 0);
    let (mut exact, mut overlap_a, mut overlap_b) = (0, 0, 0);
    for (a, b) in per_doc {
        total_a += a.len();
        total_b += b.len();
        // Exact matches one to one, so that a span marked twice on one side
        // does not count twice.
        let mut used = vec![false; b.len()];
        for x in &a {
            if let Some(j) = (0..b.len()).find(|&j| !used[j] && b[j] == *x) {
                used[j] = true;
                exact += 1;
            }
        }
        let hits = |xs: &[(Span, K)], ys: &[(Span, K)]| {
            xs.iter()
                .filter(|x| ys.iter().any(|y| y.1 == x.1 && overlaps(x.0, y.0)))
                .count()
        };
        overlap_a += hits(&a, &b);
        overlap_b += hits(&b, &a);
    }
    (
        metrics::f1(exact, total_a, exact, total_b),
        metrics::f1(overlap_a, total_a, overlap_b, total_b),
    )
}

/// Pairs each annotation of `a` with the first unpaired one of `b` that
/// overlaps it (exact matches first).
fn pair_up<'x>(
    a: &[&'x Annotation],
    b: &[&'x Annotation],
) -> Vec<(&'x Annotation, &'x Annotation)> {
    let mut used = vec![false; b.len()];
    let mut out = Vec::new();
    let mut rest = Vec::new();
    for x in a {
        match (0..b.len()).find(|&j| !used[j] && b[j].span == x.span) {
            Some(j) => {
                used[j] = true;
                out.push((*x, b[j]));
            }
            None => rest.push(*x),
        }
    }
    for x in rest {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && overlaps(b[j].span, x.span)) {
            used[j] = true;
            out.push((x, b[j]));
        }
    }
    out
}

fn share(agreeing: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| agreeing as f64 / of as f64)
}

fn kind_spans(doc: &Document, pred: fn(&Annotation) -> bool) -> Vec<(Span, ())> {
    accepted(doc)
        .filter(|a| pred(a))
        .map(|a| (a.span, ()))
        .collect()
}

/// Who a quote is attributed to, comparable across projects (entity ids
/// differ between them): the speaker's name, else the speaker's words, else
/// the named source.
fn speaker_key(project: &Project, doc: &Document, quote: &Annotation) -> Option<String> {
    let AnnotationKind::Quote {
        speaker,
        speaker_span,
        source,
        ..
    } = &quote.kind
    else {
        return None;
    };
    project
        .entity_name(*speaker)
        .map(str::to_owned)
        .or_else(|| speaker_span.map(|s| doc.slice(s).to_owned()))
        .or_else(|| source.clone())
        .map(|s| s.trim().to_lowercase())
}

/// The span figures of one kind of annotation for a pair of analysts;
/// `both` is how many of them they both marked.
fn span_agreement(
    names: &[String],
    (a, b): (usize, usize),
    shared: &[(&Document, &Document)],
    is_kind: fn(&Annotation) -> bool,
    both: usize,
) -> SpanAgreement {
    let (f1_exact, f1_overlap) = span_f1(
        shared
            .iter()
            .map(|(x, y)| (kind_spans(x, is_kind), kind_spans(y, is_kind))),
    );
    SpanAgreement {
        a: names[a].clone(),
        b: names[b].clone(),
        f1_exact,
        f1_overlap,
        both_marked: both,
    }
}

fn quote_agreement(
    names: &[String],
    a: usize,
    b: usize,
    shared: &[(&Document, &Document)],
    layers: &[Layer],
) -> QuoteAgreement {
    let (mut both, mut same) = (0, 0);
    for (x, y) in shared {
        let qa: Vec<&Annotation> = accepted(x).filter(|q| q.is_quote()).collect();
        let qb: Vec<&Annotation> = accepted(y).filter(|q| q.is_quote()).collect();
        for (p, q) in pair_up(&qa, &qb) {
            both += 1;
            if speaker_key(&layers[a].project, x, p) == speaker_key(&layers[b].project, y, q) {
                same += 1;
            }
        }
    }
    QuoteAgreement {
        spans: span_agreement(names, (a, b), shared, Annotation::is_quote, both),
        speaker: share(same, both),
    }
}

fn claim_agreement(
    names: &[String],
    a: usize,
    b: usize,
    shared: &[(&Document, &Document)],
) -> ClaimAgreement {
    let mut both = 0;
    let mut same = [0usize; 4];
    for (x, y) in shared {
        let ca: Vec<&Annotation> = accepted(x).filter(|c| c.is_claim()).collect();
        let cb: Vec<&Annotation> = accepted(y).filter(|c| c.is_claim()).collect();
        for (p, q) in pair_up(&ca, &cb) {
            let (
                AnnotationKind::Claim {
                    country: c1,
                    iso3: i1,
                    year: y1,
                    value: v1,
                    unit: u1,
                    ..
                },
                AnnotationKind::Claim {
                    country: c2,
                    iso3: i2,
                    year: y2,
                    value: v2,
                    unit: u2,
                    ..
                },
            ) = (&p.kind, &q.kind)
            else {
                continue;
            };
            both += 1;
            let same_country = match (i1, i2) {
                (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
                _ => c1.trim().eq_ignore_ascii_case(c2.trim()),
            };
            let same_value = (v1 - v2).abs() <= 1e-9 * v1.abs().max(1.0);
            for (k, agrees) in [same_country, y1 == y2, same_value, u1 == u2]
                .into_iter()
                .enumerate()
            {
                same[k] += usize::from(agrees);
            }
        }
    }
    ClaimAgreement {
        spans: span_agreement(names, (a, b), shared, Annotation::is_claim, both),
        country: share(same[0], both),
        year: share(same[1], both),
        value: share(same[2], both),
        unit: share(same[3], both),
    }
}
