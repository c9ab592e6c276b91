//! Spending claims set against NATO's official figure.

use dossier::data::claim_check;
use dossier::data::nato;
use dossier::model::ClaimUnit;

#[test]
fn poland_2023_claim_against_the_june_2024_edition() {
    let d = nato::bundled().unwrap();
    // "Poland ... spending approximately 4% of its GDP on defense in 2023"
    let check = claim_check(&d.dataset, "Poland", Some(2023), 4.0, ClaimUnit::PctGdp).unwrap();
    assert_eq!(check.iso3, "POL");
    assert_eq!(check.official_text, "3.26");
    assert_eq!(check.year, 2023);
    assert!(check.estimate);
    assert!(!check.secondary);
    assert!((check.difference - 0.74).abs() < 1e-9);
    assert_eq!(
        check.sentence,
        "claimed 4.0 %, NATO 3.26 % (2024 edition, estimate)"
    );
    // By code, the same answer.
    assert_eq!(
        claim_check(&d.dataset, "pol", Some(2023), 4.0, ClaimUnit::PctGdp),
        Some(check)
    );
}

#[test]
fn a_claim_without_a_year_uses_the_latest_official_year() {
    let d = nato::bundled().unwrap();
    // "Germany ... at least 2% of GDP" (no year): NATO's latest is 2024e.
    let check = claim_check(&d.dataset, "Germany", None, 2.0, ClaimUnit::PctGdp).unwrap();
    assert_eq!(check.year, 2024);
    assert_eq!(check.claimed_year, None);
    assert_eq!(check.official_text, "2.12");
    assert_eq!(
        check.sentence,
        "claimed 2.0 %, NATO 2.12 % in 2024, the latest year (the claim gives no year) (2024 edition, estimate)"
    );
}

#[test]
fn final_figures_and_press_reported_ones() {
    let d = nato::bundled().unwrap();
    let check = claim_check(&d.dataset, "Romania", Some(2017), 2.0, ClaimUnit::PctGdp).unwrap();
    assert_eq!(check.official_text, "1.73");
    assert!(!check.estimate);
    assert_eq!(check.sentence, "claimed 2.0 %, NATO 1.73 % (2024 edition)");
    let check = claim_check(&d.dataset, "Türkiye", Some(2024), 2.09, ClaimUnit::PctGdp).unwrap();
    assert_eq!(check.difference, 0.0);
    // 2025 is only known from press reports of the next edition.
    let check = claim_check(&d.dataset, "Poland", Some(2025), 4.7, ClaimUnit::PctGdp).unwrap();
    assert!(check.secondary);
    assert_eq!(
        check.sentence,
        "claimed 4.7 %, NATO 4.48 % (2025 edition, press reports, estimate)"
    );
}

#[test]
fn claims_that_cannot_be_checked() {
    let d = nato::bundled().unwrap();
    assert_eq!(
        claim_check(&d.dataset, "Iceland", Some(2023), 0.1, ClaimUnit::PctGdp),
        None
    );
    assert_eq!(
        claim_check(&d.dataset, "Atlantis", Some(2023), 2.0, ClaimUnit::PctGdp),
        None
    );
    assert_eq!(
        claim_check(&d.dataset, "Poland", Some(2010), 2.0, ClaimUnit::PctGdp),
        None
    );
    assert_eq!(
        claim_check(&d.dataset, "Poland", Some(2023), 31.6e9, ClaimUnit::Usd),
        None
    );
    assert_eq!(
        claim_check(
            &d.dataset,
            "Poland",
            Some(2023),
            f64::NAN,
            ClaimUnit::PctGdp
        ),
        None
    );
    // Sweden 2035 is a pledge, not a figure.
    assert_eq!(
        claim_check(&d.dataset, "Sweden", Some(2035), 5.0, ClaimUnit::PctGdp),
        None
    );
}
