//! Defence-spending claims: a country's spending level stated as a share of
//! GDP or an amount, next to a spending predicate.
//!
//! A percentage is a claim when it is a share of GDP (or "economic output")
//! spent, committed or budgeted, or a defence-spending level; an amount when
//! it is spent or budgeted on defence. Alliance-wide targets ("NATO's 2%
//! target"), increments ("by 2%", "additional euros"), aid ("for Ukraine"),
//! hypotheticals ("could", "should") and calls on others ("urged … to
//! spend") are not. The country is the possessor of the GDP or spending
//! ("its", "his country's" resolve back), else the nearest country named
//! before the value in the sentence; the year only one tied to the value in
//! its clause ("in 2023", "by 2035").

use super::entities::month;
use super::gazetteer::Gazetteer;
use super::lex::{Tok, TokKind, token_at};
use super::{Amount, Analysis, Who};
use crate::model::ClaimUnit;
use crate::text::Span;

pub(crate) struct ClaimFound {
    pub span: Span,
    pub country: &'static str,
    pub iso3: &'static str,
    pub year: Option<i32>,
    pub value: f64,
    pub unit: ClaimUnit,
}

const APPROX: &[&str] = &[
    "more",
    "than",
    "at",
    "least",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "above",
    "some",
    "up",
    "to",
    "just",
    "a",
    "record",
    "only",
    "well",
    "under",
    "below",
    "exactly",
    "close",
    "estimated",
    "an",
];

const PREDICATES: &[&str] = &[
    "spend",
    "spends",
    "spent",
    "spending",
    "allocate",
    "allocates",
    "allocated",
    "allocating",
    "earmark",
    "earmarks",
    "earmarked",
    "budget",
    "budgets",
    "budgeted",
    "budgeting",
    "invest",
    "invests",
    "invested",
    "investing",
    "commitment",
    "committed",
    "commits",
    "devote",
    "devotes",
    "devoted",
    "devoting",
    "dedicate",
    "dedicates",
    "dedicated",
    "expenditure",
    "expenditures",
    "outlays",
];

const TARGET_NOUNS: &[&str] = &[
    "target",
    "targets",
    "goal",
    "goals",
    "guideline",
    "benchmark",
    "threshold",
    "pledge",
    "mark",
    "minimum",
    "floor",
    "bar",
    "requirement",
    "level",
    "objective",
    "fund",
    "funds",
    "package",
    "loan",
    "loans",
    "contract",
    "contracts",
    "deal",
    "order",
    "orders",
    "tranche",
    "aid",
    "increase",
    "rise",
    "hike",
    "boost",
    "cut",
];

const BLOCK_BEFORE: &[&str] = &[
    "could",
    "would",
    "should",
    "might",
    "must",
    "urged",
    "urge",
    "urges",
    "urging",
    "asked",
    "asks",
    "pressed",
    "demanded",
    "demands",
    "if",
    "unless",
    "donated",
    "donate",
    "donates",
    "aid",
    "assistance",
];

fn is_year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|y| (1950..=2100).contains(y))
}

struct Cx<'a, 't> {
    a: &'a Analysis<'t>,
}

impl Cx<'_, '_> {
    fn toks(&self) -> &[Tok] {
        &self.a.toks
    }

    fn w(&self, i: usize) -> &str {
        self.toks().get(i).map_or("", |t| t.text(self.a.text))
    }

    /// The year right after a preposition at `k`, allowing "fiscal (year)"
    /// between them, with the token index after it.
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let mut j = k + 1;
        if self.lw(j) == "fiscal" || self.lw(j) == "calendar" {
            j += 1;
        }
        if self.lw(j) == "year" {
            j += 1;
        }
        is_year(self.w(j)).map(|y| (y, j + 1))
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks().get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn lw(&self, i: usize) -> String {
        self.w(i).to_lowercase()
    }

    /// Token range of the sentence around token `i`.
    fn sentence(&self, i: usize) -> (usize, usize) {
        let toks = self.toks();
        let ends = |k: usize| -> bool {
            let Some(t) = toks.get(k) else { return true };
            let next = toks.get(k + 1);
            if next.is_none_or(|n| self.a.text[t.end..n.start].contains('\n')) {
                return true;
            }
            let w = t.text(self.a.text);
            if !matches!(w, "." | "?" | "!") {
                return false;
            }
            let prev = if k > 0 { self.w(k - 1) } else { "" };
            let abbreviation = prev.chars().count() <= 2 && prev.chars().all(char::is_uppercase)
                || matches!(
                    prev,
                    "Mr" | "Mrs" | "Ms" | "Dr" | "Gen" | "Lt" | "Col" | "Jr" | "St"
                )
                || month(prev).is_some();
            !abbreviation && next.is_some_and(|n| n.cap || n.kind != TokKind::Word)
        };
        let mut s = i;
        while s > 0 && !ends(s - 1) {
            s -= 1;
        }
        let mut e = i;
        while e < toks.len() && !ends(e) {
            e += 1;
        }
        (s, (e + 1).min(toks.len()))
    }

