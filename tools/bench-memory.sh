#!/usr/bin/env bash
# Peak memory and throughput of a whole `khabar extract` run over a corpus, and over the same
# corpus repeated 10 times (10 symlinks to it, so no disk is used): peak RSS should stay flat,
# because documents stream through in bounded chunks.
#
#   tools/bench-memory.sh [CORPUS_DIR] [THREADS]
# Default corpus: ../shared/data/corpus. Needs GNU time (/usr/bin/time) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "${1:-../shared/data/corpus}")
threads=${2:-2}
bin=target/release/khabar
[ -x "$bin" ] || cargo build --release --bin khabar
[ -d "$corpus" ] || { echo "skipping: $corpus not found" >&2; exit 0; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/x10"
for i in $(seq -w 1 10); do ln -s "$corpus" "$tmp/x10/copy$i"; done

run() { # label input
    /usr/bin/time -f "%M %e" -o "$tmp/time" "$bin" extract "$2" -o "$tmp/out" -j "$threads" \
        --no-xlsx 2> "$tmp/stderr" || true
    read -r rss secs < "$tmp/time"
    summary=$(grep -E '^[0-9]+ documents' "$tmp/stderr" || true)
    printf '%-8s peak RSS %7.1f MB  %6.1f s  %s\n' "$1" "$(echo "$rss/1024" | bc -l)" "$secs" "$summary"
}
echo "khabar extract, -j $threads, corpus $corpus"
run "1x" "$corpus"
run "10x" "$tmp/x10"
