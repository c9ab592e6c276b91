//! The engine never panics on user input and only returns spans that lie on
//! character boundaries inside the text.

use dossier::annotate::{Context, FindingKind, find};
use proptest::prelude::*;

fn check(text: &str) {
    for f in find(text, &Context::default()) {
        assert!(f.span.start < f.span.end, "empty span in {text:?}");
        assert!(
            text.get(f.span.start..f.span.end).is_some(),
            "bad span {:?} in {text:?}",
            f.span
        );
        if let FindingKind::Quote {
            speaker_span: Some(s),
            ..
        } = f.kind
        {
            assert!(
                text.get(s.start..s.end).is_some(),
                "bad speaker span in {text:?}"
            );
        }
    }
}

#[test]
fn odd_inputs() {
    for t in [
        "",
        "\"",
        "“”",
        "\"\"\"\n\"",
        "$",
        "$ billion",
        "5",
        "% of GDP",
        "Mr.",
        "President [",
        "President [Donald J.",
        "U.S.-",
        "WASHINGTON,",
        "Poland spends 4% of its",
        "“Camp",
        "Jan.",
        "mid-",
        "—“Yes,” he said",
        "🙂🙂 “Ja” – sagte er. Ünïcödé Łódź, 3 % des BIP 🇵🇱",
    ] {
        check(t);
    }
}

proptest! {
    #[test]
    fn never_panics_on_article_like_text(words in proptest::collection::vec(
        prop_oneof![
            Just("Poland"), Just("spends"), Just("4%"), Just("of"), Just("its"), Just("GDP"), Just("\""), Just("“"),
            Just("”"), Just("said"), Just("he"), Just("Secretary"), Just("Daniel"), Just("Zimmerman"), Just("."),
            Just(","), Just("\n"), Just("$7.7"), Just("billion"), Just("in"), Just("2023"), Just("Mr."), Just("—"),
            Just("Kościuszko"), Just("🙂"), Just("May"), Just("5,"), Just("the"), Just("minister"), Just("[")
        ],
        0..60,
    )) {
        let text = words.join(" ");
        check(&text);
    }
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,300}") {
        check(&text);
    }
}
