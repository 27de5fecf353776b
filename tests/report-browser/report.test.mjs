// Opens summarize's report.html from a bundle folder in headless Chromium through playwright-core
// and checks what a reviewer relies on: the page renders without script errors, the budget bar
// and files table are there, every page thumbnail loads, a thumbnail opens the page full size
// with its region outlines, and hovering a region shows file:lines from the manifest.
//
// usage: node report.test.mjs BUNDLE_DIR [SCREENSHOT.png]  (the open page goes to SCREENSHOT-page.png)
//   CHROMIUM   browser (default: /usr/bin/chromium, which .ci/steps installs)
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [bundle, screenshot] = process.argv.slice(2);
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!bundle || !existsSync(join(bundle, 'report.html'))) throw new Error(`no report.html in '${bundle}'`);
if (!existsSync(browserPath)) throw new Error(`no browser at ${browserPath} (set CHROMIUM)`);

const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
const images = manifest.segments.filter((s) => s.kind === 'image');
const labels = new Set(images.flatMap((s) => s.regions.map((r) => `${r.path}:${r.startLine}-${r.endLine}`)));

function check(condition, what) {
  if (!condition) throw new Error(`report-browser: ${what}`);
}

const browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(pathToFileURL(resolve(bundle, 'report.html')).href);

  check((await page.textContent('h1')).startsWith('CodeContext summary'), 'no title');
  const bar = await page.$$eval('#budget-bar > div', (slices) => slices.map((s) => s.getBoundingClientRect().width));
  check(bar.length > 0 && bar.every((w) => w > 0), `budget bar slices have no width: ${bar}`);
  const rows = await page.$$eval('#files tbody tr', (r) => r.length);
  check(rows === manifest.files.length, `files table has ${rows} rows, the manifest ${manifest.files.length} files`);

  const thumbs = await page.$$('.thumb');
  check(thumbs.length === images.length, `${thumbs.length} thumbnails for ${images.length} pages`);
  for (const thumb of thumbs) {
    await thumb.scrollIntoViewIfNeeded();
    const img = await thumb.$('img');
    await page.waitForFunction((i) => i.complete && i.naturalWidth > 0, img, { timeout: 10000 });
  }

  await page.evaluate(() => window.scrollTo(0, 0));
  if (screenshot) await page.screenshot({ path: screenshot });

  if (thumbs.length > 0) {
    await thumbs[0].click();
    await page.waitForSelector('#viewer[open] .stage img');
    await page.waitForFunction(() => document.querySelector('#viewer .stage img').naturalWidth > 0);
    const regions = await page.$$('#viewer .stage .region');
    check(regions.length === images[0].regions.length, `${regions.length} outlines for ${images[0].regions.length} regions`);
    await regions[0].hover();
    const tip = await page.waitForSelector('#tip', { state: 'visible' });
    const text = await tip.textContent();
    check(/^.+:\d+-\d+$/.test(text), `hover shows '${text}', not file:lines`);
    check(labels.has(text), `hover shows '${text}', which is no region of the manifest`);
    // A modal dialog covers everything outside it: the tooltip must be drawn inside it to be seen.
    check(await tip.evaluate((t) => t.closest('dialog[open]') !== null), 'the tooltip is drawn under the open page');
    if (screenshot) await page.screenshot({ path: screenshot.replace(/\.png$/, '-page.png') });
    console.log(`report-browser: hover shows ${text}`);
  }

  check(problems.length === 0, problems.join('; '));
  console.log(`report-browser: ok (${rows} files, ${thumbs.length} pages)`);
} finally {
  await browser.close();
}
