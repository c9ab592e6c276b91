//! The annotation engine: rules and a built-in gazetteer that find entity
//! mentions, quotations with their speakers, and defence-spending claims in
//! plain text.
//!
//! The passes run in order, each reading what the previous ones found:
//!
//! - [`entities`] tokenizes the text ([`lex`]), runs the gazetteer
//!   ([`gazetteer`], one Aho-Corasick automaton over names compiled in from
//!   `assets/gazetteer/`), and the rules for names after titles, given-name
//!   patterns, surname re-mentions, organisations, dates, money and
//!   percentages. It also records the people of the document with their
//!   roles, which the next passes resolve against.
//! - [`quotes`] pairs quotation marks (also across paragraphs) and
//!   attributes each quote to a person, a pronoun or role noun resolved to a
//!   person, or a non-person source such as a readout.
//! - [`claims`] reads spending levels next to percentages and amounts.
//!
//! Everything works on byte offsets into the original text and allocates
//! per finding, not per token, so the engine keeps up with long inputs.

mod claims;
mod entities;
mod gazetteer;
mod lex;
mod numbers;
mod quotes;

use super::{Context, EntityRef, Finding, FindingKind};
use crate::model::{ClaimUnit, GPE, ORG, PERSON};
use crate::text::Span;
use gazetteer::{Gazetteer, Gender};

/// Who an entity mention stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Who {
    /// No canonical entity (dates, amounts, organisations named by a head
    /// word, blockers).
    Nothing,
    /// A built-in gazetteer entity.
    Canon(u32),
    /// A person of this document (index into [`Analysis::persons`]).
    Person(usize),
    /// An entry of the project's own gazetteer.
    Project(usize),
}

/// An accepted entity mention.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ent {
    /// Where the mention stands.
    pub span: Span,
    /// Empty for project gazetteer entries, whose label is in the entry.
    pub label: &'static str,
    /// The entity the mention stands for.
    pub who: Who,
}

/// A person named in the document.
#[derive(Clone, Debug)]
pub(crate) struct DocPerson {
    /// Canonical name: the gazetteer's, or the fullest form written.
    pub name: String,
    /// The given name, when written or known.
    pub first: Option<String>,
    /// The surname as first written.
    pub surname: String,
    /// How many tokens the surname spans ("Kosiniak-Kamysz" is three).
    pub surname_toks: usize,
    /// The person's role or title ("Secretary of Defense").
    pub role: Option<String>,
    /// ISO3 of the person's country, when a title or the gazetteer says.
    pub country: Option<&'static str>,
    /// From the given name or the gazetteer, for pronouns.
    pub gender: Gender,
    /// The built-in gazetteer's entity for the person, if it knows them.
    pub canon: Option<u32>,
    /// Other forms the text wrote ("Austin", "Lloyd Austin").
    pub aliases: Vec<String>,
}

/// A money amount or percentage with its value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Amount {
    /// Where the amount stands (its entity mention's span).
    pub span: Span,
    /// Full units for money, the percent number for percentages.
    pub value: f64,
    /// The currency, or percent of GDP for percentages.
    pub unit: ClaimUnit,
    /// A percentage rather than money.
    pub percent: bool,
}

/// What the entity pass learnt about a text.
pub(crate) struct Analysis<'t> {
    /// The text analysed.
    pub text: &'t str,
    /// Its tokens, in order.
    pub toks: Vec<lex::Tok>,
    /// The accepted entity mentions, sorted by start, not overlapping.
    pub ents: Vec<Ent>,
    /// The persons of the document, by the index [`Who::Person`] holds.
    pub persons: Vec<DocPerson>,
    /// Demonyms ("Polish") with their country: not entities, but they tell
    /// whose minister or spending a sentence is about.
    pub demonyms: Vec<(Span, u32)>,
    /// The money amounts and percentages kept as entities, in order.
    pub amounts: Vec<Amount>,
    /// What the rules read at stretches where the analyst's own name with
    /// another label won, by span: the country behind a relabelled name.
    pub shadowed: Vec<(Span, Who)>,
}

impl Analysis<'_> {
    /// The country (ISO3) an entity mention refers to, for claims: a
    /// country, or a city standing for its government.
    pub fn country_of(&self, e: &Ent) -> Option<&'static str> {
        match e.who {
            Who::Project(_) => {
                let i = self
                    .shadowed
                    .partition_point(|(s, _)| (s.start, s.end) < (e.span.start, e.span.end));
                let &(span, who) = self.shadowed.get(i)?;
                (span == e.span)
                    .then(|| self.country_of(&Ent { who, ..*e }))
                    .flatten()
            }
            Who::Canon(c) => {
                let c = &Gazetteer::get().canon[c as usize];
                // A city counts only where it stands for its government
                // ("Washington wants"), not as a place ("in The Hague").
                if c.label != GPE || c.iso3.is_none() && locative(self.text, e.span.start) {
                    return None;
                }
                c.country
            }
            _ => None,
        }
    }
}

