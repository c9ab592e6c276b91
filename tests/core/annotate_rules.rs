//! One test a rule of the annotation engine, on real or realistic news
//! sentences: titles, canonical entities, dates, money, percentages,
//! quotes over paragraphs, pronoun and role-noun speakers, sources, and
//! spending claims with and without years.

use dossier::annotate::{Context, EntityRef, Finding, FindingKind, find};
use dossier::model::ClaimUnit;

fn run(text: &str) -> Vec<Finding> {
    find(text, &Context::default())
}

/// (surface, label) of every entity, in text order.
fn entities(text: &str) -> Vec<(String, String)> {
    run(text)
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Entity { label, .. } => Some((f.span.slice(text).to_owned(), label)),
            _ => None,
        })
        .collect()
}

fn has(text: &str, surface: &str, label: &str) -> bool {
    entities(text)
        .iter()
        .any(|(s, l)| s == surface && l == label)
}

fn entity_ref(text: &str, surface: &str) -> Option<EntityRef> {
    run(text).into_iter().find_map(|f| match f.kind {
        FindingKind::Entity { entity, .. } if f.span.slice(text) == surface => entity,
        _ => None,
    })
}

struct Q {
    text: String,
    speaker: Option<String>,
    mention: Option<String>,
    cue: Option<String>,
    source: Option<String>,
}

fn quotes(text: &str) -> Vec<Q> {
    run(text)
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Quote {
                speaker,
                speaker_span,
                cue,
                source,
            } => Some(Q {
                text: f.span.slice(text).to_owned(),
                speaker: speaker.map(|r| r.name),
                mention: speaker_span.map(|s| s.slice(text).to_owned()),
                cue,
                source,
            }),
            _ => None,
        })
        .collect()
}

fn claims(text: &str) -> Vec<(String, Option<i32>, f64, ClaimUnit)> {
    run(text)
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Claim {
                country,
                year,
                value,
                unit,
                ..
            } => Some((country, year, value, unit)),
            _ => None,
        })
        .collect()
}

#[test]
fn title_stays_outside_the_person_and_becomes_the_role() {
    let t = "The high-level discussions, co-hosted with Polish Secretary of State Pawel Zalewski, centered on NATO’s pledge.";
    assert!(has(t, "Pawel Zalewski", "PERSON"));
    let r = entity_ref(t, "Pawel Zalewski").unwrap();
    assert_eq!(r.role.as_deref(), Some("Secretary of State"));
    assert!(
        !entities(t).iter().any(|(s, _)| s == "Polish"),
        "no demonyms"
    );
    let t = "Secretary of Defense Lloyd J. Austin III today hosted German Defense Minister Boris Pistorius.";
    assert!(has(t, "Lloyd J. Austin III", "PERSON"));
    assert!(has(t, "Boris Pistorius", "PERSON"));
    assert!(has(t, "today", "DATE"));
    assert_eq!(
        entity_ref(t, "Lloyd J. Austin III").unwrap().name,
        "Lloyd Austin"
    );
}

#[test]
fn unknown_names_are_found_from_their_context() {
    let t = "“We are ready,” said Kristina Weyland, a spokeswoman for the Bundeswehr.";
    assert!(has(t, "Kristina Weyland", "PERSON"));
    let t = "Major General Tomasz Piotrowski, the operational commander, visited the unit.";
    assert!(has(t, "Tomasz Piotrowski", "PERSON"));
}

#[test]
fn surname_mentions_resolve_to_the_full_name() {
    let t = "U.S. Assistant Secretary of War Daniel Zimmerman met Polish leaders. Later, Zimmerman met troops.";
    let refs: Vec<EntityRef> = run(t)
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Entity { label, entity } if label == "PERSON" => entity,
            _ => None,
        })
        .collect();
    assert_eq!(refs.len(), 2);
    assert!(refs.iter().all(|r| r.name == "Daniel Zimmerman"));
    assert_eq!(refs[0].role.as_deref(), Some("Assistant Secretary of War"));
}

