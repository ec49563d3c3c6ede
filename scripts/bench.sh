#!/usr/bin/env bash
# End-to-end throughput of the release `khabar extract` binary over ../shared/data/corpus,
# against the bare baseline of issue #2, all in one run so the figures share the machine
# state:
#
#   bare       examples/bare_scan: one leftmost-longest Aho-Corasick automaton over the
#              built-in aliases scanning the already-normalized corpus, counting matches
#   foundation khabar extract --no-rules --no-dates --no-events (read + decode + normalize
#              + match + resolve + write every output), -j1 and -j2
#   full       khabar extract, all stages, all outputs (timeline.xlsx included), -j1 and -j2
#   foundation-no-xlsx  the foundation run without timeline.xlsx (the issue #2 outputs only)
#   no-rules   the full run with --no-rules, -j1: the rules' share of issue #5
#   x10        the full run over the corpus given 10 times (-j2): peak RSS must stay flat
#
#   scripts/bench.sh [CORPUS_DIR]        (default: ../shared/data/corpus)
#   KHABAR_BIN=/path/to/khabar           an existing binary (default: build target/release)
#   BENCH_ROUNDS=N                       runs per 1x configuration, best kept (default 3)
#   BENCH_X10_J1=1                       also run the corpus x10 at -j1 (slow)
#
# Needs GNU time at /usr/bin/time for the peak RSS ("Maximum resident set size"); on
# Debian/Ubuntu: `apt-get install time` (the shell builtin `time` does not report memory).
# MB/s counts the bytes of the corpus's .txt files for every row, so rows can be divided.
# Results go to stdout as Markdown; outputs are written under a temp folder and removed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/data/corpus}"
rounds="${BENCH_ROUNDS:-3}"
if [ ! -d "$corpus" ]; then
    echo "skipping: corpus folder $corpus not found" >&2
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is missing: apt-get install time" >&2
    exit 2
fi

