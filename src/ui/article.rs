//! The article: laid out one paragraph at a time, only the paragraphs in
//! view, with each paragraph's galley cached until its annotations change.
//! One interactive area covers the whole text so that a mouse selection can
//! run across paragraphs.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Align, Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, TextFormat, Ui, pos2, vec2};

use super::theme;
use crate::model::{Annotation, AnnotationId, AnnotationKind, DocId, Document, LabelSet, Status};
use crate::text::Span;

/// A text selection in a document, in byte offsets; `anchor` is where the
/// drag began, `head` where it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSelection {
    /// The document selected in.
    pub doc: DocId,
    /// Where the drag began.
    pub anchor: usize,
    /// Where the drag is now.
    pub head: usize,
    /// Made with Alt held: its ends may fall inside words. Otherwise a drag
    /// takes whole words, so that a drag starting on the "P" of "Polish"
    /// does not make an entity of "olish d".
    pub inside_words: bool,
}

impl TextSelection {
    /// The selected bytes, from the earlier end to the later.
    pub fn span(&self) -> Span {
        Span::new(self.anchor.min(self.head), self.anchor.max(self.head))
    }
}

/// What the analyst did in the article this frame.
#[derive(Debug, PartialEq)]
pub enum ArticleEvent {
    /// The text selection changed (none: cleared).
    Select(Option<TextSelection>),
    /// An annotation was clicked.
    ClickAnnotation(AnnotationId),
    /// The text was clicked where no annotation is.
    ClickNothing,
    /// Right click on a selection or an annotation: open the label menu.
    ContextMenu,
}

/// The readable width of a line of text, as in a book or a good news site.
const MAX_TEXT_WIDTH: f32 = 720.0;
const PARAGRAPH_GAP: f32 = 10.0;

struct ParagraphLayout {
    galley: Arc<Galley>,
    signature: u64,
}

/// Cached layout of the current document.
#[derive(Default)]
pub struct ArticleView {
    doc: Option<DocId>,
    revision: u64,
    /// Whether rejected suggestions were drawn: toggling it changes what
    /// each paragraph shows without an edit.
    show_rejected: bool,
    width: f32,
    style_key: u64,
    /// Byte range of each paragraph (one line of the text, without its `\n`).
    paragraphs: Vec<Range<usize>>,
    /// Annotation signature of each paragraph; a galley is laid out again
    /// only when its paragraph's signature changes.
    signatures: Vec<u64>,
    layouts: Vec<Option<ParagraphLayout>>,
    /// Height of each paragraph: measured where laid out, estimated elsewhere.
    heights: Vec<f32>,
    /// `tops[i]` is the y of paragraph `i` from the top of the text.
    tops: Vec<f32>,
    /// Scroll to the paragraph holding this byte on the next frame.
    pending_scroll: Option<usize>,
    /// Number of galleys laid out, for tests and the benchmark.
    pub layouts_built: usize,
}

/// Everything the view needs from the app to draw a frame.
pub struct ArticleInput<'a> {
    /// The document shown.
    pub doc: &'a Document,
    /// The project's labels, for their colours.
    pub labels: &'a LabelSet,
    /// The project's revision: a change lays out again what it touched.
    pub revision: u64,
    /// The text selection.
    pub selection: Option<TextSelection>,
    /// The annotation selected, outlined.
    pub selected_annotation: Option<AnnotationId>,
    /// Rejected suggestions are drawn, struck through.
    pub show_rejected: bool,
}

impl ArticleView {
    /// Scrolls so that the byte offset is in view on the next frame.
    pub fn scroll_to(&mut self, byte: usize) {
        self.pending_scroll = Some(byte);
    }

