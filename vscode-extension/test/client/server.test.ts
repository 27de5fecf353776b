// The extension's protocol layer and view models against the real `codecontext serve` process on
// samples/Shop (a private copy): the server the .vsix carries (server/codecontext.dll, or
// CODECONTEXT_SERVER_DLL), started the way the extension starts it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node';
import { announcedProfiles, ErrorCodes, Methods, type ContextMarkdownResult, type ExplainResult, type ExportBundleResult, type Manifest, type StatusResult } from '../../src/protocol';
import { resolveServerCommand, whichOn } from '../../src/model/serverCommand';
import { panelModel } from '../../src/model/panelModel';
import { hitTest } from '../../src/model/regions';

const extensionDir = path.resolve(__dirname, '..', '..', '..');
const repoRoot = path.resolve(extensionDir, '..');
const dll = process.env.CODECONTEXT_SERVER_DLL ?? path.join(extensionDir, 'server', 'codecontext.dll');
const ACTIVE = 'src/Shop.Services/Orders/OrderService.cs';

let scratch: string;
let workspace: string;
let server: ChildProcessWithoutNullStreams;
let connection: rpc.MessageConnection;
let initializeResult: unknown;
const progress: string[] = [];
const stdoutNoise: string[] = [];

const uriOf = (relative: string): string => pathToFileURL(path.join(workspace, ...relative.split('/'))).href;

before(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'codecontext-client-'));
  workspace = path.join(scratch, 'Shop');
  fs.cpSync(path.join(repoRoot, 'samples', 'Shop'), workspace, { recursive: true, filter: (src) => !/[\\/]bin$/.test(src) });
  const isFile = (f: string): boolean => { try { return fs.statSync(f).isFile(); } catch { return false; } };
  const resolved = resolveServerCommand({ configuredPath: '', bundledDll: dll, extraArgs: ['--cache-dir', path.join(scratch, 'cache')], which: whichOn(process.env.PATH, isFile), exists: isFile });
  assert.ok(resolved.ok, resolved.ok ? '' : `${resolved.message} (build it with npm run publish-server)`);
  server = spawn(resolved.value.command, resolved.value.args, { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
  server.stderr.on('data', () => { /* logs: not protocol */ });
  connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  connection.onError(([error]) => stdoutNoise.push(String(error)));
  let loaded!: () => void;
  const loading = new Promise<void>((resolve) => { loaded = resolve; });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
    progress.push(p.value.kind);
    if (p.value.kind === 'end') loaded();
  });
  connection.listen();
  initializeResult = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    capabilities: { window: { workDoneProgress: true } },
    clientInfo: { name: 'codecontext-vscode-client-test' },
    initializationOptions: { profile: 'deepseek-ocr-base' },
  });
  await connection.sendNotification('initialized', {});
  await loading;
});

