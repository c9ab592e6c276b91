//! The built-in gazetteer: countries, places, organisations, people, titles,
//! given names and blocked names, searched with one Aho-Corasick automaton.
//! Countries come from the crate's one country table
//! ([`crate::data::countries`], `assets/countries.tsv`: the names marked for
//! running text and the demonyms); the rest is compiled in from
//! `assets/gazetteer/*.tsv`. Office holders are as published by their
//! governments.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::{GPE, LOC, ORG, PERSON};

const PLACES: &str = include_str!("../../../assets/gazetteer/places.tsv");
const ORGS: &str = include_str!("../../../assets/gazetteer/orgs.tsv");
const PEOPLE: &str = include_str!("../../../assets/gazetteer/people.tsv");
const FIRST_NAMES: &str = include_str!("../../../assets/gazetteer/first_names.tsv");
const TITLES: &str = include_str!("../../../assets/gazetteer/titles.tsv");
const BLOCKED: &str = include_str!("../../../assets/gazetteer/blocked.tsv");
const WORDS: &str = include_str!("../../../assets/engine/words.tsv");

/// The sections of `assets/engine/words.tsv` the engine reads.
const WORD_LISTS: [&str; 14] = [
    "function_words",
    "months",
    "weekdays",
    "org_heads",
    "event_heads",
    "compass",
    "name_suffixes",
    "name_particles",
    "role_nouns",
    "quote_cues",
    "quote_source_nouns",
    "quote_adverbs",
    "not_verbs",
    "abbreviations",
];

/// One line of `assets/engine/words.tsv`.
#[derive(Debug, PartialEq, Eq)]
enum WordLine {
    /// A comment or a blank line.
    Blank,
    /// `[name]`: the words below belong to list `name`.
    Section(&'static str),
    /// A word, with the value after a tab (a month's number).
    Word(&'static str, Option<&'static str>),
}

/// Reads one line of the word lists; an error names what is wrong.
fn parse_word_line(line: &'static str) -> Result<WordLine, String> {
    let line = line.trim_end();
    if line.is_empty() || line.starts_with('#') {
        return Ok(WordLine::Blank);
    }
    if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        return match WORD_LISTS.contains(&name) {
            true => Ok(WordLine::Section(name)),
            false => Err(format!("unknown list [{name}]")),
        };
    }
    let (word, value) = match line.split_once('\t') {
        Some((w, v)) => (w, Some(v.trim())),
        None => (line, None),
    };
    if word.is_empty() || word.chars().any(char::is_whitespace) {
        return Err(format!("{word:?} is not one word"));
    }
    Ok(WordLine::Word(word, value))
}

/// A word of a list, with its value (a month's number) if it has one.
type ListWord = (&'static str, Option<&'static str>);

/// Every word list, by name, in file order; read once.
static WORDS_BY_LIST: LazyLock<HashMap<&'static str, Vec<ListWord>>> = LazyLock::new(|| {
    let mut lists: HashMap<_, Vec<_>> = HashMap::new();
    let mut current = None;
    for line in WORDS.lines() {
        match parse_word_line(line) {
            Ok(WordLine::Section(name)) => current = Some(name),
            Ok(WordLine::Word(word, value)) => {
                if let Some(name) = current {
                    lists.entry(name).or_default().push((word, value));
                }
            }
            Ok(WordLine::Blank) | Err(_) => {}
        }
    }
    lists
});

/// The words of one of the engine's lists in `assets/engine/words.tsv`
/// (one of [`WORD_LISTS`]), in file order.
pub(crate) fn word_list(name: &str) -> Vec<&'static str> {
    WORDS_BY_LIST
        .get(name)
        .map(|words| words.iter().map(|&(w, _)| w).collect())
        .unwrap_or_default()
}

/// Month names and abbreviations with their numbers (the `months` list).
pub(crate) fn month_numbers() -> Vec<(&'static str, u8)> {
    WORDS_BY_LIST
        .get("months")
        .map(|words| {
            let number = |v: Option<&str>| v.and_then(|v| v.parse().ok());
            words
                .iter()
                .filter_map(|&(w, v)| Some((w, number(v)?)))
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s.trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        }
    }
}

