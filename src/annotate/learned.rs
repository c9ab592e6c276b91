//! Names the analyst taught the project: every whole-word, case-sensitive
//! occurrence of a gazetteer entry is a finding.

use super::{EntityRef, Finding, FindingKind};
use crate::model::GazetteerEntry;
use crate::text::Span;

pub fn find_learned(text: &str, entries: &[GazetteerEntry]) -> Vec<Finding> {
    let mut out = Vec::new();
    for entry in entries {
        if entry.text.trim().is_empty() {
            continue;
        }
        for (start, _) in text.match_indices(entry.text.as_str()) {
            let end = start + entry.text.len();
            if is_word_boundary(text, start, end) {
                out.push(Finding {
                    span: Span::new(start, end),
                    kind: FindingKind::Entity {
                        label: entry.label.clone(),
                        entity: entry.entity.map(|id| EntityRef {
                            id: Some(id),
                            name: entry.text.clone(),
                            label: entry.label.clone(),
                            ..Default::default()
                        }),
                    },
                });
            }
        }
    }
    out
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
            label: "PERSON".into(),
            entity: None,
        }];
        let t = "Zalewski met Zalewskis; “Zalewski—”";
        let f = find_learned(t, &e);
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].span.slice(t), "Zalewski");
    }
}
