//! Names the analyst taught the project: every whole-word, case-sensitive
//! occurrence of a gazetteer entry is a finding.

use super::{EntityRef, Finding, FindingKind};
use crate::model::GazetteerEntry;
use crate::text::Span;

/// Every whole-word occurrence of the project's names in `text`, as entity
/// findings linked to the entries' entities.
pub fn find_learned(text: &str, entries: &[GazetteerEntry]) -> Vec<Finding> {
    learned_matches(text, entries)
        .map(|(k, span)| {
            let entry = &entries[k];
            Finding {
                span,
                kind: FindingKind::Entity {
                    label: entry.label.clone(),
                    entity: learned_ref(entry),
                },
            }
        })
        .collect()
}

/// The project entity a name the analyst taught links to, if any.
pub(crate) fn learned_ref(entry: &GazetteerEntry) -> Option<EntityRef> {
    entry.entity.map(|id| EntityRef {
        id: Some(id),
        name: entry.text.clone(),
        label: entry.label.clone(),
        ..Default::default()
    })
}

/// Every whole-word occurrence of each entry, as (entry index, span). The
/// engine and [`find_learned`] both match the project's names this way.
pub(crate) fn learned_matches<'a>(
    text: &'a str,
    entries: &'a [GazetteerEntry],
) -> impl Iterator<Item = (usize, Span)> + 'a {
    entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| !entry.text.trim().is_empty())
        .flat_map(move |(k, entry)| {
            text.match_indices(entry.text.as_str())
                .map(move |(start, m)| (k, Span::new(start, start + m.len())))
        })
        .filter(move |(_, span)| is_word_boundary(text, span.start, span.end))
}

/// Whether `start..end` is not glued to letters or digits on either side.
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let e = [GazetteerEntry {
            text: "Zalewski".into(),
            label: crate::model::PERSON.into(),
            entity: None,
        }];
        let t = "Zalewski met Zalewskis; “Zalewski—”";
        let f = find_learned(t, &e);
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].span.slice(t), "Zalewski");
    }
}

/// A problem in one line of a plain name list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListIssue {
    /// The line's number, counted from 1.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Reads a plain list of names: one a line, optionally followed by a tab (or
/// `;`) and a label (`Zbigniew Brzezinski<TAB>PERSON`); lines without a
/// label take `default_label`. Blank lines and lines starting with `#` are
/// skipped. Labels must be among `known_labels`; bad lines are reported with
/// their number and the rest still load.
pub fn parse_name_list(
    text: &str,
    default_label: &str,
    known_labels: &[&str],
) -> (Vec<GazetteerEntry>, Vec<ListIssue>) {
    let mut entries: Vec<GazetteerEntry> = Vec::new();
    let mut issues = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // Only the end is trimmed before splitting: a leading tab means an
        // empty name, which is reported.
        let line = line.trim_start_matches('\u{feff}').trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (name, label) = match line.split_once(['\t', ';']) {
            Some((name, label)) => (name.trim(), label.trim().to_ascii_uppercase()),
            None => (line.trim(), default_label.to_owned()),
        };
        if name.is_empty() {
            issues.push(ListIssue {
                line: n + 1,
                message: "no name before the label".into(),
            });
            continue;
        }
        if !known_labels.contains(&label.as_str()) {
            issues.push(ListIssue {
                line: n + 1,
                message: format!(
                    "unknown label {label:?} (known: {})",
                    known_labels.join(", ")
                ),
            });
            continue;
        }
        if !entries.iter().any(|e| e.text == name && e.label == label) {
            entries.push(GazetteerEntry {
                text: name.to_owned(),
                label,
                entity: None,
            });
        }
    }
    (entries, issues)
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn plain_lists_with_and_without_labels() {
        let text = "\u{feff}# allies\nKaja Kallas\tPERSON\nRheinmetall;org\n\nSaab\n\tGPE\nBaltic Sea\tSEA\nSaab\n";
        let (entries, issues) = parse_name_list(text, "ORG", &["PERSON", "ORG", "GPE", "LOC"]);
        let got: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.text.as_str(), e.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Kaja Kallas", "PERSON"),
                ("Rheinmetall", "ORG"),
                ("Saab", "ORG")
            ]
        );
        assert_eq!(issues.iter().map(|i| i.line).collect::<Vec<_>>(), [6, 7]);
        assert!(issues[1].message.contains("SEA"));
    }
}
