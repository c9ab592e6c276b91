//! Visible text of a page from html5ever's tokenizer alone, for pages
//! nested too deeply for its tree builder.
//!
//! The HTML tree-construction algorithm looks down the stack of open
//! elements at almost every start tag ("has a `p` element in button
//! scope?"), so a page of 100,000 nested `<div>`s cost it 5·10⁹ steps
//! (53 s for 500 KB). The tokenizer is linear. One tokenizer pass measures
//! how deep a page nests and, at the same time, collects what the tree walk
//! would: the visible text (hidden elements left out, blocks ending
//! paragraphs, `<pre>` verbatim), the title, the `<meta>` tags, the first
//! `<time datetime>` and the canonical link. [`super::html::read_html`]
//! uses the tree builder for ordinary pages and this for deep ones.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::html::{BLOCK, HIDDEN, TextBuilder, collapse};

/// Elements without content or end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// Elements whose end tag is commonly left out (the next one closes them):
/// not counted as nesting.
const IMPLIED_END: [&str; 10] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "colgroup",
];

/// What one tokenizer pass learnt about a page.
#[derive(Default)]
pub(crate) struct TokenPage {
    /// The deepest nesting of elements, as the tags say.
    pub depth: usize,
    /// The visible text, blocks separated by blank lines.
    pub text: String,
    /// The `<title>`'s text.
    pub title: Option<String>,
    /// The first `<h1>`'s text.
    pub first_h1: Option<String>,
    /// `<meta>` tags in order: (property, name or itemprop; content).
    pub metas: Vec<(String, String)>,
    /// The `datetime` of the first `<time>`.
    pub time_datetime: Option<String>,
    /// The `<link rel="canonical">` address.
    pub canonical: Option<String>,
}

#[derive(Default)]
struct State {
    page: TokenPage,
    out: TextBuilder,
    open: usize,
    /// The hidden element being left out: its name and how many elements
    /// of that name are open inside it.
    skipping: Option<(String, usize)>,
    /// Inside `<pre>` (how many), with its text so far.
    pre: Option<(usize, String)>,
    /// Collecting the text of `<title>` or of the first `<h1>`.
    title: Option<String>,
    h1: Option<(usize, String)>,
}

struct Sink(RefCell<State>);

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl State {
    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        let void = VOID.contains(&name);
        if !void && !IMPLIED_END.contains(&name) {
            self.open += 1;
            self.page.depth = self.page.depth.max(self.open);
        }
        match name {
            "meta" => {
                let key = attr(tag, "property")
                    .or_else(|| attr(tag, "name"))
                    .or_else(|| attr(tag, "itemprop"));
                if let (Some(k), Some(c)) = (key, attr(tag, "content")) {
                    self.page.metas.push((k.to_owned(), c.to_owned()));
                }
            }
            "time" if self.page.time_datetime.is_none() => {
                self.page.time_datetime = attr(tag, "datetime").map(str::to_owned);
            }
            "link" if self.page.canonical.is_none() && attr(tag, "rel") == Some("canonical") => {
                self.page.canonical = attr(tag, "href").map(str::to_owned);
            }
            "title" if self.page.title.is_none() => self.title = Some(String::new()),
            "h1" => match &mut self.h1 {
                Some((n, _)) => *n += 1,
                None if self.page.first_h1.is_none() => self.h1 = Some((1, String::new())),
                None => {}
            },
            _ => {}
        }
        let raw = match name {
            "script" => Some(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                Some(RawKind::Rawtext)
            }
            "title" | "textarea" => Some(RawKind::Rcdata),
            _ => None,
        };
        let result = match raw {
            Some(kind) if !tag.self_closing => TokenSinkResult::RawData(kind),
            _ if name == "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        };
        if let Some((hidden, n)) = &mut self.skipping {
            if hidden == name && !void {
                *n += 1;
            }
            return result;
        }
        if let Some((n, _)) = &mut self.pre {
            if name == "pre" {
                *n += 1;
            }
            return result;
        }
        let closes_itself = void || tag.self_closing && name == "svg";
        let hidden = HIDDEN.contains(&name)
            || name == "title"
            || attr(tag, "hidden").is_some()
            || attr(tag, "aria-hidden") == Some("true");
        if hidden {
            if !closes_itself {
                self.skipping = Some((name.to_owned(), 1));
            }
            return result;
        }
        if BLOCK.contains(&name) {
            self.out.break_paragraph();
        }
        if name == "pre" {
            self.pre = Some((1, String::new()));
        }
        result
    }

    fn end(&mut self, tag: &Tag) {
        let name = &*tag.name;
        if !VOID.contains(&name) && !IMPLIED_END.contains(&name) {
            self.open = self.open.saturating_sub(1);
        }
        if name == "title"
            && let Some(t) = self.title.take()
        {
            let t = collapse(&t);
            if !t.is_empty() {
                self.page.title = Some(t);
            }
        }
        if name == "h1"
            && let Some((n, t)) = &mut self.h1
        {
            *n -= 1;
            if *n == 0 {
                let t = collapse(t);
                self.h1 = None;
                if !t.is_empty() {
                    self.page.first_h1 = Some(t);
                }
            }
        }
        if let Some((hidden, n)) = &mut self.skipping {
            if hidden == name {
                *n -= 1;
                if *n == 0 {
                    self.skipping = None;
                }
            }
            return;
        }
        if let Some((n, text)) = &mut self.pre {
            if name == "pre" {
                *n -= 1;
                if *n == 0 {
                    let text = std::mem::take(text);
                    self.pre = None;
                    // The tree builder drops the newline right after <pre>.
                    let text = text.strip_prefix('\n').unwrap_or(&text);
                    self.out.push_verbatim(text);
                }
            }
            return;
        }
        if BLOCK.contains(&name) {
            self.out.break_paragraph();
        }
    }

    fn text(&mut self, t: &StrTendril) {
        if let Some(title) = &mut self.title {
            title.push_str(t);
        }
        if let Some((_, h1)) = &mut self.h1 {
            h1.push_str(t);
        }
        if self.skipping.is_some() {
            return;
        }
        match &mut self.pre {
            Some((_, text)) => text.push_str(t),
            None => self.out.push_inline(t),
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return s.start(&tag),
                TagKind::EndTag => s.end(&tag),
            },
            Token::CharacterTokens(t) => s.text(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// One tokenizer pass over `source`.
pub(crate) fn read(source: &str) -> TokenPage {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(State::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // Only a sink that returns `Script` pauses the tokenizer; this one
    // never does, but a pause would only resume here.
    while !matches!(tokenizer.feed(&input), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    let state = tokenizer.sink.0.into_inner();
    let mut page = state.page;
    let mut out = state.out;
    if let Some((_, text)) = state.pre {
        out.push_verbatim(text.strip_prefix('\n').unwrap_or(&text));
    }
    page.text = out.finish();
    page
}
