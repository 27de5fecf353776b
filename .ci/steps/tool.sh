#!/usr/bin/env bash
# The `dotnet tool` package as a user gets it: packs CodeContext.Tool into a local folder, installs
# it with `dotnet tool install --tool-path` from that folder alone (no other feed: the package has
# no dependencies), and runs the installed `codecontext` on samples/Shop: every command that loads
# native code (SkiaSharp: pack, render; ONNX Runtime CPU: encode) and MSBuild (through the SDK the
# tool finds from its own folder under the tool path). Then runs the GitHub Action's script with the
# environment GitHub sets (scripts/action-run.sh) and checks what it appended to the step summary.
# Runs after sample.sh (the sample is restored) and before `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
packages=$work/packages
tools=$work/tools
cache=$work/cache

fail() { echo "tool: $*" >&2; exit 1; }
must_exist() { for f in "$@"; do [ -s "$f" ] || fail "expected output missing or empty: ${f#"$work"/}"; done; }

dotnet pack server/CodeContext.Server -c Release -o "$packages" -v quiet -nologo
package=$(ls "$packages"/CodeContext.Tool.*.nupkg)
size=$(stat -c %s "$package")
echo "tool: $(basename "$package"), $((size / 1024 / 1024)) MiB"
# No GPU runtime may ride along (docs/ci.md: the CUDA encoder is a separate build).
# The listing goes to a file first: `unzip -l | grep -q` under pipefail fails at random when grep
# exits on its first match and unzip dies of SIGPIPE writing the rest of a long listing.
unzip -l "$package" > "$work/listing.txt"
if grep -qi 'cuda\|onnxruntime_providers_tensorrt' "$work/listing.txt"; then fail "the package carries a GPU runtime"; fi
grep -q 'tools/net10.0/any/runtimes/linux-x64/native/libSkiaSharp.so' "$work/listing.txt" || fail "no SkiaSharp native library for linux-x64 in the package"
grep -q 'tools/net10.0/any/runtimes/linux-x64/native/libonnxruntime.so' "$work/listing.txt" || fail "no ONNX Runtime native library for linux-x64 in the package"

# Only the local folder as a feed: proves the package installs on its own.
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="$packages" /></packageSources></configuration>
EOF
dotnet tool install --tool-path "$tools" --configfile "$work/nuget.config" CodeContext.Tool
codecontext=$tools/codecontext
echo "tool: installed, $(du -sm "$tools" | cut -f1) MiB"

# Run from outside the repository, as an installed tool is: nothing may depend on the checkout.
cd "$work"
"$codecontext" --help >/dev/null
"$codecontext" pack "$repo/samples/Shop" --active src/Shop.Services/Orders/OrderService.cs --budget 8k \
  --out "$work/bundle" --cache-dir "$cache" > "$work/pack.txt" 2> "$work/pack.err"
must_exist "$work/bundle/manifest.json" "$work/bundle/context.md" "$work/bundle/request.openai.json" "$work/bundle/pages/page-001.png"
grep -q '^tokens ' "$work/pack.txt" || fail "pack printed no summary"
grep -q 'using MSBuild from' "$work/pack.err" || fail "the installed tool did not find MSBuild: $(cat "$work/pack.err")"

"$codecontext" render "$repo/samples/Shop" --profile qwen2.5-vl --level L3 \
  --files src/Shop.Services/Orders/OrderService.cs --out "$work/render" 2>/dev/null
must_exist "$work/render/manifest.json" "$work/render/pages/page-001.png"

"$codecontext" encode "$work/bundle/pages/page-001.png" --model "$repo/tests/CodeContext.VisionEncoder.Tests/Fixtures" \
  --mode Tiny --provider cpu --no-cache > "$work/encode.txt"
grep -q 'on CPU' "$work/encode.txt" || fail "encode did not run on ONNX Runtime CPU: $(cat "$work/encode.txt")"

"$codecontext" rank "$repo/samples/Shop" --active src/Shop.Services/Orders/OrderService.cs --top 3 --cache-dir "$cache" --quiet > "$work/rank.txt"
[ "$(wc -l < "$work/rank.txt")" -ge 3 ] || fail "rank printed too little"
[ "$("$codecontext" cost --profile deepseek-ocr-base --image 1024x1024 | grep -c .)" -ge 1 ] || fail "cost printed nothing"
echo 'namespace Shop;' | "$codecontext" tokens --tokenizer deepseek-v3 > "$work/tokens.txt"
grep -q '[0-9]' "$work/tokens.txt" || fail "tokens printed no count"

# summarize (issue 17) and the Action's script, which runs it.
"$codecontext" summarize "$repo/samples/Shop" --budget 8k --out "$work/summary" --cache-dir "$cache"
must_exist "$work/summary/manifest.json" "$work/summary/summary.md" "$work/summary/report.html"
CODECONTEXT_TOOL_PATH=$tools bash "$repo/.ci/action-test.sh" "$repo" "$work/action"
echo "tool: installed package ran pack, render, encode, rank, cost, tokens, summarize and the Action's script"
