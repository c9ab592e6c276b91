//! Label Studio tasks from any bytes. Without a 0xFF byte the input is the
//! whole file; with one, the part before it is a task's text and the part
//! after it that task's `result` list, so that offsets are fuzzed against
//! a text the fuzzer controls.
#![no_main]

use dossier::import::annotated::{labelstudio, text_from_bytes};
use dossier_fuzz::{check_corpus, fake_path, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = fake_path("json");
    let bytes = match split(data) {
        Some((text, result)) => {
            let text = String::from_utf8_lossy(text);
            let mut file = format!(
                "[{{\"data\":{{\"text\":{}}},\"annotations\":[{{\"result\":",
                serde_json::Value::from(text.as_ref())
            )
            .into_bytes();
            file.extend_from_slice(result);
            file.extend_from_slice(b"}]}]");
            file
        }
        None => data.to_vec(),
    };
    let Ok(source) = text_from_bytes(&path, bytes) else {
        return;
    };
    match labelstudio::parse(&source, &path) {
        Ok(corpus) => {
            for i in &corpus.issues {
                assert_eq!(i.path, path, "{i}");
            }
            check_corpus(&corpus);
        }
        Err(e) => assert_eq!(e.path, path, "{e}"),
    }
});
