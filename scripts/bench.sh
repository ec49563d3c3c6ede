#!/usr/bin/env bash
# End-to-end throughput of the release `khabar extract` binary over ../shared/data/corpus,
# against the bare baseline of issue #2, all in one run so the figures share the machine
# state:
#
#   bare       examples/bare_scan: one leftmost-longest Aho-Corasick automaton over the
#              built-in aliases scanning the already-normalized corpus, counting matches
#   foundation khabar extract --no-rules --no-dates --no-events (read + decode + normalize
#              + match + resolve + write every output), -j1 and -j2
#   foundation-1cpu  the foundation -j1 run confined to one CPU (`taskset -c 0`): the
#              one-thread figure. `-j1` means one worker thread, but the writer thread and
#              start-up's builds run beside it on the second core (the -j1 run uses ~1.15
#              cores), so "-j2 / -j1" compares two cores with more than one; the ratio to
#              the one-CPU run is the scaling from one core to two. Skipped without taskset.
#   full       khabar extract, all stages, all outputs (timeline.xlsx included), -j1 and -j2
#   foundation-no-xlsx  the foundation run without timeline.xlsx (the issue #2 outputs only)
#   no-rules   the full run with --no-rules, -j1 and -j2: the rules' share of issue #5
#   x10        the full run over the corpus given 10 times (-j2): peak RSS must stay flat
#
#   scripts/bench.sh [CORPUS_DIR]        (default: ../shared/data/corpus)
#   KHABAR_BIN=/path/to/khabar           an existing binary (default: build target/release)
#   BENCH_ROUNDS=N                       rounds; each runs every 1x configuration once, in
#                                        turn, and the best of the rounds is kept (default 3)
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

# One timed run of a configuration: sets WALL, PEAK (MB) and RC.
once() { # pin (1 = one CPU), threads, extract options (up to --), inputs...
    local pin="$1" threads="$2"
    shift 2
    local run=("$bin")
    [ "$pin" = 1 ] && run=(taskset -c 0 "$bin")
    local opts=()
    while [ "$1" != "--" ]; do
        opts+=("$1")
        shift
    done
    shift
    local out="$tmp/out" log="$tmp/time.txt"
    RC=0
    /usr/bin/time -v -o "$log" "${run[@]}" extract -q -j "$threads" "${opts[@]}" -o "$out" "$@" \
        >/dev/null 2>"$tmp/stderr.txt" || RC=$?
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.31"
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
    PEAK=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
    rm -rf "$out"
}

stages=(--no-rules --no-dates --no-events)
# name|threads|options|pin: every configuration runs once per round, the rounds interleaved,
# so that a drift of the host's speed during the script touches all of them alike.
configs=(
    "foundation|1|${stages[*]}"
    "foundation|2|${stages[*]}"
    "foundation-no-xlsx|1|${stages[*]} --no-xlsx"
    "foundation-no-xlsx|2|${stages[*]} --no-xlsx"
    "full|1|"
    "full|2|"
    "no-rules|1|--no-rules"
    "no-rules|2|--no-rules"
)
if command -v taskset >/dev/null; then
    configs+=("foundation-1cpu|1|${stages[*]}|1")
else
    echo "note: taskset (util-linux) not found: the one-CPU run is skipped" >&2
fi
declare -A BEST PEAKS RCS ALL
bare_secs=""
for _ in $(seq "$rounds"); do
    # The bare baseline: one scan per round (reading and normalizing not timed).
    line=$("$bare_bin" "$corpus" 1)
    secs=$(sed -n 's/.* secs=\([0-9.]*\).*/\1/p' <<<"$line")
    if [ -z "$bare_secs" ] || awk -v a="$secs" -v b="$bare_secs" 'BEGIN { exit !(a < b) }'; then
        bare_secs=$secs
    fi
    ALL[bare]="${ALL[bare]:-} $secs"
    for c in "${configs[@]}"; do
        IFS='|' read -r name threads opts pin <<<"$c"
        read -r -a opt_arr <<<"$opts"
        once "${pin:-0}" "$threads" "${opt_arr[@]}" -- "$corpus"
        key="$name-$threads"
        ALL[$key]="${ALL[$key]:-} $WALL"
        if [ -z "${BEST[$key]:-}" ] || awk -v a="$WALL" -v b="${BEST[$key]}" 'BEGIN { exit !(a < b) }'; then
            BEST[$key]=$WALL
        fi
        if [ -z "${PEAKS[$key]:-}" ] || [ "$PEAK" -gt "${PEAKS[$key]}" ]; then
            PEAKS[$key]=$PEAK # the highest peak of the rounds: memory is a ceiling
        fi
        [ "$RC" -ne 0 ] && RCS[$key]=$RC
    done
done
# The corpus 10 times, once (-j2): peak RSS must stay flat.
once 0 2 -- "${x10_inputs[@]}"
BEST[full-x10-2]=$WALL
PEAKS[full-x10-2]=$PEAK
RCS[full-x10-2]=$RC
if [ "${BENCH_X10_J1:-0}" = 1 ]; then
    once 0 1 -- "${x10_inputs[@]}"
    BEST[full-x10-1]=$WALL
    PEAKS[full-x10-1]=$PEAK
    RCS[full-x10-1]=$RC
fi

