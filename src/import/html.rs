//! Web pages as articles: the visible text only. The page is parsed as data
//! (html5ever through `scraper`); no script runs and nothing is fetched.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::{Article, text::untitled};
use crate::model::DocumentMeta;

/// Elements whose content is never visible text.
pub(super) const HIDDEN: [&str; 12] = [
    "script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object",
    "button", "select", "form",
];

/// The parts of a page around its article: left out when the page does not
/// mark its article with `<article>` or `<main>`.
const SITE_FURNITURE: [&str; 4] = ["nav", "header", "footer", "aside"];

/// Elements that end a paragraph.
pub(super) const BLOCK: [&str; 27] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "article",
    "section",
    "header",
    "footer",
    "main",
    "aside",
    "figure",
    "figcaption",
    "table",
    "tr",
    "hr",
    "dd",
    "dt",
];

/// Reads a page: `<title>` (or the first `<h1>`) is the title; the text is
/// the visible text, one paragraph a line, white space inside a paragraph
/// collapsed as a browser shows it. Publication date, outlet and canonical
/// address come from the usual `<meta>` tags.
pub fn read_html(source: &str, mut meta: DocumentMeta) -> Article {
    // The tokenizer pass is linear; the tree builder is quadratic in the
    // nesting depth, so a page nested deeper than any real article is read
    // from the tokens alone.
    let tokens = super::html_tokens::read(source);
    if tokens.depth > MAX_TREE_DEPTH {
        return from_tokens(tokens, meta);
    }
    let doc = Html::parse_document(source);
    let title = select_text(&doc, "title").or_else(|| select_text(&doc, "h1"));
    let mut out = TextBuilder::default();
    // The article itself where the page marks it, not the site around it
    // ("Home | World | Defence", share buttons, the footer).
    // Of several (teasers beside the story), the one with the most text.
    let body = |selector: &str| {
        doc.select(&Selector::parse(selector).expect("static selector"))
            .max_by_key(|e| e.text().map(str::len).sum::<usize>())
    };
    match body("article")
        .or_else(|| body("main"))
        .or_else(|| body("[role=main]"))
    {
        Some(article) => walk(*article, &mut out, &[]),
        None => {
            let root = body("body").unwrap_or_else(|| doc.root_element());
            walk(*root, &mut out, &SITE_FURNITURE);
        }
    }
    let text = out.finish();
    meta.title = title.unwrap_or_else(|| super::first_line_title(&text));
    if meta.title.is_empty() {
        meta.title = untitled(&meta);
    }
    meta.date = meta_content(
        &doc,
        &["article:published_time", "date", "pubdate", "dc.date"],
    )
    .or_else(|| {
        doc.select(&Selector::parse("time[datetime]").expect("static selector"))
            .next()
            .and_then(|t| t.value().attr("datetime").map(str::to_owned))
    });
    meta.outlet = meta_content(&doc, &["og:site_name", "publisher"]);
    meta.url = meta_content(&doc, &["og:url"])
        .or_else(|| {
            doc.select(&Selector::parse("link[rel=canonical]").expect("static selector"))
                .next()
                .and_then(|l| l.value().attr("href").map(str::to_owned))
        })
        .filter(|u| is_web_address(u));
    Article { meta, text }
}

/// The deepest page read through the tree builder. Articles nest a few
/// dozen elements deep; at 512 the builder's scope checks still cost
/// little, and nothing deeper is a page anyone reads.
pub(super) const MAX_TREE_DEPTH: usize = 512;

/// The article of a page read from its tokens (see [`super::html_tokens`]),
/// with the same choices as the tree walk.
fn from_tokens(page: super::html_tokens::TokenPage, mut meta: DocumentMeta) -> Article {
    let text = page.text;
    meta.title = page
        .title
        .or(page.first_h1)
        .unwrap_or_else(|| super::first_line_title(&text));
    if meta.title.is_empty() {
        meta.title = untitled(&meta);
    }
    let meta_of = |names: &[&str]| {
        page.metas.iter().find_map(|(key, content)| {
            let c = content.trim();
            (names.iter().any(|n| n.eq_ignore_ascii_case(key)) && !c.is_empty())
                .then(|| c.to_owned())
        })
    };
    meta.date =
        meta_of(&["article:published_time", "date", "pubdate", "dc.date"]).or(page.time_datetime);
    meta.outlet = meta_of(&["og:site_name", "publisher"]);
    meta.url = meta_of(&["og:url"])
        .or(page.canonical)
        .filter(|u| is_web_address(u));
    Article { meta, text }
}

