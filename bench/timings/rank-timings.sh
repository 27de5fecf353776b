#!/usr/bin/env bash
# Whole-process wall time and peak memory of `codecontext rank`, cold (empty cache) and warm
# (cache filled by the previous run), median of N runs each.
# usage: bench/timings/rank-timings.sh <path> <active file> [runs=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
target=$1; active=$2; runs=${3:-3}
dotnet build -c Release server/CodeContext.Server -o artifacts/timing-build >/dev/null
exe=(dotnet artifacts/timing-build/codecontext.dll)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

measure() { # cache-dir -> "seconds kilobytes"
  /usr/bin/time -f "%e %M" -o "$scratch/t" "${exe[@]}" rank "$target" --active "$active" --top 20 --format json --quiet --cache-dir "$1" >/dev/null
  cat "$scratch/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

cold=(); warm=()
for i in $(seq "$runs"); do
  cache="$scratch/cache-$i"
  cold+=("$(measure "$cache")")
  warm+=("$(measure "$cache")")
done
printf 'cold: median %s s, peak %s MB\n' "$(printf '%s\n' "${cold[@]}" | cut -d' ' -f1 | median)" "$(( $(printf '%s\n' "${cold[@]}" | cut -d' ' -f2 | median) / 1024 ))"
printf 'warm: median %s s, peak %s MB\n' "$(printf '%s\n' "${warm[@]}" | cut -d' ' -f1 | median)" "$(( $(printf '%s\n' "${warm[@]}" | cut -d' ' -f2 | median) / 1024 ))"
