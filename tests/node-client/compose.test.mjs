// A second client in another language: drives the real `codecontext serve` process with
// vscode-jsonrpc (what the VS Code extension uses) through initialize -> compose -> shutdown -> exit.
// Usage: node compose.test.mjs <path to codecontext.dll> <workspace folder> <cache folder>
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import rpc from 'vscode-jsonrpc/node.js';

const [serverDll, workspace, cacheDir] = process.argv.slice(2);
if (!serverDll || !workspace || !cacheDir) {
  console.error('usage: node compose.test.mjs <codecontext.dll> <workspace> <cache dir>');
  process.exit(2);
}

const server = spawn('dotnet', [serverDll, 'serve', '--no-msbuild', '--cache-dir', cacheDir], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));

const progress = [];
let loaded;
const loading = new Promise((resolve) => { loaded = resolve; });
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onNotification('$/progress', (params) => {
  progress.push(params.value.kind);
  if (params.value.kind === 'end') loaded(params.value.message);
});
connection.listen();

const timer = setTimeout(() => { console.error('node-client: timed out'); server.kill(); process.exit(1); }, 240_000);

const init = await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(workspace).href,
  capabilities: { window: { workDoneProgress: true } },
  clientInfo: { name: 'node-client-test' },
});
assert.ok(init.capabilities.experimental.codeContext.methods.includes('codeContext/compose'));
await connection.sendNotification('initialized', {});
const loadMessage = await loading;
assert.deepEqual([progress[0], progress.at(-1)], ['begin', 'end']);

const active = path.join(workspace, 'src', 'Shop.Services', 'Orders', 'OrderService.cs');
const budget = 12000;
const pkg = await connection.sendRequest('codeContext/compose', {
  textDocument: { uri: pathToFileURL(active).href },
  position: { line: 40, character: 12 },
  budget,
  images: 'dataUrl',
});
assert.ok(pkg.totals.total <= budget, `total ${pkg.totals.total} exceeds the budget ${budget}`);
assert.equal(pkg.active.path, 'src/Shop.Services/Orders/OrderService.cs');
const images = pkg.segments.filter((s) => s.kind === 'image');
assert.ok(images.length > 0, 'the package has no page images');
for (const segment of images) {
  assert.match(segment.image.dataUrl, /^data:image\/png;base64,iVBORw0KGgo/);
}

const region = await connection.sendRequest('codeContext/readRegion', { textDocument: { uri: pathToFileURL(active).href }, startLine: 1, endLine: 2 });
assert.equal(region.text.split('\n').length, 2);

assert.equal(await connection.sendRequest('shutdown'), null);
await connection.sendNotification('exit');
const [code] = await once(server, 'exit');
clearTimeout(timer);
assert.equal(code, 0);
console.log(`node-client: ok (${loadMessage}; ${pkg.segments.length} segments, ${images.length} images, ${pkg.totals.total}/${budget} tokens; exit ${code})`);
connection.dispose();
