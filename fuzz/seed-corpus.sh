#!/usr/bin/env bash
# Writes the seed corpora in fuzz/corpus/<target>/ from the sample data and
# the test fixtures: a few small real articles, and what Dossier itself
# writes from them (JSON Lines, brat, Label Studio, a project), so that the
# fuzzer starts from valid files of every format. Run from anywhere; the
# seeds are committed, so this is needed only to make them again.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --no-default-features --bin dossier
dossier="${CARGO_TARGET_DIR:-target}/debug/dossier"
articles=(sample-data/articles/00_seed.txt sample-data/articles/03_af-austin-latvia-valued-nato-partner.txt)
c=fuzz/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$c"
mkdir -p "$c"/{text,html,json,jsonl,csv_data,brat,labelstudio,annotated_jsonl,project}

cp "${articles[@]}" "$c/text/"
printf '# NATO at 75\n\n“Poland — 4%%,” said *Kosiniak-Kamysz* in Kraków 👍.\n' >"$c/text/heading.md"
printf '\x93Poland will spend 4%%,\x94 said the minister in Krak\xf3w.\r\n' >"$c/text/windows-1252.txt"

{
    printf '<!doctype html><html><head><title>Poland &amp; NATO</title>'
    printf '<meta property="article:published_time" content="2024-06-17">'
    printf '<link rel="canonical" href="https://example.org/a"><script>x()</script></head><body>'
    sed 's/.*/<p>&<\/p>/' "${articles[0]}"
    printf '<pre> kept\n  as is</pre><ul><li>one</li></ul></body></html>\n'
} >"$c/html/page.html"

"$dossier" annotate "${articles[@]}" -o "$tmp/annotated.jsonl"
cp "$tmp/annotated.jsonl" "$c/annotated_jsonl/two-documents.jsonl"
cp "$tmp/annotated.jsonl" "$c/jsonl/two-articles.jsonl"
head -n 1 "$tmp/annotated.jsonl" >"$c/json/one-article.json"
printf '{"articles":[{"headline":"H","body":"Łódź — 2%%","published":"2024"},{"content":"b"}]}\n' >"$c/json/wrapped.json"
# The split form the target also reads: text, 0xFF, the rest of a record.
{
    printf 'Kosiniak-Kamysz met Pistorius in Kraków 👍.\xff'
    printf '"entities":[{"start":0,"end":15,"text":"Kosiniak-Kamysz","label":"PERSON","entity":"W. Kosiniak-Kamysz"}],'
    printf '"quotes":[{"start":16,"end":19,"speaker_start":0,"speaker_end":15}],'
    printf '"claims":[{"start":33,"end":39,"country":"Poland","value":4.0,"year":2024,"unit":"pct_gdp"}]'
} >"$c/annotated_jsonl/split.bin"

"$dossier" export "${articles[0]}" --format brat -o "$tmp/brat"
for ann in "$tmp"/brat/*.ann; do
    { cat "${ann%.ann}.txt"; printf '\xff'; cat "$ann"; } >"$c/brat/$(basename "${ann%.ann}").bin"
done
{
    printf 'Austin met Pistorius in Berlin.\xff'
    printf 'T1\tPERSON 0 6\tAustin\nT2\tGPE 24 30\tBerlin\nA1\tSuggested T1\n#1\tAnnotatorNotes T1\tentity=Lloyd Austin\n'
    printf 'T3\tQuote 0 10;11 20\tAustin met Pistorius\nR1\tSpeaker Arg1:T3 Arg2:T1\nN1\tReference T2 Wikidata:Q64\tBerlin\n'
} >"$c/brat/handmade.bin"

"$dossier" export "${articles[0]}" --format labelstudio -o "$tmp/tasks.json"
cp "$tmp/tasks.json" "$c/labelstudio/"
{
    printf 'Austin met Pistorius in Berlin.\xff'
    printf '[{"id":"a","type":"labels","from_name":"label","value":{"start":0,"end":6,"text":"Austin","labels":["PERSON"]}},'
    printf '{"id":"a","type":"textarea","from_name":"entity","value":{"text":["Lloyd Austin"]}},'
    printf '{"id":"q","type":"labels","from_name":"label","value":{"start":0,"end":20,"labels":["Quote"]}},'
    printf '{"type":"relation","from_id":"q","to_id":"a"}]'
} >"$c/labelstudio/split.bin"

cp tests/fixtures/spending/*.csv "$c/csv_data/"

"$dossier" annotate "${articles[0]}" --save "$tmp/p.dossier" >/dev/null
cp "$tmp/p.dossier" "$c/project/one-document.dossier"

du -sh "$c"
