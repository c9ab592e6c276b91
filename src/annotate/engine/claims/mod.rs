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

/// A claim the rules found, as [`super::super::FindingKind::Claim`] takes it.
pub(crate) struct ClaimFound {
    /// From the predicate (or the value) to the end of the value, its base
    /// and its year.
    pub span: Span,
    /// The country's common English short name.
    pub country: &'static str,
    /// The country's ISO3 code.
    pub iso3: &'static str,
    /// The year tied to the level, if any.
    pub year: Option<i32>,
    /// The level, as the amount pass read it.
    pub value: f64,
    /// What `value` is measured in.
    pub unit: ClaimUnit,
    /// The words each step relied on.
    pub evidence: ClaimEvidence,
}

/// A quotation as the claim rules need it: its span and its speaker's
/// country, which "we" and "our" inside it stand for.
pub(crate) struct QuoteInfo {
    /// The quotation, marks included.
    pub span: Span,
    /// The ISO3 code of the speaker's country, when known.
    pub speaker_country: Option<&'static str>,
}

/// Why a value is not a claim. Kept as names so tests can say which rule
/// decided, and so the rules read as a list of decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NotClaim {
    /// A share of something other than GDP ("of the population").
    OtherBase,
    /// A change, not a level ("by 0.5 points", "an extra €10 billion").
    Increment,
    /// No word makes the value a level.
    NoPredicate,
    /// No country the level belongs to.
    NoHolder,
    /// A group's total ("European allies and Canada").
    Group,
    /// Not spent on defence, or nothing in the sentence is about defence.
    NotDefence,
    /// "could", "if", "were Italy to": not asserted.
    Hypothetical,
    /// "urged Spain to spend": someone else's call.
    CallOnOthers,
    /// A recommendation.
    Advice,
    /// Asked about, not asserted.
    Question,
    /// Negated ("does not spend 2%").
    Negated,
    /// The alliance's target, which the holder only agrees to.
    AllianceTarget,
    /// Aid to another country.
    Aid,
    /// A company's figure.
    Company,
    /// A fund, not a budget.
    Fund,
    /// Another measure ("2.1% growth", "a 30% stake").
    OtherMeasure,
    /// One of alternatives ("4% or 5%").
    Disjunction,
    /// An opposition party's plan.
    Opposition,
}

/// A country named in the text, as tokens `start..end`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    /// The country's ISO3 code.
    pub iso: &'static str,
    /// The mention's first token.
    pub start: usize,
    /// The token after the mention.
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
    /// The value's first token.
    pub value_start: usize,
    /// The token after the value.
    pub value_end: usize,
    /// Token after the value's base ("of GDP", "of its GDP").
    pub base_end: usize,
    /// The possessive word of the GDP ("its" in "of its GDP").
    pub gdp_owner: Option<usize>,
    /// The value is a share of GDP.
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
    /// The predicate's token.
    pub tok: usize,
    /// A threshold word ("exceeds", "meets"): the holder passes a target.
    pub threshold: bool,
    /// A commitment word ("committed to", "pledge").
    pub commit: bool,
}

/// What the search for a predicate left of the value came to.
enum LeftSearch {
    /// The predicate of this value (or of an earlier value it shares).
    Found(Predicate),
    /// A word other than a link stands between this value and an earlier
    /// one: the earlier value's predicate is not this one's.
    Blocked,
    /// No predicate in the clause before the value.
    Nothing,
}

/// Roles that make a word a predicate wherever it stands before the value
/// (change verbs and "to be" need more, see [`Doc::predicate_before`]).
const PREDICATE_ROLES: &[Role] = &[
    Role::SpendVerb,
    Role::SpendNoun,
    Role::LevelVerb,
    Role::Commit,
    Role::Threshold,
    Role::Rank,
];

/// Roles of the words that may link two values of one predicate.
const LINKING_ROLES: &[Role] = &[
    Role::Hedge,
    Role::Link,
    Role::Time,
    Role::Gdp,
    Role::Defence,
    Role::Locative,
];

