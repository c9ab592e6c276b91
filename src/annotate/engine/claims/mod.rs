//! Defence-spending claims: one country's spending level, stated as a share
//! of GDP or as an amount.
//!
//! Each percentage or amount the entity pass found goes through named steps,
//! and any step may decide that it is not a claim, with a reason:
//!
//! 1. [`Doc::read_level`]: what the value is a level *of*. A share of GDP
//!    ("of its GDP", "economic output"), a bare percentage or an amount;
//!    not a share of something else ("of the population", "of its defence
//!    budget"), not an increment ("by 0.5 points", "an extra €10 billion",
//!    "rose 20%"), not a fund or a company's figure.
//! 2. [`Doc::find_predicate`]: the word that makes it a level: spend,
//!    allocate, budget, commitment, reach, total, "stands at", "ranks third
//!    with". A second value of the same predicate ("4% next year compared
//!    with 3.5% this year", "€1.6 billion, or 3.7% of GDP") shares it when
//!    nothing but linking words stands between the two.
//! 3. [`holder`]: whose level it is. The possessor of the GDP ("its",
//!    "our", "your"), else the nearest subject before the predicate: a
//!    country, a capital or institution standing for it ("Warsaw's",
//!    "the Kremlin's"), a demonym ("Czech defence spending"), a pronoun
//!    resolved to a speaker or an antecedent, or an explicit list (one claim
//!    each). A group ("European allies and Canada", "the Baltic states") is
//!    a group total, not a claim.
//! 4. [`frame`]: whether the clause asserts the level. Hypotheticals, calls
//!    on others, recommendations, questions, negations, alliance targets the
//!    holder only agrees to, aid, funds and company figures are not claims.
//! 5. [`year`]: the calendar year tied to the level in its clause.
//!
//! Every claim carries its evidence (the predicate, where the country came
//! from, the value and the year, as spans), so a wrong claim is wrong for a
//! visible reason. The words the steps look for are data
//! (`assets/claims/lexicon.tsv`, see [`lexicon`]).

mod frame;
mod holder;
pub(crate) mod lexicon;
mod year;

use super::entities::month;
use super::gazetteer::Gazetteer;
use super::lex::{Tok, TokKind, token_at};
use super::{Amount, Analysis};
use crate::model::{ClaimEvidence, ClaimUnit};
use crate::text::Span;
use lexicon::{Lexicon, Role};

pub(crate) struct ClaimFound {
    pub span: Span,
    pub country: &'static str,
    pub iso3: &'static str,
    pub year: Option<i32>,
    pub value: f64,
    pub unit: ClaimUnit,
    pub evidence: ClaimEvidence,
}

/// A quotation as the claim rules need it: its span and its speaker's
/// country, which "we" and "our" inside it stand for.
pub(crate) struct QuoteInfo {
    pub span: Span,
    pub speaker_country: Option<&'static str>,
}

/// Why a value is not a claim. Kept as names so tests can say which rule
/// decided, and so the rules read as a list of decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NotClaim {
    OtherBase,
    Increment,
    NoPredicate,
    NoHolder,
    Group,
    NotDefence,
    Hypothetical,
    CallOnOthers,
    Advice,
    Question,
    Negated,
    AllianceTarget,
    Aid,
    Company,
    Fund,
    OtherMeasure,
    Disjunction,
    Opposition,
}

/// A country named in the text, as tokens `start..end`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    pub iso: &'static str,
    pub start: usize,
    pub end: usize,
    /// A demonym adjective ("Polish"), not a name.
    pub demonym: bool,
    /// An institution standing for its country ("the Pentagon"), or a
    /// person whose country is known: a holder, but not a member of a list.
    pub stand_in: bool,
    /// A person, standing for their country only as a clause's subject.
    pub person: bool,
}

/// The value's level, as step 1 reads it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Level {
    /// The amount's index in [`Analysis::amounts`].
    pub index: usize,
    /// Tokens of the value.
    pub vi: usize,
    pub ve: usize,
    /// Token after the value's base ("of GDP", "of its GDP").
    pub base_end: usize,
    /// The possessive word of the GDP ("its" in "of its GDP").
    pub gdp_owner: Option<usize>,
    pub gdp: bool,
    /// The value is said to be spent on defence ("on defence", "on the
    /// military", "on its own armed forces").
    pub on_defence: bool,
    /// The value names a target ("the 2% target", "a 5% benchmark", "the
    /// target of 5%").
    pub target: bool,
}