    fn sync(&mut self, input: &ArticleInput<'_>, width: f32, style_key: u64, body: &FontId) {
        let doc = input.doc;
        if self.doc != Some(doc.id) {
            *self = ArticleView {
                doc: Some(doc.id),
                revision: u64::MAX,
                pending_scroll: self.pending_scroll,
                layouts_built: self.layouts_built,
                ..Default::default()
            };
            let text = doc.text();
            let mut start = 0;
            for line in text.split('\n') {
                self.paragraphs.push(start..start + line.len());
                start += line.len() + 1;
            }
            if text.ends_with('\n') {
                self.paragraphs.pop();
            }
            self.layouts = (0..self.paragraphs.len()).map(|_| None).collect();
            self.signatures = vec![0; self.paragraphs.len()];
        }
        if (self.width - width).abs() > 0.5 || self.style_key != style_key {
            self.width = width;
            self.style_key = style_key;
            self.layouts.iter_mut().for_each(|l| *l = None);
        }
        if self.revision != input.revision || self.show_rejected != input.show_rejected {
            self.revision = input.revision;
            self.show_rejected = input.show_rejected;
            self.signatures = paragraph_signatures(&self.paragraphs, doc, input.show_rejected);
        }
        if self.heights.len() != self.paragraphs.len() || self.layouts.iter().any(Option::is_none) {
            let row = body.size * 1.45;
            let per_row = (width / (body.size * 0.5)).max(10.0);
            self.heights = self
                .paragraphs
                .iter()
                .zip(&self.layouts)
                .map(|(p, l)| match l {
                    Some(l) => l.galley.size().y + PARAGRAPH_GAP,
                    None => {
                        let chars = p.len().max(1) as f32;
                        (chars / per_row).ceil() * row + PARAGRAPH_GAP
                    }
                })
                .collect();
            self.recompute_tops();
        }
    }

    fn recompute_tops(&mut self) {
        self.tops.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
    }

    fn paragraph_of_byte(&self, byte: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end < byte)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    fn paragraph_at_y(&self, y: f32) -> usize {
        self.tops
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Lays out paragraph `i` if its cached galley is missing or stale.
    fn ensure_layout(
        &mut self,
        ui: &Ui,
        i: usize,
        input: &ArticleInput<'_>,
        fonts: &Fonts,
    ) -> bool {
        let sig = self.signatures[i];
        if let Some(l) = &self.layouts[i]
            && l.signature == sig
        {
            return false;
        }
        let range = self.paragraphs[i].clone();
        let heading = i == 0 && input.doc.text()[range.clone()].trim() == input.doc.title().trim();
        let job = paragraph_job(
            input,
            range,
            self.width,
            fonts,
            heading,
            ui.visuals().dark_mode,
        );
        let galley = ui.painter().layout_job(job);
        self.layouts[i] = Some(ParagraphLayout {
            galley,
            signature: sig,
        });
        self.layouts_built += 1;
        true
    }

    /// Draws the article and reports what the analyst did.
    pub fn show(&mut self, ui: &mut Ui, input: &ArticleInput<'_>) -> Vec<ArticleEvent> {
        let fonts = Fonts::new(ui);
        // Never wider than the column it is given: a fixed minimum once ran
        // the text under the panel beside it.
        let width = (ui.available_width() - 24.0).clamp(80.0, MAX_TEXT_WIDTH);
        let style_key = {
            let mut h = DefaultHasher::new();
            ui.visuals().dark_mode.hash(&mut h);
            fonts.body.size.to_bits().hash(&mut h);
            h.finish()
        };
        self.sync(input, width, style_key, &fonts.body);
        let mut events = Vec::new();
        let pending_scroll = self.pending_scroll.take();
        let scroll_target = pending_scroll.map(|b| self.paragraph_of_byte(b));
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("article", input.doc.id))
            .auto_shrink([false, false]);
        if let Some(p) = scroll_target {
            // Jump straight there (the estimate is refined once it is laid out).
            let y = self.tops[p];
            area = area.vertical_scroll_offset((y - 120.0).max(0.0));
        }
        area.show_viewport(ui, |ui, viewport| {
            let total = *self.tops.last().unwrap_or(&0.0);
            let left_pad = ((ui.available_width() - width) / 2.0).max(8.0);
            let (full_rect, response) = ui.allocate_exact_size(
                vec2(ui.available_width(), total + 40.0),
                Sense::click_and_drag(),
            );
            let origin = full_rect.min + vec2(left_pad, 16.0);
            let response = response.on_hover_cursor(egui::CursorIcon::Text);
            let visible = viewport.translate(full_rect.min.to_vec2());
            let shown = self.lay_out_in_view(ui, viewport, input, &fonts);
            self.paint(ui, visible, origin, shown, input);
            if let Some(p) = scroll_target
                && p < self.paragraphs.len()
            {
                let r = Rect::from_min_size(
                    origin + vec2(0.0, self.tops[p]),
                    vec2(width, self.heights[p]),
                );
                ui.scroll_to_rect(r, Some(Align::Center));
            }
            events.extend(self.pointer_event(ui, &response, origin, input));
        });
        events
    }