after(async () => {
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } catch { /* already gone */ }
  await new Promise<void>((resolve) => {
    if (server.exitCode !== null) { resolve(); return; }
    const timer = setTimeout(() => { server.kill('SIGKILL'); resolve(); }, 10_000);
    server.once('exit', () => { clearTimeout(timer); resolve(); });
  });
  connection.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

test('initialize announces the profiles the picker lists and the methods the commands call; loading reports progress', async () => {
  const profiles = announcedProfiles(initializeResult);
  assert.ok(profiles.includes('deepseek-ocr-base') && profiles.includes('gpt-4o'), profiles.join(', '));
  const methods = (initializeResult as { capabilities: { experimental: { codeContext: { methods: string[] } } } }).capabilities.experimental.codeContext.methods;
  for (const m of Object.values(Methods)) assert.ok(methods.includes(m), `${m} is not announced`);
  assert.equal(progress[0], 'begin');
  assert.equal(progress.at(-1), 'end');
  const status = await connection.sendRequest<StatusResult>(Methods.status, {});
  assert.equal(status.state, 'ready');
  assert.ok((status.files ?? 0) > 50);
  assert.ok(status.cacheDirectory && status.cacheDirectory.startsWith(scratch));
  assert.deepEqual(stdoutNoise, [], 'the server wrote something that is not protocol on stdout');
});

test('a compose with file images becomes a panel model whose pages exist and whose regions hit-test to real files', async () => {
  const manifest = await connection.sendRequest<Manifest>(Methods.compose, {
    textDocument: { uri: uriOf(ACTIVE) }, position: { line: 40, character: 12 }, budget: 12000, profile: 'deepseek-ocr-base', images: 'file',
  });
  const model = panelModel(manifest, (image) => image.path ?? '');
  assert.equal(model.active, ACTIVE);
  assert.ok(model.bar.total <= 12000 && model.bar.total > 0);
  const widths = model.bar.segments.reduce((s, x) => s + x.percent, 0);
  assert.ok(widths <= 100 + 1e-9 && widths > 99, `bar widths add up to ${widths}`);
  assert.ok(model.bar.segments.some((s) => /^L\d$/.test(s.key)), 'no page level in the bar at 12k');
  assert.equal(model.groups[0]!.form, 'active');
  assert.ok(model.pages.length > 0);
  for (const page of model.pages) {
    assert.ok(page.src.startsWith(path.join(scratch, 'cache')), `page outside the cache: ${page.src}`);
    assert.ok(fs.existsSync(page.src));
    for (const r of page.regions) {
      assert.ok(fs.existsSync(path.join(workspace, r.path)), `${r.path} is not a file of the workspace`);
      assert.equal(hitTest(page.regions, r.x + r.width / 2, r.y + r.height / 2), r);
    }
  }
});

test('an edit in an open document is what the next compose carries; a stale version is content-modified', async () => {
  const uri = uriOf(ACTIVE);
  const text = fs.readFileSync(path.join(workspace, ACTIVE), 'utf8');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'csharp', version: 1, text } });
  const first = await connection.sendRequest<Manifest>(Methods.compose, { textDocument: { uri, version: 1 }, budget: 12000 });
  const comment = '// ' + 'a long comment typed in the editor '.repeat(20) + '\n';
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: comment }],
  });
  const second = await connection.sendRequest<Manifest>(Methods.compose, { textDocument: { uri, version: 2 }, budget: 12000 });
  const activeTokens = (m: Manifest): number => m.segments.find((s) => s.role === 'active')!.tokens;
  assert.ok(activeTokens(second) > activeTokens(first), `active tokens ${activeTokens(first)} -> ${activeTokens(second)}`);
  assert.ok(second.segments.find((s) => s.role === 'active')!.text!.includes('a long comment typed in the editor'));
  await assert.rejects(connection.sendRequest(Methods.compose, { textDocument: { uri, version: 1 }, budget: 12000 }), (e: { code?: number }) => e.code === ErrorCodes.contentModified);
  await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('a cancelled compose is answered as cancelled (the panel drops it)', async () => {
  const source = new rpc.CancellationTokenSource();
  const pending = connection.sendRequest(Methods.compose, { textDocument: { uri: uriOf(ACTIVE) }, budget: 24000, profile: 'claude' }, source.token);
  source.cancel();
  await assert.rejects(pending, (e: { code?: number }) => e.code === ErrorCodes.requestCancelled);
});

test('explain, copy as Markdown and export answer what the commands show', async () => {
  const request = { textDocument: { uri: uriOf(ACTIVE) }, position: { line: 40, character: 12 }, budget: 12000 };
  const explained = await connection.sendRequest<ExplainResult>(Methods.explain, { ...request, target: { uri: uriOf('src/Shop.Domain/Orders/Order.cs') } });
  assert.ok((explained.rank ?? 0) >= 1 && explained.reasons.length > 0 && explained.plan?.why);
  const copied = await connection.sendRequest<ContextMarkdownResult>(Methods.contextMarkdown, request);
  assert.ok(copied.markdown.includes(ACTIVE));
  assert.ok(copied.markdown.includes('pages/page-001.png'));
  const out = path.join(scratch, 'bundle');
  const exported = await connection.sendRequest<ExportBundleResult>(Methods.exportBundle, { ...request, outDirectory: out });
  for (const f of exported.files) assert.ok(fs.existsSync(path.join(out, f)), `${f} missing`);
  assert.equal(fs.readFileSync(path.join(out, 'context.md'), 'utf8'), copied.markdown);
});
