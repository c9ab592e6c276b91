//! Entity mentions: gazetteer matches plus rules for names after titles,
//! given-name patterns, surname re-mentions, organisations named by a head
//! word ("Polish Armed Forces"), dates, money and percentages. Facilities,
//! events, documents and weapons block what is nested in them.
//!
//! Every rule proposes candidates; overlaps are settled longest first, as
//! the annotation guideline does.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use super::gazetteer::{Gazetteer, Gender, PatKind, TitleKind, month_numbers, word_list};
use super::lex::{Tok, TokKind, fold, folded_eq, token_at, tokenize};
use super::numbers::{currency_symbol, currency_word, magnitude, number_word, parse_digits};
use super::{Amount, Analysis, DocPerson, Ent, Who};
use crate::annotate::Context;
use crate::model::ClaimUnit;
use crate::text::Span;

/// A proposed entity (or blocker, when `label` is `None`).
#[derive(Clone, Copy, Debug)]
struct Cand {
    /// Byte offset of the start.
    start: usize,
    /// Byte offset of the end.
    end: usize,
    /// The entity label; `None` for a blocker, `Some("")` for a name of
    /// the project's gazetteer (its label is in the entry).
    label: Option<&'static str>,
    /// What the candidate stands for.
    who: Who,
    /// Breaks ties between candidates of equal length.
    prio: u8,
}

impl Cand {
    /// A candidate over tokens `a..b` that stands for no canonical entity
    /// (an organisation named by its head word, a date).
    fn plain(toks: &[Tok], a: usize, b: usize, label: &'static str, prio: u8) -> Cand {
        Cand {
            start: toks[a].start,
            end: toks[b - 1].end,
            label: Some(label),
            who: Who::Nothing,
            prio,
        }
    }
}

/// A match of the built-in gazetteer's automaton, standing as whole words.
#[derive(Clone, Copy, Debug)]
struct GazHit {
    /// Byte offset of the start.
    start: usize,
    /// Byte offset of the end.
    end: usize,
    /// What the matched pattern is.
    kind: PatKind,
}

static FUNCTION_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("function_words"));

static MONTHS: LazyLock<Vec<(&str, u8)>> = LazyLock::new(month_numbers);

static WEEKDAYS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("weekdays"));

/// Words that end an organisation's name: "Armed Forces", "Contact Group".
static ORG_HEADS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("org_heads"));

/// Words that end the name of an event or a document: not annotated, and
/// nothing nested in them is ("Second World War", "NATO Wales Summit").
static EVENT_HEADS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("event_heads"));

static COMPASS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("compass"));

static NAME_SUFFIXES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("name_suffixes"));
static NAME_PARTICLES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("name_particles"));

// Word classes, one bit each, looked up once a token (see `classify`).
/// Function words ("The", "However"): never part of a name.
const F_FUNC: u16 = 1;
/// Organisation head words ("Forces", "Ministry").
const F_ORG_HEAD: u16 = 1 << 1;
/// Event and document head words ("Summit", "Treaty").
const F_EVENT_HEAD: u16 = 1 << 2;
/// Speech verbs ("said").
const F_CUE: u16 = 1 << 3;
/// Month names and their abbreviations.
const F_MONTH: u16 = 1 << 4;
/// Weekday names.
const F_WEEKDAY: u16 = 1 << 5;
/// Given names the gazetteer knows.
const F_FIRST: u16 = 1 << 6;

/// FNV-1a: the word-class table is hit once a token, and its keys are
/// short, trusted strings, so a cheap hash beats SipHash here.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FnvMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

fn word_classes() -> &'static FnvMap<&'static str, u16> {
    static T: std::sync::OnceLock<FnvMap<&'static str, u16>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut m: FnvMap<&'static str, u16> = FnvMap::default();
        let mut add = |words: &mut dyn Iterator<Item = &'static str>, f: u16| {
            for w in words {
                *m.entry(w).or_insert(0) |= f;
            }
        };
        add(&mut FUNCTION_WORDS.iter().copied(), F_FUNC);
        add(&mut ORG_HEADS.iter().copied(), F_ORG_HEAD);
        add(&mut EVENT_HEADS.iter().copied(), F_EVENT_HEAD);
        add(&mut super::quotes::CUES.iter().copied(), F_CUE);
        add(&mut MONTHS.iter().map(|m| m.0), F_MONTH);
        add(&mut WEEKDAYS.iter().copied(), F_WEEKDAY);
        add(&mut Gazetteer::get().first_names.keys().copied(), F_FIRST);
        m
    })
}

/// The word classes of every token (0 for numbers and punctuation).
fn classify(text: &str, toks: &[Tok]) -> Vec<u16> {
    let table = word_classes();
    toks.iter()
        .map(|t| match t.kind {
            TokKind::Word => table.get(t.text(text)).copied().unwrap_or(0),
            _ => 0,
        })
        .collect()
}

pub(crate) fn month(w: &str) -> Option<u8> {
    MONTHS.iter().find(|(m, _)| *m == w).map(|&(_, n)| n)
}

/// What every entity rule reads: the text, its tokens with their word
/// classes, the gazetteer's hits and the headline lines.
struct RuleContext<'a, 't> {
    /// The text.
    text: &'t str,
    /// Its tokens, in order.
    toks: &'a [Tok],
    /// The built-in gazetteer.
    gazetteer: &'static Gazetteer,
    /// The gazetteer's whole-word matches, in text order, not overlapping.
    hits: Vec<GazHit>,
    /// Whether each line is a headline (see [`headline_lines`]).
    headline: Vec<bool>,
    /// Each token's word classes (`F_…` bits).
    flags: Vec<u16>,
    /// Byte offset of each line's start.
    line_starts: Vec<usize>,
    /// The document's persons by folded surname (indices in order), kept by
    /// [`register`], the only place persons are added.
    persons_by_surname: RefCell<HashMap<String, Vec<usize>>>,
}

impl RuleContext<'_, '_> {
    /// The text of token `i` ("" past the end).
    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Whether token `i` is in any of the word classes `f` (`F_…` bits).
    fn has(&self, i: usize, f: u16) -> bool {
        self.flags.get(i).is_some_and(|&x| x & f != 0)
    }

