//! The year tied to a claim: "in 2023", "by April 2027", "for fiscal 2026",
//! "FY2025", "2023/24", a fronted "In 2023,", or a year modifying the
//! spending noun ("Estonia's 2025 defence budget").
//!
//! Only a calendar year tied to the level in its clause counts: not a year
//! after "since" or "between", not a price base ("in 2024/25 prices",
//! "2025 dollars"), not a year naming something else ("the 2014 Wales
//! Pledge"). Fiscal years follow NATO's designation: a split year gives its
//! first year ("2023/24" → 2023), a named fiscal year the year written.

use super::Doc;
use super::lexicon::Role;
use crate::text::Span;

/// A year found in the text, with the tokens it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct YearAt {
    pub year: i32,
    /// First token of the expression (after any preposition).
    pub start: usize,
    /// Token after the expression.
    pub end: usize,
}

/// The year `w` writes, when it is four digits from 1900 to 2100.
fn four_digit_year(w: &str) -> Option<i32> {
    crate::data::year::parse_year(w)
}

/// The number `w` writes, when it is two digits ("24" in "24/25").
fn two_digits(w: &str) -> Option<i32> {
    (w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// "FY2025", "FY26" as one token.
fn fiscal_token(w: &str) -> Option<i32> {
    let rest = w.strip_prefix("FY").or_else(|| w.strip_prefix("fy"))?;
    four_digit_year(rest).or_else(|| two_digits(rest).map(|y| 2000 + y))
}

impl Doc<'_, '_> {
    /// A year expression starting at token `i` ("2023", "2023/24",
    /// "24/25", "FY2025", "fiscal 2026", "fiscal year 2024", "April 2027").
    pub fn year_at(&self, i: usize) -> Option<YearAt> {
        let start = i;
        let mut i = i;
        let w = self.word(i);
        if let Some(y) = fiscal_token(w) {
            return Some(YearAt {
                year: y,
                start,
                end: i + 1,
            });
        }
        if w.eq_ignore_ascii_case("fiscal")
            || w.eq_ignore_ascii_case("financial")
            || w.eq_ignore_ascii_case("calendar")
            || w == "FY"
        {
            i += 1;
            if self.word(i).eq_ignore_ascii_case("year") {
                i += 1;
            }
        } else if super::super::entities::month(w).is_some() {
            i += 1;
        }
        let w = self.word(i);
        if let Some(y) = four_digit_year(w) {
            // "2023/24", "2023-24": the first year.
            let split = matches!(self.word(i + 1), "/" | "-" | "–")
                && self.glued(i)
                && (two_digits(self.word(i + 2)).is_some()
                    || four_digit_year(self.word(i + 2)).is_some());
            let end = if split { i + 3 } else { i + 1 };
            return Some(YearAt {
                year: y,
                start,
                end,
            });
        }
        // "24/25": a split fiscal year written short.
        if let (Some(a), "/", Some(b)) = (
            two_digits(w),
            self.word(i + 1),
            two_digits(self.word(i + 2)),
        ) && b == (a + 1) % 100
            && self.glued(i)
        {
            return Some(YearAt {
                year: 2000 + a,
                start,
                end: i + 3,
            });
        }
        None
    }

    /// Whether the year at `y` names something other than the spending year:
    /// a price base ("2024/25 prices", "2025 dollars") or a named thing
    /// ("the 2014 Wales Pledge").
    fn year_names_other(&self, y: &YearAt) -> bool {
        let next = self.word(y.end);
        self.lex.is(next, Role::PriceBase)
            || self.tok(y.end).is_some_and(|t| t.cap)
                && !self.lex.is(next, Role::Defence)
                && !self.lex.is(next, Role::SpendNoun)
                && self.is_word(y.end)
                && !self.sentence_starts_at(y.end)
                && self.mention_at(y.end).is_none()
    }

    /// The years tied to a level whose value covers tokens `value_start..value_end` and
    /// whose predicate is at `pred`, within the clause `clause_start..clause_end`. Most claims
    /// have one; "In 1943 and 1944, …" gives two.
    pub fn tied_years(
        &self,
        value_start: usize,
        value_end: usize,
        pred: Option<usize>,
        holder: usize,
        clause_start: usize,
        clause_end: usize,
    ) -> Vec<(i32, Span)> {
        if let Some(y) = self.year_after(value_end, clause_end) {
            return vec![y];
        }
        let left = pred.map_or(value_start, |p| p.min(value_start));
        if let Some(y) = self.year_between(
            holder.min(left.saturating_sub(3)).max(clause_start),
            value_start,
        ) {
            return vec![y];
        }
        self.fronted_years(clause_start, left)
    }

    /// A year after the value, before the clause moves on: stops at another
    /// level, at "since"/"between", and at a comma that starts a new clause.
    fn year_after(&self, from: usize, clause_end: usize) -> Option<(i32, Span)> {
        let mut k = from;
        while k < clause_end {
            let w = self.word(k);
            if let Some(other) = self.amount_starting_at(k) {
                // A conversion in brackets or after "or"/"equal to" shares
                // the year: "NOK 102 billion (about €8.7 billion) in 2026".
                let conversion = (k.saturating_sub(3)..k).any(|j| {
                    matches!(
                        self.word(j),
                        "(" | "or" | "equal" | "equivalent" | "," | "and"
                    )
                });
                if !conversion {
                    return None;
                }
                k = self.amount_end(other);
                continue;
            }
            if matches!(w, "and" | "but" | "while" | "whereas")
                && self.year_at(k + 1).is_none()
                && !matches!(self.word(k + 1), "in" | "by")
                && self.amount_starting_at(k + 1).is_none()
            {
                return None;
            }
            if w.eq_ignore_ascii_case("since") || w.eq_ignore_ascii_case("between") {
                return None;
            }
            if w == "," {
                let next = self.word(k + 1);
                let goes_on = self.lex.is(next, Role::Locative)
                    || self.lex.is(next, Role::Link)
                    || self.lex.is(next, Role::Hedge)
                    || self.lex.is(next, Role::LevelVerb)
                    || self.amount_starting_at(k + 1).is_some();
                if !goes_on {
                    return None;
                }
            }
            if matches!(
                w,
                "in" | "In" | "by" | "By" | "for" | "during" | "through" | "until" | "throughout"
            ) && let Some(y) = self.year_at(k + 1)
            {
                if self.year_names_other(&y) {
                    k = y.end;
                    continue;
                }
                return Some((y.year, self.span_of(y.start, y.end)));
            }
            // A bare "FY2024" or "fiscal 2026" needs no preposition.
            if (fiscal_token(w).is_some() || w.eq_ignore_ascii_case("fiscal"))
                && let Some(y) = self.year_at(k)
            {
                return Some((y.year, self.span_of(y.start, y.end)));
            }
            k += 1;
        }
        None
    }

    /// A year between the predicate and the value: "budget for 2026 is set
    /// at", "our cash spend in 24/25 is", "Estonia's 2025 defence budget".
    fn year_between(&self, from: usize, to: usize) -> Option<(i32, Span)> {
        let mut found = None;
        // Years after another value belong to it ("2.5% of GDP by 2027, up
        // from 2.3% this year"); years before it are shared only when this
        // value restates it ("budget for 2025 amounts to 2.2 trillion
        // hryvnias, or about 26% of GDP").
        let mut after_other = false;
        let mut k = from;
        while k < to {
            if let Some(other) = self.amount_starting_at(k) {
                k = self.amount_end(other);
                let conversion = (k..to).all(|j| {
                    matches!(
                        self.word(j),
                        "," | "or" | "(" | "equal" | "equivalent" | "to"
                    ) || self.is(j, Role::Hedge)
                        || self.year_at(j).is_some()
                        || self.tok(j).is_some_and(|t| t.kind == super::TokKind::Num)
                });
                if !conversion {
                    found = None;
                    after_other = true;
                }
                continue;
            }
            if let Some(y) = self.year_at(k).filter(|y| y.end <= to) {
                let prev = if k > 0 { self.word(k - 1) } else { "" };
                let modifier = self.lex.is(self.word(y.end), Role::Defence)
                    || self.lex.is(self.word(y.end), Role::SpendNoun)
                    || self.word(y.end) == "budget";
                let tied = matches!(prev, "in" | "for" | "by" | "In" | "For" | "By") || modifier;
                if tied
                    && !after_other
                    && !self.year_names_other(&y)
                    && !matches!(prev, "since" | "between")
                {
                    found = Some((y.year, self.span_of(y.start, y.end)));
                }
                k = y.end;
            } else {
                k += 1;
            }
        }
        found
    }

    /// "In 2023, Poland spent …", "By 2030, …", "In 1943 and 1944, …": years
    /// opening the clause that holds the predicate.
    fn fronted_years(&self, clause_start: usize, left: usize) -> Vec<(i32, Span)> {
        let mut k = clause_start;
        // A headline label or a speaker tag may come first.
        if !matches!(self.word(k), "In" | "By" | "in" | "by") {
            return Vec::new();
        }
        k += 1;
        // "In the 2023/24 financial year, …"
        if self.word(k) == "the" {
            k += 1;
        }
        let mut out = Vec::new();
        while k < left {
            let Some(y) = self.year_at(k) else { break };
            if self.year_names_other(&y) {
                break;
            }
            out.push((y.year, self.span_of(y.start, y.end)));
            k = y.end;
            if matches!(self.word(k), "and" | ",") && self.year_at(k + 1).is_some() {
                k += 1;
                continue;
            }
            break;
        }
        out
    }
}
