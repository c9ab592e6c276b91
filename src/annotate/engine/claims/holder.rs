//! Step 3: whose level it is.
//!
//! The possessor of the GDP comes first ("of its GDP", "of our GDP"), then
//! the nearest subject to the left of the predicate in the sentence. A
//! country name, a capital or institution standing for its government, or a
//! demonym is the holder; so is a pronoun resolved to a speaker ("we" in a
//! minister's quotation) or an antecedent ("it", "the country"). A mention
//! after a locative preposition ("in Bucharest", "from Washington", "to
//! Germany") is not a subject. An explicit list gives one holder each; a
//! group ("allies", "the Baltic states", "European allies and Canada") is a
//! group total, unless it is a counted or demonstrative anaphor of a list
//! of named countries ("7 NATO countries … These countries are Greece, …").

use super::lexicon::Role;
use super::{Doc, Level, Mention, NotClaim, Predicate};
use crate::annotate::engine::Who;
use crate::annotate::engine::numbers::number_word;
use crate::text::Span;

/// The countries a level belongs to, each with the words it came from.
#[derive(Clone, Debug)]
pub(crate) struct Holder {
    pub countries: Vec<(&'static str, Span)>,
    /// The first token of the holder's words (where the frame checks start).
    pub tok: usize,
}

impl Doc<'_, '_> {
    /// Step 3.
    pub(crate) fn find_holder(
        &self,
        level: &Level,
        pred: &Predicate,
        clause_start: usize,
    ) -> Result<Holder, NotClaim> {
        let (sentence_start, _) = self.sentence(self.sentence_index(level.value_start));
        if let Some(owner) = level.gdp_owner
            && let Some(h) = self.resolve(owner, sentence_start, true)?
        {
            return Ok(h);
        }
        let anchor = pred.tok.min(level.value_start);
        if let Some(h) = self.scan_left(anchor, clause_start)? {
            return Ok(self.respectively(level, h));
        }
        if clause_start > sentence_start
            && let Some(h) = self.scan_left(clause_start, sentence_start)?
        {
            return Ok(h);
        }
        // A predicate after the value: "2.3% UK expenditure on defence".
        if pred.tok > level.value_start
            && let Some(m) = self.mentions_in(level.value_end, pred.tok).first()
        {
            return Ok(self.one(m));
        }
        // A level with no country in a text from one country's institutions
        // ("In 1943 and 1944, more than 40% of GDP was spent on defence" in
        // a Lords debate) is that country's (D16).
        match self.home_from_cues() {
            Some(iso) => Ok(Holder {
                countries: vec![(iso, self.span_of(pred.tok, pred.tok + 1))],
                tok: pred.tok.min(level.value_start),
            }),
            None => Err(NotClaim::NoHolder),
        }
    }

    /// The holder that is one mentioned country.
    fn one(&self, m: &Mention) -> Holder {
        Holder {
            countries: vec![(m.iso, self.span_of(m.start, m.end))],
            tok: m.start,
        }
    }

    /// Whether mention `m` is the object of a preposition ("in Warsaw",
    /// "to Germany", "like all allies").
    fn after_preposition(&self, start: usize) -> bool {
        let mut k = start;
        while k > 0 && matches!(self.word(k - 1), "the" | "The" | "all" | "every" | "other") {
            k -= 1;
        }
        if k == 0 || !self.is(k - 1, Role::Locative) {
            return false;
        }
        // "the budget for DoD", "the spending of Poland": the holder.
        !(matches!(self.word(k - 1), "for" | "of") && k >= 2 && self.is(k - 2, Role::SpendNoun))
    }

    /// "Romania's": a possessive stands for the holder even after a
    /// preposition ("the increase in Romania's defence spending").
    fn possessive(&self, end: usize) -> bool {
        matches!(self.word(end), "'" | "’" | "'s" | "’s")
            || self.word(end + 1) == "s" && matches!(self.word(end), "'" | "’")
    }

    /// A person is the holder only as the subject right before the
    /// predicate ("President Trump has committed to spending …"), not as
    /// someone who praises or welcomes another country's level.
    fn subject_of(&self, end: usize, pred: usize) -> bool {
        (end..pred).all(|k| {
            matches!(
                self.word(k),
                "has" | "have" | "had" | "will" | "is" | "was" | "also" | "already" | "now"
            )
        })
    }

