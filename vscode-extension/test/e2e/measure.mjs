// The extension's timings on any C# workspace (docs/benchmarks.md, "VS Code extension"): the
// packaged .vsix in code-server, driven by headless Chromium, twice on one copy of the workspace:
// first with an empty cache directory (cold), then with a new code-server and the same cache (warm).
// Each session: page load to status "ready", "ready" to a populated panel, keystrokes to an updated
// budget bar, opening files to a populated panel, and the extension's own log (activation to ready,
// compose round trips).
//
// Usage: E2E_WORKSPACE=<folder> E2E_ACTIVE=<relative path> node test/e2e/measure.mjs
//   E2E_OPEN      comma-separated paths to open in turn (default: E2E_ACTIVE alone)
//   E2E_MEASURE   keystrokes per session (default 30)
//   E2E_BUDGET    the panel's budget while measuring (default 8000, as the Shop measurement)
//   E2E_OUT, VSIX, CODE_SERVER, CHROMIUM, E2E_TIMEOUT_MS: as for e2e.test.mjs
// The workspace is copied (history included, bin/ and obj/ left out); the original is never touched.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LONG, log, requireTools, prepareWorkbench, startWorkbench, stopWorkbench, extensionLogTimings, runCommand, openFile,
  typeInEditor, waitFor, measureKeystrokesAndOpens,
} from './workbench.mjs';

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = process.env.E2E_WORKSPACE;
const active = process.env.E2E_ACTIVE;
if (!source || !active) {
  console.error('measure: E2E_WORKSPACE (a folder) and E2E_ACTIVE (a file in it, relative) are required');
  process.exit(2);
}
const vsix = path.resolve(process.env.VSIX ?? path.join(extensionDir, 'dist', 'codecontext.vsix'));
const outDir = path.resolve(process.env.E2E_OUT ?? path.join(extensionDir, 'test-output', 'measure'));
const count = Number(process.env.E2E_MEASURE ?? 30);
const budget = process.env.E2E_BUDGET ?? '8000';
const opens = (process.env.E2E_OPEN ?? active).split(',').map((p) => p.trim()).filter(Boolean);
requireTools(vsix);
mkdirSync(outDir, { recursive: true });

const scratch = mkdtempSync(path.join(os.tmpdir(), 'codecontext-measure-'));
const workspace = path.join(scratch, path.basename(path.resolve(source)));
cpSync(source, workspace, { recursive: true, filter: (src) => !/[\\/](bin|obj|\.vs)$/.test(src) });
const cacheDir = path.join(scratch, 'cache');
const results = { workspace: path.basename(workspace), active, budget: Number(budget), keystrokes: count, load: os.loadavg().map((l) => +l.toFixed(1)) };
let failed = false;

try {
  const prepared = await prepareWorkbench(scratch, vsix);
  for (const label of ['cold', 'warm']) {
    let workbench;
    try {
      workbench = await startWorkbench(prepared, workspace, cacheDir);
      results[label] = await session(workbench.browser, prepared, label);
      log(`${label}: ${JSON.stringify(results[label])}`);
    } finally {
      await stopWorkbench(workbench, prepared.extensionsDir);
    }
  }
  results.loadAfter = os.loadavg().map((l) => +l.toFixed(1));
  writeFileSync(path.join(outDir, 'timings.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
} catch (error) {
  failed = true;
  console.error('measure: FAILED', error);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

async function session(browser, { port, userDataDir }, label) {
  const timings = {};
  const page = await browser.newPage({ viewport: { width: 1700, height: 1000 } });
  page.setDefaultTimeout(LONG);
  const pageOpened = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor();
  await openFile(page, active);
  await page.locator('.statusbar-item', { hasText: /CodeContext/ }).first().waitFor({ timeout: LONG });
  await runCommand(page, 'CodeContext: Show Context');
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const status = page.locator('.statusbar-item', { hasText: /CodeContext ready|\d(\.\d)?k?\/\d+(\.\d)?k · / });
  await status.first().waitFor({ timeout: LONG });
  const readyAt = Date.now();
  timings.pageToReadyMs = readyAt - pageOpened;
  await view.locator('#active-path', { hasText: active }).waitFor({ timeout: LONG });
  await waitFor(async () => (await view.locator('.thumb img').first().evaluate((img) => img.complete && img.naturalWidth > 0)), LONG, 'the first thumbnail to load');
  timings.readyToPanelMs = Date.now() - readyAt;
  await page.screenshot({ path: path.join(outDir, `${label}-panel.png`) });
  const bar = view.locator('#budget-bar');
  if (label === 'cold') {
    // The picker writes the setting, which the warm session then starts with.
    await view.locator('#budget').selectOption(budget);
    await waitFor(async () => (await bar.getAttribute('data-budget')) === budget, LONG, `the panel to recompose for ${budget}`);
  }
  await typeInEditor(page, 'public int AddedByTheMeasurement => 42;');
  Object.assign(timings, await measureKeystrokesAndOpens(page, view, bar, count, opens));
  Object.assign(timings, extensionLogTimings(userDataDir, pageOpened));
  await page.close();
  return timings;
}
