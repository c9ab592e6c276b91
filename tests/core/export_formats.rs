//! Format details of every exporter, on an article whose offsets differ in
//! every unit (curly quotes, em dashes, diacritics, emoji, combining marks).

use crate::export_support::*;
use dossier::export::{self, Format, Scope};
use serde_json::Value;

fn render(f: Format, scope: &Scope) -> Vec<(String, String)> {
    let (p, _) = unicode_project();
    let docs: Vec<&dossier::model::Document> = p.documents.iter().collect();
    export::render_to_memory(&p, &docs, scope, f, &dossier::workflow::official_figure)
        .unwrap()
        .into_iter()
        .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
        .collect()
}

fn single(f: Format) -> String {
    render(f, &Scope::default()).remove(0).1
}

fn cp(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let s = find(text, needle, n);
    (
        text[..s.start].chars().count(),
        text[..s.end].chars().count(),
    )
}

#[test]
fn format_metadata_is_consistent() {
    use clap::ValueEnum;
    let cli_names: Vec<String> = Format::ALL
        .iter()
        .map(|f| f.to_possible_value().unwrap().get_name().to_owned())
        .collect();
    // The names the README and `--help` document for `--format`.
    assert_eq!(
        cli_names,
        [
            "jsonl",
            "csv",
            "brat",
            "conll",
            "spacy",
            "labelstudio",
            "webanno",
            "claims"
        ]
    );
    for f in Format::ALL {
        assert_eq!(Format::from_str(&cli_names[f as usize], true), Ok(f));
        assert_eq!(f.writes_folder(), f == Format::Brat);
        assert!(!f.name().is_empty());
    }
    assert_eq!(Format::LabelStudio.extension(), Some("json"));
    assert_eq!(Format::WebAnno.extension(), Some("jsonld"));
}

