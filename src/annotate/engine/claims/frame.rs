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
        cs: usize,
        ce: usize,
    ) -> Result<(), NotClaim> {
        let si = self.sentence_index(level.vi);
        let (ss, se) = self.sentence(si);
        let vi = level.vi;
        let from = holder.tok.min(pred.tok).min(vi).max(cs.min(holder.tok));
        self.question(ss, se, vi)?;
        if (ss..se).any(|k| self.is(k, Role::Opposition)) {
            return Err(NotClaim::Opposition);
        }
        if (from..vi).any(|k| self.is(k, Role::Negation)) {
            return Err(NotClaim::Negated);
        }
        self.hypothetical(ss, cs, vi)?;
        self.call_on_others(ss, vi)?;
        self.target(level, pred, holder, cs, vi)?;
        // Aid, funds, companies and other measures between the holder and
        // the value, or aid right after it.
        let own = (cs..ce).any(|k| self.is(k, Role::Own));
        for k in from..vi {
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
            let after_end = self.clause_part_end(level.base_end, ce);
            let aid_word =
                (from..after_end).any(|k| self.is(k, Role::Aid) && !self.is(k, Role::Assent));
            let aid_to_country = (level.base_end..after_end).any(|k| {
                matches!(self.w(k), "for" | "to")
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
        if !share_of_gdp && !level.on_defence && !about_defence(back, se) {
            return Err(NotClaim::NotDefence);
        }
        Ok(())
    }

    /// Where the value's own part of the clause ends: at a comma that
    /// starts something else (", the ministry said").
    fn clause_part_end(&self, from: usize, ce: usize) -> usize {
        (from..ce)
            .find(|&k| {
                self.w(k) == ","
                    && !self.is(k + 1, Role::Link)
                    && !self.is(k + 1, Role::Hedge)
                    && self.amount_starting_at(k + 1).is_none()
            })
            .unwrap_or(ce)
    }

    /// A level asked about is not asserted (D6). An assertive clause inside
    /// the question ("Given that we spent …, will he …?") still counts.
    fn question(&self, ss: usize, se: usize, vi: usize) -> Result<(), NotClaim> {
        if self.w(ss).eq_ignore_ascii_case("to") && self.is(ss + 1, Role::Question) {
            return Err(NotClaim::Question);
        }
        let last = (ss..se)
            .rev()
            .find(|&k| !matches!(self.w(k), "”" | "\"" | "’" | ")"));
        if last.is_some_and(|k| self.w(k) == "?") {
            let given = (ss..vi).find(|&k| matches!(self.w(k), "Given" | "given"));
            let asserted = given.is_some_and(|g| !(g..vi).any(|k| self.w(k) == ","));
            if !asserted {
                return Err(NotClaim::Question);
            }
        }
        Ok(())
    }

    fn hypothetical(&self, ss: usize, cs: usize, vi: usize) -> Result<(), NotClaim> {
        let se_of = |s: usize| self.sentence(self.sentence_index(s)).1;
        if matches!(self.w(ss), "Were" | "Had" | "Should") {
            return Err(NotClaim::Hypothetical);
        }
        for k in cs..vi {
            if self.is(k, Role::Modal) || self.is(k, Role::Condition) {
                return Err(NotClaim::Hypothetical);
            }
            if self.is(k, Role::Advise) {
                return Err(NotClaim::Advice);
            }
            if self.is(k, Role::Would) {
                let obligation = matches!(self.w(k + 1), "have" | "need" | "cost" | "require")
                    || self.w(k + 1) == "be"
                        && (self.is(k + 2, Role::Link)
                            || matches!(self.w(k + 2), "required" | "needed" | "necessary"));
                // "would have spent": a counterfactual.
                let counterfactual = self.w(k + 1) == "have";
                let condition = (ss..se_of(ss)).any(|j| self.is(j, Role::Condition));
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
    fn call_on_others(&self, ss: usize, vi: usize) -> Result<(), NotClaim> {
        for k in ss..vi {
            if !self.is(k, Role::Call) {
                continue;
            }
            // "Tokyo expects to spend", "wants to reach": the holder's own
            // plan. "allies urged to spend" is a call all the same.
            let own_plan = self.is(k, Role::Commit) || self.w(k).starts_with("want");
            if self.w(k + 1) == "to" && own_plan {
                continue;
            }
            let scope = (k + 1..vi).all(|j| self.w(j) != "," && self.w(j) != ";");
            let infinitive =
                (k + 1..vi).any(|j| matches!(self.w(j), "to" | "that" | "must" | "should"));
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
        cs: usize,
        vi: usize,
    ) -> Result<(), NotClaim> {
        // "NATO's 5% pledge", "the alliance's 3.5% target": the value is the
        // group's, and only passing it ("Poland already exceeds the
        // alliance's 3.5% core target") or committing straight to it is a
        // level of the holder's own.
        let mut p = vi;
        while p > pred.tok + 1
            && self.is_word(p - 1)
            && !self.is(p - 1, Role::Group)
            && !matches!(self.w(p - 1), "s" | "'s" | "’s")
            && p + 3 > vi
        {
            p -= 1;
        }
        let group_owned = p >= 2
            && matches!(self.w(p - 1), "s" | "'s" | "’s" | "’" | "'")
            && (self.is(p - 2, Role::Group) || self.is(p - 3, Role::Group));
        if group_owned {
            let direct = (pred.tok + 1..p)
                .all(|k| !self.w(k).ends_with("ing") || self.is(k, Role::SpendVerb));
            if !(pred.threshold || pred.commit && direct) {
                return Err(NotClaim::AllianceTarget);
            }
        }
        let target_noun = (holder.tok..pred.tok.min(vi)).find(|&k| self.is(k, Role::TargetNoun));
        let target_before = target_noun.is_some();
        if !(level.target || target_before) {
            return Ok(());
        }
        if (cs..vi).any(|k| self.is(k, Role::Assent)) {
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
