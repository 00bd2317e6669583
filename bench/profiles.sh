#!/usr/bin/env bash
# What each `build --evidence` profile costs, beside a binary that writes
# the old graph: for each, N-Quads (quads, bytes, wall time, peak memory)
# and a new store (bytes on disk, wall time, peak memory). The variants run
# interleaved, round after round, so that old and new share the same
# minutes on a busy machine; compare ratios within one run.
#
# Usage: bench/profiles.sh CORPUS.jsonl [OLD_BINARY] [ROUNDS]
#   CORPUS   e.g. from: python3 ../shared/bench/make_corpus.py --docs 10000 --jsonl /tmp/lean10k.jsonl
#   OLD      a newsgraph binary of the graph before (default: none, new profiles only)
#   ROUNDS   default 2
# Prints one TSV row per run: variant, target, round, wall s, peak RSS MB,
# quads, bytes (N-Quads file or du -sb of the store). WORK (default /tmp)
# holds the outputs while they are measured; each is removed after.
set -euo pipefail
corpus=${1:?usage: bench/profiles.sh CORPUS.jsonl [OLD_BINARY] [ROUNDS]}
old=${2:-}
rounds=${3:-2}
work=${WORK:-/tmp}
new="$(cd "$(dirname "$0")/.." && pwd)/target/release/newsgraph"

variants=()
[ -n "$old" ] && variants+=("old")
variants+=("full" "sentence" "none")

# Runs one build under /usr/bin/time -v; prints wall seconds and peak RSS MB.
timed() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" 2>"$log" >/dev/null
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  rm -f "$log"
  echo "$wall $rss"
}

command_of() {
  case $1 in
    old) echo "$old" ;;
    *) echo "$new" ;;
  esac
}

profile_args() {
  case $1 in
    old) ;;
    *) echo "--evidence $1" ;;
  esac
}

printf 'variant\ttarget\tround\twall_s\tpeak_rss_mb\tquads\tbytes\n'
for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    out="$work/profiles-$variant.nq"
    # shellcheck disable=SC2046
    read -r wall rss < <(timed "$(command_of "$variant")" build "$corpus" --output "$out" --quiet $(profile_args "$variant"))
    printf '%s\tnquads\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$round" "$wall" "$rss" "$(wc -l <"$out")" "$(stat -c %s "$out")"
    rm -f "$out"
  done
  for variant in "${variants[@]}"; do
    store="$work/profiles-$variant.db"
    rm -rf "$store"
    # shellcheck disable=SC2046
    read -r wall rss < <(timed "$(command_of "$variant")" build "$corpus" --store "$store" --quiet $(profile_args "$variant"))
    printf '%s\tstore\t%s\t%s\t%s\t-\t%s\n' "$variant" "$round" "$wall" "$rss" "$(du -sb "$store" | cut -f1)"
    rm -rf "$store"
  done
done