    /// Whether token `i` is a word.
    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Whether token `i` is a capitalised word.
    fn is_cap_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Word && t.cap)
    }

    /// Tokens `i` and `i + 1` touch, with no space between them.
    fn glued(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The gazetteer hit starting exactly at byte `b`.
    fn hit_at(&self, b: usize) -> Option<&GazHit> {
        let k = self.hits.partition_point(|h| h.start < b);
        self.hits.get(k).filter(|h| h.start == b)
    }

    /// The gazetteer hits ending exactly at byte `b` (at most one: the
    /// automaton's matches do not overlap, so they are in order of their
    /// ends as well as their starts), found by binary search rather than a
    /// scan of every hit of the document.
    fn hits_ending_at(&self, b: usize) -> &[GazHit] {
        let lo = self.hits.partition_point(|h| h.end < b);
        let hi = lo + self.hits[lo..].iter().take_while(|h| h.end == b).count();
        &self.hits[lo..hi]
    }

    /// The gazetteer hit covering byte `b`.
    fn hit_covering(&self, b: usize) -> Option<&GazHit> {
        let k = self.hits.partition_point(|h| h.start <= b);
        self.hits[..k].last().filter(|h| h.end > b)
    }

    /// Whether the token is a line's first token.
    fn line_start(&self, i: usize) -> bool {
        let start = self.toks[i].start;
        start == 0 || self.text[..start].ends_with('\n')
    }

    /// Whether token `i` stands in a headline line.
    fn in_headline(&self, i: usize) -> bool {
        let line = self
            .line_starts
            .partition_point(|&s| s <= self.toks[i].start)
            .saturating_sub(1);
        self.headline.get(line).copied().unwrap_or(false)
    }
}

/// Title-case lines (headlines) capitalise ordinary words, so the rules that
/// trust capitals are not applied there; the gazetteer still is.
fn headline_lines(text: &str) -> Vec<bool> {
    text.split('\n')
        .map(|line| {
            if line.len() >= 200 {
                return false;
            }
            let mut words = 0;
            let mut caps = 0;
            for w in line.split_whitespace() {
                let Some(c) = w.chars().find(|c| c.is_alphabetic()) else {
                    continue;
                };
                if w.len() <= 3 && c.is_lowercase() {
                    // "of", "in", "to": lower case even in title case.
                    continue;
                }
                words += 1;
                if c.is_uppercase() {
                    caps += 1;
                }
            }
            words >= 3 && caps * 10 >= words * 8 && !line.trim_end().ends_with('.')
        })
        .collect()
}

/// Runs every entity rule over `text`.
pub(crate) fn analyse<'t>(text: &'t str, ctx: &Context<'_>) -> Analysis<'t> {
    let g = Gazetteer::get();
    let toks = tokenize(text);
    let context = RuleContext {
        text,
        toks: &toks,
        gazetteer: g,
        hits: gazetteer_hits(text, g),
        headline: headline_lines(text),
        flags: classify(text, &toks),
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        persons_by_surname: RefCell::default(),
    };
    let mut cands: Vec<Cand> = Vec::new();
    let mut persons: Vec<DocPerson> = Vec::new();
    let mut demonyms = Vec::new();
    let mut amounts = Vec::new();

    // The analyst's own gazetteer comes first: it is what they taught.
    for (k, span) in crate::annotate::learned::learned_matches(text, ctx.gazetteer) {
        cands.push(Cand {
            start: span.start,
            end: span.end,
            label: Some(""),
            who: Who::Project(k),
            prio: 9,
        });
    }
    for h in &context.hits {
        gazetteer_rule(&context, h, &mut persons, &mut cands, &mut demonyms);
    }
    dateline_rule(&context, &mut cands);
    given_name_rule(&context, &mut persons, &mut cands);
    context_name_rule(&context, &mut persons, &mut cands);
    surname_mentions(&context, &persons, &mut cands);
    facility_and_event_rules(&context, &mut cands);
    org_rule(&context, &mut cands);
    date_rule(&context, &mut cands);
    amount_rule(&context, &mut cands, &mut amounts);

    let (cands, shadowed) = keep_what_the_rules_know(cands, ctx);
    let ents = settle(text, cands);
    // Entities do not overlap and are sorted by start: one binary search
    // per amount, not a scan of every entity.
    amounts.retain(|a: &Amount| {
        let k = ents.partition_point(|e| e.span.start < a.span.start);
        ents.get(k).is_some_and(|e| e.span == a.span)
    });
    Analysis {
        text,
        toks,
        ents,
        persons,
        demonyms,
        amounts,
        shadowed,
    }
}

/// The built-in gazetteer's matches in `text` that stand as whole words,
/// in text order.
fn gazetteer_hits(text: &str, g: &Gazetteer) -> Vec<GazHit> {
    g.ac.find_iter(text)
        .filter(|m| crate::annotate::learned::is_word_boundary(text, m.start(), m.end()))
        .map(|m| GazHit {
            start: m.start(),
            end: m.end(),
            kind: g.pats[m.pattern().as_usize()],
        })
        .collect()
}

/// What one gazetteer hit proposes: an entity (a person is registered as a
/// person of the document), a dateline place, a demonym (kept aside for
/// the claims), the name after a title, or a blocker.
fn gazetteer_rule(
    context: &RuleContext<'_, '_>,
    h: &GazHit,
    persons: &mut Vec<DocPerson>,
    cands: &mut Vec<Cand>,
    demonyms: &mut Vec<(Span, u32)>,
) {
    let toks = context.toks;
    match h.kind {
        PatKind::Entity { canon } => {
            let c = &context.gazetteer.canon[canon as usize];
            if c.label == crate::model::PERSON {
                let i = token_at(toks, h.start);
                let j = token_at(toks, h.end);
                let p = register(context, persons, i, j, None, None, Some(canon));
                cands.push(Cand {
                    start: h.start,
                    end: h.end,
                    label: Some(crate::model::PERSON),
                    who: Who::Person(p),
                    prio: 6,
                });
            } else {
                cands.push(Cand {
                    start: h.start,
                    end: h.end,
                    label: Some(c.label),
                    who: Who::Canon(canon),
                    prio: 5,
                });
            }
        }
        PatKind::Dateline { canon } => {
            let i = token_at(toks, h.start);
            let after = context.text[h.end..].trim_start_matches(' ');
            let dash = after.starts_with([',', '–', '—', '(']);
            if context.line_start(i) && dash {
                cands.push(Cand {
                    start: h.start,
                    end: h.end,
                    label: Some(crate::model::GPE),
                    who: Who::Canon(canon),
                    prio: 5,
                });
            }
        }
        PatKind::Demonym { canon } => demonyms.push((Span::new(h.start, h.end), canon)),
        PatKind::Title(kind) => title_rule(context, h, kind, persons, cands),
        PatKind::Blocked => cands.push(Cand {
            start: h.start,
            end: h.end,
            label: None,
            who: Who::Nothing,
            prio: 8,
        }),
    }
}