    /// Scans tokens `to..from` right to left for the holder.
    fn scan_left(&self, from: usize, to: usize) -> Result<Option<Holder>, NotClaim> {
        let mut k = from;
        while k > to {
            if let Some(m) = self.mention_ending_at(k) {
                if self.after_preposition(m.start) && !self.possessive(m.end)
                    || m.person && !self.subject_of(m.end, from)
                {
                    k = m.start;
                    continue;
                }
                return self.expand_list(m).map(Some);
            }
            k -= 1;
            if self.is(k, Role::Group) {
                // "one of just nine NATO countries": partitive, not the subject.
                let partitive = (k.saturating_sub(4)..k).any(|j| self.word(j) == "of");
                if partitive
                    || self.after_preposition(k)
                    || self.quote_at(self.tok(k).map_or(0, |t| t.start)).is_some()
                        && self
                            .quote_at(self.tok(from).map_or(0, |t| t.start))
                            .is_none()
                {
                    continue;
                }
                // "Sweden and other NATO countries' commitment"
                if let Some(h) = self.and_other(k) {
                    return Ok(Some(h));
                }
                if let Some(h) = self.group_anaphora(k) {
                    return Ok(Some(h));
                }
                return Err(NotClaim::Group);
            }
            if let Some(h) = self.resolve(k, to, false)? {
                return Ok(Some(h));
            }
        }
        Ok(None)
    }

    /// A pronoun or "the country" at token `k`, resolved.
    fn resolve(
        &self,
        k: usize,
        sentence_start: usize,
        level_owner: bool,
    ) -> Result<Option<Holder>, NotClaim> {
        let at = |iso: &'static str| {
            Some(Holder {
                countries: vec![(iso, self.span_of(k, k + 1))],
                tok: k,
            })
        };
        let w = self.word(k);
        let byte = self.tok(k).map_or(0, |t| t.start);
        if self.is(k, Role::PronounWe) {
            return Ok(self.speaker_country(byte, sentence_start).and_then(at));
        }
        if self.is(k, Role::PronounYou) {
            return Ok(self.addressee_country(k).and_then(at));
        }
        if self.is(k, Role::PronounThey) {
            if let Some(h) = self.group_anaphora(k) {
                return Ok(Some(h));
            }
            // "of their GDP": the subject says whose.
            if level_owner {
                return Ok(None);
            }
            return Err(NotClaim::Group);
        }
        if let Some(m) = self.mention_at(k) {
            if !self.after_preposition(m.start) {
                return self.expand_list(m).map(Some);
            }
            return Ok(None);
        }
        if matches!(w, "his" | "her") && self.is(k + 1, Role::CountryNoun) {
            return Ok(self.persons_country(sentence_start, k).and_then(at));
        }
        if self.is(k, Role::CountryNoun) {
            let prev = if k > 0 { self.word(k - 1) } else { "" };
            if matches!(prev, "his" | "her") {
                return Ok(self.persons_country(sentence_start, k).and_then(at));
            }
            // "this country" is the speaker's (D16); "the country" one named before.
            if matches!(prev, "this" | "This") {
                return Ok(self
                    .speaker_country(self.tok(k).map_or(0, |t| t.start), sentence_start)
                    .and_then(at));
            }
            if matches!(prev, "the" | "The" | "a" | "A") {
                let iso = if w.eq_ignore_ascii_case("government") && w.starts_with('G') {
                    self.antecedent(k.saturating_sub(1)).or(self.home())
                } else {
                    self.antecedent(k.saturating_sub(1))
                };
                return Ok(iso.and_then(at));
            }
        }
        let this_is = matches!(w, "This" | "this")
            && (self.is(k + 1, Role::Be) || self.is(k + 1, Role::Report));
        if self.is(k, Role::PronounIt) || this_is {
            return Ok(self.antecedent(k).and_then(at));
        }
        Ok(None)
    }

