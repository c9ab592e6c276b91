//! Label Studio tasks (<https://labelstud.io/guide/task_format>): a JSON
//! array, one task a line, each with `data.text`, the accepted annotations
//! as one `annotations` entry and the suggestions as one `predictions` entry
//! (so they show as pre-annotations to review). Beside the tasks goes the
//! labelling configuration (`NAME.config.xml`) that names every control the
//! results refer to.
//!
//! Offsets are code points, the unit of Label Studio's `Text` tag since its
//! frontend stopped counting UTF-16 code units (see `docs/formats.md` for
//! the versions); `value.text` repeats the covered text so that a reader can
//! check the offsets.
//!
//! Every Dossier annotation is one region (`labels` result: an entity label,
//! `Quote`, `Claim`); per-region results with the same `id` carry the rest:
//! `entity`, `iso3`, `speaker`, `cue`, `source`, `country` (`textarea`),
//! `year`, `value` (`number`) and `unit` (`choices`). A quote's speaker
//! mention is a `relation` labelled `speaker` from the quote to the mention
//! (a `SpeakerMention` region when the mention is not itself exported).
//!
//! Who annotated: Label Studio records one user an annotation
//! (`completed_by`), so the accepted annotations' entry gets
//! `completed_by: {"first_name": NAME, "last_name": "", "email": ""}` (the
//! shape of Label Studio's own export) when one analyst handled all of them
//! that have one; and each region's `labels` result carries its analyst as
//! `annotator`, a key Label Studio keeps untouched, so that a task several
//! analysts worked on keeps every name. Suggestions are predictions, which
//! have no user.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{ExportError, Fields, Scope, Tally, Tick, document_key};
use crate::model::{Annotation, ClaimUnit, Document, Project, Status};
use crate::text::Span;

/// The name of the `Text` tag the results point to.
pub const TO_NAME: &str = "text";
/// The name of the `Labels` control every region's label comes from.
pub const LABELS: &str = "label";
/// The label of a quote's region.
pub const QUOTE: &str = "Quote";
/// The label of a claim's region.
pub const CLAIM: &str = "Claim";
/// The label of a speaker's mention that is not itself exported.
pub const SPEAKER_MENTION: &str = "SpeakerMention";
/// The label of the relation from a quote to its speaker's mention.
pub const SPEAKER_RELATION: &str = "speaker";
/// The key, on a region's `labels` result, of the analyst who last handled
/// it. Label Studio keeps a result's extra keys; its own attribution is the
/// annotation's `completed_by`, one user for a whole annotation, which
/// Dossier also writes when one analyst made all the accepted annotations.
pub const ANNOTATOR: &str = "annotator";
/// The per-region text fields, in the order the configuration shows them.
pub const TEXT_FIELDS: [&str; 6] = ["entity", "iso3", "speaker", "cue", "source", "country"];

/// The tasks file and the labelling configuration.
pub(crate) fn render(
    project: &Project,
    docs: &[&Document],
    scope: &Scope,
    tally: &mut Tally,
    tick: &mut Tick<'_>,
) -> Result<(Vec<u8>, String), ExportError> {
    let mut out = String::from("[\n");
    let mut labels = BTreeSet::new();
    for (i, doc) in docs.iter().enumerate() {
        let task = task_json(project, doc, scope, i + 1, &mut labels);
        tally.annotations += scope.annotations(doc).count();
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&task.to_string());
        tick(i + 1)?;
    }
    out.push_str("\n]\n");
    Ok((out.into_bytes(), labeling_config(project, &labels)))
}

fn region_value(doc: &Document, span: Span) -> serde_json::Map<String, Value> {
    let (start, end) = doc.char_span(span);
    let mut m = serde_json::Map::new();
    m.insert("start".into(), json!(start));
    m.insert("end".into(), json!(end));
    m
}

fn result(
    id: &str,
    from: &str,
    ty: &str,
    mut value: serde_json::Map<String, Value>,
    key: &str,
    v: Value,
) -> Value {
    value.insert(key.into(), v);
    json!({"id": id, "from_name": from, "to_name": TO_NAME, "type": ty, "value": value})
}

