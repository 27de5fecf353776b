// get_context latency of `codecontext mcp`, driven as an agent drives it (the MCP TypeScript SDK
// over the real process's stdio), on a private copy of a codebase (never edited in place):
//   cold:  spawn -> first get_context answered, empty cache directory;
//   warm:  the same with the cache the cold run left;
//   edits: a line of the active file rewritten on disk, then get_context at once: time from the
//          write to the answer (p50, p90, p99, max);
//   same:  get_context with nothing changed.
//   --split: also the time from each write to rank_files answered (the edit applied, no compose).
// Usage: node bench.mjs --server <codecontext.dll> --codebase <folder> --active <relative path>
//          [--budget 16000] [--edits 50] [--no-msbuild] [--split] [--verbose] [--out results.json]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const server = option('--server');
const codebase = option('--codebase');
const active = option('--active');
const budget = Number(option('--budget', '16000'));
const edits = Number(option('--edits', '50'));
if (!server || !codebase || !active) {
  console.error('usage: node bench.mjs --server <codecontext.dll> --codebase <folder> --active <relative path> [--budget N] [--edits N] [--no-msbuild] [--out file]');
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'codecontext-mcp-bench-'));
const root = path.join(work, 'codebase');
const cache = path.join(work, 'cache');
// Sources only (never the original: edits are made to the copy). A copy of samples/Shop outside
// the repository lacks the Directory.Build.props its projects take their target framework from:
// measure it with --no-msbuild (syntax-first), as the tests load it.
fs.cpSync(codebase, root, { recursive: true, filter: (p) => !['bin', 'obj'].includes(path.basename(p)) });

async function start() {
  const extra = args.includes('--no-msbuild') ? ['--no-msbuild'] : [];
  const transport = new StdioClientTransport({
    command: 'dotnet',
    args: [server, 'mcp', root, '--cache-dir', cache, '--budget', String(budget), ...extra],
    stderr: args.includes('--verbose') ? 'inherit' : 'ignore',
  });
  const client = new Client({ name: 'codecontext-mcp-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function context(client) {
  const result = await client.callTool({ name: 'get_context', arguments: { file: active } }, undefined, { timeout: 600_000 });
  if (result.isError) throw new Error(result.content[0].text);
  return result;
}

async function firstCall() {
  const began = performance.now();
  const client = await start();
  const result = await context(client);
  return { client, ms: performance.now() - began, total: result.structuredContent.totals.total };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) };
};

const cold = await firstCall();
await cold.client.close();
const warm = await firstCall();
const client = warm.client;

const same = [];
for (let i = 0; i < 5; i++) {
  const began = performance.now();
  await context(client);
  same.push(performance.now() - began);
}

const file = path.join(root, active);
const original = fs.readFileSync(file, 'utf8');
const editTimes = [];
// --split: each edit is followed by rank_files first (it waits for the edit to be applied and
// composes nothing), so the update and the compose are timed apart.
const split = args.includes('--split');
const updateTimes = [];
for (let i = 0; i < edits; i++) {
  const began = performance.now();
  fs.writeFileSync(file, `${original}\n// bench edit ${i}\n`);
  if (split) {
    await client.callTool({ name: 'rank_files', arguments: { file: active, top: 1 } }, undefined, { timeout: 600_000 });
    updateTimes.push(performance.now() - began);
  }
  const result = await context(client);
  editTimes.push(performance.now() - began);
  if (!result.content.some((c) => c.type === 'text' && c.text.includes(`// bench edit ${i}`))) throw new Error(`edit ${i} is not in the context`);
}
await client.close();

const results = {
  codebase: path.basename(codebase), active, budget,
  coldFirstCallMs: Math.round(cold.ms), warmFirstCallMs: Math.round(warm.ms),
  unchanged: summary(same), afterEdit: summary(editTimes),
  ...(split ? { editApplied: summary(updateTimes), firstEdit: { appliedMs: updateTimes[0], answeredMs: editTimes[0] } } : {}),
  // Which edits were slow matters (the first after a warm start fills the pack stage's caches).
  slowestEdits: editTimes.map((ms, i) => ({ edit: i, ms })).sort((a, b) => b.ms - a.ms).slice(0, 3),
};
console.log(JSON.stringify(results, (k, v) => (typeof v === 'number' ? Math.round(v) : v), 2));
if (option('--out')) fs.writeFileSync(option('--out'), JSON.stringify(results, null, 2));
fs.rmSync(work, { recursive: true, force: true });
