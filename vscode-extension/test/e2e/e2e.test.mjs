// End to end in a real VS Code workbench: code-server with the packaged .vsix installed by
// --install-extension, driven by headless Chromium through playwright-core.
//
// Usage: node test/e2e/e2e.test.mjs
//   CODE_SERVER   code-server executable (default: ~/.cache/codecontext-ci/code-server/node_modules/.bin/code-server)
//   VSIX          the packaged extension (default: dist/codecontext.vsix)
//   CHROMIUM      browser (default: /usr/bin/chromium)
//   E2E_OUT       screenshots and timings (default: test-output/e2e)
//   E2E_MEASURE   also time N keystrokes to an updated budget bar (docs/benchmarks.md)
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, rmSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import {
  LONG, log, requireTools, prepareWorkbench, startWorkbench, stopWorkbench, extensionLogTimings, settledVersion, statusText,
  runCommand, openFile, typeInEditor, serverPids, serverPid, waitFor, measureKeystrokesAndOpens,
} from './workbench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, '..', '..');
const repoRoot = path.resolve(extensionDir, '..');
const vsix = path.resolve(process.env.VSIX ?? path.join(extensionDir, 'dist', 'codecontext.vsix'));
const outDir = path.resolve(process.env.E2E_OUT ?? path.join(extensionDir, 'test-output', 'e2e'));
const measureCount = Number(process.env.E2E_MEASURE ?? 0);
const ACTIVE = 'src/Shop.Services/Orders/OrderService.cs';

requireTools(vsix);
mkdirSync(outDir, { recursive: true });

const scratch = mkdtempSync(path.join(os.tmpdir(), 'codecontext-e2e-'));
const workspace = path.join(scratch, 'Shop');
cpSync(path.join(repoRoot, 'samples', 'Shop'), workspace, { recursive: true, filter: (src) => !/[\\/](bin|\.vs)$/.test(src) });
const cacheDir = path.join(scratch, 'cache');
const timings = {};
let workbench;
let extensionsDir;
let failed = false;

