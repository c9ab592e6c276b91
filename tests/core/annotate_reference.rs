//! The engine against the hand-made reference annotations of the sample
//! articles (`sample-data/reference/*.json`, offsets in code points), scored
//! the way `score.py` scores `dossier annotate`: entities by exact span and
//! label, quotes by overlap of their inner text, speakers by surname, claims
//! by country, value and year. The scores must stay above the project's bar.

use std::path::Path;

use dossier::annotate::{Context, FindingKind, find};
use serde_json::Value;

struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn f1(&self) -> f64 {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Byte offset -> code point offset.
fn cp(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// The quote's inner span (code points) without marks, spaces and final
/// punctuation, as the scorer compares them.
fn inner(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let lead = |c: char| "\"“”'‘’ \n".contains(c);
    let trail = |c: char| "\"“”'‘’ \n,.;:".contains(c);
    let (mut s, mut e) = (start, end);
    while s < e && lead(chars[s]) {
        s += 1;
    }
    while e > s && trail(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

fn surname(name: &str) -> String {
    name.split_whitespace().last().unwrap_or("").to_lowercase()
}

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ł' => 'l',
            'ą' => 'a',
            'ś' => 's',
            'ş' => 's',
            'å' => 'a',
            c => c,
        })
        .collect()
}

#[test]
fn sample_articles_score_above_the_bar() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut refs: Vec<_> = std::fs::read_dir(root.join("reference"))
        .expect("reference folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    refs.sort();
    assert!(refs.len() >= 9, "expected the nine reference files");
    let mut ents = Tally {
        tp: 0,
        fp: 0,
        fn_: 0,
    };
    let mut quotes = Tally {
        tp: 0,
        fp: 0,
        fn_: 0,
    };
    let mut claims = Tally {
        tp: 0,
        fp: 0,
        fn_: 0,
    };
    let (mut spk_ok, mut spk_all) = (0, 0);
    for r in refs {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&r).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let text = std::fs::read_to_string(root.join("articles").join(file)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let found = find(&text, &Context::default());

        let mut pred_ents = Vec::new();
        let mut pred_quotes = Vec::new();
        let mut pred_claims = Vec::new();
        for f in &found {
            let (s, e) = (cp(&text, f.span.start), cp(&text, f.span.end));
            match &f.kind {
                FindingKind::Entity { label, .. } => pred_ents.push((s, e, label.clone())),
                FindingKind::Quote { speaker, .. } => pred_quotes.push((
                    inner(&chars, s, e),
                    speaker.as_ref().map(|r| r.name.clone()),
                )),
                FindingKind::Claim {
                    country,
                    year,
                    value,
                    ..
                } => pred_claims.push((country.clone(), *year, *value)),
            }
        }

        let gold_ents: Vec<(usize, usize, String)> = gold["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                    e["label"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        for g in &gold_ents {
            if pred_ents.contains(g) {
                ents.tp += 1;
            } else {
                ents.fn_ += 1;
                eprintln!("{file}: missed {g:?}");
            }
        }
        for p in &pred_ents {
            if !gold_ents.contains(p) {
                ents.fp += 1;
                eprintln!("{file}: extra {p:?}");
            }
        }

        let mut used = vec![false; pred_quotes.len()];
        for g in gold["quotes"].as_array().unwrap() {
            let gi = inner(
                &chars,
                g["start"].as_u64().unwrap() as usize,
                g["end"].as_u64().unwrap() as usize,
            );
            let best = pred_quotes
                .iter()
                .enumerate()
                .filter(|(i, _)| !used[*i])
                .map(|(i, (pi, _))| {
                    let ov = gi.1.min(pi.1).saturating_sub(gi.0.max(pi.0));
                    let union = gi.1.max(pi.1) - gi.0.min(pi.0);
                    (i, ov as f64 / union.max(1) as f64)
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((i, ov)) if ov >= 0.5 => {
                    used[i] = true;
                    quotes.tp += 1;
                    spk_all += 1;
                    let gs = g["speaker"].as_str().map(|s| surname(&fold(s)));
                    let ps = pred_quotes[i].1.as_deref().map(|s| surname(&fold(s)));
                    if gs == ps {
                        spk_ok += 1;
                    } else {
                        eprintln!("{file}: speaker {ps:?}, reference {gs:?}");
                    }
                }
                _ => quotes.fn_ += 1,
            }
        }
        quotes.fp += used.iter().filter(|u| !**u).count();

        let mut used = vec![false; pred_claims.len()];
        for g in gold["claims"].as_array().unwrap() {
            let hit = pred_claims.iter().enumerate().position(|(i, (c, y, v))| {
                !used[i]
                    && (v - g["value"].as_f64().unwrap()).abs() < 0.011
                    && c.eq_ignore_ascii_case(g["country"].as_str().unwrap())
                    && (g["year"].is_null() || g["year"].as_i64() == y.map(i64::from))
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    claims.tp += 1;
                }
                None => claims.fn_ += 1,
            }
        }
        claims.fp += used.iter().filter(|u| !**u).count();
    }
    let speaker_acc = spk_ok as f64 / spk_all.max(1) as f64;
    eprintln!(
        "entity F1 {:.3}, quote F1 {:.3}, speaker accuracy {:.3}, claim F1 {:.3}",
        ents.f1(),
        quotes.f1(),
        speaker_acc,
        claims.f1()
    );
    assert!(ents.f1() >= 0.90, "entity F1 {:.3}", ents.f1());
    assert!(quotes.f1() >= 0.95, "quote F1 {:.3}", quotes.f1());
    assert!(speaker_acc >= 0.90, "speaker accuracy {speaker_acc:.3}");
    assert!(claims.f1() >= 0.80, "claim F1 {:.3}", claims.f1());
}
