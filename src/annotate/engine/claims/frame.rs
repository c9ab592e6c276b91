//! Step 4: whether the clause asserts the level as the holder's own.
//!
//! A level is not a claim when the clause makes it hypothetical ("could",
//! "should", "if", "were Italy to"), a call on someone else ("urged Spain to
//! spend"), a recommendation or an opposition party's plan, a question, a
//! negation, an alliance target the holder only agrees to or discusses, aid
//! to another country, a fund, a company's figure or another measure; or
//! when nothing in the sentence is about defence. "would" that reports a
//! plan or a projection ("according to the FYDP, DoD's budget would climb
//! to …", "said Finland would raise spending to 3%") stays a claim.

use super::holder::Holder;
use super::lexicon::Role;
use super::{Doc, Level, NotClaim, Predicate};

impl Doc<'_, '_> {
    /// Step 4.
    pub(crate) fn check_frame(
        &self,
        level: &Level,
        pred: &Predicate,
        holder: &Holder,
        clause_start: usize,
        clause_end: usize,
    ) -> Result<(), NotClaim> {
        let si = self.sentence_index(level.value_start);
        let (sentence_start, sentence_end) = self.sentence(si);
        let value_start = level.value_start;
        let from = holder
            .tok
            .min(pred.tok)
            .min(value_start)
            .max(clause_start.min(holder.tok));
        self.question(sentence_start, sentence_end, value_start)?;
        if (sentence_start..sentence_end).any(|k| self.is(k, Role::Opposition)) {
            return Err(NotClaim::Opposition);
        }
        if (from..value_start).any(|k| self.is(k, Role::Negation)) {
            return Err(NotClaim::Negated);
        }
        self.hypothetical(sentence_start, clause_start, value_start)?;
        self.call_on_others(sentence_start, value_start)?;
        self.target(level, pred, holder, clause_start, value_start)?;
        // Aid, funds, companies and other measures between the holder and
        // the value, or aid right after it.
        let own = (clause_start..clause_end).any(|k| self.is(k, Role::Own));
        for k in from..value_start {
            // "the increase in defence spending … is expected to be £1.1
            // billion": the subject is a change, not a level.
            if k != pred.tok
                && self.is(k, Role::Increment)
                && !self.is(k, Role::Hedge)
                && !self.is(k, Role::ChangeVerb)
            {
                return Err(NotClaim::Increment);
            }
            if self.is(k, Role::Company) {
                return Err(NotClaim::Company);
            }
            if self.is(k, Role::Fund) {
                return Err(NotClaim::Fund);
            }
            if self.is(k, Role::OtherMeasure) && !self.is(k, Role::Increment) {
                return Err(NotClaim::OtherMeasure);
            }
        }
        if !own {
            let after_end = self.clause_part_end(level.base_end, clause_end);
            let aid_word =
                (from..after_end).any(|k| self.is(k, Role::Aid) && !self.is(k, Role::Assent));
            let aid_to_country = (level.base_end..after_end).any(|k| {
                matches!(self.word(k), "for" | "to")
                    && self.mention_at(k + 1).is_some_and(|m| !m.demonym)
            });
            if aid_word || aid_to_country {
                return Err(NotClaim::Aid);
            }
        }
        // An amount, or a bare percentage, must be about defence in its
        // sentence (or the one before, for "it"); a share of GDP spent or
        // reached is a spending level unless it is spent on something else.
        let about_defence = |s: usize, e: usize| (s..e).any(|k| self.is(k, Role::Defence));
        let (back, _) = self.sentence(si.saturating_sub(2));
        let share_of_gdp = level.gdp || level.target;
        if !share_of_gdp && !level.on_defence && !about_defence(back, sentence_end) {
            return Err(NotClaim::NotDefence);
        }
        Ok(())
    }

    /// Where the value's own part of the clause ends: at a comma that
    /// starts something else (", the ministry said").
    fn clause_part_end(&self, from: usize, clause_end: usize) -> usize {
        (from..clause_end)
            .find(|&k| {
                self.word(k) == ","
                    && !self.is(k + 1, Role::Link)
                    && !self.is(k + 1, Role::Hedge)
                    && self.amount_starting_at(k + 1).is_none()
            })
            .unwrap_or(clause_end)
    }

    /// A level asked about is not asserted (D6). An assertive clause inside
    /// the question ("Given that we spent …, will he …?") still counts.
    fn question(
        &self,
        sentence_start: usize,
        sentence_end: usize,
        value_start: usize,
    ) -> Result<(), NotClaim> {
        if self.word(sentence_start).eq_ignore_ascii_case("to")
            && self.is(sentence_start + 1, Role::Question)
        {
            return Err(NotClaim::Question);
        }
        let last = (sentence_start..sentence_end)
            .rev()
            .find(|&k| !matches!(self.word(k), "”" | "\"" | "’" | ")"));
        if last.is_some_and(|k| self.word(k) == "?") {
            let given =
                (sentence_start..value_start).find(|&k| matches!(self.word(k), "Given" | "given"));
            let asserted = given.is_some_and(|g| !(g..value_start).any(|k| self.word(k) == ","));
            if !asserted {
                return Err(NotClaim::Question);
            }
        }
        Ok(())
    }