    /// The country mentions (ISO3, token index) in tokens `from..to`.
    fn countries(&self, from: usize, to: usize) -> Vec<(&'static str, usize, usize)> {
        let toks = self.toks();
        let (lo, hi) = (
            toks.get(from).map_or(usize::MAX, |t| t.start),
            toks.get(to.saturating_sub(1)).map_or(0, |t| t.end),
        );
        let mut out = Vec::new();
        let k = self.a.ents.partition_point(|e| e.span.start < lo);
        for e in self.a.ents[k..].iter().take_while(|e| e.span.end <= hi) {
            if let Some(iso) = self.a.country_of(e) {
                out.push((
                    iso,
                    token_at(toks, e.span.start),
                    token_at(toks, e.span.end),
                ));
            }
        }
        for &(span, canon) in &self.a.demonyms {
            if span.start >= lo && span.end <= hi {
                // "Polish defence spending" names Poland; "the Polish
                // minister" does not make Poland the spender, but it is
                // still the best guess in the clause.
                if let Some(iso) = Gazetteer::get().canon[canon as usize].country {
                    out.push((iso, token_at(toks, span.start), token_at(toks, span.end)));
                }
            }
        }
        out.sort_by_key(|c| c.1);
        out
    }

    /// "his country's": the country of the nearest person before `to`.
    fn persons_country(&self, from: usize, to: usize) -> Option<&'static str> {
        let toks = self.toks();
        let lo = toks.get(from).map_or(0, |t| t.start);
        let hi = toks.get(to).map_or(usize::MAX, |t| t.start);
        self.a
            .ents
            .iter()
            .rev()
            .filter(|e| e.span.start >= lo && e.span.end <= hi)
            .find_map(|e| match e.who {
                Who::Person(p) => self.a.persons[p].country,
                _ => None,
            })
    }
}

