use super::{Context, EntityRef, Finding, FindingKind};
use crate::text::Span;

/// Finds entities, quotes and claims in `text`.
///
/// For now only the project's own gazetteer is applied: every whole-word,
/// case-sensitive occurrence of a name the analyst taught the project.
pub fn find(text: &str, ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for entry in ctx.gazetteer {
        if entry.text.is_empty() {
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