#[test]
fn csv_has_bom_header_and_three_offset_units() {
    let out = single(Format::Csv);
    assert!(out.starts_with('\u{feff}'), "byte-order mark for Excel");
    let mut r =
        csv::ReaderBuilder::new().from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, export::csv::HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 11);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let renee = rows
        .iter()
        .find(|r| r[col("text")].starts_with("Rene"))
        .unwrap();
    let t = UNICODE_TEXT;
    let s = find(t, "Rene\u{301}e Dupont", 0);
    assert_eq!(
        renee[col("start")].parse::<usize>().unwrap(),
        t[..s.start].chars().count()
    );
    assert_eq!(renee[col("end_utf8")].parse::<usize>().unwrap(), s.end);
    assert_eq!(
        renee[col("start_utf16")].parse::<usize>().unwrap(),
        t[..s.start].encode_utf16().count()
    );
    assert_eq!(
        renee[col("end_utf16")].parse::<usize>().unwrap(),
        t[..s.end].encode_utf16().count()
    );
    assert_ne!(
        renee[col("start")],
        renee[col("start_utf16")],
        "the emoji make the units differ"
    );
    assert_eq!(&renee[col("entity")], "Renée Dupont");
    // The quote over two paragraphs keeps its line break inside one quoted field.
    let quote = rows.iter().find(|r| &r[col("cue")] == "added").unwrap();
    assert!(quote[col("text")].contains('\n'));
    assert_eq!(&quote[col("source")], "a; \\ note");
    assert_eq!(&quote[col("status")], "suggested");
    let claim = rows.iter().find(|r| &r[col("kind")] == "claim").unwrap();
    assert_eq!(
        (
            &claim[col("country")],
            &claim[col("year")],
            &claim[col("value")],
            &claim[col("unit")]
        ),
        ("Poland", "2025", "4.7", "pct_gdp")
    );
    assert!(out.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn scope_filters_labels_and_suggestions() {
    let scope = Scope {
        accepted_only: true,
        labels: Some(vec!["PERSON".into()]),
    };
    let out = render(Format::Csv, &scope).remove(0).1;
    let rows = out.lines().count() - 1;
    // Two accepted PERSON mentions, the accepted quote and the accepted claim.
    assert_eq!(rows, 4, "{out}");
    assert!(!out.contains("Kościuszko,"), "suggested LOC left out");
}

#[test]
fn brat_writes_discontinuous_quotes_relations_notes_and_configuration() {
    let files = render(Format::Brat, &Scope::default());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "pl-answer.txt",
            "pl-answer.ann",
            "annotation.conf",
            "visual.conf"
        ]
    );
    assert_eq!(files[0].1, UNICODE_TEXT);
    let ann = &files[1].1;
    let t = UNICODE_TEXT;
    let (s, e) = cp(t, "Rene\u{301}e Dupont", 0);
    assert!(
        ann.contains(&format!("\tPERSON {s} {e}\tRene\u{301}e Dupont\n")),
        "{ann}"
    );
    // The two-paragraph quote: one fragment a line, texts joined by a space.
    let (qs, _) = cp(t, "“Poland will", 0);
    let (_, first_end) = cp(t, "ally 👨‍👩‍👧.", 0);
    let (second_start, _) = cp(t, "That is", 0);
    let (_, qe) = cp(t, "answer,”", 0);
    let line = ann
        .lines()
        .find(|l| l.contains(&format!("Quote {qs} {first_end};{second_start} {qe}")))
        .expect(ann);
    assert!(line.ends_with("ally 👨‍👩‍👧. That is our answer,”"), "{line}");
    // Suggested flag, notes with escapes, ISO3 attribute, speaker relation.
    let quote_id = line.split('\t').next().unwrap();
    assert!(ann.contains(&format!("Suggested {quote_id}\n")));
    assert!(ann.contains(&format!("AnnotatorNotes {quote_id}\tspeaker=Władysław Kosiniak-Kamysz; cue=added; source=a\\; \\\\ note\n")), "{ann}");
    assert!(
        ann.lines()
            .any(|l| l.contains("\tISO3 T") && l.ends_with(" POL"))
    );
    let rel = ann.lines().find(|l| l.starts_with('R')).unwrap();
    let minister = ann
        .lines()
        .find(|l| l.contains("\tPERSON ") && l.ends_with("Władysław Kosiniak-Kamysz"))
        .unwrap();
    assert!(
        rel.ends_with(&format!("Arg2:{}", minister.split('\t').next().unwrap())),
        "{rel}"
    );
    for claim_attr in ["Year", "Value", "Unit"] {
        assert!(
            ann.lines()
                .any(|l| l.contains(&format!("\t{claim_attr} T"))),
            "{claim_attr}"
        );
    }
    // No T line spans a line break.
    assert!(
        ann.lines()
            .filter(|l| l.starts_with('T'))
            .all(|l| l.split('\t').count() == 3)
    );
    let conf = &files[2].1;
    for needed in [
        "[entities]",
        "PERSON",
        "Quote",
        "Claim",
        "Speaker\tArg1:Quote, Arg2:<ENTITY>",
        "Unit\tArg:Claim, Value:pct_gdp|usd|eur|other",
        "ISO3\tArg:<ENTITY>, Value:POL",
        "Year\tArg:Claim, Value:2025",
        "Value\tArg:Claim, Value:4.7",
    ] {
        assert!(conf.contains(needed), "{needed} in {conf}");
    }
    assert!(files[3].1.contains("PERSON\tbgColor:#0072b2"));
}

#[test]
fn brat_stands_in_for_a_speaker_mention_that_is_not_exported() {
    let scope = Scope {
        accepted_only: false,
        labels: Some(vec!["GPE".into()]),
    };
    let files = render(Format::Brat, &scope);
    let ann = &files[1].1;
    let stand_in = ann
        .lines()
        .find(|l| l.contains("\tSpeakerMention "))
        .expect(ann);
    assert!(stand_in.ends_with("\tWładysław Kosiniak-Kamysz"));
    assert!(files[2].1.contains("SpeakerMention"));
}