try {
  const prepared = await prepareWorkbench(scratch, vsix);
  ({ extensionsDir } = prepared);
  const { port, userDataDir } = prepared;
  workbench = await startWorkbench(prepared, workspace, cacheDir);
  const { browser } = workbench;
  const page = await browser.newPage({ viewport: { width: 1700, height: 1000 } });
  page.setDefaultTimeout(LONG);
  const pageOpened = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor();
  log('workbench is up');

  await openFile(page, 'OrderService.cs');
  // Show Context while the server is still starting or loading (cold cache): the panel says so at
  // once, never stays empty, and fills itself when the server is ready.
  await page.locator('.statusbar-item', { hasText: /CodeContext/ }).first().waitFor({ timeout: LONG });
  await runCommand(page, 'CodeContext: Show Context');
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('#notice, #budget-bar').first().waitFor({ timeout: 30_000 });
  if (await view.locator('#notice').count() > 0) {
    const notice = await view.locator('#notice').innerText();
    assert.match(notice, /Starting|Loading|Composing/, `the panel while loading says: ${notice}`);
    await page.screenshot({ path: path.join(outDir, 'loading.png') });
    log(`panel while the server loads: ${notice.split('\n')[0]}`);
  }
  const status = page.locator('.statusbar-item', { hasText: /CodeContext ready|\d(\.\d)?k?\/\d+(\.\d)?k · / });
  await status.first().waitFor({ timeout: LONG });
  const readyAt = Date.now();
  timings.pageToReadyMs = readyAt - pageOpened;
  log(`status bar: ${await status.first().innerText()}`);

  await view.locator('#active-path', { hasText: ACTIVE }).waitFor({ timeout: LONG });
  const bar = view.locator('#budget-bar');
  assert.ok(await bar.locator('.seg').count() >= 2, 'the budget bar has no segments');
  const thumbs = view.locator('.thumb img');
  await thumbs.first().waitFor();
  await waitFor(async () => (await thumbs.first().evaluate((img) => img.complete && img.naturalWidth > 0)), 30_000, 'the first thumbnail to load');
  timings.readyToPanelMs = Date.now() - readyAt;
  // Pages come as cache files through the webview's resource roots, not as data URLs.
  assert.doesNotMatch(await thumbs.first().getAttribute('src'), /^data:/);
  const total = Number(await bar.getAttribute('data-total'));
  const budget = Number(await bar.getAttribute('data-budget'));
  assert.ok(total > 0 && total <= budget, `budget bar total ${total} of ${budget}`);
  log(`panel: ${await thumbs.count()} thumbnails, ${total}/${budget} tokens; ${await view.locator('#summary').innerText()}`);
  await waitFor(async () => /\d(\.\d)?k?\/\d+(\.\d)?k · /.test(await statusText(page)), 30_000, 'the status bar to show the budget use');
  await page.screenshot({ path: path.join(outDir, 'panel.png') });

  // A page at full size with its region map; click a region of another file.
  await view.locator('.thumb').first().click();
  const region = view.locator('.region').filter({ hasNot: view.locator('nothing') });
  await region.first().waitFor();
  const labels = await region.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-label')));
  const index = labels.findIndex((l) => l && !l.startsWith(ACTIVE) && /:\d+-\d+$/.test(l));
  assert.ok(index >= 0, `no multi-line region on page 1: ${labels.join(', ')}`);
  const label = labels[index];
  const [, regionPath, startLine] = /^(.*):(\d+)-(\d+)$/.exec(label);
  await region.nth(index).hover();
  await waitFor(async () => (await view.locator('#region-label').innerText()) === label, 10_000, `the hover label to name ${label}`);
  await page.screenshot({ path: path.join(outDir, 'page-regions.png') });
  await region.nth(index).click();
  const fileName = path.posix.basename(regionPath);
  await page.locator('.tab.active .label-name', { hasText: new RegExp(`^${fileName.replace('.', '\\.')}$`) }).first().waitFor({ timeout: 30_000 });
  await waitFor(async () => (await page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText()).startsWith(`Ln ${startLine}, Col 1`), 30_000, `the editor to show ${regionPath} at line ${startLine}`);
  log(`region ${label} opened ${fileName} at line ${startLine}`);
  await page.screenshot({ path: path.join(outDir, 'region-opened.png') });

  // Back in OrderService.cs: an edit updates the panel.
  await openFile(page, 'OrderService.cs');
  await view.locator('#active-path', { hasText: ACTIVE }).waitFor();
  await view.locator('.overlay').waitFor({ state: 'detached', timeout: 30_000 }); // another file's context closes the page
  // The budget picker recomposes (and writes the setting, which takes effect without a reload).
  await view.locator('#budget').selectOption('8000');
  await waitFor(async () => (await bar.getAttribute('data-budget')) === '8000', 60_000, 'the panel to recompose for 8k');
  assert.ok(Number(await bar.getAttribute('data-total')) <= 8000);
  await waitFor(async () => (await view.locator('.thumb img').evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0))), 30_000, 'every thumbnail to load');
  await page.screenshot({ path: path.join(outDir, 'panel-8k.png') });
  log(`budget picker: ${await view.locator('#summary').innerText()}`);

  // Commands from the palette: copy as Markdown, explain a file of the context, select a profile.
  await runCommand(page, 'CodeContext: Copy Context as Markdown');
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'copied the context as Markdown' }).first().waitFor({ timeout: 60_000 });
  await runCommand(page, 'CodeContext: Explain Why This File...');
  const explainRow = page.locator('.quick-input-list .monaco-list-row').first();
  await waitFor(async () => /^[\w./-]+\.cs$/.test((await explainRow.locator('.label-name').innerText()).trim()), 30_000, 'the files of the context to be listed');
  const explained = (await explainRow.locator('.label-name').innerText()).trim();
  await explainRow.click();
  const dialog = page.locator('.monaco-dialog-box', { hasText: explained });
  await dialog.waitFor({ timeout: 60_000 });
  assert.match(await dialog.innerText(), /Rank \d+ of \d+/);
  await page.screenshot({ path: path.join(outDir, 'explain.png') });
  await dialog.locator('.monaco-button', { hasText: 'OK' }).first().click();
  log(`explain: ${explained}`);
  await runCommand(page, 'CodeContext: Select Model Profile');
  await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^deepseek-ocr-small$/ }) }).first().click();
  await waitFor(async () => (await view.locator('#profile').inputValue()) === 'deepseek-ocr-small', 60_000, 'the panel to recompose for deepseek-ocr-small');
  log(`profile: ${await view.locator('#summary').innerText()}`);

  const before = await settledVersion(view);
  await typeInEditor(page, 'public int AddedByTheEndToEndTest => 42;');
  await waitFor(async () => Number(await bar.getAttribute('data-version')) > before, 60_000, 'the panel to show the edited document');
  log(`edit: panel moved from version ${before} to ${await bar.getAttribute('data-version')}`);

  // Kill the server: it comes back and the panel works again.
  const pidBefore = serverPid(extensionsDir);
  assert.ok(pidBefore, 'no codecontext serve process found');
  process.kill(pidBefore, 'SIGKILL');
  log(`killed the server (pid ${pidBefore})`);
  await waitFor(() => { const p = serverPid(extensionsDir); return p !== undefined && p !== pidBefore; }, 60_000, 'a new server process');
  await waitFor(async () => /CodeContext ready|\d(\.\d)?k?\/\d+(\.\d)?k · /.test(await statusText(page)) && !/restarting|starting|loading/.test(await statusText(page)), LONG, 'the status bar to be ready again');
  const afterRestart = await settledVersion(view);
  await typeInEditor(page, ' // and after a restart');
  await waitFor(async () => Number(await bar.getAttribute('data-version')) > afterRestart, LONG, 'the panel to update after the restart');
  assert.ok(await thumbs.count() > 0, 'no thumbnails after the restart');
  log(`restart: server pid ${serverPid(extensionsDir)}, panel at version ${await bar.getAttribute('data-version')}`);
  await page.screenshot({ path: path.join(outDir, 'after-restart.png') });

  // A server that cannot start: a clear state in the status bar, a notification and the panel.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
  await setUserSettings(page, { ...settings, 'codecontext.server.path': path.join(scratch, 'missing', 'codecontext.dll') });
  await waitFor(async () => /CodeContext failed/.test(await statusText(page)), 60_000, 'the status bar to say failed');
  await view.locator('#notice', { hasText: 'not running' }).waitFor({ timeout: 30_000 });
  // The notification (a toast that an Escape may already have tucked away) is in the notification center.
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center .notification-list-item', { hasText: 'does not exist' }).first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(outDir, 'server-missing.png') });
  await page.keyboard.press('Escape');
  log('a missing server shows failed, a notification and the panel notice');
  await setUserSettings(page, settings);
  await waitFor(async () => /\d(\.\d)?k?\/8k · /.test(await statusText(page)), LONG, 'the server to come back after the setting is removed');
  await view.locator('#budget-bar').waitFor({ timeout: LONG });
  log('setting removed: ready and composed again');

  // Restart Server and Show Server Log from the palette.
  const pidBeforeRestart = serverPid(extensionsDir);
  await runCommand(page, 'CodeContext: Restart Server');
  await waitFor(() => { const p = serverPid(extensionsDir); return p !== undefined && p !== pidBeforeRestart; }, 60_000, 'Restart Server to start a new process');
  await waitFor(async () => /\d(\.\d)?k?\/8k · /.test(await statusText(page)), LONG, 'the status bar after Restart Server');
  await runCommand(page, 'CodeContext: Show Server Log');
  await page.locator('.part.panel .view-lines', { hasText: 'ms after the server was started' }).first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(outDir, 'server-log.png') });
  log(`restart server: pid ${pidBeforeRestart} -> ${serverPid(extensionsDir)}; the log is shown`);

  if (measureCount > 0) Object.assign(timings, await measureKeystrokesAndOpens(page, view, bar, measureCount, ['Order.cs', 'OrderService.cs', 'Customer.cs', 'OrderService.cs']));

  Object.assign(timings, extensionLogTimings(userDataDir));
  writeFileSync(path.join(outDir, 'timings.json'), JSON.stringify(timings, null, 2));
  log(`timings ${JSON.stringify(timings)}`);

  // Multi-root: one server per folder holding C#, none for a folder without it.
  const multi = path.join(scratch, 'multi');
  for (const name of ['Shop.Domain', 'Shop.Services']) cpSync(path.join(workspace, 'src', name), path.join(multi, name), { recursive: true });
  mkdirSync(path.join(multi, 'Notes'), { recursive: true });
  writeFileSync(path.join(multi, 'Notes', 'README.md'), '# Notes\nNo C# here.\n');
  const workspaceFile = path.join(multi, 'multi.code-workspace');
  writeFileSync(workspaceFile, JSON.stringify({ folders: ['Shop.Domain', 'Notes', 'Shop.Services'].map((p) => ({ path: p })) }));
  page.on('dialog', (dialog) => void dialog.accept()); // leaving a window with unsaved edits
  await page.goto(`http://127.0.0.1:${port}/?workspace=${encodeURIComponent(workspaceFile)}`);
  await page.locator('.monaco-workbench').waitFor();
  const folderServers = async () => serverPids(extensionsDir).map((pid) => { try { return readlinkSync(`/proc/${pid}/cwd`); } catch { return ''; } });
  await waitFor(async () => { const cwds = await folderServers(); return ['Shop.Domain', 'Shop.Services'].every((f) => cwds.includes(path.join(multi, f))); }, LONG, 'a server for each C# folder');
  await openFile(page, 'Order.cs');
  await page.locator('.statusbar-item', { hasText: /CodeContext ready|\d(\.\d)?k?\/\d+(\.\d)?k · / }).first().waitFor({ timeout: LONG });
  const cwds = await folderServers();
  assert.ok(!cwds.includes(path.join(multi, 'Notes')), `a server was started for the folder without C#: ${cwds.join(', ')}`);
  assert.equal(cwds.filter((c) => c.startsWith(multi)).length, 2, `servers in the multi-root workspace: ${cwds.join(', ')}`);
  await page.screenshot({ path: path.join(outDir, 'multi-root.png') });
  log(`multi-root: servers for ${cwds.filter((c) => c.startsWith(multi)).map((c) => path.basename(c)).join(' and ')}, none for Notes`);

  console.log('e2e: ok');
} catch (error) {
  failed = true;
  console.error('e2e: FAILED', error);
  try {
    const pages = workbench?.browser.contexts().flatMap((c) => c.pages()) ?? [];
    if (pages[0]) await pages[0].screenshot({ path: path.join(outDir, 'failure.png') });
  } catch { /* best effort */ }
} finally {
  await stopWorkbench(workbench, extensionsDir);
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

// ------------------------------------------------------------------ helpers

/** Replaces the user settings through the workbench's settings.json editor, then returns to the C# editor. */
async function setUserSettings(page, values) {
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tab.active .label-name', { hasText: /^settings\.json$/ }).first().waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(values, null, 2));
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
  await runCommand(page, 'View: Close Editor');
  await page.locator('.tab.active .label-name', { hasText: /^OrderService\.cs$/ }).first().waitFor();
}
