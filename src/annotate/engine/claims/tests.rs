//! Each step on real sentences: from the reference articles
//! (`shared/articles`) and the development half of the claims articles
//! (`shared/claims/articles`; the held-out third is not quoted here).

use super::{Doc, NotClaim, QuoteInfo};
use crate::annotate::Context;
use crate::annotate::engine::{entities, quotes};

/// What the engine decided for each value of `text`: the value's words and
/// either (ISO3, year) per claim or the reason it is not one.
#[allow(clippy::type_complexity)]
fn decide(text: &str) -> Vec<(String, Result<Vec<(&'static str, Option<i32>)>, NotClaim>)> {
    let a = entities::analyse(text, &Context::default());
    let qs: Vec<QuoteInfo> = quotes::find_quotes(&a)
        .iter()
        .map(|q| QuoteInfo {
            span: q.span,
            speaker_country: q.speaker.and_then(|p| a.persons[p].country),
        })
        .collect();
    let doc = Doc::new(&a, &qs);
    (0..a.amounts.len())
        .map(|i| {
            let r = doc
                .claims_for(i)
                .map(|v| v.iter().map(|c| (c.iso3, c.year)).collect());
            (a.amounts[i].span.slice(text).to_owned(), r)
        })
        .collect()
}

/// The decision for the value written `value` in `text`.
fn decision(text: &str, value: &str) -> Result<Vec<(&'static str, Option<i32>)>, NotClaim> {
    decide(text)
        .into_iter()
        .find(|(v, _)| v == value)
        .unwrap_or_else(|| panic!("no value {value:?} in {text:?}"))
        .1
}

// ----- step 1: the level -------------------------------------------------

#[test]
fn a_share_of_something_other_than_gdp_is_not_a_level() {
    assert_eq!(
        decision(
            "Sixty-four percent of that total is allocated to operation and support.",
            "Sixty-four percent"
        ),
        Err(NotClaim::OtherBase)
    );
    assert_eq!(
        decision(
            "Estonia, Latvia, and Lithuania fully meet their 2014 Wales Pledge for 2% defense spending as a share of GDP and 20% major equipment purchases as a share of defense spending.",
            "20%"
        ),
        Err(NotClaim::OtherBase)
    );
}

#[test]
fn increments_are_not_levels() {
    assert_eq!(
        decision(
            "This increases defence spending by a total of £11 billion over this five-year period.",
            "£11 billion"
        ),
        Err(NotClaim::Increment)
    );
    assert_eq!(
        decision(
            "This is expected to rise to £57.1 billion in 2024/25, which is a 4.5% increase in real terms.",
            "4.5%"
        ),
        Err(NotClaim::Increment)
    );
}

#[test]
fn alternatives_state_no_level_but_conversions_do() {
    assert_eq!(
        decision(
            "The UK might have to spend 4% or 5% of GDP on defence.",
            "4%"
        ),
        Err(NotClaim::Disjunction)
    );
    let text = "In 2021/22, the UK spent £45.9 billion on defence, or 2.3% of GDP.";
    assert_eq!(
        decision(text, "£45.9 billion"),
        Ok(vec![("GBR", Some(2021))])
    );
    assert_eq!(decision(text, "2.3%"), Ok(vec![("GBR", Some(2021))]));
}

// ----- step 2: the predicate ---------------------------------------------

#[test]
fn two_values_of_one_predicate_share_it() {
    let text = "I thank my right hon. Friend. Given that we spent between 4.5% and 5% of GDP on defence throughout the 1980s until the end of the cold war, will he now accept 3% of GDP on defence as a suitable future benchmark?";
    // Inside a question, the assertive "Given that" clause counts (D6);
    // "we" in a House of Commons exchange is the United Kingdom. The
    // proposal in the question does not count.
    assert!(decision(text, "4.5%").is_ok());
    assert!(decision(text, "5%").is_ok());
    assert!(decision(text, "3%").is_err());
    let asked = "I thank the hon. Member. With the economy growing, can we expect to hit 3% on defence spending?";
    assert_eq!(decision(asked, "3%"), Err(NotClaim::Question));
}

#[test]
fn a_passive_or_a_noun_after_the_value_is_a_predicate() {
    let lords = "The noble Lord raised the point in the House of Lords. In 1943 and 1944, more than 40% of GDP was spent on defence.";
    assert_eq!(
        decision(lords, "40%"),
        Ok(vec![("GBR", Some(1943)), ("GBR", Some(1944))])
    );
    assert_eq!(
        decision(
            "2.3% UK expenditure on defence as a percentage of national GDP in 2021.",
            "2.3%"
        ),
        Ok(vec![("GBR", Some(2021))])
    );
}

#[test]
fn a_bare_figure_without_a_predicate_is_not_a_claim() {
    assert_eq!(
        decision(
            "As a reminder of the importance of 3% for defence, consider this.",
            "3%"
        ),
        Err(NotClaim::NoPredicate)
    );
}

// ----- step 3: the holder -------------------------------------------------

#[test]
fn the_possessor_of_the_gdp_and_metonyms_resolve_to_countries() {
    let seed = "Poland is spending approximately 4% of its GDP on defense in 2023.";
    assert_eq!(decision(seed, "4%"), Ok(vec![("POL", Some(2023))]));
    // A capital opening the sentence stands for its government.
    assert_eq!(
        decision(
            "Warsaw's defence budget for 2026 is set at 200 billion złoty.",
            "200 billion złoty"
        ),
        Ok(vec![("POL", Some(2026))])
    );
}

#[test]
fn your_gdp_in_a_quotation_is_the_country_addressed() {
    let text = "“And we commend Germany for reaching our shared NATO commitment to spend at least 2% of your GDP on defense this year,” Austin said.";
    assert_eq!(decision(text, "2%"), Ok(vec![("DEU", None)]));
}

#[test]
fn a_named_country_beside_a_group_is_the_holder() {
    let text = "Hegseth also praised Sweden and other NATO countries’ commitment to spend 5% of their gross domestic product on defense by 2035.";
    assert_eq!(decision(text, "5%"), Ok(vec![("SWE", Some(2035))]));
}

#[test]
fn a_counted_group_stands_for_the_list_it_names() {
    let text = "7 NATO countries meeting the guideline to spend 2% of GDP on defence.\nThese countries are Greece, the USA, the UK, Poland, Latvia, Estonia and Croatia.";
    let Ok(found) = decision(text, "2%") else {
        panic!("no claim")
    };
    assert_eq!(found.len(), 7, "{found:?}");
    // Without a list, a group is a group total.
    assert_eq!(
        decision(
            "Eighteen allies are expected to meet the 2 percent guideline this year.",
            "2 percent"
        ),
        Err(NotClaim::Group)
    );
}

#[test]
fn an_explicit_list_gives_one_claim_each() {
    let text = "Turkey, Greece and the United Kingdom spend at least 2% of GDP on defence, NATO data show.";
    assert_eq!(
        decision(text, "2%"),
        Ok(vec![("TUR", None), ("GRC", None), ("GBR", None)])
    );
}

#[test]
fn we_in_a_parliament_is_its_country() {
    let text = "I thank my right hon. Friend. On defence spending, actually we are up at 2.4% of GDP – I think that is one of the highest figures in NATO – while Russia spends far more.";
    assert_eq!(decision(text, "2.4%"), Ok(vec![("GBR", None)]));
}

// ----- step 4: the frame --------------------------------------------------

#[test]
fn meeting_a_stated_target_is_a_threshold_claim_and_agreeing_to_it_is_not() {
    assert_eq!(
        decision(
            "The UK has met NATO’s 2% target every year since its introduction in 2006.",
            "2%"
        ),
        Ok(vec![("GBR", None)])
    );
    assert_eq!(
        decision(
            "The high-level discussions centered on implementing NATO’s ambitious 5% defense spending pledge.",
            "5%"
        ),
        Err(NotClaim::Group)
    );
}

#[test]
fn aid_to_another_country_is_not_a_level() {
    let text = "He said, noting that Latvia has donated more than 1% of its gross domestic product to help Ukraine fight Russian aggression.";
    assert!(decision(text, "1%").is_err());
    let own = "Denmark spends more than 2% of its GDP on its own armed forces.";
    assert_eq!(decision(own, "2%"), Ok(vec![("DNK", None)]));
}

#[test]
fn reported_plans_count_and_conditions_do_not() {
    let fydp = "According to the 2025 FYDP, DoD’s budget would climb to $866 billion (when adjusted for inflation) by 2029.";
    assert_eq!(
        decision(fydp, "$866 billion"),
        Ok(vec![("USA", Some(2029))])
    );
    let ifs = "The House of Commons Library cites it. The Institute for Fiscal Studies think tank estimates that further taxes or spending changes would be required to increase spending to 3% of GDP.";
    assert_eq!(decision(ifs, "3%"), Err(NotClaim::Hypothetical));
}

#[test]
fn negated_levels_are_not_claims() {
    let text = "My right hon. Friend is right. We were not talking about spending 5% in 10 years’ time or 3.5% in four years’ time; we were spending between 4.5% and 5% of GDP every single year.";
    assert!(decision(text, "3.5%").is_err());
    assert!(matches!(decision(text, "5%"), Err(NotClaim::Negated)));
}

// ----- step 5: the year ---------------------------------------------------

#[test]
fn fiscal_and_split_years_follow_nato() {
    let text = "In 2027/28 we will be spending £13.4 billion more on defence than we do today. Our cash spend in 24/25 is £66.3 billion and our cash spend in 27/28 will be £79.7 billion.";
    assert_eq!(
        decision(text, "£66.3 billion"),
        Ok(vec![("GBR", Some(2024))])
    );
    assert_eq!(
        decision(text, "£79.7 billion"),
        Ok(vec![("GBR", Some(2027))])
    );
    assert_eq!(
        decision(
            "The proposed budget for DoD in 2025 totals $850 billion.",
            "$850 billion"
        ),
        Ok(vec![("USA", Some(2025))])
    );
}

#[test]
fn years_of_other_things_are_not_the_claims() {
    // A period ("since"), a price base and a pledge's name tie no year.
    let text = "Real terms defence spending fell between 2009/10 and 2016/17 from £57.0 billion to £44.5 billion in today’s prices, the House of Commons Library says.";
    assert_eq!(decision(text, "£57.0 billion"), Ok(vec![("GBR", None)]));
    assert_eq!(decision(text, "£44.5 billion"), Ok(vec![("GBR", None)]));
}
