//! Quotations and who said them.
//!
//! Only double marks count (straight `"`, curly `“ ”`, low `„`). A quote
//! left open at the end of a paragraph continues only when the next
//! paragraph opens with a mark again (the convention for multi-paragraph
//! quotations); otherwise it was never closed and is dropped. Short
//! capitalised quotes are names ("Camp Kościuszko"), not quotations.
//!
//! Attribution, in order: an attribution right after the quote ("Austin
//! said", "said Lloyd J. Austin III", "he said", "the secretary said",
//! "according to a readout"), one before it in the same sentence
//! ("Stoltenberg stressed that “…”"), then the speaker of the surrounding
//! remarks. Pronouns and role nouns resolve to the nearest fitting person;
//! the speaker mention is then the nearest preceding name mention outside
//! quotation marks (or the next one, when none precedes).

use std::sync::LazyLock;

use super::gazetteer::{Gender, word_list};
use super::lex::{Tok, TokKind, token_at};
use super::{Analysis, Ent, Who};
use crate::text::Span;

/// A quotation and its attribution.
pub(crate) struct QuoteFound {
    /// The quotation, marks included.
    pub span: Span,
    /// The speaker, as an index into [`Analysis::persons`].
    pub speaker: Option<usize>,
    /// The mention of the speaker the attribution rests on.
    pub speaker_span: Option<Span>,
    /// The speech verb ("said", "according to").
    pub cue: Option<String>,
    /// A non-person source ("readout", "the White House").
    pub source: Option<String>,
}

pub(crate) static CUES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("quote_cues"));

static SOURCE_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("quote_source_nouns"));

static ADVERBS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("quote_adverbs"));

/// Lower-case words after a name that do not make it a verb's subject.
static NOT_VERBS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("not_verbs"));

/// Abbreviations whose period does not end a sentence.
static ABBREVIATIONS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("abbreviations"));

/// The gender a subject pronoun ("he", "She") gives its person.
fn pronoun_gender(w: &str) -> Option<Gender> {
    match w {
        "he" | "He" => Some(Gender::Male),
        "she" | "She" => Some(Gender::Female),
        _ => None,
    }
}

/// Whether `c` is a double quotation mark (straight, curly or low).
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// Raw quotation spans: opening mark to closing mark, inclusive.
fn pair_marks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut para_start = 0;
    for para in text.split_inclusive('\n') {
        let body = para.trim_start();
        let lead = para.len() - body.len();
        let mut skip_first = false;
        if open.is_some() {
            if body.starts_with(['"', '“', '„']) {
                skip_first = true;
            } else {
                open = None;
            }
        }
        for (k, (i, c)) in para.char_indices().filter(|&(_, c)| is_mark(c)).enumerate() {
            if skip_first && k == 0 && i == lead {
                continue;
            }
            let pos = para_start + i;
            match (open, c) {
                (None, '"' | '“' | '„') => open = Some(pos),
                (None, _) => {}
                (Some(s), '"' | '”') => {
                    out.push(Span::new(s, pos + c.len_utf8()));
                    open = None;
                }
                (Some(_), _) => open = Some(pos),
            }
        }
        para_start += para.len();
    }
    out
}

