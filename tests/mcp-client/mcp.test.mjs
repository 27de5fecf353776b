// The official MCP TypeScript SDK client drives the real `codecontext mcp` process over stdio:
// lists the tools, calls each, and checks what an agent relies on (pages are real PNGs of the
// profile's geometry, totals within the budget, read_region is the file's exact lines, an edit on
// disk shows in the next context, paths outside the root are tool errors).
// Usage: node mcp.test.mjs <path to codecontext.dll> <workspace: a copy of samples/Shop> <cache folder>
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [serverDll, workspace, cacheDir] = process.argv.slice(2);
if (!serverDll || !workspace || !cacheDir) {
  console.error('usage: node mcp.test.mjs <codecontext.dll> <workspace> <cache dir>');
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const profiles = JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'server', 'CodeContext.Rendering', 'Profiles', 'profiles.json'), 'utf8'));
const geometry = (id) => profiles.find((p) => p.id === id).page;

/** Decodes a PNG far enough to prove it is one: signature, IHDR, and IDAT inflating to exactly the rows IHDR promises. */
function decodePng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'not a PNG signature');
  let at = 8;
  let header;
  const idat = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], colour: data[9] };
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  assert.ok(header, 'no IHDR chunk');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.colour];
  const raw = zlib.inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, header.height * (1 + Math.ceil((header.width * channels * header.depth) / 8)), 'IDAT does not inflate to the rows IHDR promises');
  return header;
}

const texts = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text);

const timer = setTimeout(() => { console.error('mcp-client: timed out'); process.exit(1); }, 280_000);
const transport = new StdioClientTransport({
  command: 'dotnet',
  args: [serverDll, 'mcp', workspace, '--no-msbuild', '--cache-dir', cacheDir, '--budget', '12000'],
  stderr: 'inherit',
});
const client = new Client({ name: 'codecontext-mcp-client-test', version: '1.0.0' });
// Anything on stdout that is not a protocol message (a stray log line) surfaces here.
const protocolErrors = [];
client.onerror = (error) => protocolErrors.push(error);
await client.connect(transport);
const long = { timeout: 240_000 };

// Tools, described for a model.
const { tools } = await client.listTools();
assert.deepEqual(tools.map((t) => t.name).sort(), ['explain_file', 'get_context', 'rank_files', 'read_region', 'status']);
for (const tool of tools) assert.ok(tool.description.length > 80, `${tool.name} has no real description`);
assert.deepEqual(tools.find((t) => t.name === 'read_region').inputSchema.required.sort(), ['endLine', 'path', 'startLine']);

const status = await client.callTool({ name: 'status', arguments: {} });
assert.match(texts(status)[0], /^(loading|ready)/);

// get_context with a progress token: the server's default budget (12000 from the command line), default profile.
const active = 'src/Shop.Services/Orders/OrderService.cs';
const progress = [];
const context = await client.callTool({ name: 'get_context', arguments: { file: active, line: 40 } }, undefined, { ...long, onprogress: (p) => progress.push(p) });
assert.ok(!context.isError, texts(context).join('\n'));
const manifest = context.structuredContent;
assert.equal(manifest.budget, 12000);
assert.ok(manifest.totals.total <= manifest.budget, `total ${manifest.totals.total} exceeds the budget ${manifest.budget}`);
assert.match(texts(context)[0], /of a 12000 budget/);
const images = context.content.filter((c) => c.type === 'image');
assert.ok(images.length > 0, 'no page images');
assert.equal(images.length, manifest.segments.filter((s) => s.kind === 'image').length);
for (const image of images) {
  assert.equal(image.mimeType, 'image/png');
  const png = decodePng(Buffer.from(image.data, 'base64'));
  assert.deepEqual([png.width, png.height], [geometry('deepseek-ocr-base').width, geometry('deepseek-ocr-base').height]);
}
assert.ok(progress.length >= 2, `expected progress notifications, got ${progress.length}`);
assert.ok(progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress), 'progress must increase');
assert.ok(texts(context).at(-1).includes('public sealed class OrderService'), 'the active file is not the last text block');

// Another profile, another geometry; a small budget is still honoured.
const small = await client.callTool({ name: 'get_context', arguments: { file: active, budget: 3000, profile: 'deepseek-ocr-small' } }, undefined, long);
assert.ok(!small.isError, texts(small).join('\n'));
assert.ok(small.structuredContent.totals.total <= 3000);
for (const image of small.content.filter((c) => c.type === 'image')) {
  const png = decodePng(Buffer.from(image.data, 'base64'));
  assert.deepEqual([png.width, png.height], [geometry('deepseek-ocr-small').width, geometry('deepseek-ocr-small').height]);
}

// read_region is the file's exact lines.
const lines = fs.readFileSync(path.join(workspace, active), 'utf8').split(/\r?\n/);
const region = await client.callTool({ name: 'read_region', arguments: { path: active, startLine: 12, endLine: 30 } });
assert.ok(!region.isError, texts(region).join('\n'));
assert.equal(region.content[0].text, lines.slice(11, 30).join('\n'));

const ranked = await client.callTool({ name: 'rank_files', arguments: { file: active, top: 3 } });
assert.equal(ranked.structuredContent.files.length, 3);
assert.match(texts(ranked)[0], /^Files most relevant to src\/Shop.Services\/Orders\/OrderService.cs/);
const explained = await client.callTool({ name: 'explain_file', arguments: { file: active, target: ranked.structuredContent.files[0].path } });
assert.match(texts(explained)[0], /ranks 1 of \d+ files/);

// An edit on disk shows in the next get_context (the watcher feeds the incremental update).
const marker = `// edited-by-the-mcp-test-${process.pid}`;
fs.appendFileSync(path.join(workspace, active), `\n${marker}\n`);
const after = await client.callTool({ name: 'get_context', arguments: { file: active } }, undefined, long);
assert.ok(!after.isError, texts(after).join('\n'));
assert.ok(texts(after).some((t) => t.includes(marker)), 'the edit on disk is not in the next context');

// Paths outside the root, unknown files and bad arguments are tool errors; the server keeps serving.
const outside = await client.callTool({ name: 'read_region', arguments: { path: '/etc/passwd', startLine: 1, endLine: 2 } });
assert.equal(outside.isError, true);
assert.match(texts(outside)[0], /outside the workspace root/);
const climbing = await client.callTool({ name: 'get_context', arguments: { file: '../../etc/hosts' } });
assert.equal(climbing.isError, true);
assert.match(texts(climbing)[0], /outside the workspace root/);
const unknown = await client.callTool({ name: 'get_context', arguments: { file: 'src/NoSuchFile.cs' } });
assert.equal(unknown.isError, true);
assert.match(texts(unknown)[0], /not a C# file of the loaded codebase/);
const badBudget = await client.callTool({ name: 'get_context', arguments: { file: active, budget: 'lots' } });
assert.equal(badBudget.isError, true);
assert.match(texts(badBudget)[0], /budget/);
assert.match(texts(await client.callTool({ name: 'status', arguments: {} }))[0], /^ready/);

assert.deepEqual(protocolErrors.map(String), [], 'stdout carried something that is not a protocol message');
await client.close();
clearTimeout(timer);
console.log(`mcp-client: ok (${tools.length} tools; ${images.length} pages ${geometry('deepseek-ocr-base').width}x${geometry('deepseek-ocr-base').height}, ${manifest.totals.total}/${manifest.budget} tokens; ${progress.length} progress notifications)`);