/// The analyst's own names may add findings and fix labels, but never hide
/// what the rules know (a country's canonical entity, a person who speaks,
/// an amount). Where a learned name covers exactly the stretch a rule
/// found: with the same label the rule's reading stays; with another label
/// the learned label wins and the rule's reading is kept aside (returned,
/// sorted by span), so claims still see the country behind "Washington".
fn keep_what_the_rules_know(cands: Vec<Cand>, ctx: &Context<'_>) -> (Vec<Cand>, Vec<(Span, Who)>) {
    if !cands.iter().any(|c| matches!(c.who, Who::Project(_))) {
        return (cands, Vec::new());
    }
    let mut by_span: std::collections::HashMap<(usize, usize), (Who, &'static str)> =
        std::collections::HashMap::new();
    for c in &cands {
        if let (Some(label), false) = (c.label, matches!(c.who, Who::Project(_)))
            && !label.is_empty()
        {
            by_span.entry((c.start, c.end)).or_insert((c.who, label));
        }
    }
    if by_span.is_empty() {
        return (cands, Vec::new());
    }
    let mut shadowed = Vec::new();
    let kept = cands
        .into_iter()
        .filter(|c| {
            let Who::Project(k) = c.who else { return true };
            let Some(&(who, label)) = by_span.get(&(c.start, c.end)) else {
                return true;
            };
            let learned = ctx.gazetteer.get(k).map_or("", |e| e.label.as_str());
            if learned.eq_ignore_ascii_case(label) {
                return false;
            }
            shadowed.push((Span::new(c.start, c.end), who));
            true
        })
        .collect();
    shadowed.sort_by_key(|(s, _)| (s.start, s.end));
    (kept, shadowed)
}

/// Keeps the longest candidates that do not overlap; blockers claim their
/// stretch without producing an entity.
fn settle(text: &str, mut cands: Vec<Cand>) -> Vec<Ent> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.prio.cmp(&a.prio))
            .then(a.start.cmp(&b.start))
    });
    // Accepted stretches by start, to test overlap in O(log n).
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for c in cands {
        if c.start >= c.end || Span::checked(c.start, c.end, text).is_none() {
            continue;
        }
        let clash_before = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, &e)| e > c.start);
        if clash_before {
            continue;
        }
        taken.insert(c.start, c.end);
        if let Some(label) = c.label {
            out.push(Ent {
                span: Span::new(c.start, c.end),
                label,
                who: c.who,
            });
        }
    }
    out.sort_by_key(|e| e.span.start);
    out
}

/// A name written as tokens `start..end` (end exclusive), with the tokens
/// of its name words (initials and suffixes left out).
struct NameScan {
    start: usize,
    end: usize,
    parts: Vec<(usize, usize)>,
}

/// Whether token `i` is an initial: one capital glued to a period ("J.").
fn is_initial(context: &RuleContext<'_, '_>, i: usize) -> bool {
    let w = context.word(i);
    context.is_cap_word(i)
        && w.chars().count() == 1
        && context.word(i + 1) == "."
        && context.glued(i)
}

/// Whether a capitalised word can be part of a person's name.
fn name_word(context: &RuleContext<'_, '_>, i: usize) -> bool {
    if !context.is_cap_word(i) {
        return false;
    }
    let w = context.word(i);
    // "Jan" is a given name unless written as the abbreviation "Jan.".
    let month_word = context.has(i, F_MONTH)
        && (w.len() > 4 || matches!(w, "May" | "June" | "July") || context.word(i + 1) == ".");
    if context.has(i, F_FUNC)
        || month_word
        || context.has(i, F_WEEKDAY)
        || w.chars().all(|c| c.is_uppercase()) && w.len() > 1
    {
        return false;
    }
    match context.hit_covering(context.toks[i].start) {
        Some(h) => match h.kind {
            PatKind::Entity { canon } => {
                context.gazetteer.canon[canon as usize].label == crate::model::PERSON
            }
            PatKind::Blocked | PatKind::Title(_) | PatKind::Demonym { .. } => false,
            PatKind::Dateline { .. } => true,
        },
        None => !context.has(i, F_ORG_HEAD | F_EVENT_HEAD),
    }
}

/// The person's name starting at token `i`: up to five name words,
/// with initials, particles ("von") and a suffix ("Jr.") taken along.
fn scan_name(context: &RuleContext<'_, '_>, i: usize) -> Option<NameScan> {
    let mut j = i;
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut end = i;
    while j < context.toks.len() && parts.len() < 5 {
        if is_initial(context, j) {
            j += 2;
            continue;
        }
        if !parts.is_empty() && NAME_SUFFIXES.contains(&context.word(j)) {
            end = j + 1;
            if context.word(j + 1) == "."
                && context.glued(j)
                && matches!(context.word(j), "Jr" | "Sr")
            {
                end = j + 2;
            }
            break;
        }
        if !parts.is_empty()
            && NAME_PARTICLES.contains(&context.word(j))
            && name_word(context, j + 1)
        {
            j += 1;
            continue;
        }
        if !name_word(context, j) {
            break;
        }
        // A hyphenated name ("Kosiniak-Kamysz", "Frank-Walter") is one part.
        let mut k = j + 1;
        while context.word(k) == "-"
            && context.glued(k - 1)
            && context.glued(k)
            && context.is_cap_word(k + 1)
        {
            k += 2;
        }
        parts.push((j, k));
        j = k;
        end = k;
    }
    if parts.is_empty() {
        return None;
    }
    Some(NameScan {
        start: i,
        end,
        parts,
    })
}

/// Records a person mentioned by tokens `i..j`, merging with a person
/// already known by surname; returns the person's index.
fn register(
    context: &RuleContext<'_, '_>,
    persons: &mut Vec<DocPerson>,
    i: usize,
    j: usize,
    role: Option<String>,
    country: Option<&'static str>,
    canon: Option<u32>,
) -> usize {
    let text = context.text;
    let name = written_name(context, i, j);
    let canon =
        canon.or_else(|| gazetteer_person(context.gazetteer, name.first.as_deref(), &name.surname));
    let surface =
        text[context.toks[i].start..context.toks[j.saturating_sub(1).max(i)].end].to_owned();
    let key = folded(&name.surname);
    if let Some(k) = known_person(context, persons, &key, name.first.as_deref()) {
        let p = &mut persons[k];
        if p.first.is_none() && name.first.is_some() {
            p.first = name.first;
            if p.canon.is_none() {
                p.name = name.written;
            }
        }
        if p.role.is_none() {
            p.role = role;
        }
        if p.country.is_none() {
            p.country = country;
        }
        if p.canon.is_none() && canon.is_some() {
            p.set_canon(context.gazetteer, canon);
        }
        if !p.aliases.contains(&surface) && surface != p.name {
            p.aliases.push(surface);
        }
        return k;
    }
    let gender = name
        .first
        .as_deref()
        .and_then(|f| context.gazetteer.first_names.get(f).copied())
        .unwrap_or(Gender::Unknown);
    let mut p = DocPerson {
        name: name.written,
        first: name.first,
        surname: name.surname,
        surname_toks: name.surname_toks,
        role,
        country,
        gender,
        canon: None,
        aliases: Vec::new(),
    };
    p.set_canon(context.gazetteer, canon);
    if surface != p.name {
        p.aliases.push(surface);
    }
    persons.push(p);
    context
        .persons_by_surname
        .borrow_mut()
        .entry(key)
        .or_default()
        .push(persons.len() - 1);
    persons.len() - 1
}