/// Whether the quoted words are a name ("Camp Kościuszko") rather than
/// reported wording: a few words, all capitalised.
fn is_name(inner: &str) -> bool {
    let words: Vec<&str> = inner
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// How far back (in tokens) a speech verb can attribute a quote: further
/// than this it belongs to other remarks, and a bound keeps a long text
/// without paragraph breaks linear.
const CUE_REACH: usize = 300;

/// How many person mentions a role noun ("the secretary") looks through in
/// each direction; the bound keeps the search linear in long texts.
const ROLE_REACH: usize = 500;

/// What attributing the quotes of one text reads.
struct QuoteScan<'a, 't> {
    /// What the entity pass found.
    analysis: &'a Analysis<'t>,
    /// In text order, never overlapping.
    quotes: Vec<Span>,
    /// Person mentions outside quotation marks: (span, person), in order.
    outside: Vec<(Span, usize)>,
    /// Each person's mentions outside quotes, in order.
    by_person: super::entities::FnvMap<usize, Vec<Span>>,
}

/// The quote of `quotes` (in order, not overlapping) that holds `pos`.
fn quote_holding(quotes: &[Span], pos: usize) -> Option<&Span> {
    let i = quotes.partition_point(|q| q.start <= pos);
    i.checked_sub(1)
        .map(|i| &quotes[i])
        .filter(|q| q.contains_byte(pos))
}

/// How a quote was attributed.
enum Attr {
    /// A mention of a person, used as the speaker mention.
    Mention(Span, usize),
    /// A person found through a pronoun, role noun or the context.
    Person(usize),
    /// A non-person source ("readout").
    Source(String),
}

impl QuoteScan<'_, '_> {
    /// The text.
    fn text(&self) -> &str {
        self.analysis.text
    }

    /// The text's tokens.
    fn toks(&self) -> &[Tok] {
        &self.analysis.toks
    }

    /// The text of token `i` ("" past the end).
    fn word(&self, i: usize) -> &str {
        self.toks()
            .get(i)
            .map_or("", |t| t.text(self.analysis.text))
    }

    /// Whether byte `pos` is inside a quotation.
    fn quoted(&self, pos: usize) -> bool {
        quote_holding(&self.quotes, pos).is_some()
    }

    /// Person mentions outside quotes that start at or after byte `pos`,
    /// as an index into `outside`.
    fn outside_from(&self, pos: usize) -> usize {
        self.outside.partition_point(|(s, _)| s.start < pos)
    }

    /// The entity mention starting at token `i`.
    fn ent_at(&self, i: usize) -> Option<&Ent> {
        let t = self.toks().get(i)?;
        let ents = &self.analysis.ents;
        let k = ents.partition_point(|e| e.span.start < t.start);
        ents.get(k).filter(|e| e.span.start == t.start)
    }

    /// The organisation mention starting at token `i`.
    fn org_at(&self, i: usize) -> Option<Span> {
        let e = self.ent_at(i)?;
        (e.label == crate::model::ORG).then_some(e.span)
    }

    /// The person mention starting at token `i`.
    fn mention_at(&self, i: usize) -> Option<(Span, usize)> {
        let e = self.ent_at(i)?;
        match e.who {
            Who::Person(p) => Some((e.span, p)),
            _ => None,
        }
    }

    /// Whether a paragraph break separates tokens `i` and `i + 1`.
    fn newline_after(&self, i: usize) -> bool {
        match (self.toks().get(i), self.toks().get(i + 1)) {
            (Some(a), Some(b)) => self.text()[a.end..b.start].contains('\n'),
            _ => true,
        }
    }

    /// Whether a sentence ends after token `i`.
    fn boundary_after(&self, i: usize) -> bool {
        if self.newline_after(i) {
            return true;
        }
        let w = self.word(i);
        let next = self.toks().get(i + 1);
        let next_is_mark = next.is_some_and(|n| n.text(self.text()).starts_with(is_mark));
        if matches!(w, "." | "?" | "!") {
            if next_is_mark || next.is_some_and(|n| n.kind == TokKind::Word && !n.cap) {
                return false;
            }
            if w == "." && i > 0 {
                let p = self.word(i - 1);
                let glued = self.toks()[i - 1].end == self.toks()[i].start;
                if glued
                    && (ABBREVIATIONS.contains(&p)
                        || p.chars().count() == 1 && p.chars().all(char::is_uppercase))
                {
                    return false;
                }
            }
            return true;
        }
        if w.starts_with(is_mark) && i > 0 && matches!(self.word(i - 1), "." | "?" | "!") {
            let end = self.toks()[i].end;
            return self.quotes.binary_search_by_key(&end, |q| q.end).is_ok();
        }
        false
    }

    /// The first token of the sentence holding token `i`.
    fn sentence_start(&self, i: usize) -> usize {
        self.walk_back(i, |k| self.boundary_after(k))
    }

    /// The first token after the nearest break before token `i` (a token
    /// `k` with `break_after(k)`), at most [`CUE_REACH`] tokens back.
    /// Bounded: no attribution reaches further back, and the bound keeps a
    /// text without punctuation or paragraphs linear.
    fn walk_back(&self, i: usize, break_after: impl Fn(usize) -> bool) -> usize {
        let floor = i.saturating_sub(CUE_REACH);
        let mut k = i;
        while k > floor && !break_after(k - 1) {
            k -= 1;
        }
        k
    }

    /// The token after the sentence holding token `i` (bounded likewise).
    fn sentence_end(&self, i: usize) -> usize {
        let n = self.toks().len();
        let ceiling = (i + CUE_REACH).min(n);
        let mut e = i;
        while e < ceiling && !self.boundary_after(e) {
            e += 1;
        }
        (e + 1).min(n)
    }

    /// The first token of the paragraph holding token `i`, or the token
    /// [`CUE_REACH`] back in a paragraph longer than that.
    fn paragraph_start(&self, i: usize) -> usize {
        self.walk_back(i, |k| self.newline_after(k))
    }

    /// Whether token `i` is a speech verb.
    fn is_cue(&self, i: usize) -> bool {
        CUES.contains(&self.word(i))
    }

    /// The token right after the subject of the verb at `v`: `v` itself,
    /// or the first adverb before it ("NATO also said"), not before `floor`.
    fn skip_adverbs_back(&self, v: usize, floor: usize) -> usize {
        let mut k = v;
        while k > floor + 1 && ADVERBS.contains(&self.word(k - 1)) {
            k -= 1;
        }
        k
    }

    /// The first token from `i` on that is not an adverb ("also said").
    fn skip_adverbs(&self, mut i: usize) -> usize {
        while ADVERBS.contains(&self.word(i)) {
            i += 1;
        }
        i
    }

    /// "Austin said", "he said", "said Polish Land Forces Mr. Daniel
    /// Jurkiewicz", "the statement noted", "according to a readout": an
    /// attribution right after the quote, tried form by form.
    fn after(&self, q: Span) -> Option<(Attr, String)> {
        let toks = self.toks();
        let mut i = token_at(toks, q.end);
        if i == 0 || i >= toks.len() || self.newline_after(i - 1) {
            return None;
        }
        if matches!(self.word(i), "," | "—" | "–") {
            i += 1;
        }
        let w = self.word(i);
        if let Some((span, p)) = self.mention_at(i) {
            return self.name_then_cue(span, p);
        }
        if let Some(found) = self
            .org_then_cue(i)
            .or_else(|| self.described_name_then_cue(i))
        {
            return Some(found);
        }
        if let Some(gender) = pronoun_gender(w) {
            return self.pronoun_then_cue(i, gender, q.start);
        }
        if matches!(w, "according" | "According") && self.word(i + 1) == "to" {
            return self.according_to_after(i, q.start);
        }
        if matches!(w, "the" | "The" | "a" | "an") {
            return self.noun_phrase_then_cue(i, q.start);
        }
        if self.is_cue(i) {
            return self.cue_then_speaker(i, q.start);
        }
        None
    }

    /// "Austin said", "Jonson, Sweden's defence minister, said": a person
    /// named right after the quote is the speaker when a speech verb
    /// follows the name (or the apposition after it).
    fn name_then_cue(&self, span: Span, p: usize) -> Option<(Attr, String)> {
        let e = token_at(self.toks(), span.end);
        let v = self.skip_adverbs(e);
        if self.is_cue(v) {
            return Some((Attr::Mention(span, p), self.word(v).to_owned()));
        }
        // "Jonson, Sweden's defence minister, said": skip the apposition.
        if self.word(e) == "," {
            let close = (e + 1..e + 10).find(|&k| self.word(k) == "," || self.is_cue(k));
            if let Some(c) = close.filter(|&c| self.word(c) == ",") {
                let v = self.skip_adverbs(c + 1);
                if self.is_cue(v) {
                    return Some((Attr::Mention(span, p), self.word(v).to_owned()));
                }
            }
        }
        None
    }

    /// "the White House said": an organisation starting at token `i`,
    /// then a speech verb, is a non-person source.
    fn org_then_cue(&self, i: usize) -> Option<(Attr, String)> {
        let org = self.org_at(i)?;
        let v = self.skip_adverbs(token_at(self.toks(), org.end));
        self.is_cue(v).then(|| {
            (
                Attr::Source(self.text()[org.start..org.end].to_owned()),
                self.word(v).to_owned(),
            )
        })
    }

    /// "Kremlin spokesman Dmitry Peskov told": a name after a few
    /// describing words from token `i`, then the verb.
    fn described_name_then_cue(&self, i: usize) -> Option<(Attr, String)> {
        let toks = self.toks();
        for k in i..i + 6 {
            if let Some((span, p)) = self.mention_at(k) {
                let v = self.skip_adverbs(token_at(toks, span.end));
                if self.is_cue(v) {
                    return Some((Attr::Mention(span, p), self.word(v).to_owned()));
                }
                break;
            }
            if toks.get(k).is_none_or(|t| t.kind != TokKind::Word) || self.is_cue(k) {
                break;
            }
        }
        None
    }

    /// "he said" (the pronoun at token `i`): the person the pronoun points
    /// back to from the quote at `quote_start`.
    fn pronoun_then_cue(
        &self,
        i: usize,
        gender: Gender,
        quote_start: usize,
    ) -> Option<(Attr, String)> {
        let v = self.skip_adverbs(i + 1);
        if !self.is_cue(v) {
            return None;
        }
        self.pronoun(quote_start, gender)
            .map(|p| (Attr::Person(p), self.word(v).to_owned()))
    }

    /// "according to Austin", "according to a readout", "according to the
    /// minister" (with "according" at token `i`): a person, a source noun
    /// or a role before the clause ends.
    fn according_to_after(&self, i: usize, quote_start: usize) -> Option<(Attr, String)> {
        let cue = "according to".to_owned();
        for k in i + 2..i + 10 {
            if let Some((span, p)) = self.mention_at(k) {
                return Some((Attr::Mention(span, p), cue));
            }
            let kw = self.word(k);
            if SOURCE_NOUNS.contains(&kw) {
                return Some((Attr::Source(kw.to_owned()), cue));
            }
            if let Some(p) = self.role(kw, quote_start) {
                return Some((Attr::Person(p), cue));
            }
            if matches!(kw, "," | "." | ";") {
                break;
            }
        }
        None
    }

    /// "the statement noted", "the defense minister said" (with the article
    /// at token `i`): a source noun, or a role resolved to a person, before
    /// a speech verb.
    fn noun_phrase_then_cue(&self, i: usize, quote_start: usize) -> Option<(Attr, String)> {
        let toks = self.toks();
        let mut k = i + 1;
        let mut words = Vec::new();
        while k < toks.len() && toks[k].kind == TokKind::Word && !self.is_cue(k) && words.len() < 4
        {
            words.push(k);
            k += 1;
        }
        let v = self.skip_adverbs(k);
        let head = words
            .iter()
            .rev()
            .find(|&&h| !ADVERBS.contains(&self.word(h)))
            .map(|&h| self.word(h));
        if !(self.is_cue(v) || self.is_cue(k)) {
            return None;
        }
        let cue = if self.is_cue(k) {
            self.word(k)
        } else {
            self.word(v)
        }
        .to_owned();
        let head = head?;
        if SOURCE_NOUNS.contains(&head) {
            return Some((Attr::Source(head.to_owned()), cue));
        }
        let phrase = words
            .iter()
            .map(|&h| self.word(h))
            .collect::<Vec<_>>()
            .join(" ");
        self.role(&phrase, quote_start)
            .map(|p| (Attr::Person(p), cue))
    }

    /// "said Lloyd J. Austin III", "said Polish Land Forces Mr. Daniel
    /// Jurkiewicz", "says Secretary General in Bucharest" (the verb at
    /// token `i`): a name, a source noun or a role soon after the verb, in
    /// the same clause.
    fn cue_then_speaker(&self, i: usize, quote_start: usize) -> Option<(Attr, String)> {
        let toks = self.toks();
        let cue = self.word(i).to_owned();
        let mut phrase = Vec::new();
        for (k, tok) in toks.iter().enumerate().take(i + 13).skip(i + 1) {
            if let Some((span, p)) = self.mention_at(k) {
                return Some((Attr::Mention(span, p), cue));
            }
            let kw = self.word(k);
            if matches!(kw, "," | ";" | "?" | "!" | ":")
                || kw == "." && self.boundary_after(k)
                || self.newline_after(k)
            {
                if tok.kind == TokKind::Word {
                    phrase.push(kw);
                }
                break;
            }
            if SOURCE_NOUNS.contains(&kw) {
                return Some((Attr::Source(kw.to_owned()), cue));
            }
            if tok.kind == TokKind::Word {
                if !tok.cap && !matches!(kw, "the" | "a" | "an") && !phrase.is_empty() {
                    break;
                }
                phrase.push(kw);
            }
        }
        // "says Secretary General in Bucharest", "said the minister".
        let phrase: Vec<&str> = phrase
            .into_iter()
            .filter(|w| !matches!(*w, "the" | "a" | "an"))
            .collect();
        if phrase.is_empty() {
            return None;
        }
        self.role(&phrase.join(" "), quote_start)
            .map(|p| (Attr::Person(p), cue))
    }

    /// "Mr. Stoltenberg stressed that “…”", "Biden emphasized … to “…”":
    /// the last speech verb before the quote in its sentence, and its subject.
    fn before(&self, q: Span) -> Option<(Attr, String)> {
        let toks = self.toks();
        let quote_tok = token_at(toks, q.start);
        let s = self
            .sentence_start(quote_tok)
            .max(quote_tok.saturating_sub(CUE_REACH));
        // "According to a Pentagon readout, “…”"
        if let Some(k) = (s..quote_tok)
            .find(|&k| self.word(k).eq_ignore_ascii_case("according") && self.word(k + 1) == "to")
        {
            let cue = "according to".to_owned();
            for j in k + 2..quote_tok {
                if let Some((span, p)) = self.mention_at(j) {
                    return Some((Attr::Mention(span, p), cue));
                }
                if SOURCE_NOUNS.contains(&self.word(j)) {
                    return Some((Attr::Source(self.word(j).to_owned()), cue));
                }
            }
        }
        self.cue_subject(s, quote_tok, q.start)
    }

    /// The subject of the last speech verb in tokens `from..to` (outside
    /// quotes).
    fn cue_subject(&self, from: usize, to: usize, quote_start: usize) -> Option<(Attr, String)> {
        let toks = self.toks();
        let from = from.max(to.saturating_sub(CUE_REACH));
        let v = (from..to)
            .rev()
            .find(|&k| self.is_cue(k) && !self.quoted(toks[k].start))?;
        let cue = self.word(v).to_owned();
        // The nearest person (or pronoun) before the verb, in the sentence.
        for k in (from..v).rev() {
            if self.quoted(toks[k].start) {
                continue;
            }
            if let Some(&(span, p)) = self
                .outside
                .get(self.outside_from(toks[k].start))
                .filter(|(sp, _)| sp.start == toks[k].start)
            {
                return Some((Attr::Mention(span, p), cue));
            }
            if let Some(gender) = pronoun_gender(self.word(k)) {
                return self
                    .pronoun(quote_start, gender)
                    .map(|p| (Attr::Person(p), cue));
            }
        }
        // "the White House said": an organisation as the source.
        for k in (from..v).rev() {
            if let Some(org) = self.org_at(k)
                && token_at(toks, org.end) == self.skip_adverbs_back(v, k)
            {
                return Some((
                    Attr::Source(self.text()[org.start..org.end].to_owned()),
                    cue,
                ));
            }
        }
        // "the secretary also said Latvia …": a role noun as subject.
        let phrase: Vec<&str> = (from..v)
            .filter(|&k| toks[k].kind == TokKind::Word)
            .map(|k| self.word(k))
            .filter(|w| !ADVERBS.contains(w))
            .collect();
        if phrase.len() <= 4
            && phrase
                .first()
                .is_some_and(|w| w.eq_ignore_ascii_case("the"))
        {
            return self
                .role(&phrase[1..].join(" "), quote_start)
                .map(|p| (Attr::Person(p), cue));
        }
        None
    }

    /// The person a pronoun points back to: the nearest person mentioned
    /// before `pos` outside quotes whose gender does not conflict.
    fn pronoun(&self, pos: usize, g: Gender) -> Option<usize> {
        let persons = &self.analysis.persons;
        let fits = |p: usize| persons[p].gender == g || persons[p].gender == Gender::Unknown;
        let toks = self.toks();
        // The nearest earlier sentence naming a fitting person; in it, the
        // person who is the subject of a verb ("Austin thanked Pistorius"),
        // else the first one named.
        let before_pos = self.outside.partition_point(|(s, _)| s.end <= pos);
        let last = self.outside[..before_pos]
            .iter()
            .rev()
            .find(|(_, p)| fits(*p));
        let Some(&(last_span, _)) = last else {
            return self.outside[self.outside_from(pos)..]
                .iter()
                .find(|(_, p)| fits(*p))
                .map(|&(_, p)| p);
        };
        let sentence_byte = toks
            .get(self.sentence_start(token_at(toks, last_span.start)))
            .map_or(0, |t| t.start);
        let in_sentence: Vec<&(Span, usize)> = self.outside
            [self.outside_from(sentence_byte)..before_pos]
            .iter()
            .filter(|(_, p)| fits(*p))
            .collect();
        let subject = in_sentence.iter().find(|(s, _)| {
            let k = self.skip_adverbs(token_at(toks, s.end));
            toks.get(k).is_some_and(|t| {
                t.kind == TokKind::Word && !t.cap && !NOT_VERBS.contains(&self.word(k))
            })
        });
        subject.or(in_sentence.first()).map(|&&(_, p)| p)
    }

    /// The person whose role a noun phrase names ("the secretary", "the
    /// defense minister", "Secretary General"): the nearest one mentioned.
    fn role(&self, phrase: &str, pos: usize) -> Option<usize> {
        let phrase = phrase.trim().to_lowercase();
        let head = phrase.split_whitespace().last()?;
        if head.len() < 4 {
            return None;
        }
        let fits = |p: usize| {
            self.analysis.persons[p]
                .role
                .as_deref()
                .is_some_and(|r| r.to_lowercase().split_whitespace().any(|w| w == head))
        };
        let whole = |p: usize| {
            self.analysis.persons[p]
                .role
                .as_deref()
                .is_some_and(|r| r.to_lowercase().contains(&phrase))
        };
        let split = self.outside.partition_point(|(s, _)| s.end <= pos);
        let before = self.outside[..split].iter().rev().take(ROLE_REACH);
        let after = self.outside[self.outside_from(pos)..]
            .iter()
            .take(ROLE_REACH);
        before
            .clone()
            .find(|(_, p)| whole(*p))
            .or_else(|| before.clone().find(|(_, p)| fits(*p)))
            .or_else(|| after.clone().find(|(_, p)| whole(*p)))
            .or_else(|| after.clone().find(|(_, p)| fits(*p)))
            .map(|&(_, p)| p)
    }

    /// The speaker mention for a person found indirectly.
    fn antecedent(&self, p: usize, pos: usize) -> Option<Span> {
        let spans = self.by_person.get(&p)?;
        let i = spans.partition_point(|s| s.end <= pos);
        i.checked_sub(1)
            .map(|i| spans[i])
            .or_else(|| spans[i..].iter().find(|s| s.start >= pos).copied())
    }
}

/// The quotations of an analysed text with their speakers or sources, in
/// text order. Unattributed short quotes (scare quotes) are left out.
pub(crate) fn find_quotes(a: &Analysis<'_>) -> Vec<QuoteFound> {
    let quotes: Vec<Span> = pair_marks(a.text)
        .into_iter()
        .filter(|q| !is_name(&a.text[q.start..q.end]))
        .collect();
    if quotes.is_empty() {
        return Vec::new();
    }
    let outside: Vec<(Span, usize)> = a
        .ents
        .iter()
        .filter_map(|e| match e.who {
            Who::Person(p)
                if !quote_holding(&quotes, e.span.start).is_some_and(|q| q.contains(&e.span)) =>
            {
                Some((e.span, p))
            }
            _ => None,
        })
        .collect();
    let mut by_person: super::entities::FnvMap<usize, Vec<Span>> = Default::default();
    for &(s, p) in &outside {
        by_person.entry(p).or_default().push(s);
    }
    let scan = QuoteScan {
        analysis: a,
        quotes,
        outside,
        by_person,
    };
    let mut out: Vec<QuoteFound> = Vec::with_capacity(scan.quotes.len());
    for &q in &scan.quotes {
        let found = scan.after(q).or_else(|| scan.before(q));
        // A few words in quotation marks with no attribution are scare
        // quotes or borrowed terms, not quotations.
        let words = a.text[q.start..q.end].split_whitespace().count();
        if found.is_none() && words <= 3 {
            continue;
        }
        let (attr, cue) = match found {
            Some((attr, cue)) => (Some(attr), Some(cue)),
            None => (
                continuation(&scan, &out, q)
                    .or_else(|| next_sentence(&scan, q))
                    .map(Attr::Person),
                None,
            ),
        };
        let (speaker, speaker_span, source) = match attr {
            Some(Attr::Mention(span, p)) => (Some(p), Some(span), None),
            Some(Attr::Person(p)) => (Some(p), scan.antecedent(p, q.start), None),
            Some(Attr::Source(s)) => (None, None, Some(s)),
            None => (None, None, None),
        };
        out.push(QuoteFound {
            span: q,
            speaker,
            speaker_span,
            cue,
            source,
        });
    }
    out
}

/// A quote without its own attribution continues the remarks around it:
/// the speaker of an earlier quote or attribution in the paragraph, or of
/// the previous paragraph when this one opens with the quote.
fn continuation(scan: &QuoteScan<'_, '_>, done: &[QuoteFound], q: Span) -> Option<usize> {
    let toks = scan.toks();
    let quote_tok = token_at(toks, q.start);
    let para_start = scan.paragraph_start(quote_tok);
    let para_start_byte = toks.get(para_start).map_or(0, |t| t.start);
    // The nearest earlier attribution: a quote's speaker or a speech verb
    // with its subject, whichever comes later in the paragraph.
    // `done` is in text order: the nearest earlier quote is the last one
    // ending before this one.
    let nearest_done = |from_byte: usize| {
        let i = done.partition_point(|d| d.span.end <= q.start);
        i.checked_sub(1)
            .map(|i| &done[i])
            .filter(|d| d.span.start >= from_byte)
    };
    let prev_quote = nearest_done(para_start_byte);
    let prev_cue = (para_start.max(quote_tok.saturating_sub(CUE_REACH))..quote_tok)
        .rev()
        .find(|&k| scan.is_cue(k) && !scan.quoted(toks[k].start));
    match (prev_quote, prev_cue) {
        (Some(d), Some(v)) if toks[v].start < d.span.start => return d.speaker,
        (d, Some(v)) => {
            let s = scan.sentence_start(v);
            if let Some((Attr::Mention(_, p) | Attr::Person(p), _)) =
                scan.cue_subject(s, v + 1, q.start)
            {
                return Some(p);
            }
            // "“…,” said X. “…”": the verb belonged to the previous quote.
            if let Some(d) = d {
                return d.speaker;
            }
        }
        (Some(d), None) => return d.speaker,
        (None, None) => {}
    }
    // The paragraph opens with this quote: look at the previous paragraph.
    if para_start == quote_tok && para_start > 0 {
        let prev_para_start = scan.paragraph_start(para_start - 1);
        if let Some(d) = nearest_done(toks[prev_para_start].start) {
            return d.speaker;
        }
        if let Some(v) = (prev_para_start.max(para_start.saturating_sub(CUE_REACH))..para_start)
            .rev()
            .find(|&k| scan.is_cue(k) && !scan.quoted(toks[k].start))
        {
            let s = scan.sentence_start(v);
            if let Some((Attr::Mention(_, p) | Attr::Person(p), _)) =
                scan.cue_subject(s, v + 1, q.start)
            {
                return Some(p);
            }
        }
    }
    None
}

/// "“We will not back down.” That was the message from Defense Minister
/// Pål Jonson.": a quote with nothing before it takes the speaker named in
/// the next sentence of its paragraph.
fn next_sentence(scan: &QuoteScan<'_, '_>, q: Span) -> Option<usize> {
    let toks = scan.toks();
    let after_quote = token_at(toks, q.end);
    if after_quote == 0 || after_quote >= toks.len() || scan.newline_after(after_quote - 1) {
        return None;
    }
    let e = scan
        .sentence_end(after_quote)
        .saturating_sub(1)
        .max(after_quote);
    if let Some((Attr::Mention(_, p) | Attr::Person(p), _)) =
        scan.cue_subject(after_quote, (e + 1).min(toks.len()), q.start)
    {
        return Some(p);
    }
    let lo = toks[after_quote].start;
    let hi = toks[e.min(toks.len() - 1)].end;
    scan.outside
        .get(scan.outside_from(lo))
        .filter(|(s, _)| s.end <= hi)
        .map(|&(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_marks_across_paragraphs() {
        let t = "\"One.\n\"Two,\" he said.\n\"Open only.\nNext paragraph.\n“Camp X,” it said.";
        let q = pair_marks(t);
        assert_eq!(q.len(), 2);
        assert_eq!(&t[q[0].start..q[0].end], "\"One.\n\"Two,\"");
        assert_eq!(&t[q[1].start..q[1].end], "“Camp X,”");
        assert!(is_name("Camp X,"));
        assert!(!is_name("steadfast Ally,"));
    }
}