/// The results of one region: its `labels` result (with the analyst, when
/// known, as `annotator`) and one result a field.
fn region_results(
    id: &str,
    doc: &Document,
    a: &Annotation,
    f: &Fields<'_>,
    label: &str,
) -> Vec<Value> {
    let base = region_value(doc, a.span);
    let mut v = base.clone();
    v.insert("text".into(), json!(doc.slice(a.span)));
    let mut labelled = result(id, LABELS, "labels", v, "labels", json!([label]));
    if let Some(name) = f.annotator {
        labelled[ANNOTATOR] = json!(name);
    }
    let mut out = vec![labelled];
    // An entity has no country and a claim no entity: each writes its name,
    // then its ISO code; a quote writes its attribution.
    let names = [
        ("entity", f.entity),
        ("country", f.country),
        ("iso3", f.iso3),
    ];
    let attribution = [("speaker", f.speaker), ("cue", f.cue), ("source", f.source)];
    for (name, value) in names.into_iter().chain(attribution) {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.push(result(
                id,
                name,
                "textarea",
                base.clone(),
                "text",
                json!([value]),
            ));
        }
    }
    let numbers = [("year", f.year.map(f64::from)), ("value", f.value)];
    for (name, number) in numbers {
        if let Some(n) = number {
            let n = if name == "year" {
                json!(n as i64)
            } else {
                json!(n)
            };
            out.push(result(id, name, "number", base.clone(), "number", n));
        }
    }
    if let Some(unit) = f.unit_text() {
        out.push(result(
            id,
            "unit",
            "choices",
            base,
            "choices",
            json!([unit]),
        ));
    }
    out
}

/// The `relation` from a quote to its speaker's mention: the exported
/// mention at that span, else a `SpeakerMention` region added for it.
fn speaker_relation(
    doc: &Document,
    quote_id: &str,
    s: Span,
    mention_ids: &mut BTreeMap<(usize, usize), String>,
    labels: &mut BTreeSet<String>,
    out: &mut Vec<Value>,
) {
    let to = match mention_ids.get(&(s.start, s.end)) {
        Some(m) => m.clone(),
        None => {
            let id = format!("{quote_id}-speaker");
            let mut v = region_value(doc, s);
            v.insert("text".into(), json!(doc.slice(s)));
            out.push(result(
                &id,
                LABELS,
                "labels",
                v,
                "labels",
                json!([SPEAKER_MENTION]),
            ));
            labels.insert(SPEAKER_MENTION.into());
            mention_ids.insert((s.start, s.end), id.clone());
            id
        }
    };
    out.push(json!({
        "type": "relation", "from_id": quote_id, "to_id": to,
        "direction": "right", "labels": [SPEAKER_RELATION],
    }));
}

/// The results of one set of annotations (accepted or suggested).
fn results(
    project: &Project,
    doc: &Document,
    set: &[&Annotation],
    labels: &mut BTreeSet<String>,
) -> Vec<Value> {
    let mut out = Vec::new();
    let mut mention_ids: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut relations = Vec::new();
    for a in set {
        let id = format!("a{}", a.id.0);
        let f = Fields::of(project, doc, a);
        let label = f.tag(a, QUOTE, CLAIM);
        labels.insert(label.to_owned());
        out.extend(region_results(&id, doc, a, &f, label));
        if a.is_entity() {
            mention_ids
                .entry((a.span.start, a.span.end))
                .or_insert_with(|| id.clone());
        }
        if let Some(s) = f.speaker_span {
            relations.push((id, s));
        }
    }
    for (quote_id, s) in relations {
        speaker_relation(doc, &quote_id, s, &mut mention_ids, labels, &mut out);
    }
    out
}

/// The `completed_by` of the accepted annotations: Label Studio's user
/// object, with the analyst's name as `first_name` (Dossier knows no email
/// or user id), when every one of them that has an analyst has the same.
fn completed_by(doc: &Document, accepted: &[&Annotation]) -> Option<Value> {
    let mut names = accepted.iter().filter_map(|a| doc.annotator(a.id));
    let first = names.next()?;
    names
        .all(|n| n == first)
        .then(|| json!({"first_name": first, "last_name": "", "email": ""}))
}

