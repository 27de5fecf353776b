import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BUDGET, DEFAULT_PROFILE, parseBudget, readSettings, settingsChange } from '../../src/model/settings';
import { resolveServerCommand, whichOn } from '../../src/model/serverCommand';
import { statusView } from '../../src/model/statusText';

const reader = (values: Record<string, unknown>) => (key: string): unknown => values[key];

test('missing or unusable settings fall back to the documented defaults', () => {
  assert.deepEqual(readSettings(reader({})), { budget: DEFAULT_BUDGET, profile: DEFAULT_PROFILE, serverPath: '', extraArgs: [], trace: 'off' });
  const odd = readSettings(reader({ budget: -5, profile: '  ', 'server.extraArgs': ['--no-msbuild', 3, ''], 'trace.server': 'loud' }));
  assert.equal(odd.budget, DEFAULT_BUDGET);
  assert.equal(odd.profile, DEFAULT_PROFILE);
  assert.deepEqual(odd.extraArgs, ['--no-msbuild']);
  assert.equal(odd.trace, 'off');
  const set = readSettings(reader({ budget: 12000.7, profile: 'gpt-4o', 'server.path': ' /opt/cc/codecontext.dll ', 'trace.server': 'verbose' }));
  assert.deepEqual(set, { budget: 12000, profile: 'gpt-4o', serverPath: '/opt/cc/codecontext.dll', extraArgs: [], trace: 'verbose' });
});

test('budget and profile recompose; the server path and arguments restart', () => {
  const base = readSettings(reader({}));
  assert.deepEqual(settingsChange(base, { ...base, budget: 8000 }), { restart: false, recompose: true });
  assert.deepEqual(settingsChange(base, { ...base, profile: 'claude' }), { restart: false, recompose: true });
  assert.deepEqual(settingsChange(base, { ...base, serverPath: 'codecontext' }), { restart: true, recompose: true });
  assert.deepEqual(settingsChange(base, { ...base, extraArgs: ['--no-msbuild'] }), { restart: true, recompose: true });
  assert.deepEqual(settingsChange(base, { ...base, trace: 'messages' }), { restart: false, recompose: false });
  assert.deepEqual(settingsChange(base, { ...base }), { restart: false, recompose: false });
});

test('a typed budget accepts k and refuses what is not a token count', () => {
  assert.equal(parseBudget('32000'), 32000);
  assert.equal(parseBudget(' 16k '), 16000);
  assert.equal(parseBudget('1.5K'), 1500);
  assert.equal(typeof parseBudget('lots'), 'string');
  assert.equal(typeof parseBudget('10'), 'string');
});

test('the bundled .dll runs with dotnet; without dotnet the message says what to install', () => {
  const files = new Set(['/ext/server/codecontext.dll', '/usr/bin/dotnet', '/opt/cc/codecontext.dll', '/usr/local/bin/codecontext']);
  const which = whichOn('/usr/local/bin:/usr/bin', (f) => files.has(f), 'linux');
  const inputs = { configuredPath: '', bundledDll: '/ext/server/codecontext.dll', extraArgs: ['--no-msbuild'], which, exists: (f: string) => files.has(f) };
  const bundled = resolveServerCommand(inputs);
  assert.ok(bundled.ok);
  assert.equal(bundled.value.command, '/usr/bin/dotnet');
  assert.deepEqual(bundled.value.args, ['/ext/server/codecontext.dll', 'serve', '--no-msbuild']);

  const noDotnet = resolveServerCommand({ ...inputs, which: () => undefined });
  assert.ok(!noDotnet.ok);
  assert.equal(noDotnet.problem, 'no-dotnet');
  assert.match(noDotnet.message, /\.NET 10 runtime/);

  const configuredDll = resolveServerCommand({ ...inputs, configuredPath: '/opt/cc/codecontext.dll' });
  assert.ok(configuredDll.ok && configuredDll.value.args[0] === '/opt/cc/codecontext.dll');
  const onPath = resolveServerCommand({ ...inputs, configuredPath: 'codecontext' });
  assert.ok(onPath.ok && onPath.value.command === '/usr/local/bin/codecontext' && onPath.value.args[0] === 'serve');
  const missing = resolveServerCommand({ ...inputs, configuredPath: '/nowhere/codecontext.dll' });
  assert.ok(!missing.ok && missing.problem === 'not-found' && missing.message.includes('/nowhere/codecontext.dll'));
  const missingBundle = resolveServerCommand({ ...inputs, bundledDll: '/gone/codecontext.dll' });
  assert.ok(!missingBundle.ok && /reinstall/.test(missingBundle.message));
});

test('the status bar says each phase and, once composed, budget use and compression', () => {
  assert.match(statusView({ kind: 'loading', percentage: 42.4 }, undefined, false).text, /loading 42%/);
  assert.match(statusView({ kind: 'loading' }, undefined, false).text, /loading$/);
  assert.match(statusView({ kind: 'ready', files: 101 }, undefined, false).text, /CodeContext ready$/);
  assert.match(statusView({ kind: 'ready', binding: 120 }, undefined, false).text, /binding 120 files/);
  const composed = statusView({ kind: 'ready', files: 101 }, { total: 31_800, budget: 32_000, compression: 12.4 }, false);
  assert.match(composed.text, /31\.8k\/32k · 12\.4x$/);
  const failed = statusView({ kind: 'failed', message: 'no dotnet' }, undefined, false);
  assert.ok(failed.error);
  assert.match(failed.tooltip, /no dotnet/);
  assert.match(statusView({ kind: 'restarting' }, undefined, false).text, /restarting/);
});