/// The predicate found in step 2.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Predicate {
    pub tok: usize,
    pub threshold: bool,
    pub commit: bool,
}

/// The sentence, clause and tokens one value is read in.
pub(crate) struct Doc<'a, 't> {
    pub a: &'a Analysis<'t>,
    pub lex: &'static Lexicon,
    /// Token ranges of the sentences, in order.
    sentences: Vec<(usize, usize)>,
    /// Country mentions in token order.
    pub mentions: Vec<Mention>,
    /// Token ranges of the amounts, by amount index.
    amount_toks: Vec<(usize, usize)>,
    pub quotes: &'a [QuoteInfo],
    /// The country the text is mostly about: what "we" outside a quotation
    /// and "the Government" stand for when nothing closer says.
    home: std::cell::OnceCell<Option<&'static str>>,
    /// Each token's roles, looked up on first use.
    roles: std::cell::RefCell<Vec<lexicon::Roles>>,
    home_cues: std::cell::OnceCell<Option<&'static str>>,
}

/// The longest stretch of tokens read as one sentence.
const MAX_SENTENCE: usize = 400;

/// Finds the claims of an analysed text.
pub(crate) fn find_claims(a: &Analysis<'_>, quotes: &[QuoteInfo]) -> Vec<ClaimFound> {
    if a.amounts.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(a, quotes);
    let mut out: Vec<ClaimFound> = Vec::new();
    // The same claim found twice (through two values of one predicate) is
    // kept once: claims with the same reading, by their spans.
    let mut seen: super::entities::FnvMap<(&str, ClaimUnit, Option<i32>, u64), Vec<Span>> =
        Default::default();
    for index in 0..a.amounts.len() {
        if let Ok(found) = doc.claims_for(index) {
            for c in found {
                let spans = seen
                    .entry((c.iso3, c.unit, c.year, c.value.to_bits()))
                    .or_default();
                if !spans.iter().any(|s| s.overlaps(&c.span)) {
                    spans.push(c.span);
                    out.push(c);
                }
            }
        }
    }
    out
}

impl<'a, 't> Doc<'a, 't> {
    fn new(a: &'a Analysis<'t>, quotes: &'a [QuoteInfo]) -> Self {
        let lex = Lexicon::get();
        let mut doc = Doc {
            a,
            lex,
            sentences: Vec::new(),
            mentions: Vec::new(),
            amount_toks: a
                .amounts
                .iter()
                .map(|am| {
                    (
                        token_at(&a.toks, am.span.start),
                        token_at(&a.toks, am.span.end),
                    )
                })
                .collect(),
            quotes,
            home: std::cell::OnceCell::new(),
            roles: std::cell::RefCell::new(vec![lexicon::Roles::default(); a.toks.len()]),
            home_cues: std::cell::OnceCell::new(),
        };
        doc.sentences = doc.split_sentences();
        doc.mentions = doc.find_mentions();
        doc
    }