/// Only an http(s) address is kept as the article's address: it goes into
/// every export, where other tools show it as a link, and a `javascript:`
/// or `file:` address from a hostile page must not become one.
fn is_web_address(url: &str) -> bool {
    let url = url.trim_start().as_bytes();
    [&b"https://"[..], b"http://"]
        .iter()
        .any(|scheme| url.len() >= scheme.len() && url[..scheme.len()].eq_ignore_ascii_case(scheme))
}

fn select_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    let t = doc.select(&sel).next()?.text().collect::<String>();
    let t = collapse(&t);
    (!t.is_empty()).then_some(t)
}

fn meta_content(doc: &Html, names: &[&str]) -> Option<String> {
    let sel = Selector::parse("meta").expect("static selector");
    doc.select(&sel).find_map(|m| {
        let v = m.value();
        let key = v
            .attr("property")
            .or_else(|| v.attr("name"))
            .or_else(|| v.attr("itemprop"))?;
        names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(key))
            .then(|| v.attr("content").map(|c| c.trim().to_owned()))
            .flatten()
            .filter(|c| !c.is_empty())
    })
}

/// Collects the visible text under `root`. A loop over the tree's open and
/// close edges, not recursion: with one call per level, a page of 20 000
/// nested `<div>`s overflowed a 2 MB thread stack and aborted the program.
fn walk(root: NodeRef<'_, Node>, out: &mut TextBuilder, also_hidden: &[&str]) {
    // The element whose subtree is being left out until its close edge:
    // hidden (no break either), or a `<pre>` already taken whole (which
    // ends its paragraph like any block).
    let mut skipping: Option<(ego_tree::NodeId, bool)> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if node == root => {}
            Edge::Close(node) if node == root => {}
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.push_inline(t),
                    Node::Element(e) => {
                        let name = e.name();
                        if HIDDEN.contains(&name)
                            || name == "nav"
                            || also_hidden.contains(&name)
                            || e.attr("hidden").is_some()
                            || e.attr("aria-hidden") == Some("true")
                        {
                            skipping = Some((node.id(), false));
                            continue;
                        }
                        if BLOCK.contains(&name) {
                            out.break_paragraph();
                        }
                        if name == "pre" {
                            if let Some(el) = ElementRef::wrap(node) {
                                out.push_verbatim(&el.text().collect::<String>());
                            }
                            skipping = Some((node.id(), true));
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some((id, closes_block)) = skipping {
                    if id != node.id() {
                        continue;
                    }
                    skipping = None;
                    if !closes_block {
                        continue;
                    }
                }
                if let Node::Element(e) = node.value()
                    && BLOCK.contains(&e.name())
                {
                    out.break_paragraph();
                }
            }
        }
    }
}

/// Builds one-paragraph-a-line text with browser-like white space.
#[derive(Default)]
pub(super) struct TextBuilder {
    text: String,
    pending_space: bool,
}

