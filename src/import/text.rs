use super::{Article, first_line_title};
use crate::model::DocumentMeta;

/// A plain-text or Markdown article. The text is kept exactly as decoded; the
/// title is the first non-empty line (for Markdown, without its heading
/// marks).
pub fn read_text(text: String, mut meta: DocumentMeta, markdown: bool) -> Article {
    let mut title = first_line_title(&text);
    if markdown {
        title = title.trim_start_matches('#').trim().to_owned();
    }
    if title.is_empty() {
        title = untitled(&meta);
    }
    meta.title = title;
    Article { meta, text }
}

/// A title for an article that has none: its file name.
pub(super) fn untitled(meta: &DocumentMeta) -> String {
    meta.source_path
        .as_deref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_first_non_empty_line_and_text_is_exact() {
        let text = "\n  Poland’s budget — 4%  \nBody.\n\n".to_owned();
        let a = read_text(text.clone(), DocumentMeta::default(), false);
        assert_eq!(a.meta.title, "Poland’s budget — 4%");
        assert_eq!(a.text, text);
    }

    #[test]
    fn markdown_heading_marks_leave_the_title() {
        let a = read_text(
            "## NATO at 75\n\ntext".into(),
            DocumentMeta::default(),
            true,
        );
        assert_eq!(a.meta.title, "NATO at 75");
    }
}