    // ----- tokens -------------------------------------------------------

    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.a.toks.get(i)
    }

    pub fn w(&self, i: usize) -> &'t str {
        self.a.toks.get(i).map_or("", |t| t.text(self.a.text))
    }

    /// Whether token `i` has role `r`. Each token is looked up once: the
    /// steps ask about the same words many times.
    pub fn is(&self, i: usize, r: Role) -> bool {
        let mut cache = self.roles.borrow_mut();
        let Some(slot) = cache.get_mut(i) else {
            return false;
        };
        if !slot.is_known() {
            *slot = self.lex.roles(self.w(i)).known();
        }
        slot.has(r)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Punct)
    }

    /// Token `i` is written right against the next one ("2023/24").
    pub fn glued(&self, i: usize) -> bool {
        match (self.tok(i), self.tok(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub fn span_of(&self, from: usize, to: usize) -> Span {
        let toks = &self.a.toks;
        let to = to.min(toks.len()).max(from + 1);
        Span::new(toks[from].start, toks[to - 1].end)
    }

    pub fn amount_starting_at(&self, k: usize) -> Option<usize> {
        let i = self.amount_toks.partition_point(|&(s, _)| s < k);
        (self.amount_toks.get(i).is_some_and(|&(s, _)| s == k)).then_some(i)
    }

    fn amount_ending_at(&self, k: usize) -> Option<usize> {
        let i = self.amount_toks.partition_point(|&(_, e)| e < k);
        (self.amount_toks.get(i).is_some_and(|&(_, e)| e == k)).then_some(i)
    }

    /// The token after amount `i`.
    pub fn amount_end(&self, i: usize) -> usize {
        self.amount_toks[i].1
    }

    fn amount(&self, i: usize) -> &Amount {
        &self.a.amounts[i]
    }

    // ----- sentences and clauses ---------------------------------------

    fn split_sentences(&self) -> Vec<(usize, usize)> {
        let toks = &self.a.toks;
        // Bytes, not string slices: this runs once a token, and a gap of
        // white space or a one-byte mark needs no character checks.
        let bytes = self.a.text.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        for k in 0..toks.len() {
            let next = toks.get(k + 1);
            let line_break = next.is_none_or(|n| {
                n.start > toks[k].end + 1 && bytes[toks[k].end..n.start].contains(&b'\n')
                    || n.start == toks[k].end + 1 && bytes[toks[k].end] == b'\n'
            });
            let t = &toks[k];
            let end = line_break || {
                t.end == t.start + 1 && matches!(bytes[t.start], b'.' | b'?' | b'!') && {
                    let prev = if k > 0 { self.w(k - 1) } else { "" };
                    let abbreviation = prev.chars().count() <= 2
                        && prev.chars().all(char::is_uppercase)
                        || matches!(
                            prev,
                            "Mr" | "Mrs" | "Ms" | "Dr" | "Gen" | "Lt" | "Col" | "Jr" | "St" | "hon"
                        )
                        || month(prev).is_some();
                    !abbreviation && next.is_some_and(|n| n.cap || n.kind != TokKind::Word)
                }
            };
            // A "sentence" of hundreds of tokens is a text without
            // punctuation: cutting it keeps every look-around bounded, so
            // the pass stays linear however the text is written.
            if end || k + 1 - start >= MAX_SENTENCE {
                out.push((start, k + 1));
                start = k + 1;
            }
        }
        out
    }

    /// The sentence holding token `i`, as an index into the sentence list.
    pub fn sentence_index(&self, i: usize) -> usize {
        self.sentences
            .partition_point(|&(_, e)| e <= i)
            .min(self.sentences.len().saturating_sub(1))
    }

    pub fn sentence(&self, idx: usize) -> (usize, usize) {
        self.sentences.get(idx).copied().unwrap_or((0, 0))
    }

    pub fn sentence_starts_at(&self, i: usize) -> bool {
        let s = self.sentence(self.sentence_index(i));
        s.0 == i
    }

    fn strong_break(&self, k: usize) -> bool {
        matches!(self.w(k), ";" | ":" | "—" | "?" | "[" | "]")
    }

    /// The clause around token `i`: the sentence cut at semicolons, colons
    /// and em dashes.
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let (ss, se) = self.sentence(self.sentence_index(i));
        let mut cs = i.min(se);
        while cs > ss && !self.strong_break(cs - 1) {
            cs -= 1;
        }
        let mut ce = i;
        while ce < se && !self.strong_break(ce) {
            ce += 1;
        }
        (cs, ce)
    }

    /// The quotation that holds byte offset `at`.
    pub fn quote_at(&self, at: usize) -> Option<&QuoteInfo> {
        // The quotes are in text order and do not overlap.
        let i = self.quotes.partition_point(|q| q.span.start <= at);
        i.checked_sub(1)
            .map(|i| &self.quotes[i])
            .filter(|q| q.span.contains_byte(at))
    }

    // ----- countries ----------------------------------------------------

    fn find_mentions(&self) -> Vec<Mention> {
        let toks = &self.a.toks;
        let mut out = Vec::new();
        let g = Gazetteer::get();
        for e in &self.a.ents {
            if let Some(iso) = self.a.country_of(e).or_else(|| self.city_for_government(e)) {
                out.push(Mention {
                    iso,
                    start: token_at(toks, e.span.start),
                    end: token_at(toks, e.span.end),
                    demonym: false,
                    stand_in: false,
                    person: false,
                });
            }
            // "President Trump has committed to spending …"
            if let super::Who::Person(p) = e.who
                && let Some(iso) = self.a.persons[p].country
            {
                out.push(Mention {
                    iso,
                    start: token_at(toks, e.span.start),
                    end: token_at(toks, e.span.end),
                    demonym: false,
                    stand_in: true,
                    person: true,
                });
            }
        }
        for &(span, canon) in &self.a.demonyms {
            if let Some(iso) = g.canon[canon as usize].country {
                out.push(Mention {
                    iso,
                    start: token_at(toks, span.start),
                    end: token_at(toks, span.end),
                    demonym: true,
                    stand_in: false,
                    person: false,
                });
            }
        }
        // Institutions standing for their country: only tokens that can
        // start one are compared.
        for (k, tok) in toks.iter().enumerate() {
            // Every institution's name is capitalised: other tokens are
            // passed over without a lookup.
            if !tok.cap {
                continue;
            }
            let first = self.w(k);
            if !self.lex.org_first_words.contains_key(first) {
                continue;
            }
            for (words, iso) in &self.lex.orgs {
                if words.iter().enumerate().all(|(j, w)| self.w(k + j) == *w) {
                    out.push(Mention {
                        iso,
                        start: k,
                        end: k + words.len(),
                        demonym: false,
                        stand_in: true,
                        person: false,
                    });
                }
            }
        }
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out.dedup_by(|b, a| b.start < a.end);
        out
    }

    /// A capital opening a sentence stands for its government ("Warsaw's
    /// defence budget", "London will spend"), unless it is a dateline.
    fn city_for_government(&self, e: &super::Ent) -> Option<&'static str> {
        let super::Who::Canon(c) = e.who else {
            return None;
        };
        let c = &Gazetteer::get().canon[c as usize];
        if c.label != crate::model::GPE || c.iso3.is_some() {
            return None;
        }
        let after = self.a.text[e.span.end..].trim_start_matches(' ');
        let dateline = after.starts_with([',', '–', '—', '(']) || after.starts_with('\n');
        let before = self.a.text[..e.span.start].trim_end_matches(' ');
        let opens = before.is_empty() || before.ends_with(['\n', '.', '“', '"', ':']);
        (opens && !dateline).then_some(c.country).flatten()
    }

    /// The country mention that ends right before token `end`.
    pub fn mention_ending_at(&self, end: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.end < end);
        self.mentions.get(i).filter(|m| m.end == end)
    }

    pub fn mention_at(&self, start: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.start < start);
        self.mentions.get(i).filter(|m| m.start == start)
    }

    /// Mentions whose tokens lie in `from..to`.
    pub fn mentions_in(&self, from: usize, to: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.start < from);
        let b = self.mentions.partition_point(|m| m.start < to);
        &self.mentions[a..b.max(a)]
    }

    /// The country the text comes from: the one whose institutions it
    /// names most ("hon. Friend", "the Pentagon", "£"), else the one it names
    /// most. Worked out only when a claim needs it.
    pub fn home(&self) -> Option<&'static str> {
        *self
            .home
            .get_or_init(|| self.home_from_cues().or_else(|| self.most_named()))
    }

    pub fn home_from_cues(&self) -> Option<&'static str> {
        *self.home_cues.get_or_init(|| self.count_home_cues())
    }

    fn count_home_cues(&self) -> Option<&'static str> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        let Some(cues) = &self.lex.home_cues else {
            return None;
        };
        for m in cues.find_iter(self.a.text) {
            let iso = self.lex.home_cue_country[m.pattern().as_usize()];
            match counts.iter_mut().find(|c| c.0 == iso) {
                Some(c) => c.1 += 1,
                None => counts.push((iso, 1)),
            }
        }
        counts.into_iter().max_by_key(|c| c.1).map(|c| c.0)
    }

    fn most_named(&self) -> Option<&'static str> {
        let mut counts: Vec<(&'static str, usize, usize)> = Vec::new();
        for (order, m) in self.mentions.iter().enumerate() {
            match counts.iter_mut().find(|c| c.0 == m.iso) {
                Some(c) => c.1 += 1,
                None => counts.push((m.iso, 1, order)),
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|c| c.0)
    }

    // ----- the steps ----------------------------------------------------

    fn claims_for(&self, index: usize) -> Result<Vec<ClaimFound>, NotClaim> {
        let level = self.read_level(index)?;
        let (cs, ce) = self.clause(level.vi);
        let pred = self
            .find_predicate(&level, cs)
            .ok_or(NotClaim::NoPredicate)?;
        let holder = self.find_holder(&level, &pred, cs)?;
        self.check_frame(&level, &pred, &holder, cs, ce)?;
        let years = self.tied_years(level.vi, level.base_end, Some(pred.tok), holder.tok, cs, ce);
        let am = self.amount(index);
        let mut end = level.base_end.max(level.ve);
        if let Some(&(_, ys)) = years.last() {
            end = end.max(token_at(&self.a.toks, ys.end));
        }
        let start = pred.tok.min(level.vi);
        let span = self.span_of(start, end);
        let g = Gazetteer::get();
        let mut out = Vec::new();
        let year_list: Vec<Option<(i32, Span)>> = if years.is_empty() {
            vec![None]
        } else {
            years.into_iter().map(Some).collect()
        };
        for &(iso, from) in &holder.countries {
            let Some(country) = g.country(iso) else {
                continue;
            };
            for y in &year_list {
                out.push(ClaimFound {
                    span,
                    country: country.name,
                    iso3: iso,
                    year: y.map(|(y, _)| y),
                    value: am.value,
                    unit: am.unit,
                    evidence: ClaimEvidence {
                        predicate: Some(self.span_of(pred.tok, pred.tok + 1)),
                        country_from: Some(from),
                        value: Some(am.span),
                        year: y.map(|(_, s)| s),
                    },
                });
            }
        }
        Ok(out)
    }

    /// Step 1: what the value is a level of.
    pub(crate) fn read_level(&self, index: usize) -> Result<Level, NotClaim> {
        let (vi, ve) = self.amount_toks[index];
        let am = self.amount(index);
        let span_text = am.span.slice(self.a.text);
        // "5 billion additional euros"
        if span_text
            .split_whitespace()
            .any(|w| self.lex.is(w, Role::Increment) && !self.lex.is(w, Role::Hedge))
        {
            return Err(NotClaim::Increment);
        }
        // "(in 2025 dollars)": a price base, not an amount.
        if !am.percent
            && crate::annotate::engine::numbers::parse_digits(self.w(vi))
                .is_some_and(|v| crate::data::year::year_from_number(v).is_some())
            && ve == vi + 2
        {
            return Err(NotClaim::OtherMeasure);
        }
        let mut level = Level {
            index,
            vi,
            ve,
            base_end: ve,
            gdp_owner: None,
            gdp: false,
            on_defence: false,
            target: false,
        };
        // What stands right before the value, hedges skipped.
        let mut p = vi;
        while p > 0 && self.is(p - 1, Role::Hedge) && !matches!(self.w(p - 1), "by" | "of") {
            if matches!(self.w(p - 1), "to" | "from" | "at" | "with" | "between") {
                break;
            }
            p -= 1;
        }
        let before = if p > 0 { self.w(p - 1) } else { "" };
        let before2 = if p > 1 { self.w(p - 2) } else { "" };
        // "by 0.5 points", "by a total of £11 billion"
        let mut b = p;
        while b > 0
            && matches!(
                self.w(b - 1),
                "a" | "an" | "total" | "of" | "sum" | "amount"
            )
        {
            b -= 1;
        }
        if before == "by" || b > 0 && self.w(b - 1) == "by" {
            return Err(NotClaim::Increment);
        }
        if before == "of"
            && (self.lex.is(before2, Role::Increment) || self.lex.is(before2, Role::ChangeVerb))
        {
            return Err(NotClaim::Increment);
        }
        if p > 0 && self.is(p - 1, Role::ChangeVerb) {
            // "rose 20%", "will grow 7.2% to …": a change, not a level.
            return Err(NotClaim::Increment);
        }
        if p > 0 && self.is(p - 1, Role::Increment) && !self.is(p - 1, Role::Hedge) {
            // "an extra €10 billion", "a further 0.5%"
            return Err(NotClaim::Increment);
        }
        // "topped up its budget with 25 billion kroner"
        let (cs, _) = self.clause(vi);
        if (cs + 1..vi)
            .any(|k| self.w(k) == "up" && self.w(k - 1).to_ascii_lowercase().starts_with("top"))
        {
            return Err(NotClaim::Increment);
        }
        if p > 0 && self.is(p - 1, Role::Company) {
            return Err(NotClaim::Company);
        }
        if before == "of" && self.is(p.saturating_sub(2), Role::TargetNoun) {
            level.target = true;
        }
        // The base: "of GDP", "of its gross domestic product".
        let mut j = ve;
        if matches!(self.w(j), "of" | "in") {
            let mut k = j + 1;
            let mut owner = None;
            for _ in 0..4 {
                let w = self.w(k);
                if self.is(k, Role::Gdp) {
                    break;
                }
                if self.is(k, Role::PronounWe)
                    || self.is(k, Role::PronounYou)
                    || self.is(k, Role::PronounIt)
                    || self.is(k, Role::PronounThey)
                    || matches!(w, "his" | "her")
                    || self.mention_at(k).is_some()
                {
                    owner.get_or_insert(k);
                }
                if matches!(
                    w,
                    "the"
                        | "national"
                        | "gross"
                        | "domestic"
                        | "economic"
                        | "annual"
                        | "real"
                        | "'"
                        | "’"
                        | "s"
                ) || owner == Some(k)
                    || self.is(k, Role::CountryNoun)
                {
                    k += 1;
                    continue;
                }
                break;
            }
            if self.is(k, Role::Gdp) {
                // "of national income" is GDP's cousin; "of income" alone is not.
                let w = self.w(k);
                if !w.eq_ignore_ascii_case("income")
                    || self.w(k - 1).eq_ignore_ascii_case("national")
                {
                    level.gdp = true;
                    level.gdp_owner = owner;
                    j = k + 1;
                    level.base_end = j;
                }
            } else if self.w(j) == "of" && self.is_word(j + 1) && !self.is(j + 1, Role::Defence) {
                // A share of something else: the population, the budget.
                if am.percent {
                    return Err(NotClaim::OtherBase);
                }
            }
        } else if self.is(j, Role::Gdp) {
            // "2.5% GDP", headline style.
            level.gdp = true;
            j += 1;
            level.base_end = j;
        }
        // "between 4.5% and 5% of GDP", "2.12%, 2.06% and 1.49% of GDP": the
        // base written once after the last value serves them all.
        if am.percent && !level.gdp {
            let mut k = ve;
            while matches!(self.w(k), "," | "and" | "to" | "or" | "-" | "–") {
                let mut n = k + 1;
                while self.w(n) == "and"
                    || self.is(n, Role::Hedge) && self.amount_starting_at(n).is_none() && n < k + 4
                {
                    n += 1;
                }
                let Some(next) = self
                    .amount_starting_at(n)
                    .filter(|&i| self.amount(i).percent)
                else {
                    break;
                };
                let e = self.amount_end(next);
                if self.w(e) == "of" && (1..5).any(|d| self.is(e + d, Role::Gdp)) {
                    level.gdp = true;
                    break;
                }
                k = e;
            }
        }
        // "2.5% of GDP by 2027, up from 2.3% this year": a share compared
        // with an earlier one takes its base.
        if am.percent && !level.gdp && index > 0 && self.amount(index - 1).percent {
            let prev_end = self.amount_end(index - 1);
            let gap = prev_end..vi;
            let linked = gap.clone().all(|k| {
                self.is(k, Role::Hedge)
                    || self.is(k, Role::Link)
                    || self.is(k, Role::Gdp)
                    || self.is(k, Role::Time)
                    || self.is(k, Role::Locative)
                    || self.year_at(k).is_some()
                    || matches!(self.w(k), "," | "(" | "gross" | "domestic" | "economic")
            });
            if linked && gap.clone().any(|k| self.is(k, Role::Gdp)) && gap.len() < 12 {
                level.gdp = true;
            }
        }
        // What it is spent on: "on defence", or "on health care" (not ours).
        if matches!(self.w(j), "on" | "to" | "for") {
            let mut k = j + 1;
            while matches!(
                self.w(k),
                "the" | "its" | "their" | "our" | "national" | "core" | "own" | "his" | "her"
            ) {
                k += 1;
            }
            if self.is(k, Role::Defence) {
                level.on_defence = true;
            } else if self.w(j) == "on" && self.is_word(k) && self.mention_at(k).is_none() {
                return Err(NotClaim::NotDefence);
            }
        }
        // "of GDP", "as a share of GDP" later in the clause.
        if am.percent && !level.gdp {
            let mut k = j;
            while k < j + 8 && !self.is_punct(k) {
                if self.w(k).eq_ignore_ascii_case("share")
                    || self.w(k).eq_ignore_ascii_case("percentage")
                {
                    if self.is(k + 2, Role::Gdp)
                        || self.is(k + 3, Role::Gdp)
                        || self.is(k + 4, Role::Gdp)
                    {
                        level.gdp = true;
                    } else if self.w(k + 1) == "of" {
                        // "20% … as a share of defense spending"
                        return Err(NotClaim::OtherBase);
                    }
                    break;
                }
                k += 1;
            }
        }
        // What follows the value: a target, an increment, a fund, another
        // measure ("2.1% growth", "a 30% stake").
        let mut k = j;
        for _ in 0..4 {
            let w = self.w(k);
            let plain_modifier = self.is_word(k)
                && self.lex.roles(w) == Default::default()
                && !self.tok(k).is_some_and(|t| t.cap)
                && self.year_at(k).is_none();
            if w == "-"
                || w.eq_ignore_ascii_case("core")
                || self.is(k, Role::Defence)
                || w.eq_ignore_ascii_case("new")
                || self.mention_at(k).is_some() && !self.is(k, Role::Group)
                || plain_modifier
            {
                k += 1;
                continue;
            }
            if self.is(k, Role::TargetNoun) {
                level.target = true;
            } else if self.is(k, Role::Increment) && !self.is(k, Role::Hedge)
                || w.eq_ignore_ascii_case("more") && k == ve
                || (w.eq_ignore_ascii_case("less") && k == ve)
            {
                return Err(NotClaim::Increment);
            } else if self.is(k, Role::Fund) {
                return Err(NotClaim::Fund);
            } else if self.is(k, Role::Company) || self.is(k, Role::OtherMeasure) {
                return Err(NotClaim::OtherMeasure);
            }
            break;
        }
        // "4% or 5%": alternatives state no level; a conversion into
        // another unit ("171 billion kronor, or roughly $16 billion") does.
        if self.disjunction(index) {
            return Err(NotClaim::Disjunction);
        }
        Ok(level)
    }

    /// "stands at", "we are up at": a form of "to be" with "at" after it.
    fn be_at(&self, k: usize) -> bool {
        let mut j = k + 1;
        while j < k + 4 && self.is(j, Role::Hedge) && self.w(j) != "at" {
            j += 1;
        }
        self.w(j) == "at"
    }

    /// "In 2023 it was 5.9% of GDP" after a sentence about spending.
    fn be_after_anaphor(&self, k: usize) -> bool {
        if k == 0 || !matches!(self.w(k - 1), "it" | "It" | "this" | "This" | "that") {
            return false;
        }
        let si = self.sentence_index(k);
        let (from, _) = self.sentence(si.saturating_sub(1));
        (from..k).any(|j| self.is(j, Role::SpendNoun))
    }

    fn disjunction(&self, index: usize) -> bool {
        let am = self.amount(index);
        let (vi, ve) = self.amount_toks[index];
        let same_unit = |i: usize| {
            let o = self.amount(i);
            o.percent == am.percent && o.unit == am.unit
        };
        let next = (self.w(ve) == "or")
            .then(|| {
                let mut k = ve + 1;
                while self.is(k, Role::Hedge) && self.amount_starting_at(k).is_none() {
                    k += 1;
                }
                self.amount_starting_at(k)
            })
            .flatten();
        if next.is_some_and(same_unit) {
            return true;
        }
        let mut k = vi;
        while k > 0 && self.is(k - 1, Role::Hedge) && self.amount_ending_at(k).is_none() {
            k -= 1;
        }
        k > 0 && self.w(k - 1) == "or" && self.amount_ending_at(k - 1).is_some_and(same_unit)
    }

    /// Step 2: the predicate that makes the value a level. Searched to the
    /// left in the clause; a value with no predicate of its own shares the
    /// one of an earlier value when only linking words stand between them.
    pub(crate) fn find_predicate(&self, level: &Level, cs: usize) -> Option<Predicate> {
        let mut k = level.vi;
        let mut only_links = true;
        let mut p = level.vi;
        while p > cs && self.is(p - 1, Role::Hedge) && !matches!(self.w(p - 1), "to" | "from") {
            p -= 1;
        }
        let value_after_to = p > cs && matches!(self.w(p - 1), "to" | "from");
        let seen_spend_noun_before = |to: usize| (cs..to).any(|j| self.is(j, Role::SpendNoun));
        while k > cs {
            if let Some(other) = self.amount_ending_at(k) {
                if !only_links {
                    return None;
                }
                k = self.amount_toks[other].0;
                only_links = true;
                continue;
            }
            k -= 1;
            let w = self.w(k);
            let predicate = self.is(k, Role::SpendVerb)
                || self.is(k, Role::SpendNoun)
                || self.is(k, Role::LevelVerb)
                || self.is(k, Role::Commit)
                || self.is(k, Role::Threshold)
                || self.is(k, Role::Rank)
                || self.is(k, Role::ChangeVerb) && (!self.is(k, Role::Increment) || value_after_to)
                || self.is(k, Role::Be)
                    && (seen_spend_noun_before(k) || self.be_at(k) || self.be_after_anaphor(k));
            if predicate {
                return Some(Predicate {
                    tok: k,
                    threshold: self.is(k, Role::Threshold),
                    commit: self.is(k, Role::Commit),
                });
            }
            let linking = self.is(k, Role::Hedge)
                || self.is(k, Role::Link)
                || self.is(k, Role::Time)
                || self.is(k, Role::Gdp)
                || self.is(k, Role::Defence)
                || self.is(k, Role::Locative)
                || matches!(
                    w,
                    "," | "("
                        | ")"
                        | "–"
                        | "-"
                        | "per"
                        | "cent"
                        | "its"
                        | "their"
                        | "our"
                        | "on"
                        | "equal"
                        | "or"
                        | "roughly"
                )
                || self.year_at(k).is_some()
                || self.tok(k).is_some_and(|t| t.kind == TokKind::Num);
            if !linking {
                only_links = false;
            }
        }
        // A noun after the value: "2.1% defence pledge", "¥8.7 trillion
        // defence budget", "2.3% UK expenditure on defence", "the 0.5% it
        // spends today".
        let mut j = level.base_end;
        for _ in 0..4 {
            if self.is(j, Role::SpendNoun)
                || self.is(j, Role::Commit) && self.is(j, Role::SpendNoun)
            {
                return Some(Predicate {
                    tok: j,
                    threshold: false,
                    commit: self.is(j, Role::Commit),
                });
            }
            // "more than 40% of GDP was spent on defence"
            if self.is(j, Role::SpendVerb) && self.is(j - 1, Role::Be) {
                return Some(Predicate {
                    tok: j,
                    threshold: false,
                    commit: false,
                });
            }
            if self.is(j, Role::SpendVerb)
                && (self.is(j - 1, Role::PronounWe)
                    || self.is(j - 1, Role::PronounIt)
                    || self.is(j - 1, Role::PronounThey))
            {
                return Some(Predicate {
                    tok: j,
                    threshold: false,
                    commit: false,
                });
            }
            if self.is(j, Role::Defence)
                || self.is(j, Role::Be)
                || self.mention_at(j).is_some()
                || self.mention_ending_at(j + 1).is_some()
                || self.is(j, Role::PronounWe)
                || self.is(j, Role::PronounIt)
                || self.is(j, Role::PronounThey)
                || self.w(j) == "-"
            {
                j += 1;
                continue;
            }
            break;
        }
        None
    }
}

#[cfg(test)]
mod tests;