#[test]
fn united_states_names_are_one_entity() {
    let t = "The U.S. and the United States of America: America, for Washington officials, backs the U.S.-Polish deal.";
    for s in ["U.S.", "United States of America", "America", "Washington"] {
        let r = entity_ref(t, s).unwrap_or_else(|| panic!("{s} not linked"));
        assert_eq!(r.iso3.as_deref(), Some("USA"), "{s}");
        assert_eq!(r.name, "United States");
    }
    let n = entities(t)
        .iter()
        .filter(|(s, l)| s == "U.S." && l == "GPE")
        .count();
    assert_eq!(n, 2, "U.S. inside U.S.-Polish is annotated");
    // A dateline is the city.
    let t = "WASHINGTON, May 5, 2017 — In a phone call today, Jim Mattis spoke.";
    assert!(has(t, "WASHINGTON", "GPE"));
    assert!(has(t, "May 5, 2017", "DATE"));
    assert_eq!(entity_ref(t, "WASHINGTON").unwrap().name, "Washington");
}

#[test]
fn dates_follow_the_guideline() {
    let t = "In a visit on Thursday (2 July 2015), they met earlier today, and again on Oct. 1, 2020, \
             last year and in February 2022; for more than a year, two years ago, every year.";
    let d: Vec<String> = entities(t)
        .into_iter()
        .filter(|(_, l)| l == "DATE")
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        d,
        [
            "Thursday",
            "2 July 2015",
            "today",
            "Oct. 1, 2020",
            "last year",
            "February 2022"
        ]
    );
    let t = "During today's meeting, the talks in mid-2025 and this week went well.";
    let d: Vec<String> = entities(t)
        .into_iter()
        .filter(|(_, l)| l == "DATE")
        .map(|(s, _)| s)
        .collect();
    assert_eq!(d, ["today", "mid-2025", "this week"]);
}

#[test]
fn money_in_several_currencies() {
    let t = "Germany earmarked $7.7 billion, Poland PLN 186.6 billion, or 200 billion złotys, and the EU \
             €46.86 billion; Britain added £2.2 billion, a 50-billion-euro fund and 5 billion additional euros.";
    let m: Vec<String> = entities(t)
        .into_iter()
        .filter(|(_, l)| l == "MONEY")
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        m,
        [
            "$7.7 billion",
            "PLN 186.6 billion",
            "200 billion złotys",
            "€46.86 billion",
            "£2.2 billion",
            "50-billion-euro",
            "5 billion additional euros"
        ]
    );
}

#[test]
fn percentages_in_figures_and_words() {
    let t = "They spend 5%, two percent, Three percent, a 3-percent rise, 4.12 per cent and a further 0.5.";
    let p: Vec<String> = entities(t)
        .into_iter()
        .filter(|(_, l)| l == "PERCENT")
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        p,
        [
            "5%",
            "two percent",
            "Three percent",
            "3-percent",
            "4.12 per cent"
        ]
    );
}

#[test]
fn facilities_events_weapons_and_documents_are_not_entities() {
    let t = "Forward Operating Site Poznan receives the name \"Camp Kościuszko,” after Tadeusz Kościuszko. \
             Allies met at Ramstein Air Base Germany after the NATO Wales Summit to send Patriot and IRIS-T \
             systems under Article 5, as in the Second World War.";
    let e = entities(t);
    for bad in [
        "Poznan",
        "Kościuszko",
        "Ramstein Air Base",
        "Wales",
        "Patriot",
        "IRIS-T",
        "Article 5",
    ] {
        assert!(!e.iter().any(|(s, _)| s == bad), "{bad} annotated: {e:?}");
    }
    assert!(has(t, "Tadeusz Kościuszko", "PERSON"));
    assert!(has(t, "Germany", "GPE"));
    assert!(has(t, "NATO", "ORG"));
    assert!(quotes(t).is_empty(), "a quoted name is not a quotation");
}

#[test]
fn organisations_by_head_word() {
    let t = "Home of U.S. Army V Corps, the post hosts the Polish Armed Forces and the 14th Garrison Support Unit, \
             with the Ministry of National Defence.";
    for o in [
        "U.S. Army",
        "V Corps",
        "Polish Armed Forces",
        "14th Garrison Support Unit",
        "Ministry of National Defence",
    ] {
        assert!(has(t, o, "ORG"), "{o}: {:?}", entities(t));
    }
}

#[test]
fn offsets_survive_emoji_and_diacritics() {
    let t = "🇵🇱 Władysław Kosiniak-Kamysz said 🙂 Poland’s army grows. “It is ready,” Kosiniak-Kamysz said.";
    let e = entities(t);
    assert!(
        e.contains(&("Władysław Kosiniak-Kamysz".to_owned(), "PERSON".to_owned())),
        "{e:?}"
    );
    assert!(e.contains(&("Poland".to_owned(), "GPE".to_owned())));
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "“It is ready,”");
    assert_eq!(q[0].mention.as_deref(), Some("Kosiniak-Kamysz"));
}