/// A canonical entity of the gazetteer.
#[derive(Debug)]
pub(crate) struct Canon {
    pub name: &'static str,
    pub label: &'static str,
    /// ISO3 of a country entity.
    pub iso3: Option<&'static str>,
    /// The country a city, person or organisation belongs to.
    pub country: Option<&'static str>,
    pub role: Option<&'static str>,
    pub gender: Gender,
    pub aliases: Vec<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TitleKind {
    Role,
    Honorific,
    Rank,
}

/// What a gazetteer pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PatKind {
    /// A name of canonical entity `canon`.
    Entity {
        canon: u32,
    },
    /// An upper-case form of a place name, only valid in a dateline.
    Dateline {
        canon: u32,
    },
    /// A demonym adjective of country `canon` ("Polish"): not annotated.
    Demonym {
        canon: u32,
    },
    Title(TitleKind),
    Blocked,
}

pub(crate) struct Gazetteer {
    pub canon: Vec<Canon>,
    pub ac: AhoCorasick,
    pub pats: Vec<PatKind>,
    pub first_names: HashMap<&'static str, Gender>,
    pub by_iso3: HashMap<&'static str, u32>,
    /// People by folded last word of each of their names.
    pub people_by_surname: HashMap<String, Vec<u32>>,
}

fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn col(r: &[&'static str], i: usize) -> Option<&'static str> {
    r.get(i).copied().filter(|s| !s.is_empty())
}

fn list(r: &[&'static str], i: usize) -> Vec<&'static str> {
    col(r, i)
        .map(|s| {
            s.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

impl Gazetteer {
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut p = Patterns::default();
        let by_iso3 = p.countries();
        p.places();
        p.orgs();
        p.people();
        p.titles_and_blocked();
        // A pattern can appear twice (an upper-case dateline form equal to an
        // acronym such as "USA"); the first, an entity name, wins.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&p.patterns)
            .expect("the built-in gazetteer patterns are valid");
        Gazetteer {
            people_by_surname: people_by_surname(&p.canon),
            canon: p.canon,
            ac,
            pats: p.pats,
            first_names: first_names(),
            by_iso3,
        }
    }

    pub fn country(&self, iso3: &str) -> Option<&Canon> {
        self.by_iso3.get(iso3).map(|&i| &self.canon[i as usize])
    }
}

/// Which upper-case dateline forms ("WARSAW —") an entity gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Datelines {
    None,
    Name,
    NameAndAliases,
}

/// The canonical entities and the automaton's patterns, as they are
/// collected; a pattern's index in `patterns` is its index in `pats`.
#[derive(Default)]
struct Patterns {
    canon: Vec<Canon>,
    patterns: Vec<String>,
    pats: Vec<PatKind>,
}

impl Patterns {
    fn add(&mut self, pattern: &str, kind: PatKind) {
        self.patterns.push(pattern.to_owned());
        self.pats.push(kind);
    }

    /// Registers an entity's name and aliases (and their dateline forms) as
    /// patterns, then the entity itself; returns its index.
    fn entity(&mut self, c: Canon, datelines: Datelines) -> u32 {
        let id = self.canon.len() as u32;
        self.add(c.name, PatKind::Entity { canon: id });
        if datelines != Datelines::None {
            self.add(&c.name.to_uppercase(), PatKind::Dateline { canon: id });
        }
        for a in &c.aliases {
            self.add(a, PatKind::Entity { canon: id });
            if datelines == Datelines::NameAndAliases {
                self.add(&a.to_uppercase(), PatKind::Dateline { canon: id });
            }
        }
        self.canon.push(c);
        id
    }

    /// The countries the crate's country table marks for running text, with
    /// their demonyms; returns the entity of each ISO3 code.
    fn countries(&mut self) -> HashMap<&'static str, u32> {
        let mut by_iso3 = HashMap::new();
        for country in crate::data::countries::all() {
            let Some(name) = country.news_name else {
                continue;
            };
            let c = Canon {
                name,
                label: GPE,
                iso3: Some(country.iso3),
                country: Some(country.iso3),
                role: None,
                gender: Gender::Unknown,
                aliases: country.news_aliases.clone(),
            };
            let id = self.entity(c, Datelines::Name);
            for d in &country.demonyms {
                self.add(d, PatKind::Demonym { canon: id });
            }
            by_iso3.insert(country.iso3, id);
        }
        by_iso3
    }

    /// Cities (GPE, with dateline forms) and regions (LOC).
    fn places(&mut self) {
        for r in rows(PLACES) {
            let (Some(name), Some(label)) = (col(&r, 0), col(&r, 1)) else {
                continue;
            };
            let label = if label == LOC { LOC } else { GPE };
            let c = Canon {
                name,
                label,
                iso3: None,
                country: col(&r, 2),
                role: None,
                gender: Gender::Unknown,
                aliases: list(&r, 3),
            };
            let datelines = if label == GPE {
                Datelines::NameAndAliases
            } else {
                Datelines::None
            };
            self.entity(c, datelines);
        }
    }

    fn orgs(&mut self) {
        for r in rows(ORGS) {
            let Some(name) = col(&r, 0) else { continue };
            let c = Canon {
                name,
                label: ORG,
                iso3: None,
                country: None,
                role: None,
                gender: Gender::Unknown,
                aliases: list(&r, 1),
            };
            self.entity(c, Datelines::None);
        }
    }

    fn people(&mut self) {
        for r in rows(PEOPLE) {
            let Some(name) = col(&r, 0) else { continue };
            let c = Canon {
                name,
                label: PERSON,
                iso3: None,
                country: col(&r, 2),
                role: col(&r, 1),
                gender: col(&r, 3).map(Gender::parse).unwrap_or(Gender::Unknown),
                aliases: list(&r, 4),
            };
            self.entity(c, Datelines::None);
        }
    }

    /// Titles before names, then the blocked names.
    fn titles_and_blocked(&mut self) {
        for r in rows(TITLES) {
            let Some(t) = col(&r, 0) else { continue };
            let kind = match col(&r, 1) {
                Some("honorific") => TitleKind::Honorific,
                Some("rank") => TitleKind::Rank,
                _ => TitleKind::Role,
            };
            self.add(t, PatKind::Title(kind));
        }
        for r in rows(BLOCKED) {
            if let Some(b) = col(&r, 0) {
                self.add(b, PatKind::Blocked);
            }
        }
    }
}

/// Given names with their gender.
fn first_names() -> HashMap<&'static str, Gender> {
    let mut first_names = HashMap::new();
    for r in rows(FIRST_NAMES) {
        if let Some(n) = col(&r, 0) {
            first_names.insert(n, col(&r, 1).map(Gender::parse).unwrap_or(Gender::Unknown));
        }
    }
    first_names
}

/// People by the folded last word of each of their names.
fn people_by_surname(canon: &[Canon]) -> HashMap<String, Vec<u32>> {
    let mut people_by_surname: HashMap<String, Vec<u32>> = HashMap::new();
    for (k, c) in canon.iter().enumerate().filter(|(_, c)| c.label == PERSON) {
        for n in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
            let last: String = n
                .rsplit(' ')
                .next()
                .unwrap_or(n)
                .chars()
                .map(super::lex::fold)
                .collect();
            let v = people_by_surname.entry(last).or_default();
            if !v.contains(&(k as u32)) {
                v.push(k as u32);
            }
        }
    }
    people_by_surname
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_word_lists_reads() {
        let mut current = None;
        let mut seen: HashMap<&str, Vec<&str>> = HashMap::new();
        for (n, line) in WORDS.lines().enumerate() {
            match parse_word_line(line) {
                Ok(WordLine::Blank) => {}
                Ok(WordLine::Section(name)) => {
                    assert!(!seen.contains_key(name), "line {}: [{name}] twice", n + 1);
                    seen.insert(name, Vec::new());
                    current = Some(name);
                }
                Ok(WordLine::Word(word, value)) => {
                    let list =
                        current.unwrap_or_else(|| panic!("line {}: word before a list", n + 1));
                    let words = seen.get_mut(list).expect("section registered");
                    assert!(
                        !words.contains(&word),
                        "line {}: {word} twice in [{list}]",
                        n + 1
                    );
                    words.push(word);
                    let month = value.and_then(|v| v.parse::<u8>().ok());
                    match list {
                        "months" => assert!(
                            month.is_some_and(|m| (1..=12).contains(&m)),
                            "line {}: {word} needs a month number",
                            n + 1
                        ),
                        _ => assert_eq!(value, None, "line {}: only months have a value", n + 1),
                    }
                }
                Err(e) => panic!("line {}: {e}", n + 1),
            }
        }
        for name in WORD_LISTS {
            assert!(!word_list(name).is_empty(), "[{name}] is missing or empty");
        }
        assert_eq!(month_numbers().len(), word_list("months").len());
        assert!(month_numbers().contains(&("Sept", 9)));
        assert_eq!(
            parse_word_line("[colours]"),
            Err("unknown list [colours]".into())
        );
    }

    #[test]
    fn covers_every_nato_member() {
        let g = Gazetteer::get();
        // The 32 allies, per NATO's member list (nato.int, "NATO member countries").
        let allies = [
            "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
            "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT",
            "ROU", "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA",
        ];
        for a in allies {
            assert!(g.country(a).is_some(), "{a} missing");
        }
        assert!(g.first_names.contains_key("Daniel"));
    }
}