/// A person's name as tokens `i..j` write it.
struct WrittenName {
    /// The given name, when more than one name word is written.
    first: Option<String>,
    surname: String,
    /// How many tokens the surname spans.
    surname_toks: usize,
    /// The name words joined by single spaces (initials and suffixes left
    /// out).
    written: String,
}

/// The name as the rule saw it (tokens `i..j` only): its name words when
/// [`scan_name`] reads any, else the last word of the stretch as surname.
fn written_name(context: &RuleContext<'_, '_>, i: usize, j: usize) -> WrittenName {
    let text = context.text;
    let toks = context.toks;
    let scan = scan_name(context, i).map(|mut s| {
        s.parts.retain(|&(_, b)| b <= j);
        s.end = s.end.min(j);
        s
    });
    match &scan {
        Some(s) if !s.parts.is_empty() => {
            let (ls, le) = *s.parts.last().unwrap_or(&(i, i + 1));
            let written: Vec<&str> = s
                .parts
                .iter()
                .map(|&(a, b)| &text[toks[a].start..toks[b - 1].end])
                .collect();
            WrittenName {
                first: (s.parts.len() > 1).then(|| context.word(s.parts[0].0).to_owned()),
                surname: text[toks[ls].start..toks[le - 1].end].to_owned(),
                surname_toks: le - ls,
                written: written.join(" "),
            }
        }
        _ => {
            let w = text[toks[i].start..toks[j.saturating_sub(1).max(i)].end].to_owned();
            let last = w.split_whitespace().last().unwrap_or("").to_owned();
            let n = tokenize(&last).len();
            WrittenName {
                first: None,
                surname: last,
                surname_toks: n.max(1),
                written: w,
            }
        }
    }
}

/// The person of the document this name is, by folded surname `key` and
/// given name: the first one found whose given name does not conflict.
/// Looked up in the index (in the order persons were found), not by a
/// scan of every person of the document.
fn known_person(
    context: &RuleContext<'_, '_>,
    persons: &[DocPerson],
    key: &str,
    first: Option<&str>,
) -> Option<usize> {
    context.persons_by_surname.borrow().get(key).and_then(|ks| {
        ks.iter().copied().find(|&k| {
            let p = &persons[k];
            first.is_none()
                || p.first.is_none()
                || p.first
                    .as_deref()
                    .is_some_and(|f| folded_eq(f, first.unwrap_or("")))
        })
    })
}

/// The gazetteer person with this surname (and given name, when known).
fn gazetteer_person(g: &Gazetteer, first: Option<&str>, surname: &str) -> Option<u32> {
    let folded: String = surname.chars().map(fold).collect();
    g.people_by_surname
        .get(&folded)?
        .iter()
        .copied()
        .find(|&k| {
            let c = &g.canon[k as usize];
            let names = std::iter::once(c.name).chain(c.aliases.iter().copied());
            let hit = names.into_iter().any(|n| {
                let f = n.split_whitespace().next().unwrap_or("");
                let l = n.rsplit(' ').next().unwrap_or("");
                folded_eq(l, surname) && first.is_none_or(|x| folded_eq(x, f))
            });
            // A bare surname is linked only when the gazetteer allows it alone.
            let bare_ok = first.is_some() || c.aliases.iter().any(|a| folded_eq(a, surname));
            hit && bare_ok
        })
}

impl DocPerson {
    /// Links the person to gazetteer entity `canon`: its name becomes the
    /// person's (the written one an alias), and it fills what is not yet known.
    fn set_canon(&mut self, g: &Gazetteer, canon: Option<u32>) {
        let Some(k) = canon else { return };
        let c = &g.canon[k as usize];
        self.canon = Some(k);
        if self.name != c.name && !self.aliases.contains(&self.name) {
            self.aliases.push(std::mem::take(&mut self.name));
        }
        self.name = c.name.to_owned();
        if self.role.is_none() {
            self.role = c.role.map(str::to_owned);
        }
        if self.country.is_none() {
            self.country = c.country;
        }
        if c.gender != Gender::Unknown {
            self.gender = c.gender;
        }
        if self.first.is_none() {
            self.first = c.name.split_whitespace().next().map(str::to_owned);
        }
    }
}

/// "Secretary of Defense Lloyd J. Austin III", "Mr. Stoltenberg",
/// "President [Donald J.] Trump": the name after a title, without it.
fn title_rule(
    context: &RuleContext<'_, '_>,
    h: &GazHit,
    kind: TitleKind,
    persons: &mut Vec<DocPerson>,
    cands: &mut Vec<Cand>,
) {
    let toks = context.toks;
    let mut j = token_at(toks, h.end);
    // Chained titles ("Lt. Gen.") are one pattern; a rank after a role
    // ("Minister Gen.") is skipped too.
    while let Some(next) = toks.get(j).and_then(|t| context.hit_at(t.start)) {
        if matches!(next.kind, PatKind::Title(_)) {
            j = token_at(toks, next.end);
        } else {
            break;
        }
    }
    if context.word(j) == "[" {
        // An editorial insertion: the name resumes after the bracket.
        while j < toks.len() && context.word(j) != "]" && context.word(j) != "\n" {
            j += 1;
        }
        j += 1;
    }
    let Some(scan) = scan_name(context, j) else {
        return;
    };
    // In a headline any word is capitalised: "NATO Commander Warns".
    if context.in_headline(j) {
        let w = context.word(scan.parts[0].0);
        let known = context.gazetteer.first_names.contains_key(w)
            || matches!(
                context.hit_at(context.toks[j].start).map(|h| h.kind),
                Some(PatKind::Entity { .. })
            );
        if !known {
            return;
        }
    }
    // "President Trump" is a name; "the President of ..." is not.
    let role = (kind == TitleKind::Role).then(|| context.text[h.start..h.end].to_owned());
    let title_tok = token_at(toks, h.start);
    let country = nationality_before(context, title_tok);
    propose_person(context, persons, cands, &scan, role, country, 7);
}

