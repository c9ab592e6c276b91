//! Scoring suggested claims against hand-made ones, as
//! `shared/tools/score_claims.py` does: a predicted claim matches a gold
//! claim when the countries agree (ISO3 code or name), the values agree
//! within 0.011 (amounts also within a relative 1e-9), and the years agree
//! where the gold claim has one; each claim matches at most once.
//!
//! Used by the quality test (`tests/core/claims_quality.rs`) and by
//! `cargo run --release --example claims_eval`, on the data bundled in
//! `sample-data/claims/`: real texts (`articles/`) and a challenge set of
//! short items by phenomenon (`challenge.jsonl`). A third of both is set
//! aside as a held-out split (every third article file in name order, every
//! third challenge line), reported separately, so that figures on text the
//! rules were not written on stay visible.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{Context, FindingKind, find};
use crate::data::countries;

/// A hand-made claim.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldClaim {
    /// The country's name as the annotator wrote it.
    pub country: String,
    /// The country's ISO3 code, when given.
    #[serde(default)]
    pub iso3: Option<String>,
    /// The year of the level, when the text ties one to it.
    pub year: Option<i32>,
    /// The level (percent of GDP or an amount in full units).
    pub value: f64,
}

/// One text with its gold claims.
#[derive(Clone, Debug)]
pub struct EvalItem {
    /// The challenge item's id or the article's file name.
    pub id: String,
    /// The phenomenon tag, or `"articles"`.
    pub group: String,
    /// The text the engine reads.
    pub text: String,
    /// The claims the text makes, by hand.
    pub gold: Vec<GoldClaim>,
    /// In the held-out third.
    pub held_out: bool,
}

/// True and false positives and misses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted claims that match a gold claim.
    pub tp: usize,
    /// Predicted claims that match none.
    pub fp: usize,
    /// Gold claims that no prediction matched.
    pub fn_: usize,
}

impl Counts {
    /// The share of predictions that are right.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// The share of gold claims found.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds the counts of another item.
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// An empty denominator scores 1.0: nothing to find and nothing found is
/// right.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A predicted claim as the scorer needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Predicted {
    /// The country's name.
    pub country: String,
    /// The country's ISO3 code.
    pub iso3: Option<String>,
    /// The year of the level, when the engine tied one to it.
    pub year: Option<i32>,
    /// The level (percent of GDP or an amount in full units).
    pub value: f64,
}

/// Whether the countries agree: by ISO3 code (given or looked up by name),
/// else by name.
fn same_country(p: &Predicted, g: &GoldClaim) -> bool {
    let code = |name: &str, iso: &Option<String>| {
        iso.clone()
            .or_else(|| countries::iso3_of(name).map(str::to_owned))
    };
    match (code(&p.country, &p.iso3), code(&g.country, &g.iso3)) {
        (Some(a), Some(b)) => a == b,
        _ => countries::normalise(&p.country) == countries::normalise(&g.country),
    }
}

/// Whether the values agree: within 0.011, or within a relative 1e-9 for
/// amounts.
fn same_value(p: f64, g: f64) -> bool {
    (p - g).abs() <= 0.011 || (p - g).abs() <= 1e-9 * g.abs()
}

/// Matches predictions to gold claims: a maximum one-to-one matching
/// (augmenting paths; the lists are short).
pub fn score(pred: &[Predicted], gold: &[GoldClaim]) -> Counts {
    let fits = |p: &Predicted, g: &GoldClaim| {
        same_country(p, g)
            && same_value(p.value, g.value)
            && g.year.is_none_or(|y| p.year == Some(y))
    };
    let mut owner: Vec<Option<usize>> = vec![None; gold.len()];
    /// Tries to match prediction `p`, moving earlier matches along an
    /// augmenting path; true when the matching grew.
    fn augment(
        p: usize,
        pred: &[Predicted],
        gold: &[GoldClaim],
        fits: &dyn Fn(&Predicted, &GoldClaim) -> bool,
        owner: &mut Vec<Option<usize>>,
        seen: &mut Vec<bool>,
    ) -> bool {
        for g in 0..gold.len() {
            if seen[g] || !fits(&pred[p], &gold[g]) {
                continue;
            }
            seen[g] = true;
            if owner[g].is_none_or(|q| augment(q, pred, gold, fits, owner, seen)) {
                owner[g] = Some(p);
                return true;
            }
        }
        false
    }
    let mut tp = 0;
    for p in 0..pred.len() {
        let mut seen = vec![false; gold.len()];
        if augment(p, pred, gold, &fits, &mut owner, &mut seen) {
            tp += 1;
        }
    }
    Counts {
        tp,
        fp: pred.len() - tp,
        fn_: gold.len() - tp,
    }
}