    /// Lays out the paragraphs in `viewport`, measured heights replacing
    /// estimates; returns their range.
    fn lay_out_in_view(
        &mut self,
        ui: &Ui,
        viewport: Rect,
        input: &ArticleInput<'_>,
        fonts: &Fonts,
    ) -> Range<usize> {
        let first = self.paragraph_at_y(viewport.min.y - 16.0);
        let mut last = first;
        let mut changed = false;
        while last < self.paragraphs.len() && self.tops[last] < viewport.max.y {
            changed |= self.ensure_layout(ui, last, input, fonts);
            last += 1;
        }
        if changed {
            for i in first..last {
                if let Some(l) = &self.layouts[i] {
                    self.heights[i] = l.galley.size().y + PARAGRAPH_GAP;
                }
            }
            self.recompute_tops();
            ui.ctx().request_repaint();
        }
        first..last
    }

    /// Paints the paragraphs `shown` (laid out) from `origin`: the text
    /// selection behind them, the selected annotation outlined, and each
    /// paragraph a node for screen readers and GUI tests.
    fn paint(
        &self,
        ui: &Ui,
        visible: Rect,
        origin: Pos2,
        shown: Range<usize>,
        input: &ArticleInput<'_>,
    ) {
        let painter = ui.painter_at(visible.expand(2.0));
        let sel_color = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let sel_span = input
            .selection
            .filter(|s| s.doc == input.doc.id)
            .map(|s| s.span());
        let selected_span = input
            .selected_annotation
            .and_then(|id| input.doc.annotation(id))
            .map(|a| a.span);
        for i in shown {
            let Some(layout) = &self.layouts[i] else {
                continue;
            };
            let top_left = origin + vec2(0.0, self.tops[i]);
            let range = self.paragraphs[i].clone();
            if let Some(s) = sel_span {
                for r in span_rects(&layout.galley, input.doc.text(), &range, s) {
                    painter.rect_filled(r.translate(top_left.to_vec2()), 2.0, sel_color);
                }
            }
            painter.galley(top_left, layout.galley.clone(), ui.visuals().text_color());
            if let Some(s) = selected_span {
                for r in span_rects(&layout.galley, input.doc.text(), &range, s) {
                    painter.rect_stroke(
                        r.translate(top_left.to_vec2()).expand(1.5),
                        3.0,
                        Stroke::new(2.0, ui.visuals().strong_text_color()),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            let para_rect = Rect::from_min_size(top_left, layout.galley.size());
            let text = &input.doc.text()[range];
            let para = ui.interact(
                para_rect,
                ui.scope_id().with(("paragraph", i)),
                Sense::hover(),
            );
            // Copied only when accessibility output is wanted.
            para.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
        }
    }

    /// The byte of the text under `pos` (the text drawn from `origin`),
    /// across paragraphs; `None` where no paragraph is laid out.
    fn byte_at(&self, text: &str, origin: Pos2, pos: Pos2) -> Option<usize> {
        let local = pos - origin;
        let i = self.paragraph_at_y(local.y);
        let layout = self.layouts.get(i)?.as_ref()?;
        let in_para = local - vec2(0.0, self.tops[i]);
        let c = layout.galley.cursor_from_pos(in_para);
        let range = self.paragraphs[i].clone();
        Some(byte_of_char_in(text, range, c.index.0))
    }

    /// What the pointer did to the text this frame: start or extend a
    /// selection, select a word, click an annotation or nothing, or ask for
    /// the label menu.
    fn pointer_event(
        &self,
        ui: &Ui,
        response: &egui::Response,
        origin: Pos2,
        input: &ArticleInput<'_>,
    ) -> Vec<ArticleEvent> {
        let text = input.doc.text();
        let byte_at = |pos: Pos2| self.byte_at(text, origin, pos);
        let pointer_byte = response.interact_pointer_pos().and_then(byte_at);
        let annotation_hit =
            || pointer_byte.and_then(|b| annotation_at(input.doc, b, input.show_rejected));
        // A drag starts where the button went down, not where the pointer
        // is once it has moved far enough to count as a drag.
        let press_origin = ui.input(|i| i.pointer.press_origin());
        if response.drag_started()
            && let Some(b) = press_origin.and_then(byte_at).or(pointer_byte)
        {
            let inside_words = ui.input(|i| i.modifiers.alt);
            let selection = TextSelection {
                doc: input.doc.id,
                anchor: b,
                head: pointer_byte.unwrap_or(b),
                inside_words,
            };
            vec![ArticleEvent::Select(Some(snapped(text, selection)))]
        } else if (response.dragged() || response.drag_stopped())
            && let (Some(sel), Some(b)) = (input.selection, pointer_byte)
            && sel.doc == input.doc.id
            && sel.head != b
        {
            let selection = TextSelection { head: b, ..sel };
            vec![ArticleEvent::Select(Some(snapped(text, selection)))]
        } else if response.double_clicked()
            && let Some(b) = pointer_byte
        {
            let w = word_at(text, b);
            vec![ArticleEvent::Select(Some(TextSelection {
                doc: input.doc.id,
                anchor: w.start,
                head: w.end,
                inside_words: false,
            }))]
        } else if response.clicked() {
            vec![match annotation_hit() {
                Some(id) => ArticleEvent::ClickAnnotation(id),
                None => ArticleEvent::ClickNothing,
            }]
        } else if response.secondary_clicked() {
            let no_selection = input
                .selection
                .filter(|s| s.doc == input.doc.id)
                .is_none_or(|s| s.span().is_empty());
            let mut events = Vec::new();
            if let Some(id) = annotation_hit()
                && no_selection
            {
                events.push(ArticleEvent::ClickAnnotation(id));
            }
            events.push(ArticleEvent::ContextMenu);
            events
        } else {
            Vec::new()
        }
    }
}

/// Letters and digits, and the apostrophes and hyphens inside words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '’' | '\'' | '-')
}

/// Whether `byte` falls between two characters of one word.
fn inside_word(text: &str, byte: usize) -> bool {
    let before = text[..byte].chars().next_back();
    let after = text[byte..].chars().next();
    before.is_some_and(is_word_char) && after.is_some_and(is_word_char)
}

/// `byte` moved out of the word it falls inside: to the word's start
/// (`forward` false) or its end.
fn word_edge(text: &str, byte: usize, forward: bool) -> usize {
    if !inside_word(text, byte) {
        return byte;
    }
    let mut at = byte;
    if forward {
        while let Some(c) = text[at..].chars().next().filter(|c| is_word_char(*c)) {
            at += c.len_utf8();
        }
    } else {
        while let Some(c) = text[..at].chars().next_back().filter(|c| is_word_char(*c)) {
            at -= c.len_utf8();
        }
    }
    at
}

/// A dragged selection widened to whole words at both ends, unless it was
/// made to fall inside words. Ends between words stay where they are, so
/// a quotation selected mark to mark keeps its marks.
pub fn snapped(text: &str, sel: TextSelection) -> TextSelection {
    let in_text = |b: usize| b <= text.len() && text.is_char_boundary(b);
    if sel.inside_words || sel.anchor == sel.head || !in_text(sel.anchor) || !in_text(sel.head) {
        return sel;
    }
    let forward = sel.head > sel.anchor;
    TextSelection {
        anchor: word_edge(text, sel.anchor, !forward),
        head: word_edge(text, sel.head, forward),
        ..sel
    }
}

/// The innermost annotation at a byte offset.
fn annotation_at(doc: &Document, byte: usize, show_rejected: bool) -> Option<AnnotationId> {
    doc.annotations()
        .iter()
        .filter(|a| (show_rejected || a.is_live()) && a.span.contains_byte(byte))
        .min_by_key(|a| a.span.len())
        .map(|a| a.id)
}

/// The word around a byte offset (letters, digits, and inner `.`/`-`/`'`).
fn word_at(text: &str, byte: usize) -> Span {
    let is_word = |c: char| c.is_alphanumeric() || c == '’' || c == '\'' || c == '-' || c == '.';
    let mut start = byte.min(text.len());
    while let Some(c) = text[..start].chars().next_back() {
        if !is_word(c) {
            break;
        }
        start -= c.len_utf8();
    }
    let mut end = byte.min(text.len());
    while let Some(c) = text[end..].chars().next() {
        if !is_word(c) {
            break;
        }
        end += c.len_utf8();
    }
    // Trailing sentence punctuation is not part of the word.
    while end > start
        && matches!(
            text[..end].chars().next_back(),
            Some('.' | '-' | '’' | '\'')
        )
    {
        end -= 1;
    }
    Span::new(start, end)
}

fn byte_of_char_in(text: &str, range: Range<usize>, ch: usize) -> usize {
    text[range.clone()]
        .char_indices()
        .nth(ch)
        .map_or(range.end, |(b, _)| range.start + b)
}

/// Rectangles (galley coordinates) covering the part of `span` in a
/// paragraph.
fn span_rects(galley: &Galley, text: &str, para: &Range<usize>, span: Span) -> Vec<Rect> {
    let a = span.start.max(para.start);
    let b = span.end.min(para.end);
    if a >= b {
        return Vec::new();
    }
    let ca = text[para.start..a].chars().count();
    let cb = ca + text[a..b].chars().count();
    let mut out = Vec::new();
    let mut row_start = 0usize;
    for row in &galley.rows {
        let n = row.char_count_including_newline().0;
        let row_end = row_start + n;
        let lo = ca.max(row_start);
        let hi = cb.min(row_start + row.char_count_excluding_newline().0);
        if lo < hi {
            let x0 = row.x_offset((lo - row_start).into());
            let x1 = row.x_offset((hi - row_start).into());
            let r = row.rect();
            out.push(Rect::from_min_max(
                pos2(r.min.x + x0, r.min.y),
                pos2(r.min.x + x1, r.max.y),
            ));
        }
        row_start = row_end;
    }
    out
}

/// Per-paragraph hash of the annotations that touch it: what its layout
/// depends on.
fn paragraph_signatures(
    paragraphs: &[Range<usize>],
    doc: &Document,
    show_rejected: bool,
) -> Vec<u64> {
    let mut hashers: Vec<DefaultHasher> = paragraphs.iter().map(|_| DefaultHasher::new()).collect();
    for a in doc.annotations() {
        if !show_rejected && !a.is_live() {
            continue;
        }
        let first = paragraphs.partition_point(|p| p.end < a.span.start);
        for (i, p) in paragraphs.iter().enumerate().skip(first) {
            if p.start > a.span.end || (p.start == a.span.end && !a.span.is_empty()) {
                break;
            }
            let h = &mut hashers[i];
            a.span.hash(h);
            std::mem::discriminant(&a.kind).hash(h);
            a.kind.label().hash(h);
            (a.status as u8).hash(h);
        }
    }
    hashers.into_iter().map(|h| h.finish()).collect()
}

struct Fonts {
    body: FontId,
    heading: FontId,
}

impl Fonts {
    fn new(ui: &Ui) -> Self {
        let base = ui.style().text_styles[&egui::TextStyle::Body].size;
        Self {
            body: FontId::proportional(base * 1.25),
            heading: FontId::proportional(base * 1.7),
        }
    }
}

/// The layout job of one paragraph: text split at every annotation boundary,
/// each piece formatted by what covers it.
fn paragraph_job(
    input: &ArticleInput<'_>,
    range: Range<usize>,
    width: f32,
    fonts: &Fonts,
    heading: bool,
    dark: bool,
) -> LayoutJob {
    let text = &input.doc.text()[range.clone()];
    let font = if heading {
        fonts.heading.clone()
    } else {
        fonts.body.clone()
    };
    let base = TextFormat {
        font_id: font.clone(),
        color: if dark {
            Color32::from_gray(225)
        } else {
            Color32::from_gray(25)
        },
        line_height: Some(font.size * 1.45),
        ..Default::default()
    };
    let covering: Vec<&Annotation> = input
        .doc
        .annotations()
        .iter()
        .take_while(|a| a.span.start < range.end)
        .filter(|a| {
            (input.show_rejected || a.is_live()) && a.span.end > range.start && !a.span.is_empty()
        })
        .collect();
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for a in &covering {
        cuts.push(a.span.start.clamp(range.start, range.end));
        cuts.push(a.span.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob {
        text: text.to_owned(),
        wrap: egui::text::TextWrapping {
            max_width: width,
            ..Default::default()
        },
        ..Default::default()
    };
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let here: Vec<&Annotation> = covering
            .iter()
            .filter(|x| x.span.start <= a && b <= x.span.end)
            .copied()
            .collect();
        let f = piece_format(&base, &here, input.labels, dark);
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(a - range.start)
                ..egui::text::ByteIndex(b - range.start),
            format: f,
        });
    }
    job
}

/// The format of a piece of text under the annotations `here`: quotes
/// tinted italic text; entities a label-coloured background (innermost
/// wins); claims a thick underline. Suggestions are paler and
/// dotted-looking (thin underline) until accepted, rejected ones struck
/// through.
fn piece_format(
    base: &TextFormat,
    here: &[&Annotation],
    labels: &LabelSet,
    dark: bool,
) -> TextFormat {
    let mut f = base.clone();
    for ann in here {
        match &ann.kind {
            AnnotationKind::Quote { .. } => {
                f.italics = true;
                f.color = theme::quote_text(dark, ann.status);
            }
            AnnotationKind::Claim { .. } => {
                f.underline = Stroke::new(
                    if ann.status == Status::Suggested {
                        1.5
                    } else {
                        2.5
                    },
                    theme::CLAIM,
                );
            }
            AnnotationKind::Entity { .. } => {}
        }
    }
    if let Some(e) = here
        .iter()
        .filter(|x| x.is_entity())
        .min_by_key(|x| x.span.len())
    {
        let label = e.kind.label().unwrap_or_default();
        let c = theme::label_color(labels, label);
        f.background = theme::entity_background(c, e.status, dark);
        if e.status == Status::Suggested {
            f.underline = Stroke::new(1.0, c);
        }
        if e.status == Status::Rejected {
            f.strikethrough = Stroke::new(1.0, c);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drags_take_whole_words_unless_made_inside_words() {
        let t = "met with Polish defense leaders";
        let sel = |anchor: usize, head: usize, inside_words: bool| TextSelection {
            doc: DocId(1),
            anchor,
            head,
            inside_words,
        };
        let p = t.find("Polish").unwrap();
        // From the "o" of "Polish" to the "e" of "defense": both words.
        let s = snapped(t, sel(p + 1, p + 8, false));
        assert_eq!(s.span().slice(t), "Polish defense");
        // Backwards, the same.
        let s = snapped(t, sel(p + 8, p + 1, false));
        assert_eq!(s.span().slice(t), "Polish defense");
        // With the modifier, what was dragged.
        let s = snapped(t, sel(p + 1, p + 8, true));
        assert_eq!(s.span().slice(t), "olish d");
        // Ends between words stay.
        let s = snapped(t, sel(p, p + 6, false));
        assert_eq!(s.span().slice(t), "Polish");
        // Quotation marks are not part of words.
        let q = "said “We stand ready.” today";
        let a = q.find('“').unwrap();
        let b = q.find('”').unwrap() + '”'.len_utf8();
        assert_eq!(
            snapped(q, sel(a, b, false)).span().slice(q),
            "“We stand ready.”"
        );
    }

    #[test]
    fn word_at_stops_at_punctuation() {
        let t = "Zimmerman met Zalewski. “Poland—U.S.” ties";
        let b = t.find("Zalewski").unwrap() + 2;
        assert_eq!(word_at(t, b).slice(t), "Zalewski");
        let b = t.find("U.S.").unwrap() + 1;
        assert_eq!(word_at(t, b).slice(t), "U.S");
        let b = t.find("Poland").unwrap();
        assert_eq!(word_at(t, b).slice(t), "Poland");
    }
}