#[test]
fn conll_tags_tokens_in_iob2_between_docstarts() {
    let out = single(Format::Conll);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some(export::conll::DOCSTART));
    assert_eq!(lines.next(), Some(""));
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(' ').collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == 4), "four columns");
    let tag = |tok: &str| rows.iter().find(|r| r[0] == tok).map(|r| r[3]).unwrap();
    assert_eq!(tag("Władysław"), "B-PERSON");
    assert_eq!(tag("Kosiniak"), "I-PERSON");
    assert_eq!(tag("-"), "I-PERSON");
    assert_eq!(tag("Kamysz"), "I-PERSON");
    assert_eq!(tag("Rene\u{301}e"), "B-PERSON");
    assert_eq!(tag("Dupont"), "I-PERSON");
    assert_eq!(tag("NATO"), "B-ORG");
    assert_eq!(tag("4.7"), "B-PERCENT");
    assert_eq!(tag("%"), "I-PERCENT");
    assert_eq!(tag("👨‍👩‍👧"), "O");
    assert_eq!(tag("—"), "O");
    // The possessive is split off, so the mention ends where the name does.
    assert_eq!(tag("Poland"), "B-GPE");
    assert_eq!(tag("’s"), "O");
    // Sentences: blank lines after the line break and after "added."
    let blank_lines = out.lines().filter(|l| l.is_empty()).count();
    assert!(blank_lines >= 4, "{out}");
}

#[test]
fn spacy_offsets_are_code_points_and_ents_do_not_overlap() {
    let out = single(Format::Spacy);
    let v: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["text"], UNICODE_TEXT);
    let chars: Vec<char> = UNICODE_TEXT.chars().collect();
    let slice = |s: &Value| {
        chars[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize]
            .iter()
            .collect::<String>()
    };
    let ents = v["ents"].as_array().unwrap();
    assert!(
        ents.iter()
            .any(|e| slice(e) == "Rene\u{301}e Dupont" && e["label"] == "PERSON")
    );
    for w in ents.windows(2) {
        assert!(
            w[0]["end"].as_u64() <= w[1]["start"].as_u64(),
            "sorted, not overlapping"
        );
    }
    assert_eq!(v["spans"]["sc"].as_array().unwrap().len(), 8);
    assert_eq!(v["spans"]["quote"].as_array().unwrap().len(), 2);
    assert_eq!(
        slice(&v["spans"]["claim"][0]),
        "Poland will spend 4.7% of GDP in 2025"
    );
    assert_eq!(v["meta"]["id"], "pl-answer");
}

#[test]
fn label_studio_tasks_split_annotations_and_predictions_with_a_config() {
    let files = render(Format::LabelStudio, &Scope::default());
    let tasks: Value = serde_json::from_str(&files[0].1).unwrap();
    let task = &tasks[0];
    assert_eq!(task["data"]["text"], UNICODE_TEXT);
    let accepted = task["annotations"][0]["result"].as_array().unwrap();
    let suggested = task["predictions"][0]["result"].as_array().unwrap();
    let regions = |r: &[Value]| r.iter().filter(|x| x["type"] == "labels").count();
    assert_eq!(regions(accepted), 8);
    assert_eq!(regions(suggested), 3);
    let chars: Vec<char> = UNICODE_TEXT.chars().collect();
    for r in accepted
        .iter()
        .chain(suggested)
        .filter(|x| x["type"] == "labels")
    {
        let (s, e) = (
            r["value"]["start"].as_u64().unwrap() as usize,
            r["value"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            r["value"]["text"].as_str().unwrap()
        );
    }
    let rel = accepted.iter().find(|x| x["type"] == "relation").unwrap();
    let quote = accepted
        .iter()
        .find(|x| x["value"]["labels"][0] == "Quote")
        .unwrap();
    assert_eq!(rel["from_id"], quote["id"]);
    let unit = accepted.iter().find(|x| x["from_name"] == "unit").unwrap();
    assert_eq!(unit["value"]["choices"][0], "pct_gdp");
    let config = &files[1].1;
    assert_eq!(files[1].0, "config.xml");
    for name in [
        "name=\"label\"",
        "name=\"entity\"",
        "name=\"year\"",
        "name=\"unit\"",
        "<Relation value=\"speaker\"/>",
        "value=\"$text\"",
    ] {
        assert!(config.contains(name), "{name} in {config}");
    }
}

#[test]
fn web_annotation_has_both_selectors_in_code_points() {
    let out = single(Format::WebAnno);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), v["total"].as_u64().unwrap() as usize);
    let chars: Vec<char> = UNICODE_TEXT.chars().collect();
    for a in items {
        assert_eq!(a["type"], "Annotation");
        assert_eq!(a["target"]["source"], "https://example.org/poland-answer");
        let pos = &a["target"]["selector"][0];
        let quote = &a["target"]["selector"][1];
        assert_eq!(pos["type"], "TextPositionSelector");
        let (s, e) = (
            pos["start"].as_u64().unwrap() as usize,
            pos["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            quote["exact"].as_str().unwrap()
        );
        let prefix: String = chars[s.saturating_sub(32)..s].iter().collect();
        assert_eq!(quote["prefix"].as_str().unwrap(), prefix);
    }
    let renee = items
        .iter()
        .find(|a| a["target"]["selector"][1]["exact"] == "Rene\u{301}e Dupont")
        .unwrap();
    assert_eq!(renee["motivation"], "identifying");
    assert_eq!(renee["body"][1]["value"], "Renée Dupont");
}