/// One task: `id` is its 1-based position in the file.
pub fn task_json(
    project: &Project,
    doc: &Document,
    scope: &Scope,
    id: usize,
    labels: &mut BTreeSet<String>,
) -> Value {
    let (accepted, suggested): (Vec<&Annotation>, Vec<&Annotation>) = scope
        .annotations(doc)
        .partition(|a| a.status == Status::Accepted);
    let meta = &doc.meta;
    let mut data = json!({"text": doc.text(), "doc_id": document_key(doc), "title": meta.title});
    for (k, v) in [
        ("date", &meta.date),
        ("outlet", &meta.outlet),
        ("url", &meta.url),
    ] {
        if let Some(v) = v {
            data[k] = json!(v);
        }
    }
    let mut task = json!({"id": id, "data": data});
    if !accepted.is_empty() {
        let mut annotation =
            json!({"result": results(project, doc, &accepted, labels), "ground_truth": false});
        if let Some(by) = completed_by(doc, &accepted) {
            annotation["completed_by"] = by;
        }
        task["annotations"] = json!([annotation]);
    }
    if !suggested.is_empty() {
        task["predictions"] = json!([{"model_version": "dossier-suggestions", "result": results(project, doc, &suggested, labels)}]);
    }
    task
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The labelling configuration for tasks that use `labels` (plus the
/// project's label set, so that every label can be applied in Label Studio).
pub fn labeling_config(project: &Project, used: &BTreeSet<String>) -> String {
    let mut names: Vec<String> = project.labels.iter().map(|l| l.name.clone()).collect();
    for l in used {
        if !names.contains(l) && l != QUOTE && l != CLAIM && l != SPEAKER_MENTION {
            names.push(l.clone());
        }
    }
    let mut c = String::from("<View>\n");
    let _ = writeln!(
        c,
        "  <Relations>\n    <Relation value=\"{SPEAKER_RELATION}\"/>\n  </Relations>"
    );
    let _ = writeln!(c, "  <Labels name=\"{LABELS}\" toName=\"{TO_NAME}\">");
    for n in &names {
        let crate::model::Rgb(r, g, b) = project.labels.color(n);
        let _ = writeln!(
            c,
            "    <Label value=\"{}\" background=\"#{r:02x}{g:02x}{b:02x}\"/>",
            xml_escape(n)
        );
    }
    let _ = writeln!(c, "    <Label value=\"{QUOTE}\" background=\"#f0e442\"/>");
    let _ = writeln!(c, "    <Label value=\"{CLAIM}\" background=\"#e69f00\"/>");
    let _ = writeln!(
        c,
        "    <Label value=\"{SPEAKER_MENTION}\" background=\"#999999\"/>"
    );
    c.push_str("  </Labels>\n");
    let _ = writeln!(c, "  <Text name=\"{TO_NAME}\" value=\"$text\"/>");
    c.push_str("  <View visibleWhen=\"region-selected\">\n");
    for f in TEXT_FIELDS {
        let _ = writeln!(
            c,
            "    <Header value=\"{f}\"/>\n    <TextArea name=\"{f}\" toName=\"{TO_NAME}\" perRegion=\"true\" editable=\"true\" maxSubmissions=\"1\"/>"
        );
    }
    for f in ["year", "value"] {
        let _ = writeln!(
            c,
            "    <Header value=\"{f}\"/>\n    <Number name=\"{f}\" toName=\"{TO_NAME}\" perRegion=\"true\"/>"
        );
    }
    let _ = writeln!(
        c,
        "    <Header value=\"unit\"/>\n    <Choices name=\"unit\" toName=\"{TO_NAME}\" perRegion=\"true\">"
    );
    for u in ClaimUnit::ALL {
        let _ = writeln!(c, "      <Choice value=\"{}\"/>", u.as_str());
    }
    c.push_str("    </Choices>\n  </View>\n</View>\n");
    c
}
