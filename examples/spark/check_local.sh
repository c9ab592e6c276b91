#!/usr/bin/env bash
# Runs examples/spark/annotate_corpus.py in Spark's local mode on a small
# corpus split into several partitions and checks that the result equals a
# direct `dossier annotate -` of the same corpus, line for line.
#
#   examples/spark/check_local.sh PYTHON DOSSIER_BINARY
#
# PYTHON has PySpark installed; a Java runtime must be on the PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${1:?usage: check_local.sh PYTHON DOSSIER_BINARY}
dossier=$(realpath "${2:?usage: check_local.sh PYTHON DOSSIER_BINARY}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The corpus: the sample articles several times over (with ids and without,
# the same text twice), a plain-text record, and a record that is not JSON,
# which both runs report and skip.
"$python" - "$work/corpus.jsonl" <<'PY'
import glob, json, sys
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("sample-data/articles/*.txt"))]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    n = 0
    for copy in range(6):
        for i, t in enumerate(texts):
            n += 1
            record = {"text": t, "title": f"copy {copy} of {i}"}
            if n % 3:
                record["id"] = f"doc-{n}"
            out.write(json.dumps(record, ensure_ascii=(n % 2 == 0)) + "\n")
        if copy == 2:
            out.write("{this is not JSON\n")
            out.write("\n")
PY
lines=$(wc -l < "$work/corpus.jsonl")
bad=$(grep -n '^{this is not JSON' "$work/corpus.jsonl" | cut -d: -f1)

export PYSPARK_PYTHON="$python" SPARK_LOCAL_IP=127.0.0.1
start=$(date +%s%N)
"$python" examples/spark/annotate_corpus.py "$work/corpus.jsonl" "$work/out" \
  --dossier "$dossier" --partitions 4 --master 'local[2]' 2> "$work/spark.log" || {
  tail -n 40 "$work/spark.log" >&2
  exit 1
}
end=$(date +%s%N)
parts=$(ls "$work"/out/part-* | wc -l)
cat "$work"/out/part-* > "$work/spark.jsonl"

code=0
"$dossier" annotate - < "$work/corpus.jsonl" > "$work/direct.jsonl" 2> "$work/direct.err" || code=$?
if [ "$code" != 1 ] || ! grep -q "line $bad: not valid JSON" "$work/direct.err"; then
  echo "direct run: exit $code, expected 1 with the bad record on line $bad:" >&2
  cat "$work/direct.err" >&2
  exit 1
fi
if ! cmp -s "$work/spark.jsonl" "$work/direct.jsonl"; then
  echo "Spark and the direct run differ:" >&2
  diff <(cut -c1-200 "$work/spark.jsonl") <(cut -c1-200 "$work/direct.jsonl") | head -20 >&2
  exit 1
fi
records=$(wc -l < "$work/direct.jsonl")
ms=$(( (end - start) / 1000000 ))
printf 'spark_local_wall_s %d.%01d s\n' $((ms / 1000)) $((ms % 1000 / 100))
echo "spark_local_partitions $parts partitions"
echo "spark_equal_lines $records of $lines input lines (1 bad, 1 blank): identical"