#[test]
fn claims_table_compares_with_official_figures() {
    let out = single(Format::Claims);
    let mut r = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        export::claims::HEADER
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    let col = |name: &str| {
        let i = export::claims::HEADER
            .iter()
            .position(|h| *h == name)
            .unwrap();
        row[i].to_string()
    };
    assert_eq!(col("country"), "Poland");
    assert_eq!(col("date"), "2025-06-24");
    assert_eq!(col("outlet"), "Test Wire");
    // The claim sits inside the minister's quote.
    assert_eq!(col("speaker"), "Władysław Kosiniak-Kamysz");
    assert_eq!(col("claimed_value"), "4.7");
    assert_eq!(col("year"), "2025");
    assert_eq!(col("year_basis"), "stated");
    // On 24 June 2025 the June 2024 edition was current: it has no 2025.
    assert_eq!(col("at_time_value"), "");
    assert!(
        col("notes").contains("at the time: the Jun 2024 edition has no figure for Poland 2025"),
        "{}",
        col("notes")
    );
    assert_eq!(col("now_value"), "4.25");
    assert_eq!(col("now_edition"), "Jul 2026, core, est.");
    assert_eq!(
        col("now_difference"),
        "0.45",
        "claimed minus official, rounded"
    );
    assert_eq!(col("official_unit"), "pct_gdp");
    assert_eq!(col("status"), "accepted");
}

#[test]
fn export_writes_files_and_cancel_writes_nothing() {
    let (p, id) = unicode_project();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tasks.json");
    let calls = std::cell::Cell::new(0);
    let s = export::export(
        &p,
        &[id],
        &Scope::default(),
        Format::LabelStudio,
        &out,
        &|done, total| {
            calls.set(calls.get() + 1);
            assert_eq!((done, total), (1, 1));
            true
        },
    )
    .unwrap();
    assert_eq!(calls.get(), 1);
    assert_eq!(s.files, [out.clone(), dir.path().join("tasks.config.xml")]);
    assert_eq!(s.annotations, 11);
    let cancelled = dir.path().join("c.csv");
    let e = export::export(
        &p,
        &[id],
        &Scope::default(),
        Format::Csv,
        &cancelled,
        &|_, _| false,
    )
    .unwrap_err();
    assert!(matches!(e, export::ExportError::Cancelled));
    assert!(!cancelled.exists());
    let folder = dir.path().join("brat");
    let s = export::export(
        &p,
        &[id],
        &Scope::default(),
        Format::Brat,
        &folder,
        &|_, _| true,
    )
    .unwrap();
    assert_eq!(s.files.len(), 4);
    assert!(folder.join("annotation.conf").is_file());
    assert!(matches!(
        export::export(
            &p,
            &[dossier::model::DocId(999)],
            &Scope::default(),
            Format::Csv,
            &cancelled,
            &|_, _| true
        ),
        Err(export::ExportError::NoDocument(999))
    ));
    let conll = export::export(
        &p,
        &[id],
        &Scope::default(),
        Format::Conll,
        &dir.path().join("x.conll"),
        &|_, _| true,
    )
    .unwrap();
    assert!(
        conll.notes.iter().any(|n| n.contains("quote")),
        "{:?}",
        conll.notes
    );
}