    /// A modal, a condition or a counterfactual before the value makes it
    /// hypothetical; advice is a recommendation. "would" reporting a plan or
    /// projection does not.
    fn hypothetical(
        &self,
        sentence_start: usize,
        clause_start: usize,
        value_start: usize,
    ) -> Result<(), NotClaim> {
        let se_of = |s: usize| self.sentence(self.sentence_index(s)).1;
        if matches!(self.word(sentence_start), "Were" | "Had" | "Should") {
            return Err(NotClaim::Hypothetical);
        }
        for k in clause_start..value_start {
            if self.is(k, Role::Modal) || self.is(k, Role::Condition) {
                return Err(NotClaim::Hypothetical);
            }
            if self.is(k, Role::Advise) {
                return Err(NotClaim::Advice);
            }
            if self.is(k, Role::Would) {
                let obligation = matches!(self.word(k + 1), "have" | "need" | "cost" | "require")
                    || self.word(k + 1) == "be"
                        && (self.is(k + 2, Role::Link)
                            || matches!(self.word(k + 2), "required" | "needed" | "necessary"));
                // "would have spent": a counterfactual.
                let counterfactual = self.word(k + 1) == "have";
                let condition =
                    (sentence_start..se_of(sentence_start)).any(|j| self.is(j, Role::Condition));
                if obligation || condition || counterfactual {
                    return Err(NotClaim::Hypothetical);
                }
                // Otherwise "would" reports a plan or a projection (D12):
                // "Poland would spend 4.7% of its GDP on defence in 2025".
            }
        }
        Ok(())
    }

    /// "urged Spain to spend", "called on Rome to raise", "expects Tokyo to
    /// spend": a call word whose scope reaches the value. "Tokyo expects to
    /// spend" is the holder's own plan.
    fn call_on_others(&self, sentence_start: usize, value_start: usize) -> Result<(), NotClaim> {
        for k in sentence_start..value_start {
            if !self.is(k, Role::Call) {
                continue;
            }
            // "Tokyo expects to spend", "wants to reach": the holder's own
            // plan. "allies urged to spend" is a call all the same.
            let own_plan = self.is(k, Role::Commit) || self.word(k).starts_with("want");
            if self.word(k + 1) == "to" && own_plan {
                continue;
            }
            let scope = (k + 1..value_start).all(|j| self.word(j) != "," && self.word(j) != ";");
            let infinitive = (k + 1..value_start)
                .any(|j| matches!(self.word(j), "to" | "that" | "must" | "should"));
            if scope && infinitive {
                return Err(NotClaim::CallOnOthers);
            }
        }
        Ok(())
    }

    /// A target's value is the holder's level only when the holder meets,
    /// passes or commits to it ("The UK has met NATO's 2% target",
    /// "committed to the target of 5% by 2035"); agreeing to, endorsing or
    /// discussing it states the alliance's figure.
    fn target(
        &self,
        level: &Level,
        pred: &Predicate,
        holder: &Holder,
        clause_start: usize,
        value_start: usize,
    ) -> Result<(), NotClaim> {
        // "NATO's 5% pledge", "the alliance's 3.5% target": the value is the
        // group's, and only passing it ("Poland already exceeds the
        // alliance's 3.5% core target") or committing straight to it is a
        // level of the holder's own.
        let mut p = value_start;
        while p > pred.tok + 1
            && self.is_word(p - 1)
            && !self.is(p - 1, Role::Group)
            && !matches!(self.word(p - 1), "s" | "'s" | "’s")
            && p + 3 > value_start
        {
            p -= 1;
        }
        let group_owned = p >= 2
            && matches!(self.word(p - 1), "s" | "'s" | "’s" | "’" | "'")
            && (self.is(p - 2, Role::Group) || self.is(p - 3, Role::Group));
        if group_owned {
            let direct = (pred.tok + 1..p)
                .all(|k| !self.word(k).ends_with("ing") || self.is(k, Role::SpendVerb));
            if !(pred.threshold || pred.commit && direct) {
                return Err(NotClaim::AllianceTarget);
            }
        }
        let target_noun =
            (holder.tok..pred.tok.min(value_start)).find(|&k| self.is(k, Role::TargetNoun));
        let target_before = target_noun.is_some();
        if !(level.target || target_before) {
            return Ok(());
        }
        if (clause_start..value_start).any(|k| self.is(k, Role::Assent)) {
            return Err(NotClaim::AllianceTarget);
        }
        // "7 NATO countries meeting the guideline to spend 2% of GDP"
        if let Some(t) = target_noun
            && (holder.tok..t).any(|k| self.is(k, Role::Threshold) || self.is(k, Role::Commit))
        {
            return Ok(());
        }
        if pred.threshold || pred.commit {
            return Ok(());
        }
        Err(NotClaim::AllianceTarget)
    }
}