/// Registers the person named by `scan` (with what the rule read about
/// them) and proposes the name as a PERSON candidate; `prio` is how far the
/// rule that found it is trusted over others of the same length.
fn propose_person(
    context: &RuleContext<'_, '_>,
    persons: &mut Vec<DocPerson>,
    cands: &mut Vec<Cand>,
    scan: &NameScan,
    role: Option<String>,
    country: Option<&'static str>,
    prio: u8,
) {
    let toks = context.toks;
    let p = register(context, persons, scan.start, scan.end, role, country, None);
    cands.push(Cand {
        start: toks[scan.start].start,
        end: toks[scan.end - 1].end,
        label: Some(crate::model::PERSON),
        who: Who::Person(p),
        prio,
    });
}

/// The country of a demonym or country name right before token `title_tok`
/// ("Polish Defense Minister", "NATO Secretary General" gives none).
fn nationality_before(context: &RuleContext<'_, '_>, title_tok: usize) -> Option<&'static str> {
    let mut k = title_tok;
    // Skip an "acting"/"former"/"chief" or another title word.
    for _ in 0..3 {
        if k == 0 {
            return None;
        }
        k -= 1;
        let start = context.toks[k].start;
        for h in context
            .hits_ending_at(context.toks[k].end)
            .iter()
            .filter(|h| h.start <= start)
        {
            match h.kind {
                PatKind::Demonym { canon } | PatKind::Entity { canon } => {
                    let c = &context.gazetteer.canon[canon as usize];
                    if c.label == crate::model::GPE {
                        return c.country;
                    }
                }
                _ => {}
            }
        }
        if !context.is_word(k) {
            return None;
        }
    }
    None
}

/// "DRAWSKO POMORSKIE, Poland –": a dateline place the gazetteer does not
/// know, in capitals at the start of a line and followed by its country.
fn dateline_rule(context: &RuleContext<'_, '_>, cands: &mut Vec<Cand>) {
    for &ls in &context.line_starts {
        let i = token_at(context.toks, ls);
        let mut j = i;
        while j < context.toks.len()
            && context.is_word(j)
            && context.word(j).len() > 1
            && context.word(j).chars().all(|c| !c.is_lowercase())
        {
            j += 1;
        }
        if j == i || j - i > 3 || context.word(j) != "," {
            continue;
        }
        let country_next = context.toks.get(j + 1).and_then(|t| context.hit_at(t.start)).is_some_and(|h| {
            matches!(h.kind, PatKind::Entity { canon } if context.gazetteer.canon[canon as usize].iso3.is_some())
        });
        if country_next {
            cands.push(Cand {
                start: context.toks[i].start,
                end: context.toks[j - 1].end,
                label: Some(crate::model::GPE),
                who: Who::Nothing,
                prio: 4,
            });
        }
    }
}

/// "Daniel Zimmerman", "Dana W. White": a known given name followed by a
/// capitalised surname. Headlines are left out: every word is capitalised
/// there.
fn given_name_rule(
    context: &RuleContext<'_, '_>,
    persons: &mut Vec<DocPerson>,
    cands: &mut Vec<Cand>,
) {
    let toks = context.toks;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !context.has(i, F_FIRST) || !t.cap {
            i += 1;
            continue;
        }
        if context.in_headline(i) || !name_word(context, i) {
            i += 1;
            continue;
        }
        match scan_name(context, i) {
            Some(scan) if scan.parts.len() >= 2 => {
                let country = nationality_before(context, i);
                propose_person(context, persons, cands, &scan, None, country, 6);
                i = scan.end;
            }
            _ => i += 1,
        }
    }
}

/// Role nouns that, after a name and a comma, say the name is a person's:
/// "Kristina Schmidt, a spokeswoman for the ministry".
static ROLE_NOUNS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list("role_nouns"));

/// Names recognised by where they stand rather than by a known given name:
/// two or more capitalised name words before or after a speech verb
/// ("Kristina Schmidt said", "said Kristina Schmidt") or before a comma and
/// a role noun ("Kristina Schmidt, the ministry's spokeswoman").
fn context_name_rule(
    context: &RuleContext<'_, '_>,
    persons: &mut Vec<DocPerson>,
    cands: &mut Vec<Cand>,
) {
    let toks = context.toks;
    let add = |persons: &mut Vec<DocPerson>,
               cands: &mut Vec<Cand>,
               scan: &NameScan,
               role: Option<String>| {
        let country = nationality_before(context, scan.start);
        propose_person(context, persons, cands, scan, role, country, 5);
    };
    for i in 0..toks.len() {
        let w = context.word(i);
        if !context.has(i, F_CUE) && w != "," || context.in_headline(i) {
            continue;
        }
        if context.has(i, F_CUE) {
            // "said Kristina Schmidt"
            if let Some(scan) = scan_name(context, i + 1).filter(|s| s.parts.len() >= 2) {
                add(persons, cands, &scan, None);
            }
            // "Kristina Schmidt said": walk back over the name words.
            let mut a = i;
            while a > 0 && name_word(context, a - 1)
                || a > 1 && context.word(a - 1) == "." && is_initial(context, a - 2)
            {
                a -= if context.word(a - 1) == "." { 2 } else { 1 };
            }
            if let Some(scan) = scan_name(context, a).filter(|s| s.parts.len() >= 2 && s.end == i) {
                add(persons, cands, &scan, None);
            }
        } else if w == "," && i > 0 {
            let mut role_at = None;
            for k in i + 1..i + 5 {
                let kw = context.word(k);
                if ROLE_NOUNS.contains(&kw) {
                    role_at = Some(k);
                    break;
                }
                if !context.is_word(k) && kw != "’" && kw != "'"
                    || matches!(kw, "and" | "who" | "which")
                {
                    break;
                }
            }
            let Some(r) = role_at else { continue };
            let mut a = i;
            while a > 0 && name_word(context, a - 1) {
                a -= 1;
            }
            if let Some(scan) = scan_name(context, a).filter(|s| s.parts.len() >= 2 && s.end == i) {
                // The role runs from the noun to the end of the appositive.
                let mut e = r + 1;
                while context.is_word(e)
                    && !context.toks[e].cap
                    && !matches!(context.word(e), "and" | "who" | "said" | "says")
                    && e < r + 6
                {
                    e += 1;
                }
                let role = context.text[toks[r].start..toks[e - 1].end].to_owned();
                add(persons, cands, &scan, Some(role));
            }
        }
    }
}