#[test]
fn quote_over_two_paragraphs_is_one_quote() {
    let t = "Things have changed, said Hultqvist.\n\
             \"The Russian propaganda can no longer hide the true nature of Russia's regime. It cannot hide Russia's war crimes.\n\
             \"This is a time when democracies must stand together,\" Hultqvist said.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert!(q[0].text.starts_with("\"The Russian") && q[0].text.ends_with("together,\""));
    assert_eq!(q[0].speaker.as_deref(), Some("Peter Hultqvist"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
}

#[test]
fn unclosed_quote_is_dropped_and_single_quotes_are_not_quotes() {
    let t = "Secretary of Defense Lloyd J. Austin III hosted the minister.\n\
             \"You've reminded us that all countries can make a difference, Austin said.\n\
             The secretary also commended Latvia.\n\
             “Latvia’s ‘small but mighty’ forces are crucial,” he said.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert!(q[0].text.starts_with("“Latvia"));
    assert_eq!(q[0].mention.as_deref(), Some("Austin"));
}

#[test]
fn pronoun_speakers_resolve_to_the_subject() {
    let t = "Secretary of Defense Lloyd J. Austin III thanked Swedish Defense Minister Peter Hultqvist for Sweden's help. \
             \"Sweden has stepped up,\" he said.\n\
             Latvian Defense Minister Inara Murniece joined them. \"We are grateful,\" she said.";
    let q = quotes(t);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].speaker.as_deref(), Some("Lloyd Austin"));
    assert_eq!(q[0].mention.as_deref(), Some("Lloyd J. Austin III"));
    assert_eq!(q[1].speaker.as_deref(), Some("Inara Murniece"));
}

#[test]
fn role_nouns_and_headline_quotes_resolve_to_people() {
    let t = "“Romania can count on NATO” says Secretary General in Bucharest\n\
             NATO Secretary General Jens Stoltenberg visited Bucharest. “We are together,” the secretary general said.";
    let q = quotes(t);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].speaker.as_deref(), Some("Jens Stoltenberg"));
    assert_eq!(
        q[0].mention.as_deref(),
        Some("Jens Stoltenberg"),
        "the next mention when none precedes"
    );
    assert_eq!(q[1].speaker.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn statements_and_readouts_are_sources_without_speaker() {
    let t = "“Assistant Secretary Zimmerman and Minister Zalewski discussed the pledge,” according to a readout from the meeting.\n\
             “Mr. Zimmerman visited U.S. troops,” the statement noted, underscoring the deployment.";
    let q = quotes(t);
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|q| q.speaker.is_none() && q.mention.is_none()));
    assert_eq!(q[0].source.as_deref(), Some("readout"));
    assert_eq!(q[0].cue.as_deref(), Some("according to"));
    assert_eq!(q[1].source.as_deref(), Some("statement"));
    assert_eq!(q[1].cue.as_deref(), Some("noted"));
}

#[test]
fn implicit_continuation_keeps_the_speaker() {
    let t = "“Lt. Gen. Kosciuszko is a national hero,” said Polish Land Forces Mr. Daniel Jurkiewicz, deputy chief. \
             “Before U.S. forces were here, this was an academy.”";
    let q = quotes(t);
    assert_eq!(q.len(), 2);
    assert!(
        q.iter()
            .all(|q| q.speaker.as_deref() == Some("Daniel Jurkiewicz"))
    );
    assert!(q[1].cue.is_none());
    assert!(has(t, "Polish Land Forces", "ORG"));
}

#[test]
fn claims_with_years() {
    let t = "Poland, however, already exceeds the threshold, spending approximately 4% of its GDP on defense in 2023.";
    assert_eq!(
        claims(t),
        [("Poland".to_owned(), Some(2023), 4.0, ClaimUnit::PctGdp)]
    );
    let t = "Hegseth also praised Sweden and other NATO countries’ commitment to spend 5% of their gross domestic product on defense by 2035.";
    assert_eq!(
        claims(t),
        [("Sweden".to_owned(), Some(2035), 5.0, ClaimUnit::PctGdp)]
    );
    let t = "Poland will spend 186.6 billion złotys on defence in 2025.";
    assert_eq!(
        claims(t),
        [("Poland".to_owned(), Some(2025), 186.6e9, ClaimUnit::Other)]
    );
}

