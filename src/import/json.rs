//! Articles as JSON records: one object, an array of objects, or JSON Lines.
//! Field names vary between scrapers and APIs, so the common spellings are
//! all accepted.

use std::path::Path;

use serde_json::{Map, Value};

use super::{Article, ImportError, first_line_title, text::untitled};
use crate::model::DocumentMeta;

const TEXT_KEYS: [&str; 6] = [
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "maintext",
];
const TITLE_KEYS: [&str; 3] = ["title", "headline", "name"];
const DATE_KEYS: [&str; 5] = [
    "date",
    "published",
    "published_at",
    "date_publish",
    "pubDate",
];
const URL_KEYS: [&str; 3] = ["url", "link", "href"];
const OUTLET_KEYS: [&str; 4] = ["source", "outlet", "publisher", "source_domain"];
const ID_KEYS: [&str; 3] = ["id", "doc_id", "uuid"];

/// A problem with one record, before the file's path is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// 1-based line of a JSON Lines record.
    pub line: Option<usize>,
    /// What is wrong with the record.
    pub message: String,
}

impl RecordError {
    /// The error for the file at `path`.
    pub fn into_import_error(self, path: &Path) -> ImportError {
        ImportError {
            path: path.to_owned(),
            line: self.line,
            message: self.message,
        }
    }
}

/// One object or an array of objects.
pub fn read_json(text: &str, meta: &DocumentMeta) -> Result<Vec<Article>, RecordError> {
    let value: Value = serde_json::from_str(text).map_err(|e| RecordError {
        line: Some(e.line()),
        message: format!("not valid JSON: {e}"),
    })?;
    let records = match value {
        Value::Array(items) => items,
        Value::Object(mut o) => match ["documents", "articles", "items"]
            .iter()
            .find_map(|k| o.remove(*k))
        {
            Some(Value::Array(items)) => items,
            _ => vec![Value::Object(o)],
        },
        _ => {
            return Err(RecordError {
                line: Some(1),
                message: "expected an object or an array of objects".into(),
            });
        }
    };
    let mut out = Vec::with_capacity(records.len());
    for (i, r) in records.into_iter().enumerate() {
        match r {
            Value::Object(o) => {
                out.push(article_from_object(&o, meta).map_err(|m| RecordError {
                    line: None,
                    message: format!("record {}: {m}", i + 1),
                })?)
            }
            _ => {
                return Err(RecordError {
                    line: None,
                    message: format!("record {} is not an object", i + 1),
                });
            }
        }
    }
    Ok(out)
}

/// One object a line; blank lines are allowed. A bad line is reported with
/// its number and the others still load.
pub fn read_jsonl(text: &str, meta: &DocumentMeta) -> (Vec<Article>, Vec<RecordError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let res = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => article_from_object(&o, meta),
            Ok(_) => Err("expected a JSON object".to_owned()),
            Err(e) => Err(format!("not valid JSON: {e}")),
        };
        match res {
            Ok(a) => articles.push(a),
            Err(message) => errors.push(RecordError {
                line: Some(line_no),
                message,
            }),
        }
    }
    (articles, errors)
}

fn string_field(o: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match o.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Object(inner)) => inner.get("name").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    })
}

/// An article from a record. Its text is taken as it is (only CR LF was
/// normalised when the file was decoded).
pub fn article_from_object(o: &Map<String, Value>, base: &DocumentMeta) -> Result<Article, String> {
    let text = TEXT_KEYS
        .iter()
        .find_map(|k| o.get(*k).and_then(Value::as_str))
        .ok_or_else(|| format!("no text field (expected one of {})", TEXT_KEYS.join(", ")))?
        .replace("\r\n", "\n");
    let mut meta = base.clone();
    meta.title = string_field(o, &TITLE_KEYS).unwrap_or_else(|| first_line_title(&text));
    if meta.title.is_empty() {
        meta.title = untitled(&meta);
    }
    meta.date = string_field(o, &DATE_KEYS);
    meta.url = string_field(o, &URL_KEYS);
    meta.outlet = string_field(o, &OUTLET_KEYS);
    meta.external_id = string_field(o, &ID_KEYS);
    Ok(Article { meta, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_array_and_wrapped_array() {
        let m = DocumentMeta::default();
        let one = read_json(
            r#"{"title":"T","body":"B “x”","date":"2024-06-17","url":"u","source":"DoD"}"#,
            &m,
        )
        .unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].text, "B “x”");
        assert_eq!(one[0].meta.date.as_deref(), Some("2024-06-17"));
        assert_eq!(one[0].meta.outlet.as_deref(), Some("DoD"));
        let arr = read_json(r#"[{"text":"a"},{"content":"b\nc","headline":"H"}]"#, &m).unwrap();
        assert_eq!(arr[1].meta.title, "H");
        assert_eq!(arr[0].meta.title, "a");
        let wrapped = read_json(r#"{"articles":[{"text":"a"}]}"#, &m).unwrap();
        assert_eq!(wrapped.len(), 1);
    }

    #[test]
    fn json_errors_name_the_line() {
        let e = read_json("[\n{\"text\": 1\n", &DocumentMeta::default()).unwrap_err();
        assert!(e.line.is_some());
        let e = read_json(r#"[{"title":"no text"}]"#, &DocumentMeta::default()).unwrap_err();
        assert!(e.message.contains("record 1"), "{}", e.message);
    }

    #[test]
    fn jsonl_keeps_good_lines() {
        let (a, e) = read_jsonl(
            "{\"text\":\"one\"}\n\nnot json\n{\"text\":\"two\"}\n[1]\n",
            &DocumentMeta::default(),
        );
        assert_eq!(a.len(), 2);
        assert_eq!(
            e.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![Some(3), Some(5)]
        );
    }
}