/// Pronouns that may be the subject of a spending verb after the value
/// ("the 0.5% it spends").
const PRONOUNS_THAT_SPEND: &[Role] = &[Role::PronounWe, Role::PronounIt, Role::PronounThey];

/// The sentence, clause and tokens one value is read in.
pub(crate) struct Doc<'a, 't> {
    /// What the entity pass found in the text.
    pub analysis: &'a Analysis<'t>,
    /// The words the steps look for.
    pub lex: &'static Lexicon,
    /// Token ranges of the sentences, in order.
    sentences: Vec<(usize, usize)>,
    /// Country mentions in token order.
    pub mentions: Vec<Mention>,
    /// Token ranges of the amounts, by amount index.
    amount_toks: Vec<(usize, usize)>,
    /// The quotations, in text order.
    pub quotes: &'a [QuoteInfo],
    /// The country the text is mostly about: what "we" outside a quotation
    /// and "the Government" stand for when nothing closer says.
    home: std::cell::OnceCell<Option<&'static str>>,
    /// Each token's roles, looked up on first use.
    roles: std::cell::RefCell<Vec<lexicon::Roles>>,
    /// The country the text's institutions and currency point to, worked
    /// out on first use.
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
    /// Reads the sentences and country mentions of an analysed text.
    fn new(a: &'a Analysis<'t>, quotes: &'a [QuoteInfo]) -> Self {
        let lex = Lexicon::get();
        let mut doc = Doc {
            analysis: a,
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

    /// Token `i`, if the text has one.
    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.analysis.toks.get(i)
    }

    /// The text of token `i` ("" past the end).
    pub fn word(&self, i: usize) -> &'t str {
        self.analysis
            .toks
            .get(i)
            .map_or("", |t| t.text(self.analysis.text))
    }

    /// Whether token `i` has role `r`. Each token is looked up once: the
    /// steps ask about the same words many times.
    pub fn is(&self, i: usize, r: Role) -> bool {
        let mut cache = self.roles.borrow_mut();
        let Some(slot) = cache.get_mut(i) else {
            return false;
        };
        if !slot.is_known() {
            *slot = self.lex.roles(self.word(i)).known();
        }
        slot.has(r)
    }