/// Later mentions of a known person by surname, anywhere in the text
/// (headlines included), compared without diacritics.
fn surname_mentions(context: &RuleContext<'_, '_>, persons: &[DocPerson], cands: &mut Vec<Cand>) {
    if persons.is_empty() {
        return;
    }
    // The persons by folded surname, for each surname length in tokens: a
    // token is looked up, not compared with every person of the document.
    let mut by_surname: BTreeMap<usize, HashMap<String, Vec<usize>>> = BTreeMap::new();
    for (k, p) in persons.iter().enumerate() {
        by_surname
            .entry(p.surname_toks.max(1))
            .or_default()
            .entry(folded(&p.surname))
            .or_default()
            .push(k);
    }
    let toks = context.toks;
    for i in 0..toks.len() {
        let t = toks[i];
        if t.kind != TokKind::Word || !t.cap {
            continue;
        }
        let mut found: Vec<usize> = Vec::new();
        for (&n, names) in &by_surname {
            let Some(lt) = toks.get(i + n - 1) else {
                continue;
            };
            if let Some(ks) = names.get(&folded(&context.text[t.start..lt.end])) {
                found.extend(ks);
            }
        }
        // In the order of the persons, as a scan over them would find them.
        found.sort_unstable();
        for k in found {
            let p = &persons[k];
            let last = i + p.surname_toks.max(1) - 1;
            let Some(lt) = toks.get(last) else { continue };
            if toks
                .get(last + 1)
                .is_some_and(|n| n.kind == TokKind::Word && n.start == lt.end)
            {
                continue;
            }
            let mut start = t.start;
            if i > 0
                && p.first
                    .as_deref()
                    .is_some_and(|f| folded_eq(context.word(i - 1), f))
            {
                start = toks[i - 1].start;
            }
            cands.push(Cand {
                start,
                end: lt.end,
                label: Some(crate::model::PERSON),
                who: Who::Person(k),
                prio: 4,
            });
        }
    }
}

/// A name folded for comparison, as [`folded_eq`] compares.
fn folded(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Bases and other facilities ("Camp Kościuszko", "Ramstein Air Base"),
/// events and documents ("NATO Wales Summit", "Article 5").
fn facility_and_event_rules(context: &RuleContext<'_, '_>, cands: &mut Vec<Cand>) {
    let toks = context.toks;
    let block = |cands: &mut Vec<Cand>, a: usize, b: usize| {
        if a < b {
            cands.push(Cand {
                start: toks[a].start,
                end: toks[b - 1].end,
                label: None,
                who: Who::Nothing,
                prio: 8,
            });
        }
    };
    let cap_run_after = |mut j: usize| {
        while context.is_cap_word(j) && !context.has(j, F_FUNC) {
            j += 1;
        }
        j
    };
    for i in 0..toks.len() {
        let w = context.word(i);
        match w {
            "Camp" | "Fort" if context.is_cap_word(i + 1) => block(cands, i, cap_run_after(i + 1)),
            "Forward" if context.word(i + 1) == "Operating" && context.word(i + 2) == "Site" => {
                block(cands, i, cap_run_after(i + 3))
            }
            "Joint" | "Naval" if matches!(context.word(i + 1), "Base" | "Station") => {
                block(cands, i, cap_run_after(i + 2))
            }
            "Article" if toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Num) => {
                block(cands, i, i + 2)
            }
            "Base" | "Barracks" | "Airfield" | "Airbase" if i > 0 && context.is_cap_word(i - 1) => {
                let mut a = i;
                while a > 0 && context.is_cap_word(a - 1) && !context.has(a - 1, F_FUNC) {
                    a -= 1;
                }
                block(cands, a, i + 1);
            }
            "Operation" if context.is_cap_word(i + 1) => block(cands, i, cap_run_after(i + 1)),
            _ if context.has(i, F_EVENT_HEAD)
                && !context.is_cap_word(i + 1)
                && i > 0
                && context.is_cap_word(i - 1) =>
            {
                let mut a = i;
                while a > 0
                    && context.is_cap_word(a - 1)
                    && !context.has(a - 1, F_FUNC | F_MONTH | F_WEEKDAY)
                    && !matches!(
                        context.hit_at(toks[a - 1].start).map(|h| h.kind),
                        Some(PatKind::Title(_))
                    )
                {
                    a -= 1;
                }
                // A name that starts with an organisation keeps it.
                if let Some(h) = context.hit_at(toks[a].start)
                    && let PatKind::Entity { canon } = h.kind
                    && context.gazetteer.canon[canon as usize].label == crate::model::ORG
                {
                    a = token_at(toks, h.end);
                }
                // Single-word events ("Summit") need no blocking.
                if i > a {
                    block(cands, a, i + 1);
                }
            }
            _ => {}
        }
    }
}

/// Whether `w` is a short Roman numeral ("V", "XII").
fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// "Polish Armed Forces", "14th Garrison Support Unit", "V Corps",
/// "Ministry of National Defence": capitalised words ending in (or starting
/// with) an organisation head word.
fn org_rule(context: &RuleContext<'_, '_>, cands: &mut Vec<Cand>) {
    let toks = context.toks;
    for i in 0..toks.len() {
        if !context.has(i, F_ORG_HEAD) || !context.is_cap_word(i) || context.in_headline(i) {
            continue;
        }
        let a = org_start(context, i);
        let b = org_end(context, i);
        if b - a >= 2 || a < i {
            cands.push(Cand::plain(toks, a, b, crate::model::ORG, 3));
        }
    }
}

/// The first token of the organisation whose head word is token `i`: the
/// name extends left over modifiers (capitalised words that are not
/// function words, titles or a line's first word; ordinals such as "14th";
/// Roman numerals; a country abbreviated with periods, "U.S.").
fn org_start(context: &RuleContext<'_, '_>, i: usize) -> usize {
    let toks = context.toks;
    let mut a = i;
    while a > 0 {
        let k = a - 1;
        let kw = context.word(k);
        let t = toks[k];
        let modifier = if t.kind == TokKind::Num {
            kw.ends_with("th") || kw.ends_with("st") || kw.ends_with("nd") || kw.ends_with("rd")
        } else if t.kind == TokKind::Word && t.cap {
            !context.has(k, F_FUNC | F_ORG_HEAD | F_MONTH)
                && !matches!(
                    context.hit_at(t.start).map(|h| h.kind),
                    Some(PatKind::Title(_))
                )
                && !context.line_start(k)
                || is_roman(kw)
        } else if kw == "." && k > 0 {
            // The end of "U.S." before "Army".
            context
                .hits_ending_at(t.end)
                .iter()
                .any(|h| matches!(h.kind, PatKind::Entity { .. }))
        } else {
            false
        };
        if !modifier {
            break;
        }
        if kw == "." {
            let h = context
                .hits_ending_at(t.end)
                .first()
                .map(|h| h.start)
                .unwrap_or(t.start);
            a = token_at(toks, h);
        } else {
            a = k;
        }
    }
    a
}

