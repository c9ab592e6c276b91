//! A brat pair from any bytes: the text before the first 0xFF byte, the
//! `.ann` after it, so that offsets are fuzzed against the text. Every
//! annotation read must fit the text, and the corpus must join a project.
#![no_main]

use dossier::import::annotated::{
    ImportedCorpus, ImportedDocument, brat::parse_ann, text_from_bytes,
};
use dossier::model::DocumentMeta;
use dossier_fuzz::{check_corpus, fake_path, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((txt, ann)) = split(data) else {
        return;
    };
    let (txt_path, ann_path) = (fake_path("txt"), fake_path("ann"));
    // The same decoding the file-based reader does, errors included.
    let (Ok(text), Ok(ann_text)) = (
        text_from_bytes(&txt_path, txt.to_vec()),
        text_from_bytes(&ann_path, ann.to_vec()),
    ) else {
        return;
    };
    let (annotations, issues) = parse_ann(&text, &ann_text, &ann_path);
    for i in &issues {
        assert_eq!(i.path, ann_path, "{i}");
    }
    check_corpus(&ImportedCorpus {
        documents: vec![ImportedDocument {
            meta: DocumentMeta::default(),
            text,
            annotations,
        }],
        issues,
        labels: Vec::new(),
    });
});
