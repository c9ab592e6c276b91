//! The claim rules' word table, loaded once from `assets/claims/`.
//!
//! Every word the rules look for stands in `lexicon.tsv` with its roles, so
//! a new predicate, hedge or non-claim cue is a line of data. Institutions
//! that stand for a country ("the Pentagon") are in `country_orgs.tsv`.

use std::sync::OnceLock;

use crate::annotate::engine::entities::FnvMap;

/// What a word does for the claim rules. A word may have several roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Role {
    SpendVerb,
    SpendNoun,
    LevelVerb,
    Be,
    Commit,
    Threshold,
    TargetNoun,
    Assent,
    Modal,
    Would,
    Condition,
    Advise,
    Call,
    Report,
    Increment,
    ChangeVerb,
    Aid,
    Own,
    Company,
    Fund,
    OtherMeasure,
    Group,
    Negation,
    Gdp,
    Defence,
    Hedge,
    Link,
    Locative,
    Question,
    PriceBase,
    Opposition,
    PronounWe,
    PronounYou,
    PronounIt,
    PronounThey,
    CountryNoun,
    Rank,
    Time,
}

impl Role {
    const ALL: [(Role, &'static str); 38] = [
        (Role::SpendVerb, "spend_verb"),
        (Role::SpendNoun, "spend_noun"),
        (Role::LevelVerb, "level_verb"),
        (Role::Be, "be"),
        (Role::Commit, "commit"),
        (Role::Threshold, "threshold"),
        (Role::TargetNoun, "target_noun"),
        (Role::Assent, "assent"),
        (Role::Modal, "modal"),
        (Role::Would, "would"),
        (Role::Condition, "condition"),
        (Role::Advise, "advise"),
        (Role::Call, "call"),
        (Role::Report, "report"),
        (Role::Increment, "increment"),
        (Role::ChangeVerb, "change_verb"),
        (Role::Aid, "aid"),
        (Role::Own, "own"),
        (Role::Company, "company"),
        (Role::Fund, "fund"),
        (Role::OtherMeasure, "other_measure"),
        (Role::Group, "group"),
        (Role::Negation, "negation"),
        (Role::Gdp, "gdp"),
        (Role::Defence, "defence"),
        (Role::Hedge, "hedge"),
        (Role::Link, "link"),
        (Role::Locative, "locative"),
        (Role::Question, "question"),
        (Role::PriceBase, "price_base"),
        (Role::Opposition, "opposition"),
        (Role::PronounWe, "pronoun_we"),
        (Role::PronounYou, "pronoun_you"),
        (Role::PronounIt, "pronoun_it"),
        (Role::PronounThey, "pronoun_they"),
        (Role::CountryNoun, "country_noun"),
        (Role::Rank, "rank"),
        (Role::Time, "time"),
    ];

    /// The role named `s` in the data file.
    fn parse(s: &str) -> Option<Role> {
        Self::ALL.iter().find(|(_, n)| *n == s).map(|&(r, _)| r)
    }

    /// The role's bit in [`Roles`].
    fn bit(self) -> u64 {
        1 << (self as u8)
    }
}

/// A set of roles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Roles(u64);

impl Roles {
    /// Whether the set holds `r`.
    pub fn has(self, r: Role) -> bool {
        self.0 & r.bit() != 0
    }

    /// Marks a set as looked up (for a per-token cache); never a role bit.
    pub const KNOWN: u64 = 1 << 63;

    /// The set marked as looked up.
    pub fn known(self) -> Self {
        Roles(self.0 | Self::KNOWN)
    }

