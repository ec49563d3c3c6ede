#!/usr/bin/env bash
# Issue #5's ratio (full run time ÷ `--no-rules` run time) for one or more khabar binaries,
# measured in the same rounds so that they share the host's state: each round runs every
# binary's full and `--no-rules` runs at -j1 and -j2, and every other round reverses the
# order of the binaries and of the two runs (ABBA), so a drift of the host's speed within a
# round does not favour one side. Prints, per binary and thread count, the median of the
# per-round ratios with the lowest and highest round, and the ratio of the best times.
#
#   scripts/bench-rules-pair.sh BIN [BIN...]        e.g. target/release/khabar /tmp/khabar-old
#   BENCH_ROUNDS=N (default 8)   CORPUS=DIR (default ../shared/data/corpus)
#
# Needs GNU time at /usr/bin/time. Outputs go to a temp folder and are removed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS:-$root/../shared/data/corpus}"
rounds="${BENCH_ROUNDS:-8}"
if [ $# -eq 0 ]; then
    echo "usage: $0 BIN [BIN...]" >&2
    exit 2
fi
if [ ! -d "$corpus" ]; then
    echo "skipping: corpus folder $corpus not found" >&2
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is missing: apt-get install time" >&2
    exit 2
fi
for b in "$@"; do
    [ -x "$b" ] || { echo "error: $b is not an executable" >&2; exit 2; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
log="$tmp/times.txt"

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), corpus $corpus, $rounds rounds"
for r in $(seq "$rounds"); do
    bins=("$@")
    modes=(full no-rules)
    if [ $((r % 2)) = 0 ]; then
        mapfile -t bins < <(printf '%s\n' "$@" | tac)
        modes=(no-rules full)
    fi
    for i in "${!bins[@]}"; do
        b="${bins[$i]}"
        for j in 1 2; do
            for m in "${modes[@]}"; do
                opt=()
                [ "$m" = no-rules ] && opt=(--no-rules)
                rm -rf "$tmp/out"
                /usr/bin/time -o "$tmp/t" -f "%e %U %S" "$b" extract -q -j "$j" "${opt[@]}" \
                    -o "$tmp/out" "$corpus" >/dev/null 2>&1
                read -r wall user sys < <(tail -1 "$tmp/t")
                cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
                printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$b" "$j" "$m" "$wall" "$cpu" >>"$log"
            done
        done
    done
done

echo
echo "| binary | threads | full ÷ --no-rules, median of rounds (lowest–highest) | best full s | best --no-rules s | ratio of best | CPU time full ÷ --no-rules, median (lowest–highest) |"
echo "|---|---:|---|---:|---:|---:|---|"
for b in "$@"; do
    for j in 1 2; do
        awk -F'\t' -v b="$b" -v j="$j" '
            $2 == b && $3 == j { t[$1, $4] = $5; c[$1, $4] = $6; rs[$1] = 1 }
            END {
                n = 0; nc = 0; bf = 0; bn = 0
                for (r in rs) {
                    f = t[r, "full"]; o = t[r, "no-rules"]
                    if (o > 0) x[++n] = f / o
                    if (c[r, "no-rules"] > 0) y[++nc] = c[r, "full"] / c[r, "no-rules"]
                    if (bf == 0 || f < bf) bf = f
                    if (bn == 0 || o < bn) bn = o
                }
                # insertion sort: n is small
                for (i = 2; i <= n; i++) { v = x[i]; k = i - 1; while (k > 0 && x[k] > v) { x[k+1] = x[k]; k-- } x[k+1] = v }
                m = (n % 2) ? x[(n+1)/2] : (x[n/2] + x[n/2+1]) / 2
                for (i = 2; i <= nc; i++) { v = y[i]; k = i - 1; while (k > 0 && y[k] > v) { y[k+1] = y[k]; k-- } y[k+1] = v }
                mc = (nc % 2) ? y[(nc+1)/2] : (y[nc/2] + y[nc/2+1]) / 2
                printf "| %s | %d | %.2f (%.2f–%.2f) | %.2f | %.2f | %.2f | %.2f (%.2f–%.2f) |\n", b, j, m, x[1], x[n], bf, bn, (bn > 0 ? bf / bn : 0), mc, y[1], y[nc]
            }' "$log"
    done
done