/// The engine's claims for a text, with no project names.
pub fn predict(text: &str) -> Vec<Predicted> {
    find(text, &Context::default())
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Claim {
                country,
                iso3,
                year,
                value,
                ..
            } => Some(Predicted {
                country,
                iso3,
                year,
                value,
            }),
            _ => None,
        })
        .collect()
}

/// One line of `challenge.jsonl`.
#[derive(Deserialize)]
struct ChallengeLine {
    id: String,
    phenomenon: String,
    text: String,
    claims: Vec<GoldClaim>,
}

/// The gold file of an article.
#[derive(Deserialize)]
struct ArticleGold {
    claims: Vec<GoldClaim>,
}

/// Reads `challenge.jsonl` (one item a line).
pub fn load_challenge(path: &Path) -> std::io::Result<Vec<EvalItem>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let c: ChallengeLine = serde_json::from_str(line)
            .map_err(|e| bad_data(format!("{}:{}: {e}", path.display(), i + 1)))?;
        out.push(EvalItem {
            id: c.id,
            group: c.phenomenon,
            text: c.text,
            gold: c.claims,
            held_out: i % 3 == 2,
        });
    }
    Ok(out)
}

/// Reads the `NN_slug.txt` + `NN_slug.json` pairs of a folder.
pub fn load_articles(dir: &Path) -> std::io::Result<Vec<EvalItem>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for (i, txt) in names.iter().enumerate() {
        let gold_path = txt.with_extension("json");
        let gold: ArticleGold = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)
            .map_err(|e| bad_data(format!("{}: {e}", gold_path.display())))?;
        out.push(EvalItem {
            id: txt
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            group: "articles".to_owned(),
            text: std::fs::read_to_string(txt)?,
            gold: gold.claims,
            held_out: i % 3 == 2,
        });
    }
    Ok(out)
}

/// An I/O error for malformed data.
fn bad_data(msg: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg)
}

/// Scores by group, by split and overall.
#[derive(Debug, Default)]
pub struct Report {
    /// Every item.
    pub overall: Counts,
    /// The items the rules were written on.
    pub development: Counts,
    /// The held-out third.
    pub held_out: Counts,
    /// By phenomenon tag (and `"articles"`).
    pub by_group: BTreeMap<String, Counts>,
    /// Items whose prediction differs from the gold: id, counts.
    pub errors: Vec<(String, Counts)>,
}

/// Scores the engine on every item: overall, by split and by group, with
/// the items it got wrong.
pub fn evaluate(items: &[EvalItem]) -> Report {
    let mut r = Report::default();
    for item in items {
        let c = score(&predict(&item.text), &item.gold);
        r.overall.add(c);
        if item.held_out {
            r.held_out.add(c);
        } else {
            r.development.add(c);
        }
        r.by_group.entry(item.group.clone()).or_default().add(c);
        if c.fp + c.fn_ > 0 {
            r.errors.push((item.id.clone(), c));
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(country: &str, year: Option<i32>, value: f64) -> GoldClaim {
        GoldClaim {
            country: country.into(),
            iso3: None,
            year,
            value,
        }
    }

    fn p(country: &str, year: Option<i32>, value: f64) -> Predicted {
        Predicted {
            country: country.into(),
            iso3: None,
            year,
            value,
        }
    }

    #[test]
    fn matching_follows_the_scorer() {
        // Names and codes, value tolerance, year only when gold has one.
        let gold = [g("United Kingdom", Some(2023), 2.3), g("Poland", None, 4.0)];
        let pred = [
            p("Britain", Some(2023), 2.305),
            p("Poland", Some(2024), 4.0),
        ];
        assert_eq!(
            score(&pred, &gold),
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        // A wrong year misses and is a false positive.
        let pred = [p("United Kingdom", Some(2022), 2.3)];
        assert_eq!(
            score(&pred, &gold),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 2
            }
        );
        // One prediction matches one gold claim only.
        let gold = [g("Poland", None, 4.0), g("Poland", None, 4.0)];
        assert_eq!(
            score(&[p("Poland", None, 4.0)], &gold),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
    }

    #[test]
    fn the_matching_is_maximal_not_greedy() {
        // The first prediction fits both gold claims, the second only the
        // first: a greedy pass would pair the first with the first.
        let gold = [g("Poland", None, 4.0), g("Poland", Some(2024), 4.0)];
        let pred = [p("Poland", Some(2024), 4.0), p("Poland", None, 4.0)];
        assert_eq!(score(&pred, &gold).tp, 2);
        let c = Counts {
            tp: 3,
            fp: 1,
            fn_: 1,
        };
        assert!((c.f1() - 0.75).abs() < 1e-12);
    }
}
