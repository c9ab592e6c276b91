//! A generated news corpus for the benchmarks, shared by `perf` and
//! `annotate_bench` (included with `#[path]`, so it is not an example of its
//! own).
//!
//! The text reads like the wire copy the engine is made for: named officials
//! with their roles, allies, curly quotes, em dashes, diacritics, spending
//! levels as percentages and amounts. It is pseudo-random but deterministic
//! (a fixed seed), so two runs measure the same bytes.

// Each example uses a different part of this module.
#![allow(dead_code)]

use std::time::Instant;

use dossier::annotate::{Context, find};

/// SplitMix64: tiny, fast and good enough to vary sentences.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A spending level such as `2.4` or `4.12`, between `lo` and `hi`.
    fn pct(&mut self, lo: f64, hi: f64) -> String {
        let v = lo + (hi - lo) * (self.below(1000) as f64 / 1000.0);
        if self.below(3) == 0 {
            format!("{v:.2}")
        } else {
            format!("{v:.1}")
        }
    }
}

/// Officials: name, role, country. Real office holders of recent years, so
/// the gazetteer knows some and the name rules must find the others.
const PEOPLE: [(&str, &str, &str); 20] = [
    ("Radosław Sikorski", "Foreign Minister", "Poland"),
    ("Władysław Kosiniak-Kamysz", "Defense Minister", "Poland"),
    ("Boris Pistorius", "Defence Minister", "Germany"),
    ("Pål Jonson", "Defence Minister", "Sweden"),
    ("Gitanas Nausėda", "President", "Lithuania"),
    ("Edgars Rinkēvičs", "President", "Latvia"),
    ("Hanno Pevkur", "Defence Minister", "Estonia"),
    ("Petr Pavel", "President", "Czech Republic"),
    ("Troels Lund Poulsen", "Defence Minister", "Denmark"),
    ("Antti Häkkänen", "Defence Minister", "Finland"),
    ("Guido Crosetto", "Defence Minister", "Italy"),
    ("Sébastien Lecornu", "Armed Forces Minister", "France"),
    ("John Healey", "Defence Secretary", "United Kingdom"),
    ("Pete Hegseth", "Secretary of Defense", "United States"),
    ("Margarita Robles", "Defence Minister", "Spain"),
    ("Nuno Melo", "Defence Minister", "Portugal"),
    ("Ruben Brekelmans", "Defence Minister", "Netherlands"),
    ("Mark Rutte", "Secretary General", "Netherlands"),
    ("Tore O. Sandvik", "Defence Minister", "Norway"),
    ("Yaşar Güler", "Defence Minister", "Turkey"),
];

const CITIES: [&str; 12] = [
    "Warsaw",
    "Berlin",
    "Vilnius",
    "Brussels",
    "The Hague",
    "Tallinn",
    "Rīga",
    "Kraków",
    "Helsinki",
    "Reykjavík",
    "Bucharest",
    "Poznań",
];

const ORGS: [&str; 6] = [
    "NATO",
    "the European Union",
    "the Pentagon",
    "the Ukraine Defense Contact Group",
    "the Bundeswehr",
    "the Stockholm International Peace Research Institute",
];

const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const QUOTES: [&str; 8] = [
    "We will not be caught unprepared again — not this decade, not ever",
    "Deterrence is not a slogan; it is artillery, air defence and trained people",
    "Every ally has to carry its share, and we intend to carry ours",
    "The threat on our eastern flank has not gone away",
    "This budget is the largest investment in our armed forces since the Cold War",
    "We cannot defend Europe with promises",
    "Our soldiers need ammunition today, not in five years’ time",
    "The alliance is stronger when every member pulls its weight",
];

/// Plain sentences with few or no entities: real articles are not wall to
/// wall names.
const FILLER: [&str; 16] = [
    "Analysts cautioned that inflation could erode much of the increase.",
    "The figures include pensions, infrastructure and the cost of new equipment.",
    "Critics argue that the money would be better spent on training and maintenance.",
    "Procurement has been slowed by long waiting lists for artillery shells.",
    "The opposition said it would support the plan if the details were published.",
    "Industry executives welcomed the decision but warned of supply-chain bottlenecks.",
    "Some of the spending will go to barracks, ranges and housing for soldiers’ families.",
    "Parliament is expected to vote on the budget before the summer recess.",
    "The ministry did not respond to a request for comment.",
    "Recruitment remains the hardest problem: the army is short of engineers, medics and pilots.",
    "Several smaller allies have signed joint orders to bring down the unit price of munitions.",
    "The plan also funds cyber defence and the protection of undersea cables.",
    "Local officials said the new base would bring jobs but also traffic and noise.",
    "Defence companies have added shifts, yet deliveries still lag behind the orders.",
    "The debate over burden sharing is older than most of the officials now leading it.",
    "A final decision is not expected until the autumn.",
];

