#!/usr/bin/env bash
# Baseline and change alternated on one warm cache (docs/benchmarks.md, "Server: incremental
# compose latency"): PAIRS times the baseline's server, then the change's, each the full edit
# series (100 comment, 100 literal, 100 new-name edits, 20 rank edits), then one table of
# p50/p90/p99 wall and server CPU per edit with the load average at each run's start and end.
#
#   bench/serve/interleave.sh BASE_DLL CHANGE_DLL ROOT CACHE_DIR OUT_DIR [PAIRS=2] [bench.mjs options...]
#   e.g. bench/serve/interleave.sh <main>/server/CodeContext.Server/bin/Release/net10.0/codecontext.dll \
#          server/CodeContext.Server/bin/Release/net10.0/codecontext.dll <Polly> <cache> out 2
# The cache is filled (and every file bound) by the first run; ROOT is never written to.
set -euo pipefail
base=$1; change=$2; root=$3; cache=$4; out=$5; pairs=${6:-2}
shift $(( $# < 6 ? $# : 6 ))   # what is left goes to bench.mjs (e.g. --cursor)
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out" "$cache"
for pair in $(seq 1 "$pairs"); do
  for side in base change; do
    dll=$base; [ "$side" = change ] && dll=$change
    node "$here/bench.mjs" --server "$dll" --root "$root" --active src/Polly.Core/ResiliencePipeline.cs \
      --cache "$cache" --skip-cold --settle 10 --edits 100 --rank-edits 20 --code-edits 100 --name-edits 100 \
      --out "$out/$pair-$side.json" "$@" > "$out/$pair-$side.log" 2>&1
    echo "pair $pair $side done" >&2
  done
done
node - "$out" "$pairs" <<'JS'
const [dir, pairs] = process.argv.slice(2);
const fs = require('node:fs');
const f = (s) => `${Math.round(s.p50)} / ${Math.round(s.p90)} / ${Math.round(s.p99)}`;
const runs = [];
for (let p = 1; p <= Number(pairs); p++) for (const side of ['base', 'change']) runs.push([`${side} ${p}`, JSON.parse(fs.readFileSync(`${dir}/${p}-${side}.json`, 'utf8'))]);
const row = (label, get) => console.log(`| ${label} | ${runs.map(([, r]) => get(r)).join(' | ')} |`);
console.log(`| p50 / p90 / p99 ms | ${runs.map(([l]) => l).join(' | ')} |`);
console.log(`|---|${runs.map(() => '---:').join('|')}|`);
row('comment: didChange -> compose', (r) => f(r.didChangeToComposeMs));
row('comment: server CPU', (r) => f(r.serverCpuPerEditMs.comment));
row('literal: didChange -> compose', (r) => f(r.codeEditToComposeMs));
row('literal: server CPU', (r) => f(r.serverCpuPerEditMs.code));
row('new name: didChange -> compose', (r) => f(r.nameEditToComposeMs));
row('new name: server CPU', (r) => f(r.serverCpuPerEditMs.name));
row('didChange -> rank (top 20)', (r) => f(r.didChangeToRankMs));
row('load average (1 min) start -> end', (r) => `${r.loadAverage.start[0]} -> ${r.loadAverage.end[0]}`);
row('peak server RSS MB', (r) => String(r.peakServerRssMb));
JS
