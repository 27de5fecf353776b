#!/usr/bin/env bash
# Scale benchmark: wall time and peak memory of `codecontext summarize` and `pack`, cold (empty
# cache) and warm, beside Repomix (--compress and plain) on the same tree, in the same run.
#
#   bench/scale/run.sh REPO SOLUTION ACTIVE [OUT]
#   e.g. bench/scale/run.sh ~/src/efcore EFCore.slnx src/EFCore/DbContext.cs
#
# Needs a Release build (dotnet build -c Release server/CodeContext.Server), GNU time
# (/usr/bin/time) and repomix from npm in $REPOMIX_DIR (default /tmp/repomix). The repository is
# only read.
set -euo pipefail

repo=$(cd "$1" && pwd); solution=$2; active=$3
out=${4:-$(mktemp -d -t codecontext-scale.XXXXXX)}
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=(dotnet "${CODECONTEXT_CLI:-$here/server/CodeContext.Server/bin/Release/net10.0/codecontext.dll}")
repomix_dir=${REPOMIX_DIR:-/tmp/repomix}
mkdir -p "$out"

# "wall s | user+sys CPU s | peak KB | load average before" of one command, its output thrown away.
# CPU time is the steadier number on a shared machine; the load says how shared it was.
measure() {
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e s | %U+%S s | %M KB" "$@" > /dev/null 2> "$out/last.err" || { cat "$out/last.err" >&2; exit 1; }
  echo "$(tail -1 "$out/last.err") | $load"
}

echo "# $(basename "$repo") @ $(git -C "$repo" rev-parse --short HEAD), $(find "$repo" -name '*.cs' -not -path '*/.git/*' | wc -l) .cs files, $(nproc) cores"
echo "| run | wall | CPU (user+sys) | peak memory | load average |"
echo "|---|---|---|---|---|"
echo "| repomix --compress | $(cd "$repo" && measure npx --prefix "$repomix_dir" repomix --compress --include '**/*.cs' -o "$out/repomix.xml" .) |"
echo "| repomix plain | $(cd "$repo" && measure npx --prefix "$repomix_dir" repomix --include '**/*.cs' -o "$out/repomix-plain.xml" .) |"
rm -rf "$out/cache"
echo "| summarize, cold | $(measure "${cli[@]}" summarize "$repo/$solution" --budget 32000 --out "$out/summarize-cold" --cache-dir "$out/cache" --quiet) |"
echo "| summarize, warm | $(measure "${cli[@]}" summarize "$repo/$solution" --budget 32000 --out "$out/summarize-warm" --cache-dir "$out/cache" --quiet) |"
rm -rf "$out/cache"
echo "| pack, cold | $(measure "${cli[@]}" pack "$repo/$solution" --active "$active" --budget 32000 --out "$out/pack-cold" --cache-dir "$out/cache" --quiet) |"
echo "| pack, warm | $(measure "${cli[@]}" pack "$repo/$solution" --active "$active" --budget 32000 --out "$out/pack-warm" --cache-dir "$out/cache" --quiet) |"
