//! Country names, their usual variants, and ISO3 codes.

use dossier::data::countries::{self, iso3_of};

#[test]
fn usual_variants_of_allied_names() {
    for (name, iso3) in [
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("TÜRKIYE*", "TUR"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Slovak Republic", "SVK"),
        ("Slovakia", "SVK"),
        ("North Macedonia", "MKD"),
        ("Macedonia, North", "MKD"),
        ("United States", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("the United States", "USA"),
        ("United States of America", "USA"),
        ("United Kingdom", "GBR"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Britain", "GBR"),
        ("Netherlands", "NLD"),
        ("The Netherlands", "NLD"),
        ("Montenegro", "MNE"),
    ] {
        assert_eq!(iso3_of(name), Some(iso3), "{name}");
    }
}

#[test]
fn world_bank_and_sipri_spellings() {
    for (name, iso3) in [
        ("Korea, Rep.", "KOR"),
        ("Korea, South", "KOR"),
        ("Korea, North", "PRK"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Iran, Islamic Rep.", "IRN"),
        ("Congo, Dem. Rep.", "COD"),
        ("Congo, DR", "COD"),
        ("Congo, Rep.", "COG"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Russian Federation", "RUS"),
        ("Russia", "RUS"),
        ("Viet Nam", "VNM"),
        ("Bosnia-Herzegovina", "BIH"),
        ("Trinidad & Tobago", "TTO"),
        ("Gambia, The", "GMB"),
        ("Kyrgyz Republic", "KGZ"),
        ("Kosovo", "XKX"),
        ("São Tomé and Príncipe", "STP"),
        ("Poland §", "POL"),
        ("Germany (a)", "DEU"),
    ] {
        assert_eq!(iso3_of(name), Some(iso3), "{name}");
    }
}

#[test]
fn codes_and_unknown_names() {
    assert_eq!(iso3_of("pol"), Some("POL"));
    assert_eq!(iso3_of(" DEU "), Some("DEU"));
    assert_eq!(iso3_of("Atlantis"), None);
    assert_eq!(iso3_of(""), None);
    assert_eq!(iso3_of("***"), None);
    assert_eq!(iso3_of("Europe"), None);
    // World Bank aggregates are not countries.
    assert_eq!(countries::by_iso3("EUU"), None);
    assert_eq!(countries::by_iso3("WLD"), None);
}

#[test]
fn the_table_covers_iso_3166_and_is_sorted() {
    let all = countries::all();
    assert!(all.len() >= 249, "{}", all.len());
    assert!(all.windows(2).all(|w| w[0].iso3 < w[1].iso3));
    assert_eq!(countries::by_iso3("ISL").unwrap().name, "Iceland");
    // Every name and alias resolves back to its own country.
    for c in all {
        assert_eq!(iso3_of(c.name), Some(c.iso3), "{}", c.name);
    }
}