mbs() { awk -v w="$1" -v b="$bytes" -v f="${2:-1}" 'BEGIN { if (w < 0.01) w = 0.01; printf "%.2f", b*f/1e6/w }'; }
bare_mbs=$(mbs "$bare_secs")
echo "| run | input | threads | wall s | MB/s | docs/s | peak RSS MB | exit |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
awk -v w="$bare_secs" -v m="$bare_mbs" -v d="$docs" \
    'BEGIN { printf "| bare Aho-Corasick scan (count only) | corpus | 1 | %.2f | %s | %.0f | - | 0 |\n", w, m, d/w }'
declare -A MBS RSS
row() { # name, key, input label, threads, factor
    local w="${BEST[$2]}" m
    m=$(mbs "$w" "$5")
    MBS[$2]=$m
    RSS[$2]=${PEAKS[$2]}
    awk -v n="$1" -v l="$3" -v t="$4" -v w="$w" -v m="$m" -v d="$docs" -v f="$5" -v r="${PEAKS[$2]}" -v rc="${RCS[$2]:-0}" \
        'BEGIN { if (w < 0.01) w = 0.01; printf "| %s | %s | %d | %.2f | %s | %.0f | %s | %d |\n", n, l, t, w, m, d*f/w, r, rc }'
}
for c in "${configs[@]}"; do
    IFS='|' read -r name threads _ <<<"$c"
    row "$name" "$name-$threads" corpus "$threads" 1
done
row full full-x10-2 corpus-x10 2 10
if [ "${BENCH_X10_J1:-0}" = 1 ]; then
    row full full-x10-1 corpus-x10 1 10
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# Median over the rounds of the ratio of two configurations' times in the same round
# (time of $2 / time of $1, i.e. the speed of $1 over the speed of $2): robust to the host
# getting faster or slower between rounds, which moves the best-of figures above.
paired() {
    paste <(tr ' ' '\n' <<<"${ALL[$1]}" | sed '/^$/d') <(tr ' ' '\n' <<<"${ALL[$2]}" | sed '/^$/d') |
        awk '{ printf "%.4f\n", $2 / $1 }' | sort -n |
        awk '{ r[NR] = $1 } END { m = (NR % 2) ? r[(NR+1)/2] : (r[NR/2] + r[NR/2+1]) / 2; printf "%.2f (rounds: ", m; for (i = 1; i <= NR; i++) printf "%s%.2f", (i > 1 ? " " : ""), r[i]; printf ")" }'
}
echo
echo "Ratios (targets in brackets); first from the best times above, then the median of the"
echo "same ratio taken within each round:"
echo "- foundation -j1 / bare baseline: ${MBS[foundation-1]} / $bare_mbs = $(ratio "${MBS[foundation-1]}" "$bare_mbs"); per round $(paired foundation-1 bare) [>= 0.50]"
echo "- foundation -j2 / -j1 (-j1 uses ~1.15 cores): ${MBS[foundation-2]} / ${MBS[foundation-1]} = $(ratio "${MBS[foundation-2]}" "${MBS[foundation-1]}"); per round $(paired foundation-2 foundation-1) [>= 1.80]"
if [ -n "${MBS[foundation-1cpu-1]:-}" ]; then
    echo "- foundation -j1 on one CPU / bare baseline: ${MBS[foundation-1cpu-1]} / $bare_mbs = $(ratio "${MBS[foundation-1cpu-1]}" "$bare_mbs"); per round $(paired foundation-1cpu-1 bare) [>= 0.50]"
    echo "- foundation -j2 / -j1 on one CPU (one core to two): ${MBS[foundation-2]} / ${MBS[foundation-1cpu-1]} = $(ratio "${MBS[foundation-2]}" "${MBS[foundation-1cpu-1]}"); per round $(paired foundation-2 foundation-1cpu-1) [>= 1.80]"
fi
echo "- foundation without timeline.xlsx, -j1 / bare baseline: ${MBS[foundation-no-xlsx-1]} / $bare_mbs = $(ratio "${MBS[foundation-no-xlsx-1]}" "$bare_mbs"); per round $(paired foundation-no-xlsx-1 bare) [>= 0.50]"
echo "- foundation without timeline.xlsx, -j2 / -j1: ${MBS[foundation-no-xlsx-2]} / ${MBS[foundation-no-xlsx-1]} = $(ratio "${MBS[foundation-no-xlsx-2]}" "${MBS[foundation-no-xlsx-1]}"); per round $(paired foundation-no-xlsx-2 foundation-no-xlsx-1) [>= 1.80]"
echo "- full -j2 / -j1: ${MBS[full-2]} / ${MBS[full-1]} = $(ratio "${MBS[full-2]}" "${MBS[full-1]}"); per round $(paired full-2 full-1)"
echo "- full -j1 / bare baseline: $(ratio "${MBS[full-1]}" "$bare_mbs"); per round $(paired full-1 bare)"
echo "- full -j1 time / --no-rules -j1 time (issue #5): ${MBS[no-rules-1]} / ${MBS[full-1]} MB/s = $(ratio "${MBS[no-rules-1]}" "${MBS[full-1]}"); per round $(paired no-rules-1 full-1) [<= 1.25]"
echo "- full -j2 time / --no-rules -j2 time (issue #5 at the default thread count here): ${MBS[no-rules-2]} / ${MBS[full-2]} MB/s = $(ratio "${MBS[no-rules-2]}" "${MBS[full-2]}"); per round $(paired no-rules-2 full-2) [<= 1.25]"
echo "- peak RSS full -j2, corpus x10 / x1: ${RSS[full-x10-2]} / ${RSS[full-2]} MB = $(ratio "${RSS[full-x10-2]}" "${RSS[full-2]}") [<= 1.10]"
