//! Dossier's own JSON Lines read back, from any bytes. Without a 0xFF byte
//! the input is the whole file; with one, the part before it is a
//! document's text and the part after it the rest of its record
//! (`"entities":[...],"quotes":[...]`), so that offsets are fuzzed against
//! a text the fuzzer controls.
#![no_main]

use dossier::import::annotated::{jsonl, text_from_bytes};
use dossier_fuzz::{check_corpus, fake_path, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = fake_path("jsonl");
    let bytes = match split(data) {
        Some((text, rest)) => {
            let text = String::from_utf8_lossy(text);
            let mut line =
                format!("{{\"text\":{},", serde_json::Value::from(text.as_ref())).into_bytes();
            line.extend_from_slice(rest);
            line.push(b'}');
            line
        }
        None => data.to_vec(),
    };
    let Ok(source) = text_from_bytes(&path, bytes) else {
        return;
    };
    let corpus = jsonl::parse(&source, &path);
    for i in &corpus.issues {
        assert_eq!(i.path, path, "{i}");
    }
    check_corpus(&corpus);
});
