#!/usr/bin/env bash
# Load + graph phases of `codecontext rank` on one codebase, each from its own cache state:
#   cold      empty cache: MSBuild evaluation + semantic analysis of every file
#   graph     project model cached, graph facts not: semantic analysis only
#   warm      everything cached
# Prints wall and CPU seconds of the whole process, peak memory and the graph line of the log.
# usage: bench/timings/load-graph.sh <path> <active file> [build dir=artifacts/timing-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
target=$1; active=$2; build=${3:-artifacts/timing-build}
[ -f "$build/codecontext.dll" ] || dotnet build -c Release server/CodeContext.Server -o "$build" >/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run() { # phase cache-dir
  /usr/bin/time -f "%e %U %S %M" -o "$scratch/t" dotnet "$build/codecontext.dll" rank "$target" --active "$active" \
    --top 20 --format json --verbose --cache-dir "$2" >/dev/null 2>"$scratch/log"
  read -r wall user sys kb <"$scratch/t"
  printf '%-6s wall %6.1f s  cpu %6.1f s  peak %4d MB  %s  load %s\n' "$1" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))" \
    "$(grep -o 'graph of .*' "$scratch/log")" "$(cut -d' ' -f1 /proc/loadavg)"
}

run cold "$scratch/a"
mkdir -p "$scratch/b" && cp -r "$scratch/a/projects" "$scratch/b/"
run graph "$scratch/b"
run warm "$scratch/a"
