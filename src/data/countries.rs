//! Country names to ISO 3166-1 alpha-3 codes.
//!
//! The facts live in one data file, `assets/countries.tsv` (its header
//! documents the columns and sources), compiled in and parsed once here. The
//! spending tables, the charts and the annotation engine's gazetteer all read
//! this one table: the engine takes the names marked for running text and the
//! demonyms, the data side looks any name up.
//!
//! Matching ignores case, diacritics (the crate's one [`fold`]), dots,
//! apostrophes and other punctuation, a leading "the", and footnote markers
//! such as `*`, `†` or a trailing `(a)`, so "TÜRKIYE*" and "Turkiye" both
//! find TUR.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::fold;

/// The table, as compiled in.
const TABLE: &str = include_str!("../../assets/countries.tsv");

/// One country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code.
    pub iso3: &'static str,
    /// Short English name for display.
    pub name: &'static str,
    /// Other names that refer to it, in tables or in news.
    pub aliases: Vec<&'static str>,
    /// The name the annotation engine finds in running text and reports as
    /// the entity's canonical name; `None` when the engine leaves the country
    /// alone.
    pub news_name: Option<&'static str>,
    /// Other spellings the engine finds in running text (exact case).
    pub news_aliases: Vec<&'static str>,
    /// Adjectives of the country the engine recognises ("Polish").
    pub demonyms: Vec<&'static str>,
}

/// Every country, sorted by ISO3, parsed once from `assets/countries.tsv`.
static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    let mut all: Vec<Country> = TABLE
        .lines()
        .filter_map(|line| parse_line(line).ok().flatten())
        .collect();
    all.sort_by_key(|c| c.iso3);
    all
});

/// Why a line of the country table is not a country.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableLineError {
    /// The first column is not three upper-case ASCII letters.
    #[error("{0:?} is not an ISO3 code (three upper-case letters)")]
    BadCode(String),
    /// The second column, the display name, is empty.
    #[error("the line has no name")]
    NoName,
    /// More columns than the six the header documents.
    #[error("{0} columns, at most 6")]
    TooManyColumns(usize),
}

/// Parses one line of the country table: `Ok(None)` for a comment or a blank
/// line.
pub fn parse_line(line: &'static str) -> Result<Option<Country>, TableLineError> {
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
    if cols.len() > 6 {
        return Err(TableLineError::TooManyColumns(cols.len()));
    }
    let col = |i: usize| cols.get(i).copied().unwrap_or("");
    let list = |i: usize| -> Vec<&'static str> {
        col(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    };
    let iso3 = col(0);
    if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(TableLineError::BadCode(iso3.to_owned()));
    }
    let name = col(1);
    if name.is_empty() {
        return Err(TableLineError::NoName);
    }
    let news_name = match col(2) {
        "" => None,
        "=" => Some(name),
        other => Some(other),
    };
    let news_aliases = list(3);
    let mut aliases: Vec<&'static str> = Vec::new();
    let names = news_name.into_iter().chain(news_aliases.iter().copied());
    for a in names.chain(list(4)) {
        if a != name && !aliases.contains(&a) {
            aliases.push(a);
        }
    }
    Ok(Some(Country {
        iso3,
        name,
        aliases,
        news_name,
        news_aliases,
        demonyms: list(5),
    }))
}

/// Every country, sorted by ISO3.
pub fn all() -> &'static [Country] {
    &COUNTRIES
}

/// The country with this ISO3 code (any case).
pub fn by_iso3(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    if code.len() != 3 {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    let all = all();
    all.binary_search_by(|c| c.iso3.cmp(upper.as_str()))
        .ok()
        .map(|i| &all[i])
}

/// Finds a country by name, alias or ISO3 code.
pub fn resolve(text: &str) -> Option<&'static Country> {
    let key = normalise(text);
    if key.is_empty() {
        return None;
    }
    if let Some(&i) = INDEX.get(&key) {
        return Some(&all()[i]);
    }
    // An ISO3 code typed as such ("POL"); names win above so that a name that
    // happens to be three letters ("USA", "UAE") keeps its alias meaning.
    by_iso3(text)
}

/// The ISO3 code for a name or code, upper case.
pub fn iso3_of(text: &str) -> Option<&'static str> {
    resolve(text).map(|c| c.iso3)
}

/// Matching keys of every name and alias to the country's index in [`all`].
static INDEX: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (i, c) in all().iter().enumerate() {
        // Names before aliases: an alias never overrides another
        // country's own name.
        map.insert(normalise(c.name), i);
    }
    for (i, c) in all().iter().enumerate() {
        for a in &c.aliases {
            map.entry(normalise(a)).or_insert(i);
        }
    }
    map
});

/// The matching key of a name: lower case ASCII letters and digits separated
/// by single spaces.
pub fn normalise(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        match ch {
            // Footnote markers that tables put after names.
            '*' | '†' | '‡' | '§' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰' =>
                {}
            '.' | '\'' | '’' | '‘' | '`' => {}
            '&' => s.push_str(" and "),
            c if c.is_alphanumeric() => s.push(fold(c)),
            _ => s.push(' '),
        }
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    // "Germany (a)", "Poland 12": a trailing note letter in parentheses or a
    // note number is not part of the name.
    while words.len() > 1 {
        let last = words[words.len() - 1];
        let is_note = last.chars().all(|c| c.is_ascii_digit())
            || (last.len() == 1
                && text.trim_end().ends_with(')')
                && text.contains(&format!("({last})")));
        if is_note {
            words.pop();
        } else {
            break;
        }
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_is_a_country_or_a_comment() {
        let mut codes = std::collections::HashSet::new();
        for (n, line) in TABLE.lines().enumerate() {
            match parse_line(line) {
                Ok(Some(c)) => {
                    assert!(codes.insert(c.iso3), "line {}: {} twice", n + 1, c.iso3);
                    // Every name leads back to its own country, and no
                    // demonym is another country's name.
                    for name in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
                        assert_eq!(iso3_of(name), Some(c.iso3), "line {}: {name}", n + 1);
                    }
                    for d in &c.demonyms {
                        // "Lao" is also LAO's code: only another country counts.
                        let other = iso3_of(d).filter(|&i| i != c.iso3);
                        assert_eq!(other, None, "line {}: demonym {d}", n + 1);
                        assert!(
                            c.news_name.is_some(),
                            "line {}: demonym without news name",
                            n + 1
                        );
                    }
                    assert!(
                        c.news_aliases.is_empty() || c.news_name.is_some(),
                        "line {}: news aliases without a news name",
                        n + 1
                    );
                }
                Ok(None) => {}
                Err(e) => panic!("line {}: {e}: {line:?}", n + 1),
            }
        }
        assert_eq!(codes.len(), all().len());
    }

    #[test]
    fn malformed_lines_are_refused() {
        assert_eq!(parse_line("# comment"), Ok(None));
        assert_eq!(
            parse_line("pol\tPoland"),
            Err(TableLineError::BadCode("pol".into()))
        );
        assert_eq!(parse_line("POL\t"), Err(TableLineError::NoName));
        assert_eq!(
            parse_line("POL\tPoland\t=\t\t\t\textra"),
            Err(TableLineError::TooManyColumns(7))
        );
        let tur = parse_line("TUR\tTürkiye\tTurkey\tTürkiye|Turkiye\t\tTurkish")
            .unwrap()
            .unwrap();
        assert_eq!(tur.news_name, Some("Turkey"));
        assert_eq!(tur.aliases, ["Turkey", "Turkiye"]);
    }
}