/// How often a sentence names people, places and figures: wire copy about
/// spending (about 20 annotations in a 3 KB article), or a dense briefing
/// (about 30 a kilobyte).
#[derive(Clone, Copy)]
pub enum Density {
    News,
    Briefing,
}

fn sentence(rng: &mut Rng, density: Density, out: &mut String) {
    let (name, role, country) = *rng.pick(&PEOPLE);
    let year = 2014 + rng.below(12);
    let pick = match density {
        Density::News => rng.below(75),
        Density::Briefing => rng.below(10),
    };
    let s = match pick {
        0 => format!(
            "{country} plans to spend {}% of its GDP on defence in {year}, {role} {name} said on {}.",
            rng.pct(1.2, 5.0),
            rng.pick(&WEEKDAYS)
        ),
        1 => format!(
            "“{},” {name} told reporters in {}.",
            rng.pick(&QUOTES),
            rng.pick(&CITIES)
        ),
        2 => format!(
            "{name}, {country}’s {}, said the government had raised military spending to {} percent of GDP, up from {}% in {}.",
            role.to_lowercase(),
            rng.pct(2.0, 4.5),
            rng.pct(1.0, 2.5),
            year - 1
        ),
        3 => format!(
            "According to NATO estimates published in {}, {country} spent about ${} billion on its armed forces last year — roughly {}% of its economy.",
            rng.pick(&MONTHS),
            5 + rng.below(90),
            rng.pct(1.0, 4.0)
        ),
        4 => format!(
            "Officials from {} met in {} on {} {}, {year}, to discuss air defence and ammunition stocks.",
            rng.pick(&ORGS),
            rng.pick(&CITIES),
            rng.pick(&MONTHS),
            1 + rng.below(28)
        ),
        5 => format!(
            "“{},” said {name}. “{} has made that clear.”",
            rng.pick(&QUOTES),
            rng.pick(&ORGS)
        ),
        _ => rng.pick(&FILLER).to_string(),
    };
    out.push_str(&s);
}

fn paragraph(rng: &mut Rng, density: Density, out: &mut String) {
    let n = 2 + rng.below(4);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        sentence(rng, density, out);
    }
    out.push('\n');
}

/// One article of about `bytes` bytes: a headline, a dateline, paragraphs.
pub fn article(rng: &mut Rng, bytes: usize, density: Density) -> String {
    let (_, _, country) = *rng.pick(&PEOPLE);
    let mut out = format!(
        "{country} to lift defence spending to {}% as allies debate new NATO target\n",
        rng.pct(2.0, 5.0)
    );
    out.push_str(&format!(
        "{} — {} {}, {}\n",
        rng.pick(&CITIES).to_uppercase(),
        rng.pick(&MONTHS),
        1 + rng.below(28),
        2015 + rng.below(11)
    ));
    while out.len() < bytes {
        paragraph(rng, density, &mut out);
    }
    out
}

/// `count` news articles of about `bytes` bytes each, from one seed.
pub fn articles(seed: u64, count: usize, bytes: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| article(&mut rng, bytes, Density::News))
        .collect()
}

/// What one annotation run over a corpus measured.
pub struct AnnotateRun {
    pub megabytes: f64,
    pub findings: usize,
    pub seconds: f64,
}

impl AnnotateRun {
    pub fn mb_per_s(&self) -> f64 {
        self.megabytes / self.seconds
    }
}

/// Runs the engine over every text on this thread, as the open workflow
/// does, with the gazetteer automaton built beforehand.
pub fn annotate_all(texts: &[String]) -> AnnotateRun {
    let ctx = Context::default();
    if let Some(t) = texts.first() {
        let _ = find(t, &ctx);
    }
    let start = Instant::now();
    let findings = texts.iter().map(|t| find(t, &ctx).len()).sum();
    let seconds = start.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    AnnotateRun {
        megabytes: bytes as f64 / (1024.0 * 1024.0),
        findings,
        seconds,
    }
}