    /// Whether the set was looked up.
    pub fn is_known(self) -> bool {
        self.0 & Self::KNOWN != 0
    }
}

/// The loaded tables.
pub(crate) struct Lexicon {
    /// Looked up near every value: a cheap hash over short trusted keys.
    words: FnvMap<&'static str, Roles>,
    /// Institution name (as written, split into words) → ISO3.
    pub orgs: Vec<(Vec<&'static str>, &'static str)>,
    /// The first words of `orgs`, to skip every other token at once.
    pub org_first_words: FnvMap<&'static str, ()>,
    /// Cues of a text's home country, searched as one automaton.
    pub home_cues: Option<aho_corasick::AhoCorasick>,
    pub home_cue_country: Vec<&'static str>,
}

const LEXICON_TSV: &str = include_str!("../../../../assets/claims/lexicon.tsv");
const ORGS_TSV: &str = include_str!("../../../../assets/claims/country_orgs.tsv");
const HOME_TSV: &str = include_str!("../../../../assets/claims/home_cues.tsv");

impl Lexicon {
    /// The lexicon, loaded on first use.
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::parse(LEXICON_TSV, ORGS_TSV, HOME_TSV))
    }

    /// Parses the tables. The files are compiled in and checked by a test,
    /// so a bad line is a build-time mistake: it is skipped here, never a
    /// panic at run time.
    fn parse(lexicon: &'static str, orgs: &'static str, home: &'static str) -> Lexicon {
        let mut words: FnvMap<&'static str, Roles> = FnvMap::default();
        for line in data_lines(lexicon) {
            let Some((w, roles)) = line.split_once('\t') else {
                continue;
            };
            let entry = words.entry(w.trim()).or_default();
            for r in roles.split(',').filter_map(|r| Role::parse(r.trim())) {
                entry.0 |= r.bit();
            }
        }
        let orgs: Vec<(Vec<&'static str>, &'static str)> = data_lines(orgs)
            .filter_map(|l| l.split_once('\t'))
            .map(|(name, iso)| (name.split(' ').collect(), iso.trim()))
            .collect();
        let (cues, home_cue_country): (Vec<&str>, Vec<&str>) = data_lines(home)
            .filter_map(|l| l.split_once('\t'))
            .map(|(cue, iso)| (cue, iso.trim()))
            .unzip();
        // Plain strings always build; without the automaton texts simply
        // have no institutional cues.
        let home_cues = aho_corasick::AhoCorasick::new(&cues).ok();
        let org_first_words = orgs
            .iter()
            .filter_map(|(w, _): &(Vec<&'static str>, &'static str)| w.first().map(|&f| (f, ())))
            .collect();
        Lexicon {
            words,
            orgs,
            org_first_words,
            home_cues,
            home_cue_country,
        }
    }

    /// The roles of a word, matched without regard to case.
    pub fn roles(&self, w: &str) -> Roles {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.words.get(w).copied().unwrap_or_default();
        }
        // Lower-cased on the stack: no entry is longer than this, and a
        // capitalised word is looked up once, without an allocation.
        let mut buf = [0u8; 24];
        if w.len() > buf.len() {
            return Roles::default();
        }
        for (d, b) in buf.iter_mut().zip(w.bytes()) {
            *d = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..w.len()])
            .ok()
            .and_then(|lower| self.words.get(lower).copied())
            .unwrap_or_default()
    }

    /// Whether word `w` has role `r`.
    pub fn is(&self, w: &str, r: Role) -> bool {
        self.roles(w).has(r)
    }
}

/// The data lines of a TSV file: not blank, not comments.
fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_tables_parses() {
        for line in data_lines(LEXICON_TSV) {
            let (w, roles) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in {line:?}"));
            assert_eq!(w, w.trim(), "{line:?}");
            assert!(
                w.len() <= 24 && w == w.to_lowercase(),
                "{line:?}: lower case, 24 bytes at most"
            );
            for r in roles.split(',') {
                assert!(Role::parse(r).is_some(), "unknown role {r:?} in {line:?}");
            }
        }
        for line in data_lines(ORGS_TSV).chain(data_lines(HOME_TSV)) {
            let (_, iso) = line.split_once('\t').expect("name<TAB>ISO3");
            assert_eq!(iso.len(), 3, "{line:?}");
        }
    }

    #[test]
    fn a_word_keeps_all_its_roles() {
        let l = Lexicon::get();
        assert!(l.is("spending", Role::SpendVerb) && l.is("spending", Role::SpendNoun));
        assert!(l.is("Defence", Role::Defence));
        assert!(l.is("at", Role::Hedge) && l.is("at", Role::Locative));
        assert!(!l.is("Poland", Role::Group));
    }
}
