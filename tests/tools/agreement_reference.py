#!/usr/bin/env python3
"""Expected agreement figures for the fixtures in tests/fixtures/agree.

Computes Cohen's kappa (scikit-learn's cohen_kappa_score) for every pair of
analysts and Krippendorff's alpha (the `krippendorff` package, nominal) over
all of them, on token labels, overall and per label, and per article; writes
them to expected.json beside each fixture's projects. tests/core/agree.rs
compares Dossier's figures with these (within 1e-9), so `cargo test` needs no
Python.

    pip install scikit-learn krippendorff
    python3 tests/tools/agreement_reference.py

Tokens are the whitespace-separated words: the fixture texts are written so
that Dossier's tokenizer cuts them the same way (the Rust test checks that).
A token's label is that of the first accepted entity overlapping it (by
start, then longest, then id), "O" outside every entity. Figures that are
undefined (the reference raises or returns NaN) are null.
"""

import hashlib
import itertools
import json
import math
import re
import sys
import warnings
from pathlib import Path

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "agree"
ALL = "(all)"


def token_labels(doc):
    text = doc["text"]
    entities = sorted(
        (a for a in doc["annotations"] if a["kind"] == "entity" and a["status"] == "accepted"),
        key=lambda a: (a["start"], -a["end"], a["id"]),
    )
    labels = []
    for m in re.finditer(r"\S+", text):
        s, e = m.start(), m.end()
        hit = next((a for a in entities if a["start"] < e and s < a["end"]), None)
        labels.append(hit["label"] if hit else "O")
    return labels


def load(case_dir):
    names, layers = [], []
    for path in sorted(case_dir.glob("*.dossier")):
        names.append(path.stem)
        project = json.loads(path.read_text(encoding="utf-8"))
        layers.append(
            {hashlib.sha256(d["text"].encode("utf-8")).hexdigest(): token_labels(d) for d in project["documents"]}
        )
    order = []
    for layer in layers:
        order.extend(h for h in layer if h not in order)
    return names, layers, order


def code(label, only):
    if only is None:
        return label
    return "1" if label == only else "0"


def kappa(a, b):
    if not a:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = cohen_kappa_score(a, b)
    return None if math.isnan(k) else float(k)


def alpha(rows):
    """rows[rater][unit]: a label or None (missing)."""
    values = sorted({v for r in rows for v in r if v is not None})
    index = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if v is None else index[v] for v in r] for r in rows], dtype=float)
    if data.shape[1] == 0:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:
        return None
    return None if math.isnan(a) else float(a)


def figures(names, layers, hashes, only):
    rows = [[] for _ in names]
    for h in hashes:
        n = next(len(layer[h]) for layer in layers if h in layer)
        for r, layer in enumerate(layers):
            rows[r].extend(code(x, only) for x in layer[h]) if h in layer else rows[r].extend([None] * n)
    kappas = {}
    for i, j in itertools.combinations(range(len(names)), 2):
        pairs = [(x, y) for x, y in zip(rows[i], rows[j]) if x is not None and y is not None]
        kappas[f"{names[i]}|{names[j]}"] = kappa([p[0] for p in pairs], [p[1] for p in pairs])
    return {"alpha": alpha(rows), "kappa": kappas}


def main():
    cases = sorted(p for p in ROOT.iterdir() if p.is_dir())
    for case in cases:
        names, layers, order = load(case)
        labels = sorted({l for layer in layers for doc in layer.values() for l in doc} - {"O"})
        expected = {
            "reference": "scikit-learn cohen_kappa_score; krippendorff.alpha nominal",
            "annotators": names,
            "overall": {ALL: figures(names, layers, order, None)},
            "per_label": {l: figures(names, layers, order, l) for l in labels},
            "per_document": {h: figures(names, layers, [h], None) for h in order},
        }
        out = case / "expected.json"
        out.write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