/// Finds entities, quotes and claims in `text`.
pub fn find(text: &str, ctx: &Context<'_>) -> Vec<Finding> {
    let a = entities::analyse(text, ctx);
    let mut out = Vec::with_capacity(a.ents.len() + 8);
    // Aliases only matter when the canonical entity is first created, so
    // only the first mention of each entity carries them.
    let mut seen = std::collections::HashSet::new();
    for e in &a.ents {
        let first = seen.insert(e.who);
        let (label, entity) = entity_ref(&a, e, ctx, first);
        out.push(Finding {
            span: e.span,
            kind: FindingKind::Entity { label, entity },
        });
    }
    let quotes = quotes::find_quotes(&a);
    let quote_info: Vec<claims::QuoteInfo> = quotes
        .iter()
        .map(|q| claims::QuoteInfo {
            span: q.span,
            speaker_country: q.speaker.and_then(|p| a.persons[p].country),
        })
        .collect();
    let found_claims = claims::find_claims(&a, &quote_info);
    for q in quotes {
        let speaker = q.speaker.map(|p| person_ref(&a.persons[p], false));
        out.push(Finding {
            span: q.span,
            kind: FindingKind::Quote {
                speaker,
                speaker_span: q.speaker_span,
                cue: q.cue,
                source: q.source,
            },
        });
    }
    for c in found_claims {
        out.push(Finding {
            span: c.span,
            kind: FindingKind::Claim {
                country: c.country.to_owned(),
                iso3: Some(c.iso3.to_owned()),
                year: c.year,
                value: c.value,
                unit: c.unit,
                evidence: Some(c.evidence),
            },
        });
    }
    out
}

/// The canonical entity of a person of the document; `with_aliases` for
/// the first mention only.
fn person_ref(p: &DocPerson, with_aliases: bool) -> EntityRef {
    EntityRef {
        id: None,
        name: p.name.clone(),
        label: PERSON.to_owned(),
        iso3: None,
        role: p.role.clone(),
        aliases: if with_aliases {
            p.aliases.clone()
        } else {
            Vec::new()
        },
    }
}

/// The canonical entity of built-in gazetteer entity `k`.
fn canon_ref(k: u32, with_aliases: bool) -> EntityRef {
    let c = &Gazetteer::get().canon[k as usize];
    EntityRef {
        id: None,
        name: c.name.to_owned(),
        label: c.label.to_owned(),
        iso3: c.iso3.map(str::to_owned),
        role: c.role.map(str::to_owned),
        aliases: if with_aliases {
            c.aliases.iter().map(|s| (*s).to_owned()).collect()
        } else {
            Vec::new()
        },
    }
}

/// The label and canonical entity a finding gets for mention `e`.
fn entity_ref(
    a: &Analysis<'_>,
    e: &Ent,
    ctx: &Context<'_>,
    with_aliases: bool,
) -> (String, Option<EntityRef>) {
    match e.who {
        // An organisation found by its head word is its own canonical
        // entity, named as written.
        Who::Nothing if e.label == ORG => {
            let r = EntityRef {
                name: e.span.slice(a.text).to_owned(),
                label: ORG.to_owned(),
                ..Default::default()
            };
            (e.label.to_owned(), Some(r))
        }
        Who::Nothing => (e.label.to_owned(), None),
        Who::Person(p) => (
            e.label.to_owned(),
            Some(person_ref(&a.persons[p], with_aliases)),
        ),
        Who::Project(k) => {
            let entry = &ctx.gazetteer[k];
            (entry.label.clone(), super::learned::learned_ref(entry))
        }
        Who::Canon(k) => {
            let g = Gazetteer::get();
            let c = &g.canon[k as usize];
            // "Washington" standing for the government is the United States;
            // the city is meant after "in", "to", in a dateline and so on.
            if c.iso3.is_none()
                && c.name == "Washington"
                && !locative(a.text, e.span.start)
                && let Some(&us) = g.by_iso3.get("USA")
            {
                return (e.label.to_owned(), Some(canon_ref(us, with_aliases)));
            }
            (e.label.to_owned(), Some(canon_ref(k, with_aliases)))
        }
    }
}

/// Whether the place at `start` is used as a location (after a locative
/// preposition, or as a dateline) rather than for its government.
pub(crate) fn locative(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    if before.is_empty() || before.ends_with('\n') || text[..start].ends_with('\n') {
        return true;
    }
    let prev = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        prev,
        "in" | "to"
            | "from"
            | "at"
            | "near"
            | "outside"
            | "visit"
            | "visited"
            | "visiting"
            | "around"
            | "In"
    )
}