bin="${KHABAR_BIN:-}"
(cd "$root" && cargo build --release --quiet --example bare_scan)
bare_bin="$root/target/release/examples/bare_scan"
if [ -z "$bin" ]; then
    (cd "$root" && cargo build --release --quiet --bin khabar)
    bin="$root/target/release/khabar"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The corpus 10 times: ten symlinks, each given as an input (a symlinked input root is
# followed; documents keep distinct paths).
mkdir -p "$tmp/x10"
x10_inputs=()
for i in 0 1 2 3 4 5 6 7 8 9; do
    ln -s "$(cd "$corpus" && pwd)" "$tmp/x10/c$i"
    x10_inputs+=("$tmp/x10/c$i")
done

docs=$(find -L "$corpus" -type f -name '*.txt' | wc -l)
bytes=$(find -L "$corpus" -type f -name '*.txt' -print0 | xargs -0 cat | wc -c)

echo "khabar $(git -C "$root" rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), corpus: $corpus ($docs documents, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b/1e6 }') MB), best of $rounds"
echo

# The bare baseline (its own best of $rounds scans; reading and normalizing not timed).
bare_line=$("$bare_bin" "$corpus" "$rounds")
bare_mbs=$(sed -n 's/.* mb_per_s=\([0-9.]*\).*/\1/p' <<<"$bare_line")
bare_secs=$(sed -n 's/.* secs=\([0-9.]*\).*/\1/p' <<<"$bare_line")
bare_docs=$(sed -n 's/.* docs_per_s=\([0-9.]*\).*/\1/p' <<<"$bare_line")

echo "| run | input | threads | wall s | MB/s | docs/s | peak RSS MB | exit |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
printf '| bare Aho-Corasick scan (count only) | corpus | 1 | %s | %s | %s | - | 0 |\n' \
    "$bare_secs" "$bare_mbs" "$bare_docs"

declare -A MBS RSS
run() { # name, label, factor, threads, extract options (up to --), inputs...
    local name="$1" label="$2" factor="$3" threads="$4"
    shift 4
    local opts=()
    while [ "$1" != "--" ]; do
        opts+=("$1")
        shift
    done
    shift
    local best="" best_rss="" rc=0 n=$rounds
    [ "$factor" -gt 1 ] && n=1
    for _ in $(seq "$n"); do
        local out="$tmp/out" log="$tmp/time.txt" r=0
        /usr/bin/time -v -o "$log" "$bin" extract -q -j "$threads" "${opts[@]}" -o "$out" "$@" \
            >/dev/null 2>"$tmp/stderr.txt" || r=$?
        [ "$r" -ne 0 ] && rc=$r
        local wall rss
        # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.31"
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
        fi
        if [ -z "$best_rss" ] || [ "$rss" -gt "$best_rss" ]; then
            best_rss=$rss # the highest peak of the rounds: memory is a ceiling
        fi
        rm -rf "$out"
    done
    local mbs
    mbs=$(awk -v w="$best" -v b="$bytes" -v f="$factor" 'BEGIN { if (w < 0.01) w = 0.01; printf "%.2f", b*f/1e6/w }')
    MBS["$name-$label-$threads"]=$mbs
    RSS["$name-$label-$threads"]=$best_rss
    awk -v n="$name" -v l="$label" -v t="$threads" -v w="$best" -v m="$mbs" -v d="$docs" -v f="$factor" -v r="$best_rss" -v rc="$rc" \
        'BEGIN { if (w < 0.01) w = 0.01; printf "| %s | %s | %d | %.2f | %s | %.0f | %s | %d |\n", n, l, t, w, m, d*f/w, r, rc }'
}

stages=(--no-rules --no-dates --no-events)
for j in 1 2; do
    run foundation corpus 1 "$j" "${stages[@]}" -- "$corpus"
done
# The foundation's own outputs (issue #2: documents.jsonl and the CSV tables), without the
# workbook of the timeline issue, whose compression is a serial tail at the end of a run.
for j in 1 2; do
    run foundation-no-xlsx corpus 1 "$j" "${stages[@]}" --no-xlsx -- "$corpus"
done
for j in 1 2; do
    run full corpus 1 "$j" -- "$corpus"
done
# Issue #5: the rules stage (rules, coreference, indicators and what they add downstream)
# against the same full run without it.
run no-rules corpus 1 1 --no-rules -- "$corpus"
run full corpus-x10 10 2 -- "${x10_inputs[@]}"
if [ "${BENCH_X10_J1:-0}" = 1 ]; then
    run full corpus-x10 10 1 -- "${x10_inputs[@]}"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "Ratios (issue #2 targets in brackets):"
echo "- foundation -j1 / bare baseline: ${MBS[foundation-corpus-1]} / $bare_mbs = $(ratio "${MBS[foundation-corpus-1]}" "$bare_mbs") [>= 0.50]"
echo "- foundation -j2 / -j1: ${MBS[foundation-corpus-2]} / ${MBS[foundation-corpus-1]} = $(ratio "${MBS[foundation-corpus-2]}" "${MBS[foundation-corpus-1]}") [>= 1.80]"
echo "- foundation without timeline.xlsx, -j1 / bare baseline: ${MBS[foundation-no-xlsx-corpus-1]} / $bare_mbs = $(ratio "${MBS[foundation-no-xlsx-corpus-1]}" "$bare_mbs") [>= 0.50]"
echo "- foundation without timeline.xlsx, -j2 / -j1: ${MBS[foundation-no-xlsx-corpus-2]} / ${MBS[foundation-no-xlsx-corpus-1]} = $(ratio "${MBS[foundation-no-xlsx-corpus-2]}" "${MBS[foundation-no-xlsx-corpus-1]}") [>= 1.80]"
echo "- full -j2 / -j1: ${MBS[full-corpus-2]} / ${MBS[full-corpus-1]} = $(ratio "${MBS[full-corpus-2]}" "${MBS[full-corpus-1]}") [>= 1.80]"
echo "- full -j1 / bare baseline: $(ratio "${MBS[full-corpus-1]}" "$bare_mbs")"
echo "- full -j1 time / --no-rules -j1 time (issue #5): ${MBS[no-rules-corpus-1]} / ${MBS[full-corpus-1]} MB/s = $(ratio "${MBS[no-rules-corpus-1]}" "${MBS[full-corpus-1]}") [<= 1.25]"
echo "- peak RSS full -j2, corpus x10 / x1: ${RSS[full-corpus-x10-2]} / ${RSS[full-corpus-2]} MB = $(ratio "${RSS[full-corpus-x10-2]}" "${RSS[full-corpus-2]}") [<= 1.10]"
