// Incremental benchmark of `codecontext serve` (see README.md beside this file).
// node bench.mjs --server <codecontext.dll> --root <repo> --active <relative path> [--edits 120]
//   [--rank-edits 120] [--budget 32000] [--profile deepseek-ocr-base] [--cache <dir>] [--no-msbuild]
//   [--skip-cold] [--code-edits 100] [--name-edits 100] [--out results.json]
//   [--server-log <file>] [--trace]   (the warm server's stderr; --trace: its stage times in it)
//   [--cursor]   (every compose carries the cursor at the end of the edited line, as the VS Code extension does)
//   [--settle <s>]   (after opening the file, wait s seconds and until background binding is done: a developer reads before typing)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync, rmSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import rpc from 'vscode-jsonrpc/node.js';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string' }, root: { type: 'string' }, active: { type: 'string' },
    edits: { type: 'string', default: '120' }, budget: { type: 'string', default: '32000' },
    profile: { type: 'string', default: 'deepseek-ocr-base' }, cache: { type: 'string' },
    'no-msbuild': { type: 'boolean', default: false }, out: { type: 'string' },
    'rank-edits': { type: 'string', default: '120' }, 'skip-cold': { type: 'boolean', default: false },
    'code-edits': { type: 'string', default: '0' }, 'name-edits': { type: 'string', default: '0' },
    'server-log': { type: 'string' }, trace: { type: 'boolean', default: false }, settle: { type: 'string', default: '0' },
    cursor: { type: 'boolean', default: false },
  },
});
if (!args.server || !args.root || !args.active) throw new Error('--server, --root and --active are required');

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
const cache = args.cache ?? mkdtempSync(path.join(tmpdir(), 'codecontext-bench-cache-'));
const activePath = path.join(args.root, args.active);
const activeUri = pathToFileURL(activePath).href;
const budget = Number(args.budget);
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Starts a server, initializes, waits for loading, composes once: the start-to-first-compose time. */
async function start(label) {
  const t0 = now();
  const argv = [args.server, 'serve', '--cache-dir', cache, ...(args['no-msbuild'] ? ['--no-msbuild'] : [])];
  // CODECONTEXT_TRACE: the server logs where each change and compose spends its time (stderr).
  const env = args.trace ? { ...process.env, CODECONTEXT_TRACE: '1', CODECONTEXT_TRACE_PLAN: '1' } : process.env;
  const child = spawn('dotnet', argv, { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let loadedAt;
  const loaded = new Promise((resolve) => {
    connection.onNotification('$/progress', (p) => { if (p.value.kind === 'end') { loadedAt = now(); resolve(p.value.message); } });
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(args.root).href, capabilities: { window: { workDoneProgress: true } } });
  await connection.sendNotification('initialized', {});
  const loadMessage = await loaded;
  const first = await compose(connection);
  const t1 = now();
  console.error(`${label}: first compose after ${(t1 - t0).toFixed(0)} ms (loaded after ${(loadedAt - t0).toFixed(0)} ms: ${loadMessage})`);
  return { child, connection, startToFirstComposeMs: t1 - t0, startToLoadedMs: loadedAt - t0, loadMessage, first, stderr: () => stderr };
}

// --cursor: each compose carries the cursor at the end of the edited line, as the VS Code extension
// sends it (a compose with a cursor always ranks and finds the symbol there).
let cursorAt;
function compose(connection) {
  return connection.sendRequest('codeContext/compose', { textDocument: { uri: activeUri }, budget, profile: args.profile, images: 'file', ...(args.cursor && cursorAt ? { position: cursorAt } : {}) });
}

/**
 * The server's CPU time so far (every thread, ns precision from schedstat): an edit's CPU time
 * next to its wall time says whether a slow edit worked longer or waited for a core (load).
 */
function cpuMs(pid) {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try { ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]); } catch { /* thread ended */ }
  }
  return ns / 1e6;
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)[1]);
  return kb / 1024;
}

