//! Any bytes read as a CSV file of spending figures: figures or an error
//! naming the file, never a panic; every figure is a real number for a
//! real country code.
#![no_main]

use dossier::data::import::{ImportOptions, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match import_bytes(data, "input.csv", &ImportOptions::default()) {
        Ok(imported) => {
            for o in imported.dataset.observations() {
                assert!(o.value.is_finite(), "figure {} for {}", o.value, o.iso3);
                assert!(
                    o.iso3.len() == 3 && o.iso3.bytes().all(|b| b.is_ascii_uppercase()),
                    "country code {:?}",
                    o.iso3
                );
            }
            for issue in &imported.issues {
                assert!(issue.line >= 1, "a row issue without a line: {issue}");
            }
        }
        Err(e) => assert!(e.to_string().contains("input.csv"), "{e}"),
    }
});
