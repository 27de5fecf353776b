import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetView, panelModel } from '../../src/model/panelModel';
import type { Manifest } from '../../src/protocol';

const manifest: Manifest = {
  version: 1, profile: 'deepseek-ocr-base', tokenizer: 'deepseek-v3', budget: 4000,
  active: { path: 'src/A.cs', startLine: 1, endLine: 50, whole: true },
  totals: { textTokens: 2000, visionTokens: 546, total: 2546, sourceTokens: 9000, headroom: 1454, repositorySourceTokens: 12000, effectiveCompression: 3.53,
    byForm: { active: { files: 1, sourceTokens: 1500, tokens: 1500 }, L2: { files: 3, sourceTokens: 7000, tokens: 546 } } },
  segments: [
    { kind: 'image', role: 'L2', tokens: 273, image: { file: 'pages/page-001.png', width: 1024, height: 1024, path: '/cache/serve-pages/1.png' },
      regions: [{ path: 'src/B.cs', startLine: 1, endLine: 9, x: 0, y: 0, width: 500, height: 90 }, { path: 'src/C.cs', startLine: 1, endLine: 30, x: 0, y: 90, width: 500, height: 300 }] },
    { kind: 'image', role: 'L2', tokens: 273, image: { file: 'pages/page-002.png', width: 1024, height: 1024, dataUrl: 'data:image/png;base64,AAAA' },
      regions: [{ path: 'src/C.cs', startLine: 31, endLine: 60, x: 0, y: 0, width: 500, height: 300 }] },
    { kind: 'text', role: 'active', tokens: 1500, path: 'src/A.cs', text: '...' },
  ],
  files: [
    { path: 'src/A.cs', relevance: 1, form: 'text', tokens: 1500, reasons: [], why: 'the active file is always exact text' },
    { path: 'src/B.cs', relevance: 0.4, form: 'L2', tokens: 50, reasons: ['uses A'], why: 'L2: L1 did not fit' },
    { path: 'src/C.cs', relevance: 0.7, form: 'L2', tokens: 496, reasons: ['declares C'], why: 'L2', slices: [{ startLine: 1, endLine: 30, form: 'L2', tokens: 200 }, { startLine: 31, endLine: 60, form: 'L2', tokens: 296 }] },
    { path: '.env', relevance: 0, form: 'excluded', tokens: 0, reasons: ['environment file'], why: 'secrets' },
  ],
  secrets: { maskedValues: { 'aws-access-key-id': 2 }, excludedFiles: 1 },
};

test('files are grouped by form in the bar order, the active file in its own group, each by relevance', () => {
  const model = panelModel(manifest, (i) => i.path ?? i.dataUrl ?? '', 7);
  assert.deepEqual(model.groups.map((g) => g.form), ['active', 'L2', 'excluded']);
  assert.deepEqual(model.groups[1]!.files.map((f) => f.path), ['src/C.cs', 'src/B.cs']);
  assert.equal(model.groups[1]!.tokens, 546);
  assert.equal(model.groups[1]!.files[0]!.slices, '1-30 L2, 31-60 L2');
  assert.equal(model.version, 7);
  assert.equal(model.masked, 2);
  assert.equal(model.excludedSecrets, 1);
});

test('pages keep prompt order, their regions and an image source the webview may load', () => {
  const model = panelModel(manifest, (i) => (i.path ? `webview:${i.path}` : i.dataUrl ?? ''));
  assert.deepEqual(model.pages.map((p) => [p.index, p.level, p.src]), [[1, 'L2', 'webview:/cache/serve-pages/1.png'], [2, 'L2', 'data:image/png;base64,AAAA']]);
  assert.equal(model.pages[0]!.files, 2);
  assert.equal(model.pages[1]!.regions[0]!.startLine, 31);
  assert.equal(model.bar.total, 2546);
  assert.deepEqual(model.bar.segments.map((s) => s.key), ['active', 'L2', 'overhead', 'free']);
});

test('the budget posted ahead of a model is that model\'s bar, version and totals, small whatever the files', () => {
  const model = panelModel(manifest, (i) => i.path ?? i.dataUrl ?? '', 9);
  const budget = budgetView(model);
  assert.deepEqual(budget, { version: 9, bar: model.bar, pages: 2, sourceTokens: 9000, repositorySourceTokens: 12000, masked: 2, excludedSecrets: 1 });
  const many = { ...manifest, files: Array.from({ length: 800 }, (_, i) => ({ ...manifest.files[1]!, path: `src/F${i}.cs`, why: 'left out: '.repeat(10) })) };
  assert.ok(JSON.stringify(budgetView(panelModel(many, () => ''))).length < JSON.stringify(model.bar).length + 200);
});
