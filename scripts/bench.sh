#!/usr/bin/env bash
# End-to-end throughput of the release `khabar extract` binary over ../shared/data/corpus:
# wall time, MB/s, docs/s and peak RSS at -j1 and -j2, for the corpus and for the corpus
# given 10 times (memory must stay flat as the input grows).
#
#   scripts/bench.sh [CORPUS_DIR]        (default: ../shared/data/corpus)
#   KHABAR_BIN=/path/to/khabar scripts/bench.sh   (an existing binary; default: build
#                                                  target/release/khabar)
#
# Needs GNU time at /usr/bin/time for the peak RSS ("Maximum resident set size"); on
# Debian/Ubuntu: `apt-get install time` (the shell builtin `time` does not report memory).
# Results go to stdout as a Markdown table; outputs are written under a temp folder and
# removed at the end.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/data/corpus}"
if [ ! -d "$corpus" ]; then
    echo "skipping: corpus folder $corpus not found" >&2
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is missing: apt-get install time" >&2
    exit 2
fi

bin="${KHABAR_BIN:-}"
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

echo "khabar $(git -C "$root" rev-parse --short HEAD), $(nproc) cores, corpus: $corpus ($docs documents, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b/1e6 }') MB)"
echo
echo "| input | threads | wall s | MB/s | docs/s | peak RSS MB | exit |"
echo "|---|---:|---:|---:|---:|---:|---:|"

run() { # label, factor, threads, inputs...
    local label="$1" factor="$2" threads="$3"
    shift 3
    local out="$tmp/out-$label-$threads" log="$tmp/time-$label-$threads.txt" rc=0
    /usr/bin/time -v -o "$log" "$bin" extract -j "$threads" -o "$out" "$@" >/dev/null 2>"$tmp/stderr.txt" || rc=$?
    local wall rss
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.31"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
    awk -v l="$label" -v t="$threads" -v w="$wall" -v b="$bytes" -v d="$docs" -v f="$factor" -v r="$rss" -v rc="$rc" \
        'BEGIN { if (w < 0.01) w = 0.01; printf "| %s | %d | %.2f | %.2f | %.0f | %s | %d |\n", l, t, w, b*f/1e6/w, d*f/w, r, rc }'
    rm -rf "$out"
}

for j in 1 2; do
    run corpus 1 "$j" "$corpus"
done
for j in 1 2; do
    run corpus-x10 10 "$j" "${x10_inputs[@]}"
done