async function stop({ child, connection }) {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  const [code] = await once(child, 'exit');
  connection.dispose();
  return code;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

if (!args.cache) rmSync(cache, { recursive: true, force: true });
const cold = args['skip-cold'] ? null : await start('cold (empty cache)');
if (cold) await stop(cold);
const warm = await start('warm (same cache)');

// One-line edits of the active document: line L is replaced by a comment naming the edit, or
// by a statement-free variant, alternating, always as an incremental change of one line.
const text = readFileSync(activePath, 'utf8');
const lines = text.split('\n');
const line = lines.findIndex((l, i) => i > 10 && l.trim() === '') >= 0 ? lines.findIndex((l, i) => i > 10 && l.trim() === '') : lines.length - 1;
await warm.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: activeUri, languageId: 'csharp', version: 1, text } });
await compose(warm.connection);
if (Number(args.settle) > 0) {
  const until = now() + Number(args.settle) * 1000;
  let status;
  while (now() < until || (status = await warm.connection.sendRequest('codeContext/status')).nameMatchedFiles > 0) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (now() > until + 600_000) throw new Error(`still binding after --settle + 600 s: ${status?.nameMatchedFiles} files left`);
  }
  console.error(`settled: ${status.nameMatchedFiles} files matched by name only`);
}
let current = lines[line];
cursorAt = { line, character: current.length };
const latencies = [];
const commentCpu = [];
const edits = Number(args.edits);
for (let n = 1; n <= edits; n++) {
  const replacement = n % 2 === 0 ? `    // edit ${n}: retries, timeouts and circuit breakers` : `    // edit ${n}`;
  const c0 = cpuMs(warm.child.pid);
  const t0 = now();
  await warm.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: activeUri, version: n + 1 },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: current.length } }, text: replacement }],
  });
  cursorAt = { line, character: replacement.length };
  const pkg = await compose(warm.connection);
  latencies.push(now() - t0);
  commentCpu.push(cpuMs(warm.child.pid) - c0);
  console.error(`edit ${n}: didChange -> compose ${(now() - t0).toFixed(0)} ms`);
  if (pkg.totals.total > budget) throw new Error(`edit ${n}: total ${pkg.totals.total} over budget ${budget}`);
  current = replacement;
}
// Where the time goes: the same compose with nothing changed, and an edit followed by a rank
// (the incremental analysis without the pack stage).
const composeOnly = [];
for (let n = 0; n < 3; n++) {
  const t0 = now();
  await compose(warm.connection);
  composeOnly.push(now() - t0);
}
const changeToRank = [];
const rankEdits = Number(args['rank-edits']);
for (let n = 1; n <= rankEdits; n++) {
  const replacement = `    // rank edit ${n}`;
  const t0 = now();
  await warm.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: activeUri, version: edits + n + 1 },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: current.length } }, text: replacement }],
  });
  cursorAt = { line, character: replacement.length };
  await warm.connection.sendRequest('codeContext/rank', { textDocument: { uri: activeUri }, top: 20 });
  changeToRank.push(now() - t0);
  current = replacement;
}
// Code, not comments: the same line becomes a member whose literal changes on every edit (what
// it declares and uses stays the same), then one that declares a new name on every edit (the
// active file's terms, hence the ranking, move each time).
async function editSeries(count, make, firstVersion, cpu = []) {
  const times = [];
  for (let n = 1; n <= count; n++) {
    const replacement = make(n);
    const c0 = cpuMs(warm.child.pid);
    const t0 = now();
    await warm.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: activeUri, version: firstVersion + n },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: current.length } }, text: replacement }],
    });
    cursorAt = { line, character: replacement.length };
    const pkg = await compose(warm.connection);
    times.push(now() - t0);
    cpu.push(cpuMs(warm.child.pid) - c0);
    if (pkg.totals.total > budget) throw new Error(`edit ${n}: total ${pkg.totals.total} over budget ${budget}`);
    current = replacement;
  }
  return times;
}
const codeCpu = [];
const nameCpu = [];
const codeEdits = await editSeries(Number(args['code-edits']), (n) => `    internal static int EditCount => ${n};`, edits + rankEdits + 1, codeCpu);
const nameEdits = await editSeries(Number(args['name-edits']), (n) => `    internal static int Edit${n}Count => 1;`, edits + rankEdits + Number(args['code-edits']) + 1, nameCpu);
const peak = peakRssMb(warm.child.pid);
const exitCode = await stop(warm);
if (args['server-log']) writeFileSync(args['server-log'], warm.stderr());
if (!args.cache) rmSync(cache, { recursive: true, force: true });

function summary(values) {
  const v = [...values].sort((a, b) => a - b);
  return { p50: +percentile(v, 50).toFixed(1), p90: +percentile(v, 90).toFixed(1), p99: +percentile(v, 99).toFixed(1), max: +v.at(-1).toFixed(1), n: v.length };
}

const sorted = [...latencies].sort((a, b) => a - b);
const result = {
  root: args.root, active: args.active, budget, profile: args.profile, msbuild: !args['no-msbuild'], edits,
  coldStartToFirstComposeMs: cold && Math.round(cold.startToFirstComposeMs), coldStartToLoadedMs: cold && Math.round(cold.startToLoadedMs),
  warmStartToFirstComposeMs: Math.round(warm.startToFirstComposeMs), warmStartToLoadedMs: Math.round(warm.startToLoadedMs),
  loaded: warm.loadMessage,
  didChangeToComposeMs: sorted.length ? {
    p50: +percentile(sorted, 50).toFixed(1), p90: +percentile(sorted, 90).toFixed(1), p99: +percentile(sorted, 99).toFixed(1),
    min: +sorted[0].toFixed(1), max: +sorted.at(-1).toFixed(1), mean: +(latencies.reduce((a, b) => a + b, 0) / latencies.length).toFixed(1),
  } : null,
  composeWithoutChangeMs: summary(composeOnly),
  didChangeToRankMs: changeToRank.length ? summary(changeToRank) : null,
  codeEditToComposeMs: codeEdits.length ? summary(codeEdits) : null,
  nameEditToComposeMs: nameEdits.length ? summary(nameEdits) : null,
  // The server's CPU time (all threads) per edit, same order statistics: wall p99 far above CPU p99 means waiting for a core.
  serverCpuPerEditMs: {
    comment: commentCpu.length ? summary(commentCpu) : null,
    code: codeCpu.length ? summary(codeCpu) : null,
    name: nameCpu.length ? summary(nameCpu) : null,
  },
  loadAverage: { start: loadAtStart, end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number) },
  peakServerRssMb: Math.round(peak),
  segments: warm.first.segments.length, totals: warm.first.totals,
  exitCode,
};
console.log(JSON.stringify(result, null, 2));
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
