#!/usr/bin/env bash
# Byte-identity check for refactors: writes the sample's outputs (pages, manifests, context.md,
# summaries, renders, rankings) of one checkout, cold and then warm on one fresh cache directory,
# with timing fields stripped, so two checkouts' outputs compare with `diff -r`.
#
#   bench/identity/sample-outputs.sh CHECKOUT OUT     (OUT is replaced)
#   e.g. (build each first: dotnet build -c Release server/CodeContext.Server)
#     bench/identity/sample-outputs.sh <before> out/before
#     bench/identity/sample-outputs.sh .        out/after
#     diff -r out/before out/after   # prints nothing when behaviour is unchanged
#
# The sample is restored first (as the tests' fixture does): an unrestored sample loads
# differently (package-imported properties such as a test project's OutputType).
set -euo pipefail
repo=$(cd "$1" && pwd); out=$2
rm -rf "$out"; mkdir -p "$out"; out=$(cd "$out" && pwd)  # OUT is replaced whole
cc() { dotnet "$repo/server/CodeContext.Server/bin/Release/net10.0/codecontext.dll" "$@"; }
cache=$(mktemp -d)
cd "$repo"
dotnet restore samples/Shop/Shop.sln >/dev/null 2>&1 || echo "restore failed"
for pass in cold warm; do
  for p in "deepseek-ocr-base 16k" "deepseek-ocr-base 4000" "claude 16k" "qwen2.5-vl 8000" "deepseek-ocr-tiny 2000"; do
    set -- $p
    cc pack samples/Shop --active src/Shop.Services/Orders/OrderService.cs --budget $2 --profile $1 --cache-dir "$cache" --quiet --out "$out/$pass/pack-$1-$2" >/dev/null 2>&1 || echo "pack $p failed"
  done
  cc pack samples/Shop --active src/Shop.Domain/Orders/Order.cs --cursor 40:5 --query "add a discount" --budget 6000 --cache-dir "$cache" --quiet --out "$out/$pass/pack-cursor" >/dev/null 2>&1 || echo "pack cursor failed"
  cc summarize samples/Shop --budget 12000 --cache-dir "$cache" --quiet --out "$out/$pass/summarize" >/dev/null 2>&1 || echo "summarize failed"
  cc render samples/Shop --level L2 --out "$out/$pass/render" >/dev/null 2>&1 || echo "render failed"
  cc rank samples/Shop --active src/Shop.Services/Orders/OrderService.cs --format json > "$out/$pass/rank.json" 2>/dev/null || echo "rank failed"
done
rm -rf "$cache"
# Timings differ run to run: strip them before comparing.
find "$out" -name "*.json" | while read -r f; do
  python3 - "$f" <<'PY'
import json,sys,re
p=sys.argv[1]
try: d=json.load(open(p))
except Exception: sys.exit(0)
def strip(o):
    if isinstance(o,dict): return {k:strip(v) for k,v in o.items() if not re.search(r'(^|[a-z])(ms|Ms|Seconds|seconds|elapsed|Elapsed|timing|Timing|generated|Generated)$|time',k)}
    if isinstance(o,list): return [strip(x) for x in o]
    return o
json.dump(strip(d),open(p,'w'),indent=1,sort_keys=True)
PY
done
