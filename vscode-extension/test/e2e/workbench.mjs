// The workbench the end-to-end test and the measurement run drive: code-server with the packaged
// .vsix installed by --install-extension, headless Chromium through playwright-core, and the
// helpers that wait on what the workbench shows (never on sleeps).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const LONG = Number(process.env.E2E_TIMEOUT_MS ?? 240_000); // a cold first start compiles and loads a lot: wait on states, generously
export const codeServer = process.env.CODE_SERVER ?? path.join(os.homedir(), '.cache', 'codecontext-ci', 'code-server', 'node_modules', '.bin', 'code-server');
export const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const log = (m) => console.log(`e2e: ${m}`);

/** Exits with code 2 when code-server, the .vsix or the browser is missing. */
export function requireTools(vsix) {
  for (const [what, file] of [['code-server', codeServer], ['the .vsix', vsix], ['chromium', browserPath]]) {
    if (!existsSync(file)) { console.error(`e2e: ${what} not found at ${file}`); process.exit(2); }
  }
}

/** User settings and code-server's config in scratch; the .vsix installed into scratch/extensions. */
export async function prepareWorkbench(scratch, vsix) {
  const extensionsDir = path.join(scratch, 'extensions');
  const userDataDir = path.join(scratch, 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'window.commandCenter': false,
  }, null, 2));
  const config = path.join(scratch, 'config.yaml');
  const port = await freePort();
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const install = spawnSync(codeServer, ['--config', config, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { encoding: 'utf8', timeout: LONG });
  assert.equal(install.status, 0, `--install-extension failed:\n${install.stdout}\n${install.stderr}`);
  log(`installed ${path.basename(vsix)}: ${install.stdout.trim().split('\n').at(-1)}`);
  return { config, port, extensionsDir, userDataDir };
}