/// The token after the organisation whose head word is token `i`: the
/// name extends right over "of National Defence", a compass word
/// ("South-East") and further words ending in another head word ("Brigade
/// Combat Team").
fn org_end(context: &RuleContext<'_, '_>, i: usize) -> usize {
    let mut b = i + 1;
    loop {
        let nw = context.word(b);
        if matches!(nw, "of" | "for") && context.is_cap_word(b + 1)
            || nw == "of" && context.word(b + 1) == "the" && context.is_cap_word(b + 2)
        {
            let mut k = if context.word(b + 1) == "the" {
                b + 2
            } else {
                b + 1
            };
            while context.is_cap_word(k) && !context.has(k, F_FUNC) && !is_title_at(context, k) {
                k += 1;
            }
            b = k;
        } else if COMPASS.contains(&nw) && context.is_cap_word(b) {
            b += 1;
            while context.word(b) == "-" && context.glued(b - 1) && context.is_cap_word(b + 1) {
                b += 2;
            }
        } else if let Some(h) =
            (b..b + 2).find(|&k| context.has(k, F_ORG_HEAD) && context.is_cap_word(k))
            && (b..h).all(|k| {
                context.is_cap_word(k)
                    && !context.has(k, F_FUNC)
                    && !is_title_at(context, k)
                    && !is_roman(context.word(k))
            })
            && !is_roman(context.word(b))
            && (h > b || context.has(b, F_ORG_HEAD))
            && context.has(b - 1, F_ORG_HEAD)
        {
            // "Brigade Combat Team": a head word continued by words that
            // end in another head; "Army V Corps" are two names.
            b = h + 1;
        } else {
            break;
        }
    }
    b
}

/// Whether a title ("General", "Minister") starts at token `k`.
fn is_title_at(context: &RuleContext<'_, '_>, k: usize) -> bool {
    matches!(
        context.hit_at(context.toks[k].start).map(|h| h.kind),
        Some(PatKind::Title(_))
    )
}

/// The year `w` writes, when it is four digits from 1900 to 2100.
fn is_year(w: &str) -> Option<i32> {
    crate::data::year::parse_year(w)
}

/// Whether `w` is a day of the month (1 to 31).
fn is_day(w: &str) -> bool {
    w.len() <= 2
        && w.bytes().all(|b| b.is_ascii_digit())
        && w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// Dates: "July 30, 2022", "2 July 2015", "Oct. 1, 2020", "February 2022",
/// "Monday", "last year", "today", bare years.
fn date_rule(context: &RuleContext<'_, '_>, cands: &mut Vec<Cand>) {
    let toks = context.toks;
    for i in 0..toks.len() {
        let t = toks[i];
        let w = t.text(context.text);
        let date = if context.has(i, F_MONTH) && t.cap {
            month_date(context, i)
        } else if context.has(i, F_WEEKDAY) && t.cap {
            let a = if i > 0 && matches!(context.word(i - 1), "last" | "next" | "this") {
                i - 1
            } else {
                i
            };
            Some((a, i + 1))
        } else if t.kind == TokKind::Num && is_year(w).is_some() {
            year_date(context, i)
        } else if t.kind == TokKind::Word {
            relative_date(context, i)
        } else {
            None
        };
        if let Some((a, b)) = date {
            cands.push(Cand::plain(toks, a, b, crate::model::DATE, 2));
        }
    }
}

/// The date around the month name at token `i`, as tokens `a..b`: with
/// its day and year ("July 30, 2022", "2 July 2015", "Oct. 1"), its year
/// ("February 2022") or alone. An abbreviation needs its period; "May" and
/// "March" alone count only after a word that places them in time ("in
/// May"), since they are also a verb and a noun.
fn month_date(context: &RuleContext<'_, '_>, i: usize) -> Option<(usize, usize)> {
    let toks = context.toks;
    let w = context.word(i);
    let mut b = i + 1;
    let short = w.len() <= 4 && w != "June" && w != "July" && w != "May";
    if short {
        // Abbreviations need their period: "Oct. 1".
        if context.word(b) != "." || !context.glued(i) {
            return None;
        }
        b += 1;
    }
    let mut has_num = false;
    if is_day(context.word(b)) && toks[b].kind == TokKind::Num {
        b += 1;
        has_num = true;
        if context.word(b) == "," && is_year(context.word(b + 1)).is_some() {
            b += 2;
        }
    } else if is_year(context.word(b)).is_some() {
        b += 1;
        has_num = true;
    }
    let mut a = i;
    if i >= 2 && is_day(context.word(i - 1)) && toks[i - 1].kind == TokKind::Num {
        a = i - 1;
        has_num = true;
    }
    let prev = if a > 0 { context.word(a - 1) } else { "" };
    let modal_risk = matches!(w, "May" | "March");
    let located = matches!(
        prev,
        "in" | "In"
            | "since"
            | "until"
            | "by"
            | "from"
            | "last"
            | "next"
            | "this"
            | "early"
            | "late"
            | "of"
            | "through"
            | "during"
    );
    if !(has_num || !modal_risk || located) {
        return None;
    }
    if matches!(prev, "last" | "next" | "this") {
        a -= 1;
    } else if prev == "-" && a >= 2 && context.word(a - 2) == "mid" {
        a -= 2;
    }
    Some((a, b))
}

/// The bare year at token `i` ("2022", "mid-2025") as a date, unless it is
/// a number of something: a percentage, money, or part of "1,2025".
fn year_date(context: &RuleContext<'_, '_>, i: usize) -> Option<(usize, usize)> {
    let toks = context.toks;
    let next = context.word(i + 1);
    let prev = if i > 0 { context.word(i - 1) } else { "" };
    if matches!(next, "%" | "percent")
        || currency_symbol(prev).is_some()
        || prev == "," && i >= 2 && toks[i - 2].kind == TokKind::Num
    {
        return None;
    }
    let a = if prev == "-" && i >= 2 && context.word(i - 2) == "mid" && context.glued(i - 1) {
        i - 2
    } else {
        i
    };
    Some((a, i + 1))
}

/// "today", "yesterday", "next week", "last summer" at token `i`; not
/// "over the last year", which is a duration.
fn relative_date(context: &RuleContext<'_, '_>, i: usize) -> Option<(usize, usize)> {
    match context.word(i) {
        "today" | "Today" | "tomorrow" | "Tomorrow" | "yesterday" | "Yesterday" => Some((i, i + 1)),
        "this" | "This" | "next" | "Next" | "last" | "Last" => {
            let n = context.word(i + 1);
            if !matches!(
                n,
                "year"
                    | "week"
                    | "month"
                    | "weekend"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
            ) {
                return None;
            }
            // "over the last year" is a duration, not a date.
            let prev = if i > 0 { context.word(i - 1) } else { "" };
            (!matches!(prev, "the" | "over" | "past" | "for")).then_some((i, i + 2))
        }
        _ => None,
    }
}

/// Money ("$7.7 billion", "€46.86 billion", "200 billion złotys",
/// "PLN 186.6 billion", "50-billion-euro") and percentages ("5%",
/// "two percent", "4.12 per cent", "3-percent").
fn amount_rule(context: &RuleContext<'_, '_>, cands: &mut Vec<Cand>, amounts: &mut Vec<Amount>) {
    let toks = context.toks;
    let mut push = |a: usize, b: usize, value: f64, unit: ClaimUnit, percent: bool| {
        let span = Span::new(toks[a].start, toks[b - 1].end);
        cands.push(Cand {
            start: span.start,
            end: span.end,
            label: Some(if percent {
                crate::model::PERCENT
            } else {
                crate::model::MONEY
            }),
            who: Who::Nothing,
            prio: 3,
        });
        amounts.push(Amount {
            span,
            value,
            unit,
            percent,
        });
    };
    let mut i = 0;
    while i < toks.len() {
        // Prefix currency: "$", "US$", "€", "PLN".
        let start = i;
        let unit = if context.word(i) == "US" && context.word(i + 1) == "$" && context.glued(i) {
            i += 1;
            Some(ClaimUnit::Usd)
        } else {
            prefix_currency(context.word(i))
        };
        if let Some(unit) = unit
            && let Some((end, value)) = money_after_symbol(context, i)
        {
            push(start, end, value, unit, false);
            i = end;
            continue;
        }
        let Some((value, after_number)) = number_at(context, i) else {
            i += 1;
            continue;
        };
        if let Some(end) = percent_end(context, after_number) {
            push(i, end, value, ClaimUnit::PctGdp, true);
            i = end;
            continue;
        }
        match money_with_currency_after(context, value, after_number) {
            Some((end, value, unit)) => {
                push(i, end, value, unit, false);
                i = end;
            }
            None => i = after_number,
        }
    }
}

/// The currency a symbol or an upper-case code before a number stands for
/// ("$", "€", "PLN").
fn prefix_currency(w: &str) -> Option<ClaimUnit> {
    currency_symbol(w).or_else(|| {
        if w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase()) {
            currency_word(w)
        } else {
            None
        }
    })
}