    /// Whether token `i` has any of `roles`, asked in their order.
    pub fn is_any(&self, i: usize, roles: &[Role]) -> bool {
        roles.iter().any(|&r| self.is(i, r))
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Whether token `i` is punctuation.
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

    /// The text span of tokens `from..to` (at least token `from`).
    pub fn span_of(&self, from: usize, to: usize) -> Span {
        let toks = &self.analysis.toks;
        let to = to.min(toks.len()).max(from + 1);
        Span::new(toks[from].start, toks[to - 1].end)
    }

    /// The amount whose first token is `k`.
    pub fn amount_starting_at(&self, k: usize) -> Option<usize> {
        let i = self.amount_toks.partition_point(|&(s, _)| s < k);
        (self.amount_toks.get(i).is_some_and(|&(s, _)| s == k)).then_some(i)
    }

    /// The amount whose tokens end right before token `k`.
    fn amount_ending_at(&self, k: usize) -> Option<usize> {
        let i = self.amount_toks.partition_point(|&(_, e)| e < k);
        (self.amount_toks.get(i).is_some_and(|&(_, e)| e == k)).then_some(i)
    }

    /// The token after amount `i`.
    pub fn amount_end(&self, i: usize) -> usize {
        self.amount_toks[i].1
    }

    /// Amount `i` of the analysis.
    fn amount(&self, i: usize) -> &Amount {
        &self.analysis.amounts[i]
    }

    // ----- sentences and clauses ---------------------------------------

    /// Token ranges of the sentences: cut at line breaks and at sentence
    /// punctuation not after an abbreviation, and every [`MAX_SENTENCE`] tokens.
    fn split_sentences(&self) -> Vec<(usize, usize)> {
        let toks = &self.analysis.toks;
        // Bytes, not string slices: this runs once a token, and a gap of
        // white space or a one-byte mark needs no character checks.
        let bytes = self.analysis.text.as_bytes();
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
                    let prev = if k > 0 { self.word(k - 1) } else { "" };
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

    /// The tokens of sentence `idx`, as a range.
    pub fn sentence(&self, idx: usize) -> (usize, usize) {
        self.sentences.get(idx).copied().unwrap_or((0, 0))
    }

    /// Whether a sentence starts at token `i`.
    pub fn sentence_starts_at(&self, i: usize) -> bool {
        let s = self.sentence(self.sentence_index(i));
        s.0 == i
    }

    /// Whether token `k` cuts a clause (";", ":", "—", "?", brackets).
    fn strong_break(&self, k: usize) -> bool {
        matches!(self.word(k), ";" | ":" | "—" | "?" | "[" | "]")
    }

    /// The clause around token `i`: the sentence cut at semicolons, colons
    /// and em dashes.
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let (sentence_start, sentence_end) = self.sentence(self.sentence_index(i));
        let mut clause_start = i.min(sentence_end);
        while clause_start > sentence_start && !self.strong_break(clause_start - 1) {
            clause_start -= 1;
        }
        let mut clause_end = i;
        while clause_end < sentence_end && !self.strong_break(clause_end) {
            clause_end += 1;
        }
        (clause_start, clause_end)
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

    /// The country mentions of the text in token order, not overlapping:
    /// countries and cities standing for their government, persons whose
    /// country is known, demonyms, and institutions ("the Pentagon").
    fn find_mentions(&self) -> Vec<Mention> {
        let toks = &self.analysis.toks;
        let mut out = Vec::new();
        let g = Gazetteer::get();
        for e in &self.analysis.ents {
            if let Some(iso) = self
                .analysis
                .country_of(e)
                .or_else(|| self.city_for_government(e))
            {
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
                && let Some(iso) = self.analysis.persons[p].country
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
        for &(span, canon) in &self.analysis.demonyms {
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
            let first = self.word(k);
            if !self.lex.org_first_words.contains_key(first) {
                continue;
            }
            for (words, iso) in &self.lex.orgs {
                if words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| self.word(k + j) == *w)
                {
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
        let after = self.analysis.text[e.span.end..].trim_start_matches(' ');
        let dateline = after.starts_with([',', '–', '—', '(']) || after.starts_with('\n');
        let before = self.analysis.text[..e.span.start].trim_end_matches(' ');
        let opens = before.is_empty() || before.ends_with(['\n', '.', '“', '"', ':']);
        (opens && !dateline).then_some(c.country).flatten()
    }

    /// The country mention that ends right before token `end`.
    pub fn mention_ending_at(&self, end: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.end < end);
        self.mentions.get(i).filter(|m| m.end == end)
    }

    /// The country mention that starts at token `start`.
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

    /// The country the text's institutions, forms of address and
    /// currency point to, if any; worked out once.
    pub fn home_from_cues(&self) -> Option<&'static str> {
        *self.home_cues.get_or_init(|| self.count_home_cues())
    }

    /// The country whose home cues the text holds most.
    fn count_home_cues(&self) -> Option<&'static str> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        let Some(cues) = &self.lex.home_cues else {
            return None;
        };
        for m in cues.find_iter(self.analysis.text) {
            let iso = self.lex.home_cue_country[m.pattern().as_usize()];
            match counts.iter_mut().find(|c| c.0 == iso) {
                Some(c) => c.1 += 1,
                None => counts.push((iso, 1)),
            }
        }
        counts.into_iter().max_by_key(|c| c.1).map(|c| c.0)
    }

    /// The country mentioned most (the first mentioned on a tie).
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

    /// Runs the steps for amount `index`: the claims it makes (one per holder
    /// country and tied year), or why it makes none.
    fn claims_for(&self, index: usize) -> Result<Vec<ClaimFound>, NotClaim> {
        let level = self.read_level(index)?;
        let (clause_start, clause_end) = self.clause(level.value_start);
        let pred = self
            .find_predicate(&level, clause_start)
            .ok_or(NotClaim::NoPredicate)?;
        let holder = self.find_holder(&level, &pred, clause_start)?;
        self.check_frame(&level, &pred, &holder, clause_start, clause_end)?;
        let years = self.tied_years(
            level.value_start,
            level.base_end,
            Some(pred.tok),
            holder.tok,
            clause_start,
            clause_end,
        );
        let am = self.amount(index);
        let mut end = level.base_end.max(level.value_end);
        if let Some(&(_, ys)) = years.last() {
            end = end.max(token_at(&self.analysis.toks, ys.end));
        }
        let start = pred.tok.min(level.value_start);
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

    /// Step 1: what the value is a level of. Each named step below may
    /// decide that the value is no level at all; they run in this order
    /// because later steps read what earlier ones found (the base, the
    /// target), and the first decision against a claim is the reason given.
    pub(crate) fn read_level(&self, index: usize) -> Result<Level, NotClaim> {
        let (value_start, value_end) = self.amount_toks[index];
        let am = self.amount(index);
        self.check_value_words(index)?;
        let mut level = Level {
            index,
            value_start,
            value_end,
            base_end: value_end,
            gdp_owner: None,
            gdp: false,
            on_defence: false,
            target: false,
        };
        self.read_words_before(&mut level)?;
        self.read_base(&mut level)?;
        if am.percent && !level.gdp && self.base_after_later_value(value_end) {
            level.gdp = true;
        }
        if am.percent && !level.gdp && self.base_of_earlier_value(index) {
            level.gdp = true;
        }
        self.read_spent_on(&mut level)?;
        if am.percent && !level.gdp {
            self.read_share_later_in_clause(&mut level)?;
        }
        self.read_words_after(&mut level)?;
        // "4% or 5%": alternatives state no level; a conversion into
        // another unit ("171 billion kronor, or roughly $16 billion") does.
        if self.disjunction(index) {
            return Err(NotClaim::Disjunction);
        }
        Ok(level)
    }

    /// Decides from the value's own words: an increment written inside the
    /// amount ("5 billion additional euros") or a price base ("(in 2025
    /// dollars)") is not a level.
    fn check_value_words(&self, index: usize) -> Result<(), NotClaim> {
        let (value_start, value_end) = self.amount_toks[index];
        let am = self.amount(index);
        let span_text = am.span.slice(self.analysis.text);
        // "5 billion additional euros"
        if span_text
            .split_whitespace()
            .any(|w| self.lex.is(w, Role::Increment) && !self.lex.is(w, Role::Hedge))
        {
            return Err(NotClaim::Increment);
        }
        // "(in 2025 dollars)": a price base, not an amount.
        if !am.percent
            && crate::annotate::engine::numbers::parse_digits(self.word(value_start))
                .is_some_and(|v| crate::data::year::year_from_number(v).is_some())
            && value_end == value_start + 2
        {
            return Err(NotClaim::OtherMeasure);
        }
        Ok(())
    }

    /// Decides from the words right before the value (hedges skipped): a
    /// change ("by 0.5 points", "rose 20%", "an extra €10 billion", "topped
    /// up … with") or a company's figure is not a level; "the target of 5%"
    /// marks a target.
    fn read_words_before(&self, level: &mut Level) -> Result<(), NotClaim> {
        let value_start = level.value_start;
        let mut p = value_start;
        while p > 0 && self.is(p - 1, Role::Hedge) && !matches!(self.word(p - 1), "by" | "of") {
            if matches!(self.word(p - 1), "to" | "from" | "at" | "with" | "between") {
                break;
            }
            p -= 1;
        }
        let before = if p > 0 { self.word(p - 1) } else { "" };
        let before2 = if p > 1 { self.word(p - 2) } else { "" };
        // "by 0.5 points", "by a total of £11 billion"
        let mut b = p;
        while b > 0
            && matches!(
                self.word(b - 1),
                "a" | "an" | "total" | "of" | "sum" | "amount"
            )
        {
            b -= 1;
        }
        if before == "by" || b > 0 && self.word(b - 1) == "by" {
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
        let (clause_start, _) = self.clause(value_start);
        if (clause_start + 1..value_start).any(|k| {
            self.word(k) == "up" && self.word(k - 1).to_ascii_lowercase().starts_with("top")
        }) {
            return Err(NotClaim::Increment);
        }
        if p > 0 && self.is(p - 1, Role::Company) {
            return Err(NotClaim::Company);
        }
        if before == "of" && self.is(p.saturating_sub(2), Role::TargetNoun) {
            level.target = true;
        }
        Ok(())
    }

    /// Reads the base right after the value ("of GDP", "of its gross
    /// domestic product", headline "2.5% GDP"), with the GDP's possessor,
    /// and moves [`Level::base_end`] past it. A percentage of something
    /// else ("of the population") is not a level.
    fn read_base(&self, level: &mut Level) -> Result<(), NotClaim> {
        let j = level.value_end;
        if matches!(self.word(j), "of" | "in") {
            let (k, owner) = self.gdp_after_of(j);
            if self.is(k, Role::Gdp) {
                // "of national income" is GDP's cousin; "of income" alone is not.
                let w = self.word(k);
                if !w.eq_ignore_ascii_case("income")
                    || self.word(k - 1).eq_ignore_ascii_case("national")
                {
                    level.gdp = true;
                    level.gdp_owner = owner;
                    level.base_end = k + 1;
                }
            } else if self.word(j) == "of" && self.is_word(j + 1) && !self.is(j + 1, Role::Defence)
            {
                // A share of something else: the population, the budget.
                if self.amount(level.index).percent {
                    return Err(NotClaim::OtherBase);
                }
            }
        } else if self.is(j, Role::Gdp) {
            // "2.5% GDP", headline style.
            level.gdp = true;
            level.base_end = j + 1;
        }
        Ok(())
    }

    /// After the "of" or "in" at `of`: the token where a GDP word would
    /// stand, past at most four words that may come between ("the",
    /// "gross", "its", a country), and the first possessor among them.
    fn gdp_after_of(&self, of: usize) -> (usize, Option<usize>) {
        let mut k = of + 1;
        let mut owner = None;
        for _ in 0..4 {
            let w = self.word(k);
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
        (k, owner)
    }

    /// Whether a GDP base written once after a later percentage serves this
    /// one too: "between 4.5% and 5% of GDP", "2.12%, 2.06% and 1.49% of
    /// GDP".
    fn base_after_later_value(&self, value_end: usize) -> bool {
        let mut k = value_end;
        while matches!(self.word(k), "," | "and" | "to" | "or" | "-" | "–") {
            let mut n = k + 1;
            while self.word(n) == "and"
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
            if self.word(e) == "of" && (1..5).any(|d| self.is(e + d, Role::Gdp)) {
                return true;
            }
            k = e;
        }
        false
    }

    /// Whether a percentage compared with the share of GDP just before it
    /// takes that base: "2.5% of GDP by 2027, up from 2.3% this year".
    fn base_of_earlier_value(&self, index: usize) -> bool {
        if index == 0 || !self.amount(index - 1).percent {
            return false;
        }
        let prev_end = self.amount_end(index - 1);
        let gap = prev_end..self.amount_toks[index].0;
        let linked = gap.clone().all(|k| {
            self.is(k, Role::Hedge)
                || self.is(k, Role::Link)
                || self.is(k, Role::Gdp)
                || self.is(k, Role::Time)
                || self.is(k, Role::Locative)
                || self.year_at(k).is_some()
                || matches!(self.word(k), "," | "(" | "gross" | "domestic" | "economic")
        });
        linked && gap.clone().any(|k| self.is(k, Role::Gdp)) && gap.len() < 12
    }

    /// Decides what the value is spent on, after its base: "on defence"
    /// marks it as defence spending; "on health care" (anything but
    /// defence or a country) makes it no defence level.
    fn read_spent_on(&self, level: &mut Level) -> Result<(), NotClaim> {
        let j = level.base_end;
        if matches!(self.word(j), "on" | "to" | "for") {
            let mut k = j + 1;
            while matches!(
                self.word(k),
                "the" | "its" | "their" | "our" | "national" | "core" | "own" | "his" | "her"
            ) {
                k += 1;
            }
            if self.is(k, Role::Defence) {
                level.on_defence = true;
            } else if self.word(j) == "on" && self.is_word(k) && self.mention_at(k).is_none() {
                return Err(NotClaim::NotDefence);
            }
        }
        Ok(())
    }

    /// Reads a base named later in the clause: "as a share of GDP" makes the
    /// percentage a share of GDP; "as a share of defense spending" makes it
    /// a share of something else.
    fn read_share_later_in_clause(&self, level: &mut Level) -> Result<(), NotClaim> {
        let j = level.base_end;
        let mut k = j;
        while k < j + 8 && !self.is_punct(k) {
            if self.word(k).eq_ignore_ascii_case("share")
                || self.word(k).eq_ignore_ascii_case("percentage")
            {
                if self.is(k + 2, Role::Gdp)
                    || self.is(k + 3, Role::Gdp)
                    || self.is(k + 4, Role::Gdp)
                {
                    level.gdp = true;
                } else if self.word(k + 1) == "of" {
                    // "20% … as a share of defense spending"
                    return Err(NotClaim::OtherBase);
                }
                break;
            }
            k += 1;
        }
        Ok(())
    }

    /// Decides from the noun the value modifies, a few words on: a target
    /// ("a 5% benchmark") is marked; an increment ("2% more"), a fund or
    /// another measure ("2.1% growth", "a 30% stake") is not a level.
    fn read_words_after(&self, level: &mut Level) -> Result<(), NotClaim> {
        let mut k = level.base_end;
        for _ in 0..4 {
            let w = self.word(k);
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
                || w.eq_ignore_ascii_case("more") && k == level.value_end
                || (w.eq_ignore_ascii_case("less") && k == level.value_end)
            {
                return Err(NotClaim::Increment);
            } else if self.is(k, Role::Fund) {
                return Err(NotClaim::Fund);
            } else if self.is(k, Role::Company) || self.is(k, Role::OtherMeasure) {
                return Err(NotClaim::OtherMeasure);
            }
            break;
        }
        Ok(())
    }

    /// "stands at", "we are up at": a form of "to be" with "at" after it.
    fn be_at(&self, k: usize) -> bool {
        let mut j = k + 1;
        while j < k + 4 && self.is(j, Role::Hedge) && self.word(j) != "at" {
            j += 1;
        }
        self.word(j) == "at"
    }

    /// "In 2023 it was 5.9% of GDP" after a sentence about spending.
    fn be_after_anaphor(&self, k: usize) -> bool {
        if k == 0 || !matches!(self.word(k - 1), "it" | "It" | "this" | "This" | "that") {
            return false;
        }
        let si = self.sentence_index(k);
        let (from, _) = self.sentence(si.saturating_sub(1));
        (from..k).any(|j| self.is(j, Role::SpendNoun))
    }

    /// Whether the value is one of alternatives of the same unit ("4% or
    /// 5%").
    fn disjunction(&self, index: usize) -> bool {
        let am = self.amount(index);
        let (value_start, value_end) = self.amount_toks[index];
        let same_unit = |i: usize| {
            let o = self.amount(i);
            o.percent == am.percent && o.unit == am.unit
        };
        let next = (self.word(value_end) == "or")
            .then(|| {
                let mut k = value_end + 1;
                while self.is(k, Role::Hedge) && self.amount_starting_at(k).is_none() {
                    k += 1;
                }
                self.amount_starting_at(k)
            })
            .flatten();
        if next.is_some_and(same_unit) {
            return true;
        }
        let mut k = value_start;
        while k > 0 && self.is(k - 1, Role::Hedge) && self.amount_ending_at(k).is_none() {
            k -= 1;
        }
        k > 0 && self.word(k - 1) == "or" && self.amount_ending_at(k - 1).is_some_and(same_unit)
    }

    /// Step 2: the predicate that makes the value a level. Searched to the
    /// left in the clause; a value with no predicate of its own shares the
    /// one of an earlier value when only linking words stand between them.
    /// Failing that, a spending noun or verb right after the value counts.
    pub(crate) fn find_predicate(&self, level: &Level, clause_start: usize) -> Option<Predicate> {
        match self.predicate_before(level, clause_start) {
            LeftSearch::Found(predicate) => Some(predicate),
            LeftSearch::Blocked => None,
            LeftSearch::Nothing => self.predicate_after(level),
        }
    }

    /// The predicate to the left of the value in its clause. The search
    /// passes over earlier values only while nothing but linking words
    /// stand between them; otherwise the earlier value's predicate is not
    /// this one's, and the search is blocked.
    fn predicate_before(&self, level: &Level, clause_start: usize) -> LeftSearch {
        let mut k = level.value_start;
        let mut only_links = true;
        let mut p = level.value_start;
        while p > clause_start
            && self.is(p - 1, Role::Hedge)
            && !matches!(self.word(p - 1), "to" | "from")
        {
            p -= 1;
        }
        let value_after_to = p > clause_start && matches!(self.word(p - 1), "to" | "from");
        let seen_spend_noun_before =
            |to: usize| (clause_start..to).any(|j| self.is(j, Role::SpendNoun));
        while k > clause_start {
            if let Some(other) = self.amount_ending_at(k) {
                if !only_links {
                    return LeftSearch::Blocked;
                }
                k = self.amount_toks[other].0;
                only_links = true;
                continue;
            }
            k -= 1;
            let predicate = self.is_any(k, PREDICATE_ROLES)
                || self.is(k, Role::ChangeVerb) && (!self.is(k, Role::Increment) || value_after_to)
                || self.is(k, Role::Be)
                    && (seen_spend_noun_before(k) || self.be_at(k) || self.be_after_anaphor(k));
            if predicate {
                return LeftSearch::Found(Predicate {
                    tok: k,
                    threshold: self.is(k, Role::Threshold),
                    commit: self.is(k, Role::Commit),
                });
            }
            if !self.links_values(k) {
                only_links = false;
            }
        }
        LeftSearch::Nothing
    }

    /// Whether token `k` may stand between two values of one predicate
    /// ("4% next year compared with 3.5% this year", "€1.6 billion, or
    /// 3.7% of GDP"): hedges, links, time words, the base and the like.
    fn links_values(&self, k: usize) -> bool {
        self.is_any(k, LINKING_ROLES)
            || matches!(
                self.word(k),
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
            || self.tok(k).is_some_and(|t| t.kind == TokKind::Num)
    }

    /// A predicate after the value: a spending noun ("2.1% defence pledge",
    /// "¥8.7 trillion defence budget", "2.3% UK expenditure on defence") or
    /// a spending verb after "was" or a pronoun ("more than 40% of GDP was
    /// spent", "the 0.5% it spends today"), a few words on at most.
    fn predicate_after(&self, level: &Level) -> Option<Predicate> {
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
            // "more than 40% of GDP was spent on defence", "the 0.5% it
            // spends today"
            if self.is(j, Role::SpendVerb)
                && (self.is(j - 1, Role::Be) || self.is_any(j - 1, PRONOUNS_THAT_SPEND))
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
                || self.is_any(j, PRONOUNS_THAT_SPEND)
                || self.word(j) == "-"
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
