//! The built-in gazetteer: countries, places, organisations, people, titles,
//! given names and blocked names, compiled in from `assets/gazetteer/*.tsv`
//! and searched with one Aho-Corasick automaton.
//!
//! Country names and ISO 3166-1 alpha-3 codes follow the ISO 3166
//! Maintenance Agency's list (<https://www.iso.org/iso-3166-country-codes.html>);
//! Kosovo uses the user-assigned code XKX as the European Commission and the
//! IMF do. Office holders are as published by their governments.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

const COUNTRIES: &str = include_str!("../../../assets/gazetteer/countries.tsv");
const PLACES: &str = include_str!("../../../assets/gazetteer/places.tsv");
const ORGS: &str = include_str!("../../../assets/gazetteer/orgs.tsv");
const PEOPLE: &str = include_str!("../../../assets/gazetteer/people.tsv");
const FIRST_NAMES: &str = include_str!("../../../assets/gazetteer/first_names.tsv");
const TITLES: &str = include_str!("../../../assets/gazetteer/titles.tsv");
const BLOCKED: &str = include_str!("../../../assets/gazetteer/blocked.tsv");

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
        let mut canon = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pats = Vec::new();
        let mut by_iso3 = HashMap::new();
        let add = |p: &str, k: PatKind, patterns: &mut Vec<String>, pats: &mut Vec<PatKind>| {
            patterns.push(p.to_owned());
            pats.push(k);
        };
        for r in rows(COUNTRIES) {
            let (Some(name), Some(iso3)) = (col(&r, 0), col(&r, 1)) else {
                continue;
            };
            let c = Canon {
                name,
                label: "GPE",
                iso3: Some(iso3),
                country: Some(iso3),
                role: None,
                gender: Gender::Unknown,
                aliases: list(&r, 2),
            };
            let id = push_entity(&mut canon, &mut patterns, &mut pats, c, Datelines::Name);
            for d in list(&r, 3) {
                add(d, PatKind::Demonym { canon: id }, &mut patterns, &mut pats);
            }
            by_iso3.insert(iso3, id);
        }
        for r in rows(PLACES) {
            let (Some(name), Some(label)) = (col(&r, 0), col(&r, 1)) else {
                continue;
            };
            let label = if label == "LOC" { "LOC" } else { "GPE" };
            let c = Canon {
                name,
                label,
                iso3: None,
                country: col(&r, 2),
                role: None,
                gender: Gender::Unknown,
                aliases: list(&r, 3),
            };
            let datelines = if label == "GPE" {
                Datelines::NameAndAliases
            } else {
                Datelines::None
            };
            push_entity(&mut canon, &mut patterns, &mut pats, c, datelines);
        }
        for r in rows(ORGS) {
            let Some(name) = col(&r, 0) else { continue };
            let c = Canon {
                name,
                label: "ORG",
                iso3: None,
                country: None,
                role: None,
                gender: Gender::Unknown,
                aliases: list(&r, 1),
            };
            push_entity(&mut canon, &mut patterns, &mut pats, c, Datelines::None);
        }
        for r in rows(PEOPLE) {
            let Some(name) = col(&r, 0) else { continue };
            let c = Canon {
                name,
                label: "PERSON",
                iso3: None,
                country: col(&r, 2),
                role: col(&r, 1),
                gender: col(&r, 3).map(Gender::parse).unwrap_or(Gender::Unknown),
                aliases: list(&r, 4),
            };
            push_entity(&mut canon, &mut patterns, &mut pats, c, Datelines::None);
        }
        for r in rows(TITLES) {
            let Some(t) = col(&r, 0) else { continue };
            let kind = match col(&r, 1) {
                Some("honorific") => TitleKind::Honorific,
                Some("rank") => TitleKind::Rank,
                _ => TitleKind::Role,
            };
            add(t, PatKind::Title(kind), &mut patterns, &mut pats);
        }
        for r in rows(BLOCKED) {
            if let Some(b) = col(&r, 0) {
                add(b, PatKind::Blocked, &mut patterns, &mut pats);
            }
        }
        let mut first_names = HashMap::new();
        for r in rows(FIRST_NAMES) {
            if let Some(n) = col(&r, 0) {
                first_names.insert(n, col(&r, 1).map(Gender::parse).unwrap_or(Gender::Unknown));
            }
        }
        // A pattern can appear twice (an upper-case dateline form equal to an
        // acronym such as "USA"); the first, an entity name, wins.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the built-in gazetteer patterns are valid");
        let mut people_by_surname: HashMap<String, Vec<u32>> = HashMap::new();
        for (k, c) in canon
            .iter()
            .enumerate()
            .filter(|(_, c)| c.label == "PERSON")
        {
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
        Gazetteer {
            people_by_surname,
            canon,
            ac,
            pats,
            first_names,
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

/// Registers an entity's name and aliases (and their dateline forms) as
/// patterns, then the entity itself; returns its index.
fn push_entity(
    canon: &mut Vec<Canon>,
    patterns: &mut Vec<String>,
    pats: &mut Vec<PatKind>,
    c: Canon,
    datelines: Datelines,
) -> u32 {
    let id = canon.len() as u32;
    let mut add = |p: &str, k: PatKind| {
        patterns.push(p.to_owned());
        pats.push(k);
    };
    add(c.name, PatKind::Entity { canon: id });
    if datelines != Datelines::None {
        add(&c.name.to_uppercase(), PatKind::Dateline { canon: id });
    }
    for a in &c.aliases {
        add(a, PatKind::Entity { canon: id });
        if datelines == Datelines::NameAndAliases {
            add(&a.to_uppercase(), PatKind::Dateline { canon: id });
        }
    }
    canon.push(c);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

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
