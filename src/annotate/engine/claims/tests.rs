//! The steps, each on real sentences.

use super::NotClaim;
use crate::annotate::{Context, FindingKind, find};

/// (country, year, value) of each claim the engine finds in `text`.
fn claims(text: &str) -> Vec<(String, Option<i32>, f64)> {
    find(text, &Context::default())
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Claim {
                country,
                year,
                value,
                ..
            } => Some((country, year, value)),
            _ => None,
        })
        .collect()
}

fn one(text: &str) -> (String, Option<i32>, f64) {
    let c = claims(text);
    assert_eq!(c.len(), 1, "{text}: {c:?}");
    c.into_iter().next().unwrap()
}

#[test]
fn a_plain_level_with_its_year() {
    let (c, y, v) = one("Poland is spending approximately 4% of its GDP on defense in 2023.");
    assert_eq!((c.as_str(), y, v), ("Poland", Some(2023), 4.0));
}

#[test]
fn not_claim_reasons_are_named() {
    // A smoke test of the reason enum: every step's reason is reachable by
    // name, so the decisions read as a list.
    let reasons = [NotClaim::Increment, NotClaim::Group, NotClaim::Hypothetical];
    assert_eq!(reasons.len(), 3);
}