pub(crate) fn find_claims(a: &Analysis<'_>) -> Vec<ClaimFound> {
    let cx = Cx { a };
    let mut out: Vec<ClaimFound> = Vec::new();
    for am in &a.amounts {
        let found = claim_for(&cx, am).or_else(|| compared_level(&cx, am, &out));
        if let Some(list) = found {
            for c in list {
                let dup = out.iter().any(|o| {
                    o.iso3 == c.iso3
                        && o.unit == c.unit
                        && (o.value - c.value).abs() < 1e-9
                        && o.span.overlaps(&c.span)
                });
                if !dup {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// "spend 4% next year compared with 3.5% this year", "2.5% by 2027, up
/// from 2.3%": a second level of the same kind, compared with a claim made
/// earlier in the sentence, is that country's level too.
fn compared_level(cx: &Cx<'_, '_>, am: &Amount, done: &[ClaimFound]) -> Option<Vec<ClaimFound>> {
    let toks = cx.toks();
    let vi = token_at(toks, am.span.start);
    let (ss, _) = cx.sentence(vi);
    let prev = if vi > 0 { cx.lw(vi - 1) } else { String::new() };
    if !matches!(
        prev.as_str(),
        "from" | "with" | "versus" | "vs" | "than" | "against"
    ) {
        return None;
    }
    let lo = toks[ss].start;
    let earlier = done.iter().rev().find(|c| {
        c.span.start >= lo
            && c.span.end <= am.span.start
            && (c.unit == ClaimUnit::PctGdp) == am.percent
    })?;
    let mut year = None;
    let mut end = token_at(toks, am.span.end);
    for k in end..(end + 3).min(toks.len()) {
        if matches!(cx.lw(k).as_str(), "in" | "for")
            && let Some(y) = is_year(cx.w(k + 1))
        {
            year = Some(y);
            end = k + 2;
            break;
        }
    }
    let span = Span::new(am.span.start, toks[end - 1].end.max(am.span.end));
    Some(vec![ClaimFound {
        span,
        country: earlier.country,
        iso3: earlier.iso3,
        year,
        value: am.value,
        unit: am.unit,
    }])
}

fn claim_for(cx: &Cx<'_, '_>, am: &Amount) -> Option<Vec<ClaimFound>> {
    let toks = cx.toks();
    let vi = token_at(toks, am.span.start);
    let ve = token_at(toks, am.span.end);
    let (ss, se) = cx.sentence(vi);

    // Increments and extras: "by 2%", "5 billion additional euros".
    let mut p = vi;
    while p > ss && APPROX.contains(&cx.lw(p - 1).as_str()) {
        p -= 1;
    }
    if p > ss
        && matches!(cx.lw(p - 1).as_str(), "by" | "of")
        && matches!(
            cx.lw(p.saturating_sub(2)).as_str(),
            "increase"
                | "increased"
                | "rise"
                | "raise"
                | "raised"
                | "boost"
                | "boosted"
                | "grow"
                | "grew"
                | "growth"
                | "increases"
                | "up"
                | "cut"
                | "cuts"
                | "reduce"
                | "reduced"
        )
        || p > ss && cx.lw(p - 1) == "by" && !matches!(cx.w(ve), "of")
    {
        return None;
    }
    let span_text = &cx.a.text[am.span.start..am.span.end];
    if ["additional", "extra", "more", "new"]
        .iter()
        .any(|w| span_text.contains(w))
    {
        return None;
    }
    // Alliance-wide levels: "NATO's 5%", "the 2% target".
    if p > ss {
        let prev = cx.w(p - 1);
        let prev2 = if p >= 2 { cx.w(p - 2) } else { "" };
        if matches!(prev, "s" | "NATO" | "alliance" | "Alliance")
            && matches!(prev2, "NATO" | "alliance" | "Alliance" | "’" | "'")
            || prev == "NATO"
        {
            return None;
        }
    }
    // "the 2% target", "a 100-billion-euro special fund".
    for (k, t) in toks.iter().enumerate().take((ve + 3).min(se)).skip(ve) {
        if t.kind == TokKind::Punct && cx.w(k) != "-" {
            break;
        }
        if TARGET_NOUNS.contains(&cx.lw(k).as_str()) {
            return None;
        }
    }

    // What follows the value: "of its GDP", "on defense", "in 2023".
    let mut end = ve;
    let mut gdp = false;
    let mut defence = false;
    let mut possessor: Option<(usize, String)> = None;
    let mut year = None;
    let mut j = ve;
    let clause_end = (ve..se)
        .find(|&k| matches!(cx.w(k), "," | ";" | ":" | "—" | "–" | "(") && k > ve)
        .unwrap_or(se);
    if cx.lw(j) == "of" {
        let mut poss = None;
        for k in j + 1..j + 6 {
            let w = cx.lw(k);
            if w == "gdp" || w == "output" || w == "gnp" || w == "product" || w == "income" {
                gdp = w != "income" || cx.lw(k - 1) == "national";
                end = k + 1;
                break;
            }
            if matches!(w.as_str(), "its" | "their" | "his" | "her" | "your" | "our")
                && poss.is_none()
            {
                poss = Some((k, w.clone()));
            }
            if toks.get(k).is_some_and(|t| t.kind == TokKind::Punct)
                && !matches!(cx.w(k), "’" | "'")
            {
                break;
            }
        }
        if gdp {
            possessor = poss;
            j = end;
        }
    }
    let mut aid = false;
    let mut other_purpose = false;
    for k in j..clause_end.max(j).min(se).min(j + 8) {
        let w = cx.lw(k);
        match w.as_str() {
            "on" | "for" | "in" | "to" | "towards" | "toward" => {
                let n = cx.lw(k + 1);
                let n2 = cx.lw(k + 2);
                let def = |s: &str| {
                    matches!(s, "defense" | "defence" | "military" | "armed" | "security")
                };
                if def(&n) || matches!(n.as_str(), "the" | "its" | "their") && def(&n2) {
                    defence = true;
                    end = end.max(k + 2);
                } else if w == "on" && k == j && cx.is_word(k + 1) {
                    // "1% of GDP on health care": spent, but not on defence.
                    other_purpose = true;
                }
                if matches!(w.as_str(), "for" | "to")
                    && cx.a.ents.iter().any(|e| {
                        e.span.start == toks.get(k + 1).map_or(0, |t| t.start)
                            && cx.a.country_of(e).is_some()
                    })
                {
                    aid = true;
                }
                if matches!(
                    w.as_str(),
                    "in" | "by" | "for" | "until" | "through" | "from"
                ) && let Some((y, e)) = cx.year_after(k)
                {
                    year.get_or_insert((y, e));
                }
            }
            "by" | "until" | "through" | "from" | "starting" | "beginning" => {
                if let Some((y, e)) = cx.year_after(k) {
                    year.get_or_insert((y, e));
                }
            }
            "help" | "aid" | "assistance" | "support" => aid = true,
            _ => {}
        }
    }
    if aid || other_purpose {
        return None;
    }

    // What precedes it in the sentence: a predicate, a defence word, and
    // nothing that makes it hypothetical or someone else's call.
    let mut pred = None;
    for k in (ss..vi).rev() {
        let w = cx.lw(k);
        // "said Finland would raise spending to 3%": a reported plan is a
        // claim; a bare "would" is a hypothetical.
        let reported = w == "would" && (ss..k).any(|j| super::quotes::CUES.contains(&cx.w(j)));
        if BLOCK_BEFORE.contains(&w.as_str()) && !reported
            || matches!(w.as_str(), "call" | "calls" | "called" | "calling")
                && matches!(cx.lw(k + 1).as_str(), "on" | "for" | "upon")
        {
            return None;
        }
        if PREDICATES.contains(&w.as_str()) && pred.is_none() {
            pred = Some(k);
        }
        if matches!(w.as_str(), "defense" | "defence" | "military") {
            defence = true;
        }
    }
    // "Italy will reach 2% of GDP": a level reached, for GDP shares.
    if pred.is_none() && gdp {
        pred = (ss..vi).rev().take(6).find(|&k| {
            matches!(
                cx.lw(k).as_str(),
                "reach"
                    | "reaches"
                    | "reached"
                    | "reaching"
                    | "exceed"
                    | "exceeds"
                    | "exceeded"
                    | "hit"
                    | "hits"
                    | "meet"
                    | "meets"
                    | "met"
                    | "surpass"
                    | "surpassed"
                    | "surpasses"
            )
        });
    }
    let pred = pred?;
    // A percentage needs GDP or defence; an amount needs defence.
    if !(defence || am.percent && gdp) {
        return None;
    }
    // A value that is "twice"/"half" of something else is not a level.
    if vi - pred > 12 {
        return None;
    }
    if year.is_none() {
        // "budget for 2025 is …": a year between the predicate and the value.
        year = (pred..vi)
            .find(|&k| {
                matches!(cx.lw(k).as_str(), "in" | "for" | "by") && is_year(cx.w(k + 1)).is_some()
            })
            .and_then(|k| is_year(cx.w(k + 1)).map(|y| (y, k + 2)));
    }
    if year.is_none() {
        // "In 2023, Poland spent …": a year opening the sentence.
        if matches!(cx.w(ss), "In" | "in")
            && let Some(y) = is_year(cx.w(ss + 1))
        {
            year = Some((y, ss + 2));
        }
    }

    // The country.
    let before = cx.countries(ss, vi);
    let mut iso: Vec<&'static str> = Vec::new();
    if let Some((pk, w)) = &possessor
        && (w == "his" || w == "her")
    {
        // "his country's initiative": the person's country.
        if let Some(c) = cx.persons_country(ss, *pk) {
            iso.push(c);
        }
    }
    if iso.is_empty() {
        // "Poland's defence spending", "his country's" said without GDP.
        if let Some(hk) = (ss..vi)
            .find(|&k| matches!(cx.lw(k).as_str(), "his" | "her") && cx.lw(k + 1) == "country")
            && let Some(c) = cx.persons_country(ss, hk)
        {
            iso.push(c);
        }
    }
    if iso.is_empty() {
        if let Some(&(c, ck, _)) = before.last() {
            iso.push(c);
            // An explicit list sharing the value: "Poland, Estonia and Latvia".
            let mut k = ck;
            let mut idx = before.len() - 1;
            while idx > 0 {
                let (pc, _, pe) = before[idx - 1];
                let gap: Vec<&str> = (pe..k).map(|t| cx.w(t)).collect();
                if gap.iter().all(|w| matches!(*w, "," | "and" | "or")) && !gap.is_empty() {
                    iso.push(pc);
                    k = before[idx - 1].1;
                    idx -= 1;
                } else {
                    break;
                }
            }
        } else if possessor.is_some()
            || (ss..vi).any(|k| {
                matches!(cx.w(k), "It" | "it" | "its" | "Its")
                    || cx.lw(k) == "country" && cx.lw(k.saturating_sub(1)) == "the"
            })
        {
            // "It spends 2% of its GDP": the subject country of the nearest
            // earlier sentence that names one (at most three back).
            let mut end = ss;
            for _ in 0..3 {
                if end == 0 {
                    break;
                }
                let (ps, _) = cx.sentence(end - 1);
                if let Some(&(c, _, _)) = cx.countries(ps, end).first() {
                    iso.push(c);
                    break;
                }
                end = ps;
            }
        }
    }
    if iso.is_empty() {
        return None;
    }
    let year_val = year.map(|(y, e)| {
        end = end.max(e);
        y
    });
    let start_tok = pred.min(vi);
    let span = Span::new(toks[start_tok].start, toks[end.max(ve) - 1].end);
    let g = Gazetteer::get();
    let mut out = Vec::new();
    for c in iso {
        let Some(country) = g.country(c) else {
            continue;
        };
        if out.iter().any(|o: &ClaimFound| o.iso3 == c) {
            continue;
        }
        out.push(ClaimFound {
            span,
            country: country.name,
            iso3: c,
            year: year_val,
            value: am.value,
            unit: am.unit,
        });
    }
    Some(out)
}
