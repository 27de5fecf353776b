#!/usr/bin/env bash
# Pack benchmark: effective compression and whole-process timings of `codecontext pack` next to
# `repomix --compress` on the same tree, in the same run.
#
#   bench/pack/run.sh REPO SOLUTION ACTIVE [OUT]
#   e.g. bench/pack/run.sh ~/src/Polly Polly.slnx src/Polly.Core/Retry/RetryResilienceStrategy.cs
#
# Needs: a Release build (dotnet build -c Release server/CodeContext.Server) and repomix from npm in
# $REPOMIX_DIR (default /tmp/repomix: `npm install repomix` there). The repository is only read.
set -euo pipefail

repo=$(cd "$1" && pwd); solution=$2; active=$3
out=${4:-$(mktemp -d -t codecontext-pack-bench.XXXXXX)}
here=$(cd "$(dirname "$0")/../.." && pwd)
# CODECONTEXT_CLI: another build to time, e.g. a ReadyToRun publish (README, Install): path to its codecontext.dll.
cli=(dotnet "${CODECONTEXT_CLI:-$here/server/CodeContext.Server/bin/Release/net10.0/codecontext.dll}")
repomix_dir=${REPOMIX_DIR:-/tmp/repomix}
mkdir -p "$out"

seconds() { local s=$(date +%s.%N); "$@" >/dev/null 2>"$out/last.err"; local e=$(date +%s.%N); echo "$e - $s" | bc; }

echo "# pack benchmark: $(basename "$repo") @ $(git -C "$repo" rev-parse --short HEAD), active $active"
echo "# cores: $(nproc), $(dotnet --version), repomix $(cd "$repomix_dir" && npx repomix --version)"

# 1. Timings, same run: repomix --compress, then pack cold (empty cache), then pack warm.
#    COMPRESSION_ONLY=1 skips them (and reuses $out/cache when present).
cache="$out/cache"
if [ -z "${COMPRESSION_ONLY:-}" ]; then
rm -rf "$cache"
t_repomix=$(seconds bash -c "cd '$repo' && npx --prefix '$repomix_dir' repomix --compress --include '**/*.cs' -o '$out/repomix.xml' . > '$out/repomix.log'")
repomix_tokens=$(grep -o 'Total Tokens: [0-9,]*' "$out/repomix.log" | tr -dc 0-9)
repomix_files=$(grep -o 'Total Files: [0-9,]*' "$out/repomix.log" | tr -dc 0-9)
t_cold=$(seconds "${cli[@]}" pack "$repo/$solution" --active "$active" --budget 32000 --profile deepseek-ocr-base --out "$out/bundle-cold" --cache-dir "$cache" --quiet)
t_warm=$(seconds "${cli[@]}" pack "$repo/$solution" --active "$active" --budget 32000 --profile deepseek-ocr-base --out "$out/bundle-warm" --cache-dir "$cache" --quiet)
repomix_ds=$("${cli[@]}" tokens --tokenizer deepseek-v3 --file "$out/repomix.xml" | tr -dc 0-9)
echo
echo "| run | seconds |"
echo "|---|---:|"
echo "| repomix --compress --include '**/*.cs' | $t_repomix |"
echo "| codecontext pack, cold cache (32k, deepseek-ocr-base) | $t_cold |"
echo "| codecontext pack, warm cache (same request) | $t_warm |"
echo
echo "repomix --compress: $repomix_files files, $repomix_tokens tokens (o200k_base, its own count); $repomix_ds tokens with deepseek-v3"
fi

# 2. Effective compression per budget and profile (warm cache: the numbers do not depend on it).
echo
echo "| profile | budget | used | text | vision | pages | carried source (deepseek-v3 tokens) | share of repo | effective compression | by form: files/source tokens |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for profile in deepseek-ocr-base deepseek-ocr-vllm; do
  for budget in 16000 32000 64000 128000; do
    dir="$out/bundle-$profile-$budget"
    "${cli[@]}" pack "$repo/$solution" --active "$active" --budget $budget --profile $profile --out "$dir" --cache-dir "$cache" --quiet > /dev/null
    python3 - "$dir/manifest.json" "$profile" "$budget" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); t = m["totals"]
pages = sum(1 for s in m["segments"] if s["kind"] == "image")
forms = ", ".join(f'{k} {v["files"]}/{v["sourceTokens"]}' for k, v in t["byForm"].items() if k != "excluded")
print(f'| {sys.argv[2]} | {sys.argv[3]} | {t["total"]} | {t["textTokens"]} | {t["visionTokens"]} | {pages} | {t["sourceTokens"]} | {100*t["sourceTokens"]/t["repositorySourceTokens"]:.1f} % of {t["repositorySourceTokens"]} | {t["effectiveCompression"]}x | {forms} |')
PY
  done
done
echo
echo "bundles and logs: $out"