    /// The country of the nearest person named in `from..to` with one.
    fn persons_country(&self, from: usize, to: usize) -> Option<&'static str> {
        let lo = self.tok(from).map_or(0, |t| t.start);
        let hi = self.tok(to).map_or(usize::MAX, |t| t.start);
        let first = self.analysis.ents.partition_point(|e| e.span.start < lo);
        let last = self.analysis.ents.partition_point(|e| e.span.start < hi);
        self.analysis.ents[first..last.max(first)]
            .iter()
            .rev()
            .filter(|e| e.span.end <= hi)
            .find_map(|e| match e.who {
                Who::Person(p) => self.analysis.persons[p].country,
                _ => None,
            })
    }

    /// What "it", "its" or "the country" at token `k` stands for: the
    /// nearest subject country before it in the sentence, else the first
    /// one of the nearest earlier sentence that names one (three back).
    fn antecedent(&self, k: usize) -> Option<&'static str> {
        let si = self.sentence_index(k);
        let (sentence_start, _) = self.sentence(si);
        if let Some(m) = self
            .mentions_in(sentence_start, k)
            .iter()
            .rev()
            .find(|m| !self.after_preposition(m.start))
        {
            return Some(m.iso);
        }
        for back in 1..=3 {
            if si < back {
                break;
            }
            let (ps, pe) = self.sentence(si - back);
            let ms = self.mentions_in(ps, pe);
            if let Some(m) = ms
                .iter()
                .find(|m| !self.after_preposition(m.start))
                .or(ms.first())
            {
                return Some(m.iso);
            }
        }
        None
    }

    /// Whom "we" at byte `at` stands for: the speaker of the quotation it
    /// sits in, else a country named beside that quotation ("…,” Romanian
    /// Defence Minister Radu Ionescu told reporters), else the country the
    /// text is about.
    fn speaker_country(&self, at: usize, sentence_start: usize) -> Option<&'static str> {
        if let Some(q) = self.quote_at(at) {
            if q.speaker_country.is_some() {
                return q.speaker_country;
            }
            let si = self.sentence_index(sentence_start);
            let (s, e) = self.sentence(si);
            let outside = self
                .mentions_in(s, e)
                .iter()
                .filter(|m| {
                    let b = self.tok(m.start).map_or(0, |t| t.start);
                    !q.span.contains_byte(b) && !self.after_preposition(m.start)
                })
                .min_by_key(|m| {
                    let b = self.tok(m.start).map_or(0, |t| t.start);
                    b.abs_diff(q.span.end).min(b.abs_diff(q.span.start))
                });
            if let Some(m) = outside {
                return Some(m.iso);
            }
        }
        self.home()
    }

    /// Whom "you"/"your" at token `k` stands for: a country named earlier in
    /// the same quotation other than the speaker's ("we commend Germany for
    /// … your GDP"), else one named beside the quotation ("told his Dutch
    /// hosts"), else the nearest country before it in the sentence.
    fn addressee_country(&self, k: usize) -> Option<&'static str> {
        let at = self.tok(k).map_or(0, |t| t.start);
        let (s, e) = self.sentence(self.sentence_index(k));
        if let Some(q) = self.quote_at(at) {
            let speaker = q.speaker_country;
            let inside = |m: &&Mention| {
                let b = self.tok(m.start).map_or(0, |t| t.start);
                q.span.contains_byte(b)
            };
            if let Some(m) = self
                .mentions_in(s, k)
                .iter()
                .rev()
                .filter(inside)
                .find(|m| Some(m.iso) != speaker)
            {
                return Some(m.iso);
            }
            return self
                .mentions_in(s, e)
                .iter()
                .filter(|m| {
                    !inside(m) && Some(m.iso) != speaker && !self.after_preposition(m.start)
                })
                .map(|m| m.iso)
                .next_back();
        }
        self.mentions_in(s, k)
            .iter()
            .rev()
            .find(|m| !self.after_preposition(m.start))
            .map(|m| m.iso)
    }

    /// Extends a holder to an explicit list ending in it: "Turkey, Greece
    /// and the United Kingdom". A group inside the list ("European allies
    /// and Canada") makes it a group total.
    fn expand_list(&self, last: &Mention) -> Result<Holder, NotClaim> {
        let mut list = vec![*last];
        let mut k = last.start;
        loop {
            let mut j = k;
            if j > 0 && matches!(self.word(j - 1), "the" | "The") {
                j -= 1;
            }
            let mut sep = j;
            if sep > 0 && self.word(sep - 1) == "and" {
                sep -= 1;
            }
            if sep > 0 && self.word(sep - 1) == "," {
                sep -= 1;
            }
            if sep == j {
                break;
            }
            if let Some(m) = self
                .mention_ending_at(sep)
                .filter(|m| !m.demonym && !m.stand_in)
            {
                list.push(*m);
                k = m.start;
                continue;
            }
            if sep > 0 && self.is(sep - 1, Role::Group) && self.word(j - 1) == "and" {
                return Err(NotClaim::Group);
            }
            break;
        }
        list.reverse();
        let mut countries: Vec<(&'static str, Span)> = Vec::new();
        for m in &list {
            if !countries.iter().any(|c| c.0 == m.iso) {
                countries.push((m.iso, self.span_of(m.start, m.end)));
            }
        }
        Ok(Holder {
            countries,
            tok: list[0].start,
        })
    }

    /// "Sweden and other NATO countries": the named country.
    fn and_other(&self, group: usize) -> Option<Holder> {
        let mut k = group;
        for _ in 0..3 {
            if k == 0 {
                return None;
            }
            k -= 1;
            if self.word(k).eq_ignore_ascii_case("other") {
                if k >= 1 && self.word(k - 1) == "and" {
                    return self.mention_ending_at(k - 1).map(|m| self.one(m));
                }
                return None;
            }
        }
        None
    }

    /// A counted or demonstrative group ("7 NATO countries", "all three
    /// nations", "These countries") that stands for a list of named
    /// countries in the same or a neighbouring sentence.
    fn group_anaphora(&self, group: usize) -> Option<Holder> {
        let mut count = None;
        let mut demonstrative = self.is(group, Role::PronounThey);
        for j in group.saturating_sub(3)..group {
            let w = self.word(j);
            if let Some(n) = number_word(w).or_else(|| w.parse::<f64>().ok()) {
                count = Some(n as usize);
            }
            if matches!(w, "these" | "These" | "those" | "Those" | "all" | "both") {
                demonstrative = true;
            }
        }
        if count.is_none() && !demonstrative {
            return None;
        }
        let si = self.sentence_index(group);
        let (sentence_start, _) = self.sentence(si);
        let mut ranges = Vec::new();
        let next = self.sentence(si + 1);
        if si + 1 < self.sentences.len() && matches!(self.word(next.0), "These" | "Those" | "They")
        {
            ranges.push(next);
        }
        ranges.push((sentence_start, group));
        if si > 0 {
            ranges.push(self.sentence(si - 1));
        }
        for (from, to) in ranges {
            let mut isos: Vec<(&'static str, Span)> = Vec::new();
            for m in self
                .mentions_in(from, to)
                .iter()
                .filter(|m| !m.demonym && !m.stand_in)
            {
                if !isos.iter().any(|c| c.0 == m.iso) {
                    isos.push((m.iso, self.span_of(m.start, m.end)));
                }
            }
            if isos.len() >= 2 && count.is_none_or(|c| c == isos.len()) {
                return Some(Holder {
                    countries: isos,
                    tok: group,
                });
            }
        }
        None
    }

    /// "Germany, France and Italy spent 2.12%, 2.06% and 1.49% …
    /// respectively": the n-th value goes to the n-th country.
    fn respectively(&self, level: &Level, h: Holder) -> Holder {
        if h.countries.len() < 2 {
            return h;
        }
        let (_, clause_end) = self.clause(level.value_start);
        let Some(r) = (level.value_end..clause_end)
            .find(|&k| self.word(k).eq_ignore_ascii_case("respectively"))
        else {
            return h;
        };
        let am = &self.analysis.amounts[level.index];
        let first = self.amount_toks.partition_point(|&(s, _)| s < h.tok);
        let values: Vec<usize> = (first..self.analysis.amounts.len())
            .take_while(|&i| self.amount_toks[i].0 < r)
            .filter(|&i| {
                let (s, e) = self.amount_toks[i];
                s >= h.tok
                    && e <= r
                    && self.analysis.amounts[i].unit == am.unit
                    && self.analysis.amounts[i].percent == am.percent
            })
            .collect();
        match values.iter().position(|&i| i == level.index) {
            Some(n) if values.len() == h.countries.len() => Holder {
                countries: vec![h.countries[n]],
                tok: h.tok,
            },
            _ => h,
        }
    }
}