#[test]
fn cli_exports_a_project_and_articles() {
    let (p, _) = unicode_project();
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.dossier");
    dossier::project::save(&p, &project).unwrap();
    let out = dir.path().join("out.jsonl");
    let bin = env!("CARGO_BIN_EXE_dossier");
    let status = std::process::Command::new(bin)
        .args([
            "export",
            project.to_str().unwrap(),
            "--format",
            "jsonl",
            "-o",
            out.to_str().unwrap(),
            "--accepted-only",
            "--label",
            "person",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let v: Value = serde_json::from_str(
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(v["entities"].as_array().unwrap().len(), 2);
    assert_eq!(v["quotes"].as_array().unwrap().len(), 1);
    let folder = dir.path().join("brat");
    let article = sample_dir().join("articles/01_dod-austin-pistorius-germany-2pct.txt");
    let status = std::process::Command::new(bin)
        .args([
            "export",
            article.to_str().unwrap(),
            "--format",
            "brat",
            "-o",
            folder.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        folder
            .join("01_dod-austin-pistorius-germany-2pct.txt")
            .is_file()
    );
}

#[test]
fn spacy_tokens_rebuild_the_text_and_bound_every_span() {
    let out = single(Format::Spacy);
    let v: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let tokens = v["tokens"].as_array().unwrap();
    let rebuilt: String = tokens
        .iter()
        .map(|t| {
            format!(
                "{}{}",
                t["text"].as_str().unwrap(),
                if t["ws"] == true { " " } else { "" }
            )
        })
        .collect();
    assert_eq!(rebuilt, UNICODE_TEXT);
    let starts: Vec<u64> = tokens
        .iter()
        .map(|t| t["start"].as_u64().unwrap())
        .collect();
    let ends: Vec<u64> = tokens.iter().map(|t| t["end"].as_u64().unwrap()).collect();
    let mut all = v["ents"].as_array().unwrap().clone();
    for g in ["sc", "quote", "claim"] {
        all.extend(v["spans"][g].as_array().unwrap().iter().cloned());
    }
    for s in all {
        assert!(starts.contains(&s["start"].as_u64().unwrap()), "{s}");
        assert!(ends.contains(&s["end"].as_u64().unwrap()), "{s}");
    }
    assert!(
        tokens.iter().any(|t| t["text"] == "👨‍👩‍👧"),
        "a ZWJ family is one token"
    );
}

#[test]
fn conll_tokens_align_with_the_reference_mentions() {
    let p = reference_project();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref.conll");
    let s = export::export(
        &p,
        &all_ids(&p),
        &Scope::default(),
        Format::Conll,
        &out,
        &|_, _| true,
    )
    .unwrap();
    eprintln!("{:?}", s.notes);
    let misaligned = s.notes.iter().any(|n| n.contains("token boundary"));
    assert!(
        !misaligned,
        "every reference mention starts and ends on a token: {:?}",
        s.notes
    );
    let entities: usize = p
        .documents
        .iter()
        .map(|d| d.count_live(|a| a.is_entity()))
        .sum();
    let nested: usize = s
        .notes
        .iter()
        .find(|n| n.contains("cannot nest"))
        .map_or(0, |n| n.split(' ').next().unwrap().parse().unwrap());
    assert_eq!(
        s.annotations + nested,
        entities,
        "every mention is written or counted as nested"
    );
    assert!(s.annotations > 300);
}

#[test]
fn jsonl_keeps_the_annotate_contract_with_document_metadata() {
    let out = single(Format::Jsonl);
    assert_eq!(out.lines().count(), 1);
    let v: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    for (k, want) in [
        ("id", "pl-answer"),
        ("title", "Poland’s answer"),
        ("date", "2025-06-24"),
        ("outlet", "Test Wire"),
        ("url", "https://example.org/poland-answer"),
    ] {
        assert_eq!(v[k], want, "{k}");
    }
    assert_eq!(v["text_sha256"].as_str().unwrap().len(), 64);
    let chars: Vec<char> = UNICODE_TEXT.chars().collect();
    for list in ["entities", "quotes", "claims"] {
        for a in v[list].as_array().unwrap() {
            let (s, e) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[s..e].iter().collect::<String>(),
                a["text"].as_str().unwrap(),
                "{list}"
            );
        }
    }
    let q = &v["quotes"][0];
    let (s, e) = (
        q["speaker_start"].as_u64().unwrap() as usize,
        q["speaker_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "Władysław Kosiniak-Kamysz"
    );
    assert_eq!(v["claims"][0]["iso3"], "POL");
}