/** Starts code-server (the extension's cache in cacheDir) and a headless browser; resolves once code-server listens. */
export async function startWorkbench({ config, extensionsDir, userDataDir }, workspace, cacheDir) {
  const server = spawn(codeServer, ['--config', config, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--disable-workspace-trust', '--disable-telemetry', '--disable-update-check', workspace], {
    env: { ...process.env, CODECONTEXT_CACHE_DIR: cacheDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const serverLog = [];
  server.stdout.on('data', (d) => serverLog.push(String(d)));
  server.stderr.on('data', (d) => serverLog.push(String(d)));
  await waitFor(() => serverLog.join('').includes('HTTP server listening'), 60_000, 'code-server to listen');
  const browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  return { server, browser };
}

/** Closes the browser and code-server, then every codecontext server the extension host left behind. */
export async function stopWorkbench({ server, browser } = {}, extensionsDir) {
  await browser?.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { const t = setTimeout(r, 10_000); server.once('exit', () => { clearTimeout(t); r(); }); });
  }
  // A server killed while its extension host still runs is restarted by the client library: keep
  // killing what is left until none has appeared for a while.
  let quietSince = Date.now();
  for (const deadline = Date.now() + 30_000; Date.now() < deadline && Date.now() - quietSince < 3_000;) {
    const left = serverPids(extensionsDir);
    if (left.length > 0) quietSince = Date.now();
    for (const pid of left) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the extension logged in its output channel (the workbench keeps it under logs/). */
/** @param since only logs written from then on (ms since the epoch): one workbench session's. */
export function extensionLogTimings(dir, since = 0) {
  const files = readdirSync(path.join(dir, 'logs'), { recursive: true }).map(String)
    .filter((f) => /CodeContext\.log$/.test(f) && statSync(path.join(dir, 'logs', f)).mtimeMs >= since);
  const text = files.map((f) => readFileSync(path.join(dir, 'logs', f), 'utf8')).join('\n');
  const all = (re) => [...text.matchAll(re)].map((m) => Number(m[1]));
  const composes = all(/composed .* in (\d+) ms/g);
  return {
    activationToReadyMs: all(/ready (\d+) ms after activation/g)[0],
    serverStartToReadyMs: all(/ready (\d+) ms after the server was started/g),
    composeRoundTripMs: composes.length ? percentiles(composes) : undefined,
    // Where a keystroke's time goes: the edit debounce, the round trip above, the panel drawing it.
    editToComposeSentMs: optional(all(/sent (\d+) ms after the last edit/g)),
    answerToDrawnMs: optional(all(/panel drew compose #\d+ (\d+) ms after its answer/g)),
    answerToBudgetDrawnMs: optional(all(/panel drew the budget of compose #\d+ (\d+) ms after its answer/g)),
    drawDomMs: optional(all(/drew compose #\d+ \d+ ms after its answer \(DOM (\d+) ms/g)),
  };
}

const optional = (samples) => (samples.length ? percentiles(samples) : undefined);

export function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { n: s.length, p50: at(0.5), p99: at(0.99), min: s[0], max: s.at(-1) };
}

export async function settledVersion(view) {
  const bar = view.locator('#budget-bar');
  await view.locator('body[data-busy="false"], body:not([data-busy])').first().waitFor().catch(() => undefined);
  return Number(await bar.getAttribute('data-version'));
}

export async function statusText(page) {
  return (await page.locator('.statusbar-item').allInnerTexts()).join(' | ');
}

/** Keyboard focus back on the workbench (a click in the webview keeps it in the iframe). */
export async function focusWorkbench(page) {
  await page.keyboard.press('Escape');
  await page.locator('.part.sidebar .composite.title').first().click();
}

export async function runCommand(page, title) {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escaped}$`) }) }).first().click();
}

export async function openFile(page, file) {
  // Quick open fills its list in steps (history, then the file search): wait until the file is the
  // first row, then take it; if the list still moved under the key press, try again. A path with
  // folders tells apart files of the same name; the list and the tab show the name alone.
  const name = path.posix.basename(file);
  for (let attempt = 1; ; attempt++) {
    await focusWorkbench(page);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(file);
    const first = page.locator('.quick-input-list .monaco-list-row .label-name').first();
    await waitFor(async () => (await first.innerText()).trim() === name, 30_000, `${name} to head the quick open list`);
    await page.keyboard.press('Enter');
    try {
      await page.locator('.tab.active .label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }).first().waitFor({ timeout: attempt < 3 ? 15_000 : LONG });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`quick open did not open ${name} (attempt ${attempt}); again`);
    }
  }
}

export async function typeInEditor(page, text) {
  const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await editor.click({ position: { x: 200, y: 60 } });
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

export function serverPids(extensionsDir) {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const pids = [];
  for (const line of ps.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m && m[2].includes(extensionsDir) && m[2].includes('codecontext.dll serve')) pids.push(Number(m[1]));
  }
  return pids;
}

export function serverPid(extensionsDir) {
  return serverPids(extensionsDir)[0];
}

export async function waitFor(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try { if (await condition()) return; } catch (error) { lastError = error; }
    await new Promise((r) => setTimeout(r, 100)); // polling interval, not a synchronisation sleep
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

/**
 * Keystroke to updated budget bar over `count` keystrokes typed where the cursor is (debounce
 * included), then opening each of `files` (paths or names, in turn, at most 8) to a populated panel.
 */
export async function measureKeystrokesAndOpens(page, view, bar, count, files) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const before = await settledVersion(view);
    const t0 = Date.now();
    await page.keyboard.type(i % 2 === 0 ? 'x' : 'y');
    await waitFor(async () => Number(await bar.getAttribute('data-version')) > before, 60_000, 'the bar to update');
    samples.push(Date.now() - t0);
  }
  const opens = [];
  for (let i = 0; i < Math.min(count, 8); i++) {
    const file = files[i % files.length];
    const name = path.posix.basename(file);
    const t0 = Date.now();
    await openFile(page, file);
    await view.locator('#active-path', { hasText: new RegExp(`/${name.replace('.', '\\.')}$`) }).waitFor();
    await view.locator('.thumb img').first().waitFor();
    opens.push(Date.now() - t0);
  }
  return { keystrokeToBarMs: percentiles(samples), openFileToPanelMs: percentiles(opens) };
}
