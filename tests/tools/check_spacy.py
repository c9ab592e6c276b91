#!/usr/bin/env python3
"""Checks a Dossier spaCy export with spaCy itself.

Usage: check_spacy.py EXPORT.jsonl [OUT.spacy]

For every document it builds the Doc from the export's `tokens`
(`Doc(nlp.vocab, words=..., spaces=...)`), checks that the tokens give back
the text exactly, and asserts that every span in `ents` and in each `spans`
group comes back from `doc.char_span(start, end, label=label)` in strict
alignment (spaCy's default) covering the text at those code-point offsets;
`doc.ents` must accept the `ents`. It also counts the spans that spaCy's own
tokenizer (`nlp.make_doc(text)`, blank English) would not align, and lists
them: that count is information, not a failure. With OUT it writes a DocBin,
the input of `spacy train`. Exits non-zero on the first real failure.
"""

import json
import sys

import spacy
from spacy.tokens import Doc, DocBin


def main() -> int:
    path = sys.argv[1]
    nlp = spacy.blank("en")
    db = DocBin()
    docs = spans = 0
    own_tokenizer_misses = []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["text"]
            tokens = record["tokens"]
            doc = Doc(nlp.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
            if doc.text != text:
                print(f"{path}:{line_no}: the tokens do not give back the text", file=sys.stderr)
                return 1
            plain = nlp.make_doc(text)
            groups = {"ents": record.get("ents", [])}
            groups.update(record.get("spans", {}))
            made = {}
            for group, items in groups.items():
                made[group] = []
                for s in items:
                    span = doc.char_span(s["start"], s["end"], label=s["label"])
                    if span is None or span.text != text[s["start"] : s["end"]]:
                        print(f"{path}:{line_no}: {group} {s} has no span on the export's tokens", file=sys.stderr)
                        return 1
                    made[group].append(span)
                    spans += 1
                    if group == "ents" and plain.char_span(s["start"], s["end"]) is None:
                        whole = plain.char_span(s["start"], s["end"], alignment_mode="expand")
                        own_tokenizer_misses.append(f"{text[s['start']:s['end']]!r} in {whole.text!r}")
            doc.ents = made.pop("ents")  # raises if they overlap
            for group, items in made.items():
                doc.spans[group] = items
            db.add(doc)
            docs += 1
    if len(sys.argv) > 2:
        db.to_disk(sys.argv[2])
    print(f"spaCy {spacy.__version__}: {docs} documents, {spans} spans, every char_span aligned on the export's tokens")
    print(
        f"with spaCy's own English tokenizer {len(own_tokenizer_misses)} entity span(s) fall inside a token: "
        + "; ".join(own_tokenizer_misses)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