impl TextBuilder {
    pub(super) fn push_inline(&mut self, s: &str) {
        for (i, word) in s.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.pending_space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push_str(word);
        }
    }

    pub(super) fn push_verbatim(&mut self, s: &str) {
        self.text.push_str(s.trim_matches('\n'));
        self.break_paragraph();
    }

    pub(super) fn break_paragraph(&mut self) {
        self.pending_space = false;
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    pub(super) fn finish(mut self) -> String {
        self.break_paragraph();
        self.text
    }
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_only_with_title_and_meta() {
        let page = r#"<!doctype html><html><head><title> Poland &amp; NATO </title>
            <meta property="article:published_time" content="2024-06-17">
            <meta property="og:site_name" content="DOD News">
            <link rel="canonical" href="https://example.org/a">
            <style>p { color: red }</style><script>alert("x")</script></head>
            <body><nav hidden>Menu</nav><h1>Poland &amp; NATO</h1>
            <p>“We   will spend 4%,” said
            <b>Zalewski</b>.</p><script>document.write("no")</script>
            <img src="http://example.org/track.gif"><p>Second — paragraph<br>next line</p></body></html>"#;
        let a = read_html(page, DocumentMeta::default());
        assert_eq!(a.meta.title, "Poland & NATO");
        assert_eq!(
            a.text,
            "Poland & NATO\n“We will spend 4%,” said Zalewski.\nSecond — paragraph\nnext line\n"
        );
        assert_eq!(a.meta.date.as_deref(), Some("2024-06-17"));
        assert_eq!(a.meta.outlet.as_deref(), Some("DOD News"));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn the_article_only_not_the_site_around_it() {
        let page = r#"<html><head><title>Allies</title></head><body>
            <header><a href="/">Home</a> | <a>World</a> | <a>Defence</a></header>
            <nav><a>Latest</a></nav>
            <article><h1>Allies meet</h1><p>Poland will spend 4.7%.</p></article>
            <aside><article><p>Read more</p></article></aside>
            <footer>© Outlet</footer></body></html>"#;
        let a = read_html(page, DocumentMeta::default());
        assert_eq!(a.text, "Allies meet\nPoland will spend 4.7%.\n");
        // Without <article> or <main>: the body less the site's furniture.
        let page = r#"<body><header>Home | World | Defence</header><nav>Menu</nav>
            <div><p>Body text.</p></div><footer>© Outlet</footer></body>"#;
        assert_eq!(
            read_html(page, DocumentMeta::default()).text,
            "Body text.\n"
        );
    }

    #[test]
    fn fragment_without_title_uses_first_line() {
        let a = read_html("<p>Headline</p><p>Body</p>", DocumentMeta::default());
        assert_eq!(a.meta.title, "Headline");
        assert_eq!(a.text, "Headline\nBody\n");
    }

    /// The same page read through the tree builder and from its tokens
    /// alone: the deep-page path gives what the ordinary one does.
    fn both_ways(page: &str) -> (Article, Article) {
        let tree = read_html(page, DocumentMeta::default());
        let tokens = from_tokens(
            crate::import::html_tokens::read(page),
            DocumentMeta::default(),
        );
        (tree, tokens)
    }

    #[test]
    fn tokens_alone_read_a_page_as_the_tree_does() {
        let pages = [
            r#"<!doctype html><html><head><title> Poland &amp; NATO </title>
            <meta property="article:published_time" content="2024-06-17">
            <meta property="og:site_name" content="DOD News">
            <link rel="canonical" href="https://example.org/a">
            <style>p { color: red } <b>x</b></style><script>alert("<p>x</p>")</script></head>
            <body><nav hidden>Menu <div>inner</div> more</nav><h1>Poland &amp; NATO</h1>
            <p>“We   will spend 4%,” said
            <b>Zalewski</b>.</p><script>document.write("no")</script>
            <img src="http://example.org/track.gif" hidden><p>Second — paragraph<br>next line</p>
            <pre>
  two  spaces
kept</pre><p>After <span aria-hidden="true">gone</span>pre</p>
            <div><div><ul><li>one<li>two</ul></div></div><time datetime="2024-01-02">x</time>
            <form><input value="x">no</form><p>end</p></body></html>"#,
            "<p>Headline</p><p>Body</p>",
            "plain text &lt;not a tag&gt; and <i>more</i>",
            "<div hidden><div>x</div><div>y</div></div><p>shown</p>",
        ];
        for page in pages {
            let (tree, tokens) = both_ways(page);
            assert_eq!(tokens, tree, "{page}");
        }
    }

    /// 100,000 nested `<div>`s (500 KB) took the tree builder 53 s; the
    /// page is read from its tokens, in about the time of its size.
    #[test]
    fn deeply_nested_page_is_read_quickly_and_in_full() {
        let depth = 100_000;
        let mut page = String::from("<html><head><title>Deep</title></head><body>");
        page.push_str(&"<div>".repeat(depth / 2));
        page.push_str("<p>NATO allies met in Brussels.</p><div hidden>secret</div>");
        page.push_str(&"<div>".repeat(depth / 2));
        page.push_str("Deepest words");
        page.push_str(&"</div>".repeat(depth));
        page.push_str("<p>After</p></body></html>");
        let start = std::time::Instant::now();
        let a = read_html(&page, DocumentMeta::default());
        let took = start.elapsed();
        assert_eq!(a.meta.title, "Deep");
        assert_eq!(
            a.text,
            "NATO allies met in Brussels.\nDeepest words\nAfter\n"
        );
        // Generous for a debug build on a loaded machine; the quadratic
        // path took minutes.
        assert!(took.as_secs() < 20, "took {took:?}");
        // Just past the limit, tokens; just under, the tree: the same text.
        for depth in [MAX_TREE_DEPTH - 5, MAX_TREE_DEPTH + 5] {
            let page = format!(
                "{}<p>x <b>y</b></p>{}",
                "<section>".repeat(depth),
                "</section>".repeat(depth)
            );
            assert_eq!(read_html(&page, DocumentMeta::default()).text, "x y\n");
        }
    }
}