/// The number written at token `i` (digits, digits with a glued magnitude
/// such as "100m", or number words such as "twenty-five") and the token
/// after it.
fn number_at(context: &RuleContext<'_, '_>, i: usize) -> Option<(f64, usize)> {
    let t = context.toks.get(i)?;
    let w = t.text(context.text);
    match t.kind {
        TokKind::Num => {
            if w.bytes().any(|b| b.is_ascii_alphabetic()) {
                // "100m", "2bn": digits with a glued magnitude.
                let cut = w.find(|c: char| c.is_ascii_alphabetic())?;
                let m = magnitude(&w[cut..])?;
                return Some((parse_digits(&w[..cut])? * m, i + 1));
            }
            Some((parse_digits(w)?, i + 1))
        }
        TokKind::Word => {
            let mut v = number_word(w)?;
            let mut j = i + 1;
            // "twenty-five"
            if context.word(j) == "-"
                && context.glued(i)
                && let Some(u) = number_word(context.word(j + 1))
                && u < 10.0
            {
                v += u;
                j += 2;
            }
            Some((v, j))
        }
        TokKind::Punct => None,
    }
}

/// The amount after the currency symbol at token `symbol` ("$7.7 billion",
/// "$50-billion"): the token after it and its value in full units.
fn money_after_symbol(context: &RuleContext<'_, '_>, symbol: usize) -> Option<(usize, f64)> {
    let (mut value, mut j) =
        number_at(context, symbol + 1).filter(|_| context.toks[symbol + 1].kind == TokKind::Num)?;
    // "$50-billion" or "$7.7 billion"
    if context.word(j) == "-" && context.glued(j - 1) && magnitude(context.word(j + 1)).is_some() {
        j += 1;
    }
    if let Some(m) = magnitude(context.word(j)).filter(|_| context.is_word(j)) {
        value *= m;
        j += 1;
    }
    Some((j, value))
}

/// The token after a percent sign or word at token `j`, right after a
/// number: "5%", "3-percent", "two percent", "4.12 per cent".
fn percent_end(context: &RuleContext<'_, '_>, j: usize) -> Option<usize> {
    if context.word(j) == "%" {
        Some(j + 1)
    } else if context.word(j) == "-" && context.glued(j - 1) && context.word(j + 1) == "percent" {
        Some(j + 2)
    } else if matches!(context.word(j), "percent" | "Percent") {
        Some(j + 1)
    } else if context.word(j) == "per" && context.word(j + 1) == "cent" {
        Some(j + 2)
    } else {
        None
    }
}

/// Money with its currency after the number (`value`, ending before token
/// `after_number`): "500 euros", "200 billion złotys", "5 billion
/// additional euros", "50-billion-euro". Gives the token after the
/// currency word, the value in full units and the currency.
fn money_with_currency_after(
    context: &RuleContext<'_, '_>,
    value: f64,
    after_number: usize,
) -> Option<(usize, f64, ClaimUnit)> {
    let toks = context.toks;
    let mut j = after_number;
    if context.word(j) == "-" && context.glued(j - 1) {
        j += 1;
    }
    let Some(m) = magnitude(context.word(j)).filter(|_| context.is_word(j)) else {
        // A bare number followed directly by a currency word: "500 euros".
        return currency_word(context.word(j)).map(|unit| (j + 1, value, unit));
    };
    let value = value * m;
    j += 1;
    if context.word(j) == "-" && context.glued(j - 1) {
        j += 1;
    }
    let mut k = j;
    // Words between the number and the currency stay inside.
    for _ in 0..2 {
        if currency_word(context.word(k)).is_some() {
            break;
        }
        if matches!(
            context.word(k),
            "additional" | "extra" | "more" | "new" | "US" | "U.S."
        ) || matches!(
            context
                .hit_at(toks.get(k).map_or(usize::MAX, |t| t.start))
                .map(|h| h.kind),
            Some(PatKind::Demonym { .. })
        ) {
            k += 1;
        }
    }
    currency_word(context.word(k)).map(|unit| (k + 1, value, unit))
}