#[test]
fn claims_without_years() {
    let t = "\"And we commend Germany for reaching our shared NATO commitment to spend at least 2% of your GDP on defense this year.\"";
    assert_eq!(
        claims(t),
        [("Germany".to_owned(), None, 2.0, ClaimUnit::PctGdp)]
    );
    let t = "Mattis thanked Polish Defense Minister Antoni Macierewicz for his country’s initiative to spend two percent of its gross domestic product on defense.";
    assert_eq!(
        claims(t),
        [("Poland".to_owned(), None, 2.0, ClaimUnit::PctGdp)]
    );
    let t = "Estonia, Latvia and Lithuania each spend more than 3% of GDP on defence.";
    let mut c: Vec<String> = claims(t).into_iter().map(|c| c.0).collect();
    c.sort();
    assert_eq!(c, ["Estonia", "Latvia", "Lithuania"]);
    let t = "The United States spends about $850 billion a year on its military.";
    assert_eq!(
        claims(t),
        [("United States".to_owned(), None, 850e9, ClaimUnit::Usd)]
    );
}

#[test]
fn what_is_not_a_claim() {
    for t in [
        "Talks centered on implementing NATO’s ambitious 5% defense spending pledge.",
        "The 5% defense spending target represents a significant increase from NATO’s current 2% benchmark.",
        "\"You earmarked $7.7 billion for Ukraine in 2024 alone.\"",
        "Latvia has donated more than 1% of its gross domestic product to help Ukraine fight Russian aggression.",
        "Germany increased its defence budget by 10% this year and plans a 100-billion-euro special fund.",
        "Rutte urged allies to spend considerably more than 2 percent of GDP on defence.",
        "Allies should spend 3.5% of GDP on core defence.",
        "Mattis expressed his appreciation for Poland meeting the September 2014 NATO Wales Summit defense spending pledge.",
    ] {
        assert!(claims(t).is_empty(), "{t}: {:?}", claims(t));
    }
}

#[test]
fn reported_plans_are_claims_but_other_purposes_are_not() {
    let t = "Häkkänen said Finland would raise defence spending to 3% of gross domestic product by 2029.";
    assert_eq!(
        claims(t),
        [("Finland".to_owned(), Some(2029), 3.0, ClaimUnit::PctGdp)]
    );
    let t = "Finland would spend 3% of GDP on defence if the economy allowed it.";
    assert!(claims(t).is_empty());
    let t = "Poland spends about 5% of GDP on health care.";
    assert!(claims(t).is_empty());
    let t =
        "The United Kingdom will raise spending to 2.5% of GDP by 2027, up from 2.3% this year.";
    let c = claims(t);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(
        c[1],
        ("United Kingdom".to_owned(), None, 2.3, ClaimUnit::PctGdp)
    );
}

#[test]
fn lower_case_titles_and_organisation_sources() {
    let t = "Swedish defence minister Pål Jonson said on Monday that Russia was testing the alliance. \
             “We see a pattern,” Jonson told reporters.\n\
             In a statement, the White House said “the United States stands with its allies.”";
    let r = entity_ref(t, "Pål Jonson").expect("Pål Jonson");
    assert_eq!(r.role.as_deref(), Some("defence minister"));
    let q = quotes(t);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].speaker.as_deref(), Some("Pål Jonson"));
    assert_eq!(q[0].cue.as_deref(), Some("told"));
    assert!(q[1].speaker.is_none());
    assert_eq!(q[1].source.as_deref(), Some("White House"));
}

#[test]
fn speaker_named_in_the_next_sentence() {
    let t = "“We will not back down.” That was the message from Swedish Defence Minister Pål Jonson on Tuesday.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Pål Jonson"));
    assert_eq!(q[0].mention.as_deref(), Some("Pål Jonson"));
}

#[test]
fn attribution_after_an_apposition() {
    let t = "Swedish Defence Minister Pål Jonson met Hegseth.\n\
             “We are producing security,” Jonson, Sweden’s minister of defense, said.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Pål Jonson"));
    assert_eq!(q[0].mention.as_deref(), Some("Jonson"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
}

#[test]
fn fiscal_years_are_tied_to_the_claim() {
    let t = "The Pentagon said the United States will spend $850 billion on defense in fiscal year 2025.";
    assert_eq!(
        claims(t),
        [(
            "United States".to_owned(),
            Some(2025),
            850e9,
            ClaimUnit::Usd
        )]
    );
}
